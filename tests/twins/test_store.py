"""The HDF5 store: layout, xarray readability, crash safety and resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import pytest
import xarray as xr

from tests.twins.conftest import ROOT, make_study
from twins import store as store_mod
from twins.errors import StoreError
from twins.status import NOT_RUN
from twins.study import StudyResult

N, CHUNK = 30, 4  # 8 chunks, the last one of 2 rows


def _counting(twin, monkeypatch):
    calls = []
    original = twin.run_batch

    def counting(P, **kw):
        calls.append(len(P))
        return original(P, **kw)

    monkeypatch.setattr(twin, "run_batch", counting)
    return calls


@pytest.fixture(scope="module")
def reference(tmp_path_factory, toy):
    """An uninterrupted run of the study, the yardstick for resumed files."""
    path = tmp_path_factory.mktemp("ref") / "ref.h5"
    make_study(toy).run(store=path, chunk_size=CHUNK, progress=False)
    return path


def _datasets(path):
    out = {}
    with h5py.File(path, "r") as h5:
        h5.visititems(lambda name, obj: out.__setitem__(name, obj[...])
                      if isinstance(obj, h5py.Dataset) else None)
        attrs = {k: h5.attrs[k] for k in ("study_spec", "study_spec_hash", "unit", "kernel_hash")}
    return out, attrs


def assert_same_file(a, b):
    da, aa = _datasets(a)
    db, ab = _datasets(b)
    assert sorted(da) == sorted(db)
    for name in da:
        np.testing.assert_array_equal(da[name], db[name], err_msg=name)
    assert aa == ab


def test_layout(reference, toy):
    with h5py.File(reference, "r") as h5:
        for key in ("heattwin_version", "created", "unit", "kernel_hash", "git_describe",
                    "study_spec", "study_spec_hash"):
            assert key in h5.attrs, key
        assert h5.attrs["unit"] == "tests.twins.toy_kernel"
        assert len(h5.attrs["kernel_hash"]) == 64
        assert h5.attrs["kernel_hash"] == store_mod.kernel_hash(toy.module)
        params = h5["scenarios/params"]
        assert params.shape == (N, 13) and params.dtype == np.float64
        assert list(params.attrs["names"]) == toy.param_names
        assert list(params.attrs["units"]) == [p.unit for p in toy.params]
        status = h5["scenarios/status"]
        assert status.dtype == np.int8 and (status[...] == 0).all()
        for o in toy.outputs:
            ds = h5["outputs"][o.name]
            assert ds.shape == (N,) and ds.dtype == np.float64
            assert ds.attrs["units"] == o.unit and ds.attrs["long_name"] == o.meaning
        prof = h5["profiles/T_hot"]
        assert prof.shape == (N, 8) and prof.compression == "gzip" and prof.chunks is not None
        assert prof.attrs["units"] == "K"
        # dimension scales
        assert h5["scenario"].is_scale and h5["cell"].is_scale and h5["param"].is_scale
        assert prof.dims[0][0].name == "/scenario" and prof.dims[1][0].name == "/cell"
        assert params.dims[1][0].name == "/param"
        assert h5["outputs/duty"].dims[0][0].name == "/scenario"


def test_results_read_back_equal_the_in_memory_run(reference, toy):
    mem = make_study(toy).run(progress=False)
    disk = StudyResult.from_store(reference)
    np.testing.assert_array_equal(disk.params, mem.params)
    np.testing.assert_array_equal(disk.status, mem.status)
    for name in toy.output_names:
        np.testing.assert_array_equal(disk.outputs[name], mem.outputs[name])
    np.testing.assert_array_equal(disk.profiles["T_cold"], mem.profiles["T_cold"])
    assert [a.name for a in disk.axes] == ["ua", "cold_inlet_temp", "hot_flow"]
    assert disk.axes[1].display_unit == "degC"


def test_xarray_reads_dimensions_and_units(reference, toy):
    with xr.open_dataset(reference, engine="h5netcdf", group="outputs") as ds:
        assert ds["fuel_input"].dims == ("scenario",)
        assert ds["fuel_input"].attrs["units"] == "kg/s"
        assert ds.sizes["scenario"] == N
    with xr.open_dataset(reference, engine="h5netcdf", group="profiles") as ds:
        assert ds["T_hot"].dims == ("scenario", "cell")
        assert ds["T_hot"].attrs["units"] == "K"
    with xr.open_dataset(reference, engine="h5netcdf", group="scenarios") as ds:
        assert ds["params"].dims == ("scenario", "param")
    with xr.open_dataset(reference, engine="h5netcdf") as ds:
        assert list(ds["param"].values) == toy.param_names
        assert ds.attrs["unit"] == "tests.twins.toy_kernel"
    tree = xr.open_datatree(reference, engine="h5netcdf")
    try:
        hot = tree["profiles"]["T_hot"]
        assert list(hot.coords["cell"].values) == list(range(8))
        ua = tree["scenarios"]["params"].sel(param="ua").values
        np.testing.assert_allclose(np.unique(ua), np.linspace(1e4, 5e4, 5))
    finally:
        tree.close()


def test_a_new_store_starts_not_run(tmp_path, toy):
    study = make_study(toy)
    path = tmp_path / "new.h5"
    P = study.matrix()
    writer = store_mod.StudyStore.open(
        path, unit=toy.name, params=toy.params, outputs=toy.outputs, profiles=toy.profiles,
        n_cell=toy.n_cell, P=P, spec=study.spec(), spec_hash=study.spec_hash(),
        kernel_hash="x",
    )
    writer.close()
    with h5py.File(path, "r") as h5:
        assert (h5["scenarios/status"][...] == NOT_RUN).all()
        assert np.isnan(h5["outputs/duty"][...]).all()
        assert np.isnan(h5["profiles/T_hot"][...]).all()
    assert not (tmp_path / "new.h5.tmp").exists()


def test_interrupted_study_resumes_without_recomputing(tmp_path, toy, reference, monkeypatch):
    path = tmp_path / "interrupted.h5"

    def stop_after_chunk_2(index, rows):
        if index == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        make_study(toy).run(store=path, chunk_size=CHUNK, progress=False,
                            on_chunk=stop_after_chunk_2)

    # readable by h5py and xarray, three chunks done, the rest flagged NOT_RUN
    with h5py.File(path, "r") as h5:
        status = h5["scenarios/status"][...]
    np.testing.assert_array_equal(status[: 3 * CHUNK], 0)
    np.testing.assert_array_equal(status[3 * CHUNK:], NOT_RUN)
    with xr.open_dataset(path, engine="h5netcdf", group="outputs") as ds:
        assert np.isfinite(ds["duty"].values[: 3 * CHUNK]).all()
        assert np.isnan(ds["duty"].values[3 * CHUNK:]).all()

    calls = _counting(toy, monkeypatch)
    res = make_study(toy).run(store=path, chunk_size=CHUNK, progress=False)
    assert calls == [4, 4, 4, 4, 2]  # chunks 3 … 7 only
    assert res.computed == N - 3 * CHUNK and res.n == N
    assert_same_file(path, reference)

    calls.clear()
    again = make_study(toy).run(store=path, chunk_size=CHUNK, progress=False)
    assert calls == [] and again.computed == 0


def test_resume_with_another_chunk_size_recomputes_partial_chunks(tmp_path, toy, reference,
                                                                  monkeypatch):
    path = tmp_path / "rechunk.h5"

    def stop(index, rows):
        if index == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        make_study(toy).run(store=path, chunk_size=CHUNK, progress=False, on_chunk=stop)
    calls = _counting(toy, monkeypatch)
    make_study(toy).run(store=path, chunk_size=10, progress=False)
    assert calls == [10, 10, 10]  # rows 0-9: 8 done, 2 not, so the whole chunk is rerun
    assert_same_file(path, reference)


def test_kill_9_during_a_sweep_then_resume(tmp_path, toy, reference, cli_env, monkeypatch):
    path = tmp_path / "killed.h5"
    marker = tmp_path / "chunk2.done"
    script = (
        "import pathlib, sys, time\n"
        "from tests.twins.conftest import make_study\n"
        "def on_chunk(i, rows):\n"
        "    if i == 2:\n"
        "        pathlib.Path(sys.argv[2]).touch()\n"
        "    time.sleep(0.05)\n"
        "make_study().run(store=sys.argv[1], chunk_size=4, progress=False, on_chunk=on_chunk)\n"
        "pathlib.Path(sys.argv[2] + '.finished').touch()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(marker)], cwd=ROOT, env=cli_env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60.0
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"sweep exited early: {proc.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail("sweep did not reach chunk 2 within 60 s")
            time.sleep(0.005)
        time.sleep(0.03)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "chunk2.done.finished").exists()

    # the killed file is readable and consistent: done rows have numbers
    with h5py.File(path, "r") as h5:
        status = h5["scenarios/status"][...]
        duty = h5["outputs/duty"][...]
    done = status != NOT_RUN
    assert 3 * CHUNK <= done.sum() < N
    assert np.isfinite(duty[done]).all()
    with xr.open_dataset(path, engine="h5netcdf", group="profiles") as ds:
        assert ds["T_hot"].dims == ("scenario", "cell")

    calls = _counting(toy, monkeypatch)
    res = make_study(toy).run(store=path, chunk_size=CHUNK, progress=False)
    assert sum(calls) == N - done.sum() == res.computed
    assert_same_file(path, reference)


def test_another_study_in_the_same_file_is_refused(tmp_path, toy):
    path = tmp_path / "s.h5"
    make_study(toy).run(store=path, progress=False)
    other = make_study(toy, hot_flow=[5.0, 10.0])
    with pytest.raises(StoreError) as err:
        other.run(store=path, progress=False)
    message = str(err.value)
    assert "holds a different study" in message
    assert "s_2.h5" in message and "--overwrite" in message
    res = other.run(store=path, progress=False, overwrite=True)
    assert res.n == 20 and res.computed == 20


def test_changed_kernels_are_refused(tmp_path, toy, monkeypatch):
    path = tmp_path / "k.h5"
    make_study(toy).run(store=path, progress=False)
    monkeypatch.setattr(store_mod, "kernel_hash", lambda module=None: "0" * 64)
    with pytest.raises(StoreError, match="different kernel sources"):
        make_study(toy).run(store=path, progress=False)


def test_a_damaged_file_gives_a_clear_error(tmp_path, toy):
    path = tmp_path / "bad.h5"
    path.write_bytes(b"this is not HDF5" * 100)
    with pytest.raises(StoreError, match="cannot open to resume"):
        make_study(toy).run(store=path, progress=False)


def test_a_foreign_hdf5_file_is_not_overwritten(tmp_path, toy):
    path = tmp_path / "foreign.h5"
    with h5py.File(path, "w") as h5:
        h5["x"] = [1, 2, 3]
    with pytest.raises(StoreError, match="not a heattwin result file"):
        make_study(toy).run(store=path, progress=False)
    with pytest.raises(StoreError, match="not a heattwin result file"):
        store_mod.load(path)
    with h5py.File(path, "r") as h5:
        assert list(h5["x"][...]) == [1, 2, 3]


def test_load_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        store_mod.load(tmp_path / "missing.h5")


def test_provenance_helpers():
    assert len(store_mod.kernel_hash()) == 64
    assert isinstance(store_mod.git_describe(), str) and store_mod.git_describe()
    assert store_mod.heattwin_version() != ""
