"""A potline of Hall–Héroult cells in series (kernels/hh_potline.py).

All cells carry the line current of the schedule; a +10 % current for 6 h (potline
power modulation) heats the cells (Joule heat ~ I^2 R against losses ~ T), so the
superheat rises, Dewing's current efficiency falls and the side ledge thins, then
recovers when the current returns.
"""

import numpy as np
import pytest

from kernels import hall_heroult as hh
from kernels import hh_dynamics as hd
from kernels import hh_potline as hp
from kernels.contract import OK, OUT_OF_RANGE, defaults

N = 12
HOURS = 24
DT = 60.0


def _line(n=N, seed=3):
    rng = np.random.default_rng(seed)
    P = np.tile(defaults(hh.PARAMS), (n, 1))
    P[:, hh.I_ACD] *= 1.0 + 0.04 * rng.standard_normal(n)
    P[:, hh.I_TOP_CONDUCTANCE] *= 1.0 + 0.03 * rng.standard_normal(n)
    S = np.empty((n, hh.N_STATE))
    status = np.empty(n, dtype=np.int8)
    hp.potline_start(P, S, status)
    assert np.all(status == OK)
    return P, S


def _run(P, S, current, run=hp.potline_run):
    REC = np.full((P.shape[0], current.size // 60, hp.N_RECORD), np.nan)
    status = np.empty(P.shape[0], dtype=np.int8)
    run(P, S, current, DT, 60, REC, status)
    return REC, status


def test_potline_day_in_series_with_spread():
    P, S = _line()
    current = np.full(HOURS * 60, 300e3)
    REC, status = _run(P, S, current)
    assert np.all(status == OK)
    assert 0.02 <= np.nanmin(REC[:, :, hp.R_ALUMINA]) and np.nanmax(REC[:, :, hp.R_ALUMINA]) <= 0.04
    line_voltage = REC[:, :, hp.R_VOLTAGE].sum(axis=0)  # cells in series
    assert np.all((N * 4.0 < line_voltage) & (line_voltage < N * 4.5))
    # each cell's DC energy over the day is its own, at the common current
    assert np.allclose(S[:, hd.S_E_DC] / (300e3 * 86400.0), S[:, hd.S_E_DC].mean() / (300e3 * 86400.0),
                       rtol=0.05)
    assert np.max(np.abs(S[:, hd.S_ENERGY_RESIDUAL])) < 1e-6


def test_parallel_equals_serial_and_one_cell_equals_step():
    P, S = _line(n=4)
    current = np.full(180, 300e3)
    S1, S2 = S.copy(), S.copy()
    R1, _ = _run(P, S1, current)
    R2, _ = _run(P, S2, current, hp.potline_run_serial)
    np.testing.assert_array_equal(S1, S2)
    np.testing.assert_array_equal(R1, R2)
    s = S[2].copy()
    for _ in range(180):
        hh.step(s, P[2], DT)
    np.testing.assert_allclose(s, S1[2], rtol=1e-12, atol=1e-12)


def test_power_modulation_heats_cells_and_thins_ledge():
    P, S = _line()
    base_S = S.copy()
    steady = np.full(12 * 60, 300e3)
    boosted = steady.copy()
    boosted[60:420] *= 1.10  # +10 % from hour 1 to hour 7
    R0, st0 = _run(P, base_S, steady)
    R1, st1 = _run(P, S, boosted)
    assert np.all(st0 == OK) and np.all(st1 == OK)
    at_7h = 6  # record of hour 7
    dsh = R1[:, at_7h, hp.R_SUPERHEAT] - R0[:, at_7h, hp.R_SUPERHEAT]
    assert np.all(dsh > 1.0) and dsh.mean() > 2.0
    assert np.all(R1[:, at_7h, hp.R_CE] < R0[:, at_7h, hp.R_CE])
    assert np.all(R1[:, at_7h, hp.R_LEDGE] < R0[:, at_7h, hp.R_LEDGE])
    # back at 300 kA the cells cool again towards the unmodulated line
    assert np.all(np.abs(R1[:, -1, hp.R_SUPERHEAT] - R0[:, -1, hp.R_SUPERHEAT]) < dsh)


def test_bad_cell_stops_alone():
    P, S = _line(n=3)
    P[1, hh.I_ALUMINA] = 0.5  # outside its range
    REC, status = _run(P, S, np.full(60, 300e3))
    assert list(status) == [OK, OUT_OF_RANGE, OK]
    assert np.isnan(REC[1]).all() and np.isfinite(REC[0]).all()


@pytest.mark.parametrize("name", hp.RECORD_NAMES)
def test_record_names(name):
    assert getattr(hp, f"R_{name.upper()}") == hp.RECORD_NAMES.index(name)
