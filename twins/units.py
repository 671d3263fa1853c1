"""Units at the boundary: one pint registry, and conversion of user input to SI.

Kernels work in SI only (the unit of every parameter is written once, in its
:class:`~kernels.contract.Param`). Users may give plain numbers (taken as SI), strings
such as ``"1.5 kg/s"``, ``"250 degC"`` or ``"15 %"``, or pint quantities. This module
converts them, once, before any kernel runs, and says precisely what is wrong when it
cannot.

All of :mod:`twins` uses the single application registry :data:`ureg`.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any

import numpy as np
import pint

from kernels.contract import Param
from twins.errors import ParameterError

ureg: pint.UnitRegistry = pint.UnitRegistry()
pint.set_application_registry(ureg)
Quantity = ureg.Quantity

_NUMBER = re.compile(
    r"^\s*(?P<num>[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|nan|inf(?:inity)?))"
    r"\s*(?P<unit>.*?)\s*$",
    re.IGNORECASE,
)


def to_si(param: Param, value: Any, *, check_range: bool = True) -> float:
    """Convert one user-given value of a parameter to a float in the parameter's SI unit.

    Parameters
    ----------
    param : Param
        The kernel table row: its ``unit`` is the target, ``low``/``high`` the range.
    value : float, int, str or pint.Quantity
        A plain number is taken to be in ``param.unit`` already. A string is a number
        followed by a unit (``"1.5 kg/s"``, ``"250 degC"``, ``"15 %"``); a string holding
        only a number is taken as SI. Temperatures with an offset (degC, degF) are
        converted as absolute temperatures. Dimensionless parameters (unit ``"1"``)
        accept ``"%"`` and ``"ppm"`` as well.
    check_range : bool, default True
        Also check ``param.low <= value <= param.high``.

    Returns
    -------
    float
        The value in ``param.unit``.

    Raises
    ------
    ParameterError
        When the value is not a number, has the wrong dimension, is NaN or infinite,
        or (with ``check_range``) lies outside the allowed range. The message names the
        parameter, the given value, the expected unit and, for range errors, the range.

    Examples
    --------
    >>> from kernels.contract import Param
    >>> t_in = Param("process_inlet_temp", "K", 533.15, 250.0, 900.0, "inlet temperature")
    >>> round(to_si(t_in, "250 degC"), 2)
    523.15
    """
    si = _convert(param, value)
    if not math.isfinite(si):
        raise ParameterError(
            f"{param.name} = {_given(value)} is not a finite number; "
            f"expected {_expected(param)} within {range_text(param)}"
        )
    if check_range and not (param.low <= si <= param.high):
        raise ParameterError(out_of_range_message(param, si, value))
    return si


def convert(value: Any, from_unit: str, to_unit: str) -> Any:
    """Convert a number or array between units (offset temperatures included).

    Used to show SI results in a unit a user chose, e.g. ``convert(x, "K", "degC")``.
    """
    q = Quantity(np.asarray(value, dtype=np.float64), _target_unit(from_unit))
    return q.to(_target_unit(to_unit)).magnitude


def parse_quantity(text: str) -> pint.Quantity | float:
    """Parse ``"<number> <unit>"``; a bare number is returned as a float.

    Raises ``ValueError`` when the text does not start with a number and
    ``pint.UndefinedUnitError`` when the unit is unknown.
    """
    number, unit = split_quantity(text)
    if not unit:
        return number
    return Quantity(number, unit)


def split_quantity(text: str) -> tuple[float, str]:
    """``"250 degC"`` -> ``(250.0, "degC")``; the unit text is ``""`` for a bare number.

    Raises ``ValueError`` when the text does not start with a number.
    """
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(text)
    return float(match["num"]), match["unit"]


def unit_label(unit: str) -> str:
    """The text shown for a unit in tables and messages (dimensionless as ``(1)``)."""
    return "(1)" if unit in ("1", "") else unit


def with_unit(x: float, unit: str) -> str:
    """``"3.5 (1)"``, ``"90 kg/s"``: a number followed by its unit."""
    return f"{fmt(x)} {unit_label(unit)}"


def range_text(param: Param) -> str:
    """The allowed range of a parameter, e.g. ``"0 … 2 (1)"``."""
    return f"{fmt(param.low)} … {fmt(param.high)} {unit_label(param.unit)}"


def out_of_range_message(param: Param, si: float, given: Any = None) -> str:
    """Message for a value outside ``param.low … param.high``.

    The value is shown in SI, preceded by the text the user gave when that was in
    another unit: ``process_inlet_temp = "1000 degC" (1273.15 K) is outside ...``.
    """
    shown = with_unit(si, param.unit)
    if (isinstance(given, str) or _is_quantity(given)) and not _is_in_unit(given, param.unit):
        shown = f"{_given(given)} ({shown})"
    return f"{param.name} = {shown} is outside the allowed range {range_text(param)}"


def fmt(x: float) -> str:
    """Compact number formatting for messages and tables (6 significant digits)."""
    return f"{x:.6g}"


# --------------------------------------------------------------------------- helpers


def _convert(param: Param, value: Any) -> float:
    if isinstance(value, bool | np.bool_) or value is None:
        raise ParameterError(
            f"{param.name} = {value!r} is not a number; expected {_expected(param)}"
        )
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return _convert_text(param, value)
    if _is_quantity(value):
        magnitude = np.asarray(value.magnitude, dtype=np.float64)
        if magnitude.size != 1:
            raise ParameterError(
                f"{param.name}: expected a single value, got {magnitude.size} values"
            )
        quantity = Quantity(float(magnitude.reshape(-1)[0]), str(value.units))
        return _quantity_to(param, quantity, value)
    if isinstance(value, np.ndarray) and value.size == 1:
        return _convert(param, value.reshape(-1)[0].item())
    raise ParameterError(
        f"{param.name} = {value!r} is not a number or a quantity string; "
        f"expected {_expected(param)}"
    )


def _convert_text(param: Param, text: str) -> float:
    try:
        parsed = parse_quantity(text)
    except ValueError:
        raise ParameterError(
            f'{param.name}: "{text}" is not a number with a unit '
            f'(e.g. "{_example(param)}"); expected {_expected(param)}'
        ) from None
    except pint.UndefinedUnitError as err:
        raise ParameterError(
            f'{param.name}: "{text}" has an unknown unit ({err}); expected {_expected(param)}'
        ) from None
    except pint.PintError as err:
        raise ParameterError(
            f'{param.name}: "{text}" cannot be read as a quantity ({err}); '
            f"expected {_expected(param)}"
        ) from None
    if isinstance(parsed, float):
        return parsed
    return _quantity_to(param, parsed, text)


def _quantity_to(param: Param, quantity: pint.Quantity, given: Any) -> float:
    try:
        return float(quantity.to(_target_unit(param.unit)).magnitude)
    except pint.DimensionalityError:
        raise ParameterError(
            f"{param.name}: {_given(given)} has dimension {quantity.dimensionality}, "
            f"expected {_expected(param)}"
        ) from None


def _expected(param: Param) -> str:
    if param.unit in ("1", ""):
        return "a dimensionless number (a fraction, or e.g. '15 %')"
    return param.unit


def _example(param: Param) -> str:
    if param.unit in ("1", ""):
        return fmt(param.default)
    return f"{fmt(param.default)} {param.unit}"


def _is_in_unit(given: Any, unit: str) -> bool:
    """True when a string or quantity was given in ``unit`` already (no need to repeat)."""
    try:
        parsed = parse_quantity(given) if isinstance(given, str) else given
        if isinstance(parsed, float):
            return True
        return parsed.units == ureg.Unit(_target_unit(unit))
    except (ValueError, pint.PintError):
        return False


def _target_unit(unit: str) -> str:
    return "dimensionless" if unit in ("1", "") else unit


def _is_quantity(value: Any) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units")


def _given(value: Any) -> str:
    if isinstance(value, str) or _is_quantity(value):
        return f'"{value}"'
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return fmt(float(value))
    return repr(value)
