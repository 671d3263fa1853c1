"""What a plant run did, as tables an engineer reads and as an HDF5 file.

:func:`fleet_table` sums a :class:`~plants.heater_fleet.FleetRun` per heater and for the
fleet (crude, fuel, CO2, money, availability, decokes, trips) and states the crude
closure; :func:`write_fleet` stores the time series under ``/plant`` with the run's
metadata (DESIGN.md section 5).
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from kernels import heater
from plants.heater_fleet import FleetRun
from twins.store import kernel_hash, provenance

TONNE = 1000.0


def fleet_table(run: FleetRun, *, title: str, currency: str) -> Table:
    """Per-heater and fleet totals of a run."""
    hours = run.spec.horizon_hours
    money = f"{currency} M" if currency else "M (currency)"
    table = Table(title=title)
    for column in ("heater", "availability [%]", "crude [kt]", "fuel [t]", "fuel [GJ/t crude]", "CO2 [t]",
                   "decokes", "trips"):
        table.add_column(escape(column), justify="left" if column == "heater" else "right")
    for h in run.heaters:
        table.add_row(h.name, f"{100.0 * h.online_hours / hours:.1f}", f"{h.crude / 1e6:,.0f}",
                      f"{h.fuel / TONNE:,.0f}", f"{h.fired_energy / 1e9 / (h.crude / TONNE):.3f}",
                      f"{h.co2 / TONNE:,.0f}", str(h.decokes), str(h.trips))
    fired = sum(h.fired_energy for h in run.heaters)
    table.add_row("fleet", "", f"{run.delivered / 1e6:,.0f}", f"{run.fuel / TONNE:,.0f}",
                  f"{fired / 1e9 / (run.delivered / TONNE):.3f}", f"{run.co2 / TONNE:,.0f}",
                  str(sum(h.decokes for h in run.heaters)), str(sum(h.trips for h in run.heaters)),
                  style="bold")
    table.caption = (
        f"{hours / 24:.0f} days, {run.spec.dispatch.replace('_', '-')} dispatch; "
        f"crude asked {run.demand / 1e6:,.0f} kt, not taken {run.shortfall / 1e6:,.1f} kt "
        f"({100.0 * run.shortfall / run.demand:.2f} %; closure {run.crude_closure:.1e}); "
        f"fuel {run.fuel_cost / 1e6:,.2f} {money}, CO2 {run.carbon_cost / 1e6:,.2f} {money}"
    )
    return table


def write_fleet(run: FleetRun, path: str | Path, *, name: str, source: str, currency: str) -> None:
    """Write the run's time series and totals to ``path`` (replaced atomically)."""
    totals = {
        "demand_kg": run.demand, "delivered_kg": run.delivered, "shortfall_kg": run.shortfall,
        "fuel_kg": run.fuel, "co2_kg": run.co2, "fuel_cost": run.fuel_cost, "carbon_cost": run.carbon_cost,
        "heaters": [h.__dict__ for h in run.heaters],
    }
    attrs = provenance("heater_fleet", kernel_hash(heater)) | {
        "plant_name": name,
        "plant_source": source,
        "seed": run.spec.seed,
        "dispatch": run.spec.dispatch,
        "currency": currency,
        "totals": json.dumps(totals, default=float),
    }
    run.monitor.write(path, attrs)
