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


def sigmoid_slope_scene():
    """The sigmoid and its slope, with the point z marked: far from 0 the gate saturates and the slope vanishes."""
    fig, (ax_g, ax_slope) = new_figure(ncols=2)
    ax_g.plot(Z_RANGE, sigmoid(Z_RANGE), color=ROLE_COLORS["gate"])
    (on_gate,) = ax_g.plot([0], [0.5], "o", color="black", markersize=10)
    ax_g.set(xlabel="pre-activation z", ylim=(-0.05, 1.05))
    ax_slope.plot(Z_RANGE, sigmoid_grad(Z_RANGE), color=ROLE_COLORS["other"])
    ax_slope.axhline(0.25, color="gray", linestyle="--", linewidth=1.5)
    ax_slope.text(-7.8, 0.255, "largest slope 1/4", va="bottom", fontsize=12, color="gray")
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
    # Each label sits beside its point, nudged up or down so labels of nearby points do not collide.
    names = [ax_curve.annotate(f"g{i + 1}", (0, 0.5), textcoords="offset points", xytext=(8, -16))
             for i in range(len(v))]
    ax_curve.set(title="z lands on the sigmoid", xlabel="pre-activation z", ylim=(-0.05, 1.05))
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
        order = np.argsort(shown)
        for rank, i in enumerate(order):
            names[i].xy = (shown[i], g[i])
            names[i].set_position((8, -16 if rank % 2 == 0 else 6))
        return [points, *names] + set_heights(gate_bars, g) + set_heights(gated_bars, g * v)

    return fig, update


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
