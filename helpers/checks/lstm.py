"""Checkers for notebooks 03 to 05: the LSTM gate by gate (notebook 06's whole cell is in .lstm_cell)."""

import numpy as np

from ..activations import sigmoid, tanh
from ..lstm import candidate, cell_update, forget_gate, hidden_state, input_gate, output_gate
from .feedback import check_function
from .gate import _gate_cases, _gate_mistakes
from .mistakes import Layer, layer_mistakes, variant_mistakes

CELL_LAYERS = [Layer("f_t", "gate", "W_f", "b_f"), Layer("i_t", "gate", "W_i", "b_i"),
               Layer("c_tilde", "candidate", "W_c", "b_c")]


def lstm_update(c_prev, f_t, i_t, c_tilde):
    return f_t * c_prev + i_t * c_tilde


# The usual wrong forms of c_t = f_t * c_prev + i_t * c_tilde, for notebook 04's update and notebook 06's whole step.
UPDATE_MISTAKES = [
    ({"update": lambda c, f, i, c_tilde: f * c_tilde + i * c},
     "f_t and i_t are swapped: the forget gate scales c_prev, the input gate scales c_tilde"),
    ({"update": lambda c, f, i, c_tilde: f * c + c_tilde},
     "the input gate is missing: write i_t * c_tilde, not c_tilde"),
    ({"update": lambda c, f, i, c_tilde: i * c_tilde}, "the old memory is missing: c_t = f_t * c_prev + i_t * c_tilde"),
    ({"update": lambda c, f, i, c_tilde: (1 - f) * c + i * c_tilde},
     "you kept (1 - f_t) * c_prev: in the LSTM, f_t is the fraction kept"),
    ({"update": lambda c, f, i, c_tilde: (1 - f) * c + f * c_tilde},
     "you wrote the gated RNN's blend of notebook 02, (1 - f_t) * c_prev + f_t * c_tilde: in the LSTM f_t is the "
     "fraction of c_prev kept, and the input gate i_t scales c_tilde: c_t = f_t * c_prev + i_t * c_tilde"),
    ({"update": lambda c, f, i, c_tilde: f * c + (1 - f) * c_tilde},
     "you coupled the gates, f_t * c_prev + (1 - f_t) * c_tilde (the GRU's update): the LSTM's input gate i_t "
     "scales c_tilde"),
]


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


def _cell_update(layer, h_prev, x_t, c_prev, W_f, b_f, W_i, b_i, W_c, b_c, update=lstm_update):
    """Notebook 04's exercise, with each layer computed by `layer` (see .mistakes) and the update `update`."""
    f_t = layer("f_t", h_prev, x_t, W_f, b_f)
    i_t = layer("i_t", h_prev, x_t, W_i, b_i)
    c_tilde = layer("c_tilde", h_prev, x_t, W_c, b_c)
    return update(c_prev, f_t, i_t, c_tilde)


def check_cell_update(cell_update_by_hand):
    """Notebook 04: cell_update_by_hand(h_prev, x_t, c_prev, W_f, b_f, W_i, b_i, W_c, b_c) should return c_t."""
    def reference(h, x, c, W_f, b_f, W_i, b_i, W_c, b_c):
        return cell_update(c, forget_gate(h, x, W_f, b_f)[0], input_gate(h, x, W_i, b_i)[0],
                           candidate(h, x, W_c, b_c)[0])

    mistakes = [*variant_mistakes(_cell_update, CELL_LAYERS, UPDATE_MISTAKES),
                *layer_mistakes(_cell_update, CELL_LAYERS)]
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


OUTPUT_LAYERS = [Layer("o_t", "gate", "W_o", "b_o")]


def _output_step(layer, h_prev, x_t, c_t, W_o, b_o, show=lambda o_t, c_t: o_t * tanh(c_t)):
    """Notebook 05's exercise, with the output gate computed by `layer` and h_t by `show`."""
    return show(layer("o_t", h_prev, x_t, W_o, b_o), c_t)


def check_output_step(output_step):
    """Notebook 05: output_step(h_prev, x_t, c_t, W_o, b_o) should return h_t = o_t * tanh(c_t)."""
    cases = [(h, x, 3 * np.array(v), W, b)
             for (h, x, W, b), v in zip(_gate_cases(), ([[0.5, -1.0, 2.0]], [[1.0, 0.2, -0.7]] * 4))]
    mistakes = [
        *variant_mistakes(_output_step, OUTPUT_LAYERS, [
            ({"show": lambda o, c: o * c}, "tanh is missing: h_t = o_t * tanh(c_t), not o_t * c_t"),
            ({"show": lambda o, c: tanh(o * c)}, "the tanh is in the wrong place: squash c_t first, o_t * tanh(c_t)"),
            ({"show": lambda o, c: o}, "you returned the output gate o_t: multiply it by tanh(c_t)"),
            ({"show": lambda o, c: o * sigmoid(c)}, "use tanh(c_t), not sigmoid(c_t): h_t keeps c_t's sign"),
        ]),
        *layer_mistakes(_output_step, OUTPUT_LAYERS),
    ]
    return check_function("output_step", output_step, cases,
                          lambda h, x, c, W, b: hidden_state(output_gate(h, x, W, b)[0], c), mistakes)
