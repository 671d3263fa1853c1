"""The ``heattwin`` command line: run, sweep, optimize, plant, calibrate, show, info.

Every error a user can cause (a bad parameter, a kernel failure, a malformed or missing
file) is printed as one line on stderr and exits with code 2, without a traceback.

Examples
--------
.. code-block:: console

    $ heattwin info heater
    $ heattwin run examples/heater_crude.toml --set excess_air=0.10
    $ heattwin sweep examples/heater_demo_study.toml --store runs/heater_demo.h5 --plots runs/
    $ heattwin sweep examples/heater_sensitivity.toml --store runs/heater_sobol.h5
    $ heattwin optimize examples/heater_optimize.toml --store runs/heater_optimize.h5
    $ heattwin plant examples/refinery_heater_fleet.toml --plots runs/fleet
    $ heattwin calibrate examples/heater_calibration.toml --store runs/heater_calibration.h5 --plots runs/cal
    $ heattwin show runs/heater_demo.h5
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from twins.errors import HeattwinError, ParameterError
from twins.status import status_text
from twins.units import fmt, unit_label

EXIT_USER_ERROR = 2
# A kelvin parameter whose range starts below this is a temperature difference (an
# approach, a drop, a superheat: ranges from 0 or 1 K); absolute temperatures of the
# units start at 200 K or more. Only absolute ones are also shown in °C.
_LOWEST_ABSOLUTE_K = 100.0
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``heattwin`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "command_func"):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        return int(args.command_func(args, _console()) or 0)
    except (HeattwinError, OSError) as err:
        _error(str(err))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        _error(
            "interrupted; finished work is stored — run the same command again to resume "
            "(nothing stored is computed again)"
        )
        return EXIT_INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="heattwin",
        description="Digital twin of energy-intensive process units: what-if scenarios, "
        "sweeps and their fuel, CO2 and limits.",
    )
    sub = parser.add_subparsers(title="commands", metavar="<command>")

    p = sub.add_parser(
        "run", help="run one scenario and print its outputs",
        description="Run one scenario (a TOML file, or a unit name for its defaults) and "
        "print every output with its unit.",
    )
    p.add_argument("scenario", help="scenario TOML file, or a unit name such as 'heater'")
    p.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
        help="override a parameter, e.g. --set excess_air=0.1 --set 'process_flow=100 kg/s'",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--carbon", action="store_true",
                   help="also print the carbon account: scope 1 by source, scope 2, CO2e per year and per tonne")
    p.add_argument("--gwp", choices=("AR5", "AR6"), default="AR5", help="GWP100 set of the carbon account")
    p.add_argument("--hours-per-year", type=float, default=8400.0, help="operating hours of the carbon account")
    p.set_defaults(command_func=_cmd_run)

    p = sub.add_parser(
        "sweep", help="run a study (grid or sampled design) into an HDF5 file",
        description="Run every scenario of a study file — a [sweep] grid or a [design] "
        "(Latin hypercube, Sobol, Saltelli) — in chunks, store them in HDF5 (an interrupted "
        "sweep resumes where it stopped) and print the what-if summary; a Saltelli design "
        "also prints its Sobol sensitivity indices and stores them in /analysis/sobol.",
    )
    p.add_argument("study", help="study TOML file")
    p.add_argument("--store", type=Path, help="HDF5 result file (default runs/<study name>.h5)")
    p.add_argument("--plots", type=Path, metavar="DIR", help="write plots of the study to DIR")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--chunk-size", type=int, default=256, metavar="N",
        help="scenarios per kernel call and per crash-safe write (default 256)",
    )
    p.add_argument(
        "--overwrite", action="store_true", help="replace an existing store instead of resuming"
    )
    p.add_argument("--top", type=int, metavar="N", help="rows in the summary (default 15)")
    p.add_argument(
        "--engine", choices=("inprocess", "dask"), default="inprocess",
        help="inprocess: all cores of this machine (default); dask: chunks as tasks on a "
        "Dask cluster (a local one unless --scheduler is given)",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://host:8786 (with --engine dask)",
    )
    p.add_argument(
        "--workers", type=int, metavar="N",
        help="worker processes of the local Dask cluster (with --engine dask)",
    )
    p.set_defaults(command_func=_cmd_sweep)

    p = sub.add_parser(
        "optimize", help="find the best operating point within limits",
        description="Minimise or maximise an output over decision variables subject to "
        "bounds on other outputs ([optimize] table of a study file). Every evaluated "
        "scenario is stored in HDF5; a rerun takes stored scenarios from the file instead "
        "of computing them again. Prints the optimum, its constraints and margins, and "
        "the what-if comparison with the base case. Exit code 1 when no evaluated point "
        "meets every constraint.",
    )
    p.add_argument("study", help="study TOML file with an [optimize] table")
    p.add_argument("--store", type=Path, help="HDF5 result file (default runs/<study name>.h5)")
    p.add_argument(
        "--plots", type=Path, metavar="DIR", help="write plots of every evaluated scenario to DIR"
    )
    p.add_argument(
        "--overwrite", action="store_true",
        help="replace an existing store instead of reusing its evaluations",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(command_func=_cmd_optimize)

    p = sub.add_parser(
        "plant", help="run a plant over time (SimPy) into an HDF5 file",
        description="Run a plant file (e.g. a refinery heater fleet over a year: coking, decokes, "
        "trips, feed plan and tariffs), store its time series in HDF5 and print its totals.",
    )
    p.add_argument("plant", help="plant TOML file")
    p.add_argument("--store", type=Path, help="HDF5 result file (default runs/<plant name>.h5)")
    p.add_argument("--plots", type=Path, metavar="DIR", help="write the timeline picture to DIR")
    p.add_argument("--seed", type=int, help="seed of the random trips (default: the file's)")
    p.add_argument("--dispatch", choices=("equal", "least_fuel"),
                   help="how the feed is shared over the units on line (default: the file's)")
    p.set_defaults(command_func=_cmd_plant)

    p = sub.add_parser(
        "calibrate", help="fit kernel parameters to plant historian data",
        description="Fit the parameters named in a calibration file to historian data (weighted least "
        "squares, scipy least_squares with bounds); print the estimates with standard errors and "
        "correlations, chi-square per degree of freedom, RMSE per measurement and the rows excluded. "
        "Stores the fitted scenario of every historian row and a /calibration group in HDF5.",
    )
    p.add_argument("calibration", help="calibration TOML file with a [calibrate] table")
    p.add_argument("--store", type=Path, help="HDF5 result file (default runs/<calibration name>.h5)")
    p.add_argument("--plots", type=Path, metavar="DIR", help="write parity, residual and drift plots to DIR")
    p.set_defaults(command_func=_cmd_calibrate)

    p = sub.add_parser(
        "show", help="summarise an HDF5 result file",
        description="Print the metadata of a result file and min/mean/max of every output.",
    )
    p.add_argument("file", type=Path, help="HDF5 result file written by 'heattwin sweep'")
    p.set_defaults(command_func=_cmd_show)

    p = sub.add_parser(
        "info", help="list a unit's parameters, outputs and profiles",
        description="List every parameter of a unit (name, unit, default, range, meaning), "
        "its outputs and its profiles. Without a unit, list the units.",
    )
    p.add_argument("unit", nargs="?", help="unit name, e.g. heater")
    p.set_defaults(command_func=_cmd_info)
    return parser


# --------------------------------------------------------------------------- commands


def _cmd_run(args: argparse.Namespace, console: Console) -> int:
    from twins.scenario import Scenario
    from twins.unit import UnitTwin

    overrides = dict(_parse_set(item) for item in args.overrides)
    source = Path(args.scenario)
    if source.suffix == ".toml" or source.exists():
        scenario = Scenario.from_toml(source)
    else:
        UnitTwin(args.scenario)  # unknown unit -> clear error listing the units
        scenario = Scenario(unit=args.scenario, name=args.scenario)
    result = scenario.run(**overrides)
    account = None
    if args.carbon:
        from twins.carbon import carbon_account

        account = carbon_account(scenario.twin().module, result.params, result.outputs, args.gwp)
    if args.json:
        data = result.to_dict() | {"scenario": scenario.name}
        if account is not None:
            data["carbon"] = account.to_dict()
        print(json.dumps(_finite(data), indent=2))
        return 0
    title = escape(f"{scenario.name} ({result.unit})")
    console.print(result.table(title=title))
    if account is not None:
        console.print(account.table(args.hours_per_year))
    return 0


def _cmd_sweep(args: argparse.Namespace, console: Console) -> int:
    from twins.study import Study

    study = Study.from_toml(args.study)
    store = args.store or Path("runs") / f"{study.name}.h5"
    if args.chunk_size < 1:
        raise ParameterError(f"--chunk-size {args.chunk_size}: must be a positive integer")
    if args.engine != "dask" and (args.scheduler or args.workers is not None):
        raise ParameterError("--scheduler and --workers go with --engine dask")
    result = study.run(
        store=store, chunk_size=args.chunk_size, progress=not args.no_progress,
        overwrite=args.overwrite, engine=args.engine, client=args.scheduler,
        workers=args.workers,
    )
    resumed = result.n - result.computed
    console.print(
        f"{study.name}: {result.n} scenarios of {study.twin.name} stored in {store} "
        f"({result.computed} computed, {resumed} from an earlier run)",
        markup=False,
        soft_wrap=True,
    )
    code = 0
    if args.plots is not None:
        code = _plots(store, args.plots)
    console.print(study.summary(result, top=args.top).table())
    if study.design is not None and study.design.method == "saltelli":
        console.print(study.sensitivity(result).table())
    return code


def _cmd_optimize(args: argparse.Namespace, console: Console) -> int:
    from twins.optimize import Optimization

    opt = Optimization.from_toml(args.study)
    store = args.store or Path("runs") / f"{opt.name}.h5"
    optimum = opt.run(store=store, overwrite=args.overwrite, progress=not args.no_progress)
    spec = opt.spec
    console.print(
        f"{opt.name}: {spec.sense} {spec.objective} of {opt.twin.name}; every evaluated "
        f"scenario stored in {store}",
        markup=False, soft_wrap=True,
    )
    code = 0 if optimum.feasible else 1
    if args.plots is not None:
        code = max(code, _plots(store, args.plots))
    console.print(optimum.table(title=f"{opt.name}: optimum ({spec.sense} {spec.objective})"))
    console.print(opt.summary(optimum).table())
    return code


def _cmd_plant(args: argparse.Namespace, console: Console) -> int:
    import dataclasses

    from plants.heater_fleet import simulate
    from twins.plant import load_plant, plant_name
    from twins.plant_report import fleet_table, write_fleet

    spec = load_plant(args.plant)
    if args.seed is not None:
        spec = dataclasses.replace(spec, seed=args.seed)
    if args.dispatch is not None:
        spec = dataclasses.replace(spec, dispatch=args.dispatch)
    name, description, currency = plant_name(args.plant)
    run = simulate(spec)
    store = args.store or Path("runs") / f"{name}.h5"
    write_fleet(run, store, name=name, source=str(args.plant), currency=currency)
    console.print(fleet_table(run, title=escape(f"{name}: {description}"), currency=currency))
    print(f"results: {store}", file=sys.stderr)
    if args.plots is not None:
        try:
            from viz.plant_plots import plot_heater_fleet

            written = plot_heater_fleet(store, args.plots)
        except Exception as err:  # someone else's code: report, keep the results and summary
            _warn(f"plots failed: {type(err).__name__}: {err}")
            return 1
        print(f"plots: {len(written)} written to {args.plots}", file=sys.stderr)
    return 0


def _cmd_calibrate(args: argparse.Namespace, console: Console) -> int:
    from twins.calibrate import Calibration, write_store

    cal = Calibration.from_toml(args.calibration)
    result = cal.fit()
    store = write_store(cal, result, args.store or Path("runs") / f"{cal.name}.h5")
    for table in result.tables():
        console.print(table)
    for reason, count in result.excluded.items():
        print(f"excluded {count} of {len(result.used)} rows: {reason}", file=sys.stderr)
    for text in result.warnings:
        _warn(text)
    print(f"results: {store} ({result.n_kernel_rows} kernel rows in {result.nfev} batch calls, "
          f"{result.runtime_s:.1f} s)", file=sys.stderr)
    if args.plots is not None:
        try:
            from viz.calibration_plots import plot_calibration

            written = plot_calibration(store, args.plots)
        except Exception as err:  # someone else's code: report, keep the results and summary
            _warn(f"plots failed: {type(err).__name__}: {err}")
            return 1
        print(f"plots: {len(written)} written to {args.plots}", file=sys.stderr)
    return 0


def _cmd_show(args: argparse.Namespace, console: Console) -> int:
    from twins import sensitivity
    from twins import store as _store
    from twins.optimize import read_optimum
    from twins.ranges import Range
    from twins.report import axis_display

    c = _store.load(args.file)
    meta = Table(title=escape(str(args.file)), show_header=False)
    meta.add_column("key")
    meta.add_column("value", overflow="fold")
    spec = c.spec
    rows = [
        ("unit", c.unit),
        ("study", spec.get("name", "")),
        ("source", spec.get("source", "")),
        ("created", c.attrs.get("created", "")),
        ("heattwin version", c.attrs.get("heattwin_version", "")),
        ("git describe", c.attrs.get("git_describe", "")),
        ("kernel hash", str(c.attrs.get("kernel_hash", ""))[:16]),
        ("scenarios", str(len(c.status))),
        ("status", _status_counts(c.status)),
    ]
    design, optimize = spec.get("design"), spec.get("optimize")
    if design:
        rows.append(("design", f"{design['method']}, n = {design['n']}, seed = {design['seed']}"))
    if optimize:
        rows.append(("optimize", f"{optimize['sense']} {optimize['objective']} "
                     f"({optimize['method']}), constraints: "
                     + ("; ".join(optimize["constraints"]) or "none")))
    for r in (design or {}).get("ranges", []) + (optimize or {}).get("variables", []):
        rows.append((f"range {r['name']}", Range.from_dict(r).text()))
    for axis in spec.get("axes", []):
        shown = axis_display(np.asarray(axis["values"]), axis["si_unit"], axis["display_unit"])
        rows.append((
            f"swept {axis['name']}",
            f"{len(shown)} values {fmt(shown.min())} … {fmt(shown.max())} "
            f"{unit_label(axis['display_unit'])}",
        ))
    for key, value in rows:
        meta.add_row(key, escape(str(value)))
    console.print(meta)

    ok = c.status == 0
    table = Table(title=f"outputs over the {int(ok.sum())} scenarios with status ok")
    for name, justify in (("output", "left"), ("unit", "left"), ("min", "right"),
                          ("mean", "right"), ("max", "right")):
        table.add_column(name, justify=justify)
    for name, values in c.outputs.items():
        v = values[ok]
        v = v[np.isfinite(v)]
        stats = (fmt(v.min()), fmt(v.mean()), fmt(v.max())) if v.size else ("–",) * 3
        table.add_row(escape(name), escape(unit_label(c.output_units[name])), *stats)
    console.print(table)
    indices = sensitivity.read(str(args.file))
    if indices:
        table = Table(title="Sobol indices stored in /analysis/sobol")
        for col in ("output", "parameter", "S1", "ST"):
            table.add_column(col, justify="left" if col in ("output", "parameter") else "right")
        for output, ind in indices.items():
            for j, name in enumerate(ind["factor"]):
                table.add_row(
                    escape(output) if j == 0 else "", escape(str(name)),
                    f"{ind['S1'][j]:.3f} ± {ind['S1_conf'][j]:.3f}",
                    f"{ind['ST'][j]:.3f} ± {ind['ST_conf'][j]:.3f}",
                )
        console.print(table)
    optimum = read_optimum(args.file)
    if optimum is not None:
        variables = ", ".join(f"{k} = {fmt(v)}" for k, v in optimum["variables"].items())
        verdict = "feasible" if optimum["feasible"] else "infeasible"
        console.print(
            f"optimum ({optimum['sense']} {optimum['objective']}): scenario "
            f"{optimum['scenario']}, {optimum['objective']} = {fmt(optimum['objective_value'])} "
            f"{unit_label(optimum['objective_units'])}, {verdict}; {variables} (SI)",
            markup=False, soft_wrap=True,
        )
    return 0


def _cmd_info(args: argparse.Namespace, console: Console) -> int:
    from twins.unit import UnitTwin, available_units

    if not args.unit:
        console.print("units: " + (", ".join(available_units()) or "none"))
        return 0
    twin = UnitTwin(args.unit)
    table = Table(title=f"{twin.name}: {len(twin.params)} parameters (SI units)")
    for col, justify in (("parameter", "left"), ("unit", "left"), ("default", "right"),
                         ("range", "right"), ("meaning", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for p in twin.params:
        default = fmt(p.default)
        if p.unit == "K" and p.low >= _LOWEST_ABSOLUTE_K:  # a difference (approach, superheat) stays in K
            default += f" ({p.default - 273.15:.6g} °C)"
        table.add_row(
            p.name, escape(unit_label(p.unit)), default, f"{fmt(p.low)} … {fmt(p.high)}",
            escape(p.meaning),
        )
    console.print(table)
    table = Table(title=f"{twin.name}: {len(twin.outputs)} outputs")
    for col in ("output", "unit", "meaning"):
        table.add_column(col, overflow="fold")
    for o in twin.outputs:
        table.add_row(o.name, escape(unit_label(o.unit)), escape(o.meaning))
    console.print(table)
    table = Table(title=f"{twin.name}: {len(twin.profiles)} profiles of {twin.n_cell} cells")
    for col in ("profile", "unit", "meaning"):
        table.add_column(col, overflow="fold")
    for f in twin.profiles:
        table.add_row(f.name, escape(unit_label(f.unit)), escape(f.meaning))
    console.print(table)
    return 0


# --------------------------------------------------------------------------- helpers


def _plots(store: Path, out_dir: Path) -> int:
    """Call ``viz.sweep_plots.plot_study``; a missing viz module is a warning only."""
    try:
        from viz.sweep_plots import plot_study
    except ImportError as err:
        _warn(f"plots skipped: viz.sweep_plots is not available ({err})")
        return 0
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = plot_study(store, out_dir)
    except Exception as err:  # someone else's code: report, keep the results and summary
        _warn(f"plots failed: {type(err).__name__}: {err}")
        return 1
    if written:
        count = len(written) if isinstance(written, list | tuple) else 1
        print(f"plots: {count} written to {out_dir}", file=sys.stderr)
    return 0


def _parse_set(item: str) -> tuple[str, Any]:
    name, sep, value = item.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise ParameterError(f"--set {item!r}: expected NAME=VALUE, e.g. --set excess_air=0.1")
    try:
        return name, float(value)
    except ValueError:
        return name, value


def _status_counts(status: np.ndarray) -> str:
    codes, counts = np.unique(status, return_counts=True)
    return ", ".join(
        f"{status_text(c)}: {n}" for c, n in zip(codes.tolist(), counts.tolist(), strict=True)
    )


def _finite(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _console() -> Console:
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return Console()
    return Console(width=160)


def _error(message: str) -> None:
    print(f"heattwin: error: {' '.join(message.split())}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"heattwin: warning: {' '.join(message.split())}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
