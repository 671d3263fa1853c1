"""SimPy plant models built on the kernels.

- :mod:`plants.heater_fleet`: a refinery's fired heaters over months — coking campaigns,
  decokes by a crew, trips, a crude plan and fuel tariffs (``heattwin plant``).
- :mod:`plants.schedules`, :mod:`plants.monitor`: piecewise-constant inputs, explicit
  monitoring and the ``/plant`` HDF5 layout shared by every plant.

Plants call kernels with numeric vectors and never import :mod:`twins` (ARCHITECTURE.md §1).
"""
