"""Studies: grids, TOML study files, chunked runs (in memory; the store has its own tests)."""

from __future__ import annotations

import numpy as np
import pytest

from kernels.contract import INFEASIBLE, OK
from tests.twins.conftest import EXAMPLES, TOY, heater_importable, requires_heater
from twins import ParameterError, Scenario, Study
from twins.errors import ScenarioError
from twins.study import ReportSpec
from twins.units import ureg


def _count_batches(twin, monkeypatch):
    calls = []
    original = twin.run_batch

    def counting(P, **kw):
        calls.append(len(P))
        return original(P, **kw)

    monkeypatch.setattr(twin, "run_batch", counting)
    return calls


def test_grid_shape_order_and_si_values(toy):
    study = Study.grid(toy, hot_flow=[5, 10], cold_inlet_temp=["20 degC", "30 degC", "40 degC"])
    assert study.shape == (2, 3) and study.n_scenarios == 6
    assert study.swept == ["hot_flow", "cold_inlet_temp"]
    P = study.matrix()
    hot = P[:, toy.param_names.index("hot_flow")]
    cold = P[:, toy.param_names.index("cold_inlet_temp")]
    np.testing.assert_array_equal(hot, [5, 5, 5, 10, 10, 10])  # first axis slowest
    np.testing.assert_allclose(cold, [293.15, 303.15, 313.15] * 2)
    others = [i for i in range(13) if i not in (0, 4)]
    np.testing.assert_array_equal(P[:, others], np.tile(toy.defaults()[others], (6, 1)))
    assert study.axes[1].display_unit == "degC"
    np.testing.assert_allclose(study.axes[1].display_values(), [20, 30, 40])


def test_axis_forms(toy):
    study = Study.grid(
        toy,
        ua={"start": 10, "stop": 50, "num": 5, "unit": "kW/K"},
        cold_inlet_temp={"values": [20, 40], "unit": "degC"},
        hot_flow=ureg.Quantity(np.array([18.0, 36.0]), "t/h"),
        lhv="50 MJ/kg",
        co2_factor=np.array([2.5, 2.75]),
    )
    np.testing.assert_allclose(study.axes[0].values, [1e4, 2e4, 3e4, 4e4, 5e4])
    np.testing.assert_allclose(study.axes[1].values, [293.15, 313.15])
    np.testing.assert_allclose(study.axes[2].values, [5.0, 10.0])
    np.testing.assert_allclose(study.axes[3].values, [5e7])
    np.testing.assert_allclose(study.axes[4].values, [2.5, 2.75])
    assert study.n_scenarios == 5 * 2 * 2 * 1 * 2


def test_base_overrides_apply_to_every_scenario(toy):
    study = Study.grid(toy, base={"lhv": "40 MJ/kg"}, ua=[1e4, 2e4])
    assert (study.matrix()[:, toy.param_names.index("lhv")] == 4e7).all()


@pytest.mark.parametrize(
    ("axes", "match"),
    [
        ({"hot_flow": [5, 1000]}, r"hot_flow = 1000 kg/s is outside the allowed range"),
        ({"hot_flow": ["5 m"]}, r"dimension \[length\]"),
        ({"hot_flow": [float("nan")]}, r"not a finite number"),
        ({"hot_flw": [5]}, r"unknown parameter 'hot_flw'.*hot_flow"),
        ({"hot_flow": []}, r"no values"),
        ({"ua": {"start": 1, "stop": 2}}, r"missing num"),
        ({"ua": {"start": 1, "stop": 2, "num": 0}}, r"num = 0"),
        ({"ua": {"start": 1, "stop": 2, "num": 2, "step": 1}}, r"unknown key 'step'"),
        ({"cold_x_water": [0.5, 0.8]}, r"scenario row 0: cold_x_\* fractions sum to 0.7"),
    ],
)
def test_bad_axes_fail_before_any_kernel_call(toy, monkeypatch, axes, match):
    calls = _count_batches(toy, monkeypatch)
    with pytest.raises(ParameterError, match=match):
        Study.grid(toy, **axes).run(progress=False)
    assert calls == []


def test_run_in_memory_equals_single_runs_in_chunks(toy, monkeypatch):
    study = Study.grid(toy, ua=np.linspace(1e4, 5e4, 5), hot_flow=[5, 10, 20],
                       fail_code=[0, INFEASIBLE])
    calls = _count_batches(toy, monkeypatch)
    res = study.run(chunk_size=7, progress=False)
    assert calls == [7, 7, 7, 7, 2]
    assert res.n == 30 and res.computed == 30 and res.store is None
    np.testing.assert_array_equal(res.status, [OK, INFEASIBLE] * 15)
    for i in (0, 13, 28):
        r = toy.run(dict(zip(toy.param_names, res.params[i], strict=True)), check_status=False)
        assert res.outputs["duty"][i] == pytest.approx(r.outputs["duty"], rel=1e-13)
        np.testing.assert_allclose(res.profiles["T_cold"][i], r.profiles["T_cold"], rtol=1e-13)
    np.testing.assert_array_equal(res.param("hot_flow")[:6], [5, 5, 10, 10, 20, 20])


def test_progress_bar_is_silent_off_a_terminal(toy, capsys):
    Study.grid(toy, ua=[1e4, 2e4]).run(progress=True)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_chunk_size_must_be_positive(toy):
    with pytest.raises(ParameterError, match="chunk_size"):
        Study.grid(toy, ua=[1e4]).run(chunk_size=0)


def test_spec_hash_follows_the_numbers_not_the_labels(toy):
    a = Study.grid(toy, name="a", ua=[1e4, 2e4])
    b = Study.grid(toy, name="b", ua=["10 kW/K", "20 kW/K"])
    c = Study.grid(toy, name="a", ua=[1e4, 3e4])
    assert a.spec_hash() == b.spec_hash() != c.spec_hash()
    assert a.spec()["axes"][0]["values"] == [1e4, 2e4]


def test_study_file(toy_study):
    study = Study.from_toml(toy_study)
    assert study.name == "toy_sweep" and study.twin.name == TOY
    assert study.shape == (5, 2, 3)
    assert study.base["hot_flow"] == "36 t/h"  # from the base scenario file
    assert study.report.hours_per_year == 8000.0
    assert study.report.fuel_output == "fuel_input"
    np.testing.assert_allclose(study.axes[0].values, np.linspace(1e4, 5e4, 5))


def _study_file(tmp_path, body):
    (tmp_path / "base.toml").write_text(f'[scenario]\nunit = "{TOY}"\n', encoding="utf-8")
    path = tmp_path / "study.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "error", "match"),
    [
        ("[study]\nbase = 'base.toml'\n", ScenarioError, r"missing table \[sweep\]"),
        ("[study]\nbase = 'base.toml'\n[sweep]\n", ScenarioError, r"\[sweep\] is empty"),
        ("[study]\nbase = 'missing.toml'\n[sweep]\nua = [1]\n", ScenarioError,
         r"missing.toml: no such file"),
        ("[study]\nbase = 'base.toml'\nunit = 'heater'\n[sweep]\nua = [1]\n", ScenarioError,
         r"unit = 'heater' but the base scenario .* is for unit"),
        ("[study]\nbase = 'base.toml'\nrepeat = 2\n[sweep]\nua = [1]\n", ScenarioError,
         r"unknown key in \[study\] 'repeat'"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = [1]\n[report]\nhours = 1\n", ScenarioError,
         r"unknown key in \[report\] 'hours'"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = [1]\n[report]\nhours_per_year = 9000\n",
         ScenarioError, r"hours_per_year = 9000"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = [1]\n[report]\nco2_output = 'co2'\n",
         ScenarioError, r"co2_output = 'co2' is not an output"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = [-1]\n", ParameterError,
         r"study.toml: \[sweep\] ua = -1 W/K is outside the allowed range 0 … 1e\+06 W/K"),
        ("[study]\nbase = 'base.toml'\n[params]\nlhv = 1\n[sweep]\nua = [1]\n", ParameterError,
         r"study.toml: \[params\] lhv = 1 J/kg is outside"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = [1]\n[report]\nbaseline = {ua = -4}\n",
         ParameterError, r"\[report\] baseline ua = -4 W/K"),
        ("[study]\nname = 'x'\n[sweep]\nua = [1]\n", ScenarioError, r"needs unit"),
        ("[study]\nbase = 'base.toml'\n[sweep]\nua = 1 2\n", ScenarioError, r"line 4"),
    ],
)
def test_study_file_errors(tmp_path, body, error, match):
    with pytest.raises(error, match=match):
        Study.from_toml(_study_file(tmp_path, body))


def test_study_params_table_overrides_the_base(tmp_path):
    path = _study_file(
        tmp_path, "[study]\nbase = 'base.toml'\n[params]\nlhv = '40 MJ/kg'\n[sweep]\nua = [1e4]\n"
    )
    study = Study.from_toml(path)
    assert study.matrix()[0, 9] == 4e7


def test_study_from_a_scenario_object(toy_scenario, toy):
    base = Scenario.from_toml(toy_scenario)
    study = Study(TOY, {"ua": [1e4, 2e4]}, base=base)
    assert study.base == base.params
    with pytest.raises(ScenarioError, match="is for unit"):
        Study("heater", {"excess_air": [0.1]}, base=base)


def test_baseline_uses_report_overrides(toy):
    study = Study.grid(toy, report=ReportSpec(baseline={"ua": "5 kW/K"}), ua=[1e4])
    assert study.baseline().params["ua"] == 5000.0


@pytest.mark.skipif(not heater_importable(), reason="kernels.heater does not import")
def test_demo_study_file_is_the_documented_grid():
    study = Study.from_toml(EXAMPLES / "heater_demo_study.toml")
    assert study.twin.name == "heater" and study.name == "heater_demo"
    assert study.shape == (8, 4, 3) and study.n_scenarios == 96
    np.testing.assert_allclose(study.axes[0].values, np.linspace(0.05, 0.40, 8))
    np.testing.assert_allclose(study.axes[1].display_values(), [15, 150, 250, 350])
    np.testing.assert_allclose(study.axes[2].values, [6, 8, 10])
    study.twin.check(study.matrix())


@requires_heater
def test_heater_grid_runs():
    res = Study.grid("heater", excess_air=[0.1, 0.2]).run(progress=False)
    assert (res.status == OK).all()
    assert res.outputs["fuel_flow"][0] < res.outputs["fuel_flow"][1]
