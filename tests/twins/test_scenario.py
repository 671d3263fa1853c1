"""Scenario TOML files: reading, schema checks, errors with file names and lines."""

from __future__ import annotations

import numpy as np
import pytest

from tests.twins.conftest import EXAMPLES, TOY, heater_importable, requires_heater
from twins import ParameterError, Scenario
from twins.errors import ScenarioError, UnknownUnitError
from twins.scenario import load_toml


def _write(tmp_path, text, name="s.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scenario_file_is_read_and_runs(toy_scenario, toy):
    s = Scenario.from_toml(toy_scenario)
    assert s.unit == TOY and s.name == "toy economiser" and s.source == toy_scenario
    assert s.params["hot_flow"] == "36 t/h"
    p = s.vector()
    assert p[0] == pytest.approx(10.0)
    r = s.run()
    assert r.outputs == pytest.approx(toy.run(ua=2e4).outputs, rel=1e-12)


def test_overrides_and_copies(toy_scenario):
    s = Scenario.from_toml(toy_scenario)
    r = s.run(ua="40 kW/K")
    assert r.params["ua"] == 40000.0
    s2 = s.with_params(hot_flow=20.0)
    assert s2.params["hot_flow"] == 20.0 and s.params["hot_flow"] == "36 t/h"


def test_name_defaults_to_file_stem(tmp_path):
    path = _write(tmp_path, f'[scenario]\nunit = "{TOY}"\n', "plain_case.toml")
    assert Scenario.from_toml(path).name == "plain_case"


def test_malformed_toml_names_file_and_line(tmp_path):
    path = _write(tmp_path, f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flow = = 3\n')
    with pytest.raises(ScenarioError) as err:
        Scenario.from_toml(path)
    assert str(path) in str(err.value)
    assert "line 4" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        Scenario.from_toml(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[params]\nhot_flow = 3\n", r"missing table \[scenario\]"),
        ("[scenario]\nname = 'x'\n", r"needs unit"),
        (f"[scenario]\nunit = '{TOY}'\ncolour = 'red'\n", r"unknown key in \[scenario\] 'colour'"),
        (f"[scenario]\nunit = '{TOY}'\n[parameters]\n", r"unknown top-level table 'parameters'"),
        (f"[scenario]\nunit = '{TOY}'\nparams = 3\n", r"unknown key in \[scenario\] 'params'"),
    ],
)
def test_schema_errors(tmp_path, text, match):
    with pytest.raises(ScenarioError, match=match):
        Scenario.from_toml(_write(tmp_path, text))


def test_parameter_errors_name_file_parameter_value_and_range(tmp_path):
    path = _write(tmp_path, f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flow = "-3 kg/s"\n')
    with pytest.raises(ParameterError) as err:
        Scenario.from_toml(path)
    assert str(err.value) == (
        f"{path}: [params] hot_flow = -3 kg/s is outside the allowed range 0.1 … 100 kg/s"
    )


def test_unknown_parameter_in_file(tmp_path):
    path = _write(tmp_path, f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flw = 3\n')
    with pytest.raises(ParameterError, match=r"\[params\] unknown parameter 'hot_flw'.*hot_flow"):
        Scenario.from_toml(path)


def test_list_value_is_rejected(tmp_path):
    path = _write(tmp_path, f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flow = [1, 2]\n')
    with pytest.raises(ParameterError, match="hot_flow = .* is not a number"):
        Scenario.from_toml(path)


def test_unknown_unit_in_file(tmp_path):
    path = _write(tmp_path, '[scenario]\nunit = "kiln_x"\n')
    with pytest.raises(UnknownUnitError, match=r"\[scenario\] unknown unit 'kiln_x'"):
        Scenario.from_toml(path)


def test_load_toml_returns_tables(toy_scenario):
    assert load_toml(toy_scenario)["scenario"]["unit"] == TOY


@pytest.mark.skipif(not heater_importable(), reason="kernels.heater does not import")
def test_heater_example_states_the_defaults():
    """examples/heater_crude.toml writes the heater defaults out with units."""
    s = Scenario.from_toml(EXAMPLES / "heater_crude.toml")
    twin = s.twin()
    assert s.unit == "heater"
    np.testing.assert_allclose(s.vector(twin), twin.defaults(), rtol=1e-12)
    assert set(s.params) >= {
        "process_flow", "process_inlet_temp", "process_outlet_temp", "excess_air",
        "air_preheat_temp",
    }
    assert s.params["process_inlet_temp"] == "260 degC"


@requires_heater
def test_heater_example_runs():
    r = Scenario.from_toml(EXAMPLES / "heater_crude.toml").run()
    assert r.ok and r.outputs["fuel_flow"] > 0.0
