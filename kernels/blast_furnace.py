"""Iron blast furnace: raceway, Rist/C-O-Fe balance, two-zone heat balance, top gas, shaft.

One scenario is a furnace at steady state per tonne of hot metal (tHM):

1. Blast (air + O2 enrichment + moisture), pulverised coal (ultimate analysis, LHV,
   ash) and natural gas enter at the tuyeres; burden (hematite, magnetite, wüstite,
   gangue, MnO, P2O5, moisture), coke (C, ash, S, moisture) and limestone at the top.
2. The raceway adiabatic flame temperature (RAFT) from the enthalpy balance of the
   tuyere zone (:mod:`kernels.bf_raceway`; coke carbon at ``coke_raceway_temp``).
3. The C-O-Fe mass balance, the wüstite pinch of the Rist operating line and the
   two-zone heat balance as one small linear system (:mod:`kernels.bf_balance`,
   :mod:`kernels.bf_rist`): with ``coke_rate_set = 0`` the coke rate follows from the
   shaft efficiency (``shaft_efficiency = 1`` is the minimum carbon rate, operating
   line through the pinch W); with ``coke_rate_set > 0`` the coke is given and the
   shaft efficiency follows -- a coke rate whose line would cross the pinch (or that
   brings more heat than the hot zone can take) is ``INFEASIBLE``, and the minimum
   carbon rate is still reported in ``carbon_rate_min``.
4. Top gas: volume, composition, gas utilisation, heating value and temperature from
   the upper-zone heat balance; hot metal and slag (basicity met by limestone).
5. The steady 1-D zoned shaft profile (:mod:`kernels.bf_shaft`) and CO2 per tHM and per
   tonne of crude steel.
6. ``step(state, p, dt)``: hot-metal temperature and silicon after changes of the
   parameters, with transport delay and hearth inertia (:mod:`kernels.bf_dynamics`).

Every solve reports its element (13 elements) and energy closure of the whole furnace,
computed from the final streams. Normal cubic metres (Nm³) are at 0 °C and
101.325 kPa; blast moisture is per Nm³ of dry blast; "kg/t" is per tonne of hot metal.

Status: ``OK``; ``BAD_INPUT`` (NaN/inf); ``OUT_OF_RANGE`` (a parameter outside its
range, a composition not summing to one, a cross-parameter rule of
:func:`check_consistency`, or a slag basicity below what burden and ashes give without
flux -- ``slag_basicity_no_flux`` is reported); ``INFEASIBLE`` (operating line across the
wüstite pinch, excess heat at a given coke rate, injectant carbon beyond the blast
oxygen, or a top gas that cannot heat the burden); ``NOT_CONVERGED``.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels import bf_balance as bb
from kernels import bf_dynamics as dyn
from kernels import bf_rist as rist
from kernels import bf_shaft as shaft
from kernels import iron_phases as ip
from kernels import solidfuel as sf
from kernels import thermo as th
from kernels.bf_raceway import raft
from kernels.combustion import DRY_AIR
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
    defaults,
)

N_CELL = 40

PARAMS = (
    # blast and injectants
    Param("blast_temp", "K", 1473.15, 573.15, 1673.15, "hot blast temperature at the tuyeres"),
    Param("oxygen_enrichment", "1", 0.04, 0.0, 0.25, "O2 mole fraction of the dry blast above that of air"),
    Param("blast_moisture", "kg/m^3", 0.010, 0.0, 0.08, "moisture per normal m3 of dry blast"),
    Param("pci_rate", "kg/t", 180.0, 0.0, 300.0, "pulverised coal injected per tonne of hot metal"),
    Param("pci_temp", "K", 333.15, 273.15, 423.15, "temperature of the injected coal"),
    Param("pci_w_c", "1", 0.80, 0.0, 1.0, "coal carbon, mass fraction as injected"),
    Param("pci_w_h", "1", 0.045, 0.0, 0.2, "coal hydrogen, mass fraction as injected"),
    Param("pci_w_o", "1", 0.045, 0.0, 0.4, "coal oxygen, mass fraction as injected"),
    Param("pci_w_n", "1", 0.015, 0.0, 0.05, "coal nitrogen, mass fraction as injected"),
    Param("pci_w_s", "1", 0.005, 0.0, 0.05, "coal sulfur, mass fraction as injected"),
    Param("pci_w_moisture", "1", 0.01, 0.0, 0.2, "coal moisture, mass fraction as injected"),
    Param("pci_w_ash", "1", 0.08, 0.0, 0.3, "coal ash, mass fraction as injected"),
    Param("pci_lhv", "J/kg", 31.5e6, 15.0e6, 37.0e6, "coal lower heating value as injected"),
    Param("natural_gas_rate", "kg/t", 0.0, 0.0, 150.0, "natural gas (methane) injected per tonne of hot metal"),
    # coke and ash
    Param("coke_w_c", "1", 0.849, 0.5, 1.0, "coke carbon, mass fraction as charged"),
    Param("coke_w_ash", "1", 0.105, 0.0, 0.3, "coke ash, mass fraction as charged"),
    Param("coke_w_s", "1", 0.006, 0.0, 0.03, "coke sulfur, mass fraction as charged"),
    Param("coke_w_moisture", "1", 0.04, 0.0, 0.15, "coke moisture, mass fraction as charged"),
    Param("ash_w_sio2", "1", 0.52, 0.0, 1.0, "SiO2 of coke and coal ash, mass fraction"),
    Param("ash_w_al2o3", "1", 0.35, 0.0, 1.0, "Al2O3 of coke and coal ash, mass fraction"),
    Param("ash_w_cao", "1", 0.08, 0.0, 1.0, "CaO of coke and coal ash, mass fraction"),
    Param("ash_w_mgo", "1", 0.05, 0.0, 1.0, "MgO of coke and coal ash, mass fraction"),
    # burden (sinter, pellets, lump ore blended), dry
    Param("burden_w_fe2o3", "1", 0.777, 0.0, 1.0, "hematite in the dry burden, mass fraction"),
    Param("burden_w_fe3o4", "1", 0.02, 0.0, 1.0, "magnetite in the dry burden, mass fraction"),
    Param("burden_w_feo", "1", 0.06, 0.0, 1.0, "wustite (as FeO) in the dry burden, mass fraction"),
    Param("burden_w_sio2", "1", 0.05, 0.0, 0.5, "SiO2 in the dry burden, mass fraction"),
    Param("burden_w_cao", "1", 0.065, 0.0, 0.5, "CaO in the dry burden, mass fraction"),
    Param("burden_w_mgo", "1", 0.012, 0.0, 0.2, "MgO in the dry burden, mass fraction"),
    Param("burden_w_al2o3", "1", 0.012, 0.0, 0.2, "Al2O3 in the dry burden, mass fraction"),
    Param("burden_w_mno", "1", 0.003, 0.0, 0.05, "MnO in the dry burden, mass fraction"),
    Param("burden_w_p2o5", "1", 0.001, 0.0, 0.02, "P2O5 in the dry burden, mass fraction"),
    Param("burden_moisture", "1", 0.03, 0.0, 0.15, "water charged with the burden per kg dry burden"),
    # hot metal and slag
    Param("hm_temp", "K", 1773.15, 1623.15, 1873.15, "hot-metal tapping temperature"),
    Param("hm_w_c", "1", 0.047, 0.02, 0.055, "carbon in the hot metal, mass fraction"),
    Param("hm_w_si", "1", 0.004, 0.0005, 0.02, "silicon in the hot metal, mass fraction"),
    Param("hm_w_s", "1", 0.0003, 0.0, 0.002, "sulfur in the hot metal, mass fraction"),
    Param("mn_to_hot_metal", "1", 0.7, 0.0, 1.0, "share of the burden manganese reduced to the hot metal"),
    Param("slag_temp", "K", 1803.15, 1623.15, 1923.15, "slag tapping temperature"),
    Param("slag_basicity", "1", 1.15, 0.6, 1.6, "slag CaO/SiO2 mass ratio, met by limestone flux"),
    # furnace operation
    Param("reserve_zone_temp", "K", 1273.15, 1073.15, 1373.15, "thermal reserve zone temperature (wustite pinch)"),
    Param("shaft_efficiency", "1", 0.90, 0.5, 1.0, "fraction of the wustite-equilibrium gas utilisation reached"),
    Param("coke_rate_set", "kg/t", 0.0, 0.0, 800.0, "coke rate charged (0: coke follows from shaft_efficiency)"),
    Param("heat_loss", "J/t", 0.45e9, 0.0, 2.0e9, "wall and cooling heat loss per tonne of hot metal"),
    Param("heat_loss_hot_zone", "1", 0.5, 0.0, 1.0, "share of the heat loss below the thermal reserve zone"),
    Param("coke_raceway_temp", "K", 1773.15, 1273.15, 2073.15, "coke temperature at the raceway (RAFT convention)"),
    Param("ambient_temp", "K", 298.15, 253.15, 318.15, "temperature of the charged burden, coke and flux"),
    # shaft profile
    Param("production", "kg/s", 10.0e6 / 86400.0, 1.0, 300.0, "hot-metal production rate"),
    Param("shaft_diameter", "m", 11.0, 2.0, 18.0, "mean inner diameter of the stack"),
    Param("stockline_to_tuyere", "m", 24.0, 8.0, 40.0, "height from the stockline to the tuyeres"),
    Param("volumetric_heat_transfer", "W/(m^3*K)", 6000.0, 50.0, 20000.0, "gas-solid heat transfer per bed volume"),
    Param("softening_temp", "K", 1373.15, 1173.15, 1573.15, "burden softening temperature (top of the cohesive zone)"),
    Param("melting_temp", "K", 1673.15, 1373.15, 1773.15, "burden melting temperature (bottom of the cohesive zone)"),
    # CO2
    Param("top_gas_export", "1", 0.0, 0.0, 1.0, "share of the top-gas heating value exported and credited"),
    Param("top_gas_credit_factor", "kg/J", 56.1e-9, 0.0, 1.2e-7, "CO2 credited per J of exported top gas"),
    Param("hm_per_crude_steel", "1", 0.833, 0.1, 1.2, "tonnes of BF hot metal per tonne of crude steel"),
    # dynamics
    Param("transport_delay", "s", 3600.0, 0.0, 86400.0, "dead time of a change to reach the hearth"),
    Param("hearth_time_constant", "s", 14400.0, 60.0, 172800.0, "thermal time constant of hearth and hot metal"),
    Param("si_per_kelvin", "1/K", 1.0e-4, 0.0, 1.0e-3, "hot-metal Si (mass fraction) per K of hot-metal temperature"),
    # limits
    Param("limit_raft_min", "K", 2323.15, 1873.15, 2773.15, "lowest allowed raceway adiabatic flame temperature"),
    Param("limit_raft_max", "K", 2523.15, 1873.15, 2773.15, "highest allowed raceway adiabatic flame temperature"),
    Param("limit_top_gas_temp_min", "K", 373.15, 298.15, 573.15, "lowest allowed top-gas temperature"),
)

OUTPUTS = (
    Output("coke_rate", "kg/t", "coke charged per tonne of hot metal"),
    Output("carbon_rate", "kg/t", "carbon charged in coke, coal and natural gas per tonne of hot metal"),
    Output("reductant_rate", "kg/t", "coke plus coal plus natural gas per tonne of hot metal"),
    Output("carbon_rate_min", "kg/t", "carbon rate at the wustite pinch (shaft efficiency 1)"),
    Output("carbon_pinch_margin", "kg/t", "carbon rate minus its minimum at the pinch"),
    Output("blast_volume", "m^3/t", "dry blast, normal m3 per tonne of hot metal"),
    Output("oxygen_volume", "m^3/t", "pure oxygen added to the blast, normal m3 per tonne"),
    Output("raft", "K", "raceway adiabatic flame temperature (coke at coke_raceway_temp, products CO/H2/N2)"),
    Output("raceway_coke_carbon", "kg/t", "coke carbon burnt at the tuyeres"),
    Output("pci_decomposition_heat", "J/kg", "heat to decompose the coal into elements at 25 C (from its LHV)"),
    Output("bosh_gas_volume", "m^3/t", "raceway gas, normal m3 per tonne of hot metal"),
    Output("top_gas_volume", "m^3/t", "top gas (wet), normal m3 per tonne of hot metal"),
    Output("top_gas_temp", "K", "top-gas temperature from the upper-zone heat balance"),
    Output("top_gas_x_co", "1", "CO mole fraction of the wet top gas"),
    Output("top_gas_x_co2", "1", "CO2 mole fraction of the wet top gas"),
    Output("top_gas_x_h2", "1", "H2 mole fraction of the wet top gas"),
    Output("top_gas_x_h2o", "1", "H2O mole fraction of the wet top gas"),
    Output("top_gas_x_n2", "1", "N2 (with Ar) mole fraction of the wet top gas"),
    Output("top_gas_lhv", "J/m^3", "lower heating value of the top gas per normal m3 of dry gas"),
    Output("eta_co", "1", "top-gas CO utilisation CO2/(CO+CO2), limestone CO2 excluded"),
    Output("eta_h2", "1", "top-gas H2 utilisation H2O/(H2+H2O), moisture excluded"),
    Output("direct_reduction_degree", "1", "share of the wustite oxygen removed by carbon"),
    Output("shaft_efficiency_actual", "1", "wustite-stage gas utilisation over its equilibrium value"),
    Output("wustite_eta_co_eq", "1", "CO utilisation in Fe/wustite equilibrium at the reserve zone"),
    Output("wustite_eta_h2_eq", "1", "H2 utilisation in Fe/wustite equilibrium at the reserve zone"),
    Output("rist_y_a", "1", "Rist: ordinate at x = 0 (oxygen of blast, injectants, Si/Mn/P/S per Fe)"),
    Output("rist_mu_c", "1", "Rist: slope below x = 1, carbon gasified per Fe"),
    Output("rist_y_d", "1", "Rist: ordinate at x = 1, direct-reduction oxygen per Fe"),
    Output("rist_mu_r", "1", "Rist: slope above x = 1, carbon plus hydrogen per Fe"),
    Output("rist_x_top", "1", "Rist: abscissa of the top gas"),
    Output("rist_x_pinch", "1", "Rist: abscissa of the wustite pinch W"),
    Output("rist_y_top", "1", "Rist: O/Fe of the burden"),
    Output("rist_pinch_gap", "1", "Rist: line ordinate at the pinch abscissa minus that of W (>= 0 feasible)"),
    Output("burden_rate", "kg/t", "dry burden per tonne of hot metal"),
    Output("flux_rate", "kg/t", "limestone (CaCO3) added for the slag basicity"),
    Output("slag_rate", "kg/t", "slag per tonne of hot metal"),
    Output("slag_basicity_no_flux", "1", "CaO/SiO2 of the slag without limestone"),
    Output("slag_w_cao", "1", "slag CaO (all Ca as CaO), mass fraction"),
    Output("slag_w_sio2", "1", "slag SiO2, mass fraction"),
    Output("slag_w_mgo", "1", "slag MgO, mass fraction"),
    Output("slag_w_al2o3", "1", "slag Al2O3, mass fraction"),
    Output("hm_w_mn", "1", "manganese in the hot metal, mass fraction"),
    Output("hm_w_p", "1", "phosphorus in the hot metal, mass fraction"),
    Output("hot_metal_heat", "J/t", "enthalpy of the hot metal above 25 C"),
    Output("slag_heat", "J/t", "enthalpy of the slag above 25 C per tonne of hot metal"),
    Output("top_gas_sensible_heat", "J/t", "sensible heat of the top gas above ambient"),
    Output("top_gas_chemical_heat", "J/t", "LHV of the top gas per tonne of hot metal"),
    Output("hot_zone_heat_surplus", "J/t", "heat of the hot zone beyond the steady balance (dynamics)"),
    Output("co2_direct", "kg/t", "CO2 of all carbon leaving in the top gas (coke, coal, gas, limestone, blast CO2)"),
    Output("co2_net", "kg/t", "co2_direct minus the credit for exported top gas"),
    Output("co2_per_crude_steel", "kg/t", "co2_net per tonne of crude steel (hm_per_crude_steel)"),
    Output("fuel_input", "kg/s", "coke + coal + natural gas (all reductants) at the production rate"),
    Output("fuel_heat_input", "W", "LHV of the coke, coal and natural gas at the production rate"),
    Output("co2_reductant_carbon", "kg/s", "CO2 of the coke, coal and gas carbon in the top gas (no blast CO2)"),
    Output("co2_flux", "kg/s", "CO2 of the limestone calcined in the shaft"),
    Output("co2_emissions", "kg/s", "co2_reductant_carbon + co2_flux (gross: no exported-gas credit)"),
    Output("raft_min_margin", "K", "RAFT minus its lower limit"),
    Output("raft_max_margin", "K", "upper RAFT limit minus the RAFT"),
    Output("top_gas_temp_margin", "K", "top-gas temperature minus its lower limit"),
    Output("upper_zone_height", "m", "height of the upper heat-exchange zone"),
    Output("reserve_zone_height", "m", "height of the thermal reserve zone (< 0: none)"),
    Output("lower_zone_height", "m", "height of the lower heat-exchange zone"),
    Output("cohesive_zone_top", "m", "depth below the stockline where the burden softens"),
    Output("cohesive_zone_bottom", "m", "depth below the stockline where the burden melts"),
    Output("energy_residual", "1", "whole-furnace enthalpy in - out, relative to the carbon's heat of combustion"),
    Output("element_residual", "1", "largest relative in - out of the 13 element balances"),
    Output("balance_residual", "1", "largest residual of the four balance equations after the solve (scaled)"),
)

PROFILES = (
    Profile("depth", "m", "depth below the stockline, stockline (cell 0) to tuyeres"),
    Profile("T_gas", "K", "gas temperature"),
    Profile("T_solid", "K", "burden temperature"),
    Profile("reduction_degree", "1", "reduction degree of the iron oxides, 1 - (O/Fe)/(O/Fe)_burden"),
    Profile("gas_utilisation", "1", "CO utilisation of the gas from the Rist operating line"),
)

# Index constants (kept in step with the tables by tests/kernels/test_contract.py).
(
    I_BLAST_TEMP, I_OXYGEN_ENRICHMENT, I_BLAST_MOISTURE, I_PCI_RATE, I_PCI_TEMP, I_PCI_W_C,
    I_PCI_W_H, I_PCI_W_O, I_PCI_W_N, I_PCI_W_S, I_PCI_W_MOISTURE, I_PCI_W_ASH, I_PCI_LHV,
    I_NATURAL_GAS_RATE, I_COKE_W_C, I_COKE_W_ASH, I_COKE_W_S, I_COKE_W_MOISTURE, I_ASH_W_SIO2,
    I_ASH_W_AL2O3, I_ASH_W_CAO, I_ASH_W_MGO, I_BURDEN_W_FE2O3, I_BURDEN_W_FE3O4, I_BURDEN_W_FEO,
    I_BURDEN_W_SIO2, I_BURDEN_W_CAO, I_BURDEN_W_MGO, I_BURDEN_W_AL2O3, I_BURDEN_W_MNO,
    I_BURDEN_W_P2O5, I_BURDEN_MOISTURE, I_HM_TEMP, I_HM_W_C, I_HM_W_SI, I_HM_W_S,
    I_MN_TO_HOT_METAL, I_SLAG_TEMP, I_SLAG_BASICITY, I_RESERVE_ZONE_TEMP, I_SHAFT_EFFICIENCY,
    I_COKE_RATE_SET, I_HEAT_LOSS, I_HEAT_LOSS_HOT_ZONE, I_COKE_RACEWAY_TEMP, I_AMBIENT_TEMP,
    I_PRODUCTION, I_SHAFT_DIAMETER, I_STOCKLINE_TO_TUYERE, I_VOLUMETRIC_HEAT_TRANSFER,
    I_SOFTENING_TEMP, I_MELTING_TEMP, I_TOP_GAS_EXPORT, I_TOP_GAS_CREDIT_FACTOR,
    I_HM_PER_CRUDE_STEEL, I_TRANSPORT_DELAY, I_HEARTH_TIME_CONSTANT, I_SI_PER_KELVIN,
    I_LIMIT_RAFT_MIN, I_LIMIT_RAFT_MAX, I_LIMIT_TOP_GAS_TEMP_MIN,
) = range(61)
(
    O_COKE_RATE, O_CARBON_RATE, O_REDUCTANT_RATE, O_CARBON_RATE_MIN, O_CARBON_PINCH_MARGIN,
    O_BLAST_VOLUME, O_OXYGEN_VOLUME, O_RAFT, O_RACEWAY_COKE_CARBON, O_PCI_DECOMPOSITION_HEAT,
    O_BOSH_GAS_VOLUME,
    O_TOP_GAS_VOLUME, O_TOP_GAS_TEMP, O_TOP_GAS_X_CO, O_TOP_GAS_X_CO2, O_TOP_GAS_X_H2,
    O_TOP_GAS_X_H2O, O_TOP_GAS_X_N2, O_TOP_GAS_LHV, O_ETA_CO, O_ETA_H2,
    O_DIRECT_REDUCTION_DEGREE, O_SHAFT_EFFICIENCY_ACTUAL, O_WUSTITE_ETA_CO_EQ,
    O_WUSTITE_ETA_H2_EQ, O_RIST_Y_A, O_RIST_MU_C, O_RIST_Y_D, O_RIST_MU_R, O_RIST_X_TOP,
    O_RIST_X_PINCH, O_RIST_Y_TOP, O_RIST_PINCH_GAP, O_BURDEN_RATE, O_FLUX_RATE, O_SLAG_RATE,
    O_SLAG_BASICITY_NO_FLUX, O_SLAG_W_CAO, O_SLAG_W_SIO2, O_SLAG_W_MGO, O_SLAG_W_AL2O3,
    O_HM_W_MN, O_HM_W_P, O_HOT_METAL_HEAT, O_SLAG_HEAT, O_TOP_GAS_SENSIBLE_HEAT,
    O_TOP_GAS_CHEMICAL_HEAT, O_HOT_ZONE_HEAT_SURPLUS, O_CO2_DIRECT, O_CO2_NET,
    O_CO2_PER_CRUDE_STEEL, O_FUEL_INPUT, O_FUEL_HEAT_INPUT, O_CO2_REDUCTANT_CARBON, O_CO2_FLUX,
    O_CO2_EMISSIONS, O_RAFT_MIN_MARGIN,
    O_RAFT_MAX_MARGIN, O_TOP_GAS_TEMP_MARGIN, O_UPPER_ZONE_HEIGHT, O_RESERVE_ZONE_HEIGHT,
    O_LOWER_ZONE_HEIGHT, O_COHESIVE_ZONE_TOP, O_COHESIVE_ZONE_BOTTOM, O_ENERGY_RESIDUAL,
    O_ELEMENT_RESIDUAL, O_BALANCE_RESIDUAL,
) = range(67)
(F_DEPTH, F_T_GAS, F_T_SOLID, F_REDUCTION_DEGREE, F_GAS_UTILISATION) = range(5)

#: Words for the statuses of this unit (twins shows them in its errors).
STATUS_MEANING = {
    INFEASIBLE: ("infeasible furnace: the operating line would cross the wustite pinch (coke "
                 "below the minimum carbon rate, see output carbon_rate_min), or more heat than "
                 "the hot zone takes at the given coke rate, or a top gas that cannot heat the "
                 "burden, or injectant carbon beyond the blast oxygen"),
    OUT_OF_RANGE: ("a parameter is outside its range, a composition does not sum to one, or a "
                   "cross-parameter rule is broken (see check_consistency)"),
}
COMPOSITION_GROUPS = (("pci_w_", 1e-3), ("coke_w_", 1e-3), ("ash_w_", 1e-3), ("burden_w_", 1e-3))
_GROUP_START = np.array([I_PCI_W_C, I_COKE_W_C, I_ASH_W_SIO2, I_BURDEN_W_FE2O3], dtype=np.int64)
_GROUP_END = np.array([I_PCI_W_ASH, I_COKE_W_MOISTURE, I_ASH_W_MGO, I_BURDEN_W_P2O5], dtype=np.int64)
_LOW, _HIGH = bounds(PARAMS)
DEFAULTS = defaults(PARAMS)

#: Burden parameters and their phases in kernels.iron_phases.
_BURDEN_P = np.arange(I_BURDEN_W_FE2O3, I_BURDEN_W_P2O5 + 1)
_BURDEN_K = np.array([ip.FE2O3, ip.FE3O4, ip.FEO, ip.SIO2, ip.CAO, ip.MGO, ip.AL2O3, ip.MNO,
                      ip.P2O5], dtype=np.int64)
#: Ash parameters and their phases.
_ASH_P = np.arange(I_ASH_W_SIO2, I_ASH_W_MGO + 1)
_ASH_K = np.array([ip.SIO2, ip.AL2O3, ip.CAO, ip.MGO], dtype=np.int64)
#: Species indices used in the jitted code (array data, no literal specialisations).
_K = np.array([ip.FE_L, ip.MN, ip.P_L, ip.C_GR, ip.SI_L, ip.S_L, ip.H2O_L, ip.CACO3, ip.CAO],
              dtype=np.int64)
_CP_COAL = 1300.0  # J/(kg K), mean heat capacity of the injected coal (sensible heat only)
_DH_C_COMBUSTION = 393.51e3  # J/mol, C(gr) + O2 -> CO2 at 298.15 K (energy-residual scale)
_N_RIST = 8
#: CO, H2 and their combustion products (array data for the jitted code).
_LHV_SPECIES = np.array([th.CO, th.H2, th.CO2, th.H2O], dtype=np.int64)
#: LHV of natural gas taken as methane, J/kg: CH4 + 2 O2 -> CO2 + 2 H2O(g) at 298.15 K from
#: the NASA data of kernels.thermo (50.0 MJ/kg).
_LHV_CH4 = (th.h_species(th.CH4, th.T_REF) + 2.0 * th.h_species(th.O2, th.T_REF)
            - th.h_species(th.CO2, th.T_REF) - 2.0 * th.h_species(th.H2O, th.T_REF)) / th.MOLAR_MASS[th.CH4]

#: Greenhouse-gas flows (twins.carbon). Scope 1 is the CO2 of every carbon atom leaving the
#: furnace in the top gas, whether the gas is burnt in the stoves, the boilers or exported:
#: the exported-top-gas credit (top_gas_export, co2_net) displaces fuel elsewhere and is
#: no emission line of the furnace.
EMISSIONS = (
    Emission("co2_reductant_carbon", 1, "coke, coal and natural gas carbon to top gas",
             basis="carbon charged minus carbon in hot metal, as CO + CO2 of the top gas, all "
                   "counted as CO2 (top gas burnt downstream); exported-gas credit not subtracted"),
    Emission("co2_flux", 1, "limestone calcination", basis="CaCO3 added for the slag basicity"),
)
PRODUCT = Product("production", "hot metal")


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming the parameters.

    Checked by ``twins`` before a run; ``solve`` checks the same rules and returns
    ``OUT_OF_RANGE``. The slag-basicity rule needs the balance (coke ash depends on the
    coke rate), so it runs the kernel once.
    """
    v = values
    iron = v["burden_w_fe2o3"] + v["burden_w_fe3o4"] + v["burden_w_feo"]
    messages = []
    if iron <= 0.0:
        messages.append("the burden has no iron: burden_w_fe2o3 + burden_w_fe3o4 + burden_w_feo = 0")
    elif _burden_o_per_fe(v) <= rist.Y_WUSTITE:
        messages.append(f"burden O/Fe = {_burden_o_per_fe(v):.3f} must exceed {rist.Y_WUSTITE} "
                        "(wustite): raise burden_w_fe2o3 or burden_w_fe3o4")
    rules = (
        (v["melting_temp"] > v["softening_temp"], "melting_temp must be above softening_temp"),
        (v["limit_raft_max"] > v["limit_raft_min"], "limit_raft_max must be above limit_raft_min"),
        (v["hm_temp"] > v["reserve_zone_temp"] + 200.0,
         "hm_temp must exceed reserve_zone_temp by 200 K"),
        (v["blast_temp"] > v["ambient_temp"], "blast_temp must be above ambient_temp"),
    )
    messages += [m for ok, m in rules if not ok]
    if messages:
        return messages
    p = np.array([float(v[row.name]) for row in PARAMS])
    out = np.empty(len(OUTPUTS))
    prof = np.empty((len(PROFILES), N_CELL))
    if solve(p, out, prof) == OUT_OF_RANGE and np.isfinite(out[O_SLAG_BASICITY_NO_FLUX]):
        messages.append(
            f"slag_basicity = {v['slag_basicity']:g} is impossible for the given oxides: burden "
            f"and ashes alone give CaO/SiO2 = {out[O_SLAG_BASICITY_NO_FLUX]:.3f} and only "
            "limestone can be added (raise slag_basicity or the burden SiO2)")
    return messages


def _burden_o_per_fe(v: dict[str, float]) -> float:
    m = ip.MOLAR_MASS_PHASE
    fe = (2 * v["burden_w_fe2o3"] / m[ip.FE2O3] + 3 * v["burden_w_fe3o4"] / m[ip.FE3O4]
          + v["burden_w_feo"] / m[ip.FEO])
    o = (3 * v["burden_w_fe2o3"] / m[ip.FE2O3] + 4 * v["burden_w_fe3o4"] / m[ip.FE3O4]
         + v["burden_w_feo"] / m[ip.FEO])
    return o / fe


@njit(cache=True)
def _check_inputs(p: np.ndarray) -> int:
    for i in range(p.size):
        if not np.isfinite(p[i]):
            return BAD_INPUT
        if p[i] < _LOW[i] or p[i] > _HIGH[i]:
            return OUT_OF_RANGE
    for j in range(_GROUP_START.size):
        total = 0.0
        for i in range(_GROUP_START[j], _GROUP_END[j] + 1):
            total += p[i]
        if abs(total - 1.0) > 1e-3:
            return OUT_OF_RANGE
    if (p[I_MELTING_TEMP] <= p[I_SOFTENING_TEMP] or p[I_LIMIT_RAFT_MAX] <= p[I_LIMIT_RAFT_MIN]
            or p[I_HM_TEMP] <= p[I_RESERVE_ZONE_TEMP] + 200.0
            or p[I_BLAST_TEMP] <= p[I_AMBIENT_TEMP]):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _setup(p: np.ndarray, w: np.ndarray) -> int:
    """Per-tonne streams and enthalpies of one scenario into the work vector ``w``."""
    w[:] = 0.0
    g = w[:bb.N_G]
    m = ip.MOLAR_MASS_PHASE
    t_w = p[I_RESERVE_ZONE_TEMP]
    t_amb = p[I_AMBIENT_TEMP]
    t_b = p[I_BLAST_TEMP]
    g[bb.G_T_W] = t_w
    g[bb.G_T_AMB] = t_amb
    g[bb.G_T_BLAST] = t_b
    g[bb.G_T_HM] = p[I_HM_TEMP]
    g[bb.G_T_SLAG] = p[I_SLAG_TEMP]
    g[bb.G_T_COKE] = p[I_COKE_RACEWAY_TEMP]
    g[bb.G_BASICITY] = p[I_SLAG_BASICITY]
    g[bb.G_OMEGA] = p[I_SHAFT_EFFICIENCY]
    g[bb.G_COKE_SET] = p[I_COKE_RATE_SET]
    g[bb.G_Q_LOW] = p[I_HEAT_LOSS] * p[I_HEAT_LOSS_HOT_ZONE]
    g[bb.G_Q_UP] = p[I_HEAT_LOSS] * (1.0 - p[I_HEAT_LOSS_HOT_ZONE])
    g[bb.G_Y_W] = rist.Y_WUSTITE
    eta_co, eta_h2 = rist.wustite_utilisations(t_w)
    g[bb.G_ETA_CO_EQ] = eta_co
    g[bb.G_ETA_H2_EQ] = eta_h2

    # blast per mol of dry blast: air with its O2 raised by the enrichment, plus moisture
    blast = w[bb.W_BLAST:bb.W_BLAST + th.N_SPECIES]
    x_o2_air = DRY_AIR[th.O2]
    a = (1.0 - x_o2_air - p[I_OXYGEN_ENRICHMENT]) / (1.0 - x_o2_air)
    for k in range(th.N_SPECIES):
        blast[k] = a * DRY_AIR[k]
    blast[th.O2] += 1.0 - a
    blast[th.H2O] = p[I_BLAST_MOISTURE] * bb.V_NORMAL / th.MOLAR_MASS[th.H2O]
    g[bb.G_B_C] = blast[th.CO2]
    g[bb.G_B_O] = 2.0 * blast[th.O2] + 2.0 * blast[th.CO2] + blast[th.H2O]
    g[bb.G_B_H2] = blast[th.H2O]
    g[bb.G_B_N2] = blast[th.N2]
    g[bb.G_B_AR] = blast[th.AR]
    g[bb.G_B_H] = th.h_mix(blast, t_b)

    # burden per tonne of hot metal: iron (and the P, Mn it carries) makes the hot metal
    fe_per_kg = 0.0
    o_per_kg = 0.0
    for j in range(_BURDEN_K.size):
        k = _BURDEN_K[j]
        fe_per_kg += p[_BURDEN_P[j]] / m[k] * ip.PHASE_ELEMENTS[k, ip.E_FE]
        if ip.PHASE_ELEMENTS[k, ip.E_FE] > 0.0:
            o_per_kg += p[_BURDEN_P[j]] / m[k] * ip.PHASE_ELEMENTS[k, ip.E_O]
    if fe_per_kg <= 0.0 or o_per_kg / fe_per_kg <= rist.Y_WUSTITE:
        return OUT_OF_RANGE
    p_per_kg = 2.0 * p[I_BURDEN_W_P2O5] / m[ip.P2O5]
    mn_per_kg = p[I_BURDEN_W_MNO] / m[ip.MNO]
    hm_rest = 1000.0 * (1.0 - p[I_HM_W_C] - p[I_HM_W_SI] - p[I_HM_W_S])
    aw = ip.ATOMIC_WEIGHT_EL
    m_burden = hm_rest / (fe_per_kg * aw[ip.E_FE] + p_per_kg * aw[ip.E_P]
                          + p[I_MN_TO_HOT_METAL] * mn_per_kg * aw[ip.E_MN])
    burden = w[bb.W_BURDEN:bb.W_BURDEN + ip.N_PHASES]
    for j in range(_BURDEN_K.size):
        burden[_BURDEN_K[j]] = m_burden * p[_BURDEN_P[j]] / m[_BURDEN_K[j]]
    burden[_K[6]] = m_burden * p[I_BURDEN_MOISTURE] / m[_K[6]]
    hm = w[bb.W_HM:bb.W_HM + 6]
    hm[0] = m_burden * fe_per_kg
    hm[1] = 1000.0 * p[I_HM_W_C] / aw[ip.E_C]
    hm[2] = 1000.0 * p[I_HM_W_SI] / aw[ip.E_SI]
    hm[3] = p[I_MN_TO_HOT_METAL] * m_burden * mn_per_kg
    hm[4] = m_burden * p_per_kg
    hm[5] = 1000.0 * p[I_HM_W_S] / aw[ip.E_S]
    g[bb.G_N_FE] = hm[0]
    g[bb.G_Y_TOP] = o_per_kg / fe_per_kg
    g[bb.G_O_F0] = 2.0 * hm[2] + hm[3] + 2.5 * hm[4]

    # coke per kg; injectant ash and sulfur per tonne of hot metal
    coke = w[bb.W_COKE:bb.W_COKE + ip.N_PHASES]
    inj_ash = w[bb.W_INJ_ASH:bb.W_INJ_ASH + ip.N_PHASES]
    coke[_K[3]] = p[I_COKE_W_C] / m[_K[3]]
    coke[_K[5]] = p[I_COKE_W_S] / m[_K[5]]
    coke[_K[6]] = p[I_COKE_W_MOISTURE] / m[_K[6]]
    m_pci = p[I_PCI_RATE]
    h_ash_298 = 0.0
    for j in range(_ASH_K.size):
        k = _ASH_K[j]
        coke[k] = p[I_COKE_W_ASH] * p[_ASH_P[j]] / m[k]
        inj_ash[k] = m_pci * p[I_PCI_W_ASH] * p[_ASH_P[j]] / m[k]
        h_ash_298 += p[_ASH_P[j]] / m[k] * ip.h_phase(k, th.T_REF)
    inj_ash[_K[5]] = m_pci * p[I_PCI_W_S] / m[_K[5]]

    # injectants: coal by ultimate analysis, natural gas as methane
    u = np.empty(sf.N_U)
    for i in range(sf.N_U):
        u[i] = p[I_PCI_W_C + i]
    n_ch4 = p[I_NATURAL_GAS_RATE] / th.MOLAR_MASS[th.CH4]
    h2o_pci = m_pci * p[I_PCI_W_MOISTURE] / th.MOLAR_MASS[th.H2O]
    g[bb.G_INJ_C] = m_pci * p[I_PCI_W_C] / aw[ip.E_C] + n_ch4
    g[bb.G_INJ_O] = m_pci * p[I_PCI_W_O] / aw[ip.E_O] + h2o_pci
    g[bb.G_INJ_H2] = m_pci * p[I_PCI_W_H] / (2.0 * aw[ip.E_H]) + h2o_pci + 2.0 * n_ch4
    g[bb.G_INJ_N2] = m_pci * p[I_PCI_W_N] / th.MOLAR_MASS[th.N2]
    g[bb.G_INJ_H] = (m_pci * sf.enthalpy(u, p[I_PCI_LHV], h_ash_298, _CP_COAL, p[I_PCI_TEMP])
                     + n_ch4 * th.h_species(th.CH4, t_amb))

    # enthalpies of the lower-zone streams
    for k, slot in ((th.CO, bb.G_HW_CO), (th.CO2, bb.G_HW_CO2), (th.H2, bb.G_HW_H2),
                    (th.H2O, bb.G_HW_H2O), (th.N2, bb.G_HW_N2), (th.AR, bb.G_HW_AR)):
        g[slot] = th.h_species(k, t_w)
    g[bb.G_HW_CAO] = ip.h_phase(_K[8], t_w)
    g[bb.G_H_CACO3_AMB] = ip.h_phase(_K[7], t_amb)
    h_coke_w = 0.0
    h_coke_amb = 0.0
    for k in range(ip.N_PHASES):
        if coke[k] != 0.0:
            h_coke_amb += coke[k] * ip.h_phase(k, t_amb)
            if k != _K[6]:
                h_coke_w += coke[k] * ip.h_phase(k, t_w)
    g[bb.G_H_COKE_W] = h_coke_w
    g[bb.G_H_COKE_AMB] = h_coke_amb
    g[bb.G_H_BURDEN_AMB] = ip.h_phase_mix(burden, t_amb)
    h_w = hm[0] * ip.h_wustite(rist.Y_WUSTITE, t_w)
    for j in range(bb.GANGUE.size):
        h_w += burden[bb.GANGUE[j]] * ip.h_phase(bb.GANGUE[j], t_w)
    g[bb.G_H_BURDEN_W] = h_w
    t_s = p[I_SLAG_TEMP]
    for j, slot in ((0, bb.G_HS_CAO), (1, bb.G_HS_CAS), (2, bb.G_HS_SIO2), (3, bb.G_HS_MGO),
                    (4, bb.G_HS_AL2O3), (5, bb.G_HS_MNO)):
        g[slot] = ip.h_phase(bb.SLAG_PHASES[j], t_s)
    g[bb.G_H_HM] = ip.h_hot_metal(hm, p[I_HM_TEMP])
    return OK


@njit(cache=True)
def pci_decomposition_heat(p: np.ndarray) -> float:
    """Heat to decompose 1 kg of the injected coal into C(gr), H2, O2, N2, S, ash and liquid
    water at 25 C [J/kg], implied by its LHV (:func:`kernels.solidfuel.enthalpy_298`).

    Positive: endothermic, a heat demand of the raceway. It equals the heats of combustion
    of the elements minus the LHV minus the heat of vaporisation of the moisture.
    """
    u = np.empty(sf.N_U)
    for i in range(sf.N_U):
        u[i] = p[I_PCI_W_C + i]
    h_ash = 0.0
    for j in range(_ASH_K.size):
        h_ash += p[_ASH_P[j]] / ip.MOLAR_MASS_PHASE[_ASH_K[j]] * ip.h_phase(_ASH_K[j], th.T_REF)
    h_elements = (u[sf.U_ASH] * h_ash
                  + u[sf.U_MOISTURE] / th.MOLAR_MASS[th.H2O] * ip.h_phase(_K[6], th.T_REF))
    return h_elements - sf.enthalpy_298(u, p[I_PCI_LHV], h_ash)


@njit(cache=True)
def coke_lhv(p: np.ndarray) -> float:
    """Lower heating value of the coke as charged [J/kg] from its C, S and moisture.

    ``w_C dH(C -> CO2) + w_S dH(S -> SO2) - w_H2O dH_vap`` at 298.15 K from the NASA
    data (kernels.thermo, kernels.iron_phases): 27.8 MJ/kg at the defaults. The coke's
    few tenths of a percent of hydrogen are not in its analysis.
    """
    aw = ip.ATOMIC_WEIGHT_EL
    dh_c = ip.h_phase(_K[3], th.T_REF) + th.h_species(th.O2, th.T_REF) - th.h_species(th.CO2, th.T_REF)
    dh_s = ip.h_phase(_K[5], th.T_REF) + th.h_species(th.O2, th.T_REF) - th.h_species(th.SO2, th.T_REF)
    dh_vap = th.h_species(th.H2O, th.T_REF) - ip.h_phase(_K[6], th.T_REF)
    return (p[I_COKE_W_C] / aw[ip.E_C] * dh_c + p[I_COKE_W_S] / aw[ip.E_S] * dh_s
            - p[I_COKE_W_MOISTURE] / th.MOLAR_MASS[th.H2O] * dh_vap)


@njit(cache=True)
def _carbon_rate(w: np.ndarray, z: np.ndarray) -> float:
    """Carbon charged in coke, coal and natural gas, kg/tHM."""
    return (w[bb.W_COKE + ip.C_GR] * z[bb.Z_COKE] + w[bb.W_G + bb.G_INJ_C]) * ip.ATOMIC_WEIGHT_EL[ip.E_C]


@njit(cache=True)
def _steady(p: np.ndarray, w: np.ndarray, z: np.ndarray) -> int:
    """Solve the balance at the shaft efficiency of ``p`` (heat-limited if d < 0)."""
    g = w[:bb.N_G]
    if not bb.solve_linear_balance(g, w, bb.MODE_OMEGA, z):
        return NOT_CONVERGED
    if z[bb.Z_D] < 0.0 and not bb.solve_without_direct_reduction(g, w, z):
        return NOT_CONVERGED
    return OK


@njit(cache=True)
def _minimum_carbon(p: np.ndarray, w: np.ndarray) -> float:
    """Carbon rate [kg/tHM] with the operating line through the pinch (shaft efficiency 1)."""
    g = w[:bb.N_G]
    omega = g[bb.G_OMEGA]
    g[bb.G_OMEGA] = 1.0
    z = np.zeros(bb.N_Z)
    status = _steady(p, w, z)
    g[bb.G_OMEGA] = omega
    if status != OK:
        return np.nan
    return _carbon_rate(w, z)


@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve one blast-furnace scenario.

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs, ordered as OUTPUTS
    prof : (len(PROFILES), N_CELL) filled with the profiles

    Returns
    -------
    Status code of :mod:`kernels.contract`. On any status but ``OK`` the outputs are
    NaN except ``carbon_rate_min`` (``INFEASIBLE``) and ``slag_basicity_no_flux``
    (``OUT_OF_RANGE`` from the basicity).
    """
    return _solve_in(p, out, prof, np.empty(bb.N_WORK), np.zeros(bb.N_Z))


@njit(cache=True)
def _solve_in(p, out, prof, w, z) -> int:
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    status = _setup(p, w)
    if status != OK:
        return status
    g = w[:bb.N_G]
    c_min = _minimum_carbon(p, w)
    z[:] = 0.0
    if p[I_COKE_RATE_SET] > 0.0:
        z[bb.Z_COKE] = p[I_COKE_RATE_SET]
        if not bb.solve_linear_balance(g, w, bb.MODE_COKE, z):
            return NOT_CONVERGED
    else:
        status = _steady(p, w, z)
        if status != OK:
            return status
    return _report(p, w, z, c_min, out, prof)


@njit(cache=True)
def _report(p, w, z, c_min, out, prof) -> int:
    """Check feasibility and fill outputs and profiles for the solved unknowns ``z``."""
    g = w[:bb.N_G]
    m = ip.MOLAR_MASS_PHASE
    n_fe = g[bb.G_N_FE]
    n_c, n_h2 = bb.bosh_carbon_hydrogen(g, w, z)
    o_pinch = rist.pinch_oxygen(n_c, n_h2, g[bb.G_ETA_CO_EQ], g[bb.G_ETA_H2_EQ])
    omega = (g[bb.G_Y_W] * n_fe - z[bb.Z_D]) / o_pinch
    slag = np.empty(bb.SLAG_PHASES.size)
    bb.slag_moles(g, w, z, slag)
    n_flux = z[bb.Z_FLUX] / m[ip.CACO3]
    out[O_CARBON_RATE_MIN] = c_min
    out[O_SLAG_BASICITY_NO_FLUX] = bb.slag_basicity(slag, n_flux)
    if (omega > 1.0 + 1e-9 or z[bb.Z_D] < -1e-9 or z[bb.Z_V] <= 0.0 or z[bb.Z_COKE] <= 0.0
            or n_c <= 0.0):
        return INFEASIBLE
    if z[bb.Z_FLUX] < -1e-9:
        return OUT_OF_RANGE  # slag basicity below what burden and ashes give
    z[bb.Z_FLUX] = max(z[bb.Z_FLUX], 0.0)
    z[bb.Z_D] = max(z[bb.Z_D], 0.0)

    # raceway
    n_blast = w[bb.W_BLAST:bb.W_BLAST + th.N_SPECIES] * z[bb.Z_V]
    n_race = np.empty(th.N_SPECIES)
    t_raft, c_tuyere = raft(n_blast, g[bb.G_T_BLAST], g[bb.G_INJ_H], g[bb.G_INJ_C], g[bb.G_INJ_O],
                            g[bb.G_INJ_H2], g[bb.G_INJ_N2], w[bb.W_INJ_ASH:bb.W_INJ_ASH + ip.N_PHASES],
                            g[bb.G_T_COKE], n_race)
    if c_tuyere < 0.0:
        return INFEASIBLE  # injectant carbon beyond what the blast oxygen can gasify
    if not np.isfinite(t_raft):
        return NOT_CONVERGED

    # top gas from the upper-zone balance
    top = np.empty(th.N_SPECIES)
    eta_co, eta_h2 = bb.top_gas(g, w, z, top)
    h_top = bb.top_gas_enthalpy(g, w, z)
    if not th.h_mix(top, g[bb.G_T_AMB]) < h_top < th.h_mix(top, g[bb.G_T_W]):
        return INFEASIBLE  # the top gas cannot heat the burden to the reserve zone
    t_top = th.temperature_from_h(top, h_top, 450.0)
    if not np.isfinite(t_top):
        return NOT_CONVERGED
    n_top = top.sum()
    n_dry = n_top - top[th.H2O]
    lhv_top = (top[th.CO] * _heat_of_combustion(_LHV_SPECIES[0], _LHV_SPECIES[2])
               + top[th.H2] * _heat_of_combustion(_LHV_SPECIES[1], _LHV_SPECIES[3]))

    # closures
    el = np.empty(bb.N_CLOSURE)
    bb.element_residuals(g, w, z, top, el)
    h_in, h_out = bb.energy_terms(g, w, z, top, t_top)
    carbon = _carbon_rate(w, z)
    res = np.empty(bb.N_E)
    n_c0, n_h20 = bb.bosh_carbon_hydrogen(g, w, z)
    bb.residuals(g, w, z, bb.hydrogen_share(g, n_c0, n_h20), res)
    res_scale = np.array([n_c, n_c, 1e-6 * carbon / ip.ATOMIC_WEIGHT_EL[ip.E_C] * _DH_C_COMBUSTION,
                          slag[2] * m[ip.SIO2]])
    bal = 0.0
    for i in range(bb.N_E):
        if i != bb.E_PINCH or p[I_COKE_RATE_SET] == 0.0:
            bal = max(bal, abs(res[i]) / res_scale[i])

    # Rist diagram
    rd = np.empty(_N_RIST)
    rist.operating_line(n_fe, n_c, n_h2, bb.oxygen_sources(g, w, z), z[bb.Z_D], g[bb.G_Y_TOP],
                        g[bb.G_ETA_CO_EQ], g[bb.G_ETA_H2_EQ], rd)

    # slag and hot metal
    m_slag = 0.0
    for j in range(bb.SLAG_PHASES.size):
        m_slag += slag[j] * m[bb.SLAG_PHASES[j]]
    m_cao = (slag[0] + slag[1]) * m[ip.CAO]
    hm = w[bb.W_HM:bb.W_HM + 6]
    h_slag_298 = 0.0
    h_slag = 0.0
    for j in range(bb.SLAG_PHASES.size):
        h_slag += slag[j] * ip.h_phase(bb.SLAG_PHASES[j], g[bb.G_T_SLAG])
        h_slag_298 += slag[j] * ip.h_phase(bb.SLAG_PHASES[j], th.T_REF)

    reductant = z[bb.Z_COKE] + p[I_PCI_RATE] + p[I_NATURAL_GAS_RATE]
    co2_direct = (top[th.CO] + top[th.CO2]) * th.MOLAR_MASS[th.CO2]
    co2_net = co2_direct - p[I_TOP_GAS_EXPORT] * lhv_top * p[I_TOP_GAS_CREDIT_FACTOR]
    tph = p[I_PRODUCTION] / 1000.0  # tonnes of hot metal per second

    out[O_COKE_RATE] = z[bb.Z_COKE]
    out[O_CARBON_RATE] = carbon
    out[O_REDUCTANT_RATE] = reductant
    out[O_CARBON_PINCH_MARGIN] = carbon - c_min
    out[O_BLAST_VOLUME] = z[bb.Z_V] * bb.V_NORMAL
    out[O_OXYGEN_VOLUME] = z[bb.Z_V] * bb.V_NORMAL * p[I_OXYGEN_ENRICHMENT] / (1.0 - DRY_AIR[th.O2])
    out[O_RAFT] = t_raft
    out[O_RACEWAY_COKE_CARBON] = c_tuyere * ip.ATOMIC_WEIGHT_EL[ip.E_C]
    out[O_PCI_DECOMPOSITION_HEAT] = pci_decomposition_heat(p)
    out[O_BOSH_GAS_VOLUME] = n_race.sum() * bb.V_NORMAL
    out[O_TOP_GAS_VOLUME] = n_top * bb.V_NORMAL
    out[O_TOP_GAS_TEMP] = t_top
    out[O_TOP_GAS_X_CO] = top[th.CO] / n_top
    out[O_TOP_GAS_X_CO2] = top[th.CO2] / n_top
    out[O_TOP_GAS_X_H2] = top[th.H2] / n_top
    out[O_TOP_GAS_X_H2O] = top[th.H2O] / n_top
    out[O_TOP_GAS_X_N2] = (top[th.N2] + top[th.AR]) / n_top
    out[O_TOP_GAS_LHV] = lhv_top / (n_dry * bb.V_NORMAL)
    out[O_ETA_CO] = eta_co
    out[O_ETA_H2] = eta_h2
    out[O_DIRECT_REDUCTION_DEGREE] = z[bb.Z_D] / (g[bb.G_Y_W] * n_fe)
    out[O_SHAFT_EFFICIENCY_ACTUAL] = omega
    out[O_WUSTITE_ETA_CO_EQ] = g[bb.G_ETA_CO_EQ]
    out[O_WUSTITE_ETA_H2_EQ] = g[bb.G_ETA_H2_EQ]
    out[O_RIST_Y_A] = rd[0]
    out[O_RIST_MU_C] = rd[1]
    out[O_RIST_Y_D] = rd[2]
    out[O_RIST_MU_R] = rd[3]
    out[O_RIST_X_TOP] = rd[4]
    out[O_RIST_X_PINCH] = rd[5]
    out[O_RIST_Y_TOP] = g[bb.G_Y_TOP]
    out[O_RIST_PINCH_GAP] = rd[6]
    out[O_BURDEN_RATE] = _burden_mass(w)
    out[O_FLUX_RATE] = z[bb.Z_FLUX]
    out[O_SLAG_RATE] = m_slag
    out[O_SLAG_W_CAO] = m_cao / m_slag
    out[O_SLAG_W_SIO2] = slag[2] * m[ip.SIO2] / m_slag
    out[O_SLAG_W_MGO] = slag[3] * m[ip.MGO] / m_slag
    out[O_SLAG_W_AL2O3] = slag[4] * m[ip.AL2O3] / m_slag
    out[O_HM_W_MN] = hm[3] * ip.ATOMIC_WEIGHT_EL[ip.E_MN] / 1000.0
    out[O_HM_W_P] = hm[4] * ip.ATOMIC_WEIGHT_EL[ip.E_P] / 1000.0
    out[O_HOT_METAL_HEAT] = g[bb.G_H_HM] - ip.h_hot_metal(hm, th.T_REF)
    out[O_SLAG_HEAT] = h_slag - h_slag_298
    out[O_TOP_GAS_SENSIBLE_HEAT] = th.h_mix(top, t_top) - th.h_mix(top, g[bb.G_T_AMB])
    out[O_TOP_GAS_CHEMICAL_HEAT] = lhv_top
    out[O_HOT_ZONE_HEAT_SURPLUS] = z[bb.Z_X]
    out[O_CO2_DIRECT] = co2_direct
    out[O_CO2_NET] = co2_net
    out[O_CO2_PER_CRUDE_STEEL] = co2_net * p[I_HM_PER_CRUDE_STEEL]
    co2_flux = z[bb.Z_FLUX] / m[ip.CACO3] * th.MOLAR_MASS[th.CO2]
    out[O_FUEL_INPUT] = reductant * tph
    out[O_FUEL_HEAT_INPUT] = (z[bb.Z_COKE] * coke_lhv(p) + p[I_PCI_RATE] * p[I_PCI_LHV]
                              + p[I_NATURAL_GAS_RATE] * _LHV_CH4) * tph
    co2_reductant = co2_direct - co2_flux - g[bb.G_B_C] * z[bb.Z_V] * th.MOLAR_MASS[th.CO2]
    out[O_CO2_REDUCTANT_CARBON] = co2_reductant * tph
    out[O_CO2_FLUX] = co2_flux * tph
    out[O_CO2_EMISSIONS] = (co2_reductant + co2_flux) * tph
    out[O_RAFT_MIN_MARGIN] = t_raft - p[I_LIMIT_RAFT_MIN]
    out[O_RAFT_MAX_MARGIN] = p[I_LIMIT_RAFT_MAX] - t_raft
    out[O_TOP_GAS_TEMP_MARGIN] = t_top - p[I_LIMIT_TOP_GAS_TEMP_MIN]
    out[O_ENERGY_RESIDUAL] = (h_in - h_out) / (carbon / ip.ATOMIC_WEIGHT_EL[ip.E_C] * _DH_C_COMBUSTION)
    el_max = 0.0
    for e in range(bb.N_CLOSURE):
        el_max = max(el_max, abs(el[e]))
    out[O_ELEMENT_RESIDUAL] = el_max
    out[O_BALANCE_RESIDUAL] = bal
    _profiles(p, w, z, n_race, t_raft, t_top, out, prof)
    return OK


@njit(cache=True)
def _heat_of_combustion(fuel: int, product: int) -> float:
    """Heat of ``fuel + 1/2 O2 -> product`` at 298.15 K [J/mol] from the NASA data (LHV)."""
    return (th.h_species(fuel, th.T_REF) + 0.5 * th.h_species(th.O2, th.T_REF)
            - th.h_species(product, th.T_REF))


@njit(cache=True)
def _burden_mass(w: np.ndarray) -> float:
    """Dry burden, kg/tHM, from the burden phases of the work vector."""
    total = 0.0
    for j in range(_BURDEN_K.size):
        k = _BURDEN_K[j]
        total += w[bb.W_BURDEN + k] * ip.MOLAR_MASS_PHASE[k]
    return total


@njit(cache=True)
def _profiles(p, w, z, n_race, t_raft, t_top, out, prof) -> None:
    """Zone heights, cohesive zone and the profiles along the shaft (kernels.bf_shaft)."""
    g = w[:bb.N_G]
    t_amb = g[bb.G_T_AMB]
    t_w = g[bb.G_T_W]
    t_hm = g[bb.G_T_HM]
    tph = p[I_PRODUCTION] / 1000.0
    q_up = bb.solids_enthalpy(g, z, True) - bb.solids_enthalpy(g, z, False)
    c_s_up = tph * q_up / (t_w - t_amb)
    c_g_up = tph * (q_up + g[bb.G_Q_UP]) / (t_w - t_top)
    q_gas_low = th.h_mix(n_race, t_raft) - th.h_mix(n_race, t_w)
    c_g_low = tph * q_gas_low / (t_raft - t_w)
    c_s_low = tph * max(q_gas_low - g[bb.G_Q_LOW], 1e-3 * q_gas_low) / (t_hm - t_w)
    hv_area = p[I_VOLUMETRIC_HEAT_TRANSFER] * 0.25 * np.pi * p[I_SHAFT_DIAMETER] ** 2
    height = p[I_STOCKLINE_TO_TUYERE]
    l_up, l_low, k_up, k_low = shaft.zone_heights(c_s_up, c_g_up, c_s_low, c_g_low, hv_area,
                                                  t_top - t_amb, t_raft - t_hm)
    out[O_UPPER_ZONE_HEIGHT] = l_up
    out[O_LOWER_ZONE_HEIGHT] = l_low
    out[O_RESERVE_ZONE_HEIGHT] = height - l_up - l_low
    top, bottom = shaft.cohesive_zone(height, l_up, l_low, k_up, k_low, t_amb, t_top, t_w,
                                      t_raft, t_hm, p[I_SOFTENING_TEMP], p[I_MELTING_TEMP])
    out[O_COHESIVE_ZONE_TOP] = top
    out[O_COHESIVE_ZONE_BOTTOM] = bottom

    y_top = g[bb.G_Y_TOP]
    y_d = z[bb.Z_D] / g[bb.G_N_FE]
    scale = min(1.0, height / (l_up + l_low))
    res_top = l_up * scale
    res_bottom = height - l_low * scale
    for j in range(N_CELL):
        depth = height * j / (N_CELL - 1)
        t_g, t_s, zone = shaft.temperatures_at(depth, height, l_up, l_low, k_up, k_low, t_amb,
                                               t_top, t_w, t_raft, t_hm)
        frac = 0.0
        if zone == 1 and res_bottom > res_top:
            frac = (depth - res_top) / (res_bottom - res_top)
        y = shaft.solid_oxygen(t_s, zone, frac, t_amb, t_w, p[I_MELTING_TEMP], y_top,
                               g[bb.G_Y_W], y_d)
        prof[F_DEPTH, j] = depth
        prof[F_T_GAS, j] = t_g
        prof[F_T_SOLID, j] = t_s
        prof[F_REDUCTION_DEGREE, j] = 1.0 - y / y_top
        prof[F_GAS_UTILISATION, j] = bb.co_utilisation(g, w, z, y)


@njit(cache=True, parallel=True)
def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Solve many scenarios, one row of P each, in parallel (prange over rows).

    P : (n, len(PARAMS)); OUT : (n, len(OUTPUTS)); PROF : (n, len(PROFILES), N_CELL);
    STATUS : (n,) int8. A failing row gets its status and NaN results; others go on.
    """
    for i in prange(P.shape[0]):
        STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], np.empty(bb.N_WORK), np.zeros(bb.N_Z))


@njit(cache=True, nogil=True)
def solve_batch_serial(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray,
                       STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`solve_batch` for Dask workers and nested calls."""
    w = np.empty(bb.N_WORK)
    z = np.zeros(bb.N_Z)
    for i in range(P.shape[0]):
        STATUS[i] = _solve_in(P[i], OUT[i], PROF[i], w, z)


# ----------------------------------------------------------------------------- dynamics
STATE_SIZE = dyn.STATE_SIZE
S_TIME, S_T_HM, S_SI = dyn.S_TIME, dyn.S_T_HM, dyn.S_SI


@njit(cache=True)
def initial_state(p: np.ndarray) -> np.ndarray:
    """Steady state vector at the hot-metal temperature and silicon of ``p``.

    State (``STATE_SIZE`` floats): ``[time s, hot-metal temperature K, hot-metal Si
    (mass fraction), N_LAG delay stages K]`` (:mod:`kernels.bf_dynamics`).
    """
    state = np.empty(STATE_SIZE)
    dyn.initial_state(state, p[I_HM_TEMP], p[I_HM_W_SI])
    return state


@njit(cache=True)
def equilibrium_hot_metal_temp(p: np.ndarray) -> float:
    """Hot-metal temperature [K] the furnace tends to at the parameters ``p``.

    With ``coke_rate_set > 0`` the coke is held and the balance at ``shaft_efficiency``
    leaves a hot-zone heat surplus X (``MODE_SURPLUS``); X heats (or cools) hot metal and
    slag, whose temperatures move together. With ``coke_rate_set = 0`` the coke follows
    the balance and the temperature is ``hm_temp``. NaN if the balance fails.
    """
    if _check_inputs(p) != OK:
        return np.nan
    w = np.empty(bb.N_WORK)
    if _setup(p, w) != OK:
        return np.nan
    if p[I_COKE_RATE_SET] == 0.0:
        return p[I_HM_TEMP]
    g = w[:bb.N_G]
    z = np.zeros(bb.N_Z)
    z[bb.Z_COKE] = p[I_COKE_RATE_SET]
    if not bb.solve_linear_balance(g, w, bb.MODE_SURPLUS, z):
        return np.nan
    slag = np.empty(bb.SLAG_PHASES.size)
    bb.slag_moles(g, w, z, slag)
    hm = w[bb.W_HM:bb.W_HM + 6]
    t0 = p[I_HM_TEMP]
    t = t0
    for _ in range(50):
        f = _melt_heat(hm, slag, t, t0, p[I_SLAG_TEMP]) - z[bb.Z_X]
        c = 0.5 * (_melt_heat(hm, slag, t + 1.0, t0, p[I_SLAG_TEMP])
                   - _melt_heat(hm, slag, t - 1.0, t0, p[I_SLAG_TEMP]))
        dt = f / c
        t -= dt
        if abs(dt) < 1e-9 * t:
            return t
    return np.nan


@njit(cache=True)
def _melt_heat(hm: np.ndarray, slag: np.ndarray, t: float, t0: float, t_slag0: float) -> float:
    """Heat [J/tHM] to bring hot metal from t0 to t and slag from t_slag0 by the same step."""
    h = ip.h_hot_metal(hm, t) - ip.h_hot_metal(hm, t0)
    for j in range(bb.SLAG_PHASES.size):
        k = bb.SLAG_PHASES[j]
        h += slag[j] * (ip.h_phase(k, t_slag0 + t - t0) - ip.h_phase(k, t_slag0))
    return h


@njit(cache=True)
def step(state: np.ndarray, p: np.ndarray, dt: float) -> int:
    """Advance the hearth thermal state by ``dt`` [s] at the parameters ``p`` (in place).

    The target is :func:`equilibrium_hot_metal_temp`; delay, hearth time constant and
    the Si correlation come from ``transport_delay``, ``hearth_time_constant`` and
    ``si_per_kelvin`` (reference: ``hm_temp``, ``hm_w_si``). Returns a status code.
    """
    status = _check_inputs(p)
    if status != OK:
        return status
    if not (dt >= 0.0 and np.isfinite(dt)):
        return BAD_INPUT
    t_eq = equilibrium_hot_metal_temp(p)
    if not np.isfinite(t_eq):
        return NOT_CONVERGED
    dyn.advance(state, t_eq, p[I_TRANSPORT_DELAY], p[I_HEARTH_TIME_CONSTANT], p[I_HM_TEMP],
                p[I_HM_W_SI], p[I_SI_PER_KELVIN], dt)
    return OK
