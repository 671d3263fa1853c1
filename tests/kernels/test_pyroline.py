"""Pyro-line kernel: a typical precalciner line, closure, coupling, trends and bad input.

Independent references: published ranges for 5-stage precalciner lines (VDZ 2002; ECRA/CSI
2017; issue 4), hand calculations of CO2 and of the raw meal (kernels.clinker, written
against stoichiometry in test_clinker.py), the coupling heat recomputed from thermo, and
conservation of energy, mass and elements over the line boundary.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kernels import clinker as ck
from kernels import combustion as cb
from kernels import meal as ml
from kernels import pyroline as pl
from kernels import solidfuel as sf
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, OK, OUT_OF_RANGE, bounds, defaults

NAMES = [o.name for o in pl.OUTPUTS]


def params(**changes):
    p = defaults(pl.PARAMS)
    for name, value in changes.items():
        p[getattr(pl, f"I_{name.upper()}")] = value
    return p


def run(**changes):
    p = params(**changes)
    out = np.empty(len(pl.OUTPUTS))
    prof = np.empty((len(pl.PROFILES), pl.N_CELL))
    status = pl.solve(p, out, prof)
    return status, p, out, prof


def clinker_vector(p):
    w = np.zeros(ck.N_OXIDES)
    for name, k in (("cao", ck.CAO), ("sio2", ck.SIO2), ("al2o3", ck.AL2O3), ("fe2o3", ck.FE2O3),
                    ("mgo", ck.MGO), ("so3", ck.SO3), ("k2o", ck.K2O), ("na2o", ck.NA2O)):
        w[k] = p[getattr(pl, f"I_CLINKER_W_{name.upper()}")]
    return w


def split_residual(out):
    q_in = out[pl.O_SPECIFIC_HEAT_CONSUMPTION] + out[pl.O_HEAT_INPUT_SENSIBLE]
    total = sum(out[NAMES.index(name)] for name in pl.HEAT_SPLIT)
    return (q_in - total) / out[pl.O_SPECIFIC_HEAT_CONSUMPTION]


# ----------------------------------------------------------------------- contract
def test_tables_follow_the_kernel_contract():
    for prefix, table in (("I", pl.PARAMS), ("O", pl.OUTPUTS), ("F", pl.PROFILES)):
        names = [row.name for row in table]
        assert len(names) == len(set(names))
        for i, row in enumerate(table):
            assert getattr(pl, f"{prefix}_{row.name.upper()}") == i, row.name
            assert row.unit and len(row.meaning) > 10, row
    low, high = bounds(pl.PARAMS)
    p = defaults(pl.PARAMS)
    assert np.all(low <= p) and np.all(p <= high) and np.all(low < high)
    assert pl.check_consistency({r.name: r.default for r in pl.PARAMS}) == []
    assert set(pl.HEAT_SPLIT) <= set(NAMES)


# ------------------------------------------------------------- a typical plant
def test_typical_precalciner_line(capsys):
    # Defaults = a 4000 t/d (46.3 kg/s) 5-stage precalciner line on bituminous coal.
    # Published ranges (issue 4; VDZ 2002; ECRA/CSI 2017): specific heat consumption
    # 2.9-3.6 GJ/t clinker, preheater exit gas 250-350 C, kiln-inlet gas 1000-1200 C
    # (an input of the lumped kiln here). Energy closure < 0.5 % of the fuel is the
    # issue's requirement; by construction it is at round-off (1e-9 asserted).
    status, p, out, prof = run()
    assert status == OK
    with capsys.disabled():
        print("\n" + pl.format_heat_balance(out))
    assert p[pl.I_CLINKER_RATE] * 86400 / 1000 == pytest.approx(4000, rel=0.01)
    assert 2.9e6 <= out[pl.O_SPECIFIC_HEAT_CONSUMPTION] <= 3.6e6
    assert 250.0 <= out[pl.O_PREHEATER_EXIT_TEMP] - 273.15 <= 350.0
    assert 1000.0 <= p[pl.I_KILN_INLET_GAS_TEMP] - 273.15 <= 1200.0
    assert abs(out[pl.O_ENERGY_RESIDUAL]) < 1e-9
    assert abs(split_residual(out)) < 1e-9
    assert abs(out[pl.O_MASS_RESIDUAL]) < 1e-12
    assert out[pl.O_ELEMENT_RESIDUAL] < 1e-12
    assert abs(out[pl.O_SECONDARY_AIR_MISMATCH]) < 1e-6
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(prof))


def test_calciner_runs_above_calcination_equilibrium():
    # Baker (1962): CaCO3 decomposes only above the temperature at which its CO2
    # pressure equals the partial pressure in the gas; a calciner at 880 C with ~32 %
    # CO2 is above it (typical margin 30-80 K), hand-checked from the exit CO2 here.
    status, p, out, _ = run()
    assert status == OK
    t_eq = ck.calcination_equilibrium_temperature(out[pl.O_CALCINER_EXIT_CO2] * p[pl.I_PRESSURE])
    assert out[pl.O_CALCINER_EQUILIBRIUM_TEMP] == pytest.approx(t_eq, rel=1e-12)
    assert p[pl.I_CALCINER_EXIT_TEMP] > t_eq


def test_theoretical_heat_is_zur_strassen_and_follows_the_carbonate_share():
    # With all CaO/MgO from carbonates the reaction term equals zur Strassen's heat
    # (construction of kernels.meal.combination_heat, 1e-9). Taking 20 % of the CaO as
    # non-carbonate lowers it by 0.2 * w_CaO / M_CaO * 178.3 kJ/mol (NASA calcination
    # heat, the Cantera cross-check of test_clinker), by hand, to 1e-3.
    status, p, out, _ = run()
    assert status == OK
    w = clinker_vector(p)
    assert out[pl.O_THEORETICAL_HEAT] == pytest.approx(ck.theoretical_heat_zur_strassen(w), rel=1e-9)
    status, p2, out2, _ = run(caco3_share=0.8)
    assert status == OK
    drop = 0.2 * p[pl.I_CLINKER_W_CAO] / 0.056077 * 178.32e3
    assert out[pl.O_THEORETICAL_HEAT] - out2[pl.O_THEORETICAL_HEAT] == pytest.approx(drop, rel=1e-3)


def test_process_co2_raw_meal_and_carbon_balance_by_hand():
    # Process CO2 = kernels.clinker.process_co2 (stoichiometry, 0.523 t/t for 66.6 %
    # CaO); raw meal factor = (1 - ash absorbed)/(1 - LOI) (Peray); CO2 released into the
    # exhaust (exhaust CO2 of the stage balances minus the CO2 the combustion air brought)
    # = carbonate C + fuel C, all to 1e-9 relative.
    status, p, out, _ = run()
    assert status == OK
    w = clinker_vector(p)
    m_clk = p[pl.I_CLINKER_RATE]
    assert out[pl.O_PROCESS_CO2] == pytest.approx(ck.process_co2(w, 1.0, 1.0), rel=1e-9)
    ash = out[pl.O_FUEL_INPUT] * p[pl.I_FUEL_W_ASH] / m_clk
    assert out[pl.O_RAW_MEAL_FACTOR] == pytest.approx(ck.raw_meal_factor(out[pl.O_RAW_MEAL_LOI], ash), rel=1e-9)
    assert out[pl.O_CO2_EMISSIONS] == pytest.approx(
        (out[pl.O_PROCESS_CO2] + out[pl.O_FUEL_CO2]) * m_clk, rel=1e-9)
    assert out[pl.O_FUEL_CO2] == pytest.approx(
        out[pl.O_FUEL_INPUT] * p[pl.I_FUEL_W_C] * 44.009 / 12.011 / m_clk, rel=1e-4)


def test_stage_profiles():
    # Meal heats up stage by stage down the tower; gas leaves each cyclone approach K
    # hotter than the meal; the calciner holds the set temperature and calcination.
    status, p, _, prof = run()
    assert status == OK
    t_meal = prof[pl.F_T_MEAL]
    assert np.all(np.diff(t_meal) > 0.0)
    assert prof[pl.F_T_GAS, :4] - t_meal[:4] == pytest.approx(p[pl.I_PREHEATER_APPROACH], abs=1e-9)
    assert t_meal[4] == p[pl.I_CALCINER_EXIT_TEMP]
    assert prof[pl.F_CALCINATION, 4] == p[pl.I_KILN_FEED_CALCINATION]


# ------------------------------------------------------------------- coupling
def test_line_around_kiln_reproduces_the_coupled_solution():
    # The lumped kiln at the converged secondary-air temperature, fed to
    # line_around_kiln, gives the outputs of solve (1e-9) and no mismatch.
    status, p, out, prof = run()
    kiln = np.empty(pl.N_KILN)
    n_gas = np.empty(th.N_SPECIES)
    assert pl.burning_zone_balance(p, out[pl.O_SECONDARY_AIR_TEMP], kiln, n_gas) == OK
    out2 = np.empty_like(out)
    prof2 = np.empty_like(prof)
    assert pl.line_around_kiln(p, kiln, n_gas, out2, prof2) == OK
    assert out2 == pytest.approx(out, rel=1e-9, abs=1e-9)
    assert prof2 == pytest.approx(prof, rel=1e-9)


def test_line_around_an_uncoupled_kiln_reports_the_mismatch_heat():
    # A kiln solved with secondary air 60 K hotter than the cooler can deliver: kiln and
    # calciner count heat they did not get, so the line puts out more than it takes in
    # by exactly n_sa (h(T_kiln) - h(T_cooler)) + n_ta (h(T_ta,used) - h(T_ta,cooler)),
    # recomputed with kernels.thermo (1e-6 relative); residual = (in - out)/fuel heat.
    status, p, out, _ = run()
    t_kiln = out[pl.O_SECONDARY_AIR_TEMP] + 60.0
    kiln = np.empty(pl.N_KILN)
    n_gas = np.empty(th.N_SPECIES)
    assert pl.burning_zone_balance(p, t_kiln, kiln, n_gas) == OK
    o = np.empty_like(out)
    assert pl.line_around_kiln(p, kiln, n_gas, o, np.empty((len(pl.PROFILES), pl.N_CELL))) == OK
    x_air = np.empty(th.N_SPECIES)
    cb.humid_air(p[pl.I_RELATIVE_HUMIDITY], p[pl.I_AMBIENT_TEMP], p[pl.I_PRESSURE], x_air)
    m_air = th.molar_mass_mix(x_air)
    dt = p[pl.I_TERTIARY_AIR_TEMP_DROP]
    n_sa = o[pl.O_SECONDARY_AIR_FLOW] / m_air
    n_ta = o[pl.O_TERTIARY_AIR_FLOW] / m_air
    t_cool = o[pl.O_SECONDARY_AIR_TEMP]
    gap = (n_sa * (th.h_mix(x_air, t_kiln) - th.h_mix(x_air, t_cool))
           + n_ta * (th.h_mix(x_air, t_kiln - dt) - th.h_mix(x_air, o[pl.O_TERTIARY_AIR_TEMP])))
    assert o[pl.O_SECONDARY_AIR_MISMATCH] == pytest.approx(t_kiln - t_cool, rel=1e-12)
    assert o[pl.O_ENERGY_RESIDUAL] * o[pl.O_FUEL_HEAT_INPUT] == pytest.approx(-gap, rel=1e-6)
    assert abs(o[pl.O_MASS_RESIDUAL]) < 1e-12 and o[pl.O_ELEMENT_RESIDUAL] < 1e-12


# --------------------------------------------------------------------- trends
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t_sa=st.floats(900.0, 1500.0), dt=st.floats(5.0, 150.0))
def test_hotter_secondary_air_needs_less_kiln_fuel(t_sa, dt):
    # Issue 4: higher secondary-air temperature -> less fuel for the same burning-zone
    # (clinker) temperature, in the kiln balance itself.
    p = params()
    k1, k2 = np.empty(pl.N_KILN), np.empty(pl.N_KILN)
    n = np.empty(th.N_SPECIES)
    assert pl.burning_zone_balance(p, t_sa, k1, n) == OK
    assert pl.burning_zone_balance(p, t_sa + dt, k2, n) == OK
    assert k2[pl.K_FUEL_FLOW] < k1[pl.K_FUEL_FLOW]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(eta=st.floats(0.55, 0.76), d_eta=st.floats(0.005, 0.05))
def test_better_cooler_gives_hotter_secondary_air_and_less_fuel(eta, d_eta):
    # The same trend through the whole line: more recuperation -> hotter secondary and
    # tertiary air -> lower specific heat consumption.
    s1, _, o1, _ = run(cooler_recuperation=eta)
    s2, _, o2, _ = run(cooler_recuperation=eta + d_eta)
    assert s1 == OK and s2 == OK
    assert o2[pl.O_SECONDARY_AIR_TEMP] > o1[pl.O_SECONDARY_AIR_TEMP]
    assert o2[pl.O_SPECIFIC_HEAT_CONSUMPTION] < o1[pl.O_SPECIFIC_HEAT_CONSUMPTION]


@pytest.mark.parametrize("name, low, high, sign", [
    ("raw_meal_moisture", 0.0, 0.04, +1),       # water to evaporate
    ("kiln_shell_loss", 0.5e5, 2.5e5, +1),      # more loss, more fuel
    ("top_cyclone_efficiency", 0.90, 0.98, -1), # less dust loss
    ("kiln_excess_air", 0.05, 0.40, +1),        # more gas to heat
])
def test_physical_trends_of_the_heat_consumption(name, low, high, sign):
    s1, _, o1, _ = run(**{name: low})
    s2, _, o2, _ = run(**{name: high})
    assert s1 == OK and s2 == OK
    assert sign * (o2[pl.O_SPECIFIC_HEAT_CONSUMPTION] - o1[pl.O_SPECIFIC_HEAT_CONSUMPTION]) > 0.0


# ------------------------------------------------------------------- property
TYPICAL = {
    "clinker_rate": (20.0, 80.0), "clinker_w_cao": (0.63, 0.67), "clinker_w_sio2": (0.19, 0.23),
    "clinker_w_al2o3": (0.04, 0.065), "clinker_w_fe2o3": (0.02, 0.045), "clinker_w_mgo": (0.0, 0.04),
    "caco3_share": (0.8, 1.0), "mgco3_share": (0.0, 1.0), "bound_water": (0.0, 0.02),
    "raw_meal_moisture": (0.0, 0.02), "raw_meal_temp": (293.0, 353.0), "fuel_lhv": (24e6, 30e6),
    "ambient_temp": (268.0, 313.0), "relative_humidity": (0.0, 1.0), "kiln_excess_air": (0.05, 0.3),
    "calciner_excess_air": (0.1, 0.4), "primary_air_fraction": (0.05, 0.15),
    "kiln_inlet_gas_temp": (1273.0, 1473.0), "clinker_discharge_temp": (1573.0, 1723.0),
    "kiln_feed_calcination": (0.85, 0.97), "calciner_exit_temp": (1123.0, 1193.0),
    "preheater_approach": (0.0, 40.0), "top_cyclone_efficiency": (0.9, 0.98),
    "cooler_air": (1.9, 2.8), "cooler_recuperation": (0.55, 0.75), "tertiary_air_temp_drop": (50.0, 250.0),
    "clinker_out_temp": (343.0, 423.0),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_closure_over_random_typical_lines(data):
    # Energy, mass and element closure below 1e-9 / 1e-12 / 1e-12 (issue 4 asks 1e-6) and
    # the heat split summing to the input, for any solvable line in the plant-typical
    # ranges above; an unsolvable one must say INFEASIBLE with NaN outputs.
    changes = {name: data.draw(st.floats(lo, hi), label=name) for name, (lo, hi) in TYPICAL.items()}
    assume(oxide_sum(changes) <= 1.0)
    status, _, out, prof = run(**changes)
    assert status in (OK, INFEASIBLE)
    if status != OK:
        assert np.all(np.isnan(out))
        return
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(prof))
    assert abs(out[pl.O_ENERGY_RESIDUAL]) < 1e-9
    assert abs(split_residual(out)) < 1e-9
    assert abs(out[pl.O_MASS_RESIDUAL]) < 1e-12
    assert out[pl.O_ELEMENT_RESIDUAL] < 1e-12
    assert abs(out[pl.O_SECONDARY_AIR_MISMATCH]) < 1e-6
    assert out[pl.O_KILN_FUEL_FLOW] > 0.0 and out[pl.O_CALCINER_FUEL_FLOW] >= 0.0
    assert out[pl.O_COOLER_EXHAUST_TEMP] >= changes["ambient_temp"] - 1e-6


def oxide_sum(changes):
    p = params(**changes)
    return p[pl.I_CLINKER_W_CAO:pl.I_CLINKER_W_NA2O + 1].sum()


def test_typical_ranges_mostly_solve():
    # The plant-typical box above should be solvable nearly everywhere (guards the
    # property test against testing only INFEASIBLE): at least 90 % of 60 samples with
    # oxides adding up to at most one.
    rng = np.random.default_rng(7)
    ok = n = 0
    while n < 60:
        changes = {name: rng.uniform(lo, hi) for name, (lo, hi) in TYPICAL.items()}
        if oxide_sum(changes) > 1.0:
            continue
        n += 1
        ok += run(**changes)[0] == OK
    assert ok >= 54


# ------------------------------------------------------------------ bad input
def test_bad_input_gives_status_and_nan():
    assert run(clinker_rate=np.nan)[0] == BAD_INPUT
    assert run(clinker_rate=-1.0)[0] == OUT_OF_RANGE
    assert run(clinker_w_cao=0.70, clinker_w_sio2=0.30)[0] == OUT_OF_RANGE  # oxides > 100 %
    assert run(fuel_w_c=0.60)[0] == OUT_OF_RANGE  # fuel fractions do not add up to one
    assert run(calciner_exit_temp=1273.15, kiln_inlet_gas_temp=1173.15)[0] == OUT_OF_RANGE
    status, _, out, prof = run(cooler_air=0.8)  # less cooling air than combustion air
    assert status == INFEASIBLE
    assert np.all(np.isnan(out)) and np.all(np.isnan(prof))
    msgs = pl.check_consistency({**{r.name: r.default for r in pl.PARAMS}, "fuel_w_c": 0.6,
                                 "clinker_out_temp": 1700.0})
    assert any("fuel_w_" in m for m in msgs) and any("clinker_out_temp" in m for m in msgs)
    kiln = np.full(pl.N_KILN, np.nan)
    out = np.empty(len(pl.OUTPUTS))
    assert pl.line_around_kiln(params(), kiln, np.zeros(th.N_SPECIES), out,
                               np.empty((len(pl.PROFILES), pl.N_CELL))) == BAD_INPUT


def test_batch_matches_single_solves_and_isolates_failures():
    rows = [params(), params(cooler_air=0.8), params(raw_meal_moisture=0.02), params(clinker_rate=np.nan)]
    P = np.array(rows)
    OUT = np.empty((len(rows), len(pl.OUTPUTS)))
    PROF = np.empty((len(rows), len(pl.PROFILES), pl.N_CELL))
    STATUS = np.empty(len(rows), dtype=np.int8)
    pl.solve_batch_serial(P, OUT, PROF, STATUS)
    assert list(STATUS) == [OK, INFEASIBLE, OK, BAD_INPUT]
    for i, p in enumerate(rows):
        out = np.empty(len(pl.OUTPUTS))
        prof = np.empty((len(pl.PROFILES), pl.N_CELL))
        assert pl.solve(p, out, prof) == STATUS[i]
        np.testing.assert_array_equal(out, OUT[i])


def test_kiln_feed_closes_the_kiln_balance_by_hand():
    # The hot meal kiln_feed hands a coupled kiln, the lumped kiln's fuel, air and gas and
    # the clinker leaving: kiln energy balance recomputed here from kernels.meal and
    # kernels.thermo closes to 1e-9 of the kiln fuel heat.
    status, p, out, _ = run()
    kiln = np.empty(pl.N_KILN)
    n_gas = np.empty(th.N_SPECIES)
    assert pl.burning_zone_balance(p, out[pl.O_SECONDARY_AIR_TEMP], kiln, n_gas) == OK
    hot = np.empty(ml.N_COMP)
    assert pl.kiln_feed(p, kiln[pl.K_FUEL_ASH], hot) == OK
    assert hot.sum() == pytest.approx(out[pl.O_HOT_MEAL_FLOW], rel=1e-12)
    x_air = np.empty(th.N_SPECIES)
    cb.humid_air(p[pl.I_RELATIVE_HUMIDITY], p[pl.I_AMBIENT_TEMP], p[pl.I_PRESSURE], x_air)
    w = clinker_vector(p)
    u = p[pl.I_FUEL_W_C:pl.I_FUEL_W_ASH + 1]
    h_fuel = sf.enthalpy(u, p[pl.I_FUEL_LHV], ml.h_ash(w, th.T_REF), p[pl.I_FUEL_CP], p[pl.I_FUEL_TEMP])
    assert kiln[pl.K_FUEL_ENTHALPY] == pytest.approx(kiln[pl.K_FUEL_FLOW] * h_fuel, rel=1e-12)
    h_in = (kiln[pl.K_FUEL_ENTHALPY] + kiln[pl.K_PRIMARY_AIR] * th.h_mix(x_air, p[pl.I_AMBIENT_TEMP])
            + kiln[pl.K_SECONDARY_AIR] * th.h_mix(x_air, kiln[pl.K_SECONDARY_AIR_TEMP])
            + ml.h_meal(hot, p[pl.I_CALCINER_EXIT_TEMP]))
    h_out = (p[pl.I_CLINKER_RATE] * ml.h_clinker(w, ml.combination_heat(w), kiln[pl.K_CLINKER_TEMP])
             + th.h_mix(n_gas, kiln[pl.K_GAS_TEMP]) + kiln[pl.K_SHELL_LOSS])
    assert (h_in - h_out) / kiln[pl.K_FUEL_HEAT] == pytest.approx(0.0, abs=1e-9)
