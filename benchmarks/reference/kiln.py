"""Reference rotary kiln in plain NumPy/SciPy: the slow, obviously-correct oracle.

The same discretised equations as the numba kernel :mod:`kernels.kiln` (read its module
docstring and those of :mod:`kernels.kiln_heat` and :mod:`kernels.kiln_transport` for
the model and the literature) for an **inert bed fired with fuel gas** — the Barr pilot
kiln trials and their variations (sand, or sand with other oxides but no lime, calcite or
moisture; no coal or alternative fuel): same ``PARAMS`` vector in, the same ``OUTPUTS``
and ``PROFILES`` out (by name; the Lea-Parker melt fraction is left NaN), any number of cells.
Written the straightforward way:

- Every correlation is re-implemented here with NumPy, vectorised over the cells:
  bed cross-section (fill angle by :func:`scipy.optimize.brentq`, or the Kramers
  bed-depth equation by :func:`scipy.integrate.solve_ivp`), WSGG gas emissivity and
  Sutherland gas properties (:mod:`benchmarks.reference.flue_gas`), the gas / bed chord
  / exposed wall radiosity network, Tscheng-Watkinson convection, covered-wall contact
  and penetration, wall conduction through coating, refractory with k = k0 (1 + k1 T)
  and steel (in closed form: with the Kirchhoff transform the layer equations reduce
  to a quadratic in the heat flow, where the kernel iterates), and shell loss by
  Churchill-Chu / Churchill-Bernstein convection plus radiation.
- Gas enthalpies from the NASA-7 tables of :mod:`kernels.thermo` evaluated by
  :mod:`benchmarks.reference.nasa`; the bed's from the condensed-phase tables of
  :mod:`kernels.solids` (same joints and blend of the quartz transition, composed
  species by Neumann-Kopp), evaluated here.
- Only the one-off humid-air composition calls compiled code
  (:func:`kernels.combustion.humid_air`); the oxygen demand, heating value, burnt gas
  and adiabatic temperature are computed here.

Unknowns and equations: per cell i (0 at the feed end) the gas temperature leaving
towards the feed, the bed temperature leaving towards the burner, the inner-wall and
the shell temperature (first-order upwind finite volumes, as the kernel). Residuals per
cell, in W::

    gas    H_g[i+1] - H_g[i] - Q_gas[i]                     (H_g[n] = burner inflow)
    bed    H_b[i-1] - H_b[i] + Q_bed[i]                     (H_b[-1] = feed)
    wall   Q_gas[i] - Q_bed[i] - Q_shell[i]
    shell  Q_cond[i] - (Q_gas[i] - Q_bed[i] + Q_shell[i]) / 2

With an inert bed the kernel's species and released-gas unknowns are constant (the
feed flows, zero), so they are not unknowns here.

Solver (``method="newton"``, the default and the benchmark baseline): Newton's method
on the 4 n unknowns with the kernel's safeguards (steps limited to 250 K, Armijo
backtracking on the sum of squared scaled residuals). The Jacobian is banded (each cell
couples to its two neighbours only, through the gas and bed enthalpy flows): it is built
from four evaluations of the cell-local quantities by forward differences (each
cell's local heat flows depend on that cell's unknowns only, so one perturbation of a
variable in all cells at once gives its derivatives in every cell) and solved by
LAPACK's banded LU, :func:`scipy.linalg.solve_banded` (bandwidth 4 below and above the
diagonal): cost O(n) per iteration, like the kernel's block-tridiagonal Thomas
algorithm. So the speed comparison measures compiled loops against vectorised NumPy
for the same algorithm, not one algorithm against another. ``method="hybr"`` solves the
same residuals with :func:`scipy.optimize.root` (MINPACK's Powell hybrid method with a
banded finite-difference Jacobian, ``band=(7, 7)``, and Broyden updates), the
off-the-shelf SciPy route; its dense QR makes it O(n^3), so it is only offered for
comparison at the default grid.

Tolerances: converged when the largest residual is below ``tol`` (default 1e-10, the
kernel's ``_TOL_RES``) times the per-cell heat scale ``(fuel LHV input + feed * 1 MJ/kg)
/ n`` (82 kW / n for Barr T4), or when the scaled step is below 1e-11 with the residual
below 1e-6 of it (the kernel's two tests). A residual of 1e-10 of the cell heat scale
is a temperature error of order 1e-9 K or less (Newton's last step usually takes the
residual from ~1e-6 to ~1e-12); ``tol=0`` iterates to round-off (the residual stalls
near 1e-13), and both solutions are measured against that one in the benchmarks.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import solve_banded
from scipy.optimize import brentq, root

from benchmarks.reference.flue_gas import flue_conductivity, flue_viscosity, gas_emissivity
from benchmarks.reference.nasa import NotConverged, h_mix, species_cp_h, temperature_from_h
from kernels import clinker as ck
from kernels import combustion as cb
from kernels import kiln as kk
from kernels import kiln_heat as kheat
from kernels import kiln_solids as ks
from kernels import solids as sd
from kernels import thermo as th
from kernels.contract import BAD_INPUT, INFEASIBLE, NOT_CONVERGED, OK, OUT_OF_RANGE
from kernels.radiation import SIGMA

TOL_RES = 1.0e-10  # largest scaled residual (the kernel's _TOL_RES)
MAX_ITER = 80  # the kernel allows 30 from its first guess, then 80 in its second attempt
MAX_DT_STEP = 250.0  # K, largest temperature change of one Newton step
FD_REL = 1.0e-7  # relative forward-difference step (of max(|T|, 1000 K))
T_SCALE = 1000.0  # K, scale of the unknowns
T_MIN, T_MAX = 200.0, 5000.0  # K, Newton iterates are clipped to this range

N_VAR = 4
T_GAS, T_BED, T_WALL, T_SHELL = range(N_VAR)
LOW = np.array([row.low for row in kk.PARAMS])
HIGH = np.array([row.high for row in kk.PARAMS])
PARAM_NAMES = tuple(row.name for row in kk.PARAMS)
#: Parameters that must be zero: moisture, calcite and lime in the feed (they react: drying,
#: calcination, clinker phases) and the solid fuels.
OUTSIDE_DOMAIN = (kk.I_FEED_X_H2O, kk.I_FEED_X_CACO3, kk.I_FEED_X_CAO, kk.I_COAL_FLOW, kk.I_ALT_FUEL_FLOW)
#: Bed species as they appear in profile and output names ("H2O(l)" -> "h2o", "C3S" -> "c3s").
BED_SPECIES_NAMES = tuple(name.split("(")[0].lower() for name in ks.BED_NAMES)


class Local(NamedTuple):
    """Cell-local quantities, one value per cell [W, except eps_gas]."""

    h_gas: np.ndarray  # enthalpy flow of the gas leaving the cell (towards the feed)
    h_bed: np.ndarray  # enthalpy flow of the bed leaving the cell (towards the burner)
    q_gas: np.ndarray  # heat given up by the gas (to bed and exposed wall)
    q_bed: np.ndarray  # heat into the bed (from gas, exposed wall radiation, covered wall)
    q_cond: np.ndarray  # conduction through the wall, inner surface to shell
    q_shell: np.ndarray  # shell loss to the surroundings
    eps_gas: np.ndarray  # gas emissivity


# ------------------------------------------------------------------ bed thermochemistry
def _nasa_solid_cp_h(k: int, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cp [J/(mol K)] and h [J/mol] of NASA species k of :mod:`kernels.solids` at temperatures T.

    Up to three coefficient sets (below T_BREAK1, to T_BREAK2, above), each continued
    beyond its range with its end heat capacity; a phase transition (T_BLEND > 0, quartz
    alpha-beta at 847 K) blends the first two sets with the smooth step
    s = u^2 (3 - 2u) over T_BREAK1 +- T_BLEND.
    """
    bounds = (sd.T_LOW_SOLID[k], sd.T_BREAK1[k], sd.T_BREAK2[k], sd.T_HIGH_SOLID[k])
    coefficients = (sd.NASA7_A[k], sd.NASA7_B[k], sd.NASA7_C[k])

    def one_set(r):
        a, t = coefficients[r], np.clip(T, bounds[r], bounds[r + 1])
        cp = a[0] + t * (a[1] + t * (a[2] + t * (a[3] + t * a[4])))
        h_rt = a[0] + t * (a[1] / 2 + t * (a[2] / 3 + t * (a[3] / 4 + t * a[4] / 5))) + a[5] / t
        return th.R_GAS * cp, th.R_GAS * (h_rt * t + cp * (T - t))

    (cp0, h0), (cp1, h1), (cp2, h2) = one_set(0), one_set(1), one_set(2)
    t_break1, t_break2, t_high, blend = bounds[1], bounds[2], bounds[3], sd.T_BLEND[k]
    use0 = (T < t_break1) | (t_break1 >= t_high)
    use1 = ~use0 & ((T < t_break2) | (t_break2 >= t_high))
    cp = np.where(use0, cp0, np.where(use1, cp1, cp2))
    h = np.where(use0, h0, np.where(use1, h1, h2))
    if blend > 0.0:
        near = np.abs(T - t_break1) < blend
        u = (T - t_break1 + blend) / (2.0 * blend)
        s = u * u * (3.0 - 2.0 * u)
        ds = 6.0 * u * (1.0 - u) / (2.0 * blend)
        cp = np.where(near, (1 - s) * cp0 + s * cp1 + ds * (h1 - h0), cp)
        h = np.where(near, (1 - s) * h0 + s * h1, h)
    return cp, h


def solid_cp_h(k: int, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cp [J/(mol K)] and absolute h [J/mol] of condensed species k of :mod:`kernels.solids` at T [K].

    NASA species from their polynomials (McBride et al. 1993); composed species (clinker
    phases, minor oxides) as the sum of their oxides plus the enthalpy of formation from
    the oxides at 298.15 K (Neumann-Kopp), as :func:`kernels.solids.solid_cp_h`.
    """
    T = np.asarray(T, dtype=np.float64)
    if k < sd.N_NASA:
        return _nasa_solid_cp_h(k, T)
    cp, h = np.zeros_like(T), np.full_like(T, sd.DH_FROM_OXIDES[k])
    for j in np.flatnonzero(sd.COMPOSITION[k]):
        cp_j, h_j = _nasa_solid_cp_h(j, T)
        cp, h = cp + sd.COMPOSITION[k, j] * cp_j, h + sd.COMPOSITION[k, j] * h_j
    return cp, h


def bed_enthalpy_flow(m: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Enthalpy flow [W] of bed species mass flows m [kg/s] (N_BED) at temperatures T [K]."""
    return sum(m[b] / ks.BED_MOLAR_MASS[b] * solid_cp_h(ks.BED_SOLID[b], T)[1]
               for b in range(ks.N_BED) if m[b] != 0.0)


def bed_cp_mass(m: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Heat capacity [J/(kg K)] of the bed mixture with mass flows m at temperatures T."""
    present = [b for b in range(ks.N_BED) if m[b] > 0.0]
    return (sum(m[b] / ks.BED_MOLAR_MASS[b] * solid_cp_h(ks.BED_SOLID[b], T)[0] for b in present)
            / sum(m[b] for b in present))


# --------------------------------------------------------------------------- geometry
def cross_section(radius: float, theta: np.ndarray) -> dict[str, np.ndarray]:
    """Bed and gas-space geometry of a bed with central angle theta [rad] (per unit length).

    Depth R (1 - cos(theta/2)), bed area R^2 (theta - sin theta)/2, chord 2 R sin(theta/2),
    covered arc R theta, exposed arc R (2 pi - theta); hydraulic diameter
    4 A_gas / (exposed arc + chord) and mean beam length 3.6 A_gas / (exposed arc + chord).
    """
    r = radius
    area_bed = 0.5 * r * r * (theta - np.sin(theta))
    area_gas = np.pi * r * r - area_bed
    chord = 2.0 * r * np.sin(0.5 * theta)
    arc_exposed = r * (2.0 * np.pi - theta)
    return {
        "depth": r * (1.0 - np.cos(0.5 * theta)),
        "theta": theta,
        "fill": area_bed / (np.pi * r * r),
        "chord": chord,
        "area_bed": area_bed,
        "area_gas": area_gas,
        "hyd_diam": 4.0 * area_gas / (arc_exposed + chord),
        "arc_exposed": arc_exposed,
        "arc_covered": r * theta,
        "beam": 3.6 * area_gas / (arc_exposed + chord),
    }


def fill_angle(fill: float) -> float:
    """Central angle [rad] of a bed filling the fraction ``fill`` of the section: theta - sin theta = 2 pi fill."""
    return brentq(lambda t: t - np.sin(t) - 2.0 * np.pi * fill, 0.0, 2.0 * np.pi, xtol=1e-15, rtol=1e-15)


def kramers_theta(p: np.ndarray, n: int, q_v: float) -> np.ndarray | None:
    """Central angle per cell from the Kramers-Croockewit bed-depth equation; None if the bed overfills.

    dh/dz' = 3 tan(beta) q_v / (4 pi n_rev R^3) (2h/R - (h/R)^2)^(-3/2) - tan(alpha)/cos(beta),
    z' from the discharge end, h(0) = dam height, integrated in w = h^2.5 (smooth at
    h = 0) by ``solve_ivp`` (DOP853, rtol 1e-12) to the cell centres.
    """
    r = p[kk.I_INNER_RADIUS]
    length = p[kk.I_LENGTH]
    rev_per_s = p[kk.I_ROTATION_SPEED] / (2.0 * np.pi)
    repose, slope = p[kk.I_REPOSE_ANGLE], p[kk.I_SLOPE]
    lead = 3.0 * np.tan(repose) * q_v / (4.0 * np.pi * rev_per_s * r**3)

    def dw_dz(_z, w):
        h = max(w[0], 0.0) ** 0.4
        y = h / r
        return [2.5 * (lead * (r / max(2.0 - y, 1e-12)) ** 1.5 - h**1.5 * np.tan(slope) / np.cos(repose))]

    z_centres = length - (np.arange(n)[::-1] + 0.5) * length / n  # from the discharge end
    sol = solve_ivp(dw_dz, (0.0, length), [p[kk.I_DAM_HEIGHT] ** 2.5], method="DOP853",
                    t_eval=np.append(z_centres, length), rtol=1e-12, atol=1e-14 * r**2.5)
    if not sol.success or np.max(sol.y[0]) >= r**2.5:
        return None
    depth = sol.y[0, :-1][::-1] ** 0.4  # feed end first
    return 2.0 * np.arccos(1.0 - depth / r)


# ------------------------------------------------------------------ heat-transfer laws
def radiation_network(eps_bed, eps_wall, eps_gas, area_bed, area_wall, t_gas, t_bed, t_wall):
    """Net radiation into the bed chord and into the exposed wall [W/m] (Hottel & Sarofim 1967).

    Gray gas of emissivity eps_gas and transmissivity 1 - eps_gas between the bed chord
    (sees only the wall) and the exposed wall; the two radiosities of the network solved
    by Cramer's rule.
    """
    eb, ew, eg = SIGMA * t_bed**4, SIGMA * t_wall**4, SIGMA * t_gas**4
    g1 = eps_bed * area_bed / (1.0 - eps_bed) if eps_bed < 1.0 else 1e12 * area_bed
    g4 = eps_wall * area_wall / (1.0 - eps_wall) if eps_wall < 1.0 else 1e12 * area_wall
    g2 = area_bed * (1.0 - eps_gas)  # bed - wall through the gas
    g3 = area_bed * eps_gas  # gas - bed
    g5 = area_wall * eps_gas  # gas - wall
    a11, a22 = g1 + g2 + g3, g4 + g2 + g5
    b1, b2 = g1 * eb + g3 * eg, g4 * ew + g5 * eg
    det = a11 * a22 - g2 * g2
    j_bed = (b1 * a22 + g2 * b2) / det
    j_wall = (a11 * b2 + g2 * b1) / det
    return g1 * (j_bed - eb), g4 * (j_wall - ew)


def wall_conduction(t_in, t_out, r_coat, r_refr0, k1, r_steel):
    """Heat flow [W/m] through coating, refractory k0 (1 + k1 T) and steel, in closed form.

    With theta(T) = T + k1 T^2 / 2 the refractory carries q = (theta(T1) - theta(T2)) / r_refr0
    (Kirchhoff transform), T1 = t_in - q r_coat, T2 = t_out + q r_steel; this is the
    quadratic A q^2 - B q + C = 0 with A = k1 (r_c^2 - r_s^2) / 2,
    B = r_c + r_s + r_r0 + k1 (t_in r_c + t_out r_s), C = t_in - t_out + k1 (t_in^2 - t_out^2) / 2,
    whose physical root (q -> C/B as k1 -> 0) is 2 C / (B + sqrt(B^2 - 4 A C)).
    """
    a = 0.5 * k1 * (r_coat**2 - r_steel**2)
    b = r_coat + r_steel + r_refr0 + k1 * (t_in * r_coat + t_out * r_steel)
    c = t_in - t_out + 0.5 * k1 * (t_in**2 - t_out**2)
    return 2.0 * c / (b + np.sqrt(b * b - 4.0 * a * c))


def shell_loss(t_shell, t_amb, d_out, eps_shell, wind, pressure):
    """Shell heat loss [W/m]: Churchill-Chu natural (+ Churchill-Bernstein forced) convection and radiation.

    Air properties at the film temperature (Sutherland viscosity and conductivity, ideal
    gas density, cp 1010 J/(kg K)); forced and natural Nusselt numbers combined as
    (Nu_N^3 + Nu_F^3)^(1/3).
    """
    t_f = 0.5 * (t_shell + t_amb)
    mu, k = flue_viscosity(t_f), flue_conductivity(t_f)
    rho = pressure * kheat._M_AIR / (th.R_GAS * t_f)
    nu, alpha = mu / rho, k / (rho * kheat._CP_AIR)
    pr = nu / alpha
    ra = kheat.GRAVITY / t_f * np.abs(t_shell - t_amb) * d_out**3 / (nu * alpha)
    nusselt = (0.60 + 0.387 * ra ** (1 / 6) / (1.0 + (0.559 / pr) ** (9 / 16)) ** (8 / 27)) ** 2
    if wind > 0.0:
        re = wind * d_out / nu
        nu_forced = 0.3 + (0.62 * np.sqrt(re) * pr ** (1 / 3) / (1.0 + (0.4 / pr) ** (2 / 3)) ** 0.25
                           * (1.0 + (re / 282000.0) ** 0.625) ** 0.8)
        nusselt = (nusselt**3 + nu_forced**3) ** (1 / 3)
    h = nusselt * k / d_out
    return np.pi * d_out * (h * (t_shell - t_amb) + eps_shell * SIGMA * (t_shell**4 - t_amb**4))


# ------------------------------------------------------------------------------ kiln
class Kiln:
    """One kiln scenario on n cells: constants, cell-local heat flows, residuals, solvers, report."""

    def __init__(self, p: np.ndarray, n: int):
        self.p = p
        self.n = n
        self.status = OK
        self.dz = p[kk.I_LENGTH] / n
        # --- burner: fuel, humid air and O2 unburnt (n_u) and burnt completely (n_b), mol/s
        x_fuel = np.zeros(th.N_SPECIES)
        for i_param, k in kk.FUEL_PARAMS:
            x_fuel[k] += p[i_param]
        x_fuel /= x_fuel.sum()
        x_air = np.zeros(th.N_SPECIES)
        cb.humid_air(p[kk.I_RELATIVE_HUMIDITY], p[kk.I_AMBIENT_TEMP], p[kk.I_PRESSURE], x_air)
        n_fuel = p[kk.I_FUEL_FLOW] / (x_fuel @ th.MOLAR_MASS)
        n_air = (p[kk.I_PRIMARY_AIR] + p[kk.I_SECONDARY_AIR]) / (x_air @ th.MOLAR_MASS)
        n_o2 = p[kk.I_OXYGEN_FLOW] / th.MOLAR_MASS[th.O2]
        n_u = n_fuel * x_fuel + n_air * x_air
        n_u[th.O2] += n_o2
        m_air = x_air @ th.MOLAR_MASS
        self.h_burner = (n_fuel * h_mix(x_fuel, p[kk.I_FUEL_TEMP])
                         + p[kk.I_PRIMARY_AIR] / m_air * h_mix(x_air, p[kk.I_PRIMARY_AIR_TEMP])
                         + p[kk.I_SECONDARY_AIR] / m_air * h_mix(x_air, p[kk.I_SECONDARY_AIR_TEMP])
                         + n_o2 * h_mix(np.eye(th.N_SPECIES)[th.O2], p[kk.I_PRIMARY_AIR_TEMP]))
        c, hy, o, nit, s, ar = x_fuel @ th.ELEMENTS  # atoms per mol fuel
        self.o2_demand = n_fuel * (c + hy / 4 + s - o / 2)
        self.o2_supply = n_u[th.O2]
        if self.o2_supply <= self.o2_demand:
            self.status = INFEASIBLE
            return
        atoms = n_u @ th.ELEMENTS  # mol/s of C, H, O, N, S, Ar
        n_b = np.zeros(th.N_SPECIES)
        n_b[th.CO2] = atoms[th.EL_C]
        n_b[th.H2O] = 0.5 * atoms[th.EL_H]
        n_b[th.SO2] = atoms[th.EL_S]
        n_b[th.N2] = 0.5 * atoms[th.EL_N]
        n_b[th.AR] = atoms[th.EL_AR]
        n_b[th.O2] = 0.5 * atoms[th.EL_O] - atoms[th.EL_C] - 0.25 * atoms[th.EL_H] - atoms[th.EL_S]
        h298 = th.R_GAS * species_cp_h(th.T_REF)[1]  # J/mol, formation enthalpies
        lhv = (x_fuel @ h298 + (c + hy / 4 + s - o / 2) * h298[th.O2]
               - (c * h298[th.CO2] + hy / 2 * h298[th.H2O] + s * h298[th.SO2] + nit / 2 * h298[th.N2]
                  + ar * h298[th.AR]))  # J/mol fuel at 25 C, water as vapour
        self.heat_input = n_fuel * lhv if n_fuel > 0.0 else 0.0
        self.co2_fuel = n_fuel * c * th.MOLAR_MASS[th.CO2]
        self.n_fuel, self.x_fuel = n_fuel, x_fuel
        try:
            self.t_adiabatic = temperature_from_h(n_b, self.h_burner)
        except NotConverged:
            self.status = NOT_CONVERGED
            return
        # gas leaving each cell through its feed-side face: burnt fraction beta
        distance = p[kk.I_LENGTH] - np.arange(n) * self.dz
        flame = p[kk.I_FLAME_LENGTH]
        self.beta = np.minimum(distance / flame, 1.0) if flame > 0.0 else np.ones(n)
        self.n_gas = n_u + self.beta[:, None] * (n_b - n_u)  # (n, N_SPECIES), mol/s
        self.n_u, self.n_b = n_u, n_b
        n_tot = self.n_gas.sum(axis=1)
        self.m_gas = self.n_gas @ th.MOLAR_MASS
        self.gas_per_mol = self.m_gas / n_tot  # kg/mol
        self.p_co2 = np.maximum(self.n_gas[:, th.CO2], 0.0) / n_tot * p[kk.I_PRESSURE]
        self.p_h2o = np.maximum(self.n_gas[:, th.H2O], 0.0) / n_tot * p[kk.I_PRESSURE]
        self.m_gas_in = n_u @ th.MOLAR_MASS

        # --- feed: inert species only, the same flows in every cell; the rest is SiO2
        feed = p[kk.I_FEED_RATE]
        m_feed = np.zeros(ks.N_BED)
        for i_param, b in kk.FEED_PARAMS:
            m_feed[b] = feed * p[i_param]
        m_feed[ks.B_SIO2] += max(feed - m_feed.sum(), 0.0)
        self.m_bed = m_feed
        self.h_feed = float(bed_enthalpy_flow(m_feed, np.array(p[kk.I_FEED_TEMP])))
        self.heat_scale = self.heat_input + feed * 1.0e6  # W, the kernel's residual scale

        # --- cross-section of every cell
        if p[kk.I_BED_MODEL] < 0.5:
            theta = np.full(n, fill_angle(p[kk.I_FILL_FRACTION]))
        else:
            theta = kramers_theta(p, n, feed / p[kk.I_BULK_DENSITY])
            if theta is None:
                self.status = INFEASIBLE
                return
        self.geo = cross_section(p[kk.I_INNER_RADIUS], theta)
        self.holdup_per_flow = p[kk.I_BULK_DENSITY] * self.geo["area_bed"] / m_feed.sum()  # s/m

        # --- wall layers, thermal resistances per unit length [K m/W]
        r0 = p[kk.I_INNER_RADIUS]
        r1 = r0 + p[kk.I_COATING_THICKNESS]
        r2 = r1 + p[kk.I_REFRACTORY_THICKNESS]
        r3 = r2 + p[kk.I_SHELL_THICKNESS]
        self.r_coat = np.log(r1 / r0) / (2.0 * np.pi * p[kk.I_COATING_CONDUCTIVITY])
        self.r_refr0 = np.log(r2 / r1) / (2.0 * np.pi * p[kk.I_REFRACTORY_K0])
        self.r_steel = np.log(r3 / r2) / (2.0 * np.pi * p[kk.I_SHELL_CONDUCTIVITY])
        self.d_out = 2.0 * r3

    # ---------------------------------------------------------------- cell-local physics
    def local(self, X: np.ndarray) -> Local:
        """Heat flows of every cell from its own unknowns X (n, 4) [K]."""
        p, geo, dz = self.p, self.geo, self.dz
        t_g, t_b, t_w, t_s = X[:, T_GAS], X[:, T_BED], X[:, T_WALL], X[:, T_SHELL]
        eps_g = gas_emissivity(t_g, self.p_h2o, self.p_co2, geo["beam"])

        # gas convection to the exposed wall and the bed surface (Tscheng & Watkinson 1979)
        d_e = geo["hyd_diam"]
        mu, k_g = flue_viscosity(t_g), flue_conductivity(t_g)
        rho_g = p[kk.I_PRESSURE] * self.gas_per_mol / (th.R_GAS * t_g)
        re = self.m_gas * d_e / (geo["area_gas"] * mu)
        re_w = rho_g * p[kk.I_ROTATION_SPEED] * d_e**2 / mu
        h_gw = 1.54 * re**0.575 * re_w**-0.292 * k_g / d_e
        h_gb = 0.46 * re**0.535 * re_w**0.104 * geo["fill"] ** -0.341 * k_g / d_e
        q_conv_wall = h_gw * geo["arc_exposed"] * (t_g - t_w)
        q_conv_bed = h_gb * geo["chord"] * (t_g - t_b)

        # radiation gas / bed chord / exposed wall
        q_rad_bed, q_rad_wall = radiation_network(p[kk.I_BED_EMISSIVITY], p[kk.I_WALL_EMISSIVITY], eps_g,
                                                  geo["chord"], geo["arc_exposed"], t_g, t_b, t_w)

        # covered wall to bed: gas-gap contact resistance + penetration (Li et al. 2005)
        k_gas_bed = flue_conductivity(t_b)
        k_s, phi = p[kk.I_SOLID_CONDUCTIVITY], p[kk.I_BULK_DENSITY] / p[kk.I_SOLID_DENSITY]
        k_bed = k_gas_bed * (2 * k_gas_bed + k_s + 2 * phi * (k_s - k_gas_bed)) / (
            2 * k_gas_bed + k_s - phi * (k_s - k_gas_bed))  # Maxwell (1873)
        rho_c_bed = p[kk.I_BULK_DENSITY] * bed_cp_mass(self.m_bed, t_b)
        contact_time = geo["theta"] / p[kk.I_ROTATION_SPEED]
        r_contact = p[kk.I_CONTACT_RESISTANCE] * p[kk.I_PARTICLE_DIAMETER] / flue_conductivity(0.5 * (t_w + t_b))
        r_penetration = 0.5 * np.sqrt(np.pi * contact_time / (k_bed * rho_c_bed))
        q_covered = geo["arc_covered"] * (t_w - t_b) / (r_contact + r_penetration)

        return Local(
            h_gas=h_mix(self.n_gas, t_g),
            h_bed=bed_enthalpy_flow(self.m_bed, t_b),
            q_gas=(q_rad_bed + q_rad_wall + q_conv_wall + q_conv_bed) * dz,
            q_bed=(q_rad_bed + q_conv_bed + q_covered) * dz,
            q_cond=wall_conduction(t_w, t_s, self.r_coat, self.r_refr0, p[kk.I_REFRACTORY_K1], self.r_steel) * dz,
            q_shell=shell_loss(t_s, p[kk.I_AMBIENT_TEMP], self.d_out, p[kk.I_SHELL_EMISSIVITY],
                               p[kk.I_WIND_SPEED], p[kk.I_PRESSURE]) * dz,
            eps_gas=eps_g,
        )

    @staticmethod
    def balances(loc: Local, h_gas_in: np.ndarray, h_bed_in: np.ndarray) -> np.ndarray:
        """Energy residuals (n, 4) [W] of the cells, given the enthalpy flows entering them."""
        return np.stack([
            h_gas_in - loc.h_gas - loc.q_gas,
            h_bed_in - loc.h_bed + loc.q_bed,
            loc.q_gas - loc.q_bed - loc.q_shell,
            loc.q_cond - 0.5 * (loc.q_gas - loc.q_bed + loc.q_shell),
        ], axis=1)

    def residual(self, loc: Local) -> np.ndarray:
        """Residuals (n, 4) [W]: gas enters from the burner side, bed from the feed side."""
        h_gas_in = np.append(loc.h_gas[1:], self.h_burner)
        h_bed_in = np.insert(loc.h_bed[:-1], 0, self.h_feed)
        return self.balances(loc, h_gas_in, h_bed_in)

    def initial_guess(self) -> np.ndarray:
        """Linear gas, bed and wall profiles between feed, ambient and flame temperatures (as the kernel)."""
        p = self.p
        t_feed, t_amb = p[kk.I_FEED_TEMP], p[kk.I_AMBIENT_TEMP]
        t_ad = max(self.t_adiabatic, t_feed + 50.0)
        s = (np.arange(self.n) + 0.5) / self.n
        t_g = t_feed + (t_ad - t_feed) * (0.6 + 0.35 * s)
        t_b = t_feed + (t_ad - t_feed) * 0.8 * s
        t_w = 0.5 * (t_g + t_b)
        return np.stack([t_g, t_b, t_w, t_amb + 0.2 * (t_w - t_amb)], axis=1)

    # ---------------------------------------------------------------------- solvers
    def jacobian_banded(self, X: np.ndarray, loc: Local) -> np.ndarray:
        """Scaled Jacobian d(residual / cell heat scale) / d(X / 1000 K) in LAPACK banded form (4, 4).

        Forward differences: variable v is perturbed in all cells at once (a cell's local
        quantities depend on its own unknowns only). The gas enthalpy flow depends on the
        gas temperature only and the bed's on the bed temperature only, so the couplings
        to the neighbours are single entries 4 columns right (gas) and left (bed).
        """
        n = self.n
        ab = np.zeros((9, N_VAR * n))  # ab[4 + row - col, col] = J[row, col]
        zero = np.zeros(n)
        row_scale = self.heat_scale / n
        for v in range(N_VAR):
            h = FD_REL * np.maximum(np.abs(X[:, v]), T_SCALE)
            Xp = X.copy()
            Xp[:, v] += h
            dloc = Local(*((a - b) / h for a, b in zip(self.local(Xp), loc, strict=True)))
            block = self.balances(dloc, zero, zero) * (T_SCALE / row_scale)  # d rows / d X[:, v], (n, 4)
            for r in range(N_VAR):
                ab[4 + r - v, v::N_VAR] = block[:, r]  # row N_VAR i + r, column N_VAR i + v
            if v == T_GAS:  # gas row of cell i - 1 takes the gas enthalpy of cell i
                ab[0, N_VAR::N_VAR] = dloc.h_gas[1:] * (T_SCALE / row_scale)
            if v == T_BED:  # bed row of cell i + 1 takes the bed enthalpy of cell i
                ab[8, T_BED:N_VAR * (n - 1):N_VAR] = dloc.h_bed[:-1] * (T_SCALE / row_scale)
        return ab

    def solve_newton(self, tol: float = TOL_RES, max_iter: int = MAX_ITER) -> tuple[np.ndarray, int]:
        """Damped Newton with the banded Jacobian from the kernel's initial guess; (X, iterations).

        Stops when the largest scaled residual is below ``tol``, or the scaled step below
        ``tol / 10`` with the residual below 1e-6 (the kernel's tests for tol = 1e-10).
        ``tol=0`` iterates to round-off: on past 1e-10 until the residual stops falling
        (two steps without halving it) and returns the best iterate. Raises NotConverged.
        """
        row_scale = self.heat_scale / self.n
        X = self.initial_guess()
        loc = self.local(X)
        res = self.residual(loc) / row_scale
        f = np.sum(res**2)
        best_res, best_X, stalls = np.inf, X, 0
        for it in range(1, max_iter + 1):
            step = solve_banded((4, 4), self.jacobian_banded(X, loc), -res.ravel()).reshape(X.shape)
            step_max = np.max(np.abs(step))
            if not np.isfinite(step_max):
                raise NotConverged("singular Newton system")
            step *= T_SCALE
            lam = min(1.0, MAX_DT_STEP / (step_max * T_SCALE))
            for _ in range(14):  # backtracking (Armijo on the sum of squared residuals)
                X_try = np.clip(X + lam * step, T_MIN, T_MAX)
                loc_try = self.local(X_try)
                res_try = self.residual(loc_try) / row_scale
                f_try = np.sum(res_try**2)
                if f_try <= (1.0 - 1e-4 * lam) * f or f_try < 1e-30:
                    break
                lam *= 0.5
            if not np.isfinite(f_try):
                raise NotConverged("residual not finite")
            X, loc, res, f = X_try, loc_try, res_try, f_try
            res_max = np.max(np.abs(res))
            if tol > 0.0:
                if res_max < tol or (lam * step_max < 0.1 * tol and res_max < 1e-6):
                    return X, it
                continue
            stalls = stalls + 1 if res_max > 0.5 * best_res else 0
            if res_max < best_res:
                best_res, best_X = res_max, X
            if stalls >= 2 and best_res < TOL_RES:
                return best_X, it
        raise NotConverged(f"no convergence in {max_iter} Newton iterations")

    def solve_hybr(self, tol: float = TOL_RES) -> tuple[np.ndarray, int]:
        """Same residuals by ``scipy.optimize.root(method="hybr")`` (banded FD Jacobian); (X, evaluations)."""
        row_scale = self.heat_scale / self.n

        def scaled_residual(u):
            X = u.reshape(self.n, N_VAR) * T_SCALE
            return (self.residual(self.local(X)) / row_scale).ravel()

        u0 = (self.initial_guess() / T_SCALE).ravel()
        sol = root(scaled_residual, u0, method="hybr", options={"band": (7, 7), "xtol": 1e-13, "maxfev": 20000})
        X = sol.x.reshape(self.n, N_VAR) * T_SCALE
        if not np.all(np.isfinite(sol.fun)) or np.max(np.abs(sol.fun)) >= tol:
            raise NotConverged(f"hybr: {sol.message} (largest scaled residual {np.max(np.abs(sol.fun)):.1e})")
        return X, sol.nfev

    # ----------------------------------------------------------------------- report
    def report(self, X: np.ndarray, iterations: float, out: np.ndarray, prof: np.ndarray) -> None:
        """Outputs and profiles of the solution X, filled by name (unknown names stay NaN)."""
        p, geo, n, dz = self.p, self.geo, self.n, self.dz
        loc = self.local(X)
        t_amb = p[kk.I_AMBIENT_TEMP]
        m_bed = self.m_bed
        m_product = m_bed.sum()
        cell_time = self.holdup_per_flow * dz * np.ones(n)
        t_gas_in = np.append(X[1:, T_GAS], X[-1, T_GAS])  # the last cell's own value, as the kernel
        t_bed_in = np.insert(X[:-1, T_BED], 0, p[kk.I_FEED_TEMP])
        n_tot = self.n_gas.sum(axis=1)
        profiles = {
            "z": (np.arange(n) + 0.5) * dz,
            "T_gas": 0.5 * (X[:, T_GAS] + t_gas_in),
            "T_bed": 0.5 * (X[:, T_BED] + t_bed_in),
            "T_wall": X[:, T_WALL],
            "T_shell": X[:, T_SHELL],
            "q_bed": loc.q_bed / dz,
            "q_shell": loc.q_shell / dz,
            "bed_depth": geo["depth"],
            "fill": geo["fill"],
            "gas_y_co2": self.n_gas[:, th.CO2] / n_tot,
            "gas_y_h2o": self.n_gas[:, th.H2O] / n_tot,
            "gas_y_o2": self.n_gas[:, th.O2] / n_tot,
            "gas_emissivity": loc.eps_gas,
            "burnout": self.beta,
            "bed_time": np.cumsum(cell_time) - 0.5 * cell_time,
        }
        for b, name in enumerate(BED_SPECIES_NAMES):
            profiles[f"bed_x_{name}"] = np.full(n, m_bed[b] / m_product)

        # streams at the two ends and the balances
        n_exit = self.n_gas[0]
        h_gas_exit, h_product = loc.h_gas[0], loc.h_bed[-1]
        q_shell = loc.q_shell.sum()
        e_in = self.h_burner + self.h_feed
        e_out = h_gas_exit + h_product + q_shell
        e_scale = max(self.heat_input, q_shell + abs(h_product - self.h_feed), 1e-30)
        mass_in = self.m_gas_in + p[kk.I_FEED_RATE]
        mass_out = self.m_gas[0] + m_product
        el_in = self.n_u @ th.ELEMENTS
        el_out = n_exit @ th.ELEMENTS  # the bed carries the same atoms in and out (inert)
        el_res = np.max(np.abs(el_in - el_out) / (el_in + 1e-12 * el_in.sum()))
        theta_mean = geo["theta"].mean()
        above_eutectic = profiles["T_bed"] > ck.T_EUTECTIC
        h_fuel = self.n_fuel * h_mix(self.x_fuel, p[kk.I_FUEL_TEMP]) if self.n_fuel > 0.0 else 0.0
        h_fuel_ref = self.n_fuel * h_mix(self.x_fuel, th.T_REF) if self.n_fuel > 0.0 else 0.0
        values = {
            "bed_exit_temp": X[-1, T_BED],
            "gas_exit_temp": X[0, T_GAS],
            "gas_max_temp": profiles["T_gas"].max(),
            "bed_max_temp": profiles["T_bed"].max(),
            "wall_max_temp": profiles["T_wall"].max(),
            "shell_max_temp": profiles["T_shell"].max(),
            "adiabatic_flame_temp": self.t_adiabatic,
            "heat_input": self.heat_input,
            "heat_to_bed": loc.q_bed.sum(),
            "shell_loss": q_shell,
            "exhaust_loss": h_gas_exit - h_mix(n_exit, t_amb),
            "product_sensible_heat": h_product - float(bed_enthalpy_flow(m_bed, np.array(t_amb))),
            "reaction_heat": 0.0,
            "product_flow": m_product,
            "calcination_degree": np.nan,  # no calcium in an inert bed
            "product_x_cao": m_bed[ks.B_CAO] / m_product,
            "co2_process": 0.0,
            "co2_fuel": self.co2_fuel,
            "specific_heat_consumption": self.heat_input / m_product,
            "specific_co2": self.co2_fuel / m_product,
            "residence_time": cell_time.sum(),
            "bed_holdup": m_product * cell_time.sum(),
            "fill_mean": geo["fill"].mean(),
            "fill_angle": theta_mean,
            "exposed_wall_angle": 2.0 * np.pi - theta_mean,
            "bed_depth_feed": geo["depth"][0],
            "bed_depth_discharge": geo["depth"][-1],
            "gas_exit_o2_dry": n_exit[th.O2] / (n_exit.sum() - n_exit[th.H2O]),
            "gas_exit_co2": n_exit[th.CO2] / n_exit.sum(),
            "excess_oxygen": self.o2_supply / self.o2_demand - 1.0 if self.o2_demand > 0.0 else np.nan,
            "unburnt_fraction": 1.0 - self.beta[0],
            "newton_iterations": float(iterations),
            "energy_residual": (e_in - e_out) / e_scale,
            "mass_residual": (mass_in - mass_out) / mass_in,
            "element_residual": el_res,
            "melt_zone_length": dz * np.count_nonzero(above_eutectic),
            "melt_zone_time": cell_time[above_eutectic].sum(),
            "fuel_enthalpy": h_fuel,
            "fuel_sensible_heat": h_fuel - h_fuel_ref,
            "fuel_ash_flow": 0.0,
        }
        for b, name in enumerate(BED_SPECIES_NAMES):
            values.setdefault(f"product_x_{name}", m_bed[b] / m_product)
        for i, row in enumerate(kk.OUTPUTS):
            out[i] = values.get(row.name, np.nan)
        for f, row in enumerate(kk.PROFILES):
            prof[f] = profiles.get(row.name, np.nan)


# ------------------------------------------------------------------------- contract
def check_inputs(p: np.ndarray) -> int:
    """Status of the inputs: NaN/inf, ranges, the composition groups, the kernel's cross rules."""
    if p.shape != LOW.shape or not np.all(np.isfinite(p)):
        return BAD_INPUT
    if np.any(p < LOW) or np.any(p > HIGH):
        return OUT_OF_RANGE
    for prefix, tol in kk.COMPOSITION_GROUPS:  # fractions that must sum to one
        if abs(sum(p[i] for i, name in enumerate(PARAM_NAMES) if name.startswith(prefix)) - 1.0) > tol:
            return OUT_OF_RANGE
    value = dict(zip(PARAM_NAMES, p, strict=True))
    broken = (sum(p[i] for i, _ in kk.FEED_PARAMS) > 1.0
              or sum(v for name, v in value.items() if name.startswith("ash_x_")) > 1.0
              or value["feed_x_alkali"] > value["feed_x_minor"]
              or p[kk.I_BULK_DENSITY] >= p[kk.I_SOLID_DENSITY]
              or p[kk.I_DAM_HEIGHT] >= 0.9 * p[kk.I_INNER_RADIUS]
              or p[kk.I_BED_MODEL] not in (0.0, 1.0))
    return OUT_OF_RANGE if broken else OK


def solve(p: np.ndarray, out: np.ndarray, prof: np.ndarray, tol: float = TOL_RES,
          method: str = "newton") -> int:
    """One scenario on ``n = prof.shape[1]`` cells, with the statuses of :func:`kernels.kiln.solve_cells`.

    ``tol`` is the largest scaled residual (the kernel's 1e-10 by default; 0 iterates
    to round-off, :meth:`Kiln.solve_newton`); ``method`` is ``"newton"`` (banded Newton, the
    baseline) or ``"hybr"`` (:func:`scipy.optimize.root`). Raises ``ValueError`` outside
    the reference's domain (:data:`OUTSIDE_DOMAIN`: a reacting feed or a solid fuel).
    """
    out[:] = np.nan
    prof[:, :] = np.nan
    p = np.asarray(p, dtype=np.float64)
    status = check_inputs(p)
    if status != OK:
        return status
    outside = [PARAM_NAMES[i] for i in OUTSIDE_DOMAIN if p[i] != 0.0]
    if outside:
        raise ValueError(f"the kiln reference covers an inert bed fired with fuel gas: {', '.join(outside)} must be 0")
    kiln = Kiln(p, prof.shape[1])
    if kiln.status != OK:
        return kiln.status
    try:
        X, iterations = kiln.solve_hybr(tol) if method == "hybr" else kiln.solve_newton(tol)
    except (NotConverged, np.linalg.LinAlgError):
        return NOT_CONVERGED
    kiln.report(X, iterations, out, prof)
    return OK


def solve_batch(P: np.ndarray, OUT: np.ndarray, PROF: np.ndarray, STATUS: np.ndarray) -> None:
    """Many scenarios, one after the other (same signature as the kernel's)."""
    for i in range(P.shape[0]):
        STATUS[i] = solve(P[i], OUT[i], PROF[i])
