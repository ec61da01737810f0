"""The checkers of notebooks 07 and 08: solutions pass, named mistakes are named, untouched means not attempted."""

import math

import numpy as np
import pytest

from helpers.checks import check_geglu, check_glu_layer, check_gru_param_count, check_gru_step


def logistic(a):
    return 1 / (1 + np.exp(-a))


def erf(values):
    return np.vectorize(math.erf)(values)


def gelu(B):
    return 0.5 * B * (1 + erf(B / np.sqrt(2)))


def gru_step_with(candidate, keep_old=True, z_act=None, r_act=None, first="h", gate_bias=True):
    """A GRU step as a learner writes it: `candidate` computes h_tilde; the keywords are the shared list's mistakes."""
    z_act, r_act = z_act or logistic, r_act or logistic

    def gru_step(x_t, h_prev, W_z, b_z, W_r, b_r, W_h, b_h):
        xcat = np.concatenate([h_prev, x_t] if first == "h" else [x_t, h_prev], axis=1)
        z_t = z_act(xcat @ W_z + (b_z if gate_bias else 0))
        r_t = r_act(xcat @ W_r + (b_r if gate_bias else 0))
        h_tilde = candidate(x_t, h_prev, r_t, W_h, b_h)
        return z_t * h_prev + (1 - z_t) * h_tilde if keep_old else (1 - z_t) * h_prev + z_t * h_tilde
    return gru_step


def cho(x_t, h_prev, r_t, W_h, b_h):
    return np.tanh(np.concatenate([r_t * h_prev, x_t], axis=1) @ W_h + b_h)


def cho_x_first(x_t, h_prev, r_t, W_h, b_h):
    return np.tanh(np.concatenate([x_t, r_t * h_prev], axis=1) @ W_h + b_h)


def cho_no_bias(x_t, h_prev, r_t, W_h, b_h):
    return np.tanh(np.concatenate([r_t * h_prev, x_t], axis=1) @ W_h)


def reset_on_the_whole_pre_activation(x_t, h_prev, r_t, W_h, b_h):
    return np.tanh(r_t * (np.concatenate([h_prev, x_t], axis=1) @ W_h + b_h))


def pytorch_form(x_t, h_prev, r_t, W_h, b_h):
    H = h_prev.shape[1]
    return np.tanh(x_t @ W_h[H:] + b_h + r_t * (h_prev @ W_h[:H]))


def not_started(*args):
    raise NotImplementedError


CASES = [
    (check_gru_step, gru_step_with(cho), None),
    (check_gru_step, gru_step_with(cho, keep_old=False), "Chung"),
    (check_gru_step, gru_step_with(pytorch_form), "after the matrix"),
    (check_gru_step, gru_step_with(lambda x, h, r, W, b: np.concatenate([r * h, x], axis=1) @ W + b), "no tanh"),
    (check_gru_step, gru_step_with(lambda x, h, r, W, b: logistic(np.concatenate([r * h, x], axis=1) @ W + b)),
     "sigmoid where tanh"),
    (check_gru_step, gru_step_with(lambda x, h, r, W, b: np.tanh(np.concatenate([h, x], axis=1) @ W + b)),
     "reset gate is missing"),
    (check_gru_step, gru_step_with(reset_on_the_whole_pre_activation), "whole pre-activation"),
    (check_gru_step, gru_step_with(cho_x_first, first="x"), "[x_t, h_prev]"),
    (check_gru_step, gru_step_with(cho_x_first), "[x_t, r_t * h_prev]"),
    (check_gru_step, gru_step_with(cho_no_bias, gate_bias=False), "the biases b_z, b_r and b_h are missing"),
    (check_gru_step, gru_step_with(cho_no_bias), "the bias b_h is missing"),
    (check_gru_step, gru_step_with(cho, z_act=np.tanh, r_act=np.tanh),
     "tanh where sigmoid belongs in the gates z_t and r_t"),
    (check_gru_step, gru_step_with(cho, r_act=np.tanh), "tanh where sigmoid belongs in the gate r_t"),
    (check_gru_step, gru_step_with(lambda x, h, r, W, b: logistic(np.concatenate([r * h, x], axis=1) @ W + b)),
     "sigmoid where tanh belongs in the candidate h_tilde"),
    (check_gru_param_count, lambda D, H: 3 * (H * (H + D) + H), None),
    (check_gru_param_count, lambda D, H: 4 * (H * (H + D) + H), "LSTM"),
    (check_gru_param_count, lambda D, H: 3 * H * (H + D), "biases are missing"),
    (check_gru_param_count, lambda D, H: 3 * (H * (H + D) + 2 * H), "PyTorch"),
    (check_gru_param_count, lambda D, H: 2 * (H * (H + D) + H), "gated RNN"),
    (check_gru_param_count, lambda D, H: 3 * (H * D + H), "H + D rows"),
    (check_glu_layer, lambda x, W, b, V, c: (x @ W + b) * logistic(x @ V + c), None),
    (check_glu_layer, lambda x, W, b, V, c: logistic(x @ W + b) * (x @ V + c), "wrong branch"),
    (check_glu_layer, lambda x, W, b, V, c: (x @ W) * logistic(x @ V + c), "bias b"),
    (check_glu_layer, lambda x, W, b, V, c: (x @ W + b) * logistic(x @ V), "bias c"),
    (check_glu_layer, lambda x, W, b, V, c: (x @ W + b) * np.tanh(x @ V + c), "tanh where sigmoid"),
    (check_glu_layer, lambda x, W, b, V, c: np.tanh(x @ W + b) * logistic(x @ V + c), "GTU"),
    (check_glu_layer, lambda x, W, b, V, c: (x @ W + b) * (x @ V + c), "Bilinear"),
    (check_geglu, lambda A, B: A * gelu(B), None),
    (check_geglu, lambda A, B: A * np.maximum(B, 0), "ReLU where GELU"),
    (check_geglu, lambda A, B: A * 0.5 * B * (1 + np.tanh(np.sqrt(2 / np.pi) * (B + 0.044715 * B ** 3))),
     "tanh approximation"),
    (check_geglu, lambda A, B: gelu(A) * B, "wrong branch"),
    (check_geglu, lambda A, B: A * logistic(B), "plain GLU"),
    (check_geglu, lambda A, B: gelu(A * B), "to the product"),
    (check_geglu, lambda A, B: A * (0.5 * B * (1 + math.erf(B / math.sqrt(2)))), "np.vectorize(math.erf)"),
]


@pytest.mark.parametrize("checker, learner, words", CASES,
                         ids=[f"{c.__name__}-{w or 'solution'}" for c, _, w in CASES])
def test_checker_verdicts(checker, learner, words):
    feedback = checker(learner)
    if words is None:
        assert feedback.passed, repr(feedback)
    else:
        assert not feedback.passed and words in repr(feedback), repr(feedback)


@pytest.mark.parametrize("checker", [check_gru_step, check_gru_param_count, check_glu_layer, check_geglu])
def test_untouched_exercise_is_not_attempted(checker):
    assert repr(checker(not_started)).startswith("Not attempted yet")


def test_an_unnamed_error_points_at_an_entry():
    feedback = check_glu_layer(lambda x, W, b, V, c: (x @ W + b) * logistic(x @ V + c) + 0.1)
    assert "entries differ" in repr(feedback)
