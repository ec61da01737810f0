"""Every slider of every explorer, driven through the real explorer object that the notebook builds.

Each notebook's code cells run in one namespace, as a kernel would run them; each explorer cell's value is the
`Explorer` the learner sees. Every slider is then moved through values across its whole range, and each change is
timed until its frame is finished: `Explorer.update` draws the frame and encodes the PNG the browser shows.
"""

import ast
import contextlib
import io
import statistics
import time
from functools import partial

import nbformat
import numpy as np

from helpers.figures.live import Explorer

MOVES = 12  # values per slider, spread over its whole range


def explorer_cells(path):
    """Run a notebook's code in-process, as a kernel runs it, stopping at each explorer cell to yield (explorer name,
    build): build() evaluates that cell in the notebook's namespace as it is there, and returns its Explorer."""
    notebook = nbformat.read(path, as_version=4)
    namespace = {"__name__": "__main__"}

    def build(source):
        with contextlib.redirect_stdout(io.StringIO()):
            explorer = eval(compile(source, path.name, "eval"), namespace)
        if not isinstance(explorer, Explorer):
            raise TypeError(f"{path.name}: the explorer cell {source!r} gave {type(explorer).__name__}")
        return explorer

    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
        if "explorer" in cell.metadata.get("tags", []):
            yield ast.parse(source, mode="eval").body.func.id, partial(build, source)
        else:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, path.name, "exec"), namespace)


def notebook_explorers(path):
    """Run a notebook's code in-process and return [(explorer name, Explorer)] for its explorer cells, in order."""
    return [(name, build()) for name, build in explorer_cells(path)]


def slider_values(slider, moves=MOVES):
    """`moves` values across the slider's range, on its steps, ending away from where it started."""
    values = np.linspace(slider.min, slider.max, moves)
    if isinstance(slider.value, int):
        values = np.unique(np.round(values).astype(int))
    return [type(slider.value)(v) for v in values]


def time_slider(explorer, name, moves=MOVES):
    """Milliseconds for each change of one slider, frame included; the slider is put back where it was."""
    start_value, times = explorer.sliders[name].value, []
    for value in slider_values(explorer.sliders[name], moves):
        start = time.perf_counter()
        explorer.update(**{name: value})
        times.append(1e3 * (time.perf_counter() - start))
    explorer.update(**{name: start_value})
    return times


def slider_rows(notebook_paths, moves=MOVES):
    """One row per slider: which notebook, explorer and slider, whether it is live, its median and worst change."""
    rows = []
    for path in notebook_paths:
        for explorer_name, explorer in notebook_explorers(path):
            for name, slider in explorer.sliders.items():
                times = time_slider(explorer, name, moves)
                rows.append({"notebook": path.name, "explorer": explorer_name, "slider": name,
                             "continuous": bool(slider.continuous_update), "median_ms": statistics.median(times),
                             "max_ms": max(times)})
    return rows
