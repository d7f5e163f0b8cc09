"""The Context Encoder's reconstruction loss: squared error with the known pixels it overlaps weighted more."""
from keras import ops


def overlap_weighted_l2(fake, real, weights):
    """`mean(weights * (fake - real)**2)` over every element, in float32.

    With `weights` 1 on the hole and 10 on the overlapped border, its gradient is
    the reference's: `train.lua` scales Torch's `MSECriterion` gradient (the mean
    over all elements) by `wtl2` on the hole and `10 * wtl2` on the border
    (`overlapL2Weight`), and the model multiplies this loss by `wtl2`.

    Args:
        fake, real: `[N, H, W, C]` predicted and true regions.
        weights: broadcastable to them, e.g. `[N, H, W, 1]`.
    """
    fake, real, weights = (ops.cast(x, "float32") for x in (fake, real, weights))
    return ops.mean(ops.broadcast_to(weights, ops.shape(fake)) * ops.square(fake - real))
