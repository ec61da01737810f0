"""The cells the training loop can train, each behind one interface, and the linear readout of the last state.

A `Cell` has a name and three functions: `init(rng, input_size, hidden_size) -> params`, `forward(xs, params) ->
(hs (B, T, H), cache)` from a zero state, and `backward(dhs, cache) -> (dxs, grads)`. Each course cell comes fused
(helpers.fused, helpers.fused_rnn: fast, held equal to the readable code by the tests) or readable (helpers.rnn,
helpers.lstm, helpers.gru, one checked step at a time). Any other cell with these three functions trains the same way.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .fused import LSTM_VARIANTS, gru_backward_fused, gru_forward_fused, lstm_backward_fused, lstm_forward_fused
from .fused_rnn import gated_rnn_backward_fused, gated_rnn_forward_fused, rnn_backward_fused, rnn_forward_fused
from .gru import gru_backward, gru_forward, init_gru_params
from .lstm import init_lstm_params, lstm_backward, lstm_forward
from .rnn import gated_rnn_backward, gated_rnn_forward, init_rnn_params, rnn_backward, rnn_forward
from .validate import Shapes, as_count, as_real_array


@dataclass(frozen=True)
class Cell:
    """A recurrent cell as the training loop sees it: a name, init, forward from a zero state, backward."""

    name: str
    init: Callable
    forward: Callable
    backward: Callable


def _zeros(xs, params, bias, blocks=1):
    """The zero start state (B, H) for xs (B, T, D), H read off the bias `bias` of `blocks` stacked blocks."""
    if not isinstance(params, dict) or bias not in params:
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"params: expected a dict with the key {bias!r} among others, got {got}")
    if np.ndim(xs) != 3 or np.ndim(params[bias]) != 1:
        name, wanted, value = ("xs", "a 3-D array (B, T, D)", xs) if np.ndim(xs) != 3 else (bias, "a 1-D array",
                                                                                           params[bias])
        raise ValueError(f"{name}: expected {wanted}, got shape {np.shape(value)}")
    return np.zeros((np.shape(xs)[0], np.shape(params[bias])[0] // blocks))


def rnn_cell(fused=True):
    """The plain RNN of notebook 02, s_t = tanh([s_prev, x_t] @ W_s + b_s)."""
    forward, backward = (rnn_forward_fused, rnn_backward_fused) if fused else (rnn_forward, rnn_backward)
    return Cell("rnn", lambda rng, D, H: init_rnn_params(rng, D, H, gated=False),
                lambda xs, p: forward(xs, _zeros(xs, p, "b_s"), p),
                lambda dhs, cache: _drop_state(backward(dhs, cache)))


def gated_rnn_cell(gate_bias=0.0, fused=True):
    """The gated RNN of notebook 02, s_t = (1 - g_t) * s_prev + g_t * s_tilde, its gate bias starting at gate_bias."""
    gate_bias = float(as_real_array("gate_bias", gate_bias))
    forward, backward = ((gated_rnn_forward_fused, gated_rnn_backward_fused) if fused
                         else (gated_rnn_forward, gated_rnn_backward))
    name = "gated_rnn" if gate_bias == 0 else f"gated_rnn_gate_bias_{gate_bias:g}"
    return Cell(name, lambda rng, D, H: init_rnn_params(rng, D, H, gated=True, gate_bias=gate_bias),
                lambda xs, p: forward(xs, _zeros(xs, p, "b_s"), p),
                lambda dhs, cache: _drop_state(backward(dhs, cache)))


def lstm_cell(forget_bias=1.0, variant=None, fused=True):
    """The LSTM of notebook 06 with its forget bias starting at forget_bias, or one of Greff et al.'s ablations.

    variant: None (the full LSTM), "no_forget" (f = 1), "no_input" (i = 1), "no_output" (o = 1) or "coupled"
    (i = 1 - f). The ablations exist on the fused path only.
    """
    forget_bias = float(as_real_array("forget_bias", forget_bias))
    if variant not in LSTM_VARIANTS:
        raise ValueError(f"variant: expected one of {list(LSTM_VARIANTS)}, got {variant!r}")
    if variant is not None and not fused:
        raise ValueError(f"fused: expected True for the variant {variant!r} (the readable LSTM has all its gates), "
                         f"got {fused!r}")
    name = "lstm" + (f"_{variant}" if variant else "") + ("" if forget_bias == 1 else f"_forget_bias_{forget_bias:g}")

    def forward(xs, p):
        state = _zeros(xs, p, "b", blocks=4)
        if fused:
            hs, _, cache = lstm_forward_fused(xs, state, state, p, variant)
        else:
            hs, _, cache = lstm_forward(xs, state, state, p)
        return hs, cache

    def backward(dhs, cache):
        dxs, _, _, grads = (lstm_backward_fused if fused else lstm_backward)(dhs, cache)
        return dxs, grads

    return Cell(name, lambda rng, D, H: init_lstm_params(rng, D, H, forget_bias=forget_bias), forward, backward)


def gru_cell(fused=True):
    """The GRU of notebook 07, h_t = z_t * h_prev + (1 - z_t) * h_tilde, with the reset gate after the matrix."""
    forward, backward = (gru_forward_fused, gru_backward_fused) if fused else (gru_forward, gru_backward)
    return Cell("gru", lambda rng, D, H: init_gru_params(rng, D, H, reset="after"),
                lambda xs, p: forward(xs, _zeros(xs, p, "b_z"), p, "after"),
                lambda dhs, cache: _drop_state(backward(dhs, cache)))


def _drop_state(backward_result):
    """(dxs, ds0, grads) -> (dxs, grads): the loop starts from a zero state and needs no gradient for it."""
    dxs, _, grads = backward_result
    return dxs, grads


CELLS = {cell.name: cell for cell in [
    rnn_cell(), gated_rnn_cell(), lstm_cell(), gru_cell(), lstm_cell(forget_bias=0.0),
    *(lstm_cell(variant=variant) for variant in LSTM_VARIANTS if variant)]}
READABLE_CELLS = {cell.name: cell for cell in [rnn_cell(False), gated_rnn_cell(fused=False), lstm_cell(fused=False),
                                                 gru_cell(False), lstm_cell(forget_bias=0.0, fused=False)]}


def get_cell(cell):
    """A Cell from CELLS by name, or a Cell itself (any object with name, init, forward and backward)."""
    if all(hasattr(cell, part) for part in ("name", "init", "forward", "backward")):
        return cell
    if not isinstance(cell, str) or cell not in CELLS:
        raise ValueError(f"cell: expected one of {sorted(CELLS)} or a Cell, got {cell!r}")
    return CELLS[cell]


READOUT = ("W_y", "b_y")


def init_readout(rng, hidden_size, output_size):
    """The readout y = h_T @ W_y + b_y: W_y (H, O) drawn uniformly from +-1/sqrt(H), b_y (O,) at zero."""
    hidden_size, output_size = as_count("hidden_size", hidden_size), as_count("output_size", output_size)
    bound = 1.0 / np.sqrt(hidden_size)
    return {"W_y": rng.uniform(-bound, bound, size=(hidden_size, output_size)), "b_y": np.zeros(output_size)}


def readout_forward(h_T, params):
    """y = h_T @ W_y + b_y for the last hidden state h_T (B, H): the prediction (B, O)."""
    shapes = Shapes()
    h_T = shapes.check("h_T", h_T, ("B", "H"))
    W_y = shapes.check("W_y", params["W_y"], ("H", "O"))
    return h_T @ W_y + shapes.check("b_y", params["b_y"], ("O",))


def readout_backward(dy, h_T, params):
    """Given dLoss/dy (B, O): (dLoss/dh_T, {"W_y": h_T^T dy, "b_y": dy summed over the batch})."""
    dy = Shapes(B=np.shape(h_T)[0], O=np.shape(params["W_y"])[1]).check("dy", dy, ("B", "O"))
    return dy @ params["W_y"].T, {"W_y": h_T.T @ dy, "b_y": dy.sum(axis=0)}
