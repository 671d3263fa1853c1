"""A kernel of closed-form test functions for designs, sensitivity and optimisation.

It follows the kernel contract of :mod:`kernels.contract`, so the twins layer treats it
like any unit, and every output has a known answer:

- ``ishigami`` = sin x1 + a sin² x2 + b x3⁴ sin x1 on x_i in [-π, π] (Ishigami &
  Homma, 1990), whose Sobol indices are known in closed form (Saltelli et al., 2008,
  *Global Sensitivity Analysis: The Primer*, Wiley, §4.5; also Sobol' & Levitan, 1999):
  with V = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2,
  V1 = (1 + b π⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = b² π⁸ (1/18 - 1/50).
- ``paraboloid`` = (x1 - 1)² + (x2 - 2)², with ``x_sum`` = x1 + x2: minimising the
  paraboloid subject to x_sum <= 2 has its optimum at the projection (0.5, 1.5), value
  0.5 (a hand calculation: the gradient is normal to the line x1 + x2 = 2 there).
- the kernel returns ``INFEASIBLE`` when |x3| > ``fail_above`` (a region where the
  "plant" cannot run), so tests can check that failed scenarios are never chosen.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from kernels.contract import BAD_INPUT, INFEASIBLE, OK, Output, Param, Profile

N_CELL = 2
A, B = 7.0, 0.1

PARAMS = (
    Param("x1", "1", 0.0, -math.pi, math.pi, "first input"),
    Param("x2", "1", 0.0, -math.pi, math.pi, "second input"),
    Param("x3", "1", 0.0, -math.pi, math.pi, "third input"),
    Param("x_dummy", "1", 0.0, -math.pi, math.pi, "input no output depends on"),
    Param("fail_above", "1", 10.0, -10.0, 10.0, "|x3| above which the kernel reports infeasible"),
)
OUTPUTS = (
    Output("ishigami", "1", "Ishigami function, a = 7, b = 0.1"),
    Output("paraboloid", "1", "(x1 - 1)^2 + (x2 - 2)^2"),
    Output("x_sum", "1", "x1 + x2"),
)
PROFILES = (Profile("x12", "1", "x1 and x2"),)

I_X1, I_X2, I_X3, I_X_DUMMY, I_FAIL_ABOVE = range(5)
O_ISHIGAMI, O_PARABOLOID, O_X_SUM = range(3)
F_X12 = 0


def ishigami_indices(a: float = A, b: float = B) -> dict[str, np.ndarray]:
    """Closed-form first-order and total Sobol indices of the Ishigami function."""
    pi4 = math.pi**4
    v1 = 0.5 * (1.0 + b * pi4 / 5.0) ** 2
    v2 = a * a / 8.0
    v13 = b * b * math.pi**8 * (1.0 / 18.0 - 1.0 / 50.0)
    v = a * a / 8.0 + b * pi4 / 5.0 + b * b * math.pi**8 / 18.0 + 0.5
    return {
        "S1": np.array([v1 / v, v2 / v, 0.0]),
        "ST": np.array([(v1 + v13) / v, v2 / v, v13 / v]),
    }


@njit(cache=True)
def solve(p, out, prof):
    """One scenario: ``p`` (5,) -> ``out`` (3,), ``prof`` (1, 2); returns a status."""
    for i in range(p.shape[0]):
        if not math.isfinite(p[i]):
            return BAD_INPUT
    x1, x2, x3 = p[I_X1], p[I_X2], p[I_X3]
    out[O_ISHIGAMI] = math.sin(x1) + A * math.sin(x2) ** 2 + B * x3**4 * math.sin(x1)
    out[O_PARABOLOID] = (x1 - 1.0) ** 2 + (x2 - 2.0) ** 2
    out[O_X_SUM] = x1 + x2
    prof[F_X12, 0] = x1
    prof[F_X12, 1] = x2
    if abs(x3) > p[I_FAIL_ABOVE]:
        return INFEASIBLE
    return OK


@njit(cache=True, parallel=True)
def solve_batch(P, OUT, PROF, STATUS):
    """Many scenarios, one row each, in parallel."""
    for i in prange(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])
