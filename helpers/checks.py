"""Exercise checkers: run the learner's function on test inputs and say what is right, what is wrong, and why."""

import numpy as np

from .activations import sigmoid, tanh
from .gate import gate
from .linear import concat
from .memory import half_life
from .rnn import gated_rnn_step_forward, rnn_step_forward

PASSED, FAILED, NOT_ATTEMPTED = "passed", "not yet", "not attempted"
_HEADERS = {PASSED: "Correct", FAILED: "Not yet", NOT_ATTEMPTED: "Not attempted yet"}


class Feedback:
    """A checker's verdict on one exercise, shown as plain text under the check cell."""

    def __init__(self, exercise, status, lines):
        self.exercise, self.status, self.lines = exercise, status, list(lines)

    @property
    def passed(self):
        return self.status == PASSED

    def __repr__(self):
        return "\n".join([f"{_HEADERS[self.status]}: {self.exercise}"] + [f"  - {line}" for line in self.lines])


def _same(answer, expected):
    if isinstance(expected, tuple):
        return (isinstance(answer, (tuple, list)) and len(answer) == len(expected)
                and all(_same(a, e) for a, e in zip(answer, expected)))
    return np.shape(answer) == expected.shape and np.allclose(answer, expected, rtol=1e-6, atol=1e-9)


def compare(answer, expected, mistakes=()):
    """Lines describing how `answer` differs from `expected`; empty when they agree to 1e-6.

    `expected` is an array, or a tuple of arrays for an exercise that returns several. `mistakes` pairs a known
    wrong result with the sentence that names that mistake.
    """
    if isinstance(expected, tuple):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(expected):
            return [f"expected a tuple of {len(expected)} arrays, got {type(answer).__name__}"]
        answer = tuple(np.asarray(part, dtype=float) for part in answer)
    else:
        try:
            answer = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return [f"expected an array of numbers, got {type(answer).__name__}"]
    if _same(answer, expected):
        return []
    for wrong, message in mistakes:
        if _same(answer, wrong):
            return [message]
    if isinstance(expected, tuple):
        for k, (part, wanted) in enumerate(zip(answer, expected)):
            problems = compare(part, wanted)
            if problems:
                return [f"part {k + 1} of {len(expected)}: {line}" for line in problems]
    if answer.shape != expected.shape:
        hint = ""
        if answer.shape == expected.shape[::-1]:
            hint = " (transposed?)"
        elif answer.size == expected.size:
            hint = " (the right count of numbers in the wrong shape: keep row vectors, batch first)"
        return [f"expected shape {expected.shape}, got {answer.shape}{hint}"]
    close = np.isclose(answer, expected, rtol=1e-6, atol=1e-9)
    bad = [tuple(int(i) for i in index) for index in np.argwhere(~close)]
    first = bad[0]
    return [f"{len(bad)} of {answer.size} entries differ; the first is at index {first}: "
            f"expected {expected[first]:.6g}, got {answer[first]:.6g}"]


def check_function(exercise, learner_function, cases, reference, mistakes=()):
    """Run `learner_function` on each case of arguments and compare it with `reference`.

    `mistakes` is a list of (wrong_function, message): a common mistake, written as code.
    """
    for args in cases:
        try:
            answer = learner_function(*args)
        except NotImplementedError:
            return Feedback(exercise, NOT_ATTEMPTED, ["replace `raise NotImplementedError` with your code, "
                                                      "run that cell, then run this one again"])
        except Exception as error:  # the learner's code may raise anything; report it, do not crash
            return Feedback(exercise, FAILED, [f"your function raised {type(error).__name__}: {error}"])
        if answer is None:
            return Feedback(exercise, FAILED, ["your function returned None: did you forget `return`?"])
        expected = reference(*args)
        problems = compare(answer, expected, [(wrong(*args), message) for wrong, message in mistakes])
        if problems:
            shapes = ", ".join(str(np.shape(a)) for a in args)
            return Feedback(exercise, FAILED, problems + [f"(on a test case with argument shapes {shapes})"])
    return Feedback(exercise, PASSED, [f"matches the reference on all {len(cases)} test cases"])


def _gate_cases():
    rng = np.random.default_rng(1)
    cases = []
    for batch in (1, 4):
        H, D = 3, 4
        cases.append((rng.normal(size=(batch, H)), rng.normal(size=(batch, D)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def check_gate_by_hand(gate_by_hand):
    """Notebook 01: gate_by_hand(h_prev, x_t, W, b) should return sigmoid(concat(h_prev, x_t) @ W + b)."""
    def z(h, x, W, b):
        return concat(h, x) @ W + b

    mistakes = [
        (lambda h, x, W, b: tanh(z(h, x, W, b)), "you used tanh where sigmoid belongs: a gate must lie in [0, 1]"),
        (lambda h, x, W, b: z(h, x, W, b), "you returned the pre-activation z: the sigmoid is missing"),
        (lambda h, x, W, b: sigmoid(concat(h, x) @ W), "the bias b is missing"),
        (lambda h, x, W, b: sigmoid(concat(x, h) @ W + b),
         "you concatenated [x_t, h_prev]: the course's order is [h_prev, x_t], matching W's row blocks"),
        (lambda h, x, W, b: 1 - sigmoid(z(h, x, W, b)), "you returned 1 - sigmoid(z)"),
    ]
    return check_function("gate_by_hand", gate_by_hand, _gate_cases(),
                          lambda h, x, W, b: gate((h, x), W, b), mistakes)


def check_split_gate_weights(split_gate_weights):
    """Notebook 01: split_gate_weights(W, H) should return the row blocks (W_gh, W_gx) = (W[:H], W[H:])."""
    cases = [(W, W.shape[1]) for _, _, W, _ in _gate_cases()]
    mistakes = [(lambda W, H: (W[H:], W[:H]),
                 "the blocks are swapped: the first H rows multiply h_prev, the rest multiply x_t"),
                (lambda W, H: (W[:, :H], W[:, H:]),
                 "you split the columns: the two matrices are row blocks, W[:H] and W[H:]")]
    return check_function("split_gate_weights", split_gate_weights, cases, lambda W, H: (W[:H], W[H:]), mistakes)


def _gated_step_cases():
    rng = np.random.default_rng(2)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      rng.normal(size=(H + D, H)), rng.normal(size=H),
                      rng.normal(size=(H + D, H)), rng.normal(size=H)))
    return cases


def check_gated_step(gated_step):
    """Notebook 02: gated_step(x_t, s_prev, W_g, b_g, W_s, b_s) should return s_t of seed 001's gated RNN."""
    def parts(x, s, W_g, b_g, W_s, b_s):
        xcat = concat(s, x)
        return sigmoid(xcat @ W_g + b_g), xcat @ W_s + b_s

    def reference(x, s, W_g, b_g, W_s, b_s):
        return gated_rnn_step_forward(x, s, {"W_g": W_g, "b_g": b_g, "W_s": W_s, "b_s": b_s})[0]

    def blend(g, s, candidate):
        return (1 - g) * s + g * candidate

    mistakes = [
        (lambda x, s, *p: (lambda g, z: g * s + (1 - g) * tanh(z))(*parts(x, s, *p)),
         "g and 1 - g are swapped: in seed 001, g = 1 writes the candidate and g = 0 keeps s_prev"),
        (lambda x, s, *p: (lambda g, z: blend(g, s, z))(*parts(x, s, *p)),
         "the candidate has no tanh: s_tilde = tanh(concat(s_prev, x_t) @ W_s + b_s)"),
        (lambda x, s, *p: (lambda g, z: blend(g, s, sigmoid(z)))(*parts(x, s, *p)),
         "you used sigmoid where tanh belongs: the candidate lies in (-1, 1), only the gate in (0, 1)"),
        (lambda x, s, W_g, b_g, W_s, b_s: rnn_step_forward(x, s, {"W_s": W_s, "b_s": b_s})[0],
         "you returned the plain RNN step s_tilde: the gate never blends in s_prev"),
        (lambda x, s, W_g, b_g, W_s, b_s: blend(tanh(concat(s, x) @ W_g + b_g), s, tanh(concat(s, x) @ W_s + b_s)),
         "you used tanh where sigmoid belongs in the gate g"),
    ]
    return check_function("gated_step", gated_step, _gated_step_cases(), reference, mistakes)


def check_half_life_steps(half_life_steps):
    """Notebook 02: half_life_steps(g) should return ln 0.5 / ln(1 - g), the steps until half the state is left."""
    cases = [(np.array([[0.05, 0.1, 0.3, 0.5, 0.9]]),), (np.array([[0.01]]),)]
    mistakes = [
        (lambda g: np.log(0.5) / np.log(g), "you used g as the fraction kept: in the gated RNN, 1 - g is kept"),
        (lambda g: np.log(2) / np.log(1 - g), "the sign is off: ln 2 / ln(1 - g) is negative; use ln 0.5"),
        (lambda g: np.ceil(half_life(1 - g)), "you rounded up: keep the exact (fractional) number of steps"),
    ]
    return check_function("half_life_steps", half_life_steps, cases, lambda g: half_life(1 - g), mistakes)
