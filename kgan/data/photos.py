"""`photos`: random square crops of the RGB sample photographs that ship inside scikit-image.

`photos` crops all eight; `photos:train` only the six training photos and `photos:test` only the
two held-out ones (`chelsea`, `coffee`), the split that the photo tasks (`kgan.data.photo_tasks`)
and the benchmarks use, so that a model trained on `photos:train` is scored on photos it never saw.
"""
import numpy as np
import tensorflow as tf

from kgan.data import transforms
from kgan.data.errors import DataError
from kgan.data.image_data import from_arrays

DEFAULT_SIZE = 64
DEFAULT_NUM_CROPS = 1024
PHOTOS = ("astronaut", "chelsea", "coffee", "hubble_deep_field", "immunohistochemistry", "motorcycle",
          "retina", "rocket")
TEST_PHOTOS = ("chelsea", "coffee")
TRAIN_PHOTOS = tuple(name for name in PHOTOS if name not in TEST_PHOTOS)
SUBSETS = {"photos": PHOTOS, "photos:train": TRAIN_PHOTOS, "photos:test": TEST_PHOTOS}
# An arbitrary constant that keeps the crop stream apart from other uses of the same seed.
CROP_STREAM = 0x70686F746F


def read_photos():
    """The photographs as uint8 `[H, W, 3]` arrays, read from the scikit-image wheel (no download)."""
    try:
        import skimage.data
    except ImportError:
        raise DataError("the 'photos' source needs scikit-image: pip install scikit-image") from None
    photos = []
    for name in PHOTOS:
        photo = skimage.data.stereo_motorcycle()[0] if name == "motorcycle" else getattr(skimage.data, name)()
        photos.append(np.ascontiguousarray(photo[..., :3], dtype=np.uint8))
    return photos


def rescale(photo, size):
    """Shrinks a photo so its shorter side is at most 4 x size (never below size), so crops show whole
    parts of the scene rather than flat texture; photos shorter than size are enlarged to size."""
    height, width = photo.shape[:2]
    shorter = min(height, width)
    target = max(size, min(shorter, 4 * size))
    if target == shorter:
        return photo
    scale = target / shorter
    new_shape = (max(target, round(height * scale)), max(target, round(width * scale)))
    resized = tf.image.resize(photo.astype(np.float32), new_shape, method="bilinear", antialias=True)
    return np.clip(np.round(resized.numpy()), 0, 255).astype(np.uint8)


def random_crops(photos, size, num_crops, seed, stream=0):
    """`[num_crops, size, size, C]` uint8 crops: a uniformly chosen photo, then a uniform position.

    Another `stream` draws other crops from the same seed.
    """
    rng = np.random.default_rng([seed, CROP_STREAM] + ([stream] if stream else []))
    which = rng.integers(0, len(photos), size=num_crops)
    crops = np.empty((num_crops, size, size, photos[0].shape[-1]), np.uint8)
    for k, index in enumerate(which):
        photo = photos[index]
        top = rng.integers(0, photo.shape[0] - size + 1)
        left = rng.integers(0, photo.shape[1] - size + 1)
        crops[k] = photo[top:top + size, left:left + size]
    return crops


def load_photos(image_size=None, channels=None, *, batch_size, seed, shuffle, num_crops=DEFAULT_NUM_CROPS,
                spec="photos"):
    """A fixed set of `num_crops` crops, chosen from the seed, as an unlabeled `ImageData` (RGB by default).

    `spec` picks the photos: `"photos"` (all), `"photos:train"` or `"photos:test"` (see `SUBSETS`).
    """
    if isinstance(num_crops, bool) or not isinstance(num_crops, int) or num_crops < 1:
        raise DataError(f"num_crops must be a positive integer, got {num_crops!r}")
    if spec not in SUBSETS:
        raise DataError(f"unknown photo set {spec!r}; choose {', '.join(SUBSETS)}")
    chosen = SUBSETS[spec]
    size = image_size or DEFAULT_SIZE
    photos = [rescale(photo, size) for name, photo in zip(PHOTOS, read_photos()) if name in chosen]
    images = random_crops(photos, size, num_crops, seed)  # [N, S, S, 3]
    if channels == 1:
        images = transforms.to_channels(images, 1).numpy()  # [N, S, S, 1]
    which = f"{len(PHOTOS)} photographs" if spec == "photos" else f"{', '.join(chosen)} ({spec[len('photos:'):]})"
    return from_arrays(spec, images, None, batch_size=batch_size, seed=seed, shuffle=shuffle,
                       note=f"random crops of {which}")
