"""Clinker chemistry: potential phases, control moduli, melt, free lime, raw meal and CO2.

Oxide compositions travel as float64 vectors of **mass fractions** (kg/kg, not percent)
indexed by the constants ``CAO, SIO2, AL2O3, FE2O3, MGO, SO3, K2O, NA2O, TIO2, P2O5``;
``N_OXIDES`` entries, the remainder to one being loss on ignition or unanalysed
oxides. Every function here is linear in the composition where its source formula is,
so the coefficients of the sources (written for percent) apply unchanged to fractions,
except where a source uses a fixed threshold or offset (noted in the function).

Functions return NaN for compositions where a ratio is undefined (zero denominator).
:func:`oxides_status` checks a composition with the status codes of
:mod:`kernels.contract`.

References
----------
.. [1] ASTM C150/C150M-22, "Standard Specification for Portland Cement", ASTM
   International, annex A1 (calculation of the potential phase composition).
.. [2] H. F. W. Taylor (1997), "Cement Chemistry", 2nd ed., Thomas Telford, London.
.. [3] P. C. Hewlett, ed. (1998), "Lea's Chemistry of Cement and Concrete", 4th ed.,
   Arnold, London.
.. [4] F. M. Lea, T. W. Parker (1935), "Investigations on a portion of the quaternary
   system CaO-Al2O3-SiO2-MgO", Building Research Technical Paper No. 16, HMSO, London.
.. [5] E. Fundal (1979), "The burnability of cement raw mixes", World Cement Technology
   10(6), 195-204.
.. [6] D. D. Wagman et al. (1982), "The NBS tables of chemical thermodynamic
   properties", J. Phys. Chem. Ref. Data 11, Suppl. 2.
.. [7] H. zur Strassen (1957), "Der theoretische Wärmebedarf des Zementklinkers",
   Zement-Kalk-Gips 10, 1-12; in the form quoted by K. E. Peray (1986), "The Rotary
   Cement Kiln", 2nd ed., Chemical Publishing, New York.
.. [8] E. H. Baker (1962), "The calcium oxide-carbon dioxide system in the pressure range
   1-300 atmospheres", J. Chem. Soc. 1962, 464-470.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.contract import BAD_INPUT, OK, OUT_OF_RANGE

# ------------------------------------------------------------------- composition
CAO, SIO2, AL2O3, FE2O3, MGO, SO3, K2O, NA2O, TIO2, P2O5 = range(10)
N_OXIDES = 10
OXIDE_NAMES = ("CaO", "SiO2", "Al2O3", "Fe2O3", "MgO", "SO3", "K2O", "Na2O", "TiO2", "P2O5")

#: Molar masses of the oxides, kg/mol, from the IUPAC 2021 standard atomic weights
#: (Prohaska et al. 2022, Pure Appl. Chem. 94, 573): Ca 40.078, Si 28.085, Al 26.982,
#: Fe 55.845, Mg 24.305, S 32.06, K 39.098, Na 22.990, Ti 47.867, P 30.974, O 15.999.
OXIDE_MOLAR_MASS = np.array(
    [0.056077, 0.060083, 0.101961, 0.159687, 0.040304, 0.080057, 0.094195, 0.061979,
     0.079865, 0.141943]
)
M_CO2 = 0.044009  # kg/mol, C 12.011 + 2 O
M_CACO3 = 0.100086  # kg/mol
M_MGCO3 = 0.084313  # kg/mol

# Bogue phases returned by :func:`bogue_phases`, in this order.
C3S, C2S, C3A, C4AF = range(4)
PHASE_NAMES = ("C3S", "C2S", "C3A", "C4AF")

# ------------------------------------------------------- formation enthalpies (NBS)
#: Standard enthalpies of formation at 298.15 K, J/mol, NBS tables (Wagman et al. 1982)
#: [6]_: calcite, lime, CO2 gas, magnesite, periclase.
DHF_CACO3 = -1206.92e3
DHF_CAO = -635.09e3
DHF_CO2 = -393.509e3
DHF_MGCO3 = -1095.8e3
DHF_MGO = -601.70e3

#: MgO content up to which the liquid-phase formulas count it, mass fraction (Lea & Parker
#: 1935: MgO beyond about 2 % stays as periclase and does not add to the melt).
MGO_MELT_CAP = 0.02

#: Temperatures of the Lea & Parker (1935) liquid contents, K (1338, 1400, 1450 C); the
#: first is the C3S-C2S-C3A-C4AF eutectic, where the clinker melt appears.
T_EUTECTIC = 1611.15
T_LIQUID_1400 = 1673.15
T_LIQUID_1450 = 1723.15
#: Half-width of the smoothed appearance of the melt at the eutectic, K.
MELT_ONSET_HALF_WIDTH = 10.0


# --------------------------------------------------------------------- checks
@njit(cache=True)
def oxides_status(w: np.ndarray) -> int:
    """Status of an oxide composition: ``OK``, ``BAD_INPUT`` (NaN/inf) or ``OUT_OF_RANGE``.

    Out of range: a negative fraction, or fractions adding up to more than one
    (tolerance 1e-9).
    """
    total = 0.0
    for i in range(w.size):
        if not np.isfinite(w[i]):
            return BAD_INPUT
        if w[i] < 0.0:
            return OUT_OF_RANGE
        total += w[i]
    if total > 1.0 + 1e-9:
        return OUT_OF_RANGE
    return OK


# --------------------------------------------------------------- Bogue (ASTM C150)
@njit(cache=True)
def bogue_phases(w: np.ndarray, free_cao: float) -> tuple[float, float, float, float]:
    """Potential phase composition of a clinker or cement after ASTM C150 (Bogue).

    With ``A/F >= 0.64`` (ASTM C150, annex A1) [1]_:

    - C3S = 4.071 C - 7.600 S - 6.718 A - 1.430 F - 2.852 SO3
    - C2S = 2.867 S - 0.7544 C3S
    - C3A = 2.650 A - 1.692 F
    - C4AF = 3.043 F

    With ``A/F < 0.64`` a ferrite solid solution ss(C4AF + C2F) replaces C3A and C4AF:

    - ss(C4AF + C2F) = 2.100 A + 1.702 F (returned in the C4AF slot; C3A = 0)
    - C3S = 4.071 C - 7.600 S - 4.479 A - 2.859 F - 2.852 SO3
    - C2S = 2.867 S - 0.7544 C3S

    The ``-2.852 SO3`` term is the ASTM C150 sulfate correction: the CaO bound as CaSO4
    (``SO3 x M_CaO / M_SO3 = 0.7004 SO3``) is removed before lime is given to the
    silicates (``4.071 x 0.7004 = 2.852``). ``free_cao`` (mass fraction) is subtracted
    from the CaO first, as Taylor (1997) [2]_ recommends when it has been measured
    (ASTM C150 itself uses the total CaO; pass 0 for that).

    Parameters
    ----------
    w : ndarray, shape (N_OXIDES,)
        Oxide mass fractions.
    free_cao : float
        Uncombined CaO, mass fraction (0 for the ASTM convention).

    Returns
    -------
    c3s, c2s, c3a, c4af : float
        Mass fractions (can be negative outside the Portland field, e.g. C2S < 0 when
        the lime saturation exceeds one; ASTM reports them as calculated).
    """
    c = w[CAO] - free_cao
    s = w[SIO2]
    a = w[AL2O3]
    f = w[FE2O3]
    so3 = w[SO3]
    if a >= 0.64 * f:
        c3s = 4.071 * c - 7.600 * s - 6.718 * a - 1.430 * f - 2.852 * so3
        c3a = 2.650 * a - 1.692 * f
        c4af = 3.043 * f
    else:
        c3s = 4.071 * c - 7.600 * s - 4.479 * a - 2.859 * f - 2.852 * so3
        c3a = 0.0
        c4af = 2.100 * a + 1.702 * f
    c2s = 2.867 * s - 0.7544 * c3s
    return c3s, c2s, c3a, c4af


# ----------------------------------------------------------------- control moduli
@njit(cache=True)
def lime_saturation_factor(w: np.ndarray) -> float:
    """Lime saturation factor, ``LSF = C / (2.8 S + 1.18 A + 0.65 F)`` (-; 0.92-0.98 typical).

    Lea & Parker (1935) [4]_, as given by Taylor (1997) [2]_ and Hewlett (1998) [3]_:
    the ratio of the CaO present to the most the silica, alumina and ferric oxide can
    combine at clinkering temperature (C3S, C4AF and a silica-bearing C3A). The BS 12
    form with ``1.2 A`` differs by less than 0.3 %.
    """
    den = 2.8 * w[SIO2] + 1.18 * w[AL2O3] + 0.65 * w[FE2O3]
    if den <= 0.0:
        return np.nan
    return w[CAO] / den


@njit(cache=True)
def silica_modulus(w: np.ndarray) -> float:
    """Silica modulus (ratio), ``SM = S / (A + F)`` (-; 2.0-3.0 typical; Taylor 1997)."""
    den = w[AL2O3] + w[FE2O3]
    if den <= 0.0:
        return np.nan
    return w[SIO2] / den


@njit(cache=True)
def alumina_modulus(w: np.ndarray) -> float:
    """Alumina modulus (ratio), ``AM = A / F`` (-; 1.0-4.0 typical; Taylor 1997)."""
    if w[FE2O3] <= 0.0:
        return np.nan
    return w[AL2O3] / w[FE2O3]


# ------------------------------------------------------------------ liquid phase
@njit(cache=True)
def _melt_fluxes(w: np.ndarray) -> float:
    """MgO (counted up to ``MGO_MELT_CAP``) plus K2O and Na2O, mass fraction."""
    return min(w[MGO], MGO_MELT_CAP) + w[K2O] + w[NA2O]


@njit(cache=True)
def liquid_phase_1338(w: np.ndarray) -> float:
    """Liquid (melt) content at 1338 °C, the C3S-C2S-C3A-C4AF eutectic, mass fraction.

    Lea & Parker (1935) [4]_, as quoted by Taylor (1997) and Hewlett (1998):

    - ``A/F >= 1.38``: L = 6.1 F + M + K + N
    - ``A/F < 1.38``: L = 8.2 A - 5.22 F + M + K + N

    with MgO counted up to 2 % (``MGO_MELT_CAP``).
    """
    a = w[AL2O3]
    f = w[FE2O3]
    if a >= 1.38 * f:
        return 6.1 * f + _melt_fluxes(w)
    return 8.2 * a - 5.22 * f + _melt_fluxes(w)


@njit(cache=True)
def liquid_phase_1400(w: np.ndarray) -> float:
    """Liquid content at 1400 °C, ``L = 2.95 A + 2.2 F + M + K + N``, mass fraction.

    Lea & Parker (1935) [4]_ as quoted by Taylor (1997) and Hewlett (1998); MgO counted
    up to 2 %.
    """
    return 2.95 * w[AL2O3] + 2.2 * w[FE2O3] + _melt_fluxes(w)


@njit(cache=True)
def liquid_phase_1450(w: np.ndarray) -> float:
    """Liquid content at 1450 °C, ``L = 3.0 A + 2.25 F + M + K + N``, mass fraction.

    Lea & Parker (1935) [4]_ as quoted by Taylor (1997) and Hewlett (1998); MgO counted
    up to 2 %. (Written with the Bogue phases this is about ``1.13 C3A + 1.35 C4AF``.)
    """
    return 3.0 * w[AL2O3] + 2.25 * w[FE2O3] + _melt_fluxes(w)


@njit(cache=True)
def melt_onset(T: float) -> float:
    """Smoothed presence of clinker melt at T [K]: 0 below, 1 above the eutectic (1338 C).

    The step of the eutectic (Lea & Parker 1935) [4]_ smoothed as ``u^2 (3 - 2 u)`` over
    ``T_EUTECTIC +- MELT_ONSET_HALF_WIDTH`` (continuously differentiable, for Newton's
    method in the kiln bed, where alite forms only in the presence of melt).
    """
    u = (T - T_EUTECTIC + MELT_ONSET_HALF_WIDTH) / (2.0 * MELT_ONSET_HALF_WIDTH)
    if u <= 0.0:
        return 0.0
    if u >= 1.0:
        return 1.0
    return u * u * (3.0 - 2.0 * u)


@njit(cache=True)
def liquid_fraction(w: np.ndarray, T: float) -> float:
    """Equilibrium melt (liquid) content of clinker ``w`` at temperature T [K], mass fraction.

    Lea & Parker's liquid contents at 1338, 1400 and 1450 C (:func:`liquid_phase_1338`,
    :func:`liquid_phase_1400`, :func:`liquid_phase_1450`) [4]_, interpolated linearly in
    temperature between them and held at the 1450 C value above (the liquid of a Portland
    clinker grows only slowly beyond it, Taylor 1997 [2]_); no melt below the eutectic,
    whose appearance is smoothed by :func:`melt_onset`. ``w`` are the oxide mass fractions
    of the loss-free material (clinker basis).
    """
    s = melt_onset(T)
    if s <= 0.0:
        return 0.0
    if T >= T_LIQUID_1450:
        liq = liquid_phase_1450(w)
    elif T >= T_LIQUID_1400:
        l2 = liquid_phase_1400(w)
        liq = l2 + (liquid_phase_1450(w) - l2) * (T - T_LIQUID_1400) / (T_LIQUID_1450 - T_LIQUID_1400)
    elif T >= T_EUTECTIC:
        l1 = liquid_phase_1338(w)
        liq = l1 + (liquid_phase_1400(w) - l1) * (T - T_EUTECTIC) / (T_LIQUID_1400 - T_EUTECTIC)
    else:
        liq = liquid_phase_1338(w)
    return s * max(liq, 0.0)


# --------------------------------------------------------------------- free lime
@njit(cache=True)
def free_lime_fundal_1400(w: np.ndarray, quartz_45: float, calcite_125: float, insoluble_45: float) -> float:
    """Free lime after a laboratory burn at 1400 °C (burnability), mass fraction.

    Fundal (1979) [5]_, with everything in percent:
    ``f_CaO = 0.31 (LSF - 100) + 2.18 (SM - 1.8) + 0.73 q45 + 0.33 c125 + 0.34 a45``;
    clipped at zero. ``q45`` is the quartz retained on a 45 µm sieve after acid
    washing, ``c125`` the acid-soluble (calcite) residue on 125 µm, ``a45`` the
    non-quartz acid-insoluble residue on 45 µm, all as fractions of the raw meal.

    Range of use: the correlation was fitted on industrial Portland raw meals; use it
    for LSF about 0.88-1.02, SM about 1.8-3.2 and coarse residues of a few percent. It
    describes a standard laboratory burn (about 30 min at 1400 °C), i.e. the raw meal's
    burnability, not the free lime of a particular kiln; kiln free lime is usually lower
    (hotter, longer burning zone).

    Parameters
    ----------
    w : ndarray, shape (N_OXIDES,)
        Oxide mass fractions of the clinker (or of the ignited raw meal).
    quartz_45, calcite_125, insoluble_45 : float
        Coarse residues, mass fractions of the raw meal.
    """
    lsf = lime_saturation_factor(w)
    sm = silica_modulus(w)
    pct = (0.31 * (100.0 * lsf - 100.0) + 2.18 * (sm - 1.8) + 0.73 * 100.0 * quartz_45
           + 0.33 * 100.0 * calcite_125 + 0.34 * 100.0 * insoluble_45)
    return max(pct, 0.0) / 100.0


@njit(cache=True)
def free_lime_equilibrium(w: np.ndarray) -> float:
    """CaO that cannot combine even at equilibrium, ``max(0, C - (2.8 S + 1.18 A + 0.65 F))``.

    The excess of lime over lime saturation (LSF > 1, Lea & Parker 1935 / Taylor 1997):
    a lower bound of the free lime of a perfectly burnt, perfectly mixed clinker.
    Mass fraction.
    """
    return max(0.0, w[CAO] - (2.8 * w[SIO2] + 1.18 * w[AL2O3] + 0.65 * w[FE2O3]))


# -------------------------------------------------------------- raw meal and CO2
@njit(cache=True)
def process_co2(w: np.ndarray, caco3_share: float, mgco3_share: float) -> float:
    """Calcination CO2 per kg clinker, kg/kg.

    ``C f_Ca M_CO2 / M_CaO + M f_Mg M_CO2 / M_MgO``: the CO2 released by the carbonates
    that supplied the fraction ``caco3_share`` of the clinker's CaO and ``mgco3_share``
    of its MgO (stoichiometry; the IPCC 2006 Guidelines, vol. 3 ch. 2, use the same
    0.785 t CO2 per t CaO). 66.6 % CaO, all from CaCO3, gives 0.523 t/t.
    """
    return (w[CAO] * caco3_share * M_CO2 / OXIDE_MOLAR_MASS[CAO]
            + w[MGO] * mgco3_share * M_CO2 / OXIDE_MOLAR_MASS[MGO])


@njit(cache=True)
def loss_on_ignition(w_caco3: float, w_mgco3: float, w_bound_water: float, w_organic: float) -> float:
    """Loss on ignition (950 °C) of a dry raw meal, mass fraction.

    CO2 of the carbonates plus the clay-bound water plus the organic matter, all given
    as mass fractions of the dry raw meal: ``w_CaCO3 M_CO2/M_CaCO3 + w_MgCO3 M_CO2/M_MgCO3
    + w_bound_water + w_organic`` (stoichiometry; organic matter assumed to burn off
    completely).
    """
    return w_caco3 * M_CO2 / M_CACO3 + w_mgco3 * M_CO2 / M_MGCO3 + w_bound_water + w_organic


@njit(cache=True)
def raw_meal_factor(loi: float, ash_absorbed: float) -> float:
    """Dry raw meal per kg clinker, ``(1 - ash) / (1 - LOI)``, kg/kg.

    The plant formula (e.g. Peray 1986 [7]_): what the raw meal loses on ignition does
    not reach the clinker, and the fuel ash absorbed (kg ash per kg clinker) replaces
    raw meal. Dust losses and bypass are not included.
    """
    return (1.0 - ash_absorbed) / (1.0 - loi)


@njit(cache=True)
def raw_meal_loi_for_clinker(w: np.ndarray, caco3_share: float, mgco3_share: float, bound_water: float) -> float:
    """LOI of the dry raw meal that burns to clinker ``w`` (no ash, no organic matter).

    Per kg clinker the raw meal carries the calcination CO2 of :func:`process_co2` and
    the bound water, a mass fraction ``bound_water`` of the dry raw meal:
    ``RM = (1 + CO2) / (1 - bound_water)``, ``LOI = 1 - 1/RM``.
    """
    rm = (1.0 + process_co2(w, caco3_share, mgco3_share)) / (1.0 - bound_water)
    return 1.0 - 1.0 / rm


# ------------------------------------------------------------------ enthalpies
@njit(cache=True)
def calcination_enthalpy_molar() -> float:
    """Enthalpy of CaCO3(calcite) -> CaO + CO2(g) at 298.15 K, J/mol CaCO3.

    From the NBS formation enthalpies (Wagman et al. 1982) [6]_:
    -635.09 - 393.509 + 1206.92 = 178.32 kJ/mol.
    """
    return DHF_CAO + DHF_CO2 - DHF_CACO3


@njit(cache=True)
def calcination_enthalpy() -> float:
    """Enthalpy of calcination of CaCO3 at 298.15 K, J/kg CaCO3 (1.782 MJ/kg).

    :func:`calcination_enthalpy_molar` / 100.086 g/mol.
    """
    return calcination_enthalpy_molar() / M_CACO3


@njit(cache=True)
def magnesite_decomposition_enthalpy() -> float:
    """Enthalpy of MgCO3 -> MgO + CO2(g) at 298.15 K, J/kg MgCO3 (NBS tables, 1.193 MJ/kg).

    -601.70 - 393.509 + 1095.8 = 100.59 kJ/mol (Wagman et al. 1982). Other compilations
    differ by up to 17 kJ/mol for magnesite (e.g. NASA TM-4513 gives 117 kJ/mol).
    """
    return (DHF_MGO + DHF_CO2 - DHF_MGCO3) / M_MGCO3


@njit(cache=True)
def theoretical_heat_zur_strassen(w: np.ndarray) -> float:
    """Theoretical heat of clinker formation, J/kg clinker (zur Strassen 1957).

    ``Q [kJ/kg] = 17.19 A + 27.10 M + 32.01 C - 21.40 S - 2.47 F`` with the oxides in
    mass percent of the clinker [7]_ (Peray's kcal form: 4.11 A + 6.48 M + 7.646 C -
    5.116 S - 0.59 F). The balance of a raw meal of calcite, magnesite, kaolinitic clay,
    quartz and hematite at 20 °C burnt to clinker at 20 °C with CO2 and water vapour
    released at 20 °C: calcination and clay dehydration (endothermic) minus the heat of
    combination of the clinker phases (exothermic). Typical Portland clinkers give
    1.70-1.85 MJ/kg.
    """
    pct = 100.0
    kj = (17.19 * pct * w[AL2O3] + 27.10 * pct * w[MGO] + 32.01 * pct * w[CAO]
          - 21.40 * pct * w[SIO2] - 2.47 * pct * w[FE2O3])
    return 1.0e3 * kj


# ----------------------------------------------------------- calcination equilibrium
@njit(cache=True)
def calcination_equilibrium_pressure(T: float) -> float:
    """Equilibrium CO2 pressure over CaCO3/CaO, Pa: ``log10(p/atm) = 7.079 - 8308/T``.

    Baker (1962) [8]_, measured 1000-1500 K; 1 atm is reached at 1174 K (901 °C).
    """
    return 101325.0 * 10.0 ** (7.079 - 8308.0 / T)


@njit(cache=True)
def calcination_equilibrium_temperature(p_co2: float) -> float:
    """Temperature at which CaCO3 is in equilibrium with CO2 at ``p_co2`` (Pa), K (Baker 1962).

    Inverse of :func:`calcination_equilibrium_pressure`; NaN for ``p_co2 <= 0``.
    """
    if not p_co2 > 0.0:
        return np.nan
    return 8308.0 / (7.079 - np.log10(p_co2 / 101325.0))
