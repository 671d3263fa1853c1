"""Derivatives used by the kiln Newton (kernels.kiln_newton) against central differences.

The analytic derivatives of the heat exchange (radiation network, convection, covered
wall), the wall conduction and the gas conductivity, and the assembled cell Jacobian
(analytic parts plus one-sided differences of the gas, bed and reaction stages) are
compared with central differences of the functions they differentiate (step 1e-5
relative for the closed forms, truncation error ~1e-10 relative; 1e-7 of the variable
scale for the cell, whose bed flows can be far below their scale, the feed).
Tolerances: 1e-7 relative for the closed forms, 1e-4 of each column's largest entry for
the cell Jacobian (its one-sided differences carry errors of order 1e-7 relative, its
smallest entries more).
"""

import numpy as np
import pytest

from benchmarks.kiln_scenarios import named_scenarios
from kernels import convection as cv
from kernels import kiln as kk
from kernels import kiln_cell as kc
from kernels import kiln_heat as kh
from kernels import kiln_newton as kn
from kernels import thermo as th
from kernels.contract import OK

from .test_kiln_clinker import clinker_kiln


def central(f, x, rel=1e-5):
    h = rel * max(abs(x), 1.0)
    return (f(x + h) - f(x - h)) / (2.0 * h)


@pytest.mark.parametrize("eps_b, eps_w, eps_g", [(0.9, 0.85, 0.2), (0.6, 0.95, 0.05), (0.98, 0.85, 0.4)])
def test_radiation_network_derivatives(eps_b, eps_w, eps_g):
    args = dict(eps_bed=eps_b, eps_wall=eps_w, area_bed=0.3, area_wall=1.0)
    temps = np.array([1500.0, 900.0, 1100.0])
    d_bed, d_wall = np.empty(4), np.empty(4)
    kh.radiation_network_derivatives(eps_b, eps_w, eps_g, 0.3, 1.0, *temps, d_bed, d_wall)

    def net(t, e=eps_g):
        return np.array(kh.radiation_network(args["eps_bed"], args["eps_wall"], e, 0.3, 1.0, *t))

    for j in range(3):
        def shifted(v, j=j):
            t = temps.copy()
            t[j] = v
            return net(t)
        expected = central(shifted, temps[j])
        np.testing.assert_allclose([d_bed[j], d_wall[j]], expected, rtol=1e-7, atol=1e-9 * np.abs(expected).max())
    expected = central(lambda e: net(temps, e), eps_g, rel=1e-6)
    np.testing.assert_allclose([d_bed[3], d_wall[3]], expected, rtol=1e-6)


@pytest.mark.parametrize("k1, r_coat", [(5.85e-4, 0.0), (-2e-4, 0.01), (0.0, 0.02)])
def test_wall_conduction_derivatives(k1, r_coat):
    r = dict(r_coat=r_coat, r_refr0=0.3, k1=k1, r_steel=1e-4)
    q, dq_din, dq_dout = kh.wall_conduction_derivatives(1200.0, 450.0, *r.values())
    assert q == kh.wall_conduction(1200.0, 450.0, *r.values())
    assert dq_din == pytest.approx(central(lambda t: kh.wall_conduction(t, 450.0, *r.values()), 1200.0), rel=1e-7)
    assert dq_dout == pytest.approx(central(lambda t: kh.wall_conduction(1200.0, t, *r.values()), 450.0), rel=1e-7)


def test_covered_wall_and_gas_conductivity_derivatives():
    args = [0.05, 0.0025, 0.1, 0.3, 1.4e6, 2.0]
    h, d_kg, d_kb, d_rc = kh.covered_wall_derivatives(*args)
    assert h == pytest.approx(kh.covered_wall_coefficient(*args), rel=1e-15)
    for j, d in ((0, d_kg), (3, d_kb), (4, d_rc)):
        def f(v, j=j):
            a = list(args)
            a[j] = v
            return kh.covered_wall_coefficient(*a)
        assert d == pytest.approx(central(f, args[j], rel=1e-6 if j < 4 else 1e-9), rel=1e-6)
    for t in (300.0, 900.0, 1800.0):
        assert cv.flue_conductivity_slope(t) == pytest.approx(central(cv.flue_conductivity, t), rel=1e-8)


def cell_setup(p, n=50):
    """A converged kiln and what the Newton needs for its cells."""
    x = np.empty((n, kk.N_VAR))
    out, prof = np.empty(len(kk.OUTPUTS)), np.empty((len(kk.PROFILES), n))
    assert kk.solve_cells(p, x, out, prof) == OK
    g = np.empty(kc.N_G)
    n_u, n_b, x_fuel = np.zeros(th.N_SPECIES), np.zeros(th.N_SPECIES), np.zeros(th.N_SPECIES)
    assert kk._setup(p, n, g, x_fuel, n_u, n_b) == OK
    beta = np.empty(n)
    kk._burnout(p, g, beta)
    ext = np.empty((n, kk.N_BED + 1))
    kc.external_sources(g, beta, ext)
    geo = np.empty((n, kk.N_GEO))
    m_tot = np.clip(x[:, kc.V_M0:kc.V_M0 + kk.N_BED], 0.0, None).sum(axis=1)
    assert kk._geometry(p, geo, m_tot / p[kk.I_BULK_DENSITY] if p[kk.I_BED_MODEL] else
                        np.full(n, p[kk.I_FEED_RATE] / p[kk.I_BULK_DENSITY]))
    return g, geo, beta, n_u, n_b, ext, x


def local_of(g, geo_i, beta_i, n_u, n_b, xi):
    loc = np.empty(kc.N_LOC)
    kc.local(g, geo_i, beta_i, n_u, n_b, xi, np.empty(th.N_SPECIES), np.empty(kk.N_BED), np.empty(4), loc)
    return loc


@pytest.mark.parametrize("case", ["barr_T4", "clinker"])
def test_cell_jacobian_against_central_differences(case):
    p = named_scenarios()["barr_T4"] if case == "barr_T4" else clinker_kiln()[0]
    g, geo, beta, n_u, n_b, ext, x = cell_setup(p)
    n = x.shape[0]
    xs, rs = np.empty(kc.N_VAR), np.empty(kc.N_VAR)
    active = np.empty(kc.N_VAR, dtype=np.bool_)
    kn.scales(g, n, xs, rs)
    kn.active_variables(g, x, ext, active)
    act = np.flatnonzero(active).astype(np.int64)
    reacting = case == "clinker"
    assert active[kc.V_M0 + kk.B_CAO] == reacting
    for i in (0, n // 2, n - 1):
        xi = x[i].copy()
        w = np.empty(kc.N_W)
        loc = np.empty(kc.N_LOC)
        kc.local_stages(g, geo[i], beta[i], n_u, n_b, xi, np.empty(th.N_SPECIES), np.empty(kk.N_BED), np.empty(4),
                        w, loc, kc.S_ALL)
        dl = np.empty((kc.N_LOC, act.size))
        kn.cell_jacobian(g, geo[i], beta[i], n_u, n_b, xi, loc, w, xs, act, reacting, np.empty(th.N_SPECIES),
                         np.empty(kk.N_BED), np.empty(4), np.empty(kc.N_VAR), np.empty(kc.N_LOC), np.empty(kc.N_W),
                         np.empty((2, 4)), np.empty((2, kc.N_EX)), dl)
        for j, v in enumerate(act):
            h = 1e-7 * max(abs(xi[v]), xs[v])
            xp, xm = xi.copy(), xi.copy()
            xp[v] += h
            xm[v] -= h
            if xm[v] < 0.0:  # a flow at zero: one-sided
                xm[v] = xi[v]
            expected = (local_of(g, geo[i], beta[i], n_u, n_b, xp) - local_of(g, geo[i], beta[i], n_u, n_b, xm)) / (
                xp[v] - xm[v])
            rows = [r for r in range(kc.N_LOC) if r != kc.L_EPS]
            scale = np.abs(expected[rows]).max()
            np.testing.assert_allclose(dl[rows, j], expected[rows], rtol=0.0, atol=1e-4 * scale,
                                       err_msg=f"cell {i}, unknown {v}")
