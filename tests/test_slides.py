"""Present notebooks 01 and 06 as slides (jupyterlab-slideshow) in a real JupyterLab + Chromium.

Every slide fits a 1280x720 screen, the type is large enough for a lecture room, a slider on a slide
redraws its explorer's figure, and presenting never writes the notebook file.

Run:  .venv/bin/python -m pytest tests/test_slides.py -v -s
Env:  as tests/test_browser.py (GATES_CHROMIUM, GATES_NOTEBOOK_DIR, GATES_REQUIRE_BROWSER=1 in CI).
The large type comes from lab-settings/overrides.json, which `make lab`, postBuild and CI copy into
<venv>/share/jupyter/lab/settings/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser_support as bs  # noqa: E402
from test_browser import ARTIFACTS, NOTEBOOK_DIR, browser, lab_server, playwright_api  # noqa: E402,F401

SCREEN = {"width": 1280, "height": 720}
MIN_BODY_PX, MIN_CODE_PX = 24, 20
SLIDE_NOTEBOOKS = ["01-gate-linear-plus-sigmoid.ipynb", "06-lstm.ipynb"]
MAX_SLIDES = 80  # a runaway guard: no notebook has this many
DECK = ".jp-Deck"
ON_SCREEN = f"{DECK} .jp-Cell.jp-deck-mod-onscreen"

# The state of the slide on screen: which cell is active, how tall the slide's content is, what it shows.
_SLIDE_STATE = """([D, S]) => {
    const notebook = document.querySelector(D + ' .jp-Notebook');
    const cells = [...notebook.querySelectorAll('.jp-Cell')];
    const shown = [...document.querySelectorAll(S)];
    const px = (el) => el ? parseFloat(getComputedStyle(el).fontSize) : null;
    return {
        active: cells.findIndex(c => c.classList.contains('jp-mod-active')),
        cells: shown.map(c => cells.indexOf(c)),
        // The deck clips the notebook at 100vh, so the slide's true height is its cells' heights added up.
        height: Math.round(Math.max(notebook.scrollHeight,
                                    shown.reduce((sum, c) => sum + c.getBoundingClientRect().height, 0))),
        explorer: shown.some(c => c.querySelector('.gates-explorer')),
        body_px: px(shown.map(c => c.querySelector('.jp-RenderedMarkdown p')).find(Boolean)),
        code_px: px(shown.map(c => c.querySelector('.jp-CodeCell .cm-content')).find(Boolean)),
    };
}"""


@pytest.fixture(scope="module")
def no_autosave(lab_server):
    """Turn JupyterLab's 2-minute autosave off, so a write to the notebook can only come from the slideshow.

    (Run All makes the notebook dirty; with autosave on, JupyterLab itself would save it during the test.)
    """
    settings = lab_server.root.parent.parent / "lab-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    return lab_server


def _focus_deck(page) -> None:
    """Give the keyboard back to the slideshow (its keys act on the active cell in command mode)."""
    page.evaluate(f"() => document.querySelector('{DECK} .jp-Cell.jp-mod-active').focus()")


def _next_slide(page, state: dict) -> dict | None:
    """Press Space (next fragment, subslide or slide); the new state, or None at the last slide."""
    _focus_deck(page)
    page.keyboard.press("Space")
    try:
        page.wait_for_function(f"([D, S, old]) => ({_SLIDE_STATE})([D, S]).active !== old",
                               arg=[DECK, ON_SCREEN, state["active"]], timeout=3_000)
    except Exception:  # playwright TimeoutError: Space did not move on, this was the last slide
        return None
    page.wait_for_timeout(300)  # the deck fades cells in; MathJax and images settle
    return page.evaluate(_SLIDE_STATE, [DECK, ON_SCREEN])


def _move_slider_on_slide(page) -> str:
    """Move the first slider of the explorer on screen; a description of the frame change, or raise."""
    sliders = bs.tag_sliders(page)
    on_slide = page.evaluate("(S) => [...document.querySelectorAll('[data-gates-slider]')]"
                             ".map(h => !!h.closest(S))", ON_SCREEN)
    index = next(i for i, shown in enumerate(on_slide) if shown and sliders[i]["box"])
    box = sliders[index]["box"]
    before = page.locator(f"{box} {bs.FRAME}").get_attribute("src")
    problem = bs.move_slider(page, index, box)
    assert problem is None, f"the slider on the slide did not redraw its figure: {problem}"
    after = page.locator(f"{box} {bs.FRAME}").get_attribute("src")
    assert after != before
    return f"slider {index + 1}: frame src changed ({len(before)} -> {len(after)} chars)"


@pytest.mark.browser
@pytest.mark.parametrize("name", SLIDE_NOTEBOOKS)
def test_slideshow(name: str, browser, no_autosave):
    """Start the deck at the first cell, walk every slide, move a slider on a slide, stop the deck."""
    server = no_autosave
    served = server.root / name
    original = served.read_bytes()
    page = browser.new_page(viewport=SCREEN)
    saves = []  # a save (PUT), rename (PATCH) or new file (POST) through the contents API; opening a notebook
    # POSTs a checkpoint, which copies the file and leaves it as it is.
    page.on("request", lambda r: saves.append(f"{r.method} {r.url.split('?')[0]}")
            if "/api/contents/" in r.url and (r.method in ("PUT", "PATCH") or (
                r.method == "POST" and not r.url.split("?")[0].endswith("/checkpoints"))) else None)
    shots = ARTIFACTS / f"slides-{served.stem}"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    try:
        page.goto(f"{server.base}/lab/tree/notebooks/{name}?reset&token={server.token}")
        bs.wait_kernel_idle(page)
        bs.run_all(page)
        # The deck starts at the active cell: make it the first one, then press the toolbar's deck button.
        page.locator(f"{bs.PANEL} .jp-Cell").first.locator(".jp-InputPrompt").click()
        page.locator(f"{bs.PANEL} .jp-NotebookPanel-toolbar [data-command='deck:toggle']").click()
        page.wait_for_function("() => document.body.dataset.jpDeckMode === 'presenting'", timeout=10_000)
        page.wait_for_timeout(1_000)

        slides, frame_change = [page.evaluate(_SLIDE_STATE, [DECK, ON_SCREEN])], None
        while len(slides) < MAX_SLIDES:
            state = slides[-1]
            page.screenshot(path=str(shots / f"{len(slides):02d}.png"))
            if state["explorer"] and frame_change is None:
                frame_change = _move_slider_on_slide(page)
                page.screenshot(path=str(shots / f"{len(slides):02d}-moved.png"))
            following = _next_slide(page, state)
            if following is None:
                break
            slides.append(following)

        # Space steps through every cell of a slide; a slide is one set of cells on screen.
        slides = list({tuple(s["cells"]): s for s in slides}.values())
        tallest = max(slides, key=lambda s: s["height"])
        body = [s["body_px"] for s in slides if s["body_px"] is not None]
        code = [s["code_px"] for s in slides if s["code_px"] is not None]
        print(f"\n{name}: {len(slides)} slides, tallest {tallest['height']} px (cells {tallest['cells']}), "
              f"body text {min(body, default=None)}-{max(body, default=None)} px, "
              f"code {min(code, default=None)}-{max(code, default=None)} px, {frame_change}")
        too_tall = [f"  slide {n + 1} (cells {s['cells']}): {s['height']} px"
                    for n, s in enumerate(slides) if s["height"] > SCREEN["height"]]
        assert not too_tall, f"{name}: slides taller than {SCREEN['height']} px:\n" + "\n".join(too_tall)
        assert body and min(body) >= MIN_BODY_PX, (
            f"{name}: body text on slides is {min(body, default=None)} px, expected >= {MIN_BODY_PX} "
            "(is lab-settings/overrides.json installed in <venv>/share/jupyter/lab/settings/?)")
        assert code and min(code) >= MIN_CODE_PX, f"{name}: code on slides is {min(code, default=None)} px"
        assert frame_change, f"{name}: no slide shows an explorer"

        _focus_deck(page)
        page.keyboard.press("Escape")  # the deck's own key for "Stop Deck"
        page.wait_for_function("() => document.body.dataset.jpDeckMode !== 'presenting'", timeout=10_000)
        page.wait_for_timeout(1_000)
        assert not saves, f"{name}: the notebook was written while presenting: {saves}"
        assert served.read_bytes() == original, f"{name}: presenting changed the notebook file on disk"
    finally:
        page.screenshot(path=str(shots / "last.png"))
        if page.evaluate("() => document.body.dataset.jpDeckMode === 'presenting'"):
            _focus_deck(page)  # the deck remembers it was on: stop it, or the next notebook opens presenting
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)
        page.close()
        try:
            server.shutdown_sessions(name)
        except OSError:
            pass
