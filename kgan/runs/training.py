"""`train` starts a run and `resume` continues one: the orchestration behind `kgan train`."""
import os
import time
from collections import namedtuple

import keras

import kgan
from kgan import files
from kgan.callbacks import (Checkpoint, CheckpointStore, MetricsCSV, NaNGuard, SampleGrid, SummaryWriter,
                            TensorBoardScalars, TrainingDiverged)
from kgan.engine.growth import grow
from kgan.environment_fault import EnvironmentFault
from kgan.runs.data_fingerprint import data_fingerprint, describe_change
from kgan.runs.fit_plan import StageSpan, fit_segments, stage_spans
from kgan.runs.init_from import initialize_from
from kgan.runs.model_data import load_data, preview_batch
from kgan.runs.run_claim import RunClaim
from kgan.runs.run_config import RunConfig
from kgan.runs.run_directory import RunDirectory
from kgan.runs.run_error import RunError
from kgan.runs.run_lock import RunLock, in_use
from kgan.runs.runtime import prepare_runtime
from kgan.runs.write_faults import fault_from, writing

#: what `train` and `resume` return.
RunResult = namedtuple("RunResult", ["model", "directory", "config", "start_step", "step", "steps_per_epoch",
                                     "seconds"])


def train(config, run_dir, verbose=1, log=print):
    """Starts a new run in `run_dir` (which must not hold one) and trains it to its total.

    Args:
        config: a `RunConfig`.
        run_dir: the run directory to create.
        verbose: Keras's `fit` verbosity (1: progress bar).
        log: where the data's one-line description goes.

    Returns a `RunResult`; raises `RunError` or `kgan.data.DataError` for bad
    input, `EnvironmentFault` when the machine refuses (a full disk, a permission,
    another process training in `run_dir`), `TrainingDiverged` on a non-finite loss.
    The directory is created and locked first; an error before training starts
    removes it again.
    """
    epochs_given = config.epochs is not None
    config.validate()
    directory = RunDirectory(run_dir)
    try:
        directory.check_new()
    except RunError:
        _refuse_if_in_use(directory)  # a run that another process is training says so, not "resume it"
        raise
    with RunClaim(directory) as claim:  # checks again, now that no other process can start here
        previous_policy = prepare_runtime(config)
        try:
            model = config.build_model()
            plan = model.stage_plan()
            if plan is not None:
                _length_in_steps(config, plan, epochs_given)
            data = load_data(config, model, _stage_batch(plan, model))
            model = _with_epoch_length(config, model, data)
            if config.init_from:
                initialize_from(model, config.init_from)
            log(data.describe())
            preview = preview_batch(config, model)
            fingerprint = _fingerprint(config)
            model.compile()
            directory.create()
            _write_config(directory, config, model, data, fingerprint)
            claim.started()
            return _fit(directory, config, model, data, None, verbose, log, preview)
        finally:
            keras.config.set_dtype_policy(previous_policy)


def _refuse_if_in_use(directory):
    """`RUN_DIR is in use by process PID` (an `EnvironmentFault`, as `RunLock` says it) when a live process
    holds `directory`; nothing otherwise."""
    holder = RunLock(directory.path).holder()
    if holder is not None:
        raise in_use(directory.path, holder)


def resume(run_dir, epochs=None, steps=None, verbose=1, log=print, allow_data_change=False):
    """Continues the run in `run_dir` from its latest complete checkpoint.

    With `epochs` or `steps` the run's total becomes that many; without, it
    finishes the total it had. Weights, every optimizer's state, the EMA, the
    seed generators, the step counter and the data position all carry over.
    A damaged latest checkpoint (checksum, JSON) is passed over for the newest
    good one, with a line to `log` saying so. A run that has trained but has no
    usable checkpoint is refused rather than started over; so is data whose
    content fingerprint changed, unless `allow_data_change`.
    """
    directory = RunDirectory(run_dir)
    directory.check_existing()
    with RunLock(directory.path):
        return _resume(directory, epochs, steps, verbose, log, allow_data_change)


def _resume(directory, epochs, steps, verbose, log, allow_data_change):
    saved = directory.read_config()
    config = RunConfig.from_dict(saved)
    if epochs is not None or steps is not None:
        config.epochs, config.steps = epochs, steps
    config.validate()
    previous_policy = prepare_runtime(config)
    try:
        store = CheckpointStore(directory.checkpoints, config.keep_checkpoints)
        store.remove_temporary_files()
        files.remove_temporary_files(directory.path)
        latest, model, damaged = _usable_checkpoint(directory, store)
        if model is None:  # a run that never trained starts from step 0
            model = config.build_model()
        plan = model.stage_plan()
        if plan is not None:
            _length_in_steps(config, plan, epochs is not None)
            _check_plan(config, saved, plan)
        data = load_data(config, model, _stage_batch(plan, model))
        log(data.describe())
        preview = preview_batch(config, model)
        if plan is not None:
            _check_stage_data(config, latest, data)
        elif data.steps_per_epoch != saved.get("steps_per_epoch", data.steps_per_epoch):
            raise RunError(f"{config.data} now gives {data.steps_per_epoch} steps per epoch, but the run was "
                           f"started with {saved['steps_per_epoch']}: the data changed")
        fingerprint = _fingerprint(config)
        recorded = saved.get("data_fingerprint")  # None: a run started before fingerprints were kept
        if recorded is not None and recorded != fingerprint and not allow_data_change:
            raise RunError(f"{config.data} changed since the run started ({describe_change(recorded, fingerprint)})"
                           f"; resume with `kgan train --resume {directory.path} --allow-data-change` to train on "
                           "it anyway")
        start = latest["step"] if latest else 0
        total = config.total_steps(data.steps_per_epoch)
        if total < start:
            raise RunError(f"{directory.path} is already at step {start}; ask for more than that "
                           f"(--steps > {start} or --epochs > {start / data.steps_per_epoch:g})")
        if not latest:
            model.compile()
        _set_aside(store, damaged, latest, log)
        _truncate_metrics(directory, model, start)
        _write_config(directory, config, model, data, fingerprint)
        return _fit(directory, config, model, data, latest, verbose, log, preview)
    finally:
        keras.config.set_dtype_policy(previous_policy)


def _with_epoch_length(config, model, data):
    """The model again with `steps_per_epoch` set to the data's, for a family whose schedule is in epochs
    (CycleGAN's learning-rate decay) and a run that does not set it: the value goes into the config, so a
    resume builds the same model."""
    if "steps_per_epoch" not in type(model).constructor_parameter_names() or "steps_per_epoch" in config.overrides:
        return model
    config.overrides["steps_per_epoch"] = data.steps_per_epoch
    return config.build_model()


def _usable_checkpoint(directory, store):
    """(record, model, damaged) of the newest good checkpoint, or (None, None, []) for a run that never trained."""
    latest, model, damaged = store.latest_usable()
    problems = "; ".join(f"{path} {reason}" for path, reason in damaged)
    if latest is not None:
        return latest, model, damaged
    evidence = directory.trained_evidence()
    if evidence:
        found = f" ({problems})" if problems else ""
        raise RunError(f"{directory.path} has trained (it has {evidence}) but {directory.checkpoints} holds no "
                       f"usable checkpoint, so --resume would start it over{found}; restore its checkpoints, or "
                       f"start a new run from its generator with --init-from {directory.path}")
    return None, None, []


def _set_aside(store, damaged, latest, log):
    """Renames the damaged checkpoints out of the store's way (kept, for a look), and says which one is used."""
    if not damaged:
        return
    problems = "; ".join(f"{path} {reason}" for path, reason in damaged)
    try:
        kept = [store.set_aside(path) for path, _ in damaged]
    except OSError as error:
        raise EnvironmentFault(f"cannot rename a damaged checkpoint in {store.directory}", error) from None
    log(f"kgan: {problems}; resuming from {latest['path']} (step {latest['step']}); the damaged files are kept as "
        f"{', '.join(name for names in kept for name in names)}")


def _fingerprint(config):
    try:
        return data_fingerprint(config.data)
    except OSError as error:
        raise EnvironmentFault(f"cannot read {config.data}", error) from None


def _truncate_metrics(directory, model, start):
    # The rows a run logged after the checkpoint it resumes from are about to be trained again.
    try:
        with writing(directory.metrics):
            MetricsCSV(directory.metrics).prepare(model, start)
    except ValueError as error:
        raise RunError(str(error)) from None


def _write_config(directory, config, model, data, fingerprint):
    steps_per_epoch = data.steps_per_epoch
    record = {
        **config.to_dict(),
        "model_arguments": config.model_arguments(),
        "total_steps": config.total_steps(steps_per_epoch),
        "steps_per_epoch": steps_per_epoch,
        "data_description": data.describe(),
        "image_shape": list(data.image_shape),
        "num_classes": data.num_classes,
        "data_fingerprint": fingerprint,
        **({"stages": [stage.to_dict() for stage in model.stage_plan()]} if model.stage_plan() else {}),
        "kgan_version": kgan.__version__,
        "keras_version": keras.__version__,
    }
    with writing(directory.config):
        files.write_json(record, directory.config)


def _callbacks(directory, config, store, writer, start, steps_per_epoch, stage=None, preview=None):
    # The guard comes first, so a step that diverged is never checkpointed. The metrics row of an epoch end
    # comes before its checkpoint: a kill between the two resumes from an earlier step, which drops the row.
    return [
        NaNGuard(start),
        MetricsCSV(directory.metrics, initial_step=start),
        Checkpoint(store, config.checkpoint_every, initial_step=start, steps_per_epoch=steps_per_epoch, stage=stage),
        SampleGrid(directory.samples, seed=config.seed, writer=writer, initial_step=start, batch=preview),
        TensorBoardScalars(writer, initial_step=start),
    ]


# --- growing families: one stage after another ---
def _stage_batch(plan, model):
    return None if plan is None else plan[model.stage].batch_size


def _length_in_steps(config, plan, epochs_given):
    """A growing run is as long as its plan, or `--steps`: epochs differ from stage to stage."""
    if epochs_given:
        raise RunError(f"the {config.family} model grows in stages, whose epochs differ; give --steps "
                       f"(its plan is {sum(stage.steps for stage in plan)} steps)")
    config.epochs = None
    if config.steps is None:
        config.steps = sum(stage.steps for stage in plan)


def _check_plan(config, saved, plan):
    if "stages" in saved and saved["stages"] != [stage.to_dict() for stage in plan]:
        raise RunError(f"the {config.family} model's stage plan is now {plan}, but the run was started with "
                       f"{saved['stages']}: the model changed")


def _check_stage_data(config, latest, data):
    recorded = (latest or {}).get("stage", {}).get("steps_per_epoch", data.steps_per_epoch)
    if data.steps_per_epoch != recorded:
        raise RunError(f"{config.data} now gives {data.steps_per_epoch} steps per epoch in this stage, but the "
                       f"run had {recorded}: the data changed")


def _fit(directory, config, model, data, latest, verbose, log, preview=None):
    """Trains from `latest` (the checkpoint resumed from, or None) to the run's total, then saves the models.

    `preview` is the fixed batch of held-out inputs the sample grids show (see `preview_batch`).

    A growing model goes stage by stage: grow, load that stage's data, `fit` its
    steps. Its epochs are counted per stage, numbered on from the last stage's
    (sample grids and metrics rows stay in order).
    """
    plan = model.stage_plan()
    start = latest["step"] if latest else 0
    total = config.total_steps(data.steps_per_epoch)
    spans = stage_spans(plan, start, total) if plan else [StageSpan(None, start, total, 0)]
    first_epoch = (latest or {}).get("stage", {}).get("first_epoch", 0)
    started, step = time.time(), start
    store = CheckpointStore(directory.checkpoints, config.keep_checkpoints)
    writer = SummaryWriter(os.path.join(directory.logs, "train"))
    try:
        for span in spans:
            if plan and span.stage != model.stage:
                first_epoch += -(-plan[model.stage].steps // data.steps_per_epoch)  # the epochs it began
                model = grow(model, span.stage).model
                data = load_data(config, model, plan[span.stage].batch_size)
                log(data.describe())
            per_epoch = data.steps_per_epoch
            stage = {"first_epoch": first_epoch, "steps_per_epoch": per_epoch} if plan else None
            callbacks = _callbacks(directory, config, store, writer, span.start, per_epoch, stage, preview)
            for segment in fit_segments(span.start - span.stage_start, span.stop - span.stage_start, per_epoch):
                model.fit(data.dataset(start_step=step - span.stage_start), initial_epoch=first_epoch
                          + segment.initial_epoch, epochs=first_epoch + segment.epochs,
                          steps_per_epoch=segment.steps_per_epoch, callbacks=callbacks, verbose=verbose,
                          shuffle=False)
                step += (segment.epochs - segment.initial_epoch) * segment.steps_per_epoch
        for network, path in ((model, directory.model), (model.sampling_generator, directory.generator)):
            with writing(path):
                files.save_model(network, path)
    except TrainingDiverged as error:
        raise _diverged(store, error) from None
    except EnvironmentFault as error:
        raise EnvironmentFault(f"{error}; {_kept(store)}") from None
    except OSError as error:  # a callback's write (metrics.csv, a sample grid) refused
        raise EnvironmentFault(f"{fault_from(error, directory.path)}; {_kept(store)}") from None
    finally:
        writer.close()
    return RunResult(model, directory, config, start, step, data.steps_per_epoch, time.time() - started)


def _kept(store):
    latest = store.latest()
    return f"the last good checkpoint is {latest['path']} (step {latest['step']})" if latest \
        else "no checkpoint was written"


def _diverged(store, error):
    return TrainingDiverged(f"training diverged: {error}; stopped, and {_kept(store)}", step=error.step,
                            key=error.key)


def summary_line(result):
    """The one line that ends `kgan train`: what was trained and where everything went."""
    directory, config = result.directory, result.config
    epochs = result.step / result.steps_per_epoch
    sample = directory.latest_sample()
    parts = [f"model.keras, generator.keras", "checkpoints/",
             f"samples/{os.path.basename(sample)}" if sample else "samples/", "logs/ (TensorBoard)", "metrics.csv",
             "config.json"]
    resumed = f" (resumed at step {result.start_step})" if result.start_step else ""
    plan = result.model.stage_plan()
    if plan is not None:  # epochs differ from stage to stage
        resolution = plan[result.model.stage].resolution
        return (f"kgan: trained {config.family}/{config.preset} to step {result.step} (stage {result.model.stage}, "
                f"{resolution}x{resolution}){resumed} in {result.seconds:.0f} s; in {directory.path}/: "
                f"{', '.join(parts)}")
    return (f"kgan: trained {config.family}/{config.preset} to step {result.step} ({epochs:g} epochs){resumed} "
            f"in {result.seconds:.0f} s; in {directory.path}/: {', '.join(parts)}")
