"""Diagrams are drawn by code: redrawing gives the committed images, and every image the course shows exists."""

import re

import matplotlib.image as mpimg
import numpy as np
import pytest

from helpers.diagrams.images import DIAGRAMS, write_all
from notebook_tools import NOTEBOOK_PATHS, ROOT, read

IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)]+\.png)\)")


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    write_all(folder)
    return folder


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_committed_diagram_is_what_the_code_draws(name, redrawn):
    committed = mpimg.imread(ROOT / "images" / name)
    fresh = mpimg.imread(redrawn / name)
    assert committed.shape == fresh.shape, "run `make images` and commit the result"
    assert np.abs(committed - fresh).max() < 0.02, "run `make images` and commit the result"


def test_every_image_in_a_notebook_exists_and_has_alt_text():
    links = 0
    for path in NOTEBOOK_PATHS:
        for cell in read(path).cells:
            if cell.cell_type != "markdown":
                continue
            for alt, target in IMAGE_LINK.findall(cell.source):
                links += 1
                assert (path.parent / target).resolve().exists(), f"{path.name}: {target} is missing"
                assert len(alt.split()) >= 5, f"{path.name}: {target} needs alt text that describes it"
    assert links >= len(DIAGRAMS)
