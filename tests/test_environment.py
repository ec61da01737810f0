"""The setup: one pinned list for pip and conda, and CI that runs the README's test command."""

import re

from notebook_tools import ROOT


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_pins():
    lines = (line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines())
    return dict(line.split("==") for line in lines if line)


def conda_pins():
    text = (ROOT / "environment.yml").read_text()
    pins = dict(re.findall(r"^\s*-\s*([A-Za-z0-9_.-]+)=([0-9][^\s#]*)\s*$", text, re.MULTILINE))
    return pins


def test_every_pip_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", line), line


def test_pip_and_conda_pin_the_same_versions():
    conda = {normalise(k): v for k, v in conda_pins().items() if k != "python"}
    pip = {normalise(k): v for k, v in pip_pins().items()}
    assert conda == pip


def test_conda_environment_is_python_3_11_from_conda_forge():
    text = (ROOT / "environment.yml").read_text()
    assert conda_pins()["python"] == "3.11"
    assert re.search(r"channels:\s*\n\s*-\s*conda-forge\s*\n", text)


def test_the_course_never_requires_torch():
    for name in ("requirements.txt", "requirements-test.txt", "environment.yml", "pyproject.toml"):
        assert "torch" not in (ROOT / name).read_text(), name


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make (\w+)", quick_start, re.MULTILINE)
    assert commands == ["lab", "test"]


def test_ci_runs_the_readme_test_command_with_the_browser_required():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\s*$", ci, re.MULTILINE)
    assert "GATES_REQUIRE_BROWSER=1" in ci and "GATES_REQUIRE_TORCH=1" in ci
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
