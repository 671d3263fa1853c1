"""Sobol sensitivity indices of a Saltelli design, from its store, into its store.

For each analysed output Y and sampled parameter X_i the first-order index
S_i = Var(E[Y | X_i]) / Var(Y) is the share of the output variance that X_i explains
alone, and the total index S_Ti = E[Var(Y | X_~i)] / Var(Y) the share it has a hand in,
interactions included (Sobol', 2001, Math. Comput. Simul. 55, 271–280). They are
estimated by SALib's ``analyze_sobol`` with the estimators of Saltelli et al. (2010,
Comput. Phys. Commun. 181, 259–270) and bootstrap confidence intervals, over the
parameters' ranges taken as independent uniform distributions.

The indices are written into the study's HDF5 file next to the DESIGN §5 layout::

    /analysis/sobol                 attrs: method, n_base, conf_level, num_resamples, seed
    /analysis/sobol/factor          (d,) dimension scale: names of the sampled parameters
    /analysis/sobol/<output>/S1     (d,) first-order index, attrs units "1", long_name
    /analysis/sobol/<output>/S1_conf, ST, ST_conf    the same shape
    /analysis/sobol/<output>/S2, S2_conf             (d, d), only with second_order

An output whose scenarios did not all run ``OK`` (or are not finite) gets no indices:
the estimators need every row of the Saltelli blocks, and dropping rows would bias them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import h5py
import numpy as np
from rich.markup import escape
from rich.table import Table

from twins.design import Design
from twins.errors import ScenarioError
from twins.status import status_text


@dataclass
class SobolIndices:
    """First-order and total Sobol indices of one output, with confidence half-widths."""

    output: str
    names: list[str]
    S1: np.ndarray
    S1_conf: np.ndarray
    ST: np.ndarray
    ST_conf: np.ndarray
    S2: np.ndarray | None = None
    S2_conf: np.ndarray | None = None


@dataclass
class SobolAnalysis:
    """The indices of every analysed output, and the outputs that could not be analysed."""

    design: Design
    indices: dict[str, SobolIndices] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def table(self) -> Table:
        """A rich table: one row per (output, parameter), S1 and ST with ± intervals."""
        d = self.design
        pct = f"{100 * d.conf_level:g} %"
        table = Table(
            title=f"Sobol indices from {d.n_scenarios} Saltelli scenarios (N = {d.n}), "
            f"± {pct} bootstrap interval"
        )
        for col, justify in (("output", "left"), ("parameter", "left"), ("range", "left"),
                             ("first order S1", "right"), ("total ST", "right")):
            table.add_column(col, justify=justify)
        texts = {r.name: r.text() for r in d.ranges}
        for name, ind in self.indices.items():
            order = np.argsort(-ind.ST)
            for k, j in enumerate(order):
                table.add_row(
                    escape(name) if k == 0 else "", escape(ind.names[j]), escape(texts[ind.names[j]]),
                    f"{ind.S1[j]:.3f} ± {ind.S1_conf[j]:.3f}",
                    f"{ind.ST[j]:.3f} ± {ind.ST_conf[j]:.3f}",
                    end_section=k == len(order) - 1,
                )
        if self.skipped:
            table.caption = "; ".join(f"{k}: {v}" for k, v in self.skipped.items())
        return table


def analyze(
    design: Design, status: np.ndarray, outputs: dict[str, np.ndarray]
) -> SobolAnalysis:
    """Sobol indices of ``design.outputs`` from the scenarios of a Saltelli design.

    Parameters
    ----------
    design : Design
        A ``saltelli`` design; its rows must be in the order it drew them.
    status : numpy.ndarray
        ``(n_scenarios,)`` kernel status of every row.
    outputs : dict of str to numpy.ndarray
        ``(n_scenarios,)`` values of every output.

    Raises
    ------
    ScenarioError
        When the design is not a Saltelli design or the row count does not match it.
    """
    from SALib.analyze import sobol

    if design.method != "saltelli":
        raise ScenarioError(
            f"Sobol indices need a [design] with method = 'saltelli', not '{design.method}'"
        )
    if len(status) != design.n_scenarios:
        raise ScenarioError(
            f"{len(status)} scenarios, but the Saltelli design has {design.n_scenarios}"
        )
    result = SobolAnalysis(design)
    bad = status != 0
    for name in design.outputs:
        y = np.asarray(outputs[name], dtype=np.float64)
        if bad.any():
            codes = ", ".join(sorted({status_text(int(c)) for c in status[bad]}))
            result.skipped[name] = f"not analysed, {int(bad.sum())} scenarios failed ({codes})"
            continue
        if not np.isfinite(y).all():
            result.skipped[name] = f"not analysed, {int((~np.isfinite(y)).sum())} values not finite"
            continue
        if np.ptp(y) == 0.0:
            result.skipped[name] = "not analysed, the output does not vary"
            continue
        a = sobol.analyze(
            design.problem(), y, calc_second_order=design.second_order,
            num_resamples=design.num_resamples, conf_level=design.conf_level,
            seed=design.seed,
        )
        result.indices[name] = SobolIndices(
            output=name, names=design.names, S1=np.asarray(a["S1"]),
            S1_conf=np.asarray(a["S1_conf"]), ST=np.asarray(a["ST"]),
            ST_conf=np.asarray(a["ST_conf"]),
            S2=np.asarray(a["S2"]) if design.second_order else None,
            S2_conf=np.asarray(a["S2_conf"]) if design.second_order else None,
        )
    return result


def write(path: str, analysis: SobolAnalysis) -> None:
    """Write (or replace) ``/analysis/sobol`` in the study's HDF5 file."""
    d = analysis.design
    with h5py.File(path, "r+") as h5:
        group = h5.require_group("analysis")
        if "sobol" in group:
            del group["sobol"]
        sobol = group.create_group("sobol")
        sobol.attrs["method"] = (
            "Sobol indices, Saltelli (2010) estimators, SALib sample_sobol/analyze_sobol"
        )
        sobol.attrs["n_base"] = d.n
        sobol.attrs["conf_level"] = d.conf_level
        sobol.attrs["num_resamples"] = d.num_resamples
        sobol.attrs["seed"] = d.seed
        sobol.attrs["skipped"] = "; ".join(f"{k}: {v}" for k, v in analysis.skipped.items())
        factor = sobol.create_dataset(
            "factor", data=np.array(d.names, dtype=h5py.string_dtype())
        )
        factor.attrs["long_name"] = "sampled parameter"
        factor.make_scale("factor")
        meanings = {
            "S1": "first-order Sobol index", "ST": "total Sobol index",
            "S2": "second-order Sobol index",
        }
        for name, ind in analysis.indices.items():
            out = sobol.create_group(name)
            for key in ("S1", "S1_conf", "ST", "ST_conf", "S2", "S2_conf"):
                values = getattr(ind, key)
                if values is None:
                    continue
                ds = out.create_dataset(key, data=values)
                base = key.removesuffix("_conf")
                ds.attrs["units"] = "1"
                ds.attrs["long_name"] = (
                    f"{meanings[base]} of {name}"
                    + (f", {100 * d.conf_level:g} % interval half-width" if key.endswith("_conf") else "")
                )
                for axis in range(values.ndim):
                    ds.dims[axis].attach_scale(factor)


def read(path: str) -> dict[str, dict[str, np.ndarray]]:
    """``{output: {"factor": names, "S1": ..., "ST": ...}}`` from ``/analysis/sobol``
    (empty when the file has none)."""
    with h5py.File(path, "r") as h5:
        if "analysis/sobol" not in h5:
            return {}
        sobol = h5["analysis/sobol"]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in sobol["factor"][...]]
        return {
            key: {"factor": np.array(names)} | {k: v[...] for k, v in group.items()}
            for key, group in sobol.items()
            if isinstance(group, h5py.Group)
        }
