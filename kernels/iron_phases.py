"""Condensed phases of ironmaking: coke carbon, iron oxides, hot metal, slag, fluxes.

One table of 18 species serves the blast-furnace balances. Enthalpies are absolute in
the NASA convention of :mod:`kernels.thermo` (``h(298.15 K)`` is the standard enthalpy
of formation), so reduction, calcination and slag-forming heats follow from differences
of ``h`` together with the gas species of :mod:`kernels.thermo`.

- Eleven species have their own NASA 7-coefficient polynomials here (coefficients of
  ``nasa_condensed.yaml`` of Cantera 3.2, i.e. McBride, Gordon & Reno 1993 [1]_, notes
  in the table): graphite (X 4/83), stoichiometric FeO (J 6/65), magnetite (J 6/65),
  liquid iron (J 3/78), liquid silicon (TPIS91), liquid phosphorus (TPIS89), liquid
  sulfur (TPIS89, upper set), P2O5 (half of P4O10, J12/65) and CaS (J 9/77); MnO and
  Mn, absent from that file, as constant heat capacities with their formation
  enthalpies (MnO -385.22 kJ/mol, Robie & Hemingway 1995 [2]_; mean heat capacities
  52 and 35 J/(mol K) over 298-1800 K, rounded from the same tables: a few kJ/mol of
  uncertainty at 1800 K, i.e. < 0.5 MJ/tHM for a hot metal with 0.5 % Mn).
- Seven are the species of :mod:`kernels.solids` (hematite, lime, quartz, periclase,
  corundum, calcite, liquid water), used through :func:`kernels.solids.solid_cp_h`.

Every polynomial is continued outside its fitted range with its end heat capacity (the
rule of :mod:`kernels.thermo`); where two ranges meet, the upper set is shifted (its
``a5``) so that ``h`` is continuous. Liquid iron, silicon, phosphorus and sulfur are
used as the (undercooled) liquids they are in hot metal down to 1400 K; FeO above
1650 K and P2O5 above 1500 K are held at their end heat capacity.

Wüstite ``FeO_y`` (O/Fe = y, 1 < y < 4/3) is taken as ``(1 - 3 d) FeO + d Fe3O4`` with
``d = y - 1`` (:func:`h_wustite`): for y = 1.05 its formation enthalpy is -287.1 kJ
per mol Fe, against -281.2 kJ/mol Fe for Fe0.947O (y = 1.056) in the JANAF tables [3]_.

Hot metal (:func:`h_hot_metal`) is liquid iron with dissolved C, Si, Mn, P, S: each
solute at the enthalpy of its pure reference phase (graphite, liquid Si, Mn, liquid P,
liquid S) plus its partial enthalpy of solution at infinite dilution in liquid iron,
C: +22.59 kJ/mol, Si: -131.5 kJ/mol (Sigworth & Elliott 1974 [4]_); Mn, P, S: none
(Mn ~0; P and S are a few hundred grams per tonne and their heats are neglected).

References
----------
.. [1] B. J. McBride, S. Gordon, M. A. Reno (1993), "Coefficients for calculating
   thermodynamic and transport properties of individual species", NASA TM-4513.
.. [2] R. A. Robie, B. S. Hemingway (1995), "Thermodynamic properties of minerals and
   related substances at 298.15 K and 1 bar", U.S. Geological Survey Bulletin 2131.
.. [3] M. W. Chase (1998), "NIST-JANAF Thermochemical Tables", 4th ed., J. Phys. Chem.
   Ref. Data Monograph 9.
.. [4] G. K. Sigworth, J. F. Elliott (1974), "The thermodynamics of liquid dilute iron
   alloys", Metal Science 8, 298-310.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import solids as so
from kernels.thermo import ATOMIC_WEIGHT, EL_C, EL_H, EL_O, R_GAS

# --------------------------------------------------------------------------- species
(C_GR, FEO, FE3O4, FE_L, SI_L, P_L, S_L, P2O5, CAS, MNO, MN,
 FE2O3, CAO, SIO2, MGO, AL2O3, CACO3, H2O_L) = range(18)
N_PHASES = 18
N_OWN = 11  # species 0..10 have their polynomials here; 11..17 come from kernels.solids
PHASE_NAMES = ("C(gr)", "FeO", "Fe3O4", "Fe(L)", "Si(L)", "P(L)", "S(L)", "P2O5", "CaS",
               "MnO", "Mn", "Fe2O3", "CaO", "SiO2", "MgO", "Al2O3", "CaCO3", "H2O(l)")

#: Index into :mod:`kernels.solids` of species N_OWN.. (as array data, see ARCHITECTURE §3).
_SOLIDS_INDEX = np.array([-1] * N_OWN + [so.FE2O3, so.CAO, so.SIO2, so.MGO, so.AL2O3,
                                         so.CACO3, so.H2O_L], dtype=np.int64)

# --------------------------------------------------------------------------- elements
E_FE, E_O, E_C, E_SI, E_MN, E_P, E_S, E_CA, E_MG, E_AL, E_H = range(11)
N_EL = 11
EL_NAMES = ("Fe", "O", "C", "Si", "Mn", "P", "S", "Ca", "Mg", "Al", "H")
#: Atomic weights, kg/mol (IUPAC 2021, Prohaska et al. 2022; C, H, O as kernels.thermo).
ATOMIC_WEIGHT_EL = np.array([55.845e-3, ATOMIC_WEIGHT[EL_O], ATOMIC_WEIGHT[EL_C], 28.085e-3,
                             54.938e-3, 30.974e-3, 32.06e-3, 40.078e-3, 24.305e-3,
                             26.982e-3, ATOMIC_WEIGHT[EL_H]])

#: Atoms of each element per formula unit.
PHASE_ELEMENTS = np.zeros((N_PHASES, N_EL))
for _k, _atoms in (
    (C_GR, {E_C: 1}), (FEO, {E_FE: 1, E_O: 1}), (FE3O4, {E_FE: 3, E_O: 4}),
    (FE_L, {E_FE: 1}), (SI_L, {E_SI: 1}), (P_L, {E_P: 1}), (S_L, {E_S: 1}),
    (P2O5, {E_P: 2, E_O: 5}), (CAS, {E_CA: 1, E_S: 1}), (MNO, {E_MN: 1, E_O: 1}),
    (MN, {E_MN: 1}), (FE2O3, {E_FE: 2, E_O: 3}), (CAO, {E_CA: 1, E_O: 1}),
    (SIO2, {E_SI: 1, E_O: 2}), (MGO, {E_MG: 1, E_O: 1}), (AL2O3, {E_AL: 2, E_O: 3}),
    (CACO3, {E_CA: 1, E_C: 1, E_O: 3}), (H2O_L, {E_H: 2, E_O: 1}),
):
    for _e, _nu in _atoms.items():
        PHASE_ELEMENTS[_k, _e] = _nu
#: Molar masses, kg/mol.
MOLAR_MASS_PHASE = PHASE_ELEMENTS @ ATOMIC_WEIGHT_EL

# ------------------------------------------------------------------ NASA polynomials


def _constant_cp(cp: float, dhf: float) -> list[float]:
    """NASA-7 set of a species with constant cp [J/(mol K)] and formation enthalpy [J/mol]."""
    return [cp / R_GAS, 0.0, 0.0, 0.0, 0.0, (dhf - cp * 298.15) / R_GAS, 0.0]


#: Lower coefficient sets (T < T_MID_PHASE) of the species 0..N_OWN-1.
_NASA_LO = np.array([
    [-0.310872072, 4.40353686e-03, 1.90394118e-06, -6.38546966e-09, 2.98964248e-12,
     -108.650794, 1.11382953],  # C(gr) X 4/83
    [5.3195475, 2.2096591e-03, 1.0721775e-06, -2.7929729e-09, 1.3320733e-12,
     -3.4407165e+04, -23.686034],  # FeO(s) J 6/65
    [36.198148, -0.17437976, 5.2475673e-04, -5.4238219e-07, 1.7996202e-10,
     -1.413873e+05, -155.56683],  # Fe3O4(s) J 6/65
    [5.53538332, 0.0, 0.0, 0.0, 0.0, -1274.28941, -29.4772271],  # Fe(L) J 3/78
    [3.27138941, 0.0, 0.0, 0.0, 0.0, 4882.86795, -13.2665477],  # Si(L) TPIS91
    [3.14149601, 0.0, 0.0, 0.0, 0.0, -862.148564, -12.7227472],  # P(L) TPIS89
    [3.5007841, 3.816621e-04, -1.55569962e-07, 2.72783689e-11, -1.72812554e-15,
     -590.873035, -15.216727],  # S(L) TPIS89, 1000-6000 K set
    [0.5 * 0.39556099, 0.5 * 0.11333817, 0.5 * -1.2409982e-04, 0.5 * 9.7715601e-08,
     0.5 * -3.4107839e-11, 0.5 * -3.66256443e+05, 0.5 * -3.8090697],  # P2O5 = P4O10/2 J12/65
    [4.6475558, 4.9315516e-03, -5.5308903e-06, 3.0663959e-09, -6.078561e-13,
     -5.8477047e+04, -20.92271],  # CaS(s) J 9/77
    _constant_cp(52.0, -385.22e3),  # MnO, Robie & Hemingway (1995)
    _constant_cp(35.0, 0.0),  # Mn
])
#: Upper coefficient sets (T >= T_MID_PHASE).
_NASA_HI = _NASA_LO.copy()
_NASA_HI[C_GR] = [1.45571829, 1.71702216e-03, -6.97562786e-07, 1.35277032e-10,
                  -9.67590652e-15, -695.138814, -8.52583033]
_NASA_HI[FEO] = [5.8316489, 1.4275156e-03, -9.3208143e-08, -6.5997763e-12, -2.2512143e-14,
                 -3.4566902e+04, -26.44699]
_NASA_HI[FE3O4] = [24.13372, 4.1592226e-05, -2.6331492e-08, 6.6035094e-12, -5.692468e-16,
                   -1.4121052e+05, -120.06412]
_NASA_HI[P2O5] = [0.5 * -43.300625, 0.5 * 0.21567376, 0.5 * -1.7686344e-04,
                  0.5 * 6.7642852e-08, 0.5 * -9.910871e-12, 0.5 * -3.53461393e+05,
                  0.5 * 226.05472]
_NASA_HI[CAS] = [5.6530519, 1.3625874e-03, -7.2781176e-07, 2.4989763e-10, -3.0968126e-14,
                 -5.8710341e+04, -25.906395]
_T_LO = np.array([200.0, 300.0, 300.0, 298.15, 298.15, 298.15, 1000.0, 300.0, 300.0, 298.15, 298.15])
_T_MID = np.array([1000.0, 1000.0, 1000.0, 6000.0, 6000.0, 6000.0, 6000.0, 1000.0, 1000.0, 6000.0, 6000.0])
_T_HI = np.array([5000.0, 1650.0, 5000.0, 6000.0, 6000.0, 6000.0, 6000.0, 1500.0, 3000.0, 6000.0, 6000.0])


def _h_rt(a: np.ndarray, T: float) -> float:
    return a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5))) + a[5] / T


def _join_sets() -> None:
    """Shift a5 of the upper sets so that h is continuous at T_MID (< 0.1 J/mol)."""
    for k in range(N_OWN):
        tm = _T_MID[k]
        if tm < _T_HI[k]:
            _NASA_HI[k, 5] += (_h_rt(_NASA_LO[k], tm) - _h_rt(_NASA_HI[k], tm)) * tm


_join_sets()

#: Graphite index as array data (no literal specialisations).
GRAPHITE_INDEX = np.array([C_GR], dtype=np.int64)
#: FeO and Fe3O4 indices as array data (no literal specialisations).
WUSTITE_INDEX = np.array([FEO, FE3O4], dtype=np.int64)

# Solution enthalpies in liquid iron at infinite dilution, J/mol (Sigworth & Elliott 1974).
DH_SOLUTION_C = 22.59e3
DH_SOLUTION_SI = -131.5e3


@njit(cache=True)
def _own_cp_h(k: int, T: float) -> tuple[float, float]:
    """cp [J/(mol K)] and h [J/mol] of species k < N_OWN, end-cp continuation outside range."""
    if T < _T_MID[k]:
        a = _NASA_LO[k]
        t = max(T, _T_LO[k])
    else:
        a = _NASA_HI[k]
        t = min(T, _T_HI[k])
    cp_r = a[0] + t * (a[1] + t * (a[2] + t * (a[3] + t * a[4])))
    h_rt = a[0] + t * (a[1] / 2.0 + t * (a[2] / 3.0 + t * (a[3] / 4.0 + t * a[4] / 5.0))) + a[5] / t
    return R_GAS * cp_r, R_GAS * (h_rt * t + cp_r * (T - t))


@njit(cache=True)
def phase_cp_h(k: int, T: float) -> tuple[float, float]:
    """Molar heat capacity [J/(mol K)] and absolute molar enthalpy [J/mol] of phase ``k``.

    ``k`` is one of ``C_GR`` ... ``H2O_L``; ``T`` in K. Formation enthalpy at 298.15 K
    included (NASA convention). See the module notes for sources and ranges.
    """
    if k < N_OWN:
        return _own_cp_h(k, T)
    return so.solid_cp_h(_SOLIDS_INDEX[k], T)


@njit(cache=True)
def h_phase(k: int, T: float) -> float:
    """Absolute molar enthalpy of phase ``k`` at ``T`` [K], J/mol."""
    return phase_cp_h(k, T)[1]


@njit(cache=True)
def h_phase_mix(n: np.ndarray, T: float) -> float:
    """Absolute enthalpy of a mixture of phases, ``sum n_k h_k(T)`` (n in mol), J."""
    h = 0.0
    for k in range(N_PHASES):
        if n[k] != 0.0:
            h += n[k] * phase_cp_h(k, T)[1]
    return h


@njit(cache=True)
def h_wustite(y: float, T: float) -> float:
    """Absolute enthalpy of wüstite ``FeO_y`` per mol Fe, J/mol: ``(1-3d) FeO + d Fe3O4``, d = y - 1."""
    d = y - 1.0
    return (1.0 - 3.0 * d) * h_phase(WUSTITE_INDEX[0], T) + d * h_phase(WUSTITE_INDEX[1], T)


#: Hot-metal species Fe, C, Si, Mn, P, S (as array data).
HOT_METAL_INDEX = np.array([FE_L, C_GR, SI_L, MN, P_L, S_L], dtype=np.int64)
#: Solution enthalpy of each hot-metal species, J/mol.
HOT_METAL_DH_SOLUTION = np.array([0.0, DH_SOLUTION_C, DH_SOLUTION_SI, 0.0, 0.0, 0.0])


@njit(cache=True)
def h_hot_metal(n_hm: np.ndarray, T: float) -> float:
    """Absolute enthalpy of hot metal, J, from its moles of Fe, C, Si, Mn, P, S.

    Each solute at its pure reference phase plus its solution enthalpy in liquid iron
    (module notes, Sigworth & Elliott 1974).
    """
    h = 0.0
    for j in range(HOT_METAL_INDEX.size):
        if n_hm[j] != 0.0:
            h += n_hm[j] * (h_phase(HOT_METAL_INDEX[j], T) + HOT_METAL_DH_SOLUTION[j])
    return h
