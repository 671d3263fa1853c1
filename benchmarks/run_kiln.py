"""The rotary-kiln section of the benchmark runner (``make bench``, :mod:`benchmarks.run`).

Measures, in one run on one machine, for :mod:`kernels.kiln` (the inert-bed, gas-fired
scenarios of :mod:`benchmarks.kiln_scenarios`):

1. start-up: import + first ``solve`` + first ``solve_batch`` in a fresh subprocess with
   an empty numba cache (cold compile), then with the cache that run wrote;
2. one steady ``solve`` on 100 cells (Barr T4) called from Python, and per row of
   ``solve_batch_serial`` on varied scenarios;
3. ``solve_cells`` on 50 ... 800 cells, next to the NumPy/SciPy reference on the same
   grids: time, cost per cell (the growth of cost with size; the block-tridiagonal
   Newton should be linear), Newton iterations, speed ratio;
4. ``solve_batch`` on varied scenarios with ``NUMBA_NUM_THREADS`` = 1 and 2 (one
   subprocess each);
5. the reference (:mod:`benchmarks.reference.kiln`, banded Newton and
   ``scipy.optimize.root(method="hybr")``) against the kernel on the named scenarios:
   time, speed ratio, largest deviation, and the error of both against the reference
   iterated to round-off;
6. the kernel against ``scipy.integrate.solve_bvp`` on the continuous equations
   (:mod:`benchmarks.reference.kiln_bvp`) at equal accuracy: both measured against the
   grid-converged answer (:mod:`benchmarks.kiln_accuracy`, the kernel Richardson-extrapolated
   from 3200/6400 cells), the kernel on a ladder of cell counts and ``solve_bvp`` on a
   ladder of tolerances; per accuracy target (the kernel's error on 100 cells, 1 K) the
   cheapest of each that meets it, and the ratio of their times. In one single-threaded
   subprocess (NumPy's BLAS and numba on one thread).

Nothing is asserted about time. :func:`run_all` returns plain data; :func:`render_markdown`
and :func:`render_text` format it for the README and the terminal.
``python -m benchmarks.run_kiln --worker batch`` is the subprocess of item 4, ``--worker bvp``
that of item 6.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np

from benchmarks.harness import fmt, measure_cold_start, met, ms, run_worker, summary, time_batch
from benchmarks.kiln_scenarios import named_scenarios, random_scenarios

#: Targets of issue 4, reported and never asserted.
TARGETS = {"solve_200_ms": 2.0, "ratio": 50.0}

#: Temperature outputs and profiles compared in kelvin; other outputs relatively.
TEMPERATURE_OUTPUTS = ("bed_exit_temp", "gas_exit_temp", "gas_max_temp", "bed_max_temp", "wall_max_temp",
                       "shell_max_temp", "adiabatic_flame_temp")
RELATIVE_OUTPUTS = ("heat_to_bed", "shell_loss", "exhaust_loss", "product_sensible_heat", "residence_time",
                    "gas_exit_o2_dry")
TEMPERATURE_PROFILES = ("T_gas", "T_bed", "T_wall", "T_shell")

# Run by a fresh interpreter: nothing but the timer is imported before the kernel.
FIRST_CALLS_CODE = """
import time
t0 = time.perf_counter()
import json
import numpy as np
from kernels import kiln as kk
from kernels.contract import defaults
t1 = time.perf_counter()
p = defaults(kk.PARAMS)
out = np.zeros((1, len(kk.OUTPUTS)))
prof = np.zeros((1, len(kk.PROFILES), kk.N_CELL))
status = np.zeros(1, dtype=np.int8)
s = kk.solve(p, out[0], prof[0])
t2 = time.perf_counter()
kk.solve_batch(p[None, :], out, prof, status)
t3 = time.perf_counter()
kk.solve_batch_serial(p[None, :], out, prof, status)
t4 = time.perf_counter()
assert s == 0 and status[0] == 0, (s, status)
print(json.dumps({"import_s": t1 - t0, "solve_s": t2 - t1, "solve_batch_s": t3 - t2,
                  "solve_batch_serial_s": t4 - t3, "total_s": t3 - t0}))
"""


# ------------------------------------------------------------------------- helpers
def _alloc(rows: int, n_cell: int | None = None):
    """Zero-filled outputs, profiles and statuses for ``rows`` scenarios on ``n_cell`` cells."""
    from kernels import kiln as kk

    n_cell = n_cell or kk.N_CELL
    return (np.zeros((rows, len(kk.OUTPUTS))), np.zeros((rows, len(kk.PROFILES), n_cell)),
            np.zeros(rows, dtype=np.int8))


def _warm_up() -> None:
    """Compile (or load from the cache) every kernel that is timed, so no timing includes it."""
    from kernels import kiln as kk

    P = random_scenarios(2, seed=99)
    out, prof, status = _alloc(2)
    kk.solve(P[0], out[0], prof[0])
    kk.solve_cells(P[0], np.empty((kk.N_CELL, kk.N_VAR)), out[0], prof[0])
    kk.solve_batch(P, out, prof, status)
    kk.solve_batch_serial(P, out, prof, status)


def _indices(names, prefix: str) -> list[int]:
    from kernels import kiln as kk

    return [getattr(kk, f"{prefix}_{name.upper()}") for name in names]


def deviations(out_a: np.ndarray, prof_a: np.ndarray, out_b: np.ndarray, prof_b: np.ndarray) -> dict:
    """Largest |b - a|: K for temperatures and temperature profiles, relative for the other outputs.

    Arrays with one row per scenario (outputs) and per scenario x profile x cell.
    """
    temps = _indices(TEMPERATURE_OUTPUTS, "O")
    rel = _indices(RELATIVE_OUTPUTS, "O")
    profiles = _indices(TEMPERATURE_PROFILES, "F")
    return {
        "temperatures_K": float(np.max(np.abs(out_b[:, temps] - out_a[:, temps]))),
        "profiles_K": float(np.max(np.abs(prof_b[:, profiles] - prof_a[:, profiles]))),
        "relative": float(np.max(np.abs(out_b[:, rel] - out_a[:, rel]) / np.abs(out_a[:, rel]))),
    }


# ----------------------------------------------------------------------- kernel
def measure_solve(calls: int = 100, rows: int = 64, repeats: int = 3) -> dict:
    """One 100-cell steady solve of Barr T4 from Python, timed call by call; and per row of ``solve_batch_serial``.

    ``calls`` single calls give the median and minimum (ms) and the CPU time; the batch
    of ``rows`` varied scenarios is timed ``repeats`` times.
    """
    from kernels import kiln as kk

    _warm_up()
    p = named_scenarios()["barr_T4"]
    out, prof, _ = _alloc(1)
    wall, cpu = [], []
    for _ in range(calls):
        t0, c0 = time.perf_counter(), time.process_time()
        status = kk.solve(p, out[0], prof[0])
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    P = random_scenarios(rows, seed=4)
    OUT, PROF, STATUS = _alloc(rows)
    per_row = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        kk.solve_batch_serial(P, OUT, PROF, STATUS)
        per_row.append((time.perf_counter() - t0) / rows * 1e3)
    return {"calls": calls, "status": int(status), "iterations": float(out[0, kk.O_NEWTON_ITERATIONS]),
            "solve_ms": summary(wall), "solve_cpu_ms": summary(cpu), "rows": rows,
            "rows_ok": int(np.sum(STATUS == 0)),
            "mean_iterations_rows": float(np.mean(OUT[STATUS == 0, kk.O_NEWTON_ITERATIONS])),
            "per_row_serial_ms": summary(per_row)}


def measure_cells(cells: list[int], repeats: int = 5, ref_repeats: int = 3) -> dict:
    """``solve_cells`` and the reference on Barr T4 for each cell count: time, iterations, deviation."""
    from benchmarks.reference import kiln as ref
    from kernels import kiln as kk

    _warm_up()
    p = named_scenarios()["barr_T4"]
    out_w, prof_w, _ = _alloc(1, cells[0])
    ref.solve(p, out_w[0], prof_w[0])  # first call: SciPy's lazy imports
    result = {}
    for n in cells:
        x = np.empty((n, kk.N_VAR))
        out_k, prof_k, _ = _alloc(1, n)
        out_r, prof_r, _ = _alloc(1, n)
        status_k = kk.solve_cells(p, x, out_k[0], prof_k[0])
        t_kernel = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            kk.solve_cells(p, x, out_k[0], prof_k[0])
            t_kernel.append((time.perf_counter() - t0) * 1e3)
        t_ref = []
        for _ in range(ref_repeats):
            t0 = time.perf_counter()
            status_r = ref.solve(p, out_r[0], prof_r[0])
            t_ref.append((time.perf_counter() - t0) * 1e3)
        result[str(n)] = {
            "status": [int(status_k), int(status_r)],
            "kernel_ms": summary(t_kernel),
            "reference_ms": summary(t_ref),
            "iterations": [float(out_k[0, kk.O_NEWTON_ITERATIONS]), float(out_r[0, kk.O_NEWTON_ITERATIONS])],
            "bed_exit_temp": float(out_k[0, kk.O_BED_EXIT_TEMP]),
            "deviation": deviations(out_k, prof_k, out_r, prof_r),
        }
    return result


def measure_batch(sizes: list[int], repeats: int = 2, seed: int = 2) -> dict:
    """Seconds of ``solve_batch`` per size in this process (thread count as configured)."""
    from kernels import kiln as kk

    _warm_up()
    return time_batch(kk.solve_batch, random_scenarios, _alloc, sizes, repeats, seed)


def measure_batch_threads(threads: list[int], sizes: list[int], repeats: int = 2) -> dict:
    """:func:`measure_batch` in one fresh subprocess per ``NUMBA_NUM_THREADS`` value."""
    args = ["--sizes", ",".join(map(str, sizes)), "--repeats", str(repeats)]
    return {str(t): run_worker("benchmarks.run_kiln", "batch", *args, NUMBA_NUM_THREADS=str(t)) for t in threads}


# -------------------------------------------------------------------- reference
def measure_reference(repeats: int = 3, hybr: bool = True) -> dict:
    """Kernel against the reference on every named scenario (100 cells, single-threaded both).

    Per scenario: the median time of ``repeats`` kernel ``solve`` calls, reference
    Newton solves and (``hybr``) one ``scipy.optimize.root`` solve; the largest
    kernel-reference deviation; the error of each against the reference iterated to
    round-off (``tol=0``).
    """
    from benchmarks.reference import kiln as ref
    from kernels import kiln as kk

    _warm_up()
    out_w, prof_w, _ = _alloc(1)
    ref.solve(named_scenarios()["barr_T4"], out_w[0], prof_w[0])  # first call: SciPy's lazy imports
    result = {}
    for name, p in named_scenarios().items():
        out_k, prof_k, _ = _alloc(1)
        out_r, prof_r, _ = _alloc(1)
        out_h, prof_h, _ = _alloc(1)
        out_c, prof_c, _ = _alloc(1)
        t_kernel, t_ref = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            status_k = kk.solve(p, out_k[0], prof_k[0])
            t_kernel.append((time.perf_counter() - t0) * 1e3)
            t0 = time.perf_counter()
            status_r = ref.solve(p, out_r[0], prof_r[0])
            t_ref.append((time.perf_counter() - t0) * 1e3)
        row = {"status": [int(status_k), int(status_r)], "kernel_ms": summary(t_kernel),
               "reference_ms": summary(t_ref),
               "ratio": statistics.median(t_ref) / statistics.median(t_kernel),
               "iterations": [float(out_k[0, kk.O_NEWTON_ITERATIONS]), float(out_r[0, kk.O_NEWTON_ITERATIONS])]}
        if hybr:
            t0 = time.perf_counter()
            status_h = ref.solve(p, out_h[0], prof_h[0], method="hybr")
            row["hybr_ms"] = (time.perf_counter() - t0) * 1e3
            row["hybr_status"] = int(status_h)
            row["hybr_ratio"] = row["hybr_ms"] / statistics.median(t_kernel)
            row["hybr_evaluations"] = float(out_h[0, kk.O_NEWTON_ITERATIONS])
        status_c = ref.solve(p, out_c[0], prof_c[0], tol=0.0)
        if status_k == status_r == status_c == 0:
            row["deviation"] = deviations(out_k, prof_k, out_r, prof_r)
            row["kernel_error"] = deviations(out_c, prof_c, out_k, prof_k)
            row["reference_error"] = deviations(out_c, prof_c, out_r, prof_r)
            if hybr and row["hybr_status"] == 0:
                row["hybr_error"] = deviations(out_c, prof_c, out_h, prof_h)
        result[name] = row
    return result


# ------------------------------------------------------------------------ solve_bvp
#: Environment of the single-threaded subprocess of :func:`measure_bvp_worker`.
SINGLE_THREAD = {"NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                 "MKL_NUM_THREADS": "1"}


def _time_ms(fn, repeats: int, *args) -> tuple[dict, object]:
    """Median/min of ``repeats`` calls of fn(*args) in ms, and the last result."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn(*args)
        times.append((time.perf_counter() - t0) * 1e3)
    return summary(times), result


def _cheapest(ladder: dict, target: float) -> str | None:
    """Key of the fastest ladder entry whose error is within ``target`` K (None if none is)."""
    ok = [key for key, d in ladder.items() if d.get("error_K") is not None and d["error_K"] <= target]
    return min(ok, key=lambda key: ladder[key]["ms"]["median"]) if ok else None


def measure_bvp(scenarios: list[str], tols: list[float], cells: list[int], targets_K: list[float],
                match_cells: int = 100, truth_cells: int = 3200, repeats: int = 3) -> dict:
    """Kernel vs ``solve_bvp`` at equal accuracy on the named ``scenarios``.

    Per scenario: the grid-converged answer (Richardson, ``truth_cells`` and twice as many);
    the kernel's ``solve_cells`` on each of ``cells`` (each dividing ``truth_cells``) and
    :func:`benchmarks.reference.kiln_bvp.solve` at each of ``tols``: median time of
    ``repeats`` calls, largest gas/bed face temperature error. For each accuracy target
    (the kernel's error on ``match_cells`` cells, then ``targets_K``) the cheapest kernel
    grid and ``solve_bvp`` tolerance within it, and the time ratio ``solve_bvp`` / kernel.
    """
    from benchmarks import kiln_accuracy as ka
    from benchmarks.reference import kiln_bvp as kb
    from kernels import kiln as kk

    _warm_up()
    named = named_scenarios()
    kb.solve(named["barr_T4"], tol=1e-1)  # first call: SciPy's lazy imports
    result = {}
    for name in scenarios:
        p = named[name]
        row = {"kernel": {}, "bvp": {}, "equal": []}
        try:
            truth = ka.grid_converged(p, truth_cells)
        except RuntimeError as err:
            result[name] = {"error": str(err)}
            continue
        for n in cells:
            x = np.empty((n, kk.N_VAR))
            out, prof, _ = _alloc(1, n)
            t, status = _time_ms(kk.solve_cells, repeats, p, x, out[0], prof[0])
            error = ka.max_error(ka.kernel_faces(p, n), truth) if status == 0 else None
            row["kernel"][str(n)] = {"ms": t, "status": int(status), "error_K": error,
                                     "iterations": float(out[0, kk.O_NEWTON_ITERATIONS])}
        for tol in tols:
            t, sol = _time_ms(kb.solve, repeats, p, tol)
            d = {"ms": t, "status": int(sol.status), "error_K": None}
            if sol.status == 0:
                d |= {"error_K": ka.max_error(ka.solution_faces(sol.temperatures, truth), truth),
                      "nodes": sol.n_nodes, "iterations": int(sol.result.niter)}
            row["bvp"][f"{tol:g}"] = d
        base = row["kernel"].get(str(match_cells), {}).get("error_K")
        for label, target in ([(f"kernel on {match_cells} cells", base)] if base is not None else []) + [
                (f"{t:g} K", t) for t in targets_K]:
            k_key, b_key = _cheapest(row["kernel"], target), _cheapest(row["bvp"], target)
            entry = {"label": label, "target_K": target, "kernel_cells": k_key, "bvp_tol": b_key}
            if k_key and b_key:
                entry["ratio"] = row["bvp"][b_key]["ms"]["median"] / row["kernel"][k_key]["ms"]["median"]
            row["equal"].append(entry)
        result[name] = row
    return result


def measure_bvp_worker(config: dict) -> dict:
    """:func:`measure_bvp` with ``config`` in a fresh single-threaded subprocess (:data:`SINGLE_THREAD`)."""
    return run_worker("benchmarks.run_kiln", "bvp", "--config", json.dumps(config), **SINGLE_THREAD)


# ------------------------------------------------------------------------- driver
#: Sizes and repeats of ``make bench`` and of ``--quick`` (a smoke run).
FULL = {"cold_empty": 1, "cold_warm": 3, "solve_calls": 100, "solve_rows": 64, "solve_repeats": 3,
        "cells": [50, 100, 200, 400, 800], "cells_repeats": 5, "cells_ref_repeats": 3,
        "threads": [1, 2], "batch_sizes": [64, 1000], "batch_repeats": 2, "ref_repeats": 3, "hybr": True,
        "bvp": {"scenarios": ["barr_T4", "barr_T1", "barr_T6"], "tols": [1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4],
                "cells": [50, 100, 200, 400, 800, 1600], "targets_K": [1.0], "match_cells": 100,
                "truth_cells": 3200, "repeats": 3}}
QUICK = {"cold_empty": 1, "cold_warm": 1, "solve_calls": 10, "solve_rows": 8, "solve_repeats": 1,
         "cells": [50, 100, 200], "cells_repeats": 1, "cells_ref_repeats": 1,
         "threads": [1, 2], "batch_sizes": [8, 64], "batch_repeats": 1, "ref_repeats": 1, "hybr": True,
         "bvp": {"scenarios": ["barr_T4"], "tols": [1e-1, 1e-2, 1e-3], "cells": [100, 200, 400, 800],
                 "targets_K": [1.0], "match_cells": 100, "truth_cells": 1600, "repeats": 1}}


def run_all(config: dict = FULL, startup: bool = True, log=None) -> dict:
    """Every kiln measurement with the sizes and repeats of ``config`` (:data:`FULL`, :data:`QUICK`).

    ``log(label)`` is called before each step (progress on stderr in :mod:`benchmarks.run`).
    """
    c = config
    log = log or (lambda label: None)
    res = {"config": dict(c)}
    if startup:
        log("kiln: cold start (empty numba cache, fresh subprocess), then warm cache")
        res["cold_start"] = measure_cold_start(FIRST_CALLS_CODE, runs_empty=c["cold_empty"], runs_warm=c["cold_warm"])
    log("kiln: one solve (100 cells)")
    res["solve"] = measure_solve(calls=c["solve_calls"], rows=c["solve_rows"], repeats=c["solve_repeats"])
    log(f"kiln: solve_cells and reference on {c['cells']} cells")
    res["cells"] = measure_cells(c["cells"], repeats=c["cells_repeats"], ref_repeats=c["cells_ref_repeats"])
    log(f"kiln: solve_batch, NUMBA_NUM_THREADS = {c['threads']}")
    res["batch"] = measure_batch_threads(c["threads"], c["batch_sizes"], repeats=c["batch_repeats"])
    log("kiln: reference vs kernel on the named scenarios")
    res["reference"] = measure_reference(repeats=c["ref_repeats"], hybr=c["hybr"])
    if c.get("bvp"):
        log(f"kiln: kernel vs solve_bvp at equal accuracy on {c['bvp']['scenarios']} (single thread)")
        res["bvp"] = measure_bvp_worker(c["bvp"])
    return res


# ---------------------------------------------------------------------- reporting
def _batch_table(b: dict) -> list[str]:
    threads = sorted(b, key=int)
    sizes = list(b[threads[0]]["sizes"])
    head = "| scenarios |" + "".join(
        f" {t} thread{'s' if t != '1' else ''}: wall s | CPU s | scen/s | ms/scen |" for t in threads)
    if len(threads) > 1:
        head += f" speed-up {threads[-1]} vs {threads[0]} |"
    lines = [head, "|---" * (1 + 4 * len(threads) + (len(threads) > 1)) + "|"]
    for n in sizes:
        row = f"| {int(n):,} (OK {b[threads[0]]['sizes'][n]['ok']:,}) |"
        for t in threads:
            d = b[t]["sizes"][n]
            row += (f" {ms(d)} | {fmt(d['cpu_s'])} | {int(n) / d['median']:,.0f} "
                    f"| {d['median'] / int(n) * 1e3:.3g} |")
        if len(threads) > 1:
            row += f" {b[threads[0]]['sizes'][n]['median'] / b[threads[-1]]['sizes'][n]['median']:.2f} |"
        lines.append(row)
    return lines


def render_markdown(res: dict) -> str:
    """The kiln part of the README's results section (Markdown)."""
    lines = ["### Rotary kiln (`kernels.kiln`)", "",
             "Inert sand bed, gas fired: Barr pilot kiln trial T4 (the kernel defaults) and the scenarios of "
             "`benchmarks/kiln_scenarios.py`.", ""]
    if "cold_start" in res:
        cs = res["cold_start"]
        lines += ["#### Kiln start-up", "", "| measurement | median (min) | runs |", "|---|---|---|"]
        for label, runs in (("empty cache", cs["empty"]), ("warm cache", cs["warm"])):
            for key, what in (("import_s", "import `kernels.kiln`"), ("solve_s", "first `solve` call"),
                              ("solve_batch_s", "first `solve_batch` call"),
                              ("total_s", "import + `solve` + `solve_batch`"),
                              ("process_s", "whole subprocess (interpreter start to exit)")):
                if runs:
                    lines.append(f"| {label}: {what} [s] | {ms(summary([r[key] for r in runs]))} | {len(runs)} |")
        lines.append("")
    s = res["solve"]
    lines += [
        "#### Kiln: one steady solve",
        "",
        "| measurement | median (min) [ms] |",
        "|---|---|",
        f"| `solve`, 100 cells, Barr T4, called from Python ({s['calls']} calls, {s['iterations']:.0f} Newton "
        f"iterations) | {ms(s['solve_ms'])} |",
        f"| CPU time of this process per `solve` call | {ms(s['solve_cpu_ms'])} |",
        f"| per row inside `solve_batch_serial` ({s['rows']} varied scenarios, {s['rows_ok']} OK, "
        f"{s['mean_iterations_rows']:.1f} iterations on average) | {ms(s['per_row_serial_ms'])} |",
        "",
    ]
    cells = res["cells"]
    sizes = list(cells)
    base = sizes[0]
    k0 = cells[base]["kernel_ms"]["median"] / int(base)
    r0 = cells[base]["reference_ms"]["median"] / int(base)
    lines += [
        "#### Kiln: cost with the number of cells (Barr T4)",
        "",
        "| cells | kernel `solve_cells` [ms] | kernel µs/cell (× of " + base + " cells) | reference [ms] "
        "| reference µs/cell (× of " + base + " cells) | ratio ref/kernel | Newton it. kernel/ref "
        "| bed exit [K] | max dev. profiles [K] |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        d = cells[n]
        kc = d["kernel_ms"]["median"] / int(n)
        rc = d["reference_ms"]["median"] / int(n)
        lines.append(
            f"| {int(n)} | {ms(d['kernel_ms'])} | {kc * 1e3:.3g} ({kc / k0:.2f}) | {ms(d['reference_ms'])} "
            f"| {rc * 1e3:.3g} ({rc / r0:.2f}) | {d['reference_ms']['median'] / d['kernel_ms']['median']:.1f}× "
            f"| {d['iterations'][0]:.0f} / {d['iterations'][1]:.0f} | {d['bed_exit_temp']:.2f} "
            f"| {d['deviation']['profiles_K']:.1e} |")
    if "200" in cells:
        t200 = cells["200"]["kernel_ms"]["median"]
        lines += ["", f"Target (issue 4): one 200-cell steady solve in < {TARGETS['solve_200_ms']:g} ms: "
                  f"{t200:.3g} ms — {met(t200, TARGETS['solve_200_ms'])}"]
    lines += ["", "Cost per cell flat (× near 1) means cost linear in the cell count. The bed exit temperature "
              "shows the grid convergence of the first-order upwind scheme.", ""]
    loads = "; ".join(f"{t} thread{'s' if t != '1' else ''}: {b['load_start']:.2f} → {b['load_end']:.2f}"
                      for t, b in sorted(res["batch"].items(), key=lambda kv: int(kv[0])))
    lines += ["#### Kiln: `solve_batch` scaling", "", *_batch_table(res["batch"]), "",
              "Varied scenarios around Barr T4 (fuel and feed ±30 %, secondary air 25–427 °C, flame 0–2 m, "
              "1–3 rpm). Wall time is what a user waits; CPU s is the CPU time of all threads (near the wall "
              "time with 2 threads: one thread waited for a core). 1-minute load average at the start and end "
              f"of each worker: {loads}.", ""]
    ref = res["reference"]
    ratios = [r["ratio"] for r in ref.values()]
    lines += [
        "#### Kiln: kernel vs the NumPy/SciPy reference (same discretised equations, equal accuracy)",
        "",
        "100 cells, single-threaded both. Reference: `benchmarks/reference/kiln.py`, the same Newton iteration "
        "vectorised with NumPy (banded Jacobian, `scipy.linalg.solve_banded`); `hybr`: the same residuals "
        "through `scipy.optimize.root(method=\"hybr\")`. Deviations: largest |Δ| over the temperature outputs "
        "and the gas/bed/wall/shell profiles; errors against the reference iterated to round-off.",
        "",
        "| scenario | kernel [ms] | reference [ms] | ratio | `hybr` [ms] | ratio | max dev. kernel vs ref [K] "
        "| kernel error [K] | reference error [K] | `hybr` error [K] |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in ref.items():

        def largest(key, r=r):
            d = r.get(key)
            return f"{max(d['temperatures_K'], d['profiles_K']):.1e}" if d else "n/a"

        if "hybr_ms" not in r:
            hybr = "| "
        elif r["hybr_status"] == 0:
            hybr = f"{r['hybr_ms']:.3g} | {r['hybr_ratio']:.1f}×"
        else:
            hybr = f"status {r['hybr_status']} | "
        lines.append(
            f"| {name} | {ms(r['kernel_ms'])} | {ms(r['reference_ms'])} | {r['ratio']:.1f}× | {hybr} "
            f"| {largest('deviation')} | {largest('kernel_error')} | {largest('reference_error')} "
            f"| {largest('hybr_error')} |")
    lines += ["", f"Median speed ratio reference / kernel over the {len(ratios)} scenarios: "
              f"**{statistics.median(ratios):.1f}×** (target ≥ {TARGETS['ratio']:g}×: "
              f"{met(statistics.median(ratios), TARGETS['ratio'], below=False)})."]
    rel = max(r["deviation"]["relative"] for r in ref.values() if "deviation" in r)
    lines += ["", f"Largest relative deviation of heat flows, residence time and exhaust O2: {rel:.1e}.", ""]
    if "bvp" in res:
        lines += _bvp_markdown(res["bvp"])
    return "\n".join(lines)


def _error(d: dict) -> str:
    return f"{d['error_K']:.3g}" if d.get("error_K") is not None else f"status {d['status']}"


def bvp_ratios(bvp: dict) -> dict[str, list[float]]:
    """Speed ratios solve_bvp / kernel per accuracy target label, over the scenarios that have one."""
    ratios: dict[str, list[float]] = {}
    for row in bvp.values():
        for e in row.get("equal", []):
            key = "kernel on N cells" if e["label"].startswith("kernel on") else e["label"]
            if "ratio" in e:
                ratios.setdefault(key, []).append(e["ratio"])
    return ratios


def _bvp_markdown(bvp: dict) -> list[str]:
    """The kernel-vs-solve_bvp tables (:func:`measure_bvp`)."""
    names = [name for name, row in bvp.items() if "kernel" in row]
    lines = [
        "#### Kiln: kernel vs `scipy.integrate.solve_bvp` (continuous equations, equal accuracy)",
        "",
        "Reference: `benchmarks/reference/kiln_bvp.py`, the same equations as ODEs in z (gas and bed temperature; "
        "wall and shell temperatures algebraic per point) solved by `solve_bvp` (4th-order collocation, adaptive "
        "mesh). Accuracy: largest gas or bed temperature error at the cell faces against the kernel "
        "Richardson-extrapolated from its two finest grids (`benchmarks/kiln_accuracy.py`). For each target, the "
        "cheapest kernel grid and the loosest `solve_bvp` tolerance that meet it; single thread both "
        "(one subprocess, `NUMBA_NUM_THREADS` = `OMP_NUM_THREADS` = 1).",
        "",
        "| scenario | accuracy target [K] | kernel cells | kernel error [K] | kernel [ms] | `solve_bvp` tol | nodes "
        "| `solve_bvp` error [K] | `solve_bvp` [ms] | ratio `solve_bvp` / kernel |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        row = bvp[name]
        for e in row["equal"]:
            k = row["kernel"].get(e["kernel_cells"] or "", {})
            b = row["bvp"].get(e["bvp_tol"] or "", {})
            kernel = (f"{e['kernel_cells']} | {_error(k)} | {ms(k['ms'])}" if k else "none of the grids | | ")
            ref_ = (f"{e['bvp_tol']} | {b['nodes']} | {_error(b)} | {ms(b['ms'])}" if b
                    else "none of the tolerances | | | ")
            ratio = f"{e['ratio']:.1f}×" if "ratio" in e else "n/a"
            target = f"{e['target_K']:.3g}" + (f" ({e['label']})" if e["label"].startswith("kernel") else "")
            lines.append(f"| {name} | {target} | {kernel} | {ref_} | {ratio} |")
    lines += ["", "All grids and tolerances tried (error [K] / time [ms]; `solve_bvp`: mesh nodes at the end):", "",
              "| kernel cells | " + " | ".join(names) + " |", "|---" * (1 + len(names)) + "|"]
    for n in bvp[names[0]]["kernel"] if names else []:
        cells = [bvp[name]["kernel"].get(n) for name in names]
        lines.append(f"| {n} | " + " | ".join(f"{_error(d)} / {d['ms']['median']:.3g}" if d else "" for d in cells)
                     + " |")
    lines += ["", "| `solve_bvp` tol | " + " | ".join(names) + " |", "|---" * (1 + len(names)) + "|"]
    for tol in bvp[names[0]]["bvp"] if names else []:
        cells = [bvp[name]["bvp"].get(tol) for name in names]
        lines.append(f"| {tol} | " + " | ".join(
            f"{_error(d)} / {d['ms']['median']:.3g} ({d.get('nodes', '-')} nodes)" if d else "" for d in cells)
            + " |")
    for label, values in bvp_ratios(bvp).items():
        lines += ["", f"Median speed ratio `solve_bvp` / kernel at equal accuracy ({label}): "
                  f"**{statistics.median(values):.1f}×** over {len(values)} scenarios (target ≥ {TARGETS['ratio']:g}×: "
                  f"{met(statistics.median(values), TARGETS['ratio'], below=False)})."]
    lines.append("")
    return lines


def render_text(res: dict) -> list[tuple[str, str, str]]:
    """Rows (label, value, unit) of the terminal summary."""
    rows = []
    if "cold_start" in res:
        for label, runs in (("empty", res["cold_start"]["empty"]), ("warm", res["cold_start"]["warm"])):
            if runs:
                rows.append((f"kiln cold start, {label} cache (import+solve+batch)",
                             ms(summary([x["total_s"] for x in runs])), "s"))
    rows.append(("kiln solve, 100 cells (Barr T4)", ms(res["solve"]["solve_ms"]), "ms"))
    for n, d in res["cells"].items():
        rows.append((f"kiln solve_cells n={n} / reference", f"{ms(d['kernel_ms'])} / {ms(d['reference_ms'])}", "ms"))
    for t, bt in sorted(res["batch"].items(), key=lambda kv: int(kv[0])):
        for n, d in bt["sizes"].items():
            rows.append((f"kiln solve_batch n={int(n):,} threads={t}", f"{ms(d)} s, {int(n) / d['median']:,.0f} scen/s",
                         ""))
    ratios = [r["ratio"] for r in res["reference"].values()]
    rows.append(("kiln speed ratio reference / kernel (median)", f"{statistics.median(ratios):.1f}x", ""))
    devs = [r["deviation"]["profiles_K"] for r in res["reference"].values() if "deviation" in r]
    rows.append(("kiln max dev. kernel vs reference profiles", f"{max(devs):.1e}", "K"))
    if "bvp" in res:
        for label, values in bvp_ratios(res["bvp"]).items():
            rows.append((f"kiln speed ratio solve_bvp / kernel, equal accuracy ({label}, median)",
                         f"{statistics.median(values):.1f}x", ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Worker entry point: ``--worker batch --sizes 64,1000 --repeats 2`` or ``--worker bvp --config JSON``.

    Prints one JSON line.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_kiln")
    parser.add_argument("--worker", choices=["batch", "bvp"], required=True)
    parser.add_argument("--sizes", default="64,1000")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--config", default=json.dumps(FULL["bvp"]), help="keyword arguments of measure_bvp (JSON)")
    args = parser.parse_args(argv)
    if args.worker == "bvp":
        print(json.dumps(measure_bvp(**json.loads(args.config))))
    else:
        print(json.dumps(measure_batch([int(x) for x in args.sizes.split(",")], repeats=args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
