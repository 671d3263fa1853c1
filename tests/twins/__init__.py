"""Tests of the user's API, :mod:`twins`."""
