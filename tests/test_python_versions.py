"""Python 3.11 to 3.13 on Linux, macOS and Windows: the Makefile, the package and the locks agree, and the locks install
everywhere.

CI runs the course on Linux with Python 3.11 only; the index test asks the package index, for each platform and
declared Python, for a wheel of every pin of requirements.txt and requirements-test.txt whose marker holds there, and
checks that their requirements all hold among them, without installing anything. It needs the package index: offline
it is skipped, unless GATES_REQUIRE_INDEX=1 (as in CI) makes that a failure.
"""

import re

import pytest

from locks import COURSE_LOCK, PLATFORMS, TEST_LOCK, applicable, declared_versions, marker_environment
from notebook_tools import ROOT
from wheels import index_reachable_or_skip, unmet_requirements, wheel_metadata


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


def lock_targets():
    """(platform, Python) pairs to check: each platform and declared Python at its latest patch release (written
    X.Y.99), and at its first too where the locks pin something else there (uv splits some pins at a patch)."""
    targets = []
    for platform in PLATFORMS:
        for version in declared_versions():
            first, latest = (marker_environment(platform, f"{version}.{patch}") for patch in (0, 99))
            targets.append((platform, f"{version}.99"))
            if any(applicable(path, first) != applicable(path, latest) for path in (COURSE_LOCK, TEST_LOCK)):
                targets.append((platform, f"{version}.0"))
    return targets


@pytest.mark.index
@pytest.mark.parametrize("platform, python", lock_targets())
def test_the_locks_install_on(platform, python, tmp_path):
    index_reachable_or_skip()
    environment = marker_environment(platform, python)
    pins = applicable(COURSE_LOCK, environment) | applicable(TEST_LOCK, environment)
    metadata = wheel_metadata(pins, platform, python, tmp_path)
    assert {name: meta["version"] for name, meta in metadata.items()} == pins
    unmet = unmet_requirements(metadata, environment)
    assert not unmet, f"the locks are not complete or not consistent on {platform}, Python {python}: {unmet}"
