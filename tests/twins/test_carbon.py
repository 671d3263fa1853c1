"""Carbon accounting (twins/carbon.py): hand calculations of CO2 and CO2e."""

from __future__ import annotations

import json
import types

import pytest

from kernels.contract import Emission, Output, Param, Product
from tests.twins.conftest import EXAMPLES
from twins import Scenario, cli
from twins.carbon import GWP100, CarbonError, carbon_account

# molar masses [kg/kmol] (IUPAC 2013 atomic weights)
M = {"CH4": 16.043, "C2H6": 30.069, "C3H8": 44.096, "C4H10": 58.122, "H2": 2.016, "CO": 28.010, "N2": 28.013,
     "CO2": 44.009, "H2S": 34.081}
CARBON_ATOMS = {"CH4": 1, "C2H6": 2, "C3H8": 3, "C4H10": 4, "CO": 1, "CO2": 1}


def test_heater_fuel_co2_by_stoichiometry():
    scenario = Scenario.from_toml(EXAMPLES / "heater_crude.toml")
    r = scenario.run()
    account = carbon_account(scenario.twin().module, r.params, r.outputs)
    x = {k: r.params[f"fuel_x_{k.lower()}"] for k in M}
    # every carbon atom of the fuel leaves as one CO2 molecule (complete combustion)
    kg_co2_per_kg_fuel = M["CO2"] * sum(n * x[k] for k, n in CARBON_ATOMS.items()) / sum(x[k] * M[k] for k in M)
    (line,) = account.lines
    assert line.scope == 1 and line.gas == "CO2" and line.gwp == 1.0
    assert line.mass_flow == pytest.approx(r.outputs["fuel_flow"] * kg_co2_per_kg_fuel, rel=2e-4)
    assert account.intensity() == pytest.approx(line.mass_flow / r.params["process_flow"], rel=1e-12)


def fake_unit():
    """A smelter-like unit: fuel CO2 in kg/s, PFCs and electricity CO2 per kg of product."""
    module = types.ModuleType("kernels.fake_smelter")
    module.PARAMS = (Param("metal_rate", "kg/s", 10.0, 0.0, 100.0, "metal produced per second"),)
    module.OUTPUTS = (
        Output("co2_anode", "kg/s", "CO2 from anode carbon"),
        Output("cf4", "1", "CF4 per kg metal"),
        Output("c2f6", "1", "C2F6 per kg metal"),
        Output("co2_power", "1", "CO2 of the electricity per kg metal"),
    )
    module.EMISSIONS = (
        Emission("co2_anode", 1, "anode carbon", basis="carbon consumed"),
        Emission("cf4", 1, "anode effects", gas="CF4", per="metal_rate"),
        Emission("c2f6", 1, "anode effects", gas="C2F6", per="metal_rate"),
        Emission("co2_power", 2, "electricity", per="metal_rate"),
    )
    module.PRODUCT = Product("metal_rate", "Al")
    return module


def test_co2e_scopes_and_intensity_by_hand():
    outputs = {"co2_anode": 15.0, "cf4": 4e-5, "c2f6": 4e-6, "co2_power": 10.0}
    account = carbon_account(fake_unit(), {"metal_rate": 10.0}, outputs)
    # scope 1: 15 kg/s CO2 + 10 kg/s x (4e-5 x 6630 + 4e-6 x 11100) CO2e (AR5 GWP100)
    scope1 = 15.0 + 10.0 * (4e-5 * 6630.0 + 4e-6 * 11100.0)
    assert account.scope_co2e(1) == pytest.approx(scope1, rel=1e-12)
    assert account.scope_co2e(2) == pytest.approx(100.0, rel=1e-12)
    assert account.intensity() == pytest.approx((scope1 + 100.0) / 10.0, rel=1e-12)
    ar6 = carbon_account(fake_unit(), {"metal_rate": 10.0}, outputs, gwp_set="AR6")
    assert ar6.scope_co2e(1) == pytest.approx(15.0 + 10.0 * (4e-5 * 7380.0 + 4e-6 * 12400.0), rel=1e-12)
    assert GWP100["AR5"]["CO2"] == GWP100["AR6"]["CO2"] == 1.0


def test_errors_name_the_problem():
    module = fake_unit()
    with pytest.raises(CarbonError, match="'co2_power' is neither"):
        carbon_account(module, {"metal_rate": 10.0}, {"co2_anode": 1.0, "cf4": 0.0, "c2f6": 0.0})
    with pytest.raises(CarbonError, match="gwp_set = 'AR4'"):
        carbon_account(module, {}, {}, gwp_set="AR4")
    module.EMISSIONS = (Emission("co2_anode", 1, "anode", gas="SF6"),)
    with pytest.raises(CarbonError, match="'SF6'"):
        carbon_account(module, {"metal_rate": 1.0}, {"co2_anode": 1.0})
    del module.EMISSIONS
    with pytest.raises(CarbonError, match="declares no EMISSIONS"):
        carbon_account(module, {}, {})


def test_cli_run_with_carbon(capsys):
    assert cli.main(["run", str(EXAMPLES / "heater_crude.toml"), "--carbon", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    carbon = data["carbon"]
    assert carbon["total_co2e"] == pytest.approx(data["outputs"]["co2_emissions"], rel=1e-12)
    assert carbon["lines"][0]["source"] == "fuel combustion"
    assert cli.main(["run", str(EXAMPLES / "heater_crude.toml"), "--carbon"]) == 0
    assert "t CO2e/yr" in capsys.readouterr().out


def test_cement_line_account_is_the_kernel_co2_split():
    # the per-tonne split of the precalciner example (issue 4: process CO2 ~0.52-0.53 t/t)
    scenario = Scenario.from_toml(EXAMPLES / "kiln_precalciner.toml")
    r = scenario.run()
    account = carbon_account(scenario.twin().module, r.params, r.outputs)
    o = r.outputs
    assert account.intensity(account.scope_co2e(1)) == pytest.approx(o["process_co2"] + o["fuel_co2"], rel=1e-12)
    assert account.intensity(account.scope_co2e(2)) == pytest.approx(o["electricity_co2"], rel=1e-12)
    assert account.intensity() == pytest.approx(o["total_co2"], rel=1e-12)
    assert 0.51 < o["process_co2"] < 0.54


def test_blast_furnace_account_by_carbon_balance(capsys):
    # Hand calculation (issue 5): every carbon atom of coke, coal and gas leaves in the
    # top gas except the hot-metal carbon, CO2 = (C_charged - C_hm) 44.009/12.011, plus
    # the limestone CO2 (44.009/100.086 per kg CaCO3); per second at 10 000 t/day. The
    # exported-top-gas credit is no line: the account is the same with half the gas
    # exported, only co2_net falls. Tolerance 1e-9 (molar masses of kernels.thermo).
    path = str(EXAMPLES / "bf_pci_oxygen.toml")
    for export in ("0", "0.5"):
        assert cli.main(["run", path, "--carbon", "--json", "--set", f"top_gas_export={export}"]) == 0
        data = json.loads(capsys.readouterr().out)
        o, carbon = data["outputs"], data["carbon"]
        tph = 10000.0 / 86400.0  # t hot metal per s
        co2_fuel = (o["carbon_rate"] - 0.047 * 1000.0) * 44.009 / 12.011 * tph
        co2_flux = o["flux_rate"] * 44.009 / 100.086 * tph
        lines = {line["source"]: line["co2e"] for line in carbon["lines"]}
        assert lines["coke, coal and natural gas carbon to top gas"] == pytest.approx(co2_fuel, rel=1e-9)
        assert lines["limestone calcination"] == pytest.approx(co2_flux, rel=1e-9)
        assert carbon["total_co2e"] == pytest.approx(o["co2_emissions"], rel=1e-12)
        assert carbon["product"] == "hot metal" and carbon["product_flow"] == pytest.approx(10000e3 / 86400)
        # about 1.33 t CO2 per t hot metal at 409.5 kg C/t
        assert 1.25 < carbon["intensity"] < 1.40
    assert o["co2_net"] < o["co2_direct"]
    assert cli.main(["run", path, "--carbon"]) == 0
    assert "limestone calcination" in capsys.readouterr().out


def test_potline_cell_account_by_hand(capsys):
    """`heattwin run examples/potline_300kA.toml --carbon` against a hand calculation.

    Per kg Al at current efficiency CE (Grjotheim & Kvande 1993, Faraday): anode carbon
    0.75 M_C / (CE M_Al) = 0.3339/CE kg electrolytic plus excess_carbon 0.08 kg, all to
    CO2 (x 44.0095/12.011); PFCs by the IPCC 2006 Tier 2 slope 0.143 kg CF4/t per
    AE-minute per cell-day, C2F6 0.121 of the CF4, AR5 GWPs; electricity: DC kWh/kg /
    rectifier efficiency 0.975 x 0.5 kg CO2/kWh. Tolerance 1e-9 relative (same inputs).
    """
    assert cli.main(["run", str(EXAMPLES / "potline_300kA.toml"), "--carbon", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    o, carbon = data["outputs"], data["carbon"]
    ce = o["current_efficiency"]
    m_al, m_c, m_co2 = 26.9815385, 12.011, 44.0095
    co2_anode = (0.75 * m_c / (ce * m_al) + 0.08) * m_co2 / m_c  # t CO2 / t Al
    assert 1.22 < co2_anode < 1.6
    ae_minutes_per_day = 0.05 * 30.0 / 60.0  # 0.05 AE per cell-day of 30 s
    cf4 = 0.143e-3 * ae_minutes_per_day  # t CF4 / t Al
    pfc = cf4 * 6630.0 + 0.121 * cf4 * 11100.0
    kwh_per_kg = o["specific_energy"] / 3.6e6
    electricity = kwh_per_kg / 0.975 * 0.5
    lines = {(x["source"], x["gas"]): x for x in carbon["lines"]}
    product = carbon["product_flow"]
    assert carbon["product"] == "aluminium"
    assert product == pytest.approx(ce * 300e3 * m_al * 1e-3 / (3 * 96485.33212), rel=1e-9)
    assert lines[("anode carbon", "CO2")]["co2e"] / product == pytest.approx(co2_anode, rel=1e-9)
    assert lines[("anode effects", "CF4")]["mass_flow"] / product == pytest.approx(cf4, rel=1e-4)
    pfc_account = (lines[("anode effects", "CF4")]["co2e"] + lines[("anode effects", "C2F6")]["co2e"])
    assert pfc_account / product == pytest.approx(pfc, rel=1e-4)
    assert lines[("electricity (grid)", "CO2")]["co2e"] / product == pytest.approx(electricity, rel=1e-9)
    assert carbon["intensity"] == pytest.approx(co2_anode + pfc + electricity, rel=1e-6)
    # the kernel's own CO2e (its gwp_* parameters are the AR5 values) agrees
    assert carbon["intensity"] == pytest.approx(o["co2e_intensity"], rel=1e-9)
    assert cli.main(["run", str(EXAMPLES / "potline_300kA.toml"), "--carbon"]) == 0
    assert "kg CO2e/t aluminium" in capsys.readouterr().out
