"""3-D picture of one fired-heater state: where the heat goes and how hot the metal gets.

A box heater drawn from its kernel parameters (``kernels.heater.PARAMS``): the firebox
(translucent, edges drawn), the radiant tubes around the walls coloured by tube-metal
temperature (profile ``T_metal_rad``), the floor burners and their flames, the shield
and convection banks on the roof coloured by flue-gas temperature (profile ``T_gas``),
the hood and the stack, and the flue-gas path from the bridgewall to the stack top as a
coloured ribbon with labelled temperatures. Temperatures are shown in °C.

``render_heater_scene`` writes a PNG off-screen; ``heater_plotter`` returns the
:class:`pyvista.Plotter` to show it interactively or export it (``export_html``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np

from kernels.heater import N_CELL, PARAMS
from viz.heater_layout import BoxHeaterLayout, box_heater_layout
from viz.meshes import box, rect_to_circle, replicate
from viz.offscreen import pv
from viz.scene_annotations import (
    Label,
    add_heading,
    fan_labels,
    fit_camera,
    oblique_view,
    scalar_bar_args,
    use_font,
)
from viz.units import KELVIN_OFFSET

METAL_CMAP = "plasma"
"""Colour map of tube-metal temperatures."""
GAS_CMAP = "coolwarm"
"""Colour map of flue-gas temperatures."""
METAL_TITLE = "tube metal [°C]"
GAS_TITLE = "flue gas [°C]"

VIEW = oblique_view(1.0, -1.6, 0.9)
"""Camera direction: from the front-right corner, above the firebox roof."""

_FOOTNOTE = (
    "Colours: radiant tubes = peak tube-metal temperature along each pass (crossover "
    "\u2192 outlet); banks and gas path = flue-gas temperature."
)
_DEFAULTS = {row.name: row.default for row in PARAMS}
_STEEL = "#8d949c"
_EDGE = "#4a4f57"


def render_heater_scene(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    path: str | Path,
    *,
    window_size: tuple[int, int] = (1600, 1000),
    title: str | None = None,
    full_stack: bool = False,
) -> Path:
    """Render a heater state off-screen to a PNG file.

    Parameters
    ----------
    params : mapping of str to float, or ndarray of shape (len(PARAMS),)
        Heater parameters in SI units, by name or as a vector in ``kernels.heater.PARAMS``
        order. Missing names take their default.
    outputs : mapping of str to float
        Scalar outputs in SI units (``kernels.heater.OUTPUTS``). Used: efficiency_lhv [1],
        fuel_flow [kg/s], bridgewall_temp, stack_temp, tube_metal_temp_max [K],
        flue_flow [kg/s] and fired_duty [W] (to size stack and flames). Missing ones are
        shown as "n/a" or replaced by the profiles.
    profiles : mapping of str to ndarray of shape (N_CELL,)
        ``T_metal_rad`` [K]: peak tube-metal temperature along the radiant coil,
        crossover (cell 0) to outlet; ``T_gas`` [K]: flue gas from the bridgewall
        (cell 0) to the convection exit (cell N_CELL - 1).
    path : str or Path
        PNG file to write; parent directories are created.
    window_size : (int, int), default (1600, 1000)
        Image width and height [px]. Text and margins scale with the size; below about
        1000 x 650 the heading no longer fits on one line.
    title : str, optional
        First line of the heading (e.g. which scenario this is).
    full_stack : bool, default False
        Draw the stack to scale. By default a stack taller than 0.6 firebox heights is
        drawn shortened, with break rings and its true height in its label, so that
        the firebox and banks stay large enough to read.

    Returns
    -------
    Path
        The PNG written.

    Notes
    -----
    Each pass of the coil takes a contiguous run of tubes around the walls; a tube's
    colour is ``T_metal_rad`` interpolated at its position along its pass. Bank row
    ``r`` of ``n`` (shield rows first, from the bottom) takes ``T_gas`` at fraction
    ``(r + 1/2) / n`` of the gas path. Burner count, flame height and stack diameter are
    not kernel parameters and are drawn from rules of thumb, see
    :func:`viz.heater_layout.box_heater_layout`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plotter = heater_plotter(params, outputs, profiles, window_size=window_size, title=title,
                             full_stack=full_stack, off_screen=True)
    try:
        plotter.screenshot(str(path))
    finally:
        plotter.close()
    return path


def heater_plotter(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    *,
    window_size: tuple[int, int] = (1600, 1000),
    title: str | None = None,
    full_stack: bool = False,
    off_screen: bool | None = None,
) -> pv.Plotter:
    """Build the heater scene of :func:`render_heater_scene` and return its plotter.

    ``off_screen=None`` follows ``pyvista.OFF_SCREEN``. Call ``.show()`` on the result
    for an interactive window, or ``.screenshot(path)``.
    """
    p = heater_params(params)
    out = {k: float(v) for k, v in outputs.items()}
    t_metal = _profile_C(profiles, "T_metal_rad", out.get("tube_metal_temp_max"))
    t_gas = _profile_C(profiles, "T_gas", out.get("bridgewall_temp"), out.get("stack_temp"))
    t_bw = _C(out.get("bridgewall_temp"), t_gas[0])
    t_stack = _C(out.get("stack_temp"), t_gas[-1])
    gas_clim = _clim([t_gas.min(), t_gas.max(), t_bw, t_stack])

    lay = box_heater_layout(
        p,
        flue_flow=out.get("flue_flow"),
        stack_temp=out.get("stack_temp"),
        fired_duty=out.get("fired_duty"),
        max_stack_ratio=None if full_stack else 0.6,
    )
    kwargs = {} if off_screen is None else {"off_screen": off_screen}
    pl = pv.Plotter(window_size=list(window_size), theme=pv.themes.DocumentTheme(), **kwargs)
    pl.set_background("white")
    _add_firebox(pl, lay)
    _add_radiant_coil(pl, lay, t_metal)
    _add_burners(pl, lay)
    _add_banks(pl, lay, t_gas, gas_clim)
    _add_hood_and_stack(pl, lay)
    _add_gas_path(pl, lay, t_gas, t_bw, t_stack, gas_clim)
    labels = _add_labels(pl, lay, p, t_gas, t_bw, t_stack)
    add_heading(pl, title or "Fired heater", _key_outputs(out, p, t_metal, t_bw, t_stack),
                _FOOTNOTE)
    use_font(pl)
    fit_camera(pl, VIEW, _outline_points(lay), labels,
               right_px=int(0.22 * window_size[0]), bottom_px=25)
    return pl


def heater_params(params: Mapping[str, float] | np.ndarray) -> dict[str, float]:
    """Parameters as a name -> SI value dict, defaults filled in from ``PARAMS``."""
    if isinstance(params, Mapping):
        unknown = set(params) - set(_DEFAULTS)
        if unknown:
            raise KeyError(f"unknown heater parameter(s): {sorted(unknown)}")
        return {**_DEFAULTS, **{k: float(v) for k, v in params.items()}}
    vec = np.asarray(params, dtype=float).ravel()
    if vec.size != len(PARAMS):
        raise ValueError(
            f"params vector has {vec.size} values, kernels.heater.PARAMS has {len(PARAMS)}"
        )
    return {row.name: float(v) for row, v in zip(PARAMS, vec, strict=True)}


# ---------------------------------------------------------------- scene parts


def _add_firebox(pl: pv.Plotter, lay: BoxHeaterLayout) -> None:
    length, width, height = lay.firebox
    xs, ys = (-0.5 * length, 0.5 * length), (-0.5 * width, 0.5 * width)
    casing = box(xs, ys, (0.0, height))
    pl.add_mesh(casing, color="#b0b7c0", opacity=0.07, show_edges=False)
    pl.add_mesh(casing, style="wireframe", color=_EDGE, line_width=2)
    pl.add_mesh(box(xs, ys, (-0.3, 0.0)), color="#d9ccb4")  # refractory floor


def _add_radiant_coil(pl: pv.Plotter, lay: BoxHeaterLayout, t_metal: np.ndarray) -> None:
    z0, z1 = lay.rad_z
    tube = pv.Cylinder(direction=(0, 0, 1), radius=lay.rad_radius, height=z1 - z0,
                       resolution=14, capping=True)
    centres = np.column_stack([lay.rad_xy, np.full(len(lay.rad_xy), 0.5 * (z0 + z1))])
    values = np.interp(lay.rad_coil_fraction, np.linspace(0.0, 1.0, t_metal.size), t_metal)
    mesh = replicate(tube, centres, values, METAL_TITLE)
    pl.add_mesh(mesh, scalars=METAL_TITLE, cmap=METAL_CMAP, clim=_clim(t_metal),
                smooth_shading=True,
                scalar_bar_args=scalar_bar_args(METAL_TITLE, 0.79, pl.window_size))


def _add_burners(pl: pv.Plotter, lay: BoxHeaterLayout) -> None:
    n = len(lay.burner_xy)
    r, h = lay.flame_radius, lay.flame_height
    tile = pv.Cylinder(direction=(0, 0, 1), radius=1.3 * r, height=0.25, resolution=24)
    outer = pv.Cone(direction=(0, 0, 1), height=h, radius=r, resolution=24)
    inner = pv.Cone(direction=(0, 0, 1), height=0.6 * h, radius=0.55 * r, resolution=24)
    xy = lay.burner_xy
    pl.add_mesh(replicate(tile, np.column_stack([xy, np.full(n, 0.125)])), color="#3c3c3c")
    pl.add_mesh(replicate(outer, np.column_stack([xy, np.full(n, 0.25 + 0.5 * h)])),
                color="#ff7a00", opacity=0.55, smooth_shading=True)
    pl.add_mesh(replicate(inner, np.column_stack([xy, np.full(n, 0.25 + 0.3 * h)])),
                color="#ffd23f", opacity=0.9, smooth_shading=True)


def _add_banks(pl: pv.Plotter, lay: BoxHeaterLayout, t_gas: np.ndarray, clim) -> None:
    half_l, half_w = 0.5 * lay.bank_length, 0.5 * lay.bank_width
    casing = box((-half_l - 0.3, half_l + 0.3), (-half_w, half_w), lay.bank_z)
    pl.add_mesh(casing, color="#b0b7c0", opacity=0.07)
    pl.add_mesh(casing, style="wireframe", color=_EDGE, line_width=2)
    if lay.row_z.size == 0:
        return
    tube = pv.Cylinder(direction=(1, 0, 0), radius=lay.bank_radius, height=lay.bank_length,
                       resolution=14, capping=True)
    t_row = np.interp(lay.row_gas_fraction, np.linspace(0.0, 1.0, t_gas.size), t_gas)
    centres, values = [], []
    for z, ys, t in zip(lay.row_z, lay.row_tube_y, t_row, strict=True):
        centres += [(0.0, y, z) for y in ys]
        values += [t] * len(ys)
    mesh = replicate(tube, np.array(centres), np.array(values), GAS_TITLE)
    pl.add_mesh(mesh, scalars=GAS_TITLE, cmap=GAS_CMAP, clim=clim, smooth_shading=True,
                scalar_bar_args=scalar_bar_args(GAS_TITLE, 0.90, pl.window_size))


def _add_hood_and_stack(pl: pv.Plotter, lay: BoxHeaterLayout) -> None:
    z0, z1 = lay.transition_z
    hood = rect_to_circle(lay.bank_length + 0.6, lay.bank_width, lay.stack_radius, z0, z1)
    pl.add_mesh(hood, color=_STEEL, opacity=0.35, smooth_shading=True)
    s0, s1 = lay.stack_z
    if s1 <= s0:
        return
    # a shortened stack is drawn with a break: a gap between two cut rings
    cuts = [(s0, s1)]
    if lay.stack_shortened:
        gap = 0.04 * (s1 - s0)
        mid = s0 + 0.75 * (s1 - s0)
        cuts = [(s0, mid - 0.5 * gap), (mid + 0.5 * gap, s1)]
        for z in (mid - 0.5 * gap, mid + 0.5 * gap):
            ring = pv.Disc(center=(0, 0, z), inner=0.92 * lay.stack_radius,
                           outer=1.04 * lay.stack_radius, c_res=48)
            pl.add_mesh(ring, color=_EDGE)
    for a, b in cuts:
        stack = pv.Cylinder(center=(0, 0, 0.5 * (a + b)), direction=(0, 0, 1),
                            radius=lay.stack_radius, height=b - a, resolution=48,
                            capping=False)
        pl.add_mesh(stack, color=_STEEL, opacity=0.3, smooth_shading=True)


def _add_gas_path(pl, lay: BoxHeaterLayout, t_gas, t_bw, t_stack, clim) -> None:
    """Flue-gas path up the heater axis as a ribbon coloured by its temperature."""
    z_cells = _gas_cell_z(lay, t_gas.size)
    b0, b1 = lay.bank_z
    top = max(lay.stack_z[1], lay.transition_z[1])
    z = np.concatenate(([b0], z_cells, [b1, lay.transition_z[1], top]))
    t = np.concatenate(([t_bw], t_gas, [t_gas[-1], t_stack, t_stack]))
    keep = np.concatenate(([True], np.diff(z) > 1e-9))
    n = int(keep.sum())
    line = pv.lines_from_points(np.column_stack([np.zeros(n), np.zeros(n), z[keep]]))
    line.point_data[GAS_TITLE] = t[keep]
    ribbon = line.tube(radius=max(0.35 * lay.stack_radius, 0.1), n_sides=24)
    pl.add_mesh(ribbon, scalars=GAS_TITLE, cmap=GAS_CMAP, clim=clim, smooth_shading=True,
                show_scalar_bar=lay.row_z.size == 0,
                scalar_bar_args=scalar_bar_args(GAS_TITLE, 0.90, pl.window_size))


def _add_labels(pl, lay: BoxHeaterLayout, p, t_gas, t_bw, t_stack) -> list[Label]:
    """Flue-gas temperatures on the right of the heater, what is what on the left."""
    length, width, _ = lay.firebox
    z_cells = _gas_cell_z(lay, t_gas.size)
    top = max(lay.stack_z[1], lay.transition_z[1])
    n_shield = int(lay.row_is_shield.sum())
    n_conv = lay.row_z.size - n_shield

    gas = [((0.0, 0.0, lay.bank_z[0]), f"bridgewall {t_bw:.0f} °C")]
    if 0 < n_shield < lay.row_z.size:
        frac = n_shield / lay.row_z.size
        t_sh = float(np.interp(frac, np.linspace(0.0, 1.0, t_gas.size), t_gas))
        z_sh = z_cells[0] + frac * (z_cells[-1] - z_cells[0])
        gas.append(((0.0, 0.0, z_sh), f"shield exit {t_sh:.0f} °C"))
    gas.append(((0.0, 0.0, z_cells[-1]), f"convection exit {t_gas[-1]:.0f} °C"))
    stack_text = f"stack {t_stack:.0f} °C"
    if p["air_preheat_temp"] > p["ambient_temp"] + 1.0 and t_stack < t_gas[-1] - 1.0:
        stack_text += " (after the air preheater)"
    gas.append(((0.0, 0.0, top), stack_text))

    left = lay.rad_xy[np.argmin(lay.rad_xy @ VIEW.right[:2])]
    n_rad = len(lay.rad_xy)
    passes = int(min(max(round(p.get("passes", 1.0)), 1), n_rad))
    parts = [
        ((left[0], left[1], 0.5 * (lay.rad_z[0] + lay.rad_z[1])),
         f"radiant coil: {_count(n_rad, 'tube')}, {_count(passes, 'pass')}"),
        ((*lay.burner_xy[0], 0.6 * lay.flame_height), f"{len(lay.burner_xy)} floor burners"),
    ]
    per_row = len(lay.row_tube_y[0]) if lay.row_tube_y else 0
    x_end = -0.5 * lay.bank_length
    if n_shield:
        z = float(np.mean(lay.row_z[:n_shield]))
        parts.append(((x_end, 0.0, z), f"shield: {n_shield} rows x {per_row} bare tubes"))
    if n_conv:
        z = float(np.mean(lay.row_z[n_shield:]))
        parts.append(((x_end, 0.0, z), f"convection: {n_conv} rows x {per_row} finned tubes"))
    if lay.stack_z[1] > lay.stack_z[0]:
        z = lay.stack_z[0] + 0.4 * (lay.stack_z[1] - lay.stack_z[0])
        note = " (drawn shortened)" if lay.stack_shortened else ""
        parts.append(((-lay.stack_radius, 0.0, z), f"stack: {lay.stack_height:.0f} m{note}"))

    reach = 0.5 * float(np.hypot(length, width)) + 1.5
    gap = 0.06 * top
    return (fan_labels(pl, VIEW, gas, side=+1.0, reach=reach, gap=gap)
            + fan_labels(pl, VIEW, parts, side=-1.0, reach=reach, gap=gap))


def _gas_cell_z(lay: BoxHeaterLayout, n_cell: int) -> np.ndarray:
    """Heights [m] of the flue-gas profile cells: bottom of the shield to top of the banks."""
    if lay.row_z.size > 1:
        half = 0.5 * (lay.row_z[1] - lay.row_z[0])
        return np.linspace(lay.row_z[0] - half, lay.row_z[-1] + half, n_cell)
    return np.linspace(lay.bank_z[0], lay.bank_z[1], n_cell)


def _outline_points(lay: BoxHeaterLayout) -> np.ndarray:
    """Corners of the firebox, the banks and the stack top: what must be in view."""
    length, width, height = lay.firebox
    half_l, half_w = 0.5 * lay.bank_length + 0.3, 0.5 * lay.bank_width
    r = lay.stack_radius
    top = max(lay.stack_z[1], lay.transition_z[1])
    return np.array(
        [(sx * 0.5 * length, sy * 0.5 * width, z) for sx in (-1, 1) for sy in (-1, 1)
         for z in (-0.3, height)]
        + [(sx * half_l, sy * half_w, lay.bank_z[1]) for sx in (-1, 1) for sy in (-1, 1)]
        + [(sx * r, sy * r, top) for sx in (-1, 1) for sy in (-1, 1)]
    )


# ---------------------------------------------------------------- helpers


def _key_outputs(out: dict, p: dict, t_metal: np.ndarray, t_bw: float, t_stack: float) -> str:
    """One line: efficiency, fuel, bridgewall, stack and peak tube-metal temperature."""
    eff = out.get("efficiency_lhv")
    fuel = out.get("fuel_flow")
    tmt = _C(out.get("tube_metal_temp_max"), float(t_metal.max()))
    tmt_limit = p["limit_tube_metal_temp"] - KELVIN_OFFSET
    parts = [
        f"efficiency {100 * eff:.1f} % (LHV)" if _finite(eff) else "efficiency n/a",
        f"fuel {3600 * fuel:,.0f} kg/h" if _finite(fuel) else "fuel n/a",
        f"bridgewall {t_bw:.0f} °C",
        f"stack {t_stack:.0f} °C",
        f"peak TMT {tmt:.0f} °C (limit {tmt_limit:.0f} °C)",
    ]
    return "  \u00b7  ".join(parts)


def _count(n: int, noun: str) -> str:
    """``"1 tube"``, ``"4 tubes"``, ``"2 passes"``."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun}{'es' if noun.endswith('s') else 's'}"


def _profile_C(profiles: Mapping[str, np.ndarray], name: str, *fallback_K) -> np.ndarray:
    """Profile ``name`` in °C; if absent, a line through the given fallback values [K]."""
    if name in profiles:
        values = np.asarray(profiles[name], dtype=float).ravel()
        if values.size and np.all(np.isfinite(values)):
            return values - KELVIN_OFFSET
    known = [v for v in fallback_K if _finite(v)]
    if not known:
        raise KeyError(f"profile {name!r} is missing and no output can stand in for it")
    return np.linspace(known[0], known[-1], N_CELL) - KELVIN_OFFSET


def _C(value_K: float | None, fallback_C: float) -> float:
    return float(value_K) - KELVIN_OFFSET if _finite(value_K) else float(fallback_C)


def _finite(value) -> bool:
    return value is not None and bool(np.isfinite(value))


def _clim(values) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi - lo < 10.0:
        mid = 0.5 * (lo + hi)
        lo, hi = mid - 5.0, mid + 5.0
    return lo, hi
