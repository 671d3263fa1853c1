"""Scenarios: one operating point of one unit, written as a small TOML file.

.. code-block:: toml

    [scenario]
    unit = "heater"                 # kernel module kernels/heater.py
    name = "crude unit heater"      # optional, defaults to the file name
    description = "..."             # optional

    [params]                        # any parameter not given keeps its default
    process_flow = "90 kg/s"        # numbers are SI; strings carry a unit
    process_outlet_temp = "360 degC"
    excess_air = 0.15

Files are checked when read, before any kernel runs: an unknown table or key, a
malformed line (reported with its line and column), an unknown parameter, a wrong
unit or an out-of-range value raise an error naming the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from twins.errors import HeattwinError, KernelError, ScenarioError
from twins.unit import Result, UnitTwin

_SCENARIO_KEYS = ("unit", "name", "description")


@dataclass(frozen=True)
class Scenario:
    """One operating point: a unit name and parameter overrides (raw, as written).

    Parameters
    ----------
    unit : str
        Kernel module name, e.g. ``"heater"``.
    params : dict, optional
        Overrides by parameter name: SI numbers, unit strings or pint quantities.
    name : str, optional
        Label used in reports and files.
    description : str, optional
        Free text.
    source : pathlib.Path, optional
        The TOML file the scenario came from, if any.
    """

    unit: str
    params: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    description: str = ""
    source: Path | None = None

    @classmethod
    def from_toml(cls, path: str | Path) -> Scenario:
        """Read and check a scenario file.

        Raises
        ------
        ScenarioError
            For a missing or malformed file or a schema error (file name and line).
        ParameterError
            For a bad parameter (file name, parameter, value, unit, range).
        """
        path = Path(path)
        data = load_toml(path)
        return cls.from_dict(data, source=path)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: Path | None = None) -> Scenario:
        """Build and check a scenario from the parsed TOML structure."""
        where = str(source) if source else "scenario"
        check_keys(data, ("scenario", "params"), where, "top-level table")
        head = require_table(data, "scenario", where)
        check_keys(head, _SCENARIO_KEYS, where, "key in [scenario]")
        unit = head.get("unit")
        if not isinstance(unit, str) or not unit:
            raise ScenarioError(f'{where}: [scenario] needs unit = "<name>", e.g. unit = "heater"')
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise ScenarioError(f"{where}: [params] must be a table of name = value")
        default_name = source.stem if source else unit
        scenario = cls(
            unit=unit,
            params=dict(params),
            name=str(head.get("name", default_name)),
            description=str(head.get("description", "")),
            source=source,
        )
        twin = with_context(lambda: UnitTwin(unit), f"{where}: [scenario] ")
        with_context(lambda: scenario.vector(twin), f"{where}: [params] ")
        return scenario

    def twin(self) -> UnitTwin:
        """The :class:`UnitTwin` of this scenario's unit."""
        return UnitTwin(self.unit)

    def vector(self, twin: UnitTwin | None = None) -> np.ndarray:
        """Checked SI parameter vector of this scenario."""
        return (twin or self.twin()).vector(self.params)

    def with_params(self, **overrides: Any) -> Scenario:
        """A copy with more parameter overrides (later values win)."""
        return replace(self, params={**self.params, **overrides})

    def run(self, *, check_status: bool = True, **overrides: Any) -> Result:
        """Run this scenario (plus ``overrides``) once; see :meth:`UnitTwin.run`."""
        return self.twin().run({**self.params, **overrides}, check_status=check_status)


def load_toml(path: str | Path) -> dict[str, Any]:
    """Parse a TOML file; errors name the file and, for syntax errors, line and column.

    Raises
    ------
    ScenarioError
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, expected a TOML file") from None
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{path}: malformed TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise ScenarioError(f"{path}: not UTF-8 text ({err.reason})") from None


def check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str, what: str) -> None:
    """Raise ScenarioError for the first key of ``table`` not in ``allowed``."""
    for key in table:
        if key not in allowed:
            raise ScenarioError(
                f"{where}: unknown {what} '{key}'; allowed: {', '.join(allowed)}"
            )


def require_table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    """``data[key]`` when it is a TOML table, else a ScenarioError."""
    table = data.get(key)
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{where}: missing table [{key}]")
    return table


def with_context(call: Any, prefix: str) -> Any:
    """Run ``call()``; prefix the message of any :class:`HeattwinError` it raises."""
    try:
        return call()
    except KernelError:
        raise
    except HeattwinError as err:
        raise type(err)(prefix + str(err)) from None
