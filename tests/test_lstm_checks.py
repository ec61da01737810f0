"""The exercise checkers of notebooks 03-06: each solution passes, each named mistake is named, untouched is untouched.

Every wrong answer is written here the way a learner would write it, in numpy alone, with flags for the mistakes.
"""

import numpy as np
import pytest

from helpers import checks
from helpers.checks.lstm_backward import _memory_cases, _memory_gradients_numerically
from helpers.gradcheck import relative_error
from helpers.lstm import lstm_step_backward, lstm_step_forward


def sig(z):
    return 1 / (1 + np.exp(-z))


def cat(*arrays):
    return np.concatenate(arrays, axis=1)


def layer(h, x, W, b, act=sig, first="h", bias=True):
    """One layer act([h_prev, x_t] @ W + b) as a learner writes it; the keywords are the shared list's mistakes."""
    return act((cat(h, x) if first == "h" else cat(x, h)) @ W + (b if bias else 0))


def keep_and_add(c, f, i, c_tilde):
    return f * c + i * c_tilde


def cell_update(h, x, c, W_f, b_f, W_i, b_i, W_c, b_c, rule=keep_and_add, every=None, f=None, i=None, c_tilde=None):
    """Notebook 04's update; `every` changes all three layers, `f`, `i`, `c_tilde` one each."""
    every = every or {}
    f_t = layer(h, x, W_f, b_f, **{**every, **(f or {})})
    i_t = layer(h, x, W_i, b_i, **{**every, **(i or {})})
    candidate = layer(h, x, W_c, b_c, **{"act": np.tanh, **every, **(c_tilde or {})})
    return rule(c, f_t, i_t, candidate)


def output_step(h, x, c, W, b, squash=np.tanh, **how):
    return layer(h, x, W, b, **how) * squash(c)


def lstm_step(x_t, h_prev, c_prev, W, b, order="ifgo", squash=np.tanh, swap=False, rule=keep_and_add, every=None,
              **per_block):
    """Notebook 06's stacked step; `every` changes all four blocks, `i`, `f`, `g`, `o` (keywords) one each."""
    H = h_prev.shape[1]
    every = every or {}
    block = {}
    for k, name in enumerate(order):
        how = {"act": np.tanh if name == "g" else sig, **every, **per_block.get(name, {})}
        block[name] = layer(h_prev, x_t, W[:, k * H:(k + 1) * H], b[k * H:(k + 1) * H], **how)
    c_t = rule(c_prev, block["f"], block["i"], block["g"])
    h_t = block["o"] * squash(c_t)
    return (c_t, h_t) if swap else (h_t, c_t)


def forward(xs, h0, c0, W, b, step=lstm_step, carry=True, keep_h=True, keep_c=True, store="after", keep_h0=False,
            axis=1, swap=False):
    """Notebook 06's loop over time, with its usual mistakes as flags."""
    h, c = h0, c0
    hs, cs = ([h0], [c0]) if keep_h0 else ([], [])
    for t in range(xs.shape[1]):
        h_t, c_t = step(xs[:, t], h, c, W, b)
        hs.append(h_t if store == "after" else h)
        cs.append(c_t if store == "after" else c)
        if carry:
            h, c = (h_t if keep_h else h0), (c_t if keep_c else c0)
    hs, cs = np.stack(hs, axis=axis), np.stack(cs, axis=axis)
    return (cs, hs) if swap else (hs, cs)


def memory_backward(dh_t, dc_next, f_next, c_prev, f_t, i_t, c_tilde, o_t, c_t, through_h=True, slope=True,
                    times_f_next=True, back_by="f_t", df_by="c_prev", swap=False):
    """Notebook 06's step back through the memory, with its usual mistakes as flags."""
    from_h = dh_t * o_t * ((1 - np.tanh(c_t) ** 2) if slope else 1) if through_h else 0
    dc_t = (dc_next * f_next if times_f_next else dc_next) + from_h
    dc_prev = dc_t * (f_t if back_by == "f_t" else f_next)
    df_t = dc_t * {"c_prev": c_prev, "c_t": c_t, "z": c_prev * f_t * (1 - f_t)}[df_by]
    return (df_t, dc_prev) if swap else (dc_prev, df_t)


def from_torch(weight_ih, weight_hh, bias_ih, bias_hh, transpose=True, h_first=True, biases="both", order="ifgo"):
    """Notebook 06's conversion of PyTorch's weights, with its usual mistakes as flags."""
    blocks = [weight_hh, weight_ih] if h_first else [weight_ih, weight_hh]
    W = np.concatenate([w.T for w in blocks], axis=0) if transpose else np.concatenate(blocks, axis=1)
    b = {"both": bias_ih + bias_hh, "ih": bias_ih, "hh": bias_hh, "stacked": np.concatenate([bias_ih, bias_hh])}
    H = len(bias_ih) // 4
    columns = np.concatenate([np.arange(H) + H * "ifgo".index(gate) for gate in order])  # blocks in `order`
    return (W[:, columns], b[biases][columns]) if order != "ifgo" else (W, b[biases])


TANH = {"act": np.tanh}
NO_BIAS = {"bias": False}
X_FIRST = {"first": "x"}

# checker: (solution, [(a wrong function, words its message must contain)])
CASES = {
    "check_forget_gate": (
        lambda h, x, W, b: layer(h, x, W, b),
        [(lambda h, x, W, b: layer(h, x, W, b, act=np.tanh), "tanh where sigmoid belongs in the gate f_t"),
         (lambda h, x, W, b: layer(h, x, W, b, first="x"), "[x_t, h_prev]"),
         (lambda h, x, W, b: layer(h, x, W, b, bias=False), "bias b_f is missing"),
         (lambda h, x, W, b: layer(h, x, W, b, act=lambda z: z), "sigmoid is missing"),
         (lambda h, x, W, b: 1 - layer(h, x, W, b), "1 - f_t")]),
    "check_forget_bias": (
        lambda n: np.log(0.5 ** (1 / n) / (1 - 0.5 ** (1 / n))),
        [(lambda n: 0.5 ** (1 / n), "not the bias"),
         (lambda n: np.log(0.5 ** (1 / n)), "you took ln f"),
         (lambda n: np.log(0.5 ** n / (1 - 0.5 ** n)), "0.5 ** (1 / n)")]),
    "check_cell_update": (
        cell_update,
        [(lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * z + i * c), "swapped"),
         (lambda *a: cell_update(*a, c_tilde={"act": lambda z: z}), "no tanh"),
         (lambda *a: cell_update(*a, c_tilde={"act": sig}), "sigmoid where tanh belongs in the candidate c_tilde"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: i * z), "old memory is missing"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * c + z), "input gate is missing"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: (1 - f) * c + i * z), "(1 - f_t) * c_prev"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: (1 - f) * c + f * z), "the gated RNN's blend"),
         (lambda *a: cell_update(*a, rule=lambda c, f, i, z: f * c + (1 - f) * z), "you coupled the gates"),
         (lambda *a: cell_update(*a, every=X_FIRST), "[x_t, h_prev]"),
         (lambda *a: cell_update(*a, every=NO_BIAS), "the biases b_f, b_i and b_c are missing"),
         (lambda *a: cell_update(*a, i=NO_BIAS), "the bias b_i is missing"),
         (lambda *a: cell_update(*a, f=TANH, i=TANH), "tanh where sigmoid belongs in the gates f_t and i_t"),
         (lambda *a: cell_update(*a, i=TANH), "tanh where sigmoid belongs in the gate i_t")]),
    "check_fixed_point": (
        lambda f, i, c: i * c / (1 - f),
        [(lambda f, i, c: c / (1 - f), "input gate is missing"), (lambda f, i, c: i * c / f, "not by f")]),
    "check_output_step": (
        output_step,
        [(lambda *a: output_step(*a, squash=lambda c: c), "tanh is missing"),
         (lambda h, x, c, W, b: np.tanh(layer(h, x, W, b) * c), "wrong place"),
         (lambda h, x, c, W, b: layer(h, x, W, b), "you returned the output gate o_t"),
         (lambda *a: output_step(*a, squash=sig), "not sigmoid(c_t)"),
         (lambda *a: output_step(*a, act=np.tanh), "tanh where sigmoid belongs in the gate o_t"),
         (lambda *a: output_step(*a, first="x"), "[x_t, h_prev]"),
         (lambda *a: output_step(*a, bias=False), "bias b_o is missing")]),
    "check_lstm_step": (
        lstm_step,
        [(lambda *a: lstm_step(*a, order="ifog"), "i, f, o, g"),
         (lambda *a: lstm_step(*a, order="figo"), "f, i, g, o"),
         (lambda *a: lstm_step(*a, squash=lambda c: c), "needs tanh"),
         (lambda *a: lstm_step(*a, swap=True), "(c_t, h_t)"),
         (lambda *a: lstm_step(*a, every=X_FIRST), "[x_t, h_prev]"),
         (lambda *a: lstm_step(*a, every=NO_BIAS), "the biases b_i, b_f, b_c and b_o are missing"),
         (lambda *a: lstm_step(*a, i=TANH, f=TANH, o=TANH), "tanh where sigmoid belongs in the gates i_t, f_t and o_t"),
         (lambda *a: lstm_step(*a, g={"act": sig}), "sigmoid where tanh belongs in the candidate c_tilde"),
         (lambda *a: lstm_step(*a, rule=lambda c, f, i, z: (1 - f) * c + f * z), "the gated RNN's blend")]),
    "check_lstm_forward_by_hand": (
        forward,
        [(lambda *a: forward(*a, carry=False), "started again from (h0, c0)"),
         (lambda *a: forward(*a, keep_c=False), "started every step from c0"),
         (lambda *a: forward(*a, keep_h=False), "started every step from h0"),
         (lambda *a: forward(*a, store="before"), "stored each step's (h_prev, c_prev)"),
         (lambda *a: forward(*a, keep_h0=True), "you kept h0 and c0"),
         (lambda *a: forward(*a, axis=0), "stacked time first"),
         (lambda *a: forward(*a, swap=True), "(cs, hs)"),
         (lambda *a: forward(*a, step=lambda *s: lstm_step(*s, g={"act": sig})), "sigmoid where tanh belongs"),
         (lambda *a: forward(*a, step=lambda *s: lstm_step(*s, every=X_FIRST)), "[x_t, h_prev]")]),
    "check_lstm_memory_backward": (
        memory_backward,
        [(lambda *a: memory_backward(*a, through_h=False), "the path through h_t = o_t * tanh(c_t) is missing"),
         (lambda *a: memory_backward(*a, back_by="f_next"), "f_{t+1} where f_t belongs"),
         (lambda *a: memory_backward(*a, slope=False), "slope of tanh is missing"),
         (lambda *a: memory_backward(*a, times_f_next=False), "multiply it by f_next"),
         (lambda *a: memory_backward(*a, df_by="c_t"), "not dc_t * c_t"),
         (lambda *a: memory_backward(*a, df_by="z"), "pre-activation z_f"),
         (lambda *a: memory_backward(*a, swap=True), "(df_t, dc_prev)")]),
    "check_lstm_weights_from_torch": (
        from_torch,
        [(lambda *a: from_torch(*a, transpose=False), "transpose each"),
         (lambda *a: from_torch(*a, h_first=False), "the rows that read x_t are on top"),
         (lambda *a: from_torch(*a, biases="ih"), "b is bias_ih + bias_hh"),
         (lambda *a: from_torch(*a, biases="hh"), "b is bias_ih + bias_hh"),
         (lambda *a: from_torch(*a, biases="stacked"), "not the two side by side"),
         (lambda *a: from_torch(*a, order="ifog"), "need no reordering")]),
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


def test_the_memory_check_uses_finite_differences_that_agree_with_the_course_backward():
    rng = np.random.default_rng(5)
    H, D = 3, 2
    params = {"W": rng.normal(size=(H + D, 4 * H)), "b": rng.normal(size=4 * H)}
    x_t, h_prev, c_prev = rng.normal(size=(2, D)), rng.normal(size=(2, H)), rng.normal(size=(2, H))
    (_, c_t), cache = lstm_step_forward(x_t, (h_prev, c_prev), params)
    dh_t, dc_next, f_next = rng.normal(size=(2, H)), rng.normal(size=(2, H)), sig(rng.normal(size=(2, H)))
    args = (dh_t, dc_next, f_next, c_prev, cache.f_t, cache.i_t, cache.c_tilde, cache.o_t, c_t)
    dc_prev, df_t = _memory_gradients_numerically(*args)
    # The course's step takes the gradient arriving at c_t from step t + 1, dc_next * f_next.
    assert relative_error(dc_prev, lstm_step_backward((dh_t, dc_next * f_next), cache)[1][1]) < 1e-8
    for numeric, analytic in zip((dc_prev, df_t), memory_backward(*args)):
        assert relative_error(numeric, analytic) < 1e-8
    for case in _memory_cases():
        for numeric, analytic in zip(_memory_gradients_numerically(*case), memory_backward(*case)):
            np.testing.assert_allclose(numeric, analytic, rtol=1e-7, atol=2e-9)
