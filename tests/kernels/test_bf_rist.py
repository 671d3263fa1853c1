"""Fe-C-O-H equilibria and the Rist operating line (kernels/bf_rist.py).

The wüstite fits (Turkdogan 1980) are checked against independent data: their
difference is the water-gas shift, which Cantera's gri30 NASA data give; the Boudouard
fit against the Cantera species; and the Fe/FeO equilibrium gas at 1000 C against the
Baur–Glaessner diagram (about 70 % CO, 58 % H2; read to +-3 points).
"""

import numpy as np
import pytest

from kernels import bf_rist as rist
from kernels.thermo import R_GAS


@pytest.fixture(scope="module")
def gibbs():
    ct = pytest.importorskip("cantera")
    gas = ct.Solution("gri30.yaml")
    condensed = {s.name: s for s in ct.Species.list_from_file("nasa_condensed.yaml")}

    def g(name, T):
        sp = condensed[name].thermo if name in condensed else gas.species(name).thermo
        return (sp.h(T) - T * sp.s(T)) / 1000.0  # J/mol

    return g


@pytest.mark.parametrize("T", [1100.0, 1200.0, 1300.0])
def test_wustite_fits_are_consistent_with_the_water_gas_shift(T, gibbs):
    """dG(FeO + H2) - dG(FeO + CO) = dG(CO2 + H2 -> CO + H2O) within 2 kJ/mol, about the
    accuracy of two-term fits over 1100-1300 K (1.9 kJ/mol at 1100 K, 0.1 at 1300 K)."""
    dg_fits = np.polyval(rist.DG_WUSTITE_H2[::-1], T) - np.polyval(rist.DG_WUSTITE_CO[::-1], T)
    dg_wgs = gibbs("CO", T) + gibbs("H2O", T) - gibbs("CO2", T) - gibbs("H2", T)
    assert dg_fits == pytest.approx(dg_wgs, abs=2000.0)


@pytest.mark.parametrize("T", [1000.0, 1200.0, 1400.0])
def test_boudouard_fit_against_nasa_data(T, gibbs):
    dg = 2 * gibbs("CO", T) - gibbs("CO2", T) - gibbs("C(gr)", T)
    assert rist.DG_BOUDOUARD[0] + rist.DG_BOUDOUARD[1] * T == pytest.approx(dg, abs=2000.0)


def test_wustite_equilibrium_gas_at_1000c_baur_glaessner():
    eta_co, eta_h2 = rist.wustite_utilisations(1273.15)
    assert 1.0 - eta_co == pytest.approx(0.70, abs=0.03)
    assert 1.0 - eta_h2 == pytest.approx(0.58, abs=0.03)
    # CO reduces wüstite better when colder, H2 when hotter (exo- vs endothermic)
    assert rist.wustite_utilisations(1173.15)[0] > eta_co
    assert rist.wustite_utilisations(1173.15)[1] < eta_h2


def test_equilibrium_constant_definition():
    T = 1250.0
    k = rist.equilibrium_constant(rist.DG_WUSTITE_CO, T)
    assert k == pytest.approx(np.exp(-(-22800.0 + 24.26 * T) / (R_GAS * T)), rel=1e-14)
    assert rist.equilibrium_utilisation(rist.DG_WUSTITE_CO, T) == pytest.approx(k / (1 + k))


def test_operating_line_of_a_carbon_only_furnace_is_the_classic_rist_line():
    """Without hydrogen: mu (1 + eta) = y_top + y_b + y_f, the line passes (0, y_a), (1, y_d)
    and (x_top, y_top) with one slope; at omega = 1 it passes through W."""
    n_fe, y_top = 1000.0, 1.5
    eta_eq = rist.wustite_utilisations(1223.15)[0]
    o_src = 1200.0
    # line through W: y_W - y_d = mu eta_eq and mu = y_a' + y_d (per Fe) -> solve for n_c
    n_c = (rist.Y_WUSTITE * n_fe + o_src) / (1.0 + eta_eq)
    d = n_c - o_src
    out = np.empty(8)
    rist.operating_line(n_fe, n_c, 0.0, o_src, d, y_top, eta_eq, 0.0 + 1e-300, out)
    y_a, mu_c, y_d, mu_r, x_top, x_w, gap, _ = out
    assert mu_c == pytest.approx(mu_r)
    assert y_a + mu_c == pytest.approx(y_d)
    assert y_d + mu_r * (x_top - 1.0) == pytest.approx(y_top)
    assert mu_c * x_top == pytest.approx(y_top + o_src / n_fe)
    assert x_w == pytest.approx(1.0 + eta_eq)
    assert gap == pytest.approx(0.0, abs=1e-12)
