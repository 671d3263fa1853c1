"""Coking (chemical-reaction fouling) of crude oil inside heater tubes: the threshold model.

The deposit grows by a reaction at the deposit surface and is removed (or its growth
suppressed) by the flow. Polley, Wilson, Yeap & Pugh (2002), "Evaluation of laboratory
crude oil threshold fouling data for application to refinery pre-heat trains", *Applied
Thermal Engineering* 22, 777-788, wrote the threshold model of Ebert & Panchal (1995)
in a form that needs no wall shear stress::

    dRf/dt = alpha Re^-0.8 Pr^-0.33 exp(-E / (R T_s)) - gamma Re^0.8

with ``Re`` and ``Pr`` of the tube-side flow and ``T_s`` the temperature of the surface
the oil touches (deposit surface). The constants are crude-specific: ``E`` of published
fits spans about 28-75 kJ/mol (Wilson, Ishiyama & Polley 2017, "Twenty years of Ebert
and Panchal - what next?", *Heat Transfer Engineering* 38, 669-680), ``alpha`` and
``gamma`` are fitted to a unit's history. Units here: ``Rf`` in m^2 K/W on the inside
area, time in seconds, so ``alpha`` and ``gamma`` are in m^2 K/(W s).
"""

from __future__ import annotations

import numpy as np
from numba import njit

R_GAS = 8.314462618  # J/(mol K)


@njit(cache=True)
def threshold_fouling_rate(re: float, pr: float, t_surface: float, alpha: float,
                           activation_energy: float, gamma: float) -> float:
    """Net fouling rate dRf/dt [m^2 K/(W s)] of the Polley et al. (2002) threshold model.

    Parameters
    ----------
    re, pr : tube-side Reynolds and Prandtl numbers [-]
    t_surface : deposit-surface temperature the oil touches [K]
    alpha : deposition constant [m^2 K/(W s)]
    activation_energy : apparent activation energy of the deposition [J/mol]
    gamma : suppression constant [m^2 K/(W s)]

    The rate may be negative (below the threshold); the caller keeps ``Rf`` at or
    above its clean value.
    """
    deposition = alpha * re ** -0.8 * pr ** -0.33 * np.exp(-activation_energy / (R_GAS * t_surface))
    return deposition - gamma * re ** 0.8


@njit(cache=True)
def deposit_surface_temp(t_bulk: float, flux_outside: float, tube_od: float, tube_id: float,
                         h_inside: float) -> float:
    """Temperature of the surface the oil touches [K].

    The heat flux per outside area ``flux_outside`` [W/m^2] crosses the inside film
    [W/(m^2 K), inside-area basis] as ``flux_outside * od / id``; the deposit surface is
    one film drop above the bulk oil temperature ``t_bulk`` [K].
    """
    return t_bulk + flux_outside * tube_od / tube_id / h_inside


@njit(cache=True)
def tube_flow_numbers(mass_flow_per_pass: float, tube_id: float, viscosity: float, cp: float,
                      conductivity: float) -> tuple[float, float]:
    """Reynolds and Prandtl numbers of the oil in one pass (round tube)."""
    re = 4.0 * mass_flow_per_pass / (np.pi * tube_id * viscosity)
    pr = cp * viscosity / conductivity
    return re, pr
