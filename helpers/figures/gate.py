"""Figures for notebook 01: where a pre-activation lands on the sigmoid, and what the gate does to a vector.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..activations import sigmoid, sigmoid_grad
from ..validate import Shapes, as_real_array
from .live import Explorer
from .sliders import value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure, set_heights

Z_RANGE = np.linspace(-8, 8, 401)
CURVE_XLIM, CURVE_YLIM = (-8.8, 8.8), (-0.05, 1.05)
# A point's label, in the curve panel's data units (its size is fixed): the room one label takes up and down, how far
# it sits beside its point and under (or over) it, and how wide it may be.
LABEL_HEIGHT, LABEL_SHIFT, LABEL_DROP, LABEL_WIDTH = 0.11, 0.7, 0.09, 1.8


def sigmoid_slope_scene():
    """The sigmoid and its slope, with the point z marked: far from 0 the gate saturates and the slope vanishes."""
    fig, (ax_g, ax_slope) = new_figure(ncols=2)
    ax_g.plot(Z_RANGE, sigmoid(Z_RANGE), color=ROLE_COLORS["gate"])
    (on_gate,) = ax_g.plot([0], [0.5], "o", color="black", markersize=10)
    ax_g.set(xlabel="pre-activation z", ylim=(-0.05, 1.05))
    ax_slope.plot(Z_RANGE, sigmoid_grad(Z_RANGE), color=ROLE_COLORS["other"])
    ax_slope.axhline(0.25, color="gray", linestyle="--", linewidth=1.5)
    ax_slope.text(-7.8, 0.262, "largest slope 1/4", va="bottom", fontsize=12, color="gray")
    (on_slope,) = ax_slope.plot([0], [0.25], "o", color="black", markersize=10)
    ax_slope.set(xlabel="pre-activation z", ylim=(-0.01, 0.29))
    for ax in (ax_g, ax_slope):
        ax.axvspan(-8, -4, color="gray", alpha=0.12)
        ax.axvspan(4, 8, color="gray", alpha=0.12)
        ax.set_title(" ")
    ax_slope.text(6, 0.15, "saturated", ha="center", fontsize=12, color="gray")
    ax_slope.text(-6, 0.15, "saturated", ha="center", fontsize=12, color="gray")

    def update(z):
        z = float(as_real_array("z", z))
        on_gate.set_data([z], [sigmoid(z)])
        on_slope.set_data([z], [sigmoid_grad(z)])
        ax_g.title.set_text(f"gate  sigmoid({z:.1f}) = {sigmoid(z):.3f}")
        ax_slope.title.set_text(f"slope  sigmoid'({z:.1f}) = {sigmoid_grad(z):.4f}")
        return [on_gate, on_slope, ax_g.title, ax_slope.title]

    return fig, update


def plot_sigmoid_slope(z):
    """The sigmoid and its slope, with the point z marked: far from 0 the gate saturates and the slope vanishes."""
    fig, update = sigmoid_slope_scene()
    update(z)
    return fig


def gate_scene(v):
    """Three panels: each coordinate's z on the sigmoid, the gate g = sigmoid(z), and v against g * v."""
    shapes = Shapes(B=1)
    v = shapes.check("v", v, ("B", "H"))[0]
    fig, (ax_curve, ax_gate, ax_vector) = new_figure(ncols=3, width=13)
    ax_curve.plot(Z_RANGE, sigmoid(Z_RANGE), color="lightgray")
    points = ax_curve.scatter(np.zeros_like(v), np.full_like(v, 0.5), s=120, color=ROLE_COLORS["gate"], zorder=3)
    names = [ax_curve.text(0, 0.5, f"g{i + 1}", va="center") for i in range(len(v))]
    ax_curve.set(title="z lands on the sigmoid", xlabel="pre-activation z", xlim=CURVE_XLIM, ylim=CURVE_YLIM)
    _, _, (gate_bars,) = coordinate_bars(ax_gate, [(np.zeros_like(v), "gate", "g")])
    ax_gate.set(title="gate g, between 0 and 1", ylim=(0, 1.05))
    _, _, (_, gated_bars) = coordinate_bars(ax_vector, [(v, "old", "v"), (np.zeros_like(v), "result", "g * v")])
    top = max(np.abs(v).max(), 1e-9) * 1.15
    ax_vector.set(title="g scales v", ylim=(-top if v.min() < 0 else 0, top if v.max() > 0 else 0.1))
    ax_vector.legend(loc="best", frameon=False)

    def update(z):
        z = shapes.check("z", z, ("B", "H"))[0]
        g = sigmoid(z)
        shown = np.clip(z, -8, 8)
        points.set_offsets(np.column_stack([shown, g]))
        for name, x, y, ha in zip(names, *_label_places(shown, g)):
            name.set(x=x, y=y, horizontalalignment=ha)
        return [points, *names] + set_heights(gate_bars, g) + set_heights(gated_bars, g * v)

    return fig, update


def _label_places(z, g):
    """Where the labels of the points (z, g) on the sigmoid go, so that no two overlap and none covers the curve.

    An open gate (g >= 1/2) is labelled below and to the right of its point, under the curve; a shut one above and
    to the left, over it, so the curve keeps the two groups apart. Within a group, labels are pushed further under
    (or over) the curve until each has a label's height to itself. Returns the labels' x, y and horizontal alignment.
    """
    x, y, ha = np.empty_like(z), np.empty_like(g), np.empty(len(z), dtype=object)
    upper = g >= 0.5
    # The sigmoid is symmetric about (0, 1/2): place the shut gates as open ones at (-z, 1 - g), then mirror back.
    for group, sign, align in ((upper, 1, "left"), (~upper, -1, "right")):
        gz, gg = sign * z[group], np.where(sign > 0, g[group], 1 - g[group])
        order = np.argsort(-gg, kind="stable")
        heights = gg[order] - LABEL_DROP
        for k in range(1, len(heights)):
            heights[k] = min(heights[k], heights[k - 1] - LABEL_HEIGHT)
        placed = np.empty_like(heights)
        placed[order] = heights
        x[group] = sign * np.minimum(gz + LABEL_SHIFT, CURVE_XLIM[1] - LABEL_WIDTH)
        y[group] = placed if sign > 0 else 1 - placed
        ha[group] = align
    return x, y, ha


def plot_gate(z, v):
    """Three panels: each coordinate's z on the sigmoid, the gate g = sigmoid(z), and v against g * v."""
    fig, update = gate_scene(v)
    update(z)
    return fig


def saturation_explorer():
    """Slide z along the sigmoid and watch the slope, and so the gradient a gate passes back, vanish."""
    fig, update = sigmoid_slope_scene()
    return Explorer(fig, update, {"z": value_slider("z", 0.0, -10.0, 10.0, step=0.1)})


def gate_explorer(xcat, W, v):
    """Sliders for a shared bias b and a weight scale a: g = sigmoid(a * (xcat @ W) + b) gates v."""
    shapes = Shapes(B=1)
    xcat = shapes.check("xcat", xcat, ("B", "N"))
    W = shapes.check("W", W, ("N", "H"))
    shapes.check("v", v, ("B", "H"))
    fig, update = gate_scene(v)
    return Explorer(fig, lambda b, a: update(a * (xcat @ W) + b),
                    {"b": value_slider("bias b", 0.0, -6.0, 6.0, step=0.1),
                     "a": value_slider("weight scale a", 1.0, 0.0, 5.0, step=0.1)})
