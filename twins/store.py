"""The HDF5 result store: one layout for every study, crash-safe and resumable.

Layout (DESIGN.md section 5)::

    /                     attrs: heattwin_version, created, unit, kernel_hash,
                                 git_describe, study_spec (JSON), study_spec_hash
    /scenario             (n_scen,)  dimension scale, scenario index
    /param                (n_param,) dimension scale, parameter names
    /cell                 (n_cell,)  dimension scale, cell index
    /scenarios/params     (n_scen, n_param) float64, attrs: names, units
    /scenarios/status     (n_scen,) int8, NOT_RUN = -1 until its chunk is written
    /outputs/<name>       (n_scen,) float64, attrs: units, long_name
    /profiles/<name>      (n_scen, n_cell) float64, chunked, gzip

An optimisation writes the same layout through :class:`EvaluationLog`, with the
``scenario`` dimension growing as scenarios are evaluated (row order = evaluation
order), and its result in ``/analysis/optimum``; a Saltelli design adds
``/analysis/sobol`` (:mod:`twins.sensitivity`).

Every dataset is attached to the dimension scales, so the file opens with plain
h5py and with ``xarray.open_dataset(path, engine="h5netcdf", group="outputs")``
(dimensions ``scenario``, ``param``, ``cell``; CF ``units`` attributes).

Crash safety: the file is created complete (all datasets allocated, status
``NOT_RUN``) under a temporary name and renamed into place. Each chunk writes its
outputs and profiles, flushes, then writes its status rows and flushes again, so a
row is never marked done before its numbers are on disk. Resuming checks that the
file holds the same study (spec hash) and the same kernels (source hash) and skips
the chunks whose status rows are all set.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import h5py
import numpy as np

from kernels.contract import STATUS_MEANING, Output, Param, Profile
from twins.errors import StoreError
from twins.status import NOT_RUN

LAYOUT_VERSION = 1


@dataclass
class StoreContents:
    """Everything :func:`load` reads back from a store (SI units)."""

    path: Path
    attrs: dict[str, Any]
    spec: dict[str, Any]
    param_names: list[str]
    param_units: list[str]
    params: np.ndarray
    status: np.ndarray
    outputs: dict[str, np.ndarray]
    output_units: dict[str, str]
    output_long_names: dict[str, str]
    profiles: dict[str, np.ndarray] = field(default_factory=dict)
    profile_units: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """Name of the unit the study ran."""
        return str(self.attrs.get("unit", ""))


class StudyStore:
    """An open, writable store of one study. Use :meth:`open`, then :meth:`write_chunk`.

    Not meant to be shared between processes: one writer per file.
    """

    def __init__(self, path: Path, h5: h5py.File) -> None:
        self.path = path
        self._h5 = h5
        self.output_names = list(json.loads(h5.attrs["output_names"]))
        self.profile_names = list(json.loads(h5.attrs["profile_names"]))

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        unit: str,
        params: Sequence[Param],
        outputs: Sequence[Output],
        profiles: Sequence[Profile],
        n_cell: int,
        P: np.ndarray,
        spec: dict[str, Any],
        spec_hash: str,
        kernel_hash: str,
        chunk_rows: int = 256,
        overwrite: bool = False,
    ) -> StudyStore:
        """Resume the study in ``path`` or create the file.

        Raises
        ------
        StoreError
            When the existing file holds another study or was written by other kernel
            sources (the message offers a new file or ``--overwrite``), or cannot be read.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            h5 = _open_existing(path)
            try:
                _check_same_study(path, h5, spec_hash, kernel_hash)
            except BaseException:
                h5.close()
                raise
            return cls(path, h5)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        try:
            with h5py.File(tmp, "w") as h5:
                _create_layout(
                    h5, unit, params, outputs, profiles, n_cell, P, spec, spec_hash,
                    kernel_hash, chunk_rows,
                )
            os.replace(tmp, path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{path}: cannot create the result file ({err})") from None
        return cls(path, h5py.File(path, "r+"))

    @property
    def status(self) -> np.ndarray:
        """Status of every scenario (``NOT_RUN`` = -1 for rows not yet written)."""
        return self._h5["scenarios/status"][...]

    def write_chunk(
        self, start: int, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray
    ) -> None:
        """Write the results of rows ``start … start + len(STATUS)``: numbers first,
        flush, then the status rows, flush."""
        stop = start + len(STATUS)
        h5 = self._h5
        for j, name in enumerate(self.output_names):
            h5["outputs"][name][start:stop] = OUT[:, j]
        for j, name in enumerate(self.profile_names):
            h5["profiles"][name][start:stop, :] = PROF[:, j, :]
        h5.flush()
        h5["scenarios/status"][start:stop] = STATUS
        h5.flush()

    def close(self) -> None:
        """Flush and close the file."""
        if self._h5.id.valid:
            self._h5.close()

    def __enter__(self) -> StudyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EvaluationLog:
    """A store whose scenarios are appended as they are evaluated (an optimisation).

    Same layout as :class:`StudyStore`, the ``scenario`` dimension growing. Each
    :meth:`append` resizes, writes parameters, outputs and profiles, flushes, then the
    status rows, and flushes again; rows left ``NOT_RUN`` at the end of the file by a
    killed run are dropped when the file is opened again. :meth:`done` gives the rows
    already evaluated, which a rerun takes from the file instead of the kernel.
    """

    def __init__(self, path: Path, h5: h5py.File) -> None:
        self.path = path
        self._h5 = h5
        self.output_names = list(json.loads(h5.attrs["output_names"]))
        self.profile_names = list(json.loads(h5.attrs["profile_names"]))
        self._drop_unfinished_tail()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        unit: str,
        params: Sequence[Param],
        outputs: Sequence[Output],
        profiles: Sequence[Profile],
        n_cell: int,
        spec: dict[str, Any],
        spec_hash: str,
        kernel_hash: str,
        chunk_rows: int = 64,
        overwrite: bool = False,
    ) -> EvaluationLog:
        """Reopen the log in ``path`` (same spec hash and kernels) or create it.

        The ``study_spec`` attribute is updated to ``spec`` (the latest run's options).

        Raises
        ------
        StoreError
            As :meth:`StudyStore.open`.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            h5 = _open_existing(path)
            try:
                _check_same_study(path, h5, spec_hash, kernel_hash)
                h5.attrs["study_spec"] = json.dumps(spec, sort_keys=True)
            except BaseException:
                h5.close()
                raise
            return cls(path, h5)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        try:
            with h5py.File(tmp, "w") as h5:
                _create_layout(
                    h5, unit, params, outputs, profiles, n_cell,
                    np.zeros((0, len(params))), spec, spec_hash, kernel_hash, chunk_rows,
                    growable=True,
                )
            os.replace(tmp, path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{path}: cannot create the result file ({err})") from None
        return cls(path, h5py.File(path, "r+"))

    @property
    def n(self) -> int:
        """Rows in the file."""
        return int(self._h5["scenarios/status"].shape[0])

    def done(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(P, OUT, STATUS)`` of the rows already evaluated (status not ``NOT_RUN``)."""
        h5 = self._h5
        status = h5["scenarios/status"][...]
        keep = status != NOT_RUN
        P = h5["scenarios/params"][...][keep]
        OUT = np.column_stack(
            [h5["outputs"][name][...][keep] for name in self.output_names]
        ) if self.output_names else np.zeros((int(keep.sum()), 0))
        return P, OUT, status[keep]

    def append(self, P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
        """Append evaluated rows: numbers first, flush, then their status, flush."""
        h5 = self._h5
        start, k = self.n, len(STATUS)
        stop = start + k
        for ds in (h5["scenario"], h5["scenarios/status"], h5["scenarios/params"],
                   *(h5["outputs"][n] for n in self.output_names),
                   *(h5["profiles"][n] for n in self.profile_names)):
            ds.resize(stop, axis=0)
        h5["scenario"][start:stop] = np.arange(start, stop)
        h5["scenarios/params"][start:stop] = P
        for j, name in enumerate(self.output_names):
            h5["outputs"][name][start:stop] = OUT[:, j]
        for j, name in enumerate(self.profile_names):
            h5["profiles"][name][start:stop, :] = PROF[:, j, :]
        h5.attrs["n_scenarios"] = stop
        h5.flush()
        h5["scenarios/status"][start:stop] = STATUS
        h5.flush()

    def close(self) -> None:
        """Flush and close the file."""
        if self._h5.id.valid:
            self._h5.close()

    def __enter__(self) -> EvaluationLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _drop_unfinished_tail(self) -> None:
        status = self._h5["scenarios/status"][...]
        done = np.flatnonzero(status != NOT_RUN)
        keep = int(done[-1]) + 1 if done.size else 0
        if keep == len(status):
            return
        h5 = self._h5
        for ds in (h5["scenario"], h5["scenarios/status"], h5["scenarios/params"],
                   *(h5["outputs"][n] for n in self.output_names),
                   *(h5["profiles"][n] for n in self.profile_names)):
            ds.resize(keep, axis=0)
        h5.attrs["n_scenarios"] = keep
        h5.flush()


def load(path: str | Path, *, profiles: bool = False) -> StoreContents:
    """Read a store back into memory (profiles only when asked: they are the bulk).

    Raises
    ------
    StoreError
        When the file is missing or is not a heattwin store.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    try:
        h5 = h5py.File(path, "r")
    except OSError as err:
        raise StoreError(f"{path}: cannot read as HDF5 ({err})") from None
    with h5:
        if "study_spec_hash" not in h5.attrs:
            raise StoreError(f"{path}: not a heattwin result file (no study_spec_hash)")
        attrs = {k: _plain(v) for k, v in h5.attrs.items()}
        pds = h5["scenarios/params"]
        output_names = json.loads(h5.attrs["output_names"])
        profile_names = json.loads(h5.attrs["profile_names"])
        contents = StoreContents(
            path=path,
            attrs=attrs,
            spec=json.loads(attrs["study_spec"]),
            param_names=[str(x) for x in pds.attrs["names"]],
            param_units=[str(x) for x in pds.attrs["units"]],
            params=pds[...],
            status=h5["scenarios/status"][...],
            outputs={n: h5["outputs"][n][...] for n in output_names},
            output_units={n: str(h5["outputs"][n].attrs["units"]) for n in output_names},
            output_long_names={
                n: str(h5["outputs"][n].attrs["long_name"]) for n in output_names
            },
            profile_units={n: str(h5["profiles"][n].attrs["units"]) for n in profile_names},
        )
        if profiles:
            contents.profiles = {n: h5["profiles"][n][...] for n in profile_names}
    return contents


def kernel_hash(module: ModuleType | None = None) -> str:
    """sha256 of the sources of ``kernels/*.py`` (and of ``module`` if it lives elsewhere).

    A resumed study must run the same kernel code as the chunks already written.
    """
    import kernels

    kernel_dir = Path(kernels.__file__).parent.resolve()
    extra: tuple[Path, ...] = ()
    if module is not None and getattr(module, "__file__", None):
        own = Path(module.__file__).resolve()
        if own.parent != kernel_dir:
            extra = (own,)
    return kernels.source_hash(extra)


def git_describe() -> str:
    """``git describe --always --dirty --tags`` of the source tree, or ``"unknown"``."""
    import kernels

    root = Path(kernels.__file__).resolve().parent.parent
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty", "--tags"],
            capture_output=True, text=True, timeout=5, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "unknown"


def provenance(unit: str, kernel_hash_: str) -> dict[str, str]:
    """Root attributes of every result file (DESIGN §5): version, time, unit, kernel, git."""
    return {
        "heattwin_version": heattwin_version(),
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "unit": unit,
        "kernel_hash": kernel_hash_,
        "git_describe": git_describe(),
    }


def heattwin_version() -> str:
    """Installed version of the ``heattwin`` distribution, or ``"unknown"``."""
    try:
        return metadata.version("heattwin")
    except metadata.PackageNotFoundError:
        return "unknown"


# --------------------------------------------------------------------------- helpers


def _create_layout(
    h5: h5py.File,
    unit: str,
    params: Sequence[Param],
    outputs: Sequence[Output],
    profiles: Sequence[Profile],
    n_cell: int,
    P: np.ndarray,
    spec: dict[str, Any],
    spec_hash: str,
    kernel_hash_: str,
    chunk_rows: int,
    growable: bool = False,
) -> None:
    n = P.shape[0]
    grow: dict[str, Any] = {}
    if growable:  # resizable along the scenario dimension, chunked (HDF5 requires it)
        grow = {"maxshape": (None,), "chunks": (max(1, chunk_rows),)}
    h5.attrs.update(provenance(unit, kernel_hash_))
    h5.attrs["study_spec"] = json.dumps(spec, sort_keys=True)
    h5.attrs["study_spec_hash"] = spec_hash
    h5.attrs["layout_version"] = LAYOUT_VERSION
    h5.attrs["n_scenarios"] = n
    h5.attrs["output_names"] = json.dumps([o.name for o in outputs])
    h5.attrs["profile_names"] = json.dumps([f.name for f in profiles])

    scenario = h5.create_dataset("scenario", data=np.arange(n, dtype=np.int64), **grow)
    scenario.attrs["long_name"] = "scenario index (row of /scenarios/params)"
    scenario.make_scale("scenario")
    names = np.array([p.name for p in params], dtype=h5py.string_dtype())
    param = h5.create_dataset("param", data=names)
    param.attrs["long_name"] = "parameter name"
    param.make_scale("param")
    cell = h5.create_dataset("cell", data=np.arange(n_cell, dtype=np.int64))
    cell.attrs["long_name"] = "cell index along the profile"
    cell.make_scale("cell")

    group = h5.create_group("scenarios")
    pds = group.create_dataset(
        "params", data=np.asarray(P, dtype=np.float64), **_grown(grow, len(params))
    )
    pds.attrs["names"] = [p.name for p in params]
    pds.attrs["units"] = [p.unit for p in params]
    pds.attrs["long_name"] = "scenario parameters, SI units (see attrs names/units)"
    _attach(pds, scenario, param)
    codes = sorted({NOT_RUN, *STATUS_MEANING})
    sds = group.create_dataset(
        "status", data=np.full(n, NOT_RUN, dtype=np.int8), fillvalue=NOT_RUN, **grow
    )
    sds.attrs["long_name"] = "kernel status of the scenario"
    sds.attrs["flag_values"] = np.array(codes, dtype=np.int8)
    sds.attrs["flag_meanings"] = " ".join(_flag_word(c) for c in codes)
    _attach(sds, scenario)

    group = h5.create_group("outputs")
    for o in outputs:
        ds = group.create_dataset(o.name, data=np.full(n, np.nan), fillvalue=np.nan, **grow)
        ds.attrs["units"] = o.unit
        ds.attrs["long_name"] = o.meaning
        _attach(ds, scenario)

    group = h5.create_group("profiles")
    rows = max(1, min(chunk_rows, n))
    for f in profiles:
        if growable:
            ds = group.create_dataset(
                f.name, shape=(n, n_cell), dtype=np.float64, compression="gzip",
                compression_opts=4, shuffle=True, fillvalue=np.nan,
                **_grown(grow, n_cell),
            )
        elif n == 0 or n_cell == 0:
            ds = group.create_dataset(f.name, shape=(n, n_cell), dtype=np.float64)
        else:
            ds = group.create_dataset(
                f.name, shape=(n, n_cell), dtype=np.float64, chunks=(rows, n_cell),
                compression="gzip", compression_opts=4, shuffle=True, fillvalue=np.nan,
            )
        ds.attrs["units"] = f.unit
        ds.attrs["long_name"] = f.meaning
        _attach(ds, scenario, cell)


def _grown(grow: dict[str, Any], width: int) -> dict[str, Any]:
    """``grow`` for a 2-D dataset of ``width`` columns."""
    if not grow:
        return {}
    return {"maxshape": (None, width), "chunks": (grow["chunks"][0], max(1, width))}


def _attach(ds: h5py.Dataset, *scales: h5py.Dataset) -> None:
    for i, scale in enumerate(scales):
        ds.dims[i].attach_scale(scale)


def _flag_word(code: int) -> str:
    text = "not run" if code == NOT_RUN else STATUS_MEANING[code]
    return "_".join(text.replace(",", "").split())


def _open_existing(path: Path) -> h5py.File:
    try:
        return h5py.File(path, "r+")
    except OSError as err:
        raise StoreError(
            f"{path}: cannot open to resume ({err}); the file may be damaged or in use — "
            "delete it, pass --overwrite, or choose another --store"
        ) from None


def _check_same_study(path: Path, h5: h5py.File, spec_hash: str, kernel_hash_: str) -> None:
    found = h5.attrs.get("study_spec_hash")
    if found is None:
        raise StoreError(
            f"{path}: exists and is not a heattwin result file; choose another --store "
            "or pass --overwrite to replace it"
        )
    if _plain(found) != spec_hash:
        raise StoreError(
            f"{path}: holds a different study (spec hash {str(_plain(found))[:12]}, this study "
            f"{spec_hash[:12]}); use a new file (e.g. --store {_sibling(path)}) "
            "or pass --overwrite to replace it"
        )
    if _plain(h5.attrs.get("kernel_hash", "")) != kernel_hash_:
        raise StoreError(
            f"{path}: was written by different kernel sources (kernels/*.py changed since); "
            f"resuming would mix two kernel versions — use a new file (e.g. --store "
            f"{_sibling(path)}) or pass --overwrite to replace it"
        )


def _sibling(path: Path) -> Path:
    return path.with_name(f"{path.stem}_2{path.suffix}")


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    return value
