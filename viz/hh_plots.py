"""Pictures of the Hall–Héroult cell: study sweeps, voltage breakdown, dynamic runs.

- :func:`plot_hh_study` (called by :func:`viz.sweep_plots.plot_study` for a
  ``hall_heroult`` study) writes ``hh_sweep.png`` (kWh/kg, current efficiency,
  superheat and side ledge against the first swept parameter, one line per level of
  the second, one line style per level of the third), ``hh_co2e.png`` (CO2e per tonne
  against kWh/kg, coloured by the grid's share) and ``hh_voltage_breakdown.png``
  (the voltage terms of the first, middle and last scenario); with ``scene`` also
  ``hh_scene.png``, the 3-D cell (:mod:`viz.hh_scene`) of the best scenario: least DC
  energy per kg among those within every limit (``*_margin`` >= 0).
- :func:`voltage_breakdown_figure`: stacked bars of Haupin's voltage terms.
- :func:`time_series_figure`: alumina, cell voltage (anode effects marked), bath
  temperature and ledge of a dynamic run or of a potline.

Figures are drawn on :class:`matplotlib.figure.Figure` with the Agg canvas, never
through pyplot. Values come in SI and are shown in engineers' units (degC, %, cm,
kWh/kg, t CO2e/t Al).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from viz.results import StudyResults, levels

TERMS = (
    ("reversible_potential", "reversible potential", "#4c72b0"),
    ("anode_surface_overvoltage", "anode surface overvoltage", "#dd8452"),
    ("anode_concentration_overvoltage", "anode concentration overvoltage", "#c44e52"),
    ("cathode_overvoltage", "cathode overvoltage", "#8172b3"),
    ("bubble_drop", "bubble layer", "#937860"),
    ("bath_drop", "bath (ACD)", "#55a868"),
    ("anode_drop", "anode", "#8c8c8c"),
    ("cathode_drop", "cathode", "#64b5cd"),
    ("external_drop", "external busbar", "#da8bc3"),
)
_KWH = 3.6e6
_LINESTYLES = ("-", "--", ":", "-.")
_SHOWN = {  # param name -> (label, scale, offset, unit)
    "acd": ("ACD", 100.0, 0.0, "cm"),
    "alf3_excess": ("excess AlF3", 100.0, 0.0, "%"),
    "line_current": ("line current", 1e-3, 0.0, "kA"),
    "alumina": ("alumina", 100.0, 0.0, "%"),
    "caf2": ("CaF2", 100.0, 0.0, "%"),
    "lif": ("LiF", 100.0, 0.0, "%"),
}


def plot_hh_study(res: StudyResults, out_dir: str | Path, *, scene: bool = True,
                  dpi: int = 150) -> list[Path]:
    """Write the study figures of a ``hall_heroult`` sweep; returns the files written.

    With ``scene`` the 3-D cell of the best scenario (:func:`best_scenario`) is drawn
    to ``hh_scene.png``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if len(res) == 0:
        return []
    written = [
        _save(sweep_figure(res), out_dir / "hh_sweep.png", dpi),
        _save(co2e_figure(res), out_dir / "hh_co2e.png", dpi),
    ]
    rows = sorted({0, len(res) // 2, len(res) - 1})
    outputs = [res.row_outputs(i) for i in rows]
    labels = [_describe(res, i) for i in rows]
    written.append(_save(voltage_breakdown_figure(outputs, labels),
                         out_dir / "hh_voltage_breakdown.png", dpi))
    best = best_scenario(res)
    if scene and best is not None:
        from viz.hh_scene import render_hh_scene  # pyvista is slow to import

        where = _describe(res, best).replace("\n", ", ")
        title = f"{_study_name(res)}: least kWh/kg within the limits ({where})"
        written.append(render_hh_scene(res.row_params(best), res.row_outputs(best), res.row_profiles(best),
                                       out_dir / "hh_scene.png", title=title))
    return written


def best_scenario(res: StudyResults) -> int | None:
    """Row with the least DC energy per kg among those within every limit (all
    ``*_margin`` outputs >= 0); None when no row is."""
    ok = np.isfinite(res.outputs["specific_energy"])
    for name, values in res.outputs.items():
        if name.endswith("_margin"):
            ok &= values >= 0.0
    if not ok.any():
        return None
    return int(np.flatnonzero(ok)[np.argmin(res.outputs["specific_energy"][ok])])


def sweep_figure(res: StudyResults) -> Figure:
    """kWh/kg, CE, superheat and ledge against the first swept parameter."""
    swept = _ordered(res.swept() or [res.param_names[0]])
    x_name = swept[0]
    line_name = swept[1] if len(swept) > 1 else None
    style_name = swept[2] if len(swept) > 2 else None
    fig = Figure(figsize=(11, 8), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True)
    panels = (
        ("specific_energy", "DC energy [kWh/kg Al]", 1.0 / _KWH),
        ("current_efficiency", "current efficiency [%]", 100.0),
        ("superheat", "superheat [K]", 1.0),
        ("ledge_thickness", "side ledge [cm]", 100.0),
    )
    line_levels = levels(res.param(line_name)) if line_name else np.array([np.nan])
    style_levels = levels(res.param(style_name)) if style_name else np.array([np.nan])
    colors = [f"C{k % 10}" for k in range(len(line_levels))]
    for ax, (name, label, scale) in zip(axes.flat, panels, strict=True):
        for j, lv in enumerate(line_levels):
            for m, sv in enumerate(style_levels):
                mask = np.ones(len(res), dtype=bool)
                if line_name:
                    mask &= np.isclose(res.param(line_name), lv)
                if style_name:
                    mask &= np.isclose(res.param(style_name), sv)
                if not mask.any():
                    continue
                x = res.param(x_name)[mask]
                order = np.argsort(x)
                legend = ", ".join(
                    _level_text(n, value) for n, value in ((line_name, lv), (style_name, sv)) if n
                )
                ax.plot(_scaled(x_name, x[order]), res.outputs[name][mask][order] * scale,
                        color=colors[j], ls=_LINESTYLES[m % 4], marker="o", ms=3,
                        label=legend or None)
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel(_axis_label(x_name))
    if line_name:
        axes[0, 0].legend(fontsize=7, ncols=1 if style_name is None else 2)
    limit = res.outputs.get("superheat_margin")
    if limit is not None:
        top = (res.outputs["superheat"] + limit)[0]
        axes[1, 0].axhline(top, color="k", lw=0.8, ls="--")
        axes[1, 0].annotate("superheat limit", (0.02, top), xycoords=("axes fraction", "data"),
                            fontsize=7, va="bottom")
    fig.suptitle(f"{_study_name(res)}: steady 300 kA-class cell, "
                 f"{len(res)} scenarios")
    return fig


def co2e_figure(res: StudyResults) -> Figure:
    """CO2e per tonne of aluminium against kWh/kg; colour: electricity share of CO2e."""
    fig = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = fig.subplots()
    kwh = res.outputs["specific_energy"] / _KWH
    intensity = res.outputs["co2e_intensity"]
    share = res.outputs["electricity_co2e"] / res.outputs["co2e_emissions"] * 100.0
    sc = ax.scatter(kwh, intensity, c=share, cmap="viridis", s=28)
    fig.colorbar(sc, ax=ax, label="electricity share of CO2e [%]")
    ax.set_xlabel("DC energy [kWh/kg Al]")
    ax.set_ylabel("CO2e [t/t Al]")
    ax.grid(alpha=0.3)
    ax.set_title("CO2e per tonne: anode carbon + PFCs + grid electricity")
    return fig


def voltage_breakdown_figure(outputs: Sequence[Mapping[str, float]],
                             labels: Sequence[str]) -> Figure:
    """Stacked bars of the voltage terms, one bar per set of outputs."""
    fig = Figure(figsize=(2.2 + 2.0 * len(outputs), 6.0), layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(outputs))
    bottom = np.zeros(len(outputs))
    for name, label, color in TERMS:
        values = np.array([o[name] for o in outputs])
        ax.bar(x, values, bottom=bottom, color=color, label=label, width=0.6)
        for k, (b, h) in enumerate(zip(bottom, values, strict=True)):
            if h > 0.12:
                ax.text(x[k], b + h / 2, f"{h:.2f}", ha="center", va="center", fontsize=7)
        bottom += values
    for k, total in enumerate(bottom):
        ax.text(x[k], total + 0.03, f"{total:.3f} V", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylabel("cell voltage [V]")
    ax.set_ylim(0.0, bottom.max() * 1.12)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Voltage breakdown (Haupin 1998)")
    return fig


def time_series_figure(time_s: np.ndarray, alumina: np.ndarray, voltage: np.ndarray,
                       t_bath: np.ndarray, ledge: np.ndarray,
                       ae_times_s: np.ndarray | None = None, title: str = "") -> Figure:
    """Alumina, voltage, bath temperature and ledge against time (hours).

    Arrays are SI (s, mass fraction, V, K, m); 2-D arrays are drawn one line per
    column (cells of a potline). ``ae_times_s`` marks anode-effect onsets.
    """
    hours = np.asarray(time_s) / 3600.0
    fig = Figure(figsize=(11, 8.5), layout="constrained")
    axes = fig.subplots(4, 1, sharex=True)
    series = (
        (np.asarray(alumina) * 100.0, "alumina [wt%]"),
        (np.asarray(voltage), "cell voltage [V]"),
        (np.asarray(t_bath) - 273.15, "bath temperature [°C]"),
        (np.asarray(ledge) * 100.0, "side ledge [cm]"),
    )
    for ax, (y, label) in zip(axes, series, strict=True):
        lw = 0.8 if y.ndim == 1 or y.shape[1] < 5 else 0.4
        ax.plot(hours, y, lw=lw)
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    axes[0].axhspan(2.0, 4.0, color="tab:green", alpha=0.08, label="2-4 % band")
    axes[0].legend(fontsize=7, loc="upper right")
    if ae_times_s is not None and len(ae_times_s):
        for t in np.asarray(ae_times_s) / 3600.0:
            axes[1].axvline(t, color="tab:red", lw=0.8, alpha=0.7)
        axes[1].text(0.01, 0.92, f"{len(ae_times_s)} anode effect(s) (red)",
                     transform=axes[1].transAxes, fontsize=8, color="tab:red", va="top")
    axes[-1].set_xlabel("time [h]")
    if title:
        fig.suptitle(title)
    return fig


def save_figure(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write a figure to PNG with the Agg canvas; returns the path."""
    return _save(fig, Path(path), dpi)


def _save(fig: Figure, path: Path, dpi: int) -> Path:
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=dpi)
    return path


def _scaled(name: str, values: np.ndarray) -> np.ndarray:
    if name in _SHOWN:
        _, scale, offset, _ = _SHOWN[name]
        return values * scale + offset
    return values


def _axis_label(name: str) -> str:
    if name in _SHOWN:
        label, _, _, unit = _SHOWN[name]
        return f"{label} [{unit}]"
    return name.replace("_", " ")


def _level_text(name: str, value: float) -> str:
    if name in _SHOWN:
        label, scale, offset, unit = _SHOWN[name]
        return f"{label} {value * scale + offset:g} {unit}"
    return f"{name} {value:g}"


def _ordered(names: list[str]) -> list[str]:
    """Swept names with ACD first, then excess AlF3, then line current, then the rest."""
    first = [n for n in ("acd", "alf3_excess", "line_current") if n in names]
    return first + [n for n in names if n not in first]


def _study_name(res: StudyResults) -> str:
    """The study's name from the store's study spec (the unit name if there is none)."""
    try:
        return str(json.loads(res.attrs.get("study_spec", "{}")).get("name") or "hall_heroult")
    except (TypeError, ValueError):
        return "hall_heroult"


def _describe(res: StudyResults, i: int) -> str:
    swept = _ordered(res.swept())
    parts = [_level_text(n, res.param(n)[i]) for n in swept[:3]]
    return "\n".join(parts) if parts else f"row {res.scenario[i]}"
