"""Figures for notebook 09: the gradient reaching step k against the distance T - k, for five cells at once, live
over the weight scale, the LSTM's forget bias and the length T.

The numbers come from helpers.bptt.reach_grid, computed once; a slider only picks another point of that grid, so a
frame swaps data and draws. `gradient_reach_scene(grid) -> (figure, update)`: the static `plot_gradient_reach` calls
`update` once, `gradient_reach_explorer` hands both to a live `Explorer`.
"""

import numpy as np
from matplotlib.patches import Polygon

from ..activations import sigmoid
from ..bptt import MODELS, ReachGrid
from ..validate import as_real_array
from .gradient_flow import MODEL_COLORS
from .live import Explorer
from .sliders import step_slider, value_slider
from .style import new_figure

REACH_RANGE = (1e-30, 1e8)
# The curves, in the colours of plot_gradient_flow: (label, model, forget bias: 0, or None for the slider's).
CURVES = (("plain RNN", "plain RNN", 0.0), ("gated RNN", "gated RNN", 0.0), ("LSTM, b_f = 0", "LSTM", 0.0),
          ("LSTM, b_f = {b_f:g}", "LSTM", None), ("GRU", "GRU", 0.0))


def _nearest(name, grid_values, value):
    """The index of the grid point nearest `value`: a slider between two points shows the nearer one."""
    value = float(as_real_array(name, value))
    return int(np.argmin(np.abs(np.asarray(grid_values) - value)))


def _spacing(values):
    """The smallest gap between grid points: the step of the slider that walks through them."""
    return float(np.diff(values).min()) if len(values) > 1 else 1.0


def _check_grid(grid):
    if not isinstance(grid, ReachGrid):
        raise ValueError(f"grid: expected the ReachGrid of helpers.bptt.reach_grid, got {type(grid).__name__}")
    if 0.0 not in grid.forget_biases:
        raise ValueError(f"grid: expected forget biases that include 0, got {grid.forget_biases.tolist()}")
    return grid


def gradient_reach_scene(grid, y_range=REACH_RANGE):
    """Median ||dL/ds_k|| over the seeds against T - k, with a band from lowest to highest, log scale, per cell.

    `update(scale, forget_bias, T)` shows the grid point nearest those values; the dashed line is sigma(b_f)^(T - k),
    what the LSTM's direct path c_{t-1} -> c_t keeps with its forget gate at sigmoid(b_f). Norms outside `y_range`
    are drawn on its edge.
    """
    grid = _check_grid(grid)
    bounds = as_real_array("y_range", y_range)
    if bounds.shape != (2,) or not 0 < bounds[0] < bounds[1]:
        raise ValueError(f"y_range: expected (low, high) with 0 < low < high, got {np.ravel(y_range).tolist()}")
    low, high = (float(v) for v in bounds)
    seeds = next(iter(grid.norms.values())).shape[2]
    shown = {model: np.clip(norms, low, high) for model, norms in grid.norms.items()}
    summary = {model: (np.median(runs, axis=2), runs.min(axis=2), runs.max(axis=2)) for model, runs in shown.items()}
    fig, ax = new_figure(width=11, height=4.8)
    curves = []
    for (label, model, _), color in zip(CURVES, MODEL_COLORS):
        band = ax.add_patch(Polygon([[0, low], [1, low]], closed=True, color=color, alpha=0.18, linewidth=0))
        (line,) = ax.plot([], [], color=color, label=label)
        curves.append((line, band))
    (direct,) = ax.plot([], [], color=MODEL_COLORS[3], linestyle="--", linewidth=2, label=r"$\sigma(b_f)^{T-k}$")
    ax.set(ylim=(low, high), xlim=(0, grid.lengths[-1]), xlabel="distance T - k (steps back in time)",
           ylabel="||dL/ds_k||")
    ax.set_yscale("log")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=12, alignment="left",
                       title=f"median of {seeds} seeds,\nband: lowest to highest", title_fontsize=12)
    title = ax.set_title(" ")

    def update(scale, forget_bias, T):
        i, j, k = (_nearest(name, values, value) for name, values, value in
                   (("scale", grid.scales, scale), ("forget_bias", grid.forget_biases, forget_bias),
                    ("T", grid.lengths, T)))
        b_f, length = grid.forget_biases[j], grid.lengths[k]
        distance = np.arange(length + 1)
        for (line, band), (_, model, fixed_bias) in zip(curves, CURVES):
            at = j if fixed_bias is None else _nearest("forget_bias", grid.forget_biases, fixed_bias)
            median, lowest, highest = (part[i, at, k, :length + 1] for part in summary[model])
            line.set_data(distance, median)
            band.set_xy(np.concatenate([np.stack([distance, highest], 1), np.stack([distance, lowest], 1)[::-1]]))
        direct.set_data(distance, np.clip(sigmoid(b_f) ** distance, low, high))
        legend.get_texts()[3].set_text(CURVES[3][0].format(b_f=b_f))
        title.set_text(f"weight scale {grid.scales[i]:g},  LSTM forget bias b_f = {b_f:g},  T = {length}")
        return [artist for pair in curves for artist in pair] + [direct, legend, title]

    return fig, update


def plot_gradient_reach(grid, scale=1.0, forget_bias=1.0, T=100):
    """The gradient reaching step k for every cell of the grid at one scale, forget bias and T (see the scene)."""
    fig, update = gradient_reach_scene(grid)
    update(scale, forget_bias, T)
    return fig


def gradient_reach_explorer(grid, scale=1.0, forget_bias=1.0, T=100):
    """Sliders on the recurrent weight scale, the LSTM's forget bias and T, stepping through the grid's points."""
    fig, update = gradient_reach_scene(grid)
    scales, biases, lengths = grid.scales, grid.forget_biases, grid.lengths
    for name, value, values in (("scale", scale, scales), ("forget_bias", forget_bias, biases), ("T", T, lengths)):
        if not values[0] <= float(as_real_array(name, value)) <= values[-1]:
            raise ValueError(f"{name}: expected a starting value on the grid, from {values[0]:g} to {values[-1]:g}, "
                             f"got {value!r}")
    sliders = {"scale": value_slider("weight scale", scale, scales[0], scales[-1], _spacing(scales)),
               "forget_bias": value_slider("forget bias b_f", forget_bias, biases[0], biases[-1], _spacing(biases)),
               "T": step_slider("length T", T, int(lengths[0]), int(lengths[-1]))}
    sliders["T"].step = int(_spacing(lengths))  # the slider stops only at the lengths the grid holds
    return Explorer(fig, update, sliders)
