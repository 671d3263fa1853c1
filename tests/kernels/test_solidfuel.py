"""Fuels by ultimate analysis: methane written as an analysis must behave like methane."""

import numpy as np
import pytest

from kernels import combustion as cb
from kernels import solidfuel as sf
from kernels import thermo as th

M_CH4 = th.MOLAR_MASS[th.CH4]


def methane_analysis():
    u = np.zeros(sf.N_U)
    u[sf.U_C] = th.ATOMIC_WEIGHT[th.EL_C] / M_CH4
    u[sf.U_H] = 4 * th.ATOMIC_WEIGHT[th.EL_H] / M_CH4
    return u


def methane_vector():
    x = np.zeros(th.N_SPECIES)
    x[th.CH4] = 1.0
    return x


def test_flue_of_methane_matches_combustion_module():
    # Independent: kernels.combustion.flue_moles for CH4 (per mol fuel) divided by the
    # molar mass gives the flue per kg; identical species to 1e-6 relative.
    x_air = np.empty(th.N_SPECIES)
    cb.humid_air(0.5, 298.15, 101325.0, x_air)
    n = np.empty(th.N_SPECIES)
    sf.flue_per_kg(methane_analysis(), x_air, 0.2, n)
    n_ref = np.empty(th.N_SPECIES)
    cb.flue_moles(methane_vector(), x_air, 0.2, n_ref)
    assert n == pytest.approx(n_ref / M_CH4, rel=1e-6, abs=1e-9)
    assert sf.air_per_kg(methane_analysis(), x_air, 0.2) == pytest.approx(
        cb.air_per_fuel(methane_vector(), x_air, 0.2) / M_CH4, rel=1e-6)


def test_enthalpy_from_lhv_reproduces_formation_enthalpy():
    # Defining the fuel enthalpy from its LHV must give back methane's own NASA
    # enthalpy of formation, -74.6 kJ/mol (GRI-Mech 3.0), within 1e-6 relative.
    lhv = cb.lhv_mass(methane_vector())
    h = sf.enthalpy_298(methane_analysis(), lhv, 0.0)
    assert h == pytest.approx(th.h_species(th.CH4, th.T_REF) / M_CH4, rel=1e-6)
    assert sf.enthalpy(methane_analysis(), lhv, 0.0, 2200.0, 350.0) == pytest.approx(h + 2200.0 * 51.85, rel=1e-12)


def test_channiwala_parikh_and_net_from_gross():
    # Channiwala & Parikh (2002) for CH4: 34.91*74.87 + 117.83*25.13 = 55.75 MJ/kg vs
    # the true HHV 55.5 MJ/kg (within their ~1.5 % average error; 2 % asserted).
    # Net from gross with the true HHV gives the true LHV (1e-4, molar masses).
    u = methane_analysis()
    hhv = cb.hhv_mass(methane_vector())
    assert sf.hhv_channiwala_parikh(u) == pytest.approx(hhv, rel=0.02)
    assert sf.lhv_from_hhv(u, hhv) == pytest.approx(cb.lhv_mass(methane_vector()), rel=1e-4)


def test_element_balance_of_a_coal():
    # Atoms in = atoms out for an arbitrary coal with air (exact by construction).
    u = np.array([0.72, 0.045, 0.07, 0.015, 0.01, 0.01, 0.13])
    x_air = np.empty(th.N_SPECIES)
    cb.humid_air(0.6, 293.15, 101325.0, x_air)
    n = np.empty(th.N_SPECIES)
    sf.flue_per_kg(u, x_air, 0.1, n)
    a = sf.air_per_kg(u, x_air, 0.1)
    out = th.ELEMENTS.T @ n
    aw = th.ATOMIC_WEIGHT
    fuel = np.array([u[0] / aw[0], u[1] / aw[1] + 2 * u[5] / th.MOLAR_MASS[th.H2O],
                     u[2] / aw[2] + u[5] / th.MOLAR_MASS[th.H2O], u[3] / aw[3], u[4] / aw[4], 0.0])
    assert out == pytest.approx(fuel + a * th.ELEMENTS.T @ x_air, rel=1e-12)
    assert n[th.O2] == pytest.approx(0.1 * sf.o2_demand(u) + a * x_air[th.O2] - 1.1 * sf.o2_demand(u), rel=1e-9)
