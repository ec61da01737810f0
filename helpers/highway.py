"""Highway layers (Srivastava, Greff and Schmidhuber 2015): notebook 02's gated RNN with depth in place of time.

  highway:  y = T * H + (1 - T) * x,  T = sigmoid(x @ W_T + b_T),  H = tanh(x @ W_H + b_H)
  plain:    y = H
  residual: y = x + H  (He et al. 2016): the highway layer with both of its paths held open
A negative transform bias b_T starts each layer near "carry": T small, y close to x.
"""

from collections import namedtuple

import numpy as np

from .activations import sigmoid
from .validate import Shapes, as_count, as_real_array, check_params

KINDS = ("plain", "highway", "residual")
HIGHWAY_PARAMS = {"W_H": ("D", "D"), "b_H": ("D",), "W_T": ("D", "D"), "b_T": ("D",)}
PLAIN_PARAMS = {"W_H": ("D", "D"), "b_H": ("D",)}

HighwayCache = namedtuple("HighwayCache", "kind x H T params")


def _check_kind(kind):
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {list(KINDS)}, got {kind!r}")
    return kind


def init_highway_params(rng, size, carry_bias=-2.0):
    """One layer of width `size`: weights uniform in +-1/sqrt(size), the transform bias b_T at carry_bias."""
    size = as_count("size", size)
    bias = float(as_real_array("carry_bias", carry_bias))
    bound = 1.0 / np.sqrt(size)
    params = {name: rng.uniform(-bound, bound, size=[size] * len(spec)) for name, spec in HIGHWAY_PARAMS.items()}
    params["b_T"] = np.full(size, bias)
    return params


def highway_forward(x, params, kind="highway"):
    """One layer on x (B, D): y (B, D) and the cache for highway_backward. Plain and residual use W_H, b_H only."""
    kind = _check_kind(kind)
    shapes = Shapes()
    x = shapes.check("x", x, ("B", "D"))
    p = check_params(shapes, params, HIGHWAY_PARAMS if kind == "highway" else PLAIN_PARAMS)
    H = np.tanh(x @ p["W_H"] + p["b_H"])
    T = sigmoid(x @ p["W_T"] + p["b_T"]) if kind == "highway" else None
    y = {"plain": lambda: H, "residual": lambda: x + H, "highway": lambda: T * H + (1 - T) * x}[kind]()
    return y, HighwayCache(kind, x, H, T, p)


def highway_backward(dy, cache):
    """Given dL/dy, return (dx, grads): the carry path passes (1 - T) * dy straight back, the residual all of dy."""
    if not isinstance(cache, HighwayCache):
        raise ValueError(f"cache: expected the HighwayCache from highway_forward, got {type(cache).__name__}")
    c, p = cache, cache.params
    dy = Shapes().check("dy", dy, c.x.shape)
    dH = dy if c.T is None else dy * c.T
    dz_H = dH * (1 - c.H ** 2)
    dx = dz_H @ p["W_H"].T + {"plain": 0.0, "residual": dy}.get(c.kind, 0.0)
    grads = {"W_H": c.x.T @ dz_H, "b_H": dz_H.sum(axis=0)}
    if c.kind == "highway":
        dz_T = dy * (c.H - c.x) * c.T * (1 - c.T)
        dx = dx + dy * (1 - c.T) + dz_T @ p["W_T"].T
        grads.update(W_T=c.x.T @ dz_T, b_T=dz_T.sum(axis=0))
    return dx, grads


def _spread(x):
    """How far apart the examples of a batch are: the norm of x minus its batch mean."""
    return float(np.linalg.norm(x - x.mean(axis=0)))


def depth_profile(kind, carry_bias=-2.0, depth=50, width=32, batch=64, seed=0):
    """A stack of `depth` fresh layers at initialisation, fed a random batch: two curves over layers l = 0..depth.

    "spread": how far apart the examples still are at layer l, relative to the input (the signal that survives);
    "gradient": ||dL/dh_l|| when a random unit-norm gradient arrives at the top. Every kind draws the same weights
    from default_rng(seed), so the curves differ only by how the layers combine x and H.
    """
    kind, depth = _check_kind(kind), as_count("depth", depth)
    rng = np.random.default_rng(seed)
    h = rng.normal(size=(as_count("batch", batch, 2), as_count("width", width)))
    start, spread, caches = _spread(h), [1.0], []
    for _ in range(depth):
        h, cache = highway_forward(h, init_highway_params(rng, width, carry_bias), kind)
        spread.append(_spread(h) / start)
        caches.append(cache)
    g = rng.normal(size=h.shape)
    g /= np.linalg.norm(g)
    gradient = [1.0]
    for cache in reversed(caches):
        g = highway_backward(g, cache)[0]
        gradient.append(float(np.linalg.norm(g)))
    return {"spread": np.array(spread), "gradient": np.array(gradient[::-1])}
