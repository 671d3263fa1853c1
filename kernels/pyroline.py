"""Cement pyro-line: 5-stage cyclone preheater, precalciner, kiln and grate cooler balances.

Lumped steady mass and energy balances of a dry-process precalciner line around its
rotary kiln, solved the way the line is run: the clinker output, the kiln-inlet
calcination, the calciner and kiln-inlet gas temperatures and the cooler's recuperation
are set, and the kernel finds the fuel each burner needs, every stream temperature, the
specific heat consumption and where the heat goes.

Flow sheet (stage 1 is the top cyclone)::

    raw meal -> riser 1 -> cyclone 1 -> riser 2 -> ... -> cyclone 4 -> calciner -> cyclone 5 -> kiln
    exhaust  <- stage 1 <- stage 2 <- stage 3 <- stage 4 <- cyclone 5 <- calciner <- kiln gas
                                                 tertiary air ^   secondary air ^   clinker -> cooler

Model
-----
1. **Streams.** Gases are molar vectors of :mod:`kernels.thermo` species with NASA
   enthalpies; meal is a vector of component mass flows (:mod:`kernels.meal`) with the
   condensed-phase NASA enthalpies of :mod:`kernels.solids`; clinker is its oxides
   minus a heat of combination fixed by zur Strassen's theoretical heat
   (:func:`kernels.meal.combination_heat`). All enthalpies are absolute (formation
   included), so calcination, dehydration and combustion heats are implicit and every
   balance closes to round-off by construction.
2. **Fuel** (one for kiln and calciner) by ultimate analysis and LHV
   (:mod:`kernels.solidfuel`), burnt completely with humid air
   (:func:`kernels.combustion.humid_air`) at a given excess; fuel sulfur leaves as SO2
   and the ash joins the clinker as acidic oxides (the raw meal is trimmed for it).
3. **Kiln** (lumped burning zone, :func:`burning_zone_balance`): hot meal at the
   calciner temperature with its residual CaCO3 -> clinker at ``clinker_discharge_temp``;
   gas leaves at ``kiln_inlet_gas_temp``; shell loss as a parameter. The kiln fuel
   follows from the kiln energy balance, which is linear in it. The 1-D kiln model can
   replace this step: :func:`line_around_kiln` takes a kiln's own results.
4. **Calciner + cyclone 5**: the meal from cyclone 4 is calcined to
   ``kiln_feed_calcination`` (all MgCO3) with kiln gas, tertiary air and calciner fuel;
   gas and meal leave at ``calciner_exit_temp``. Calciner fuel from its energy balance
   (linear). The CO2 partial pressure is compared with Baker's (1962) equilibrium.
5. **Preheater stages 4..1**: each riser/cyclone is a co-current equilibrium stage,
   meal and gas leaving at ``T_i`` and ``T_i + preheater_approach``, with a shell loss
   per stage. Moisture evaporates in stage 1, clay water leaves in stage 3; stage 1
   loses ``1 - top_cyclone_efficiency`` of its meal as dust. The temperature of the
   meal leaving stage 4 is found by shooting: the stages are marched upwards and the
   feed temperature they imply must equal ``raw_meal_temp`` (Anderson–Björck bracketed
   root of :mod:`kernels.numerics`).
6. **Grate cooler**: the secondary and tertiary air take ``cooler_recuperation`` of the
   clinker's heat above ambient (tertiary air ``tertiary_air_temp_drop`` colder than
   secondary); the rest of the cooling air leaves as cooler exhaust, its temperature
   from the cooler balance.
7. **Coupling**: the secondary-air temperature the kiln uses must equal the one the
   cooler delivers; ``solve`` finds it with an outer bracketed root.

Reported: specific heat consumption (fuel LHV per kg clinker), the split of heat input
(fuel + sensible heat of the inputs, datum 298.15 K) into theoretical heat of clinker
formation, exhaust gas, dust, cooler exhaust, clinker, shell and moisture, the CO2 from
raw meal and fuel, and energy, mass and element (C, H, O, N, S, Ar and the oxides)
closure residuals computed from the streams crossing the line boundary.

Typical 5-stage precalciner lines (3000-6000 t/d) use 2.9-3.6 GJ/t clinker with
preheater exit gas at 250-350 °C and kiln-inlet gas at 1000-1200 °C (e.g. VDZ,
"Process Technology of Cement Manufacturing", 2002; Peray 1986; ECRA/CSI 2017).

Limits of the lumped kiln: it burns only the fuel its energy balance needs. With the
defaults that is about 20 % of the line's fuel, where plants fire 35-45 % in the kiln:
a real burning zone needs a hot flame to radiate heat into the bed, which an energy
balance with a fixed kiln-inlet temperature does not see. The split, the secondary-air
flow and hence the secondary-air temperature move when the 1-D kiln takes over through
:func:`line_around_kiln`; the line's total fuel changes much less.

Left out: internal dust circulation between stages, bypass, alkali/sulfur cycles,
partial calcination in stage 4, CO and NOx, false air, the heat of the clinker melt,
different fuels for kiln and calciner.

References
----------
.. [1] K. E. Peray (1986), "The Rotary Cement Kiln", 2nd ed., Chemical Publishing,
   New York (heat balance of a kiln line; zur Strassen's theoretical heat).
.. [2] VDZ (2002), "Process Technology of Cement Manufacturing", VDZ Congress 2002,
   Verlag Bau+Technik, Düsseldorf.
.. [3] ECRA, CSI (2017), "Development of State of the Art Techniques in Cement
   Manufacturing", Düsseldorf/Geneva (specific heat consumption of modern lines).
.. [4] E. H. Baker (1962), J. Chem. Soc. 1962, 464-470 (CaCO3 equilibrium).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels import clinker as ck
from kernels import combustion as cb
from kernels import meal as ml
from kernels import pyroline_units as pu
from kernels import solidfuel as sf
from kernels import solids as sd
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, NOT_CONVERGED, OK, OUT_OF_RANGE, Output, Param, Profile, bounds
from kernels.numerics import ROOT_STATE_SIZE, root_best, root_propose, root_start, root_update

# The kiln-result vector (``K_*`` entries, length ``N_KILN``): the coupling interface of
# line_around_kiln, defined with the unit balances in kernels.pyroline_units.
K_FUEL_FLOW = pu.K_FUEL_FLOW
K_FUEL_HEAT = pu.K_FUEL_HEAT
K_FUEL_ENTHALPY = pu.K_FUEL_ENTHALPY
K_FUEL_SENSIBLE = pu.K_FUEL_SENSIBLE
K_FUEL_ASH = pu.K_FUEL_ASH
K_FUEL_C = pu.K_FUEL_C
K_FUEL_H = pu.K_FUEL_H
K_FUEL_O = pu.K_FUEL_O
K_FUEL_N = pu.K_FUEL_N
K_FUEL_S = pu.K_FUEL_S
K_PRIMARY_AIR = pu.K_PRIMARY_AIR
K_SECONDARY_AIR = pu.K_SECONDARY_AIR
K_SECONDARY_AIR_TEMP = pu.K_SECONDARY_AIR_TEMP
K_GAS_TEMP = pu.K_GAS_TEMP
K_CLINKER_TEMP = pu.K_CLINKER_TEMP
K_SHELL_LOSS = pu.K_SHELL_LOSS
K_OXYGEN = pu.K_OXYGEN
K_CLINKER_H_DISCHARGE = pu.K_CLINKER_H_DISCHARGE
K_CLINKER_H_OUT = pu.K_CLINKER_H_OUT
K_CLINKER_H_AMBIENT = pu.K_CLINKER_H_AMBIENT
K_CLINKER_H_REF = pu.K_CLINKER_H_REF
K_CLINKER_CO2 = pu.K_CLINKER_CO2
N_KILN = pu.N_KILN

N_CELL = 5  # stages: cyclones 1-4 and the calciner with cyclone 5

PARAMS = (
    Param("clinker_rate", "kg/s", 46.3, 0.5, 200.0, "clinker production (4000 t/d = 46.3 kg/s)"),
    # clinker composition, mass fractions
    Param("clinker_w_cao", "1", 0.655, 0.40, 0.75, "CaO mass fraction of the clinker"),
    Param("clinker_w_sio2", "1", 0.215, 0.05, 0.35, "SiO2 mass fraction of the clinker"),
    Param("clinker_w_al2o3", "1", 0.052, 0.01, 0.40, "Al2O3 mass fraction of the clinker"),
    Param("clinker_w_fe2o3", "1", 0.030, 0.001, 0.15, "Fe2O3 mass fraction of the clinker"),
    Param("clinker_w_mgo", "1", 0.015, 0.0, 0.06, "MgO mass fraction of the clinker"),
    Param("clinker_w_so3", "1", 0.010, 0.0, 0.05, "SO3 mass fraction of the clinker"),
    Param("clinker_w_k2o", "1", 0.007, 0.0, 0.03, "K2O mass fraction of the clinker"),
    Param("clinker_w_na2o", "1", 0.002, 0.0, 0.03, "Na2O mass fraction of the clinker"),
    # raw meal
    Param("caco3_share", "1", 1.0, 0.0, 1.0, "fraction of the clinker CaO supplied as CaCO3 (rest as CaO)"),
    Param("mgco3_share", "1", 1.0, 0.0, 1.0, "fraction of the clinker MgO supplied as MgCO3 (rest as MgO)"),
    Param("bound_water", "1", 0.008, 0.0, 0.10, "clay-bound water, mass fraction of the dry raw meal"),
    Param("raw_meal_moisture", "1", 0.005, 0.0, 0.10, "free moisture, mass fraction of the wet kiln feed"),
    Param("raw_meal_temp", "K", 323.15, 250.0, 450.0, "kiln feed temperature entering riser 1"),
    # fuel (as fired), mass fractions
    Param("fuel_w_c", "1", 0.72, 0.0, 1.0, "carbon mass fraction of the fuel (ultimate analysis, as fired)"),
    Param("fuel_w_h", "1", 0.045, 0.0, 0.3, "hydrogen mass fraction of the fuel"),
    Param("fuel_w_o", "1", 0.07, 0.0, 0.5, "oxygen mass fraction of the fuel"),
    Param("fuel_w_n", "1", 0.015, 0.0, 0.1, "nitrogen mass fraction of the fuel"),
    Param("fuel_w_s", "1", 0.01, 0.0, 0.1, "sulfur mass fraction of the fuel"),
    Param("fuel_w_h2o", "1", 0.01, 0.0, 0.6, "moisture mass fraction of the fuel"),
    Param("fuel_w_ash", "1", 0.13, 0.0, 0.5, "ash mass fraction of the fuel"),
    Param("fuel_lhv", "J/kg", 28.5e6, 5.0e6, 60.0e6, "lower heating value of the fuel as fired (ISO 1928 net)"),
    Param("fuel_temp", "K", 323.15, 250.0, 500.0, "fuel temperature at the burners"),
    Param("fuel_cp", "J/(kg*K)", 1300.0, 500.0, 3000.0, "mean specific heat of the fuel"),
    # air and operation
    Param("ambient_temp", "K", 298.15, 230.0, 330.0, "ambient air temperature (cooling and primary air)"),
    Param("relative_humidity", "1", 0.5, 0.0, 1.0, "relative humidity of the ambient air"),
    Param("pressure", "Pa", 101325.0, 8.0e4, 1.1e5, "absolute gas pressure in the calciner and preheater"),
    Param("kiln_excess_air", "1", 0.15, 0.0, 1.0, "air above stoichiometric for the kiln fuel, fraction"),
    Param("calciner_excess_air", "1", 0.25, 0.0, 1.0, "air above stoichiometric for the calciner fuel, fraction"),
    Param("primary_air_fraction", "1", 0.10, 0.0, 0.5, "share of the kiln combustion air sent as cold primary air"),
    Param("kiln_inlet_gas_temp", "K", 1373.15, 1073.15, 1573.15, "gas temperature at the kiln inlet"),
    Param("clinker_discharge_temp", "K", 1673.15, 1373.15, 1773.15, "clinker temperature entering the cooler"),
    Param("kiln_feed_calcination", "1", 0.93, 0.30, 0.99, "CaCO3 calcination degree of the hot meal entering the kiln"),
    Param("calciner_exit_temp", "K", 1153.15, 1023.15, 1273.15, "gas and meal temperature leaving calciner/cyclone 5"),
    Param("preheater_approach", "K", 15.0, 0.0, 100.0, "gas minus meal temperature leaving each preheater stage"),
    Param("top_cyclone_efficiency", "1", 0.95, 0.5, 1.0, "separation efficiency of cyclone 1 (rest is dust loss)"),
    Param("kiln_shell_loss", "J/kg", 1.5e5, 0.0, 1.0e6, "kiln shell loss per kg clinker"),
    Param("calciner_shell_loss", "J/kg", 3.0e4, 0.0, 5.0e5, "calciner and cyclone 5 wall loss per kg clinker"),
    Param("preheater_shell_loss", "J/kg", 6.0e4, 0.0, 5.0e5, "wall loss of stages 1-4 per kg clinker (shared equally)"),
    Param("cooler_shell_loss", "J/kg", 1.5e4, 0.0, 2.0e5, "cooler wall loss per kg clinker"),
    Param("cooler_air", "1", 2.3, 0.5, 5.0, "cooling air, kg per kg clinker"),
    Param("cooler_recuperation", "1", 0.68, 0.20, 0.90, "share of the clinker heat above ambient returned as secondary "
          "and tertiary air"),
    Param("tertiary_air_temp_drop", "K", 150.0, 0.0, 600.0, "secondary minus tertiary air temperature"),
    Param("clinker_out_temp", "K", 373.15, 280.0, 600.0, "clinker temperature leaving the cooler"),
)

OUTPUTS = (
    Output("specific_heat_consumption", "J/kg", "fuel heat (LHV) per kg clinker"),
    Output("fuel_input", "kg/s", "total fuel mass flow to kiln and calciner"),
    Output("kiln_fuel_flow", "kg/s", "fuel to the kiln burner"),
    Output("calciner_fuel_flow", "kg/s", "fuel to the calciner"),
    Output("calciner_fuel_fraction", "1", "calciner share of the fuel heat"),
    Output("fuel_heat_input", "W", "fuel heat input of kiln and calciner, LHV basis"),
    Output("raw_meal_feed", "kg/s", "wet kiln feed into riser 1, including what leaves as dust"),
    Output("raw_meal_factor", "1", "dry raw meal reaching stage 2 per kg clinker"),
    Output("raw_meal_loi", "1", "loss on ignition of the dry raw meal"),
    Output("hot_meal_flow", "kg/s", "hot meal from cyclone 5 into the kiln"),
    Output("dust_flow", "kg/s", "raw meal dust leaving with the exhaust gas"),
    Output("primary_air_flow", "kg/s", "primary air to the kiln burner"),
    Output("secondary_air_flow", "kg/s", "secondary air from the cooler to the kiln"),
    Output("tertiary_air_flow", "kg/s", "tertiary air from the cooler to the calciner"),
    Output("cooler_exhaust_flow", "kg/s", "cooling air vented from the cooler"),
    Output("secondary_air_temp", "K", "secondary air temperature delivered by the cooler"),
    Output("tertiary_air_temp", "K", "tertiary air temperature delivered by the cooler"),
    Output("cooler_exhaust_temp", "K", "temperature of the cooler exhaust air"),
    Output("secondary_air_mismatch", "K", "secondary air temperature used by the kiln minus the cooler's"),
    Output("preheater_exit_temp", "K", "gas temperature leaving cyclone 1"),
    Output("preheater_exit_flow", "kg/s", "gas mass flow leaving cyclone 1 (without dust)"),
    Output("preheater_exit_volume", "m^3/kg", "preheater exit gas at 0 C and 101.325 kPa per kg clinker"),
    Output("preheater_exit_o2_dry", "1", "O2 mole fraction of the dry preheater exit gas"),
    Output("kiln_inlet_o2_dry", "1", "O2 mole fraction of the dry kiln-inlet gas"),
    Output("calciner_exit_co2", "1", "CO2 mole fraction of the calciner exit gas"),
    Output("calciner_equilibrium_temp", "K", "CaCO3 equilibrium temperature at the calciner exit CO2 pressure"),
    Output("theoretical_heat", "J/kg", "heat of clinker formation at 298.15 K per kg clinker (reaction)"),
    Output("theoretical_heat_zur_strassen", "J/kg", "zur Strassen's theoretical heat of the clinker"),
    Output("heat_input_sensible", "J/kg", "sensible heat of feed, fuel and air above 298.15 K per kg clinker"),
    Output("loss_exhaust_gas", "J/kg", "sensible heat of the preheater exit gas above 298.15 K per kg clinker"),
    Output("loss_dust", "J/kg", "sensible heat of the exhaust dust per kg clinker"),
    Output("loss_cooler_exhaust", "J/kg", "sensible heat of the cooler exhaust air per kg clinker"),
    Output("loss_clinker", "J/kg", "sensible heat of the clinker leaving the cooler per kg clinker"),
    Output("loss_shell", "J/kg", "shell and wall losses of kiln, calciner, preheater and cooler per kg clinker"),
    Output("loss_moisture", "J/kg", "evaporation of the feed moisture at 298.15 K per kg clinker"),
    Output("process_co2", "1", "CO2 from the raw meal carbonates, kg per kg clinker"),
    Output("fuel_co2", "1", "CO2 from the fuel carbon, kg per kg clinker"),
    Output("co2_emissions", "kg/s", "CO2 released into the preheater exhaust: carbonates + fuel carbon, no air CO2"),
    Output("energy_residual", "1", "line energy balance residual relative to the fuel heat"),
    Output("mass_residual", "1", "line mass balance residual relative to the mass input"),
    Output("element_residual", "1", "largest relative residual of the C, H, O, N, S, Ar and oxide balances"),
)

PROFILES = (
    Profile("T_meal", "K", "meal temperature leaving cyclones 1-4 and the calciner/cyclone 5"),
    Profile("T_gas", "K", "gas temperature leaving cyclones 1-4 and the calciner/cyclone 5"),
    Profile("calcination", "1", "CaCO3 calcination degree of the meal leaving each stage"),
)

# Index constants (kept in step with the tables by tests/kernels/test_pyroline.py).
(
    I_CLINKER_RATE,
    I_CLINKER_W_CAO,
    I_CLINKER_W_SIO2,
    I_CLINKER_W_AL2O3,
    I_CLINKER_W_FE2O3,
    I_CLINKER_W_MGO,
    I_CLINKER_W_SO3,
    I_CLINKER_W_K2O,
    I_CLINKER_W_NA2O,
    I_CACO3_SHARE,
    I_MGCO3_SHARE,
    I_BOUND_WATER,
    I_RAW_MEAL_MOISTURE,
    I_RAW_MEAL_TEMP,
    I_FUEL_W_C,
    I_FUEL_W_H,
    I_FUEL_W_O,
    I_FUEL_W_N,
    I_FUEL_W_S,
    I_FUEL_W_H2O,
    I_FUEL_W_ASH,
    I_FUEL_LHV,
    I_FUEL_TEMP,
    I_FUEL_CP,
    I_AMBIENT_TEMP,
    I_RELATIVE_HUMIDITY,
    I_PRESSURE,
    I_KILN_EXCESS_AIR,
    I_CALCINER_EXCESS_AIR,
    I_PRIMARY_AIR_FRACTION,
    I_KILN_INLET_GAS_TEMP,
    I_CLINKER_DISCHARGE_TEMP,
    I_KILN_FEED_CALCINATION,
    I_CALCINER_EXIT_TEMP,
    I_PREHEATER_APPROACH,
    I_TOP_CYCLONE_EFFICIENCY,
    I_KILN_SHELL_LOSS,
    I_CALCINER_SHELL_LOSS,
    I_PREHEATER_SHELL_LOSS,
    I_COOLER_SHELL_LOSS,
    I_COOLER_AIR,
    I_COOLER_RECUPERATION,
    I_TERTIARY_AIR_TEMP_DROP,
    I_CLINKER_OUT_TEMP,
) = range(44)
(
    O_SPECIFIC_HEAT_CONSUMPTION,
    O_FUEL_INPUT,
    O_KILN_FUEL_FLOW,
    O_CALCINER_FUEL_FLOW,
    O_CALCINER_FUEL_FRACTION,
    O_FUEL_HEAT_INPUT,
    O_RAW_MEAL_FEED,
    O_RAW_MEAL_FACTOR,
    O_RAW_MEAL_LOI,
    O_HOT_MEAL_FLOW,
    O_DUST_FLOW,
    O_PRIMARY_AIR_FLOW,
    O_SECONDARY_AIR_FLOW,
    O_TERTIARY_AIR_FLOW,
    O_COOLER_EXHAUST_FLOW,
    O_SECONDARY_AIR_TEMP,
    O_TERTIARY_AIR_TEMP,
    O_COOLER_EXHAUST_TEMP,
    O_SECONDARY_AIR_MISMATCH,
    O_PREHEATER_EXIT_TEMP,
    O_PREHEATER_EXIT_FLOW,
    O_PREHEATER_EXIT_VOLUME,
    O_PREHEATER_EXIT_O2_DRY,
    O_KILN_INLET_O2_DRY,
    O_CALCINER_EXIT_CO2,
    O_CALCINER_EQUILIBRIUM_TEMP,
    O_THEORETICAL_HEAT,
    O_THEORETICAL_HEAT_ZUR_STRASSEN,
    O_HEAT_INPUT_SENSIBLE,
    O_LOSS_EXHAUST_GAS,
    O_LOSS_DUST,
    O_LOSS_COOLER_EXHAUST,
    O_LOSS_CLINKER,
    O_LOSS_SHELL,
    O_LOSS_MOISTURE,
    O_PROCESS_CO2,
    O_FUEL_CO2,
    O_CO2_EMISSIONS,
    O_ENERGY_RESIDUAL,
    O_MASS_RESIDUAL,
    O_ELEMENT_RESIDUAL,
) = range(41)
F_T_MEAL, F_T_GAS, F_CALCINATION = range(3)

#: Outputs that split the heat input (per kg clinker): the terms add up to
#: ``specific_heat_consumption + heat_input_sensible`` to within ``energy_residual``.
HEAT_SPLIT = ("theoretical_heat", "loss_exhaust_gas", "loss_dust", "loss_cooler_exhaust", "loss_clinker",
              "loss_shell", "loss_moisture")

COMPOSITION_GROUPS = (("fuel_w_", 1e-3),)  # mass fractions that must sum to one
_LOW, _HIGH = bounds(PARAMS)

_MAX_ITER = 100
_N_SCAN = 32  # trial points for the cold end of the secondary-air bracket
_STP_VOLUME = 0.0224140  # m^3/mol at 273.15 K, 101.325 kPa (ideal gas, CODATA R)


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming the parameters.

    Checked by ``twins`` before a run; ``solve`` checks the same rules and returns
    ``OUT_OF_RANGE`` if they are broken.
    """
    v = values
    oxides = sum(v[f"clinker_w_{x}"] for x in ("cao", "sio2", "al2o3", "fe2o3", "mgo", "so3", "k2o", "na2o"))
    fuel = sum(v[f"fuel_w_{x}"] for x in ("c", "h", "o", "n", "s", "h2o", "ash"))
    rules = (
        (oxides <= 1.0, f"clinker oxide fractions clinker_w_* add up to {oxides:.4f}, more than 1"),
        (abs(fuel - 1.0) <= 1e-3, f"fuel mass fractions fuel_w_* add up to {fuel:.4f}, not 1"),
        (v["calciner_exit_temp"] < v["kiln_inlet_gas_temp"],
         "calciner_exit_temp must be below kiln_inlet_gas_temp"),
        (v["raw_meal_temp"] < v["calciner_exit_temp"] - v["preheater_approach"],
         "raw_meal_temp must be below calciner_exit_temp minus preheater_approach"),
        (v["clinker_out_temp"] < v["clinker_discharge_temp"],
         "clinker_out_temp must be below clinker_discharge_temp"),
        (v["ambient_temp"] < v["clinker_out_temp"], "clinker_out_temp must be above ambient_temp"),
    )
    return [message for ok, message in rules if not ok]


# ============================================================================ public
@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve one pyro-line scenario with the lumped burning-zone kiln.

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs, ordered as OUTPUTS
    prof : (len(PROFILES), N_CELL) filled with the stage profiles (cell 0 = cyclone 1)

    Returns
    -------
    Status code of :mod:`kernels.contract`; on any status but ``OK`` the outputs and
    profiles are NaN.
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(pu.N_G)
    w = np.zeros(ck.N_OXIDES)
    u = np.zeros(sf.N_U)
    tab = np.zeros((3, th.N_SPECIES))
    _setup(p, g, w, u, tab)
    kiln = np.empty(N_KILN)
    n_kgas = np.empty(th.N_SPECIES)
    meals = np.empty((pu.N_M, ml.N_COMP))
    gases = np.empty((3, th.N_SPECIES))
    s = np.empty(pu.N_S)
    root = np.empty(ROOT_STATE_SIZE)
    # secondary-air temperature at which kiln and cooler agree, f(t) = t - cooler(t): walk
    # down from the clinker temperature with overshooting secant steps to the first sign
    # change (the hottest consistent state); if the kiln or line cannot be solved with
    # colder air, the cooler cannot supply the air the kiln needs
    t_amb = g[pu.G_T_AMB]
    t_hi = g[pu.G_T_CE]
    f_hi = pu.coupling_residual(g, w, u, tab, t_hi, kiln, n_kgas, meals, gases, s)
    if not np.isfinite(f_hi) or f_hi < 0.0:
        return INFEASIBLE
    slope = 1.0 / 1.5  # first step: t - 1.5 f
    t_lo = np.nan
    f_lo = np.nan
    for _ in range(_N_SCAN):
        step = 1.2 * f_hi / slope + 1.0
        f = np.nan
        t = t_hi
        for _half in range(30):
            t = max(t_hi - step, t_amb + 1.0)
            f = pu.coupling_residual(g, w, u, tab, t, kiln, n_kgas, meals, gases, s)
            if np.isfinite(f):
                break
            step *= 0.5
        if not np.isfinite(f):
            return INFEASIBLE
        if f <= 0.0:
            t_lo = t
            f_lo = f
            break
        if t <= t_amb + 1.0:
            return INFEASIBLE
        slope = max((f_hi - f) / (t_hi - t), 0.02)
        t_hi = t
        f_hi = f
    if not (f_lo <= 0.0):
        return INFEASIBLE
    root_start(root, t_lo, f_lo, t_hi, f_hi)
    converged = False
    for _ in range(_MAX_ITER):
        t = root_propose(root)
        f = pu.coupling_residual(g, w, u, tab, t, kiln, n_kgas, meals, gases, s)
        if not np.isfinite(f):  # an unsolvable gap inside the bracket: no consistent state
            return INFEASIBLE
        if root_update(root, t, f, 1e-12 * t, 1e-10):
            converged = True
            break
    if not converged:
        return NOT_CONVERGED
    t_sa = root_best(root)
    if not np.isfinite(pu.coupling_residual(g, w, u, tab, t_sa, kiln, n_kgas, meals, gases, s)):
        return NOT_CONVERGED
    return _report(g, w, u, tab, kiln, n_kgas, meals, gases, s, out, prof)


@njit(cache=True)
def burning_zone_balance(p: np.ndarray, secondary_air_temp: float, kiln: np.ndarray, n_gas: np.ndarray) -> int:
    """Lumped energy balance of the kiln for a given secondary-air temperature.

    The hot meal (``kiln_feed_calcination``, at ``calciner_exit_temp``) becomes clinker
    at ``clinker_discharge_temp`` (the residual CaCO3 calcines, the oxides combine with
    the heat of :func:`kernels.meal.combination_heat`); the kiln fuel burns with primary
    air (ambient) and secondary air (``secondary_air_temp``) at ``kiln_excess_air``; the
    gas leaves at ``kiln_inlet_gas_temp``; the shell loses ``kiln_shell_loss``. The
    balance is linear in the fuel flow, which is returned with the other kiln results.

    Parameters
    ----------
    p : (len(PARAMS),) line parameters
    secondary_air_temp : float
        K.
    kiln : (N_KILN,) output: kiln results, indexed by the ``K_*`` constants
    n_gas : (thermo.N_SPECIES,) output: kiln exit gas, mol/s

    Returns
    -------
    Status code; ``INFEASIBLE`` when no positive fuel flow closes the balance.
    """
    kiln[:] = np.nan
    n_gas[:] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(pu.N_G)
    w = np.zeros(ck.N_OXIDES)
    u = np.zeros(sf.N_U)
    tab = np.zeros((3, th.N_SPECIES))
    _setup(p, g, w, u, tab)
    meals = np.empty((pu.N_M, ml.N_COMP))
    return pu.burning_zone(g, w, u, tab, secondary_air_temp, kiln, n_gas, meals)


@njit(cache=True)
def kiln_feed(p: np.ndarray, kiln_fuel_ash: float, c_out: np.ndarray) -> int:
    """Hot meal a kiln receives from cyclone 5, kg/s of :mod:`kernels.meal` components.

    Raw meal for the clinker (trimmed for all fuel ash), without its bound water and
    moisture, calcined to ``kiln_feed_calcination`` (all MgCO3), plus the calciner fuel
    ash, at ``calciner_exit_temp``. It depends on the kiln fuel only through the kiln
    fuel's ash ``kiln_fuel_ash`` (kg/s), which the kiln itself adds. For a coupled kiln.
    """
    c_out[:] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    g = np.empty(pu.N_G)
    w = np.zeros(ck.N_OXIDES)
    u = np.zeros(sf.N_U)
    tab = np.zeros((3, th.N_SPECIES))
    _setup(p, g, w, u, tab)
    meals = np.empty((pu.N_M, ml.N_COMP))
    pu.meal_streams(g, w, kiln_fuel_ash, 0.0, meals)
    for j in range(ml.N_COMP):
        c_out[j] = meals[pu.M_HOT, j]
    return OK


@njit(cache=True)
def line_around_kiln(p: np.ndarray, kiln: np.ndarray, n_kiln_gas: np.ndarray, out: np.ndarray,
                     prof: np.ndarray) -> int:
    """Calciner, preheater and cooler around a kiln whose own results are given.

    This is the coupling point for the 1-D kiln model: the kiln takes the hot meal of
    the parameters (``kiln_feed_calcination`` at ``calciner_exit_temp``, composition of
    the raw meal for the clinker less the kiln fuel ash) and the secondary air at
    ``kiln[K_SECONDARY_AIR_TEMP]``, and reports its fuel, air, pure O2, exit gas, clinker
    temperature, clinker enthalpies (at discharge, cooler exit, ambient and 298.15 K, so
    the cooler and the heat split use the kiln's own clinker: phases, free lime, residual
    carbonate) and shell loss in ``kiln`` (``K_*`` indices) and ``n_kiln_gas``. The
    outputs are those of :func:`solve`; ``secondary_air_temp`` is what the cooler
    delivers for the kiln's air flows, and ``secondary_air_mismatch`` the difference the
    coupling iteration has to drive to zero. The energy, mass and element residuals
    cover the whole line, the kiln's balance included.

    Parameters
    ----------
    p : (len(PARAMS),) line parameters (the kiln-side ones are not used)
    kiln : (N_KILN,) kiln results
    n_kiln_gas : (thermo.N_SPECIES,) kiln exit gas, mol/s, at ``kiln[K_GAS_TEMP]``
    out, prof : as for :func:`solve`

    Returns
    -------
    Status code.
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    for i in range(N_KILN):
        if not np.isfinite(kiln[i]):
            return BAD_INPUT
    for k in range(th.N_SPECIES):
        if not np.isfinite(n_kiln_gas[k]) or n_kiln_gas[k] < 0.0:
            return BAD_INPUT
    g = np.empty(pu.N_G)
    w = np.zeros(ck.N_OXIDES)
    u = np.zeros(sf.N_U)
    tab = np.zeros((3, th.N_SPECIES))
    _setup(p, g, w, u, tab)
    meals = np.empty((pu.N_M, ml.N_COMP))
    gases = np.empty((3, th.N_SPECIES))
    s = np.empty(pu.N_S)
    status = pu.line(g, w, u, tab, kiln, n_kiln_gas, meals, gases, s)
    if status != OK:
        return status
    return _report(g, w, u, tab, kiln, n_kiln_gas, meals, gases, s, out, prof)


@njit(cache=True, parallel=True)
def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Solve many scenarios, one row of P each, in parallel over rows.

    P : (n, len(PARAMS)); OUT : (n, len(OUTPUTS)); PROF : (n, len(PROFILES), N_CELL);
    STATUS : (n,) int8. A failing row gets its status and NaN results; others go on.
    """
    for i in prange(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])


@njit(cache=True, nogil=True)
def solve_batch_serial(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Serial, GIL-free twin of :func:`solve_batch` for Dask workers and nested calls."""
    for i in range(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])


def format_heat_balance(out: np.ndarray) -> str:
    """The heat balance of a solved line as a small text table, MJ per t clinker (plain Python)."""
    names = {o.name: i for i, o in enumerate(OUTPUTS)}
    q_fuel = out[O_SPECIFIC_HEAT_CONSUMPTION]
    q_in = q_fuel + out[O_HEAT_INPUT_SENSIBLE]
    lines = [f"{'heat input':32s}{q_in / 1e3:9.1f} MJ/t  100.0 %",
             f"{'  fuel (LHV)':32s}{q_fuel / 1e3:9.1f} MJ/t  {100 * q_fuel / q_in:5.1f} %",
             f"{'  sensible heat of inputs':32s}{out[O_HEAT_INPUT_SENSIBLE] / 1e3:9.1f} MJ/t"]
    total = 0.0
    for name in HEAT_SPLIT:
        v = out[names[name]]
        total += v
        lines.append(f"{'  ' + name:32s}{v / 1e3:9.1f} MJ/t  {100 * v / q_in:5.1f} %")
    lines.append(f"{'  sum of the split':32s}{total / 1e3:9.1f} MJ/t  (residual {out[O_ENERGY_RESIDUAL]:.1e})")
    return "\n".join(lines)


# =========================================================================== helpers
@njit(cache=True)
def _check_inputs(p: np.ndarray) -> int:
    if p.size != len(_LOW):
        return BAD_INPUT
    for i in range(p.size):
        if not np.isfinite(p[i]):
            return BAD_INPUT
        if p[i] < _LOW[i] or p[i] > _HIGH[i]:
            return OUT_OF_RANGE
    oxides = 0.0
    for i in range(I_CLINKER_W_CAO, I_CLINKER_W_NA2O + 1):
        oxides += p[i]
    fuel = 0.0
    for i in range(I_FUEL_W_C, I_FUEL_W_ASH + 1):
        fuel += p[i]
    if (oxides > 1.0 or abs(fuel - 1.0) > 1e-3
            or p[I_CALCINER_EXIT_TEMP] >= p[I_KILN_INLET_GAS_TEMP]
            or p[I_RAW_MEAL_TEMP] >= p[I_CALCINER_EXIT_TEMP] - p[I_PREHEATER_APPROACH]
            or p[I_CLINKER_OUT_TEMP] >= p[I_CLINKER_DISCHARGE_TEMP]
            or p[I_AMBIENT_TEMP] >= p[I_CLINKER_OUT_TEMP]):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _setup(p, g, w, u, tab) -> None:
    """Per-scenario constants: compositions, fuel and air per kg fuel, losses in W."""
    m_clk = p[I_CLINKER_RATE]
    w[ck.CAO] = p[I_CLINKER_W_CAO]
    w[ck.SIO2] = p[I_CLINKER_W_SIO2]
    w[ck.AL2O3] = p[I_CLINKER_W_AL2O3]
    w[ck.FE2O3] = p[I_CLINKER_W_FE2O3]
    w[ck.MGO] = p[I_CLINKER_W_MGO]
    w[ck.SO3] = p[I_CLINKER_W_SO3]
    w[ck.K2O] = p[I_CLINKER_W_K2O]
    w[ck.NA2O] = p[I_CLINKER_W_NA2O]
    fsum = 0.0
    for i in range(sf.N_U):
        fsum += p[I_FUEL_W_C + i]
    for i in range(sf.N_U):
        u[i] = p[I_FUEL_W_C + i] / fsum
    x_air = tab[pu.R_AIR]
    cb.humid_air(p[I_RELATIVE_HUMIDITY], p[I_AMBIENT_TEMP], p[I_PRESSURE], x_air)
    sf.flue_per_kg(u, x_air, p[I_KILN_EXCESS_AIR], tab[pu.R_FLUE_K])
    sf.flue_per_kg(u, x_air, p[I_CALCINER_EXCESS_AIR], tab[pu.R_FLUE_C])
    g[pu.G_M_CLK] = m_clk
    g[pu.G_T_AMB] = p[I_AMBIENT_TEMP]
    g[pu.G_T_FEED] = p[I_RAW_MEAL_TEMP]
    g[pu.G_T_CALC] = p[I_CALCINER_EXIT_TEMP]
    g[pu.G_T_KI] = p[I_KILN_INLET_GAS_TEMP]
    g[pu.G_T_CE] = p[I_CLINKER_DISCHARGE_TEMP]
    g[pu.G_T_CO] = p[I_CLINKER_OUT_TEMP]
    g[pu.G_X] = p[I_KILN_FEED_CALCINATION]
    g[pu.G_APP] = p[I_PREHEATER_APPROACH]
    g[pu.G_ETA1] = p[I_TOP_CYCLONE_EFFICIENCY]
    g[pu.G_LHV] = p[I_FUEL_LHV]
    g[pu.G_CP_FUEL] = p[I_FUEL_CP]
    g[pu.G_T_FUEL] = p[I_FUEL_TEMP]
    g[pu.G_H_FUEL] = sf.enthalpy(u, p[I_FUEL_LHV], ml.h_ash(w, th.T_REF), p[I_FUEL_CP], p[I_FUEL_TEMP])
    g[pu.G_ASH] = u[sf.U_ASH]
    g[pu.G_AIR_K] = sf.air_per_kg(u, x_air, p[I_KILN_EXCESS_AIR])
    g[pu.G_AIR_C] = sf.air_per_kg(u, x_air, p[I_CALCINER_EXCESS_AIR])
    g[pu.G_PFRAC] = p[I_PRIMARY_AIR_FRACTION]
    g[pu.G_M_AIR] = th.molar_mass_mix(x_air)
    g[pu.G_Q_COMB] = ml.combination_heat(w)
    g[pu.G_Q_KS] = p[I_KILN_SHELL_LOSS] * m_clk
    g[pu.G_Q_CS] = p[I_CALCINER_SHELL_LOSS] * m_clk
    g[pu.G_Q_PS] = 0.25 * p[I_PREHEATER_SHELL_LOSS] * m_clk
    g[pu.G_Q_CO] = p[I_COOLER_SHELL_LOSS] * m_clk
    g[pu.G_N_CA] = p[I_COOLER_AIR] * m_clk / g[pu.G_M_AIR]
    g[pu.G_ETA_REC] = p[I_COOLER_RECUPERATION]
    g[pu.G_DT_TA] = p[I_TERTIARY_AIR_TEMP_DROP]
    g[pu.G_MOIST] = p[I_RAW_MEAL_MOISTURE] / (1.0 - p[I_RAW_MEAL_MOISTURE])
    g[pu.G_P] = p[I_PRESSURE]
    g[pu.G_FC] = p[I_CACO3_SHARE]
    g[pu.G_FM] = p[I_MGCO3_SHARE]
    g[pu.G_BW] = p[I_BOUND_WATER]


@njit(cache=True)
def _report(g, w, u, tab, kiln, n_kgas, meals, gases, s, out, prof) -> int:
    """Cooler exhaust, boundary balances, heat split and outputs of a solved line."""
    t0 = th.T_REF
    m_clk = g[pu.G_M_CLK]
    m_fc = s[pu.S_M_FC]
    if not (m_fc >= 0.0):
        return INFEASIBLE
    x_air = tab[pu.R_AIR]
    t_amb = g[pu.G_T_AMB]
    app = g[pu.G_APP]
    t_ce = kiln[K_CLINKER_TEMP]
    n_pa = kiln[K_PRIMARY_AIR]
    n_sa = kiln[K_SECONDARY_AIR]
    n_ta = s[pu.S_N_TA]
    n_ca = g[pu.G_N_CA]
    n_vent = n_ca - n_sa - n_ta
    if not (n_vent > 0.0) or s[pu.S_T_SA] > t_ce:
        return INFEASIBLE
    h_amb = pu.h_air(tab, t_amb)
    h_clk_out = kiln[K_CLINKER_H_OUT]  # W, clinker leaving the cooler
    h_vent = (kiln[K_CLINKER_H_DISCHARGE] - h_clk_out + n_ca * h_amb - n_sa * pu.h_air(tab, s[pu.S_T_SA])
              - n_ta * pu.h_air(tab, s[pu.S_T_TA]) - g[pu.G_Q_CO])
    n_v = np.empty(th.N_SPECIES)
    for k in range(th.N_SPECIES):
        n_v[k] = n_vent * x_air[k]
    t_vent = th.temperature_from_h(n_v, h_vent, t_amb + 100.0)
    if not (t_vent >= t_amb - 1e-6):
        return INFEASIBLE

    # boundary streams
    feed = meals[pu.M_FEED]
    dust = meals[pu.M_DUST]
    n_exh = gases[pu.N_STAGE1]
    t1 = s[pu.S_T1]
    t_exh = t1 + app
    fuel_heat = kiln[K_FUEL_HEAT] + m_fc * g[pu.G_LHV]
    h_fuel_c = m_fc * g[pu.G_H_FUEL]
    q_shell = kiln[K_SHELL_LOSS] + g[pu.G_Q_CS] + 4.0 * g[pu.G_Q_PS] + g[pu.G_Q_CO]
    n_o2 = kiln[K_OXYGEN]
    h_o2 = n_o2 * th.h_species(ml.GAS[ml.GAS_O2], t_amb) if n_o2 > 0.0 else 0.0
    m_co2 = th.MOLAR_MASS[th.CO2]
    h_in = (ml.h_meal(feed, g[pu.G_T_FEED]) + kiln[K_FUEL_ENTHALPY] + h_fuel_c + (n_pa + n_ca) * h_amb + h_o2)
    h_out = (th.h_mix(n_exh, t_exh) + ml.h_meal(dust, t1) + h_clk_out + h_vent + q_shell)
    m_fuel = kiln[K_FUEL_FLOW] + m_fc

    # mass
    mass_in = n_o2 * th.MOLAR_MASS[th.O2]
    mass_out = m_clk + kiln[K_CLINKER_CO2] * m_co2
    for j in range(ml.N_COMP):
        mass_in += feed[j]
        mass_out += dust[j]
    mass_in += m_fuel + (n_pa + n_ca) * g[pu.G_M_AIR]
    for k in range(th.N_SPECIES):
        mass_out += (n_exh[k] + n_v[k]) * th.MOLAR_MASS[k]

    # elements and oxide units
    e_in = np.zeros(ml.N_E)
    e_out = np.zeros(ml.N_E)
    ml.add_meal_elements(feed, 1.0, e_in)
    e_in[ml.E_C] += kiln[K_FUEL_C]
    e_in[ml.E_H] += kiln[K_FUEL_H]
    e_in[ml.E_O] += kiln[K_FUEL_O]
    e_in[ml.E_N] += kiln[K_FUEL_N]
    e_in[ml.E_S] += kiln[K_FUEL_S]
    pu.add_fuel_elements(u, m_fc, e_in)
    ml.add_ash_elements(w, kiln[K_FUEL_ASH] + m_fc * g[pu.G_ASH], 1.0, e_in)
    ml.add_gas_elements(x_air, n_pa + n_ca, e_in)
    e_in[ml.E_O] += 2.0 * n_o2
    e_out[ml.E_C] += kiln[K_CLINKER_CO2]
    e_out[ml.E_O] += 2.0 * kiln[K_CLINKER_CO2]
    ml.add_gas_elements(n_exh, 1.0, e_out)
    ml.add_gas_elements(n_v, 1.0, e_out)
    ml.add_meal_elements(dust, 1.0, e_out)
    ml.add_clinker_elements(w, m_clk, 1.0, e_out)
    # relative to each entry's input, floored at 1e-9 of its group (atoms / oxide units)
    atoms = 0.0
    units = 0.0
    for i in range(ml.N_E):
        if i < ml.E_CAO:
            atoms += e_in[i]
        else:
            units += e_in[i]
    e_res = 0.0
    for i in range(ml.N_E):
        floor = 1e-9 * (atoms if i < ml.E_CAO else units)
        e_res = max(e_res, abs(e_in[i] - e_out[i]) / max(e_in[i], floor))

    # heat split, datum 298.15 K
    raw = meals[pu.M_RAW]
    m_w = th.MOLAR_MASS[th.H2O]
    ash_total = kiln[K_FUEL_ASH] + m_fc * g[pu.G_ASH]
    co2_proc = s[pu.S_CO2_CALC] + s[pu.S_CO2_KILN] - kiln[K_CLINKER_CO2]
    sens_in = (ml.h_meal(feed, g[pu.G_T_FEED]) - ml.h_meal(feed, t0) + kiln[K_FUEL_SENSIBLE]
               + m_fc * g[pu.G_CP_FUEL] * (g[pu.G_T_FUEL] - t0) + (n_pa + n_ca) * (h_amb - pu.h_air(tab, t0)))
    if n_o2 > 0.0:
        sens_in += n_o2 * (th.h_species(ml.GAS[ml.GAS_O2], t_amb) - th.h_species(ml.GAS[ml.GAS_O2], t0))
    reaction = (kiln[K_CLINKER_H_REF] + co2_proc * th.h_species(ml.GAS[ml.GAS_CO2], t0)
                + raw[ml.C_H2O_BOUND] * ml.h_component(ml.C_H2O_BOUND, t0)
                - ml.h_meal(raw, t0) - ash_total * ml.h_ash(w, t0))
    moisture = feed[ml.C_H2O_LIQ] * (th.h_species(ml.GAS[ml.GAS_H2O], t0) / m_w - ml.h_component(ml.C_H2O_LIQ, t0))

    # outputs
    out[O_SPECIFIC_HEAT_CONSUMPTION] = fuel_heat / m_clk
    out[O_FUEL_INPUT] = m_fuel
    out[O_KILN_FUEL_FLOW] = kiln[K_FUEL_FLOW]
    out[O_CALCINER_FUEL_FLOW] = m_fc
    out[O_CALCINER_FUEL_FRACTION] = m_fc * g[pu.G_LHV] / fuel_heat
    out[O_FUEL_HEAT_INPUT] = fuel_heat
    feed_mass = 0.0
    raw_mass = 0.0
    hot_mass = 0.0
    dust_mass = 0.0
    for j in range(ml.N_COMP):
        feed_mass += feed[j]
        raw_mass += raw[j]
        hot_mass += meals[pu.M_HOT, j]
        dust_mass += dust[j]
    out[O_RAW_MEAL_FEED] = feed_mass
    out[O_RAW_MEAL_FACTOR] = raw_mass / m_clk
    loi = (raw[ml.C_CACO3] / sd.MOLAR_MASS_SOLID[sd.CACO3] + raw[ml.C_MGCO3] / sd.MOLAR_MASS_SOLID[
        sd.MGCO3]) * th.MOLAR_MASS[th.CO2] + raw[ml.C_H2O_BOUND]
    out[O_RAW_MEAL_LOI] = loi / raw_mass
    out[O_HOT_MEAL_FLOW] = hot_mass
    out[O_DUST_FLOW] = dust_mass
    out[O_PRIMARY_AIR_FLOW] = n_pa * g[pu.G_M_AIR]
    out[O_SECONDARY_AIR_FLOW] = n_sa * g[pu.G_M_AIR]
    out[O_TERTIARY_AIR_FLOW] = n_ta * g[pu.G_M_AIR]
    out[O_COOLER_EXHAUST_FLOW] = n_vent * g[pu.G_M_AIR]
    out[O_SECONDARY_AIR_TEMP] = s[pu.S_T_SA]
    out[O_TERTIARY_AIR_TEMP] = s[pu.S_T_TA]
    out[O_COOLER_EXHAUST_TEMP] = t_vent
    out[O_SECONDARY_AIR_MISMATCH] = kiln[K_SECONDARY_AIR_TEMP] - s[pu.S_T_SA]
    out[O_PREHEATER_EXIT_TEMP] = t_exh
    exh_mass = 0.0
    exh_mol = 0.0
    for k in range(th.N_SPECIES):
        exh_mass += n_exh[k] * th.MOLAR_MASS[k]
        exh_mol += n_exh[k]
    out[O_PREHEATER_EXIT_FLOW] = exh_mass
    out[O_PREHEATER_EXIT_VOLUME] = exh_mol * _STP_VOLUME / m_clk
    out[O_PREHEATER_EXIT_O2_DRY] = n_exh[th.O2] / (exh_mol - n_exh[th.H2O])
    kg_mol = 0.0
    for k in range(th.N_SPECIES):
        kg_mol += n_kgas[k]
    out[O_KILN_INLET_O2_DRY] = n_kgas[th.O2] / (kg_mol - n_kgas[th.H2O])
    n_c = gases[pu.N_CALC]
    nc_mol = 0.0
    for k in range(th.N_SPECIES):
        nc_mol += n_c[k]
    x_co2 = n_c[th.CO2] / nc_mol
    out[O_CALCINER_EXIT_CO2] = x_co2
    out[O_CALCINER_EQUILIBRIUM_TEMP] = ck.calcination_equilibrium_temperature(x_co2 * g[pu.G_P])
    out[O_THEORETICAL_HEAT] = reaction / m_clk
    out[O_THEORETICAL_HEAT_ZUR_STRASSEN] = ck.theoretical_heat_zur_strassen(w)
    out[O_HEAT_INPUT_SENSIBLE] = sens_in / m_clk
    out[O_LOSS_EXHAUST_GAS] = (th.h_mix(n_exh, t_exh) - th.h_mix(n_exh, t0)) / m_clk
    out[O_LOSS_DUST] = (ml.h_meal(dust, t1) - ml.h_meal(dust, t0)) / m_clk
    out[O_LOSS_COOLER_EXHAUST] = (h_vent - th.h_mix(n_v, t0)) / m_clk
    out[O_LOSS_CLINKER] = (h_clk_out - kiln[K_CLINKER_H_REF]) / m_clk
    out[O_LOSS_SHELL] = q_shell / m_clk
    out[O_LOSS_MOISTURE] = moisture / m_clk
    out[O_PROCESS_CO2] = co2_proc * m_co2 / m_clk
    out[O_FUEL_CO2] = (kiln[K_FUEL_C] + m_fc * u[sf.U_C] / th.ATOMIC_WEIGHT[th.EL_C]) * m_co2 / m_clk
    out[O_CO2_EMISSIONS] = (n_exh[th.CO2] - (n_pa + n_sa + n_ta) * x_air[th.CO2]) * m_co2
    out[O_ENERGY_RESIDUAL] = (h_in - h_out) / fuel_heat
    out[O_MASS_RESIDUAL] = (mass_in - mass_out) / mass_in
    out[O_ELEMENT_RESIDUAL] = e_res

    # stage profiles, cell 0 = cyclone 1
    prof[F_T_MEAL, 0] = s[pu.S_T1]
    prof[F_T_MEAL, 1] = s[pu.S_T2]
    prof[F_T_MEAL, 2] = s[pu.S_T3]
    prof[F_T_MEAL, 3] = s[pu.S_T4]
    prof[F_T_MEAL, 4] = g[pu.G_T_CALC]
    for i in range(4):
        prof[F_T_GAS, i] = prof[F_T_MEAL, i] + app
        prof[F_CALCINATION, i] = 0.0
    prof[F_T_GAS, 4] = g[pu.G_T_CALC]
    prof[F_CALCINATION, 4] = g[pu.G_X]
    return OK
