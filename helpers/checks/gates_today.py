"""Checkers for notebook 11: a highway layer, minGRU's recurrence coefficients, and xLSTM's stabilised gates."""

import numpy as np

from ..activations import sigmoid
from ..highway import highway_forward
from .feedback import check_function


def _highway_cases():
    rng = np.random.default_rng(11)
    return [(rng.normal(size=(batch, 4)), rng.normal(size=(4, 4)), rng.normal(size=4), rng.normal(size=(4, 4)),
             rng.normal(size=4) - 2) for batch in (1, 3)]


def check_highway_layer(highway_layer):
    """Notebook 11: highway_layer(x, W_H, b_H, W_T, b_T) should return T * H + (1 - T) * x."""
    def reference(x, W_H, b_H, W_T, b_T):
        return highway_forward(x, {"W_H": W_H, "b_H": b_H, "W_T": W_T, "b_T": b_T})[0]

    def layer(x, W_H, b_H, W_T, b_T):
        return np.tanh(x @ W_H + b_H), sigmoid(x @ W_T + b_T)

    def wrong(combine, gate=sigmoid, candidate=np.tanh):
        return lambda x, W_H, b_H, W_T, b_T: combine(x, candidate(x @ W_H + b_H), gate(x @ W_T + b_T))

    mistakes = [
        (wrong(lambda x, H, T: (1 - T) * H + T * x),
         "T and 1 - T are swapped: T, the transform gate, multiplies H(x); 1 - T carries x"),
        (wrong(lambda x, H, T: x + H), "that is the residual layer x + H(x): the highway layer gates both paths"),
        (wrong(lambda x, H, T: T * H), "the carry path (1 - T) * x is missing: without it this is a gated plain layer"),
        (wrong(lambda x, H, T: T * H + (1 - T) * x, gate=np.tanh),
         "you used tanh where sigmoid belongs in the gate T: a gate must lie in [0, 1]"),
        (wrong(lambda x, H, T: T * H + (1 - T) * x, candidate=lambda z: z), "H(x) has no tanh: H = tanh(x W_H + b_H)"),
        (lambda x, W_H, b_H, W_T, b_T: (lambda H, T: T * H + (1 - T) * x)(np.tanh(x @ W_H + b_H), sigmoid(x @ W_T)),
         "the transform bias b_T is missing: it is what starts the layer near carry"),
    ]
    return check_function("highway_layer", highway_layer, _highway_cases(), reference, mistakes)


def check_min_gru_coefficients(min_gru_coefficients):
    """Notebook 11: min_gru_coefficients(xs, W_z, b_z, W_h, b_h) should return (a, b) of h_t = a_t * h_{t-1} + b_t."""
    rng = np.random.default_rng(12)
    cases = [(rng.normal(size=(batch, T, 2)), rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(2, 3)),
              rng.normal(size=3)) for batch, T in ((1, 4), (2, 6))]

    def coefficients(xs, W_z, b_z, W_h, b_h, gate=sigmoid, candidate=lambda v: v, swapped=False):
        z, h_tilde = gate(xs @ W_z + b_z), candidate(xs @ W_h + b_h)
        return (z, (1 - z) * h_tilde) if swapped else (1 - z, z * h_tilde)

    mistakes = [
        (lambda *args: coefficients(*args, swapped=True),
         "z_t and 1 - z_t are swapped: in Feng et al.'s minGRU z_t is the share of the candidate written, so "
         "a_t = 1 - z_t keeps the old state"),
        (lambda *args: coefficients(*args, candidate=np.tanh),
         "minGRU's candidate has no tanh: h_tilde = x_t W_h + b_h, a linear layer"),
        (lambda *args: (coefficients(*args)[0], args[0] @ args[3] + args[4]),
         "b_t is z_t * h_tilde: the candidate is written only as far as the gate is open"),
        (lambda *args: coefficients(*args, gate=np.tanh), "you used tanh where sigmoid belongs in z_t: a gate lies in [0, 1]"),
    ]
    return check_function("min_gru_coefficients", min_gru_coefficients, cases, coefficients, mistakes)


def check_stabilised_gates(stabilised_gates):
    """Notebook 11: stabilised_gates(i_tilde, log_f, m_prev) should return (i_prime, f_prime, m_t) of xLSTM."""
    rng = np.random.default_rng(13)
    cases = [(rng.normal(size=(1, 3)) * 50, rng.normal(size=(1, 3)) * 5, rng.normal(size=(1, 3)) * 20),
             (np.array([[800.0, -3.0, 0.0]]), np.array([[0.0, -0.1, 700.0]]), np.array([[10.0, 500.0, 9.0]]))]

    def reference(i_tilde, log_f, m_prev):
        m_t = np.maximum(log_f + m_prev, i_tilde)
        return np.exp(i_tilde - m_t), np.exp(log_f + m_prev - m_t), m_t

    def without_m_prev(i_tilde, log_f, m_prev):
        m_t = np.maximum(log_f, i_tilde)
        return np.exp(i_tilde - m_t), np.exp(log_f - m_t), m_t

    mistakes = [
        (without_m_prev, "m_t must carry m_{t-1}: m_t = max(log f_t + m_{t-1}, i_tilde_t)"),
        (lambda i, f, m: (reference(i, f, m)[0], np.exp(f - reference(i, f, m)[2]), reference(i, f, m)[2]),
         "f'_t needs m_{t-1}: f'_t = exp(log f_t + m_{t-1} - m_t), because c_{t-1} was scaled by exp(-m_{t-1})"),
        (lambda i, f, m: (np.exp(i), np.exp(f), reference(i, f, m)[2]),
         "the gates are not stabilised: subtract the stabiliser inside the exponentials"),
    ]
    with np.errstate(over="ignore"):  # the unstabilised mistake overflows on purpose
        return check_function("stabilised_gates", stabilised_gates, cases, reference, mistakes)
