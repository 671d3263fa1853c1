"""Parameter ranges: the interval a design samples or an optimiser searches, with units.

A range is written in a study file as ``{ low = 15, high = 350, unit = "degC" }``, as
two quantities ``["15 degC", "350 degC"]`` or as SI numbers ``[0.05, 0.40]``; add
``integer = true`` for a count such as ``conv_rows``. Both bounds are converted to SI
and checked against the kernel's ``Param`` range before anything runs, and the range
remembers the unit it was written in so tables can show it that way.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kernels.contract import Param
from twins.errors import ParameterError
from twins.units import Quantity, convert, fmt, split_quantity, to_si, unit_label

_RANGE_KEYS = ("low", "high", "unit", "integer")


@dataclass(frozen=True)
class Range:
    """One parameter varied between two SI bounds.

    Attributes
    ----------
    name : str
        Parameter name.
    low, high : float
        Bounds in :attr:`si_unit`, ``low < high``.
    si_unit : str
        The parameter's SI unit (from the kernel table).
    display_unit : str
        The unit the user wrote the bounds in (tables and plots).
    integer : bool
        Only whole numbers are meaningful (counts of rows, passes ...).
    """

    name: str
    low: float
    high: float
    si_unit: str
    display_unit: str
    integer: bool = False

    def scale(self, unit_values: np.ndarray) -> np.ndarray:
        """Map values in ``[0, 1]`` onto the range (integers rounded to the nearest)."""
        values = self.low + np.asarray(unit_values, dtype=np.float64) * (self.high - self.low)
        return np.clip(np.round(values), self.low, self.high) if self.integer else values

    def display(self, values_si: Any) -> Any:
        """SI values converted to :attr:`display_unit`."""
        if self.display_unit == self.si_unit:
            return values_si
        return convert(values_si, self.si_unit, self.display_unit)

    def text(self) -> str:
        """``"15 … 350 degC"``."""
        low, high = self.display(np.array([self.low, self.high]))
        kind = " (integer)" if self.integer else ""
        return f"{fmt(low)} … {fmt(high)} {unit_label(self.display_unit)}{kind}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (stored in the HDF5 study spec)."""
        return {
            "name": self.name, "low": self.low, "high": self.high, "si_unit": self.si_unit,
            "display_unit": self.display_unit, "integer": self.integer,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Range:
        """Inverse of :meth:`to_dict`."""
        return cls(
            str(data["name"]), float(data["low"]), float(data["high"]), str(data["si_unit"]),
            str(data["display_unit"]), bool(data.get("integer", False)),
        )


def make_range(param: Param, spec: Any) -> Range:
    """Parse the range of one parameter and check both bounds against its table row.

    Parameters
    ----------
    param : Param
        The kernel's table row (SI unit and allowed range).
    spec : mapping or two-item list
        ``{"low", "high", "unit", "integer"}`` or ``[low, high]`` (numbers in SI or
        quantity strings).

    Raises
    ------
    ParameterError
        Naming the parameter, the value and the allowed range or keys.
    """
    integer = False
    display = param.unit
    if isinstance(spec, Mapping):
        for key in spec:
            if key not in _RANGE_KEYS:
                raise ParameterError(
                    f"{param.name}: unknown key '{key}' in the range; allowed: "
                    + ", ".join(_RANGE_KEYS)
                )
        missing = [k for k in ("low", "high") if k not in spec]
        if missing:
            raise ParameterError(
                f"{param.name} = {dict(spec)!r}: a range needs low and high (missing "
                + ", ".join(missing) + ")"
            )
        integer = spec.get("integer", False)
        if not isinstance(integer, bool):
            raise ParameterError(f"{param.name}: integer = {integer!r} must be true or false")
        unit = spec.get("unit")
        bounds = [spec["low"], spec["high"]]
        if unit is not None:
            if not isinstance(unit, str):
                raise ParameterError(f'{param.name}: unit must be a string such as "degC"')
            try:
                Quantity(1.0, unit)
            except Exception:
                raise ParameterError(f"{param.name}: unknown unit '{unit}'") from None
            if not all(_is_number(b) for b in bounds):
                raise ParameterError(
                    f"{param.name}: low and high must be numbers when unit is given"
                )
            bounds = [f"{b} {unit}" for b in bounds]  # messages then show what was written
            display = unit
        else:
            display = _unit_of(bounds[0]) or param.unit
    elif isinstance(spec, Sequence) and not isinstance(spec, str) and len(spec) == 2:
        bounds = list(spec)
        display = _unit_of(bounds[0]) or param.unit
    else:
        raise ParameterError(
            f"{param.name} = {spec!r}: expected a range, e.g. {{ low = …, high = …, "
            'unit = "…" } or ["15 degC", "350 degC"]'
        )
    low, high = (to_si(param, b) for b in bounds)
    if not low < high:
        raise ParameterError(
            f"{param.name}: low ({fmt(low)} {unit_label(param.unit)}) must be below high "
            f"({fmt(high)} {unit_label(param.unit)})"
        )
    if integer and np.ceil(low) > np.floor(high):
        raise ParameterError(f"{param.name}: no whole number between low and high")
    return Range(param.name, low, high, param.unit, display, integer)


def _unit_of(value: Any) -> str:
    if isinstance(value, str):
        try:
            return split_quantity(value)[1]
        except ValueError:
            return ""
    return ""


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
