"""Image transforms shared by every source, usable eagerly and inside tf.data.

Images are kept on a 0..255 scale (uint8, or float32 where a source has finer values) until
`normalize` maps them to float32 in [-1, 1]. Resizing happens before channel conversion, and
uint8 results are rounded after each step, so a cached folder and a streamed one give the same
pixels.
"""
import tensorflow as tf

# ITU-R 601-2 luma, as PIL's "L" mode and most image libraries use.
LUMA = (0.299, 0.587, 0.114)


def _round_like(values, dtype):
    if dtype == tf.uint8:
        return tf.cast(tf.clip_by_value(tf.round(values), 0.0, 255.0), tf.uint8)
    return tf.cast(values, dtype)


def to_channels(images, channels):
    """`[..., H, W, C]` with C in 1..4 to `[..., H, W, channels]`; alpha is dropped.

    `channels=1` takes the luma of RGB(A) and the grey channel of grey(+alpha);
    `channels=3` keeps RGB, drops alpha, and repeats a grey channel three times.
    """
    images = tf.convert_to_tensor(images)
    if channels == 3:
        def color():
            return images[..., :3]

        def grey():
            return tf.repeat(images[..., :1], 3, axis=-1)
    elif channels == 1:
        def color():
            rgb = tf.cast(images[..., :3], tf.float32)  # [..., H, W, 3]
            return _round_like(tf.tensordot(rgb, tf.constant(LUMA), axes=1)[..., None], images.dtype)

        def grey():
            return images[..., :1]
    else:
        raise ValueError(f"channels must be 1 or 3, got {channels!r}")
    static_channels = images.shape[-1]
    if static_channels is not None:  # decide now: a traced cond would build both branches
        out = color() if static_channels >= 3 else grey()
    else:
        out = tf.cond(tf.shape(images)[-1] >= 3, color, grey)
    out.set_shape(images.shape[:-1].concatenate([channels]))
    return out


def square_resize(images, size):
    """Center-crops `[..., H, W, C]` to a square (the shorter side), then resizes it to size x size.

    Bilinear with antialiasing, so shrinking averages instead of aliasing. Works on one image or
    a batch, with static or dynamic shapes; uint8 stays uint8 (rounded).
    """
    images = tf.convert_to_tensor(images)
    shape = tf.shape(images)
    height, width = shape[-3], shape[-2]
    side = tf.minimum(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    square = images[..., top:top + side, left:left + side, :]  # [..., side, side, C]

    def resized():
        values = tf.image.resize(tf.cast(square, tf.float32), (size, size), method="bilinear", antialias=True)
        return _round_like(values, images.dtype)

    out = tf.cond(tf.equal(side, size), lambda: square, resized)
    out.set_shape(images.shape[:-3].concatenate([size, size]).concatenate(images.shape[-1:]))
    return out


def normalize(images):
    """0..255 values to float32 in [-1, 1]."""
    return tf.cast(images, tf.float32) / 127.5 - 1.0


def decode(encoded):
    """Encoded JPEG/PNG/BMP/GIF/WebP bytes to a uint8 `[H, W, C]` image (a GIF's first frame)."""
    return tf.io.decode_image(encoded, channels=0, dtype=tf.uint8, expand_animations=False)
