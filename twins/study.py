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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from twins import store as _store
from twins.axes import Axis, make_axis
from twins.errors import KernelError, ParameterError, ScenarioError
from twins.params import find_param
from twins.report import ReportSpec, Summary, summarize
from twins.scenario import Scenario, check_keys, load_toml, require_table, with_context
from twins.status import NOT_RUN
from twins.unit import Result, UnitTwin

DEFAULT_CHUNK_SIZE = 256

_STUDY_KEYS = ("unit", "name", "base", "description")


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
        return cls(
            unit=c.unit, name=str(c.spec.get("name", "")), param_names=c.param_names,
            params=c.params, outputs=c.outputs, profiles=c.profiles, status=c.status,
            units=units, axes=axes, store=Path(path),
        )


class Study:
    """A grid of scenarios around a base case.

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
    def from_toml(cls, path: str | Path) -> Study:
        """Read and check a study file (see the module docstring for the format).

        Raises
        ------
        ScenarioError, ParameterError
            Naming the file (and the base scenario file when the error is there).
        """
        path = Path(path)
        data = load_toml(path)
        where = str(path)
        check_keys(data, ("study", "params", "sweep", "report"), where, "top-level table")
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
        sweep = require_table(data, "sweep", where)
        if not sweep:
            raise ScenarioError(f"{where}: [sweep] is empty; give at least one parameter")
        report = ReportSpec.from_dict(data.get("report", {}), where)
        twin = with_context(lambda: UnitTwin(unit), f"{where}: [study] ")
        with_context(lambda: twin.vector({**base_params, **extra}), f"{where}: [params] ")
        study = with_context(
            lambda: cls(
                twin, sweep, base={**base_params, **extra},
                name=str(head.get("name", path.stem)),
                report=report, description=str(head.get("description", "")), source=path,
            ),
            f"{where}: [sweep] ",
        )
        with_context(
            lambda: twin.vector({**study.base, **report.baseline}), f"{where}: [report] baseline "
        )
        report.check_outputs(
            {row.name: row.unit for row in twin.outputs}, twin.name, where
        )
        return study

    # ------------------------------------------------------------------ grid

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values along each axis."""
        return tuple(len(a.values) for a in self.axes)

    @property
    def n_scenarios(self) -> int:
        """Number of scenarios (product of :attr:`shape`)."""
        return int(np.prod(self.shape, dtype=np.int64)) if self.axes else 1

    @property
    def swept(self) -> list[str]:
        """Names of the swept parameters, in axis order."""
        return [a.name for a in self.axes]

    def matrix(self) -> np.ndarray:
        """``(n_scenarios, n_param)`` SI parameter matrix; the last axis varies fastest."""
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
            "report": {
                **asdict(self.report),
                "baseline": {k: _jsonable(v) for k, v in self.report.baseline.items()},
            },
        }

    def spec_hash(self) -> str:
        """sha256 of what determines the results (unit, tables, base vector, axis values);
        labels and report options do not count."""
        spec = self.spec()
        keys = ("unit", "param_names", "output_names", "profile_names", "n_cell", "base")
        core = {k: spec[k] for k in keys}
        core["axes"] = [(a["name"], a["values"]) for a in spec["axes"]]
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

        Returns
        -------
        StudyResult
            All scenarios, including those of earlier runs of a resumed store.
        """
        if not isinstance(chunk_size, int) or chunk_size < 1:
            raise ParameterError(f"chunk_size = {chunk_size!r} must be a positive integer")
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
                for start in pending:
                    stop = min(start + chunk_size, n)
                    out, prof, st = twin.run_batch(P[start:stop], check=False)
                    if writer is not None:
                        writer.write_chunk(start, out, prof, st)
                    else:
                        OUT[start:stop], PROF[start:stop], status[start:stop] = out, prof, st
                    computed += stop - start
                    bar.advance(task, stop - start)
                    if on_chunk is not None:
                        on_chunk(start // chunk_size, slice(start, stop))
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
            status=status, units=twin.units, axes=list(self.axes), computed=computed,
        )

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
