"""The fused plain and gated RNN, and the fused LSTM's gate ablations, against readable references and finite
differences."""

import numpy as np
import pytest

from helpers.fused import lstm_backward_fused, lstm_forward_fused
from helpers.fused_rnn import (GatedRNNFusedCache, RNNFusedCache, gated_rnn_backward_fused, gated_rnn_forward_fused,
                               rnn_backward_fused, rnn_forward_fused)
from helpers.gate import gate_backward
from helpers.gradcheck import gradient_errors
from helpers.lstm import (LSTMStepCache, candidate, forget_gate, gate_blocks, init_lstm_params, input_gate,
                          output_gate)
from helpers.rnn import gated_rnn_backward, gated_rnn_forward, init_rnn_params, rnn_backward, rnn_forward, \
    rnn_step_backward
from helpers.sequence import sequence_backward, sequence_forward

SHAPES = [(1, 1, 1, 1), (1, 1, 3, 2), (3, 7, 4, 5), (2, 12, 3, 6)]  # (B, T, D, H)
VARIANTS = ["no_forget", "no_input", "no_output", "coupled"]
RNNS = {"rnn": (False, rnn_forward_fused, rnn_backward_fused, rnn_forward, rnn_backward),
        "gated_rnn": (True, gated_rnn_forward_fused, gated_rnn_backward_fused, gated_rnn_forward, gated_rnn_backward)}


def case(seed, shape, gated):
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    params = init_rnn_params(rng, D, H, gated=gated, gate_bias=0.5)
    return params, rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, T, H))


def largest_difference(ours, theirs):
    return max(float(np.abs(np.asarray(a) - b).max()) for a, b in zip(ours, theirs))


@pytest.mark.parametrize("name", RNNS)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_the_fused_rnns_equal_the_readable_ones_in_float64(name, shape, seed):
    gated, forward_fused, backward_fused, forward, backward = RNNS[name]
    params, xs, s0, dstates = case(seed, shape, gated)
    states, cache = forward_fused(xs, s0, params)
    dxs, ds0, grads = backward_fused(dstates, cache)
    states_ref, caches = forward(xs, s0, params)
    dxs_ref, ds0_ref, grads_ref = backward(dstates, caches)
    assert sorted(grads) == sorted(grads_ref)
    assert largest_difference([states, dxs, ds0], [states_ref, dxs_ref, ds0_ref]) < 1e-12
    assert largest_difference([grads[k] for k in grads_ref], grads_ref.values()) < 1e-12


@pytest.mark.parametrize("name", RNNS)
def test_the_fused_rnn_backward_matches_finite_differences(name):
    gated, forward_fused, backward_fused, _, _ = RNNS[name]
    params, xs, s0, dstates = case(3, (2, 5, 3, 4), gated)
    arrays = {**params, "xs": xs, "s0": s0}

    def loss():
        return float(np.sum(forward_fused(arrays["xs"], arrays["s0"], params)[0] * dstates))

    dxs, ds0, grads = backward_fused(dstates, forward_fused(xs, s0, params)[1])
    errors = gradient_errors(loss, arrays, {**grads, "xs": dxs, "s0": ds0})
    assert max(errors.values()) < 1e-7, errors


def test_the_gated_cache_shows_the_gate_and_the_candidate_over_time():
    params, xs, s0, _ = case(4, (2, 6, 3, 4), True)
    _, cache = gated_rnn_forward_fused(xs, s0, params)
    _, caches = gated_rnn_forward(xs, s0, params)
    assert isinstance(cache, GatedRNNFusedCache) and cache.g.shape == (2, 6, 4)
    assert np.abs(cache.g - np.stack([c.g_t for c in caches], axis=1)).max() < 1e-12
    assert np.abs(cache.s_tilde - np.stack([c.s_tilde for c in caches], axis=1)).max() < 1e-12
    _, rnn_cache = rnn_forward_fused(xs, s0, {"W_s": params["W_s"], "b_s": params["b_s"]})
    assert isinstance(rnn_cache, RNNFusedCache) and rnn_cache.s.shape == (2, 6, 4)


def test_float32_stays_float32():
    params, xs, s0, dstates = case(5, (2, 4, 3, 3), True)
    as32 = {name: value.astype(np.float32) for name, value in params.items()}
    states, cache = gated_rnn_forward_fused(xs.astype(np.float32), s0.astype(np.float32), as32)
    dxs, ds0, grads = gated_rnn_backward_fused(dstates.astype(np.float32), cache)
    assert {a.dtype for a in [states, dxs, ds0, *grads.values()]} == {np.dtype(np.float32)}
    assert np.abs(states - gated_rnn_forward(xs, s0, params)[0]).max() < 1e-5


# The readable reference of the ablations: helpers.lstm's own gate functions, one gate replaced, stepped by
# helpers.sequence; backward mirrors lstm_step_backward with that gate's path removed.
def variant_step_forward(variant):
    def step(x_t, state, params):
        h_prev, c_prev = state
        (W_i, b_i), (W_f, b_f), (W_c, b_c), (W_o, b_o) = gate_blocks(params["W"], params["b"])
        i_t, i_cache = input_gate(h_prev, x_t, W_i, b_i)
        f_t, f_cache = forget_gate(h_prev, x_t, W_f, b_f)
        c_tilde, c_tilde_cache = candidate(h_prev, x_t, W_c, b_c)
        o_t, o_cache = output_gate(h_prev, x_t, W_o, b_o)
        ones = np.ones_like(f_t)
        i_t, f_t, o_t = {"no_forget": (i_t, ones, o_t), "no_input": (ones, f_t, o_t), "no_output": (i_t, f_t, ones),
                         "coupled": (1 - f_t, f_t, o_t)}[variant]
        c_t = f_t * c_prev + i_t * c_tilde
        h_t = o_t * np.tanh(c_t)
        return (h_t, c_t), LSTMStepCache(c_prev, i_t, f_t, c_tilde, o_t, c_t, i_cache, f_cache, c_tilde_cache, o_cache)
    return step


def variant_step_backward(variant):
    def step(dstate, cache):
        dh_t, dc_t = dstate
        tanh_c = np.tanh(cache.c_t)
        dc_t = dc_t + dh_t * cache.o_t * (1 - tanh_c ** 2)
        di_t, df_t, do_t = dc_t * cache.c_tilde, dc_t * cache.c_prev, dh_t * tanh_c
        if variant == "coupled":
            df_t, di_t = df_t - di_t, 0 * di_t
        held = {"no_forget": "f", "no_input": "i", "no_output": "o"}.get(variant)
        gate_grads = {"i": di_t, "f": df_t, "o": do_t}
        if held:
            gate_grads[held] = 0 * gate_grads[held]  # a held gate reads nothing: no gradient reaches its weights
        (dh_i, dx_i), dW_i, db_i = gate_backward(gate_grads["i"], cache.i_cache)
        (dh_f, dx_f), dW_f, db_f = gate_backward(gate_grads["f"], cache.f_cache)
        dx_c, dh_c, c_grads = rnn_step_backward(dc_t * cache.i_t, cache.c_tilde_cache)
        (dh_o, dx_o), dW_o, db_o = gate_backward(gate_grads["o"], cache.o_cache)
        grads = {"W": np.concatenate([dW_i, dW_f, c_grads["W_s"], dW_o], axis=1),
                 "b": np.concatenate([db_i, db_f, c_grads["b_s"], db_o])}
        return dx_i + dx_f + dx_c + dx_o, (dh_i + dh_f + dh_c + dh_o, dc_t * cache.f_t), grads
    return step


def lstm_case(seed, shape):
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    params = init_lstm_params(rng, D, H)
    arrays = {name: rng.normal(size=size) for name, size in
              {"xs": (B, T, D), "h0": (B, H), "c0": (B, H), "dhs": (B, T, H), "dc_last": (B, H)}.items()}
    return params, arrays


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("shape", SHAPES)
def test_the_lstm_ablations_equal_the_readable_lstm_with_the_gate_replaced(variant, shape):
    params, a = lstm_case(6, shape)
    hs, cs, cache = lstm_forward_fused(a["xs"], a["h0"], a["c0"], params, variant)
    dxs, dh0, dc0, grads = lstm_backward_fused(a["dhs"], cache, a["dc_last"])
    (hs_ref, cs_ref), caches = sequence_forward(variant_step_forward(variant), a["xs"], (a["h0"], a["c0"]), params)
    dcs = np.zeros_like(a["dhs"])
    dcs[:, -1] = a["dc_last"]
    dxs_ref, (dh0_ref, dc0_ref), grads_ref = sequence_backward(variant_step_backward(variant), (a["dhs"], dcs), caches)
    ours = [hs, cs, dxs, dh0, dc0, grads["W"], grads["b"]]
    assert largest_difference(ours, [hs_ref, cs_ref, dxs_ref, dh0_ref, dc0_ref, grads_ref["W"], grads_ref["b"]]) < 1e-12


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_lstm_ablations_backward_matches_finite_differences(variant):
    params, a = lstm_case(7, (2, 4, 3, 3))
    arrays = {**params, "xs": a["xs"], "h0": a["h0"], "c0": a["c0"]}

    def loss():
        hs, cs, _ = lstm_forward_fused(arrays["xs"], arrays["h0"], arrays["c0"], params, variant)
        return float(np.sum(hs * a["dhs"]) + np.sum(cs[:, -1] * a["dc_last"]))

    _, _, cache = lstm_forward_fused(a["xs"], a["h0"], a["c0"], params, variant)
    dxs, dh0, dc0, grads = lstm_backward_fused(a["dhs"], cache, a["dc_last"])
    errors = gradient_errors(loss, arrays, {**grads, "xs": dxs, "h0": dh0, "c0": dc0})
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("variant, gate", [("no_forget", "f"), ("no_input", "i"), ("no_output", "o")])
def test_a_held_gate_is_one_and_its_block_gets_no_gradient(variant, gate):
    params, a = lstm_case(8, (2, 5, 3, 4))
    _, _, cache = lstm_forward_fused(a["xs"], a["h0"], a["c0"], params, variant)
    assert np.all(getattr(cache, gate) == 1)
    grads = lstm_backward_fused(a["dhs"], cache, a["dc_last"])[3]
    k, H = "ifgo".index(gate), 4
    assert not grads["W"][:, k * H:(k + 1) * H].any() and not grads["b"][k * H:(k + 1) * H].any()


def test_the_coupled_input_gate_is_one_minus_the_forget_gate():
    params, a = lstm_case(9, (2, 5, 3, 4))
    _, _, cache = lstm_forward_fused(a["xs"], a["h0"], a["c0"], params, "coupled")
    assert np.abs(cache.i - (1 - cache.f)).max() < 1e-15
    assert not lstm_backward_fused(a["dhs"], cache)[3]["b"][:4].any()
