"""Every diagram of images/, by file name, and the function that redraws them all."""

from pathlib import Path

from .course_map import draw_course_map
from .gate import draw_gate
from .gated_rnn import draw_gated_rnn_cell
from .gru_glu import draw_glu_block, draw_gru_cell
from .lstm_cell import draw_forget_gate, draw_input_gate, draw_lstm_cell, draw_output_gate

IMAGES = Path(__file__).resolve().parents[2] / "images"


DIAGRAMS = {"gate.png": draw_gate, "gated_rnn_cell.png": draw_gated_rnn_cell, "course_map.png": draw_course_map,
            "forget_gate.png": draw_forget_gate, "input_gate.png": draw_input_gate,
            "output_gate.png": draw_output_gate, "lstm_cell.png": draw_lstm_cell,
            "gru_cell.png": draw_gru_cell, "glu_block.png": draw_glu_block}


def write_all(folder=IMAGES):
    """Draw every diagram into `folder`; the PNGs carry no timestamp, so redrawing an unchanged one changes nothing."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, draw in DIAGRAMS.items():
        draw().savefig(folder / name, metadata={"Software": None})
    return sorted(folder / name for name in DIAGRAMS)
