"""The course's reset-after GRU against torch.nn.GRUCell and torch.nn.GRU, float64: outputs and gradients."""

import numpy as np

from helpers.gru import gru_backward, gru_forward, gru_step_backward, gru_step_forward, init_gru_params
from helpers.pytorch_layout import gru_to_torch

B, T, D, H = 3, 6, 4, 5
TOLERANCE = 1e-10


def largest_difference(ours, theirs):
    return float(np.max(np.abs(np.asarray(ours) - theirs.detach().numpy())))


def load(torch, module, weights, suffix=""):
    with torch.no_grad():
        for name, value in weights.items():
            getattr(module, name + suffix).copy_(torch.from_numpy(value))


def test_step_equals_gru_cell(torch):
    rng = np.random.default_rng(0)
    params = init_gru_params(rng, D, H)
    x, h, dh = rng.normal(size=(B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    cell = torch.nn.GRUCell(D, H, dtype=torch.float64)
    load(torch, cell, gru_to_torch(params))
    x_torch = torch.tensor(x, requires_grad=True)
    h_torch = torch.tensor(h, requires_grad=True)
    out = cell(x_torch, h_torch)
    (out * torch.from_numpy(dh)).sum().backward()

    h_t, cache = gru_step_forward(x, h, params)
    dx, dh_prev, grads = gru_step_backward(dh, cache)
    expected = gru_to_torch(grads)
    differences = [largest_difference(h_t, out), largest_difference(dx, x_torch.grad),
                   largest_difference(dh_prev, h_torch.grad)]
    differences += [largest_difference(expected[name], getattr(cell, name).grad) for name in ("weight_ih", "weight_hh")]
    differences += [largest_difference(expected["bias_ih"], cell.bias_ih.grad)]
    # r and z have one bias in the course, two in PyTorch; both receive the same gradient.
    bias_hh = np.concatenate([grads["b_r"], grads["b_z"], grads["b_hh"]])
    differences += [largest_difference(bias_hh, cell.bias_hh.grad)]
    print(f"\nlargest difference from torch.nn.GRUCell: {max(differences):.1e}")
    assert max(differences) < TOLERANCE


def test_sequence_equals_gru(torch):
    rng = np.random.default_rng(1)
    params = init_gru_params(rng, D, H)
    xs, h0, dstates = rng.normal(size=(B, T, D)), rng.normal(size=(B, H)), rng.normal(size=(B, T, H))
    layer = torch.nn.GRU(D, H, batch_first=True, dtype=torch.float64)
    load(torch, layer, gru_to_torch(params), suffix="_l0")
    xs_torch = torch.tensor(xs, requires_grad=True)
    h0_torch = torch.tensor(h0[None], requires_grad=True)  # PyTorch wants (layers, B, H)
    out, last = layer(xs_torch, h0_torch)
    (out * torch.from_numpy(dstates)).sum().backward()

    states, caches = gru_forward(xs, h0, params)
    dxs, dh0, grads = gru_backward(dstates, caches)
    expected = gru_to_torch(grads)
    bias_hh = np.concatenate([grads["b_r"], grads["b_z"], grads["b_hh"]])
    differences = [largest_difference(states, out), largest_difference(states[:, -1], last[0]),
                   largest_difference(dxs, xs_torch.grad), largest_difference(dh0, h0_torch.grad[0]),
                   largest_difference(expected["weight_ih"], layer.weight_ih_l0.grad),
                   largest_difference(expected["weight_hh"], layer.weight_hh_l0.grad),
                   largest_difference(expected["bias_ih"], layer.bias_ih_l0.grad),
                   largest_difference(bias_hh, layer.bias_hh_l0.grad)]
    print(f"\nlargest difference from torch.nn.GRU: {max(differences):.1e}")
    assert max(differences) < TOLERANCE
