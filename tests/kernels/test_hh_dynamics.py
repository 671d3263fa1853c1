"""The dynamic Hall–Héroult cell (kernels/hh_dynamics.py): feed control, anode effects,
energy and mass closure over long runs.

Closure is checked against an enthalpy computed here with Cantera's species thermo
(alpha-Al2O3, Al(L); bath as cryolite with the cell's heat capacity), not with the
kernel's own enthalpy function.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kernels import hall_heroult as hh
from kernels import hh_dynamics as hd
from kernels.contract import OK, defaults

ct = pytest.importorskip("cantera")
DT = 60.0
HOUR = 3600.0


def _start(**changes):
    p = defaults(hh.PARAMS)
    for name, value in changes.items():
        p[getattr(hh, f"I_{name.upper()}")] = value
    s = np.empty(hh.N_STATE)
    assert hh.start_state(p, s) == OK
    return p, s


def _alumina_pct(s):
    return 100.0 * s[hd.S_ALUMINA] / s[hd.S_BATH]


@pytest.fixture(scope="module")
def week():
    """One simulated week at 1-minute steps with the default controller, taps every 24 h
    and an anode change every 18 h; returns p, start state, end state, trace."""
    p, s = _start()
    s0 = s.copy()
    trace = np.empty((7 * 1440, 6))
    for k in range(trace.shape[0]):
        assert hh.step(s, p, DT) == OK
        trace[k] = (_alumina_pct(s), s[hd.S_T_BATH], s[hd.S_ACD], s[hd.S_ENERGY_RESIDUAL],
                    s[hd.S_VOLTAGE], s[hd.S_LEDGE])
    return p, s0, s, trace


def test_tracking_control_keeps_alumina_in_band_for_a_week(week):
    """Issue 6: the tracking controller keeps alumina within 2-4 wt% for a week, without
    anode effect; the beam moves hold the ACD near its start despite 2 cm/day of metal."""
    _, _, s, trace = week
    assert 2.0 <= trace[:, 0].min() and trace[:, 0].max() <= 4.0
    assert s[hd.S_AE_COUNT] == 0
    assert s[hd.S_BEAM_MOVES] > 20
    assert 0.035 < trace[:, 2].min() and trace[:, 2].max() < 0.055
    assert 5.0 < s[hd.S_SUPERHEAT] < 20.0 and 0.01 < s[hd.S_LEDGE] < 0.15
    assert np.all((4.0 < trace[:, 4]) & (trace[:, 4] < 4.5))


def test_energy_closes_every_step_and_over_the_week(week):
    """Per step the kernel's residual is below 1e-6 of the step's electric energy
    (issue 6); over the week the enthalpy change computed here with Cantera equals
    electric energy + enthalpy in - enthalpy out - losses to 1e-6."""
    p, s0, s, trace = week
    assert np.max(np.abs(trace[:, 3])) < 1e-6
    sp = {x.name: x for x in ct.Species.list_from_file("nasa_condensed.yaml")}

    def enthalpy(st):
        T = st[hd.S_T_BATH]
        cryolite_etc = st[hd.S_BATH] - st[hd.S_ALUMINA]
        h = (cryolite_etc * p[hh.I_BATH_CP] * T
             + st[hd.S_ALUMINA] / 101.9613e-3 * sp["AL2O3(a)"].thermo.h(T) / 1000.0
             + st[hd.S_METAL] / 26.9815385e-3 * sp["AL(L)"].thermo.h(T) / 1000.0)
        m_ledge = p[hh.I_LEDGE_DENSITY] * p[hh.I_SIDE_AREA] * st[hd.S_LEDGE]
        return h + m_ledge * hd.ledge_reference_enthalpy(p)  # = st[S_H_LEDGE], recomputed

    flows = s[hd.S_E_CELL] + s[hd.S_E_IN] - s[hd.S_E_OUT] - s[hd.S_E_LOSS]
    assert (enthalpy(s) - enthalpy(s0) - flows) / s[hd.S_E_CELL] == pytest.approx(0.0, abs=1e-6)


def test_mass_closes_over_the_week(week):
    """Metal: made - tapped = pad change; alumina: fed - consumed = dissolved change, with
    consumed = made x M_Al2O3 / (2 M_Al) (Faraday)."""
    _, s0, s, _ = week
    assert s[hd.S_METAL] - s0[hd.S_METAL] == pytest.approx(s[hd.S_AL_MADE] - s[hd.S_METAL_TAPPED], rel=1e-9)
    consumed = s[hd.S_AL_MADE] * 101.9613 / (2 * 26.9815385)
    assert s[hd.S_ALUMINA] - s0[hd.S_ALUMINA] == pytest.approx(s[hd.S_ALUMINA_FED] - consumed, abs=1e-6)
    assert s[hd.S_METAL_TAPPED] == pytest.approx(7 * 2300.0)
    assert s[hd.S_AL_MADE] / (7 * 86400.0) == pytest.approx(0.3355 * 300 / 3600 * s[hd.S_CE], rel=0.01)


def test_feed_stop_leads_to_anode_effect():
    """With the feeders stopped the alumina is used up at the Faraday rate, 0.050 kg/s at
    300 kA and 95 %; from 3.0 % to the 1.8 % onset in 6 t of bath that is
    0.012 x 6000 / 0.050 s = 24 min (industrial cells: tens of minutes). The voltage
    rises before the effect, jumps to ae_voltage + external drop on it, and the PFCs
    follow the IPCC slope: CF4 = 0.206 x 30 s x Al rate."""
    p, s = _start(underfeed_factor=0.0, underfeed_time_max=86400.0, tracking_slope=1e-8)
    rate = s[hd.S_ALUMINA] / s[hd.S_BATH]
    expected = (0.03 - 0.018) * s[hd.S_BATH] / (0.0502)  # s, hand figure above
    volts = []
    while s[hd.S_AE_COUNT] == 0 and s[hd.S_TIME] < 4 * HOUR:
        assert hh.step(s, p, DT) == OK
        volts.append(s[hd.S_VOLTAGE])
    t_ae = s[hd.S_TIME]
    assert 15 * 60 < t_ae < 2 * HOUR
    assert t_ae == pytest.approx(expected, rel=0.15)
    assert rate == pytest.approx(0.03)
    assert volts[-2] - volts[0] > 0.05  # voltage creeps up as alumina falls
    # the step of the onset: 30 s at 25 V and 30 s back at 4-6 V (bubble coverage near
    # its anode-effect value), plus the 0.15 V external drop
    assert 12.5 + 0.5 * 4.0 + 0.15 < volts[-1] < 12.5 + 0.5 * 6.0 + 0.15
    assert s[hd.S_AE_TIME] == pytest.approx(p[hh.I_AE_DURATION])
    al_rate = s[hd.S_AL_MADE] / s[hd.S_TIME]
    assert s[hd.S_CF4] == pytest.approx(p[hh.I_SLOPE_CF4] * s[hd.S_AE_TIME] * al_rate, rel=0.02)
    assert s[hd.S_C2F6] == pytest.approx(0.121 * s[hd.S_CF4])


def test_anode_change_cools_and_line_current_step_melts_ledge():
    """A cold anode draws heat: the bath cools in the hours after an anode change. A 10 %
    higher line current for 8 h heats the bath and thins the ledge (Joule heat ~ I^2)."""
    p, s = _start(anode_change_interval=604800.0, tap_interval=604800.0)
    p_change = p.copy()
    p_change[hh.I_ANODE_CHANGE_INTERVAL] = 4 * HOUR
    s_change = s.copy()
    for _ in range(int(4 * HOUR / DT) + 60):  # the anode is set at 4 h, then 1 h of warming
        hh.step(s, p, DT)
        hh.step(s_change, p_change, DT)
    assert s_change[hd.S_T_BATH] < s[hd.S_T_BATH] - 0.5
    assert s_change[hd.S_E_LOSS] > s[hd.S_E_LOSS]
    p, s = _start(tap_interval=604800.0, anode_change_interval=604800.0)
    ledge0 = s[hd.S_LEDGE]
    p[hh.I_LINE_CURRENT] *= 1.1
    for _ in range(int(8 * HOUR / DT)):
        assert hh.step(s, p, DT) == OK
    assert s[hd.S_LEDGE] < ledge0 - 0.005
    assert s[hd.S_SUPERHEAT] > 12.0


@settings(max_examples=10, deadline=None)
@given(current=st.floats(285e3, 320e3), acd=st.floats(0.042, 0.05), alf3=st.floats(0.09, 0.13),
       dt=st.sampled_from([10.0, 60.0, 300.0]))
def test_energy_and_mass_close_for_any_cell_and_step(current, acd, alf3, dt):
    """Conservation holds whatever the cell and the step: per-step energy residual below
    1e-6, and over 12 h the kernel's enthalpy change equals the flows (1e-9)."""
    p, s = _start(line_current=current, acd=acd, alf3_excess=alf3)
    h0 = hd.cell_enthalpy(s, p)
    metal0 = s[hd.S_METAL]
    for _ in range(int(12 * HOUR / dt)):
        assert hh.step(s, p, dt) == OK
        assert abs(s[hd.S_ENERGY_RESIDUAL]) < 1e-6
    flows = s[hd.S_E_CELL] + s[hd.S_E_IN] - s[hd.S_E_OUT] - s[hd.S_E_LOSS]
    assert (hd.cell_enthalpy(s, p) - h0 - flows) / s[hd.S_E_CELL] == pytest.approx(0.0, abs=1e-9)
    assert s[hd.S_METAL] - metal0 == pytest.approx(s[hd.S_AL_MADE] - s[hd.S_METAL_TAPPED], rel=1e-9)


def test_short_when_the_acd_closes():
    """With the beam driven down to the bubble layer the step refuses (anodes on the metal)."""
    p, s = _start()
    s[hd.S_ACD] = 0.004
    assert hh.step(s, p, DT) == hh.INFEASIBLE
