"""Notebook 09's rows of the bad-input table (tests/test_bad_input.py reads ROWS): the Jacobians of the LSTM and the
GRU, the measurement of helpers.bptt and the figures of helpers.figures.gradients_through_time."""

import numpy as np

from helpers.bptt import gradient_reach, init_scaled, reach_from_jacobians, reach_grid, run_jacobians
from helpers.figures.gradients_through_time import gradient_reach_explorer, gradient_reach_scene, plot_gradient_reach
from helpers.gradient_flow import gru_jacobian, gru_jacobian_terms, lstm_jacobian, lstm_jacobian_terms
from helpers.gru import init_gru_params
from helpers.lstm import init_lstm_params
from helpers.rnn import init_rnn_params

H, D, B = 3, 4, 2
rng = np.random.default_rng(9)
X, S = rng.normal(size=(B, D)), rng.normal(size=(B, H))
XS = rng.normal(size=(B, 5, D))
LSTM, GRU, PLAIN = init_lstm_params(rng, D, H), init_gru_params(rng, D, H), init_rnn_params(rng, D, H, gated=False)
J = run_jacobians("plain RNN", PLAIN, XS)
GRID = reach_grid([1.0, 2.0], [0.0, 1.0], [2, 3], seeds=1, batch=1, size=2)
NO_ZERO_BIAS = reach_grid([1.0], [1.0], [2], seeds=1, batch=1, size=2)

ROWS = [
    ("lstm_jacobian with state one array", lambda: lstm_jacobian(X, S, LSTM), ["state", "pair", "ndarray"]),
    ("lstm_jacobian with W of one gate", lambda: lstm_jacobian(X, (S, S), {**LSTM, "W": np.ones((H + D, H))}),
     ["W", "12", "(7, 3)"]),
    ("lstm_jacobian_terms with c_prev of other batch", lambda: lstm_jacobian_terms(X, (S, np.ones((3, H))), LSTM),
     ["c_prev", "B = 2", "(3, 3)"]),
    ("gru_jacobian with an unknown placement", lambda: gru_jacobian(X, S, GRU, reset="middle"),
     ["reset", "'before' or 'after'", "'middle'"]),
    ("gru_jacobian_terms with h_prev a vector", lambda: gru_jacobian_terms(X, np.ones(H), GRU),
     ["h_prev", "2-D", "(3,)"]),
    ("init_scaled of an unknown model", lambda: init_scaled("Transformer", rng, 4), ["model", "'GRU'", "'Transformer'"]),
    ("init_scaled with a scale of 0", lambda: init_scaled("plain RNN", rng, 4, scale=0), ["scale", "positive", "[0.0]"]),
    ("init_scaled with size 0", lambda: init_scaled("GRU", rng, 0), ["size", ">= 1", "0"]),
    ("init_scaled with a NaN forget bias", lambda: init_scaled("LSTM", rng, 4, forget_bias=np.nan),
     ["forget_bias", "finite", "nan"]),
    ("run_jacobians with params a list", lambda: run_jacobians("gated RNN", [1, 2], XS),
     ["params", "dict", "list"]),
    ("run_jacobians of an LSTM with a GRU's weights", lambda: run_jacobians("LSTM", GRU, XS),
     ["params", "'W', 'b'", "missing"]),
    ("run_jacobians with xs 2-D", lambda: run_jacobians("plain RNN", PLAIN, X), ["xs", "3-D", "(2, 4)"]),
    ("reach_from_jacobians with one step of 3-D Jacobians", lambda: reach_from_jacobians(J[0], S, [1]),
     ["jacobians", "(T, B, n, n)", "(2, 3, 3)"]),
    ("reach_from_jacobians with ds_last of other width", lambda: reach_from_jacobians(J, np.ones((B, 4)), [5]),
     ["ds_last", "(2, 3)", "(2, 4)"]),
    ("reach_from_jacobians longer than the run", lambda: reach_from_jacobians(J, S, [3, 6]),
     ["lengths", "at most the 5 steps", "6"]),
    ("reach_from_jacobians with lengths out of order", lambda: reach_from_jacobians(J, S, [4, 2]),
     ["lengths", "increasing", "[4, 2]"]),
    ("gradient_reach with T = 0", lambda: gradient_reach("GRU", T=0), ["T", ">= 1", "0"]),
    ("gradient_reach with 2.5 seeds", lambda: gradient_reach("plain RNN", T=3, seeds=2.5), ["seeds", "whole number", "2.5"]),
    ("gradient_reach of a misspelt model", lambda: gradient_reach("lstm"), ["model", "'LSTM'", "'lstm'"]),
    ("gradient_reach with a negative scale", lambda: gradient_reach("LSTM", T=3, scale=-1.0),
     ["scale", "positive", "[-1.0]"]),
    ("reach_grid with scales out of order", lambda: reach_grid([2.0, 1.0], [0.0], [3]),
     ["scales", "increasing", "[2.0, 1.0]"]),
    ("reach_grid with a NaN forget bias", lambda: reach_grid([1.0], [np.nan], [3]), ["forget_biases", "finite", "nan"]),
    ("reach_grid with a length of 0", lambda: reach_grid([1.0], [0.0], [0, 3]), ["lengths", ">= 1", "0"]),
    ("gradient_reach_scene of a dict", lambda: gradient_reach_scene({"plain RNN": np.ones(3)}),
     ["grid", "ReachGrid", "dict"]),
    ("gradient_reach_scene with a zero bottom", lambda: gradient_reach_scene(GRID, y_range=(0, 1)),
     ["y_range", "0 < low < high", "[0, 1]"]),
    ("plot_gradient_reach at a NaN scale", lambda: plot_gradient_reach(GRID, scale=np.nan, T=3), ["scale", "finite", "nan"]),
    ("gradient_reach_explorer without forget bias 0", lambda: gradient_reach_explorer(NO_ZERO_BIAS, T=2),
     ["grid", "include 0", "[1.0]"]),
    ("gradient_reach_explorer starting beyond the lengths", lambda: gradient_reach_explorer(GRID),
     ["T", "from 2 to 3", "100"]),
]
