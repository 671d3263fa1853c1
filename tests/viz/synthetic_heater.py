"""Synthetic heater study files in the heattwin HDF5 layout (DESIGN.md §5).

The numbers come from smooth made-up trends with plausible magnitudes (they are not the
heater kernel): bridgewall 1100-1250 K, stack 420-700 K, efficiency 0.80-0.93, fuel
0.7-0.95 kg/s. Low excess air breaks the O2 limit and hot preheated air with little
excess air breaks the tube-metal limit, so a study has feasible and violating rows.
"""

from __future__ import annotations

import itertools
import json

import h5py
import numpy as np

from kernels.contract import defaults
from kernels.heater import N_CELL, OUTPUTS, PARAMS, PROFILES

NAMES = [row.name for row in PARAMS]


def heater_state(p: dict[str, float]) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Made-up but self-consistent outputs and profiles of one heater scenario."""
    ea, t_air, rows = p["excess_air"], p["air_preheat_temp"], p["conv_rows"]
    t_conv_exit = 660.0 - 12.0 * (rows - 6.0) + 60.0 * ea
    t_stack = t_conv_exit - 0.55 * (t_air - 288.15)
    stack_loss = (t_stack - 288.15) / 1000.0 * (0.33 + 0.30 * ea)
    eff = 1.0 - stack_loss - p["setting_loss"]
    absorbed = 35.0e6
    lhv = 48.0e6
    fuel = absorbed / (eff * lhv)
    t_bw = 1180.0 - 180.0 * (ea - 0.15) + 0.12 * (t_air - 288.15)
    tmt = 842.0 + 0.45 * (t_bw - 1100.0)
    o2 = 0.2095 * ea / (1.0 + 1.05 * ea)
    flue = fuel * (1.0 + 17.2 * (1.0 + ea))
    out = dict.fromkeys((row.name for row in OUTPUTS), np.nan)
    out.update(
        fuel_flow=fuel, fired_duty=fuel * lhv, absorbed_duty=absorbed, efficiency_lhv=eff,
        stack_loss=stack_loss, stack_temp=t_stack, bridgewall_temp=t_bw,
        tube_metal_temp_max=tmt, o2_dry=o2, flue_flow=flue, lhv=lhv,
        tube_metal_margin=p["limit_tube_metal_temp"] - tmt,
        bridgewall_margin=p["limit_bridgewall_temp"] - t_bw,
        o2_margin=o2 - p["limit_o2_dry"],
        stack_temp_margin=t_stack - p["limit_stack_temp_min"],
        energy_residual=1e-9, mass_residual=1e-10,
    )
    s = np.linspace(0.0, 1.0, N_CELL)
    k = 2.2
    decay = (np.exp(-k * s) - np.exp(-k)) / (1.0 - np.exp(-k))
    t_gas = t_conv_exit + (t_bw - t_conv_exit) * decay
    t_metal = tmt - 95.0 * (1.0 - s) ** 1.4 - 12.0 * np.sin(np.pi * s) ** 2
    t_metal[-1] = tmt
    prof = {
        "T_gas": t_gas,
        "T_process_conv": np.linspace(590.0, p["process_inlet_temp"], N_CELL),
        "T_process_rad": np.linspace(590.0, p["process_outlet_temp"], N_CELL),
        "T_metal_rad": t_metal,
        "q_rad": np.linspace(42e3, 28e3, N_CELL),
    }
    return out, prof


def write_heater_study(path, grid: dict[str, list[float]], bad_rows=(1, 5)) -> None:
    """Write a full-factorial study over ``grid`` with rows ``bad_rows`` not OK."""
    base = defaults(PARAMS)
    combos = list(itertools.product(*grid.values()))
    P = np.tile(base, (len(combos), 1))
    for j, name in enumerate(grid):
        P[:, NAMES.index(name)] = [c[j] for c in combos]
    n = len(P)
    out = {row.name: np.full(n, np.nan) for row in OUTPUTS}
    prof = {row.name: np.full((n, N_CELL), np.nan) for row in PROFILES}
    status = np.zeros(n, dtype=np.int8)
    for i in range(n):
        if i in bad_rows:
            # a failed and a not-run row: NaN results that must never be plotted
            status[i] = 1 if i == bad_rows[0] else -1
            continue
        o, pr = heater_state(dict(zip(NAMES, P[i], strict=True)))
        for name, v in o.items():
            out[name][i] = v
        for name, v in pr.items():
            prof[name][i] = v
    with h5py.File(path, "w") as f:
        f.attrs["heattwin_version"] = "0.1.0"
        f.attrs["unit"] = "heater"
        f.attrs["study"] = json.dumps({"kind": "grid", "grid": grid})
        ds = f.create_dataset("scenarios/params", data=P)
        ds.attrs["names"] = NAMES
        ds.attrs["units"] = [row.unit for row in PARAMS]
        f.create_dataset("scenarios/status", data=status)
        for row in OUTPUTS:
            d = f.create_dataset(f"outputs/{row.name}", data=out[row.name])
            d.attrs["units"] = row.unit
            d.attrs["long_name"] = row.meaning
        for row in PROFILES:
            d = f.create_dataset(f"profiles/{row.name}", data=prof[row.name],
                                 chunks=True, compression="gzip")
            d.attrs["units"] = row.unit


FULL_GRID = {
    "excess_air": [0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40],
    "air_preheat_temp": [288.15, 473.15, 623.15],
    "conv_rows": [6.0, 10.0],
}
