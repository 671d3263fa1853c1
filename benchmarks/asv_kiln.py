"""asv benchmarks of the rotary-kiln kernel, for tracking speed across commits.

Run ``.venv/bin/asv run --quick --python=same`` for this checkout in the current
environment, or ``asv continuous main HEAD`` to compare commits (see ``asv.conf.json``).
Every ``setup`` calls the kernels once, so compilation (or loading from numba's cache)
is never timed; the cost of compiling is tracked separately by :class:`TrackKilnStartup`.
``benchmarks/run_kiln.py`` makes the same measurements for ``make bench``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchmarks.kiln_scenarios import named_scenarios, random_scenarios
from benchmarks.reference import kiln as ref
from benchmarks.run_kiln import FIRST_CALLS_CODE
from kernels import kiln as kk


def _alloc(rows: int, n_cell: int = kk.N_CELL):
    return (np.zeros((rows, len(kk.OUTPUTS))), np.zeros((rows, len(kk.PROFILES), n_cell)),
            np.zeros(rows, dtype=np.int8))


def _warm_up() -> None:
    P = random_scenarios(2, seed=99)
    out, prof, status = _alloc(2)
    kk.solve(P[0], out[0], prof[0])
    kk.solve_cells(P[0], np.empty((kk.N_CELL, kk.N_VAR)), out[0], prof[0])
    kk.solve_batch(P, out, prof, status)
    kk.solve_batch_serial(P, out, prof, status)


class TimeKilnSolve:
    """One steady solve of Barr trial T4 on 100 cells, kernel and reference."""

    def setup(self):
        _warm_up()
        self.p = named_scenarios()["barr_T4"]
        out, prof, _ = _alloc(1)
        self.out, self.prof = out[0], prof[0]

    def time_solve(self):
        kk.solve(self.p, self.out, self.prof)

    def time_reference_solve(self):
        ref.solve(self.p, self.out, self.prof)


class TimeKilnSolveCells:
    """``solve_cells`` on Barr T4 with a growing number of cells (cost should grow linearly)."""

    params = [50, 100, 200, 400, 800]
    param_names = ["cells"]

    def setup(self, n):
        _warm_up()
        self.p = named_scenarios()["barr_T4"]
        self.x = np.empty((n, kk.N_VAR))
        out, prof, _ = _alloc(1, n)
        self.out, self.prof = out[0], prof[0]

    def time_solve_cells(self, n):
        kk.solve_cells(self.p, self.x, self.out, self.prof)

    def time_reference_solve(self, n):
        ref.solve(self.p, self.out, self.prof)


class TimeKilnSolveBatch:
    """``solve_batch`` (parallel over rows) on varied scenarios around Barr T4."""

    params = [64, 512]
    param_names = ["scenarios"]
    number = 1
    timeout = 300

    def setup(self, n):
        _warm_up()
        self.P = random_scenarios(n, seed=2)
        self.out, self.prof, self.status = _alloc(n)

    def time_solve_batch(self, n):
        kk.solve_batch(self.P, self.out, self.prof, self.status)

    def time_solve_batch_serial(self, n):
        kk.solve_batch_serial(self.P, self.out, self.prof, self.status)


class TrackKilnSpeedRatio:
    """Speed ratio reference / kernel ``solve`` on the named scenarios, in one run."""

    unit = "times"
    timeout = 300

    def setup(self):
        _warm_up()
        self.scenarios = list(named_scenarios().values())

    def track_ratio_reference_over_kernel(self):
        out, prof, _ = _alloc(1)
        t0 = time.perf_counter()
        for _ in range(5):
            for p in self.scenarios:
                kk.solve(p, out[0], prof[0])
        t_kernel = (time.perf_counter() - t0) / 5
        t0 = time.perf_counter()
        for p in self.scenarios:
            ref.solve(p, out[0], prof[0])
        return (time.perf_counter() - t0) / t_kernel


class TrackKilnStartup:
    """First-call times of the kiln kernels in a fresh interpreter: empty numba cache, then warm."""

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
