"""Figures for notebook 01: where a pre-activation lands on the sigmoid, and what the gate does to a vector."""

import numpy as np

from ..activations import sigmoid, sigmoid_grad
from .sliders import explore, value_slider
from .style import ROLE_COLORS, coordinate_bars, new_figure
from ..validate import Shapes, as_real_array

Z_RANGE = np.linspace(-8, 8, 401)


def plot_sigmoid_slope(z):
    """The sigmoid and its slope, with the point z marked: far from 0 the gate saturates and the slope vanishes."""
    z = float(as_real_array("z", z))
    fig, (ax_g, ax_slope) = new_figure(ncols=2)
    ax_g.plot(Z_RANGE, sigmoid(Z_RANGE), color=ROLE_COLORS["gate"])
    ax_g.plot([z], [sigmoid(z)], "o", color="black", markersize=10)
    ax_g.set(title=f"gate  sigmoid({z:.1f}) = {sigmoid(z):.3f}", xlabel="pre-activation z", ylim=(-0.05, 1.05))
    ax_slope.plot(Z_RANGE, sigmoid_grad(Z_RANGE), color=ROLE_COLORS["other"])
    ax_slope.axhline(0.25, color="gray", linestyle="--", linewidth=1.5)
    ax_slope.text(-7.8, 0.255, "largest slope 1/4", va="bottom", fontsize=12, color="gray")
    ax_slope.plot([z], [sigmoid_grad(z)], "o", color="black", markersize=10)
    ax_slope.set(title=f"slope  sigmoid'({z:.1f}) = {sigmoid_grad(z):.4f}", xlabel="pre-activation z", ylim=(-0.01, 0.29))
    for ax in (ax_g, ax_slope):
        ax.axvspan(-8, -4, color="gray", alpha=0.12)
        ax.axvspan(4, 8, color="gray", alpha=0.12)
    ax_slope.text(6, 0.15, "saturated", ha="center", fontsize=12, color="gray")
    ax_slope.text(-6, 0.15, "saturated", ha="center", fontsize=12, color="gray")
    return fig


def plot_gate(z, v):
    """Three panels: each coordinate's z on the sigmoid, the gate g = sigmoid(z), and v against g * v."""
    shapes = Shapes(B=1)
    z = shapes.check("z", z, ("B", "H"))[0]
    v = shapes.check("v", v, ("B", "H"))[0]
    g = sigmoid(z)
    fig, (ax_curve, ax_gate, ax_vector) = new_figure(ncols=3, width=13)
    ax_curve.plot(Z_RANGE, sigmoid(Z_RANGE), color="lightgray")
    ax_curve.scatter(np.clip(z, -8, 8), g, s=120, color=ROLE_COLORS["gate"], zorder=3)
    for i, (zi, gi) in enumerate(zip(z, g)):
        ax_curve.annotate(f"g{i + 1}", (np.clip(zi, -8, 8), gi), textcoords="offset points", xytext=(8, -16))
    ax_curve.set(title="z lands on the sigmoid", xlabel="pre-activation z", ylim=(-0.05, 1.05))
    coordinate_bars(ax_gate, [(g, "gate", "g")])
    ax_gate.set(title="gate g, between 0 and 1", ylim=(0, 1.05))
    coordinate_bars(ax_vector, [(v, "old", "v"), (g * v, "result", "g * v")])
    ax_vector.set(title="g scales v")
    ax_vector.legend(loc="best", frameon=False)
    return fig


def saturation_explorer():
    """Slide z along the sigmoid and watch the slope, and so the gradient a gate passes back, vanish."""
    return explore(plot_sigmoid_slope, z=value_slider("z", 0.0, -10.0, 10.0, step=0.1))


def gate_explorer(xcat, W, v):
    """Sliders for a shared bias b and a weight scale a: g = sigmoid(a * (xcat @ W) + b) gates v."""
    shapes = Shapes(B=1)
    xcat = shapes.check("xcat", xcat, ("B", "N"))
    W = shapes.check("W", W, ("N", "H"))
    v = shapes.check("v", v, ("B", "H"))

    def draw(b, a):
        return plot_gate(a * (xcat @ W) + b, v)

    return explore(draw, b=value_slider("bias b", 0.0, -6.0, 6.0, step=0.1),
                   a=value_slider("weight scale a", 1.0, 0.0, 5.0, step=0.1))
