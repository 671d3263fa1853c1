"""Rotary-kiln figures: axial profiles, validation against the Barr pilot kiln, study sweeps.

- :func:`plot_kiln_profiles`: gas, bed, inner-wall and shell temperatures along the kiln,
  heat into the bed and through the shell per metre, and the bed composition (every
  ``bed_x_*`` profile, stacked) of one kiln state.
- :func:`plot_validation`: the model's gas, bed and wall temperatures over the
  temperatures measured in a trial of the UBC pilot kiln (Barr 1986; Barr, Brimacombe
  and Watkinson 1989, Metall. Trans. B 20, 391-402; data compiled by Hanein, Glasser
  and Bannerman 2017, shipped in ``examples/data/kiln/barr_T*.json``), with the
  model-minus-measured differences and their RMSE. :func:`viz.barr.barr_trial_params`
  gives the kernel inputs of a trial (the boundary rule of :mod:`viz.barr`).
- :func:`plot_kiln_study`: the figures of a kiln study read from its HDF5 file: key
  outputs against the swept parameters (``kiln_sweep.png``), the bed and gas profiles
  of every scenario (``kiln_profiles.png``) and a 3-D view of one scenario
  (``kiln_scene.png``, :mod:`viz.kiln_scene`).

Values are SI in the kernels and files and shown in display units (°C, %, kg/h, kW/m,
MJ/kg; see :mod:`viz.units`). Figures are drawn on :class:`matplotlib.figure.Figure`
with the Agg canvas, never through pyplot.

Example
-------
>>> from twins import UnitTwin                                    # doctest: +SKIP
>>> from viz.barr import barr_trial_params                        # doctest: +SKIP
>>> from viz.kiln_plots import plot_validation                     # doctest: +SKIP
>>> r = UnitTwin("kiln").run(barr_trial_params("T5"))              # doctest: +SKIP
>>> plot_validation(r.profiles, r.outputs, "T5", "barr_T5.png", params=r.params)  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from viz.barr import load_barr_trial
from viz.results import StudyResults, levels, read_study
from viz.study_design import MAX_LEVELS, describe_row, format_level
from viz.units import KELVIN_OFFSET, axis_label, display_unit, quantity_name, to_display

TEMPERATURE_STYLE = {
    "T_gas": ("gas", "#d62728"),
    "T_bed": ("bed", "#8c510a"),
    "T_wall": ("inner wall", "#6b6f76"),
    "T_shell": ("shell", "#1f77b4"),
}
"""Profile -> (legend name, colour) of the temperature curves."""

MEASURED_STYLE = {
    "gas_T_K": ("gas (10 cm off the wall)", "T_gas", "o", True),
    "bed_T_K": ("bed", "T_bed", "s", True),
    "wall_T_K": ("inner wall", "T_wall", "D", True),
    "gas_off_bed_T_K": ("gas 2.5 cm above the bed (not fitted)", "T_gas", "^", False),
    "shell_T_K": ("shell", "T_shell", "v", True),
}
"""Measured series of a Barr trial file -> (label, model profile, marker, filled)."""

SWEEP_OUTPUTS = (
    "bed_exit_temp",
    "specific_heat_consumption",
    "gas_exit_temp",
    "calcination_degree",
    "free_lime",
    "product_x_cao",
    "gas_exit_o2_dry",
    "heat_to_bed",
    "shell_loss",
)
"""Outputs drawn by :func:`kiln_sweep_figure`, in order of preference: the first four that
are present and depend on more than the x parameter."""

_SPECIES_COLOURS = {
    "h2o": "#6baed6",
    "caco3": "#c6c6c6",
    "mgco3": "#9e9e9e",
    "clay": "#a1d99b",
    "kaolinite": "#a1d99b",
    "cao": "#fdae6b",
    "mgo": "#fdd0a2",
    "sio2": "#d9b877",
    "al2o3": "#dadaeb",
    "fe2o3": "#a63603",
    "c2s": "#74c476",
    "c3s": "#238b45",
    "c3a": "#9e9ac8",
    "c4af": "#8c6d31",
    "melt": "#e6550d",
    "liquid": "#e6550d",
    "minor": "#d9d9a0",
}
_SPECIES_NAMES = {"h2o": "H2O", "caco3": "CaCO3", "cao": "CaO", "sio2": "SiO2", "minor": "minor oxides",
                  "mgco3": "MgCO3", "mgo": "MgO", "al2o3": "Al2O3", "fe2o3": "Fe2O3",
                  "c2s": "C2S (belite)", "c3s": "C3S (alite)", "c3a": "C3A (aluminate)",
                  "c4af": "C4AF (ferrite)"}


# ------------------------------------------------------------------ one kiln state


def kiln_profiles_figure(
    profiles: Mapping[str, np.ndarray],
    outputs: Mapping[str, float] | None = None,
    *,
    params: Mapping[str, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Figure of the axial profiles of one kiln state (see :func:`plot_kiln_profiles`)."""
    outputs = outputs or {}
    params = params or {}
    z = _z(profiles, params)
    comp = _bed_species(profiles)
    constant = ""
    if comp and all(np.ptp(v) < 1e-6 for v in comp.values()):
        constant = "bed " + ", ".join(f"{_species_label(n)} {100 * v[0]:.3g} %" for n, v in comp.items())
        comp = {}
    has_q = any(_finite_profile(profiles, n) is not None for n in ("q_bed", "q_shell"))
    ratios = [3.0] + ([1.4] if has_q else []) + ([1.6] if comp else [])
    fig = Figure(figsize=(10.5, 3.2 + 2.0 * (len(ratios) - 1) + 1.0), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(ratios), 1, sharex=True, gridspec_kw={"height_ratios": ratios},
                        squeeze=False)[:, 0]
    ax = axes[0]
    for name, (label, colour) in TEMPERATURE_STYLE.items():
        values = _finite_profile(profiles, name)
        if values is None:
            continue
        zz, tt = _with_ends(name, z, values, outputs, params)
        ax.plot(zz, tt - KELVIN_OFFSET, color=colour, lw=2.0, label=label)
    ax.set_ylabel("temperature [°C]")
    ax.legend(loc="upper left", fontsize=9, framealpha=0.9)
    _time_axis(ax, z, profiles, _length(z, params))
    if has_q:
        axq = axes[1]
        for name, label, colour in (("q_bed", "heat into the bed", "#8c510a"),
                                    ("q_shell", "shell loss", "#1f77b4")):
            values = _finite_profile(profiles, name)
            if values is not None:
                axq.plot(z, to_display(name, "W/m", values), color=colour, lw=1.8, label=label)
        axq.set_ylabel("heat flow [kW/m]")
        axq.legend(loc="upper left", fontsize=9, framealpha=0.9)
        axq.axhline(0.0, color="0.6", lw=0.8)
    if comp:
        axc = axes[-1]
        names = list(comp)
        stack = np.vstack([100.0 * comp[n] for n in names])
        colours = [_species_colour(n, i) for i, n in enumerate(names)]
        axc.stackplot(z, stack, labels=[_species_label(n) for n in names], colors=colours,
                      edgecolor="white", linewidth=0.3)
        axc.set_ylim(0.0, 100.0)
        axc.set_ylabel("bed composition\n[mass %]")
        axc.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False,
                   reverse=True)
    for a in axes:
        a.grid(True, alpha=0.3)
        a.set_xlim(0.0, _length(z, params))
    axes[-1].set_xlabel(f"{quantity_name('z')} [m]")
    _kiln_ends(axes[-1], z, params)
    fig.suptitle(title or "Rotary kiln: axial profiles", fontsize=12)
    subtitle = _profile_subtitle(outputs, constant)
    if subtitle:
        axes[0].set_title(subtitle, fontsize=9, loc="left")
    return fig


def plot_kiln_profiles(
    profiles: Mapping[str, np.ndarray],
    outputs: Mapping[str, float] | None,
    path: str | Path,
    *,
    params: Mapping[str, float] | None = None,
    title: str | None = None,
    dpi: int = 150,
) -> Path:
    """Plot the axial profiles of one kiln state and save them as PNG.

    Parameters
    ----------
    profiles : mapping of str to ndarray of shape (n_cell,)
        Kiln profiles in SI (``kernels.kiln.PROFILES``): ``z`` [m] (cell centres from
        the feed end), ``T_gas``, ``T_bed``, ``T_wall``, ``T_shell`` [K], optional
        ``q_bed``, ``q_shell`` [W/m], ``bed_time`` [s] and every ``bed_x_*`` [1] mass
        fraction. Missing ones are left out.
    outputs : mapping of str to float, optional
        Scalar outputs in SI; ``gas_exit_temp`` and ``bed_exit_temp`` extend the gas and
        bed curves to the kiln ends, others appear in the subtitle.
    path : str or Path
        PNG to write.
    params : mapping of str to float, optional
        Kiln parameters in SI; ``length`` and ``feed_temp`` are used when given.
    title : str, optional
    dpi : int, default 150

    Returns
    -------
    Path
    """
    fig = kiln_profiles_figure(profiles, outputs, params=params, title=title)
    return _save(fig, path, dpi)


# ------------------------------------------------------------------ validation


def validation_errors(
    profiles: Mapping[str, np.ndarray],
    outputs: Mapping[str, float],
    trial: str | Path | Mapping[str, Any],
    *,
    params: Mapping[str, float] | None = None,
) -> dict[str, dict[str, np.ndarray | float]]:
    """Model minus measured temperature at every measured point of a Barr trial [K].

    The model curve is interpolated linearly between cell centres and, for gas and bed,
    the values at the kiln ends (gas exit at z = 0; feed temperature at z = 0 and bed
    exit at z = L), as in ``tests/kernels/test_kiln.py``.

    Returns
    -------
    dict
        Per measured series (``"bed_T_K"``, ``"gas_T_K"``, ...) with data: ``z`` [m],
        ``measured`` and ``model`` [K], ``error`` [K] and ``rmse`` [K].
    """
    data = load_barr_trial(trial)
    params = {"length": data["geometry"]["length_m"], "feed_temp": 293.15, **(params or {})}
    z = _z(profiles, params)
    result: dict[str, dict[str, np.ndarray | float]] = {}
    for key, (_, profile, _, _) in MEASURED_STYLE.items():
        points = np.asarray(data["measured"].get(key) or [], dtype=float).reshape(-1, 2)
        values = _finite_profile(profiles, profile)
        if points.size == 0 or values is None:
            continue
        zz, tt = _with_ends(profile, z, values, outputs, params)
        model = np.interp(points[:, 0], zz, tt)
        error = model - points[:, 1]
        result[key] = {"z": points[:, 0], "measured": points[:, 1], "model": model,
                       "error": error, "rmse": float(np.sqrt(np.mean(error**2)))}
    return result


def validation_figure(
    profiles: Mapping[str, np.ndarray],
    outputs: Mapping[str, float],
    trial: str | Path | Mapping[str, Any],
    *,
    params: Mapping[str, float] | None = None,
    title: str | None = None,
) -> Figure:
    """Figure of :func:`plot_validation`; the measured points are Line2D artists whose
    label starts with ``"measured"``."""
    data = load_barr_trial(trial)
    case = str(data.get("case_id", "")).removeprefix("barr_")
    params = {"length": data["geometry"]["length_m"], "feed_temp": 293.15, **(params or {})}
    z = _z(profiles, params)
    errors = validation_errors(profiles, outputs, data, params=params)

    fig = Figure(figsize=(10.5, 7.4), layout="constrained")
    FigureCanvasAgg(fig)
    ax, axr = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3.0, 1.3]})
    for name in ("T_gas", "T_bed", "T_wall"):
        values = _finite_profile(profiles, name)
        if values is None:
            continue
        label, colour = TEMPERATURE_STYLE[name]
        zz, tt = _with_ends(name, z, values, outputs, params)
        ax.plot(zz, tt - KELVIN_OFFSET, color=colour, lw=2.0, label=f"model: {label}")
    for key, (label, profile, marker, filled) in MEASURED_STYLE.items():
        points = np.asarray(data["measured"].get(key) or [], dtype=float).reshape(-1, 2)
        if points.size == 0:
            continue
        colour = TEMPERATURE_STYLE[profile][1]
        face = colour if filled else "white"
        ax.plot(points[:, 0], points[:, 1] - KELVIN_OFFSET, ls="none", marker=marker, ms=7,
                mfc=face, mec=colour if filled else "0.35", mew=1.3, zorder=5,
                label=f"measured: {label}")
        if key in errors and filled:
            e = errors[key]
            axr.plot(e["z"], e["error"], ls="-", lw=0.8, marker=marker, ms=6, color=colour,
                     mfc=face)
    ax.set_ylabel("temperature [°C]")
    ax.legend(loc="lower right", fontsize=8.5, ncols=2, framealpha=0.95)
    ax.grid(True, alpha=0.3)
    _kiln_ends(axr, z, params)
    axr.axhline(0.0, color="0.3", lw=0.9)
    axr.set_ylabel("model − measured [K]")
    axr.set_xlabel(f"{quantity_name('z')} [m]")
    axr.grid(True, alpha=0.3)
    lim = max(60.0, 1.15 * max((np.max(np.abs(e["error"])) for e in errors.values()), default=0.0))
    axr.set_ylim(-lim, lim)
    length = _length(z, params)
    for a in (ax, axr):
        a.set_xlim(-0.012 * length, 1.012 * length)  # markers at z = 0 or L stay whole
    op = data.get("operation", {})
    lines = []
    if op:
        lines.append(f"{op['solids']['feed_kg_per_h']:g} kg/h sand, natural gas {op['fuel']['flow_L_per_s']:g} L/s, "
                     f"primary / secondary air {op['primary_air_L_per_s']:g} / "
                     f"{op['secondary_air_L_per_s']:g} L/s")
    fit = [f"{MEASURED_STYLE[k][0].split(' (')[0]} {errors[k]['rmse']:.0f} K"
           for k in ("gas_T_K", "bed_T_K", "wall_T_K", "shell_T_K") if k in errors]
    if fit:
        text = "RMSE model − measured: " + ", ".join(fit)
        exit_err = _bed_exit_error(errors)
        if exit_err is not None:
            text += f";  bed at the last bed thermocouple {exit_err:+.0f} K"
        lines.append(text)
    ax.set_title("\n".join(lines), fontsize=9, loc="left")
    fig.suptitle(title or f"Barr pilot kiln, trial {case}: model vs measured (Barr 1986)", fontsize=12)
    return fig


def plot_validation(
    profiles: Mapping[str, np.ndarray],
    outputs: Mapping[str, float],
    trial: str | Path | Mapping[str, Any],
    path: str | Path,
    *,
    params: Mapping[str, float] | None = None,
    title: str | None = None,
    dpi: int = 150,
) -> Path:
    """Overlay the model's temperatures on the measured ones of a Barr trial; save as PNG.

    Parameters
    ----------
    profiles, outputs : mapping
        Profiles and outputs (SI) of the kiln run for the trial, e.g. with the
        parameters of :func:`barr_trial_params`.
    trial : str, Path or mapping
        ``"T1"`` ... ``"T9"`` (files in :data:`viz.barr.BARR_DATA_DIR`), a trial JSON file or its
        parsed content: ``measured`` holds ``[z m, T K]`` pairs per series.
    path : str or Path
        PNG to write.
    params : mapping, optional
        The kiln parameters (SI) that were run: ``feed_temp`` and ``length``.
    title : str, optional
    dpi : int, default 150

    Returns
    -------
    Path

    Notes
    -----
    Top: model gas, bed and inner-wall temperatures (lines) and the measured ones
    (filled markers; open triangles: the gas thermocouple 2.5 cm above the bed, which
    the SimCem fit excludes for its large fluctuations). Bottom: model minus measured
    at each measured point, with the RMSE of each series in the legend.
    """
    fig = validation_figure(profiles, outputs, trial, params=params, title=title)
    return _save(fig, path, dpi)


# ------------------------------------------------------------------ studies


def plot_kiln_study(
    store: str | Path | StudyResults, out_dir: str | Path, *, scene: bool = True, dpi: int = 150
) -> list[Path]:
    """Write the figures of a kiln study: sweep, profiles and (optionally) a 3-D scene.

    Parameters
    ----------
    store : str, Path or StudyResults
        HDF5 results file of a kiln study (or what :func:`viz.results.read_study` read).
    out_dir : str or Path
        Directory for ``kiln_sweep.png``, ``kiln_profiles.png`` and ``kiln_scene.png``.
    scene : bool, default True
        Also render the 3-D scene of the scenario nearest the middle of the swept ranges.
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
        where = store if not isinstance(store, StudyResults) else "kiln study"
        warnings.warn(f"{where}: no scenario with status OK, nothing to plot", stacklevel=2)
        return []
    written: list[Path | None] = []
    fig = kiln_sweep_figure(res)
    written.append(_save(fig, out_dir / "kiln_sweep.png", dpi) if fig is not None else None)
    fig = kiln_study_profiles_figure(res)
    written.append(_save(fig, out_dir / "kiln_profiles.png", dpi) if fig is not None else None)
    if scene:
        written.append(scene_of_middle(res, out_dir / "kiln_scene.png"))
    return [p for p in written if p is not None]


def sweep_axes(res: StudyResults) -> tuple[str | None, str | None, str | None]:
    """(x, line groups, line styles) of a kiln study's plots, from what it swept.

    x is ``fuel_flow`` when swept, else the swept parameter with most levels; groups and
    styles are the next swept parameters with at most ``MAX_LEVELS`` levels.
    """
    swept = res.swept()
    if not swept:
        return None, None, None
    x = "fuel_flow" if "fuel_flow" in swept else max(swept, key=lambda n: len(levels(res.param(n))))
    rest = [n for n in swept if n != x and len(levels(res.param(n))) <= MAX_LEVELS]
    group, style = (rest + [None, None])[:2]
    return x, group, style


def kiln_sweep_figure(res: StudyResults) -> Figure | None:
    """Key outputs (:data:`SWEEP_OUTPUTS`, first four useful) against the swept parameter.

    One line per level of the second swept parameter (colour) and of the third (style);
    rows that differ only in further parameters are averaged with their range as a band.
    An output that depends on the x parameter alone (the specific heat consumption when
    the fuel is swept at a fixed feed) is drawn against the bed exit temperature
    instead: the fuel needed per kg of product for a given product temperature.
    None (with a warning) if nothing was swept or no output is present.
    """
    x_name, group, style = sweep_axes(res)
    if x_name is None:
        warnings.warn("kiln sweep plot skipped: nothing was swept", stacklevel=2)
        return None
    split = group is not None or style is not None
    panels: list[tuple[str, str | None]] = []  # (output, output on the x axis or None = x_name)
    for n in SWEEP_OUTPUTS:
        if not _useful_output(res, n):
            continue
        if split and _follows(res, n, x_name):
            if n != "bed_exit_temp" and _useful_output(res, "bed_exit_temp"):
                panels.append((n, "bed_exit_temp"))
            continue
        panels.append((n, None))
    panels = panels[:4]
    if not panels:
        warnings.warn("kiln sweep plot skipped: no kiln outputs in the file", stacklevel=2)
        return None
    ncols = 2 if len(panels) > 1 else 1
    nrows = -(-len(panels) // ncols)
    fig = Figure(figsize=(5.6 * ncols + 1.2, 3.9 * nrows + 1.0), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    x = to_display(x_name, res.units.get(x_name, ""), res.param(x_name))
    x_label = axis_label(x_name, res.units.get(x_name, ""))
    groups = [None] if group is None else list(levels(res.param(group)))
    styles = [None] if style is None else list(levels(res.param(style)))
    cmap = colormaps["viridis"]
    colours = ["C0"] if len(groups) == 1 else [cmap(v) for v in np.linspace(0.0, 0.85, len(groups))]
    for ax, (name, against) in zip(axes.flat, panels, strict=False):
        y, y_unit = _shown(name, res.units.get(name, ""), res.outputs[name])
        if against is not None:
            u, u_unit = _shown(against, res.units.get(against, ""), res.outputs[against])
        for gi, gv in enumerate(groups):
            for si, sv in enumerate(styles):
                sel = _match(res, group, gv) & _match(res, style, sv)
                if not sel.any():
                    continue
                xs, mean, lo, hi = _aggregate(x[sel], y[sel])
                parts = [format_level(n, res.units.get(n, ""), v)
                         for n, v in ((group, gv), (style, sv)) if n is not None]
                line = {"color": colours[gi], "ls": ("-", "--", ":", "-.")[si % 4],
                        "marker": ("o", "s", "^", "D")[si % 4], "ms": 4, "lw": 1.6,
                        "label": ", ".join(parts) or None}
                if against is None:
                    ax.plot(xs, mean, **line)
                    if np.any(hi - lo > 1e-9):
                        ax.fill_between(xs, lo, hi, color=colours[gi], alpha=0.15, lw=0)
                else:  # parametric in x: both outputs averaged at each x level
                    ax.plot(_aggregate(x[sel], u[sel])[1], mean, **line)
        ax.set_ylabel(_output_label(name, y_unit))
        if against is None:
            ax.set_xlabel(x_label)
        else:
            ax.set_xlabel(_output_label(against, u_unit))
            d = display_unit(x_name, res.units.get(x_name, ""))
            ax.set_title(f"each point one {quantity_name(x_name)}: {np.min(x):.3g} … {np.max(x):.3g} {d.unit}",
                         fontsize=9, loc="left", color="0.3")
        ax.grid(True, alpha=0.3)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if labels:
        fig.legend(handles, labels, loc="outside right center", fontsize=9, frameon=False)
    fig.suptitle(f"Kiln study: key outputs vs {quantity_name(x_name)}  "
                 f"({len(res)} of {res.n_total} scenarios solved)", fontsize=12)
    return fig


def kiln_study_profiles_figure(res: StudyResults, max_panels: int = 4) -> Figure | None:
    """Bed (solid) and gas (dashed) temperature profiles of every scenario.

    Lines are coloured by the study's x parameter (:func:`sweep_axes`); one panel per
    level of the second swept parameter (at most ``max_panels``, evenly chosen).
    """
    if "T_bed" not in res.profiles:
        warnings.warn("kiln profile plot skipped: no T_bed profile in the file", stacklevel=2)
        return None
    x_name, group, _ = sweep_axes(res)
    panels = [None] if group is None else list(levels(res.param(group)))
    if len(panels) > max_panels:
        pick = np.unique(np.round(np.linspace(0, len(panels) - 1, max_panels)).astype(int))
        panels = [panels[i] for i in pick]
    ncols = min(len(panels), 2)
    nrows = -(-len(panels) // ncols)
    fig = Figure(figsize=(5.8 * ncols + 1.4, 3.8 * nrows + 1.0), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    cmap = colormaps["plasma"]
    if x_name is not None:
        xv = to_display(x_name, res.units.get(x_name, ""), res.param(x_name))
        norm = Normalize(float(np.min(xv)), float(np.max(xv)) if np.ptp(xv) > 0 else float(np.min(xv)) + 1)
    else:
        xv, norm = np.zeros(len(res)), Normalize(0.0, 1.0)
    for ax, pv_ in zip(axes.flat, panels, strict=False):
        sel = np.flatnonzero(_match(res, group, pv_))
        for i in sel:
            prof = res.row_profiles(i)
            z = _z(prof, {})
            colour = cmap(0.85 * norm(xv[i]))
            ax.plot(z, prof["T_bed"] - KELVIN_OFFSET, color=colour, lw=1.4)
            if "T_gas" in prof:
                ax.plot(z, prof["T_gas"] - KELVIN_OFFSET, color=colour, lw=1.1, ls="--")
        if group is not None:
            ax.set_title(format_level(group, res.units.get(group, ""), pv_, short=False), fontsize=10)
        ax.grid(True, alpha=0.3)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel(f"{quantity_name('z')} [m]")
    for ax in axes[:, 0]:
        ax.set_ylabel("temperature [°C]")
    axes.flat[0].plot([], [], color="0.3", lw=1.4, label="bed")
    axes.flat[0].plot([], [], color="0.3", lw=1.1, ls="--", label="gas")
    axes.flat[0].legend(loc="upper left", fontsize=9)
    if x_name is not None:
        sm = colormaps["plasma"].resampled(256)
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import ListedColormap

        shown = ListedColormap(sm(np.linspace(0.0, 0.85, 256)))
        fig.colorbar(ScalarMappable(norm=norm, cmap=shown), ax=axes, shrink=0.8,
                     label=axis_label(x_name, res.units.get(x_name, "")))
    fig.suptitle("Kiln study: bed and gas temperature profiles, feed end (z = 0) to burner", fontsize=12)
    return fig


def scene_of_middle(res: StudyResults, path: str | Path) -> Path | None:
    """Render the 3-D kiln scene of the scenario nearest the middle of every swept range."""
    from kernels.kiln import PARAMS
    from viz.kiln_scene import render_kiln_scene  # pyvista is slow to import

    swept = res.swept()
    i = middle_row(res, swept)
    title = f"Kiln study, scenario {res.scenario[i]} of {res.n_total} (middle of the sweep)"
    if swept:
        title += f":  {describe_row(res, i, swept)}"
    known = {row.name for row in PARAMS}
    params = {k: v for k, v in res.row_params(i).items() if k in known}
    return render_kiln_scene(params, res.row_outputs(i), res.row_profiles(i), path, title=title)


def middle_row(res: StudyResults, names: list[str]) -> int:
    """Row nearest the middle of the ranges of ``names`` (each scaled to [0, 1])."""
    if not names:
        return 0
    d = np.zeros(len(res))
    for n in names:
        col = res.param(n)
        lo, hi = float(np.min(col)), float(np.max(col))
        d += ((col - lo) / (hi - lo) - 0.5) ** 2 if hi > lo else 0.0
    return int(np.argmin(d))


# ------------------------------------------------------------------ helpers


def _save(fig: Figure, path: str | Path, dpi: int) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    return path


def _finite_profile(profiles: Mapping[str, np.ndarray], name: str) -> np.ndarray | None:
    if name not in profiles:
        return None
    values = np.asarray(profiles[name], dtype=float).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        return None
    return values


def _z(profiles: Mapping[str, np.ndarray], params: Mapping[str, float]) -> np.ndarray:
    """Cell centres [m]: the ``z`` profile, else equal cells over ``length``."""
    z = _finite_profile(profiles, "z")
    if z is not None:
        return z
    n = next((np.size(profiles[k]) for k in ("T_bed", "T_gas") if k in profiles), 100)
    length = float(params.get("length", n))
    return (np.arange(n) + 0.5) * length / n


def _length(z: np.ndarray, params: Mapping[str, float]) -> float:
    if "length" in params:
        return float(params["length"])
    return float(z[-1] + 0.5 * (z[-1] - z[-2])) if z.size > 1 else float(z[-1])


def _with_ends(name, z, values, outputs, params) -> tuple[np.ndarray, np.ndarray]:
    """A temperature profile [K] extended to the kiln ends where the end value is known:
    the gas leaving at z = 0, the feed entering at z = 0 and the bed leaving at z = L."""
    zz, tt = list(z), list(values)
    length = _length(z, params)
    if name == "T_gas" and _finite(outputs.get("gas_exit_temp")):
        zz, tt = [0.0, *zz], [float(outputs["gas_exit_temp"]), *tt]
    if name == "T_bed":
        if _finite(params.get("feed_temp")):
            zz, tt = [0.0, *zz], [float(params["feed_temp"]), *tt]
        if _finite(outputs.get("bed_exit_temp")):
            zz, tt = [*zz, length], [*tt, float(outputs["bed_exit_temp"])]
    return np.asarray(zz, dtype=float), np.asarray(tt, dtype=float)


def _kiln_ends(ax, z: np.ndarray, params: Mapping[str, float]) -> None:
    """'feed end' and 'burner' written under the two ends of an axial plot's x axis."""
    kw = {"xycoords": ("data", "axes fraction"), "textcoords": "offset points",
          "fontsize": 9, "color": "0.3", "va": "top"}
    ax.annotate("\u2190 feed end, gas exit", (0.0, 0.0), xytext=(0, -19), ha="left", **kw)
    ax.annotate("burner, solids discharge \u2192", (_length(z, params), 0.0), xytext=(0, -19),
                ha="right", **kw)


def _time_axis(ax, z: np.ndarray, profiles: Mapping[str, np.ndarray], length: float) -> None:
    """Secondary x axis: time since the solids entered [min], from the bed_time profile."""
    t = _finite_profile(profiles, "bed_time")
    if t is None or t.size != z.size or t.size < 2 or np.any(np.diff(t) <= 0) or np.any(np.diff(z) <= 0):
        return
    # t(z) through the cell centres, linear beyond them (t = 0 at the feed end if it is not
    # further than that), so the axis is defined over the whole kiln and beyond
    if z[0] > 0.0 and t[0] > 0.0:
        z, t = np.concatenate(([0.0], z)), np.concatenate(([0.0], t))
    t_min = t / 60.0

    def z_to_t(v):
        return _interp_linear(v, z, t_min)

    def t_to_z(v):
        return _interp_linear(v, t_min, z)

    top = ax.secondary_xaxis("top", functions=(z_to_t, t_to_z))
    top.set_xlabel("solids residence time from the feed end [min]", fontsize=9)
    top.tick_params(labelsize=8)


def _interp_linear(v, x: np.ndarray, y: np.ndarray):
    """np.interp with linear extrapolation past both ends (x increasing)."""
    v = np.asarray(v, dtype=float)
    out = np.interp(v, x, y)
    lo, hi = v < x[0], v > x[-1]
    out = np.where(lo, y[0] + (v - x[0]) * (y[1] - y[0]) / (x[1] - x[0]), out)
    return np.where(hi, y[-1] + (v - x[-1]) * (y[-1] - y[-2]) / (x[-1] - x[-2]), out)


def _bed_species(profiles: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every finite ``bed_x_*`` profile that is not zero everywhere, in table order."""
    comp = {}
    for name in profiles:
        if name.startswith("bed_x_"):
            values = _finite_profile(profiles, name)
            if values is not None and np.any(values > 1e-9):
                comp[name] = np.clip(values, 0.0, None)
    return comp


def _species_key(name: str) -> str:
    return name.removeprefix("bed_x_").lower()


def _species_label(name: str) -> str:
    key = _species_key(name)
    return _SPECIES_NAMES.get(key, key.upper() if len(key) <= 5 else key.replace("_", " "))


def _species_colour(name: str, i: int):
    return _SPECIES_COLOURS.get(_species_key(name), colormaps["tab20"](i % 20))


def _profile_subtitle(outputs: Mapping[str, float], extra: str = "") -> str:
    parts = []
    for name, fmt in (("bed_exit_temp", "bed exit {:.0f} °C"), ("gas_exit_temp", "exhaust {:.0f} °C"),
                      ("specific_heat_consumption", "{:.2f} MJ/kg product"),
                      ("residence_time", "residence {:.0f} min"),
                      ("calcination_degree", "calcination {:.0f} %")):
        v = outputs.get(name)
        if not _finite(v):
            continue
        if name.endswith("_temp"):
            v -= KELVIN_OFFSET
        elif name == "specific_heat_consumption":
            v /= 1e6
        elif name == "residence_time":
            v /= 60.0
        elif name == "calcination_degree":
            v *= 100.0
        parts.append(fmt.format(v))
    if extra:
        parts.append(extra + " all along")
    return "  ·  ".join(parts)


def _shown(name: str, unit: str, values: np.ndarray) -> tuple[np.ndarray, str]:
    """Values in their display unit, powers in kW below 1 MW; and that unit."""
    values = np.asarray(values, dtype=float)
    if unit == "W" and np.nanmax(np.abs(values)) < 1e6:
        return values / 1e3, "kW"
    d = display_unit(name, unit)
    return values * d.scale + d.offset, d.unit


def _output_label(name: str, shown_unit: str) -> str:
    text = quantity_name(name)
    if name == "specific_heat_consumption":
        text += " (fuel per kg product)"
    return f"{text} [{shown_unit}]" if shown_unit else text


def _follows(res: StudyResults, name: str, x_name: str) -> bool:
    """True when output ``name`` is the same (0.1 %) at every row with the same x."""
    x, y = res.param(x_name), res.outputs[name]
    for xv in levels(x):
        sel = np.isclose(x, xv, rtol=1e-9, atol=0.0) & np.isfinite(y)
        if sel.sum() > 1 and np.ptp(y[sel]) > 1e-3 * max(np.max(np.abs(y[sel])), 1e-300):
            return False
    return True


def _useful_output(res: StudyResults, name: str) -> bool:
    """Present, finite somewhere and not the same in every scenario."""
    values = res.outputs.get(name)
    if values is None:
        return False
    finite = values[np.isfinite(values)]
    return finite.size > 0 and np.ptp(finite) > 1e-9 * max(np.max(np.abs(finite)), 1e-300)


def _bed_exit_error(errors) -> float | None:
    bed = errors.get("bed_T_K")
    if bed is None:
        return None
    return float(bed["error"][int(np.argmax(bed["z"]))])


def _match(res: StudyResults, name: str | None, value) -> np.ndarray:
    if name is None:
        return np.ones(len(res), dtype=bool)
    return np.isclose(res.param(name), value, rtol=1e-9, atol=0.0)


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


def _finite(value) -> bool:
    return value is not None and bool(np.isfinite(value))
