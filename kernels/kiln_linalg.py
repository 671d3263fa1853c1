"""Block-tridiagonal linear solver for the kiln's finite-volume Newton iteration.

The Newton system of a 1-D counter-current model couples every cell to its two
neighbours only (upwind flows of bed and gas), so its Jacobian is block tridiagonal
with ``m x m`` blocks. It is solved by block Gaussian elimination (the block Thomas
algorithm, e.g. Golub & Van Loan 2013, "Matrix Computations", 4th ed., sec. 4.5.1) with
LU and partial pivoting inside each diagonal block; cost O(n m^3).

Generic numerics: a candidate for :mod:`kernels.numerics`.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def lu_factor(a: np.ndarray, piv: np.ndarray) -> bool:
    """In-place LU factorisation with partial pivoting of the square matrix a; False if singular."""
    m = a.shape[0]
    for k in range(m):
        p = k
        big = abs(a[k, k])
        for i in range(k + 1, m):
            if abs(a[i, k]) > big:
                big = abs(a[i, k])
                p = i
        piv[k] = p
        if big == 0.0 or not np.isfinite(big):
            return False
        if p != k:
            for j in range(m):
                t = a[k, j]
                a[k, j] = a[p, j]
                a[p, j] = t
        inv = 1.0 / a[k, k]
        for i in range(k + 1, m):
            a[i, k] *= inv
            f = a[i, k]
            if f != 0.0:
                for j in range(k + 1, m):
                    a[i, j] -= f * a[k, j]
    return True


@njit(cache=True)
def lu_solve(a: np.ndarray, piv: np.ndarray, b: np.ndarray) -> None:
    """Solve with the factors of :func:`lu_factor`; b (length m) is overwritten."""
    m = a.shape[0]
    for k in range(m):
        p = piv[k]
        if p != k:
            t = b[k]
            b[k] = b[p]
            b[p] = t
    for i in range(1, m):
        s = b[i]
        for j in range(i):
            s -= a[i, j] * b[j]
        b[i] = s
    for i in range(m - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, m):
            s -= a[i, j] * b[j]
        b[i] = s / a[i, i]


@njit(cache=True)
def block_tridiagonal_solve(lower: np.ndarray, diag: np.ndarray, upper: np.ndarray,
                            rhs: np.ndarray, gain: np.ndarray, piv: np.ndarray) -> bool:
    """Solve the block-tridiagonal system in place; returns False if a pivot block is singular.

    Row i reads ``lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1] = rhs[i]`` with
    lower[0] and upper[n-1] ignored. Shapes: lower/diag/upper/gain (n, m, m), rhs (n, m),
    piv (m,) int64. diag and gain are overwritten (factors, eliminated couplings); the
    solution is returned in rhs. Zero columns of an upper block give zero columns of the
    eliminated coupling and are skipped, as are zero entries of the lower blocks (the
    kiln's couplings are a few columns wide), so the cost is O(n m^2 c) for c non-zero
    columns per upper block plus the O(n m^3) block factorisations.
    """
    n = diag.shape[0]
    m = diag.shape[1]
    col = np.empty(m)
    nz_prev = np.zeros(m, dtype=np.bool_)
    nz_cur = np.zeros(m, dtype=np.bool_)
    nz_all = np.zeros((n, m), dtype=np.bool_)
    for i in range(n):
        d = diag[i]
        if i > 0:
            a = lower[i]
            g = gain[i - 1]
            y = rhs[i - 1]
            for r in range(m):
                s = rhs[i, r]
                for k in range(m):
                    ark = a[r, k]
                    if ark != 0.0:
                        s -= ark * y[k]
                        for c in range(m):
                            if nz_prev[c]:
                                d[r, c] -= ark * g[k, c]
                rhs[i, r] = s
        if not lu_factor(d, piv):
            return False
        lu_solve(d, piv, rhs[i])
        if i < n - 1:
            for c in range(m):
                nz = False
                for r in range(m):
                    col[r] = upper[i, r, c]
                    if col[r] != 0.0:
                        nz = True
                nz_cur[c] = nz
                nz_all[i, c] = nz
                if nz:
                    lu_solve(d, piv, col)
                    for r in range(m):
                        gain[i, r, c] = col[r]
                else:
                    for r in range(m):
                        gain[i, r, c] = 0.0
            for c in range(m):
                nz_prev[c] = nz_cur[c]
    for i in range(n - 2, -1, -1):
        g = gain[i]
        x_next = rhs[i + 1]
        for r in range(m):
            s = 0.0
            for k in range(m):
                if nz_all[i, k]:
                    s += g[r, k] * x_next[k]
            rhs[i, r] -= s
    return True
