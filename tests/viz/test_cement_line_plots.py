"""Cement-line study figures: what they show, drawn from a synthetic study file."""

from __future__ import annotations

import numpy as np
import pytest
from synthetic_cement_line import GRID, line_state, write_line_study

from kernels.cement_line import PARAMS
from kernels.contract import defaults
from kernels.kiln import PARAMS as KILN_PARAMS
from viz.cement_line_plots import (
    CO2_SPLIT,
    HEAT_SPLIT,
    cement_line_sweep_figure,
    heat_and_co2_figure,
    kiln_view,
    line_groups,
    plot_cement_line_study,
)
from viz.results import read_study
from viz.sweep_plots import plot_study


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    path = tmp_path_factory.mktemp("cement_line") / "line.h5"
    write_line_study(path)
    return path


def test_plot_study_dispatches_cement_line_files(study, tmp_path, read_png, colourful):
    names = [p.name for p in plot_study(study, tmp_path, scene=False)]
    assert names == ["cement_line_sweep.png", "cement_line_balance.png"]
    for name in names:
        size, rgb = read_png(tmp_path / name)
        assert size[0] > 1500 and colourful(rgb) > 0.005  # line plot: mostly white


def test_sweep_lines_one_colour_per_fuel_mix_one_style_per_o2(study):
    res = read_study(study)
    assert line_groups(res) == ("kiln_alt_fuel_share", "oxygen_enrichment")
    fig = cement_line_sweep_figure(res)
    ax = fig.axes[0]
    drawn = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 0]
    # 2 fuel mixes x 2 O2 levels, one failed scenario: 4 lines of 3, 3, 3 and 2 points
    assert sorted(len(ln.get_xdata()) for ln in drawn) == [2, 3, 3, 3]
    x = np.concatenate([ln.get_xdata() for ln in drawn])
    np.testing.assert_allclose(np.sort(x), np.sort(res.outputs["secondary_air_temp"] - 273.15))
    y = np.concatenate([ln.get_ydata() for ln in drawn])
    np.testing.assert_allclose(np.sort(y), np.sort(res.outputs["specific_heat_consumption"] / 1e6))
    assert "GJ/t" in ax.get_ylabel() and "°C" in fig.axes[2].get_xlabel()
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "alt. fuel 50 %" in labels and "O2 enrichment 20 %" in labels


def test_balance_bars_add_up_to_the_heat_split_and_the_co2_total(study):
    res = read_study(study)
    fig = heat_and_co2_figure(res)
    ax_h, ax_c = fig.axes[:2]
    n = len(res)
    assert n == np.prod([len(v) for v in GRID.values()]) - 1
    bars = ax_h.patches
    assert len(bars) == n * len(HEAT_SPLIT)
    ends = np.array([b.get_x() + b.get_width() for b in bars]).reshape(len(HEAT_SPLIT), n)[-1]
    order = np.argsort(res.outputs["specific_heat_consumption"])
    # loss_shell includes the kiln shell, drawn as its own bar: the stack ends at the sum of
    # the line's split, which is the fuel heat plus the sensible heat of the inputs
    split = [n for n, _ in HEAT_SPLIT if n != "loss_kiln_shell"]
    total = sum(res.outputs[name] for name in split)
    np.testing.assert_allclose(total, res.outputs["specific_heat_consumption"] + res.outputs["heat_input_sensible"])
    np.testing.assert_allclose(ends, total[order] / 1e3, rtol=1e-12)
    co2_ends = np.array([b.get_x() + b.get_width() for b in ax_c.patches]).reshape(len(CO2_SPLIT), n)[-1]
    np.testing.assert_allclose(co2_ends, res.outputs["total_co2"][order], rtol=1e-12)
    assert ax_h.get_yticklabels()[0].get_text().startswith("recup. 74 %")  # least heat on top


def test_kiln_view_maps_the_line_onto_kiln_names():
    p = dict(zip([r.name for r in PARAMS], defaults(PARAMS), strict=True))
    out, _ = line_state(p)
    names = {row.name for row in KILN_PARAMS}
    from viz.results import StudyResults

    res = StudyResults(unit="cement_line", param_names=tuple(p), params=np.array([list(p.values())]),
                       scenario=np.array([0]), status=np.array([0], dtype=np.int8),
                       outputs={k: np.array([v]) for k, v in out.items()}, profiles={}, units={})
    kp, ko = kiln_view(res, 0, names)
    assert set(kp) <= names and kp["feed_temp"] == p["calciner_exit_temp"]
    assert kp["feed_rate"] == out["kiln_feed_flow"] and kp["length"] == p["length"]
    assert ko["heat_input"] == pytest.approx(out["kiln_fuel_heat"] * p["clinker_rate"])
    assert ko["bed_exit_temp"] == out["clinker_discharge_temp"]


def test_not_a_cement_line_file_is_skipped_with_a_warning(tmp_path):
    from viz.results import StudyResults

    empty = StudyResults(unit="cement_line", param_names=("x",), params=np.zeros((1, 1)),
                         scenario=np.array([0]), status=np.array([0], dtype=np.int8),
                         outputs={}, profiles={}, units={})
    with pytest.warns(UserWarning, match="not a cement_line study"):
        assert plot_cement_line_study(empty, tmp_path, scene=False) == []
