"""Thermal state of the blast-furnace hearth over time, for plant-level models.

The steady balance at the current operating parameters, with the coke rate held,
gives the hot-metal temperature ``T_eq`` the furnace tends to (the hot-zone heat surplus
``X`` of :mod:`kernels.bf_balance` spent on hot metal and slag). The hearth follows it
with a transport delay (the time the change needs to reach the hearth: blast changes
act within about an hour, burden changes after the burden descent of 6-8 h [1]_) and
the thermal inertia of the hearth:

- the delay is a cascade of ``N_LAG`` first-order lags, each ``delay / N_LAG`` (the
  Erlang approximation of a dead time, exact in its mean),
- the hot-metal temperature is a first-order lag of the delayed ``T_eq`` with the
  hearth time constant ``tau``,
- hot-metal silicon follows the temperature with the plant correlation
  ``Si = Si_ref + k_Si (T_HM - T_ref)`` (about 0.1 % Si per 10 K [1]_).

Each stage is advanced with the exact solution of its lag for an input held over the
step at its end-of-step value (``x <- u + (x - u) exp(-dt/tau)``, stages in order), so
any step size is stable and small steps converge to the continuous cascade. Tuyere stops and casts
enter through the parameters of the steady balance (blast volume, temperature, coke).

State vector (``STATE_SIZE`` floats): ``[time s, T_HM K, Si (mass fraction), lag_1 ...
lag_N K]``.

References
----------
.. [1] M. Geerdes, H. Toxopeus, C. van der Vliet (2015), "Modern Blast Furnace
   Ironmaking", 3rd ed., IOS Press, ch. 10 (hot-metal temperature, silicon and the
   thermal control of the furnace).
"""

from __future__ import annotations

import numpy as np
from numba import njit

N_LAG = 3
S_TIME, S_T_HM, S_SI = range(3)
S_LAG0 = 3
STATE_SIZE = S_LAG0 + N_LAG


@njit(cache=True)
def initial_state(state: np.ndarray, t_hm: float, si: float) -> None:
    """Steady initial state at hot-metal temperature ``t_hm`` [K] and silicon ``si``."""
    state[S_TIME] = 0.0
    state[S_T_HM] = t_hm
    state[S_SI] = si
    for i in range(N_LAG):
        state[S_LAG0 + i] = t_hm


@njit(cache=True)
def advance(state: np.ndarray, t_eq: float, delay: float, tau: float, t_ref: float,
            si_ref: float, k_si: float, dt: float) -> None:
    """Advance the lags by ``dt`` [s] towards the steady hot-metal temperature ``t_eq`` [K]."""
    a = np.exp(-dt * N_LAG / delay) if delay > 0.0 else 0.0
    u = t_eq
    for i in range(N_LAG):
        x = state[S_LAG0 + i]
        state[S_LAG0 + i] = u + (x - u) * a
        u = state[S_LAG0 + i]
    b = np.exp(-dt / tau)
    state[S_T_HM] = u + (state[S_T_HM] - u) * b
    state[S_SI] = max(si_ref + k_si * (state[S_T_HM] - t_ref), 0.0)
    state[S_TIME] += dt
