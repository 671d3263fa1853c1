"""Reproducible heater scenario batches for the benchmarks and the reference tests.

Every row starts from the kernel defaults (the crude heater of
``examples/heater_crude.toml``) and varies what an operator varies: excess air, the
coil outlet temperature set point and, in half of the rows, combustion-air preheat.
"""

from __future__ import annotations

import numpy as np

from kernels import heater as kh
from kernels.contract import defaults

#: Ranges of the varied parameters (SI): excess air [-], coil outlet temperature [K],
#: air preheat [K] in the rows that have a preheater.
EXCESS_AIR_RANGE = (0.05, 0.50)
OUTLET_TEMP_RANGE = (613.15, 653.15)
AIR_PREHEAT_RANGE = (373.15, 573.15)
PREHEAT_SHARE = 0.5


def random_scenarios(n: int, seed: int = 0) -> np.ndarray:
    """``(n, len(PARAMS))`` parameter rows: random excess air, outlet temperature, preheat.

    Excess air and outlet temperature are uniform in :data:`EXCESS_AIR_RANGE` and
    :data:`OUTLET_TEMP_RANGE`; a share :data:`PREHEAT_SHARE` of the rows has air
    preheated to a temperature uniform in :data:`AIR_PREHEAT_RANGE`, the others none
    (preheat temperature = ambient).
    """
    rng = np.random.default_rng(seed)
    P = np.tile(defaults(kh.PARAMS), (n, 1))
    P[:, kh.I_EXCESS_AIR] = rng.uniform(*EXCESS_AIR_RANGE, n)
    P[:, kh.I_PROCESS_OUTLET_TEMP] = rng.uniform(*OUTLET_TEMP_RANGE, n)
    preheat = rng.uniform(size=n) < PREHEAT_SHARE
    P[:, kh.I_AIR_PREHEAT_TEMP] = np.where(preheat, rng.uniform(*AIR_PREHEAT_RANGE, n),
                                           P[:, kh.I_AMBIENT_TEMP])
    return P


def named_scenarios() -> dict[str, np.ndarray]:
    """A few hand-picked scenarios covering the branches of the model."""
    base = defaults(kh.PARAMS)

    def scenario(**changes):
        p = base.copy()
        for name, value in changes.items():
            p[getattr(kh, f"I_{name.upper()}")] = value
        return p

    return {
        "default": scenario(),
        "low_excess_air": scenario(excess_air=0.05),
        "high_excess_air": scenario(excess_air=0.60),
        "air_preheat_200C": scenario(air_preheat_temp=473.15),
        "air_preheat_300C_ea10": scenario(air_preheat_temp=573.15, excess_air=0.10),
        "no_shield_rows": scenario(shield_rows=0.0),
        "no_shield_no_conv": scenario(shield_rows=0.0, conv_rows=0.0),
        "hot_outlet": scenario(process_outlet_temp=653.15, process_vapor_fraction=0.6),
        "natural_gas": scenario(fuel_x_ch4=0.95, fuel_x_c2h6=0.03, fuel_x_c3h8=0.0, fuel_x_c4h10=0.0,
                                fuel_x_h2=0.0, fuel_x_n2=0.01, fuel_x_co2=0.01),
        "two_rows_cold_day": scenario(rad_tube_rows=2.0, ambient_temp=263.15, air_preheat_temp=263.15,
                                      relative_humidity=0.9),
        "small_flow_many_passes": scenario(process_flow=40.0, passes=8.0, conv_rows=12.0),
        "infeasible_fuel_cap": scenario(fuel_flow_max=0.5),
    }
