"""The GRU cell and the GLU block, drawn by code for images/ (see helpers.diagrams)."""

from .drawing import FONT, arrow, blend_line, box, canvas, op
from ..figures.style import ROLE_COLORS


def draw_gru_cell():
    """The GRU (reset after the matrix): z keeps h_prev, 1 - z lets in h_tilde, r scales h_prev's share of h_tilde."""
    fig, ax = canvas(12, 7)
    state_y = 6.2
    blend_line(ax, state_y, "h_prev", "z ⊙ h_prev", "h_t", keep_x=6.6, add_x=10.0)
    box(ax, 0.9, 0.7, "x_t", "#dddddd", width=1.0, height=0.6)
    box(ax, 2.5, 4.3, "concat\n[h_prev, x_t]", width=2.0, height=1.1)
    arrow(ax, (1.3, state_y), (2.1, 4.9), color=ROLE_COLORS["old"])
    arrow(ax, (1.1, 1.0), (2.0, 3.7))
    box(ax, 6.6, 4.95, "update gate z\nsigmoid(. @ W_z + b_z)", ROLE_COLORS["gate"] + "60", width=3.4, height=0.95,
        fontsize=FONT - 1)
    box(ax, 6.6, 3.6, "reset gate r\nsigmoid(. @ W_r + b_r)", ROLE_COLORS["gate"] + "60", width=3.4, height=0.95,
        fontsize=FONT - 1)
    arrow(ax, (3.5, 4.6), (4.8, 4.9))
    arrow(ax, (3.5, 4.0), (4.8, 3.65))
    arrow(ax, (6.6, 5.45), (6.6, state_y - 0.3), color=ROLE_COLORS["gate"], text="z", text_offset=(0.25, -0.15))
    # The old state's road into the candidate: its own matrix first, then scaled by r, coordinate by coordinate.
    arrow(ax, (0.45, state_y), (2.0, 2.2), color=ROLE_COLORS["old"], connectionstyle="angle,angleA=-90,angleB=180")
    box(ax, 3.35, 2.2, "h_prev @ W_hh + b_hh", ROLE_COLORS["old"] + "30", width=2.7, height=0.6, fontsize=FONT - 2)
    op(ax, 6.6, 2.2, "⊙")
    arrow(ax, (4.75, 2.2), (6.3, 2.2), color=ROLE_COLORS["old"])
    arrow(ax, (6.6, 3.1), (6.6, 2.5), color=ROLE_COLORS["gate"], text="r", text_offset=(0.25, -0.15))
    arrow(ax, (6.6, 1.9), (6.6, 1.2), color=ROLE_COLORS["old"], text="r ⊙ (h_prev @ W_hh + b_hh)",
          text_offset=(1.75, -0.2))
    box(ax, 6.6, 0.7, "candidate h_tilde = tanh(x_t @ W_hx + b_h + r ⊙ (...))", ROLE_COLORS["new"] + "50",
        width=5.6, height=0.8, fontsize=FONT - 2)
    arrow(ax, (1.45, 0.7), (3.75, 0.7))
    op(ax, 10.0, 0.7, "⊙")
    arrow(ax, (9.45, 0.7), (9.7, 0.7), color=ROLE_COLORS["new"])
    box(ax, 10.0, 3.0, "1 - z", width=1.0, height=0.5, fontsize=FONT - 1)
    arrow(ax, (8.35, 4.75), (9.6, 3.25), color=ROLE_COLORS["gate"])
    arrow(ax, (10.0, 2.75), (10.0, 1.0), color=ROLE_COLORS["gate"])
    arrow(ax, (10.4, 0.85), (10.4, state_y - 0.25), color=ROLE_COLORS["new"], text="(1 - z)\n⊙ h_tilde",
          text_offset=(0.6, 0.2))
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
