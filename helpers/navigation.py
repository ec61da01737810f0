"""Generated navigation: each notebook's footer, its Colab set-up cell and time estimate, the index's contents and the
README's, and the repository's address in CITATION.cff and LICENSE-text.md, all from one repository slug.

Run `python -m helpers.navigation` (or `make navigation`) after adding or renaming a notebook, after changing a helper
(the Colab cell holds their fingerprint), or after a fork changes REPOSITORY; `--check` only reports what is stale.
Safe to re-run: it rewrites marked parts and named lines, and nothing else.
"""

import re
import sys
from pathlib import Path

import nbformat

from .colab import fingerprint

# The one line a fork changes: the GitHub "owner/name" that Binder builds the course from, Colab fetches it from, and
# the citation and the licence's credit line name.
REPOSITORY = "gates-course/gates"
BRANCH = "main"
COLAB_CLONE = "/content/gates"  # where the Colab cell puts the course

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
INDEX = "00-index.ipynb"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
README_MARKS = {"binder": ("<!-- binder:start -->", "<!-- binder:end -->"),
                "contents": ("<!-- contents:start -->", "<!-- contents:end -->")}


# How long a notebook takes, from what it asks of the learner: reading its prose, then each exercise and explorer.
READING_WORDS_PER_MINUTE = 100  # technical prose with equations, read with care
MINUTES_PER_EXERCISE, MINUTES_PER_EXPLORER, MINUTES_PER_CODE_CELL = 6, 2, 0.5
TIME_LINE = re.compile(r"^\*\*Time:\*\* .*$", re.MULTILINE)


def minutes_to_study(notebook):
    """An honest estimate of a notebook's time, in minutes rounded up to 5: prose at a careful reading pace, code
    cells read and run, each explorer tried, each exercise written and checked. Folded solutions are not counted."""
    words = sum(len(re.sub(r"\$[^$]*\$", " x ", cell.source).split()) for cell in notebook.cells
                if cell.cell_type == "markdown" and not {"solution", "navigation"} & set(_tags(cell)))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    minutes = (words / READING_WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * len(code)
               + MINUTES_PER_EXERCISE * sum("exercise" in _tags(cell) for cell in code)
               + MINUTES_PER_EXPLORER * sum("explorer" in _tags(cell) for cell in code))
    return max(5, 5 * -(-int(minutes) // 5))


def time_line(notebook):
    return (f"**Time:** about {minutes_to_study(notebook)} minutes to read it, run it, move its sliders and do its "
            f"exercises.")


def repository_url():
    """The course's repository on GitHub, from REPOSITORY."""
    return f"https://github.com/{REPOSITORY}"


def colab_setup(clone=COLAB_CLONE):
    """The first code cell of every notebook: on Google Colab it fetches the course into `clone` and sets it up there
    (helpers/colab.py), with the fingerprint of the helpers this notebook goes with; anywhere else it does nothing."""
    return f"""# On Google Colab only: fetch the course and set it up (helpers/colab.py). Elsewhere this does nothing.
import sys

if "google.colab" in sys.modules:
    import os
    import site
    import subprocess

    COURSE_URL, CLONE = "{repository_url()}", "{clone}"
    if not os.path.isdir(CLONE):
        try:
            subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "{BRANCH}", COURSE_URL, CLONE],
                           check=True, capture_output=True, text=True)
        except FileNotFoundError:
            raise RuntimeError("git is missing from this runtime, so the course cannot be fetched: install it "
                               "(!apt-get install -y git), then run this cell again") from None
        except subprocess.CalledProcessError as failed:
            raise RuntimeError(f"could not fetch {{COURSE_URL}} (branch {BRANCH}): {{failed.stderr.strip()}} Check "
                               "that this runtime reaches github.com, then run this cell again.") from None
    # The helpers are imported from the clone as they are, not installed: pip would upgrade packages this kernel has
    # already imported, and what it installs is seen only after a restart. site.addsitedir adds the clone to the
    # places Python imports from.
    site.addsitedir(CLONE)
    from helpers.colab import set_up

    set_up(CLONE, helpers_fingerprint="{fingerprint()}")"""


def binder_url(notebook=INDEX):
    """A Binder link that builds this repository and opens `notebook` in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/notebooks/{notebook}"


def binder_badge(notebook=INDEX):
    return f"[![Open in Binder]({BINDER_BADGE})]({binder_url(notebook)})"


def title_and_summary(notebook):
    """The first heading of a notebook (without "# ") and the italic line under it."""
    first = notebook.cells[0].source.splitlines()
    summary = next((line.strip("*_ ") for line in first[1:] if re.fullmatch(r"\s*[*_].+[*_]\s*", line)), "")
    return first[0].lstrip("# ").strip(), summary


def read_course(folder=NOTEBOOKS):
    """[(file name, notebook)] for every notebook of the course, in reading order."""
    return [(path.name, nbformat.read(path, as_version=4)) for path in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))]


def footer(names, position, titles):
    """The last cell of a notebook: previous, index, next, and a Binder badge for this notebook."""
    links = []
    if position > 0:
        links.append(f"← [{titles[position - 1]}]({names[position - 1]})")
    if names[position] != INDEX:
        links.append(f"[Index]({INDEX})")
    if position + 1 < len(names):
        links.append(f"[{titles[position + 1]}]({names[position + 1]}) →")
    return "---\n" + " · ".join(links) + f"\n\n{binder_badge(names[position])}"


def contents_table(course, prefix=""):
    """A markdown table of every notebook with its summary and a Binder badge."""
    rows = ["| notebook | you will be able to | run it |", "| --- | --- | --- |"]
    for name, notebook in course:
        title, summary = title_and_summary(notebook)
        rows.append(f"| [{title}]({prefix}{name}) | {summary} | {binder_badge(name)} |")
    return "\n".join(rows)


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _tagged(notebook, tag):
    return [cell for cell in notebook.cells if tag in _tags(cell)]


def _with_time_line(header, notebook):
    """The title cell with its **Time:** line rewritten, or added at its end."""
    line = time_line(notebook)
    if TIME_LINE.search(header):
        return TIME_LINE.sub(line, header)
    return header.rstrip() + "\n\n" + line


def update_notebooks(course):
    """Rewrite every notebook's `navigation` cell and the index's `contents` cell; return the names changed."""
    names = [name for name, _ in course]
    titles = [title_and_summary(notebook)[0] for _, notebook in course]
    colab, changed = colab_setup(), []
    for position, (name, notebook) in enumerate(course):
        wanted = {"navigation": footer(names, position, titles), "contents": contents_table(course), "colab": colab}
        for tag, text in wanted.items():
            for cell in _tagged(notebook, tag):
                if cell.source != text:
                    cell.source = text
                    changed.append(name)
        if name != INDEX:
            header = _with_time_line(notebook.cells[0].source, notebook)
            if header != notebook.cells[0].source:
                notebook.cells[0].source = header
                changed.append(name)
    return sorted(set(changed))


def updated_readme(text, course):
    """The README with its marked Binder badge and contents table regenerated."""
    parts = {"binder": binder_badge(), "contents": contents_table(course, prefix="notebooks/")}
    for key, (start, end) in README_MARKS.items():
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README.md: expected the markers {start} ... {end}, found none")
        text = pattern.sub(lambda _: f"{start}\n{parts[key]}\n{end}", text)
    return text


# The files beside the notebooks that name the repository: the one place in each that does, and what goes there.
ADDRESS_LINES = {
    "CITATION.cff": (r"^repository-code: .*$", lambda: f'repository-code: "{repository_url()}"'),
    "LICENSE-text.md": (r"<https://github\.com/[^>\s]*>", lambda: f"<{repository_url()}>"),
}


def updated_address(name, text):
    """The text of `name` (a key of ADDRESS_LINES) with the repository's address in it written from REPOSITORY."""
    pattern, address = ADDRESS_LINES[name]
    found = len(re.findall(pattern, text, flags=re.MULTILINE))
    if found != 1:
        raise ValueError(f"{name}: expected one place matching {pattern} for the repository's address, found {found}")
    return re.sub(pattern, lambda _: address(), text, flags=re.MULTILINE)


def other_files(course):
    """{path: text} of every file navigation writes beside the notebooks, as it would write it now."""
    readme = ROOT / "README.md"
    files = {readme: updated_readme(readme.read_text(), course)}
    for name in ADDRESS_LINES:
        files[ROOT / name] = updated_address(name, (ROOT / name).read_text())
    return files


def main(argv=()):
    """Rewrite the navigation of every notebook, the README and the repository's address, or with file names only
    the navigation of those notebooks."""
    check = "--check" in argv
    only = {Path(arg).name for arg in argv if not arg.startswith("--")}
    course = read_course()
    unknown = only - {name for name, _ in course}
    if unknown:
        raise SystemExit(f"helpers.navigation: no such notebook in {NOTEBOOKS}: {', '.join(sorted(unknown))}")
    stale = [name for name in update_notebooks(course) if not only or name in only]
    others = {} if only else {path: text for path, text in other_files(course).items() if path.read_text() != text}
    stale += [path.name for path in others]
    if check:
        print("navigation is stale in: " + ", ".join(stale) if stale else "navigation is up to date")
        return 1 if stale else 0
    for name, notebook in course:
        if name in stale:
            nbformat.write(notebook, NOTEBOOKS / name)
    for path, text in others.items():
        path.write_text(text)
    print("rewrote: " + ", ".join(stale) if stale else "nothing to rewrite")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
