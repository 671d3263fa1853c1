"""Cement line with the 1-D kiln: a typical 5-stage precalciner line, closure, clinker, CO2, trends.

Independent references: published ranges for 5-stage precalciner lines of 3000-6000 t/d
(issue 4; VDZ 2002, "Process Technology of Cement Manufacturing"; ECRA/CSI 2017; Peray
1986): specific heat consumption 2.9-3.6 GJ/t clinker, kiln-inlet gas 1000-1200 C,
burning-zone material near 1450 C (1400-1500 C here), preheater exit gas 250-350 C;
ASTM C150 Bogue phases of the clinker oxides; CO2 by stoichiometry; conservation of
energy, mass and elements over the whole line with the kiln inside.
"""

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kernels import cement_line as cl
from kernels import clinker as ck
from kernels.contract import BAD_INPUT, OK, OUT_OF_RANGE, bounds, defaults

NAMES = [o.name for o in cl.OUTPUTS]


def params(**changes):
    p = defaults(cl.PARAMS)
    for name, value in changes.items():
        p[getattr(cl, f"I_{name.upper()}")] = value
    return p


def run(**changes):
    p = params(**changes)
    out = np.empty(len(cl.OUTPUTS))
    prof = np.empty((len(cl.PROFILES), cl.N_CELL))
    t0 = time.perf_counter()
    status = cl.solve(p, out, prof)
    return status, p, out, prof, time.perf_counter() - t0


def clinker_oxides(p):
    w = np.zeros(ck.N_OXIDES)
    for name, j in (("cao", ck.CAO), ("sio2", ck.SIO2), ("al2o3", ck.AL2O3), ("fe2o3", ck.FE2O3), ("mgo", ck.MGO),
                    ("so3", ck.SO3), ("k2o", ck.K2O), ("na2o", ck.NA2O)):
        w[j] = p[getattr(cl, f"I_CLINKER_W_{name.upper()}")]
    return w


def split_residual(out):
    q_in = out[cl.O_SPECIFIC_HEAT_CONSUMPTION] + out[cl.O_HEAT_INPUT_SENSIBLE]
    return (q_in - sum(out[NAMES.index(n)] for n in cl.HEAT_SPLIT)) / out[cl.O_SPECIFIC_HEAT_CONSUMPTION]


@pytest.fixture(scope="module")
def line():
    status, p, out, prof, seconds = run()
    assert status == OK
    return p, out, prof, seconds


def test_tables_follow_the_kernel_contract():
    for prefix, table in (("I", cl.PARAMS), ("O", cl.OUTPUTS), ("F", cl.PROFILES)):
        names = [row.name for row in table]
        assert len(names) == len(set(names))
        for i, row in enumerate(table):
            assert getattr(cl, f"{prefix}_{row.name.upper()}") == i, row.name
    low, high = bounds(cl.PARAMS)
    p = defaults(cl.PARAMS)
    assert np.all(low <= p) and np.all(p <= high)
    assert cl.check_consistency({r.name: r.default for r in cl.PARAMS}) == []
    assert not set(cl.LINE_PARAMS_SET_BY_KILN) & {r.name for r in cl.PARAMS}


def test_typical_precalciner_line(line, capsys):
    # Defaults: a 4000 t/d (46.3 kg/s) 5-stage precalciner line on bituminous coal with a
    # 62 m x 4.0 m kiln firing 0.6 MJ/kg clinker. Published ranges (module docstring):
    # 2.9-3.6 GJ/t, kiln inlet 1000-1200 C, burning zone 1400-1500 C, preheater exit
    # 250-350 C; energy closure better than 0.5 % of the fuel (issue 4) - asserted at 1e-8
    # (the kiln's Newton tolerance and the 1e-7 K secondary-air mismatch).
    p, out, prof, seconds = line
    with capsys.disabled():
        print("\n" + cl.format_heat_balance(out))
        c = {n: out[getattr(cl, f"O_{n.upper()}")] - 273.15 for n in ("kiln_inlet_gas_temp", "burning_zone_temp",
                                                                         "secondary_air_temp", "preheater_exit_temp")}
        print(f"kiln inlet gas {c['kiln_inlet_gas_temp']:.0f} C, burning zone {c['burning_zone_temp']:.0f} C, "
              f"secondary air {c['secondary_air_temp']:.0f} C, preheater exit {c['preheater_exit_temp']:.0f} C, "
              f"solve {seconds:.2f} s ({out[cl.O_COUPLING_ITERATIONS]:.0f} kiln solves)")
    assert p[cl.I_CLINKER_RATE] * 86400 / 1000 == pytest.approx(4000, rel=0.01)
    assert 2.9e6 <= out[cl.O_SPECIFIC_HEAT_CONSUMPTION] <= 3.6e6
    assert 1000.0 <= out[cl.O_KILN_INLET_GAS_TEMP] - 273.15 <= 1200.0
    assert 1400.0 <= out[cl.O_BURNING_ZONE_TEMP] - 273.15 <= 1500.0
    assert 250.0 <= out[cl.O_PREHEATER_EXIT_TEMP] - 273.15 <= 350.0
    assert abs(out[cl.O_ENERGY_RESIDUAL]) < 1e-8
    assert abs(split_residual(out)) < 1e-8
    assert abs(out[cl.O_MASS_RESIDUAL]) < 1e-10 and out[cl.O_ELEMENT_RESIDUAL] < 1e-10
    assert abs(out[cl.O_KILN_ENERGY_RESIDUAL]) < 1e-9
    assert abs(out[cl.O_SECONDARY_AIR_MISMATCH]) < 1e-6
    assert out[cl.O_SECONDARY_AIR_TEMP] < out[cl.O_CLINKER_DISCHARGE_TEMP]
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(prof))


def test_clinker_at_the_kiln_exit_is_near_bogue(line):
    # ASTM C150 Bogue of the line's clinker oxides, with the kiln's free lime subtracted
    # and SO3 not binding lime (inert in the kiln model): C3A and C4AF within 0.5 wt%,
    # C3S and C2S within 1 wt%; free lime of a well-burnt clinker (< 2.5 %).
    p, out, _, _ = line
    w = clinker_oxides(p)
    w[ck.SO3] = 0.0
    c3s, c2s, c3a, c4af = ck.bogue_phases(w, out[cl.O_FREE_LIME])
    assert out[cl.O_CLINKER_C3A] == pytest.approx(c3a, abs=0.005)
    assert out[cl.O_CLINKER_C4AF] == pytest.approx(c4af, abs=0.005)
    assert out[cl.O_CLINKER_C3S] == pytest.approx(c3s, abs=0.01)
    assert out[cl.O_CLINKER_C2S] == pytest.approx(c2s, abs=0.01)
    assert out[cl.O_FREE_LIME] < 0.025


def test_co2_split_by_hand(line):
    # Process CO2 = the carbonates of the raw meal (kernels.clinker.process_co2: all CaO
    # from CaCO3, all MgO from MgCO3); fuel CO2 = fuel carbon (kiln coal + calciner coal
    # of the same analysis) x 44.009/12.011; electricity = kWh/t x grid factor; total
    # the sum (1e-9 relative).
    p, out, _, _ = line
    assert out[cl.O_PROCESS_CO2] == pytest.approx(ck.process_co2(clinker_oxides(p), 1.0, 1.0), rel=1e-9)
    assert 0.5 < out[cl.O_PROCESS_CO2] < 0.55
    fuel = out[cl.O_KILN_COAL_FLOW] + out[cl.O_CALCINER_FUEL_FLOW]
    assert out[cl.O_FUEL_INPUT] == pytest.approx(fuel, rel=1e-12)
    assert out[cl.O_FUEL_CO2] == pytest.approx(
        fuel * p[cl.I_FUEL_W_C] * 44.009 / 12.011 / p[cl.I_CLINKER_RATE], rel=1e-4)
    assert out[cl.O_ELECTRICITY_CO2] == pytest.approx(30.0 * 0.4 / 1000.0, rel=1e-3)  # 30 kWh/t x 0.4 kg/kWh
    assert out[cl.O_TOTAL_CO2] == pytest.approx(
        out[cl.O_PROCESS_CO2] + out[cl.O_FUEL_CO2] + out[cl.O_ELECTRICITY_CO2], rel=1e-12)
    # the common fuel outputs (ARCHITECTURE.md 2.1): the CO2 released into the exhaust
    # (stage balances, air CO2 taken off) is the carbonate + fuel carbon of the split, and
    # the fuel heat is the specific heat consumption times the clinker rate
    m_clk = p[cl.I_CLINKER_RATE]
    assert out[cl.O_CO2_EMISSIONS] == pytest.approx((out[cl.O_PROCESS_CO2] + out[cl.O_FUEL_CO2]) * m_clk, rel=1e-9)
    assert out[cl.O_FUEL_HEAT_INPUT] == pytest.approx(out[cl.O_SPECIFIC_HEAT_CONSUMPTION] * m_clk, rel=1e-12)


def test_more_kiln_fuel_gives_a_hotter_burning_zone(line):
    # Issue 4: more fuel -> hotter burning zone (and lower free lime, more alite).
    _, base, _, _ = line
    results = []
    for heat in (5.0e5, 7.0e5):
        status, _, out, _, _ = run(kiln_fuel_heat=heat)
        assert status == OK and abs(out[cl.O_ENERGY_RESIDUAL]) < 1e-8
        results.append(out)
    lo, hi = results
    assert lo[cl.O_BURNING_ZONE_TEMP] < base[cl.O_BURNING_ZONE_TEMP] < hi[cl.O_BURNING_ZONE_TEMP]
    assert lo[cl.O_FREE_LIME] > base[cl.O_FREE_LIME] > hi[cl.O_FREE_LIME]
    assert lo[cl.O_CLINKER_C3S] < base[cl.O_CLINKER_C3S] < hi[cl.O_CLINKER_C3S]


def test_hotter_secondary_air_needs_less_fuel_for_the_same_burning_zone():
    # Issue 4: with the kiln fuel found for a 1450 C burning zone (kiln_fuel_control 1), a
    # cooler that recuperates more heats the secondary air more, and the kiln then needs
    # less fuel; the line's specific heat consumption drops too.
    outs = []
    for eta in (0.66, 0.72):
        status, _, out, _, _ = run(kiln_fuel_control=1.0, cooler_recuperation=eta)
        assert status == OK
        assert out[cl.O_BURNING_ZONE_TEMP] == pytest.approx(1723.15, abs=1e-4)
        assert abs(out[cl.O_ENERGY_RESIDUAL]) < 1e-8
        outs.append(out)
    cold, hot = outs
    assert hot[cl.O_SECONDARY_AIR_TEMP] > cold[cl.O_SECONDARY_AIR_TEMP] + 20.0
    assert hot[cl.O_KILN_FUEL_HEAT] < cold[cl.O_KILN_FUEL_HEAT]
    assert hot[cl.O_SPECIFIC_HEAT_CONSUMPTION] < cold[cl.O_SPECIFIC_HEAT_CONSUMPTION]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rate=st.floats(35.0, 60.0), share=st.floats(0.0, 0.6), o2=st.floats(0.0, 0.3),
       moisture=st.floats(0.0, 0.02), heat=st.floats(5.0e5, 7.5e5), eta=st.floats(0.6, 0.74))
def test_closure_over_random_lines(rate, share, o2, moisture, heat, eta):
    # Energy, mass and element closure of the whole line with the kiln inside below
    # 1e-8 / 1e-10 / 1e-10 (issue 4 asks 1e-6) for plant sizes of 3000-5200 t/d, up to 60 %
    # alternative fuel in the kiln, O2 enrichment, feed moisture, kiln fuel and cooler.
    status, _, out, _, _ = run(clinker_rate=rate, kiln_alt_fuel_share=share, oxygen_enrichment=o2,
                               raw_meal_moisture=moisture, kiln_fuel_heat=heat, cooler_recuperation=eta)
    assert status == OK
    assert abs(out[cl.O_ENERGY_RESIDUAL]) < 1e-8 and abs(split_residual(out)) < 1e-8
    assert abs(out[cl.O_MASS_RESIDUAL]) < 1e-10 and out[cl.O_ELEMENT_RESIDUAL] < 1e-10
    assert abs(out[cl.O_SECONDARY_AIR_MISMATCH]) < 1e-6


def test_bad_input_gives_status_and_nan():
    status, _, out, prof, _ = run(clinker_rate=np.nan)
    assert status == BAD_INPUT and np.all(np.isnan(out)) and np.all(np.isnan(prof))
    assert run(alt_fuel_w_c=0.2)[0] == OUT_OF_RANGE  # alternative fuel analysis does not add up
    assert run(flame_length=70.0)[0] == OUT_OF_RANGE  # flame longer than the kiln
    assert run(clinker_rate=-1.0)[0] == OUT_OF_RANGE
    assert run(kiln_fuel_control=0.5)[0] == OUT_OF_RANGE
    assert run(clinker_w_cao=0.70, clinker_w_sio2=0.30)[0] == OUT_OF_RANGE  # oxides above 100 %
    values = {r.name: r.default for r in cl.PARAMS} | {"alt_fuel_w_c": 0.2, "flame_length": 70.0}
    messages = cl.check_consistency(values)
    assert any("alt_fuel_w_" in m for m in messages) and any("flame_length" in m for m in messages)
