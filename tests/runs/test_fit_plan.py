import pytest

from kgan.runs import FitSegment, fit_segments


@pytest.mark.parametrize("start, total, per_epoch, expected", [
    (0, 60, 20, [FitSegment(0, 3, 20)]),
    (0, 50, 20, [FitSegment(0, 2, 20), FitSegment(2, 3, 10)]),
    (45, 130, 20, [FitSegment(2, 3, 15), FitSegment(3, 6, 20), FitSegment(6, 7, 10)]),
    (45, 50, 20, [FitSegment(2, 3, 5)]),
    (40, 60, 20, [FitSegment(2, 3, 20)]),
    (7, 12, 20, [FitSegment(0, 1, 5)]),
    (60, 60, 20, []),
])
def test_segments_finish_the_epoch_then_whole_epochs_then_the_rest(start, total, per_epoch, expected):
    segments = fit_segments(start, total, per_epoch)
    assert segments == expected
    assert sum((s.epochs - s.initial_epoch) * s.steps_per_epoch for s in segments) == total - start
