"""Synthetic historian data of the crude heater, made by the heater kernel itself.

A month of hourly operation of ``examples/heater_crude.toml``: the crude charge follows
a plan with two rate changes and small swings, the coil outlet set point moves once,
ambient air has a daily cycle, the O2 controller wanders between 2 and 4 % dry. The
"true" heater has inside fouling that grows linearly (coking), a setting loss and a
tube emissivity that differ from the data sheet. Every measured column is the kernel's
output at the true parameters plus Gaussian noise of a stated standard deviation; the
O2 column is the kernel's ``o2_dry`` without noise (it is used as an input). Two
events test the exclusion of rows: a six-hour outage of the tube-metal thermocouples
(empty cells) and a three-hour trip (no crude flow).

Regenerate the example file (deterministic: a fixed seed, numpy's PCG64)::

    python -m twins.synthetic examples/data/heater_historian.csv
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from kernels import heater
from twins.scenario import Scenario
from twins.unit import UnitTwin

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED = 2026
# The true heater: fouling from clean-ish to coked over the run, SI units.
TRUTH = {"fouling_resistance@start": 3.0e-4, "fouling_resistance@end": 9.0e-4,
         "setting_loss": 0.022, "tube_emissivity": 0.84}
# Measurement standard deviations: relative (fuel meter) or absolute in K.
SIGMA = {"fuel_flow": ("relative", 0.01), "stack_temp": ("K", 3.0), "tube_metal_temp_max": ("K", 8.0),
         "bridgewall_temp": ("K", 10.0)}
COLUMNS = {"fuel_flow": "fuel_flow", "stack_temp": "stack_temp", "tube_metal_temp_max": "tmt_max",
           "bridgewall_temp": "bridgewall_temp"}


def operating_history(hours: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Hourly operating inputs, SI: time [s], crude flow, coil inlet/outlet, ambient, O2 dry."""
    t_h = np.arange(hours, dtype=np.float64)
    plan = np.select([t_h < 240, t_h < 480], [88.0, 95.0], 84.0)
    crude = plan * (1.0 + 0.01 * np.sin(2 * np.pi * t_h / 7.3)) + rng.normal(0.0, 0.3, hours)
    inlet = 533.15 + 2.0 * np.sin(2 * np.pi * t_h / 24.0) + rng.normal(0.0, 0.5, hours)
    outlet = np.where(t_h < 360, 633.15, 638.15)
    ambient = 288.15 + 6.0 * np.sin(2 * np.pi * (t_h - 9.0) / 24.0) + np.cumsum(rng.normal(0.0, 0.15, hours))
    o2 = np.clip(0.03 + np.cumsum(rng.normal(0.0, 0.0008, hours)) * 0.3, 0.02, 0.04)
    return {"time": t_h * 3600.0, "crude_flow": crude, "coil_inlet_temp": inlet, "coil_outlet_temp": outlet,
            "ambient_temp": ambient, "o2_target": o2}


def true_rows(base: np.ndarray, ops: dict[str, np.ndarray], truth: dict[str, float]) -> np.ndarray:
    """Kernel parameter rows of the true heater along the history; excess air set so
    that the dry O2 is the history's (inverse of the kernel's own O2 output)."""
    n = len(ops["time"])
    P = np.repeat(base[np.newaxis, :], n, axis=0)
    P[:, heater.I_PROCESS_FLOW] = ops["crude_flow"]
    P[:, heater.I_PROCESS_INLET_TEMP] = ops["coil_inlet_temp"]
    P[:, heater.I_PROCESS_OUTLET_TEMP] = ops["coil_outlet_temp"]
    P[:, heater.I_AMBIENT_TEMP] = ops["ambient_temp"]
    P[:, heater.I_AIR_PREHEAT_TEMP] = ops["ambient_temp"]  # no air preheater
    frac = (ops["time"] - ops["time"][0]) / (ops["time"][-1] - ops["time"][0])
    start, end = truth["fouling_resistance@start"], truth["fouling_resistance@end"]
    P[:, heater.I_FOULING_RESISTANCE] = start + (end - start) * frac
    P[:, heater.I_SETTING_LOSS] = truth["setting_loss"]
    P[:, heater.I_TUBE_EMISSIVITY] = truth["tube_emissivity"]
    # dry O2 is linear-fractional in excess air: two kernel runs per row fix it exactly
    target = ops["o2_target"]
    o2 = []
    for ea in (0.1, 0.3):
        P[:, heater.I_EXCESS_AIR] = ea
        o2.append(_run(P)[:, heater.O_O2_DRY])
    # x = e d / (D0 + e A') -> 1/x = D0/(d e) + A'/d is linear in 1/e
    slope = (1 / o2[0] - 1 / o2[1]) / (1 / 0.1 - 1 / 0.3)
    intercept = 1 / o2[0] - slope / 0.1
    P[:, heater.I_EXCESS_AIR] = slope / (1 / target - intercept)
    return P


def heater_historian(days: int = 30, seed: int = SEED, truth: dict[str, float] | None = None,
                     events: bool = True, noise_seed: int | None = None,
                     o2_bias: float = 0.0) -> dict[str, tuple[str, np.ndarray]]:
    """Columns of the synthetic historian: ``{name: (unit, values)}``, SI units.

    Parameters
    ----------
    days : int
        Length of the record (hourly rows).
    seed : int
        Seed of the operating history and of the measurement noise.
    truth : dict, optional
        True values (:data:`TRUTH` keys); defaults to :data:`TRUTH`.
    events : bool
        Add the thermocouple outage and the trip.
    noise_seed : int, optional
        Seed of the measurement noise alone (same history, another noise realisation);
        by default the noise continues the history's random stream.
    o2_bias : float
        What the O2 analyser reads above the true dry O2 (mole fraction).
    """
    truth = TRUTH if truth is None else truth
    rng = np.random.default_rng(seed)
    ops = operating_history(24 * days, rng)
    base = Scenario.from_toml(EXAMPLES / "heater_crude.toml").vector()
    P = true_rows(base, ops, truth)
    OUT = _run(P)
    cols: dict[str, tuple[str, np.ndarray]] = {
        "time": ("h", ops["time"] / 3600.0),
        "crude_flow": ("kg/s", ops["crude_flow"]),
        "coil_inlet_temp": ("K", ops["coil_inlet_temp"]),
        "coil_outlet_temp": ("K", ops["coil_outlet_temp"]),
        "ambient_temp": ("K", ops["ambient_temp"]),
        "o2_dry": ("%", 100.0 * (OUT[:, heater.O_O2_DRY] + o2_bias)),
    }
    outputs = [o.name for o in heater.OUTPUTS]
    if noise_seed is not None:
        rng = np.random.default_rng(noise_seed)
    for output, (kind, sigma) in SIGMA.items():
        j = outputs.index(output)
        noise = rng.normal(0.0, 1.0, len(OUT)) * (sigma * OUT[:, j] if kind == "relative" else sigma)
        cols[COLUMNS[output]] = (heater.OUTPUTS[j].unit, OUT[:, j] + noise)
    if events:
        cols["tmt_max"][1][200:206] = np.nan  # thermocouple outage
        cols["crude_flow"][1][400:403] = 0.0  # trip: no charge, pilots only
        cols["fuel_flow"][1][400:403] = 0.02
    return cols


def write_csv(path: str | Path, cols: dict[str, tuple[str, np.ndarray]]) -> Path:
    """Write columns as CSV with ``name [unit]`` headers (7 significant digits, empty = missing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([f"{name} [{unit}]" for name, (unit, _) in cols.items()])
        for row in zip(*(values for _, values in cols.values()), strict=True):
            w.writerow(["" if not np.isfinite(v) else f"{v:.7g}" for v in row])
    return path


def _run(P: np.ndarray) -> np.ndarray:
    OUT, _, STATUS = UnitTwin(heater).run_batch(P, check=False)
    if (STATUS != 0).any():
        raise RuntimeError(f"the heater failed on {int((STATUS != 0).sum())} synthetic rows")
    return OUT


def main(argv: list[str] | None = None) -> None:
    """``python -m twins.synthetic FILE [--days N] [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    print(write_csv(args.file, heater_historian(args.days, args.seed)))


if __name__ == "__main__":
    main()
