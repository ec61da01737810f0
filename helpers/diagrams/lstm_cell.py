"""The LSTM cell drawn by code: the static diagrams of images/, and the live cell whose paths widen as gates open.

The layers are drawn f, i, c_tilde, o from left to right, in the order they act on the memory line; the stacked W
keeps PyTorch's order i, f, g, o, where "g" is the candidate c_tilde (weights W_c, b_c).
"""

import numpy as np

from ..figures.style import ROLE_COLORS
from ..validate import as_real_array, check_unit_interval
from .drawing import FONT, arrow, box, canvas, op, set_arrow_width

MUTED = "#c8c8c8"
CELL_Y, GATE_Y, BUS_Y = 5.4, 2.5, 1.2
GATE_X = {"f": 3.2, "i": 4.9, "c_tilde": 6.6, "o": 8.3}
FORGET_OP, INPUT_OP, PLUS_OP, TANH_BOX, OUTPUT_OP = (3.2, CELL_Y), (6.0, 4.1), (6.0, CELL_Y), (9.7, 4.1), (9.7, GATE_Y)
PARTS = {"f": "forget", "i": "input", "c_tilde": "input", "o": "output"}  # the candidate belongs to the input step
SYMBOLS = {"f": "σ", "i": "σ", "c_tilde": "tanh", "o": "σ"}


def _width(gate):
    """Line width for a path that carries a gate value: a hairline when closed, thick when open."""
    return 2.5 if gate is None else 0.8 + 7.0 * gate


def _alpha(gate):
    return 1.0 if gate is None else 0.25 + 0.75 * gate


def _checked(values):
    """The numbers of one coordinate (f, i, c_tilde, o, c_prev, c_t, h_t), as floats; the gates must lie in [0, 1]."""
    v = {name: float(as_real_array(name, value)) for name, value in (values or {}).items()}
    for name in ("f", "i", "o"):
        if name in v:
            check_unit_interval(name, np.asarray(v[name]))
    return v


def lstm_cell_scene(highlight=None):
    """The LSTM cell drawn once; returns (figure, update), where `update(values, title)` sets each gated path's
    width and opacity from the gate values f, i, o, and labels the boxes and states with `values` (any of f, i,
    c_tilde, o, c_prev, c_t, h_t for one coordinate). `highlight` ("forget", "input" or "output") greys out the
    other parts."""
    if highlight not in (None, "forget", "input", "output"):
        raise ValueError(f"highlight: expected None, 'forget', 'input' or 'output', got {highlight!r}")
    fig, ax = canvas(12, 6.3)

    def color(role, part=None):
        return ROLE_COLORS[role] if highlight is None or part in (None, highlight) else MUTED

    # The input bus [h_prev, x_t] feeds every gate layer.
    ax.text(0.2, BUS_Y + 0.25, "h_prev", fontsize=FONT, color=ROLE_COLORS["old"])
    arrow(ax, (0.2, BUS_Y), (1.9, BUS_Y), color="black")
    arrow(ax, (1.9, 0.15), (1.9, BUS_Y), color="black")
    ax.text(2.05, 0.3, "x_t", fontsize=FONT)
    ax.plot([1.9, GATE_X["o"]], [BUS_Y, BUS_Y], color="black", linewidth=2)
    ax.text(5.75, BUS_Y - 0.5, "[h_prev, x_t]", ha="center", fontsize=FONT - 1)
    for name, x in GATE_X.items():
        arrow(ax, (x, BUS_Y), (x, GATE_Y - 0.5), color="black" if highlight in (None, PARTS[name]) else MUTED)

    # The paths each gate scales, by gate: they widen and darken as it opens.
    paths = {"f": [], "i": [], "o": []}
    # The memory line: c_prev is scaled by f, then the written candidate is added.
    states = {"c_prev": ax.text(0.2, CELL_Y + 0.3, "", fontsize=FONT, color=color("old", "forget"))}
    arrow(ax, (0.2, CELL_Y), (FORGET_OP[0] - 0.3, CELL_Y), color=color("old", "forget"))
    op(ax, *FORGET_OP, "⊙", edgecolor="black" if color("old", "forget") != MUTED else MUTED)
    paths["f"].append(arrow(ax, (FORGET_OP[0] + 0.3, CELL_Y), (PLUS_OP[0] - 0.3, CELL_Y),
                            color=color("old", "forget"), text="f ⊙ c_prev"))
    op(ax, *PLUS_OP, "+", edgecolor="black" if highlight in (None, "input", "forget") else MUTED)
    arrow(ax, (PLUS_OP[0] + 0.3, CELL_Y), (11.8, CELL_Y), color=color("result", "input"))
    states["c_t"] = ax.text(11.8, CELL_Y + 0.3, "", ha="right", fontsize=FONT, color=color("result", "input"))

    labels = {"f": box(ax, GATE_X["f"], GATE_Y, "", color("gate", "forget") + "60", 1.3, 0.9, FONT - 1)}
    paths["f"].append(arrow(ax, (GATE_X["f"], GATE_Y + 0.5), (FORGET_OP[0], CELL_Y - 0.3),
                            color=color("gate", "forget")))

    labels["i"] = box(ax, GATE_X["i"], GATE_Y, "", color("gate", "input") + "60", 1.3, 0.9, FONT - 1)
    labels["c_tilde"] = box(ax, GATE_X["c_tilde"], GATE_Y, "", color("new", "input") + "50", 1.5, 0.9, FONT - 1)
    op(ax, *INPUT_OP, "⊙", edgecolor="black" if highlight in (None, "input") else MUTED)
    paths["i"].append(arrow(ax, (GATE_X["i"] + 0.2, GATE_Y + 0.5), (INPUT_OP[0] - 0.25, INPUT_OP[1] - 0.2),
                            color=color("gate", "input")))
    arrow(ax, (GATE_X["c_tilde"] - 0.2, GATE_Y + 0.5), (INPUT_OP[0] + 0.25, INPUT_OP[1] - 0.2),
          color=color("new", "input"))
    paths["i"].append(arrow(ax, (INPUT_OP[0], INPUT_OP[1] + 0.3), (PLUS_OP[0], CELL_Y - 0.3),
                            color=color("new", "input"), text="i ⊙ c_tilde", text_offset=(-0.95, -0.15)))

    # The output: tanh of the new memory, shown through o.
    arrow(ax, (TANH_BOX[0], CELL_Y), (TANH_BOX[0], TANH_BOX[1] + 0.35), color=color("result", "output"))
    box(ax, *TANH_BOX, "tanh", color("result", "output") + "30", 1.1, 0.6, FONT - 1)
    arrow(ax, (TANH_BOX[0], TANH_BOX[1] - 0.35), (OUTPUT_OP[0], OUTPUT_OP[1] + 0.3), color=color("result", "output"))
    labels["o"] = box(ax, GATE_X["o"], GATE_Y, "", color("gate", "output") + "60", 1.3, 0.9, FONT - 1)
    op(ax, *OUTPUT_OP, "⊙", edgecolor="black" if highlight in (None, "output") else MUTED)
    paths["o"].append(arrow(ax, (GATE_X["o"] + 0.7, GATE_Y), (OUTPUT_OP[0] - 0.3, GATE_Y),
                            color=color("gate", "output")))
    paths["o"].append(arrow(ax, (OUTPUT_OP[0] + 0.3, GATE_Y), (11.8, GATE_Y), color=color("result", "output")))
    states["h_t"] = ax.text(11.8, GATE_Y + 0.3, "", ha="right", fontsize=FONT, color=color("result", "output"))
    heading = ax.text(6.0, 6.05, "", ha="center", fontsize=FONT + 1)

    def update(values=None, title=None):
        v = _checked(values)
        for name, patches in paths.items():
            for patch in patches:
                set_arrow_width(patch, _width(v.get(name)), _alpha(v.get(name)))
        for name, text in labels.items():
            text.set_text(f"{SYMBOLS[name]}\n{name} = {v[name]:.2f}" if name in v else f"{SYMBOLS[name]}  {name}")
        for name, text in states.items():
            text.set_text(f"{name} = {v[name]:.2f}" if name in v else name)
        heading.set_text(title or "")
        return [patch for patches in paths.values() for patch in patches] + [*labels.values(), *states.values(),
                                                                              heading]

    return fig, update


def draw_lstm_cell(values=None, highlight=None, title=None):
    """The LSTM cell. `values` (f, i, c_tilde, o, c_prev, c_t, h_t: numbers for one coordinate) sets each gated
    path's width and opacity and labels the boxes; `highlight` ("forget", "input" or "output") greys out the rest."""
    _checked(values)  # bad values fail before any drawing
    fig, update = lstm_cell_scene(highlight)
    update(values, title)
    return fig


def draw_forget_gate():
    """The LSTM cell with its forget gate picked out: f = sigmoid([h_prev, x_t] @ W_f + b_f) scales c_prev."""
    return draw_lstm_cell(highlight="forget", title="forget gate: c_prev is scaled by f")


def draw_input_gate():
    """The LSTM cell with its input step picked out: i ⊙ tanh([h_prev, x_t] @ W_c + b_c) is added to the memory."""
    return draw_lstm_cell(highlight="input", title="input gate: i ⊙ c_tilde is added to the memory")


def draw_output_gate():
    """The LSTM cell with its output gate picked out: h_t = o ⊙ tanh(c_t)."""
    return draw_lstm_cell(highlight="output", title="output gate: h_t = o ⊙ tanh(c_t)")
