"""The Colab set-up, without Colab and without a network: its cell, and helpers/colab.py with injected versions,
folders and installer."""

import shutil
import sys
import types
from pathlib import Path

import pytest

from helpers import colab
from helpers.navigation import colab_setup
from notebook_tools import ROOT

NEEDS = {"numpy", "matplotlib", "pillow", "ipywidgets", "nbformat", "threadpoolctl", "tqdm"}


@pytest.fixture
def clone(tmp_path):
    """A copy of what the Colab cell fetches and set_up reads: pyproject.toml, notebooks/ and the helpers' sources."""
    course = tmp_path / "gates"
    (course / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", course)
    shutil.copytree(ROOT / "helpers", course / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    return course


def versions(**found):
    """A stand-in for what is installed: every package the helpers need at a recent version, unless given."""
    installed = {name: "99.0" for name in NEEDS} | found
    return lambda name: installed.get(name)


class Installer:
    """A stand-in for pip that remembers what it was asked to install."""

    def __init__(self):
        self.asked = []

    def __call__(self, requirements):
        self.asked.append(list(requirements))


def set_up(clone, helpers_fingerprint=None, **injected):
    """colab.set_up on a fake clone, with every package recent enough and a stand-in installer unless injected; returns
    the folders it moved into."""
    moved = []
    options = {"helpers": clone / "helpers", "version_of": versions(), "install": Installer(), "chdir": moved.append}
    colab.set_up(clone, helpers_fingerprint or colab.fingerprint(clone / "helpers"), **options | injected)
    return moved


def test_the_fingerprint_is_the_code_of_the_helpers_and_nothing_else(clone):
    here = colab.fingerprint(ROOT / "helpers")
    assert colab.fingerprint(clone / "helpers") == here and len(here) == 12
    (clone / "helpers" / "notes.txt").write_text("not code")
    (clone / "helpers" / "__pycache__").mkdir()
    (clone / "helpers" / "__pycache__" / "gate.cpython-311.pyc").write_bytes(b"compiled")
    assert colab.fingerprint(clone / "helpers") == here
    gate = clone / "helpers" / "gate.py"
    gate.write_bytes(gate.read_bytes().replace(b"\n", b"\r\n"))  # a checkout on Windows
    assert colab.fingerprint(clone / "helpers") == here
    gate.write_bytes(gate.read_bytes() + b"# one more line\r\n")
    assert colab.fingerprint(clone / "helpers") != here
    with pytest.raises(ValueError, match="helpers: expected the folder of the helpers package, got '.*notebooks'"):
        colab.fingerprint(clone / "notebooks")


def test_the_colab_cell_carries_the_fingerprint_of_these_helpers():
    assert f'helpers_fingerprint="{colab.fingerprint()}"' in colab_setup()


def test_the_floors_are_pyproject_dependencies():
    floors = colab.floors(ROOT / "pyproject.toml")
    assert set(floors) == NEEDS and all(colab.version_key(floor) for floor in floors.values())


def test_a_dependency_that_is_not_a_floor_is_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["numpy==2.4.6"]\n')
    with pytest.raises(ValueError, match=r"expected dependencies of the form name>=version, got 'numpy==2.4.6'"):
        colab.floors(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("found, floor, meets", [("7.7.1", "7.7", True), ("7.6.5", "7.7", False), ("2", "2.0", True),
                                                 ("2.0.2", "2", True), ("1.26.4", "2", False), ("8.0.0rc1", "8", True),
                                                 ("10.4.0", "9.5", True), ("3.10.0", "3.9", True)])
def test_versions_compare_by_their_numbers(found, floor, meets):
    assert (colab.version_key(found) >= colab.version_key(floor)) is meets


def test_a_version_without_numbers_is_refused():
    with pytest.raises(ValueError, match=r"version: expected a version such as 2.0.2, got 'dev'"):
        colab.version_key("dev")


def test_set_up_runs_the_notebook_from_the_clone_and_installs_nothing_when_all_is_there(clone, capsys):
    installer = Installer()
    assert set_up(clone, install=installer) == [clone / "notebooks"]
    assert installer.asked == [] and capsys.readouterr().out == ""


def test_set_up_installs_exactly_what_is_missing_then_asks_for_a_restart(clone):
    floors, installer = colab.floors(clone / "pyproject.toml"), Installer()
    lacking = [f"ipywidgets>={floors['ipywidgets']}", f"tqdm>={floors['tqdm']}"]
    with pytest.raises(colab.RestartRuntime, match=rf"Installed {', '.join(lacking)}, .*: restart the runtime "
                                                   r"\(Runtime > Restart session\), then run this cell again\."):
        set_up(clone, install=installer, version_of=versions(ipywidgets="7.6.5", tqdm=None))
    assert installer.asked == [lacking]


def test_set_up_warns_when_the_notebook_goes_with_other_helpers(clone, capsys):
    set_up(clone, helpers_fingerprint="0123456789ab")
    warning = capsys.readouterr().out
    assert warning.startswith("Warning: this notebook was stored with other helpers (0123456789ab)")
    assert "Open the notebook again from GitHub" in warning


def test_set_up_refuses_what_is_not_a_clone_or_a_fingerprint(clone, tmp_path):
    with pytest.raises(ValueError, match=r"clone: expected a clone of the course, with pyproject.toml and notebooks/"):
        set_up(tmp_path / "elsewhere", "0123456789ab", helpers=clone / "helpers")
    with pytest.raises(ValueError, match=r"helpers_fingerprint: expected 12 hexadecimal digits, got 'stale'"):
        set_up(clone, helpers_fingerprint="stale")
    with pytest.raises(RuntimeError, match=r"The helpers were imported from .*, not from the clone of the course"):
        set_up(clone, helpers=ROOT / "helpers")


def run_the_colab_cell(monkeypatch, clone):
    """Run the Colab cell, fetching into `clone`, as if on Colab (google.colab imported), in a scratch namespace."""
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(sys, "path", list(sys.path))  # site.addsitedir extends it: undone after the test
    exec(colab_setup(clone=str(clone)), {"__name__": "colab_cell"})


def test_off_colab_the_cell_does_nothing(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setattr("subprocess.run", lambda *args, **kwargs: pytest.fail("the cell ran a command off Colab"))
    namespace = {}
    exec(colab_setup(), namespace)
    assert set(namespace) == {"__builtins__", "sys"}


def test_on_colab_with_the_course_fetched_the_cell_sets_it_up(monkeypatch, tmp_path, capsys):
    # The repository itself stands in for the clone: the helpers are imported from it, the notebook's fingerprint is
    # theirs, the test tools' packages meet every floor, and git is never called because the clone is there.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("subprocess.run", lambda *args, **kwargs: pytest.fail("the cell fetched a course it has"))
    run_the_colab_cell(monkeypatch, ROOT)  # monkeypatch.chdir above takes the working folder back afterwards
    assert Path.cwd() == ROOT / "notebooks" and capsys.readouterr().out == ""


def test_on_colab_without_git_the_cell_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git anywhere
    with pytest.raises(RuntimeError, match=r"git is missing from this runtime, so the course cannot be fetched"):
        run_the_colab_cell(monkeypatch, tmp_path / "gates")


def test_on_colab_a_failed_clone_says_what_git_said(monkeypatch, tmp_path):
    git = tmp_path / "git"
    git.write_text("#!/bin/sh\necho \"fatal: repository 'https://github.com/x/y/' not found\" >&2\nexit 128\n")
    git.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match=r"could not fetch https://github.com/.* \(branch main\): fatal: "
                                           r"repository .* not found Check that this runtime reaches github.com"):
        run_the_colab_cell(monkeypatch, tmp_path / "gates")
