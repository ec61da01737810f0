"""Figures for notebook 08: each GLU variant's output and gradients, the linear path, and Shazeer's Table 1."""

import numpy as np

from ..glu import VARIANTS, glu_backward, glu_forward
from .sliders import explore, value_slider
from .style import ROLE_COLORS, new_figure
from ..validate import Shapes, as_real_array

# Shazeer (2020), "GLU Variants Improve Transformer", Table 1: C4 log-perplexity at 65,536 training steps.
SHAZEER_TABLE1 = {"ReLU": 1.997, "GELU": 1.983, "Swish": 1.994, "GLU": 1.982, "Bilinear": 1.960,
                  "ReGLU": 1.953, "GEGLU": 1.942, "SwiGLU": 1.944}
SHAZEER_CITATION = "Shazeer 2020, Table 1: C4 log-perplexity at 65,536 steps (the paper's numbers)"
A_RANGE = np.linspace(-6, 6, 241)


def _scalar(name, value):
    return float(Shapes().check(name, value, ()))


def plot_glu_variants(A, B, beta=1.0):
    """For pre-activations A (linear branch) and B (gate branch): each variant's y, dy/dA and dy/dB."""
    A, B, beta = _scalar("A", A), _scalar("B", B), _scalar("beta", beta)
    names = list(VARIANTS)
    results = [glu_forward(A, B, name, beta) for name in names]
    grads = [glu_backward(1.0, cache) for _, cache in results]
    fig, axes = new_figure(ncols=3, width=14, height=4.5, sharey=False)
    panels = [("output y", [y for y, _ in results], ROLE_COLORS["result"]),
              ("dy/dA (linear branch)", [d[0] for d in grads], ROLE_COLORS["old"]),
              ("dy/dB (gate branch)", [d[1] for d in grads], ROLE_COLORS["gate"])]
    for ax, (title, values, color) in zip(axes, panels):
        values = np.array(values, dtype=float)
        ax.barh(names, values, color=color)
        ax.axvline(0, color="black", linewidth=1)
        limit = max(1.0, np.abs(values).max() * 1.1)
        ax.set(title=title, xlim=(-limit, limit))
        ax.invert_yaxis()
    fig.suptitle(f"A = {A:.2f}, B = {B:.2f}" + (f", Swish beta = {beta:.2f}" if beta != 1.0 else ""), fontsize=16)
    return fig


def glu_explorer(beta=1.0):
    """Two sliders, the linear pre-activation A and the gate pre-activation B; every variant redraws."""
    beta = _scalar("beta", beta)
    return explore(lambda A, B: plot_glu_variants(A, B, beta),
                   A=value_slider("A (linear)", 1.0, -4.0, 4.0, step=0.1),
                   B=value_slider("B (gate)", 1.0, -6.0, 6.0, step=0.1))


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
