"""Piecewise-constant schedules (plants/schedules.py)."""

import numpy as np
import pytest

from plants.schedules import ScheduleError, StepSchedule


def test_value_holds_until_next_start_and_mean_by_hand():
    s = StepSchedule("demand", np.array([0.0, 10.0, 30.0]), np.array([1.0, 3.0, 2.0]))
    assert [s.at(t) for t in (0.0, 9.99, 10.0, 29.0, 30.0, 1e6)] == [1.0, 1.0, 3.0, 3.0, 2.0, 2.0]
    assert s.next_change(0.0) == 10.0 and s.next_change(10.0) == 30.0 and s.next_change(30.0) == np.inf
    # over 40 h: 10 h at 1, 20 h at 3, 10 h at 2 -> 90 / 40
    assert s.mean(40.0) == pytest.approx(90.0 / 40.0, rel=1e-15)
    # over 20 h: 10 h at 1, 10 h at 3
    assert s.mean(20.0) == pytest.approx(2.0, rel=1e-15)


@pytest.mark.parametrize(("times", "values", "words"), [
    ([0.0, 5.0], [1.0], "as many times as values"),
    ([1.0, 5.0], [1.0, 2.0], "first time must be 0"),
    ([0.0, 5.0, 5.0], [1.0, 2.0, 3.0], "row 3 (5.0 h) is not after row 2"),
    ([0.0, 5.0], [1.0, float("nan")], "row 2 is not a finite number"),
])
def test_bad_schedules_say_what_is_wrong(times, values, words):
    with pytest.raises(ScheduleError, match="demand") as err:
        StepSchedule("demand", np.array(times), np.array(values))
    assert words in str(err.value)
