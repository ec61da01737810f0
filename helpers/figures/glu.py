"""Figures for notebook 08: each GLU variant's output and gradients, the linear path, and Shazeer's Table 1.

Each live figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np
from matplotlib.patches import Patch

from ..glu import VARIANTS, glu_backward, glu_forward
from ..validate import Shapes, as_real_array
from .live import Explorer
from .sliders import value_slider
from .style import ROLE_COLORS, new_figure

# Shazeer (2020), "GLU Variants Improve Transformer", arXiv:2002.05202, Table 1: held-out C4 log-perplexity of T5-base
# after (65,536, 524,288) training steps. The paper trained four models per variant for the short run and gives their
# run-to-run spread in parentheses (below); each long run is a single model, with no spread.
SHAZEER_STEPS = (65_536, 524_288)
SHAZEER_TABLE1 = {"ReLU": (1.997, 1.677), "GELU": (1.983, 1.679), "Swish": (1.994, 1.683), "GLU": (1.982, 1.663),
                  "Bilinear": (1.960, 1.648), "ReGLU": (1.953, 1.645), "GEGLU": (1.942, 1.633),
                  "SwiGLU": (1.944, 1.636)}
SHAZEER_SPREAD = {"ReLU": 0.005, "GELU": 0.005, "Swish": 0.003, "GLU": 0.006, "Bilinear": 0.005, "ReGLU": 0.003,
                  "GEGLU": 0.004, "SwiGLU": 0.010}
SHAZEER_CITATION = "Shazeer 2020, Table 1 (the paper's numbers): C4 log-perplexity minus ReLU's"
PLAIN_ACTIVATIONS = ("ReLU", "GELU", "Swish")
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
        # Each panel names its quantity under its axis, so the one line above the panels is the A, B readout.
        ax.set(xlabel=title, xlim=(-limits[-1], limits[-1]))
        ax.invert_yaxis()
    suptitle = fig.suptitle(" ", fontsize=16, fontweight="bold")

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
        suptitle.set_text(f"every variant at A = {A:.2f} (linear branch), B = {B:.2f} (gate branch)"
                          + (f", Swish beta = {beta:.2f}" if beta != 1.0 else ""))
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


def plot_shazeer_table1(scores=None, spread=None):
    """Shazeer's Table 1 as bars of each variant's log-perplexity minus ReLU's, the paper's numbers under the names.

    `scores` is {name: (log-perplexity at 65,536 steps, at 524,288 steps)}, the baseline (ReLU) first; `spread` is
    {name: run-to-run spread at 65,536 steps}, drawn as whiskers. Bars of differences keep the axis honest: a gap of
    0.002 stays a sliver, where bars of the raw values on an axis cut off at 1.90 would blow it up.
    """
    scores = SHAZEER_TABLE1 if scores is None else scores
    spread = SHAZEER_SPREAD if spread is None else spread
    for name, value in (("scores", scores), ("spread", spread)):
        if not isinstance(value, dict) or not value:
            raise ValueError(f"{name}: expected a non-empty dict {{variant: numbers}}, got {type(value).__name__}")
    names = list(scores)
    values = Shapes().check("scores", list(scores.values()), ("N", 2))
    if set(spread) != set(names):
        raise ValueError(f"spread: expected one value per variant {names}, got {sorted(spread)}")
    whiskers = as_real_array("spread", [spread[name] for name in names])
    vs_baseline = values - values[0]  # each column against the baseline's value at the same number of steps
    fig, ax = new_figure(width=12, height=5)
    k, width = np.arange(len(names)), 0.38
    colors = [ROLE_COLORS["old"] if name in PLAIN_ACTIVATIONS else ROLE_COLORS["gate"] for name in names]
    legend = []
    for column, (steps, shade, offset) in enumerate(zip(SHAZEER_STEPS, (0.45, 1.0), (-width / 2, width / 2))):
        ax.bar(k + offset, vs_baseline[:, column], width, color=colors, alpha=shade, edgecolor="black", linewidth=0.8)
        runs = "4 runs; whisker: their spread" if column == 0 else "one run"
        legend.append(Patch(facecolor="grey", alpha=shade, edgecolor="black", label=f"{steps:,} steps ({runs})"))
    legend += [Patch(color=ROLE_COLORS["old"], label="plain activation"),
               Patch(color=ROLE_COLORS["gate"], label="gated (GLU family)")]
    ax.errorbar(k - width / 2, vs_baseline[:, 0], yerr=whiskers, fmt="none", ecolor="black", capsize=4, linewidth=1.2)
    ax.axhline(0, color="black", linewidth=1)
    # The paper's own numbers sit under each variant's name; the bars show how far each is from the baseline.
    ax.set(xticks=k, xticklabels=[f"{name}\n{short:.3f}\n{long:.3f}" for name, (short, long) in zip(names, values)],
           ylim=(min(0, (vs_baseline[:, 0] - whiskers).min(), vs_baseline.min()) - 0.006,
                 max(0.01, (vs_baseline[:, 0] + whiskers).max(), vs_baseline.max()) + 0.004),
           ylabel=f"log-perplexity minus {names[0]}'s\n(lower is better)",
           xlabel="variant, then its log-perplexity at 65,536 and at 524,288 steps")
    ax.tick_params(axis="x", labelsize=12)
    ax.set_title(SHAZEER_CITATION, fontsize=14)
    ax.legend(handles=legend, loc="lower left", fontsize=11, frameon=False, ncols=2)
    return fig
