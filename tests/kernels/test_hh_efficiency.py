"""Faraday's law, specific energy, stoichiometry and current efficiency (kernels/hh_efficiency.py).

Figures from issue 6 (Grjotheim & Kvande 1993 give 0.33557 kg/kAh at 100 % CE).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import hh_efficiency as he

DAY = 86400.0
KWH = 3.6e6


def test_faraday_constant_of_aluminium():
    assert he.aluminium_rate(1000.0, 1.0) * 3600.0 == pytest.approx(0.33557, rel=2e-5)


@pytest.mark.parametrize("current, ce, kg, rel", [(300e3, 0.95, 2295.0, 0.002), (175e3, 0.93, 1311.0, 0.003)])
def test_daily_production(current, ce, kg, rel):
    """300 kA at 95 % for 24 h: 0.33557 x 300 x 24 x 0.95 = 2295.3 kg; 175 kA at 93 %:
    1310.8 kg (issue 6)."""
    assert he.aluminium_rate(current, ce) * DAY == pytest.approx(kg, rel=rel)


@pytest.mark.parametrize("volts, ce, kwh_kg", [(4.20, 0.95, 13.17), (4.30, 0.93, 13.78)])
def test_dc_specific_energy(volts, ce, kwh_kg):
    """W = V / (0.33557 CE) kWh/kg: 4.20 V, 95 % -> 13.175; 4.30 V, 93 % -> 13.779 (0.5 %)."""
    assert he.specific_energy(volts, ce) / KWH == pytest.approx(kwh_kg, rel=0.005)


def test_stoichiometry_per_kg_aluminium():
    """Al2O3 + 3/2 C = 2 Al + 3/2 CO2: 101.961/53.963 = 1.889 kg Al2O3, 18.017/53.963 =
    0.334 kg C, 66.014/53.963 = 1.223 kg CO2 per kg Al (issue 6, 0.2 %)."""
    current = 1.0e5
    al = he.aluminium_rate(current, 1.0)
    n_co2, n_co = he.anode_gas_rates(current, 1.0)
    assert he.alumina_rate(current, 1.0) / al == pytest.approx(1.889, rel=0.002)
    assert he.anode_carbon_rate(current) / al == pytest.approx(0.334, rel=0.002)
    assert n_co2 * he.M_CO2 / al == pytest.approx(1.223, rel=0.002)
    assert n_co == 0.0


def test_dewing_correlation_hand_calculation():
    """Dewing (1991): log10(loss %) = 0.0095 x 10 - 0.019 x 11 - 0.060 x 0 + 0.81 = 0.696,
    loss 4.97 %, CE 95.03 %; every 10 K of superheat multiplies the loss by 10^0.095."""
    ce = he.dewing_current_efficiency(10.0, 11.0, 0.0, 0.81)
    assert ce == pytest.approx(1.0 - 0.01 * 10**0.696, rel=1e-12)
    loss_hot = 1.0 - he.dewing_current_efficiency(20.0, 11.0, 0.0, 0.81)
    assert loss_hot / (1.0 - ce) == pytest.approx(10**0.095, rel=1e-12)
    assert he.dewing_current_efficiency(10.0, 11.0, 2.0, 0.81) > ce  # LiF helps


@settings(max_examples=50, deadline=None)
@given(current=st.floats(1e4, 6e5), ce=st.floats(0.5, 1.0))
def test_carbon_and_oxygen_balance_close_at_any_efficiency(current, ce):
    """Pearson–Waddington split: the carbon and oxygen in the anode gas match the carbon
    burnt and the oxygen of the alumina consumed (conservation, to round-off)."""
    n_co2, n_co = he.anode_gas_rates(current, ce)
    assert (n_co2 + n_co) * he.M_C == pytest.approx(he.anode_carbon_rate(current), rel=1e-12)
    o_alumina = he.alumina_rate(current, ce) / he.M_AL2O3 * 3.0
    assert 2.0 * n_co2 + n_co == pytest.approx(o_alumina, rel=1e-12)


def test_pfc_slope_method():
    """IPCC 2006 Tier 2 (CWPB): CF4 = 0.143 (kg/t)/(AE-min/cell-day) x AEM; C2F6 = 0.121 CF4."""
    cf4, c2f6 = he.pfc_per_tonne(0.5, 0.143, 0.121)
    assert cf4 == pytest.approx(0.0715) and c2f6 == pytest.approx(0.121 * 0.0715)
