"""The course's LSTM weights in PyTorch's nn.LSTM layout and back, with numpy alone (the course never imports torch).

PyTorch keeps weight_ih (4H, D) and weight_hh (4H, H), which multiply column vectors, and two biases (4H,) that
are always added together. Its gate order is the course's, i, f, g, o, so converting is transposing and stacking.
"""

import numpy as np

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
