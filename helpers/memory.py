"""How long a state survives when each step keeps a fixed fraction `keep` of it."""

import numpy as np

from .validate import as_gate_values, as_real_array


def retention(keep, steps):
    """The fraction of the original state left after `steps` steps: keep ** steps."""
    keep = as_gate_values("keep", keep)
    steps = as_real_array("steps", steps)
    return (keep ** steps)[()]


def half_life(keep):
    """Steps until half the state is left: ln 0.5 / ln keep (0 when keep = 0, infinite when keep = 1)."""
    keep = as_gate_values("keep", keep)
    # log(keep) is -inf at keep = 0 (gone at once) and 0 at keep = 1 (kept for ever).
    with np.errstate(divide="ignore"):
        log_keep = np.log(keep)
        return np.where(log_keep == 0, np.inf, np.log(0.5) / log_keep)[()]
