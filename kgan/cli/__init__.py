"""The `kgan` command."""
