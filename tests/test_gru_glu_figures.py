"""The figures of notebooks 07 and 08 draw, and change when a slider's value changes."""

import io

import numpy as np
from matplotlib.figure import Figure

from helpers.figures.glu import SHAZEER_TABLE1, plot_glu_variants, plot_linear_path, plot_shazeer_table1
from helpers.figures.gru import plot_gru_gates, plot_param_counts


def pixels(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


H_PREV, INPUT_PART, HIDDEN_PART = np.array([[0.8, -0.5, 0.3]]), np.array([[0.2, 0.4, -0.6]]), np.array([[1.0, -1.2, 0.5]])


def gru_figure(z, r):
    return plot_gru_gates(H_PREV, INPUT_PART, HIDDEN_PART, np.full((1, 3), z), np.full((1, 3), r))


def test_gru_sliders_redraw():
    assert pixels(gru_figure(0.5, 1.0)) != pixels(gru_figure(0.9, 1.0))
    assert pixels(gru_figure(0.5, 1.0)) != pixels(gru_figure(0.5, 0.2))


def test_glu_sliders_redraw():
    assert pixels(plot_glu_variants(1.0, -2.0)) != pixels(plot_glu_variants(2.0, -2.0))
    assert pixels(plot_glu_variants(1.0, -2.0)) != pixels(plot_glu_variants(1.0, 3.0))


def test_shazeer_chart_cites_the_paper_and_holds_its_numbers():
    fig = plot_shazeer_table1()
    ax = fig.axes[0]
    assert "Shazeer 2020, Table 1" in ax.get_title() and "the paper's numbers" in ax.get_title()
    heights = [patch.get_height() for patch in ax.patches]
    assert heights == [1.997, 1.983, 1.994, 1.982, 1.960, 1.953, 1.942, 1.944]
    assert list(SHAZEER_TABLE1) == ["ReLU", "GELU", "Swish", "GLU", "Bilinear", "ReGLU", "GEGLU", "SwiGLU"]


def test_static_figures_are_figures():
    assert isinstance(plot_linear_path(2.0), Figure)
    assert isinstance(plot_param_counts({"GRU": 30, "LSTM": 40}), Figure)
