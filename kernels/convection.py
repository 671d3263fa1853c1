"""Convective heat transfer for fired-heater tube banks and coils.

References
----------
.. [1] E. D. Grimison (1937), "Correlation and utilization of new data on flow
   resistance and heat transfer for cross flow of gases over tube banks",
   Trans. ASME 59, 583–594; coefficients as tabulated in F. P. Incropera et al.,
   *Fundamentals of Heat and Mass Transfer*, 6th ed. (2007), Tables 7.5 and 7.6.
.. [2] V. Gnielinski (1976), "New equations for heat and mass transfer in turbulent
   pipe and channel flow", Int. Chem. Eng. 16, 359–368.
.. [3] F. M. White (2006), *Viscous Fluid Flow*, 3rd ed., Table 1-2 (Sutherland
   constants of air, used for flue gas).
.. [4] H. C. Hottel, A. F. Sarofim (1967), *Radiative Transfer*, Table 7-1 (mean beam
   length of an equilateral tube bank, L = 3.0 (S - D) for S = 2D).
"""

from __future__ import annotations

import numpy as np
from numba import njit

# Grimison (1937) staggered banks, Nu = 1.13 C1 Re^m Pr^(1/3), Re on V_max.
# Rows: S_L/D = 1.25, 1.5, 2, 3; columns: S_T/D = 1.25, 1.5, 2, 3.
_GRIM_RATIO = np.array([1.25, 1.5, 2.0, 3.0])
_GRIM_C1 = np.array([
    [0.518, 0.505, 0.519, 0.522],
    [0.451, 0.460, 0.452, 0.488],
    [0.404, 0.416, 0.482, 0.449],
    [0.310, 0.356, 0.440, 0.421],
])
_GRIM_M = np.array([
    [0.556, 0.554, 0.556, 0.562],
    [0.568, 0.562, 0.568, 0.568],
    [0.572, 0.568, 0.556, 0.570],
    [0.592, 0.580, 0.562, 0.574],
])
# Row-number correction C2 for staggered banks with fewer than 10 rows (Table 7.6).
_GRIM_C2 = np.array([0.68, 0.75, 0.83, 0.89, 0.92, 0.95, 0.97, 0.98, 0.99, 1.0])


@njit(cache=True)
def _interp_index(x: float) -> tuple:
    r = _GRIM_RATIO
    if x <= r[0]:
        return 0, 0.0
    for i in range(r.size - 1):
        if x <= r[i + 1]:
            return i, (x - r[i]) / (r[i + 1] - r[i])
    return r.size - 2, 1.0


@njit(cache=True)
def grimison_nusselt(re: float, pr: float, st_over_d: float, sl_over_d: float,
                     n_rows: float) -> float:
    """Mean Nusselt number of a staggered tube bank in cross flow [-] (Grimison 1937).

    Nu = C2 * 1.13 * C1 * Re^m * Pr^(1/3); C1 and m bilinearly interpolated in the
    pitch ratios (clamped to the table, 1.25–3), C2 the row-number correction.
    Valid for 2000 < Re < 40 000 and Pr >= 0.7 (applied with this caveat outside).
    """
    i, wi = _interp_index(sl_over_d)
    j, wj = _interp_index(st_over_d)
    c1 = ((1 - wi) * (1 - wj) * _GRIM_C1[i, j] + wi * (1 - wj) * _GRIM_C1[i + 1, j]
          + (1 - wi) * wj * _GRIM_C1[i, j + 1] + wi * wj * _GRIM_C1[i + 1, j + 1])
    m = ((1 - wi) * (1 - wj) * _GRIM_M[i, j] + wi * (1 - wj) * _GRIM_M[i + 1, j]
         + (1 - wi) * wj * _GRIM_M[i, j + 1] + wi * wj * _GRIM_M[i + 1, j + 1])
    k = int(n_rows)
    c2 = 1.0 if k >= 10 else _GRIM_C2[max(k, 1) - 1]
    return c2 * 1.13 * c1 * np.exp(m * np.log(re)) * np.cbrt(pr)


@njit(cache=True)
def gnielinski_nusselt(re: float, pr: float) -> float:
    """Nusselt number of fully developed pipe flow [-] (Gnielinski 1976).

    Nu = (f/8)(Re - 1000) Pr / (1 + 12.7 sqrt(f/8) (Pr^(2/3) - 1)),
    f = (0.790 ln Re - 1.64)^-2; valid 3000 <= Re <= 5e6, 0.5 <= Pr <= 2000.
    Below that, the laminar constant-wall-temperature value 3.66 is the floor.
    """
    if re < 3000.0:
        return 3.66
    f = (0.790 * np.log(re) - 1.64) ** -2
    nu = (f / 8.0) * (re - 1000.0) * pr / (1.0 + 12.7 * np.sqrt(f / 8.0) * (pr ** (2.0 / 3.0) - 1.0))
    return max(nu, 3.66)


@njit(cache=True)
def flue_viscosity(t: float) -> float:
    """Dynamic viscosity of flue gas taken as air, Sutherland's law [Pa s] (White 2006)."""
    tr = t / 273.15
    return 1.716e-5 * tr * np.sqrt(tr) * (273.15 + 110.4) / (t + 110.4)


@njit(cache=True)
def flue_conductivity(t: float) -> float:
    """Thermal conductivity of flue gas taken as air, Sutherland form [W/(m K)] (White 2006)."""
    tr = t / 273.15
    return 0.0241 * tr * np.sqrt(tr) * (273.15 + 194.0) / (t + 194.0)


@njit(cache=True)
def flue_conductivity_slope(t: float) -> float:
    """Temperature derivative of :func:`flue_conductivity` [W/(m K^2)]: k (1.5/T - 1/(T + 194 K))."""
    return flue_conductivity(t) * (1.5 / t - 1.0 / (t + 194.0))


@njit(cache=True)
def tube_bank_beam_length(od: float, pitch: float) -> float:
    """Mean beam length of the gas between tubes of a bank, 3.0 (S - D) [m] (Hottel 1967)."""
    return 3.0 * (pitch - od)


@njit(cache=True)
def counterflow_effectiveness(ntu: float, c_ratio: float) -> float:
    """Effectiveness of a counter-flow exchanger [-] (Kays & London ε-NTU relation)."""
    if ntu <= 0.0:
        return 0.0
    if abs(1.0 - c_ratio) < 1e-9:
        return ntu / (1.0 + ntu)
    e = np.exp(-ntu * (1.0 - c_ratio))
    return (1.0 - e) / (1.0 - c_ratio * e)


@njit(cache=True)
def surface_efficiency(area_ratio: float, fin_efficiency: float) -> float:
    """Overall efficiency of a finned surface, 1 - (A_fin/A_total)(1 - eta_fin) [-].

    area_ratio is total outside area per bare-tube area, so A_fin/A_total is
    (area_ratio - 1) / area_ratio (root area covered by fins neglected).
    """
    return 1.0 - (area_ratio - 1.0) / area_ratio * (1.0 - fin_efficiency)
