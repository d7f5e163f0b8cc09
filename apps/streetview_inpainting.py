"""Context Encoder inpainting of street images (Paris StreetView). Run `python apps/streetview_inpainting.py --help`."""
import os
import sys

if __name__ == "__main__" and not __package__:  # `python apps/streetview_inpainting.py`: make `apps` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from apps import _common  # noqa: E402
from kgan.cli import options  # noqa: E402
from kgan.cli.usage_error import UsageError  # noqa: E402

PROG = "streetview_inpainting"
REFERENCE_PRESET, DEMO_PRESET = "context_encoder_128", "context_encoder_32"
DEMO_DATA, DEMO_TEST = "photos:train", "photos:test"  # the training photos; the held-out chelsea and coffee
MASKS = ("center", "random_block", "random_region")
DESCRIPTION = f"""\
Context Encoder (Pathak et al. 2016) on Paris StreetView-style street photos: the generator learns to fill
the missing part of each image, as the reference (pathak22/context-encoder, train.lua) trains it: preset
{REFERENCE_PRESET}, 128x128 images with the central 64x64 missing, batch 64, 500 epochs. Then it fills the
held-out images of --test into RUN_DIR/inpainted/, each one image of masked input | filled | original.

Getting the data (nothing is downloaded): Paris StreetView is not public; the Context Encoder authors share it
on request (see https://github.com/pathak22/context-encoder, issue 24). Pass its training images as --data and
its evaluation images as --test:
  python apps/streetview_inpainting.py --data PARIS/TRAIN_FOLDER --test PARIS/EVAL_FOLDER
Any folder of street photos works the same way (images are found recursively, resized and centre-cropped).

--mask picks the holes: center (the reference's train.lua), random_block or random_region (the paper's
random masks; the reference's random-region model is the preset context_encoder_128_random).

--demo trains {DEMO_PRESET} on {DEMO_DATA} (crops of 6 of the photos inside scikit-image): it runs on a CPU
in minutes and downloads nothing. It then fills crops of {DEMO_TEST}, the 2 photos its training never saw."""


def build_parser():
    parser = _common.app_parser(PROG, DESCRIPTION, REFERENCE_PRESET, DEMO_PRESET)
    parser.add_argument("--data", metavar="FOLDER", help="a folder of training images (searched recursively); "
                                                         "required unless --demo or --resume")
    parser.add_argument("--test", metavar="FOLDER", help="a folder of held-out images to fill after training "
                                                         "(default: none; with --demo, crops of the held-out photos)")
    parser.add_argument("--num-test", metavar="N", help="fill at most N images of --test (default 8)")
    parser.add_argument("--mask", choices=MASKS, help="the hole policy (default: the preset's, center for "
                                                      f"{REFERENCE_PRESET})")
    return parser


def held_out_images(config, model, spec, count):
    """Up to `count` images of `spec` at the model's size and channels, in stored order: `[N, S, S, C]`."""
    import numpy as np

    import kgan.data

    data = kgan.data.load(spec, image_size=model.image_size, channels=model.channels, batch_size=1,
                          seed=config.seed + 1, shuffle=False, strict=config.strict,
                          num_crops=count if spec == DEMO_TEST else None)
    batches = data.dataset().take(min(count, data.num_examples)).as_numpy_iterator()
    return np.concatenate([batch["images"] for batch in batches])


def app(args):
    _common.check_start(args, PROG, starting=("mask",))
    count = options.integer("--num-test", args.num_test, 1, 8)
    if args.test is not None and not os.path.isdir(args.test):
        raise UsageError(f"--test {args.test}: no such folder")
    _common.start_frameworks(args)
    overrides = {"mask": args.mask} if args.mask else {}
    result = _common.train_or_resume(args, "context_encoder", DEMO_DATA if args.demo else args.data,
                                     DEMO_PRESET if args.demo else REFERENCE_PRESET, overrides=overrides)
    from kgan.runs import summary_line

    print(summary_line(result))
    config, model = result.config, result.model
    test = args.test or (DEMO_TEST if config.data == DEMO_DATA else None)
    if test is None:
        print(f"{PROG}: no --test folder; nothing inpainted")
        return 0
    images = held_out_images(config, model, test, count)
    # Rows of masked | filled | original; the holes are the model's policy drawn with the run's seed.
    grid = model.preview_grid(seed=config.seed, per_row=len(images), batch={"images": images})
    folder = os.path.join(result.directory.path, "inpainted")
    written = _common.write_rows(folder, grid, [f"{k:03d}.png" for k in range(len(images))])
    print(f"{PROG}: inpainted {len(written)} images of {test} (masked | filled | original): {folder}/")
    return 0


def main(argv=None):
    return _common.run_app(PROG, build_parser(), argv, app)


if __name__ == "__main__":
    sys.exit(main())
