"""The kiln Newton solver against the solutions of the previous solver (stored).

``tests/data/kiln/solver_reference.npz`` holds the unknowns x (cells x N_VAR) of four
steady solves made by the finite-difference Newton of commit ff69ea3 (every column of
the cell Jacobian by forward differences of ``kiln_cell.local``): Barr trial T4 on 100
and 200 cells, T4 with the Kramers bed and with a 2 m flame and 700 K secondary air, and
the coal-fired clinker kiln of ``test_kiln_clinker.py`` (pseudo-transient continuation).
Both solvers converge the same equations to a scaled residual of 1e-10, so the solutions
agree to far below 1e-6 K and 1e-9 of the feed (the tolerance asserted); a change in the
physics of the cell model shows up here as a larger deviation. The stored values are
themselves validated against Barr's measurements and the balances in ``test_kiln.py``.
Regenerate (only for a deliberate change of the physics) with
``python -m tests.kernels.test_kiln_solver_regression``.
"""

from pathlib import Path

import numpy as np
import pytest

from benchmarks.kiln_scenarios import named_scenarios
from kernels import kiln as k
from kernels.contract import OK

from .test_kiln_clinker import clinker_kiln

REFERENCE = Path(__file__).parents[1] / "data" / "kiln" / "solver_reference.npz"
T_TOL = 1e-6  # K
FLOW_TOL = 1e-9  # relative to the feed (bed flows) or to the feed in mol CO2 (released gases)


def cases() -> dict[str, tuple[np.ndarray, int]]:
    """Scenario parameters and cell counts of the stored solutions."""
    s = named_scenarios()
    return {
        "barr_T4_100": (s["barr_T4"], 100),
        "barr_T4_200": (s["barr_T4"], 200),
        "t4_kramers_bed": (s["t4_kramers_bed"], 100),
        "t4_flame_2m_secondary_700K": (s["t4_flame_2m_secondary_700K"], 100),
        "clinker_kiln": (clinker_kiln()[0], 100),
    }


def solve(p: np.ndarray, n: int) -> tuple[int, np.ndarray]:
    x = np.empty((n, k.N_VAR))
    out = np.empty(len(k.OUTPUTS))
    prof = np.empty((len(k.PROFILES), n))
    return k.solve_cells(p, x, out, prof), x


@pytest.mark.parametrize("name", sorted(cases()))
def test_solution_matches_previous_solver(name):
    p, n = cases()[name]
    status, x = solve(p, n)
    assert status == OK
    ref = np.load(REFERENCE)[name]
    assert ref.shape == x.shape
    temps = slice(k.V_T_GAS, k.V_T_SHELL + 1)
    np.testing.assert_allclose(x[:, temps], ref[:, temps], rtol=0.0, atol=T_TOL)
    feed = p[k.I_FEED_RATE]
    flows = slice(k.V_M0, k.V_G_CO2)
    np.testing.assert_allclose(x[:, flows], ref[:, flows], rtol=0.0, atol=FLOW_TOL * feed)
    gases = slice(k.V_G_CO2, k.N_VAR)
    np.testing.assert_allclose(x[:, gases], ref[:, gases], rtol=0.0, atol=FLOW_TOL * feed / 0.044)


if __name__ == "__main__":
    solutions = {}
    for case, (params, cells) in cases().items():
        st, sol = solve(params, cells)
        assert st == OK, case
        solutions[case] = sol
    np.savez_compressed(REFERENCE, **solutions)
    print(f"wrote {REFERENCE}")
