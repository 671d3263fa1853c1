"""Synthetic kiln states and study files in the heattwin HDF5 layout (DESIGN.md §5).

Smooth made-up profiles with the magnitudes of the Barr pilot kiln (they are not the kiln
kernel, so the picture tests do not depend on a kernel being rewritten): gas from about
500 °C at the feed end to 800 °C at the burner, bed heating from the 20 °C feed, wall
between the two, shell 60-150 °C; optionally a calcining bed (CaCO3 -> CaO).
"""

from __future__ import annotations

import itertools
import json

import h5py
import numpy as np

from kernels.contract import defaults
from kernels.kiln import N_CELL, OUTPUTS, PARAMS, PROFILES

NAMES = [row.name for row in PARAMS]


def kiln_state(p: dict[str, float], *, calcining: bool = False):
    """Made-up but self-consistent outputs and profiles of one kiln scenario (SI)."""
    length = p["length"]
    fuel_scale = p["fuel_flow"] / 1.2918e-3
    air_scale = (p["primary_air"] + p["secondary_air"]) / 0.0715
    z = (np.arange(N_CELL) + 0.5) * length / N_CELL
    s = z / length
    t_gas_end = 1080.0 + 250.0 * (fuel_scale - 1.0) - 150.0 * (air_scale - 1.0)
    t_gas = 780.0 + (t_gas_end - 780.0) * s**0.8
    t_bed_exit = 293.15 + 0.93 * (t_gas_end - 293.15) - 80.0 + 300.0 * (p["fill_fraction"] - 0.12)
    t_bed = 293.15 + (t_bed_exit - 293.15) * (1.0 - np.exp(-2.2 * s)) / (1.0 - np.exp(-2.2))
    t_wall = 0.35 * t_gas + 0.65 * t_bed + 30.0
    t_shell = 330.0 + 0.1 * (t_wall - 460.0)
    prof = {row.name: np.full(N_CELL, np.nan) for row in PROFILES}
    prof.update(
        z=z, T_gas=t_gas, T_bed=t_bed, T_wall=t_wall, T_shell=t_shell,
        q_bed=8500.0 * np.exp(-1.5 * z) + 900.0, q_shell=700.0 + 500.0 * z,
        bed_depth=np.full(N_CELL, 0.073), fill=np.full(N_CELL, p["fill_fraction"]),
        bed_time=7400.0 * s, burnout=np.ones(N_CELL),
    )
    x_caco3 = p["feed_x_caco3"]
    if calcining:
        x_caco3 = 0.75
        conv = 1.0 / (1.0 + np.exp(-(s - 0.55) / 0.08))
        m_caco3 = x_caco3 * (1.0 - conv)
        m_cao = x_caco3 * conv * 56.08 / 100.09
        m_sio2 = 1.0 - x_caco3
        total = m_caco3 + m_cao + m_sio2
        prof.update(bed_x_h2o=np.zeros(N_CELL), bed_x_caco3=m_caco3 / total,
                    bed_x_cao=m_cao / total, bed_x_sio2=m_sio2 / total)
    else:
        prof.update(bed_x_h2o=np.zeros(N_CELL), bed_x_caco3=np.zeros(N_CELL),
                    bed_x_cao=np.zeros(N_CELL), bed_x_sio2=np.ones(N_CELL))
    heat = p["fuel_flow"] * 50.0e6
    out = dict.fromkeys((row.name for row in OUTPUTS), np.nan)
    out.update(
        bed_exit_temp=t_bed_exit, gas_exit_temp=t_gas[0] - 5.0, gas_max_temp=t_gas.max(),
        bed_max_temp=t_bed.max(), wall_max_temp=t_wall.max(), shell_max_temp=t_shell.max(),
        heat_input=heat, heat_to_bed=0.2 * heat, shell_loss=0.21 * heat, exhaust_loss=0.5 * heat,
        product_flow=p["feed_rate"], specific_heat_consumption=heat / p["feed_rate"],
        residence_time=7400.0, fill_mean=p["fill_fraction"],
        gas_exit_o2_dry=0.2095 * (1.0 - 1.0 / (1.0 + 2.2 * air_scale / fuel_scale)),
        calcination_degree=(1.0 if calcining else np.nan), energy_residual=1e-12,
    )
    return out, prof


def default_state(*, calcining: bool = False):
    """(params, outputs, profiles) of the default kiln (Barr T4) with synthetic results."""
    p = dict(zip(NAMES, defaults(PARAMS), strict=True))
    return (p, *kiln_state(p, calcining=calcining))


def write_kiln_study(path, grid: dict[str, list[float]], bad_rows=(1,)) -> None:
    """Write a full-factorial kiln study over ``grid`` (SI values) with ``bad_rows`` failed."""
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
            status[i] = 1  # NaN results that must never be plotted
            continue
        o, pr = kiln_state(dict(zip(NAMES, P[i], strict=True)))
        for name, v in o.items():
            out[name][i] = v
        for name, v in pr.items():
            prof[name][i] = v
    with h5py.File(path, "w") as f:
        f.attrs["heattwin_version"] = "0.1.0"
        f.attrs["unit"] = "kiln"
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
            d = f.create_dataset(f"profiles/{row.name}", data=prof[row.name], chunks=True,
                                 compression="gzip")
            d.attrs["units"] = row.unit


KILN_GRID = {
    "fuel_flow": [3.5 / 3600, 4.5 / 3600, 5.0 / 3600, 6.0 / 3600],
    "secondary_air": [120 / 3600, 183 / 3600, 250 / 3600],
}
"""A small firing-rate x secondary-air grid (SI), 12 scenarios."""
