"""API 560 efficiency against excess air, split by whatever else the study varied."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from viz.results import StudyResults, levels
from viz.study_design import feasible, format_level, level_params
from viz.units import axis_label, to_display

MAX_LINE_POINTS = 40
"""Excess air with more levels than this (random designs) is drawn as a scatter."""
_LEGEND_INSIDE = 6  # longer legends go below their axes
_STYLES = ("-", "--", ":", "-.")
_MARKERS = ("o", "s", "^", "D")


def efficiency_vs_excess_air(
    res: StudyResults, path: str | Path, *, dpi: int = 150
) -> Path | None:
    """Plot API 560 efficiency [%] against excess air [%] and save it as PNG.

    Lines are grouped by air-preheat temperature when it was swept (else by the first
    other swept parameter with at most ``MAX_LEVELS`` levels); a next swept parameter
    gives one subplot per level, a further one line styles. Rows that agree in all
    of these but differ in something else are averaged, with their min-max as a band.
    Each legend entry gives the mean stack temperature of its line. If the ``o2_dry``
    output is a function of excess air alone (fixed fuel and humidity), a top axis
    shows O2 in the dry flue gas [%] and excess air below the ``limit_o2_dry``
    parameter is shaded. Scenarios violating any ``*_margin`` are crossed out.

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
        ``path``, or None (with a warning) if the study has no ``efficiency_lhv``
        output or no ``excess_air`` parameter.
    """
    if "efficiency_lhv" not in res.outputs or "excess_air" not in res.param_names:
        warnings.warn("efficiency plot skipped: needs efficiency_lhv and excess_air",
                      stacklevel=2)
        return None
    splits = level_params(res, exclude=("excess_air",))
    if "air_preheat_temp" in splits:
        splits.remove("air_preheat_temp")
        splits.insert(0, "air_preheat_temp")
    group, facet, style = (splits + [None, None, None])[:3]

    x = to_display("excess_air", "1", res.param("excess_air"))
    y = to_display("efficiency_lhv", "1", res.outputs["efficiency_lhv"])
    stack = res.outputs.get("stack_temp")
    violated = ~feasible(res)
    facets = _levels_or_none(res, facet)
    ncols = min(len(facets), 3)
    nrows = -(-len(facets) // ncols)
    n_entries = len(_levels_or_none(res, group)) * len(_levels_or_none(res, style)) + 2
    legend_h = 0.19 * n_entries + 0.3 if n_entries > _LEGEND_INSIDE else 0.0
    fig = Figure(figsize=(5.4 * ncols + 0.6, (4.4 + legend_h) * nrows + 0.9),
                 layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    o2 = _o2_fit(res)

    for ax, fv in zip(axes.flat, facets, strict=False):
        in_facet = _match(res, facet, fv)
        if len(levels(x)) > MAX_LINE_POINTS:
            _scatter(ax, x[in_facet], y[in_facet], stack, in_facet, fig)
        else:
            _lines(ax, res, x, y, stack, in_facet, group, style)
        bad = in_facet & violated
        if bad.any():
            ax.plot(x[bad], y[bad], "x", color="black", ms=7, mew=1.4,
                    label="violates a limit", zorder=5)
        if o2 is not None:
            _o2_axis(ax, res, o2)
        if facet is not None:
            ax.set_title(format_level(facet, res.units.get(facet, ""), fv, short=False),
                         fontsize=11)
        ax.grid(True, alpha=0.3)
        _legend(ax)
    for ax in axes.flat[len(facets):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel(axis_label("excess_air", "1"))
    for ax in axes[:, 0]:
        ax.set_ylabel(axis_label("efficiency_lhv", "1"))
    fig.suptitle(f"Fired-heater efficiency vs excess air  ({len(res)} of {res.n_total} "
                 "scenarios solved)", fontsize=12)
    path = Path(path)
    fig.savefig(path, dpi=dpi)
    return path


def _legend(ax) -> None:
    """Legend inside the axes when short, below them (never over the lines) when long."""
    n = len(ax.get_legend_handles_labels()[1])
    if n <= _LEGEND_INSIDE:
        ax.legend(fontsize=8, loc="best", framealpha=0.9)
    else:
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=1,
                  frameon=False)


def _lines(ax, res, x, y, stack, in_facet, group, style) -> None:
    groups = _levels_or_none(res, group)
    styles = _levels_or_none(res, style)
    cmap = colormaps["plasma"]
    colours = [cmap(v) for v in np.linspace(0.05, 0.75, len(groups))]
    if len(groups) == 1:
        colours = ["C0"]
    for gi, gv in enumerate(groups):
        for si, sv in enumerate(styles):
            sel = in_facet & _match(res, group, gv) & _match(res, style, sv)
            if not sel.any():
                continue
            xs, y_mean, y_lo, y_hi = _aggregate(x[sel], y[sel])
            parts = []
            if group is not None:
                parts.append(_value_text(res, group, gv))
            if style is not None:
                parts.append(format_level(style, res.units.get(style, ""), sv))
            if stack is not None and np.isfinite(stack[sel]).any():
                parts.append(f"mean stack {np.nanmean(stack[sel]) - 273.15:.0f} °C")
            ax.plot(xs, y_mean, color=colours[gi], ls=_STYLES[si % 4],
                    marker=_MARKERS[si % 4], ms=4, lw=1.6, label=", ".join(parts) or None)
            if np.any(y_hi - y_lo > 1e-9):
                ax.fill_between(xs, y_lo, y_hi, color=colours[gi], alpha=0.15, lw=0)


def _scatter(ax, x, y, stack, sel, fig) -> None:
    if stack is None:
        ax.scatter(x, y, s=12, color="C0", label="scenario")
        return
    t = stack[sel] - 273.15
    sc = ax.scatter(x, y, c=t, cmap="coolwarm", s=12, label="scenario")
    fig.colorbar(sc, ax=ax, label=axis_label("stack_temp", "K"))


def _aggregate(x: np.ndarray, y: np.ndarray):
    """Mean, min and max of ``y`` at each distinct ``x`` (NaN ignored), sorted by x."""
    xs = levels(x)
    idx = np.searchsorted(xs, x).clip(0, len(xs) - 1)
    stats = np.full((3, len(xs)), np.nan)
    for k in range(len(xs)):
        v = y[(idx == k) & np.isfinite(y)]
        if v.size:
            stats[:, k] = v.mean(), v.min(), v.max()
    return xs, *stats


def _o2_fit(res: StudyResults) -> tuple[float, float] | None:
    """Fit O2_dry = e / (a0 + a1 e) (exact for a fixed fuel and humidity); None if poor."""
    if "o2_dry" not in res.outputs:
        return None
    e, q = res.param("excess_air"), res.outputs["o2_dry"]
    ok = np.isfinite(e) & np.isfinite(q) & (e > 0) & (q > 0)
    if len(levels(e[ok])) < 2:
        return None
    a = np.column_stack([np.ones(ok.sum()), e[ok]])
    (a0, a1), *_ = np.linalg.lstsq(a, e[ok] / q[ok], rcond=None)
    if np.max(np.abs(e[ok] / (a0 + a1 * e[ok]) - q[ok])) > 1e-3:
        return None  # O2 also depends on something else that was varied
    return float(a0), float(a1)


def _o2_axis(ax, res: StudyResults, fit: tuple[float, float]) -> None:
    a0, a1 = fit

    def ea_to_o2(ea_pct):
        e = np.asarray(ea_pct, dtype=float) / 100.0
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100.0 * e / (a0 + a1 * e)

    def o2_to_ea(o2_pct):
        q = np.asarray(o2_pct, dtype=float) / 100.0
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100.0 * a0 * q / (1.0 - a1 * q)

    top = ax.secondary_xaxis("top", functions=(ea_to_o2, o2_to_ea))
    top.set_xlabel(axis_label("o2_dry", "1"), fontsize=9)
    if "limit_o2_dry" in res.param_names:
        limit = levels(res.param("limit_o2_dry"))
        if limit.size == 1 and limit[0] > 0:
            lo, hi = ax.get_xlim()
            ea_lim = float(o2_to_ea(100.0 * limit[0]))
            if ea_lim > lo:
                ax.axvspan(lo, ea_lim, color="0.88", zorder=0,
                           label=f"O2 below its {100 * limit[0]:.1f} % limit")
                ax.set_xlim(lo, hi)


def _levels_or_none(res: StudyResults, name: str | None) -> list:
    return [None] if name is None else list(levels(res.param(name)))


def _match(res: StudyResults, name: str | None, value) -> np.ndarray:
    if name is None:
        return np.ones(len(res), dtype=bool)
    col = res.param(name)
    return np.isclose(col, value, rtol=1e-9, atol=0.0)


def _value_text(res: StudyResults, name: str, value: float) -> str:
    return format_level(name, res.units.get(name, ""), value)

