"""Figures for notebook 06: the gates and states of a whole sequence, and the live cell stepped through time."""

import numpy as np

from ..diagrams.lstm_cell import draw_lstm_cell
from .sliders import explore, step_slider, value_slider
from .style import new_figure
from ..validate import Shapes, as_gate_values

HEATMAP_ROWS = [("i", "input gate i", "gate"), ("f", "forget gate f", "gate"), ("o", "output gate o", "gate"),
                ("c", "cell state c", "state"), ("h", "hidden state h", "state")]


def _check_run(gates, cs, hs):
    """The gate values {"i", "f", "o", ...} and states of one forward pass, each (B, T, H), as float arrays."""
    if not isinstance(gates, dict) or not {"i", "f", "g", "o"} <= set(gates):
        raise ValueError(f"gates: expected a dict with keys 'i', 'f', 'g', 'o' (from lstm_gate_values), "
                         f"got {type(gates).__name__}")
    shapes = Shapes()
    cs = shapes.check("cs", cs, ("B", "T", "H"))
    hs = shapes.check("hs", hs, ("B", "T", "H"))
    values = {name: as_gate_values(f"gates['{name}']", shapes.check(f"gates['{name}']", gates[name], ("B", "T", "H")))
              for name in "ifo"}
    c_tilde = shapes.check("gates['g']", gates["g"], ("B", "T", "H"))
    return {**values, "g": c_tilde, "c": cs, "h": hs}


def plot_lstm_heatmaps(gates, cs, hs, example=0):
    """Heat maps over time of the gates i, f, o (0 to 1) and the states c, h of one sequence in the batch."""
    run = _check_run(gates, cs, hs)
    T = run["c"].shape[1]
    fig, axes = new_figure(nrows=len(HEATMAP_ROWS), width=11, height=8.5, sharex=True)
    # h lies in (-1, 1); c is unbounded, so its colour scale follows the run.
    limits = {"c": max(np.abs(run["c"][example]).max(), 1e-9), "h": 1.0}
    for ax, (name, title, kind) in zip(axes, HEATMAP_ROWS):
        values = run[name][example].T  # one row per coordinate, one column per step
        if kind == "gate":
            image = ax.imshow(values, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
        else:
            image = ax.imshow(values, aspect="auto", cmap="RdBu_r", vmin=-limits[name], vmax=limits[name],
                              interpolation="nearest")
        fig.colorbar(image, ax=ax, pad=0.01, aspect=8)
        ax.set_title(title, fontsize=14, loc="left")
        ax.set(yticks=range(values.shape[0]), yticklabels=[str(k + 1) for k in range(values.shape[0])])
        ax.grid(False)
    axes[-1].set(xlabel="time step t", xticks=range(0, T, max(1, T // 10)),
                 xticklabels=[str(t + 1) for t in range(0, T, max(1, T // 10))])
    return fig


def plot_lstm_cell_at(gates, cs, hs, c0, t, unit=1):
    """The cell at step t (1-based) for one coordinate `unit`: each gated path as wide as its gate is open."""
    run = _check_run(gates, cs, hs)
    B, T, H = run["c"].shape
    c0 = Shapes(B=B, H=H).check("c0", c0, ("B", "H"))
    if not 1 <= t <= T:
        raise ValueError(f"t: expected a time step from 1 to T = {T}, got {t}")
    if not 1 <= unit <= H:
        raise ValueError(f"unit: expected a coordinate from 1 to H = {H}, got {unit}")
    s, k = t - 1, unit - 1
    c_prev = c0[0, k] if s == 0 else run["c"][0, s - 1, k]
    values = {"f": run["f"][0, s, k], "i": run["i"][0, s, k], "g": run["g"][0, s, k], "o": run["o"][0, s, k],
              "c_prev": c_prev, "c_t": run["c"][0, s, k], "h_t": run["h"][0, s, k]}
    return draw_lstm_cell(values, title=f"step t = {t} of {T}, coordinate {unit}")


def heatmap_explorer(run):
    """A slider for the forget bias b_f; `run(b_f)` returns (gates, cs, hs) of the sequence with that bias."""
    if not callable(run):
        raise ValueError(f"run: expected a function of b_f returning (gates, cs, hs), got {type(run).__name__}")
    return explore(lambda b_f: plot_lstm_heatmaps(*run(b_f)),
                   b_f=value_slider("forget bias b_f", 1.0, -4.0, 4.0, step=0.5))


def lstm_cell_explorer(gates, cs, hs, c0):
    """Step the live cell through time, one coordinate at a time."""
    T, H = _check_run(gates, cs, hs)["c"].shape[1:]
    Shapes(B=np.shape(cs)[0], H=H).check("c0", c0, ("B", "H"))
    return explore(lambda t, unit: plot_lstm_cell_at(gates, cs, hs, c0, t, unit),
                   t=step_slider("time step t", 1, 1, T), unit=step_slider("coordinate", 1, 1, H))
