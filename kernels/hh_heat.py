"""Heat balance of a Hall–Héroult cell: reaction enthalpy, heat losses and side ledge.

Enthalpies are absolute (formation enthalpy at 298.15 K included), J/mol, so heats of
reaction follow from differences: Al (solid and liquid, CODATA 1989 via NASA
polynomials [1]_ [2]_), graphite [1]_, alpha-alumina (:mod:`kernels.solids`, JANAF)
and CO2, CO (:mod:`kernels.thermo`).

The electrolysis enthalpy is that of alumina fed at ``t_feed`` and anode carbon at
``t_carbon`` giving liquid aluminium, CO2 and CO at the bath temperature, with the
Pearson–Waddington gas split of :mod:`kernels.hh_efficiency`: 6.33 kWh per kg Al for
25 degC reactants and 960 degC products at CE = 1 (Grjotheim & Kvande [3]_ quote 6.34).

Side ledge (frozen bath on the side lining) [4]_: the bath gives heat to the ledge face
at its liquidus temperature, ``q = h (T_bath - T_liq)``; the ledge conducts
``q = (T_liq - T_amb) / (delta / k_ledge + R_wall)`` to ambient through the side wall
and shell (``R_wall`` lumps lining, shell and the outside convection and radiation).
At steady state both are equal, which sets the ledge thickness ``delta``; out of
balance the ledge freezes or melts (Stefan condition, :mod:`kernels.hh_dynamics`).
Without ledge the side loss is ``(T_bath - T_amb) / (1/h + R_wall)`` per m^2. Top
(crust, anode cover, stubs) and bottom losses are conductances to ambient.

References
----------
.. [1] B. J. McBride, S. Gordon, M. A. Reno (1993), NASA TM-4513, coefficients as in
   Cantera's ``nasa_condensed.yaml`` (Al(cr), Al(L): CODA89; C(gr): X 4/83).
.. [2] J. D. Cox, D. D. Wagman, V. A. Medvedev (1989), *CODATA Key Values for
   Thermodynamics*, Hemisphere.
.. [3] K. Grjotheim, H. Kvande (1993), *Introduction to Aluminium Electrolysis*, 2nd
   ed., Aluminium-Verlag, Düsseldorf, ch. 9 (energy balance).
.. [4] Lumped ledge balance as in V. Gusberti, D. S. Severo, B. J. Welch,
   M. Skyllas-Kazacos (2012), "Modeling the mass and energy balance of different
   aluminium smelting cell technologies", Light Metals 2012, 929–934.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from kernels import solids as so
from kernels import thermo as th
from kernels.hh_efficiency import anode_gas_rates

R_GAS = 8.314462618
T_MELT_AL = 933.61  # K, melting point of Al in the CODA89 fit
# NASA-7 a0..a6 of Al(cr) [200, 933.61 K], Al(L) [933.61, 6000 K] and C(gr) [200, 1000,
# 5000 K], from Cantera's nasa_condensed.yaml (McBride et al. 1993).
_AL_CR = np.array([1.01040191, 0.0120769743, -2.62083556e-05, 2.64282413e-08,
                   -9.01916513e-12, -654.454196, -5.00471254])
_AL_L = np.array([3.81862551, 0.0, 0.0, 0.0, 0.0, -94.9651808, -17.5229704])
_C_LOW = np.array([-0.310872072, 4.40353686e-03, 1.90394118e-06, -6.38546966e-09,
                   2.98964248e-12, -108.650794, 1.11382953])
_C_HIGH = np.array([1.45571829, 1.71702216e-03, -6.97562786e-07, 1.35277032e-10,
                    -9.67590652e-15, -695.138814, -8.52583033])
# species indices as array data (one numba specialisation, not one per literal)
SPECIES = np.array([th.CO2, th.CO, so.AL2O3], dtype=np.int64)


@njit(cache=True)
def _nasa_h(a: np.ndarray, T: float) -> float:
    return R_GAS * (T * (a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5))))
                    + a[5])


@njit(cache=True)
def _nasa_cp(a: np.ndarray, T: float) -> float:
    return R_GAS * (a[0] + T * (a[1] + T * (a[2] + T * (a[3] + T * a[4]))))


@njit(cache=True)
def h_aluminium(T: float) -> float:
    """Absolute molar enthalpy of aluminium, J/mol (solid below 933.61 K, liquid above)."""
    return _nasa_h(_AL_CR, T) if T < T_MELT_AL else _nasa_h(_AL_L, T)


@njit(cache=True)
def cp_aluminium(T: float) -> float:
    """Molar heat capacity of aluminium, J/(mol K)."""
    return _nasa_cp(_AL_CR, T) if T < T_MELT_AL else _nasa_cp(_AL_L, T)


@njit(cache=True)
def h_graphite(T: float) -> float:
    """Absolute molar enthalpy of graphite (anode carbon), J/mol."""
    return _nasa_h(_C_LOW, T) if T < 1000.0 else _nasa_h(_C_HIGH, T)


@njit(cache=True)
def h_alumina(T: float) -> float:
    """Absolute molar enthalpy of alpha-alumina, J/mol (:mod:`kernels.solids`)."""
    return so.h_solid(SPECIES[2], T)


@njit(cache=True)
def cp_h_alumina(T: float) -> tuple[float, float]:
    """Molar heat capacity, J/(mol K), and absolute enthalpy, J/mol, of alpha-alumina."""
    return so.solid_cp_h(SPECIES[2], T)


@njit(cache=True)
def h_co2(T: float) -> float:
    """Absolute molar enthalpy of CO2, J/mol (:mod:`kernels.thermo`)."""
    return th.h_species(SPECIES[0], T)


@njit(cache=True)
def h_co(T: float) -> float:
    """Absolute molar enthalpy of CO, J/mol (:mod:`kernels.thermo`)."""
    return th.h_species(SPECIES[1], T)


@njit(cache=True)
def reaction_enthalpy_rate(current: float, ce: float, t_feed: float, t_carbon: float,
                           t_products: float) -> float:
    """Enthalpy taken up by the electrolysis, W.

    Alumina at ``t_feed`` and carbon at ``t_carbon`` (K) give liquid aluminium, CO2 and
    CO at ``t_products`` (K); rates from Faraday's law at current efficiency ``ce``
    with the Pearson–Waddington gas split.
    """
    n_al = ce * current / (3.0 * 96485.33212)
    n_co2, n_co = anode_gas_rates(current, ce)
    n_c = n_co2 + n_co
    return (n_al * h_aluminium(t_products) + n_co2 * h_co2(t_products)
            + n_co * h_co(t_products) - 0.5 * n_al * h_alumina(t_feed)
            - n_c * h_graphite(t_carbon))


@njit(cache=True)
def side_heat_flux_without_ledge(t_bath: float, t_amb: float, h_bath: float,
                                 r_wall: float) -> float:
    """Side heat flux with no ledge, W/m^2: bath film and wall in series."""
    return (t_bath - t_amb) / (1.0 / h_bath + r_wall)


@njit(cache=True)
def ledge_conduction_flux(t_liq: float, t_amb: float, delta: float, k_ledge: float,
                          r_wall: float) -> float:
    """Heat flux conducted from the ledge face at the liquidus through ledge and wall, W/m^2."""
    return (t_liq - t_amb) / (delta / k_ledge + r_wall)


@njit(cache=True)
def steady_ledge_thickness(t_bath: float, t_liq: float, t_amb: float, h_bath: float,
                           k_ledge: float, r_wall: float) -> float:
    """Steady side-ledge thickness, m: ``h (T - T_liq) = (T_liq - T_amb) / (d / k + R)``.

    Zero when the bath is hot enough to keep the wall bare; ``inf`` at or below the
    liquidus (the bath would freeze through).
    """
    q = h_bath * (t_bath - t_liq)
    if q <= 0.0:
        return np.inf
    return max(k_ledge * ((t_liq - t_amb) / q - r_wall), 0.0)
