"""The GRU cell and the GLU block, drawn by code for images/ (see helpers.diagrams)."""

from .drawing import FONT, arrow, blend_line, box, canvas, op
from ..figures.style import ROLE_COLORS


def draw_gru_cell():
    """The GRU (reset after the matrix): z keeps h_prev, 1 - z lets in h_tilde, r scales h_prev's share of h_tilde."""
    fig, ax = canvas(12, 6)
    state_y = 5.1
    blend_line(ax, state_y, "h_prev", "z ⊙ h_prev", "h_t", keep_x=6.0, add_x=9.6)
    box(ax, 1.0, 0.6, "x_t", "#dddddd", width=1.0, height=0.6)
    box(ax, 2.6, 2.6, "concat\n[h_prev, x_t]", width=2.0, height=1.1)
    arrow(ax, (1.2, state_y), (2.2, 3.2), color=ROLE_COLORS["old"])
    arrow(ax, (1.4, 0.9), (2.2, 2.0))
    box(ax, 6.0, 3.7, "update gate z\nsigmoid(. @ W_z + b_z)", ROLE_COLORS["gate"] + "60", width=3.4, height=0.95,
         fontsize=FONT - 1)
    box(ax, 6.0, 2.3, "reset gate r\nsigmoid(. @ W_r + b_r)", ROLE_COLORS["gate"] + "60", width=3.4, height=0.95,
         fontsize=FONT - 1)
    arrow(ax, (3.6, 2.9), (4.3, 3.6))
    arrow(ax, (3.6, 2.4), (4.3, 2.3))
    arrow(ax, (6.0, 4.2), (6.0, state_y - 0.3), color=ROLE_COLORS["gate"], text="z", text_offset=(0.25, -0.1))
    box(ax, 6.0, 0.7, "candidate h_tilde = tanh(x_t @ W_hx + b_h\n + r ⊙ (h_prev @ W_hh + b_hh))",
         ROLE_COLORS["new"] + "50", width=5.4, height=1.0, fontsize=FONT - 2)
    arrow(ax, (6.0, 1.8), (6.0, 1.25), color=ROLE_COLORS["gate"], text="r", text_offset=(0.25, -0.15))
    arrow(ax, (1.6, 0.6), (3.25, 0.6))
    op(ax, 9.6, 0.7, "⊙")
    arrow(ax, (8.75, 0.7), (9.3, 0.7), color=ROLE_COLORS["new"])
    box(ax, 9.6, 2.3, "1 - z", width=1.0, height=0.5, fontsize=FONT - 1)
    arrow(ax, (7.7, 3.5), (9.2, 2.55), color=ROLE_COLORS["gate"])
    arrow(ax, (9.6, 2.05), (9.6, 1.0), color=ROLE_COLORS["gate"])
    arrow(ax, (10.0, 1.0), (10.0, state_y - 0.3), color=ROLE_COLORS["new"], text="(1 - z) ⊙ h_tilde",
           text_offset=(1.0, 0.3))
    return fig


def draw_glu_block():
    """A GLU layer: two linear maps of the same x, one through a sigmoid gate, multiplied element-wise."""
    fig, ax = canvas(12, 4.2)
    box(ax, 0.9, 2.1, "x", "#dddddd", width=1.0, height=0.7)
    box(ax, 4.0, 3.2, "linear branch\nA = x @ W + b", ROLE_COLORS["old"] + "40", width=3.0, height=1.0)
    box(ax, 4.0, 1.0, "gate branch\nB = x @ V + c", "#eeeeee", width=3.0, height=1.0)
    arrow(ax, (1.4, 2.3), (2.5, 3.1))
    arrow(ax, (1.4, 1.9), (2.5, 1.1))
    box(ax, 7.1, 1.0, "sigmoid", ROLE_COLORS["gate"] + "60", width=1.6)
    arrow(ax, (5.5, 1.0), (6.3, 1.0))
    op(ax, 9.2, 2.1, "⊙")
    arrow(ax, (5.5, 3.2), (8.95, 2.3), color=ROLE_COLORS["old"], text="A", text_offset=(0, 0.1))
    arrow(ax, (7.9, 1.0), (8.95, 1.9), color=ROLE_COLORS["gate"], text="sigmoid(B)", text_offset=(0.3, -0.6))
    arrow(ax, (9.5, 2.1), (11.7, 2.1), color=ROLE_COLORS["result"], text="y = A ⊙ sigmoid(B)",
           text_offset=(0, 0.15))
    ax.text(6.0, 0.1, "GTU: tanh(A); Bilinear, ReGLU, GEGLU, SwiGLU: identity, ReLU, GELU or Swish in place of sigmoid",
            ha="center", va="bottom", fontsize=FONT - 3, style="italic")
    return fig
