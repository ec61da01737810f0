"""Notebook 10's checkers: a right answer passes, an untouched stub is "not attempted", and each named mistake is named."""

import numpy as np
import pytest

from helpers.checks import check_adam_step, check_adding_targets, check_clip_by_global_norm
from helpers.optim import Adam


def stub(*args):
    raise NotImplementedError


def adding_targets(xs):
    return (xs[..., 0] * xs[..., 1]).sum(axis=1, keepdims=True)


def clip(grads, max_norm, each=False, by_value=False):
    if by_value:
        return {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return {k: g * min(1.0, max_norm / (np.linalg.norm(g) if each else norm)) for k, g in grads.items()}


def adam(theta, g, m, v, t, correct=True, eps_inside=False):
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g ** 2
    m_hat, v_hat = (m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)) if correct else (m, v)
    step = m_hat / np.sqrt(v_hat + 1e-8) if eps_inside else m_hat / (np.sqrt(v_hat) + 1e-8)
    return theta - 0.01 * step, m, v


@pytest.mark.parametrize("checker", [check_adding_targets, check_clip_by_global_norm, check_adam_step])
def test_an_untouched_exercise_is_not_attempted(checker):
    assert repr(checker(stub)).startswith("Not attempted yet")


def test_right_answers_pass():
    assert check_adding_targets(adding_targets).passed
    assert check_clip_by_global_norm(clip).passed
    assert check_adam_step(adam).passed


def test_the_adam_reference_is_the_course_adam():
    # The checker's formula and helpers.optim.Adam, tested against Kingma and Ba by hand, agree over three steps.
    rng = np.random.default_rng(0)
    theta = rng.normal(size=(2, 3))
    params, m, v, ours = {"theta": theta.copy()}, np.zeros((2, 3)), np.zeros((2, 3)), theta.copy()
    optimiser = Adam(params, lr=0.01)
    for t in range(1, 4):
        g = rng.normal(size=(2, 3))
        optimiser.step(params, {"theta": g})
        ours, m, v = adam(ours, g, m, v, t)
    assert np.allclose(params["theta"], ours, rtol=0, atol=1e-15)


@pytest.mark.parametrize("learner, words", [
    (lambda xs: xs[..., 0].sum(axis=1, keepdims=True), "added every value"),
    (lambda xs: (xs[..., 0] * xs[..., 1]).mean(axis=1, keepdims=True), "averaged over time"),
    (lambda xs: xs[..., 1].sum(axis=1, keepdims=True), "added the markers"),
    (lambda xs: (xs[..., 0] * xs[..., 1]).sum(axis=1), "wrong shape"),
])
def test_adding_targets_names_the_mistake(learner, words):
    feedback = check_adding_targets(learner)
    assert not feedback.passed and words in repr(feedback)


@pytest.mark.parametrize("learner, words", [
    (lambda grads, m: clip(grads, m, each=True), "its own norm"),
    (lambda grads, m: clip(grads, m, by_value=True), "clipping by value"),
    (lambda grads, m: [g for g in grads.values()], "return a dict"),
])
def test_clipping_names_the_mistake(learner, words):
    feedback = check_clip_by_global_norm(learner)
    assert not feedback.passed and words in repr(feedback)


@pytest.mark.parametrize("learner, words", [
    (lambda *a: adam(*a, correct=False), "bias correction is missing"),
    (lambda *a: adam(*a, eps_inside=True), "eps goes outside"),
    (lambda theta, g, m, v, t: adam(theta, g, m, v, t + 1), "t counts from 1"),
    (lambda theta, g, m, v, t: (adam(theta, g, m, v, t)[0], m, v), "returned the old m and v"),
])
def test_adam_names_the_mistake(learner, words):
    feedback = check_adam_step(learner)
    assert not feedback.passed and words in repr(feedback)
