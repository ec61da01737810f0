"""The course map: how the notebooks compose, one gate pattern built into every architecture, and what is to come."""

from ..figures.style import ROLE_COLORS
from .drawing import FONT, arrow, box, canvas

COURSE_MAP = [
    # (label, x, y, colour role); role None marks a notebook still to come, drawn grey and dashed
    ("01 the gate\nlinear + sigmoid", 1.6, 3.05, "gate"),
    ("02 gated RNN", 4.6, 5.0, "old"),
    ("03-06 LSTM\nforget, input,\noutput, full cell", 7.8, 5.0, "old"),
    ("07 GRU\nupdate, reset", 7.8, 3.05, "old"),
    ("08 GLU family\nno recurrence", 4.6, 1.1, "other"),
    ("09 gradients\nthrough time\n(coming)", 11.0, 5.0, None),
    ("10 long-memory\nlab\n(coming)", 11.0, 3.05, None),
    ("11 gates today\n(coming)", 11.0, 1.1, None),
]
COURSE_LINKS = [(0, 1), (1, 2), (1, 3), (0, 4), (2, 3), (2, 5), (3, 5), (5, 6), (4, 7), (6, 7)]
MAP_BOX = (2.6, 1.25)
COMING = "#f2f2f2", "gray", (0, (4, 3))  # fill, edge and text colour, dash pattern


def _edge_point(centre, towards, size=MAP_BOX, pad=0.12):
    """Where the line from a box's centre towards another point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    scale = min((size[0] / 2 + pad) / abs(dx) if dx else float("inf"),
                (size[1] / 2 + pad) / abs(dy) if dy else float("inf"))
    return centre[0] + scale * dx, centre[1] + scale * dy


def draw_course_map():
    """How the notebooks compose: one gate pattern, built into every architecture; what is still to come is dashed."""
    fig, ax = canvas(12.6, 6.1)
    fill, grey, dashes = COMING
    for start, end in COURSE_LINKS:
        a, b = COURSE_MAP[start][1:3], COURSE_MAP[end][1:3]
        coming = COURSE_MAP[end][3] is None
        arrow(ax, _edge_point(a, b), _edge_point(b, a), color="silver" if coming else "gray",
              linestyle=dashes if coming else "-")
    for label, x, y, role in COURSE_MAP:
        if role is None:
            box(ax, x, y, label, fill, *MAP_BOX, fontsize=FONT - 1, edgecolor=grey, textcolor=grey)
            ax.patches[-1].set_linestyle(dashes)  # the box's outline, the last patch `box` drew
        else:
            box(ax, x, y, label, ROLE_COLORS[role] + "40", *MAP_BOX, fontsize=FONT - 1)
    ax.text(0.3, 0.45, "grey and dashed: still to come", fontsize=FONT - 2, color=grey, style="italic")
    return fig
