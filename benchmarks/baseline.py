"""The yardstick every slider is held to: drawing and PNG-encoding a bare two-axes figure at the course's size."""

import io
import statistics
import time

from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers.figures.style import COURSE_RC, new_figure, use_course_style


def bare_figure_ms(repeats=15):
    """Median milliseconds to draw and encode as PNG a new two-axes figure of the course's usual size and dpi."""
    use_course_style()
    width, height = COURSE_RC["figure.figsize"]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fig, _ = new_figure(ncols=2, width=width, height=height)
        FigureCanvasAgg(fig).print_png(io.BytesIO())
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)
