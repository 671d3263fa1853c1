"""Condensed ironmaking phases (kernels/iron_phases.py) against Cantera's NASA data."""

import numpy as np
import pytest

from kernels import iron_phases as ip
from kernels import solids as so

# Cantera 3.2 nasa_condensed.yaml (McBride, Gordon & Reno 1993) names of the own species.
CANTERA_NAMES = {ip.C_GR: "C(gr)", ip.FEO: "FeO(s)", ip.FE3O4: "Fe3O4(s)", ip.FE_L: "Fe(L)",
                 ip.SI_L: "Si(L)", ip.P_L: "P(L)", ip.CAS: "CaS(s)"}


@pytest.fixture(scope="module")
def condensed():
    ct = pytest.importorskip("cantera")
    return {s.name: s for s in ct.Species.list_from_file("nasa_condensed.yaml")}


@pytest.mark.parametrize("k", sorted(CANTERA_NAMES), ids=lambda k: ip.PHASE_NAMES[k])
def test_enthalpy_and_cp_match_cantera_inside_the_fitted_range(k, condensed):
    """Same NASA-7 data: cp to 1e-6 relative, h to 1e-6 relative or 20 J/mol (the upper
    sets are shifted by < 20 J/mol to make h continuous at the 1000 K joints)."""
    sp = condensed[CANTERA_NAMES[k]].thermo
    lo, hi = max(sp.min_temp, 300.0), min(sp.max_temp, 3000.0)
    for T in np.linspace(lo, hi, 9):
        cp, h = ip.phase_cp_h(k, T)
        assert h == pytest.approx(sp.h(T) / 1000.0, rel=1e-6, abs=20.0)
        assert cp == pytest.approx(sp.cp(T) / 1000.0, rel=1e-6)


def test_p2o5_is_half_of_p4o10(condensed):
    sp = condensed["P4O10(s)"].thermo
    for T in (400.0, 900.0, 1400.0):
        assert ip.h_phase(ip.P2O5, T) == pytest.approx(0.5 * sp.h(T) / 1000.0, rel=1e-6)


def test_solids_species_are_those_of_kernels_solids():
    for k, j in ((ip.FE2O3, so.FE2O3), (ip.CAO, so.CAO), (ip.SIO2, so.SIO2), (ip.CACO3, so.CACO3)):
        assert ip.h_phase(k, 1100.0) == so.h_solid(j, 1100.0)
        assert ip.MOLAR_MASS_PHASE[k] == pytest.approx(so.MOLAR_MASS_SOLID[j], rel=1e-12)


def test_enthalpy_is_continuous_at_the_range_joints():
    for k in (ip.C_GR, ip.FEO, ip.FE3O4, ip.P2O5, ip.CAS):
        assert ip.h_phase(k, 1000.0 - 1e-7) == pytest.approx(ip.h_phase(k, 1000.0 + 1e-7), abs=0.1)


def test_iron_fusion_heat_from_the_liquid_and_delta_iron(condensed):
    """Fe(L) at 1809 K minus delta-iron at 1809 K is the JANAF heat of fusion, 13.8 kJ/mol."""
    h_solid = condensed["Fe(d)"].thermo.h(1809.0) / 1000.0
    assert ip.h_phase(ip.FE_L, 1809.0) - h_solid == pytest.approx(13.81e3, rel=0.01)


def test_wustite_formation_enthalpy_close_to_janaf():
    """FeO_1.05 as 0.85 FeO + 0.05 Fe3O4: -287.1 kJ/mol Fe; JANAF Fe0.947O: -266.27 kJ/mol,
    i.e. -281.2 kJ per mol Fe at O/Fe = 1.056 (Chase 1998). Agreement within 3 %."""
    h = ip.h_wustite(1.05, 298.15)
    assert h == pytest.approx(-266.27e3 / 0.947, rel=0.03)


def test_hot_metal_enthalpy_per_tonne():
    """Hot metal 94.8 % Fe, 4.7 % C, 0.5 % Si at 1500 C: liquid-iron sensible heat plus the
    carbon and silicon terms. Hand check: Fe(L) h(1773.15 K) - h(298.15 K) = 46.02 J/(mol K)
    x 1475 K = 67.9 kJ/mol (constant cp, J 3/78) -> 1.152 GJ per 948 kg Fe."""
    aw = ip.ATOMIC_WEIGHT_EL
    n = np.array([948.0 / aw[ip.E_FE], 47.0 / aw[ip.E_C], 5.0 / aw[ip.E_SI], 0.0, 0.0, 0.0])
    fe_only = np.array([n[0], 0, 0, 0, 0, 0])
    dh_fe = ip.h_hot_metal(fe_only, 1773.15) - ip.h_hot_metal(fe_only, 298.15)
    assert dh_fe == pytest.approx(948.0 / aw[ip.E_FE] * 5.53538332 * 8.314462618 * 1475.0, rel=1e-9)
    assert dh_fe == pytest.approx(1.152e9, rel=0.01)
    total = ip.h_hot_metal(n, 1773.15) - ip.h_hot_metal(n, 298.15)
    assert 1.2e9 < total < 1.35e9
