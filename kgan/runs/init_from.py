"""Starting a run from another run's generator weights (SRResNet's MSE pre-training, then SRGAN)."""
from kgan.runs.loading import load_for_sampling
from kgan.runs.run_error import RunError


def initialize_from(model, run_dir):
    """Copies the generators of the run in `run_dir` into `model`'s generators and their EMA copies.

    The generators are the networks named in `model.ema_networks`. Each is taken
    from the source's EMA copy where it has one (what the source samples with),
    else from its trained network. Raises a RunError naming the network when the
    source has none of that name or its weights do not fit.
    """
    source = load_for_sampling(run_dir)
    for name in type(model).ema_networks:
        network = getattr(source, f"ema_{name}", None) or getattr(source, name, None)
        if network is None:
            raise RunError(f"cannot start from {run_dir}: its {type(source).__name__} has no {name} network")
        weights = network.get_weights()
        targets = [getattr(model, name)] + ([model.ema.averages[name]] if model.ema is not None else [])
        wanted = [tuple(w.shape) for w in targets[0].get_weights()]
        if [tuple(w.shape) for w in weights] != wanted:
            raise RunError(f"cannot start from {run_dir}: its {name} has {len(weights)} weights of other shapes "
                           f"than this model's {name} ({len(wanted)} weights)")
        for target in targets:
            target.set_weights(weights)
    return source
