"""Combustion of fuel gas in humid air: stoichiometry, heating values, flame temperatures.

Compositions are molar vectors of length ``thermo.N_SPECIES`` indexed by the species
constants of :mod:`kernels.thermo`. A fuel may hold CH4, C2H6, C3H8, C4H10, H2, CO,
H2S and the inerts N2, CO2, H2O, AR (and O2); every result is *per mol of fuel*, with
the fuel vector normalised to unit sum inside each function. The air vector is
normalised likewise. The excess air ``e`` is the air supplied above the stoichiometric
amount, as a fraction: ``n_air = (1 + e) * n_air,stoich``.

Complete combustion turns C into CO2, H into H2O, S into SO2; N leaves as N2, Ar as AR
and the oxygen not consumed as O2. Properties of the gases come from
:mod:`kernels.thermo` (NASA polynomials), so heating values, flame temperatures and
stack losses are mutually consistent.

The equilibrium flame temperature minimises the Gibbs energy of the products among
CO2, H2O, O2, N2, AR, SO2, OH, H, O, CO, H2 and NO at constant enthalpy and pressure,
by the Newton iteration on element potentials of the NASA CEA program [1]_.

References
----------
.. [1] S. Gordon, B. J. McBride (1994), "Computer program for calculation of complex
   chemical equilibrium compositions and applications. I. Analysis", NASA RP-1311.
.. [2] NOAA, NASA, USAF (1976), "U.S. Standard Atmosphere, 1976", NOAA-S/T 76-1562,
   Table 3.
.. [3] W. Wagner, A. Pruss (2002), "The IAPWS formulation 1995 for the thermodynamic
   properties of ordinary water substance for general and scientific use", J. Phys.
   Chem. Ref. Data 31, 387-535, eq. (2.5).
.. [4] W. Wagner, T. Riethmann, R. Feistel, A. H. Harvey (2011), "New equations for the
   sublimation pressure and melting pressure of H2O ice Ih", J. Phys. Chem. Ref. Data
   40, 043103, eq. (6).
.. [5] J. D. Cox, D. D. Wagman, V. A. Medvedev (1989), "CODATA Key Values for
   Thermodynamics", Hemisphere, New York.
.. [6] API Standard 560 (2016), "Fired Heaters for General Refinery Service", 5th ed.,
   Annex G (fired heater efficiency).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.thermo import (
    AR,
    CO,
    CO2,
    EL_AR,
    EL_C,
    EL_H,
    EL_N,
    EL_O,
    EL_S,
    ELEMENTS,
    H2,
    H2O,
    MOLAR_MASS,
    N2,
    N_ELEMENTS,
    N_SPECIES,
    NO,
    O2,
    OH,
    P_REF,
    R_GAS,
    SO2,
    T_REF,
    H,
    O,
    h_mix,
    h_species,
    species_cp_h_s,
    temperature_from_h,
)

# Species indices passed to jitted functions as array data: a literal int argument would
# compile one specialisation per value.
_SP = np.array([O2, CO2, H2O, SO2, N2, AR], dtype=np.int64)
_SP_O2, _SP_CO2, _SP_H2O, _SP_SO2, _SP_N2, _SP_AR = range(6)

# -------------------------------------------------------------------------- constants
#: Dry air, mole fractions, after the U.S. Standard Atmosphere 1976 [2]_: N2 and O2 as
#: tabulated; AR stands in for Ar, Ne and He, and CO2 for CO2 and the remaining traces,
#: so that the four add up to one.
DRY_AIR = np.zeros(N_SPECIES)
DRY_AIR[N2] = 0.780840
DRY_AIR[O2] = 0.209476
DRY_AIR[AR] = 0.009365
DRY_AIR[CO2] = 0.000319
DRY_AIR /= DRY_AIR.sum()

#: Enthalpy of vaporisation of water at 298.15 K, J/mol: difference of the CODATA key
#: values of the formation enthalpies of H2O(l), -285.830 kJ/mol, and H2O(g),
#: -241.826 kJ/mol [5]_.
DH_VAP_WATER_298 = 44.004e3

#: Critical point and triple point of water [3]_, [4]_.
_T_CRIT_WATER = 647.096
_P_CRIT_WATER = 22.064e6
_T_TRIPLE_WATER = 273.16
_P_TRIPLE_WATER = 611.657

#: Products of the equilibrium flame (indices into the thermo species).
EQ_SPECIES = np.array([CO2, H2O, O2, N2, AR, SO2, OH, H, O, CO, H2, NO], dtype=np.int64)
N_EQ = 12

_EQ_MAX_ITER = 200
_EQ_TOL = 1.0e-11


# ------------------------------------------------------------------------ humid air
@njit(cache=True)
def saturation_pressure_water(T: float) -> float:
    """Saturation pressure of water over liquid water, or over ice below 273.16 K, Pa.

    Above the triple point (273.16 K to 647.096 K) the auxiliary equation of Wagner &
    Pruss (2002), "The IAPWS formulation 1995 ...", J. Phys. Chem. Ref. Data 31, 387,
    eq. (2.5), which reproduces IAPWS-95 to within 0.025 %. Below it (50 K to 273.16 K)
    the sublimation pressure of ice Ih of Wagner, Riethmann, Feistel & Harvey (2011),
    "New equations for the sublimation pressure and melting pressure of H2O ice Ih",
    J. Phys. Chem. Ref. Data 40, 043103, eq. (6).

    Parameters
    ----------
    T : float
        Temperature, K.

    Returns
    -------
    float
        Pressure, Pa; NaN outside 50 K to 647.096 K.
    """
    if T >= _T_TRIPLE_WATER and T <= _T_CRIT_WATER:
        tau = 1.0 - T / _T_CRIT_WATER
        s = (
            -7.85951783 * tau
            + 1.84408259 * tau**1.5
            - 11.7866497 * tau**3
            + 22.6807411 * tau**3.5
            - 15.9618719 * tau**4
            + 1.80122502 * tau**7.5
        )
        return _P_CRIT_WATER * np.exp(_T_CRIT_WATER / T * s)
    if T >= 50.0 and T < _T_TRIPLE_WATER:
        th = T / _T_TRIPLE_WATER
        s = (
            -21.2144006 * th**0.00333333333
            + 27.3203819 * th**1.20666667
            - 6.10598130 * th**1.70333333
        )
        return _P_TRIPLE_WATER * np.exp(s / th)
    return np.nan


@njit(cache=True)
def humid_air(rel_humidity: float, T: float, P: float, x_out: np.ndarray) -> None:
    """Mole fractions of humid air, written into ``x_out`` (shape (N_SPECIES,)).

    The water mole fraction is ``x_w = RH * p_sat(T) / P`` (ideal gas, the
    enhancement factor of about 1.004 neglected), capped at 1; the rest is
    :data:`DRY_AIR` (U.S. Standard Atmosphere 1976). ``p_sat`` from
    :func:`saturation_pressure_water` (Wagner & Pruss 2002; over ice below 273.16 K,
    Wagner et al. 2011).

    Parameters
    ----------
    rel_humidity : float
        Relative humidity, 0..1.
    T : float
        Air temperature, K.
    P : float
        Total pressure, Pa.
    x_out : ndarray, shape (N_SPECIES,)
        Output mole fractions (sum to one).
    """
    xw = rel_humidity * saturation_pressure_water(T) / P
    if xw > 1.0:
        xw = 1.0
    for k in range(N_SPECIES):
        x_out[k] = (1.0 - xw) * DRY_AIR[k]
    x_out[H2O] += xw


# --------------------------------------------------------------------- stoichiometry
@njit(cache=True)
def _total(x: np.ndarray) -> float:
    s = 0.0
    for k in range(N_SPECIES):
        s += x[k]
    return s


@njit(cache=True)
def _add_elements(x: np.ndarray, scale: float, b: np.ndarray) -> None:
    """``b += scale * ELEMENTS^T x``."""
    for k in range(N_SPECIES):
        if x[k] != 0.0:
            f = scale * x[k]
            for e in range(N_ELEMENTS):
                b[e] += f * ELEMENTS[k, e]


@njit(cache=True)
def o2_demand(x_fuel: np.ndarray) -> float:
    """Oxygen for complete combustion, mol O2 per mol fuel.

    ``C + H/4 + S - O/2`` summed over the (normalised) fuel's atoms: C burns to CO2,
    H to H2O, S to SO2, and oxygen carried by the fuel (O2, CO, CO2, H2O) is credited.
    Standard combustion stoichiometry, e.g. Baukal (2013), "The John Zink Hamworthy
    Combustion Handbook", 2nd ed., vol. 1, ch. 2.
    """
    d = 0.0
    for k in range(N_SPECIES):
        if x_fuel[k] != 0.0:
            d += x_fuel[k] * (
                ELEMENTS[k, EL_C] + 0.25 * ELEMENTS[k, EL_H] + ELEMENTS[k, EL_S]
                - 0.5 * ELEMENTS[k, EL_O]
            )
    return d / _total(x_fuel)


@njit(cache=True)
def air_per_fuel(x_fuel: np.ndarray, x_air: np.ndarray, excess_air: float) -> float:
    """Humid combustion air, mol per mol fuel.

    ``(1 + excess_air) * o2_demand / x_O2,air``; zero when the fuel needs no oxygen.
    Standard combustion stoichiometry (Baukal 2013, "The John Zink Hamworthy Combustion
    Handbook", 2nd ed., vol. 1, ch. 2).
    """
    d = o2_demand(x_fuel)
    if d <= 0.0:
        return 0.0
    return (1.0 + excess_air) * d * _total(x_air) / x_air[O2]


@njit(cache=True)
def flue_moles(
    x_fuel: np.ndarray, x_air: np.ndarray, excess_air: float, n_out: np.ndarray
) -> float:
    """Products of complete combustion, mol per mol fuel, written into ``n_out``.

    The fuel and ``air_per_fuel`` mol of air are taken apart into atoms, which leave as
    CO2, H2O, SO2, N2 and AR; the remaining oxygen leaves as O2 (negative, an oxygen
    deficit, for ``excess_air < 0``, where complete combustion is impossible). Inerts
    of fuel and air thus pass through. Element balance is exact by construction.

    Parameters
    ----------
    x_fuel, x_air : ndarray, shape (N_SPECIES,)
        Fuel and air compositions (normalised inside).
    excess_air : float
        Air above stoichiometric, fraction (>= 0).
    n_out : ndarray, shape (N_SPECIES,)
        Output: mol of each species per mol fuel.

    Returns
    -------
    float
        Total flue gas, mol per mol fuel.
    """
    b = np.zeros(N_ELEMENTS)
    _add_elements(x_fuel, 1.0 / _total(x_fuel), b)
    n_air = air_per_fuel(x_fuel, x_air, excess_air)
    if n_air > 0.0:
        _add_elements(x_air, n_air / _total(x_air), b)
    for k in range(N_SPECIES):
        n_out[k] = 0.0
    n_out[CO2] = b[EL_C]
    n_out[H2O] = 0.5 * b[EL_H]
    n_out[SO2] = b[EL_S]
    n_out[N2] = 0.5 * b[EL_N]
    n_out[AR] = b[EL_AR]
    n_out[O2] = 0.5 * b[EL_O] - b[EL_C] - 0.25 * b[EL_H] - b[EL_S]
    return n_out[CO2] + n_out[H2O] + n_out[SO2] + n_out[N2] + n_out[AR] + n_out[O2]


@njit(cache=True)
def _dry_flue_terms(x_fuel: np.ndarray, x_air: np.ndarray) -> tuple[float, float, float]:
    """Oxygen demand, dry flue at zero excess air and dry air per unit excess air."""
    d = o2_demand(x_fuel)
    n = np.empty(N_SPECIES)
    tot = flue_moles(x_fuel, x_air, 0.0, n)
    dry0 = tot - n[H2O]
    xa = _total(x_air)
    a_stoich = d * xa / x_air[O2]
    dry_per_ea = a_stoich * (1.0 - x_air[H2O] / xa)
    return d, dry0, dry_per_ea


@njit(cache=True)
def o2_dry_from_excess_air(x_fuel: np.ndarray, x_air: np.ndarray, excess_air: float) -> float:
    """O2 mole fraction of the dry flue gas of complete combustion.

    ``x = e d / (D0 + e A (1 - x_w))`` with ``d`` the O2 demand, ``D0`` the dry flue at
    zero excess air, ``A`` the stoichiometric air and ``x_w`` the water fraction of the
    air: each unit of excess air adds ``d`` mol O2 and ``A (1 - x_w)`` mol dry gas.
    Exact inverse of :func:`excess_air_from_o2_dry`. NaN if the fuel needs no oxygen.
    Standard flue-gas stoichiometry (API 560, 2016, Annex G).
    """
    d, dry0, dry_per_ea = _dry_flue_terms(x_fuel, x_air)
    if d <= 0.0:
        return np.nan
    return excess_air * d / (dry0 + excess_air * dry_per_ea)


@njit(cache=True)
def excess_air_from_o2_dry(x_fuel: np.ndarray, x_air: np.ndarray, o2_dry: float) -> float:
    """Excess air (fraction) that gives a dry-flue O2 mole fraction ``o2_dry``.

    Closed-form inverse of :func:`o2_dry_from_excess_air`:
    ``e = x D0 / (d - x A (1 - x_w))``. NaN if the fuel needs no oxygen or ``o2_dry``
    is at or above the O2 fraction of the dry air (infinite excess air).
    """
    d, dry0, dry_per_ea = _dry_flue_terms(x_fuel, x_air)
    den = d - o2_dry * dry_per_ea
    if d <= 0.0 or den <= 0.0:
        return np.nan
    return o2_dry * dry0 / den


# ------------------------------------------------------------------- heating values
@njit(cache=True)
def lhv_molar(x_fuel: np.ndarray) -> float:
    """Lower heating value at 298.15 K, J per mol fuel.

    Enthalpy of the fuel plus its stoichiometric O2 minus that of the complete
    combustion products (CO2, H2O vapour, SO2, N2, AR), all at 298.15 K, from the NASA
    polynomials of :mod:`kernels.thermo` (the formation enthalpies of GRI-Mech 3.0 and
    McBride et al. 1993, NASA TM-4513).
    """
    xs = _total(x_fuel)
    b = np.zeros(N_ELEMENTS)
    _add_elements(x_fuel, 1.0 / xs, b)
    h_react = h_mix(x_fuel, T_REF) / xs + o2_demand(x_fuel) * h_species(_SP[_SP_O2], T_REF)
    h_prod = (
        b[EL_C] * h_species(_SP[_SP_CO2], T_REF)
        + 0.5 * b[EL_H] * h_species(_SP[_SP_H2O], T_REF)
        + b[EL_S] * h_species(_SP[_SP_SO2], T_REF)
        + 0.5 * b[EL_N] * h_species(_SP[_SP_N2], T_REF)
        + b[EL_AR] * h_species(_SP[_SP_AR], T_REF)
    )
    return h_react - h_prod


@njit(cache=True)
def hhv_molar(x_fuel: np.ndarray) -> float:
    """Higher heating value at 298.15 K, J per mol fuel.

    :func:`lhv_molar` plus the enthalpy of vaporisation of the water formed by
    combustion (water vapour already in the fuel stays vapour), 44.004 kJ/mol at
    298.15 K from the CODATA key values (Cox, Wagman & Medvedev 1989, "CODATA Key Values
    for Thermodynamics").
    """
    xs = _total(x_fuel)
    b = np.zeros(N_ELEMENTS)
    _add_elements(x_fuel, 1.0 / xs, b)
    water_formed = 0.5 * b[EL_H] - x_fuel[H2O] / xs
    return lhv_molar(x_fuel) + DH_VAP_WATER_298 * water_formed


@njit(cache=True)
def _fuel_molar_mass(x_fuel: np.ndarray) -> float:
    m = 0.0
    for k in range(N_SPECIES):
        m += x_fuel[k] * MOLAR_MASS[k]
    return m / _total(x_fuel)


@njit(cache=True)
def lhv_mass(x_fuel: np.ndarray) -> float:
    """Lower heating value at 298.15 K, J/kg fuel (:func:`lhv_molar` / molar mass)."""
    return lhv_molar(x_fuel) / _fuel_molar_mass(x_fuel)


@njit(cache=True)
def hhv_mass(x_fuel: np.ndarray) -> float:
    """Higher heating value at 298.15 K, J/kg fuel (:func:`hhv_molar` / molar mass)."""
    return hhv_molar(x_fuel) / _fuel_molar_mass(x_fuel)


# ----------------------------------------------------------------- flame temperature
@njit(cache=True)
def _reactant_enthalpy(
    x_fuel: np.ndarray, T_fuel: float, x_air: np.ndarray, T_air: float, n_air: float
) -> float:
    """Enthalpy of one mol fuel at ``T_fuel`` and ``n_air`` mol air at ``T_air``, J."""
    H0 = h_mix(x_fuel, T_fuel) / _total(x_fuel)
    if n_air > 0.0:
        H0 += n_air * h_mix(x_air, T_air) / _total(x_air)
    return H0


@njit(cache=True)
def flame_temperature_complete(
    x_fuel: np.ndarray, T_fuel: float, x_air: np.ndarray, T_air: float, excess_air: float
) -> float:
    """Adiabatic flame temperature for complete combustion, K.

    Enthalpy balance ``H_products(T) = H_fuel(T_fuel) + H_air(T_air)`` at constant
    pressure with the products of :func:`flue_moles` (no dissociation), solved by
    :func:`kernels.thermo.temperature_from_h`. E.g. Turns (2012), "An Introduction to
    Combustion", 3rd ed., section 2.5. NaN if the result leaves 200-6000 K.
    """
    n = np.empty(N_SPECIES)
    flue_moles(x_fuel, x_air, excess_air, n)
    H0 = _reactant_enthalpy(x_fuel, T_fuel, x_air, T_air, air_per_fuel(x_fuel, x_air, excess_air))
    return temperature_from_h(n, H0, 2000.0)


@njit(cache=True)
def _solve_dense(A: np.ndarray, r: np.ndarray, m: int) -> bool:
    """Solve ``A[:m,:m] x = r[:m]`` in place (``r`` becomes ``x``); partial pivoting."""
    for c in range(m):
        p = c
        big = abs(A[c, c])
        for i in range(c + 1, m):
            if abs(A[i, c]) > big:
                big = abs(A[i, c])
                p = i
        if not big > 0.0:
            return False
        if p != c:
            for j in range(m):
                tmp = A[c, j]
                A[c, j] = A[p, j]
                A[p, j] = tmp
            tmp = r[c]
            r[c] = r[p]
            r[p] = tmp
        piv = A[c, c]
        for i in range(c + 1, m):
            f = A[i, c] / piv
            if f != 0.0:
                for j in range(c, m):
                    A[i, j] -= f * A[c, j]
                r[i] -= f * r[c]
    for c in range(m - 1, -1, -1):
        s = r[c]
        for j in range(c + 1, m):
            s -= A[c, j] * r[j]
        r[c] = s / A[c, c]
    return True


@njit(cache=True)
def equilibrate_hp(
    b0: np.ndarray, H0: float, P: float, T_guess: float, n_guess: np.ndarray,
    n_eq_out: np.ndarray,
) -> float:
    """Chemical equilibrium of a gas at given enthalpy and pressure.

    Minimises the Gibbs energy of an ideal-gas mixture of the ``EQ_SPECIES`` (CO2, H2O,
    O2, N2, AR, SO2, OH, H, O, CO, H2, NO) holding the element amounts ``b0`` (mol of C,
    H, O, N, S, Ar) at total enthalpy ``H0`` (J) and pressure ``P`` (Pa). Newton
    iteration on the element potentials, the total amount and ``ln T`` with the step
    control of Gordon & McBride (1994), "Computer program for calculation of complex
    chemical equilibrium compositions and applications", NASA RP-1311, sections 2.2-2.5
    and 3.3. Elements absent from ``b0`` and the species containing them are dropped.

    Parameters
    ----------
    b0 : ndarray, shape (6,)
        Element amounts, mol.
    H0 : float
        Enthalpy, J.
    P : float
        Pressure, Pa.
    T_guess : float
        Starting temperature, K.
    n_guess : ndarray, shape (N_SPECIES,)
        Starting amounts, mol (e.g. the complete-combustion products); amounts of the
        equilibrium species below 1e-6 of the total are raised to that floor.
    n_eq_out : ndarray, shape (N_SPECIES,)
        Output: equilibrium amounts, mol (zero for non-product species).

    Returns
    -------
    float
        Equilibrium temperature, K, or NaN (and NaN amounts) without convergence.
    """
    bmax = 0.0
    for e in range(N_ELEMENTS):
        bmax = max(bmax, b0[e])
    # active elements and species
    el = np.empty(N_ELEMENTS, dtype=np.int64)
    ne = 0
    for e in range(N_ELEMENTS):
        if b0[e] > 1.0e-14 * bmax:
            el[ne] = e
            ne += 1
    sp = np.empty(N_EQ, dtype=np.int64)
    ns = 0
    for j in range(N_EQ):
        k = EQ_SPECIES[j]
        ok = True
        for e in range(N_ELEMENTS):
            if ELEMENTS[k, e] > 0.0 and not b0[e] > 1.0e-14 * bmax:
                ok = False
        if ok:
            sp[ns] = k
            ns += 1
    a = np.zeros((ns, ne))
    for j in range(ns):
        for i in range(ne):
            a[j, i] = ELEMENTS[sp[j], el[i]]
    bb0 = np.empty(ne)
    for i in range(ne):
        bb0[i] = b0[el[i]]

    # starting point
    ntot0 = 0.0
    for j in range(ns):
        ntot0 += max(n_guess[sp[j]], 0.0)
    lnn = np.empty(ns)
    for j in range(ns):
        lnn[j] = np.log(max(n_guess[sp[j]], 1.0e-6 * ntot0))
    nt = 0.0
    for j in range(ns):
        nt += np.exp(lnn[j])
    ln_nt = np.log(nt)
    T = min(max(T_guess, 300.0), 5000.0)
    lnT = np.log(T)
    lnP = np.log(P / P_REF)

    m = ne + 2
    A = np.empty((m, m))
    r = np.empty(m)
    nk = np.empty(ns)
    mu = np.empty(ns)
    Hk = np.empty(ns)
    Ck = np.empty(ns)
    dln = np.empty(ns)
    converged = False
    for _ in range(_EQ_MAX_ITER):
        T = np.exp(lnT)
        nt = np.exp(ln_nt)
        sum_n = 0.0
        for j in range(ns):
            cp, h, s = species_cp_h_s(sp[j], T)
            nk[j] = np.exp(lnn[j])
            Hk[j] = h
            Ck[j] = cp
            mu[j] = h - s + lnn[j] - ln_nt + lnP
            sum_n += nk[j]
        # assemble the reduced Newton system (RP-1311 eqs. 2.24, 2.26, 2.27)
        for i in range(m):
            r[i] = 0.0
            for j in range(m):
                A[i, j] = 0.0
        s_nH = 0.0
        s_nHmu = 0.0
        s_nmu = 0.0
        s_nCp = 0.0
        s_nHH = 0.0
        for j in range(ns):
            nj = nk[j]
            s_nH += nj * Hk[j]
            s_nHmu += nj * Hk[j] * mu[j]
            s_nmu += nj * mu[j]
            s_nCp += nj * Ck[j]
            s_nHH += nj * Hk[j] * Hk[j]
            for i in range(ne):
                aij = a[j, i]
                if aij != 0.0:
                    for q in range(ne):
                        A[i, q] += aij * a[j, q] * nj
                    A[i, ne] += aij * nj
                    A[i, ne + 1] += aij * nj * Hk[j]
                    r[i] += aij * nj * (mu[j] - 1.0)  # "-1": b_i moved to the right
        err_el = 0.0
        for i in range(ne):
            r[i] += bb0[i]
            bi = A[i, ne]
            err_el = max(err_el, abs(bb0[i] - bi))
            A[ne, i] = bi
            A[ne + 1, i] = A[i, ne + 1]
        A[ne, ne] = sum_n - nt
        A[ne, ne + 1] = s_nH
        r[ne] = nt - sum_n + s_nmu
        A[ne + 1, ne] = s_nH
        A[ne + 1, ne + 1] = s_nCp + s_nHH
        r[ne + 1] = H0 / (R_GAS * T) - s_nH + s_nHmu
        if not _solve_dense(A, r, m):
            break
        dln_nt = r[ne]
        dlnT = r[ne + 1]
        # species corrections (RP-1311 eq. 2.18) and step control (eqs. 3.1-3.3)
        big = max(5.0 * abs(dlnT), 5.0 * abs(dln_nt))
        lam2 = 1.0e300
        conv = abs(dlnT) <= _EQ_TOL and nt * abs(dln_nt) <= _EQ_TOL * sum_n
        for j in range(ns):
            d = -mu[j] + dln_nt + Hk[j] * dlnT
            for i in range(ne):
                d += a[j, i] * r[i]
            dln[j] = d
            if nk[j] * abs(d) > _EQ_TOL * sum_n:
                conv = False
            lnx = lnn[j] - ln_nt
            if lnx > -18.420681:
                if d > big:
                    big = d
            elif d >= 0.0 and d - dln_nt != 0.0:
                lam2 = min(lam2, abs((-lnx - 9.2103404) / (d - dln_nt)))
        lam = 1.0
        if big > 2.0:
            lam = 2.0 / big
        lam = min(lam, lam2)
        for j in range(ns):
            lnn[j] += lam * dln[j]
            if lnn[j] < -700.0:
                lnn[j] = -700.0
        ln_nt += lam * dln_nt
        lnT += lam * dlnT
        lnT = min(max(lnT, np.log(200.0)), np.log(6000.0))
        if conv and err_el <= 1.0e-10 * bmax:
            converged = True
            break

    for k in range(N_SPECIES):
        n_eq_out[k] = 0.0
    if not converged:
        for k in range(N_SPECIES):
            n_eq_out[k] = np.nan
        return np.nan
    for j in range(ns):
        n_eq_out[sp[j]] = np.exp(lnn[j])
    return np.exp(lnT)


@njit(cache=True)
def flame_temperature_equilibrium(
    x_fuel: np.ndarray,
    T_fuel: float,
    x_air: np.ndarray,
    T_air: float,
    excess_air: float,
    P: float,
    n_eq_out: np.ndarray,
) -> float:
    """Adiabatic flame temperature with dissociation (HP equilibrium), K.

    The fuel at ``T_fuel`` and its air at ``T_air`` react adiabatically at pressure
    ``P`` to the Gibbs-energy minimum among CO2, H2O, O2, N2, AR, SO2, OH, H, O, CO, H2
    and NO (:func:`equilibrate_hp`, after Gordon & McBride 1994, NASA RP-1311), starting
    from the complete-combustion products at their flame temperature.

    Parameters
    ----------
    x_fuel, x_air : ndarray, shape (N_SPECIES,)
        Fuel and air compositions (normalised inside).
    T_fuel, T_air : float
        Inlet temperatures, K.
    excess_air : float
        Air above stoichiometric, fraction (0 .. 2 tested; mildly rich values work).
    P : float
        Pressure, Pa.
    n_eq_out : ndarray, shape (N_SPECIES,)
        Output: equilibrium products, mol per mol fuel.

    Returns
    -------
    float
        Temperature, K; NaN (and NaN in ``n_eq_out``) if the iteration fails.
    """
    n_air = air_per_fuel(x_fuel, x_air, excess_air)
    H0 = _reactant_enthalpy(x_fuel, T_fuel, x_air, T_air, n_air)
    b = np.zeros(N_ELEMENTS)
    _add_elements(x_fuel, 1.0 / _total(x_fuel), b)
    if n_air > 0.0:
        _add_elements(x_air, n_air / _total(x_air), b)
    n0 = np.empty(N_SPECIES)
    flue_moles(x_fuel, x_air, excess_air, n0)
    if n0[O2] < 0.0:  # rich: start with CO and H2 taking the oxygen deficit
        n0[CO] = min(-2.0 * n0[O2], n0[CO2])
        n0[CO2] -= n0[CO]
        n0[H2] = min(-2.0 * n0[O2] - n0[CO], n0[H2O])
        n0[H2O] -= n0[H2]
        n0[O2] = 0.0
    T0 = temperature_from_h(n0, H0, 2000.0)
    if not T0 == T0:
        T0 = 2000.0
    return equilibrate_hp(b, H0, P, min(T0, 3000.0), n0, n_eq_out)


# ------------------------------------------------------------------------ stack loss
@njit(cache=True)
def stack_loss_fraction(
    x_fuel: np.ndarray, x_air: np.ndarray, excess_air: float, T_stack: float, T_datum: float
) -> float:
    """Stack loss as a fraction of the lower heating value.

    Sensible heat of the complete-combustion flue gas (water as vapour) between the
    datum ``T_datum`` and ``T_stack``, per mol fuel, divided by the LHV at 298.15 K: the
    flue-gas loss of the API 560 (2016, Annex G) efficiency when fuel and air enter at
    the datum temperature (efficiency = 1 - stack loss - casing loss).

    Parameters
    ----------
    x_fuel, x_air : ndarray, shape (N_SPECIES,)
        Fuel and air compositions (normalised inside).
    excess_air : float
        Air above stoichiometric, fraction.
    T_stack, T_datum : float
        Flue-gas exit and datum temperatures, K.

    Returns
    -------
    float
        Loss, fraction of LHV (-).
    """
    n = np.empty(N_SPECIES)
    flue_moles(x_fuel, x_air, excess_air, n)
    return (h_mix(n, T_stack) - h_mix(n, T_datum)) / lhv_molar(x_fuel)

