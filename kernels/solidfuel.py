"""Solid and liquid fuels given by ultimate analysis and lower heating value.

A fuel is a mass-fraction vector ``u`` (as fired, summing to one) indexed by
``U_C, U_H, U_O, U_N, U_S, U_MOISTURE, U_ASH``, plus its measured lower heating value
(net calorific value at constant pressure, water as vapour, as fired, J/kg). This
covers coal, petcoke, lignite, oil and alternative fuels (tyres, RDF, biomass) by their
analyses; a fuel gas is better described by :mod:`kernels.combustion`.

Complete combustion turns C into CO2, H into H2O, S into SO2 and N into N2; the
moisture leaves as vapour and the ash as oxides. Gas properties come from
:mod:`kernels.thermo`. The absolute enthalpy of the fuel (NASA convention, formation
enthalpies included) is *defined* from its heating value,

.. math::

    h_{fuel}(298.15\\,K) = LHV + \\sum_{products} n_k h_k(298.15\\,K) - n_{O_2} h_{O_2}(298.15\\,K)
                        + u_{ash} h_{ash}(298.15\\,K),

so that any enthalpy balance written with absolute enthalpies releases exactly the LHV
when the fuel burns to vapour-water products at 298.15 K. The sensible heat of the fuel
is ``cp_fuel (T - 298.15 K)`` with a constant mean heat capacity.

References
----------
.. [1] ISO 1928:2020, "Solid mineral fuels — Determination of gross calorific value by
   the bomb calorimetric method and calculation of net calorific value".
.. [2] S. A. Channiwala, P. P. Parikh (2002), "A unified correlation for estimating HHV
   of solid, liquid and gaseous fuels", Fuel 81, 1051-1063, eq. (3).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.thermo import (
    ATOMIC_WEIGHT,
    CO2,
    EL_C,
    EL_H,
    EL_N,
    EL_O,
    EL_S,
    H2O,
    MOLAR_MASS,
    N2,
    N_SPECIES,
    O2,
    SO2,
    T_REF,
    h_species,
)

U_C, U_H, U_O, U_N, U_S, U_MOISTURE, U_ASH = range(7)
N_U = 7
U_NAMES = ("C", "H", "O", "N", "S", "moisture", "ash")

#: Enthalpy of vaporisation of water at 298.15 K per kg, from the CODATA key values
#: (Cox, Wagman & Medvedev 1989): 44.004 kJ/mol / 18.015 g/mol.
DH_VAP_WATER_MASS = 44.004e3 / 0.018015


@njit(cache=True)
def o2_demand(u: np.ndarray) -> float:
    """Oxygen for complete combustion, mol O2 per kg fuel.

    ``C/M_C + H/(4 M_H) + S/M_S - O/(2 M_O)`` from the ultimate analysis (moisture and
    ash need no oxygen). Standard combustion stoichiometry, e.g. ISO 1928 (2020),
    annex on combustion calculations.
    """
    return (
        u[U_C] / ATOMIC_WEIGHT[EL_C]
        + 0.25 * u[U_H] / ATOMIC_WEIGHT[EL_H]
        + u[U_S] / ATOMIC_WEIGHT[EL_S]
        - 0.5 * u[U_O] / ATOMIC_WEIGHT[EL_O]
    )


@njit(cache=True)
def air_per_kg(u: np.ndarray, x_air: np.ndarray, excess_air: float) -> float:
    """Combustion air, mol per kg fuel: ``(1 + excess_air) o2_demand / x_O2`` (``x_air`` normalised)."""
    total = 0.0
    for k in range(N_SPECIES):
        total += x_air[k]
    return (1.0 + excess_air) * o2_demand(u) * total / x_air[O2]


@njit(cache=True)
def products_per_kg(u: np.ndarray, n_out: np.ndarray) -> None:
    """Gaseous products of complete combustion without air, mol per kg fuel, into ``n_out``.

    CO2 from C, H2O from H plus the moisture, SO2 from S, N2 from N; ``n_out[O2]`` holds
    minus the oxygen demand, so that adding ``n_air`` mol of air gives the flue gas.
    """
    for k in range(N_SPECIES):
        n_out[k] = 0.0
    n_out[CO2] = u[U_C] / ATOMIC_WEIGHT[EL_C]
    n_out[H2O] = 0.5 * u[U_H] / ATOMIC_WEIGHT[EL_H] + u[U_MOISTURE] / MOLAR_MASS[H2O]
    n_out[SO2] = u[U_S] / ATOMIC_WEIGHT[EL_S]
    n_out[N2] = 0.5 * u[U_N] / ATOMIC_WEIGHT[EL_N]
    n_out[O2] = -o2_demand(u)


@njit(cache=True)
def flue_per_kg(u: np.ndarray, x_air: np.ndarray, excess_air: float, n_out: np.ndarray) -> float:
    """Flue gas of complete combustion, mol per kg fuel, into ``n_out``; returns the total.

    Products of :func:`products_per_kg` plus :func:`air_per_kg` mol of air of
    composition ``x_air``; the excess oxygen and the air's N2, Ar, H2O, CO2 pass through.
    Element balance exact by construction.
    """
    products_per_kg(u, n_out)
    a = air_per_kg(u, x_air, excess_air)
    total = 0.0
    xs = 0.0
    for k in range(N_SPECIES):
        xs += x_air[k]
    for k in range(N_SPECIES):
        n_out[k] += a * x_air[k] / xs
        total += n_out[k]
    return total


@njit(cache=True)
def enthalpy_298(u: np.ndarray, lhv: float, h_ash_298: float) -> float:
    """Absolute enthalpy of the fuel at 298.15 K, J/kg, defined from its LHV (module notes).

    Parameters
    ----------
    u : ndarray, shape (N_U,)
        Ultimate analysis as fired, mass fractions.
    lhv : float
        Lower heating value as fired, J/kg (ISO 1928 net calorific value at constant
        pressure).
    h_ash_298 : float
        Absolute enthalpy of the ash oxides at 298.15 K, J per kg ash (0 to keep the
        ash out of the absolute scale).
    """
    n = np.empty(N_SPECIES)
    products_per_kg(u, n)
    h = lhv + u[U_ASH] * h_ash_298
    for k in range(N_SPECIES):
        if n[k] != 0.0:
            h += n[k] * h_species(k, T_REF)
    return h


@njit(cache=True)
def enthalpy(u: np.ndarray, lhv: float, h_ash_298: float, cp_fuel: float, T: float) -> float:
    """Absolute enthalpy of the fuel at ``T``, J/kg: :func:`enthalpy_298` + ``cp_fuel (T - 298.15 K)``."""
    return enthalpy_298(u, lhv, h_ash_298) + cp_fuel * (T - T_REF)


@njit(cache=True)
def hhv_channiwala_parikh(u: np.ndarray) -> float:
    """Higher heating value estimated from the ultimate analysis, J/kg.

    Channiwala & Parikh (2002), Fuel 81, 1051, eq. (3):
    ``HHV [MJ/kg] = 0.3491 C + 1.1783 H + 0.1005 S - 0.1034 O - 0.0151 N - 0.0211 A``
    with the fractions in mass percent; stated error about 1.45 % (absolute average) over
    their 225 validation fuels. Applied here to the as-fired analysis (moisture adds
    nothing).
    """
    return 1.0e6 * (
        34.91 * u[U_C] + 117.83 * u[U_H] + 10.05 * u[U_S] - 10.34 * u[U_O]
        - 1.51 * u[U_N] - 2.11 * u[U_ASH]
    )


@njit(cache=True)
def lhv_from_hhv(u: np.ndarray, hhv: float) -> float:
    """Net from gross calorific value, J/kg: ``HHV - Δh_vap (9 H + M)`` (ISO 1928, vapour at 25 °C).

    ``9 H`` approximates the water formed (``M_H2O / (2 M_H) = 8.94``); exact molar masses
    are used here.
    """
    water = u[U_H] * MOLAR_MASS[H2O] / (2.0 * ATOMIC_WEIGHT[EL_H]) + u[U_MOISTURE]
    return hhv - DH_VAP_WATER_MASS * water
