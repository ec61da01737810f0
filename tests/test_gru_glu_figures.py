"""The figures of notebooks 07 and 08 draw, and change when a slider's value changes."""

import io

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.diagrams.gru_glu import draw_gru_cell
from helpers.figures.glu import (SHAZEER_SPREAD, SHAZEER_STEPS, SHAZEER_TABLE1, plot_glu_variants, plot_linear_path,
                                plot_shazeer_table1)
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


# Shazeer (2020), arXiv:2002.05202, Table 1: log-perplexity at 65,536 steps (spread over 4 runs) and at 524,288 steps.
PAPER_TABLE1 = {"ReLU": (1.997, 0.005, 1.677), "GELU": (1.983, 0.005, 1.679), "Swish": (1.994, 0.003, 1.683),
                "GLU": (1.982, 0.006, 1.663), "Bilinear": (1.960, 0.005, 1.648), "ReGLU": (1.953, 0.003, 1.645),
                "GEGLU": (1.942, 0.004, 1.633), "SwiGLU": (1.944, 0.010, 1.636)}


def test_shazeer_numbers_are_the_papers():
    assert list(SHAZEER_TABLE1) == ["ReLU", "GELU", "Swish", "GLU", "Bilinear", "ReGLU", "GEGLU", "SwiGLU"]
    assert SHAZEER_STEPS == (65_536, 524_288)
    assert {name: (short, SHAZEER_SPREAD[name], long) for name, (short, long) in SHAZEER_TABLE1.items()} == PAPER_TABLE1


def test_shazeer_chart_cites_the_paper_and_holds_its_numbers():
    fig = plot_shazeer_table1()
    ax = fig.axes[0]
    assert "Shazeer 2020, Table 1" in ax.get_title() and "the paper's numbers" in ax.get_title()
    bars = ax.patches
    assert len(bars) == 2 * len(PAPER_TABLE1)  # one bar per variant and training length
    # Each bar is the variant's log-perplexity minus ReLU's at the same length: adding ReLU's back gives the paper's.
    short, long = [bar.get_height() for bar in bars[:8]], [bar.get_height() for bar in bars[8:]]
    assert np.array(short) + 1.997 == pytest.approx([row[0] for row in PAPER_TABLE1.values()], abs=1e-12)
    assert np.array(long) + 1.677 == pytest.approx([row[2] for row in PAPER_TABLE1.values()], abs=1e-12)
    # The paper's numbers are printed under each name, and the whiskers are the short runs' spread.
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels == [f"{name}\n{a:.3f}\n{c:.3f}" for name, (a, _, c) in PAPER_TABLE1.items()]
    (whiskers,) = ax.collections
    spans = [top - bottom for (_, bottom), (_, top) in (segment for segment in whiskers.get_segments())]
    assert spans == pytest.approx([2 * row[1] for row in PAPER_TABLE1.values()])


def test_shazeer_chart_does_not_blow_up_small_differences():
    bottom, top = plot_shazeer_table1().axes[0].get_ylim()
    assert bottom < -0.055 and top > 0.006  # every bar and whisker in view
    assert 0.002 / (top - bottom) < 0.05  # GEGLU against SwiGLU, 0.002 apart, is a sliver of the axis


def test_glu_variants_figure_has_one_title_line():
    fig = plot_glu_variants(1.0, -2.0)
    assert fig.get_suptitle().startswith("every variant at A = 1.00")
    assert [ax.get_title() for ax in fig.axes] == ["", "", ""]  # each panel names its quantity under its axis
    assert [ax.get_xlabel() for ax in fig.axes] == ["output y", "dy/dA (linear branch)", "dy/dB (gate branch)"]


def test_gru_diagram_draws_the_old_state_into_the_candidate():
    texts = [text.get_text() for text in draw_gru_cell().axes[0].texts]
    assert "h_prev @ W_hh + b_hh" in texts and "r ⊙ (h_prev @ W_hh + b_hh)" in texts


def test_static_figures_are_figures():
    assert isinstance(plot_linear_path(2.0), Figure)
    assert isinstance(plot_param_counts({"GRU": 30, "LSTM": 40}), Figure)
