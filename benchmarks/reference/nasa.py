"""NASA-7 gas thermochemistry in plain NumPy, shared by the reference implementations.

The coefficient tables are those of :mod:`kernels.thermo` (``NASA7_LOW``/``NASA7_HIGH``,
``T_LOW``/``T_MID``/``T_HIGH``): the tables are data, the evaluation is written again
here, with the same extrapolation rule (cp frozen at the end of the fitted range,
enthalpy continued linearly). Every function takes a scalar temperature, as the fired
heater's nested root finders need, or an array of temperatures (one per cell of the
kiln reference); the species axis is always the last one.

References
----------
.. [1] B. J. McBride, S. Gordon (1992), "Computer program for calculating and fitting
   thermodynamic functions", NASA RP-1271 (the 7-coefficient form).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from kernels import thermo as th

RTOL_T_FROM_H = 1e-13  # temperature of a mixture enthalpy (relative)
XTOL_T_FROM_H = 1e-9  # K


class NotConverged(Exception):
    """A root could not be bracketed or found."""


def species_cp_h(T: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cp/R [-] and h/R [K] of all species at T (cp frozen outside the fitted range).

    A scalar T gives two arrays of shape ``(N_SPECIES,)``; an array T of shape ``s``
    gives shape ``s + (N_SPECIES,)``. h is the absolute enthalpy (formation included)
    divided by R.
    """
    if isinstance(T, (float, int)):  # np.float64 is a float
        Tc = np.clip(T, th.T_LOW, th.T_HIGH)  # one clipped temperature per species
        a = np.where((Tc < th.T_MID)[:, None], th.NASA7_LOW, th.NASA7_HIGH)
        a0, a1, a2, a3, a4, a5 = a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 5]
    else:
        T = np.asarray(T, dtype=np.float64)[..., None]
        Tc = np.clip(T, th.T_LOW, th.T_HIGH)  # shape s + (N_SPECIES,)
        low = Tc < th.T_MID
        a0, a1, a2, a3, a4, a5 = (np.where(low, th.NASA7_LOW[:, j], th.NASA7_HIGH[:, j]) for j in range(6))
    cp = a0 + Tc * (a1 + Tc * (a2 + Tc * (a3 + Tc * a4)))
    h_rt = a0 + Tc * (a1 / 2 + Tc * (a2 / 3 + Tc * (a3 / 4 + Tc * a4 / 5))) + a5 / Tc
    return cp, h_rt * Tc + cp * (T - Tc)


def h_mix(n: np.ndarray, T: float | np.ndarray) -> float | np.ndarray:
    """Absolute enthalpy sum_k n_k h_k(T) [J, or J/mol for mole fractions].

    ``n`` has the species on its last axis; with an array T (one value per row of n,
    or broadcast against the rows) the result is one enthalpy per row.
    """
    h = species_cp_h(T)[1]
    if isinstance(T, (float, int)) and n.ndim == 1:
        return th.R_GAS * float(n @ h)
    return th.R_GAS * np.sum(n * h, axis=-1)


def cp_mix(n: np.ndarray, T: float | np.ndarray) -> float | np.ndarray:
    """Heat capacity sum_k n_k cp_k(T) [J/K, or J/(mol K) for mole fractions]; shapes as :func:`h_mix`."""
    cp = species_cp_h(T)[0]
    if isinstance(T, (float, int)) and n.ndim == 1:
        return th.R_GAS * float(n @ cp)
    return th.R_GAS * np.sum(n * cp, axis=-1)


def temperature_from_h(n: np.ndarray, H: float) -> float:
    """Temperature [K] at which the mixture n has enthalpy H (brentq on 200-6000 K)."""
    f = lambda T: h_mix(n, T) - H  # noqa: E731
    if f(th.T_SOLVE_MIN) * f(th.T_SOLVE_MAX) > 0.0:
        raise NotConverged("enthalpy outside h(200 K)..h(6000 K)")
    return brentq(f, th.T_SOLVE_MIN, th.T_SOLVE_MAX, xtol=XTOL_T_FROM_H, rtol=RTOL_T_FROM_H)
