"""Kiln bed material: condensed-phase thermochemistry and the bed reactions.

The bed is a mixture of ``N_BED`` condensed species carried as mass flows (kg/s):
moisture H2O(l), calcite CaCO3, lime CaO and an inert SiO2 (quartz; the sand of the
Barr pilot kiln, and the stand-in for the non-calcium part of a raw meal until the
clinker phases are added). Clinker phases can be appended to this table later: every
function here loops over ``N_BED``.

Thermochemistry
---------------
NASA 7-coefficient polynomials of McBride, Gordon & Reno (1993) [1]_ as shipped with
Cantera 3.2 (``nasa_condensed.yaml``), in the same absolute-enthalpy convention as
:mod:`kernels.thermo` (``h(298.15 K)`` = standard enthalpy of formation), so heats of
reaction follow from enthalpy differences and the kiln energy balance needs no separate
reaction-heat term. The calcination enthalpy at 298.15 K from these tables,
``h(CaO) + h(CO2) - h(CaCO3)``, is 178.3 kJ/mol = 1.782 MJ/kg CaCO3.

Outside a species' fitted range the heat capacity is held at the end value (the rule of
:mod:`kernels.thermo`). Where two temperature ranges meet, the two polynomials are
blended with a smooth step over ``±_BLEND_K``; for quartz this spreads the enthalpy of
the alpha-beta transition at 847 K (0.73 kJ/mol) over 20 K as a heat-capacity peak,
which keeps ``h(T)`` smooth for Newton's method (the real transition is a lambda
transition, so this is also closer to the physics than a step).

Reactions
---------
- Calcination CaCO3 -> CaO + CO2 with an Arrhenius rate constant, a shrinking-core
  (contracting sphere, reaction controlled) conversion function ``(1 - X)^(2/3)`` and
  the driving force ``1 - p_CO2 / p_eq(T)`` with the equilibrium CO2 pressure of
  Baker (1962) [2]_. Default kinetic constants are those used in 1-D/CFD cement-kiln
  models after Mastorakos et al. (1999) [3]_ (E = 175.7 kJ/mol).
- Drying H2O(l) -> H2O(g) at a rate proportional to the difference between the
  saturation pressure of water at the bed temperature (Wagner & Pruss 2002 via
  :mod:`kernels.combustion`) and the water partial pressure of the gas: a smooth
  stand-in for evaporation, fast near 373 K and stopping at the dew point of the gas.

References
----------
.. [1] B. J. McBride, S. Gordon, M. A. Reno (1993), "Coefficients for calculating
   thermodynamic and transport properties of individual species", NASA TM-4513
   (condensed species CaCO3(cal) "BAR 89", CaO(s) "J 6/73", SiO2(a-qz)/(b-qz)
   "J 6/67", H2O(L) "L 8/89").
.. [2] E. H. Baker (1962), "The calcium oxide-carbon dioxide system in the pressure
   range 1-300 atmospheres", J. Chem. Soc. 1962, 464-470.
.. [3] E. Mastorakos, A. Massias, C. D. Tsakiroglou, D. A. Goussis, V. N. Burganos,
   A. C. Payatakes (1999), "CFD predictions for cement kilns including flame modelling,
   heat transfer and clinker chemistry", Appl. Math. Modelling 23, 55-76.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.combustion import saturation_pressure_water
from kernels.thermo import ATOMIC_WEIGHT, EL_C, EL_H, EL_O, R_GAS

# --------------------------------------------------------------------------- species
B_H2O, B_CACO3, B_CAO, B_SIO2 = range(4)
N_BED = 4
BED_NAMES = ("H2O(l)", "CaCO3", "CaO", "SiO2")

#: Elements of the bed: C, H, O as in :mod:`kernels.thermo`, plus Ca and Si.
BED_ELEMENT_NAMES = ("C", "H", "O", "Ca", "Si")

#: Atoms of C, H, O, Ca, Si in one formula unit of each bed species.
BED_ELEMENTS = np.array([
    # C    H    O    Ca   Si
    [0.0, 2.0, 1.0, 0.0, 0.0],  # H2O(l)
    [1.0, 0.0, 3.0, 1.0, 0.0],  # CaCO3
    [0.0, 0.0, 1.0, 1.0, 0.0],  # CaO
    [0.0, 0.0, 2.0, 0.0, 1.0],  # SiO2
])

#: Atomic weights of C, H, O (those of :mod:`kernels.thermo`) and Ca 40.078, Si 28.085
#: (IUPAC 2021, Prohaska et al. 2022), kg/mol; the molar masses follow, so that
#: M(CaCO3) = M(CaO) + M(CO2) holds to the last digit with thermo's M(CO2).
BED_ATOMIC_WEIGHT = np.array([ATOMIC_WEIGHT[EL_C], ATOMIC_WEIGHT[EL_H], ATOMIC_WEIGHT[EL_O],
                              40.078e-3, 28.085e-3])
BED_MOLAR_MASS = BED_ELEMENTS @ BED_ATOMIC_WEIGHT

# NASA-7 ranges per species: up to three ranges with bounds _T_BOUND[k, 0..n].
_N_RANGE = np.array([1, 2, 2, 3], dtype=np.int64)
_T_BOUND = np.array([
    [273.15, 600.0, 0.0, 0.0],
    [298.15, 1000.0, 1200.0, 0.0],
    [300.0, 1000.0, 3200.0, 0.0],
    [200.0, 847.0, 1000.0, 1696.0],
])
_COEF = np.zeros((4, 3, 7))
_COEF[B_H2O, 0] = [72.5575005, -0.662445402, 2.56198746e-03, -4.36591923e-06, 2.78178981e-09,
                   -4.18865499e+04, -288.280137]
_COEF[B_CACO3, 0] = [-1.76968953, 0.0618884685, -8.82380139e-05, 4.61909015e-08, -2.9872974e-12,
                     -1.46691812e+05, 6.32412532]
_COEF[B_CACO3, 1] = [14.4388162, -1.39777807e-03, 2.04333103e-06, 0.0, 0.0, -1.5040071e+05, -72.8445489]
_COEF[B_CAO, 0] = [1.6937688, 0.018149663, -2.8372609e-05, 2.0513539e-08, -5.5175768e-12,
                   -7.7482769e+04, -9.3710081]
_COEF[B_CAO, 1] = [5.6557517, 1.0165439e-03, -2.5576899e-07, 5.4514395e-11, -4.257995e-15,
                   -7.8238381e+04, -28.223372]
_COEF[B_SIO2, 0] = [-0.75851138, 0.0305773989, -4.00861855e-05, 2.16194849e-08, -6.17249042e-13,
                    -1.10371483e+05, 1.78384529]
_COEF[B_SIO2, 1] = [7.11787621, 1.13819527e-03, 3.69734234e-08, 0.0, 0.0, -1.11794194e+05, -36.3708064]
_COEF[B_SIO2, 2] = [7.23537106, 7.61842227e-04, 4.89502294e-07, -2.35754591e-10, 4.20839131e-14,
                    -1.11823834e+05, -36.9642796]
_BLEND_K = 10.0
_INERT = np.array([B_SIO2], dtype=np.int64)

#: Baker (1962): log10(p_eq / atm) = 7.079 - 8308 / T.
_BAKER_A = 7.079
_BAKER_B = 8308.0
_ATM = 101325.0
_SHRINK_DELTA = 1.0e-3  # regularisation of (1 - X)^(2/3) near full conversion


@njit(cache=True)
def _range_cp_h(k: int, r: int, T: float) -> tuple[float, float]:
    """cp [J/(mol K)] and h [J/mol] of range r of species k, cp held outside the range."""
    lo = _T_BOUND[k, r]
    hi = _T_BOUND[k, r + 1]
    t = min(max(T, lo), hi)
    a = _COEF[k, r]
    cp_r = a[0] + t * (a[1] + t * (a[2] + t * (a[3] + t * a[4])))
    h_rt = (a[0] + t * (a[1] / 2.0 + t * (a[2] / 3.0 + t * (a[3] / 4.0 + t * a[4] / 5.0)))
            + a[5] / t)
    h = R_GAS * (t * h_rt + cp_r * (T - t))
    return R_GAS * cp_r, h


@njit(cache=True)
def solid_cp_h(k: int, T: float) -> tuple[float, float]:
    """Heat capacity [J/(mol K)] and absolute enthalpy [J/mol] of bed species k at T [K].

    NASA-7 polynomials (McBride et al. 1993); adjacent ranges blended smoothly over
    ±10 K around their common bound (quartz alpha-beta at 847 K, fit joints at 1000 K).
    """
    n = _N_RANGE[k]
    for j in range(1, n):
        tb = _T_BOUND[k, j]
        if abs(T - tb) < _BLEND_K:
            cp_a, h_a = _range_cp_h(k, j - 1, T)
            cp_b, h_b = _range_cp_h(k, j, T)
            u = (T - tb + _BLEND_K) / (2.0 * _BLEND_K)
            s = u * u * (3.0 - 2.0 * u)
            ds = 6.0 * u * (1.0 - u) / (2.0 * _BLEND_K)
            return (1.0 - s) * cp_a + s * cp_b + ds * (h_b - h_a), (1.0 - s) * h_a + s * h_b
    r = 0
    while r < n - 1 and T > _T_BOUND[k, r + 1]:
        r += 1
    return _range_cp_h(k, r, T)


@njit(cache=True)
def bed_enthalpy_flow(m: np.ndarray, T: float) -> float:
    """Enthalpy flow [W] of bed mass flows m [kg/s] (N_BED) at T [K], absolute basis."""
    total = 0.0
    for k in range(N_BED):
        if m[k] != 0.0:
            total += m[k] / BED_MOLAR_MASS[k] * solid_cp_h(k, T)[1]
    return total


@njit(cache=True)
def bed_cp_mass(m: np.ndarray, T: float) -> float:
    """Mass-weighted heat capacity [J/(kg K)] of the bed mixture m [kg/s or kg] at T [K]."""
    mass = 0.0
    cp = 0.0
    for k in range(N_BED):
        if m[k] > 0.0:
            mass += m[k]
            cp += m[k] / BED_MOLAR_MASS[k] * solid_cp_h(k, T)[0]
    if mass <= 0.0:
        k_inert = _INERT[0]  # array index, not a literal: one compiled specialisation
        return solid_cp_h(k_inert, T)[0] / BED_MOLAR_MASS[k_inert]
    return cp / mass


@njit(cache=True)
def calcination_equilibrium_pressure(T: float) -> float:
    """Equilibrium CO2 pressure over CaCO3/CaO [Pa], Baker (1962), log10 p/atm = 7.079 - 8308/T."""
    return _ATM * 10.0 ** (_BAKER_A - _BAKER_B / T)


@njit(cache=True)
def calcination_rate(T: float, m_caco3: float, m_cao: float, holdup_per_flow: float,
                     p_co2: float, pre_exp: float, e_act: float) -> float:
    """CaCO3 decomposed per unit kiln length [kg/(m s)].

    ``r = A exp(-E/RT) * (1 - X)^(2/3) * F * M_CaCO3,0`` with the CaCO3 hold-up per
    length ``M = m_caco3 * holdup_per_flow`` (holdup_per_flow = 1/u_bed, s/m), the
    conversion X of the calcium present (CaCO3 + CaO), and the driving force
    ``F = max(1 - p_CO2/p_eq(T), 0)`` (smoothed) with Baker's equilibrium pressure.
    The shrinking-core factor is regularised as (1-X) ((1-X) + 1e-3)^(-1/3) so that
    its derivative stays finite at full conversion.
    """
    if m_caco3 <= 0.0 or pre_exp <= 0.0:
        return 0.0
    ca_total = m_caco3 + max(m_cao, 0.0) * BED_MOLAR_MASS[B_CACO3] / BED_MOLAR_MASS[B_CAO]
    y = m_caco3 / ca_total  # 1 - X
    shrink = y * (y + _SHRINK_DELTA) ** (-1.0 / 3.0)
    f = 1.0 - p_co2 / calcination_equilibrium_pressure(T)
    f_pos = 0.5 * (f + np.sqrt(f * f + 1.0e-6))
    k = pre_exp * np.exp(-e_act / (R_GAS * T))
    return k * f_pos * shrink * ca_total * holdup_per_flow


@njit(cache=True)
def drying_rate(T: float, m_h2o: float, holdup_per_flow: float, p_h2o: float, k_dry: float,
                pressure: float) -> float:
    """Moisture evaporated per unit kiln length [kg/(m s)].

    ``r = k_dry * max(p_sat(T) - p_H2O, 0) / P * M_w`` with the moisture hold-up per
    length ``M_w = m_h2o * holdup_per_flow`` and the water partial pressure p_H2O of the
    gas: evaporation driven by the vapour-pressure difference, which stops at the dew
    point of the kiln gas (no evaporative cooling below it). p_sat of Wagner & Pruss
    (2002), evaluated at min(T, 640 K); the max is smoothed over 1e-3 P. At 373 K in dry
    gas 1/k_dry is the drying time.
    """
    if m_h2o <= 0.0 or k_dry <= 0.0:
        return 0.0
    t = min(max(T, 274.0), 640.0)
    f = (saturation_pressure_water(t) - p_h2o) / pressure
    f_pos = 0.5 * (f + np.sqrt(f * f + 1.0e-6))
    return k_dry * f_pos * m_h2o * holdup_per_flow
