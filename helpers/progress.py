"""The training loop's progress bar: tqdm's notebook bar in Jupyter, its plain text bar in a terminal.

Either way the bar clears itself when the loop ends, so nothing of it stays. In a notebook the bar is a widget shown
with an empty text form: a notebook stored without widget state (GitHub, nbval comparing outputs) keeps only that
empty text, which is the same on every run, while a live JupyterLab shows the moving bar.
"""

import sys

from tqdm import tqdm as text_bar

from .validate import as_count
from .widget_view import widget_view


def in_jupyter_kernel():
    """True inside a Jupyter kernel (JupyterLab, nbclient, nbval), False in a terminal, a script or pytest."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def progress_bar(total, description=""):
    """A tqdm bar over `total` steps that leaves nothing behind: call .update(n), .set_description(text), .close()."""
    total = as_count("total", total, low=0)
    if not isinstance(description, str):
        raise ValueError(f"description: expected a string, got {type(description).__name__}")
    if in_jupyter_kernel():
        from IPython.display import display
        from tqdm.notebook import tqdm as notebook_bar

        bar = notebook_bar(total=total, desc=description, leave=False, display=False)
        # The widget's text form would hold the bar's timings, which differ on every run; show none.
        display({**widget_view(bar.container), "text/plain": ""}, raw=True)
        return bar
    return text_bar(total=total, desc=description, leave=False, file=sys.stderr, mininterval=0.5)
