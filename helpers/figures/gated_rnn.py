"""Figures for notebook 02: keep or overwrite each coordinate, how long a kept state lasts, plain against gated."""

import numpy as np

from ..memory import half_life, retention
from .sliders import explore, explore_gate_row, gate_slider, value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure
from ..validate import Shapes, as_gate_values


def plot_keep_overwrite(s_prev, s_tilde, g):
    """Per coordinate: the old state, the candidate, and the blend s_t = (1 - g) * s_prev + g * s_tilde."""
    shapes = Shapes(B=1)
    s_prev = shapes.check("s_prev", s_prev, ("B", "H"))[0]
    s_tilde = shapes.check("s_tilde", s_tilde, ("B", "H"))[0]
    g = as_gate_values("g", shapes.check("g", g, ("B", "H")))[0]
    s_t = (1 - g) * s_prev + g * s_tilde
    fig, ax = new_figure(width=10, height=4.5)
    coordinate_bars(ax, [(s_prev, "old", "old state s_prev"), (s_tilde, "new", "candidate s_tilde"),
                         (s_t, "result", "new state s_t")])
    top = max(np.abs(np.concatenate([s_prev, s_tilde])).max(), 1e-9) * 1.15
    for i, gi in enumerate(g):
        verdict = "keep" if gi == 0 else "overwrite" if gi == 1 else "blend"
        ax.text(i, top * 1.5, f"g = {gi:.2f}\n{verdict}", ha="center", va="top", fontsize=13)
    ax.set(ylim=(-top * 1.3, top * 1.55), title="s_t = (1 - g) * s_prev + g * s_tilde")
    ax.legend(loc="lower left", frameon=False, ncols=3, fontsize=12)
    return fig


def draw_retention(ax, keep, steps):
    """On `ax`: the fraction keep ** t of a state left after t steps, the one-half line and the half-life.

    Returns the half-life in words, for the title. Notebook 02 draws it for keep = 1 - g, notebook 03 for keep = f.
    """
    t = np.arange(steps + 1)
    ax.plot(t, retention(keep, t), color=ROLE_COLORS["old"])
    ax.axhline(0.5, color="gray", linestyle="--", linewidth=1.5)
    life = half_life(keep)
    if np.isfinite(life) and life <= steps:
        ax.axvline(life, color=ROLE_COLORS["gate"], linestyle="--", linewidth=2)
    ax.set(xlabel="steps t", ylim=(-0.03, 1.05), xlim=(0, steps))
    return "kept for ever" if np.isinf(life) else f"half-life {life:.1f} steps"


def plot_half_life(g, steps=60):
    """How much of a state survives t steps of a gated RNN whose gate stays at g: (1 - g) ** t, half-life marked."""
    g = float(as_gate_values("g", g))
    fig, ax = new_figure(width=9, height=4)
    summary = draw_retention(ax, 1 - g, steps)
    ax.set(title=f"gate g = {g:.2f}: {summary}", xlabel="steps t after writing", ylabel="fraction left")
    return fig


def plot_plain_vs_gated(s0, plain_states, gated_states):
    """Every coordinate of the state over time, starting from the memory s0: the plain RNN loses it, the gated keeps it."""
    shapes = Shapes(B=1)
    s0 = shapes.check("s0", s0, ("B", "H"))
    plain = shapes.check("plain_states", plain_states, ("B", "T", "H"))
    gated = shapes.check("gated_states", gated_states, ("B", "T", "H"))
    t = np.arange(plain.shape[1] + 1)
    fig, axes = new_figure(ncols=2, width=12, height=4, sharey=True)
    for ax, states, name in zip(axes, (plain, gated), ("plain RNN", "gated RNN")):
        trace = np.concatenate([s0, states[0]], axis=0)
        for k in range(trace.shape[1]):
            ax.plot(t, trace[:, k], label=f"coord {k + 1}")
            ax.axhline(s0[0, k], color=ax.lines[-1].get_color(), linestyle=":", linewidth=1.5)
        ax.set(title=f"{name}: the state from memory s_0", xlabel="time step t")
    axes[0].set_ylabel("state (dotted: s_0)")
    axes[1].legend(loc="lower right", frameon=False, ncols=3, fontsize=12)
    return fig


def keep_overwrite_explorer(s_prev, s_tilde):
    """One slider per coordinate of the gate g: 0 keeps the old state, 1 overwrites it with the candidate."""
    shapes = Shapes(B=1)
    s_prev = shapes.check("s_prev", s_prev, ("B", "H"))
    s_tilde = shapes.check("s_tilde", s_tilde, ("B", "H"))
    return explore_gate_row(lambda g: plot_keep_overwrite(s_prev, s_tilde, g), "g", s_prev.shape[1])


def half_life_explorer(steps=60):
    """Slide the gate value g and read the half-life of whatever the state holds."""
    return explore(lambda g: plot_half_life(g, steps), g=gate_slider("gate g", 0.1))


def plain_vs_gated_explorer(s0, plain_states, run_gated):
    """A slider for the gate bias b_g: `run_gated(b_g)` returns the gated states to set against the plain RNN's."""
    return explore(lambda b_g: plot_plain_vs_gated(s0, plain_states, run_gated(b_g)),
                   b_g=value_slider("gate bias b_g", -3.0, -6.0, 6.0, step=0.25))
