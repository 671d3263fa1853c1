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
def block_tridiagonal_factor(lower: np.ndarray, diag: np.ndarray, upper: np.ndarray, gain: np.ndarray,
                             piv: np.ndarray, coupled: np.ndarray) -> bool:
    """Block LU factorisation of a block-tridiagonal matrix; False if a pivot block is singular.

    Row i reads ``lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1]`` with lower[0] and
    upper[n-1] ignored. Shapes: lower/diag/upper/gain (n, m, m), piv (n, m) int64, coupled
    (n, m) bool. diag is overwritten by the LU factors of the eliminated pivot blocks
    (row pivots in piv), gain by the eliminated couplings ``diag[i]^-1 upper[i]`` and
    coupled by the non-zero columns of each upper block. The eliminated coupling is built
    from the non-zero rows r of the upper block, ``sum_r (diag^-1 e_r) upper[r, :]``, and
    zero entries of the lower blocks are skipped (the kiln's couplings are a few rows
    wide), so the cost is O(n m^2 c) for c non-zero rows per upper block plus the
    O(n m^3) block factorisations. Solve with :func:`block_tridiagonal_substitute`.
    """
    n = diag.shape[0]
    m = diag.shape[1]
    col = np.empty(m)
    for i in range(n):
        d = diag[i]
        if i > 0:
            a = lower[i]
            g = gain[i - 1]
            nz_prev = coupled[i - 1]
            for r in range(m):
                for k in range(m):
                    ark = a[r, k]
                    if ark != 0.0:
                        for c in range(m):
                            if nz_prev[c]:
                                d[r, c] -= ark * g[k, c]
        if not lu_factor(d, piv[i]):
            return False
        gi = gain[i]
        for r in range(m):
            for c in range(m):
                gi[r, c] = 0.0
        for c in range(m):
            coupled[i, c] = False
        if i == n - 1:
            continue
        u = upper[i]
        for k in range(m):
            nz = False
            for c in range(m):
                if u[k, c] != 0.0:
                    nz = True
                    coupled[i, c] = True
            if not nz:
                continue
            for r in range(m):
                col[r] = 0.0
            col[k] = 1.0
            lu_solve(d, piv[i], col)  # column k of diag^-1
            for c in range(m):
                ukc = u[k, c]
                if ukc != 0.0:
                    for r in range(m):
                        gi[r, c] += col[r] * ukc
    return True


@njit(cache=True)
def block_tridiagonal_substitute(lower: np.ndarray, diag: np.ndarray, gain: np.ndarray, piv: np.ndarray,
                                 coupled: np.ndarray, rhs: np.ndarray) -> None:
    """Solve with the factors of :func:`block_tridiagonal_factor`; rhs (n, m) returns the solution.

    The factors can be reused for several right-hand sides (chord steps of a Newton method).
    """
    n = diag.shape[0]
    m = diag.shape[1]
    for i in range(n):
        if i > 0:
            a = lower[i]
            y = rhs[i - 1]
            for r in range(m):
                s = rhs[i, r]
                for k in range(m):
                    ark = a[r, k]
                    if ark != 0.0:
                        s -= ark * y[k]
                rhs[i, r] = s
        lu_solve(diag[i], piv[i], rhs[i])
    for i in range(n - 2, -1, -1):
        g = gain[i]
        x_next = rhs[i + 1]
        nz = coupled[i]
        for r in range(m):
            s = 0.0
            for k in range(m):
                if nz[k]:
                    s += g[r, k] * x_next[k]
            rhs[i, r] -= s


@njit(cache=True)
def block_tridiagonal_solve(lower: np.ndarray, diag: np.ndarray, upper: np.ndarray,
                            rhs: np.ndarray, gain: np.ndarray) -> bool:
    """Solve the block-tridiagonal system in place; returns False if a pivot block is singular.

    Row i reads ``lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1] = rhs[i]`` with
    lower[0] and upper[n-1] ignored. Shapes: lower/diag/upper/gain (n, m, m), rhs (n, m).
    diag and gain are overwritten (factors, eliminated couplings); the solution is
    returned in rhs. :func:`block_tridiagonal_factor` then :func:`block_tridiagonal_substitute`.
    """
    n = diag.shape[0]
    m = diag.shape[1]
    piv = np.empty((n, m), dtype=np.int64)
    coupled = np.empty((n, m), dtype=np.bool_)
    if not block_tridiagonal_factor(lower, diag, upper, gain, piv, coupled):
        return False
    block_tridiagonal_substitute(lower, diag, gain, piv, coupled, rhs)
    return True
