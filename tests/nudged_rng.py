"""Every float a numpy Generator draws, nudged by a tiny relative amount: a stand-in, in one run, for another CPU.

Two OpenBLAS kernels (SkylakeX, Haswell, Sandybridge...) or two thread counts add the same numbers in another order
and differ in the last bit of a matrix product. A stored output that depends on such a bit (the exact loss of a
chaotic training run, the step at which it crossed a line) is one machine's. `install(relative)` makes every
`numpy.random.default_rng` draw its floats times (1 + relative * sign), the sign taken from the draw's own last bit,
so that the same seed still gives the same (nudged) numbers twice in one run. A relative 1e-12 is some ten thousand
times the differences between kernels: what prints the same under it prints the same on any CPU.

tests/test_robust_outputs.py puts this file's text, then `install(...)`, in a first cell of each notebook and runs it
under nbval against the stored outputs. The text must run on its own: it imports numpy and nothing of the course.
"""

import numpy as np

# The Generator methods that draw floats; integers, choice without p, permutation and shuffle are left alone.
FLOAT_METHODS = ("random", "uniform", "normal", "standard_normal", "exponential", "standard_exponential", "gamma",
                 "standard_gamma", "beta", "lognormal", "laplace", "logistic", "standard_t", "standard_cauchy",
                 "multivariate_normal", "dirichlet", "rayleigh", "weibull", "pareto", "power", "vonmises",
                 "triangular", "gumbel", "wald", "chisquare", "f", "noncentral_chisquare", "noncentral_f")
ULPS_AT_LEAST = 4  # float32 draws: 1e-12 is below their last bit, so they are nudged by a few of their own ulps
NUDGE = {"relative": 0.0}  # how far install() nudges, read at every draw


def nudge(values, relative):
    """values times (1 + relative * sign) entry by entry, the sign (+-1) from each value's last mantissa bit."""
    array = np.asarray(values)
    if array.dtype.kind != "f":
        return values
    step = max(relative, ULPS_AT_LEAST * float(np.finfo(array.dtype).eps))
    last_bit = array.copy().view(f"u{array.dtype.itemsize}") & 1
    nudged = (array * (1 + step * (2.0 * last_bit - 1))).astype(array.dtype)
    return nudged if isinstance(values, np.ndarray) else type(values)(nudged)


class NudgedGenerator(np.random.Generator):
    """A numpy Generator whose float draws are nudged (see the module); spawn() gives nudged children."""


def _nudged(name):
    drawn = getattr(np.random.Generator, name)

    def method(self, *args, **kwargs):
        return nudge(drawn(self, *args, **kwargs), NUDGE["relative"])

    method.__name__ = name
    return method


for _name in FLOAT_METHODS:
    setattr(NudgedGenerator, _name, _nudged(_name))


def nudged_default_rng(seed=None):
    """numpy.random.default_rng, giving a NudgedGenerator."""
    if isinstance(seed, np.random.Generator):
        return seed
    return NudgedGenerator(seed if isinstance(seed, np.random.BitGenerator) else np.random.PCG64(seed))


def install(relative):
    """From now on numpy.random.default_rng gives generators whose floats are nudged by `relative` (> 0)."""
    if not relative > 0:
        raise ValueError(f"relative: expected a positive number (the sign comes from each draw), got {relative!r}")
    NUDGE["relative"] = float(relative)
    np.random.default_rng = nudged_default_rng
