"""How a fleet of parallel units shares a feed: equal loading or least fuel.

Equal loading (every unit on line at the same fraction of its capacity) is the common
practice for parallel heaters. Least-fuel loading solves, at each dispatch,

    minimise   sum_i Q_fired,i(m_i)
    subject to sum_i m_i = m_total,   turndown_i * cap_i <= m_i <= cap_i,
               margin_i(m_i) >= margin_min               (tube-metal margin)

with the units' own models (SLSQP, Kraft 1988, as in :func:`scipy.optimize.minimize`).
Units whose coke makes them less efficient, or whose tube metal is near its limit, take
less; the margin constraint is what lets a fouled heater run longer before its decoke.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize

# fired duty [W] and tube-metal margin [K] of each unit at the given feed rates [kg/s];
# NaN where a unit cannot take its feed
Evaluate = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def equal_loading(capacity: np.ndarray, demand: float) -> np.ndarray:
    """Feed per unit [kg/s] at one common fraction of capacity, capped at capacity."""
    total = capacity.sum()
    share = min(demand / total, 1.0) if total > 0.0 else 0.0
    return share * capacity


def least_fuel_loading(evaluate: Evaluate, capacity: np.ndarray, turndown: np.ndarray, demand: float,
                       margin_min: float, start: np.ndarray | None = None) -> np.ndarray | None:
    """Feed per unit [kg/s] that fires the least fuel for the demand, or ``None``.

    ``capacity`` is 0 for units off line. ``None`` when the demand cannot be met within
    the turndown bounds or the optimiser does not converge to a feasible point; the
    caller then loads the units equally. The demand above the fleet's capacity is not
    taken (as in :func:`equal_loading`).
    """
    on = capacity > 0.0
    if on.sum() < 2:
        return None
    cap, low = capacity[on], turndown[on] * capacity[on]
    total = min(demand, cap.sum())
    if total < low.sum():
        return None
    scale = float(cap.mean())

    def fired_margin(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        flows = np.zeros_like(capacity)
        flows[on] = x * scale
        fired, margin = evaluate(flows)
        return fired[on], margin[on]

    cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def cached(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        key = x.tobytes()
        if key not in cache:
            cache[key] = fired_margin(x)
        return cache[key]

    def objective(x: np.ndarray) -> float:
        fired = cached(x)[0]
        return float(fired.sum() / 1e6) if np.isfinite(fired).all() else 1e9

    def margins(x: np.ndarray) -> np.ndarray:
        margin = cached(x)[1]
        return np.where(np.isfinite(margin), margin - margin_min, -1e3)

    x0 = equal_loading(cap, total) if start is None or start[on].sum() <= 0.0 else start[on] * total / start[on].sum()
    x0 = np.clip(x0, low, cap) / scale
    result = minimize(
        objective, x0, method="SLSQP",
        bounds=list(zip(low / scale, cap / scale, strict=True)),
        constraints=[{"type": "eq", "fun": lambda x: x.sum() - total / scale},
                     {"type": "ineq", "fun": margins}],
        options={"ftol": 1e-9, "maxiter": 50, "eps": 1e-6},
    )
    x = np.clip(result.x, low / scale, cap / scale)
    if not result.success or abs(x.sum() * scale - total) > 1e-6 * total or (margins(x) < -1e-6).any():
        return None
    flows = np.zeros_like(capacity)
    flows[on] = x * scale
    return flows
