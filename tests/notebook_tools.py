"""Reading the course's notebooks in tests: tagged cells, folded solutions, and running a notebook."""

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PATHS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SOLUTION_CODE = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.DOTALL)


def read(path):
    return nbformat.read(path, as_version=4)


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def exercises(notebook):
    """[(exercise cell index, check cell index, solution code)] in notebook order.

    The anatomy is fixed: an `exercise` code cell, then its `check` code cell, then its folded `solution`.
    """
    found = []
    cells = notebook.cells
    for i, cell in enumerate(cells):
        if "exercise" in tags(cell):
            check, solution = cells[i + 1], cells[i + 2]
            assert "check" in tags(check), f"cell {i + 1} should be the check of the exercise in cell {i}"
            assert "solution" in tags(solution), f"cell {i + 2} should be the solution of the exercise in cell {i}"
            found.append((i, i + 1, SOLUTION_CODE.search(solution.source).group(1)))
    return found


def execute(notebook, cwd):
    """Run a notebook top to bottom in a fresh kernel; return it with outputs."""
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return notebook


def text_output(cell):
    """All the text a code cell printed or returned."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "".join(parts)
