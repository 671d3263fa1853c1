"""A potline: N Hall–Héroult cells in series on one line current, stepped in time.

Every cell has its own parameter row (a spread of ACD, bath chemistry, heat losses ...)
and its own dynamic state (:mod:`kernels.hh_dynamics`); all carry the same line
current, given per time step, so a power modulation (e.g. +-10 % for a few hours) is a
current schedule. The cells do not interact otherwise, so the kernel runs cells in
parallel (``prange``), each through the whole schedule, and records a snapshot every
``record_every`` steps. The line voltage is the sum of the cell voltages (external
busbar included); summed energies are in the state totals.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels.contract import OK
from kernels.hall_heroult import N_CELL, OUTPUTS, PROFILES, check_inputs, solve
from kernels.hh_cell import N_C, N_W
from kernels.hh_dynamics import (
    S_AE_COUNT,
    S_ALUMINA,
    S_BATH,
    S_CE,
    S_LEDGE,
    S_SUPERHEAT,
    S_T_BATH,
    S_VOLTAGE,
    _step_in,
    initial_state,
)
from kernels.hh_index import I_LINE_CURRENT, O_BATH_TEMP, O_LEDGE_THICKNESS
from kernels.hh_voltage import N_V

# Columns of a potline record (one snapshot of one cell).
R_ALUMINA, R_VOLTAGE, R_T_BATH, R_LEDGE, R_SUPERHEAT, R_CE, R_AE_COUNT = range(7)
N_RECORD = 7
RECORD_NAMES = ("alumina", "voltage", "T_bath", "ledge", "superheat", "ce", "ae_count")
_RECORD_STATE = np.array([S_VOLTAGE, S_T_BATH, S_LEDGE, S_SUPERHEAT, S_CE, S_AE_COUNT],
                         dtype=np.int64)
_RECORD_COLUMN = np.array([R_VOLTAGE, R_T_BATH, R_LEDGE, R_SUPERHEAT, R_CE, R_AE_COUNT],
                          dtype=np.int64)


@njit(cache=True, parallel=True)
def potline_start(P: np.ndarray, S: np.ndarray, STATUS: np.ndarray) -> None:
    """Start every cell (row of P) at its steady solution; S is (n, N_STATE)."""
    for i in prange(P.shape[0]):
        STATUS[i] = _start_cell(P[i], S[i])


@njit(cache=True)
def _start_cell(p: np.ndarray, state: np.ndarray) -> int:
    out = np.empty(len(OUTPUTS))
    prof = np.empty((len(PROFILES), N_CELL))
    status = solve(p, out, prof)
    if status == OK:
        initial_state(p, state, out[O_BATH_TEMP], out[O_LEDGE_THICKNESS])
    return status


@njit(cache=True, parallel=True)
def potline_run(P: np.ndarray, S: np.ndarray, current: np.ndarray, dt: float,
                record_every: int, REC: np.ndarray, STATUS: np.ndarray) -> None:
    """Step every cell through the line-current schedule, cells in parallel.

    Parameters
    ----------
    P : (n, len(PARAMS)) parameters of each cell (``line_current`` is overridden)
    S : (n, N_STATE) states, advanced in place
    current : (n_steps,) line current of each step, A
    dt : step, s
    record_every : steps between snapshots
    REC : (n, n_steps // record_every, N_RECORD) snapshots, filled
    STATUS : (n,) int8; a cell whose parameters are bad or whose step fails stops
        there with its status, the others go on.
    """
    for i in prange(P.shape[0]):
        STATUS[i] = _run_cell(P[i], S[i], current, dt, record_every, REC[i])


@njit(cache=True, nogil=True)
def potline_run_serial(P: np.ndarray, S: np.ndarray, current: np.ndarray, dt: float,
                       record_every: int, REC: np.ndarray, STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`potline_run`."""
    for i in range(P.shape[0]):
        STATUS[i] = _run_cell(P[i], S[i], current, dt, record_every, REC[i])


@njit(cache=True)
def _run_cell(p_row, state, current, dt, record_every, rec) -> int:
    p = p_row.copy()
    v = np.empty(N_V)
    c = np.empty(N_C)
    w = np.empty(N_W)
    status = check_inputs(p, w)
    if status != OK:
        return status
    n_rec = rec.shape[0]
    for k in range(current.size):
        p[I_LINE_CURRENT] = current[k]
        status = _step_in(state, p, dt, v, c, w)
        if status != OK:
            return status
        if (k + 1) % record_every == 0:
            r = (k + 1) // record_every - 1
            if r < n_rec:
                rec[r, R_ALUMINA] = state[S_ALUMINA] / state[S_BATH]
                for j in range(_RECORD_STATE.size):
                    rec[r, _RECORD_COLUMN[j]] = state[_RECORD_STATE[j]]
    return OK
