"""Slider plumbing shared by every explorer: one look for gate sliders, one way to wire them to a figure."""

from ipywidgets import FloatSlider, IntSlider, Layout, interact

SLIDER_LAYOUT = {"width": "30em"}


def value_slider(description, value, low, high, step=0.01):
    """A slider that redraws when released (figures take a moment), wide enough to read on a projector."""
    return FloatSlider(value=value, min=low, max=high, step=step, description=description,
                       continuous_update=False, readout_format=".2f",
                       style={"description_width": "8em"}, layout=Layout(**SLIDER_LAYOUT))


def step_slider(description, value, low, high):
    """A slider for a whole number, such as a time step, in the same look as value_slider."""
    if not low <= value <= high:
        raise ValueError(f"value: expected a whole number from {low} to {high}, got {value!r}")
    return IntSlider(value=value, min=low, max=high, step=1, description=description, continuous_update=False,
                     style={"description_width": "8em"}, layout=Layout(**SLIDER_LAYOUT))


def gate_slider(description, value=0.5):
    """A slider for a gate value: it can only be set between 0 and 1."""
    return value_slider(description, value, 0.0, 1.0)


def explore_gate_row(figure_of_gate, name, size, value=0.5):
    """Sliders name_1 .. name_size, one per coordinate of a gate; `figure_of_gate` gets them as a (1, size) row."""
    names = [f"{name}_{k + 1}" for k in range(size)]
    return explore(lambda **gates: figure_of_gate([[gates[n] for n in names]]),
                   **{n: gate_slider(n, value) for n in names})


def explore(figure_function, **sliders):
    """Show `figure_function`'s figure under its sliders; moving one redraws the figure."""
    return interact(figure_function, **sliders)
