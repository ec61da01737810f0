"""Notebook 01's gate figure: the labels g1, g2, ... of the points on the sigmoid never collide, whatever the sliders."""

import itertools

import numpy as np

from helpers.activations import sigmoid
from helpers.figures.gate import Z_RANGE, gate_explorer


def test_point_labels_never_overlap_each_other_the_curve_or_the_panel_edge():
    rng = np.random.default_rng(1)  # notebook 01's own h_prev, x_t and W
    h_prev, x_t, W = rng.normal(size=(1, 3)), rng.normal(size=(1, 4)), rng.normal(size=(7, 3))
    explorer = gate_explorer(np.concatenate([h_prev, x_t], axis=1), W, np.array([[6.0, 8.0, 9.0]]))
    ax = explorer.figure.axes[0]
    renderer = explorer.canvas.get_renderer()
    labels = [text for text in ax.texts if text.get_text().startswith("g")]
    curve = ax.transData.transform(np.column_stack([Z_RANGE, sigmoid(Z_RANGE)]))
    panel = ax.get_window_extent(renderer)
    for b, a in itertools.product(np.arange(-6, 6.01, 1.0), np.arange(0, 5.01, 0.5)):
        explorer.update(b=round(b, 1), a=round(a, 1))
        boxes = [label.get_window_extent(renderer) for label in labels]
        for one, other in itertools.combinations(boxes, 2):
            assert not one.overlaps(other), (b, a)
        for box in boxes:
            assert panel.x0 <= box.x0 and box.x1 <= panel.x1 and panel.y0 <= box.y0 and box.y1 <= panel.y1, (b, a)
            inside = ((box.x0 < curve[:, 0]) & (curve[:, 0] < box.x1) & (box.y0 < curve[:, 1]) & (curve[:, 1] < box.y1))
            assert not inside.any(), (b, a)
