"""A live explorer draws its figure once, then redraws only what a slider moves, without layout or a new figure."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.figures.forget_gate import forget_bias_explorer, forget_explorer
from helpers.figures.gate import gate_explorer, saturation_explorer
from helpers.figures.gated_rnn import half_life_explorer, plot_half_life
from helpers.figures.live import Explorer
from helpers.figures.sliders import gate_slider, step_slider, value_slider
from helpers.figures.style import new_figure


def png_pixels(frame):
    import io

    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(frame)).convert("RGB"), dtype=int)


def test_moving_a_slider_redraws_the_same_figure_in_place():
    explorer = forget_explorer(np.array([[6.0, 8.0, 9.0]]))
    figure, first = explorer.figure, explorer.image.value
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in figure.axes]
    frame = explorer.update(f_2=0.1)
    assert frame != first and explorer.image.value == frame
    assert explorer.figure is figure and figure.get_layout_engine().__class__.__name__ == "PlaceHolderLayoutEngine"
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in figure.axes] == limits
    assert explorer.values == {"f_1": 0.5, "f_2": 0.1, "f_3": 0.5}
    assert explorer.sliders["f_2"].value == 0.1  # the code moved the real slider


def test_a_slider_moved_by_hand_draws_a_frame():
    explorer = half_life_explorer()
    frames = explorer.frames
    explorer.sliders["g"].value = 0.3  # what the widget front end does while the handle moves
    assert explorer.frames == frames + 1
    assert explorer.update(g=0.3) == explorer.image.value


def test_update_of_several_sliders_draws_one_frame():
    explorer = gate_explorer(np.ones((1, 2)), np.eye(2), np.array([[1.0, -1.0]]))
    frames = explorer.frames
    explorer.update(a=2.0, b=-1.0)
    assert explorer.frames == frames + 1


def test_the_live_frame_matches_the_static_figure():
    # The same scene draws both, so a live frame shows what the static figure shows at the same value.
    explorer = half_life_explorer()
    live = png_pixels(explorer.update(g=0.25))
    static_figure = plot_half_life(0.25)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from helpers.figures.live import png_bytes
    canvas = FigureCanvasAgg(static_figure)
    canvas.draw()
    static = png_pixels(png_bytes(canvas))
    assert live.shape == static.shape
    # Anti-aliasing of a curve drawn over a cached background differs in a few edge pixels, never in the picture.
    assert np.mean(np.abs(live - static) > 60) < 0.002


def test_every_slider_is_continuous():
    for slider in (value_slider("x", 0.0, -1.0, 1.0), gate_slider("g"), step_slider("t", 1, 1, 5)):
        assert slider.continuous_update


def test_without_a_kernel_the_explorer_reads_as_a_sentence():
    bundle = saturation_explorer()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Live figure with sliders (z)")
    assert "static figure just above" in bundle["text/plain"]


def test_explorer_refuses_what_it_cannot_draw_live():
    fig, ax = new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    slider = {"y": value_slider("y", 0.5, 0.0, 1.0)}
    with pytest.raises(ValueError, match="update: expected a function"):
        Explorer(fig, None, slider)
    with pytest.raises(ValueError, match="sliders: expected at least one"):
        Explorer(fig, lambda: [line], {})
    with pytest.raises(ValueError, match="update: expected it to return the artists"):
        Explorer(fig, lambda y: [], slider)

    def new_artist_each_time(y):
        return [ax.plot([0, 1], [y, y])[0]]

    with pytest.raises(RuntimeError, match="in place"):
        Explorer(fig, new_artist_each_time, slider)


def test_update_names_the_sliders_it_knows():
    explorer = forget_bias_explorer()
    with pytest.raises(ValueError, match=r"values: expected slider names among \['b_f'\], got \['f'\]"):
        explorer.update(f=0.3)


def test_explorer_figure_is_a_plain_figure():
    assert isinstance(saturation_explorer().figure, Figure)
