"""``UnitTwin``: one generic, unit-aware front end over any kernel module.

A kernel module (``kernels.heater``, later ``kernels.kiln`` ...) exposes the tables
``PARAMS``/``OUTPUTS``/``PROFILES`` and the functions ``solve``/``solve_batch`` of the
kernel contract (:mod:`kernels.contract`). :class:`UnitTwin` reads the tables, turns
user input with units into the SI parameter vector, runs the kernel and turns its
numbers and status code back into named results or a clear :class:`KernelError`.

Examples
--------
>>> from twins import UnitTwin
>>> heater = UnitTwin("heater")                                   # doctest: +SKIP
>>> r = heater.run(process_flow="100 kg/s", excess_air="12 %")    # doctest: +SKIP
>>> r.outputs["efficiency_lhv"], r.units["efficiency_lhv"]        # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from rich.markup import escape
from rich.table import Table

from kernels.contract import OK, Output, Param, Profile
from twins.errors import KernelError, UnknownUnitError
from twins.params import CompositionGroups, ConsistencyRules, build_vector, check_matrix
from twins.status import NOT_RUN, status_text
from twins.units import fmt, unit_label


@dataclass(frozen=True)
class Result:
    """The answer of one kernel run.

    Attributes
    ----------
    unit : str
        Name of the unit (kernel module).
    params : dict of str to float
        The full parameter vector that was run, SI units.
    outputs : dict of str to float
        Every scalar output, SI units.
    profiles : dict of str to numpy.ndarray
        Every profile, ``N_CELL`` values each, SI units.
    status : int
        Kernel status code (``0`` is OK; see :mod:`kernels.contract`).
    units : dict of str to str
        SI unit of every parameter, output and profile, by name.
    meanings : dict of str to str
        One-line description of every parameter, output and profile, by name.
    """

    unit: str
    params: dict[str, float]
    outputs: dict[str, float]
    profiles: dict[str, np.ndarray]
    status: int
    units: dict[str, str] = field(repr=False)
    meanings: dict[str, str] = field(repr=False, default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the kernel returned ``OK``."""
        return self.status == OK

    @property
    def status_meaning(self) -> str:
        """Words for :attr:`status`."""
        return status_text(self.status)

    def table(self, title: str | None = None) -> Table:
        """A rich table of the outputs with their units, for printing.

        >>> from rich import print                     # doctest: +SKIP
        >>> print(result.table())                      # doctest: +SKIP
        """
        caption = f"status {self.status}: {self.status_meaning}"
        table = Table(title=title or escape(f"{self.unit} outputs"), caption=caption)
        table.add_column("output")
        table.add_column("value", justify="right")
        table.add_column("unit")
        table.add_column("meaning", overflow="fold")
        for name, value in self.outputs.items():
            table.add_row(
                escape(name), fmt(value), escape(unit_label(self.units[name])),
                escape(self.meanings.get(name, "")),
            )
        return table

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready representation (profiles as lists)."""
        return {
            "unit": self.unit,
            "status": self.status,
            "status_meaning": self.status_meaning,
            "params": self.params,
            "outputs": self.outputs,
            "profiles": {k: v.tolist() for k, v in self.profiles.items()},
            "units": self.units,
        }


class UnitTwin:
    """A unit (fired heater, kiln, ...) with named, unit-aware inputs and outputs.

    Parameters
    ----------
    unit : str or module
        ``"heater"`` loads ``kernels.heater``; a dotted name (``"mypkg.mykernel"``) is
        imported as given; a module object is used directly. The module must follow
        the kernel contract of :mod:`kernels.contract`.

    Raises
    ------
    UnknownUnitError
        When no such module exists or it has no ``PARAMS`` table; the message lists the
        available units.
    """

    def __init__(self, unit: str | ModuleType) -> None:
        self.module: ModuleType = _load(unit) if isinstance(unit, str) else unit
        module_name = self.module.__name__
        self.name: str = module_name.removeprefix("kernels.")
        self.params: tuple[Param, ...] = tuple(self.module.PARAMS)
        self.outputs: tuple[Output, ...] = tuple(getattr(self.module, "OUTPUTS", ()))
        self.profiles: tuple[Profile, ...] = tuple(getattr(self.module, "PROFILES", ()))
        self.n_cell: int = int(getattr(self.module, "N_CELL", 0))
        self.composition_groups: CompositionGroups = tuple(
            getattr(self.module, "COMPOSITION_GROUPS", ())
        )
        self.consistency: ConsistencyRules | None = getattr(
            self.module, "check_consistency", None
        )

    def __repr__(self) -> str:
        return (
            f"UnitTwin({self.name!r}: {len(self.params)} params, {len(self.outputs)} outputs, "
            f"{len(self.profiles)} profiles x {self.n_cell} cells)"
        )

    # ----------------------------------------------------------------- tables

    @property
    def param_names(self) -> list[str]:
        """Parameter names in vector order."""
        return [p.name for p in self.params]

    @property
    def output_names(self) -> list[str]:
        """Output names in vector order."""
        return [o.name for o in self.outputs]

    @property
    def profile_names(self) -> list[str]:
        """Profile names in array order."""
        return [f.name for f in self.profiles]

    @property
    def units(self) -> dict[str, str]:
        """SI unit of every parameter, output and profile, by name."""
        rows = (*self.params, *self.outputs, *self.profiles)
        return {row.name: row.unit for row in rows}

    @property
    def meanings(self) -> dict[str, str]:
        """One-line description of every parameter, output and profile, by name."""
        rows = (*self.params, *self.outputs, *self.profiles)
        return {row.name: row.meaning for row in rows}

    def defaults(self) -> np.ndarray:
        """Parameter vector of every default value (SI)."""
        return np.array([p.default for p in self.params], dtype=np.float64)

    def describe(self) -> dict[str, list[dict[str, Any]]]:
        """Everything the tables say, as rows: ``{"params": [...], "outputs": [...],
        "profiles": [...]}``; used by ``heattwin info``."""
        return {
            "params": [p._asdict() for p in self.params],
            "outputs": [o._asdict() for o in self.outputs],
            "profiles": [f._asdict() | {"n_cell": self.n_cell} for f in self.profiles],
        }

    # ----------------------------------------------------------------- running

    def vector(self, overrides: Mapping[str, Any] | None = None, /, **kw: Any) -> np.ndarray:
        """Checked SI parameter vector: defaults with ``overrides`` and ``kw`` applied."""
        merged = {**(overrides or {}), **kw}
        return build_vector(
            self.params, merged, groups=self.composition_groups, rules=self.consistency,
            unit=self.name,
        )

    def run(
        self,
        overrides: Mapping[str, Any] | None = None,
        /,
        *,
        check_status: bool = True,
        **kw: Any,
    ) -> Result:
        """Run one scenario.

        Parameters
        ----------
        overrides : mapping, optional
            Parameter values by name (numbers in SI, unit strings, or pint quantities).
        check_status : bool, default True
            Raise :class:`KernelError` when the kernel does not return ``OK``.
        **kw
            More parameter values, e.g. ``excess_air=0.10, process_flow="100 kg/s"``.

        Returns
        -------
        Result

        Raises
        ------
        ParameterError
            Before the kernel runs, for any bad input.
        KernelError
            When the kernel returns a status other than ``OK`` (and ``check_status``).
        """
        merged = {**(overrides or {}), **kw}
        p = self.vector(merged)
        out = np.full(len(self.outputs), np.nan)
        prof = np.full((len(self.profiles), self.n_cell), np.nan)
        solve = getattr(self.module, "solve", None)
        if solve is not None:
            status = int(solve(p, out, prof))
        else:
            OUT, PROF, STATUS = self.run_batch(p[np.newaxis, :], check=False)
            out, prof, status = OUT[0], PROF[0], int(STATUS[0])
        result = Result(
            unit=self.name,
            params=dict(zip(self.param_names, p.tolist(), strict=True)),
            outputs=dict(zip(self.output_names, out.tolist(), strict=True)),
            profiles={name: prof[i].copy() for i, name in enumerate(self.profile_names)},
            status=status,
            units=self.units,
            meanings=self.meanings,
        )
        if check_status and status != OK:
            given = ", ".join(f"{k}={v}" for k, v in merged.items())
            where = f"{self.name} ({given})" if given else self.name
            meaning = status_text(status, getattr(self.module, "STATUS_MEANING", None))
            raise KernelError(f"{where}: {meaning} (status {status})", status, result)
        return result

    def check(self, P: np.ndarray) -> None:
        """Check every row of a scenario matrix: finite, in range, compositions, rules.

        Raises
        ------
        ParameterError
            Naming the first offending row and parameter.
        """
        check_matrix(self.params, P, groups=self.composition_groups, rules=self.consistency)

    def run_batch(
        self, P: np.ndarray, *, check: bool = True, serial: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Run many scenarios, one per row of ``P``, through the kernel's ``solve_batch``.

        Parameters
        ----------
        P : numpy.ndarray
            ``(n, n_param)`` SI parameter matrix (e.g. from :meth:`vector` rows).
        check : bool, default True
            Check ranges, finiteness and compositions of every row first.
        serial : bool, default False
            Use the kernel's ``solve_batch_serial`` (one thread, GIL released), as a Dask
            worker does (:mod:`twins.dask_engine`).

        Returns
        -------
        OUT : numpy.ndarray
            ``(n, n_output)`` float64.
        PROF : numpy.ndarray
            ``(n, n_profile, n_cell)`` float64.
        STATUS : numpy.ndarray
            ``(n,)`` int8 status codes; a failed row never affects its neighbours.
        """
        P = np.ascontiguousarray(P, dtype=np.float64)
        if check:
            self.check(P)
        n = P.shape[0]
        OUT = np.full((n, len(self.outputs)), np.nan)
        PROF = np.full((n, len(self.profiles), self.n_cell), np.nan)
        STATUS = np.full(n, NOT_RUN, dtype=np.int8)
        if n == 0:
            return OUT, PROF, STATUS
        batch_name = "solve_batch_serial" if serial else "solve_batch"
        solve_batch = getattr(self.module, batch_name, None)
        solve = getattr(self.module, "solve", None)
        if solve_batch is not None:
            solve_batch(P, OUT, PROF, STATUS)
        elif solve is not None:
            for i in range(n):
                STATUS[i] = solve(P[i], OUT[i], PROF[i])
        else:
            raise KernelError(
                f"{self.module.__name__} defines neither solve() nor solve_batch() yet",
                NOT_RUN,
            )
        return OUT, PROF, STATUS


def available_units() -> list[str]:
    """Names of the kernel modules that are units (define ``PARAMS``)."""
    import kernels

    names = []
    for info in pkgutil.iter_modules(kernels.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"kernels.{info.name}")
        except Exception:  # a module being written may not import; it is not listed
            continue
        if hasattr(module, "PARAMS"):
            names.append(info.name)
    return sorted(names)


def _load(name: str) -> ModuleType:
    target = name if "." in name else f"kernels.{name}"
    try:
        module = importlib.import_module(target)
    except ModuleNotFoundError as err:
        if err.name is None or not (target == err.name or target.startswith(err.name + ".")):
            raise  # the module exists but one of its own imports is missing
        units = ", ".join(available_units()) or "none"
        raise UnknownUnitError(f"unknown unit '{name}'; available units: {units}") from None
    if not hasattr(module, "PARAMS"):
        units = ", ".join(available_units()) or "none"
        raise UnknownUnitError(
            f"'{name}' ({target}) is not a unit: it has no PARAMS table; "
            f"available units: {units}"
        )
    return module
