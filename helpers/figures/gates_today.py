"""Figures for notebook 11: how signal and gradient cross 50 layers, and what an attention head's output gate does.

Each live figure has a scene function, `..._scene(fixed inputs) -> (figure, update)`: the static `plot_...` calls
`update` once, the `..._explorer` hands both to a live `Explorer` that calls it while a slider moves.
"""

import numpy as np

from ..validate import Shapes, as_gate_values, as_real_array
from .live import Explorer
from .sliders import value_slider
from .style import COLORS, ROLE_COLORS, new_figure

DEPTH_RANGE = (1e-15, 1e3)  # what reaches layer l, from the plain stack's 1e-13 to the residual stack's growth
CARRY_BIAS_RANGE = (-4.0, 2.0)
LINE_COLORS = [COLORS[name] for name in ("vermillion", "sky", "purple", "black")]
GATE_SHIFT_RANGE = (-4.0, 8.0)


def _profile(name, profile, depth=None):
    """One stack's curves, as depth_profile returns them: {"spread": (L + 1,), "gradient": (L + 1,)}, both > 0."""
    if not isinstance(profile, dict) or set(profile) != {"spread", "gradient"}:
        raise ValueError(f"{name}: expected a dict with 'spread' and 'gradient' (what depth_profile returns), "
                         f"got {type(profile).__name__} {sorted(profile) if isinstance(profile, dict) else ''}")
    shapes = Shapes(L=depth)
    curves = {key: shapes.check(f"{name}[{key!r}]", profile[key], ("L",)) for key in ("spread", "gradient")}
    for key, curve in curves.items():
        if (curve <= 0).any():
            raise ValueError(f"{name}[{key!r}]: expected positive norms (drawn on a log axis), got {curve.min():g}")
    return curves


def depth_flow_scene(fixed, run_highway):
    """Two panels over layers 0..L: how far apart the examples still are, and the gradient that reaches each layer.

    `fixed` maps a stack's name to its depth_profile (drawn as is); `run_highway(b_T)` returns the profile of the
    highway stack with carry bias b_T, the curve that `update(b_T)` moves.
    """
    if not isinstance(fixed, dict) or not 1 <= len(fixed) <= 3:
        raise ValueError(f"fixed: expected a dict of 1 to 3 {{name: depth_profile}}, got {type(fixed).__name__}")
    if not callable(run_highway):
        raise ValueError(f"run_highway: expected a function of b_T returning a depth_profile, "
                         f"got {type(run_highway).__name__}")
    profiles = {name: _profile(f"fixed[{name!r}]", profile) for name, profile in fixed.items()}
    depth = len(next(iter(profiles.values()))["spread"])
    profiles = {name: _profile(f"fixed[{name!r}]", p, depth) for name, p in profiles.items()}
    layers = np.arange(depth)
    fig, axes = new_figure(ncols=2, width=13, height=4.8)
    titles = {"spread": "signal: how far apart the examples stay", "gradient": "gradient reaching layer l"}
    for ax, key in zip(axes, ("spread", "gradient")):
        for (name, curves), color in zip(profiles.items(), LINE_COLORS):
            ax.plot(layers, np.clip(curves[key], *DEPTH_RANGE), color=color, label=name)
        ax.set(yscale="log", ylim=DEPTH_RANGE, xlim=(0, depth - 1), xlabel="layer l", title=titles[key])
    axes[0].set_ylabel("relative to layer 0")
    axes[1].set_ylabel("||dL/dh_l||, top = 1")
    moving = [ax.plot(layers, np.ones(depth), color=ROLE_COLORS["result"], linewidth=3.5, label="highway, b_T")[0]
              for ax in axes]
    legend = axes[1].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=12)

    def update(b_T):
        b_T = float(as_real_array("b_T", b_T))
        curves = _profile("run_highway(b_T)", run_highway(b_T), depth)
        for line, key in zip(moving, ("spread", "gradient")):
            line.set_ydata(np.clip(curves[key], *DEPTH_RANGE))
        legend.get_texts()[-1].set_text(f"highway, b_T = {b_T:.2f}")
        return moving + [legend.get_texts()[-1]]

    return fig, update


def plot_depth_flow(fixed, run_highway, b_T=-2.0):
    """The stacks in `fixed`, and the highway stack with carry bias b_T, across depth (see depth_flow_scene)."""
    fig, update = depth_flow_scene(fixed, run_highway)
    update(b_T)
    return fig


def depth_flow_explorer(fixed, run_highway, step=0.25):
    """Slide the highway layers' carry bias b_T: negative starts every layer near carry, and both curves rise.

    Every stack on the slider's steps is run once, here, so that a frame only redraws.
    """
    if not callable(run_highway):
        raise ValueError(f"run_highway: expected a function of b_T returning a depth_profile, "
                         f"got {type(run_highway).__name__}")
    low, high = CARRY_BIAS_RANGE
    ready = {round(b_T / step): run_highway(float(b_T)) for b_T in np.arange(low, high + step / 2, step)}
    fig, update = depth_flow_scene(fixed, lambda b_T: ready.get(round(b_T / step)) or run_highway(b_T))
    return Explorer(fig, update, {"b_T": value_slider("carry bias b_T", -2.0, low, high, step)})


def plot_attention_maps(maps):
    """Attention weights side by side, one panel per head: {title: (P (T, T), token labels)}. Row = the position
    that reads, column = the token read."""
    if not isinstance(maps, dict) or not 1 <= len(maps) <= 3:
        raise ValueError(f"maps: expected a dict of 1 to 3 {{title: (P, tokens)}}, got {type(maps).__name__}")
    checked = {}
    for title, value in maps.items():
        if not isinstance(value, tuple) or len(value) != 2 or not all(isinstance(t, str) for t in value[1]):
            raise ValueError(f"maps[{title!r}]: expected a pair (P, token labels), got {type(value).__name__}")
        shapes = Shapes(T=len(value[1]))
        P = as_gate_values(f"maps[{title!r}]", shapes.check(f"maps[{title!r}]", value[0], ("T", "T")))
        checked[title] = P, list(value[1])
    fig, axes = new_figure(ncols=len(checked), width=5.2 * len(checked) + 1, height=5.0)
    axes = np.atleast_1d(axes)
    for ax, (title, (P, tokens)) in zip(axes, checked.items()):
        image = ax.imshow(P, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
        ax.set(title=title, xticks=range(len(tokens)), yticks=range(len(tokens)), xlabel="token read")
        ax.set_xticklabels(tokens, rotation=90)
        ax.set_yticklabels(tokens)
        ax.grid(False)
    axes[0].set_ylabel("position reading")
    fig.colorbar(image, ax=list(axes), shrink=0.8, label="attention weight")
    return fig


def gate_opening_scene(tokens, target_norm, run):
    """Per position of one sequence: the head's gate (mean over its coordinates) and the size of what it outputs.

    `run(shift)` returns (gate (T,), output norm (T,)) with `shift` added to the gate's bias b_theta; `target_norm`
    is the size of what the head should output. The output axis holds the fully open gate (the slider's top end).
    """
    if not callable(run):
        raise ValueError(f"run: expected a function of the gate-bias shift, got {type(run).__name__}")
    shapes = Shapes(T=len(tokens))
    target = shapes.check("target_norm", target_norm, ("T",))
    widest = shapes.check("run(shift)[1]", run(GATE_SHIFT_RANGE[1])[1], ("T",))
    k = np.arange(len(tokens))
    fig, (ax_gate, ax_out) = new_figure(ncols=2, width=13, height=4.4)
    gate_bars = ax_gate.bar(k, np.zeros(len(k)), 0.6, color=ROLE_COLORS["gate"])
    ax_gate.set(ylim=(0, 1.05), title="output gate sigmoid(x W_theta + b_theta)")
    ax_out.bar(k - 0.2, target, 0.4, color=ROLE_COLORS["old"], label="should output")
    out_bars = ax_out.bar(k + 0.2, np.zeros(len(k)), 0.4, color=ROLE_COLORS["result"], label="gated head outputs")
    ax_out.set(ylim=(0, max(widest.max(), target.max(), 1e-9) * 1.25), title="size of the head's output ||y'||")
    ax_out.legend(loc="upper left", frameon=False, ncols=2, fontsize=12)
    for ax in (ax_gate, ax_out):
        ax.set(xticks=k)
        ax.set_xticklabels(tokens, rotation=90)

    def update(shift):
        shift = float(as_real_array("shift", shift))
        gate, size = run(shift)
        gate = as_gate_values("run(shift)[0]", shapes.check("run(shift)[0]", gate, ("T",)))
        size = shapes.check("run(shift)[1]", size, ("T",))
        for bar, value in zip(gate_bars, gate):
            bar.set_height(value)
        for bar, value in zip(out_bars, size):
            bar.set_height(value)
        ax_gate.title.set_text(f"output gate, bias shifted by {shift:+.1f}")
        return list(gate_bars) + list(out_bars) + [ax_gate.title]

    return fig, update


def plot_gate_opening(tokens, target_norm, run, shift=0.0):
    """The gated head's gate and output size per position, with its bias shifted by `shift` (see gate_opening_scene)."""
    fig, update = gate_opening_scene(tokens, target_norm, run)
    update(shift)
    return fig


def gate_opening_explorer(tokens, target_norm, run):
    """Slide a shift added to the trained gate's bias: opened by hand, the gate lets the head's average through."""
    fig, update = gate_opening_scene(tokens, target_norm, run)
    return Explorer(fig, update, {"shift": value_slider("gate bias shift", 0.0, *GATE_SHIFT_RANGE, 0.25)})


def plot_learning_curves(losses_by_model, baseline, window=25):
    """Training loss against step for each model (a running mean over `window` steps), with the task's baseline."""
    if not isinstance(losses_by_model, dict) or not 1 <= len(losses_by_model) <= len(LINE_COLORS):
        raise ValueError(f"losses_by_model: expected a dict of 1 to {len(LINE_COLORS)} {{model: losses}}, "
                         f"got {type(losses_by_model).__name__}")
    baseline = float(as_real_array("baseline", baseline))
    curves = {name: Shapes().check(f"losses_by_model[{name!r}]", losses, ("steps",))
              for name, losses in losses_by_model.items()}
    fig, ax = new_figure(width=10, height=4.4)
    for (name, losses), color in zip(curves.items(), LINE_COLORS[1:] + LINE_COLORS[:1]):
        if len(losses) < window:
            raise ValueError(f"losses_by_model[{name!r}]: expected at least window = {window} steps, got {len(losses)}")
        mean = np.convolve(losses, np.ones(window) / window, mode="valid")
        ax.plot(np.arange(window, len(losses) + 1), mean, color=color, label=name)
    ax.axhline(baseline, color="gray", linestyle="--", linewidth=1.5, label="baseline: predict the mean")
    ax.set(yscale="log", xlabel="training step", ylabel=f"training loss (mean of {window} steps)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=12)
    return fig
