"""Rotary kiln: Newton's method on all cells at once, with continuation in the reaction rates.

The residuals of :mod:`kernels.kiln_cell` couple every cell to its two neighbours only
(bed from the feed side, gas from the burner side), so the Jacobian is block tridiagonal.
Its cell blocks come from the derivatives of the cell-local quantities
(:func:`cell_jacobian`): the heat exchange between gas, bed and wall and the wall
conduction analytically, the gas, bed and reaction terms (thermochemistry, emissivity,
convection coefficients, kinetics) by forward differences that recompute only the stages
of :func:`kernels.kiln_cell.local_stages` the perturbed unknown enters. The couplings
between cells are assembled exactly from them (:func:`assemble` mirrors
:func:`kernels.kiln_cell.residual`). The system is factored by
:func:`kernels.kiln_linalg.block_tridiagonal_factor` and the step damped by a
backtracking line search on the scaled residual norm (Dennis & Schnabel 1983, "Numerical
Methods for Unconstrained Optimization and Nonlinear Equations", sec. 6.3); a step that
14 trials cannot make decrease the residual ends the iteration as not converged. Steady
solves reuse the factored Jacobian (chord steps, Shamanskii's method; Kelley 2003,
"Solving Nonlinear Equations with Newton's Method", SIAM, sec. 2.4) while full steps cut
the residual by more than ``_CHORD_RATIO``; a chord step that does not decrease it
renews the Jacobian.

Only the active unknowns enter the linear system: bed species that are absent everywhere
and cannot be formed from the species present stay exactly zero (their rows decouple with
a zero residual), as do the released CO2 and H2O without CaCO3 and moisture in the bed,
and without moisture, CaCO3 or CaO no reaction can run, so the reaction stage is skipped.
A sand bed has 5 active unknowns of the 18, a clinker bed 16.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import thermo as th
from kernels.kiln_cell import (
    G_A_CALC,
    G_A_CLK0,
    G_C_WALL,
    G_CLK_FACTOR,
    G_D_OUT,
    G_DZ,
    G_EPS_SH,
    G_K1,
    G_K_DRY,
    G_M_FEED0,
    G_M_REF,
    G_N_REF,
    G_P,
    G_Q_REF,
    G_R_COAT,
    G_R_REFR0,
    G_R_STEEL,
    G_RATE_FACTOR,
    G_T_AMB,
    G_WIND,
    L_EB,
    L_GCO2,
    L_GH2O,
    L_HB,
    L_HG,
    L_HOLD0,
    L_HREL,
    L_QB,
    L_QCOND,
    L_QEXT,
    L_QG,
    L_SRC0,
    N_EX,
    N_EX_T,
    N_LOC,
    N_VAR,
    N_W,
    S_ALL,
    S_BED,
    S_GAS,
    S_REACT,
    V_G_CO2,
    V_G_H2O,
    V_M0,
    V_T_BED,
    V_T_GAS,
    V_T_SHELL,
    V_T_WALL,
    eval_cells,
    exchange_partials,
    local_stages,
    residual,
    stages_of,
)
from kernels.kiln_heat import shell_loss, wall_conduction_derivatives
from kernels.kiln_linalg import block_tridiagonal_factor, block_tridiagonal_substitute
from kernels.kiln_solids import B_CACO3, B_CAO, B_H2O, N_BED, N_CLINKER, N_REACTIONS, NU

# Newton iteration limits: a solve from a good start or a time step; the first attempt from
# the initial guess; one continuation step; one pseudo-time step. Kept in an array (as the
# factor indices below) because a jitted call with a literal int argument compiles one
# specialisation per value.
NEWTON_LIMITS = np.array([80, 30, 25, 10], dtype=np.int64)
T_MIN = 200.0
T_MAX = 5000.0
_TOL_RES = 1.0e-10  # scaled residual (energy per cell over heat scale / n)
_TOL_STEP = 1.0e-11  # scaled Newton step
# after a chord step (linear convergence) the residual must be as small as the last of
# the quadratically converging Newton steps makes it, so the balances close to 1e-12
_TOL_RES_CHORD = 1.0e-12
_MAX_DT_STEP = 250.0  # K, largest temperature change of one Newton step
_FD_REL = 1.0e-7
_CHORD_RATIO = 0.3  # residual reduction of a full step that lets the next step reuse the Jacobian
_LINE_SEARCH_STEPS = 14  # trial steps: the full (or temperature-limited) step, then 13 halvings
_FACTORS = np.array([G_RATE_FACTOR, G_CLK_FACTOR], dtype=np.int64)  # rate factors, as array data


@njit(cache=True)
def scales(g, n, xs, rs) -> None:
    """Variable scales xs and residual scales rs (per variable / row kind)."""
    q = g[G_Q_REF] / n
    for v in range(4):
        xs[v] = 1000.0
        rs[v] = q
    for k in range(N_BED):
        xs[V_M0 + k] = g[G_M_REF]
        rs[V_M0 + k] = g[G_M_REF] / n
    xs[V_G_CO2] = g[G_N_REF]
    xs[V_G_H2O] = g[G_N_REF]
    rs[V_G_CO2] = g[G_N_REF] / n
    rs[V_G_H2O] = g[G_N_REF] / n


@njit(cache=True)
def active_variables(g, x, ext, active) -> None:
    """Mark the unknowns that enter the Newton system (module notes).

    Temperatures always; a bed species if it is fed, deposited as ash, present anywhere
    in x, or formed by a reaction whose bed reactants are all active (closure over the
    reaction network); the released CO2 (H2O) if CaCO3 (moisture) is active or it is
    non-zero anywhere in x.
    """
    n = x.shape[0]
    for v in range(N_VAR):
        active[v] = v < V_M0
    present = np.zeros(N_BED, dtype=np.bool_)
    for k in range(N_BED):
        present[k] = g[G_M_FEED0 + k] != 0.0
        for i in range(n):
            if x[i, V_M0 + k] != 0.0 or ext[i, k] != 0.0:
                present[k] = True
    for _ in range(N_REACTIONS):
        for r in range(N_REACTIONS):
            ok = True
            for k in range(N_BED):
                if NU[r, k] < 0.0 and not present[k]:
                    ok = False
            if ok:
                for k in range(N_BED):
                    if NU[r, k] > 0.0:
                        present[k] = True
    for k in range(N_BED):
        active[V_M0 + k] = present[k]
    active[V_G_CO2] = present[B_CACO3]
    active[V_G_H2O] = present[B_H2O]
    for i in range(n):
        active[V_G_CO2] = active[V_G_CO2] or x[i, V_G_CO2] != 0.0
        active[V_G_H2O] = active[V_G_H2O] or x[i, V_G_H2O] != 0.0


@njit(cache=True)
def merit(res, rs_inv, act) -> float:
    """Sum of squared scaled residuals of the active unknowns act (the others are zero).

    rs_inv: the inverse residual scales.
    """
    f = 0.0
    for i in range(res.shape[0]):
        for v in act:
            r = res[i, v] * rs_inv[v]
            f += r * r
    return f


@njit(cache=True)
def max_scaled(res, rs_inv, act) -> float:
    """Largest scaled residual of the active unknowns act (the others are zero)."""
    r = 0.0
    for i in range(res.shape[0]):
        for v in act:
            r = max(r, abs(res[i, v]) * rs_inv[v])
    return r


@njit(cache=True)
def steady_newton(g, geo, beta, n_u, n_b, ext, x):
    """Steady Newton solve from x; on failure continuation in the reaction rates and pseudo-time.

    The bed reactions make the equations stiff: their rates grow exponentially with the
    bed temperature of the initial guess. On failure the solution is first found without
    reactions; the drying and calcination rates are then raised (``G_RATE_FACTOR``) from
    1e-8 of their value to the full value in steps of one to two decades (halved on
    failure). The clinker rates (``G_CLK_FACTOR``) cannot be raised that way: the
    exothermic clinker reactions (belite: -126 kJ/mol, E = 240 kJ/mol) ignite, so the
    branch followed from zero rates ends in a turning point before the full rates are
    reached, where the bed jumps to a hotter steady state. They are raised in pseudo-time
    instead (:func:`pseudo_transient`), as are the drying and calcination rates when their
    continuation stalls. Returns (status, total Newton iterations); status codes of
    :mod:`kernels.contract` (0 = OK, 1 = not converged).
    """
    x0 = x.copy()
    status, total = newton(g, geo, beta, n_u, n_b, ext, x, x, 0.0, NEWTON_LIMITS[1])
    if status == 0:
        return 0, total
    x[:, :] = x0
    gc = g.copy()
    gc[G_RATE_FACTOR] = 0.0
    gc[G_CLK_FACTOR] = 0.0
    status, it = newton(gc, geo, beta, n_u, n_b, ext, x, x, 0.0, NEWTON_LIMITS[0])
    total += it
    if status != 0:
        x[:, :] = x0
        return pseudo_transient(g, gc, geo, beta, n_u, n_b, ext, x, total)
    if g[G_A_CALC] > 0.0 or g[G_K_DRY] > 0.0:
        ok, it = raise_factor(gc, _FACTORS[0], g[G_RATE_FACTOR], geo, beta, n_u, n_b, ext, x)
        total += it
        if not ok:
            return pseudo_transient(g, gc, geo, beta, n_u, n_b, ext, x, total)
    else:
        gc[G_RATE_FACTOR] = g[G_RATE_FACTOR]
    any_clinker = False
    for j in range(N_CLINKER):
        any_clinker = any_clinker or g[G_A_CLK0 + j] > 0.0
    if any_clinker:
        return pseudo_transient(g, gc, geo, beta, n_u, n_b, ext, x, total)
    return 0, total


@njit(cache=True)
def raise_factor(gc, fi, target, geo, beta, n_u, n_b, ext, x):
    """Raise gc[fi] from 1e-8 target to target in decades, Newton at each; (reached, iterations).

    x starts at the solution for gc[fi] = 0 and ends at the last converged state, gc[fi]
    at the last converged factor (steps of one decade, doubled after easy steps up to
    four, halved on failure down to a tenth).
    """
    total = 0
    log_done = -8.0  # log10 of the factor reached relative to the target
    log_step = 1.0
    x_good = x.copy()
    first = True
    for _ in range(80):
        log_try = 0.0 if log_done + log_step > 0.0 else log_done + log_step
        if first:
            log_try = log_done
        gc[fi] = target * 10.0**log_try
        status, it = newton(gc, geo, beta, n_u, n_b, ext, x, x, 0.0, NEWTON_LIMITS[2])
        total += it
        if status == 0:
            first = False
            x_good[:, :] = x
            log_done = log_try
            if log_done >= 0.0:
                return True, total
            if it <= 8:
                log_step = min(2.0 * log_step, 4.0)
        else:
            x[:, :] = x_good
            log_step *= 0.5
            if log_step < 0.1:
                break
    gc[fi] = target * 10.0**log_done if not first else 0.0
    return False, total


@njit(cache=True)
def pseudo_transient(g, gc, geo, beta, n_u, n_b, ext, x, total):
    """March x in pseudo-time while the rate factors of gc rise to those of g; then solve steadily.

    Implicit Euler steps with the bed hold-up as storage (the wall quasi-steady), starting at
    1 s; after a step converged in at most 4 Newton iterations the next is twice as long,
    after at most 8 iterations 1.3 times, and a failed step (10 iterations) is repeated
    with half the length (pseudo-transient continuation, Kelley & Keyes 1998,
    "Convergence analysis of pseudo-transient continuation", SIAM J. Numer. Anal. 35,
    508-523). Each converged step raises the rate factors of gc tenfold, from at least
    1e-6 of their full values, so the exothermic reactions are not switched on at once
    in a hot bed (which no time step survives). Ends when a step of 1e9 s converges at
    the full rates, or when a failed long step (> 100 s) at full rates is followed by a
    converged steady solve. Returns (status, total iterations).
    """
    gp = gc.copy()
    gp[G_C_WALL] = 0.0  # quasi-steady wall: its lumped storage drives the shell far below ambient in fast steps
    x_old = x.copy()
    dt = 1.0
    full = False
    for _ in range(500):
        status, it = newton(gp, geo, beta, n_u, n_b, ext, x, x_old, 1.0 / dt, NEWTON_LIMITS[3])
        total += it
        if status == 0:
            x_old[:, :] = x
            if full and dt > 1.0e9:
                break
            if it <= 4:
                dt *= 2.0
            elif it <= 8:
                dt *= 1.3
            full = True
            for fi in _FACTORS:
                gp[fi] = min(g[fi], max(10.0 * gp[fi], 1e-6 * g[fi]))
                full = full and gp[fi] >= g[fi]
        else:
            x[:, :] = x_old
            if full and dt > 100.0:  # near steady at full rates: try the steady equations
                status, it = newton(g, geo, beta, n_u, n_b, ext, x, x, 0.0, NEWTON_LIMITS[1])
                total += it
                if status == 0:
                    return 0, total
                x[:, :] = x_old
            dt *= 0.5
            if dt < 1e-2:
                return 1, total
    status, it = newton(g, geo, beta, n_u, n_b, ext, x, x, 0.0, NEWTON_LIMITS[0])
    return status, total + it


@njit(cache=True)
def cell_jacobian(g, geo, beta, n_u, n_b, x, loc, w, xs, act, reacting, n_g, m, rates, xp, lp, wp, d_rad, ex,
                  dl) -> None:
    """Derivatives dl (N_LOC, len(act)) of the cell-local quantities loc over the unknowns act of one cell.

    The heat exchange (L_QG, L_QB) and the wall conduction are differentiated
    analytically (:func:`kernels.kiln_cell.exchange_partials`,
    :func:`kernels.kiln_heat.wall_conduction_derivatives`); the shell loss over T_shell
    and the gas, bed and reaction stages of :func:`kernels.kiln_cell.local_stages` by
    forward differences, each column recomputing only the stages its unknown enters (the
    other quantities keep their values in loc: zero difference), chained into the
    exchange through the intermediates w. Without reactive species (``reacting`` False)
    the reaction stage is left out (its results are zero). loc and w are those of the
    unperturbed x; xp, lp, wp, d_rad (2, 4) and ex (2, N_EX) are scratch.
    """
    dz = g[G_DZ]
    exchange_partials(g, geo, x, w, d_rad, ex)
    _q, dq_din, dq_dout = wall_conduction_derivatives(x[V_T_WALL], x[V_T_SHELL], g[G_R_COAT], g[G_R_REFR0],
                                                      g[G_K1], g[G_R_STEEL])
    fd_stages = S_GAS | S_BED | S_REACT if reacting else S_GAS | S_BED
    for v in range(N_VAR):
        xp[v] = x[v]
    for j in range(act.size):
        v = act[j]
        for q in range(N_LOC):
            dl[q, j] = 0.0
        h = _FD_REL * max(abs(x[v]), xs[v])
        if v == V_T_WALL:
            dl[L_QG, j] = ex[0, 2]
            dl[L_QB, j] = ex[1, 2]
            dl[L_QCOND, j] = dq_din * dz
            continue
        if v == V_T_SHELL:
            dl[L_QCOND, j] = dq_dout * dz
            q_ext = shell_loss(x[v] + h, g[G_T_AMB], g[G_D_OUT], g[G_EPS_SH], g[G_WIND], g[G_P]) * dz
            dl[L_QEXT, j] = (q_ext - loc[L_QEXT]) / h
            continue
        xp[v] = x[v] + h
        for q in range(N_LOC):
            lp[q] = loc[q]
        for q in range(N_W):
            wp[q] = w[q]
        local_stages(g, geo, beta, n_u, n_b, xp, n_g, m, rates, wp, lp, stages_of(v) & fd_stages)
        for q in range(N_LOC):
            dl[q, j] = (lp[q] - loc[q]) / h
        # the exchange by the chain rule: its direct temperature dependence and the intermediates
        dqg = 0.0
        dqb = 0.0
        if v == V_T_GAS:
            dqg = ex[0, 0]
            dqb = ex[1, 0]
        elif v == V_T_BED:
            dqg = ex[0, 1]
            dqb = ex[1, 1]
        for q in range(N_W):
            dw = (wp[q] - w[q]) / h
            dqg += ex[0, N_EX_T + q] * dw
            dqb += ex[1, N_EX_T + q] * dw
        dl[L_QG, j] = dqg
        dl[L_QB, j] = dqb
        xp[v] = x[v]


@njit(cache=True)
def assemble(g, dl, act, pos, xs, rs, dt_inv, diag) -> None:
    """Scaled diagonal Jacobian block diag (len(act), len(act)) of one cell from its local derivatives dl.

    Mirrors :func:`kernels.kiln_cell.residual` row by row; the neighbour couplings are
    added by :func:`newton`. pos[v] is the place of unknown v in act (-1 if inactive).
    """
    na = act.size
    c_wall = g[G_C_WALL] * g[G_DZ]
    for r in range(na):
        v_r = act[r]
        for c in range(na):
            if v_r == V_T_GAS:
                val = -dl[L_HG, c] + dl[L_HREL, c] - dl[L_QG, c]
            elif v_r == V_T_BED:
                val = -dl[L_HB, c] - dl[L_HREL, c] + dl[L_QB, c] - dt_inv * dl[L_EB, c]
            elif v_r == V_T_WALL:
                val = dl[L_QG, c] - dl[L_QB, c] - dl[L_QEXT, c]
            elif v_r == V_T_SHELL:
                val = dl[L_QCOND, c] - 0.5 * (dl[L_QG, c] - dl[L_QB, c] + dl[L_QEXT, c])
            elif v_r == V_G_CO2:
                val = dl[L_GCO2, c]
            elif v_r == V_G_H2O:
                val = dl[L_GH2O, c]
            else:
                k = v_r - V_M0
                val = dl[L_SRC0 + k, c] - dt_inv * dl[L_HOLD0 + k, c]
            diag[r, c] = val
    diag[pos[V_T_WALL], pos[V_T_WALL]] -= 0.5 * dt_inv * c_wall
    diag[pos[V_T_WALL], pos[V_T_SHELL]] -= 0.5 * dt_inv * c_wall
    for r in range(4, na):  # bed flows and released gases leave the cell: -x
        diag[r, r] -= 1.0
    for r in range(na):
        for c in range(na):
            diag[r, c] *= xs[act[c]] / rs[act[r]]


@njit(cache=True)
def newton(g, geo, beta, n_u, n_b, ext, x, x_old, dt_inv, max_iter):
    """Newton iteration with block-tridiagonal Jacobian and backtracking; returns (status, iterations).

    Steady state for dt_inv = 0; implicit Euler from x_old otherwise. x is the initial
    guess and the result. Only the active unknowns (:func:`active_variables`) enter the
    linear system; the others keep their (zero) values. Steady solves take chord steps
    with the last factored Jacobian while full steps cut the largest residual by more
    than ``_CHORD_RATIO`` (module notes); iterations counts Newton and chord steps. A
    step that 14 trials of the line search cannot make decrease the residual ends the
    iteration: converged if x meets the tolerance already (round-off floor), else not.
    Status 0 = converged, 1 = not converged (x then holds the last accepted iterate),
    4 = x_old not finite.
    """
    n = x.shape[0]
    nv = N_VAR
    xs = np.empty(nv)
    rs = np.empty(nv)
    active = np.empty(nv, dtype=np.bool_)
    scales(g, n, xs, rs)
    rs_inv = 1.0 / rs
    active_variables(g, x, ext, active)
    na = 0
    for v in range(nv):
        if active[v]:
            na += 1
    act = np.empty(na, dtype=np.int64)
    pos = np.full(nv, -1, dtype=np.int64)
    na = 0
    for v in range(nv):
        if active[v]:
            act[na] = v
            pos[v] = na
            na += 1
    loc = np.zeros((n, N_LOC))
    loc_old = np.zeros((n, N_LOC))
    w = np.empty((n, N_W))
    res = np.empty((n, nv))
    lower = np.zeros((n, na, na))
    diag = np.zeros((n, na, na))
    upper = np.zeros((n, na, na))
    gain = np.empty((n, na, na))
    piv = np.empty((n, na), dtype=np.int64)
    coupled = np.empty((n, na), dtype=np.bool_)
    dhb = np.empty((n, na))
    dhg = np.empty((n, na))
    dl = np.empty((N_LOC, na))
    dxa = np.empty((n, na))
    dx = np.zeros((n, nv))
    x_try = x.copy()
    loc_try = np.zeros((n, N_LOC))
    w_try = np.empty((n, N_W))
    res_try = np.empty((n, nv))
    n_g = np.empty(th.N_SPECIES)
    m = np.empty(N_BED)
    rates = np.empty(N_CLINKER)
    xp = np.empty(nv)
    lp = np.empty(N_LOC)
    wp = np.empty(N_W)
    d_rad = np.empty((2, 4))
    ex = np.empty((2, N_EX))
    # every reaction needs moisture, CaCO3 or CaO: without them the reaction entries of loc
    # stay zero (np.zeros above) and the reaction stage is skipped
    reacting = active[V_M0 + B_H2O] or active[V_M0 + B_CACO3] or active[V_M0 + B_CAO]
    stages = S_ALL if reacting else S_ALL & ~S_REACT
    if dt_inv > 0.0:
        if not eval_cells(g, geo, beta, n_u, n_b, x_old, n_g, m, rates, w_try, loc_old, stages):
            return 4, 0
    if not eval_cells(g, geo, beta, n_u, n_b, x, n_g, m, rates, w, loc, stages):
        return 1, 0
    residual(g, x, x_old, dt_inv, ext, loc, loc_old, res)
    f = merit(res, rs_inv, act)
    # the couplings between cells that do not change: bed flows from the previous cell,
    # released gases from the next
    for i in range(n):
        for r in range(4, na):
            v = act[r]
            if v < V_G_CO2 and i > 0:
                lower[i, r, r] = xs[v] / rs[v]
            if v >= V_G_CO2 and i < n - 1:
                upper[i, r, r] = xs[v] / rs[v]
    status = 1
    swaps = 0
    it = 0
    chord = False  # next step with the factors of an earlier Jacobian
    res_max = max_scaled(res, rs_inv, act)
    while it < max_iter:
        it += 1
        if not chord:
            # cell-local derivatives, the cell's diagonal block and the derivatives its neighbours need
            for i in range(n):
                cell_jacobian(g, geo[i], beta[i], n_u, n_b, x[i], loc[i], w[i], xs, act, reacting, n_g, m, rates,
                              xp, lp, wp, d_rad, ex, dl)
                assemble(g, dl, act, pos, xs, rs, dt_inv, diag[i])
                for c in range(na):
                    dhb[i, c] = dl[L_HB, c]
                    dhg[i, c] = dl[L_HG, c]
            # bed enthalpy from the previous cell into the bed energy row, gas enthalpy from the next
            r_bed = pos[V_T_BED]
            r_gas = pos[V_T_GAS]
            for i in range(n):
                for c in range(na):
                    scale_c = xs[act[c]]
                    if i > 0:
                        lower[i, r_bed, c] = dhb[i - 1, c] * scale_c / rs[V_T_BED]
                    if i < n - 1:
                        upper[i, r_gas, c] = dhg[i + 1, c] * scale_c / rs[V_T_GAS]
            if not block_tridiagonal_factor(lower, diag, upper, gain, piv, coupled):
                break
        for i in range(n):
            for r in range(na):
                dxa[i, r] = -res[i, act[r]] / rs[act[r]]
        block_tridiagonal_substitute(lower, diag, gain, piv, coupled, dxa)
        step_max = 0.0
        dt_max = 0.0
        for i in range(n):
            for r in range(na):
                v = act[r]
                step_max = max(step_max, abs(dxa[i, r]))
                dx[i, v] = dxa[i, r] * xs[v]
            for v in range(4):
                dt_max = max(dt_max, abs(dx[i, v]))
        if not np.isfinite(step_max):
            if chord:
                chord = False
                continue
            break
        lam = 1.0
        if dt_max > _MAX_DT_STEP:
            lam = _MAX_DT_STEP / dt_max
        accepted = False
        f_try = np.inf
        # a chord step gets the full step only: if it fails, the Jacobian is renewed
        for _ls in range(1 if chord else _LINE_SEARCH_STEPS):
            for i in range(n):  # the inactive unknowns are the same in x and x_try
                for v in act:
                    val = x[i, v] + lam * dx[i, v]
                    if v < 4:
                        val = min(max(val, T_MIN), T_MAX)
                    else:
                        val = max(val, 0.0)
                    x_try[i, v] = val
            if eval_cells(g, geo, beta, n_u, n_b, x_try, n_g, m, rates, w_try, loc_try, stages):
                residual(g, x_try, x_old, dt_inv, ext, loc_try, loc_old, res_try)
                f_try = merit(res_try, rs_inv, act)
                if f_try <= (1.0 - 1e-4 * lam) * f or f_try < 1e-30:
                    accepted = True
                    break
            lam *= 0.5
        if not accepted:
            if chord:
                chord = False
                continue
            if res_max < _TOL_RES:  # no decrease below round-off, but x meets the tolerance already
                status = 0
            break
        swaps += 1
        x, x_try = x_try, x
        loc, loc_try = loc_try, loc
        w, w_try = w_try, w
        res, res_try = res_try, res
        f = f_try
        res_max_prev = res_max
        res_max = max_scaled(res, rs_inv, act)
        converged = (res_max < (_TOL_RES_CHORD if chord else _TOL_RES)
                     or (lam * step_max < _TOL_STEP and res_max < 1e-6))
        # a time step: the storage terms scale the residual by dt_inv, so a full Newton step
        # below 1e-8 of the variable scales (1e-5 K) is convergence as well
        converged = converged or (dt_inv > 0.0 and lam == 1.0 and step_max < 1e-8)
        if converged:
            status = 0
            break
        # steady solves keep the factors while full steps shrink the residual fast (Shamanskii's
        # method); time steps (the pseudo-transient continuation) renew them at every step
        chord = dt_inv == 0.0 and lam == 1.0 and res_max < _CHORD_RATIO * res_max_prev
    if swaps % 2 == 1:  # the accepted iterate lives in the scratch array: copy it to the caller's
        x_try[:, :] = x
    return status, it
