"""Where things sit in a box heater: pure-numpy layout used by the 3-D scene.

Coordinates in m: x along the firebox length, y across its width, z up from the
firebox floor, origin at the centre of the floor. The layout is drawn from the
kernel parameters only; items the parameters do not fix (burner count, flame
height, stack diameter, refractory offsets) are illustrative and documented below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

GAS_CONSTANT = 8.314462618  # J/(mol*K)
FLUE_MOLAR_MASS = 0.0285  # kg/mol, typical natural-gas flue gas
STACK_VELOCITY = 8.0  # m/s, typical stack design velocity
BURNER_SPACING = 2.0  # m, typical floor-burner spacing
FLAME_LENGTH_PER_MW = 1.0  # m per MW fired per burner, rule of thumb for gas burners


@dataclass(frozen=True)
class BoxHeaterLayout:
    """Positions and sizes of the parts of a box heater, in m.

    Radiant tubes: centres ``rad_xy`` (n, 2), vertical from ``rad_z[0]`` to ``rad_z[1]``,
    ``rad_coil_fraction`` in [0, 1] is each tube's position along its pass
    (0 = crossover, 1 = coil outlet). Bank rows (shield first, then convection):
    horizontal tubes along x of length ``bank_length`` at heights ``row_z``, with
    ``row_tube_y`` across; ``row_gas_fraction`` in [0, 1] is the row's position along the
    flue-gas path through the banks (0 = bridgewall, 1 = convection exit).
    """

    firebox: tuple[float, float, float]
    rad_xy: np.ndarray
    rad_coil_fraction: np.ndarray
    rad_z: tuple[float, float]
    rad_radius: float
    burner_xy: np.ndarray
    flame_height: float
    flame_radius: float
    bank_length: float
    bank_width: float
    bank_z: tuple[float, float]
    row_z: np.ndarray
    row_is_shield: np.ndarray
    row_tube_y: tuple[np.ndarray, ...]
    row_gas_fraction: np.ndarray
    bank_radius: float
    transition_z: tuple[float, float]
    stack_radius: float
    stack_z: tuple[float, float]
    stack_height: float

    @property
    def stack_shortened(self) -> bool:
        """True when the stack is drawn shorter than ``stack_height``."""
        return self.stack_z[1] - self.stack_z[0] < self.stack_height - 1e-9


def box_heater_layout(
    p: Mapping[str, float],
    *,
    flue_flow: float | None = None,
    stack_temp: float | None = None,
    fired_duty: float | None = None,
    max_stack_ratio: float | None = 0.6,
) -> BoxHeaterLayout:
    """Lay out a box heater from its kernel parameters.

    Parameters
    ----------
    p : mapping of str to float
        Heater parameters by name, SI units (``kernels.heater.PARAMS``): firebox_length,
        firebox_width, firebox_height [m], rad_tube_count [1], rad_tube_od,
        rad_tube_length [m], passes [1], shield_rows, conv_rows, conv_tubes_per_row [1],
        conv_tube_od, conv_tube_pitch, conv_tube_length, stack_height [m].
    flue_flow : float, optional
        Flue-gas mass flow [kg/s]; with ``stack_temp`` [K] it sizes the stack for a
        velocity of 8 m/s. Without it the stack diameter is 60 % of the bank width.
    stack_temp : float, optional
        Stack temperature [K].
    fired_duty : float, optional
        Fired duty [W]; sets the (illustrative) flame height at about 1 m per MW per
        burner, limited to 15-60 % of the firebox height. Without it: 35 %.
    max_stack_ratio : float or None, default 0.6
        Draw the stack at most this many firebox heights tall, so that a 40 m stack
        does not shrink the heater to a sliver; ``stack_height`` keeps the true value.
        ``None`` draws the stack to scale.

    Returns
    -------
    BoxHeaterLayout
    """
    length, width, height = (float(p[k]) for k in ("firebox_length", "firebox_width",
                                                   "firebox_height"))
    rad_od = float(p["rad_tube_od"])
    n_rad = max(int(round(p["rad_tube_count"])), 1)
    passes = int(min(max(round(p.get("passes", 1.0)), 1), n_rad))
    rad_len = min(float(p["rad_tube_length"]), height)

    # radiant tubes: one row around the walls, centres 1.5 OD in front of the refractory
    offset = min(1.5 * rad_od, 0.25 * min(length, width))
    rad_xy = _perimeter_points(length - 2 * offset, width - 2 * offset, n_rad)
    per_pass = np.array_split(np.arange(n_rad), passes)
    coil = np.empty(n_rad)
    for tubes in per_pass:
        coil[tubes] = (np.arange(tubes.size) + 0.5) / tubes.size
    rad_z = (0.5 * (height - rad_len), 0.5 * (height + rad_len))

    # floor burners on one row along the centre line (two rows in wide boxes)
    n_rows_b = 1 if width < 8.0 else 2
    n_per_row = int(np.clip(round(length / BURNER_SPACING), 1, 40))
    bx = (np.arange(n_per_row) + 0.5) * length / n_per_row - 0.5 * length
    by = np.array([0.0]) if n_rows_b == 1 else np.array([-0.25, 0.25]) * width
    burner_xy = np.array([(x, y) for y in by for x in bx])
    if fired_duty is not None and np.isfinite(fired_duty):
        flame = FLAME_LENGTH_PER_MW * fired_duty * 1e-6 / len(burner_xy)
        flame_height = float(np.clip(flame, 0.15 * height, 0.6 * height))
    else:
        flame_height = 0.35 * height
    flame_radius = min(0.35 * length / n_per_row, 0.15 * width, 0.12 * flame_height)

    # shield and convection banks on the roof, staggered rows of horizontal tubes
    n_shield = max(int(round(p.get("shield_rows", 0.0))), 0)
    n_conv = max(int(round(p.get("conv_rows", 0.0))), 0)
    n_bank = n_shield + n_conv
    per_row = max(int(round(p.get("conv_tubes_per_row", 1.0))), 1)
    pitch = float(p.get("conv_tube_pitch", 2.0 * p.get("conv_tube_od", 0.1)))
    bank_width = (per_row + 0.5) * pitch
    bank_length = float(p.get("conv_tube_length", length))
    bank_bottom = height
    row_z = bank_bottom + pitch * (np.arange(n_bank) + 1.0)
    bank_top = bank_bottom + pitch * (max(n_bank, 1) + 1.0)
    base_y = (np.arange(per_row) - 0.5 * (per_row - 1)) * pitch
    row_tube_y = tuple(base_y + (0.25 if r % 2 else -0.25) * pitch for r in range(n_bank))
    row_gas_fraction = (np.arange(n_bank) + 0.5) / max(n_bank, 1)

    # stack: sized for the flue-gas volume flow when it is known
    if flue_flow is not None and stack_temp is not None and flue_flow > 0 and stack_temp > 0:
        rho = 101325.0 * FLUE_MOLAR_MASS / (GAS_CONSTANT * stack_temp)
        area = flue_flow / (rho * STACK_VELOCITY)
        stack_d = float(np.sqrt(4.0 * area / np.pi))
    else:
        stack_d = 0.6 * bank_width
    stack_d = float(np.clip(stack_d, 0.3, 0.5 * max(length, width)))
    stack_d = min(stack_d, bank_length + 0.6)
    trans_h = max(1.0, 0.5 * max(bank_width, stack_d), 0.15 * bank_length)
    transition_z = (bank_top, bank_top + trans_h)
    stack_height = max(float(p.get("stack_height", 0.0)), 0.0)
    drawn = stack_height if max_stack_ratio is None else min(stack_height,
                                                             max_stack_ratio * height)
    stack_z = (transition_z[1], transition_z[1] + drawn)

    return BoxHeaterLayout(
        firebox=(length, width, height),
        rad_xy=rad_xy,
        rad_coil_fraction=coil,
        rad_z=rad_z,
        rad_radius=0.5 * rad_od,
        burner_xy=burner_xy,
        flame_height=flame_height,
        flame_radius=flame_radius,
        bank_length=bank_length,
        bank_width=bank_width,
        bank_z=(bank_bottom, bank_top),
        row_z=row_z,
        row_is_shield=np.arange(n_bank) < n_shield,
        row_tube_y=row_tube_y,
        row_gas_fraction=row_gas_fraction,
        bank_radius=0.5 * float(p.get("conv_tube_od", 0.5 * pitch)),
        transition_z=transition_z,
        stack_radius=0.5 * stack_d,
        stack_z=stack_z,
        stack_height=stack_height,
    )


def _perimeter_points(length: float, width: float, n: int) -> np.ndarray:
    """``n`` points evenly spaced around a centred rectangle, counter-clockwise.

    The path starts at the middle of the wall at y = -width/2, so the first and the
    last tube of the coil are neighbours there.
    """
    s = (np.arange(n) + 0.5) / n * 2.0 * (length + width)
    corners = np.array(
        [(0.0, -0.5 * width), (0.5 * length, -0.5 * width), (0.5 * length, 0.5 * width),
         (-0.5 * length, 0.5 * width), (-0.5 * length, -0.5 * width), (0.0, -0.5 * width)]
    )
    seg = np.linalg.norm(np.diff(corners, axis=0), axis=1)
    cum = np.concatenate(([0.0], np.cumsum(seg)))
    x = np.interp(s, cum, corners[:, 0])
    y = np.interp(s, cum, corners[:, 1])
    return np.column_stack([x, y])
