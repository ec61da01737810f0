"""The checkers' shared core: a verdict, a comparison that names mistakes, and a runner over test cases."""

import copy
import inspect

import numpy as np

from .errors import describe_arguments, error_hints


PASSED, FAILED, NOT_ATTEMPTED = "passed", "not yet", "not attempted"
_HEADERS = {PASSED: "Correct", FAILED: "Not yet", NOT_ATTEMPTED: "Not attempted yet"}


class Feedback:
    """A checker's verdict on one exercise, shown as plain text under the check cell."""

    def __init__(self, exercise, status, lines):
        self.exercise, self.status, self.lines = exercise, status, list(lines)

    @property
    def passed(self):
        return self.status == PASSED

    def __repr__(self):
        return "\n".join([f"{_HEADERS[self.status]}: {self.exercise}"] + [f"  - {line}" for line in self.lines])


def _same(answer, expected):
    if isinstance(expected, tuple):
        return (isinstance(answer, (tuple, list)) and len(answer) == len(expected)
                and all(_same(a, e) for a, e in zip(answer, expected)))
    return np.shape(answer) == expected.shape and np.allclose(answer, expected, rtol=1e-6, atol=1e-9)


def compare(answer, expected, mistakes=()):
    """Lines describing how `answer` differs from `expected`; empty when they agree to 1e-6.

    `expected` is an array, or a tuple of arrays for an exercise that returns several. `mistakes` pairs a known
    wrong result with the sentence that names that mistake.
    """
    if isinstance(expected, tuple):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(expected):
            return [f"expected a tuple of {len(expected)} arrays, got {type(answer).__name__}"]
        answer = tuple(np.asarray(part, dtype=float) for part in answer)
    else:
        try:
            answer = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return [f"expected an array of numbers, got {type(answer).__name__}"]
    if _same(answer, expected):
        return []
    for wrong, message in mistakes:
        if _same(answer, wrong):
            return [message]
    if isinstance(expected, tuple):
        for k, (part, wanted) in enumerate(zip(answer, expected)):
            problems = compare(part, wanted)
            if problems:
                return [f"part {k + 1} of {len(expected)}: {line}" for line in problems]
    if answer.shape != expected.shape:
        hint = ""
        if answer.shape == expected.shape[::-1]:
            hint = " (transposed?)"
        elif answer.size == expected.size:
            hint = " (the right count of numbers in the wrong shape: keep row vectors, batch first)"
        return [f"expected shape {expected.shape}, got {answer.shape}{hint}"]
    close = np.isclose(answer, expected, rtol=1e-6, atol=1e-9)
    bad = [tuple(int(i) for i in index) for index in np.argwhere(~close)]
    first = bad[0]
    return [f"{len(bad)} of {answer.size} entries differ; the first is at index {first}: "
            f"expected {expected[first]:.6g}, got {answer[first]:.6g}"]


def _argument_names(function, count):
    """The names of a learner's parameters (h_prev, x_t, W_f, ...), or "argument 1", ... when they cannot be read."""
    try:
        names = [p.name for p in inspect.signature(function).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    return names if len(names) == count else [f"argument {k + 1}" for k in range(count)]


def check_function(exercise, learner_function, cases, reference, mistakes=()):
    """Run `learner_function` on each case of arguments and compare it with `reference`.

    `mistakes` is a list of (wrong_function, message): a common mistake, written as code.
    """
    if not callable(learner_function):
        return Feedback(exercise, FAILED, [f"expected your function {exercise}, got {type(learner_function).__name__}: "
                                           f"pass the function itself, {exercise}, without calling it"])
    for args in cases:
        shapes = f"(on a test case with {describe_arguments(_argument_names(learner_function, len(args)), args)})"
        try:
            answer = learner_function(*copy.deepcopy(args))  # a copy: the learner may change arrays in place
        except NotImplementedError:
            return Feedback(exercise, NOT_ATTEMPTED, ["replace `raise NotImplementedError` with your code, "
                                                      "run that cell, then run this one again"])
        except Exception as error:  # the learner's code may raise anything; report it, do not crash
            return Feedback(exercise, FAILED, [f"your function raised {type(error).__name__}: {error}",
                                               *error_hints(error), shapes])
        if answer is None:
            return Feedback(exercise, FAILED, ["your function returned None: did you forget `return`?"])
        expected = reference(*args)
        problems = compare(answer, expected, [(wrong(*args), message) for wrong, message in mistakes])
        if problems:
            return Feedback(exercise, FAILED, problems + [shapes])
    return Feedback(exercise, PASSED, [f"matches the reference on all {len(cases)} test cases"])
