"""Status codes as users see them: the kernel's codes plus ``NOT_RUN`` for the store."""

from __future__ import annotations

from kernels.contract import OK, STATUS_MEANING

NOT_RUN = -1
"""Status of a scenario whose chunk has not been written yet (HDF5 store sentinel)."""


def status_text(code: int) -> str:
    """Meaning of a status code, e.g. ``"solver did not converge"``."""
    code = int(code)
    if code == NOT_RUN:
        return "not run"
    return STATUS_MEANING.get(code, f"unknown status {code}")


__all__ = ["NOT_RUN", "OK", "status_text"]
