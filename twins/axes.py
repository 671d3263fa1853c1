"""Sweep axes: the values of one swept parameter, given with units, checked, in SI.

Used by :class:`twins.study.Study`; an axis remembers the unit the user wrote its values
in (``"degC"`` for ``["15 degC", "150 degC"]``) so tables and plots can show them that
way while the kernels get SI.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kernels.contract import Param
from twins.errors import ParameterError
from twins.units import Quantity, convert, split_quantity, to_si


@dataclass(frozen=True)
class Axis:
    """One swept parameter: its SI values and the unit used to show them."""

    name: str
    values: np.ndarray
    si_unit: str
    display_unit: str

    def display_values(self) -> np.ndarray:
        """The values in :attr:`display_unit`."""
        return np.asarray(convert(self.values, self.si_unit, self.display_unit))


def make_axis(param: Param, spec: Any) -> Axis:
    """Parse the values of one sweep axis and convert them to SI, checking each.

    Parameters
    ----------
    param : Param
        The swept parameter.
    spec : list, scalar, pint quantity or mapping
        A list (SI numbers, unit strings, quantities), one value, a pint quantity array,
        ``{"start", "stop", "num", "unit"}`` (linspace in ``unit``) or
        ``{"values", "unit"}``.

    Returns
    -------
    Axis
        Remembers the unit the user wrote (for tables and plots).

    Raises
    ------
    ParameterError
        For a malformed axis or any bad value (with its range and unit).
    """
    display = param.unit
    if isinstance(spec, Mapping):
        values, display = _axis_from_table(param, spec)
    elif hasattr(spec, "magnitude") and hasattr(spec, "units"):
        magnitudes = np.atleast_1d(np.asarray(spec.magnitude, dtype=np.float64))
        display = str(spec.units)
        values = [to_si(param, Quantity(float(m), spec.units)) for m in magnitudes]
    elif isinstance(spec, str | numbers.Real):
        values, display = [to_si(param, spec)], _unit_of(spec) or param.unit
    elif isinstance(spec, Sequence | np.ndarray):
        items = list(np.asarray(spec).tolist()) if isinstance(spec, np.ndarray) else list(spec)
        if not items:
            raise ParameterError(f"{param.name}: no values to sweep")
        values = [to_si(param, v) for v in items]
        display = _first_unit(items) or param.unit
    else:
        raise ParameterError(
            f"{param.name} = {spec!r}: expected a list of values or "
            "{start = …, stop = …, num = …, unit = …}"
        )
    return Axis(param.name, np.asarray(values, dtype=np.float64), param.unit, display)


def _axis_from_table(param: Param, spec: Mapping[str, Any]) -> tuple[list[float], str]:
    allowed = ("start", "stop", "num", "unit", "values")
    for key in spec:
        if key not in allowed:
            raise ParameterError(
                f"{param.name}: unknown key '{key}' in the sweep table; allowed: "
                + ", ".join(allowed)
            )
    unit = spec.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise ParameterError(f"{param.name}: unit must be a string such as \"degC\"")
    if "values" in spec:
        raw = spec["values"]
        if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
            raise ParameterError(f"{param.name}: values must be a non-empty list")
        if unit is None:
            return [to_si(param, v) for v in raw], _first_unit(raw) or param.unit
        if not all(_is_number(v) for v in raw):
            raise ParameterError(f"{param.name}: values must be numbers when unit is given")
        numbers_ = [float(v) for v in raw]
    else:
        missing = [k for k in ("start", "stop", "num") if k not in spec]
        if missing:
            raise ParameterError(
                f"{param.name}: a linspace needs start, stop and num (missing "
                + ", ".join(missing) + ")"
            )
        num = spec["num"]
        if not isinstance(num, int) or isinstance(num, bool) or num < 1:
            raise ParameterError(f"{param.name}: num = {num!r} must be a positive integer")
        if not (_is_number(spec["start"]) and _is_number(spec["stop"])):
            raise ParameterError(f"{param.name}: start and stop must be numbers")
        numbers_ = np.linspace(float(spec["start"]), float(spec["stop"]), num).tolist()
    if unit is None:
        return [to_si(param, v) for v in numbers_], param.unit
    try:
        Quantity(1.0, unit)
    except Exception:
        raise ParameterError(f"{param.name}: unknown unit '{unit}'") from None
    return [to_si(param, Quantity(v, unit)) for v in numbers_], unit


def _first_unit(items: Sequence[Any]) -> str:
    return next((u for u in map(_unit_of, items) if u), "")


def _unit_of(value: Any) -> str:
    if isinstance(value, str):
        try:
            return split_quantity(value)[1]
        except ValueError:
            return ""
    return ""


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
