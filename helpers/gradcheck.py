"""Finite differences: the independent check of every backward function."""

import numpy as np


def numerical_gradient(f, x, h=1e-6):
    """Central-difference gradient of the scalar f() with respect to the float64 array x, nudged in place."""
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError(f"x: expected a float64 numpy array (it is nudged in place), got {type(x).__name__} "
                         f"of dtype {getattr(x, 'dtype', None)}")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f()
        x[index] = original - h
        f_minus = f()
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||): about 1e-10 when a float64 gradient is right, 1e-2 or worse when it is wrong."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"b: expected the shape of a, {a.shape}, got {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def gradient_errors(loss, arrays, analytic):
    """For each named array, the relative error between its analytic gradient and finite differences of loss()."""
    return {name: relative_error(analytic[name], numerical_gradient(loss, array)) for name, array in arrays.items()}
