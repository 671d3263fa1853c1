"""A small kernel for testing :mod:`twins`: a counter-flow economiser (ε-NTU).

Flue gas (hot side) heats a water/glycol stream (cold side) in a counter-flow
exchanger; the heat recovered displaces fuel in a boiler that must deliver
``process_duty``. It follows the kernel contract of :mod:`kernels.contract` exactly,
so the tests prove that :class:`twins.UnitTwin` is generic, and every number has a
closed-form answer (Incropera & DeWitt, *Fundamentals of Heat and Mass Transfer*,
6th ed., 2007, Table 11.3, counter-flow effectiveness).

The parameter ``fail_code`` makes the kernel return that status code, so tests can
exercise error paths without contriving physics.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from kernels.contract import BAD_INPUT, OK, Output, Param, Profile

N_CELL = 8
CP_WATER = 4180.0
CP_GLYCOL = 2400.0

PARAMS = (
    Param("hot_flow", "kg/s", 10.0, 0.1, 100.0, "flue gas mass flow"),
    Param("hot_cp", "J/(kg*K)", 1100.0, 500.0, 2000.0, "flue gas heat capacity"),
    Param("hot_inlet_temp", "K", 600.0, 300.0, 1500.0, "flue gas inlet temperature"),
    Param("cold_flow", "kg/s", 5.0, 0.1, 100.0, "cold stream mass flow"),
    Param("cold_inlet_temp", "K", 300.0, 250.0, 500.0, "cold stream inlet temperature"),
    Param("cold_x_water", "1", 0.8, 0.0, 1.0, "water mass fraction of the cold stream"),
    Param("cold_x_glycol", "1", 0.2, 0.0, 1.0, "glycol mass fraction of the cold stream"),
    Param("ua", "W/K", 2.0e4, 0.0, 1.0e6, "overall conductance U times area"),
    Param("process_duty", "W", 2.0e7, 0.0, 1.0e9, "heat the boiler must deliver"),
    Param("lhv", "J/kg", 5.0e7, 1.0e6, 1.2e8, "lower heating value of the boiler fuel"),
    Param("co2_factor", "1", 2.75, 0.0, 4.0, "kg CO2 per kg fuel"),
    Param("limit_cold_outlet_temp", "K", 400.0, 250.0, 1000.0, "allowed cold outlet temperature"),
    Param("fail_code", "1", 0.0, 0.0, 10.0, "status code to return (test hook)"),
)

OUTPUTS = (
    Output("duty", "W", "heat recovered by the exchanger"),
    Output("hot_outlet_temp", "K", "flue gas outlet temperature"),
    Output("cold_outlet_temp", "K", "cold stream outlet temperature"),
    Output("effectiveness", "1", "exchanger effectiveness epsilon"),
    Output("ntu", "1", "number of transfer units"),
    Output("fuel_input", "kg/s", "boiler fuel flow after the recovered heat"),
    Output("co2_emissions", "kg/s", "CO2 from the boiler fuel"),
    Output("fuel_heat_input", "W", "boiler fuel flow times LHV"),
    Output("cold_outlet_margin", "K", "cold outlet limit minus cold outlet temperature"),
    Output("energy_residual", "1", "hot-side loss minus cold-side gain over the duty"),
)

PROFILES = (
    Profile("T_hot", "K", "flue gas temperature from its inlet (cell 0) to its outlet"),
    Profile("T_cold", "K", "cold stream temperature at the same stations"),
)

COMPOSITION_GROUPS = (("cold_x_", 1e-6),)

(
    I_HOT_FLOW,
    I_HOT_CP,
    I_HOT_INLET_TEMP,
    I_COLD_FLOW,
    I_COLD_INLET_TEMP,
    I_COLD_X_WATER,
    I_COLD_X_GLYCOL,
    I_UA,
    I_PROCESS_DUTY,
    I_LHV,
    I_CO2_FACTOR,
    I_LIMIT_COLD_OUTLET_TEMP,
    I_FAIL_CODE,
) = range(13)
(
    O_DUTY,
    O_HOT_OUTLET_TEMP,
    O_COLD_OUTLET_TEMP,
    O_EFFECTIVENESS,
    O_NTU,
    O_FUEL_INPUT,
    O_CO2_EMISSIONS,
    O_FUEL_HEAT_INPUT,
    O_COLD_OUTLET_MARGIN,
    O_ENERGY_RESIDUAL,
) = range(10)
F_T_HOT, F_T_COLD = range(2)


@njit(cache=True)
def solve(p, out, prof):
    """One scenario: ``p`` (13,) -> ``out`` (10,), ``prof`` (2, N_CELL); returns a status."""
    for i in range(p.shape[0]):
        if not math.isfinite(p[i]):
            return BAD_INPUT
    c_hot = p[I_HOT_FLOW] * p[I_HOT_CP]
    cp_cold = p[I_COLD_X_WATER] * CP_WATER + p[I_COLD_X_GLYCOL] * CP_GLYCOL
    c_cold = p[I_COLD_FLOW] * cp_cold
    c_min = min(c_hot, c_cold)
    c_max = max(c_hot, c_cold)
    cr = c_min / c_max
    ntu = p[I_UA] / c_min
    if abs(1.0 - cr) < 1e-12:
        eps = ntu / (1.0 + ntu)
    else:
        e = math.exp(-ntu * (1.0 - cr))
        eps = (1.0 - e) / (1.0 - cr * e)
    q = eps * c_min * (p[I_HOT_INLET_TEMP] - p[I_COLD_INLET_TEMP])
    t_hot_out = p[I_HOT_INLET_TEMP] - q / c_hot
    t_cold_out = p[I_COLD_INLET_TEMP] + q / c_cold
    fuel = max(p[I_PROCESS_DUTY] - q, 0.0) / p[I_LHV]
    out[O_DUTY] = q
    out[O_HOT_OUTLET_TEMP] = t_hot_out
    out[O_COLD_OUTLET_TEMP] = t_cold_out
    out[O_EFFECTIVENESS] = eps
    out[O_NTU] = ntu
    out[O_FUEL_INPUT] = fuel
    out[O_CO2_EMISSIONS] = fuel * p[I_CO2_FACTOR]
    out[O_FUEL_HEAT_INPUT] = fuel * p[I_LHV]
    out[O_COLD_OUTLET_MARGIN] = p[I_LIMIT_COLD_OUTLET_TEMP] - t_cold_out
    hot_loss = c_hot * (p[I_HOT_INLET_TEMP] - t_hot_out)
    cold_gain = c_cold * (t_cold_out - p[I_COLD_INLET_TEMP])
    out[O_ENERGY_RESIDUAL] = (hot_loss - cold_gain) / max(q, 1e-300)
    # Profiles: dT(x) = dT0 exp(-k x) along the hot flow direction, x = 0 … 1.
    k = p[I_UA] * (1.0 / c_hot - 1.0 / c_cold)
    dt0 = p[I_HOT_INLET_TEMP] - t_cold_out
    for j in range(N_CELL):
        x = j / (N_CELL - 1)
        if abs(k) < 1e-12:
            integral = dt0 * x
        else:
            integral = dt0 * (1.0 - math.exp(-k * x)) / k
        t_hot = p[I_HOT_INLET_TEMP] - p[I_UA] / c_hot * integral
        prof[F_T_HOT, j] = t_hot
        prof[F_T_COLD, j] = t_hot - dt0 * math.exp(-k * x)
    code = int(p[I_FAIL_CODE])
    if code != OK:
        return code
    return OK


@njit(cache=True, parallel=True)
def solve_batch(P, OUT, PROF, STATUS):
    """Many scenarios, one row each, in parallel."""
    for i in prange(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])


def reference(p: np.ndarray) -> dict[str, float]:
    """Plain-Python ε-NTU answer for one parameter vector (the test oracle)."""
    c_hot = p[I_HOT_FLOW] * p[I_HOT_CP]
    c_cold = p[I_COLD_FLOW] * (p[I_COLD_X_WATER] * CP_WATER + p[I_COLD_X_GLYCOL] * CP_GLYCOL)
    c_min, c_max = min(c_hot, c_cold), max(c_hot, c_cold)
    cr, ntu = c_min / c_max, p[I_UA] / c_min
    eps = (1 - np.exp(-ntu * (1 - cr))) / (1 - cr * np.exp(-ntu * (1 - cr)))
    q = eps * c_min * (p[I_HOT_INLET_TEMP] - p[I_COLD_INLET_TEMP])
    fuel = max(p[I_PROCESS_DUTY] - q, 0.0) / p[I_LHV]
    return {"duty": q, "fuel_input": fuel, "effectiveness": eps,
            "cold_outlet_temp": p[I_COLD_INLET_TEMP] + q / c_cold}
