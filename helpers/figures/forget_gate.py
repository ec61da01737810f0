"""Figures for notebook 03: the forget gate scales the old memory, and its bias sets how long the memory lasts."""

import numpy as np

from ..activations import sigmoid
from .gated_rnn import draw_retention
from ..memory import half_life
from .sliders import explore, explore_gate_row, gate_slider, value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure
from ..validate import Shapes, as_count, as_gate_values, as_real_array

BIAS_RANGE = np.linspace(-3, 6, 181)


def plot_forget(c_prev, f_t):
    """Per coordinate: the forget gate f_t, and the old memory c_prev against what is kept, f_t * c_prev."""
    shapes = Shapes(B=1)
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))[0]
    f_t = as_gate_values("f_t", shapes.check("f_t", f_t, ("B", "H")))[0]
    fig, (ax_gate, ax_cell) = new_figure(ncols=2, width=12, height=4.2, width_ratios=(1, 2))
    coordinate_bars(ax_gate, [(f_t, "gate", "f_t")])
    ax_gate.set(title="forget gate f_t", ylim=(0, 1.05))
    kept = f_t * c_prev
    k, width = coordinate_bars(ax_cell, [(c_prev, "old", "c_prev"), (kept, "result", "f_t * c_prev")])
    for j in k:
        ax_cell.text(j + width / 2, kept[j], f"{kept[j]:.2g}", ha="center", va="bottom", fontsize=12)
    top = max(np.abs(c_prev).max(), 1e-9) * 1.3
    ax_cell.set(title="what the cell keeps", ylim=(-top if c_prev.min() < 0 else 0, top))
    ax_cell.legend(loc="upper left", frameon=False, ncols=2)
    return fig


def plot_forget_decay(f, steps=100):
    """What is left of a memory after t steps with the forget gate held at f (and nothing written): f ** t."""
    f = float(as_gate_values("f", f))
    fig, ax = new_figure(width=9, height=4)
    summary = draw_retention(ax, f, as_count("steps", steps))
    ax.set(title=f"forget gate f = {f:.3f}: {summary}", ylabel="fraction of c_0 left")
    return fig


def plot_forget_bias(b_f, steps=30):
    """With small weights f is about sigmoid(b_f): the half-life it gives for each bias, and the decay at b_f."""
    b_f = float(as_real_array("b_f", b_f))
    f = float(sigmoid(b_f))
    steps = as_count("steps", steps)
    fig, (ax_life, ax_decay) = new_figure(ncols=2, width=12, height=4.2)
    ax_life.semilogy(BIAS_RANGE, half_life(sigmoid(BIAS_RANGE)), color=ROLE_COLORS["gate"])
    ax_life.plot([b_f], [half_life(f)], "o", color="black", markersize=10)
    ax_life.set(title="half-life set by the bias", xlabel="forget bias b_f", ylabel="half-life (steps)")
    summary = draw_retention(ax_decay, f, steps)
    ax_decay.set(title=f"b_f = {b_f:.2f}: f = {f:.3f}, {summary}", ylabel="fraction of c_0 left")
    return fig


def forget_explorer(c_prev):
    """One slider per coordinate of the forget gate: 0 erases that coordinate of c_prev, 1 keeps it whole."""
    c_prev = Shapes(B=1).check("c_prev", c_prev, ("B", "H"))
    return explore_gate_row(lambda f_t: plot_forget(c_prev, f_t), "f", c_prev.shape[1])


def forget_decay_explorer(steps=100):
    """Slide the forget gate f and read how long the memory lasts."""
    steps = as_count("steps", steps)
    return explore(lambda f: plot_forget_decay(f, steps), f=gate_slider("forget gate f", 0.9))


def forget_bias_explorer(steps=30):
    """Slide the forget bias b_f: the default forget gate sigmoid(b_f) and the memory's half-life follow."""
    steps = as_count("steps", steps)
    return explore(lambda b_f: plot_forget_bias(b_f, steps), b_f=value_slider("forget bias b_f", 1.0, -3.0, 6.0, 0.1))
