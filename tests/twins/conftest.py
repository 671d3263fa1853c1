"""Fixtures for the twins tests: a toy kernel, scenario/study files, the heater when ready."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from tests.twins import toy_kernel
from twins import UnitTwin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOY = "tests.twins.toy_kernel"


def heater_module():
    """``kernels.heater`` when it imports and has ``solve_batch``, else None."""
    try:
        module = importlib.import_module("kernels.heater")
    except Exception:
        return None
    return module if hasattr(module, "solve_batch") and hasattr(module, "solve") else None


def heater_importable() -> bool:
    """True when ``kernels.heater`` imports (its tables are usable)."""
    try:
        importlib.import_module("kernels.heater")
    except Exception:
        return False
    return True


requires_heater = pytest.mark.skipif(
    heater_module() is None, reason="kernels.heater has no solve/solve_batch yet"
)


@pytest.fixture(scope="session")
def toy() -> UnitTwin:
    return UnitTwin(toy_kernel)


@pytest.fixture()
def toy_scenario(tmp_path: Path) -> Path:
    path = tmp_path / "toy.toml"
    path.write_text(
        f"""
[scenario]
unit = "{TOY}"
name = "toy economiser"

[params]
hot_flow = "36 t/h"
hot_inlet_temp = "326.85 degC"
cold_inlet_temp = "26.85 degC"
ua = "20 kW/K"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture()
def toy_study(tmp_path: Path, toy_scenario: Path) -> Path:
    path = tmp_path / "toy_study.toml"
    path.write_text(
        """
[study]
name = "toy_sweep"
base = "toy.toml"

[sweep]
ua = { start = 10, stop = 50, num = 5, unit = "kW/K" }
cold_inlet_temp = ["20 degC", "40 degC"]
hot_flow = [5, 10, 20]

[report]
hours_per_year = 8000
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture()
def cli_env() -> dict[str, str]:
    """Environment for ``heattwin`` subprocesses that can import the toy kernel."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture()
def heattwin_exe() -> list[str]:
    exe = Path(sys.executable).with_name("heattwin")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "twins.cli"]


def make_study(twin=None, **extra_axes):
    """The toy study the store tests interrupt and resume: 5 x 2 x 3 = 30 scenarios."""
    from twins import Study

    axes = {
        "ua": {"start": 10, "stop": 50, "num": 5, "unit": "kW/K"},
        "cold_inlet_temp": ["20 degC", "40 degC"],
        "hot_flow": [5.0, 10.0, 20.0],
    } | extra_axes
    return Study.grid(twin or UnitTwin(toy_kernel), name="toy_store", **axes)


@pytest.fixture(autouse=True)
def _cli_table_width(monkeypatch):
    """CLI tables are read by the tests: give them the fixed non-terminal width (160)
    whatever COLUMNS the calling shell exports, unless a test sets COLUMNS itself."""
    monkeypatch.delenv("COLUMNS", raising=False)
