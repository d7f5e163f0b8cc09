"""The adversarial training engine: players, a schedule of steps, and one gradient module per backend."""
from kgan.engine.adversarial_model import AdversarialModel
from kgan.engine.growth import Growth, grow
from kgan.engine.input_gradient import input_gradient
from kgan.engine.player import Player
from kgan.engine.player_optimizers import PlayerOptimizers
from kgan.engine.schedule import Schedule
from kgan.engine.stage import Stage
from kgan.engine.stage_state import StageState
from kgan.engine.step import Step

__all__ = ["AdversarialModel", "Growth", "Player", "PlayerOptimizers", "Schedule", "Stage", "StageState", "Step",
           "grow", "input_gradient"]
