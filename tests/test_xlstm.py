"""xLSTM's exponential gating (helpers/xlstm.py): the stabiliser changes nothing but the overflow, and the backward
pass matches finite differences."""

import numpy as np
import pytest

from helpers.checks import check_stabilised_gates
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.xlstm import exp_gate_memory, exp_gate_memory_backward

NAMES = ("i_tilde", "f_tilde", "z", "o_tilde")


def inputs(rng, scale=1.0, shape=(2, 6, 3)):
    """Pre-activations of the two exponential gates at `scale`, the candidate and the output gate at 1."""
    return {name: rng.normal(size=shape) * (scale if name in ("i_tilde", "f_tilde") else 1.0) for name in NAMES}


@pytest.mark.parametrize("forget", ["exp", "sigmoid"])
def test_the_stabilised_memory_equals_the_naive_one_where_that_is_finite(forget):
    args = inputs(np.random.default_rng(0), scale=5.0, shape=(3, 40, 4))
    naive = exp_gate_memory(**args, forget=forget, stabilise=False)[0]
    assert np.isfinite(naive).all()
    assert np.allclose(exp_gate_memory(**args, forget=forget)[0], naive, rtol=1e-12, atol=1e-12)


def test_the_naive_memory_overflows_and_the_stabilised_one_does_not():
    i_tilde = 100.0 * np.arange(1, 11).reshape(1, 10, 1)
    rest = {"f_tilde": np.full((1, 10, 1), 2.0), "z": np.ones((1, 10, 1)), "o_tilde": np.zeros((1, 10, 1))}
    naive = exp_gate_memory(i_tilde, **rest, forget="sigmoid", stabilise=False)[0][0, :, 0]
    stable = exp_gate_memory(i_tilde, **rest, forget="sigmoid")[0][0, :, 0]
    assert np.allclose(naive[:7], 0.5) and np.isnan(naive[7:]).all()
    assert np.allclose(stable, 0.5)


@pytest.mark.parametrize("forget", ["exp", "sigmoid"])
@pytest.mark.parametrize("scale", [1.0, 300.0])
def test_backward_matches_finite_differences(forget, scale):
    rng = np.random.default_rng(1)
    args = inputs(rng, scale)
    h, cache = exp_gate_memory(**args, forget=forget)
    dh = rng.normal(size=h.shape)
    grads = exp_gate_memory_backward(dh, cache)

    def loss():
        return np.sum(exp_gate_memory(**args, forget=forget)[0] * dh)

    for name in NAMES:
        assert relative_error(grads[name], numerical_gradient(loss, args[name])) < 1e-6, name


def test_the_checker_passes_the_solution_and_names_a_missing_m_prev():
    def right(i_tilde, log_f, m_prev):
        m_t = np.maximum(log_f + m_prev, i_tilde)
        return np.exp(i_tilde - m_t), np.exp(log_f + m_prev - m_t), m_t

    def forgets(i_tilde, log_f, m_prev):
        m_t = np.maximum(log_f, i_tilde)
        return np.exp(i_tilde - m_t), np.exp(log_f - m_t), m_t

    assert check_stabilised_gates(right).passed
    assert "m_{t-1}" in repr(check_stabilised_gates(forgets))
