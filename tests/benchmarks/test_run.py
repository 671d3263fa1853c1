"""Smoke test of the benchmark runner at tiny sizes, so ``make bench`` cannot rot.

Nothing here asserts a time: only that every measurement runs, returns the fields the
report uses, and that the report and the README rewrite come out right.
"""

import json

import numpy as np
import pytest

from benchmarks import run

TINY = {"cold_empty": 0, "cold_warm": 1, "import_repeats": 1, "cli_repeats": 1, "n_solve": 4,
        "solve_repeats": 2, "threads": [1, 2], "sizes": [1, 3], "repeats": 2, "n_ref": 3, "n_converged": 2,
        "kiln": {"cold_empty": 0, "cold_warm": 1, "solve_calls": 3, "solve_rows": 2, "solve_repeats": 2,
                 "cells": [20, 40], "cells_repeats": 2, "cells_ref_repeats": 1, "threads": [1, 2],
                 "batch_sizes": [1, 3], "batch_repeats": 2, "ref_repeats": 1, "hybr": False,
                 "bvp": {"scenarios": ["barr_T4"], "tols": [1e-1], "cells": [50, 100], "targets_K": [5.0],
                         "match_cells": 100, "truth_cells": 200, "repeats": 1}},
        "blast_furnace": {"cold_empty": 0, "cold_warm": 1, "solve_calls": 3, "solve_rows": 4, "solve_repeats": 2,
                          "threads": [1, 2], "batch_sizes": [1, 3], "batch_repeats": 2, "ref_n": 4,
                          "ref_repeats": 1},
        "hall_heroult": {"cold_empty": 0, "cold_warm": 1, "steady_repeats": 1, "scaling": False,
                         "reference": {"hours": 1.0, "rtols": [1e-3], "repeats": 1, "steady_rows": 3}}}


@pytest.fixture(scope="module")
def results():
    # cold_empty=0: the start-up subprocess runs on the project's (warm) cache, no compile from scratch
    return run.run_all(TINY)


def _is_summary(d, n):
    return len(d["runs"]) == n and 0.0 < d["min"] <= d["median"] and all(np.isfinite(d["runs"]))


def test_run_all_measures_everything(results):
    r = results
    assert r["machine"]["cores"] >= 1 and r["machine"]["cpu"]
    assert r["cold_start"]["empty"] == [] and len(r["cold_start"]["warm"]) == 1
    assert {"import_s", "solve_s", "solve_batch_s", "total_s", "process_s"} <= set(r["cold_start"]["warm"][0])
    assert _is_summary(r["import_twins"], 1) and _is_summary(r["cli_warm"], 1)
    assert _is_summary(r["solve"]["per_call_us"], 2) and r["solve"]["ok"] == 4
    assert set(r["batch"]) == {"1", "2"}
    for threads, b in r["batch"].items():
        assert b["threads"] == int(threads)  # NUMBA_NUM_THREADS reached the subprocess
        assert set(b["sizes"]) == {"1", "3"}
        assert all(_is_summary(d, 2) for d in b["sizes"].values())
    ref = r["reference"]
    assert ref["status_agree"] == 3 and ref["ok"] == 3 and ref["ratio"] > 0.0
    # accuracy, not time: the two implementations agree
    assert ref["max_deviation"]["fuel_flow"] < 1e-6 and ref["max_deviation"]["bridgewall_temp"] < 1e-4
    assert ref["kernel_error"]["fuel_flow"] < 1e-6 and ref["reference_error"]["fuel_flow"] < 1e-6
    json.dumps(r)  # the --json output is plain data


def test_run_all_measures_the_kiln(results):
    k = results["kiln"]
    assert k["cold_start"]["empty"] == [] and len(k["cold_start"]["warm"]) == 1
    assert {"import_s", "solve_s", "solve_batch_s", "total_s", "process_s"} <= set(k["cold_start"]["warm"][0])
    assert k["solve"]["status"] == 0 and _is_summary(k["solve"]["solve_ms"], 3)
    assert k["solve"]["rows_ok"] == 2 and _is_summary(k["solve"]["per_row_serial_ms"], 2)
    assert set(k["cells"]) == {"20", "40"}
    for d in k["cells"].values():
        assert d["status"] == [0, 0] and _is_summary(d["kernel_ms"], 2) and _is_summary(d["reference_ms"], 1)
        assert d["deviation"]["profiles_K"] < 1e-6  # accuracy, not time
    assert set(k["batch"]) == {"1", "2"}
    for threads, b in k["batch"].items():
        assert b["threads"] == int(threads)
        assert set(b["sizes"]) == {"1", "3"} and all(_is_summary(d, 2) for d in b["sizes"].values())
    from benchmarks.kiln_scenarios import named_scenarios

    assert set(k["reference"]) == set(named_scenarios())
    for row in k["reference"].values():
        assert row["status"] == [0, 0] and row["ratio"] > 0.0 and "hybr_ms" not in row
        assert row["deviation"]["profiles_K"] < 1e-6 and row["deviation"]["temperatures_K"] < 1e-6
        assert row["kernel_error"]["profiles_K"] < 1e-6 and row["reference_error"]["profiles_K"] < 1e-6
    bvp = k["bvp"]["barr_T4"]  # single-threaded subprocess: kernel grids and solve_bvp tolerances
    assert bvp["bvp"]["0.1"]["status"] == 0 and bvp["bvp"]["0.1"]["nodes"] >= 2
    assert bvp["kernel"]["100"]["error_K"] < bvp["kernel"]["50"]["error_K"] < 20.0  # accuracy, not time
    assert [e["label"] for e in bvp["equal"]] == ["kernel on 100 cells", "5 K"]
    assert bvp["equal"][0]["kernel_cells"] == "100" and bvp["equal"][0]["ratio"] > 0.0


def test_run_all_measures_the_blast_furnace(results):
    b = results["blast_furnace"]
    assert len(b["cold_start"]["warm"]) == 1 and "solve_batch_s" in b["cold_start"]["warm"][0]
    assert b["solve"]["status"] == 0 and _is_summary(b["solve"]["solve_us"], 2)
    assert b["solve"]["rows_ok"] >= 3 and _is_summary(b["solve"]["per_row_serial_us"], 2)
    for threads, bt in b["batch"].items():
        assert bt["threads"] == int(threads)
        assert set(bt["sizes"]) == {"1", "3"} and all(_is_summary(d, 2) for d in bt["sizes"].values())
    ref = b["reference"]
    assert ref["compared"] >= 3 and ref["ratio"] > 0.0
    # accuracy, not time: kernel and SciPy reference agree (both converged to round-off)
    assert set(ref["max_rel_deviation"]) >= {"coke_rate", "raft", "top_gas_temp"}
    assert max(ref["max_rel_deviation"].values()) < 1e-8


def test_report_and_readme_rewrite(results, tmp_path):
    markdown = run.render_markdown(results)
    for heading in ("### Fired heater", "#### Start-up", "#### One scenario", "#### `solve_batch` scaling",
                    "#### Kernel vs the", "### Rotary kiln", "#### Kiln start-up", "#### Kiln: one steady solve",
                    "#### Kiln: cost with the number of cells", "#### Kiln: `solve_batch` scaling",
                    "#### Kiln: kernel vs the NumPy/SciPy reference",
                    "#### Kiln: kernel vs `scipy.integrate.solve_bvp`", "### Blast furnace",
                    "#### Blast furnace: `solve_batch` scaling", "#### Blast furnace: kernel vs the NumPy/SciPy",
                    "### Hall–Héroult cell"):
        assert heading in markdown
    assert results["machine"]["cpu"] in markdown and "load average" in markdown
    text = run.render_text(results)
    assert "speed ratio" in text and "kiln solve_cells n=40" in text
    assert "solve_ivp rtol 0.001" in text and "steady balance: kernel" in text

    readme = tmp_path / "README.md"
    intro = "# Benchmarks\n\nhand-written intro\n\n## Results\n\n"
    readme.write_text(f"{intro}{run.MARK_START}\nold\n{run.MARK_END}\n\nfooter\n")
    run.update_readme(markdown, readme)
    run.update_readme(markdown, readme)  # idempotent: one results block
    new = readme.read_text()
    assert new.startswith("# Benchmarks\n\nhand-written intro") and new.endswith("footer\n")
    assert "old" not in new and new.count(run.MARK_START) == 1 and markdown in new


def test_readme_has_intro_and_markers():
    text = run.README.read_text()
    assert run.MARK_START in text and run.MARK_END in text
    assert "## How to run" in text and "## How to read" in text
