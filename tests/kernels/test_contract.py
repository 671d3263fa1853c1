"""Every unit module follows the kernel contract of kernels/contract.py."""

import importlib

import numpy as np
import pytest

from kernels.contract import FUEL_OUTPUTS, OK, bounds, defaults

UNITS = ["heater", "kiln", "pyroline", "cement_line", "hall_heroult", "blast_furnace"]


@pytest.fixture(params=UNITS)
def unit(request):
    return importlib.import_module(f"kernels.{request.param}")


def test_index_constants_match_tables(unit):
    for prefix, table in (("I", unit.PARAMS), ("O", unit.OUTPUTS), ("F", unit.PROFILES)):
        for i, row in enumerate(table):
            assert getattr(unit, f"{prefix}_{row.name.upper()}") == i, row.name


def test_names_unique_and_defaults_in_range(unit):
    for table in (unit.PARAMS, unit.OUTPUTS, unit.PROFILES):
        names = [row.name for row in table]
        assert len(names) == len(set(names))
    low, high = bounds(unit.PARAMS)
    p = defaults(unit.PARAMS)
    assert np.all(low <= p) and np.all(p <= high)
    assert np.all(low < high)


def test_every_entry_has_unit_and_meaning(unit):
    for table in (unit.PARAMS, unit.OUTPUTS, unit.PROFILES):
        for row in table:
            assert row.unit and len(row.meaning) > 10, row


def test_emission_tables_name_real_values(unit):
    names = {row.name for row in unit.PARAMS} | {row.name for row in unit.OUTPUTS}
    for e in getattr(unit, "EMISSIONS", ()):
        assert e.output in names and (not e.per or e.per in names), e
        assert e.scope in (1, 2, 3) and e.source and e.gas
    product = getattr(unit, "PRODUCT", None)
    assert product is None or product.flow in names


def _burns_fuel(unit) -> bool:
    # a fuel parameter, or any of the common fuel outputs declared (the blast furnace's
    # coke, coal and gas are reductants and fuels at once): then all of them are due
    fuel_outputs = {row.name for row in FUEL_OUTPUTS}
    return (any("fuel" in row.name for row in unit.PARAMS)
            or any(row.name in fuel_outputs for row in unit.OUTPUTS))


def test_blast_furnace_counts_as_burning_fuel():
    # the rule above must catch a unit whose fuels are not named "fuel" in its parameters
    import kernels.blast_furnace as bf
    import kernels.hall_heroult as hh

    assert not any("fuel" in row.name for row in bf.PARAMS) and _burns_fuel(bf)
    assert not _burns_fuel(hh)


def test_units_that_burn_fuel_report_the_common_fuel_outputs(unit):
    # ARCHITECTURE.md section 2: every unit with a fuel parameter (or one of these outputs) reports fuel_input
    # [kg/s], fuel_heat_input [W] and co2_emissions [kg/s] under these names and units.
    if not _burns_fuel(unit):
        pytest.skip(f"{unit.__name__} burns no fuel")
    outputs = {row.name: row.unit for row in unit.OUTPUTS}
    for row in FUEL_OUTPUTS:
        assert outputs.get(row.name) == row.unit, (unit.__name__, row.name)


def test_common_fuel_outputs_are_consistent_at_the_defaults(unit):
    # Conservation/plausibility at the defaults: fuel heat over fuel mass is a lower
    # heating value between that of wet alternative fuel (~3 MJ/kg) and hydrogen
    # (120 MJ/kg); CO2 per fuel heat is at least zero and, without carbonates, at most
    # that of pure carbon burnt to CO2 (44.009 g per 393.5 kJ = 0.112 kg/MJ, the
    # formation enthalpy of CO2 from NIST-JANAF).
    if not _burns_fuel(unit):
        pytest.skip(f"{unit.__name__} burns no fuel")
    p = defaults(unit.PARAMS)
    out = np.empty(len(unit.OUTPUTS))
    prof = np.empty((len(unit.PROFILES), unit.N_CELL))
    assert unit.solve(p, out, prof) == OK
    names = [row.name for row in unit.OUTPUTS]
    fuel, heat, co2 = (out[names.index(row.name)] for row in FUEL_OUTPUTS)
    assert fuel > 0.0 and 3.0e6 < heat / fuel < 1.21e8
    assert co2 >= 0.0
    carbonates = any("caco3" in name for name in (row.name for row in unit.PARAMS))
    if not carbonates:
        assert co2 / heat <= 0.112e-6
