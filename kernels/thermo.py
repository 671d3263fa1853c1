"""Ideal-gas thermochemistry of combustion gases from NASA 7-coefficient polynomials.

Seventeen species cover fuel gas, humid air and flue gas, including the radicals of a
dissociated flame. For species ``k`` the NASA polynomials [1]_ give, with ``R = R_GAS``,

.. math::

    c_p/R &= a_0 + a_1 T + a_2 T^2 + a_3 T^3 + a_4 T^4 \\\\
    h/(R T) &= a_0 + a_1 T/2 + a_2 T^2/3 + a_3 T^3/4 + a_4 T^4/5 + a_5/T \\\\
    s^\\circ/R &= a_0 \\ln T + a_1 T + a_2 T^2/2 + a_3 T^3/3 + a_4 T^4/4 + a_6

with one coefficient set below ``T_MID[k]`` and one above. Enthalpies are absolute in
the NASA/Chemkin convention: ``h(298.15 K)`` equals the standard enthalpy of formation,
so that heats of reaction follow from differences of ``h``. Entropies are at the
standard pressure ``P_REF = 1 bar``.

Outside the fitted range ``[T_LOW[k], T_HIGH[k]]`` of a species its heat capacity is held
at the value at the nearer range end, so ``h`` continues linearly and ``s`` as
``cp ln T``: every property stays finite, continuous and thermodynamically consistent
(``dh = T ds = cp dT``) at any positive temperature. This is the one extrapolation
rule used everywhere in the kernels.

Sources of the coefficients (extracted from the data files shipped with Cantera 3.2 [2]_):

- N2, O2, AR, H2O, CO2, CO, H2, CH4, C2H6, C3H8, OH, H, O, NO: ``gri30.yaml``,
  GRI-Mech 3.0 [3]_;
- C4H10 (n-butane), H2S, SO2: ``nasa_gas.yaml``, the NASA database of McBride, Gordon
  and Reno [4]_ (notes "L 6/90", "J 6/77" and "J 6/61").

References
----------
.. [1] B. J. McBride, S. Gordon (1992), "Computer program for calculating and fitting
   thermodynamic functions", NASA Reference Publication 1271.
.. [2] D. G. Goodwin, H. K. Moffat, I. Schoegl, R. L. Speth, B. W. Weber (2025),
   "Cantera: An object-oriented software toolkit for chemical kinetics,
   thermodynamics, and transport processes", version 3.2, https://www.cantera.org.
.. [3] G. P. Smith, D. M. Golden, M. Frenklach, et al. (1999), "GRI-Mech 3.0",
   http://combustion.berkeley.edu/gri-mech/.
.. [4] B. J. McBride, S. Gordon, M. A. Reno (1993), "Coefficients for calculating
   thermodynamic and transport properties of individual species", NASA TM-4513.
.. [5] T. Prohaska, J. Irrgeher, J. Benefield, et al. (2022), "Standard atomic weights
   of the elements 2021 (IUPAC Technical Report)", Pure Appl. Chem. 94, 573-600.
.. [6] E. Tiesinga, P. J. Mohr, D. B. Newell, B. N. Taylor (2021), "CODATA recommended
   values of the fundamental physical constants: 2018", Rev. Mod. Phys. 93, 025010.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# --------------------------------------------------------------------------- species
N2, O2, AR, H2O, CO2, CO, H2, CH4, C2H6, C3H8, C4H10, H2S, SO2, OH, H, O, NO = range(17)  # noqa: E741
N_SPECIES = 17
SPECIES_NAMES = (
    "N2", "O2", "AR", "H2O", "CO2", "CO", "H2", "CH4", "C2H6", "C3H8", "C4H10",
    "H2S", "SO2", "OH", "H", "O", "NO",
)

#: Molar gas constant, J/(mol K) (exact since the 2019 SI redefinition) [6]_.
R_GAS = 8.314462618
#: Standard-state pressure of the entropies, Pa.
P_REF = 1.0e5
#: Reference temperature of formation enthalpies, K.
T_REF = 298.15

# ---------------------------------------------------------------------------- elements
EL_C, EL_H, EL_O, EL_N, EL_S, EL_AR = range(6)
N_ELEMENTS = 6
ELEMENT_NAMES = ("C", "H", "O", "N", "S", "Ar")

#: Atoms of C, H, O, N, S, Ar in one molecule of each species.
ELEMENTS = np.array(
    [
        # C    H    O    N    S    Ar
        [0.0, 0.0, 0.0, 2.0, 0.0, 0.0],  # N2
        [0.0, 0.0, 2.0, 0.0, 0.0, 0.0],  # O2
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],  # AR
        [0.0, 2.0, 1.0, 0.0, 0.0, 0.0],  # H2O
        [1.0, 0.0, 2.0, 0.0, 0.0, 0.0],  # CO2
        [1.0, 0.0, 1.0, 0.0, 0.0, 0.0],  # CO
        [0.0, 2.0, 0.0, 0.0, 0.0, 0.0],  # H2
        [1.0, 4.0, 0.0, 0.0, 0.0, 0.0],  # CH4
        [2.0, 6.0, 0.0, 0.0, 0.0, 0.0],  # C2H6
        [3.0, 8.0, 0.0, 0.0, 0.0, 0.0],  # C3H8
        [4.0, 10.0, 0.0, 0.0, 0.0, 0.0],  # C4H10
        [0.0, 2.0, 0.0, 0.0, 1.0, 0.0],  # H2S
        [0.0, 0.0, 2.0, 0.0, 1.0, 0.0],  # SO2
        [0.0, 1.0, 1.0, 0.0, 0.0, 0.0],  # OH
        [0.0, 1.0, 0.0, 0.0, 0.0, 0.0],  # H
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],  # O
        [0.0, 0.0, 1.0, 1.0, 0.0, 0.0],  # NO
    ],
    dtype=np.float64,
)

#: Atomic weights of C, H, O, N, S, Ar in kg/mol: IUPAC 2021 abridged/conventional
#: values [5]_, the same Cantera uses.
ATOMIC_WEIGHT = np.array([12.011e-3, 1.008e-3, 15.999e-3, 14.007e-3, 32.06e-3, 39.95e-3])

#: Molar mass of each species, kg/mol (``ELEMENTS @ ATOMIC_WEIGHT``).
MOLAR_MASS = np.array(
    [
        0.028014,  # N2
        0.031998,  # O2
        0.039950,  # AR
        0.018015,  # H2O
        0.044009,  # CO2
        0.028010,  # CO
        0.002016,  # H2
        0.016043,  # CH4
        0.030070,  # C2H6
        0.044097,  # C3H8
        0.058124,  # C4H10
        0.034076,  # H2S
        0.064058,  # SO2
        0.017007,  # OH
        0.001008,  # H
        0.015999,  # O
        0.030006,  # NO
    ],
    dtype=np.float64,
)

# ------------------------------------------------------------------ NASA polynomials
#: Coefficients a0..a6 for T_LOW <= T <= T_MID.
NASA7_LOW = np.array(
    [
        [3.298677000e00, 1.408240400e-03, -3.963222000e-06, 5.641515000e-09,
         -2.444854000e-12, -1.020899900e03, 3.950372000e00],  # N2    gri30.yaml
        [3.782456360e00, -2.996734160e-03, 9.847302010e-06, -9.681295090e-09,
         3.243728370e-12, -1.063943560e03, 3.657675730e00],  # O2    gri30.yaml
        [2.500000000e00, 0.0, 0.0, 0.0,
         0.0, -7.453750000e02, 4.366000000e00],  # AR    gri30.yaml
        [4.198640560e00, -2.036434100e-03, 6.520402110e-06, -5.487970620e-09,
         1.771978170e-12, -3.029372670e04, -8.490322080e-01],  # H2O   gri30.yaml
        [2.356773520e00, 8.984596770e-03, -7.123562690e-06, 2.459190220e-09,
         -1.436995480e-13, -4.837196970e04, 9.901052220e00],  # CO2   gri30.yaml
        [3.579533470e00, -6.103536800e-04, 1.016814330e-06, 9.070058840e-10,
         -9.044244990e-13, -1.434408600e04, 3.508409280e00],  # CO    gri30.yaml
        [2.344331120e00, 7.980520750e-03, -1.947815100e-05, 2.015720940e-08,
         -7.376117610e-12, -9.179351730e02, 6.830102380e-01],  # H2    gri30.yaml
        [5.149876130e00, -1.367097880e-02, 4.918005990e-05, -4.847430260e-08,
         1.666939560e-11, -1.024664760e04, -4.641303760e00],  # CH4   gri30.yaml
        [4.291424920e00, -5.501542700e-03, 5.994382880e-05, -7.084662850e-08,
         2.686857710e-11, -1.152220550e04, 2.666823160e00],  # C2H6  gri30.yaml
        [9.335538100e-01, 2.642457900e-02, 6.105972700e-06, -2.197749900e-08,
         9.514925300e-12, -1.395852000e04, 1.920169100e01],  # C3H8  gri30.yaml
        [6.147468060e00, 1.559473890e-04, 9.679135170e-05, -1.254839100e-07,
         4.978165550e-11, -1.759944020e04, -1.094098790e00],  # C4H10 nasa_gas.yaml
        [3.932347600e00, -5.026090500e-04, 4.592847300e-06, -3.180721400e-09,
         6.649756100e-13, -3.650535900e03, 2.315790500e00],  # H2S   nasa_gas.yaml
        [3.266533800e00, 5.323790200e-03, 6.843755200e-07, -5.281004700e-09,
         2.559045400e-12, -3.690814800e04, 9.664651080e00],  # SO2   nasa_gas.yaml
        [3.992015430e00, -2.401317520e-03, 4.617938410e-06, -3.881133330e-09,
         1.364114700e-12, 3.615080560e03, -1.039254580e-01],  # OH    gri30.yaml
        [2.500000000e00, 7.053328190e-13, -1.995919640e-15, 2.300816320e-18,
         -9.277323320e-22, 2.547365990e04, -4.466828530e-01],  # H     gri30.yaml
        [3.168267100e00, -3.279318840e-03, 6.643063960e-06, -6.128066240e-09,
         2.112659710e-12, 2.912225920e04, 2.051933460e00],  # O     gri30.yaml
        [4.218476300e00, -4.638976000e-03, 1.104102200e-05, -9.336135400e-09,
         2.803577000e-12, 9.844623000e03, 2.280846400e00],  # NO    gri30.yaml
    ],
    dtype=np.float64,
)

#: Coefficients a0..a6 for T_MID <= T <= T_HIGH.
NASA7_HIGH = np.array(
    [
        [2.926640000e00, 1.487976800e-03, -5.684760000e-07, 1.009703800e-10,
         -6.753351000e-15, -9.227977000e02, 5.980528000e00],  # N2    gri30.yaml
        [3.282537840e00, 1.483087540e-03, -7.579666690e-07, 2.094705550e-10,
         -2.167177940e-14, -1.088457720e03, 5.453231290e00],  # O2    gri30.yaml
        [2.500000000e00, 0.0, 0.0, 0.0,
         0.0, -7.453750000e02, 4.366000000e00],  # AR    gri30.yaml
        [3.033992490e00, 2.176918040e-03, -1.640725180e-07, -9.704198700e-11,
         1.682009920e-14, -3.000429710e04, 4.966770100e00],  # H2O   gri30.yaml
        [3.857460290e00, 4.414370260e-03, -2.214814040e-06, 5.234901880e-10,
         -4.720841640e-14, -4.875916600e04, 2.271638060e00],  # CO2   gri30.yaml
        [2.715185610e00, 2.062527430e-03, -9.988257710e-07, 2.300530080e-10,
         -2.036477160e-14, -1.415187240e04, 7.818687720e00],  # CO    gri30.yaml
        [3.337279200e00, -4.940247310e-05, 4.994567780e-07, -1.795663940e-10,
         2.002553760e-14, -9.501589220e02, -3.205023310e00],  # H2    gri30.yaml
        [7.485149500e-02, 1.339094670e-02, -5.732858090e-06, 1.222925350e-09,
         -1.018152300e-13, -9.468344590e03, 1.843731800e01],  # CH4   gri30.yaml
        [1.071881500e00, 2.168526770e-02, -1.002560670e-05, 2.214120010e-09,
         -1.900028900e-13, -1.142639320e04, 1.511561070e01],  # C2H6  gri30.yaml
        [7.534136800e00, 1.887223900e-02, -6.271849100e-06, 9.147564900e-10,
         -4.783806900e-14, -1.646751600e04, -1.789234900e01],  # C3H8  gri30.yaml
        [9.445358340e00, 2.578580730e-02, -9.236191220e-06, 1.486327550e-09,
         -8.878971580e-14, -2.013821650e04, -2.634700760e01],  # C4H10 nasa_gas.yaml
        [2.745219900e00, 4.043460700e-03, -1.538451000e-06, 2.752024900e-10,
         -1.859209500e-14, -3.419944400e03, 8.054674500e00],  # H2S   nasa_gas.yaml
        [5.245136400e00, 1.970420400e-03, -8.037576900e-07, 1.514996900e-10,
         -1.055800400e-14, -3.755822700e04, -1.074048920e00],  # SO2   nasa_gas.yaml
        [3.092887670e00, 5.484297160e-04, 1.265052280e-07, -8.794615560e-11,
         1.174123760e-14, 3.858657000e03, 4.476696100e00],  # OH    gri30.yaml
        [2.500000010e00, -2.308429730e-11, 1.615619480e-14, -4.735152350e-18,
         4.981973570e-22, 2.547365990e04, -4.466829140e-01],  # H     gri30.yaml
        [2.569420780e00, -8.597411370e-05, 4.194845890e-08, -1.001777990e-11,
         1.228336910e-15, 2.921757910e04, 4.784338640e00],  # O     gri30.yaml
        [3.260605600e00, 1.191104300e-03, -4.291704800e-07, 6.945766900e-11,
         -4.033609900e-15, 9.920974600e03, 6.369302700e00],  # NO    gri30.yaml
    ],
    dtype=np.float64,
)

#: Lower end of the fitted range of each species, K.
T_LOW = np.array(
    [300.0, 200.0, 300.0, 200.0, 200.0, 200.0, 200.0, 200.0, 200.0,
     300.0, 200.0, 300.0, 300.0, 200.0, 200.0, 200.0, 200.0]
)
#: Temperature joining the two coefficient sets, K.
T_MID = np.full(17, 1000.0)
#: Upper end of the fitted range of each species, K.
T_HIGH = np.array(
    [5000.0, 3500.0, 5000.0, 3500.0, 3500.0, 3500.0, 3500.0, 3500.0, 3500.0,
     5000.0, 6000.0, 5000.0, 5000.0, 3500.0, 3500.0, 3500.0, 6000.0]
)

#: Bracket of :func:`temperature_from_h`, K.
T_SOLVE_MIN = 200.0
T_SOLVE_MAX = 6000.0


# ------------------------------------------------------------------ species functions
@njit(cache=True)
def _nasa_cp_h_s(k: int, T: float) -> tuple[float, float, float]:
    """cp/R, h/(R T), s/R of species ``k`` from its polynomial (no range check)."""
    if T < T_MID[k]:
        a0 = NASA7_LOW[k, 0]
        a1 = NASA7_LOW[k, 1]
        a2 = NASA7_LOW[k, 2]
        a3 = NASA7_LOW[k, 3]
        a4 = NASA7_LOW[k, 4]
        a5 = NASA7_LOW[k, 5]
        a6 = NASA7_LOW[k, 6]
    else:
        a0 = NASA7_HIGH[k, 0]
        a1 = NASA7_HIGH[k, 1]
        a2 = NASA7_HIGH[k, 2]
        a3 = NASA7_HIGH[k, 3]
        a4 = NASA7_HIGH[k, 4]
        a5 = NASA7_HIGH[k, 5]
        a6 = NASA7_HIGH[k, 6]
    cp = a0 + T * (a1 + T * (a2 + T * (a3 + T * a4)))
    h = a0 + T * (a1 / 2.0 + T * (a2 / 3.0 + T * (a3 / 4.0 + T * a4 / 5.0))) + a5 / T
    s = a0 * np.log(T) + T * (a1 + T * (a2 / 2.0 + T * (a3 / 3.0 + T * a4 / 4.0))) + a6
    return cp, h, s


@njit(cache=True)
def species_cp_h_s(k: int, T: float) -> tuple[float, float, float]:
    """Dimensionless heat capacity, enthalpy and entropy of one species.

    Parameters
    ----------
    k : int
        Species index (``N2`` ... ``NO``).
    T : float
        Temperature, K (> 0).

    Returns
    -------
    cp_R : float
        ``cp / R``.
    h_RT : float
        ``h / (R T)``, with ``h`` the absolute enthalpy (formation included).
    s_R : float
        ``s° / R`` at ``P_REF``.

    Notes
    -----
    NASA 7-coefficient polynomials [1]_ inside ``[T_LOW[k], T_HIGH[k]]``; outside, the
    heat capacity is frozen at the range end (see the module notes).

    References
    ----------
    .. [1] B. J. McBride, S. Gordon (1992), "Computer program for calculating and
       fitting thermodynamic functions", NASA RP-1271.
    """
    tl = T_LOW[k]
    th = T_HIGH[k]
    if T < tl:
        cp, h, s = _nasa_cp_h_s(k, tl)
        h_abs = h * tl + cp * (T - tl)
        return cp, h_abs / T, s + cp * np.log(T / tl)
    if T > th:
        cp, h, s = _nasa_cp_h_s(k, th)
        h_abs = h * th + cp * (T - th)
        return cp, h_abs / T, s + cp * np.log(T / th)
    return _nasa_cp_h_s(k, T)


@njit(cache=True)
def species_cp_h(k: int, T: float) -> tuple[float, float]:
    """``cp/R`` and ``h/(R T)`` of one species, as :func:`species_cp_h_s` without the
    entropy (no logarithm: the mixture enthalpy functions sit in solver loops)."""
    t = min(max(T, T_LOW[k]), T_HIGH[k])
    c = NASA7_LOW[k] if t < T_MID[k] else NASA7_HIGH[k]
    cp = c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * c[4])))
    h = c[0] + t * (c[1] / 2.0 + t * (c[2] / 3.0 + t * (c[3] / 4.0 + t * c[4] / 5.0))) + c[5] / t
    if t != T:
        return cp, (h * t + cp * (T - t)) / T
    return cp, h


@njit(cache=True)
def cp_species(k: int, T: float) -> float:
    """Isobaric molar heat capacity of species ``k``, J/(mol K).

    Ideal gas, NASA 7-coefficient polynomial (McBride & Gordon 1992, NASA RP-1271),
    coefficients of GRI-Mech 3.0 (Smith et al. 1999) or McBride, Gordon & Reno (1993,
    NASA TM-4513); constant beyond the fitted range.
    """
    cp, _h, _s = species_cp_h_s(k, T)
    return R_GAS * cp


@njit(cache=True)
def h_species(k: int, T: float) -> float:
    """Absolute molar enthalpy of species ``k``, J/mol.

    NASA convention (McBride & Gordon 1992, NASA RP-1271): ``h(298.15 K)`` is the
    standard enthalpy of formation from the elements in their reference states.
    """
    _cp, h, _s = species_cp_h_s(k, T)
    return R_GAS * T * h


@njit(cache=True)
def s_species(k: int, T: float) -> float:
    """Standard molar entropy of species ``k`` at ``P_REF`` = 1 bar, J/(mol K).

    NASA 7-coefficient polynomial (McBride & Gordon 1992, NASA RP-1271).
    """
    _cp, _h, s = species_cp_h_s(k, T)
    return R_GAS * s


@njit(cache=True)
def g_rt_species(k: int, T: float) -> float:
    """Dimensionless standard Gibbs energy ``g°/(R T) = h/(R T) - s°/R`` of species ``k``.

    Used for chemical equilibrium (Gordon & McBride 1994, NASA RP-1311).
    """
    _cp, h, s = species_cp_h_s(k, T)
    return h - s


# ------------------------------------------------------------------ mixture functions
@njit(cache=True)
def cp_mix(n: np.ndarray, T: float) -> float:
    """Heat capacity of a mixture, ``sum_k n_k cp_k(T)``.

    Parameters
    ----------
    n : ndarray, shape (N_SPECIES,)
        Mole amounts (mol) or mole fractions (-).
    T : float
        Temperature, K.

    Returns
    -------
    float
        J/K for amounts, J/(mol K) for mole fractions. Ideal gas (no mixing term).
    """
    total = 0.0
    for k in range(N_SPECIES):
        if n[k] != 0.0:
            cp, _h = species_cp_h(k, T)
            total += n[k] * cp
    return R_GAS * total


@njit(cache=True)
def h_mix(n: np.ndarray, T: float) -> float:
    """Absolute enthalpy of a mixture, ``sum_k n_k h_k(T)``.

    Parameters
    ----------
    n : ndarray, shape (N_SPECIES,)
        Mole amounts (mol) or mole fractions (-).
    T : float
        Temperature, K.

    Returns
    -------
    float
        J for amounts, J/mol for mole fractions; formation enthalpies included (NASA
        convention, McBride & Gordon 1992). Ideal gas: no heat of mixing.
    """
    total = 0.0
    for k in range(N_SPECIES):
        if n[k] != 0.0:
            _cp, h = species_cp_h(k, T)
            total += n[k] * h
    return R_GAS * T * total


@njit(cache=True)
def _h_cp_mix(n: np.ndarray, T: float) -> tuple[float, float]:
    """``h_mix`` and ``cp_mix`` in one pass over the species."""
    htot = 0.0
    cptot = 0.0
    for k in range(N_SPECIES):
        if n[k] != 0.0:
            cp, h = species_cp_h(k, T)
            htot += n[k] * h
            cptot += n[k] * cp
    return R_GAS * T * htot, R_GAS * cptot


@njit(cache=True)
def s_mix(x: np.ndarray, T: float, P: float) -> float:
    """Molar entropy of an ideal-gas mixture, J/(mol K).

    ``s = sum_k x_k [s°_k(T) - R ln(x_k P / P_REF)]`` with the composition normalised
    to mole fractions inside; species with zero fraction are skipped (their limit
    ``x ln x -> 0``). Ideal mixing of ideal gases, e.g. Smith, Van Ness & Abbott
    (2005), "Introduction to Chemical Engineering Thermodynamics", 7th ed., eq. 11.26.

    Parameters
    ----------
    x : ndarray, shape (N_SPECIES,)
        Mole fractions or amounts (normalised inside).
    T : float
        Temperature, K.
    P : float
        Pressure, Pa.
    """
    xs = 0.0
    for k in range(N_SPECIES):
        xs += x[k]
    total = 0.0
    for k in range(N_SPECIES):
        if x[k] > 0.0:
            xk = x[k] / xs
            _cp, _h, s = species_cp_h_s(k, T)
            total += xk * (s - np.log(xk * P / P_REF))
    return R_GAS * total


@njit(cache=True)
def molar_mass_mix(x: np.ndarray) -> float:
    """Mean molar mass ``sum x_k M_k / sum x_k`` of a mixture, kg/mol.

    Atomic weights: IUPAC 2021 (Prohaska et al. 2022, Pure Appl. Chem. 94, 573).
    """
    xs = 0.0
    m = 0.0
    for k in range(N_SPECIES):
        xs += x[k]
        m += x[k] * MOLAR_MASS[k]
    return m / xs


@njit(cache=True)
def temperature_from_h(n: np.ndarray, H_target: float, T_guess: float) -> float:
    """Temperature at which a mixture has a given absolute enthalpy, K.

    Solves ``h_mix(n, T) = H_target`` by Newton's method on ``T`` with ``cp_mix`` as
    derivative, safeguarded by bisection inside a bracket that starts as
    ``[T_SOLVE_MIN, T_SOLVE_MAX] = [200, 6000] K`` and shrinks with every evaluation
    (``h`` increases monotonically with ``T``). Converged when the Newton step is below
    ``1e-9 T`` (the returned value includes that last step, so the error is far
    smaller), or when the bracket has shrunk below ``1e-9 T`` (a root at the tiny
    enthalpy jump between the two polynomial ranges).

    Parameters
    ----------
    n : ndarray, shape (N_SPECIES,)
        Mole amounts (mol) or mole fractions; ``H_target`` on the same basis.
    H_target : float
        Absolute enthalpy, J (or J/mol for mole fractions).
    T_guess : float
        Starting temperature, K (clipped into the bracket).

    Returns
    -------
    float
        Temperature, K; NaN when the target lies outside ``[h(200 K), h(6000 K)]``, when
        ``n`` has no heat capacity, or after 100 iterations without convergence.

    References
    ----------
    W. H. Press, S. A. Teukolsky, W. T. Vetterling, B. P. Flannery (2007), "Numerical
    Recipes", 3rd ed., section 9.4 ("rtsafe": Newton-Raphson with bisection).
    """
    lo = T_SOLVE_MIN
    hi = T_SOLVE_MAX
    has_lo = False
    has_hi = False
    if T_guess != T_guess:  # NaN
        T = 0.5 * (lo + hi)
    else:
        T = min(max(T_guess, lo), hi)
    tol = 1.0e-9
    for _ in range(100):
        h, cp = _h_cp_mix(n, T)
        f = h - H_target
        if f == 0.0:
            return T
        if f > 0.0:
            hi = T
            has_hi = True
        else:
            lo = T
            has_lo = True
        if cp > 0.0:
            step = -f / cp
            if abs(step) <= tol * T:
                return T + step
            Tn = T + step
        else:
            Tn = np.nan
        if not (Tn > lo and Tn < hi):
            Tn = 0.5 * (lo + hi)
            if hi - lo <= tol * Tn:
                if has_lo and has_hi:
                    return Tn
                return np.nan
        T = Tn
    return np.nan
