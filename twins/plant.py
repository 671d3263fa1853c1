"""Plant files: a TOML description of a plant run, turned into a checked plant spec.

A plant file names its kind (``kind = "heater_fleet"``), the run (horizon, dispatch
interval, seed, crews, prices) and its units, each from a scenario file plus overrides.
Every number may carry a unit; it is converted once, here, and checked against a range,
so a wrong unit, a NaN or an impossible value is reported with the key, the value and
the allowed range before anything runs. Schedules are inline tables
(``{ time = [...], value = [...], unit = "kg/s" }``, times with their unit) or CSV files
whose header names the unit of each column (``time [day], crude_flow [kg/s]``).

Example (see ``examples/refinery_heater_fleet.toml``)::

    from twins.plant import load_plant
    from plants.heater_fleet import simulate
    run = simulate(load_plant("examples/refinery_heater_fleet.toml"))
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from kernels.contract import Param
from plants.heater_fleet import Coking, FleetSpec, HeaterSpec
from plants.schedules import ScheduleError, StepSchedule
from twins.errors import HeattwinError, ScenarioError
from twins.scenario import Scenario, check_keys, load_toml, require_table, with_context
from twins.unit_csv import read_unit_table
from twins.units import to_si

KINDS = ("heater_fleet",)
DISPATCH = ("equal", "least_fuel")

_PLANT_KEYS = ("kind", "name", "description", "horizon", "dispatch_interval", "decoke_crews", "decoke_margin",
               "seed", "currency", "carbon_price", "fuel_price", "demand", "dispatch")
_HEATER_KEYS = ("name", "scenario", "max_flow", "turndown", "initial_fouling", "decoke_duration", "mtbf", "mttr",
                "coking", "set")
_COKING_KEYS = ("alpha", "activation_energy", "gamma")
_SCHEDULE_KEYS = ("time", "value", "unit", "csv", "column")

# Checked quantities of a plant file: (key, SI unit, low, high, meaning).
_FIELDS = {
    "horizon": Param("horizon", "h", 1.0, 1e-3, 24.0 * 365 * 20, "length of the run"),
    "dispatch_interval": Param("dispatch_interval", "h", 1.0, 1e-3, 24.0 * 31, "longest time between dispatches"),
    "decoke_crews": Param("decoke_crews", "1", 1.0, 1.0, 100.0, "decoking crews (one heater each at a time)"),
    "decoke_margin": Param("decoke_margin", "K", 5.0, 0.0, 300.0, "tube-metal margin that calls a decoke"),
    "carbon_price": Param("carbon_price", "1/kg", 0.0, 0.0, 10.0, "carbon price, currency per kg CO2"),
    "fuel_price": Param("fuel_price", "1/J", 0.0, 0.0, 1e-6, "fuel price, currency per J of LHV"),
    "demand": Param("demand", "kg/s", 0.0, 0.0, 1e4, "crude charge asked of the fleet"),
    "time": Param("time", "h", 0.0, 0.0, 24.0 * 365 * 20, "start time of a schedule period"),
    "max_flow": Param("max_flow", "kg/s", 1.0, 1e-3, 1e4, "largest crude charge of the heater"),
    "turndown": Param("turndown", "1", 0.5, 0.0, 1.0, "least feed as a fraction of max_flow"),
    "initial_fouling": Param("initial_fouling", "m^2*K/W", 0.0, 0.0, 0.05, "inside fouling at the start"),
    "decoke_duration": Param("decoke_duration", "h", 120.0, 0.0, 24.0 * 365, "time to decoke the heater"),
    "mtbf": Param("mtbf", "h", 1e4, 1e-3, 1e9, "mean time between trips (leave out: no trips)"),
    "mttr": Param("mttr", "h", 12.0, 0.0, 24.0 * 365, "mean time to repair a trip"),
    "alpha": Param("alpha", "m^2*K/(W*s)", 0.0, 0.0, 1e3, "coking deposition constant"),
    "activation_energy": Param("activation_energy", "J/mol", 48e3, 1e3, 5e5, "coking activation energy"),
    "gamma": Param("gamma", "m^2*K/(W*s)", 0.0, 0.0, 1e-3, "coking suppression constant"),
}


def load_plant(path: str | Path) -> FleetSpec:
    """Read and check a plant file.

    Raises
    ------
    ScenarioError
        Malformed TOML/CSV, unknown keys, missing tables, bad schedules.
    ParameterError
        A value with the wrong unit, not finite, or out of its range (key, value, range).
    """
    path = Path(path)
    data = load_toml(path)
    where = str(path)
    check_keys(data, ("plant", "heater"), where, "top-level table")
    head = require_table(data, "plant", where)
    check_keys(head, _PLANT_KEYS, where, "key in [plant]")
    kind = head.get("kind")
    if kind not in KINDS:
        raise ScenarioError(f"{where}: [plant] kind = {kind!r} is not known; allowed: {', '.join(KINDS)}")
    heaters = data.get("heater")
    if not isinstance(heaters, list) or not heaters:
        raise ScenarioError(f"{where}: a heater fleet needs at least one [[heater]] table")

    at = f"{where}: [plant] "
    seed = head.get("seed", 0)
    if not isinstance(seed, int) or seed < 0:
        raise ScenarioError(f"{where}: [plant] seed = {seed!r} must be a non-negative integer")
    horizon = _quantity(head, "horizon", at)
    dispatch = head.get("dispatch", "equal")
    if dispatch not in DISPATCH:
        raise ScenarioError(f"{where}: [plant] dispatch = {dispatch!r} is not known; allowed: {', '.join(DISPATCH)}")
    spec = FleetSpec(
        heaters=tuple(_heater(h, path, i) for i, h in enumerate(heaters)),
        demand=_schedule(head, "demand", path),
        fuel_price=_schedule(head, "fuel_price", path),
        carbon_price=_quantity(head, "carbon_price", at, 0.0),
        horizon_hours=horizon,
        dispatch_hours=_quantity(head, "dispatch_interval", at, "1 h"),
        decoke_crews=int(_quantity(head, "decoke_crews", at, 1)),
        decoke_margin=_quantity(head, "decoke_margin", at, "5 K"),
        seed=seed,
        dispatch=dispatch,
    )
    names = [h.name for h in spec.heaters]
    if len(set(names)) != len(names):
        raise ScenarioError(f"{where}: heater names must be unique, got {names}")
    return spec


def plant_name(path: str | Path) -> tuple[str, str, str]:
    """(name, description, currency) of a plant file, for reports."""
    head = load_toml(path).get("plant", {})
    return (str(head.get("name", Path(path).stem)), str(head.get("description", "")),
            str(head.get("currency", "")))


def _heater(table: Any, path: Path, index: int) -> HeaterSpec:
    where = f"{path}: [[heater]] #{index + 1}"
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{where} must be a table")
    check_keys(table, _HEATER_KEYS, where, "key")
    name = str(table.get("name", f"heater-{index + 1}"))
    where = f"{path}: [[heater]] {name}"
    source = table.get("scenario")
    if not isinstance(source, str):
        raise ScenarioError(f'{where}: needs scenario = "<scenario TOML file>"')
    scenario = Scenario.from_toml(path.parent / source)
    if scenario.unit != "heater":
        raise ScenarioError(f"{where}: scenario {source} is a {scenario.unit!r}, a heater fleet needs 'heater'")
    overrides = table.get("set", {})
    if not isinstance(overrides, Mapping):
        raise ScenarioError(f"{where}: [heater.set] must be a table of parameter = value")
    params = with_context(lambda: scenario.with_params(**overrides).vector(), f"{where}: ")
    coking = table.get("coking")
    if not isinstance(coking, Mapping):
        raise ScenarioError(f"{where}: needs coking = {{ alpha = ..., activation_energy = ..., gamma = ... }}")
    check_keys(coking, _COKING_KEYS, where, "key in coking")

    at, at_coking = f"{where}: ", f"{where}: coking: "
    return HeaterSpec(
        name=name,
        params=params,
        max_flow=_quantity(table, "max_flow", at),
        turndown=_quantity(table, "turndown", at, 0.5),
        coking=Coking(_quantity(coking, "alpha", at_coking), _quantity(coking, "activation_energy", at_coking),
                      _quantity(coking, "gamma", at_coking, 0.0)),
        initial_fouling=_quantity(table, "initial_fouling", at, 0.0),
        decoke_hours=_quantity(table, "decoke_duration", at),
        mtbf_hours=_quantity(table, "mtbf", at) if "mtbf" in table else math.inf,
        mttr_hours=_quantity(table, "mttr", at, "12 h"),
    )


def _quantity(table: Mapping[str, Any], key: str, at: str, default: Any = None) -> float:
    """``table[key]`` (or ``default``) in SI, checked against ``_FIELDS[key]``; ``at`` locates it."""
    value = table.get(key, default)
    if value is None:
        raise ScenarioError(f"{at}needs {key}")
    return with_context(lambda: to_si(_FIELDS[key], value), at)


def _schedule(head: Mapping[str, Any], key: str, path: Path) -> StepSchedule:
    where = f"{path}: [plant] {key}"
    spec = head.get(key)
    param = _FIELDS[key]
    if isinstance(spec, (int, float, str)):
        return StepSchedule.constant(key, with_context(lambda: to_si(param, spec), f"{where}: "))
    if not isinstance(spec, Mapping):
        raise ScenarioError(f'{where}: give a value, {{ time = [...], value = [...], unit = "..." }} or '
                            f'{{ csv = "file.csv", column = "..." }}')
    check_keys(spec, _SCHEDULE_KEYS, where, "key")
    if "csv" in spec:
        times, values = _read_csv(path.parent / str(spec["csv"]), spec.get("column"), param, where)
    else:
        times_raw, values_raw = spec.get("time"), spec.get("value")
        if not isinstance(times_raw, list) or not isinstance(values_raw, list):
            raise ScenarioError(f"{where}: needs lists time = [...] and value = [...]")
        unit = spec.get("unit", "")
        times = [with_context(lambda t=t: to_si(_FIELDS["time"], t), f"{where}: time ") for t in times_raw]
        values = [with_context(lambda v=v: to_si(param, f"{v} {unit}" if unit else v), f"{where}: value ")
                  for v in values_raw]
    try:
        return StepSchedule(key, np.array(times), np.array(values))
    except ScheduleError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _read_csv(path: Path, column: Any, param: Param, where: str) -> tuple[list[float], list[float]]:
    """Time and one value column of a CSV whose header gives units as ``name [unit]``."""
    table = read_unit_table(path, where)
    names = table.names
    if names[0] != "time":
        raise ScenarioError(f"{where}: {path} first column must be 'time [unit]', got '{names[0]} [{table.units[0]}]'")
    wanted = column if column is not None else (names[1] if len(names) == 2 else None)
    if wanted not in names[1:]:
        raise ScenarioError(f"{where}: {path} has columns {names[1:]}; say which with column = \"...\"")
    j = names.index(wanted)
    times, values = [], []
    for line, row in enumerate(table.rows, start=2):
        for k, target, field_ in ((0, times, _FIELDS["time"]), (j, values, param)):
            try:
                target.append(to_si(field_, f"{row[k]} {table.units[k]}"))
            except HeattwinError as err:
                raise ScenarioError(f"{where}: {path} line {line}, column '{names[k]}': {err}") from None
    return times, values
