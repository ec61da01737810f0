"""The gated RNN cell, drawn: the gate blends the old state with the candidate."""

from ..figures.style import ROLE_COLORS
from .drawing import FONT, arrow, blend_line, box, canvas, op


def draw_gated_rnn_cell():
    """The gated RNN: s_t = (1 - g) ⊙ s_prev + g ⊙ tanh(concat(s_prev, x_t) @ W_s + b_s)."""
    fig, ax = canvas(12, 5.5)
    state_y = 4.6
    blend_line(ax, state_y, "s_prev", "(1 - g) ⊙ s_prev", "s_t", keep_x=6.0, add_x=9.0)
    box(ax, 1.4, 0.7, "x_t", "#dddddd", width=1.2, height=0.7)
    box(ax, 3.0, 2.0, "concat\n[s_prev, x_t]", width=2.0, height=1.1)
    arrow(ax, (1.4, state_y), (2.6, 2.6), color=ROLE_COLORS["old"])
    arrow(ax, (2.0, 0.7), (2.6, 1.4))
    box(ax, 6.0, 2.8, "gate\nsigmoid(. @ W_g + b_g)", ROLE_COLORS["gate"] + "60", width=3.2, height=1.0,
         fontsize=FONT - 1)
    box(ax, 6.0, 1.0, "candidate\ntanh(. @ W_s + b_s)", ROLE_COLORS["new"] + "50", width=3.2, height=1.0,
         fontsize=FONT - 1)
    arrow(ax, (4.0, 2.2), (4.4, 2.7))
    arrow(ax, (4.0, 1.8), (4.4, 1.1))
    box(ax, 6.0, 3.85, "1 - g", width=1.0, height=0.5, fontsize=FONT - 1)
    arrow(ax, (6.0, 3.3), (6.0, 3.6), color=ROLE_COLORS["gate"])
    arrow(ax, (6.0, 4.1), (6.0, state_y - 0.3), color=ROLE_COLORS["gate"])
    op(ax, 9.0, 1.0, "⊙")
    arrow(ax, (7.6, 1.0), (8.7, 1.0), color=ROLE_COLORS["new"], text="s_tilde")
    arrow(ax, (7.6, 2.8), (9.0, 1.3), color=ROLE_COLORS["gate"], text="g", text_offset=(0.25, 0.0))
    arrow(ax, (9.0, 1.3 + 0.0), (9.0, state_y - 0.3), color=ROLE_COLORS["new"], text="g ⊙ s_tilde",
           text_offset=(1.1, 0.5))
    return fig
