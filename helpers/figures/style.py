"""One figure style for the whole course: large type for a projector and a colour-blind-safe palette."""

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

# Okabe and Ito's palette, distinguishable with every common colour-vision deficiency.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
# What each quantity is drawn in, everywhere in the course.
ROLE_COLORS = {
    "old": COLORS["blue"],         # the previous state s_prev, c_prev
    "new": COLORS["vermillion"],   # the candidate s_tilde, c_tilde
    "gate": COLORS["orange"],      # a gate value
    "result": COLORS["green"],     # the updated state
    "other": COLORS["purple"],
}

COURSE_RC = {
    "figure.dpi": 80,
    "figure.figsize": (9.0, 4.0),
    "figure.facecolor": "white",
    "font.size": 14,
    "axes.titlesize": 16,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "lines.linewidth": 2.5,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=list(COLORS.values())),
    "savefig.bbox": "tight",
}


def use_course_style():
    """Apply the course style to every figure drawn after this call (the first cell of each notebook)."""
    mpl.rcParams.update(COURSE_RC)


def coordinate_bars(ax, series):
    """Side-by-side bars for each coordinate of a state, one (values, role, label) per series, on a zero line.

    Returns the coordinates' positions, the width of one bar (for labels placed on the bars) and each series' bars,
    which `set_heights` moves in place.
    """
    width = 0.8 / len(series)
    k = np.arange(len(series[0][0]))
    bars = [ax.bar(k + (n - (len(series) - 1) / 2) * width, values, width, color=ROLE_COLORS[role], label=label)
            for n, (values, role, label) in enumerate(series)]
    ax.axhline(0, color="black", linewidth=1)
    ax.set(xticks=k, xticklabels=[f"coord {j + 1}" for j in k])
    return k, width, bars


def set_heights(bars, values):
    """Give each bar of `bars` its new value in place; returns the bars, the artists that changed."""
    for bar, value in zip(bars, np.ravel(values)):
        bar.set_height(value)
    return list(bars)


def new_figure(ncols=1, nrows=1, width=9.0, height=4.0, **kwargs):
    """A pyplot-free Figure and its axes: a figure function returns it, and Jupyter shows it once."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(nrows, ncols, squeeze=True, **kwargs)
