"""Thermochemistry of the condensed phases of raw meal, kiln bed and clinker.

One table serves the pyro-line balances (:mod:`kernels.meal`) and the 1-D kiln bed
(:mod:`kernels.kiln_solids`). Species ``k`` (``CACO3`` ... ``C4AF``):

- eight with their own NASA 7-coefficient polynomials (``k < N_NASA``): calcite, lime,
  magnesite, periclase, quartz, corundum, hematite and liquid water;
- ``MINOR``: the minor oxides of a meal (SO3, alkalis, TiO2, P2O5, unanalysed), lumped
  as one inert pseudo-species with the sensible heat of corundum, no formation enthalpy
  and a "molar" mass equal to that of Al2O3 (one ``X`` unit per formula);
- the clinker phases belite C2S, alite C3S, aluminate C3A and ferrite C4AF, composed of
  their oxides (:data:`COMPOSITION`): heat capacity by the Neumann-Kopp rule (sum of the
  oxides), enthalpy the sum of the oxides plus the enthalpy of formation from the oxides
  at 298.15 K (:data:`DH_FROM_OXIDES`). Reaction enthalpies between oxides and phases are
  therefore those at 298.15 K at every temperature (zero heat-capacity change, the
  assumption of the Kopp-Neumann clinker of :mod:`kernels.meal`). The quartz alpha-beta
  heat (0.73 kJ/mol) stays inside the silicates as a small heat-capacity peak at 847 K.

The enthalpy convention is that of :mod:`kernels.thermo`: ``h(298.15 K)`` is the standard
enthalpy of formation, so heats of reaction such as CaCO3 -> CaO + CO2 follow from
differences of ``h`` together with the gas species; the calcination enthalpy at
298.15 K, ``h(CaO) + h(CO2) - h(CaCO3)``, is 178.3 kJ/mol = 1.782 MJ/kg CaCO3.

NASA polynomials
----------------
A species may have up to three coefficient sets, for ``T < T_BREAK1``,
``T_BREAK1 <= T < T_BREAK2`` and ``T >= T_BREAK2``; quartz uses all three (alpha-quartz
below 847 K, beta-quartz above). Where two fits of one phase meet (1000 K joints), the
upper set is shifted (its ``a5``) so that ``h`` joins exactly, which moves the enthalpies
by less than 0.03 J/mol. Where two phases meet (quartz alpha-beta, ``T_BLEND > 0``) the
two sets are blended with a smooth step over ``T_BREAK1 +- T_BLEND``: each set is
continued beyond its range with its end heat capacity and
``h = (1 - s) h_a + s h_b``, ``s = u^2 (3 - 2 u)``; this spreads the transition enthalpy
over 20 K as a smooth heat-capacity peak (a lambda transition in reality) and keeps
``h(T)`` continuously differentiable for Newton's method. Outside the fitted range
``[T_LOW, T_HIGH]`` the heat capacity is frozen at the nearer range end, the
extrapolation rule of :mod:`kernels.thermo` (CaCO3 above 1200 K and MgCO3 above 1000 K
exist only as metastable book-keeping states).

Sources
-------
- NASA coefficients extracted from ``nasa_condensed.yaml`` of Cantera 3.2, which
  reproduces McBride, Gordon & Reno (1993) [1]_: CaCO3 "BAR 89" (Barin 1989 [2]_); CaO,
  MgCO3, MgO, SiO2 (alpha and beta quartz), Al2O3, Fe2O3 from the JANAF tables [3]_
  ("J 6/73", "J12/66", "J12/74", "J 6/67", "J12/79", "J 6/65"); H2O(l) "L 8/89".
- Standard enthalpies of formation of C3S, C2S, C3A and C4AF and of the oxides lime,
  quartz and hematite as compiled by Moore [4]_; corundum from JANAF [3]_. From the
  oxides at 298.15 K this gives -126.5 (C2S), -113.1 (C3S), -7.6 (C3A) and -51.4 (C4AF)
  kJ/mol, i.e. -734, -495, -28 and -106 kJ/kg, the heats of formation of the clinker
  phases from the oxides that Taylor [5]_ tabulates (-734, -495, -27, -105 kJ/kg).

References
----------
.. [1] B. J. McBride, S. Gordon, M. A. Reno (1993), "Coefficients for calculating
   thermodynamic and transport properties of individual species", NASA TM-4513.
.. [2] I. Barin (1989), "Thermochemical Data of Pure Substances", VCH, Weinheim.
.. [3] M. W. Chase (1998), "NIST-JANAF Thermochemical Tables", 4th ed., J. Phys. Chem.
   Ref. Data Monograph 9.
.. [4] D. Moore, "Enthalpy of formation data", cementkilns.co.uk (standard enthalpies of
   formation at 298.15 K, 101325 Pa, for cement-kiln phases).
.. [5] H. F. W. Taylor (1997), "Cement Chemistry", 2nd ed., Thomas Telford, London.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.thermo import ATOMIC_WEIGHT, EL_C, EL_H, EL_O, R_GAS

# --------------------------------------------------------------------------- species
CACO3, CAO, MGCO3, MGO, SIO2, AL2O3, FE2O3, H2O_L, MINOR, C2S, C3S, C3A, C4AF = range(13)
N_SOLIDS = 13
N_NASA = 8  # species 0..7 have NASA polynomials; MINOR and the clinker phases are composed of them
SOLID_NAMES = ("CaCO3", "CaO", "MgCO3", "MgO", "SiO2", "Al2O3", "Fe2O3", "H2O(l)", "minor",
               "C2S", "C3S", "C3A", "C4AF")

# --------------------------------------------------------------------- elements
#: Element columns of :data:`SOLID_ELEMENTS`; ``X`` counts the minor-oxide pseudo-species.
SE_C, SE_H, SE_O, SE_CA, SE_MG, SE_SI, SE_AL, SE_FE, SE_X = range(9)
N_SOLID_ELEMENTS = 9
SOLID_ELEMENT_NAMES = ("C", "H", "O", "Ca", "Mg", "Si", "Al", "Fe", "X")

#: Atoms per formula unit (X: minor-oxide units, O: all oxygen).
SOLID_ELEMENTS = np.array([
    # C   H    O    Ca   Mg   Si   Al   Fe   X
    [1.0, 0.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # CaCO3
    [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # CaO
    [1.0, 0.0, 3.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],  # MgCO3
    [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],  # MgO
    [0.0, 0.0, 2.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],  # SiO2
    [0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0],  # Al2O3
    [0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0],  # Fe2O3
    [0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # H2O(l)
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],  # minor
    [0.0, 0.0, 4.0, 2.0, 0.0, 1.0, 0.0, 0.0, 0.0],  # C2S  Ca2SiO4
    [0.0, 0.0, 5.0, 3.0, 0.0, 1.0, 0.0, 0.0, 0.0],  # C3S  Ca3SiO5
    [0.0, 0.0, 6.0, 3.0, 0.0, 0.0, 2.0, 0.0, 0.0],  # C3A  Ca3Al2O6
    [0.0, 0.0, 10.0, 4.0, 0.0, 0.0, 2.0, 2.0, 0.0],  # C4AF Ca4Al2Fe2O10
])

_AW_CA, _AW_MG, _AW_SI, _AW_AL, _AW_FE = 40.078e-3, 24.305e-3, 28.085e-3, 26.982e-3, 55.845e-3
#: Atomic weights, kg/mol: C, H, O as in :mod:`kernels.thermo`, Ca, Mg, Si, Al, Fe from the
#: IUPAC 2021 standard atomic weights (Prohaska et al. 2022, Pure Appl. Chem. 94, 573); the
#: X unit weighs one Al2O3.
SOLID_ATOMIC_WEIGHT = np.array([ATOMIC_WEIGHT[EL_C], ATOMIC_WEIGHT[EL_H], ATOMIC_WEIGHT[EL_O], _AW_CA, _AW_MG,
                                _AW_SI, _AW_AL, _AW_FE, 2.0 * _AW_AL + 3.0 * ATOMIC_WEIGHT[EL_O]])
#: Molar masses, kg/mol, from the atomic weights (so that, e.g., M(CaCO3) = M(CaO) + M(CO2)
#: with the M(CO2) of :mod:`kernels.thermo`).
MOLAR_MASS_SOLID = SOLID_ELEMENTS @ SOLID_ATOMIC_WEIGHT

# ------------------------------------------------------------------- NASA polynomials
#: Coefficients a0..a6 for T < T_BREAK1.
NASA7_A = np.array(
    [
        [-1.76968953, 0.0618884685, -8.82380139e-05, 4.61909015e-08, -2.9872974e-12,
         -146691.812, 6.32412532],  # CaCO3  BAR 89
        [1.6937688, 0.018149663, -2.8372609e-05, 2.0513539e-08, -5.5175768e-12,
         -77482.769, -9.3710081],  # CaO    J 6/73
        [1.3491924, 0.036934112, -4.4492952e-05, 3.1815906e-08, -9.75453e-12,
         -135416.85, -9.0618732],  # MgCO3  J12/66
        [-0.45403953, 0.027873269, -4.9062247e-05, 4.0474151e-08, -1.2670344e-11,
         -73057.948, -0.6355202],  # MgO    J12/74
        [-0.75851138, 0.0305773989, -4.00861855e-05, 2.16194849e-08, -6.17249042e-13,
         -110371.483, 1.78384529],  # SiO2   J 6/67, alpha-quartz
        [-4.9138309, 0.079398443, -0.00013237918, 1.044675e-07, -3.156633e-11,
         -202626.22, 15.478073],  # Al2O3  J12/79
        [-7.7037843, 0.13647471, -0.00032905655, 3.8150478e-07, -1.6310285e-10,
         -100800.76, 25.292085],  # Fe2O3  J 6/65
        [72.5575005, -0.662445402, 0.00256198746, -4.36591923e-06, 2.78178981e-09,
         -41886.5499, -288.280137],  # H2O(l) L 8/89
    ]
)

#: Coefficients for T_BREAK1 <= T < T_BREAK2.
NASA7_B = np.array(
    [
        [14.4388162, -0.00139777807, 2.04333103e-06, 0.0, 0.0, -150400.71, -72.8445489],
        [5.6557517, 0.0010165439, -2.5576899e-07, 5.4514395e-11, -4.257995e-15,
         -78238.381, -28.223372],
        [1.3491924, 0.036934112, -4.4492952e-05, 3.1815906e-08, -9.75453e-12,
         -135416.85, -9.0618732],
        [5.0448681, 0.0016898201, -7.5617695e-07, 2.0286893e-10, -2.0591271e-14,
         -74029.285, -26.328892],
        [7.11787621, 0.00113819527, 3.69734234e-08, 0.0, 0.0, -111794.194,
         -36.3708064],  # beta-quartz, 847-1000 K
        [11.833666, 0.0037708878, -1.7863191e-07, -5.6008807e-10, 1.4076825e-13,
         -205711.31, -63.599835],
        [40.49753, -0.046131596, 3.1826406e-05, -8.9226331e-09, 8.4655417e-13,
         -113176.27, -216.35088],
        [72.5575005, -0.662445402, 0.00256198746, -4.36591923e-06, 2.78178981e-09,
         -41886.5499, -288.280137],
    ]
)

#: Coefficients for T >= T_BREAK2 (equal to NASA7_B except for quartz).
NASA7_C = NASA7_B.copy()
NASA7_C[SIO2] = [7.23537106, 0.000761842227, 4.89502294e-07, -2.35754591e-10, 4.20839131e-14,
                 -111823.834, -36.9642796]  # beta-quartz, 1000-1696 K

T_LOW_SOLID = np.array([298.15, 300.0, 300.0, 300.0, 200.0, 300.0, 300.0, 273.15])
T_BREAK1 = np.array([1000.0, 1000.0, 1000.0, 1000.0, 847.0, 1000.0, 1000.0, 600.0])
T_BREAK2 = np.array([1200.0, 3200.0, 1000.0, 3105.0, 1000.0, 2327.0, 2500.0, 600.0])
T_HIGH_SOLID = np.array([1200.0, 3200.0, 1000.0, 3105.0, 1696.0, 2327.0, 2500.0, 600.0])
#: Half-width of the smooth blend across a phase transition at T_BREAK1, K (0: a fit joint).
T_BLEND = np.array([0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 0.0])

# ------------------------------------------------------------ composed species
#: Formula units of the NASA species (columns 0..7) in each composed species (rows MINOR..C4AF).
COMPOSITION = np.zeros((N_SOLIDS, N_NASA))
COMPOSITION[MINOR, AL2O3] = 1.0
COMPOSITION[C2S, CAO], COMPOSITION[C2S, SIO2] = 2.0, 1.0
COMPOSITION[C3S, CAO], COMPOSITION[C3S, SIO2] = 3.0, 1.0
COMPOSITION[C3A, CAO], COMPOSITION[C3A, AL2O3] = 3.0, 1.0
COMPOSITION[C4AF, CAO], COMPOSITION[C4AF, AL2O3], COMPOSITION[C4AF, FE2O3] = 4.0, 1.0, 1.0

#: Standard enthalpies of formation at 298.15 K, J/mol (module notes: Moore; JANAF for Al2O3).
DHF_PHASE = {"CaO": -635.09e3, "SiO2": -910.86e3, "Al2O3": -1675.69e3, "Fe2O3": -825.48e3,
             "C2S": -2307.50e3, "C3S": -2929.20e3, "C3A": -3588.60e3, "C4AF": -5092.89e3}

#: Enthalpy of formation of each composed species from its oxides at 298.15 K, J/mol
#: (0 for the NASA species; MINOR carries none).
DH_FROM_OXIDES = np.zeros(N_SOLIDS)
DH_FROM_OXIDES[C2S] = DHF_PHASE["C2S"] - 2.0 * DHF_PHASE["CaO"] - DHF_PHASE["SiO2"]
DH_FROM_OXIDES[C3S] = DHF_PHASE["C3S"] - 3.0 * DHF_PHASE["CaO"] - DHF_PHASE["SiO2"]
DH_FROM_OXIDES[C3A] = DHF_PHASE["C3A"] - 3.0 * DHF_PHASE["CaO"] - DHF_PHASE["Al2O3"]
DH_FROM_OXIDES[C4AF] = DHF_PHASE["C4AF"] - 4.0 * DHF_PHASE["CaO"] - DHF_PHASE["Al2O3"] - DHF_PHASE["Fe2O3"]


def _h_rt(a: np.ndarray, T: float) -> float:
    return a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5))) + a[5] / T


def _cp_r(a: np.ndarray, T: float) -> float:
    return a[0] + T * (a[1] + T * (a[2] + T * (a[3] + T * a[4])))


def _join_coefficient_sets() -> None:
    """Shift a5 of the upper sets so that h is continuous at fit joints (not at phase blends)."""
    for k in range(N_NASA):
        tb = T_BREAK1[k]
        if T_BLEND[k] == 0.0 and tb < T_HIGH_SOLID[k]:
            NASA7_B[k, 5] += (_h_rt(NASA7_A[k], tb) - _h_rt(NASA7_B[k], tb)) * tb
        tb = T_BREAK2[k]
        if tb < T_HIGH_SOLID[k]:
            NASA7_C[k, 5] += (_h_rt(NASA7_B[k], tb) - _h_rt(NASA7_C[k], tb)) * tb
        else:
            NASA7_C[k] = NASA7_B[k]  # no third range: the top end uses the (shifted) second set


_join_coefficient_sets()


def _h_minor_offset() -> float:
    """Minus the enthalpy of Al2O3 at 298.15 K (J/mol), so that the minor lump has none.

    Plain Python at import (no compilation): 298.15 K lies below T_LOW of corundum, where
    the heat capacity is frozen at its T_LOW value (the rule of :func:`solid_cp_h`).
    """
    a = NASA7_A[AL2O3]
    tl = T_LOW_SOLID[AL2O3]
    return -R_GAS * (_h_rt(a, tl) * tl + _cp_r(a, tl) * (298.15 - tl))


DH_FROM_OXIDES[MINOR] = _h_minor_offset()


# ----------------------------------------------------------------------- kernels
_SET = np.array([0, 1, 2], dtype=np.int64)  # coefficient-set numbers as array data (no literal specialisations)


@njit(cache=True)
def _range_cp_h(k: int, r: int, T: float) -> tuple[float, float]:
    """cp [J/(mol K)] and h [J/mol] of coefficient set r (0, 1, 2) of NASA species k.

    Outside the set's own range (and outside [T_LOW, T_HIGH]) the set is continued with its
    end heat capacity.
    """
    if r == 0:
        lo = T_LOW_SOLID[k]
        hi = T_BREAK1[k]
        a = NASA7_A[k]
    elif r == 1:
        lo = T_BREAK1[k]
        hi = T_BREAK2[k]
        a = NASA7_B[k]
    else:
        lo = T_BREAK2[k]
        hi = T_HIGH_SOLID[k]
        a = NASA7_C[k]
    t = min(max(T, lo), hi)
    cp_r = a[0] + t * (a[1] + t * (a[2] + t * (a[3] + t * a[4])))
    h_rt = a[0] + t * (a[1] / 2.0 + t * (a[2] / 3.0 + t * (a[3] / 4.0 + t * a[4] / 5.0))) + a[5] / t
    return R_GAS * cp_r, R_GAS * (h_rt * t + cp_r * (T - t))


@njit(cache=True)
def _nasa_cp_h(k: int, T: float) -> tuple[float, float]:
    """cp [J/(mol K)] and h [J/mol] of NASA species k (module notes: joints, blends, extrapolation)."""
    tb = T_BREAK1[k]
    w = T_BLEND[k]
    if w > 0.0 and abs(T - tb) < w:
        cp_a, h_a = _range_cp_h(k, _SET[0], T)
        cp_b, h_b = _range_cp_h(k, _SET[1], T)
        u = (T - tb + w) / (2.0 * w)
        s = u * u * (3.0 - 2.0 * u)
        ds = 6.0 * u * (1.0 - u) / (2.0 * w)
        return (1.0 - s) * cp_a + s * cp_b + ds * (h_b - h_a), (1.0 - s) * h_a + s * h_b
    r = _SET[0]
    if not (T < tb or tb >= T_HIGH_SOLID[k]):
        r = _SET[1] if (T < T_BREAK2[k] or T_BREAK2[k] >= T_HIGH_SOLID[k]) else _SET[2]
    return _range_cp_h(k, r, T)


@njit(cache=True)
def solid_cp_h(k: int, T: float) -> tuple[float, float]:
    """Molar heat capacity and absolute molar enthalpy of condensed species ``k``.

    Parameters
    ----------
    k : int
        Species index (``CACO3`` ... ``C4AF``).
    T : float
        Temperature, K (> 0).

    Returns
    -------
    cp : float
        J/(mol K).
    h : float
        J/mol, formation enthalpy at 298.15 K included (NASA convention, McBride & Gordon
        1992, NASA RP-1271). NASA species: heat capacity frozen at the range end outside
        ``[T_LOW_SOLID[k], T_HIGH_SOLID[k]]``. Composed species: sum over the oxides of
        :data:`COMPOSITION` plus :data:`DH_FROM_OXIDES` (Neumann-Kopp).
    """
    if k < N_NASA:
        return _nasa_cp_h(k, T)
    cp = 0.0
    h = DH_FROM_OXIDES[k]
    for j in range(N_NASA):
        nu = COMPOSITION[k, j]
        if nu != 0.0:
            cp_j, h_j = _nasa_cp_h(j, T)
            cp += nu * cp_j
            h += nu * h_j
    return cp, h


@njit(cache=True)
def h_solid(k: int, T: float) -> float:
    """Absolute molar enthalpy of condensed species ``k``, J/mol (see :func:`solid_cp_h`)."""
    _cp, h = solid_cp_h(k, T)
    return h


@njit(cache=True)
def cp_solid(k: int, T: float) -> float:
    """Molar heat capacity of condensed species ``k``, J/(mol K) (see :func:`solid_cp_h`)."""
    cp, _h = solid_cp_h(k, T)
    return cp


@njit(cache=True)
def h_solid_mass(k: int, T: float) -> float:
    """Absolute specific enthalpy of condensed species ``k``, J/kg."""
    _cp, h = solid_cp_h(k, T)
    return h / MOLAR_MASS_SOLID[k]


@njit(cache=True)
def cp_solid_mass(k: int, T: float) -> float:
    """Specific heat capacity of condensed species ``k``, J/(kg K)."""
    cp, _h = solid_cp_h(k, T)
    return cp / MOLAR_MASS_SOLID[k]
