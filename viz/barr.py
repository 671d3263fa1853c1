"""The Barr pilot-kiln trials: published data and the one rule that turns them into kiln inputs.

The UBC pilot rotary kiln (5.5 m long, 0.411 m bore, natural-gas fired, heating inert
silica sand) of P. V. Barr (1986), PhD thesis, University of British Columbia, and
P. V. Barr, J. K. Brimacombe, A. P. Watkinson (1989), "A heat-transfer model for the
rotary kiln: Part I. Pilot kiln trials", Metall. Trans. B 20, 391-402; trials T1-T9 as
compiled by T. Hanein, F. P. Glasser, M. N. Bannerman (2017), Adv. Appl. Ceram. 116,
207-215 (SimCem's ``KilnData.py``). The files are ``examples/data/kiln/barr_T*.json``;
their README gives sources, conventions and licences.

Boundary rule (the same for every trial, nothing fitted to the measurements; it is the
rule of the kiln validation tests, the benchmarks and the validation plots): gas flows
published in L/s are taken at 298.15 K and 101325 Pa, the fuel as CH4 and the air dry;
solids enter at 293.15 K; fuel, air and surroundings are at 298.15 K in still, dry air;
the fuel burns at the burner (``flame_length = 0``). Everything else comes from the
trial file or is the kiln default (trial T4 is the kiln's default parameter set).

Only numpy, json and the kernel tables are used, so tests, benchmarks and plots share it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

BARR_DATA_DIR = Path(__file__).resolve().parents[1] / "examples" / "data" / "kiln"
"""Where ``barr_T1.json`` ... ``barr_T9.json`` are in a source checkout."""

R_GAS = 8.314462618  # J/(mol K), CODATA 2018
P_REF, T_REF = 101325.0, 298.15  # reference state of the published L/s flows (SimCem, plug-flow-kiln)
FEED_TEMP = 293.15  # K, solids entering (not measured; the rule above)
TRIALS = tuple(f"T{i}" for i in range(1, 10))


def load_barr_trial(trial: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    """A Barr pilot-kiln trial as a dict: ``"T4"``, ``"barr_T4"``, a JSON path, or the dict."""
    if isinstance(trial, Mapping):
        return dict(trial)
    path = Path(trial)
    if not path.suffix:
        name = str(trial)
        name = name if name.startswith("barr_") else f"barr_{name.upper()}"
        path = BARR_DATA_DIR / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such Barr trial file")
    return json.loads(path.read_text(encoding="utf-8"))


def mol_per_litre() -> float:
    """Moles of ideal gas in one litre at the reference state of the published flows [mol/L]."""
    return 1e-3 * P_REF / (R_GAS * T_REF)


def gas_mass_flows(trial: str | Path | Mapping[str, Any]) -> dict[str, float]:
    """Fuel (as CH4), primary and secondary air (dry) of a trial in kg/s, from the published L/s."""
    from kernels import combustion as cb  # tables only
    from kernels import thermo as th

    op = load_barr_trial(trial)["operation"]
    n = mol_per_litre()
    m_air = float(cb.DRY_AIR @ th.MOLAR_MASS / cb.DRY_AIR.sum())  # kg/mol
    return {
        "fuel_flow": op["fuel"]["flow_L_per_s"] * n * float(th.MOLAR_MASS[th.CH4]),
        "primary_air": op["primary_air_L_per_s"] * n * m_air,
        "secondary_air": op["secondary_air_L_per_s"] * n * m_air,
    }


def barr_trial_params(trial: str | Path | Mapping[str, Any]) -> dict[str, float]:
    """Kiln parameters (SI, :mod:`kernels.kiln` names) of a Barr trial under the boundary rule.

    Geometry, speed, fill, repose angle, feed and solids properties from the trial file;
    gas flows from :func:`gas_mass_flows`; the rest of the boundary rule (module notes).
    Parameters not named keep the kiln defaults.
    """
    d = load_barr_trial(trial)
    geo, op = d["geometry"], d["operation"]
    solids = op["solids"]
    layers = geo["layers_inside_out"]
    return {
        "length": geo["length_m"],
        "inner_radius": geo["inner_radius_m"],
        "slope": float(np.radians(geo.get("incline_deg", 0.0))),
        "refractory_thickness": layers[0]["thickness_m"],
        "shell_thickness": layers[1]["thickness_m"],
        "rotation_speed": op["rotation_rpm"] * 2.0 * np.pi / 60.0,
        "bed_model": 0.0,
        "fill_fraction": op["fill_fraction"],
        "repose_angle": float(np.radians(op["angle_of_repose_deg"])),
        "feed_rate": solids["feed_kg_per_h"] / 3600.0,
        "feed_temp": FEED_TEMP,
        "feed_x_h2o": 0.0,
        "feed_x_caco3": 0.0,
        "feed_x_cao": 0.0,
        "particle_diameter": solids["particle_diameter_m"],
        "bulk_density": solids["bulk_density_kg_m3"],
        "solid_density": solids["solid_density_kg_m3"],
        **gas_mass_flows(d),
        "fuel_x_ch4": 1.0,
        "fuel_temp": T_REF,
        "primary_air_temp": T_REF,
        "secondary_air_temp": T_REF,
        "ambient_temp": T_REF,
        "relative_humidity": 0.0,
        "wind_speed": 0.0,
        "flame_length": 0.0,
    }


def barr_trial_vector(trial: str | Path | Mapping[str, Any]) -> np.ndarray:
    """Kiln parameter vector (``kernels.kiln.PARAMS`` order) of a trial: defaults + :func:`barr_trial_params`."""
    from kernels import kiln as kk  # tables only
    from kernels.contract import defaults

    p = defaults(kk.PARAMS)
    for name, value in barr_trial_params(trial).items():
        p[getattr(kk, f"I_{name.upper()}")] = value
    return p
