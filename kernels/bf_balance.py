"""Blast-furnace mass and two-zone heat balance per tonne of hot metal (tHM).

Unknowns (``z``, per tHM): dry blast ``V`` [mol], coke ``m_c`` [kg], oxygen removed from
wüstite by carbon ``d`` [mol] (direct reduction), limestone flux ``m_f`` [kg CaCO3] and a
heat surplus ``X`` [J] of the hot zone (zero in a steady state; the dynamic model uses
it). Four balances tie them, all linear in ``z`` once the share of hydrogen in the
indirect reduction is fixed, which makes the static furnace a 3x3 or 4x4 linear solve
(iterated a few times on that share):

1. carbon-oxygen at the bottom of the shaft (Rist point ``x = 1``): all gasified carbon
   leaves the hot zone as CO, so ``n_C = O_blast + O_injectants + O_(Si,Mn,P,S) + d``;
2. the wüstite pinch (:mod:`kernels.bf_rist`): the indirect reduction of wüstite in the
   thermal reserve zone takes ``omega`` times the equilibrium oxygen uptake of the gas,
   ``y_W n_Fe - d = omega (n_C eta_CO,eq + n_H2 eta_H2,eq)``;
3. the heat balance of the hot (elaboration) zone below the thermal reserve zone at
   ``T_W`` (Rist's two-zone balance): blast, injectants, and the solids arriving at
   ``T_W`` (wüstite FeO_1.05, gangue, coke, lime from the flux) make hot metal at
   ``T_HM``, slag at ``T_slag`` and gas leaving at ``T_W``, with the hot-zone share of
   the wall heat loss;
4. slag basicity CaO/SiO2 (mass) met by limestone (calcined above the reserve zone).

Hot metal: Fe, C, Si, S as given, all P and a given share of the Mn of the burden; all
Fe to the hot metal. Slag: CaO, SiO2, MgO, Al2O3, MnO and CaS (desulfurisation
``CaO + S + C -> CaS + CO``). The upper (preparation) zone then gives the top gas:
hematite/magnetite reduced to wüstite, moisture evaporated, limestone calcined, the
solids heated from ambient to ``T_W``, its share of the heat loss; its energy balance
fixes the top-gas temperature.

Enthalpies are absolute (NASA convention) everywhere (:mod:`kernels.thermo`,
:mod:`kernels.iron_phases`), so reaction heats need no separate terms and the element
and energy balances of the whole furnace close to rounding; both residuals are
computed from the final streams (:func:`element_residuals`, :func:`energy_residual`).

References
----------
.. [1] A. Rist, N. Meysson (1967), JOM 19(4), 50-59 (operating line, two-zone balance).
.. [2] A. K. Biswas (1981), "Principles of Blast Furnace Ironmaking", Cootha, Brisbane,
   ch. 9-10 (mass and heat balance per tonne of hot metal).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import iron_phases as ip
from kernels import thermo as th
from kernels.combustion import _solve_dense

#: Normal molar volume, m^3/mol at 0 °C and 101.325 kPa (ideal gas, CODATA R).
V_NORMAL = th.R_GAS * 273.15 / 101325.0

# ------------------------------------------------------------------ unknowns, equations
Z_V, Z_COKE, Z_D, Z_FLUX, Z_X = range(5)
N_Z = 5
E_O, E_PINCH, E_HEAT, E_BAS = range(4)
N_E = 4
#: Solve modes: omega given (coke follows), coke given (omega follows), both given
#: (heat surplus X follows, for the dynamics).
MODE_OMEGA, MODE_COKE, MODE_SURPLUS = 0, 1, 2
_SHARE_TOL = 1e-12  # convergence of the hydrogen share (a fixed-point contraction)
_MAX_SHARE_ITER = 60

# --------------------------------------------------------------- per-scenario scalars
(
    G_N_FE, G_Y_TOP, G_Y_W, G_T_W, G_T_BLAST, G_T_AMB, G_T_HM, G_T_SLAG, G_T_COKE,
    G_INJ_C, G_INJ_O, G_INJ_H2, G_INJ_N2, G_INJ_H,
    G_BASICITY, G_OMEGA, G_COKE_SET, G_Q_LOW, G_Q_UP, G_ETA_CO_EQ, G_ETA_H2_EQ,
    # blast per mol dry blast: elements and enthalpy at T_blast
    G_B_C, G_B_O, G_B_H2, G_B_N2, G_B_AR, G_B_H,
    # enthalpies per mol at T_W of the gas species and of the lower-zone solids
    G_HW_CO, G_HW_CO2, G_HW_H2, G_HW_H2O, G_HW_N2, G_HW_AR, G_HW_CAO,
    G_H_COKE_W, G_H_COKE_AMB, G_H_BURDEN_W, G_H_BURDEN_AMB, G_H_CACO3_AMB,
    # enthalpies per mol at T_slag, and of the hot metal
    G_HS_CAO, G_HS_CAS, G_HS_SIO2, G_HS_MGO, G_HS_AL2O3, G_HS_MNO, G_H_HM,
    # hot-zone oxygen of the non-iron oxides apart from S, mol
    G_O_F0,
) = range(47)
N_G = 47

# ------------------------------------------------------------- layout of the work vector
W_G = 0
W_BLAST = N_G  # blast gas per mol dry blast (N_SPECIES)
W_BURDEN = W_BLAST + th.N_SPECIES  # burden phases per tHM, mol (N_PHASES)
W_COKE = W_BURDEN + ip.N_PHASES  # coke phases per kg coke, mol/kg (N_PHASES)
W_INJ_ASH = W_COKE + ip.N_PHASES  # injectant ash and S per tHM, mol (N_PHASES)
W_HM = W_INJ_ASH + ip.N_PHASES  # hot metal Fe, C, Si, Mn, P, S, mol (6)
N_WORK = W_HM + 6

#: Element columns of the closure vectors: those of kernels.iron_phases, then N and Ar.
E_N = ip.N_EL
E_AR = ip.N_EL + 1
N_CLOSURE = ip.N_EL + 2
#: Column in the closure vectors of each thermo element (C, H, O, N, S, Ar).
_GAS_EL = np.array([ip.E_C, ip.E_H, ip.E_O, E_N, ip.E_S, E_AR], dtype=np.int64)
#: Hot-metal slot of each phase index used in the closures (Fe, C, Si, Mn, P, S).
HM_SLOTS = ip.HOT_METAL_INDEX
#: Slag phases and their slots in a slag vector.
SLAG_PHASES = np.array([ip.CAO, ip.CAS, ip.SIO2, ip.MGO, ip.AL2O3, ip.MNO], dtype=np.int64)
#: Gangue phases that pass the reserve zone as oxides (burden, coke ash).
GANGUE = np.array([ip.SIO2, ip.CAO, ip.MGO, ip.AL2O3, ip.MNO, ip.P2O5], dtype=np.int64)


@njit(cache=True)
def bosh_carbon_hydrogen(g: np.ndarray, w: np.ndarray, z: np.ndarray) -> tuple[float, float]:
    """Gasified carbon and bosh-gas hydrogen (H2), mol/tHM, for unknowns ``z``."""
    n_c = (w[W_COKE + ip.C_GR] * z[Z_COKE] + g[G_INJ_C] + g[G_B_C] * z[Z_V]
           - w[W_HM + 1])
    n_h2 = g[G_B_H2] * z[Z_V] + g[G_INJ_H2]
    return n_c, n_h2


@njit(cache=True)
def slag_sulfur(g: np.ndarray, w: np.ndarray, z: np.ndarray) -> float:
    """Sulfur to the slag as CaS, mol/tHM: coke + injectants - hot metal."""
    return w[W_COKE + ip.S_L] * z[Z_COKE] + w[W_INJ_ASH + ip.S_L] - w[W_HM + 5]


@njit(cache=True)
def oxygen_sources(g: np.ndarray, w: np.ndarray, z: np.ndarray) -> float:
    """Oxygen taken up by carbon in the hot zone apart from the wüstite, mol/tHM.

    Blast (O2, CO2, H2O), injectants (coal O and moisture), and the oxides reduced to
    hot metal or sulfide: SiO2 -> Si, MnO -> Mn, P2O5 -> P, CaO + S -> CaS.
    """
    return g[G_B_O] * z[Z_V] + g[G_INJ_O] + g[G_O_F0] + slag_sulfur(g, w, z)


@njit(cache=True)
def slag_moles(g: np.ndarray, w: np.ndarray, z: np.ndarray, slag: np.ndarray) -> None:
    """Slag CaO, CaS, SiO2, MgO, Al2O3, MnO [mol/tHM] into ``slag`` (order of SLAG_PHASES)."""
    m_c = z[Z_COKE]
    n_flux = z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3]
    s = slag_sulfur(g, w, z)
    for j in range(SLAG_PHASES.size):
        k = SLAG_PHASES[j]
        slag[j] = w[W_BURDEN + k] + w[W_COKE + k] * m_c + w[W_INJ_ASH + k]
    slag[0] += n_flux - s
    slag[1] = s
    slag[2] -= w[W_HM + 2]
    slag[5] -= w[W_HM + 3]


@njit(cache=True)
def slag_basicity(slag: np.ndarray, n_flux: float) -> float:
    """CaO/SiO2 mass ratio of a slag vector, all Ca counted as CaO, less ``n_flux`` mol CaO."""
    m_cao = (slag[0] + slag[1] - n_flux) * ip.MOLAR_MASS_PHASE[ip.CAO]
    return m_cao / (slag[2] * ip.MOLAR_MASS_PHASE[ip.SIO2])


@njit(cache=True)
def hydrogen_share(g: np.ndarray, n_c: float, n_h2: float) -> float:
    """Share of the indirectly removed oxygen taken by H2: ``r n_H2 / (n_C + r n_H2)``."""
    r = g[G_ETA_H2_EQ] / g[G_ETA_CO_EQ]
    return r * n_h2 / (n_c + r * n_h2)


@njit(cache=True)
def gas_at_reserve_zone(g: np.ndarray, w: np.ndarray, z: np.ndarray, phi: float,
                        gas: np.ndarray) -> None:
    """Gas leaving the thermal reserve zone upwards (mol/tHM) into ``gas`` (N_SPECIES)."""
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    o_w = g[G_Y_W] * g[G_N_FE] - z[Z_D]
    gas[:] = 0.0
    gas[th.CO2] = (1.0 - phi) * o_w
    gas[th.CO] = n_c - gas[th.CO2]
    gas[th.H2O] = phi * o_w
    gas[th.H2] = n_h2 - gas[th.H2O]
    gas[th.N2] = w[W_BLAST + th.N2] * z[Z_V] + g[G_INJ_N2]
    gas[th.AR] = w[W_BLAST + th.AR] * z[Z_V]


@njit(cache=True)
def residuals(g: np.ndarray, w: np.ndarray, z: np.ndarray, phi: float, res: np.ndarray) -> None:
    """The four balances (carbon-oxygen, pinch, hot-zone heat, basicity) at ``z`` into ``res``."""
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    o_w = g[G_Y_W] * g[G_N_FE] - z[Z_D]
    res[E_O] = n_c - oxygen_sources(g, w, z) - z[Z_D]
    res[E_PINCH] = o_w - g[G_OMEGA] * (n_c * g[G_ETA_CO_EQ] + n_h2 * g[G_ETA_H2_EQ])

    # hot zone: in = blast + injectants + solids at T_W; out = hot metal, slag, gas at T_W
    n_flux = z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3]
    h_in = (g[G_B_H] * z[Z_V] + g[G_INJ_H] + g[G_H_COKE_W] * z[Z_COKE] + g[G_H_BURDEN_W]
            + n_flux * g[G_HW_CAO])
    slag = np.empty(SLAG_PHASES.size)
    slag_moles(g, w, z, slag)
    h_slag = (slag[0] * g[G_HS_CAO] + slag[1] * g[G_HS_CAS] + slag[2] * g[G_HS_SIO2]
              + slag[3] * g[G_HS_MGO] + slag[4] * g[G_HS_AL2O3] + slag[5] * g[G_HS_MNO])
    co2 = (1.0 - phi) * o_w
    h2o = phi * o_w
    h_gas = ((n_c - co2) * g[G_HW_CO] + co2 * g[G_HW_CO2] + (n_h2 - h2o) * g[G_HW_H2]
             + h2o * g[G_HW_H2O]
             + (w[W_BLAST + th.N2] * z[Z_V] + g[G_INJ_N2]) * g[G_HW_N2]
             + w[W_BLAST + th.AR] * z[Z_V] * g[G_HW_AR])
    res[E_HEAT] = (h_in - g[G_H_HM] - h_slag - h_gas - g[G_Q_LOW] - z[Z_X]) * 1e-6

    # basicity, all Ca counted as CaO
    res[E_BAS] = ((slag[0] + slag[1]) * ip.MOLAR_MASS_PHASE[ip.CAO]
                  - g[G_BASICITY] * slag[2] * ip.MOLAR_MASS_PHASE[ip.SIO2])


@njit(cache=True)
def solve_linear_balance(g: np.ndarray, w: np.ndarray, mode: int, z: np.ndarray) -> bool:
    """Solve the balances for the unknowns of ``mode`` in place of ``z``; False if singular.

    ``MODE_OMEGA``: V, coke, d, flux (X = 0); ``MODE_COKE``: V, d, flux with the coke in
    ``z[Z_COKE]`` (pinch equation dropped; X = 0); ``MODE_SURPLUS``: V, d, flux, X with
    the coke in ``z[Z_COKE]``. The hydrogen share is iterated to 1e-12.
    """
    free = np.zeros(N_Z, dtype=np.bool_)
    active = np.ones(N_E, dtype=np.bool_)
    free[Z_V] = True
    free[Z_D] = True
    free[Z_FLUX] = True
    if mode == MODE_OMEGA:
        free[Z_COKE] = True
        z[Z_X] = 0.0
    elif mode == MODE_COKE:
        active[E_PINCH] = False
        z[Z_X] = 0.0
    else:
        free[Z_X] = True
    return _solve_masked(g, w, free, active, z)


@njit(cache=True)
def solve_without_direct_reduction(g: np.ndarray, w: np.ndarray, z: np.ndarray) -> bool:
    """Heat-limited furnace: ``d = 0``, solve V, coke, flux (pinch not reached)."""
    free = np.zeros(N_Z, dtype=np.bool_)
    active = np.ones(N_E, dtype=np.bool_)
    free[Z_V] = True
    free[Z_COKE] = True
    free[Z_FLUX] = True
    active[E_PINCH] = False
    z[Z_D] = 0.0
    z[Z_X] = 0.0
    return _solve_masked(g, w, free, active, z)


@njit(cache=True)
def _solve_masked(g, w, free, active, z) -> bool:
    m = 0
    for j in range(N_Z):
        if free[j]:
            m += 1
    A = np.empty((m, m))
    rhs = np.empty(m)
    r0 = np.empty(N_E)
    r1 = np.empty(N_E)
    zz = z.copy()
    for j in range(N_Z):
        if free[j]:
            zz[j] = 0.0
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    phi = hydrogen_share(g, max(n_c, 1.0), n_h2)
    for _ in range(_MAX_SHARE_ITER):
        residuals(g, w, zz, phi, r0)
        col = 0
        for j in range(N_Z):
            if not free[j]:
                continue
            zz[j] = 1.0
            residuals(g, w, zz, phi, r1)
            zz[j] = 0.0
            row = 0
            for i in range(N_E):
                if active[i]:
                    A[row, col] = r1[i] - r0[i]
                    row += 1
            col += 1
        row = 0
        for i in range(N_E):
            if active[i]:
                rhs[row] = -r0[i]
                row += 1
        if not _solve_dense(A, rhs, m):
            return False
        col = 0
        for j in range(N_Z):
            if free[j]:
                z[j] = rhs[col]
                col += 1
        n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
        phi_new = hydrogen_share(g, n_c, n_h2)
        done = abs(phi_new - phi) <= _SHARE_TOL
        phi = phi_new
        if done:
            return True
    return False


@njit(cache=True)
def co_utilisation(g: np.ndarray, w: np.ndarray, z: np.ndarray, y: float) -> float:
    """CO utilisation of the gas where the solids have O/Fe = ``y`` (counter-current levels).

    Below the wüstite stage (``y <= y_W``) CO carries its share ``1 - phi`` of the oxygen
    picked up from the solids, above it all of it (:func:`top_gas`).
    """
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    phi = hydrogen_share(g, n_c, n_h2)
    n_fe = g[G_N_FE]
    if y <= g[G_Y_W]:
        return (1.0 - phi) * max(y * n_fe - z[Z_D], 0.0) / n_c
    return ((1.0 - phi) * (g[G_Y_W] * n_fe - z[Z_D]) + (y - g[G_Y_W]) * n_fe) / n_c


@njit(cache=True)
def top_gas(g: np.ndarray, w: np.ndarray, z: np.ndarray, gas: np.ndarray) -> tuple[float, float]:
    """Top gas (mol/tHM) into ``gas``; returns the utilisations (eta_CO, eta_H2).

    Hydrogen reduces only in the reserve zone (its share ``phi`` of the wüstite oxygen,
    :func:`hydrogen_share`); hematite and magnetite are reduced to wüstite above it by
    CO alone (the water-gas shift and hydrogen reduction are slow below ~900 K). The
    limestone CO2 and the moisture of burden and coke are added.
    """
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    phi = hydrogen_share(g, n_c, n_h2)
    o_w = g[G_Y_W] * g[G_N_FE] - z[Z_D]
    o_co = (1.0 - phi) * o_w + (g[G_Y_TOP] - g[G_Y_W]) * g[G_N_FE]
    gas[:] = 0.0
    gas[th.CO] = n_c - o_co
    gas[th.CO2] = o_co + z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3]
    gas[th.H2] = n_h2 - phi * o_w
    gas[th.H2O] = (phi * o_w + w[W_BURDEN + ip.H2O_L]
                   + w[W_COKE + ip.H2O_L] * z[Z_COKE])
    gas[th.N2] = w[W_BLAST + th.N2] * z[Z_V] + g[G_INJ_N2]
    gas[th.AR] = w[W_BLAST + th.AR] * z[Z_V]
    return o_co / n_c, (phi * o_w / n_h2 if n_h2 > 0.0 else 0.0)


@njit(cache=True)
def solids_enthalpy(g: np.ndarray, z: np.ndarray, at_reserve_zone: bool) -> float:
    """Enthalpy of burden, coke and flux [J/tHM], as charged or as they reach T_W."""
    if at_reserve_zone:
        return (g[G_H_BURDEN_W] + g[G_H_COKE_W] * z[Z_COKE]
                + z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3] * g[G_HW_CAO])
    return (g[G_H_BURDEN_AMB] + g[G_H_COKE_AMB] * z[Z_COKE]
            + z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3] * g[G_H_CACO3_AMB])


@njit(cache=True)
def top_gas_enthalpy(g: np.ndarray, w: np.ndarray, z: np.ndarray) -> float:
    """Upper-zone balance: enthalpy of the top gas [J/tHM] (gas from T_W + solids in - solids at T_W - loss)."""
    gas_w = np.empty(th.N_SPECIES)
    n_c, n_h2 = bosh_carbon_hydrogen(g, w, z)
    gas_at_reserve_zone(g, w, z, hydrogen_share(g, n_c, n_h2), gas_w)
    return (th.h_mix(gas_w, g[G_T_W]) + solids_enthalpy(g, z, False)
            - solids_enthalpy(g, z, True) - g[G_Q_UP])


@njit(cache=True)
def element_residuals(g: np.ndarray, w: np.ndarray, z: np.ndarray, top: np.ndarray,
                      res: np.ndarray) -> None:
    """(in - out)/in of each element over the whole furnace into ``res`` (N_CLOSURE).

    In: blast, injectants (C, H, O, N, ash, S), burden, coke, limestone. Out: hot metal,
    slag, top gas. Elements absent from the inputs get 0.
    """
    el_in = np.zeros(N_CLOSURE)
    el_out = np.zeros(N_CLOSURE)
    # blast and top gas
    for k in range(th.N_SPECIES):
        for e in range(th.N_ELEMENTS):
            nu = th.ELEMENTS[k, e]
            if nu != 0.0:
                el_in[_GAS_EL[e]] += nu * w[W_BLAST + k] * z[Z_V]
                el_out[_GAS_EL[e]] += nu * top[k]
    # injectants
    el_in[ip.E_C] += g[G_INJ_C]
    el_in[ip.E_O] += g[G_INJ_O]
    el_in[ip.E_H] += 2.0 * g[G_INJ_H2]
    el_in[E_N] += 2.0 * g[G_INJ_N2]
    n_flux = z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3]
    for k in range(ip.N_PHASES):
        n = w[W_BURDEN + k] + w[W_COKE + k] * z[Z_COKE] + w[W_INJ_ASH + k]
        if k == ip.CACO3:
            n += n_flux
        if n != 0.0:
            for e in range(ip.N_EL):
                el_in[e] += n * ip.PHASE_ELEMENTS[k, e]
    # hot metal and slag
    for j in range(HM_SLOTS.size):
        for e in range(ip.N_EL):
            el_out[e] += w[W_HM + j] * ip.PHASE_ELEMENTS[HM_SLOTS[j], e]
    slag = np.empty(SLAG_PHASES.size)
    slag_moles(g, w, z, slag)
    for j in range(SLAG_PHASES.size):
        for e in range(ip.N_EL):
            el_out[e] += slag[j] * ip.PHASE_ELEMENTS[SLAG_PHASES[j], e]
    for e in range(N_CLOSURE):
        res[e] = (el_in[e] - el_out[e]) / el_in[e] if el_in[e] > 0.0 else 0.0


@njit(cache=True)
def energy_terms(g: np.ndarray, w: np.ndarray, z: np.ndarray, top: np.ndarray,
                 t_top: float) -> tuple[float, float]:
    """Whole-furnace enthalpy in and out [J/tHM] from the final streams.

    In: blast, injectants, burden, coke and limestone as charged. Out: hot metal, slag,
    top gas at ``t_top``, wall heat loss and the hot-zone surplus X.
    """
    h_in = (g[G_B_H] * z[Z_V] + g[G_INJ_H] + g[G_H_BURDEN_AMB] + g[G_H_COKE_AMB] * z[Z_COKE]
            + z[Z_FLUX] / ip.MOLAR_MASS_PHASE[ip.CACO3] * g[G_H_CACO3_AMB])
    slag = np.empty(SLAG_PHASES.size)
    slag_moles(g, w, z, slag)
    h_slag = 0.0
    for j in range(SLAG_PHASES.size):
        h_slag += slag[j] * ip.h_phase(SLAG_PHASES[j], g[G_T_SLAG])
    h_hm = ip.h_hot_metal(w[W_HM:W_HM + 6], g[G_T_HM])
    h_out = h_hm + h_slag + th.h_mix(top, t_top) + g[G_Q_LOW] + g[G_Q_UP] + z[Z_X]
    return h_in, h_out
