"""Reference fired heater in plain NumPy/SciPy: the slow, obviously-correct oracle.

Same equations, same ``PARAMS`` vector in and same ``OUTPUTS``/``PROFILES`` out as the
numba kernel :mod:`kernels.heater` (read its module docstring for the model and the
literature), written the straightforward way:

- NASA-7 enthalpies and heat capacities are evaluated with NumPy from the coefficient
  tables of :mod:`kernels.thermo` (the tables are data, the evaluation is written again
  in :mod:`benchmarks.reference.nasa`, shared with the kiln reference), with the same
  extrapolation rule (cp frozen beyond the fitted range).
- The gray-gas (Smith, Shen & Friedman 1982) and Grimison (1937) coefficient tables are
  likewise read from :mod:`kernels.radiation` and :mod:`kernels.convection`; every
  correlation is re-implemented, here or (gas emissivity, Sutherland viscosity and
  conductivity) in :mod:`benchmarks.reference.flue_gas`.
- Only the one-off composition setup of a scenario calls compiled code:
  :func:`kernels.combustion.humid_air`, :func:`~kernels.combustion.o2_demand`,
  :func:`~kernels.combustion.air_per_fuel` and :func:`~kernels.combustion.flue_moles`
  give the humid-air, air and flue mole vectors per mol fuel. Everything inside the
  solve loops is plain Python/NumPy.
- Every root is found with :func:`scipy.optimize.brentq` on the full physical bracket,
  nested as in the kernel: the bridgewall temperature in ``[process inlet, adiabatic
  flame]`` inside the fuel rate in ``[1e-4, 1] * fuel_flow_max``; the temperature of a
  flue enthalpy in ``[200, 6000] K``; the local radiant flux of each coil station in
  ``[0, sigma alpha*Acp F T_g^4 / A_t + h_c T_g]``.

Tolerances (``brentq`` stops when the bracket is below ``xtol + rtol |x|``):

========================  ======================  =====================================
root                      reference (``brentq``)  kernel (Anderson–Björck / Newton)
========================  ======================  =====================================
fuel rate, mol/s          rtol 1e-9, xtol 1e-300  step or bracket <= 1e-9 nf, or duty
                                                  residual <= 1e-9 of the duty
bridgewall temperature    rtol 1e-9, xtol 1e-300  step or bracket <= 1e-9 T, or residual
                                                  <= 1e-9 of the fired duty
T from flue enthalpy      rtol 1e-13, xtol 1e-9 K Newton step <= 1e-9 T, last step added
coil-station flux         rtol 1e-12, xtol 1e-10  Newton step <= 1e-10 of the mean flux
                          of the mean flux
========================  ======================  =====================================

so both sides carry a relative error of order 1e-9 or below in every root; the tests in
``tests/benchmarks/test_reference_heater.py`` check that kernel and reference agree to
1e-6 relative (flows, duties, efficiency) and 1e-4 K (temperatures).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq

from benchmarks.reference.flue_gas import flue_conductivity, flue_viscosity, gas_emissivity
from benchmarks.reference.nasa import (
    NotConverged,
    cp_mix,
    h_mix,
    species_cp_h,
    temperature_from_h,
)
from kernels import combustion as cb
from kernels import convection as cv
from kernels import heater as kh
from kernels import radiation as rad
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, NOT_CONVERGED, OK, OUT_OF_RANGE

RTOL_ROOT = 1e-9  # fuel rate and bridgewall temperature (relative)
RTOL_FLUX = 1e-12  # local coil flux (relative)
XTOL_FLUX = 1e-10  # times the mean radiant flux

APPROACH_MIN = 10.0  # K, smallest air-preheater approach (as the kernel)
GRAVITY = 9.80665
N_CELL = kh.N_CELL
LOW = np.array([row.low for row in kh.PARAMS])
HIGH = np.array([row.high for row in kh.PARAMS])


# --------------------------------------------------------------------- thermochemistry
def hhv_per_kg(x_fuel: np.ndarray) -> float:
    """Higher heating value at 298.15 K [J/kg]: fuel + O2 -> CO2, H2O(l), SO2, N2, Ar."""
    atoms = x_fuel @ th.ELEMENTS  # C, H, O, N, S, Ar per mol fuel
    c, hy, o, n, s, ar = atoms
    o2 = c + hy / 4 + s - o / 2
    _, h_over_r = species_cp_h(th.T_REF)
    h = th.R_GAS * h_over_r
    lhv = (x_fuel @ h + o2 * h[th.O2]
           - (c * h[th.CO2] + hy / 2 * h[th.H2O] + s * h[th.SO2] + n / 2 * h[th.N2] + ar * h[th.AR]))
    water_formed = hy / 2 - x_fuel[th.H2O]
    return (lhv + cb.DH_VAP_WATER_298 * water_formed) / (x_fuel @ th.MOLAR_MASS)


# ------------------------------------------------------------------------ correlations
def tube_bank_alpha(od: float, pitch: float, rows: float) -> float:
    """Radiant tube-bank effectiveness 1 - (1 - F)^(2 rows), F of Hottel (1931)."""
    x = min(od / pitch, 1.0)
    r = math.sqrt(1.0 - x * x)
    f = 1.0 - r + x * math.atan(r / x)
    return 1.0 - (1.0 - f) ** (2.0 * rows)


def exchange_factor(eps_gas: float, eps_tube: float, refractory_ratio: float) -> float:
    """Gas-sink-refractory exchange factor F (Hottel & Sarofim 1967, ch. 14)."""
    eg = min(max(eps_gas, 1e-9), 1.0)
    r = max(refractory_ratio, 0.0)
    gas_to_sink = eg + eg * (1.0 - eg) * r / (eg * r + 1.0 - eg)
    return 1.0 / (1.0 / gas_to_sink + 1.0 / eps_tube - 1.0)


def grimison_nusselt(re: float, pr: float, st_over_d: float, sl_over_d: float, n_rows: float) -> float:
    """Staggered tube bank, Nu = C2 1.13 C1 Re^m Pr^(1/3) (Grimison 1937), bilinear in pitch."""
    ratios = cv._GRIM_RATIO

    def bilinear(table):
        along_st = [np.interp(st_over_d, ratios, row) for row in table]  # one per S_L/D row
        return float(np.interp(sl_over_d, ratios, along_st))

    c1 = bilinear(cv._GRIM_C1)
    m = bilinear(cv._GRIM_M)
    k = int(n_rows)
    c2 = 1.0 if k >= 10 else cv._GRIM_C2[max(k, 1) - 1]
    return c2 * 1.13 * c1 * re**m * pr ** (1.0 / 3.0)


def gnielinski_nusselt(re: float, pr: float) -> float:
    """Turbulent pipe flow (Gnielinski 1976), floor 3.66 (laminar)."""
    if re < 3000.0:
        return 3.66
    f = (0.790 * math.log(re) - 1.64) ** -2
    nu = (f / 8) * (re - 1000.0) * pr / (1.0 + 12.7 * math.sqrt(f / 8) * (pr ** (2 / 3) - 1.0))
    return max(nu, 3.66)


def counterflow_effectiveness(ntu: float, c_ratio: float) -> float:
    """Counter-flow epsilon-NTU (Kays & London)."""
    if ntu <= 0.0:
        return 0.0
    if abs(1.0 - c_ratio) < 1e-9:
        return ntu / (1.0 + ntu)
    e = math.exp(-ntu * (1.0 - c_ratio))
    return (1.0 - e) / (1.0 - c_ratio * e)


# ---------------------------------------------------------------------------- the heater
class Heater:
    """One heater scenario: the derived constants, the section models and the solves."""

    def __init__(self, p: np.ndarray, rtol: float = RTOL_ROOT):
        self.p = p
        self.rtol = rtol
        x_fuel = np.zeros(th.N_SPECIES)
        for i_param, k in kh.FUEL_PARAMS:
            x_fuel[k] += p[i_param]
        x_fuel /= x_fuel.sum()
        self.x_fuel = x_fuel
        self.bad_fuel = cb.o2_demand(x_fuel) <= 0.0
        if self.bad_fuel:
            return
        t_amb = p[kh.I_AMBIENT_TEMP]
        # --- one-off composition setup with the compiled combustion functions
        x_air = np.zeros(th.N_SPECIES)
        cb.humid_air(p[kh.I_RELATIVE_HUMIDITY], t_amb, p[kh.I_PRESSURE], x_air)
        self.n_air = cb.air_per_fuel(x_fuel, x_air, p[kh.I_EXCESS_AIR]) * x_air  # mol/mol fuel
        self.n_flue = np.zeros(th.N_SPECIES)
        n_total = cb.flue_moles(x_fuel, x_air, p[kh.I_EXCESS_AIR], self.n_flue)

        # --- per-mol-fuel energies
        self.molar_mass_fuel = float(x_fuel @ th.MOLAR_MASS)
        self.h_in = h_mix(x_fuel, p[kh.I_FUEL_TEMP]) + h_mix(self.n_air, p[kh.I_AIR_PREHEAT_TEMP])
        self.lhv_datum = h_mix(x_fuel, t_amb) + h_mix(self.n_air, t_amb) - h_mix(self.n_flue, t_amb)
        self.setting_per_mol = p[kh.I_SETTING_LOSS] * self.lhv_datum
        self.m_flue_per_mol = float(self.n_flue @ th.MOLAR_MASS)
        t_mid = 0.5 * (p[kh.I_PROCESS_INLET_TEMP] + p[kh.I_PROCESS_OUTLET_TEMP])
        t_film = t_mid + 300.0
        cp_mass = cp_mix(self.n_flue, t_film) / self.m_flue_per_mol
        self.pr_flue = cp_mass * flue_viscosity(t_film) / flue_conductivity(t_film)

        # --- process side
        self.t_in = p[kh.I_PROCESS_INLET_TEMP]
        self.t_out = p[kh.I_PROCESS_OUTLET_TEMP]
        self.c_proc = p[kh.I_PROCESS_FLOW] * p[kh.I_PROCESS_CP]
        self.q_req = (self.c_proc * (self.t_out - self.t_in)
                      + p[kh.I_PROCESS_FLOW] * p[kh.I_PROCESS_VAPOR_FRACTION] * p[kh.I_PROCESS_LATENT_HEAT])
        self.h_inside = self.inside_film(p[kh.I_RAD_TUBE_OD])
        self.r_rad = self.tube_resistance(p[kh.I_RAD_TUBE_OD], self.h_inside)
        self.r_conv = self.tube_resistance(p[kh.I_CONV_TUBE_OD], self.inside_film(p[kh.I_CONV_TUBE_OD]))
        self.t_sink = t_mid

        # --- radiant section
        od, pitch, length = p[kh.I_RAD_TUBE_OD], p[kh.I_RAD_TUBE_PITCH], p[kh.I_RAD_TUBE_LENGTH]
        self.a_rad = p[kh.I_RAD_TUBE_COUNT] * math.pi * od * length
        a_cp = p[kh.I_RAD_TUBE_COUNT] / p[kh.I_RAD_TUBE_ROWS] * pitch * length
        self.alpha = tube_bank_alpha(od, pitch, p[kh.I_RAD_TUBE_ROWS])
        self.alpha_acp = self.alpha * a_cp
        lx, ly, lz = p[kh.I_FIREBOX_LENGTH], p[kh.I_FIREBOX_WIDTH], p[kh.I_FIREBOX_HEIGHT]
        area_box = 2.0 * (lx * ly + lx * lz + ly * lz)
        self.refractory_ratio = max(area_box - self.alpha_acp, 0.0) / self.alpha_acp
        self.l_box = 3.6 * lx * ly * lz / area_box
        self.p_h2o = self.n_flue[th.H2O] / n_total * p[kh.I_PRESSURE]
        self.p_co2 = self.n_flue[th.CO2] / n_total * p[kh.I_PRESSURE]

        # --- shield and convection banks
        od_c, pitch_c = p[kh.I_CONV_TUBE_OD], p[kh.I_CONV_TUBE_PITCH]
        tube_area = math.pi * od_c * p[kh.I_CONV_TUBE_LENGTH] * p[kh.I_CONV_TUBES_PER_ROW]
        self.a_shield = p[kh.I_SHIELD_ROWS] * tube_area
        self.a_conv_bare = p[kh.I_CONV_ROWS] * tube_area
        ratio = p[kh.I_CONV_FIN_AREA_RATIO]
        self.eta_o = 1.0 - (ratio - 1.0) / ratio * (1.0 - p[kh.I_CONV_FIN_EFFICIENCY])
        self.free_area = p[kh.I_CONV_TUBES_PER_ROW] * p[kh.I_CONV_TUBE_LENGTH] * (pitch_c - od_c)
        self.l_bank = 3.0 * (pitch_c - od_c)

    # ------------------------------------------------------------------ tube resistances
    def inside_film(self, od: float) -> float:
        """Process film coefficient of one pass [W/(m^2 K)] (Gnielinski)."""
        p = self.p
        di = od - 2.0 * p[kh.I_TUBE_WALL]
        re = 4.0 * p[kh.I_PROCESS_FLOW] / p[kh.I_PASSES] / (math.pi * di * p[kh.I_PROCESS_VISCOSITY])
        pr = p[kh.I_PROCESS_CP] * p[kh.I_PROCESS_VISCOSITY] / p[kh.I_PROCESS_CONDUCTIVITY]
        return gnielinski_nusselt(re, pr) * p[kh.I_PROCESS_CONDUCTIVITY] / di

    def tube_resistance(self, od: float, h_inside: float) -> float:
        """Inside film + fouling + wall [m^2 K/W] per outside area."""
        p = self.p
        di = od - 2.0 * p[kh.I_TUBE_WALL]
        return (od / di * (1.0 / h_inside + p[kh.I_FOULING_RESISTANCE])
                + od * math.log(od / di) / (2.0 * p[kh.I_TUBE_CONDUCTIVITY]))

    # ---------------------------------------------------------- shield and convection
    def bank_conductance(self, m_flue: float, t_gas: float, rows: float, area_bare: float,
                         finned: bool) -> float:
        """UA [W/K] of a bank: Grimison convection + gas radiation, in series with the tube."""
        if area_bare <= 0.0:
            return 0.0
        p = self.p
        od = p[kh.I_CONV_TUBE_OD]
        ratio = p[kh.I_CONV_TUBE_PITCH] / od
        re = m_flue / self.free_area * od / flue_viscosity(t_gas)
        h_conv = grimison_nusselt(re, self.pr_flue, ratio, ratio, rows) * flue_conductivity(t_gas) / od
        eps = gas_emissivity(t_gas, self.p_h2o, self.p_co2, self.l_bank)
        h_rad = rad.SIGMA * eps * (t_gas**2 + self.t_sink**2) * (t_gas + self.t_sink)
        if finned:
            h_out = p[kh.I_CONV_FIN_AREA_RATIO] * self.eta_o * h_conv + h_rad
        else:
            h_out = h_conv + h_rad
        return area_bare / (1.0 / h_out + self.r_conv)

    def sections(self, nf: float, t_gas: float) -> tuple[float, float, float, float]:
        """Shield + convection duty [W] by counter-flow epsilon-NTU for flue entering at t_gas.

        Returns (duty, flue capacity rate W/K, UA shield, UA convection).
        """
        p = self.p
        dt = t_gas - self.t_in
        m_flue = nf * self.m_flue_per_mol
        ua_shield = self.bank_conductance(m_flue, t_gas - 0.1 * dt, p[kh.I_SHIELD_ROWS], self.a_shield, False)
        ua_conv = self.bank_conductance(m_flue, self.t_in + 0.4 * dt, p[kh.I_CONV_ROWS], self.a_conv_bare, True)
        c_flue = nf * cp_mix(self.n_flue, self.t_in + 0.5 * dt)
        c_min, c_max = min(c_flue, self.c_proc), max(c_flue, self.c_proc)
        eff = counterflow_effectiveness((ua_shield + ua_conv) / c_min, c_min / c_max)
        return eff * c_min * dt, c_flue, ua_shield, ua_conv

    # ----------------------------------------------------------------------- radiant
    def radiant(self, nf: float, t_gas: float, t_cross: float):
        """(balance duty, exchange duty, mean tube temperature, eps_gas, F) at bridgewall t_gas."""
        p = self.p
        q_balance = nf * (self.h_in - h_mix(self.n_flue, t_gas) - self.setting_per_mol)
        t_process = 0.5 * (t_cross + self.t_out)
        t_tube = t_process + q_balance / self.a_rad * self.r_rad
        eps = gas_emissivity(t_gas, self.p_h2o, self.p_co2, self.l_box)
        f_ex = exchange_factor(eps, p[kh.I_TUBE_EMISSIVITY], self.refractory_ratio)
        q_exchange = (rad.SIGMA * self.alpha_acp * f_ex * (t_gas**4 - t_tube**4)
                      + p[kh.I_RAD_CONVECTION_COEFF] * self.a_rad * (t_gas - t_tube))
        return q_balance, q_exchange, t_tube, eps, f_ex

    def firebox_residual(self, t_gas: float, nf: float) -> float:
        """Firebox energy balance minus Lobo-Evans exchange [W]; falls with t_gas."""
        q_sc = self.sections(nf, t_gas)[0]
        q_balance, q_exchange, *_ = self.radiant(nf, t_gas, self.t_in + q_sc / self.c_proc)
        return q_balance - q_exchange

    def bridgewall_temp(self, nf: float, t_flame: float) -> float:
        """Bridgewall temperature [K] at fuel rate nf [mol/s]: brentq on [T_in, T_flame]."""
        return brentq(self.firebox_residual, self.t_in, t_flame, args=(nf,), xtol=1e-300, rtol=self.rtol)

    def duty_residual(self, nf: float, t_flame: float) -> float:
        """Absorbed minus required duty [W] at fuel rate nf; rises with nf."""
        t_gas = self.bridgewall_temp(nf, t_flame)
        q_sc = self.sections(nf, t_gas)[0]
        q_rad = nf * (self.h_in - h_mix(self.n_flue, t_gas) - self.setting_per_mol)
        return q_rad + q_sc - self.q_req

    # ----------------------------------------------------------------------- solve
    def solve(self, out: np.ndarray, prof: np.ndarray) -> int:
        """Fuel rate for the coil outlet set point, then all outputs and profiles.

        The firing range is ``[1e-4, 1] * fuel_flow_max``; a duty outside what it can
        deliver is ``INFEASIBLE``.
        """
        t_flame = temperature_from_h(self.n_flue, self.h_in)
        nf_max = self.p[kh.I_FUEL_FLOW_MAX] / self.molar_mass_fuel
        nf_min = 1e-4 * nf_max
        f_min = self.duty_residual(nf_min, t_flame)
        f_max = self.duty_residual(nf_max, t_flame)
        if not (np.isfinite(f_min) and np.isfinite(f_max)):
            return NOT_CONVERGED
        if f_max < 0.0 or f_min > 0.0:  # duty above the largest or below the smallest firing
            return INFEASIBLE
        nf = brentq(self.duty_residual, nf_min, nf_max, args=(t_flame,), xtol=1e-300, rtol=self.rtol)
        return self.report(nf, t_flame, out, prof)

    def report(self, nf: float, t_flame: float, out: np.ndarray, prof: np.ndarray) -> int:
        """Outputs and profiles at the converged fuel rate nf [mol/s]."""
        p = self.p
        t_amb = p[kh.I_AMBIENT_TEMP]
        n_flue, n_air, x_fuel = self.n_flue, self.n_air, self.x_fuel
        t_gas = self.bridgewall_temp(nf, t_flame)
        q_sc, c_flue, ua_shield, ua_conv = self.sections(nf, t_gas)
        t_cross = self.t_in + q_sc / self.c_proc
        q_rad, q_exchange, t_tube, eps, f_ex = self.radiant(nf, t_gas, t_cross)
        q_setting = nf * self.setting_per_mol

        # flue path: bridgewall -> shield -> convection -> air preheater -> stack
        h_bw = h_mix(n_flue, t_gas)
        t_conv_out = temperature_from_h(n_flue, h_bw - q_sc / nf)
        q_aph = nf * (h_mix(n_air, p[kh.I_AIR_PREHEAT_TEMP]) - h_mix(n_air, t_amb))
        t_stack = temperature_from_h(n_flue, h_bw - (q_sc + q_aph) / nf)
        if q_aph > 0.0 and (t_conv_out - p[kh.I_AIR_PREHEAT_TEMP] < APPROACH_MIN
                            or t_stack - t_amb < APPROACH_MIN):
            return INFEASIBLE

        # shield and convection profiles along the UA coordinate (counter-flow)
        k = 1.0 / c_flue - 1.0 / self.c_proc
        dt_hot = t_gas - t_cross

        def duty_up_to(ua):
            return dt_hot * ua if abs(k * ua) < 1e-12 else dt_hot * (1.0 - math.exp(-k * ua)) / k

        ua_total = ua_shield + ua_conv
        for j in range(N_CELL):
            q_a = duty_up_to(ua_total * j / (N_CELL - 1))
            prof[kh.F_T_GAS, j] = temperature_from_h(n_flue, h_bw - q_a / nf)
            prof[kh.F_T_PROCESS_CONV, j] = t_cross - q_a / self.c_proc
        q_shield = duty_up_to(ua_shield) * q_sc / duty_up_to(ua_total) if ua_total > 0.0 else 0.0
        q_flux_max = self.coil_profiles(t_gas, t_cross, q_rad, f_ex, prof)

        # API 560 efficiency, datum = ambient temperature
        fired = nf * self.lhv_datum
        credits = nf * (h_mix(x_fuel, p[kh.I_FUEL_TEMP]) - h_mix(x_fuel, t_amb))
        q_abs = q_rad + q_sc
        m_fuel = nf * self.molar_mass_fuel
        m_air = nf * float(n_air @ th.MOLAR_MASS)
        m_flue = nf * self.m_flue_per_mol
        energy_in = nf * (h_mix(x_fuel, p[kh.I_FUEL_TEMP]) + h_mix(n_air, t_amb))
        energy_out = nf * h_mix(n_flue, t_stack) + self.q_req + q_setting
        r_over_p = th.R_GAS / p[kh.I_PRESSURE]
        rho_air = m_air / (nf * n_air.sum()) / (r_over_p * t_amb)
        rho_flue = self.m_flue_per_mol / n_flue.sum() / (r_over_p * t_stack)
        o2_dry = n_flue[th.O2] / (n_flue.sum() - n_flue[th.H2O])
        t_metal_max = prof[kh.F_T_METAL_RAD].max()

        values = {
            "fuel_flow": m_fuel,
            "fired_duty": fired,
            "absorbed_duty": q_abs,
            "radiant_duty": q_rad,
            "shield_duty": q_shield,
            "convection_duty": q_sc - q_shield,
            "setting_loss_duty": q_setting,
            "aph_duty": q_aph,
            "efficiency_lhv": q_abs / (fired + credits),
            "stack_loss": nf * (h_mix(n_flue, t_stack) - h_mix(n_flue, t_amb)) / (fired + credits),
            "stack_temp": t_stack,
            "bridgewall_temp": t_gas,
            "adiabatic_flame_temp": t_flame,
            "crossover_temp": t_cross,
            "radiant_flux_avg": q_rad / self.a_rad,
            "radiant_flux_max": q_flux_max,
            "tube_metal_temp_max": t_metal_max,
            "tube_surface_temp_mean": t_tube,
            "gas_emissivity": eps,
            "exchange_factor": f_ex,
            "tube_bank_alpha": self.alpha,
            "mean_beam_length": self.l_box,
            "o2_dry": o2_dry,
            "air_flow": m_air,
            "flue_flow": m_flue,
            "lhv": self.lhv_datum / self.molar_mass_fuel,
            "hhv": hhv_per_kg(x_fuel),
            "co2_emissions": nf * (n_flue[th.CO2] - n_air[th.CO2]) * th.MOLAR_MASS[th.CO2],
            "stack_draft": GRAVITY * p[kh.I_STACK_HEIGHT] * (rho_air - rho_flue),
            "inside_film_coeff": self.h_inside,
            "tube_metal_margin": p[kh.I_LIMIT_TUBE_METAL_TEMP] - t_metal_max,
            "bridgewall_margin": p[kh.I_LIMIT_BRIDGEWALL_TEMP] - t_gas,
            "o2_margin": o2_dry - p[kh.I_LIMIT_O2_DRY],
            "stack_temp_margin": t_stack - p[kh.I_LIMIT_STACK_TEMP_MIN],
            "energy_residual": (energy_in - energy_out) / fired,
            "mass_residual": (m_air + m_fuel - m_flue) / m_flue,
            "radiant_residual": (q_rad - q_exchange) / fired,
            "fuel_input": m_fuel,  # the names every fuel-burning unit reports (ARCHITECTURE.md 2.1)
            "fuel_heat_input": fired,
        }
        for i, row in enumerate(kh.OUTPUTS):
            out[i] = values[row.name]
        return OK

    def coil_profiles(self, t_gas: float, t_cross: float, q_rad: float, f_ex: float,
                      prof: np.ndarray) -> float:
        """Local flux, process and peak tube-metal temperature at N_CELL equal-area coil stations.

        Each station's flux satisfies the exchange equation at its own tube temperature
        (brentq); the fluxes are then scaled to add up to the radiant duty. Returns the
        peak flux with the circumferential factor [W/m^2].
        """
        p = self.p
        a_cell = self.a_rad / N_CELL
        rad_coef = rad.SIGMA * self.alpha_acp * f_ex / self.a_rad
        h_c = p[kh.I_RAD_CONVECTION_COEFF]
        c_eff = q_rad / (self.t_out - t_cross)  # apparent capacity incl. latent heat
        q_avg = q_rad / self.a_rad

        def flux_residual(q, cum):
            t_process = t_cross + (cum + 0.5 * q * a_cell) / c_eff
            t_tube = t_process + q * self.r_rad
            return rad_coef * (t_gas**4 - t_tube**4) + h_c * (t_gas - t_tube) - q

        q_upper = rad_coef * t_gas**4 + h_c * t_gas
        flux = np.empty(N_CELL)
        cum = 0.0
        for j in range(N_CELL):
            flux[j] = brentq(flux_residual, 0.0, q_upper, args=(cum,), xtol=XTOL_FLUX * q_avg, rtol=RTOL_FLUX)
            cum += flux[j] * a_cell
        flux *= q_rad / (flux.sum() * a_cell)
        cum_before = a_cell * (np.cumsum(flux) - flux)
        t_process = t_cross + (cum_before + 0.5 * flux * a_cell) / c_eff
        f_circ = p[kh.I_CIRCUMFERENTIAL_FLUX_FACTOR]
        prof[kh.F_Q_RAD] = flux
        prof[kh.F_T_PROCESS_RAD] = t_process
        prof[kh.F_T_METAL_RAD] = t_process + f_circ * flux * self.r_rad
        return f_circ * flux.max()


# ------------------------------------------------------------------------- contract
def check_inputs(p: np.ndarray) -> int:
    """Status of the inputs: NaN/inf, ranges, fuel fractions summing to one, cross rules."""
    if not np.all(np.isfinite(p)):
        return BAD_INPUT
    if np.any(p < LOW) or np.any(p > HIGH):
        return OUT_OF_RANGE
    if abs(sum(p[i] for i, _ in kh.FUEL_PARAMS) - 1.0) > 1e-3:
        return OUT_OF_RANGE
    broken = (p[kh.I_PROCESS_OUTLET_TEMP] <= p[kh.I_PROCESS_INLET_TEMP]
              or p[kh.I_AIR_PREHEAT_TEMP] < p[kh.I_AMBIENT_TEMP]
              or p[kh.I_RAD_TUBE_PITCH] <= p[kh.I_RAD_TUBE_OD]
              or p[kh.I_CONV_TUBE_PITCH] <= p[kh.I_CONV_TUBE_OD]
              or 2.0 * p[kh.I_TUBE_WALL] >= min(p[kh.I_RAD_TUBE_OD], p[kh.I_CONV_TUBE_OD]))
    return OUT_OF_RANGE if broken else OK


def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray, rtol: float = RTOL_ROOT) -> int:
    """One scenario, same signature and status codes as :func:`kernels.heater.solve`.

    ``rtol`` is the relative tolerance of the fuel-rate and bridgewall roots; the
    default matches the kernel, a value near 4e-16 gives a converged-to-round-off answer.
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    status = check_inputs(p)
    if status != OK:
        return status
    heater = Heater(np.asarray(p, dtype=np.float64), rtol)
    if heater.bad_fuel:
        return BAD_INPUT
    try:
        status = heater.solve(out, prof)
    except (NotConverged, ValueError, RuntimeError):  # brentq: no sign change / no convergence
        status = NOT_CONVERGED
    if status != OK:
        out[:] = np.nan
        prof[:, :] = np.nan
    return status


def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Many scenarios, one after the other (same signature as the kernel's)."""
    for i in range(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])
