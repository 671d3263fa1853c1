"""The steady Hall–Héroult cell (kernels/hall_heroult.py): a modern 300 kA prebake cell.

Operating window of issue 6 for a 300 kA cell at ACD 4.5 cm and 0.83 A/cm2 (Haupin
1998; Grjotheim & Kvande 1993): 4.1-4.4 V, bath ohmic drop (bubble layer included)
1.4-1.8 V, anode overvoltage 0.4-0.6 V, CE 92-96 %, 12.8-14 kWh/kg, superheat
5-15 K, a side ledge of a few cm. Closure: the heat balance and the oxygen balance
recomputed here from the outputs.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import hall_heroult as hh
from kernels.contract import OK, OUT_OF_RANGE, defaults
from twins import UnitTwin
from twins.errors import ParameterError

KWH = 3.6e6


def _solve(**changes):
    p = defaults(hh.PARAMS)
    for name, value in changes.items():
        p[getattr(hh, f"I_{name.upper()}")] = value
    out = np.empty(len(hh.OUTPUTS))
    prof = np.empty((len(hh.PROFILES), hh.N_CELL))
    status = hh.solve(p, out, prof)
    return status, dict(zip([o.name for o in hh.OUTPUTS], out, strict=True)), prof


def test_modern_300kA_prebake_cell_operating_window():
    status, o, _ = _solve()
    assert status == OK
    assert o["anode_current_density"] / 1e4 == pytest.approx(0.833, abs=0.01)
    assert 4.1 <= o["cell_voltage"] <= 4.4
    assert 1.4 <= o["bath_drop"] + o["bubble_drop"] <= 1.8
    assert 0.4 <= o["anode_surface_overvoltage"] + o["anode_concentration_overvoltage"] <= 0.6
    assert 0.92 <= o["current_efficiency"] <= 0.96
    assert 12.8 <= o["specific_energy"] / KWH <= 14.0
    assert 5.0 <= o["superheat"] <= 15.0
    assert 0.01 <= o["ledge_thickness"] <= 0.10
    # the reversible potential at 3 % alumina lies above its unit-activity value
    assert 1.19 < o["reversible_potential"] < 1.26


def test_heat_and_oxygen_balance_recomputed_from_outputs():
    """I (V - V_ext) = electrolysis enthalpy + top + side + bottom losses, and the oxygen
    of the alumina consumed leaves in the CO2 and CO (to round-off)."""
    _, o, prof = _solve()
    p_cell = o["power_dc"] - 300e3 * o["external_drop"]
    losses = o["heat_loss_top"] + o["heat_loss_side"] + o["heat_loss_bottom"] + o["anode_heating"]
    assert p_cell == pytest.approx(o["reaction_enthalpy"] + losses, rel=1e-10)
    assert abs(o["energy_residual"]) < 1e-10 and abs(o["mass_residual"]) < 1e-12
    co2_from_co = o["co_anode"] / 28.0101e-3 * 44.0095e-3
    assert o["co2_anode"] >= co2_from_co
    # ledge profile: liquidus at the bath face, colder towards the wall
    assert prof[hh.F_T_LEDGE, 0] == pytest.approx(o["liquidus_temp"])
    assert np.all(np.diff(prof[hh.F_T_LEDGE]) < 0.0)


def test_emissions_per_tonne():
    """CO2e = anode CO2 + PFCs (GWP 6630/11100) + grid electricity: at 0.5 kg/kWh and
    97.5 % rectifier efficiency electricity is 0.5 x 13.1 / 0.975 = 6.7 t/t, anode
    carbon (0.334 + 0.08) x 44/12 = 1.5 t/t."""
    _, o, _ = _solve()
    al = o["aluminium_production"]
    elec = o["specific_energy"] / KWH / 0.975 * 0.5
    assert o["electricity_co2e"] / al == pytest.approx(elec, rel=1e-9)
    assert o["co2_anode"] / al == pytest.approx((0.3339 / o["current_efficiency"] + 0.08) * 44.0095 / 12.011,
                                                rel=2e-3)
    assert o["co2e_intensity"] == pytest.approx(
        (o["co2_anode"] + o["pfc_co2e"] + o["electricity_co2e"]) / al, rel=1e-12)
    _, hydro, _ = _solve(grid_emission_factor=0.0)
    assert hydro["co2e_intensity"] < 2.0 < o["co2e_intensity"]


def test_responses_every_smelter_knows():
    """About 0.35 V per cm of ACD at this current density; more excess AlF3 raises the CE
    (Dewing) and lowers the liquidus; the Wang–Tabereaux conductivity gives a cell
    within 0.1 V of the Hives one."""
    _, base, _ = _solve()
    _, close, _ = _solve(acd=0.040)
    dv = base["cell_voltage"] - close["cell_voltage"]
    assert 0.25 < dv / 0.5 < 0.45
    _, acid, _ = _solve(alf3_excess=0.13)
    assert acid["current_efficiency"] > base["current_efficiency"]
    assert acid["liquidus_temp"] < base["liquidus_temp"]
    _, wang, _ = _solve(conductivity_model=1.0)
    assert abs(wang["cell_voltage"] - base["cell_voltage"]) < 0.1


@settings(max_examples=25, deadline=None)
@given(current=st.floats(285e3, 330e3), acd=st.floats(0.042, 0.052),
       alf3=st.floats(0.09, 0.13), alumina=st.floats(0.022, 0.045))
def test_closure_over_operating_points(current, acd, alf3, alumina):
    status, o, _ = _solve(line_current=current, acd=acd, alf3_excess=alf3, alumina=alumina)
    assert status == OK
    p_cell = o["power_dc"] - current * o["external_drop"]
    losses = o["heat_loss_top"] + o["heat_loss_side"] + o["heat_loss_bottom"] + o["anode_heating"]
    assert p_cell == pytest.approx(o["reaction_enthalpy"] + losses, rel=1e-9)
    assert abs(o["mass_residual"]) < 1e-12
    assert o["superheat"] > 0.0 and o["ledge_thickness"] >= 0.0


def test_batch_equals_serial_and_single():
    p = defaults(hh.PARAMS)
    P = np.tile(p, (5, 1))
    P[:, hh.I_ACD] = np.linspace(0.04, 0.05, 5)
    P[4, hh.I_LINE_CURRENT] = -1.0  # a bad row does not poison its neighbours
    results = []
    for f in (hh.solve_batch, hh.solve_batch_serial):
        OUT = np.empty((5, len(hh.OUTPUTS)))
        PROF = np.empty((5, len(hh.PROFILES), hh.N_CELL))
        STATUS = np.empty(5, dtype=np.int8)
        f(P, OUT, PROF, STATUS)
        results.append((OUT, STATUS))
    np.testing.assert_array_equal(results[0][1], [0, 0, 0, 0, OUT_OF_RANGE])
    np.testing.assert_allclose(results[0][0][:4], results[1][0][:4], rtol=1e-13)
    _, o, _ = _solve(acd=0.045)
    assert results[0][0][2, hh.O_CELL_VOLTAGE] == pytest.approx(o["cell_voltage"], rel=1e-12)


@pytest.mark.parametrize("changes, words", [
    ({"line_current": 0.0}, ["line_current", "10000"]),
    ({"acd": 0.004}, ["acd", "bubble layer"]),
    ({"alumina": 0.09}, ["alumina", "saturation"]),
    ({"alf3_excess": 0.25}, ["alf3_excess", "0.2"]),
    ({"alumina": 0.015}, ["alumina", "anode_effect"]),
])
def test_bad_input_names_parameter_and_range(changes, words):
    """Current <= 0, ACD at the bubble layer, a bath outside the correlations: the twin
    refuses before the kernel runs and names the parameter and its range; the kernel
    alone returns OUT_OF_RANGE."""
    with pytest.raises(ParameterError) as err:
        UnitTwin("hall_heroult").run(**changes)
    for word in words:
        assert word in str(err.value)
    status, o, _ = _solve(**changes)
    assert status == OUT_OF_RANGE and np.isnan(o["cell_voltage"])


def test_twin_runs_with_units():
    r = UnitTwin("hall_heroult").run(line_current="320 kA", acd="4.3 cm", alumina="2.8 %")
    assert r.ok and 4.0 < r.outputs["cell_voltage"] < 4.5
