"""What a study varied, read back from its parameter table, and what was feasible.

A study file does not need to say how it was designed: a parameter that takes more
than one value was swept. Swept parameters with few levels (a grid axis) become line
groups, subplots or line styles in a plot; parameters with many levels (random or
Sobol designs) are not split on.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viz.results import StudyResults, levels
from viz.units import display_unit, quantity_name, to_display

MAX_LEVELS = 8
"""Most levels a swept parameter may have and still be split on (one line per level)."""

_SHORT = {
    "air_preheat_temp": "air",
    "conv_rows": "conv. rows",
    "shield_rows": "shield rows",
    "excess_air": "excess air",
    "kiln_alt_fuel_share": "AF",
    "oxygen_enrichment": "O2",
    "cooler_recuperation": "recup.",
}


def level_params(res: StudyResults, exclude: Sequence[str] = ()) -> list[str]:
    """Swept parameters with 2..MAX_LEVELS levels, in PARAMS order, minus ``exclude``."""
    return [
        n for n in res.swept()
        if n not in exclude and len(levels(res.param(n))) <= MAX_LEVELS
    ]


def margin_names(res: StudyResults) -> list[str]:
    """Outputs that are limit margins (name ends in ``_margin``; negative = violated)."""
    return [n for n in res.outputs if n.endswith("_margin")]


def feasible(res: StudyResults) -> np.ndarray:
    """True where every ``*_margin`` output is >= 0 (NaN counts as violated)."""
    ok = np.ones(len(res), dtype=bool)
    for name in margin_names(res):
        with np.errstate(invalid="ignore"):
            ok &= res.outputs[name] >= 0.0
    return ok


def best_feasible(res: StudyResults, objective: str = "fuel_flow") -> tuple[int, bool]:
    """Row with the lowest ``objective`` among feasible rows.

    Returns
    -------
    (int, bool)
        Selected row index and whether it is feasible. Without any feasible row, the
        row violating the fewest margins (then lowest objective) is returned.
    """
    value = np.where(np.isfinite(res.outputs[objective]), res.outputs[objective], np.inf)
    ok = feasible(res)
    if ok.any():
        return int(np.flatnonzero(ok)[np.argmin(value[ok])]), True
    violations = np.zeros(len(res))
    for name in margin_names(res):
        with np.errstate(invalid="ignore"):
            violations += ~(res.outputs[name] >= 0.0)
    return int(np.lexsort((value, violations))[0]), False


def format_level(name: str, unit: str, value: float, *, short: bool = True) -> str:
    """A parameter value for a legend or title, in display units (e.g. ``"air 350 °C"``)."""
    d = display_unit(name, unit)
    shown = to_display(name, unit, value)
    text = f"{shown:.3g}" if abs(shown) < 1000 else f"{shown:.0f}"
    label = _SHORT.get(name, quantity_name(name)) if short else quantity_name(name)
    if d.unit in ("", "1"):
        return f"{label} {text}"
    return f"{label} {text} {d.unit}" if d.unit != "%" else f"{label} {text} %"


def describe_row(res: StudyResults, i: int, names: Sequence[str]) -> str:
    """``"excess air 15 %, air 350 °C, ..."`` for parameters ``names`` of row ``i``."""
    return ", ".join(
        format_level(n, res.units.get(n, ""), float(res.param(n)[i])) for n in names
    )


def pareto_front(cost: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Indices of the non-dominated points when minimising ``cost``, maximising ``benefit``.

    Returned in order of increasing cost (and so increasing benefit). NaN rows are never
    on the front.
    """
    cost, benefit = np.asarray(cost, dtype=float), np.asarray(benefit, dtype=float)
    finite = np.flatnonzero(np.isfinite(cost) & np.isfinite(benefit))
    order = finite[np.lexsort((-benefit[finite], cost[finite]))]
    front, best = [], -np.inf
    for i in order:
        if benefit[i] > best:
            front.append(i)
            best = benefit[i]
    return np.array(front, dtype=int)
