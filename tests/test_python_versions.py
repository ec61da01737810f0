"""Python 3.11 to 3.13: the Makefile, the package and the pins agree, and the pins resolve on PyPI for each version.

CI runs the course on 3.11 only; the index test asks pip whether every pin of requirements.txt, with everything it
pulls in, has a wheel for CPython 3.12 and 3.13 on Linux, without installing anything. It needs the package index:
offline it is skipped, unless GATES_REQUIRE_INDEX=1 (as in CI) makes that a failure.
"""

import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.request

import pytest

from conftest import fail_or_skip
from notebook_tools import ROOT
from test_environment import normalise, pins

INDEX_URL = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
# Wheels a current Linux (glibc 2.28 or newer, as on Binder and CI) can install: every manylinux tag up to glibc 2.28.
LINUX_PLATFORMS = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)]


def declared_versions():
    """The Python versions pyproject.toml declares, e.g. ["3.11", "3.12", "3.13"]."""
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    return [match[1] for c in classifiers if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]


def test_the_makefile_accepts_exactly_the_declared_versions():
    makefile = (ROOT / "Makefile").read_text()
    low, high = re.search(r"\(3, (\d+)\) <= sys\.version_info\[:2\] <= \(3, (\d+)\)", makefile).groups()
    declared = declared_versions()
    assert [f"3.{minor}" for minor in range(int(low), int(high) + 1)] == declared
    candidates = re.search(r"^PYTHON_CANDIDATES := (.+)$", makefile, re.MULTILINE)[1].split()
    assert candidates == [f"python{version}" for version in declared] + ["python3"]


def test_ci_and_binder_use_the_oldest_declared_version():
    assert declared_versions()[0] == "3.11"
    assert "python=3.11" in (ROOT / "environment.yml").read_text()


def index_reachable_or_skip():
    """Fail (GATES_REQUIRE_INDEX=1, as in CI) or skip when the package index does not answer within 15 s."""
    try:
        urllib.request.urlopen(INDEX_URL.rstrip("/") + "/pip/", timeout=15).close()
    except OSError as error:
        fail_or_skip(f"the package index {INDEX_URL} cannot be reached ({error})", "GATES_REQUIRE_INDEX")


@pytest.mark.index
@pytest.mark.parametrize("version", [v for v in declared_versions() if v != "3.11"])
def test_the_pins_resolve_for_python(version, tmp_path):
    index_reachable_or_skip()
    report = tmp_path / "report.json"
    platforms = [flag for platform in LINUX_PLATFORMS for flag in ("--platform", platform)]
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
               "--only-binary=:all:", "--python-version", version, "--implementation", "cp",
               "--abi", "cp" + version.replace(".", ""), *platforms, "--retries", "2", "--timeout", "60",
               "--report", str(report), "-r", str(ROOT / "requirements.txt")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"the pins do not resolve for Python {version}:\n{result.stderr[-3000:]}"
    chosen = {normalise(item["metadata"]["name"]): item["metadata"]["version"]
              for item in json.loads(report.read_text())["install"]}
    pinned = pins("requirements.txt")
    assert {name: chosen.get(name) for name in pinned} == pinned, f"pip chose other versions for Python {version}"
