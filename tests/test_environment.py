"""The setup: one pinned list for pip and conda, and CI that runs the README's test command."""

import re

import pytest
import yaml

from notebook_tools import ROOT


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{name: version} of a requirements file, every line `name==version` (comments and blank lines aside)."""
    lines = (line.split("#")[0].strip() for line in (ROOT / path).read_text().splitlines())
    return {normalise(name): version for name, version in (line.split("==") for line in lines if line)}


def conda_environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_dependencies():
    """environment.yml's dependencies: (the conda packages, the list under `pip:`)."""
    conda, pip = [], []
    for entry in conda_environment()["dependencies"]:
        if isinstance(entry, dict):
            pip.extend(entry["pip"])
        else:
            conda.append(entry)
    return conda, pip


@pytest.mark.parametrize("path", ["requirements.txt", "requirements-test.txt"])
def test_every_pip_requirement_is_pinned_exactly(path):
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", line), f"{path}: {line}"


def test_binder_installs_with_pip_the_same_pins_as_requirements_txt():
    _, pip = conda_dependencies()
    written_out = [entry for entry in pip if not entry.startswith("-")]
    assert len(written_out) == len(pip), "list the pins under pip: one by one, not with -r (repo2docker caches them)"
    assert {normalise(name): version for name, version in (entry.split("==") for entry in pip)} == pins("requirements.txt")


def test_conda_forge_gives_only_python_3_11_and_pip():
    environment = conda_environment()
    conda, _ = conda_dependencies()
    assert environment["channels"] == ["conda-forge"]
    assert conda == ["python=3.11", "pip"]


def test_the_learner_environment_has_no_test_tools():
    learner, test = pins("requirements.txt"), pins("requirements-test.txt")
    assert not {"pytest", "nbval", "nbclient", "playwright"} & learner.keys()
    assert {"pytest", "nbval"} <= test.keys()
    assert not learner.keys() & test.keys(), "a package is pinned in both files"


def test_make_test_installs_the_test_requirements():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: \$\(TESTS\)", makefile, re.MULTILINE)
    tests_rule = makefile.split("\n$(TESTS):", 1)[1].split("\n\n", 1)[0]
    assert "requirements-test.txt" in tests_rule and "$(COURSE)" in tests_rule
    assert "pip install --quiet -r requirements-test.txt" in tests_rule


def test_the_course_never_requires_torch():
    for name in ("requirements.txt", "requirements-test.txt", "environment.yml", "pyproject.toml"):
        assert "torch" not in (ROOT / name).read_text(), name


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make (\w+)", quick_start, re.MULTILINE)
    assert commands == ["lab", "test"]


def test_readme_gives_the_setup_without_make_for_linux_macos_and_windows():
    readme = (ROOT / "README.md").read_text()
    without_make = readme.split("### Without make", 1)[1].split("\n##", 1)[0]
    blocks = dict(re.findall(r"```(bash|powershell)\n(.*?)```", without_make, re.DOTALL))
    commands = {shell: [line.split("#")[0].strip() for line in block.splitlines()] for shell, block in blocks.items()}
    assert commands == {
        "bash": ["python3.11 -m venv .venv", ".venv/bin/pip install -r requirements.txt -e .", ".venv/bin/jupyter lab"],
        "powershell": ["py -3.11 -m venv .venv", r".venv\Scripts\pip install -r requirements.txt -e .",
                       r".venv\Scripts\jupyter lab"],
    }


def test_ci_runs_the_readme_test_command_with_the_browser_required():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\s*$", ci, re.MULTILINE)
    assert "GATES_REQUIRE_BROWSER=1" in ci and "GATES_REQUIRE_TORCH=1" in ci and "GATES_REQUIRE_INDEX=1" in ci
    assert re.search(r"^make install\s*$", ci, re.MULTILINE), "a fresh machine needs the venv before torch goes in"
    assert "pip install --quiet torch==2.13.0" in ci
    assert "apt-get install" in ci and "chromium" in ci


def test_make_test_runs_nbval_over_the_notebooks():
    makefile = (ROOT / "Makefile").read_text()
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "--nbval" in test_recipe and "notebooks" in test_recipe and "tests" in test_recipe


def test_no_helper_and_no_notebook_code_imports_torch():
    from notebook_tools import NOTEBOOK_PATHS, read
    sources = {path.name: path.read_text() for path in (ROOT / "helpers").glob("*.py")}
    for path in NOTEBOOK_PATHS:
        sources[path.name] = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "code")
    importers = [name for name, text in sources.items() if re.search(r"^\s*(import|from)\s+torch\b", text, re.M)]
    assert not importers
