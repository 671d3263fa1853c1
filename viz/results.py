"""Read a study's HDF5 results file (DESIGN.md §5) into plain numpy arrays.

``viz`` never imports ``twins``: it reads the documented on-disk layout with h5py::

    /scenarios/params   (n_scen, n_param) float64, attrs names, units
    /scenarios/status   (n_scen,) int8        0 = OK, -1 = not run yet, >0 = kernel status
    /outputs/<name>     (n_scen,) float64     attrs units, long_name
    /profiles/<name>    (n_scen, n_cell)      attrs units (optional)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np


@dataclass(frozen=True)
class StudyResults:
    """The successful (or all) scenarios of a study, as plain arrays in SI units.

    Attributes
    ----------
    unit : str
        Kernel module name from the root ``unit`` attribute (e.g. ``"heater"``).
    param_names : tuple of str
        Column names of :attr:`params`, in the kernel's PARAMS order.
    params : ndarray, shape (n, n_param)
        Parameter rows of the selected scenarios.
    scenario : ndarray of int, shape (n,)
        Row index of each selected scenario in the file.
    status : ndarray of int8, shape (n,)
        Status code of each selected scenario.
    outputs : dict of str to ndarray, shape (n,)
        Scalar outputs by name.
    profiles : dict of str to ndarray, shape (n, n_cell)
        Profiles by name.
    units : dict of str to str
        SI unit of every parameter, output and profile (from the file's attributes).
    long_names : dict of str to str
        Description of every output (``long_name`` attribute), where present.
    n_total : int
        Number of scenario rows in the file, selected or not.
    attrs : dict
        Root attributes of the file.
    """

    unit: str
    param_names: tuple[str, ...]
    params: np.ndarray
    scenario: np.ndarray
    status: np.ndarray
    outputs: dict[str, np.ndarray]
    profiles: dict[str, np.ndarray]
    units: dict[str, str]
    long_names: dict[str, str] = field(default_factory=dict)
    n_total: int = 0
    attrs: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return self.params.shape[0]

    def param(self, name: str) -> np.ndarray:
        """Column of parameter ``name`` (shape (n,)); KeyError if absent."""
        return self.params[:, self.param_names.index(name)]

    def swept(self, rtol: float = 1e-9) -> list[str]:
        """Names of the parameters that take more than one distinct value, in PARAMS order."""
        return [n for n in self.param_names if len(levels(self.param(n), rtol)) > 1]

    def row_params(self, i: int) -> dict[str, float]:
        """Parameters of selected row ``i`` as a name -> SI value dict."""
        return {n: float(v) for n, v in zip(self.param_names, self.params[i], strict=True)}

    def row_outputs(self, i: int) -> dict[str, float]:
        """Outputs of selected row ``i`` as a name -> SI value dict."""
        return {n: float(v[i]) for n, v in self.outputs.items()}

    def row_profiles(self, i: int) -> dict[str, np.ndarray]:
        """Profiles of selected row ``i`` as a name -> 1-D array dict."""
        return {n: np.array(v[i], dtype=float) for n, v in self.profiles.items()}


def read_study(path: str | Path, *, only_ok: bool = True) -> StudyResults:
    """Read a study results file written in the heattwin HDF5 layout.

    Parameters
    ----------
    path : str or Path
        HDF5 file with ``/scenarios``, ``/outputs`` and (optionally) ``/profiles``.
    only_ok : bool, default True
        Keep only the scenarios whose ``/scenarios/status`` is 0 (OK); rows not run
        yet (-1) or failed (> 0) are dropped.

    Returns
    -------
    StudyResults
    """
    with h5py.File(path, "r") as f:
        p_ds = f["scenarios/params"]
        names = tuple(_strings(p_ds.attrs.get("names", [])))
        p_units = _strings(p_ds.attrs.get("units", [""] * len(names)))
        params = np.asarray(p_ds[()], dtype=float)
        if not names:
            names = tuple(f"p{j}" for j in range(params.shape[1]))
        n_total = params.shape[0]
        status = (
            np.asarray(f["scenarios/status"][()], dtype=np.int8)
            if "scenarios/status" in f
            else np.zeros(n_total, dtype=np.int8)
        )
        keep = status == 0 if only_ok else np.ones(n_total, dtype=bool)
        units = dict(zip(names, p_units, strict=False))
        long_names: dict[str, str] = {}
        outputs: dict[str, np.ndarray] = {}
        for name, ds in f.get("outputs", {}).items():
            outputs[name] = np.asarray(ds[()], dtype=float)[keep]
            units[name] = _string(ds.attrs.get("units", ""))
            long_names[name] = _string(ds.attrs.get("long_name", name))
        profiles: dict[str, np.ndarray] = {}
        for name, ds in f.get("profiles", {}).items():
            profiles[name] = np.asarray(ds[()], dtype=float)[keep]
            units[name] = _string(ds.attrs.get("units", ""))
        attrs = {k: _string(v) if isinstance(v, bytes) else v for k, v in f.attrs.items()}
    return StudyResults(
        unit=str(attrs.get("unit", "")),
        param_names=names,
        params=params[keep],
        scenario=np.flatnonzero(keep),
        status=status[keep],
        outputs=outputs,
        profiles=profiles,
        units=units,
        long_names=long_names,
        n_total=n_total,
        attrs=attrs,
    )


def levels(values: np.ndarray, rtol: float = 1e-9) -> np.ndarray:
    """Sorted distinct finite values of ``values``, merging values closer than ``rtol``."""
    v = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if v.size == 0:
        return v
    scale = max(float(np.max(np.abs(v))), 1e-300)
    new = np.concatenate(([True], np.diff(v) > rtol * scale))
    return v[new]


def _string(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _strings(values) -> list[str]:
    if isinstance(values, (str, bytes)):
        return [_string(values)]
    return [_string(v) for v in values]
