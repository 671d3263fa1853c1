"""The numba blast-furnace kernel against the plain NumPy/SciPy reference of its static
balance with RAFT (benchmarks/reference/blast_furnace.py).

The reference rebuilds the per-tonne streams from the parameters by name, solves the four
balances together with ``scipy.optimize.fsolve`` (hydrogen share inside the equations)
and the RAFT and top-gas temperature with ``brentq``; it shares only coefficient tables
with the kernel. Both converge to round-off, so they must agree to 1e-8 relative.
"""

import numpy as np
import pytest

from benchmarks.reference import blast_furnace as ref
from kernels import blast_furnace as bf
from kernels.contract import OK

CASES = {
    "default": {},
    "low_pci_dry_air": {"pci_rate": 80.0, "oxygen_enrichment": 0.0, "blast_moisture": 0.0,
                        "heat_loss_hot_zone": 0.8},
    "high_pci_o2": {"pci_rate": 230.0, "oxygen_enrichment": 0.08, "blast_temp": 1523.15},
    "natural_gas": {"natural_gas_rate": 40.0, "pci_rate": 120.0, "oxygen_enrichment": 0.06},
    "cold_reserve_zone": {"reserve_zone_temp": 1173.15, "shaft_efficiency": 0.97,
                          "heat_loss": 0.3e9, "slag_basicity": 1.25},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_kernel_agrees_with_scipy_reference(case):
    values = {**ref.defaults(), **CASES[case]}
    p = np.array([values[row.name] for row in bf.PARAMS])
    out = np.empty(len(bf.OUTPUTS))
    prof = np.empty((len(bf.PROFILES), bf.N_CELL))
    assert bf.solve(p, out, prof) == OK
    expected = ref.static_balance(values)
    for name, value in expected.items():
        got = out[bf.OUTPUTS.index(next(o for o in bf.OUTPUTS if o.name == name))]
        assert got == pytest.approx(value, rel=1e-8), name
