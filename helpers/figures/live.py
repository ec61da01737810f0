"""A live figure: drawn once, then redrawn in place, only the artists a slider moves, while the slider moves.

Every explorer of the course is an `Explorer`. Its figure comes from the same scene function as the static figure
above it, `scene(...) -> (figure, update)`, where `update(**values)` changes artists in place (heights, data, text)
and returns the artists it changed, as matplotlib's FuncAnimation asks of its function. The first frame lays the
figure out; after that the layout is frozen and each frame restores the still background, draws the moving artists
over it, and sends one PNG to an image widget. No frame builds a figure or runs a layout.

A fast drag does not queue stale frames: the widget front end sends a slider's next value only once the kernel has
finished the previous one, and merges what came in between, so the next frame drawn is always for the latest value.
"""

import io
from functools import partial

from ipywidgets import Image, Layout, VBox
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image as PILImage

LIVE_HINT = ("Live figure with sliders ({names}): run this notebook in JupyterLab (or on Binder) to move them. "
             "The static figure just above shows the same picture at its default values.")


def png_bytes(canvas):
    """What the canvas holds now, as PNG bytes; fast compression, since a frame lives for a fraction of a second."""
    width, height = canvas.get_width_height(physical=True)
    picture = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    picture.convert("RGB").save(out, format="png", compress_level=1)
    return out.getvalue()


class Explorer:
    """Sliders over a figure drawn once; moving one redraws only the artists that `update` changes.

    `figure` and `update` come from a scene function; `sliders` maps each keyword of `update` to its slider.
    `explorer.update(name=value, ...)` moves the sliders from code and draws the frame, as a hand would.
    """

    def __init__(self, figure, update, sliders):
        if not callable(update):
            raise ValueError(f"update: expected a function of the slider values, got {type(update).__name__}")
        if not sliders:
            raise ValueError("sliders: expected at least one {name: slider}, got none")
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
        self.image = Image(value=self._frame(), format="png", layout=Layout(width=f"{width}px", max_width="100%"))
        for name, slider in self.sliders.items():
            slider.observe(partial(self._on_slide, name), names="value")
        self.widget = VBox([*self.sliders.values(), self.image])
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
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # Where no kernel runs (GitHub, a closed notebook), this sentence stands in for the widget.
        bundle["text/plain"] = LIVE_HINT.format(names=", ".join(self.sliders))
        return bundle
