"""Thermochemistry of the condensed phases of cement raw meal and clinker.

NASA 7-coefficient polynomials of the solids (and liquid water) that a cement raw meal
turns into clinker with: calcite, lime, magnesite, periclase, quartz, corundum,
hematite. The polynomial form and the enthalpy convention are those of
:mod:`kernels.thermo` (McBride & Gordon 1992): ``h(298.15 K)`` is the standard enthalpy
of formation, so heats of reaction such as CaCO3 -> CaO + CO2 follow from differences
of ``h`` together with the gas species of :mod:`kernels.thermo`.

A species may have up to three coefficient sets, for ``T < T_BREAK1``,
``T_BREAK1 <= T < T_BREAK2`` and ``T >= T_BREAK2``: quartz uses all three (alpha-quartz
below 847 K, beta-quartz above). The enthalpy is made continuous everywhere, so that a
temperature found from an enthalpy reproduces it exactly: the 0.73 kJ/mol alpha-beta
transition of quartz is spread linearly over 847 ± 10 K (a heat-capacity peak, close to
the real lambda transition), and the upper coefficient sets are shifted (their ``a5``)
so that ``h`` joins at 1000 K, which moves the enthalpies by less than 0.03 J/mol.
Outside the fitted range ``[T_LOW, T_HIGH]`` the heat
capacity is frozen at the nearer range end, the extrapolation rule of
:mod:`kernels.thermo` (CaCO3 above 1200 K and MgCO3 above 1000 K exist only as
metastable book-keeping states: they have decomposed long before in a kiln).

Sources of the coefficients (extracted from ``nasa_condensed.yaml`` shipped with
Cantera 3.2, which reproduces McBride, Gordon & Reno 1993, NASA TM-4513 [1]_; the note
of each species names the data behind its fit):

- CaCO3 (calcite): "BAR 89", Barin (1989) [2]_;
- CaO, MgCO3, MgO, SiO2 (alpha and beta quartz), Al2O3 (corundum), Fe2O3 (hematite):
  JANAF tables [3]_ ("J 6/73", "J12/66", "J12/74", "J 6/67", "J12/79", "J 6/65");
- H2O (liquid, 273.15-600 K): "L 8/89", Gurvich et al. via NASA TM-4513.

References
----------
.. [1] B. J. McBride, S. Gordon, M. A. Reno (1993), "Coefficients for calculating
   thermodynamic and transport properties of individual species", NASA TM-4513.
.. [2] I. Barin (1989), "Thermochemical Data of Pure Substances", VCH, Weinheim.
.. [3] M. W. Chase (1998), "NIST-JANAF Thermochemical Tables", 4th ed., J. Phys. Chem.
   Ref. Data Monograph 9.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.thermo import R_GAS

# --------------------------------------------------------------------------- species
CACO3, CAO, MGCO3, MGO, SIO2, AL2O3, FE2O3, H2O_L = range(8)
N_SOLIDS = 8
SOLID_NAMES = ("CaCO3", "CaO", "MgCO3", "MgO", "SiO2", "Al2O3", "Fe2O3", "H2O(l)")

#: Molar masses, kg/mol, from the IUPAC 2021 standard atomic weights (Prohaska et al.
#: 2022, Pure Appl. Chem. 94, 573): Ca 40.078, Mg 24.305, Si 28.085, Al 26.982,
#: Fe 55.845, C 12.011, O 15.999, H 1.008.
MOLAR_MASS_SOLID = np.array(
    [
        0.100086,  # CaCO3
        0.056077,  # CaO
        0.084313,  # MgCO3
        0.040304,  # MgO
        0.060083,  # SiO2
        0.101961,  # Al2O3
        0.159687,  # Fe2O3
        0.018015,  # H2O
    ]
)

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
#: Half-width of the linear enthalpy ramp across a phase transition at T_BREAK1, K.
T_RAMP = np.array([0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 0.0])


def _h_rt(a: np.ndarray, T: float) -> float:
    return a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5))) + a[5] / T


def _join_coefficient_sets() -> None:
    """Shift a5 of the upper sets so that h is continuous where the fits meet (not at ramps)."""
    for k in range(N_SOLIDS):
        tb = T_BREAK1[k]
        if T_RAMP[k] == 0.0 and tb < T_HIGH_SOLID[k]:
            NASA7_B[k, 5] += (_h_rt(NASA7_A[k], tb) - _h_rt(NASA7_B[k], tb)) * tb
        tb = T_BREAK2[k]
        if tb < T_HIGH_SOLID[k]:
            NASA7_C[k, 5] += (_h_rt(NASA7_B[k], tb) - _h_rt(NASA7_C[k], tb)) * tb
        else:
            NASA7_C[k] = NASA7_B[k]  # no third range: the top end uses the (shifted) second set


_join_coefficient_sets()


@njit(cache=True)
def _set(k: int, T: float) -> tuple[float, float]:
    """cp/R and h/(R T) from the coefficient set of species ``k`` that covers ``T``."""
    if T < T_BREAK1[k]:
        a = NASA7_A[k]
    elif T < T_BREAK2[k]:
        a = NASA7_B[k]
    else:
        a = NASA7_C[k]
    cp = a[0] + T * (a[1] + T * (a[2] + T * (a[3] + T * a[4])))
    h = a[0] + T * (a[1] / 2.0 + T * (a[2] / 3.0 + T * (a[3] / 4.0 + T * a[4] / 5.0))) + a[5] / T
    return cp, h


@njit(cache=True)
def _poly(k: int, T: float) -> tuple[float, float]:
    """cp/R and h/(R T) of species ``k`` at ``T``, with the transition ramp (no range check)."""
    dt = T_RAMP[k]
    if dt > 0.0 and abs(T - T_BREAK1[k]) < dt:
        t_a = T_BREAK1[k] - dt
        t_b = T_BREAK1[k] + dt
        _cpa, ha = _set(k, t_a)
        _cpb, hb = _set(k, t_b)
        cp = (hb * t_b - ha * t_a) / (t_b - t_a)
        h = ha * t_a + cp * (T - t_a)
        return cp, h / T
    return _set(k, T)


@njit(cache=True)
def solid_cp_h(k: int, T: float) -> tuple[float, float]:
    """Molar heat capacity and absolute molar enthalpy of condensed species ``k``.

    Parameters
    ----------
    k : int
        Species index (``CACO3`` ... ``H2O_L``).
    T : float
        Temperature, K (> 0).

    Returns
    -------
    cp : float
        J/(mol K).
    h : float
        J/mol, formation enthalpy at 298.15 K included (NASA convention, McBride & Gordon
        1992, NASA RP-1271). Heat capacity frozen at the range end outside
        ``[T_LOW_SOLID[k], T_HIGH_SOLID[k]]``.
    """
    tl = T_LOW_SOLID[k]
    th = T_HIGH_SOLID[k]
    if T < tl:
        cp, h = _poly(k, tl)
        return R_GAS * cp, R_GAS * (h * tl + cp * (T - tl))
    if T > th:
        cp, h = _poly(k, th)
        return R_GAS * cp, R_GAS * (h * th + cp * (T - th))
    cp, h = _poly(k, T)
    return R_GAS * cp, R_GAS * h * T


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
