"""Cement line: the 1-D rotary kiln inside the precalciner pyro-line, coupled by its secondary air.

:mod:`kernels.kiln` (gas / bed / wall finite volumes, clinker chemistry, coal and
alternative-fuel burner) replaces the lumped burning zone of :mod:`kernels.pyroline`:
the kiln takes the hot meal of cyclone 5 and secondary air from the grate cooler, the
line takes the kiln's exit gas into the calciner and its clinker into the cooler
(:func:`kernels.pyroline.line_around_kiln`). The two are iterated until the secondary
air the kiln was solved with is the air the cooler delivers for the kiln's air flow and
clinker (``secondary_air_mismatch`` driven to zero).

Model
-----
1. Line parameters as :mod:`kernels.pyroline` (clinker, raw meal, fuel of the calciner,
   air, preheater, cooler), without the three set by the 1-D kiln (kiln-inlet gas
   temperature, clinker discharge temperature, kiln shell loss); kiln parameters as
   :mod:`kernels.kiln` (geometry, bed, lining, flame, kinetics) with defaults for a
   4000 t/d precalciner kiln (62 m x 4.0 m inside the lining, 3.8 rpm, 2.0 deg slope,
   Kramers bed depth, 220 mm magnesia-spinel lining).
2. Kiln inputs from the line: hot meal (:func:`kernels.pyroline.kiln_feed`, calcined to
   ``kiln_feed_calcination`` at ``calciner_exit_temp``, trimmed for all fuel ash); the
   kiln burner fires the line's fuel (coal) and, with the heat share
   ``kiln_alt_fuel_share``, an alternative fuel (``alt_fuel_*``); their ash joins the
   bed in the clinker's acidic proportions; air for ``kiln_excess_air``, of which
   ``primary_air_fraction`` cold primary air, the rest secondary air from the cooler, and
   the share ``oxygen_enrichment`` of the oxygen as pure O2 (ambient temperature).
3. Kiln fuel: ``kiln_fuel_control`` 0 fires ``kiln_fuel_heat`` per kg clinker (LHV);
   1 finds the kiln fuel whose bed reaches ``burning_zone_temp`` (the hottest material
   in the kiln), as an operator does.
4. Coupling: for a secondary-air temperature ``T`` the kiln is solved (warm-started from
   the previous solution) and the line around it; ``f(T) = T - T_cooler(T)`` is driven
   to zero by secant steps (|f| < 1e-7 K), the first step being the fixed-point step
   ``T_cooler(T)``. With ``kiln_fuel_control`` 1 the kiln fuel is found by secant steps
   for every ``T``. The kiln's clinker (phases, free lime, residual carbonate) passes
   into the cooler with its own enthalpies (``K_CLINKER_H_*`` of the kiln vector).
5. Reported: specific heat consumption (fuel LHV per kg clinker), the heat split of
   :mod:`kernels.pyroline` (theoretical heat of the actual clinker, exhaust gas, dust,
   cooler exhaust, clinker, shell of kiln + calciner + preheater + cooler, moisture),
   CO2 per kg clinker from the raw meal (process), the fuels and the electricity
   (``electricity`` x ``grid_co2_factor``), kiln temperatures, the clinker phases, and
   energy, mass and element residuals of the whole line with the kiln inside.

Left out: everything :mod:`kernels.pyroline` and :mod:`kernels.kiln` leave out (bypass,
dust cycles, CO and NOx, false air, melt heat, luminous flame radiation); a separate
calciner alternative fuel (the calciner burns the line's fuel); heat of the phase
changes during cooling (the clinker keeps its phases through the cooler).

References
----------
.. [1] See :mod:`kernels.pyroline` (line balances, VDZ 2002, Peray 1986, ECRA/CSI 2017)
   and :mod:`kernels.kiln` (1-D kiln, Barr et al. 1989, Mastorakos et al. 1999).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from kernels import clinker as ck
from kernels import combustion as cb
from kernels import kiln as k
from kernels import meal as ml
from kernels import pyroline as pl
from kernels import pyroline_units as pu
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
    bounds,
    defaults,
)
from kernels.kiln import (  # noqa: F401 (re-exported: PROFILES is the kiln's)
    F_BED_DEPTH,
    F_BED_TIME,
    F_BED_X_AL2O3,
    F_BED_X_C2S,
    F_BED_X_C3A,
    F_BED_X_C3S,
    F_BED_X_C4AF,
    F_BED_X_CACO3,
    F_BED_X_CAO,
    F_BED_X_FE2O3,
    F_BED_X_H2O,
    F_BED_X_MGO,
    F_BED_X_MINOR,
    F_BED_X_SIO2,
    F_BURNOUT,
    F_FILL,
    F_GAS_EMISSIVITY,
    F_GAS_Y_CO2,
    F_GAS_Y_H2O,
    F_GAS_Y_O2,
    F_MELT_FRACTION,
    F_Q_BED,
    F_Q_SHELL,
    F_T_BED,
    F_T_GAS,
    F_T_SHELL,
    F_T_WALL,
    F_Z,
)
from kernels.kiln_solids import B_CACO3, BED_MOLAR_MASS, N_BED, bed_enthalpy_flow

N_CELL = k.N_CELL

#: pyro-line parameters the 1-D kiln determines (not parameters of the cement line).
LINE_PARAMS_SET_BY_KILN = ("kiln_inlet_gas_temp", "clinker_discharge_temp", "kiln_shell_loss")

#: Kiln parameters passed through, with defaults for a 4000 t/d precalciner kiln: 62 m x
#: 4.0 m inside a 220 mm magnesia-spinel lining (k ~ 2.2 W/(m K)), 30 mm shell, 2.0 deg
#: slope, 3.8 rpm, Kramers bed depth (fill ~6 %, residence ~22 min; Sullivan's formula gives
#: 21 min), clinker nodules 5 mm, coal flame over 30 m (typical dimensions: VDZ 2002;
#: Peray 1986).
KILN_DEFAULTS = {
    "length": 62.0, "inner_radius": 2.0, "slope": 0.035, "rotation_speed": 0.40, "bed_model": 1.0,
    "fill_fraction": 0.10, "repose_angle": 0.61, "dam_height": 0.0, "particle_diameter": 0.005,
    "bulk_density": 1400.0, "solid_density": 3000.0, "solid_conductivity": 2.0, "contact_resistance": 0.1,
    "bed_emissivity": 0.9, "wall_emissivity": 0.85, "shell_emissivity": 0.9, "coating_thickness": 0.0,
    "coating_conductivity": 1.0, "refractory_thickness": 0.22, "refractory_k0": 2.2, "refractory_k1": 0.0,
    "refractory_density": 2800.0, "refractory_cp": 1000.0, "shell_thickness": 0.03, "shell_conductivity": 50.0,
    "wind_speed": 2.0, "flame_length": 30.0,
    "calcination_pre_exp": None, "calcination_activation_energy": None, "belite_pre_exp": None,
    "belite_activation_energy": None, "alite_pre_exp": None, "alite_activation_energy": None,
    "aluminate_pre_exp": None, "aluminate_activation_energy": None, "ferrite_pre_exp": None,
    "ferrite_activation_energy": None,
}  # None: the kiln's own default

_KILN_BY_NAME = {row.name: row for row in k.PARAMS}
_ALT = {row.name: row for row in k.PARAMS if row.name.startswith("alt_fuel_w_") or row.name == "alt_fuel_lhv"}

PARAMS = (
    tuple(row for row in pl.PARAMS if row.name not in LINE_PARAMS_SET_BY_KILN)
    + tuple(_KILN_BY_NAME[name] if value is None else _KILN_BY_NAME[name]._replace(default=value)
            for name, value in KILN_DEFAULTS.items())
    + (
        Param("kiln_fuel_control", "1", 0.0, 0.0, 1.0,
              "0: kiln fuel from kiln_fuel_heat; 1: kiln fuel for the burning_zone_temp"),
        Param("kiln_fuel_heat", "J/kg", 6.0e5, 5.0e4, 3.0e6,
              "kiln fuel heat (LHV) per kg clinker (kiln_fuel_control 0)"),
        Param("burning_zone_temp", "K", 1723.15, 1573.15, 1873.15,
              "hottest material temperature in the kiln to fire for (kiln_fuel_control 1)"),
        Param("kiln_alt_fuel_share", "1", 0.0, 0.0, 1.0, "share of the kiln fuel heat (LHV) from the alternative fuel"),
    )
    + tuple(_ALT.values())
    + (
        Param("oxygen_enrichment", "1", 0.0, 0.0, 0.5, "share of the kiln burner oxygen supplied as pure O2"),
        Param("electricity", "J/kg", 1.08e5, 0.0, 5.0e5,
              "electricity of the pyro-line (fans, kiln drive, cooler) per kg clinker (30 kWh/t = 1.08e5 J/kg)"),
        Param("grid_co2_factor", "kg/J", 1.1111e-7, 0.0, 3.0e-7,
              "CO2 per unit of electricity, scope 2 (0.4 kg/kWh = 1.11e-7 kg/J)"),
    )
)

OUTPUTS = (
    Output("specific_heat_consumption", "J/kg", "fuel heat (LHV) of kiln and calciner per kg clinker"),
    Output("kiln_fuel_heat", "J/kg", "kiln fuel heat (LHV) per kg clinker"),
    Output("kiln_fuel_fraction", "1", "kiln share of the fuel heat"),
    Output("fuel_input", "kg/s", "total fuel mass flow to kiln and calciner, all fuels"),
    Output("fuel_heat_input", "W", "fuel heat input of kiln and calciner, LHV basis"),
    Output("kiln_coal_flow", "kg/s", "line fuel (coal) to the kiln burner"),
    Output("kiln_alt_fuel_flow", "kg/s", "alternative fuel to the kiln burner"),
    Output("calciner_fuel_flow", "kg/s", "line fuel to the calciner"),
    Output("oxygen_flow", "kg/s", "pure O2 to the kiln burner"),
    Output("kiln_feed_flow", "kg/s", "hot meal from cyclone 5 into the kiln (calciner fuel ash included)"),
    Output("secondary_air_temp", "K", "secondary air temperature, kiln and cooler consistent"),
    Output("tertiary_air_temp", "K", "tertiary air temperature delivered by the cooler"),
    Output("secondary_air_flow", "kg/s", "secondary air from the cooler to the kiln"),
    Output("tertiary_air_flow", "kg/s", "tertiary air from the cooler to the calciner"),
    Output("cooler_exhaust_temp", "K", "temperature of the cooler exhaust air"),
    Output("kiln_inlet_gas_temp", "K", "gas temperature at the kiln inlet (leaving the kiln)"),
    Output("kiln_inlet_o2_dry", "1", "O2 mole fraction of the dry kiln-inlet gas"),
    Output("burning_zone_temp", "K", "hottest material (bed) temperature in the kiln"),
    Output("clinker_discharge_temp", "K", "clinker temperature leaving the kiln into the cooler"),
    Output("flame_temp", "K", "hottest gas temperature in the kiln"),
    Output("shell_max_temp", "K", "hottest kiln shell temperature"),
    Output("preheater_exit_temp", "K", "gas temperature leaving cyclone 1"),
    Output("heat_input_sensible", "J/kg", "sensible heat of feed, fuel and air above 298.15 K per kg clinker"),
    Output("theoretical_heat", "J/kg", "heat of formation of the actual clinker at 298.15 K per kg clinker"),
    Output("loss_exhaust_gas", "J/kg", "sensible heat of the preheater exit gas above 298.15 K per kg clinker"),
    Output("loss_dust", "J/kg", "sensible heat of the exhaust dust per kg clinker"),
    Output("loss_cooler_exhaust", "J/kg", "sensible heat of the cooler exhaust air per kg clinker"),
    Output("loss_clinker", "J/kg", "sensible heat of the clinker leaving the cooler per kg clinker"),
    Output("loss_shell", "J/kg", "shell and wall losses of kiln, calciner, preheater and cooler per kg clinker"),
    Output("loss_kiln_shell", "J/kg", "kiln shell loss per kg clinker (part of loss_shell)"),
    Output("loss_moisture", "J/kg", "evaporation of the feed moisture at 298.15 K per kg clinker"),
    Output("process_co2", "1", "CO2 from the raw meal carbonates, kg per kg clinker"),
    Output("fuel_co2", "1", "CO2 from the carbon of all fuels, kg per kg clinker"),
    Output("electricity_co2", "1", "CO2 of the electricity (electricity x grid_co2_factor), kg per kg clinker"),
    Output("total_co2", "1", "process + fuel + electricity CO2, kg per kg clinker"),
    Output("co2_emissions", "kg/s", "CO2 released into the preheater exhaust: carbonates plus fuel carbon"),
    Output("clinker_c3s", "1", "alite (C3S) mass fraction of the clinker"),
    Output("clinker_c2s", "1", "belite (C2S) mass fraction of the clinker"),
    Output("clinker_c3a", "1", "aluminate (C3A) mass fraction of the clinker"),
    Output("clinker_c4af", "1", "ferrite (C4AF) mass fraction of the clinker"),
    Output("free_lime", "1", "free lime (CaO) mass fraction of the clinker"),
    Output("lime_saturation_factor", "1", "lime saturation factor of the clinker oxides"),
    Output("melt_max", "1", "largest Lea-Parker melt fraction of the kiln bed"),
    Output("melt_zone_time", "s", "time the material spends above the eutectic (1338 C)"),
    Output("residence_time", "s", "mean residence time of the solids in the kiln"),
    Output("energy_residual", "1", "energy balance residual of the line with the kiln, relative to the fuel heat"),
    Output("mass_residual", "1", "mass balance residual of the line with the kiln, relative to the mass input"),
    Output("element_residual", "1", "largest relative residual of the C, H, O, N, S, Ar and oxide balances"),
    Output("kiln_energy_residual", "1", "energy residual of the kiln alone, relative to its heat input"),
    Output("secondary_air_mismatch", "K", "secondary air temperature used by the kiln minus the cooler's"),
    Output("coupling_iterations", "1", "kiln solves of the coupling iteration"),
    Output("kiln_newton_iterations", "1", "Newton iterations of all kiln solves"),
)

PROFILES = k.PROFILES  # the profiles of the 1-D kiln
EMISSIONS = (
    Emission("process_co2", 1, "calcination of carbonates", per="clinker_rate",
             basis="carbonates of the raw meal (CaCO3, MgCO3) per kg clinker"),
    Emission("fuel_co2", 1, "fuel combustion", per="clinker_rate",
             basis="carbon of kiln and calciner fuels, all counted fossil"),
    Emission("electricity_co2", 2, "electricity", per="clinker_rate",
             basis="electricity x grid_co2_factor (fans, drives, mills of the line)"),
)
PRODUCT = Product("clinker_rate", "clinker")

#: Outputs that split the heat input (per kg clinker): the terms add up to
#: ``specific_heat_consumption + heat_input_sensible`` to within ``energy_residual``.
HEAT_SPLIT = ("theoretical_heat", "loss_exhaust_gas", "loss_dust", "loss_cooler_exhaust", "loss_clinker",
              "loss_shell", "loss_moisture")
COMPOSITION_GROUPS = (("fuel_w_", 1e-3), ("alt_fuel_w_", 1e-3))

# Index constants (kept in step with the tables by the contract tests).
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
    I_KILN_FEED_CALCINATION,
    I_CALCINER_EXIT_TEMP,
    I_PREHEATER_APPROACH,
    I_TOP_CYCLONE_EFFICIENCY,
    I_CALCINER_SHELL_LOSS,
    I_PREHEATER_SHELL_LOSS,
    I_COOLER_SHELL_LOSS,
    I_COOLER_AIR,
    I_COOLER_RECUPERATION,
    I_TERTIARY_AIR_TEMP_DROP,
    I_CLINKER_OUT_TEMP,
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
    I_WIND_SPEED,
    I_FLAME_LENGTH,
    I_CALCINATION_PRE_EXP,
    I_CALCINATION_ACTIVATION_ENERGY,
    I_BELITE_PRE_EXP,
    I_BELITE_ACTIVATION_ENERGY,
    I_ALITE_PRE_EXP,
    I_ALITE_ACTIVATION_ENERGY,
    I_ALUMINATE_PRE_EXP,
    I_ALUMINATE_ACTIVATION_ENERGY,
    I_FERRITE_PRE_EXP,
    I_FERRITE_ACTIVATION_ENERGY,
    I_KILN_FUEL_CONTROL,
    I_KILN_FUEL_HEAT,
    I_BURNING_ZONE_TEMP,
    I_KILN_ALT_FUEL_SHARE,
    I_ALT_FUEL_W_C,
    I_ALT_FUEL_W_H,
    I_ALT_FUEL_W_O,
    I_ALT_FUEL_W_N,
    I_ALT_FUEL_W_S,
    I_ALT_FUEL_W_H2O,
    I_ALT_FUEL_W_ASH,
    I_ALT_FUEL_LHV,
    I_OXYGEN_ENRICHMENT,
    I_ELECTRICITY,
    I_GRID_CO2_FACTOR,
) = range(93)
(
    O_SPECIFIC_HEAT_CONSUMPTION,
    O_KILN_FUEL_HEAT,
    O_KILN_FUEL_FRACTION,
    O_FUEL_INPUT,
    O_FUEL_HEAT_INPUT,
    O_KILN_COAL_FLOW,
    O_KILN_ALT_FUEL_FLOW,
    O_CALCINER_FUEL_FLOW,
    O_OXYGEN_FLOW,
    O_KILN_FEED_FLOW,
    O_SECONDARY_AIR_TEMP,
    O_TERTIARY_AIR_TEMP,
    O_SECONDARY_AIR_FLOW,
    O_TERTIARY_AIR_FLOW,
    O_COOLER_EXHAUST_TEMP,
    O_KILN_INLET_GAS_TEMP,
    O_KILN_INLET_O2_DRY,
    O_BURNING_ZONE_TEMP,
    O_CLINKER_DISCHARGE_TEMP,
    O_FLAME_TEMP,
    O_SHELL_MAX_TEMP,
    O_PREHEATER_EXIT_TEMP,
    O_HEAT_INPUT_SENSIBLE,
    O_THEORETICAL_HEAT,
    O_LOSS_EXHAUST_GAS,
    O_LOSS_DUST,
    O_LOSS_COOLER_EXHAUST,
    O_LOSS_CLINKER,
    O_LOSS_SHELL,
    O_LOSS_KILN_SHELL,
    O_LOSS_MOISTURE,
    O_PROCESS_CO2,
    O_FUEL_CO2,
    O_ELECTRICITY_CO2,
    O_TOTAL_CO2,
    O_CO2_EMISSIONS,
    O_CLINKER_C3S,
    O_CLINKER_C2S,
    O_CLINKER_C3A,
    O_CLINKER_C4AF,
    O_FREE_LIME,
    O_LIME_SATURATION_FACTOR,
    O_MELT_MAX,
    O_MELT_ZONE_TIME,
    O_RESIDENCE_TIME,
    O_ENERGY_RESIDUAL,
    O_MASS_RESIDUAL,
    O_ELEMENT_RESIDUAL,
    O_KILN_ENERGY_RESIDUAL,
    O_SECONDARY_AIR_MISMATCH,
    O_COUPLING_ITERATIONS,
    O_KILN_NEWTON_ITERATIONS,
) = range(52)

_LOW, _HIGH = bounds(PARAMS)
_NAMES = tuple(row.name for row in PARAMS)
#: For every pyro-line parameter, its index in the cement-line vector (-1: set by the kiln).
_LINE_INDEX = np.array([_NAMES.index(row.name) if row.name in _NAMES else -1 for row in pl.PARAMS], dtype=np.int64)
_LINE_DEFAULT = defaults(pl.PARAMS)
#: Kiln parameters taken from the cement-line vector: (kiln index, cement-line index) pairs.
_KILN_PASS = np.array([(i, _NAMES.index(row.name)) for i, row in enumerate(k.PARAMS) if row.name in _NAMES],
                      dtype=np.int64)
_KILN_DEFAULT = defaults(k.PARAMS)
_MAX_COUPLING = 60
_MAX_FUEL = 40
_TOL_T = 1.0e-7  # K, secondary-air mismatch
_TOL_BZ = 1.0e-6  # K, burning-zone temperature (kiln_fuel_control 1)
_T_SA_MIN = 400.0  # K, bounds of the secondary-air iteration
_T_SA_MAX = 1600.0


def check_consistency(values: dict[str, float]) -> list[str]:
    """Rules that tie parameters together, as messages naming the parameters.

    The rules of :func:`kernels.pyroline.check_consistency` (with the kiln-determined
    parameters at their pyro-line defaults), the alternative-fuel analysis summing to one,
    and a flame shorter than the kiln. ``solve`` checks the same and returns ``OUT_OF_RANGE``.
    """
    line = {row.name: values.get(row.name, row.default) for row in pl.PARAMS}
    messages = pl.check_consistency(line)
    alt = sum(values[f"alt_fuel_w_{x}"] for x in ("c", "h", "o", "n", "s", "h2o", "ash"))
    if abs(alt - 1.0) > 1e-3:
        messages.append(f"alternative-fuel mass fractions alt_fuel_w_* add up to {alt:.4f}, not 1")
    if values["flame_length"] >= values["length"]:
        messages.append("flame_length must be shorter than the kiln length")
    if values["dam_height"] >= 0.9 * values["inner_radius"]:
        messages.append("dam_height must be below 0.9 inner_radius")
    if values["bulk_density"] >= values["solid_density"]:
        messages.append("bulk_density must be below solid_density")
    if values["kiln_fuel_control"] not in (0.0, 1.0) or values["bed_model"] not in (0.0, 1.0):
        messages.append("kiln_fuel_control and bed_model must be 0 or 1")
    return messages


# ============================================================================ public
@njit(cache=True)
def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray) -> int:
    """Solve one cement line with the 1-D kiln (module notes).

    Parameters
    ----------
    p : (len(PARAMS),) parameters in SI units, ordered as PARAMS
    out : (len(OUTPUTS),) filled with the outputs
    prof : (len(PROFILES), N_CELL) filled with the kiln profiles (feed end first)

    Returns
    -------
    Status code of :mod:`kernels.contract`; on any status but ``OK`` the outputs and
    profiles are NaN. ``INFEASIBLE``: the kiln or the line cannot run (e.g. the cooler
    cannot heat the secondary air, or the calciner would need negative fuel);
    ``NOT_CONVERGED``: the kiln or the coupling iteration did not converge.
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    status = _check_inputs(p)
    if status != OK:
        return status
    lp = np.empty(len(pl.PARAMS))
    for i in range(lp.size):
        lp[i] = p[_LINE_INDEX[i]] if _LINE_INDEX[i] >= 0 else _LINE_DEFAULT[i]
    hot = np.empty(ml.N_COMP)
    status = pl.kiln_feed(lp, 0.0, hot)  # the pyro-line's own input rules (oxides, fuel, temperatures)
    if status != OK:
        return status
    w = np.zeros(ck.N_OXIDES)
    _clinker_oxides(lp, w)
    kp = _KILN_DEFAULT.copy()
    for j in range(_KILN_PASS.shape[0]):
        kp[_KILN_PASS[j, 0]] = p[_KILN_PASS[j, 1]]
    x = np.full((N_CELL, k.N_VAR), np.nan)
    kout = np.empty(len(k.OUTPUTS))
    lout = np.empty(len(pl.OUTPUTS))
    lprof = np.empty((len(pl.PROFILES), pl.N_CELL))
    kv = np.empty(pl.N_KILN)
    n_gas = np.empty(th.N_SPECIES)
    work = np.zeros(4)  # kiln solves, Newton iterations, kiln fuel heat [W], last mismatch [K]
    m_clk = p[I_CLINKER_RATE]
    control = p[I_KILN_FUEL_CONTROL] > 0.5
    work[2] = p[I_KILN_FUEL_HEAT] * m_clk

    # secant iteration on f(T) = T - T_cooler(T), first step the fixed-point step
    t0 = 1300.0
    f0 = _mismatch(p, lp, w, kp, t0, control, x, kout, prof, kv, n_gas, lout, lprof, work)
    if not np.isfinite(f0):
        return _failure(work)
    if abs(f0) <= _TOL_T:
        return _report(p, lp, w, kp, kout, prof, kv, lout, work, out)
    t1 = min(max(t0 - f0, _T_SA_MIN), _T_SA_MAX)
    for _ in range(_MAX_COUPLING):
        f1 = _mismatch(p, lp, w, kp, t1, control, x, kout, prof, kv, n_gas, lout, lprof, work)
        if not np.isfinite(f1):
            return _failure(work)
        if abs(f1) <= _TOL_T:
            return _report(p, lp, w, kp, kout, prof, kv, lout, work, out)
        slope = (f1 - f0) / (t1 - t0) if t1 != t0 else 1.0
        if not (slope > 0.1):  # f = T - T_cooler(T) rises with T (slope near 1); else a fixed-point step
            slope = 1.0
        t_new = min(max(t1 - f1 / slope, _T_SA_MIN), _T_SA_MAX)
        t0 = t1
        f0 = f1
        t1 = t_new
        if t1 == t0:
            return NOT_CONVERGED
    return NOT_CONVERGED


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
    """The heat balance and CO2 of a solved line as a small text table per t clinker (plain Python)."""
    names = {o.name: i for i, o in enumerate(OUTPUTS)}
    q_fuel = out[O_SPECIFIC_HEAT_CONSUMPTION]
    q_in = q_fuel + out[O_HEAT_INPUT_SENSIBLE]
    lines = [f"{'heat input':34s}{q_in / 1e3:9.1f} MJ/t  100.0 %",
             f"{'  fuel (LHV), kiln ' + format(100 * out[O_KILN_FUEL_FRACTION], '.0f') + ' %':34s}"
             f"{q_fuel / 1e3:9.1f} MJ/t  {100 * q_fuel / q_in:5.1f} %",
             f"{'  sensible heat of inputs':34s}{out[O_HEAT_INPUT_SENSIBLE] / 1e3:9.1f} MJ/t"]
    total = 0.0
    for name in HEAT_SPLIT:
        v = out[names[name]]
        total += v
        label = "  reaction (theoretical heat)" if name == "theoretical_heat" else "  " + name
        lines.append(f"{label:34s}{v / 1e3:9.1f} MJ/t  {100 * v / q_in:5.1f} %")
        if name == "loss_shell":
            lines.append(f"{'    of which kiln shell':34s}{out[O_LOSS_KILN_SHELL] / 1e3:9.1f} MJ/t")
    lines.append(f"{'  sum of the split':34s}{total / 1e3:9.1f} MJ/t  (residual {out[O_ENERGY_RESIDUAL]:.1e})")
    lines.append(f"{'CO2 process / fuel / electricity':34s}{out[O_PROCESS_CO2]:7.3f} /{out[O_FUEL_CO2]:6.3f} /"
                 f"{out[O_ELECTRICITY_CO2]:6.3f} = {out[O_TOTAL_CO2]:.3f} t/t clinker")
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
    alt = 0.0
    for i in range(I_ALT_FUEL_W_C, I_ALT_FUEL_W_ASH + 1):
        alt += p[i]
    if (abs(alt - 1.0) > 1e-3 or p[I_FLAME_LENGTH] >= p[I_LENGTH]
            or (p[I_KILN_FUEL_CONTROL] != 0.0 and p[I_KILN_FUEL_CONTROL] != 1.0)):
        return OUT_OF_RANGE
    return OK


@njit(cache=True)
def _clinker_oxides(lp, w) -> None:
    """Clinker oxide mass fractions (kernels.clinker order) of a pyro-line parameter vector."""
    w[:] = 0.0
    w[ck.CAO] = lp[pl.I_CLINKER_W_CAO]
    w[ck.SIO2] = lp[pl.I_CLINKER_W_SIO2]
    w[ck.AL2O3] = lp[pl.I_CLINKER_W_AL2O3]
    w[ck.FE2O3] = lp[pl.I_CLINKER_W_FE2O3]
    w[ck.MGO] = lp[pl.I_CLINKER_W_MGO]
    w[ck.SO3] = lp[pl.I_CLINKER_W_SO3]
    w[ck.K2O] = lp[pl.I_CLINKER_W_K2O]
    w[ck.NA2O] = lp[pl.I_CLINKER_W_NA2O]


@njit(cache=True)
def _failure(work) -> int:
    """Status after a failed kiln or line evaluation (stored in work[3] as -1 / -3)."""
    return INFEASIBLE if work[3] == -3.0 else NOT_CONVERGED


@njit(cache=True)
def _mismatch(p, lp, w, kp, t_sa, control, x, kout, kprof, kv, n_gas, lout, lprof, work) -> float:
    """f(T_sa) = T_sa - T_cooler for the kiln fuel of the parameters or (control) the burning-zone target.

    NaN when the kiln or the line fails (work[3] = -1 not converged, -3 infeasible).
    """
    if not control:
        return _evaluate(p, lp, w, kp, t_sa, work[2], x, kout, kprof, kv, n_gas, lout, lprof, work)
    # kiln fuel for the burning-zone temperature: secant on the kiln fuel heat q
    target = p[I_BURNING_ZONE_TEMP]
    q0 = work[2]
    f = _evaluate(p, lp, w, kp, t_sa, q0, x, kout, kprof, kv, n_gas, lout, lprof, work)
    if not np.isfinite(f):
        return np.nan
    g0 = kout[k.O_BED_MAX_TEMP] - target
    if abs(g0) <= _TOL_BZ:
        return f
    q1 = q0 * (1.0 - 0.2 * np.tanh(g0 / 100.0))  # about 1 % fuel per 5 K to start
    for _ in range(_MAX_FUEL):
        f = _evaluate(p, lp, w, kp, t_sa, q1, x, kout, kprof, kv, n_gas, lout, lprof, work)
        if not np.isfinite(f):
            return np.nan
        g1 = kout[k.O_BED_MAX_TEMP] - target
        if abs(g1) <= _TOL_BZ:
            work[2] = q1
            return f
        slope = (g1 - g0) / (q1 - q0) if q1 != q0 else 0.0
        if not (slope > 0.0):  # more fuel is hotter; guard against a flat or noisy secant
            slope = 5.0 * abs(target) / (q1 + 1.0)
        q_new = q1 - g1 / slope
        q_new = min(max(q_new, 0.5 * q1), 2.0 * q1)
        q0 = q1
        g0 = g1
        q1 = q_new
    work[3] = -1.0
    return np.nan


@njit(cache=True)
def _evaluate(p, lp, w, kp, t_sa, q_kiln, x, kout, kprof, kv, n_gas, lout, lprof, work) -> float:
    """Kiln with secondary air at t_sa and fuel heat q_kiln [W], then the line around it; T_sa - T_cooler."""
    m_clk = p[I_CLINKER_RATE]
    t_amb = lp[pl.I_AMBIENT_TEMP]
    # fuels of the kiln burner: the line fuel (coal) and the alternative fuel
    u = np.empty(sf.N_U)
    u_alt = np.empty(sf.N_U)
    fsum = 0.0
    asum = 0.0
    for j in range(sf.N_U):
        fsum += lp[pl.I_FUEL_W_C + j]
        asum += p[I_ALT_FUEL_W_C + j]
    for j in range(sf.N_U):
        u[j] = lp[pl.I_FUEL_W_C + j] / fsum
        u_alt[j] = p[I_ALT_FUEL_W_C + j] / asum
    share = p[I_KILN_ALT_FUEL_SHARE]
    m_coal = (1.0 - share) * q_kiln / lp[pl.I_FUEL_LHV]
    m_alt = share * q_kiln / p[I_ALT_FUEL_LHV]
    ash = m_coal * u[sf.U_ASH] + m_alt * u_alt[sf.U_ASH]
    # air and oxygen for kiln_excess_air
    x_air = np.empty(th.N_SPECIES)
    cb.humid_air(lp[pl.I_RELATIVE_HUMIDITY], t_amb, lp[pl.I_PRESSURE], x_air)
    m_air = th.molar_mass_mix(x_air)
    o2_supply = (1.0 + lp[pl.I_KILN_EXCESS_AIR]) * (m_coal * sf.o2_demand(u) + m_alt * sf.o2_demand(u_alt))
    n_o2 = p[I_OXYGEN_ENRICHMENT] * o2_supply
    n_air = (o2_supply - n_o2) / x_air[th.O2]
    n_pa = lp[pl.I_PRIMARY_AIR_FRACTION] * n_air
    n_sa = n_air - n_pa
    # hot meal of cyclone 5 (raw meal trimmed for all fuel ash, calciner ash included)
    hot = np.empty(ml.N_COMP)
    status = pl.kiln_feed(lp, ash, hot)
    if status != OK:
        work[3] = -3.0
        return np.nan
    feed = 0.0
    for j in range(ml.N_COMP):
        feed += hot[j]
    acid = w[ck.SIO2] + w[ck.AL2O3] + w[ck.FE2O3]
    kp[k.I_AMBIENT_TEMP] = t_amb
    kp[k.I_RELATIVE_HUMIDITY] = lp[pl.I_RELATIVE_HUMIDITY]
    kp[k.I_PRESSURE] = lp[pl.I_PRESSURE]
    kp[k.I_FEED_RATE] = feed
    kp[k.I_FEED_TEMP] = lp[pl.I_CALCINER_EXIT_TEMP]
    kp[k.I_FEED_X_H2O] = (hot[ml.C_H2O_LIQ] + hot[ml.C_H2O_BOUND]) / feed
    kp[k.I_FEED_X_CACO3] = hot[ml.C_CACO3] / feed
    kp[k.I_FEED_X_CAO] = hot[ml.C_CAO] / feed
    kp[k.I_FEED_X_AL2O3] = hot[ml.C_AL2O3] / feed
    kp[k.I_FEED_X_FE2O3] = hot[ml.C_FE2O3] / feed
    kp[k.I_FEED_X_MGO] = hot[ml.C_MGO] / feed
    kp[k.I_FEED_X_MINOR] = hot[ml.C_MINOR] / feed
    kp[k.I_FEED_X_ALKALI] = m_clk * (w[ck.K2O] + w[ck.NA2O]) / feed
    kp[k.I_FUEL_FLOW] = 0.0
    kp[k.I_COAL_FLOW] = m_coal
    kp[k.I_ALT_FUEL_FLOW] = m_alt
    for j in range(sf.N_U):
        kp[k.I_COAL_W_C + j] = u[j]
        kp[k.I_ALT_FUEL_W_C + j] = u_alt[j]
    kp[k.I_COAL_LHV] = lp[pl.I_FUEL_LHV]
    kp[k.I_ALT_FUEL_LHV] = p[I_ALT_FUEL_LHV]
    kp[k.I_SOLID_FUEL_TEMP] = lp[pl.I_FUEL_TEMP]
    kp[k.I_SOLID_FUEL_CP] = lp[pl.I_FUEL_CP]
    kp[k.I_ASH_X_SIO2] = w[ck.SIO2] / acid
    kp[k.I_ASH_X_AL2O3] = w[ck.AL2O3] / acid
    kp[k.I_ASH_X_FE2O3] = w[ck.FE2O3] / acid
    kp[k.I_PRIMARY_AIR] = n_pa * m_air
    kp[k.I_PRIMARY_AIR_TEMP] = t_amb
    kp[k.I_SECONDARY_AIR] = n_sa * m_air
    kp[k.I_SECONDARY_AIR_TEMP] = t_sa
    kp[k.I_OXYGEN_FLOW] = n_o2 * th.MOLAR_MASS[th.O2]
    status = k.solve_cells_from(kp, x, kout, kprof)
    work[0] += 1.0
    if status != OK:
        work[3] = -3.0 if status == INFEASIBLE or status == OUT_OF_RANGE else -1.0
        x[:, :] = np.nan  # no warm start from a failed solve
        return np.nan
    work[1] += kout[k.O_NEWTON_ITERATIONS]
    if kout[k.O_UNBURNT_FRACTION] > 0.0:
        work[3] = -3.0
        return np.nan
    # the kiln's results for the line
    e = np.zeros(ml.N_E)
    pu.add_fuel_elements(u, m_coal, e)
    pu.add_fuel_elements(u_alt, m_alt, e)
    n = x.shape[0]
    m_prod = np.empty(N_BED)
    for j in range(N_BED):
        m_prod[j] = x[n - 1, k.V_M0 + j]
    kv[pl.K_FUEL_FLOW] = m_coal + m_alt
    kv[pl.K_FUEL_HEAT] = kout[k.O_HEAT_INPUT]
    kv[pl.K_FUEL_ENTHALPY] = kout[k.O_FUEL_ENTHALPY]
    kv[pl.K_FUEL_SENSIBLE] = kout[k.O_FUEL_SENSIBLE_HEAT]
    kv[pl.K_FUEL_ASH] = kout[k.O_FUEL_ASH_FLOW]
    kv[pl.K_FUEL_C] = e[ml.E_C]
    kv[pl.K_FUEL_H] = e[ml.E_H]
    kv[pl.K_FUEL_O] = e[ml.E_O]
    kv[pl.K_FUEL_N] = e[ml.E_N]
    kv[pl.K_FUEL_S] = e[ml.E_S]
    kv[pl.K_PRIMARY_AIR] = n_pa
    kv[pl.K_SECONDARY_AIR] = n_sa
    kv[pl.K_SECONDARY_AIR_TEMP] = t_sa
    kv[pl.K_GAS_TEMP] = kout[k.O_GAS_EXIT_TEMP]
    kv[pl.K_CLINKER_TEMP] = kout[k.O_BED_EXIT_TEMP]
    kv[pl.K_SHELL_LOSS] = kout[k.O_SHELL_LOSS]
    kv[pl.K_OXYGEN] = n_o2
    kv[pl.K_CLINKER_H_DISCHARGE] = bed_enthalpy_flow(m_prod, kout[k.O_BED_EXIT_TEMP])
    kv[pl.K_CLINKER_H_OUT] = bed_enthalpy_flow(m_prod, lp[pl.I_CLINKER_OUT_TEMP])
    kv[pl.K_CLINKER_H_AMBIENT] = bed_enthalpy_flow(m_prod, t_amb)
    kv[pl.K_CLINKER_H_REF] = bed_enthalpy_flow(m_prod, th.T_REF)
    kv[pl.K_CLINKER_CO2] = m_prod[B_CACO3] / BED_MOLAR_MASS[B_CACO3]
    status = k.exit_gas(kp, x.ravel(), n_gas)
    if status != OK:
        work[3] = -1.0
        return np.nan
    status = pl.line_around_kiln(lp, kv, n_gas, lout, lprof)
    if status != OK:
        work[3] = -3.0 if status == INFEASIBLE else -1.0
        return np.nan
    work[3] = lout[pl.O_SECONDARY_AIR_MISMATCH]
    return work[3]


@njit(cache=True)
def _report(p, lp, w, kp, kout, kprof, kv, lout, work, out) -> int:
    """Outputs of the converged coupled line (kiln profiles are already in place)."""
    m_clk = p[I_CLINKER_RATE]
    fuel_heat = lout[pl.O_FUEL_HEAT_INPUT]
    out[O_SPECIFIC_HEAT_CONSUMPTION] = lout[pl.O_SPECIFIC_HEAT_CONSUMPTION]
    out[O_KILN_FUEL_HEAT] = kv[pl.K_FUEL_HEAT] / m_clk
    out[O_KILN_FUEL_FRACTION] = kv[pl.K_FUEL_HEAT] / fuel_heat
    out[O_FUEL_INPUT] = lout[pl.O_FUEL_INPUT]
    out[O_FUEL_HEAT_INPUT] = fuel_heat
    out[O_KILN_COAL_FLOW] = kp[k.I_COAL_FLOW]
    out[O_KILN_ALT_FUEL_FLOW] = kp[k.I_ALT_FUEL_FLOW]
    out[O_CALCINER_FUEL_FLOW] = lout[pl.O_CALCINER_FUEL_FLOW]
    out[O_OXYGEN_FLOW] = kp[k.I_OXYGEN_FLOW]
    out[O_KILN_FEED_FLOW] = kp[k.I_FEED_RATE]
    out[O_SECONDARY_AIR_TEMP] = kv[pl.K_SECONDARY_AIR_TEMP]
    out[O_TERTIARY_AIR_TEMP] = lout[pl.O_TERTIARY_AIR_TEMP]
    out[O_SECONDARY_AIR_FLOW] = lout[pl.O_SECONDARY_AIR_FLOW]
    out[O_TERTIARY_AIR_FLOW] = lout[pl.O_TERTIARY_AIR_FLOW]
    out[O_COOLER_EXHAUST_TEMP] = lout[pl.O_COOLER_EXHAUST_TEMP]
    out[O_KILN_INLET_GAS_TEMP] = kout[k.O_GAS_EXIT_TEMP]
    out[O_KILN_INLET_O2_DRY] = lout[pl.O_KILN_INLET_O2_DRY]
    out[O_BURNING_ZONE_TEMP] = kout[k.O_BED_MAX_TEMP]
    out[O_CLINKER_DISCHARGE_TEMP] = kout[k.O_BED_EXIT_TEMP]
    out[O_FLAME_TEMP] = kout[k.O_GAS_MAX_TEMP]
    out[O_SHELL_MAX_TEMP] = kout[k.O_SHELL_MAX_TEMP]
    out[O_PREHEATER_EXIT_TEMP] = lout[pl.O_PREHEATER_EXIT_TEMP]
    out[O_HEAT_INPUT_SENSIBLE] = lout[pl.O_HEAT_INPUT_SENSIBLE]
    out[O_THEORETICAL_HEAT] = lout[pl.O_THEORETICAL_HEAT]
    out[O_LOSS_EXHAUST_GAS] = lout[pl.O_LOSS_EXHAUST_GAS]
    out[O_LOSS_DUST] = lout[pl.O_LOSS_DUST]
    out[O_LOSS_COOLER_EXHAUST] = lout[pl.O_LOSS_COOLER_EXHAUST]
    out[O_LOSS_CLINKER] = lout[pl.O_LOSS_CLINKER]
    out[O_LOSS_SHELL] = lout[pl.O_LOSS_SHELL]
    out[O_LOSS_KILN_SHELL] = kout[k.O_SHELL_LOSS] / m_clk
    out[O_LOSS_MOISTURE] = lout[pl.O_LOSS_MOISTURE]
    out[O_PROCESS_CO2] = lout[pl.O_PROCESS_CO2]
    out[O_FUEL_CO2] = lout[pl.O_FUEL_CO2]
    out[O_ELECTRICITY_CO2] = p[I_ELECTRICITY] * p[I_GRID_CO2_FACTOR]
    out[O_TOTAL_CO2] = out[O_PROCESS_CO2] + out[O_FUEL_CO2] + out[O_ELECTRICITY_CO2]
    out[O_CO2_EMISSIONS] = lout[pl.O_CO2_EMISSIONS]
    out[O_CLINKER_C3S] = kout[k.O_PRODUCT_X_C3S]
    out[O_CLINKER_C2S] = kout[k.O_PRODUCT_X_C2S]
    out[O_CLINKER_C3A] = kout[k.O_PRODUCT_X_C3A]
    out[O_CLINKER_C4AF] = kout[k.O_PRODUCT_X_C4AF]
    out[O_FREE_LIME] = kout[k.O_PRODUCT_X_CAO]
    out[O_LIME_SATURATION_FACTOR] = ck.lime_saturation_factor(w)
    out[O_MELT_MAX] = kout[k.O_MELT_MAX]
    out[O_MELT_ZONE_TIME] = kout[k.O_MELT_ZONE_TIME]
    out[O_RESIDENCE_TIME] = kout[k.O_RESIDENCE_TIME]
    out[O_ENERGY_RESIDUAL] = lout[pl.O_ENERGY_RESIDUAL]
    out[O_MASS_RESIDUAL] = lout[pl.O_MASS_RESIDUAL]
    out[O_ELEMENT_RESIDUAL] = lout[pl.O_ELEMENT_RESIDUAL]
    out[O_KILN_ENERGY_RESIDUAL] = kout[k.O_ENERGY_RESIDUAL]
    out[O_SECONDARY_AIR_MISMATCH] = lout[pl.O_SECONDARY_AIR_MISMATCH]
    out[O_COUPLING_ITERATIONS] = work[0]
    out[O_KILN_NEWTON_ITERATIONS] = work[1]
    return OK
