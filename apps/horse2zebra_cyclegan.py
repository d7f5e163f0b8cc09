"""CycleGAN on horse2zebra, horses <-> zebras without pairs. Run `python apps/horse2zebra_cyclegan.py --help`."""
import os
import sys

if __name__ == "__main__" and not __package__:  # `python apps/horse2zebra_cyclegan.py`: make `apps` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from apps import _common  # noqa: E402
from kgan.cli.usage_error import UsageError  # noqa: E402

PROG = "horse2zebra_cyclegan"
REFERENCE_PRESET, DEMO_PRESET = "resnet_9blocks_256", "resnet_3blocks_32"
TFDS_DATA, DEMO_DATA = "tfds:cycle_gan/horse2zebra", "photos:unpaired"
DIRECTIONS = ("AtoB", "BtoA")
DESCRIPTION = f"""\
CycleGAN (Zhu et al. 2017) on horse2zebra: horse photos (domain A) <-> zebra photos (B), never paired, as the
reference (junyanz/pytorch-CycleGAN-and-pix2pix) trains it: preset {REFERENCE_PRESET}, batch 1, 200 epochs.
Then it translates held-out test images both ways into RUN_DIR/translated/: AtoB_NNN.png (horse | G(horse))
and BtoA_NNN.png (zebra | F(zebra)).

Getting the data (nothing is downloaded unless you pass --download):
  - TensorFlow Datasets (the default, --data {TFDS_DATA}): `--download` lets TFDS fetch and prepare it
    once, into TFDS_DATA_DIR (else ~/tensorflow_datasets); or run `tfds build cycle_gan/horse2zebra` on a
    machine with internet access and copy that folder here.
  - A CycleGAN folder (trainA/ trainB/ testA/ testB/), as the reference's datasets/download_cyclegan_dataset.sh
    makes it:
      curl -O http://efrosgans.eecs.berkeley.edu/cyclegan/datasets/horse2zebra.zip
      unzip horse2zebra.zip
      python apps/horse2zebra_cyclegan.py --data horse2zebra
As the reference, the learning rate stays at 2e-4 for 100 epochs, then falls linearly to 0 over 100 more;
the run takes the epoch length from the data and records it in config.json as steps_per_epoch.

--demo trains {DEMO_PRESET} on {DEMO_DATA} (left halves of the photos inside scikit-image as domain A, right
halves with red and blue swapped as B): it runs on a CPU in minutes and downloads nothing."""


def build_parser():
    parser = _common.app_parser(PROG, DESCRIPTION, REFERENCE_PRESET, DEMO_PRESET)
    parser.add_argument("--data", metavar="DATA", help=f"{TFDS_DATA} (default), another tfds:cycle_gan/NAME, or a "
                                                       "CycleGAN folder (trainA/, trainB/, testA/, testB/)")
    parser.add_argument("--download", action="store_true", help="let TFDS download and prepare a tfds: dataset "
                                                                "that is not prepared yet")
    return parser


def check_prepared(args):
    """A tfds: dataset must be prepared (or downloaded now, with --download) before the run starts."""
    import kgan.data

    prepared, where = kgan.data.prepare_tfds(args.data, download=args.download)
    if not prepared:
        name = args.data[len("tfds:"):]
        raise UsageError(f"{args.data} is not prepared in {where}: rerun with --download to let TFDS fetch it, "
                         f"or run `tfds build {name}` on a machine with internet access and copy its data dir "
                         "here (TFDS looks in TFDS_DATA_DIR, else ~/tensorflow_datasets)")


def app(args):
    _common.check_start(args, PROG, starting=("download",), default_data=TFDS_DATA)
    if args.download and not (args.data or "").startswith("tfds:"):
        raise UsageError(f"--download fetches tfds: data; {args.data or DEMO_DATA} needs no download")
    _common.start_frameworks(args)
    if args.data and args.data.startswith("tfds:"):
        check_prepared(args)
    result = _common.train_or_resume(args, "cyclegan", DEMO_DATA if args.demo else args.data,
                                     DEMO_PRESET if args.demo else REFERENCE_PRESET)
    from kgan.runs import summary_line

    print(summary_line(result))
    batch = _common.held_out(result.config, result.model)
    if batch is None:
        print(f"{PROG}: {result.config.data} has no test split; nothing translated")
        return 0
    from kgan.side_by_side import side_by_side

    folder = os.path.join(result.directory.path, "translated")
    for direction, name in zip(DIRECTIONS, ("domain_a", "domain_b")):
        translated = result.model.translate(batch[name], direction)  # G for AtoB, F for BtoA
        _common.write_rows(folder, side_by_side(batch[name], translated),
                           [f"{direction}_{k:03d}.png" for k in range(len(batch[name]))])
    print(f"{PROG}: translated {len(batch['domain_a'])} test images each way (input | translation): {folder}/")
    return 0


def main(argv=None):
    return _common.run_app(PROG, build_parser(), argv, app)


if __name__ == "__main__":
    sys.exit(main())
