"""twins: the user's API of heattwin.

Units with named, unit-aware parameters (:class:`UnitTwin`), scenarios and studies in
TOML (:class:`Scenario`, :class:`Study`), the HDF5 result store (:mod:`twins.store`),
the what-if report (:mod:`twins.report`) and the ``heattwin`` command (:mod:`twins.cli`).

>>> from twins import UnitTwin, Study                              # doctest: +SKIP
>>> heater = UnitTwin("heater")                                    # doctest: +SKIP
>>> r = heater.run(process_flow="100 kg/s", excess_air=0.10)       # doctest: +SKIP
>>> study = Study.grid(heater, excess_air=[0.05, 0.1, 0.2])        # doctest: +SKIP
>>> res = study.run(store="runs/heater_ea.h5")                     # doctest: +SKIP
"""

from twins.errors import (
    EngineError,
    HeattwinError,
    KernelError,
    ParameterError,
    ScenarioError,
    StoreError,
    UnknownUnitError,
)
from twins.scenario import Scenario
from twins.study import ReportSpec, Study, StudyResult
from twins.unit import Result, UnitTwin

__all__ = [
    "EngineError",
    "HeattwinError",
    "KernelError",
    "ParameterError",
    "ReportSpec",
    "Result",
    "Scenario",
    "ScenarioError",
    "StoreError",
    "Study",
    "StudyResult",
    "UnitTwin",
    "UnknownUnitError",
]
