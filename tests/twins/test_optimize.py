"""Optimisation (twins.optimize): analytic optima, failed scenarios are infeasible, every
evaluation stored and reused, interrupted runs end where an uninterrupted one does, the
heater optimum beats the demo's best grid point within the same limits, clear errors."""

from __future__ import annotations

import math
from dataclasses import replace

import h5py
import numpy as np
import pytest
import xarray as xr

from tests.twins import analytic_kernel
from tests.twins.conftest import EXAMPLES, requires_heater
from tests.twins.test_store import assert_same_file
from twins import Study, StudyResult, UnitTwin, cli
from twins.errors import ParameterError, ScenarioError, StoreError
from twins.optimize import Optimization, OptimizeSpec, read_optimum

PI = math.pi


@pytest.fixture(scope="module")
def ak() -> UnitTwin:
    return UnitTwin(analytic_kernel)


def _opt(twin, base=None, **kw):
    data = {"objective": "paraboloid", "constraints": ["x_sum <= 2"], "seed": 2,
            "variables": {"x1": [-3, 3], "x2": [-3, 3]}} | kw
    return Optimization(twin, OptimizeSpec.from_dict(data, twin), base=base, name="opt")


def test_constrained_paraboloid_lands_on_the_projection(ak):
    """min (x1-1)² + (x2-2)² s.t. x1 + x2 <= 2: the optimum is the projection of (1, 2)
    onto the line, (0.5, 1.5), with value 0.5 (hand calculation: the gradient
    (2(x1-1), 2(x2-2)) = (-1, -1) is normal to the line there)."""
    best = _opt(ak).run()
    assert best.feasible
    assert best.result.params["x1"] == pytest.approx(0.5, abs=1e-6)
    assert best.result.params["x2"] == pytest.approx(1.5, abs=1e-6)
    assert best.objective == pytest.approx(0.5, abs=1e-8)
    (c, value, margin), = best.constraints
    assert c.output == "x_sum" and value == pytest.approx(2.0, abs=1e-8) and margin >= -2e-9
    assert "SLSQP polish" in best.message and best.computed == best.evaluations


def test_a_window_is_two_bounds_on_one_output(ak):
    """A window such as a blast furnace's RAFT range: 0.5 <= x1 + x2 <= 1. The free
    minimum (1, 2) lies above it, so the optimum is its projection onto x1 + x2 = 1,
    (0, 1), value 2 (distance (3 - 1)/√2, squared)."""
    best = _opt(ak, constraints=["x_sum >= 0.5", "x_sum <= 1"]).run()
    assert best.feasible and best.objective == pytest.approx(2.0, abs=1e-7)
    assert [round(m, 6) for _, _, m in best.constraints] == [0.5, 0.0]


def test_maximize_on_a_circle(ak):
    """max x1 + x2 s.t. (x1-1)² + (x2-2)² <= 1: the point of the circle along (1, 1)
    from its centre, x1 + x2 = 3 + √2."""
    best = _opt(ak, objective="x_sum", sense="maximize", constraints=["paraboloid <= 1"]).run()
    assert best.feasible and best.objective == pytest.approx(3 + math.sqrt(2), abs=1e-6)
    assert best.result.params["x1"] == pytest.approx(1 + math.sqrt(0.5), abs=1e-4)


def test_without_polish_differential_evolution_alone_gets_close(ak):
    best = _opt(ak, polish=False).run()
    assert best.feasible and best.objective == pytest.approx(0.5, abs=0.05)
    assert "SLSQP" not in best.message


def test_slsqp_alone_starts_from_the_base_case(ak):
    best = _opt(ak, method="slsqp", base={"x1": -1.0, "x2": -1.0}).run()
    assert best.feasible and best.objective == pytest.approx(0.5, abs=1e-8)
    assert best.evaluations < 100  # a local method: a few gradient batches


def test_within_limits_adds_every_margin_output_as_a_constraint(toy):
    """Toy economiser: more UA recovers more heat and saves fuel until the cold outlet
    reaches its limit (400 K, the kernel's ``cold_outlet_margin``). The optimum UA is
    where the plain-Python ε-NTU reference gives exactly 400 K (brentq), and without
    the limits the optimiser runs far past it (the fuel keeps falling, ever more slowly,
    as the effectiveness tends to 1)."""
    from scipy.optimize import brentq

    from tests.twins import toy_kernel

    def spec(**kw):
        data = {"objective": "fuel_input", "variables": {"ua": [1e4, 1e6]}, "seed": 0} | kw
        return OptimizeSpec.from_dict(data, toy)

    opt = Optimization(toy, spec())
    assert [c.text() for c in opt.constraints] == ["cold_outlet_margin >= 0 K"]
    best = opt.run()
    p = toy.defaults()

    def cold_outlet_minus_limit(ua):
        p[toy_kernel.I_UA] = ua
        return toy_kernel.reference(p)["cold_outlet_temp"] - 400.0

    ua_limit = brentq(cold_outlet_minus_limit, 1e4, 1e6, xtol=1e-6)
    assert best.feasible
    assert best.result.params["ua"] == pytest.approx(ua_limit, rel=1e-5)
    assert best.result.outputs["cold_outlet_temp"] <= 400.0 + 1e-6
    free = Optimization(toy, spec(within_limits=False)).run()
    assert free.result.params["ua"] > 10 * ua_limit
    assert free.result.outputs["cold_outlet_margin"] < 0 and free.objective < best.objective


def test_failed_scenarios_are_infeasible(ak, tmp_path):
    """Ishigami over x1, x3 with x2 = 0: sin x1 (1 + 0.1 x3⁴) is least at x1 = -π/2 and
    |x3| as large as allowed. The kernel fails for |x3| > 3, so the optimum is
    -(1 + 0.1·3⁴) = -9.1 at the edge of the failing region, never inside it."""
    store = tmp_path / "ish.h5"
    best = _opt(ak, base={"fail_above": 3.0}, objective="ishigami", constraints=[],
                variables={"x1": [-PI, PI], "x3": [-PI, PI]}).run(store)
    assert best.result.status == 0 and abs(best.result.params["x3"]) <= 3.0
    assert best.feasible and best.objective == pytest.approx(-9.1, abs=0.02)
    assert best.result.params["x1"] == pytest.approx(-PI / 2, abs=0.05)
    with h5py.File(store, "r") as h5:
        status = h5["scenarios/status"][...]
        feasible = h5["analysis/optimum/feasible"][...]
    assert (status == 3).sum() > 10  # the search did try the failing region
    assert not feasible[status != 0].any()


def test_every_evaluation_is_stored_and_reused(ak, tmp_path, monkeypatch):
    store = tmp_path / "opt.h5"
    first = _opt(ak).run(store)
    with h5py.File(store, "r") as h5:
        n = h5["scenarios/status"].shape[0]
        assert n == first.computed == first.evaluations
        assert (h5["scenarios/status"][...] == 0).all()
        assert h5["scenario"].shape == (n,)
    result = StudyResult.from_store(store)
    assert result.n == n and [a.name for a in result.axes] == ["x1", "x2"]
    with xr.open_dataset(store, engine="h5netcdf", group="outputs") as ds:
        assert ds["paraboloid"].dims == ("scenario",) and ds.sizes["scenario"] == n
    info = read_optimum(store)
    assert info["scenario"] == first.row and info["objective"] == "paraboloid"
    np.testing.assert_allclose(result.param("x1")[first.row], first.result.params["x1"])

    calls = []
    monkeypatch.setattr(ak, "run_batch", lambda P, **kw: calls.append(len(P)))
    again = _opt(ak).run(store)
    assert calls == [] and again.computed == 0 and again.evaluations == first.evaluations
    assert again.row == first.row and again.objective == first.objective


def test_an_interrupted_run_resumes_from_the_store_and_ends_the_same(ak, tmp_path, monkeypatch):
    reference = tmp_path / "ref.h5"
    full = _opt(ak).run(reference)

    path = tmp_path / "cut.h5"
    original = ak.run_batch
    calls = []

    def dies_after_5(P, **kw):
        if len(calls) == 5:
            raise KeyboardInterrupt
        calls.append(len(P))
        return original(P, **kw)

    monkeypatch.setattr(ak, "run_batch", dies_after_5)
    with pytest.raises(KeyboardInterrupt):
        _opt(ak).run(path)
    stored = sum(calls)
    with h5py.File(path, "r") as h5:
        assert h5["scenarios/status"].shape[0] == stored

    monkeypatch.setattr(ak, "run_batch", original)
    resumed = _opt(ak).run(path)
    assert resumed.computed == full.computed - stored
    assert resumed.row == full.row and resumed.objective == full.objective
    assert_same_file(path, reference)  # same rows, same order, same numbers


def test_a_killed_append_leaves_no_half_row(ak, tmp_path):
    """Rows whose status was never written (a kill between numbers and status) are
    dropped when the file is opened again."""
    store = tmp_path / "opt.h5"
    first = _opt(ak).run(store)
    with h5py.File(store, "r+") as h5:
        for name in ("scenario", "scenarios/status", "scenarios/params", "outputs/x_sum"):
            h5[name].resize(first.computed + 3, axis=0)
    again = _opt(ak).run(store)
    assert again.computed == 0
    with h5py.File(store, "r") as h5:
        assert h5["scenarios/status"].shape[0] == first.computed


def test_a_store_of_another_base_case_is_refused_other_options_reuse_it(ak, tmp_path):
    store = tmp_path / "opt.h5"
    _opt(ak).run(store)
    with pytest.raises(StoreError, match="different study"):
        _opt(ak, base={"x3": 1.0}).run(store)
    again = _opt(ak, base={"x1": 2.0}).run(store)  # a variable's base value is never used
    assert again.computed == 0
    tighter = _opt(ak, constraints=["x_sum <= 1.5"]).run(store)
    # projection of (1, 2) onto x1 + x2 = 1.5: distance (3 - 1.5)/√2, squared 1.125
    assert tighter.objective == pytest.approx(1.125, abs=1e-6)
    assert tighter.evaluations - tighter.computed > 0  # earlier evaluations reused
    assert read_optimum(store)["constraints"][0]["constraint"] == "x_sum <= 1.5 (1)"


# ---------------------------------------------------------------- the heater


@pytest.fixture(scope="module")
def heater_optimum(tmp_path_factory):
    store = tmp_path_factory.mktemp("hopt") / "opt.h5"
    opt = Optimization.from_toml(EXAMPLES / "heater_optimize.toml")
    return opt, opt.run(store), store


@requires_heater
def test_heater_optimum_beats_the_demo_grid_within_the_same_limits(heater_optimum):
    """The demo's best grid point within its limits (96 scenarios over the same three
    levers and ranges) is an upper bound for the optimiser's fuel."""
    opt, best, _ = heater_optimum
    demo = Study.from_toml(EXAMPLES / "heater_demo_study.toml")
    grid = demo.run(progress=False)
    row = demo.summary(grid).best_feasible()
    grid_fuel = grid.outputs["fuel_flow"][row["scenario"]]
    assert best.feasible and best.objective <= grid_fuel
    out = best.result.outputs
    for margin in ("tube_metal_margin", "bridgewall_margin", "o2_margin", "stack_temp_margin"):
        assert out[margin] >= -1e-9 * max(1.0, abs(out[margin])), margin
    assert float(best.result.params["conv_rows"]).is_integer()
    assert 0.05 <= best.result.params["excess_air"] <= 0.40


@requires_heater
@pytest.mark.parametrize("conv_rows", [7, 9, 10])
def test_heater_optimum_fuel_does_not_depend_on_convection_rows(conv_rows):
    """With the O2 and stack-temperature limits active, the efficiency is fixed by the
    energy balance (1 - stack loss - setting loss, both set by stack temperature and
    excess air), so any number of convection rows reaches the same least fuel once the
    air preheat is chosen to bring the stack to 150 °C. The optimum with conv_rows fixed
    must reproduce the free optimum's fuel to 1e-8 and sit on both limits."""
    free = Optimization.from_toml(EXAMPLES / "heater_optimize.toml")
    base = {**free.base, "conv_rows": conv_rows}
    spec = replace(free.spec, variables=free.spec.variables[:2])
    best = Optimization(free.twin, spec, base=base).run()
    assert best.objective == pytest.approx(0.7766368136, rel=1e-8)
    assert best.result.outputs["stack_temp"] == pytest.approx(423.15, abs=1e-5)
    assert best.result.outputs["o2_dry"] == pytest.approx(0.015, abs=1e-9)


@requires_heater
def test_the_demo_study_optimised_from_python(heater_optimum):
    """``Study.optimize`` on the demo grid: its axes become the variables (conv_rows an
    integer), its limits (every *_margin >= 0) the constraints; the same least fuel."""
    demo = Study.from_toml(EXAMPLES / "heater_demo_study.toml")
    best = demo.optimize("fuel_flow", seed=0)
    assert [r.name for r in best.variables] == ["excess_air", "air_preheat_temp", "conv_rows"]
    assert [r.integer for r in best.variables] == [False, False, True]
    assert best.variables[1].display_unit == "degC"
    assert best.feasible and best.objective == pytest.approx(heater_optimum[1].objective, rel=1e-8)
    assert {c.output for c, _, _ in best.constraints} == {
        "tube_metal_margin", "bridgewall_margin", "o2_margin", "stack_temp_margin"}


@requires_heater
def test_heater_optimum_stores_every_evaluation(heater_optimum):
    _, best, store = heater_optimum
    result = StudyResult.from_store(store)
    assert result.n == best.evaluations == best.computed
    np.testing.assert_allclose(result.outputs["fuel_flow"][best.row], best.objective)
    ok = result.ok & (result.outputs["o2_margin"] >= 0) & (result.outputs["stack_temp_margin"] >= 0)
    assert best.objective <= result.outputs["fuel_flow"][ok].min() + 1e-12


@requires_heater
def test_heattwin_optimize_prints_optimum_constraints_and_what_if(capsys, tmp_path):
    store = tmp_path / "h.h5"
    code = cli.main(["optimize", str(EXAMPLES / "heater_optimize.toml"), "--store", str(store)])
    out, err = capsys.readouterr()
    assert code == 0, err
    for text in ("minimize fuel_flow of heater", "tube_metal_temp_max", "<= 625", "o2_dry",
                 ">= 1.5", "margin", "feasible;", "optimum (row", "fuel saved", "base"):
        assert text in out, text
    code = cli.main(["optimize", str(EXAMPLES / "heater_optimize.toml"), "--store", str(store)])
    out, _ = capsys.readouterr()
    assert code == 0 and "(0 computed," in out
    code = cli.main(["show", str(store)])
    out, _ = capsys.readouterr()
    assert code == 0 and "optimum (minimize fuel_flow): scenario" in out


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("change", "error", "pattern"),
    [
        ({"method": "nelder-mead"}, ScenarioError,
         r"method = 'nelder-mead' is not allowed; allowed: differential_evolution, slsqp"),
        ({"sense": "min"}, ScenarioError, r"sense = 'min' is not allowed; allowed: minimize, maximize"),
        ({"objective": "paraboloi"}, ScenarioError,
         r"objective: unknown output 'paraboloi'.*did you mean: paraboloid"),
        ({"objective": None}, ScenarioError, r'needs objective = "<output>"'),
        ({"variables": {"x9": [0, 1]}}, ParameterError, r"unknown parameter 'x9'"),
        ({"variables": {"x1": [-5, 1]}}, ParameterError,
         r"x1 = -5 \(1\) is outside the allowed range -3.14159 … 3.14159 \(1\)"),
        ({"variables": {}}, ScenarioError, r"\[optimize.variables\] is missing or empty"),
        ({"constraints": ["x_sum < 2"]}, ScenarioError, r'operator "<" not allowed; allowed: <=, >='),
        ({"constraints": ["x_summ <= 2"]}, ScenarioError, r"unknown output 'x_summ'.*did you mean: x_sum"),
        ({"constraints": ["x_sum <= two"]}, ScenarioError, r'"two" is not a number with a unit'),
        ({"constraints": ["x_sum <= 2 degC"]}, ScenarioError, r"cannot convert \"2 degC\" to \(1\)"),
        ({"constraints": "x_sum <= 2"}, ScenarioError, r"constraints must be a list of strings"),
        ({"popsize": 2}, ScenarioError, r"popsize = 2 must be an integer >= 4"),
        ({"polish": "yes"}, ScenarioError, r"polish = 'yes' must be true or false"),
        ({"tolerance": 1}, ScenarioError, r"unknown key in \[optimize\] 'tolerance'; allowed: objective"),
    ],
)
def test_optimize_errors_name_the_key_value_and_allowed_values(ak, change, error, pattern):
    with pytest.raises(error, match=pattern):
        _opt(ak, **change)


def test_cli_errors_are_one_line(capsys, tmp_path, toy_scenario):
    path = tmp_path / "bad.toml"
    path.write_text(
        "[study]\nbase = 'toy.toml'\n[optimize]\nobjective = 'fuel_input'\nmethod = 'newton'\n"
        "[optimize.variables]\nua = [1e4, 5e4]\n",
        encoding="utf-8",
    )
    code = cli.main(["optimize", str(path), "--store", str(tmp_path / "x.h5")])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
    assert "method = 'newton' is not allowed; allowed: differential_evolution, slsqp" in err
    assert str(path) in err
    code = cli.main(["sweep", str(path), "--store", str(tmp_path / "y.h5")])
    _, err = capsys.readouterr()
    assert code == 2 and "run `heattwin optimize` on it" in err


def test_no_feasible_point_is_said_and_exits_1(capsys, tmp_path, toy_scenario):
    """Toy boiler: the fuel is at least (duty - largest recovery) / LHV = 0.33 kg/s here,
    so "fuel_input <= 0.1 kg/s" cannot be met; the least violating point is shown."""
    path = tmp_path / "infeasible.toml"
    path.write_text(
        "[study]\nbase = 'toy.toml'\n[optimize]\nobjective = 'co2_emissions'\n"
        "constraints = ['fuel_input <= 0.1 kg/s']\nmaxiter = 5\n"
        "[optimize.variables]\nua = [1e4, 1e6]\n",
        encoding="utf-8",
    )
    code = cli.main(["optimize", str(path), "--store", str(tmp_path / "x.h5")])
    out, _ = capsys.readouterr()
    assert code == 1 and "NO FEASIBLE POINT FOUND" in out
    assert read_optimum(tmp_path / "x.h5")["feasible"] == 0
