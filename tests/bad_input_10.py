"""Notebook 10's rows of the bad-input table: tasks, cells, the fused RNNs and LSTM ablations, the training loop, the
CLI's file helpers and the figures. tests/test_bad_input.py imports ROWS."""

import numpy as np

from helpers.figures.long_memory import (lstm_gates_explorer, lstm_gates_scene, plot_adding_example,
                                         plot_learning_curves, plot_lstm_gates_over_time)
from helpers.fused import lstm_forward_fused
from helpers.fused_rnn import gated_rnn_backward_fused, gated_rnn_forward_fused, rnn_backward_fused, rnn_forward_fused
from helpers.lab import load_runs, run_record, save_runs
from helpers.models import (get_cell, gated_rnn_cell, gru_cell, init_readout, lstm_cell, readout_backward,
                            readout_forward, rnn_cell)
from helpers.progress import progress_bar
from helpers.rnn import init_rnn_params
from helpers.tasks import adding_problem, cross_entropy_loss, get_task, marked_symbol, mse_loss
from helpers.training import (check_runs, evaluate, format_summary, format_table, init_model, loss_and_grads,
                              run_experiments, solved_at, train, verdict)

rng = np.random.default_rng(10)
B, T, D, H = 2, 4, 3, 5
XS, S0 = rng.normal(size=(B, T, D)), np.zeros((B, H))
RNN = init_rnn_params(rng, D, H, gated=False)
GATED = init_rnn_params(rng, D, H)
_, RNN_CACHE = rnn_forward_fused(XS, S0, RNN)
_, GATED_CACHE = gated_rnn_forward_fused(XS, S0, GATED)
LSTM = {"W": np.zeros((H + D, 4 * H)), "b": np.zeros(4 * H)}
ADD_XS, ADD_YS = adding_problem(rng, 3, 6)
MODEL = init_model("lstm", "adding", H, rng)
READOUT = init_readout(rng, H, 1)
RUN = train("adding", "rnn", 3, 1, hidden_size=2, progress=False)
GATES = {name: np.full((3, 6, H), 0.5) for name in "ifo"}
CS, PRED = np.zeros((3, 6, H)), np.ones((3, 1))


def call(function, *args, **kwargs):
    return lambda: function(*args, **kwargs)


ROWS = [
    # the tasks
    ("adding_problem rng not a Generator", call(adding_problem, 0, 4, 10), ["rng", "numpy Generator", "int"]),
    ("adding_problem batch 0", call(adding_problem, rng, 0, 10), ["batch_size", "whole number >= 1", "0"]),
    ("adding_problem length 1", call(adding_problem, rng, 4, 1), ["length", "whole number >= 2", "1"]),
    ("marked_symbol one symbol", call(marked_symbol, rng, 4, 10, symbols=1), ["symbols", ">= 2", "1"]),
    ("marked_symbol length 2.5", call(marked_symbol, rng, 4, 2.5), ["length", "whole number", "2.5"]),
    ("mse_loss shapes differ", call(mse_loss, np.zeros((3, 1)), np.zeros(3)), ["y", "targets' shape", "(3, 1)"]),
    ("cross_entropy_loss NaN", call(cross_entropy_loss, np.full((2, 4), np.nan), np.eye(4)[:2]),
     ["logits", "finite", "nan"]),
    ("get_task unknown", call(get_task, "copy"), ["task", "adding", "'copy'"]),
    # the cells
    ("get_cell unknown", call(get_cell, "transformer"), ["cell", "lstm", "'transformer'"]),
    ("lstm_cell unknown variant", call(lstm_cell, variant="no_gates"), ["variant", "coupled", "'no_gates'"]),
    ("lstm_cell ablation readable", call(lstm_cell, variant="coupled", fused=False), ["fused", "True", "False"]),
    ("lstm_cell forget bias text", call(lstm_cell, forget_bias="one"), ["forget_bias", "real numbers", "<U3"]),
    ("gated_rnn_cell gate bias inf", call(gated_rnn_cell, gate_bias=np.inf), ["gate_bias", "finite", "inf"]),
    ("rnn_cell forward 2-D xs", call(rnn_cell().forward, XS[0], RNN), ["xs", "3-D", "(4, 3)"]),
    ("gru_cell forward missing b_z", call(gru_cell().forward, XS, {"W_z": 0}), ["b_z"]),
    ("init_readout hidden 0", call(init_readout, rng, 0, 1), ["hidden_size", ">= 1", "0"]),
    ("readout_forward 1-D h_T", call(readout_forward, np.zeros(H), READOUT), ["h_T", "2-D", "(5,)"]),
    ("readout_backward dy of wrong batch", call(readout_backward, np.zeros((4, 1)), np.zeros((2, H)), READOUT),
     ["dy", "B = 2", "(4, 1)"]),
    # the fused paths
    ("rnn_forward_fused W_s transposed", call(rnn_forward_fused, XS, S0, {**RNN, "W_s": RNN["W_s"].T}),
     ["W_s", "H+D=8", "(5, 8)"]),
    ("rnn_backward_fused gated cache", call(rnn_backward_fused, np.zeros((B, T, H)), GATED_CACHE),
     ["cache", "RNNFusedCache", "GatedRNNFusedCache"]),
    ("gated_rnn_forward_fused missing W_g", call(gated_rnn_forward_fused, XS, S0, RNN), ["params", "missing", "W_g"]),
    ("gated_rnn_backward_fused dstates short", call(gated_rnn_backward_fused, np.zeros((B, 2, H)), GATED_CACHE),
     ["dhs", "T=4", "(2, 2, 5)"]),
    ("lstm_forward_fused unknown variant", call(lstm_forward_fused, XS, S0, S0, LSTM, "no_cell"),
     ["variant", "no_forget", "'no_cell'"]),
    # the training loop
    ("train length 1", call(train, "adding", "lstm", 1, 10), ["length", ">= 2", "1"]),
    ("train steps 0", call(train, "adding", "lstm", 5, 0), ["steps", ">= 1", "0"]),
    ("train batch 0", call(train, "adding", "lstm", 5, 3, batch_size=0), ["batch_size", ">= 1", "0"]),
    ("train negative lr", call(train, "adding", "lstm", 5, 3, lr=-0.1), ["lr", "positive", "-0.1"]),
    ("train clip 0", call(train, "adding", "lstm", 5, 3, clip=0), ["clip", "positive", "0"]),
    ("train seed -1", call(train, "adding", "lstm", 5, 3, seed=-1), ["seed", ">= 0", "-1"]),
    ("train progress text", call(train, "adding", "lstm", 5, 3, progress="yes"), ["progress", "True, False", "str"]),
    ("train unknown model", call(train, "adding", "mlp", 5, 3), ["cell", "gru", "'mlp'"]),
    ("run_experiments not a list", call(run_experiments, {"cell": "lstm"}), ["experiments", "list of dicts", "dict"]),
    ("loss_and_grads ys of wrong shape", call(loss_and_grads, "lstm", "adding", MODEL, ADD_XS, ADD_YS[:, 0]),
     ["y", "targets' shape", "(3, 1)"]),
    ("evaluate length 1", call(evaluate, "lstm", "adding", MODEL, 1), ["length", ">= 2", "1"]),
    ("init_model hidden 0", call(init_model, "lstm", "adding", 0, rng), ["hidden_size", ">= 1", "0"]),
    ("verdict baseline 0", call(verdict, 0.1, 0), ["baseline", "positive", "0"]),
    ("format_table not runs", call(format_table, [{"cell": "lstm"}]), ["runs", "TrainingRun", "list"]),
    ("format_summary a string", call(format_summary, "runs"), ["runs", "TrainingRun", "str"]),
    ("check_runs empty", call(check_runs, []), ["runs", "non-empty list of TrainingRun", "0 items"]),
    ("solved_at losses 2-D", call(solved_at, np.ones((3, 30)), 1.0), ["losses", "1-D", "(3, 30)"]),
    ("solved_at baseline negative", call(solved_at, np.ones(30), -1.0), ["baseline", "positive", "-1.0"]),
    ("progress_bar negative total", call(progress_bar, -1), ["total", ">= 0", "-1"]),
    # the CLI's file helpers
    ("load_runs missing file", call(load_runs, "no/such/runs.json"), ["path", "JSON file", "no/such/runs.json"]),
    ("save_runs not runs", call(save_runs, "unused.json", ["lstm"]), ["runs", "TrainingRun", "list"]),
    ("run_record of a dict", call(run_record, {"cell": "lstm"}), ["run", "TrainingRun", "dict"]),
    # the figures
    ("plot_learning_curves empty", call(plot_learning_curves, []), ["runs", "TrainingRun", "list"]),
    ("plot_learning_curves window 0", call(plot_learning_curves, [RUN], window=0), ["window", ">= 1", "0"]),
    ("plot_adding_example marker channel missing", call(plot_adding_example, ADD_XS[..., :1], ADD_YS),
     ["xs", "(N, T, 2)", "(3, 6, 1)"]),
    ("plot_adding_example example too large", call(plot_adding_example, ADD_XS, ADD_YS, example=3),
     ["example", "below 3", "3"]),
    ("plot_lstm_gates_over_time gate above 1", call(plot_lstm_gates_over_time, ADD_XS, {**GATES, "f": GATES["f"] + 1},
                                                     CS, ADD_YS, PRED, 1), ["gates['f']", "[0, 1]", "1.5"]),
    ("plot_lstm_gates_over_time example too large", call(plot_lstm_gates_over_time, ADD_XS, GATES, CS, ADD_YS, PRED, 1,
                                                          example=3), ["example", "from 0 to 2", "3"]),
    ("lstm_gates_scene gates not a dict", call(lstm_gates_scene, ADD_XS, [1], CS, ADD_YS, PRED, 1),
     ["gates", "'i', 'f', 'o'", "list"]),
    ("lstm_gates_scene unit 0", call(lstm_gates_scene, ADD_XS, GATES, CS, ADD_YS, PRED, 0),
     ["unit", "from 1 to H = 5", "0"]),
    ("lstm_gates_explorer cs of other length", call(lstm_gates_explorer, ADD_XS, GATES, CS[:, :5], ADD_YS, PRED, 1),
     ["cs", "T = 6", "(3, 5, 5)"]),
]
