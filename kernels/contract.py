"""The kernel contract: the tables every unit module exposes and its status codes.

A unit module in :mod:`kernels` defines

- ``PARAMS``: a tuple of :class:`Param` (name, SI unit, default, low, high, meaning),
  and one integer constant ``I_<NAME>`` per parameter giving its index in ``p``;
- ``OUTPUTS``: a tuple of :class:`Output`, with ``O_<NAME>`` index constants;
- ``PROFILES``: a tuple of :class:`Profile`, with ``F_<NAME>`` index constants,
  every profile having ``N_CELL`` cells;
- ``solve(p, out, prof) -> int`` for one scenario and
  ``solve_batch(P, OUT, PROF, STATUS)`` for many (rows in parallel);
- optionally ``EMISSIONS``, a tuple of :class:`Emission` saying which outputs are
  greenhouse-gas flows, of which scope and source, and ``PRODUCT``, a :class:`Product`
  naming what the unit makes, for intensities (``twins.carbon`` reads both).

A unit that burns fuel also reports the outputs of :data:`FUEL_OUTPUTS`.

Everything a user sees about a parameter (unit, limits, description) is written once,
here in the tables, and the CLI, validation, HDF5 attributes and plots read it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Param(NamedTuple):
    """One scalar input of a kernel, in SI units."""

    name: str
    unit: str
    default: float
    low: float
    high: float
    meaning: str


class Output(NamedTuple):
    """One scalar result of a kernel, in SI units."""

    name: str
    unit: str
    meaning: str


class Profile(NamedTuple):
    """One spatial profile of a kernel, ``N_CELL`` values per scenario."""

    name: str
    unit: str
    meaning: str


class Emission(NamedTuple):
    """A greenhouse-gas flow among a unit's outputs (GHG Protocol scopes).

    ``output`` is in kg/s, or in kg per kg of product when ``per`` names the product
    flow (a parameter or output in kg/s) it is to be multiplied by. ``basis`` says how
    the kernel obtains the figure, for the carbon report.
    """

    output: str
    scope: int
    source: str
    gas: str = "CO2"
    per: str = ""
    basis: str = ""


class Product(NamedTuple):
    """What a unit makes: the parameter or output holding its flow [kg/s], and a name."""

    flow: str
    name: str


#: Outputs every unit that burns fuel reports under these names, so that studies of
#: different units compare and the what-if report (:mod:`twins.report`) finds them:
#: total fuel mass flow of all fuels, fuel heat input on the LHV basis, and the CO2 the
#: unit releases (carbonates and fuel carbon; CO2 that came in with the air excluded).
FUEL_OUTPUTS = (
    Output("fuel_input", "kg/s", "total fuel mass flow, all fuels"),
    Output("fuel_heat_input", "W", "fuel heat input, LHV basis"),
    Output("co2_emissions", "kg/s", "CO2 released by the unit: carbonates plus fuel carbon"),
)
FUEL_INPUT, FUEL_HEAT_INPUT, CO2_EMISSIONS = (row.name for row in FUEL_OUTPUTS)


# Status codes returned by ``solve`` (stored as int8 per scenario).
OK = 0
NOT_CONVERGED = 1
OUT_OF_RANGE = 2
INFEASIBLE = 3
BAD_INPUT = 4

STATUS_MEANING = {
    OK: "ok",
    NOT_CONVERGED: "solver did not converge",
    OUT_OF_RANGE: "a parameter is outside its allowed range",
    INFEASIBLE: ("infeasible operating point (heater: duty above the allowed firing, or a temperature "
                 "cross in an exchanger; aluminium cell: it freezes, overheats, shorts or is on anode effect)"),
    BAD_INPUT: "a parameter is NaN or infinite",
}


def index_constants(prefix: str, table: tuple) -> dict[str, int]:
    """Map ``PREFIX_NAME`` to the row index of every entry of a kernel table."""
    return {f"{prefix}_{row.name.upper()}": i for i, row in enumerate(table)}


def defaults(params: tuple[Param, ...]) -> np.ndarray:
    """Parameter vector holding every default value."""
    return np.array([row.default for row in params], dtype=np.float64)


def bounds(params: tuple[Param, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper limits of every parameter, as two float64 vectors."""
    low = np.array([row.low for row in params], dtype=np.float64)
    high = np.array([row.high for row in params], dtype=np.float64)
    return low, high
