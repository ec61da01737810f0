"""One causal attention head with and without Qiu et al.'s output gate (helpers/attention.py), and the toy task."""

import numpy as np
import pytest

from helpers.attention import (TOY_FEATURES, causal_attention_backward, causal_attention_forward, marked_copy_batch,
                               train_attention_head)
from helpers.gradcheck import gradient_errors, numerical_gradient, relative_error


def head(rng, D=4, K=3, V=2):
    return {"W_q": rng.normal(size=(D, K)), "W_k": rng.normal(size=(D, K)), "W_v": rng.normal(size=(D, V)),
            "W_theta": rng.normal(size=(D, V)), "b_theta": rng.normal(size=V)}


@pytest.mark.parametrize("gated", [False, True])
def test_attention_backward_matches_finite_differences(gated):
    rng = np.random.default_rng(0)
    X, params = rng.normal(size=(2, 5, 4)), head(rng)
    out, cache = causal_attention_forward(X, params, gated)
    dout = rng.normal(size=out.shape)
    dX, grads = causal_attention_backward(dout, cache)

    def loss():
        return np.sum(causal_attention_forward(X, params, gated)[0] * dout)

    used = {name: params[name] for name in grads}
    assert set(used) == ({"W_q", "W_k", "W_v", "W_theta", "b_theta"} if gated else {"W_q", "W_k", "W_v"})
    assert max(gradient_errors(loss, used, grads).values()) < 1e-7
    assert relative_error(dX, numerical_gradient(loss, X)) < 1e-7


def test_each_row_averages_the_past_and_never_reads_the_future():
    rng = np.random.default_rng(1)
    X, params = rng.normal(size=(1, 6, 4)), head(rng)
    out, cache = causal_attention_forward(X, params)
    assert np.allclose(cache.P.sum(axis=2), 1) and np.all(np.triu(cache.P[0], 1) == 0)
    changed = X.copy()
    changed[0, 4:] += 10.0
    assert np.allclose(causal_attention_forward(changed, params)[0][0, :4], out[0, :4])


def test_an_open_gate_is_the_plain_head_and_a_closed_one_silences_it():
    rng = np.random.default_rng(2)
    X, params = rng.normal(size=(2, 5, 4)), head(rng)
    plain = causal_attention_forward(X, params)[0]
    assert np.allclose(causal_attention_forward(X, {**params, "b_theta": np.full(2, 60.0)}, True)[0], plain)
    assert np.allclose(causal_attention_forward(X, {**params, "b_theta": np.full(2, -60.0)}, True)[0], 0)


def test_the_toy_task_marks_one_data_token_before_one_query():
    X, targets, query = marked_copy_batch(np.random.default_rng(3), 200, first_token=True)
    data = X[:, :, 3].argmax(axis=1)
    content = X[:, :, len(TOY_FEATURES):]
    assert np.all(X[:, :, 3].sum(axis=1) == 1) and np.all(X[:, :, 2].sum(axis=1) == 1)
    assert np.all(data < query) and np.all(data >= 1) and np.all(content[:, 0] == 0) and np.all(X[:, 0, 1] == 1)
    rows = np.arange(200)
    assert np.array_equal(targets[rows, query], content[rows, data])
    assert np.count_nonzero(np.abs(targets).sum(axis=2)) <= 200  # nothing to output anywhere else


def test_without_a_start_token_only_the_gated_head_learns_to_be_silent():
    X, targets, _ = marked_copy_batch(np.random.default_rng(4), 500, first_token=False)
    errors = {}
    for gated in (False, True):
        params, losses = train_attention_head(gated, first_token=False, steps=300)
        out = causal_attention_forward(X, params, gated)[0]
        errors[gated] = np.mean((out - targets) ** 2) / np.mean(targets ** 2)
    assert errors[True] < 0.05 < 0.5 < errors[False]
