"""Every unit module follows the kernel contract of kernels/contract.py."""

import importlib

import numpy as np
import pytest

from kernels.contract import bounds, defaults

UNITS = ["heater", "kiln", "pyroline", "cement_line", "blast_furnace"]


@pytest.fixture(params=UNITS)
def unit(request):
    return importlib.import_module(f"kernels.{request.param}")


def test_index_constants_match_tables(unit):
    for prefix, table in (("I", unit.PARAMS), ("O", unit.OUTPUTS), ("F", unit.PROFILES)):
        for i, row in enumerate(table):
            assert getattr(unit, f"{prefix}_{row.name.upper()}") == i, row.name


def test_names_unique_and_defaults_in_range(unit):
    for table in (unit.PARAMS, unit.OUTPUTS, unit.PROFILES):
        names = [row.name for row in table]
        assert len(names) == len(set(names))
    low, high = bounds(unit.PARAMS)
    p = defaults(unit.PARAMS)
    assert np.all(low <= p) and np.all(p <= high)
    assert np.all(low < high)


def test_every_entry_has_unit_and_meaning(unit):
    for table in (unit.PARAMS, unit.OUTPUTS, unit.PROFILES):
        for row in table:
            assert row.unit and len(row.meaning) > 10, row
