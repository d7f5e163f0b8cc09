from kgan.models.context_encoder.context_encoder import ContextEncoder
from kgan.models.context_encoder.presets import PRESETS

__all__ = ["ContextEncoder", "PRESETS"]
