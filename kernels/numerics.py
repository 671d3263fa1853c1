"""Shared numerics for the kernels: bracketed root finding without callbacks.

Numba caches functions poorly when they take other functions as arguments, so the
bracketed solver here works by *reverse communication*: the caller owns the loop and
the residual, and the solver only keeps a small state vector and proposes the next
point. The method is the Anderson–Björck variant of regula falsi [1]_, which keeps a
bracket at every step (it cannot diverge) and converges superlinearly, with a bisection
safeguard when the interpolated point falls outside the bracket.

Typical use inside a jitted function::

    s = np.empty(ROOT_STATE_SIZE)
    root_start(s, a, f(a), b, f(b))
    for _ in range(max_iter):
        x = root_propose(s)
        if root_update(s, x, f(x), xtol, ftol):
            break
    x = root_best(s)

References
----------
.. [1] N. Anderson, Å. Björck (1973), "A new high order method of regula falsi type
   for computing a root of an equation", BIT 13, 253–264.
"""

from __future__ import annotations

import numpy as np
from numba import njit

ROOT_STATE_SIZE = 4
_A, _FA, _B, _FB = 0, 1, 2, 3


@njit(cache=True)
def root_start(s: np.ndarray, a: float, fa: float, b: float, fb: float) -> bool:
    """Initialise the bracket [a, b]; returns False when f(a), f(b) have the same sign."""
    s[_A] = a
    s[_FA] = fa
    s[_B] = b
    s[_FB] = fb
    return fa * fb <= 0.0


@njit(cache=True)
def root_propose(s: np.ndarray) -> float:
    """Next trial point: the regula-falsi point, or the midpoint if that leaves the bracket."""
    a, fa, b, fb = s[_A], s[_FA], s[_B], s[_FB]
    if fb != fa:
        x = (a * fb - b * fa) / (fb - fa)
    else:
        x = 0.5 * (a + b)
    lo = min(a, b)
    hi = max(a, b)
    if not (lo < x < hi):
        x = 0.5 * (a + b)
    return x


@njit(cache=True)
def root_update(s: np.ndarray, x: float, fx: float, xtol: float, ftol: float) -> bool:
    """Take the residual at ``x``; True once the step, the bracket or the residual is small."""
    if fx == 0.0:
        s[_A] = x
        s[_FA] = 0.0
        s[_B] = x
        s[_FB] = 0.0
        return True
    step = abs(x - s[_B])
    if fx * s[_FB] < 0.0:
        s[_A] = s[_B]
        s[_FA] = s[_FB]
    else:
        m = 1.0 - fx / s[_FB]
        if m <= 0.0:
            m = 0.5
        s[_FA] *= m
    s[_B] = x
    s[_FB] = fx
    return step <= xtol or abs(s[_B] - s[_A]) <= xtol or abs(fx) <= ftol


@njit(cache=True)
def root_best(s: np.ndarray) -> float:
    """The latest trial point (the end of the bracket with the newest residual)."""
    return s[_B]
