"""Accuracy of kiln solutions against the grid-converged answer of the kernel's equations.

The kernel (:mod:`kernels.kiln`) discretises the steady kiln by first-order upwind
finite volumes: its gas and bed temperatures at the cell faces converge to the solution
of the continuous equations with an error proportional to the cell length. The accurate
answer here is the Richardson extrapolation of the kernel on n and 2 n cells,
``T = 2 T_2n - T_n`` at the faces of the n-cell grid (3200/6400 cells: the
extrapolations from 1600/3200 and from 3200/6400 differ by less than 2 mK on the Barr
trials); any solution (the kernel on fewer cells, :mod:`benchmarks.reference.kiln_bvp`)
is measured by its largest gas or bed temperature error at those faces.

Face values: the gas temperature of cell i is the gas leaving it towards the feed, at
z_i = i L / n, the bed temperature the bed leaving it towards the burner, at z_{i+1}. The
two boundary values (bed at the feed end, gas at the burner) are not compared.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from kernels import kiln as kk


class Faces(NamedTuple):
    """Gas and bed temperatures [K] at the n + 1 faces z [m] of an n-cell grid (NaN at the boundary faces)."""

    z: np.ndarray
    t_gas: np.ndarray
    t_bed: np.ndarray


def kernel_faces(p: np.ndarray, n: int) -> Faces:
    """Face temperatures of the kernel's steady solution of scenario p on n cells; raises if it fails."""
    x = np.empty((n, kk.N_VAR))
    status = kk.solve_cells(p, x, np.empty(len(kk.OUTPUTS)), np.empty((len(kk.PROFILES), n)))
    if status != 0:
        raise RuntimeError(f"kernel status {status} on {n} cells")
    t_gas = np.append(x[:, kk.V_T_GAS], np.nan)
    t_bed = np.insert(x[:, kk.V_T_BED], 0, np.nan)
    return Faces(np.linspace(0.0, p[kk.I_LENGTH], n + 1), t_gas, t_bed)


def grid_converged(p: np.ndarray, n: int = 3200) -> Faces:
    """Richardson extrapolation ``2 T_2n - T_n`` of the kernel at the faces of the n-cell grid."""
    coarse, fine = kernel_faces(p, n), kernel_faces(p, 2 * n)
    return Faces(coarse.z, 2.0 * fine.t_gas[::2] - coarse.t_gas, 2.0 * fine.t_bed[::2] - coarse.t_bed)


def max_error(faces: Faces, truth: Faces) -> float:
    """Largest |gas| or |bed| temperature error [K] of faces against truth (on a grid that contains faces')."""
    stride = (truth.z.size - 1) // (faces.z.size - 1)
    if (faces.z.size - 1) * stride != truth.z.size - 1:
        raise ValueError(f"{faces.z.size - 1} cells do not divide {truth.z.size - 1}")
    return float(max(np.nanmax(np.abs(faces.t_gas - truth.t_gas[::stride])),
                     np.nanmax(np.abs(faces.t_bed - truth.t_bed[::stride]))))


def solution_faces(temperatures, truth: Faces) -> Faces:
    """A continuous solution (``temperatures(z)`` -> dict with T_gas, T_bed) at the faces of truth."""
    t = temperatures(truth.z)
    return Faces(truth.z, np.where(np.isnan(truth.t_gas), np.nan, t["T_gas"]),
                 np.where(np.isnan(truth.t_bed), np.nan, t["T_bed"]))
