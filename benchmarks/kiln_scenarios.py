"""Reproducible rotary-kiln scenarios for the benchmarks and the reference tests.

All are the inert-bed, gas-fired kiln that :mod:`benchmarks.reference.kiln` covers: the
UBC pilot kiln of Barr (trials from ``examples/data/kiln/barr_T*.json``, under the
boundary rule of :mod:`viz.barr`: CH4 and dry air at 298.15 K, L/s at
298.15 K and 1 atm, sand in at 293.15 K, fuel burnt at the burner) and variations of
trial T4 that exercise the other branches of the model (flame length, hot secondary
air, Kramers bed depth, coating, wind, humid air, O2 enrichment, a fuel-gas mix).
"""

from __future__ import annotations

import numpy as np

from kernels import kiln as kk
from viz.barr import barr_trial_vector

#: Ranges of the varied parameters of :func:`random_scenarios` (SI): factors on the T4
#: fuel and feed flows, secondary-air temperature [K], flame length [m], rotation [rad/s].
FUEL_FACTOR = (0.7, 1.3)
FEED_FACTOR = (0.7, 1.3)
SECONDARY_AIR_TEMP = (298.15, 700.0)
FLAME_LENGTH = (0.0, 2.0)
ROTATION_SPEED = (0.10, 0.30)


def with_params(p: np.ndarray, **changes: float) -> np.ndarray:
    """A copy of p with parameters changed by name."""
    p = p.copy()
    for name, value in changes.items():
        p[getattr(kk, f"I_{name.upper()}")] = value
    return p


def barr_trial(case: str) -> np.ndarray:
    """Parameter vector of Barr trial ``case`` ("T1" ... "T9"); other parameters are the kernel defaults.

    The boundary rule of :mod:`viz.barr` (module notes); T4 gives the kernel defaults.
    """
    return barr_trial_vector(case)


def named_scenarios() -> dict[str, np.ndarray]:
    """Barr trials T4 (the kernel defaults), T1, T6, T9 and variations of T4."""
    t4 = barr_trial("T4")
    return {
        "barr_T4": t4,
        "barr_T1": barr_trial("T1"),
        "barr_T6": barr_trial("T6"),
        "barr_T9": barr_trial("T9"),
        "t4_flame_2m_secondary_700K": with_params(t4, flame_length=2.0, secondary_air_temp=700.0),
        "t4_kramers_bed": with_params(t4, bed_model=1.0, slope=0.01, dam_height=0.02),
        "t4_coating_wind_humid": with_params(t4, coating_thickness=0.02, coating_conductivity=1.2,
                                             wind_speed=4.0, relative_humidity=0.6, refractory_k1=-2e-4),
        "t4_o2_gas_mix": with_params(t4, oxygen_flow=0.004, fuel_x_ch4=0.85, fuel_x_c2h6=0.07,
                                     fuel_x_h2=0.03, fuel_x_n2=0.03, fuel_x_co2=0.02,
                                     fuel_flow=1.1e-3, primary_air_temp=350.0),
    }


def random_scenarios(n: int, seed: int = 0) -> np.ndarray:
    """``(n, len(PARAMS))`` rows around Barr T4: fuel, feed, secondary-air temperature, flame, rotation.

    Fuel and feed flows are T4's times a factor uniform in :data:`FUEL_FACTOR` and
    :data:`FEED_FACTOR`; secondary-air temperature, flame length and rotation speed are
    uniform in :data:`SECONDARY_AIR_TEMP`, :data:`FLAME_LENGTH`, :data:`ROTATION_SPEED`.
    """
    rng = np.random.default_rng(seed)
    P = np.tile(barr_trial("T4"), (n, 1))
    P[:, kk.I_FUEL_FLOW] *= rng.uniform(*FUEL_FACTOR, n)
    P[:, kk.I_FEED_RATE] *= rng.uniform(*FEED_FACTOR, n)
    P[:, kk.I_SECONDARY_AIR_TEMP] = rng.uniform(*SECONDARY_AIR_TEMP, n)
    P[:, kk.I_FLAME_LENGTH] = rng.uniform(*FLAME_LENGTH, n)
    P[:, kk.I_ROTATION_SPEED] = rng.uniform(*ROTATION_SPEED, n)
    return P
