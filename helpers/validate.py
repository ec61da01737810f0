"""Input checks that turn a wrong array into a ValueError naming the argument, what was expected and what came."""

import numpy as np


def as_real_array(name, value):
    """Return `value` as a finite float64 array, or raise ValueError saying what is wrong with it."""
    array = np.asarray(value)
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise ValueError(f"{name}: expected real numbers (an int or float array), got dtype {array.dtype}")
    array = array.astype(np.float64, copy=False)
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"{name}: expected finite numbers, got {array[where]} at index {where}")
    return array


def check_unit_interval(name, array):
    """Raise ValueError unless every entry of `array` is a gate value in [0, 1]."""
    outside = (array < 0) | (array > 1)
    if outside.any():
        where = tuple(int(i) for i in np.argwhere(outside)[0])
        raise ValueError(f"{name}: expected gate values in [0, 1], got {array[where]:g} at index {where}")
    return array


def as_gate_values(name, value):
    """Return `value` as a float64 array of gate values in [0, 1], or raise ValueError."""
    return check_unit_interval(name, as_real_array(name, value))


def as_count(name, value, low=1):
    """Return `value` as an int of at least `low` (a size or a number of steps), or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ValueError(f"{name}: expected a whole number >= {low}, got {value!r}")
    return int(value)


def as_positive(name, value, zero=False):
    """Return `value` as a float > 0 (>= 0 with zero=True): a rate, a threshold, a loss; or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not (
            value >= 0 if zero else value > 0):
        raise ValueError(f"{name}: expected a {'non-negative' if zero else 'positive'} number, got {value!r}")
    return float(value)


class Shapes:
    """Names for dimensions (B, T, D, H), bound to sizes by the first array that shows them.

    Checking `h_prev` against ("B", "H") after `x_t` has bound B = 2 means a
    batch of 5 in `h_prev` is reported as a mismatch with `x_t`.
    """

    def __init__(self, **sizes):
        self.sizes = dict(sizes)
        self.bound_by = {dim: "the arguments" for dim in sizes}

    def check(self, name, value, spec):
        """Return `value` as a finite float64 array whose shape matches `spec`, binding new dimension names."""
        array = as_real_array(name, value)
        expected = self.describe(spec)
        if array.ndim != len(spec):
            raise ValueError(f"{name}: expected a {len(spec)}-D array of shape {expected}, got shape {array.shape}")
        for dim, size in zip(spec, array.shape):
            wanted = self.size_of(dim)
            if wanted is not None and size != wanted:
                origin = "" if isinstance(dim, int) else f" ({dim} = {wanted}, set by {self.source_of(dim)})"
                raise ValueError(f"{name}: expected shape {expected}{origin}, got shape {array.shape}")
        for dim, size in zip(spec, array.shape):
            if isinstance(dim, str) and "+" not in dim and dim not in self.sizes:
                self.sizes[dim], self.bound_by[dim] = size, name
        return array

    def size_of(self, dim):
        """The size a dimension must have: an int stands for itself, a sum like "H+D" adds its parts."""
        if isinstance(dim, int):
            return dim
        parts = [self.sizes.get(part) for part in dim.split("+")]
        return None if None in parts else sum(parts)

    def source_of(self, dim):
        """Which arguments fixed the size of a dimension, e.g. "s_prev and x_t" for H+D."""
        sources = dict.fromkeys(self.bound_by[part] for part in dim.split("+"))
        return " and ".join(sources)

    def describe(self, spec):
        """A shape spec written with the sizes known so far, e.g. (B=2, H+D=7)."""
        words = []
        for dim in spec:
            size = self.size_of(dim)
            words.append(str(dim) if isinstance(dim, int) or size is None else f"{dim}={size}")
        return "(" + ", ".join(words) + ")"


def check_params(shapes, params, specs):
    """Check a dict of parameters against {name: shape spec}; return the named arrays as float64."""
    if not isinstance(params, dict):
        raise ValueError(f"params: expected a dict with keys {list(specs)}, got {type(params).__name__}")
    missing = [name for name in specs if name not in params]
    if missing:
        raise ValueError(f"params: expected keys {list(specs)}, got {sorted(params)} (missing {missing})")
    return {name: shapes.check(name, params[name], spec) for name, spec in specs.items()}
