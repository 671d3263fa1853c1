"""The Barr trial loader: data files, the L/s -> kg/s rule and the kiln parameters of a trial."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kernels import kiln as kk
from kernels.contract import bounds, defaults
from kernels.kiln import PARAMS
from viz.barr import (
    BARR_DATA_DIR,
    TRIALS,
    barr_trial_params,
    barr_trial_vector,
    gas_mass_flows,
    load_barr_trial,
    mol_per_litre,
)


def test_barr_trial_params_are_the_kernel_defaults_for_t4():
    """The kiln defaults are Barr T4 (kernels/kiln.py); the loader agrees with them."""
    p = barr_trial_params("T4")
    d = dict(zip([row.name for row in PARAMS], defaults(PARAMS), strict=True))
    for name, value in p.items():
        assert value == pytest.approx(d[name], rel=1e-5, abs=1e-12), name
    low, high = bounds(PARAMS)
    index = {row.name: i for i, row in enumerate(PARAMS)}
    for path in sorted(BARR_DATA_DIR.glob("barr_T*.json")):
        for name, value in barr_trial_params(path).items():
            assert low[index[name]] <= value <= high[index[name]], (path.name, name)


def test_trial_file_and_name_give_the_same_data(tmp_path):
    data = load_barr_trial("T4")
    assert data == load_barr_trial(BARR_DATA_DIR / "barr_T4.json") == load_barr_trial("barr_T4")
    copy = tmp_path / "mine.json"
    copy.write_text(json.dumps(data))
    assert load_barr_trial(copy) == data
    with pytest.raises(FileNotFoundError, match="barr_T10"):
        load_barr_trial("T10")


def test_published_litres_by_hand():
    # Ideal gas at 298.15 K and 101325 Pa: n/V = p/(R T) = 101325/(8.314462618 x 298.15)
    # = 40.874 mol/m^3; T4 burns 1.97 L/s of natural gas as CH4 (16.043 g/mol):
    # 1.97 x 0.040874 x 16.043 g/s = 4.6505 kg/h (examples/kiln_barr_t4.toml), to 1e-4.
    assert mol_per_litre() == pytest.approx(0.040874, rel=1e-4)
    flows = gas_mass_flows("T4")
    assert flows["fuel_flow"] * 3600.0 == pytest.approx(4.6505, rel=1e-4)
    assert flows["primary_air"] * 3600.0 == pytest.approx(17.4 * 0.040874 * 28.965 * 3.6, rel=1e-4)


def test_trial_vector_is_defaults_plus_trial():
    p = barr_trial_vector("T4")
    np.testing.assert_allclose(p, defaults(PARAMS), rtol=1e-5, atol=1e-12)
    t1 = barr_trial_vector("T1")
    assert t1[kk.I_FEED_RATE] == pytest.approx(load_barr_trial("T1")["operation"]["solids"]["feed_kg_per_h"] / 3600)
    assert len(TRIALS) == 9 and all((BARR_DATA_DIR / f"barr_{t}.json").exists() for t in TRIALS)


def test_barr_data_ship_with_the_examples_and_their_readme():
    # the package reads no tests/ files at run time; the data sit with the examples
    assert BARR_DATA_DIR == Path(__file__).resolve().parents[2] / "examples" / "data" / "kiln"
    assert "Barr" in (BARR_DATA_DIR / "README.md").read_text(encoding="utf-8")
