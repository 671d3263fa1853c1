"""The Hall–Héroult examples: the 300 kA cell scenario and the potline study.

(tests/twins/test_examples.py also runs every example through the CLI.)
"""

from __future__ import annotations

import json

import h5py
import numpy as np

from tests.twins.conftest import EXAMPLES
from twins import Scenario, Study, UnitTwin, cli

KWH = 3.6e6


def test_cell_example_writes_out_the_defaults():
    """examples/potline_300kA.toml states the hall_heroult defaults with their units."""
    scenario = Scenario.from_toml(EXAMPLES / "potline_300kA.toml")
    twin = UnitTwin("hall_heroult")
    assert scenario.unit == "hall_heroult"
    np.testing.assert_allclose(twin.vector(scenario.params), twin.defaults(), rtol=1e-9)
    assert len(scenario.params) >= 35  # the steady cell; dynamic parameters keep defaults


def test_cell_example_runs_on_the_command_line(capsys):
    code = cli.main(["run", str(EXAMPLES / "potline_300kA.toml"), "--json",
                     "--set", "grid_emission_factor=0"])
    out, err = capsys.readouterr()
    assert code == 0, err
    o = json.loads(out)["outputs"]
    assert 12.8 < o["specific_energy"] / KWH < 14.0
    # hydro power: only anode carbon and PFCs remain, about 1.5 t CO2e per t Al
    assert 1.3 < o["co2e_intensity"] < 1.8


def test_potline_study_sweeps_acd_alf3_and_current(capsys, tmp_path):
    study = Study.from_toml(EXAMPLES / "potline_study.toml")
    assert sorted(study.swept) == ["acd", "alf3_excess", "line_current"]
    assert study.n_scenarios == 54
    store, plots = tmp_path / "potline.h5", tmp_path / "plots"
    code = cli.main(["sweep", str(EXAMPLES / "potline_study.toml"), "--store", str(store),
                     "--no-progress", "--plots", str(plots)])
    out, err = capsys.readouterr()
    assert code == 0, err
    with h5py.File(store, "r") as h5:
        status = h5["scenarios/status"][...]
        kwh = h5["outputs/specific_energy"][...] / KWH
        ce = h5["outputs/current_efficiency"][...]
        superheat = h5["outputs/superheat"][...]
        ledge = h5["outputs/ledge_thickness"][...]
        co2e = h5["outputs/co2e_intensity"][...]
        names = [n.decode() if isinstance(n, bytes) else n for n in h5["scenarios/params"].attrs["names"]]
        acd = h5["scenarios/params"][:, names.index("acd")]
    assert np.all(status == 0)
    assert 11.5 < kwh.min() and kwh.max() < 14.5
    assert 0.92 < ce.min() and ce.max() < 0.97
    assert 3.0 < superheat.min() and superheat.max() < 21.0 and ledge.min() > 0.0
    assert 7.0 < co2e.min() and co2e.max() < 9.5  # 0.5 kg/kWh grid
    # every cm of ACD costs energy: the energy rises with ACD at fixed AlF3 and current
    assert np.corrcoef(acd, kwh)[0, 1] > 0.5
    assert {p.name for p in plots.glob("*.png")} == {"hh_sweep.png", "hh_co2e.png",
                                                     "hh_voltage_breakdown.png", "hh_scene.png"}
    # the what-if table shows the per-kg outputs per tonne of aluminium, not as flows
    assert "[kWh/t]" in out and "[MWh/yr]" in out and "[kg/h]" not in out
