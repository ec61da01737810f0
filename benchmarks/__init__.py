"""The course's benchmarks: `make bench` (or `python -m benchmarks`) prints a table and writes results.json."""
