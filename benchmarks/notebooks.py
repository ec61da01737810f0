"""Every notebook run top to bottom from a fresh kernel: its wall time and the kernel's peak resident memory."""

import time

import nbformat
from nbclient import NotebookClient

# Asked of the kernel after the last cell: its own high-water mark of resident memory (Linux reports KiB).
PEAK_RSS_CODE = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def run_notebook(path, timeout=120):
    """(seconds, peak MB) for one notebook executed as `make notebooks` does, from kernel start to its last cell.

    The kernel's shutdown afterwards is not counted: the learner never waits for it.
    """
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_RSS_CODE))
    finished = []
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": path.parent}},
                            on_notebook_complete=lambda **_: finished.append(time.perf_counter()))
    start = time.perf_counter()
    client.execute()
    seconds = finished[0] - start
    peak_kib = int(notebook.cells[-1].outputs[0]["text"].strip())
    return seconds, peak_kib / 1024


def notebook_rows(notebook_paths):
    """One row per notebook: {"notebook", "seconds", "peak_mb"}."""
    rows = []
    for path in notebook_paths:
        seconds, peak_mb = run_notebook(path)
        rows.append({"notebook": path.name, "seconds": seconds, "peak_mb": peak_mb})
    return rows
