"""A synthetic cement-line study file in the heattwin HDF5 layout (DESIGN.md §5).

Made-up but self-consistent numbers with the magnitudes of a 4000 t/d precalciner line
(not the kernel, so the picture tests do not depend on it): the cooler recuperation sets
the secondary-air temperature, the heat split adds up to the fuel heat plus the sensible
heat of the inputs, the CO2 split adds up to the total. Kiln profiles are smooth curves
over a 62 m kiln.
"""

from __future__ import annotations

import itertools

import h5py
import numpy as np

from kernels.cement_line import N_CELL, OUTPUTS, PARAMS, PROFILES
from kernels.contract import defaults

NAMES = [row.name for row in PARAMS]

GRID = {
    "oxygen_enrichment": [0.0, 0.2],
    "cooler_recuperation": [0.62, 0.68, 0.74],
    "kiln_alt_fuel_share": [0.0, 0.5],
}
"""12 scenarios; the last one is written as not converged."""


def line_state(p: dict[str, float]) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Outputs and kiln profiles of one made-up scenario (SI)."""
    rec, o2, af = p["cooler_recuperation"], p["oxygen_enrichment"], p["kiln_alt_fuel_share"]
    t_sa = 1150.0 + 2000.0 * (rec - 0.68) + 150.0 * o2
    split = {
        "theoretical_heat": 1.69e6, "loss_exhaust_gas": 5.1e5 + 3.0e4 * af, "loss_dust": 2.0e4,
        "loss_cooler_exhaust": 3.6e5 - 2.0e6 * (rec - 0.68), "loss_clinker": 6.0e4,
        "loss_shell": 2.9e5, "loss_moisture": 2.0e4,
    }
    sensible = 3.8e4
    q = sum(split.values()) - sensible
    m_clk = p["clinker_rate"]
    out = {row.name: 0.0 for row in OUTPUTS}
    out |= split
    out |= {
        "specific_heat_consumption": q, "heat_input_sensible": sensible, "loss_kiln_shell": 1.9e5,
        "kiln_fuel_heat": 0.19 * q, "kiln_fuel_fraction": 0.19 + 0.01 * af - 0.02 * o2,
        "fuel_heat_input": q * m_clk, "fuel_input": q * m_clk / 28.5e6, "secondary_air_temp": t_sa,
        "process_co2": 0.530, "fuel_co2": q * 0.0926e-6, "electricity_co2": 0.012,
        "free_lime": 0.038 + 0.02 * o2 - 0.004 * af, "clinker_discharge_temp": 1660.0,
        "kiln_inlet_gas_temp": 1360.0, "flame_temp": 1990.0, "shell_max_temp": 650.0,
        "residence_time": 1400.0, "kiln_feed_flow": 1.05 * m_clk, "burning_zone_temp": 1723.15,
    }
    out["total_co2"] = out["process_co2"] + out["fuel_co2"] + out["electricity_co2"]
    out["co2_emissions"] = (out["process_co2"] + out["fuel_co2"]) * m_clk
    z = (np.arange(N_CELL) + 0.5) * p["length"] / N_CELL
    s = z / p["length"]
    prof = {row.name: np.zeros(N_CELL) for row in PROFILES}
    prof |= {
        "z": z,
        "T_gas": 1360.0 + 600.0 * s**3,
        "T_bed": 1153.0 + 570.0 * s**2,
        "T_wall": 1250.0 + 550.0 * s**2.5,
        "T_shell": 450.0 + 200.0 * s,
        "bed_depth": np.full(N_CELL, 0.6),
        "fill": np.full(N_CELL, 0.07),
    }
    return out, prof


def write_line_study(path, grid: dict[str, list[float]] = GRID) -> None:
    """Write the study of ``grid`` (every combination) around the cement-line defaults."""
    base = dict(zip(NAMES, defaults(PARAMS), strict=True)) | {"kiln_fuel_control": 1.0}
    rows = [base | dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())]
    n = len(rows)
    P = np.array([[r[name] for name in NAMES] for r in rows])
    status = np.zeros(n, dtype=np.int8)
    status[-1] = 1
    out = {row.name: np.full(n, np.nan) for row in OUTPUTS}
    prof = {row.name: np.full((n, N_CELL), np.nan) for row in PROFILES}
    for i, r in enumerate(rows[:-1]):
        o, pr = line_state(r)
        for k, v in o.items():
            out[k][i] = v
        for k, v in pr.items():
            prof[k][i] = v
    with h5py.File(path, "w") as f:
        f.attrs["unit"] = "cement_line"
        f.attrs["study"] = "synthetic_cement_line"
        ds = f.create_dataset("scenarios/params", data=P)
        ds.attrs["names"] = NAMES
        ds.attrs["units"] = [row.unit for row in PARAMS]
        f.create_dataset("scenarios/status", data=status)
        for row in OUTPUTS:
            d = f.create_dataset(f"outputs/{row.name}", data=out[row.name])
            d.attrs["units"] = row.unit
            d.attrs["long_name"] = row.meaning
        for row in PROFILES:
            d = f.create_dataset(f"profiles/{row.name}", data=prof[row.name])
            d.attrs["units"] = row.unit
