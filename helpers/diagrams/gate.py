"""The course's one pattern, drawn: a linear layer, a sigmoid, and an element-wise multiply."""

from ..figures.style import ROLE_COLORS
from .drawing import FONT, arrow, box, canvas, op


def draw_gate():
    """The one pattern: concat(h_prev, x_t) -> linear (W, b) -> sigmoid -> g, which multiplies v element-wise."""
    fig, ax = canvas(12, 4)
    box(ax, 0.9, 2.9, "h_prev", ROLE_COLORS["old"] + "40", width=1.4)
    box(ax, 0.9, 1.1, "x_t", "#dddddd", width=1.4)
    box(ax, 3.1, 2.0, "concat\n[h_prev, x_t]", width=2.0, height=1.1)
    arrow(ax, (1.6, 2.9), (2.1, 2.2))
    arrow(ax, (1.6, 1.1), (2.1, 1.8))
    box(ax, 5.6, 2.0, "linear\nz = [.] @ W + b", width=2.2, height=1.1)
    arrow(ax, (4.1, 2.0), (4.5, 2.0))
    box(ax, 7.9, 2.0, "sigmoid", ROLE_COLORS["gate"] + "60", width=1.6)
    arrow(ax, (6.7, 2.0), (7.1, 2.0))
    # The gate's arrow is long enough for its label to clear the sigmoid box and the ⊙.
    op(ax, 10.5, 2.0, "⊙")
    arrow(ax, (8.8, 2.0), (10.2, 2.0), color=ROLE_COLORS["gate"], text="g ∈ (0, 1)")
    box(ax, 10.5, 3.5, "v", ROLE_COLORS["old"] + "40", width=1.0, height=0.6)
    arrow(ax, (10.5, 3.2), (10.5, 2.3))
    arrow(ax, (10.8, 2.0), (11.8, 2.0), color=ROLE_COLORS["result"], text="g ⊙ v", text_offset=(0, 0.15))
    ax.text(6.0, 0.35, "forget, input, output, update, reset and GLU gates are all this one pattern",
            ha="center", va="center", fontsize=FONT - 1, style="italic")
    return fig
