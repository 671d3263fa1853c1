"""Numba-compiled physics kernels: numbers in, numbers out.

Each unit module (``heater``, ``pyroline``, later ``kiln``, ``blast_furnace``,
``hall_heroult``) follows the kernel contract of :mod:`kernels.contract`.

Numba's on-disk cache notices edits to a function's own file but not to the modules
it calls, so a stale compiled kernel could run after an edit elsewhere. The cache
directory is therefore keyed on a hash of every ``kernels/*.py`` source: any edit
gives a fresh cache. Set ``HEATTWIN_CACHE_DIR`` to choose where the caches live
(default ``~/.cache/heattwin``); an explicit ``NUMBA_CACHE_DIR`` is left alone.
"""

import hashlib
import os
from pathlib import Path


def source_hash(extra: tuple[Path, ...] = ()) -> str:
    """SHA-256 (hex) of all ``kernels/*.py`` sources in file-name order, then ``extra``."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(__file__).parent.glob("*.py")), *extra]:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _configure_numba_cache() -> None:
    if "NUMBA_CACHE_DIR" in os.environ:
        return
    base = Path(os.environ.get("HEATTWIN_CACHE_DIR", Path.home() / ".cache" / "heattwin"))
    cache_dir = str(base / f"numba-{source_hash()[:16]}")
    os.environ["NUMBA_CACHE_DIR"] = cache_dir
    import numba

    numba.config.CACHE_DIR = cache_dir


_configure_numba_cache()
