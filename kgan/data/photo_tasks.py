"""`photos:colorize`, `photos:edges`, `photos:unpaired`: image-to-image tasks made from the embedded photos.

The photographs that ship inside scikit-image (see `kgan.data.photos`) are split by photo:
`chelsea` (the cat) and `coffee` are held out (`split="test"`), the other six are the
training photos (`split="train"`). Every example is a square crop.

- `colorize`: A is the crop in grey (ITU-R 601 luma), B the crop in colour.
- `edges`: A is the crop's Canny edges (scikit-image, sigma 2, computed on the whole photo),
  black lines on white as in pix2pix's edges2* datasets, B the crop.
- `unpaired`: two domains that share no pixel, so no pairing exists to be used: domain A
  is crops from the left halves of the training photos as they are, domain B crops from
  their right halves with the red and blue channels swapped. The mapping between the
  domains is known (swap red and blue), so a translation can be scored against the truth
  on the held-out photos, whose test split is aligned: B[i] is A[i] swapped.

Training crops are drawn from the seed (`num_crops` of them, 1,024 by default); the
held-out crops are 64, fixed (seed 0) whatever the seed, so every run is scored on the
same images. Photos are first shrunk so that their shorter side is at most 4x the
load size (`photos.rescale`), for both splits alike.
"""
import numpy as np

from kgan.data import transforms
from kgan.data.array_examples import ArrayExamples
from kgan.data.errors import DataError, MissingSplit
from kgan.data.photos import DEFAULT_NUM_CROPS, PHOTOS, TEST_PHOTOS, TRAIN_PHOTOS, read_photos, rescale, random_crops
from kgan.data.two_sides import TwoSides

TASKS = ("colorize", "edges", "unpaired")
NUM_TEST_CROPS = 64
TEST_SEED = 0
EDGE_SIGMA = 2.0


def edges_channel(photo):
    """The photo with a 4th channel: 0 on its Canny edges, 255 elsewhere."""
    from skimage.color import rgb2gray
    from skimage.feature import canny

    edges = canny(rgb2gray(photo), sigma=EDGE_SIGMA)  # [H, W] bool
    return np.concatenate([photo, np.where(edges, 0, 255).astype(np.uint8)[..., None]], axis=-1)  # [H, W, 4]


def halves(photo, scale_size):
    """The left and right halves of a photo, each enlarged if it is narrower than `scale_size`."""
    middle = photo.shape[1] // 2
    return [rescale(half, scale_size) if min(half.shape[:2]) < scale_size else half
            for half in (photo[:, :middle], photo[:, middle:])]


def as_channels(images, channels):
    return transforms.to_channels(images, channels).numpy()


def open_photo_task(spec, split, shapes, scale_size, *, seed, num_crops=None):
    """`TwoSides` of a photo task at the sides' `shapes`, from photos shrunk for `scale_size` (the load size)."""
    task = spec[len("photos:"):]
    if task not in TASKS:
        raise DataError(f"unknown photo task {spec!r}; choose photos:colorize, photos:edges or photos:unpaired")
    if split not in ("train", "test"):
        raise MissingSplit(f"{spec} has a train and a test split, not {split!r}")
    if num_crops is not None and (isinstance(num_crops, bool) or not isinstance(num_crops, int) or num_crops < 1):
        raise DataError(f"num_crops must be a positive integer, got {num_crops!r}")
    chosen = TRAIN_PHOTOS if split == "train" else TEST_PHOTOS
    photos = [rescale(photo, scale_size) for name, photo in zip(PHOTOS, read_photos()) if name in chosen]
    size = shapes["A"][0]
    count, crop_seed = (num_crops or DEFAULT_NUM_CROPS, seed) if split == "train" else (NUM_TEST_CROPS, TEST_SEED)
    channels_a, channels_b = shapes["A"][-1], shapes["B"][-1]
    where = f"{', '.join(chosen)} ({split})"
    if task == "unpaired":
        if split == "train":
            parts = [halves(photo, scale_size) for photo in photos]
            a = random_crops([left for left, _ in parts], size, count, crop_seed)
            b = random_crops([right for _, right in parts], size, count, crop_seed, stream=1)[..., ::-1]
            note = f"left halves of {where} as domain A, right halves with red and blue swapped as B"
        else:
            a = random_crops(photos, size, count, crop_seed)
            b = a[..., ::-1]
            note = f"crops of {where}, aligned: B is A with red and blue swapped"
        return TwoSides(spec, False, ArrayExamples({"A": as_channels(a, channels_a)}),
                        ArrayExamples({"B": as_channels(np.ascontiguousarray(b), channels_b)}), note=note)
    if task == "edges":
        crops = random_crops([edges_channel(photo) for photo in photos], size, count, crop_seed)  # [N, S, S, 4]
        a, b = as_channels(crops[..., 3:], channels_a), as_channels(crops[..., :3], channels_b)
        note = f"Canny edges to crops of {where}"
    else:
        crops = random_crops(photos, size, count, crop_seed)  # [N, S, S, 3]
        a, b = as_channels(as_channels(crops, 1), channels_a), as_channels(crops, channels_b)
        note = f"grey to colour crops of {where}"
    examples = ArrayExamples({"A": a, "B": b})
    return TwoSides(spec, True, examples, examples, note=note)
