"""The electrochemical state of a Hall–Héroult cell at one instant.

Given the bath temperature, the bath composition (wt%), the ACD and the line current,
:func:`cell_state` evaluates the bath properties (:mod:`kernels.hh_bath`), the voltage
breakdown (:mod:`kernels.hh_voltage`) and the current efficiency
(:mod:`kernels.hh_efficiency`). The steady balance (:mod:`kernels.hall_heroult`) and
the dynamic model (:mod:`kernels.hh_dynamics`) both call it, so they share one physics.

The composition vector ``w`` holds wt% in the order of :data:`COMPONENTS`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.hh_bath import (
    alumina_activity,
    bath_weight_ratio,
    hives_conductivity,
    skybakmoen_saturation,
    solheim_liquidus,
    wang_conductivity,
)
from kernels.hh_efficiency import dewing_current_efficiency
from kernels.hh_index import (
    I_ALF3_EXCESS,
    I_ALUMINA,
    I_ALUMINA_ANODE_EFFECT,
    I_ANODE_ASSEMBLY_RESISTANCE,
    I_ANODE_HEIGHT,
    I_ANODE_LENGTH,
    I_ANODE_RESISTIVITY,
    I_ANODE_WIDTH,
    I_CAF2,
    I_CATHODE_AREA,
    I_CATHODE_RESISTANCE,
    I_CE_CONSTANT,
    I_CONDUCTIVITY_MODEL,
    I_EXTERNAL_RESISTANCE,
    I_FANNING,
    I_KF,
    I_LIF,
    I_MGF2,
    I_N_ANODES,
)
from kernels.hh_voltage import voltage_breakdown

COMPONENTS = ("Al2O3", "AlF3", "CaF2", "LiF", "MgF2", "KF")
W_AL2O3, W_ALF3, W_CAF2, W_LIF, W_MGF2, W_KF = range(6)
N_W = 6

# Bath properties filled by cell_state, indices into its vector ``c``.
C_LIQUIDUS, C_SUPERHEAT, C_SATURATION, C_ACTIVITY, C_CONDUCTIVITY, C_RATIO, C_CE = range(7)
N_C = 7


@njit(cache=True)
def fill_composition(p: np.ndarray, w: np.ndarray) -> None:
    """Bath composition of the parameter vector (mass fractions) into ``w`` as wt%."""
    w[W_AL2O3] = 100.0 * p[I_ALUMINA]
    w[W_ALF3] = 100.0 * p[I_ALF3_EXCESS]
    w[W_CAF2] = 100.0 * p[I_CAF2]
    w[W_LIF] = 100.0 * p[I_LIF]
    w[W_MGF2] = 100.0 * p[I_MGF2]
    w[W_KF] = 100.0 * p[I_KF]


@njit(cache=True)
def liquidus(w: np.ndarray) -> float:
    """Liquidus temperature of the bath of composition ``w`` (wt%), K."""
    return solheim_liquidus(w[W_AL2O3], w[W_ALF3], w[W_CAF2], w[W_MGF2], w[W_LIF], w[W_KF])


@njit(cache=True)
def saturation(T: float, w: np.ndarray) -> float:
    """Alumina saturation of the bath of composition ``w`` at T, wt%."""
    return skybakmoen_saturation(T, w[W_ALF3], w[W_CAF2], w[W_MGF2], w[W_LIF])


@njit(cache=True)
def anode_resistance(p: np.ndarray) -> float:
    """Resistance of the anode carbon (mean height) plus the anode assembly, ohm."""
    area = p[I_N_ANODES] * p[I_ANODE_LENGTH] * p[I_ANODE_WIDTH]
    return p[I_ANODE_RESISTIVITY] * p[I_ANODE_HEIGHT] / area + p[I_ANODE_ASSEMBLY_RESISTANCE]


@njit(cache=True)
def cell_state(p: np.ndarray, T: float, w: np.ndarray, acd: float, current: float,
               v: np.ndarray, c: np.ndarray) -> float:
    """Bath properties (into ``c``), voltage terms (into ``v``); returns the cell voltage, V.

    The cell voltage is ``inf`` when the anode current density reaches the critical
    one (anode effect). The current efficiency ``c[C_CE]`` is Dewing's at the
    superheat ``T - liquidus``.
    """
    t_liq = liquidus(w)
    c_sat = saturation(T, w)
    ratio = bath_weight_ratio(w[W_AL2O3], w[W_ALF3], w[W_CAF2], w[W_MGF2], w[W_LIF])
    if p[I_CONDUCTIVITY_MODEL] < 0.5:
        kappa = hives_conductivity(T, w[W_AL2O3], w[W_ALF3], w[W_CAF2], w[W_MGF2],
                                   w[W_LIF], w[W_KF])
    else:
        kappa = wang_conductivity(T, w[W_AL2O3], w[W_ALF3], w[W_CAF2], w[W_MGF2], w[W_LIF])
    activity = alumina_activity(min(w[W_AL2O3] / c_sat, 1.0))
    c[C_LIQUIDUS] = t_liq
    c[C_SUPERHEAT] = T - t_liq
    c[C_SATURATION] = c_sat
    c[C_ACTIVITY] = activity
    c[C_CONDUCTIVITY] = kappa
    c[C_RATIO] = ratio
    c[C_CE] = dewing_current_efficiency(T - t_liq, w[W_ALF3], w[W_LIF], p[I_CE_CONSTANT])
    return voltage_breakdown(
        v, T, current, acd, w[W_AL2O3], 100.0 * p[I_ALUMINA_ANODE_EFFECT], activity, kappa,
        ratio, p[I_N_ANODES], p[I_ANODE_LENGTH], p[I_ANODE_WIDTH], p[I_FANNING],
        p[I_CATHODE_AREA], anode_resistance(p), p[I_CATHODE_RESISTANCE],
        p[I_EXTERNAL_RESISTANCE])

