"""How the notebooks are stored: executed, with their outputs, but with no ipywidgets state.

A live explorer's output holds a widget view and a plain sentence. Without a kernel the view cannot be drawn
(JupyterLab would say "model not found", GitHub shows nothing), so the stored output keeps only the sentence; running
the cell brings the sliders back. `make notebooks` runs `python -m helpers.storage notebooks/*.ipynb` after executing.
"""

import sys

import nbformat

from .widget_view import WIDGET_VIEW


def without_widget_state(notebook):
    """The notebook with its widget state and every stored widget view removed, in place; returns it."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                del output["data"][WIDGET_VIEW]
    return notebook


def main(paths):
    for path in paths:
        nbformat.write(without_widget_state(nbformat.read(path, as_version=4)), path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
