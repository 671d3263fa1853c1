"""Condensed-phase thermochemistry against Cantera's NASA data, continuity and extrapolation."""

import numpy as np
import pytest

from kernels import solids as sd

ct = pytest.importorskip("cantera")
CANTERA = {s.name: s for s in ct.Species.list_from_file("nasa_condensed.yaml")}
NAMES = {sd.CACO3: "CaCO3(caL)", sd.CAO: "CaO(s)", sd.MGCO3: "MgCO3(s)", sd.MGO: "MgO(s)",
         sd.AL2O3: "AL2O3(a)", sd.FE2O3: "Fe2O3(s)", sd.H2O_L: "H2O(L)"}


def cantera_species(k, T):
    if k == sd.SIO2:
        return CANTERA["SiO2(Lqz)" if T < 847.0 else "SiO2(hqz)"]
    return CANTERA[NAMES[k]]


@pytest.mark.parametrize("k", range(sd.N_NASA))
def test_enthalpy_and_cp_match_cantera(k):
    # Cantera 3.2 nasa_condensed.yaml (McBride et al. 1993, NASA TM-4513) inside each
    # fitted range, away from the quartz ramp (847 +- 10 K): h within 0.05 J/mol (the
    # continuity shift of the upper sets is < 0.03 J/mol), cp within 1e-9 relative.
    for T in np.linspace(sd.T_LOW_SOLID[k], sd.T_HIGH_SOLID[k], 41):
        if k == sd.SIO2 and abs(T - 847.0) <= 10.0:
            continue
        s = cantera_species(k, T)
        assert sd.h_solid(k, T) == pytest.approx(s.thermo.h(T) / 1e3, abs=0.05)
        assert sd.cp_solid(k, T) == pytest.approx(s.thermo.cp(T) / 1e3, rel=1e-9)


def test_quartz_transition_keeps_its_enthalpy():
    # The alpha-beta step of the NASA data (0.728 kJ/mol, JANAF) is spread over 837-857 K
    # (smooth step, continuously differentiable for the kiln's Newton solver):
    # h(857) - h(837) equals Cantera's beta(857) - alpha(837) (within 0.05 J/mol).
    dh = CANTERA["SiO2(hqz)"].thermo.h(857.0) - CANTERA["SiO2(Lqz)"].thermo.h(837.0)
    assert sd.h_solid(sd.SIO2, 857.0) - sd.h_solid(sd.SIO2, 837.0) == pytest.approx(dh / 1e3, abs=0.05)


@pytest.mark.parametrize("k", range(sd.N_NASA))
def test_enthalpy_continuous_and_increasing(k):
    # Conservation needs h(T) continuous (an inverted temperature must reproduce its
    # enthalpy) and increasing: checked on a fine grid and across every break point.
    T = np.linspace(150.0, 3500.0, 6701)
    h = np.array([sd.h_solid(k, t) for t in T])
    assert np.all(np.diff(h) > 0.0)
    for tb in (sd.T_BREAK1[k], sd.T_BREAK2[k], sd.T_LOW_SOLID[k], sd.T_HIGH_SOLID[k],
               sd.T_BREAK1[k] - sd.T_BLEND[k], sd.T_BREAK1[k] + sd.T_BLEND[k]):
        assert sd.h_solid(k, tb * (1 + 1e-12)) - sd.h_solid(k, tb * (1 - 1e-12)) == pytest.approx(0.0, abs=1e-6)


def test_frozen_heat_capacity_outside_the_range():
    # Above T_HIGH the heat capacity stays at its end value, so h grows linearly.
    k = sd.CACO3
    th_ = sd.T_HIGH_SOLID[k]
    cp = sd.cp_solid(k, th_)
    assert sd.cp_solid(k, 1500.0) == cp
    assert sd.h_solid(k, 1500.0) - sd.h_solid(k, th_) == pytest.approx(cp * (1500.0 - th_), rel=1e-12)
