"""Sample-quality metrics. NumPy/SciPy only: no backend needed."""
from kgan.metrics.frechet_distance import feature_statistics, frechet_distance, frechet_distance_from_statistics

__all__ = ["feature_statistics", "frechet_distance", "frechet_distance_from_statistics"]
