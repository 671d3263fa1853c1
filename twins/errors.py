"""Exceptions raised by :mod:`twins`.

Every error a user can cause (a wrong unit, a value out of range, a malformed TOML file,
a kernel that does not converge) is a :class:`HeattwinError`, so the command line can
print it as one clear line instead of a traceback.
"""

from __future__ import annotations

from typing import Any


class HeattwinError(Exception):
    """Base class of all errors a user of :mod:`twins` can cause."""


class ParameterError(HeattwinError, ValueError):
    """A parameter value is unknown, has the wrong unit or lies outside its range."""


class ScenarioError(HeattwinError, ValueError):
    """A scenario or study file cannot be read or does not follow its schema."""


class StoreError(HeattwinError):
    """An HDF5 result file cannot be created, resumed or read."""


class EngineError(HeattwinError, RuntimeError):
    """The Dask engine cannot reach its scheduler, or chunks failed on its workers."""


class KernelError(HeattwinError, RuntimeError):
    """A kernel returned a status other than ``OK``.

    Attributes
    ----------
    status : int
        The status code from :mod:`kernels.contract`.
    result : Any
        The :class:`twins.unit.Result` holding whatever the kernel wrote, for inspection.
    """

    def __init__(self, message: str, status: int, result: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.result = result


class UnknownUnitError(HeattwinError, LookupError):
    """No kernel module of that name, or the module is not a unit (no ``PARAMS`` table)."""
