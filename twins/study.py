"""Studies: a grid of scenarios of one unit, run in chunks into a resumable HDF5 store.

.. code-block:: toml

    [study]
    unit = "heater"                  # optional when the base scenario names it
    name = "heater_demo"
    base = "heater_crude.toml"       # a scenario file, relative to this file

    [params]                         # optional: more overrides on top of the base
    fouling_resistance = 5e-4

    [sweep]                          # the grid: every combination is one scenario
    excess_air = { start = 0.05, stop = 0.40, num = 8 }
    air_preheat_temp = ["15 degC", "150 degC", "250 degC", "350 degC"]
    conv_rows = [6, 8, 10]
    # also: name = { values = [15, 150], unit = "degC" }

    [report]                         # optional: the what-if summary (twins.report)
    baseline = { excess_air = 0.15 }   # overrides of the base for the reference case
    hours_per_year = 8400
    columns = { stack_temp = "degC" }  # further outputs in the table, in a unit of choice

The first sweep axis varies slowest. Every value is converted and checked when the
study is built, and the whole scenario matrix is checked again before any kernel runs.

Instead of ``[sweep]`` a study may have a ``[design]`` table: a Latin hypercube, Sobol
or Saltelli (Sobol sensitivity) sample over parameter ranges, fixed by its seed
(:mod:`twins.design`). It runs into the same resumable store; the sensitivity indices of
a Saltelli design come from :mod:`twins.sensitivity`. A file with ``[optimize]`` is an
optimisation (:mod:`twins.optimize`), read with the same ``[study]``, ``[params]`` and
``[report]`` tables (:func:`read_study_file`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from twins import sensitivity as _sensitivity
from twins import store as _store
from twins.axes import Axis, make_axis
from twins.design import Design
from twins.errors import KernelError, ParameterError, ScenarioError
from twins.params import find_param
from twins.ranges import Range
from twins.report import ReportSpec, Summary, summarize
from twins.scenario import Scenario, check_keys, load_toml, require_table, with_context
from twins.sensitivity import SobolAnalysis
from twins.status import NOT_RUN
from twins.unit import Result, UnitTwin

if TYPE_CHECKING:
    from distributed import Client

    from twins.optimize import Optimum

DEFAULT_CHUNK_SIZE = 256
ENGINES = ("inprocess", "dask")

_STUDY_KEYS = ("unit", "name", "base", "description")
_DESIGN_CORE = ("method", "n", "seed", "ranges", "second_order")
_TABLES = ("study", "params", "sweep", "design", "optimize", "report")


@dataclass
class StudyFile:
    """The tables every study file shares, read and checked (:func:`read_study_file`)."""

    path: Path
    data: dict[str, Any]
    twin: UnitTwin
    base: dict[str, Any]
    name: str
    description: str
    report: ReportSpec

    @property
    def where(self) -> str:
        """The file name, for messages."""
        return str(self.path)


@dataclass
class StudyResult:
    """Every scenario of a study: parameters, outputs, profiles and status (SI units).

    Attributes
    ----------
    params : numpy.ndarray
        ``(n, n_param)`` parameter matrix; columns named by :attr:`param_names`.
    outputs : dict of str to numpy.ndarray
        ``(n,)`` per output.
    profiles : dict of str to numpy.ndarray
        ``(n, n_cell)`` per profile.
    status : numpy.ndarray
        ``(n,)`` int8 kernel status per scenario (``-1``: not run).
    computed : int
        Scenarios computed by this call (the rest came from a resumed store).
    """

    unit: str
    name: str
    param_names: list[str]
    params: np.ndarray
    outputs: dict[str, np.ndarray]
    profiles: dict[str, np.ndarray]
    status: np.ndarray
    units: dict[str, str]
    axes: list[Axis]
    store: Path | None = None
    computed: int = 0

    @property
    def n(self) -> int:
        """Number of scenarios."""
        return int(self.params.shape[0])

    @property
    def ok(self) -> np.ndarray:
        """Boolean mask of the scenarios whose kernel returned ``OK``."""
        return self.status == 0

    def param(self, name: str) -> np.ndarray:
        """Column of the parameter matrix for ``name`` (SI)."""
        return self.params[:, self.param_names.index(name)]

    @classmethod
    def from_store(cls, path: str | Path, *, profiles: bool = True) -> StudyResult:
        """Read a finished (or partly finished) study back from its HDF5 file."""
        c = _store.load(path, profiles=profiles)
        units = dict(zip(c.param_names, c.param_units, strict=True))
        units |= c.output_units | c.profile_units
        axes = [
            Axis(a["name"], np.asarray(a["values"]), a["si_unit"], a["display_unit"])
            for a in c.spec.get("axes", [])
        ]
        if c.spec.get("design"):
            axes = [_range_axis(r) for r in c.spec["design"]["ranges"]]
        elif c.spec.get("optimize"):
            axes = [_range_axis(r) for r in c.spec["optimize"]["variables"]]
        return cls(
            unit=c.unit, name=str(c.spec.get("name", "")), param_names=c.param_names,
            params=c.params, outputs=c.outputs, profiles=c.profiles, status=c.status,
            units=units, axes=axes, store=Path(path),
        )


class Study:
    """A grid or a sampled design of scenarios around a base case.

    Parameters
    ----------
    twin : UnitTwin or str
        The unit, or its name.
    axes : mapping, optional
        Parameter name -> values: a list (numbers in SI, unit strings, quantities), a
        single value, ``{"start", "stop", "num", "unit"}`` (linspace) or
        ``{"values", "unit"}``.
    base : mapping or Scenario, optional
        Overrides of the defaults shared by every scenario.
    name : str
        Label of the study (HDF5 attributes, reports).
    report : ReportSpec, optional
        Options of the what-if summary.
    design : Design, optional
        A sampled design (:mod:`twins.design`) instead of grid axes.

    Raises
    ------
    ParameterError
        For any bad name or value, before anything runs.
    """

    def __init__(
        self,
        twin: UnitTwin | str,
        axes: Mapping[str, Any] | None = None,
        *,
        base: Mapping[str, Any] | Scenario | None = None,
        name: str = "study",
        report: ReportSpec | None = None,
        description: str = "",
        source: Path | None = None,
        design: Design | None = None,
    ) -> None:
        self.twin = UnitTwin(twin) if isinstance(twin, str) else twin
        if isinstance(base, Scenario):
            if base.unit != self.twin.name:
                raise ScenarioError(
                    f"base scenario '{base.name}' is for unit '{base.unit}', "
                    f"the study for '{self.twin.name}'"
                )
            base = base.params
        self.base: dict[str, Any] = dict(base or {})
        self.name = name
        self.description = description
        self.report = report or ReportSpec()
        self.source = source
        self.base_vector: np.ndarray = self.twin.vector(self.base)
        self.axes: list[Axis] = [
            make_axis(self.twin.params[find_param(self.twin.params, k, unit=self.twin.name)], v)
            for k, v in (axes or {}).items()
        ]
        if design is not None and self.axes:
            raise ScenarioError("a study is either a grid (axes) or a sampled design, not both")
        self.design = design

    @classmethod
    def grid(
        cls,
        twin: UnitTwin | str,
        *,
        base: Mapping[str, Any] | Scenario | None = None,
        name: str = "study",
        report: ReportSpec | None = None,
        **axes: Any,
    ) -> Study:
        """Full-factorial grid: ``Study.grid(heater, excess_air=[0.05, 0.1, 0.2])``."""
        return cls(twin, axes, base=base, name=name, report=report)

    @classmethod
    def sampled(
        cls,
        twin: UnitTwin | str,
        method: str,
        *,
        n: int,
        seed: int,
        base: Mapping[str, Any] | Scenario | None = None,
        name: str = "study",
        report: ReportSpec | None = None,
        outputs: Sequence[str] = (),
        **ranges: Any,
    ) -> Study:
        """A sampled design (:mod:`twins.design`):
        ``Study.sampled(heater, "lhs", n=64, seed=1, excess_air=[0.05, 0.4])``.

        ``method`` is ``"lhs"``, ``"sobol"`` or ``"saltelli"`` (which needs ``outputs``);
        each range is ``[low, high]`` or ``{"low", "high", "unit", "integer"}``.
        """
        twin = UnitTwin(twin) if isinstance(twin, str) else twin
        table: dict[str, Any] = {"method": method, "n": n, "seed": seed, "ranges": ranges}
        if outputs:
            table["outputs"] = list(outputs)
        design = Design.from_dict(table, twin.params, twin.output_names, unit=twin.name)
        return cls(twin, base=base, name=name, report=report, design=design)

    def optimize(
        self,
        objective: str,
        *,
        constraints: Sequence[str] = (),
        store: str | Path | None = None,
        overwrite: bool = False,
        **options: Any,
    ) -> Optimum:
        """Optimise ``objective`` over this study's parameters (:mod:`twins.optimize`).

        The decision variables are the design's ranges, or each grid axis from its least
        to its largest value (a whole-number axis of a dimensionless parameter, such as
        ``conv_rows = [6, 8, 10]``, is an integer variable). ``options`` are the other
        keys of ``[optimize]`` (``sense``, ``method``, ``within_limits`` (default true:
        the what-if table's limits), ``seed`` ...). ``store`` keeps every evaluation
        (:meth:`twins.optimize.Optimization.run`).
        """
        from twins.optimize import Optimization, OptimizeSpec

        variables = self._variables()
        spec = OptimizeSpec.from_dict(
            {"objective": objective, "constraints": list(constraints),
             "variables": {r.name: [r.low, r.high] for r in variables}, **options},
            self.twin,
        )
        spec = replace(spec, variables=variables)  # keep units and integer flags
        opt = Optimization(
            self.twin, spec, base=self.base, name=f"{self.name}_optimum", report=self.report,
            description=self.description, source=self.source,
        )
        return opt.run(store, overwrite=overwrite)

    def _variables(self) -> tuple[Range, ...]:
        if self.design is not None:
            return self.design.ranges
        ranges = tuple(
            Range(
                a.name, float(a.values.min()), float(a.values.max()), a.si_unit,
                a.display_unit,
                integer=a.si_unit == "1" and bool(np.all(a.values == np.round(a.values))),
            )
            for a in self.axes if a.values.min() < a.values.max()
        )
        if not ranges:
            raise ScenarioError(f"study '{self.name}' varies no parameter to optimise over")
        return ranges

    @classmethod
    def from_toml(cls, path: str | Path) -> Study:
        """Read and check a study file with a ``[sweep]`` or a ``[design]`` table.

        Raises
        ------
        ScenarioError, ParameterError
            Naming the file (and the base scenario file when the error is there).
        """
        f = read_study_file(path)
        where, data, twin = f.where, f.data, f.twin
        if "sweep" in data and "design" in data:
            raise ScenarioError(
                f"{where}: has both [sweep] and [design]; a study is a grid or a sampled "
                "design — put the other one in its own file"
            )
        design = None
        sweep: Mapping[str, Any] = {}
        if "design" in data:
            table = require_table(data, "design", where)
            design = Design.from_dict(
                table, twin.params, twin.output_names, where=where, unit=twin.name
            )
        elif "sweep" in data:
            sweep = require_table(data, "sweep", where)
            if not sweep:
                raise ScenarioError(f"{where}: [sweep] is empty; give at least one parameter")
        else:
            hint = (
                "; this file has [optimize]: run `heattwin optimize` on it"
                if "optimize" in data else ""
            )
            raise ScenarioError(
                f"{where}: missing table [sweep] (a grid) or [design] (sampled "
                f"scenarios){hint}"
            )
        return with_context(
            lambda: cls(
                twin, sweep, base=f.base, name=f.name, report=f.report,
                description=f.description, source=f.path, design=design,
            ),
            f"{where}: [sweep] ",
        )

    # ------------------------------------------------------------------ grid

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values along each axis."""
        return tuple(len(a.values) for a in self.axes)

    @property
    def n_scenarios(self) -> int:
        """Number of scenarios (product of :attr:`shape`, or the design's size)."""
        if self.design is not None:
            return self.design.n_scenarios
        return int(np.prod(self.shape, dtype=np.int64)) if self.axes else 1

    @property
    def swept(self) -> list[str]:
        """Names of the swept (or sampled) parameters, in axis order."""
        if self.design is not None:
            return self.design.names
        return [a.name for a in self.axes]

    def matrix(self) -> np.ndarray:
        """``(n_scenarios, n_param)`` SI parameter matrix; the last axis varies fastest
        (a design: its sample, in the order it was drawn)."""
        if self.design is not None:
            return self.design.matrix(self.base_vector, self.twin.param_names)
        P = np.tile(self.base_vector, (self.n_scenarios, 1))
        if self.axes:
            grids = np.meshgrid(*[a.values for a in self.axes], indexing="ij")
            for axis, g in zip(self.axes, grids, strict=True):
                P[:, self.twin.param_names.index(axis.name)] = g.ravel()
        return P

    def spec(self) -> dict[str, Any]:
        """JSON-ready description of the study (stored in the HDF5 root attributes)."""
        return {
            "unit": self.twin.name,
            "name": self.name,
            "description": self.description,
            "source": str(self.source) if self.source else "",
            "param_names": self.twin.param_names,
            "output_names": self.twin.output_names,
            "profile_names": self.twin.profile_names,
            "n_cell": self.twin.n_cell,
            "base": dict(zip(self.twin.param_names, self.base_vector.tolist(), strict=True)),
            "base_given": {k: _jsonable(v) for k, v in self.base.items()},
            "axes": [
                {
                    "name": a.name, "values": a.values.tolist(),
                    "si_unit": a.si_unit, "display_unit": a.display_unit,
                }
                for a in self.axes
            ],
            "design": self.design.to_dict() if self.design is not None else None,
            "report": {
                **asdict(self.report),
                "baseline": {k: _jsonable(v) for k, v in self.report.baseline.items()},
            },
        }

    def spec_hash(self) -> str:
        """sha256 of what determines the results (unit, tables, base vector, axis values,
        the design and its sampled matrix); labels, report and analysis options do not
        count. Hashing the matrix means a library that draws another sample for the same
        seed makes the resume refused rather than mixed."""
        spec = self.spec()
        keys = ("unit", "param_names", "output_names", "profile_names", "n_cell", "base")
        core = {k: spec[k] for k in keys}
        core["axes"] = [(a["name"], a["values"]) for a in spec["axes"]]
        if self.design is not None:
            sampled = {k: v for k, v in spec["design"].items() if k in _DESIGN_CORE}
            matrix = hashlib.sha256(np.ascontiguousarray(self.matrix()).tobytes()).hexdigest()
            core["design"] = sampled | {"matrix_sha256": matrix}
        text = json.dumps(core, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    # ------------------------------------------------------------------ running

    def baseline(self, *, check_status: bool = True) -> Result:
        """The reference case: the base scenario plus ``report.baseline``, run alone."""
        return self.twin.run({**self.base, **self.report.baseline}, check_status=check_status)

    def run(
        self,
        store: str | Path | None = None,
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        progress: bool = True,
        overwrite: bool = False,
        on_chunk: Callable[[int, slice], None] | None = None,
        engine: str = "inprocess",
        client: Client | str | None = None,
        workers: int | None = None,
    ) -> StudyResult:
        """Run every scenario, chunk by chunk, optionally into a resumable HDF5 store.

        Parameters
        ----------
        store : path, optional
            HDF5 file (layout in :mod:`twins.store`). An existing file of the same study
            is resumed: chunks whose rows are all done are not run again.
        chunk_size : int, default 256
            Scenarios per call of the kernel's ``solve_batch`` (and per crash-safe write).
        progress : bool, default True
            Show a progress bar (only on a terminal).
        overwrite : bool, default False
            Replace an existing store instead of resuming it.
        on_chunk : callable, optional
            Called as ``on_chunk(chunk_index, rows)`` after each chunk is written.
        engine : {"inprocess", "dask"}, default "inprocess"
            ``"inprocess"``: the kernel's parallel ``solve_batch`` on this machine's
            cores. ``"dask"``: each chunk is a task on a Dask ``distributed`` cluster
            running ``solve_batch_serial`` (:mod:`twins.dask_engine`); chunks are
            written as they finish, with the same crash safety and resume.
        client : distributed.Client or str, optional
            With ``engine="dask"``: a client, or a scheduler address; without one a
            local cluster of ``workers`` processes runs the study.
        workers : int, optional
            With ``engine="dask"`` and no client: worker processes of the local cluster.

        Returns
        -------
        StudyResult
            All scenarios, including those of earlier runs of a resumed store.
        """
        if not isinstance(chunk_size, int) or chunk_size < 1:
            raise ParameterError(f"chunk_size = {chunk_size!r} must be a positive integer")
        if engine not in ENGINES:
            raise ParameterError(f"engine = {engine!r}: choose one of {', '.join(ENGINES)}")
        if engine != "dask" and (client is not None or workers is not None):
            raise ParameterError("client and workers are options of engine='dask'")
        twin = self.twin
        P = self.matrix()
        twin.check(P)
        n = P.shape[0]
        writer = None
        if store is not None:
            writer = _store.StudyStore.open(
                store, unit=twin.name, params=twin.params, outputs=twin.outputs,
                profiles=twin.profiles, n_cell=twin.n_cell, P=P, spec=self.spec(),
                spec_hash=self.spec_hash(), kernel_hash=_store.kernel_hash(twin.module),
                chunk_rows=chunk_size, overwrite=overwrite,
            )
            status = writer.status
        else:
            OUT = np.full((n, len(twin.outputs)), np.nan)
            PROF = np.full((n, len(twin.profiles), twin.n_cell), np.nan)
            status = np.full(n, NOT_RUN, dtype=np.int8)
        starts = range(0, n, chunk_size)
        pending = [s for s in starts if (status[s : s + chunk_size] == NOT_RUN).any()]
        todo = sum(min(s + chunk_size, n) - s for s in pending)
        computed = 0
        try:
            with _progress_bar(progress) as bar:
                task = bar.add_task(self.name, total=n, completed=n - todo)

                def write(start: int, out: np.ndarray, prof: np.ndarray, st: np.ndarray) -> None:
                    nonlocal computed
                    stop = start + len(st)
                    if writer is not None:
                        writer.write_chunk(start, out, prof, st)
                    else:
                        OUT[start:stop], PROF[start:stop], status[start:stop] = out, prof, st
                    computed += stop - start
                    bar.advance(task, stop - start)
                    if on_chunk is not None:
                        on_chunk(start // chunk_size, slice(start, stop))

                if engine == "dask" and pending:
                    from twins import dask_engine

                    with dask_engine.connect(client, workers) as dask_client:
                        dask_engine.run_chunks(dask_client, twin, P, pending, chunk_size, write)
                else:
                    for start in pending:
                        stop = min(start + chunk_size, n)
                        write(start, *twin.run_batch(P[start:stop], check=False))
        finally:
            if writer is not None:
                writer.close()
        if store is not None:
            result = StudyResult.from_store(store)
            result.computed = computed
            return result
        return StudyResult(
            unit=twin.name, name=self.name, param_names=twin.param_names, params=P,
            outputs={name: OUT[:, j].copy() for j, name in enumerate(twin.output_names)},
            profiles={name: PROF[:, j].copy() for j, name in enumerate(twin.profile_names)},
            status=status, units=twin.units, axes=self.result_axes(), computed=computed,
        )

    def result_axes(self) -> list[Axis]:
        """Axes for tables: the grid axes, or one per design range (its two bounds)."""
        if self.design is not None:
            return [_range_axis(r.to_dict()) for r in self.design.ranges]
        return list(self.axes)

    def sensitivity(self, result: StudyResult, *, write: bool = True) -> SobolAnalysis:
        """Sobol indices of a finished Saltelli design (:mod:`twins.sensitivity`),
        written into ``/analysis/sobol`` of the result's store when it has one.

        Raises
        ------
        ScenarioError
            When the study is not a Saltelli design or the result is not complete.
        """
        if self.design is None:
            raise ScenarioError("Sobol indices need a [design] with method = 'saltelli'")
        if (result.status == NOT_RUN).any():
            raise ScenarioError(
                f"{int((result.status == NOT_RUN).sum())} scenarios have not run yet; "
                "finish the study (run it again to resume) before the analysis"
            )
        analysis = _sensitivity.analyze(self.design, result.status, result.outputs)
        if write and result.store is not None:
            _sensitivity.write(str(result.store), analysis)
        return analysis

    def summary(self, result: StudyResult, *, top: int | None = None) -> Summary:
        """The what-if table of ``result`` against :meth:`baseline`.

        Raises
        ------
        KernelError
            When the baseline scenario itself fails.
        """
        try:
            base = self.baseline()
        except KernelError as err:
            raise KernelError(f"baseline scenario: {err}", err.status, err.result) from None
        return summarize(result, base, self.report, top=top)


# --------------------------------------------------------------------------- helpers


def read_study_file(path: str | Path) -> StudyFile:
    """Read a study file's shared tables: ``[study]``, ``[params]`` and ``[report]``.

    The base scenario (``[study] base``) and ``[params]`` are merged and checked; the
    tables of the study kind (``[sweep]``, ``[design]``, ``[optimize]``) are left for
    the caller.

    Raises
    ------
    ScenarioError, ParameterError
        Naming the file (and the base scenario file when the error is there).
    """
    path = Path(path)
    data = load_toml(path)
    where = str(path)
    check_keys(data, _TABLES, where, "top-level table")
    head = require_table(data, "study", where)
    check_keys(head, _STUDY_KEYS, where, "key in [study]")
    base_params: dict[str, Any] = {}
    unit = head.get("unit")
    if "base" in head:
        if not isinstance(head["base"], str):
            raise ScenarioError(f'{where}: [study] base must be a file name, e.g. "base.toml"')
        base = Scenario.from_toml(path.parent / head["base"])
        if unit is not None and unit != base.unit:
            raise ScenarioError(
                f"{where}: [study] unit = '{unit}' but the base scenario "
                f"{base.source} is for unit '{base.unit}'"
            )
        unit = base.unit
        base_params = dict(base.params)
    if not isinstance(unit, str) or not unit:
        raise ScenarioError(f'{where}: [study] needs unit = "<name>" or base = "<file>"')
    extra = data.get("params", {})
    if not isinstance(extra, Mapping):
        raise ScenarioError(f"{where}: [params] must be a table of name = value")
    report = ReportSpec.from_dict(data.get("report", {}), where)
    twin = with_context(lambda: UnitTwin(unit), f"{where}: [study] ")
    merged = {**base_params, **extra}
    with_context(lambda: twin.vector(merged), f"{where}: [params] ")
    with_context(
        lambda: twin.vector({**merged, **report.baseline}), f"{where}: [report] baseline "
    )
    report.check_outputs({row.name: row.unit for row in twin.outputs}, twin.name, where)
    return StudyFile(
        path=path, data=data, twin=twin, base=merged, name=str(head.get("name", path.stem)),
        description=str(head.get("description", "")), report=report,
    )


def _range_axis(r: Mapping[str, Any]) -> Axis:
    return Axis(r["name"], np.array([r["low"], r["high"]]), r["si_unit"], r["display_unit"])


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _progress_bar(enabled: bool) -> Progress:
    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("scenarios"),
        TimeRemainingColumn(),
        console=console,
        disable=not (enabled and console.is_terminal),
        transient=False,
    )


__all__ = ["Axis", "ReportSpec", "Study", "StudyResult"]
