"""The Dask engine against the in-process engine: ``python -m benchmarks.run_dask``.

One heater study of 100 x 100 = 10 000 scenarios (excess air x air preheat), run into
an HDF5 store in chunks of ``--chunk-size`` rows, timed in one run on one machine:

1. in-process: the kernel's parallel ``solve_batch`` on all cores (``numba`` threads);
2. Dask: a ``LocalCluster`` of 2 worker processes with one thread each (started once
   and timed apart), each chunk a task running ``solve_batch_serial``, the results
   written as they arrive.

Both are warmed up first (compiled kernels in the numba cache; the cluster's workers
have imported the kernel). The stores are compared row for row. The load average is
printed with the figures; nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import h5py
import numpy as np

from benchmarks.harness import fmt, load_average, summary


def heater_study():
    from twins import Study, UnitTwin

    return Study.grid(
        UnitTwin("heater"), name="dask_bench",
        excess_air={"start": 0.05, "stop": 0.5, "num": 100},
        air_preheat_temp={"start": 15, "stop": 350, "num": 100, "unit": "degC"},
    )


def _timed(run) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def _outputs(path: Path) -> dict[str, np.ndarray]:
    with h5py.File(path, "r") as h5:
        out = {k: v[...] for k, v in h5["outputs"].items()}
        out["status"] = h5["scenarios/status"][...]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunk-size", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from twins import dask_engine

    study = heater_study()
    tmp = Path(tempfile.mkdtemp(prefix="heattwin_dask_bench_"))
    a, b = tmp / "inprocess.h5", tmp / "dask.h5"
    load_start = load_average()
    kw = {"chunk_size": args.chunk_size, "progress": False, "overwrite": True}
    study.run(store=a, **kw)  # warm: compile or load the kernels
    inprocess = [_timed(lambda: study.run(store=a, **kw)) for _ in range(args.repeats)]

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                           env=dask_engine.worker_environment(), dashboard_address=":0")
    client = Client(cluster)
    startup = time.perf_counter() - t0
    try:
        study.run(store=b, engine="dask", client=client, **kw)  # warm: workers import kernels
        dask = [_timed(lambda: study.run(store=b, engine="dask", client=client, **kw))
                for _ in range(args.repeats)]
    finally:
        client.close()
        cluster.close()
    load_end = load_average()

    ra, rb = _outputs(a), _outputs(b)
    same = all(np.array_equal(ra[k], rb[k], equal_nan=True) for k in ra)
    n = study.n_scenarios
    si, sd = summary(inprocess), summary(dask)
    print(f"{n} heater scenarios, chunks of {args.chunk_size}, {args.repeats} repeats, "
          f"median (min) wall s")
    print(f"  in-process (solve_batch, numba threads): {fmt(si['median'])} ({fmt(si['min'])}) s"
          f" = {fmt(si['median'] / n * 1e6)} us/scenario")
    print(f"  dask LocalCluster 2x1 (solve_batch_serial): {fmt(sd['median'])} ({fmt(sd['min'])}) s"
          f" = {fmt(sd['median'] / n * 1e6)} us/scenario; cluster start-up {fmt(startup)} s")
    print(f"  stores identical (outputs, status): {same}")
    print(f"  load average at start {load_start[0]:.2f}, {load_start[1]:.2f}, {load_start[2]:.2f};"
          f" at end {load_end[0]:.2f}, {load_end[1]:.2f}, {load_end[2]:.2f}")


if __name__ == "__main__":
    main()
