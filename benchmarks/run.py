"""Benchmark runner of the kernels: ``python -m benchmarks.run`` (``make bench``).

Measures, in one run on one machine, for the fired heater:

1. start-up: cold compile of ``solve`` + ``solve_batch`` with an empty numba cache and
   the same with the cache written by that run (fresh subprocesses), the import time of
   ``twins`` and the wall time of ``heattwin run examples/heater_crude.toml`` with a
   warm cache;
2. ``solve`` per scenario, called from Python (and per row inside ``solve_batch_serial``);
3. ``solve_batch`` on 1, 1e3 and 1e5 varied scenarios with ``NUMBA_NUM_THREADS`` = 1
   and 2 (one subprocess each): seconds, scenarios/s, cost per scenario, speed-up;
4. the plain NumPy/SciPy reference (:mod:`benchmarks.reference.heater`) against the
   kernel on the same scenarios: time per scenario, speed ratio, largest deviation, and
   the error of both against a reference converged to round-off;

and for the rotary kiln the section of :mod:`benchmarks.run_kiln` (start-up, one solve,
cost with the number of cells, batches, the NumPy/SciPy reference), for the blast
furnace that of :mod:`benchmarks.run_bf` (start-up, one solve, batch scaling on 1 and 2
threads, the NumPy/SciPy reference at equal accuracy), and for the Hall–Héroult cell
that of :mod:`benchmarks.run_hh` (start-up, steady balance, potline day and scaling, the
``solve_ivp`` and ``brentq`` references).

Every timing is repeated and reported as median and minimum. Nothing is asserted
about time. The table is printed and the results section of ``benchmarks/README.md``
(between its markers) is rewritten unless ``--no-readme`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import run_bf, run_hh, run_kiln
from benchmarks.harness import (
    REPO,
    env,
    fmt,
    load_average,
    machine_info,
    measure_cold_start,
    met,
    ms,
    run_worker,
    summary,
)
from benchmarks.scenarios import random_scenarios

README = Path(__file__).resolve().parent / "README.md"
MARK_START = "<!-- results:start (written by `python -m benchmarks.run`; edits here are overwritten) -->"
MARK_END = "<!-- results:end -->"
CLI_SCENARIO = "examples/heater_crude.toml"

TARGETS = {
    "solve_us": 20.0,
    "batch_1e5_s": 2.0,
    "ratio": 50.0,
    "cli_s": 3.0,
}

# Outputs compared relatively, and temperatures (K) compared absolutely.
RELATIVE_OUTPUTS = ("fuel_flow", "efficiency_lhv", "fired_duty", "radiant_duty", "shield_duty",
                    "convection_duty", "stack_loss", "air_flow", "co2_emissions", "radiant_flux_max")
TEMPERATURE_OUTPUTS = ("bridgewall_temp", "stack_temp", "crossover_temp", "tube_metal_temp_max",
                       "tube_surface_temp_mean", "adiabatic_flame_temp")


def _alloc(n: int):
    from kernels import heater as kh

    out = np.zeros((n, len(kh.OUTPUTS)))
    prof = np.zeros((n, len(kh.PROFILES), kh.N_CELL))
    status = np.zeros(n, dtype=np.int8)
    return out, prof, status


# --------------------------------------------------------------------- start-up
# Run by a fresh interpreter: nothing but the timer is imported before the kernel.
FIRST_CALLS_CODE = """
import time
t0 = time.perf_counter()
import json
import numpy as np
from kernels import heater as kh
from kernels.contract import defaults
t1 = time.perf_counter()
p = defaults(kh.PARAMS)
out = np.zeros((1, len(kh.OUTPUTS)))
prof = np.zeros((1, len(kh.PROFILES), kh.N_CELL))
status = np.zeros(1, dtype=np.int8)
kh.solve(p, out[0], prof[0])
t2 = time.perf_counter()
kh.solve_batch(p[None, :], out, prof, status)
t3 = time.perf_counter()
kh.solve_batch_serial(p[None, :], out, prof, status)
t4 = time.perf_counter()
assert status[0] == 0, status
print(json.dumps({"import_s": t1 - t0, "solve_s": t2 - t1, "solve_batch_s": t3 - t2,
                  "solve_batch_serial_s": t4 - t3, "total_s": t3 - t0}))
"""


def measure_import_twins(repeats: int = 5) -> dict:
    """Seconds to ``import twins`` in a fresh interpreter (median/min of ``repeats``)."""
    code = "import time; t = time.perf_counter(); import twins; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env(), capture_output=True,
                              text=True, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return summary(times)


def measure_cli_warm(repeats: int = 5) -> dict:
    """Wall time of ``heattwin run examples/heater_crude.toml`` with the cache present.

    One untimed run first fills the project's cache (:func:`~benchmarks.harness.project_cache_dir`).
    """
    exe = Path(sys.executable).with_name("heattwin")
    cmd = [str(exe) if exe.exists() else "heattwin", "run", CLI_SCENARIO]
    times = []
    for k in range(repeats + 1):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, env=env(), capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t0
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr}")
        if k > 0:
            times.append(elapsed)
    return summary(times)


# ------------------------------------------------------------------------ kernel
def _warm_up() -> None:
    from kernels import heater as kh

    P = random_scenarios(4, seed=99)
    out, prof, status = _alloc(4)
    kh.solve(P[0], out[0], prof[0])
    kh.solve_batch(P, out, prof, status)
    kh.solve_batch_serial(P, out, prof, status)


def measure_solve(n: int = 2000, repeats: int = 5, seed: int = 1) -> dict:
    """Microseconds per scenario: ``solve`` called from Python, and per row of ``solve_batch_serial``."""
    from kernels import heater as kh

    _warm_up()
    P = random_scenarios(n, seed)
    out, prof, status = _alloc(n)
    per_call, per_row, cpu_call = [], [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(n):
            kh.solve(P[i], out[i], prof[i])
        per_call.append((time.perf_counter() - t0) / n * 1e6)
        cpu_call.append((time.process_time() - c0) / n * 1e6)
        t0 = time.perf_counter()
        kh.solve_batch_serial(P, out, prof, status)
        per_row.append((time.perf_counter() - t0) / n * 1e6)
    return {"n": n, "per_call_us": summary(per_call), "per_call_cpu_us": summary(cpu_call),
            "per_row_serial_us": summary(per_row),
            "ok": int(np.sum(status == 0))}


def measure_batch(sizes: list[int], repeats: int = 3, seed: int = 2) -> dict:
    """Seconds of ``solve_batch`` per size in this process (thread count as configured)."""
    import numba

    from kernels import heater as kh

    _warm_up()
    result = {"threads": numba.get_num_threads(), "threading_layer": numba.threading_layer(), "sizes": {}}
    for n in sizes:
        P = random_scenarios(n, seed)
        out, prof, status = _alloc(n)  # zero-filled: pages touched before timing
        times, cpu = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            kh.solve_batch(P, out, prof, status)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        result["sizes"][str(n)] = summary(times) | {"cpu_s": statistics.median(cpu), "ok": int(np.sum(status == 0))}
    return result


def measure_batch_threads(threads: list[int], sizes: list[int], repeats: int = 3) -> dict:
    """:func:`measure_batch` in one fresh subprocess per ``NUMBA_NUM_THREADS`` value."""
    args = ["--sizes", ",".join(map(str, sizes)), "--repeats", str(repeats)]
    return {str(t): run_worker("benchmarks.run", "batch", *args, NUMBA_NUM_THREADS=str(t)) for t in threads}


# --------------------------------------------------------------------- reference
def _deviations(out_k: np.ndarray, out_r: np.ndarray, ok: np.ndarray) -> dict:
    from kernels import heater as kh

    dev = {}
    for name in RELATIVE_OUTPUTS:
        j = getattr(kh, f"O_{name.upper()}")
        a, b = out_k[ok, j], out_r[ok, j]
        scale = np.maximum(np.abs(a), 1e-300)
        dev[name] = float(np.max(np.abs(b - a) / scale)) if ok.any() else float("nan")
    for name in TEMPERATURE_OUTPUTS:
        j = getattr(kh, f"O_{name.upper()}")
        dev[name] = float(np.max(np.abs(out_r[ok, j] - out_k[ok, j]))) if ok.any() else float("nan")
    return dev


def measure_reference(n: int = 200, repeats: int = 3, n_converged: int = 20, seed: int = 3) -> dict:
    """Kernel against the NumPy/SciPy reference on the same ``n`` scenarios.

    Times both per scenario (kernel: ``solve`` from Python and per row of
    ``solve_batch_serial``; both single-threaded), gives the speed ratio and the largest
    deviations (relative for flows/duties/efficiency, K for temperatures). On the first
    ``n_converged`` scenarios both are also compared with the reference converged to
    round-off (``rtol=1e-15``), which shows the accuracy each delivers.
    """
    from benchmarks.reference import heater as ref
    from kernels import heater as kh

    _warm_up()
    P = random_scenarios(n, seed)
    out_k, prof_k, status_k = _alloc(n)
    out_r, prof_r, status_r = _alloc(n)
    t_kernel, t_serial, t_ref = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for i in range(n):
            status_k[i] = kh.solve(P[i], out_k[i], prof_k[i])
        t_kernel.append((time.perf_counter() - t0) / n * 1e6)
        t0 = time.perf_counter()
        kh.solve_batch_serial(P, out_k, prof_k, status_k)
        t_serial.append((time.perf_counter() - t0) / n * 1e6)
        t0 = time.perf_counter()
        for i in range(n):
            status_r[i] = ref.solve(P[i], out_r[i], prof_r[i])
        t_ref.append((time.perf_counter() - t0) / n * 1e6)
    ok = (status_k == 0) & (status_r == 0)
    kernel_us, serial_us, ref_us = (statistics.median(t) for t in (t_kernel, t_serial, t_ref))

    m = min(n_converged, n)
    out_c, prof_c, status_c = _alloc(m)
    for i in range(m):
        status_c[i] = ref.solve(P[i], out_c[i], prof_c[i], rtol=1e-15)
    ok_c = ok[:m] & (status_c == 0)
    return {
        "n": n,
        "kernel_us": summary(t_kernel),
        "kernel_serial_row_us": summary(t_serial),
        "reference_us": summary(t_ref),
        "ratio": ref_us / kernel_us,
        "ratio_serial_row": ref_us / serial_us,
        "status_agree": int(np.sum(status_k == status_r)),
        "ok": int(ok.sum()),
        "max_deviation": _deviations(out_k, out_r, ok),
        "max_profile_deviation_K": float(np.max(np.abs(prof_r[ok, :4] - prof_k[ok, :4]))) if ok.any() else None,
        "n_converged": m,
        "kernel_error": _deviations(out_c, out_k[:m], ok_c),
        "reference_error": _deviations(out_c, out_r[:m], ok_c),
    }


# ----------------------------------------------------------------------- reporting
def render_markdown(res: dict) -> str:
    """The results section of the README (Markdown)."""
    m = res["machine"]
    lines = [
        f"Generated {res['date']} by `python -m benchmarks.run` ({res['elapsed_s']:.0f} s), "
        f"revision `{m['git']}`.",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), {m['platform']}",
        f"- software: Python {m['python']}, NumPy {m['numpy']}, SciPy {m['scipy']}, numba {m['numba']}"
        + (f", threading layer `{res['threading_layer']}`" if res.get("threading_layer") else ""),
        f"- load average (1, 5, 15 min) at start: {', '.join(f'{x:.2f}' for x in m['load_avg'])}; "
        f"at end: {', '.join(f'{x:.2f}' for x in res['load_end'])} — a load near or above the core "
        "count means other processes competed for the CPUs and the figures are pessimistic",
        "",
        "Figures are median (min) over the repeats stated; no timing is asserted anywhere.",
        "",
    ]
    if "solve" in res:
        lines += _heater_markdown(res)
    if "kiln" in res:
        lines += [run_kiln.render_markdown(res["kiln"])]
    if "blast_furnace" in res:
        lines += [run_bf.render_markdown(res["blast_furnace"])]
    if "hall_heroult" in res:
        lines += [run_hh.render_markdown(res["hall_heroult"])]
    return "\n".join(lines) + "\n"


def _heater_markdown(res: dict) -> list[str]:
    """The fired-heater sections of the results."""
    lines = ["### Fired heater (`kernels.heater`)", ""]
    if "cold_start" in res:
        cs = res["cold_start"]
        lines += ["#### Start-up", "", "| measurement | median (min) | runs | target |", "|---|---|---|---|"]
        for label, runs in (("empty cache", cs["empty"]), ("warm cache", cs["warm"])):
            if not runs:
                continue
            for key, what in (("import_s", "import `kernels.heater`"), ("solve_s", "first `solve` call"),
                              ("solve_batch_s", "first `solve_batch` call"),
                              ("total_s", "import + `solve` + `solve_batch`"),
                              ("process_s", "whole subprocess (interpreter start to exit)")):
                lines.append(f"| {label}: {what} [s] | {ms(summary([r[key] for r in runs]))} | {len(runs)} | |")
        if "import_twins" in res:
            lines.append(f"| `import twins` [s] | {ms(res['import_twins'])} | {len(res['import_twins']['runs'])} | |")
        if "cli_warm" in res:
            cli = res["cli_warm"]
            lines.append(f"| `heattwin run {CLI_SCENARIO}`, warm cache [s] | {ms(cli)} | {len(cli['runs'])} "
                         f"| < {TARGETS['cli_s']:g} s: {met(cli['median'], TARGETS['cli_s'])} |")
        lines.append("")
    s = res["solve"]
    lines += [
        "#### One scenario",
        "",
        "| measurement | median (min) [µs] | target |",
        "|---|---|---|",
        f"| `solve` called from Python, per scenario ({s['n']} varied scenarios, {s['ok']} OK) "
        f"| {ms(s['per_call_us'])} | < {TARGETS['solve_us']:g} µs: "
        f"{met(s['per_call_us']['median'], TARGETS['solve_us'])} |",
        f"| CPU time of this process per `solve` call (wall ≫ CPU: the process waited for a core) "
        f"| {ms(s['per_call_cpu_us'])} | |",
        f"| per row inside `solve_batch_serial` (no call overhead) | {ms(s['per_row_serial_us'])} | |",
        "",
    ]
    b = res["batch"]
    threads = sorted(b, key=int)
    sizes = list(b[threads[0]]["sizes"])
    lines += ["#### `solve_batch` scaling", ""]
    head = "| scenarios |" + "".join(
        f" {t} thread{'s' if t != '1' else ''}: wall s | CPU s | scen/s | µs/scen |" for t in threads)
    if len(threads) > 1:
        head += f" speed-up {threads[-1]} vs {threads[0]} |"
    lines += [head, "|---" * (1 + 4 * len(threads) + (len(threads) > 1)) + "|"]
    for n in sizes:
        row = f"| {int(n):,} (OK {b[threads[0]]['sizes'][n]['ok']:,}) |"
        for t in threads:
            d = b[t]["sizes"][n]
            row += (f" {ms(d)} | {fmt(d['cpu_s'])} | {int(n) / d['median']:,.0f} "
                    f"| {d['median'] / int(n) * 1e6:.3g} |")
        if len(threads) > 1:
            row += f" {b[threads[0]]['sizes'][n]['median'] / b[threads[-1]]['sizes'][n]['median']:.2f} |"
        lines.append(row)
    big = str(max(int(n) for n in sizes))
    t_big = b[threads[-1]]["sizes"][big]["median"]
    lines += ["", "Wall time is what a user waits; CPU s is the CPU time of all threads of the process. "
              "CPU s well below threads × wall s means the threads waited for cores held by other processes.", ""]
    lines += [f"Target: {int(big):,} scenarios in < {TARGETS['batch_1e5_s']:g} s on {threads[-1]} "
              f"thread(s): {t_big:.3g} s — {met(t_big, TARGETS['batch_1e5_s'])}"
              + ("" if int(big) >= 100_000 else " (size below 1e5: not comparable)"), ""]
    r = res["reference"]
    dev, ek, er = r["max_deviation"], r["kernel_error"], r["reference_error"]
    lines += [
        "#### Kernel vs the NumPy/SciPy reference (same equations, equal accuracy)",
        "",
        f"{r['n']} varied scenarios, single-threaded both; statuses agree on {r['status_agree']}/{r['n']}, "
        f"{r['ok']} solved by both.",
        "",
        "| measurement | median (min) | target |",
        "|---|---|---|",
        f"| reference (`benchmarks/reference/heater.py`, brentq) per scenario [ms] "
        f"| {ms(r['reference_us'], scale=1e-3)} | |",
        f"| kernel `solve` from Python per scenario [µs] | {ms(r['kernel_us'])} | |",
        f"| kernel per row of `solve_batch_serial` [µs] | {ms(r['kernel_serial_row_us'])} | |",
        f"| **speed ratio reference / kernel `solve`** | **{r['ratio']:.0f}×** | ≥ {TARGETS['ratio']:g}×: "
        f"{met(r['ratio'], TARGETS['ratio'], below=False)} |",
        f"| speed ratio reference / kernel per batch row | {r['ratio_serial_row']:.0f}× | |",
        "",
        f"Largest deviation kernel vs reference on the {r['ok']} scenarios, and the error of each against the "
        f"reference converged to round-off (brentq `rtol=1e-15`) on the first {r['n_converged']}:",
        "",
        "| output | kernel vs reference | kernel error | reference error |",
        "|---|---|---|---|",
    ]
    for name in RELATIVE_OUTPUTS:
        lines.append(f"| {name} (relative) | {dev[name]:.1e} | {ek[name]:.1e} | {er[name]:.1e} |")
    for name in TEMPERATURE_OUTPUTS:
        lines.append(f"| {name} [K] | {dev[name]:.1e} | {ek[name]:.1e} | {er[name]:.1e} |")
    if r["max_profile_deviation_K"] is not None:
        lines.append(f"| temperature profiles (all cells) [K] | {r['max_profile_deviation_K']:.1e} | | |")
    return lines + [""]


def render_text(res: dict) -> str:
    """A compact plain-text summary for the terminal."""
    rows = _heater_text(res) if "solve" in res else []
    if "kiln" in res:
        rows += run_kiln.render_text(res["kiln"])
    if "blast_furnace" in res:
        rows += run_bf.render_text(res["blast_furnace"])
    width = max((len(a) for a, _, _ in rows), default=0)
    text = [f"{a:<{width}}  {b} {c}" for a, b, c in rows]
    if "hall_heroult" in res:
        text += ["Hall-Heroult cell:", run_hh.render(res["hall_heroult"])]
    return "\n".join(text)


def _heater_text(res: dict) -> list[tuple[str, str, str]]:
    s, r = res["solve"], res["reference"]
    rows = []
    if "cold_start" in res:
        cs = res["cold_start"]
        for label, runs in (("empty", cs["empty"]), ("warm", cs["warm"])):
            if runs:
                total = summary([x["total_s"] for x in runs])
                rows.append((f"cold start, {label} cache (import+solve+batch)", ms(total), "s"))
    if "import_twins" in res:
        rows.append(("import twins", ms(res["import_twins"]), "s"))
    if "cli_warm" in res:
        rows.append((f"heattwin run {CLI_SCENARIO} (warm)", ms(res["cli_warm"]), "s"))
    rows.append(("solve per scenario (from Python)", ms(s["per_call_us"]), "µs"))
    rows.append(("solve_batch_serial per row", ms(s["per_row_serial_us"]), "µs"))
    for t, bt in sorted(res["batch"].items(), key=lambda kv: int(kv[0])):
        for n, d in bt["sizes"].items():
            speed = f"{int(n) / d['median']:,.0f} scen/s"
            rows.append((f"solve_batch n={int(n):,} threads={t}", f"{ms(d)} s, {speed}", ""))
    rows.append((f"reference per scenario (n={r['n']})", ms(r["reference_us"], scale=1e-3), "ms"))
    rows.append(("speed ratio reference / kernel solve", f"{r['ratio']:.0f}x", ""))
    rows.append(("max dev. fuel_flow (rel) / bridgewall (K)",
                 f"{r['max_deviation']['fuel_flow']:.1e} / {r['max_deviation']['bridgewall_temp']:.1e}", ""))
    return rows


def update_readme(markdown: str, path: Path = README) -> None:
    """Replace the text between the results markers of the README (append them if missing)."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{MARK_START}\n{markdown}{MARK_END}"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n"
    path.write_text(text)


# -------------------------------------------------------------------------- main
#: Sizes and repeats of ``make bench`` (a few minutes on 2 cores) and of ``--quick``.
FULL = {"cold_empty": 2, "cold_warm": 3, "import_repeats": 5, "cli_repeats": 5, "n_solve": 2000,
        "solve_repeats": 5, "threads": [1, 2], "sizes": [1, 1000, 100_000], "repeats": 3,
        "n_ref": 200, "n_converged": 20}
QUICK = {"cold_empty": 1, "cold_warm": 1, "import_repeats": 1, "cli_repeats": 1, "n_solve": 200,
         "solve_repeats": 1, "threads": [1, 2], "sizes": [1, 100, 1000], "repeats": 1,
         "n_ref": 20, "n_converged": 5}
FULL["kiln"] = run_kiln.FULL
QUICK["kiln"] = run_kiln.QUICK
FULL["blast_furnace"] = run_bf.FULL
QUICK["blast_furnace"] = run_bf.QUICK
FULL["hall_heroult"] = run_hh.FULL
QUICK["hall_heroult"] = run_hh.QUICK
UNITS = ("heater", "kiln", "blast_furnace", "hall_heroult")


def run_all(config: dict = FULL, startup: bool = True, units: tuple[str, ...] = UNITS) -> dict:
    """Every measurement with the sizes and repeats of ``config`` (:data:`FULL`, :data:`QUICK`).

    ``units`` selects the sections: the heater's (keys at the top level of the result)
    the kiln's (``res["kiln"]``, configured by ``config["kiln"]``) and the blast
    furnace's (``res["blast_furnace"]``, ``config["blast_furnace"]``).
    """
    c = config
    t_start = time.perf_counter()
    res = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine_info(),
           "config": dict(c), "units": list(units)}

    def step(label: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f} s] {label}", file=sys.stderr, flush=True)

    if "heater" in units:
        if startup:
            step("cold start (empty numba cache, fresh subprocess), then warm cache")
            res["cold_start"] = measure_cold_start(FIRST_CALLS_CODE, runs_empty=c["cold_empty"],
                                                   runs_warm=c["cold_warm"])
            step("import twins")
            res["import_twins"] = measure_import_twins(repeats=c["import_repeats"])
            step("heattwin run, warm cache")
            res["cli_warm"] = measure_cli_warm(repeats=c["cli_repeats"])
        step("solve per scenario")
        res["solve"] = measure_solve(n=c["n_solve"], repeats=c["solve_repeats"])
        step(f"solve_batch, NUMBA_NUM_THREADS = {c['threads']}")
        res["batch"] = measure_batch_threads(c["threads"], c["sizes"], repeats=c["repeats"])
        res["threading_layer"] = next(iter(res["batch"].values()))["threading_layer"]
        step("SciPy reference")
        res["reference"] = measure_reference(n=c["n_ref"], repeats=c["repeats"], n_converged=c["n_converged"])
    if "kiln" in units:
        res["kiln"] = run_kiln.run_all(c["kiln"], startup=startup, log=step)
        res.setdefault("threading_layer", next(iter(res["kiln"]["batch"].values()))["threading_layer"])
    if "blast_furnace" in units:
        res["blast_furnace"] = run_bf.run_all(c["blast_furnace"], startup=startup, log=step)
        res.setdefault("threading_layer",
                       next(iter(res["blast_furnace"]["batch"].values()))["threading_layer"])
    if "hall_heroult" in units:
        res["hall_heroult"] = run_hh.run_all(c["hall_heroult"], log=step)
    res["load_end"] = load_average()
    res["elapsed_s"] = time.perf_counter() - t_start
    step("done")
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat (a smoke run)")
    parser.add_argument("--no-startup", action="store_true", help="skip the subprocess start-up timings")
    parser.add_argument("--no-readme", action="store_true", help="print only; leave benchmarks/README.md alone")
    parser.add_argument("--repeats", type=int, help="repeats of each batch/reference timing (default 3)")
    parser.add_argument("--json", type=Path, help="also write the raw results to this JSON file")
    parser.add_argument("--unit", choices=[*UNITS, "all"], default="all",
                        help="measure one unit only (the README is then left alone)")
    parser.add_argument("--worker", choices=["batch"], help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1,1000,100000", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker == "batch":
        sizes = [int(x) for x in args.sizes.split(",")]
        print(json.dumps(measure_batch(sizes, repeats=args.repeats or 1)))
        return 0

    config = dict(QUICK if args.quick else FULL)
    if args.repeats:
        config["repeats"] = args.repeats
    units = UNITS if args.unit == "all" else (args.unit,)
    res = run_all(config, startup=not args.no_startup, units=units)
    print(render_text(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    if not args.no_readme and units == UNITS:
        update_readme(render_markdown(res))
        print(f"results written to {README.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
