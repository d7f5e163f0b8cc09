"""`kgan inpaint`: fill the holes of one image with a trained Context Encoder."""
import os

from kgan.cli import options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.generate_command import _check_writable
from kgan.cli.usage_error import UsageError

#: mask pixels above this (on 0..255, after conversion to grey) are holes.
MASK_THRESHOLD = 127


def add_parser(commands):
    parser = commands.add_parser(
        "inpaint", help="fill the holes of an image with a trained inpainting model (context_encoder)",
        description="Fill the holes of IMAGE with the model of RUN_DIR (its model.keras, else its latest "
                    "checkpoint) or a model .keras file. The output has IMAGE's size: an image of another size "
                    "than the model's is resized to it, filled, and the filling resized back; known pixels are "
                    "kept exactly.")
    parser.add_argument("target", metavar="RUN_DIR|MODEL.keras")
    parser.add_argument("image", metavar="IMAGE", help="the image to fill (any format Pillow reads)")
    parser.add_argument("--mask", metavar="MASK.png", help=f"an image of IMAGE's size, white (above "
                                                           f"{MASK_THRESHOLD}) where pixels are missing (default: "
                                                           "the model's centre hole, scaled to IMAGE)")
    parser.add_argument("--out", metavar="OUT.png", required=True, help="the filled image, PNG (.png) or JPEG "
                                                                        "(.jpg, .jpeg)")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.set_defaults(run=inpaint_command)
    return parser


def read_image(option, path, mode):
    """uint8 `[H, W, C]` (mode "RGB" or "L") from an image file; a UsageError naming the file otherwise."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    if not os.path.isfile(path):
        raise UsageError(f"{option} {path}: no such file")
    try:
        with Image.open(path) as image:
            array = np.asarray(image.convert(mode))
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise UsageError(f"{option} {path}: cannot read it as an image ({' '.join(str(error).split())})") from None
    return array[..., None] if array.ndim == 2 else array


def read_mask(path, image_path, image_size):
    """Bool holes `[H, W]` from a mask file of the image's size; a UsageError for another size or no hole."""
    holes = read_image("--mask", path, "L")[..., 0] > MASK_THRESHOLD
    height, width = image_size
    if holes.shape != (height, width):
        raise UsageError(f"--mask {path} is {holes.shape[1]}x{holes.shape[0]} but {image_path} is {width}x{height}; "
                         f"give a mask of the image's size")
    if not holes.any():
        raise UsageError(f"--mask {path} has no hole: no pixel is above {MASK_THRESHOLD}")
    return holes


def inpaint_command(args):
    from kgan.images import image_format

    options.use_backend(args.backend)
    try:
        image_format(args.out)
    except ValueError as error:
        raise UsageError(f"--out {error}") from None
    _check_writable("--out", args.out)
    image = read_image("IMAGE", args.image, "RGB")  # checked now; read in the model's channels once it loads
    holes = None if args.mask is None else read_mask(args.mask, args.image, image.shape[:2])
    import_frameworks(["keras"], show_logs=args.tf_logs)
    return _inpaint(args, holes)


def _inpaint(args, holes):
    from kgan.images import save_image
    from kgan.inpainting import inpaint_image
    from kgan.models import ContextEncoder
    from kgan.runs import RunError, load_for_sampling

    try:
        model = load_for_sampling(args.target)
    except RunError as error:
        return options.fail(error)
    if not isinstance(model, ContextEncoder):
        return options.fail(f"{args.target} holds a {type(model).__name__}, which does not inpaint; give a "
                            f"context_encoder run or model")
    if model.channels not in (1, 3):
        return options.fail(f"{args.target} has {model.channels} channels; kgan inpaint reads RGB or grey images")
    image = read_image("IMAGE", args.image, "RGB" if model.channels == 3 else "L")
    try:
        filled = inpaint_image(model, image, holes)
    except ValueError as error:  # holes the model cannot reach
        return options.fail(f"--mask {args.mask}: {error}" if args.mask else error)
    save_image(filled, args.out)
    print(f"kgan: inpainted {args.image} ({image.shape[1]}x{image.shape[0]}) with {type(model).__name__}: {args.out}")
    return 0
