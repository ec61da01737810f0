"""Generated navigation: up to date, pointing at real neighbours, with Binder links from the one slug."""

import re
import subprocess

import nbformat
import pytest

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


def repository_files_naming(slug):
    """The repository's text files (tracked, or new and not ignored) that contain `slug`, relative to its root."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True)
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout, so its files cannot be listed: {listed.stderr.decode().strip()}")
    naming = set()
    for name in set(listed.stdout.decode().split("\0")) - {""}:
        path = ROOT / name
        if path.is_file() and b"\0" not in (data := path.read_bytes()) and slug.encode() in data:
            naming.add(name)
    return naming


def test_every_file_naming_the_repository_is_one_navigation_rewrites():
    # A new file that writes the address out would keep the old one in a fork: it must be generated, or read REPOSITORY.
    course = navigation.read_course()
    rewritten = {f"notebooks/{name}" for name, _ in course}
    rewritten |= {path.relative_to(ROOT).as_posix() for path in navigation.other_files(course)}
    naming = repository_files_naming(navigation.REPOSITORY)
    assert naming - rewritten == {"helpers/navigation.py"}
    assert {"README.md", "CITATION.cff", "LICENSE-text.md", f"notebooks/{navigation.INDEX}"} <= naming


def test_a_fork_changes_one_line(monkeypatch):
    old = navigation.REPOSITORY
    monkeypatch.setattr(navigation, "REPOSITORY", "someone/fork")
    course = navigation.read_course()
    assert {name for name, _ in course} == set(navigation.update_notebooks(course))  # every notebook would change
    written = {name: nbformat.writes(notebook) for name, notebook in course}
    written.update({path.name: text for path, text in navigation.other_files(course).items()})
    assert {"README.md", "CITATION.cff", "LICENSE-text.md"} <= set(written)
    for name, text in written.items():
        assert old not in text, f"{name} would still name {old}"
        assert "someone/fork" in text, f"{name} would not name the fork"
    readme = written["README.md"]
    assert set(re.findall(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme)) == {"someone/fork"}
    assert 'repository-code: "https://github.com/someone/fork"' in written["CITATION.cff"]
    assert "<https://github.com/someone/fork>" in written["LICENSE-text.md"]
    for name, notebook in course[1:]:  # every lesson; the index has no code
        colab = [cell.source for cell in notebook.cells if "colab" in cell.metadata.get("tags", [])]
        assert len(colab) == 1 and '"https://github.com/someone/fork"' in colab[0], name  # Colab fetches the fork


def test_check_reports_a_stale_address(monkeypatch, capsys):
    monkeypatch.setattr(navigation, "REPOSITORY", "someone/fork")
    assert navigation.main(["--check"]) == 1
    stale = capsys.readouterr().out
    assert "CITATION.cff" in stale and "LICENSE-text.md" in stale and "README.md" in stale


def test_an_address_file_that_lost_its_line_is_refused():
    with pytest.raises(ValueError, match=r"CITATION.cff: expected one place matching .* found 0"):
        navigation.updated_address("CITATION.cff", "cff-version: 1.2.0\n")
    text = "<https://github.com/a/b> and <https://github.com/c/d>"
    with pytest.raises(ValueError, match=r"LICENSE-text.md: expected one place .* found 2"):
        navigation.updated_address("LICENSE-text.md", text)
