"""Drawing primitives for diagrams made of code: boxes, operator circles and arrows on an axes in inches."""

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from ..figures.style import COURSE_RC, ROLE_COLORS

FONT = COURSE_RC["font.size"]


def canvas(width, height, dpi=100):
    """A figure whose single, invisible axes measures `width` by `height` units, one per inch."""
    if not (width > 0 and height > 0):
        raise ValueError(f"width, height: expected positive sizes in inches, got ({width!r}, {height!r})")
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set(xlim=(0, width), ylim=(0, height), aspect="equal")
    ax.axis("off")
    return fig, ax


def box(ax, x, y, text, color="white", width=1.8, height=0.8, fontsize=FONT, edgecolor="black", textcolor="black"):
    """A rounded box centred on (x, y) with a label; returns the label, which a live diagram may rewrite."""
    # A white card under a translucent colour keeps the box opaque over any arrow behind it.
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.05",
                                facecolor="white", edgecolor="none"))
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor=edgecolor, linewidth=1.5))
    return ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=textcolor)


def op(ax, x, y, symbol, edgecolor="black"):
    """A circle holding an element-wise operator such as ⊙ or +."""
    ax.add_patch(Circle((x, y), 0.3, facecolor="white", edgecolor=edgecolor, linewidth=1.5))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=FONT + 4, color=edgecolor)


def arrow(ax, start, end, color="black", text=None, text_offset=(0, 0.2), linewidth=2, alpha=1.0, **kwargs):
    """An arrow from start to end, optionally labelled at its middle; returns the arrow (see `set_arrow_width`)."""
    patch = ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=arrow_head(linewidth),
                                         color=color, linewidth=linewidth, alpha=alpha, shrinkA=0, shrinkB=0, **kwargs))
    if text:
        mid = ((start[0] + end[0]) / 2 + text_offset[0], (start[1] + end[1]) / 2 + text_offset[1])
        ax.text(*mid, text, ha="center", va="bottom", fontsize=FONT - 1, color=color)
    return patch


def arrow_head(linewidth):
    """The size of an arrow's head for a shaft of this width, so a thick arrow keeps a visible head."""
    return 12 + 3 * linewidth


def set_arrow_width(patch, linewidth, alpha):
    """Thicken or thin an arrow drawn by `arrow` in place, head included."""
    patch.set_linewidth(linewidth)
    patch.set_mutation_scale(arrow_head(linewidth))
    patch.set_alpha(alpha)
    return patch


def blend_line(ax, y, old, kept, new, keep_x, add_x, end_x=11.8):
    """The state line of a gated cell: the old state is scaled at ⊙, the candidate's share added at +, out comes the new."""
    ax.text(0.2, y + 0.35, old, fontsize=FONT, color=ROLE_COLORS["old"])
    op(ax, keep_x, y, "⊙")
    arrow(ax, (0.2, y), (keep_x - 0.3, y), color=ROLE_COLORS["old"])
    op(ax, add_x, y, "+")
    arrow(ax, (keep_x + 0.3, y), (add_x - 0.3, y), color=ROLE_COLORS["old"], text=kept)
    arrow(ax, (add_x + 0.3, y), (end_x, y), color=ROLE_COLORS["result"], text=new)
