"""Notebook 11's rows of the bad-input table (tests/test_bad_input.py imports ROWS): the call and the words its
ValueError must contain, the argument, what was expected and what came."""

import numpy as np

from helpers.attention import causal_attention_backward, causal_attention_forward, marked_copy_batch, train_attention_head
from helpers.figures.gates_today import (depth_flow_explorer, gate_opening_explorer, plot_attention_maps,
                                         plot_depth_flow, plot_gate_opening, plot_learning_curves)
from helpers.highway import depth_profile, highway_backward, highway_forward, init_highway_params
from helpers.min_rnn import (init_min_gru_params, init_min_lstm_params, linear_recurrence_backward,
                             linear_recurrence_log_scan, linear_recurrence_loop, linear_recurrence_scan,
                             min_gru_backward, min_gru_forward, min_lstm_backward, min_lstm_forward)
from helpers.ssm import selective_ssm_backward, selective_ssm_forward, softplus, zero_order_hold
from helpers.xlstm import exp_gate_memory, exp_gate_memory_backward

rng = np.random.default_rng(11)
B, T, D, H = 2, 5, 3, 4
X2, XS = rng.normal(size=(B, D)), rng.normal(size=(B, T, D))
GATES, VALUES = rng.uniform(size=(B, T, H)), rng.normal(size=(B, T, H))
LAYER = init_highway_params(rng, D)
_, HIGHWAY_CACHE = highway_forward(X2, LAYER)
MIN_GRU, MIN_LSTM = init_min_gru_params(rng, D, H), init_min_lstm_params(rng, D, H)
_, MIN_GRU_CACHE = min_gru_forward(XS, MIN_GRU)
_, MIN_LSTM_CACHE = min_lstm_forward(XS, MIN_LSTM)
SSM = {"W": np.ones((D, D)), "b": np.zeros(D), "A": -np.ones(D), "B": np.ones(D)}
HEAD = {"W_q": np.ones((D, 2)), "W_k": np.ones((D, 2)), "W_v": np.ones((D, 2))}
_, HEAD_CACHE = causal_attention_forward(XS, HEAD)
PRE = {name: np.zeros((B, T, H)) for name in ("i_tilde", "f_tilde", "z", "o_tilde")}
_, EXP_CACHE = exp_gate_memory(**PRE)
PROFILE = {"spread": np.ones(4), "gradient": np.ones(4)}
TOKENS = ["a", "b", "c"]


def run_gate(shift):
    return np.full(3, 0.5), np.ones(3)


ROWS = [
    # Highway layers.
    ("init_highway_params of width 0", lambda: init_highway_params(rng, 0), ["size", ">= 1", "0"]),
    ("init_highway_params with a NaN carry bias", lambda: init_highway_params(rng, 3, np.nan),
     ["carry_bias", "finite", "nan"]),
    ("highway_forward of an unknown kind", lambda: highway_forward(X2, LAYER, "gated"), ["kind", "'residual'", "'gated'"]),
    ("highway_forward with W_T of wrong shape", lambda: highway_forward(X2, {**LAYER, "W_T": np.ones((D, 2))}),
     ["W_T", "D=3", "(3, 2)"]),
    ("highway_backward with a tuple", lambda: highway_backward(X2, (1, 2)), ["cache", "HighwayCache", "tuple"]),
    ("highway_backward with dy of wrong shape", lambda: highway_backward(np.ones((B, 5)), HIGHWAY_CACHE),
     ["dy", "(2, 3)", "(2, 5)"]),
    ("depth_profile of depth 0", lambda: depth_profile("plain", depth=0), ["depth", ">= 1", "0"]),
    ("depth_profile of a batch of 1", lambda: depth_profile("highway", batch=1), ["batch", ">= 2", "1"]),
    # The linear recurrence and minGRU, minLSTM.
    ("linear_recurrence_loop with gates above 1", lambda: linear_recurrence_loop(GATES + 1, VALUES),
     ["a", "[0, 1]", "at index"]),
    ("linear_recurrence_scan with b of other length", lambda: linear_recurrence_scan(GATES, VALUES[:, :3]),
     ["b", "T = 5", "(2, 3, 4)"]),
    ("linear_recurrence_scan with h0 of other width", lambda: linear_recurrence_scan(GATES, VALUES, np.ones((B, 3))),
     ["h0", "H = 4", "(2, 3)"]),
    ("linear_recurrence_log_scan with a gate of 0", lambda: linear_recurrence_log_scan(0 * GATES, VALUES),
     ["a", "above 0", "got a 0"]),
    ("linear_recurrence_backward with dhs of wrong shape",
     lambda: linear_recurrence_backward(np.ones((B, 4, H)), GATES, VALUES), ["dhs", "(2, 5, 4)", "(2, 4, 4)"]),
    ("init_min_gru_params with hidden size 0", lambda: init_min_gru_params(rng, D, 0), ["hidden_size", ">= 1", "0"]),
    ("init_min_lstm_params with input size 2.5", lambda: init_min_lstm_params(rng, 2.5, H),
     ["input_size", "whole number", "2.5"]),
    ("min_gru_forward with xs 2-D", lambda: min_gru_forward(X2, MIN_GRU), ["xs", "3-D", "(2, 3)"]),
    ("min_gru_forward with W_z transposed", lambda: min_gru_forward(XS, {**MIN_GRU, "W_z": np.ones((H, D))}),
     ["W_z", "D=3", "(4, 3)"]),
    ("min_lstm_forward missing W_i", lambda: min_lstm_forward(XS, {k: v for k, v in MIN_LSTM.items() if k != "W_i"}),
     ["params", "W_i", "missing"]),
    ("min_gru_backward with a minLSTM cache", lambda: min_gru_backward(VALUES, MIN_LSTM_CACHE),
     ["cache", "minGRU", "minLSTM"]),
    ("min_lstm_backward with dhs of wrong shape", lambda: min_lstm_backward(np.ones((B, T, 2)), MIN_LSTM_CACHE),
     ["dhs", "(2, 5, 4)", "(2, 5, 2)"]),
    # The selective state space.
    ("softplus of NaN", lambda: softplus([0.0, np.nan]), ["z", "finite", "nan"]),
    ("zero_order_hold with A = 0.5", lambda: zero_order_hold(1.0, 0.5, 1.0), ["A", "negative", "0.5"]),
    ("zero_order_hold with a negative step", lambda: zero_order_hold(-0.1, -1.0, 1.0), ["delta", ">= 0", "-0.1"]),
    ("selective_ssm_forward with A of wrong size", lambda: selective_ssm_forward(XS, {**SSM, "A": -np.ones(2)}),
     ["A", "D=3", "(2,)"]),
    ("selective_ssm_backward with a head's cache", lambda: selective_ssm_backward(XS, HEAD_CACHE),
     ["cache", "SSMCache", "AttentionCache"]),
    # The attention head and its toy task.
    ("causal_attention_forward with gated = 1", lambda: causal_attention_forward(XS, HEAD, gated=1),
     ["gated", "True or False", "1"]),
    ("causal_attention_forward gated without W_theta", lambda: causal_attention_forward(XS, HEAD, gated=True),
     ["params", "W_theta", "missing"]),
    ("causal_attention_backward with dout of wrong shape", lambda: causal_attention_backward(np.ones((B, T, 3)), HEAD_CACHE),
     ["dout", "(2, 5, 2)", "(2, 5, 3)"]),
    ("marked_copy_batch of length 2", lambda: marked_copy_batch(rng, 4, length=2), ["length", ">= 3", "2"]),
    ("marked_copy_batch with a seed for rng", lambda: marked_copy_batch(0, 4), ["rng", "Generator", "int"]),
    ("train_attention_head with first_token = 'yes'", lambda: train_attention_head(True, "yes", steps=1),
     ["first_token", "True or False", "'yes'"]),
    # xLSTM's exponential gates.
    ("exp_gate_memory with an unknown forget gate", lambda: exp_gate_memory(**PRE, forget="tanh"),
     ["forget", "'sigmoid'", "'tanh'"]),
    ("exp_gate_memory with z of other length", lambda: exp_gate_memory(**{**PRE, "z": np.zeros((B, 4, H))}),
     ["z", "T = 5", "(2, 4, 4)"]),
    ("exp_gate_memory with stabilise = 'no'", lambda: exp_gate_memory(**PRE, stabilise="no"),
     ["stabilise", "True or False", "'no'"]),
    ("exp_gate_memory_backward with a tuple", lambda: exp_gate_memory_backward(VALUES, (1,)),
     ["cache", "ExpGateCache", "tuple"]),
    ("exp_gate_memory_backward with dh of wrong shape", lambda: exp_gate_memory_backward(np.ones((1, T, H)), EXP_CACHE),
     ["dh", "(2, 5, 4)", "(1, 5, 4)"]),
    # The figures.
    ("plot_depth_flow with a list", lambda: plot_depth_flow([PROFILE], lambda b: PROFILE), ["fixed", "dict", "list"]),
    ("plot_depth_flow with a zero norm", lambda: plot_depth_flow({"a": {**PROFILE, "gradient": np.zeros(4)}},
                                                                 lambda b: PROFILE),
     ["fixed['a']['gradient']", "positive", "0"]),
    ("plot_depth_flow with a run of other depth",
     lambda: plot_depth_flow({"a": PROFILE}, lambda b: {"spread": np.ones(3), "gradient": np.ones(3)}),
     ["run_highway(b_T)['spread']", "L=4", "(3,)"]),
    ("depth_flow_explorer with profiles for run_highway", lambda: depth_flow_explorer({"a": PROFILE}, PROFILE),
     ["run_highway", "function of b_T", "dict"]),
    ("plot_attention_maps with P alone", lambda: plot_attention_maps({"a": np.eye(3)}), ["maps['a']", "pair", "ndarray"]),
    ("plot_attention_maps with weights above 1", lambda: plot_attention_maps({"a": (2 * np.eye(3), TOKENS)}),
     ["maps['a']", "[0, 1]", "2"]),
    ("plot_gate_opening with target of other length", lambda: plot_gate_opening(TOKENS, np.ones(4), run_gate),
     ["target_norm", "T=3", "(4,)"]),
    ("gate_opening_explorer with run not a function", lambda: gate_opening_explorer(TOKENS, np.ones(3), None),
     ["run", "function", "NoneType"]),
    ("plot_learning_curves with fewer steps than the window", lambda: plot_learning_curves({"a": np.ones(10)}, 0.2),
     ["losses_by_model['a']", "window = 25", "10"]),
    ("plot_learning_curves with a NaN baseline", lambda: plot_learning_curves({"a": np.ones(30)}, np.nan),
     ["baseline", "finite", "nan"]),
]
