"""Plain NumPy/SciPy reference implementations of the kernels (oracles and baselines)."""
