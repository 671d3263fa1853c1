"""Reference dynamic Hall–Héroult cell in plain NumPy/SciPy: ``solve_ivp`` between events.

The same cell as :mod:`kernels.hh_dynamics` (read its docstring for the model and the
literature), written as continuous ODEs and integrated by
:func:`scipy.integrate.solve_ivp` (RK45 by default) from one discrete event to the next:

- ODE state: bath temperature, ledge thickness, masses of liquid bath, dissolved
  alumina and metal, ACD, heat still to go into the last new anode, filtered
  pseudo-resistance and its slope, alumina owed to the feeders and the running
  integral of the heat flows (for the energy check). The feed mode and the time in
  it are discrete (the mode clock stops during an anode effect, as in the kernel).
- Bath temperature: the kernel advances the enthalpy ``H`` of bath + metal + ledge and
  finds T from it; here ``C dT/dt = dH/dt - sum_i (dH/dm_i) dm_i/dt`` with the same
  ``H`` (formation enthalpies included), so both integrate one energy equation.
- Events located by ``events=`` (terminal): a feeder shot when the alumina owed reaches
  ``shot_mass``; anode-effect onset when the alumina falls to ``alumina_anode_effect``
  or the anode current density reaches the critical one; the end of an underfeed phase
  when the filtered pseudo-resistance slope exceeds ``tracking_slope``. Known times end
  an integration interval: the controller's mode timers (settling, longest underfeed,
  overfeed), the end of an anode effect, metal taps and anode changes.
- At an event the state jumps as in the kernel (shot or kill feed enthalpy at
  ``feed_temp``, T from H by Newton; tap at bath temperature; cold anode; beam move
  towards ``target_voltage``), and the integration restarts.

Every correlation (Solheim liquidus, Skybakmoen saturation, Hives and Wang
conductivity, Haupin voltage terms and alumina activity, Dewing current efficiency)
is written again below in plain Python; the NASA coefficient tables are read from
:mod:`kernels.hh_heat`, :mod:`kernels.solids` and :mod:`kernels.thermo` (data) and
evaluated here. The kernel fires shots, switches the controller and detects anode
effects at the end of its 60 s steps (explicit Euler), so it converges to this model
as ``dt -> 0``; ``tests/benchmarks/test_reference_hall_heroult.py`` checks that.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import solve_ivp

from benchmarks.reference.nasa import species_cp_h
from kernels import hh_heat as hheat
from kernels import hh_index as ix
from kernels import solids as so
from kernels import thermo as th

FARADAY = 96485.33212
R_GAS = 8.314462618
M_AL, M_AL2O3, M_C, M_CO2, M_CO = 26.9815385e-3, 101.9613e-3, 12.011e-3, 44.0095e-3, 28.0101e-3
NAF_IN_CRYOLITE = 3.0 * 41.988e-3 / (3.0 * 41.988e-3 + 83.977e-3)
CE_MIN, CE_MAX = 0.5, 0.999

(Y_T, Y_LEDGE, Y_BATH, Y_ALUMINA, Y_METAL, Y_ACD, Y_ANODE_HEAT, Y_R, Y_SLOPE, Y_OWED,
 Y_HEAT) = range(11)
N_Y = 11
#: scale of each ODE state: atol = rtol x scale
SCALE = np.array([1e3, 0.1, 6e3, 200.0, 2e4, 0.05, 1e8, 1e-6, 1e-10, 10.0, 1e11])
UNDERFEED, OVERFEED = 0, 1


# ------------------------------------------------------------------ thermochemistry
def _nasa(a: np.ndarray, T: float) -> tuple[float, float]:
    cp = a[0] + T * (a[1] + T * (a[2] + T * (a[3] + T * a[4])))
    h = T * (a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5)))) + a[5]
    return R_GAS * cp, R_GAS * h


def aluminium_cp_h(T: float) -> tuple[float, float]:
    """cp [J/(mol K)] and absolute h [J/mol] of Al (solid / liquid, CODATA via NASA-7)."""
    return _nasa(hheat._AL_CR if T < hheat.T_MELT_AL else hheat._AL_L, T)


def graphite_h(T: float) -> float:
    return _nasa(hheat._C_LOW if T < 1000.0 else hheat._C_HIGH, T)[1]


def alumina_cp_h(T: float) -> tuple[float, float]:
    """cp and h of corundum (JANAF fit of kernels.solids, two sets joined at 1000 K)."""
    k = so.AL2O3
    if T < so.T_BREAK1[k]:
        a, lo, hi = so.NASA7_A[k], so.T_LOW_SOLID[k], so.T_BREAK1[k]
    else:
        a, lo, hi = so.NASA7_B[k], so.T_BREAK1[k], so.T_BREAK2[k]
    t = min(max(T, lo), hi)
    cp, h = _nasa(a, t)
    return cp, h + cp * (T - t)


def gas_h(T: float) -> tuple[float, float]:
    """Absolute h of CO2 and CO [J/mol]."""
    h = species_cp_h(T)[1]
    return R_GAS * h[th.CO2], R_GAS * h[th.CO]


# ------------------------------------------------------------------ bath and voltage
def liquidus(a: float, f: float, c: float, m: float, li: float, k: float) -> float:
    """Solheim et al. (1996), K; wt%."""
    return 273.15 + (1011.0 + 0.50 * f - 0.13 * f**2.2 - 3.45 * c / (1.0 + 0.0173 * c) + 0.124 * c * f
                     - 0.00542 * (c * f) ** 1.5
                     - 7.93 * a / (1.0 + 0.0936 * a - 0.0017 * a * a - 0.0023 * f * a)
                     - 8.90 * li / (1.0 + 0.0047 * li + 0.0010 * f * f) - 3.95 * m - 3.95 * k)


def saturation(T: float, f: float, c: float, m: float, li: float) -> float:
    """Skybakmoen et al. (1997), wt%."""
    a = 11.9 - 0.062 * f - 0.0031 * f * f - 0.50 * li - 0.20 * c - 0.30 * m + 42.0 * li * f / (2000.0 + li * f)
    b = 4.8 - 0.048 * f + 2.2 * li**1.5 / (10.0 + li + 0.001 * f**3)
    return a * ((T - 273.15) / 1000.0) ** b


def conductivity(model: float, T: float, a: float, f: float, c: float, m: float, li: float, k: float) -> float:
    """Hives et al. (1996) or Wang, Peterson & Tabereaux (1992), S/m."""
    if model < 0.5:
        return 100.0 * math.exp(1.977 - 0.0200 * a - 0.0131 * f - 0.0060 * c - 0.0106 * m - 0.0019 * k
                                + 0.0121 * li - 1204.3 / T)
    cryolite = 100.0 - a - f - c - m - li
    br = ((NAF_IN_CRYOLITE * cryolite / 41.99 + li / 25.94 - m / 62.31) / 2.0) / (
        (f + (1.0 - NAF_IN_CRYOLITE) * cryolite) / 83.98)
    return 100.0 * math.exp(1.9362 + 0.3092 * br - 0.004132 * c - 0.01755 * a + 0.008123 * li - 0.00398 * m
                            - 1751.1 / T)


def electrochemistry(p: np.ndarray, T: float, w: tuple, acd: float, current: float) -> tuple:
    """Cell voltage (external drop included, inf on anode effect), external drop, current
    efficiency (clipped as in the kernel), liquidus, effective and critical anode current
    densities and bath conductivity, from Haupin (1998) and Dewing (1991)."""
    a, f, c, li, m, k = w
    t_liq = liquidus(a, f, c, m, li, k)
    c_sat = saturation(T, f, c, m, li)
    kappa = conductivity(p[ix.I_CONDUCTIVITY_MODEL], T, a, f, c, m, li, k)
    cryolite = 100.0 - a - f - c - m - li
    ratio = NAF_IN_CRYOLITE * cryolite / (f + (1.0 - NAF_IN_CRYOLITE) * cryolite)
    r = min(a / c_sat, 1.0)
    activity = r * (-0.03791 + r * (2.364 + r * (-2.194 + r * 0.8686)))
    ce = 1.0 - 0.01 * 10.0 ** (0.0095 * (T - t_liq) - 0.019 * f - 0.060 * li + p[ix.I_CE_CONSTANT])
    n_an, length, width = p[ix.I_N_ANODES], p[ix.I_ANODE_LENGTH], p[ix.I_ANODE_WIDTH]
    grow = 2.0 * p[ix.I_FANNING] * acd
    i_eff = current / (n_an * (length + grow) * (width + grow))
    i_crit = 1e4 * (5.5 + 0.018 * (T - 1323.0)) * (1e4 * length * width) ** -0.1 * (math.sqrt(a) - 0.4)
    i_cm2 = 1e-4 * i_eff
    d_b = 0.01 * (0.5517 + i_cm2) / (1.0 + 2.167 * i_cm2)
    x = max(a - 100.0 * p[ix.I_ALUMINA_ANODE_EFFECT], 0.0)
    phi = 0.9 * (0.509 + i_cm2 * (0.1823 + i_cm2 * (-0.1723 + i_cm2 * 0.05504))
                 + (0.4322 - 0.3781 * ratio) / (1.0 + 1.637 * ratio) + (0.431 - 0.1437 * x) / (1.0 + 7.353 * x))
    i_r = 29.0 * a**0.56
    e_rev = 1.896 - 0.000572 * T - R_GAS * T / (6.0 * FARADAY) * math.log(activity)
    eta_s = T / 12533.0 * math.log(i_eff / i_r) if i_eff > i_r else 0.0
    eta_c = T / 23209.0 * math.log(i_crit / (i_crit - i_eff)) if i_eff < i_crit else math.inf
    i_cath = 1e-4 * current / p[ix.I_CATHODE_AREA]
    eta_k = 5.744815e-5 * T * (1.375 - 0.25 * ratio) * math.log(i_cath / 0.257) if i_cath > 0.257 else 0.0
    r_anode = (p[ix.I_ANODE_RESISTIVITY] * p[ix.I_ANODE_HEIGHT] / (n_an * length * width)
               + p[ix.I_ANODE_ASSEMBLY_RESISTANCE])
    v_ext = current * p[ix.I_EXTERNAL_RESISTANCE]
    voltage = (e_rev + eta_s + eta_c + eta_k + i_eff * d_b * phi / (kappa * (1.0 - phi))
               + i_eff * (acd - d_b) / kappa + current * (r_anode + p[ix.I_CATHODE_RESISTANCE]) + v_ext)
    return voltage, v_ext, min(max(ce, CE_MIN), CE_MAX), t_liq, i_eff, i_crit, kappa, d_b


# ------------------------------------------------------------------ the cell
class Cell:
    """One cell: parameters, the fixed bath components and the discrete controller state."""

    def __init__(self, p: np.ndarray, start: np.ndarray):
        """``start``: a state vector of :mod:`kernels.hh_dynamics` (e.g. ``start_state``)."""
        from kernels import hh_dynamics as hd

        self.p = np.asarray(p, dtype=np.float64).copy()
        self.fixed = tuple(float(start[j]) for j in (hd.S_ALF3, hd.S_CAF2, hd.S_LIF, hd.S_MGF2, hd.S_KF))
        self.h_ledge = float(start[hd.S_H_LEDGE])
        self.y = np.zeros(N_Y)
        self.y[Y_T], self.y[Y_LEDGE], self.y[Y_BATH] = start[hd.S_T_BATH], start[hd.S_LEDGE], start[hd.S_BATH]
        self.y[Y_ALUMINA], self.y[Y_METAL], self.y[Y_ACD] = start[hd.S_ALUMINA], start[hd.S_METAL], start[hd.S_ACD]
        self.y[Y_ANODE_HEAT], self.y[Y_R] = start[hd.S_ANODE_HEAT], start[hd.S_R_FILTER]
        self.y[Y_SLOPE], self.y[Y_OWED] = start[hd.S_R_SLOPE], start[hd.S_FEED_OWED]
        self.mode_time = float(start[hd.S_MODE_TIME])
        self.t = float(start[hd.S_TIME])
        self.mode = OVERFEED if start[hd.S_FEED_MODE] == hd.OVERFEED else UNDERFEED
        self.ae_end = self.t + max(float(start[hd.S_AE_LEFT]), 0.0)
        self.next_tap = self.t + p[ix.I_TAP_INTERVAL] - start[hd.S_TAP_CLOCK]
        self.next_anode = self.t + p[ix.I_ANODE_CHANGE_INTERVAL] - start[hd.S_ANODE_CLOCK]
        self.counts = {"shots": 0, "anode_effects": 0, "beam_moves": 0, "taps": 0, "segments": 0, "rhs": 0}
        self.h0, self.t0 = self.enthalpy(self.y), self.t
        self.settled = False
        self.shot_times: list[float] = []
        self.event_heat = 0.0  # enthalpy added (shots) minus removed (taps) at events, J

    # -- algebra
    def composition(self, y: np.ndarray) -> tuple:
        b = y[Y_BATH]
        alf3, caf2, lif, mgf2, kf = self.fixed
        return (100.0 * y[Y_ALUMINA] / b, 100.0 * alf3 / b, 100.0 * caf2 / b, 100.0 * lif / b,
                100.0 * mgf2 / b, 100.0 * kf / b)

    def enthalpy(self, y: np.ndarray, T: float | None = None) -> float:
        """H of bath + metal + ledge, J (as kernels.hh_dynamics.cell_enthalpy)."""
        T = y[Y_T] if T is None else T
        p = self.p
        h_a = alumina_cp_h(T)[1]
        h_m = aluminium_cp_h(T)[1]
        return ((y[Y_BATH] - y[Y_ALUMINA]) * p[ix.I_BATH_CP] * T + y[Y_ALUMINA] / M_AL2O3 * h_a
                + y[Y_METAL] / M_AL * h_m + p[ix.I_LEDGE_DENSITY] * p[ix.I_SIDE_AREA] * y[Y_LEDGE] * self.h_ledge)

    def heat_capacity(self, y: np.ndarray, T: float) -> float:
        return ((y[Y_BATH] - y[Y_ALUMINA]) * self.p[ix.I_BATH_CP] + y[Y_ALUMINA] / M_AL2O3 * alumina_cp_h(T)[0]
                + y[Y_METAL] / M_AL * aluminium_cp_h(T)[0])

    def _add_alumina(self, mass: float) -> None:
        """Alumina at feed temperature into the bath; T from the enthalpy (Newton)."""
        y = self.y
        added = mass / M_AL2O3 * alumina_cp_h(self.p[ix.I_FEED_TEMP])[1]
        target = self.enthalpy(y) + added
        y[Y_ALUMINA] += mass
        y[Y_BATH] += mass
        T = y[Y_T]
        for _ in range(30):
            dT = (target - self.enthalpy(y, T)) / self.heat_capacity(y, T)
            T += dT
            if abs(dT) < 1e-10:
                break
        y[Y_T] = T
        self.event_heat += added

    # -- the ODEs
    def rhs(self, t: float, y: np.ndarray) -> np.ndarray:
        self.counts["rhs"] += 1
        p = self.p
        T, delta = y[Y_T], y[Y_LEDGE]
        current = p[ix.I_LINE_CURRENT]
        voltage, v_ext, ce, t_liq, i_eff, _, kappa, _ = electrochemistry(p, T, self.composition(y), y[Y_ACD],
                                                                          current)
        on_ae = t < self.ae_end
        v_cell = p[ix.I_AE_VOLTAGE] if on_ae else voltage - v_ext
        n_al = ce * current / (3.0 * FARADAY)
        m_al = n_al * M_AL
        m_alumina = 0.5 * n_al * M_AL2O3
        n_co2 = (2.0 * ce - 1.0) * current / (4.0 * FARADAY)
        n_co = (1.0 - ce) * current / (2.0 * FARADAY)
        t_amb = p[ix.I_AMBIENT_TEMP]
        h_b, r_w, k_l = p[ix.I_BATH_LEDGE_HTC], p[ix.I_SIDE_WALL_RESISTANCE], p[ix.I_LEDGE_CONDUCTIVITY]
        q_bath = h_b * (T - t_liq)
        q_cond = (t_liq - t_amb) / (delta / k_l + r_w)
        rho_a = p[ix.I_LEDGE_DENSITY] * p[ix.I_SIDE_AREA]
        if delta > 0.0 or q_cond > q_bath:
            q_side = q_cond
            d_delta = (q_cond - q_bath) / (p[ix.I_LEDGE_DENSITY] * (p[ix.I_LEDGE_LATENT_HEAT]
                                                                    + p[ix.I_BATH_CP] * (T - t_liq)))
            if delta <= 0.0:
                d_delta = max(d_delta, 0.0)
        else:
            q_side = (T - t_amb) / (1.0 / h_b + r_w)
            d_delta = 0.0
        h_co2, h_co = gas_h(T)
        anode_rate = y[Y_ANODE_HEAT] / p[ix.I_ANODE_HEATUP_TIME]
        d_heat = (current * v_cell + (n_co2 + n_co) * graphite_h(p[ix.I_CARBON_TEMP]) - n_co2 * h_co2 - n_co * h_co
                  - (p[ix.I_TOP_CONDUCTANCE] + p[ix.I_BOTTOM_CONDUCTANCE]) * (T - t_amb)
                  - p[ix.I_SIDE_AREA] * q_side - anode_rate)
        frozen = rho_a * d_delta
        cp_a, h_a = alumina_cp_h(T)
        cp_m, h_m = aluminium_cp_h(T)
        capacity = ((y[Y_BATH] - y[Y_ALUMINA]) * p[ix.I_BATH_CP] + y[Y_ALUMINA] / M_AL2O3 * cp_a
                    + y[Y_METAL] / M_AL * cp_m)
        dT = (d_heat + p[ix.I_BATH_CP] * T * frozen + h_a * 0.5 * n_al - h_m * n_al
              - rho_a * self.h_ledge * d_delta) / capacity
        dy = np.empty(N_Y)
        dy[Y_T] = dT
        dy[Y_LEDGE] = d_delta
        dy[Y_BATH] = -m_alumina - frozen
        dy[Y_ALUMINA] = -m_alumina
        dy[Y_METAL] = m_al
        a_anode = p[ix.I_N_ANODES] * p[ix.I_ANODE_LENGTH] * p[ix.I_ANODE_WIDTH]
        dy[Y_ACD] = (current * M_C / (4.0 * FARADAY) / (p[ix.I_ANODE_DENSITY] * a_anode)
                     - m_al / (p[ix.I_METAL_DENSITY] * p[ix.I_CATHODE_AREA]))
        dy[Y_ANODE_HEAT] = -anode_rate
        if on_ae:
            dy[Y_R] = dy[Y_SLOPE] = 0.0
        else:
            tau = p[ix.I_RESISTANCE_FILTER_TIME]
            dy[Y_R] = ((v_cell - p[ix.I_PSEUDO_EMF]) / current - y[Y_R]) / tau
            dy[Y_SLOPE] = (dy[Y_R] - y[Y_SLOPE]) / tau
        factor = p[ix.I_OVERFEED_FACTOR] if self.mode == OVERFEED else p[ix.I_UNDERFEED_FACTOR]
        dy[Y_OWED] = factor * m_alumina
        dy[Y_HEAT] = d_heat
        return dy

    # -- events
    def _shot(self, t: float, y: np.ndarray) -> float:
        return y[Y_OWED] - self.p[ix.I_SHOT_MASS]

    def _anode_effect(self, t: float, y: np.ndarray) -> float:
        if t < self.ae_end:
            return 1.0
        p = self.p
        w = self.composition(y)
        _, _, _, _, i_eff, i_crit, _, _ = electrochemistry(p, y[Y_T], w, y[Y_ACD], p[ix.I_LINE_CURRENT])
        return min(w[0] / (100.0 * p[ix.I_ALUMINA_ANODE_EFFECT]) - 1.0, 1.0 - i_eff / i_crit)

    def _slope(self, t: float, y: np.ndarray) -> float:
        if not self.settled:
            return -1.0
        return y[Y_SLOPE] / self.p[ix.I_TRACKING_SLOPE] - 1.0

    def _next_mode_time(self) -> float:
        """Time of the next controller timer (settling, longest underfeed, end of overfeed)."""
        if self.t < self.ae_end:
            return math.inf  # the mode clock stops during an anode effect
        p, mt = self.p, self.mode_time
        if self.mode == OVERFEED:
            return self.t + max(p[ix.I_OVERFEED_TIME] - mt, 0.0)
        tau = p[ix.I_RESISTANCE_FILTER_TIME]
        target = tau if mt < tau else p[ix.I_UNDERFEED_TIME_MAX]
        return self.t + max(target - mt, 0.0)

    def _to_overfeed(self) -> None:
        """Start an overfeed phase; move the beam towards the target voltage."""
        p, y = self.p, self.y
        self.mode = OVERFEED
        self.mode_time = 0.0
        current = p[ix.I_LINE_CURRENT]
        error = y[Y_R] * current + p[ix.I_PSEUDO_EMF] - p[ix.I_TARGET_VOLTAGE]
        if abs(error) > p[ix.I_VOLTAGE_DEADBAND]:
            _, _, _, _, i_eff, _, kappa, _ = electrochemistry(p, y[Y_T], self.composition(y), y[Y_ACD], current)
            limit = p[ix.I_BEAM_MOVE_MAX]
            y[Y_ACD] += min(max(-error / (i_eff / kappa), -limit), limit)
            self.counts["beam_moves"] += 1

    def _clock(self, t_old: float) -> None:
        """Advance the feed-mode clock from t_old to self.t (stopped during an anode effect)."""
        if t_old >= self.ae_end:
            self.mode_time += self.t - t_old

    def _start_anode_effect(self) -> None:
        """Anode effect: AE voltage for ae_duration, kill feed, overfeed."""
        p = self.p
        self.ae_end = self.t + p[ix.I_AE_DURATION]
        self.counts["anode_effects"] += 1
        self.mode = OVERFEED
        self.mode_time = 0.0
        self._add_alumina(p[ix.I_AE_KILL_FEED])

    def _timers(self) -> None:
        """Apply whatever is due at self.t (tap, anode change, end of AE, mode timers)."""
        p, y, eps = self.p, self.y, 1e-9
        if self.t >= self.next_tap - eps:
            tapped = min(p[ix.I_TAP_MASS], 0.5 * y[Y_METAL])
            y[Y_METAL] -= tapped
            self.event_heat -= tapped / M_AL * aluminium_cp_h(y[Y_T])[1]
            self.next_tap += p[ix.I_TAP_INTERVAL]
            self.counts["taps"] += 1
        if self.t >= self.next_anode - eps:
            y[Y_ANODE_HEAT] += p[ix.I_ANODE_MASS] / M_C * (graphite_h(y[Y_T]) - graphite_h(p[ix.I_AMBIENT_TEMP]))
            self.next_anode += p[ix.I_ANODE_CHANGE_INTERVAL]
        if self.t >= self.ae_end - eps:
            self.ae_end = min(self.ae_end, self.t)
        if self.t >= self.ae_end:
            if self.mode == OVERFEED and self.mode_time >= p[ix.I_OVERFEED_TIME] - eps:
                self.mode = UNDERFEED
                self.mode_time = 0.0
                y[Y_SLOPE] = 0.0
            elif self.mode == UNDERFEED and (
                    self.mode_time >= p[ix.I_UNDERFEED_TIME_MAX] - eps
                    or (self.mode_time >= p[ix.I_RESISTANCE_FILTER_TIME] - eps
                        and y[Y_SLOPE] > p[ix.I_TRACKING_SLOPE])):
                self._to_overfeed()

    def run(self, t_end: float, rtol: float, t_eval: np.ndarray | None = None,
            method: str = "RK45") -> np.ndarray:
        """Integrate to ``t_end``; returns the states at ``t_eval`` (rows, N_Y columns)."""
        events = []
        for method_, direction in ((self._shot, 1.0), (self._anode_effect, -1.0), (self._slope, 1.0)):
            event = (lambda f: lambda t, y: f(t, y))(method_)
            event.terminal, event.direction = True, direction
            events.append(event)
        atol = rtol * SCALE
        t_eval = np.empty(0) if t_eval is None else np.asarray(t_eval, dtype=np.float64)
        rows = np.full((t_eval.size, N_Y), np.nan)
        p = self.p
        while self.t < t_end:
            stop = min(t_end, self.next_tap, self.next_anode, self._next_mode_time(),
                       self.ae_end if self.t < self.ae_end else math.inf)
            self.settled = (self.mode == UNDERFEED and self.t >= self.ae_end
                            and self.mode_time >= p[ix.I_RESISTANCE_FILTER_TIME] - 1e-9)
            if self.t >= self.ae_end and self._anode_effect(self.t, self.y) <= 0.0:
                self._start_anode_effect()
                continue
            if stop > self.t:
                inside = (t_eval > self.t) & (t_eval <= stop)
                sol = solve_ivp(self.rhs, (self.t, stop), self.y, method=method, rtol=rtol, atol=atol,
                                events=events, t_eval=t_eval[inside] if inside.any() else None,
                                dense_output=bool(inside.any()))
                if sol.status < 0:
                    raise RuntimeError(f"solve_ivp failed at t = {self.t:.1f} s: {sol.message}")
                self.counts["segments"] += 1
                got = np.size(sol.t)
                if inside.any() and got:
                    rows[np.flatnonzero(inside)[:got]] = np.asarray(sol.y).reshape(N_Y, got).T
                if sol.status == 1:
                    t_old = self.t
                    which = next(k for k in range(3) if sol.t_events[k].size)
                    self.t = float(sol.t_events[which][0])
                    self._clock(t_old)
                    self.y = sol.y_events[which][0].copy()
                    if which == 0:
                        self.y[Y_OWED] -= p[ix.I_SHOT_MASS]
                        self._add_alumina(p[ix.I_SHOT_MASS])
                        self.counts["shots"] += 1
                        self.shot_times.append(self.t)
                    elif which == 1:
                        self._start_anode_effect()
                    else:
                        self._to_overfeed()
                    continue
                self.y = _end_state(sol, stop) if inside.any() else np.asarray(sol.y)[:, -1].copy()
            t_old = self.t
            self.t = stop
            self._clock(t_old)
            self._timers()
        return rows

    def energy_closure(self) -> float:
        """H now minus H at the start minus the integrated heat flows and event enthalpies,
        relative to the electric energy of the run (line current x target voltage x time)."""
        electric = self.p[ix.I_LINE_CURRENT] * self.p[ix.I_TARGET_VOLTAGE] * (self.t - self.t0)
        return (self.enthalpy(self.y) - self.h0 - self.y[Y_HEAT] - self.event_heat) / electric


def _end_state(sol, stop: float) -> np.ndarray:
    """State at the end of an interval integrated with ``t_eval`` (then sol.y holds only
    the t_eval points): from the last t_eval point if it is the end, else dense output."""
    if np.size(sol.t) and sol.t[-1] == stop:
        return np.asarray(sol.y)[:, -1].copy()
    return sol.sol(stop).copy()


def run_cell(p: np.ndarray, start: np.ndarray, t_end: float, rtol: float = 1e-6,
             t_eval: np.ndarray | None = None, method: str = "RK45") -> tuple[np.ndarray, Cell]:
    """Run one cell from the kernel state ``start`` to ``t_end`` s; states at ``t_eval``."""
    cell = Cell(p, start)
    rows = cell.run(t_end, rtol, t_eval, method)
    return rows, cell


# ------------------------------------------------------------------ the steady balance
def steady_bath_temperature(p: np.ndarray, xtol: float = 1e-9) -> float:
    """Bath temperature [K] closing the steady heat balance of :mod:`kernels.hall_heroult`
    (electric power in the cell = electrolysis enthalpy + top, bottom and side losses +
    mean anode heating), by :func:`scipy.optimize.brentq` from the liquidus to 80 K above."""
    from scipy.optimize import brentq

    w = (100.0 * p[ix.I_ALUMINA], 100.0 * p[ix.I_ALF3_EXCESS], 100.0 * p[ix.I_CAF2], 100.0 * p[ix.I_LIF],
         100.0 * p[ix.I_MGF2], 100.0 * p[ix.I_KF])
    current, t_amb = p[ix.I_LINE_CURRENT], p[ix.I_AMBIENT_TEMP]
    h_b, r_w, k_l = p[ix.I_BATH_LEDGE_HTC], p[ix.I_SIDE_WALL_RESISTANCE], p[ix.I_LEDGE_CONDUCTIVITY]
    h_feed = alumina_cp_h(p[ix.I_FEED_TEMP])[1]
    h_carbon = graphite_h(p[ix.I_CARBON_TEMP])

    def residual(T: float) -> float:
        voltage, v_ext, _, t_liq, _, _, _, _ = electrochemistry(p, T, w, p[ix.I_ACD], current)
        a, f, _, li, _, _ = w
        ce = 1.0 - 0.01 * 10.0 ** (0.0095 * (T - t_liq) - 0.019 * f - 0.060 * li + p[ix.I_CE_CONSTANT])
        n_al = ce * current / (3.0 * FARADAY)
        n_co2 = (2.0 * ce - 1.0) * current / (4.0 * FARADAY)
        n_co = (1.0 - ce) * current / (2.0 * FARADAY)
        h_co2, h_co = gas_h(T)
        reaction = (n_al * aluminium_cp_h(T)[1] + n_co2 * h_co2 + n_co * h_co - 0.5 * n_al * h_feed
                    - (n_co2 + n_co) * h_carbon)
        q = h_b * (T - t_liq)
        delta = max(k_l * ((t_liq - t_amb) / q - r_w), 0.0)
        q_side = q if delta > 0.0 else (T - t_amb) / (1.0 / h_b + r_w)
        anode = p[ix.I_ANODE_MASS] / M_C * (graphite_h(T) - graphite_h(t_amb)) / p[ix.I_ANODE_CHANGE_INTERVAL]
        return (current * (voltage - v_ext) - reaction - (p[ix.I_TOP_CONDUCTANCE] + p[ix.I_BOTTOM_CONDUCTANCE])
                * (T - t_amb) - p[ix.I_SIDE_AREA] * q_side - anode)

    t_liq = liquidus(w[0], w[1], w[2], w[4], w[3], w[5])
    return brentq(residual, t_liq + 1e-3, t_liq + 80.0, xtol=xtol, rtol=1e-15)
