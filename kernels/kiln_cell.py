"""Rotary kiln, one finite-volume cell: unknowns, cell-local physics and residuals.

The layout shared by :mod:`kernels.kiln` (setup, report, public API) and
:mod:`kernels.kiln_newton` (Jacobian and Newton iteration):

- ``V_*``: the ``N_VAR`` unknowns of a cell, the values *leaving* it (gas towards the
  feed end, bed towards the burner): gas, bed, inner-wall and shell temperatures (K),
  the ``N_BED`` bed species mass flows (kg/s, :mod:`kernels.kiln_solids` order) and the
  CO2 and H2O released into the gas by this cell and all cells on its burner side (mol/s).
- ``L_*``: cell-local quantities computed from one cell's unknowns (:func:`local`), in
  stages (gas, bed, reactions, exchange, wall; :func:`local_stages`) with intermediates
  ``W_*`` between them, so the Newton's Jacobian recomputes only what an unknown enters.
- ``G_*``: per-scenario constants, filled by ``kernels.kiln._setup``.

Gas at a cell face is the mixture of the unburnt inlet (fuel gas, air, O2: ``n_u``) and
the completely burnt inlet (``n_b``, gas and solid fuels burnt) at the burnt fraction
``beta`` of that face, plus the CO2 and H2O released by the bed; unburnt solid fuel
(without its ash) travels with the gas at the gas temperature, with the specific enthalpy
``h_p(298.15 K) + cp_p (T - 298.15 K)``. The ash of the fuel burnt in a cell drops into
its bed (external bed sources ``ext``, constant per cell). The physics of each term is
described in :mod:`kernels.kiln`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import thermo as th
from kernels.convection import flue_conductivity, flue_conductivity_slope, flue_viscosity
from kernels.kiln_heat import (
    covered_wall_coefficient,
    covered_wall_derivatives,
    maxwell_conductivity,
    nusselt_gas_bed,
    nusselt_gas_wall,
    radiation_network,
    radiation_network_derivatives,
    shell_loss,
    wall_conduction,
)
from kernels.kiln_solids import (
    B_CACO3,
    B_CAO,
    B_H2O,
    BED_MOLAR_MASS,
    N_BED,
    N_CLINKER,
    NU,
    R_C2S,
    bed_enthalpy_cp,
    calcination_rate,
    clinker_rates,
    drying_rate,
)
from kernels.kiln_transport import (
    GEO_ARC_COVERED,
    GEO_ARC_EXPOSED,
    GEO_AREA_BED,
    GEO_AREA_GAS,
    GEO_BEAM,
    GEO_CHORD,
    GEO_FILL,
    GEO_HYD_DIAM,
    GEO_THETA,
)
from kernels.radiation import gas_emissivity

# ------------------------------------------------------------------ unknowns of a cell
V_T_GAS, V_T_BED, V_T_WALL, V_T_SHELL = range(4)
V_M0 = 4  # bed species k is V_M0 + k
(V_M_H2O, V_M_CACO3, V_M_CAO, V_M_SIO2, V_M_AL2O3, V_M_FE2O3, V_M_MGO, V_M_MINOR, V_M_C2S, V_M_C3S, V_M_C3A,
 V_M_C4AF) = range(V_M0, V_M0 + N_BED)
V_G_CO2 = V_M0 + N_BED
V_G_H2O = V_G_CO2 + 1
N_VAR = V_G_H2O + 1

# ------------------------------------------------------------- cell-local quantities
# gas enthalpy flow leaving, bed enthalpy flow leaving, heat from the gas, heat into the bed,
# conduction through the wall, shell loss (W); bed species sources (kg/s); CO2 and H2O released
# (mol/s); enthalpy of the released gases at the bed temperature (W); bed enthalpy hold-up (J);
# bed species hold-ups (kg); gas emissivity.
L_HG, L_HB, L_QG, L_QB, L_QCOND, L_QEXT = range(6)
L_SRC0 = 6
L_GCO2 = L_SRC0 + N_BED
L_GH2O = L_GCO2 + 1
L_HREL = L_GH2O + 1
L_EB = L_HREL + 1
L_HOLD0 = L_EB + 1
L_EPS = L_HOLD0 + N_BED
N_LOC = L_EPS + 1

# ----------------------------------------------------------------- per-scenario constants
(G_DZ, G_RADIUS, G_OMEGA, G_P, G_T_AMB, G_R_COAT, G_R_REFR0, G_K1, G_R_STEEL, G_D_OUT,
 G_EPS_B, G_EPS_W, G_EPS_SH, G_WIND, G_DP, G_KS, G_PHI_S, G_RHO_BULK, G_CHI, G_A_CALC,
 G_E_CALC, G_K_DRY, G_C_WALL, G_H_FEED, G_H_BURNER, G_Q_REF, G_N_FUEL, G_LHV, G_T_AD,
 G_M_REF, G_N_REF, G_M_GAS_IN, G_O2_DEMAND, G_O2_SUPPLY, G_RATE_FACTOR, G_HEAT_INPUT,
 G_M_PART, G_H_PART, G_CP_PART, G_M_ASH, G_H_ASH, G_CLK_FACTOR, G_A_CLK0) = range(43)
# G_M_PART: ash-free solid fuel, kg/s; G_H_PART: its enthalpy at 298.15 K, J/kg; G_CP_PART:
# J/(kg K); G_M_ASH: fuel ash into the bed, kg/s; G_H_ASH: its enthalpy flow as fired, W;
# G_RATE_FACTOR, G_CLK_FACTOR: factors on the drying/calcination and the clinker rates
# (1 in a scenario, lower during continuation, kernels.kiln_newton).
G_E_CLK0 = G_A_CLK0 + N_CLINKER  # activation energies of the clinker reactions
G_M_FEED0 = G_E_CLK0 + N_CLINKER  # feed mass flows of the bed species
G_ASH0 = G_M_FEED0 + N_BED  # mass fractions of the bed species in the fuel ash
N_G = G_ASH0 + N_BED

_RELEASE = np.array([th.CO2, th.H2O], dtype=np.int64)  # gas species indices as array data


@njit(cache=True)
def gas_of_face(n_u, n_b, beta, xi, n_g) -> None:
    """Gas (mol/s, thermo species) leaving a cell with unknowns xi through a face of burnout beta."""
    for k in range(th.N_SPECIES):
        n_g[k] = n_u[k] + beta * (n_b[k] - n_u[k])
    n_g[_RELEASE[0]] += xi[V_G_CO2]
    n_g[_RELEASE[1]] += xi[V_G_H2O]


@njit(cache=True)
def particle_enthalpy(g, beta: float, T: float) -> float:
    """Enthalpy flow [W] of the unburnt (ash-free) solid fuel at burnout beta and temperature T."""
    m = (1.0 - beta) * g[G_M_PART]
    if m <= 0.0:
        return 0.0
    return m * (g[G_H_PART] + g[G_CP_PART] * (T - th.T_REF))


# ------------------------------------------------- intermediate quantities of a cell
# CO2 and H2O partial pressures of the gas (Pa); gas emissivity; gas-wall and gas-bed
# convection coefficients (W/(m^2 K)); bed hold-up time per unit length (s/m = 1/u_bed);
# bed heat capacity (J/(kg K)); bed effective conductivity (W/(m K)).
W_P_CO2, W_P_H2O, W_EPS, W_H_GW, W_H_GB, W_HOLDUP_PER_FLOW, W_CP_BED, W_K_BED = range(8)
N_W = 8

# Which stages of :func:`local_stages` a perturbation of each kind of unknown changes
# (their inputs): gas (T_gas, released gases), bed (T_bed, bed flows), reactions (T_bed,
# bed flows, partial pressures), exchange (T_gas, T_bed, T_wall and the gas and bed
# properties), wall (T_wall, T_shell).
S_GAS, S_BED, S_REACT, S_EXCHANGE, S_WALL = 1, 2, 4, 8, 16
S_ALL = 31


@njit(cache=True)
def stages_of(v: int) -> int:
    """The stages (S_* bits) whose results depend on unknown v of the cell."""
    if v == V_T_GAS:
        return S_GAS | S_EXCHANGE
    if v == V_T_BED:
        return S_BED | S_REACT | S_EXCHANGE
    if v == V_T_WALL:
        return S_EXCHANGE | S_WALL
    if v == V_T_SHELL:
        return S_WALL
    if v >= V_G_CO2:
        return S_GAS | S_REACT | S_EXCHANGE
    return S_BED | S_REACT | S_EXCHANGE


@njit(cache=True, inline="always")
def gas_stage(g, geo, beta, n_u, n_b, x, n_g, w, loc) -> None:
    """Gas leaving the cell: enthalpy flow, partial pressures, emissivity, convection coefficients."""
    t_g = x[V_T_GAS]
    # gas leaving the cell: burnt fraction beta, plus what the bed released
    gas_of_face(n_u, n_b, beta, x, n_g)
    n_tot = 0.0
    m_gas = 0.0
    for k in range(th.N_SPECIES):
        n_tot += n_g[k]
        m_gas += n_g[k] * th.MOLAR_MASS[k]
    loc[L_HG] = th.h_mix(n_g, t_g) + particle_enthalpy(g, beta, t_g)
    pressure = g[G_P]
    p_co2 = max(n_g[_RELEASE[0]], 0.0) / n_tot * pressure
    p_h2o = max(n_g[_RELEASE[1]], 0.0) / n_tot * pressure
    eps_g = gas_emissivity(t_g, p_h2o, p_co2, geo[GEO_BEAM])
    loc[L_EPS] = eps_g
    w[W_P_CO2] = p_co2
    w[W_P_H2O] = p_h2o
    w[W_EPS] = eps_g

    # gas convection (Tscheng & Watkinson 1979)
    d_e = geo[GEO_HYD_DIAM]
    mu = flue_viscosity(t_g)
    k_g = flue_conductivity(t_g)
    rho_g = pressure * m_gas / (n_tot * th.R_GAS * t_g)
    re = m_gas * d_e / (geo[GEO_AREA_GAS] * mu)
    re_w = rho_g * g[G_OMEGA] * d_e * d_e / mu
    w[W_H_GW] = nusselt_gas_wall(re, re_w) * k_g / d_e
    w[W_H_GB] = nusselt_gas_bed(re, re_w, geo[GEO_FILL]) * k_g / d_e


@njit(cache=True, inline="always")
def bed_stage(g, geo, x, m, w, loc) -> None:
    """Bed enthalpy flow and hold-ups, heat capacity and effective conductivity; m (N_BED) is scratch."""
    dz = g[G_DZ]
    t_b = x[V_T_BED]
    m_tot = 0.0
    for k in range(N_BED):
        m[k] = x[V_M0 + k]
        m_tot += max(m[k], 0.0)
    m_tot = max(m_tot, 1e-12 * g[G_M_REF])
    holdup_per_flow = g[G_RHO_BULK] * geo[GEO_AREA_BED] / m_tot  # s/m = 1 / u_bed
    hb, cp_b = bed_enthalpy_cp(m, t_b)
    w[W_HOLDUP_PER_FLOW] = holdup_per_flow
    w[W_CP_BED] = cp_b
    w[W_K_BED] = maxwell_conductivity(flue_conductivity(t_b), g[G_KS], g[G_PHI_S])
    loc[L_HB] = hb
    loc[L_EB] = hb * holdup_per_flow * dz
    for k in range(N_BED):
        loc[L_HOLD0 + k] = m[k] * holdup_per_flow * dz


@njit(cache=True, inline="always")
def reaction_stage(g, geo, x, m, rates, w, loc) -> None:
    """Bed reactions: species sources, released CO2 and H2O and their enthalpy; m, rates are scratch.

    Drying and calcination (kg/s), clinker phases (mol/s); the rate factors scale them
    (continuation, kernels.kiln_newton).
    """
    dz = g[G_DZ]
    t_b = x[V_T_BED]
    for k in range(N_BED):
        m[k] = x[V_M0 + k]
    holdup_per_flow = w[W_HOLDUP_PER_FLOW]
    p_co2 = w[W_P_CO2]
    p_h2o = w[W_P_H2O]
    f = g[G_RATE_FACTOR]
    f_clk = g[G_CLK_FACTOR]
    r_c = f * calcination_rate(t_b, m[B_CACO3], m[B_CAO], holdup_per_flow, p_co2, g[G_A_CALC], g[G_E_CALC]) * dz
    r_w = f * drying_rate(t_b, m[B_H2O], holdup_per_flow, p_h2o, g[G_K_DRY], g[G_P]) * dz
    n_co2 = r_c / BED_MOLAR_MASS[B_CACO3]
    n_h2o = r_w / BED_MOLAR_MASS[B_H2O]
    clinker_rates(t_b, m, holdup_per_flow, geo[GEO_AREA_BED], g[G_A_CLK0:G_A_CLK0 + N_CLINKER],
                  g[G_E_CLK0:G_E_CLK0 + N_CLINKER], rates)
    for k in range(N_BED):
        src = NU[0, k] * n_h2o + NU[1, k] * n_co2
        for j in range(N_CLINKER):
            src += NU[R_C2S + j, k] * f_clk * rates[j] * dz
        loc[L_SRC0 + k] = src * BED_MOLAR_MASS[k]
    loc[L_GCO2] = n_co2
    loc[L_GH2O] = n_h2o
    if n_co2 != 0.0 or n_h2o != 0.0:
        loc[L_HREL] = n_co2 * th.h_species(_RELEASE[0], t_b) + n_h2o * th.h_species(_RELEASE[1], t_b)
    else:
        loc[L_HREL] = 0.0


@njit(cache=True, inline="always")
def exchange_stage(g, geo, x, w, loc) -> None:
    """Heat from the gas and into the bed: convection, radiation network, covered wall to bed."""
    dz = g[G_DZ]
    t_g = x[V_T_GAS]
    t_b = x[V_T_BED]
    t_w = x[V_T_WALL]
    q_conv_gw = w[W_H_GW] * geo[GEO_ARC_EXPOSED] * (t_g - t_w)
    q_conv_gb = w[W_H_GB] * geo[GEO_CHORD] * (t_g - t_b)
    # radiation gas / bed chord / exposed wall
    q_rad_b, q_rad_w = radiation_network(g[G_EPS_B], g[G_EPS_W], w[W_EPS], geo[GEO_CHORD],
                                         geo[GEO_ARC_EXPOSED], t_g, t_b, t_w)
    # covered wall to bed
    contact_time = geo[GEO_THETA] / g[G_OMEGA]
    h_cw = covered_wall_coefficient(flue_conductivity(0.5 * (t_w + t_b)), g[G_DP], g[G_CHI], w[W_K_BED],
                                    g[G_RHO_BULK] * w[W_CP_BED], contact_time)
    q_cw = h_cw * geo[GEO_ARC_COVERED] * (t_w - t_b)
    loc[L_QG] = (q_rad_b + q_rad_w + q_conv_gw + q_conv_gb) * dz
    loc[L_QB] = (q_rad_b + q_conv_gb + q_cw) * dz


# Columns of :func:`exchange_partials`: the cell's gas, bed and wall temperatures, then the
# intermediates W_* (offset N_EX_T).
N_EX_T = 3
N_EX = N_EX_T + N_W


@njit(cache=True)
def exchange_partials(g, geo, x, w, d_rad, ex) -> None:
    """Partial derivatives of L_QG (ex[0]) and L_QB (ex[1]) of :func:`exchange_stage` over its inputs.

    Columns: T_gas, T_bed, T_wall, then the intermediates w (N_EX_T + W_*; zero for those
    the stage does not read). Analytic: convection linear in the temperature difference,
    the radiation network (:func:`kernels.kiln_heat.radiation_network_derivatives`), the
    covered-wall coefficient (gas-gap conductivity at the film temperature, bed
    conductivity and heat capacity). d_rad (2, 4) is scratch.
    """
    dz = g[G_DZ]
    t_g = x[V_T_GAS]
    t_b = x[V_T_BED]
    t_w = x[V_T_WALL]
    area_exposed = geo[GEO_ARC_EXPOSED]
    chord = geo[GEO_CHORD]
    area_covered = geo[GEO_ARC_COVERED]
    radiation_network_derivatives(g[G_EPS_B], g[G_EPS_W], w[W_EPS], chord, area_exposed, t_g, t_b, t_w,
                                  d_rad[0], d_rad[1])
    t_film = 0.5 * (t_w + t_b)
    contact_time = geo[GEO_THETA] / g[G_OMEGA]
    rho_bulk = g[G_RHO_BULK]
    h_cw, dh_dkg, dh_dkb, dh_drc = covered_wall_derivatives(flue_conductivity(t_film), g[G_DP], g[G_CHI],
                                                            w[W_K_BED], rho_bulk * w[W_CP_BED], contact_time)
    dh_dfilm = dh_dkg * flue_conductivity_slope(t_film)
    h_gw_a = w[W_H_GW] * area_exposed
    h_gb_a = w[W_H_GB] * chord
    dq_cw_dtw = (h_cw + (t_w - t_b) * 0.5 * dh_dfilm) * area_covered
    dq_cw_dtb = (-h_cw + (t_w - t_b) * 0.5 * dh_dfilm) * area_covered
    for r in range(2):
        for c in range(N_EX):
            ex[r, c] = 0.0
    # heat from the gas: radiation to bed and wall, convection to wall and bed
    ex[0, 0] = (d_rad[0, 0] + d_rad[1, 0] + h_gw_a + h_gb_a) * dz
    ex[0, 1] = (d_rad[0, 1] + d_rad[1, 1] - h_gb_a) * dz
    ex[0, 2] = (d_rad[0, 2] + d_rad[1, 2] - h_gw_a) * dz
    ex[0, N_EX_T + W_EPS] = (d_rad[0, 3] + d_rad[1, 3]) * dz
    ex[0, N_EX_T + W_H_GW] = area_exposed * (t_g - t_w) * dz
    ex[0, N_EX_T + W_H_GB] = chord * (t_g - t_b) * dz
    # heat into the bed: radiation, convection from the gas, contact with the covered wall
    ex[1, 0] = (d_rad[0, 0] + h_gb_a) * dz
    ex[1, 1] = (d_rad[0, 1] - h_gb_a + dq_cw_dtb) * dz
    ex[1, 2] = (d_rad[0, 2] + dq_cw_dtw) * dz
    ex[1, N_EX_T + W_EPS] = d_rad[0, 3] * dz
    ex[1, N_EX_T + W_H_GB] = chord * (t_g - t_b) * dz
    ex[1, N_EX_T + W_K_BED] = area_covered * (t_w - t_b) * dh_dkb * dz
    ex[1, N_EX_T + W_CP_BED] = area_covered * (t_w - t_b) * dh_drc * rho_bulk * dz


@njit(cache=True, inline="always")
def wall_stage(g, x, loc) -> None:
    """Conduction through coating, refractory and shell; shell loss to the surroundings."""
    dz = g[G_DZ]
    t_w = x[V_T_WALL]
    t_s = x[V_T_SHELL]
    loc[L_QCOND] = wall_conduction(t_w, t_s, g[G_R_COAT], g[G_R_REFR0], g[G_K1], g[G_R_STEEL]) * dz
    loc[L_QEXT] = shell_loss(t_s, g[G_T_AMB], g[G_D_OUT], g[G_EPS_SH], g[G_WIND], g[G_P]) * dz


@njit(cache=True, inline="always")
def local_stages(g, geo, beta, n_u, n_b, x, n_g, m, rates, w, loc, stages: int) -> None:
    """The stages (S_* bits) of :func:`local` in dependency order; w (N_W) holds the intermediates.

    With all stages this is :func:`local`; with the stages of :func:`stages_of` it
    recomputes what a change of one unknown changes, from the w and loc of the
    unperturbed cell (the cheap finite-difference columns of :mod:`kernels.kiln_newton`).
    """
    if stages & S_GAS:
        gas_stage(g, geo, beta, n_u, n_b, x, n_g, w, loc)
    if stages & S_BED:
        bed_stage(g, geo, x, m, w, loc)
    if stages & S_REACT:
        reaction_stage(g, geo, x, m, rates, w, loc)
    if stages & S_EXCHANGE:
        exchange_stage(g, geo, x, w, loc)
    if stages & S_WALL:
        wall_stage(g, x, loc)


@njit(cache=True)
def local(g, geo, beta, n_u, n_b, x, n_g, m, rates, loc) -> None:
    """Cell-local quantities (L_* entries of loc) from the cell unknowns x.

    n_g (N_SPECIES), m (N_BED) and rates (N_CLINKER) are scratch arrays.
    """
    w = np.empty(N_W)
    local_stages(g, geo, beta, n_u, n_b, x, n_g, m, rates, w, loc, S_ALL)


@njit(cache=True)
def residual(g, x, x_old, dt_inv, ext, loc, loc_old, res) -> None:
    """Cell residuals (W for energy rows, kg/s for bed species, mol/s for released gas).

    Row V_T_GAS: gas energy; V_T_BED: bed energy; V_T_WALL: wall energy; V_T_SHELL:
    conduction through the wall equals the mean of what the inner wall receives and the
    shell loses (lumped wall storage at the mean temperature); bed species: transport,
    reaction and external (ash) sources, hold-up change; released gases: accumulation from
    the burner side. ``ext`` (n, N_BED + 1): external bed sources, kg/s per species and
    their enthalpy flow in W. Steady for dt_inv = 0, implicit Euler from x_old otherwise.
    """
    n = x.shape[0]
    c_wall = g[G_C_WALL] * g[G_DZ]
    for i in range(n):
        if i < n - 1:
            hg_next = loc[i + 1, L_HG]
            gc_next = x[i + 1, V_G_CO2]
            gw_next = x[i + 1, V_G_H2O]
        else:
            hg_next = g[G_H_BURNER]
            gc_next = 0.0
            gw_next = 0.0
        hb_prev = loc[i - 1, L_HB] if i > 0 else g[G_H_FEED]
        li = loc[i]
        res[i, V_T_GAS] = hg_next - li[L_HG] + li[L_HREL] - li[L_QG]
        res[i, V_T_BED] = (hb_prev - li[L_HB] - li[L_HREL] + li[L_QB] + ext[i, N_BED]
                           - dt_inv * (li[L_EB] - loc_old[i, L_EB]))
        t_mean = 0.5 * (x[i, V_T_WALL] + x[i, V_T_SHELL])
        t_mean_old = 0.5 * (x_old[i, V_T_WALL] + x_old[i, V_T_SHELL])
        res[i, V_T_WALL] = li[L_QG] - li[L_QB] - li[L_QEXT] - dt_inv * c_wall * (t_mean - t_mean_old)
        res[i, V_T_SHELL] = li[L_QCOND] - 0.5 * (li[L_QG] - li[L_QB] + li[L_QEXT])
        for k in range(N_BED):
            m_prev = x[i - 1, V_M0 + k] if i > 0 else g[G_M_FEED0 + k]
            res[i, V_M0 + k] = (m_prev - x[i, V_M0 + k] + li[L_SRC0 + k] + ext[i, k]
                                - dt_inv * (li[L_HOLD0 + k] - loc_old[i, L_HOLD0 + k]))
        res[i, V_G_CO2] = gc_next + li[L_GCO2] - x[i, V_G_CO2]
        res[i, V_G_H2O] = gw_next + li[L_GH2O] - x[i, V_G_H2O]


@njit(cache=True)
def eval_all(g, geo, beta, n_u, n_b, x, n_g, m, rates, loc) -> bool:
    """:func:`local` for every cell; False if any quantity is not finite."""
    w = np.empty((x.shape[0], N_W))
    return eval_cells(g, geo, beta, n_u, n_b, x, n_g, m, rates, w, loc, S_ALL)


@njit(cache=True)
def eval_cells(g, geo, beta, n_u, n_b, x, n_g, m, rates, w, loc, stages: int) -> bool:
    """The stages (S_* bits) of :func:`local` for every cell, keeping the intermediates w (n, N_W).

    False if any quantity is not finite. Without S_REACT the reaction entries of loc are
    left as they are (zero in a bed without reactive species, :mod:`kernels.kiln_newton`).
    """
    n = x.shape[0]
    for i in range(n):
        local_stages(g, geo[i], beta[i], n_u, n_b, x[i], n_g, m, rates, w[i], loc[i], stages)
        for j in range(N_LOC):
            if not np.isfinite(loc[i, j]):
                return False
    return True


@njit(cache=True)
def external_sources(g, beta, ext) -> None:
    """Ash of the fuel burnt in each cell into its bed: ext[i, k] kg/s, ext[i, N_BED] W.

    Cell i burns the fuel between its faces, ``beta[i] - beta[i + 1]`` (beta = 0 at the
    burner); the ash enters the bed with its as-fired enthalpy (so the gas stream carries
    the ash-free fuel only).
    """
    n = beta.size
    for i in range(n):
        d = beta[i] - (beta[i + 1] if i < n - 1 else 0.0)
        for k in range(N_BED):
            ext[i, k] = g[G_M_ASH] * g[G_ASH0 + k] * d
        ext[i, N_BED] = g[G_H_ASH] * d
