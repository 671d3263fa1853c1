"""3-D picture of one Hall–Héroult cell state: pad, bath, anodes and the frozen side ledge.

A prebake cell drawn from its kernel parameters (``kernels.hall_heroult.PARAMS``) and
one steady result, as a cut-away of one end of the cell (a few anodes of one row, cut
across the cell and along its axis) so that the inside shows: the steel shell and
side lining, the carbon cathode block on its insulation, the metal pad, the bath, the
prebaked anodes hanging from their rods and beam at the anode-cathode
distance (ACD), and the side ledge along the walls, ``ledge_thickness`` thick,
drawn as layers coloured by the temperature profile ``T_ledge`` (the liquidus at the
bath face, cell 0, to the wall face). Bath and metal are lumped at one temperature in
the model and carry the bath temperature; all temperatures are in °C on one colour
bar. The heading gives line current, cell voltage, superheat, ledge, current
efficiency and DC energy.

Drawing rules (the kernel has no such geometry): the anodes stand in two rows of
``n_anodes / 2`` along the cell, 4 cm apart, with 25 cm channels to the side walls
and 20 cm between the rows; the metal pad is ``metal_mass / (metal_density x
cathode_area)`` deep; the anodes dip 15 cm into the bath.

``render_hh_scene`` writes a PNG off-screen; ``hh_plotter`` returns the
:class:`pyvista.Plotter`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kernels.hall_heroult import PARAMS
from viz.meshes import box
from viz.offscreen import pv
from viz.scene_annotations import add_heading, fan_labels, fit_camera, oblique_view, scalar_bar_args, use_font
from viz.units import KELVIN_OFFSET

CMAP = "inferno"
"""Colour map of the temperatures."""
T_TITLE = "temperature [°C]"
VIEW = oblique_view(1.6, -0.75, 0.85)
"""Camera direction: onto the cut across the cell, from a little to the side and above."""

_DEFAULTS = {row.name: row.default for row in PARAMS}
_GAP, _SIDE, _CENTRE, _END = 0.04, 0.25, 0.20, 0.30  # m: between anodes, to side wall, between rows, to end wall
_IMMERSION = 0.15  # m, anode bottoms below the bath surface
_LINING, _SHELL = 0.15, 0.025  # m, side lining and steel shell
_CATHODE, _INSULATION = 0.45, 0.35  # m, cathode block and insulation below it
_ROD = 1.0  # m, anode rods above the anodes
_SLICE_ANODES = 3  # anode pairs in the drawn slice
_FOOTNOTE = (f"Cut-away: one end of the cell, {_SLICE_ANODES} anodes of one row. Bath and metal at the bath "
             "temperature (lumped); ledge from the liquidus (bath face) to the wall.")


@dataclass(frozen=True)
class CellLayout:
    """Dimensions of the drawn cell [m]; x along the cell, y across, z up (pad bottom 0)."""

    length: float  # inside the side lining, x
    width: float  # inside the side lining, y
    metal_top: float
    anode_bottom: float
    anode_top: float
    bath_top: float
    ledge: float
    anode_x: np.ndarray  # centres of the anodes of one row
    anode_length: float
    anode_width: float


def cell_layout(p: Mapping[str, float], ledge: float) -> CellLayout:
    """The drawn geometry of the cell (see the drawing rules of the module docstring)."""
    per_row = math.ceil(p["n_anodes"] / 2)
    pitch = p["anode_width"] + _GAP
    length = per_row * pitch - _GAP + 2 * _END
    width = 2 * p["anode_length"] + _CENTRE + 2 * _SIDE
    metal = p["metal_mass"] / (p["metal_density"] * p["cathode_area"])
    bottom = metal + p["acd"]
    x = (np.arange(per_row) - 0.5 * (per_row - 1)) * pitch
    return CellLayout(length, width, metal, bottom, bottom + p["anode_height"], bottom + _IMMERSION,
                      max(ledge, 0.0), x, p["anode_length"], p["anode_width"])


def render_hh_scene(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    path: str | Path,
    *,
    window_size: tuple[int, int] = (1600, 1000),
    title: str | None = None,
) -> Path:
    """Render a cell state off-screen to a PNG file.

    Parameters
    ----------
    params : mapping of str to float, or ndarray of shape (len(PARAMS),)
        Cell parameters in SI units, by name or in ``PARAMS`` order; missing names take
        their default.
    outputs : mapping of str to float
        Steady outputs in SI units (``kernels.hall_heroult.OUTPUTS``). Used: bath_temp,
        liquidus_temp, superheat [K], ledge_thickness [m], cell_voltage [V],
        current_efficiency [1], specific_energy [J/kg].
    profiles : mapping of str to ndarray of shape (N_CELL,)
        ``T_ledge`` [K], bath face (cell 0) to wall face.
    path : str or Path
        PNG file to write; parent directories are created.
    window_size : (int, int)
        Image width and height [px].
    title : str, optional
        First line of the heading.

    Returns
    -------
    Path
        The PNG written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plotter = hh_plotter(params, outputs, profiles, window_size=window_size, title=title, off_screen=True)
    try:
        plotter.screenshot(str(path))
    finally:
        plotter.close()
    return path


def hh_plotter(
    params: Mapping[str, float] | np.ndarray,
    outputs: Mapping[str, float],
    profiles: Mapping[str, np.ndarray],
    *,
    window_size: tuple[int, int] = (1600, 1000),
    title: str | None = None,
    off_screen: bool | None = None,
) -> pv.Plotter:
    """Build the scene of :func:`render_hh_scene` and return its plotter."""
    p = hh_params(params)
    out = {k: float(v) for k, v in outputs.items()}
    t_ledge = np.asarray(profiles["T_ledge"], dtype=float) - KELVIN_OFFSET
    t_bath = out["bath_temp"] - KELVIN_OFFSET
    lay = cell_layout(p, out["ledge_thickness"])
    clim = (10.0 * math.floor(min(t_ledge.min(), t_bath) / 10.0), 10.0 * math.ceil(max(t_ledge.max(), t_bath) / 10.0))
    kwargs = {} if off_screen is None else {"off_screen": off_screen}
    pl = pv.Plotter(window_size=list(window_size), theme=pv.themes.DocumentTheme(), **kwargs)
    pl.set_background("white")
    bar = scalar_bar_args(T_TITLE, 0.89, window_size)
    _add_shell(pl, lay)
    _add_liquids(pl, lay, t_bath, clim, bar)
    _add_ledge(pl, lay, t_ledge, clim)
    _add_anodes(pl, lay)
    labels = _add_labels(pl, lay, p, out, t_ledge, t_bath)
    add_heading(pl, title or "Hall–Héroult cell", _key_outputs(p, out), _FOOTNOTE)
    use_font(pl)
    fit_camera(pl, VIEW, _outline_points(lay), labels, right_px=int(0.13 * window_size[0]), bottom_px=25)
    return pl


def hh_params(params: Mapping[str, float] | np.ndarray) -> dict[str, float]:
    """Parameters as a name -> SI value dict, defaults filled in from ``PARAMS``."""
    if isinstance(params, Mapping):
        unknown = set(params) - set(_DEFAULTS)
        if unknown:
            raise KeyError(f"unknown hall_heroult parameter(s): {sorted(unknown)}")
        return {**_DEFAULTS, **{k: float(v) for k, v in params.items()}}
    vec = np.asarray(params, dtype=float).ravel()
    if vec.size != len(PARAMS):
        raise ValueError(f"params vector has {vec.size} values, kernels.hall_heroult.PARAMS has {len(PARAMS)}")
    return {row.name: float(v) for row, v in zip(PARAMS, vec, strict=True)}


# ---------------------------------------------------------------- scene parts
def _cut_x(lay: CellLayout) -> tuple[float, float]:
    """x extent of the drawn slice, centred on x = 0: from the inside of the end wall to the cut."""
    half = 0.5 * (_END + _SLICE_ANODES * (lay.anode_width + _GAP) - 0.5 * _GAP)
    return -half, half


def _inside(lay: CellLayout, inset: float, z: tuple[float, float]) -> pv.PolyData:
    """Box of the cavity slice shrunk by ``inset`` on its walls (not on the cut)."""
    x0, x1 = _cut_x(lay)
    return box((x0 + inset, x1), (0.0, 0.5 * lay.width - inset), z)


def _add_shell(pl: pv.Plotter, lay: CellLayout) -> None:
    x0, x1 = _cut_x(lay)
    y1, top = 0.5 * lay.width, lay.bath_top + 0.1
    z_floor = -_CATHODE
    pl.add_mesh(box((x0 - _LINING, x1), (y1, y1 + _LINING), (z_floor, top)), color="#b9a58a")  # side lining
    pl.add_mesh(box((x0 - _LINING, x0), (0.0, y1), (z_floor, top)), color="#b9a58a")  # end lining
    xs, ys = x0 - _LINING, y1 + _LINING
    z_bottom = z_floor - _INSULATION - _SHELL
    shell = [box((xs, x1), (ys, ys + _SHELL), (z_bottom, top)),
             box((xs - _SHELL, xs), (0.0, ys + _SHELL), (z_bottom, top)),
             box((xs, x1), (0.0, ys), (z_bottom, z_floor - _INSULATION))]
    pl.add_mesh(pv.merge(shell), color="#6f7680", specular=0.3)
    pl.add_mesh(box((xs, x1), (0.0, ys), (z_floor - _INSULATION, z_floor)), color="#e3dccb")  # insulation
    pl.add_mesh(_inside(lay, 0.0, (z_floor, 0.0)), color="#3b3b3f")  # cathode carbon block


def _add_liquids(pl: pv.Plotter, lay: CellLayout, t_bath: float, clim: tuple, bar: dict) -> None:
    inset = lay.ledge
    for z in ((0.0, lay.metal_top), (lay.metal_top, lay.bath_top)):
        mesh = _inside(lay, inset, z)
        mesh.point_data[T_TITLE] = np.full(mesh.n_points, t_bath)
        pl.add_mesh(mesh, scalars=T_TITLE, cmap=CMAP, clim=clim, scalar_bar_args=bar, show_edges=False)
    # the pad/bath interface, drawn as a line round the cut face
    x0, x1 = _cut_x(lay)
    y1, z = 0.5 * lay.width - inset, lay.metal_top
    pts = np.array([[x0 + inset, 0.0, z], [x1, 0.0, z], [x1, y1, z], [x0 + inset, y1, z]])
    pl.add_mesh(pv.lines_from_points(pts), color="#1f4e79", line_width=3)


def _add_ledge(pl: pv.Plotter, lay: CellLayout, t_ledge: np.ndarray, clim: tuple) -> None:
    """The side ledge on the side wall and the end wall, one layer per profile cell."""
    if lay.ledge <= 0.0:
        return
    n = t_ledge.size
    x0, x1 = _cut_x(lay)
    y1 = 0.5 * lay.width
    z = (0.0, lay.bath_top)
    edges = np.linspace(0.0, lay.ledge, n + 1)  # from the bath face (0) to the wall
    meshes = []
    for k in range(n):
        a, b = lay.ledge - edges[k + 1], lay.ledge - edges[k]  # distances from the wall
        for part in (box((x0 + a, x1), (y1 - b, y1 - a), z), box((x0 + a, x0 + b), (0.0, y1 - a), z)):
            part.point_data[T_TITLE] = np.full(part.n_points, t_ledge[k])
            meshes.append(part)
    pl.add_mesh(pv.merge(meshes), scalars=T_TITLE, cmap=CMAP, clim=clim, show_scalar_bar=False)


def _add_anodes(pl: pv.Plotter, lay: CellLayout) -> None:
    hw = 0.5 * lay.anode_width
    x0 = _cut_x(lay)[0] + _END
    xs = x0 + hw + np.arange(_SLICE_ANODES) * (lay.anode_width + _GAP)
    blocks, rods = [], []
    y0, y1 = 0.5 * _CENTRE, 0.5 * _CENTRE + lay.anode_length
    y_rod = 0.5 * (y0 + y1)
    for x in xs:
        blocks.append(box((x - hw, x + hw), (y0, y1), (lay.anode_bottom, lay.anode_top)))
        rods.append(pv.Cylinder(center=(x, y_rod, lay.anode_top + 0.5 * _ROD), direction=(0, 0, 1),
                                radius=0.07, height=_ROD, resolution=16))
    pl.add_mesh(pv.merge(blocks), color="#2d2d30", show_edges=True, edge_color="#6a6a70", line_width=1)
    pl.add_mesh(pv.merge(rods), color="#a7acb3", specular=0.4)
    beam_x = (xs[0] - hw, _cut_x(lay)[1])
    pl.add_mesh(box(beam_x, (y_rod - 0.12, y_rod + 0.12), (lay.anode_top + _ROD, lay.anode_top + _ROD + 0.25)),
                color="#c7863b")  # anode beam (bus bar)


def _add_labels(pl: pv.Plotter, lay: CellLayout, p: Mapping[str, float], out: Mapping[str, float],
                t_ledge: np.ndarray, t_bath: float) -> list:
    x1 = _cut_x(lay)[1]
    y1 = 0.5 * lay.width
    y_anode = 0.5 * _CENTRE + 0.3 * lay.anode_length
    right = [
        ((x1, y1 - 0.5 * lay.ledge, 0.6 * lay.bath_top),
         f"ledge {100 * lay.ledge:.1f} cm, {t_ledge[0]:.0f} → {t_ledge[-1]:.0f} °C"),
        ((x1, 0.5 * y1, 0.5 * (lay.metal_top + lay.bath_top)), f"bath {t_bath:.0f} °C, +{out['superheat']:.1f} K"),
        ((x1, 0.7 * y1, 0.5 * lay.metal_top), f"metal pad {100 * lay.metal_top:.0f} cm"),
        ((x1, y1 + _LINING + 0.5 * _SHELL, -_CATHODE), "lining, shell"),
    ]
    left = [
        ((x1, 0.4 * y1, -0.5 * _CATHODE), "cathode block"),
        ((x1, y_anode, 0.5 * (lay.anode_bottom + lay.metal_top)), f"ACD {100 * p['acd']:.1f} cm"),
        ((x1, y_anode, 0.5 * (lay.anode_bottom + lay.anode_top)),
         f"anodes {100 * p['anode_width']:.0f} × {100 * p['anode_length']:.0f} cm"),
        ((x1 - 0.3, y_anode, lay.anode_top + _ROD + 0.12), f"beam, {p['line_current'] / 1e3:.0f} kA"),
    ]
    gap = 0.3
    return (fan_labels(pl, VIEW, right, side=1.0, reach=0.5 * lay.width + 1.0, gap=gap)
            + fan_labels(pl, VIEW, left, side=-1.0, reach=0.5 * lay.width + 0.4, gap=gap))


def _key_outputs(p: Mapping[str, float], out: Mapping[str, float]) -> str:
    parts = [f"line current {p['line_current'] / 1e3:.0f} kA",
             f"cell voltage {out.get('cell_voltage', math.nan):.2f} V",
             f"superheat {out.get('superheat', math.nan):.1f} K",
             f"ledge {100 * out.get('ledge_thickness', math.nan):.1f} cm",
             f"CE {100 * out.get('current_efficiency', math.nan):.1f} %",
             f"{out.get('specific_energy', math.nan) / 3.6e6:.2f} kWh/kg DC"]
    return ",  ".join(parts)


def _outline_points(lay: CellLayout) -> np.ndarray:
    x0, x1 = _cut_x(lay)
    xs = (x0 - _LINING - _SHELL, x1)
    ys = 0.5 * lay.width + _LINING + _SHELL
    zs = (-_CATHODE - _INSULATION - _SHELL, lay.anode_top + _ROD + 0.25)
    return np.array([[x, y, z] for x in xs for y in (0.0, ys) for z in zs])
