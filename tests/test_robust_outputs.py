"""Stored outputs that hold on any CPU: every notebook, re-run with every random draw nudged by a relative 1e-12,
prints exactly what is stored (the comparison nbval makes).

Another OpenBLAS kernel, or another number of BLAS threads, changes the last bit of a matrix product. A chaotic
computation (a long training run) grows that bit until its exact figures differ, so a notebook must print only what
survives such a change: verdicts with a margin, figures rounded to the digits every machine agrees on, or one
machine's figures in a cell that nbval does not compare (tagged nbval-ignore-output). The nudge (tests/nudged_rng.py)
is far larger than the kernels' differences, so a cell that passes here passes on any CPU; `make kernels` checks the
same notebooks under the real kernels of this machine's OpenBLAS.
"""

import re
import subprocess
import sys

import nbformat
import pytest

from notebook_tools import NOTEBOOK_PATHS, ROOT, read

NUDGE = 1e-12
PREAMBLE = ROOT / "tests" / "nudged_rng.py"
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # nbval colours its report


def nudged_copy(path, folder):
    """A copy of the notebook in `folder` whose first cell nudges every draw and then works where the notebook is."""
    notebook = read(path)
    first = nbformat.v4.new_code_cell(f"{PREAMBLE.read_text()}\ninstall({NUDGE!r})\n\nimport os\n\n"
                                      f"os.chdir({str(path.parent)!r})")
    notebook.cells.insert(0, first)
    copy = folder / path.name
    nbformat.write(notebook, copy)
    return copy


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[path.name for path in NOTEBOOK_PATHS])
def test_stored_outputs_survive_a_nudge_of_every_random_draw(path, tmp_path):
    copy = nudged_copy(path, tmp_path)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env", "-p",
                          "no:cacheprovider", str(copy)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, (f"{path.name}: a cell prints something else when every random draw moves by a "
                                 f"relative {NUDGE:g}, so another CPU would print something else too:\n"
                                 f"{ANSI_COLOUR.sub('', run.stdout)[-6000:]}")
