"""The numba kiln kernel against the plain NumPy/SciPy reference of the same discretised equations.

The reference (``benchmarks/reference/kiln.py``) re-implements every correlation with
NumPy, vectorised over the cells, and solves the inert-bed, gas-fired kiln by a Newton
iteration with a banded Jacobian (``scipy.linalg.solve_banded``) or by
``scipy.optimize.root``; it shares only coefficient tables and the humid-air
composition with the kernel. Both stop at a largest residual of 1e-10 of the per-cell
heat scale (82 kW / n for Barr T4), which is a temperature error of order 1e-9 K (shown
below against the reference iterated to round-off). The tolerances asserted here,
1e-6 K for temperatures and 1e-9 relative for heat flows and times, are a thousand
times those errors; any change to a correlation, a coefficient or a boundary condition
on one side only moves the solution by far more (1 % on the shell emissivity moves the
profiles of Barr T4 by 0.46 K, 0.1 % on the bed emissivity by 0.025 K; the perturbation
tests below check that such a change fails the comparison).

The scenarios (``benchmarks/kiln_scenarios.py``) are the reference's domain: inert sand
(or oxides without lime), fuel gas only; the clinker chemistry and solid fuels of the
kernel are outside it.
"""

import numpy as np
import pytest

from benchmarks.kiln_scenarios import named_scenarios, random_scenarios, with_params
from benchmarks.reference import kiln as ref
from kernels import kiln as kk
from kernels import kiln_heat as kheat
from kernels.contract import BAD_INPUT, INFEASIBLE, OK, OUT_OF_RANGE

ATOL_K = 1e-6
RTOL = 1e-9
SCENARIOS = named_scenarios()
TEMPERATURE_PROFILES = ("T_gas", "T_bed", "T_wall", "T_shell")
OTHER_PROFILES = ("z", "q_bed", "q_shell", "bed_depth", "fill", "gas_y_co2", "gas_y_h2o", "gas_y_o2",
                  "gas_emissivity", "burnout", "bed_time", *(f"bed_x_{name}" for name in ref.BED_SPECIES_NAMES))
TEMPERATURE_OUTPUTS = ("bed_exit_temp", "gas_exit_temp", "gas_max_temp", "bed_max_temp", "wall_max_temp",
                       "shell_max_temp", "adiabatic_flame_temp")
RELATIVE_OUTPUTS = ("heat_input", "heat_to_bed", "shell_loss", "exhaust_loss", "product_sensible_heat",
                    "product_flow", "co2_fuel", "specific_heat_consumption", "specific_co2", "residence_time",
                    "bed_holdup", "fill_mean", "fill_angle", "exposed_wall_angle", "bed_depth_feed",
                    "bed_depth_discharge", "gas_exit_o2_dry", "gas_exit_co2", "excess_oxygen", "fuel_enthalpy")
EXACT_OUTPUTS = ("reaction_heat", "co2_process", "unburnt_fraction", "fuel_sensible_heat", "fuel_ash_flow",
                 "melt_zone_length", "melt_zone_time",
                 *(row.name for row in kk.OUTPUTS if row.name.startswith("product_x_")))


def solve_kernel(p, n=kk.N_CELL):
    out = np.empty(len(kk.OUTPUTS))
    prof = np.empty((len(kk.PROFILES), n))
    status = kk.solve_cells(p, np.empty((n, kk.N_VAR)), out, prof)
    return status, out, prof


def solve_reference(p, n=kk.N_CELL, **options):
    out = np.empty(len(kk.OUTPUTS))
    prof = np.empty((len(kk.PROFILES), n))
    return ref.solve(p, out, prof, **options), out, prof


def out_(out, name):
    return out[getattr(kk, f"O_{name.upper()}")]


def prof_(prof, name):
    return prof[getattr(kk, f"F_{name.upper()}")]


def assert_agree(kernel, reference, atol_k=ATOL_K, rtol=RTOL):
    (_, out_k, prof_k), (_, out_r, prof_r) = kernel, reference
    for name in TEMPERATURE_PROFILES:
        np.testing.assert_allclose(prof_(prof_r, name), prof_(prof_k, name), rtol=0.0, atol=atol_k, err_msg=name)
    for name in OTHER_PROFILES:
        a = prof_(prof_k, name)
        np.testing.assert_allclose(prof_(prof_r, name), a, rtol=rtol, atol=rtol * np.max(np.abs(a)), err_msg=name)
    for name in TEMPERATURE_OUTPUTS:
        assert abs(out_(out_r, name) - out_(out_k, name)) <= atol_k, (name, out_(out_k, name), out_(out_r, name))
    for name in RELATIVE_OUTPUTS:
        assert out_(out_r, name) == pytest.approx(out_(out_k, name), rel=rtol), name
    for name in EXACT_OUTPUTS:
        assert out_(out_r, name) == pytest.approx(out_(out_k, name), abs=1e-12), name
    for name in ("energy_residual", "mass_residual", "element_residual"):  # both close their balances
        assert abs(out_(out_r, name)) < 1e-12 and abs(out_(out_k, name)) < 1e-12, name


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_kernel_and_reference_agree_on_named_scenarios(name):
    kernel, reference = solve_kernel(SCENARIOS[name]), solve_reference(SCENARIOS[name])
    assert kernel[0] == reference[0] == OK
    assert_agree(kernel, reference)
    # the iteration counts differ: the kernel reuses its Jacobian in chord steps between the
    # Newton iterations (kernels.kiln_newton), the reference renews it at every iteration


def test_named_scenarios_exercise_the_branches():
    t4 = solve_kernel(SCENARIOS["barr_T4"])[1]
    _, out, prof = solve_kernel(SCENARIOS["t4_flame_2m_secondary_700K"])
    assert prof_(prof, "burnout")[-1] < 0.05 and prof_(prof, "burnout")[0] == 1.0
    assert out_(out, "adiabatic_flame_temp") > out_(t4, "adiabatic_flame_temp")
    _, out, prof = solve_kernel(SCENARIOS["t4_kramers_bed"])
    assert np.ptp(prof_(prof, "bed_depth")) > 0.01  # depth varies along the kiln
    _, out, _ = solve_kernel(SCENARIOS["t4_coating_wind_humid"])
    assert out_(out, "gas_exit_o2_dry") != out_(t4, "gas_exit_o2_dry")  # humid air
    assert out_(out, "shell_max_temp") < out_(t4, "shell_max_temp")  # wind cools the shell
    _, out, _ = solve_kernel(SCENARIOS["t4_o2_gas_mix"])
    assert out_(out, "excess_oxygen") > out_(t4, "excess_oxygen")


@pytest.mark.parametrize("n", [7, 37, 250])
def test_agree_on_other_grids(n):
    p = SCENARIOS["barr_T9"]
    assert_agree(solve_kernel(p, n), solve_reference(p, n))


def test_agree_on_random_scenarios_in_batches():
    P = random_scenarios(6, seed=7)
    n = P.shape[0]
    results = []
    for batch in (kk.solve_batch, ref.solve_batch):
        out = np.empty((n, len(kk.OUTPUTS)))
        prof = np.empty((n, len(kk.PROFILES), kk.N_CELL))
        status = np.empty(n, dtype=np.int8)
        batch(P, out, prof, status)
        results.append((status, out, prof))
    (s_k, out_k, prof_k), (s_r, out_r, prof_r) = results
    np.testing.assert_array_equal(s_k, OK)
    np.testing.assert_array_equal(s_r, OK)
    for i in range(n):
        assert_agree((OK, out_k[i], prof_k[i]), (OK, out_r[i], prof_r[i]))


def test_both_are_within_1e8_kelvin_of_the_converged_reference():
    """Equal accuracy: kernel and reference (1e-10 residual) against Newton iterated to round-off."""
    p = SCENARIOS["barr_T4"]
    status, _, prof_c = solve_reference(p, tol=0.0)
    assert status == OK
    for _, _, prof in (solve_kernel(p), solve_reference(p)):
        for name in TEMPERATURE_PROFILES:
            np.testing.assert_allclose(prof_(prof, name), prof_(prof_c, name), rtol=0.0, atol=1e-8)


def test_scipy_root_hybr_solves_the_same_equations():
    p = SCENARIOS["barr_T6"]
    assert_agree(solve_kernel(p, 30), solve_reference(p, 30, method="hybr"))


@pytest.mark.parametrize("change", ["shell_emissivity", "gas_conductivity"])
def test_a_one_percent_change_is_caught(monkeypatch, change):
    """The comparison can fail: 1 % on one input or one property law, on the reference side only."""
    p = SCENARIOS["barr_T4"]
    p_ref = p
    if change == "shell_emissivity":
        p_ref = with_params(p, shell_emissivity=1.01 * p[kk.I_SHELL_EMISSIVITY])
    else:  # Sutherland conductivity of the gas (convection, bed conductivity, contact resistance)
        conductivity = ref.flue_conductivity
        monkeypatch.setattr(ref, "flue_conductivity", lambda t: 1.01 * conductivity(t))
    kernel, reference = solve_kernel(p), solve_reference(p_ref)
    assert reference[0] == OK
    shift = max(np.max(np.abs(prof_(reference[2], f) - prof_(kernel[2], f))) for f in TEMPERATURE_PROFILES)
    assert shift > 1e3 * ATOL_K
    with pytest.raises(AssertionError):
        assert_agree(kernel, reference)


# ----------------------------------------------------------------- the NumPy pieces
def test_wall_conduction_closed_form_matches_the_kernel_iteration():
    rng = np.random.default_rng(3)
    t_in = rng.uniform(500.0, 1800.0, 50)
    t_out = t_in - rng.uniform(10.0, 400.0, 50)
    for r_c, k1 in ((0.0, 5.85e-4), (0.02, 5.85e-4), (0.03, -3e-4), (0.01, 0.0)):
        q = ref.wall_conduction(t_in, t_out, r_c, 0.25, k1, 4e-4)
        q_kernel = [kheat.wall_conduction(a, b, r_c, 0.25, k1, 4e-4) for a, b in zip(t_in, t_out, strict=True)]
        np.testing.assert_allclose(q, q_kernel, rtol=1e-12)


def test_shell_loss_and_radiation_network_match_the_kernel():
    t_s = np.array([300.0, 350.0, 420.0, 600.0])
    for wind in (0.0, 4.0):
        q = ref.shell_loss(t_s, 298.15, 0.61, 0.8, wind, 101325.0)
        np.testing.assert_allclose(q, [kheat.shell_loss(t, 298.15, 0.61, 0.8, wind, 101325.0) for t in t_s],
                                   rtol=1e-12)
    t_g, t_b, t_w = np.array([900.0, 1400.0]), np.array([600.0, 1200.0]), np.array([800.0, 1300.0])
    eps = np.array([0.1, 0.35])
    q_b, q_w = ref.radiation_network(0.9, 0.85, eps, 0.31, 0.93, t_g, t_b, t_w)
    for i in range(2):
        np.testing.assert_allclose((q_b[i], q_w[i]),
                                   kheat.radiation_network(0.9, 0.85, eps[i], 0.31, 0.93, t_g[i], t_b[i], t_w[i]),
                                   rtol=1e-12)


@pytest.mark.parametrize("species", ["sand", "all"])
def test_bed_enthalpy_matches_the_kernel_across_transitions_and_joints(species):
    """NumPy re-implementation of kernels.solids (quartz blend at 847 K, fit joints, composed phases)."""
    from kernels import kiln_solids as ks

    m = np.zeros(ks.N_BED)
    if species == "sand":
        m[ks.B_SIO2] = 0.017
    else:
        m[:] = np.linspace(0.001, 0.012, ks.N_BED)
    T = np.concatenate([np.linspace(250.0, 3300.0, 307), 847.0 + np.linspace(-12.0, 12.0, 25),
                        1000.0 + np.linspace(-12.0, 12.0, 25), [600.0, 1200.0, 1696.0, 2327.0, 2500.0, 3105.0]])
    np.testing.assert_allclose(ref.bed_enthalpy_flow(m, T), [ks.bed_enthalpy_flow(m, t) for t in T],
                               rtol=1e-13, atol=1e-9)
    np.testing.assert_allclose(ref.bed_cp_mass(m, T), [ks.bed_cp_mass(m, t) for t in T], rtol=1e-12)


# ------------------------------------------------------------------------ statuses
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"fuel_flow": np.nan}, BAD_INPUT),
        ({"feed_rate": -1.0}, OUT_OF_RANGE),
        ({"fuel_x_ch4": 0.5}, OUT_OF_RANGE),  # fractions no longer sum to one
        ({"bulk_density": 3000.0}, OUT_OF_RANGE),  # above the solid density
        ({"secondary_air": 0.0, "primary_air": 0.01}, INFEASIBLE),  # less O2 than the fuel needs
    ],
)
def test_bad_input_gives_the_same_status(change, expected):
    p = with_params(SCENARIOS["barr_T4"], **change)
    (s_k, out_k, _), (s_r, out_r, _) = solve_kernel(p), solve_reference(p)
    assert s_k == s_r == expected
    assert np.all(np.isnan(out_k)) and np.all(np.isnan(out_r))


@pytest.mark.parametrize("change", [{"feed_x_caco3": 0.5}, {"feed_x_cao": 0.1}, {"feed_x_h2o": 0.05},
                                    {"coal_flow": 1e-4}, {"alt_fuel_flow": 1e-4}])
def test_reference_refuses_what_it_does_not_cover(change):
    with pytest.raises(ValueError, match="inert bed fired with fuel gas"):
        solve_reference(with_params(SCENARIOS["barr_T4"], **change))


def test_inert_oxides_without_lime_agree():
    """Alumina, hematite, periclase and minor oxides without CaO do not react: composed bed heat capacity."""
    p = with_params(SCENARIOS["barr_T4"], feed_x_al2o3=0.2, feed_x_fe2o3=0.1, feed_x_mgo=0.05, feed_x_minor=0.05)
    kernel, reference = solve_kernel(p), solve_reference(p)
    assert kernel[0] == reference[0] == OK
    assert_agree(kernel, reference)
