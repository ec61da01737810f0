"""Checker for notebook 06's step back through the memory, against finite differences."""

import numpy as np

from ..activations import sigmoid, tanh
from ..gradcheck import numerical_gradient
from .feedback import check_function


def _memory_cases():
    rng = np.random.default_rng(61)
    cases = []
    for batch in (1, 3):
        size = (batch, 3)
        dh_t, dc_next = rng.normal(size=size), rng.normal(size=size)
        f_next, f_t, i_t, o_t = (sigmoid(rng.normal(size=size)) for _ in range(4))
        c_prev, c_tilde = 2 * rng.normal(size=size), tanh(rng.normal(size=size))
        cases.append((dh_t, dc_next, f_next, c_prev, f_t, i_t, c_tilde, o_t, f_t * c_prev + i_t * c_tilde))
    return cases


def _memory_gradients_numerically(dh_t, dc_next, f_next, c_prev, f_t, i_t, c_tilde, o_t, c_t):
    """(dLoss/dc_prev, dLoss/df_t) by finite differences of the loss that reaches c_t through h_t and c_{t+1}:
    L = sum(dh_t * h_t) + sum(dc_next * f_next * c_t), with c_t = f_t * c_prev + i_t * c_tilde, h_t = o_t tanh(c_t)."""
    c_prev, f_t = np.array(c_prev, dtype=float), np.array(f_t, dtype=float)  # copies: they are nudged in place

    def loss():
        c = f_t * c_prev + i_t * c_tilde
        return np.sum(dh_t * o_t * np.tanh(c)) + np.sum(dc_next * f_next * c)

    return numerical_gradient(loss, c_prev), numerical_gradient(loss, f_t)


def _memory_backward(dh_t, dc_next, f_next, c_prev, f_t, i_t, c_tilde, o_t, c_t,
                     through_h=lambda dh, o, c: dh * o * (1 - np.tanh(c) ** 2), through_next=lambda dc, f: dc * f,
                     back=lambda f_t, f_next: f_t, df=lambda dc, c_prev, c_t, f_t: dc * c_prev):
    """The step written out, each path a keyword argument, so that a mistake is one of them written wrong."""
    dc_t = through_next(dc_next, f_next) + through_h(dh_t, o_t, c_t)
    return dc_t * back(f_t, f_next), df(dc_t, c_prev, c_t, f_t)


def check_lstm_memory_backward(lstm_memory_backward):
    """Notebook 06: lstm_memory_backward(dh_t, dc_next, f_next, c_prev, f_t, i_t, c_tilde, o_t, c_t) should return
    (dc_prev, df_t); the reference is finite differences."""
    variants = [
        ({"through_h": lambda dh, o, c: 0 * dh},
         "the path through h_t = o_t * tanh(c_t) is missing: c_t also reaches the loss through h_t, which adds "
         "dh_t * o_t * (1 - tanh(c_t) ** 2) to the gradient at c_t"),
        ({"back": lambda f_t, f_next: f_next},
         "you multiplied by f_{t+1} where f_t belongs: c_{t-1} reaches c_t through this step's forget gate, "
         "dc_prev = dc_t * f_t"),
        ({"through_h": lambda dh, o, c: dh * o},
         "the slope of tanh is missing on the path through h_t: d tanh(c_t) / dc_t = 1 - tanh(c_t) ** 2"),
        ({"through_h": lambda dh, o, c: dh * o * np.tanh(c)},
         "on the path through h_t, use the slope of tanh, 1 - tanh(c_t) ** 2, not tanh(c_t) itself"),
        ({"through_next": lambda dc, f: dc},
         "dc_next is the gradient at c_{t+1}; it reaches c_t through f_{t+1}: multiply it by f_next"),
        ({"df": lambda dc, c_prev, c_t, f_t: dc * c_t},
         "f_t multiplies c_prev, so df_t = dc_t * c_prev, not dc_t * c_t"),
        ({"df": lambda dc, c_prev, c_t, f_t: dc * c_prev * f_t * (1 - f_t)},
         "that df_t is the gradient of the forget gate's pre-activation z_f (times the sigmoid's slope): the exercise "
         "asks for the gradient with respect to f_t itself, dc_t * c_prev"),
    ]
    mistakes = [(lambda *a, changes=changes: _memory_backward(*a, **changes), message) for changes, message in variants]
    mistakes.append((lambda *a: _memory_backward(*a)[::-1], "you returned (df_t, dc_prev): return (dc_prev, df_t)"))
    return check_function("lstm_memory_backward", lstm_memory_backward, _memory_cases(), _memory_gradients_numerically,
                          mistakes)
