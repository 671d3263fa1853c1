"""Reference rotary kiln as a two-point boundary-value problem for ``scipy.integrate.solve_bvp``.

The steady inert-bed, gas-fired kiln of :mod:`kernels.kiln` (the domain of
:mod:`benchmarks.reference.kiln`: sand or other inert oxides, fuel gas only) written in
continuous z instead of finite volumes, and solved the off-the-shelf SciPy way: collocation
with adaptive mesh refinement (:func:`scipy.integrate.solve_bvp`, Kierzenka & Shampine 2001).
It is the second, independent comparison of the kernel with SciPy: the kernel's
first-order upwind finite volumes converge to the solution of these equations as the
cells shrink (error proportional to the cell length), while ``solve_bvp`` is fourth-order
accurate on its own adaptive mesh.

Equations (z from the feed end, 0, to the burner end, L; the gas flows towards z = 0)::

    dT_gas/dz = (q_gas(z) + (h(n_b, T_gas) - h(n_u, T_gas)) / l_f [z > L - l_f]) / C_gas(z, T_gas)
    dT_bed/dz = q_bed(z) / C_bed(T_bed)

    T_bed(0) = T_feed,   H(n_gas(L), T_gas(L)) = H_burner

with, per unit length, q_gas the heat the gas gives up (radiation to the bed chord and the
exposed wall, convection to both) and q_bed the heat into the bed (radiation, convection,
covered-wall contact); C_gas = sum_k n_k cp_k(T_gas) and C_bed = sum_b m_b cp_b(T_bed) the
heat-capacity flows [W/K]. These are the kernel's cell balances
``H_g[i+1] - H_g[i] = Q_gas[i]`` and ``H_b[i] - H_b[i-1] = Q_bed[i]`` in the limit of small
cells: H_g = h(n_gas(z), T_gas) with the gas composition fixed by the flame,
n_gas(z) = n_u + beta(z) (n_b - n_u), beta = min((L - z) / l_f, 1) (burnt fraction growing
linearly over the flame length l_f from the burner; l_f = 0: burnt at the burner, the gas
enters at the adiabatic flame temperature). So the composition is an explicit function
of z, not an unknown, and the heat of combustion enters through the absolute enthalpies
(the term in l_f above; its right-hand side jumps at the flame tip, where the mesh
refines). The bed composition of an inert bed does not change, and the bed depth
(constant fill, or the Kramers-Croockewit equation, one-way coupled) is a function of z
computed once, as the kernel does.

The inner-wall and shell temperatures at every z are algebraic (no axial wall conduction
in the kernel): the kernel's wall and shell rows,

    q_gas - q_bed - q_shell = 0,     q_cond - q_shell = 0,

solved at every collocation point by a vectorised Newton iteration on (T_wall, T_shell)
inside the right-hand side (warm-started from the previous call, converged to 1e-9 K).
Every heat-transfer law is the NumPy one of :meth:`benchmarks.reference.kiln.Kiln.local`
(WSGG emissivity, radiosity network, Tscheng-Watkinson convection, covered-wall contact,
layered wall with k(T) refractory, shell convection and radiation), evaluated per point.

The unknowns are scaled, T / 1000 K against z / L, so the ``tol`` of ``solve_bvp`` (the
largest collocation residual relative to 1 + |f|) is a relative accuracy of the slopes.

References
----------
.. [1] J. Kierzenka, L. F. Shampine (2001), "A BVP solver based on residual control and
   the MATLAB PSE", ACM Trans. Math. Softw. 27, 299-316 (the algorithm of ``solve_bvp``).
"""

from __future__ import annotations

import copy
from typing import NamedTuple

import numpy as np
from scipy.integrate import solve_bvp, solve_ivp

from benchmarks.reference import kiln as ref
from benchmarks.reference.nasa import NotConverged, cp_mix, h_mix, temperature_from_h
from kernels import kiln as kk
from kernels.contract import INFEASIBLE, NOT_CONVERGED, OK

T_SCALE = 1000.0  # K, scale of the unknowns
TOL = 1e-3  # default tolerance of solve_bvp (see benchmarks/README.md: ~0.1 K on Barr T4)
MAX_NODES = 100_000
N_GUESS = 11  # nodes of the initial mesh
WALL_TOL = 1e-9  # K, Newton step of the wall / shell temperatures
WALL_MAX_ITER = 60
WALL_MAX_STEP = 250.0  # K, largest step of the wall / shell Newton
FD_STEP = 1e-3  # K, forward-difference step of the wall / shell Jacobian


class BVPSolution(NamedTuple):
    """A ``solve_bvp`` solution: status, the collocation result, and the kiln it solved."""

    status: int  # kernels.contract status
    result: object  # scipy's OptimizeResult (sol, x, y, niter, message)
    kiln: KilnBVP | None

    @property
    def n_nodes(self) -> int:
        return self.result.x.size

    def temperatures(self, z: np.ndarray) -> dict[str, np.ndarray]:
        """Gas, bed, inner-wall and shell temperatures [K] at positions z [m] from the feed end."""
        k = self.kiln
        z = np.asarray(z, dtype=np.float64)
        seg = np.clip(np.searchsorted(k.edges, z, side="right") - 1, 0, k.n_seg - 1)
        zeta = (z - k.edges[seg]) / np.diff(k.edges)[seg]
        y = self.result.sol(zeta) * T_SCALE
        t_g, t_b = y[2 * seg, np.arange(z.size)], y[2 * seg + 1, np.arange(z.size)]
        t_w, t_s, _ = k.wall_shell(z, t_g, t_b)
        return {"T_gas": t_g, "T_bed": t_b, "T_wall": t_w, "T_shell": t_s}


class KilnBVP:
    """One inert-bed, gas-fired scenario: constants, point-wise heat flows, ODE right-hand side, boundary conditions."""

    def __init__(self, p: np.ndarray):
        self.p = p
        base = ref.Kiln(p, 1)  # burner, feed and wall constants of the finite-volume reference
        self.status = base.status
        if self.status != OK:
            return
        self.base = base
        self.length = p[kk.I_LENGTH]
        self.flame = p[kk.I_FLAME_LENGTH]
        self.n_u, self.n_b = base.n_u, base.n_b
        self.m_bed = base.m_bed
        self.t_feed = p[kk.I_FEED_TEMP]
        self.t_adiabatic = base.t_adiabatic
        # segments of z: the right-hand side jumps at the flame tip, so the tip is a mesh
        # point (two segments mapped onto the same zeta in [0, 1], joined by continuity)
        tip = self.length - self.flame
        self.edges = np.array([0.0, tip, self.length]) if 0.0 < tip < self.length else np.array([0.0, self.length])
        self.n_seg = self.edges.size - 1
        if p[kk.I_BED_MODEL] < 0.5:
            theta = ref.fill_angle(p[kk.I_FILL_FRACTION])
            self.theta = lambda z: np.full(np.shape(z), theta)
        else:
            self.theta = self._kramers()
        try:
            self.t_gas_burner = temperature_from_h(self.gas_at(np.array([self.length]))[0], base.h_burner)
        except NotConverged:
            self.status = NOT_CONVERGED
        self._cache = []  # (z, T_wall, T_shell) of the last three right-hand sides: warm start

    def _kramers(self):
        """Central angle theta(z) from the Kramers-Croockewit bed-depth equation (dense ``solve_ivp`` output)."""
        p = self.p
        r = p[kk.I_INNER_RADIUS]
        rev_per_s = p[kk.I_ROTATION_SPEED] / (2.0 * np.pi)
        lead = 3.0 * np.tan(p[kk.I_REPOSE_ANGLE]) * (self.m_bed.sum() / p[kk.I_BULK_DENSITY]) / (
            4.0 * np.pi * rev_per_s * r**3)
        fall = np.tan(p[kk.I_SLOPE]) / np.cos(p[kk.I_REPOSE_ANGLE])

        def dw_dz(_z, w):  # w = h^2.5, z from the discharge end (as ref.kramers_theta)
            h = max(w[0], 0.0) ** 0.4
            return [2.5 * (lead * (r / max(2.0 - h / r, 1e-12)) ** 1.5 - h**1.5 * fall)]

        sol = solve_ivp(dw_dz, (0.0, self.length), [p[kk.I_DAM_HEIGHT] ** 2.5], method="DOP853",
                        dense_output=True, rtol=1e-12, atol=1e-14 * r**2.5)
        if not sol.success or np.max(sol.y[0]) >= r**2.5:
            self.status = INFEASIBLE
            return None
        return lambda z: 2.0 * np.arccos(1.0 - np.atleast_2d(sol.sol(self.length - z))[0] ** 0.4 / r)

    # ------------------------------------------------------------------ along the kiln
    def burnt_fraction(self, z: np.ndarray) -> np.ndarray:
        """Burnt fraction beta of the gas at z: 0 at the burner, 1 beyond the flame tip."""
        return np.minimum((self.length - z) / self.flame, 1.0) if self.flame > 0.0 else np.ones_like(z)

    def gas_at(self, z: np.ndarray) -> np.ndarray:
        """Gas flows [mol/s] (len(z), N_SPECIES) at z."""
        return self.n_u + self.burnt_fraction(z)[:, None] * (self.n_b - self.n_u)

    def at(self, z: np.ndarray) -> ref.Kiln:
        """The finite-volume reference's cell object with one 'cell' per point z and unit length.

        :meth:`benchmarks.reference.kiln.Kiln.local` then gives the heat flows per metre at
        the points: the geometry, gas composition and partial pressures are set per point.
        """
        k = copy.copy(self.base)
        k.dz = 1.0
        k.geo = ref.cross_section(self.p[kk.I_INNER_RADIUS], self.theta(z))
        k.n_gas = self.gas_at(z)
        n_tot = k.n_gas.sum(axis=1)
        k.m_gas = k.n_gas @ ref.th.MOLAR_MASS
        k.gas_per_mol = k.m_gas / n_tot
        pressure = self.p[kk.I_PRESSURE]
        k.p_co2 = np.maximum(k.n_gas[:, ref.th.CO2], 0.0) / n_tot * pressure
        k.p_h2o = np.maximum(k.n_gas[:, ref.th.H2O], 0.0) / n_tot * pressure
        return k

    def wall_shell(self, z, t_g, t_b, kiln: ref.Kiln | None = None):
        """Inner-wall and shell temperatures at z for gas and bed temperatures; (T_wall, T_shell, Local).

        Newton's method on the wall and shell rows, all points at once (2 x 2 systems by
        Cramer's rule). q_gas and q_bed depend on T_wall only and q_shell on T_shell only,
        so one evaluation with both perturbed gives their derivatives; the conduction
        through the wall (closed form) is differentiated separately.
        """
        k = kiln if kiln is not None else self.at(z)
        b = self.base
        p = self.p
        same = [c for c in self._cache if c[0].shape == z.shape and np.array_equal(c[0], z)]
        if same:  # the same points as a recent call (solve_bvp's Jacobian perturbs y, not z)
            _, t_w, t_s = same[-1]
        elif self._cache:
            z_c, w_c, s_c = self._cache[-1]
            t_w, t_s = np.interp(z, z_c, w_c), np.interp(z, z_c, s_c)
        else:
            t_amb = p[kk.I_AMBIENT_TEMP]
            t_w = 0.5 * (t_g + t_b)
            t_s = t_amb + 0.2 * (t_w - t_amb)

        def cond(tw, ts):
            return ref.wall_conduction(tw, ts, b.r_coat, b.r_refr0, p[kk.I_REFRACTORY_K1], b.r_steel)

        for _ in range(WALL_MAX_ITER):
            X = np.stack([t_g, t_b, t_w, t_s], axis=1)
            loc = k.local(X)
            X[:, 2] += FD_STEP
            X[:, 3] += FD_STEP
            loc_p = k.local(X)
            r1 = loc.q_gas - loc.q_bed - loc.q_shell
            r2 = loc.q_cond - loc.q_shell
            d_gb = (loc_p.q_gas - loc_p.q_bed - (loc.q_gas - loc.q_bed)) / FD_STEP  # d(q_gas - q_bed)/dT_wall
            d_sh = (loc_p.q_shell - loc.q_shell) / FD_STEP
            d_cw = (cond(t_w + FD_STEP, t_s) - loc.q_cond) / FD_STEP
            d_cs = (cond(t_w, t_s + FD_STEP) - loc.q_cond) / FD_STEP
            a11, a12, a21, a22 = d_gb, -d_sh, d_cw, d_cs - d_sh
            det = a11 * a22 - a12 * a21
            step_w = (-r1 * a22 + r2 * a12) / det
            step_s = (-r2 * a11 + r1 * a21) / det
            largest = np.max(np.abs(np.concatenate([step_w, step_s])))
            if not np.isfinite(largest):
                raise NotConverged("wall / shell Newton: singular or not finite")
            if largest < WALL_TOL:  # loc is that of (t_w, t_s) to within this step
                break
            lam = min(1.0, WALL_MAX_STEP / largest) if largest > 0.0 else 1.0
            t_w = np.clip(t_w + lam * step_w, ref.T_MIN, ref.T_MAX)
            t_s = np.clip(t_s + lam * step_s, ref.T_MIN, ref.T_MAX)
        else:
            raise NotConverged("wall / shell Newton: no convergence")
        self._cache = [*self._cache[-2:], (z, t_w, t_s)]
        return t_w, t_s, loc

    # ------------------------------------------------------------------------- BVP
    def rhs(self, zeta: np.ndarray, y: np.ndarray) -> np.ndarray:
        """d(T / 1000 K)/d(zeta) of gas and bed (rows 2 s and 2 s + 1 for segment s) at the points zeta.

        z = edges[s] + zeta (edges[s + 1] - edges[s]); all segments' points are evaluated
        in one vectorised call.
        """
        m = zeta.size
        widths = np.diff(self.edges)
        z = (self.edges[:-1, None] + widths[:, None] * zeta).ravel()
        t_g = np.clip(y[0::2].ravel() * T_SCALE, ref.T_MIN, ref.T_MAX)
        t_b = np.clip(y[1::2].ravel() * T_SCALE, ref.T_MIN, ref.T_MAX)
        k = self.at(z)
        _, _, loc = self.wall_shell(z, t_g, t_b, k)
        dh_gas = loc.q_gas  # W/m: dH_gas/dz
        if self.flame > 0.0:  # heat of combustion released over the flame: -dn/dz = (n_b - n_u) / l_f
            in_flame = np.repeat(self.edges[:-1] >= self.length - self.flame, m)
            release = (h_mix(self.n_b, t_g) - h_mix(self.n_u, t_g)) / self.flame
            dh_gas = dh_gas + np.where(in_flame, release, 0.0)
        dt_g = dh_gas / cp_mix(k.n_gas, t_g) * np.repeat(widths, m) / T_SCALE
        dt_b = loc.q_bed / (ref.bed_cp_mass(self.m_bed, t_b) * self.m_bed.sum()) * np.repeat(widths, m) / T_SCALE
        out = np.empty_like(y)
        out[0::2], out[1::2] = dt_g.reshape(self.n_seg, m), dt_b.reshape(self.n_seg, m)
        return out

    def bc(self, y_start: np.ndarray, y_end: np.ndarray) -> np.ndarray:
        """Bed at the feed temperature at z = 0, gas at the burner temperature at z = L, continuity between segments."""
        joints = (y_end[:-2] - y_start[2:]).tolist()
        return np.array([y_start[1] - self.t_feed / T_SCALE, y_end[-2] - self.t_gas_burner / T_SCALE, *joints])

    def initial_guess(self, n: int = N_GUESS) -> tuple[np.ndarray, np.ndarray]:
        """Mesh and linear profiles between feed and flame temperatures (those of the kernel's first guess)."""
        zeta = np.linspace(0.0, 1.0, n)
        s = ((self.edges[:-1, None] + np.diff(self.edges)[:, None] * zeta) / self.length)  # (n_seg, n)
        t_ad = max(self.t_adiabatic, self.t_feed + 50.0)
        y = np.empty((2 * self.n_seg, n))
        y[0::2] = self.t_feed + (t_ad - self.t_feed) * (0.6 + 0.35 * s)
        y[1::2] = self.t_feed + (t_ad - self.t_feed) * 0.8 * s
        return zeta, y / T_SCALE


def solve(p: np.ndarray, tol: float = TOL, max_nodes: int = MAX_NODES, bc_tol: float | None = None) -> BVPSolution:
    """Steady profiles of one scenario by ``solve_bvp`` with tolerance ``tol`` (status OK or the failure).

    Statuses of :func:`kernels.kiln.solve_cells` (inputs checked as the finite-volume
    reference does); raises ``ValueError`` outside the domain (reacting feed, solid fuel).
    ``bc_tol`` defaults to ``tol`` (scaled temperatures: 1e-3 is 1 K).
    """
    p = np.asarray(p, dtype=np.float64)
    status = ref.check_inputs(p)
    if status != OK:
        return BVPSolution(status, None, None)
    outside = [ref.PARAM_NAMES[i] for i in ref.OUTSIDE_DOMAIN if p[i] != 0.0]
    if outside:
        raise ValueError(f"the kiln reference covers an inert bed fired with fuel gas: {', '.join(outside)} must be 0")
    kiln = KilnBVP(p)
    if kiln.status != OK:
        return BVPSolution(kiln.status, None, None)
    s, y0 = kiln.initial_guess()
    try:
        result = solve_bvp(kiln.rhs, kiln.bc, s, y0, tol=tol, max_nodes=max_nodes,
                           bc_tol=tol if bc_tol is None else bc_tol)
    except NotConverged:
        return BVPSolution(NOT_CONVERGED, None, kiln)
    return BVPSolution(OK if result.success else NOT_CONVERGED, result, kiln)
