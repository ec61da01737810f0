"""The GLU variants against the same formulas written with torch functions, float64: values and gradients.

The course's GELU is the exact erf form, so it is compared with torch's gelu(approximate="none").
"""

import numpy as np
import pytest

from helpers.activations import gelu
from helpers.glu import VARIANTS, glu_backward, glu_forward

TOLERANCE = 1e-10
BETA = 1.0  # torch's silu is Swish with beta = 1; other betas are written with torch.sigmoid


def torch_formula(torch, variant, A, B, beta):
    F = torch.nn.functional
    return {
        "glu": lambda: F.glu(torch.cat([A, B], dim=-1), dim=-1),  # first half times sigmoid of the second
        "gtu": lambda: torch.tanh(A) * torch.sigmoid(B),
        "bilinear": lambda: A * B,
        "reglu": lambda: A * F.relu(B),
        "geglu": lambda: A * F.gelu(B, approximate="none"),
        "swiglu": lambda: A * (F.silu(B) if beta == 1.0 else B * torch.sigmoid(beta * B)),
    }[variant]()


@pytest.mark.parametrize("beta", [1.0, 1.7])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_equals_torch(torch, variant, beta):
    rng = np.random.default_rng(0)
    A, B, dy = rng.normal(size=(4, 6)) * 3, rng.normal(size=(4, 6)) * 3, rng.normal(size=(4, 6))
    A_torch, B_torch = torch.tensor(A, requires_grad=True), torch.tensor(B, requires_grad=True)
    y_torch = torch_formula(torch, variant, A_torch, B_torch, beta)
    (y_torch * torch.from_numpy(dy)).sum().backward()

    y, cache = glu_forward(A, B, variant, beta)
    dA, dB = glu_backward(dy, cache)
    difference = max(float(np.max(np.abs(ours - theirs.detach().numpy())))
                     for ours, theirs in [(y, y_torch), (dA, A_torch.grad), (dB, B_torch.grad)])
    print(f"\n{variant} (beta {beta}): largest difference from torch {difference:.1e}")
    assert difference < TOLERANCE


def test_course_gelu_is_the_exact_form_not_the_tanh_approximation(torch):
    z = np.linspace(-4, 4, 81)
    exact = torch.nn.functional.gelu(torch.from_numpy(z), approximate="none").numpy()
    approximate = torch.nn.functional.gelu(torch.from_numpy(z), approximate="tanh").numpy()
    assert np.max(np.abs(gelu(z) - exact)) < 1e-15
    assert np.max(np.abs(gelu(z) - approximate)) > 1e-4
