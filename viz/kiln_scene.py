"""3-D picture of one rotary-kiln state: shell, bed and gas temperatures along the kiln.

The kiln tube lies along the screen's left-to-right axis, solids feed end (z = 0) on the
left, burner and discharge end (z = L) on the right, drawn from its kernel parameters
(``kernels.kiln.PARAMS``): the steel shell coloured by its outer temperature
(profile ``T_shell``), cut open over its whole length by a wedge facing the camera so
that the lining section (coating, refractory, steel), the bed and the gas are seen; the
bed as the segment cut off by its chord (central angle from the fill of each cell), its
flat surface inclined at the dynamic angle of repose as in a rolling bed and coloured by
the bed temperature (``T_bed``); the gas as a core line on the kiln axis coloured by its
temperature (``T_gas``) with arrows for its flow towards the feed end; the burner and
its flame at z = L; arrows for the feed, the exhaust gas and the product; an axial
ruler in m. Bed and gas share one colour scale, the shell has its own; both in °C.

``render_kiln_scene`` writes a PNG off-screen; ``kiln_plotter`` returns the
:class:`pyvista.Plotter` to show it interactively or export it (``export_html``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kernels.kiln import N_CELL, PARAMS
from viz.offscreen import pv
from viz.scene_annotations import (
    FONT_FILE,
    LABEL_FONT_SIZE,
    TEXT_COLOR,
    add_heading,
    font_size,
    oblique_view,
    scalar_bar_args,
    text_scale,
    use_font,
)
from viz.units import KELVIN_OFFSET

PROCESS_CMAP = "turbo"
"""Colour map of the gas and bed temperatures."""
SHELL_CMAP = "viridis"
"""Colour map of the shell temperature."""
PROCESS_TITLE = "gas and bed [°C]"
SHELL_TITLE = "shell [°C]"

VIEW = oblique_view(-0.4, -1.0, 0.5)
"""Camera direction: in front of the kiln, a little above it and towards the feed end."""
CUT_CENTRE_DEG = 135.0
"""Centre of the cut-away wedge, angle in the cross-section from the +y axis [deg]."""
CUT_WIDTH_DEG = 110.0
"""Opening angle of the cut-away wedge [deg]."""
MAX_SLENDERNESS = 5.0
"""Length over outer diameter above which the radius is drawn enlarged (and so noted)."""

_DEFAULTS = {row.name: row.default for row in PARAMS}
_REFRACTORY = "#c9b496"
_COATING = "#9c8a6e"
_STEEL = "#5b6068"
_LINING_INSIDE = "#e4ddd3"
_EDGE = "#3d4148"


@dataclass(frozen=True)
class KilnGeometry:
    """Drawing dimensions of a kiln [m]: axial positions and radii (radii already scaled).

    ``x`` are the cell faces from the feed end (0) to the burner end (``length``);
    ``theta`` the bed's central angle at each face [rad]; ``radial_scale`` the factor
    the radii were drawn with (1 = to scale).
    """

    length: float
    r_in: float
    r_coat: float
    r_refr: float
    r_out: float
    x: np.ndarray
    theta: np.ndarray
    tilt: float
    radial_scale: float


def render_kiln_scene(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    path: str | Path,
    *,
    window_size: tuple[int, int] = (1600, 900),
    title: str | None = None,
    radial_scale: float | None = None,
) -> Path:
    """Render a kiln state off-screen to a PNG file.

    Parameters
    ----------
    params : mapping of str to float, or ndarray of shape (len(PARAMS),)
        Kiln parameters in SI units, by name or as a vector in ``kernels.kiln.PARAMS``
        order. Missing names take their default. Used: length, inner_radius,
        coating/refractory/shell thickness, fill_fraction, repose_angle, feed_rate,
        feed_temp, flame_length.
    outputs : mapping of str to float
        Scalar outputs in SI units (``kernels.kiln.OUTPUTS``). Used: bed_exit_temp,
        gas_exit_temp, gas_max_temp, shell_max_temp [K], heat_input, shell_loss [W],
        specific_heat_consumption [J/kg], residence_time [s]; missing ones are shown as
        "n/a" or taken from the profiles.
    profiles : mapping of str to ndarray of shape (n_cell,)
        ``T_gas``, ``T_bed``, ``T_shell`` [K] at the cell centres from the feed end;
        optional ``z`` [m] (cell centres), ``bed_depth`` [m] or ``fill`` [1] (bed
        cross-section per cell; else ``fill_fraction``).
    path : str or Path
        PNG file to write; parent directories are created.
    window_size : (int, int), default (1600, 900)
        Image width and height [px]; text scales with the size.
    title : str, optional
        First line of the heading.
    radial_scale : float, optional
        Factor on every radius. By default a kiln longer than ``MAX_SLENDERNESS`` outer
        diameters is drawn with its radius enlarged so that bed and gas stay visible;
        the footnote gives the factor. Pass 1 for a drawing to scale.

    Returns
    -------
    Path
        The PNG written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plotter = kiln_plotter(params, outputs, profiles, window_size=window_size, title=title,
                           radial_scale=radial_scale, off_screen=True)
    try:
        plotter.screenshot(str(path))
    finally:
        plotter.close()
    return path


def kiln_plotter(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    *,
    window_size: tuple[int, int] = (1600, 900),
    title: str | None = None,
    radial_scale: float | None = None,
    off_screen: bool | None = None,
) -> pv.Plotter:
    """Build the kiln scene of :func:`render_kiln_scene` and return its plotter.

    ``off_screen=None`` follows ``pyvista.OFF_SCREEN``. Call ``.show()`` on the result
    for an interactive window, or ``.screenshot(path)``.
    """
    p = kiln_params(params)
    out = {k: float(v) for k, v in outputs.items()}
    geo = kiln_geometry(p, profiles, radial_scale=radial_scale)
    z_cell = _cell_centres(profiles, geo.length)
    t_gas = _profile_C(profiles, "T_gas", z_cell, geo.x, out.get("gas_exit_temp"), out.get("gas_max_temp"))
    t_bed = _profile_C(profiles, "T_bed", z_cell, geo.x, p["feed_temp"], out.get("bed_exit_temp"))
    t_shell = _profile_C(profiles, "T_shell", z_cell, geo.x, out.get("shell_max_temp"))
    # the bed ends at its known boundary temperatures: feed in, product out
    t_bed[0] = p["feed_temp"] - KELVIN_OFFSET
    t_bed[-1] = _C(out.get("bed_exit_temp"), t_bed[-1])
    t_gas[0] = _C(out.get("gas_exit_temp"), t_gas[0])
    process_clim = _clim([t_bed.min(), t_bed.max(), t_gas.min(), t_gas.max()])
    shell_clim = _clim(t_shell)

    kwargs = {} if off_screen is None else {"off_screen": off_screen}
    pl = pv.Plotter(window_size=list(window_size), theme=pv.themes.DocumentTheme(), **kwargs)
    pl.set_background("white")
    _add_shell(pl, geo, t_shell, shell_clim)
    _add_lining(pl, geo)
    _add_bed(pl, geo, t_bed, process_clim)
    _add_gas(pl, geo, t_gas, process_clim)
    _add_burner(pl, geo, p)
    _add_flow_arrows(pl, geo)
    _add_ruler(pl, geo)
    labels = _add_labels(pl, geo, p, out, t_gas, t_bed, t_shell)
    add_heading(pl, title or "Rotary kiln", _key_outputs(out, p, t_bed, t_gas, t_shell),
                _footnote(geo))
    use_font(pl)
    _bar_titles_left(pl)
    _fit_camera(pl, geo, labels)
    return pl


def kiln_params(params: Mapping[str, float] | np.ndarray) -> dict[str, float]:
    """Parameters as a name -> SI value dict, defaults filled in from ``PARAMS``."""
    if isinstance(params, Mapping):
        unknown = set(params) - set(_DEFAULTS)
        if unknown:
            raise KeyError(f"unknown kiln parameter(s): {sorted(unknown)}")
        return {**_DEFAULTS, **{k: float(v) for k, v in params.items()}}
    vec = np.asarray(params, dtype=float).ravel()
    if vec.size != len(PARAMS):
        raise ValueError(
            f"params vector has {vec.size} values, kernels.kiln.PARAMS has {len(PARAMS)}"
        )
    return {row.name: float(v) for row, v in zip(PARAMS, vec, strict=True)}


def kiln_geometry(
    p: Mapping[str, float],
    profiles: Mapping[str, np.ndarray] | None = None,
    *,
    radial_scale: float | None = None,
) -> KilnGeometry:
    """Drawing dimensions of a kiln from its parameters (and bed profiles, if given).

    The bed's central angle theta follows from the bed depth h of each cell,
    ``h = R (1 - cos(theta / 2))``, or else from the fill fraction f,
    ``theta - sin(theta) = 2 pi f`` (circular segment); it is interpolated to the cell faces.
    """
    profiles = profiles or {}
    length = float(p["length"])
    r_in = float(p["inner_radius"])
    r_coat = r_in + float(p["coating_thickness"])
    r_refr = r_coat + float(p["refractory_thickness"])
    r_out = r_refr + float(p["shell_thickness"])
    if radial_scale is None:
        radial_scale = max(1.0, length / (2.0 * r_out * MAX_SLENDERNESS))
    n = _n_cells(profiles)
    x = np.linspace(0.0, length, n + 1)
    z_cell = _cell_centres(profiles, length)
    theta_cell = None
    depth = _finite_profile(profiles, "bed_depth")
    if depth is not None:
        theta_cell = 2.0 * np.arccos(np.clip(1.0 - depth / r_in, -1.0, 1.0))
    else:
        fill = _finite_profile(profiles, "fill")
        if fill is not None:
            theta_cell = np.array([central_angle(f) for f in fill])
    if theta_cell is None:
        theta = np.full(n + 1, central_angle(float(p["fill_fraction"])))
    else:
        theta = np.interp(x, z_cell, theta_cell)
    s = float(radial_scale)
    return KilnGeometry(length, s * r_in, s * r_coat, s * r_refr, s * r_out, x, theta,
                        float(p["repose_angle"]), s)


def central_angle(fill: float) -> float:
    """Central angle [rad] of a circular segment filling ``fill`` of the circle's area.

    Solves ``theta - sin(theta) = 2 pi fill`` by Newton's method (fill in [0, 1]).
    """
    target = 2.0 * np.pi * min(max(float(fill), 0.0), 1.0)
    theta = (12.0 * target) ** (1.0 / 3.0) if target < 1.0 else np.pi  # small-angle start
    for _ in range(50):
        step = (theta - np.sin(theta) - target) / max(1.0 - np.cos(theta), 1e-12)
        theta = min(max(theta - step, 0.0), 2.0 * np.pi)
        if abs(step) < 1e-13:
            break
    return float(theta)


# ---------------------------------------------------------------- scene parts


def _add_shell(pl: pv.Plotter, geo: KilnGeometry, t_shell: np.ndarray, clim) -> None:
    """Outer shell over the arc left by the cut-away, coloured by shell temperature."""
    phi = _arc()
    grid = _tube(geo.x, phi, geo.r_out)
    grid.point_data[SHELL_TITLE] = np.tile(t_shell, phi.size)  # x varies fastest
    pl.add_mesh(grid, scalars=SHELL_TITLE, cmap=SHELL_CMAP, clim=clim, smooth_shading=True,
                ambient=0.35, scalar_bar_args=_bar_args(SHELL_TITLE, 0.56, pl.window_size))


def _add_lining(pl: pv.Plotter, geo: KilnGeometry) -> None:
    """Inside surface of the lining and the lining's section on the cut and end faces."""
    phi = _arc()
    pl.add_mesh(_tube(geo.x, phi, geo.r_in), color=_LINING_INSIDE, smooth_shading=True,
                ambient=0.25)
    layers = [(geo.r_in, geo.r_coat, _COATING), (geo.r_coat, geo.r_refr, _REFRACTORY),
              (geo.r_refr, geo.r_out, _STEEL)]
    for r0, r1, colour in layers:
        if r1 - r0 <= 0.0:
            continue
        for angle in (phi[0], phi[-1]):  # the two faces of the cut
            pl.add_mesh(_radial_face(geo.x, angle, r0, r1), color=colour, ambient=0.3)
        for x_end in (0.0, geo.length):  # the two ends of the kiln
            pl.add_mesh(_annulus(x_end, phi, r0, r1), color=colour, ambient=0.3)
    # outline of the cut so the opening reads as a cut
    for angle in (phi[0], phi[-1]):
        for r in (geo.r_in, geo.r_out):
            y, z = r * np.cos(angle), r * np.sin(angle)
            pl.add_mesh(pv.Line((0.0, y, z), (geo.length, y, z)), color=_EDGE, line_width=1.5)
    for x_end in (0.0, geo.length):
        for r in (geo.r_in, geo.r_out):
            ring = np.column_stack([np.full(phi.size, x_end), r * np.cos(phi), r * np.sin(phi)])
            pl.add_mesh(pv.lines_from_points(ring), color=_EDGE, line_width=1.5)


def _add_bed(pl: pv.Plotter, geo: KilnGeometry, t_bed: np.ndarray, clim) -> None:
    """The bed: flat surface (chord) along the kiln and its segment at both ends."""
    a, b = _chord_angles(geo)
    n_across = 9
    s = np.linspace(0.0, 1.0, n_across)
    ya, za = geo.r_in * np.cos(a), geo.r_in * np.sin(a)
    yb, zb = geo.r_in * np.cos(b), geo.r_in * np.sin(b)
    X = np.repeat(geo.x[:, None], n_across, axis=1)
    Y = ya[:, None] + (yb - ya)[:, None] * s[None, :]
    Z = za[:, None] + (zb - za)[:, None] * s[None, :]
    surface = pv.StructuredGrid(X, Y, Z)
    # StructuredGrid orders points x-fastest (Fortran order)
    surface.point_data[PROCESS_TITLE] = np.repeat(t_bed[:, None], n_across, axis=1).ravel(order="F")
    kw = {"cmap": PROCESS_CMAP, "clim": clim, "show_scalar_bar": False}
    pl.add_mesh(surface, scalars=PROCESS_TITLE, smooth_shading=True, **kw)
    for i in (0, geo.x.size - 1):
        arc = np.linspace(a[i], b[i], 24)  # along the wall under the bed; the chord closes it
        pts = np.column_stack([np.full(arc.size, geo.x[i]), geo.r_in * np.cos(arc),
                               geo.r_in * np.sin(arc)])
        cap = pv.PolyData(pts, faces=np.concatenate([[arc.size], np.arange(arc.size)]))
        cap = cap.triangulate()
        cap.point_data[PROCESS_TITLE] = np.full(cap.n_points, t_bed[i])
        pl.add_mesh(cap, scalars=PROCESS_TITLE, **kw)
        pl.add_mesh(pv.lines_from_points(np.vstack([pts, pts[:1]])), color=_EDGE, line_width=1.5)


def _add_gas(pl: pv.Plotter, geo: KilnGeometry, t_gas: np.ndarray, clim) -> None:
    """Gas core line on the kiln axis, coloured by temperature, with flow arrows."""
    line = pv.lines_from_points(np.column_stack([geo.x, np.zeros_like(geo.x), np.zeros_like(geo.x)]))
    line.point_data[PROCESS_TITLE] = t_gas
    radius = 0.11 * geo.r_in
    pl.add_mesh(line.tube(radius=radius, n_sides=24), scalars=PROCESS_TITLE, cmap=PROCESS_CMAP,
                clim=clim, smooth_shading=True,
                scalar_bar_args=_bar_args(PROCESS_TITLE, 0.15, pl.window_size))
    # arrows towards the feed end: the gas flows from the burner to the exhaust
    for frac in (0.25, 0.5, 0.75):
        xc = frac * geo.length
        t = float(np.interp(xc, geo.x, t_gas))
        cone = pv.Cone(center=(xc, 0.0, 0.0), direction=(-1.0, 0.0, 0.0), height=5.0 * radius,
                       radius=2.2 * radius, resolution=24)
        cone.point_data[PROCESS_TITLE] = np.full(cone.n_points, t)
        pl.add_mesh(cone, scalars=PROCESS_TITLE, cmap=PROCESS_CMAP, clim=clim, show_scalar_bar=False,
                    smooth_shading=True)


def _add_burner(pl: pv.Plotter, geo: KilnGeometry, p: Mapping[str, float]) -> None:
    """Burner pipe through the discharge end and the flame (its length if given)."""
    lance = 0.14 * geo.length
    pl.add_mesh(pv.Cylinder(center=(geo.length + 0.5 * lance - 0.02 * geo.length, 0.0, 0.0),
                            direction=(1.0, 0.0, 0.0), radius=0.11 * geo.r_in, height=lance,
                            resolution=24),
                color="#2f3237", smooth_shading=True)
    flame = _flame_length(geo, p)
    outer = pv.Cone(center=(geo.length - 0.02 * geo.length - 0.5 * flame, 0.0, 0.0),
                    direction=(-1.0, 0.0, 0.0), height=flame, radius=0.38 * geo.r_in, resolution=32)
    inner = pv.Cone(center=(geo.length - 0.02 * geo.length - 0.3 * flame, 0.0, 0.0),
                    direction=(-1.0, 0.0, 0.0), height=0.6 * flame, radius=0.22 * geo.r_in,
                    resolution=32)
    pl.add_mesh(outer, color="#ff7a00", opacity=0.45, smooth_shading=True)
    pl.add_mesh(inner, color="#ffd23f", opacity=0.85, smooth_shading=True)


def _add_flow_arrows(pl: pv.Plotter, geo: KilnGeometry) -> None:
    """Feed in and exhaust out at z = 0; product out at z = L."""
    size = 0.09 * geo.length
    z_bed = _bed_surface_height(geo, 0)
    arrows = [
        ((-1.25 * size, 0.0, z_bed), (1.0, 0.0, 0.0), "#6b4f2a"),  # feed
        ((-0.15 * size, 0.0, 0.55 * geo.r_in), (-1.0, 0.0, 0.0), "#555a61"),  # exhaust gas
        ((geo.length + 0.25 * size, 0.0, _bed_surface_height(geo, -1)), (1.0, 0.0, 0.0), "#6b4f2a"),
    ]
    for start, direction, colour in arrows:
        arrow = pv.Arrow(start=start, direction=direction, scale=size, tip_length=0.35,
                         tip_radius=0.12, shaft_radius=0.045)
        pl.add_mesh(arrow, color=colour, smooth_shading=True)


def _add_ruler(pl: pv.Plotter, geo: KilnGeometry) -> None:
    """Axial scale under the kiln: ticks every nice step, labelled in m from the feed end."""
    z0 = -geo.r_out * 1.35
    y0 = 0.0
    pl.add_mesh(pv.Line((0.0, y0, z0), (geo.length, y0, z0)), color=_EDGE, line_width=2)
    step = _nice_step(geo.length / 6.0)
    ticks = np.arange(0.0, geo.length + 1e-9, step)
    tick_h = 0.12 * geo.r_out
    points, texts = [], []
    for t in ticks:
        pl.add_mesh(pv.Line((t, y0, z0), (t, y0, z0 - tick_h)), color=_EDGE, line_width=2)
        points.append((t, y0, z0 - 2.6 * tick_h))
        texts.append(f"{t:g} m")
    pl.add_point_labels(
        np.array(points), texts, font_size=font_size(LABEL_FONT_SIZE - 2, pl.window_size),
        text_color=TEXT_COLOR, font_file=FONT_FILE, show_points=False, shape=None,
        always_visible=True, justification_horizontal="center", justification_vertical="top",
    )


@dataclass(frozen=True)
class _Label:
    spot: np.ndarray
    text: str


def _add_labels(pl, geo: KilnGeometry, p, out, t_gas, t_bed, t_shell) -> list[_Label]:
    """What is what, with temperatures: a row of labels above and one below the kiln."""
    size = 0.09 * geo.length
    feed_kg_h = 3600.0 * p["feed_rate"]
    gas_exit = _C(out.get("gas_exit_temp"), t_gas[0])
    i_peak = int(np.argmax(t_gas))
    x_peak = float(geo.x[i_peak])
    i_shell = int(np.argmax(t_shell))
    heat = out.get("heat_input")
    burner = "burner"
    if _finite(heat):
        burner += f" {_power_text(heat)}"
    flame = p["flame_length"]
    burner += f", flame {flame:g} m" if flame > 0 else ", fuel burnt at the burner"
    above = [
        ((-0.6 * size, 0.0, 0.55 * geo.r_in), f"exhaust gas {gas_exit:.0f} °C"),
        ((x_peak, 0.0, 0.0), f"gas {t_gas.max():.0f} °C max (core line)"),
        ((geo.length + 0.9 * size, 0.0, 0.0), burner),
    ]
    loss = out.get("shell_loss")
    shell_text = f"shell {t_shell.max():.0f} °C max"
    if _finite(loss):
        shell_text += f", loss {_power_text(loss)}"
    shell_phi = np.radians(CUT_CENTRE_DEG + 0.5 * CUT_WIDTH_DEG + 25.0)
    shell_anchor = (float(geo.x[i_shell]), geo.r_out * np.cos(shell_phi), geo.r_out * np.sin(shell_phi))
    a, b = _chord_angles(geo)
    i_mid = int(0.42 * (geo.x.size - 1))  # off the middle: clear of a ruler tick
    mid_angle = 0.5 * (a[i_mid] + b[i_mid])
    bed_anchor = (float(geo.x[i_mid]), 0.7 * geo.r_in * np.cos(mid_angle), 0.7 * geo.r_in * np.sin(mid_angle))
    below = [
        ((-1.0 * size, 0.0, _bed_surface_height(geo, 0)), f"feed {_flow_text(feed_kg_h)}, {t_bed[0]:.0f} °C"),
        (bed_anchor, f"bed {t_bed[0]:.0f} → {t_bed[-1]:.0f} °C"),
        (shell_anchor, shell_text),
        ((geo.length + 0.6 * size, 0.0, _bed_surface_height(geo, -1)), f"product {t_bed[-1]:.0f} °C"),
    ]
    labels = []
    top = geo.r_out * 1.9
    bottom = -geo.r_out * 2.3
    for items, z_row, vjust in ((above, top, "bottom"), (below, bottom, "top")):
        xs = _spread([a[0] for a, _ in items], [t for _, t in items], geo, pl.window_size)
        for (anchor, text), x_lab in zip(items, xs, strict=True):
            anchor = np.asarray(anchor, dtype=float)
            spot = np.array([x_lab, anchor[1], z_row])
            pl.add_mesh(pv.Line(anchor, spot), color="#55595f", line_width=1.5)
            pl.add_mesh(pv.PolyData(anchor[None, :]), color="black", point_size=8,
                        render_points_as_spheres=True)
            pl.add_point_labels(
                spot[None, :], [text], font_size=font_size(LABEL_FONT_SIZE, pl.window_size),
                text_color=TEXT_COLOR, font_file=FONT_FILE, show_points=False,
                shape_color="white", shape_opacity=0.85, margin=4, always_visible=True,
                justification_horizontal="center", justification_vertical=vjust,
            )
            labels.append(_Label(spot, text))
    return labels


# ---------------------------------------------------------------- camera

BAR_BAND = 0.15
"""Bottom fraction of the window kept for the two horizontal colour bars and footnote."""


def _bar_args(title: str, position_x: float, window_size) -> dict:
    """A horizontal colour bar in the bottom band, starting at ``position_x`` (fraction)."""
    args = scalar_bar_args(title, position_x, window_size)
    args.update(vertical=False, position_y=0.06, width=0.3, height=0.085, n_labels=7)
    return args


def _bar_titles_left(pl: pv.Plotter) -> None:
    """Move each colour bar's title to its left (VTK crowds it into the tick labels)."""
    width, height = pl.window_size
    for title, bar in pl.scalar_bars.items():
        bar.SetTitle(" ")
        x0, y0 = bar.GetPosition()
        h = bar.GetHeight()
        actor = pl.add_text(title, position=(round(x0 * width - 12 * text_scale(pl.window_size)),
                                             round((y0 + 0.3 * h) * height)),
                            font_size=font_size(10, pl.window_size), color=TEXT_COLOR,
                            font_file=FONT_FILE)
        actor.GetTextProperty().SetJustificationToRight()
        actor.GetTextProperty().SetVerticalJustificationToCentered()



def _fit_camera(pl: pv.Plotter, geo: KilnGeometry, labels: Sequence[_Label]) -> None:
    """Parallel view along ``VIEW`` framing kiln, arrows, ruler and labels."""
    width, height = pl.window_size
    scale = text_scale(pl.window_size)
    top_px, bottom_px, right_px, margin = 85 * scale, BAR_BAND * height, 0.0, 10 * scale
    label_px = font_size(LABEL_FONT_SIZE, pl.window_size)
    size = 0.09 * geo.length
    r = geo.r_out
    pts = np.array([(x, y, z) for x in (-1.3 * size, geo.length + 1.6 * size)
                    for y in (-r, r) for z in (-1.5 * r, r)], dtype=float)
    right, up = VIEW.right, VIEW.up
    u, v = pts @ right, pts @ up
    # labels: text half-width either side of their spot, one line of text above/below
    half_w = [0.5 * (0.56 * label_px * len(lab.text) + 12 * scale) for lab in labels]
    lu = np.array([lab.spot @ right for lab in labels])
    lv = np.array([lab.spot @ up for lab in labels])
    avail_w, avail_h = width - right_px - 2 * margin, height - top_px - bottom_px - 2 * margin
    # solve for the scale k [px/m] so that everything fits (labels need k-independent space)
    k = 1e9
    for _ in range(30):
        lo = min(u.min() * k, *(lu * k - np.array(half_w))) if labels else u.min() * k
        hi = max(u.max() * k, *(lu * k + np.array(half_w))) if labels else u.max() * k
        span_v_px = (max(v.max(), *lv) - min(v.min(), *lv)) * k + 2.2 * label_px
        fit = min(avail_w / max(hi - lo, 1e-9), avail_h / max(span_v_px, 1e-9))
        k *= fit
        if abs(fit - 1.0) < 1e-3:
            break
    lo = min(u.min() * k, *(lu * k - np.array(half_w))) if labels else u.min() * k
    hi = max(u.max() * k, *(lu * k + np.array(half_w))) if labels else u.max() * k
    v_lo = min(v.min(), *lv) * k - 1.1 * label_px
    v_hi = max(v.max(), *lv) * k + 1.1 * label_px
    u_c = 0.5 * (lo + hi) / k + (0.5 * width - (margin + 0.5 * avail_w)) / k
    v_c = 0.5 * (v_lo + v_hi) / k + (0.5 * height - (bottom_px + margin + 0.5 * avail_h)) / k
    focal = u_c * right + v_c * up
    pl.enable_parallel_projection()
    pl.camera.focal_point = tuple(focal)
    pl.camera.position = tuple(focal + VIEW.direction * 10.0 * geo.length)
    pl.camera.up = tuple(up)
    pl.camera.parallel_scale = 0.5 * height / k
    pl.reset_camera_clipping_range()


# ---------------------------------------------------------------- helpers


def _arc(n: int = 97) -> np.ndarray:
    """Angles [rad] of the kiln wall left standing by the cut-away wedge."""
    start = np.radians(CUT_CENTRE_DEG + 0.5 * CUT_WIDTH_DEG)
    return start + np.linspace(0.0, np.radians(360.0 - CUT_WIDTH_DEG), n)


def _tube(x: np.ndarray, phi: np.ndarray, r: float) -> pv.StructuredGrid:
    """Cylinder surface of radius r over faces x and angles phi (point order: x fastest)."""
    X, P = np.meshgrid(x, phi, indexing="ij")
    return pv.StructuredGrid(X, r * np.cos(P), r * np.sin(P))


def _radial_face(x: np.ndarray, angle: float, r0: float, r1: float) -> pv.PolyData:
    c, s = np.cos(angle), np.sin(angle)
    pts = np.array([(x[0], r0 * c, r0 * s), (x[-1], r0 * c, r0 * s),
                    (x[-1], r1 * c, r1 * s), (x[0], r1 * c, r1 * s)])
    return pv.PolyData(pts, faces=[4, 0, 1, 2, 3])


def _annulus(x: float, phi: np.ndarray, r0: float, r1: float) -> pv.StructuredGrid:
    R, P = np.meshgrid([r0, r1], phi, indexing="ij")
    return pv.StructuredGrid(np.full_like(R, x), R * np.cos(P), R * np.sin(P))


def _chord_angles(geo: KilnGeometry) -> tuple[np.ndarray, np.ndarray]:
    """Angles [rad] where the bed surface meets the wall, per cell face.

    The segment is centred at the bottom, turned by the angle of repose towards the
    back so that its surface rises away from the viewer, as in a rolling bed.
    """
    centre = 1.5 * np.pi + geo.tilt
    return centre - 0.5 * geo.theta, centre + 0.5 * geo.theta


def _bed_surface_height(geo: KilnGeometry, i: int) -> float:
    a, b = _chord_angles(geo)
    return float(0.5 * geo.r_in * (np.sin(a[i]) + np.sin(b[i])))


def _flame_length(geo: KilnGeometry, p: Mapping[str, float]) -> float:
    flame = float(p["flame_length"])
    return min(flame, geo.length) if flame > 0.0 else 0.07 * geo.length


def _spread(xs, texts, geo: KilnGeometry, window_size) -> list[float]:
    """Label x positions [m] near their anchors, pushed apart so texts do not overlap."""
    px_per_m = 0.7 * window_size[0] / (1.35 * geo.length)  # rough, before the camera fit
    char = 0.56 * font_size(LABEL_FONT_SIZE, window_size) / px_per_m
    widths = np.array([char * len(t) + 0.3 for t in texts])
    order = np.argsort(xs)
    placed = np.array(xs, dtype=float)
    for _ in range(50):
        moved = False
        for j in range(1, len(order)):
            a, b = order[j - 1], order[j]
            need = 0.5 * (widths[a] + widths[b]) + 0.02 * geo.length
            gap = placed[b] - placed[a]
            if gap < need:
                push = 0.5 * (need - gap)
                placed[a] -= push
                placed[b] += push
                moved = True
        if not moved:
            break
    return placed.tolist()


def _key_outputs(out: dict, p: dict, t_bed, t_gas, t_shell) -> str:
    """One line: bed exit, exhaust, peak gas, heat input, specific heat, residence time."""
    bed_exit = _C(out.get("bed_exit_temp"), t_bed[-1])
    gas_exit = _C(out.get("gas_exit_temp"), t_gas[0])
    heat = out.get("heat_input")
    shc = out.get("specific_heat_consumption")
    tau = out.get("residence_time")
    parts = [
        f"bed exit {bed_exit:.0f} °C",
        f"exhaust {gas_exit:.0f} °C",
        f"peak gas {t_gas.max():.0f} °C",
        f"fuel {_power_text(heat)}" if _finite(heat) else "fuel n/a",
        f"{shc / 1e6:.2f} MJ/kg product" if _finite(shc) else "specific heat n/a",
        f"residence {tau / 60.0:.0f} min" if _finite(tau) else "residence n/a",
    ]
    return "  \u00b7  ".join(parts)


def _footnote(geo: KilnGeometry) -> str:
    text = ("Feed end (z = 0) left, burner right; solids move right, gas left. Cut-away: "
            "front upper wedge removed. Lining: refractory (tan), steel (grey).")
    if abs(geo.radial_scale - 1.0) > 1e-6:
        text += f" Radius drawn x{geo.radial_scale:.2g}."
    return text


def _power_text(value_W: float) -> str:
    if abs(value_W) >= 1e6:
        return f"{value_W / 1e6:.3g} MW"
    return f"{value_W / 1e3:.3g} kW"


def _flow_text(kg_h: float) -> str:
    if kg_h >= 1e4:
        return f"{kg_h * 24.0 / 1e3:,.0f} t/d"
    return f"{kg_h:.3g} kg/h"


def _nice_step(raw: float) -> float:
    exp = 10.0 ** np.floor(np.log10(raw))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * exp >= raw:
            return float(m * exp)
    return float(10.0 * exp)


def _n_cells(profiles: Mapping[str, np.ndarray]) -> int:
    for name in ("T_bed", "T_gas", "T_shell", "z"):
        if name in profiles and np.size(profiles[name]):
            return int(np.size(profiles[name]))
    return N_CELL


def _cell_centres(profiles: Mapping[str, np.ndarray], length: float) -> np.ndarray:
    z = _finite_profile(profiles, "z")
    if z is not None:
        return z
    n = _n_cells(profiles)
    return (np.arange(n) + 0.5) * length / n


def _finite_profile(profiles: Mapping[str, np.ndarray], name: str) -> np.ndarray | None:
    if name not in profiles:
        return None
    values = np.asarray(profiles[name], dtype=float).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        return None
    return values


def _profile_C(profiles, name, z_cell, x_face, *fallback_K) -> np.ndarray:
    """Profile ``name`` in °C at the cell faces; if absent, a line through fallback values [K]."""
    values = _finite_profile(profiles, name)
    if values is not None and values.size == z_cell.size:
        return np.interp(x_face, z_cell, values) - KELVIN_OFFSET
    known = [v for v in fallback_K if _finite(v)]
    if not known:
        raise KeyError(f"profile {name!r} is missing and no output can stand in for it")
    return np.linspace(known[0], known[-1], x_face.size) - KELVIN_OFFSET


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
