"""What the exception a learner's function raised most likely means, said with the shapes of the test case."""

import re

import numpy as np

_CONCAT = re.compile(r"along dimension (\d+), the array at index (\d+) has size (\d+) and the array at index (\d+) "
                     r"has size (\d+)")
_MATMUL = re.compile(r"size (\d+) is different from (\d+)")
_DOT = re.compile(r"shapes (\(.*?\)) and (\(.*?\)) not aligned")
_SCALAR = ("converted to Python scalars", "must be real number, not")

ROW_TIMES_W = ("The course multiplies rows by W from the right, [h_prev, x_t] (B, H + D) @ W (H + D, H) gives (B, H): "
               "W.T, or W @ x (PyTorch's column-vector habit), does not fit, and [h_prev, x_t] needs "
               "np.concatenate(..., axis=1)")


def describe_arguments(names, args):
    """'h_prev (1, 3), x_t (1, 4), W (7, 3), b (3,)': each argument of a test case with its shape."""
    def shape(value):
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key}: {np.shape(part)}" for key, part in value.items()) + "}"
        return str(np.shape(value))

    return ", ".join(f"{name} {shape(value)}" for name, value in zip(names, args))


def _concatenate_hint(match):
    dim, _, first, _, second = (int(group) for group in match.groups())
    if dim == 1:
        return (f"np.concatenate joined the arrays along axis 0, one below the other, which needs the same number of "
                f"columns, but they have {first} and {second}: to put rows side by side, as in [h_prev, x_t] "
                f"(H + D columns), pass axis=1")
    if dim != 0:
        return f"np.concatenate got arrays whose sizes differ along dimension {dim} ({first} and {second})"
    return (f"np.concatenate joined the arrays along axis 1, side by side, which needs the same number of rows, "
            f"but they have {first} and {second}: to stack them one below the other, pass axis=0")


def _matmul_hint(text):
    match = _MATMUL.search(text)
    if match:
        rows, columns = (int(size) for size in match.groups())
        sizes = f"A's {columns} columns do not match B's {rows} row{'' if rows == 1 else 's'}"
    else:
        sizes = "shapes {} and {} do not fit".format(*_DOT.search(text).groups())
    return f"a matrix product A @ B failed: {sizes}. {ROW_TIMES_W}"


def error_hints(error):
    """Sentences that say what a raised exception most likely means; empty when nothing is recognised."""
    text = str(error)
    if isinstance(error, ValueError) and _CONCAT.search(text):
        return [_concatenate_hint(_CONCAT.search(text))]
    if isinstance(error, ValueError) and (("matmul" in text and _MATMUL.search(text)) or _DOT.search(text)):
        return [_matmul_hint(text)]
    if isinstance(error, TypeError) and any(words in text for words in _SCALAR):
        return ["a function from `math` (math.exp, math.tanh, math.erf) takes one number, not an array: use np.exp "
                "and np.tanh; numpy has no erf, so use np.vectorize(math.erf)(B), or the course's "
                "helpers.activations.gelu for the whole GELU"]
    if isinstance(error, ValueError) and "could not be broadcast" in text:
        return ["two arrays combined entry by entry must have the same shape (or one of them a single row): "
                "compare the shapes above with the test case's below"]
    return []
