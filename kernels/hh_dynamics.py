"""Dynamic Hall–Héroult cell: ``step(state, p, dt)`` advances one cell by dt seconds.

The cell is lumped: one temperature for bath and metal pad, one side-ledge thickness,
the masses of the liquid bath and of each bath component, the metal pad, the ACD, and
the state of the pot controller. Every step (explicit Euler on the fluxes at the start
of the step):

- **Electrochemistry** at the present temperature, composition and ACD
  (:func:`kernels.hh_cell.cell_state`): voltage terms, Dewing current efficiency.
- **Anode effect** when the alumina falls below ``alumina_anode_effect`` or the anode
  current density reaches the critical one: the cell voltage jumps to ``ae_voltage``
  for ``ae_duration`` s (a step reports the time average); CF4 and C2F6 by the IPCC
  Tier 2 slope, CO2e with the stated GWPs; the controller adds ``ae_kill_feed`` and
  overfeeds.
- **Alumina feeding with tracking control**: point-feeder shots of ``shot_mass`` at
  ``underfeed_factor`` x consumption until the slope of the filtered pseudo-resistance
  ``(V - pseudo_emf) / I`` exceeds ``tracking_slope`` (or ``underfeed_time_max``
  passes), then ``overfeed_factor`` x consumption for ``overfeed_time``; at the start
  of each overfeed the beam moves the anodes (ACD) towards ``target_voltage``
  (at most ``beam_move_max`` per move, none inside ``voltage_deadband``). Shots
  dissolve at once (no sludge).
- **ACD** shrinks as the metal pad rises and grows as the anode bottoms burn away;
  at a tap the beam follows the metal down (ACD unchanged).
- **Heat** (:mod:`kernels.hh_heat`): the enthalpy of the control volume bath + metal +
  ledge changes by the electric power dissipated in the cell (external drop
  excluded) plus the enthalpy of alumina fed and carbon burnt, minus the enthalpy of
  the anode gas and tapped metal, the top, bottom and side losses and the heat drawn
  by a newly set cold anode (exponential with ``anode_heatup_time``). The temperature
  follows from that enthalpy (Newton), so energy closes to round-off every step.
- **Side ledge** (Stefan condition): ``rho L_eff d(delta)/dt = q_cond - q_bath`` with
  ``q_bath = h (T - T_liq)``, ``q_cond`` through ledge and wall, and
  ``L_eff = L + cp (T - T_liq)``; the ledge is cryolite, so freezing concentrates
  alumina, AlF3 and CaF2 in the liquid bath and melting dilutes them.
- **Tapping** removes ``tap_mass`` every ``tap_interval``; an **anode change** every
  ``anode_change_interval`` sets a cold anode of ``anode_mass`` into the cell.

The line current is ``p[I_LINE_CURRENT]``: a potline modulation is a change of p
between steps.

State vector (``N_STATE`` floats, SI; the ``S_*`` constants index it): time; bath
temperature; ledge thickness; masses of liquid bath, dissolved alumina, excess AlF3,
CaF2, LiF, MgF2, KF and metal; ACD; heat still to go into the last new anode;
controller (feed mode 0 underfeed / 1 overfeed, time in mode, feed owed, filtered
pseudo-resistance and its slope, anode-effect time left, time since tap and since
anode change); the last voltage, current efficiency and superheat; and running totals
(aluminium made, alumina fed, carbon, CO2, CO, CF4, C2F6, anode effects, anode-effect
time, shots, metal tapped, beam moves, DC energy, electric energy into the cell,
enthalpy in and out with the material flows, heat lost), the energy residual of
the last step relative to the electric energy of that step, and the specific enthalpy
of the frozen ledge (fixed at the start of the run).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.contract import INFEASIBLE, NOT_CONVERGED, OK
from kernels.hh_bath import solheim_liquidus
from kernels.hh_cell import (
    C_CE,
    C_CONDUCTIVITY,
    C_LIQUIDUS,
    N_C,
    N_W,
    W_AL2O3,
    W_ALF3,
    W_CAF2,
    W_KF,
    W_LIF,
    W_MGF2,
    cell_state,
    fill_composition,
)
from kernels.hh_efficiency import (
    M_AL,
    M_AL2O3,
    M_C,
    M_CO,
    M_CO2,
    alumina_rate,
    aluminium_rate,
    anode_carbon_rate,
    anode_gas_rates,
)
from kernels.hh_heat import (
    cp_aluminium,
    cp_h_alumina,
    h_alumina,
    h_aluminium,
    h_co,
    h_co2,
    h_graphite,
    ledge_conduction_flux,
    side_heat_flux_without_ledge,
)
from kernels.hh_index import (
    I_ACD,
    I_AE_DURATION,
    I_AE_KILL_FEED,
    I_AE_VOLTAGE,
    I_ALF3_EXCESS,
    I_ALUMINA,
    I_ALUMINA_ANODE_EFFECT,
    I_AMBIENT_TEMP,
    I_ANODE_CHANGE_INTERVAL,
    I_ANODE_DENSITY,
    I_ANODE_HEATUP_TIME,
    I_ANODE_LENGTH,
    I_ANODE_MASS,
    I_ANODE_WIDTH,
    I_BATH_CP,
    I_BATH_LEDGE_HTC,
    I_BATH_MASS,
    I_BEAM_MOVE_MAX,
    I_BOTTOM_CONDUCTANCE,
    I_C2F6_TO_CF4,
    I_CAF2,
    I_CARBON_TEMP,
    I_CATHODE_AREA,
    I_EXCESS_CARBON,
    I_FEED_TEMP,
    I_KF,
    I_LEDGE_CONDUCTIVITY,
    I_LEDGE_DENSITY,
    I_LEDGE_LATENT_HEAT,
    I_LIF,
    I_LINE_CURRENT,
    I_METAL_DENSITY,
    I_METAL_MASS,
    I_MGF2,
    I_N_ANODES,
    I_OVERFEED_FACTOR,
    I_OVERFEED_TIME,
    I_PSEUDO_EMF,
    I_RESISTANCE_FILTER_TIME,
    I_SHOT_MASS,
    I_SIDE_AREA,
    I_SIDE_WALL_RESISTANCE,
    I_SLOPE_CF4,
    I_TAP_INTERVAL,
    I_TAP_MASS,
    I_TARGET_VOLTAGE,
    I_TOP_CONDUCTANCE,
    I_TRACKING_SLOPE,
    I_UNDERFEED_FACTOR,
    I_UNDERFEED_TIME_MAX,
    I_VOLTAGE_DEADBAND,
)
from kernels.hh_voltage import N_V, V_BUBBLE_THICKNESS, V_EFFECTIVE_CURRENT_DENSITY, V_EXTERNAL

(
    S_TIME, S_T_BATH, S_LEDGE, S_BATH, S_ALUMINA, S_ALF3, S_CAF2, S_LIF, S_MGF2, S_KF,
    S_METAL, S_ACD, S_ANODE_HEAT, S_FEED_MODE, S_MODE_TIME, S_FEED_OWED, S_R_FILTER,
    S_R_SLOPE, S_AE_LEFT, S_TAP_CLOCK, S_ANODE_CLOCK, S_VOLTAGE, S_CE, S_SUPERHEAT,
    S_AL_MADE, S_ALUMINA_FED, S_CARBON, S_CO2, S_CO, S_CF4, S_C2F6, S_AE_COUNT, S_AE_TIME,
    S_SHOTS, S_METAL_TAPPED, S_BEAM_MOVES, S_E_DC, S_E_CELL, S_E_IN, S_E_OUT, S_E_LOSS,
    S_ENERGY_RESIDUAL, S_H_LEDGE,
) = range(43)
N_STATE = 43
STATE_NAMES = (
    "time", "T_bath", "ledge", "bath", "alumina", "alf3", "caf2", "lif", "mgf2", "kf",
    "metal", "acd", "anode_heat", "feed_mode", "mode_time", "feed_owed", "r_filter",
    "r_slope", "ae_left", "tap_clock", "anode_clock", "voltage", "ce", "superheat",
    "al_made", "alumina_fed", "carbon", "co2", "co", "cf4", "c2f6", "ae_count", "ae_time",
    "shots", "metal_tapped", "beam_moves", "e_dc", "e_cell", "e_in", "e_out", "e_loss",
    "energy_residual", "h_ledge",
)
UNDERFEED, OVERFEED = 0.0, 1.0
# bath component masses in the state, in the order of the composition vector w
_W_STATE = np.array([S_ALUMINA, S_ALF3, S_CAF2, S_LIF, S_MGF2, S_KF], dtype=np.int64)
_W_INDEX = np.array([W_AL2O3, W_ALF3, W_CAF2, W_LIF, W_MGF2, W_KF], dtype=np.int64)
_CE_MIN, _CE_MAX = 0.5, 0.999
_T_TOL = 1e-9  # K, Newton tolerance of the temperature from the enthalpy (closure ~1e-10)


@njit(cache=True)
def ledge_reference_enthalpy(p: np.ndarray) -> float:
    """Specific enthalpy of the frozen ledge, J/kg: liquid cryolite at the liquidus of the
    bath of the parameter vector, minus the heat of fusion (a constant of the run)."""
    t_liq = solheim_liquidus(100.0 * p[I_ALUMINA], 100.0 * p[I_ALF3_EXCESS], 100.0 * p[I_CAF2],
                             100.0 * p[I_MGF2], 100.0 * p[I_LIF], 100.0 * p[I_KF])
    return p[I_BATH_CP] * t_liq - p[I_LEDGE_LATENT_HEAT]


@njit(cache=True)
def _liquid_enthalpy(state: np.ndarray, p: np.ndarray, T: float) -> tuple[float, float]:
    """Enthalpy (J) and heat capacity (J/K) of liquid bath plus metal at T."""
    m_rest = state[S_BATH] - state[S_ALUMINA]
    n_a = state[S_ALUMINA] / M_AL2O3
    n_m = state[S_METAL] / M_AL
    cp_b = p[I_BATH_CP]
    cp_a, h_a = cp_h_alumina(T)
    h = m_rest * cp_b * T + n_a * h_a + n_m * h_aluminium(T)
    c = m_rest * cp_b + n_a * cp_a + n_m * cp_aluminium(T)
    return h, c


@njit(cache=True)
def cell_enthalpy(state: np.ndarray, p: np.ndarray) -> float:
    """Enthalpy of the control volume bath + metal + side ledge, J (absolute, formation
    enthalpies of alumina and aluminium included)."""
    return _cell_enthalpy(state, p, state[S_H_LEDGE])


@njit(cache=True)
def _cell_enthalpy(state: np.ndarray, p: np.ndarray, h_ledge: float) -> float:
    h, _ = _liquid_enthalpy(state, p, state[S_T_BATH])
    return h + p[I_LEDGE_DENSITY] * p[I_SIDE_AREA] * state[S_LEDGE] * h_ledge


@njit(cache=True)
def _temperature_from_enthalpy(state: np.ndarray, p: np.ndarray, h_liquid: float) -> float:
    T = state[S_T_BATH]
    for _ in range(20):
        h, c = _liquid_enthalpy(state, p, T)
        dT = (h_liquid - h) / c
        T += dT
        if abs(dT) < _T_TOL:
            return T
    return np.nan


@njit(cache=True)
def composition(state: np.ndarray, w: np.ndarray) -> None:
    """Bath composition of the state into ``w``, wt%."""
    for j in range(_W_STATE.size):
        w[_W_INDEX[j]] = 100.0 * state[_W_STATE[j]] / state[S_BATH]


@njit(cache=True)
def initial_state(p: np.ndarray, state: np.ndarray, t_bath: float, ledge: float) -> None:
    """Fill ``state`` for the start of a run: bath of the composition of ``p`` and mass
    ``bath_mass``, metal ``metal_mass``, ACD ``acd``, at bath temperature ``t_bath`` (K)
    with a side ledge of ``ledge`` (m), e.g. the steady solution of
    :func:`kernels.hall_heroult.solve`; controller in underfeed, totals zero."""
    state[:] = 0.0
    w = np.empty(N_W)
    fill_composition(p, w)
    m = p[I_BATH_MASS]
    for j in range(_W_STATE.size):
        state[_W_STATE[j]] = 0.01 * w[_W_INDEX[j]] * m
    state[S_BATH] = m
    state[S_METAL] = p[I_METAL_MASS]
    state[S_ACD] = p[I_ACD]
    state[S_T_BATH] = t_bath
    state[S_LEDGE] = ledge
    state[S_FEED_MODE] = UNDERFEED
    state[S_H_LEDGE] = ledge_reference_enthalpy(p)
    v = np.empty(N_V)
    c = np.empty(N_C)
    current = p[I_LINE_CURRENT]
    voltage = cell_state(p, t_bath, w, p[I_ACD], current, v, c)
    state[S_VOLTAGE] = voltage
    state[S_CE] = min(max(c[C_CE], _CE_MIN), _CE_MAX)
    state[S_SUPERHEAT] = t_bath - c[C_LIQUIDUS]
    state[S_R_FILTER] = (voltage - v[V_EXTERNAL] - p[I_PSEUDO_EMF]) / current


@njit(cache=True)
def step(state: np.ndarray, p: np.ndarray, dt: float) -> int:
    """Advance one cell by ``dt`` seconds in place (see the module docstring).

    ``p`` is not range-checked here (checked once by the caller, e.g.
    :func:`kernels.hall_heroult.check_inputs`). Returns ``OK``; ``INFEASIBLE`` if the
    bath freezes out, runs out of alumina or the ACD closes to the bubble layer;
    ``NOT_CONVERGED`` if the temperature cannot be found from the enthalpy.
    """
    v = np.empty(N_V)
    c = np.empty(N_C)
    w = np.empty(N_W)
    return _step_in(state, p, dt, v, c, w)


@njit(cache=True)
def _step_in(state, p, dt, v, c, w) -> int:
    composition(state, w)
    T = state[S_T_BATH]
    current = p[I_LINE_CURRENT]
    acd = state[S_ACD]
    voltage = cell_state(p, T, w, acd, current, v, c)
    if acd <= v[V_BUBBLE_THICKNESS]:
        return INFEASIBLE  # the anodes reach the metal pad: a short
    ce = min(max(c[C_CE], _CE_MIN), _CE_MAX)
    t_liq = c[C_LIQUIDUS]
    t_amb = p[I_AMBIENT_TEMP]
    v_ext = v[V_EXTERNAL]
    h_ledge = state[S_H_LEDGE]
    h_start = _cell_enthalpy(state, p, h_ledge)

    # anode effect: onset below the alumina threshold or at the critical current density
    fed = 0.0
    if state[S_AE_LEFT] <= 0.0 and (not np.isfinite(voltage)
                                    or w[W_AL2O3] < 100.0 * p[I_ALUMINA_ANODE_EFFECT]):
        state[S_AE_LEFT] = p[I_AE_DURATION]
        state[S_AE_COUNT] += 1.0
        state[S_FEED_MODE] = OVERFEED
        state[S_MODE_TIME] = 0.0
        fed += p[I_AE_KILL_FEED]
    on_ae = state[S_AE_LEFT] > 0.0
    v_cell = voltage - v_ext  # measured at the cell, mean over the step
    t_ae = 0.0
    if on_ae:
        t_ae = min(dt, state[S_AE_LEFT])
        if np.isfinite(voltage):
            v_cell = (t_ae * p[I_AE_VOLTAGE] + (dt - t_ae) * v_cell) / dt
        else:
            v_cell = p[I_AE_VOLTAGE]

    # rates at the start of the step
    m_al = aluminium_rate(current, ce)
    m_alumina = alumina_rate(current, ce)
    n_co2, n_co = anode_gas_rates(current, ce)
    n_c = n_co2 + n_co
    p_cell = current * v_cell
    q_top = p[I_TOP_CONDUCTANCE] * (T - t_amb)
    q_bottom = p[I_BOTTOM_CONDUCTANCE] * (T - t_amb)
    delta = state[S_LEDGE]
    h_b = p[I_BATH_LEDGE_HTC]
    r_w = p[I_SIDE_WALL_RESISTANCE]
    q_bath = h_b * (T - t_liq)
    q_cond = ledge_conduction_flux(t_liq, t_amb, delta, p[I_LEDGE_CONDUCTIVITY], r_w)
    if delta > 0.0 or q_cond > q_bath:
        q_side = q_cond
        l_eff = p[I_LEDGE_LATENT_HEAT] + p[I_BATH_CP] * (T - t_liq)
        d_delta = (q_cond - q_bath) / (p[I_LEDGE_DENSITY] * l_eff) * dt
    else:
        q_side = side_heat_flux_without_ledge(T, t_amb, h_b, r_w)
        d_delta = 0.0
    decay = 1.0 - np.exp(-dt / p[I_ANODE_HEATUP_TIME])
    e_anode = state[S_ANODE_HEAT] * decay
    state[S_ANODE_HEAT] -= e_anode

    # feeding: shots owed at the rate of the feed mode
    factor = p[I_OVERFEED_FACTOR] if state[S_FEED_MODE] == OVERFEED else p[I_UNDERFEED_FACTOR]
    state[S_FEED_OWED] += factor * m_alumina * dt
    shots = np.floor(state[S_FEED_OWED] / p[I_SHOT_MASS])
    state[S_FEED_OWED] -= shots * p[I_SHOT_MASS]
    fed += shots * p[I_SHOT_MASS]

    # masses: alumina consumed, fed, ledge frozen (cryolite leaves the liquid)
    consumed = m_alumina * dt
    if state[S_ALUMINA] + fed - consumed <= 0.0:
        return INFEASIBLE
    delta_new = max(delta + d_delta, 0.0)
    frozen = p[I_LEDGE_DENSITY] * p[I_SIDE_AREA] * (delta_new - delta)
    cryolite = state[S_BATH] - state[S_ALUMINA] - state[S_ALF3] - state[S_CAF2] - state[S_LIF] \
        - state[S_MGF2] - state[S_KF]
    if frozen >= cryolite:
        return INFEASIBLE
    e_in = fed / M_AL2O3 * h_alumina(p[I_FEED_TEMP]) + n_c * dt * h_graphite(p[I_CARBON_TEMP])
    e_gas = (n_co2 * h_co2(T) + n_co * h_co(T)) * dt
    e_loss = (q_top + q_bottom + p[I_SIDE_AREA] * q_side) * dt + e_anode
    state[S_LEDGE] = delta_new
    state[S_BATH] += fed - consumed - frozen
    state[S_ALUMINA] += fed - consumed
    state[S_METAL] += m_al * dt

    # energy: the enthalpy of the control volume, then the temperature from it
    h_end = h_start + p_cell * dt + e_in - e_gas - e_loss
    h_liquid = h_end - p[I_LEDGE_DENSITY] * p[I_SIDE_AREA] * delta_new * h_ledge
    t_new = _temperature_from_enthalpy(state, p, h_liquid)
    if not np.isfinite(t_new):
        return NOT_CONVERGED
    state[S_T_BATH] = t_new
    state[S_ENERGY_RESIDUAL] = (_cell_enthalpy(state, p, h_ledge) - h_end) / (p_cell * dt)

    # metal tap (at the bath temperature; the beam follows the metal down)
    e_out = e_gas
    state[S_TAP_CLOCK] += dt
    if state[S_TAP_CLOCK] >= p[I_TAP_INTERVAL]:
        state[S_TAP_CLOCK] -= p[I_TAP_INTERVAL]
        tapped = min(p[I_TAP_MASS], 0.5 * state[S_METAL])
        state[S_METAL] -= tapped
        state[S_METAL_TAPPED] += tapped
        e_out += tapped / M_AL * h_aluminium(t_new)
    # anode change: a cold anode takes up heat while it warms to the bath temperature
    state[S_ANODE_CLOCK] += dt
    if state[S_ANODE_CLOCK] >= p[I_ANODE_CHANGE_INTERVAL]:
        state[S_ANODE_CLOCK] -= p[I_ANODE_CHANGE_INTERVAL]
        state[S_ANODE_HEAT] += p[I_ANODE_MASS] / M_C * (h_graphite(t_new) - h_graphite(t_amb))

    # ACD: metal pad rises, anode bottoms burn away
    a_anode = p[I_N_ANODES] * p[I_ANODE_LENGTH] * p[I_ANODE_WIDTH]
    state[S_ACD] += (anode_carbon_rate(current) / (p[I_ANODE_DENSITY] * a_anode)
                     - m_al / (p[I_METAL_DENSITY] * p[I_CATHODE_AREA])) * dt

    # anode effect clock and PFCs (IPCC Tier 2 slope: CF4 = slope x AE time x Al rate)
    if on_ae:
        state[S_AE_LEFT] -= t_ae
        state[S_AE_TIME] += t_ae
        cf4 = p[I_SLOPE_CF4] * t_ae * m_al
        state[S_CF4] += cf4
        state[S_C2F6] += p[I_C2F6_TO_CF4] * cf4
    else:
        _control(state, p, dt, v_cell, current, v[V_EFFECTIVE_CURRENT_DENSITY] / c[C_CONDUCTIVITY])

    # running totals and the last electrical state
    excess_c = p[I_EXCESS_CARBON] * m_al * dt
    state[S_TIME] += dt
    state[S_AL_MADE] += m_al * dt
    state[S_ALUMINA_FED] += fed
    state[S_SHOTS] += shots
    state[S_CARBON] += n_c * M_C * dt + excess_c
    state[S_CO2] += n_co2 * M_CO2 * dt + excess_c * M_CO2 / M_C
    state[S_CO] += n_co * M_CO * dt
    state[S_E_DC] += current * (v_cell + v_ext) * dt
    state[S_E_CELL] += p_cell * dt
    state[S_E_IN] += e_in
    state[S_E_OUT] += e_out
    state[S_E_LOSS] += e_loss
    state[S_VOLTAGE] = v_cell + v_ext
    state[S_CE] = ce
    state[S_SUPERHEAT] = T - t_liq
    return OK


@njit(cache=True)
def _control(state, p, dt, v_cell, current, dv_dacd) -> None:
    """Pseudo-resistance filter, tracking feed control and beam moves (ACD)."""
    tau = p[I_RESISTANCE_FILTER_TIME]
    alpha = min(dt / tau, 1.0)
    r_old = state[S_R_FILTER]
    r_new = r_old + alpha * ((v_cell - p[I_PSEUDO_EMF]) / current - r_old)
    state[S_R_FILTER] = r_new
    state[S_R_SLOPE] += alpha * ((r_new - r_old) / dt - state[S_R_SLOPE])
    state[S_MODE_TIME] += dt
    if state[S_FEED_MODE] == UNDERFEED:
        settled = state[S_MODE_TIME] > tau
        if ((settled and state[S_R_SLOPE] > p[I_TRACKING_SLOPE])
                or state[S_MODE_TIME] >= p[I_UNDERFEED_TIME_MAX]):
            state[S_FEED_MODE] = OVERFEED
            state[S_MODE_TIME] = 0.0
            error = r_new * current + p[I_PSEUDO_EMF] - p[I_TARGET_VOLTAGE]
            if abs(error) > p[I_VOLTAGE_DEADBAND]:
                move = -error / dv_dacd
                limit = p[I_BEAM_MOVE_MAX]
                state[S_ACD] += min(max(move, -limit), limit)
                state[S_BEAM_MOVES] += 1.0
    elif state[S_MODE_TIME] >= p[I_OVERFEED_TIME]:
        state[S_FEED_MODE] = UNDERFEED
        state[S_MODE_TIME] = 0.0
        state[S_R_SLOPE] = 0.0
