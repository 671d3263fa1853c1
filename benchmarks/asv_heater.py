"""asv benchmarks of the heater kernel, for tracking speed across commits.

Run ``.venv/bin/asv run --quick --python=same`` for this checkout in the current
environment, or ``asv continuous main HEAD`` to compare commits (asv then builds and
installs each commit in a virtualenv, see ``asv.conf.json``). Every ``setup`` calls the
kernels once, so compilation (or loading from numba's cache) is never timed; the cost
of compiling is tracked separately by :class:`TrackStartup`. ``benchmarks/run.py``
makes the same measurements for ``make bench``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import numpy as np

from benchmarks.reference import heater as ref
from benchmarks.run import FIRST_CALLS_CODE
from benchmarks.scenarios import random_scenarios
from kernels import heater as kh
from kernels.contract import defaults


def _alloc(n: int):
    return (np.zeros((n, len(kh.OUTPUTS))), np.zeros((n, len(kh.PROFILES), kh.N_CELL)),
            np.zeros(n, dtype=np.int8))


def _warm_up() -> None:
    P = random_scenarios(2, seed=99)
    out, prof, status = _alloc(2)
    kh.solve(P[0], out[0], prof[0])
    kh.solve_batch(P, out, prof, status)
    kh.solve_batch_serial(P, out, prof, status)


class TimeSolve:
    """One scenario (the crude heater defaults) through ``solve``, called from Python."""

    def setup(self):
        _warm_up()
        self.p = defaults(kh.PARAMS)
        out, prof, _ = _alloc(1)
        self.out, self.prof = out[0], prof[0]

    def time_solve(self):
        kh.solve(self.p, self.out, self.prof)

    def time_reference_solve(self):
        ref.solve(self.p, self.out, self.prof)


class TimeSolveBatch:
    """``solve_batch`` (parallel over rows) on varied scenarios."""

    params = [1, 1_000, 100_000]
    param_names = ["scenarios"]
    timeout = 600
    number = 1

    def setup(self, n):
        _warm_up()
        self.P = random_scenarios(n, seed=2)
        self.out, self.prof, self.status = _alloc(n)

    def time_solve_batch(self, n):
        kh.solve_batch(self.P, self.out, self.prof, self.status)



class TimeSolveBatchSerial:
    """``solve_batch_serial`` (one thread, no GIL), as a Dask worker runs it."""

    params = [1, 1_000]
    param_names = ["scenarios"]
    number = 1

    def setup(self, n):
        _warm_up()
        self.P = random_scenarios(n, seed=2)
        self.out, self.prof, self.status = _alloc(n)

    def time_solve_batch_serial(self, n):
        kh.solve_batch_serial(self.P, self.out, self.prof, self.status)


class TrackSpeedRatio:
    """Speed ratio SciPy reference / kernel ``solve`` on the same 20 scenarios, in one run."""

    unit = "times"
    timeout = 300

    def setup(self):
        _warm_up()
        self.P = random_scenarios(20, seed=3)

    def track_ratio_reference_over_kernel(self):
        import time

        n = self.P.shape[0]
        out, prof, _ = _alloc(n)
        t0 = time.perf_counter()
        for _ in range(20):
            for i in range(n):
                kh.solve(self.P[i], out[i], prof[i])
        t_kernel = (time.perf_counter() - t0) / 20
        t0 = time.perf_counter()
        for i in range(n):
            ref.solve(self.P[i], out[i], prof[i])
        t_ref = time.perf_counter() - t0
        return t_ref / t_kernel


class TrackStartup:
    """First-call times of the kernels in a fresh interpreter: empty numba cache, then warm."""

    unit = "seconds"
    timeout = 900
    processes = 1

    def _first_calls(self, cache_dir: str) -> dict:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
        done = subprocess.run([sys.executable, "-c", FIRST_CALLS_CODE], cwd=cache_dir, env=env,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def track_compile_empty_cache(self):
        with tempfile.TemporaryDirectory(prefix="heattwin_numba_") as tmp:
            return self._first_calls(tmp)["total_s"]

    def track_start_warm_cache(self):
        with tempfile.TemporaryDirectory(prefix="heattwin_numba_") as tmp:
            self._first_calls(tmp)
            return self._first_calls(tmp)["total_s"]
