"""The what-if summary against the base case: numbers, sorting, violations, failures."""

from __future__ import annotations

import numpy as np
import pytest
from rich.console import Console

from kernels.contract import FUEL_OUTPUTS, INFEASIBLE, STATUS_MEANING
from tests.twins.conftest import requires_heater
from twins import KernelError, Study
from twins.errors import ScenarioError
from twins.report import summarize
from twins.study import ReportSpec


@pytest.fixture()
def study(toy):
    return Study.grid(
        toy,
        name="toy_report",
        report=ReportSpec(hours_per_year=8000.0, top=4),
        ua=["10 kW/K", "20 kW/K", "40 kW/K"],
        limit_cold_outlet_temp=["400 K", "500 K"],
        fail_code=[0, INFEASIBLE],
    )


@pytest.fixture()
def summary(study):
    return study.summary(study.run(progress=False))


def _render(table) -> str:
    console = Console(width=250, record=True)
    console.print(table)
    return console.export_text()


def test_numbers_against_a_hand_calculation(study, summary, toy):
    base = toy.run()
    row = next(r for r in summary.rows if r["scenario"] == 8)  # ua 40 kW/K, limit 400 K, ok
    r = toy.run(ua=4e4, limit_cold_outlet_temp=400.0)
    f0, f = base.outputs["fuel_input"], r.outputs["fuel_input"]
    assert row["fuel_kg_h"] == pytest.approx(3600.0 * f)
    assert row["fuel_saved_pct"] == pytest.approx(100.0 * (f0 - f) / f0)
    assert row["fuel_saved_MW"] == pytest.approx(
        (base.outputs["fuel_heat_input"] - r.outputs["fuel_heat_input"]) / 1e6
    )
    assert row["fuel_saved_t_yr"] == pytest.approx((f0 - f) * 3600.0 * 8000.0 / 1000.0)
    co2 = base.outputs["co2_emissions"] - r.outputs["co2_emissions"]
    assert row["co2_saved_t_yr"] == pytest.approx(co2 * 3600.0 * 8000.0 / 1000.0)
    assert row["param:ua"] == pytest.approx(40.0)  # shown in the unit the study used
    assert row["violations"] == ["cold_outlet"]  # cold outlet 455 K, above 400 K
    assert row["issues"] == "cold_outlet"
    assert summary.baseline["fuel_saved_pct"] == 0.0


def test_sorted_by_fuel_saved_with_failures_last(summary):
    ok_rows = [r for r in summary.rows if r["ok"]]
    saved = [r["fuel_saved"] for r in ok_rows]
    assert saved == sorted(saved, reverse=True)
    assert summary.rows[: len(ok_rows)] == ok_rows
    failed = summary.rows[len(ok_rows):]
    assert len(failed) == summary.n_failed == 6
    assert all(r["issues"] == STATUS_MEANING[INFEASIBLE] for r in failed)


def test_counts_and_best_feasible(summary):
    # ua 10/20/40 kW/K gives cold outlets of 391, 426, 455 K: above 400 K for two.
    assert summary.n == 12
    assert summary.n_violating == 2
    best = summary.best_feasible()
    assert best["violations"] == [] and best["ok"]
    assert best["param:ua"] == pytest.approx(40.0)


def test_table_shows_baseline_best_rows_and_counts(summary):
    text = _render(summary.table())
    assert "base" in text and "cold_outlet" in text
    assert "[kW/K]" in text and "[t/yr]" in text
    assert "12 scenarios, showing the best 4" in text
    assert "2 violate a limit, 6 failed" in text
    assert len(summary.best()) == 4 and len(summary.best(2)) == 2


def test_missing_outputs_drop_their_columns(study):
    res = study.run(progress=False)
    report = ReportSpec(duty_output="no_such", efficiency_output="effectiveness")
    s = summarize(res, study.baseline(), report)
    keys = [k for k, _ in s.columns]
    assert "fuel_saved_MW" not in keys and "efficiency_pct" in keys


def test_failed_baseline_is_an_error(toy):
    study = Study.grid(toy, report=ReportSpec(baseline={"fail_code": 1}), ua=[1e4])
    with pytest.raises(KernelError, match="baseline scenario"):
        study.summary(study.run(progress=False))


@requires_heater
def test_heater_violations_are_named_from_margins():
    study = Study.grid("heater", excess_air=[0.0, 0.15], air_preheat_temp=["15 degC"])
    s = study.summary(study.run(progress=False))
    low_air = next(r for r in s.rows if r["scenario"] == 0)
    assert "o2" in low_air["violations"]  # 0 % excess air: dry O2 below 1.5 %
    assert np.isfinite(low_air["efficiency_pct"])


def test_defaults_are_the_common_fuel_outputs():
    # ARCHITECTURE.md section 2: the report reads the names every fuel-burning unit reports
    spec = ReportSpec()
    assert (spec.fuel_output, spec.duty_output, spec.co2_output) == tuple(row.name for row in FUEL_OUTPUTS)


def test_fuel_saved_is_heat_saved_when_the_unit_reports_its_fuel_heat(toy):
    # The toy boiler burns (process_duty - recovered heat) / lhv kg/s: a fuel of twice the
    # LHV halves the kilograms for the same heat. By hand: 50 -> 100 MJ/kg gives 50 % less
    # fuel mass, 0 % less fuel heat and (same CO2 factor per kg) 50 % less CO2.
    study = Study.grid(toy, report=ReportSpec(hours_per_year=8000.0), lhv=["50 MJ/kg", "100 MJ/kg"])
    s = study.summary(study.run(progress=False))
    rich_fuel = next(r for r in s.rows if r["param:lhv"] == pytest.approx(100.0))  # in MJ/kg as given
    base = toy.run()
    f0 = base.outputs["fuel_input"]
    assert rich_fuel["fuel_saved_pct"] == pytest.approx(0.0, abs=1e-9)
    assert rich_fuel["fuel_saved_MW"] == pytest.approx(0.0, abs=1e-9)
    assert rich_fuel["fuel_saved_t_yr"] == pytest.approx(0.5 * f0 * 3600.0 * 8000.0 / 1000.0)
    assert rich_fuel["co2_saved_t_yr"] == pytest.approx(0.5 * base.outputs["co2_emissions"] * 3.6 * 8000.0)


def test_further_columns_in_the_unit_asked_for(study, toy):
    res = study.run(progress=False)
    report = ReportSpec(columns={"cold_outlet_temp": "degC", "effectiveness": "%", "duty": ""})
    s = summarize(res, study.baseline(), report)
    row = next(r for r in s.rows if r["scenario"] == 8)
    r = toy.run(ua=4e4, limit_cold_outlet_temp=400.0)
    assert row["output:cold_outlet_temp"] == pytest.approx(r.outputs["cold_outlet_temp"] - 273.15)
    assert row["output:effectiveness"] == pytest.approx(100.0 * r.outputs["effectiveness"])
    assert row["output:duty"] == pytest.approx(r.outputs["duty"])
    text = _render(s.table())
    assert "[°C]" in text and "[%]" in text and "[W]" in text


def test_bad_columns_are_clear_errors(toy):
    outputs = {row.name: row.unit for row in toy.outputs}
    with pytest.raises(ScenarioError, match="'no_such' is not an output"):
        ReportSpec(columns={"no_such": ""}).check_outputs(outputs, "toy")
    with pytest.raises(ScenarioError, match="duty is in W, cannot be shown in 'degC'"):
        ReportSpec(columns={"duty": "degC"}).check_outputs(outputs, "toy")
    with pytest.raises(ScenarioError, match="columns must be a table"):
        ReportSpec.from_dict({"columns": ["duty"]})


def test_specific_outputs_per_tonne_of_product():
    """Per-kg outputs (J/kg, kg/kg) are shown per tonne and saved per tonne and per year
    at the scenario's own production (the unit's PRODUCT flow); hand calculation."""
    study = Study.grid(
        "hall_heroult", name="hh_report",
        report=ReportSpec(hours_per_year=8760.0, fuel_output="specific_energy",
                          co2_output="co2e_intensity", efficiency_output="current_efficiency"),
        acd=["4.0 cm", "4.5 cm"], line_current=["285 kA"],
    )
    result = study.run(progress=False)
    summary = study.summary(result)
    base = study.baseline()
    row = next(r for r in summary.rows if r["scenario"] == 0)
    e0, e = base.outputs["specific_energy"], result.outputs["specific_energy"][0]
    c0, c = base.outputs["co2e_intensity"], result.outputs["co2e_intensity"][0]
    m_al = result.outputs["aluminium_production"][0]
    assert row["fuel_per_t"] == pytest.approx(e / 3.6e6 * 1000.0)  # kWh/t
    assert row["fuel_saved_pct"] == pytest.approx(100.0 * (e0 - e) / e0)
    assert row["fuel_saved_per_t"] == pytest.approx((e0 - e) / 3.6e3)
    assert row["fuel_saved_yr"] == pytest.approx((e0 - e) * m_al * 3600.0 * 8760.0 / 3.6e9)  # MWh/yr
    assert row["co2_per_t"] == pytest.approx(1000.0 * c)
    assert row["co2_saved_per_t"] == pytest.approx(1000.0 * (c0 - c))
    assert row["co2_saved_yr"] == pytest.approx((c0 - c) * m_al * 3600.0 * 8760.0 / 1000.0)  # t/yr
    text = _render(summary.table())
    assert "[kWh/t]" in text and "[MWh/yr]" in text and "[kg/h]" not in text


def test_report_outputs_must_be_flows_or_per_kg():
    spec = ReportSpec(fuel_output="power_dc", co2_output="co2_anode")
    with pytest.raises(ScenarioError, match="power_dc' is in W; the report needs a mass flow"):
        spec.check_outputs({"power_dc": "W", "co2_anode": "kg/s"}, "hall_heroult")
