"""Parameter vectors: defaults plus overrides, checked before any kernel runs.

A kernel takes its parameters as one float64 vector ``p`` ordered as its ``PARAMS``
table, and a batch as a matrix with one row per scenario. This module builds such
vectors from user overrides (any unit :func:`twins.units.to_si` accepts) and checks
whole matrices at once, reporting the first offending row and parameter.

Composition groups and consistency rules
----------------------------------------
A kernel module may define ``COMPOSITION_GROUPS = (("fuel_x_", 1e-3), ...)``: every
parameter whose name starts with the prefix is a fraction of one mixture, and the
fractions must sum to 1 within the tolerance. It may also define
``check_consistency(values: dict[str, float]) -> list[str]``, plain Python rules that
tie parameters together (``process_outlet_temp must be above process_inlet_temp``);
every broken rule becomes a :class:`ParameterError` showing the values involved.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from kernels.contract import Param
from twins.errors import ParameterError
from twins.units import fmt, out_of_range_message, range_text, to_si, with_unit

CompositionGroups = Sequence[tuple[str, float]]
ConsistencyRules = Callable[[dict[str, float]], list[str]]


def find_param(params: Sequence[Param], name: str, *, unit: str = "") -> int:
    """Index of the parameter called ``name``.

    Raises
    ------
    ParameterError
        When there is no such parameter; the message lists the closest names.
    """
    for i, row in enumerate(params):
        if row.name == name:
            return i
    raise ParameterError(unknown_name_message("parameter", name, [p.name for p in params], unit))


def unknown_name_message(kind: str, name: str, names: Iterable[str], owner: str = "") -> str:
    """``unknown parameter 'excess_ai' of heater; did you mean: excess_air?``"""
    names = list(names)
    where = f" of {owner}" if owner else ""
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    if close:
        hint = "did you mean: " + ", ".join(close) + "?"
    else:
        hint = f"there are {len(names)} {kind}s; `heattwin info {owner or '<unit>'}` lists them"
    return f"unknown {kind} '{name}'{where}; {hint}"


def build_vector(
    params: Sequence[Param],
    overrides: Mapping[str, Any] | None = None,
    *,
    groups: CompositionGroups = (),
    rules: ConsistencyRules | None = None,
    unit: str = "",
) -> np.ndarray:
    """Full parameter vector: every default, replaced by the given overrides.

    Parameters
    ----------
    params : sequence of Param
        The kernel's ``PARAMS`` table.
    overrides : mapping of name to value, optional
        Values in any form :func:`twins.units.to_si` accepts.
    groups : sequence of (prefix, tolerance), optional
        Composition groups whose fractions must sum to 1.
    rules : callable, optional
        The kernel's ``check_consistency``.
    unit : str, optional
        Name of the unit, used in messages only.

    Returns
    -------
    numpy.ndarray
        float64 vector of length ``len(params)``, in SI units.

    Raises
    ------
    ParameterError
        For an unknown name, a wrong unit, a non-finite value, a value out of range, a
        composition that does not sum to 1 or a broken consistency rule.
    """
    p = np.array([row.default for row in params], dtype=np.float64)
    for name, value in (overrides or {}).items():
        i = find_param(params, name, unit=unit)
        p[i] = to_si(params[i], value)
    check_composition(params, p[np.newaxis, :], groups)
    check_rules(params, p[np.newaxis, :], rules)
    return p


def check_matrix(
    params: Sequence[Param],
    P: np.ndarray,
    *,
    groups: CompositionGroups = (),
    rules: ConsistencyRules | None = None,
) -> None:
    """Check every row of a scenario matrix, all at once.

    Raises
    ------
    ParameterError
        Naming the first offending row (0-based) and parameter, with the value and range.
    """
    P = np.asarray(P)
    if P.ndim != 2 or P.shape[1] != len(params):
        raise ParameterError(
            f"scenario matrix has shape {P.shape}, expected (n_scenarios, {len(params)})"
        )
    low = np.array([row.low for row in params])
    high = np.array([row.high for row in params])
    finite = np.isfinite(P)
    if not finite.all():
        row, col = _first(~finite)
        param = params[col]
        raise ParameterError(
            f"scenario row {row}: {param.name} = {fmt(P[row, col])} is not a finite number; "
            f"expected a value within {range_text(param)}"
        )
    outside = (P < low) | (P > high)
    if outside.any():
        row, col = _first(outside)
        raise ParameterError(
            f"scenario row {row}: {out_of_range_message(params[col], float(P[row, col]))}"
        )
    check_composition(params, P, groups, rows=True)
    check_rules(params, P, rules, rows=True)


def check_rules(
    params: Sequence[Param],
    P: np.ndarray,
    rules: ConsistencyRules | None,
    *,
    rows: bool = False,
) -> None:
    """Apply the kernel's ``check_consistency`` to every distinct row of ``P``.

    Raises
    ------
    ParameterError
        With the broken rules and the values of the parameters they name.
    """
    if rules is None:
        return
    P = np.atleast_2d(P)
    names = [row.name for row in params]
    units = {row.name: row.unit for row in params}
    _, first = np.unique(P, axis=0, return_index=True)
    for row in np.sort(first):
        broken = rules(dict(zip(names, P[row].tolist(), strict=True)))
        if broken:
            mentioned = [n for n in names if re.search(rf"\b{n}\b", " ".join(broken))]
            values = ", ".join(f"{n} = {with_unit(P[row, names.index(n)], units[n])}"
                               for n in mentioned)
            where = f"scenario row {row}: " if rows else ""
            detail = f" ({values})" if values else ""
            raise ParameterError(f"{where}{'; '.join(broken)}{detail}")


def check_composition(
    params: Sequence[Param], P: np.ndarray, groups: CompositionGroups, *, rows: bool = False
) -> None:
    """Check that each composition group of every row of ``P`` sums to 1.

    Raises
    ------
    ParameterError
        Listing the group, its sum, the tolerance and the nonzero fractions.
    """
    P = np.atleast_2d(P)
    for prefix, tolerance in groups:
        cols = [i for i, row in enumerate(params) if row.name.startswith(prefix)]
        if not cols:
            continue
        total = P[:, cols].sum(axis=1)
        bad = np.abs(total - 1.0) > tolerance
        if bad.any():
            row = int(np.argmax(bad))
            parts = ", ".join(
                f"{params[i].name} = {fmt(P[row, i])}" for i in cols if P[row, i] != 0.0
            )
            where = f"scenario row {row}: " if rows else ""
            raise ParameterError(
                f"{where}{prefix}* fractions sum to {fmt(total[row])}, expected 1 ± "
                f"{fmt(tolerance)} ({parts})"
            )


def _first(mask: np.ndarray) -> tuple[int, int]:
    row = int(np.argmax(mask.any(axis=1)))
    col = int(np.argmax(mask[row]))
    return row, col
