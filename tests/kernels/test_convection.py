"""Convection correlations against hand calculations and textbook limits."""

import math

import pytest

from kernels import convection as cv


def test_gnielinski_hand_calculation_and_dittus_boelter():
    # Gnielinski (1976) at Re = 1e5, Pr = 5, by hand:
    # f = (0.790 ln 1e5 - 1.64)^-2 = 7.4552^-2 = 0.017992, f/8 = 0.0022490
    # Nu = 0.0022490 * 99000 * 5 / (1 + 12.7 * 0.047424 * (5^(2/3) - 1)) = 1113.3 / 2.1588 = 515.7
    re, pr = 1.0e5, 5.0
    assert cv.gnielinski_nusselt(re, pr) == pytest.approx(515.7, rel=1e-3)
    # Dittus-Boelter (Incropera eq. 8.60) is within its stated 25 % of it.
    db = 0.023 * re**0.8 * pr**0.4
    assert cv.gnielinski_nusselt(re, pr) == pytest.approx(db, rel=0.25)
    assert cv.gnielinski_nusselt(1000.0, pr) == 3.66


def test_grimison_hand_calculation():
    # Table 7.5, S_T/D = S_L/D = 2: C1 = 0.482, m = 0.556; 10+ rows: C2 = 1.
    re, pr = 10000.0, 0.7
    hand = 1.13 * 0.482 * re**0.556 * pr ** (1 / 3)
    assert cv.grimison_nusselt(re, pr, 2.0, 2.0, 10) == pytest.approx(hand, rel=1e-12)
    # Table 7.6: 4 rows, C2 = 0.89
    assert cv.grimison_nusselt(re, pr, 2.0, 2.0, 4) == pytest.approx(0.89 * hand, rel=1e-12)


def test_counterflow_effectiveness_limits():
    assert cv.counterflow_effectiveness(0.0, 0.5) == 0.0
    assert cv.counterflow_effectiveness(50.0, 0.5) == pytest.approx(1.0, abs=1e-9)
    # balanced counter-flow: eps = NTU / (1 + NTU)
    assert cv.counterflow_effectiveness(2.0, 1.0) == pytest.approx(2.0 / 3.0)
    # C_r = 0: eps = 1 - exp(-NTU)
    assert cv.counterflow_effectiveness(1.0, 0.0) == pytest.approx(1 - math.exp(-1.0))


def test_air_properties_at_300_K():
    # Incropera Table A.4, air at 300 K: mu = 184.6e-7 Pa s, k = 26.3e-3 W/(m K).
    assert cv.flue_viscosity(300.0) == pytest.approx(184.6e-7, rel=0.02)
    assert cv.flue_conductivity(300.0) == pytest.approx(26.3e-3, rel=0.02)


def test_surface_efficiency():
    assert cv.surface_efficiency(1.0, 0.3) == 1.0
    assert cv.surface_efficiency(5.0, 0.6) == pytest.approx(1 - 0.8 * 0.4)
