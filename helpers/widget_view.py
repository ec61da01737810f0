"""A widget's view as Jupyter displays it: the same mime bundle under ipywidgets 7 (Colab's) and 8 (the course's).

ipywidgets 8 gives every widget `_repr_mimebundle_`; ipywidgets 7.7, which Google Colab runs, has only
`_ipython_display_`, which displays at once and returns nothing. Either way the view is the same small reference
to the widget's model, which the front end draws live while a kernel runs.
"""

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def widget_view(widget):
    """The mime bundle entry that shows `widget` live in a Jupyter front end."""
    return {WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}}
