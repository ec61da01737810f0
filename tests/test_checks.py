"""Exercise checkers: a right answer passes, each common mistake is named, an untouched exercise is not attempted."""

import math

import numpy as np
import pytest

from helpers.checks import (NOT_ATTEMPTED, PASSED, check_gate_by_hand, check_gated_step, check_half_life_steps,
                            check_split_gate_weights)


def sig(z):
    return 1 / (1 + np.exp(-z))


def untouched(*args):
    raise NotImplementedError


def gate_right(h, x, W, b):
    return sig(np.hstack([h, x]) @ W + b)


def gated_parts(x, s, W_g, b_g, W_s, b_s):
    xcat = np.hstack([s, x])
    return sig(xcat @ W_g + b_g), xcat @ W_s + b_s


GATE_MISTAKES = {
    "tanh": lambda h, x, W, b: np.tanh(np.hstack([h, x]) @ W + b),
    "sigmoid is missing": lambda h, x, W, b: np.hstack([h, x]) @ W + b,
    "bias b is missing": lambda h, x, W, b: sig(np.hstack([h, x]) @ W),
    "[x_t, h_prev]": lambda h, x, W, b: sig(np.hstack([x, h]) @ W + b),
    "1 - sigmoid(z)": lambda h, x, W, b: 1 - gate_right(h, x, W, b),
    "expected shape": lambda h, x, W, b: gate_right(h, x, W, b)[0],
    "transposed": lambda h, x, W, b: gate_right(h, x, W, b).T,
    "entries differ": lambda h, x, W, b: gate_right(h, x, W, b) + np.eye(*gate_right(h, x, W, b).shape) * 0.1,
    "forget `return`": lambda h, x, W, b: None,
    "raised ZeroDivisionError": lambda h, x, W, b: 1 / 0,
}

def gated_learner(x, s, W_g, b_g, W_s, b_s, first="s", gate_bias=True, candidate_bias=True):
    """The gated RNN step as a learner writes it, with the order of the concatenation and the biases as flags."""
    xcat = np.hstack([s, x]) if first == "s" else np.hstack([x, s])
    g = sig(xcat @ W_g + (b_g if gate_bias else 0))
    return (1 - g) * s + g * np.tanh(xcat @ W_s + (b_s if candidate_bias else 0))


GATED_STEP_MISTAKES = {
    "[x_t, s_prev]": lambda *a: gated_learner(*a, first="x"),
    "biases b_g and b_s are missing": lambda *a: gated_learner(*a, gate_bias=False, candidate_bias=False),
    "bias b_g is missing": lambda *a: gated_learner(*a, gate_bias=False),
    "bias b_s is missing": lambda *a: gated_learner(*a, candidate_bias=False),
    "swapped": lambda x, s, *p: (lambda g, z: g * s + (1 - g) * np.tanh(z))(*gated_parts(x, s, *p)),
    "has no tanh": lambda x, s, *p: (lambda g, z: (1 - g) * s + g * z)(*gated_parts(x, s, *p)),
    "sigmoid where tanh belongs": lambda x, s, *p: (lambda g, z: (1 - g) * s + g * sig(z))(*gated_parts(x, s, *p)),
    "plain RNN step": lambda x, s, *p: np.tanh(gated_parts(x, s, *p)[1]),
    "tanh where sigmoid belongs in the gate": lambda x, s, W_g, b_g, W_s, b_s: (
        (1 - np.tanh(np.hstack([s, x]) @ W_g + b_g)) * s
        + np.tanh(np.hstack([s, x]) @ W_g + b_g) * np.tanh(np.hstack([s, x]) @ W_s + b_s)),
}


def test_gate_by_hand_accepts_a_right_answer():
    feedback = check_gate_by_hand(gate_right)
    assert feedback.status == PASSED and feedback.passed
    assert repr(feedback).startswith("Correct: gate_by_hand")


@pytest.mark.parametrize("words", list(GATE_MISTAKES))
def test_gate_by_hand_names_the_mistake(words):
    feedback = check_gate_by_hand(GATE_MISTAKES[words])
    assert not feedback.passed
    assert words in repr(feedback), repr(feedback)


def test_untouched_exercises_report_not_attempted_without_raising():
    for checker in (check_gate_by_hand, check_split_gate_weights, check_gated_step, check_half_life_steps):
        feedback = checker(untouched)
        assert feedback.status == NOT_ATTEMPTED
        assert repr(feedback).startswith("Not attempted yet")


def test_split_gate_weights():
    assert check_split_gate_weights(lambda W, H: (W[:H], W[H:])).passed
    assert "swapped" in repr(check_split_gate_weights(lambda W, H: (W[H:], W[:H])))
    assert "split the columns" in repr(check_split_gate_weights(lambda W, H: (W[:, :H], W[:, H:])))
    assert "part 2 of 2: expected shape (4, 3), got (3, 3)" in repr(check_split_gate_weights(lambda W, H: (W[:H], W[:H])))
    assert "expected a tuple of 2 arrays, got ndarray" in repr(check_split_gate_weights(lambda W, H: W))


def test_gated_step_accepts_a_right_answer():
    def right(x, s, *p):
        g, z = gated_parts(x, s, *p)
        return (1 - g) * s + g * np.tanh(z)
    assert check_gated_step(right).passed


@pytest.mark.parametrize("words", list(GATED_STEP_MISTAKES))
def test_gated_step_names_the_mistake(words):
    feedback = check_gated_step(GATED_STEP_MISTAKES[words])
    assert not feedback.passed
    assert words in repr(feedback), repr(feedback)


def test_half_life_steps():
    assert check_half_life_steps(lambda g: np.log(0.5) / np.log(1 - g)).passed
    assert "1 - g, is kept" in repr(check_half_life_steps(lambda g: np.log(0.5) / np.log(g))) or \
        "1 - g is kept" in repr(check_half_life_steps(lambda g: np.log(0.5) / np.log(g)))
    assert "sign" in repr(check_half_life_steps(lambda g: np.log(2) / np.log(1 - g)))
    assert "rounded" in repr(check_half_life_steps(lambda g: np.ceil(np.log(0.5) / np.log(1 - g))))


def test_gated_step_solution_written_by_the_flags_passes():
    assert check_gated_step(gated_learner).passed


def concat_rows(h, x, W, b):
    return sig(np.concatenate([h, x]) @ W + b)  # axis=1 forgotten: h (B, 3) and x (B, 4) cannot stack as rows


# A raised exception gets a hint that names the shapes: (the learner's function, words its message must contain).
ERROR_HINTS = {
    "concatenate without axis=1": (concat_rows, ["raised ValueError", "they have 3 and 4", "pass axis=1",
                                                 "h (1, 3), x (1, 4), W (7, 3), b (3,)"]),
    "W transposed": (lambda h, x, W, b: sig(np.hstack([h, x]) @ W.T + b),
                     ["A's 7 columns do not match B's 3 rows", "W.T", "h (1, 3)"]),
    "W on the left": (lambda h, x, W, b: sig(W @ np.hstack([h, x]) + b),
                      ["A's 3 columns do not match B's 1 row", "W @ x"]),
    "np.dot with W on the left": (lambda h, x, W, b: sig(np.dot(W, np.hstack([h, x])) + b),
                                  ["shapes (7,3) and (1,7) do not fit", "W @ x"]),
    "math.exp on an array": (lambda h, x, W, b: 1 / (1 + math.exp(-(np.hstack([h, x]) @ W + b))),
                             ["raised TypeError", "takes one number", "np.exp"]),
    "shapes that do not broadcast": (lambda h, x, W, b: sig(np.hstack([h, x]) @ W + b[:2]), ["entry by entry"]),
}


@pytest.mark.parametrize("name", list(ERROR_HINTS))
def test_an_error_gets_a_hint_that_names_the_shapes(name):
    learner, words = ERROR_HINTS[name]
    feedback = check_gate_by_hand(learner)
    assert feedback.status == "not yet"
    for word in words:
        assert word in repr(feedback), repr(feedback)


def test_the_learner_gets_copies_of_the_test_arrays():
    def right_then_overwrite(h, x, W, b):
        g = gate_right(h, x, W, b)
        h[:], x[:], W[:], b[:] = 0, 0, 0, 0  # changing the arguments in place must not change the reference
        return g
    assert check_gate_by_hand(right_then_overwrite).passed


def test_a_checker_given_something_else_than_a_function_says_so():
    feedback = check_gate_by_hand(np.ones((1, 3)))
    assert feedback.status == "not yet" and "expected your function gate_by_hand, got ndarray" in repr(feedback)
