"""The bad-input table: every wrong call raises ValueError naming the argument, what was expected and what came."""

import importlib

import numpy as np
import pytest

from helpers.activations import sigmoid, sigmoid_grad, tanh, tanh_grad
from helpers.gate import gate, gate_backward, gate_forward
from helpers.figures.gate import gate_explorer, plot_gate, plot_sigmoid_slope
from helpers.figures.gated_rnn import plot_half_life, plot_keep_overwrite, plot_plain_vs_gated
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.linear import concat, linear_backward, linear_forward
from helpers.memory import half_life, retention
from helpers.rnn import (gated_rnn_backward, gated_rnn_forward, gated_rnn_step_backward, gated_rnn_step_forward,
                         init_rnn_params, rnn_backward, rnn_forward, rnn_step_backward, rnn_step_forward)
from helpers.diagrams.drawing import canvas
from helpers.figures.forget_gate import (forget_bias_explorer, forget_decay_explorer, forget_explorer, plot_forget,
                                    plot_forget_bias, plot_forget_decay)
from helpers.figures.input_gate import accumulation_explorer, cell_update_explorer, plot_accumulation, plot_cell_update
from helpers.figures.output_gate import hide_reveal_explorer, output_explorer, plot_hide_reveal, plot_output
from helpers.lstm import (candidate, cell_update, forget_gate, gate_blocks, hidden_state, init_lstm_params, input_gate,
                          lstm_backward, lstm_forward, lstm_gate_values, lstm_step_backward, lstm_step_forward,
                          output_gate)
from helpers.diagrams.lstm_cell import draw_lstm_cell
from helpers.figures.lstm import heatmap_explorer, lstm_cell_explorer, plot_lstm_cell_at, plot_lstm_heatmaps
from helpers.pytorch_layout import lstm_from_torch, lstm_to_torch
from helpers.figures.sliders import step_slider

# Issue 4: the GRU and the GLU family.
from helpers.activations import gelu, gelu_grad, relu, relu_grad, swish, swish_grad
from helpers.glu import (ffn_glu_backward, ffn_glu_forward, ffn_relu_backward, ffn_relu_forward, glu_backward,
                         glu_forward, glu_layer_backward, glu_layer_forward)
from helpers.figures.glu import glu_explorer, plot_glu_variants, plot_linear_path, plot_shazeer_table1
from helpers.gru import gru_backward, gru_forward, gru_step_backward, gru_step_forward, init_gru_params
from helpers.figures.gru import gru_gates_explorer, plot_gru_gates, plot_param_counts
from helpers.pytorch_layout import gru_from_torch, gru_to_torch
from helpers.linear import count_params

# Issue 9: how far the gradient reaches, and the gap between two runs.
from helpers.gradient_flow import gated_rnn_jacobian, gradient_norms, rnn_jacobian
from helpers.figures.gradient_flow import plot_gradient_flow
from helpers.figures.gated_rnn import plot_state_gap, state_gap_explorer

H, D, B = 3, 4, 2
rng = np.random.default_rng(0)
PARAMS = init_rnn_params(rng, D, H)
X, S = rng.normal(size=(B, D)), rng.normal(size=(B, H))
XS = rng.normal(size=(B, 5, D))
W, b = rng.normal(size=(H + D, H)), np.zeros(H)
NAN_X = X.copy()
NAN_X[1, 2] = np.nan
_, GATE_CACHE = gate_forward((S, X), W, b)
_, RNN_CACHE = rnn_step_forward(X, S, PARAMS)
_, GATED_CACHE = gated_rnn_step_forward(X, S, PARAMS)
_, RNN_CACHES = rnn_forward(XS, S, PARAMS)
_, GATED_CACHES = gated_rnn_forward(XS, S, PARAMS)
LSTM = init_lstm_params(rng, D, H)
ZERO = np.zeros((B, H))
_, LSTM_CACHE = lstm_step_forward(X, (S, S), LSTM)
LSTM_HS, LSTM_CS, LSTM_CACHES = lstm_forward(XS, S, S, LSTM)
LSTM_GATES = lstm_gate_values(LSTM_CACHES)
TORCH = lstm_to_torch(LSTM)

GRU_PARAMS = init_gru_params(rng, D, H)
_, GRU_CACHE = gru_step_forward(X, S, GRU_PARAMS)
_, GRU_CACHES = gru_forward(XS, S, GRU_PARAMS)
TORCH_WEIGHTS = gru_to_torch(GRU_PARAMS)
GLU_LAYER = {"W": np.ones((D, 3)), "b": np.zeros(3), "V": np.ones((D, 3)), "c": np.zeros(3)}
_, GLU_CACHE = glu_forward(X, X, "glu")
_, GLU_LAYER_CACHE = glu_layer_forward(X, GLU_LAYER)
FFN_GLU = {"W": np.ones((D, 6)), "V": np.ones((D, 6)), "W2": np.ones((6, D))}
FFN_RELU = {"W1": np.ones((D, 6)), "W2": np.ones((6, D))}
_, FFN_RELU_CACHE = ffn_relu_forward(X, FFN_RELU)


def without(params, name):
    return {k: v for k, v in params.items() if k != name}


def replaced(params, name, value):
    return {**params, name: value}


# (what is wrong, the call, words the message must contain: the argument, what was expected, what came)
BAD_CALLS = [
    ("sigmoid of NaN", lambda: sigmoid(np.array([0.0, np.nan])), ["z", "finite", "nan", "(1,)"]),
    ("sigmoid of a string", lambda: sigmoid("1.0"), ["z", "real numbers", "<U3"]),
    ("sigmoid of booleans", lambda: sigmoid(np.array([True])), ["z", "real numbers", "bool"]),
    ("tanh of infinity", lambda: tanh(np.inf), ["z", "finite", "inf"]),
    ("sigmoid_grad of complex", lambda: sigmoid_grad(1j), ["z", "real numbers", "complex128"]),
    ("tanh_grad of NaN", lambda: tanh_grad([np.nan]), ["z", "finite", "nan"]),
    ("concat of a 1-D vector", lambda: concat(np.ones(3), X), ["concat argument 0", "2-D", "(3,)"]),
    ("concat with mismatched batch", lambda: concat(S, np.ones((5, D))), ["concat argument 1", "B = 2", "(5, 4)"]),
    ("concat of nothing", lambda: concat(), ["concat", "at least one", "none"]),
    ("linear with W of wrong rows", lambda: linear_forward((S, X), np.ones((6, H)), b), ["W", "N=7", "(6, 3)"]),
    ("linear with b of wrong size", lambda: linear_forward((S, X), W, np.zeros(4)), ["b", "H=3", "(4,)"]),
    ("linear with inputs as one array", lambda: linear_forward(X, W, b), ["inputs", "list or tuple", "ndarray"]),
    ("linear_backward with dz of wrong shape", lambda: linear_backward(np.ones((B, 4)), GATE_CACHE[1]),
     ["dz", "(2, 3)", "(2, 4)"]),
    ("gate with NaN input", lambda: gate((S, NAN_X), W, b), ["concat argument 1", "finite", "nan", "(1, 2)"]),
    ("gate with W transposed", lambda: gate((S, X), W.T, b), ["W", "N=7", "(3, 7)"]),
    ("gate with b as a row (1, H)", lambda: gate((S, X), W, np.zeros((1, H))), ["b", "1-D", "(1, 3)"]),
    ("gate_backward with dg of wrong shape", lambda: gate_backward(np.ones((1, H)), GATE_CACHE),
     ["dg", "(2, 3)", "(1, 3)"]),
    ("plain step with x_t a vector", lambda: rnn_step_forward(np.ones(D), S, PARAMS), ["x_t", "2-D", "(4,)"]),
    ("plain step with mismatched batch", lambda: rnn_step_forward(X, np.ones((3, H)), PARAMS),
     ["s_prev", "B = 2", "(3, 3)"]),
    ("plain step missing W_s", lambda: rnn_step_forward(X, S, without(PARAMS, "W_s")), ["params", "W_s", "missing"]),
    ("plain step_backward with ds_t of wrong shape", lambda: rnn_step_backward(np.ones((B, 4)), RNN_CACHE),
     ["ds_t", "(2, 3)", "(2, 4)"]),
    ("gated step with W_g of wrong shape", lambda: gated_rnn_step_forward(X, S, replaced(PARAMS, "W_g", np.ones((H, H)))),
     ["W_g", "H+D=7", "(3, 3)"]),
    ("gated step with NaN in b_s", lambda: gated_rnn_step_forward(X, S, replaced(PARAMS, "b_s", [0, np.nan, 0])),
     ["b_s", "finite", "nan"]),
    ("gated step with params not a dict", lambda: gated_rnn_step_forward(X, S, [W, b]), ["params", "dict", "list"]),
    ("gated step with integer-string input", lambda: gated_rnn_step_forward(X.astype(str), S, PARAMS),
     ["x_t", "real numbers", "<U"]),
    ("gated step_backward with a plain cache", lambda: gated_rnn_step_backward(np.ones((B, H)), RNN_CACHE),
     ["cache", "GatedStepCache", "tuple"]),
    ("gated step_backward with ds_t of wrong shape", lambda: gated_rnn_step_backward(np.ones((B, 5)), GATED_CACHE),
     ["ds_t", "(2, 3)", "(2, 5)"]),
    ("sequence with xs 2-D", lambda: gated_rnn_forward(X, S, PARAMS), ["xs", "3-D", "(2, 4)"]),
    ("sequence with s0 of other batch", lambda: rnn_forward(XS, np.ones((1, H)), PARAMS), ["s0", "B = 2", "(1, 3)"]),
    ("sequence with no time steps", lambda: gated_rnn_forward(np.ones((B, 0, D)), S, PARAMS),
     ["xs", "T >= 1", "(2, 0, 4)"]),
    ("BPTT with dstates of wrong length", lambda: gated_rnn_backward(np.ones((B, 4, H)), GATED_CACHES),
     ["dstates", "5", "(2, 4, 3)"]),
    ("BPTT with no caches", lambda: rnn_backward(np.ones((B, 5, H)), []), ["caches", "non-empty list", "list"]),
    ("half_life of a gate above 1", lambda: half_life(1.5), ["keep", "[0, 1]", "1.5"]),
    ("half_life of a negative gate", lambda: half_life(np.array([0.5, -0.1])), ["keep", "[0, 1]", "-0.1", "(1,)"]),
    ("retention of NaN steps", lambda: retention(0.9, np.nan), ["steps", "finite", "nan"]),
    ("numerical_gradient of an int array", lambda: numerical_gradient(lambda: 0.0, np.ones(3, dtype=int)),
     ["x", "float64", "int64"]),
    ("relative_error of mismatched shapes", lambda: relative_error(np.ones(3), np.ones(4)), ["b", "(3,)", "(4,)"]),
    ("plot_sigmoid_slope at NaN", lambda: plot_sigmoid_slope(np.nan), ["z", "finite", "nan"]),
    ("plot_gate with a batch of 2", lambda: plot_gate(np.zeros((2, H)), np.zeros((2, H))), ["v", "B=1", "(2, 3)"]),
    ("plot_gate with v of other width", lambda: plot_gate(np.zeros((1, H)), np.zeros((1, 4))), ["z", "H=4", "set by v", "(1, 3)"]),
    ("plot_keep_overwrite with a gate of 2", lambda: plot_keep_overwrite(S[:1], S[:1], [[0.0, 2.0, 1.0]]),
     ["g", "[0, 1]", "2", "(0, 1)"]),
    ("plot_keep_overwrite with a gate of -0.5", lambda: plot_keep_overwrite(S[:1], S[:1], [[-0.5, 0.0, 1.0]]),
     ["g", "[0, 1]", "-0.5"]),
    ("plot_half_life with a gate of 1.2", lambda: plot_half_life(1.2), ["g", "[0, 1]", "1.2"]),
    ("plot_plain_vs_gated with mismatched lengths",
     lambda: plot_plain_vs_gated(S[:1], np.zeros((1, 5, H)), np.zeros((1, 6, H))), ["gated_states", "T=5", "(1, 6, 3)"]),
    ("gate_explorer with W of wrong rows", lambda: gate_explorer(np.zeros((1, 7)), np.zeros((6, H)), np.zeros((1, H))),
     ["W", "N=7", "(6, 3)"]),
    # Issue 3: the LSTM, notebooks 03-06.
    ("gate_blocks with b not a multiple of 4", lambda: gate_blocks(np.ones((7, 12)), np.ones(10)), ["b", "multiple of 4", "(10,)"]),
    ("gate_blocks with W of other width", lambda: gate_blocks(np.ones((7, 8)), np.ones(12)), ["W", "4H=12", "(7, 8)"]),
    ("forget_gate with W_f of wrong rows", lambda: forget_gate(S, X, np.ones((6, H)), b), ["W_f", "H+D=7", "(6, 3)"]),
    ("forget_gate with b_f as a row", lambda: forget_gate(S, X, W, np.zeros((1, H))), ["b_f", "1-D", "(1, 3)"]),
    ("input_gate with mismatched batch", lambda: input_gate(S, np.ones((5, D)), W, b), ["x_t", "B = 2", "(5, 4)"]),
    ("output_gate with NaN in W_o", lambda: output_gate(S, X, np.full((H + D, H), np.nan), b), ["W_o", "finite", "nan"]),
    ("candidate with b_c of wrong size", lambda: candidate(S, X, W, np.zeros(4)), ["b_c", "H=3", "(4,)"]),
    ("cell_update with a forget gate of 1.5", lambda: cell_update(S, np.full((B, H), 1.5), ZERO, ZERO),
     ["f_t", "[0, 1]", "1.5"]),
    ("cell_update with c_tilde of other width", lambda: cell_update(S, ZERO, ZERO, np.ones((B, 4))),
     ["c_tilde", "H=3", "(2, 4)"]),
    ("hidden_state with a negative output gate", lambda: hidden_state(np.full((B, H), -0.2), S), ["o_t", "[0, 1]", "-0.2"]),
    ("hidden_state with c_t of other batch", lambda: hidden_state(ZERO, np.ones((1, H))), ["c_t", "B=2", "(1, 3)"]),
    ("init_lstm_params with hidden size 0", lambda: init_lstm_params(rng, D, 0), ["hidden_size", ">= 1", "0"]),
    ("init_lstm_params with a NaN forget bias", lambda: init_lstm_params(rng, D, H, forget_bias=np.nan),
     ["forget_bias", "finite", "nan"]),
    ("LSTM step with state not a pair", lambda: lstm_step_forward(X, S, LSTM), ["state", "pair", "ndarray"]),
    ("LSTM step with c_prev of other batch", lambda: lstm_step_forward(X, (S, np.ones((3, H))), LSTM),
     ["c_prev", "B = 2", "(3, 3)"]),
    ("LSTM step with W of one gate", lambda: lstm_step_forward(X, (S, S), replaced(LSTM, "W", W)), ["W", "12", "(7, 3)"]),
    ("LSTM step missing b", lambda: lstm_step_forward(X, (S, S), without(LSTM, "b")), ["params", "b", "missing"]),
    ("LSTM step_backward with a gated RNN cache", lambda: lstm_step_backward((S, S), GATED_CACHE),
     ["cache", "LSTMStepCache", "GatedStepCache"]),
    ("LSTM step_backward with dc_t of wrong shape", lambda: lstm_step_backward((S, np.ones((B, 4))), LSTM_CACHE),
     ["dc_t", "(2, 3)", "(2, 4)"]),
    ("LSTM step_backward with dstate one array", lambda: lstm_step_backward(S, LSTM_CACHE), ["dstate", "pair", "ndarray"]),
    ("lstm_forward with c0 of other width", lambda: lstm_forward(XS, S, np.ones((B, 4)), LSTM), ["c0", "H=3", "(2, 4)"]),
    ("lstm_forward with xs 2-D", lambda: lstm_forward(X, S, S, LSTM), ["xs", "3-D", "(2, 4)"]),
    ("lstm_backward with dhs of wrong length", lambda: lstm_backward(np.ones((B, 4, H)), LSTM_CACHES),
     ["dhs", "T=5", "(2, 4, 3)"]),
    ("lstm_backward with dc_last of other batch", lambda: lstm_backward(np.ones((B, 5, H)), LSTM_CACHES, np.ones((1, H))),
     ["dc_last", "B=2", "(1, 3)"]),
    ("lstm_backward with no caches", lambda: lstm_backward(np.ones((B, 5, H)), []), ["caches", "non-empty list", "list"]),
    ("lstm_gate_values of gated RNN caches", lambda: lstm_gate_values(GATED_CACHES), ["caches", "LSTMStepCache", "list"]),
    ("lstm_to_torch with b of 10", lambda: lstm_to_torch({"W": np.ones((7, 10)), "b": np.ones(10)}),
     ["b", "multiple of 4", "(10,)"]),
    ("lstm_to_torch with a list", lambda: lstm_to_torch([W, b]), ["params", "dict", "list"]),
    ("lstm_from_torch with weight_hh not 4H rows", lambda: lstm_from_torch({**TORCH, "weight_hh": np.ones((9, H))}),
     ["weight_hh", "4H=12", "(9, 3)"]),
    ("lstm_from_torch with no four gate blocks", lambda: lstm_from_torch(
        {"weight_ih": np.ones((9, D)), "weight_hh": np.ones((9, H)), "bias_ih": np.ones(9), "bias_hh": np.ones(9)}),
     ["weight_hh", "(4H, H)", "(9, 3)"]),
    ("lstm_from_torch with bias_hh of other size", lambda: lstm_from_torch({**TORCH, "bias_hh": np.ones(8)}),
     ["bias_hh", "4H=12", "(8,)"]),
    ("plot_forget with a gate of 2", lambda: plot_forget([[6, 8, 9]], [[0.5, 2, 0.5]]), ["f_t", "[0, 1]", "2"]),
    ("plot_forget with a batch of 2", lambda: plot_forget(S, ZERO), ["c_prev", "B=1", "(2, 3)"]),
    ("plot_forget_decay with f of 1.1", lambda: plot_forget_decay(1.1), ["f", "[0, 1]", "1.1"]),
    ("plot_forget_decay with 0 steps", lambda: plot_forget_decay(0.9, steps=0), ["steps", ">= 1", "0"]),
    ("plot_forget_bias of NaN", lambda: plot_forget_bias(np.nan), ["b_f", "finite", "nan"]),
    ("forget_explorer with c_prev a vector", lambda: forget_explorer(np.ones(3)), ["c_prev", "2-D", "(3,)"]),
    ("forget_decay_explorer with 2.5 steps", lambda: forget_decay_explorer(2.5), ["steps", "whole number", "2.5"]),
    ("forget_bias_explorer with -1 steps", lambda: forget_bias_explorer(-1), ["steps", ">= 1", "-1"]),
    ("plot_cell_update with i of -1", lambda: plot_cell_update(S[:1], S[:1], 0.5, -1.0), ["i", "[0, 1]", "-1"]),
    ("plot_cell_update with c_tilde of other width", lambda: plot_cell_update(S[:1], np.ones((1, 4)), 0.5, 0.5),
     ["c_tilde", "H=3", "(1, 4)"]),
    ("plot_accumulation with f of 1.5", lambda: plot_accumulation(1.5, 0.5, 0.8), ["f", "[0, 1]", "1.5"]),
    ("plot_accumulation with a string candidate", lambda: plot_accumulation(0.5, 0.5, "x"), ["c_tilde", "real", "<U1"]),
    ("plot_accumulation with a negative candidate", lambda: plot_accumulation(0.5, 0.5, -0.3),
     ["c_tilde", "positive", "-0.3"]),
    ("plot_output with an output gate of 3", lambda: plot_output(S[:1], [[0, 3, 0]]), ["o_t", "[0, 1]", "3"]),
    ("plot_hide_reveal with mismatched lengths", lambda: plot_hide_reveal(np.zeros(5), np.zeros(6), np.zeros(5)),
     ["c", "T=5", "(6,)"]),
    ("cell_update_explorer with c_prev of a batch", lambda: cell_update_explorer(S, S[:1]), ["c_prev", "B=1", "(2, 3)"]),
    ("accumulation_explorer with 0 steps", lambda: accumulation_explorer(0.8, steps=0), ["steps", ">= 1", "0"]),
    ("output_explorer with NaN", lambda: output_explorer([[np.nan, 0, 0]]), ["c_t", "finite", "nan"]),
    ("hide_reveal_explorer with run not a function", lambda: hide_reveal_explorer(3, 20), ["run", "function", "int"]),
    ("heatmap_explorer with run not a function", lambda: heatmap_explorer(None), ["run", "function", "NoneType"]),
    ("plot_lstm_heatmaps with a forget gate of 2", lambda: plot_lstm_heatmaps({**LSTM_GATES, "f": 2 * np.ones((B, 5, H))},
                                                                               LSTM_CS, LSTM_HS),
     ["gates['f']", "[0, 1]", "2"]),
    ("plot_lstm_heatmaps with hs of other length", lambda: plot_lstm_heatmaps(LSTM_GATES, LSTM_CS, LSTM_HS[:, :4]),
     ["hs", "T=5", "(2, 4, 3)"]),
    ("plot_lstm_heatmaps with gates a list", lambda: plot_lstm_heatmaps([1, 2], LSTM_CS, LSTM_HS),
     ["gates", "dict", "list"]),
    ("plot_lstm_cell_at step 0", lambda: plot_lstm_cell_at(LSTM_GATES, LSTM_CS, LSTM_HS, S, 0), ["t", "1 to T = 5", "0"]),
    ("plot_lstm_cell_at coordinate 4", lambda: plot_lstm_cell_at(LSTM_GATES, LSTM_CS, LSTM_HS, S, 1, unit=4),
     ["unit", "1 to H = 3", "4"]),
    ("lstm_cell_explorer with c0 of other width", lambda: lstm_cell_explorer(LSTM_GATES, LSTM_CS, LSTM_HS, np.ones((B, 4))),
     ["c0", "H=3", "(2, 4)"]),
    ("draw_lstm_cell with a gate of 1.2", lambda: draw_lstm_cell({"f": 1.2}), ["f", "[0, 1]", "1.2"]),
    ("draw_lstm_cell with an unknown part", lambda: draw_lstm_cell(highlight="reset"), ["highlight", "'output'", "'reset'"]),
    ("step_slider starting outside its range", lambda: step_slider("t", 0, 1, 10), ["value", "1 to 10", "0"]),
    ("canvas of zero width", lambda: canvas(0, 3), ["width", "positive", "0"]),
    # Issue 4: the GRU and the GLU family.
    ("relu of NaN", lambda: relu([1.0, np.nan]), ["z", "finite", "nan", "(1,)"]),
    ("relu_grad of a string", lambda: relu_grad("x"), ["z", "real numbers", "<U1"]),
    ("gelu of infinity", lambda: gelu(-np.inf), ["z", "finite", "-inf"]),
    ("gelu_grad of booleans", lambda: gelu_grad(np.array([False])), ["z", "real numbers", "bool"]),
    ("swish with beta a vector", lambda: swish(1.0, beta=[1.0, 2.0]), ["beta", "()", "(2,)"]),
    ("swish_grad of NaN", lambda: swish_grad(np.nan), ["z", "finite", "nan"]),
    ("init_gru_params with an unknown placement", lambda: init_gru_params(rng, D, H, reset="middle"),
     ["reset", "'before' or 'after'", "'middle'"]),
    ("GRU step with h_prev of other batch", lambda: gru_step_forward(X, np.ones((5, H)), GRU_PARAMS),
     ["h_prev", "B = 2", "(5, 3)"]),
    ("GRU step reset-after without b_hh", lambda: gru_step_forward(X, S, without(GRU_PARAMS, "b_hh")),
     ["params", "b_hh", "missing"]),
    ("GRU step with W_r transposed", lambda: gru_step_forward(X, S, replaced(GRU_PARAMS, "W_r", np.ones((H, H + D)))),
     ["W_r", "H+D=7", "(3, 7)"]),
    ("GRU step with a wrong placement", lambda: gru_step_forward(X, S, GRU_PARAMS, reset=True),
     ["reset", "'before' or 'after'", "True"]),
    ("GRU step with NaN in x_t", lambda: gru_step_forward(NAN_X, S, GRU_PARAMS), ["x_t", "finite", "nan", "(1, 2)"]),
    ("GRU step_backward with a gated-RNN cache", lambda: gru_step_backward(np.ones((B, H)), GATED_CACHE),
     ["cache", "GRUStepCache", "GatedStepCache"]),
    ("GRU step_backward with dh_t of wrong shape", lambda: gru_step_backward(np.ones((B, 4)), GRU_CACHE),
     ["dh_t", "(2, 3)", "(2, 4)"]),
    ("GRU sequence with h0 of other batch", lambda: gru_forward(XS, np.ones((1, H)), GRU_PARAMS),
     ["s0", "B = 2", "(1, 3)"]),
    ("GRU sequence with a wrong placement", lambda: gru_forward(XS, S, GRU_PARAMS, reset="late"),
     ["reset", "'before' or 'after'", "'late'"]),
    ("GRU BPTT with dstates of wrong length", lambda: gru_backward(np.ones((B, 3, H)), GRU_CACHES),
     ["dstates", "5", "(2, 3, 3)"]),
    ("count_params of a list", lambda: count_params([W, b]), ["params", "dict", "list"]),
    ("gru_to_torch without b_hh", lambda: gru_to_torch(without(GRU_PARAMS, "b_hh")), ["params", "b_hh", "missing"]),
    ("gru_to_torch with W_h of other rows", lambda: gru_to_torch(replaced(GRU_PARAMS, "W_h", np.ones((6, H)))),
     ["W_h", "H+D=7", "(6, 3)"]),
    ("gru_from_torch with bias_ih not 3H long", lambda: gru_from_torch({**TORCH_WEIGHTS, "bias_ih": np.ones(8)}),
     ["bias_ih", "3H", "(8,)"]),
    ("gru_from_torch with weight_hh of wrong width",
     lambda: gru_from_torch({**TORCH_WEIGHTS, "weight_hh": np.ones((3 * H, 4))}), ["weight_hh", "H=3", "(9, 4)"]),
    ("gru_from_torch missing weight_ih", lambda: gru_from_torch(without(TORCH_WEIGHTS, "weight_ih")),
     ["params", "weight_ih", "missing"]),
    ("glu_forward with an unknown variant", lambda: glu_forward(X, X, "swish"), ["variant", "geglu", "'swish'"]),
    ("glu_forward with B of other shape", lambda: glu_forward(X, X[:1], "glu"), ["B", "(2, 4)", "(1, 4)"]),
    ("glu_forward with NaN in A", lambda: glu_forward(NAN_X, X, "geglu"), ["A", "finite", "nan"]),
    ("glu_forward with beta a vector", lambda: glu_forward(X, X, "swiglu", beta=np.ones(2)), ["beta", "()", "(2,)"]),
    ("glu_backward with a layer cache", lambda: glu_backward(X, GLU_LAYER_CACHE), ["cache", "GLUCache", "GLULayerCache"]),
    ("glu_backward with dy of wrong shape", lambda: glu_backward(np.ones((B, 5)), GLU_CACHE), ["dy", "(2, 4)", "(2, 5)"]),
    ("glu_layer with V of wrong width", lambda: glu_layer_forward(X, replaced(GLU_LAYER, "V", np.ones((D, 2)))),
     ["V", "F=3", "(4, 2)"]),
    ("glu_layer missing c", lambda: glu_layer_forward(X, without(GLU_LAYER, "c")), ["params", "c", "missing"]),
    ("glu_layer_backward with a GLUCache", lambda: glu_layer_backward(np.ones((B, 3)), GLU_CACHE),
     ["cache", "GLULayerCache", "GLUCache"]),
    ("ffn_glu with W2 of wrong shape", lambda: ffn_glu_forward(X, replaced(FFN_GLU, "W2", np.ones((6, 3)))),
     ["W2", "D=4", "(6, 3)"]),
    ("ffn_glu with x a vector", lambda: ffn_glu_forward(np.ones(D), FFN_GLU), ["x", "2-D", "(4,)"]),
    ("ffn_glu_backward with a ReLU cache", lambda: ffn_glu_backward(X, FFN_RELU_CACHE),
     ["cache", "FFNGLUCache", "FFNReLUCache"]),
    ("ffn_relu with W1 of wrong rows", lambda: ffn_relu_forward(X, replaced(FFN_RELU, "W1", np.ones((5, 6)))),
     ["W1", "D=4", "(5, 6)"]),
    ("ffn_relu_backward with a tuple", lambda: ffn_relu_backward(X, (1, 2, 3)), ["cache", "FFNReLUCache", "tuple"]),
    ("plot_gru_gates with z above 1", lambda: plot_gru_gates(S[:1], S[:1], S[:1], [[0.5, 1.5, 0.5]], np.ones((1, H))),
     ["z", "[0, 1]", "1.5"]),
    ("plot_gru_gates with r of other width", lambda: plot_gru_gates(S[:1], S[:1], S[:1], np.ones((1, H)), np.ones((1, 2))),
     ["r", "H=3", "(1, 2)"]),
    ("gru_gates_explorer with a batch of 2", lambda: gru_gates_explorer(S, S[:1], S[:1]), ["h_prev", "B=1", "(2, 3)"]),
    ("plot_param_counts of a list", lambda: plot_param_counts([1, 2]), ["counts", "dict", "list"]),
    ("plot_glu_variants with A a vector", lambda: plot_glu_variants(np.ones(2), 0.0), ["A", "()", "(2,)"]),
    ("plot_glu_variants with NaN B", lambda: plot_glu_variants(0.0, np.nan), ["B", "finite", "nan"]),
    ("glu_explorer with beta a string", lambda: glu_explorer("1"), ["beta", "real numbers", "<U1"]),
    ("plot_linear_path with B a vector", lambda: plot_linear_path([1.0, 2.0]), ["B", "()", "(2,)"]),
    ("plot_shazeer_table1 with a NaN score", lambda: plot_shazeer_table1({"ReLU": np.nan}), ["scores", "finite", "nan"]),
    ("plot_shazeer_table1 with a list", lambda: plot_shazeer_table1([1.9]), ["scores", "dict", "list"]),
    ("plot_shazeer_table1 with one column", lambda: plot_shazeer_table1({"ReLU": 1.997}), ["scores", "(N, 2)", "(1,)"]),
    ("plot_shazeer_table1 with a spread short of variants", lambda: plot_shazeer_table1(spread={"ReLU": 0.005}),
     ["spread", "one value per variant", "['ReLU']"]),
    # Issue 9: how far the gradient reaches (helpers/gradient_flow.py) and notebook 02's gap between two runs.
    ("gradient_norms with a string for step_backward", lambda: gradient_norms("rnn", RNN_CACHES, S),
     ["step_backward", "one-step backward function", "str"]),
    ("gradient_norms with no caches", lambda: gradient_norms(rnn_step_backward, [], S), ["caches", "non-empty list", "list"]),
    ("gradient_norms with ds_last of wrong width", lambda: gradient_norms(rnn_step_backward, RNN_CACHES, np.ones((B, 5))),
     ["ds_last", "shaped like the last state", "(2, 5)"]),
    ("gradient_norms with NaN in ds_last", lambda: gradient_norms(gated_rnn_step_backward, GATED_CACHES, NAN_X[:, :H]),
     ["ds_last", "finite", "nan"]),
    ("gated_rnn_jacobian with W_g of wrong shape",
     lambda: gated_rnn_jacobian(X, S, replaced(PARAMS, "W_g", np.ones((H, H)))), ["W_g", "H+D=7", "(3, 3)"]),
    ("rnn_jacobian with s_prev a vector", lambda: rnn_jacobian(X, np.ones(H), PARAMS), ["s_prev", "2-D", "(3,)"]),
    ("plot_gradient_flow of nothing", lambda: plot_gradient_flow({}), ["norms_by_model", "non-empty dict", "dict"]),
    ("plot_gradient_flow with mismatched lengths", lambda: plot_gradient_flow({"a": np.ones(3), "b": np.ones(4)}),
     ["norms_by_model", "same distances", "[3, 4]"]),
    ("plot_gradient_flow with a negative norm", lambda: plot_gradient_flow({"a": [1.0, -1.0]}),
     ["norms_by_model['a']", ">= 0", "-1"]),
    ("plot_gradient_flow with 3-D norms", lambda: plot_gradient_flow({"a": np.ones((2, 2, 2))}),
     ["norms_by_model['a']", "(runs, T + 1)", "(2, 2, 2)"]),
    ("plot_gradient_flow with a zero bottom", lambda: plot_gradient_flow({"a": np.ones(3)}, y_range=(0, 1)),
     ["y_range", "0 < low < high", "[0, 1]"]),
    ("plot_state_gap with mismatched lengths",
     lambda: plot_state_gap(S[:1], np.zeros((1, 5, H)), np.zeros((1, 6, H)), -6.0), ["gated_gap", "T=5", "(1, 6, 3)"]),
    ("plot_state_gap with a NaN bias", lambda: plot_state_gap(S[:1], np.zeros((1, 5, H)), np.zeros((1, 5, H)), np.nan),
     ["b_1", "finite", "nan"]),
    ("state_gap_explorer with gaps for run_gated_gap",
     lambda: state_gap_explorer(S[:1], np.zeros((1, 5, H)), np.zeros((1, 5, H))),
     ["run_gated_gap", "function of b_1", "ndarray"]),
]


# Later notebooks keep their rows beside this file, one table per notebook, so that each can grow on its own.
for _table in ("bad_input_09", "bad_input_10", "bad_input_11"):
    BAD_CALLS += importlib.import_module(_table).ROWS


@pytest.mark.parametrize("call, words", [row[1:] for row in BAD_CALLS], ids=[row[0] for row in BAD_CALLS])
def test_bad_input_raises_a_value_error_that_says_what_is_wrong(call, words):
    with pytest.raises(ValueError) as raised:
        call()
    message = str(raised.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"message {message!r} does not mention {missing}"


def test_the_table_is_large_enough():
    assert len(BAD_CALLS) >= 20
