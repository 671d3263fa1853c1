"""Small pyvista mesh builders shared by the 3-D scenes."""

from __future__ import annotations

import numpy as np

from viz.offscreen import pv


def replicate(
    template: pv.PolyData,
    centres: np.ndarray,
    values: np.ndarray | None = None,
    name: str = "value",
) -> pv.PolyData:
    """Copy a template mesh to many centres as one mesh, with one scalar per copy.

    One merged mesh renders much faster than thousands of actors (a radiant coil
    may have 2000 tubes).

    Parameters
    ----------
    template : pyvista.PolyData
        Mesh centred on the origin; triangulated here.
    centres : ndarray, shape (n, 3)
        Where each copy's origin goes [m].
    values : ndarray, shape (n,), optional
        Scalar of each copy, stored as point data ``name``.
    name : str
        Name of the scalar array.

    Returns
    -------
    pyvista.PolyData
    """
    tri = template.triangulate()
    pts = np.asarray(tri.points, dtype=float)
    faces = np.asarray(tri.faces).reshape(-1, 4)[:, 1:]
    centres = np.asarray(centres, dtype=float).reshape(-1, 3)
    n, m = len(centres), len(pts)
    points = (pts[None, :, :] + centres[:, None, :]).reshape(-1, 3)
    tris = (faces[None, :, :] + (np.arange(n) * m)[:, None, None]).reshape(-1, 3)
    cells = np.column_stack([np.full(len(tris), 3), tris]).ravel()
    mesh = pv.PolyData(points, cells)
    if values is not None:
        mesh.point_data[name] = np.repeat(np.asarray(values, dtype=float), m)
    return mesh


def rect_to_circle(
    length: float, width: float, radius: float, z0: float, z1: float, resolution: int = 96
) -> pv.PolyData:
    """Ruled transition from a centred ``length`` x ``width`` rectangle at ``z0`` to a
    circle of ``radius`` at ``z1`` (the hood between convection section and stack)."""
    theta = np.linspace(0.0, 2.0 * np.pi, resolution + 1)
    c, s = np.cos(theta), np.sin(theta)
    with np.errstate(divide="ignore"):
        r_rect = 1.0 / np.maximum(np.abs(c) / (0.5 * length), np.abs(s) / (0.5 * width))
    x = np.column_stack([r_rect * c, radius * c])
    y = np.column_stack([r_rect * s, radius * s])
    z = np.column_stack([np.full_like(theta, z0), np.full_like(theta, z1)])
    return pv.StructuredGrid(x, y, z).extract_surface(algorithm="dataset_surface")


def box(x: tuple[float, float], y: tuple[float, float], z: tuple[float, float]) -> pv.PolyData:
    """Axis-aligned box from its three extents [m]."""
    return pv.Box(bounds=(x[0], x[1], y[0], y[1], z[0], z[1]))
