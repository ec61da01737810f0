"""The gate: a linear layer followed by a sigmoid, g = sigmoid(concat(inputs) @ W + b), each entry in (0, 1)."""

from .activations import sigmoid, sigmoid_grad
from .linear import linear_backward, linear_forward
from .validate import Shapes


def gate_forward(inputs, W, b):
    """Return the gate values g and the cache for gate_backward."""
    z, linear_cache = linear_forward(inputs, W, b)
    return sigmoid(z), (z, linear_cache)


def gate_backward(dg, cache):
    """Given dLoss/dg, return (a list of dLoss/d input, dLoss/dW, dLoss/db)."""
    z, linear_cache = cache
    dg = Shapes().check("dg", dg, z.shape)
    return linear_backward(dg * sigmoid_grad(z), linear_cache)


def gate(inputs, W, b):
    """The gate values alone: sigmoid(concat(inputs) @ W + b)."""
    return gate_forward(inputs, W, b)[0]
