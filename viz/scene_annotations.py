"""Labels, fonts and camera framing for the pyvista scenes.

The scenes use a fixed oblique parallel view; labels sit in two columns beside the
object (left and right of it on screen) with leader lines to what they name, and the
camera is fitted so that object, labels, heading and colour bars never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib import font_manager
from vtkmodules.vtkCommonCore import VTK_FONT_FILE

from viz.offscreen import pv

FONT_FILE = font_manager.findfont("DejaVu Sans")
"""TrueType font of all scene text: the face of the matplotlib figures."""
TEXT_COLOR = "black"
REFERENCE_WINDOW = (1600, 1000)
"""Window size [px] the font sizes below are chosen for; other sizes scale them."""
LABEL_FONT_SIZE = 17
_CHAR_WIDTH = 0.55  # average glyph width / font size, DejaVu Sans


def text_scale(window_size: Sequence[int]) -> float:
    """Factor on font sizes and pixel margins for a window of ``window_size`` [px]."""
    return min(window_size[0] / REFERENCE_WINDOW[0], window_size[1] / REFERENCE_WINDOW[1])


def font_size(points: float, window_size: Sequence[int]) -> int:
    """Font size ``points`` (at the reference window) scaled to ``window_size``, >= 6."""
    return max(6, int(round(points * text_scale(window_size))))


@dataclass(frozen=True)
class View:
    """An oblique parallel view: ``direction`` from the focal point to the camera."""

    direction: np.ndarray

    @property
    def right(self) -> np.ndarray:
        """Unit vector pointing right on screen (world coordinates, z up)."""
        r = np.cross(-self.direction, (0.0, 0.0, 1.0))
        return r / np.linalg.norm(r)

    @property
    def up(self) -> np.ndarray:
        """Unit vector pointing up on screen (world coordinates)."""
        u = np.cross(self.right, -self.direction)
        return u / np.linalg.norm(u)


def oblique_view(x: float, y: float, z: float) -> View:
    """View from direction (x, y, z) towards the object, z up."""
    d = np.array([x, y, z], dtype=float)
    return View(d / np.linalg.norm(d))


@dataclass(frozen=True)
class Label:
    """A placed label: its anchor point on screen and which side its text extends to."""

    spot: np.ndarray
    text: str
    side: float


def fan_labels(
    pl: pv.Plotter,
    view: View,
    items: Sequence[tuple[Sequence[float], str]],
    *,
    side: float,
    reach: float,
    gap: float,
) -> list[Label]:
    """A column of labels beside the object, each with a leader line to its anchor.

    Parameters
    ----------
    pl : pyvista.Plotter
    view : View
        The view the scene will be shown in.
    items : sequence of (anchor xyz [m], text)
        What to label and where it is.
    side : float
        +1 for a column right of the object on screen, -1 for the left.
    reach : float
        Distance of the column from the vertical axis x = y = 0 [m].
    gap : float
        Least vertical spacing of labels [m]; crowded labels are pushed up.

    Returns
    -------
    list of Label
        Where the labels went, for :func:`fit_camera`.
    """
    placed: list[Label] = []
    z_prev = -np.inf
    for anchor, text in sorted(items, key=lambda item: item[0][2]):
        anchor = np.asarray(anchor, dtype=float)
        z_lab = max(float(anchor[2]), z_prev + gap)
        z_prev = z_lab
        spot = np.array([*(side * reach * view.right[:2]), z_lab])
        pl.add_mesh(pv.Line(anchor, spot), color="#55595f", line_width=1.5)
        pl.add_mesh(pv.PolyData(anchor[None, :]), color="black", point_size=8,
                    render_points_as_spheres=True)
        pl.add_point_labels(
            spot[None, :], [text], font_size=font_size(LABEL_FONT_SIZE, pl.window_size),
            bold=False,
            text_color=TEXT_COLOR, font_file=FONT_FILE, show_points=False,
            shape_color="white", shape_opacity=0.85, margin=4, always_visible=True,
            justification_horizontal="left" if side > 0 else "right",
            justification_vertical="center",
        )
        placed.append(Label(spot, text, side))
    return placed


def fit_camera(
    pl: pv.Plotter,
    view: View,
    points: np.ndarray,
    labels: Sequence[Label] = (),
    *,
    top_px: int = 70,
    right_px: int = 0,
    bottom_px: int = 0,
    margin_px: int = 20,
) -> None:
    """Frame ``points`` and ``labels`` as large as fits in the free part of the window.

    Parameters
    ----------
    pl : pyvista.Plotter
    view : View
    points : ndarray, shape (n, 3)
        Points of the object that must be visible [m].
    labels : sequence of Label
        Placed labels; their text width is estimated from the font size.
    top_px, right_px, bottom_px : int
        Pixels kept free at the top (heading), on the right (colour bars) and at the
        bottom (footnote), at the reference window size (scaled like the fonts).
    margin_px : int
        Free border on every side, at the reference window size.
    """
    width, height = pl.window_size
    scale = text_scale(pl.window_size)
    top_px, bottom_px, margin_px = (round(v * scale) for v in (top_px, bottom_px, margin_px))
    label_px = font_size(LABEL_FONT_SIZE, pl.window_size)
    pts = np.vstack([np.asarray(points, dtype=float).reshape(-1, 3)]
                    + [lab.spot[None, :] for lab in labels])
    u, v = pts @ view.right, pts @ view.up
    text_w = {lab.side: 0.0 for lab in labels}
    for lab in labels:
        text_w[lab.side] = max(text_w[lab.side],
                               _CHAR_WIDTH * label_px * len(lab.text) + 12 * scale)
    w_left, w_right = text_w.get(-1.0, 0.0), text_w.get(1.0, 0.0)
    avail_w = width - right_px - 2 * margin_px - w_left - w_right
    avail_h = height - top_px - bottom_px - 2 * margin_px - label_px
    span_u, span_v = max(np.ptp(u), 1e-6), max(np.ptp(v), 1e-6)
    k = max(min(avail_w / span_u, avail_h / span_v), 1e-3)  # px per m
    slack_w = avail_w - span_u * k
    slack_h = avail_h - span_v * k
    # focal point such that the left text edge and the bottom sit at the margins
    u_f = u.min() - (margin_px + 0.5 * slack_w + w_left - 0.5 * width) / k
    bottom = bottom_px + margin_px + 0.5 * label_px + 0.5 * slack_h
    v_f = v.min() - (bottom - 0.5 * height) / k
    focal = u_f * view.right + v_f * view.up
    pl.enable_parallel_projection()
    pl.camera.focal_point = tuple(focal)
    pl.camera.position = tuple(focal + view.direction * 10.0 * (span_u + span_v))
    pl.camera.up = tuple(view.up)
    pl.camera.parallel_scale = 0.5 * height / k
    pl.reset_camera_clipping_range()


def add_heading(pl: pv.Plotter, title: str, subtitle: str = "", footnote: str = "") -> None:
    """Title and subtitle in the top left corner, footnote in the bottom left [px].

    Plain text actors at fixed font sizes (a corner annotation would rescale the text,
    and VTK reads ``|`` in text as a column separator, so avoid it).
    """
    _, height = pl.window_size
    scale = text_scale(pl.window_size)
    for text, y, size, bold, colour in (
        (title, height - 12 * scale, 14, True, TEXT_COLOR),
        (subtitle, height - 40 * scale, 13, False, TEXT_COLOR),
        (footnote, 10 * scale, 10, False, "#444444"),
    ):
        if not text:
            continue
        actor = pl.add_text(text, position=(round(14 * scale), round(y)),
                            font_size=font_size(size, pl.window_size), color=colour,
                            font_file=FONT_FILE)
        prop = actor.GetTextProperty()
        prop.SetBold(bold)
        if y > 0.5 * height:
            prop.SetVerticalJustificationToTop()


def use_font(pl: pv.Plotter) -> None:
    """Draw the titles and labels of every scalar bar in :data:`FONT_FILE`."""
    for bar in pl.scalar_bars.values():
        for prop in (bar.GetTitleTextProperty(), bar.GetLabelTextProperty()):
            prop.SetFontFamily(VTK_FONT_FILE)
            prop.SetFontFile(FONT_FILE)


def scalar_bar_args(title: str, position_x: float, window_size: Sequence[int]) -> dict:
    """Arguments of a vertical colour bar at ``position_x`` (fraction of the width)."""
    return {
        "title": title,
        "vertical": True,
        "position_x": position_x,
        "position_y": 0.12,
        "height": 0.6,
        "width": 0.05,
        "title_font_size": font_size(18, window_size),
        "label_font_size": font_size(15, window_size),
        "n_labels": 6,
        "fmt": "%.0f",
        "color": TEXT_COLOR,
    }
