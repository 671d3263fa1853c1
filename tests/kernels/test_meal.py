"""Meal and clinker streams: inversion, heat of combination, raw meal, element ledger."""

import numpy as np
import pytest

from kernels import clinker as ck
from kernels import meal as ml
from kernels import solids as sd
from kernels import thermo as th

W = np.zeros(ck.N_OXIDES)
for name, pct in dict(CaO=65.5, SiO2=21.5, Al2O3=5.2, Fe2O3=3.0, MgO=1.5, SO3=1.0, K2O=0.7, Na2O=0.2).items():
    W[ck.OXIDE_NAMES.index(name)] = pct / 100.0


def raw(ash=0.0, caco3=1.0, mgco3=1.0, bound=0.008):
    c = np.empty(ml.N_COMP)
    ml.raw_meal_for_clinker(W, caco3, mgco3, bound, ash, c)
    return c


@pytest.mark.parametrize("T", [250.0, 600.0, 836.9, 840.0, 847.0, 856.0, 999.9999, 1000.0, 1300.0, 2500.0])
def test_meal_temperature_inverts_enthalpy(T):
    # Round trip through the quartz ramp and the 1000 K joins: T back within 1e-6 K
    # (the bound water uses the water-vapour NASA polynomial of kernels.thermo, whose
    # two sets differ by ~1e-2 J/mol at 1000 K; the solids are joined exactly).
    c = raw()
    c[ml.C_H2O_LIQ] = 0.01
    assert ml.meal_temperature(c, ml.h_meal(c, T), 700.0) == pytest.approx(T, abs=1e-6)
    c[ml.C_H2O_BOUND] = 0.0
    assert ml.meal_temperature(c, ml.h_meal(c, T), 700.0) == pytest.approx(T, abs=1e-9)


def test_theoretical_heat_of_the_stream_model_is_zur_strassen():
    # Construction check of meal.combination_heat: raw meal (all CaO as CaCO3, MgO as
    # MgCO3, bound water as vapour) at 298.15 K -> clinker + CO2 at 298.15 K takes
    # zur Strassen's heat (kernels.clinker) to 1e-12 relative.
    t0 = th.T_REF
    r = raw()
    q = ml.combination_heat(W)
    co2 = r[ml.C_CACO3] / sd.MOLAR_MASS_SOLID[sd.CACO3] + r[ml.C_MGCO3] / sd.MOLAR_MASS_SOLID[sd.MGCO3]
    dh = (ml.h_clinker(W, q, t0) + co2 * th.h_species(th.CO2, t0)
          + r[ml.C_H2O_BOUND] * ml.h_component(ml.C_H2O_BOUND, t0) - ml.h_meal(r, t0))
    assert dh == pytest.approx(ck.theoretical_heat_zur_strassen(W), rel=1e-12)
    assert 0.3e6 < q < 0.5e6  # exothermic combination, ~0.4 MJ/kg


def test_clinker_sensible_heat_is_kopp_neumann_of_cantera_oxides():
    # Independent: the sum of Cantera's oxide enthalpy differences (nasa_condensed.yaml)
    # for 298.15 -> 1673.15 K, minor oxides as corundum, within 0.1 % (the quartz ramp
    # and the 1000 K joins differ from Cantera by < 0.1 J/mol).
    ct = pytest.importorskip("cantera")
    cond = {s.name: s for s in ct.Species.list_from_file("nasa_condensed.yaml")}
    t0, t1 = 298.15, 1673.15

    def dh(name, m, lo=t0):
        s = cond[name]
        return (s.thermo.h(t1) - s.thermo.h(lo)) / 1e3 / m

    m = sd.MOLAR_MASS_SOLID
    sio2 = ((cond["SiO2(hqz)"].thermo.h(t1) - cond["SiO2(Lqz)"].thermo.h(t0)) / 1e3 / m[sd.SIO2])
    ref = (W[ck.CAO] * dh("CaO(s)", m[sd.CAO]) + W[ck.MGO] * dh("MgO(s)", m[sd.MGO]) + W[ck.SIO2] * sio2
           + W[ck.AL2O3] * dh("AL2O3(a)", m[sd.AL2O3]) + W[ck.FE2O3] * dh("Fe2O3(s)", m[sd.FE2O3])
           + ml.clinker_minor(W) * dh("AL2O3(a)", m[sd.AL2O3]))
    q = ml.combination_heat(W)
    assert ml.h_clinker(W, q, t1) - ml.h_clinker(W, q, t0) == pytest.approx(ref, rel=1e-3)


def test_raw_meal_loi_and_ash_trim():
    # LOI of the stream model equals kernels.clinker's (1e-12); ash replaces acidic
    # oxides one for one, in the clinker's proportions.
    r = raw()
    co2 = (r[ml.C_CACO3] / sd.MOLAR_MASS_SOLID[sd.CACO3] + r[ml.C_MGCO3] / sd.MOLAR_MASS_SOLID[sd.MGCO3]) \
        * th.MOLAR_MASS[th.CO2]
    loi = (co2 + r[ml.C_H2O_BOUND]) / r.sum()
    assert loi == pytest.approx(ck.raw_meal_loi_for_clinker(W, 1.0, 1.0, 0.008), rel=1e-12)
    r_ash = raw(ash=0.012)
    acid = W[ck.SIO2] + W[ck.AL2O3] + W[ck.FE2O3]
    assert r[ml.C_SIO2] - r_ash[ml.C_SIO2] == pytest.approx(0.012 * W[ck.SIO2] / acid, rel=1e-12)
    assert r[ml.C_CACO3] == r_ash[ml.C_CACO3]


def test_burning_raw_meal_with_ash_gives_the_clinker_oxides():
    # Element ledger: raw meal (with 1.2 % ash trimmed) + ash = clinker oxide units, and
    # calcination releases exactly the carbonate carbon (mass balance, 1e-12).
    r = raw(ash=0.012, caco3=0.9, mgco3=0.5)
    e_in = np.zeros(ml.N_E)
    ml.add_meal_elements(r, 1.0, e_in)
    ml.add_ash_elements(W, 0.012, 1.0, e_in)
    e_clk = np.zeros(ml.N_E)
    ml.add_clinker_elements(W, 1.0, 1.0, e_clk)
    for i in (ml.E_CAO, ml.E_MGO, ml.E_SIO2, ml.E_AL2O3, ml.E_FE2O3, ml.E_MINOR):
        assert e_in[i] == pytest.approx(e_clk[i], rel=1e-12)
    c = r.copy()
    n_co2 = ml.calcine(c, 1.0, 1.0)
    assert n_co2 == pytest.approx(e_in[ml.E_C], rel=1e-12)
    assert r.sum() - c.sum() == pytest.approx(n_co2 * sd.MOLAR_MASS_SOLID[sd.CACO3] - n_co2 * sd.MOLAR_MASS_SOLID[
        sd.CAO], rel=1e-3)
