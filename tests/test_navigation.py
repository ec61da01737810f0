"""Generated navigation: up to date, pointing at real neighbours, with Binder links from the one slug."""

import re

from helpers import navigation
from notebook_tools import NOTEBOOK_PATHS, ROOT, read


def test_navigation_and_readme_are_up_to_date():
    assert navigation.main(["--check"]) == 0, "run `make navigation` and commit the result"


def test_footers_link_previous_index_and_next():
    names = [path.name for path in NOTEBOOK_PATHS]
    for position, path in enumerate(NOTEBOOK_PATHS):
        footer = read(path).cells[-1]
        assert "navigation" in footer.metadata.get("tags", [])
        targets = re.findall(r"\]\((\d\d-[^)/]+\.ipynb)\)", footer.source)  # relative links, not Binder's
        expected = names[max(position - 1, 0):position] + ([] if position == 0 else [navigation.INDEX])
        expected += names[position + 1:position + 2]
        assert targets == expected
        assert navigation.binder_url(path.name) in footer.source


def test_binder_links_all_come_from_the_one_repository_slug():
    readme = (ROOT / "README.md").read_text()
    slugs = set(re.findall(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme))
    assert slugs == {navigation.REPOSITORY}
    for path in NOTEBOOK_PATHS:
        assert f"notebooks/{path.name}" in readme
    assert readme.count("badge_logo.svg") == len(NOTEBOOK_PATHS) + 1  # one per notebook, one for the course


def test_a_fork_changes_one_line(monkeypatch):
    monkeypatch.setattr(navigation, "REPOSITORY", "someone/fork")
    course = navigation.read_course()
    readme = navigation.updated_readme((ROOT / "README.md").read_text(), course)
    assert "gh/someone/fork/" in readme and f"gh/{navigation.__dict__['BRANCH']}" not in readme
    assert navigation.update_notebooks(course)  # every footer would change
