"""The LSTM and GRU over a whole sequence, fused for speed: the numbers of helpers.lstm and helpers.gru, computed fast.

The readable path calls one small checked function per gate per step. Here the input part of every step is one
multiply, each step makes one stacked multiply for its hidden part, states and gates go into buffers allocated once and
written in place, and backpropagation through time ends with one multiply per weight matrix. Inputs are checked once.

One dtype per sequence: float32 arrays are computed and returned in float32, float64 in float64, and integer arrays
count as float64. Mixing them (float32 xs with a float64 h0, say) is a ValueError naming the argument: a silent
promotion would throw the speed of float32 away, a silent demotion the precision of float64.

Buffers are time-major. hx (T + 1, B, H + D) holds hx[t] = concat(h_{t-1}, x_t), the course's concatenation for every
step: step t reads h_prev from hx[t, :, :H] and writes h_t into hx[t + 1, :, :H]. The gates are kept gate by gate,
(n, T, B, H), so that each step's i, f, g, o (or h_tilde, z, r) are contiguous blocks. hs and cs are (B, T, H) views
of the cache's buffers: copy them before writing into them if the backward pass is still to come.
"""

import math
from collections import namedtuple

import numpy as np

from .gru import GRU_PARAMS, _check_reset
from .validate import Shapes, as_real_array, check_params

FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
# The scale s of each gate's pre-activation (see _activate): 1/2 for a sigmoid gate, 1 for tanh.
LSTM_SCALE = (0.5, 0.5, 1.0, 0.5)  # i, f, g, o
# The GRU's input part stacks (h_tilde, z, r) and its hidden part (z, r, h_tilde): they overlap in z and r, so one
# buffer of pre-activation gradients [h_tilde | z | r | hidden part] serves both weight gradients.
GRU_X_ORDER, GRU_H_ORDER = ("h", "z", "r"), ("z", "r", "h")
GRU_X_SCALE, GRU_H_SCALE = (1.0, 0.5, 0.5), (0.5, 0.5, 1.0)
# The gate ablations of Greff et al. (2017): a gate held at 1, or the input gate tied to the forget gate (i = 1 - f).
# The held gate's block of W and b stays in place but is never read, so its gradient is 0.
LSTM_VARIANTS = {None: None, "no_forget": 1, "no_input": 0, "no_output": 3, "coupled": None}


def _dtype_of(name, array, dtype):
    """The array in its own float dtype (integers as float64), or ValueError if that is not the sequence's dtype."""
    if np.issubdtype(array.dtype, np.integer):
        array = array.astype(np.float64)
    if array.dtype not in FLOATS:
        raise ValueError(f"{name}: expected float32 or float64 (or integers), got dtype {array.dtype}")
    if dtype is not None and array.dtype != dtype:
        raise ValueError(f"{name}: expected dtype {dtype}, the dtype of the sequence (one dtype for xs, the states, "
                         f"params and gradients: convert with .astype), got dtype {array.dtype}")
    return array


def _checked(shapes, name, value, spec, dtype):
    """`value` with its shape checked by `shapes` (binding B, T, D, H as Shapes does), finite, its dtype kept."""
    array = _dtype_of(name, np.asarray(value), dtype)
    # Shapes.check returns a float64 copy, so it checks a zero-stride stand-in of the same shape instead.
    shapes.check(name, np.broadcast_to(np.float64(0), array.shape), spec)
    if not np.isfinite(array).all():
        as_real_array(name, array)  # raises, naming the first entry that is not finite
    return array


def _checked_params(shapes, params, specs, dtype):
    """The parameters checked by check_params (keys, shapes, finite), each kept in its dtype."""
    check_params(shapes, params, specs)
    return {name: _dtype_of(name, np.asarray(params[name]), dtype) for name in specs}


def _checked_inputs(xs, states, names):
    """xs (B, T, D) and the start states (B, H), checked under their names; the Shapes and dtype they fix."""
    shapes = Shapes()
    xs = _checked(shapes, "xs", xs, ("B", "T", "D"), None)
    if xs.shape[1] == 0:
        raise ValueError(f"xs: expected at least one time step (T >= 1), got shape {xs.shape}")
    states = [_checked(shapes, name, state, ("B", "H"), xs.dtype) for name, state in zip(names, states)]
    return xs, states, shapes, xs.dtype


def _sequence_buffers(xs, h0, *shapes):
    """hx (T + 1, B, H + D) filled with h0 and every x_t, then empty arrays of `shapes`: all from one allocation.

    One allocation rather than several: glibc gives freed memory back to the system once more than twice its largest
    block is free, and a forward and backward pass then free less than twice this one, so the next call reuses the
    memory instead of faulting it in afresh, which on a small virtual machine costs as much as the arithmetic.
    """
    (B, T, D), H = xs.shape, h0.shape[1]
    shapes = [(T + 1, B, H + D), *shapes]
    sizes = [math.prod(shape) for shape in shapes]
    block = np.empty(sum(sizes), xs.dtype)
    hx, *arrays = [block[end - size:end].reshape(shape) for shape, size, end in zip(shapes, sizes, np.cumsum(sizes))]
    hx[0, :, :H] = h0
    hx[:T, :, H:] = xs.swapaxes(0, 1)
    hx[T, :, H:] = 0  # there is no x_{T+1}; never read
    return hx, *arrays


def _input_part(hx, W_x, b, s, gates):
    """Into gates (n, T, B, H): x_t @ W_x + b for every step at once, each gate's block scaled by its s."""
    n, T, B, H = gates.shape
    x = hx[:T].reshape(T * B, -1)[:, H:]
    W = W_x.reshape(-1, n, H).swapaxes(0, 1) * s[:, None, None]
    np.matmul(x, W, out=gates.reshape(n, T * B, H))
    gates += (b.reshape(n, H) * s[:, None])[:, None, None]


def _activate(a, s):
    """In place, a -> s * tanh(a) + (1 - s): a sigmoid where s = 1/2 (a having been halved), tanh where s = 1.

    sigmoid(a) = (1 + tanh(a / 2)) / 2 never overflows (tanh saturates) and keeps the dtype; halving is exact in binary
    floating point, so the sigmoid gates' columns of W and b are halved once and one tanh serves every gate.
    """
    np.tanh(a, out=a)
    a *= s
    a += 1 - s


def _cache_and_dhs(cache, kind, dhs):
    """Check the cache's type and dhs (B, T, H) against it; return dhs as a time-major view and the Shapes."""
    if not isinstance(cache, kind):
        raise ValueError(f"cache: expected the {kind.__name__} its forward function returned, "
                         f"got {type(cache).__name__}")
    T, B, H = cache.gates.shape[1:]
    shapes = Shapes(B=B, T=T, H=H)
    return _checked(shapes, "dhs", dhs, ("B", "T", "H"), cache.gates.dtype).swapaxes(0, 1), shapes


def _over_time(k):
    """A property: gate k of a cache's gates (n, T, B, H) as (B, T, H), like the readable path's values over time."""
    return property(lambda cache: cache.gates[k].swapaxes(0, 1))


class LSTMFusedCache(namedtuple("LSTMFusedCache", "hx c gates W variant", defaults=(None,))):
    """What lstm_backward_fused needs: hx, c (T + 1 states), the gates i, f, g, o (4, T, B, H), W and the variant."""

    __slots__ = ()
    i, f, g, o = (_over_time(k) for k in range(4))


def lstm_forward_fused(xs, h0, c0, params, variant=None):
    """The LSTM over xs (B, T, D) from (h0, c0): hidden states hs (B, T, H), cell states cs (B, T, H) and the cache.

    `variant` ablates a gate: "no_forget" (f = 1), "no_input" (i = 1), "no_output" (o = 1), "coupled" (i = 1 - f).
    """
    xs, (h0, c0), shapes, dtype = _checked_inputs(xs, (h0, c0), ("h0", "c0"))
    if variant not in LSTM_VARIANTS:
        raise ValueError(f"variant: expected one of {list(LSTM_VARIANTS)}, got {variant!r}")
    held = LSTM_VARIANTS[variant]
    (B, T, _), H = xs.shape, h0.shape[1]
    p = _checked_params(shapes, params, {"W": ("H+D", 4 * H), "b": (4 * H,)}, dtype)
    hx, gates, c = _sequence_buffers(xs, h0, (4, T, B, H), (T + 1, B, H))
    s = np.array(LSTM_SCALE, dtype)
    _input_part(hx, p["W"][H:], p["b"], s, gates)
    W_h, s_gates = p["W"][:H] * np.repeat(s, H), s[:, None, None]
    i, f, c_tilde, o = gates
    h = hx[:, :, :H]
    c[0] = c0
    hidden, written, tanh_c = np.empty((B, 4 * H), dtype), np.empty((B, H), dtype), np.empty((B, H), dtype)
    for t in range(T):
        # All four gates' hidden parts in one multiply, then one tanh for all four: see _activate.
        gates[:, t] += np.matmul(h[t], W_h, out=hidden).reshape(B, 4, H).swapaxes(0, 1)
        _activate(gates[:, t], s_gates)
        if held is not None:
            gates[held, t] = 1
        elif variant == "coupled":
            np.subtract(1, f[t], out=i[t])
        # c_t = f_t * c_prev + i_t * c_tilde
        np.multiply(f[t], c[t], out=c[t + 1])
        c[t + 1] += np.multiply(i[t], c_tilde[t], out=written)
        # h_t = o_t * tanh(c_t)
        np.multiply(o[t], np.tanh(c[t + 1], out=tanh_c), out=h[t + 1])
    return h[1:].swapaxes(0, 1), c[1:].swapaxes(0, 1), LSTMFusedCache(hx, c, gates, p["W"], variant)


def lstm_backward_fused(dhs, cache, dc_last=None):
    """Backpropagation through time for lstm_forward_fused: (dxs, dh0, dc0, {"W": dW, "b": db})."""
    dhs, shapes = _cache_and_dhs(cache, LSTMFusedCache, dhs)
    T, B, H = dhs.shape
    dtype = dhs.dtype
    dc = np.zeros((B, H), dtype)
    if dc_last is not None:
        dc[:] = _checked(shapes, "dc_last", dc_last, ("B", "H"), dtype)
    i, f, c_tilde, o = cache.gates
    h = cache.hx[:, :, :H]
    # The slope of a gate at its value y: sigmoid' = (1 - y) y and tanh' = (1 - y)(1 + y), so (1 - y)(y + beta).
    beta = np.array([0, 0, 1, 0], dtype)[:, None, None]
    # da, the gradient of every step's pre-activations, is kept for the weight gradient's one multiply at the end.
    da = np.empty((T, B, 4 * H), dtype)
    W_hT = np.ascontiguousarray(cache.W[:H].T)
    dh, tanh_c, sent = (np.empty((B, H), dtype) for _ in range(3))
    dgates, slope, shifted = (np.empty((4, B, H), dtype) for _ in range(3))
    dh_prev = np.zeros((B, H), dtype)
    for t in reversed(range(T)):
        # h_t feeds the loss at t and the step t + 1.
        np.add(dhs[t], dh_prev, out=dh)
        # c_t reaches the loss through h_t = o_t * tanh(c_t) as well as through c_{t+1}:
        # dh * o_t * tanh'(c_t) = dh * (o_t - h_t * tanh(c_t)), since tanh' = 1 - tanh^2.
        np.tanh(cache.c[t + 1], out=tanh_c)
        np.multiply(h[t + 1], tanh_c, out=sent)
        np.subtract(o[t], sent, out=sent)
        sent *= dh
        dc += sent
        # dLoss/d(i, f, c_tilde, o) = (dc c_tilde, dc c_prev, dc i, dh tanh(c_t)), then times each gate's slope.
        np.multiply(dc, c_tilde[t], out=dgates[0])
        np.multiply(dc, cache.c[t], out=dgates[1])
        np.multiply(dc, i[t], out=dgates[2])
        np.multiply(dh, tanh_c, out=dgates[3])
        if cache.variant == "coupled":
            # i = 1 - f: the input gate's gradient goes to f, sign flipped. (A held gate's slope below is 0.)
            dgates[1] -= dgates[0]
            dgates[0] = 0
        np.subtract(1, cache.gates[:, t], out=slope)
        slope *= np.add(cache.gates[:, t], beta, out=shifted)
        np.multiply(dgates, slope, out=da[t].reshape(B, 4, H).swapaxes(0, 1))
        # f_t * dc is the memory's own path back in time.
        dc *= f[t]
        np.matmul(da[t], W_hT, out=dh_prev)
    da = da.reshape(T * B, 4 * H)
    # dW = concat(h_prev, x_t)^T @ da, summed over every step and example in one multiply.
    dW = cache.hx[:T].reshape(T * B, -1).T @ da
    dxs = (da @ cache.W[H:].T).reshape(T, B, -1).swapaxes(0, 1)
    return dxs, dh_prev, dc, {"W": dW, "b": da.sum(axis=0)}


class GRUFusedCache(namedtuple("GRUFusedCache", "reset hx gates hidden W_x W_h")):
    """What gru_backward_fused needs: hx, the gates h_tilde, z, r (3, T, B, H), the hidden part (h_prev @ W_hh + b_hh
    for "after", r * h_prev for "before") and the stacked weights W_x (D, 3H), W_h (H, 3H)."""

    __slots__ = ()
    h_tilde, z, r = (_over_time(k) for k in range(3))


def gru_forward_fused(xs, h0, params, reset="after"):
    """The GRU over xs (B, T, D) from h0, either placement of the reset gate: states hs (B, T, H) and the cache."""
    xs, (h0,), shapes, dtype = _checked_inputs(xs, (h0,), ("h0",))
    p = _checked_params(shapes, params, GRU_PARAMS[_check_reset(reset)], dtype)
    (B, T, _), H = xs.shape, h0.shape[1]
    hx, gates, hidden = _sequence_buffers(xs, h0, (3, T, B, H), (T, B, H))
    W_x = np.concatenate([p["W_" + name][H:] for name in GRU_X_ORDER], axis=1)
    W_h = np.concatenate([p["W_" + name][:H] for name in GRU_H_ORDER], axis=1)
    b_x = np.concatenate([p["b_" + name] for name in GRU_X_ORDER])
    _input_part(hx, W_x, b_x, np.array(GRU_X_SCALE, dtype), gates)
    W_hs = W_h * np.repeat(np.array(GRU_H_SCALE, dtype), H)
    h_tilde, z, r = gates
    h = hx[:, :, :H]
    hidden_all, gated = np.empty((B, (3 if reset == "after" else 2) * H), dtype), np.empty((B, H), dtype)
    for t in range(T):
        a_zr = gates[1:, t]
        if reset == "after":
            # h_tilde = tanh(x_t @ W_hx + b_h + r_t * (h_prev @ W_hh + b_hh)): one multiply for z, r and the candidate.
            parts = np.matmul(h[t], W_hs, out=hidden_all).reshape(B, 3, H)
            a_zr += parts[:, :2].swapaxes(0, 1)
            _activate(a_zr, 0.5)
            np.add(parts[:, 2], p["b_hh"], out=hidden[t])
            h_tilde[t] += np.multiply(r[t], hidden[t], out=gated)
        else:
            # h_tilde = tanh(concat(r_t * h_prev, x_t) @ W_h + b_h): r must be known before the candidate's multiply.
            a_zr += np.matmul(h[t], W_hs[:, :2 * H], out=hidden_all).reshape(B, 2, H).swapaxes(0, 1)
            _activate(a_zr, 0.5)
            h_tilde[t] += np.matmul(np.multiply(r[t], h[t], out=hidden[t]), W_hs[:, 2 * H:], out=gated)
        np.tanh(h_tilde[t], out=h_tilde[t])
        # h_t = z_t * h_prev + (1 - z_t) * h_tilde = h_tilde + z_t * (h_prev - h_tilde)
        np.subtract(h[t], h_tilde[t], out=gated)
        gated *= z[t]
        np.add(h_tilde[t], gated, out=h[t + 1])
    return h[1:].swapaxes(0, 1), GRUFusedCache(reset, hx, gates, hidden, W_x, W_h)


def gru_backward_fused(dhs, cache):
    """Backpropagation through time for gru_forward_fused: (dxs, dh0, grads) with the keys of gru_backward."""
    dhs, _ = _cache_and_dhs(cache, GRUFusedCache, dhs)
    T, B, H = dhs.shape
    dtype, after = dhs.dtype, cache.reset == "after"
    h_tilde, z, r = cache.gates
    h = cache.hx[:, :, :H]
    # da, the gradients of [h_tilde | z | r | (after) the hidden part], is kept for the weight gradients at the end.
    da = np.empty((T, B, (4 if after else 3) * H), dtype)
    da_h, da_z, da_r, da_hidden = (da[:, :, k * H:(k + 1) * H] for k in range(4))
    W_hT = np.ascontiguousarray(cache.W_h.T)
    dh, z_dh, kept, factor, reset_grad = (np.empty((B, H), dtype) for _ in range(5))
    dh_prev = np.zeros((B, H), dtype)
    for t in reversed(range(T)):
        np.add(dhs[t], dh_prev, out=dh)
        # h_t = h_tilde + z_t * (h_prev - h_tilde): z dh goes straight back to h_prev, (1 - z) dh to h_tilde.
        np.multiply(dh, z[t], out=z_dh)
        np.subtract(dh, z_dh, out=kept)
        # da_z = dh (h_prev - h_tilde) z', with z' = z (1 - z)
        np.subtract(h[t], h_tilde[t], out=factor)
        factor *= z[t]
        np.multiply(kept, factor, out=da_z[t])
        # da_h = (1 - z) dh tanh'(h_tilde), with tanh' = 1 - h_tilde^2
        np.multiply(h_tilde[t], h_tilde[t], out=factor)
        np.subtract(1, factor, out=factor)
        np.multiply(kept, factor, out=da_h[t])
        # r multiplies the hidden part ("after") or h_prev ("before"); r' = r (1 - r).
        np.subtract(1, r[t], out=factor)
        if after:
            np.multiply(da_h[t], r[t], out=da_hidden[t])
            factor *= cache.hidden[t]
            np.multiply(da_hidden[t], factor, out=da_r[t])
            np.matmul(da[t, :, H:], W_hT, out=dh_prev)
        else:
            np.matmul(da_h[t], W_hT[2 * H:], out=reset_grad)  # dLoss/d(r_t * h_prev)
            factor *= r[t]
            factor *= h[t]
            np.multiply(reset_grad, factor, out=da_r[t])
            np.matmul(da[t, :, H:], W_hT[:2 * H], out=dh_prev)
            reset_grad *= r[t]
            dh_prev += reset_grad
        # z_t * dh is the direct path: where the update gate keeps, the gradient passes back untouched.
        dh_prev += z_dh
    da = da.reshape(T * B, -1)
    hx = cache.hx[:T].reshape(T * B, -1)
    dW_x, db = hx[:, H:].T @ da[:, :3 * H], da.sum(axis=0)
    if after:
        dW_h = hx[:, :H].T @ da[:, H:]
    else:
        dW_h = np.concatenate([hx[:, :H].T @ da[:, H:], cache.hidden.reshape(T * B, H).T @ da[:, :H]], axis=1)
    grads = {}
    for name in GRU_H_ORDER:
        kx, kh = GRU_X_ORDER.index(name), GRU_H_ORDER.index(name)
        # The rows that read h_prev above those that read x_t, as in the readable W_z, W_r, W_h.
        grads["W_" + name] = np.concatenate([dW_h[:, kh * H:(kh + 1) * H], dW_x[:, kx * H:(kx + 1) * H]])
        grads["b_" + name] = db[kx * H:(kx + 1) * H]
    if after:
        grads["b_hh"] = db[3 * H:]
    dxs = (da[:, :3 * H] @ cache.W_x.T).reshape(T, B, -1).swapaxes(0, 1)
    return dxs, dh_prev, grads
