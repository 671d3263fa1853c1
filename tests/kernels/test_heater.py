"""Fired-heater kernel: balances, limits, trends and bad input.

Independent references: the firebox energy balance recomputed from thermo/combustion,
the Lobo–Evans exchange equation recomputed from radiation.py, the process-side duty
by hand, the carbon balance of the fuel, and conservation of energy and mass.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kernels import combustion as cb
from kernels import heater as h
from kernels import radiation as rad
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, OK, OUT_OF_RANGE, defaults


def run(**changes):
    p = defaults(h.PARAMS)
    for name, value in changes.items():
        p[getattr(h, f"I_{name.upper()}")] = value
    out = np.empty(len(h.OUTPUTS))
    prof = np.empty((len(h.PROFILES), h.N_CELL))
    status = h.solve(p, out, prof)
    return status, p, out, prof


def fuel_vector(p):
    x = np.zeros(th.N_SPECIES)
    for i_param, k in h.FUEL_PARAMS:
        x[k] += p[i_param]
    return x / x.sum()


def test_default_heater_solves_and_closes():
    status, p, out, prof = run()
    assert status == OK
    assert abs(out[h.O_ENERGY_RESIDUAL]) < 1e-9
    assert abs(out[h.O_MASS_RESIDUAL]) < 1e-12
    assert abs(out[h.O_RADIANT_RESIDUAL]) < 1e-8
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(prof))


def test_absorbed_duty_equals_process_requirement_by_hand():
    # 90 kg/s * (2800 J/kg/K * 100 K + 0.4 * 2.5e5 J/kg) = 34.2 MW
    status, _, out, _ = run()
    assert status == OK
    assert out[h.O_ABSORBED_DUTY] == pytest.approx(34.2e6, rel=1e-9)


def test_bridgewall_satisfies_exchange_and_firebox_balance():
    status, p, out, _ = run()
    assert status == OK
    t_g = out[h.O_BRIDGEWALL_TEMP]
    q_rad = out[h.O_RADIANT_DUTY]
    # (1) Lobo-Evans exchange equation recomputed from radiation.py
    n_tubes, od, pitch, length = (p[h.I_RAD_TUBE_COUNT], p[h.I_RAD_TUBE_OD],
                                  p[h.I_RAD_TUBE_PITCH], p[h.I_RAD_TUBE_LENGTH])
    alpha_acp = rad.tube_bank_alpha(od, pitch, 1.0) * n_tubes * pitch * length
    area = n_tubes * np.pi * od * length
    q_exchange = rad.radiant_exchange(alpha_acp, out[h.O_EXCHANGE_FACTOR], t_g,
                                      out[h.O_TUBE_SURFACE_TEMP_MEAN],
                                      p[h.I_RAD_CONVECTION_COEFF], area)
    assert q_exchange == pytest.approx(q_rad, rel=1e-3)
    # (2) firebox energy balance from the combustion module
    x_fuel = fuel_vector(p)
    x_air = np.zeros(th.N_SPECIES)
    cb.humid_air(p[h.I_RELATIVE_HUMIDITY], p[h.I_AMBIENT_TEMP], p[h.I_PRESSURE], x_air)
    n_air = cb.air_per_fuel(x_fuel, x_air, p[h.I_EXCESS_AIR]) * x_air
    n_flue = np.zeros(th.N_SPECIES)
    cb.flue_moles(x_fuel, x_air, p[h.I_EXCESS_AIR], n_flue)
    nf = out[h.O_FUEL_FLOW] / th.molar_mass_mix(x_fuel)
    q_balance = nf * (th.h_mix(x_fuel, p[h.I_FUEL_TEMP]) + th.h_mix(n_air, p[h.I_AIR_PREHEAT_TEMP])
                      - th.h_mix(n_flue, t_g)) - out[h.O_SETTING_LOSS_DUTY]
    assert q_balance == pytest.approx(q_rad, rel=1e-3)


def test_api560_efficiency_identity():
    # eta = absorbed / (LHV + credits) = 1 - stack loss - setting loss / (LHV + credits)
    status, _, out, _ = run(air_preheat_temp=473.15)
    assert status == OK
    heat_in = out[h.O_ABSORBED_DUTY] / out[h.O_EFFICIENCY_LHV]
    setting = out[h.O_SETTING_LOSS_DUTY] / heat_in
    assert out[h.O_EFFICIENCY_LHV] == pytest.approx(1 - out[h.O_STACK_LOSS] - setting, abs=1e-9)


def test_duties_add_up_and_profiles_are_monotone():
    status, _, out, prof = run()
    assert status == OK
    parts = out[h.O_RADIANT_DUTY] + out[h.O_SHIELD_DUTY] + out[h.O_CONVECTION_DUTY]
    assert parts == pytest.approx(out[h.O_ABSORBED_DUTY], rel=1e-12)
    assert prof[h.F_T_GAS, 0] == pytest.approx(out[h.O_BRIDGEWALL_TEMP])
    assert np.all(np.diff(prof[h.F_T_GAS]) < 0)
    assert np.all(np.diff(prof[h.F_T_PROCESS_RAD]) > 0)
    assert prof[h.F_T_PROCESS_CONV, -1] == pytest.approx(533.15, abs=1e-6)
    assert prof[h.F_T_PROCESS_CONV, 0] == pytest.approx(out[h.O_CROSSOVER_TEMP])
    # mean of the coil flux profile is the average radiant flux
    assert prof[h.F_Q_RAD].mean() == pytest.approx(out[h.O_RADIANT_FLUX_AVG], rel=1e-9)
    assert out[h.O_TUBE_METAL_TEMP_MAX] > out[h.O_TUBE_SURFACE_TEMP_MEAN]


def test_co2_from_fuel_carbon_by_hand():
    # Each mol of fuel carries sum(x_k * C_k) mol of carbon, all leaving as CO2.
    status, p, out, _ = run()
    x = fuel_vector(p)
    carbon = x @ th.ELEMENTS[:, th.EL_C] - x[th.CO2]  # fuel CO2 is not a combustion product
    co2_per_kg_fuel = (carbon + x[th.CO2]) * 44.0095e-3 / th.molar_mass_mix(x)
    assert status == OK
    assert out[h.O_CO2_EMISSIONS] == pytest.approx(out[h.O_FUEL_FLOW] * co2_per_kg_fuel, rel=1e-3)


def test_o2_matches_combustion_module():
    status, p, out, _ = run(excess_air=0.3)
    x_air = np.zeros(th.N_SPECIES)
    cb.humid_air(p[h.I_RELATIVE_HUMIDITY], p[h.I_AMBIENT_TEMP], p[h.I_PRESSURE], x_air)
    assert status == OK
    assert out[h.O_O2_DRY] == pytest.approx(cb.o2_dry_from_excess_air(fuel_vector(p), x_air, 0.3))


def test_physical_trends():
    fuel = {ea: run(excess_air=ea)[2][h.O_FUEL_FLOW] for ea in (0.05, 0.15, 0.4)}
    assert fuel[0.05] < fuel[0.15] < fuel[0.4]          # more air, more stack loss
    no_aph = run()[2]
    aph = run(air_preheat_temp=523.15)[2]
    assert aph[h.O_FUEL_FLOW] < no_aph[h.O_FUEL_FLOW]     # preheat saves fuel
    assert aph[h.O_BRIDGEWALL_TEMP] > no_aph[h.O_BRIDGEWALL_TEMP]
    more_rows = run(conv_rows=12.0)[2]
    assert more_rows[h.O_STACK_TEMP] < no_aph[h.O_STACK_TEMP]
    assert more_rows[h.O_EFFICIENCY_LHV] > no_aph[h.O_EFFICIENCY_LHV]


def test_bad_input_gives_status_not_exception():
    assert run(excess_air=np.nan)[0] == BAD_INPUT
    assert run(excess_air=3.0)[0] == OUT_OF_RANGE
    assert run(process_outlet_temp=500.0)[0] == OUT_OF_RANGE      # below the inlet
    assert run(air_preheat_temp=250.0)[0] == OUT_OF_RANGE         # below ambient
    assert run(fuel_x_ch4=0.9)[0] == OUT_OF_RANGE                 # fractions sum to 1.28
    assert run(fuel_flow_max=0.05)[0] == INFEASIBLE               # cannot fire the duty
    status, _, out, _ = run(excess_air=np.nan)
    assert np.all(np.isnan(out))


def test_batch_matches_single_and_isolates_bad_rows():
    p0 = defaults(h.PARAMS)
    P = np.tile(p0, (5, 1))
    P[:, h.I_EXCESS_AIR] = [0.05, 0.1, np.nan, 0.3, 0.4]
    OUT = np.empty((5, len(h.OUTPUTS)))
    PROF = np.empty((5, len(h.PROFILES), h.N_CELL))
    STATUS = np.empty(5, dtype=np.int8)
    h.solve_batch(P, OUT, PROF, STATUS)
    assert list(STATUS) == [OK, OK, BAD_INPUT, OK, OK]
    for i in (0, 1, 3, 4):
        out = np.empty(len(h.OUTPUTS))
        prof = np.empty((len(h.PROFILES), h.N_CELL))
        h.solve(P[i], out, prof)
        np.testing.assert_allclose(OUT[i], out, rtol=1e-12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    excess_air=st.floats(0.02, 1.0),
    preheat=st.floats(0.0, 250.0),
    outlet=st.floats(600.0, 660.0),
    x_h2=st.floats(0.0, 0.5),
    ambient=st.floats(250.0, 320.0),
    rh=st.floats(0.0, 1.0),
    conv_rows=st.integers(0, 16),
    shield_rows=st.integers(0, 4),
)
def test_energy_closure_for_random_valid_inputs(excess_air, preheat, outlet, x_h2, ambient, rh,
                                                conv_rows, shield_rows):
    status, _, out, _ = run(excess_air=excess_air, ambient_temp=ambient,
                            air_preheat_temp=ambient + preheat, process_outlet_temp=outlet,
                            fuel_x_h2=x_h2, fuel_x_ch4=0.80 - x_h2, relative_humidity=rh,
                            conv_rows=float(conv_rows), shield_rows=float(shield_rows))
    assert status in (OK, INFEASIBLE)
    if status == OK:
        assert abs(out[h.O_ENERGY_RESIDUAL]) < 1e-6
        assert abs(out[h.O_MASS_RESIDUAL]) < 1e-9
        assert abs(out[h.O_RADIANT_RESIDUAL]) < 1e-7
        assert 0.0 < out[h.O_EFFICIENCY_LHV] < 1.0
