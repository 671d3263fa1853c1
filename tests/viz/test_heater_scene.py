"""The 3-D heater scene: a valid, non-blank PNG whose tubes carry their temperatures."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkCoordinate

from kernels.contract import defaults
from kernels.heater import PARAMS
from viz.heater_layout import box_heater_layout
from viz.heater_scene import VIEW, heater_params, heater_plotter, render_heater_scene

pv.OFF_SCREEN = True


def test_png_of_requested_size_and_not_blank(tmp_path, heater_state_default, read_png,
                                             colourful):
    p, out, prof = heater_state_default
    path = render_heater_scene(p, out, prof, tmp_path / "sub" / "scene.png",
                               window_size=(1200, 800), title="test heater")
    assert path == tmp_path / "sub" / "scene.png"
    size, rgb = read_png(path)
    assert size == (1200, 800)
    assert rgb.std() > 30.0
    # tubes, flames and colour bars: a real share of the picture is coloured
    assert colourful(rgb) > 0.03


def test_params_vector_gives_the_same_picture_as_the_dict(tmp_path, heater_state_default,
                                                          read_png):
    p, out, prof = heater_state_default
    vec = np.array([p[row.name] for row in PARAMS])
    a = render_heater_scene(p, out, prof, tmp_path / "a.png", window_size=(1000, 650))
    b = render_heater_scene(vec, out, prof, tmp_path / "b.png", window_size=(1000, 650))
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


def test_tubes_are_coloured_by_their_temperatures(heater_state_default):
    """Hot tubes and rows show the hot end of their colour map, cold ones the cold end."""
    p, out, prof = heater_state_default
    # the camera looks at the y = -W/2 wall and the y-min tube of each bank row from above
    assert VIEW.direction[1] < 0 and VIEW.direction[2] > 0
    pl = heater_plotter(p, out, prof, off_screen=True)
    try:
        rgb = pl.screenshot(return_img=True)
        lay = box_heater_layout(p, flue_flow=out["flue_flow"], stack_temp=out["stack_temp"],
                                fired_duty=out["fired_duty"])
        # radiant tubes on the wall facing the camera: crossover (cold) and outlet (hot)
        facing = lay.rad_xy[:, 1] < lay.rad_xy[:, 1].min() + 1e-6
        facing &= np.abs(lay.rad_xy[:, 0]) < 0.4 * lay.firebox[0]  # clear of label leaders
        idx = np.flatnonzero(facing)
        cold = idx[np.argmin(lay.rad_coil_fraction[idx])]
        hot = idx[np.argmax(lay.rad_coil_fraction[idx])]
        assert lay.rad_coil_fraction[hot] - lay.rad_coil_fraction[cold] > 0.5
        z_mid = 0.5 * sum(lay.rad_z)
        r_cold = _pixel(pl, rgb, (*lay.rad_xy[cold], z_mid))
        r_hot = _pixel(pl, rgb, (*lay.rad_xy[hot], z_mid))
        # plasma colour map: dark blue-violet when cold, orange-yellow when hot
        assert r_cold[2] > r_cold[1] + 40, r_cold
        assert r_hot[1] > r_hot[2] + 40 and r_hot[0] > r_hot[2] + 40, r_hot
        # bank rows: bridgewall row red (hot), top convection row blue (cold, coolwarm)
        x = -0.25 * lay.bank_length
        bottom = (x, lay.row_tube_y[0].min(), lay.row_z[0])
        top = (x, lay.row_tube_y[-1].min(), lay.row_z[-1])
        g_hot, g_cold = _pixel(pl, rgb, bottom), _pixel(pl, rgb, top)
        assert g_hot[0] > g_hot[2] + 40, g_hot
        assert g_cold[2] > g_cold[0] + 40, g_cold
    finally:
        pl.close()


def test_layout_follows_the_parameters():
    p = heater_params({"rad_tube_count": 60, "passes": 2, "shield_rows": 3, "conv_rows": 5,
                       "conv_tubes_per_row": 6, "firebox_width": 10.0, "stack_height": 30.0})
    lay = box_heater_layout(p, flue_flow=15.0, stack_temp=450.0, fired_duty=40e6)
    assert lay.rad_xy.shape == (60, 2)
    length, width, _ = lay.firebox
    assert np.all(np.abs(lay.rad_xy[:, 0]) < 0.5 * length)
    assert np.all(np.abs(lay.rad_xy[:, 1]) < 0.5 * width)
    # two passes of 30 tubes, each running crossover -> outlet
    assert np.allclose(lay.rad_coil_fraction[:30], lay.rad_coil_fraction[30:])
    assert np.all(np.diff(lay.rad_coil_fraction[:30]) > 0)
    assert lay.row_z.size == 8 and lay.row_is_shield.sum() == 3
    assert all(len(y) == 6 for y in lay.row_tube_y)
    assert np.all(np.diff(lay.row_gas_fraction) > 0)
    assert lay.bank_z[0] == pytest.approx(lay.firebox[2])
    # 15 kg/s at 450 K and 8 m/s: rho = 101325*0.0285/(8.314*450) = 0.772 kg/m3, D = 1.76 m
    assert 2 * lay.stack_radius == pytest.approx(1.76, abs=0.01)
    assert lay.stack_shortened and lay.stack_height == 30.0
    full = box_heater_layout(p, max_stack_ratio=None)
    assert full.stack_z[1] - full.stack_z[0] == pytest.approx(30.0)
    assert len(lay.burner_xy) == 12  # 10 m wide box: two rows of burners


def test_degenerate_heaters_still_render(tmp_path, heater_state_default, read_png):
    """No banks, one tube, no stack, no profiles: still a picture, not an exception."""
    p, out, _ = heater_state_default
    p = {**p, "shield_rows": 0.0, "conv_rows": 0.0, "rad_tube_count": 1.0,
         "stack_height": 0.0}
    path = render_heater_scene(p, out, {}, tmp_path / "bare.png", window_size=(1000, 650))
    size, rgb = read_png(path)
    assert size == (1000, 650) and rgb.std() > 10.0


def test_unknown_parameter_names_are_refused(heater_state_default):
    with pytest.raises(KeyError, match="firebox_lenght"):
        heater_params({"firebox_lenght": 12.0})
    with pytest.raises(ValueError, match="PARAMS"):
        heater_params(defaults(PARAMS)[:-1])
