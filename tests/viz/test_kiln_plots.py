"""Kiln figures: profiles, the Barr validation overlay, study sweeps and plot_study's choice."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
import pyvista as pv
from synthetic_kiln import KILN_GRID, default_state, write_kiln_study

from viz.barr import BARR_DATA_DIR, load_barr_trial
from viz.kiln_plots import (
    kiln_profiles_figure,
    kiln_sweep_figure,
    plot_kiln_profiles,
    plot_validation,
    validation_errors,
    validation_figure,
)
from viz.results import read_study
from viz.sweep_plots import plot_study

pv.OFF_SCREEN = True
KELVIN = 273.15


@pytest.fixture(scope="module")
def kiln_study(tmp_path_factory):
    """Firing rate x secondary air, 12 rows, row 1 failed."""
    path = tmp_path_factory.mktemp("kiln") / "kiln_study.h5"
    write_kiln_study(path, KILN_GRID)
    return path


# ------------------------------------------------------------------ profiles


def test_profiles_png_of_sand_and_of_a_calcining_bed(tmp_path, read_png, colourful):
    p, out, prof = default_state()
    path = plot_kiln_profiles(prof, out, tmp_path / "sand.png", params=p, title="sand")
    size, rgb = read_png(path)
    assert size[0] >= 1200 and size[1] >= 700
    assert rgb.std() > 20.0 and colourful(rgb) > 0.005
    # inert sand: constant composition is stated, not drawn as a panel
    fig = kiln_profiles_figure(prof, out, params=p)
    axes = [ax for ax in fig.axes if ax.get_ylabel()]
    assert [ax.get_ylabel() for ax in axes] == ["temperature [°C]", "heat flow [kW/m]"]
    assert "bed SiO2 100 % all along" in axes[0].get_title(loc="left")
    # four temperature curves; gas and bed reach the kiln ends with the exit values
    lines = {line.get_label(): line for line in axes[0].get_lines()}
    assert set(lines) == {"gas", "bed", "inner wall", "shell"}
    z_bed, t_bed = lines["bed"].get_data()
    assert z_bed[0] == 0.0 and t_bed[0] == pytest.approx(p["feed_temp"] - KELVIN)
    assert z_bed[-1] == pytest.approx(5.5) and t_bed[-1] == pytest.approx(out["bed_exit_temp"] - KELVIN)
    assert lines["gas"].get_data()[1][0] == pytest.approx(out["gas_exit_temp"] - KELVIN)

    p, out, prof = default_state(calcining=True)
    fig = kiln_profiles_figure(prof, out, params=p)
    comp = [ax for ax in fig.axes if ax.get_ylabel().startswith("bed composition")]
    assert len(comp) == 1
    labels = comp[0].get_legend_handles_labels()[1]
    assert set(labels) == {"CaCO3", "CaO", "SiO2"}  # the all-zero H2O is left out
    size, rgb = read_png(plot_kiln_profiles(prof, out, tmp_path / "calc.png", params=p))
    assert size[1] > 1000 and rgb.std() > 20.0


# ------------------------------------------------------------------ validation


def _measured_lines(fig):
    ax = fig.axes[0]
    return {line.get_label(): line for line in ax.get_lines() if line.get_label().startswith("measured")}


def test_validation_overlay_plots_every_measured_point(tmp_path, read_png):
    p, out, prof = default_state()
    trial = load_barr_trial("T4")
    fig = validation_figure(prof, out, "T4", params=p)
    lines = _measured_lines(fig)
    ax = fig.axes[0]
    expected = {key: np.asarray(v, dtype=float) for key, v in trial["measured"].items() if v}
    assert len(lines) == len(expected) == 4  # bed, gas, gas above the bed, wall (no shell data)
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    for key, pts in expected.items():
        label = next(lab for lab in lines if {"bed_T_K": "bed", "gas_T_K": "10 cm off the wall",
                                               "gas_off_bed_T_K": "above the bed",
                                               "wall_T_K": "inner wall"}[key] in lab)
        z, t = lines[label].get_data()
        np.testing.assert_allclose(z, pts[:, 0])
        np.testing.assert_allclose(t, pts[:, 1] - KELVIN)
        assert lines[label].get_marker() not in ("", "None", None)
        # every point lies inside the axes (not clipped away)
        assert np.all((xlim[0] <= z) & (z <= xlim[1]) & (ylim[0] <= t) & (t <= ylim[1]))

    # and the markers are really drawn: the pixels under each bed point have the bed colour
    # (the model's bed line, of the same colour, is left out for this check)
    prof = {k: v for k, v in prof.items() if k != "T_bed"}
    path = plot_validation(prof, out, "T4", tmp_path / "t4.png", params=p, dpi=100)
    _, rgb = read_png(path)
    fig = validation_figure(prof, out, "T4", params=p)
    fig.set_dpi(100)
    fig.canvas.draw()
    ax = fig.axes[0]
    bed = expected["bed_T_K"]
    xy = ax.transData.transform(np.column_stack([bed[:, 0], bed[:, 1] - KELVIN]))
    colour = np.array([0x8C, 0x51, 0x0A])
    height = rgb.shape[0]

    def hits(offset_px):
        n = 0
        for x, y in xy + offset_px:
            row, col = int(round(height - y)), int(round(x))
            patch = rgb[row - 1:row + 2, col - 1:col + 2].reshape(-1, 3).astype(int)
            n += bool(np.any(np.abs(patch - colour).sum(axis=1) < 60))
        return n

    assert hits(0.0) == len(bed)
    assert hits(np.array([0.0, 25.0])) < len(bed) // 2  # a marker's width above: background


def test_validation_errors_by_hand():
    """Constant model temperatures: the error is that constant minus each measurement."""
    n = 100
    z = (np.arange(n) + 0.5) * 5.5 / n
    prof = {"z": z, "T_gas": np.full(n, 900.0), "T_bed": np.full(n, 700.0), "T_wall": np.full(n, 750.0)}
    out = {"gas_exit_temp": 900.0, "bed_exit_temp": 700.0}
    trial = load_barr_trial(BARR_DATA_DIR / "barr_T4.json")
    err = validation_errors(prof, out, trial, params={"feed_temp": 700.0, "length": 5.5})
    for key, level in (("gas_T_K", 900.0), ("bed_T_K", 700.0), ("wall_T_K", 750.0)):
        m = np.array(trial["measured"][key])[:, 1]
        np.testing.assert_allclose(err[key]["error"], level - m)
        assert err[key]["rmse"] == pytest.approx(np.sqrt(np.mean((level - m) ** 2)))
    # the bed is pinned to the feed temperature at z = 0: 0.1 m is interpolated towards it
    err = validation_errors(prof, out, trial, params={"feed_temp": 300.0, "length": 5.5})
    first = np.array(trial["measured"]["bed_T_K"][0])
    expected = 300.0 + (700.0 - 300.0) * first[0] / z[0] if first[0] < z[0] else 700.0
    assert err["bed_T_K"]["model"][0] == pytest.approx(expected)


# ------------------------------------------------------------------ studies


def test_plot_study_dispatches_a_kiln_file_to_the_kiln_figures(kiln_study, tmp_path, read_png,
                                                               colourful):
    paths = plot_study(kiln_study, tmp_path / "plots")
    assert [p.name for p in paths] == ["kiln_sweep.png", "kiln_profiles.png", "kiln_scene.png"]
    for path in paths:
        size, rgb = read_png(path)
        assert size[0] >= 1200 and size[1] >= 800, (path.name, size)
        assert rgb.std() > 20.0 and colourful(rgb) > 0.01, path.name
    assert read_png(paths[2])[0] == (1600, 900)


def test_kiln_sweep_lines_are_the_stored_outputs(kiln_study):
    res = read_study(kiln_study)
    assert res.unit == "kiln" and res.n_total == 12 and len(res) == 11
    fig = kiln_sweep_figure(res)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes[0].get_ylabel() == "bed exit temperature [°C]"
    assert axes[0].get_xlabel() == "fuel flow [kg/h]"
    lines = axes[0].get_lines()
    assert [line.get_label() for line in lines] == [
        "secondary air 120 kg/h", "secondary air 183 kg/h", "secondary air 250 kg/h"]
    air = res.param("secondary_air")
    for line, level in zip(lines, KILN_GRID["secondary_air"], strict=True):
        sel = np.isclose(air, level)
        x, y = line.get_data()
        np.testing.assert_allclose(x, np.sort(res.param("fuel_flow")[sel]) * 3600.0)
        order = np.argsort(res.param("fuel_flow")[sel])
        np.testing.assert_allclose(y, res.outputs["bed_exit_temp"][sel][order] - KELVIN)
    # with a fixed feed the specific heat follows the fuel alone: drawn against bed exit
    assert axes[1].get_ylabel().startswith("specific heat consumption")
    assert axes[1].get_xlabel() == "bed exit temperature [°C]"


def test_a_kiln_study_with_one_swept_parameter_and_nothing_solved(tmp_path, read_png):
    path = tmp_path / "one.h5"
    write_kiln_study(path, {"fill_fraction": [0.08, 0.12, 0.16]}, bad_rows=())
    paths = plot_study(path, tmp_path / "one", scene=False)
    assert [p.name for p in paths] == ["kiln_sweep.png", "kiln_profiles.png"]
    assert read_png(paths[0])[1].std() > 20.0
    none = tmp_path / "none.h5"
    write_kiln_study(none, {"fill_fraction": [0.08, 0.12]}, bad_rows=(0, 1))
    with pytest.warns(UserWarning, match="no scenario with status OK"):
        assert plot_study(none, tmp_path / "none") == []


def test_heater_files_keep_the_heater_figures(heater_study, tmp_path):
    with h5py.File(heater_study, "r") as f:
        assert f.attrs["unit"] == "heater"
    names = [p.name for p in plot_study(heater_study, tmp_path, scene=False)]
    assert names == ["efficiency_vs_excess_air.png", "pareto_fuel_vs_tmt.png"]
