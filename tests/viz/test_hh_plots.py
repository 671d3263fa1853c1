"""Pictures of the Hall–Héroult cell (viz/hh_plots.py): voltage breakdown and time series."""

import numpy as np
import pytest

from kernels import hall_heroult as hh
from kernels import hh_dynamics as hd
from kernels.contract import defaults
from viz.hh_plots import save_figure, time_series_figure, voltage_breakdown_figure


def dynamic_run(days: float = 3.0, feeder_failure_h: float = 30.0):
    """Default cell at 1-minute steps; the feeders stop at ``feeder_failure_h`` until the
    anode effect, then the controller takes over again."""
    p = defaults(hh.PARAMS)
    s = np.empty(hh.N_STATE)
    hh.start_state(p, s)
    n = int(days * 1440)
    rows = np.empty((n, 5))
    ae = []
    failed = p.copy()
    failed[[hh.I_UNDERFEED_FACTOR, hh.I_OVERFEED_FACTOR]] = (0.0, 1.01)
    failed[hh.I_TRACKING_SLOPE] = 1e-8
    for k in range(n):
        count = s[hd.S_AE_COUNT]
        broken = s[hd.S_TIME] >= feeder_failure_h * 3600.0 and s[hd.S_AE_COUNT] == 0
        if broken and s[hd.S_FEED_MODE] == hd.OVERFEED:
            s[hd.S_FEED_MODE] = hd.UNDERFEED
        hh.step(s, failed if broken else p, 60.0)
        if s[hd.S_AE_COUNT] > count:
            ae.append(s[hd.S_TIME])
        rows[k] = (s[hd.S_TIME], s[hd.S_ALUMINA] / s[hd.S_BATH], s[hd.S_VOLTAGE], s[hd.S_T_BATH],
                   s[hd.S_LEDGE])
    return rows, np.array(ae)


def test_time_series_with_anode_effect(tmp_path):
    rows, ae = dynamic_run()
    assert len(ae) == 1 and 30 * 3600 < ae[0] < 32 * 3600
    fig = time_series_figure(rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4], ae,
                             title="300 kA cell, feeder failure at 30 h")
    path = save_figure(fig, tmp_path / "hh_time_series.png")
    assert path.stat().st_size > 30_000


def test_voltage_breakdown_bars(tmp_path):
    out = np.empty(len(hh.OUTPUTS))
    prof = np.empty((len(hh.PROFILES), hh.N_CELL))
    outputs = []
    for acd in (0.04, 0.045, 0.05):
        p = defaults(hh.PARAMS)
        p[hh.I_ACD] = acd
        assert hh.solve(p, out, prof) == 0
        outputs.append(dict(zip([o.name for o in hh.OUTPUTS], out.tolist(), strict=True)))
    fig = voltage_breakdown_figure(outputs, ["ACD 4.0 cm", "ACD 4.5 cm", "ACD 5.0 cm"])
    path = save_figure(fig, tmp_path / "hh_voltage_breakdown.png")
    assert path.stat().st_size > 20_000


def _steady(p):
    out = np.empty(len(hh.OUTPUTS))
    prof = np.empty((len(hh.PROFILES), hh.N_CELL))
    assert hh.solve(p, out, prof) == 0
    return {row.name: out[i] for i, row in enumerate(hh.OUTPUTS)}, {"T_ledge": prof[hh.F_T_LEDGE]}


def test_cell_scene_png(tmp_path, read_png, colourful):
    """The 3-D cell: a PNG of the asked size, coloured (bath, pad, ledge on the colour bar)."""
    import pyvista as pv

    from viz.hh_scene import cell_layout, hh_params, render_hh_scene

    pv.OFF_SCREEN = True
    p = defaults(hh.PARAMS)
    outputs, profiles = _steady(p)
    path = render_hh_scene(p, outputs, profiles, tmp_path / "sub" / "hh_scene.png", window_size=(1200, 750),
                           title="test cell")
    size, rgb = read_png(path)
    assert size == (1200, 750)
    assert rgb.std() > 30.0
    scene = rgb[:, : int(0.8 * size[0])].astype(int)  # left of the colour bar
    assert colourful(scene) > 0.005  # measured 0.010 at 1600 x 1000 px
    # bath and metal at ~970 degC take the hot (yellow) end of the inferno map
    hot = (scene[..., 0] > 150) & (scene[..., 1] > 150) & (scene[..., 2] < 130)
    assert hot.mean() > 0.001  # measured 0.0033 at 1600 x 1000 px
    # the drawn geometry follows the parameters: pad depth from its mass, anodes at the ACD
    lay = cell_layout(hh_params(p), outputs["ledge_thickness"])
    assert lay.metal_top == pytest.approx(18000.0 / (2300.0 * 45.0))
    assert lay.anode_bottom - lay.metal_top == pytest.approx(0.045)
    assert lay.ledge == pytest.approx(outputs["ledge_thickness"])
    with pytest.raises(KeyError, match="unknown hall_heroult parameter"):
        hh_params({"not_a_param": 1.0})


def test_study_plots_draw_the_best_scene(tmp_path):
    from twins import Study
    from viz.hh_plots import best_scenario
    from viz.results import read_study
    from viz.sweep_plots import plot_study

    study = Study.grid("hall_heroult", name="hh_scene_study", acd=["4.0 cm", "4.5 cm", "5.0 cm"])
    store = tmp_path / "s.h5"
    study.run(store=store, progress=False)
    written = plot_study(store, tmp_path / "plots")
    assert (tmp_path / "plots" / "hh_scene.png") in written
    res = read_study(store)
    # least kWh/kg within the limits: the smallest ACD (less bath drop), if it keeps its ledge
    best = best_scenario(res)
    assert res.param("acd")[best] == pytest.approx(0.04)
