"""The linear layer every gate starts with: concat(inputs) @ W + b."""

import numpy as np

from .validate import Shapes


def concat(*arrays):
    """Join row-vector batches side by side: concat(h_prev, x_t) has H + D columns."""
    if not arrays:
        raise ValueError("concat: expected at least one array, got none")
    shapes = Shapes()
    checked = [shapes.check(f"concat argument {k}", a, ("B", f"n{k}")) for k, a in enumerate(arrays)]
    return np.concatenate(checked, axis=1)


def linear_forward(inputs, W, b):
    """Return z = concat(inputs) @ W + b and the cache the backward pass needs."""
    if isinstance(inputs, np.ndarray) or not isinstance(inputs, (list, tuple)):
        raise ValueError(f"inputs: expected a list or tuple of (B, n) arrays, got {type(inputs).__name__}")
    xcat = concat(*inputs)
    shapes = Shapes(B=xcat.shape[0], N=xcat.shape[1])
    W = shapes.check("W", W, ("N", "H"))
    b = shapes.check("b", b, ("H",))
    widths = [np.shape(x)[1] for x in inputs]
    return xcat @ W + b, (xcat, W, widths)


def linear_backward(dz, cache):
    """Given dLoss/dz, return (a list of dLoss/d input, dLoss/dW, dLoss/db)."""
    xcat, W, widths = cache
    dz = Shapes().check("dz", dz, (xcat.shape[0], W.shape[1]))
    dxcat = dz @ W.T
    d_inputs = np.split(dxcat, np.cumsum(widths)[:-1], axis=1)
    return d_inputs, xcat.T @ dz, dz.sum(axis=0)


def count_params(params):
    """How many numbers a dict of weights and biases holds: the parameter count of a layer or a cell."""
    if not isinstance(params, dict):
        raise ValueError(f"params: expected a dict of arrays, got {type(params).__name__}")
    return int(sum(np.size(value) for value in params.values()))
