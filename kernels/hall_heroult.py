"""Aluminium Hall–Héroult cell (prebake, point-fed): voltage, efficiency, heat and ledge.

The steady cell is solved the way it runs: the bath temperature is the one at which
the heat generated in the cell equals the heat taken by the electrolysis plus the
losses through top, bottom and side ledge; the ledge thickness follows from the side
heat flux, the current efficiency from the superheat. One scenario:

1. Bath properties at the bath composition (wt%) and temperature T
   (:mod:`kernels.hh_bath`): Hives (or Wang–Tabereaux) conductivity, Solheim liquidus,
   Skybakmoen alumina saturation, Haupin alumina activity, bath ratio.
2. Haupin's (1998) voltage breakdown (:mod:`kernels.hh_voltage`): reversible potential,
   anode surface and concentration overvoltages (critical current density with
   alumina), cathode concentration overvoltage, bubble layer and bath drops with
   anode fanning, anode, cathode and external drops.
3. Current efficiency from Dewing's (1991) correlation in superheat, excess AlF3 and
   LiF; Faraday production, alumina and carbon consumption, CO2/CO
   (:mod:`kernels.hh_efficiency`).
4. Heat balance (:mod:`kernels.hh_heat`): ``I (V - V_ext) = H_rxn + Q_top + Q_bottom +
   Q_side + Q_anodes`` with the electrolysis enthalpy from feed and carbon temperatures
   to products at T, Q_side through the steady side ledge and Q_anodes the mean heat
   that new cold anodes take up. T is found by bracketed root
   finding (:mod:`kernels.numerics`) between the liquidus and 80 K above it.
5. Emissions: anode carbon to CO2, PFCs from anode effects by the IPCC Tier 2 slope
   with stated GWPs, electricity at a grid emission factor after rectifier losses.

The dynamic cell (``step``, ``initial_state``; :mod:`kernels.hh_dynamics`) and the
potline (``potline_run``; :mod:`kernels.hh_potline`) use the same parameter vector.

Validation (tests/kernels/test_hh_*.py): Faraday and energy figures, the 6.34 kWh/kg
theoretical energy, E_rev against Cantera thermochemistry, Hives and Solheim at the
textbook bath, the operating window of a modern 300 kA prebake cell, and dynamics.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

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
from kernels.hh_cell import (
    C_ACTIVITY,
    C_CE,
    C_CONDUCTIVITY,
    C_LIQUIDUS,
    C_RATIO,
    C_SATURATION,
    N_C,
    N_W,
    cell_state,
    fill_composition,
    liquidus,
    saturation,
)
from kernels.hh_dynamics import (  # noqa: F401  (the dynamic cell, re-exported)
    N_STATE,
    STATE_NAMES,
    cell_enthalpy,
    initial_state,
    step,
)
from kernels.hh_efficiency import (
    M_AL2O3,
    M_C,
    M_CO,
    M_CO2,
    alumina_rate,
    aluminium_rate,
    anode_carbon_rate,
    anode_gas_rates,
    specific_energy,
)
from kernels.hh_heat import (
    h_graphite,
    reaction_enthalpy_rate,
    side_heat_flux_without_ledge,
    steady_ledge_thickness,
)
from kernels.hh_index import (  # noqa: F401  (the index constants, re-exported)
    I_ACD,
    I_AE_DURATION,
    I_AE_FREQUENCY,
    I_AE_KILL_FEED,
    I_AE_VOLTAGE,
    I_ALF3_EXCESS,
    I_ALUMINA,
    I_ALUMINA_ANODE_EFFECT,
    I_AMBIENT_TEMP,
    I_ANODE_ASSEMBLY_RESISTANCE,
    I_ANODE_CHANGE_INTERVAL,
    I_ANODE_DENSITY,
    I_ANODE_HEATUP_TIME,
    I_ANODE_HEIGHT,
    I_ANODE_LENGTH,
    I_ANODE_MASS,
    I_ANODE_RESISTIVITY,
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
    I_CATHODE_RESISTANCE,
    I_CE_CONSTANT,
    I_CONDUCTIVITY_MODEL,
    I_EXCESS_CARBON,
    I_EXTERNAL_RESISTANCE,
    I_FANNING,
    I_FEED_TEMP,
    I_GRID_EMISSION_FACTOR,
    I_GWP_C2F6,
    I_GWP_CF4,
    I_KF,
    I_LEDGE_CONDUCTIVITY,
    I_LEDGE_DENSITY,
    I_LEDGE_LATENT_HEAT,
    I_LIF,
    I_LIMIT_LEDGE_MIN,
    I_LIMIT_SUPERHEAT_MAX,
    I_LINE_CURRENT,
    I_METAL_DENSITY,
    I_METAL_MASS,
    I_MGF2,
    I_N_ANODES,
    I_OVERFEED_FACTOR,
    I_OVERFEED_TIME,
    I_PSEUDO_EMF,
    I_RECTIFIER_EFFICIENCY,
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
    O_ALUMINA_ACTIVITY,
    O_ALUMINA_CONSUMPTION,
    O_ALUMINA_SATURATION,
    O_ALUMINIUM_PRODUCTION,
    O_ANODE_CONCENTRATION_OVERVOLTAGE,
    O_ANODE_CURRENT_DENSITY,
    O_ANODE_DROP,
    O_ANODE_HEATING,
    O_ANODE_SURFACE_OVERVOLTAGE,
    O_BATH_CONDUCTIVITY,
    O_BATH_DROP,
    O_BATH_RATIO,
    O_BATH_TEMP,
    O_BUBBLE_COVERAGE,
    O_BUBBLE_DROP,
    O_BUBBLE_THICKNESS,
    O_C2F6_EMISSIONS,
    O_CARBON_CONSUMPTION,
    O_CATHODE_DROP,
    O_CATHODE_OVERVOLTAGE,
    O_CELL_VOLTAGE,
    O_CF4_EMISSIONS,
    O_CO2_ANODE,
    O_CO2E_EMISSIONS,
    O_CO2E_INTENSITY,
    O_CO_ANODE,
    O_CRITICAL_CURRENT_DENSITY,
    O_CURRENT_EFFICIENCY,
    O_EFFECTIVE_CURRENT_DENSITY,
    O_ELECTRICITY_CO2E,
    O_ENERGY_CONSUMPTION,
    O_ENERGY_RESIDUAL,
    O_EXTERNAL_DROP,
    O_HEAT_LOSS_BOTTOM,
    O_HEAT_LOSS_SIDE,
    O_HEAT_LOSS_TOP,
    O_LEDGE_MARGIN,
    O_LEDGE_THICKNESS,
    O_LIQUIDUS_TEMP,
    O_MASS_RESIDUAL,
    O_PFC_CO2E,
    O_POWER_DC,
    O_REACTION_ENTHALPY,
    O_REVERSIBLE_POTENTIAL,
    O_SIDE_HEAT_FLUX,
    O_SPECIFIC_ENERGY,
    O_SUPERHEAT,
    O_SUPERHEAT_MARGIN,
)
from kernels.hh_voltage import (
    N_V,
    V_ANODE,
    V_ANODE_CONCENTRATION,
    V_ANODE_SURFACE,
    V_BATH,
    V_BUBBLE,
    V_BUBBLE_COVERAGE,
    V_BUBBLE_THICKNESS,
    V_CATHODE,
    V_CATHODE_CONCENTRATION,
    V_CRITICAL_CURRENT_DENSITY,
    V_CURRENT_DENSITY,
    V_EFFECTIVE_CURRENT_DENSITY,
    V_EXTERNAL,
    V_REVERSIBLE,
    bubble_thickness,
    effective_anode_area,
)
from kernels.numerics import ROOT_STATE_SIZE, root_propose, root_start, root_update

PARAMS = (
    Param("line_current", "A", 300.0e3, 1.0e4, 1.0e6,
          "DC line current through the cell"),
    Param("acd", "m", 0.045, 0.002, 0.10,
          "anode-cathode distance, anode bottom to metal pad"),
    Param("alumina", "1", 0.03, 0.01, 0.10,
          "dissolved alumina, mass fraction of the bath"),
    Param("alf3_excess", "1", 0.11, 0.0, 0.20,
          "excess AlF3 above cryolite, mass fraction of the bath"),
    Param("caf2", "1", 0.05, 0.0, 0.10,
          "CaF2, mass fraction of the bath"),
    Param("lif", "1", 0.0, 0.0, 0.05,
          "LiF, mass fraction of the bath"),
    Param("mgf2", "1", 0.0, 0.0, 0.05,
          "MgF2, mass fraction of the bath"),
    Param("kf", "1", 0.0, 0.0, 0.05,
          "KF, mass fraction of the bath"),
    Param("conductivity_model", "1", 0.0, 0.0, 1.0,
          "bath conductivity correlation: 0 Hives et al. 1996, 1 Wang-Peterson-Tabereaux 1992"),
    Param("n_anodes", "1", 40.0, 1.0, 100.0,
          "number of prebaked anodes"),
    Param("anode_length", "m", 1.5, 0.3, 3.0,
          "length of one anode bottom"),
    Param("anode_width", "m", 0.6, 0.2, 1.5,
          "width of one anode bottom"),
    Param("anode_height", "m", 0.45, 0.05, 0.8,
          "mean carbon height of the anodes over their life"),
    Param("anode_resistivity", "ohm*m", 5.5e-5, 1.0e-5, 1.5e-4,
          "electrical resistivity of the baked anode carbon"),
    Param("anode_assembly_resistance", "ohm", 0.33e-6, 0.0, 5.0e-6,
          "rods, yokes, stubs and stub-carbon contacts of all anodes in parallel"),
    Param("fanning", "1", 0.5, 0.0, 2.0,
          "current fanning: anode widened on every side by fanning x ACD"),
    Param("cathode_area", "m^2", 45.0, 5.0, 150.0,
          "metal pad (cathode) area carrying the current"),
    Param("cathode_resistance", "ohm", 1.0e-6, 0.0, 5.0e-6,
          "cathode block, collector bars and contacts of the cell"),
    Param("external_resistance", "ohm", 0.5e-6, 0.0, 5.0e-6,
          "busbar between this cell and the next, per cell"),
    Param("alumina_anode_effect", "1", 0.018, 0.005, 0.03,
          "alumina mass fraction at which the anode effect starts"),
    Param("ce_constant", "1", 0.81, -1.0, 2.0,
          "cell-design constant of the Dewing current-efficiency correlation"),
    Param("excess_carbon", "1", 0.08, 0.0, 0.3,
          "anode carbon burnt by air and CO2 above the electrolytic need, kg per kg Al"),
    Param("rectifier_efficiency", "1", 0.975, 0.8, 1.0,
          "AC-to-DC efficiency of transformers and rectifiers"),
    Param("grid_emission_factor", "kg/J", 1.3888888888888888e-07, 0.0, 5.0e-7,
          "CO2e of the electricity drawn from the grid per joule (0.5 kg/kWh)"),
    Param("ae_frequency", "1/s", 5.787037037037037e-07, 0.0, 1.2e-4,
          "anode effects per cell and second, steady case (0.05 per cell-day)"),
    Param("ae_duration", "s", 30.0, 1.0, 3600.0,
          "duration of one anode effect"),
    Param("ae_voltage", "V", 25.0, 5.0, 60.0,
          "cell voltage during an anode effect (without the external drop)"),
    Param("slope_cf4", "1", 0.20592, 0.0, 2.0,
          "IPCC Tier 2 CF4 slope, kg CF4/kg Al per AE time fraction (0.143 (kg/t)/(AE-min/cell-day))"),
    Param("c2f6_to_cf4", "1", 0.121, 0.0, 1.0,
          "C2F6 to CF4 weight fraction (IPCC 2006, point-feed prebake)"),
    Param("gwp_cf4", "1", 6630.0, 0.0, 20000.0,
          "global warming potential of CF4, 100 years (IPCC AR5)"),
    Param("gwp_c2f6", "1", 11100.0, 0.0, 30000.0,
          "global warming potential of C2F6, 100 years (IPCC AR5)"),
    Param("ambient_temp", "K", 308.15, 250.0, 330.0,
          "ambient air temperature around the cell"),
    Param("feed_temp", "K", 373.15, 250.0, 700.0,
          "temperature of the alumina fed (secondary alumina from the dry scrubber)"),
    Param("carbon_temp", "K", 298.15, 250.0, 1300.0,
          "temperature from which the consumed anode carbon is heated"),
    Param("top_conductance", "W/K", 310.0, 10.0, 5000.0,
          "heat conductance bath to ambient through crust, anode cover and stubs"),
    Param("bottom_conductance", "W/K", 90.0, 1.0, 2000.0,
          "heat conductance bath and metal to ambient through the cathode bottom"),
    Param("side_area", "m^2", 17.0, 1.0, 100.0,
          "side lining area wetted by bath and metal"),
    Param("bath_ledge_htc", "W/(m^2*K)", 1000.0, 100.0, 5000.0,
          "heat transfer coefficient bath to ledge face"),
    Param("ledge_conductivity", "W/(m*K)", 1.5, 0.3, 5.0,
          "thermal conductivity of the frozen side ledge"),
    Param("side_wall_resistance", "m^2*K/W", 0.035, 0.001, 0.5,
          "side lining, shell and outside convection and radiation per m^2"),
    Param("limit_ledge_min", "m", 0.02, 0.0, 0.3,
          "thinnest allowed side ledge"),
    Param("limit_superheat_max", "K", 20.0, 1.0, 100.0,
          "largest allowed superheat"),
    Param("bath_mass", "kg", 6000.0, 500.0, 50000.0,
          "liquid bath, start of a dynamic run"),
    Param("metal_mass", "kg", 18000.0, 500.0, 100000.0,
          "liquid metal pad, start of a dynamic run"),
    Param("bath_cp", "J/(kg*K)", 1880.0, 1000.0, 3000.0,
          "heat capacity of the liquid bath (cryolite)"),
    Param("ledge_density", "kg/m^3", 2700.0, 1500.0, 3200.0,
          "density of the frozen ledge"),
    Param("ledge_latent_heat", "J/kg", 5.1e5, 1.0e5, 1.0e6,
          "heat of fusion of the ledge (cryolite)"),
    Param("metal_density", "kg/m^3", 2300.0, 2000.0, 2500.0,
          "density of liquid aluminium"),
    Param("anode_density", "kg/m^3", 1550.0, 1000.0, 2000.0,
          "apparent density of the anode carbon"),
    Param("shot_mass", "kg", 9.0, 0.1, 100.0,
          "alumina per feeding event (all point feeders)"),
    Param("underfeed_factor", "1", 0.6, 0.0, 0.99,
          "feed rate in the tracking (underfeed) phase relative to consumption"),
    Param("overfeed_factor", "1", 1.5, 1.01, 4.0,
          "feed rate in the overfeed phase relative to consumption"),
    Param("overfeed_time", "s", 2400.0, 60.0, 36000.0,
          "duration of one overfeed phase"),
    Param("underfeed_time_max", "s", 14400.0, 600.0, 86400.0,
          "longest underfeed phase before the controller overfeeds anyway"),
    Param("tracking_slope", "ohm/s", 7.5e-11, 1.0e-13, 1.0e-8,
          "pseudo-resistance slope that ends the underfeed phase"),
    Param("resistance_filter_time", "s", 600.0, 10.0, 7200.0,
          "time constant of the pseudo-resistance and slope filters"),
    Param("pseudo_emf", "V", 1.65, 0.0, 3.0,
          "back EMF subtracted in the pseudo-resistance (V - E) / I"),
    Param("target_voltage", "V", 4.0, 2.0, 8.0,
          "set point of the measured cell voltage (external drop excluded)"),
    Param("voltage_deadband", "V", 0.03, 0.0, 1.0,
          "no beam move while the voltage is this close to its target"),
    Param("beam_move_max", "m", 0.003, 0.0, 0.02,
          "largest ACD change of one beam move"),
    Param("ae_kill_feed", "kg", 30.0, 0.0, 500.0,
          "alumina added when an anode effect starts"),
    Param("tap_interval", "s", 86400.0, 3600.0, 604800.0,
          "time between metal taps"),
    Param("tap_mass", "kg", 2300.0, 0.0, 20000.0,
          "metal removed at each tap"),
    Param("anode_change_interval", "s", 64800.0, 3600.0, 604800.0,
          "time between anode changes (one anode each)"),
    Param("anode_mass", "kg", 850.0, 0.0, 3000.0,
          "carbon mass of a new anode, set cold into the cell"),
    Param("anode_heatup_time", "s", 28800.0, 600.0, 172800.0,
          "time constant of the heating of a new anode"),
)

OUTPUTS = (
    Output("cell_voltage", "V", "cell voltage including the external (busbar) share"),
    Output("reversible_potential", "V", "reversible potential at bath temperature and alumina activity"),
    Output("anode_surface_overvoltage", "V", "anode reaction (surface) overvoltage"),
    Output("anode_concentration_overvoltage", "V", "anode concentration overvoltage"),
    Output("cathode_overvoltage", "V", "cathode concentration overvoltage"),
    Output("bubble_drop", "V", "ohmic drop in the gas-bubble layer under the anodes"),
    Output("bath_drop", "V", "ohmic drop in the bubble-free bath between bubble layer and metal"),
    Output("anode_drop", "V", "ohmic drop in anode carbon and anode assembly"),
    Output("cathode_drop", "V", "ohmic drop in cathode block, collector bars and contacts"),
    Output("external_drop", "V", "ohmic drop in the busbar share of the cell"),
    Output("anode_current_density", "A/m^2", "line current over the geometric anode area"),
    Output("effective_current_density", "A/m^2", "line current over the effective (fanned) anode area"),
    Output("critical_current_density", "A/m^2", "anode current density at which an anode effect starts"),
    Output("bubble_thickness", "m", "thickness of the gas-bubble layer under the anodes"),
    Output("bubble_coverage", "1", "fraction of the anode bottom covered by bubbles"),
    Output("bath_temp", "K", "bath temperature that closes the heat balance"),
    Output("liquidus_temp", "K", "liquidus temperature of the bath (Solheim et al. 1996)"),
    Output("superheat", "K", "bath temperature above its liquidus"),
    Output("alumina_saturation", "1", "alumina solubility at bath temperature, mass fraction (Skybakmoen et al. 1997)"),
    Output("alumina_activity", "1", "activity of dissolved alumina (solid reference)"),
    Output("bath_conductivity", "S/m", "electrical conductivity of the bath"),
    Output("bath_ratio", "1", "weight ratio NaF/AlF3 of the bath"),
    Output("current_efficiency", "1", "current efficiency (Dewing 1991)"),
    Output("aluminium_production", "kg/s", "aluminium made (Faraday's law at the current efficiency)"),
    Output("specific_energy", "J/kg", "DC electrical energy per kg of aluminium (external drop included)"),
    Output("alumina_consumption", "kg/s", "alumina consumed by the electrolysis"),
    Output("carbon_consumption", "kg/s", "net anode carbon consumption, electrolytic plus excess"),
    Output("co2_anode", "kg/s", "CO2 from the anode carbon, CO burnt to CO2 in the fume duct included"),
    Output("co_anode", "kg/s", "CO in the anode gas from the back reaction"),
    Output("cf4_emissions", "kg/s", "CF4 from anode effects (IPCC Tier 2 slope)"),
    Output("c2f6_emissions", "kg/s", "C2F6 from anode effects (fixed weight fraction of the CF4)"),
    Output("pfc_co2e", "kg/s", "CF4 and C2F6 from anode effects as CO2 equivalent (gwp_cf4, gwp_c2f6)"),
    Output("electricity_co2e", "kg/s", "CO2e of the AC electricity drawn from the grid"),
    Output("co2e_emissions", "kg/s", "all CO2e: anode carbon, PFCs and electricity"),
    Output("co2e_intensity", "kg/kg", "CO2e per mass of aluminium (kg/kg = t/t)"),
    Output("energy_consumption", "W", "AC electric power drawn from the grid (rectifier losses included)"),
    Output("power_dc", "W", "DC power into the cell, external drop included"),
    Output("reaction_enthalpy", "W", "electrolysis enthalpy, feed and carbon to products at bath temperature"),
    Output("heat_loss_top", "W", "heat lost through crust, anode cover and stubs"),
    Output("heat_loss_side", "W", "heat lost through side ledge and side lining"),
    Output("heat_loss_bottom", "W", "heat lost through the cathode bottom"),
    Output("anode_heating", "W", "heat taken by new anodes warming to bath temperature, mean over anode changes"),
    Output("side_heat_flux", "W/m^2", "heat flux through the side lining"),
    Output("ledge_thickness", "m", "steady side-ledge thickness"),
    Output("ledge_margin", "m", "ledge thickness minus its lower limit"),
    Output("superheat_margin", "K", "superheat limit minus superheat"),
    Output("energy_residual", "1", "cell heat balance residual relative to the electrical power in the cell"),
    Output("mass_residual", "1", "oxygen balance alumina consumed versus anode gas, relative"),
)

# The greenhouse-gas flows among the outputs, for the carbon account (twins.carbon): the
# carbon account applies its own GWP set to the PFC gas masses; pfc_co2e and co2e_* use
# the gwp_* parameters.
EMISSIONS = (
    Emission("co2_anode", 1, "anode carbon", basis="net carbon consumption (electrolytic + excess_carbon) "
             "burnt to CO2, CO included (oxidised in the fume duct)"),
    Emission("cf4_emissions", 1, "anode effects", gas="CF4",
             basis="IPCC 2006 Tier 2 slope x anode-effect time (ae_frequency x ae_duration)"),
    Emission("c2f6_emissions", 1, "anode effects", gas="C2F6", basis="c2f6_to_cf4 x CF4 (IPCC 2006)"),
    Emission("electricity_co2e", 2, "electricity (grid)",
             basis="DC power / rectifier_efficiency x grid_emission_factor"),
)
PRODUCT = Product("aluminium_production", "aluminium")

N_CELL = 8

PROFILES = (
    Profile("T_ledge", "K", "temperature across the side ledge, bath face (cell 0, liquidus) to wall face"),
)
F_T_LEDGE = 0

_LOW, _HIGH = bounds(PARAMS)
_M_O = 15.999e-3
_SUPERHEAT_MAX = 80.0  # K, upper end of the bath-temperature bracket
_SUPERHEAT_GUESS = (4.0, 25.0)  # K, first bracket of the superheat
_TOL_T = 1e-10  # relative tolerance of the bath temperature (energy residual ~1e-12)
_MAX_ITER = 100
_CRYOLITE_MIN = 0.5  # smallest cryolite mass fraction of the bath
WORK_SIZE = N_V + N_C + N_W + ROOT_STATE_SIZE + 8
_BATCH_CHUNK = 64


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming parameters and values.

    Checked by ``twins`` before a run; ``solve`` checks the same rules (``OUT_OF_RANGE``).
    """
    v = values
    msgs = []
    additives = sum(v[k] for k in ("alumina", "alf3_excess", "caf2", "lif", "mgf2", "kf"))
    if 1.0 - additives < _CRYOLITE_MIN:
        msgs.append(f"bath additives alumina+alf3_excess+caf2+lif+mgf2+kf = {additives:.3f} leave "
                    f"less than {_CRYOLITE_MIN:.0%} cryolite, outside the bath correlations")
        return msgs
    w = np.empty(N_W)
    fill_composition(np.array([v[row.name] for row in PARAMS]), w)
    t_liq = liquidus(w)
    c_sat = 0.01 * saturation(t_liq, w)
    if v["alumina"] >= c_sat:
        msgs.append(f"alumina = {v['alumina']:.4f} must be below its saturation {c_sat:.4f} at the "
                    f"liquidus {t_liq - 273.15:.1f} degC (Skybakmoen 1997); the range is "
                    f"alumina_anode_effect ... saturation")
    if v["alumina"] <= v["alumina_anode_effect"]:
        msgs.append(f"alumina = {v['alumina']:.4f} must be above alumina_anode_effect = "
                    f"{v['alumina_anode_effect']:.4f} (the cell would be on anode effect)")
    area = effective_anode_area(v["n_anodes"], v["anode_length"], v["anode_width"], v["acd"],
                                v["fanning"])
    d_b = bubble_thickness(v["line_current"] / area)
    if v["acd"] <= d_b:
        msgs.append(f"acd = {v['acd'] * 100:.2f} cm must exceed the bubble layer thickness "
                    f"{d_b * 100:.2f} cm at this current density (Haupin 1998)")
    if v["target_voltage"] <= v["pseudo_emf"]:
        msgs.append(f"target_voltage = {v['target_voltage']} V must exceed pseudo_emf = "
                    f"{v['pseudo_emf']} V")
    return msgs


@njit(cache=True)
def check_inputs(p: np.ndarray, w: np.ndarray) -> int:
    """Status of a parameter vector: NaN, range and the rules of :func:`check_consistency`.

    Fills ``w`` (wt%) with the bath composition.
    """
    for i in range(p.size):
        if not np.isfinite(p[i]):
            return BAD_INPUT
        if p[i] < _LOW[i] or p[i] > _HIGH[i]:
            return OUT_OF_RANGE
    additives = (p[I_ALUMINA] + p[I_ALF3_EXCESS] + p[I_CAF2] + p[I_LIF] + p[I_MGF2] + p[I_KF])
    if 1.0 - additives < _CRYOLITE_MIN:
        return OUT_OF_RANGE
    fill_composition(p, w)
    if p[I_ALUMINA] >= 0.01 * saturation(liquidus(w), w):
        return OUT_OF_RANGE
    if p[I_ALUMINA] <= p[I_ALUMINA_ANODE_EFFECT] or p[I_TARGET_VOLTAGE] <= p[I_PSEUDO_EMF]:
        return OUT_OF_RANGE
    area = effective_anode_area(p[I_N_ANODES], p[I_ANODE_LENGTH], p[I_ANODE_WIDTH], p[I_ACD],
                                p[I_FANNING])
    if p[I_ACD] <= bubble_thickness(p[I_LINE_CURRENT] / area):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _side_flux(p: np.ndarray, T: float, t_liq: float) -> tuple[float, float]:
    """Steady side heat flux (W/m^2) and ledge thickness (m) at bath temperature T."""
    delta = steady_ledge_thickness(T, t_liq, p[I_AMBIENT_TEMP], p[I_BATH_LEDGE_HTC],
                                   p[I_LEDGE_CONDUCTIVITY], p[I_SIDE_WALL_RESISTANCE])
    if delta > 0.0:
        return p[I_BATH_LEDGE_HTC] * (T - t_liq), delta
    return side_heat_flux_without_ledge(T, p[I_AMBIENT_TEMP], p[I_BATH_LEDGE_HTC],
                                        p[I_SIDE_WALL_RESISTANCE]), 0.0


@njit(cache=True)
def _heat_residual(p: np.ndarray, T: float, w: np.ndarray, v: np.ndarray, c: np.ndarray) -> float:
    """Heat generated in the cell minus electrolysis enthalpy and losses, W."""
    current = p[I_LINE_CURRENT]
    voltage = cell_state(p, T, w, p[I_ACD], current, v, c)
    if not np.isfinite(voltage):
        return np.nan
    q_side, _ = _side_flux(p, T, c[C_LIQUIDUS])
    t_amb = p[I_AMBIENT_TEMP]
    return (current * (voltage - v[V_EXTERNAL])
            - reaction_enthalpy_rate(current, c[C_CE], p[I_FEED_TEMP], p[I_CARBON_TEMP], T)
            - (p[I_TOP_CONDUCTANCE] + p[I_BOTTOM_CONDUCTANCE]) * (T - t_amb)
            - p[I_SIDE_AREA] * q_side - anode_heating(p, T))


@njit(cache=True)
def anode_heating(p: np.ndarray, T: float) -> float:
    """Mean heat taken by new anodes, W: one cold anode of ``anode_mass`` (graphite
    enthalpy) heated from ambient to T every ``anode_change_interval``."""
    return (p[I_ANODE_MASS] / M_C * (h_graphite(T) - h_graphite(p[I_AMBIENT_TEMP]))
            / p[I_ANODE_CHANGE_INTERVAL])


@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve the steady cell of one scenario.

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs, ordered as OUTPUTS
    prof : (len(PROFILES), N_CELL) filled with the profiles

    Returns
    -------
    Status code of :mod:`kernels.contract`: ``OK``; ``OUT_OF_RANGE`` or ``BAD_INPUT``
    for bad parameters; ``INFEASIBLE`` when no bath temperature within 80 K above the
    liquidus closes the heat balance (the cell freezes or overheats) or the cell is on
    anode effect. On any status but OK the outputs and profiles are NaN.
    """
    return _solve_in(p, out, prof, np.empty(WORK_SIZE))


@njit(cache=True)
def _solve_in(p, out, prof, work) -> int:
    """:func:`solve` with caller-provided scratch space of WORK_SIZE floats."""
    out[:] = np.nan
    prof[:, :] = np.nan
    v = work[:N_V]
    c = work[N_V:N_V + N_C]
    w = work[N_V + N_C:N_V + N_C + N_W]
    s = work[N_V + N_C + N_W:N_V + N_C + N_W + ROOT_STATE_SIZE]
    status = check_inputs(p, w)
    if status != OK:
        return status
    # bracket: superheat 4 ... 25 K first (most cells), widened to 0 ... 80 K if needed
    t_liq = liquidus(w)
    a = t_liq + _SUPERHEAT_GUESS[0]
    b = t_liq + _SUPERHEAT_GUESS[1]
    fa = _heat_residual(p, a, w, v, c)
    if fa < 0.0:
        a = t_liq + 1e-3
        fa = _heat_residual(p, a, w, v, c)
    fb = _heat_residual(p, b, w, v, c)
    if fb > 0.0:
        b = t_liq + _SUPERHEAT_MAX
        fb = _heat_residual(p, b, w, v, c)
    if not (np.isfinite(fa) and np.isfinite(fb)):
        return INFEASIBLE  # anode effect at this alumina concentration
    if fa < 0.0 or fb > 0.0:
        return INFEASIBLE  # freezes at the liquidus, or overheats beyond 80 K superheat
    root_start(s, a, fa, b, fb)
    scale = p[I_LINE_CURRENT] * 4.0
    for _ in range(_MAX_ITER):
        T = root_propose(s)
        f = _heat_residual(p, T, w, v, c)  # leaves v and c at T
        if not np.isfinite(f):
            return NOT_CONVERGED
        if root_update(s, T, f, _TOL_T * T, 1e-12 * scale):
            return _report(p, T, f, v, c, out, prof)
    return NOT_CONVERGED


@njit(cache=True)
def _report(p, T, residual, v, c, out, prof) -> int:
    """Fill outputs and profiles at the bath temperature T that closes the heat balance
    (``v``, ``c`` hold the voltage terms and bath properties at T, ``residual`` the heat
    balance residual there, W)."""
    current = p[I_LINE_CURRENT]
    voltage = 0.0
    for k in range(V_EXTERNAL + 1):
        voltage += v[k]
    p_cell = current * (voltage - v[V_EXTERNAL])
    t_liq = c[C_LIQUIDUS]
    t_amb = p[I_AMBIENT_TEMP]
    ce = c[C_CE]
    q_side, delta = _side_flux(p, T, t_liq)
    m_al = aluminium_rate(current, ce)
    n_co2, n_co = anode_gas_rates(current, ce)
    carbon = anode_carbon_rate(current) + p[I_EXCESS_CARBON] * m_al
    co2_anode = carbon * M_CO2 / M_C
    ae_fraction = p[I_AE_FREQUENCY] * p[I_AE_DURATION]
    cf4 = p[I_SLOPE_CF4] * ae_fraction * m_al
    pfc = cf4 * (p[I_GWP_CF4] + p[I_C2F6_TO_CF4] * p[I_GWP_C2F6])
    power_ac = current * voltage / p[I_RECTIFIER_EFFICIENCY]
    electricity = power_ac * p[I_GRID_EMISSION_FACTOR]
    m_alumina = alumina_rate(current, ce)
    o_in = m_alumina * 3.0 * _M_O / M_AL2O3
    o_out = (2.0 * n_co2 + n_co) * _M_O

    out[O_CELL_VOLTAGE] = voltage
    out[O_REVERSIBLE_POTENTIAL] = v[V_REVERSIBLE]
    out[O_ANODE_SURFACE_OVERVOLTAGE] = v[V_ANODE_SURFACE]
    out[O_ANODE_CONCENTRATION_OVERVOLTAGE] = v[V_ANODE_CONCENTRATION]
    out[O_CATHODE_OVERVOLTAGE] = v[V_CATHODE_CONCENTRATION]
    out[O_BUBBLE_DROP] = v[V_BUBBLE]
    out[O_BATH_DROP] = v[V_BATH]
    out[O_ANODE_DROP] = v[V_ANODE]
    out[O_CATHODE_DROP] = v[V_CATHODE]
    out[O_EXTERNAL_DROP] = v[V_EXTERNAL]
    out[O_ANODE_CURRENT_DENSITY] = v[V_CURRENT_DENSITY]
    out[O_EFFECTIVE_CURRENT_DENSITY] = v[V_EFFECTIVE_CURRENT_DENSITY]
    out[O_CRITICAL_CURRENT_DENSITY] = v[V_CRITICAL_CURRENT_DENSITY]
    out[O_BUBBLE_THICKNESS] = v[V_BUBBLE_THICKNESS]
    out[O_BUBBLE_COVERAGE] = v[V_BUBBLE_COVERAGE]
    out[O_BATH_TEMP] = T
    out[O_LIQUIDUS_TEMP] = t_liq
    out[O_SUPERHEAT] = T - t_liq
    out[O_ALUMINA_SATURATION] = 0.01 * c[C_SATURATION]
    out[O_ALUMINA_ACTIVITY] = c[C_ACTIVITY]
    out[O_BATH_CONDUCTIVITY] = c[C_CONDUCTIVITY]
    out[O_BATH_RATIO] = c[C_RATIO]
    out[O_CURRENT_EFFICIENCY] = ce
    out[O_ALUMINIUM_PRODUCTION] = m_al
    out[O_SPECIFIC_ENERGY] = specific_energy(voltage, ce)
    out[O_ALUMINA_CONSUMPTION] = m_alumina
    out[O_CARBON_CONSUMPTION] = carbon
    out[O_CO2_ANODE] = co2_anode
    out[O_CO_ANODE] = n_co * M_CO
    out[O_CF4_EMISSIONS] = cf4
    out[O_C2F6_EMISSIONS] = p[I_C2F6_TO_CF4] * cf4
    out[O_PFC_CO2E] = pfc
    out[O_ELECTRICITY_CO2E] = electricity
    out[O_CO2E_EMISSIONS] = co2_anode + pfc + electricity
    out[O_CO2E_INTENSITY] = (co2_anode + pfc + electricity) / m_al
    out[O_ENERGY_CONSUMPTION] = power_ac
    out[O_POWER_DC] = current * voltage
    out[O_REACTION_ENTHALPY] = reaction_enthalpy_rate(current, ce, p[I_FEED_TEMP],
                                                      p[I_CARBON_TEMP], T)
    out[O_HEAT_LOSS_TOP] = p[I_TOP_CONDUCTANCE] * (T - t_amb)
    out[O_HEAT_LOSS_SIDE] = p[I_SIDE_AREA] * q_side
    out[O_HEAT_LOSS_BOTTOM] = p[I_BOTTOM_CONDUCTANCE] * (T - t_amb)
    out[O_ANODE_HEATING] = anode_heating(p, T)
    out[O_SIDE_HEAT_FLUX] = q_side
    out[O_LEDGE_THICKNESS] = delta
    out[O_LEDGE_MARGIN] = delta - p[I_LIMIT_LEDGE_MIN]
    out[O_SUPERHEAT_MARGIN] = p[I_LIMIT_SUPERHEAT_MAX] - (T - t_liq)
    out[O_ENERGY_RESIDUAL] = residual / p_cell
    out[O_MASS_RESIDUAL] = (o_in - o_out) / o_in
    t_wall = t_liq - q_side * delta / p[I_LEDGE_CONDUCTIVITY]
    for j in range(N_CELL):
        prof[F_T_LEDGE, j] = t_liq + (t_wall - t_liq) * j / (N_CELL - 1)
    return OK


@njit(cache=True, parallel=True)
def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Solve many steady scenarios, one row of P each, in parallel over chunks of rows.

    P : (n, len(PARAMS)); OUT : (n, len(OUTPUTS)); PROF : (n, len(PROFILES), N_CELL);
    STATUS : (n,) int8. A failing row gets its status and NaN results; others go on.
    """
    n = P.shape[0]
    n_chunks = (n + _BATCH_CHUNK - 1) // _BATCH_CHUNK
    for k in prange(n_chunks):
        work = np.empty(WORK_SIZE)
        for i in range(k * _BATCH_CHUNK, min(n, (k + 1) * _BATCH_CHUNK)):
            STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], work)


@njit(cache=True, nogil=True)
def solve_batch_serial(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray,
                       STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`solve_batch` for Dask workers and nested calls."""
    work = np.empty(WORK_SIZE)
    for i in range(P.shape[0]):
        STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], work)


@njit(cache=True)
def start_state(p: np.ndarray, state: np.ndarray) -> int:
    """Dynamic state at the steady solution of ``p`` (see :func:`kernels.hh_dynamics.initial_state`).

    Returns the status of the steady solve; the state is filled only when it is OK.
    """
    out = np.empty(len(OUTPUTS))
    prof = np.empty((len(PROFILES), N_CELL))
    status = solve(p, out, prof)
    if status == OK:
        initial_state(p, state, out[O_BATH_TEMP], out[O_LEDGE_THICKNESS])
    return status
