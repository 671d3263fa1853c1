"""Benchmarks of the Hall–Héroult cell: ``python -m benchmarks.run_hh``.

Measures, in one run on one machine (the load average is printed with the figures):

1. cold start: the first ``solve`` and the first ``step`` + ``potline_run`` in a fresh
   interpreter with an empty numba cache, then with the cache that run wrote;
2. the warm steady cell balance (``solve`` from Python, and per row inside
   ``solve_batch_serial``), wall and CPU time;
3. one dynamic ``step`` from Python;
4. a potline of 300 cells (per-cell spread of ACD, heat loss, AlF3 and the Dewing
   constant) for one simulated day at 1-minute steps, serial and with
   ``NUMBA_NUM_THREADS`` = 2 (one subprocess each), extrapolated to a year
   (1.58e8 cell-steps).

5. the potline on 1, 10, 100 and 300 cells for one day, 1 and 2 threads: cost per
   cell-step (flat = linear in cells);
6. the kernel against the SciPy reference (:mod:`benchmarks.reference.hall_heroult`),
   one cell for one simulated day from the steady start, single thread both (one
   subprocess, ``NUMBA_NUM_THREADS`` = ``OMP_NUM_THREADS`` = 1): the kernel at 60 s
   steps (``potline_run_serial`` on one cell), ``solve_ivp`` (RK45, events for shots,
   anode effects and the controller) at ``rtol`` 1e-3 ... 1e-6, all compared on the
   minute grid with ``solve_ivp`` at ``rtol`` 1e-10: largest deviation of bath
   temperature, alumina (wt%) and ledge thickness. *Equal accuracy*: the loosest
   ``rtol`` whose three deviations are no larger than the kernel's (10 % slack); the
   ratio is its time over the kernel's. The steady balance likewise: ``solve`` against
   the same balance with ``scipy.optimize.brentq``.

With ``--year`` it also runs the potline-year itself (2 threads, a daily +10 % / -10 %
current modulation of 4 h each) and reports wall and CPU time, status, energy closure
and the ranges of alumina, superheat and ledge.

Targets (issue 6): steady balance < 5 us, 300-cell potline-year < 60 s on 2 cores,
ratio against ``solve_ivp`` of the same dynamic equations >= 100x. Nothing is asserted
about time. :func:`render_markdown` gives the Hall–Héroult results as Markdown
(``make bench`` puts them in ``benchmarks/README.md``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np

from benchmarks.harness import fmt, load_average, measure_cold_start, met, run_worker, summary

MODULE = "benchmarks.run_hh"
N_CELLS = 300
SCALING_CELLS = (1, 10, 100, 300)
RTOLS = (1e-3, 1e-4, 1e-5, 1e-6)
RTOL_TRUTH = 1e-10
TARGETS = {"steady_us": 5.0, "year_s": 60.0, "ratio": 100.0}
#: Sizes and repeats of ``make bench`` and of ``--quick`` (``hours``: simulated time of
#: the reference comparison; ``repeats``: of each reference timing).
FULL = {"cold_empty": 1, "cold_warm": 2, "steady_repeats": 5, "scaling": True,
        "reference": {"hours": 24.0, "rtols": list(RTOLS), "repeats": 3, "steady_rows": 200}}
QUICK = {"cold_empty": 1, "cold_warm": 1, "steady_repeats": 2, "scaling": True,
         "reference": {"hours": 24.0, "rtols": list(RTOLS), "repeats": 1, "steady_rows": 50}}
STEPS_PER_DAY = 1440
DT = 60.0

FIRST_CALLS_CODE = """
import json, time
import numpy as np
t0 = time.perf_counter()
from kernels import hall_heroult as hh, hh_potline as hp
from kernels.contract import defaults
t_import = time.perf_counter() - t0
p = defaults(hh.PARAMS)
out = np.empty(len(hh.OUTPUTS)); prof = np.empty((len(hh.PROFILES), hh.N_CELL))
t0 = time.perf_counter(); hh.solve(p, out, prof); t_solve = time.perf_counter() - t0
s = np.empty(hh.N_STATE); hh.start_state(p, s)
t0 = time.perf_counter(); hh.step(s, p, 60.0); t_step = time.perf_counter() - t0
P = p[None, :].copy(); S = np.empty((1, hh.N_STATE)); ST = np.empty(1, np.int8)
t0 = time.perf_counter()
hp.potline_start(P, S, ST)
hp.potline_run(P, S, np.full(60, 3e5), 60.0, 60, np.empty((1, 1, hp.N_RECORD)), ST)
t_potline = time.perf_counter() - t0
print(json.dumps({"import_s": t_import, "solve_s": t_solve, "step_s": t_step,
                  "potline_s": t_potline}))
"""


def potline_params(n: int, seed: int = 7) -> np.ndarray:
    """Parameter rows of a potline: the default cell with a plant-like spread."""
    from kernels import hall_heroult as hh
    from kernels.contract import defaults

    rng = np.random.default_rng(seed)
    P = np.tile(defaults(hh.PARAMS), (n, 1))
    P[:, hh.I_ACD] *= 1.0 + 0.04 * rng.standard_normal(n)
    P[:, hh.I_TOP_CONDUCTANCE] *= 1.0 + 0.03 * rng.standard_normal(n)
    P[:, hh.I_ALF3_EXCESS] += 0.005 * rng.standard_normal(n)
    P[:, hh.I_CE_CONSTANT] += 0.02 * rng.standard_normal(n)
    return P


def measure_steady(n: int = 20000, repeats: int = 5) -> dict:
    from kernels import hall_heroult as hh
    from kernels.contract import defaults

    p = defaults(hh.PARAMS)
    out = np.empty(len(hh.OUTPUTS))
    prof = np.empty((len(hh.PROFILES), hh.N_CELL))
    hh.solve(p, out, prof)
    P = np.tile(p, (n, 1))
    P[:, hh.I_ACD] = np.linspace(0.04, 0.05, n)
    OUT = np.empty((n, len(hh.OUTPUTS)))
    PROF = np.empty((n, len(hh.PROFILES), hh.N_CELL))
    STATUS = np.empty(n, dtype=np.int8)
    hh.solve_batch_serial(P[:2], OUT[:2], PROF[:2], STATUS[:2])
    wall, cpu, batch = [], [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(2000):
            hh.solve(p, out, prof)
        wall.append((time.perf_counter() - t0) / 2000)
        cpu.append((time.process_time() - c0) / 2000)
        c0 = time.process_time()
        hh.solve_batch_serial(P, OUT, PROF, STATUS)
        batch.append((time.process_time() - c0) / n)
    s = np.empty(hh.N_STATE)
    hh.start_state(p, s)
    hh.step(s, p, DT)
    step_wall, step_cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(20000):
            hh.step(s, p, DT)
        step_wall.append((time.perf_counter() - t0) / 20000)
        step_cpu.append((time.process_time() - c0) / 20000)
    return {"solve_wall_s": summary(wall), "solve_cpu_s": summary(cpu),
            "batch_row_cpu_s": summary(batch), "step_wall_s": summary(step_wall),
            "step_cpu_s": summary(step_cpu)}


def _scaling_worker(parallel: bool, repeats: int = 3) -> dict:
    """One simulated day on 1 ... 300 cells: seconds and ns per cell-step."""
    from kernels import hall_heroult as hh
    from kernels import hh_potline as hp

    run = hp.potline_run if parallel else hp.potline_run_serial
    current = np.full(STEPS_PER_DAY, 300e3)
    res = {"load": load_average(), "cells": {}}
    for n in SCALING_CELLS:
        P = potline_params(n)
        S0 = np.empty((n, hh.N_STATE))
        STATUS = np.empty(n, dtype=np.int8)
        hp.potline_start(P, S0, STATUS)
        REC = np.empty((n, STEPS_PER_DAY // 60, hp.N_RECORD))
        run(P[:1], S0[:1].copy(), current[:60], DT, 60, REC[:1], STATUS[:1])
        wall = []
        for _ in range(repeats):
            S = S0.copy()
            t0 = time.perf_counter()
            run(P, S, current, DT, 60, REC, STATUS)
            wall.append(time.perf_counter() - t0)
        res["cells"][str(n)] = summary(wall) | {"ns_per_cell_step": min(wall) / (n * STEPS_PER_DAY) * 1e9,
                                                "ok": int(np.count_nonzero(STATUS == 0))}
    res["load_end"] = load_average()
    return res


def _kernel_day(p: np.ndarray, s0: np.ndarray, n_steps: int = STEPS_PER_DAY) -> tuple[np.ndarray, np.ndarray]:
    """One cell, ``n_steps`` of 60 s, compiled loop; minute records and the end state."""
    from kernels import hall_heroult as hh
    from kernels import hh_potline as hp

    P, S = p[None, :].copy(), s0[None, :].copy()
    REC = np.empty((1, n_steps, hp.N_RECORD))
    STATUS = np.empty(1, dtype=np.int8)
    hp.potline_run_serial(P, S, np.full(n_steps, p[hh.I_LINE_CURRENT]), DT, 1, REC, STATUS)
    return REC[0], S[0]


def _reference_worker(hours: float = 24.0, rtols: tuple[float, ...] = RTOLS, repeats: int = 3,
                      steady_rows: int = 200) -> dict:
    """Kernel against solve_ivp (one cell, ``hours`` of simulated time, 60 s steps) and
    against brentq (steady balance on ``steady_rows`` cells), one thread."""
    from benchmarks.reference import hall_heroult as ref
    from kernels import hall_heroult as hh
    from kernels import hh_dynamics as hd
    from kernels import hh_potline as hp
    from kernels.contract import defaults

    p = defaults(hh.PARAMS)
    s0 = np.empty(hh.N_STATE)
    hh.start_state(p, s0)
    n_steps = int(round(hours * 3600.0 / DT))
    grid = np.arange(1, n_steps + 1) * DT
    _kernel_day(p, s0, n_steps)
    kernel_s = []
    for _ in range(max(repeats, 5)):
        t0 = time.perf_counter()
        rec, s_end = _kernel_day(p, s0, n_steps)
        kernel_s.append(time.perf_counter() - t0)
    kernel = np.column_stack([rec[:, hp.R_T_BATH], 100.0 * rec[:, hp.R_ALUMINA], rec[:, hp.R_LEDGE]])

    def scipy_day(rtol: float) -> tuple[np.ndarray, object]:
        rows, cell = ref.run_cell(p, s0, n_steps * DT, rtol, grid)
        return np.column_stack([rows[:, ref.Y_T], 100.0 * rows[:, ref.Y_ALUMINA] / rows[:, ref.Y_BATH],
                                rows[:, ref.Y_LEDGE]]), cell

    truth, cell = scipy_day(RTOL_TRUTH)
    res = {"hours": hours, "load": load_average(), "kernel_s": summary(kernel_s),
           "kernel_dev": np.max(np.abs(kernel - truth), axis=0).tolist(),
           "kernel_events": {"shots": s_end[hd.S_SHOTS], "beam_moves": s_end[hd.S_BEAM_MOVES],
                             "anode_effects": s_end[hd.S_AE_COUNT]},
           "truth_events": cell.counts, "truth_closure": cell.energy_closure(), "scipy": {}}
    for rtol in rtols:
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            rows, cell = scipy_day(rtol)
            times.append(time.perf_counter() - t0)
        res["scipy"][f"{rtol:g}"] = summary(times) | {"dev": np.max(np.abs(rows - truth), axis=0).tolist(),
                                                      "rhs": cell.counts["rhs"], "segments": cell.counts["segments"]}
    kdev = np.array(res["kernel_dev"])
    equal = [k for k, v in res["scipy"].items() if np.all(np.array(v["dev"]) <= 1.1 * kdev)]
    res["equal_rtol"] = equal[0] if equal else None
    if equal:
        res["ratio"] = res["scipy"][equal[0]]["median"] / res["kernel_s"]["median"]
    # steady balance: solve against brentq on the same balance
    out = np.empty(len(hh.OUTPUTS))
    prof = np.empty((len(hh.PROFILES), hh.N_CELL))
    hh.solve(p, out, prof)
    P = potline_params(steady_rows, seed=3)
    steady_k, steady_r, dev = [], [], 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        for row in P:
            hh.solve(row, out, prof)
        steady_k.append((time.perf_counter() - t0) / len(P))
        t0 = time.perf_counter()
        temps = [ref.steady_bath_temperature(row) for row in P]
        steady_r.append((time.perf_counter() - t0) / len(P))
    for row, T in zip(P, temps, strict=True):
        hh.solve(row, out, prof)
        dev = max(dev, abs(out[hh.O_BATH_TEMP] - T))
    res["steady"] = {"kernel_s": summary(steady_k), "reference_s": summary(steady_r), "dev_K": dev, "rows": steady_rows,
                     "ratio": statistics.median(steady_r) / statistics.median(steady_k)}
    res["load_end"] = load_average()
    return res


def _potline_worker(parallel: bool, repeats: int = 3) -> dict:
    from kernels import hall_heroult as hh
    from kernels import hh_potline as hp

    P = potline_params(N_CELLS)
    S0 = np.empty((N_CELLS, hh.N_STATE))
    STATUS = np.empty(N_CELLS, dtype=np.int8)
    hp.potline_start(P, S0, STATUS)
    current = np.full(STEPS_PER_DAY, 300e3)
    REC = np.empty((N_CELLS, STEPS_PER_DAY // 60, hp.N_RECORD))
    run = hp.potline_run if parallel else hp.potline_run_serial
    run(P[:2], S0[:2].copy(), current[:60], DT, 60, REC[:2], STATUS[:2])  # compile / load
    wall, cpu = [], []
    for _ in range(repeats):
        S = S0.copy()
        t0, c0 = time.perf_counter(), time.process_time()
        run(P, S, current, DT, 60, REC, STATUS)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {"day_wall_s": summary(wall), "day_cpu_s": summary(cpu),
            "ok": int(np.count_nonzero(STATUS == 0)), "load": load_average()}


def measure_year() -> dict:
    """A real 300-cell potline-year at 1-minute steps with a daily +-10 % modulation."""
    from kernels import hall_heroult as hh
    from kernels import hh_dynamics as hd
    from kernels import hh_potline as hp

    P = potline_params(N_CELLS)
    S = np.empty((N_CELLS, hh.N_STATE))
    STATUS = np.empty(N_CELLS, dtype=np.int8)
    hp.potline_start(P, S, STATUS)
    h0 = np.array([hh.cell_enthalpy(S[i], P[i]) for i in range(N_CELLS)])
    steps = 365 * STEPS_PER_DAY
    current = np.full(steps, 300e3)
    for d in range(365):
        day = d * STEPS_PER_DAY
        current[day + 14 * 60:day + 18 * 60] = 330e3
        current[day + 18 * 60:day + 22 * 60] = 270e3
    REC = np.empty((N_CELLS, steps // 60, hp.N_RECORD))
    hp.potline_run(P[:1], S[:1].copy(), current[:60], DT, 60, REC[:1], STATUS[:1])
    load = load_average()
    t0, c0 = time.perf_counter(), time.process_time()
    hp.potline_run(P, S, current, DT, 60, REC, STATUS)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    h1 = np.array([hh.cell_enthalpy(S[i], P[i]) for i in range(N_CELLS)])
    flows = S[:, hd.S_E_CELL] + S[:, hd.S_E_IN] - S[:, hd.S_E_OUT] - S[:, hd.S_E_LOSS]
    return {"wall_s": wall, "cpu_s": cpu, "load": load, "ok": int(np.count_nonzero(STATUS == 0)),
            "closure": float(np.max(np.abs((h1 - h0 - flows) / S[:, hd.S_E_CELL]))),
            "alumina_pct": [float(100 * REC[:, :, hp.R_ALUMINA].min()),
                            float(100 * REC[:, :, hp.R_ALUMINA].max())],
            "superheat_K": [float(REC[:, :, hp.R_SUPERHEAT].min()), float(REC[:, :, hp.R_SUPERHEAT].max())],
            "ledge_cm": [float(100 * REC[:, :, hp.R_LEDGE].min()), float(100 * REC[:, :, hp.R_LEDGE].max())],
            "ae": float(S[:, hd.S_AE_COUNT].sum()),
            "kwh_kg": float(S[:, hd.S_E_DC].sum() / S[:, hd.S_AL_MADE].sum() / 3.6e6)}


def run_all(config: dict = FULL, year: bool = False, log=None) -> dict:
    """Every Hall–Héroult measurement with the sizes of ``config`` (:data:`FULL`,
    :data:`QUICK`); ``log(label)`` is told of each step."""
    c = config
    log = log or (lambda label: None)
    res = {"load_start": load_average()}
    log("Hall-Heroult: cold start, steady balance, one step")
    res["cold"] = measure_cold_start(FIRST_CALLS_CODE, runs_empty=c["cold_empty"], runs_warm=c["cold_warm"])
    res["steady"] = measure_steady(repeats=c["steady_repeats"])
    log("Hall-Heroult: potline day, 300 cells, 1 and 2 threads")
    res["potline_1"] = run_worker(MODULE, "potline", "serial", NUMBA_NUM_THREADS="1")
    res["potline_2"] = run_worker(MODULE, "potline", "parallel", NUMBA_NUM_THREADS="2")
    if c["scaling"]:
        log("Hall-Heroult: potline scaling 1 ... 300 cells")
        res["scaling_1"] = run_worker(MODULE, "scaling", "serial", NUMBA_NUM_THREADS="1")
        res["scaling_2"] = run_worker(MODULE, "scaling", "parallel", NUMBA_NUM_THREADS="2")
    log("Hall-Heroult: SciPy solve_ivp / brentq reference (one thread)")
    res["reference"] = run_worker(MODULE, "reference", json.dumps(c["reference"]),
                                  NUMBA_NUM_THREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if year:
        res["year"] = run_worker(MODULE, "year", "parallel", NUMBA_NUM_THREADS="2")
    res["load_end"] = load_average()
    return res


def render(res: dict) -> str:
    cell_steps_year = N_CELLS * STEPS_PER_DAY * 365
    st = res["steady"]
    lines = [
        f"load average at start {res['load_start'][0]:.2f}, at end {res['load_end'][0]:.2f} (2 cores)",
        "cold start, empty cache: " + (", ".join(
            f"{k} {fmt(v)} s" for k, v in res["cold"]["empty"][0].items()) if res["cold"]["empty"] else "not run"),
        "warm cache: " + ", ".join(f"{k} {fmt(v)} s" for k, v in res["cold"]["warm"][-1].items()),
        f"steady solve from Python: {fmt(st['solve_wall_s']['median'] * 1e6)} us wall, "
        f"{fmt(st['solve_cpu_s']['median'] * 1e6)} us CPU (min {fmt(st['solve_cpu_s']['min'] * 1e6)}); "
        f"per row in solve_batch_serial {fmt(st['batch_row_cpu_s']['median'] * 1e6)} us CPU (target < 5 us)",
        f"one dynamic step from Python: {fmt(st['step_wall_s']['median'] * 1e6)} us wall, "
        f"{fmt(st['step_cpu_s']['median'] * 1e6)} us CPU",
    ]
    for key, label in (("potline_1", "1 thread"), ("potline_2", "2 threads")):
        r = res[key]
        day = r["day_wall_s"]["min"]
        lines.append(
            f"potline {N_CELLS} cells x 1 day at 1-min steps, {label}: {fmt(day)} s wall "
            f"(median {fmt(r['day_wall_s']['median'])}), CPU {fmt(r['day_cpu_s']['min'])} s, "
            f"{fmt(day / (N_CELLS * STEPS_PER_DAY) * 1e9)} ns per cell-step -> "
            f"{fmt(day * 365)} s per potline-year ({cell_steps_year:.3g} cell-steps; target 60 s "
            f"on 2 cores); load {r['load'][0]:.2f}; {r['ok']}/{N_CELLS} cells OK")
    if "year" in res:
        y = res["year"]
        lines.append(
            f"potline-year run ({N_CELLS} cells, 2 threads, daily +-10 % modulation): {fmt(y['wall_s'])} s wall, "
            f"{fmt(y['cpu_s'])} s CPU, load {y['load'][0]:.2f}; {y['ok']}/{N_CELLS} cells OK; energy closure "
            f"{y['closure']:.1e}; alumina {y['alumina_pct'][0]:.2f}-{y['alumina_pct'][1]:.2f} %, superheat "
            f"{y['superheat_K'][0]:.1f}-{y['superheat_K'][1]:.1f} K, ledge {y['ledge_cm'][0]:.1f}-"
            f"{y['ledge_cm'][1]:.1f} cm, {y['ae']:.0f} anode effects, {y['kwh_kg']:.2f} kWh/kg DC")
    lines += _scaling_lines(res) + _reference_lines(res)
    return "\n".join(lines)


def _scaling_lines(res: dict) -> list[str]:
    lines = []
    for key, label in (("scaling_1", "1 thread"), ("scaling_2", "2 threads")):
        if key in res:
            r = res[key]
            lines.append(f"potline day, {label} (load {r['load'][0]:.2f}): " + ", ".join(
                f"{n} cells {fmt(d['min'])} s = {d['ns_per_cell_step']:.0f} ns/cell-step"
                for n, d in r["cells"].items()))
    return lines


def _reference_lines(res: dict) -> list[str]:
    if "reference" not in res:
        return []
    r = res["reference"]
    kd = r["kernel_dev"]
    lines = [f"one cell, {r['hours']:g} h simulated, 1 thread (load {r['load'][0]:.2f}): "
             f"kernel {fmt(r['kernel_s']['median'] * 1e3)} ms, "
             f"deviation from solve_ivp rtol {RTOL_TRUTH:g}: {kd[0]:.2g} K, {kd[1]:.2g} wt% alumina, "
             f"{kd[2] * 1e3:.2g} mm ledge"]
    for rtol, d in r["scipy"].items():
        lines.append(f"  solve_ivp rtol {rtol}: {fmt(d['median'])} s, deviation {d['dev'][0]:.2g} K, "
                     f"{d['dev'][1]:.2g} wt%, {d['dev'][2] * 1e3:.2g} mm ({d['segments']} intervals, {d['rhs']} RHS)")
    if r.get("ratio"):
        lines.append(f"  ratio solve_ivp (rtol {r['equal_rtol']}, equal accuracy) / kernel: {r['ratio']:.0f}x "
                     f"(target >= {TARGETS['ratio']:g}x)")
    st = r["steady"]
    lines.append(f"steady balance: kernel {fmt(st['kernel_s']['median'] * 1e6)} us, brentq reference "
                 f"{fmt(st['reference_s']['median'] * 1e6)} us, ratio {st['ratio']:.0f}x, "
                 f"largest bath temperature deviation {st['dev_K']:.1e} K ({st['rows']} cells)")
    return lines


def render_markdown(res: dict) -> str:
    """The Hall–Héroult results as a Markdown section of ``benchmarks/README.md``."""
    st = res["steady"]
    lines = ["### Hall–Héroult cell (`kernels.hall_heroult`)", "",
             f"Load average at start {res['load_start'][0]:.2f}, at end {res['load_end'][0]:.2f}.", "",
             "| measurement | result | target |", "|---|---|---|",
             f"| steady balance, `solve` from Python | {fmt(st['solve_wall_s']['median'] * 1e6)} µs wall, "
             f"{fmt(st['solve_cpu_s']['median'] * 1e6)} µs CPU | < {TARGETS['steady_us']:g} µs: "
             f"{met(st['solve_cpu_s']['median'] * 1e6, TARGETS['steady_us'])} |",
             f"| one dynamic `step` from Python | {fmt(st['step_wall_s']['median'] * 1e6)} µs | |"]
    for key, label in (("potline_1", "1 thread"), ("potline_2", "2 threads")):
        r = res[key]
        year = r["day_wall_s"]["min"] * 365
        lines.append(f"| {N_CELLS} cells × 1 day at 1-min steps, {label} (load {r['load'][0]:.2f}) | "
                     f"{fmt(r['day_wall_s']['min'])} s → {fmt(year)} s per potline-year | "
                     + (f"< {TARGETS['year_s']:g} s: {met(year, TARGETS['year_s'])} |" if key == "potline_2" else "|"))
    if "scaling_1" in res:
        lines += _scaling_markdown(res)
    lines += _reference_markdown(res["reference"])
    return "\n".join(lines)


def _scaling_markdown(res: dict) -> list[str]:
    lines = ["", "Potline scaling, one simulated day at 1-minute steps (minimum of 3; ns per cell-step; load "
             f"{res['scaling_1']['load'][0]:.2f} / {res['scaling_2']['load'][0]:.2f}):", "",
             "| cells | " + " | ".join(f"{t}: s | ns/cell-step" for t in ("1 thread", "2 threads")) + " |",
             "|---|---|---|---|---|"]
    for n in res["scaling_1"]["cells"]:
        a, b = res["scaling_1"]["cells"][n], res["scaling_2"]["cells"][n]
        lines.append(f"| {n} | {fmt(a['min'])} | {a['ns_per_cell_step']:.0f} | {fmt(b['min'])} | "
                     f"{b['ns_per_cell_step']:.0f} |")
    return lines


def _reference_markdown(r: dict) -> list[str]:
    kd = r["kernel_dev"]
    lines = ["", "Kernel against `solve_ivp` (`benchmarks/reference/hall_heroult.py`): one cell, "
             f"{r['hours']:g} h of simulated time from the steady start, single thread both "
             f"(load {r['load'][0]:.2f}). Deviations: largest on the minute grid from `solve_ivp` at rtol "
             f"{RTOL_TRUTH:g} ({r['truth_events']['shots']} shots, {r['truth_events']['beam_moves']} beam "
             f"moves; energy closure {r['truth_closure']:.0e}).", "",
             "| run | time [s] | T_bath [K] | alumina [wt%] | ledge [mm] |", "|---|---|---|---|---|",
             f"| kernel, 60 s steps ({r['kernel_events']['shots']:.0f} shots, "
             f"{r['kernel_events']['beam_moves']:.0f} beam moves) | {fmt(r['kernel_s']['median'])} | "
             f"{kd[0]:.2g} | {kd[1]:.2g} | {kd[2] * 1e3:.2g} |"]
    for rtol, d in r["scipy"].items():
        lines.append(f"| `solve_ivp` RK45 rtol {rtol} ({d['segments']} intervals, {d['rhs']} RHS calls) | "
                     f"{fmt(d['median'])} | {d['dev'][0]:.2g} | {d['dev'][1]:.2g} | {d['dev'][2] * 1e3:.2g} |")
    if r.get("ratio"):
        lines += ["", f"**Ratio `solve_ivp` at equal accuracy (rtol {r['equal_rtol']}) / kernel: {r['ratio']:.0f}×** "
                  f"(target ≥ {TARGETS['ratio']:g}×: {met(r['ratio'], TARGETS['ratio'], below=False)})."]
    s2 = r["steady"]
    lines += ["", f"Steady balance on {s2['rows']} cells of the potline spread: kernel `solve` "
              f"{fmt(s2['kernel_s']['median'] * 1e6)} µs, the same balance with `brentq` "
              f"{fmt(s2['reference_s']['median'] * 1e6)} µs: {s2['ratio']:.0f}×; largest bath-temperature "
              f"deviation {s2['dev_K']:.1e} K.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_hh", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    parser.add_argument("--year", action="store_true", help="also run the 300-cell potline-year (~30-60 s)")
    parser.add_argument("--worker", nargs=2, metavar=("WHAT", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        what, mode = args.worker
        if what == "year":
            print(json.dumps(measure_year()))
        elif what == "scaling":
            print(json.dumps(_scaling_worker(mode == "parallel")))
        elif what == "reference":
            print(json.dumps(_reference_worker(**json.loads(mode))))
        else:
            print(json.dumps(_potline_worker(mode == "parallel")))
        return 0
    res = run_all(QUICK if args.quick else FULL, year=args.year)
    print(json.dumps(res) if args.json else render(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
