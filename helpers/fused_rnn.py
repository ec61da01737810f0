"""The plain RNN and the gated RNN over a whole sequence, fused for speed: the numbers of helpers.rnn, computed fast.

The same buffers and tricks as helpers.fused (see its docstring): the input part of every step in one multiply before
the loop, one multiply per step for the hidden part, everything written in place, one dtype per sequence. The gated
RNN stacks its gate and its candidate as [W_g | W_s], so one multiply serves both.
"""

from collections import namedtuple

import numpy as np

from .fused import _activate, _cache_and_dhs, _checked_inputs, _checked_params, _input_part, _over_time, \
    _sequence_buffers
from .rnn import GATED_RNN_PARAMS, RNN_PARAMS

GATED_SCALE = (0.5, 1.0)  # g is a sigmoid, s_tilde a tanh: see helpers.fused._activate


class RNNFusedCache(namedtuple("RNNFusedCache", "hx gates W")):
    """What rnn_backward_fused needs: hx (T + 1, B, H + D), the states s_t as gates (1, T, B, H) and W_s."""

    __slots__ = ()
    s = _over_time(0)


class GatedRNNFusedCache(namedtuple("GatedRNNFusedCache", "hx gates W")):
    """What gated_rnn_backward_fused needs: hx, the gate g and candidate s_tilde (2, T, B, H) and [W_g | W_s]."""

    __slots__ = ()
    g, s_tilde = (_over_time(k) for k in range(2))


def rnn_forward_fused(xs, s0, params):
    """The plain RNN s_t = tanh([s_prev, x_t] @ W_s + b_s) over xs (B, T, D) from s0: states (B, T, H) and the cache."""
    xs, (s0,), shapes, dtype = _checked_inputs(xs, (s0,), ("s0",))
    p = _checked_params(shapes, params, RNN_PARAMS, dtype)
    (B, T, _), H = xs.shape, s0.shape[1]
    hx, gates = _sequence_buffers(xs, s0, (1, T, B, H))
    _input_part(hx, p["W_s"][H:], p["b_s"], np.ones(1, dtype), gates)
    W_h, a, s = p["W_s"][:H], gates[0], hx[:, :, :H]
    hidden = np.empty((B, H), dtype)
    for t in range(T):
        a[t] += np.matmul(s[t], W_h, out=hidden)
        np.tanh(a[t], out=a[t])
        s[t + 1] = a[t]
    return s[1:].swapaxes(0, 1), RNNFusedCache(hx, gates, p["W_s"])


def rnn_backward_fused(dstates, cache):
    """Backpropagation through time for rnn_forward_fused: (dxs, ds0, {"W_s": ..., "b_s": ...})."""
    dstates, _ = _cache_and_dhs(cache, RNNFusedCache, dstates)
    T, B, H = dstates.shape
    s = cache.gates[0]
    da = np.empty((T, B, H), dstates.dtype)
    W_hT = np.ascontiguousarray(cache.W[:H].T)
    ds_prev = np.zeros((B, H), dstates.dtype)
    for t in reversed(range(T)):
        # tanh' = 1 - s_t^2: the slope that shrinks the gradient at every step back.
        np.multiply(s[t], s[t], out=da[t])
        np.subtract(1, da[t], out=da[t])
        da[t] *= dstates[t] + ds_prev
        np.matmul(da[t], W_hT, out=ds_prev)
    da = da.reshape(T * B, H)
    dW = cache.hx[:T].reshape(T * B, -1).T @ da
    dxs = (da @ cache.W[H:].T).reshape(T, B, -1).swapaxes(0, 1)
    return dxs, ds_prev, {"W_s": dW, "b_s": da.sum(axis=0)}


def gated_rnn_forward_fused(xs, s0, params):
    """The gated RNN s_t = (1 - g_t) * s_prev + g_t * s_tilde over xs (B, T, D) from s0: states and the cache."""
    xs, (s0,), shapes, dtype = _checked_inputs(xs, (s0,), ("s0",))
    p = _checked_params(shapes, params, GATED_RNN_PARAMS, dtype)
    (B, T, _), H = xs.shape, s0.shape[1]
    W, b = np.concatenate([p["W_g"], p["W_s"]], axis=1), np.concatenate([p["b_g"], p["b_s"]])
    hx, gates = _sequence_buffers(xs, s0, (2, T, B, H))
    scale = np.array(GATED_SCALE, dtype)
    _input_part(hx, W[H:], b, scale, gates)
    W_h, s_gates = W[:H] * np.repeat(scale, H), scale[:, None, None]
    g, s_tilde = gates
    s = hx[:, :, :H]
    hidden, step = np.empty((B, 2 * H), dtype), np.empty((B, H), dtype)
    for t in range(T):
        gates[:, t] += np.matmul(s[t], W_h, out=hidden).reshape(B, 2, H).swapaxes(0, 1)
        _activate(gates[:, t], s_gates)
        # s_t = (1 - g_t) * s_prev + g_t * s_tilde = s_prev + g_t * (s_tilde - s_prev)
        np.subtract(s_tilde[t], s[t], out=step)
        step *= g[t]
        np.add(s[t], step, out=s[t + 1])
    return s[1:].swapaxes(0, 1), GatedRNNFusedCache(hx, gates, W)


def gated_rnn_backward_fused(dstates, cache):
    """Backpropagation through time for gated_rnn_forward_fused: (dxs, ds0, grads of W_g, b_g, W_s, b_s)."""
    dstates, _ = _cache_and_dhs(cache, GatedRNNFusedCache, dstates)
    T, B, H = dstates.shape
    dtype = dstates.dtype
    g, s_tilde = cache.gates
    s = cache.hx[:, :, :H]
    da = np.empty((T, B, 2 * H), dtype)  # [gate | candidate] pre-activation gradients, for the weights at the end
    da_g, da_s = da[:, :, :H], da[:, :, H:]
    W_hT = np.ascontiguousarray(cache.W[:H].T)
    ds, slope = np.empty((B, H), dtype), np.empty((B, H), dtype)
    ds_prev = np.zeros((B, H), dtype)
    for t in reversed(range(T)):
        np.add(dstates[t], ds_prev, out=ds)
        # da_g = ds (s_tilde - s_prev) g (1 - g)
        np.subtract(1, g[t], out=slope)
        slope *= g[t]
        np.subtract(s_tilde[t], s[t], out=da_g[t])
        da_g[t] *= slope
        da_g[t] *= ds
        # da_s = ds g (1 - s_tilde^2)
        np.multiply(s_tilde[t], s_tilde[t], out=slope)
        np.subtract(1, slope, out=slope)
        slope *= g[t]
        np.multiply(ds, slope, out=da_s[t])
        np.matmul(da[t], W_hT, out=ds_prev)
        # (1 - g_t) * ds is the direct path: where the gate keeps, the gradient passes back untouched.
        np.subtract(1, g[t], out=slope)
        slope *= ds
        ds_prev += slope
    da = da.reshape(T * B, 2 * H)
    dW = cache.hx[:T].reshape(T * B, -1).T @ da
    db = da.sum(axis=0)
    dxs = (da @ cache.W[H:].T).reshape(T, B, -1).swapaxes(0, 1)
    return dxs, ds_prev, {"W_g": dW[:, :H], "b_g": db[:H], "W_s": dW[:, H:], "b_s": db[H:]}
