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
   iterated to round-off.

Nothing is asserted about time. :func:`run_all` returns plain data; :func:`render_markdown`
and :func:`render_text` format it for the README and the terminal.
``python -m benchmarks.run_kiln --worker batch`` is the subprocess of item 4.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np

from benchmarks.harness import fmt, load_average, measure_cold_start, met, ms, run_worker, summary
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
    import numba

    from kernels import kiln as kk

    _warm_up()
    result = {"threads": numba.get_num_threads(), "threading_layer": numba.threading_layer(), "sizes": {},
              "load_start": load_average()[0]}
    for n in sizes:
        P = random_scenarios(n, seed)
        out, prof, status = _alloc(n)
        times, cpu = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            kk.solve_batch(P, out, prof, status)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        result["sizes"][str(n)] = summary(times) | {"cpu_s": statistics.median(cpu), "ok": int(np.sum(status == 0))}
    result["load_end"] = load_average()[0]
    return result


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


# ------------------------------------------------------------------------- driver
#: Sizes and repeats of ``make bench`` and of ``--quick`` (a smoke run).
FULL = {"cold_empty": 1, "cold_warm": 3, "solve_calls": 100, "solve_rows": 64, "solve_repeats": 3,
        "cells": [50, 100, 200, 400, 800], "cells_repeats": 5, "cells_ref_repeats": 3,
        "threads": [1, 2], "batch_sizes": [64, 1000], "batch_repeats": 2, "ref_repeats": 3, "hybr": True}
QUICK = {"cold_empty": 1, "cold_warm": 1, "solve_calls": 10, "solve_rows": 8, "solve_repeats": 1,
         "cells": [50, 100, 200], "cells_repeats": 1, "cells_ref_repeats": 1,
         "threads": [1, 2], "batch_sizes": [8, 64], "batch_repeats": 1, "ref_repeats": 1, "hybr": True}


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
    return "\n".join(lines)


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
    return rows


def main(argv: list[str] | None = None) -> int:
    """Worker entry point: ``--worker batch --sizes 64,1000 --repeats 2`` prints one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_kiln")
    parser.add_argument("--worker", choices=["batch"], required=True)
    parser.add_argument("--sizes", default="64,1000")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    print(json.dumps(measure_batch([int(x) for x in args.sizes.split(",")], repeats=args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
