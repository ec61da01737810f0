"""Exercise checkers: run the learner's function on test inputs and say what is right, what is wrong, and why."""

import numpy as np

from .activations import gelu, relu, sigmoid, tanh
from .gate import gate
from .glu import glu_forward, glu_layer_forward
from .gru import gru_step_forward
from .linear import concat
from .lstm import candidate, cell_update, forget_gate, hidden_state, input_gate, lstm_step_forward, output_gate
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


def _gate_mistakes(g, W, b, flipped):
    """The usual mistakes in computing any gate g = sigmoid([h_prev, x_t] @ W + b), named with the gate's symbols."""
    def z(h, x, W_, b_):
        return concat(h, x) @ W_ + b_

    return [
        (lambda h, x, W_, b_: tanh(z(h, x, W_, b_)), f"you used tanh where sigmoid belongs: {g} must lie in [0, 1]"),
        (lambda h, x, W_, b_: z(h, x, W_, b_), "you returned the pre-activation z: the sigmoid is missing"),
        (lambda h, x, W_, b_: sigmoid(concat(h, x) @ W_), f"the bias {b} is missing"),
        (lambda h, x, W_, b_: sigmoid(concat(x, h) @ W_ + b_),
         f"you concatenated [x_t, h_prev]: the order is [h_prev, x_t], so the first H rows of {W} read h_prev"),
        (lambda h, x, W_, b_: 1 - sigmoid(z(h, x, W_, b_)), flipped),
    ]


def check_gate_by_hand(gate_by_hand):
    """Notebook 01: gate_by_hand(h_prev, x_t, W, b) should return sigmoid(concat(h_prev, x_t) @ W + b)."""
    return check_function("gate_by_hand", gate_by_hand, _gate_cases(), lambda h, x, W, b: gate((h, x), W, b),
                          _gate_mistakes("a gate", "W", "b", "you returned 1 - sigmoid(z)"))


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


# Notebooks 03-06: the LSTM, gate by gate.

def check_forget_gate(forget_gate_by_hand):
    """Notebook 03: forget_gate_by_hand(h_prev, x_t, W_f, b_f) should return f_t = sigmoid([h_prev, x_t] @ W_f + b_f)."""
    flipped = "you returned 1 - f_t: the forget gate is the fraction kept, sigmoid(z) itself"
    return check_function("forget_gate_by_hand", forget_gate_by_hand, _gate_cases(),
                          lambda h, x, W, b: forget_gate(h, x, W, b)[0], _gate_mistakes("f_t", "W_f", "b_f", flipped))


def check_forget_bias(forget_bias_for):
    """Notebook 03: forget_bias_for(steps) should return the b_f whose f = sigmoid(b_f) has that half-life."""
    cases = [(np.array([[1.0, 2.0, 6.6, 69.0]]),), (np.array([[10.0]]),)]

    def keep(steps):
        return 0.5 ** (1 / steps)

    mistakes = [
        (lambda n: keep(n), "you returned the forget gate f, not the bias: invert the sigmoid, b_f = ln(f / (1 - f))"),
        (lambda n: np.log(keep(n)), "you took ln f: the inverse of the sigmoid is ln(f / (1 - f))"),
        (lambda n: (lambda f: np.log(f / (1 - f)))(0.5 ** n),
         "f ** n = 0.5 means f = 0.5 ** (1 / n), not 0.5 ** n"),
        (lambda n: (lambda f: np.log((1 - f) / f))(keep(n)), "the sign is flipped: b_f = ln(f / (1 - f))"),
    ]
    return check_function("forget_bias_for", forget_bias_for, cases,
                          lambda n: (lambda f: np.log(f / (1 - f)))(keep(n)), mistakes)


def _cell_cases():
    rng = np.random.default_rng(4)
    cases = []
    for batch in (1, 3):
        H, D = 3, 4
        cases.append((rng.normal(size=(batch, H)), rng.normal(size=(batch, D)), 3 * rng.normal(size=(batch, H)),
                      *[p for _ in range(3) for p in (rng.normal(size=(H + D, H)), rng.normal(size=H))]))
    return cases


def check_cell_update(cell_update_by_hand):
    """Notebook 04: cell_update_by_hand(h_prev, x_t, c_prev, W_f, b_f, W_i, b_i, W_g, b_g) should return c_t."""
    def parts(h, x, c, W_f, b_f, W_i, b_i, W_g, b_g):
        xcat = concat(h, x)
        return sigmoid(xcat @ W_f + b_f), sigmoid(xcat @ W_i + b_i), xcat @ W_g + b_g

    def reference(h, x, c, W_f, b_f, W_i, b_i, W_g, b_g):
        return cell_update(c, forget_gate(h, x, W_f, b_f)[0], input_gate(h, x, W_i, b_i)[0],
                           candidate(h, x, W_g, b_g)[0])

    def wrong(rule):
        return lambda h, x, c, *p: rule(c, *parts(h, x, c, *p))

    mistakes = [
        (wrong(lambda c, f, i, z: f * tanh(z) + i * c),
         "f_t and i_t are swapped: the forget gate scales c_prev, the input gate scales c_tilde"),
        (wrong(lambda c, f, i, z: f * c + i * z), "the candidate has no tanh: c_tilde = tanh([h_prev, x_t] @ W_g + b_g)"),
        (wrong(lambda c, f, i, z: f * c + i * sigmoid(z)),
         "you used sigmoid where tanh belongs: the candidate lies in (-1, 1), only the gates in (0, 1)"),
        (wrong(lambda c, f, i, z: f * c + tanh(z)), "the input gate is missing: write i_t * c_tilde, not c_tilde"),
        (wrong(lambda c, f, i, z: i * tanh(z)), "the old memory is missing: c_t = f_t * c_prev + i_t * c_tilde"),
        (wrong(lambda c, f, i, z: (1 - f) * c + i * tanh(z)),
         "you kept (1 - f_t) * c_prev: in the LSTM, f_t is the fraction kept"),
    ]
    return check_function("cell_update_by_hand", cell_update_by_hand, _cell_cases(), reference, mistakes)


def check_fixed_point(fixed_point):
    """Notebook 04: fixed_point(f, i, c_tilde) should return the value c settles at, i * c_tilde / (1 - f)."""
    cases = [(np.array([[0.9, 0.3, 0.99]]), np.array([[0.5, 0.2, 0.7]]), np.array([[0.8, -0.4, 0.1]]))]
    mistakes = [
        (lambda f, i, c: c / (1 - f), "the input gate is missing: each step writes i * c_tilde, not c_tilde"),
        (lambda f, i, c: i * c / f, "divide by 1 - f, the fraction lost each step, not by f"),
        (lambda f, i, c: i * c, "that is one step's write: at the fixed point c = f * c + i * c_tilde; solve for c"),
        (lambda f, i, c: i * c / (1 + f), "the sign is off: c = f * c + i * c_tilde gives c = i * c_tilde / (1 - f)"),
    ]
    return check_function("fixed_point", fixed_point, cases, lambda f, i, c: i * c / (1 - f), mistakes)


def check_output_step(output_step):
    """Notebook 05: output_step(h_prev, x_t, c_t, W_o, b_o) should return h_t = o_t * tanh(c_t)."""
    def o(h, x, W, b):
        return sigmoid(concat(h, x) @ W + b)

    cases = [(h, x, 3 * np.array(v), W, b)
             for (h, x, W, b), v in zip(_gate_cases(), ([[0.5, -1.0, 2.0]], [[1.0, 0.2, -0.7]] * 4))]
    mistakes = [
        (lambda h, x, c, W, b: o(h, x, W, b) * c, "tanh is missing: h_t = o_t * tanh(c_t), not o_t * c_t"),
        (lambda h, x, c, W, b: tanh(o(h, x, W, b) * c), "the tanh is in the wrong place: squash c_t first, o_t * tanh(c_t)"),
        (lambda h, x, c, W, b: tanh(concat(h, x) @ W + b) * tanh(c),
         "you used tanh where sigmoid belongs in the output gate o_t"),
        (lambda h, x, c, W, b: o(h, x, W, b), "you returned the output gate o_t: multiply it by tanh(c_t)"),
        (lambda h, x, c, W, b: o(h, x, W, b) * sigmoid(c), "use tanh(c_t), not sigmoid(c_t): h_t keeps c_t's sign"),
    ]
    return check_function("output_step", output_step, cases,
                          lambda h, x, c, W, b: hidden_state(output_gate(h, x, W, b)[0], c), mistakes)


def _lstm_cases():
    rng = np.random.default_rng(6)
    cases = []
    for batch in (1, 2):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)), rng.normal(size=(batch, H)),
                      rng.normal(size=(H + D, 4 * H)), rng.normal(size=4 * H)))
    return cases


def check_lstm_step(lstm_step):
    """Notebook 06: lstm_step(x_t, h_prev, c_prev, W, b) should return (h_t, c_t), the blocks of W in order i, f, g, o."""
    def step(x, h, c, W, b, order="ifgo", first="h", squash=tanh):
        H = h.shape[1]
        z = (concat(h, x) if first == "h" else concat(x, h)) @ W + b
        block = {name: z[:, k * H:(k + 1) * H] for k, name in enumerate(order)}
        i, f, o = sigmoid(block["i"]), sigmoid(block["f"]), sigmoid(block["o"])
        c_t = f * c + i * tanh(block["g"])
        return o * squash(c_t), c_t

    mistakes = [
        (lambda *a: step(*a, order="ifog"), "you sliced the blocks as i, f, o, g: the order is i, f, g, o"),
        (lambda *a: step(*a, order="figo"), "you sliced the blocks as f, i, g, o: the order is i, f, g, o"),
        (lambda *a: step(*a, first="x"), "you concatenated [x_t, h_prev]: the order is [h_prev, x_t]"),
        (lambda *a: step(*a, squash=lambda c: c), "h_t needs tanh: h_t = o_t * tanh(c_t)"),
        (lambda *a: step(*a)[::-1], "you returned (c_t, h_t): return the pair as (h_t, c_t)"),
    ]
    return check_function("lstm_step", lstm_step, _lstm_cases(),
                          lambda x, h, c, W, b: lstm_step_forward(x, (h, c), {"W": W, "b": b})[0], mistakes)


def check_lstm_parameter_count(lstm_parameter_count):
    """Notebook 06: lstm_parameter_count(D, H) should return 4 * (H * (H + D) + H), the size of W and b."""
    cases = [(4, 3), (1, 1), (10, 32), (128, 256)]

    def count(D, H, biases=1, blocks=4):
        return np.asarray(blocks * (H * (H + D) + biases * H))

    mistakes = [
        (lambda D, H: count(D, H, biases=2), "you counted two bias vectors, as PyTorch stores them (bias_ih and "
                                             "bias_hh); the course's LSTM has one b, their sum"),
        (lambda D, H: count(D, H, blocks=1), "that is one block: the LSTM has four, i, f, g and o"),
        (lambda D, H: count(D, H, biases=0), "the biases are missing: each of the four blocks has H of them"),
        (lambda D, H: count(D, H, blocks=3), "that is the GRU's three blocks: the LSTM has four, i, f, g and o"),
    ]
    return check_function("lstm_parameter_count", lstm_parameter_count, cases, lambda D, H: count(D, H), mistakes)


# Notebooks 07 (GRU) and 08 (GLU family).

def _gru_cases():
    rng = np.random.default_rng(7)
    cases = []
    for batch in (1, 3):
        H, D = 3, 2
        cases.append((rng.normal(size=(batch, D)), rng.normal(size=(batch, H)),
                      *(rng.normal(size=shape) for shape in [(H + D, H), (H,)] * 3)))
    return cases


def check_gru_step(gru_step):
    """Notebook 07: gru_step(x_t, h_prev, W_z, b_z, W_r, b_r, W_h, b_h) should return h_t, reset before the matrix."""
    def gates(x, h, W_z, b_z, W_r, b_r):
        return sigmoid(concat(h, x) @ W_z + b_z), sigmoid(concat(h, x) @ W_r + b_r)

    def reference(x, h, W_z, b_z, W_r, b_r, W_h, b_h):
        params = {"W_z": W_z, "b_z": b_z, "W_r": W_r, "b_r": b_r, "W_h": W_h, "b_h": b_h}
        return gru_step_forward(x, h, params, reset="before")[0]

    def variant(candidate, blend=lambda z, h, h_tilde: z * h + (1 - z) * h_tilde):
        def step(x, h, W_z, b_z, W_r, b_r, W_h, b_h):
            z, r = gates(x, h, W_z, b_z, W_r, b_r)
            return blend(z, h, candidate(x, h, r, W_h, b_h))
        return step

    def before(x, h, r, W_h, b_h):
        return tanh(concat(r * h, x) @ W_h + b_h)

    H = 3
    mistakes = [
        (variant(before, lambda z, h, h_tilde: (1 - z) * h + z * h_tilde),
         "z and 1 - z are swapped (Chung et al. 2014's convention): in the course, z = 1 keeps h_prev"),
        (variant(lambda x, h, r, W_h, b_h: tanh(x @ W_h[H:] + b_h + r * (h @ W_h[:H]))),
         "you applied the reset gate after the matrix (PyTorch's form): here r multiplies h_prev before W_h"),
        (variant(lambda x, h, r, W_h, b_h: concat(r * h, x) @ W_h + b_h),
         "the candidate has no tanh: h_tilde = tanh(concat(r_t * h_prev, x_t) @ W_h + b_h)"),
        (variant(lambda x, h, r, W_h, b_h: sigmoid(concat(r * h, x) @ W_h + b_h)),
         "you used sigmoid where tanh belongs: the candidate lies in (-1, 1), only the gates in (0, 1)"),
        (variant(lambda x, h, r, W_h, b_h: tanh(concat(h, x) @ W_h + b_h)),
         "the reset gate is missing: the candidate should see r_t * h_prev, not h_prev"),
    ]
    return check_function("gru_step", gru_step, _gru_cases(), reference, mistakes)


def check_gru_param_count(gru_param_count):
    """Notebook 07: gru_param_count(D, H) should return 3 * (H * (H + D) + H), one bias per block."""
    cases = [(4, 3), (10, 20), (1, 1)]

    def blocks(k, biases=1):
        return lambda D, H: np.asarray(float(k * (H * (H + D) + biases * H)))

    mistakes = [
        (blocks(4), "that is the LSTM's count, 4 blocks: the GRU has 3 (z, r and the candidate)"),
        (blocks(3, biases=0), "the biases are missing: each block has H of them"),
        (blocks(3, biases=2), "that is PyTorch's count, with two biases per block: the course keeps one"),
        (blocks(2), "2 blocks is the gated RNN of notebook 02: the GRU adds the reset gate"),
        (lambda D, H: np.asarray(float(3 * (H * D + H))), "each block reads concat(h_prev, x_t): H + D rows, not D"),
    ]
    return check_function("gru_param_count", gru_param_count, cases, blocks(3), mistakes)


def _glu_cases():
    rng = np.random.default_rng(8)
    return [(rng.normal(size=(n, 4)), rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=(4, 3)),
             rng.normal(size=3)) for n in (1, 5)]


def check_glu_layer(glu_layer):
    """Notebook 08: glu_layer(x, W, b, V, c) should return (x @ W + b) * sigmoid(x @ V + c) (Dauphin et al. 2017)."""
    mistakes = [
        (lambda x, W, b, V, c: sigmoid(x @ W + b) * (x @ V + c),
         "the sigmoid is on the wrong branch: it belongs on x @ V + c, the gate; x @ W + b stays linear"),
        (lambda x, W, b, V, c: (x @ W) * sigmoid(x @ V + c), "the bias b of the linear branch is missing"),
        (lambda x, W, b, V, c: (x @ W + b) * sigmoid(x @ V), "the bias c of the gate branch is missing"),
        (lambda x, W, b, V, c: (x @ W + b) * tanh(x @ V + c),
         "you used tanh where sigmoid belongs: a gate must lie in [0, 1]"),
        (lambda x, W, b, V, c: tanh(x @ W + b) * sigmoid(x @ V + c),
         "that is the GTU, with tanh on the linear branch: the GLU leaves it linear"),
        (lambda x, W, b, V, c: (x @ W + b) * (x @ V + c), "the sigmoid is missing: that is the Bilinear variant"),
    ]
    return check_function("glu_layer", glu_layer, _glu_cases(),
                          lambda x, W, b, V, c: glu_layer_forward(x, {"W": W, "b": b, "V": V, "c": c})[0], mistakes)


def check_geglu(geglu):
    """Notebook 08: geglu(A, B) should return A * GELU(B), with the exact (erf) GELU."""
    rng = np.random.default_rng(9)
    cases = [(rng.normal(size=(1, 6)) * 2, rng.normal(size=(1, 6)) * 2), (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))]

    def gelu_tanh(B):
        return 0.5 * B * (1 + np.tanh(np.sqrt(2 / np.pi) * (B + 0.044715 * B ** 3)))

    mistakes = [
        (lambda A, B: A * relu(B), "you used ReLU where GELU belongs: that is ReGLU"),
        (lambda A, B: A * gelu_tanh(B), "you used the tanh approximation of GELU: the course uses the exact erf form"),
        (lambda A, B: gelu(A) * B, "GELU is on the wrong branch: it belongs on B, A stays linear"),
        (lambda A, B: A * sigmoid(B), "you used sigmoid where GELU belongs: that is the plain GLU"),
        (lambda A, B: gelu(A * B), "you applied GELU to the product: apply it to B, then multiply by A"),
    ]
    return check_function("geglu", geglu, cases, lambda A, B: glu_forward(A, B, "geglu")[0], mistakes)
