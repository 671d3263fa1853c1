"""Figures of a calibration read from its HDF5 file (``heattwin calibrate --plots``).

- ``calibration_parity.png``: model against measured, one panel per measured output,
  points coloured by time, the 1:1 line and a ±2 sigma band;
- ``calibration_residuals.png``: model minus measured against time, one panel per
  output, with the ±1 and ±2 sigma bands of each row and the excluded rows marked;
- ``calibration_drift.png`` (when a parameter drifts, ``name@start``/``name@end``): the
  fitted parameter against time with its ±2 standard-error band, from the covariance
  of the two end values: var(f) = (1-f)² v_ss + f² v_ee + 2 f (1-f) c_se.

Values are SI in the file and shown in display units (:mod:`viz.units`); residuals are
differences, so they take the display scale without the offset (K for °C).
"""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from viz.units import axis_label, display_unit, quantity_name


def plot_calibration(store_path: str | Path, out_dir: str | Path, *, dpi: int = 130) -> list[Path]:
    """Write the parity and residual figures of a calibration; returns their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with h5py.File(store_path, "r") as h5:
        g = h5["calibration"]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in g["measurement"][...]]
        units = [u.decode() if isinstance(u, bytes) else str(u) for u in g["measurement_units"][...]]
        t_day = g["time"][...] / 86400.0
        used = g["used"][...].astype(bool)
        measured = {n: g[f"measured_{n}"][...] for n in names}
        sigma = {n: g[f"sigma_{n}"][...] for n in names}
        model = {n: h5["outputs"][n][...] for n in names}
        title = str(h5.attrs.get("unit", "")) + " calibration"
        chi2 = float(g.attrs["reduced_chi2"])
        fitted = [n.decode() if isinstance(n, bytes) else str(n) for n in g["fitted"][...]]
        estimate, cov = g["estimate"][...], g["covariance"][...]
        fitted_units = [u.decode() if isinstance(u, bytes) else str(u) for u in g["units"][...]]
    k = len(names)
    paths = []

    fig = Figure(figsize=(4.2 * k, 4.4), layout="constrained")
    for i, (name, unit) in enumerate(zip(names, units, strict=True)):
        ax = fig.add_subplot(1, k, i + 1)
        d = display_unit(name, unit)
        x = measured[name][used] * d.scale + d.offset
        y = model[name][used] * d.scale + d.offset
        two_sigma = 2.0 * np.median(sigma[name][used]) * d.scale
        lo, hi = np.nanmin(np.r_[x, y]), np.nanmax(np.r_[x, y])
        pad = 0.05 * (hi - lo)
        line = np.array([lo - pad, hi + pad])
        ax.fill_between(line, line - two_sigma, line + two_sigma, color="0.88", label="±2σ (median σ)")
        ax.plot(line, line, color="0.3", lw=1.0, label="model = measured")
        sc = ax.scatter(x, y, c=t_day[used], s=8, cmap="viridis")
        ax.set_xlim(line)
        ax.set_ylim(line)
        ax.set_aspect("equal")
        ax.set_xlabel("measured " + axis_label(name, unit))
        ax.set_ylabel("model " + axis_label(name, unit))
        ax.set_title(quantity_name(name))
        if i == 0:
            ax.legend(loc="upper left", fontsize=8)
    fig.colorbar(sc, ax=fig.axes, label="time [day]", shrink=0.8)
    fig.suptitle(f"{title}: model vs measured over {int(used.sum())} of {used.size} rows, χ²/dof = {chi2:.3g}")
    paths.append(_save(fig, out_dir / "calibration_parity.png", dpi))

    fig = Figure(figsize=(10, 2.3 * k + 0.6), layout="constrained")
    axes = fig.subplots(k, 1, sharex=True, squeeze=False)[:, 0]
    for ax, name, unit in zip(axes, names, units, strict=True):
        d = display_unit(name, unit)
        delta = "K" if d.unit == "°C" else d.unit
        r = (model[name] - measured[name]) * d.scale
        s = sigma[name] * d.scale
        ax.fill_between(t_day, -2 * s, 2 * s, color="0.9", label="±2σ", step="mid")
        ax.fill_between(t_day, -s, s, color="0.78", label="±1σ", step="mid")
        ax.axhline(0.0, color="0.3", lw=0.8)
        ax.plot(t_day[used], r[used], ".", ms=3, color="C0", label="model − measured")
        for t in t_day[~used]:
            ax.axvline(t, color="C3", lw=0.8, alpha=0.5)
        ax.set_ylabel(f"{quantity_name(name)}\n[{delta}]")
    axes[0].plot([], [], color="C3", lw=0.8, alpha=0.5, label="excluded row")
    axes[0].legend(loc="upper right", ncol=4, fontsize=8)
    axes[-1].set_xlabel("time [day]")
    fig.suptitle(f"{title}: residuals against time")
    paths.append(_save(fig, out_dir / "calibration_residuals.png", dpi))

    drifting = [n.removesuffix("@start") for n in fitted if n.endswith("@start")]
    if drifting:
        fig = Figure(figsize=(10, 2.6 * len(drifting) + 0.6), layout="constrained")
        axes = fig.subplots(len(drifting), 1, sharex=True, squeeze=False)[:, 0]
        f = (t_day - np.nanmin(t_day)) / (np.nanmax(t_day) - np.nanmin(t_day))
        for ax, name in zip(axes, drifting, strict=True):
            a, b = fitted.index(f"{name}@start"), fitted.index(f"{name}@end")
            value = estimate[a] + (estimate[b] - estimate[a]) * f
            se = np.sqrt((1 - f) ** 2 * cov[a, a] + f**2 * cov[b, b] + 2 * f * (1 - f) * cov[a, b])
            ax.fill_between(t_day, value - 2 * se, value + 2 * se, color="C0", alpha=0.25, label="±2 s.e.")
            ax.plot(t_day, value, color="C0", label="fitted (linear drift)")
            ax.set_ylabel(axis_label(name, fitted_units[a]))
            ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4))
            ax.legend(loc="upper left", fontsize=8)
        axes[-1].set_xlabel("time [day]")
        fig.suptitle(f"{title}: drifting parameters")
        paths.append(_save(fig, out_dir / "calibration_drift.png", dpi))
    return paths


def _save(fig: Figure, path: Path, dpi: int) -> Path:
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=dpi)
    return path
