"""The activations of the course, each with its derivative: sigmoid and tanh for cells, ReLU, GELU and Swish for GLUs."""

import math

import numpy as np

from .validate import Shapes, as_real_array


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


def relu(z):
    """max(z, 0): the activation of the plain feed-forward block and of ReGLU."""
    return np.maximum(as_real_array("z", z), 0.0)[()]


def relu_grad(z):
    """The slope of ReLU at z: 1 where z > 0, else 0 (0 at z = 0, as PyTorch takes it)."""
    return (as_real_array("z", z) > 0).astype(np.float64)[()]


# numpy has no erf; math.erf is exact to double precision, applied entry by entry.
_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu(z):
    """GELU in its exact form, z * Phi(z) = z * (1 + erf(z / sqrt 2)) / 2 (not the tanh approximation)."""
    z = as_real_array("z", z)
    return (0.5 * z * (1.0 + _erf(z / math.sqrt(2.0))))[()]


def gelu_grad(z):
    """The slope of the exact GELU at z: Phi(z) + z * phi(z), with phi the standard normal density."""
    z = as_real_array("z", z)
    cdf = 0.5 * (1.0 + _erf(z / math.sqrt(2.0)))
    return (cdf + z * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi))[()]


def swish(z, beta=1.0):
    """Swish, z * sigmoid(beta * z); beta = 1 is SiLU, large beta approaches ReLU."""
    z, beta = as_real_array("z", z), float(Shapes().check("beta", beta, ()))
    return (z * sigmoid(beta * z))[()]


def swish_grad(z, beta=1.0):
    """The slope of Swish at z: sigmoid(beta z) + beta z sigmoid'(beta z)."""
    z, beta = as_real_array("z", z), float(Shapes().check("beta", beta, ()))
    return (sigmoid(beta * z) + beta * z * sigmoid_grad(beta * z))[()]
