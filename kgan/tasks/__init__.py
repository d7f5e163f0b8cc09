"""Declared tasks: what a family's batch holds (`TensorSpec` per name) and how it samples (`Task`).

Plain Python and numpy, so that every layer of kgan can read a declaration.
"""
from kgan.tasks.task import Task
from kgan.tasks.tensor_spec import TensorSpec

__all__ = ["Task", "TensorSpec"]
