"""Licences and citation: MIT for the code, CC BY 4.0 for the text and figures, and a CITATION.cff that points home."""

import tomllib

import yaml

from helpers.navigation import REPOSITORY
from notebook_tools import ROOT

REPOSITORY_URL = f"https://github.com/{REPOSITORY}"


def citation():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def test_the_code_is_mit_in_the_licence_and_the_package():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_the_text_and_figures_are_cc_by_4_0():
    text = (ROOT / "LICENSE-text.md").read_text()
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    for path in ("notebooks/", "images/", "README.md", "helpers/", "tests/", "benchmarks/", ".ci/", "Makefile", "postBuild"):
        assert f"`{path}`" in text, f"LICENSE-text.md should say which licence covers {path}"


def test_the_readme_names_both_licences():
    readme = (ROOT / "README.md").read_text()
    licence = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert "[MIT](LICENSE)" in licence and "[CC BY 4.0](LICENSE-text.md)" in licence and "CITATION.cff" in licence


def test_the_citation_file_describes_the_course():
    cff = citation()
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == "Gates, from the ground up"
    assert cff["type"] == "software"
    assert cff["authors"] == [{"name": "Gates course contributors"}]
    assert cff["license"] == "MIT"
    assert cff["version"] == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_citation_and_the_credit_line_point_to_the_repository_binder_builds():
    # REPOSITORY in helpers/navigation.py is the one slug a fork changes; these must follow it.
    assert citation()["repository-code"] == REPOSITORY_URL
    assert REPOSITORY_URL in (ROOT / "LICENSE-text.md").read_text()
