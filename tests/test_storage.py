"""Notebooks are stored with outputs but no widget state: a live explorer's stored output keeps only its sentence."""

import nbformat

from helpers.figures.gate import saturation_explorer
from helpers.storage import WIDGET_VIEW, without_widget_state


def test_an_explorer_output_keeps_its_sentence_and_loses_its_widget_view():
    bundle = saturation_explorer()._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell("saturation_explorer()", outputs=[
        nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)])
    notebook = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {"state": {"x": 1}}})
    stored = without_widget_state(notebook)
    assert "widgets" not in stored.metadata
    data = stored.cells[0].outputs[0]["data"]
    assert WIDGET_VIEW not in data and data["text/plain"].startswith("Live figure with sliders (z)")
