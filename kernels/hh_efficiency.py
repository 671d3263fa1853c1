"""Current efficiency, production, consumption and emissions of a Hall–Héroult cell.

Net cell reaction ``Al2O3 + 3/2 C = 2 Al + 3/2 CO2``, six electrons per Al2O3. Of the
current, the fraction CE makes metal that stays; the rest is lost to the back reaction
of dissolved metal with the anode gas, ``2 Al + 3 CO2 = Al2O3 + 3 CO`` (Pearson &
Waddington 1947 [3]_). Per second, at line current I:

- aluminium made: ``CE I / (3 F)`` mol; alumina consumed: half of that;
- carbon burnt at the anode: ``I / (4 F)`` mol, whatever the CE;
- anode gas: ``CO2 = (2 CE - 1) I / (4 F)`` and ``CO = (1 - CE) I / (2 F)`` mol, the
  Pearson–Waddington split (both carbon and oxygen balance exactly).

At CE = 1 that is 0.33557 kg Al per kAh, 1.8895 kg Al2O3, 0.3339 kg C and 1.2233 kg CO2
per kg Al. Industrial net carbon is higher (air burn, carboxy attack, dusting): the
``excess_carbon`` in kg per kg Al is burnt to CO2 on top of the electrolytic carbon.

Perfluorocarbons from anode effects follow the IPCC Tier 2 slope method [4]_:
``CF4 [kg/t Al] = S_CF4 x AEM`` with AEM the anode-effect minutes per cell-day, and
C2F6 a fixed weight fraction of CF4.

References
----------
.. [1] E. W. Dewing (1991), "Loss of current efficiency in aluminum electrolysis cells",
   Metall. Trans. B 22, 177–182.
.. [2] K. Grjotheim, H. Kvande (1993), *Introduction to Aluminium Electrolysis*, 2nd
   ed., Aluminium-Verlag, Düsseldorf (Faraday's law, energy per kg).
.. [3] T. G. Pearson, J. Waddington (1947), "Electrode reactions in the aluminium
   reduction cell", Discuss. Faraday Soc. 1, 307–320.
.. [4] IPCC (2006), *Guidelines for National Greenhouse Gas Inventories*, vol. 3,
   ch. 4.4 (primary aluminium production), Table 4.16 (slope coefficients).
"""

from __future__ import annotations

from numba import njit

FARADAY = 96485.33212  # C/mol
M_AL = 26.9815385e-3  # kg/mol
M_AL2O3 = 101.9613e-3  # kg/mol
M_C = 12.011e-3  # kg/mol
M_CO2 = 44.0095e-3  # kg/mol
M_CO = 28.0101e-3  # kg/mol
SECONDS_PER_DAY = 86400.0


@njit(cache=True)
def dewing_current_efficiency(superheat: float, alf3: float, lif: float,
                              design_constant: float) -> float:
    """Current efficiency (fraction) from the Dewing (1991) correlation, ref. [1].

    ``log10(100 - CE%) = 0.0095 superheat - 0.019 AlF3 - 0.060 LiF + const``, superheat
    in K above the liquidus, AlF3 (excess) and LiF in wt%; CaF2 has no effect. The
    constant characterises the cell design (about 0.8 for modern prebake cells,
    which gives CE = 95 % at 10 K superheat and 11 % excess AlF3).
    """
    loss_pct = 10.0 ** (0.0095 * superheat - 0.019 * alf3 - 0.060 * lif + design_constant)
    return 1.0 - 0.01 * loss_pct


@njit(cache=True)
def aluminium_rate(current: float, ce: float) -> float:
    """Aluminium made, kg/s, at line current A and current efficiency ``ce`` (Faraday)."""
    return ce * current * M_AL / (3.0 * FARADAY)


@njit(cache=True)
def alumina_rate(current: float, ce: float) -> float:
    """Alumina consumed, kg/s."""
    return 0.5 * ce * current * M_AL2O3 / (3.0 * FARADAY)


@njit(cache=True)
def anode_carbon_rate(current: float) -> float:
    """Carbon burnt electrochemically at the anode, kg/s (independent of CE)."""
    return current * M_C / (4.0 * FARADAY)


@njit(cache=True)
def anode_gas_rates(current: float, ce: float) -> tuple[float, float]:
    """CO2 and CO leaving the anodes, mol/s (Pearson–Waddington split, ref. [3])."""
    n_co2 = (2.0 * ce - 1.0) * current / (4.0 * FARADAY)
    n_co = (1.0 - ce) * current / (2.0 * FARADAY)
    return n_co2, n_co


@njit(cache=True)
def specific_energy(voltage: float, ce: float) -> float:
    """DC electrical energy per kg of aluminium, J/kg: ``3 F V / (CE M_Al)``."""
    return 3.0 * FARADAY * voltage / (ce * M_AL)


@njit(cache=True)
def pfc_per_tonne(ae_minutes_per_day: float, slope_cf4: float,
                  c2f6_to_cf4: float) -> tuple[float, float]:
    """CF4 and C2F6, kg per tonne Al, from the anode-effect minutes per cell-day (ref. [4])."""
    cf4 = slope_cf4 * ae_minutes_per_day
    return cf4, c2f6_to_cf4 * cf4
