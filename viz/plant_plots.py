"""Pictures of a plant run read from its HDF5 file (``/plant``, see plants.monitor).

:func:`plot_heater_fleet` draws one figure of a heater-fleet year: crude charge per
heater against the plan, peak tube-metal temperature against its limit, the coke
(fouling resistance) of each heater, fuel fired with the fuel price, and a bar chart of
what each heater was doing (on line, tripped, waiting for the crew, decoking).
"""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

STATE_COLOURS = ("#4c9f70", "#d1495b", "#edae49", "#6c757d")
STATE_LABELS = ("on line", "tripped", "waiting for crew", "decoking")


def plot_heater_fleet(path: str | Path, out_dir: str | Path) -> list[Path]:
    """Write ``<plant name>_timeline.png`` into ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with h5py.File(path, "r") as f:
        g = f["plant"]
        name = str(f.attrs.get("plant_name", Path(path).stem))
        day = g["time"][...] / 24.0
        members = [m.decode() if isinstance(m, bytes) else str(m) for m in g["member"][...]]
        s = {k: g[k][...] for k in g if isinstance(g[k], h5py.Dataset)}
    end = day[-1] + (day[-1] - day[-2] if day.size > 1 else 1.0)
    edges = np.append(day, end)

    fig = Figure(figsize=(11, 13))
    FigureCanvasAgg(fig)
    ax = fig.subplots(5, 1, sharex=True, gridspec_kw={"height_ratios": [3, 3, 2.2, 2.2, 1.4]})
    colours = colormaps["tab10"].colors
    flows = np.nan_to_num(s["process_flow"])
    ax[0].stackplot(edges[:-1], flows.T, step="post", labels=members, colors=colours[: len(members)], alpha=0.8)
    ax[0].step(day, s["demand"], where="post", color="k", lw=1.2, label="crude plan")
    ax[0].set_ylabel("crude charge [kg/s]")
    ax[0].set_ylim(0, 1.15 * np.nanmax(s["demand"]))
    ax[0].legend(loc="lower left", ncols=len(members) + 1, fontsize=8)
    ax[0].set_title(f"{name}: {day[-1]:.0f} days of a heater fleet")

    limit = s["tube_metal_temp_max"] + s["tube_metal_margin"]
    for j, m in enumerate(members):
        ax[1].step(day, s["tube_metal_temp_max"][:, j] - 273.15, where="post", color=colours[j], lw=1.0, label=m)
        ax[2].step(day, 1e3 * s["fouling_resistance"][:, j], where="post", color=colours[j], lw=1.0)
        ax[3].step(day, 3600.0 * s["fuel_flow"][:, j] / 1e3, where="post", color=colours[j], lw=1.0)
    lim = np.nanmax(limit) - 273.15
    ax[1].axhline(lim, color="#d1495b", ls="--", lw=1.0)
    ax[1].text(day[0], lim, f" tube-metal limit {lim:.0f} °C", va="bottom", color="#d1495b", fontsize=8)
    ax[1].set_ylabel("peak tube metal [°C]")
    ax[1].set_ylim(top=lim + 25.0)
    ax[1].legend(loc="lower right", ncols=len(members), fontsize=8)
    ax[2].set_ylabel("coke $R_f$ [10$^{-3}$ m²K/W]")
    ax[3].set_ylabel("fuel fired [t/h]")
    price = ax[3].twinx()
    price.step(day, 1e9 * s["fuel_price"], where="post", color="0.35", lw=1.0, ls=":")
    price.set_ylabel("fuel price [per GJ]", color="0.35")
    price.set_ylim(0, 1.3e9 * np.nanmax(s["fuel_price"]))

    state = s["state"]
    for j in range(len(members)):
        for k, colour in enumerate(STATE_COLOURS):
            spans = _spans(edges, state[:, j] == k)
            ax[4].broken_barh(spans, (j - 0.4, 0.8), facecolors=colour)
    ax[4].set_yticks(range(len(members)), members)
    ax[4].invert_yaxis()
    ax[4].set_xlabel("day")
    ax[4].legend(handles=[Patch(color=c, label=t) for c, t in zip(STATE_COLOURS, STATE_LABELS, strict=True)],
                 loc="upper center", bbox_to_anchor=(0.5, -0.45), ncols=4, fontsize=8, frameon=False)
    for a in ax:
        a.grid(alpha=0.3)
        a.set_xlim(edges[0], edges[-1])
    fig.tight_layout()
    target = out_dir / f"{name}_timeline.png"
    fig.savefig(target, dpi=110)
    return [target]


def _spans(edges: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """(start, width) of each run of True in ``mask`` over intervals ``edges``."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    starts = np.flatnonzero(np.diff(padded) == 1)
    stops = np.flatnonzero(np.diff(padded) == -1)
    return [(edges[a], edges[b] - edges[a]) for a, b in zip(starts, stops, strict=True)]
