"""Examples are tests (DESIGN.md §8): every file in examples/ runs through the CLI.

Scenario files go through ``heattwin run --json``, study files through ``heattwin sweep``
with a small ``--chunk-size`` (several crash-safe chunks) and ``--plots``, the way the
README and ``make demo`` use them; optimisation files through ``heattwin optimize``.
"""

from __future__ import annotations

import json
import tomllib

import h5py
import numpy as np
import pytest

from tests.twins.conftest import EXAMPLES
from twins import Scenario, Study, UnitTwin, cli

FILES = sorted(EXAMPLES.glob("*.toml"))
SCENARIOS = [p for p in FILES if "scenario" in tomllib.loads(p.read_text(encoding="utf-8"))]
_TABLES = {p: tomllib.loads(p.read_text(encoding="utf-8")) for p in FILES}
OPTIMIZATIONS = [p for p in FILES if "optimize" in _TABLES[p]]
STUDIES = [p for p in FILES if "study" in _TABLES[p] and p not in OPTIMIZATIONS]
PLANTS = [p for p in FILES if "plant" in _TABLES[p]]
CALIBRATIONS = [p for p in FILES if "calibrate" in _TABLES[p]]


def _main(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_example_is_a_scenario_a_study_a_plant_or_a_calibration():
    assert FILES, "examples/ has no TOML files"
    assert sorted(SCENARIOS + STUDIES + OPTIMIZATIONS + PLANTS + CALIBRATIONS) == FILES
    assert {p.name for p in FILES} >= {"heater_crude.toml", "heater_demo_study.toml",
                                       "kiln_barr_t4.toml", "kiln_study.toml"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_example_scenario_runs(path, capsys):
    scenario = Scenario.from_toml(path)
    code, out, err = _main(capsys, "run", path, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["status"] == 0 and result["unit"] == scenario.unit
    assert result["scenario"] == scenario.name
    outputs = result["outputs"]
    assert abs(outputs["energy_residual"]) < 1e-6


@pytest.mark.parametrize("path", STUDIES, ids=lambda p: p.stem)
def test_example_study_sweeps_in_chunks_with_plots(path, capsys, tmp_path):
    study = Study.from_toml(path)
    store, plots = tmp_path / "study.h5", tmp_path / "plots"
    code, out, err = _main(capsys, "sweep", path, "--store", store, "--chunk-size", 7,
                           "--no-progress", "--plots", plots)
    assert code == 0, err
    assert f"{study.n_scenarios} scenarios of {study.twin.name}" in out
    with h5py.File(store, "r") as h5:
        assert h5.attrs["unit"] == study.twin.name
        status = h5["scenarios/status"][...]
    assert status.size == study.n_scenarios and np.all(status != -1)
    assert np.mean(status == 0) > 0.8
    pngs = sorted(plots.glob("*.png"))
    assert len(pngs) >= 2 and all(p.stat().st_size > 10_000 for p in pngs)


@pytest.mark.parametrize("path", OPTIMIZATIONS, ids=lambda p: p.stem)
def test_example_optimization_finds_a_feasible_optimum(path, capsys, tmp_path):
    store = tmp_path / "opt.h5"
    code, out, err = _main(capsys, "optimize", path, "--store", store)
    assert code == 0, err  # 1 would mean no feasible point
    assert "feasible;" in out and "optimum (row" in out
    with h5py.File(store, "r") as h5:
        assert h5["scenarios/status"].shape[0] > 10 and "optimum" in h5["analysis"]


def test_kiln_example_writes_out_the_barr_t4_defaults():
    """examples/kiln_barr_t4.toml states the kiln defaults (Barr trial T4) with units; the
    flows in kg/h are the published L/s at 25 °C and 1 atm to 6 significant digits."""
    scenario = Scenario.from_toml(EXAMPLES / "kiln_barr_t4.toml")
    twin = UnitTwin("kiln")
    np.testing.assert_allclose(twin.vector(scenario.params), twin.defaults(), rtol=2e-6, atol=1e-12)
    # every dimensional value carries its unit
    units = twin.units
    bare = [k for k, v in scenario.params.items() if units[k] != "1" and not isinstance(v, str)]
    assert bare == []
    assert len(scenario.params) >= 50


def test_kiln_study_is_a_small_grid_around_t4():
    study = Study.from_toml(EXAMPLES / "kiln_study.toml")
    assert study.twin.name == "kiln" and study.swept == ["fuel_flow", "secondary_air"]
    assert 12 <= study.n_scenarios <= 60
    base = study.twin.vector(study.base)
    fuel = study.matrix()[:, study.twin.param_names.index("fuel_flow")]
    assert fuel.min() < base[study.twin.param_names.index("fuel_flow")] < fuel.max()


@pytest.mark.parametrize("path", PLANTS, ids=lambda p: p.stem)
def test_example_plant_runs_its_whole_horizon(path, capsys, tmp_path):
    store = tmp_path / "plant.h5"
    code, out, err = _main(capsys, "plant", path, "--store", store)
    assert code == 0, err
    assert "fleet" in out
    with h5py.File(store, "r") as h5:
        totals = json.loads(h5.attrs["totals"])
        assert totals["delivered_kg"] + totals["shortfall_kg"] == pytest.approx(totals["demand_kg"], rel=1e-12)
        kinds = [k.decode() if isinstance(k, bytes) else k for k in h5["plant/events/kind"][...]]
        assert kinds.count("decoke finished") >= 1
        assert np.isfinite(h5["plant/demand"][...]).all()


@pytest.mark.parametrize("path", CALIBRATIONS, ids=lambda p: p.stem)
def test_example_calibration_fits_and_plots(path, capsys, tmp_path):
    store, plots = tmp_path / "cal.h5", tmp_path / "plots"
    code, out, err = _main(capsys, "calibrate", path, "--store", store, "--plots", plots)
    assert code == 0, err
    assert "chi2/dof" in out and "± 1 s.e." in out and "RMSE" in out
    assert "excluded" in err and "warning" not in err
    with h5py.File(store, "r") as h5:
        assert 0.8 < h5["calibration"].attrs["reduced_chi2"] < 1.25
    pngs = sorted(plots.glob("*.png"))
    assert [p.name for p in pngs] == ["calibration_drift.png", "calibration_parity.png", "calibration_residuals.png"]
    assert all(p.stat().st_size > 10_000 for p in pngs)
