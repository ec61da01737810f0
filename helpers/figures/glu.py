"""Figures for notebook 08: each GLU variant's output and gradients, the linear path, and Shazeer's Table 1.

Each live figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..glu import VARIANTS, glu_backward, glu_forward
from ..validate import Shapes, as_real_array
from .live import Explorer
from .sliders import value_slider
from .style import ROLE_COLORS, new_figure

# Shazeer (2020), "GLU Variants Improve Transformer", Table 1: C4 log-perplexity at 65,536 training steps.
SHAZEER_TABLE1 = {"ReLU": 1.997, "GELU": 1.983, "Swish": 1.994, "GLU": 1.982, "Bilinear": 1.960,
                  "ReGLU": 1.953, "GEGLU": 1.942, "SwiGLU": 1.944}
SHAZEER_CITATION = "Shazeer 2020, Table 1: C4 log-perplexity at 65,536 steps (the paper's numbers)"
A_RANGE = np.linspace(-6, 6, 241)
# Every value the explorer's sliders can take (steps of 0.1): A from -4 to 4, B from -6 to 6.
A_SLIDER, B_SLIDER = np.linspace(-4, 4, 81), np.linspace(-6, 6, 121)


def _scalar(name, value):
    return float(Shapes().check(name, value, ()))


def bar_label_text(value):
    """A bar's value as text: exactly 0 stays "0", a tiny value keeps its order of magnitude, the rest two decimals."""
    return "0" if value == 0 else f"{value:.2f}" if abs(value) >= 0.005 else f"{value:.1e}"


def glu_variants_scene(beta=1.0, A_values=A_SLIDER, B_values=B_SLIDER):
    """For pre-activations A (linear branch) and B (gate branch): each variant's y, dy/dA and dy/dB.

    Each panel's x-range holds every variant at every pair of `A_values` and `B_values` (the sliders' whole range),
    so a bar's length means the same number wherever the sliders are.
    """
    beta = _scalar("beta", beta)
    A_grid, B_grid = np.meshgrid(as_real_array("A_values", A_values), as_real_array("B_values", B_values))
    names = list(VARIANTS)
    fig, axes = new_figure(ncols=3, width=14, height=4.8, sharey=False)
    panels = [("output y", ROLE_COLORS["result"]), ("dy/dA (linear branch)", ROLE_COLORS["old"]),
              ("dy/dB (gate branch)", ROLE_COLORS["gate"])]
    reach = np.zeros(len(panels))
    for name in names:
        y, cache = glu_forward(A_grid, B_grid, name, beta)
        reach = np.maximum(reach, [np.abs(v).max() for v in (y, *glu_backward(np.ones_like(y), cache))])
    bars, labels, limits = [], [], []
    for ax, (title, color), widest in zip(axes, panels, reach):
        bars.append(ax.barh(names, np.zeros(len(names)), color=color))
        labels.append([ax.text(0, j, "", va="center", fontsize=11) for j in range(len(names))])
        ax.axvline(0, color="black", linewidth=1)
        limits.append(max(1.0, widest * 1.1))
        ax.set(title=title, xlim=(-limits[-1], limits[-1]))
        ax.invert_yaxis()
    suptitle = fig.suptitle(" ", fontsize=16, fontweight="bold")
    fig.get_layout_engine().set(h_pad=0.12)  # a clear gap between the A, B readout and the panels' titles

    def update(A, B):
        A, B = _scalar("A", A), _scalar("B", B)
        results = [glu_forward(A, B, name, beta) for name in names]
        grads = [glu_backward(1.0, cache) for _, cache in results]
        columns = ([y for y, _ in results], [d[0] for d in grads], [d[1] for d in grads])
        changed = [suptitle]
        for panel_bars, panel_labels, limit, values in zip(bars, labels, limits, columns):
            for bar, label, value in zip(panel_bars, panel_labels, np.array(values, dtype=float)):
                bar.set_width(value)
                # A long bar carries its number inside, in white; a short one just past its end.
                inside, side = abs(value) > 0.5 * limit, 1 if value >= 0 else -1
                shift = -side if inside else side
                label.set(x=value + shift * 0.03 * limit, text=bar_label_text(value),
                          ha="left" if shift > 0 else "right", color="white" if inside else "black")
            changed += list(panel_bars) + panel_labels
        suptitle.set_text(f"A = {A:.2f}, B = {B:.2f}" + (f", Swish beta = {beta:.2f}" if beta != 1.0 else ""))
        return changed

    return fig, update


def plot_glu_variants(A, B, beta=1.0):
    """For pre-activations A (linear branch) and B (gate branch): each variant's y, dy/dA and dy/dB."""
    A, B = _scalar("A", A), _scalar("B", B)
    fig, update = glu_variants_scene(beta, np.append(A_SLIDER, A), np.append(B_SLIDER, B))
    update(A, B)
    return fig


def glu_explorer(beta=1.0):
    """Two sliders, the linear pre-activation A and the gate pre-activation B; every variant redraws."""
    fig, update = glu_variants_scene(beta)
    return Explorer(fig, update, {"A": value_slider("A (linear)", 1.0, A_SLIDER[0], A_SLIDER[-1], step=0.1),
                                  "B": value_slider("B (gate)", 1.0, B_SLIDER[0], B_SLIDER[-1], step=0.1)})


def plot_linear_path(B):
    """The gradient reaching the linear branch, dy/dA, as A grows: GLU's stays at sigmoid(B), GTU's tanh dies."""
    B = _scalar("B", B)
    fig, ax = new_figure(width=9, height=4)
    for name, color in (("glu", ROLE_COLORS["result"]), ("gtu", ROLE_COLORS["new"])):
        _, cache = glu_forward(A_RANGE, np.full_like(A_RANGE, B), name)
        ax.plot(A_RANGE, glu_backward(np.ones_like(A_RANGE), cache)[0], color=color,
                label=f"{name.upper()}: dy/dA")
    ax.set(title=f"gate branch B = {B:.1f}: how much gradient reaches A", xlabel="linear pre-activation A",
           ylabel="dy/dA", ylim=(-0.05, 1.05))
    ax.legend(loc="center right", frameon=False)
    return fig


def plot_shazeer_table1(scores=None):
    """Shazeer's Table 1 as bars, lower is better, with the citation in the title: the paper's numbers."""
    scores = SHAZEER_TABLE1 if scores is None else scores
    if not isinstance(scores, dict) or not scores:
        raise ValueError(f"scores: expected a non-empty dict {{name: log-perplexity}}, got {type(scores).__name__}")
    names, values = list(scores), as_real_array("scores", list(scores.values()))
    gated = [name not in ("ReLU", "GELU", "Swish") for name in names]
    fig, ax = new_figure(width=11, height=4.5)
    bars = ax.bar(names, values, color=[ROLE_COLORS["gate"] if g else ROLE_COLORS["old"] for g in gated])
    ax.bar_label(bars, [f"{v:.3f}" for v in values], fontsize=12)
    ax.set(ylim=(1.90, 2.01), ylabel="log-perplexity\n(lower is better; axis from 1.90)")
    ax.set_title(SHAZEER_CITATION, fontsize=14)
    ax.text(0.99, 0.97, "blue: plain activation; orange: gated (GLU family)", transform=ax.transAxes,
            ha="right", va="top", fontsize=12)
    return fig
