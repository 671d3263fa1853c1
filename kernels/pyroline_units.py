"""Unit balances of the cement pyro-line: lumped kiln, calciner, preheater stages, cooler.

The numerical core of :mod:`kernels.pyroline`, which holds the parameter tables, the
public entry points and the report; the model is described there. Functions here take
the per-scenario work vector ``g`` (``G_*`` entries, filled by ``pyroline._setup``), the
clinker oxides ``w``, the fuel analysis ``u`` and the gas table ``tab`` (``R_*`` rows),
and fill the stream tables ``meals`` (``M_*`` rows, kg/s), ``gases`` (``N_*`` rows,
mol/s) and the solution scalars ``s`` (``S_*``). Kiln results travel in a vector with
the ``K_*`` entries, the coupling interface of :func:`kernels.pyroline.line_around_kiln`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import meal as ml
from kernels import solidfuel as sf
from kernels import solids as sd
from kernels import thermo as th
from kernels.contract import INFEASIBLE, NOT_CONVERGED, OK
from kernels.numerics import ROOT_STATE_SIZE, root_best, root_propose, root_start, root_update

# Results of a kiln, as pyroline.burning_zone_balance writes them and pyroline.line_around_kiln
# reads them (SI units; air as mol/s of the line's humid air).
(
    K_FUEL_FLOW,  # kg/s of fuel fired in the kiln
    K_FUEL_HEAT,  # W, kiln fuel times its LHV
    K_FUEL_ENTHALPY,  # W, absolute enthalpy of the fuel as fired: solidfuel.enthalpy with meal.h_ash
    #                   at 298.15 K for the ash (NASA convention, formation enthalpies included)
    K_FUEL_SENSIBLE,  # W, kiln fuel enthalpy above its 298.15 K value
    K_FUEL_ASH,  # kg/s of ash from the kiln fuel into the clinker
    K_FUEL_C,  # mol/s of C atoms in the kiln fuel
    K_FUEL_H,  # mol/s of H atoms (moisture included)
    K_FUEL_O,  # mol/s of O atoms (moisture included)
    K_FUEL_N,  # mol/s of N atoms
    K_FUEL_S,  # mol/s of S atoms
    K_PRIMARY_AIR,  # mol/s of primary air at ambient temperature
    K_SECONDARY_AIR,  # mol/s of secondary air from the cooler
    K_SECONDARY_AIR_TEMP,  # K, secondary air temperature the kiln was solved with
    K_GAS_TEMP,  # K, kiln exit (kiln-inlet) gas temperature
    K_CLINKER_TEMP,  # K, clinker discharge temperature into the cooler
    K_SHELL_LOSS,  # W, kiln shell loss
    K_OXYGEN,  # mol/s of pure O2 (enrichment) at ambient temperature
    K_CLINKER_H_DISCHARGE,  # W, absolute enthalpy flow of the clinker at K_CLINKER_TEMP
    K_CLINKER_H_OUT,  # W, the same clinker at clinker_out_temp (leaving the cooler)
    K_CLINKER_H_AMBIENT,  # W, the same clinker at ambient_temp
    K_CLINKER_H_REF,  # W, the same clinker at 298.15 K
    K_CLINKER_CO2,  # mol/s of CO2 still bound as carbonate in the clinker
) = range(22)
N_KILN = 22
# The clinker enthalpies let a kiln model hand over its own product (phases, free lime,
# residual carbonate) with its own thermochemistry; the lumped kiln fills them with
# meal.h_clinker of the line's clinker oxides.

# Per-scenario constants, packed in g.
(
    G_M_CLK, G_T_AMB, G_T_FEED, G_T_CALC, G_T_KI, G_T_CE, G_T_CO, G_X, G_APP, G_ETA1,
    G_H_FUEL, G_CP_FUEL, G_T_FUEL, G_LHV, G_ASH, G_AIR_K, G_AIR_C, G_PFRAC, G_M_AIR, G_Q_COMB,
    G_Q_KS, G_Q_CS, G_Q_PS, G_Q_CO, G_N_CA, G_ETA_REC, G_DT_TA, G_MOIST, G_P, G_FC, G_FM, G_BW,
) = range(32)
N_G = 32

# Rows of the table of gas vectors per kg fuel or per mol.
R_AIR, R_FLUE_K, R_FLUE_C = range(3)

# Rows of the meal table (kg/s).
M_FEED, M_DUST, M_RAW, M_RAW3, M_HOT = range(5)
N_M = 5

# Rows of the gas table (mol/s): leaving the calciner (and cyclone 5, stage 4), stage 3 and
# stage 2 (after the clay water), stage 1 (after the moisture), the kiln exit.
N_CALC, N_STAGE3, N_STAGE1 = range(3)

# Scalars of the line solution, in s.
(
    S_M_FC, S_T1, S_T2, S_T3, S_T4, S_T_SA, S_T_TA, S_T_TA_USED, S_N_TA, S_CO2_CALC, S_CO2_KILN,
) = range(11)
N_S = 11

_MAX_ITER = 100


@njit(cache=True)
def h_air(tab, T: float) -> float:
    """Enthalpy of the humid air, J/mol."""
    return th.h_mix(tab[R_AIR], T)


@njit(cache=True)
def meal_streams(g, w, ash_total: float, ash_calciner: float, meals) -> tuple[float, float]:
    """Meal streams (kg/s) for the given fuel ash flows; returns CO2 (mol/s) of calciner and kiln.

    Rows: feed (wet, with the dust share), dust, raw meal reaching stage 2, the same
    after the clay water (stages 3, 4, calciner inlet), hot meal into the kiln.
    """
    m_clk = g[G_M_CLK]
    raw = meals[M_RAW]
    ml.raw_meal_for_clinker(w, g[G_FC], g[G_FM], g[G_BW], ash_total / m_clk, raw)
    for j in range(ml.N_COMP):
        raw[j] *= m_clk
    eta = g[G_ETA1]
    dry_feed = 0.0
    for j in range(ml.N_COMP):
        meals[M_FEED, j] = raw[j] / eta
        meals[M_DUST, j] = raw[j] * (1.0 / eta - 1.0)
        meals[M_RAW3, j] = raw[j]
        dry_feed += meals[M_FEED, j]
    meals[M_FEED, ml.C_H2O_LIQ] = g[G_MOIST] * dry_feed
    meals[M_RAW3, ml.C_H2O_BOUND] = 0.0
    hot = meals[M_HOT]
    for j in range(ml.N_COMP):
        hot[j] = meals[M_RAW3, j]
    co2_calc = ml.calcine(hot, g[G_X], 1.0)
    ml.add_ash(w, ash_calciner, hot)
    co2_kiln = hot[ml.C_CACO3] / sd.MOLAR_MASS_SOLID[ml.C_CACO3]
    return co2_calc, co2_kiln


@njit(cache=True)
def kiln_residual(g, w, u, tab, t_sa: float, m_fuel: float, meals) -> float:
    """Kiln energy balance (in - out, W) for a kiln fuel flow ``m_fuel``."""
    ash_k = m_fuel * g[G_ASH]
    _co2_calc, co2_kiln = meal_streams(g, w, ash_k, 0.0, meals)
    n_air = m_fuel * g[G_AIR_K]
    h_in = (m_fuel * g[G_H_FUEL] + g[G_PFRAC] * n_air * h_air(tab, g[G_T_AMB])
            + (1.0 - g[G_PFRAC]) * n_air * h_air(tab, t_sa) + ml.h_meal(meals[M_HOT], g[G_T_CALC]))
    h_out = (g[G_M_CLK] * ml.h_clinker(w, g[G_Q_COMB], g[G_T_CE])
             + m_fuel * th.h_mix(tab[R_FLUE_K], g[G_T_KI]) + co2_kiln * th.h_species(ml.GAS[ml.GAS_CO2], g[G_T_KI])
             + g[G_Q_KS])
    return h_in - h_out


@njit(cache=True)
def burning_zone(g, w, u, tab, t_sa: float, kiln, n_gas, meals) -> int:
    r0 = kiln_residual(g, w, u, tab, t_sa, 0.0, meals)
    r1 = kiln_residual(g, w, u, tab, t_sa, 1.0, meals)
    slope = r1 - r0
    if not (slope > 0.0 and r0 < 0.0):
        return INFEASIBLE
    m = -r0 / slope
    _co2_calc, co2_kiln = meal_streams(g, w, m * g[G_ASH], 0.0, meals)
    n_air = m * g[G_AIR_K]
    kiln[K_FUEL_FLOW] = m
    kiln[K_FUEL_HEAT] = m * g[G_LHV]
    kiln[K_FUEL_ENTHALPY] = m * g[G_H_FUEL]
    kiln[K_FUEL_SENSIBLE] = m * g[G_CP_FUEL] * (g[G_T_FUEL] - th.T_REF)
    kiln[K_FUEL_ASH] = m * g[G_ASH]
    e = np.zeros(ml.N_E)
    add_fuel_elements(u, m, e)
    kiln[K_FUEL_C] = e[ml.E_C]
    kiln[K_FUEL_H] = e[ml.E_H]
    kiln[K_FUEL_O] = e[ml.E_O]
    kiln[K_FUEL_N] = e[ml.E_N]
    kiln[K_FUEL_S] = e[ml.E_S]
    kiln[K_PRIMARY_AIR] = g[G_PFRAC] * n_air
    kiln[K_SECONDARY_AIR] = (1.0 - g[G_PFRAC]) * n_air
    kiln[K_SECONDARY_AIR_TEMP] = t_sa
    kiln[K_GAS_TEMP] = g[G_T_KI]
    kiln[K_CLINKER_TEMP] = g[G_T_CE]
    kiln[K_SHELL_LOSS] = g[G_Q_KS]
    kiln[K_OXYGEN] = 0.0
    m_clk = g[G_M_CLK]
    kiln[K_CLINKER_H_DISCHARGE] = m_clk * ml.h_clinker(w, g[G_Q_COMB], g[G_T_CE])
    kiln[K_CLINKER_H_OUT] = m_clk * ml.h_clinker(w, g[G_Q_COMB], g[G_T_CO])
    kiln[K_CLINKER_H_AMBIENT] = m_clk * ml.h_clinker(w, g[G_Q_COMB], g[G_T_AMB])
    kiln[K_CLINKER_H_REF] = m_clk * ml.h_clinker(w, g[G_Q_COMB], th.T_REF)
    kiln[K_CLINKER_CO2] = 0.0
    for k in range(th.N_SPECIES):
        n_gas[k] = m * tab[R_FLUE_K, k]
    n_gas[th.CO2] += co2_kiln
    return OK


@njit(cache=True)
def add_fuel_elements(u, m_fuel: float, e) -> None:
    """``e +=`` atoms (mol/s) of ``m_fuel`` kg/s of fuel ``u`` (moisture as H2O)."""
    aw = th.ATOMIC_WEIGHT
    m_w = th.MOLAR_MASS[th.H2O]
    e[ml.E_C] += m_fuel * u[sf.U_C] / aw[th.EL_C]
    e[ml.E_H] += m_fuel * (u[sf.U_H] / aw[th.EL_H] + 2.0 * u[sf.U_MOISTURE] / m_w)
    e[ml.E_O] += m_fuel * (u[sf.U_O] / aw[th.EL_O] + u[sf.U_MOISTURE] / m_w)
    e[ml.E_N] += m_fuel * u[sf.U_N] / aw[th.EL_N]
    e[ml.E_S] += m_fuel * u[sf.U_S] / aw[th.EL_S]


@njit(cache=True)
def coupling_residual(g, w, u, tab, t_sa: float, kiln, n_kgas, meals, gases, s) -> float:
    """Secondary-air temperature used by the kiln minus the one the cooler then delivers, K.

    NaN when the kiln or the line cannot be solved with air at ``t_sa`` or the calciner
    would need negative fuel.
    """
    status = burning_zone(g, w, u, tab, t_sa, kiln, n_kgas, meals)
    if status != OK:
        return np.nan
    status = line(g, w, u, tab, kiln, n_kgas, meals, gases, s)
    if status != OK or s[S_M_FC] < 0.0:
        return np.nan
    return t_sa - s[S_T_SA]


@njit(cache=True)
def meal_temperature_ext(c, H: float, T_guess: float) -> float:
    """:func:`kernels.meal.meal_temperature`, continued linearly outside 1-1e4 K (for shooting)."""
    T = ml.meal_temperature(c, H, T_guess)
    if np.isfinite(T):
        return T
    h_lo = ml.h_meal(c, 1.0)
    if H < h_lo:
        return 1.0 + (H - h_lo) / ml.cp_meal(c, 1.0)
    h_hi = ml.h_meal(c, 1.0e4)
    return 1.0e4 + (H - h_hi) / ml.cp_meal(c, 1.0e4)


@njit(cache=True)
def calciner_fuel(g, w, u, tab, kiln, n_kgas, h_kgas: float, t_ta: float, t4: float, meals) -> float:
    """Calciner fuel (kg/s) that closes the calciner balance with meal entering at ``t4``.

    The balance is linear in the fuel (its ash changes the raw meal linearly), so two
    evaluations give the root exactly.
    """
    ash_k = kiln[K_FUEL_ASH]
    r = np.empty(2)
    for i in range(2):
        m = float(i)
        co2_calc, _co2_kiln = meal_streams(g, w, ash_k + m * g[G_ASH], m * g[G_ASH], meals)
        h_in = (m * g[G_H_FUEL] + m * g[G_AIR_C] * h_air(tab, t_ta) + h_kgas
                + ml.h_meal(meals[M_RAW3], t4))
        h_out = (calciner_gas_h(n_kgas, tab, m, co2_calc, g[G_T_CALC]) + ml.h_meal(meals[M_HOT], g[G_T_CALC])
                 + g[G_Q_CS])
        r[i] = h_in - h_out
    return -r[0] / (r[1] - r[0])


@njit(cache=True)
def calciner_gas_h(n_kgas, tab, m_fc: float, co2_calc: float, T: float) -> float:
    """Enthalpy (W) of the calciner exit gas: kiln gas + calciner flue + calcination CO2 at ``T``."""
    return (th.h_mix(n_kgas, T) + m_fc * th.h_mix(tab[R_FLUE_C], T) + co2_calc * th.h_species(ml.GAS[ml.GAS_CO2], T))


@njit(cache=True)
def stage_gases(g, tab, n_kgas, m_fc: float, co2_calc: float, meals, gases) -> None:
    """Gas leaving the calciner, stage 3 (plus clay water) and stage 1 (plus moisture), mol/s."""
    m_w = th.MOLAR_MASS[th.H2O]
    for k in range(th.N_SPECIES):
        gases[N_CALC, k] = n_kgas[k] + m_fc * tab[R_FLUE_C, k]
    gases[N_CALC, th.CO2] += co2_calc
    for k in range(th.N_SPECIES):
        gases[N_STAGE3, k] = gases[N_CALC, k]
    gases[N_STAGE3, th.H2O] += meals[M_RAW, ml.C_H2O_BOUND] / m_w
    for k in range(th.N_SPECIES):
        gases[N_STAGE1, k] = gases[N_STAGE3, k]
    gases[N_STAGE1, th.H2O] += meals[M_FEED, ml.C_H2O_LIQ] / m_w


@njit(cache=True)
def shoot(g, w, u, tab, kiln, n_kgas, h_kgas: float, t_ta: float, t4: float, meals, gases, s) -> float:
    """March the preheater upwards from meal at ``t4`` leaving stage 4; feed temperature error, K."""
    m_fc = calciner_fuel(g, w, u, tab, kiln, n_kgas, h_kgas, t_ta, t4, meals)
    co2_calc, co2_kiln = meal_streams(g, w, kiln[K_FUEL_ASH] + m_fc * g[G_ASH], m_fc * g[G_ASH], meals)
    stage_gases(g, tab, n_kgas, m_fc, co2_calc, meals, gases)
    app = g[G_APP]
    q = g[G_Q_PS]
    n_c = gases[N_CALC]
    n_3 = gases[N_STAGE3]
    n_1 = gases[N_STAGE1]
    raw = meals[M_RAW]
    raw3 = meals[M_RAW3]
    # stage 4: gas from cyclone 5 at T_calc, meal from stage 3 at t3
    h = ml.h_meal(raw3, t4) + th.h_mix(n_c, t4 + app) + q - th.h_mix(n_c, g[G_T_CALC])
    t3 = meal_temperature_ext(raw3, h, t4)
    # stage 3: the clay water leaves the meal
    h = ml.h_meal(raw3, t3) + th.h_mix(n_3, t3 + app) + q - th.h_mix(n_c, t4 + app)
    t2 = meal_temperature_ext(raw, h, t3)
    # stage 2
    h = ml.h_meal(raw, t2) + th.h_mix(n_3, t2 + app) + q - th.h_mix(n_3, t3 + app)
    t1 = meal_temperature_ext(raw, h, t2)
    # stage 1: moisture evaporates, dust leaves with the gas
    h = (ml.h_meal(raw, t1) + ml.h_meal(meals[M_DUST], t1) + th.h_mix(n_1, t1 + app) + q
         - th.h_mix(n_3, t2 + app))
    t_feed = meal_temperature_ext(meals[M_FEED], h, t1)
    s[S_M_FC] = m_fc
    s[S_T1] = t1
    s[S_T2] = t2
    s[S_T3] = t3
    s[S_T4] = t4
    s[S_CO2_CALC] = co2_calc
    s[S_CO2_KILN] = co2_kiln
    return t_feed - g[G_T_FEED]


@njit(cache=True)
def line(g, w, u, tab, kiln, n_kgas, meals, gases, s) -> int:
    """Calciner and preheater by shooting on the stage-4 meal temperature, then the cooler air."""
    t_ta = max(kiln[K_SECONDARY_AIR_TEMP] - g[G_DT_TA], g[G_T_AMB])
    h_kgas = th.h_mix(n_kgas, kiln[K_GAS_TEMP])
    a = g[G_T_FEED]
    b = g[G_T_CALC] - g[G_APP]
    fa = shoot(g, w, u, tab, kiln, n_kgas, h_kgas, t_ta, a, meals, gases, s)
    fb = shoot(g, w, u, tab, kiln, n_kgas, h_kgas, t_ta, b, meals, gases, s)
    if not (np.isfinite(fa) and np.isfinite(fb)):
        return NOT_CONVERGED
    if fa * fb > 0.0:
        return INFEASIBLE
    root = np.empty(ROOT_STATE_SIZE)
    root_start(root, a, fa, b, fb)
    converged = False
    for _ in range(_MAX_ITER):
        t4 = root_propose(root)
        f = shoot(g, w, u, tab, kiln, n_kgas, h_kgas, t_ta, t4, meals, gases, s)
        if not np.isfinite(f):
            return NOT_CONVERGED
        if root_update(root, t4, f, 1e-13 * t4, 1e-10):
            converged = True
            break
    if not converged:
        return NOT_CONVERGED
    t4 = root_best(root)
    shoot(g, w, u, tab, kiln, n_kgas, h_kgas, t_ta, t4, meals, gases, s)
    s[S_T_TA_USED] = t_ta
    s[S_N_TA] = s[S_M_FC] * g[G_AIR_C]
    q_clk = kiln[K_CLINKER_H_DISCHARGE] - kiln[K_CLINKER_H_AMBIENT]
    t_sa, t_ta_new = cooler_air_temps(g, tab, kiln[K_SECONDARY_AIR], s[S_N_TA], q_clk)
    s[S_T_SA] = t_sa
    s[S_T_TA] = t_ta_new
    if not np.isfinite(t_sa):
        return NOT_CONVERGED
    return OK


@njit(cache=True)
def recuperated(tab, n_sa: float, n_ta: float, t: float, dt_ta: float, t_amb: float, h_amb: float) -> float:
    """Heat taken up by secondary air at ``t`` and tertiary air at ``t - dt_ta`` (>= ambient), W."""
    t_ta = max(t - dt_ta, t_amb)
    return n_sa * (h_air(tab, t) - h_amb) + n_ta * (h_air(tab, t_ta) - h_amb)


@njit(cache=True)
def cooler_air_temps(g, tab, n_sa: float, n_ta: float, q_clinker: float) -> tuple[float, float]:
    """Secondary and tertiary air temperatures that take up the recuperated clinker heat, K.

    ``n_sa (h(T_sa) - h_amb) + n_ta (h(T_ta) - h_amb) = eta q_clinker`` with ``q_clinker``
    (W) the clinker's enthalpy flow entering the cooler above that at ambient temperature
    and ``T_ta = max(T_sa - dT, T_amb)``; the left side increases with ``T_sa``, solved by
    Newton inside a bisection bracket [T_amb, 6000 K]. NaN if the air flows are not positive.
    """
    t_amb = g[G_T_AMB]
    if not (n_sa > 0.0 and n_ta >= 0.0):
        return np.nan, np.nan
    h_amb = h_air(tab, t_amb)
    q_rec = g[G_ETA_REC] * q_clinker
    lo = t_amb
    hi = 6000.0
    if recuperated(tab, n_sa, n_ta, hi, g[G_DT_TA], t_amb, h_amb) < q_rec:
        return np.nan, np.nan
    t = min(1600.0, 0.5 * (lo + hi))
    for _ in range(200):
        f = recuperated(tab, n_sa, n_ta, t, g[G_DT_TA], t_amb, h_amb) - q_rec
        if f > 0.0:
            hi = t
        else:
            lo = t
        t_ta = max(t - g[G_DT_TA], t_amb)
        slope = n_sa * th.cp_mix(tab[R_AIR], t)
        if t_ta > t_amb:
            slope += n_ta * th.cp_mix(tab[R_AIR], t_ta)
        tn = t - f / slope
        if not (tn > lo and tn < hi):
            tn = 0.5 * (lo + hi)
        if abs(tn - t) <= 1e-13 * t:
            return tn, max(tn - g[G_DT_TA], t_amb)
        t = tn
    return np.nan, np.nan
