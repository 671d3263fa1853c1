"""Threshold coking model (kernels/fouling.py) against hand calculations."""

import math

import pytest

from kernels import fouling


def test_rate_by_hand():
    # Polley et al. (2002): dRf/dt = alpha Re^-0.8 Pr^-0.33 exp(-E/RT) - gamma Re^0.8
    re, pr, t, alpha, e, gamma = 3.0e5, 14.0, 680.0, 0.04, 48e3, 8e-16
    deposition = 0.04 * (3.0e5) ** -0.8 * 14.0 ** -0.33 * math.exp(-48e3 / (8.314462618 * 680.0))
    suppression = 8e-16 * (3.0e5) ** 0.8
    assert fouling.threshold_fouling_rate(re, pr, t, alpha, e, gamma) == pytest.approx(
        deposition - suppression, rel=1e-12)


def test_threshold_temperature_gives_zero_rate():
    # the surface temperature at which deposition equals suppression:
    # T* = E / (R ln(alpha Re^-1.6 Pr^-0.33 / gamma))
    re, pr, alpha, e, gamma = 2.0e5, 12.0, 0.04, 48e3, 1e-14
    t_star = e / (fouling.R_GAS * math.log(alpha * re ** -1.6 * pr ** -0.33 / gamma))
    assert fouling.threshold_fouling_rate(re, pr, t_star, alpha, e, gamma) == pytest.approx(0.0, abs=1e-22)
    assert fouling.threshold_fouling_rate(re, pr, t_star + 10.0, alpha, e, gamma) > 0.0
    assert fouling.threshold_fouling_rate(re, pr, t_star - 10.0, alpha, e, gamma) < 0.0
    # more flow (higher Re) moves the threshold up: less coking at the same surface
    assert (fouling.threshold_fouling_rate(1.5 * re, pr, t_star + 10.0, alpha, e, gamma)
            < fouling.threshold_fouling_rate(re, pr, t_star + 10.0, alpha, e, gamma))


def test_surface_temperature_and_flow_numbers_by_hand():
    # 60 kW/m2 on a 168.3 mm tube (wall 7.11 mm) through a 1500 W/(m2 K) film above 633 K oil
    di = 0.1683 - 2 * 0.00711
    assert fouling.deposit_surface_temp(633.15, 60e3, 0.1683, di, 1500.0) == pytest.approx(
        633.15 + 60e3 * 0.1683 / di / 1500.0, rel=1e-14)
    re, pr = fouling.tube_flow_numbers(22.5, di, 5e-4, 2800.0, 0.1)
    assert re == pytest.approx(4 * 22.5 / (math.pi * di * 5e-4), rel=1e-14)
    assert pr == pytest.approx(2800.0 * 5e-4 / 0.1, rel=1e-14)
