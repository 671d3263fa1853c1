"""Refinery fired heater: box firebox with radiant coil, shield and convection rows.

The heater is solved the way it is operated: the coil outlet temperature controller
sets the firing, so the kernel finds the fuel flow that brings the process fluid to
``process_outlet_temp`` and reports where the heat went.

Model (one scenario)
--------------------
1. Combustion of the fuel gas with humid air at ``excess_air`` (complete combustion,
   :mod:`kernels.combustion`); enthalpies from NASA polynomials (:mod:`kernels.thermo`).
2. Radiant section, the Lobo–Evans well-stirred firebox [1]_ [2]_: the flue gas leaves
   at the bridgewall temperature T_g, which satisfies at once the firebox energy balance

       Q_R = n_fuel (H_fuel + H_air(T_preheat) - H_flue(T_g)) - Q_setting

   and the exchange equation

       Q_R = sigma alpha*Acp F (T_g^4 - T_t^4) + h_c A_t (T_g - T_t),

   with the gas emissivity from the weighted sum of gray gases at the CO2/H2O partial
   pressures and the mean beam length, the tube-bank effectiveness alpha from pitch/OD
   and rows, and the exchange factor F of the gas-sink-refractory network
   (:mod:`kernels.radiation`). T_t is the mean outside tube temperature: process bulk
   plus the inside film, fouling and wall resistances at the average flux.
3. Shield (bare) and convection (finned) rows as one counter-flow exchanger (NTU is
   additive for counter-flow sections in series) by ε-NTU with Grimison tube-bank
   coefficients plus non-luminous gas radiation (:mod:`kernels.convection`); the flue
   temperature after each section comes from its enthalpy, so the balance is exact.
4. Optional air preheater: combustion air heated from ambient to ``air_preheat_temp``
   by the flue gas leaving the convection section; the stack temperature follows from
   the flue enthalpy.
5. API 560 / ISO 13705 fuel efficiency, LHV basis, datum at ambient temperature [3]_:
   eta = absorbed duty / (LHV + sensible credits of fuel and air above the datum),
   equal to 1 - stack loss - setting loss by the energy balance (both are reported).
6. Radiant flux and tube-metal temperature along the coil (API 530 style estimate with
   a circumferential peak factor [4]_), bridgewall temperature, stack draft.

The vaporised fraction is taken up in the radiant coil with its latent heat spread
along the coil in proportion to the duty; the inside film coefficient uses liquid
properties (Gnielinski), which is conservative for the tube-metal temperature.

References
----------
.. [1] W. E. Lobo, J. E. Evans (1939), Trans. AIChE 35, 743–778.
.. [2] W. N. Wimpress (1963), "Rapid method predicts fired-heater performance",
   Hydrocarbon Processing 42(10), 115–126.
.. [3] API Standard 560 (2016) / ISO 13705, *Fired heaters for general refinery
   service*, Annex G (fuel efficiency calculation).
.. [4] API Standard 530 (2015), *Calculation of heater-tube thickness in petroleum
   refineries*, Annex C (tube-metal temperature).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels import combustion as cb
from kernels import thermo as th
from kernels.contract import (
    BAD_INPUT,
    INFEASIBLE,
    NOT_CONVERGED,
    OK,
    OUT_OF_RANGE,
    Emission,
    Output,
    Param,
    Product,
    Profile,
    bounds,
)
from kernels.convection import (
    counterflow_effectiveness,
    flue_conductivity,
    flue_viscosity,
    gnielinski_nusselt,
    grimison_nusselt,
    surface_efficiency,
    tube_bank_beam_length,
)
from kernels.numerics import ROOT_STATE_SIZE, root_best, root_propose, root_start, root_update
from kernels.radiation import (
    SIGMA,
    exchange_factor,
    gas_emissivity,
    mean_beam_length,
    tube_bank_alpha,
)

N_CELL = 16

PARAMS = (
    # process side
    Param("process_flow", "kg/s", 90.0, 1.0, 1000.0, "process fluid mass flow through all coil passes"),
    Param("process_inlet_temp", "K", 533.15, 250.0, 900.0, "process fluid temperature at the convection inlet"),
    Param("process_outlet_temp", "K", 633.15, 260.0, 1000.0, "coil outlet temperature set point (firing follows it)"),
    Param("process_cp", "J/(kg*K)", 2800.0, 1000.0, 5000.0, "mean heat capacity of the process fluid"),
    Param("process_vapor_fraction", "1", 0.4, 0.0, 1.0, "mass fraction vaporised at the coil outlet"),
    Param("process_latent_heat", "J/kg", 2.5e5, 0.0, 2.5e6, "latent heat of the vaporised fraction"),
    Param("process_viscosity", "Pa*s", 5.0e-4, 1.0e-5, 0.1, "dynamic viscosity of the process fluid in the tubes"),
    Param("process_conductivity", "W/(m*K)", 0.1, 0.01, 1.0, "thermal conductivity of the process fluid"),
    Param("passes", "1", 4.0, 1.0, 16.0, "number of parallel coil passes"),
    # fuel gas, mole fractions
    Param("fuel_x_ch4", "1", 0.62, 0.0, 1.0, "methane mole fraction in the fuel gas"),
    Param("fuel_x_c2h6", "1", 0.10, 0.0, 1.0, "ethane mole fraction in the fuel gas"),
    Param("fuel_x_c3h8", "1", 0.05, 0.0, 1.0, "propane mole fraction in the fuel gas"),
    Param("fuel_x_c4h10", "1", 0.02, 0.0, 1.0, "n-butane mole fraction in the fuel gas"),
    Param("fuel_x_h2", "1", 0.18, 0.0, 1.0, "hydrogen mole fraction in the fuel gas"),
    Param("fuel_x_co", "1", 0.0, 0.0, 1.0, "carbon monoxide mole fraction in the fuel gas"),
    Param("fuel_x_n2", "1", 0.02, 0.0, 1.0, "nitrogen mole fraction in the fuel gas"),
    Param("fuel_x_co2", "1", 0.01, 0.0, 1.0, "carbon dioxide mole fraction in the fuel gas"),
    Param("fuel_x_h2s", "1", 0.0, 0.0, 0.05, "hydrogen sulfide mole fraction in the fuel gas"),
    Param("fuel_temp", "K", 303.15, 250.0, 600.0, "fuel gas temperature at the burners"),
    # combustion air
    Param("excess_air", "1", 0.15, 0.0, 2.0, "combustion air above stoichiometric, fraction"),
    Param("ambient_temp", "K", 288.15, 230.0, 330.0, "ambient air temperature, also the API 560 datum"),
    Param("relative_humidity", "1", 0.5, 0.0, 1.0, "relative humidity of the ambient air"),
    Param("air_preheat_temp", "K", 288.15, 230.0, 700.0, "air temperature after the preheater (ambient = none)"),
    Param("pressure", "Pa", 101325.0, 8.0e4, 1.2e5, "firebox absolute pressure"),
    # radiant section
    Param("firebox_length", "m", 12.0, 1.0, 60.0, "inside length of the box firebox"),
    Param("firebox_width", "m", 6.0, 1.0, 30.0, "inside width of the box firebox"),
    Param("firebox_height", "m", 15.0, 1.0, 60.0, "inside height of the box firebox"),
    Param("rad_tube_count", "1", 104.0, 1.0, 2000.0, "number of radiant tubes"),
    Param("rad_tube_od", "m", 0.1683, 0.03, 0.4, "radiant tube outside diameter"),
    Param("tube_wall", "m", 0.00711, 0.002, 0.04, "wall thickness of the radiant, shield and convection tubes"),
    Param("rad_tube_pitch", "m", 0.3048, 0.03, 1.0, "centre-to-centre spacing of radiant tubes"),
    Param("rad_tube_length", "m", 11.5, 1.0, 50.0, "exposed length of one radiant tube"),
    Param("rad_tube_rows", "1", 1.0, 1.0, 2.0, "rows of radiant tubes in front of the refractory"),
    Param("tube_emissivity", "1", 0.9, 0.3, 1.0, "emissivity of the oxidised tube surface"),
    Param("tube_conductivity", "W/(m*K)", 30.0, 10.0, 60.0, "thermal conductivity of the tube metal"),
    Param("fouling_resistance", "m^2*K/W", 3.5e-4, 0.0, 0.01, "inside fouling resistance, inside-area basis"),
    Param("rad_convection_coeff", "W/(m^2*K)", 11.4, 0.0, 50.0, "gas-to-tube convection coefficient in the firebox"),
    Param("circumferential_flux_factor", "1", 1.8, 1.0, 3.0, "peak-to-average flux ratio around a tube (API 530)"),
    Param("setting_loss", "1", 0.015, 0.0, 0.1, "casing (setting) heat loss as a fraction of the fired duty"),
    # shield and convection sections
    Param("shield_rows", "1", 2.0, 0.0, 6.0, "rows of bare shield tubes"),
    Param("conv_rows", "1", 8.0, 0.0, 40.0, "rows of finned convection tubes"),
    Param("conv_tubes_per_row", "1", 8.0, 1.0, 60.0, "tubes per row in the shield and convection sections"),
    Param("conv_tube_od", "m", 0.1143, 0.03, 0.3, "outside diameter of shield and convection tubes"),
    Param("conv_tube_pitch", "m", 0.2032, 0.04, 0.6, "transverse and longitudinal tube pitch (staggered bank)"),
    Param("conv_tube_length", "m", 11.0, 1.0, 40.0, "exposed length of one convection tube"),
    Param("conv_fin_area_ratio", "1", 5.0, 1.0, 20.0, "total outside area per bare-tube area in the convection rows"),
    Param("conv_fin_efficiency", "1", 0.65, 0.1, 1.0, "weighted fin efficiency of the extended surface"),
    Param("stack_height", "m", 40.0, 0.0, 150.0, "stack height above the convection exit, for the draft"),
    # operating limits
    Param("fuel_flow_max", "kg/s", 5.0, 0.01, 100.0, "largest fuel flow the burners can fire"),
    Param("limit_tube_metal_temp", "K", 898.15, 500.0, 1400.0, "allowed peak tube-metal temperature"),
    Param("limit_bridgewall_temp", "K", 1253.15, 800.0, 1700.0, "allowed bridgewall (firebox exit) temperature"),
    Param("limit_o2_dry", "1", 0.015, 0.0, 0.15, "lowest allowed O2 in the dry flue gas, mole fraction"),
    Param("limit_stack_temp_min", "K", 423.15, 300.0, 700.0, "lowest allowed stack temperature (acid dew point)"),
)

OUTPUTS = (
    Output("fuel_flow", "kg/s", "fuel gas flow that brings the coil outlet to its set point"),
    Output("fired_duty", "W", "heat released, fuel flow times LHV at the ambient datum"),
    Output("absorbed_duty", "W", "heat absorbed by the process fluid"),
    Output("radiant_duty", "W", "heat absorbed in the radiant coil"),
    Output("shield_duty", "W", "heat absorbed in the shield rows"),
    Output("convection_duty", "W", "heat absorbed in the finned convection rows"),
    Output("setting_loss_duty", "W", "heat lost through the casing"),
    Output("aph_duty", "W", "heat recovered by the air preheater"),
    Output("efficiency_lhv", "1", "API 560 fuel efficiency, LHV basis"),
    Output("stack_loss", "1", "stack (flue) loss as a fraction of LHV plus sensible credits"),
    Output("stack_temp", "K", "flue gas temperature leaving to the stack"),
    Output("bridgewall_temp", "K", "flue gas temperature leaving the radiant section"),
    Output("adiabatic_flame_temp", "K", "adiabatic flame temperature, complete combustion"),
    Output("crossover_temp", "K", "process temperature entering the radiant coil"),
    Output("radiant_flux_avg", "W/m^2", "average radiant-section heat flux on the outside tube area"),
    Output("radiant_flux_max", "W/m^2", "peak local radiant flux including the circumferential factor"),
    Output("tube_metal_temp_max", "K", "peak radiant tube-metal temperature"),
    Output("tube_surface_temp_mean", "K", "mean outside temperature of the radiant tubes"),
    Output("gas_emissivity", "1", "firebox gas emissivity at the bridgewall temperature"),
    Output("exchange_factor", "1", "overall radiant exchange factor F"),
    Output("tube_bank_alpha", "1", "effectiveness alpha of the radiant tube bank"),
    Output("mean_beam_length", "m", "firebox mean beam length"),
    Output("o2_dry", "1", "O2 mole fraction in the dry flue gas"),
    Output("air_flow", "kg/s", "combustion air mass flow (humid)"),
    Output("flue_flow", "kg/s", "flue gas mass flow"),
    Output("lhv", "J/kg", "lower heating value of the fuel gas at the ambient datum"),
    Output("hhv", "J/kg", "higher heating value of the fuel gas at 25 C"),
    Output("co2_emissions", "kg/s", "CO2 emitted from all fuel carbon (air CO2 excluded)"),
    Output("stack_draft", "Pa", "natural draft of the stack"),
    Output("inside_film_coeff", "W/(m^2*K)", "process-side film coefficient in the radiant coil"),
    Output("tube_metal_margin", "K", "tube-metal limit minus peak tube-metal temperature"),
    Output("bridgewall_margin", "K", "bridgewall limit minus bridgewall temperature"),
    Output("o2_margin", "1", "dry O2 minus its lower limit"),
    Output("stack_temp_margin", "K", "stack temperature minus its lower limit"),
    Output("energy_residual", "1", "heater energy balance residual relative to the fired duty"),
    Output("mass_residual", "1", "air + fuel - flue mass residual relative to the flue flow"),
    Output("radiant_residual", "1", "firebox balance minus Lobo-Evans exchange, relative to the fired duty"),
    # the cross-unit names of every fuel-burning unit (ARCHITECTURE.md, section 2)
    Output("fuel_input", "kg/s", "total fuel mass flow, all fuels (here fuel_flow)"),
    Output("fuel_heat_input", "W", "fuel heat input, LHV basis (here fired_duty)"),
)

EMISSIONS = (
    Emission("co2_emissions", 1, "fuel combustion", basis="carbon of the fuel gas burnt completely"),
)
PRODUCT = Product("process_flow", "process fluid")

PROFILES = (
    Profile("T_gas", "K", "flue gas from the bridgewall (cell 0) through the shield and convection rows"),
    Profile("T_process_conv", "K", "process fluid at the same stations as T_gas (counter-current)"),
    Profile("T_process_rad", "K", "process fluid along the radiant coil, crossover (cell 0) to outlet"),
    Profile("T_metal_rad", "K", "peak tube-metal temperature along the radiant coil"),
    Profile("q_rad", "W/m^2", "average radiant flux on the outside tube area along the coil"),
)

# Index constants (kept in step with the tables by tests/kernels/test_contract.py).
(
    I_PROCESS_FLOW,
    I_PROCESS_INLET_TEMP,
    I_PROCESS_OUTLET_TEMP,
    I_PROCESS_CP,
    I_PROCESS_VAPOR_FRACTION,
    I_PROCESS_LATENT_HEAT,
    I_PROCESS_VISCOSITY,
    I_PROCESS_CONDUCTIVITY,
    I_PASSES,
    I_FUEL_X_CH4,
    I_FUEL_X_C2H6,
    I_FUEL_X_C3H8,
    I_FUEL_X_C4H10,
    I_FUEL_X_H2,
    I_FUEL_X_CO,
    I_FUEL_X_N2,
    I_FUEL_X_CO2,
    I_FUEL_X_H2S,
    I_FUEL_TEMP,
    I_EXCESS_AIR,
    I_AMBIENT_TEMP,
    I_RELATIVE_HUMIDITY,
    I_AIR_PREHEAT_TEMP,
    I_PRESSURE,
    I_FIREBOX_LENGTH,
    I_FIREBOX_WIDTH,
    I_FIREBOX_HEIGHT,
    I_RAD_TUBE_COUNT,
    I_RAD_TUBE_OD,
    I_TUBE_WALL,
    I_RAD_TUBE_PITCH,
    I_RAD_TUBE_LENGTH,
    I_RAD_TUBE_ROWS,
    I_TUBE_EMISSIVITY,
    I_TUBE_CONDUCTIVITY,
    I_FOULING_RESISTANCE,
    I_RAD_CONVECTION_COEFF,
    I_CIRCUMFERENTIAL_FLUX_FACTOR,
    I_SETTING_LOSS,
    I_SHIELD_ROWS,
    I_CONV_ROWS,
    I_CONV_TUBES_PER_ROW,
    I_CONV_TUBE_OD,
    I_CONV_TUBE_PITCH,
    I_CONV_TUBE_LENGTH,
    I_CONV_FIN_AREA_RATIO,
    I_CONV_FIN_EFFICIENCY,
    I_STACK_HEIGHT,
    I_FUEL_FLOW_MAX,
    I_LIMIT_TUBE_METAL_TEMP,
    I_LIMIT_BRIDGEWALL_TEMP,
    I_LIMIT_O2_DRY,
    I_LIMIT_STACK_TEMP_MIN,
) = range(53)
(
    O_FUEL_FLOW,
    O_FIRED_DUTY,
    O_ABSORBED_DUTY,
    O_RADIANT_DUTY,
    O_SHIELD_DUTY,
    O_CONVECTION_DUTY,
    O_SETTING_LOSS_DUTY,
    O_APH_DUTY,
    O_EFFICIENCY_LHV,
    O_STACK_LOSS,
    O_STACK_TEMP,
    O_BRIDGEWALL_TEMP,
    O_ADIABATIC_FLAME_TEMP,
    O_CROSSOVER_TEMP,
    O_RADIANT_FLUX_AVG,
    O_RADIANT_FLUX_MAX,
    O_TUBE_METAL_TEMP_MAX,
    O_TUBE_SURFACE_TEMP_MEAN,
    O_GAS_EMISSIVITY,
    O_EXCHANGE_FACTOR,
    O_TUBE_BANK_ALPHA,
    O_MEAN_BEAM_LENGTH,
    O_O2_DRY,
    O_AIR_FLOW,
    O_FLUE_FLOW,
    O_LHV,
    O_HHV,
    O_CO2_EMISSIONS,
    O_STACK_DRAFT,
    O_INSIDE_FILM_COEFF,
    O_TUBE_METAL_MARGIN,
    O_BRIDGEWALL_MARGIN,
    O_O2_MARGIN,
    O_STACK_TEMP_MARGIN,
    O_ENERGY_RESIDUAL,
    O_MASS_RESIDUAL,
    O_RADIANT_RESIDUAL,
    O_FUEL_INPUT,
    O_FUEL_HEAT_INPUT,
) = range(39)
(
    F_T_GAS,
    F_T_PROCESS_CONV,
    F_T_PROCESS_RAD,
    F_T_METAL_RAD,
    F_Q_RAD,
) = range(5)

# Fuel-gas mole fractions in p, with the species they map to in kernels.thermo.
FUEL_PARAMS = (
    (I_FUEL_X_CH4, th.CH4), (I_FUEL_X_C2H6, th.C2H6), (I_FUEL_X_C3H8, th.C3H8),
    (I_FUEL_X_C4H10, th.C4H10), (I_FUEL_X_H2, th.H2), (I_FUEL_X_CO, th.CO),
    (I_FUEL_X_N2, th.N2), (I_FUEL_X_CO2, th.CO2), (I_FUEL_X_H2S, th.H2S),
)
_FUEL_P_INDEX = np.array([i for i, _ in FUEL_PARAMS], dtype=np.int64)
_FUEL_SPECIES = np.array([k for _, k in FUEL_PARAMS], dtype=np.int64)
COMPOSITION_GROUPS = (("fuel_x_", 1e-3),)  # mole fractions that must sum to one
_LOW, _HIGH = bounds(PARAMS)
_GRAVITY = 9.80665
_APPROACH_MIN = 10.0  # K, smallest temperature approach of the air preheater
_TOL_T = 1e-9  # relative tolerance of the bridgewall solve (T and residual)
_TOL_Q = 1e-9  # relative tolerance of the duty solve (energy closure follows it)
_MAX_ITER = 100

# Derived per-scenario constants, packed in a work vector g.
(
    G_MOLAR_MASS_FUEL, G_H_IN, G_SETTING_PER_MOL, G_C_PROC, G_Q_REQ, G_T_IN, G_T_OUT,
    G_A_RAD, G_ALPHA_ACP, G_REFR_RATIO, G_R_RAD, G_R_CONV, G_A_SHIELD, G_A_CONV_BARE,
    G_FIN_RATIO, G_ETA_O, G_FREE_AREA, G_P_H2O, G_P_CO2, G_L_BOX, G_L_BANK, G_T_SINK,
    G_M_FLUE, G_PR_FLUE, G_LHV_DATUM, G_H_INSIDE, G_T_GUESS, G_T_STEP,
) = range(28)
N_G = 28
WORK_SIZE = N_G + 4 * th.N_SPECIES + 2 + 2 * ROOT_STATE_SIZE  # scratch floats per scenario
_BATCH_CHUNK = 64  # rows per scratch allocation in solve_batch


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming the parameters.

    Checked by ``twins`` before a run; ``solve`` checks the same rules and returns
    ``OUT_OF_RANGE`` if they are broken.
    """
    v = values
    rules = (
        (v["process_outlet_temp"] > v["process_inlet_temp"],
         "process_outlet_temp must be above process_inlet_temp"),
        (v["air_preheat_temp"] >= v["ambient_temp"],
         "air_preheat_temp must be at least ambient_temp (equal means no preheater)"),
        (v["rad_tube_pitch"] > v["rad_tube_od"], "rad_tube_pitch must exceed rad_tube_od"),
        (v["conv_tube_pitch"] > v["conv_tube_od"], "conv_tube_pitch must exceed conv_tube_od"),
        (2.0 * v["tube_wall"] < min(v["rad_tube_od"], v["conv_tube_od"]),
         "tube_wall must be less than half of rad_tube_od and conv_tube_od"),
    )
    return [message for ok, message in rules if not ok]


@njit(cache=True)
def _check_inputs(p: np.ndarray) -> int:
    for i in range(p.size):
        if not np.isfinite(p[i]):
            return BAD_INPUT
        if p[i] < _LOW[i] or p[i] > _HIGH[i]:
            return OUT_OF_RANGE
    total = 0.0
    for i in _FUEL_P_INDEX:
        total += p[i]
    if abs(total - 1.0) > 1e-3:
        return OUT_OF_RANGE
    if (p[I_PROCESS_OUTLET_TEMP] <= p[I_PROCESS_INLET_TEMP]
            or p[I_AIR_PREHEAT_TEMP] < p[I_AMBIENT_TEMP]
            or p[I_RAD_TUBE_PITCH] <= p[I_RAD_TUBE_OD]
            or p[I_CONV_TUBE_PITCH] <= p[I_CONV_TUBE_OD]
            or 2.0 * p[I_TUBE_WALL] >= min(p[I_RAD_TUBE_OD], p[I_CONV_TUBE_OD])):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _tube_resistance(p: np.ndarray, od: float, h_inside: float) -> float:
    """Inside film + fouling + wall resistance per outside area [m^2 K/W]."""
    di = od - 2.0 * p[I_TUBE_WALL]
    return (od / di * (1.0 / h_inside + p[I_FOULING_RESISTANCE])
            + od * np.log(od / di) / (2.0 * p[I_TUBE_CONDUCTIVITY]))


@njit(cache=True)
def _inside_film(p: np.ndarray, od: float) -> float:
    """Process-side film coefficient of one pass [W/(m^2 K)], Gnielinski."""
    di = od - 2.0 * p[I_TUBE_WALL]
    m_pass = p[I_PROCESS_FLOW] / p[I_PASSES]
    re = 4.0 * m_pass / (np.pi * di * p[I_PROCESS_VISCOSITY])
    pr = p[I_PROCESS_CP] * p[I_PROCESS_VISCOSITY] / p[I_PROCESS_CONDUCTIVITY]
    return gnielinski_nusselt(re, pr) * p[I_PROCESS_CONDUCTIVITY] / di


@njit(cache=True)
def _setup(p, g, x_fuel, x_air, n_air, n_flue) -> int:
    """Fill the work vector and the composition vectors of one scenario."""
    x_fuel[:] = 0.0
    total = 0.0
    for j in range(_FUEL_P_INDEX.size):
        x_fuel[_FUEL_SPECIES[j]] += p[_FUEL_P_INDEX[j]]
        total += p[_FUEL_P_INDEX[j]]
    x_fuel /= total
    if cb.o2_demand(x_fuel) <= 0.0:
        return BAD_INPUT
    t_amb = p[I_AMBIENT_TEMP]
    cb.humid_air(p[I_RELATIVE_HUMIDITY], t_amb, p[I_PRESSURE], x_air)
    n_air[:] = cb.air_per_fuel(x_fuel, x_air, p[I_EXCESS_AIR]) * x_air
    n_total = cb.flue_moles(x_fuel, x_air, p[I_EXCESS_AIR], n_flue)

    g[G_MOLAR_MASS_FUEL] = th.molar_mass_mix(x_fuel)
    g[G_H_IN] = th.h_mix(x_fuel, p[I_FUEL_TEMP]) + th.h_mix(n_air, p[I_AIR_PREHEAT_TEMP])
    g[G_LHV_DATUM] = (th.h_mix(x_fuel, t_amb) + th.h_mix(n_air, t_amb)
                      - th.h_mix(n_flue, t_amb))
    g[G_SETTING_PER_MOL] = p[I_SETTING_LOSS] * g[G_LHV_DATUM]
    m_flue = 0.0
    for k in range(th.N_SPECIES):
        m_flue += n_flue[k] * th.MOLAR_MASS[k]
    g[G_M_FLUE] = m_flue
    t_mid = 0.5 * (p[I_PROCESS_INLET_TEMP] + p[I_PROCESS_OUTLET_TEMP])
    cp_mass = th.cp_mix(n_flue, t_mid + 300.0) / m_flue
    g[G_PR_FLUE] = cp_mass * flue_viscosity(t_mid + 300.0) / flue_conductivity(t_mid + 300.0)

    # process side
    g[G_T_IN] = p[I_PROCESS_INLET_TEMP]
    g[G_T_OUT] = p[I_PROCESS_OUTLET_TEMP]
    g[G_C_PROC] = p[I_PROCESS_FLOW] * p[I_PROCESS_CP]
    g[G_Q_REQ] = (g[G_C_PROC] * (g[G_T_OUT] - g[G_T_IN])
                  + p[I_PROCESS_FLOW] * p[I_PROCESS_VAPOR_FRACTION] * p[I_PROCESS_LATENT_HEAT])
    g[G_H_INSIDE] = _inside_film(p, p[I_RAD_TUBE_OD])
    g[G_R_RAD] = _tube_resistance(p, p[I_RAD_TUBE_OD], g[G_H_INSIDE])
    g[G_R_CONV] = _tube_resistance(p, p[I_CONV_TUBE_OD], _inside_film(p, p[I_CONV_TUBE_OD]))
    g[G_T_SINK] = t_mid

    # radiant section geometry
    od = p[I_RAD_TUBE_OD]
    g[G_A_RAD] = p[I_RAD_TUBE_COUNT] * np.pi * od * p[I_RAD_TUBE_LENGTH]
    a_cp = p[I_RAD_TUBE_COUNT] / p[I_RAD_TUBE_ROWS] * p[I_RAD_TUBE_PITCH] * p[I_RAD_TUBE_LENGTH]
    g[G_ALPHA_ACP] = tube_bank_alpha(od, p[I_RAD_TUBE_PITCH], p[I_RAD_TUBE_ROWS]) * a_cp
    lx, ly, lz = p[I_FIREBOX_LENGTH], p[I_FIREBOX_WIDTH], p[I_FIREBOX_HEIGHT]
    area_box = 2.0 * (lx * ly + lx * lz + ly * lz)
    g[G_REFR_RATIO] = max(area_box - g[G_ALPHA_ACP], 0.0) / g[G_ALPHA_ACP]
    g[G_L_BOX] = mean_beam_length(lx * ly * lz, area_box)
    g[G_P_H2O] = n_flue[th.H2O] / n_total * p[I_PRESSURE]
    g[G_P_CO2] = n_flue[th.CO2] / n_total * p[I_PRESSURE]

    # shield and convection banks
    od_c = p[I_CONV_TUBE_OD]
    tube_area = np.pi * od_c * p[I_CONV_TUBE_LENGTH] * p[I_CONV_TUBES_PER_ROW]
    g[G_A_SHIELD] = p[I_SHIELD_ROWS] * tube_area
    g[G_A_CONV_BARE] = p[I_CONV_ROWS] * tube_area
    g[G_FIN_RATIO] = p[I_CONV_FIN_AREA_RATIO]
    g[G_ETA_O] = surface_efficiency(p[I_CONV_FIN_AREA_RATIO], p[I_CONV_FIN_EFFICIENCY])
    g[G_FREE_AREA] = p[I_CONV_TUBES_PER_ROW] * p[I_CONV_TUBE_LENGTH] * (p[I_CONV_TUBE_PITCH] - od_c)
    g[G_L_BANK] = tube_bank_beam_length(od_c, p[I_CONV_TUBE_PITCH])
    return OK


@njit(cache=True)
def _bank_conductance(p, g, m_flue, t_gas, rows, area_bare, finned) -> float:
    """UA of a tube bank [W/K]: Grimison convection + gas radiation, tube resistances."""
    if area_bare <= 0.0:
        return 0.0
    od = p[I_CONV_TUBE_OD]
    ratio = p[I_CONV_TUBE_PITCH] / od
    re = m_flue / g[G_FREE_AREA] * od / flue_viscosity(t_gas)
    h_conv = (grimison_nusselt(re, g[G_PR_FLUE], ratio, ratio, rows)
              * flue_conductivity(t_gas) / od)
    t_sink = g[G_T_SINK]
    eps = gas_emissivity(t_gas, g[G_P_H2O], g[G_P_CO2], g[G_L_BANK])
    h_rad = SIGMA * eps * (t_gas**2 + t_sink**2) * (t_gas + t_sink)
    if finned:
        h_out = g[G_FIN_RATIO] * g[G_ETA_O] * h_conv + h_rad  # per bare area
    else:
        h_out = h_conv + h_rad
    return area_bare / (1.0 / h_out + g[G_R_CONV])


@njit(cache=True)
def _sections(p, g, n_flue, nf, t_gas, ua):
    """Shield + convection duty [W] for flue entering at t_gas; fills ua[0:2], returns
    (duty, flue heat-capacity rate W/K)."""
    dt = t_gas - g[G_T_IN]
    m_flue = nf * g[G_M_FLUE]
    ua[0] = _bank_conductance(p, g, m_flue, t_gas - 0.1 * dt, p[I_SHIELD_ROWS],
                              g[G_A_SHIELD], False)
    ua[1] = _bank_conductance(p, g, m_flue, g[G_T_IN] + 0.4 * dt, p[I_CONV_ROWS],
                              g[G_A_CONV_BARE], True)
    c_flue = nf * th.cp_mix(n_flue, g[G_T_IN] + 0.5 * dt)
    c_min = min(c_flue, g[G_C_PROC])
    c_max = max(c_flue, g[G_C_PROC])
    eff = counterflow_effectiveness((ua[0] + ua[1]) / c_min, c_min / c_max)
    return eff * c_min * dt, c_flue


@njit(cache=True)
def _radiant(p, g, n_flue, nf, t_gas, t_cross):
    """Radiant section at bridgewall t_gas: (balance duty, exchange duty, T_tube, eps, F)."""
    q_bal = nf * (g[G_H_IN] - th.h_mix(n_flue, t_gas) - g[G_SETTING_PER_MOL])
    t_process = 0.5 * (t_cross + g[G_T_OUT])
    t_tube = t_process + q_bal / g[G_A_RAD] * g[G_R_RAD]
    eps = gas_emissivity(t_gas, g[G_P_H2O], g[G_P_CO2], g[G_L_BOX])
    f_ex = exchange_factor(eps, p[I_TUBE_EMISSIVITY], g[G_REFR_RATIO])
    q_ex = (SIGMA * g[G_ALPHA_ACP] * f_ex * (t_gas**4 - t_tube**4)
            + p[I_RAD_CONVECTION_COEFF] * g[G_A_RAD] * (t_gas - t_tube))
    return q_bal, q_ex, t_tube, eps, f_ex


@njit(cache=True)
def _firebox_residual(p, g, n_flue, nf, t_gas, ua) -> float:
    q_sc, _ = _sections(p, g, n_flue, nf, t_gas, ua)
    t_cross = g[G_T_IN] + q_sc / g[G_C_PROC]
    q_bal, q_ex, _, _, _ = _radiant(p, g, n_flue, nf, t_gas, t_cross)
    return q_bal - q_ex


@njit(cache=True)
def _bridgewall(p, g, n_flue, nf, t_flame, ua, s):
    """Bridgewall temperature [K] at fuel rate nf [mol/s]; NaN if not converged.

    The residual falls with T; the bracket starts around the last solution
    (``g[G_T_GUESS]``), twice as wide as the last change of the solution
    (``g[G_T_STEP]``), and widens fourfold until it holds the root or reaches
    [process inlet, adiabatic flame].
    """
    lo = g[G_T_IN]
    hi = t_flame
    width = min(max(2.0 * g[G_T_STEP], 1e-6 * hi), 20.0)
    guess = g[G_T_GUESS] if lo < g[G_T_GUESS] < hi else 0.5 * (lo + hi)
    a = max(guess - width, lo)
    b = min(guess + width, hi)
    fa = _firebox_residual(p, g, n_flue, nf, a, ua)
    fb = _firebox_residual(p, g, n_flue, nf, b, ua)
    while fa * fb > 0.0 and ((fa > 0.0 and b < hi) or (fa < 0.0 and a > lo)):
        width *= 4.0
        if fa > 0.0:
            a, fa = b, fb
            b = min(b + width, hi)
            fb = _firebox_residual(p, g, n_flue, nf, b, ua)
        else:
            b, fb = a, fa
            a = max(a - width, lo)
            fa = _firebox_residual(p, g, n_flue, nf, a, ua)
    if not root_start(s, a, fa, b, fb):
        return np.nan
    scale = nf * g[G_LHV_DATUM]
    for _ in range(_MAX_ITER):
        t = root_propose(s)
        if root_update(s, t, _firebox_residual(p, g, n_flue, nf, t, ua),
                       _TOL_T * t, _TOL_T * scale):
            t = root_best(s)
            g[G_T_STEP] = abs(t - guess)
            g[G_T_GUESS] = t
            return t
    return np.nan


@njit(cache=True)
def _duty_residual(p, g, n_flue, nf, t_flame, ua, s) -> float:
    t_gas = _bridgewall(p, g, n_flue, nf, t_flame, ua, s)
    q_sc, _ = _sections(p, g, n_flue, nf, t_gas, ua)
    q_rad = nf * (g[G_H_IN] - th.h_mix(n_flue, t_gas) - g[G_SETTING_PER_MOL])
    return q_rad + q_sc - g[G_Q_REQ]


@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve one heater scenario.

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs, ordered as OUTPUTS
    prof : (len(PROFILES), N_CELL) filled with the profiles

    Returns
    -------
    Status code of :mod:`kernels.contract` (``OK`` = 0). On any other status the
    outputs and profiles are NaN.
    """
    return _solve_in(p, out, prof, np.empty(WORK_SIZE))


@njit(cache=True)
def _solve_in(p, out, prof, work) -> int:
    """:func:`solve` with caller-provided scratch space of WORK_SIZE floats."""
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    ns = th.N_SPECIES
    g = work[:N_G]
    x_fuel = work[N_G:N_G + ns]
    x_air = work[N_G + ns:N_G + 2 * ns]
    n_air = work[N_G + 2 * ns:N_G + 3 * ns]
    n_flue = work[N_G + 3 * ns:N_G + 4 * ns]
    rest = N_G + 4 * ns
    ua = work[rest:rest + 2]
    s_inner = work[rest + 2:rest + 2 + ROOT_STATE_SIZE]
    s_outer = work[rest + 2 + ROOT_STATE_SIZE:WORK_SIZE]
    x_air[:] = 0.0
    n_flue[:] = 0.0
    status = _setup(p, g, x_fuel, x_air, n_air, n_flue)
    if status != OK:
        return status
    t_flame = th.temperature_from_h(n_flue, g[G_H_IN], 2000.0)

    # fuel rate [mol/s] that meets the coil outlet temperature; the duty residual rises
    # with firing. Start from 80 % efficiency and widen the bracket until it holds.
    g[G_T_GUESS] = 0.0
    g[G_T_STEP] = 20.0
    nf_max = p[I_FUEL_FLOW_MAX] / g[G_MOLAR_MASS_FUEL]
    nf_min = 1e-4 * nf_max
    guess = min(max(g[G_Q_REQ] / (0.80 * g[G_LHV_DATUM]), nf_min), nf_max)
    a = max(0.97 * guess, nf_min)
    b = min(1.03 * guess, nf_max)
    fa = _duty_residual(p, g, n_flue, a, t_flame, ua, s_inner)
    fb = _duty_residual(p, g, n_flue, b, t_flame, ua, s_inner)
    while fa * fb > 0.0 and ((fa < 0.0 and b < nf_max) or (fa > 0.0 and a > nf_min)):
        if fa < 0.0:
            a, fa = b, fb
            b = min(1.25 * b, nf_max)
            fb = _duty_residual(p, g, n_flue, b, t_flame, ua, s_inner)
        else:
            b, fb = a, fa
            a = max(0.8 * a, nf_min)
            fa = _duty_residual(p, g, n_flue, a, t_flame, ua, s_inner)
    if not (np.isfinite(fa) and np.isfinite(fb)):
        return NOT_CONVERGED
    if fb < 0.0 or fa > 0.0:
        return INFEASIBLE  # duty above the largest firing, or below the smallest
    root_start(s_outer, a, fa, b, fb)
    converged = False
    for _ in range(_MAX_ITER):
        nf = root_propose(s_outer)
        f = _duty_residual(p, g, n_flue, nf, t_flame, ua, s_inner)
        if not np.isfinite(f):
            return NOT_CONVERGED
        if root_update(s_outer, nf, f, _TOL_Q * nf, _TOL_Q * g[G_Q_REQ]):
            converged = True
            break
    if not converged:
        return NOT_CONVERGED
    nf = root_best(s_outer)
    return _report(p, g, x_fuel, n_air, n_flue, nf, t_flame, ua, s_inner, out, prof)


@njit(cache=True)
def _report(p, g, x_fuel, n_air, n_flue, nf, t_flame, ua, s, out, prof) -> int:
    """Fill outputs and profiles at the converged fuel rate."""
    t_amb = p[I_AMBIENT_TEMP]
    t_gas = _bridgewall(p, g, n_flue, nf, t_flame, ua, s)
    q_sc, c_flue = _sections(p, g, n_flue, nf, t_gas, ua)
    t_cross = g[G_T_IN] + q_sc / g[G_C_PROC]
    q_rad, q_exchange, t_tube, eps, f_ex = _radiant(p, g, n_flue, nf, t_gas, t_cross)
    q_setting = nf * g[G_SETTING_PER_MOL]

    # flue path: bridgewall -> shield -> convection -> air preheater -> stack
    h_bw = th.h_mix(n_flue, t_gas)
    t_conv_out = th.temperature_from_h(n_flue, h_bw - q_sc / nf, t_gas - q_sc / c_flue)
    q_aph = nf * (th.h_mix(n_air, p[I_AIR_PREHEAT_TEMP]) - th.h_mix(n_air, t_amb))
    t_stack = th.temperature_from_h(n_flue, h_bw - (q_sc + q_aph) / nf, t_conv_out)
    if q_aph > 0.0 and (t_conv_out - p[I_AIR_PREHEAT_TEMP] < _APPROACH_MIN
                        or t_stack - t_amb < _APPROACH_MIN):
        return INFEASIBLE

    # profiles along the shield and convection rows (counter-flow, UA coordinate)
    ua_total = ua[0] + ua[1]
    k = 1.0 / c_flue - 1.0 / g[G_C_PROC]
    dt_hot = t_gas - t_cross
    q_shield = 0.0
    for j in range(N_CELL):
        a = ua_total * j / (N_CELL - 1)
        q_a = dt_hot * a if abs(k * a) < 1e-12 else dt_hot * (1.0 - np.exp(-k * a)) / k
        prof[F_T_GAS, j] = th.temperature_from_h(n_flue, h_bw - q_a / nf, t_gas - q_a / c_flue)
        prof[F_T_PROCESS_CONV, j] = t_cross - q_a / g[G_C_PROC]
    if ua_total > 0.0:
        a = ua[0]
        q_shield = dt_hot * a if abs(k * a) < 1e-12 else dt_hot * (1.0 - np.exp(-k * a)) / k
        q_shield *= q_sc / (dt_hot * ua_total if abs(k * ua_total) < 1e-12
                            else dt_hot * (1.0 - np.exp(-k * ua_total)) / k)
    q_max = _coil_profiles(p, g, t_gas, t_cross, q_rad, f_ex, prof)

    # API 560 efficiency, datum = ambient temperature
    fired = nf * g[G_LHV_DATUM]
    credits = nf * (th.h_mix(x_fuel, p[I_FUEL_TEMP]) - th.h_mix(x_fuel, t_amb))
    q_abs = q_rad + q_sc
    stack_loss = nf * (th.h_mix(n_flue, t_stack) - th.h_mix(n_flue, t_amb)) / (fired + credits)
    m_fuel = nf * g[G_MOLAR_MASS_FUEL]
    m_air = 0.0
    for i in range(th.N_SPECIES):
        m_air += n_air[i] * th.MOLAR_MASS[i]
    m_air *= nf
    m_flue = nf * g[G_M_FLUE]
    energy_in = nf * (th.h_mix(x_fuel, p[I_FUEL_TEMP]) + th.h_mix(n_air, t_amb))
    energy_out = nf * th.h_mix(n_flue, t_stack) + g[G_Q_REQ] + q_setting

    # stack draft from the density difference of ambient air and flue gas
    r_over_p = th.R_GAS / p[I_PRESSURE]
    n_air_sum = n_air.sum()
    rho_air = m_air / (nf * n_air_sum) / (r_over_p * t_amb)
    rho_flue = g[G_M_FLUE] / n_flue.sum() / (r_over_p * t_stack)

    out[O_FUEL_FLOW] = m_fuel
    out[O_FIRED_DUTY] = fired
    out[O_ABSORBED_DUTY] = q_abs
    out[O_RADIANT_DUTY] = q_rad
    out[O_SHIELD_DUTY] = q_shield
    out[O_CONVECTION_DUTY] = q_sc - q_shield
    out[O_SETTING_LOSS_DUTY] = q_setting
    out[O_APH_DUTY] = q_aph
    out[O_EFFICIENCY_LHV] = q_abs / (fired + credits)
    out[O_STACK_LOSS] = stack_loss
    out[O_STACK_TEMP] = t_stack
    out[O_BRIDGEWALL_TEMP] = t_gas
    out[O_ADIABATIC_FLAME_TEMP] = t_flame
    out[O_CROSSOVER_TEMP] = t_cross
    out[O_RADIANT_FLUX_AVG] = q_rad / g[G_A_RAD]
    out[O_RADIANT_FLUX_MAX] = q_max
    out[O_TUBE_METAL_TEMP_MAX] = prof[F_T_METAL_RAD].max()
    out[O_TUBE_SURFACE_TEMP_MEAN] = t_tube
    out[O_GAS_EMISSIVITY] = eps
    out[O_EXCHANGE_FACTOR] = f_ex
    out[O_TUBE_BANK_ALPHA] = tube_bank_alpha(p[I_RAD_TUBE_OD], p[I_RAD_TUBE_PITCH],
                                             p[I_RAD_TUBE_ROWS])
    out[O_MEAN_BEAM_LENGTH] = g[G_L_BOX]
    out[O_O2_DRY] = n_flue[th.O2] / (n_flue.sum() - n_flue[th.H2O])
    out[O_AIR_FLOW] = m_air
    out[O_FLUE_FLOW] = m_flue
    out[O_LHV] = g[G_LHV_DATUM] / g[G_MOLAR_MASS_FUEL]
    out[O_HHV] = cb.hhv_mass(x_fuel)
    out[O_CO2_EMISSIONS] = nf * (n_flue[th.CO2] - n_air[th.CO2]) * th.MOLAR_MASS[th.CO2]
    out[O_STACK_DRAFT] = _GRAVITY * p[I_STACK_HEIGHT] * (rho_air - rho_flue)
    out[O_INSIDE_FILM_COEFF] = g[G_H_INSIDE]
    out[O_TUBE_METAL_MARGIN] = p[I_LIMIT_TUBE_METAL_TEMP] - out[O_TUBE_METAL_TEMP_MAX]
    out[O_BRIDGEWALL_MARGIN] = p[I_LIMIT_BRIDGEWALL_TEMP] - t_gas
    out[O_O2_MARGIN] = out[O_O2_DRY] - p[I_LIMIT_O2_DRY]
    out[O_STACK_TEMP_MARGIN] = t_stack - p[I_LIMIT_STACK_TEMP_MIN]
    out[O_ENERGY_RESIDUAL] = (energy_in - energy_out) / fired
    out[O_MASS_RESIDUAL] = (m_air + m_fuel - m_flue) / m_flue
    out[O_RADIANT_RESIDUAL] = (q_rad - q_exchange) / fired
    out[O_FUEL_INPUT] = m_fuel
    out[O_FUEL_HEAT_INPUT] = fired
    return OK


@njit(cache=True)
def _coil_profiles(p, g, t_gas, t_cross, q_rad, f_ex, prof) -> float:
    """Flux, process and peak tube-metal temperature along the radiant coil.

    Each of N_CELL equal-area stations sees the well-stirred gas at t_gas; its local
    flux follows the exchange equation at the local tube temperature (Newton on q),
    and the fluxes are scaled so that they add up to the radiant duty. Returns the
    peak local flux including the circumferential factor [W/m^2].
    """
    a_cell = g[G_A_RAD] / N_CELL
    rad_coef = SIGMA * g[G_ALPHA_ACP] * f_ex / g[G_A_RAD]
    h_c = p[I_RAD_CONVECTION_COEFF]
    r_tube = g[G_R_RAD]
    c_eff = q_rad / (g[G_T_OUT] - t_cross)  # apparent capacity incl. latent heat
    q_avg = q_rad / g[G_A_RAD]
    total = 0.0
    cum = 0.0
    for j in range(N_CELL):
        q = q_avg
        for _ in range(30):
            t_p = t_cross + (cum + 0.5 * q * a_cell) / c_eff
            t_t = t_p + q * r_tube
            f = rad_coef * (t_gas**4 - t_t**4) + h_c * (t_gas - t_t) - q
            df = -(4.0 * rad_coef * t_t**3 + h_c) * (r_tube + 0.5 * a_cell / c_eff) - 1.0
            step = f / df
            q -= step
            if abs(step) < 1e-10 * q_avg:
                break
        prof[F_Q_RAD, j] = q
        cum += q * a_cell
        total += q * a_cell
    scale = q_rad / total
    cum = 0.0
    f_circ = p[I_CIRCUMFERENTIAL_FLUX_FACTOR]
    for j in range(N_CELL):
        q = prof[F_Q_RAD, j] * scale
        prof[F_Q_RAD, j] = q
        t_p = t_cross + (cum + 0.5 * q * a_cell) / c_eff
        prof[F_T_PROCESS_RAD, j] = t_p
        prof[F_T_METAL_RAD, j] = t_p + f_circ * q * r_tube
        cum += q * a_cell
    return f_circ * prof[F_Q_RAD].max()


@njit(cache=True, parallel=True)
def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Solve many scenarios, one row of P each, in parallel over chunks of rows.

    P : (n, len(PARAMS)); OUT : (n, len(OUTPUTS)); PROF : (n, len(PROFILES), N_CELL);
    STATUS : (n,) int8. A failing row gets its status and NaN results; others go on.
    Scratch space is allocated once per chunk of rows, not per row.
    """
    n = P.shape[0]
    n_chunks = (n + _BATCH_CHUNK - 1) // _BATCH_CHUNK
    for c in prange(n_chunks):
        work = np.empty(WORK_SIZE)
        for i in range(c * _BATCH_CHUNK, min(n, (c + 1) * _BATCH_CHUNK)):
            STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], work)


@njit(cache=True, nogil=True)
def solve_batch_serial(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray,
                       STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`solve_batch` for Dask workers and nested calls."""
    work = np.empty(WORK_SIZE)
    for i in range(P.shape[0]):
        STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], work)
