"""Figures for notebook 07: what the update gate z and the reset gate r do to a GRU's new state.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..activations import tanh
from ..validate import Shapes, as_gate_values
from .live import Explorer
from .sliders import gate_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights


def gru_gates_scene(h_prev, input_part, hidden_part):
    """Reset-after GRU per coordinate: h_tilde = tanh(input_part + r * hidden_part), h_t = z h_prev + (1-z) h_tilde."""
    shapes = Shapes(B=1)
    h_prev = shapes.check("h_prev", h_prev, ("B", "H"))[0]
    input_part = shapes.check("input_part", input_part, ("B", "H"))[0]
    hidden_part = shapes.check("hidden_part", hidden_part, ("B", "H"))[0]
    zeros = np.zeros_like(h_prev)
    fig, ax = new_figure(width=10, height=4.5)
    k, _, (_, candidate_bars, new_bars) = coordinate_bars(ax, [(h_prev, "old", "old state h_prev"),
                                                               (zeros, "new", "candidate h_tilde"),
                                                               (zeros, "result", "new state h_t")])
    # Where the candidate would be with the reset gate shut (r = 0): it then sees x_t alone.
    ax.scatter(k, tanh(input_part), marker="_", s=500, linewidths=3, color="black", zorder=3,
               label="h_tilde if r = 0")
    # h_tilde stays in (-1, 1) and h_t between it and h_prev, whatever z and r: one y-range for every slider value.
    top = max(1.5, np.abs(h_prev).max() * 1.15)
    ax.set(ylim=(-top, top))
    ax.set_title(" ", fontsize=14)
    ax.legend(loc="lower left", frameon=False, ncols=4, fontsize=11)

    def update(z, r):
        z = as_gate_values("z", shapes.check("z", z, ("B", "H")))[0]
        r = as_gate_values("r", shapes.check("r", r, ("B", "H")))[0]
        h_tilde = tanh(input_part + r * hidden_part)
        h_t = z * h_prev + (1 - z) * h_tilde
        ax.title.set_text(f"update z = {z.mean():.2f} (keeps h_prev), reset r = {r.mean():.2f} "
                          "(lets h_prev into h_tilde)")
        return set_heights(candidate_bars, h_tilde) + set_heights(new_bars, h_t) + [ax.title]

    return fig, update


def plot_gru_gates(h_prev, input_part, hidden_part, z, r):
    """Reset-after GRU per coordinate: h_tilde = tanh(input_part + r * hidden_part), h_t = z h_prev + (1-z) h_tilde."""
    fig, update = gru_gates_scene(h_prev, input_part, hidden_part)
    update(z, r)
    return fig


def gru_gates_explorer(h_prev, input_part, hidden_part):
    """Two sliders, one update gate z and one reset gate r, each shared by every coordinate."""
    fig, update = gru_gates_scene(h_prev, input_part, hidden_part)
    size = np.shape(h_prev)[1]

    def update_shared(z, r):
        return update(np.full((1, size), z), np.full((1, size), r))

    return Explorer(fig, update_shared, {"z": gate_slider("update z", 0.5), "r": gate_slider("reset r", 1.0)})


def plot_param_counts(counts):
    """Bars of parameter counts, {cell name: count}: one block of H * (H + D) + H per tanh or sigmoid layer."""
    if not isinstance(counts, dict) or not counts:
        raise ValueError(f"counts: expected a non-empty dict {{name: count}}, got {type(counts).__name__}")
    names = list(counts)
    values = [int(counts[name]) for name in names]
    fig, ax = new_figure(width=9, height=4)
    bars = ax.bar(names, values, color=[ROLE_COLORS["other"]] * len(names))
    ax.bar_label(bars, [f"{v:,}" for v in values], fontsize=13)
    ax.set(ylabel="parameters", ylim=(0, max(values) * 1.18), title="parameters per cell (same D and H)")
    return fig
