"""Sharing a feed over parallel heaters (plants/dispatch.py).

Independent check of the least-fuel split: at an interior optimum of
min sum Q_i(m_i) s.t. sum m_i = M the marginal fired duties dQ_i/dm_i are equal (KKT,
the equal-incremental-cost rule of economic dispatch); they are recomputed here by
central differences of direct kernel calls.
"""

import numpy as np
import pytest

from kernels import heater
from kernels.contract import OK, defaults
from plants.dispatch import equal_loading, least_fuel_loading

BASE = defaults(heater.PARAMS)


def fired_and_margin(fouling, limit=None):
    def evaluate(flows):
        fired, margin = np.full(flows.size, np.nan), np.full(flows.size, np.nan)
        for i, m in enumerate(flows):
            if m <= 0.0:
                continue
            p = BASE.copy()
            p[heater.I_PROCESS_FLOW], p[heater.I_FOULING_RESISTANCE] = m, fouling[i]
            if limit is not None:
                p[heater.I_LIMIT_TUBE_METAL_TEMP] = limit[i]
            out = np.empty(len(heater.OUTPUTS))
            if heater.solve(p, out, np.empty((len(heater.PROFILES), heater.N_CELL))) == OK:
                fired[i], margin[i] = out[heater.O_FIRED_DUTY], out[heater.O_TUBE_METAL_MARGIN]
        return fired, margin
    return evaluate


def test_equal_loading_by_hand():
    assert equal_loading(np.array([100.0, 0.0, 50.0]), 90.0) == pytest.approx([60.0, 0.0, 30.0])
    assert equal_loading(np.array([100.0, 50.0]), 200.0) == pytest.approx([100.0, 50.0])
    assert equal_loading(np.zeros(2), 10.0) == pytest.approx([0.0, 0.0])


def test_least_fuel_split_has_equal_marginal_duties_and_beats_equal_loading():
    fouling = np.array([3.5e-4, 2.0e-3, 1.0e-3])
    evaluate = fired_and_margin(fouling)
    cap, turndown = np.full(3, 100.0), np.full(3, 0.3)
    flows = least_fuel_loading(evaluate, cap, turndown, 240.0, margin_min=-1e3)
    assert flows is not None and flows.sum() == pytest.approx(240.0, rel=1e-9)
    assert evaluate(flows)[0].sum() < evaluate(equal_loading(cap, 240.0))[0].sum()
    h = 0.05
    marginal = [(evaluate(flows + h * e)[0][i] - evaluate(flows - h * e)[0][i]) / (2 * h)
                for i, e in enumerate(np.eye(3))]
    assert np.ptp(marginal) / np.mean(marginal) < 2e-3, marginal


def test_tube_metal_margin_binds():
    # two identical heaters: the least fuel is an equal split, unless the second one's
    # tube-metal limit (2 K above its temperature at the equal split) forbids it
    fouling, cap, turndown = np.full(2, 1.0e-3), np.full(2, 100.0), np.full(2, 0.3)
    free = least_fuel_loading(fired_and_margin(fouling), cap, turndown, 180.0, margin_min=5.0)
    assert free == pytest.approx([90.0, 90.0], rel=1e-4)
    tmt = 898.15 - fired_and_margin(fouling)(np.array([90.0, 90.0]))[1][1]
    evaluate = fired_and_margin(fouling, limit=[898.15, tmt + 2.0])
    flows = least_fuel_loading(evaluate, cap, turndown, 180.0, margin_min=5.0)
    assert flows is not None and flows.sum() == pytest.approx(180.0, rel=1e-9)
    assert flows[1] < 90.0
    assert evaluate(flows)[1][1] == pytest.approx(5.0, abs=0.01)  # active constraint


def test_no_least_fuel_split_below_turndown_or_with_one_heater():
    evaluate = fired_and_margin(np.full(2, 3.5e-4))
    assert least_fuel_loading(evaluate, np.full(2, 100.0), np.full(2, 0.6), 100.0, 5.0) is None
    assert least_fuel_loading(evaluate, np.array([100.0, 0.0]), np.full(2, 0.3), 80.0, 5.0) is None
