"""Study figures from an HDF5 results file: right files, right rows, right choices."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
import pyvista as pv
from synthetic_heater import FULL_GRID, write_heater_study

from viz.efficiency_plot import _o2_fit
from viz.results import read_study
from viz.study_design import best_feasible, feasible, level_params, pareto_front
from viz.sweep_plots import plot_study
from viz.units import axis_label, to_display

pv.OFF_SCREEN = True


def test_plot_study_writes_three_valid_non_blank_pngs(heater_study, tmp_path, read_png,
                                                      colourful):
    paths = plot_study(heater_study, tmp_path / "plots")
    assert [p.name for p in paths] == [
        "efficiency_vs_excess_air.png", "pareto_fuel_vs_tmt.png", "heater_scene.png"]
    for path in paths:
        size, rgb = read_png(path)
        assert size[0] >= 800 and size[1] >= 500, (path.name, size)
        assert rgb.std() > 20.0, path.name
        assert colourful(rgb) > 0.003, path.name  # coloured lines, markers, tubes
    assert read_png(paths[2])[0] == (1600, 1000)
    # two subplots side by side (one per convection-row level): wider than tall
    (w, h), _ = read_png(paths[0])
    assert w > 1.8 * h


def test_only_ok_rows_are_read(heater_study):
    res = read_study(heater_study)
    assert res.n_total == 48 and len(res) == 46
    assert 1 not in res.scenario and 5 not in res.scenario
    assert np.all(res.status == 0)
    assert all(np.isfinite(v).all() for k, v in res.outputs.items()
               if k in ("fuel_flow", "efficiency_lhv", "tube_metal_margin"))
    assert res.profiles["T_gas"].shape == (46, 16)
    assert res.units["air_preheat_temp"] == "K" and res.units["fuel_flow"] == "kg/s"


def test_swept_parameters_are_found_from_the_data(heater_study):
    res = read_study(heater_study)
    assert res.swept() == ["excess_air", "air_preheat_temp", "conv_rows"]
    assert level_params(res, exclude=("excess_air",)) == ["air_preheat_temp", "conv_rows"]


def test_best_feasible_is_the_least_fuel_with_no_negative_margin(heater_study):
    res = read_study(heater_study)
    margins = np.column_stack([res.outputs[n] for n in res.outputs if n.endswith("_margin")])
    ok = np.all(margins >= 0, axis=1)
    assert 0 < ok.sum() < len(res)  # the synthetic study has both kinds
    i, is_feasible = best_feasible(res)
    assert is_feasible and ok[i]
    assert res.outputs["fuel_flow"][i] == res.outputs["fuel_flow"][ok].min()
    assert np.array_equal(feasible(res), ok)


def test_pareto_front_matches_brute_force():
    rng = np.random.default_rng(7)
    cost, benefit = rng.normal(size=200), rng.normal(size=200)
    cost[3] = np.nan
    front = pareto_front(cost, benefit)
    dominated = [
        any((cost[j] <= cost[i] and benefit[j] >= benefit[i])
            and (cost[j] < cost[i] or benefit[j] > benefit[i]) for j in range(200) if j != 3)
        for i in range(200)
    ]
    expected = [i for i in range(200) if i != 3 and not dominated[i]]
    assert sorted(front.tolist()) == expected
    assert np.all(np.diff(cost[front]) > 0) and np.all(np.diff(benefit[front]) > 0)


def test_o2_axis_recovers_the_excess_air_relation(heater_study):
    # the synthetic study has O2 = 0.2095 e / (1 + 1.05 e), i.e. e / O2 = a0 + a1 e
    a0, a1 = _o2_fit(read_study(heater_study))
    assert a0 == pytest.approx(1 / 0.2095, rel=1e-9)
    assert a1 == pytest.approx(1.05 / 0.2095, rel=1e-9)


def test_a_study_that_swept_one_parameter_and_lacks_outputs(tmp_path, read_png):
    """Nothing else swept, no O2 and no tube-metal margin: efficiency plot only, warned."""
    path = tmp_path / "small.h5"
    write_heater_study(path, {"excess_air": [0.1, 0.2, 0.3]}, bad_rows=())
    with h5py.File(path, "r+") as f:
        del f["outputs/o2_dry"], f["outputs/tube_metal_margin"]
    with pytest.warns(UserWarning, match="Pareto plot skipped"):
        paths = plot_study(path, tmp_path, scene=False)
    assert [p.name for p in paths] == ["efficiency_vs_excess_air.png"]
    assert read_png(paths[0])[1].std() > 20.0


def test_four_swept_parameters_and_no_feasible_row(tmp_path):
    grid = {**FULL_GRID, "shield_rows": [0.0, 3.0], "limit_tube_metal_temp": [700.0]}
    path = tmp_path / "big.h5"
    write_heater_study(path, grid, bad_rows=())
    res = read_study(path)
    assert not feasible(res).any()
    i, is_feasible = best_feasible(res)
    assert not is_feasible
    assert len(plot_study(path, tmp_path / "out")) == 3


def test_nothing_solved_gives_no_figures(tmp_path):
    path = tmp_path / "none.h5"
    write_heater_study(path, {"excess_air": [0.1, 0.2]}, bad_rows=(0, 1))
    with pytest.warns(UserWarning, match="no scenario with status OK"):
        assert plot_study(path, tmp_path / "out") == []


def test_display_units():
    assert to_display("stack_temp", "K", 473.15) == pytest.approx(200.0)
    assert to_display("tube_metal_margin", "K", 12.0) == 12.0  # a difference stays in K
    assert to_display("efficiency_lhv", "1", 0.9) == pytest.approx(90.0)
    assert to_display("fuel_flow", "kg/s", 1.0) == 3600.0
    assert axis_label("air_preheat_temp", "K") == "air preheat [°C]"
    assert axis_label("passes", "1") == "passes"
