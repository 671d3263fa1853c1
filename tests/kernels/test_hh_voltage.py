"""Haupin (1998) voltage terms of the Hall–Héroult cell (kernels/hh_voltage.py).

Hand calculations with the equations of Haupin, Light Metals 1998, 531-537, and the
critical current density of Grjotheim & Welch (1988), at 960 degC, 3 wt% alumina.
"""

import math

import numpy as np
import pytest

from kernels import hh_voltage as hv

T = 1233.15


def test_anode_surface_overvoltage():
    """i = 0.8 A/cm2, 3 % Al2O3: i_r = 0.0029 x 3^0.56 = 0.005365 A/cm2,
    eta = 1233.15/12533 ln(0.8/0.005365) = 0.4923 V."""
    i_r = 0.0029 * 3.0**0.56
    hand = T / 12533.0 * math.log(0.8 / i_r)
    assert hv.anode_surface_overvoltage(T, 8000.0, 3.0) == pytest.approx(hand, rel=1e-12)
    assert hand == pytest.approx(0.4923, abs=5e-4)


def test_critical_current_density_and_concentration_overvoltage():
    """Anode 150 x 60 cm = 9000 cm2: i_c = (5.5 + 0.018 (1233.15 - 1323)) 9000^-0.1
    (sqrt 3 - 0.4) = 3.883 x 0.4019 x 1.332 = 2.079 A/cm2;
    eta_c = T/23209 ln(i_c / (i_c - 0.8)) = 0.0255 V; infinite at i >= i_c."""
    i_c = hv.critical_current_density(T, 3.0, 0.9)
    hand = (5.5 + 0.018 * (T - 1323.0)) * 9000.0**-0.1 * (math.sqrt(3.0) - 0.4)
    assert i_c / 1e4 == pytest.approx(hand, rel=1e-12)
    assert i_c / 1e4 == pytest.approx(2.079, abs=2e-3)
    eta = hv.anode_concentration_overvoltage(T, 8000.0, i_c)
    assert eta == pytest.approx(T / 23209.0 * math.log(hand / (hand - 0.8)), rel=1e-12)
    assert hv.anode_concentration_overvoltage(T, i_c, i_c) == np.inf


def test_cathode_overvoltage_bubbles_and_fanning():
    """Cathode 0.667 A/cm2, BR 1.12: eta = 5.745e-5 T (1.375 - 0.28) ln(0.667/0.257);
    bubble layer at 0.75 A/cm2: (0.5517 + 0.75)/(1 + 2.167 x 0.75) = 0.5052 cm;
    a 150 x 60 cm anode widened by 0.5 x 4.5 cm on each side: 154.5 x 64.5 cm."""
    eta = hv.cathode_concentration_overvoltage(T, 6670.0, 1.12)
    assert eta == pytest.approx(5.744815e-5 * T * (1.375 - 0.28) * math.log(0.667 / 0.257), rel=1e-9)
    assert hv.bubble_thickness(7500.0) == pytest.approx(0.01 * 1.3017 / 2.62525, rel=1e-9)
    assert hv.effective_anode_area(1, 1.5, 0.6, 0.045, 0.5) == pytest.approx(1.545 * 0.645)
    # coverage rises as alumina falls towards its anode-effect value
    hi = hv.bubble_coverage(7500.0, 1.12, 4.0, 1.8)
    lo = hv.bubble_coverage(7500.0, 1.12, 2.0, 1.8)
    assert 0.3 < hi < lo < 0.95


def test_breakdown_adds_up():
    v = np.empty(hv.N_V)
    total = hv.voltage_breakdown(v, T, 300e3, 0.045, 3.0, 1.8, 0.2, 215.0, 1.12, 40, 1.5, 0.6,
                                 0.5, 45.0, 1.0e-6, 1.0e-6, 0.5e-6)
    assert total == pytest.approx(v[:hv.N_TERMS].sum(), rel=1e-14)
    assert v[hv.V_CATHODE] == pytest.approx(0.3) and v[hv.V_EXTERNAL] == pytest.approx(0.15)
    i_eff = v[hv.V_EFFECTIVE_CURRENT_DENSITY]
    assert v[hv.V_BATH] == pytest.approx(i_eff * (0.045 - v[hv.V_BUBBLE_THICKNESS]) / 215.0)
    # on anode effect (alumina below critical) the voltage is infinite
    assert hv.voltage_breakdown(v, T, 300e3, 0.045, 0.55, 0.5, 0.05, 215.0, 1.12, 40, 1.5, 0.6,
                                0.5, 45.0, 1e-6, 1e-6, 0.5e-6) == np.inf
