"""Figures for notebook 03: the forget gate scales the old memory, and its bias sets how long the memory lasts.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..activations import sigmoid
from ..memory import half_life
from ..validate import Shapes, as_count, as_gate_values, as_real_array
from .gated_rnn import gate_decay_scene, retention_scene
from .live import Explorer
from .sliders import as_row, gate_row_sliders, gate_slider, value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights

BIAS_RANGE = np.linspace(-3, 6, 181)


def forget_scene(c_prev):
    """Per coordinate: the forget gate f_t, and the old memory c_prev against what is kept, f_t * c_prev."""
    shapes = Shapes(B=1)
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))[0]
    fig, (ax_gate, ax_cell) = new_figure(ncols=2, width=12, height=4.2, width_ratios=(1, 2))
    _, _, (gate_bars,) = coordinate_bars(ax_gate, [(np.zeros_like(c_prev), "gate", "f_t")])
    ax_gate.set(title="forget gate f_t", ylim=(0, 1.05))
    k, width, (_, kept_bars) = coordinate_bars(ax_cell, [(c_prev, "old", "c_prev"),
                                                         (np.zeros_like(c_prev), "result", "f_t * c_prev")])
    labels = [ax_cell.text(j + width / 2, 0, "", ha="center", va="bottom", fontsize=12) for j in k]
    top = max(np.abs(c_prev).max(), 1e-9) * 1.3
    ax_cell.set(title="what the cell keeps", ylim=(-top if c_prev.min() < 0 else 0, top))
    ax_cell.legend(loc="upper left", frameon=False, ncols=2)

    def update(f_t):
        f_t = as_gate_values("f_t", shapes.check("f_t", f_t, ("B", "H")))[0]
        kept = f_t * c_prev
        for label, value in zip(labels, kept):
            label.set(y=value, text=f"{value:.2g}")
        return set_heights(gate_bars, f_t) + set_heights(kept_bars, kept) + labels

    return fig, update


def plot_forget(c_prev, f_t):
    """Per coordinate: the forget gate f_t, and the old memory c_prev against what is kept, f_t * c_prev."""
    fig, update = forget_scene(c_prev)
    update(f_t)
    return fig


def forget_decay_scene(steps=100):
    """What is left of a memory after t steps with the forget gate held at f (and nothing written): f ** t."""
    fig, show = gate_decay_scene(steps, "f", lambda f: f, lambda f, summary: f"forget gate f = {f:.3f}: {summary}",
                                 ylabel="fraction of c_0 left")
    return fig, lambda f: show(f)


def plot_forget_decay(f, steps=100):
    """What is left of a memory after t steps with the forget gate held at f (and nothing written): f ** t."""
    fig, update = forget_decay_scene(steps)
    update(f)
    return fig


def forget_bias_scene(steps=30):
    """With the pre-activation centred on 0, f is about sigmoid(b_f): the half-life for each bias, and the decay."""
    steps = as_count("steps", steps)
    fig, (ax_life, ax_decay) = new_figure(ncols=2, width=12, height=4.2)
    ax_life.semilogy(BIAS_RANGE, half_life(sigmoid(BIAS_RANGE)), color=ROLE_COLORS["gate"])
    (marker,) = ax_life.plot([0], [1], "o", color="black", markersize=10)
    ax_life.set(title="half-life set by the bias", xlabel="forget bias b_f", ylabel="half-life (steps)")
    draw = retention_scene(ax_decay, steps)
    ax_decay.set(ylabel="fraction of c_0 left")
    ax_decay.set_title(" ")

    def update(b_f):
        b_f = float(as_real_array("b_f", b_f))
        f = float(sigmoid(b_f))
        marker.set_data([b_f], [half_life(f)])
        moving, summary = draw(f)
        ax_decay.title.set_text(f"b_f = {b_f:.2f}: f = {f:.3f}, {summary}")
        return [marker, ax_decay.title] + moving

    return fig, update


def plot_forget_bias(b_f, steps=30):
    """With the pre-activation centred on 0, f is about sigmoid(b_f): the half-life for each bias, and the decay."""
    fig, update = forget_bias_scene(steps)
    update(b_f)
    return fig


def forget_explorer(c_prev):
    """One slider per coordinate of the forget gate: 0 erases that coordinate of c_prev, 1 keeps it whole."""
    fig, update = forget_scene(c_prev)
    size = np.shape(c_prev)[1]
    return Explorer(fig, lambda **f: update(as_row(f, "f", size)), gate_row_sliders("f", size))


def forget_decay_explorer(steps=100):
    """Slide the forget gate f and read how long the memory lasts."""
    fig, update = forget_decay_scene(steps)
    return Explorer(fig, update, {"f": gate_slider("forget gate f", 0.9)})


def forget_bias_explorer(steps=30):
    """Slide the forget bias b_f: the default forget gate sigmoid(b_f) and the memory's half-life follow."""
    fig, update = forget_bias_scene(steps)
    return Explorer(fig, update, {"b_f": value_slider("forget bias b_f", 1.0, -3.0, 6.0, 0.1)})
