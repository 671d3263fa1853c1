"""Plain NumPy/SciPy reference of the blast-furnace static balance with RAFT.

The same equations as :mod:`kernels.blast_furnace` (module notes of
:mod:`kernels.bf_balance`), written again the direct way: the streams per tonne of hot
metal are rebuilt from the parameters by name, the four balances (carbon-oxygen at the
bottom of the shaft, wüstite pinch at ``shaft_efficiency``, hot-zone heat, slag
basicity) are solved together by ``scipy.optimize.fsolve`` for blast, coke, direct
reduction and limestone -- with the hydrogen share of the indirect reduction inside the
equations rather than iterated -- and the RAFT and the top-gas temperature are found
with ``scipy.optimize.brentq``. Only the coefficient tables are shared with the kernel
(NASA data of :mod:`kernels.thermo`, :mod:`kernels.iron_phases`, :mod:`kernels.solids`);
property evaluation is NumPy (:mod:`benchmarks.reference.nasa`,
:func:`benchmarks.reference.kiln.solid_cp_h`).

Domain: steady scenarios with ``coke_rate_set = 0`` whose direct reduction is positive
(the usual, pinch-limited furnace); :func:`static_balance` raises
:class:`NotConverged` otherwise. It returns the headline outputs as a dict.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq, fsolve

from benchmarks.reference.kiln import solid_cp_h
from benchmarks.reference.nasa import NotConverged, h_mix, temperature_from_h
from kernels import blast_furnace as bf
from kernels import iron_phases as ip
from kernels import thermo as th
from kernels.bf_rist import DG_WUSTITE_CO, DG_WUSTITE_H2, Y_WUSTITE
from kernels.combustion import DRY_AIR

XTOL = 1e-13  # fsolve relative step tolerance
M = ip.MOLAR_MASS_PHASE
AW = dict(zip(ip.EL_NAMES, ip.ATOMIC_WEIGHT_EL, strict=True))
V_N = th.R_GAS * 273.15 / 101325.0


def phase_h(k: int, T: float) -> float:
    """Absolute molar enthalpy [J/mol] of phase k of kernels.iron_phases (NumPy evaluation)."""
    if k >= ip.N_OWN:
        return float(solid_cp_h(int(ip._SOLIDS_INDEX[k]), np.array([T]))[1][0])
    if T < ip._T_MID[k]:
        a, t = ip._NASA_LO[k], max(T, ip._T_LO[k])
    else:
        a, t = ip._NASA_HI[k], min(T, ip._T_HI[k])
    cp_r = np.polyval(a[4::-1], t)
    h_rt = np.polyval((a[4::-1] / np.arange(5, 0, -1)), t) + a[5] / t
    return th.R_GAS * (h_rt * t + cp_r * (T - t))


def eta_eq(dg: np.ndarray, T: float) -> float:
    k = np.exp(-(dg[0] + dg[1] * T) / (th.R_GAS * T))
    return k / (1.0 + k)


def static_balance(v: dict[str, float]) -> dict[str, float]:
    """Coke, blast, RAFT, top gas of one scenario given as name -> SI value."""
    if v["coke_rate_set"] != 0.0:
        raise NotConverged("the reference covers coke_rate_set = 0 only")
    t_w, t_amb, t_b = v["reserve_zone_temp"], v["ambient_temp"], v["blast_temp"]
    e_co, e_h2 = eta_eq(DG_WUSTITE_CO, t_w), eta_eq(DG_WUSTITE_H2, t_w)
    r = e_h2 / e_co

    # blast per mol dry blast
    a = (1 - DRY_AIR[th.O2] - v["oxygen_enrichment"]) / (1 - DRY_AIR[th.O2])
    blast = a * DRY_AIR
    blast[th.O2] += 1 - a
    blast[th.H2O] = v["blast_moisture"] * V_N / th.MOLAR_MASS[th.H2O]
    b_o = 2 * blast[th.O2] + 2 * blast[th.CO2] + blast[th.H2O]

    # burden and hot metal per tonne
    w = {k: v[f"burden_w_{k}"] for k in ("fe2o3", "fe3o4", "feo", "sio2", "cao", "mgo", "al2o3",
                                         "mno", "p2o5")}
    fe_kg = 2 * w["fe2o3"] / M[ip.FE2O3] + 3 * w["fe3o4"] / M[ip.FE3O4] + w["feo"] / M[ip.FEO]
    o_kg = 3 * w["fe2o3"] / M[ip.FE2O3] + 4 * w["fe3o4"] / M[ip.FE3O4] + w["feo"] / M[ip.FEO]
    p_kg = 2 * w["p2o5"] / M[ip.P2O5]
    mn_kg = w["mno"] / M[ip.MNO]
    m_b = 1000 * (1 - v["hm_w_c"] - v["hm_w_si"] - v["hm_w_s"]) / (
        fe_kg * AW["Fe"] + p_kg * AW["P"] + v["mn_to_hot_metal"] * mn_kg * AW["Mn"])
    n_fe = m_b * fe_kg
    y_top = o_kg / fe_kg
    hm = {"Fe": n_fe, "C": 1000 * v["hm_w_c"] / AW["C"], "Si": 1000 * v["hm_w_si"] / AW["Si"],
          "Mn": v["mn_to_hot_metal"] * m_b * mn_kg, "P": m_b * p_kg, "S": 1000 * v["hm_w_s"] / AW["S"]}
    gangue = {ip.SIO2: w["sio2"], ip.CAO: w["cao"], ip.MGO: w["mgo"], ip.AL2O3: w["al2o3"],
              ip.MNO: w["mno"], ip.P2O5: w["p2o5"]}
    burden_n = {k: m_b * x / M[k] for k, x in gangue.items()}
    water_b = m_b * v["burden_moisture"] / th.MOLAR_MASS[th.H2O]

    # coke per kg and ash
    ash = {ip.SIO2: v["ash_w_sio2"], ip.AL2O3: v["ash_w_al2o3"], ip.CAO: v["ash_w_cao"],
           ip.MGO: v["ash_w_mgo"]}
    coke_c = v["coke_w_c"] / M[ip.C_GR]
    coke_s = v["coke_w_s"] / M[ip.S_L]
    coke_w = v["coke_w_moisture"] / M[ip.H2O_L]
    coke_ash = {k: v["coke_w_ash"] * x / M[k] for k, x in ash.items()}
    m_p = v["pci_rate"]
    pci_ash = {k: m_p * v["pci_w_ash"] * x / M[k] for k, x in ash.items()}
    pci_s = m_p * v["pci_w_s"] / M[ip.S_L]

    # injectants: coal enthalpy from its LHV (products at 25 C, water as vapour) + sensible
    n_ch4 = v["natural_gas_rate"] / th.MOLAR_MASS[th.CH4]
    h2o_p = m_p * v["pci_w_moisture"] / th.MOLAR_MASS[th.H2O]
    inj_c = m_p * v["pci_w_c"] / AW["C"] + n_ch4
    inj_o = m_p * v["pci_w_o"] / AW["O"] + h2o_p
    inj_h2 = m_p * v["pci_w_h"] / (2 * AW["H"]) + h2o_p + 2 * n_ch4
    inj_n2 = m_p * v["pci_w_n"] / th.MOLAR_MASS[th.N2]
    prod = np.zeros(th.N_SPECIES)
    prod[th.CO2] = v["pci_w_c"] / AW["C"]
    prod[th.H2O] = v["pci_w_h"] / (2 * AW["H"]) + v["pci_w_moisture"] / th.MOLAR_MASS[th.H2O]
    prod[th.SO2] = v["pci_w_s"] / AW["S"]
    prod[th.N2] = v["pci_w_n"] / th.MOLAR_MASS[th.N2]
    prod[th.O2] = -(v["pci_w_c"] / AW["C"] + v["pci_w_h"] / (4 * AW["H"]) + v["pci_w_s"] / AW["S"]
                    - v["pci_w_o"] / (2 * AW["O"]))
    h_ash_kg = sum(x / M[k] * phase_h(k, th.T_REF) for k, x in ash.items())
    h_coal = (v["pci_lhv"] + h_mix(prod, th.T_REF) + v["pci_w_ash"] * h_ash_kg
              + 1300.0 * (v["pci_temp"] - th.T_REF))
    h_inj = m_p * h_coal + n_ch4 * h_mix(np.eye(th.N_SPECIES)[th.CH4], t_amb)

    slag_k = (ip.CAO, ip.CAS, ip.SIO2, ip.MGO, ip.AL2O3, ip.MNO)
    h_slag_1 = np.array([phase_h(k, v["slag_temp"]) for k in slag_k])
    hm_phase = {"Fe": (ip.FE_L, 0.0), "C": (ip.C_GR, ip.DH_SOLUTION_C), "Si": (ip.SI_L, ip.DH_SOLUTION_SI),
                "Mn": (ip.MN, 0.0), "P": (ip.P_L, 0.0), "S": (ip.S_L, 0.0)}
    h_hm = sum(n * (phase_h(k, v["hm_temp"]) + dh) for (k, dh), n in
               ((hm_phase[e], hm[e]) for e in hm))
    hw = {s: h_mix(np.eye(th.N_SPECIES)[s], t_w) for s in (th.CO, th.CO2, th.H2, th.H2O, th.N2, th.AR)}
    d_wu = Y_WUSTITE - 1
    h_wus = (1 - 3 * d_wu) * phase_h(ip.FEO, t_w) + d_wu * phase_h(ip.FE3O4, t_w)
    h_burden_w = n_fe * h_wus + sum(n * phase_h(k, t_w) for k, n in burden_n.items())
    h_coke_w = (coke_c * phase_h(ip.C_GR, t_w) + coke_s * phase_h(ip.S_L, t_w)
                + sum(n * phase_h(k, t_w) for k, n in coke_ash.items()))
    q_low = v["heat_loss"] * v["heat_loss_hot_zone"]
    o_f0 = 2 * hm["Si"] + hm["Mn"] + 2.5 * hm["P"]

    def streams(x):
        vb, m_c, d, m_f = x
        n_c = coke_c * m_c + inj_c + blast[th.CO2] * vb - hm["C"]
        n_h2 = blast[th.H2O] * vb + inj_h2
        s_slag = coke_s * m_c + pci_s - hm["S"]
        n_flux = m_f / M[ip.CACO3]
        slag = np.array([
            burden_n[ip.CAO] + coke_ash[ip.CAO] * m_c + pci_ash[ip.CAO] + n_flux - s_slag,
            s_slag,
            burden_n[ip.SIO2] + coke_ash[ip.SIO2] * m_c + pci_ash[ip.SIO2] - hm["Si"],
            burden_n[ip.MGO] + coke_ash[ip.MGO] * m_c + pci_ash[ip.MGO],
            burden_n[ip.AL2O3] + coke_ash[ip.AL2O3] * m_c + pci_ash[ip.AL2O3],
            burden_n[ip.MNO] - hm["Mn"],
        ])
        return n_c, n_h2, s_slag, n_flux, slag

    def equations(x):
        vb, m_c, d, m_f = x
        n_c, n_h2, s_slag, n_flux, slag = streams(x)
        o_w = Y_WUSTITE * n_fe - d
        phi = r * n_h2 / (n_c + r * n_h2)
        co2, h2o = (1 - phi) * o_w, phi * o_w
        n2 = blast[th.N2] * vb + inj_n2
        h_in = (vb * h_mix(blast, t_b) + h_inj + m_c * h_coke_w + h_burden_w
                + n_flux * phase_h(ip.CAO, t_w))
        h_out = (h_hm + slag @ h_slag_1 + (n_c - co2) * hw[th.CO] + co2 * hw[th.CO2]
                 + (n_h2 - h2o) * hw[th.H2] + h2o * hw[th.H2O] + n2 * hw[th.N2]
                 + blast[th.AR] * vb * hw[th.AR] + q_low)
        return [
            (n_c - (b_o * vb + inj_o + o_f0 + s_slag + d)) / n_fe,
            (o_w - v["shaft_efficiency"] * (n_c * e_co + n_h2 * e_h2)) / n_fe,
            (h_in - h_out) / 1e9,
            ((slag[0] + slag[1]) * M[ip.CAO] - v["slag_basicity"] * slag[2] * M[ip.SIO2]) / 1e3,
        ]

    x0 = np.array([4.0e4, 350.0, 0.4 * n_fe, 10.0])
    x, info, ier, msg = fsolve(equations, x0, full_output=True, xtol=XTOL)
    if ier != 1 or x[2] < 0.0 or x[3] < 0.0:
        raise NotConverged(f"fsolve: {msg}")
    vb, m_c, d, m_f = x
    n_c, n_h2, s_slag, n_flux, slag = streams(x)

    # raceway: every O of blast and injectants burns one C to CO; coke C at coke_raceway_temp
    race = np.zeros(th.N_SPECIES)
    race[th.CO] = b_o * vb + inj_o
    race[th.H2] = blast[th.H2O] * vb + inj_h2
    race[th.N2] = blast[th.N2] * vb + inj_n2
    race[th.AR] = blast[th.AR] * vb
    c_coke = race[th.CO] - inj_c - blast[th.CO2] * vb
    h_in = vb * h_mix(blast, t_b) + h_inj + c_coke * phase_h(ip.C_GR, v["coke_raceway_temp"])
    cond = {**pci_ash, ip.S_L: pci_s}

    def f_raft(T):
        return h_mix(race, T) + sum(n * phase_h(k, T) for k, n in cond.items()) - h_in

    raft = brentq(f_raft, 1000.0, 4000.0, xtol=1e-10, rtol=1e-14)

    # top gas: CO alone reduces above the reserve zone; moisture and limestone CO2 added
    phi = r * n_h2 / (n_c + r * n_h2)
    o_w = Y_WUSTITE * n_fe - d
    o_co = (1 - phi) * o_w + (y_top - Y_WUSTITE) * n_fe
    top = np.zeros(th.N_SPECIES)
    top[th.CO], top[th.CO2] = n_c - o_co, o_co + n_flux
    top[th.H2], top[th.H2O] = n_h2 - phi * o_w, phi * o_w + water_b + coke_w * m_c
    top[th.N2], top[th.AR] = blast[th.N2] * vb + inj_n2, blast[th.AR] * vb
    gas_w = top.copy()
    gas_w[th.CO2] = (1 - phi) * o_w
    gas_w[th.CO] = n_c - gas_w[th.CO2]
    gas_w[th.H2O] = phi * o_w
    h_solids_amb = (sum(n * phase_h(k, t_amb) for k, n in burden_n.items())
                    + m_b * (w["fe2o3"] / M[ip.FE2O3] * phase_h(ip.FE2O3, t_amb)
                             + w["fe3o4"] / M[ip.FE3O4] * phase_h(ip.FE3O4, t_amb)
                             + w["feo"] / M[ip.FEO] * phase_h(ip.FEO, t_amb))
                    + water_b * phase_h(ip.H2O_L, t_amb)
                    + m_c * (coke_c * phase_h(ip.C_GR, t_amb) + coke_s * phase_h(ip.S_L, t_amb)
                             + coke_w * phase_h(ip.H2O_L, t_amb)
                             + sum(n * phase_h(k, t_amb) for k, n in coke_ash.items()))
                    + n_flux * phase_h(ip.CACO3, t_amb))
    h_solids_w = h_burden_w + m_c * h_coke_w + n_flux * phase_h(ip.CAO, t_w)
    h_top = (h_mix(gas_w, t_w) + h_solids_amb - h_solids_w
             - v["heat_loss"] * (1 - v["heat_loss_hot_zone"]))
    t_top = temperature_from_h(top, h_top)
    return {
        "coke_rate": m_c,
        "blast_volume": vb * V_N,
        "flux_rate": m_f,
        "direct_reduction_degree": d / (Y_WUSTITE * n_fe),
        "raft": raft,
        "top_gas_temp": t_top,
        "eta_co": o_co / n_c,
        "top_gas_volume": top.sum() * V_N,
    }


def defaults() -> dict[str, float]:
    """The kernel defaults by name."""
    return {row.name: row.default for row in bf.PARAMS}
