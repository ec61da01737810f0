"""Each explorer's frames sent both ways (helpers/figures/live.py): today's `Image` with the PNG in a binary buffer,
and the `HTML` with the PNG as a data URL that Colab gets.

Every explorer cell is built twice at its place in the notebook, once per way, and the two explorers are moved through
the same slider values in turn, so they draw the same frames. A frame is timed from the slider's move until its
message is ready to leave the kernel: drawn, encoded as PNG, put in its widget, and the widget's update serialised as
ipykernel's Session does it (JSON, signed with HMAC-SHA256; binary buffers travel beside it, unsigned). Its bytes are
that JSON and those buffers. What the browser then does with either is not timed here; the browser test drags both.
"""

import hashlib
import hmac
import json
import os
import statistics
import time
from contextlib import contextmanager

from ipywidgets.widgets.widget import _remove_buffers

from benchmarks.sliders import MOVES, explorer_cells, slider_values
from helpers.figures.live import FRAME_WAYS, FRAMES_VARIABLE

SESSION_KEY = os.urandom(32)  # a kernel signs every message with its connection's key


@contextmanager
def frames_sent(way):
    """GATES_FRAMES set to `way` while explorers are built, as it was afterwards."""
    before = os.environ.get(FRAMES_VARIABLE)
    os.environ[FRAMES_VARIABLE] = way
    try:
        yield
    finally:
        if before is None:
            del os.environ[FRAMES_VARIABLE]
        else:
            os.environ[FRAMES_VARIABLE] = before


def wire_bytes(widget):
    """The bytes of the update message that shows `widget`'s new value, serialised and signed as the kernel would."""
    state, buffer_paths, buffers = _remove_buffers(widget.get_state("value"))
    content = json.dumps({"method": "update", "state": state, "buffer_paths": buffer_paths}).encode()
    hmac.new(SESSION_KEY, content, hashlib.sha256).digest()
    return len(content) + sum(len(buffer) for buffer in buffers)


def frame_rows(notebook_paths, moves=MOVES):
    """One row per explorer and way: {"notebook", "explorer", "way", "frames", "median_ms", "bytes"} (per frame)."""
    rows = []
    for path in notebook_paths:
        for name, build in explorer_cells(path):
            explorers = {}
            for way in FRAME_WAYS:
                with frames_sent(way):
                    explorers[way] = build()
            times, sizes = {way: [] for way in FRAME_WAYS}, {way: [] for way in FRAME_WAYS}
            for slider, control in explorers[FRAME_WAYS[0]].sliders.items():
                for value in slider_values(control, moves):
                    for way, explorer in explorers.items():  # in turn, so that the machine's load falls on both
                        start = time.perf_counter()
                        explorer.update(**{slider: value})
                        size = wire_bytes(explorer.image.widget)
                        times[way].append(1e3 * (time.perf_counter() - start))
                        sizes[way].append(size)
                    if len({explorer.image.value for explorer in explorers.values()}) != 1:
                        raise RuntimeError(f"{path.name} {name}: the two ways drew different frames at {slider} = "
                                           f"{value}, so their times would not compare")
            rows += [{"notebook": path.name, "explorer": name, "way": way, "frames": len(times[way]),
                      "median_ms": statistics.median(times[way]), "bytes": int(statistics.median(sizes[way]))}
                     for way in FRAME_WAYS]
    return rows
