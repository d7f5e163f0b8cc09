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


def square_resize(images, size, antialias_enlarging=True):
    """Center-crops `[..., H, W, C]` to a square (the shorter side), then resizes it to size x size.

    Bilinear with antialiasing, so shrinking averages instead of aliasing. Works on one image or
    a batch, with static or dynamic shapes; uint8 stays uint8 (rounded). `antialias_enlarging=False`
    enlarges with plain bilinear instead, twice as fast (pix2pix's 256 -> 286 resize of
    streamed files); the values differ from the antialiased ones only by float rounding.
    """
    images = tf.convert_to_tensor(images)
    shape = tf.shape(images)
    height, width = shape[-3], shape[-2]
    side = tf.minimum(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    square = images[..., top:top + side, left:left + side, :]  # [..., side, side, C]

    def resized(antialias):
        values = tf.image.resize(tf.cast(square, tf.float32), (size, size), method="bilinear", antialias=antialias)
        return _round_like(values, images.dtype)

    if antialias_enlarging:
        out = tf.cond(tf.equal(side, size), lambda: square, lambda: resized(True))
    else:
        out = tf.cond(tf.equal(side, size), lambda: square,
                      lambda: tf.cond(side > size, lambda: resized(True), lambda: resized(False)))
    out.set_shape(images.shape[:-3].concatenate([size, size]).concatenate(images.shape[-1:]))
    return out


def normalize(images):
    """0..255 values to float32 in [-1, 1]."""
    return tf.cast(images, tf.float32) / 127.5 - 1.0


def decode(encoded):
    """Encoded JPEG/PNG/BMP/GIF/WebP bytes to a uint8 `[H, W, C]` image (a GIF's first frame)."""
    return tf.io.decode_image(encoded, channels=0, dtype=tf.uint8, expand_animations=False)


# An arbitrary constant that keeps the jitter's random stream apart from other uses of the same seed.
JITTER_STREAM = 0x6A6974746572


def joint_jitter(batch, keys, *, seed, step, crop_size, resize_size=None, flip=True, stream=0):
    """The same random crop and mirror for several paired images of a dict batch (pix2pix's jitter).

    Each of `keys` (`[B, H, W, C_k]` images sharing H and W) is resized to
    `resize_size` x `resize_size` (if given), then every example is cropped to
    `crop_size` x `crop_size` at one random position and mirrored left-right with
    probability 1/2, identically across the keys and independently across the
    examples. The draws are a stateless function of (seed, step), so the batch at
    a global step is the same however the pipeline got there. Other entries pass through.
    The keys may differ in channels (a grey source and an RGB target).

    Args:
        batch: name -> tensor, e.g. `{"source": [B, 286, 286, 3], "target": [B, 286, 286, 3]}`.
        keys: the names to jitter together.
        seed: the data seed.
        step: the batch's global step (an integer or int64 scalar tensor).
        crop_size: side of the crops.
        resize_size: side the images are first resized to (bilinear); None keeps their size.
        flip: False turns the mirroring off.
        stream: another number gives other draws from the same seed and step (the two
            domains of unpaired data are jittered independently); 0 is the default stream.

    Example:
        batch = joint_jitter(batch, ("source", "target"), seed=0, step=step, crop_size=256, resize_size=286)
    """
    keys = tuple(keys)
    images = {key: tf.convert_to_tensor(batch[key]) for key in keys}
    if resize_size is not None:
        images = {key: _round_like(tf.image.resize(tf.cast(value, tf.float32), (resize_size, resize_size)),
                                   value.dtype) for key, value in images.items()}
    sizes = {key: tuple(value.shape[1:3]) for key, value in images.items()}
    if len(set(sizes.values())) != 1:
        raise ValueError(f"joint_jitter needs images of one size, got {sizes}")
    height, width = sizes[keys[0]]
    if crop_size > min(height, width):
        raise ValueError(f"crop_size {crop_size} is larger than the {height}x{width} images")
    count = tf.shape(images[keys[0]])[0]
    key = tf.random.experimental.stateless_fold_in(
        tf.constant([seed, JITTER_STREAM], tf.int64), tf.cast(step, tf.int64))  # [2]
    if stream:
        key = tf.random.experimental.stateless_fold_in(key, tf.constant(stream, tf.int64))  # [2]
    draws = [tf.random.experimental.stateless_fold_in(key, k) for k in range(3)]
    tops = tf.random.stateless_uniform([count], draws[0], 0, height - crop_size + 1, tf.int32)  # [B]
    lefts = tf.random.stateless_uniform([count], draws[1], 0, width - crop_size + 1, tf.int32)  # [B]
    mirrored = tf.random.stateless_uniform([count], draws[2]) < (0.5 if flip else 0.0)  # [B]
    offsets = tf.range(crop_size)  # [S]
    rows = tops[:, None] + offsets  # [B, S]
    columns = lefts[:, None] + tf.where(mirrored[:, None], crop_size - 1 - offsets, offsets)  # [B, S]
    jittered = dict(batch)
    for key, value in images.items():
        value = tf.gather(value, rows, axis=1, batch_dims=1)  # [B, S, W, C]
        jittered[key] = tf.gather(value, columns, axis=2, batch_dims=1)  # [B, S, S, C]
    return jittered
