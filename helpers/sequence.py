"""Unrolling a one-step cell over a whole sequence, forward and backward through time.

A state is one array (B, H), or a tuple of them, such as the LSTM's (h, c): each part is stacked over time.
"""

import numpy as np

from .validate import Shapes


def _each(function, *states):
    """Apply `function` to an array state, or part by part to tuple states."""
    if isinstance(states[0], tuple):
        return tuple(function(*parts) for parts in zip(*states))
    return function(*states)


def _stack(states):
    """A list over time of states (B, H) -> one state (B, T, H), part by part."""
    if isinstance(states[0], tuple):
        return tuple(np.stack(parts, axis=1) for parts in zip(*states))
    return np.stack(states, axis=1)


def sequence_forward(step_forward, xs, s0, params):
    """Run `step_forward(x_t, s_prev, params)` over xs of shape (B, T, D); return states (B, T, H) and caches."""
    shapes = Shapes()
    xs = shapes.check("xs", xs, ("B", "T", "D"))
    if isinstance(s0, tuple):
        s0 = tuple(shapes.check(f"s0[{k}]", part, ("B", "H")) for k, part in enumerate(s0))
    else:
        s0 = shapes.check("s0", s0, ("B", "H"))
    if xs.shape[1] == 0:
        raise ValueError(f"xs: expected at least one time step (T >= 1), got shape {xs.shape}")
    s, states, caches = s0, [], []
    for t in range(xs.shape[1]):
        s, cache = step_forward(xs[:, t], s, params)
        states.append(s)
        caches.append(cache)
    return _stack(states), caches


def sequence_backward(step_backward, dstates, caches):
    """Backpropagation through time: given dLoss/d states (B, T, H), return dxs, ds0 and summed parameter grads."""
    if not isinstance(caches, list) or not caches:
        raise ValueError(f"caches: expected the non-empty list a forward pass returned, got {type(caches).__name__}")
    shapes = Shapes()
    if isinstance(dstates, tuple):
        dstates = tuple(shapes.check(f"dstates[{k}]", part, ("B", len(caches), "H")) for k, part in enumerate(dstates))
    else:
        dstates = shapes.check("dstates", dstates, ("B", len(caches), "H"))
    ds = _each(lambda part: np.zeros_like(part[:, 0]), dstates)
    dxs, grads = [None] * len(caches), {}
    for t in reversed(range(len(caches))):
        # The state at t feeds both the loss at t and the step t + 1.
        ds_t = _each(lambda carried, part: carried + part[:, t], ds, dstates)
        dxs[t], ds, dparams = step_backward(ds_t, caches[t])
        for name, value in dparams.items():
            grads[name] = grads.get(name, 0.0) + value
    return np.stack(dxs, axis=1), ds, grads
