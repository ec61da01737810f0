"""Diagrams drawn by code into images/: run `python -m helpers.diagrams` (or `make images`) to redraw them all."""

import sys
from pathlib import Path

from .drawing import FONT, arrow, blend_line, box, canvas, op
from .gru_glu_diagrams import draw_glu_block, draw_gru_cell
from .lstm_diagram import draw_forget_gate, draw_input_gate, draw_lstm_cell, draw_output_gate
from .style import ROLE_COLORS

IMAGES = Path(__file__).resolve().parent.parent / "images"


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
    op(ax, 10.0, 2.0, "⊙")
    arrow(ax, (8.7, 2.0), (9.7, 2.0), color=ROLE_COLORS["gate"], text="g in (0, 1)")
    box(ax, 10.0, 3.5, "v", ROLE_COLORS["old"] + "40", width=1.0, height=0.6)
    arrow(ax, (10.0, 3.2), (10.0, 2.3))
    arrow(ax, (10.3, 2.0), (11.7, 2.0), color=ROLE_COLORS["result"], text="g ⊙ v", text_offset=(0, 0.15))
    ax.text(6.0, 0.35, "forget, input, output, update, reset and GLU gates are all this one pattern",
            ha="center", va="center", fontsize=FONT - 1, style="italic")
    return fig


def draw_gated_rnn_cell():
    """Seed 001's gated RNN: s_t = (1 - g) ⊙ s_prev + g ⊙ tanh(concat(s_prev, x_t) @ W_s + b_s)."""
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


COURSE_MAP = [
    # (label, x, y, colour role)
    ("01 the gate\nlinear + sigmoid", 1.6, 3.0, "gate"),
    ("02 gated RNN", 4.6, 4.6, "old"),
    ("03-06 LSTM\nforget, input,\noutput, full cell", 7.8, 4.6, "old"),
    ("07 GRU\nupdate, reset", 7.8, 2.7, "old"),
    ("08 GLU family\nno recurrence", 4.6, 1.2, "other"),
    ("09 gradients\nthrough time", 11.0, 4.6, "result"),
    ("10 long-memory\nlab", 11.0, 2.7, "result"),
]
COURSE_LINKS = [(0, 1), (1, 2), (1, 3), (0, 4), (2, 3), (2, 5), (3, 5), (5, 6)]
MAP_BOX = (2.6, 1.25)


def _edge_point(centre, towards, size=MAP_BOX, pad=0.12):
    """Where the line from a box's centre towards another point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    scale = min((size[0] / 2 + pad) / abs(dx) if dx else float("inf"),
                (size[1] / 2 + pad) / abs(dy) if dy else float("inf"))
    return centre[0] + scale * dx, centre[1] + scale * dy


def draw_course_map():
    """How the notebooks compose: one gate pattern, built into every architecture, then tested by gradients."""
    fig, ax = canvas(12.6, 5.8)
    for start, end in COURSE_LINKS:
        a, b = COURSE_MAP[start][1:3], COURSE_MAP[end][1:3]
        arrow(ax, _edge_point(a, b), _edge_point(b, a), color="gray")
    for label, x, y, role in COURSE_MAP:
        box(ax, x, y, label, ROLE_COLORS[role] + "40", *MAP_BOX, fontsize=FONT - 1)
    return fig


DIAGRAMS = {"gate.png": draw_gate, "gated_rnn_cell.png": draw_gated_rnn_cell, "course_map.png": draw_course_map,
            "forget_gate.png": draw_forget_gate, "input_gate.png": draw_input_gate,
            "output_gate.png": draw_output_gate, "lstm_cell.png": draw_lstm_cell,
            "gru_cell.png": draw_gru_cell, "glu_block.png": draw_glu_block}


def write_all(folder=IMAGES):
    """Draw every diagram into `folder`; the PNGs carry no timestamp, so redrawing an unchanged one changes nothing."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, draw in DIAGRAMS.items():
        draw().savefig(folder / name, metadata={"Software": None})
    return sorted(folder / name for name in DIAGRAMS)


if __name__ == "__main__":
    for path in write_all(*sys.argv[1:]):
        print(path)
