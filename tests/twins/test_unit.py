"""UnitTwin over the toy kernel (generic contract) and over the heater."""

from __future__ import annotations

import numpy as np
import pytest
from rich.table import Table

from kernels.contract import INFEASIBLE, NOT_CONVERGED, OK, STATUS_MEANING
from tests.twins import toy_kernel as toy
from tests.twins.conftest import requires_heater
from twins import KernelError, ParameterError, UnitTwin
from twins.errors import UnknownUnitError
from twins.unit import available_units


def test_tables_come_from_the_module(toy):
    assert toy.param_names[0] == "hot_flow"
    assert len(toy.params) == 13 and len(toy.outputs) == 10 and len(toy.profiles) == 2
    assert toy.n_cell == 8
    assert toy.units["cold_inlet_temp"] == "K" and toy.units["duty"] == "W"
    assert toy.composition_groups == (("cold_x_", 1e-6),)


def test_run_matches_the_hand_calculation(toy):
    # Incropera & DeWitt counter-flow: C_h = 10*1100 = 11000 W/K,
    # C_c = 5*(0.8*4180 + 0.2*2400) = 19120 W/K, Cr = 0.5753, NTU = 30000/11000.
    r = toy.run(ua="30 kW/K")
    c_h, c_c = 11000.0, 19120.0
    cr, ntu = c_h / c_c, 30000.0 / c_h
    eps = (1 - np.exp(-ntu * (1 - cr))) / (1 - cr * np.exp(-ntu * (1 - cr)))
    q = eps * c_h * 300.0
    assert r.status == OK and r.ok
    assert r.outputs["effectiveness"] == pytest.approx(eps, rel=1e-12)
    assert r.outputs["duty"] == pytest.approx(q, rel=1e-12)
    assert r.outputs["hot_outlet_temp"] == pytest.approx(600.0 - q / c_h, rel=1e-12)
    assert r.outputs["fuel_input"] == pytest.approx((2e7 - q) / 5e7, rel=1e-12)
    assert abs(r.outputs["energy_residual"]) < 1e-12
    assert r.params["ua"] == 30000.0


def test_profiles_end_at_the_outlet_temperatures(toy):
    r = toy.run(hot_flow=20.0)
    assert r.profiles["T_hot"].shape == (8,)
    assert r.profiles["T_hot"][0] == pytest.approx(600.0)
    assert r.profiles["T_hot"][-1] == pytest.approx(r.outputs["hot_outlet_temp"], rel=1e-10)
    assert r.profiles["T_cold"][0] == pytest.approx(r.outputs["cold_outlet_temp"], rel=1e-10)
    assert r.profiles["T_cold"][-1] == pytest.approx(300.0, rel=1e-10)
    assert np.all(np.diff(r.profiles["T_hot"]) < 0)


def test_units_and_mapping_overrides(toy):
    a = toy.run({"hot_flow": "36 t/h"}, cold_inlet_temp="26.85 degC")
    b = toy.run(hot_flow=10.0, cold_inlet_temp=300.0)
    assert a.outputs == pytest.approx(b.outputs, rel=1e-12)


def test_bad_input_is_rejected_before_the_kernel(toy, monkeypatch):
    def boom(*args):
        raise AssertionError("kernel must not run")

    monkeypatch.setattr(toy.module, "solve", boom)
    with pytest.raises(ParameterError, match="hot_flow"):
        toy.run(hot_flow="3 m")


def test_non_ok_status_raises_kernel_error_with_its_meaning(toy):
    with pytest.raises(KernelError) as err:
        toy.run(fail_code=NOT_CONVERGED)
    assert STATUS_MEANING[NOT_CONVERGED] in str(err.value)
    assert "fail_code=1" in str(err.value)
    assert err.value.status == NOT_CONVERGED
    assert err.value.result.outputs["duty"] > 0.0


def test_status_can_be_returned_instead(toy):
    r = toy.run(fail_code=INFEASIBLE, check_status=False)
    assert r.status == INFEASIBLE and not r.ok
    assert r.status_meaning == STATUS_MEANING[INFEASIBLE]


def test_run_batch_matches_single_runs_and_isolates_failures(toy):
    P = np.tile(toy.defaults(), (5, 1))
    P[:, toy.param_names.index("hot_flow")] = [2.0, 5.0, 10.0, 20.0, 40.0]
    P[2, toy.param_names.index("fail_code")] = INFEASIBLE
    OUT, PROF, STATUS = toy.run_batch(P)
    assert OUT.shape == (5, 10) and PROF.shape == (5, 2, 8) and STATUS.dtype == np.int8
    np.testing.assert_array_equal(STATUS, [OK, OK, INFEASIBLE, OK, OK])
    for i in (0, 1, 3, 4):
        r = toy.run(dict(zip(toy.param_names, P[i], strict=True)))
        np.testing.assert_allclose(OUT[i], list(r.outputs.values()), rtol=1e-13)
        np.testing.assert_allclose(PROF[i, 0], r.profiles["T_hot"], rtol=1e-13)


def test_run_batch_checks_rows(toy):
    P = np.tile(toy.defaults(), (3, 1))
    P[1, 0] = -5.0
    with pytest.raises(ParameterError, match="scenario row 1: hot_flow"):
        toy.run_batch(P)


def test_run_batch_of_zero_rows(toy):
    OUT, PROF, STATUS = toy.run_batch(np.empty((0, 13)))
    assert OUT.shape == (0, 10) and STATUS.shape == (0,)


def test_result_table_and_dict(toy):
    r = toy.run()
    table = r.table()
    assert isinstance(table, Table) and table.row_count == len(toy.outputs)
    d = r.to_dict()
    assert d["status"] == 0 and d["units"]["fuel_input"] == "kg/s"
    assert len(d["profiles"]["T_cold"]) == 8


def test_describe_rows(toy):
    rows = toy.describe()
    assert [r["name"] for r in rows["params"]] == toy.param_names
    assert rows["params"][0] == {
        "name": "hot_flow", "unit": "kg/s", "default": 10.0, "low": 0.1, "high": 100.0,
        "meaning": "flue gas mass flow",
    }
    assert rows["profiles"][0]["n_cell"] == 8


def test_load_by_dotted_name():
    twin = UnitTwin("tests.twins.toy_kernel")
    assert twin.name == "tests.twins.toy_kernel"
    assert twin.param_names == [p.name for p in toy.PARAMS]


def test_unknown_unit_lists_available_units():
    with pytest.raises(UnknownUnitError) as err:
        UnitTwin("kiln_that_does_not_exist")
    assert "unknown unit 'kiln_that_does_not_exist'" in str(err.value)
    assert "heater" in str(err.value)


def test_module_without_tables_is_not_a_unit():
    with pytest.raises(UnknownUnitError, match="not a unit"):
        UnitTwin("contract")


def test_available_units_lists_the_heater_only_among_kernels():
    units = available_units()
    assert "heater" in units
    assert "contract" not in units and "numerics" not in units


@requires_heater
def test_heater_runs_with_units():
    heater = UnitTwin("heater")
    r = heater.run(process_flow="90 kg/s", excess_air="15 %", air_preheat_temp="15 degC")
    assert r.ok
    assert 0.6 < r.outputs["efficiency_lhv"] < 0.99
    assert abs(r.outputs["energy_residual"]) < 1e-6
    assert r.profiles["T_gas"].shape == (heater.n_cell,)


@requires_heater
def test_heater_batch_equals_single_runs():
    heater = UnitTwin("heater")
    P = np.tile(heater.defaults(), (3, 1))
    P[:, heater.param_names.index("excess_air")] = [0.1, 0.2, 0.3]
    OUT, _, STATUS = heater.run_batch(P)
    assert (STATUS == OK).all()
    r = heater.run(excess_air=0.2)
    np.testing.assert_allclose(OUT[1], list(r.outputs.values()), rtol=1e-9)
    # more excess air, more stack loss, more fuel for the same duty
    assert OUT[0, 0] < OUT[1, 0] < OUT[2, 0]


@requires_heater
def test_heater_rule_errors_come_before_the_kernel():
    with pytest.raises(ParameterError, match="process_outlet_temp must be above"):
        UnitTwin("heater").run(process_outlet_temp="250 degC")
