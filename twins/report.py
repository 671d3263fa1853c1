"""The what-if summary: every scenario of a study against its base case.

For each scenario the table shows the swept parameters, the efficiency, the fuel, the
fuel saved, the CO2 saved, any further outputs asked for (``columns``, in a unit of
choice) and the limits it violates: every output named ``*_margin`` that is negative
(``tube_metal_margin < 0`` shows as ``tube_metal``), or the status meaning when the
kernel failed. Scenarios are sorted by fuel saved; the best ``top`` are shown with a
count of the violating ones.

The fuel and CO2 outputs are read in the unit the kernel table gives them:

- **flows** (kg/s, e.g. ``fuel_input``, ``co2_emissions``): fuel in kg/h, fuel saved in
  %, MW of fuel heat and t/yr, CO2 saved in t/yr. "Fuel saved" is the fuel heat (LHV)
  saved when the unit reports one (``duty_output``), else the fuel mass saved: with one
  fuel the two are the same, but a scenario that replaces coal by a lighter alternative
  fuel burns more kilograms for less heat.
- **specific quantities**, per kg of product (a unit ending in ``/kg``: J/kg, kg/kg,
  e.g. the DC energy and CO2e per kg of aluminium): the value per tonne of product
  (kWh/t, kg/t), the saving in % and per tonne, and the yearly saving at the
  scenario's own production (MWh/yr, t/yr) when the kernel names its product flow
  (``PRODUCT`` of :mod:`kernels.contract`).

It is generic: it reads output names only (``fuel_output``, ``co2_output``,
``efficiency_output``, ``duty_output`` and ``columns`` of
:class:`twins.study.ReportSpec`); the defaults are the names every fuel-burning unit
reports (:data:`kernels.contract.FUEL_OUTPUTS`), and a column whose output does not
exist is left out.

Savings are ``baseline - scenario``, so positive numbers are savings; yearly figures
use ``hours_per_year`` of operation (t/yr = kg/s x 3600 s/h x h/yr / 1000 kg/t).
"""

from __future__ import annotations

import importlib
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rich.markup import escape
from rich.table import Table

from kernels.contract import CO2_EMISSIONS, FUEL_HEAT_INPUT, FUEL_INPUT
from twins.errors import ScenarioError
from twins.scenario import check_keys
from twins.status import status_text
from twins.units import convert

if TYPE_CHECKING:
    from twins.study import StudyResult
    from twins.unit import Result

MARGIN_SUFFIX = "_margin"
FLOW, SPECIFIC = "flow", "specific"
#: Display units per tonne of product of the specific quantities, by SI unit.
_PER_TONNE = {"J/kg": ("kWh/t", "MWh/yr", 3.6e9), "kg/kg": ("kg/t", "t/yr", 1.0e3)}
_REPORT_KEYS = (
    "baseline", "hours_per_year", "fuel_output", "co2_output", "efficiency_output",
    "duty_output", "top", "columns",
)


@dataclass(frozen=True)
class ReportSpec:
    """Options of the what-if summary (:mod:`twins.report`).

    Attributes
    ----------
    baseline : dict
        Overrides applied to the base scenario for the reference case.
    hours_per_year : float
        Operating hours used to turn flows into yearly savings.
    fuel_output, co2_output, efficiency_output, duty_output : str
        Names of the kernel outputs for fuel mass flow, CO2 mass flow, efficiency and
        fuel heat input; a column is left out when its output does not exist.
    top : int
        Number of best scenarios shown.
    columns : dict of str to str
        Further outputs shown for every scenario, name -> display unit (``""``: the
        output's own unit), e.g. ``{"specific_heat_consumption": "GJ/t"}``.
    """

    baseline: dict[str, Any] = field(default_factory=dict)
    hours_per_year: float = 8400.0
    fuel_output: str = FUEL_INPUT
    co2_output: str = CO2_EMISSIONS
    efficiency_output: str = "efficiency_lhv"
    duty_output: str = FUEL_HEAT_INPUT
    top: int = 15
    columns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "[report]") -> ReportSpec:
        """Build from a ``[report]`` table, checking keys and types."""
        check_keys(data, _REPORT_KEYS, where, "key in [report]")
        baseline = data.get("baseline", {})
        if not isinstance(baseline, Mapping):
            raise ScenarioError(f"{where}: [report] baseline must be a table of name = value")
        hours = data.get("hours_per_year", 8400.0)
        if not _is_number(hours) or not 0.0 < float(hours) <= 8784.0:
            raise ScenarioError(
                f"{where}: [report] hours_per_year = {hours!r} must be a number in 0 … 8784 h"
            )
        top = data.get("top", 15)
        if not isinstance(top, int) or isinstance(top, bool) or top < 1:
            raise ScenarioError(f"{where}: [report] top = {top!r} must be a positive integer")
        names = {}
        for key in ("fuel_output", "co2_output", "efficiency_output", "duty_output"):
            value = data.get(key, getattr(cls, key))
            if not isinstance(value, str):
                raise ScenarioError(f"{where}: [report] {key} must be an output name (string)")
            names[key] = value
        columns = data.get("columns", {})
        if not isinstance(columns, Mapping) or not all(isinstance(v, str) for v in columns.values()):
            raise ScenarioError(
                f"{where}: [report] columns must be a table of output = \"display unit\", "
                'e.g. { specific_heat_consumption = "GJ/t" }'
            )
        return cls(baseline=dict(baseline), hours_per_year=float(hours), top=top,
                   columns=dict(columns), **names)

    def check_outputs(self, outputs: Mapping[str, str], unit: str, where: str = "[report]") -> None:
        """Raise a clear error when a named output is missing or a unit does not convert.

        ``outputs`` maps the unit's output names to their SI units.
        """
        for key in ("fuel_output", "co2_output"):
            name = getattr(self, key)
            if name not in outputs:
                raise ScenarioError(f"{where}: [report] {key} = '{name}' is not an output of {unit}")
            if quantity_kind(outputs[name]) is None:
                raise ScenarioError(
                    f"{where}: [report] {key} = '{name}' is in {outputs[name]}; the report needs a mass "
                    "flow (kg/s) or a quantity per kg of product (J/kg, kg/kg)"
                )
        for name, shown in self.columns.items():
            if name not in outputs:
                raise ScenarioError(f"{where}: [report] columns: '{name}' is not an output of {unit}")
            try:
                convert(1.0, outputs[name], shown or outputs[name])
            except Exception as exc:  # pint: undefined unit or wrong dimension
                raise ScenarioError(
                    f"{where}: [report] columns: {name} is in {outputs[name]}, "
                    f"cannot be shown in '{shown}' ({exc})"
                ) from None


@dataclass
class Summary:
    """The what-if table as data; :meth:`table` renders it.

    Attributes
    ----------
    columns : list of (key, header)
        Columns present (the optional ones only when their outputs exist).
    baseline : dict
        The base-case row.
    rows : list of dict
        One row per scenario, best fuel saving first; failed scenarios last.
    n_violating : int
        Scenarios that ran but violate at least one limit (negative ``*_margin``).
    n_failed : int
        Scenarios whose kernel did not return ``OK``.
    """

    columns: list[tuple[str, str]]
    baseline: dict[str, Any]
    rows: list[dict[str, Any]]
    n_violating: int
    n_failed: int
    top: int
    title: str = ""

    @property
    def n(self) -> int:
        """Number of scenarios."""
        return len(self.rows)

    def best(self, n: int | None = None) -> list[dict[str, Any]]:
        """The ``n`` (default :attr:`top`) best rows."""
        return self.rows[: self.top if n is None else n]

    def best_feasible(self) -> dict[str, Any] | None:
        """The best row that ran and violates no limit, if any."""
        return next((r for r in self.rows if r["ok"] and not r["violations"]), None)

    def table(self, n: int | None = None) -> Table:
        """A rich table of the baseline and the best ``n`` scenarios."""
        shown = self.best(n)
        table = Table(title=escape(self.title or "what-if summary versus the base case"))
        for key, header in self.columns:
            if key == "issues":
                table.add_column(escape(header), overflow="fold")
            else:
                table.add_column(escape(header), justify="right", no_wrap=True)
        table.add_row(*(_cell(key, self.baseline) for key, _ in self.columns), style="bold")
        for row in shown:
            style = None if row["ok"] and not row["violations"] else "yellow"
            table.add_row(*(_cell(key, row) for key, _ in self.columns), style=style)
        best = self.best_feasible()
        best_text = (
            f"best within limits: scenario {best['scenario']}"
            + (f", fuel saved {best['fuel_saved_pct']:+.2f} %" if "fuel_saved_pct" in best else "")
            if best
            else "no scenario stays within all limits"
        )
        table.caption = (
            f"{self.n} scenarios, showing the best {len(shown)} by fuel saved; "
            f"{self.n_violating} violate a limit, {self.n_failed} failed; {best_text}"
        )
        return table


def summarize(
    result: StudyResult, baseline: Result, report: ReportSpec, *, top: int | None = None
) -> Summary:
    """Build the what-if :class:`Summary` of a study result against its baseline run.

    Parameters
    ----------
    result : StudyResult
        All scenarios of the study.
    baseline : Result
        The base scenario run alone (``Study.baseline()``).
    report : ReportSpec
        Output names and ``hours_per_year``.
    top : int, optional
        Rows shown by :meth:`Summary.table` (default ``report.top``).
    """
    hours = report.hours_per_year
    outputs = result.outputs
    n = result.n
    cols: dict[str, np.ndarray] = {}
    base: dict[str, Any] = {"scenario": "base", "ok": baseline.ok, "violations": []}
    columns: list[tuple[str, str]] = [("scenario", "#")]

    for axis in result.axes:
        key = f"param:{axis.name}"
        columns.append((key, _header(axis.name, axis.display_unit)))
        cols[key] = axis_display(result.param(axis.name), axis.si_unit, axis.display_unit)
        base[key] = axis_display(
            np.array([baseline.params[axis.name]]), axis.si_unit, axis.display_unit
        )[0]

    eff = report.efficiency_output
    if eff in outputs:
        scale = 100.0 if result.units.get(eff, "1") in ("1", "") else 1.0
        columns.append(("efficiency_pct", "efficiency\n[%]" if scale == 100.0 else eff))
        cols["efficiency_pct"] = outputs[eff] * scale
        base["efficiency_pct"] = baseline.outputs[eff] * scale

    fuel, co2 = report.fuel_output, report.co2_output
    product = _product_flows(result, baseline) if any(
        name in outputs and quantity_kind(result.units.get(name, "")) == SPECIFIC for name in (fuel, co2)
    ) else None
    saved = np.full(n, np.nan)  # what the rows are sorted by
    if fuel in outputs and quantity_kind(result.units.get(fuel, "")) == SPECIFIC:
        saved = _specific_columns("fuel", outputs[fuel], baseline.outputs[fuel], result.units[fuel],
                                  product, hours, columns, cols, base)
    elif fuel in outputs:
        duty = report.duty_output if report.duty_output in outputs else None
        f0 = baseline.outputs[fuel]
        columns += [("fuel_kg_h", "fuel\n[kg/h]"), ("fuel_saved_pct", "fuel saved\n[%]")]
        cols["fuel_kg_h"] = outputs[fuel] * 3600.0
        ref, values = (baseline.outputs[duty], outputs[duty]) if duty else (f0, outputs[fuel])
        saved = ref - values
        cols["fuel_saved_pct"] = 100.0 * saved / ref if ref else np.full(n, np.nan)
        base |= {"fuel_kg_h": f0 * 3600.0, "fuel_saved_pct": 0.0}
        if duty:
            columns.append(("fuel_saved_MW", "fuel saved\n[MW]"))
            cols["fuel_saved_MW"] = saved / 1e6
            base["fuel_saved_MW"] = 0.0
        columns.append(("fuel_saved_t_yr", "fuel saved\n[t/yr]"))
        cols["fuel_saved_t_yr"] = (f0 - outputs[fuel]) * 3.6 * hours
        base["fuel_saved_t_yr"] = 0.0
    if co2 in outputs and quantity_kind(result.units.get(co2, "")) == SPECIFIC:
        _specific_columns("co2", outputs[co2], baseline.outputs[co2], result.units[co2], product, hours,
                          columns, cols, base)
    elif co2 in outputs:
        columns.append(("co2_saved_t_yr", "CO2 saved\n[t/yr]"))
        cols["co2_saved_t_yr"] = (baseline.outputs[co2] - outputs[co2]) * 3.6 * hours
        base["co2_saved_t_yr"] = 0.0
    for name, shown in report.columns.items():
        if name not in outputs:
            continue
        si = result.units.get(name, "1")
        unit = shown or si
        key = f"output:{name}"
        columns.append((key, _header(name, unit)))
        cols[key] = axis_display(outputs[name], si, unit)
        base[key] = axis_display(np.array([baseline.outputs[name]]), si, unit)[0]
    columns.append(("issues", "limits violated / status"))

    margins = [name for name in outputs if name.endswith(MARGIN_SUFFIX)]
    base["violations"] = [
        m.removesuffix(MARGIN_SUFFIX) for m in margins if baseline.outputs[m] < 0.0
    ]
    base["issues"] = _issues(baseline.status, base["violations"])

    status = result.status
    rows = []
    for i in range(n):
        ok = bool(status[i] == 0)
        violations = (
            [m.removesuffix(MARGIN_SUFFIX) for m in margins if outputs[m][i] < 0.0] if ok else []
        )
        row = {"scenario": i, "ok": ok, "violations": violations, "fuel_saved": saved[i]}
        row |= {key: float(values[i]) for key, values in cols.items()}
        row["issues"] = _issues(int(status[i]), violations)
        rows.append(row)
    rows.sort(key=_sort_key)
    n_failed = int(np.count_nonzero(status != 0))
    n_violating = sum(1 for r in rows if r["ok"] and r["violations"])
    title = f"{result.name or result.unit}: what-if versus the base case ({hours:g} h/yr)"
    return Summary(
        columns=columns, baseline=base, rows=rows, n_violating=n_violating,
        n_failed=n_failed, top=top or report.top, title=title,
    )


def axis_display(values_si: np.ndarray, si_unit: str, display_unit: str) -> np.ndarray:
    """Swept values converted to the unit the user wrote them in."""
    if display_unit == si_unit:
        return np.asarray(values_si, dtype=np.float64)
    return np.asarray(convert(values_si, si_unit, display_unit), dtype=np.float64)


def quantity_kind(unit: str) -> str | None:
    """``"flow"`` for a mass flow (kg/s), ``"specific"`` for a quantity per kg of product
    (J/kg, kg/kg: a unit ending in ``/kg``), else None."""
    if unit in _PER_TONNE:
        return SPECIFIC
    try:
        convert(1.0, unit, "kg/s")
    except Exception:  # pint: not a mass flow
        return None
    return FLOW


# --------------------------------------------------------------------------- helpers


def _product_flows(result: StudyResult, baseline: Result) -> np.ndarray | None:
    """Product flow of every scenario [kg/s] from the unit's ``PRODUCT``, or None."""
    target = result.unit if "." in result.unit else f"kernels.{result.unit}"
    product = getattr(importlib.import_module(target), "PRODUCT", None)
    if product is None:
        return None
    if product.flow in result.outputs:
        return np.asarray(result.outputs[product.flow], dtype=np.float64)
    if product.flow in result.param_names:
        return np.asarray(result.param(product.flow), dtype=np.float64)
    return None


def _specific_columns(key: str, values: np.ndarray, base_value: float, si_unit: str,
                      product: np.ndarray | None, hours: float, columns: list, cols: dict,
                      base: dict) -> np.ndarray:
    """Columns of a quantity per kg of product: value and saving per tonne, saving in %
    and, with the product flow, per year. Returns the saving per kg (SI)."""
    per_t, per_yr, yr_scale = _PER_TONNE[si_unit]
    label = "CO2" if key == "co2" else key
    saved = base_value - values
    columns += [(f"{key}_per_t", f"{label}\n[{per_t}]"), (f"{key}_saved_pct", f"{label} saved\n[%]"),
                (f"{key}_saved_per_t", f"{label} saved\n[{per_t}]")]
    cols[f"{key}_per_t"] = convert(values, si_unit, per_t)
    cols[f"{key}_saved_pct"] = 100.0 * saved / base_value if base_value else np.full(values.shape, np.nan)
    cols[f"{key}_saved_per_t"] = convert(saved, si_unit, per_t)
    base |= {f"{key}_per_t": float(convert(base_value, si_unit, per_t)), f"{key}_saved_pct": 0.0,
             f"{key}_saved_per_t": 0.0}
    if product is not None:
        columns.append((f"{key}_saved_yr", f"{label} saved\n[{per_yr}]"))
        cols[f"{key}_saved_yr"] = saved * product * 3600.0 * hours / yr_scale
        base[f"{key}_saved_yr"] = 0.0
    return saved



def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _issues(status: int, violations: list[str]) -> str:
    if status != 0:
        return status_text(status)
    return ", ".join(violations)


def _sort_key(row: dict[str, Any]) -> tuple[int, float, int]:
    saved = row["fuel_saved"]
    failed = not row["ok"] or not np.isfinite(saved)
    return (1 if failed else 0, -saved if not failed else 0.0, row["scenario"])


def _header(name: str, unit: str) -> str:
    """Column header: one word of the name per line (narrow columns), then the unit."""
    return "\n".join(name.split("_")) + f"\n[{_label(unit)}]"


def _label(unit: str) -> str:
    if unit in ("", "1", "dimensionless"):
        return "1"
    return {"degC": "°C", "degF": "°F"}.get(unit, unit)


def _cell(key: str, row: dict[str, Any]) -> str:
    value = row.get(key, "")
    if key in ("scenario", "issues"):
        return escape(str(value))
    if not isinstance(value, int | float | np.floating) or not np.isfinite(value):
        return "–"
    if key.startswith(("param:", "output:")):
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.4g}"
    if key == "efficiency_pct":
        return f"{value:.2f}"
    if key in ("fuel_kg_h", "fuel_per_t", "co2_per_t"):
        return f"{value:,.1f}"
    if key in ("fuel_saved_per_t", "co2_saved_per_t"):
        return f"{value:+,.1f}"
    if key in ("fuel_saved_pct", "fuel_saved_MW", "co2_saved_pct"):
        return f"{value:+.2f}"
    return f"{value:+,.0f}"
