"""Calibration: fit chosen kernel parameters to plant historian data (DESIGN.md §4).

A calibration file names a base scenario, a historian table (CSV, header ``name [unit]``;
parquet when ``pyarrow`` is installed), the parameters to fit with their bounds, the
historian columns that set kernel parameters row by row (the operating point: feed,
temperatures, excess air ...) and the columns that measure kernel outputs, each with
its measurement standard deviation:

.. code-block:: toml

    [calibrate]
    name = "crude_heater_calibration"
    base = "heater_crude.toml"                  # scenario file, relative to this file
    historian = "data/heater_historian.csv"

    [calibrate.parameters]                      # fitted; bounds inside the kernel range
    fouling_resistance = { low = 0, high = 0.003, unit = "m^2*K/W", drift = "linear" }
    setting_loss = { low = "0.5 %", high = "5 %", initial = "1.5 %" }

    [calibrate.inputs]                          # kernel parameter = historian column
    process_flow = "crude_flow"
    excess_air = { column = "o2_dry", from = "o2_dry" }   # converted (see CONVERSIONS)

    [calibrate.measurements]                    # kernel output = column ± sigma
    fuel_flow = { column = "fuel_flow", sigma = "1 %" }   # relative to the measured value
    stack_temp = { column = "stack_temp", sigma = "3 K" }

The historian needs a time column (``time [h]``, any time unit, or ISO 8601 date-times
as ``time [iso8601]``); ``time_column`` in ``[calibrate]`` names another.
A ``[calibrate.biases]`` table fits the bias of an input instrument (reading = truth +
bias), e.g. ``o2_dry = { low = -1, high = 1, unit = "%" }``: the input used is the
column less the bias (``bias[o2_dry]`` in the results).
A parameter with ``drift = "linear"`` is fitted as two values, at the first and at the
last historian time (``name@start``, ``name@end``), and varies linearly in between —
the way inside fouling grows over a run; both ends lie within the bounds, so every row
does.

The fit is weighted least squares, ``min sum_ij ((model_ij - measured_ij) / sigma_ij)^2``,
by :func:`scipy.optimize.least_squares` (trust-region reflective, with bounds) in
coordinates scaled to the unit box of the bounds. Every evaluation runs all historian
rows in one ``solve_batch`` call; the forward-difference Jacobian puts the rows of every
perturbed parameter into one batch as well. The covariance of the estimates is
``s^2 (J^T J)^-1`` with ``s^2`` the reduced chi-square (the usual estimate when the
sigmas are known only up to a common factor; Press et al., *Numerical Recipes*, 3rd ed.,
2007, §15.4–15.5), propagated to SI units; correlations above
:data:`CORRELATION_WARNING` are reported as an identifiability warning.

Historian rows with a missing value, or on which the kernel fails (a trip with zero
feed, an impossible operating point), are excluded from the fit and reported with
their count and reason; they are never dropped silently. A row that fails only at a
trial point during the fit gets a large residual (:data:`FAILED_ROW_RESIDUAL`), which
the trust region steps back from; one that fails at the fitted values is excluded and
the fit repeated.

Example::

    from twins.calibrate import Calibration, write_store
    cal = Calibration.from_toml("examples/heater_calibration.toml")
    res = cal.fit()
    res.values(), res.errors(), res.reduced_chi2, res.excluded, res.warnings
    write_store(cal, res, "runs/heater_calibration.h5")
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import pint
import scipy.optimize
import scipy.stats
from rich.markup import escape
from rich.table import Table

from kernels import combustion, heater, thermo
from kernels.contract import OK, Param
from twins.errors import ParameterError, ScenarioError
from twins.params import unknown_name_message
from twins.ranges import Range, make_range
from twins.scenario import Scenario, check_keys, load_toml, require_table, with_context
from twins.status import status_text
from twins.store import StudyStore, kernel_hash
from twins.unit import UnitTwin
from twins.unit_csv import UnitTable, read_unit_table
from twins.units import Quantity, convert, fmt, range_text, split_quantity, to_si, unit_label, with_unit

CORRELATION_WARNING = 0.99  # |correlation| above which two estimates are not separable
FD_STEP = 1e-4  # forward-difference step, as a fraction of each parameter's range
FAILED_ROW_RESIDUAL = 1e3  # weighted residual of a row whose kernel fails during the fit
MAX_REFITS = 3  # refits after excluding rows that fail at the fitted parameters

_KEYS = ("name", "description", "base", "historian", "time_column", "parameters", "biases", "inputs",
         "measurements")
_BIAS_KEYS = ("low", "high", "unit", "initial")
_PARAM_KEYS = ("low", "high", "unit", "initial", "drift")
_INPUT_KEYS = ("column", "from")
_MEASUREMENT_KEYS = ("column", "sigma")


def _heater_excess_air_from_o2(o2_dry: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Excess air of every row from its dry-flue O2, fuel gas and humid air
    (:func:`kernels.combustion.excess_air_from_o2_dry`, API 560 Annex G stoichiometry)."""
    x_fuel, x_air = np.zeros(thermo.N_SPECIES), np.zeros(thermo.N_SPECIES)
    out = np.full(len(o2_dry), np.nan)
    for i, (o2, p) in enumerate(zip(o2_dry, P, strict=True)):
        if not (np.isfinite(o2) and np.isfinite(p).all()):
            continue
        x_fuel[:] = 0.0
        for j, k in heater.FUEL_PARAMS:
            x_fuel[k] += p[j]
        x_fuel /= x_fuel.sum()
        combustion.humid_air(p[heater.I_RELATIVE_HUMIDITY], p[heater.I_AMBIENT_TEMP], p[heater.I_PRESSURE], x_air)
        out[i] = combustion.excess_air_from_o2_dry(x_fuel, x_air, o2)
    return out


# Inputs measured as another quantity: (unit, parameter, quantity) -> (SI unit of the
# quantity, function(values, P) -> parameter values). P holds the other inputs already.
CONVERSIONS: dict[tuple[str, str, str], tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]]] = {
    ("heater", "excess_air", "o2_dry"): ("1", _heater_excess_air_from_o2),
}


@dataclass(frozen=True)
class FittedParam:
    """A kernel parameter to fit: its bounds (SI), initial value and whether it drifts."""

    range: Range
    initial: float
    drift: bool = False
    bias_of: str = ""  # a historian input column: the value is that instrument's bias

    @property
    def name(self) -> str:
        return self.range.name

    @property
    def quantities(self) -> list[str]:
        """Names of the fitted numbers: ``name``, or ``name@start`` and ``name@end``."""
        return [f"{self.name}@start", f"{self.name}@end"] if self.drift else [self.name]


@dataclass(frozen=True)
class InputMap:
    """A kernel parameter set row by row from a historian column (maybe converted)."""

    param: str
    column: str
    quantity: str = ""  # measured quantity converted to the parameter ("" = the parameter itself)


@dataclass(frozen=True)
class Measurement:
    """A kernel output measured by a historian column, with its standard deviation."""

    output: str
    unit: str  # SI unit of the output
    column: str
    sigma: float  # absolute in ``unit``, or relative (fraction of the measured value)
    relative: bool
    sigma_text: str  # as written, for reports

    def sigmas(self, measured: np.ndarray) -> np.ndarray:
        """Standard deviation of every measured value, SI."""
        return self.sigma * np.abs(measured) if self.relative else np.full(measured.shape, self.sigma)


@dataclass
class HistorianData:
    """Historian rows turned into kernel parameter rows and measured outputs (SI)."""

    time_s: np.ndarray  # (n,)
    P: np.ndarray  # (n, n_param): base scenario with the inputs of each row
    measured: np.ndarray  # (n, n_meas)
    sigma: np.ndarray  # (n, n_meas)
    exclusion: list[str]  # per row: "" when used, else the reason
    inputs: dict[str, np.ndarray] = field(default_factory=dict)  # raw input columns (SI), by column


@dataclass
class CalibrationResult:
    """Estimates, their uncertainty and the fit quality of one calibration (SI units)."""

    name: str
    unit: str
    quantities: list[str]
    units: list[str]
    display_units: list[str]
    estimate: np.ndarray
    standard_error: np.ndarray
    covariance: np.ndarray
    correlation: np.ndarray
    initial: np.ndarray
    low: np.ndarray
    high: np.ndarray
    at_bound: list[str]
    chi2: float
    dof: int
    measurements: list[Measurement]
    rmse: np.ndarray  # per measurement, SI
    bias: np.ndarray  # mean model - measured, SI
    data: HistorianData
    P: np.ndarray  # fitted parameter rows
    OUT: np.ndarray
    PROF: np.ndarray
    STATUS: np.ndarray
    data_units: list[str] = field(default_factory=list)  # historian units of the measurement columns
    warnings: list[str] = field(default_factory=list)
    nfev: int = 0
    n_kernel_rows: int = 0
    runtime_s: float = 0.0
    message: str = ""

    @property
    def reduced_chi2(self) -> float:
        """chi-square per degree of freedom (about 1 when model and sigmas are right)."""
        return self.chi2 / self.dof

    @property
    def p_value(self) -> float:
        """Probability of a chi-square at least this large if model and sigmas are right."""
        return float(scipy.stats.chi2.sf(self.chi2, self.dof))

    @property
    def used(self) -> np.ndarray:
        """Mask of the historian rows the fit used."""
        return np.array([reason == "" for reason in self.data.exclusion])

    @property
    def excluded(self) -> dict[str, int]:
        """Count of excluded rows by reason."""
        return dict(Counter(r for r in self.data.exclusion if r))

    def values(self) -> dict[str, float]:
        """Estimates by quantity name, SI."""
        return dict(zip(self.quantities, self.estimate.tolist(), strict=True))

    def errors(self) -> dict[str, float]:
        """Standard errors by quantity name, SI."""
        return dict(zip(self.quantities, self.standard_error.tolist(), strict=True))

    def tables(self) -> list[Table]:
        """Rich tables: estimates, correlations, fit quality per measurement."""
        est = Table(title=escape(f"{self.name}: fitted {self.unit} parameters"),
                    caption=escape(f"chi2/dof = {fmt(self.reduced_chi2)} ({fmt(self.chi2)}/{self.dof}), "
                                   f"p = {self.p_value:.3g}; standard errors scaled by chi2/dof"))
        for col in ("parameter", "estimate", "± 1 s.e.", "unit", "initial", "bounds"):
            est.add_column(col, justify="left" if col in ("parameter", "unit") else "right")
        for j, name in enumerate(self.quantities):
            si, shown = self.units[j], self.display_units[j]
            value, low, high, init = (convert(x, si, shown) for x in
                                      (self.estimate[j], self.low[j], self.high[j], self.initial[j]))
            se = self.standard_error[j] * _difference_factor(si, shown)
            flag = " (at bound)" if name in self.at_bound else ""
            est.add_row(escape(name), fmt(value) + flag, fmt(se), escape(unit_label(shown)), fmt(init),
                        f"{fmt(low)} … {fmt(high)}")
        corr = Table(title="correlation of the estimates")
        corr.add_column("")
        for name in self.quantities:
            corr.add_column(escape(name), justify="right")
        for i, name in enumerate(self.quantities):
            corr.add_row(escape(name), *(f"{self.correlation[i, j]:+.3f}" for j in range(len(self.quantities))))
        fit = Table(title=escape(f"fit quality over {int(self.used.sum())} of {len(self.used)} historian rows"))
        for col in ("output", "column", "sigma", "RMSE", "bias", "RMSE/sigma", "unit"):
            fit.add_column(col, justify="left" if col in ("output", "column", "unit") else "right")
        used = self.used
        for k, m in enumerate(self.measurements):
            shown = self.data_units[k]
            factor = _difference_factor(m.unit, shown)
            rms_sigma = float(np.sqrt(np.mean(self.data.sigma[used, k] ** 2)))
            fit.add_row(escape(m.output), escape(m.column), escape(m.sigma_text), fmt(self.rmse[k] * factor),
                        fmt(self.bias[k] * factor), fmt(self.rmse[k] / rms_sigma), escape(unit_label(shown)))
        return [est, corr, fit]


class Calibration:
    """A calibration file: base scenario, historian, fitted parameters, inputs, measurements.

    Use :meth:`from_toml`, then :meth:`fit`; :func:`write_store` saves the result.
    """

    def __init__(self, *, twin: UnitTwin, base: Mapping[str, Any], historian: Path,
                 parameters: list[FittedParam], inputs: list[InputMap], measurements: list[Measurement],
                 name: str = "calibration", description: str = "", time_column: str = "time",
                 source: Path | None = None) -> None:
        self.twin = twin
        self.base = dict(base)
        self.historian = Path(historian)
        self.parameters = parameters
        self.inputs = inputs
        self.measurements = measurements
        self.name = name
        self.description = description
        self.time_column = time_column
        self.source = source
        where = str(source or name)
        fitted = {p.name for p in parameters}
        for inp in inputs:
            if inp.param in fitted:
                raise ScenarioError(f"{where}: {inp.param} is both fitted ([calibrate.parameters]) and set "
                                    f"from the historian ([calibrate.inputs] column '{inp.column}'); choose one")
        self.quantities = [q for p in parameters for q in p.quantities]
        self._flat = [p for p in parameters for _ in p.quantities]  # the parameter of each fitted value

    @classmethod
    def from_toml(cls, path: str | Path) -> Calibration:
        """Read and check a calibration file (see the module docstring).

        Raises
        ------
        ScenarioError
            Malformed file, unknown keys, tables or outputs, a parameter both fitted and
            an input, a conversion that does not exist.
        ParameterError
            A bound or initial value with the wrong unit or outside the kernel's range.
        """
        path = Path(path)
        data = load_toml(path)
        where = str(path)
        check_keys(data, ("calibrate",), where, "top-level table")
        head = require_table(data, "calibrate", where)
        check_keys(head, _KEYS, where, "key in [calibrate]")
        for key in ("base", "historian"):
            if not isinstance(head.get(key), str):
                raise ScenarioError(f'{where}: [calibrate] needs {key} = "<file>"')
        scenario = Scenario.from_toml(path.parent / head["base"])
        twin = scenario.twin()
        params = {p.name: p for p in twin.params}
        base_vector = scenario.vector(twin)

        parameters = []
        for name, spec in require_table(head, "parameters", where + ": [calibrate]").items():
            prefix = f"{where}: [calibrate.parameters] "
            param = _param(params, name, twin.name, prefix)
            value = base_vector[twin.param_names.index(name)]
            parameters.append(with_context(lambda p=param, s=spec, v=value: _fitted(p, s, v), prefix))
        if not parameters:
            raise ScenarioError(f"{where}: [calibrate.parameters] names no parameter to fit")

        inputs = []
        if not isinstance(head.get("inputs", {}), Mapping):
            raise ScenarioError(f"{where}: [calibrate.inputs] must be a table of parameter = column")
        for name, spec in head.get("inputs", {}).items():
            prefix = f"{where}: [calibrate.inputs] "
            _param(params, name, twin.name, prefix)
            inputs.append(_input(twin.name, name, spec, prefix))

        biases = head.get("biases", {})
        if not isinstance(biases, Mapping):
            raise ScenarioError(f"{where}: [calibrate.biases] must be a table of column = {{ low, high, unit }}")
        for column, spec in biases.items():
            prefix = f"{where}: [calibrate.biases] "
            reading = [i for i in inputs if i.column == column]
            if not reading:
                raise ScenarioError(f"{prefix}{column}: no [calibrate.inputs] entry reads this column; "
                                    f"input columns: {', '.join(i.column for i in inputs) or 'none'}")
            inp = reading[0]
            unit = (CONVERSIONS[(twin.name, inp.param, inp.quantity)][0] if inp.quantity
                    else params[inp.param].unit)
            parameters.append(with_context(lambda c=column, u=unit, sp=spec: _bias(c, u, sp), prefix))

        measurements = []
        outputs = {o.name: o for o in twin.outputs}
        for name, spec in require_table(head, "measurements", where + ": [calibrate]").items():
            prefix = f"{where}: [calibrate.measurements] "
            if name not in outputs:
                raise ScenarioError(prefix + unknown_name_message("output", name, outputs, twin.name))
            measurements.append(_measurement(outputs[name].name, outputs[name].unit, spec, prefix))
        if not measurements:
            raise ScenarioError(f"{where}: [calibrate.measurements] names no measured output")
        return cls(
            twin=twin, base=scenario.params, historian=path.parent / head["historian"], parameters=parameters,
            inputs=inputs, measurements=measurements, name=str(head.get("name", path.stem)),
            description=str(head.get("description", "")), time_column=str(head.get("time_column", "time")),
            source=path,
        )

    # ------------------------------------------------------------------ data

    def load_data(self) -> tuple[HistorianData, list[str]]:
        """Historian rows as kernel parameter rows and measured outputs; the column
        units of the measurements (for reports).

        Raises
        ------
        ScenarioError
            Unreadable file, unknown column, a column unit of the wrong dimension.
        """
        where = str(self.source or self.name)
        table = read_unit_table(self.historian, where)
        time_s = table.times(self.time_column, where)
        n = len(time_s)
        P = np.repeat(self.twin.vector(self.base)[np.newaxis, :], n, axis=0)
        names = self.twin.param_names
        reasons: list[list[str]] = [[] for _ in range(n)]
        _missing(reasons, time_s, self.time_column)
        raw = {}
        for inp in self.inputs:
            j = names.index(inp.param)
            unit = CONVERSIONS[(self.twin.name, inp.param, inp.quantity)][0] if inp.quantity else \
                self.twin.params[j].unit
            raw[inp.column] = table.values(inp.column, unit, where)
            _missing(reasons, raw[inp.column], inp.column)
        self._apply_inputs(P, raw, {})
        for inp in self.inputs:
            j = names.index(inp.param)
            param = self.twin.params[j]
            for i in np.flatnonzero((P[:, j] < param.low) | (P[:, j] > param.high)):
                reasons[i].append(f"{param.name} = {with_unit(P[i, j], param.unit)} ('{inp.column}') is outside "
                                  f"{range_text(param)}")
        measured = np.column_stack([table.values(m.column, m.unit, where) for m in self.measurements])
        sigma = np.column_stack([m.sigmas(measured[:, k]) for k, m in enumerate(self.measurements)])
        for k, m in enumerate(self.measurements):
            _missing(reasons, measured[:, k], m.column)
            if m.relative:
                for i in np.flatnonzero(np.isfinite(measured[:, k]) & (sigma[:, k] <= 0.0)):
                    reasons[i].append(f"zero '{m.column}' with a relative sigma")
        exclusion = [r[0] if r else "" for r in reasons]
        data = HistorianData(time_s, P, measured, sigma, exclusion, raw)
        return data, _column_units(table, self.measurements)

    def _apply_inputs(self, P: np.ndarray, raw: Mapping[str, np.ndarray], bias: Mapping[str, float]) -> None:
        """Set the input parameters of ``P`` from the raw columns less their biases
        (plain inputs first: conversions may use them)."""
        names = self.twin.param_names
        for inp in sorted(self.inputs, key=lambda i: bool(i.quantity)):
            values = raw[inp.column] - bias.get(inp.column, 0.0)
            j = names.index(inp.param)
            if inp.quantity:
                P[:, j] = CONVERSIONS[(self.twin.name, inp.param, inp.quantity)][1](values, P)
            else:
                P[:, j] = values

    # ------------------------------------------------------------------ fit

    def rows(self, theta: np.ndarray, data: HistorianData) -> np.ndarray:
        """Parameter rows with the fitted values ``theta`` (SI, drift interpolated in time)."""
        P = data.P.copy()
        names = self.twin.param_names
        t = data.time_s
        finite = np.isfinite(t)
        t0, t1 = (t[finite].min(), t[finite].max()) if finite.any() else (0.0, 1.0)
        frac = (t - t0) / (t1 - t0) if t1 > t0 else np.zeros_like(t)
        k = 0
        bias = {p.bias_of: theta[i] for i, p in enumerate(self._flat) if p.bias_of}
        if bias:
            self._apply_inputs(P, data.inputs, bias)
        for p in self.parameters:
            if p.bias_of:
                k += 1
                continue
            j = names.index(p.name)
            if p.drift:
                P[:, j] = theta[k] + (theta[k + 1] - theta[k]) * frac
                k += 2
            else:
                P[:, j] = theta[k]
                k += 1
        return P

    def fit(self) -> CalibrationResult:
        """Fit the parameters to the historian data; see the module docstring.

        Raises
        ------
        ScenarioError
            Data problems (see :meth:`load_data`) or too few usable rows for the
            number of fitted values.
        """
        start = time.perf_counter()
        data, data_units = self.load_data()
        low = np.array([lim for p in self.parameters for lim in [p.range.low] * len(p.quantities)])
        high = np.array([lim for p in self.parameters for lim in [p.range.high] * len(p.quantities)])
        theta0 = np.array([p.initial for p in self.parameters for _ in p.quantities])
        span = high - low
        problem = _Problem(self, data, low, span)
        u = (theta0 - low) / span
        _, status = problem.evaluate(u[np.newaxis, :])
        problem.exclude(status[0], "at the initial parameters")
        result = None
        for _ in range(MAX_REFITS + 1):
            self._check_dof(problem)
            result = scipy.optimize.least_squares(
                problem.residuals, u, jac=problem.jacobian, bounds=(0.0, 1.0), method="trf", x_scale=1.0,
            )
            u = result.x
            _, status = problem.evaluate(u[np.newaxis, :])
            if not problem.exclude(status[0], "at the fitted parameters"):
                break
        assert result is not None
        r = problem.residuals(u)
        J = problem.jacobian(u)
        chi2 = float(r @ r)
        dof = r.size - u.size
        cov_u, free = _covariance(J, chi2 / dof)
        cov = cov_u * np.outer(span, span)
        se = np.sqrt(np.diag(cov))
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = cov / np.outer(se, se)
        theta = low + u * span
        P = self.rows(theta, data)
        OUT, PROF, STATUS = self.twin.run_batch(P, check=False)
        used = np.array([reason == "" for reason in data.exclusion])
        cols = [self.twin.output_names.index(m.output) for m in self.measurements]
        diff = OUT[used][:, cols] - data.measured[used]
        at_bound = [self.quantities[j] for j in np.flatnonzero(result.active_mask)]
        warnings = _warnings(self.quantities, corr, at_bound, free)
        units = [p.range.si_unit for p in self.parameters for _ in p.quantities]
        shown = [p.range.display_unit for p in self.parameters for _ in p.quantities]
        return CalibrationResult(
            name=self.name, unit=self.twin.name, quantities=self.quantities, units=units, display_units=shown,
            estimate=theta, standard_error=se, covariance=cov, correlation=corr, initial=theta0, low=low,
            high=high, at_bound=at_bound, chi2=chi2, dof=dof, measurements=self.measurements,
            rmse=np.sqrt(np.mean(diff**2, axis=0)), bias=diff.mean(axis=0), data=data, P=P, OUT=OUT, PROF=PROF,
            STATUS=STATUS, warnings=warnings, nfev=problem.n_calls, n_kernel_rows=problem.n_rows,
            runtime_s=time.perf_counter() - start, message=str(result.message), data_units=data_units,
        )

    def _check_dof(self, problem: _Problem) -> None:
        n_used = int(problem.used.sum())
        n_res = n_used * len(self.measurements)
        if n_res <= len(self.quantities):
            excluded = Counter(r for r in problem.data.exclusion if r)
            why = "; ".join(f"{n} rows: {reason}" for reason, n in excluded.items()) or "none excluded"
            raise ScenarioError(
                f"{self.source or self.name}: {n_used} usable historian rows x {len(self.measurements)} "
                f"measurements = {n_res} residuals, too few for {len(self.quantities)} fitted values "
                f"({', '.join(self.quantities)}); excluded: {why}")

    def spec(self) -> dict[str, Any]:
        """JSON-ready description of the calibration (stored in the HDF5 file)."""
        return {
            "kind": "calibration", "name": self.name, "description": self.description,
            "source": str(self.source or ""), "historian": str(self.historian), "unit": self.twin.name,
            "parameters": [p.range.to_dict() | {"initial": p.initial, "drift": p.drift, "bias_of": p.bias_of}
                           for p in self.parameters],
            "inputs": [{"param": i.param, "column": i.column, "from": i.quantity} for i in self.inputs],
            "measurements": [{"output": m.output, "column": m.column, "sigma": m.sigma_text}
                             for m in self.measurements],
        }


class _Problem:
    """Weighted residuals and their batched forward-difference Jacobian in unit-box
    coordinates ``u`` (``theta = low + u * span``)."""

    def __init__(self, cal: Calibration, data: HistorianData, low: np.ndarray, span: np.ndarray) -> None:
        self.cal, self.data, self.low, self.span = cal, data, low, span
        self.cols = [cal.twin.output_names.index(m.output) for m in cal.measurements]
        self.used = np.array([reason == "" for reason in data.exclusion])
        self._cache: tuple[bytes, np.ndarray] | None = None
        self.n_calls = 0
        self.n_rows = 0

    def evaluate(self, U: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Weighted residuals ``(len(U), n_used * n_meas)`` and status ``(len(U), n_used)``
        of the used rows at every point ``U[k]``, in one kernel call."""
        rows = [self.cal.rows(self.low + u * self.span, self.data)[self.used] for u in U]
        P = np.concatenate(rows)
        OUT, _, STATUS = self.cal.twin.run_batch(P, check=False)
        self.n_calls += 1
        self.n_rows += len(P)
        n = int(self.used.sum())
        model = OUT[:, self.cols].reshape(len(U), n, len(self.cols))
        r = (model - self.data.measured[self.used]) / self.data.sigma[self.used]
        status = STATUS.reshape(len(U), n)
        r[status != OK] = FAILED_ROW_RESIDUAL
        return r.reshape(len(U), -1), status

    def exclude(self, status: np.ndarray, when: str) -> bool:
        """Exclude the used rows whose status is not OK; True if any were."""
        bad = status != OK
        if not bad.any():
            return False
        idx = np.flatnonzero(self.used)[bad]
        for i, code in zip(idx, status[bad], strict=True):
            self.data.exclusion[i] = f"kernel status {int(code)} ({status_text(int(code))}) {when}"
        self.used[idx] = False
        self._cache = None
        return True

    def residuals(self, u: np.ndarray) -> np.ndarray:
        r, _ = self.evaluate(u[np.newaxis, :])
        self._cache = (u.tobytes(), r[0])
        return r[0]

    def jacobian(self, u: np.ndarray) -> np.ndarray:
        steps = np.where(u + FD_STEP <= 1.0, FD_STEP, -FD_STEP)
        points = u[np.newaxis, :] + np.diag(steps)
        if self._cache is not None and self._cache[0] == u.tobytes():
            r0 = self._cache[1]
            r = self.evaluate(points)[0]
        else:
            r_all = self.evaluate(np.vstack([u, points]))[0]
            r0, r = r_all[0], r_all[1:]
        return ((r - r0) / steps[:, np.newaxis]).T


def write_store(cal: Calibration, result: CalibrationResult, path: str | Path) -> Path:
    """Save a calibration: the fitted scenario of every historian row in the usual
    ``/scenarios``, ``/outputs``, ``/profiles`` layout, and ``/calibration`` with the
    estimates, covariance, fit quality and the measured columns (xarray-readable with
    ``xarray.open_dataset(path, group="calibration", engine="h5netcdf")``).

    An existing file is replaced (a calibration is one fit, not a resumable study).
    """
    path = Path(path)
    spec = cal.spec()
    spec_hash = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()
    twin = cal.twin
    with StudyStore.open(path, unit=twin.name, params=twin.params, outputs=twin.outputs, profiles=twin.profiles,
                         n_cell=twin.n_cell, P=result.P, spec=spec, spec_hash=spec_hash,
                         kernel_hash=kernel_hash(twin.module), overwrite=True) as store:
        store.write_chunk(0, result.OUT, result.PROF, result.STATUS)
    with h5py.File(path, "r+") as h5:
        _write_calibration(h5, result)
    return path


def read_result(path: str | Path) -> dict[str, Any] | None:
    """The ``/calibration`` group of a file as plain values, or None when there is none."""
    with h5py.File(path, "r") as h5:
        if "calibration" not in h5:
            return None
        g = h5["calibration"]
        out: dict[str, Any] = {k: _plain(v) for k, v in g.attrs.items()}
        for name, ds in g.items():
            out[name] = ds[...]
        out["fitted"] = [_plain(x) for x in g["fitted"][...]]
        return out


# --------------------------------------------------------------------------- helpers


def _param(params: Mapping[str, Param], name: str, unit: str, prefix: str) -> Param:
    if name not in params:
        raise ScenarioError(prefix + unknown_name_message("parameter", name, params, unit))
    return params[name]


def _fitted(param: Param, spec: Any, base_value: float) -> FittedParam:
    if not isinstance(spec, Mapping):
        raise ParameterError(f'{param.name} = {spec!r}: expected {{ low = …, high = …, unit = "…", '
                             'initial = …, drift = "linear" }')
    check_keys(spec, _PARAM_KEYS, param.name, "key")
    drift = spec.get("drift", "none")
    if drift not in ("none", "linear"):
        raise ParameterError(f'{param.name}: drift = {drift!r}; allowed: "none", "linear"')
    rng = make_range(param, {k: v for k, v in spec.items() if k in ("low", "high", "unit")})
    if "initial" in spec:
        value = spec["initial"]
        if "unit" in spec and not isinstance(value, str):
            value = f"{value} {spec['unit']}"
        initial = to_si(param, value)
    else:  # the base scenario's value, moved into the bounds
        initial = float(np.clip(base_value, rng.low, rng.high))
    if not rng.low <= initial <= rng.high:
        raise ParameterError(f"{param.name}: initial = {fmt(initial)} {unit_label(param.unit)} is outside the "
                             f"fit bounds {rng.text()}")
    return FittedParam(rng, initial, drift == "linear")


def _bias(column: str, unit: str, spec: Any) -> FittedParam:
    """A fitted instrument bias of an input column: reading = truth + bias, in ``unit``
    (SI of the input); values convert as differences (a bias of 2 degC is 2 K)."""
    if not isinstance(spec, Mapping) or "low" not in spec or "high" not in spec:
        raise ParameterError(f'{column} = {spec!r}: expected {{ low = …, high = …, unit = "…", initial = … }}')
    check_keys(spec, _BIAS_KEYS, column, "key")
    shown = str(spec.get("unit", unit))

    def value(key: str) -> float:
        given = spec[key]
        try:
            if isinstance(given, str):
                number, given_unit = split_quantity(given)
                return number * _difference_factor(given_unit or unit, unit)
            return float(given) * _difference_factor(shown, unit)
        except (ValueError, TypeError, pint.PintError):
            raise ParameterError(f"{column}: {key} = {given!r} is not a bias in {unit_label(unit)}") from None

    low, high = value("low"), value("high")
    initial = value("initial") if "initial" in spec else min(max(0.0, low), high)
    if not low < high <= np.inf or not low <= initial <= high:
        raise ParameterError(f"{column}: bias bounds low < high with initial between them, got low = {fmt(low)}, "
                             f"high = {fmt(high)}, initial = {fmt(initial)} {unit_label(unit)}")
    affine = float(convert(0.0, unit, shown)) == 0.0  # an offset unit (degC) would show wrong values
    return FittedParam(Range(f"bias[{column}]", low, high, unit, shown if affine else unit), initial, bias_of=column)


def _input(unit: str, name: str, spec: Any, prefix: str) -> InputMap:
    if isinstance(spec, str):
        return InputMap(name, spec)
    if not isinstance(spec, Mapping) or not isinstance(spec.get("column"), str):
        raise ScenarioError(f'{prefix}{name} = {spec!r}: expected "<column>" or {{ column = "<column>", '
                            'from = "<quantity>" }')
    check_keys(spec, _INPUT_KEYS, prefix + name, "key")
    quantity = spec.get("from", "")
    if quantity and (unit, name, quantity) not in CONVERSIONS:
        known = ", ".join(f"{p} from {q}" for u, p, q in CONVERSIONS if u == unit) or "none"
        raise ScenarioError(f"{prefix}{name}: no conversion from '{quantity}' for the {unit}; known: {known}")
    return InputMap(name, spec["column"], quantity)


def _measurement(output: str, unit: str, spec: Any, prefix: str) -> Measurement:
    if not isinstance(spec, Mapping) or not isinstance(spec.get("column"), str) or "sigma" not in spec:
        raise ScenarioError(f'{prefix}{output} = {spec!r}: expected {{ column = "<column>", sigma = "<value> '
                            '<unit>" or "<percent> %" }')
    check_keys(spec, _MEASUREMENT_KEYS, prefix + output, "key")
    text = spec["sigma"]
    relative = isinstance(text, str) and text.strip().endswith("%")
    try:
        if relative:
            sigma = split_quantity(text.strip()[:-1])[0] / 100.0
        elif isinstance(text, str):
            number, sigma_unit = split_quantity(text)
            sigma = number * _difference_factor(sigma_unit or unit, unit)
        else:
            sigma = float(text)
    except (ValueError, TypeError, pint.PintError) as err:
        raise ScenarioError(f"{prefix}{output}: sigma = {text!r} is not a standard deviation in "
                            f"{unit_label(unit)} or a percentage ({type(err).__name__})") from None
    if not (np.isfinite(sigma) and sigma > 0.0):
        raise ScenarioError(f"{prefix}{output}: sigma = {text!r} must be positive")
    return Measurement(output, unit, spec["column"], float(sigma), relative, str(text))


def _difference_factor(from_unit: str, to_unit: str) -> float:
    """Factor that converts a difference (a sigma, an RMSE) between units; offset units
    (degC, degF) convert as differences."""
    f, t = (u if u not in ("1", "") else "dimensionless" for u in (from_unit, to_unit))
    return float((Quantity(1.0, f) - Quantity(0.0, f)).to(t).magnitude)


def _missing(reasons: list[list[str]], values: np.ndarray, column: str) -> None:
    for i in np.flatnonzero(~np.isfinite(values)):
        reasons[i].append(f"missing value in '{column}'")


def _column_units(table: UnitTable, measurements: list[Measurement]) -> list[str]:
    return [table.units[table.names.index(m.column)] or "1" for m in measurements]


def _covariance(J: np.ndarray, reduced_chi2: float) -> tuple[np.ndarray, np.ndarray]:
    """``s^2 (J^T J)^-1`` by SVD, and the mask of the values the data do not determine.

    A direction of singular value below ``1e-10`` of the largest is unconstrained: the
    values that move along it get an infinite variance (NaN covariances); the others
    keep the pseudo-inverse's finite ones.
    """
    _, s, vt = np.linalg.svd(J, full_matrices=False)
    tiny = s <= s[0] * 1e-10
    cov = (vt.T * np.where(tiny, 0.0, 1.0 / np.where(tiny, 1.0, s) ** 2)) @ vt * reduced_chi2
    free = (np.abs(vt[tiny]) > 1e-6).any(axis=0)
    cov[free, :] = np.nan
    cov[:, free] = np.nan
    cov[free, free] = np.inf
    return cov, free


def _warnings(names: list[str], corr: np.ndarray, at_bound: list[str], free: np.ndarray) -> list[str]:
    out = []
    if free.any():
        out.append(f"{', '.join(n for n, f in zip(names, free, strict=True) if f)}: not determined by these "
                   "measurements (the Jacobian is rank deficient: changing it changes no measured output, or "
                   "only together with another fitted value); fix it or measure an output that depends on it")
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if abs(corr[i, j]) > CORRELATION_WARNING:
                out.append(f"{names[i]} and {names[j]} are not identifiable separately from these measurements "
                           f"(correlation {corr[i, j]:+.4f}); fix one of them or measure an output that tells "
                           "them apart")
    for name in at_bound:
        out.append(f"{name} ended at a bound of its range: its standard error assumes a free parameter; "
                   "widen the bounds if the kernel range allows")
    return out


def _write_calibration(h5: h5py.File, res: CalibrationResult) -> None:
    g = h5.create_group("calibration")
    names = np.array(res.quantities, dtype=h5py.string_dtype())
    fitted = g.create_dataset("fitted", data=names)
    fitted.make_scale("fitted")
    fitted2 = g.create_dataset("fitted_2", data=names)
    fitted2.make_scale("fitted_2")
    meas = g.create_dataset("measurement", data=np.array([m.output for m in res.measurements],
                                                           dtype=h5py.string_dtype()))
    meas.make_scale("measurement")
    scenario = h5["scenario"]

    def put(name, data, dims, units=None, long_name=""):
        ds = g.create_dataset(name, data=data)
        for i, scale in enumerate(dims):
            ds.dims[i].attach_scale(scale)
        if units is not None:
            ds.attrs["units"] = units
        ds.attrs["long_name"] = long_name
        return ds

    strings = h5py.string_dtype()
    put("units", np.array(res.units, dtype=strings), (fitted,), long_name="SI unit of each fitted value")
    for key, values, text in (("estimate", res.estimate, "fitted value, SI"),
                              ("standard_error", res.standard_error, "standard error, SI, scaled by chi2/dof"),
                              ("initial", res.initial, "initial value, SI"), ("low", res.low, "lower bound, SI"),
                              ("high", res.high, "upper bound, SI")):
        put(key, values, (fitted,), long_name=text)
    put("covariance", res.covariance, (fitted, fitted2),
        long_name="covariance of the estimates, SI, s^2 (J^T J)^-1 with s^2 = chi2/dof")
    put("correlation", res.correlation, (fitted, fitted2), "1", "correlation of the estimates")
    put("measurement_units", np.array([m.unit for m in res.measurements], dtype=strings), (meas,),
        long_name="SI unit of each measured output")
    put("rmse", res.rmse, (meas,), long_name="root-mean-square model - measured over the used rows, SI")
    put("bias", res.bias, (meas,), long_name="mean model - measured over the used rows, SI")
    put("time", res.data.time_s, (scenario,), "s", "historian time of the row")
    put("used", res.used.astype(np.int8), (scenario,), "1", "1 when the fit used the row")
    put("exclusion", np.array(res.data.exclusion, dtype=strings), (scenario,),
        long_name="why the row was excluded (empty when used)")
    for k, m in enumerate(res.measurements):
        put(f"measured_{m.output}", res.data.measured[:, k], (scenario,), m.unit, f"historian column '{m.column}'")
        put(f"sigma_{m.output}", res.data.sigma[:, k], (scenario,), m.unit,
            f"measurement standard deviation of '{m.column}' ({m.sigma_text})")
    g.attrs["chi2"] = res.chi2
    g.attrs["dof"] = res.dof
    g.attrs["reduced_chi2"] = res.reduced_chi2
    g.attrs["p_value"] = res.p_value
    g.attrs["n_rows"] = len(res.data.exclusion)
    g.attrs["n_used"] = int(res.used.sum())
    g.attrs["excluded"] = json.dumps(res.excluded)
    g.attrs["warnings"] = json.dumps(res.warnings)
    g.attrs["display_units"] = json.dumps(res.display_units)
    g.attrs["data_units"] = json.dumps(res.data_units)
    g.attrs["optimizer"] = f"scipy.optimize.least_squares(method='trf'): {res.message}"
    g.attrs["kernel_calls"] = res.nfev
    g.attrs["kernel_rows"] = res.n_kernel_rows
    g.attrs["runtime_s"] = res.runtime_s


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value
