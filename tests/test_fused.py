"""The fused LSTM and GRU against the readable path, finite differences and PyTorch; their checks and their dtypes."""

import re

import numpy as np
import pytest

from helpers.fused import (GRUFusedCache, LSTMFusedCache, gru_backward_fused, gru_forward_fused, lstm_backward_fused,
                           lstm_forward_fused)
from helpers.gradcheck import gradient_errors
from helpers.gru import gru_backward, gru_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_gate_values
from helpers.pytorch_layout import gru_to_torch, lstm_from_torch, lstm_to_torch

SHAPES = [(1, 1, 1, 1), (1, 1, 3, 2), (3, 7, 4, 5), (2, 12, 3, 6), (4, 3, 6, 2)]  # (B, T, D, H)
SEEDS = [0, 1, 2]
RESETS = ["before", "after"]


def differences(ours, theirs):
    """{name: largest |ours - theirs| / max(1, largest |theirs|)}: absolute for values up to 1, relative above."""
    return {name: float(np.abs(ours[name] - theirs[name]).max() / max(1.0, np.abs(theirs[name]).max()))
            for name in theirs}


def lstm_case(seed, shape, dtype=np.float64):
    """Seeded params, xs, h0, c0, dhs and dc_last, as float64 arrays that are exactly representable in `dtype`."""
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    params = init_lstm_params(rng, D, H)
    arrays = {"xs": (B, T, D), "h0": (B, H), "c0": (B, H), "dhs": (B, T, H), "dc_last": (B, H)}
    case = {name: rng.normal(size=size) for name, size in arrays.items()}
    params, case = ({name: value.astype(dtype).astype(np.float64) for name, value in group.items()}
                    for group in (params, case))
    return params, case


def gru_case(seed, shape, reset, dtype=np.float64):
    B, T, D, H = shape
    rng = np.random.default_rng(seed)
    params = init_gru_params(rng, D, H, reset)
    case = {name: rng.normal(size=size) for name, size in {"xs": (B, T, D), "h0": (B, H), "dhs": (B, T, H)}.items()}
    params, case = ({name: value.astype(dtype).astype(np.float64) for name, value in group.items()}
                    for group in (params, case))
    return params, case


def as_dtype(group, dtype):
    return {name: value.astype(dtype) for name, value in group.items()}


def lstm_fused(params, case):
    """Every output and gradient of the fused LSTM, by name."""
    hs, cs, cache = lstm_forward_fused(case["xs"], case["h0"], case["c0"], params)
    dxs, dh0, dc0, grads = lstm_backward_fused(case["dhs"], cache, case["dc_last"])
    return {"hs": hs, "cs": cs, "dxs": dxs, "dh0": dh0, "dc0": dc0, **grads}, cache


def lstm_readable(params, case):
    hs, cs, caches = lstm_forward(case["xs"], case["h0"], case["c0"], params)
    dxs, dh0, dc0, grads = lstm_backward(case["dhs"], caches, case["dc_last"])
    return {"hs": hs, "cs": cs, "dxs": dxs, "dh0": dh0, "dc0": dc0, **grads}, caches


def gru_fused(params, case, reset):
    hs, cache = gru_forward_fused(case["xs"], case["h0"], params, reset)
    dxs, dh0, grads = gru_backward_fused(case["dhs"], cache)
    return {"hs": hs, "dxs": dxs, "dh0": dh0, **grads}, cache


def gru_readable(params, case, reset):
    hs, caches = gru_forward(case["xs"], case["h0"], params, reset)
    dxs, dh0, grads = gru_backward(case["dhs"], caches)
    return {"hs": hs, "dxs": dxs, "dh0": dh0, **grads}, caches


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_equals_the_readable_path_in_float64(seed, shape):
    params, case = lstm_case(seed, shape)
    (ours, cache), (theirs, caches) = lstm_fused(params, case), lstm_readable(params, case)
    assert sorted(ours) == sorted(theirs)
    assert max(differences(ours, theirs).values()) < 1e-12, differences(ours, theirs)
    gates = lstm_gate_values(caches)
    assert max(np.abs(getattr(cache, name) - gates[name]).max() for name in "ifgo") < 1e-12


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("reset", RESETS)
def test_gru_equals_the_readable_path_in_float64(reset, seed, shape):
    params, case = gru_case(seed, shape, reset)
    (ours, cache), (theirs, caches) = gru_fused(params, case, reset), gru_readable(params, case, reset)
    assert sorted(ours) == sorted(theirs)
    assert max(differences(ours, theirs).values()) < 1e-12, differences(ours, theirs)
    for name, field in {"z": "z_t", "r": "r_t", "h_tilde": "h_tilde"}.items():
        readable = np.stack([getattr(c, field) for c in caches], axis=1)
        assert np.abs(getattr(cache, name) - readable).max() < 1e-12


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_in_float32_is_close_to_float64(seed, shape):
    params, case = lstm_case(seed, shape, np.float32)
    ours, _ = lstm_fused(as_dtype(params, np.float32), as_dtype(case, np.float32))
    theirs, _ = lstm_readable(params, case)
    assert all(value.dtype == np.float32 for value in ours.values())
    assert max(differences(ours, theirs).values()) < 1e-5, differences(ours, theirs)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("reset", RESETS)
def test_gru_in_float32_is_close_to_float64(reset, seed, shape):
    params, case = gru_case(seed, shape, reset, np.float32)
    ours, _ = gru_fused(as_dtype(params, np.float32), as_dtype(case, np.float32), reset)
    theirs, _ = gru_readable(params, case, reset)
    assert all(value.dtype == np.float32 for value in ours.values())
    assert max(differences(ours, theirs).values()) < 1e-5, differences(ours, theirs)


def test_lstm_backward_matches_finite_differences():
    params, case = lstm_case(3, (2, 4, 3, 3))
    arrays = {**params, **{name: case[name] for name in ("xs", "h0", "c0")}}

    def loss():
        hs, cs, _ = lstm_forward_fused(arrays["xs"], arrays["h0"], arrays["c0"], params)
        return float(np.sum(hs * case["dhs"]) + np.sum(cs[:, -1] * case["dc_last"]))

    ours, _ = lstm_fused(params, case)
    analytic = {"W": ours["W"], "b": ours["b"], "xs": ours["dxs"], "h0": ours["dh0"], "c0": ours["dc0"]}
    errors = gradient_errors(loss, arrays, analytic)
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("reset", RESETS)
def test_gru_backward_matches_finite_differences(reset):
    params, case = gru_case(4, (2, 4, 3, 3), reset)
    arrays = {**params, "xs": case["xs"], "h0": case["h0"]}

    def loss():
        hs, _ = gru_forward_fused(arrays["xs"], arrays["h0"], params, reset)
        return float(np.sum(hs * case["dhs"]))

    ours, _ = gru_fused(params, case, reset)
    errors = gradient_errors(loss, arrays, {**ours, "xs": ours["dxs"], "h0": ours["dh0"]})
    assert max(errors.values()) < 1e-7, errors


def load(torch, module, weights):
    with torch.no_grad():
        for name, value in weights.items():
            getattr(module, name + "_l0").copy_(torch.from_numpy(value))


def leaves(torch, *arrays):
    return [torch.tensor(array, requires_grad=True) for array in arrays]


def largest_difference(pairs):
    return max(float(np.abs(np.asarray(ours) - theirs.detach().numpy()).max()) for ours, theirs in pairs)


def test_lstm_equals_torch_lstm(torch):
    params, case = lstm_case(5, (3, 7, 4, 5))
    ours, _ = lstm_fused(params, case)
    layer = torch.nn.LSTM(4, 5, batch_first=True, dtype=torch.float64)
    load(torch, layer, lstm_to_torch(params))
    xs, h0, c0 = leaves(torch, case["xs"], case["h0"][None], case["c0"][None])
    out, (_, c_n) = layer(xs, (h0, c0))
    ((out * torch.from_numpy(case["dhs"])).sum() + (c_n[0] * torch.from_numpy(case["dc_last"])).sum()).backward()
    names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    torch_W = lstm_from_torch({name: getattr(layer, name + "_l0").grad.numpy() for name in names})["W"]
    # Both torch biases feed the same pre-activation, so each one's gradient is the course's db.
    pairs = [(ours["hs"], out), (ours["cs"][:, -1], c_n[0]), (ours["dxs"], xs.grad), (ours["dh0"], h0.grad[0]),
             (ours["dc0"], c0.grad[0]), (ours["W"], torch.from_numpy(torch_W)), (ours["b"], layer.bias_ih_l0.grad),
             (ours["b"], layer.bias_hh_l0.grad)]
    assert largest_difference(pairs) < 1e-10


def test_gru_equals_torch_gru(torch):
    params, case = gru_case(6, (3, 6, 4, 5), "after")
    ours, _ = gru_fused(params, case, "after")
    layer = torch.nn.GRU(4, 5, batch_first=True, dtype=torch.float64)
    load(torch, layer, gru_to_torch(params))
    xs, h0 = leaves(torch, case["xs"], case["h0"][None])
    out, _ = layer(xs, h0)
    (out * torch.from_numpy(case["dhs"])).sum().backward()
    expected = gru_to_torch(ours)
    # r and z have one bias in the course and two in PyTorch; both get the same gradient.
    expected["bias_hh"][:2 * 5] = np.concatenate([ours["b_r"], ours["b_z"]])
    pairs = [(ours["hs"], out), (ours["dxs"], xs.grad), (ours["dh0"], h0.grad[0])]
    pairs += [(expected[name], getattr(layer, name + "_l0").grad) for name in expected]
    assert largest_difference(pairs) < 1e-10


B, T, D, H = 2, 3, 4, 5
LSTM_PARAMS, LSTM_IN = lstm_case(7, (B, T, D, H))
GRU_PARAMS, GRU_IN = gru_case(8, (B, T, D, H), "after")
_, _, LSTM_CACHE = lstm_forward_fused(LSTM_IN["xs"], LSTM_IN["h0"], LSTM_IN["c0"], LSTM_PARAMS)
_, GRU_CACHE = gru_forward_fused(GRU_IN["xs"], GRU_IN["h0"], GRU_PARAMS)
NAN_XS = LSTM_IN["xs"].copy()
NAN_XS[1, 2, 0] = np.nan


def lstm_call(**changes):
    args = {"xs": LSTM_IN["xs"], "h0": LSTM_IN["h0"], "c0": LSTM_IN["c0"], "params": LSTM_PARAMS, **changes}
    return lambda: lstm_forward_fused(**args)


def gru_call(**changes):
    args = {"xs": GRU_IN["xs"], "h0": GRU_IN["h0"], "params": GRU_PARAMS, **changes}
    return lambda: gru_forward_fused(**args)


def message(*parts):
    """A pattern for a message made of these literal parts, in order: the argument first."""
    return "^" + ".*".join(re.escape(part) for part in parts)


# (what is wrong, the call, the message it must give: the argument, what was expected, what came)
BAD_CALLS = [
    ("LSTM xs 2-D", lstm_call(xs=np.ones((B, D))), message("xs: expected a 3-D array", "got shape (2, 4)")),
    ("LSTM h0 of other batch", lstm_call(h0=np.ones((3, H))), message("h0: expected shape", "B = 2", "(3, 5)")),
    ("LSTM W transposed", lstm_call(params={**LSTM_PARAMS, "W": LSTM_PARAMS["W"].T}),
     message("W: expected shape (H+D=9, 20)", "got shape (20, 9)")),
    ("LSTM b as a row", lstm_call(params={**LSTM_PARAMS, "b": LSTM_PARAMS["b"][None]}),
     message("b: expected a 1-D array", "(1, 20)")),
    ("LSTM no time steps", lstm_call(xs=np.ones((B, 0, D))),
     message("xs: expected at least one time step", "(2, 0, 4)")),
    ("LSTM NaN in xs", lstm_call(xs=NAN_XS), message("xs: expected finite numbers, got nan at index (1, 2, 0)")),
    ("LSTM inf in c0", lstm_call(c0=np.full((B, H), np.inf)), message("c0: expected finite numbers, got inf")),
    ("LSTM params missing b", lstm_call(params={"W": LSTM_PARAMS["W"]}),
     message("params: expected keys", "missing ['b']")),
    ("LSTM params not a dict", lstm_call(params=[LSTM_PARAMS["W"]]), message("params: expected a dict", "list")),
    ("LSTM float32 xs, float64 rest", lstm_call(xs=LSTM_IN["xs"].astype(np.float32)),
     message("h0: expected dtype float32", "got dtype float64")),
    ("LSTM float32 params only", lstm_call(params=as_dtype(LSTM_PARAMS, np.float32)),
     message("W: expected dtype float64", "got dtype float32")),
    ("LSTM float16 xs", lstm_call(xs=LSTM_IN["xs"].astype(np.float16)),
     message("xs: expected float32 or float64", "float16")),
    ("LSTM boolean h0", lstm_call(h0=np.ones((B, H), bool)), message("h0: expected float32 or float64", "bool")),
    ("LSTM backward of a GRU cache", lambda: lstm_backward_fused(LSTM_IN["dhs"], GRU_CACHE),
     message("cache: expected the LSTMFusedCache", "got GRUFusedCache")),
    ("LSTM backward of readable caches", lambda: lstm_backward_fused(LSTM_IN["dhs"], []),
     message("cache: expected the LSTMFusedCache", "got list")),
    ("LSTM backward dhs too short", lambda: lstm_backward_fused(LSTM_IN["dhs"][:, :2], LSTM_CACHE),
     message("dhs: expected shape (B=2, T=3, H=5)", "got shape (2, 2, 5)")),
    ("LSTM backward dhs float32", lambda: lstm_backward_fused(LSTM_IN["dhs"].astype(np.float32), LSTM_CACHE),
     message("dhs: expected dtype float64", "float32")),
    ("LSTM backward dc_last wrong shape", lambda: lstm_backward_fused(LSTM_IN["dhs"], LSTM_CACHE, np.ones(H)),
     message("dc_last: expected a 2-D array", "(5,)")),
    ("GRU unknown reset", gru_call(reset="middle"), message("reset: expected 'before' or 'after'", "'middle'")),
    ("GRU params missing b_hh", gru_call(params={k: v for k, v in GRU_PARAMS.items() if k != "b_hh"}),
     message("params: expected keys", "missing ['b_hh']")),
    ("GRU W_r of wrong rows", gru_call(params={**GRU_PARAMS, "W_r": np.ones((H, H))}),
     message("W_r: expected shape (H+D=9, H=5)", "(5, 5)")),
    ("GRU NaN in xs", gru_call(xs=NAN_XS), message("xs: expected finite numbers, got nan")),
    ("GRU mixed dtype h0", gru_call(xs=GRU_IN["xs"].astype(np.float32), h0=GRU_IN["h0"].astype(np.float32)),
     message("W_z: expected dtype float32", "got dtype float64")),
    ("GRU backward of an LSTM cache", lambda: gru_backward_fused(GRU_IN["dhs"], LSTM_CACHE),
     message("cache: expected the GRUFusedCache", "got LSTMFusedCache")),
    ("GRU backward dhs of wrong width", lambda: gru_backward_fused(np.ones((B, T, H + 1)), GRU_CACHE),
     message("dhs: expected shape (B=2, T=3, H=5)", "(2, 3, 6)")),
]


@pytest.mark.parametrize("call, pattern", [row[1:] for row in BAD_CALLS], ids=[row[0] for row in BAD_CALLS])
def test_bad_input_raises_a_value_error_naming_the_argument(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_float32_stays_float32_everywhere():
    lstm, case = lstm_case(9, (2, 5, 3, 4), np.float32)
    lstm, case = as_dtype(lstm, np.float32), as_dtype(case, np.float32)
    lstm_out, lstm_cache = lstm_fused(lstm, case)
    gru_outs = [gru_fused(as_dtype(gru_case(9, (2, 5, 3, 4), reset)[0], np.float32), case, reset)
                for reset in RESETS]
    caches = [lstm_cache] + [cache for _, cache in gru_outs]
    outputs = [lstm_out] + [out for out, _ in gru_outs]
    assert {value.dtype for out in outputs for value in out.values()} == {np.dtype(np.float32)}
    cached = {array.dtype for cache in caches for array in cache if isinstance(array, np.ndarray)}
    assert cached == {np.dtype(np.float32)}


def test_integers_count_as_float64():
    params, case = lstm_case(10, (2, 3, 2, 2))
    xs = np.arange(12).reshape(2, 3, 2) % 3
    hs, cs, cache = lstm_forward_fused(xs, np.zeros((2, 2), int), case["c0"], params)
    expected, _, _ = lstm_forward(xs, np.zeros((2, 2)), case["c0"], params)
    assert hs.dtype == np.float64 and np.abs(hs - expected).max() < 1e-12


def test_the_caches_show_the_gates_over_time():
    assert isinstance(LSTM_CACHE, LSTMFusedCache) and isinstance(GRU_CACHE, GRUFusedCache)
    assert all(getattr(LSTM_CACHE, name).shape == (B, T, H) for name in "ifgo")
    assert all(getattr(GRU_CACHE, name).shape == (B, T, H) for name in ("z", "r", "h_tilde"))
    assert LSTM_CACHE.f.min() > 0 and LSTM_CACHE.f.max() < 1


def test_the_inputs_are_left_as_they_were():
    params, case = lstm_case(11, (2, 4, 3, 3))
    before = {name: value.copy() for name, value in {**params, **case}.items()}
    lstm_fused(params, case)
    assert all(np.array_equal(before[name], value) for name, value in {**params, **case}.items())


def test_backward_twice_on_one_cache_gives_the_same_gradients():
    first = lstm_backward_fused(LSTM_IN["dhs"], LSTM_CACHE)
    second = lstm_backward_fused(LSTM_IN["dhs"], LSTM_CACHE)
    assert all(np.array_equal(a, b) for a, b in zip(first[:3], second[:3]))
