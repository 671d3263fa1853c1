"""Benchmarks of heattwin: kernel speed and scale next to plain NumPy/SciPy references.

- :mod:`benchmarks.reference`: slow, obviously-correct implementations of the kernels
  (test oracles and speed baselines): ``heater``, ``kiln`` (inert bed, gas fired), and
  the NumPy pieces they share (``nasa``: NASA-7 gas thermochemistry; ``flue_gas``:
  Sutherland properties and WSGG emissivity);
- :mod:`benchmarks.scenarios`, :mod:`benchmarks.kiln_scenarios`: reproducible heater and
  kiln scenarios;
- :mod:`benchmarks.run`: the timing runner behind ``make bench`` (heater section), with
  :mod:`benchmarks.run_kiln` (kiln section) and :mod:`benchmarks.harness` (shared
  helpers: timings, subprocesses, machine, formats);
- :mod:`benchmarks.asv_heater`, :mod:`benchmarks.asv_kiln`: the same measurements as asv
  benchmarks.
"""
