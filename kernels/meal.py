"""Raw meal, hot meal and clinker as streams: component vectors, enthalpies, elements.

A meal stream is a vector of mass flows (kg/s) or mass fractions of the components
``C_CACO3, C_CAO, C_MGCO3, C_MGO, C_SIO2, C_AL2O3, C_FE2O3`` (the condensed species of
:mod:`kernels.solids`, same order), ``C_MINOR`` (SO3, alkalis, TiO2, P2O5 and the
unanalysed rest, lumped), ``C_H2O_BOUND`` (clay-bound water) and ``C_H2O_LIQ`` (free
moisture). Clinker is described by its oxide composition (:mod:`kernels.clinker`
vectors) and a heat of combination.

Enthalpies are absolute (formation enthalpies included, NASA convention of
:mod:`kernels.thermo` and :mod:`kernels.solids`), so that balances written with them
contain the heats of calcination and dehydration implicitly. Simplifications, each a
choice of this module:

- the minor oxides carry the specific sensible heat of corundum (Al2O3) and no
  formation enthalpy (they pass from raw meal to clinker unchanged);
- the bound water carries the enthalpy of water vapour at the meal temperature, so its
  release costs nothing where it happens; its dehydration heat is part of the heat of
  combination below (zur Strassen's Al2O3 term contains the kaolinite dehydration);
- clinker is the sum of its oxides (Kopp–Neumann rule) minus a heat of combination
  ``q_comb`` chosen so that raw meal (all CaO from CaCO3, all MgO from MgCO3) at
  298.15 K -> clinker + CO2 at 298.15 K takes exactly zur Strassen's theoretical heat
  (:func:`kernels.clinker.theoretical_heat_zur_strassen`). The mean heat capacity of
  clinker from 25 to 1400 °C is then 1.00 kJ/(kg K); handbook values of 1.05-1.1
  include the heat of the melt, which this model leaves out.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import clinker as ck
from kernels import solids as sd
from kernels import thermo as th

# --------------------------------------------------------------------- components
C_CACO3, C_CAO, C_MGCO3, C_MGO, C_SIO2, C_AL2O3, C_FE2O3, C_MINOR, C_H2O_BOUND, C_H2O_LIQ = range(10)
N_COMP = 10
COMP_NAMES = ("CaCO3", "CaO", "MgCO3", "MgO", "SiO2", "Al2O3", "Fe2O3", "minor", "H2O bound", "H2O liquid")

# ------------------------------------------------------------ element/unit ledger
#: Entries of an element vector: atoms of C, H, O, N, S, Ar (mol/s, the order of
#: ``thermo.EL_*``; O counts only oxygen outside the clinker oxides: in gases, water,
#: carbonate CO2 and fuel) and the oxide units CaO, MgO, SiO2, Al2O3, Fe2O3, minor (kg/s).
E_C, E_H, E_O, E_N, E_S, E_AR, E_CAO, E_MGO, E_SIO2, E_AL2O3, E_FE2O3, E_MINOR = range(12)
N_E = 12
E_NAMES = ("C", "H", "O", "N", "S", "Ar", "CaO", "MgO", "SiO2", "Al2O3", "Fe2O3", "minor")

_M_H2O = th.MOLAR_MASS[th.H2O]
# Gas species indices passed to jitted functions as array data (a literal int argument
# compiles one specialisation per value).
GAS = np.array([th.H2O, th.CO2, th.O2], dtype=np.int64)
GAS_H2O, GAS_CO2, GAS_O2 = range(3)


# --------------------------------------------------------------------- enthalpies
@njit(cache=True)
def h_component(j: int, T: float) -> float:
    """Absolute specific enthalpy of meal component ``j`` at ``T``, J/kg (module notes)."""
    if j < C_MINOR:
        return sd.h_solid_mass(j, T)
    if j == C_MINOR:
        return (sd.h_solid(sd.AL2O3, T) - sd.h_solid(sd.AL2O3, th.T_REF)) / sd.MOLAR_MASS_SOLID[sd.AL2O3]
    if j == C_H2O_BOUND:
        return th.h_species(GAS[GAS_H2O], T) / _M_H2O
    return sd.h_solid_mass(sd.H2O_L, T)


@njit(cache=True)
def cp_component(j: int, T: float) -> float:
    """Specific heat capacity of meal component ``j`` at ``T``, J/(kg K)."""
    if j < C_MINOR:
        return sd.cp_solid_mass(j, T)
    if j == C_MINOR:
        return sd.cp_solid_mass(sd.AL2O3, T)
    if j == C_H2O_BOUND:
        return th.cp_species(GAS[GAS_H2O], T) / _M_H2O
    return sd.cp_solid_mass(sd.H2O_L, T)


@njit(cache=True)
def h_meal(c: np.ndarray, T: float) -> float:
    """Absolute enthalpy of a meal stream, ``sum_j c_j h_j(T)``: W for kg/s, J/kg for fractions."""
    total = 0.0
    for j in range(N_COMP):
        if c[j] != 0.0:
            total += c[j] * h_component(j, T)
    return total


@njit(cache=True)
def cp_meal(c: np.ndarray, T: float) -> float:
    """Heat capacity of a meal stream, ``sum_j c_j cp_j(T)``: W/K for kg/s."""
    total = 0.0
    for j in range(N_COMP):
        if c[j] != 0.0:
            total += c[j] * cp_component(j, T)
    return total


@njit(cache=True)
def meal_temperature(c: np.ndarray, H: float, T_guess: float) -> float:
    """Temperature at which meal ``c`` has absolute enthalpy ``H``, K.

    Newton on ``h_meal`` with ``cp_meal`` as derivative inside a shrinking bracket
    ``[1 K, 1e4 K]`` with bisection as safeguard (Press et al. 2007, Numerical Recipes,
    3rd ed., section 9.4). The extrapolation of the polynomials makes ``h`` finite and
    increasing everywhere, so the bracket always holds a root unless ``H`` lies outside
    ``[h(1 K), h(1e4 K)]`` (then NaN). The quartz alpha-beta transition is smoothed over
    847 +- 10 K (:mod:`kernels.solids`), so h is increasing there too.
    """
    lo = 1.0
    hi = 1.0e4
    if h_meal(c, lo) > H or h_meal(c, hi) < H:
        return np.nan
    T = min(max(T_guess, lo), hi)
    for _ in range(200):
        f = h_meal(c, T) - H
        if f == 0.0:
            return T
        if f > 0.0:
            hi = T
        else:
            lo = T
        cp = cp_meal(c, T)
        Tn = T - f / cp if cp > 0.0 else 0.5 * (lo + hi)
        if not (Tn > lo and Tn < hi):
            Tn = 0.5 * (lo + hi)
        if abs(Tn - T) <= 1e-12 * T or hi - lo <= 1e-12 * T:
            return Tn
        T = Tn
    return np.nan


@njit(cache=True)
def combination_heat(w: np.ndarray) -> float:
    """Heat released when the oxides of 1 kg clinker ``w`` combine to clinker phases, J/kg.

    ``q_comb = Q_decomp - Q_zS``: the decomposition heats at 298.15 K of the CaCO3 and
    MgCO3 that would supply all of the clinker's CaO and MgO (from the absolute
    enthalpies of :mod:`kernels.solids` and :mod:`kernels.thermo`) minus zur Strassen's
    theoretical heat (:func:`kernels.clinker.theoretical_heat_zur_strassen`). Positive
    (exothermic) for Portland clinkers, about 0.4 MJ/kg.
    """
    t0 = th.T_REF
    h_co2 = th.h_species(GAS[GAS_CO2], t0)
    dh_ca = sd.h_solid(sd.CAO, t0) + h_co2 - sd.h_solid(sd.CACO3, t0)
    dh_mg = sd.h_solid(sd.MGO, t0) + h_co2 - sd.h_solid(sd.MGCO3, t0)
    q_decomp = (w[ck.CAO] / sd.MOLAR_MASS_SOLID[sd.CAO] * dh_ca
                + w[ck.MGO] / sd.MOLAR_MASS_SOLID[sd.MGO] * dh_mg)
    return q_decomp - ck.theoretical_heat_zur_strassen(w)


@njit(cache=True)
def clinker_minor(w: np.ndarray) -> float:
    """Mass fraction of clinker outside CaO, MgO, SiO2, Al2O3, Fe2O3 (the ``minor`` lump)."""
    return 1.0 - (w[ck.CAO] + w[ck.MGO] + w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3])


@njit(cache=True)
def h_clinker(w: np.ndarray, q_comb: float, T: float) -> float:
    """Absolute enthalpy of clinker of composition ``w`` at ``T``, J/kg.

    Oxides by the Kopp–Neumann rule (absolute enthalpies of :mod:`kernels.solids`) with
    the minor oxides as in :func:`h_component`, minus the heat of combination ``q_comb``
    (:func:`combination_heat`).
    """
    h = (w[ck.CAO] * sd.h_solid_mass(sd.CAO, T) + w[ck.MGO] * sd.h_solid_mass(sd.MGO, T)
         + w[ck.SIO2] * sd.h_solid_mass(sd.SIO2, T) + w[ck.AL2O3] * sd.h_solid_mass(sd.AL2O3, T)
         + w[ck.FE2O3] * sd.h_solid_mass(sd.FE2O3, T))
    return h + clinker_minor(w) * h_component(C_MINOR, T) - q_comb


@njit(cache=True)
def h_ash(w: np.ndarray, T: float) -> float:
    """Absolute enthalpy of fuel ash taken as the clinker's acidic oxides, J/kg ash.

    The ash is split over SiO2, Al2O3 and Fe2O3 in the proportions of the clinker ``w``
    (it supplies no CaO or MgO), the assumption of :func:`raw_meal_for_clinker`.
    """
    acid = w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3]
    return (w[ck.SIO2] * sd.h_solid_mass(sd.SIO2, T) + w[ck.AL2O3] * sd.h_solid_mass(sd.AL2O3, T)
            + w[ck.FE2O3] * sd.h_solid_mass(sd.FE2O3, T)) / acid


# ------------------------------------------------------------------ compositions
@njit(cache=True)
def raw_meal_for_clinker(
    w: np.ndarray, caco3_share: float, mgco3_share: float, bound_water: float, ash: float,
    c_out: np.ndarray,
) -> None:
    """Dry raw meal that burns, with ``ash`` kg of fuel ash, to 1 kg of clinker ``w``.

    Written into ``c_out`` (kg per kg clinker): the fraction ``caco3_share`` of the
    clinker CaO as CaCO3 and the rest as CaO (e.g. from slag), likewise MgO with
    ``mgco3_share``; SiO2, Al2O3 and Fe2O3 of the clinker less the ash, which is taken as
    acidic oxides in the clinker's own proportions; the minor oxides; and bound water as
    the mass fraction ``bound_water`` of the whole dry meal. No moisture. Stoichiometry
    with the molar masses of :mod:`kernels.solids`.
    """
    for j in range(N_COMP):
        c_out[j] = 0.0
    acid = w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3]
    m = sd.MOLAR_MASS_SOLID
    c_out[C_CACO3] = w[ck.CAO] * caco3_share * m[sd.CACO3] / m[sd.CAO]
    c_out[C_CAO] = w[ck.CAO] * (1.0 - caco3_share)
    c_out[C_MGCO3] = w[ck.MGO] * mgco3_share * m[sd.MGCO3] / m[sd.MGO]
    c_out[C_MGO] = w[ck.MGO] * (1.0 - mgco3_share)
    c_out[C_SIO2] = w[ck.SIO2] * (1.0 - ash / acid)
    c_out[C_AL2O3] = w[ck.AL2O3] * (1.0 - ash / acid)
    c_out[C_FE2O3] = w[ck.FE2O3] * (1.0 - ash / acid)
    c_out[C_MINOR] = clinker_minor(w)
    dry = 0.0
    for j in range(C_H2O_BOUND):
        dry += c_out[j]
    c_out[C_H2O_BOUND] = bound_water / (1.0 - bound_water) * dry


@njit(cache=True)
def calcine(c: np.ndarray, x_caco3: float, x_mgco3: float) -> float:
    """Calcine the fractions ``x_caco3`` of CaCO3 and ``x_mgco3`` of MgCO3 in ``c`` in place.

    Returns the CO2 released, mol (per the unit of ``c``, e.g. mol/s for kg/s).
    """
    m = sd.MOLAR_MASS_SOLID
    n_ca = x_caco3 * c[C_CACO3] / m[sd.CACO3]
    n_mg = x_mgco3 * c[C_MGCO3] / m[sd.MGCO3]
    c[C_CACO3] -= n_ca * m[sd.CACO3]
    c[C_CAO] += n_ca * m[sd.CAO]
    c[C_MGCO3] -= n_mg * m[sd.MGCO3]
    c[C_MGO] += n_mg * m[sd.MGO]
    return n_ca + n_mg


@njit(cache=True)
def add_ash(w: np.ndarray, ash: float, c: np.ndarray) -> None:
    """Add ``ash`` (kg) of fuel ash to meal ``c`` as acidic oxides in the proportions of clinker ``w``."""
    acid = w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3]
    c[C_SIO2] += ash * w[ck.SIO2] / acid
    c[C_AL2O3] += ash * w[ck.AL2O3] / acid
    c[C_FE2O3] += ash * w[ck.FE2O3] / acid


# ----------------------------------------------------------------------- ledger
@njit(cache=True)
def add_meal_elements(c: np.ndarray, scale: float, e: np.ndarray) -> None:
    """``e += scale *`` elements and oxide units of meal ``c`` (kg/s -> mol/s and kg/s)."""
    m = sd.MOLAR_MASS_SOLID
    n_ca = c[C_CACO3] / m[sd.CACO3]
    n_mg = c[C_MGCO3] / m[sd.MGCO3]
    n_w = (c[C_H2O_BOUND] + c[C_H2O_LIQ]) / _M_H2O
    e[E_C] += scale * (n_ca + n_mg)
    e[E_O] += scale * (2.0 * (n_ca + n_mg) + n_w)
    e[E_H] += scale * 2.0 * n_w
    e[E_CAO] += scale * (c[C_CAO] + n_ca * m[sd.CAO])
    e[E_MGO] += scale * (c[C_MGO] + n_mg * m[sd.MGO])
    e[E_SIO2] += scale * c[C_SIO2]
    e[E_AL2O3] += scale * c[C_AL2O3]
    e[E_FE2O3] += scale * c[C_FE2O3]
    e[E_MINOR] += scale * c[C_MINOR]


@njit(cache=True)
def add_clinker_elements(w: np.ndarray, m_clk: float, scale: float, e: np.ndarray) -> None:
    """``e += scale *`` oxide units of ``m_clk`` kg/s of clinker ``w``."""
    e[E_CAO] += scale * m_clk * w[ck.CAO]
    e[E_MGO] += scale * m_clk * w[ck.MGO]
    e[E_SIO2] += scale * m_clk * w[ck.SIO2]
    e[E_AL2O3] += scale * m_clk * w[ck.AL2O3]
    e[E_FE2O3] += scale * m_clk * w[ck.FE2O3]
    e[E_MINOR] += scale * m_clk * clinker_minor(w)


@njit(cache=True)
def add_ash_elements(w: np.ndarray, ash: float, scale: float, e: np.ndarray) -> None:
    """``e += scale *`` oxide units of ``ash`` kg/s of fuel ash (see :func:`add_ash`)."""
    acid = w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3]
    e[E_SIO2] += scale * ash * w[ck.SIO2] / acid
    e[E_AL2O3] += scale * ash * w[ck.AL2O3] / acid
    e[E_FE2O3] += scale * ash * w[ck.FE2O3] / acid


@njit(cache=True)
def add_gas_elements(n: np.ndarray, scale: float, e: np.ndarray) -> None:
    """``e += scale *`` atoms of C, H, O, N, S, Ar of gas ``n`` (mol/s of thermo species)."""
    for k in range(th.N_SPECIES):
        if n[k] != 0.0:
            for i in range(th.N_ELEMENTS):
                e[i] += scale * n[k] * th.ELEMENTS[k, i]

