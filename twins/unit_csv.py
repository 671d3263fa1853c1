"""Tables of numbers whose header names each column's unit: ``time [day], crude_flow [kg/s]``.

The one convention heattwin reads plant schedules and historian data in. A CSV file (or,
when ``pyarrow`` is installed, a parquet file with the same column names) becomes a
:class:`UnitTable`: names, units and the cells as text, checked for a header of
``name [unit]`` fields and rows of the header's length. Callers convert the cells they
use, so each can report a bad cell with its line and column in its own words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pint

from twins.errors import ScenarioError
from twins.units import convert

_HEADER = re.compile(r"^\s*(?P<name>[^\[]+?)\s*\[(?P<unit>[^\]]*)\]\s*$")
_MISSING = ("", "nan", "NaN", "NAN", "NA", "N/A", "null")
TIMESTAMP_UNITS = ("iso8601", "iso 8601", "datetime")  # a time column of dates: '2026-01-31T14:00'


@dataclass(frozen=True)
class UnitTable:
    """The columns of a unit-labelled table, cells as read (text).

    Attributes
    ----------
    path : pathlib.Path
        The file read.
    names, units : list of str
        Column names and the unit each header gives (``""`` and ``"1"`` are dimensionless).
    rows : list of list of str
        Data rows; row ``i`` is line ``i + 2`` of a CSV file.
    """

    path: Path
    names: list[str]
    units: list[str]
    rows: list[list[str]]

    def index(self, name: str, where: str) -> int:
        """Column number of ``name``; an unknown name lists the columns there are."""
        if name not in self.names:
            raise ScenarioError(f"{where}: {self.path.name} has no column '{name}'; columns: "
                                + ", ".join(self.names))
        return self.names.index(name)

    def values(self, name: str, to_unit: str, where: str) -> np.ndarray:
        """One column in ``to_unit`` as float64; missing cells (empty, ``nan``, ``NA``) are NaN.

        Raises
        ------
        ScenarioError
            For a column unit of another dimension than ``to_unit`` (both named), or a
            cell that is not a number (line and column named).
        """
        j = self.index(name, where)
        raw = np.full(len(self.rows), np.nan)
        for i, row in enumerate(self.rows):
            text = row[j].strip()
            if text in _MISSING:
                continue
            try:
                raw[i] = float(text)
            except ValueError:
                raise ScenarioError(f"{where}: {self.path.name} line {i + 2}, column '{name}': "
                                    f"'{text}' is not a number") from None
        unit = self.units[j] or "1"
        try:
            return np.asarray(convert(raw, unit, to_unit), dtype=np.float64)
        except pint.DimensionalityError:
            raise ScenarioError(f"{where}: {self.path.name} column '{name} [{self.units[j]}]' has a unit "
                                f"of another dimension than {to_unit}") from None
        except pint.PintError as err:
            raise ScenarioError(f"{where}: {self.path.name} column '{name}': unknown unit "
                                f"'{self.units[j]}' ({err})") from None


    def times(self, name: str, where: str) -> np.ndarray:
        """A time column in seconds: numbers with a time unit (``time [h]``), or ISO 8601
        date-times (``time [iso8601]``, UTC or naive) counted from the first one."""
        j = self.index(name, where)
        if self.units[j].strip().lower() not in TIMESTAMP_UNITS:
            return self.values(name, "s", where)
        stamps = []
        for i, row in enumerate(self.rows):
            text = row[j].strip().removesuffix("Z")
            try:
                stamps.append(np.datetime64("NaT") if text in _MISSING else np.datetime64(text, "s"))
            except ValueError:
                raise ScenarioError(f"{where}: {self.path.name} line {i + 2}, column '{name}': '{row[j]}' is not "
                                    "an ISO 8601 date-time such as 2026-01-31T14:00") from None
        stamps_s = np.array(stamps, dtype="datetime64[s]")
        first = stamps_s[~np.isnat(stamps_s)].min() if (~np.isnat(stamps_s)).any() else np.datetime64(0, "s")
        seconds = (stamps_s - first).astype(np.float64)
        seconds[np.isnat(stamps_s)] = np.nan
        return seconds


def read_unit_table(path: str | Path, where: str) -> UnitTable:
    """Read a CSV file (or a parquet file, when ``pyarrow`` is installed).

    Parameters
    ----------
    path : str or pathlib.Path
        ``.csv`` (UTF-8, comma separated, header ``name [unit], ...``) or ``.parquet``.
    where : str
        Prefix of every error message (the file that referred to this one).

    Raises
    ------
    ScenarioError
        Unreadable file, a header field not of the form ``name [unit]``, duplicate
        columns, a row whose length differs from the header's, or no data row.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        header, rows = _read_parquet(path, where)
    else:
        header, rows = _read_csv(path, where)
    names, units = [], []
    for text in header:
        match = _HEADER.match(text)
        if match is None:
            raise ScenarioError(f"{where}: {path} header '{text}' must read 'name [unit]'")
        names.append(match["name"])
        units.append(match["unit"].strip())
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ScenarioError(f"{where}: {path} has duplicate columns: {', '.join(duplicates)}")
    for line, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ScenarioError(f"{where}: {path} line {line} has {len(row)} fields, the header has {len(header)}")
    return UnitTable(path, names, units, rows)


def _read_csv(path: Path, where: str) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except OSError as err:
        raise ScenarioError(f"{where}: cannot read {path}: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{where}: {path} is not UTF-8 text") from None
    if len(rows) < 2:
        raise ScenarioError(f"{where}: {path} needs a header and at least one row")
    return rows[0], rows[1:]


def _read_parquet(path: Path, where: str) -> tuple[list[str], list[list[str]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScenarioError(f"{where}: reading {path.name} needs pyarrow (pip install pyarrow), "
                            "or give the data as CSV") from None
    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as err:
        raise ScenarioError(f"{where}: cannot read {path}: {err}") from None
    if table.num_rows < 1:
        raise ScenarioError(f"{where}: {path} needs a header and at least one row")
    columns = [[("" if v is None else repr(float(v))) for v in col.to_pylist()] for col in table.columns]
    return list(table.column_names), [list(r) for r in zip(*columns, strict=True)]
