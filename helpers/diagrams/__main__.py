"""Redraw every diagram into images/ (or the folder given): `python -m helpers.diagrams`, as `make images` does."""

import sys

from .images import write_all

for path in write_all(*sys.argv[1:]):
    print(path)
