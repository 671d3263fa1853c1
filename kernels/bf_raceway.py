"""Raceway adiabatic flame temperature (RAFT) of the blast furnace.

The raceway in front of a tuyere burns coke carbon with the hot blast; with the carbon
in excess, the products at the flame temperature are CO, H2 and N2 (and Ar): every
oxygen atom of blast and injectants takes one carbon atom, every hydrogen atom ends as
H2. The RAFT is the temperature of these products from the enthalpy balance

.. math::

    n_C h_{C}(T_{coke}) + H_{blast}(T_{blast}) + H_{inj} = \\sum_k n_k h_k(RAFT)
                                                         + H_{ash}(RAFT),

with absolute enthalpies (NASA convention, :mod:`kernels.thermo` and
:mod:`kernels.iron_phases`) so that the heats of C -> CO, of H2O + C -> CO + H2 and the
decomposition heat of coal and natural gas need no separate terms. Conventions (stated
in the output table): coke carbon arrives at the raceway at ``T_coke`` (1500 °C by
default), its ash is not counted; pulverised coal enters at its injection temperature
with the absolute enthalpy defined by its LHV (:mod:`kernels.solidfuel`), i.e. its
decomposition heat is the one implied by its heating value, and its ash is heated to the
RAFT as solid oxides; natural gas is methane; no dissociation (CO, H2 and N2 are stable
at 2000-2600 K; Ar and N2 are inert).

Geerdes, Toxopeus & van der Vliet (2015) [1]_ give the rules of thumb this reproduces
(2319 °C for coke at 1500 °C with 1200 °C air of 10 g/Nm³ moisture; +100 K blast ->
about +80 K, +1 % O2 -> about +45 K, +10 g/Nm³ moisture -> about -55 K; tests).

References
----------
.. [1] M. Geerdes, H. Toxopeus, C. van der Vliet (2015), "Modern Blast Furnace
   Ironmaking: an introduction", 3rd ed., IOS Press, Amsterdam, ch. 7 (the raceway).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import iron_phases as ip
from kernels import thermo as th
from kernels.numerics import ROOT_STATE_SIZE, root_best, root_propose, root_start, root_update

_T_LO = 1000.0
_T_HI = 4000.0
_TOL = 1e-10


@njit(cache=True)
def _cond_h(n_cond: np.ndarray, T: float) -> float:
    return ip.h_phase_mix(n_cond, T)


@njit(cache=True)
def flame_temperature(n_gas: np.ndarray, n_cond: np.ndarray, H_in: float) -> float:
    """Temperature [K] at which gas ``n_gas`` plus condensed ``n_cond`` hold enthalpy ``H_in`` [J].

    ``n_gas``: mol per species of :mod:`kernels.thermo`; ``n_cond``: mol per phase of
    :mod:`kernels.iron_phases` (ash, slag). Bracketed root in [1000, 4000] K
    (Anderson–Björck, :mod:`kernels.numerics`); NaN outside.
    """
    s = np.empty(ROOT_STATE_SIZE)
    fa = th.h_mix(n_gas, _T_LO) + _cond_h(n_cond, _T_LO) - H_in
    fb = th.h_mix(n_gas, _T_HI) + _cond_h(n_cond, _T_HI) - H_in
    if not root_start(s, _T_LO, fa, _T_HI, fb):
        return np.nan
    scale = abs(H_in) + th.cp_mix(n_gas, 2000.0) * 2000.0
    for _ in range(100):
        T = root_propose(s)
        f = th.h_mix(n_gas, T) + _cond_h(n_cond, T) - H_in
        if root_update(s, T, f, _TOL * T, _TOL * scale):
            return root_best(s)
    return np.nan


@njit(cache=True)
def raceway_gas(o_atoms: float, h2: float, n2: float, ar: float, n_gas: np.ndarray) -> float:
    """Raceway gas into ``n_gas`` (mol): CO = oxygen atoms, H2, N2, Ar; returns the CO (= C burnt)."""
    n_gas[:] = 0.0
    n_gas[th.CO] = o_atoms
    n_gas[th.H2] = h2
    n_gas[th.N2] = n2
    n_gas[th.AR] = ar
    return o_atoms


@njit(cache=True)
def raft(n_blast: np.ndarray, T_blast: float, H_inj: float, inj_c: float, inj_o: float,
         inj_h2: float, inj_n2: float, n_ash: np.ndarray, T_coke: float,
         n_gas: np.ndarray) -> tuple[float, float]:
    """Raceway adiabatic flame temperature [K] and coke carbon burnt at the tuyeres [mol].

    Parameters
    ----------
    n_blast : ndarray (N_SPECIES,)
        Blast (air, oxygen, moisture), mol; at ``T_blast`` [K].
    H_inj : float
        Absolute enthalpy of the injectants (coal, gas) as injected, J.
    inj_c, inj_o, inj_h2, inj_n2 : float
        Carbon, oxygen atoms, H2 and N2 of the injectants (moisture included), mol.
    n_ash : ndarray (N_PHASES,)
        Injectant ash (and S) as condensed phases, mol, heated to the RAFT.
    T_coke : float
        Temperature of the coke carbon arriving at the raceway, K.
    n_gas : ndarray (N_SPECIES,)
        Filled with the raceway gas, mol.

    Returns
    -------
    (RAFT [K], coke carbon burnt [mol]); the carbon is negative (and RAFT NaN) when the
    injectants bring more carbon than the oxygen can gasify.
    """
    el = th.ELEMENTS
    o = inj_o
    h2 = inj_h2
    c_in = inj_c
    for k in range(th.N_SPECIES):
        if n_blast[k] != 0.0:
            o += n_blast[k] * el[k, th.EL_O]
            h2 += 0.5 * n_blast[k] * el[k, th.EL_H]
            c_in += n_blast[k] * el[k, th.EL_C]
    n_co = raceway_gas(o, h2, inj_n2 + n_blast[th.N2], n_blast[th.AR], n_gas)
    c_coke = n_co - c_in
    if c_coke < 0.0:
        return np.nan, c_coke
    H_in = th.h_mix(n_blast, T_blast) + H_inj + c_coke * ip.h_phase(ip.GRAPHITE_INDEX[0], T_coke)
    return flame_temperature(n_gas, n_ash, H_in), c_coke
