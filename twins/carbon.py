"""Carbon accounting of a unit's result: scope 1 by source, scope 2, CO2e, intensities.

Each kernel says in its ``EMISSIONS`` table (:class:`kernels.contract.Emission`) which
outputs are greenhouse-gas flows, of which scope (GHG Protocol Corporate Standard,
WRI/WBCSD 2004: scope 1 direct, scope 2 purchased electricity) and source, and in
``PRODUCT`` what it makes. This module turns one result into an account a plant
manager can check line by line: mass of each gas, its global-warming potential and
where that comes from, CO2e, per year and per tonne of product.

GWP100 values: IPCC AR5 (Myhre et al. 2013, WG1 ch. 8, table 8.A.1) by default — the
values the GHG Protocol and most reporting schemes use for CF4 and C2F6 — or AR6
(Forster et al. 2021, WG1 ch. 7, table 7.SM.7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from rich.markup import escape
from rich.table import Table

from kernels.contract import Emission
from twins.errors import HeattwinError

GWP100 = {
    "AR5": {"CO2": 1.0, "CH4": 28.0, "N2O": 265.0, "CF4": 6630.0, "C2F6": 11100.0},
    "AR6": {"CO2": 1.0, "CH4": 29.8, "N2O": 273.0, "CF4": 7380.0, "C2F6": 12400.0},
}
GWP_SOURCE = {
    "AR5": "IPCC AR5 WG1 (2013) table 8.A.1, 100-yr",
    "AR6": "IPCC AR6 WG1 (2021) table 7.SM.7, 100-yr (CH4 fossil)",
}


class CarbonError(HeattwinError, ValueError):
    """A unit's emission table cannot be applied to its result."""


@dataclass(frozen=True)
class CarbonLine:
    """One gas from one source: mass flow [kg/s], GWP and CO2e flow [kg/s]."""

    scope: int
    source: str
    gas: str
    mass_flow: float
    gwp: float
    basis: str

    @property
    def co2e(self) -> float:
        return self.mass_flow * self.gwp


@dataclass(frozen=True)
class CarbonAccount:
    """Every emission line of one result, with the product flow for intensities."""

    unit: str
    lines: tuple[CarbonLine, ...]
    product: str
    product_flow: float  # kg/s, NaN when the unit declares no product
    gwp_set: str

    @property
    def total_co2e(self) -> float:
        """CO2e flow of every line [kg/s]."""
        return sum(line.co2e for line in self.lines)

    def scope_co2e(self, scope: int) -> float:
        """CO2e flow of one scope [kg/s]."""
        return sum(line.co2e for line in self.lines if line.scope == scope)

    def intensity(self, co2e: float | None = None) -> float:
        """kg CO2e per kg of product (of the total, or of ``co2e`` [kg/s])."""
        return (self.total_co2e if co2e is None else co2e) / self.product_flow

    def to_dict(self) -> dict:
        """Plain, JSON-ready representation (flows in kg/s, intensities in kg/kg)."""
        return {
            "gwp": GWP_SOURCE[self.gwp_set], "product": self.product, "product_flow": self.product_flow,
            "total_co2e": self.total_co2e, "intensity": self.intensity(),
            "lines": [{"scope": x.scope, "source": x.source, "gas": x.gas, "mass_flow": x.mass_flow,
                       "gwp": x.gwp, "co2e": x.co2e, "basis": x.basis} for x in self.lines],
        }

    def table(self, hours_per_year: float = 8400.0, title: str | None = None) -> Table:
        """The account as a rich table: t/h, t/yr and kg per t of product per line."""
        per_year = 3600.0 * hours_per_year / 1000.0
        product = self.product or "product"
        table = Table(title=title or escape(f"carbon account of {self.unit}"))
        for column in ("scope", "source", "gas", "t/h", "GWP100", "t CO2e/yr", f"kg CO2e/t {product}", "basis"):
            table.add_column(escape(column), justify="right" if column in {"t/h", "GWP100", "t CO2e/yr"} or
                             column.startswith("kg") else "left", overflow="fold")
        for line in self.lines:
            table.add_row(str(line.scope), escape(line.source), line.gas, f"{3.6 * line.mass_flow:,.3f}",
                          f"{line.gwp:g}", f"{line.co2e * per_year:,.0f}", f"{1000.0 * self.intensity(line.co2e):,.1f}",
                          escape(line.basis))
        for scope in sorted({line.scope for line in self.lines}):
            co2e = self.scope_co2e(scope)
            table.add_row(str(scope), "scope total", "CO2e", "", "", f"{co2e * per_year:,.0f}",
                          f"{1000.0 * self.intensity(co2e):,.1f}", "", style="bold")
        table.caption = (f"{hours_per_year:g} h/yr; GWP {GWP_SOURCE[self.gwp_set]}; total "
                         f"{self.total_co2e * per_year:,.0f} t CO2e/yr")
        return table


def carbon_account(module: ModuleType, params: Mapping[str, float], outputs: Mapping[str, float],
                   gwp_set: str = "AR5") -> CarbonAccount:
    """The carbon account of one result of ``module`` (a kernel unit module).

    ``params`` and ``outputs`` are SI values by name, as in :class:`twins.unit.Result`.
    Raises :class:`CarbonError` when the unit has no ``EMISSIONS`` table or the table
    names a value the result lacks.
    """
    if gwp_set not in GWP100:
        raise CarbonError(f"gwp_set = {gwp_set!r} is not known; allowed: {', '.join(GWP100)}")
    name = module.__name__.removeprefix("kernels.")
    table: tuple[Emission, ...] = getattr(module, "EMISSIONS", ())
    if not table:
        raise CarbonError(f"unit {name} declares no EMISSIONS table; it reports no greenhouse-gas flows")
    values = {**params, **outputs}
    lines = []
    for e in table:
        if e.gas not in GWP100[gwp_set]:
            raise CarbonError(f"{name}: emission {e.output} is of gas {e.gas!r}, which has no GWP here")
        flow = _value(values, e.output, name)
        if e.per:
            flow *= _value(values, e.per, name)
        lines.append(CarbonLine(e.scope, e.source, e.gas, flow, GWP100[gwp_set][e.gas], e.basis))
    product = getattr(module, "PRODUCT", None)
    product_flow = _value(values, product.flow, name) if product else float("nan")
    return CarbonAccount(name, tuple(lines), product.name if product else "", product_flow, gwp_set)


def _value(values: Mapping[str, float], key: str, unit: str) -> float:
    try:
        return float(values[key])
    except KeyError:
        raise CarbonError(f"{unit}: EMISSIONS/PRODUCT name {key!r} is neither a parameter nor an output") from None
