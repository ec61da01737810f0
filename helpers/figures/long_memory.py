"""Figures for notebook 10: an adding-problem sequence, learning curves against the baseline, and a trained LSTM's
gates over a test sequence (static, and live with a slider for which sequence)."""

import numpy as np
from matplotlib.patches import Rectangle

from ..training import check_runs
from ..validate import Shapes, as_count, as_gate_values
from .live import Explorer
from .sliders import step_slider
from .style import COLORS, ROLE_COLORS, new_figure

MODEL_LABELS = {"rnn": "plain RNN", "gated_rnn": "gated RNN", "lstm": "LSTM", "gru": "GRU",
                "lstm_forget_bias_0": "LSTM, forget bias 0", "lstm_no_forget": "no forget gate (f = 1)",
                "lstm_no_input": "no input gate (i = 1)", "lstm_no_output": "no output gate (o = 1)",
                "lstm_coupled": "coupled (i = 1 - f)"}
MODEL_COLORS = {"rnn": "vermillion", "gated_rnn": "sky", "lstm": "blue", "gru": "green", "lstm_forget_bias_0": "purple",
                "lstm_no_forget": "vermillion", "lstm_no_input": "black", "lstm_no_output": "orange",
                "lstm_coupled": "green"}
SPARE_COLORS = ("purple", "orange", "sky", "black", "yellow")
LOSS_FLOOR = 1e-4  # the learning curves' axis stops here: a loss this far below every baseline is "solved" anyway


def _smoothed(losses, window):
    """The running mean of the last `window` losses, from step `window` on: (steps, means)."""
    losses = np.asarray(losses, dtype=float)
    window = min(window, len(losses))
    means = np.convolve(losses, np.ones(window) / window, mode="valid")
    return np.arange(window, len(losses) + 1), means


def plot_learning_curves(runs, window=25):
    """One panel per sequence length, each run's training loss (running mean over `window` steps) on a log scale,
    with the baseline dashed and the "solved" line (10% of the baseline) dotted."""
    runs, window = check_runs(runs), as_count("window", window)
    lengths = sorted({run.length for run in runs})
    fig, axes = new_figure(ncols=len(lengths), width=max(10.0, 4.2 * len(lengths) + 2.6), height=4.4, sharey=True)
    axes = np.atleast_1d(axes)
    colors, spare = {}, iter(SPARE_COLORS)
    high = max(2.0 * max(run.baseline for run in runs), max(float(np.max(run.losses)) for run in runs))
    for ax, length in zip(axes, lengths):
        for run in (r for r in runs if r.length == length):
            color = colors.setdefault(run.cell, COLORS[MODEL_COLORS.get(run.cell) or next(spare, "black")])
            steps, means = _smoothed(run.losses, window)
            ax.plot(steps, np.clip(means, LOSS_FLOOR, None), color=color, label=MODEL_LABELS.get(run.cell, run.cell))
        baseline = next(r.baseline for r in runs if r.length == length)
        ax.axhline(baseline, color="0.35", linestyle="--", linewidth=1.8, label="baseline (no memory)")
        ax.axhline(0.1 * baseline, color="0.35", linestyle=":", linewidth=1.8, label="solved below (10%)")
        ax.set(yscale="log", ylim=(LOSS_FLOOR, high), title=f"T = {length}", xlabel="training step")
    axes[0].set_ylabel("training loss" + (f" (mean of {window} steps)" if window > 1 else ""))
    handles, labels = axes[0].get_legend_handles_labels()
    seen = dict(zip(labels, handles))
    for ax in axes[1:]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    fig.legend(seen.values(), seen.keys(), loc="outside right upper", frameon=False, fontsize=12)
    return fig


def _check_sequences(xs, name="xs"):
    xs = Shapes().check(name, xs, ("N", "T", 2))
    return xs[..., 0], xs[..., 1]


def _inputs_panel(ax, T):
    """The values of one adding-problem sequence as thin grey lines, the two marked ones thick and labelled;
    returns update(values, markers) -> the artists it changed."""
    t = np.arange(1, T + 1)
    rest = ax.vlines(t, 0, np.zeros(T), color="0.6", linewidth=2)
    marked = ax.vlines([1, 1], 0, [0, 0], color=ROLE_COLORS["gate"], linewidth=5, label="marked")
    labels = [ax.text(1, 1.06, "", ha="center", va="bottom", fontsize=13, color=ROLE_COLORS["gate"]) for _ in range(2)]
    ax.set(xlim=(0.5, T + 0.5), ylim=(0, 1.35), yticks=[0, 0.5, 1], ylabel="value v_t")
    ax.grid(False)

    def update(values, markers):
        where = np.flatnonzero(markers) + 1
        rest.set_segments([[(k, 0), (k, 0 if k in where else v)] for k, v in zip(t, values)])
        marked.set_segments([[(k, 0), (k, values[k - 1])] for k in where])
        for text, k in zip(labels, where):  # above every bar, where no bar can hide it
            text.set_x(k)
            text.set_text(f"{values[k - 1]:.2f}")
        return [rest, marked, *labels]

    return update


def plot_adding_example(xs, ys, example=0):
    """One sequence of the adding problem: its T values, the two marked ones in orange, and the target, their sum."""
    values, markers = _check_sequences(xs)
    ys = Shapes(N=values.shape[0]).check("ys", ys, ("N", 1))
    example = as_count("example", example, low=0)
    if example >= values.shape[0]:
        raise ValueError(f"example: expected a sequence index below {values.shape[0]}, got {example}")
    fig, ax = new_figure(width=11, height=3.4)
    _inputs_panel(ax, values.shape[1])(values[example], markers[example])
    a, b = values[example][markers[example] == 1]
    ax.set(xlabel="time step t", title=f"target y = {a:.2f} + {b:.2f} = {ys[example, 0]:.2f}")
    return fig


UNIT_GATES = [("i", "input gate i", "orange"), ("f", "forget gate f", "blue"), ("o", "output gate o", "purple")]
HEATMAPS = [("i", "input gate i, every unit"), ("f", "forget gate f, every unit")]


def _check_gate_run(xs, gates, cs, ys, predictions, unit):
    """The arrays of a trained LSTM run over N test sequences, checked: values, markers, {i, f, o, c}, ys, predictions."""
    values, markers = _check_sequences(xs)
    shapes = Shapes(N=values.shape[0], T=values.shape[1])
    if not isinstance(gates, dict) or not set("ifo") <= set(gates):
        raise ValueError(f"gates: expected a dict with the keys 'i', 'f', 'o', got {type(gates).__name__}")
    run = {name: as_gate_values(f"gates[{name!r}]", shapes.check(f"gates[{name!r}]", gates[name], ("N", "T", "H")))
           for name in "ifo"}
    run["c"] = shapes.check("cs", cs, ("N", "T", "H"))
    ys, predictions = shapes.check("ys", ys, ("N", 1)), shapes.check("predictions", predictions, ("N", 1))
    H = run["c"].shape[2]
    if isinstance(unit, bool) or not isinstance(unit, (int, np.integer)) or not 1 <= unit <= H:
        raise ValueError(f"unit: expected a unit from 1 to H = {H}, got {unit!r}")
    return values, markers, run, ys, predictions


def lstm_gates_scene(xs, gates, cs, ys, predictions, unit):
    """A trained LSTM on one test sequence: the inputs, then one unit's i, f, o and c over time, then every unit's
    i and f as heat maps, the marked steps framed; `update(example)` shows test sequence `example`.

    `unit` (from 1) is the unit followed in the line panels. Every axis and colour scale is fixed for all sequences.
    """
    values, markers, run, ys, predictions = _check_gate_run(xs, gates, cs, ys, predictions, unit)
    (N, T, H), k = run["c"].shape, unit - 1
    limit = max(0.5, float(np.ceil(np.abs(run["c"][..., k]).max() * 1.1 * 2) / 2))  # fixed for every sequence
    fig, axes = new_figure(nrows=5, width=12, height=11, sharex=True,
                           gridspec_kw={"height_ratios": [1.1, 1.1, 1.1, 1, 1]})
    show_inputs = _inputs_panel(axes[0], T)
    t = np.arange(1, T + 1)
    gate_lines = [axes[1].plot(t, np.zeros(T), color=COLORS[color], label=label)[0]
                  for _, label, color in UNIT_GATES]
    axes[1].set(ylim=(-0.05, 1.05), yticks=[0, 0.5, 1], ylabel="gate")
    axes[1].legend(loc="lower right", bbox_to_anchor=(1.0, 0.98), ncols=3, frameon=False, fontsize=12)
    axes[1].set_title(f"unit {unit}", fontsize=14, loc="left")
    cell_line = axes[2].plot(t, np.zeros(T), color=ROLE_COLORS["result"], label="cell state c")[0]
    axes[2].axhline(0, color="black", linewidth=1)
    axes[2].set(ylim=(-limit, limit), ylabel="c")
    axes[2].legend(loc="lower right", bbox_to_anchor=(1.0, 0.98), frameon=False, fontsize=12)
    axes[2].set_title(f"unit {unit}", fontsize=14, loc="left")
    images, frames = [], []
    for ax, (name, title) in zip(axes[3:], HEATMAPS):
        image = ax.imshow(np.zeros((H, T)), aspect="auto", interpolation="nearest", origin="lower", vmin=0, vmax=1,
                          cmap="viridis", extent=(0.5, T + 0.5, 0.5, H + 0.5))
        images.append(image)
        ax.set(ylabel="unit", yticks=[1, unit, H] if 1 < unit < H else [1, H])
        ax.set_title(title, fontsize=14, loc="left")
        ax.grid(False)
    fig.colorbar(images[0], ax=list(axes[3:]), pad=0.01, aspect=15, label="gate value")
    for ax in axes:
        # The marked steps: a band on the line panels, a white frame on the heat maps (their colours stay readable).
        frames += [ax.add_patch(Rectangle((0.5, ax.get_ylim()[0]), 1, np.diff(ax.get_ylim())[0], zorder=0,
                                          **({"fill": False, "edgecolor": "white", "linewidth": 2} if ax in axes[3:]
                                             else {"color": ROLE_COLORS["gate"], "alpha": 0.15, "linewidth": 0})))
                   for _ in range(2)]
    axes[-1].set_xlabel("time step t")
    title = axes[0].set_title("", fontsize=15, loc="left")

    def update(example):
        if isinstance(example, bool) or not isinstance(example, (int, np.integer)) or not 0 <= example < N:
            raise ValueError(f"example: expected a test sequence from 0 to {N - 1}, got {example!r}")
        changed = show_inputs(values[example], markers[example])
        for line, (name, _, _) in zip(gate_lines, UNIT_GATES):
            line.set_ydata(run[name][example, :, k])
        cell_line.set_ydata(run["c"][example, :, k])
        for image, (name, _) in zip(images, HEATMAPS):
            image.set_data(run[name][example].T)
        for frame, step in zip(frames, np.tile(np.flatnonzero(markers[example]) + 1, len(axes))):
            frame.set_x(step - 0.5)
        title.set_text(f"test sequence {example}: target {ys[example, 0]:.2f}, the LSTM says "
                       f"{predictions[example, 0]:.2f}")
        return changed + gate_lines + [cell_line] + images + frames + [title]

    return fig, update


def plot_lstm_gates_over_time(xs, gates, cs, ys, predictions, unit, example=0):
    """A trained LSTM on one test sequence: its inputs, unit `unit`'s gates and cell state, every unit's i and f."""
    fig, update = lstm_gates_scene(xs, gates, cs, ys, predictions, unit)
    update(example)
    return fig


def lstm_gates_explorer(xs, gates, cs, ys, predictions, unit, example=0):
    """Slide through the test sequences, from `example`: the same trained LSTM's gates on each."""
    fig, update = lstm_gates_scene(xs, gates, cs, ys, predictions, unit)
    return Explorer(fig, update, {"example": step_slider("test sequence", example, 0, np.shape(xs)[0] - 1)})
