"""The adversarial training engine: players, a schedule, and one gradient module per backend."""
from kgan.engine.adversarial_model import AdversarialModel
from kgan.engine.input_gradient import input_gradient
from kgan.engine.player import Player
from kgan.engine.player_optimizers import PlayerOptimizers

__all__ = ["AdversarialModel", "Player", "PlayerOptimizers", "input_gradient"]
