"""Cell voltage of a Hall–Héroult cell, term by term (Haupin 1998).

The cell voltage is the sum of the reversible potential, the anode surface (reaction)
and concentration overvoltages, the cathode concentration overvoltage, the ohmic drops
in the bubble layer under the anodes and in the bubble-free bath, and the ohmic drops
in the anodes, the cathode and the share of external busbar of one cell [1]_.

Current densities follow Haupin: the anode terms and the bath drop use the current
over the *effective* anode area, the geometric area enlarged by the current that
fans out around the anode edges; here every anode is widened on all sides by
``fanning * ACD`` (``fanning`` is a parameter of the cell design; Haupin's worked
cell has an effective area 1.14 times the geometric one). The correlations were
fitted in cm and A/cm^2; the functions take and return SI units and convert inside.

References
----------
.. [1] W. Haupin (1998), "Interpreting the components of cell voltage", Light Metals
   1998, TMS, 531–537.
.. [2] K. Grjotheim, B. J. Welch (1988), *Aluminium Smelter Technology*, 2nd ed.,
   Aluminium-Verlag, Düsseldorf, ch. 5 (critical current density of the anode effect).
"""

from __future__ import annotations

import numpy as np
from numba import njit

FARADAY = 96485.33212  # C/mol
R_GAS = 8.314462618  # J/(mol K)

# Terms of the voltage breakdown, indices into the vector filled by voltage_breakdown.
(
    V_REVERSIBLE, V_ANODE_SURFACE, V_ANODE_CONCENTRATION, V_CATHODE_CONCENTRATION,
    V_BUBBLE, V_BATH, V_ANODE, V_CATHODE, V_EXTERNAL,
    V_CURRENT_DENSITY, V_EFFECTIVE_CURRENT_DENSITY, V_CRITICAL_CURRENT_DENSITY,
    V_BUBBLE_THICKNESS, V_BUBBLE_COVERAGE,
) = range(14)
N_V = 14
N_TERMS = 9  # the first N_TERMS entries add up to the cell voltage


@njit(cache=True)
def reversible_potential(T: float, activity: float) -> float:
    """Reversible potential of Al2O3 + 3/2 C = 2 Al + 3/2 CO2, V (Haupin 1998, ref. [1]).

    ``E = 1.896 - 0.000572 T + R T / (12 F) ln(1 / a^2)`` with T in K and ``a`` the
    alumina activity (solid reference); CO2 at 1 bar, Al and C at unit activity.
    """
    return 1.896 - 0.000572 * T - R_GAS * T / (6.0 * FARADAY) * np.log(activity)


@njit(cache=True)
def critical_current_density(T: float, al2o3: float, anode_area: float) -> float:
    """Anode current density at which the anode effect starts, A/m^2 (refs. [1], [2]).

    ``i_c [A/cm^2] = (5.5 + 0.018 (T - 1323)) A^-0.1 (sqrt(Al2O3) - 0.4)`` with T in K,
    Al2O3 in wt% and A the area of one anode in cm^2 (``anode_area`` in m^2).
    """
    return 1.0e4 * ((5.5 + 0.018 * (T - 1323.0)) * (1.0e4 * anode_area) ** -0.1
                    * (np.sqrt(al2o3) - 0.4))


@njit(cache=True)
def anode_surface_overvoltage(T: float, i_anode: float, al2o3: float) -> float:
    """Anode reaction (surface) overvoltage, V (Haupin 1998, ref. [1]).

    ``eta = T / 12533 ln(i / i_r)`` with the exchange-like current density
    ``i_r [A/cm^2] = 0.0029 Al2O3^0.56`` (Al2O3 in wt%); 12533 K/V is F / (R alpha n)
    with alpha n = 1.08. Zero below i_r.
    """
    i_r = 29.0 * al2o3**0.56  # A/m^2
    if i_anode <= i_r:
        return 0.0
    return T / 12533.0 * np.log(i_anode / i_r)


@njit(cache=True)
def anode_concentration_overvoltage(T: float, i_anode: float, i_critical: float) -> float:
    """Anode concentration overvoltage, V (Haupin 1998, ref. [1]).

    ``eta = T / 23209 ln(i_c / (i_c - i))`` (23209 K/V = 2 F / R); infinite at and
    above the critical current density ``i_c`` (the anode effect).
    """
    if i_anode >= i_critical:
        return np.inf
    return T / 23209.0 * np.log(i_critical / (i_critical - i_anode))


@njit(cache=True)
def cathode_concentration_overvoltage(T: float, i_cathode: float, bath_ratio: float) -> float:
    """Cathode concentration overvoltage, V (Haupin 1998, ref. [1]).

    ``eta = 5.745e-5 T (1.375 - 0.25 BR) ln(i_c / 0.257)`` with the cathode current
    density ``i_c`` in A/cm^2 and BR the weight ratio NaF/AlF3; zero below 0.257 A/cm^2.
    """
    i_cm2 = 1.0e-4 * i_cathode
    if i_cm2 <= 0.257:
        return 0.0
    return 5.744815e-5 * T * (1.375 - 0.25 * bath_ratio) * np.log(i_cm2 / 0.257)


@njit(cache=True)
def bubble_thickness(i_anode: float) -> float:
    """Thickness of the gas-bubble layer under a horizontal anode, m (Haupin 1998).

    ``d_b [cm] = (0.5517 + i) / (1 + 2.167 i)``, i in A/cm^2.
    """
    i = 1.0e-4 * i_anode
    return 0.01 * (0.5517 + i) / (1.0 + 2.167 * i)


@njit(cache=True)
def bubble_coverage(i_anode: float, bath_ratio: float, al2o3: float, al2o3_ae: float) -> float:
    """Fraction of the anode bottom covered by gas bubbles (Haupin 1998, ref. [1]).

    ``phi = 0.9 (0.509 + 0.1823 i - 0.1723 i^2 + 0.05504 i^3
    + (0.4322 - 0.3781 BR) / (1 + 1.637 BR)
    + (0.431 - 0.1437 x) / (1 + 7.353 x))``, i in A/cm^2, BR the weight ratio,
    ``x = Al2O3 - Al2O3_AE`` (wt%) the alumina above its anode-effect value, taken
    as zero below it.
    """
    i = 1.0e-4 * i_anode
    x = max(al2o3 - al2o3_ae, 0.0)
    phi = (0.509 + i * (0.1823 + i * (-0.1723 + i * 0.05504))
           + (0.4322 - 0.3781 * bath_ratio) / (1.0 + 1.637 * bath_ratio)
           + (0.431 - 0.1437 * x) / (1.0 + 7.353 * x))
    return 0.9 * phi


@njit(cache=True)
def effective_anode_area(n_anodes: float, length: float, width: float, acd: float,
                         fanning: float) -> float:
    """Anode area carrying the current through the bath, m^2: each anode widened on every
    side by ``fanning * acd`` (current fanning out around the anode edges)."""
    grow = 2.0 * fanning * acd
    return n_anodes * (length + grow) * (width + grow)


@njit(cache=True)
def voltage_breakdown(v: np.ndarray, T: float, current: float, acd: float, al2o3: float,
                      al2o3_ae: float, activity: float, kappa: float, bath_ratio: float,
                      n_anodes: float, anode_length: float, anode_width: float,
                      fanning: float, cathode_area: float, anode_resistance: float,
                      cathode_resistance: float, external_resistance: float) -> float:
    """Fill ``v`` (length N_V) with the voltage terms and return the cell voltage, V.

    ``kappa`` is the bath conductivity (S/m), ``anode_resistance`` the resistance of
    the anode assembly and carbon of the whole cell (ohm). The cell voltage includes
    the external (busbar) share. Returns ``inf`` if the effective anode current
    density is at or above the critical one (the cell is on anode effect).
    """
    area = n_anodes * anode_length * anode_width
    area_eff = effective_anode_area(n_anodes, anode_length, anode_width, acd, fanning)
    i_geo = current / area
    i_eff = current / area_eff
    i_crit = critical_current_density(T, al2o3, anode_length * anode_width)
    d_b = bubble_thickness(i_eff)
    phi = bubble_coverage(i_eff, bath_ratio, al2o3, al2o3_ae)
    v[V_REVERSIBLE] = reversible_potential(T, activity)
    v[V_ANODE_SURFACE] = anode_surface_overvoltage(T, i_eff, al2o3)
    v[V_ANODE_CONCENTRATION] = anode_concentration_overvoltage(T, i_eff, i_crit)
    v[V_CATHODE_CONCENTRATION] = cathode_concentration_overvoltage(T, current / cathode_area,
                                                                   bath_ratio)
    v[V_BUBBLE] = i_eff * d_b * phi / (kappa * (1.0 - phi))
    v[V_BATH] = i_eff * (acd - d_b) / kappa
    v[V_ANODE] = current * anode_resistance
    v[V_CATHODE] = current * cathode_resistance
    v[V_EXTERNAL] = current * external_resistance
    v[V_CURRENT_DENSITY] = i_geo
    v[V_EFFECTIVE_CURRENT_DENSITY] = i_eff
    v[V_CRITICAL_CURRENT_DENSITY] = i_crit
    v[V_BUBBLE_THICKNESS] = d_b
    v[V_BUBBLE_COVERAGE] = phi
    total = 0.0
    for k in range(N_TERMS):
        total += v[k]
    return total
