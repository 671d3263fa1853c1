"""Radiation pieces against hand calculations and the Hottel/Lobo–Evans charts."""

import math

import numpy as np
import pytest

from kernels import radiation as rad


def test_tube_row_view_factor_hand_calculation():
    # Hottel (1931): F = 1 - sqrt(1 - x^2) + x atan(sqrt(1 - x^2)/x), x = D/C.
    # x = 0.5: 1 - 0.866025 + 0.5 * atan(1.732051) = 0.133975 + 0.5 * 1.047198 = 0.657573
    assert rad.tube_row_view_factor(0.1, 0.2) == pytest.approx(0.657573, abs=1e-6)
    assert rad.tube_row_view_factor(0.1, 0.1) == pytest.approx(1.0)
    assert rad.tube_row_view_factor(0.01, 10.0) < 0.002


@pytest.mark.parametrize(("pitch_over_od", "chart"), [(2.0, 0.88), (3.0, 0.72)])
def test_alpha_one_row_matches_lobo_evans_chart(pitch_over_od, chart):
    # Hottel chart (Lobo & Evans 1939, fig. 2), total to one row backed by refractory,
    # read to +-0.02.
    assert rad.tube_bank_alpha(1.0, pitch_over_od, 1.0) == pytest.approx(chart, abs=0.02)


def test_alpha_two_rows_exceeds_one_row():
    assert rad.tube_bank_alpha(1.0, 2.0, 2.0) > rad.tube_bank_alpha(1.0, 2.0, 1.0) > 0.85


def test_exchange_factor_limits():
    # Black gas: F = tube emissivity; no refractory: two-surface formula.
    assert rad.exchange_factor(1.0, 0.9, 2.0) == pytest.approx(0.9)
    eg, et = 0.4, 0.9
    assert rad.exchange_factor(eg, et, 0.0) == pytest.approx(1 / (1 / eg + 1 / et - 1))
    # Re-radiating refractory raises F (Lobo-Evans chart trend).
    assert rad.exchange_factor(eg, et, 1.0) > rad.exchange_factor(eg, et, 0.0)


def test_wsgg_hand_calculation_at_1200_K():
    # Smith, Shen & Friedman (1982) Table 2, pw/pc = 2, T = 1200 K, (pw+pc) L = 1.54 atm m:
    # a1 = 0.6508 - 0.6661 + 0.4362 - 0.0925 = 0.3284,  kappa1 = 0.4201
    # a2 = -0.0250 + 0.7334 - 0.5590 + 0.1128 = 0.2622, kappa2 = 6.516
    # a3 = 0.2718 - 0.3742 + 0.1758 - 0.0279 = 0.0455,  kappa3 = 131.9
    # eps = 0.3284 (1 - e^-0.647) + 0.2622 (1 - e^-10.03) + 0.0455 = 0.464
    p_total = 0.27 * rad.ATM
    eps = rad.gas_emissivity(1200.0, p_total * 2 / 3, p_total / 3, 1.54 / 0.27)
    assert eps == pytest.approx(0.464, abs=0.002)


def test_wsgg_limits_and_trends():
    p = 0.1 * rad.ATM
    assert rad.gas_emissivity(1200.0, p, p, 0.0) == 0.0
    thin = rad.gas_emissivity(1200.0, p, p, 0.1)
    thick = rad.gas_emissivity(1200.0, p, p, 10.0)
    assert 0.0 < thin < thick < 1.0
    # emissivity falls with temperature at fixed pL (Hottel charts)
    assert rad.gas_emissivity(1600.0, p, p, 5.0) < rad.gas_emissivity(1000.0, p, p, 5.0)


def test_mean_beam_length_of_a_cube():
    # Hottel & Sarofim: cube of side a, L = 3.6 V / A = 0.6 a.
    assert rad.mean_beam_length(8.0, 24.0) == pytest.approx(1.2)


def test_radiant_exchange_hand_calculation():
    q = rad.radiant_exchange(100.0, 0.6, 1300.0, 700.0, 10.0, 120.0)
    hand = 5.670374419e-8 * 100 * 0.6 * (1300**4 - 700**4) + 10 * 120 * 600
    assert q == pytest.approx(hand, rel=1e-12)
    assert math.isfinite(q) and np.sign(q) == 1
