"""Run a study's chunks on a Dask ``distributed`` cluster (DESIGN.md §6).

``Study.run(engine="dask")`` hands its pending chunks here. The client process keeps the
HDF5 store; the workers only compute. Each chunk is one task (``Client.map(...,
pure=False)``) that runs the kernel's serial, GIL-free ``solve_batch_serial`` with one
numba thread (``NUMBA_NUM_THREADS=1``; DESIGN.md §8: no ``parallel=True`` kernel inside
a worker). Results are written as they arrive (``as_completed``) by the same
``write_chunk`` as the in-process engine — numbers first, status last — so a killed or
interrupted run resumes from the chunks whose status is still ``NOT_RUN``.

Workers get the client's numba cache directory (``NUMBA_CACHE_DIR``, keyed on the
``kernels/`` sources by :mod:`kernels`), so they load the compiled kernels instead of
compiling them; every task checks that its worker runs the same kernel sources as the
store, so results of two kernel versions never share a file.

Without a client, a ``LocalCluster(processes=True, threads_per_worker=1)`` is started
for the run and closed after it; a user's ``Client`` is used and left open; a scheduler
address (``"tcp://host:8786"``) is connected to for the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import numpy as np
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from twins import store as _store
from twins.errors import EngineError, ParameterError
from twins.unit import UnitTwin

CONNECT_TIMEOUT_S = 10.0
"""Seconds to wait for a scheduler given by its address before giving up."""

ChunkWriter = Callable[[int, np.ndarray, np.ndarray, np.ndarray], None]


def worker_environment() -> dict[str, str]:
    """Environment of a worker: the client's numba cache and one numba thread."""
    import kernels  # noqa: F401  (sets NUMBA_CACHE_DIR from HEATTWIN_CACHE_DIR)

    env = {"NUMBA_NUM_THREADS": "1", "NUMBA_CACHE_DIR": os.environ["NUMBA_CACHE_DIR"]}
    if "HEATTWIN_CACHE_DIR" in os.environ:
        env["HEATTWIN_CACHE_DIR"] = os.environ["HEATTWIN_CACHE_DIR"]
    return env


@contextmanager
def connect(client: Client | str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client for one study run.

    Parameters
    ----------
    client : distributed.Client or str, optional
        A running client (used, left open), a scheduler address (connected to for the
        run), or None: start a local cluster of ``workers`` processes for the run.
    workers : int, optional
        Worker processes of the local cluster (default: Dask's choice, one per core).

    Raises
    ------
    ParameterError
        For a ``workers`` count with a given client, or a client of the wrong type.
    EngineError
        When no scheduler answers at the address within :data:`CONNECT_TIMEOUT_S`.
    """
    if workers is not None and (client is not None or not isinstance(workers, int) or workers < 1):
        raise ParameterError(
            f"workers = {workers!r}: a positive integer, and only for the local cluster "
            "(a given client or scheduler brings its own workers)"
        )
    env = worker_environment()
    if client is None:
        with (
            LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, env=env,
                dashboard_address=":0",
            ) as cluster,
            Client(cluster) as local,
        ):
            yield local
    elif isinstance(client, str):
        try:
            remote = Client(client, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as err:
            raise EngineError(
                f"no Dask scheduler answers at {client!r} within {CONNECT_TIMEOUT_S:g} s "
                f"({type(err).__name__}: {err}); start one with `dask scheduler` and "
                "`dask worker ADDRESS`, or leave the address out for a local cluster"
            ) from None
        with remote:
            remote.register_plugin(_WorkerEnvironment(env), name="heattwin-environment")
            yield remote
    elif isinstance(client, Client):
        client.register_plugin(_WorkerEnvironment(env), name="heattwin-environment")
        yield client
    else:
        raise ParameterError(
            f"client = {client!r}: give a distributed.Client, a scheduler address such as "
            "'tcp://host:8786', or None for a local cluster"
        )


def run_chunks(
    client: Client,
    twin: UnitTwin,
    P: np.ndarray,
    starts: Sequence[int],
    chunk_size: int,
    write: ChunkWriter,
) -> None:
    """Compute the chunks of ``P`` that begin at ``starts`` on the workers of ``client``
    and call ``write(start, OUT, PROF, STATUS)`` for each, in the order they finish.

    Kernel failures are rows with their status, written like any other. A chunk whose
    task fails (a lost worker, other kernel sources) is left ``NOT_RUN``; the others are
    written, and then an :class:`EngineError` names the failed rows.
    """
    unit = twin.module.__name__
    expected = _store.kernel_hash(twin.module)
    n = P.shape[0]
    twin.run_batch(P[:1], check=False, serial=True)  # compile into the shared cache once
    chunks = [np.ascontiguousarray(P[s : min(s + chunk_size, n)]) for s in starts]
    futures = client.map(solve_chunk, chunks, unit=unit, kernel_hash=expected, pure=False)
    start_of = {f.key: s for f, s in zip(futures, starts, strict=True)}
    failed: list[tuple[int, BaseException]] = []
    try:
        for future in as_completed(futures):
            start = start_of[future.key]
            if future.status == "error":
                failed.append((start, future.exception()))
                continue
            write(start, *future.result())
            future.release()
    finally:
        client.cancel([f for f in futures if not f.done()])
    if failed:
        start, err = min(failed, key=lambda item: item[0])
        raise EngineError(
            f"{len(failed)} of {len(starts)} chunks failed on the Dask workers (first: rows "
            f"{start}–{min(start + chunk_size, n) - 1}: {type(err).__name__}: {err}); the "
            "other chunks are stored — run the study again to retry the failed ones"
        ) from err


def solve_chunk(
    P: np.ndarray, *, unit: str, kernel_hash: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Worker task: the kernel's serial batch over the rows of ``P`` (already checked).

    Raises
    ------
    EngineError
        When this worker's kernel sources differ from the ones the store was started with.
    """
    twin, here = _twin(unit)
    if here != kernel_hash:
        raise EngineError(
            f"this worker runs other kernel sources for '{unit}' (hash {here[:12]}, the "
            f"study's {kernel_hash[:12]}); install the same heattwin on every worker"
        )
    return twin.run_batch(P, check=False, serial=True)


@cache
def _twin(unit: str) -> tuple[UnitTwin, str]:
    twin = UnitTwin(unit)
    return twin, _store.kernel_hash(twin.module)


class _WorkerEnvironment(WorkerPlugin):
    """Worker plugin: the numba environment of :func:`worker_environment` for workers
    of a cluster the user started (it counts for kernels not yet imported there)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def setup(self, worker: object) -> None:
        os.environ.update(self.env)


__all__ = ["CONNECT_TIMEOUT_S", "connect", "run_chunks", "solve_chunk", "worker_environment"]
