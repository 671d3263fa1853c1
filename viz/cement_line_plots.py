"""Cement-line study figures: heat, CO2 and free lime against the secondary air, the heat and CO2 split.

A study of :mod:`kernels.cement_line` (the 1-D kiln inside the precalciner line) gets

- ``cement_line_sweep.png`` (:func:`cement_line_sweep_figure`): specific heat
  consumption [GJ/t clinker], free lime [%], CO2 per tonne of clinker (process + fuel)
  and the kiln's share of the fuel heat against the secondary-air temperature the cooler
  delivers; one colour per alternative-fuel share of the kiln burner, one line style per
  O2 enrichment (or whatever else was swept with few levels);
- ``cement_line_balance.png`` (:func:`heat_and_co2_figure`): per scenario, the heat
  split of the line (theoretical heat of the clinker, exhaust gas, dust, cooler exhaust,
  clinker, shells, moisture; MJ/t clinker) and the CO2 split (process, fuel,
  electricity; t/t clinker) as stacked bars, least heat first;
- ``kiln_scene.png``: the 3-D kiln state (:mod:`viz.kiln_scene`) of the scenario with
  the least heat per tonne.

Only scenarios with status OK are drawn. Figures use :class:`matplotlib.figure.Figure`
with the Agg canvas, never pyplot.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from viz.results import StudyResults, levels, read_study
from viz.study_design import MAX_LEVELS, describe_row, format_level
from viz.units import KELVIN_OFFSET, display_unit, quantity_name, to_display

#: Heat split outputs of kernels.cement_line (J/kg clinker) with their legend labels.
HEAT_SPLIT = (
    ("theoretical_heat", "clinker formation (theoretical heat)"),
    ("loss_exhaust_gas", "preheater exhaust gas"),
    ("loss_dust", "exhaust dust"),
    ("loss_cooler_exhaust", "cooler exhaust air"),
    ("loss_clinker", "clinker leaving the cooler"),
    ("loss_kiln_shell", "kiln shell"),
    ("loss_shell", "calciner, preheater and cooler walls"),
    ("loss_moisture", "feed moisture"),
)
#: CO2 split outputs (kg/kg clinker) with their legend labels.
CO2_SPLIT = (
    ("process_co2", "process (carbonates)"),
    ("fuel_co2", "fuel carbon"),
    ("electricity_co2", "electricity (scope 2)"),
)
CO2_COLOURS = ("#c8b48c", "#3a3a3a", "#f0c040")  # limestone, carbon, electricity
#: Swept parameters drawn as colours (first found) and line styles (next), before any other.
PREFERRED_GROUPS = ("kiln_alt_fuel_share", "oxygen_enrichment")
#: What moves the secondary-air temperature (the points along a line), first found.
X_DRIVERS = ("cooler_recuperation", "cooler_air", "tertiary_air_temp_drop", "clinker_out_temp")


def plot_cement_line_study(
    store: str | Path | StudyResults, out_dir: str | Path, *, scene: bool = True, dpi: int = 150
) -> list[Path]:
    """Write ``cement_line_sweep.png``, ``cement_line_balance.png`` and ``kiln_scene.png``.

    Parameters
    ----------
    store : str, Path or StudyResults
        HDF5 results file of a ``cement_line`` study (or what :func:`viz.results.read_study` read).
    out_dir : str or Path
        Directory for the PNG files; created if missing.
    scene : bool, default True
        Also render the 3-D kiln of the scenario with the least heat per tonne.
    dpi : int, default 150

    Returns
    -------
    list of Path
        The files written; a figure whose inputs are missing is skipped with a warning.
    """
    res = store if isinstance(store, StudyResults) else read_study(store)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if len(res) == 0:
        warnings.warn("cement-line study: no scenario with status OK, nothing to plot", stacklevel=2)
        return []
    written: list[Path | None] = []
    for name, build in (("cement_line_sweep.png", cement_line_sweep_figure),
                        ("cement_line_balance.png", heat_and_co2_figure)):
        fig = build(res)
        written.append(_save(fig, out_dir / name, dpi) if fig is not None else None)
    if scene:
        written.append(scene_of_least_heat(res, out_dir / "kiln_scene.png"))
    return [p for p in written if p is not None]


def line_groups(res: StudyResults) -> tuple[str | None, str | None]:
    """(colour, line style) parameters: the preferred ones if swept, else other swept ones.

    The parameter that moves the secondary-air temperature (:data:`X_DRIVERS`) is never a
    group: its levels are the points along each line.
    """
    swept = [n for n in res.swept() if len(levels(res.param(n))) <= MAX_LEVELS]
    driver = next((n for n in X_DRIVERS if n in swept), None)
    ordered = [n for n in PREFERRED_GROUPS if n in swept] + [
        n for n in swept if n not in PREFERRED_GROUPS and n != driver]
    colour, style = (ordered + [None, None])[:2]
    return colour, style


def cement_line_sweep_figure(res: StudyResults) -> Figure | None:
    """GJ/t, free lime, CO2 per tonne and the kiln's fuel share against the secondary-air temperature.

    None (with a warning) when the file lacks the cement-line outputs.
    """
    needed = ("secondary_air_temp", "specific_heat_consumption", "free_lime", "process_co2", "fuel_co2")
    if any(n not in res.outputs for n in needed):
        warnings.warn("cement-line sweep plot skipped: not a cement_line study", stacklevel=2)
        return None
    x = res.outputs["secondary_air_temp"] - KELVIN_OFFSET
    panels = [
        (res.outputs["specific_heat_consumption"] / 1e6, "specific heat consumption [GJ/t clinker]"),
        (100.0 * res.outputs["free_lime"], "free lime in the clinker [%]"),
        (res.outputs["process_co2"] + res.outputs["fuel_co2"], "CO2, process + fuel [t/t clinker]"),
    ]
    if "kiln_fuel_fraction" in res.outputs:
        panels.append((100.0 * res.outputs["kiln_fuel_fraction"], "kiln share of the fuel heat [%]"))
    colour, style = line_groups(res)
    groups = [None] if colour is None else list(levels(res.param(colour)))
    styles = [None] if style is None else list(levels(res.param(style)))
    cmap = colormaps["viridis"]
    colours = ["C0"] if len(groups) == 1 else [cmap(v) for v in np.linspace(0.0, 0.85, len(groups))]
    fig = Figure(figsize=(12.5, 8.2), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 2, sharex=True, squeeze=False)
    for ax, (y, label) in zip(axes.flat, panels, strict=False):
        for gi, gv in enumerate(groups):
            for si, sv in enumerate(styles):
                sel = np.flatnonzero(_match(res, colour, gv) & _match(res, style, sv))
                if sel.size == 0:
                    continue
                order = sel[np.argsort(x[sel])]
                ax.plot(x[order], y[order], color=colours[gi], ls=("-", "--", ":", "-.")[si % 4],
                        marker=("o", "s", "^", "D")[si % 4], ms=5, lw=1.6)
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel("secondary-air temperature [°C]")
    # legend: colours for one parameter, styles for the other
    handles_ax = axes.flat[0]
    for gi, gv in enumerate(groups):
        if colour is not None:
            handles_ax.plot([], [], color=colours[gi], lw=6,
                            label=format_level(colour, res.units.get(colour, ""), gv, short=False))
    for si, sv in enumerate(styles):
        if style is not None:
            handles_ax.plot([], [], color="0.3", ls=("-", "--", ":", "-.")[si % 4],
                            marker=("o", "s", "^", "D")[si % 4], ms=5,
                            label=format_level(style, res.units.get(style, ""), sv, short=False))
    handles, labels = handles_ax.get_legend_handles_labels()
    if labels:
        fig.legend(handles, labels, loc="outside right center", fontsize=9, frameon=False)
    driver = next((n for n in X_DRIVERS if n in res.swept()), None)
    if driver is not None:
        unit = res.units.get(driver, "")
        lo, hi = (to_display(driver, unit, f(res.param(driver))) for f in (np.min, np.max))
        shown = display_unit(driver, unit).unit
        axes.flat[0].set_title(f"points along each line: {quantity_name(driver)} {lo:.3g} … {hi:.3g} {shown}",
                               fontsize=9, loc="left", color="0.3")
    bz = _common(res, "burning_zone_temp")
    fired = (f", kiln fired for {bz - KELVIN_OFFSET:.0f} °C burning zone"
             if bz is not None and _common(res, "kiln_fuel_control") == 1.0 else "")
    fig.suptitle(f"Cement line study: heat, free lime and CO2 against the secondary air "
                 f"({len(res)} of {res.n_total} scenarios solved{fired})", fontsize=12)
    return fig


def heat_and_co2_figure(res: StudyResults) -> Figure | None:
    """Stacked bars per scenario: heat split [MJ/t clinker] and CO2 split [t/t clinker].

    Scenarios are sorted by specific heat consumption, least first (top). The shell bar
    of the kiln is drawn apart from the other walls (``loss_shell`` includes it).
    """
    names = [n for n, _ in HEAT_SPLIT] + [n for n, _ in CO2_SPLIT] + ["specific_heat_consumption"]
    if any(n not in res.outputs for n in names):
        warnings.warn("cement-line balance plot skipped: not a cement_line study", stacklevel=2)
        return None
    order = np.argsort(res.outputs["specific_heat_consumption"])
    n = order.size
    swept = [s for s in res.swept() if len(levels(res.param(s))) <= MAX_LEVELS] or res.swept()
    labels = [describe_row(res, int(i), swept) if swept else f"scenario {res.scenario[i]}" for i in order]
    fig = Figure(figsize=(13.5, 2.8 + 0.3 * n), layout="constrained")
    FigureCanvasAgg(fig)
    ax_h, ax_c = fig.subplots(1, 2, sharey=True, width_ratios=(2.2, 1.0))
    y = np.arange(n)
    left = np.zeros(n)
    cmap = colormaps["tab10"]
    for k, (name, label) in enumerate(HEAT_SPLIT):
        v = res.outputs[name][order] / 1e3
        if name == "loss_shell":  # the kiln shell has its own bar
            v = v - res.outputs["loss_kiln_shell"][order] / 1e3
        ax_h.barh(y, v, left=left, color=cmap(k), height=0.75, label=label)
        left += v
    fuel = res.outputs["specific_heat_consumption"][order] / 1e3
    ax_h.plot(fuel, y, "k|", ms=12, mew=2, label="fuel heat (LHV); the rest is\nsensible heat of the inputs")
    for yi, f in zip(y, fuel, strict=True):
        ax_h.annotate(f"{f / 1e3:.3f} GJ/t", (left[yi], yi), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7.5)
    ax_h.set_xlim(0, 1.12 * left.max())
    ax_h.set_xlabel("heat per tonne of clinker [MJ/t]")
    ax_h.set_yticks(y, labels, fontsize=8)
    ax_h.invert_yaxis()
    ax_h.grid(True, axis="x", alpha=0.3)
    left = np.zeros(n)
    for k, (name, label) in enumerate(CO2_SPLIT):
        v = res.outputs[name][order]
        ax_c.barh(y, v, left=left, color=CO2_COLOURS[k], height=0.75, label=label)
        left += v
    for yi, total in zip(y, left, strict=True):
        ax_c.annotate(f"{total:.3f}", (total, yi), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7.5)
    ax_c.set_xlim(0, 1.18 * left.max())
    ax_c.set_xlabel("CO2 per tonne of clinker [t/t]")
    ax_c.grid(True, axis="x", alpha=0.3)
    handles, names = ax_h.get_legend_handles_labels()
    more, more_names = ax_c.get_legend_handles_labels()
    fig.legend(handles + more, names + [f"CO2: {t}" for t in more_names], loc="outside lower center",
               ncols=4, fontsize=8.5, frameon=False)
    fig.suptitle("Cement line study: where the heat goes and where the CO2 comes from, "
                 "per tonne of clinker (least heat first)", fontsize=12)
    return fig


def scene_of_least_heat(res: StudyResults, path: str | Path) -> Path | None:
    """Render the 3-D kiln of the scenario with the least specific heat consumption."""
    from kernels.kiln import PARAMS
    from viz.kiln_scene import render_kiln_scene  # pyvista is slow to import

    if "specific_heat_consumption" not in res.outputs:
        warnings.warn("kiln scene skipped: not a cement_line study", stacklevel=2)
        return None
    i = int(np.nanargmin(res.outputs["specific_heat_consumption"]))
    title = f"Cement line study, scenario {res.scenario[i]} of {res.n_total} (least heat per tonne)"
    swept = res.swept()
    if swept:
        title += f":  {describe_row(res, i, swept)}"
    params, outputs = kiln_view(res, i, {row.name for row in PARAMS})
    return render_kiln_scene(params, outputs, res.row_profiles(i), path, title=title)


def kiln_view(res: StudyResults, i: int, kiln_names: set[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Kiln parameters and outputs (:mod:`kernels.kiln` names) of cement-line row ``i``.

    The kiln's feed is the hot meal at the calciner exit; its heat input is the kiln
    burner's share; its product is the clinker (per kg of which ``kiln_fuel_heat`` is given).
    """
    p = res.row_params(i)
    o = res.row_outputs(i)
    m_clk = p["clinker_rate"]
    params = {k: v for k, v in p.items() if k in kiln_names}
    params["feed_temp"] = p["calciner_exit_temp"]
    if "kiln_feed_flow" in o:
        params["feed_rate"] = o["kiln_feed_flow"]
    outputs = {
        "bed_exit_temp": o["clinker_discharge_temp"],
        "gas_exit_temp": o["kiln_inlet_gas_temp"],
        "gas_max_temp": o["flame_temp"],
        "shell_max_temp": o["shell_max_temp"],
        "heat_input": o["kiln_fuel_heat"] * m_clk,
        "shell_loss": o["loss_kiln_shell"] * m_clk,
        "specific_heat_consumption": o["kiln_fuel_heat"],
        "residence_time": o["residence_time"],
    }
    return params, outputs


# ------------------------------------------------------------------ helpers


def _save(fig: Figure, path: Path, dpi: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    return path


def _match(res: StudyResults, name: str | None, value) -> np.ndarray:
    if name is None:
        return np.ones(len(res), dtype=bool)
    return np.isclose(res.param(name), value, rtol=1e-9, atol=0.0)


def _common(res: StudyResults, name: str) -> float | None:
    """The value of a parameter every selected row shares, else None."""
    if name not in res.param_names:
        return None
    values = levels(res.param(name))
    return float(values[0]) if len(values) == 1 else None
