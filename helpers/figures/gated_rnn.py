"""Figures for notebook 02: keep or overwrite each coordinate, how long a kept state lasts, plain against gated, and
the gap between two runs from different memories.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..memory import half_life, retention
from ..validate import Shapes, as_count, as_gate_values, as_real_array
from .live import Explorer
from .sliders import as_row, gate_row_sliders, gate_slider, value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights


def keep_overwrite_scene(s_prev, s_tilde):
    """Per coordinate: the old state, the candidate, and the blend s_t = (1 - g) * s_prev + g * s_tilde."""
    shapes = Shapes(B=1)
    s_prev = shapes.check("s_prev", s_prev, ("B", "H"))[0]
    s_tilde = shapes.check("s_tilde", s_tilde, ("B", "H"))[0]
    fig, ax = new_figure(width=10, height=4.5)
    k, _, (_, _, new_bars) = coordinate_bars(ax, [(s_prev, "old", "old state s_prev"),
                                                  (s_tilde, "new", "candidate s_tilde"),
                                                  (np.zeros_like(s_prev), "result", "new state s_t")])
    top = max(np.abs(np.concatenate([s_prev, s_tilde])).max(), 1e-9) * 1.15
    verdicts = [ax.text(i, top * 1.5, "", ha="center", va="top", fontsize=13) for i in k]
    ax.set(ylim=(-top * 1.3, top * 1.55), title="s_t = (1 - g) * s_prev + g * s_tilde")
    ax.legend(loc="lower left", frameon=False, ncols=3, fontsize=12)

    def update(g):
        g = as_gate_values("g", shapes.check("g", g, ("B", "H")))[0]
        for text, gi in zip(verdicts, g):
            text.set_text(f"g = {gi:.2f}\n" + ("keep" if gi == 0 else "overwrite" if gi == 1 else "blend"))
        return set_heights(new_bars, (1 - g) * s_prev + g * s_tilde) + verdicts

    return fig, update


def plot_keep_overwrite(s_prev, s_tilde, g):
    """Per coordinate: the old state, the candidate, and the blend s_t = (1 - g) * s_prev + g * s_tilde."""
    fig, update = keep_overwrite_scene(s_prev, s_tilde)
    update(g)
    return fig


def retention_scene(ax, steps):
    """On `ax`: the fraction keep ** t of a state left after t steps, the one-half line and the half-life.

    Returns `draw(keep) -> (artists it changed, the half-life in words)`. Notebook 02 draws it for keep = 1 - g,
    notebook 03 for keep = f.
    """
    t = np.arange(steps + 1)
    (curve,) = ax.plot(t, np.ones_like(t, dtype=float), color=ROLE_COLORS["old"])
    ax.axhline(0.5, color="gray", linestyle="--", linewidth=1.5)
    marker = ax.axvline(0, color=ROLE_COLORS["gate"], linestyle="--", linewidth=2)
    ax.set(xlabel="steps t", ylim=(-0.03, 1.05), xlim=(0, steps))

    def draw(keep):
        curve.set_ydata(retention(keep, t))
        life = half_life(keep)
        marker.set_visible(bool(np.isfinite(life) and life <= steps))
        if marker.get_visible():
            marker.set_xdata([life, life])
        return [curve, marker], "kept for ever" if np.isinf(life) else f"half-life {life:.1f} steps"

    return draw


def gate_decay_scene(steps, name, keep, title, **labels):
    """retention_scene on a figure of its own, for a gate held at one value: `show(value)` checks the gate value
    `name`, draws keep(value) ** t and titles it `title(value, half-life in words)`."""
    fig, ax = new_figure(width=9, height=4)
    draw = retention_scene(ax, as_count("steps", steps))
    ax.set(**labels)
    ax.set_title(" ")

    def show(value):
        value = float(as_gate_values(name, value))
        moving, summary = draw(keep(value))
        ax.title.set_text(title(value, summary))
        return moving + [ax.title]

    return fig, show


def half_life_scene(steps=60):
    """How much of a state survives t steps of a gated RNN whose gate stays at g: (1 - g) ** t, half-life marked."""
    fig, show = gate_decay_scene(steps, "g", lambda g: 1 - g, lambda g, summary: f"gate g = {g:.2f}: {summary}",
                                 xlabel="steps t after writing", ylabel="fraction left")
    return fig, lambda g: show(g)


def plot_half_life(g, steps=60):
    """How much of a state survives t steps of a gated RNN whose gate stays at g: (1 - g) ** t, half-life marked."""
    fig, update = half_life_scene(steps)
    update(g)
    return fig


def plain_vs_gated_scene(s0, plain_states, y_range=None):
    """Every coordinate of the state over time from the memory s0: the plain RNN's, fixed, and the gated RNN's.

    `update(gated_states)` redraws the gated panel; `y_range` fixes both panels' y-axis (default: the plain run's).
    """
    shapes = Shapes(B=1)
    s0 = shapes.check("s0", s0, ("B", "H"))
    plain = shapes.check("plain_states", plain_states, ("B", "T", "H"))
    t = np.arange(plain.shape[1] + 1)
    fig, axes = new_figure(ncols=2, width=12, height=4, sharey=True)
    lines = []
    for ax, name in zip(axes, ("plain RNN", "gated RNN")):
        trace = np.concatenate([s0, plain[0]], axis=0)
        lines = [ax.plot(t, trace[:, k], label=f"coord {k + 1}")[0] for k in range(trace.shape[1])]
        for k, line in enumerate(lines):
            ax.axhline(s0[0, k], color=line.get_color(), linestyle=":", linewidth=1.5)
        ax.set(title=f"{name}: the state from memory s_0", xlabel="time step t")
    axes[0].set(ylabel="state (dotted: s_0)", ylim=y_range or (-1.05, 1.05))
    axes[1].legend(loc="lower right", frameon=False, ncols=3, fontsize=12)

    def update(gated_states):
        gated = shapes.check("gated_states", gated_states, ("B", "T", "H"))
        trace = np.concatenate([s0, gated[0]], axis=0)
        for k, line in enumerate(lines):  # the gated panel's lines
            line.set_ydata(trace[:, k])
        return lines

    return fig, update


def plot_plain_vs_gated(s0, plain_states, gated_states):
    """Every coordinate of the state over time from the memory s0: the plain RNN loses it, the gated RNN keeps it."""
    fig, update = plain_vs_gated_scene(s0, plain_states)
    update(gated_states)
    return fig


GAP_RANGE = (1e-17, 10.0)  # two float64 states closer than about 1e-16 are the same numbers


def state_gap_scene(start_gap, plain_gap):
    """|s_t - s'_t| per coordinate, log scale, for two runs on the same inputs from memories start_gap apart.

    The plain RNN's panel is fixed; `update(gated_gap, b_1)` redraws the gated RNN's for coordinate 1's gate bias b_1.
    A gap below the axis (the runs equal in float64) is drawn on its bottom edge.
    """
    shapes = Shapes(B=1)
    start = shapes.check("start_gap", start_gap, ("B", "H"))
    plain = shapes.check("plain_gap", plain_gap, ("B", "T", "H"))
    t = np.arange(plain.shape[1] + 1)

    def trace(gap):
        return np.clip(np.concatenate([start, gap[0]], axis=0), *GAP_RANGE)

    fig, axes = new_figure(ncols=2, width=12, height=4.2, sharey=True)
    for ax, gap in zip(axes, (plain, np.zeros_like(plain))):
        lines = [ax.plot(t, column, label=f"coord {k + 1}")[0] for k, column in enumerate(trace(gap).T)]
        ax.set(yscale="log", ylim=GAP_RANGE, xlim=(0, t[-1]), xlabel="time step t")
    axes[0].set(title="plain RNN", ylabel="gap |s_t - s'_t|")
    axes[1].set_title(" ")
    axes[0].legend(loc="lower left", frameon=False, fontsize=12)

    def update(gated_gap, b_1):
        gated = shapes.check("gated_gap", gated_gap, ("B", "T", "H"))
        for line, column in zip(lines, trace(gated).T):
            line.set_ydata(column)
        axes[1].title.set_text(f"gated RNN, coord 1's gate bias {float(as_real_array('b_1', b_1)):+.1f}")
        return lines + [axes[1].title]

    return fig, update


def plot_state_gap(start_gap, plain_gap, gated_gap, b_1):
    """The gap between two runs from different memories: the plain RNN's closes, a kept coordinate's stays open."""
    fig, update = state_gap_scene(start_gap, plain_gap)
    update(gated_gap, b_1)
    return fig


def keep_overwrite_explorer(s_prev, s_tilde):
    """One slider per coordinate of the gate g: 0 keeps the old state, 1 overwrites it with the candidate."""
    fig, update = keep_overwrite_scene(s_prev, s_tilde)
    size = np.shape(s_prev)[1]
    return Explorer(fig, lambda **g: update(as_row(g, "g", size)), gate_row_sliders("g", size))


def half_life_explorer(steps=60):
    """Slide the gate value g and read the half-life of whatever the state holds."""
    fig, update = half_life_scene(steps)
    return Explorer(fig, update, {"g": gate_slider("gate g", 0.1)})


def plain_vs_gated_explorer(s0, plain_states, run_gated):
    """A slider for the gate bias b_g: `run_gated(b_g)` returns the gated states to set against the plain RNN's."""
    if not callable(run_gated):
        raise ValueError(f"run_gated: expected a function of b_g returning the gated states, "
                         f"got {type(run_gated).__name__}")
    fig, update = plain_vs_gated_scene(s0, plain_states)
    return Explorer(fig, lambda b_g: update(run_gated(b_g)),
                    {"b_g": value_slider("gate bias b_g", -3.0, -6.0, 6.0, step=0.25)})


def state_gap_explorer(start_gap, plain_gap, run_gated_gap):
    """A slider for coordinate 1's gate bias b_1: `run_gated_gap(b_1)` returns the gated RNN's gap for that bias."""
    if not callable(run_gated_gap):
        raise ValueError(f"run_gated_gap: expected a function of b_1 returning the gated gap, "
                         f"got {type(run_gated_gap).__name__}")
    fig, update = state_gap_scene(start_gap, plain_gap)
    return Explorer(fig, lambda b_1: update(run_gated_gap(b_1), b_1),
                    {"b_1": value_slider("coord 1 bias b_1", -6.0, -8.0, 4.0, step=0.25)})
