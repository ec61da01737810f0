"""The course's sliders: one look, wide enough to read on a projector, and live while the handle moves."""

from ipywidgets import FloatSlider, IntSlider, Layout

SLIDER_LAYOUT = {"width": "30em"}
SLIDER_STYLE = {"description_width": "8em"}


def value_slider(description, value, low, high, step=0.01):
    """A slider for a number from low to high; its figure follows the handle while it is dragged."""
    if not low <= value <= high:
        raise ValueError(f"value: expected a number from {low} to {high}, got {value!r}")
    return FloatSlider(value=value, min=low, max=high, step=step, description=description, continuous_update=True,
                       readout_format=".2f", style=SLIDER_STYLE, layout=Layout(**SLIDER_LAYOUT))


def step_slider(description, value, low, high):
    """A slider for a whole number, such as a time step, in the same look as value_slider."""
    if not low <= value <= high:
        raise ValueError(f"value: expected a whole number from {low} to {high}, got {value!r}")
    return IntSlider(value=value, min=low, max=high, step=1, description=description, continuous_update=True,
                     style=SLIDER_STYLE, layout=Layout(**SLIDER_LAYOUT))


def gate_slider(description, value=0.5):
    """A slider for a gate value: it can only be set between 0 and 1."""
    return value_slider(description, value, 0.0, 1.0)


def gate_row_sliders(name, size, value=0.5):
    """Sliders name_1 .. name_size, one per coordinate of a gate, by name."""
    return {f"{name}_{k + 1}": gate_slider(f"{name}_{k + 1}", value) for k in range(size)}


def as_row(values, name, size):
    """The values of the sliders name_1 .. name_size as one (1, size) row, the shape of a gate."""
    return [[values[f"{name}_{k + 1}"] for k in range(size)]]
