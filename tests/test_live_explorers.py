"""Every notebook's live explorers, built by the notebook's own code: every slider redraws the one figure, on fixed
axes."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from benchmarks.sliders import notebook_explorers
from helpers.figures.glu import glu_explorer, plot_glu_variants
from helpers.figures.gru import plot_gru_gates
from helpers.figures.input_gate import accumulation_explorer, plot_accumulation, plot_cell_update
from helpers.figures.output_gate import plot_hide_reveal, plot_output
from notebook_tools import NOTEBOOK_PATHS, read, tags

# The inputs the notebooks use.
C_PREV, C_TILDE = np.array([[0.5, -0.3, 0.8]]), np.array([[0.768, 0.047, 0.986]])
C_T = np.array([[2.0, -0.5, 0.1]])
H_PREV, INPUT_PART, HIDDEN_PART = np.array([[0.8, -0.5, 0.3]]), np.array([[0.2, 0.4, -0.6]]), np.array([[1.0, -1.2, 0.5]])
T = 20


def run(open_at):
    """Notebook 05's run: write 0.9 at step 1, hold it, open the output gate at step open_at."""
    o = (np.arange(1, T + 1) >= open_at).astype(float)
    c = np.full(T, 0.9)
    return o, c, o * np.tanh(c)


def scales(figure):
    """Every axis limit and colour limit of the figure: what must not move while a slider does."""
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in figure.axes]
    colours = [image.get_clim() for ax in figure.axes for image in ax.images]
    return limits, colours


def across(slider):
    """Values across a slider's whole range, both ends included."""
    if isinstance(slider.value, int):
        return list(range(slider.min, slider.max + 1, max(1, (slider.max - slider.min) // 6)))
    return [float(v) for v in np.linspace(slider.min, slider.max, 5)]


@pytest.fixture(scope="module", params=NOTEBOOK_PATHS, ids=[path.name for path in NOTEBOOK_PATHS])
def notebook_explorers_of(request):
    """The explorers a notebook builds, from its own code run top to bottom, as the learner gets them."""
    return request.param.name, notebook_explorers(request.param)


def test_every_slider_redraws_the_same_figure_on_fixed_axes(notebook_explorers_of):
    notebook, explorers = notebook_explorers_of
    for name, explorer in explorers:
        figure, before = explorer.figure, scales(explorer.figure)
        engine = figure.get_layout_engine()  # no constrained or tight layout runs per frame
        assert engine is None or type(engine).__name__ == "PlaceHolderLayoutEngine", f"{name}: {engine} per frame"
        for slider_name, slider in explorer.sliders.items():
            assert slider.continuous_update, f"{notebook} {name}: {slider_name} redraws only on release"
            start = slider.value
            frame, frames = explorer.image.value, explorer.frames
            for value in across(slider):
                if value == slider.value:
                    continue
                new = explorer.update(**{slider_name: value})
                assert new != frame, f"{notebook} {name}: moving {slider_name} to {value} left the picture as it was"
                assert scales(figure) == before, f"{notebook} {name}: moving {slider_name} to {value} rescaled an axis"
                frame = new
            explorer.update(**{slider_name: start})
            assert explorer.frames > frames
        assert explorer.figure is figure


def test_every_notebook_from_01_has_an_explorer():
    for path in NOTEBOOK_PATHS:
        if path.name >= "01":
            assert any("explorer" in tags(cell) for cell in read(path).cells), path.name


def test_the_accumulation_range_holds_the_worst_case_and_shows_settling():
    explorer = accumulation_explorer(0.8)
    ax = explorer.figure.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    low, high = ax.get_ylim()
    # f = 1, i = 1 grows to steps * c_tilde = 800; f = 0 with the smallest write, i = 0.01, stays at 0.008.
    assert high >= 1000 * 0.8 and low <= 0.01 * 0.8
    lines = {line.get_label(): line for line in ax.get_lines()}
    curve, bend = lines["c_t, with c_tilde = 0.80"], lines["t = 1 / (1 - f)"]
    explorer.update(f=1.0, i=1.0)
    assert curve.get_ydata()[-1] == pytest.approx(800.0) and not bend.get_visible()
    for f, fixed in ((0.9, 4.0), (0.99, 40.0)):  # i * c_tilde / (1 - f): f = 0.99 settles in view too
        explorer.update(f=f, i=0.5)
        assert curve.get_ydata()[-1] == pytest.approx(fixed, rel=1e-3)
        assert bend.get_xdata()[0] == pytest.approx(1 / (1 - f)) and bend.get_visible()
    explorer.update(i=0.0)
    assert np.isnan(curve.get_ydata()).all()  # nothing written: nothing to draw on a log axis


def test_the_hide_reveal_legend_sits_beside_the_lines():
    fig = plot_hide_reveal(*run(12))
    fig.draw_without_rendering()
    ax_state = fig.axes[1]
    assert ax_state.get_legend().get_window_extent().x0 >= ax_state.get_window_extent().x1


def test_the_glu_axes_hold_every_variant_over_the_sliders_range():
    explorer = glu_explorer()
    limits = [ax.get_xlim()[1] for ax in explorer.figure.axes]
    # Bilinear's y = A * B reaches 4 * 6, its dy/dA = B reaches 6 and its dy/dB = A reaches 4 (GEGLU's a little more).
    assert limits[:2] == pytest.approx([24 * 1.1, 6 * 1.1]) and limits[2] >= 4 * 1.1
    for A, B in ((4.0, 6.0), (-4.0, -6.0), (-4.0, 6.0)):
        explorer.update(A=A, B=B)
        widths = [abs(bar.get_width()) for ax in explorer.figure.axes for bar in ax.patches]
        assert max(widths) <= max(limits)


STATIC = [
    (lambda: plot_cell_update(C_PREV, C_TILDE, 0.5, 0.5), lambda: plot_cell_update(C_PREV, C_TILDE, 0.5, 1.5)),
    (lambda: plot_accumulation(0.9, 0.5, 0.8), lambda: plot_accumulation(0.9, 0.5, -0.3)),
    (lambda: plot_output(C_T, [[0.3, 0.6, 0.9]]), lambda: plot_output(C_T, [[0.3, 0.6]])),
    (lambda: plot_hide_reveal(*run(12)), lambda: plot_hide_reveal(np.full(T, 2.0), *run(12)[1:])),
    (lambda: plot_gru_gates(H_PREV, INPUT_PART, HIDDEN_PART, np.full((1, 3), 0.5), np.ones((1, 3))),
     lambda: plot_gru_gates(H_PREV, INPUT_PART, HIDDEN_PART, np.full((1, 3), 0.5), np.full((1, 3), np.nan))),
    (lambda: plot_glu_variants(1.0, -2.0), lambda: plot_glu_variants(1.0, -2.0, beta=[1.0])),
]


@pytest.mark.parametrize("good, bad", STATIC, ids=["cell_update", "accumulation", "output", "hide_reveal",
                                                   "gru_gates", "glu_variants"])
def test_the_static_figure_still_draws_and_still_refuses_bad_input(good, bad):
    assert isinstance(good(), Figure)
    with pytest.raises(ValueError):
        bad()


def test_a_static_glu_point_outside_the_sliders_still_fits():
    fig = plot_glu_variants(10.0, 10.0)
    assert fig.axes[0].get_xlim()[1] >= 100
