"""The two squashing functions of every gated cell, sigmoid and tanh, with their derivatives."""

import numpy as np

from .validate import as_real_array


def sigmoid(z):
    """1 / (1 + exp(-z)), computed so that exp never overflows, even at z = -1000."""
    z = as_real_array("z", z)
    # exp(-|z|) lies in (0, 1], so neither branch can overflow.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))[()]


def sigmoid_grad(z):
    """The slope of the sigmoid at z: sigmoid(z) * (1 - sigmoid(z)), never above 1/4."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """The hyperbolic tangent, squashing z into (-1, 1)."""
    return np.tanh(as_real_array("z", z))[()]


def tanh_grad(z):
    """The slope of tanh at z: 1 - tanh(z)**2, never above 1."""
    t = tanh(z)
    return 1.0 - t * t
