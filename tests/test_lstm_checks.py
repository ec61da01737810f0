"""The exercise checkers of notebooks 03-06: each solution passes, each named mistake is named, untouched is untouched."""

import numpy as np
import pytest

from helpers import checks


def sig(z):
    return 1 / (1 + np.exp(-z))


def cat(*arrays):
    return np.concatenate(arrays, axis=1)


def lstm_step(x_t, h_prev, c_prev, W, b, order="ifgo", squash=np.tanh, swap=False):
    H = h_prev.shape[1]
    z = cat(h_prev, x_t) @ W + b
    block = {name: z[:, k * H:(k + 1) * H] for k, name in enumerate(order)}
    c_t = sig(block["f"]) * c_prev + sig(block["i"]) * np.tanh(block["g"])
    h_t = sig(block["o"]) * squash(c_t)
    return (c_t, h_t) if swap else (h_t, c_t)


def cell_update(h, x, c, W_f, b_f, W_i, b_i, W_g, b_g, rule):
    xcat = cat(h, x)
    return rule(c, sig(xcat @ W_f + b_f), sig(xcat @ W_i + b_i), xcat @ W_g + b_g)


# checker: (solution, [(a wrong function, words its message must contain)])
CASES = {
    "check_forget_gate": (
        lambda h, x, W, b: sig(cat(h, x) @ W + b),
        [(lambda h, x, W, b: np.tanh(cat(h, x) @ W + b), "tanh where sigmoid"),
         (lambda h, x, W, b: sig(cat(x, h) @ W + b), "[x_t, h_prev]"),
         (lambda h, x, W, b: sig(cat(h, x) @ W), "bias b_f is missing"),
         (lambda h, x, W, b: 1 - sig(cat(h, x) @ W + b), "1 - f_t")]),
    "check_forget_bias": (
        lambda n: np.log(0.5 ** (1 / n) / (1 - 0.5 ** (1 / n))),
        [(lambda n: 0.5 ** (1 / n), "not the bias"),
         (lambda n: np.log(0.5 ** (1 / n)), "you took ln f"),
         (lambda n: np.log(0.5 ** n / (1 - 0.5 ** n)), "0.5 ** (1 / n)")]),
    "check_cell_update": (
        lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * c + i * np.tanh(z)),
        [(lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * np.tanh(z) + i * c), "swapped"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * c + i * z), "no tanh"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: i * np.tanh(z)), "old memory is missing")]),
    "check_fixed_point": (
        lambda f, i, c: i * c / (1 - f),
        [(lambda f, i, c: c / (1 - f), "input gate is missing"), (lambda f, i, c: i * c / f, "not by f")]),
    "check_output_step": (
        lambda h, x, c, W, b: sig(cat(h, x) @ W + b) * np.tanh(c),
        [(lambda h, x, c, W, b: sig(cat(h, x) @ W + b) * c, "tanh is missing"),
         (lambda h, x, c, W, b: np.tanh(sig(cat(h, x) @ W + b) * c), "wrong place")]),
    "check_lstm_step": (
        lstm_step,
        [(lambda *a: lstm_step(*a, order="ifog"), "i, f, o, g"),
         (lambda *a: lstm_step(*a, squash=lambda c: c), "needs tanh"),
         (lambda *a: lstm_step(*a, swap=True), "(c_t, h_t)")]),
    "check_lstm_parameter_count": (
        lambda D, H: 4 * (H * (H + D) + H),
        [(lambda D, H: 4 * (H * (H + D) + 2 * H), "two bias vectors"),
         (lambda D, H: 4 * H * (H + D), "biases are missing")]),
}


@pytest.mark.parametrize("checker", sorted(CASES))
def test_the_solution_passes(checker):
    feedback = getattr(checks, checker)(CASES[checker][0])
    assert feedback.passed, repr(feedback)


@pytest.mark.parametrize("checker, wrong, words",
                         [(name, wrong, words) for name, (_, mistakes) in sorted(CASES.items())
                          for wrong, words in mistakes])
def test_each_mistake_is_named(checker, wrong, words):
    feedback = getattr(checks, checker)(wrong)
    assert feedback.status == checks.FAILED and words in repr(feedback), repr(feedback)


@pytest.mark.parametrize("checker", sorted(CASES))
def test_an_untouched_exercise_is_not_attempted(checker):
    def untouched(*args):
        raise NotImplementedError

    feedback = getattr(checks, checker)(untouched)
    assert feedback.status == checks.NOT_ATTEMPTED and "Not attempted yet" in repr(feedback)
