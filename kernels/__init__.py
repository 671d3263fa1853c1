"""Numba-compiled physics kernels: numbers in, numbers out.

Each unit module (``heater``, later ``kiln``, ``blast_furnace``, ``hall_heroult``)
follows the kernel contract of :mod:`kernels.contract`.
"""
