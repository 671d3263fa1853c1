"""Steady 1-D zoned profile of the blast-furnace shaft, stockline to tuyeres.

The two-zone balance (:mod:`kernels.bf_balance`) fixes the heat each zone exchanges;
along the height, gas and solids exchange it counter-currently with a volumetric heat
transfer coefficient ``h_v`` [W/(m^3 K)] over the shaft cross-section ``A`` (Reichardt's
picture of the furnace [1]_ [2]_):

- upper (preparation) zone: solids of water-equivalent ``C_s`` heat from ambient to
  ``T_W`` while gas of ``C_g > C_s`` cools from ``T_W`` to the top-gas temperature;
- thermal reserve zone: solids at ``T_W``, gas ``DT_RESERVE`` above, where the wüstite is
  reduced indirectly;
- lower (elaboration) zone: the solids, whose water-equivalent now includes direct
  reduction and melting (``C_s > C_g``), heat from ``T_W`` to the hot-metal temperature
  while the raceway gas cools from the RAFT to ``T_W``.

Each exchange zone is the exact solution of counter-flow with constant water-equivalents
(W/K, from the zone's heat over its temperature change): the gas-solid difference grows
exponentially away from the reserve zone, ``dT(s) = DT_RESERVE exp(kappa s)`` with
``kappa = h_v A |1/C_s - 1/C_g|``, which sets the zone heights; the reserve zone is what
remains of the stockline-to-tuyere height (negative when the zones overlap, i.e. no
reserve zone; the drawn profile then compresses both zones).

Reduction degree: O/Fe of the solids falls from ``y_top`` to ``y_W`` in proportion to
the heat taken up in the upper zone, linearly from ``y_W`` to ``y_d`` across the reserve
zone (indirect wüstite reduction), and from ``y_d`` to 0 as the solids heat from ``T_W``
to the melting temperature (direct reduction). The gas utilisation at each level follows
from the Rist operating line at the local O/Fe. The cohesive zone lies where the solid
temperature is between the softening and the melting temperature.

References
----------
.. [1] P. Reichardt (1927), "Ein neues Wärmeschaubild des Hochofens", Archiv für das
   Eisenhüttenwesen 1, 77-101.
.. [2] M. Geerdes, H. Toxopeus, C. van der Vliet (2015), "Modern Blast Furnace
   Ironmaking", 3rd ed., IOS Press, ch. 4 (zones, thermal reserve zone).
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Gas-solid temperature difference that bounds the thermal reserve zone, K.
DT_RESERVE = 5.0
_KAPPA_MIN = 1e-6  # 1/m, when the water-equivalents are (nearly) equal
_N_FINE = 400  # samples used to locate the cohesive zone


@njit(cache=True)
def zone_heights(c_s_up: float, c_g_up: float, c_s_low: float, c_g_low: float, hv_area: float,
                 dt_top: float, dt_bottom: float) -> tuple[float, float, float, float]:
    """Heights [m] of the upper and lower exchange zones and their exponents [1/m].

    ``c_*``: water-equivalents, W/K; ``hv_area``: h_v A, W/(m K); ``dt_top``: top gas minus
    ambient, ``dt_bottom``: RAFT minus hot-metal temperature, K.
    Returns ``(L_up, L_low, kappa_up, kappa_low)``.
    """
    k_up = max(hv_area * (1.0 / c_s_up - 1.0 / c_g_up), _KAPPA_MIN)
    k_low = max(hv_area * (1.0 / c_g_low - 1.0 / c_s_low), _KAPPA_MIN)
    l_up = np.log(max(dt_top, DT_RESERVE) / DT_RESERVE) / k_up
    l_low = np.log(max(dt_bottom, DT_RESERVE) / DT_RESERVE) / k_low
    return l_up, l_low, k_up, k_low


@njit(cache=True)
def temperatures_at(depth: float, height: float, l_up: float, l_low: float, k_up: float,
                    k_low: float, t_amb: float, t_top: float, t_w: float, t_raft: float,
                    t_hm: float) -> tuple[float, float, int]:
    """Gas and solid temperature [K] and zone (0 upper, 1 reserve, 2 lower) at ``depth`` [m]."""
    scale = 1.0
    if l_up + l_low > height:
        scale = height / (l_up + l_low)
    lu = l_up * scale
    ll = l_low * scale
    if depth < lu:
        s = (lu - depth) / scale  # height above the reserve zone, in zone metres
        e = np.exp(k_up * s)
        e_end = np.exp(k_up * l_up)
        t_s = t_w - (t_w - t_amb) * (e - 1.0) / (e_end - 1.0)
        return t_s + (t_top - t_amb) * e / e_end, t_s, 0
    if depth <= height - ll:
        return t_w + DT_RESERVE, t_w, 1
    s = (depth - (height - ll)) / scale  # depth below the reserve zone
    e = np.exp(k_low * s)
    e_end = np.exp(k_low * l_low)
    t_g = t_w + DT_RESERVE + (t_raft - t_w - DT_RESERVE) * (e - 1.0) / (e_end - 1.0)
    return t_g, t_g - (t_raft - t_hm) * e / e_end, 2


@njit(cache=True)
def solid_oxygen(t_s: float, zone: int, frac_reserve: float, t_amb: float, t_w: float,
                 t_melt: float, y_top: float, y_w: float, y_d: float) -> float:
    """O/Fe of the solids at a level (module notes)."""
    if zone == 0:
        return y_top - (y_top - y_w) * (t_s - t_amb) / (t_w - t_amb)
    if zone == 1:
        return y_w - (y_w - y_d) * frac_reserve
    return max(y_d * (1.0 - (t_s - t_w) / (t_melt - t_w)), 0.0)


@njit(cache=True)
def cohesive_zone(height: float, l_up: float, l_low: float, k_up: float, k_low: float,
                  t_amb: float, t_top: float, t_w: float, t_raft: float, t_hm: float,
                  t_soft: float, t_melt: float) -> tuple[float, float]:
    """Depths [m] below the stockline where the solids reach softening and melting."""
    top = np.nan
    bottom = np.nan
    prev_d = 0.0
    prev_t = t_amb
    for j in range(_N_FINE + 1):
        d = height * j / _N_FINE
        _, t_s, _ = temperatures_at(d, height, l_up, l_low, k_up, k_low, t_amb, t_top, t_w,
                                    t_raft, t_hm)
        if j > 0:
            if np.isnan(top) and prev_t < t_soft <= t_s:
                top = prev_d + (d - prev_d) * (t_soft - prev_t) / (t_s - prev_t)
            if np.isnan(bottom) and prev_t < t_melt <= t_s:
                bottom = prev_d + (d - prev_d) * (t_melt - prev_t) / (t_s - prev_t)
        prev_d = d
        prev_t = t_s
    return top, bottom
