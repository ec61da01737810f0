"""The learner can open every source the course cites: no private "seed" documents, and links into the index resolve."""

import re

from notebook_tools import NOTEBOOK_PATHS, ROOT, read

# The documents the course was built from are not the learner's: nothing they can read may name them.
PRIVATE = re.compile(r"seed 00", re.IGNORECASE)
# A link to a heading of a notebook, e.g. (00-index.ipynb#Sources), or (#Sources) inside the notebook itself.
HEADING_LINK = re.compile(r"\]\((?:[\w.-]+/)*(\d\d-[^)/#\s]+\.ipynb)?#([^)\s]+)\)")
INDEX = ROOT / "notebooks" / "00-index.ipynb"


def learner_files():
    """Every file the learner reads: the notebooks (with their outputs), the helpers' source, the README."""
    helpers = [path for path in sorted((ROOT / "helpers").rglob("*"))
               if path.is_file() and "__pycache__" not in path.parts]
    return NOTEBOOK_PATHS + helpers + [ROOT / "README.md"]


def heading_anchors(notebook):
    """The anchors JupyterLab gives a notebook's markdown headings: the heading's text, spaces turned into dashes."""
    return {re.sub(r"\s+", "-", match.strip()) for cell in notebook.cells if cell.cell_type == "markdown"
            for match in re.findall(r"^#{1,6}\s+(.+)$", cell.source, re.MULTILINE)}


def test_no_file_the_learner_reads_names_a_seed_document():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
             for path in learner_files()
             for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if PRIVATE.search(line)]
    assert not found, "say what the thing is, or cite a public source, instead of:\n" + "\n".join(found)


def test_the_index_has_a_sources_section():
    starts = [cell.source.splitlines()[0] for cell in read(INDEX).cells if cell.cell_type == "markdown" and cell.source]
    assert "## Sources" in starts, "notebook 00 needs a markdown cell whose first line is '## Sources'"


def test_every_link_to_a_notebook_heading_resolves():
    links = 0
    texts = [(path, "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "markdown"))
             for path in NOTEBOOK_PATHS]
    texts.append((ROOT / "README.md", (ROOT / "README.md").read_text()))
    for path, text in texts:
        for target, anchor in HEADING_LINK.findall(text):
            if not target and path.suffix != ".ipynb":
                continue  # a README's own headings are GitHub's business
            links += 1
            notebook = ROOT / "notebooks" / target if target else path
            assert notebook.exists(), f"{path.name} links to {target}, which does not exist"
            assert anchor in heading_anchors(read(notebook)), f"{path.name} links to {target}#{anchor}: no such heading"
    assert links, "the notebooks cite into the index's Sources"
