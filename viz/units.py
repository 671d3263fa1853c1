"""Display conventions: SI values from the kernels turned into the units engineers read.

Kernels, HDF5 files and the CLI stay in SI. Pictures show temperatures in °C,
fractions and compositions in %, fuel in kg/h, duties in MW, specific heats in MJ/kg,
angles in degrees and kiln speed in rpm. Temperature *differences* (the ``*_margin``
outputs in K) stay in K, because a difference of 1 K is 1 °C.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

KELVIN_OFFSET = 273.15
"""0 °C in K."""

# Dimensionless quantities that are fractions and read better as percent.
_PERCENT_NAMES = frozenset(
    {
        "efficiency_lhv",
        "stack_loss",
        "excess_air",
        "o2_dry",
        "o2_margin",
        "setting_loss",
        "relative_humidity",
        "process_vapor_fraction",
        "limit_o2_dry",
        "energy_residual",
        "mass_residual",
        # kiln
        "fill_fraction",
        "fill",
        "fill_mean",
        "calcination_degree",
        "product_x_cao",
        "gas_exit_o2_dry",
        "gas_exit_co2",
        "excess_oxygen",
        "unburnt_fraction",
        "burnout",
        # cement line
        "free_lime",
        "kiln_fuel_fraction",
        "kiln_alt_fuel_share",
        "oxygen_enrichment",
        "cooler_recuperation",
        "kiln_feed_calcination",
        "primary_air_fraction",
        "kiln_excess_air",
        "calciner_excess_air",
    }
)
# Prefixes of composition names (mass or mole fractions) shown in %.
_PERCENT_PREFIXES = ("fuel_x_", "feed_x_", "bed_x_", "gas_y_", "clinker_w_")

# Short axis labels; anything not listed is its name with spaces.
_LABELS = {
    "efficiency_lhv": "API 560 efficiency (LHV)",
    "excess_air": "excess air",
    "air_preheat_temp": "air preheat",
    "o2_dry": "O2 in dry flue gas",
    "fuel_flow": "fuel flow",
    "stack_temp": "stack temperature",
    "bridgewall_temp": "bridgewall temperature",
    "tube_metal_temp_max": "peak tube-metal temperature",
    "tube_metal_margin": "tube-metal margin (limit - peak TMT)",
    "conv_rows": "convection rows",
    "shield_rows": "shield rows",
    "rad_tube_count": "radiant tubes",
    "T_gas": "flue gas",
    "T_metal_rad": "tube metal",
    # kiln
    "bed_exit_temp": "bed exit temperature",
    "gas_exit_temp": "exhaust gas temperature (feed end)",
    "specific_heat_consumption": "specific heat consumption",
    "gas_exit_o2_dry": "O2 in dry exhaust gas",
    "secondary_air": "secondary air",
    "primary_air": "primary air",
    "rotation_speed": "kiln speed",
    "fill_fraction": "fill",
    "feed_rate": "feed rate",
    "shell_loss": "shell loss",
    "heat_to_bed": "heat to the bed",
    "calcination_degree": "calcination degree",
    "product_x_cao": "CaO (free lime) in the product",
    "z": "distance from the feed end",
    # cement line
    "secondary_air_temp": "secondary-air temperature",
    "kiln_alt_fuel_share": "alt. fuel",
    "oxygen_enrichment": "O2 enrichment",
    "cooler_recuperation": "cooler recuperation",
    "free_lime": "free lime",
    "kiln_fuel_fraction": "kiln share of the fuel heat",
}


class DisplayUnit(NamedTuple):
    """Affine map ``shown = value * scale + offset`` and the unit it shows."""

    scale: float
    offset: float
    unit: str


def display_unit(name: str, unit: str) -> DisplayUnit:
    """Choose the display unit for a named SI quantity.

    Parameters
    ----------
    name : str
        Parameter, output or profile name from the kernel tables (e.g. ``"stack_temp"``).
    unit : str
        Its SI unit as written in the kernel tables / HDF5 ``units`` attribute.

    Returns
    -------
    DisplayUnit
        ``scale``, ``offset`` and the display ``unit`` string. Absolute temperatures
        [K] become [°C]; ``*_margin`` temperature differences stay [K]; fractions [1]
        listed as such (and compositions ``fuel_x_*``, ``bed_x_*``, ``gas_y_*`` ...)
        become [%]; kg/s becomes kg/h; W becomes MW; W/m^2 becomes kW/m^2; W/m becomes
        kW/m; J/kg becomes MJ/kg; rad becomes deg and rad/s rpm. Anything else is shown
        unchanged.
    """
    if unit == "K":
        if name.endswith("_margin"):
            return DisplayUnit(1.0, 0.0, "K")
        return DisplayUnit(1.0, -KELVIN_OFFSET, "°C")
    if unit == "1" and (name in _PERCENT_NAMES or name.startswith(_PERCENT_PREFIXES)):
        return DisplayUnit(100.0, 0.0, "%")
    if unit == "kg/s":
        return DisplayUnit(3600.0, 0.0, "kg/h")
    if unit == "W":
        return DisplayUnit(1.0e-6, 0.0, "MW")
    if unit == "W/m^2":
        return DisplayUnit(1.0e-3, 0.0, "kW/m²")
    if unit == "J/kg":
        return DisplayUnit(1.0e-6, 0.0, "MJ/kg")
    if unit == "W/m":
        return DisplayUnit(1.0e-3, 0.0, "kW/m")
    if unit == "rad":
        return DisplayUnit(180.0 / np.pi, 0.0, "deg")
    if unit == "rad/s":
        return DisplayUnit(60.0 / (2.0 * np.pi), 0.0, "rpm")
    return DisplayUnit(1.0, 0.0, "" if unit == "1" else unit)


def to_display(name: str, unit: str, value: np.ndarray | float) -> np.ndarray | float:
    """Convert an SI value (scalar or array) to its display unit, see :func:`display_unit`."""
    d = display_unit(name, unit)
    if np.ndim(value):
        return np.asarray(value, dtype=float) * d.scale + d.offset
    return float(value) * d.scale + d.offset


def quantity_name(name: str) -> str:
    """Readable name of a quantity (``"conv_rows"`` -> ``"convection rows"``)."""
    return _LABELS.get(name, name.replace("_", " "))


def axis_label(name: str, unit: str) -> str:
    """Axis label ``"short name [display unit]"`` for a named SI quantity."""
    d = display_unit(name, unit)
    text = quantity_name(name)
    return f"{text} [{d.unit}]" if d.unit else text
