"""Kiln bed material: the bed species, their enthalpy and the bed reactions.

The bed is a mixture of ``N_BED`` condensed species carried as mass flows (kg/s):
moisture H2O(l), calcite CaCO3, lime CaO, quartz SiO2, corundum Al2O3, hematite Fe2O3,
periclase MgO, the minor oxides (SO3, alkalis, TiO2, ... lumped, inert) and the clinker
phases belite C2S, alite C3S, aluminate C3A and ferrite C4AF. Bed species ``b`` is
species ``BED_SOLID[b]`` of :mod:`kernels.solids`, which holds the thermochemistry
(absolute enthalpies, formation included, in the convention of :mod:`kernels.thermo`), so
heats of reaction follow from enthalpy differences and the kiln energy balance needs no
separate reaction-heat term. The sand of the Barr pilot kiln is SiO2 alone. Every function
here loops over ``N_BED``.

Reactions (``R_*``, stoichiometry in :data:`NU`)
-----------------------------------------------
- Drying H2O(l) -> H2O(g) at a rate proportional to the difference between the
  saturation pressure of water at the bed temperature (Wagner & Pruss 2002 via
  :mod:`kernels.combustion`) and the water partial pressure of the gas: a smooth
  stand-in for evaporation, fast near 373 K and stopping at the dew point of the gas.
- Calcination CaCO3 -> CaO + CO2 with an Arrhenius rate constant, a shrinking-core
  (contracting sphere, reaction controlled) conversion function ``(1 - X)^(2/3)`` and
  the driving force ``1 - p_CO2 / p_eq(T)`` with the equilibrium CO2 pressure of
  Baker (1962) [1]_ (:func:`kernels.clinker.calcination_equilibrium_pressure`).
- Clinker phases, the scheme of Mastorakos et al. (1999) [2]_ (also used by Mujumdar &
  Ranade 2006 [3]_)::

      2 CaO + SiO2         -> C2S    r = k2 [CaO]^2 [SiO2]
      C2S + CaO            -> C3S    r = k3 [C2S] [CaO] * m(T)
      3 CaO + Al2O3        -> C3A    r = k4 [CaO]^3 ([Al2O3] - [Fe2O3])+
      4 CaO + Al2O3 + Fe2O3 -> C4AF  r = k5 [CaO]^4 [Al2O3] [Fe2O3]

  with ``k = A exp(-E / R T)``, concentrations ``[X]`` in kmol per m^3 of bulk bed
  (``rho_bulk w_X / M_X``) and ``r`` in kmol/(m^3 s); the activation energies are those
  of Mastorakos et al. (E = 240, 420, 310, 330 kJ/mol), the pre-exponential factors
  (``kernels.kiln`` parameters, in m^3, kmol, s units of each order) theirs (1e7, 1e9,
  1e8, 1e8) except alite, 1e10: with 1e9 a fully calcined fine meal of LSF 0.96 and
  SM 2.6 keeps 9 % free lime after 30 min at 1400 C, where Fundal's burnability
  correlation (:func:`kernels.clinker.free_lime_fundal_1400`) gives 0.5 % (1-2 % with
  usual coarse residues); 1e10 leaves 0.9 % (``tests/kernels/test_kiln_clinker.py``).
  Alite forms in the clinker melt: ``m(T)`` is the
  smoothed presence of melt above the eutectic at 1338 C
  (:func:`kernels.clinker.melt_onset`, Lea & Parker 1935), where Mastorakos et al. give
  a temperature window instead. Aluminate forms only from the alumina in excess of
  the iron oxide, which the ferrite needs (``(a)+`` a smoothed ``max(a, 0)``): with the
  published law it outruns ferrite formation and leaves free Fe2O3, whereas Bogue's
  calculation (ASTM C150), which a well-burnt clinker follows, gives all Fe2O3 to the
  ferrite with an equimolar share of the Al2O3. The reaction heats (-126.5, +13.4, -7.6, -51.4 kJ/mol at
  298.15 K) come from the formation enthalpies of :mod:`kernels.solids`.

References
----------
.. [1] E. H. Baker (1962), "The calcium oxide-carbon dioxide system in the pressure
   range 1-300 atmospheres", J. Chem. Soc. 1962, 464-470.
.. [2] E. Mastorakos, A. Massias, C. D. Tsakiroglou, D. A. Goussis, V. N. Burganos,
   A. C. Payatakes (1999), "CFD predictions for cement kilns including flame modelling,
   heat transfer and clinker chemistry", Appl. Math. Modelling 23, 55-76.
.. [3] K. S. Mujumdar, V. V. Ranade (2006), "Simulation of rotary cement kilns using a
   one-dimensional model", Chem. Eng. Res. Des. 84, 165-177.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import solids as sd
from kernels.clinker import calcination_equilibrium_pressure, melt_onset
from kernels.combustion import saturation_pressure_water
from kernels.thermo import R_GAS

# --------------------------------------------------------------------------- species
(B_H2O, B_CACO3, B_CAO, B_SIO2, B_AL2O3, B_FE2O3, B_MGO, B_MINOR, B_C2S, B_C3S, B_C3A,
 B_C4AF) = range(12)
N_BED = 12
BED_NAMES = ("H2O(l)", "CaCO3", "CaO", "SiO2", "Al2O3", "Fe2O3", "MgO", "minor", "C2S", "C3S", "C3A", "C4AF")

#: Species of :mod:`kernels.solids` behind each bed species.
BED_SOLID = np.array([sd.H2O_L, sd.CACO3, sd.CAO, sd.SIO2, sd.AL2O3, sd.FE2O3, sd.MGO, sd.MINOR, sd.C2S, sd.C3S,
                      sd.C3A, sd.C4AF], dtype=np.int64)

#: Elements of the bed: C, H, O as in :mod:`kernels.thermo`, then Ca, Si, Al, Fe, Mg and
#: the minor-oxide unit X.
BED_ELEMENT_NAMES = ("C", "H", "O", "Ca", "Si", "Al", "Fe", "Mg", "X")
N_BED_ELEMENTS = 9

#: Atoms (and X units) in one formula unit of each bed species (from kernels.solids).
BED_ELEMENTS = sd.SOLID_ELEMENTS[BED_SOLID][:, np.array([sd.SE_C, sd.SE_H, sd.SE_O, sd.SE_CA, sd.SE_SI, sd.SE_AL,
                                                         sd.SE_FE, sd.SE_MG, sd.SE_X])]

#: Molar masses of the bed species, kg/mol (kernels.solids: M(CaCO3) = M(CaO) + M(CO2)).
BED_MOLAR_MASS = sd.MOLAR_MASS_SOLID[BED_SOLID]

# --------------------------------------------------------------------- reactions
R_DRY, R_CALC, R_C2S, R_C3S, R_C3A, R_C4AF = range(6)
N_REACTIONS = 6
REACTION_NAMES = ("drying", "calcination", "belite", "alite", "aluminate", "ferrite")
N_CLINKER = 4  # R_C2S..R_C4AF

#: Moles of each bed species formed per mole of reaction (the gases H2O and CO2 leave).
NU = np.zeros((N_REACTIONS, N_BED))
NU[R_DRY, B_H2O] = -1.0
NU[R_CALC, B_CACO3], NU[R_CALC, B_CAO] = -1.0, 1.0
NU[R_C2S, B_CAO], NU[R_C2S, B_SIO2], NU[R_C2S, B_C2S] = -2.0, -1.0, 1.0
NU[R_C3S, B_C2S], NU[R_C3S, B_CAO], NU[R_C3S, B_C3S] = -1.0, -1.0, 1.0
NU[R_C3A, B_CAO], NU[R_C3A, B_AL2O3], NU[R_C3A, B_C3A] = -3.0, -1.0, 1.0
NU[R_C4AF, B_CAO], NU[R_C4AF, B_AL2O3], NU[R_C4AF, B_FE2O3], NU[R_C4AF, B_C4AF] = -4.0, -1.0, -1.0, 1.0

_INERT = np.array([B_SIO2], dtype=np.int64)
_SHRINK_DELTA = 1.0e-3  # regularisation of (1 - X)^(2/3) near full conversion
_EXCESS_EPS = 1.0e-4  # kmol/m^3, smoothing of the alumina excess over the iron oxide


# ------------------------------------------------------------------ thermochemistry
@njit(cache=True)
def bed_cp_h(b: int, T: float) -> tuple[float, float]:
    """Heat capacity [J/(mol K)] and absolute enthalpy [J/mol] of bed species b at T [K]."""
    return sd.solid_cp_h(BED_SOLID[b], T)


@njit(cache=True)
def bed_enthalpy_flow(m: np.ndarray, T: float) -> float:
    """Enthalpy flow [W] of bed mass flows m [kg/s] (N_BED) at T [K], absolute basis."""
    total = 0.0
    for k in range(N_BED):
        if m[k] != 0.0:
            total += m[k] / BED_MOLAR_MASS[k] * bed_cp_h(k, T)[1]
    return total


@njit(cache=True)
def bed_enthalpy_cp(m: np.ndarray, T: float) -> tuple[float, float]:
    """(enthalpy flow [W], mass-weighted heat capacity [J/(kg K)]) of bed mass flows m at T.

    One pass over the species for both; the heat capacity of an empty bed is that of the
    inert SiO2 (as :func:`bed_cp_mass`).
    """
    h = 0.0
    mass = 0.0
    cp = 0.0
    for k in range(N_BED):
        if m[k] != 0.0:
            cp_k, h_k = bed_cp_h(k, T)
            n = m[k] / BED_MOLAR_MASS[k]
            h += n * h_k
            if m[k] > 0.0:
                mass += m[k]
                cp += n * cp_k
    if mass <= 0.0:
        k_inert = _INERT[0]
        return h, bed_cp_h(k_inert, T)[0] / BED_MOLAR_MASS[k_inert]
    return h, cp / mass


@njit(cache=True)
def bed_cp_mass(m: np.ndarray, T: float) -> float:
    """Mass-weighted heat capacity [J/(kg K)] of the bed mixture m [kg/s or kg] at T [K]."""
    return bed_enthalpy_cp(m, T)[1]


# ---------------------------------------------------------------------- reactions
@njit(cache=True)
def calcination_rate(T: float, m_caco3: float, m_cao: float, holdup_per_flow: float,
                     p_co2: float, pre_exp: float, e_act: float) -> float:
    """CaCO3 decomposed per unit kiln length [kg/(m s)].

    ``r = A exp(-E/RT) * (1 - X)^(2/3) * F * M_CaCO3,0`` with the CaCO3 hold-up per
    length ``M = m_caco3 * holdup_per_flow`` (holdup_per_flow = 1/u_bed, s/m), the
    conversion X of the calcium present as CaCO3 or CaO, and the driving force
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


@njit(cache=True)
def clinker_rates(T: float, m: np.ndarray, holdup_per_flow: float, area_bed: float, pre_exp: np.ndarray,
                  e_act: np.ndarray, rates: np.ndarray) -> None:
    """Rates of belite, alite, aluminate and ferrite formation per unit kiln length [mol/(m s)].

    Mastorakos et al. (1999) rate laws (module notes) in kmol/(m^3 s) times the bed
    cross-section ``area_bed`` [m^2]. The concentration of species X in kmol per m^3 of
    bulk bed is ``m_X holdup_per_flow / (M_X area_bed) / 1000`` (hold-up per length over
    the bed cross-section). ``pre_exp`` and ``e_act`` hold A and E of the four reactions in
    the order R_C2S, R_C3S, R_C3A, R_C4AF; ``rates`` (4) receives the results, mol/(m s).
    Negative flows (Newton iterates) count as zero.
    """
    scale = holdup_per_flow / (area_bed * 1000.0)
    c_cao = max(m[B_CAO], 0.0) / BED_MOLAR_MASS[B_CAO] * scale
    c_sio2 = max(m[B_SIO2], 0.0) / BED_MOLAR_MASS[B_SIO2] * scale
    c_al = max(m[B_AL2O3], 0.0) / BED_MOLAR_MASS[B_AL2O3] * scale
    c_fe = max(m[B_FE2O3], 0.0) / BED_MOLAR_MASS[B_FE2O3] * scale
    c_c2s = max(m[B_C2S], 0.0) / BED_MOLAR_MASS[B_C2S] * scale
    rt = R_GAS * T
    per_length = area_bed * 1000.0  # kmol/(m^3 s) -> mol/(m s)
    c2 = c_cao * c_cao
    for j in range(N_CLINKER):  # a reaction without one of its reactants has zero rate
        rates[j] = 0.0
    if c_cao > 0.0 and c_sio2 > 0.0:
        rates[0] = pre_exp[0] * np.exp(-e_act[0] / rt) * c2 * c_sio2 * per_length
    if c_cao > 0.0 and c_c2s > 0.0:
        rates[1] = pre_exp[1] * np.exp(-e_act[1] / rt) * c_c2s * c_cao * melt_onset(T) * per_length
    if c_cao > 0.0 and c_al > 0.0:
        # alumina not needed by the ferrite: max(c_al - c_fe, 0), smoothed, and zero without alumina
        excess = c_al - c_fe
        c_al_free = (0.5 * (excess + np.sqrt(excess * excess + _EXCESS_EPS * _EXCESS_EPS))
                     * c_al / (c_al + _EXCESS_EPS))
        rates[2] = pre_exp[2] * np.exp(-e_act[2] / rt) * c2 * c_cao * c_al_free * per_length
    if c_cao > 0.0 and c_al > 0.0 and c_fe > 0.0:
        rates[3] = pre_exp[3] * np.exp(-e_act[3] / rt) * c2 * c2 * c_al * c_fe * per_length
