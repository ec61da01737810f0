"""Setting the course up on Google Colab: what every notebook's first cell calls there, once it has fetched the course.

When that cell runs, Colab's kernel has already imported its own numpy, matplotlib and ipywidgets (7.7, drawn by
Colab's own widget front end), so nothing may be upgraded under it: the cell imports the helpers straight from a clone
of the course, and `set_up` does the rest. Only the standard library is used here, so that it runs even where a
package the helpers need is missing.
"""

import hashlib
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

HELPERS = Path(__file__).resolve().parent
RESTART = "restart the runtime (Runtime > Restart session), then run this cell again"


class RestartRuntime(RuntimeError):
    """Packages were just installed under a kernel that still holds the old ones: only a restart loads them."""


def fingerprint(helpers=HELPERS):
    """A short hash of the helpers' Python sources: two copies share it only if they hold the same code."""
    helpers = Path(helpers)
    if not (helpers / "__init__.py").is_file():
        raise ValueError(f"helpers: expected the folder of the helpers package, got {str(helpers)!r}")
    digest = hashlib.sha256()
    for path in sorted(helpers.rglob("*.py"), key=lambda path: path.relative_to(helpers).as_posix()):
        # Without line endings, so that a checkout on Windows gives what one on Linux (or Colab) gives.
        source = path.read_bytes().replace(b"\r\n", b"\n")
        digest.update(path.relative_to(helpers).as_posix().encode() + b"\0" + source + b"\0")
    return digest.hexdigest()[:12]


def floors(pyproject):
    """{distribution name: lowest version} of what the helpers need, from pyproject.toml's [project] dependencies."""
    found = {}
    for need in tomllib.loads(Path(pyproject).read_text())["project"]["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)>=([0-9][0-9.]*)", need.replace(" ", ""))
        if not match:
            raise ValueError(f"{pyproject}: expected dependencies of the form name>=version, got {need!r}")
        found[match[1]] = match[2]
    return found


def version_key(version):
    """The release numbers a version starts with, without trailing zeros: "2.0.2" -> (2, 0, 2), "8.0rc1" -> (8,)."""
    match = re.match(r"\d+(\.\d+)*", version)
    if not match:
        raise ValueError(f"version: expected a version such as 2.0.2, got {version!r}")
    numbers = [int(part) for part in match[0].split(".")]
    while numbers and numbers[-1] == 0:  # 2 and 2.0 are the same release
        numbers.pop()
    return tuple(numbers)


def installed_version(name):
    """The version of the distribution `name` installed in this Python, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def missing(needs, version_of=installed_version):
    """The requirements "name>=floor" of `needs` that are not installed, or installed below their floor."""
    return [f"{name}>={floor}" for name, floor in needs.items()
            if (found := version_of(name)) is None or version_key(found) < version_key(floor)]


def pip_install(requirements):
    """Install `requirements` into this Python with pip."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *requirements], check=True)


def set_up(clone, helpers_fingerprint, *, helpers=HELPERS, version_of=installed_version, install=pip_install,
           chdir=os.chdir):
    """Run the notebook from the clone's notebooks/, install what the helpers lack (then stop for a restart), and
    warn when the clone's helpers are not those this notebook was stored with (`helpers_fingerprint`)."""
    clone = Path(clone)
    if not (clone / "pyproject.toml").is_file() or not (clone / "notebooks").is_dir():
        raise ValueError(f"clone: expected a clone of the course, with pyproject.toml and notebooks/, "
                         f"got {str(clone)!r}")
    if not isinstance(helpers_fingerprint, str) or not re.fullmatch(r"[0-9a-f]{12}", helpers_fingerprint):
        raise ValueError(f"helpers_fingerprint: expected 12 hexadecimal digits, got {helpers_fingerprint!r}")
    if Path(helpers).resolve() != (clone / "helpers").resolve():
        raise RuntimeError(f"The helpers were imported from {helpers}, not from the clone of the course in {clone}: "
                           f"another copy is installed. Run `!pip uninstall -y gates-helpers`, then {RESTART}.")
    # Relative paths then lead where they do in the repository: data/ beside the notebooks, ../images/ above them.
    chdir(clone / "notebooks")
    lacking = missing(floors(clone / "pyproject.toml"), version_of)
    if lacking:
        install(lacking)
        # An exception, so that Run All stops here rather than run the notebook on the packages loaded before.
        raise RestartRuntime(f"Installed {', '.join(lacking)}, which the course's helpers need and this runtime lacked "
                             f"or had in an older version: {RESTART}.")
    found = fingerprint(helpers)
    if found != helpers_fingerprint:
        print(f"Warning: this notebook was stored with other helpers ({helpers_fingerprint}) than those in {clone} "
              f"({found}), so some cells may fail or show other results. Open the notebook again from GitHub (File > "
              f"Open notebook > GitHub) to get the version that goes with them; or, if this notebook is the newer, "
              f"run `!rm -rf {clone}`, then this cell again.")
