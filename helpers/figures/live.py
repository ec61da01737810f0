"""A live figure: drawn once, then redrawn in place, only the artists a slider moves, while the slider moves.

Every explorer of the course is an `Explorer`. Its figure comes from the same scene function as the static figure
above it, `scene(...) -> (figure, update)`, where `update(**values)` changes artists in place (heights, data, text)
and returns the artists it changed, as matplotlib's FuncAnimation asks of its function. The first frame lays the
figure out; after that the layout is frozen and each frame restores the still background, draws the moving artists
over it, and sends one PNG to the browser. No frame builds a figure or runs a layout.

A fast drag does not queue stale frames: the widget front end sends a slider's next value only once the kernel has
finished the previous one, and merges what came in between, so the next frame drawn is always for the latest value.

A frame reaches the browser one of two ways. By default, as PNG bytes in an ipywidgets `Image`, which travel as a
binary buffer beside the widget's message. A front end that handles the core widgets but no binary buffers (Google
Colab's: googlecolab/colab-cdn-widget-manager#33) gets it as a PNG data URL in an `<img>` inside an ipywidgets `HTML`,
a third more bytes and no slower to make (`make bench`). Colab gets the HTML way by itself; anywhere else, set the
environment variable GATES_FRAMES to `html` (or `image`) for the kernel. It is read each time an Explorer is made.
"""

import base64
import html
import io
import os
import sys
from functools import partial

from ipywidgets import HTML, Image, Layout, VBox
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image as PILImage

from ..widget_view import widget_view

LIVE_HINT = ("Live figure with sliders ({names}): run this notebook in JupyterLab (or on Binder) to move them. "
             "The static figure just above shows the same picture at its default values.")
FRAMES_VARIABLE = "GATES_FRAMES"
FRAME_WAYS = ("image", "html")
FRAME_CLASS = "gates-frame"  # on the <img> either way, so that a page (and the browser test) finds the frame
# What a screen reader says of the HTML way's <img>. The hook for describing the figure itself, as the sliders move.
FRAME_ALT = "live figure"


def png_bytes(canvas):
    """What the canvas holds now, as PNG bytes; fast compression, since a frame lives for a fraction of a second."""
    width, height = canvas.get_width_height(physical=True)
    picture = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    picture.convert("RGB").save(out, format="png", compress_level=1)
    return out.getvalue()


def frame_way(environ=os.environ, modules=sys.modules):
    """How an explorer made now sends its frames: GATES_FRAMES if set, else "html" on Colab and "image" elsewhere."""
    way = environ.get(FRAMES_VARIABLE) or ("html" if "google.colab" in modules else "image")
    if way not in FRAME_WAYS:
        raise ValueError(f"{FRAMES_VARIABLE}: expected one of {', '.join(FRAME_WAYS)} (or unset), got {way!r}")
    return way


def png_img(png, alt=FRAME_ALT):
    """An <img> holding `png` as a data URL: the HTML way of sending a frame, with no binary buffer."""
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return (f'<img class="{FRAME_CLASS}" src="{source}" alt="{html.escape(alt)}" '
            'style="display: block; width: 100%; height: auto">')


class Frame:
    """An explorer's picture: the PNG bytes it shows now (`value`) and the widget that shows them, sent either way."""

    def __init__(self, way, width, png, alt=FRAME_ALT):
        if way not in FRAME_WAYS:
            raise ValueError(f"way: expected one of {', '.join(FRAME_WAYS)}, got {way!r}")
        layout = Layout(width=f"{width}px", max_width="100%")
        self.way, self.alt, self._png = way, alt, png
        if way == "image":
            self.widget = Image(value=png, format="png", layout=layout)
            self.widget.add_class(FRAME_CLASS)
        else:
            self.widget = HTML(value=png_img(png, alt), layout=layout)

    @property
    def value(self):
        """The PNG bytes shown now."""
        return self._png

    @value.setter
    def value(self, png):
        self._png = png
        self.widget.value = png if self.way == "image" else png_img(png, self.alt)


class Explorer:
    """Sliders over a figure drawn once; moving one redraws only the artists that `update` changes.

    `figure` and `update` come from a scene function; `sliders` maps each keyword of `update` to its slider.
    `explorer.update(name=value, ...)` moves the sliders from code and draws the frame, as a hand would;
    `explorer.image.value` is the PNG of the frame shown now, whichever way it was sent.
    """

    def __init__(self, figure, update, sliders):
        if not callable(update):
            raise ValueError(f"update: expected a function of the slider values, got {type(update).__name__}")
        if not sliders:
            raise ValueError("sliders: expected at least one {name: slider}, got none")
        way = frame_way()  # before any drawing, so that a bad GATES_FRAMES fails at once
        self.figure, self._update, self.sliders = figure, update, dict(sliders)
        self.canvas = FigureCanvasAgg(figure)
        self._moving = self._changed_artists()
        self.canvas.draw()  # the one layout pass, with every artist where the first frame puts it
        figure.set_layout_engine("none")
        for artist in self._moving:
            artist.set_animated(True)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(figure.bbox)
        self._holding = False
        self.frames = 0
        width, _ = self.canvas.get_width_height()
        self.image = Frame(way, width, self._frame())
        for name, slider in self.sliders.items():
            slider.observe(partial(self._on_slide, name), names="value")
        self.widget = VBox([*self.sliders.values(), self.image.widget])
        self.widget.add_class("gates-explorer")

    @property
    def values(self):
        """The sliders' current values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def update(self, **values):
        """Set some sliders from code, then draw the one frame for all of them; returns that frame's PNG bytes."""
        unknown = sorted(set(values) - set(self.sliders))
        if unknown:
            raise ValueError(f"values: expected slider names among {sorted(self.sliders)}, got {unknown}")
        self._holding = True  # one frame for the whole change, not one per slider
        try:
            for name, value in values.items():
                self.sliders[name].value = value
        finally:
            self._holding = False
        self.image.value = self._frame()
        return self.image.value

    def _on_slide(self, name, change):
        if not self._holding:
            self.image.value = self._frame()

    def _changed_artists(self):
        artists = list(self._update(**self.values))
        if not artists:
            raise ValueError("update: expected it to return the artists it changed, got none")
        return sorted(artists, key=lambda artist: artist.get_zorder())

    def _frame(self):
        moving = self._changed_artists()
        if moving != self._moving:
            raise RuntimeError("update returned other artists than on the first frame: a live figure must change "
                               "its artists in place, not make new ones")
        self.canvas.restore_region(self._background)
        for artist in moving:
            self.figure.draw_artist(artist)
        self.frames += 1
        return png_bytes(self.canvas)

    def _repr_mimebundle_(self, **kwargs):
        # Where no kernel runs (GitHub, a closed notebook), this sentence stands in for the widget.
        return {**widget_view(self.widget), "text/plain": LIVE_HINT.format(names=", ".join(self.sliders))}
