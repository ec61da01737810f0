"""What a set of pins installs on another platform and Python: the wheels the package index offers for it, and whether
their requirements all hold there, as `pip check` would say after installing them.

pip picks wheels for a foreign platform (--platform, --python-version) but evaluates markers on the interpreter it runs
on, so pip is asked only for the wheels' metadata (--no-deps), and the markers are evaluated here, for the target.
"""

import json
import os
import subprocess
import sys
import urllib.request

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from conftest import fail_or_skip
from locks import normalise

INDEX_URL = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
# The wheel tags each platform accepts. Linux: glibc 2.28 or newer, as on Binder and CI (the legacy manylinux names
# too, which some projects still use); macOS: Apple silicon on macOS 14 (pip adds the older releases and universal2).
PLATFORM_TAGS = {
    "linux": [f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)] + ["manylinux2014_x86_64"],
    "macos": ["macosx_14_0_arm64"],
    "windows": ["win_amd64"],
}


def index_reachable_or_skip():
    """Fail (GATES_REQUIRE_INDEX=1, as in CI) or skip when the package index does not answer within 15 s."""
    try:
        urllib.request.urlopen(INDEX_URL.rstrip("/") + "/pip/", timeout=15).close()
    except OSError as error:
        fail_or_skip(f"the package index {INDEX_URL} cannot be reached ({error})", "GATES_REQUIRE_INDEX")


def pip_errors(result):
    """The end of what a pip run wrote to stderr, without its warnings (here, about local indexes it skips)."""
    return "\n".join(line for line in result.stderr.splitlines() if not line.startswith("WARNING:"))[-3000:]


def wheel_metadata(pins, platform, python_full_version, tmp_path):
    """{name: core metadata} of the wheels pip would install for `pins` ({name: version}) on `platform` (a key of
    PLATFORM_TAGS) under CPython `python_full_version`. Nothing is installed (--dry-run). pip 23.2, the one a plain
    venv brings, takes the platform options only with --target, and then checks Requires-Python against the Python it
    runs on, so that check is left to unmet_requirements."""
    requirements = tmp_path / "pins.txt"
    requirements.write_text("".join(f"{name}=={version}\n" for name, version in sorted(pins.items())))
    report = tmp_path / "report.json"
    abi = "cp" + "".join(python_full_version.split(".")[:2])
    platforms = [flag for tag in PLATFORM_TAGS[platform] for flag in ("--platform", tag)]
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed", "--quiet",
               "--target", str(tmp_path / "never-written"), "--ignore-requires-python", "--only-binary=:all:",
               "--implementation", "cp", "--python-version", python_full_version, "--abi", abi, *platforms,
               "--retries", "2", "--timeout", "60", "--report", str(report), "-r", str(requirements)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    target = f"{platform}, Python {python_full_version}"
    assert result.returncode == 0, f"no wheels for these pins on {target}:\n{pip_errors(result)}"
    return {normalise(item["metadata"]["name"]): item["metadata"] for item in json.loads(report.read_text())["install"]}


def unmet_requirements(metadata, environment):
    """What `pip check` would report for these distributions ({name: core metadata}) in the marker `environment`:
    each requirement that is missing or at a version outside its range, and each Requires-Python that fails.
    Unlike pip check, it also follows the extras one distribution asks of another, as `pip install` does."""
    python = environment["python_full_version"]
    unmet = [f"{meta['name']} {meta['version']} requires Python {meta['requires_python']}"
             for meta in metadata.values() if python not in SpecifierSet(meta.get("requires_python", ""))]
    asked, done = [(name, "") for name in metadata], set()
    while asked:
        name, extra = asked.pop()
        if (name, extra) in done:
            continue
        done.add((name, extra))
        meta = metadata[name]
        for requirement in map(Requirement, meta.get("requires_dist", [])):
            if requirement.marker and not requirement.marker.evaluate(environment | {"extra": extra}):
                continue
            needed = normalise(requirement.name)
            if needed not in metadata:
                unmet.append(f"{meta['name']} {meta['version']} requires {requirement}, which is not installed")
            elif not requirement.specifier.contains(metadata[needed]["version"], prereleases=True):
                unmet.append(f"{meta['name']} {meta['version']} requires {requirement}, "
                             f"but {metadata[needed]['version']} is installed")
            else:
                asked.extend((needed, wanted) for wanted in requirement.extras)
    return sorted(set(unmet))
