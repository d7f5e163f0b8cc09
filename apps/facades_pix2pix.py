"""Pix2Pix on CMP Facades: label maps to photos, as the reference trains it. Run `python apps/facades_pix2pix.py --help`."""
import os
import sys

if __name__ == "__main__" and not __package__:  # `python apps/facades_pix2pix.py`: make `apps` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from apps import _common  # noqa: E402

PROG = "facades_pix2pix"
REFERENCE_PRESET, DEMO_PRESET = "unet_256", "unet_64"
DEMO_DATA = "photos:edges"
DESCRIPTION = f"""\
Pix2Pix (Isola et al. 2017) on the CMP Facades dataset: label maps in, facade photos out, as the reference
(junyanz/pytorch-CycleGAN-and-pix2pix) trains it: preset {REFERENCE_PRESET}, batch 1, 200 epochs. Then it
writes held-out test examples to RUN_DIR/translated/, each one image of label map | output | real photo.

Getting the data (nothing is downloaded at run time), as the reference's datasets/download_pix2pix_dataset.sh:
  curl -O http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/facades.tar.gz
  tar -xzf facades.tar.gz
  python apps/facades_pix2pix.py --data facades
The folder holds train/, val/ and test/ of 512x256 JPEGs, each a pair side by side: the photo on the LEFT
(side A) and its label map on the right (B). The reference trains labels -> photo with --direction BtoA,
which is the default here.

--demo trains {DEMO_PRESET} on {DEMO_DATA} (Canny edges -> photo crops made from the photos inside
scikit-image, direction AtoB): it runs on a CPU in minutes and downloads nothing."""


def build_parser():
    parser = _common.app_parser(PROG, DESCRIPTION, REFERENCE_PRESET, DEMO_PRESET)
    parser.add_argument("--data", metavar="FOLDER", help="the facades folder (train/, val/, test/ of A|B images); "
                                                         "required unless --demo or --resume")
    parser.add_argument("--direction", choices=("AtoB", "BtoA"),
                        help="which side is the input: BtoA (default: label map, the right half, to photo), AtoB "
                             "(photo to labels); AtoB with --demo, whose A is the edges")
    return parser


def app(args):
    _common.check_start(args, PROG, starting=("direction",))
    _common.start_frameworks(args)
    direction = args.direction or ("AtoB" if args.demo else "BtoA")
    result = _common.train_or_resume(args, "pix2pix", DEMO_DATA if args.demo else args.data,
                                     DEMO_PRESET if args.demo else REFERENCE_PRESET, {"direction": direction})
    from kgan.runs import summary_line

    print(summary_line(result))
    batch = _common.held_out(result.config, result.model)
    if batch is None:
        print(f"{PROG}: {result.config.data} has no test split; nothing translated")
        return 0
    folder = os.path.join(result.directory.path, "translated")
    grid = result.model.preview_grid(per_row=len(batch["source"]), batch=batch)  # rows of source | output | target
    written = _common.write_rows(folder, grid, [f"{k:03d}.png" for k in range(len(batch["source"]))])
    print(f"{PROG}: translated {len(written)} test examples (input | output | target): {folder}/")
    return 0


def main(argv=None):
    return _common.run_app(PROG, build_parser(), argv, app)


if __name__ == "__main__":
    sys.exit(main())
