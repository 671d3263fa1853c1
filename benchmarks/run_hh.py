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

With ``--year`` it also runs the potline-year itself (2 threads, a daily +10 % / -10 %
current modulation of 4 h each) and reports wall and CPU time, status, energy closure
and the ranges of alumina, superheat and ledge.

Targets (issue 6): steady balance < 5 us, 300-cell potline-year < 60 s on 2 cores.
Nothing is asserted about time. Not yet measured: the SciPy ``solve_ivp`` reference of
the same dynamic equations (left for a later change).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from benchmarks.harness import fmt, load_average, measure_cold_start, run_worker, summary

MODULE = "benchmarks.run_hh"
N_CELLS = 300
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


def run_all(quick: bool = False, year: bool = False) -> dict:
    res = {"load_start": load_average()}
    res["cold"] = measure_cold_start(FIRST_CALLS_CODE, runs_empty=1, runs_warm=1 if quick else 2)
    res["steady"] = measure_steady(repeats=2 if quick else 5)
    res["potline_1"] = run_worker(MODULE, "potline", "serial", NUMBA_NUM_THREADS="1")
    res["potline_2"] = run_worker(MODULE, "potline", "parallel", NUMBA_NUM_THREADS="2")
    if year:
        res["year"] = run_worker(MODULE, "year", "parallel", NUMBA_NUM_THREADS="2")
    res["load_end"] = load_average()
    return res


def render(res: dict) -> str:
    cell_steps_year = N_CELLS * STEPS_PER_DAY * 365
    st = res["steady"]
    lines = [
        f"load average at start {res['load_start'][0]:.2f}, at end {res['load_end'][0]:.2f} (2 cores)",
        "cold start, empty cache: " + ", ".join(
            f"{k} {fmt(v)} s" for k, v in res["cold"]["empty"][0].items()),
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
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_hh", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    parser.add_argument("--year", action="store_true", help="also run the 300-cell potline-year (~30-60 s)")
    parser.add_argument("--worker", nargs=2, metavar=("WHAT", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        what, mode = args.worker
        print(json.dumps(measure_year() if what == "year" else _potline_worker(mode == "parallel")))
        return 0
    res = run_all(quick=args.quick, year=args.year)
    print(json.dumps(res) if args.json else render(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
