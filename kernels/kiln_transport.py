"""Bed transport in a rotary kiln: cross-section geometry, bed depth and residence time.

Geometry of a bed of depth h in a cylinder of radius R (flat bed surface, rolling mode):
the central (fill) angle ``theta = 2 arccos(1 - h/R)``, the fill fraction
``eta = (theta - sin theta) / (2 pi)``, the bed chord ``2 R sin(theta/2)``, the covered
wall arc ``R theta`` and the exposed wall arc ``R (2 pi - theta)``.

Two bed models:

- constant fill (the choice of SimCem for the Barr kiln): eta is given and the same
  along the kiln;
- the bed-depth equation of Kramers & Croockewit (1952) [1]_ (Saeman 1951 [2]_), with
  z' measured from the discharge end::

      dh/dz' = 3 tan(beta) q_v / (4 pi n R^3) * (2 h/R - (h/R)^2)^(-3/2) - tan(alpha) / cos(beta)

  with beta the dynamic angle of repose, alpha the kiln slope, n the rotation speed
  [rev/s] and q_v the volumetric solids flow; the boundary value h(0) is the discharge
  dam height. (Same form in Liu & Specht 2006 [3]_.)

Axial bed velocity ``u = q_v / A_bed``; residence time ``tau = integral dz / u``.

References
----------
.. [1] H. Kramers, P. Croockewit (1952), "The passage of granular solids through
   inclined rotary kilns", Chem. Eng. Sci. 1, 259-265.
.. [2] W. C. Saeman (1951), "Passage of solids through rotary kilns: factors affecting
   time of passage", Chem. Eng. Prog. 47, 508-514.
.. [3] X. Y. Liu, E. Specht (2006), "Mean residence time and hold-up of solids in
   rotary kilns", Chem. Eng. Sci. 61, 5176-5181.
.. [4] J. P. Gorog, T. N. Adams, J. K. Brimacombe (1982), "Regenerative heat transfer
   in rotary kilns", Metall. Trans. B 13, 153-163 (kiln mean beam length).
"""

from __future__ import annotations

import numpy as np
from numba import njit

# Columns of a cell's geometry row.
(GEO_DEPTH, GEO_THETA, GEO_FILL, GEO_CHORD, GEO_AREA_BED, GEO_AREA_GAS, GEO_HYD_DIAM,
 GEO_ARC_EXPOSED, GEO_ARC_COVERED, GEO_BEAM) = range(10)
N_GEO = 10

_SUBSTEPS = 16  # RK4 steps per cell of the bed-depth equation


@njit(cache=True)
def central_angle_from_fill(fill: float) -> float:
    """Central angle theta [rad] of a bed with fill fraction ``fill`` (0 < fill < 1).

    Newton on ``theta - sin(theta) = 2 pi fill`` from the small-angle start
    ``(12 pi fill)^(1/3)``, bounded to (0, 2 pi).
    """
    target = 2.0 * np.pi * fill
    th = min((12.0 * np.pi * fill) ** (1.0 / 3.0), 2.0 * np.pi - 1e-9)
    for _ in range(60):
        f = th - np.sin(th) - target
        df = 1.0 - np.cos(th)
        if df <= 1e-14:
            th = 0.5 * th + 1e-3
            continue
        step = f / df
        th_new = min(max(th - step, 0.5 * th), 0.5 * (th + 2.0 * np.pi))
        if abs(th_new - th) < 1e-14:
            return th_new
        th = th_new
    return th


@njit(cache=True)
def bed_geometry(radius: float, theta: float, row: np.ndarray) -> None:
    """Fill one geometry row (GEO_* columns) of a bed with central angle theta [rad].

    The gas hydraulic diameter is ``4 A_gas / (exposed arc + chord)`` and the mean beam
    length of the gas space ``3.6 A_gas / (exposed arc + chord)`` (ends neglected,
    Hottel's 3.6 V/A; Gorog et al. 1982 give a kiln-specific form of the same size).
    """
    r = radius
    depth = r * (1.0 - np.cos(0.5 * theta))
    area_total = np.pi * r * r
    area_bed = 0.5 * r * r * (theta - np.sin(theta))
    area_gas = area_total - area_bed
    chord = 2.0 * r * np.sin(0.5 * theta)
    arc_exposed = r * (2.0 * np.pi - theta)
    perimeter = arc_exposed + chord
    row[GEO_DEPTH] = depth
    row[GEO_THETA] = theta
    row[GEO_FILL] = area_bed / area_total
    row[GEO_CHORD] = chord
    row[GEO_AREA_BED] = area_bed
    row[GEO_AREA_GAS] = area_gas
    row[GEO_HYD_DIAM] = 4.0 * area_gas / perimeter
    row[GEO_ARC_EXPOSED] = arc_exposed
    row[GEO_ARC_COVERED] = r * theta
    row[GEO_BEAM] = 3.6 * area_gas / perimeter


@njit(cache=True)
def constant_fill_geometry(radius: float, fill: float, geo: np.ndarray) -> None:
    """Same cross-section in every cell (rows of geo) for a constant fill fraction."""
    theta = central_angle_from_fill(fill)
    for i in range(geo.shape[0]):
        bed_geometry(radius, theta, geo[i])


@njit(cache=True)
def _kramers_rate(w: float, q_v: float, radius: float, rev_per_s: float,
                  tan_repose: float, slope_term: float) -> float:
    """d(h^2.5)/dz' of the Kramers equation; w = h^2.5 keeps it smooth at h -> 0."""
    h = max(w, 0.0) ** 0.4
    y = h / radius
    s = max(2.0 - y, 1e-12) * radius  # (2h/R - h^2/R^2) = h s / R^2
    lead = 3.0 * tan_repose * q_v / (4.0 * np.pi * rev_per_s * radius**3) * (radius * radius / s) ** 1.5
    return 2.5 * (lead - h**1.5 * slope_term)


@njit(cache=True)
def kramers_geometry(radius: float, length: float, rev_per_s: float, repose: float,
                     slope: float, dam_height: float, q_v: np.ndarray, geo: np.ndarray) -> bool:
    """Bed depth by the Kramers-Croockewit equation; fills the geometry rows of n cells.

    Cells are numbered from the feed end (cell i spans [i, i+1] * length/n); q_v[i] is
    the volumetric solids flow [m^3/s] in cell i. Integrated by RK4 in w = h^2.5 (the
    equation is singular like h^-1.5 at h -> 0, w is smooth) from the discharge end
    (depth = dam_height) towards the feed. Returns False if the bed would fill more than
    half the cross-section (depth >= radius), where the equation no longer holds.
    """
    n = geo.shape[0]
    dz = length / n
    tan_rep = np.tan(repose)
    slope_term = np.tan(slope) / np.cos(repose)
    w = max(dam_height, 0.0) ** 2.5
    w_max = radius**2.5
    hs = dz / _SUBSTEPS
    for j in range(n):
        i = n - 1 - j
        q = q_v[i]
        for half in range(2):
            for _ in range(_SUBSTEPS // 2):
                k1 = _kramers_rate(w, q, radius, rev_per_s, tan_rep, slope_term)
                k2 = _kramers_rate(w + 0.5 * hs * k1, q, radius, rev_per_s, tan_rep, slope_term)
                k3 = _kramers_rate(w + 0.5 * hs * k2, q, radius, rev_per_s, tan_rep, slope_term)
                k4 = _kramers_rate(w + hs * k3, q, radius, rev_per_s, tan_rep, slope_term)
                w = max(w + hs * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0, 1e-30)
                if w >= w_max:
                    return False
            if half == 0:
                h = w**0.4
                theta = 2.0 * np.arccos(1.0 - h / radius)
                bed_geometry(radius, theta, geo[i])
    return True


@njit(cache=True)
def residence_time(geo: np.ndarray, length: float, q_v: np.ndarray) -> float:
    """Mean solids residence time [s]: sum over cells of A_bed dz / q_v."""
    n = geo.shape[0]
    dz = length / n
    tau = 0.0
    for i in range(n):
        tau += geo[i, GEO_AREA_BED] * dz / q_v[i]
    return tau
