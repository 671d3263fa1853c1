"""Zoned shaft profile (kernels/bf_shaft.py): counter-flow exchange consistency."""

import numpy as np
import pytest

from kernels import bf_shaft as sh

ARGS = dict(c_s_up=2.0e5, c_g_up=2.5e5, c_s_low=6.0e5, c_g_low=1.5e5, hv_area=5.0e5,
            dt_top=100.0, dt_bottom=650.0)


def test_zone_heights_follow_the_exponential_approach():
    """dT = DT_RESERVE exp(kappa s): at the zone end the gas-solid difference is reached."""
    l_up, l_low, k_up, k_low = sh.zone_heights(**ARGS)
    assert k_up == pytest.approx(5.0e5 * (1 / 2.0e5 - 1 / 2.5e5))
    assert sh.DT_RESERVE * np.exp(k_up * l_up) == pytest.approx(100.0)
    assert sh.DT_RESERVE * np.exp(k_low * l_low) == pytest.approx(650.0)


def test_upper_zone_profile_balances_gas_and_solid_heat():
    """In counter-flow the gas loses what the solids gain at every level:
    C_g (T_g(s) - T_top) = C_s (T_s(s) - T_amb) (energy balance of the zone above s),
    exact up to the reserve-zone approach DT_RESERVE."""
    l_up, l_low, k_up, k_low = sh.zone_heights(**ARGS)
    height = l_up + l_low + 3.0
    t_amb, t_w = 298.15, 1273.15
    t_top = t_w - ARGS["c_s_up"] / ARGS["c_g_up"] * (t_w - t_amb)
    for depth in np.linspace(0.0, 0.999 * l_up, 7):
        t_g, t_s, zone = sh.temperatures_at(depth, height, l_up, l_low, k_up, k_low, t_amb, t_top,
                                            t_w, 2400.0, 1773.15)
        assert zone == 0
        assert ARGS["c_g_up"] * (t_g - t_top) == pytest.approx(
            ARGS["c_s_up"] * (t_s - t_amb), abs=ARGS["c_g_up"] * 2 * sh.DT_RESERVE)
    assert sh.temperatures_at(l_up + 1.0, height, l_up, l_low, k_up, k_low, t_amb, t_top, t_w,
                              2400.0, 1773.15) == (t_w + sh.DT_RESERVE, t_w, 1)


def test_cohesive_zone_between_softening_and_melting():
    l_up, l_low, k_up, k_low = sh.zone_heights(**ARGS)
    height = l_up + l_low + 3.0
    top, bottom = sh.cohesive_zone(height, l_up, l_low, k_up, k_low, 298.15, 400.0, 1273.15,
                                   2400.0, 1773.15, 1373.15, 1673.15)
    assert height - l_low < top < bottom < height
    _, t_s, _ = sh.temperatures_at(top, height, l_up, l_low, k_up, k_low, 298.15, 400.0, 1273.15,
                                   2400.0, 1773.15)
    assert t_s == pytest.approx(1373.15, abs=5.0)
