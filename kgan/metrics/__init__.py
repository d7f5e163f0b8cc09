"""Sample-quality metrics. NumPy/SciPy only: no backend needed."""
from kgan.metrics.frechet_distance import feature_statistics, frechet_distance, frechet_distance_from_statistics
from kgan.metrics.psnr import psnr
from kgan.metrics.ssim import ssim

__all__ = ["feature_statistics", "frechet_distance", "frechet_distance_from_statistics", "psnr", "ssim"]
