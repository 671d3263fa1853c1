"""Fixtures of the viz tests: synthetic study files and PNG checks."""

from __future__ import annotations

import numpy as np
import pytest
from synthetic_heater import FULL_GRID, NAMES, heater_state, write_heater_study

from kernels.contract import defaults
from kernels.heater import PARAMS


@pytest.fixture(scope="session")
def heater_study(tmp_path_factory):
    """Study over excess air x air preheat x convection rows (48 rows, 2 not OK)."""
    path = tmp_path_factory.mktemp("study") / "heater_study.h5"
    write_heater_study(path, FULL_GRID)
    return path


@pytest.fixture(scope="session")
def heater_state_default():
    """Outputs and profiles of the default heater at 15 % excess air, no preheat."""
    p = dict(zip(NAMES, defaults(PARAMS), strict=True))
    return p, *heater_state(p)


def _read_png(path):
    """(width, height) from the PNG header, and the pixels as an (h, w, 3) uint8 array."""
    from matplotlib import image

    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    assert head[12:16] == b"IHDR"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    rgb = image.imread(path)[..., :3]
    if rgb.dtype != np.uint8:
        rgb = np.round(rgb * 255).astype(np.uint8)
    assert rgb.shape[:2] == (height, width)
    return (width, height), rgb


@pytest.fixture
def read_png():
    """Read a PNG: ``(width, height), rgb = read_png(path)``; fails if not a valid PNG."""
    return _read_png


def colourful_fraction(rgb: np.ndarray, min_chroma: int = 60) -> float:
    """Fraction of pixels whose max - min channel exceeds ``min_chroma`` (not grey/white)."""
    rgb = rgb.astype(int)
    return float(np.mean(rgb.max(axis=-1) - rgb.min(axis=-1) > min_chroma))


@pytest.fixture
def colourful():
    """``colourful(rgb)``: fraction of clearly coloured (not grey or white) pixels."""
    return colourful_fraction
