"""The heattwin command: help, info, run, sweep, show and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import h5py
import pytest

from kernels.contract import STATUS_MEANING
from tests.twins.conftest import EXAMPLES, ROOT, TOY, heater_importable, requires_heater
from twins import cli


def _sh(exe, args, env, cwd=ROOT):
    return subprocess.run([*exe, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def _main(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- help (real subprocesses)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ([], ["run", "sweep", "optimize", "show", "info"]),
        (["optimize"], ["study", "--store", "--overwrite", "--plots", "--no-progress"]),
        (["run"], ["scenario", "--set", "--json"]),
        (["sweep"], ["study", "--store", "--plots", "--no-progress", "--chunk-size"]),
        (["plant"], ["plant", "--store", "--plots", "--seed", "--dispatch"]),
        (["show"], ["file"]),
        (["info"], ["unit"]),
    ],
)
def test_help(heattwin_exe, cli_env, command, expected):
    done = _sh(heattwin_exe, [*command, "--help"], cli_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: heattwin")
    for word in expected:
        assert word in done.stdout


# ---------------------------------------------------------------- errors


def _toy_file(tmp_path, params=""):
    path = tmp_path / "toy.toml"
    path.write_text(f'[scenario]\nunit = "{TOY}"\n[params]\n{params}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "hot_flow=3 m"], 'hot_flow: "3 m" has dimension [length], expected kg/s'),
        (["--set", "hot_flow=-1"],
         "hot_flow = -1 kg/s is outside the allowed range 0.1 … 100 kg/s"),
        (["--set", "hot_flow=nan"], "hot_flow = nan is not a finite number"),
        (["--set", "hot_flw=1"], "unknown parameter 'hot_flw'"),
        (["--set", "fail_code=1"], f"{STATUS_MEANING[1]} (status 1)"),
        (["--set", "hot_flow"], "expected NAME=VALUE"),
    ],
)
def test_run_errors_are_one_line_with_exit_code_2(heattwin_exe, cli_env, tmp_path, args,
                                                  message):
    done = _sh(heattwin_exe, ["run", _toy_file(tmp_path), *args], cli_env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("heattwin: error: ")
    assert done.stderr.count("\n") == 1
    assert message in done.stderr
    assert done.stdout == ""


def test_unknown_parameter_suggests_the_close_name(capsys, tmp_path):
    code, _, err = _main(capsys, "run", _toy_file(tmp_path), "--set", "hot_flw=1")
    assert code == 2 and "did you mean: hot_flow" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flow = = 2\n', "line 4"),
        (f'[scenario]\nunit = "{TOY}"\n[params]\nhot_flow = "500 kg/s"\n',
         "[params] hot_flow = 500 kg/s is outside the allowed range 0.1 … 100 kg/s"),
        ('[scenario]\nunit = "no_such_unit"\n', "unknown unit 'no_such_unit'; available units:"),
    ],
)
def test_file_errors(heattwin_exe, cli_env, tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    done = _sh(heattwin_exe, ["run", path], cli_env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert str(path) in done.stderr and message in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "missing.toml"], "missing.toml: no such file"),
        (["run", "kiln_that_is_not_there"], "unknown unit 'kiln_that_is_not_there'"),
        (["sweep", "missing.toml"], "missing.toml: no such file"),
        (["show", "missing.h5"], "missing.h5: no such file"),
        (["info", "kiln_that_is_not_there"], "unknown unit"),
    ],
)
def test_missing_things(capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = _main(capsys, *args)
    assert code == 2 and message in err and out == ""


def test_show_on_a_file_that_is_not_hdf5(capsys, tmp_path):
    path = tmp_path / "x.h5"
    path.write_text("no")
    code, _, err = _main(capsys, "show", path)
    assert code == 2 and "cannot read as HDF5" in err


# ---------------------------------------------------------------- info and run


def test_info_lists_every_parameter_with_unit_default_range_meaning(capsys, toy):
    code, out, _ = _main(capsys, "info", TOY)
    assert code == 0
    for p in toy.params:
        assert p.name in out and p.meaning in out
    assert "0.1 … 100" in out and "kg/s" in out
    assert "600 (326.85 °C)" in out  # default of hot_inlet_temp, K with Celsius shown
    for o in toy.outputs:
        assert o.name in out
    assert "2 profiles of 8 cells" in out and "T_hot" in out


def test_info_without_unit_lists_units(capsys):
    code, out, _ = _main(capsys, "info")
    assert code == 0 and "heater" in out


@pytest.mark.skipif(not heater_importable(), reason="kernels.heater does not import")
def test_info_heater(heattwin_exe, cli_env):
    from kernels import heater

    done = _sh(heattwin_exe, ["info", "heater"], cli_env)
    assert done.returncode == 0, done.stderr
    for p in heater.PARAMS:
        assert p.name in done.stdout
    assert "excess_air" in done.stdout and "0 … 2" in done.stdout
    assert "tube_metal_margin" in done.stdout and "T_gas" in done.stdout


def test_info_shows_celsius_for_absolute_temperatures_only(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # one table row per line
    # cement_line: ambient_temp (range from 230 K) is absolute; preheater_approach (gas
    # minus meal, 0-100 K) is a difference and must not read as -258 °C
    code, out, _ = _main(capsys, "info", "cement_line")
    assert code == 0
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 4}
    assert "°C" in rows["ambient_temp"]
    assert "°C" not in rows["preheater_approach"] and "°C" not in rows["tertiary_air_temp_drop"]


def test_run_prints_outputs_with_units(capsys, toy_scenario, toy):
    code, out, err = _main(capsys, "run", toy_scenario)
    assert code == 0, err
    for o in toy.outputs:
        assert o.name in out
    assert "kg/s" in out and "status 0: ok" in out and "toy economiser" in out


def test_run_json_with_overrides(capsys, toy_scenario, toy):
    code, out, _ = _main(capsys, "run", toy_scenario, "--set", "ua=40 kW/K", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["status"] == 0 and data["scenario"] == "toy economiser"
    assert data["params"]["ua"] == 40000.0
    assert data["outputs"]["duty"] == pytest.approx(toy.run(ua=4e4).outputs["duty"])
    assert data["units"]["duty"] == "W"


def test_run_a_unit_by_name_uses_its_defaults(capsys, toy):
    code, out, _ = _main(capsys, "run", TOY, "--json")
    assert code == 0
    assert json.loads(out)["outputs"]["duty"] == pytest.approx(toy.run().outputs["duty"])


# ---------------------------------------------------------------- sweep and show


def test_sweep_stores_resumes_and_summarises(capsys, toy_study, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = _main(capsys, "sweep", toy_study, "--no-progress", "--chunk-size", "7")
    assert code == 0, err
    store = tmp_path / "runs" / "toy_sweep.h5"  # default store path
    assert store.exists()
    assert "30 scenarios" in out and "30 computed, 0 from an earlier run" in out
    assert "what-if versus the base case (8000 h/yr)" in out
    assert "fuel saved" in out and "CO2 saved" in out
    with h5py.File(store, "r") as h5:
        assert (h5["scenarios/status"][...] == 0).all()

    code, out, _ = _main(capsys, "sweep", toy_study, "--store", store, "--top", "3")
    assert code == 0 and "0 computed, 30 from an earlier run" in out
    assert "showing the best 3" in out

    code, out, _ = _main(capsys, "show", store)
    assert code == 0
    assert TOY in out and "toy_sweep" in out and "ok: 30" in out
    assert "swept ua" in out and "10 … 50 kW/K" in out
    assert "fuel_input" in out and "kg/s" in out and "mean" in out


def test_sweep_into_a_file_of_another_study(capsys, toy_study, tmp_path):
    store = tmp_path / "a.h5"
    assert _main(capsys, "sweep", toy_study, "--store", store, "--no-progress")[0] == 0
    other = toy_study.with_name("other.toml")
    other.write_text(toy_study.read_text().replace("num = 5", "num = 3"), encoding="utf-8")
    code, _, err = _main(capsys, "sweep", other, "--store", store)
    assert code == 2 and "holds a different study" in err and "--overwrite" in err
    code, out, _ = _main(capsys, "sweep", other, "--store", store, "--overwrite")
    assert code == 0 and "18 computed" in out


def test_sweep_calls_the_plot_hook(capsys, toy_study, tmp_path, monkeypatch):
    seen = []
    fake = types.ModuleType("viz.sweep_plots")
    fake.plot_study = lambda store, out_dir: seen.append((store, out_dir)) or ["a.png"]
    monkeypatch.setitem(sys.modules, "viz.sweep_plots", fake)
    store, plots = tmp_path / "p.h5", tmp_path / "plots"
    code, _, err = _main(capsys, "sweep", toy_study, "--store", store, "--plots", plots)
    assert code == 0
    assert seen == [(store, plots)] and plots.is_dir()
    assert "plots: 1 written" in err


def test_sweep_without_viz_warns_and_succeeds(capsys, toy_study, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "viz.sweep_plots", None)  # import fails
    code, out, err = _main(capsys, "sweep", toy_study, "--store", tmp_path / "n.h5",
                           "--plots", tmp_path)
    assert code == 0
    assert "heattwin: warning: plots skipped" in err and "Traceback" not in err
    assert "what-if" in out


def test_a_failing_plot_hook_is_reported_not_raised(capsys, toy_study, tmp_path, monkeypatch):
    fake = types.ModuleType("viz.sweep_plots")

    def broken(store, out_dir):
        raise ValueError("no heater outputs here")

    fake.plot_study = broken
    monkeypatch.setitem(sys.modules, "viz.sweep_plots", fake)
    code, out, err = _main(capsys, "sweep", toy_study, "--store", tmp_path / "f.h5",
                           "--plots", tmp_path)
    assert code == 1
    assert "plots failed: ValueError: no heater outputs here" in err and "what-if" in out


def test_sweep_end_to_end_in_a_subprocess(heattwin_exe, cli_env, toy_study, tmp_path):
    store = tmp_path / "e2e.h5"
    done = _sh(heattwin_exe, ["sweep", toy_study, "--store", store, "--no-progress"], cli_env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "30 computed" in done.stdout and "limits violated / status" in done.stdout


def test_chunk_size_must_be_positive(capsys, toy_study, tmp_path):
    code, _, err = _main(capsys, "sweep", toy_study, "--store", tmp_path / "c.h5",
                         "--chunk-size", "0")
    assert code == 2 and "--chunk-size 0" in err


@pytest.mark.skipif(not heater_importable(), reason="kernels.heater does not import")
def test_examples_are_valid_files():
    from twins import Scenario, Study

    assert Scenario.from_toml(EXAMPLES / "heater_crude.toml").unit == "heater"
    assert Study.from_toml(EXAMPLES / "heater_demo_study.toml").n_scenarios == 96


@requires_heater
def test_heater_demo_study_runs_end_to_end(capsys, tmp_path):
    """The Makefile's `make demo` command, minus the plots."""
    store = tmp_path / "heater_demo.h5"
    code, out, err = _main(capsys, "sweep", EXAMPLES / "heater_demo_study.toml",
                           "--store", store, "--no-progress")
    assert code == 0, err
    assert "96 scenarios of heater" in out and "96 computed" in out
    assert "excess" in out and "[°C]" in out and "fuel saved" in out  # header: one word a line
    with h5py.File(store, "r") as h5:
        status = h5["scenarios/status"][...]
        assert (status != -1).all() and (status == 0).sum() > 48
    code, out, _ = _main(capsys, "show", store)
    assert code == 0 and "efficiency_lhv" in out
