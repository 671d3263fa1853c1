"""The blast-furnace section of the benchmark runner (``make bench``, :mod:`benchmarks.run`).

Measures, in one run on one machine, for :mod:`kernels.blast_furnace` (varied furnaces of
:func:`random_scenarios`: blast temperature, O2, moisture, coal, natural gas, shaft
efficiency, reserve-zone temperature, heat loss, burden moisture):

1. start-up: import + first ``solve`` + first ``solve_batch`` in a fresh subprocess with
   an empty numba cache (cold compile), then with the cache that run wrote;
2. one ``solve`` (static balance at the given and at the ideal shaft efficiency, RAFT,
   top gas, 40-cell shaft profile) called from Python, and per row of
   ``solve_batch_serial``;
3. ``solve_batch`` on 1 ... 1e4 scenarios with ``NUMBA_NUM_THREADS`` = 1 and 2 (one
   subprocess each): scaling with the batch size and the thread count;
4. the plain NumPy/SciPy reference (:mod:`benchmarks.reference.blast_furnace`: ``fsolve``
   on the four balances, ``brentq`` for RAFT and top gas) against the kernel on the same
   scenarios: time per scenario, speed ratio, and the largest relative deviation of the
   outputs both compute. Both converge to round-off (``fsolve`` xtol 1e-13, the kernel's
   hydrogen-share iteration to 1e-12), so the ratio is at equal accuracy and the
   deviation shows it.

Targets (issue 5): static balance with RAFT under 50 µs per scenario, ≥ 50× faster than
the SciPy reference. Nothing is asserted about time. ``python -m benchmarks.run_bf
--worker batch`` is the subprocess of item 3.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np

from benchmarks.harness import fmt, load_average, measure_cold_start, met, ms, run_worker, summary, time_batch

#: Targets of issue 5, reported and never asserted.
TARGETS = {"solve_us": 50.0, "ratio": 50.0}

#: Varied parameters and their ranges (SI): a spread of furnaces around the defaults.
SPREAD = {
    "blast_temp": (1273.15, 1523.15), "oxygen_enrichment": (0.0, 0.08), "blast_moisture": (0.0, 0.03),
    "pci_rate": (0.0, 230.0), "natural_gas_rate": (0.0, 40.0), "shaft_efficiency": (0.8, 0.97),
    "reserve_zone_temp": (1223.15, 1323.15), "heat_loss": (0.3e9, 0.6e9), "heat_loss_hot_zone": (0.4, 0.8),
    "burden_moisture": (0.0, 0.03),
}

FIRST_CALLS_CODE = """
import time
t0 = time.perf_counter()
import json
import numpy as np
from kernels import blast_furnace as bf
t1 = time.perf_counter()
p = bf.DEFAULTS.copy()
out = np.zeros((1, len(bf.OUTPUTS)))
prof = np.zeros((1, len(bf.PROFILES), bf.N_CELL))
status = np.zeros(1, dtype=np.int8)
s = bf.solve(p, out[0], prof[0])
t2 = time.perf_counter()
bf.solve_batch(p[None, :], out, prof, status)
t3 = time.perf_counter()
assert s == 0 and status[0] == 0, (s, status)
print(json.dumps({"import_s": t1 - t0, "solve_s": t2 - t1, "solve_batch_s": t3 - t2, "total_s": t3 - t0}))
"""


def random_scenarios(n: int, seed: int = 0) -> np.ndarray:
    """``n`` parameter rows: the defaults with :data:`SPREAD` drawn uniformly."""
    from kernels import blast_furnace as bf

    rng = np.random.default_rng(seed)
    names = [row.name for row in bf.PARAMS]
    P = np.tile(bf.DEFAULTS, (n, 1))
    for name, (low, high) in SPREAD.items():
        P[:, names.index(name)] = rng.uniform(low, high, n)
    return P


def _alloc(rows: int):
    from kernels import blast_furnace as bf

    return (np.zeros((rows, len(bf.OUTPUTS))), np.zeros((rows, len(bf.PROFILES), bf.N_CELL)),
            np.zeros(rows, dtype=np.int8))


def _warm_up() -> None:
    """Compile (or load from the cache) every kernel that is timed."""
    from kernels import blast_furnace as bf

    P = random_scenarios(2, seed=99)
    out, prof, status = _alloc(2)
    bf.solve(P[0], out[0], prof[0])
    bf.solve_batch(P, out, prof, status)
    bf.solve_batch_serial(P, out, prof, status)


def measure_solve(calls: int = 2000, rows: int = 1000, repeats: int = 3) -> dict:
    """``solve`` of the default furnace from Python, call by call (µs); per row of ``solve_batch_serial``."""
    from kernels import blast_furnace as bf

    _warm_up()
    p = bf.DEFAULTS.copy()
    out, prof, _ = _alloc(1)
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(calls):
            status = bf.solve(p, out[0], prof[0])
        wall.append((time.perf_counter() - t0) / calls * 1e6)
        cpu.append((time.process_time() - c0) / calls * 1e6)
    P = random_scenarios(rows, seed=4)
    OUT, PROF, STATUS = _alloc(rows)
    per_row = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        bf.solve_batch_serial(P, OUT, PROF, STATUS)
        per_row.append((time.perf_counter() - t0) / rows * 1e6)
    return {"calls": calls, "status": int(status), "solve_us": summary(wall), "solve_cpu_us": summary(cpu),
            "rows": rows, "rows_ok": int(np.sum(STATUS == 0)), "per_row_serial_us": summary(per_row)}


def measure_batch(sizes: list[int], repeats: int = 3, seed: int = 2) -> dict:
    """Seconds of ``solve_batch`` per size in this process (thread count as configured)."""
    from kernels import blast_furnace as bf

    _warm_up()
    return time_batch(bf.solve_batch, random_scenarios, _alloc, sizes, repeats, seed)


def measure_batch_threads(threads: list[int], sizes: list[int], repeats: int = 3) -> dict:
    """:func:`measure_batch` in one fresh subprocess per ``NUMBA_NUM_THREADS`` value."""
    args = ["--sizes", ",".join(map(str, sizes)), "--repeats", str(repeats)]
    return {str(t): run_worker("benchmarks.run_bf", "batch", *args, NUMBA_NUM_THREADS=str(t)) for t in threads}


def measure_reference(n: int = 100, repeats: int = 3, seed: int = 7) -> dict:
    """Reference and kernel on the same ``n`` scenarios: µs per scenario, ratio, largest deviation."""
    from benchmarks.reference import blast_furnace as ref
    from benchmarks.reference.nasa import NotConverged
    from kernels import blast_furnace as bf

    _warm_up()
    names = [row.name for row in bf.PARAMS]
    P = random_scenarios(n, seed)
    OUT, PROF, STATUS = _alloc(n)
    bf.solve_batch_serial(P, OUT, PROF, STATUS)
    rows = [i for i in range(n) if STATUS[i] == 0]
    values = [dict(zip(names, P[i].tolist(), strict=True)) for i in rows]
    results, failed = {}, 0
    t_ref = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for i, v in zip(rows, values, strict=True):
            try:
                results[i] = ref.static_balance(v)
            except NotConverged:
                failed += 1
        t_ref.append((time.perf_counter() - t0) / len(rows) * 1e6)
    t_kernel = []
    p = P[rows]
    out, prof, status = _alloc(len(rows))
    for _ in range(repeats):
        t0 = time.perf_counter()
        for j in range(len(rows)):
            bf.solve(p[j], out[j], prof[j])
        t_kernel.append((time.perf_counter() - t0) / len(rows) * 1e6)
    out_names = [o.name for o in bf.OUTPUTS]
    dev: dict[str, float] = {}
    for j, i in enumerate(rows):
        for name, value in results.get(i, {}).items():
            got = out[j, out_names.index(name)]
            dev[name] = max(dev.get(name, 0.0), abs(got - value) / abs(value))
    ref_us, kernel_us = statistics.median(t_ref), statistics.median(t_kernel)
    return {"n": n, "compared": len(results), "ref_failed": failed // repeats, "reference_us": summary(t_ref),
            "kernel_us": summary(t_kernel), "ratio": ref_us / kernel_us, "max_rel_deviation": dev}


# -------------------------------------------------------------------------- main
FULL = {"cold_empty": 1, "cold_warm": 3, "solve_calls": 2000, "solve_rows": 1000, "solve_repeats": 3,
        "threads": [1, 2], "batch_sizes": [1, 100, 1000, 10_000], "batch_repeats": 3,
        "ref_n": 100, "ref_repeats": 3}
QUICK = {"cold_empty": 1, "cold_warm": 1, "solve_calls": 200, "solve_rows": 100, "solve_repeats": 1,
         "threads": [1, 2], "batch_sizes": [1, 100, 1000], "batch_repeats": 1, "ref_n": 10, "ref_repeats": 1}


def run_all(config: dict = FULL, startup: bool = True, log=None) -> dict:
    """Every blast-furnace measurement with the sizes and repeats of ``config``."""
    c = config
    log = log or (lambda label: None)
    res = {"config": dict(c)}
    if startup:
        log("blast furnace: cold start (empty numba cache, fresh subprocess), then warm cache")
        res["cold_start"] = measure_cold_start(FIRST_CALLS_CODE, runs_empty=c["cold_empty"], runs_warm=c["cold_warm"])
    log("blast furnace: one solve")
    res["solve"] = measure_solve(calls=c["solve_calls"], rows=c["solve_rows"], repeats=c["solve_repeats"])
    log(f"blast furnace: solve_batch, NUMBA_NUM_THREADS = {c['threads']}")
    res["batch"] = measure_batch_threads(c["threads"], c["batch_sizes"], repeats=c["batch_repeats"])
    log("blast furnace: SciPy reference vs kernel")
    res["reference"] = measure_reference(n=c["ref_n"], repeats=c["ref_repeats"])
    return res


def render_markdown(res: dict) -> str:
    """The blast-furnace part of the README results section (Markdown)."""
    lines = ["### Blast furnace (`kernels.blast_furnace`)", ""]
    if "cold_start" in res:
        cs = res["cold_start"]
        lines += ["#### Blast furnace start-up", "",
                  "| numba cache | runs | import s | first `solve` s | first `solve_batch` s | process s |",
                  "|---|---|---|---|---|---|"]
        for label, runs in (("empty (cold compile)", cs["empty"]), ("warm", cs["warm"])):
            if runs:
                lines.append(f"| {label} | {len(runs)} | " + " | ".join(
                    ms(summary([x[k] for x in runs])) for k in ("import_s", "solve_s", "solve_batch_s", "process_s"))
                    + " |")
        lines.append("")
    s = res["solve"]
    lines += ["#### Blast furnace: one scenario", "",
              "| measure | µs per scenario | target |", "|---|---|---|",
              f"| `solve` from Python, default furnace (wall) | {ms(s['solve_us'])} | "
              f"< {TARGETS['solve_us']:g}: {met(s['solve_us']['median'], TARGETS['solve_us'])} |",
              f"| `solve` from Python (CPU) | {ms(s['solve_cpu_us'])} | |",
              f"| per row of `solve_batch_serial`, {s['rows']:,} varied ({s['rows_ok']:,} OK) | "
              f"{ms(s['per_row_serial_us'])} | |", ""]
    lines += ["#### Blast furnace: `solve_batch` scaling", ""] + _batch_table(res["batch"]) + [""]
    r = res["reference"]
    dev = max(r["max_rel_deviation"].values()) if r["max_rel_deviation"] else float("nan")
    worst = max(r["max_rel_deviation"], key=r["max_rel_deviation"].get) if r["max_rel_deviation"] else ""
    lines += ["#### Blast furnace: kernel vs the NumPy/SciPy reference (same equations, equal accuracy)", "",
              "| scenarios | reference µs | kernel `solve` µs | ratio | largest relative deviation | target |",
              "|---|---|---|---|---|---|",
              f"| {r['compared']:,} of {r['n']:,} varied ({r['ref_failed']} outside the reference's domain) | "
              f"{ms(r['reference_us'])} | {ms(r['kernel_us'])} | {r['ratio']:.0f}× | {dev:.1e} ({worst}) | "
              f"≥ {TARGETS['ratio']:g}×: {met(r['ratio'], TARGETS['ratio'], below=False)} |", ""]
    return "\n".join(lines) + "\n"


def _batch_table(b: dict) -> list[str]:
    threads = sorted(b, key=int)
    sizes = list(b[threads[0]]["sizes"])
    head = "| scenarios |" + "".join(f" {t} thread{'s' if t != '1' else ''}: wall s | µs/scen |" for t in threads)
    if len(threads) > 1:
        head += f" speed-up {threads[-1]} vs {threads[0]} |"
    lines = [head, "|---" * (1 + 2 * len(threads) + (len(threads) > 1)) + "|"]
    for n in sizes:
        row = f"| {int(n):,} (OK {b[threads[0]]['sizes'][n]['ok']:,}) |"
        for t in threads:
            d = b[t]["sizes"][n]
            row += f" {ms(d)} | {d['median'] / int(n) * 1e6:.3g} |"
        if len(threads) > 1:
            row += f" {b[threads[0]]['sizes'][n]['median'] / b[threads[-1]]['sizes'][n]['median']:.2f} |"
        lines.append(row)
    return lines


def render_text(res: dict) -> list[tuple[str, str, str]]:
    """Rows (label, value, unit) of the terminal summary."""
    rows = []
    if "cold_start" in res:
        for label, runs in (("empty", res["cold_start"]["empty"]), ("warm", res["cold_start"]["warm"])):
            if runs:
                rows.append((f"blast furnace cold start, {label} cache (import+solve+batch)",
                             ms(summary([x["total_s"] for x in runs])), "s"))
    rows.append(("blast furnace solve (default)", ms(res["solve"]["solve_us"]), "µs"))
    for t, bt in sorted(res["batch"].items(), key=lambda kv: int(kv[0])):
        for n, d in bt["sizes"].items():
            rows.append((f"blast furnace solve_batch n={int(n):,} threads={t}",
                         f"{ms(d)} s, {int(n) / d['median']:,.0f} scen/s", ""))
    r = res["reference"]
    rows.append(("blast furnace speed ratio reference / kernel", f"{r['ratio']:.0f}x", ""))
    if r["max_rel_deviation"]:
        rows.append(("blast furnace max rel. dev. kernel vs reference", f"{max(r['max_rel_deviation'].values()):.1e}",
                     ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Worker entry point (``--worker batch``) or the blast-furnace section alone (prints it)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_bf")
    parser.add_argument("--worker", choices=["batch"])
    parser.add_argument("--sizes", default="1,100,1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.worker == "batch":
        print(json.dumps(measure_batch([int(x) for x in args.sizes.split(",")], repeats=args.repeats)))
        return 0
    res = run_all(QUICK if args.quick else FULL, log=lambda label: print(label, file=sys.stderr, flush=True))
    print(render_markdown(res))
    print(f"load average at end: {', '.join(fmt(x) for x in load_average())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
