"""Blast-furnace figures: Rist diagram, profiles along the shaft, study sweeps.

- :func:`rist_figure`: the Rist operating line (oxygen picked up by the gas per Fe atom
  against the gas oxidation O/C) with the wüstite pinch W, the iron-oxide levels and the
  direct/indirect reduction split, from the ``rist_*`` outputs of
  :mod:`kernels.blast_furnace`.
- :func:`profiles_figure`: gas and burden temperatures, reduction degree and CO
  utilisation against the depth below the stockline, with the zones (preparation,
  thermal reserve, elaboration) and the cohesive zone shaded.
- :func:`sweep_figure`: coke rate, CO2 per tonne, RAFT (with its window) and top-gas
  temperature (with its floor) against the coal rate, one colour per O2 enrichment, one
  line style per blast temperature.
- :func:`plot_bf_study`: all of them for a study read from its HDF5 file
  (``bf_sweep.png``, ``bf_rist.png``, ``bf_profiles.png`` of the lowest-CO2 scenario
  inside every limit, and ``bf_scene.png``, :mod:`viz.bf_scene`).

Temperatures are shown in °C, fractions in %. Figures are drawn on
:class:`matplotlib.figure.Figure` with the Agg canvas, never through pyplot.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from viz.results import StudyResults, levels, read_study
from viz.study_design import best_feasible

C0 = 273.15
_IRON_OXIDES = ((1.5, "Fe$_2$O$_3$"), (4.0 / 3.0, "Fe$_3$O$_4$"), (1.05, "FeO$_{1.05}$"),
                (0.0, "Fe"))
_LINESTYLES = ("-", "--", ":", "-.")


def rist_figure(outputs: Mapping[str, float], title: str = "") -> Figure:
    """The Rist diagram of one furnace state (outputs of :mod:`kernels.blast_furnace`)."""
    y_a, y_d = outputs["rist_y_a"], outputs["rist_y_d"]
    x_top, y_top = outputs["rist_x_top"], outputs["rist_y_top"]
    x_w = outputs["rist_x_pinch"]
    fig = Figure(figsize=(7.5, 6.0))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.axhline(0.0, color="0.6", lw=0.8)
    ax.axvline(1.0, color="0.6", lw=0.8)
    for y, name in _IRON_OXIDES:
        ax.axhline(y, color="0.85", lw=0.8, zorder=0)
        ax.text(2.02, y, name, va="center", fontsize=9)
    ax.plot([0.0, 1.0, x_top], [y_a, y_d, y_top], "-", color="#1f4e9a", lw=2.2,
            label="operating line")
    ax.plot([0.0, 1.0], [y_a, y_d], "o", color="#1f4e9a", ms=5)
    ax.plot(x_top, y_top, "s", color="#1f4e9a", ms=6)
    ax.annotate(f"top gas\nη$_{{CO}}$ = {outputs['eta_co']:.3f}", (x_top, y_top),
                xytext=(8, -6), textcoords="offset points", ha="left", va="top", fontsize=9)
    ax.plot(x_w, 1.05, "D", color="#c0392b", ms=8, label="wüstite pinch W", zorder=5)
    ax.annotate(f"W ({outputs['reserve_zone_temp_C']:.0f} °C)" if "reserve_zone_temp_C" in outputs
                else "W", (x_w, 1.05), xytext=(8, -14), textcoords="offset points",
                color="#c0392b", fontsize=9)
    # the pinch gap: the line must pass above W (left of it); ω = 1 would touch it
    y_line = y_d + outputs["rist_mu_r"] * (x_w - 1.0)
    ax.annotate("", (x_w, y_line), (x_w, 1.05),
                arrowprops={"arrowstyle": "<->", "color": "#c0392b", "lw": 1.0})
    ax.fill_between([0.0, 1.0], [0.0, 0.0], [y_d, y_d], color="#e67e22", alpha=0.15,
                    label=f"direct reduction ({outputs['direct_reduction_degree'] * 100:.0f} %)")
    ax.fill_between([1.0, x_top], [y_d, y_d], [1.05, 1.05], color="#27ae60", alpha=0.10,
                    label="indirect reduction of wüstite")
    ax.text(0.03, y_a / 2.0, "O from blast, injectants,\nSi, Mn, P, S oxides", fontsize=8,
            va="center", color="0.3")
    ax.set_xlim(0.0, 2.0)
    ax.set_ylim(min(y_a, 0.0) - 0.1, 1.75)
    ax.set_xlabel("gas oxidation x = O/C (CO at 1, CO$_2$ at 2; H$_2$ counted above 1)")
    ax.set_ylabel("oxygen picked up by the gas per Fe atom, y = O/Fe")
    gap = outputs["rist_pinch_gap"]
    heading = title or "Rist diagram"
    ax.set_title(f"{heading}\nslope μ = {outputs['rist_mu_c']:.3f} mol C/mol Fe, "
                 f"pinch gap {gap:+.3f}, carbon {outputs['carbon_rate']:.0f} kg/t "
                 f"(minimum {outputs['carbon_rate_min']:.0f})", fontsize=10)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig


def profiles_figure(profiles: Mapping[str, np.ndarray], outputs: Mapping[str, float],
                    title: str = "") -> Figure:
    """Temperatures, reduction degree and CO utilisation against depth below the stockline."""
    depth = np.asarray(profiles["depth"])
    fig = Figure(figsize=(10.0, 6.5))
    FigureCanvasAgg(fig)
    ax_t, ax_r = fig.subplots(1, 2, sharey=True)
    height = depth[-1]
    upper = min(outputs["upper_zone_height"], height)
    lower_top = max(height - outputs["lower_zone_height"], upper)
    for ax in (ax_t, ax_r):
        ax.axhspan(0.0, upper, color="#3498db", alpha=0.07)
        ax.axhspan(upper, lower_top, color="#2ecc71", alpha=0.15)
        ax.axhspan(lower_top, height, color="#e74c3c", alpha=0.07)
        top, bottom = outputs["cohesive_zone_top"], outputs["cohesive_zone_bottom"]
        if np.isfinite(top) and np.isfinite(bottom):
            ax.axhspan(top, bottom, facecolor="none", edgecolor="#8e44ad", hatch="//", lw=0.0)
        ax.grid(alpha=0.3)
    ax_t.plot(profiles["T_gas"] - C0, depth, color="#d62728", lw=2, label="gas")
    ax_t.plot(profiles["T_solid"] - C0, depth, color="#8c510a", lw=2, label="burden")
    ax_t.set_ylim(height, 0.0)
    ax_t.set_xlabel("temperature [°C]")
    ax_t.set_ylabel("depth below stockline [m]")
    ax_t.annotate("preparation zone", (0.98, 0.5 * upper), xycoords=("axes fraction", "data"),
                  ha="right", va="center", fontsize=8, color="#1f4e9a")
    ax_t.annotate(f"thermal reserve zone ({outputs['reserve_zone_height']:.1f} m)",
                  (0.98, (upper + lower_top) / 2.0), xycoords=("axes fraction", "data"),
                  ha="right", va="center", fontsize=8, color="#1e8449")
    ax_t.annotate("cohesive zone (hatched)", (0.98, outputs["cohesive_zone_top"]),
                  xycoords=("axes fraction", "data"), ha="right", va="bottom", fontsize=8,
                  color="#8e44ad")
    ax_t.legend(loc="upper right", fontsize=9)
    ax_r.plot(profiles["reduction_degree"] * 100.0, depth, color="#1f4e9a", lw=2,
              label="reduction degree")
    ax_r.plot(profiles["gas_utilisation"] * 100.0, depth, color="#16a085", lw=2, ls="--",
              label="gas CO utilisation")
    ax_r.set_xlabel("[%]")
    ax_r.set_xlim(0.0, 100.0)
    ax_r.legend(loc="upper right", fontsize=9)
    fig.suptitle(title or (f"Blast-furnace shaft: RAFT {outputs['raft'] - C0:.0f} °C, top gas "
                           f"{outputs['top_gas_temp'] - C0:.0f} °C"), fontsize=11)
    fig.tight_layout()
    return fig


def sweep_figure(res: StudyResults) -> Figure | None:
    """Coke rate, CO2, RAFT and top-gas temperature against the coal rate of a study."""
    if "pci_rate" not in res.param_names or len(res) == 0:
        return None
    x = res.param("pci_rate")
    o2 = res.param("oxygen_enrichment")
    tb = res.param("blast_temp")
    o2_levels = levels(o2)
    tb_levels = levels(tb)
    cmap = colormaps["viridis"]
    fig = Figure(figsize=(11.0, 8.0))
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 2, sharex=True)
    panels = (
        ("coke_rate", 1.0, "coke rate [kg/tHM]"),
        ("co2_direct", 1.0, "CO$_2$ direct [kg/tHM]"),
        ("raft", -C0, "RAFT [°C]"),
        ("top_gas_temp", -C0, "top gas [°C]"),
    )
    for ax, (name, shift, label) in zip(axes.flat, panels, strict=True):
        for i, level_o2 in enumerate(o2_levels):
            colour = cmap(i / max(len(o2_levels) - 1, 1))
            for j, level_tb in enumerate(tb_levels):
                sel = np.isclose(o2, level_o2) & np.isclose(tb, level_tb)
                order = np.argsort(x[sel])
                ax.plot(x[sel][order], res.outputs[name][sel][order] + shift, marker="o", ms=3,
                        color=colour, ls=_LINESTYLES[j % len(_LINESTYLES)])
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    p = res.row_params(0)
    for ax, lims in ((axes[1, 0], (p["limit_raft_min"], p["limit_raft_max"])),
                     (axes[1, 1], (p["limit_top_gas_temp_min"],))):
        for lim in lims:
            ax.axhline(lim - C0, color="#c0392b", lw=1.2, ls="--")
    for ax in axes[1]:
        ax.set_xlabel("coal injection [kg/tHM]")
    handles = [axes[0, 0].plot([], [], color=cmap(i / max(len(o2_levels) - 1, 1)))[0]
               for i in range(len(o2_levels))]
    handles += [axes[0, 0].plot([], [], color="0.3", ls=_LINESTYLES[j % 4])[0]
                for j in range(len(tb_levels))]
    labels = [f"O$_2$ +{v * 100:.0f} %" for v in o2_levels]
    labels += [f"blast {v - C0:.0f} °C" for v in tb_levels]
    fig.legend(handles, labels, loc="upper center", ncol=len(labels), fontsize=8)
    fig.suptitle("PCI x O$_2$ x blast temperature (red dashes: RAFT window, top-gas floor)",
                 y=0.94, fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    return fig


def plot_bf_study(
    store: str | Path | StudyResults, out_dir: str | Path, *, scene: bool = True, dpi: int = 150
) -> list[Path]:
    """Write the figures of a blast-furnace study (module notes); returns the files written."""
    res = store if isinstance(store, StudyResults) else read_study(store)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if len(res) == 0:
        warnings.warn("blast-furnace study: no scenario with status OK, nothing to plot",
                      stacklevel=2)
        return []
    written: list[Path] = []
    fig = sweep_figure(res)
    if fig is not None:
        written.append(_save(fig, out_dir / "bf_sweep.png", dpi))
    i, ok = best_feasible(res, objective="co2_emissions")
    what = "lowest CO$_2$ inside all limits" if ok else "no scenario inside all limits"
    p = res.row_params(i)
    label = (f"{what}: PCI {p['pci_rate']:.0f} kg/t, O$_2$ +{p['oxygen_enrichment'] * 100:.0f} %, "
             f"blast {p['blast_temp'] - C0:.0f} °C")
    outputs = dict(res.row_outputs(i), reserve_zone_temp_C=p["reserve_zone_temp"] - C0)
    written.append(_save(rist_figure(outputs, title=label), out_dir / "bf_rist.png", dpi))
    written.append(_save(profiles_figure(res.row_profiles(i), outputs, title=label),
                         out_dir / "bf_profiles.png", dpi))
    if scene:
        from viz.bf_scene import render_bf_scene  # pyvista is slow to import

        plain = label.replace("$_2$", "2").replace("$", "")
        written.append(render_bf_scene(p, res.row_outputs(i), res.row_profiles(i),
                                       out_dir / "bf_scene.png", title=plain))
    return written


def _save(fig: Figure, path: Path, dpi: int) -> Path:
    fig.savefig(path, dpi=dpi)
    return path
