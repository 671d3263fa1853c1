"""The 3-D kiln scene: a valid, non-blank PNG whose bed and shell carry their temperatures."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from synthetic_kiln import default_state
from vtkmodules.vtkRenderingCore import vtkCoordinate

from kernels.kiln import PARAMS
from viz.kiln_scene import (
    CUT_CENTRE_DEG,
    CUT_WIDTH_DEG,
    VIEW,
    central_angle,
    kiln_geometry,
    kiln_params,
    kiln_plotter,
    render_kiln_scene,
)

pv.OFF_SCREEN = True


@pytest.fixture(scope="module")
def state():
    return default_state()


def test_png_of_requested_size_and_not_blank(tmp_path, state, read_png, colourful):
    p, out, prof = state
    path = render_kiln_scene(p, out, prof, tmp_path / "sub" / "kiln.png", window_size=(1200, 700),
                             title="test kiln")
    assert path == tmp_path / "sub" / "kiln.png"
    size, rgb = read_png(path)
    assert size == (1200, 700)
    assert rgb.std() > 30.0
    # bed, gas line, shell and two colour bars: a real share of the picture is coloured
    assert colourful(rgb) > 0.05
    # the default size is the one the fonts are chosen for
    size, _ = read_png(render_kiln_scene(p, out, prof, tmp_path / "default.png"))
    assert size == (1600, 900)


def test_params_vector_gives_the_same_picture_as_the_dict(tmp_path, state, read_png):
    p, out, prof = state
    vec = np.array([p[row.name] for row in PARAMS])
    a = render_kiln_scene(p, out, prof, tmp_path / "a.png", window_size=(900, 520))
    b = render_kiln_scene(vec, out, prof, tmp_path / "b.png", window_size=(900, 520))
    assert np.array_equal(read_png(a)[1], read_png(b)[1])


def _pixel(pl: pv.Plotter, rgb: np.ndarray, point) -> np.ndarray:
    """Median colour of the 3 x 3 pixels where world ``point`` is drawn."""
    c = vtkCoordinate()
    c.SetCoordinateSystemToWorld()
    c.SetValue(*map(float, point))
    x, y = c.GetComputedDisplayValue(pl.renderer)
    row = rgb.shape[0] - 1 - y
    patch = rgb[row - 1:row + 2, x - 1:x + 2].reshape(-1, 3).astype(int)
    return np.median(patch, axis=0)


def test_bed_and_shell_are_coloured_by_their_temperatures(state):
    """Cold feed end and hot burner end show the two ends of their colour maps."""
    p, out, prof = state
    assert prof["T_bed"][-1] - prof["T_bed"][0] > 500 and prof["T_shell"][-1] > prof["T_shell"][0] + 50
    # the camera is in front of the kiln (y < 0) and above it; the feed end is on the left
    assert VIEW.direction[1] < 0 and VIEW.direction[2] > 0 and VIEW.right[0] > 0.8
    pl = kiln_plotter(p, out, prof, off_screen=True)
    try:
        rgb = pl.screenshot(return_img=True)
        geo = kiln_geometry(p, prof)
        centre = 1.5 * np.pi + geo.tilt
        a, b = centre - 0.5 * geo.theta[0], centre + 0.5 * geo.theta[0]
        # a point on the bed surface half way across the chord (the gas line is seen in
        # front of the back part of the bed)
        ya, za = geo.r_in * np.cos(a), geo.r_in * np.sin(a)
        yb, zb = geo.r_in * np.cos(b), geo.r_in * np.sin(b)
        bed_y, bed_z = 0.5 * (ya + yb), 0.5 * (za + zb)
        cold = _pixel(pl, rgb, (0.08 * geo.length, bed_y, bed_z))
        hot = _pixel(pl, rgb, (0.92 * geo.length, bed_y, bed_z))
        # turbo colour map: blue when cold, red when hot
        assert cold[2] > cold[0] + 40, cold
        assert hot[0] > hot[2] + 60, hot
        # the lower front of the shell, below the cut: viridis purple when cold, yellow when hot
        phi = np.radians(CUT_CENTRE_DEG + 0.5 * CUT_WIDTH_DEG + 30.0)
        shell = (geo.r_out * np.cos(phi), geo.r_out * np.sin(phi))
        s_cold = _pixel(pl, rgb, (0.05 * geo.length, *shell))
        s_hot = _pixel(pl, rgb, (0.95 * geo.length, *shell))
        assert s_cold[2] > s_cold[1] + 20, s_cold
        assert s_hot[1] > s_hot[2] + 40 and s_hot[0] > s_hot[2], s_hot
    finally:
        pl.close()


def test_geometry_follows_parameters_and_profiles(state):
    p, _, prof = state
    geo = kiln_geometry(p, prof, radial_scale=1.0)
    assert geo.r_out == pytest.approx(0.2055 + 0.093 + 0.006)
    assert geo.x[0] == 0.0 and geo.x[-1] == pytest.approx(5.5)
    # bed depth h = R (1 - cos(theta / 2)); 0.073 m in a 0.2055 m bore
    assert np.allclose(geo.r_in * (1.0 - np.cos(0.5 * geo.theta)), 0.073)
    # circular segment: fill 12 % -> theta - sin(theta) = 2 pi 0.12
    theta = central_angle(0.12)
    assert theta - np.sin(theta) == pytest.approx(2 * np.pi * 0.12, rel=1e-12)
    assert central_angle(0.5) == pytest.approx(np.pi)
    # without profiles the fill fraction gives the bed; a slender kiln is drawn thicker
    long_kiln = kiln_geometry({**p, "length": 60.0}, {})
    assert np.allclose(long_kiln.theta, theta)
    assert long_kiln.radial_scale == pytest.approx(60.0 / (2 * 0.3045 * 5.0))


def test_varying_bed_flame_and_coating_still_render(tmp_path, state, read_png):
    """Bed depth falling to the discharge, a long flame, coating, no profiles for T_wall."""
    p, out, prof = state
    p = {**p, "flame_length": 1.5, "coating_thickness": 0.02}
    prof = {**prof, "bed_depth": np.linspace(0.09, 0.03, prof["z"].size)}
    del prof["T_wall"]
    path = render_kiln_scene(p, out, prof, tmp_path / "var.png", window_size=(900, 520))
    size, rgb = read_png(path)
    assert size == (900, 520) and rgb.std() > 20.0


def test_unknown_parameter_names_are_refused():
    with pytest.raises(KeyError, match="lenght"):
        kiln_params({"lenght": 5.0})
    with pytest.raises(ValueError, match="PARAMS"):
        kiln_params(np.zeros(3))
