"""A step's loss as the backends differentiate it: the seam, the loss method, loss scaling."""
from keras import ops, tree

from kgan.engine.recorded_fake import unwrap


def detached_view(model, batch, fake):
    """What a step that does not train the generator sees: `discriminator_view` of the detached fake."""
    if fake is None:
        return None
    return model.discriminator_view(batch, tree.map_structure(ops.stop_gradient, unwrap(fake)))


def scaled_loss(model, step, batch, fake, replicas=1):
    """`(loss to differentiate, logs)`: divided over replicas, then loss-scaled for mixed_float16."""
    loss, logs = step.loss(batch, fake)
    if replicas > 1:
        loss = loss / replicas  # gradients are summed across replicas
    return model.scale_player_loss(step.player, loss), logs
