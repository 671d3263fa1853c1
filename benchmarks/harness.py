"""Helpers shared by the benchmark runners (:mod:`benchmarks.run`, :mod:`benchmarks.run_kiln`).

Timing summaries, the environment of the measuring subprocesses (one numba cache for
the whole run), the machine description and the number formats of the report.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------- timings
def summary(values: list[float]) -> dict:
    """Median, minimum and all values of repeated timings."""
    return {"median": statistics.median(values), "min": min(values), "runs": values}


def project_cache_dir() -> str:
    """The numba cache directory this process uses (importing ``kernels`` may configure it).

    Subprocesses inherit it through ``NUMBA_CACHE_DIR``, so every measurement of one run
    uses the same cache even if a kernel source changes meanwhile.
    """
    import numba

    import kernels  # noqa: F401

    return os.environ.get("NUMBA_CACHE_DIR") or numba.config.CACHE_DIR or ""


def env(**extra: str) -> dict[str, str]:
    """Environment of a measuring subprocess: this checkout first on the path, this run's numba cache."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH")]))
    cache = project_cache_dir()
    if cache:
        environment["NUMBA_CACHE_DIR"] = cache
    environment.update(extra)
    return environment


def run_worker(module: str, worker: str, *args: str, **extra_env: str) -> dict:
    """Run ``python -m <module> --worker <worker> ...`` in a fresh interpreter; its JSON result."""
    cmd = [sys.executable, "-m", module, "--worker", worker, *args]
    done = subprocess.run(cmd, cwd=REPO, env=env(**extra_env), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark worker {module} {worker} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------- start-up
def first_calls(code: str, cache_dir: str) -> dict:
    """Run ``code`` (which prints a JSON line of timings) in a fresh interpreter on ``cache_dir``.

    Adds ``process_s``, the wall time of the whole subprocess, interpreter start-up included.
    """
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env(NUMBA_CACHE_DIR=cache_dir),
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"first-call timing failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"process_s": elapsed}


def measure_cold_start(code: str, runs_empty: int = 1, runs_warm: int = 3, cache_dir: str | None = None) -> dict:
    """First-call times (:func:`first_calls` of ``code``) in fresh subprocesses: empty numba cache, then warm.

    Each empty-cache run gets its own new temporary ``NUMBA_CACHE_DIR``; the warm runs
    reuse the directory the last empty run filled. With ``cache_dir`` given, or with
    ``runs_empty=0``, no empty-cache run is made and the warm runs use ``cache_dir`` or
    the project's cache (:func:`project_cache_dir`).
    """
    result = {"empty": [], "warm": []}
    if runs_empty == 0 and cache_dir is None:
        cache_dir = project_cache_dir()
    with tempfile.TemporaryDirectory(prefix="heattwin_numba_") as tmp:
        if cache_dir is None:
            for k in range(runs_empty):
                cache_dir = os.path.join(tmp, f"cache{k}")
                os.mkdir(cache_dir)
                result["empty"].append(first_calls(code, cache_dir))
        for _ in range(runs_warm):
            result["warm"].append(first_calls(code, cache_dir))
    return result


# ------------------------------------------------------------------------- machine
def time_batch(solve_batch, scenarios, alloc, sizes: list[int], repeats: int, seed: int) -> dict:
    """Seconds (wall and CPU) of ``solve_batch`` per size, in this process.

    ``scenarios(n, seed)`` returns the parameter rows and ``alloc(n)`` the output arrays
    ``(out, prof, status)``; the kernel must be compiled already. The thread count is
    whatever ``NUMBA_NUM_THREADS`` this process was started with.
    """
    import numba

    result = {"threads": numba.get_num_threads(), "threading_layer": numba.threading_layer(), "sizes": {},
              "load_start": load_average()[0]}
    for n in sizes:
        P = scenarios(n, seed)
        out, prof, status = alloc(n)
        times, cpu = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            solve_batch(P, out, prof, status)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        result["sizes"][str(n)] = summary(times) | {"cpu_s": statistics.median(cpu), "ok": int(np.sum(status == 0))}
    result["load_end"] = load_average()[0]
    return result


def machine_info() -> dict:
    """CPU model, cores, versions, load average and the source revision."""
    import numba
    import scipy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        rev = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True,
                             text=True, check=False).stdout.strip()
    except OSError:
        rev = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "numba": numba.__version__,
        "scipy": scipy.__version__,
        "platform": platform.platform(),
        "load_avg": load_average(),
        "git": rev,
    }


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages (NaN where the OS does not tell)."""
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else [float("nan")] * 3


# ------------------------------------------------------------------------ formats
def fmt(x: float | None, digits: int = 3) -> str:
    """A number to ``digits`` significant digits, trailing zeros kept (20.0 is not 20)."""
    if x is None:
        return "n/a"
    return f"{x:#.{digits}g}".rstrip(".")


def ms(d: dict, scale: float = 1.0, digits: int = 3) -> str:
    """``median (min)`` of a :func:`summary`, times ``scale``."""
    return f"{fmt(d['median'] * scale, digits)} ({fmt(d['min'] * scale, digits)})"


def met(value: float, target: float, below: bool = True) -> str:
    """"yes" when the target is met, a bold "no" otherwise."""
    return "yes" if (value < target if below else value >= target) else "**no**"
