"""The numba heater kernel against the plain NumPy/SciPy reference of the same equations.

The reference (``benchmarks/reference/heater.py``) evaluates the NASA polynomials and
correlations with NumPy and finds every root with ``scipy.optimize.brentq``; it shares
only the coefficient tables and the one-off composition setup with the kernel. Both
stop their root finders at 1e-9 relative, so they must agree to far better than the
tolerances asserted here: 1e-6 relative for flows, duties and efficiency, 1e-4 K for
temperatures.
"""

import numpy as np
import pytest

from benchmarks.reference import heater as ref
from benchmarks.scenarios import named_scenarios, random_scenarios
from kernels import heater as kh
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, OK, OUT_OF_RANGE, defaults

RTOL = 1e-6
ATOL_K = 1e-4
TEMPERATURES = [row.name for row in kh.OUTPUTS if row.unit == "K"]
RESIDUALS = ("energy_residual", "mass_residual", "radiant_residual")
RELATIVE = [row.name for row in kh.OUTPUTS if row.unit != "K" and row.name not in RESIDUALS]
SCENARIOS = named_scenarios()


def solve_both(p):
    results = []
    for solve in (kh.solve, ref.solve):
        out = np.empty(len(kh.OUTPUTS))
        prof = np.empty((len(kh.PROFILES), kh.N_CELL))
        results.append((solve(p, out, prof), out, prof))
    return results


def assert_agree(out_k, prof_k, out_r, prof_r):
    for name in RELATIVE:
        j = getattr(kh, f"O_{name.upper()}")
        # o2_margin and the duties can be near zero: compare against a sensible scale
        scale = max(abs(out_k[j]), 1e-3 if name == "o2_margin" else 1.0)
        assert abs(out_r[j] - out_k[j]) <= RTOL * scale, (name, out_k[j], out_r[j])
    for name in TEMPERATURES:
        j = getattr(kh, f"O_{name.upper()}")
        assert abs(out_r[j] - out_k[j]) <= ATOL_K, (name, out_k[j], out_r[j])
    for name in RESIDUALS:  # both close their balances
        j = getattr(kh, f"O_{name.upper()}")
        assert abs(out_r[j]) < 1e-8 and abs(out_k[j]) < 1e-8
    for f in (kh.F_T_GAS, kh.F_T_PROCESS_CONV, kh.F_T_PROCESS_RAD, kh.F_T_METAL_RAD):
        np.testing.assert_allclose(prof_r[f], prof_k[f], rtol=0.0, atol=ATOL_K)
    np.testing.assert_allclose(prof_r[kh.F_Q_RAD], prof_k[kh.F_Q_RAD], rtol=RTOL)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_kernel_and_reference_agree_on_named_scenarios(name):
    (s_k, out_k, prof_k), (s_r, out_r, prof_r) = solve_both(SCENARIOS[name])
    assert s_k == s_r
    if name == "infeasible_fuel_cap":
        assert s_k == INFEASIBLE
        assert np.all(np.isnan(out_r)) and np.all(np.isnan(prof_r))
        return
    assert s_k == OK
    assert_agree(out_k, prof_k, out_r, prof_r)


def test_named_scenarios_exercise_the_branches():
    # air preheat really preheats, zero shield rows really remove the shield duty
    (_, out, _), _ = solve_both(SCENARIOS["air_preheat_300C_ea10"])
    assert out[kh.O_APH_DUTY] > 1e6
    (_, out, _), (_, out_r, _) = solve_both(SCENARIOS["no_shield_rows"])
    assert out[kh.O_SHIELD_DUTY] == 0.0 and out_r[kh.O_SHIELD_DUTY] == 0.0
    assert out[kh.O_CONVECTION_DUTY] > 1e6
    (_, out, _), _ = solve_both(SCENARIOS["no_shield_no_conv"])
    assert out[kh.O_CONVECTION_DUTY] == 0.0
    assert out[kh.O_RADIANT_DUTY] == pytest.approx(out[kh.O_ABSORBED_DUTY], rel=1e-12)


def test_kernel_and_reference_agree_on_random_scenarios():
    P = random_scenarios(24, seed=11)
    P[::3, kh.I_SHIELD_ROWS] = 0.0
    n = P.shape[0]
    results = []
    for batch in (kh.solve_batch, ref.solve_batch):
        out = np.empty((n, len(kh.OUTPUTS)))
        prof = np.empty((n, len(kh.PROFILES), kh.N_CELL))
        status = np.empty(n, dtype=np.int8)
        batch(P, out, prof, status)
        results.append((status, out, prof))
    (s_k, out_k, prof_k), (s_r, out_r, prof_r) = results
    np.testing.assert_array_equal(s_k, s_r)
    assert np.sum(s_k == OK) >= n - 2
    for i in np.flatnonzero(s_k == OK):
        assert_agree(out_k[i], prof_k[i], out_r[i], prof_r[i])


def test_both_are_within_1e8_of_the_converged_reference():
    """Equal accuracy: kernel and reference against brentq converged to round-off."""
    p = SCENARIOS["air_preheat_200C"]
    out_c = np.empty(len(kh.OUTPUTS))
    prof_c = np.empty((len(kh.PROFILES), kh.N_CELL))
    assert ref.solve(p, out_c, prof_c, rtol=1e-15) == OK
    assert abs(out_c[kh.O_ENERGY_RESIDUAL]) < 1e-13
    for status, out, _ in solve_both(p):
        assert status == OK
        assert out[kh.O_FUEL_FLOW] == pytest.approx(out_c[kh.O_FUEL_FLOW], rel=1e-8)
        assert out[kh.O_EFFICIENCY_LHV] == pytest.approx(out_c[kh.O_EFFICIENCY_LHV], rel=1e-8)
        assert out[kh.O_BRIDGEWALL_TEMP] == pytest.approx(out_c[kh.O_BRIDGEWALL_TEMP], abs=1e-5)


def tiny_duty_scenario():
    """1 kg/s heated by 1 K: 2.8 kW, far below the smallest firing (1e-4 fuel_flow_max, ~24 kW)."""
    p = defaults(kh.PARAMS)
    p[kh.I_PROCESS_FLOW] = 1.0
    p[kh.I_PROCESS_OUTLET_TEMP] = p[kh.I_PROCESS_INLET_TEMP] + 1.0
    p[kh.I_PROCESS_VAPOR_FRACTION] = 0.0
    return p


def test_duty_below_minimum_firing_is_infeasible_in_both():
    """Not OK with an open energy balance (the kernel returned that before aad75b1)."""
    (s_k, out_k, _), (s_r, out_r, _) = solve_both(tiny_duty_scenario())
    assert s_k == s_r == INFEASIBLE
    assert np.all(np.isnan(out_k)) and np.all(np.isnan(out_r))


@pytest.mark.parametrize("T", [250.0, 298.15, 999.9, 1000.0, 1500.0, 3000.0, 4000.0, 5500.0])
def test_numpy_nasa_enthalpy_matches_thermo(T):
    """The NumPy evaluation, incl. the frozen-cp extrapolation below 300 K and above 3500 K."""
    n = np.linspace(0.1, 1.7, th.N_SPECIES)
    assert ref.h_mix(n, T) == pytest.approx(th.h_mix(n, T), rel=1e-13, abs=1e-6)
    assert ref.cp_mix(n, T) == pytest.approx(th.cp_mix(n, T), rel=1e-13)
    for k in range(th.N_SPECIES):
        e = np.zeros(th.N_SPECIES)
        e[k] = 1.0
        assert ref.h_mix(e, T) == pytest.approx(th.h_species(k, T), rel=1e-12, abs=1e-7)


def test_reference_temperature_from_h_inverts_h_mix():
    n = np.zeros(th.N_SPECIES)
    n[[th.N2, th.O2, th.H2O, th.CO2]] = [7.5, 0.4, 2.1, 1.0]
    for T in (420.0, 1234.5, 2100.0):
        assert ref.temperature_from_h(n, ref.h_mix(n, T)) == pytest.approx(T, abs=1e-8)
        assert ref.temperature_from_h(n, ref.h_mix(n, T)) == pytest.approx(
            th.temperature_from_h(n, th.h_mix(n, T), 1500.0), abs=1e-8)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"excess_air": np.nan}, BAD_INPUT),
        ({"process_flow": -1.0}, OUT_OF_RANGE),
        ({"fuel_x_ch4": 0.5}, OUT_OF_RANGE),  # fractions no longer sum to one
        ({"process_outlet_temp": 500.0}, OUT_OF_RANGE),  # below the inlet
        ({"air_preheat_temp": 280.0}, OUT_OF_RANGE),  # below ambient
    ],
)
def test_bad_input_gives_the_same_status(change, expected):
    p = defaults(kh.PARAMS)
    for name, value in change.items():
        p[getattr(kh, f"I_{name.upper()}")] = value
    (s_k, out_k, _), (s_r, out_r, _) = solve_both(p)
    assert s_k == s_r == expected
    assert np.all(np.isnan(out_k)) and np.all(np.isnan(out_r))
