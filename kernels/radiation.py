"""Radiative exchange in fired enclosures: gas emissivity, tube banks, exchange factor.

The firebox is treated as one well-stirred gas zone facing a cold plane of tubes backed
by adiabatic refractory (Lobo & Evans 1939; Hottel & Sarofim 1967, ch. 14). The pieces
here are the classical ingredients of that model.

References
----------
.. [1] W. E. Lobo, J. E. Evans (1939), "Heat transfer in the radiant section of
   petroleum heaters", Trans. AIChE 35, 743–778.
.. [2] H. C. Hottel, A. F. Sarofim (1967), *Radiative Transfer*, McGraw-Hill, ch. 7, 14.
.. [3] T. F. Smith, Z. F. Shen, J. N. Friedman (1982), "Evaluation of coefficients for
   the weighted sum of gray gases model", J. Heat Transfer 104, 602–608, Table 2.
.. [4] H. C. Hottel (1931), "Radiant heat transmission between surfaces separated by
   non-absorbing media", Trans. ASME FSP 53, 265–273 (tube-row view factor).
"""

from __future__ import annotations

import numpy as np
from numba import njit

SIGMA = 5.670374419e-8  # Stefan–Boltzmann constant, W/(m^2 K^4)
ATM = 101325.0  # Pa

# Smith, Shen & Friedman (1982) Table 2: three gray gases plus a clear gas for CO2–H2O
# mixtures. Rows: gray gas i; columns: kappa_i [1/(atm m)], b_i1..b_i4 with
# a_i(T) = b1*1e-1 + b2*1e-4*T + b3*1e-7*T^2 + b4*1e-11*T^3 (T in K, 600–2400 K).
_WSGG_PW_PC_1 = np.array([
    [0.4303, 5.150, -2.303, 0.9779, -1.494],
    [7.055, 0.7749, 3.399, -2.297, 3.770],
    [178.1, 1.907, -1.824, 0.5608, -0.5122],
])
_WSGG_PW_PC_2 = np.array([
    [0.4201, 6.508, -5.551, 3.029, -5.353],
    [6.516, -0.2504, 6.112, -3.882, 6.528],
    [131.9, 2.718, -3.118, 1.221, -1.612],
])
_WSGG_T_MIN = 600.0
_WSGG_T_MAX = 2400.0


@njit(cache=True)
def mean_beam_length(volume: float, area: float) -> float:
    """Mean beam length of an enclosure, L = 3.6 V / A [m] (Hottel & Sarofim 1967)."""
    return 3.6 * volume / area


@njit(cache=True)
def _wsgg_sum(table: np.ndarray, t: float, pl: float) -> float:
    eps = 0.0
    for i in range(3):
        a = (table[i, 1] * 1e-1 + table[i, 2] * 1e-4 * t + table[i, 3] * 1e-7 * t * t
             + table[i, 4] * 1e-11 * t * t * t)
        eps += a * (1.0 - np.exp(-table[i, 0] * pl))
    return eps


@njit(cache=True)
def gas_emissivity(t_gas: float, p_h2o: float, p_co2: float, path_length: float) -> float:
    """Total emissivity of a CO2–H2O mixture, weighted sum of gray gases.

    Parameters
    ----------
    t_gas : gas temperature [K], clamped to the fitted range 600–2400 K
    p_h2o, p_co2 : partial pressures [Pa]
    path_length : mean beam length [m]

    Returns
    -------
    Total emissivity [-]. The coefficient sets of Smith et al. (1982) for
    p_H2O/p_CO2 = 1 and 2 are interpolated linearly in the ratio and the end set is
    used outside [1, 2] (refinery fuel gases give 1.5–3).
    """
    t = min(max(t_gas, _WSGG_T_MIN), _WSGG_T_MAX)
    p_sum_atm = (p_h2o + p_co2) / ATM
    if p_sum_atm <= 0.0 or path_length <= 0.0:
        return 0.0
    pl = p_sum_atm * path_length
    ratio = p_h2o / p_co2 if p_co2 > 0.0 else 2.0
    w = min(max(ratio - 1.0, 0.0), 1.0)
    if w >= 1.0:
        return _wsgg_sum(_WSGG_PW_PC_2, t, pl)
    if w <= 0.0:
        return _wsgg_sum(_WSGG_PW_PC_1, t, pl)
    return (1.0 - w) * _wsgg_sum(_WSGG_PW_PC_1, t, pl) + w * _wsgg_sum(_WSGG_PW_PC_2, t, pl)


@njit(cache=True)
def tube_row_view_factor(od: float, pitch: float) -> float:
    """Direct view factor from a plane to a parallel row of tubes [-] (Hottel 1931).

    F = 1 - sqrt(1 - x^2) + x * arctan(sqrt(1 - x^2) / x), x = od / pitch.
    """
    x = min(od / pitch, 1.0)
    r = np.sqrt(1.0 - x * x)
    return 1.0 - r + x * np.arctan(r / x)


@njit(cache=True)
def tube_bank_alpha(od: float, pitch: float, rows: float) -> float:
    """Effectiveness alpha of tube rows in front of a refractory wall [-].

    alpha = 1 - (1 - F)^(2 n): the radiation passing between the tubes is returned by
    the re-radiating wall and crosses the rows a second time. For one row this is
    Hottel's 2F - F^2 (total to one row, refractory backed), which reproduces the
    Hottel/Lobo–Evans chart (0.88 at pitch/OD = 2, 0.72 at 3).
    """
    f = tube_row_view_factor(od, pitch)
    return 1.0 - (1.0 - f) ** (2.0 * rows)


@njit(cache=True)
def exchange_factor(eps_gas: float, eps_tube: float, refractory_ratio: float) -> float:
    """Overall exchange factor F of a one-zone furnace with adiabatic refractory [-].

    Radiosity network of a gray gas (emissivity eps_gas), a sink (cold plane alpha*Acp,
    emissivity eps_tube) and re-radiating refractory of area A_R = refractory_ratio *
    alpha*Acp (Hottel & Sarofim 1967, ch. 14):

        1/F = 1 / (eps_g + eps_g (1 - eps_g) r / (eps_g r + 1 - eps_g)) + 1/eps_t - 1

    with r = A_R / (alpha Acp). Limits: eps_g -> 1 gives F = eps_t; r -> 0 gives the
    two-surface result 1/(1/eps_g + 1/eps_t - 1).
    """
    eg = min(max(eps_gas, 1e-9), 1.0)
    r = max(refractory_ratio, 0.0)
    gas_to_sink = eg + eg * (1.0 - eg) * r / (eg * r + 1.0 - eg)
    return 1.0 / (1.0 / gas_to_sink + 1.0 / eps_tube - 1.0)


@njit(cache=True)
def radiant_exchange(alpha_acp: float, f_exchange: float, t_gas: float, t_tube: float,
                     h_conv: float, area_tube: float) -> float:
    """Lobo–Evans radiant-section heat transfer [W].

    Q = sigma * alpha*Acp * F * (Tg^4 - Tt^4) + h_c * A_t * (Tg - Tt).
    """
    return (SIGMA * alpha_acp * f_exchange * (t_gas**4 - t_tube**4)
            + h_conv * area_tube * (t_gas - t_tube))
