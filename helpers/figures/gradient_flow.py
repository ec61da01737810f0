"""How far back a gradient reaches: ||dL/ds_k|| against the distance T - k, log scale, one curve per model."""

import numpy as np

from ..validate import as_real_array
from .style import COLORS, new_figure

MODEL_COLORS = [COLORS[name] for name in ("vermillion", "blue", "green", "purple", "orange", "sky")]
NORM_RANGE = (1e-24, 10.0)


def _runs(name, norms):
    """One model's norms as (runs, T + 1): a single run (T + 1,) or several (runs, T + 1)."""
    runs = as_real_array(f"norms_by_model[{name!r}]", norms)
    if runs.ndim == 1:
        runs = runs[None]
    if runs.ndim != 2 or runs.shape[1] < 2:
        raise ValueError(f"norms_by_model[{name!r}]: expected gradient norms over distances 0..T, shaped (T + 1,) "
                         f"or (runs, T + 1) with T >= 1, got shape {np.shape(norms)}")
    if (runs < 0).any():
        raise ValueError(f"norms_by_model[{name!r}]: expected norms (>= 0), got {runs.min():g}")
    return runs


def plot_gradient_flow(norms_by_model, y_range=NORM_RANGE):
    """For each model, ||dL/ds_k|| at each distance T - k: the median over runs, and a band from lowest to highest.

    `norms_by_model` maps a model's name to what helpers.gradient_flow.gradient_norms returns, for one run or
    stacked over several runs; every model needs the same T. Norms below the axis are drawn on its bottom edge.
    """
    if not isinstance(norms_by_model, dict) or not norms_by_model:
        raise ValueError(f"norms_by_model: expected a non-empty dict {{model name: norms}}, "
                         f"got {type(norms_by_model).__name__} {norms_by_model!r:.60}")
    if len(norms_by_model) > len(MODEL_COLORS):
        raise ValueError(f"norms_by_model: expected at most {len(MODEL_COLORS)} models, got {len(norms_by_model)}")
    bounds = as_real_array("y_range", y_range)
    if bounds.shape != (2,) or not 0 < bounds[0] < bounds[1]:
        raise ValueError(f"y_range: expected (low, high) with 0 < low < high, got {np.ravel(y_range).tolist()}")
    low, high = (float(v) for v in bounds)
    runs_by_model = {name: _runs(name, norms) for name, norms in norms_by_model.items()}
    lengths = {runs.shape[1] for runs in runs_by_model.values()}
    if len(lengths) > 1:
        raise ValueError(f"norms_by_model: expected every model over the same distances, got lengths {sorted(lengths)}")
    distance = np.arange(lengths.pop())
    fig, ax = new_figure(width=11, height=4.6)
    for (name, runs), color in zip(runs_by_model.items(), MODEL_COLORS):
        shown = np.clip(runs, low, high)
        if len(runs) > 1:
            ax.fill_between(distance, shown.min(axis=0), shown.max(axis=0), color=color, alpha=0.2, linewidth=0)
        ax.plot(distance, np.median(shown, axis=0), color=color, label=name)
    counts = sorted({len(runs) for runs in runs_by_model.values()})
    spread = "" if counts == [1] else f"median of {'/'.join(map(str, counts))} runs, band from lowest to highest"
    ax.set(yscale="log", ylim=(low, high), xlim=(0, distance[-1]), xlabel="distance T - k (steps back in time)",
           ylabel="||dL/ds_k||", title=spread or "the gradient reaching step k")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=12)
    return fig
