"""Sampled designs (twins.design, twins.ranges): reproducible, in bounds, with units,
stratified as their method promises, resumable in the store, clear errors."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from tests.twins import analytic_kernel
from tests.twins.test_store import assert_same_file
from twins import Study, UnitTwin
from twins.design import Design
from twins.errors import ParameterError, ScenarioError, StoreError
from twins.status import NOT_RUN


@pytest.fixture(scope="module")
def ak() -> UnitTwin:
    return UnitTwin(analytic_kernel)


def _design(twin, **kw):
    data = {
        "method": "lhs", "n": 16, "seed": 3,
        "ranges": {"hot_inlet_temp": {"low": 200, "high": 400, "unit": "degC"},
                   "ua": ["10 kW/K", "50 kW/K"], "hot_flow": {"low": 2, "high": 20}},
    } | kw
    return Design.from_dict(data, twin.params, twin.output_names, unit=twin.name)


@pytest.mark.parametrize("method", ["lhs", "sobol", "saltelli"])
def test_a_design_is_fixed_by_its_spec_and_seed(toy, method):
    extra = {"outputs": ["fuel_input"]} if method == "saltelli" else {}
    a = _design(toy, method=method, **extra).samples()
    b = _design(toy, method=method, **extra).samples()
    c = _design(toy, method=method, seed=4, **extra).samples()
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


@pytest.mark.parametrize("method", ["lhs", "sobol", "saltelli"])
def test_samples_respect_bounds_and_units(toy, method):
    extra = {"outputs": ["fuel_input"]} if method == "saltelli" else {}
    design = _design(toy, method=method, **extra)
    study = Study(toy, base={"cold_flow": 7.0}, design=design)
    P = study.matrix()
    assert P.shape == (design.n_scenarios, len(toy.params))
    names = toy.param_names
    t = P[:, names.index("hot_inlet_temp")]
    assert t.min() >= 473.15 and t.max() <= 673.15  # 200 … 400 degC in K
    ua = P[:, names.index("ua")]
    assert ua.min() >= 1e4 and ua.max() <= 5e4
    # the columns not sampled keep the base case
    assert (P[:, names.index("cold_flow")] == 7.0).all()
    assert (P[:, names.index("lhv")] == toy.defaults()[names.index("lhv")]).all()
    assert design.ranges[0].display_unit == "degC" and design.ranges[1].display_unit == "kW/K"


def test_saltelli_size_is_n_times_d_plus_2(toy):
    design = _design(toy, method="saltelli", outputs=["duty"])
    assert design.n_scenarios == 16 * (3 + 2) == len(design.samples())
    second = _design(toy, method="saltelli", outputs=["duty"], second_order=True)
    assert second.n_scenarios == 16 * (2 * 3 + 2) == len(second.samples())


@pytest.mark.parametrize("method", ["lhs", "sobol"])
def test_every_one_dimensional_stratum_holds_one_point(toy, method):
    """Latin hypercube (McKay et al. 1979) by construction, and the first 2^m points of
    a scrambled Sobol' sequence as a (0, m, 1)-net in each coordinate: each of the n
    intervals [k/n, (k+1)/n) of every range holds exactly one point."""
    design = _design(toy, method=method, n=32)
    X = design.samples()
    for j, r in enumerate(design.ranges):
        u = (X[:, j] - r.low) / (r.high - r.low)
        counts = np.bincount(np.floor(u * 32).astype(int), minlength=32)
        np.testing.assert_array_equal(counts, 1, err_msg=r.name)


def test_sampled_designs_from_python(toy):
    study = Study.sampled(toy, "sobol", n=8, seed=2, ua=["10 kW/K", "50 kW/K"],
                          hot_flow={"low": 2, "high": 20})
    assert study.n_scenarios == 8 and study.swept == ["ua", "hot_flow"]
    salt = Study.sampled(toy, "saltelli", n=8, seed=2, outputs=["duty"], ua=[1e4, 5e4])
    assert salt.n_scenarios == 8 * 3 and salt.design.outputs == ("duty",)


def test_integer_ranges_are_whole_numbers(ak):
    design = Design.from_dict(
        {"method": "lhs", "n": 40, "seed": 0,
         "ranges": {"x1": {"low": -3, "high": 3, "integer": True}}},
        ak.params, ak.output_names,
    )
    x = design.samples()[:, 0]
    np.testing.assert_array_equal(x, np.round(x))
    assert set(x.tolist()) == {-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0}


def _design_study(twin, seed=3):
    return Study(twin, name="toy_lhs", design=_design(twin, n=30, seed=seed))


def test_an_interrupted_design_resumes_without_recomputing(tmp_path, toy, monkeypatch):
    reference = tmp_path / "ref.h5"
    _design_study(toy).run(store=reference, chunk_size=4, progress=False)

    path = tmp_path / "design.h5"

    def stop(index, rows):
        if index == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _design_study(toy).run(store=path, chunk_size=4, progress=False, on_chunk=stop)
    with h5py.File(path, "r") as h5:
        status = h5["scenarios/status"][...]
    assert (status[:12] == 0).all() and (status[12:] == NOT_RUN).all()

    calls = []
    original = toy.run_batch
    monkeypatch.setattr(toy, "run_batch", lambda P, **kw: calls.append(len(P)) or original(P, **kw))
    result = _design_study(toy).run(store=path, chunk_size=4, progress=False)
    assert calls == [4, 4, 4, 4, 2] and result.computed == 18
    assert_same_file(path, reference)
    # the design's ranges become the result's axes (for the what-if table)
    assert [a.name for a in result.axes] == ["hot_inlet_temp", "ua", "hot_flow"]
    assert result.axes[0].display_unit == "degC"


def test_a_resume_with_another_seed_is_refused(tmp_path, toy):
    path = tmp_path / "design.h5"
    _design_study(toy).run(store=path, chunk_size=8, progress=False)
    with pytest.raises(StoreError, match="different study"):
        _design_study(toy, seed=4).run(store=path, chunk_size=8, progress=False)


def test_a_design_study_file(tmp_path, toy_scenario):
    path = tmp_path / "lhs.toml"
    path.write_text(
        """
[study]
base = "toy.toml"

[design]
method = "sobol"
n = 8
seed = 1

[design.ranges]
ua = { low = 10, high = 50, unit = "kW/K" }
""",
        encoding="utf-8",
    )
    study = Study.from_toml(path)
    assert study.n_scenarios == 8 and study.swept == ["ua"]
    assert study.spec()["design"]["method"] == "sobol"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("change", "error", "pattern"),
    [
        ({"method": "random"}, ScenarioError,
         r"method = 'random' is not a design method; allowed: lhs, sobol, saltelli"),
        ({"method": "sobol", "n": 100}, ScenarioError, r"n = 100 must be a power of two .* 64 or 128"),
        ({"n": 1}, ScenarioError, r"n = 1 must be an integer of at least 2"),
        ({"seed": -1}, ScenarioError, r"seed = -1 must be a non-negative integer"),
        ({"seed": None}, ScenarioError, r"seed = None"),
        ({"sampler": "x"}, ScenarioError, r"unknown key in \[design\] 'sampler'; allowed: method"),
        ({"ranges": {"uaa": [1, 2]}}, ParameterError, r"unknown parameter 'uaa'.*did you mean: ua"),
        ({"ranges": {"ua": {"low": 0, "high": 2e6}}}, ParameterError,
         r"ua = 2e\+06 W/K is outside the allowed range 0 … 1e\+06 W/K"),
        ({"ranges": {"hot_inlet_temp": {"low": 200, "high": 1300, "unit": "degC"}}},
         ParameterError, r'hot_inlet_temp = "1300 degC" \(1573.15 K\) is outside the allowed range 300 … 1500 K'),
        ({"ranges": {"ua": {"low": 5e4, "high": 1e4}}}, ParameterError, r"ua: low .* must be below high"),
        ({"ranges": {"ua": {"low": 1, "hi": 2}}}, ParameterError,
         r"ua: unknown key 'hi' in the range; allowed: low, high, unit, integer"),
        ({"ranges": {"ua": [1]}}, ParameterError, r"ua = \[1\]: expected a range"),
        ({"ranges": {}}, ScenarioError, r"\[design.ranges\] is missing or empty"),
        ({"method": "saltelli"}, ScenarioError, r"needs outputs = \[...\] to analyse"),
        ({"method": "saltelli", "outputs": ["fuel"]}, ScenarioError,
         r"outputs: 'fuel' is not an output of tests.twins.toy_kernel; allowed: duty"),
        ({"outputs": ["duty"]}, ScenarioError, r"apply to method = 'saltelli' only"),
    ],
)
def test_design_errors_name_the_key_value_and_allowed_values(toy, change, error, pattern):
    with pytest.raises(error, match=pattern):
        _design(toy, **change)


def test_a_file_with_both_sweep_and_design_is_refused(tmp_path, toy_scenario):
    path = tmp_path / "both.toml"
    path.write_text(
        "[study]\nbase = 'toy.toml'\n[sweep]\nua = [1e4]\n"
        "[design]\nmethod = 'lhs'\nn = 4\nseed = 0\n[design.ranges]\nua = [1e4, 2e4]\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match=r"both \[sweep\] and \[design\]"):
        Study.from_toml(path)
