"""Optimisation: the best operating point of a unit within limits, every evaluation stored.

.. code-block:: toml

    [study]
    name = "heater_min_fuel"
    base = "heater_crude.toml"

    [optimize]
    objective = "fuel_flow"              # an output of the unit
    sense = "minimize"                   # or "maximize"
    method = "differential_evolution"    # or "slsqp" (local, from the base case)
    polish = true                        # SLSQP from the global optimum (default true)
    seed = 1
    constraints = ["tube_metal_temp_max <= 625 degC", "o2_dry >= 1.5 %"]
    within_limits = true                 # also every *_margin output >= 0 (default true)

    [optimize.variables]                 # decision variables: ranges as in [design]
    excess_air = { low = 0.05, high = 0.40 }
    air_preheat_temp = { low = 15, high = 350, unit = "degC" }
    conv_rows = { low = 6, high = 10, integer = true }

Method. ``differential_evolution`` (Storn & Price, 1997, J. Global Optim. 11, 341–359;
:func:`scipy.optimize.differential_evolution`) searches the box of the variables with
``vectorized=True``: each generation is one call of the kernel's ``solve_batch`` on the
whole population. Constraints are handled by Lampinen's (2002) feasibility rules
(scipy's ``NonlinearConstraint``): a feasible point beats an infeasible one, infeasible
points compare by their total violation. A scenario whose kernel does not return ``OK``
(or gives a non-finite value) is infeasible. Integer variables use scipy's
``integrality``. ``polish`` then runs SLSQP (Kraft, 1988) from that point over the
continuous variables, with central-difference gradients (step 1e-5 of each range)
computed in one batch per gradient. ``slsqp`` alone starts from the base case (integer variables stay there).
The reported optimum is the best feasible scenario evaluated by this run (a
constraint counts as met when its violation is at most ``1e-9`` of its bound's scale).

Storage and interruption. Every scenario evaluated is appended to the HDF5 store (the
DESIGN §5 layout with a growing ``scenario`` dimension, row order = evaluation order;
:class:`twins.store.EvaluationLog`) and the optimum is written to
``/analysis/optimum``. Evaluations are cached by their full SI parameter vector: a
rerun takes every scenario already in the store from the file instead of the kernel.
The optimiser itself keeps no state on disk, so an interrupted run is not resumed
mid-generation; it restarts from the beginning, and because the method is
deterministic for a given seed and the cached values are the very numbers first
computed, it retraces its steps from the cache and only computes what the killed run
had not reached — the result equals that of an uninterrupted run. The store is reused
when the unit, the kernels, the base values of the parameters that are not variables
and the variable names are unchanged;
objective, constraints, bounds and method options may change between runs (the file's
``study_spec`` attribute records the latest).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h5py
import numpy as np
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from scipy.optimize import NonlinearConstraint, differential_evolution, minimize

from twins import store as _store
from twins.axes import Axis
from twins.errors import KernelError, ScenarioError
from twins.params import find_param, unknown_name_message
from twins.ranges import Range, make_range
from twins.report import MARGIN_SUFFIX, ReportSpec, Summary, summarize
from twins.scenario import check_keys, require_table, with_context
from twins.status import status_text
from twins.study import StudyResult, read_study_file
from twins.unit import Result, UnitTwin
from twins.units import convert, fmt, split_quantity, unit_label

SENSES = ("minimize", "maximize")
METHODS = ("differential_evolution", "slsqp")
FEASIBILITY_TOL = 1e-9
_KEYS = (
    "objective", "sense", "method", "polish", "seed", "popsize", "maxiter", "tol",
    "constraints", "within_limits", "variables",
)
_CONSTRAINT = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?P<op><=|>=|<|>|==|=)\s*(?P<value>.+?)\s*$")
_FD_STEP = 1e-5  # central-difference step in unit-box coordinates of each variable


@dataclass(frozen=True)
class Constraint:
    """``output <= bound`` or ``output >= bound`` (bound in the output's SI unit)."""

    output: str
    op: str
    bound: float
    si_unit: str
    display_unit: str

    def violation(self, values: np.ndarray) -> np.ndarray:
        """How far past the bound (SI, positive = violated)."""
        return values - self.bound if self.op == "<=" else self.bound - values

    def scale(self) -> float:
        """Normalisation of the violation for the optimiser: the bound's size, at least
        1 in a dimensional SI unit (1 K, 1 Pa ...) or 0.001 for a fraction."""
        floor = 1e-3 if self.si_unit in ("1", "") else 1.0
        return max(abs(self.bound), floor)

    def show(self, si: float) -> float:
        """An SI value of the output in :attr:`display_unit`."""
        if self.display_unit == self.si_unit:
            return si
        return float(convert(si, self.si_unit, self.display_unit))

    def text(self) -> str:
        """``"tube_metal_temp_max <= 625 degC"``."""
        return f"{self.output} {self.op} {fmt(self.show(self.bound))} {unit_label(self.display_unit)}"


def parse_constraint(text: Any, twin: UnitTwin) -> Constraint:
    """Parse ``"<output> <= <value> [unit]"`` (or ``>=``) against the unit's outputs.

    Raises
    ------
    ScenarioError
        Naming the text, the output and the allowed operators or outputs.
    """
    if not isinstance(text, str):
        raise ScenarioError(
            f'constraint {text!r} must be a string such as "tube_metal_temp_max <= 625 degC"'
        )
    match = _CONSTRAINT.match(text)
    if match is None:
        raise ScenarioError(
            f'constraint "{text}" must read "<output> <= <value> [unit]" or '
            '"<output> >= <value> [unit]"'
        )
    name, op, value = match["name"], match["op"], match["value"]
    if op not in ("<=", ">="):
        raise ScenarioError(f'constraint "{text}": operator "{op}" not allowed; allowed: <=, >=')
    if name not in twin.output_names:
        raise ScenarioError(
            f'constraint "{text}": '
            + unknown_name_message("output", name, twin.output_names, twin.name)
        )
    si_unit = twin.units[name]
    try:
        number, unit = split_quantity(value)
    except ValueError:
        raise ScenarioError(f'constraint "{text}": "{value}" is not a number with a unit') from None
    unit = unit or si_unit
    try:
        bound = float(convert(number, unit, si_unit)) if unit != si_unit else number
    except Exception as err:
        raise ScenarioError(
            f'constraint "{text}": cannot convert "{value}" to {unit_label(si_unit)}, '
            f"the unit of {name} ({type(err).__name__})"
        ) from None
    if not np.isfinite(bound):
        raise ScenarioError(f'constraint "{text}": the bound must be a finite number')
    return Constraint(name, op, bound, si_unit, unit)


@dataclass(frozen=True)
class OptimizeSpec:
    """The ``[optimize]`` table, checked (see the module docstring)."""

    objective: str
    variables: tuple[Range, ...]
    constraints: tuple[Constraint, ...] = ()
    sense: str = "minimize"
    method: str = "differential_evolution"
    polish: bool = True
    within_limits: bool = True
    seed: int = 0
    popsize: int = 15
    maxiter: int = 100
    tol: float = 0.01

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], twin: UnitTwin, where: str = "") -> OptimizeSpec:
        """Build from an ``[optimize]`` table.

        Raises
        ------
        ScenarioError, ParameterError
            Naming the key, the value and the allowed values.
        """
        at = f"{where}: [optimize]" if where else "[optimize]"
        check_keys(data, _KEYS, where or "[optimize]", "key in [optimize]")
        objective = data.get("objective")
        if objective not in twin.output_names:
            if not isinstance(objective, str):
                raise ScenarioError(f'{at} needs objective = "<output>", e.g. "fuel_flow"')
            raise ScenarioError(
                f"{at} objective: "
                + unknown_name_message("output", objective, twin.output_names, twin.name)
            )
        choices = {"sense": (SENSES, "minimize"), "method": (METHODS, "differential_evolution")}
        picked = {}
        for key, (allowed, default) in choices.items():
            value = data.get(key, default)
            if value not in allowed:
                raise ScenarioError(
                    f"{at} {key} = {value!r} is not allowed; allowed: {', '.join(allowed)}"
                )
            picked[key] = value
        flags = {}
        for key in ("polish", "within_limits"):
            value = data.get(key, True)
            if not isinstance(value, bool):
                raise ScenarioError(f"{at} {key} = {value!r} must be true or false")
            flags[key] = value
        ints = {}
        for key, default, low in (("seed", 0, 0), ("popsize", 15, 4), ("maxiter", 100, 1)):
            value = data.get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise ScenarioError(f"{at} {key} = {value!r} must be an integer >= {low}")
            ints[key] = value
        tol = data.get("tol", 0.01)
        if isinstance(tol, bool) or not isinstance(tol, int | float) or not tol > 0:
            raise ScenarioError(f"{at} tol = {tol!r} must be a positive number")
        table = data.get("variables")
        if not isinstance(table, Mapping) or not table:
            raise ScenarioError(
                f"{where + ': ' if where else ''}[optimize.variables] is missing or empty; "
                "give at least one "
                "parameter, e.g. excess_air = { low = 0.05, high = 0.40 }"
            )
        params = twin.params
        variables = tuple(
            with_context(
                lambda k=k, v=v: make_range(params[find_param(params, k, unit=twin.name)], v),
                f"{at} variables: ",
            )
            for k, v in table.items()
        )
        raw = data.get("constraints", [])
        if not isinstance(raw, Sequence) or isinstance(raw, str):
            raise ScenarioError(
                f'{at} constraints must be a list of strings, e.g. ["o2_dry >= 1.5 %"]'
            )
        constraints = tuple(
            with_context(lambda c=c: parse_constraint(c, twin), f"{at} ") for c in raw
        )
        return cls(
            objective=objective, variables=variables, constraints=constraints,
            tol=float(tol), **picked, **flags, **ints,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (stored in the HDF5 study spec)."""
        return {
            "objective": self.objective, "sense": self.sense, "method": self.method,
            "polish": self.polish, "within_limits": self.within_limits, "seed": self.seed,
            "popsize": self.popsize, "maxiter": self.maxiter, "tol": self.tol,
            "variables": [r.to_dict() for r in self.variables],
            "constraints": [c.text() for c in self.constraints],
        }


@dataclass
class Optimum:
    """The outcome of :meth:`Optimization.run`.

    Attributes
    ----------
    result : Result
        The optimal scenario (its full parameter vector, outputs, status).
    objective : float
        Its objective value (SI).
    feasible : bool
        Whether it meets every constraint (else it is the least violating point).
    constraints : list of (Constraint, value, margin)
        Every constraint with its output value and margin (SI; positive = met).
    row : int
        Its row in the store (or in the run's own list of evaluations).
    evaluations : int
        Distinct scenarios the run asked for.
    computed : int
        Of those, how many the kernel computed (the rest came from the store).
    kernel_calls : int
        Calls of ``solve_batch``.
    seconds : float
        Wall time of the run.
    message : str
        What the optimiser said.
    """

    result: Result
    objective: float
    feasible: bool
    constraints: list[tuple[Constraint, float, float]]
    row: int
    evaluations: int
    computed: int
    kernel_calls: int
    seconds: float
    message: str
    variables: tuple[Range, ...] = field(default=())
    store: Path | None = None

    def table(self, title: str = "optimum") -> Table:
        """Decision variables and constraints at the optimum, with margins."""
        table = Table(title=escape(title))
        for col, justify in (("", "left"), ("value", "right"), ("unit", "left"),
                             ("bound", "right"), ("margin", "right")):
            table.add_column(col, justify=justify)
        for r in self.variables:
            value = r.display(self.result.params[r.name])
            table.add_row(
                escape(r.name), fmt(float(value)), escape(unit_label(r.display_unit)),
                escape(r.text()), "",
            )
        for c, value, margin in self.constraints:
            met = margin >= -FEASIBILITY_TOL * c.scale()
            margin = max(margin, 0.0) if met else margin
            shown_margin = abs(c.show(c.bound + margin) - c.show(c.bound))
            table.add_row(
                escape(c.output), fmt(c.show(value)), escape(unit_label(c.display_unit)),
                f"{c.op} {fmt(c.show(c.bound))}", ("" if met else "-") + f"{shown_margin:.4g}",
                style=None if met else "red",
            )
        verdict = "feasible" if self.feasible else "NO FEASIBLE POINT FOUND (least violation shown)"
        table.caption = (
            f"{verdict}; {self.evaluations} scenarios evaluated ({self.computed} computed, "
            f"{self.evaluations - self.computed} from the store) in {self.kernel_calls} "
            f"batch calls, {self.seconds:.1f} s; {self.message}"
        )
        return table


class Optimization:
    """Minimise or maximise one output of a unit over decision variables, subject to
    bounds on other outputs (see the module docstring)."""

    def __init__(
        self,
        twin: UnitTwin | str,
        spec: OptimizeSpec,
        *,
        base: Mapping[str, Any] | None = None,
        name: str = "optimization",
        report: ReportSpec | None = None,
        description: str = "",
        source: Path | None = None,
    ) -> None:
        self.twin = UnitTwin(twin) if isinstance(twin, str) else twin
        self.spec = spec
        self.base: dict[str, Any] = dict(base or {})
        self.base_vector = self.twin.vector(self.base)
        self.name = name
        self.report = report or ReportSpec()
        self.description = description
        self.source = source
        margins = [n for n in self.twin.output_names if n.endswith(MARGIN_SUFFIX)]
        implied = tuple(
            Constraint(m, ">=", 0.0, self.twin.units[m], self.twin.units[m])
            for m in margins if spec.within_limits
        )
        self.constraints: tuple[Constraint, ...] = spec.constraints + implied
        self._cols = [self.twin.param_names.index(r.name) for r in spec.variables]
        self._out = {name: j for j, name in enumerate(self.twin.output_names)}

    @classmethod
    def from_toml(cls, path: str | Path) -> Optimization:
        """Read and check a study file with an ``[optimize]`` table."""
        f = read_study_file(path)
        if "optimize" not in f.data:
            raise ScenarioError(
                f"{f.where}: missing table [optimize]"
                + ("; this file is a sweep or design: run `heattwin sweep` on it"
                   if {"sweep", "design"} & set(f.data) else "")
            )
        for other in ("sweep", "design"):
            if other in f.data:
                raise ScenarioError(
                    f"{f.where}: has both [optimize] and [{other}]; put them in separate files"
                )
        spec = OptimizeSpec.from_dict(require_table(f.data, "optimize", f.where), f.twin, f.where)
        return cls(
            f.twin, spec, base=f.base, name=f.name, report=f.report,
            description=f.description, source=f.path,
        )

    # ----------------------------------------------------------------- spec

    def spec_dict(self) -> dict[str, Any]:
        """JSON-ready description (the store's ``study_spec``)."""
        twin = self.twin
        return {
            "unit": twin.name, "name": self.name, "description": self.description,
            "source": str(self.source) if self.source else "",
            "param_names": twin.param_names, "output_names": twin.output_names,
            "profile_names": twin.profile_names, "n_cell": twin.n_cell,
            "base": dict(zip(twin.param_names, self.base_vector.tolist(), strict=True)),
            "axes": [], "optimize": self.spec.to_dict(),
        }

    def spec_hash(self) -> str:
        """sha256 of what the stored evaluations depend on and share: unit, tables, the
        base values of the parameters that are not variables, and the names of the
        variables (bounds, objective, constraints and method options may change between
        runs on one store)."""
        spec = self.spec_dict()
        names = [r.name for r in self.spec.variables]
        keys = ("unit", "param_names", "output_names", "profile_names", "n_cell")
        core = {k: spec[k] for k in keys} | {
            "kind": "optimization", "variables": names,
            "base": {k: v for k, v in spec["base"].items() if k not in names},
        }
        return hashlib.sha256(json.dumps(core, sort_keys=True).encode()).hexdigest()

    # ----------------------------------------------------------------- running

    def baseline(self) -> Result:
        """The reference case: the base scenario plus ``report.baseline``."""
        return self.twin.run({**self.base, **self.report.baseline}, check_status=True)

    def run(
        self, store: str | Path | None = None, *, overwrite: bool = False, progress: bool = True
    ) -> Optimum:
        """Search for the optimum, storing every evaluated scenario.

        Parameters
        ----------
        store : path, optional
            HDF5 file: evaluations already in it are not computed again.
        overwrite : bool, default False
            Replace an existing store instead of reusing its evaluations.
        progress : bool, default True
            Show the generations of differential evolution (only on a terminal).
        """
        twin = self.twin
        log = None
        if store is not None:
            log = _store.EvaluationLog.open(
                store, unit=twin.name, params=twin.params, outputs=twin.outputs,
                profiles=twin.profiles, n_cell=twin.n_cell, spec=self.spec_dict(),
                spec_hash=self.spec_hash(), kernel_hash=_store.kernel_hash(twin.module),
                overwrite=overwrite,
            )
        ev = _Evaluator(twin, self.base_vector, self._cols, log)
        start = time.perf_counter()
        try:
            with _generations(progress, self.spec.maxiter, self.name) as tick:
                x0, message = self._search(ev, tick)
            if self.spec.polish or self.spec.method == "slsqp":
                message += "; " + self._polish(ev, x0)
        finally:
            if log is not None:
                log.close()
        seconds = time.perf_counter() - start
        optimum = self._pick(ev, message, seconds)
        if store is not None:
            self._write(Path(store), ev, optimum)
            optimum.store = Path(store)
        return optimum

    def summary(self, optimum: Optimum) -> Summary:
        """The what-if table: the optimum against the base case (:mod:`twins.report`)."""
        try:
            base = self.baseline()
        except KernelError as err:
            raise KernelError(f"baseline scenario: {err}", err.status, err.result) from None
        r = optimum.result
        one = StudyResult(
            unit=self.twin.name, name=self.name, param_names=self.twin.param_names,
            params=np.array([[r.params[n] for n in self.twin.param_names]]),
            outputs={k: np.array([v]) for k, v in r.outputs.items()}, profiles={},
            status=np.array([r.status], dtype=np.int8), units=self.twin.units,
            axes=[_axis(v) for v in self.spec.variables],
        )
        summary = summarize(one, base, self.report, top=1)
        summary.rows[0]["scenario"] = f"optimum (row {optimum.row})"
        summary.title = f"{self.name}: the optimum versus the base case"
        return summary

    # ----------------------------------------------------------------- helpers

    def _objective_and_constraints(
        self, OUT: np.ndarray, STATUS: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Signed objective (to minimise) and normalised violations ``(n, m + 1)``;
        the last column is 1 for a failed scenario."""
        sign = 1.0 if self.spec.sense == "minimize" else -1.0
        f = sign * OUT[:, self._out[self.spec.objective]]
        cols = [OUT[:, self._out[c.output]] for c in self.constraints]
        failed = (STATUS != 0) | ~np.isfinite(f)
        for values in cols:
            failed |= ~np.isfinite(values)
        G = np.empty((len(f), len(cols) + 1))
        for k, (c, values) in enumerate(zip(self.constraints, cols, strict=True)):
            G[:, k] = c.violation(values) / c.scale()
        G[failed, :-1] = 1.0
        G[:, -1] = failed.astype(np.float64)
        f = np.where(failed, np.inf, f)
        return f, G

    def _search(self, ev: _Evaluator, tick: Any) -> tuple[np.ndarray, str]:
        spec = self.spec
        variables = spec.variables
        if spec.method == "slsqp":
            x0 = np.array([
                np.clip(self.base_vector[c], r.low, r.high) for c, r in zip(self._cols, variables, strict=True)
            ])
            x0 = np.array([np.round(v) if r.integer else v for v, r in zip(x0, variables, strict=True)])
            return x0, "SLSQP from the base case"

        def objective(x: np.ndarray) -> np.ndarray:
            f, _ = self._objective_and_constraints(*ev.evaluate(np.atleast_2d(x.T)))
            return f if x.ndim == 2 else f[0]

        def constraints(x: np.ndarray) -> np.ndarray:
            _, G = self._objective_and_constraints(*ev.evaluate(np.atleast_2d(x.T)))
            return G.T if x.ndim == 2 else G[0]

        integrality = [r.integer for r in variables]
        res = differential_evolution(
            objective, [(r.low, r.high) for r in variables],
            constraints=NonlinearConstraint(constraints, -np.inf, 0.0),
            vectorized=True, updating="deferred", polish=False, rng=spec.seed,
            popsize=spec.popsize, maxiter=spec.maxiter, tol=spec.tol,
            integrality=integrality if any(integrality) else None, init="latinhypercube",
            callback=lambda intermediate_result: tick(ev),
        )
        return np.asarray(res.x, dtype=np.float64), (
            f"differential evolution: {res.nit} generations, {res.message.rstrip('.')}"
        )

    def _polish(self, ev: _Evaluator, x_start: np.ndarray) -> str:
        variables = self.spec.variables
        cont = [j for j, r in enumerate(variables) if not r.integer]
        if not cont:
            return "no continuous variable to polish"
        low = np.array([variables[j].low for j in cont])
        span = np.array([variables[j].high - variables[j].low for j in cont])
        f0, _ = self._objective_and_constraints(*ev.evaluate(x_start[np.newaxis, :]))
        f_scale = max(abs(float(f0[0])), 1e-12) if np.isfinite(f0[0]) else 1.0

        def point(U: np.ndarray) -> np.ndarray:
            X = np.tile(x_start, (U.shape[0], 1))
            X[:, cont] = low + np.clip(U, 0.0, 1.0) * span
            return X

        def values(U: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            f, G = self._objective_and_constraints(*ev.evaluate(point(U)))
            if not np.isfinite(f).all():
                raise _PolishStopped("a scenario near the optimum failed")
            return f / f_scale, -G[:, :-1]

        def stencil(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """Central differences (one-sided at a bound), every point in one batch."""
            eye = np.eye(len(u))
            ahead = np.minimum(u + _FD_STEP, 1.0)
            behind = np.maximum(u - _FD_STEP, 0.0)
            U = np.vstack([u + eye * (ahead - u), u + eye * (behind - u)])
            f, C = values(U)
            k = len(u)
            width = ahead - behind
            return (f[:k] - f[k:]) / width, (C[:k] - C[k:]) / width[:, np.newaxis], width

        def fun(u: np.ndarray) -> float:
            return float(values(u[np.newaxis, :])[0][0])

        def jac(u: np.ndarray) -> np.ndarray:
            return stencil(u)[0]

        def cfun(u: np.ndarray) -> np.ndarray:
            return values(u[np.newaxis, :])[1][0]

        def cjac(u: np.ndarray) -> np.ndarray:
            return stencil(u)[1].T

        u0 = (x_start[cont] - low) / span
        cons = [{"type": "ineq", "fun": cfun, "jac": cjac}] if self.constraints else []
        try:
            res = minimize(
                fun, u0, jac=jac, method="SLSQP", bounds=[(0.0, 1.0)] * len(cont),
                constraints=cons, options={"maxiter": 200, "ftol": 1e-10},
            )
        except _PolishStopped as err:
            return f"SLSQP polish stopped: {err}"
        return f"SLSQP polish: {res.nit} iterations, {res.message}"

    def _pick(self, ev: _Evaluator, message: str, seconds: float) -> Optimum:
        rows = np.array(sorted(ev.requested), dtype=np.int64)
        OUT, STATUS = ev.OUT[rows], ev.STATUS[rows]
        f, G = self._objective_and_constraints(OUT, STATUS)
        violation = np.clip(G, 0.0, None).sum(axis=1)
        feasible = (G <= FEASIBILITY_TOL).all(axis=1) & np.isfinite(f)
        if feasible.any():
            k = int(np.argmin(np.where(feasible, f, np.inf)))
        else:
            k = int(np.argmin(violation))
        row = int(rows[k])
        p, out, status = ev.P[row], ev.OUT[row], int(ev.STATUS[row])
        twin = self.twin
        result = Result(
            unit=twin.name, params=dict(zip(twin.param_names, p.tolist(), strict=True)),
            outputs=dict(zip(twin.output_names, out.tolist(), strict=True)), profiles={},
            status=status, units=twin.units, meanings=twin.meanings,
        )
        checks = []
        for c in self.constraints:
            value = float(out[self._out[c.output]])
            checks.append((c, value, float(-c.violation(np.array(value)))))
        if not feasible.any() and status != 0:
            message += f"; best point failed: {status_text(status)}"
        return Optimum(
            result=result, objective=float(out[self._out[self.spec.objective]]),
            feasible=bool(feasible[k]), constraints=checks, row=row,
            evaluations=len(rows), computed=ev.computed, kernel_calls=ev.calls,
            seconds=seconds, message=message, variables=self.spec.variables,
        )

    def _write(self, path: Path, ev: _Evaluator, optimum: Optimum) -> None:
        """``/analysis/optimum``: the optimum's row and figures, and a per-row
        feasibility flag under the current constraints."""
        with h5py.File(path, "r+") as h5:
            group = h5.require_group("analysis")
            if "optimum" in group:
                del group["optimum"]
            g = group.create_group("optimum")
            n = h5["scenarios/status"].shape[0]
            f, G = self._objective_and_constraints(ev.OUT[:n], ev.STATUS[:n])
            flag = ((G <= FEASIBILITY_TOL).all(axis=1) & np.isfinite(f)).astype(np.int8)
            ds = g.create_dataset("feasible", data=flag)
            ds.attrs["long_name"] = "1 when the scenario meets every constraint of the latest run"
            ds.attrs["units"] = "1"
            ds.dims[0].attach_scale(h5["scenario"])
            g.attrs["scenario"] = optimum.row
            g.attrs["objective"] = self.spec.objective
            g.attrs["sense"] = self.spec.sense
            g.attrs["objective_value"] = optimum.objective
            g.attrs["objective_units"] = self.twin.units[self.spec.objective]
            g.attrs["feasible"] = int(optimum.feasible)
            g.attrs["constraints"] = json.dumps(
                [{"constraint": c.text(), "value_si": v, "margin_si": m, "units": c.si_unit}
                 for c, v, m in optimum.constraints]
            )
            g.attrs["variables"] = json.dumps(
                {r.name: optimum.result.params[r.name] for r in self.spec.variables}
            )
            g.attrs["evaluations"] = optimum.evaluations
            g.attrs["computed"] = optimum.computed
            g.attrs["seconds"] = optimum.seconds
            g.attrs["message"] = optimum.message


@contextmanager
def _generations(enabled: bool, total: int, name: str) -> Iterator[Any]:
    """A progress bar of generations; yields ``tick(evaluator)``, called once each."""
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("generations, {task.fields[n]} scenarios"), TimeElapsedColumn(),
        console=console, disable=not (enabled and console.is_terminal), transient=False,
    )
    with bar:
        task = bar.add_task(name, total=total, n=0)
        yield lambda ev: bar.update(task, advance=1, n=len(ev.requested))


def read_optimum(path: str | Path) -> dict[str, Any] | None:
    """The attributes of ``/analysis/optimum`` (JSON fields decoded), or None."""
    with h5py.File(path, "r") as h5:
        if "analysis/optimum" not in h5:
            return None
        attrs = {k: _store._plain(v) for k, v in h5["analysis/optimum"].attrs.items()}
    for key in ("constraints", "variables"):
        attrs[key] = json.loads(attrs[key])
    return attrs


class _PolishStopped(Exception):
    """A failed scenario inside the SLSQP polish: keep the best point found so far."""


class _Evaluator:
    """Scenarios by decision vector, cached by the full SI parameter vector, appended
    to the store as they are computed."""

    def __init__(
        self, twin: UnitTwin, base: np.ndarray, cols: list[int],
        log: _store.EvaluationLog | None,
    ) -> None:
        self.twin, self.base, self.cols, self.log = twin, base, cols, log
        n_param, n_out = len(twin.params), len(twin.outputs)
        if log is not None:
            P, OUT, STATUS = log.done()
        else:
            P, OUT, STATUS = (np.zeros((0, n_param)), np.zeros((0, n_out)),
                              np.zeros(0, dtype=np.int8))
        self.P, self.OUT, self.STATUS = P, OUT, STATUS
        self.index = {row.tobytes(): i for i, row in enumerate(P)}
        self.requested: set[int] = set()
        self.computed = 0
        self.calls = 0

    def evaluate(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(OUT, STATUS)`` of the scenarios ``base`` with columns ``cols`` = rows of X."""
        P = np.tile(self.base, (X.shape[0], 1))
        P[:, self.cols] = X
        keys = [row.tobytes() for row in P]
        new: dict[bytes, int] = {}
        for i, key in enumerate(keys):
            if key not in self.index and key not in new:
                new[key] = i
        if new:
            rows = P[list(new.values())]
            OUT, PROF, STATUS = self.twin.run_batch(rows, check=False)
            self.calls += 1
            self.computed += len(rows)
            if self.log is not None:
                self.log.append(rows, OUT, PROF, STATUS)
            start = len(self.STATUS)
            self.P = np.vstack([self.P, rows])
            self.OUT = np.vstack([self.OUT, OUT])
            self.STATUS = np.concatenate([self.STATUS, STATUS])
            for k, key in enumerate(new):
                self.index[key] = start + k
        idx = np.array([self.index[key] for key in keys], dtype=np.int64)
        self.requested.update(idx.tolist())
        return self.OUT[idx], self.STATUS[idx]


def _axis(r: Range) -> Axis:
    return Axis(r.name, np.array([r.low, r.high]), r.si_unit, r.display_unit)
