"""Rotary kiln: 1-D steady counter-current gas / bed / wall model with calcination.

Solids enter at the feed end (z = 0) and leave at the discharge end (z = L), where the
burner fires fuel gas with primary and secondary air; the gas flows back to z = 0.

Model
-----
1. Cross-section (:mod:`kernels.kiln_transport`): constant fill fraction (as SimCem for
   the Barr kiln) or the Kramers-Croockewit/Saeman bed-depth equation (``bed_model`` 0
   or 1); central (fill) angle, bed chord, exposed and covered wall arcs, hydraulic
   diameter and mean beam length of the gas space; bed velocity, hold-up, residence time.
2. Burner: fuel gas by composition burnt completely with humid primary + secondary air
   (+ optional pure O2 with the primary air). The burnt fraction of the fuel grows
   linearly from 0 at the burner to 1 at ``flame_length`` (uniform heat release over the
   flame; 0 = burnt in the first cell, gas at the adiabatic mixing temperature). The gas
   at every cell face is the mixture of the unburnt and the burnt stream at that
   burnout, so the heat release follows from the absolute (formation-inclusive) NASA
   enthalpies of :mod:`kernels.thermo` without a separate source term.
3. Heat transfer per slice (:mod:`kernels.kiln_heat`): gas / bed chord / exposed wall
   radiation network with WSGG gas emissivity (CO2/H2O partial pressures, mean beam
   length) and gray bed and wall, which gives gas-wall, gas-bed and exposed-wall-bed
   radiation at once; Tscheng-Watkinson gas-wall and gas-bed convection;
   covered-wall-to-bed contact (penetration theory + gas-gap resistance, Li et al.
   2005); conduction through coating, refractory with k(T) = k0 (1 + k1 T) and steel;
   shell loss by natural/forced convection and radiation. The inner wall has one
   temperature per slice (exposed and covered parts alike; no axial wall conduction).
4. Bed chemistry (:mod:`kernels.kiln_solids`): drying and calcination CaCO3 -> CaO +
   CO2 (Arrhenius, shrinking core, Baker equilibrium pressure against the local CO2
   partial pressure); released CO2 and H2O enter the gas at the bed temperature. Bed
   species H2O(l), CaCO3, CaO, SiO2 (inert); clinker phases can be appended to
   :mod:`kernels.kiln_solids` (every balance loops over its species table).
5. Finite volumes (n cells, first-order upwind for both streams), ``N_VAR`` = 10 unknowns
   per cell: T_gas, T_bed, T_wall (inner surface), T_shell (outer surface), the four bed
   species mass flows leaving the cell, and the CO2 and H2O released into the gas by the
   cell and all cells on its burner side. The two-point boundary-value problem (feed at
   z = 0, burner gas at z = L) is solved for all cells at once by Newton's method with a
   block-tridiagonal Jacobian (:mod:`kernels.kiln_linalg`; cell-local derivatives by
   forward differences, the couplings between cells exactly) and a backtracking line
   search. If Newton fails from the initial guess, the reaction rates are switched off
   and raised back in decades (continuation). Profiles report cell-centre values (mean
   of a cell's inflow and outflow), outputs the exit values.
6. Balances: each cell conserves energy (absolute enthalpies), species mass and
   elements, so the energy, mass and element residuals among the outputs are the Newton
   tolerance (about 1e-12 relative). CO2 is split into process (calcination) and fuel.

Dynamics: :func:`step` advances the same equations by implicit Euler with the bed
enthalpy and species hold-ups (bed transport delay) and the wall heat capacity (lumped
at the mean of inner-wall and shell temperature) as storage; the gas is quasi-steady.
The state is the unknown vector, cell-major: ``state[i * N_VAR + v]`` for cell i (0 at
the feed end, ``N_CELL`` cells) and variable v in ``V_T_GAS, V_T_BED, V_T_WALL,
V_T_SHELL, V_M_H2O, V_M_CACO3, V_M_CAO, V_M_SIO2, V_G_CO2, V_G_H2O`` (K, K, K, K,
kg/s x 4, mol/s x 2); temperatures and flows are those leaving the cell (gas towards
the feed end, bed towards the burner); ``N_STATE = N_CELL * N_VAR``.
:func:`steady_state` fills a state with the steady solution, :func:`report_state` gives
outputs and profiles of any state, :func:`energy_content` its stored enthalpy and net
energy inflow, :func:`exit_gas` the exhaust gas composition.

Defaults are the UBC pilot kiln of Barr, trial T4 (5.5 m, ID 0.411 m, sand, natural gas
taken as CH4; flows 1.97/17.4/43.0 L/s fuel/primary/secondary air at 298.15 K, 1 atm),
with SimCem's modelling choices (emissivities bed 0.9, wall 0.85, shell 0.8; solid
conductivity 2.5 W/(m K); refractory 0.2475 (1 + 5.85e-4 T) W/(m K); fill 0.12;
repose 31 deg) and the fuel burnt at the burner. Validation against trials T1-T9 is in
``tests/kernels/test_kiln.py``.

Not modelled yet: clinker phase formation and melt (hooks in kiln_solids), clay
dehydroxylation, coal/solid fuels, luminous flame radiation, axial conduction in wall
and bed, separate exposed/covered wall temperatures, dust, end (hood) losses.

References
----------
.. [1] P. V. Barr, J. K. Brimacombe, A. P. Watkinson (1989), "A heat-transfer model for
   the rotary kiln: Part I. Pilot kiln trials", Metall. Trans. B 20, 391-402.
.. [2] T. Hanein, F. P. Glasser, M. N. Bannerman (2017), "One-dimensional steady-state
   thermal model for rotary kilns used in the manufacture of cement", Adv. Appl.
   Ceram. 116, 207-215.
.. [3] Further sources in :mod:`kernels.kiln_heat`, :mod:`kernels.kiln_transport` and
   :mod:`kernels.kiln_solids`.
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
    Output,
    Param,
    Profile,
    bounds,
)
from kernels.convection import flue_conductivity, flue_viscosity
from kernels.kiln_heat import (
    covered_wall_coefficient,
    maxwell_conductivity,
    nusselt_gas_bed,
    nusselt_gas_wall,
    radiation_network,
    shell_loss,
    wall_conduction,
)
from kernels.kiln_linalg import block_tridiagonal_solve
from kernels.kiln_solids import (
    B_CACO3,
    B_CAO,
    B_H2O,
    B_SIO2,
    BED_ELEMENTS,
    BED_MOLAR_MASS,
    N_BED,
    bed_cp_mass,
    bed_enthalpy_flow,
    calcination_rate,
    drying_rate,
)
from kernels.kiln_transport import (
    GEO_ARC_COVERED,
    GEO_ARC_EXPOSED,
    GEO_AREA_BED,
    GEO_AREA_GAS,
    GEO_BEAM,
    GEO_CHORD,
    GEO_DEPTH,
    GEO_FILL,
    GEO_HYD_DIAM,
    GEO_THETA,
    N_GEO,
    constant_fill_geometry,
    kramers_geometry,
)
from kernels.radiation import gas_emissivity

N_CELL = 100

PARAMS = (
    # kiln and bed transport
    Param("length", "m", 5.5, 0.5, 250.0, "kiln length from feed end to burner end"),
    Param("inner_radius", "m", 0.2055, 0.05, 3.5, "inner radius of the lining (free bore, coating included)"),
    Param("slope", "rad", 0.0, 0.0, 0.1, "kiln inclination to the horizontal"),
    Param("rotation_speed", "rad/s", 0.15707963, 0.001, 1.0, "angular speed of the kiln shell (1.5 rpm = 0.157 rad/s)"),
    Param("bed_model", "1", 0.0, 0.0, 1.0, "0: constant fill fraction, 1: Kramers-Croockewit bed-depth equation"),
    Param("fill_fraction", "1", 0.12, 0.01, 0.45, "bed cross-section fraction (bed_model 0)"),
    Param("repose_angle", "rad", 0.54105207, 0.3, 0.9, "dynamic angle of repose of the bed (31 deg = 0.541 rad)"),
    Param("dam_height", "m", 0.0, 0.0, 1.0, "bed depth at the discharge end (bed_model 1); 0 = free discharge"),
    Param("particle_diameter", "m", 0.0025, 1.0e-5, 0.05, "mean particle diameter of the bed"),
    Param("bulk_density", "kg/m^3", 1460.0, 300.0, 3500.0, "bulk density of the bed"),
    Param("solid_density", "kg/m^3", 2627.0, 500.0, 6000.0, "density of the bed particles"),
    Param("solid_conductivity", "W/(m*K)", 2.5, 0.05, 20.0, "thermal conductivity of the particle material"),
    Param("contact_resistance", "1", 0.1, 0.0, 2.0, "factor chi of the wall-bed contact resistance chi*d_p/k_gas"),
    Param("bed_emissivity", "1", 0.9, 0.05, 1.0, "emissivity of the bed surface"),
    Param("wall_emissivity", "1", 0.85, 0.05, 1.0, "emissivity of the inner wall"),
    Param("shell_emissivity", "1", 0.8, 0.05, 1.0, "emissivity of the steel shell"),
    # wall
    Param("coating_thickness", "m", 0.0, 0.0, 0.5, "thickness of the coating layer on the refractory"),
    Param("coating_conductivity", "W/(m*K)", 1.0, 0.05, 20.0, "thermal conductivity of the coating"),
    Param("refractory_thickness", "m", 0.093, 0.005, 0.6, "thickness of the refractory lining"),
    Param("refractory_k0", "W/(m*K)", 0.2475, 0.02, 30.0, "refractory conductivity k = k0 (1 + k1 T): k0"),
    Param("refractory_k1", "1/K", 5.85e-4, -4.0e-4, 5.0e-3, "refractory conductivity k = k0 (1 + k1 T): k1"),
    Param("refractory_density", "kg/m^3", 2000.0, 100.0, 4000.0, "density of refractory and coating (dynamics)"),
    Param("refractory_cp", "J/(kg*K)", 1000.0, 300.0, 2000.0, "heat capacity of refractory and coating (dynamics)"),
    Param("shell_thickness", "m", 0.006, 0.001, 0.1, "thickness of the steel shell"),
    Param("shell_conductivity", "W/(m*K)", 57.0, 5.0, 100.0, "thermal conductivity of the steel shell"),
    # surroundings
    Param("ambient_temp", "K", 298.15, 230.0, 330.0, "ambient air and surroundings temperature"),
    Param("wind_speed", "m/s", 0.0, 0.0, 30.0, "cross-wind speed over the shell (0 = natural convection)"),
    Param("relative_humidity", "1", 0.0, 0.0, 1.0, "relative humidity of the combustion air at ambient temperature"),
    Param("pressure", "Pa", 101325.0, 8.0e4, 1.2e5, "kiln gas pressure"),
    # feed
    Param("feed_rate", "kg/s", 0.017222222, 1.0e-5, 200.0, "wet feed mass flow at the feed end"),
    Param("feed_temp", "K", 293.15, 250.0, 1300.0, "feed temperature at the feed end"),
    Param("feed_x_h2o", "1", 0.0, 0.0, 0.5, "moisture mass fraction of the feed"),
    Param("feed_x_caco3", "1", 0.0, 0.0, 1.0, "CaCO3 mass fraction of the feed"),
    Param("feed_x_cao", "1", 0.0, 0.0, 1.0, "CaO mass fraction of the feed (rest is inert SiO2)"),
    # burner
    Param("fuel_flow", "kg/s", 1.2918123e-3, 0.0, 50.0, "fuel gas mass flow to the burner"),
    Param("fuel_x_ch4", "1", 1.0, 0.0, 1.0, "methane mole fraction in the fuel gas"),
    Param("fuel_x_c2h6", "1", 0.0, 0.0, 1.0, "ethane mole fraction in the fuel gas"),
    Param("fuel_x_c3h8", "1", 0.0, 0.0, 1.0, "propane mole fraction in the fuel gas"),
    Param("fuel_x_c4h10", "1", 0.0, 0.0, 1.0, "n-butane mole fraction in the fuel gas"),
    Param("fuel_x_h2", "1", 0.0, 0.0, 1.0, "hydrogen mole fraction in the fuel gas"),
    Param("fuel_x_co", "1", 0.0, 0.0, 1.0, "carbon monoxide mole fraction in the fuel gas"),
    Param("fuel_x_n2", "1", 0.0, 0.0, 1.0, "nitrogen mole fraction in the fuel gas"),
    Param("fuel_x_co2", "1", 0.0, 0.0, 1.0, "carbon dioxide mole fraction in the fuel gas"),
    Param("fuel_x_h2s", "1", 0.0, 0.0, 0.05, "hydrogen sulfide mole fraction in the fuel gas"),
    Param("fuel_temp", "K", 298.15, 250.0, 600.0, "fuel gas temperature at the burner"),
    Param("primary_air", "kg/s", 0.020600460, 0.0, 200.0, "primary (burner) air mass flow, humid"),
    Param("primary_air_temp", "K", 298.15, 230.0, 900.0, "primary air temperature"),
    Param("secondary_air", "kg/s", 0.050909183, 0.0, 500.0, "secondary air mass flow at the burner end, humid"),
    Param("secondary_air_temp", "K", 298.15, 230.0, 1600.0, "secondary air temperature (from the cooler)"),
    Param("oxygen_flow", "kg/s", 0.0, 0.0, 50.0, "pure O2 added with the primary air (enrichment)"),
    Param("flame_length", "m", 0.0, 0.0, 100.0,
          "length from the burner over which the fuel burns (uniform release); 0 = burnt at the burner"),
    # bed reactions
    Param("calcination_pre_exp", "1/s", 1.0e8, 0.0, 1.0e14, "Arrhenius pre-exponential factor of CaCO3 calcination"),
    Param("calcination_activation_energy", "J/mol", 175.7e3, 5.0e4, 4.0e5, "activation energy of calcination"),
    Param("drying_rate", "1/s", 0.05, 0.0, 100.0, "drying rate constant at 373 K (scaled by p_sat(T)/P)"),
)

OUTPUTS = (
    Output("bed_exit_temp", "K", "bed temperature at the discharge end"),
    Output("gas_exit_temp", "K", "gas temperature leaving at the feed end"),
    Output("gas_max_temp", "K", "highest gas temperature along the kiln"),
    Output("bed_max_temp", "K", "highest bed temperature along the kiln"),
    Output("wall_max_temp", "K", "highest inner wall temperature"),
    Output("shell_max_temp", "K", "highest shell temperature"),
    Output("adiabatic_flame_temp", "K", "adiabatic temperature of fuel, air and O2 burnt completely"),
    Output("heat_input", "W", "fuel flow times its LHV at 25 C"),
    Output("heat_to_bed", "W", "heat transferred to the bed from gas and wall"),
    Output("shell_loss", "W", "heat lost through the shell"),
    Output("exhaust_loss", "W", "sensible heat of the exhaust gas above ambient temperature"),
    Output("product_sensible_heat", "W", "sensible heat of the discharged product above ambient temperature"),
    Output("reaction_heat", "W", "heat taken up by calcination and drying, at 25 C"),
    Output("product_flow", "kg/s", "bed mass flow at the discharge end"),
    Output("calcination_degree", "1", "fraction of the calcium leaving as CaO"),
    Output("product_x_cao", "1", "CaO mass fraction of the product (free lime without clinker phases)"),
    Output("co2_process", "kg/s", "CO2 released by calcination in the kiln"),
    Output("co2_fuel", "kg/s", "CO2 from the carbon of the fuel"),
    Output("specific_heat_consumption", "J/kg", "fuel heat input per kg of product"),
    Output("specific_co2", "1", "process plus fuel CO2 per kg of product"),
    Output("residence_time", "s", "mean residence time of the solids"),
    Output("bed_holdup", "kg", "mass of bed material in the kiln"),
    Output("fill_mean", "1", "mean bed fill fraction"),
    Output("fill_angle", "rad", "mean central angle subtended by the bed"),
    Output("exposed_wall_angle", "rad", "mean angle of the wall exposed to the gas (2 pi - fill angle)"),
    Output("bed_depth_feed", "m", "bed depth in the first cell at the feed end"),
    Output("bed_depth_discharge", "m", "bed depth in the last cell at the discharge end"),
    Output("gas_exit_o2_dry", "1", "O2 mole fraction of the dry exhaust gas"),
    Output("gas_exit_co2", "1", "CO2 mole fraction of the (wet) exhaust gas"),
    Output("excess_oxygen", "1", "oxygen supplied above the stoichiometric demand, fraction"),
    Output("unburnt_fraction", "1", "fraction of the fuel not burnt inside the kiln (flame longer than kiln)"),
    Output("newton_iterations", "1", "Newton iterations of the steady solve"),
    Output("energy_residual", "1", "kiln energy balance residual relative to the heat input"),
    Output("mass_residual", "1", "kiln mass balance residual relative to the mass input"),
    Output("element_residual", "1", "largest relative element (C, H, O, N, S, Ar, Ca, Si) balance residual"),
)

PROFILES = (
    Profile("z", "m", "axial position of the cell centre from the feed end"),
    Profile("T_gas", "K", "gas temperature at the cell centre"),
    Profile("T_bed", "K", "bed temperature at the cell centre"),
    Profile("T_wall", "K", "inner wall surface temperature"),
    Profile("T_shell", "K", "outer shell temperature"),
    Profile("q_bed", "W/m", "heat into the bed per unit length"),
    Profile("q_shell", "W/m", "shell heat loss per unit length"),
    Profile("bed_depth", "m", "bed depth at the centre line"),
    Profile("fill", "1", "bed fill fraction of the cross-section"),
    Profile("bed_x_h2o", "1", "moisture mass fraction of the bed"),
    Profile("bed_x_caco3", "1", "CaCO3 mass fraction of the bed"),
    Profile("bed_x_cao", "1", "CaO mass fraction of the bed"),
    Profile("bed_x_sio2", "1", "inert (SiO2) mass fraction of the bed"),
    Profile("gas_y_co2", "1", "CO2 mole fraction of the gas"),
    Profile("gas_y_h2o", "1", "H2O mole fraction of the gas"),
    Profile("gas_y_o2", "1", "O2 mole fraction of the gas"),
    Profile("gas_emissivity", "1", "total gas emissivity over the mean beam length"),
    Profile("burnout", "1", "fraction of the fuel burnt"),
    Profile("bed_time", "s", "time since the solids entered at the feed end"),
)

# Index constants (kept in step with the tables by the contract tests).
(
    I_LENGTH,
    I_INNER_RADIUS,
    I_SLOPE,
    I_ROTATION_SPEED,
    I_BED_MODEL,
    I_FILL_FRACTION,
    I_REPOSE_ANGLE,
    I_DAM_HEIGHT,
    I_PARTICLE_DIAMETER,
    I_BULK_DENSITY,
    I_SOLID_DENSITY,
    I_SOLID_CONDUCTIVITY,
    I_CONTACT_RESISTANCE,
    I_BED_EMISSIVITY,
    I_WALL_EMISSIVITY,
    I_SHELL_EMISSIVITY,
    I_COATING_THICKNESS,
    I_COATING_CONDUCTIVITY,
    I_REFRACTORY_THICKNESS,
    I_REFRACTORY_K0,
    I_REFRACTORY_K1,
    I_REFRACTORY_DENSITY,
    I_REFRACTORY_CP,
    I_SHELL_THICKNESS,
    I_SHELL_CONDUCTIVITY,
    I_AMBIENT_TEMP,
    I_WIND_SPEED,
    I_RELATIVE_HUMIDITY,
    I_PRESSURE,
    I_FEED_RATE,
    I_FEED_TEMP,
    I_FEED_X_H2O,
    I_FEED_X_CACO3,
    I_FEED_X_CAO,
    I_FUEL_FLOW,
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
    I_PRIMARY_AIR,
    I_PRIMARY_AIR_TEMP,
    I_SECONDARY_AIR,
    I_SECONDARY_AIR_TEMP,
    I_OXYGEN_FLOW,
    I_FLAME_LENGTH,
    I_CALCINATION_PRE_EXP,
    I_CALCINATION_ACTIVATION_ENERGY,
    I_DRYING_RATE,
) = range(54)
(
    O_BED_EXIT_TEMP,
    O_GAS_EXIT_TEMP,
    O_GAS_MAX_TEMP,
    O_BED_MAX_TEMP,
    O_WALL_MAX_TEMP,
    O_SHELL_MAX_TEMP,
    O_ADIABATIC_FLAME_TEMP,
    O_HEAT_INPUT,
    O_HEAT_TO_BED,
    O_SHELL_LOSS,
    O_EXHAUST_LOSS,
    O_PRODUCT_SENSIBLE_HEAT,
    O_REACTION_HEAT,
    O_PRODUCT_FLOW,
    O_CALCINATION_DEGREE,
    O_PRODUCT_X_CAO,
    O_CO2_PROCESS,
    O_CO2_FUEL,
    O_SPECIFIC_HEAT_CONSUMPTION,
    O_SPECIFIC_CO2,
    O_RESIDENCE_TIME,
    O_BED_HOLDUP,
    O_FILL_MEAN,
    O_FILL_ANGLE,
    O_EXPOSED_WALL_ANGLE,
    O_BED_DEPTH_FEED,
    O_BED_DEPTH_DISCHARGE,
    O_GAS_EXIT_O2_DRY,
    O_GAS_EXIT_CO2,
    O_EXCESS_OXYGEN,
    O_UNBURNT_FRACTION,
    O_NEWTON_ITERATIONS,
    O_ENERGY_RESIDUAL,
    O_MASS_RESIDUAL,
    O_ELEMENT_RESIDUAL,
) = range(35)
(
    F_Z,
    F_T_GAS,
    F_T_BED,
    F_T_WALL,
    F_T_SHELL,
    F_Q_BED,
    F_Q_SHELL,
    F_BED_DEPTH,
    F_FILL,
    F_BED_X_H2O,
    F_BED_X_CACO3,
    F_BED_X_CAO,
    F_BED_X_SIO2,
    F_GAS_Y_CO2,
    F_GAS_Y_H2O,
    F_GAS_Y_O2,
    F_GAS_EMISSIVITY,
    F_BURNOUT,
    F_BED_TIME,
) = range(19)

# Fuel-gas mole fractions in p, with the species they map to in kernels.thermo.
FUEL_PARAMS = (
    (I_FUEL_X_CH4, th.CH4), (I_FUEL_X_C2H6, th.C2H6), (I_FUEL_X_C3H8, th.C3H8),
    (I_FUEL_X_C4H10, th.C4H10), (I_FUEL_X_H2, th.H2), (I_FUEL_X_CO, th.CO),
    (I_FUEL_X_N2, th.N2), (I_FUEL_X_CO2, th.CO2), (I_FUEL_X_H2S, th.H2S),
)
_FUEL_P_INDEX = np.array([i for i, _ in FUEL_PARAMS], dtype=np.int64)
_FUEL_SPECIES = np.array([k for _, k in FUEL_PARAMS], dtype=np.int64)
COMPOSITION_GROUPS = (("fuel_x_", 1e-3),)
_LOW, _HIGH = bounds(PARAMS)

# Unknowns of one cell (the state layout of step()).
(V_T_GAS, V_T_BED, V_T_WALL, V_T_SHELL, V_M_H2O, V_M_CACO3, V_M_CAO, V_M_SIO2,
 V_G_CO2, V_G_H2O) = range(10)
N_VAR = 10
V_M0 = V_M_H2O  # first bed species; bed species k is V_M0 + k (kernels.kiln_solids order)
N_STATE = N_CELL * N_VAR

# Cell-local quantities computed from one cell's unknowns (all per cell, W, kg/s, mol/s).
(L_HG, L_HB, L_QG, L_QB, L_QCOND, L_QEXT, L_SRC0, L_SRC1, L_SRC2, L_SRC3, L_GCO2, L_GH2O,
 L_HREL, L_EB, L_HOLD0, L_HOLD1, L_HOLD2, L_HOLD3, L_EPS) = range(19)
N_LOC = 19

# Per-scenario constants.
(G_DZ, G_RADIUS, G_OMEGA, G_P, G_T_AMB, G_R_COAT, G_R_REFR0, G_K1, G_R_STEEL, G_D_OUT,
 G_EPS_B, G_EPS_W, G_EPS_SH, G_WIND, G_DP, G_KS, G_PHI_S, G_RHO_BULK, G_CHI, G_A_CALC,
 G_E_CALC, G_K_DRY, G_C_WALL, G_H_FEED, G_H_BURNER, G_Q_REF, G_N_FUEL, G_LHV, G_T_AD,
 G_M_FEED0, G_M_FEED1, G_M_FEED2, G_M_FEED3, G_M_REF, G_N_REF, G_M_GAS_IN, G_O2_DEMAND,
 G_O2_SUPPLY) = range(38)
N_G = 38

_T_MIN = 200.0
_T_MAX = 5000.0
# Newton iteration limits: a solve from a good start or a time step; the first attempt from
# the initial guess; one continuation step. Kept in an array (and species indices below)
# because a jitted call with a literal int argument compiles one specialisation per value.
_NEWTON_LIMITS = np.array([80, 30, 25], dtype=np.int64)
_IDX = np.array([th.CO2, th.H2O, th.O2, B_H2O, B_CACO3, B_CAO], dtype=np.int64)
_IDX_CO2, _IDX_H2O, _IDX_O2, _IDX_BED_H2O, _IDX_CACO3, _IDX_CAO = range(6)
_TOL_RES = 1.0e-10  # scaled residual (energy per cell over heat scale / n)
_TOL_STEP = 1.0e-11  # scaled Newton step
_MAX_DT_STEP = 250.0  # K, largest temperature change of one Newton step
_FD_REL = 1.0e-7
_STEEL_RHO_CP = 7850.0 * 490.0  # J/(m^3 K), carbon steel


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming the parameters.

    Checked by ``twins`` before a run; ``solve`` checks the same rules and returns
    ``OUT_OF_RANGE`` (or ``INFEASIBLE`` for too little oxygen).
    """
    v = values
    fuel_sum = sum(v[f"fuel_x_{name}"] for name in ("ch4", "c2h6", "c3h8", "c4h10", "h2", "co", "n2", "co2", "h2s"))
    x_fuel = np.zeros(th.N_SPECIES)
    for i_param, k in FUEL_PARAMS:
        x_fuel[k] += v[PARAMS[i_param].name]
    x_air = np.zeros(th.N_SPECIES)
    cb.humid_air(v["relative_humidity"], v["ambient_temp"], v["pressure"], x_air)
    m_air = th.molar_mass_mix(x_air)
    o2_supply = ((v["primary_air"] + v["secondary_air"]) / m_air * x_air[th.O2]
                 + v["oxygen_flow"] / th.MOLAR_MASS[th.O2])
    o2_need = 0.0
    if fuel_sum > 0.0 and v["fuel_flow"] > 0.0:
        o2_need = v["fuel_flow"] / th.molar_mass_mix(x_fuel) * cb.o2_demand(x_fuel)
    rules = (
        (v["feed_x_h2o"] + v["feed_x_caco3"] + v["feed_x_cao"] <= 1.0,
         "feed_x_h2o + feed_x_caco3 + feed_x_cao must not exceed 1 (the rest is inert SiO2)"),
        (abs(fuel_sum - 1.0) <= 1e-3, "fuel_x_* mole fractions must sum to 1"),
        (o2_supply > o2_need,
         "primary_air + secondary_air + oxygen_flow must supply more oxygen than the fuel needs"),
        (v["bulk_density"] < v["solid_density"], "bulk_density must be below solid_density"),
        (v["dam_height"] < 0.9 * v["inner_radius"], "dam_height must be below 0.9 inner_radius"),
        (v["bed_model"] in (0.0, 1.0), "bed_model must be 0 (constant fill) or 1 (Kramers)"),
    )
    return [message for ok, message in rules if not ok]


# ------------------------------------------------------------------------- public API
@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve one steady kiln scenario on N_CELL cells.

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs
    prof : (len(PROFILES), N_CELL) filled with the profiles (cell centres, feed end first)

    Returns
    -------
    Status code of :mod:`kernels.contract`; on any status but ``OK`` outputs and
    profiles are NaN.
    """
    x = np.empty((N_CELL, N_VAR))
    return solve_cells(p, x, out, prof)


@njit(cache=True)
def solve_cells(p: np.ndarray, x: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Steady solve on ``n = x.shape[0]`` cells; x (n, N_VAR) returns the unknowns.

    prof has shape (len(PROFILES), n). Used by :func:`solve` (n = N_CELL), by
    :func:`steady_state` and for grid studies and benchmarks.
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    n = x.shape[0]
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    status = _setup(p, n, g, x_fuel, n_u, n_b)
    if status != OK:
        return status
    beta = np.empty(n)
    _burnout(p, g, beta)
    geo = np.empty((n, N_GEO))
    q_v = np.empty(n)
    for i in range(n):
        q_v[i] = p[I_FEED_RATE] / p[I_BULK_DENSITY]
    if not _geometry(p, geo, q_v):
        return INFEASIBLE
    _initial_guess(p, g, x)
    iterations = 0
    kramers = p[I_BED_MODEL] > 0.5
    for _outer in range(6):
        status, it = _steady_newton(g, geo, beta, n_u, n_b, x)
        iterations += it
        if status != OK:
            return status
        if not kramers:
            break
        # update the bed depth with the volumetric flow of the converged bed
        change = 0.0
        for i in range(n):
            m_tot = 0.0
            for k in range(N_BED):
                m_tot += max(x[i, V_M0 + k], 0.0)
            q_new = m_tot / p[I_BULK_DENSITY]
            change = max(change, abs(q_new - q_v[i]) / q_v[i])
            q_v[i] = q_new
        if change < 1e-6:
            break
        if not _geometry(p, geo, q_v):
            return INFEASIBLE
    _report(p, g, geo, beta, n_u, n_b, x_fuel, x, float(iterations), out, prof)
    return OK


@njit(cache=True)
def steady_state(p: np.ndarray, state: np.ndarray) -> int:
    """Fill ``state`` (N_STATE, layout in the module docstring) with the steady solution."""
    x = np.empty((N_CELL, N_VAR))
    out = np.empty(len(OUTPUTS))
    prof = np.empty((len(PROFILES), N_CELL))
    status = solve_cells(p, x, out, prof)
    if status == OK:
        for i in range(N_CELL):
            for v in range(N_VAR):
                state[i * N_VAR + v] = x[i, v]
    return status


@njit(cache=True)
def step(state: np.ndarray, p: np.ndarray, dt: float) -> int:
    """Advance the kiln state by dt [s] with implicit Euler; state is updated in place.

    Storage terms: bed enthalpy and species hold-ups (transport delay of the bed, which
    moves at u = q_v / A_bed) and the heat capacity of refractory, coating and shell
    lumped at the mean of inner-wall and shell temperature. The gas is quasi-steady.
    The bed geometry is taken from the flows of the state at the start of the step.
    On a status other than OK the state is left unchanged.
    """
    if not (dt > 0.0):
        return BAD_INPUT
    for j in range(state.size):
        if not np.isfinite(state[j]):
            return BAD_INPUT
    status = _check_inputs(p)
    if status != OK:
        return status
    n = N_CELL
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    status = _setup(p, n, g, x_fuel, n_u, n_b)
    if status != OK:
        return status
    beta = np.empty(n)
    _burnout(p, g, beta)
    x_old = np.empty((n, N_VAR))
    q_v = np.empty(n)
    for i in range(n):
        m_tot = 0.0
        for v in range(N_VAR):
            x_old[i, v] = state[i * N_VAR + v]
        for k in range(N_BED):
            m_tot += max(x_old[i, V_M0 + k], 0.0)
        q_v[i] = max(m_tot, 1e-9 * p[I_FEED_RATE]) / p[I_BULK_DENSITY]
    geo = np.empty((n, N_GEO))
    if not _geometry(p, geo, q_v):
        return INFEASIBLE
    x = x_old.copy()
    status, _ = _newton(g, geo, beta, n_u, n_b, x, x_old, 1.0 / dt, _NEWTON_LIMITS[0])
    if status != OK:
        return status
    for i in range(n):
        for v in range(N_VAR):
            state[i * N_VAR + v] = x[i, v]
    return OK


@njit(cache=True)
def report_state(p: np.ndarray, state: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Outputs and profiles of a (possibly transient) state; balances then include storage."""
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    n = N_CELL
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    status = _setup(p, n, g, x_fuel, n_u, n_b)
    if status != OK:
        return status
    beta = np.empty(n)
    _burnout(p, g, beta)
    x = np.empty((n, N_VAR))
    q_v = np.empty(n)
    for i in range(n):
        m_tot = 0.0
        for v in range(N_VAR):
            x[i, v] = state[i * N_VAR + v]
        for k in range(N_BED):
            m_tot += max(x[i, V_M0 + k], 0.0)
        q_v[i] = max(m_tot, 1e-9 * p[I_FEED_RATE]) / p[I_BULK_DENSITY]
    geo = np.empty((n, N_GEO))
    if not _geometry(p, geo, q_v):
        return INFEASIBLE
    _report(p, g, geo, beta, n_u, n_b, x_fuel, x, 0.0, out, prof)
    return OK


@njit(cache=True)
def exit_gas(p: np.ndarray, state: np.ndarray, n_out: np.ndarray) -> int:
    """Molar flows [mol/s] of the gas leaving at the feed end (thermo species order) into n_out.

    Its temperature is ``state[V_T_GAS]`` (cell 0). For coupling the kiln to the
    preheater/calciner balances (:mod:`kernels.pyroline`).
    """
    n_out[:] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    status = _setup(p, N_CELL, g, x_fuel, n_u, n_b)
    if status != OK:
        return status
    beta = np.empty(N_CELL)
    _burnout(p, g, beta)
    _gas_of_cell(n_u, n_b, beta[0], state[:N_VAR], n_out)
    return OK


@njit(cache=True)
def energy_content(p: np.ndarray, state: np.ndarray) -> tuple[float, float]:
    """(stored enthalpy [J], net energy inflow [W]) of a state, for balances over steps.

    Stored: absolute enthalpy of the bed hold-up plus the wall heat capacity times its
    mean temperature (the storage terms of :func:`step`). Net inflow: fuel, air and feed
    enthalpy in, minus exhaust gas, product and shell loss out. Over one implicit Euler
    step, ``stored(new) - stored(old) = dt * inflow(new)`` holds to the Newton tolerance
    when the bed geometry does not change (constant fill). NaN on bad input.
    """
    if _check_inputs(p) != OK:
        return np.nan, np.nan
    n = N_CELL
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    if _setup(p, n, g, x_fuel, n_u, n_b) != OK:
        return np.nan, np.nan
    beta = np.empty(n)
    _burnout(p, g, beta)
    x = np.empty((n, N_VAR))
    q_v = np.empty(n)
    for i in range(n):
        m_tot = 0.0
        for v in range(N_VAR):
            x[i, v] = state[i * N_VAR + v]
        for k in range(N_BED):
            m_tot += max(x[i, V_M0 + k], 0.0)
        q_v[i] = max(m_tot, 1e-9 * p[I_FEED_RATE]) / p[I_BULK_DENSITY]
    geo = np.empty((n, N_GEO))
    if not _geometry(p, geo, q_v):
        return np.nan, np.nan
    loc = np.empty((n, N_LOC))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    _eval_all(g, geo, beta, n_u, n_b, x, n_g, m, loc)
    stored = 0.0
    q_ext = 0.0
    for i in range(n):
        stored += loc[i, L_EB] + g[G_C_WALL] * g[G_DZ] * 0.5 * (x[i, V_T_WALL] + x[i, V_T_SHELL])
        q_ext += loc[i, L_QEXT]
    inflow = g[G_H_BURNER] + g[G_H_FEED] - loc[0, L_HG] - loc[n - 1, L_HB] - q_ext
    return stored, inflow


@njit(cache=True, parallel=True)
def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Solve many scenarios, one row of P each, in parallel over rows.

    P : (n, len(PARAMS)); OUT : (n, len(OUTPUTS)); PROF : (n, len(PROFILES), N_CELL);
    STATUS : (n,) int8. A failing row gets its status and NaN results; others go on.
    """
    for i in prange(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])


@njit(cache=True, nogil=True)
def solve_batch_serial(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray,
                       STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`solve_batch` for Dask workers and nested calls."""
    for i in range(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])


# --------------------------------------------------------------------------- helpers
@njit(cache=True)
def _check_inputs(p: np.ndarray) -> int:
    if p.size != len(_LOW):
        return BAD_INPUT
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
    if (p[I_FEED_X_H2O] + p[I_FEED_X_CACO3] + p[I_FEED_X_CAO] > 1.0
            or p[I_BULK_DENSITY] >= p[I_SOLID_DENSITY]
            or p[I_DAM_HEIGHT] >= 0.9 * p[I_INNER_RADIUS]
            or (p[I_BED_MODEL] != 0.0 and p[I_BED_MODEL] != 1.0)):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _setup(p, n, g, x_fuel, n_u, n_b) -> int:
    """Per-scenario constants g, fuel composition, unburnt (n_u) and burnt (n_b) gas, mol/s."""
    x_fuel[:] = 0.0
    total = 0.0
    for j in range(_FUEL_P_INDEX.size):
        x_fuel[_FUEL_SPECIES[j]] += p[_FUEL_P_INDEX[j]]
        total += p[_FUEL_P_INDEX[j]]
    x_fuel /= total
    x_air = np.zeros(th.N_SPECIES)
    cb.humid_air(p[I_RELATIVE_HUMIDITY], p[I_AMBIENT_TEMP], p[I_PRESSURE], x_air)
    m_air = th.molar_mass_mix(x_air)
    n_fuel = p[I_FUEL_FLOW] / th.molar_mass_mix(x_fuel)
    n_pa = p[I_PRIMARY_AIR] / m_air
    n_sa = p[I_SECONDARY_AIR] / m_air
    n_o2 = p[I_OXYGEN_FLOW] / th.MOLAR_MASS[th.O2]
    h_in = 0.0
    m_gas_in = 0.0
    for k in range(th.N_SPECIES):
        n_u[k] = n_fuel * x_fuel[k] + (n_pa + n_sa) * x_air[k]
    n_u[th.O2] += n_o2
    for k in range(th.N_SPECIES):
        m_gas_in += n_u[k] * th.MOLAR_MASS[k]
    if n_fuel > 0.0:
        h_in += n_fuel * th.h_mix(x_fuel, p[I_FUEL_TEMP])
    h_in += n_pa * th.h_mix(x_air, p[I_PRIMARY_AIR_TEMP]) + n_sa * th.h_mix(x_air, p[I_SECONDARY_AIR_TEMP])
    if n_o2 > 0.0:
        h_in += n_o2 * th.h_species(_IDX[_IDX_O2], p[I_PRIMARY_AIR_TEMP])
    # complete combustion of the fuel: atoms of the unburnt mixture regrouped
    o2_demand = n_fuel * cb.o2_demand(x_fuel) if n_fuel > 0.0 else 0.0
    o2_supply = n_u[th.O2]  # O2 of the air and the enrichment
    if o2_supply <= o2_demand or n_u.sum() <= 0.0:
        return INFEASIBLE
    b = np.zeros(th.N_ELEMENTS)
    for k in range(th.N_SPECIES):
        for e in range(th.N_ELEMENTS):
            b[e] += n_u[k] * th.ELEMENTS[k, e]
    n_b[:] = 0.0
    n_b[th.CO2] = b[th.EL_C]
    n_b[th.H2O] = 0.5 * b[th.EL_H]
    n_b[th.SO2] = b[th.EL_S]
    n_b[th.N2] = 0.5 * b[th.EL_N]
    n_b[th.AR] = b[th.EL_AR]
    n_b[th.O2] = 0.5 * b[th.EL_O] - b[th.EL_C] - 0.25 * b[th.EL_H] - b[th.EL_S]

    length = p[I_LENGTH]
    r0 = p[I_INNER_RADIUS]
    r1 = r0 + p[I_COATING_THICKNESS]
    r2 = r1 + p[I_REFRACTORY_THICKNESS]
    r3 = r2 + p[I_SHELL_THICKNESS]
    g[G_DZ] = length / n
    g[G_RADIUS] = r0
    g[G_OMEGA] = p[I_ROTATION_SPEED]
    g[G_P] = p[I_PRESSURE]
    g[G_T_AMB] = p[I_AMBIENT_TEMP]
    g[G_R_COAT] = np.log(r1 / r0) / (2.0 * np.pi * p[I_COATING_CONDUCTIVITY])
    g[G_R_REFR0] = np.log(r2 / r1) / (2.0 * np.pi * p[I_REFRACTORY_K0])
    g[G_K1] = p[I_REFRACTORY_K1]
    g[G_R_STEEL] = np.log(r3 / r2) / (2.0 * np.pi * p[I_SHELL_CONDUCTIVITY])
    g[G_D_OUT] = 2.0 * r3
    g[G_EPS_B] = p[I_BED_EMISSIVITY]
    g[G_EPS_W] = p[I_WALL_EMISSIVITY]
    g[G_EPS_SH] = p[I_SHELL_EMISSIVITY]
    g[G_WIND] = p[I_WIND_SPEED]
    g[G_DP] = p[I_PARTICLE_DIAMETER]
    g[G_KS] = p[I_SOLID_CONDUCTIVITY]
    g[G_PHI_S] = p[I_BULK_DENSITY] / p[I_SOLID_DENSITY]
    g[G_RHO_BULK] = p[I_BULK_DENSITY]
    g[G_CHI] = p[I_CONTACT_RESISTANCE]
    g[G_A_CALC] = p[I_CALCINATION_PRE_EXP]
    g[G_E_CALC] = p[I_CALCINATION_ACTIVATION_ENERGY]
    g[G_K_DRY] = p[I_DRYING_RATE]
    g[G_C_WALL] = (p[I_REFRACTORY_DENSITY] * p[I_REFRACTORY_CP] * np.pi * (r2 * r2 - r0 * r0)
                   + _STEEL_RHO_CP * np.pi * (r3 * r3 - r2 * r2))
    feed = p[I_FEED_RATE]
    m_feed = np.empty(N_BED)
    m_feed[B_H2O] = feed * p[I_FEED_X_H2O]
    m_feed[B_CACO3] = feed * p[I_FEED_X_CACO3]
    m_feed[B_CAO] = feed * p[I_FEED_X_CAO]
    m_feed[B_SIO2] = max(feed - m_feed[B_H2O] - m_feed[B_CACO3] - m_feed[B_CAO], 0.0)
    for k in range(N_BED):
        g[G_M_FEED0 + k] = m_feed[k]
    g[G_H_FEED] = bed_enthalpy_flow(m_feed, p[I_FEED_TEMP])
    g[G_H_BURNER] = h_in
    g[G_N_FUEL] = n_fuel
    g[G_LHV] = cb.lhv_molar(x_fuel) if n_fuel > 0.0 else 0.0
    g[G_T_AD] = th.temperature_from_h(n_b, h_in, 1500.0)
    g[G_Q_REF] = n_fuel * g[G_LHV] + feed * 1.0e6
    g[G_M_REF] = feed
    g[G_N_REF] = feed / th.MOLAR_MASS[th.CO2]
    g[G_M_GAS_IN] = m_gas_in
    g[G_O2_DEMAND] = o2_demand
    g[G_O2_SUPPLY] = o2_supply
    if not np.isfinite(g[G_T_AD]):
        return NOT_CONVERGED
    return OK


@njit(cache=True)
def _burnout(p, g, beta) -> None:
    """Burnt fraction of the fuel in the gas leaving each cell (at its feed-side face)."""
    n = beta.size
    for i in range(n):
        s = p[I_LENGTH] - i * g[G_DZ]  # distance of face i from the burner
        beta[i] = min(s / p[I_FLAME_LENGTH], 1.0) if p[I_FLAME_LENGTH] > 0.0 else 1.0


@njit(cache=True)
def _geometry(p, geo, q_v) -> bool:
    if p[I_BED_MODEL] < 0.5:
        constant_fill_geometry(p[I_INNER_RADIUS], p[I_FILL_FRACTION], geo)
        return True
    rev_per_s = p[I_ROTATION_SPEED] / (2.0 * np.pi)
    return kramers_geometry(p[I_INNER_RADIUS], p[I_LENGTH], rev_per_s, p[I_REPOSE_ANGLE], p[I_SLOPE],
                            p[I_DAM_HEIGHT], q_v, geo)


@njit(cache=True)
def _initial_guess(p, g, x) -> None:
    """Linear gas, bed and wall profiles between feed, ambient and flame temperatures."""
    n = x.shape[0]
    t_feed = p[I_FEED_TEMP]
    t_ad = max(g[G_T_AD], t_feed + 50.0)
    t_amb = p[I_AMBIENT_TEMP]
    for i in range(n):
        s = (i + 0.5) / n
        t_g = t_feed + (t_ad - t_feed) * (0.6 + 0.35 * s)
        t_b = t_feed + (t_ad - t_feed) * 0.8 * s
        t_w = 0.5 * (t_g + t_b)
        x[i, V_T_GAS] = t_g
        x[i, V_T_BED] = t_b
        x[i, V_T_WALL] = t_w
        x[i, V_T_SHELL] = t_amb + 0.2 * (t_w - t_amb)
        for k in range(N_BED):
            x[i, V_M0 + k] = g[G_M_FEED0 + k]
        x[i, V_G_CO2] = 0.0
        x[i, V_G_H2O] = 0.0


@njit(cache=True)
def _local(g, geo, beta, n_u, n_b, x, n_g, m, loc) -> None:
    """Cell-local quantities (L_* entries of loc) from the cell unknowns x.

    n_g (N_SPECIES) and m (N_BED) are scratch arrays.
    """
    dz = g[G_DZ]
    t_g = x[V_T_GAS]
    t_b = x[V_T_BED]
    t_w = x[V_T_WALL]
    t_s = x[V_T_SHELL]
    for k in range(N_BED):
        m[k] = x[V_M0 + k]
    # gas leaving the cell: burnt fraction beta, plus what the bed released
    n_tot = 0.0
    m_gas = 0.0
    for k in range(th.N_SPECIES):
        n_g[k] = n_u[k] + beta * (n_b[k] - n_u[k])
    n_g[th.CO2] += x[V_G_CO2]
    n_g[th.H2O] += x[V_G_H2O]
    for k in range(th.N_SPECIES):
        n_tot += n_g[k]
        m_gas += n_g[k] * th.MOLAR_MASS[k]
    loc[L_HG] = th.h_mix(n_g, t_g)
    pressure = g[G_P]
    p_co2 = max(n_g[th.CO2], 0.0) / n_tot * pressure
    p_h2o = max(n_g[th.H2O], 0.0) / n_tot * pressure
    eps_g = gas_emissivity(t_g, p_h2o, p_co2, geo[GEO_BEAM])
    loc[L_EPS] = eps_g

    # gas convection (Tscheng & Watkinson 1979)
    d_e = geo[GEO_HYD_DIAM]
    mu = flue_viscosity(t_g)
    k_g = flue_conductivity(t_g)
    rho_g = pressure * m_gas / (n_tot * th.R_GAS * t_g)
    re = m_gas * d_e / (geo[GEO_AREA_GAS] * mu)
    re_w = rho_g * g[G_OMEGA] * d_e * d_e / mu
    h_gw = nusselt_gas_wall(re, re_w) * k_g / d_e
    h_gb = nusselt_gas_bed(re, re_w, geo[GEO_FILL]) * k_g / d_e
    q_conv_gw = h_gw * geo[GEO_ARC_EXPOSED] * (t_g - t_w)
    q_conv_gb = h_gb * geo[GEO_CHORD] * (t_g - t_b)

    # radiation gas / bed chord / exposed wall
    q_rad_b, q_rad_w = radiation_network(g[G_EPS_B], g[G_EPS_W], eps_g, geo[GEO_CHORD],
                                         geo[GEO_ARC_EXPOSED], t_g, t_b, t_w)

    # covered wall to bed
    m_tot = 0.0
    for k in range(N_BED):
        m_tot += max(m[k], 0.0)
    m_tot = max(m_tot, 1e-12 * g[G_M_REF])
    holdup_per_flow = g[G_RHO_BULK] * geo[GEO_AREA_BED] / m_tot  # s/m = 1 / u_bed
    cp_b = bed_cp_mass(m, t_b)
    k_bed = maxwell_conductivity(flue_conductivity(t_b), g[G_KS], g[G_PHI_S])
    contact_time = geo[GEO_THETA] / g[G_OMEGA]
    h_cw = covered_wall_coefficient(flue_conductivity(0.5 * (t_w + t_b)), g[G_DP], g[G_CHI], k_bed,
                                    g[G_RHO_BULK] * cp_b, contact_time)
    q_cw = h_cw * geo[GEO_ARC_COVERED] * (t_w - t_b)

    loc[L_QG] = (q_rad_b + q_rad_w + q_conv_gw + q_conv_gb) * dz
    loc[L_QB] = (q_rad_b + q_conv_gb + q_cw) * dz
    loc[L_QCOND] = wall_conduction(t_w, t_s, g[G_R_COAT], g[G_R_REFR0], g[G_K1], g[G_R_STEEL]) * dz
    loc[L_QEXT] = shell_loss(t_s, g[G_T_AMB], g[G_D_OUT], g[G_EPS_SH], g[G_WIND], pressure) * dz

    # bed reactions
    r_c = calcination_rate(t_b, m[B_CACO3], m[B_CAO], holdup_per_flow, p_co2, g[G_A_CALC], g[G_E_CALC]) * dz
    r_w = drying_rate(t_b, m[B_H2O], holdup_per_flow, p_h2o, g[G_K_DRY], pressure) * dz
    loc[L_SRC0 + B_H2O] = -r_w
    loc[L_SRC0 + B_CACO3] = -r_c
    loc[L_SRC0 + B_CAO] = r_c * BED_MOLAR_MASS[B_CAO] / BED_MOLAR_MASS[B_CACO3]
    loc[L_SRC0 + B_SIO2] = 0.0
    n_co2 = r_c / BED_MOLAR_MASS[B_CACO3]
    n_h2o = r_w / BED_MOLAR_MASS[B_H2O]
    loc[L_GCO2] = n_co2
    loc[L_GH2O] = n_h2o
    loc[L_HREL] = n_co2 * th.h_species(_IDX[_IDX_CO2], t_b) + n_h2o * th.h_species(_IDX[_IDX_H2O], t_b)
    hb = bed_enthalpy_flow(m, t_b)
    loc[L_HB] = hb
    loc[L_EB] = hb * holdup_per_flow * dz
    for k in range(N_BED):
        loc[L_HOLD0 + k] = m[k] * holdup_per_flow * dz


@njit(cache=True)
def _residual(g, x, x_old, dt_inv, loc, loc_old, res) -> None:
    """Cell residuals (W for energy rows, kg/s for bed species, mol/s for released gas)."""
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
        res[i, V_T_BED] = hb_prev - li[L_HB] - li[L_HREL] + li[L_QB] - dt_inv * (li[L_EB] - loc_old[i, L_EB])
        t_mean = 0.5 * (x[i, V_T_WALL] + x[i, V_T_SHELL])
        t_mean_old = 0.5 * (x_old[i, V_T_WALL] + x_old[i, V_T_SHELL])
        res[i, V_T_WALL] = li[L_QG] - li[L_QB] - li[L_QEXT] - dt_inv * c_wall * (t_mean - t_mean_old)
        res[i, V_T_SHELL] = li[L_QCOND] - 0.5 * (li[L_QG] - li[L_QB] + li[L_QEXT])
        for k in range(N_BED):
            m_prev = x[i - 1, V_M0 + k] if i > 0 else g[G_M_FEED0 + k]
            res[i, V_M0 + k] = (m_prev - x[i, V_M0 + k] + li[L_SRC0 + k]
                                - dt_inv * (li[L_HOLD0 + k] - loc_old[i, L_HOLD0 + k]))
        res[i, V_G_CO2] = gc_next + li[L_GCO2] - x[i, V_G_CO2]
        res[i, V_G_H2O] = gw_next + li[L_GH2O] - x[i, V_G_H2O]


@njit(cache=True)
def _scales(g, n, xs, rs) -> None:
    """Variable scales xs and residual scales rs (per variable / row kind)."""
    q = g[G_Q_REF] / n
    for v in range(4):
        xs[v] = 1000.0
        rs[v] = q
    for k in range(N_BED):
        xs[V_M0 + k] = g[G_M_REF]
        rs[V_M0 + k] = g[G_M_REF] / n
    xs[V_G_CO2] = g[G_N_REF]
    xs[V_G_H2O] = g[G_N_REF]
    rs[V_G_CO2] = g[G_N_REF] / n
    rs[V_G_H2O] = g[G_N_REF] / n


@njit(cache=True)
def _eval_all(g, geo, beta, n_u, n_b, x, n_g, m, loc) -> bool:
    n = x.shape[0]
    for i in range(n):
        _local(g, geo[i], beta[i], n_u, n_b, x[i], n_g, m, loc[i])
        for j in range(N_LOC):
            if not np.isfinite(loc[i, j]):
                return False
    return True


@njit(cache=True)
def _merit(res, rs) -> float:
    f = 0.0
    for i in range(res.shape[0]):
        for v in range(N_VAR):
            r = res[i, v] / rs[v]
            f += r * r
    return f


@njit(cache=True)
def _steady_newton(g, geo, beta, n_u, n_b, x):
    """Steady Newton solve from x; if it fails, continuation in the reaction rates.

    The bed reactions (calcination, drying) make the equations stiff: their rates grow
    exponentially with the bed temperature of the initial guess. On failure the
    solution is first found without reactions and the rate constants are then raised
    from 1e-8 of their value to the full value in steps of one to two decades (halved
    on failure). Returns (status, total Newton iterations).
    """
    x0 = x.copy()
    status, total = _newton(g, geo, beta, n_u, n_b, x, x, 0.0, _NEWTON_LIMITS[1])
    if status == OK:
        return OK, total
    a_calc = g[G_A_CALC]
    k_dry = g[G_K_DRY]
    if a_calc <= 0.0 and k_dry <= 0.0:
        return status, total
    x[:, :] = x0
    gc = g.copy()
    gc[G_A_CALC] = 0.0
    gc[G_K_DRY] = 0.0
    status, it = _newton(gc, geo, beta, n_u, n_b, x, x, 0.0, _NEWTON_LIMITS[0])
    total += it
    if status != OK:
        return status, total
    log_done = -8.0  # log10 of the rate factor reached (0 = full rates)
    log_step = 1.0
    x_good = x.copy()
    first = True
    for _ in range(60):
        log_try = 0.0 if log_done + log_step > 0.0 else log_done + log_step
        if first:
            log_try = log_done
        f = 10.0**log_try
        gc[G_A_CALC] = a_calc * f
        gc[G_K_DRY] = k_dry * f
        status, it = _newton(gc, geo, beta, n_u, n_b, x, x, 0.0, _NEWTON_LIMITS[2])
        total += it
        if status == OK:
            first = False
            x_good[:, :] = x
            log_done = log_try
            if log_done >= 0.0:
                return OK, total
            if it <= 8:
                log_step = min(2.0 * log_step, 4.0)
        else:
            x[:, :] = x_good
            log_step *= 0.5
            if log_step < 1e-3:
                return NOT_CONVERGED, total
    return NOT_CONVERGED, total


@njit(cache=True)
def _newton(g, geo, beta, n_u, n_b, x, x_old, dt_inv, max_iter):
    """Newton iteration with block-tridiagonal Jacobian and backtracking; returns (status, iterations).

    Steady state for dt_inv = 0; implicit Euler from x_old otherwise. x is the initial
    guess and the result.
    """
    n = x.shape[0]
    nv = N_VAR
    loc = np.empty((n, N_LOC))
    loc_old = np.zeros((n, N_LOC))
    dloc = np.empty((n, N_LOC, nv))
    res = np.empty((n, nv))
    lower = np.zeros((n, nv, nv))
    diag = np.zeros((n, nv, nv))
    upper = np.zeros((n, nv, nv))
    gain = np.empty((n, nv, nv))
    piv = np.empty(nv, dtype=np.int64)
    dx = np.empty((n, nv))
    x_try = np.empty((n, nv))
    loc_try = np.empty((n, N_LOC))
    res_try = np.empty((n, nv))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    xp = np.empty(nv)
    lp = np.empty(N_LOC)
    xs = np.empty(nv)
    rs = np.empty(nv)
    _scales(g, n, xs, rs)
    c_wall = g[G_C_WALL] * g[G_DZ]
    if dt_inv > 0.0:
        if not _eval_all(g, geo, beta, n_u, n_b, x_old, n_g, m, loc_old):
            return BAD_INPUT, 0
    if not _eval_all(g, geo, beta, n_u, n_b, x, n_g, m, loc):
        return NOT_CONVERGED, 0
    _residual(g, x, x_old, dt_inv, loc, loc_old, res)
    f = _merit(res, rs)
    for it in range(1, max_iter + 1):
        # cell-local derivatives by forward differences
        for i in range(n):
            for v in range(nv):
                xp[v] = x[i, v]
            for v in range(nv):
                h = _FD_REL * max(abs(x[i, v]), xs[v])
                xp[v] = x[i, v] + h
                _local(g, geo[i], beta[i], n_u, n_b, xp, n_g, m, lp)
                for j in range(N_LOC):
                    dloc[i, j, v] = (lp[j] - loc[i, j]) / h
                xp[v] = x[i, v]
        # assemble the scaled block-tridiagonal Jacobian and right-hand side
        for i in range(n):
            d = dloc[i]
            for v in range(nv):
                diag[i, V_T_GAS, v] = -d[L_HG, v] + d[L_HREL, v] - d[L_QG, v]
                diag[i, V_T_BED, v] = -d[L_HB, v] - d[L_HREL, v] + d[L_QB, v] - dt_inv * d[L_EB, v]
                diag[i, V_T_WALL, v] = d[L_QG, v] - d[L_QB, v] - d[L_QEXT, v]
                diag[i, V_T_SHELL, v] = d[L_QCOND, v] - 0.5 * (d[L_QG, v] - d[L_QB, v] + d[L_QEXT, v])
                for k in range(N_BED):
                    diag[i, V_M0 + k, v] = d[L_SRC0 + k, v] - dt_inv * d[L_HOLD0 + k, v]
                diag[i, V_G_CO2, v] = d[L_GCO2, v]
                diag[i, V_G_H2O, v] = d[L_GH2O, v]
                for r in range(nv):
                    lower[i, r, v] = 0.0
                    upper[i, r, v] = 0.0
            diag[i, V_T_WALL, V_T_WALL] -= 0.5 * dt_inv * c_wall
            diag[i, V_T_WALL, V_T_SHELL] -= 0.5 * dt_inv * c_wall
            for k in range(N_BED):
                diag[i, V_M0 + k, V_M0 + k] -= 1.0
            diag[i, V_G_CO2, V_G_CO2] -= 1.0
            diag[i, V_G_H2O, V_G_H2O] -= 1.0
            if i > 0:
                for v in range(nv):
                    lower[i, V_T_BED, v] = dloc[i - 1, L_HB, v]
                for k in range(N_BED):
                    lower[i, V_M0 + k, V_M0 + k] = 1.0
            if i < n - 1:
                for v in range(nv):
                    upper[i, V_T_GAS, v] = dloc[i + 1, L_HG, v]
                upper[i, V_G_CO2, V_G_CO2] = 1.0
                upper[i, V_G_H2O, V_G_H2O] = 1.0
            for r in range(nv):
                for v in range(nv):
                    scale = xs[v] / rs[r]
                    diag[i, r, v] *= scale
                    lower[i, r, v] *= scale
                    upper[i, r, v] *= scale
                dx[i, r] = -res[i, r] / rs[r]
        if not block_tridiagonal_solve(lower, diag, upper, dx, gain, piv):
            return NOT_CONVERGED, it
        step_max = 0.0
        dt_max = 0.0
        for i in range(n):
            for v in range(nv):
                step_max = max(step_max, abs(dx[i, v]))
                dx[i, v] *= xs[v]
            for v in range(4):
                dt_max = max(dt_max, abs(dx[i, v]))
        if not np.isfinite(step_max):
            return NOT_CONVERGED, it
        lam = 1.0
        if dt_max > _MAX_DT_STEP:
            lam = _MAX_DT_STEP / dt_max
        accepted = False
        f_try = np.inf
        for _ls in range(14):
            for i in range(n):
                for v in range(nv):
                    val = x[i, v] + lam * dx[i, v]
                    if v < 4:
                        val = min(max(val, _T_MIN), _T_MAX)
                    else:
                        val = max(val, 0.0)
                    x_try[i, v] = val
            if _eval_all(g, geo, beta, n_u, n_b, x_try, n_g, m, loc_try):
                _residual(g, x_try, x_old, dt_inv, loc_try, loc_old, res_try)
                f_try = _merit(res_try, rs)
                if f_try <= (1.0 - 1e-4 * lam) * f or f_try < 1e-30:
                    accepted = True
                    break
            lam *= 0.5
        if not accepted:
            if not np.isfinite(f_try):
                return NOT_CONVERGED, it
        for i in range(n):
            for v in range(nv):
                x[i, v] = x_try[i, v]
            for j in range(N_LOC):
                loc[i, j] = loc_try[i, j]
            for v in range(nv):
                res[i, v] = res_try[i, v]
        f = f_try
        res_max = 0.0
        for i in range(n):
            for v in range(nv):
                res_max = max(res_max, abs(res[i, v]) / rs[v])
        if res_max < _TOL_RES or (lam * step_max < _TOL_STEP and res_max < 1e-6):
            return OK, it
    return NOT_CONVERGED, max_iter


@njit(cache=True)
def _report(p, g, geo, beta, n_u, n_b, x_fuel, x, iterations, out, prof) -> None:
    """Outputs and profiles of the solution x."""
    n = x.shape[0]
    dz = g[G_DZ]
    loc = np.empty((n, N_LOC))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    _eval_all(g, geo, beta, n_u, n_b, x, n_g, m, loc)
    t_amb = p[I_AMBIENT_TEMP]

    q_bed = 0.0
    q_shell = 0.0
    holdup = 0.0
    t_since = 0.0
    for i in range(n):
        q_bed += loc[i, L_QB]
        q_shell += loc[i, L_QEXT]
        m_tot = 0.0
        for k in range(N_BED):
            m[k] = max(x[i, V_M0 + k], 0.0)
            m_tot += m[k]
        hold_i = 0.0
        for k in range(N_BED):
            hold_i += loc[i, L_HOLD0 + k]
        holdup += hold_i
        cell_time = hold_i / max(m_tot, 1e-300)
        prof[F_BED_TIME, i] = t_since + 0.5 * cell_time
        t_since += cell_time
        prof[F_Z, i] = (i + 0.5) * dz
        # the unknowns are the outflow (upwind) values of each cell: the gas leaves cell i
        # at its feed-side face, the bed at its burner-side face; the profiles give the
        # cell-centre value as the mean of inflow and outflow (second order in z)
        t_gas_in = x[i + 1, V_T_GAS] if i < n - 1 else x[i, V_T_GAS]
        t_bed_in = x[i - 1, V_T_BED] if i > 0 else p[I_FEED_TEMP]
        prof[F_T_GAS, i] = 0.5 * (x[i, V_T_GAS] + t_gas_in)
        prof[F_T_BED, i] = 0.5 * (x[i, V_T_BED] + t_bed_in)
        prof[F_T_WALL, i] = x[i, V_T_WALL]
        prof[F_T_SHELL, i] = x[i, V_T_SHELL]
        prof[F_Q_BED, i] = loc[i, L_QB] / dz
        prof[F_Q_SHELL, i] = loc[i, L_QEXT] / dz
        prof[F_BED_DEPTH, i] = geo[i, GEO_DEPTH]
        prof[F_FILL, i] = geo[i, GEO_FILL]
        prof[F_BED_X_H2O, i] = m[B_H2O] / m_tot
        prof[F_BED_X_CACO3, i] = m[B_CACO3] / m_tot
        prof[F_BED_X_CAO, i] = m[B_CAO] / m_tot
        prof[F_BED_X_SIO2, i] = m[B_SIO2] / m_tot
        _gas_of_cell(n_u, n_b, beta[i], x[i], n_g)
        n_tot = n_g.sum()
        prof[F_GAS_Y_CO2, i] = n_g[th.CO2] / n_tot
        prof[F_GAS_Y_H2O, i] = n_g[th.H2O] / n_tot
        prof[F_GAS_Y_O2, i] = n_g[th.O2] / n_tot
        prof[F_GAS_EMISSIVITY, i] = loc[i, L_EPS]
        prof[F_BURNOUT, i] = beta[i]

    # streams at the two ends
    _gas_of_cell(n_u, n_b, beta[0], x[0], n_g)
    t_gas_exit = x[0, V_T_GAS]
    h_gas_exit = loc[0, L_HG]
    m_gas_exit = 0.0
    for k in range(th.N_SPECIES):
        m_gas_exit += n_g[k] * th.MOLAR_MASS[k]
    n_exit_tot = n_g.sum()
    m_prod = np.empty(N_BED)
    m_product = 0.0
    for k in range(N_BED):
        m_prod[k] = x[n - 1, V_M0 + k]
        m_product += m_prod[k]
    h_prod = loc[n - 1, L_HB]
    m_feed = np.empty(N_BED)
    for k in range(N_BED):
        m_feed[k] = g[G_M_FEED0 + k]

    # balances: energy (absolute enthalpies), mass, elements
    heat_input = g[G_N_FUEL] * g[G_LHV]
    e_in = g[G_H_BURNER] + g[G_H_FEED]
    e_out = h_gas_exit + h_prod + q_shell
    e_scale = max(heat_input, q_shell + abs(h_prod - g[G_H_FEED]), 1e-30)
    mass_in = g[G_M_GAS_IN] + p[I_FEED_RATE]
    mass_out = m_gas_exit + m_product
    el_in = np.zeros(th.N_ELEMENTS + 2)
    el_out = np.zeros(th.N_ELEMENTS + 2)
    for k in range(th.N_SPECIES):
        for e in range(th.N_ELEMENTS):
            el_in[e] += n_u[k] * th.ELEMENTS[k, e]
            el_out[e] += n_g[k] * th.ELEMENTS[k, e]
    # bed elements: C, H, O map onto thermo's, Ca and Si are appended
    bed_map = np.array([th.EL_C, th.EL_H, th.EL_O, th.N_ELEMENTS, th.N_ELEMENTS + 1])
    for k in range(N_BED):
        for e in range(5):
            el_in[bed_map[e]] += m_feed[k] / BED_MOLAR_MASS[k] * BED_ELEMENTS[k, e]
            el_out[bed_map[e]] += m_prod[k] / BED_MOLAR_MASS[k] * BED_ELEMENTS[k, e]
    el_total = el_in.sum()
    el_res = 0.0
    for e in range(th.N_ELEMENTS + 2):
        el_res = max(el_res, abs(el_in[e] - el_out[e]) / (el_in[e] + 1e-12 * el_total))

    # heat split
    n_exit_amb = th.h_mix(n_g, t_amb)
    exhaust = h_gas_exit - n_exit_amb
    prod_amb = bed_enthalpy_flow(m_prod, t_amb)
    calcined = max(m_feed[B_CACO3] - m_prod[B_CACO3], 0.0)  # kg/s CaCO3 (steady state)
    dried = max(m_feed[B_H2O] - m_prod[B_H2O], 0.0)
    dh_calc = (_h298_solid(_IDX[_IDX_CAO]) + th.h_species(_IDX[_IDX_CO2], th.T_REF) - _h298_solid(_IDX[_IDX_CACO3]))
    dh_dry = th.h_species(_IDX[_IDX_H2O], th.T_REF) - _h298_solid(_IDX[_IDX_BED_H2O])
    reaction = (calcined / BED_MOLAR_MASS[B_CACO3] * dh_calc + dried / BED_MOLAR_MASS[B_H2O] * dh_dry)
    co2_process = x[0, V_G_CO2] * th.MOLAR_MASS[th.CO2]
    c_fuel = 0.0
    for k in range(th.N_SPECIES):
        c_fuel += x_fuel[k] * th.ELEMENTS[k, th.EL_C]
    co2_fuel = g[G_N_FUEL] * c_fuel * th.MOLAR_MASS[th.CO2]
    ca_out = m_prod[B_CACO3] / BED_MOLAR_MASS[B_CACO3] + m_prod[B_CAO] / BED_MOLAR_MASS[B_CAO]

    out[O_BED_EXIT_TEMP] = x[n - 1, V_T_BED]
    out[O_GAS_EXIT_TEMP] = t_gas_exit
    out[O_GAS_MAX_TEMP] = prof[F_T_GAS].max()
    out[O_BED_MAX_TEMP] = prof[F_T_BED].max()
    out[O_WALL_MAX_TEMP] = prof[F_T_WALL].max()
    out[O_SHELL_MAX_TEMP] = prof[F_T_SHELL].max()
    out[O_ADIABATIC_FLAME_TEMP] = g[G_T_AD]
    out[O_HEAT_INPUT] = heat_input
    out[O_HEAT_TO_BED] = q_bed
    out[O_SHELL_LOSS] = q_shell
    out[O_EXHAUST_LOSS] = exhaust
    out[O_PRODUCT_SENSIBLE_HEAT] = h_prod - prod_amb
    out[O_REACTION_HEAT] = reaction
    out[O_PRODUCT_FLOW] = m_product
    out[O_CALCINATION_DEGREE] = (m_prod[B_CAO] / BED_MOLAR_MASS[B_CAO] / ca_out) if ca_out > 0.0 else np.nan
    out[O_PRODUCT_X_CAO] = m_prod[B_CAO] / m_product
    out[O_CO2_PROCESS] = co2_process
    out[O_CO2_FUEL] = co2_fuel
    out[O_SPECIFIC_HEAT_CONSUMPTION] = heat_input / m_product
    out[O_SPECIFIC_CO2] = (co2_process + co2_fuel) / m_product
    out[O_RESIDENCE_TIME] = t_since
    out[O_BED_HOLDUP] = holdup
    out[O_FILL_MEAN] = prof[F_FILL].mean()
    theta_mean = 0.0
    for i in range(n):
        theta_mean += geo[i, GEO_THETA] / n
    out[O_FILL_ANGLE] = theta_mean
    out[O_EXPOSED_WALL_ANGLE] = 2.0 * np.pi - theta_mean
    out[O_BED_DEPTH_FEED] = geo[0, GEO_DEPTH]
    out[O_BED_DEPTH_DISCHARGE] = geo[n - 1, GEO_DEPTH]
    out[O_GAS_EXIT_O2_DRY] = n_g[th.O2] / (n_exit_tot - n_g[th.H2O])
    out[O_GAS_EXIT_CO2] = n_g[th.CO2] / n_exit_tot
    out[O_EXCESS_OXYGEN] = (g[G_O2_SUPPLY] / g[G_O2_DEMAND] - 1.0) if g[G_O2_DEMAND] > 0.0 else np.nan
    out[O_UNBURNT_FRACTION] = 1.0 - beta[0]
    out[O_NEWTON_ITERATIONS] = iterations
    out[O_ENERGY_RESIDUAL] = (e_in - e_out) / e_scale
    out[O_MASS_RESIDUAL] = (mass_in - mass_out) / mass_in
    out[O_ELEMENT_RESIDUAL] = el_res


@njit(cache=True)
def _gas_of_cell(n_u, n_b, beta, xi, n_g) -> None:
    for k in range(th.N_SPECIES):
        n_g[k] = n_u[k] + beta * (n_b[k] - n_u[k])
    n_g[th.CO2] += xi[V_G_CO2]
    n_g[th.H2O] += xi[V_G_H2O]


@njit(cache=True)
def _h298_solid(k: int) -> float:
    m = np.zeros(N_BED)
    m[k] = BED_MOLAR_MASS[k]
    return bed_enthalpy_flow(m, th.T_REF)
