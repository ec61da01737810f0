"""Figures for notebook 04: the input gate writes the candidate into the memory, and the memory settles or grows.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..lstm import cell_update
from ..validate import Shapes, as_count, as_gate_values, as_real_array
from .live import Explorer
from .sliders import gate_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights


def cell_update_scene(c_prev, c_tilde):
    """Per coordinate: what is kept (f * c_prev), what is written (i * c_tilde), and their sum c_t."""
    shapes = Shapes(B=1)
    c_prev = shapes.check("c_prev", c_prev, ("B", "H"))
    c_tilde = shapes.check("c_tilde", c_tilde, ("B", "H"))
    zeros = np.zeros_like(c_prev[0])
    fig, ax = new_figure(width=11, height=4.5)
    _, _, (_, kept_bars, written_bars, new_bars) = coordinate_bars(
        ax, [(c_prev[0], "old", "c_prev"), (zeros, "gate", "kept f * c_prev"),
             (zeros, "new", "written i * c_tilde"), (zeros, "result", "c_t")])
    # The y-range holds every f and i in [0, 1]: c_t goes furthest up (down) with both gates open on the parts
    # above (below) 0. Room on top for the legend, and a little on the short side so 0 never sits on the edge.
    up = (np.maximum(c_prev, 0) + np.maximum(c_tilde, 0)).max()
    down = -(np.minimum(c_prev, 0) + np.minimum(c_tilde, 0)).min()
    reach = max(up, down, 1e-9)
    ax.set(ylim=(-1.15 * max(down, reach / 4), 1.15 * (max(up, reach / 4) + 0.2 * reach)))
    ax.set_title(" ")
    ax.legend(loc="upper left", frameon=False, ncols=4, fontsize=12)

    def update(f, i):
        f_t = np.full_like(c_prev, float(as_gate_values("f", f)))
        i_t = np.full_like(c_prev, float(as_gate_values("i", i)))
        c_t = cell_update(c_prev, f_t, i_t, c_tilde)
        ax.title.set_text(f"c_t = f * c_prev + i * c_tilde   (f = {float(f):.2f}, i = {float(i):.2f})")
        return (set_heights(kept_bars, f_t * c_prev) + set_heights(written_bars, i_t * c_tilde)
                + set_heights(new_bars, c_t) + [ax.title])

    return fig, update


def plot_cell_update(c_prev, c_tilde, f, i):
    """Per coordinate: what is kept (f * c_prev), what is written (i * c_tilde), and their sum c_t."""
    fig, update = cell_update_scene(c_prev, c_tilde)
    update(f, i)
    return fig


def accumulation_scene(c_tilde, steps=1000):
    """One coordinate written with the same candidate every step, on log-log axes: it settles, or grows for ever.

    With f < 1, c_t follows the f = 1 line t * i * c_tilde for about 1 / (1 - f) steps, where that line meets the
    fixed point i * c_tilde / (1 - f), then levels off. Both grow as 1 / (1 - f), so log axes hold every gate on one
    fixed frame: f = 0.9 (10 steps) and f = 0.99 (100 steps) both settle within the horizon of `steps`.
    """
    c_tilde = float(as_real_array("c_tilde", c_tilde))
    if not c_tilde > 0:
        raise ValueError(f"c_tilde: expected a positive candidate (a negative one mirrors it), got {c_tilde}")
    steps = as_count("steps", steps)
    t = np.arange(1, steps + 1)
    fig, ax = new_figure(width=11, height=4.4)
    ax.set(xscale="log", yscale="log")
    # For comparison, what the cell holds when nothing is forgotten (f = 1): the running sum t * i * c_tilde.
    (unbounded,) = ax.plot(t, t * c_tilde, color="gray", linestyle=":", linewidth=2, label="f = 1: t * i * c_tilde")
    (curve,) = ax.plot(t, t * c_tilde, color=ROLE_COLORS["result"], label=f"c_t, with c_tilde = {c_tilde:.2f}")
    fixed_line = ax.axhline(1, color=ROLE_COLORS["gate"], linestyle="--", linewidth=1.5,
                            label="fixed point i * c_tilde / (1 - f)")
    knee_line = ax.axvline(1, color=ROLE_COLORS["other"], linestyle="-.", linewidth=1.5, label="t = 1 / (1 - f)")
    # Fixed over both sliders: from the smallest write the i slider gives (0.01 * c_tilde, at f = 0) to the
    # largest, steps * c_tilde at f = 1 and i = 1. At i = 0 nothing is written and nothing is drawn.
    ax.set(xlabel="steps t (log scale)", ylabel="cell state c_t (log scale)", xlim=(0.8, 1.25 * steps),
           ylim=(0.005 * c_tilde, 2 * steps * c_tilde))
    ax.set_title(" ")
    ax.legend(handles=[curve, fixed_line, unbounded, knee_line], loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False)

    def update(f, i):
        f, i = float(as_gate_values("f", f)), float(as_gate_values("i", i))
        c, trace = 0.0, []
        for _ in range(steps):
            c = f * c + i * c_tilde
            trace.append(c)
        shown = i > 0  # a log axis has no 0: with nothing written, nothing is drawn
        curve.set_ydata(trace if shown else np.full(steps, np.nan))
        unbounded.set_ydata(t * i * c_tilde if shown else np.full(steps, np.nan))
        settles = f < 1 and shown
        fixed_line.set_visible(settles)
        knee_line.set_visible(f < 1)
        if f < 1:
            knee_line.set_xdata([1 / (1 - f)] * 2)
        if settles:
            fixed = i * c_tilde / (1 - f)
            fixed_line.set_ydata([fixed, fixed])
            # c_t = fixed * (1 - f ** t): within 1% of the fixed point once f ** t <= 0.01.
            within = 1 if f == 0 else int(np.ceil(np.log(0.01) / np.log(f)))
            summary = f"settles at {fixed:.2f}, within 1% by step {within}"
        else:
            summary = "writes nothing: stays at 0" if not shown else "grows without bound"
        ax.title.set_text(f"f = {f:.2f}, i = {i:.2f}: {summary}")
        return [unbounded, fixed_line, knee_line, curve, ax.title]

    return fig, update


def plot_accumulation(f, i, c_tilde, steps=1000):
    """One coordinate written with the same candidate every step: it grows without bound when f = 1, else settles."""
    fig, update = accumulation_scene(c_tilde, steps)
    update(f, i)
    return fig


def cell_update_explorer(c_prev, c_tilde):
    """Sliders for the forget gate f and the input gate i, shared by every coordinate."""
    fig, update = cell_update_scene(c_prev, c_tilde)
    return Explorer(fig, update, {"f": gate_slider("forget gate f", 0.5), "i": gate_slider("input gate i", 0.5)})


def accumulation_explorer(c_tilde, steps=1000):
    """Sliders for f and i: watch c_t settle at i * c_tilde / (1 - f), or grow for ever when f = 1."""
    fig, update = accumulation_scene(c_tilde, steps)
    return Explorer(fig, update, {"f": gate_slider("forget gate f", 0.9), "i": gate_slider("input gate i", 0.5)})
