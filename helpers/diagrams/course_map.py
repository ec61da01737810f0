"""The course map: how the notebooks compose, one gate pattern built into every architecture."""

from ..figures.style import ROLE_COLORS
from .drawing import FONT, arrow, box, canvas

COURSE_MAP = [
    # (label, x, y, colour role): orange the gate itself, blue the recurrent cells built from it, purple gates without
    # recurrence, green the notebooks that show why gates help
    ("01 the gate\nlinear + sigmoid", 1.6, 3.05, "gate"),
    ("02 gated RNN", 4.6, 5.0, "old"),
    ("03-06 LSTM\nforget, input,\noutput, full cell", 7.8, 5.0, "old"),
    ("07 GRU\nupdate, reset", 7.8, 3.05, "old"),
    ("08 GLU family\nno recurrence", 4.6, 1.1, "other"),
    ("09 gradients\nthrough time", 11.0, 5.0, "result"),
    ("10 long-memory\nlab", 11.0, 3.05, "result"),
    ("11 gates today\nhighway, Mamba,\ngated attention", 11.0, 1.1, "other"),
]
COURSE_LINKS = [(0, 1), (1, 2), (1, 3), (0, 4), (2, 3), (2, 5), (3, 5), (5, 6), (4, 7), (6, 7)]
MAP_BOX = (2.6, 1.25)


def _edge_point(centre, towards, size=MAP_BOX, pad=0.12):
    """Where the line from a box's centre towards another point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    scale = min((size[0] / 2 + pad) / abs(dx) if dx else float("inf"),
                (size[1] / 2 + pad) / abs(dy) if dy else float("inf"))
    return centre[0] + scale * dx, centre[1] + scale * dy


def draw_course_map():
    """How the notebooks compose: one gate pattern, built into every architecture."""
    fig, ax = canvas(12.6, 6.1)
    for start, end in COURSE_LINKS:
        a, b = COURSE_MAP[start][1:3], COURSE_MAP[end][1:3]
        arrow(ax, _edge_point(a, b), _edge_point(b, a), color="gray")
    for label, x, y, role in COURSE_MAP:
        box(ax, x, y, label, ROLE_COLORS[role] + "40", *MAP_BOX, fontsize=FONT - 1)
    return fig
