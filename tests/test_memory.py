"""Retention and half-life of a state under a constant keep factor, against hand numbers and simulation."""

import numpy as np
import pytest

from helpers.memory import half_life, retention


@pytest.mark.parametrize("keep, expected", [(0.9, 6.578813), (0.99, 68.967563), (0.5, 1.0)])
def test_half_life_known_values(keep, expected):
    assert half_life(keep) == pytest.approx(expected, rel=1e-6)


def test_half_life_edges():
    assert half_life(1.0) == np.inf
    assert half_life(0.0) == 0.0


@pytest.mark.parametrize("keep", [0.3, 0.8, 0.95, 0.999])
def test_half_life_agrees_with_simulation(keep):
    state, steps = 1.0, 0
    while state > 0.5:
        state *= keep
        steps += 1
    assert steps - 1 < half_life(keep) <= steps


def test_retention_is_keep_to_the_power_of_steps():
    np.testing.assert_allclose(retention(0.5, np.arange(4)), [1, 0.5, 0.25, 0.125])
    assert retention(0.9, half_life(0.9)) == pytest.approx(0.5)
