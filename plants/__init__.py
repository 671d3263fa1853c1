"""SimPy plant models built on the kernels (refinery heater fleet, cement line, ...).

No plant model exists yet; this package is declared in ``pyproject.toml`` so that the
layering of ARCHITECTURE.md (kernels <- plants <- twins) is in place from the start.
"""
