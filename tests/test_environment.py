"""The setup: one lock for make, pip, CI and conda, a venv that holds exactly it, and CI that runs the README's test
command."""

import importlib.metadata
import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from locks import (COURSE_LOCK, TEST_LOCK, applicable, every_environment, lock, normalise, pinned_version,
                   requirement_lines)
from notebook_tools import ROOT

# Beside the locked packages, a venv built by make or by the README's commands holds only the helpers themselves and
# the installer's own tools (a venv starts with pip, and on Python 3.11 with setuptools). CI adds torch.
NOT_LOCKED = {"gates-helpers", "pip", "setuptools", "wheel"}


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


@pytest.mark.parametrize("path", ["requirements.in", COURSE_LOCK, "requirements-test.in", TEST_LOCK])
def test_every_requirement_is_an_exact_pin(path):
    assert lock(path), f"{path} pins nothing"  # lock() names any line that is not `name==version [; marker]`


@pytest.mark.parametrize("source, path", [("requirements.in", COURSE_LOCK), ("requirements-test.in", TEST_LOCK)])
def test_each_lock_pins_its_in_file_everywhere(source, path):
    locked = {(normalise(entry.name), pinned_version(entry)) for entry in lock(path) if entry.marker is None}
    missing = [str(entry) for entry in lock(source) if (normalise(entry.name), pinned_version(entry)) not in locked]
    assert not missing, f"{path} lacks these pins of {source}: {missing}; run `make lock`"


def test_the_course_lock_holds_the_helpers_dependencies():
    dependencies = [Requirement(line) for line in
                    tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    for label, environment in every_environment().items():
        locked = applicable(COURSE_LOCK, environment)
        unmet = [str(d) for d in dependencies
                 if normalise(d.name) not in locked or not d.specifier.contains(locked[normalise(d.name)])]
        assert not unmet, f"{COURSE_LOCK} does not satisfy these dependencies of the helpers on {label}: {unmet}"


def test_the_two_locks_pin_a_shared_package_alike_everywhere():
    for label, environment in every_environment().items():
        course, test = applicable(COURSE_LOCK, environment), applicable(TEST_LOCK, environment)
        differ = {name: (course[name], test[name]) for name in course.keys() & test.keys()
                  if course[name] != test[name]}
        assert not differ, f"on {label}, (course, test) versions: {differ}; run `make lock`"


def test_binder_installs_with_pip_exactly_the_lines_of_the_lock():
    _, pip = conda_dependencies()
    assert pip == requirement_lines(COURSE_LOCK), "environment.yml's pip: list is not requirements.txt: run `make lock`"


def test_conda_forge_gives_only_python_3_11_and_pip():
    environment = conda_environment()
    conda, _ = conda_dependencies()
    assert environment["channels"] == ["conda-forge"]
    assert conda == ["python=3.11", "pip"]


def test_the_learner_environment_has_no_test_tools():
    learner = {normalise(entry.name) for entry in lock(COURSE_LOCK)}
    tools = {normalise(entry.name) for entry in lock("requirements-test.in")}
    assert {"pytest", "nbval"} <= tools
    assert not {"pytest", "nbval", "playwright"} & learner


def installed_versions():
    """{name: version} of every distribution this interpreter sees."""
    return {normalise(dist.metadata["Name"]): dist.version for dist in importlib.metadata.distributions()}


def pulled_in_by(name):
    """The installed distributions `name` needs, itself included, following their requirements (and extras) down."""
    reached, seen, todo = set(), set(), [(normalise(name), frozenset())]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue  # not installed: pip check's business, not this walk's
        reached.add(name)
        for requirement in map(Requirement, requires):
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras | {""}):
                todo.append((normalise(requirement.name), frozenset(requirement.extras)))
    return reached


def test_the_venv_holds_exactly_the_locked_packages():
    """The venv the tests run in (CI: make install, the test lock, then torch) has every locked package whose marker
    holds here at its locked version, and beyond the locks only NOT_LOCKED and torch with what it pulls in."""
    installed = installed_versions()
    locked = applicable(COURSE_LOCK) | applicable(TEST_LOCK)
    wrong = {name: f"{installed.get(name, 'missing')}, locked {version}" for name, version in locked.items()
             if name not in installed or Version(installed[name]) != Version(version)}
    assert not wrong, f"not as locked: {wrong}; rebuild the venv (make clean && make test)"
    allowed = NOT_LOCKED | (pulled_in_by("torch") if "torch" in installed else set())
    unlocked = {name: installed[name] for name in installed.keys() - locked.keys() - allowed}
    assert not unlocked, (f"installed but in no lock: {unlocked}; rebuild the venv (make clean && make test), or if the"
                          " course needs it, add it to requirements.in and run make lock")


def test_make_test_installs_the_test_requirements():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: \$\(TESTS\)", makefile, re.MULTILINE)
    tests_rule = makefile.split("\n$(TESTS):", 1)[1].split("\n\n", 1)[0]
    assert "requirements-test.txt" in tests_rule and "$(COURSE)" in tests_rule
    assert "pip install --quiet -r requirements-test.txt" in tests_rule


def test_make_lock_writes_both_locks_from_their_in_files_with_one_uv_release():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "requirements.in pyproject.toml --output-file requirements.txt" in recipe
    assert "requirements-test.in --constraint requirements.txt --output-file requirements-test.txt" in recipe
    assert "> environment.yml.new" in recipe and "mv environment.yml.new environment.yml" in recipe
    assert re.search(r"^UV_VERSION := \d+\.\d+\.\d+$", makefile, re.MULTILINE), "make lock runs one pinned uv"
    assert re.search(r"^COMPILE := \$\(UV\) pip compile .*--universal", makefile, re.MULTILINE)
    for path in (COURSE_LOCK, TEST_LOCK):
        assert "#    make lock\n" in (ROOT / path).read_text(), f"{path} should name `make lock` as its source"


def test_the_course_never_requires_torch():
    for name in ("requirements.in", COURSE_LOCK, "requirements-test.in", TEST_LOCK, "environment.yml",
                 "pyproject.toml"):
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
    torch = re.search(r"^\.venv/bin/python -m pip install --quiet torch==2\.13\.0 (.+)$", ci, re.MULTILINE)
    assert torch, "CI adds PyTorch 2.13.0 for the tests"
    assert torch[1].split() == ["-c", COURSE_LOCK, "-c", TEST_LOCK], "torch must not move a locked package"
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
