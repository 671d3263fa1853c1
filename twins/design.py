"""Sampled designs: Latin hypercube, Sobol and Saltelli (Sobol sensitivity) scenarios.

.. code-block:: toml

    [design]
    method = "saltelli"          # "lhs", "sobol" or "saltelli"
    n = 256                      # samples; for saltelli the base sample N (see below)
    seed = 42                    # the design is fixed by the spec and the seed
    outputs = ["fuel_flow", "tube_metal_temp_max"]   # saltelli: outputs to analyse

    [design.ranges]
    excess_air = { low = 0.05, high = 0.40 }
    air_preheat_temp = { low = 15, high = 350, unit = "degC" }
    conv_rows = { low = 6, high = 10, integer = true }

``lhs`` draws ``n`` points of a scrambled Latin hypercube (McKay, Beckman & Conover,
1979, Technometrics 21, 239–245), ``sobol`` the first ``n`` points (a power of two) of
a scrambled Sobol sequence (Sobol', 1967; Owen scrambling), both from
:mod:`scipy.stats.qmc`. ``saltelli`` is the sample of SALib's ``sample_sobol`` for the
variance-based indices of Sobol' (2001) with the estimators of Saltelli et al. (2010,
Comput. Phys. Commun. 181, 259–270): ``n * (d + 2)`` scenarios for ``d`` ranges
(``n * (2 d + 2)`` with ``second_order = true``). Its analysis is
:mod:`twins.sensitivity`.

Every scenario is the base case with the ranged parameters replaced, so a design is a
fixed scenario matrix like a grid: it runs in chunks into the same resumable store.
Integer ranges are rounded to the nearest whole number after scaling (for ``saltelli``
this makes the parameter's distribution discrete, which the estimators allow).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import qmc

from kernels.contract import Param
from twins.errors import ScenarioError
from twins.params import find_param
from twins.ranges import Range, make_range
from twins.scenario import check_keys, with_context

METHODS = ("lhs", "sobol", "saltelli")
_DESIGN_KEYS = (
    "method", "n", "seed", "ranges", "outputs", "second_order", "num_resamples", "conf_level",
)


@dataclass(frozen=True)
class Design:
    """A sampled design over parameter ranges.

    Attributes
    ----------
    method : str
        One of :data:`METHODS`.
    n : int
        Number of samples (``lhs``, ``sobol``) or base sample size (``saltelli``).
    seed : int
        Seed of the scrambling / sampling; the same spec and seed give the same matrix.
    ranges : tuple of Range
        The sampled parameters.
    outputs : tuple of str
        Outputs analysed by :mod:`twins.sensitivity` (``saltelli`` only).
    second_order : bool
        Also sample (and estimate) second-order indices (``saltelli`` only).
    num_resamples : int
        Bootstrap resamples for the confidence intervals of the indices.
    conf_level : float
        Confidence level of those intervals.
    """

    method: str
    n: int
    seed: int
    ranges: tuple[Range, ...]
    outputs: tuple[str, ...] = ()
    second_order: bool = False
    num_resamples: int = 1000
    conf_level: float = 0.95

    @property
    def names(self) -> list[str]:
        """Names of the sampled parameters."""
        return [r.name for r in self.ranges]

    @property
    def n_scenarios(self) -> int:
        """Number of scenarios of the design."""
        d = len(self.ranges)
        if self.method == "saltelli":
            return self.n * (2 * d + 2 if self.second_order else d + 2)
        return self.n

    def problem(self) -> dict[str, Any]:
        """The SALib problem dictionary (SI bounds)."""
        return {
            "num_vars": len(self.ranges),
            "names": self.names,
            "bounds": [[r.low, r.high] for r in self.ranges],
            "outputs": list(self.outputs),
        }

    def samples(self) -> np.ndarray:
        """``(n_scenarios, d)`` SI values of the sampled parameters, in range order."""
        d = len(self.ranges)
        if self.method == "saltelli":
            from SALib import ProblemSpec

            spec = ProblemSpec(self.problem())
            spec.sample_sobol(
                self.n, calc_second_order=self.second_order, scramble=True, seed=self.seed
            )
            unit = (spec.samples - [r.low for r in self.ranges]) / [
                r.high - r.low for r in self.ranges
            ]
        elif self.method == "sobol":
            unit = qmc.Sobol(d, scramble=True, rng=np.random.default_rng(self.seed)).random_base2(
                int(np.log2(self.n))
            )
        else:
            unit = qmc.LatinHypercube(d, rng=np.random.default_rng(self.seed)).random(self.n)
        return np.column_stack([r.scale(unit[:, j]) for j, r in enumerate(self.ranges)])

    def matrix(self, base: np.ndarray, param_names: Sequence[str]) -> np.ndarray:
        """``(n_scenarios, n_param)`` SI matrix: ``base`` with the sampled columns set."""
        X = self.samples()
        P = np.tile(base, (X.shape[0], 1))
        for j, name in enumerate(self.names):
            P[:, list(param_names).index(name)] = X[:, j]
        return P

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (stored in the HDF5 study spec)."""
        return {
            "method": self.method, "n": self.n, "seed": self.seed,
            "ranges": [r.to_dict() for r in self.ranges], "outputs": list(self.outputs),
            "second_order": self.second_order, "num_resamples": self.num_resamples,
            "conf_level": self.conf_level,
        }

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], params: Sequence[Param], output_names: Sequence[str],
        where: str = "", unit: str = "",
    ) -> Design:
        """Build and check a design from its ``[design]`` table.

        Raises
        ------
        ScenarioError, ParameterError
            Naming the key, the value and the allowed values.
        """
        at = f"{where}: [design]" if where else "[design]"
        ranges_at = f"{where}: [design.ranges]" if where else "[design.ranges]"
        check_keys(data, _DESIGN_KEYS, where or "[design]", "key in [design]")
        method = data.get("method")
        if method not in METHODS:
            raise ScenarioError(
                f"{at} method = {method!r} is not a design method; allowed: "
                + ", ".join(METHODS)
            )
        n = data.get("n")
        if not _is_int(n) or n < 2:
            raise ScenarioError(f"{at} n = {n!r} must be an integer of at least 2")
        if method in ("sobol", "saltelli") and n & (n - 1):
            lower = 1 << (n.bit_length() - 1)
            raise ScenarioError(
                f"{at} n = {n} must be a power of two for method '{method}' "
                f"(Sobol' points keep their balance only then), e.g. {lower} or {2 * lower}"
            )
        seed = data.get("seed")
        if not _is_int(seed) or seed < 0:
            raise ScenarioError(
                f"{at} seed = {seed!r} must be a non-negative integer "
                "(it fixes the design, so a resumed run reproduces it)"
            )
        table = data.get("ranges")
        if not isinstance(table, Mapping) or not table:
            raise ScenarioError(
                f"{ranges_at} is missing or empty; give at least one "
                'parameter, e.g. excess_air = { low = 0.05, high = 0.40 }'
            )
        ranges = tuple(
            with_context(
                lambda k=k, v=v: make_range(params[find_param(params, k, unit=unit)], v),
                f"{ranges_at} ",
            )
            for k, v in table.items()
        )
        outputs = data.get("outputs", [])
        if not isinstance(outputs, Sequence) or isinstance(outputs, str):
            raise ScenarioError(f"{at} outputs must be a list of output names")
        for name in outputs:
            if name not in output_names:
                raise ScenarioError(
                    f"{at} outputs: '{name}' is not an output of {unit or 'the unit'}; "
                    f"allowed: {', '.join(output_names)}"
                )
        if method == "saltelli" and not outputs:
            raise ScenarioError(
                f"{at} method = 'saltelli' needs outputs = [...] to analyse"
            )
        if method != "saltelli" and ("outputs" in data or "second_order" in data):
            raise ScenarioError(
                f"{at} outputs and second_order apply to method = 'saltelli' only"
            )
        second = data.get("second_order", False)
        if not isinstance(second, bool):
            raise ScenarioError(f"{at} second_order must be true or false")
        resamples = data.get("num_resamples", 1000)
        if not _is_int(resamples) or resamples < 10:
            raise ScenarioError(
                f"{at} num_resamples = {resamples!r} must be an integer >= 10"
            )
        conf = data.get("conf_level", 0.95)
        if not isinstance(conf, numbers.Real) or isinstance(conf, bool) or not 0 < conf < 1:
            raise ScenarioError(f"{at} conf_level = {conf!r} must be in (0, 1)")
        return cls(
            method=method, n=int(n), seed=int(seed), ranges=ranges, outputs=tuple(outputs),
            second_order=second, num_resamples=int(resamples), conf_level=float(conf),
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
