"""The course's LSTM against PyTorch's LSTMCell and LSTM in float64: outputs and every gradient, through the layout
conversion. Skipped without torch, except in CI (GATES_REQUIRE_TORCH=1)."""

import numpy as np

from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_step_backward, lstm_step_forward
from helpers.pytorch_layout import lstm_from_torch, lstm_to_torch

B, T, D, H = 3, 7, 4, 5
TOLERANCE = 1e-10
NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def load(torch, module, params, suffix=""):
    """Copy the course's parameters into a torch module through lstm_to_torch."""
    with torch.no_grad():
        for name, value in lstm_to_torch(params).items():
            getattr(module, name + suffix).copy_(torch.from_numpy(value))


def course_grads(torch, module, suffix=""):
    """The torch module's parameter gradients in the course's layout: dW, and db (= d bias_ih = d bias_hh)."""
    grads = {name: getattr(module, name + suffix).grad.numpy() for name in NAMES}
    # Both biases are added to the same pre-activation, so their gradients agree (up to rounding).
    np.testing.assert_allclose(grads["bias_ih"], grads["bias_hh"], rtol=0, atol=TOLERANCE)
    return lstm_from_torch({**grads, "bias_hh": np.zeros(4 * H)})


def tensor(torch, array):
    return torch.tensor(array, dtype=torch.float64, requires_grad=True)


def largest_difference(pairs):
    return max(float(np.abs(np.asarray(a) - np.asarray(b)).max()) for a, b in pairs)


def test_step_equals_torch_lstm_cell(torch):
    rng = np.random.default_rng(11)
    params = init_lstm_params(rng, D, H)
    x_t, h_prev, c_prev = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dh, dc = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    (h_t, c_t), cache = lstm_step_forward(x_t, (h_prev, c_prev), params)
    dx, (dh_prev, dc_prev), grads = lstm_step_backward((dh, dc), cache)

    cell = torch.nn.LSTMCell(D, H).double()
    load(torch, cell, params)
    x_ref, h_ref, c_ref = tensor(torch, x_t), tensor(torch, h_prev), tensor(torch, c_prev)
    h_torch, c_torch = cell(x_ref, (h_ref, c_ref))
    ((h_torch * torch.from_numpy(dh)).sum() + (c_torch * torch.from_numpy(dc)).sum()).backward()
    torch_grads = course_grads(torch, cell)

    difference = largest_difference([
        (h_t, h_torch.detach().numpy()), (c_t, c_torch.detach().numpy()),
        (dx, x_ref.grad.numpy()), (dh_prev, h_ref.grad.numpy()), (dc_prev, c_ref.grad.numpy()),
        (grads["W"], torch_grads["W"]), (grads["b"], torch_grads["b"])])
    assert difference < TOLERANCE


def test_sequence_equals_torch_lstm(torch):
    rng = np.random.default_rng(12)
    params = init_lstm_params(rng, D, H)
    xs, h0, c0 = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dhs, dc_last = rng.normal(size=(B, T, H)), rng.normal(size=(B, H))
    hs, cs, caches = lstm_forward(xs, h0, c0, params)
    dxs, dh0, dc0, grads = lstm_backward(dhs, caches, dc_last)

    net = torch.nn.LSTM(D, H, batch_first=True).double()
    load(torch, net, params, suffix="_l0")
    xs_ref, h0_ref, c0_ref = tensor(torch, xs), tensor(torch, h0), tensor(torch, c0)
    out, (h_n, c_n) = net(xs_ref, (h0_ref[None], c0_ref[None]))
    ((out * torch.from_numpy(dhs)).sum() + (c_n[0] * torch.from_numpy(dc_last)).sum()).backward()
    torch_grads = course_grads(torch, net, suffix="_l0")

    difference = largest_difference([
        (hs, out.detach().numpy()), (hs[:, -1], h_n[0].detach().numpy()), (cs[:, -1], c_n[0].detach().numpy()),
        (dxs, xs_ref.grad.numpy()), (dh0, h0_ref.grad.numpy()), (dc0, c0_ref.grad.numpy()),
        (grads["W"], torch_grads["W"]), (grads["b"], torch_grads["b"])])
    assert difference < TOLERANCE


def test_torch_weights_convert_to_the_course(torch):
    torch.manual_seed(0)
    net = torch.nn.LSTM(D, H, batch_first=True).double()
    params = lstm_from_torch({name: getattr(net, name + "_l0").detach().numpy() for name in NAMES})
    xs = np.random.default_rng(13).normal(size=(B, T, D))
    hs, _, _ = lstm_forward(xs, np.zeros((B, H)), np.zeros((B, H)), params)
    with torch.no_grad():
        out, _ = net(torch.from_numpy(xs))
    assert np.abs(hs - out.numpy()).max() < TOLERANCE


def test_the_course_never_imports_torch():
    import subprocess
    import sys

    code = ("import sys, helpers.lstm, helpers.pytorch_layout, helpers.figures.lstm, helpers.checks, helpers.diagrams; "
            "print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

