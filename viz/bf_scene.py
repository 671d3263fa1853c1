"""3-D scene of a blast-furnace state: the axisymmetric furnace cut open.

The furnace is a surface of revolution (throat, stack, belly, bosh, hearth) around the
vertical axis, drawn as a half shell so that its meridional section shows: the left half
of the section is coloured by the gas temperature, the right half by the burden
temperature, both from the 1-D zoned profile of :mod:`kernels.blast_furnace` (one value
per level). The cohesive zone (burden between softening and melting) is a purple band,
the thermal reserve zone is outlined, and the tuyeres are a ring of short cylinders.

The lines of the furnace are proportions of a typical large furnace (throat 0.75, belly
1.15 and hearth 1.0 times the mean stack diameter; belly at 60-75 % of the stockline-to-
tuyere height; hearth 0.2 of it below the tuyeres), scaled to ``shaft_diameter`` and
``stockline_to_tuyere``: a drawing of the state, not of a particular furnace.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np

from viz.offscreen import pv
from viz.scene_annotations import add_heading, use_font

C0 = 273.15
_CMAP = "inferno"


def furnace_radius(depth: np.ndarray, diameter: float, height: float) -> np.ndarray:
    """Inner radius [m] at ``depth`` below the stockline (module notes for the lines)."""
    r = 0.5 * diameter
    knots = np.array([0.0, 0.6, 0.75, 0.95, 1.0, 1.2]) * height
    radii = np.array([0.75, 1.15, 1.15, 1.0, 1.0, 1.0]) * r
    return np.interp(depth, knots, radii)


def render_bf_scene(params: Mapping[str, float], outputs: Mapping[str, float],
                    profiles: Mapping[str, np.ndarray], path: str | Path, *,
                    window_size: tuple[int, int] = (1400, 1200), title: str | None = None) -> Path:
    """Render a blast-furnace state off-screen to a PNG file and return its path.

    ``params``, ``outputs`` in SI by name (``shaft_diameter``, ``stockline_to_tuyere``,
    ``raft``, ``top_gas_temp``, zone heights, cohesive-zone depths); ``profiles``:
    ``depth``, ``T_gas``, ``T_solid``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pl = bf_plotter(params, outputs, profiles, window_size=window_size, title=title,
                    off_screen=True)
    try:
        pl.screenshot(str(path))
    finally:
        pl.close()
    return path


def bf_plotter(params: Mapping[str, float], outputs: Mapping[str, float],
               profiles: Mapping[str, np.ndarray], *, window_size: tuple[int, int] = (1400, 1200),
               title: str | None = None, off_screen: bool | None = None) -> pv.Plotter:
    """Build the scene of :func:`render_bf_scene` and return its plotter."""
    d = float(params["shaft_diameter"])
    h = float(params["stockline_to_tuyere"])
    depth = np.asarray(profiles["depth"], dtype=float)
    t_gas = np.asarray(profiles["T_gas"], dtype=float) - C0
    t_solid = np.asarray(profiles["T_solid"], dtype=float) - C0
    clim = (float(min(t_gas.min(), t_solid.min())), float(max(t_gas.max(), t_solid.max())))
    kwargs = {} if off_screen is None else {"off_screen": off_screen}
    pl = pv.Plotter(window_size=list(window_size), theme=pv.themes.DocumentTheme(), **kwargs)
    pl.set_background("white")

    # shell: half surface of revolution, behind the section plane (y >= 0)
    zz = np.linspace(0.0, 1.2 * h, 121)
    rr = furnace_radius(zz, d, h) + 0.6
    phi = np.linspace(0.0, np.pi, 61)
    x = np.outer(rr, np.cos(phi))
    y = np.outer(rr, np.sin(phi))
    z = -np.repeat(zz[:, None], phi.size, axis=1)
    pl.add_mesh(pv.StructuredGrid(x, y, z), color="#9aa3ab", opacity=0.35, smooth_shading=True)

    # section: gas on the left (x < 0), burden on the right, down to the tuyeres
    s = np.linspace(0.0, 1.0, 12)
    for sign, temps, name in ((-1.0, t_gas, "gas"), (1.0, t_solid, "burden")):
        r = furnace_radius(depth, d, h)
        xs = sign * np.outer(r, s)
        grid = pv.StructuredGrid(xs, np.zeros_like(xs), -np.repeat(depth[:, None], s.size, axis=1))
        # pyvista orders the points of a structured grid column-major
        grid.point_data["T"] = np.repeat(temps[:, None], s.size, axis=1).ravel(order="F")
        pl.add_mesh(grid, scalars="T", cmap=_CMAP, clim=clim, show_scalar_bar=(sign > 0),
                    scalar_bar_args={"title": "temperature [°C]", "vertical": True,
                                     "position_x": 0.84, "position_y": 0.2, "height": 0.6,
                                     "width": 0.05, "fmt": "%.0f"})
        pl.add_point_labels([[sign * 0.3 * d, -0.1, -0.3 * h]], [name], font_size=20,
                            shape_opacity=0.6, show_points=False)

    # hearth below the tuyeres: hot metal and slag at their temperatures
    zh = np.linspace(h, 1.2 * h, 6)
    rh = furnace_radius(zh, d, h)
    xs = np.outer(rh, np.linspace(-1.0, 1.0, 23))
    hearth = pv.StructuredGrid(xs, np.zeros_like(xs), -np.repeat(zh[:, None], 23, axis=1))
    hearth.point_data["T"] = np.full(xs.size, float(params.get("hm_temp", 1773.15)) - C0)
    pl.add_mesh(hearth, scalars="T", cmap=_CMAP, clim=clim, show_scalar_bar=False)

    _add_zone_outline(pl, outputs.get("cohesive_zone_top"), outputs.get("cohesive_zone_bottom"),
                      d, h, "#8e44ad", "cohesive zone")
    up = float(outputs.get("upper_zone_height", np.nan))
    low = float(outputs.get("lower_zone_height", np.nan))
    if np.isfinite(up) and np.isfinite(low) and up + low < h:
        _add_zone_outline(pl, up, h - low, d, h, "#1e8449", "thermal reserve zone")
    _add_tuyeres(pl, d, h)
    heading = title or "Blast furnace"
    sub = (f"RAFT {outputs['raft'] - C0:.0f} °C   top gas {outputs['top_gas_temp'] - C0:.0f} °C   "
           f"coke {outputs['coke_rate']:.0f} kg/t   carbon {outputs['carbon_rate']:.0f} kg/t   "
           f"η_CO {outputs['eta_co']:.3f}")
    add_heading(pl, heading, sub, "Section: gas temperature on the left half, burden on the right; "
                "1-D zoned profile drawn on a furnace of typical proportions")
    use_font(pl)
    pl.camera_position = [(0.35 * h, -2.4 * h, -0.45 * h), (0.0, 0.0, -0.6 * h), (0.0, 0.0, 1.0)]
    pl.camera.parallel_projection = True
    pl.camera.parallel_scale = 0.72 * h
    return pl


def _add_zone_outline(pl, top, bottom, d, h, colour, label) -> None:
    """Outline of a horizontal zone between two depths on the section plane."""
    if top is None or bottom is None or not (np.isfinite(top) and np.isfinite(bottom)):
        return
    r_top = float(furnace_radius(np.array([top]), d, h)[0])
    r_bot = float(furnace_radius(np.array([bottom]), d, h)[0])
    pts = np.array([[-r_top, -0.05, -top], [r_top, -0.05, -top], [r_bot, -0.05, -bottom],
                    [-r_bot, -0.05, -bottom], [-r_top, -0.05, -top]])
    pl.add_mesh(pv.lines_from_points(pts), color=colour, line_width=4)
    pl.add_point_labels([[r_top + 1.5, -0.05, -0.5 * (top + bottom)]], [label], font_size=16,
                        text_color=colour, shape_opacity=0.0, show_points=False)


def _add_tuyeres(pl, d, h) -> None:
    """A ring of 24 tuyeres at the tuyere level (stockline_to_tuyere below the stockline)."""
    r = float(furnace_radius(np.array([h]), d, h)[0])
    for a in np.linspace(0.0, np.pi, 13):
        centre = ((r + 0.5) * np.cos(a), (r + 0.5) * np.sin(a), -h)
        pl.add_mesh(pv.Cylinder(center=centre, direction=(np.cos(a), np.sin(a), 0.0),
                                radius=0.25, height=1.4), color="#2c3e50")
    pl.add_point_labels([[-r - 2.0, 0.0, -h]], ["tuyeres"], font_size=16, shape_opacity=0.0,
                        show_points=False)
