"""`kgan upscale`: enlarge an image, or every image of a folder, with a trained upscaler (.keras or .tflite)."""
import os

from kgan.cli import options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.generate_command import _check_writable
from kgan.cli.inpaint_command import read_image
from kgan.cli.translate_command import check_out_name, folder_jobs, image_size, prepare_folder
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

#: the shipped upscaler that runs when --model is not given (savedmodels/NAME.keras).
DEFAULT_MODEL = "upscale_x4"


def add_parser(commands):
    parser = commands.add_parser(
        "upscale", help="enlarge images with a trained upscaler (srgan .keras, or an exported .tflite)",
        description="Upscale INPUT, an image or a folder of images. The image is cut into tiles of --tile "
                    "pixels, each run with --overlap pixels of context around it, so any size upscales in "
                    "bounded memory. Grey and RGBA images are converted to RGB.")
    parser.add_argument("input", metavar="INPUT", help="an image (any format Pillow reads) or a folder of them")
    parser.add_argument("--model", metavar="MODEL",
                        help=f"an srgan run directory or .keras file, or a .tflite file (default: "
                             f"savedmodels/{DEFAULT_MODEL}.keras)")
    parser.add_argument("--out", metavar="OUT", required=True,
                        help="the upscaled image, PNG or JPEG; for a folder INPUT, the folder to write into")
    parser.add_argument("--scale", type=int, metavar="S", help="the factor expected; refused if the model's differs")
    parser.add_argument("--tile", type=int, default=128, metavar="PIXELS",
                        help="tile side in input pixels (default 128; 0: the whole image at once)")
    parser.add_argument("--overlap", type=int, default=16, metavar="PIXELS",
                        help="context around each tile in input pixels (default 16)")
    parser.add_argument("--threads", type=int, metavar="N", help="CPU threads for a .tflite model (default: LiteRT's)")
    parser.add_argument("--backend", help="tensorflow | jax, for a .keras model (default: KERAS_BACKEND, else "
                                          "tensorflow)")
    parser.set_defaults(run=upscale_command)
    return parser


def model_path(args):
    from kgan.saved_models import saved_model_path

    if args.model is not None:
        return args.model
    try:
        return saved_model_path(DEFAULT_MODEL)
    except ValueError as error:
        raise UsageError(f"no --model given and no shipped upscaler: {error}") from None


def check_numbers(args):
    for option, value, minimum in (("--tile", args.tile, 0), ("--overlap", args.overlap, 0),
                                   ("--threads", args.threads, 1), ("--scale", args.scale, 2)):
        if value is not None and value < minimum:
            raise UsageError(f"{option} must be at least {minimum}, got {value}")


def upscale_command(args):
    check_numbers(args)
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
    return _upscale(args, path, jobs, sizes, skipped)


def _upscale(args, path, jobs, sizes, skipped):
    from kgan.export.tiled_upscaling import upscale_tiled
    from kgan.export.upscaler_files import open_upscaler
    from kgan.images import save_image, to_uint8

    try:
        upscaler = open_upscaler(path, args.threads)
    except ValueError as error:
        raise UsageError(error) from None
    if args.scale is not None and args.scale != upscaler.scale:
        raise UsageError(f"--scale {args.scale}: {path} upscales x{upscaler.scale}")
    for done, (source, out) in enumerate(jobs):
        try:
            image = read_image("INPUT", source, "RGB")  # grey and RGBA become RGB
        except UsageError as error:
            kept = f"; the {done} upscaled before it are kept in {args.out}" if done else ""
            raise UsageError(f"{error}{kept}") from None
        big = upscale_tiled(upscaler, image / 127.5 - 1.0, upscaler.scale, args.tile, args.overlap)
        try:
            save_image(to_uint8(big), out)
        except OSError as error:
            raise EnvironmentFault(f"--out {out}: cannot write it", error) from None
    if os.path.isdir(args.input):
        note = f" (not upscaled: {', '.join(skipped)})" if skipped else ""
        print(f"kgan: upscaled {len(jobs)} images of {args.input} x{upscaler.scale} with {upscaler.description} "
              f"into {args.out}{note}")
    else:
        height, width = sizes[0]
        print(f"kgan: upscaled {args.input} ({width}x{height}) x{upscaler.scale} to "
              f"{width * upscaler.scale}x{height * upscaler.scale} with {upscaler.description}: {args.out}")
    return 0
