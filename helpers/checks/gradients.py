"""Checkers for notebook 09: two paths of the GRU's Jacobian, the product of forget gates, and clipping's scale."""

import numpy as np

from ..gradient_flow import _gru_paths, _path_matrix
from ..gru import gru_step_forward, init_gru_params
from ..optim import global_norm
from .feedback import check_function


def _gru_cases():
    rng = np.random.default_rng(9)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        params = init_gru_params(rng, D, H)
        params["W_z"] = 3 * params["W_z"]  # gates away from 0.5, so that z and 1 - z differ
        h_prev = rng.normal(size=(batch, H))
        _, cache = gru_step_forward(rng.normal(size=(batch, D)), h_prev, params)
        cases.append((h_prev, cache.z_t, cache.h_tilde, params["W_z"]))
    return cases


def _direct_and_update(h_prev, z_t, h_tilde, W_z, keep=lambda z: z, slope=lambda z: z * (1 - z),
                       rows=lambda W, H: W[:H], gap=lambda h, h_tilde: h - h_tilde, flip=lambda W: W.T):
    """The two paths written out, each part a keyword argument, so that a mistake is one of them written wrong."""
    H = z_t.shape[1]
    direct = keep(z_t)[:, :, None] * np.eye(H)
    update = (gap(h_prev, h_tilde) * slope(z_t))[:, :, None] * flip(rows(W_z, H))
    return direct, update


def check_gru_direct_and_update(gru_direct_and_update):
    """Notebook 09: gru_direct_and_update(h_prev, z_t, h_tilde, W_z) should return the GRU's (direct, update) paths
    of dh_t/dh_{t-1}, each (B, H, H)."""
    def reference(h_prev, z_t, h_tilde, W_z):
        unused = np.zeros_like(z_t)  # r_t and the hidden part enter only the other two paths
        paths = _gru_paths("after", h_prev, z_t, unused, h_tilde, unused, W_z, W_z, W_z)
        return _path_matrix(paths["direct"]), _path_matrix(paths["update"])

    variants = [
        ({"keep": lambda z: 1 - z},
         "the direct path is diag(z_t) in the course's GRU, h_t = z_t * h_prev + (1 - z_t) * h_tilde: "
         "diag(1 - z_t) is Chung et al.'s convention, where z = 1 takes the candidate"),
        ({"slope": lambda z: 1},
         "the update path needs the sigmoid's slope: dz_t/da = z_t * (1 - z_t), where a is z's pre-activation"),
        ({"slope": lambda z: z}, "the sigmoid's slope is z_t * (1 - z_t), not z_t"),
        ({"gap": lambda h, h_tilde: h_tilde - h},
         "the sign of the update path is off: dh_t/dz_t = h_prev - h_tilde, since h_t = z_t * h_prev + "
         "(1 - z_t) * h_tilde"),
        ({"flip": lambda W: W},
         "the update path is transposed: entry [i, j] is dh_t[i]/dh_prev[j], which reads W_z[j, i], so the matrix "
         "is diag(...) @ W_z[:H].T"),
        ({"rows": lambda W, H: W},
         "you used all H + D rows of W_z: only the first H, W_z[:H], multiply h_prev"),
    ]
    mistakes = [(lambda *a, changes=changes: _direct_and_update(*a, **changes), message)
                for changes, message in variants]
    mistakes.append((lambda *a: _direct_and_update(*a)[::-1], "you returned (update, direct): return (direct, update)"))
    return check_function("gru_direct_and_update", gru_direct_and_update, _gru_cases(), reference, mistakes)


def _forget_cases():
    rng = np.random.default_rng(90)
    return [(rng.uniform(0.3, 1.0, size=(1, 5, 2)),), (rng.uniform(0.05, 1.0, size=(3, 8, 4)),)]


def _kept(f, reverse=True, first_one=True, keep=lambda f: f):
    """The product of the last d forget gates for d = 0..T, each part a keyword argument (see _direct_and_update)."""
    gates = keep(f)[:, ::-1] if reverse else keep(f)
    products = np.cumprod(gates, axis=1)
    return np.concatenate([np.ones_like(f[:, :1]), products], axis=1) if first_one else products


def check_forget_product(forget_product):
    """Notebook 09: forget_product(f) should return, for gates f (B, T, H), the products f_T * ... * f_{T-d+1}
    for d = 0..T as (B, T + 1, H), with 1 at d = 0."""
    variants = [
        ({"reverse": False},
         "you multiplied from f_1 forwards: the gradient leaves s_T, so d steps back it has met f_T, f_{T-1}, ..., "
         "f_{T-d+1}; multiply from the last gate backwards (f[:, ::-1])"),
        ({"first_one": False},
         "entry d = 0 is missing: at distance 0 nothing has been multiplied yet, the product is 1, so the result "
         "has T + 1 entries along axis 1"),
        ({"keep": lambda f: 1 - f},
         "you multiplied 1 - f: in the LSTM, c_t = f_t * c_{t-1} + ..., so the memory line keeps f_t"),
    ]
    mistakes = [(lambda f, changes=changes: _kept(f, **changes), message) for changes, message in variants]
    mistakes.append((lambda f: np.cumprod(f[:, ::-1], axis=0),
                     "the product runs over time, axis 1 of (B, T, H), not over the batch"))
    return check_function("forget_product", forget_product, _forget_cases(), _kept, mistakes)


def _clip_cases():
    rng = np.random.default_rng(91)
    large = {"W_s": 40 * rng.normal(size=(5, 3)), "b_s": 40 * rng.normal(size=3)}
    small = {"W_s": 0.01 * rng.normal(size=(5, 3)), "b_s": 0.01 * rng.normal(size=3)}
    return [(large, 1.0), (small, 1.0), ({"W": rng.normal(size=(4, 4)), "b": rng.normal(size=4)}, 0.5)]


def check_clip_scale(clip_scale):
    """Notebook 09: clip_scale(grads, max_norm) should return the number clip_by_norm multiplies every gradient by,
    min(1, max_norm / global norm)."""
    def scale(grads, max_norm, norm=global_norm, cap=True):
        value = max_norm / norm(grads)
        return np.asarray(min(1.0, value) if cap else value)

    mistakes = [
        (lambda g, m: scale(g, m, cap=False),
         "a small gradient was scaled up: clipping only ever shrinks, the scale is min(1, max_norm / norm)"),
        (lambda g, m: np.asarray(min(1.0, global_norm(g) / m)), "the ratio is upside down: max_norm / norm"),
        (lambda g, m: np.asarray(global_norm(g) / m), "the ratio is upside down: max_norm / norm"),
        (lambda g, m: scale(g, m, norm=lambda g: sum(np.linalg.norm(v) for v in g.values())),
         "you added the arrays' norms: the global norm is sqrt of the sum of every squared entry of every array"),
        (lambda g, m: scale(g, m, norm=lambda g: np.linalg.norm(next(iter(g.values())))),
         "you used one array's norm: clipping by norm measures all the gradients together, as one vector"),
        (lambda g, m: scale(g, m, norm=lambda g: global_norm(g) ** 2),
         "you used the squared norm: take the square root of the sum of squares"),
    ]
    return check_function("clip_scale", clip_scale, _clip_cases(), scale, mistakes)
