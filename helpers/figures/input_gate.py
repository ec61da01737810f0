"""Figures for notebooks 04 and 05: writing to the memory (input gate) and showing it (output gate)."""

import numpy as np

from ..activations import tanh
from ..lstm import cell_update, hidden_state
from .sliders import explore, explore_gate_row, gate_slider, step_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure
from ..validate import Shapes, as_count, as_gate_values, as_real_array


def plot_cell_update(c_prev, c_tilde, f, i):
    """Per coordinate: what is kept (f * c_prev), what is written (i * c_tilde), and their sum c_t."""
    shapes = Shapes(B=1)
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))
    c_tilde = shapes.check("c_tilde", c_tilde, ("B", "H"))
    f_t = np.full_like(c_prev, float(as_gate_values("f", f)))
    i_t = np.full_like(c_prev, float(as_gate_values("i", i)))
    c_t = cell_update(c_prev, f_t, i_t, c_tilde)[0]
    fig, ax = new_figure(width=11, height=4.5)
    bars = [(c_prev[0], "old", "c_prev"), ((f_t * c_prev)[0], "gate", "kept f * c_prev"),
            ((i_t * c_tilde)[0], "new", "written i * c_tilde"), (c_t, "result", "c_t")]
    coordinate_bars(ax, bars)
    top = max(max(np.abs(values).max() for values, _, _ in bars), 1e-9) * 1.15
    ax.set(ylim=(-top, top * 1.35), title=f"c_t = f * c_prev + i * c_tilde   (f = {float(f):.2f}, i = {float(i):.2f})")
    ax.legend(loc="upper left", frameon=False, ncols=4, fontsize=12)
    return fig


def plot_accumulation(f, i, c_tilde, steps=40):
    """One coordinate written with the same candidate every step: it grows without bound when f = 1, else settles."""
    f, i = float(as_gate_values("f", f)), float(as_gate_values("i", i))
    c_tilde = float(as_real_array("c_tilde", c_tilde))
    steps = as_count("steps", steps)
    c, trace = np.zeros((1, 1)), [0.0]
    for _ in range(steps):
        c = cell_update(c, [[f]], [[i]], [[c_tilde]])
        trace.append(float(c[0, 0]))
    fig, ax = new_figure(width=9, height=4)
    ax.plot(np.arange(steps + 1), trace, color=ROLE_COLORS["result"], label="c_t")
    if f < 1:
        fixed = i * c_tilde / (1 - f)
        ax.axhline(fixed, color=ROLE_COLORS["gate"], linestyle="--", linewidth=1.5,
                   label=f"i * c_tilde / (1 - f) = {fixed:.2f}")
        summary = f"settles at {fixed:.2f}"
    else:
        summary = "grows without bound" if i * c_tilde else "stays put"
    ax.set(title=f"f = {f:.2f}, i = {i:.2f}, c_tilde = {c_tilde:.2f}: {summary}", xlabel="steps t",
           ylabel="cell state c_t", xlim=(0, steps))
    ax.legend(loc="lower right", frameon=False)
    return fig


def plot_output(c_t, o_t):
    """Per coordinate: the memory c_t, its squashed tanh(c_t), and what is shown, h_t = o_t * tanh(c_t)."""
    shapes = Shapes(B=1)
    c_t = shapes.check("c_t", c_t, ("B", "H"))
    o_t = as_gate_values("o_t", shapes.check("o_t", o_t, ("B", "H")))
    h_t = hidden_state(o_t, c_t)[0]
    fig, ax = new_figure(width=11, height=4.5)
    coordinate_bars(ax, [(c_t[0], "old", "c_t"), (tanh(c_t)[0], "other", "tanh(c_t)"),
                         (h_t, "result", "h_t = o_t * tanh(c_t)")])
    top = max(np.abs(c_t).max(), 1.0) * 1.3
    for j, o in enumerate(o_t[0]):
        ax.text(j, top * 1.2, f"o = {o:.2f}", ha="center", va="top", fontsize=13)
    ax.set(ylim=(-top, top * 1.25), title="the output gate shows a fraction of tanh(c_t)")
    ax.legend(loc="lower left", frameon=False, ncols=3, fontsize=12)
    return fig


def plot_hide_reveal(o, c, h):
    """One coordinate over time: the output gate o_t, the memory c_t it guards, and the output h_t."""
    shapes = Shapes()
    o = as_gate_values("o", shapes.check("o", o, ("T",)))
    c = shapes.check("c", c, ("T",))
    h = shapes.check("h", h, ("T",))
    t = np.arange(1, len(o) + 1)
    fig, (ax_gate, ax_state) = new_figure(nrows=2, width=10, height=5.5, sharex=True, height_ratios=(1, 2))
    ax_gate.step(t, o, where="mid", color=ROLE_COLORS["gate"])
    ax_gate.set(ylabel="o_t", ylim=(-0.1, 1.1), title="a closed output gate hides the memory; opening it shows it")
    ax_state.plot(t, c, color=ROLE_COLORS["old"], label="memory c_t")
    ax_state.plot(t, h, color=ROLE_COLORS["result"], label="output h_t")
    ax_state.axhline(0, color="black", linewidth=1)
    ax_state.set(xlabel="time step t", ylabel="value")
    ax_state.legend(loc="upper left", frameon=False, ncols=2)
    return fig


def cell_update_explorer(c_prev, c_tilde):
    """Sliders for the forget gate f and the input gate i, shared by every coordinate."""
    shapes = Shapes(B=1)
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))
    c_tilde = shapes.check("c_tilde", c_tilde, ("B", "H"))
    return explore(lambda f, i: plot_cell_update(c_prev, c_tilde, f, i),
                   f=gate_slider("forget gate f", 0.5), i=gate_slider("input gate i", 0.5))


def accumulation_explorer(c_tilde, steps=40):
    """Sliders for f and i: watch c_t settle at i * c_tilde / (1 - f), or grow for ever when f = 1."""
    c_tilde, steps = float(as_real_array("c_tilde", c_tilde)), as_count("steps", steps)
    return explore(lambda f, i: plot_accumulation(f, i, c_tilde, steps),
                   f=gate_slider("forget gate f", 0.9), i=gate_slider("input gate i", 0.5))


def output_explorer(c_t):
    """One slider per coordinate of the output gate: 0 hides that coordinate of the memory, 1 shows tanh of it."""
    c_t = Shapes(B=1).check("c_t", c_t, ("B", "H"))
    return explore_gate_row(lambda o_t: plot_output(c_t, o_t), "o", c_t.shape[1])


def hide_reveal_explorer(run, steps):
    """A slider for the step at which the output gate opens; `run(open_at)` returns (o, c, h) over time."""
    if not callable(run):
        raise ValueError(f"run: expected a function of the opening step returning (o, c, h), got {type(run).__name__}")
    steps = as_count("steps", steps, low=2)
    return explore(lambda open_at: plot_hide_reveal(*run(open_at)),
                   open_at=step_slider("opens at step", steps // 2, 1, steps))
