"""Fuel against tube-metal margin: what each scenario costs and how close it runs."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from viz.results import StudyResults
from viz.study_design import best_feasible, feasible, margin_names, pareto_front
from viz.units import axis_label, quantity_name, to_display

STACK_CMAP = "coolwarm"
"""Colour map of stack temperature (the flue-gas map of the heater scene)."""

_LIMITS = {
    "tube_metal_margin": "peak tube-metal temperature (max.)",
    "bridgewall_margin": "bridgewall temperature (max.)",
    "o2_margin": "O2 in dry flue gas (min.)",
    "stack_temp_margin": "stack temperature (min., acid dew point)",
}


def pareto_fuel_vs_tmt(res: StudyResults, path: str | Path, *, dpi: int = 150) -> Path | None:
    """Scatter fuel flow [kg/h] against tube-metal margin [K] and save it as PNG.

    Points are coloured by stack temperature [°C]. Feasible scenarios (every
    ``*_margin`` output >= 0) are dots; scenarios violating any limit are crosses,
    and a box counts the violations per limit. The Pareto front of the feasible
    scenarios (least fuel, most tube-metal margin) is a step line; the best feasible
    scenario (least fuel) is a star; the dashed line is the tube-metal limit (left out,
    and its distance stated in the legend, when it lies far below every point).

    Parameters
    ----------
    res : StudyResults
        OK scenarios of the study, see :func:`viz.results.read_study`.
    path : str or Path
        PNG to write.
    dpi : int, default 150

    Returns
    -------
    Path or None
        ``path``, or None (with a warning) without ``fuel_flow`` and
        ``tube_metal_margin`` outputs.
    """
    if "fuel_flow" not in res.outputs or "tube_metal_margin" not in res.outputs:
        warnings.warn("Pareto plot skipped: needs fuel_flow and tube_metal_margin outputs",
                      stacklevel=2)
        return None
    fuel = to_display("fuel_flow", "kg/s", res.outputs["fuel_flow"])
    margin = to_display("tube_metal_margin", "K", res.outputs["tube_metal_margin"])
    ok = feasible(res)
    shown = np.isfinite(fuel) & np.isfinite(margin)

    fig = Figure(figsize=(9.0, 6.8), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    colour = {}
    if "stack_temp" in res.outputs and np.isfinite(res.outputs["stack_temp"][shown]).any():
        t_stack = to_display("stack_temp", "K", res.outputs["stack_temp"])
        norm = Normalize(np.nanmin(t_stack[shown]), np.nanmax(t_stack[shown]))
        colour = {"c": t_stack, "cmap": STACK_CMAP, "norm": norm}

    def pick(sel):
        return {k: (v[sel] if k == "c" else v) for k, v in colour.items()} or {"color": "C0"}

    good, bad = shown & ok, shown & ~ok
    mappable = ax.scatter(fuel[good], margin[good], s=38, edgecolors="black",
                          linewidths=0.5, zorder=3, **pick(good))
    bad_pts = ax.scatter(fuel[bad], margin[bad], marker="X", s=70, edgecolors="black",
                         linewidths=0.6, zorder=3, **pick(bad))
    handles = [
        Line2D([], [], ls="none", marker="o", mfc="0.75", mec="black", ms=7,
               label=f"feasible: all margins ≥ 0 ({good.sum()})"),
        Line2D([], [], ls="none", marker="X", mfc="0.75", mec="black", mew=0.6, ms=9,
               label=f"violates a limit: a margin < 0 ({bad.sum()})"),
        *_violation_entries(res),
    ]
    m = margin[shown]
    if m.size and m.min() > 0.25 * max(np.ptp(m), 1.0):
        # the limit is far below the data: say so rather than squash the points
        handles.append(Line2D([], [], ls="none",
                              label=f"tube-metal limit (margin = 0): {m.min():.0f} K "
                                    "below the lowest point"))
    else:
        ax.axhline(0.0, color="0.35", ls="--", lw=1.0, zorder=1)
        handles.append(Line2D([], [], color="0.35", ls="--", lw=1.0,
                              label="tube-metal limit (margin = 0)"))

    idx = np.flatnonzero(good)
    if idx.size:
        front = idx[pareto_front(fuel[idx], margin[idx])]
        ax.step(fuel[front], margin[front], where="post", color="black", lw=1.6, zorder=4)
        handles.append(Line2D([], [], color="black", lw=1.6,
                              label="Pareto front of the feasible scenarios"))
        i, _ = best_feasible(res)
        ax.plot(fuel[i], margin[i], ls="none", marker="*", ms=18, mfc="gold", mec="black",
                zorder=5)
        handles.append(Line2D([], [], ls="none", marker="*", ms=14, mfc="gold", mec="black",
                              label=f"best feasible: {fuel[i]:,.0f} kg/h, "
                                    f"margin {margin[i]:.0f} K"))
    if colour:
        fig.colorbar(mappable if good.any() else bad_pts, ax=ax,
                     label=axis_label("stack_temp", "K"))
    # below the axes: a study can fill the whole plot area with points
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=9,
               frameon=False)
    ax.set_xlabel(axis_label("fuel_flow", "kg/s"))
    ax.set_ylabel(axis_label("tube_metal_margin", "K"))
    ax.grid(True, alpha=0.3)
    ax.set_title(f"Fuel flow vs tube-metal margin  ({good.sum()} feasible of "
                 f"{len(res)} solved scenarios)", fontsize=12)
    path = Path(path)
    fig.savefig(path, dpi=dpi)
    return path


def _violation_entries(res: StudyResults) -> list[Line2D]:
    """Legend lines counting the violating scenarios per limit."""
    entries = []
    for name in margin_names(res):
        with np.errstate(invalid="ignore"):
            n = int(np.sum(res.outputs[name] < 0.0))
        if n:
            what = _LIMITS.get(name, quantity_name(name.removesuffix("_margin")))
            entries.append(Line2D([], [], ls="none", label=f"      {what}: {n}"))
    return entries
