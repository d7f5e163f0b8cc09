"""Applications built on kgan: one per image-to-image family, each on its real dataset (see apps/README.md)."""
