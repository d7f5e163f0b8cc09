"""Exporting trained networks for deployment (TFLite / LiteRT for now)."""
