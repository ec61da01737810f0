"""One causal attention head, with and without the output gate of Qiu et al. (2025).

  S = Q K^T / sqrt(d_k) with Q = X W_q, K = X W_k, and every later position masked;  P = softmax(S) row by row
  Y = P V with V = X W_v;  gated: Y' = Y * sigmoid(X W_theta + b_theta), one gate per output coordinate and position
X is (B, T, D), Y is (B, T, d_v), P is (B, T, T). Each row of P sums to 1, so without the gate Y is an average of
values: a head can output (nearly) nothing only by putting its weight on tokens whose values are (nearly) zero.
"""

from collections import namedtuple

import numpy as np

from .activations import sigmoid
from .optim import Adam
from .validate import Shapes, as_count, check_params

HEAD_PARAMS = {"W_q": ("D", "K"), "W_k": ("D", "K"), "W_v": ("D", "V")}
GATE_PARAMS = {"W_theta": ("D", "V"), "b_theta": ("V",)}

AttentionCache = namedtuple("AttentionCache", "X params P V Y G")


def causal_attention_forward(X, params, gated=False):
    """The head on X (B, T, D): output (B, T, d_v) and the cache (its attention weights P are cache.P)."""
    if not isinstance(gated, bool):
        raise ValueError(f"gated: expected True or False, got {gated!r}")
    shapes = Shapes()
    X = shapes.check("X", X, ("B", "T", "D"))
    p = check_params(shapes, params, {**HEAD_PARAMS, **(GATE_PARAMS if gated else {})})
    Q, K, V = X @ p["W_q"], X @ p["W_k"], X @ p["W_v"]
    S = Q @ K.transpose(0, 2, 1) / np.sqrt(Q.shape[2])
    T = X.shape[1]
    S = np.where(np.tril(np.ones((T, T), dtype=bool)), S, -np.inf)  # a position sees itself and what came before
    E = np.exp(S - S.max(axis=2, keepdims=True))
    P = E / E.sum(axis=2, keepdims=True)
    Y = P @ V
    G = sigmoid(X @ p["W_theta"] + p["b_theta"]) if gated else None
    return (Y if G is None else Y * G), AttentionCache(X, p, P, V, Y, G)


def causal_attention_backward(dout, cache):
    """Given dL/d(output) (B, T, d_v), return (dX, grads of W_q, W_k, W_v and, if gated, W_theta, b_theta)."""
    if not isinstance(cache, AttentionCache):
        raise ValueError(f"cache: expected the AttentionCache from causal_attention_forward, got {type(cache).__name__}")
    c, p = cache, cache.params
    dout = Shapes().check("dout", dout, c.Y.shape)
    flat_X = c.X.reshape(-1, c.X.shape[2])
    grads, dX = {}, 0.0
    dY = dout
    if c.G is not None:
        dY = dout * c.G
        d_gate = (dout * c.Y * c.G * (1 - c.G)).reshape(-1, c.Y.shape[2])
        grads.update(W_theta=flat_X.T @ d_gate, b_theta=d_gate.sum(axis=0))
        dX = (d_gate @ p["W_theta"].T).reshape(c.X.shape)
    dP = dY @ c.V.transpose(0, 2, 1)
    dV = c.P.transpose(0, 2, 1) @ dY
    dS = c.P * (dP - (dP * c.P).sum(axis=2, keepdims=True)) / np.sqrt(p["W_q"].shape[1])  # masked entries: P = 0
    Q, K = c.X @ p["W_q"], c.X @ p["W_k"]
    for name, d in (("W_q", dS @ K), ("W_k", dS.transpose(0, 2, 1) @ Q), ("W_v", dV)):
        grads[name] = flat_X.T @ d.reshape(-1, d.shape[2])
        dX = dX + d @ p[name].T
    return dX, grads


TOY_FEATURES = ("constant 1", "is first token", "is query", "is data")


def marked_copy_batch(rng, batch, length=8, content=4, first_token=True):
    """A toy task for a head that should mostly output nothing: (X (B, T, 4 + content), targets (B, T, content),
    query positions (B,)).

    Each token's features are TOY_FEATURES then `content` random numbers. One token is marked "data" and one later
    token "query": at the query the head must output the data token's content, everywhere else zeros. With
    first_token=True, position 0 is a start token marked as such, with no content and never data.
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng: expected a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    if not isinstance(first_token, bool):
        raise ValueError(f"first_token: expected True or False, got {first_token!r}")
    batch, length, content = as_count("batch", batch), as_count("length", length, 3), as_count("content", content)
    X = np.zeros((batch, length, len(TOY_FEATURES) + content))
    X[:, :, 0] = 1.0
    X[:, :, len(TOY_FEATURES):] = rng.normal(size=(batch, length, content))
    if first_token:
        X[:, 0, 1], X[:, 0, len(TOY_FEATURES):] = 1.0, 0.0
    rows = np.arange(batch)
    data = rng.integers(int(first_token), length - 1, batch)
    query = rng.integers(data + 1, length)
    X[rows, data, 3], X[rows, query, 2] = 1.0, 1.0
    targets = np.zeros((batch, length, content))
    targets[rows, query] = X[rows, data, len(TOY_FEATURES):]
    return X, targets, query


def train_attention_head(gated, first_token=True, steps=600, batch=32, lr=0.05, seed=0, key_size=4, content=4):
    """Train one head on marked_copy_batch by Adam on the mean squared error; returns (params, losses per step)."""
    rng = np.random.default_rng(seed)
    D = len(TOY_FEATURES) + as_count("content", content)
    sizes = {"D": D, "K": as_count("key_size", key_size), "V": content}
    specs = {**HEAD_PARAMS, **(GATE_PARAMS if gated else {})}
    params = {name: rng.normal(0, 0.3, [sizes[d] for d in spec]) for name, spec in specs.items()}
    if gated:
        params["b_theta"][:] = 0.0
    optimiser, losses = Adam(params, lr=lr), []
    for _ in range(as_count("steps", steps)):
        X, targets, _ = marked_copy_batch(rng, batch, content=content, first_token=first_token)
        out, cache = causal_attention_forward(X, params, gated)
        losses.append(float(np.mean((out - targets) ** 2)))
        optimiser.step(params, causal_attention_backward(2 * (out - targets) / out.size, cache)[1])
    return params, np.array(losses)
