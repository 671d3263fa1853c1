"""Rotary kiln: 1-D steady counter-current gas / bed / wall model with clinker chemistry.

Solids enter at the feed end (z = 0) and leave at the discharge end (z = L), where the
burner fires fuel gas, coal and an alternative fuel with primary and secondary air; the
gas flows back to z = 0.

Model
-----
1. Cross-section (:mod:`kernels.kiln_transport`): constant fill fraction (as SimCem for
   the Barr kiln) or the Kramers-Croockewit/Saeman bed-depth equation (``bed_model`` 0
   or 1); central (fill) angle, bed chord, exposed and covered wall arcs, hydraulic
   diameter and mean beam length of the gas space; bed velocity, hold-up, residence time.
2. Burner: fuel gas by composition (:mod:`kernels.combustion`), coal and an alternative
   fuel by ultimate analysis and LHV (:mod:`kernels.solidfuel`), burnt completely with
   humid primary + secondary air (+ optional pure O2 with the primary air). The burnt
   fraction of all fuels grows linearly from 0 at the burner to 1 at ``flame_length``
   (uniform heat release over the flame; 0 = burnt in the first cell, gas at the
   adiabatic mixing temperature). The gas at every cell face is the mixture of the
   unburnt and the burnt stream at that burnout, the unburnt solid fuel travelling with
   the gas at its temperature; the absolute enthalpy of a solid fuel is defined from its
   LHV (:func:`kernels.solidfuel.enthalpy_298`), so the heat release follows from the
   absolute (formation-inclusive) enthalpies of :mod:`kernels.thermo` without a separate
   source term. The ash of the fuel burnt in a cell falls into its bed as SiO2, Al2O3,
   Fe2O3 and minor oxides (``ash_x_*``) with its as-fired enthalpy, where it takes part
   in the clinker reactions (a precalciner line sets the clinker's acidic proportions).
3. Heat transfer per slice (:mod:`kernels.kiln_heat`): gas / bed chord / exposed wall
   radiation network with WSGG gas emissivity (CO2/H2O partial pressures, mean beam
   length) and gray bed and wall, which gives gas-wall, gas-bed and exposed-wall-bed
   radiation at once; Tscheng-Watkinson gas-wall and gas-bed convection;
   covered-wall-to-bed contact (penetration theory + gas-gap resistance, Li et al.
   2005); conduction through coating, refractory with k(T) = k0 (1 + k1 T) and steel;
   shell loss by natural/forced convection and radiation. The inner wall has one
   temperature per slice (exposed and covered parts alike; no axial wall conduction).
4. Bed chemistry (:mod:`kernels.kiln_solids`, thermochemistry of :mod:`kernels.solids`):
   drying, calcination CaCO3 -> CaO + CO2 (Arrhenius, shrinking core, Baker equilibrium
   pressure against the local CO2 partial pressure) and the clinker phases belite,
   alite (in the melt, above the 1338 C eutectic), aluminate and ferrite with the
   kinetics of Mastorakos et al. (1999); reaction heats from formation enthalpies.
   Released CO2 and H2O enter the gas at the bed temperature. The melt fraction (Lea &
   Parker liquid at the bed temperature, :func:`kernels.clinker.liquid_fraction`) is
   reported along the bed.
5. Finite volumes (n cells, first-order upwind for both streams), ``N_VAR`` = 18 unknowns
   per cell (:mod:`kernels.kiln_cell`): T_gas, T_bed, T_wall (inner surface), T_shell
   (outer surface), the twelve bed species mass flows leaving the cell, and the CO2 and
   H2O released into the gas by the cell and all cells on its burner side. The two-point
   boundary-value problem (feed at z = 0, burner gas at z = L) is solved for all cells
   at once by Newton's method with a block-tridiagonal Jacobian
   (:mod:`kernels.kiln_newton`, :mod:`kernels.kiln_linalg`) and a backtracking line
   search; if Newton fails from the initial guess, the reaction rates are switched off
   and raised back in decades (continuation). :func:`solve_cells_from` starts from a
   given solution (warm start for sweeps and the coupled pyro-line). Profiles report
   cell-centre values (mean of a cell's inflow and outflow), outputs the exit values.
6. Balances: each cell conserves energy (absolute enthalpies), species mass and
   elements, so the energy, mass and element residuals among the outputs are the Newton
   tolerance (about 1e-12 relative). CO2 is split into process (calcination) and fuel.
   Fuel that is not burnt inside the kiln (flame longer than the kiln) leaves with the
   gas; the ash of that fuel is not followed.

Dynamics: :func:`step` advances the same equations by implicit Euler with the bed
enthalpy and species hold-ups (bed transport delay) and the wall heat capacity (lumped
at the mean of inner-wall and shell temperature) as storage; the gas is quasi-steady.
The state is the unknown vector, cell-major: ``state[i * N_VAR + v]`` for cell i (0 at
the feed end, ``N_CELL`` cells) and variable v in ``V_T_GAS, V_T_BED, V_T_WALL,
V_T_SHELL`` (K), ``V_M_H2O ... V_M_C4AF`` (kg/s, the bed species of
:mod:`kernels.kiln_solids`), ``V_G_CO2, V_G_H2O`` (mol/s); temperatures and flows are
those leaving the cell (gas towards the feed end, bed towards the burner);
``N_STATE = N_CELL * N_VAR``. :func:`steady_state` fills a state with the steady
solution, :func:`report_state` gives outputs and profiles of any state,
:func:`energy_content` its stored enthalpy and net energy inflow, :func:`exit_gas` the
exhaust gas composition.

Defaults are the UBC pilot kiln of Barr, trial T4 (5.5 m, ID 0.411 m, sand, natural gas
taken as CH4; flows 1.97/17.4/43.0 L/s fuel/primary/secondary air at 298.15 K, 1 atm),
with SimCem's modelling choices (emissivities bed 0.9, wall 0.85, shell 0.8; solid
conductivity 2.5 W/(m K); refractory 0.2475 (1 + 5.85e-4 T) W/(m K); fill 0.12;
repose 31 deg) and the fuel burnt at the burner. Validation against trials T1-T9 is in
``tests/kernels/test_kiln.py``; a clinker kiln inside a precalciner line in
``tests/kernels/test_cement_line.py`` (:mod:`kernels.cement_line`).

Not modelled: heat of the clinker melt, clay dehydroxylation and MgCO3 in the bed,
luminous (soot, char) flame radiation, devolatilisation and char burnout (one flame
length for all fuels), axial conduction in wall and bed, separate exposed/covered wall
temperatures, coating growth, dust, end (hood) losses.

References
----------
.. [1] P. V. Barr, J. K. Brimacombe, A. P. Watkinson (1989), "A heat-transfer model for
   the rotary kiln: Part I. Pilot kiln trials", Metall. Trans. B 20, 391-402.
.. [2] T. Hanein, F. P. Glasser, M. N. Bannerman (2017), "One-dimensional steady-state
   thermal model for rotary kilns used in the manufacture of cement", Adv. Appl.
   Ceram. 116, 207-215.
.. [3] E. Mastorakos, A. Massias, C. D. Tsakiroglou, D. A. Goussis, V. N. Burganos,
   A. C. Payatakes (1999), "CFD predictions for cement kilns including flame modelling,
   heat transfer and clinker chemistry", Appl. Math. Modelling 23, 55-76.
.. [4] Further sources in :mod:`kernels.kiln_heat`, :mod:`kernels.kiln_transport`,
   :mod:`kernels.kiln_solids` and :mod:`kernels.solids`.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels import clinker as ck
from kernels import combustion as cb
from kernels import solidfuel as sf
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
from kernels.kiln_cell import (
    G_A_CALC,
    G_A_CLK0,
    G_ASH0,
    G_C_WALL,
    G_CHI,
    G_CLK_FACTOR,
    G_CP_PART,
    G_D_OUT,
    G_DP,
    G_DZ,
    G_E_CALC,
    G_E_CLK0,
    G_EPS_B,
    G_EPS_SH,
    G_EPS_W,
    G_H_ASH,
    G_H_BURNER,
    G_H_FEED,
    G_H_PART,
    G_HEAT_INPUT,
    G_K1,
    G_K_DRY,
    G_KS,
    G_LHV,
    G_M_ASH,
    G_M_FEED0,
    G_M_GAS_IN,
    G_M_PART,
    G_M_REF,
    G_N_FUEL,
    G_N_REF,
    G_O2_DEMAND,
    G_O2_SUPPLY,
    G_OMEGA,
    G_P,
    G_PHI_S,
    G_Q_REF,
    G_R_COAT,
    G_R_REFR0,
    G_R_STEEL,
    G_RADIUS,
    G_RATE_FACTOR,
    G_RHO_BULK,
    G_T_AD,
    G_T_AMB,
    G_WIND,
    L_EB,
    L_EPS,
    L_HB,
    L_HG,
    L_HOLD0,
    L_QB,
    L_QEXT,
    N_G,
    N_LOC,
    N_VAR,
    V_G_CO2,
    V_G_H2O,
    V_M0,
    V_M_AL2O3,
    V_M_C2S,
    V_M_C3A,
    V_M_C3S,
    V_M_C4AF,
    V_M_CACO3,
    V_M_CAO,
    V_M_FE2O3,
    V_M_H2O,
    V_M_MGO,
    V_M_MINOR,
    V_M_SIO2,
    V_T_BED,
    V_T_GAS,
    V_T_SHELL,
    V_T_WALL,
    eval_all,
    external_sources,
    gas_of_face,
    particle_enthalpy,
)
from kernels.kiln_newton import NEWTON_LIMITS, T_MAX, T_MIN, newton, steady_newton
from kernels.kiln_solids import (
    B_AL2O3,
    B_C2S,
    B_C3A,
    B_C3S,
    B_C4AF,
    B_CACO3,
    B_CAO,
    B_FE2O3,
    B_H2O,
    B_MGO,
    B_MINOR,
    B_SIO2,
    BED_ELEMENTS,
    BED_MOLAR_MASS,
    N_BED,
    N_BED_ELEMENTS,
    N_CLINKER,
    bed_cp_h,
    bed_enthalpy_flow,
)
from kernels.kiln_transport import (
    GEO_DEPTH,
    GEO_FILL,
    GEO_THETA,
    N_GEO,
    constant_fill_geometry,
    kramers_geometry,
)

#: The unknowns of a cell in state order (re-exported from kernels.kiln_cell; module notes).
STATE_LAYOUT = (V_T_GAS, V_T_BED, V_T_WALL, V_T_SHELL, V_M_H2O, V_M_CACO3, V_M_CAO, V_M_SIO2, V_M_AL2O3,
                V_M_FE2O3, V_M_MGO, V_M_MINOR, V_M_C2S, V_M_C3S, V_M_C3A, V_M_C4AF, V_G_CO2, V_G_H2O)

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
    Param("feed_x_cao", "1", 0.0, 0.0, 1.0, "CaO (free lime) mass fraction of the feed"),
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
    # feed, continued: oxides of a raw meal (the rest of the feed is SiO2)
    Param("feed_x_al2o3", "1", 0.0, 0.0, 1.0, "Al2O3 mass fraction of the feed"),
    Param("feed_x_fe2o3", "1", 0.0, 0.0, 1.0, "Fe2O3 mass fraction of the feed"),
    Param("feed_x_mgo", "1", 0.0, 0.0, 1.0, "MgO mass fraction of the feed (inert)"),
    Param("feed_x_minor", "1", 0.0, 0.0, 1.0, "minor oxides (SO3, K2O, Na2O, TiO2, ...; inert), mass fraction of feed"),
    Param("feed_x_alkali", "1", 0.0, 0.0, 0.1,
          "K2O + Na2O mass fraction of the feed, part of the minor oxides (flux of the Lea-Parker melt)"),
    # clinker reactions, rates in kmol/(m^3 s) with concentrations in kmol/m^3 (Mastorakos et al. 1999)
    Param("belite_pre_exp", "m^6/(kmol^2*s)", 1.0e7, 0.0, 1.0e13, "pre-exponential factor of 2 CaO + SiO2 -> C2S"),
    Param("belite_activation_energy", "J/mol", 240.0e3, 5.0e4, 6.0e5, "activation energy of belite formation"),
    Param("alite_pre_exp", "m^3/(kmol*s)", 1.0e10, 0.0, 1.0e15, "pre-exponential factor of C2S + CaO -> C3S (melt)"),
    Param("alite_activation_energy", "J/mol", 420.0e3, 5.0e4, 8.0e5, "activation energy of alite formation"),
    Param("aluminate_pre_exp", "m^9/(kmol^3*s)", 1.0e8, 0.0, 1.0e14, "pre-exponential factor of 3 CaO + Al2O3 -> C3A"),
    Param("aluminate_activation_energy", "J/mol", 310.0e3, 5.0e4, 6.0e5, "activation energy of aluminate formation"),
    Param("ferrite_pre_exp", "m^15/(kmol^5*s)", 1.0e8, 0.0, 1.0e14,
          "pre-exponential factor of 4 CaO + Al2O3 + Fe2O3 -> C4AF"),
    Param("ferrite_activation_energy", "J/mol", 330.0e3, 5.0e4, 6.0e5, "activation energy of ferrite formation"),
    # solid fuels: coal and an alternative fuel by ultimate analysis (as fired) and LHV
    Param("coal_flow", "kg/s", 0.0, 0.0, 50.0, "coal (or petcoke) mass flow to the burner, as fired"),
    Param("coal_w_c", "1", 0.72, 0.0, 1.0, "carbon mass fraction of the coal"),
    Param("coal_w_h", "1", 0.045, 0.0, 0.3, "hydrogen mass fraction of the coal"),
    Param("coal_w_o", "1", 0.07, 0.0, 0.5, "oxygen mass fraction of the coal"),
    Param("coal_w_n", "1", 0.015, 0.0, 0.1, "nitrogen mass fraction of the coal"),
    Param("coal_w_s", "1", 0.01, 0.0, 0.1, "sulfur mass fraction of the coal"),
    Param("coal_w_h2o", "1", 0.01, 0.0, 0.6, "moisture mass fraction of the coal"),
    Param("coal_w_ash", "1", 0.13, 0.0, 0.5, "ash mass fraction of the coal"),
    Param("coal_lhv", "J/kg", 28.5e6, 5.0e6, 55.0e6, "lower heating value of the coal as fired (ISO 1928 net)"),
    Param("alt_fuel_flow", "kg/s", 0.0, 0.0, 50.0, "alternative fuel (RDF, tyres, biomass) mass flow, as fired"),
    Param("alt_fuel_w_c", "1", 0.45, 0.0, 1.0, "carbon mass fraction of the alternative fuel"),
    Param("alt_fuel_w_h", "1", 0.06, 0.0, 0.3, "hydrogen mass fraction of the alternative fuel"),
    Param("alt_fuel_w_o", "1", 0.25, 0.0, 0.6, "oxygen mass fraction of the alternative fuel"),
    Param("alt_fuel_w_n", "1", 0.01, 0.0, 0.1, "nitrogen mass fraction of the alternative fuel"),
    Param("alt_fuel_w_s", "1", 0.003, 0.0, 0.1, "sulfur mass fraction of the alternative fuel"),
    Param("alt_fuel_w_h2o", "1", 0.15, 0.0, 0.6, "moisture mass fraction of the alternative fuel"),
    Param("alt_fuel_w_ash", "1", 0.077, 0.0, 0.5, "ash mass fraction of the alternative fuel"),
    Param("alt_fuel_lhv", "J/kg", 18.0e6, 3.0e6, 45.0e6, "lower heating value of the alternative fuel as fired"),
    Param("solid_fuel_temp", "K", 298.15, 250.0, 500.0, "temperature of the solid fuels at the burner"),
    Param("solid_fuel_cp", "J/(kg*K)", 1300.0, 500.0, 3000.0, "mean specific heat of the solid fuels"),
    Param("ash_x_sio2", "1", 0.55, 0.0, 1.0, "SiO2 mass fraction of the fuel ash (the ash falls into the bed)"),
    Param("ash_x_al2o3", "1", 0.30, 0.0, 1.0, "Al2O3 mass fraction of the fuel ash"),
    Param("ash_x_fe2o3", "1", 0.15, 0.0, 1.0, "Fe2O3 mass fraction of the fuel ash (rest: minor oxides)"),
)

OUTPUTS = (
    Output("bed_exit_temp", "K", "bed temperature at the discharge end"),
    Output("gas_exit_temp", "K", "gas temperature leaving at the feed end"),
    Output("gas_max_temp", "K", "highest gas temperature along the kiln"),
    Output("bed_max_temp", "K", "highest bed temperature along the kiln"),
    Output("wall_max_temp", "K", "highest inner wall temperature"),
    Output("shell_max_temp", "K", "highest shell temperature"),
    Output("adiabatic_flame_temp", "K", "adiabatic temperature of fuel, air and O2 burnt completely"),
    Output("heat_input", "W", "fuel flows times their LHV at 25 C (gas, coal, alternative fuel)"),
    Output("heat_to_bed", "W", "heat transferred to the bed from gas and wall"),
    Output("shell_loss", "W", "heat lost through the shell"),
    Output("exhaust_loss", "W", "sensible heat of the exhaust gas above ambient temperature"),
    Output("product_sensible_heat", "W", "sensible heat of the discharged product above ambient temperature"),
    Output("reaction_heat", "W", "heat taken up by the bed reactions at 25 C (drying, calcination, clinker phases)"),
    Output("product_flow", "kg/s", "bed mass flow at the discharge end"),
    Output("calcination_degree", "1", "fraction of the calcium leaving as CaO"),
    Output("product_x_cao", "1", "free lime (CaO) mass fraction of the product"),
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
    Output("element_residual", "1", "largest relative balance residual of the gas elements, Ca, Si, Al, Fe, Mg, minor"),
    Output("product_x_c3s", "1", "alite (C3S) mass fraction of the product"),
    Output("product_x_c2s", "1", "belite (C2S) mass fraction of the product"),
    Output("product_x_c3a", "1", "aluminate (C3A) mass fraction of the product"),
    Output("product_x_c4af", "1", "ferrite (C4AF) mass fraction of the product"),
    Output("product_x_caco3", "1", "CaCO3 (uncalcined) mass fraction of the product"),
    Output("melt_max", "1", "largest Lea-Parker melt fraction of the bed (loss-free basis)"),
    Output("melt_zone_length", "m", "length of the kiln where the bed is above the eutectic (1338 C)"),
    Output("melt_zone_time", "s", "time the solids spend above the eutectic (1338 C)"),
    Output("fuel_enthalpy", "W", "absolute enthalpy (formation included) of all fuels as fired"),
    Output("fuel_sensible_heat", "W", "enthalpy of the fuels above their 298.15 K value"),
    Output("fuel_ash_flow", "kg/s", "ash of the solid fuels falling into the bed"),
    # the cross-unit names of every fuel-burning unit (ARCHITECTURE.md, section 2)
    Output("fuel_input", "kg/s", "total fuel mass flow: fuel gas, coal and alternative fuel"),
    Output("fuel_heat_input", "W", "fuel heat input, LHV basis (here heat_input)"),
    Output("co2_emissions", "kg/s", "CO2 leaving with the exhaust gas: calcination plus fuel carbon"),
)

EMISSIONS = (
    Emission("co2_process", 1, "calcination of carbonates", basis="CaCO3 decomposed in the kiln bed"),
    Emission("co2_fuel", 1, "fuel combustion",
             basis="carbon of fuel gas, coal and alternative fuel, all counted fossil"),
)
PRODUCT = Product("product_flow", "kiln product")

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
    Profile("bed_x_cao", "1", "free lime (CaO) mass fraction of the bed"),
    Profile("bed_x_sio2", "1", "free SiO2 (quartz, or the inert sand) mass fraction of the bed"),
    Profile("gas_y_co2", "1", "CO2 mole fraction of the gas"),
    Profile("gas_y_h2o", "1", "H2O mole fraction of the gas"),
    Profile("gas_y_o2", "1", "O2 mole fraction of the gas"),
    Profile("gas_emissivity", "1", "total gas emissivity over the mean beam length"),
    Profile("burnout", "1", "fraction of the fuel burnt"),
    Profile("bed_time", "s", "time since the solids entered at the feed end"),
    Profile("bed_x_al2o3", "1", "free Al2O3 mass fraction of the bed"),
    Profile("bed_x_fe2o3", "1", "free Fe2O3 mass fraction of the bed"),
    Profile("bed_x_mgo", "1", "MgO mass fraction of the bed"),
    Profile("bed_x_minor", "1", "minor-oxide mass fraction of the bed"),
    Profile("bed_x_c2s", "1", "belite (C2S) mass fraction of the bed"),
    Profile("bed_x_c3s", "1", "alite (C3S) mass fraction of the bed"),
    Profile("bed_x_c3a", "1", "aluminate (C3A) mass fraction of the bed"),
    Profile("bed_x_c4af", "1", "ferrite (C4AF) mass fraction of the bed"),
    Profile("melt_fraction", "1", "Lea-Parker melt fraction of the bed at its temperature (loss-free basis)"),
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
    I_FEED_X_AL2O3,
    I_FEED_X_FE2O3,
    I_FEED_X_MGO,
    I_FEED_X_MINOR,
    I_FEED_X_ALKALI,
    I_BELITE_PRE_EXP,
    I_BELITE_ACTIVATION_ENERGY,
    I_ALITE_PRE_EXP,
    I_ALITE_ACTIVATION_ENERGY,
    I_ALUMINATE_PRE_EXP,
    I_ALUMINATE_ACTIVATION_ENERGY,
    I_FERRITE_PRE_EXP,
    I_FERRITE_ACTIVATION_ENERGY,
    I_COAL_FLOW,
    I_COAL_W_C,
    I_COAL_W_H,
    I_COAL_W_O,
    I_COAL_W_N,
    I_COAL_W_S,
    I_COAL_W_H2O,
    I_COAL_W_ASH,
    I_COAL_LHV,
    I_ALT_FUEL_FLOW,
    I_ALT_FUEL_W_C,
    I_ALT_FUEL_W_H,
    I_ALT_FUEL_W_O,
    I_ALT_FUEL_W_N,
    I_ALT_FUEL_W_S,
    I_ALT_FUEL_W_H2O,
    I_ALT_FUEL_W_ASH,
    I_ALT_FUEL_LHV,
    I_SOLID_FUEL_TEMP,
    I_SOLID_FUEL_CP,
    I_ASH_X_SIO2,
    I_ASH_X_AL2O3,
    I_ASH_X_FE2O3,
) = range(90)
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
    O_PRODUCT_X_C3S,
    O_PRODUCT_X_C2S,
    O_PRODUCT_X_C3A,
    O_PRODUCT_X_C4AF,
    O_PRODUCT_X_CACO3,
    O_MELT_MAX,
    O_MELT_ZONE_LENGTH,
    O_MELT_ZONE_TIME,
    O_FUEL_ENTHALPY,
    O_FUEL_SENSIBLE_HEAT,
    O_FUEL_ASH_FLOW,
    O_FUEL_INPUT,
    O_FUEL_HEAT_INPUT,
    O_CO2_EMISSIONS,
) = range(49)
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
    F_BED_X_AL2O3,
    F_BED_X_FE2O3,
    F_BED_X_MGO,
    F_BED_X_MINOR,
    F_BED_X_C2S,
    F_BED_X_C3S,
    F_BED_X_C3A,
    F_BED_X_C4AF,
    F_MELT_FRACTION,
) = range(28)

# Fuel-gas mole fractions in p, with the species they map to in kernels.thermo.
FUEL_PARAMS = (
    (I_FUEL_X_CH4, th.CH4), (I_FUEL_X_C2H6, th.C2H6), (I_FUEL_X_C3H8, th.C3H8),
    (I_FUEL_X_C4H10, th.C4H10), (I_FUEL_X_H2, th.H2), (I_FUEL_X_CO, th.CO),
    (I_FUEL_X_N2, th.N2), (I_FUEL_X_CO2, th.CO2), (I_FUEL_X_H2S, th.H2S),
)
_FUEL_P_INDEX = np.array([i for i, _ in FUEL_PARAMS], dtype=np.int64)
_FUEL_SPECIES = np.array([k for _, k in FUEL_PARAMS], dtype=np.int64)
#: First parameter (flow) of each solid fuel; flow, the seven ultimate-analysis fractions
#: (kernels.solidfuel U_* order) and the LHV follow it.
SOLID_FUELS = (I_COAL_FLOW, I_ALT_FUEL_FLOW)
_SOLID_FUEL_P = np.array(SOLID_FUELS, dtype=np.int64)
#: Feed mass fractions in p and the bed species they fill (the rest of the feed is SiO2).
FEED_PARAMS = ((I_FEED_X_H2O, B_H2O), (I_FEED_X_CACO3, B_CACO3), (I_FEED_X_CAO, B_CAO),
               (I_FEED_X_AL2O3, B_AL2O3), (I_FEED_X_FE2O3, B_FE2O3), (I_FEED_X_MGO, B_MGO),
               (I_FEED_X_MINOR, B_MINOR))
_FEED_P_INDEX = np.array([i for i, _ in FEED_PARAMS], dtype=np.int64)
_FEED_SPECIES = np.array([k for _, k in FEED_PARAMS], dtype=np.int64)
#: Ash mass fractions in p and the bed species they fill (the rest of the ash is minor oxides).
_ASH_P_INDEX = np.array([I_ASH_X_SIO2, I_ASH_X_AL2O3, I_ASH_X_FE2O3], dtype=np.int64)
_ASH_SPECIES = np.array([B_SIO2, B_AL2O3, B_FE2O3], dtype=np.int64)
#: Pre-exponential factor of each clinker reaction in p (its activation energy follows).
_CLINKER_P = np.array([I_BELITE_PRE_EXP, I_ALITE_PRE_EXP, I_ALUMINATE_PRE_EXP, I_FERRITE_PRE_EXP],
                      dtype=np.int64)
COMPOSITION_GROUPS = (("fuel_x_", 1e-3), ("coal_w_", 1e-3), ("alt_fuel_w_", 1e-3))
_LOW, _HIGH = bounds(PARAMS)

N_STATE = N_CELL * N_VAR
_IDX = np.array([th.CO2, th.H2O, th.O2], dtype=np.int64)  # species indices as array data
_IDX_CO2, _IDX_H2O, _IDX_O2 = range(3)
_STEEL_RHO_CP = 7850.0 * 490.0  # J/(m^3 K), carbon steel
#: Columns of the kiln element ledger for the bed elements (C, H, O, Ca, Si, Al, Fe, Mg, X):
#: thermo's C, H, O, then six columns after thermo's elements.
_BED_EL_MAP = np.array([th.EL_C, th.EL_H, th.EL_O, th.N_ELEMENTS, th.N_ELEMENTS + 1, th.N_ELEMENTS + 2,
                        th.N_ELEMENTS + 3, th.N_ELEMENTS + 4, th.N_ELEMENTS + 5], dtype=np.int64)
_N_EL = th.N_ELEMENTS + 6


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
    solid_sums = {}
    for prefix in ("coal", "alt_fuel"):
        u = np.array([v[f"{prefix}_w_{n}"] for n in ("c", "h", "o", "n", "s", "h2o", "ash")])
        solid_sums[prefix] = u.sum()
        if u.sum() > 0.0:
            o2_need += v[f"{prefix}_flow"] * sf.o2_demand(u / u.sum())
    feed = sum(v[PARAMS[i].name] for i, _ in FEED_PARAMS)
    ash = v["ash_x_sio2"] + v["ash_x_al2o3"] + v["ash_x_fe2o3"]
    rules = (
        (feed <= 1.0, "feed_x_h2o + feed_x_caco3 + feed_x_cao + feed_x_al2o3 + feed_x_fe2o3 + feed_x_mgo + "
                      f"feed_x_minor add up to {feed:.4f}, more than 1 (the rest of the feed is SiO2)"),
        (v["feed_x_alkali"] <= v["feed_x_minor"], "feed_x_alkali must not exceed feed_x_minor"),
        (abs(fuel_sum - 1.0) <= 1e-3, "fuel_x_* mole fractions must sum to 1"),
        (abs(solid_sums["coal"] - 1.0) <= 1e-3, f"coal_w_* add up to {solid_sums['coal']:.4f}, not 1"),
        (abs(solid_sums["alt_fuel"] - 1.0) <= 1e-3, f"alt_fuel_w_* add up to {solid_sums['alt_fuel']:.4f}, not 1"),
        (ash <= 1.0, f"ash_x_sio2 + ash_x_al2o3 + ash_x_fe2o3 add up to {ash:.4f}, more than 1"),
        (o2_supply > o2_need,
         "primary_air + secondary_air + oxygen_flow must supply more oxygen than the fuels need"),
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
    """Steady solve on ``n = x.shape[0]`` cells from the built-in initial guess; x (n, N_VAR) returns the unknowns.

    prof has shape (len(PROFILES), n). Used by :func:`solve` (n = N_CELL), by
    :func:`steady_state` and for grid studies and benchmarks.
    """
    x[:, :] = np.nan
    return solve_cells_from(p, x, out, prof)


@njit(cache=True)
def solve_cells_from(p: np.ndarray, x: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Steady solve on ``n = x.shape[0]`` cells, starting from x when x is a usable guess.

    A usable guess (e.g. the solution of a neighbouring scenario: warm start) has finite
    temperatures within the solver's bounds and non-negative flows; otherwise the
    built-in linear profiles are used. x returns the unknowns, prof (len(PROFILES), n)
    the profiles. Same results as :func:`solve_cells` to the Newton tolerance.
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
    ext = np.empty((n, N_BED + 1))
    external_sources(g, beta, ext)
    geo = np.empty((n, N_GEO))
    q_v = np.empty(n)
    for i in range(n):
        q_v[i] = p[I_FEED_RATE] / p[I_BULK_DENSITY]
    if not _geometry(p, geo, q_v):
        return INFEASIBLE
    if not _usable_guess(x):
        _initial_guess(p, g, x)
    iterations = 0
    kramers = p[I_BED_MODEL] > 0.5
    for _outer in range(6):
        status, it = steady_newton(g, geo, beta, n_u, n_b, ext, x)
        iterations += it
        if status != OK:
            return NOT_CONVERGED
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
    _report(p, g, geo, beta, n_u, n_b, ext, x_fuel, x, float(iterations), out, prof)
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
    ext = np.empty((n, N_BED + 1))
    external_sources(g, beta, ext)
    x_old = np.empty((n, N_VAR))
    geo = np.empty((n, N_GEO))
    if not _state_geometry(p, state, x_old, geo):
        return INFEASIBLE
    x = x_old.copy()
    status, _ = newton(g, geo, beta, n_u, n_b, ext, x, x_old, 1.0 / dt, NEWTON_LIMITS[0])
    if status != OK:  # kiln_newton's codes are those of kernels.contract
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
    ext = np.empty((n, N_BED + 1))
    external_sources(g, beta, ext)
    x = np.empty((n, N_VAR))
    geo = np.empty((n, N_GEO))
    if not _state_geometry(p, state, x, geo):
        return INFEASIBLE
    _report(p, g, geo, beta, n_u, n_b, ext, x_fuel, x, 0.0, out, prof)
    return OK


@njit(cache=True)
def exit_gas(p: np.ndarray, state: np.ndarray, n_out: np.ndarray) -> int:
    """Molar flows [mol/s] of the gas leaving at the feed end (thermo species order) into n_out.

    Its temperature is ``state[V_T_GAS]`` (cell 0). For coupling the kiln to the
    preheater/calciner balances (:mod:`kernels.pyroline`). Unburnt solid fuel (a flame
    longer than the kiln) is not included.
    """
    n_out[:] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(N_G)
    n_u = np.zeros(th.N_SPECIES)
    n_b = np.zeros(th.N_SPECIES)
    x_fuel = np.zeros(th.N_SPECIES)
    n = state.size // N_VAR
    status = _setup(p, n, g, x_fuel, n_u, n_b)
    if status != OK:
        return status
    beta = np.empty(n)
    _burnout(p, g, beta)
    gas_of_face(n_u, n_b, beta[0], state[:N_VAR], n_out)
    return OK


@njit(cache=True)
def energy_content(p: np.ndarray, state: np.ndarray) -> tuple[float, float]:
    """(stored enthalpy [J], net energy inflow [W]) of a state, for balances over steps.

    Stored: absolute enthalpy of the bed hold-up plus the wall heat capacity times its
    mean temperature (the storage terms of :func:`step`). Net inflow: fuel, air, ash and
    feed enthalpy in, minus exhaust gas, product and shell loss out. Over one implicit
    Euler step, ``stored(new) - stored(old) = dt * inflow(new)`` holds to the Newton
    tolerance when the bed geometry does not change (constant fill). NaN on bad input.
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
    ext = np.empty((n, N_BED + 1))
    external_sources(g, beta, ext)
    x = np.empty((n, N_VAR))
    geo = np.empty((n, N_GEO))
    if not _state_geometry(p, state, x, geo):
        return np.nan, np.nan
    loc = np.empty((n, N_LOC))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    rates = np.empty(N_CLINKER)
    eval_all(g, geo, beta, n_u, n_b, x, n_g, m, rates, loc)
    stored = 0.0
    q_ext = 0.0
    ash_in = 0.0
    for i in range(n):
        stored += loc[i, L_EB] + g[G_C_WALL] * g[G_DZ] * 0.5 * (x[i, V_T_WALL] + x[i, V_T_SHELL])
        q_ext += loc[i, L_QEXT]
        ash_in += ext[i, N_BED]
    inflow = g[G_H_BURNER] + g[G_H_FEED] + ash_in - loc[0, L_HG] - loc[n - 1, L_HB] - q_ext
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
    for f in range(_SOLID_FUEL_P.size):
        total = 0.0
        for j in range(sf.N_U):
            total += p[_SOLID_FUEL_P[f] + 1 + j]
        if abs(total - 1.0) > 1e-3:
            return OUT_OF_RANGE
    feed = 0.0
    for i in _FEED_P_INDEX:
        feed += p[i]
    ash = 0.0
    for i in _ASH_P_INDEX:
        ash += p[i]
    if (feed > 1.0 or ash > 1.0
            or p[I_FEED_X_ALKALI] > p[I_FEED_X_MINOR]
            or p[I_BULK_DENSITY] >= p[I_SOLID_DENSITY]
            or p[I_DAM_HEIGHT] >= 0.9 * p[I_INNER_RADIUS]
            or (p[I_BED_MODEL] != 0.0 and p[I_BED_MODEL] != 1.0)):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _solid_fuel(p, f: int, u: np.ndarray) -> tuple[float, float]:
    """Ultimate analysis u (normalised, kernels.solidfuel order) of solid fuel f; (flow kg/s, LHV J/kg)."""
    i0 = _SOLID_FUEL_P[f]
    total = 0.0
    for j in range(sf.N_U):
        total += p[i0 + 1 + j]
    for j in range(sf.N_U):
        u[j] = p[i0 + 1 + j] / total
    return p[i0], p[i0 + 1 + sf.N_U]


@njit(cache=True)
def _add_fuel_atoms(u, m_fuel: float, b) -> None:
    """``b +=`` atoms (mol/s, thermo elements) of ``m_fuel`` kg/s of solid fuel u (moisture as H2O)."""
    aw = th.ATOMIC_WEIGHT
    m_w = th.MOLAR_MASS[_IDX[_IDX_H2O]]
    b[th.EL_C] += m_fuel * u[sf.U_C] / aw[th.EL_C]
    b[th.EL_H] += m_fuel * (u[sf.U_H] / aw[th.EL_H] + 2.0 * u[sf.U_MOISTURE] / m_w)
    b[th.EL_O] += m_fuel * (u[sf.U_O] / aw[th.EL_O] + u[sf.U_MOISTURE] / m_w)
    b[th.EL_N] += m_fuel * u[sf.U_N] / aw[th.EL_N]
    b[th.EL_S] += m_fuel * u[sf.U_S] / aw[th.EL_S]


@njit(cache=True)
def _setup(p, n, g, x_fuel, n_u, n_b) -> int:
    """Per-scenario constants g, fuel gas composition, unburnt (n_u) and burnt (n_b) gas, mol/s."""
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
    n_o2 = p[I_OXYGEN_FLOW] / th.MOLAR_MASS[_IDX[_IDX_O2]]
    for k in range(th.N_SPECIES):
        n_u[k] = n_fuel * x_fuel[k] + (n_pa + n_sa) * x_air[k]
    n_u[_IDX[_IDX_O2]] += n_o2
    h_in = 0.0
    if n_fuel > 0.0:
        h_in += n_fuel * th.h_mix(x_fuel, p[I_FUEL_TEMP])
    h_in += n_pa * th.h_mix(x_air, p[I_PRIMARY_AIR_TEMP]) + n_sa * th.h_mix(x_air, p[I_SECONDARY_AIR_TEMP])
    if n_o2 > 0.0:
        h_in += n_o2 * th.h_species(_IDX[_IDX_O2], p[I_PRIMARY_AIR_TEMP])
    m_gas_in = 0.0
    for k in range(th.N_SPECIES):
        m_gas_in += n_u[k] * th.MOLAR_MASS[k]
    o2_demand = n_fuel * cb.o2_demand(x_fuel) if n_fuel > 0.0 else 0.0
    heat_input = n_fuel * cb.lhv_molar(x_fuel) if n_fuel > 0.0 else 0.0

    # solid fuels: the ash-free part travels with the gas, the ash falls into the bed
    ash = np.zeros(N_BED)
    ash_rest = 1.0
    for j in range(_ASH_P_INDEX.size):
        ash[_ASH_SPECIES[j]] += p[_ASH_P_INDEX[j]]
        ash_rest -= p[_ASH_P_INDEX[j]]
    ash[B_MINOR] += max(ash_rest, 0.0)
    h_ash_298 = bed_enthalpy_flow(ash, th.T_REF)  # J per kg of ash
    u = np.empty(sf.N_U)
    b_solid = np.zeros(th.N_ELEMENTS)
    m_part = 0.0
    h_part = 0.0
    m_ash = 0.0
    for f in range(_SOLID_FUEL_P.size):
        m_f, lhv_f = _solid_fuel(p, f, u)
        if m_f <= 0.0:
            continue
        m_part += m_f * (1.0 - u[sf.U_ASH])
        m_ash += m_f * u[sf.U_ASH]
        h_part += m_f * (sf.enthalpy_298(u, lhv_f, h_ash_298) - u[sf.U_ASH] * h_ash_298)
        o2_demand += m_f * sf.o2_demand(u)
        heat_input += m_f * lhv_f
        _add_fuel_atoms(u, m_f, b_solid)
    t_sf = p[I_SOLID_FUEL_TEMP]
    cp_sf = p[I_SOLID_FUEL_CP]
    g[G_M_PART] = m_part
    g[G_H_PART] = h_part / m_part if m_part > 0.0 else 0.0
    g[G_CP_PART] = cp_sf
    g[G_M_ASH] = m_ash
    g[G_H_ASH] = m_ash * bed_enthalpy_flow(ash, t_sf)
    for k in range(N_BED):
        g[G_ASH0 + k] = ash[k]
    h_in += h_part + m_part * cp_sf * (t_sf - th.T_REF)
    m_gas_in += m_part

    # complete combustion of all fuels: atoms of the unburnt mixture and the solid fuels regrouped
    o2_supply = n_u[_IDX[_IDX_O2]]  # O2 of the air and the enrichment
    if o2_supply <= o2_demand or n_u.sum() <= 0.0:
        return INFEASIBLE
    b = np.zeros(th.N_ELEMENTS)
    for k in range(th.N_SPECIES):
        for e in range(th.N_ELEMENTS):
            b[e] += n_u[k] * th.ELEMENTS[k, e]
    for e in range(th.N_ELEMENTS):
        b[e] += b_solid[e]
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
    for j in range(N_CLINKER):
        g[G_A_CLK0 + j] = p[_CLINKER_P[j]]
        g[G_E_CLK0 + j] = p[_CLINKER_P[j] + 1]
    g[G_RATE_FACTOR] = 1.0
    g[G_CLK_FACTOR] = 1.0
    g[G_C_WALL] = (p[I_REFRACTORY_DENSITY] * p[I_REFRACTORY_CP] * np.pi * (r2 * r2 - r0 * r0)
                   + _STEEL_RHO_CP * np.pi * (r3 * r3 - r2 * r2))
    feed = p[I_FEED_RATE]
    m_feed = np.zeros(N_BED)
    rest = feed
    for j in range(_FEED_P_INDEX.size):
        m_feed[_FEED_SPECIES[j]] = feed * p[_FEED_P_INDEX[j]]
        rest -= m_feed[_FEED_SPECIES[j]]
    m_feed[B_SIO2] += max(rest, 0.0)
    for k in range(N_BED):
        g[G_M_FEED0 + k] = m_feed[k]
    g[G_H_FEED] = bed_enthalpy_flow(m_feed, p[I_FEED_TEMP])
    g[G_H_BURNER] = h_in
    g[G_N_FUEL] = n_fuel
    g[G_LHV] = cb.lhv_molar(x_fuel) if n_fuel > 0.0 else 0.0
    g[G_HEAT_INPUT] = heat_input
    g[G_T_AD] = th.temperature_from_h(n_b, h_in, 1500.0)
    g[G_Q_REF] = heat_input + feed * 1.0e6
    g[G_M_REF] = feed
    g[G_N_REF] = feed / th.MOLAR_MASS[_IDX[_IDX_CO2]]
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
def _state_geometry(p, state, x, geo) -> bool:
    """Unknowns x (N_CELL, N_VAR) of a state vector and the bed geometry of its flows."""
    n = x.shape[0]
    q_v = np.empty(n)
    for i in range(n):
        m_tot = 0.0
        for v in range(N_VAR):
            x[i, v] = state[i * N_VAR + v]
        for k in range(N_BED):
            m_tot += max(x[i, V_M0 + k], 0.0)
        q_v[i] = max(m_tot, 1e-9 * p[I_FEED_RATE]) / p[I_BULK_DENSITY]
    return _geometry(p, geo, q_v)


@njit(cache=True)
def _usable_guess(x) -> bool:
    """True when x holds finite temperatures within the solver bounds and non-negative flows."""
    for i in range(x.shape[0]):
        for v in range(N_VAR):
            val = x[i, v]
            if not np.isfinite(val):
                return False
            if v < 4:
                if val < T_MIN or val > T_MAX:
                    return False
            elif val < 0.0:
                return False
    return True


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
def _loss_free_oxides(p, m, w) -> float:
    """Oxide mass fractions w (kernels.clinker order) of the loss-free bed m; returns its mass.

    Ca, Si, Al, Fe and Mg of all species as CaO, SiO2, Al2O3, Fe2O3 and MgO, the minor
    oxides as themselves, of which the share feed_x_alkali / feed_x_minor is counted as
    K2O (the Lea-Parker flux term K + N).
    """
    w[:] = 0.0
    ox = ck.OXIDE_MOLAR_MASS
    for k in range(N_BED):
        nk = max(m[k], 0.0) / BED_MOLAR_MASS[k]
        w[ck.CAO] += nk * BED_ELEMENTS[k, 3] * ox[ck.CAO]
        w[ck.SIO2] += nk * BED_ELEMENTS[k, 4] * ox[ck.SIO2]
        w[ck.AL2O3] += 0.5 * nk * BED_ELEMENTS[k, 5] * ox[ck.AL2O3]
        w[ck.FE2O3] += 0.5 * nk * BED_ELEMENTS[k, 6] * ox[ck.FE2O3]
        w[ck.MGO] += nk * BED_ELEMENTS[k, 7] * ox[ck.MGO]
    minor = max(m[B_MINOR], 0.0)
    total = w[ck.CAO] + w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3] + w[ck.MGO] + minor
    if p[I_FEED_X_MINOR] > 0.0:
        w[ck.K2O] = minor * p[I_FEED_X_ALKALI] / p[I_FEED_X_MINOR]
    if total > 0.0:
        for j in range(w.size):
            w[j] /= total
    return total


@njit(cache=True)
def _report(p, g, geo, beta, n_u, n_b, ext, x_fuel, x, iterations, out, prof) -> None:
    """Outputs and profiles of the solution x."""
    n = x.shape[0]
    dz = g[G_DZ]
    loc = np.empty((n, N_LOC))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    rates = np.empty(N_CLINKER)
    w = np.empty(ck.N_OXIDES)
    eval_all(g, geo, beta, n_u, n_b, x, n_g, m, rates, loc)
    t_amb = p[I_AMBIENT_TEMP]

    q_bed = 0.0
    q_shell = 0.0
    holdup = 0.0
    t_since = 0.0
    melt_len = 0.0
    melt_time = 0.0
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
        prof[F_BED_X_AL2O3, i] = m[B_AL2O3] / m_tot
        prof[F_BED_X_FE2O3, i] = m[B_FE2O3] / m_tot
        prof[F_BED_X_MGO, i] = m[B_MGO] / m_tot
        prof[F_BED_X_MINOR, i] = m[B_MINOR] / m_tot
        prof[F_BED_X_C2S, i] = m[B_C2S] / m_tot
        prof[F_BED_X_C3S, i] = m[B_C3S] / m_tot
        prof[F_BED_X_C3A, i] = m[B_C3A] / m_tot
        prof[F_BED_X_C4AF, i] = m[B_C4AF] / m_tot
        _loss_free_oxides(p, m, w)
        prof[F_MELT_FRACTION, i] = ck.liquid_fraction(w, prof[F_T_BED, i])
        if prof[F_T_BED, i] > ck.T_EUTECTIC:
            melt_len += dz
            melt_time += cell_time
        gas_of_face(n_u, n_b, beta[i], x[i], n_g)
        n_tot = n_g.sum()
        prof[F_GAS_Y_CO2, i] = n_g[th.CO2] / n_tot
        prof[F_GAS_Y_H2O, i] = n_g[th.H2O] / n_tot
        prof[F_GAS_Y_O2, i] = n_g[th.O2] / n_tot
        prof[F_GAS_EMISSIVITY, i] = loc[i, L_EPS]
        prof[F_BURNOUT, i] = beta[i]

    # streams at the two ends
    gas_of_face(n_u, n_b, beta[0], x[0], n_g)
    t_gas_exit = x[0, V_T_GAS]
    h_gas_exit = loc[0, L_HG]
    unburnt = 1.0 - beta[0]
    m_gas_exit = unburnt * g[G_M_PART]
    for k in range(th.N_SPECIES):
        m_gas_exit += n_g[k] * th.MOLAR_MASS[k]
    n_exit_tot = n_g.sum()
    m_prod = np.empty(N_BED)
    m_feed = np.empty(N_BED)
    m_ash = np.zeros(N_BED)
    m_product = 0.0
    for k in range(N_BED):
        m_prod[k] = x[n - 1, V_M0 + k]
        m_product += m_prod[k]
        m_feed[k] = g[G_M_FEED0 + k]
        for i in range(n):
            m_ash[k] += ext[i, k]
    h_prod = loc[n - 1, L_HB]
    h_ash_in = 0.0
    for i in range(n):
        h_ash_in += ext[i, N_BED]

    # balances: energy (absolute enthalpies), mass, elements
    heat_input = g[G_HEAT_INPUT]
    e_in = g[G_H_BURNER] + g[G_H_FEED] + h_ash_in
    e_out = h_gas_exit + h_prod + q_shell
    e_scale = max(heat_input, q_shell + abs(h_prod - g[G_H_FEED]), 1e-30)
    mass_in = g[G_M_GAS_IN] + p[I_FEED_RATE]
    mass_out = m_gas_exit + m_product
    for k in range(N_BED):
        mass_in += m_ash[k]
    el_in = np.zeros(_N_EL)
    el_out = np.zeros(_N_EL)
    for k in range(th.N_SPECIES):
        for e in range(th.N_ELEMENTS):
            el_in[e] += n_u[k] * th.ELEMENTS[k, e]
            el_out[e] += n_g[k] * th.ELEMENTS[k, e]
    u = np.empty(sf.N_U)
    b_solid = np.zeros(th.N_ELEMENTS)
    for f in range(_SOLID_FUEL_P.size):
        m_f, _lhv = _solid_fuel(p, f, u)
        if m_f > 0.0:
            _add_fuel_atoms(u, m_f, b_solid)
    for e in range(th.N_ELEMENTS):
        el_in[e] += b_solid[e]
        el_out[e] += unburnt * b_solid[e]
    for k in range(N_BED):
        for e in range(N_BED_ELEMENTS):
            col = _BED_EL_MAP[e]
            el_in[col] += (m_feed[k] + m_ash[k]) / BED_MOLAR_MASS[k] * BED_ELEMENTS[k, e]
            el_out[col] += m_prod[k] / BED_MOLAR_MASS[k] * BED_ELEMENTS[k, e]
    el_total = el_in.sum()
    el_res = 0.0
    for e in range(_N_EL):  # relative to each input, floored at 1e-9 of all atoms (Newton tolerance)
        el_res = max(el_res, abs(el_in[e] - el_out[e]) / max(el_in[e], 1e-9 * el_total))

    # heat split
    exhaust = h_gas_exit - th.h_mix(n_g, t_amb) - particle_enthalpy(g, beta[0], t_amb)
    prod_amb = bed_enthalpy_flow(m_prod, t_amb)
    n_co2 = x[0, V_G_CO2]
    n_h2o = x[0, V_G_H2O]
    reaction = (n_co2 * th.h_species(_IDX[_IDX_CO2], th.T_REF) + n_h2o * th.h_species(_IDX[_IDX_H2O], th.T_REF))
    for k in range(N_BED):
        reaction += (m_prod[k] - m_feed[k] - m_ash[k]) / BED_MOLAR_MASS[k] * bed_cp_h(k, th.T_REF)[1]
    co2_process = n_co2 * th.MOLAR_MASS[_IDX[_IDX_CO2]]
    c_fuel = 0.0
    for k in range(th.N_SPECIES):
        c_fuel += x_fuel[k] * th.ELEMENTS[k, th.EL_C]
    co2_fuel = (g[G_N_FUEL] * c_fuel + b_solid[th.EL_C]) * th.MOLAR_MASS[_IDX[_IDX_CO2]]
    ca_out = m_prod[B_CACO3] / BED_MOLAR_MASS[B_CACO3] + m_prod[B_CAO] / BED_MOLAR_MASS[B_CAO]
    ca_carbonate_or_oxide = ca_out + (m_prod[B_C2S] / BED_MOLAR_MASS[B_C2S] * 2.0
                                      + m_prod[B_C3S] / BED_MOLAR_MASS[B_C3S] * 3.0
                                      + m_prod[B_C3A] / BED_MOLAR_MASS[B_C3A] * 3.0
                                      + m_prod[B_C4AF] / BED_MOLAR_MASS[B_C4AF] * 4.0)
    fuel_h = _fuel_enthalpy(p, g, x_fuel, p[I_FUEL_TEMP], p[I_SOLID_FUEL_TEMP])
    fuel_h_ref = _fuel_enthalpy(p, g, x_fuel, th.T_REF, th.T_REF)

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
    # calcium no longer bound as carbonate (free lime and clinker phases) over all calcium
    out[O_CALCINATION_DEGREE] = (1.0 - m_prod[B_CACO3] / BED_MOLAR_MASS[B_CACO3] / ca_carbonate_or_oxide
                                 if ca_carbonate_or_oxide > 0.0 else np.nan)
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
    out[O_UNBURNT_FRACTION] = unburnt
    out[O_NEWTON_ITERATIONS] = iterations
    out[O_ENERGY_RESIDUAL] = (e_in - e_out) / e_scale
    out[O_MASS_RESIDUAL] = (mass_in - mass_out) / mass_in
    out[O_ELEMENT_RESIDUAL] = el_res
    out[O_PRODUCT_X_C3S] = m_prod[B_C3S] / m_product
    out[O_PRODUCT_X_C2S] = m_prod[B_C2S] / m_product
    out[O_PRODUCT_X_C3A] = m_prod[B_C3A] / m_product
    out[O_PRODUCT_X_C4AF] = m_prod[B_C4AF] / m_product
    out[O_PRODUCT_X_CACO3] = m_prod[B_CACO3] / m_product
    out[O_MELT_MAX] = prof[F_MELT_FRACTION].max()
    out[O_MELT_ZONE_LENGTH] = melt_len
    out[O_MELT_ZONE_TIME] = melt_time
    out[O_FUEL_ENTHALPY] = fuel_h
    out[O_FUEL_SENSIBLE_HEAT] = fuel_h - fuel_h_ref
    out[O_FUEL_ASH_FLOW] = g[G_M_ASH]
    out[O_FUEL_INPUT] = p[I_FUEL_FLOW] + p[I_COAL_FLOW] + p[I_ALT_FUEL_FLOW]
    out[O_FUEL_HEAT_INPUT] = heat_input
    out[O_CO2_EMISSIONS] = co2_process + co2_fuel


@njit(cache=True)
def _fuel_enthalpy(p, g, x_fuel, t_gas_fuel: float, t_solid_fuel: float) -> float:
    """Absolute enthalpy [W] of fuel gas at t_gas_fuel and solid fuels (with ash) at t_solid_fuel."""
    h = g[G_N_FUEL] * th.h_mix(x_fuel, t_gas_fuel) if g[G_N_FUEL] > 0.0 else 0.0
    h += g[G_M_PART] * (g[G_H_PART] + g[G_CP_PART] * (t_solid_fuel - th.T_REF))
    if g[G_M_ASH] > 0.0:
        ash = np.empty(N_BED)
        for k in range(N_BED):
            ash[k] = g[G_ASH0 + k] * g[G_M_ASH]
        h += bed_enthalpy_flow(ash, t_solid_fuel)
    return h
