"""Heat transfer in a rotary-kiln slice: gas, exposed and covered wall, bed, shell.

All rates are per unit kiln length (W/m); areas are perimeters (m^2/m = m).

- Radiation: gray gas of emissivity eps_g (WSGG, :mod:`kernels.radiation`) between two
  gray surfaces, the bed chord A_b (which sees only the wall) and the exposed wall
  A_w; the radiosity network of Hottel & Sarofim (1967) / Holman (2010, Fig. 8-39),
  also used by Gorog et al. (1983) and SimCem, with gas transmissivity 1 - eps_g.
  It gives at once gas-wall, gas-bed and exposed-wall-bed exchange.
- Gas convection: Tscheng & Watkinson (1979) [1]_,
  ``Nu_gw = 1.54 Re^0.575 Re_w^-0.292`` and ``Nu_gb = 0.46 Re^0.535 Re_w^0.104 eta^-0.341``
  on the hydraulic diameter of the gas space, Re = rho u D_e / mu, Re_w = rho omega D_e^2 / mu.
- Covered wall to bed (regenerative, contact): penetration theory into the bed during
  the contact time theta/omega in series with a gas-gap contact resistance
  chi d_p / k_gas (Schlünder's model as used by Li et al. 2005 [2]_):
  ``1/h = chi d_p / k_g + 0.5 sqrt(pi t_c / (k_b rho_b c_b))``.
- Bed effective conductivity: Maxwell (1873) with the gas continuous and the solid
  dispersed at the solid volume fraction rho_bulk / rho_solid.
- Wall conduction: coating (constant k), refractory with k = k0 (1 + k1 T) integrated
  exactly (Kirchhoff transform) and steel shell (constant k), cylindrical layers.
- Shell loss: natural convection from a horizontal cylinder (Churchill & Chu 1975 [3]_),
  forced cross-flow (Churchill & Bernstein 1977 [4]_) when there is wind, combined as
  (Nu_N^3 + Nu_F^3)^(1/3), plus gray radiation to surroundings at ambient temperature.

References
----------
.. [1] S. H. Tscheng, A. P. Watkinson (1979), "Convective heat transfer in a rotary
   kiln", Can. J. Chem. Eng. 57, 433-443.
.. [2] S.-Q. Li, L.-B. Ma, W. Wan, Q. Yao (2005), "A mathematical model of heat transfer
   in a rotary kiln thermo-reactor", Chem. Eng. Technol. 28, 1480-1489.
.. [3] S. W. Churchill, H. H. S. Chu (1975), "Correlating equations for laminar and
   turbulent free convection from a horizontal cylinder", Int. J. Heat Mass Transfer
   18, 1049-1053.
.. [4] S. W. Churchill, M. Bernstein (1977), "A correlating equation for forced
   convection from gases and liquids to a circular cylinder in crossflow", J. Heat
   Transfer 99, 300-306.
.. [5] J. P. Gorog, T. N. Adams, J. K. Brimacombe (1983), "Heat transfer from flames in
   a rotary kiln", Metall. Trans. B 14, 411-424.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.convection import flue_conductivity, flue_viscosity
from kernels.radiation import SIGMA

GRAVITY = 9.80665
_M_AIR = 28.965e-3  # kg/mol, dry air
_CP_AIR = 1010.0  # J/(kg K), film-temperature value for the shell (300-450 K)


@njit(cache=True)
def nusselt_gas_wall(re: float, re_omega: float) -> float:
    """Gas to exposed-wall Nusselt number, Tscheng & Watkinson (1979)."""
    return 1.54 * re**0.575 * re_omega**-0.292


@njit(cache=True)
def nusselt_gas_bed(re: float, re_omega: float, fill: float) -> float:
    """Gas to bed-surface Nusselt number, Tscheng & Watkinson (1979)."""
    return 0.46 * re**0.535 * re_omega**0.104 * fill**-0.341


@njit(cache=True)
def maxwell_conductivity(k_cont: float, k_disc: float, frac_disc: float) -> float:
    """Effective conductivity of spheres (k_disc, volume fraction frac_disc) in k_cont, Maxwell (1873)."""
    return k_cont * (2.0 * k_cont + k_disc + 2.0 * frac_disc * (k_disc - k_cont)) / (
        2.0 * k_cont + k_disc - frac_disc * (k_disc - k_cont))


@njit(cache=True)
def covered_wall_coefficient(k_gas: float, d_p: float, chi: float, k_bed: float,
                             rho_c_bed: float, contact_time: float) -> float:
    """Covered-wall to bed coefficient [W/(m^2 K)]: contact resistance + penetration (Li et al. 2005)."""
    r_pen = 0.5 * np.sqrt(np.pi * contact_time / (k_bed * rho_c_bed))
    return 1.0 / (chi * d_p / k_gas + r_pen)


@njit(cache=True)
def covered_wall_derivatives(k_gas: float, d_p: float, chi: float, k_bed: float, rho_c_bed: float,
                             contact_time: float) -> tuple[float, float, float, float]:
    """:func:`covered_wall_coefficient` h and its derivatives over k_gas, k_bed and rho_c_bed."""
    r_pen = 0.5 * np.sqrt(np.pi * contact_time / (k_bed * rho_c_bed))
    r_gap = chi * d_p / k_gas
    h = 1.0 / (r_gap + r_pen)
    h2 = h * h
    return h, h2 * r_gap / k_gas, h2 * 0.5 * r_pen / k_bed, h2 * 0.5 * r_pen / rho_c_bed


@njit(cache=True)
def radiation_network(eps_bed: float, eps_wall: float, eps_gas: float, area_bed: float,
                      area_wall: float, t_gas: float, t_bed: float, t_wall: float) -> tuple[float, float]:
    """Net radiation into the bed and into the exposed wall [W/m]; the gas loses their sum.

    Conductances: bed surface eps_b A_b/(1-eps_b), wall surface eps_w A_w/(1-eps_w),
    bed-wall through the gas A_b (1-eps_g) (view factor bed->wall = 1), gas-bed
    A_b eps_g, gas-wall A_w eps_g. Solved for the two radiosities in closed form.
    """
    eb = SIGMA * t_bed**4
    ew = SIGMA * t_wall**4
    eg = SIGMA * t_gas**4
    g1 = eps_bed * area_bed / (1.0 - eps_bed) if eps_bed < 1.0 else 1e12 * area_bed
    g4 = eps_wall * area_wall / (1.0 - eps_wall) if eps_wall < 1.0 else 1e12 * area_wall
    g2 = area_bed * (1.0 - eps_gas)
    g3 = area_bed * eps_gas
    g5 = area_wall * eps_gas
    # [g1+g2+g3, -g2; -g2, g4+g2+g5] [jb, jw] = [g1 eb + g3 eg, g4 ew + g5 eg]
    a11 = g1 + g2 + g3
    a22 = g4 + g2 + g5
    b1 = g1 * eb + g3 * eg
    b2 = g4 * ew + g5 * eg
    det = a11 * a22 - g2 * g2
    jb = (b1 * a22 + g2 * b2) / det
    jw = (a11 * b2 + g2 * b1) / det
    return g1 * (jb - eb), g4 * (jw - ew)


@njit(cache=True)
def radiation_network_derivatives(eps_bed: float, eps_wall: float, eps_gas: float, area_bed: float,
                                  area_wall: float, t_gas: float, t_bed: float, t_wall: float,
                                  d_bed: np.ndarray, d_wall: np.ndarray) -> None:
    """Derivatives of the two results of :func:`radiation_network` [W/m per K, W/m per unit emissivity].

    d_bed and d_wall (4) receive the derivatives of the net radiation into the bed and
    into the exposed wall over (t_gas, t_bed, t_wall, eps_gas): the closed-form
    radiosities differentiated (Stefan-Boltzmann: dE/dT = 4 sigma T^3).
    """
    eb = SIGMA * t_bed**4
    ew = SIGMA * t_wall**4
    eg = SIGMA * t_gas**4
    g1 = eps_bed * area_bed / (1.0 - eps_bed) if eps_bed < 1.0 else 1e12 * area_bed
    g4 = eps_wall * area_wall / (1.0 - eps_wall) if eps_wall < 1.0 else 1e12 * area_wall
    g2 = area_bed * (1.0 - eps_gas)
    g3 = area_bed * eps_gas
    g5 = area_wall * eps_gas
    a11 = g1 + g2 + g3
    a22 = g4 + g2 + g5
    b1 = g1 * eb + g3 * eg
    b2 = g4 * ew + g5 * eg
    det = a11 * a22 - g2 * g2
    jb = (b1 * a22 + g2 * b2) / det
    jw = (a11 * b2 + g2 * b1) / det
    deb = 4.0 * SIGMA * t_bed**3
    dew = 4.0 * SIGMA * t_wall**3
    deg = 4.0 * SIGMA * t_gas**3
    d_bed[0] = g1 * (g3 * a22 + g2 * g5) / det * deg
    d_bed[1] = g1 * (g1 * a22 / det - 1.0) * deb
    d_bed[2] = g1 * g2 * g4 / det * dew
    d_wall[0] = g4 * (a11 * g5 + g2 * g3) / det * deg
    d_wall[1] = g4 * g2 * g1 / det * deb
    d_wall[2] = g4 * (a11 * g4 / det - 1.0) * dew
    # eps_gas: g2 = A_b (1 - eps), g3 = A_b eps, g5 = A_w eps, so a11 does not change
    da22 = area_wall - area_bed
    ddet = a11 * da22 + 2.0 * g2 * area_bed
    db1 = area_bed * eg
    db2 = area_wall * eg
    djb = (db1 * a22 + b1 * da22 - area_bed * b2 + g2 * db2 - jb * ddet) / det
    djw = (a11 * db2 - area_bed * b1 + g2 * db1 - jw * ddet) / det
    d_bed[3] = g1 * djb
    d_wall[3] = g4 * djw


@njit(cache=True)
def wall_conduction(t_in: float, t_out: float, r_coat: float, r_refr0: float, k1: float,
                    r_steel: float) -> float:
    """Heat flow [W/m] through coating, refractory k0(1 + k1 T) and steel shell.

    r_coat and r_steel are the constant-k resistances ln(r_o/r_i)/(2 pi k) [K m/W];
    r_refr0 = ln(r_o/r_i)/(2 pi k0). With theta(T) = T + k1 T^2/2 the refractory carries
    q = (theta(T1) - theta(T2)) / r_refr0 exactly. Newton on q (monotone), converged to
    machine precision.
    """
    return wall_conduction_derivatives(t_in, t_out, r_coat, r_refr0, k1, r_steel)[0]


@njit(cache=True)
def wall_conduction_derivatives(t_in: float, t_out: float, r_coat: float, r_refr0: float, k1: float,
                                r_steel: float) -> tuple[float, float, float]:
    """:func:`wall_conduction` q [W/m] and its derivatives dq/dt_in, dq/dt_out [W/(m K)].

    The derivatives follow from the converged residual G(q, t_in) = T3(q, t_in) - t_out
    (implicit function theorem): dq/dt_out = 1 / G_q, dq/dt_in = -G_t_in / G_q.
    """
    # first guess with k at the mean temperature
    tm = 0.5 * (t_in + t_out)
    q = (t_in - t_out) / (r_coat + r_refr0 / (1.0 + k1 * tm) + r_steel)
    dg = -(r_coat + r_refr0 + r_steel)
    t1 = t_in
    t2 = t_out
    for _ in range(30):
        t1 = t_in - q * r_coat
        th2 = t1 + 0.5 * k1 * t1 * t1 - q * r_refr0
        if k1 != 0.0:
            disc = max(1.0 + 2.0 * k1 * th2, 1e-12)
            t2 = (np.sqrt(disc) - 1.0) / k1
        else:
            t2 = th2
        t3 = t2 - q * r_steel
        g = t3 - t_out
        dth2 = -(1.0 + k1 * t1) * r_coat - r_refr0
        dt2 = dth2 / (1.0 + k1 * t2)
        dg = dt2 - r_steel
        step = g / dg
        q -= step
        if abs(step) <= 1e-13 * (abs(q) + 1e-6):
            break
    return q, -(1.0 + k1 * t1) / (1.0 + k1 * t2) / dg, 1.0 / dg


@njit(cache=True)
def shell_loss(t_shell: float, t_amb: float, d_out: float, eps_shell: float, wind: float,
               pressure: float) -> float:
    """Heat lost by the shell to the surroundings [W/m]: convection plus radiation.

    Air properties at the film temperature (Sutherland viscosity and conductivity of
    :mod:`kernels.convection`, ideal-gas density, cp = 1010 J/(kg K)).
    """
    t_f = 0.5 * (t_shell + t_amb)
    mu = flue_viscosity(t_f)
    k = flue_conductivity(t_f)
    rho = pressure * _M_AIR / (8.314462618 * t_f)
    nu = mu / rho
    alpha = k / (rho * _CP_AIR)
    pr = nu / alpha
    dt = abs(t_shell - t_amb)
    ra = GRAVITY / t_f * dt * d_out**3 / (nu * alpha)
    nu_n = (0.60 + 0.387 * ra ** (1.0 / 6.0) / (1.0 + (0.559 / pr) ** (9.0 / 16.0)) ** (8.0 / 27.0)) ** 2
    nu_total = nu_n
    if wind > 0.0:
        re = wind * d_out / nu
        nu_f = 0.3 + (0.62 * np.sqrt(re) * pr ** (1.0 / 3.0) / (1.0 + (0.4 / pr) ** (2.0 / 3.0)) ** 0.25
                      * (1.0 + (re / 282000.0) ** 0.625) ** 0.8)
        nu_total = (nu_n**3 + nu_f**3) ** (1.0 / 3.0)
    h = nu_total * k / d_out
    area = np.pi * d_out
    return area * (h * (t_shell - t_amb) + eps_shell * SIGMA * (t_shell**4 - t_amb**4))
