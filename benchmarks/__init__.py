"""Benchmarks of what users wait for, each against a baseline measured in the same run.

Run with ``./run.sh bench`` (all), ``./run.sh bench fit`` (one) or ``./run.sh bench --quick``
(small sizes, a smoke test). Results are printed as a table of ratios; they are never asserted
as timed tests. See benchmarks/README.md.
"""
