"""Sobol indices (twins.sensitivity): the Ishigami function against its closed form, the
heater against a brute-force double-loop estimate and what its model must give, the
/analysis/sobol group in the store."""

from __future__ import annotations

from dataclasses import replace

import h5py
import numpy as np
import pytest
import xarray as xr
from scipy.stats import qmc

from tests.twins import analytic_kernel
from tests.twins.conftest import EXAMPLES, requires_heater
from twins import Study, UnitTwin, cli
from twins import sensitivity as sens
from twins.design import Design
from twins.errors import ScenarioError

PI = float(np.pi)


@pytest.fixture(scope="module")
def ak() -> UnitTwin:
    return UnitTwin(analytic_kernel)


def _ishigami_study(twin, n=4096, base=None):
    design = Design.from_dict(
        {"method": "saltelli", "n": n, "seed": 11, "outputs": ["ishigami"],
         "ranges": {"x1": [-PI, PI], "x2": [-PI, PI], "x3": [-PI, PI]}},
        twin.params, twin.output_names,
    )
    return Study(twin, name="ishigami", design=design, base=base)


@pytest.fixture(scope="module")
def ishigami(ak, tmp_path_factory):
    path = tmp_path_factory.mktemp("sobol") / "ishigami.h5"
    study = _ishigami_study(ak)
    result = study.run(store=path, progress=False, chunk_size=4096)
    return path, study.sensitivity(result)


def test_ishigami_indices_match_the_closed_form(ishigami):
    """Ishigami a = 7, b = 0.1: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)
    (Saltelli et al. 2008, The Primer, §4.5; formulas in analytic_kernel). With N = 4096
    base samples (20 480 runs) every estimate lies within 0.02 of the exact value and
    within its own 95 % bootstrap interval (widened by 0.005 for the bootstrap's own
    sampling error)."""
    _, analysis = ishigami
    exact = analytic_kernel.ishigami_indices()
    ind = analysis.indices["ishigami"]
    for key in ("S1", "ST"):
        est, conf = getattr(ind, key), getattr(ind, f"{key}_conf")
        np.testing.assert_allclose(est, exact[key], atol=0.02, err_msg=key)
        assert (np.abs(est - exact[key]) <= conf + 0.005).all(), (key, est, conf)
    assert ind.names == ["x1", "x2", "x3"]


def test_the_store_holds_the_indices_readable_by_xarray(ishigami):
    path, analysis = ishigami
    ind = analysis.indices["ishigami"]
    stored = sens.read(str(path))["ishigami"]
    np.testing.assert_array_equal(stored["S1"], ind.S1)
    np.testing.assert_array_equal(stored["ST_conf"], ind.ST_conf)
    assert list(stored["factor"]) == ["x1", "x2", "x3"]
    with xr.open_dataset(path, engine="h5netcdf", group="analysis/sobol/ishigami") as ds:
        assert ds["S1"].dims == ("factor",) and ds["S1"].attrs["units"] == "1"
        np.testing.assert_array_equal(ds["ST"].values, ind.ST)
    with h5py.File(path, "r") as h5:
        assert h5["analysis/sobol"].attrs["n_base"] == 4096
        assert h5["scenarios/params"].shape == (4096 * 5, 5)  # DESIGN §5 layout unchanged


def test_failed_scenarios_leave_an_output_unanalysed(ak):
    study = _ishigami_study(ak, n=64, base={"fail_above": 3.0})
    result = study.run(progress=False)
    assert (result.status != 0).any()
    analysis = study.sensitivity(result, write=False)
    assert analysis.indices == {}
    assert "scenarios failed (infeasible" in analysis.skipped["ishigami"]


def test_sensitivity_needs_a_finished_saltelli_design(ak, toy_study):
    study = Study.from_toml(toy_study)
    with pytest.raises(ScenarioError, match="method = 'saltelli'"):
        study.sensitivity(study.run(progress=False))
    lhs = Design.from_dict({"method": "lhs", "n": 8, "seed": 0, "ranges": {"x1": [0, 1]}},
                           ak.params, ak.output_names)
    with pytest.raises(ScenarioError, match="method = 'saltelli', not 'lhs'"):
        sens.analyze(lhs, np.zeros(8, dtype=np.int8), {})


# ---------------------------------------------------------------- the heater


def _brute_force_first_order(twin, design, output, name, k=32, m=256):
    """S_i = Var(E[Y | X_i]) / Var(Y) by its definition (Sobol' 2001): X_i on the K
    midpoints of its range, E[Y | X_i] as the mean over M scrambled-Sobol' points of the
    other ranges (the same points for every X_i), Var(Y) over all K x M runs."""
    d = len(design.ranges)
    j = design.names.index(name)
    others = qmc.Sobol(d - 1, rng=np.random.default_rng(5)).random(m)
    U = np.empty((k * m, d))
    U[:, j] = np.repeat((np.arange(k) + 0.5) / k, m)
    U[:, [i for i in range(d) if i != j]] = np.tile(others, (k, 1))
    X = np.column_stack([r.scale(U[:, i]) for i, r in enumerate(design.ranges)])
    study = Study(twin, base=Study.from_toml(EXAMPLES / "heater_sensitivity.toml").base)
    P = np.tile(study.base_vector, (k * m, 1))
    for i, r in enumerate(design.ranges):
        P[:, twin.param_names.index(r.name)] = X[:, i]
    OUT, _, STATUS = twin.run_batch(P)
    assert (STATUS == 0).all()
    y = OUT[:, twin.output_names.index(output)].reshape(k, m)
    return y.mean(axis=1).var() / y.var()


@pytest.fixture(scope="module")
def heater_sobol(tmp_path_factory):
    study = Study.from_toml(EXAMPLES / "heater_sensitivity.toml")
    study.design = replace(study.design, n=1024)  # tighter intervals than the example
    path = tmp_path_factory.mktemp("heater") / "sobol.h5"
    result = study.run(store=path, progress=False)
    return study, study.sensitivity(result)


@requires_heater
def test_heater_indices_are_what_the_model_must_give(heater_sobol):
    """What is checked, and why:

    - ``stack_height`` only sets the natural draft in the heater model, so both its
      indices are zero (to 1e-9) for fuel and tube-metal temperature (a dummy input);
    - indices are shares of variance: 0 <= S1 <= ST (within the 95 % intervals) and the
      first-order indices sum to at most 1 (+ 0.05);
    - the fouling resistance is the inside film the whole radiant flux crosses, so it
      dominates the peak tube-metal temperature (ST > 0.8) yet hardly changes the fuel
      (ST < 0.05: the coil outlet set point fixes the absorbed duty);
    - the fuel follows the absorbed duty (process flow) and the efficiency (air preheat),
      which explain at least 80 % of its variance between them, process flow first.
    """
    study, analysis = heater_sobol
    names = study.design.names
    fuel, tmt = analysis.indices["fuel_flow"], analysis.indices["tube_metal_temp_max"]
    i = {n: names.index(n) for n in names}
    for ind in (fuel, tmt):
        assert abs(ind.S1[i["stack_height"]]) < 1e-9 and abs(ind.ST[i["stack_height"]]) < 1e-9
        assert (ind.S1 >= -ind.S1_conf).all() and (ind.S1 <= ind.ST + ind.S1_conf + ind.ST_conf).all()
        assert ind.S1.sum() <= 1.05
    assert tmt.ST[i["fouling_resistance"]] > 0.8
    assert fuel.ST[i["fouling_resistance"]] < 0.05
    assert fuel.S1[i["process_flow"]] + fuel.S1[i["air_preheat_temp"]] > 0.8
    assert fuel.ST[i["process_flow"]] > fuel.ST[i["air_preheat_temp"]] > fuel.ST[i["excess_air"]]


@requires_heater
@pytest.mark.parametrize("name", ["process_flow", "air_preheat_temp", "excess_air"])
def test_heater_first_order_indices_match_a_brute_force_estimate(heater_sobol, name):
    """SALib's Saltelli estimate of S1 for the fuel flow against the double-loop
    definition (32 x 256 runs per parameter): they agree within the estimate's 95 %
    interval plus 0.02 for the double loop's own error."""
    study, analysis = heater_sobol
    ind = analysis.indices["fuel_flow"]
    j = study.design.names.index(name)
    brute = _brute_force_first_order(study.twin, study.design, "fuel_flow", name)
    assert abs(ind.S1[j] - brute) <= ind.S1_conf[j] + 0.02, (ind.S1[j], ind.S1_conf[j], brute)


@requires_heater
def test_heater_sensitivity_example_through_the_cli(capsys, tmp_path):
    store = tmp_path / "s.h5"
    code = cli.main(["sweep", str(EXAMPLES / "heater_sensitivity.toml"), "--store", str(store),
                     "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "1792 scenarios of heater" in out and "Sobol indices" in out
    assert "fouling_resistance" in out and "0 … 0.001 m^2*K/W" in out
    assert set(sens.read(str(store))) == {"fuel_flow", "tube_metal_temp_max"}
    code = cli.main(["show", str(store)])
    out, _ = capsys.readouterr()
    assert code == 0 and "saltelli, n = 256, seed = 7" in out and "/analysis/sobol" in out
