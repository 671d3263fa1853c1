"""Hearth dynamics (kernels/bf_dynamics.py): lag cascade against its analytic response."""

import math

import numpy as np
import pytest

from kernels import bf_dynamics as dyn


def test_delay_cascade_matches_the_erlang_step_response():
    """N equal first-order lags of total time theta answer a unit step with the Erlang
    distribution function 1 - exp(-t/tau) sum_{k<N} (t/tau)^k/k!, tau = theta/N; the hearth
    lag is made fast (tau_h = 1 s) so T_HM shows the delayed input. Small steps: 1e-3."""
    state = np.empty(dyn.STATE_SIZE)
    dyn.initial_state(state, 0.0, 0.0)
    theta, dt = 3600.0, 1.0
    tau = theta / dyn.N_LAG
    for _ in range(3600):
        dyn.advance(state, 1.0, theta, 1.0, 0.0, 0.0, 0.0, dt)
    t = state[dyn.S_TIME]
    erlang = 1.0 - math.exp(-t / tau) * sum((t / tau) ** k / math.factorial(k) for k in range(dyn.N_LAG))
    assert state[dyn.S_LAG0 + dyn.N_LAG - 1] == pytest.approx(erlang, abs=2e-3)


def test_large_steps_are_stable_and_reach_the_target():
    state = np.empty(dyn.STATE_SIZE)
    dyn.initial_state(state, 1773.0, 0.004)
    for _ in range(10):
        dyn.advance(state, 1800.0, 3600.0, 14400.0, 1773.0, 0.004, 1e-4, 1e6)
    assert state[dyn.S_T_HM] == pytest.approx(1800.0, abs=1e-6)
    assert state[dyn.S_SI] == pytest.approx(0.004 + 27 * 1e-4)


def test_zero_step_changes_nothing_but_time_zero():
    state = np.empty(dyn.STATE_SIZE)
    dyn.initial_state(state, 1773.0, 0.004)
    before = state.copy()
    dyn.advance(state, 1900.0, 3600.0, 14400.0, 1773.0, 0.004, 1e-4, 0.0)
    np.testing.assert_array_equal(state, before)
