"""Flue-gas transport properties and CO2-H2O emissivity in plain NumPy (shared by the references).

Re-implementations of :func:`kernels.convection.flue_viscosity`,
:func:`~kernels.convection.flue_conductivity` and
:func:`kernels.radiation.gas_emissivity`; only the coefficient tables are read from the
kernels. Every function takes scalars (the fired heater) or arrays that broadcast
against each other (one value per cell of the kiln).

References
----------
.. [1] F. M. White (2006), *Viscous Fluid Flow*, 3rd ed., Table 1-2 (Sutherland
   constants of air, used for flue gas).
.. [2] T. F. Smith, Z. F. Shen, J. N. Friedman (1982), "Evaluation of coefficients for
   the weighted sum of gray gases model", J. Heat Transfer 104, 602-608, Table 2.
"""

from __future__ import annotations

import numpy as np

from kernels import radiation as rad


def flue_viscosity(t: float | np.ndarray) -> float | np.ndarray:
    """Sutherland's law for air [Pa s] (White 2006)."""
    return 1.716e-5 * (t / 273.15) ** 1.5 * (273.15 + 110.4) / (t + 110.4)


def flue_conductivity(t: float | np.ndarray) -> float | np.ndarray:
    """Sutherland form for the conductivity of air [W/(m K)] (White 2006)."""
    return 0.0241 * (t / 273.15) ** 1.5 * (273.15 + 194.0) / (t + 194.0)


def _wsgg(table: np.ndarray, t, pl):
    """sum_i a_i(T) (1 - exp(-kappa_i p L)) over the three gray gases of one coefficient set.

    Scalar t and pl give a float; arrays give one value per element (gray gases on a
    new last axis, summed).
    """
    kappa, b = table[:, 0], table[:, 1:]
    if isinstance(t, float):
        a = b[:, 0] * 1e-1 + b[:, 1] * 1e-4 * t + b[:, 2] * 1e-7 * t**2 + b[:, 3] * 1e-11 * t**3
        return float(np.sum(a * (1.0 - np.exp(-kappa * pl))))
    t = t[..., None]
    a = b[:, 0] * 1e-1 + b[:, 1] * 1e-4 * t + b[:, 2] * 1e-7 * t**2 + b[:, 3] * 1e-11 * t**3
    return np.sum(a * (1.0 - np.exp(-kappa * pl[..., None])), axis=-1)


def gas_emissivity(t_gas, p_h2o, p_co2, path_length):
    """CO2-H2O total emissivity, weighted sum of gray gases (Smith, Shen & Friedman 1982).

    T clamped to 600-2400 K; the coefficient sets for p_H2O/p_CO2 = 1 and 2 are
    interpolated linearly in the ratio (end set outside [1, 2]); zero without absorbing
    gas or path. Partial pressures in Pa, path length in m. A float temperature (with
    scalar pressures and path) gives a float, with no array set-up: the heater's root
    finders call it a few hundred times per scenario. An array temperature gives an
    array; pressures and path length broadcast against it.
    """
    if isinstance(t_gas, float):  # np.float64 is a float
        t = float(min(max(t_gas, 600.0), 2400.0))
        p_sum_atm = (p_h2o + p_co2) / rad.ATM
        if p_sum_atm <= 0.0 or path_length <= 0.0:
            return 0.0
        pl = p_sum_atm * path_length
        w = min(max((p_h2o / p_co2 if p_co2 > 0.0 else 2.0) - 1.0, 0.0), 1.0)
        if w >= 1.0:
            return _wsgg(rad._WSGG_PW_PC_2, t, pl)
        if w <= 0.0:
            return _wsgg(rad._WSGG_PW_PC_1, t, pl)
        return (1.0 - w) * _wsgg(rad._WSGG_PW_PC_1, t, pl) + w * _wsgg(rad._WSGG_PW_PC_2, t, pl)
    t = np.clip(np.asarray(t_gas, dtype=np.float64), 600.0, 2400.0)
    p_h2o = np.asarray(p_h2o, dtype=np.float64)
    p_co2 = np.asarray(p_co2, dtype=np.float64)
    p_sum_atm = (p_h2o + p_co2) / rad.ATM
    pl = np.broadcast_to(p_sum_atm * path_length, np.broadcast(t, p_sum_atm).shape)
    ratio = np.divide(p_h2o, p_co2, out=np.full(np.broadcast(p_h2o, p_co2).shape, 2.0), where=p_co2 > 0.0)
    w = np.clip(ratio - 1.0, 0.0, 1.0)
    # (1 - w) a + w b is exactly a at w = 0 and exactly b at w = 1, as the kernel's end sets
    eps = (1.0 - w) * _wsgg(rad._WSGG_PW_PC_1, t, pl) + w * _wsgg(rad._WSGG_PW_PC_2, t, pl)
    return np.where((p_sum_atm > 0.0) & (np.asarray(path_length) > 0.0), eps, 0.0)
