"""Rist operating line of the blast furnace and the wüstite–iron equilibrium pinch.

Rist diagram [1]_ [2]_: per mole of iron, the abscissa is the oxidation state of the gas,
``x = O/C`` from 0 (carbon) through 1 (CO, bottom of the shaft) to ``1 + eta`` (top gas);
the ordinate ``y`` counts the oxygen the gas has picked up, from ``-(y_b + y_f)``
(oxygen of blast and injectants, and of the Si, Mn, P, S oxides reduced) through 0 to
``y_d`` (direct reduction of wüstite by carbon) and up to ``y_top`` (O/Fe of the
burden, 1.5 for hematite). Its slope is the reductant per iron atom.

Hydrogen (from blast moisture and injectants) is carried as in the combined CO/H2 form
of the diagram: below ``x = 1`` only carbon counts (H2O formed by hydrogen in the hot
zone is taken up by carbon at once, which is direct reduction), above ``x = 1`` the
reductant is ``C + H2`` and ``x = 1 + (CO2 + H2O)/(CO + CO2 + H2 + H2O)``, so the upper
segment has the slope ``mu_R = (n_C + n_H2)/n_Fe``. In the reserve zone H2 and CO
reach the same fraction of their wüstite equilibria (``eta_H2/eta_CO = r =
eta_H2,eq/eta_CO,eq`` there); above it CO alone reduces hematite and magnetite (a stated
model choice: hydrogen reduction and the water-gas shift are slow in the cold shaft),
so the top-gas H2 utilisation is that of the reserve zone.

Pinch: in the thermal reserve zone at ``T_W`` the gas leaves the wüstite stage at most at
equilibrium with Fe/FeO_y (y = 1.05). The point W = ``(1 + eta_CO,eq (n_C + r n_H2) /
(n_C + n_H2), y_W)`` lies on or above the operating line; the shaft efficiency
``omega`` is the fraction of that equilibrium oxygen uptake reached, ``omega = 1``
being the ideal furnace (line through W, the minimum carbon rate).

Equilibria are explicit fits ``Delta G0 = a + b T`` [J/mol] (Turkdogan 1980 [3]_) for
wüstite (Fe_{0.95}O): FeO + CO = Fe + CO2, FeO + H2 = Fe + H2O; magnetite:
Fe3O4 + CO = 3 FeO + CO2; and the Boudouard reaction C + CO2 = 2 CO. ``K = exp(-Delta G0
/ (R T))``, ``eta_eq = K / (1 + K)`` (unit activities of the condensed phases).

References
----------
.. [1] A. Rist, N. Meysson (1967), "A dual graphic representation of the blast-furnace
   mass and heat balances", JOM 19(4), 50-59.
.. [2] A. K. Biswas (1981), "Principles of Blast Furnace Ironmaking", Cootha, Brisbane,
   ch. 9 (the Rist diagram).
.. [3] E. T. Turkdogan (1980), "Physical Chemistry of High Temperature Technology",
   Academic Press, New York (standard free energies of the Fe-C-O-H reactions).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels.thermo import R_GAS

#: O/Fe of wüstite in equilibrium with iron (Fe_{0.95}O), the ordinate of the pinch.
Y_WUSTITE = 1.05

#: ``Delta G0 = a + b T`` [J/mol, J/(mol K)] of the reactions, Turkdogan (1980).
DG_WUSTITE_CO = np.array([-22800.0, 24.26])  # FeO + CO = Fe + CO2
DG_WUSTITE_H2 = np.array([23430.0, -16.16])  # FeO + H2 = Fe + H2O
DG_MAGNETITE_CO = np.array([35380.0, -40.16])  # Fe3O4 + CO = 3 FeO + CO2
DG_BOUDOUARD = np.array([170700.0, -174.5])  # C + CO2 = 2 CO


@njit(cache=True)
def equilibrium_constant(dg: np.ndarray, T: float) -> float:
    """``K = exp(-(a + b T)/(R T))`` of a reaction with ``Delta G0 = a + b T`` [J/mol]; T in K."""
    return np.exp(-(dg[0] + dg[1] * T) / (R_GAS * T))


@njit(cache=True)
def equilibrium_utilisation(dg: np.ndarray, T: float) -> float:
    """Gas utilisation ``CO2/(CO + CO2)`` (or ``H2O/(H2 + H2O)``) in equilibrium, ``K/(1+K)``."""
    k = equilibrium_constant(dg, T)
    return k / (1.0 + k)


@njit(cache=True)
def wustite_utilisations(T: float) -> tuple[float, float]:
    """Equilibrium utilisations of CO and H2 over Fe/wüstite at ``T`` [K] (Turkdogan 1980)."""
    return (equilibrium_utilisation(DG_WUSTITE_CO, T),
            equilibrium_utilisation(DG_WUSTITE_H2, T))


@njit(cache=True)
def pinch_oxygen(n_c: float, n_h2: float, eta_co_eq: float, eta_h2_eq: float) -> float:
    """Largest oxygen uptake of the gas at the wüstite stage [mol], ``n_C eta_CO,eq + n_H2 eta_H2,eq``.

    ``n_c``, ``n_h2``: carbon and hydrogen (H2) of the bosh gas, mol (per tonne of hot metal).
    """
    return n_c * eta_co_eq + n_h2 * eta_h2_eq


@njit(cache=True)
def operating_line(n_fe: float, n_c: float, n_h2: float, o_source: float, o_direct: float,
                   y_top: float, eta_co_eq: float, eta_h2_eq: float, out: np.ndarray) -> None:
    """Points of the Rist operating line and of the pinch, per mol Fe, into ``out``.

    Parameters
    ----------
    n_fe, n_c, n_h2 : float
        Iron, gasified carbon and bosh-gas hydrogen, mol per tonne of hot metal.
    o_source : float
        Oxygen of blast, injectants and the reduced Si/Mn/P/S oxides, mol/t.
    o_direct : float
        Oxygen removed from wüstite by carbon (direct reduction), mol/t.
    y_top : float
        O/Fe of the burden.
    eta_co_eq, eta_h2_eq : float
        Wüstite equilibrium utilisations at the reserve-zone temperature.
    out : ndarray, shape (8,)
        ``[y_a, mu_c, y_d, mu_r, x_top, x_w, y_w_line_gap, r]``: ordinate at ``x = 0``,
        slope below ``x = 1``, ordinate at ``x = 1``, slope above ``x = 1``, abscissa of
        the top gas, abscissa of the pinch W, ``Y_WUSTITE`` minus the ordinate of the
        line at ``x_w`` (>= 0 when the line stays below W, i.e. feasible), and the ratio
        ``r = eta_H2,eq / eta_CO,eq``.
    """
    r = eta_h2_eq / eta_co_eq
    mu_c = n_c / n_fe
    mu_r = (n_c + n_h2) / n_fe
    y_d = o_direct / n_fe
    y_a = -o_source / n_fe
    x_top = 1.0 + (y_top - y_d) / mu_r
    x_w = 1.0 + pinch_oxygen(n_c, n_h2, eta_co_eq, eta_h2_eq) / (n_c + n_h2)
    out[0] = y_a
    out[1] = mu_c
    out[2] = y_d
    out[3] = mu_r
    out[4] = x_top
    out[5] = x_w
    out[6] = y_d + mu_r * (x_w - 1.0) - Y_WUSTITE
    out[7] = r
