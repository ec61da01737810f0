"""Checkers for notebooks 03 to 06: the LSTM, gate by gate, then the whole step."""

import numpy as np

from ..activations import sigmoid, tanh
from ..linear import concat
from ..lstm import candidate, cell_update, forget_gate, hidden_state, input_gate, lstm_step_forward, output_gate
from .feedback import check_function
from .gate import _gate_cases, _gate_mistakes


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
