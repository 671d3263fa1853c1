"""Figures of a study read from its HDF5 results file, chosen by the unit it ran.

``plot_study(store, out_dir)`` reads the file's root attribute ``unit``: a kiln study
gets the kiln figures of :func:`viz.kiln_plots.plot_kiln_study` (``kiln_sweep.png``,
``kiln_profiles.png``, ``kiln_scene.png``), a cement-line study those of
:func:`viz.cement_line_plots.plot_cement_line_study` (``cement_line_sweep.png``,
``cement_line_balance.png``, ``kiln_scene.png``); a heater study (or a file without the
attribute) gets

- ``efficiency_vs_excess_air.png``: API 560 efficiency against excess air, one line per
  air-preheat temperature (legend with the mean stack temperature), one subplot per
  level of a further swept parameter (and line styles for a fourth), O2 in the dry
  flue gas on a secondary axis, scenarios that violate a limit crossed out;
- ``pareto_fuel_vs_tmt.png``: fuel flow against tube-metal margin coloured by stack
  temperature, the Pareto front of the feasible scenarios (least fuel, most margin)
  and the violating scenarios;
- ``heater_scene.png``: the 3-D heater state of the best feasible scenario (least
  fuel with every ``*_margin`` >= 0), see :func:`viz.heater_scene.render_heater_scene`.

Only scenarios with status 0 (OK) are plotted. Values are SI in the file and shown in
display units (°C, %, kg/h; see :mod:`viz.units`). Figures are drawn on
:class:`matplotlib.figure.Figure` with the Agg canvas, never through pyplot, so the
caller's backend and open figures are left alone.
"""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path

from kernels.heater import PARAMS
from viz.efficiency_plot import efficiency_vs_excess_air
from viz.pareto_plot import pareto_fuel_vs_tmt
from viz.results import StudyResults, read_study
from viz.study_design import best_feasible, describe_row

__all__ = ["plot_study", "efficiency_vs_excess_air", "pareto_fuel_vs_tmt", "scene_of_best"]

_PLOTTERS = {
    "kiln": ("viz.kiln_plots", "plot_kiln_study"),
    "cement_line": ("viz.cement_line_plots", "plot_cement_line_study"),
    "hall_heroult": ("viz.hh_plots", "plot_hh_study"),
    "blast_furnace": ("viz.bf_plots", "plot_bf_study"),
}
"""Units with their own study figures: unit -> (module, function(res, out_dir, scene, dpi))."""


def plot_study(
    store_path: str | Path, out_dir: str | Path, *, scene: bool = True, dpi: int = 150
) -> list[Path]:
    """Write the standard figures of a study: kiln figures for a kiln, else heater figures.

    Parameters
    ----------
    store_path : str or Path
        HDF5 results file in the heattwin layout (DESIGN.md §5).
    out_dir : str or Path
        Directory for the PNG files; created if missing.
    scene : bool, default True
        Also render the 3-D scene (``heater_scene.png`` or ``kiln_scene.png``; pyvista,
        off-screen).
    dpi : int, default 150
        Resolution of the matplotlib figures.

    Returns
    -------
    list of Path
        The files written. A figure whose inputs are missing from the file (e.g. no
        ``tube_metal_margin`` output) is skipped with a warning rather than failing.
    """
    res = read_study(store_path)
    if res.unit in _PLOTTERS:
        module, name = _PLOTTERS[res.unit]
        plot = getattr(importlib.import_module(module), name)
        return plot(res, out_dir, scene=scene, dpi=dpi)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if len(res) == 0:
        warnings.warn(f"{store_path}: no scenario with status OK, nothing to plot",
                      stacklevel=2)
        return []
    written = [
        efficiency_vs_excess_air(res, out_dir / "efficiency_vs_excess_air.png", dpi=dpi),
        pareto_fuel_vs_tmt(res, out_dir / "pareto_fuel_vs_tmt.png", dpi=dpi),
    ]
    if scene:
        written.append(scene_of_best(res, out_dir / "heater_scene.png"))
    return [p for p in written if p is not None]


def scene_of_best(res: StudyResults, path: str | Path) -> Path | None:
    """Render the heater scene of the feasible scenario with the least fuel flow.

    Without any feasible scenario, the one violating the fewest limits is shown and
    the heading says so. Returns None (with a warning) if the study is not of the
    heater or lacks ``fuel_flow``.
    """
    if res.unit not in ("heater", "") or "fuel_flow" not in res.outputs:
        warnings.warn("heater scene skipped: not a heater study with a fuel_flow output",
                      stacklevel=2)
        return None
    from viz.heater_scene import render_heater_scene  # pyvista is slow to import

    i, ok = best_feasible(res)
    row = f"row {res.scenario[i]} of {res.n_total}"
    title = (f"Best feasible scenario ({row})" if ok
             else f"No feasible scenario; {row} violates the fewest limits")
    swept = res.swept()
    if swept:
        title += f"  ({describe_row(res, i, swept)})"
    known = {row.name for row in PARAMS}
    params = {k: v for k, v in res.row_params(i).items() if k in known}
    return render_heater_scene(
        params, res.row_outputs(i), res.row_profiles(i), path, title=title
    )
