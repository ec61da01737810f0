"""Binder: environment.yml installs cleanly over the environment repo2docker builds first.

repo2docker, which Binder runs, creates the notebook environment from a conda lock of its own, kept here as
tests/binder-base-environment.lock, then pip installs environment.yml's list (the course lock) over it. conda-forge
cannot be reached from here or from CI, so the test rebuilds that environment from PyPI: every Python package of the
base lock at its version, except where environment.yml pins it, and asks whether `pip check` would pass there.
"""

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from locks import applicable, marker_environment, normalise
from notebook_tools import ROOT
from test_environment import conda_dependencies
from wheels import index_reachable_or_skip, pip_errors, unmet_requirements, wheel_metadata

BASE = ROOT / "tests" / "binder-base-environment.lock"
SEPARATOR = "# --- repo2docker's file ---\n"
# A package line of an @EXPLICIT conda lock: <channel>/<subdir>/<name>-<version>-<build>.<conda|tar.bz2>#<md5>.
CONDA_PACKAGE = re.compile(
    r"https://\S+/(?P<name>[^/]+)-(?P<version>[^-/]+)-(?P<build>[^-/]+)\.(conda|tar\.bz2)#\w{32}")
# The conda-forge packages of the base whose Python distribution has another name on PyPI. The others have the same
# name up to normalisation; a name that PyPI lacks at that version fails the index test below.
PYPI_NAMES = {"brotli-python": "brotli", "jupyterhub-base": "jupyterhub", "nbconvert-core": "nbconvert",
              "python-fastjsonschema": "fastjsonschema"}
BINDER_PLATFORM = "linux"  # repo2docker builds linux-64 images for Binder


def base_header():
    """The `# key: value` lines of the copy's own header, e.g. {"repo2docker-version": "2026.4.0", ...}."""
    header, separator, _ = BASE.read_text().partition(SEPARATOR)
    assert separator, f"{BASE.name} lacks the line {SEPARATOR.strip()!r} above repo2docker's file"
    return dict(re.findall(r"^# ([\w-]+): (\S+)$", header, re.MULTILINE))


def base_lock():
    """repo2docker's file, as copied."""
    return BASE.read_text().partition(SEPARATOR)[2]


def conda_packages():
    """(name, version, build) of every package the base lock installs."""
    packages = []
    for line in base_lock().splitlines():
        if line.startswith("#") or line in ("", "@EXPLICIT"):
            continue
        match = CONDA_PACKAGE.fullmatch(line)
        if not match:
            raise ValueError(f"{BASE.name}: {line!r} is not a package line of an @EXPLICIT conda lock")
        packages.append((match["name"], match["version"], match["build"]))
    return packages


def base_distributions():
    """{PyPI name: version} of the base's Python distributions. conda-forge builds a Python package as "py…"
    (noarch "pyh…" or "py_…", compiled "py311h…"); every other build is a C library, Python itself, or a metapackage
    such as jupyterhub-singleuser that only pulls in others (here jupyterhub-base, which holds the jupyterhub
    distribution)."""
    return {normalise(PYPI_NAMES.get(name, name)): version
            for name, version, build in conda_packages() if build.startswith("py")}


def base_python():
    """The full version of the base's Python, e.g. "3.11.14"."""
    (version,) = [version for name, version, _ in conda_packages() if name == "python"]
    return version


def binder_environment():
    """{name: version} after pip installs environment.yml's list over the base: a listed package replaces the base's."""
    _, pip = conda_dependencies()
    return base_distributions() | applicable("environment.yml", marker_environment(BINDER_PLATFORM, base_python()), pip)


def test_the_base_has_the_python_environment_yml_asks_for():
    conda, _ = conda_dependencies()
    (python,) = [entry.split("=", 1)[1] for entry in conda if entry.startswith("python=")]
    assert base_python().startswith(python + "."), f"the base has Python {base_python()}, environment.yml asks {python}"
    assert f"environment.py-{python}-linux-64.lock" in base_header()["repo2docker-file"]


def test_the_base_has_the_python_packages_repo2docker_asks_for():
    names = {name for name, _, _ in conda_packages()}
    assert {"python", "pip", "jupyterlab", "notebook", "jupyterhub-singleuser"} <= names
    distributions = base_distributions()
    assert {"pip", "jupyterlab", "notebook", "jupyterhub"} <= distributions.keys()
    assert not {"python", "nodejs", "jupyterhub-singleuser"} & distributions.keys()


@pytest.mark.index
def test_binder_passes_pip_check_after_installing_the_course(tmp_path):
    index_reachable_or_skip()
    environment = binder_environment()
    metadata = wheel_metadata(environment, BINDER_PLATFORM, base_python(), tmp_path)
    assert {name: meta["version"] for name, meta in metadata.items()} == environment
    unmet = unmet_requirements(metadata, marker_environment(BINDER_PLATFORM, base_python()))
    assert not unmet, f"on Binder, after environment.yml: {unmet}; pin what the base has to agree in requirements.in"


@pytest.mark.index
def test_the_base_is_the_file_of_that_repo2docker_release(tmp_path):
    index_reachable_or_skip()
    header = base_header()
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--dest",
               str(tmp_path), f"jupyter-repo2docker=={header['repo2docker-version']}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, pip_errors(result)
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        published = archive.read(header["repo2docker-file"]).decode()
    assert base_lock() == published, f"{BASE.name} is not {header['repo2docker-file']} of that release: copy it again"


def test_the_base_is_what_the_installed_repo2docker_builds_on(monkeypatch):
    if importlib.util.find_spec("repo2docker") is None:
        pytest.skip("repo2docker is not installed here (pip install jupyter-repo2docker checks the copy against it)")
    from repo2docker.buildpacks.conda import CondaBuildPack
    monkeypatch.chdir(ROOT)  # repo2docker reads environment.yml from the working directory
    pack = CondaBuildPack(base_image="docker.io/library/buildpack-deps:24.04")
    pack.platform = "linux/amd64"
    copies = {destination: Path(pack.generate_build_context_filename(source)[1])
              for source, destination in pack.get_build_script_files().items()}
    assert "/tmp/env/requirements.txt" not in copies, "repo2docker now adds pip packages to the base: model them too"
    installed, copied = importlib.metadata.version("jupyter-repo2docker"), base_header()["repo2docker-version"]
    assert copies["/tmp/env/environment.lock"].read_text() == base_lock(), (
        f"repo2docker {installed} builds on another base than {BASE.name} (from {copied}): refresh it as it says")
