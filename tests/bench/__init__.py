"""Benchmarks: pressctl against the tools people use today (see run.py and RESULTS.md)."""
