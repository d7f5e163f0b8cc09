"""`TwoSides`: what a paired or unpaired source holds, before it is named for a task."""


class TwoSides:
    """Side "A" and side "B" examples of a two-image source, paired example by example or not.

    Args:
        name: the data string it was loaded from.
        paired: True when example i of A belongs with example i of B (pix2pix's data).
        a: examples (`ArrayExamples` or `FileExamples`) holding side "A" (and "B" when paired).
        b: the examples holding side "B" (the same object as `a` when paired).
        note: a phrase for `ImageData.describe()`.
        skipped: (path, reason) for every unreadable file that was skipped.

    Example:
        sides = TwoSides("facades/", True, examples, examples)
    """

    def __init__(self, name, paired, a, b, note=None, skipped=()):
        self.name = name
        self.paired = paired
        self.a = a
        self.b = b
        self.note = note
        self.skipped = list(skipped)

    def cached(self, cache_limit_bytes):
        """These sides with file examples decoded into memory when all of them fit in `cache_limit_bytes`."""
        holders = [self.a] if self.a is self.b else [self.a, self.b]
        if all(holder.cached for holder in holders):
            return self
        if sum(holder.nbytes for holder in holders if not holder.cached) > cache_limit_bytes:
            return self
        held = [holder if holder.cached else holder.cache() for holder in holders]
        return TwoSides(self.name, self.paired, held[0], held[-1], self.note, self.skipped)
