"""Unit conversion at the boundary: twins.units.to_si and its messages."""

from __future__ import annotations

import math

import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.contract import Param
from twins.errors import ParameterError
from twins.units import convert, parse_quantity, to_si, ureg

FLOW = Param("fuel_flow_max", "kg/s", 5.0, 0.01, 100.0, "largest fuel flow")
EXCESS_AIR = Param("excess_air", "1", 0.15, 0.0, 2.0, "air above stoichiometric")
T_IN = Param("process_inlet_temp", "K", 533.15, 250.0, 900.0, "inlet temperature")
CP = Param("process_cp", "J/(kg*K)", 2800.0, 1000.0, 5000.0, "heat capacity")


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        (FLOW, 1.5, 1.5),
        (FLOW, 2, 2.0),
        (FLOW, np.float32(0.5), 0.5),
        (FLOW, "1.5 kg/s", 1.5),
        (FLOW, "5.4 t/h", 1.5),
        (FLOW, "1.5", 1.5),  # a bare number in a string is SI
        (FLOW, "  90 kg/min ", 1.5),
        (T_IN, "250 degC", 523.15),
        (T_IN, "250 °C", 523.15),
        (T_IN, "482 degF", (482 - 32) / 1.8 + 273.15),
        (T_IN, "600 K", 600.0),
        (EXCESS_AIR, "15 %", 0.15),
        (EXCESS_AIR, "15 percent", 0.15),
        (EXCESS_AIR, 0.15, 0.15),
        (CP, "2.8 kJ/(kg*K)", 2800.0),
        (CP, "2.8 kJ/kg/delta_degC", 2800.0),
    ],
)
def test_accepted_values_convert_to_si(param, value, expected):
    assert to_si(param, value) == pytest.approx(expected, rel=1e-12)


def test_pint_quantities_from_our_registry_and_another():
    assert to_si(FLOW, ureg.Quantity(3600, "kg/h")) == pytest.approx(1.0)
    other = pint.UnitRegistry()
    assert to_si(T_IN, other.Quantity(300.0, "degC")) == pytest.approx(573.15)
    assert to_si(EXCESS_AIR, other.Quantity(20, "percent")) == pytest.approx(0.2)


def test_range_error_names_parameter_value_and_range():
    with pytest.raises(ParameterError) as err:
        to_si(EXCESS_AIR, 3.5)
    assert str(err.value) == "excess_air = 3.5 (1) is outside the allowed range 0 … 2 (1)"


def test_range_error_shows_given_text_and_si_value():
    with pytest.raises(ParameterError) as err:
        to_si(T_IN, "1000 degC")
    assert str(err.value) == (
        'process_inlet_temp = "1000 degC" (1273.15 K) is outside the allowed range 250 … 900 K'
    )


def test_negative_flow_is_out_of_range():
    with pytest.raises(ParameterError, match=r"fuel_flow_max = -1 kg/s .* 0.01 … 100 kg/s"):
        to_si(FLOW, "-1 kg/s")


def test_wrong_dimension_message():
    with pytest.raises(ParameterError) as err:
        to_si(FLOW, "3 m")
    assert str(err.value) == 'fuel_flow_max: "3 m" has dimension [length], expected kg/s'


def test_dimensionless_parameter_rejects_a_dimension():
    with pytest.raises(ParameterError, match=r'excess_air: "2 kg" has dimension \[mass\]'):
        to_si(EXCESS_AIR, "2 kg")


def test_percent_is_not_accepted_for_a_flow():
    with pytest.raises(ParameterError, match="dimensionless"):
        to_si(FLOW, "15 %")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan kg/s", "inf", "-inf kg/s"])
def test_nan_and_inf_are_rejected(value):
    with pytest.raises(ParameterError, match=r"fuel_flow_max = .* is not a finite number"):
        to_si(FLOW, value)


def test_nan_is_rejected_even_without_range_check():
    with pytest.raises(ParameterError, match="not a finite number"):
        to_si(FLOW, math.nan, check_range=False)


@pytest.mark.parametrize("value", [True, None, [1.0], {"a": 1}, np.array([1.0, 2.0])])
def test_non_numbers_are_rejected(value):
    with pytest.raises(ParameterError, match="fuel_flow_max"):
        to_si(FLOW, value)


def test_text_without_a_number_is_rejected_with_an_example():
    with pytest.raises(ParameterError, match=r'"fast" is not a number .*e\.g\. "5 kg/s"'):
        to_si(FLOW, "fast")


def test_unknown_unit_is_named():
    with pytest.raises(ParameterError, match=r"unknown unit .*kgg"):
        to_si(FLOW, "5 kgg/s")


def test_quantity_arrays_are_rejected():
    with pytest.raises(ParameterError, match="single value"):
        to_si(FLOW, ureg.Quantity([1.0, 2.0], "kg/s"))


def test_check_range_false_allows_values_outside_the_range():
    assert to_si(EXCESS_AIR, 3.5, check_range=False) == 3.5


def test_range_limits_are_inclusive():
    assert to_si(EXCESS_AIR, 0.0) == 0.0
    assert to_si(EXCESS_AIR, "200 %") == pytest.approx(2.0)


def test_convert_and_parse():
    assert convert(288.15, "K", "degC") == pytest.approx(15.0)
    np.testing.assert_allclose(convert([0.1, 0.2], "1", "%"), [10.0, 20.0])
    assert parse_quantity("12") == 12.0
    assert parse_quantity("12 m").to("mm").magnitude == pytest.approx(12000.0)


@given(st.floats(min_value=0.011, max_value=99.0))
def test_flow_round_trip_through_other_units(x):
    assert to_si(FLOW, f"{x * 3.6!r} t/h") == pytest.approx(x, rel=1e-12)


@given(st.floats(min_value=251.0, max_value=899.0))
def test_celsius_round_trip(t_kelvin):
    assert to_si(T_IN, f"{t_kelvin - 273.15!r} degC") == pytest.approx(t_kelvin, rel=1e-12)
