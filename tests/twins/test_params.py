"""Parameter vectors and matrices: defaults, overrides, range, composition and rule checks."""

from __future__ import annotations

import numpy as np
import pytest

from kernels import heater
from kernels.contract import defaults
from tests.twins import toy_kernel as toy
from twins.errors import ParameterError
from twins.params import (
    build_vector,
    check_composition,
    check_matrix,
    check_rules,
    find_param,
)

GROUPS = toy.COMPOSITION_GROUPS


def test_defaults_when_nothing_is_overridden():
    np.testing.assert_array_equal(build_vector(toy.PARAMS, groups=GROUPS), defaults(toy.PARAMS))


def test_overrides_are_converted_and_placed_by_name():
    p = build_vector(
        toy.PARAMS, {"hot_flow": "18 t/h", "cold_inlet_temp": "30 degC"}, groups=GROUPS
    )
    assert p[toy.I_HOT_FLOW] == pytest.approx(5.0)
    assert p[toy.I_COLD_INLET_TEMP] == pytest.approx(303.15)
    untouched = [i for i in range(len(p)) if i not in (toy.I_HOT_FLOW, toy.I_COLD_INLET_TEMP)]
    np.testing.assert_array_equal(p[untouched], defaults(toy.PARAMS)[untouched])


def test_unknown_name_lists_close_matches():
    with pytest.raises(ParameterError) as err:
        build_vector(heater.PARAMS, {"excess_ai": 0.1}, unit="heater")
    assert "unknown parameter 'excess_ai' of heater" in str(err.value)
    assert "did you mean: excess_air" in str(err.value)


def test_unknown_name_without_close_match_points_to_info():
    with pytest.raises(ParameterError, match=r"heattwin info heater"):
        find_param(heater.PARAMS, "zzzz", unit="heater")


def test_out_of_range_override_is_rejected_before_anything_runs():
    with pytest.raises(ParameterError, match=r"hot_flow = -2 kg/s is outside .* 0.1 … 100 kg/s"):
        build_vector(toy.PARAMS, {"hot_flow": -2.0}, groups=GROUPS)


def test_composition_must_sum_to_one():
    with pytest.raises(ParameterError) as err:
        build_vector(toy.PARAMS, {"cold_x_water": 0.9}, groups=GROUPS)
    message = str(err.value)
    assert "cold_x_* fractions sum to 1.1" in message
    assert "cold_x_water = 0.9" in message and "cold_x_glycol = 0.2" in message


def test_composition_within_tolerance_passes():
    p = build_vector(toy.PARAMS, {"cold_x_water": 0.5, "cold_x_glycol": 0.5}, groups=GROUPS)
    assert p[toy.I_COLD_X_WATER] == 0.5


def test_heater_default_fuel_composition_sums_to_one():
    P = defaults(heater.PARAMS)[np.newaxis, :]
    check_composition(heater.PARAMS, P, heater.COMPOSITION_GROUPS)
    P[0, heater.I_FUEL_X_CH4] += 0.05
    with pytest.raises(ParameterError, match=r"fuel_x_\* fractions sum to 1.05"):
        check_composition(heater.PARAMS, P, heater.COMPOSITION_GROUPS)


def _matrix(n=6):
    return np.tile(defaults(toy.PARAMS), (n, 1))


def test_check_matrix_passes_good_rows():
    check_matrix(toy.PARAMS, _matrix(), groups=GROUPS)


def test_check_matrix_reports_the_first_offending_row_and_parameter():
    P = _matrix()
    P[3, toy.I_UA] = -1.0
    P[3, toy.I_HOT_FLOW] = 1e6  # earlier column of the same row is reported first
    P[5, toy.I_HOT_FLOW] = 1e6
    with pytest.raises(ParameterError) as err:
        check_matrix(toy.PARAMS, P, groups=GROUPS)
    assert str(err.value) == (
        "scenario row 3: hot_flow = 1e+06 kg/s is outside the allowed range 0.1 … 100 kg/s"
    )


def test_check_matrix_reports_nan():
    P = _matrix()
    P[4, toy.I_LHV] = np.nan
    with pytest.raises(ParameterError, match=r"scenario row 4: lhv = nan is not a finite"):
        check_matrix(toy.PARAMS, P, groups=GROUPS)


def test_check_matrix_reports_composition_row():
    P = _matrix()
    P[2, toy.I_COLD_X_GLYCOL] = 0.0
    with pytest.raises(ParameterError, match=r"scenario row 2: cold_x_\* fractions sum to 0.8"):
        check_matrix(toy.PARAMS, P, groups=GROUPS)


def test_check_matrix_rejects_wrong_shape():
    with pytest.raises(ParameterError, match=r"shape \(6, 12\), expected \(n_scenarios, 13\)"):
        check_matrix(toy.PARAMS, _matrix()[:, :-1])


def _outlet_above_inlet(values):
    if values["cold_inlet_temp"] >= values["hot_inlet_temp"]:
        return ["hot_inlet_temp must be above cold_inlet_temp"]
    return []


def test_consistency_rules_name_the_values():
    with pytest.raises(ParameterError) as err:
        build_vector(toy.PARAMS, {"hot_inlet_temp": 310.0, "cold_inlet_temp": 320.0},
                     groups=GROUPS, rules=_outlet_above_inlet)
    assert str(err.value) == (
        "hot_inlet_temp must be above cold_inlet_temp "
        "(hot_inlet_temp = 310 K, cold_inlet_temp = 320 K)"
    )


def test_consistency_rules_on_a_matrix_report_the_row():
    P = _matrix()
    P[4, toy.I_COLD_INLET_TEMP] = 450.0
    P[4, toy.I_HOT_INLET_TEMP] = 400.0
    with pytest.raises(ParameterError, match=r"^scenario row 4: hot_inlet_temp must be above"):
        check_rules(toy.PARAMS, P, _outlet_above_inlet, rows=True)
    check_rules(toy.PARAMS, _matrix(), _outlet_above_inlet, rows=True)


def test_heater_rules_are_applied():
    with pytest.raises(ParameterError, match="air_preheat_temp must be at least ambient_temp"):
        build_vector(heater.PARAMS, {"air_preheat_temp": "5 degC"},
                     rules=heater.check_consistency)
