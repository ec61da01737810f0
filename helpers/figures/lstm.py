"""Figures for notebook 06: the gates and states of a whole sequence, and the live cell stepped through time.

Each figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..diagrams.lstm_cell import lstm_cell_scene
from ..validate import Shapes, as_count, as_gate_values
from .live import Explorer
from .sliders import step_slider, value_slider
from .style import new_figure

HEATMAP_ROWS = [("i", "input gate i", "gate"), ("f", "forget gate f", "gate"), ("o", "output gate o", "gate"),
                ("c", "cell state c", "state"), ("h", "hidden state h", "state")]
# One colour scale for every run: h lies in (-1, 1); c is unbounded, so beyond +-C_LIMIT it shows the end colour.
STATE_LIMITS = {"c": 3.0, "h": 1.0}


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


def lstm_heatmaps_scene(T, H, example=0):
    """Heat maps over time of the gates i, f, o (0 to 1) and the states c, h of one sequence, on fixed colour scales.

    `update(gates, cs, hs)` sets the pictures of a forward pass with T steps and H coordinates.
    """
    T, H, example = as_count("T", T), as_count("H", H), as_count("example", example, low=0)
    fig, axes = new_figure(nrows=len(HEATMAP_ROWS), width=11, height=8.5, sharex=True)
    images = []
    for ax, (name, title, kind) in zip(axes, HEATMAP_ROWS):
        blank = np.zeros((H, T))  # one row per coordinate, one column per step
        if kind == "gate":
            image = ax.imshow(blank, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
            fig.colorbar(image, ax=ax, pad=0.01, aspect=8)
        else:
            limit = STATE_LIMITS[name]
            image = ax.imshow(blank, aspect="auto", cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest")
            fig.colorbar(image, ax=ax, pad=0.01, aspect=8, extend="both" if name == "c" else "neither")
        images.append(image)
        ax.set_title(title + (f" (colour scale fixed at ±{STATE_LIMITS['c']:g})" if name == "c" else ""),
                     fontsize=14, loc="left")
        ax.set(yticks=range(H), yticklabels=[str(k + 1) for k in range(H)])
        ax.grid(False)
    axes[-1].set(xlabel="time step t", xticks=range(0, T, max(1, T // 10)),
                 xticklabels=[str(t + 1) for t in range(0, T, max(1, T // 10))])

    def update(gates, cs, hs):
        run = _check_run(gates, cs, hs)
        Shapes(T=T, H=H).check("cs", run["c"], ("B", "T", "H"))
        if example >= run["c"].shape[0]:
            raise ValueError(f"example: expected a sequence index below B = {run['c'].shape[0]}, got {example}")
        for image, (name, _, _) in zip(images, HEATMAP_ROWS):
            image.set_data(run[name][example].T)
        return images

    return fig, update


def plot_lstm_heatmaps(gates, cs, hs, example=0):
    """Heat maps over time of the gates i, f, o (0 to 1) and the states c, h of one sequence in the batch."""
    _, T, H = _check_run(gates, cs, hs)["c"].shape
    fig, update = lstm_heatmaps_scene(T, H, example)
    update(gates, cs, hs)
    return fig


def lstm_cell_at_scene(gates, cs, hs, c0):
    """The live cell over one forward pass: `update(t, unit)` shows step t (1-based) of coordinate `unit`."""
    run = _check_run(gates, cs, hs)
    B, T, H = run["c"].shape
    c0 = Shapes(B=B, H=H).check("c0", c0, ("B", "H"))
    fig, draw = lstm_cell_scene()

    def update(t, unit=1):
        if not 1 <= t <= T:
            raise ValueError(f"t: expected a time step from 1 to T = {T}, got {t}")
        if not 1 <= unit <= H:
            raise ValueError(f"unit: expected a coordinate from 1 to H = {H}, got {unit}")
        s, k = t - 1, unit - 1
        c_prev = c0[0, k] if s == 0 else run["c"][0, s - 1, k]
        values = {"f": run["f"][0, s, k], "i": run["i"][0, s, k], "c_tilde": run["g"][0, s, k],  # "g": PyTorch's name
                  "o": run["o"][0, s, k], "c_prev": c_prev, "c_t": run["c"][0, s, k], "h_t": run["h"][0, s, k]}
        return draw(values, title=f"step t = {t} of {T}, coordinate {unit}")

    return fig, update


def plot_lstm_cell_at(gates, cs, hs, c0, t, unit=1):
    """The cell at step t (1-based) for one coordinate `unit`: each gated path as wide as its gate is open."""
    fig, update = lstm_cell_at_scene(gates, cs, hs, c0)
    update(t, unit)
    return fig


def heatmap_explorer(run):
    """A slider for the forget bias b_f; `run(b_f)` returns (gates, cs, hs) of the sequence with that bias."""
    if not callable(run):
        raise ValueError(f"run: expected a function of b_f returning (gates, cs, hs), got {type(run).__name__}")
    slider = value_slider("forget bias b_f", 1.0, -4.0, 4.0, step=0.5)
    _, T, H = _check_run(*run(slider.value))["c"].shape
    fig, update = lstm_heatmaps_scene(T, H)
    return Explorer(fig, lambda b_f: update(*run(b_f)), {"b_f": slider})


def lstm_cell_explorer(gates, cs, hs, c0):
    """Step the live cell through time, one coordinate at a time."""
    fig, update = lstm_cell_at_scene(gates, cs, hs, c0)
    _, T, H = np.shape(cs)
    return Explorer(fig, update, {"t": step_slider("time step t", 1, 1, T), "unit": step_slider("coordinate", 1, 1, H)})
