"""Unrolling a one-step cell over a whole sequence, forward and backward through time."""

import numpy as np

from .validate import Shapes


def sequence_forward(step_forward, xs, s0, params):
    """Run `step_forward(x_t, s_prev, params)` over xs of shape (B, T, D); return states (B, T, H) and caches."""
    shapes = Shapes()
    xs = shapes.check("xs", xs, ("B", "T", "D"))
    s0 = shapes.check("s0", s0, ("B", "H"))
    if xs.shape[1] == 0:
        raise ValueError(f"xs: expected at least one time step (T >= 1), got shape {xs.shape}")
    s, states, caches = s0, [], []
    for t in range(xs.shape[1]):
        s, cache = step_forward(xs[:, t], s, params)
        states.append(s)
        caches.append(cache)
    return np.stack(states, axis=1), caches


def sequence_backward(step_backward, dstates, caches):
    """Backpropagation through time: given dLoss/d states (B, T, H), return dxs, ds0 and summed parameter grads."""
    if not isinstance(caches, list) or not caches:
        raise ValueError(f"caches: expected the non-empty list a forward pass returned, got {type(caches).__name__}")
    dstates = Shapes().check("dstates", dstates, ("B", len(caches), "H"))
    ds = np.zeros_like(dstates[:, 0])
    dxs, grads = [None] * len(caches), {}
    for t in reversed(range(len(caches))):
        # The state at t feeds both the loss at t and the step t + 1.
        dxs[t], ds, dparams = step_backward(ds + dstates[:, t], caches[t])
        for name, value in dparams.items():
            grads[name] = grads.get(name, 0.0) + value
    return np.stack(dxs, axis=1), ds, grads
