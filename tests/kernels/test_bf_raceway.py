"""Raceway adiabatic flame temperature (kernels/bf_raceway.py).

Reference case and sensitivities from the rules of thumb of Geerdes, Toxopeus & van der
Vliet, *Modern Blast Furnace Ironmaking* (3rd ed., 2015), ch. 7, as stated in issue 5:
pure coke at 1500 C, dry air blast at 1200 C with 10 g/Nm3 moisture, no injectants ->
about 2319 C (+-30 K); +100 K blast -> +79 K, +1 % O2 -> +44 K, +10 g/Nm3 H2O -> -56 K
(each +-15 %). Convention: moisture per Nm3 (0 C, 101.325 kPa) of dry blast, coke carbon
at 1500 C, products CO, H2, N2, Ar.
"""

import numpy as np
import pytest

from kernels import bf_raceway as rw
from kernels import iron_phases as ip
from kernels import thermo as th
from kernels.bf_balance import V_NORMAL
from kernels.combustion import DRY_AIR

T_COKE = 1773.15


def blast_per_nm3(enrichment=0.0, moisture=0.010):
    """Blast per Nm3 of dry blast, mol: air with O2 raised by ``enrichment``, + moisture."""
    x_o2 = DRY_AIR[th.O2]
    a = (1.0 - x_o2 - enrichment) / (1.0 - x_o2)
    n = a * DRY_AIR / V_NORMAL
    n[th.O2] += (1.0 - a) / V_NORMAL
    n[th.H2O] = moisture / th.MOLAR_MASS[th.H2O]
    return n


def raft_c(T_blast_c=1200.0, enrichment=0.0, moisture=0.010):
    n_gas = np.empty(th.N_SPECIES)
    t, _ = rw.raft(blast_per_nm3(enrichment, moisture), T_blast_c + 273.15, 0.0, 0.0, 0.0, 0.0,
                   0.0, np.zeros(ip.N_PHASES), T_COKE, n_gas)
    return t - 273.15


def test_reference_raft_geerdes():
    assert raft_c() == pytest.approx(2319.0, abs=30.0)


@pytest.mark.parametrize(
    ("change", "expected"),
    [({"T_blast_c": 1300.0}, 79.0), ({"enrichment": 0.01}, 44.0), ({"moisture": 0.020}, -56.0)],
    ids=["blast+100K", "O2+1%", "H2O+10g"],
)
def test_raft_sensitivities_geerdes(change, expected):
    assert raft_c(**change) - raft_c() == pytest.approx(expected, rel=0.15)


def test_raft_gas_phase_against_cantera():
    """The same enthalpy balance with Cantera's gri30 gas species and nasa_condensed C(gr):
    blast at 1200 C and coke at 1500 C in, CO/H2/N2/Ar out; RAFT within 0.2 K."""
    ct = pytest.importorskip("cantera")
    gas = ct.Solution("gri30.yaml")
    graphite = {s.name: s for s in ct.Species.list_from_file("nasa_condensed.yaml")}["C(gr)"]

    def h(name, T):
        return gas.species(name).thermo.h(T) / 1000.0  # J/mol

    n = blast_per_nm3(0.04, 0.015)
    names = {th.N2: "N2", th.O2: "O2", th.AR: "AR", th.H2O: "H2O", th.CO2: "CO2"}
    T_b = 1473.15
    h_in = sum(n[k] * h(name, T_b) for k, name in names.items())
    n_c = 2 * n[th.O2] + n[th.H2O] + n[th.CO2]  # carbon burnt to CO, incl. blast CO2's C
    n_co = n_c + n[th.CO2]
    h_in += (n_c) * graphite.thermo.h(T_COKE) / 1000.0

    def h_out(T):
        return (n_co * h("CO", T) + n[th.H2O] * h("H2", T) + n[th.N2] * h("N2", T)
                + n[th.AR] * h("AR", T))

    lo, hi = 1500.0, 3500.0
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if h_out(mid) < h_in else (lo, mid)
    n_gas = np.empty(th.N_SPECIES)
    t_kernel, _ = rw.raft(n, T_b, 0.0, 0.0, 0.0, 0.0, 0.0, np.zeros(ip.N_PHASES), T_COKE, n_gas)
    assert t_kernel == pytest.approx(0.5 * (lo + hi), abs=0.2)


def test_injectant_carbon_beyond_blast_oxygen_is_flagged():
    n_gas = np.empty(th.N_SPECIES)
    n = blast_per_nm3()
    t, c_coke = rw.raft(n, 1473.15, 0.0, 10.0 * n[th.O2], 0.0, 0.0, 0.0, np.zeros(ip.N_PHASES),
                        T_COKE, n_gas)
    assert c_coke < 0.0 and np.isnan(t)


def test_raft_products_conserve_elements():
    n_gas = np.empty(th.N_SPECIES)
    n = blast_per_nm3(0.05, 0.02)
    _, c_coke = rw.raft(n, 1473.15, 0.0, 0.0, 0.0, 0.0, 0.0, np.zeros(ip.N_PHASES), T_COKE, n_gas)
    el_in = n @ th.ELEMENTS
    el_in[th.EL_C] += c_coke
    np.testing.assert_allclose(n_gas @ th.ELEMENTS, el_in, rtol=1e-13, atol=1e-12)
