"""Checker for notebook 06's conversion of PyTorch's nn.LSTM weights to the course's W and b (torch never imported)."""

import numpy as np

from ..pytorch_layout import lstm_from_torch
from .feedback import check_function


def _torch_cases():
    rng = np.random.default_rng(62)
    return [(rng.normal(size=(4 * H, D)), rng.normal(size=(4 * H, H)), rng.normal(size=4 * H), rng.normal(size=4 * H))
            for H, D in ((3, 2), (2, 5))]


def check_lstm_weights_from_torch(lstm_weights_from_torch):
    """Notebook 06: lstm_weights_from_torch(weight_ih, weight_hh, bias_ih, bias_hh) should return the course's (W, b),
    W = [weight_hh.T; weight_ih.T] and b = bias_ih + bias_hh."""
    def reference(weight_ih, weight_hh, bias_ih, bias_hh):
        params = lstm_from_torch({"weight_ih": weight_ih, "weight_hh": weight_hh, "bias_ih": bias_ih,
                                  "bias_hh": bias_hh})
        return params["W"], params["b"]

    def reordered(w_ih, w_hh, b_ih, b_hh):
        W, b = reference(w_ih, w_hh, b_ih, b_hh)
        H = len(b) // 4
        blocks = [slice(k * H, (k + 1) * H) for k in (0, 1, 3, 2)]  # i, f, o, g
        return np.concatenate([W[:, s] for s in blocks], axis=1), np.concatenate([b[s] for s in blocks])

    mistakes = [
        (lambda w_ih, w_hh, b_ih, b_hh: (np.concatenate([w_hh, w_ih], axis=1), b_ih + b_hh),
         "W came out (4H, H + D), the transpose of the course's (H + D, 4H): PyTorch's matrices multiply column "
         "vectors, so transpose each, W = [weight_hh.T; weight_ih.T]"),
        (lambda w_ih, w_hh, b_ih, b_hh: (np.concatenate([w_ih.T, w_hh.T]), b_ih + b_hh),
         "the rows that read x_t are on top: in the course's W the rows that read h_prev come first, "
         "W = [weight_hh.T; weight_ih.T]"),
        (lambda w_ih, w_hh, b_ih, b_hh: (reference(w_ih, w_hh, b_ih, b_hh)[0], b_ih),
         "b is bias_ih + bias_hh: PyTorch adds both biases, so one alone is not the course's b"),
        (lambda w_ih, w_hh, b_ih, b_hh: (reference(w_ih, w_hh, b_ih, b_hh)[0], b_hh),
         "b is bias_ih + bias_hh: PyTorch adds both biases, so one alone is not the course's b"),
        (lambda w_ih, w_hh, b_ih, b_hh: (reference(w_ih, w_hh, b_ih, b_hh)[0], np.concatenate([b_ih, b_hh])),
         "b is the sum bias_ih + bias_hh, of shape (4H,), not the two side by side"),
        (reordered, "PyTorch's gate order is the course's, i, f, g, o: the blocks need no reordering"),
    ]
    return check_function("lstm_weights_from_torch", lstm_weights_from_torch, _torch_cases(), reference, mistakes)
