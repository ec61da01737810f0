"""Helpers for Gates, a course on how gates work in deep learning: the cells, their gradients, figures and checks.

Importing this package does nothing else: each notebook sets its style and seed in its first cell.
"""
