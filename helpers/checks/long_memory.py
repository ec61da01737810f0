"""Checkers for notebook 10: the adding problem's targets, clipping by global norm, and one Adam step."""

import numpy as np

from ..optim import clip_by_norm
from ..tasks import adding_problem
from .feedback import check_function

GRAD_NAMES = ("W", "b")


def check_adding_targets(adding_targets):
    """Notebook 10: adding_targets(xs) should return ys (B, 1), the sum of the values (channel 0) where the marker
    (channel 1) is 1."""
    cases = [(adding_problem(np.random.default_rng(seed), batch, length)[0],)
             for seed, batch, length in ((1, 1, 6), (2, 4, 9), (3, 3, 20))]
    mistakes = [
        (lambda xs: xs[..., 0].sum(axis=1, keepdims=True),
         "you added every value: multiply the values by the marker channel first, so that only the two marked ones "
         "count"),
        (lambda xs: (xs[..., 0] * xs[..., 1]).mean(axis=1, keepdims=True),
         "you averaged over time: the target is the sum of the two marked values, not their mean over the sequence"),
        (lambda xs: xs[..., 1].sum(axis=1, keepdims=True),
         "you added the markers (channel 1), which always gives 2: the values are channel 0"),
        (lambda xs: (xs[..., 0] * xs[..., 1]).sum(axis=0, keepdims=True).T,
         "you summed over the batch (axis 0): sum over time, axis 1, one target per sequence"),
    ]
    return check_function("adding_targets", adding_targets, cases,
                          lambda xs: (xs[..., 0] * xs[..., 1]).sum(axis=1, keepdims=True), mistakes)


def _as_tuple(function):
    """Run a function of (grads, max_norm) that returns a dict of gradients; give its entries as a tuple, W then b."""
    def run(grads, max_norm):
        result = function(grads, max_norm)
        if not isinstance(result, dict) or set(result) != set(GRAD_NAMES):
            got = sorted(result) if isinstance(result, dict) else type(result).__name__
            raise TypeError(f"return a dict with the keys of grads, ['W', 'b']: got {got}")
        return tuple(result[name] for name in GRAD_NAMES)
    return run


def _clip_cases():
    rng = np.random.default_rng(10)
    W, b = rng.normal(size=(4, 3)), rng.normal(size=3)
    norm = np.sqrt(np.sum(W ** 2) + np.sum(b ** 2))
    # too long; short enough to be kept; b the longer part, so that clipping each by its own norm differs
    return [({"W": W, "b": b}, 1.0), ({"W": 0.1 * W, "b": 0.1 * b}, 1.0), ({"W": W, "b": 3 * b}, norm / 2)]


def check_clip_by_global_norm(clip_by_global_norm):
    """Notebook 10: clip_by_global_norm(grads, max_norm) should scale every gradient by min(1, max_norm / norm),
    norm being the length of all the gradients together (Pascanu et al. 2013)."""
    def each_by_own_norm(grads, max_norm):
        return {k: g * min(1.0, max_norm / np.linalg.norm(g)) for k, g in grads.items()}

    def always_to_max(grads, max_norm):
        norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
        return {k: g * max_norm / norm for k, g in grads.items()}

    def sum_of_norms(grads, max_norm):
        norm = sum(np.linalg.norm(g) for g in grads.values())
        return {k: g * min(1.0, max_norm / norm) for k, g in grads.items()}

    mistakes = [
        (_as_tuple(each_by_own_norm), "you clipped each gradient by its own norm: clipping by global norm scales all "
                                      "of them by one factor, found from the norm of all of them together"),
        (_as_tuple(lambda grads, m: {k: np.clip(g, -m, m) for k, g in grads.items()}),
         "you clipped each entry to [-max_norm, max_norm] (clipping by value): that changes the gradient's direction; "
         "clipping by norm keeps it and shortens the whole vector"),
        (_as_tuple(always_to_max), "you scaled every gradient to the length max_norm, also short ones: scale only "
                                   "when the norm is above max_norm, by min(1, max_norm / norm)"),
        (_as_tuple(sum_of_norms), "you added the gradients' norms: the global norm is the square root of the sum of "
                                  "every squared entry, sqrt(sum of ||g||^2)"),
    ]
    return check_function("clip_by_global_norm", _as_tuple(clip_by_global_norm), _clip_cases(),
                          _as_tuple(lambda grads, m: clip_by_norm(grads, m)[0]), mistakes)


def _adam(theta, g, m, v, t, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, correct=True, eps_inside=False,
          first_step=1):
    """Kingma and Ba's (2015) Algorithm 1, one step, with switches for the usual mistakes."""
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    power = t - first_step + 1
    m_hat, v_hat = (m / (1 - beta1 ** power), v / (1 - beta2 ** power)) if correct else (m, v)
    step = m_hat / np.sqrt(v_hat + eps) if eps_inside else m_hat / (np.sqrt(v_hat) + eps)
    return theta - lr * step, m, v


def _adam_cases():
    rng = np.random.default_rng(11)
    shape = (2, 3)
    first = (rng.normal(size=shape), rng.normal(size=shape), np.zeros(shape), np.zeros(shape), 1)
    later = (rng.normal(size=shape), 1e-3 * rng.normal(size=shape), 0.1 * rng.normal(size=shape),
             0.01 * rng.random(size=shape), 5)
    # tiny gradients, where v_hat is near eps: only there does eps inside or outside the square root show
    tiny = (rng.normal(size=shape), 1e-6 * rng.normal(size=shape), np.zeros(shape), np.zeros(shape), 1)
    return [first, later, tiny]


def check_adam_step(adam_step):
    """Notebook 10: adam_step(theta, g, m, v, t) should return (theta, m, v) after step t (counted from 1) of Adam,
    with lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8."""
    mistakes = [
        (lambda *a: _adam(*a, correct=False), "the bias correction is missing: divide m by 1 - beta1 ** t and v by "
                                              "1 - beta2 ** t before the update"),
        (lambda *a: _adam(*a, first_step=0), "t counts from 1: the first step divides by 1 - beta1 ** 1"),
        (lambda *a: _adam(*a, eps_inside=True), "eps goes outside the square root: m_hat / (sqrt(v_hat) + eps)"),
        (lambda theta, g, m, v, t: _adam(theta, g, m, v, t)[:1] + (m, v),
         "you returned the old m and v: return the updated moments, so that the next step starts from them"),
        (lambda theta, g, m, v, t: (2 * theta - _adam(theta, g, m, v, t)[0],) + _adam(theta, g, m, v, t)[1:],
         "the step has the wrong sign: Adam moves theta against the gradient, theta - lr * m_hat / ..."),
        (lambda theta, g, m, v, t: _adam(theta, g, m, v, t, beta1=0.999, beta2=0.9),
         "beta1 and beta2 are swapped: beta1 = 0.9 averages the gradient, beta2 = 0.999 its square"),
    ]
    return check_function("adam_step", adam_step, _adam_cases(), _adam, mistakes)
