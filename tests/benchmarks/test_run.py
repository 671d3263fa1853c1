"""Smoke test of the benchmark runner at tiny sizes, so ``make bench`` cannot rot.

Nothing here asserts a time: only that every measurement runs, returns the fields the
report uses, and that the report and the README rewrite come out right.
"""

import json

import numpy as np
import pytest

from benchmarks import run

TINY = {"cold_empty": 0, "cold_warm": 1, "import_repeats": 1, "cli_repeats": 1, "n_solve": 4,
        "solve_repeats": 2, "threads": [1, 2], "sizes": [1, 3], "repeats": 2, "n_ref": 3, "n_converged": 2}


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


def test_report_and_readme_rewrite(results, tmp_path):
    markdown = run.render_markdown(results)
    for heading in ("### Start-up", "### One scenario", "### `solve_batch` scaling", "### Kernel vs the"):
        assert heading in markdown
    assert results["machine"]["cpu"] in markdown and "load average" in markdown
    text = run.render_text(results)
    assert "speed ratio" in text

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
