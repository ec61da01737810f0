"""Reading the locks (requirements.txt, requirements-test.txt) and the platforms and Pythons they must hold for."""

import re
import tomllib

from packaging.markers import default_environment
from packaging.requirements import Requirement

from notebook_tools import ROOT

COURSE_LOCK, TEST_LOCK = "requirements.txt", "requirements-test.txt"
# A lock line, as uv writes it: an exact pin, and where it applies only to some platforms or Pythons, a marker.
PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)==(?P<version>[0-9][0-9A-Za-z.+!-]*)( ; (?P<marker>\S.*))?")
# What each platform's markers see (the processor is the one a learner most likely has there).
PLATFORMS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
}


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_versions():
    """The Python versions pyproject.toml declares, e.g. ["3.11", "3.12", "3.13"]."""
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    return [match[1] for c in classifiers if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]


def requirement_lines(path):
    """The requirement lines of a requirements file, as written (comments, uv's `# via` notes and blank lines aside)."""
    lines = (line.split("#")[0].strip() for line in (ROOT / path).read_text().splitlines())
    return [line for line in lines if line]


def lock(path, lines=None):
    """The entries of a lock or .in file (or its `lines`, read elsewhere) as Requirements; each line must be an exact
    pin, `name==version [; marker]`."""
    entries = []
    for line in requirement_lines(path) if lines is None else lines:
        if not PIN.fullmatch(line):
            raise ValueError(f"{path}: {line!r} is not an exact pin, `name==version` or `name==version ; marker`")
        entries.append(Requirement(line))
    return entries


def pinned_version(requirement):
    (specifier,) = requirement.specifier
    return specifier.version


def marker_environment(platform, python_full_version):
    """The values markers see on `platform` (a key of PLATFORMS) under CPython `python_full_version`, e.g. "3.12.0"."""
    python_version = ".".join(python_full_version.split(".")[:2])
    return default_environment() | PLATFORMS[platform] | {
        "implementation_name": "cpython", "platform_python_implementation": "CPython",
        "python_version": python_version, "python_full_version": python_full_version,
        "implementation_version": python_full_version}


def applicable(path, environment=None, lines=None):
    """{name: version} of the pins of `path` (or its `lines`) whose marker holds in `environment` (default: this
    interpreter)."""
    chosen = {}
    for requirement in lock(path, lines):
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name, version = normalise(requirement.name), pinned_version(requirement)
        if chosen.setdefault(name, version) != version:
            raise ValueError(f"{path} pins {name} at both {chosen[name]} and {version} on one platform and Python")
    return chosen


def every_environment():
    """One marker environment per platform and declared Python, at its first and a late patch release (uv splits
    some pins at a patch release, e.g. `python_full_version < '3.11.5'`), labelled like "linux-3.12.0"."""
    return {f"{platform}-{version}.{patch}": marker_environment(platform, f"{version}.{patch}")
            for platform in PLATFORMS for version in declared_versions() for patch in (0, 99)}
