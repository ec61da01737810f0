"""Every notebook has the course's anatomy; its folded solutions pass their checks; untouched exercises do not raise."""

import re

import pytest

from helpers.navigation import colab_setup
from helpers.storage import WIDGET_VIEW
from helpers.navigation import time_line as navigation_time_line
from notebook_tools import NOTEBOOK_PATHS, exercises, execute, read, tags, text_output

LESSONS = [path for path in NOTEBOOK_PATHS if not path.name.startswith("00-")]
# A cell that continues the slide has no slide_type: jupyterlab-slideshow shows a cell marked "-" on no slide.
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", None}


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_title_summary_and_slides(notebook_path):
    notebook = read(notebook_path)
    title = notebook.cells[0].source.splitlines()
    assert re.fullmatch(r"# \d\d · .+", title[0]), title[0]
    assert re.fullmatch(r"\*[^*]+\*", title[2]), "the line under the title is the italic one-line summary"
    assert "kernelspec" in notebook.metadata and "rise" not in notebook.metadata, "RISE settings do nothing here"
    for index, cell in enumerate(notebook.cells):
        assert cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_TYPES, f"cell {index}: slide type \"-\" hides it in the slideshow"
    assert "navigation" in tags(notebook.cells[-1])


def test_stored_outputs_are_fresh_and_clean(notebook_path):
    cells = code_cells(read(notebook_path))
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1)), "re-run it top to bottom"
    for cell in cells:
        assert all(output.output_type != "error" for output in cell.outputs), cell.source
        assert "sys.path" not in cell.source


def test_notebooks_are_stored_without_widget_state(notebook_path):
    # The explorers' stored frames weigh a notebook down and show nothing without a kernel: `make notebooks` drops them.
    notebook = read(notebook_path)
    assert "widgets" not in notebook.metadata, "re-execute it with `make notebooks`"
    views = [cell.source for cell in code_cells(notebook) for output in cell.outputs
             if WIDGET_VIEW in output.get("data", {})]
    assert not views, f"stored widget views, which show 'model not found' without a kernel: {views}"


@pytest.mark.parametrize("path", LESSONS, ids=[path.name for path in LESSONS])
def test_lesson_anatomy(path):
    notebook = read(path)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    cells = code_cells(notebook)
    assert "**You will be able to:**" in notebook.cells[0].source
    assert "$$" in markdown, "equations in LaTeX"
    assert "## Summary" in markdown
    colab, setup = cells[0], cells[1].source
    assert "colab" in tags(colab) and colab.source == colab_setup(), "run `make navigation`"
    assert navigation_time_line(notebook) in notebook.cells[0].source, "run `make navigation`"
    assert setup.startswith("%matplotlib inline") and "use_course_style()" in setup and "default_rng(" in setup
    static_figures = [cell for cell in cells if any("image/png" in output.get("data", {}) for output in cell.outputs)
                      and "explorer" not in tags(cell)]
    explorers = [cell for cell in cells if "explorer" in tags(cell)]
    assert static_figures and explorers
    assert exercises(notebook)


def test_slider_cells_show_one_explorer_and_are_ignored_by_nbval(notebook_path):
    for cell in code_cells(read(notebook_path)):
        if "_explorer(" in cell.source:
            assert {"explorer", "nbval-ignore-output"} <= set(tags(cell)), cell.source
            # The cell's value is the explorer: Jupyter shows its sliders and figure, or its sentence without a kernel.
            assert re.fullmatch(r"\w+_explorer\(.*\)", cell.source.strip(), re.DOTALL), cell.source
            shown = [output for output in cell.outputs if output.output_type == "execute_result"]
            assert len(shown) == 1 and "run this notebook" in shown[0].data["text/plain"], cell.source


def test_untouched_exercises_run_and_say_not_attempted(notebook_path, tmp_path):
    notebook = execute(read(notebook_path), notebook_path.parent)
    for cell in code_cells(notebook):
        assert all(output.output_type != "error" for output in cell.outputs), cell.source
    for _, check, _ in exercises(notebook):
        assert text_output(notebook.cells[check]).startswith("Not attempted yet")


@pytest.mark.parametrize("path", LESSONS, ids=[path.name for path in LESSONS])
def test_every_folded_solution_passes_its_check(path):
    notebook = read(path)
    found = exercises(notebook)
    for exercise, _, solution in found:
        notebook.cells[exercise].source = solution
    execute(notebook, path.parent)
    for exercise, check, _ in found:
        report = text_output(notebook.cells[check])
        assert report.startswith("Correct:"), f"solution of cell {exercise} fails its check:\n{report}"


# A "[" at the start of the line after \begin{aligned} is read as the environment's optional argument and vanishes.
ENVIRONMENT_EATS_BRACKET = re.compile(r"\\begin\{(aligned|alignedat|align\*?|gathered|gather\*?|split|array)\}"
                                      r"[ \t]*\n[ \t]*\[")


def test_no_latex_environment_swallows_a_bracket_as_its_option(notebook_path):
    for index, cell in enumerate(read(notebook_path).cells):
        if cell.cell_type == "markdown":
            match = ENVIRONMENT_EATS_BRACKET.search(cell.source)
            assert not match, (f"cell {index}: a line after \\begin{{{match.group(1)}}} starts with '[', which LaTeX takes "
                               f"as the optional argument; start it with \\bigl[ or {{}}[")
