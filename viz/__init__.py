"""Pictures of heattwin results: pyvista 3-D scenes and matplotlib plots.

``viz`` reads plain arrays and HDF5 result files (DESIGN.md §5) and imports nothing
from ``twins``; of ``kernels`` it uses the tables (names, units) only.

- :func:`render_heater_scene` / :func:`heater_plotter`: 3-D state of one fired heater.
- :func:`render_kiln_scene` / :func:`kiln_plotter`: 3-D state of one rotary kiln.
- :func:`plot_kiln_profiles`, :func:`plot_validation`: axial profiles of a kiln state and
  their comparison with the Barr pilot-kiln measurements.
- :func:`plot_study`: the standard figures of a study file (heater, kiln or cement line).
- :func:`read_study`: a study file as numpy arrays.

Attributes are imported on first use, so ``import viz`` does not load pyvista.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "render_heater_scene": "viz.heater_scene",
    "heater_plotter": "viz.heater_scene",
    "render_kiln_scene": "viz.kiln_scene",
    "kiln_plotter": "viz.kiln_scene",
    "plot_kiln_profiles": "viz.kiln_plots",
    "plot_validation": "viz.kiln_plots",
    "plot_kiln_study": "viz.kiln_plots",
    "plot_study": "viz.sweep_plots",
    "read_study": "viz.results",
    "StudyResults": "viz.results",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'viz' has no attribute {name!r}")
