"""Status codes as users see them: the kernel's codes plus ``NOT_RUN`` for the store."""

from __future__ import annotations

from collections.abc import Mapping

from kernels.contract import OK, STATUS_MEANING

NOT_RUN = -1
"""Status of a scenario whose chunk has not been written yet (HDF5 store sentinel)."""


def status_text(code: int, unit_meanings: Mapping[int, str] | None = None) -> str:
    """Meaning of a status code, e.g. ``"solver did not converge"``.

    ``unit_meanings``: a kernel module's own ``STATUS_MEANING`` (optional), whose words
    take precedence over the generic ones of :mod:`kernels.contract`.
    """
    code = int(code)
    if code == NOT_RUN:
        return "not run"
    if unit_meanings and code in unit_meanings:
        return unit_meanings[code]
    return STATUS_MEANING.get(code, f"unknown status {code}")


__all__ = ["NOT_RUN", "OK", "status_text"]
