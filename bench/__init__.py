"""Benchmarks. Each module is runnable: `python -m bench.<name>`; figures go to the README."""
