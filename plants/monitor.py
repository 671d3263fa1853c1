"""Explicit monitoring of a SimPy plant: time series and an event log, written to HDF5.

SimPy does not record anything by itself; a plant model calls :meth:`Monitor.record`
at each of its sampling times and :meth:`Monitor.event` for discrete events. The file
layout follows DESIGN.md section 5: ``/plant/time`` is the time dimension scale (h),
``/plant/<series>`` has shape ``(n_time,)`` or ``(n_time, n_member)`` with a
``/plant/member`` scale naming the units of the fleet, and ``/plant/events`` holds the
event log. Every series carries ``units`` and ``long_name`` attributes, so
``xarray.open_dataset(path, group="plant", engine="h5netcdf")`` reads it.

A file is written whole to a temporary name and renamed over the target, so a run
that crashes or is killed never leaves a half-written result behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np


@dataclass(frozen=True)
class Series:
    """One recorded quantity: name, SI unit, meaning, and whether it has a member axis."""

    name: str
    unit: str
    meaning: str
    per_member: bool = True


@dataclass
class Monitor:
    """Time series of a plant run, sampled whenever the plant model says (irregular times)."""

    series: tuple[Series, ...]
    members: tuple[str, ...]
    time_h: list[float] = field(init=False, default_factory=list)
    samples: dict[str, list] = field(init=False)
    events: list[tuple[float, str, str, str]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.samples = {s.name: [] for s in self.series}

    def record(self, t_h: float, **values: np.ndarray | float) -> None:
        """Store the sample at time ``t_h``; every series must be given, and no other."""
        if values.keys() != self.samples.keys():
            raise KeyError(f"sample at {t_h} h: series {sorted(values)} != {sorted(self.samples)}")
        self.time_h.append(t_h)
        for name, value in values.items():
            self.samples[name].append(np.array(value, dtype=np.float64, copy=True))

    def array(self, name: str) -> np.ndarray:
        """One series as an array, ``(n_time,)`` or ``(n_time, n_member)``."""
        return np.array(self.samples[name], dtype=np.float64)

    def event(self, t_h: float, member: str, kind: str, detail: str = "") -> None:
        """Log a discrete event (a trip, a decoke started or ended, a kernel failure)."""
        self.events.append((t_h, member, kind, detail))

    def write(self, path: str | Path, attrs: dict[str, object]) -> None:
        """Write ``/plant`` to ``path`` atomically (temporary file, then rename)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".partial")
        with h5py.File(tmp, "w") as f:
            for key, value in attrs.items():
                f.attrs[key] = value
            g = f.create_group("plant")
            t = g.create_dataset("time", data=np.array(self.time_h, dtype=np.float64))
            t.attrs.update(units="h", long_name="time from the start of the run")
            t.make_scale("time")
            m = g.create_dataset("member", data=np.array(self.members, dtype=h5py.string_dtype()))
            m.attrs["long_name"] = "unit of the plant"
            m.make_scale("member")
            for s in self.series:
                d = g.create_dataset(s.name, data=self.array(s.name), compression="gzip")
                d.attrs.update(units=s.unit, long_name=s.meaning)
                d.dims[0].attach_scale(t)
                if s.per_member:
                    d.dims[1].attach_scale(m)
            self._write_events(g)
        os.replace(tmp, path)

    def _write_events(self, group: h5py.Group) -> None:
        e = group.create_group("events")
        t_h = np.array([row[0] for row in self.events], dtype=np.float64)
        texts = [np.array([row[k] for row in self.events], dtype=h5py.string_dtype()) for k in (1, 2, 3)]
        e.create_dataset("time", data=t_h).attrs["units"] = "h"
        for name, column in zip(("member", "kind", "detail"), texts, strict=True):
            e.create_dataset(name, data=column)
