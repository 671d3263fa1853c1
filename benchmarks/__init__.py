"""Benchmarks of heattwin: kernel speed and scale next to plain NumPy/SciPy references.

- :mod:`benchmarks.reference`: slow, obviously-correct implementations of the kernels
  (test oracles and speed baselines);
- :mod:`benchmarks.scenarios`: reproducible random scenario batches;
- :mod:`benchmarks.run`: the timing runner behind ``make bench``;
- :mod:`benchmarks.asv_heater`: the same measurements as asv benchmarks.
"""
