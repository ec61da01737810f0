"""Exercise checkers: a right answer passes, each common mistake is named, an untouched exercise is not attempted."""

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

GATED_STEP_MISTAKES = {
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
