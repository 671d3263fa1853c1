"""Piecewise-constant schedules: feed rates, prices and other plant inputs over time.

A plant reads its inputs at event times; a schedule holds each value from its start
time until the next one (the way plant plans and tariffs are written). Time is in
hours from the start of the run, values in SI (the caller converts units).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class ScheduleError(ValueError):
    """A schedule whose times or values cannot be used, with the reason."""


@dataclass(frozen=True)
class StepSchedule:
    """Value ``values[i]`` from ``times_h[i]`` until ``times_h[i + 1]`` (the last one holds).

    Parameters
    ----------
    name : what the schedule is, for messages (e.g. ``"crude demand"``)
    times_h : start times [h], strictly increasing, the first one 0
    values : one finite value per start time (SI)
    """

    name: str
    times_h: np.ndarray
    values: np.ndarray

    def __post_init__(self) -> None:
        times = np.asarray(self.times_h, dtype=np.float64).ravel()
        values = np.asarray(self.values, dtype=np.float64).ravel()
        if times.size == 0 or times.size != values.size:
            raise ScheduleError(f"{self.name}: needs as many times as values (got {times.size} and {values.size})")
        bad = ~np.isfinite(times) | ~np.isfinite(values)
        if bad.any():
            i = int(np.argmax(bad))
            raise ScheduleError(f"{self.name}: row {i + 1} is not a finite number (time {times[i]}, value {values[i]})")
        if times[0] != 0.0:
            raise ScheduleError(f"{self.name}: the first time must be 0 h (the start of the run), got {times[0]} h")
        steps = np.diff(times)
        if (steps <= 0.0).any():
            i = int(np.argmax(steps <= 0.0))
            raise ScheduleError(
                f"{self.name}: times must increase; row {i + 2} ({times[i + 1]} h) is not after row {i + 1} "
                f"({times[i]} h)"
            )
        object.__setattr__(self, "times_h", times)
        object.__setattr__(self, "values", values)

    @classmethod
    def constant(cls, name: str, value: float) -> StepSchedule:
        """A schedule that holds one value for ever."""
        return cls(name, np.zeros(1), np.array([value], dtype=np.float64))

    def at(self, t_h: float) -> float:
        """The value in force at time ``t_h`` [h]."""
        return float(self.values[np.searchsorted(self.times_h, t_h, side="right") - 1])

    def next_change(self, t_h: float) -> float:
        """The first start time after ``t_h`` [h] (``inf`` when the value holds for ever)."""
        i = np.searchsorted(self.times_h, t_h, side="right")
        return float(self.times_h[i]) if i < self.times_h.size else np.inf

    def mean(self, t_end_h: float) -> float:
        """Time average over ``[0, t_end_h]``."""
        edges = np.append(np.minimum(self.times_h, t_end_h), t_end_h)
        return float(np.dot(np.diff(edges), self.values) / t_end_h)
