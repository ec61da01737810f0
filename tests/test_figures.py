"""Figure functions are pure: numbers in, a Figure out, drawing exactly the numbers they were given."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.figures.gate import plot_gate, plot_sigmoid_slope
from helpers.figures.gated_rnn import plot_half_life, plot_keep_overwrite, plot_plain_vs_gated
from helpers.figures.style import COLORS, COURSE_RC, use_course_style


def bar_heights(ax):
    return [patch.get_height() for patch in ax.patches]


def test_sigmoid_slope_marks_the_point():
    fig = plot_sigmoid_slope(4.0)
    assert isinstance(fig, Figure)
    ax_g, ax_slope = fig.axes
    marker = ax_g.lines[-1].get_ydata()[0]
    assert marker == pytest.approx(1 / (1 + np.exp(-4)))
    assert ax_slope.lines[-1].get_ydata()[0] == pytest.approx(marker * (1 - marker))


def test_plot_gate_draws_v_g_and_their_product():
    z, v = np.array([[0.0, 2.0, -1.0]]), np.array([[6.0, 8.0, 9.0]])
    fig = plot_gate(z, v)
    g = 1 / (1 + np.exp(-z[0]))
    np.testing.assert_allclose(bar_heights(fig.axes[1]), g)
    np.testing.assert_allclose(bar_heights(fig.axes[2]), np.concatenate([v[0], g * v[0]]))


def test_keep_overwrite_draws_the_worked_blend():
    s_prev, s_tilde, g = np.array([[0.5, -0.8, 0.3]]), np.array([[0.9, 0.2, -0.6]]), np.array([[1.0, 0.0, 1.0]])
    heights = bar_heights(plot_keep_overwrite(s_prev, s_tilde, g).axes[0])
    np.testing.assert_allclose(heights[6:], [0.9, -0.8, -0.6])  # overwrite, keep, overwrite


def test_half_life_figure_marks_the_half_life():
    ax = plot_half_life(0.1).axes[0]
    assert "6.6 steps" in ax.get_title()
    assert ax.lines[-1].get_xdata()[0] == pytest.approx(np.log(0.5) / np.log(0.9))
    assert "for ever" in plot_half_life(0.0).axes[0].get_title()


def test_plain_vs_gated_starts_from_the_memory():
    s0 = np.array([[0.9, -0.6, 0.4]])
    states = np.zeros((1, 4, 3))
    fig = plot_plain_vs_gated(s0, states, states + 1)
    first_line = fig.axes[0].lines[0]
    np.testing.assert_allclose(first_line.get_ydata(), [0.9, 0, 0, 0, 0])
    np.testing.assert_allclose(fig.axes[1].lines[0].get_ydata(), [0.9, 1, 1, 1, 1])


def test_course_style_is_large_and_colour_blind_safe():
    use_course_style()
    import matplotlib as mpl
    assert mpl.rcParams["font.size"] >= 14
    cycle = [c.lower() for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle[:4] == [COLORS[k].lower() for k in ("blue", "orange", "green", "vermillion")]
    assert COURSE_RC["figure.dpi"] <= 100  # keeps stored notebooks light
