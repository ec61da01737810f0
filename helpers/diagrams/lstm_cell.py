"""The LSTM cell drawn by code: the static diagrams of images/, and the live cell whose paths widen as gates open."""

import numpy as np

from .drawing import FONT, arrow, box, canvas, op
from ..figures.style import ROLE_COLORS
from ..validate import as_real_array, check_unit_interval

MUTED = "#c8c8c8"
CELL_Y, GATE_Y, BUS_Y = 5.4, 2.5, 1.2
GATE_X = {"f": 3.2, "i": 4.9, "g": 6.6, "o": 8.3}
FORGET_OP, INPUT_OP, PLUS_OP, TANH_BOX, OUTPUT_OP = (3.2, CELL_Y), (6.0, 4.1), (6.0, CELL_Y), (9.7, 4.1), (9.7, GATE_Y)
PARTS = {"f": "forget", "i": "input", "g": "input", "o": "output"}  # the candidate belongs to the input step


def _width(gate):
    """Line width for a path that carries a gate value: a hairline when closed, thick when open."""
    return 2.5 if gate is None else 0.8 + 7.0 * gate


def _alpha(gate):
    return 1.0 if gate is None else 0.25 + 0.75 * gate


def draw_lstm_cell(values=None, highlight=None, title=None):
    """The LSTM cell. `values` (f, i, g, o, c_prev, c_t, h_t: numbers for one coordinate; g is c_tilde) sets each gated path's
    width and opacity and labels the boxes; `highlight` ("forget", "input" or "output") greys out the other parts."""
    if highlight not in (None, "forget", "input", "output"):
        raise ValueError(f"highlight: expected None, 'forget', 'input' or 'output', got {highlight!r}")
    v = {name: float(as_real_array(name, value)) for name, value in (values or {}).items()}
    for name in ("f", "i", "o"):
        if name in v:
            check_unit_interval(name, np.asarray(v[name]))
    fig, ax = canvas(12, 6.3)

    def color(role, part=None):
        return ROLE_COLORS[role] if highlight is None or part in (None, highlight) else MUTED

    def label(name, symbol):
        return f"{symbol}\n{name} = {v[name]:.2f}" if name in v else f"{symbol}  {name}"

    f, i, o = v.get("f"), v.get("i"), v.get("o")
    c_prev = f"c_prev = {v['c_prev']:.2f}" if "c_prev" in v else "c_prev"
    c_t = f"c_t = {v['c_t']:.2f}" if "c_t" in v else "c_t"
    h_t = f"h_t = {v['h_t']:.2f}" if "h_t" in v else "h_t"

    # The input bus [h_prev, x_t] feeds every gate layer.
    ax.text(0.2, BUS_Y + 0.25, "h_prev", fontsize=FONT, color=ROLE_COLORS["old"])
    arrow(ax, (0.2, BUS_Y), (1.9, BUS_Y), color="black")
    arrow(ax, (1.9, 0.15), (1.9, BUS_Y), color="black")
    ax.text(2.05, 0.3, "x_t", fontsize=FONT)
    ax.plot([1.9, GATE_X["o"]], [BUS_Y, BUS_Y], color="black", linewidth=2)
    ax.text(5.75, BUS_Y - 0.5, "[h_prev, x_t]", ha="center", fontsize=FONT - 1)
    for name, x in GATE_X.items():
        arrow(ax, (x, BUS_Y), (x, GATE_Y - 0.5), color="black" if highlight in (None, PARTS[name]) else MUTED)

    # The memory line: c_prev is scaled by f, then the written candidate is added.
    ax.text(0.2, CELL_Y + 0.3, c_prev, fontsize=FONT, color=color("old", "forget"))
    arrow(ax, (0.2, CELL_Y), (FORGET_OP[0] - 0.3, CELL_Y), color=color("old", "forget"))
    op(ax, *FORGET_OP, "⊙", edgecolor="black" if color("old", "forget") != MUTED else MUTED)
    arrow(ax, (FORGET_OP[0] + 0.3, CELL_Y), (PLUS_OP[0] - 0.3, CELL_Y), color=color("old", "forget"),
          linewidth=_width(f), alpha=_alpha(f), text="f ⊙ c_prev")
    op(ax, *PLUS_OP, "+", edgecolor="black" if highlight in (None, "input", "forget") else MUTED)
    arrow(ax, (PLUS_OP[0] + 0.3, CELL_Y), (11.8, CELL_Y), color=color("result", "input"))
    ax.text(11.8, CELL_Y + 0.3, c_t, ha="right", fontsize=FONT, color=color("result", "input"))

    box(ax, GATE_X["f"], GATE_Y, label("f", "σ"), color("gate", "forget") + "60", 1.3, 0.9, FONT - 1)
    arrow(ax, (GATE_X["f"], GATE_Y + 0.5), (FORGET_OP[0], CELL_Y - 0.3), color=color("gate", "forget"),
          linewidth=_width(f), alpha=_alpha(f))

    box(ax, GATE_X["i"], GATE_Y, label("i", "σ"), color("gate", "input") + "60", 1.3, 0.9, FONT - 1)
    box(ax, GATE_X["g"], GATE_Y, label("g", "tanh"), color("new", "input") + "50", 1.3, 0.9, FONT - 1)
    op(ax, *INPUT_OP, "⊙", edgecolor="black" if highlight in (None, "input") else MUTED)
    arrow(ax, (GATE_X["i"] + 0.2, GATE_Y + 0.5), (INPUT_OP[0] - 0.25, INPUT_OP[1] - 0.2),
          color=color("gate", "input"), linewidth=_width(i), alpha=_alpha(i))
    arrow(ax, (GATE_X["g"] - 0.2, GATE_Y + 0.5), (INPUT_OP[0] + 0.25, INPUT_OP[1] - 0.2),
          color=color("new", "input"), text="c_tilde", text_offset=(0.75, -0.1))
    arrow(ax, (INPUT_OP[0], INPUT_OP[1] + 0.3), (PLUS_OP[0], CELL_Y - 0.3), color=color("new", "input"),
          linewidth=_width(i), alpha=_alpha(i), text="i ⊙ c_tilde", text_offset=(-0.95, -0.15))

    # The output: tanh of the new memory, shown through o.
    arrow(ax, (TANH_BOX[0], CELL_Y), (TANH_BOX[0], TANH_BOX[1] + 0.35), color=color("result", "output"))
    box(ax, *TANH_BOX, "tanh", color("result", "output") + "30", 1.1, 0.6, FONT - 1)
    arrow(ax, (TANH_BOX[0], TANH_BOX[1] - 0.35), (OUTPUT_OP[0], OUTPUT_OP[1] + 0.3), color=color("result", "output"))
    box(ax, GATE_X["o"], GATE_Y, label("o", "σ"), color("gate", "output") + "60", 1.3, 0.9, FONT - 1)
    op(ax, *OUTPUT_OP, "⊙", edgecolor="black" if highlight in (None, "output") else MUTED)
    arrow(ax, (GATE_X["o"] + 0.7, GATE_Y), (OUTPUT_OP[0] - 0.3, GATE_Y), color=color("gate", "output"),
          linewidth=_width(o), alpha=_alpha(o))
    arrow(ax, (OUTPUT_OP[0] + 0.3, GATE_Y), (11.8, GATE_Y), color=color("result", "output"),
          linewidth=_width(o), alpha=_alpha(o))
    ax.text(11.8, GATE_Y + 0.3, h_t, ha="right", fontsize=FONT, color=color("result", "output"))
    if title:
        ax.text(6.0, 6.05, title, ha="center", fontsize=FONT + 1)
    return fig


def draw_forget_gate():
    """The LSTM cell with its forget gate picked out: f = sigmoid([h_prev, x_t] @ W_f + b_f) scales c_prev."""
    return draw_lstm_cell(highlight="forget", title="forget gate: c_prev is scaled by f")


def draw_input_gate():
    """The LSTM cell with its input step picked out: i ⊙ tanh([h_prev, x_t] @ W_g + b_g) is added to the memory."""
    return draw_lstm_cell(highlight="input", title="input gate: i ⊙ c_tilde is added to the memory")


def draw_output_gate():
    """The LSTM cell with its output gate picked out: h_t = o ⊙ tanh(c_t)."""
    return draw_lstm_cell(highlight="output", title="output gate: h_t = o ⊙ tanh(c_t)")
