"""How an explorer's frames reach the browser: an Image widget with a binary buffer, or, where binary buffers do not
travel (Colab), an HTML widget holding the same PNG as a data URL; and how the way is chosen."""

import base64
import re

import comm
import pytest
from comm.base_comm import BaseComm

from helpers.figures.gate import saturation_explorer
from helpers.figures.gated_rnn import half_life_explorer
from helpers.figures.live import Frame, frame_way
from helpers.widget_view import WIDGET_VIEW, widget_view


class RecordingComm(BaseComm):
    """A widget's connection to the front end that keeps every message it would send, binary buffers included."""

    def __init__(self, sent, **kwargs):
        self.sent = sent
        super().__init__(**kwargs)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        self.sent.append({"comm": self.comm_id, "state": data["state"], "buffers": list(buffers or [])})


def sent_by_an_explorer(monkeypatch, frames):
    """(explorer, every message its widgets would send while it is built and one slider moves) with GATES_FRAMES."""
    sent = []
    monkeypatch.setattr(comm, "create_comm", lambda **kwargs: RecordingComm(sent, **kwargs))
    monkeypatch.setenv("GATES_FRAMES", frames)
    explorer = half_life_explorer()
    explorer.update(g=0.3)
    return explorer, sent


def test_the_html_way_sends_no_binary_buffer_and_the_same_png(monkeypatch):
    image, image_sent = sent_by_an_explorer(monkeypatch, "image")
    html, html_sent = sent_by_an_explorer(monkeypatch, "html")
    assert image.image.widget.__class__.__name__ == "Image" and html.image.widget.__class__.__name__ == "HTML"
    # Today's way puts each frame in a binary buffer, which Colab's widget manager drops ...
    buffers = [[bytes(buffer) for buffer in message["buffers"]] for message in image_sent if message["buffers"]]
    assert len(buffers) == 2 and buffers[-1] == [image.image.value]  # built, then one frame
    # ... the HTML way sends JSON only: built, then one frame, each an <img> with the PNG as a data URL.
    assert html_sent and not [message for message in html_sent if message["buffers"]]
    frames = [message["state"]["value"] for message in html_sent if message["comm"] == html.image.widget.comm.comm_id]
    assert len(frames) == 2
    sources = [re.fullmatch(r'<img class="gates-frame" src="data:image/png;base64,([A-Za-z0-9+/=]+)" '
                            r'alt="live figure" style="[^"]*">', frame) for frame in frames]
    assert all(sources), frames[-1][:120]
    assert base64.b64decode(sources[-1][1]) == html.image.value == image.image.value  # the same PNG either way
    assert html.update(g=0.3) == image.update(g=0.3) and html.frames == image.frames


def test_gates_frames_chooses_the_way_and_colab_gets_html():
    colab = {"google.colab": object()}
    assert frame_way({}, {}) == "image" and frame_way({}, colab) == "html"
    assert frame_way({"GATES_FRAMES": "html"}, {}) == "html" and frame_way({"GATES_FRAMES": "image"}, colab) == "image"
    with pytest.raises(ValueError, match=r"GATES_FRAMES: expected one of image, html \(or unset\), got 'png'"):
        frame_way({"GATES_FRAMES": "png"}, {})


def test_a_bad_gates_frames_stops_the_explorer_with_its_name(monkeypatch):
    monkeypatch.setenv("GATES_FRAMES", "HTML")
    with pytest.raises(ValueError, match=r"GATES_FRAMES: .* got 'HTML'"):
        half_life_explorer()
    with pytest.raises(ValueError, match=r"way: expected one of image, html, got 'svg'"):
        Frame("svg", 100, b"")


def test_the_explorer_shows_the_view_ipywidgets_itself_gives():
    # helpers.widget_view writes the view out, since ipywidgets 7 (Colab's) has no _repr_mimebundle_; 8 must agree.
    explorer = saturation_explorer()
    assert explorer._repr_mimebundle_()[WIDGET_VIEW] == explorer.widget._repr_mimebundle_()[WIDGET_VIEW]
    assert widget_view(explorer.image.widget)[WIDGET_VIEW]["model_id"] == explorer.image.widget.model_id
