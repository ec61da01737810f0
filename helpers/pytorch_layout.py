"""The course's weights in PyTorch's nn.LSTM and nn.GRU layouts and back, with numpy alone (the course never imports torch).

PyTorch keeps weight_ih (kH, D) and weight_hh (kH, H), which multiply column vectors, and two biases (kH,) whose
sum is what counts. The LSTM's gate order is the course's, i, f, g, o, so converting it is transposing and stacking.
The GRU's is r, z, n; its update h' = (1 - z) * n + z * h uses the same z as the course, and it has two biases per gate
where the course has one for r and z.
"""

import numpy as np

from .gru import GRU_PARAMS
from .validate import Shapes, check_params

TORCH_LSTM_PARAMS = {"weight_ih": ("4H", "D"), "weight_hh": ("4H", "H"), "bias_ih": ("4H",), "bias_hh": ("4H",)}


def lstm_to_torch(params):
    """{"weight_ih", "weight_hh", "bias_ih", "bias_hh"} as numpy arrays, ready for torch.from_numpy.

    The whole bias goes into bias_ih and bias_hh is zero: only their sum matters, and it round-trips exactly.
    """
    p = check_params(Shapes(), params, {"b": ("4H",), "W": ("H+D", "4H")})
    if p["b"].shape[0] % 4:
        raise ValueError(f"b: expected a length that is a multiple of 4 (4H), got shape {p['b'].shape}")
    H = p["b"].shape[0] // 4
    # The course's W stacks the rows that read h_prev above those that read x_t.
    return {"weight_ih": p["W"][H:].T.copy(), "weight_hh": p["W"][:H].T.copy(),
            "bias_ih": p["b"].copy(), "bias_hh": np.zeros_like(p["b"])}


def lstm_from_torch(weights):
    """The course's {"W": (H + D, 4H), "b": (4H,)} from PyTorch's {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}.

    The arrays are numpy (tensor.detach().numpy()); lstm_from_torch(lstm_to_torch(params)) gives params back.
    """
    w = check_params(Shapes(), weights, TORCH_LSTM_PARAMS)
    if w["weight_hh"].shape[0] != 4 * w["weight_hh"].shape[1]:
        raise ValueError(f"weight_hh: expected shape (4H, H), four gate blocks of H rows, "
                         f"got shape {w['weight_hh'].shape}")
    return {"W": np.concatenate([w["weight_hh"].T, w["weight_ih"].T], axis=0), "b": w["bias_ih"] + w["bias_hh"]}


TORCH_GRU_PARAMS = {"weight_ih": ("3H", "D"), "weight_hh": ("3H", "H"), "bias_ih": ("3H",), "bias_hh": ("3H",)}


def gru_to_torch(params):
    """Course params (reset="after") -> {"weight_ih", "weight_hh", "bias_ih", "bias_hh"} for nn.GRU / nn.GRUCell."""
    first = check_params(Shapes(), params, {"b_z": ("H",), "W_z": ("N", "H")})
    H, N = first["W_z"].shape[1], first["W_z"].shape[0]
    # The sizes of b_z and W_z fix H and D; every other array must agree with them.
    p = check_params(Shapes(H=H, D=N - H), params, GRU_PARAMS["after"])
    blocks = [p["W_r"], p["W_z"], p["W_h"]]
    zeros = np.zeros(H)
    return {
        "weight_ih": np.concatenate([W[H:].T for W in blocks]),
        "weight_hh": np.concatenate([W[:H].T for W in blocks]),
        "bias_ih": np.concatenate([p["b_r"], p["b_z"], p["b_h"]]),
        "bias_hh": np.concatenate([zeros, zeros, p["b_hh"]]),
    }


def gru_from_torch(weights):
    """{"weight_ih", "weight_hh", "bias_ih", "bias_hh"} (numpy arrays) -> the course's reset-after params."""
    if not isinstance(weights, dict) or "bias_ih" not in weights:
        return check_params(Shapes(), weights, TORCH_GRU_PARAMS)  # raises, naming what is missing
    size = np.shape(weights["bias_ih"])
    if len(size) != 1 or size[0] % 3:
        raise ValueError(f"bias_ih: expected a 1-D array of length 3H, got shape {size}")
    w = check_params(Shapes(H=size[0] // 3, **{"3H": size[0]}), weights, TORCH_GRU_PARAMS)
    H = size[0] // 3
    rows = {gate: slice(k * H, (k + 1) * H) for k, gate in enumerate("rzn")}

    def stacked(gate):
        return np.concatenate([w["weight_hh"][rows[gate]].T, w["weight_ih"][rows[gate]].T])

    return {
        "W_z": stacked("z"), "b_z": w["bias_ih"][rows["z"]] + w["bias_hh"][rows["z"]],
        "W_r": stacked("r"), "b_r": w["bias_ih"][rows["r"]] + w["bias_hh"][rows["r"]],
        "W_h": stacked("n"), "b_h": w["bias_ih"][rows["n"]], "b_hh": w["bias_hh"][rows["n"]],
    }
