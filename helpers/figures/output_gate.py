"""Figures for notebook 05: the output gate shows a fraction of tanh(c_t), and hides the memory without erasing it.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..activations import tanh
from ..lstm import hidden_state
from ..validate import Shapes, as_count, as_gate_values, as_real_array
from .live import Explorer
from .sliders import as_row, gate_row_sliders, step_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights


def output_scene(c_t):
    """Per coordinate: the memory c_t, its squashed tanh(c_t), and what is shown, h_t = o_t * tanh(c_t)."""
    shapes = Shapes(B=1)
    c_t = shapes.check("c_t", c_t, ("B", "H"))
    fig, ax = new_figure(width=11, height=4.5)
    k, _, (_, _, shown_bars) = coordinate_bars(ax, [(c_t[0], "old", "c_t"), (tanh(c_t)[0], "other", "tanh(c_t)"),
                                                    (np.zeros_like(c_t[0]), "result", "h_t = o_t * tanh(c_t)")])
    top = max(np.abs(c_t).max(), 1.0) * 1.3
    readouts = [ax.text(j, top * 1.2, "", ha="center", va="top", fontsize=13) for j in k]
    ax.set(ylim=(-top, top * 1.25), title="the output gate shows a fraction of tanh(c_t)")
    ax.legend(loc="lower left", frameon=False, ncols=3, fontsize=12)

    def update(o_t):
        o_t = as_gate_values("o_t", shapes.check("o_t", o_t, ("B", "H")))
        for text, o in zip(readouts, o_t[0]):
            text.set_text(f"o = {o:.2f}")
        return set_heights(shown_bars, hidden_state(o_t, c_t)) + readouts

    return fig, update


def plot_output(c_t, o_t):
    """Per coordinate: the memory c_t, its squashed tanh(c_t), and what is shown, h_t = o_t * tanh(c_t)."""
    fig, update = output_scene(c_t)
    update(o_t)
    return fig


def hide_reveal_scene(steps, values):
    """One coordinate over `steps` time steps: the output gate o_t, the memory c_t it guards, and the output h_t.

    `update(o, c, h)` draws one run; `values` are all the c and h the figure will show, which fix its y-range.
    """
    steps = as_count("steps", steps)
    values = np.append(as_real_array("values", values).ravel(), 0.0)  # the zero line always in view
    shapes = Shapes(T=steps)
    t = np.arange(1, steps + 1)
    fig, (ax_gate, ax_state) = new_figure(nrows=2, width=10, height=5.5, sharex=True, height_ratios=(1, 2))
    (gate_line,) = ax_gate.step(t, 0 * t, where="mid", color=ROLE_COLORS["gate"])
    ax_gate.set(ylabel="o_t", ylim=(-0.1, 1.1), xlim=(0.5, steps + 0.5),
                title="a closed output gate hides the memory; opening it shows it")
    (memory_line,) = ax_state.plot(t, 0 * t, color=ROLE_COLORS["old"], label="memory c_t")
    (output_line,) = ax_state.plot(t, 0 * t, color=ROLE_COLORS["result"], label="output h_t")
    ax_state.axhline(0, color="black", linewidth=1)
    span = max(values.max() - values.min(), 1e-9)
    ax_state.set(xlabel="time step t", ylabel="value", ylim=(values.min() - 0.08 * span, values.max() + 0.08 * span))
    # Beside the panel, not on it: the lines can sit anywhere in the panel's range.
    ax_state.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)

    def update(o, c, h):
        o = as_gate_values("o", shapes.check("o", o, ("T",)))
        gate_line.set_ydata(o)
        memory_line.set_ydata(shapes.check("c", c, ("T",)))
        output_line.set_ydata(shapes.check("h", h, ("T",)))
        return [gate_line, memory_line, output_line]

    return fig, update


def plot_hide_reveal(o, c, h):
    """One coordinate over time: the output gate o_t, the memory c_t it guards, and the output h_t."""
    shapes = Shapes()
    o = as_gate_values("o", shapes.check("o", o, ("T",)))
    c = shapes.check("c", c, ("T",))
    h = shapes.check("h", h, ("T",))
    fig, update = hide_reveal_scene(len(o), np.concatenate([c, h]))
    update(o, c, h)
    return fig


def output_explorer(c_t):
    """One slider per coordinate of the output gate: 0 hides that coordinate of the memory, 1 shows tanh of it."""
    fig, update = output_scene(c_t)
    size = np.shape(c_t)[1]
    return Explorer(fig, lambda **o: update(as_row(o, "o", size)), gate_row_sliders("o", size))


def hide_reveal_explorer(run, steps):
    """A slider for the step at which the output gate opens; `run(open_at)` returns (o, c, h) over time."""
    if not callable(run):
        raise ValueError(f"run: expected a function of the opening step returning (o, c, h), got {type(run).__name__}")
    steps = as_count("steps", steps, low=2)
    # Every opening step's run, once, so the y-range holds them all and stays put while the slider moves.
    runs = {open_at: run(open_at) for open_at in range(1, steps + 1)}
    shown = [np.ravel(part) for _, c, h in runs.values() for part in (c, h)]
    fig, update = hide_reveal_scene(steps, np.concatenate(shown))
    return Explorer(fig, lambda open_at: update(*runs[open_at]),
                    {"open_at": step_slider("opens at step", steps // 2, 1, steps)})
