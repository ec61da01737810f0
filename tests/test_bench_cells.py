"""The cells benchmark: its naive LSTM and GRU compute what the course's readable cells compute, and its rows."""

import numpy as np
import pytest

from benchmarks.cells import (cell_rows, naive_gru_backward, naive_gru_forward, naive_lstm_backward, naive_lstm_forward,
                              naive_lstm_params, print_cell_table)
from helpers.gru import gru_backward, gru_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward

B, T, D, H = 3, 6, 4, 5
KEYS = {"cell", "B", "T", "D", "H", "dtype", "course_ms", "naive_ms", "torch_ms"}


def largest_difference(pairs):
    return max(float(np.abs(a - b).max()) for a, b in pairs)


@pytest.mark.parametrize("seed", [0, 1])
def test_naive_lstm_equals_the_readable_lstm(seed):
    rng = np.random.default_rng(seed)
    params = init_lstm_params(rng, D, H)
    xs, h0, c0, dhs = (rng.normal(size=shape) for shape in ((B, T, D), (B, H), (B, H), (B, T, H)))
    hs, _, caches = lstm_forward(xs, h0, c0, params)
    dxs, dh0, dc0, grads = lstm_backward(dhs, caches)
    naive = naive_lstm_params(params)
    naive_hs, naive_caches = naive_lstm_forward(xs, h0, c0, naive)
    naive_dxs, naive_dh0, naive_dc0, naive_grads = naive_lstm_backward(dhs, naive_caches, naive)
    # The per-gate gradients, stacked back in the order i, f, g, o, are the stacked W's and b's.
    per_gate = naive_lstm_params(grads)
    assert sorted(per_gate) == sorted(naive_grads)
    assert largest_difference([(hs, naive_hs), (dxs, naive_dxs), (dh0, naive_dh0), (dc0, naive_dc0)]
                              + [(per_gate[name], naive_grads[name]) for name in per_gate]) < 1e-10


@pytest.mark.parametrize("seed", [0, 1])
def test_naive_gru_equals_the_readable_gru_with_reset_after(seed):
    rng = np.random.default_rng(seed)
    params = init_gru_params(rng, D, H, reset="after")
    xs, h0, dhs = (rng.normal(size=shape) for shape in ((B, T, D), (B, H), (B, T, H)))
    hs, caches = gru_forward(xs, h0, params, reset="after")
    dxs, dh0, grads = gru_backward(dhs, caches)
    naive_hs, naive_caches = naive_gru_forward(xs, h0, params)
    naive_dxs, naive_dh0, naive_grads = naive_gru_backward(dhs, naive_caches, params)
    assert sorted(grads) == sorted(naive_grads)
    assert largest_difference([(hs, naive_hs), (dxs, naive_dxs), (dh0, naive_dh0)]
                              + [(grads[name], naive_grads[name]) for name in grads]) < 1e-10


def test_quick_rows_cover_both_cells_and_both_dtypes(capsys):
    rows = cell_rows(quick=True)
    print_cell_table(rows)
    assert "naive/course" in capsys.readouterr().out
    assert all(set(row) == KEYS for row in rows)
    assert {(row["cell"], row["dtype"]) for row in rows} == {(cell, dtype) for cell in ("lstm", "gru")
                                                              for dtype in ("float32", "float64")}
    for row in rows:
        assert all(isinstance(row[key], int) for key in "BTDH")
        assert all(isinstance(row[key], float) and row[key] > 0 for key in ("course_ms", "naive_ms"))
        assert row["torch_ms"] is None or (isinstance(row["torch_ms"], float) and row["torch_ms"] > 0)
