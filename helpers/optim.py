"""Training a cell: Adam, written out as Kingma and Ba (2015) publish it, and gradient clipping by norm.

Parameters and gradients are dicts {name: array}, as every cell of the course keeps them.
"""

import numpy as np

from .validate import as_positive, as_real_array


def _checked_grads(params, grads):
    """The gradients as float64 arrays with the parameters' names and shapes, or ValueError naming what differs."""
    if not isinstance(grads, dict) or set(grads) != set(params):
        names = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        raise ValueError(f"grads: expected one gradient for each parameter {sorted(params)}, got {names}")
    checked = {}
    for name, grad in grads.items():
        checked[name] = as_real_array(f"grads[{name!r}]", grad)
        if checked[name].shape != np.shape(params[name]):
            raise ValueError(f"grads[{name!r}]: expected the shape of params[{name!r}], {np.shape(params[name])}, "
                             f"got {checked[name].shape}")
    return checked


def global_norm(grads):
    """sqrt of the sum of every squared entry of every gradient: the length of all of them as one vector."""
    if not isinstance(grads, dict) or not grads:
        raise ValueError(f"grads: expected a non-empty dict {{name: gradient}}, got {type(grads).__name__}")
    return float(np.sqrt(sum(np.sum(np.square(as_real_array(f"grads[{name!r}]", g))) for name, g in grads.items())))


def clip_by_norm(grads, max_norm):
    """Pascanu, Mikolov and Bengio (2013): if the gradients' global norm exceeds max_norm, scale them all down to it.

    The direction is kept and only the length is capped. Returns (clipped grads, the norm before clipping).
    """
    max_norm = as_positive("max_norm", max_norm)
    norm = global_norm(grads)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {name: scale * np.asarray(g, dtype=float) for name, g in grads.items()}, norm


class Adam:
    """Kingma and Ba (2015), Algorithm 1, one parameter dict at a time:

        m_t = beta1 m_{t-1} + (1 - beta1) g_t            v_t = beta2 v_{t-1} + (1 - beta2) g_t**2
        m_hat = m_t / (1 - beta1**t)                      v_hat = v_t / (1 - beta2**t)
        theta_t = theta_{t-1} - lr * m_hat / (sqrt(v_hat) + eps)

    `step(params, grads)` updates params in place and returns them.
    """

    def __init__(self, params, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-8):
        if not isinstance(params, dict) or not params:
            raise ValueError(f"params: expected a non-empty dict {{name: array}}, got {type(params).__name__}")
        lr, eps = as_positive("lr", lr), as_positive("eps", eps)
        for name, value in (("beta1", beta1), ("beta2", beta2)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
                raise ValueError(f"{name}: expected a number in [0, 1), got {value!r}")
        self.lr, self.beta1, self.beta2, self.eps = float(lr), float(beta1), float(beta2), float(eps)
        self.t = 0
        self.m = {name: np.zeros(np.shape(p)) for name, p in params.items()}
        self.v = {name: np.zeros(np.shape(p)) for name, p in params.items()}

    def step(self, params, grads):
        """One update of every parameter from its gradient; params is changed in place and returned."""
        if not isinstance(params, dict) or set(params) != set(self.m):
            names = sorted(params) if isinstance(params, dict) else type(params).__name__
            raise ValueError(f"params: expected the parameters this Adam was made for, {sorted(self.m)}, got {names}")
        grads = _checked_grads(params, grads)
        self.t += 1
        for name, g in grads.items():
            self.m[name] = self.beta1 * self.m[name] + (1 - self.beta1) * g
            self.v[name] = self.beta2 * self.v[name] + (1 - self.beta2) * g ** 2
            m_hat = self.m[name] / (1 - self.beta1 ** self.t)
            v_hat = self.v[name] / (1 - self.beta2 ** self.t)
            params[name] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return params
