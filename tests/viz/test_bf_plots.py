"""Blast-furnace figures and scene (viz/bf_plots.py, viz/bf_scene.py) from real kernel states."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from twins import Study, UnitTwin
from viz.bf_plots import plot_bf_study, profiles_figure, rist_figure
from viz.sweep_plots import plot_study

pv.OFF_SCREEN = True


@pytest.fixture(scope="module")
def state():
    r = UnitTwin("blast_furnace").run()
    return r.params, r.outputs, r.profiles


@pytest.fixture(scope="module")
def bf_store(tmp_path_factory):
    twin = UnitTwin("blast_furnace")
    study = Study.grid(twin, pci_rate={"values": [150, 200], "unit": "kg/t"},
                       oxygen_enrichment=[0.03, 0.05],
                       blast_temp={"values": [1150, 1250], "unit": "degC"})
    path = tmp_path_factory.mktemp("bf") / "bf.h5"
    study.run(store=path, progress=False)
    return path


def test_rist_figure_draws_line_and_pinch(state, tmp_path):
    _, outputs, _ = state
    fig = rist_figure(outputs)
    ax = fig.axes[0]
    line = next(ln for ln in ax.lines if ln.get_label() == "operating line")
    x, y = line.get_data()
    assert x[-1] == pytest.approx(outputs["rist_x_top"]) and y[-1] == pytest.approx(outputs["rist_y_top"])
    assert y[0] == pytest.approx(outputs["rist_y_a"])
    fig.savefig(tmp_path / "rist.png")


def test_profiles_figure_depth_axis_points_down(state):
    _, outputs, profiles = state
    fig = profiles_figure(profiles, outputs)
    lo, hi = fig.axes[0].get_ylim()
    assert lo > hi == 0.0


def test_study_figures_and_scene(bf_store, tmp_path, read_png, colourful):
    written = plot_study(bf_store, tmp_path)
    assert sorted(p.name for p in written) == ["bf_profiles.png", "bf_rist.png", "bf_scene.png",
                                               "bf_sweep.png"]
    for path in written:
        (w, h), rgb = read_png(path)
        assert w > 800 and h > 600
        assert colourful(rgb) > 0.003, path.name
    # the scene shows a hot bottom and a cold top on the section
    (_, _), rgb = read_png(tmp_path / "bf_scene.png")
    assert np.std(rgb.astype(float)) > 20.0


def test_no_ok_rows_warns(tmp_path):
    from viz.results import StudyResults

    res = StudyResults("blast_furnace", (), np.empty((0, 0)), np.empty(0, int), np.empty(0, np.int8),
                       {}, {}, {})
    with pytest.warns(UserWarning, match="nothing to plot"):
        assert plot_bf_study(res, tmp_path) == []
