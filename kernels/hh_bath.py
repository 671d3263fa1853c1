"""Properties of the cryolite bath of a Hall–Héroult cell from its composition.

Compositions are in **wt%** of the bath (the form every correlation here was fitted
in): ``al2o3`` dissolved alumina, ``alf3`` *excess* AlF3 (above cryolite Na3AlF6),
``caf2``, ``lif``, ``mgf2``, ``kf``; the balance is cryolite. Temperatures are in K.

- :func:`hives_conductivity`: electrical conductivity, Hives et al. (1996) [1]_.
- :func:`wang_conductivity`: electrical conductivity, Wang, Peterson & Tabereaux
  (1992) [2]_, in terms of the bath ratio.
- :func:`solheim_liquidus`: temperature of primary cryolite crystallisation,
  Solheim et al. (1996) [3]_.
- :func:`skybakmoen_saturation`: alumina solubility, Skybakmoen, Solheim & Sterten
  (1997) [4]_.
- :func:`alumina_activity`: activity of Al2O3 (solid reference) against its ratio to
  saturation, the polynomial Haupin (1998) [5]_ fitted to Dewing & Thonstad's data.
- :func:`bath_weight_ratio`: weight ratio NaF/AlF3 (1.5 for pure cryolite).

The density of the bath is a parameter of the unit (``bath_density``), not a
correlation: it only converts bath mass to volume in the dynamic model.

References
----------
.. [1] J. Hives, J. Thonstad, Å. Sterten, P. Fellner (1996), "Electrical conductivity
   of molten cryolite-based mixtures obtained with a tube-type cell made of pyrolytic
   boron nitride", Metall. Mater. Trans. B 27, 255–261.
.. [2] X. Wang, R. D. Peterson, A. T. Tabereaux (1992), "Electrical conductivity of
   cryolitic melts", Light Metals 1992, TMS, 481–488.
.. [3] A. Solheim, S. Rolseth, E. Skybakmoen, L. Støen, Å. Sterten, T. Støre (1996),
   "Liquidus temperatures for primary crystallization of cryolite in molten salt
   systems of interest for aluminum electrolysis", Metall. Mater. Trans. B 27, 739–744.
.. [4] E. Skybakmoen, A. Solheim, Å. Sterten (1997), "Alumina solubility in molten salt
   systems of interest for aluminum electrolysis and related phase diagram data",
   Metall. Mater. Trans. B 28, 81–86.
.. [5] W. Haupin (1998), "Interpreting the components of cell voltage", Light Metals
   1998, TMS, 531–537.
"""

from __future__ import annotations

import numpy as np
from numba import njit

M_NAF = 41.988e-3  # kg/mol
M_ALF3 = 83.977e-3  # kg/mol
NAF_IN_CRYOLITE = 3.0 * M_NAF / (3.0 * M_NAF + M_ALF3)  # mass fraction of NaF in Na3AlF6 (0.600)


@njit(cache=True)
def hives_conductivity(T: float, al2o3: float, alf3: float, caf2: float, mgf2: float,
                       lif: float, kf: float) -> float:
    """Electrical conductivity of the bath, S/m (Hives et al. 1996, ref. [1]).

    ``ln kappa[S/cm] = 1.977 - 0.0200 Al2O3 - 0.0131 AlF3 - 0.0060 CaF2 - 0.0106 MgF2
    - 0.0019 KF + 0.0121 LiF - 1204.3 / T``, compositions in wt% (AlF3 in excess of
    cryolite), T in K.
    """
    ln_k = (1.977 - 0.0200 * al2o3 - 0.0131 * alf3 - 0.0060 * caf2 - 0.0106 * mgf2
            - 0.0019 * kf + 0.0121 * lif - 1204.3 / T)
    return 100.0 * np.exp(ln_k)


@njit(cache=True)
def bath_weight_ratio(al2o3: float, alf3: float, caf2: float, mgf2: float, lif: float) -> float:
    """Weight ratio NaF/AlF3 of the bath (1.5 for pure cryolite), compositions in wt%.

    The cryolite is the balance ``100 - al2o3 - alf3 - caf2 - mgf2 - lif``; its NaF is
    0.600 of its mass and its AlF3 0.400 (2/3 of the NaF).
    """
    cryolite = 100.0 - al2o3 - alf3 - caf2 - mgf2 - lif
    naf = NAF_IN_CRYOLITE * cryolite
    return naf / (alf3 + (1.0 - NAF_IN_CRYOLITE) * cryolite)


@njit(cache=True)
def wang_conductivity(T: float, al2o3: float, alf3: float, caf2: float, mgf2: float,
                      lif: float) -> float:
    """Electrical conductivity of the bath, S/m (Wang, Peterson & Tabereaux 1992, ref. [2]).

    ``ln kappa[S/cm] = 1.9362 + 0.3092 BR - 0.004132 CaF2 - 0.01755 Al2O3 + 0.008123 LiF
    - 0.00398 MgF2 - 1751.1 / T`` with BR the ratio of the moles of (NaF + LiF - MgF2)
    to twice the moles of AlF3 (1.5 for cryolite), compositions in wt%, T in K.
    """
    cryolite = 100.0 - al2o3 - alf3 - caf2 - mgf2 - lif
    naf = NAF_IN_CRYOLITE * cryolite
    alf3_total = alf3 + (1.0 - NAF_IN_CRYOLITE) * cryolite
    br = ((naf / 41.99 + lif / 25.94 - mgf2 / 62.31) / 2.0) / (alf3_total / 83.98)
    ln_k = (1.9362 + 0.3092 * br - 0.004132 * caf2 - 0.01755 * al2o3 + 0.008123 * lif
            - 0.00398 * mgf2 - 1751.1 / T)
    return 100.0 * np.exp(ln_k)


@njit(cache=True)
def solheim_liquidus(al2o3: float, alf3: float, caf2: float, mgf2: float, lif: float,
                     kf: float) -> float:
    """Liquidus (primary cryolite) temperature of the bath, K (Solheim et al. 1996, ref. [3]).

    ``t[degC] = 1011 + 0.50 AlF3 - 0.13 AlF3^2.2 - 3.45 CaF2 / (1 + 0.0173 CaF2)
    + 0.124 CaF2 AlF3 - 0.00542 (CaF2 AlF3)^1.5
    - 7.93 Al2O3 / (1 + 0.0936 Al2O3 - 0.0017 Al2O3^2 - 0.0023 AlF3 Al2O3)
    - 8.90 LiF / (1 + 0.0047 LiF + 0.0010 AlF3^2) - 3.95 MgF2 - 3.95 KF``, wt%.
    """
    t = (1011.0 + 0.50 * alf3 - 0.13 * alf3**2.2 - 3.45 * caf2 / (1.0 + 0.0173 * caf2)
         + 0.124 * caf2 * alf3 - 0.00542 * (caf2 * alf3) ** 1.5
         - 7.93 * al2o3 / (1.0 + 0.0936 * al2o3 - 0.0017 * al2o3**2 - 0.0023 * alf3 * al2o3)
         - 8.90 * lif / (1.0 + 0.0047 * lif + 0.0010 * alf3**2) - 3.95 * mgf2 - 3.95 * kf)
    return t + 273.15


@njit(cache=True)
def skybakmoen_saturation(T: float, alf3: float, caf2: float, mgf2: float, lif: float) -> float:
    """Alumina solubility (saturation), wt% (Skybakmoen et al. 1997, ref. [4]).

    ``c_sat = A (t / 1000)^B`` with t in degC,
    ``A = 11.9 - 0.062 AlF3 - 0.0031 AlF3^2 - 0.50 LiF - 0.20 CaF2 - 0.30 MgF2
    + 42 LiF AlF3 / (2000 + LiF AlF3)`` and
    ``B = 4.8 - 0.048 AlF3 + 2.2 LiF^1.5 / (10 + LiF + 0.001 AlF3^3)``.
    """
    a = (11.9 - 0.062 * alf3 - 0.0031 * alf3**2 - 0.50 * lif - 0.20 * caf2 - 0.30 * mgf2
         + 42.0 * lif * alf3 / (2000.0 + lif * alf3))
    b = 4.8 - 0.048 * alf3 + 2.2 * lif**1.5 / (10.0 + lif + 0.001 * alf3**3)
    return a * ((T - 273.15) / 1000.0) ** b


@njit(cache=True)
def alumina_activity(ratio_to_saturation: float) -> float:
    """Activity of dissolved Al2O3 (solid alpha-alumina reference), Haupin (1998) ref. [5].

    ``a = -0.03791 r + 2.364 r^2 - 2.194 r^3 + 0.8686 r^4`` with ``r = c / c_sat``
    (a = 1.0007 at saturation).
    """
    r = ratio_to_saturation
    return r * (-0.03791 + r * (2.364 + r * (-2.194 + r * 0.8686)))

