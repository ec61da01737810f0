"""Run every notebook in a real JupyterLab + Chromium, check outputs, move every slider, drag one per explorer.

Run:  .venv/bin/python -m pytest tests/test_browser.py -v -s
Env:  GATES_NOTEBOOK_DIR (default <repo>/notebooks), GATES_CHROMIUM (default /usr/bin/chromium),
      GATES_REQUIRE_BROWSER=1 turns a missing browser into a failure instead of a skip (CI).
Notebook 01 runs a second time with GATES_FRAMES=html (helpers/figures/live.py), the way explorers send frames on Colab.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import pytest

# Import the helper module by path so this works under any pytest --import-mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser_support as bs  # noqa: E402
from benchmarks.report import notebook_seconds  # noqa: E402  (the repository root is on sys.path: conftest)

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("GATES_NOTEBOOK_DIR", REPO / "notebooks")).resolve()
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("GATES_CHROMIUM", "/usr/bin/chromium")
HTML_FRAMES_NOTEBOOK = "01-gate-linear-plus-sigmoid.ipynb"  # quick, with two explorers


def _code_sources(path: Path) -> list[str]:
    """Sources of the notebook's code cells, in order (to name cells in failure messages)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "code"]


def _expected_images(path: Path, sources: list[str]) -> int:
    """Figures the browser must show: as many as the saved outputs hold, at least 1 if the code plots."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    saved = sum(any(k.startswith("image/") for k in out.get("data", {}))
                for c in cells for out in c.get("outputs", []))
    plots = any(re.search(r"%matplotlib|\bplt\.|\bFigure\(", s) for s in sources)
    return max(saved, int(plots))


def _describe(index: int, sources: list[str], extra: str = "") -> str:
    """One failure line: code cell number, its first lines, and optionally the output text."""
    src = sources[index] if index < len(sources) else "?"
    head = "\n      ".join(src.strip().splitlines()[:4])
    tail = "\n      -> " + extra.strip().splitlines()[-1] if extra.strip() else ""
    return f"  code cell {index + 1}:\n      {head}{tail}"


@pytest.fixture(scope="module")
def playwright_api():
    """Import playwright and check Chromium; skip (or fail when required) if either is missing."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        problem = f"the playwright Python package cannot be imported ({exc})"
    if problem is None and not Path(CHROMIUM).exists():
        problem = f"Chromium not found at {CHROMIUM} (set GATES_CHROMIUM to another path)"
    if problem:
        hint = ("Browser tests need Debian's Chromium: `sudo apt-get install chromium` (Debian/Ubuntu) "
                "and the playwright package from the dev requirements; CI requires them.")
        if os.environ.get("GATES_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GATES_REQUIRE_BROWSER=1 but {problem}. {hint}", pytrace=False)
        pytest.skip(f"{problem}. {hint}")
    with sync_playwright() as pw:
        yield pw


def _serve(tmp_path_factory, frames):
    """A JupyterLab server on a free port serving a temporary copy of the notebooks, its kernels sending explorer
    frames the way `frames` says (GATES_FRAMES; None: the learner's default, the image way)."""
    server = bs.LabServer(NOTEBOOK_DIR, tmp_path_factory.mktemp("jupyterlab"), env={"GATES_FRAMES": frames})
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def lab_server(playwright_api, tmp_path_factory):
    """The notebooks served as a learner gets them."""
    # Depends on playwright_api so a skipped run never starts a server.
    yield from _serve(tmp_path_factory, None)


@pytest.fixture(scope="module")
def lab_server_html_frames(playwright_api, tmp_path_factory):
    """The notebooks served with GATES_FRAMES=html: explorer frames sent as on Colab, with no binary buffers."""
    yield from _serve(tmp_path_factory, "html")


@pytest.fixture(scope="module")
def browser(playwright_api):
    """Headless Debian Chromium (playwright's own browser download is not used)."""
    chromium = playwright_api.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=bs.CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_in_jupyterlab(notebook: Path, browser, lab_server, record_property):
    """Run All in JupyterLab, no exceptions, figures render, every slider redraws its explorer's figure,
    and a mouse drag redraws it while the button is held."""
    _run_and_move(notebook, browser, lab_server, record_property, frames="image")


@pytest.mark.browser
def test_explorers_sending_html_frames_still_redraw(browser, lab_server_html_frames, record_property):
    """Notebook 01 (two explorers) with GATES_FRAMES=html in the kernel's environment, as Colab gets it: every
    figure arrives as an <img> in an HTML widget, and every slider, clicked or dragged, still changes it."""
    _run_and_move(NOTEBOOK_DIR / HTML_FRAMES_NOTEBOOK, browser, lab_server_html_frames, record_property, frames="html")


def _run_and_move(notebook: Path, browser, lab_server, record_property, frames: str):
    """The browser test of one notebook, its explorers sending their frames the way `frames` says."""
    started = time.monotonic()
    served = lab_server.root / notebook.name  # read the copy the browser sees, not the live file
    sources = _code_sources(served)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    shot = ARTIFACTS / f"{notebook.stem}{'' if frames == 'image' else '-' + frames + '-frames'}.png"
    shot.unlink(missing_ok=True)  # never leave a stale screenshot from an earlier run
    try:
        # ?reset drops the saved workspace, so tabs of earlier notebooks are not restored.
        page.goto(f"{lab_server.base}/lab/tree/notebooks/{notebook.name}?reset&token={lab_server.token}")
        bs.wait_kernel_idle(page)
        if any(s.strip() for s in sources):
            # A notebook that trains gets three times its benchmark budget (notebook 10: 90 s, so 270 s).
            bs.run_all(page, max(bs.RUN_TIMEOUT_MS, int(3_000 * notebook_seconds(notebook.name))))
        run_secs = time.monotonic() - started

        cells = bs.cell_report(page)
        assert len(cells) == len(sources), f"DOM shows {len(cells)} code cells, file has {len(sources)}"
        errors = [_describe(i, sources, t) for i, c in enumerate(cells) for t in c["stderr"] if bs.is_exception(t)]
        assert not errors, f"{notebook.name}: cells raised exceptions:\n" + "\n".join(errors)
        warnings = [_describe(i, sources, t) for i, c in enumerate(cells) for t in c["stderr"]
                    if not bs.is_exception(t)]
        if warnings:  # plain stderr (e.g. a DeprecationWarning) is reported, not failed
            print(f"\n{notebook.name}: stderr output (not failing):\n" + "\n".join(warnings))
        # Run All stops at the first failing cell, so unexecuted cells reveal an error even
        # when its text was not recognised above (e.g. SystemExit).
        skipped = [_describe(i, sources) for i, c in enumerate(cells)
                   if sources[i].strip() and not c["prompt"].strip("[]: ").isdigit()]
        assert not skipped, (f"{notebook.name}: cells did not run (Run All stops after a failing cell):\n"
                             + "\n".join(skipped))

        expected = _expected_images(served, sources)
        shown = bs.count_images(page, expected)
        assert shown >= expected, f"{notebook.name}: expected at least {expected} figure(s), JupyterLab shows {shown}"

        broken = bs.broken_images(page)
        assert not broken, f"{notebook.name}: images that did not load: {broken}"
        broken = bs.broken_frames(page)
        assert not broken, f"{notebook.name}: figures that did not load: {broken}"

        ways = bs.frame_ways(page)
        assert set(ways) <= {frames}, f"{notebook.name}: explorers should send frames the {frames} way: {ways}"
        assert ways or frames == "image", f"{notebook.name}: no explorer frame found"

        sliders = bs.tag_sliders(page)
        problems = [f"  slider {i + 1}: {why}" for i, slider in enumerate(sliders)
                    if (why := bs.move_slider(page, i, slider["box"]))]
        moved = len(sliders) - len(problems)
        record_property("sliders_moved", moved)  # lands in --junitxml reports
        print(f"\n{notebook.name}: {moved}/{len(sliders)} sliders moved, "
              f"run {run_secs:.1f}s, total {time.monotonic() - started:.1f}s")
        # Stricter than "at least one moved": every slider must redraw its figure.
        assert not problems, (f"{notebook.name}: {len(problems)} of {len(sliders)} sliders did not redraw "
                              "their figure:\n" + "\n".join(problems))

        # A mouse drag on the first slider of every explorer: the figure must follow the hand while the
        # button is held (continuous_update and a kernel that keeps up), and the final frame must arrive.
        drags, drag_problems = [], []
        for i, slider in enumerate(sliders):
            if slider["first"]:
                stats, why = bs.drag_slider(page, i, slider["box"])
                drags.append(stats)
                print(f"  drag slider {i + 1} ({stats.get('slider', '?')}): " + ", ".join(
                    f"{k}={v}" for k, v in stats.items() if k != "slider"))
                if why:
                    drag_problems.append(f"  slider {i + 1}: {why}")
        if drags:
            done = [d for d in drags if "frames_during_drag" in d]
            latencies = [d["release_to_last_frame_ms"] for d in done if d["release_to_last_frame_ms"] is not None]
            summary = {
                "drags": len(drags),
                "drag_frames_during": [d["frames_during_drag"] for d in done],
                "drag_ms": [d["drag_ms"] for d in done],
                "release_to_last_frame_ms": latencies,
            }
            for key, value in summary.items():
                record_property(key, value)
            print(f"{notebook.name}: {len(drags)} drags; frames during drag {summary['drag_frames_during']}, "
                  f"drag duration ms {summary['drag_ms']}, mouseup -> last frame ms {latencies}")
        bs.full_screenshot(page, shot)
        assert not drag_problems, (f"{notebook.name}: {len(drag_problems)} of {len(drags)} drags failed:\n"
                                   + "\n".join(drag_problems))
        # A slider callback that raises shows its traceback inside the interact box.
        after = [_describe(i, sources, t) for i, c in enumerate(bs.cell_report(page))
                 for t in c["stderr"] if bs.is_exception(t)]
        assert not after, f"{notebook.name}: exceptions after moving sliders:\n" + "\n".join(after)
    finally:
        if not shot.exists():  # failed early: still keep a picture for debugging
            try:
                bs.full_screenshot(page, shot)
            except Exception as exc:  # the original failure matters more
                print(f"screenshot failed: {exc}")
        page.close()
        try:
            lab_server.shutdown_sessions(notebook.name)
        except OSError:  # server gone; teardown will report it
            pass
