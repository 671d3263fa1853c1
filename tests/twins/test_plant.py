"""Plant files (twins/plant.py), the 'heattwin plant' command and its HDF5 file."""

from __future__ import annotations

import shutil

import h5py
import numpy as np
import pytest

from kernels import heater
from plants.heater_fleet import simulate
from tests.twins.conftest import EXAMPLES
from twins import cli
from twins.errors import HeattwinError
from twins.plant import load_plant

FLEET = EXAMPLES / "refinery_heater_fleet.toml"


@pytest.fixture
def plant_dir(tmp_path):
    """A copy of the example plant with its scenario and CSV, to edit."""
    shutil.copy(FLEET, tmp_path / FLEET.name)
    shutil.copy(EXAMPLES / "heater_crude.toml", tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(EXAMPLES / "data" / "crude_plan.csv", tmp_path / "data")
    return tmp_path


def edit(plant_dir, old, new, file=FLEET.name):
    path = plant_dir / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return plant_dir / FLEET.name


def test_example_converts_units_once():
    spec = load_plant(FLEET)
    assert spec.horizon_hours == 365 * 24.0
    assert spec.carbon_price == pytest.approx(0.085)  # 85 per t -> per kg
    assert spec.fuel_price.values[1] == pytest.approx(10.0e-9)  # 10 per GJ -> per J
    assert spec.demand.times_h[1] == 45 * 24.0 and spec.demand.values[0] == 255.0
    h101, _, h103 = spec.heaters
    assert h101.decoke_hours == 144.0 and h101.mtbf_hours == 3000.0
    assert h101.coking.activation_energy == 48e3
    assert h103.params[heater.I_AIR_PREHEAT_TEMP] == pytest.approx(473.15)
    assert h103.params[heater.I_EXCESS_AIR] == 0.12


@pytest.mark.parametrize(("old", "new", "words"), [
    ('max_flow = "100 kg/s"', 'max_flow = "100 K"', "max_flow"),
    ('max_flow = "100 kg/s"', 'max_flow = "-5 kg/s"', "max_flow"),
    ('horizon = "365 day"', 'horizon = "nan day"', "horizon"),
    ('decoke_crews = 1', 'decoke_krews = 1', "unknown key in [plant] 'decoke_krews'"),
    ('kind = "heater_fleet"', 'kind = "smelter"', "kind = 'smelter' is not known"),
    ('activation_energy = "48 kJ/mol", gamma = 8e-16 }\n\n[[heater]]\nname = "H-102"',
     'activation_energy = "48 kJ/kg", gamma = 8e-16 }\n\n[[heater]]\nname = "H-102"', "activation_energy"),
    ('value = [7.5, 10.0, 8.5, 9.0]', 'value = [7.5, 10.0, 8.5]', "as many times as values"),
    ('time = ["0 day", "90 day"', 'time = ["0 day", "390 day"', "times must increase"),
    ('[heater.set]\nexcess_air = 0.12', '[heater.set]\nexcess_air = 7.0', "excess_air"),
    ('name = "H-102"', 'name = "H-101"', "heater names must be unique"),
    ("seed = 2026", "seed = -1", "seed"),
])
def test_bad_plant_files_name_key_value_and_range(plant_dir, old, new, words):
    with pytest.raises(HeattwinError) as err:
        load_plant(edit(plant_dir, old, new))
    assert words in str(err.value)
    assert FLEET.name in str(err.value)


@pytest.mark.parametrize(("csv", "words"), [
    ("time [day],crude_charge [kg/s]\n0,255\n45,-10\n", "line 3"),
    ("time [day],crude_charge [kg/s]\n0,255\n45\n", "line 3 has 1 fields"),
    ("time,crude_charge [kg/s]\n0,255\n", "must read 'name [unit]'"),
    ("time [day],crude_charge [degC]\n0,255\n", "crude_charge"),
    ("time [day],crude_charge [kg/s]\n0,abc\n", "line 2"),
    ("time [day],crude_charge [kg/s]\n", "at least one row"),
])
def test_malformed_csv_says_file_and_line(plant_dir, csv, words):
    (plant_dir / "data" / "crude_plan.csv").write_text(csv)
    with pytest.raises(HeattwinError) as err:
        load_plant(plant_dir / FLEET.name)
    assert words in str(err.value) and "crude_plan.csv" in str(err.value)


def test_cli_writes_xarray_readable_file_and_picture(tmp_path, plant_dir, capsys):
    # a shorter year keeps the test quick; the file is the example otherwise
    path = edit(plant_dir, 'horizon = "365 day"', 'horizon = "60 day"')
    store, plots = tmp_path / "fleet.h5", tmp_path / "plots"
    code = cli.main(["plant", str(path), "--store", str(store), "--plots", str(plots)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "H-101" in out and "crude [kt]" in out and "closure" in out
    assert not store.with_name(store.name + ".partial").exists()
    xr = pytest.importorskip("xarray")
    ds = xr.open_dataset(store, group="plant", engine="h5netcdf")
    assert ds["tube_metal_temp_max"].dims == ("time", "member")
    assert list(ds["member"].values) == ["H-101", "H-102", "H-103"]
    assert ds["fuel_flow"].attrs["units"] == "kg/s"
    assert float(ds["time"][-1]) < 60 * 24.0
    with h5py.File(store) as f:
        assert f.attrs["unit"] == "heater_fleet" and f.attrs["seed"] == 2026
        kinds = {k.decode() if isinstance(k, bytes) else k for k in f["plant/events/kind"][...]}
    assert "trip" in kinds or "decoke due" in kinds
    assert (plots / "refinery_heater_fleet_timeline.png").stat().st_size > 50_000


def test_cli_bad_file_is_one_line_exit_2(plant_dir, capsys):
    path = edit(plant_dir, 'mttr = "16 h"', 'mttr = "16 kg"')
    assert cli.main(["plant", str(path)]) == 2
    err = capsys.readouterr().err
    assert "mttr" in err and "Traceback" not in err


def test_seed_changes_the_trips_only():
    spec = load_plant(FLEET)
    import dataclasses

    short = dataclasses.replace(spec, horizon_hours=2000.0)
    a, b = simulate(short), simulate(dataclasses.replace(short, seed=1))
    trips = [[e for e in r.monitor.events if e[2] == "trip"] for r in (a, b)]
    assert trips[0] != trips[1]
    assert a.demand == b.demand
    assert np.isfinite(a.monitor.array("demand")).all()
