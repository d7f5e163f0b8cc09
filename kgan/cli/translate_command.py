"""`kgan translate`: translate an image, or every image of a folder, with a trained pix2pix or cyclegan model."""
import os

from kgan.cli import options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.generate_command import _check_writable
from kgan.cli.inpaint_command import read_image
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

#: output extensions; in a folder, an input of another format is written as NAME.png.
WRITTEN = (".png", ".jpg", ".jpeg")


def add_parser(commands):
    parser = commands.add_parser(
        "translate", help="translate images with a trained image-to-image model (pix2pix, cyclegan)",
        description="Translate INPUT, an image or a folder of images, with the model of RUN_DIR (its model.keras, "
                    "else its latest checkpoint), a model .keras file, or a model shipped in savedmodels/ "
                    "(--model NAME). Any size works: the image is padded by reflection to a size the model "
                    "takes, translated, and cropped back, so the output has the input's size. Images that pad "
                    "to more than 2048 x 2048 = 4,194,304 pixels are refused (resize them first).")
    parser.add_argument("target", metavar="RUN_DIR|MODEL.keras", nargs="?",
                        help="a pix2pix or cyclegan run or model file (left out with --model NAME)")
    parser.add_argument("input", metavar="INPUT", help="an image (PNG, JPEG, any format Pillow reads) or a folder "
                                                       "of them")
    parser.add_argument("--model", metavar="NAME", help="a model shipped in savedmodels/ (or $KGAN_SAVEDMODELS) "
                                                       "instead of RUN_DIR|MODEL.keras")
    parser.add_argument("--out", metavar="OUT", required=True,
                        help="the translated image, PNG (.png) or JPEG (.jpg, .jpeg); for a folder INPUT, the "
                             "folder to write into (created), under the same file names")
    parser.add_argument("--direction", choices=("AtoB", "BtoA"), metavar="AtoB|BtoA",
                        help="AtoB (default) or BtoA, for models that translate both ways (cyclegan)")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.set_defaults(run=translate_command)
    return parser


def model_path(args):
    """RUN_DIR|MODEL.keras, or the shipped model that --model names; a UsageError for neither or both."""
    from kgan.saved_models import saved_model_path

    if args.model is None:
        if args.target is None:
            raise UsageError("name the model: kgan translate RUN_DIR|MODEL.keras INPUT, or --model NAME INPUT")
        return args.target
    if args.target is not None:
        raise UsageError(f"give RUN_DIR|MODEL.keras ({args.target}) or --model {args.model}, not both")
    try:
        return saved_model_path(args.model)
    except ValueError as error:
        raise UsageError(f"--model {args.model}: {error}") from None


def image_size(path):
    """(height, width) from an image file's header; a UsageError naming the file when it is not an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.height, image.width
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise UsageError(f"INPUT {path}: cannot read it as an image ({' '.join(str(error).split())})") from None


def check_out_name(path):
    if os.path.splitext(path)[1].lower() not in WRITTEN:
        raise UsageError(f"--out {path}: kgan translate writes PNG (.png) or JPEG (.jpg, .jpeg); got the extension "
                         f"{os.path.splitext(path)[1]!r}")


def folder_jobs(folder, out):
    """[(input path, output path)] for the files of `folder`, sorted, and the entries not translated."""
    names = sorted(os.listdir(folder))
    files = [name for name in names if not name.startswith(".") and os.path.isfile(os.path.join(folder, name))]
    skipped = [name + ("/" if os.path.isdir(os.path.join(folder, name)) else "") for name in names
               if name not in files]
    if not files:
        raise UsageError(f"INPUT {folder}: the folder holds no image files")
    written = {}
    for name in files:
        stem, extension = os.path.splitext(name)
        target = name if extension.lower() in WRITTEN else stem + ".png"
        if target in written:
            raise UsageError(f"INPUT {folder}: {written[target]} and {name} would both be written as {target}")
        written[target] = name
    return [(os.path.join(folder, name), os.path.join(out, target)) for target, name in written.items()], skipped


def prepare_folder(folder, out):
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"--out {out}: not a folder; for a folder INPUT, --out names the folder to write into")
    if os.path.realpath(out) == os.path.realpath(folder):
        raise UsageError(f"--out {out}: is INPUT itself; write the translations into another folder")
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as error:
        raise EnvironmentFault(f"--out {out}: cannot create it", error) from None


def translate_command(args):
    options.use_backend(args.backend)
    path = model_path(args)
    if os.path.isdir(args.input):
        jobs, skipped = folder_jobs(args.input, args.out)
        prepare_folder(args.input, args.out)
    elif os.path.isfile(args.input):
        check_out_name(args.out)
        jobs, skipped = [(args.input, args.out)], []
    else:
        raise UsageError(f"INPUT {args.input}: no such file or folder")
    for _, out in jobs:
        _check_writable("--out", out)
    sizes = [image_size(source) for source, _ in jobs]  # every input is an image before anything is written
    import_frameworks(["keras"], show_logs=args.tf_logs)
    return _translate(args, path, jobs, sizes, skipped)


def _load(args, path):
    """The model, its direction and the Pillow mode of its inputs; a UsageError where it cannot translate them."""
    from kgan.runs import RunError, load_for_sampling
    from kgan.translation import translates

    shown = args.target or f"--model {args.model}"
    try:
        model = load_for_sampling(path)
    except RunError as error:
        raise UsageError(error) from None
    if not translates(model):
        raise UsageError(f"{shown} holds a {type(model).__name__}, which does not translate; give a pix2pix or "
                         f"cyclegan run or model")
    direction = args.direction or "AtoB"
    if direction not in model.translation_directions:
        raise UsageError(f"--direction {direction}: {shown} holds a {type(model).__name__}, which translates "
                         f"{', '.join(model.translation_directions)} only")
    channels = model.translation_channels(direction)[0]
    if channels not in (1, 3):
        raise UsageError(f"{shown} translates {channels}-channel images; kgan translate reads RGB or grey images")
    return model, direction, "RGB" if channels == 3 else "L"


def _translate(args, path, jobs, sizes, skipped):
    from kgan.images import save_image
    from kgan.translation import check_size, translate_image

    model, direction, mode = _load(args, path)
    for (source, _), (height, width) in zip(jobs, sizes):
        try:
            check_size(model, height, width)
        except ValueError as error:
            raise UsageError(f"INPUT {source} {error}") from None
    for done, (source, out) in enumerate(jobs):
        try:
            image = read_image("INPUT", source, mode)  # RGB -> grey by ITU-R 601 luma, grey -> RGB by repeat
        except UsageError as error:
            kept = f"; the {done} translated before it are kept in {args.out}" if done else ""
            raise UsageError(f"{error}{kept}") from None
        try:
            save_image(translate_image(model, image, direction), out)
        except ValueError as error:  # a target JPEG cannot hold
            raise UsageError(f"--out {error}") from None
        except OSError as error:
            raise EnvironmentFault(f"--out {out}: cannot write it", error) from None
    name = type(model).__name__
    if os.path.isdir(args.input):
        note = f" (not translated: {', '.join(skipped)})" if skipped else ""
        print(f"kgan: translated {len(jobs)} images of {args.input} {direction} with {name} into {args.out}{note}")
    else:
        height, width = sizes[0]
        print(f"kgan: translated {args.input} ({width}x{height}) {direction} with {name}: {args.out}")
    return 0
