"""The Dask engine (DESIGN.md §6): same store as the in-process engine, same resume.

One 2-worker ``LocalCluster`` (processes, one thread each) serves the whole module, so
the tests pay the worker start-up and the kernel cache load once.
"""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from kernels.contract import INFEASIBLE, OK
from tests.twins.conftest import EXAMPLES, requires_heater
from twins import Study, UnitTwin, cli, dask_engine
from twins.errors import EngineError, ParameterError
from twins.status import NOT_RUN

distributed = pytest.importorskip("distributed")

pytestmark = requires_heater

CHUNK = 16
N_CHUNKS = 13  # 200 scenarios: 12 chunks of 16 and one of 8


@pytest.fixture(scope="module")
def cluster_client():
    env = dask_engine.worker_environment()
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, env=env, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def heater_study() -> Study:
    """20 x 10 = 200 heater scenarios; fuel_flow_max = 0.05 kg/s cannot fire the duty
    (tests/kernels/test_heater.py: INFEASIBLE), so 20 rows fail inside the kernel."""
    return Study.grid(
        UnitTwin("heater"), name="dask_heater",
        excess_air={"start": 0.05, "stop": 0.5, "num": 20},
        fuel_flow_max=[0.05, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0, 10.0],
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    path = tmp_path_factory.mktemp("inprocess") / "ref.h5"
    heater_study().run(store=path, chunk_size=CHUNK, progress=False)
    return path


def _contents(path):
    with h5py.File(path, "r") as h5:
        out = {f"outputs/{k}": v[...] for k, v in h5["outputs"].items()}
        out |= {f"profiles/{k}": v[...] for k, v in h5["profiles"].items()}
        out["status"] = h5["scenarios/status"][...]
        out["params"] = h5["scenarios/params"][...]
    return out


def assert_same_store(a, b):
    ca, cb = _contents(a), _contents(b)
    assert sorted(ca) == sorted(cb)
    for name in ca:  # same kernel code on the same rows: bit for bit
        np.testing.assert_array_equal(ca[name], cb[name], err_msg=name)


def test_dask_store_equals_inprocess_store(tmp_path, reference, cluster_client):
    path = tmp_path / "dask.h5"
    res = heater_study().run(
        store=path, chunk_size=CHUNK, progress=False, engine="dask", client=cluster_client
    )
    assert res.n == 200 and res.computed == 200
    assert_same_store(path, reference)
    # the kernel's own failures are stored rows with their status, not lost chunks
    fails = res.param("fuel_flow_max") == 0.05
    assert fails.sum() == 20 and (res.status[fails] == INFEASIBLE).all()
    assert (res.status[~fails] == OK).all()
    assert np.isnan(res.outputs["efficiency_lhv"][fails]).all()


def _worker_numba_state():
    import os

    import numba

    import kernels.heater

    stats = kernels.heater.solve_batch_serial.stats
    return (os.environ["NUMBA_CACHE_DIR"], numba.config.NUMBA_NUM_THREADS,
            sum(stats.cache_hits.values()), sum(stats.cache_misses.values()))


def test_workers_load_compiled_kernels_from_the_shared_cache(reference, cluster_client):
    import os

    heater_study().run(chunk_size=CHUNK, progress=False, engine="dask", client=cluster_client)
    states = cluster_client.run(_worker_numba_state).values()
    assert len(states) == 2
    for cache_dir, threads, hits, misses in states:
        assert cache_dir == os.environ["NUMBA_CACHE_DIR"] and threads == 1
        assert hits >= 1 and misses == 0  # loaded, never compiled on the worker


def test_interrupted_dask_run_resumes_without_recomputing(tmp_path, reference, cluster_client):
    path = tmp_path / "resumed.h5"
    written: list[int] = []

    def stop_after_four(index, rows):
        written.append(index)
        if len(written) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        heater_study().run(
            store=path, chunk_size=CHUNK, progress=False, engine="dask",
            client=cluster_client, on_chunk=stop_after_four,
        )
    with h5py.File(path, "r") as h5:
        status = h5["scenarios/status"][...]
    done = [i for i in range(N_CHUNKS) if (status[i * CHUNK : (i + 1) * CHUNK] != NOT_RUN).all()]
    assert sorted(written) == done and len(done) == 4  # whole chunks only, status last
    assert ((status == NOT_RUN).sum()) == 200 - sum(min(CHUNK, 200 - i * CHUNK) for i in done)

    again: list[int] = []
    res = heater_study().run(
        store=path, chunk_size=CHUNK, progress=False, engine="dask", client=cluster_client,
        on_chunk=lambda index, rows: again.append(index),
    )
    assert sorted(again) == sorted(set(range(N_CHUNKS)) - set(done))
    assert res.computed == 200 - (200 - (status == NOT_RUN).sum())
    assert_same_store(path, reference)


def crash_on_high_excess_air(P, **kw):
    """Worker task that dies (as a lost worker would) on chunks starting at excess air >= 0.4."""
    if P[0, UnitTwin("heater").param_names.index("excess_air")] >= 0.4:
        raise RuntimeError("simulated worker crash")
    return dask_engine.solve_chunk(P, **kw)


def test_failed_tasks_leave_their_rows_not_run_and_a_rerun_finishes(
    tmp_path, reference, cluster_client, monkeypatch
):
    path = tmp_path / "crash.h5"
    study = heater_study()
    P = study.matrix()
    crashing = [s for s in range(0, 200, CHUNK) if P[s, study.twin.param_names.index("excess_air")] >= 0.4]
    assert 0 < len(crashing) < N_CHUNKS
    monkeypatch.setattr(dask_engine, "solve_chunk", crash_on_high_excess_air)
    with pytest.raises(EngineError, match=rf"{len(crashing)} of 13 chunks failed .*rows "
                       rf"{crashing[0]}–{crashing[0] + CHUNK - 1}: RuntimeError: simulated"):
        study.run(store=path, chunk_size=CHUNK, progress=False, engine="dask",
                  client=cluster_client)
    with h5py.File(path, "r") as h5:
        status = h5["scenarios/status"][...]
    lost = np.zeros(200, dtype=bool)
    for s in crashing:
        lost[s : s + CHUNK] = True
    assert (status[lost] == NOT_RUN).all() and (status[~lost] != NOT_RUN).all()

    monkeypatch.undo()
    res = study.run(store=path, chunk_size=CHUNK, progress=False, engine="dask",
                    client=cluster_client)
    assert res.computed == lost.sum()
    assert_same_store(path, reference)


def test_a_worker_with_other_kernel_sources_refuses_its_chunks(cluster_client, monkeypatch):
    # the client believes in other sources than the workers run: no result may be mixed in
    monkeypatch.setattr(dask_engine._store, "kernel_hash", lambda module=None: "0" * 64)
    with pytest.raises(EngineError, match=r"13 of 13 chunks failed .*rows 0–15.*other kernel"):
        heater_study().run(chunk_size=CHUNK, progress=False, engine="dask",
                           client=cluster_client)


def test_without_a_client_a_local_cluster_runs_the_study():
    study = Study.grid(UnitTwin("heater"), excess_air=[0.1, 0.2, 0.3], conv_rows=[6, 8, 10])
    res = study.run(chunk_size=4, progress=False, engine="dask", workers=1)
    ref = study.run(chunk_size=4, progress=False)
    assert res.computed == 9 and (res.status == 0).all()
    for name, values in ref.outputs.items():
        np.testing.assert_array_equal(res.outputs[name], values, err_msg=name)


def test_bad_scheduler_address_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 2.0)
    with pytest.raises(EngineError, match=r"no Dask scheduler answers at 'tcp://127.0.0.1:9'"):
        heater_study().run(chunk_size=CHUNK, progress=False, engine="dask",
                           client="tcp://127.0.0.1:9")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"engine": "spark"}, r"engine = 'spark': choose one of inprocess, dask"),
        ({"client": "tcp://127.0.0.1:8786"}, r"options of engine='dask'"),
        ({"engine": "dask", "client": "tcp://127.0.0.1:9", "workers": 2}, r"only for the local"),
        ({"engine": "dask", "client": 42}, r"client = 42: give a distributed.Client"),
    ],
)
def test_bad_engine_options(options, match):
    with pytest.raises(ParameterError, match=match):
        heater_study().run(chunk_size=CHUNK, progress=False, **options)


# ---------------------------------------------------------------- command line


def _main(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_sweep_on_a_scheduler(capsys, tmp_path, cluster_client):
    store = tmp_path / "demo.h5"
    study = EXAMPLES / "heater_demo_study.toml"
    address = cluster_client.scheduler.address
    code, out, err = _main(capsys, "sweep", study, "--store", store, "--no-progress",
                           "--chunk-size", "10", "--engine", "dask", "--scheduler", address)
    assert code == 0, err
    assert "96 computed, 0 from an earlier run" in out
    ref = tmp_path / "ref.h5"
    assert _main(capsys, "sweep", study, "--store", ref, "--no-progress", "--chunk-size", "10")[0] == 0
    assert_same_store(store, ref)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], "no Dask scheduler answers"),
        (["--workers", "2"], "--scheduler and --workers go with --engine dask"),
    ],
)
def test_cli_engine_errors_are_one_line(capsys, tmp_path, monkeypatch, args, match):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 2.0)
    study = EXAMPLES / "heater_demo_study.toml"
    code, _, err = _main(capsys, "sweep", study, "--store", tmp_path / "x.h5", *args)
    assert code == 2 and match in err and "Traceback" not in err
