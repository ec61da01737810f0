"""Helpers for tests/test_browser.py: a throwaway JupyterLab server and page actions."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The notebook of the current tab; other tabs are hidden with lm-mod-hidden.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RUN_TIMEOUT_MS = 120_000
REDRAW_TIMEOUT_MS = 20_000

# Lab user settings written into a temporary settings dir (never the user's own).
LAB_SETTINGS = {
    # No news/update toasts: they need the network and cover the notebook.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # No "Select Kernel" dialog; "none" keeps every cell in the DOM (no virtual scrolling).
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"},
}


def free_port() -> int:
    """Ask the OS for a currently unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A `jupyter lab` subprocess in its own process group, serving a copy of the notebooks and their images."""

    def __init__(self, notebook_dir: Path, tmp: Path):
        served = tmp / "course"
        self.root = served / "notebooks"
        # Work on a copy: JupyterLab autosaves, the committed notebooks must stay untouched.
        shutil.copytree(notebook_dir, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        # The notebooks show ../images/*.png, so the images sit beside them as in the repository.
        if (notebook_dir.parent / "images").is_dir():
            shutil.copytree(notebook_dir.parent / "images", served / "images")
        settings = tmp / "lab-settings"
        for plugin, values in LAB_SETTINGS.items():
            target = settings / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        self.port, self.token = free_port(), secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        # Config, runtime and IPython dirs are isolated; the data dir stays in the venv
        # because it holds the kernelspec and the ipywidgets lab extension.
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"),
                   JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), IPYTHONDIR=str(tmp / "ipython"))
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={served}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # containers/CI often run as root
        self.log_path = tmp / "jupyter-lab.log"
        self._log = open(self.log_path, "wb")
        # start_new_session: the server leads a new process group that teardown can signal.
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    def api(self, path: str, method: str = "GET"):
        """Call the server's REST API with the token and return the decoded JSON (or None)."""
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def wait_ready(self, timeout: float = 90) -> None:
        """Poll /api/status until the server answers; fail early if it exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        """Last lines of the server log, for error messages."""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def shutdown_sessions(self, path: str) -> None:
        """Shut down the kernel(s) opened for one notebook so they don't pile up."""
        for session in self.api("/api/sessions") or []:
            if session.get("path") == f"notebooks/{path}":
                self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def stop(self) -> None:
        """Stop kernels, then SIGTERM (later SIGKILL) only the process group we created."""
        try:
            for kernel in self.api("/api/kernels") or []:
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except OSError:
            pass  # server already gone; ipykernel exits on its own when its parent dies
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        self._log.close()


def menu(page, top: str, item: str) -> None:
    """Click a main-menu entry, e.g. menu(page, "Run", "Run All Cells")."""
    page.get_by_role("menubar").get_by_role("menuitem", name=top, exact=True).click()
    page.locator(".lm-Menu").get_by_role("menuitem", name=item, exact=True).click()


def wait_kernel_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the notebook has a kernel (toolbar names it) and the kernel indicator says idle."""
    # The indicator already says "idle" while the toolbar still shows "No Kernel" during page
    # load; commands issued then are silently dropped, so both conditions are needed.
    page.wait_for_function("""(P) => {
        const ind = document.querySelector(P + ' .jp-Notebook-ExecutionIndicator');
        const name = document.querySelector(P + ' .jp-Toolbar-kernelName');
        return ind && ind.dataset.status === 'idle'
            && name && name.textContent.trim() !== '' && !name.textContent.includes('No Kernel');
    }""", arg=PANEL, timeout=timeout_ms, polling=100)


def run_all(page) -> None:
    """Clear all outputs, Run All Cells, and wait until nothing is queued or running."""
    # Clearing also resets execution counts, so stored outputs can't fake a pass
    # and "[N]" prompts prove the cell ran in this session.
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("""(P) => [...document.querySelectorAll(P + ' .jp-CodeCell .jp-InputPrompt')]
        .every(p => p.textContent.trim() === '[ ]:')""", arg=PANEL, timeout=10_000)
    menu(page, "Run", "Run All Cells")
    # Started = some prompt left "[ ]"; finished = no "[*]" and the kernel is idle.
    page.wait_for_function("""(P) => [...document.querySelectorAll(P + ' .jp-CodeCell .jp-InputPrompt')]
        .some(p => p.textContent.trim() !== '[ ]:')""", arg=PANEL, timeout=30_000)
    page.wait_for_function("""(P) => {
        const ind = document.querySelector(P + ' .jp-Notebook-ExecutionIndicator');
        const prompts = [...document.querySelectorAll(P + ' .jp-CodeCell .jp-InputPrompt')];
        return ind && ind.dataset.status === 'idle' && !prompts.some(p => p.textContent.includes('*'));
    }""", arg=PANEL, timeout=RUN_TIMEOUT_MS, polling=250)


def cell_report(page) -> list[dict]:
    """Per code cell: its prompt and the text of every stderr-typed output (nested widget outputs too)."""
    return page.evaluate("""(P) => [...document.querySelectorAll(P + ' .jp-CodeCell')].map(c => ({
        prompt: c.querySelector('.jp-InputPrompt').textContent.trim(),
        stderr: [...c.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
                .map(o => o.textContent),
    }))""", PANEL)


# JupyterLab gives exceptions and plain stderr the same mime type and classes, so an
# exception is told apart by IPython's traceback text (SyntaxError has no header).
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w*Error: ", re.M)


def is_exception(text: str) -> bool:
    """True if an application/vnd.jupyter.stderr output is a Python exception, not a warning."""
    return bool(_TRACEBACK.search(text))


def count_images(page, minimum: int, timeout_ms: int = 15_000) -> int:
    """Number of <img> outputs, waiting up to the timeout for at least `minimum` of them."""
    selector = f"{PANEL} .jp-OutputArea-output img"
    try:  # widget outputs render a moment after the kernel went idle
        page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n",
                               arg=[selector, minimum], timeout=timeout_ms)
    except Exception:  # playwright TimeoutError: report the count we have
        pass
    return page.locator(selector).count()


def broken_images(page, timeout_ms: int = 15_000) -> list[str]:
    """The sources of the course's own markdown images (the diagrams) that did not load.

    Remote images, such as the Binder badge, are left out: these machines have no internet.
    """
    selector = f"{PANEL} .jp-RenderedMarkdown img:not([src^='http'])"
    try:  # give the images time to arrive before judging them
        page.wait_for_function("(sel) => [...document.querySelectorAll(sel)].every(i => i.complete)",
                               arg=selector, timeout=timeout_ms)
    except Exception:  # playwright TimeoutError: the incomplete ones are reported below
        pass
    return page.evaluate("(sel) => [...document.querySelectorAll(sel)]"
                         ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))",
                         selector)


def tag_sliders(page) -> list[str]:
    """Mark each slider handle and its interact() box with data attributes; return box selectors."""
    return page.evaluate("""(P) => {
        const handles = [...document.querySelectorAll(P + ' .widget-slider .noUi-handle')];
        return handles.map((h, i) => {
            // The figure a slider drives lives in the same interact() box (else the same cell).
            const box = h.closest('.widget-interact') || h.closest('.jp-Cell');
            box.dataset.gatesBox = box.dataset.gatesBox || String(i);
            h.dataset.gatesSlider = String(i);
            return `[data-gates-box='${box.dataset.gatesBox}']`;
        });
    }""", PANEL)


def move_slider(page, index: int, box: str) -> str | None:
    """Click slider `index`'s track far from its handle and wait for its box's image to be redrawn.

    Returns None on success, otherwise a reason string.
    """
    handle = page.locator(f"[data-gates-slider='{index}']")
    img = page.locator(f"{box} img").first
    if img.count() == 0:
        return "no figure (<img>) in its interact box to watch"
    old_src, old_value = img.get_attribute("src"), handle.get_attribute("aria-valuenow")
    low, high = float(handle.get_attribute("aria-valuemin")), float(handle.get_attribute("aria-valuemax"))
    # A click on the track jumps the handle there (noUiSlider "tap"): go to 80% of the range,
    # or to 20% if the handle is in the upper half, so the value always moves by >= 30%.
    # (Keyboard presses on the handle were flaky: JupyterLab sometimes swallowed every other key.)
    target = 0.2 if high > low and (float(old_value) - low) / (high - low) > 0.5 else 0.8
    track = handle.locator("xpath=ancestor::div[contains(@class, 'noUi-target')][1]")
    box_size = track.bounding_box()
    if box_size is None:
        return "slider track is not visible"
    track.click(position={"x": box_size["width"] * target, "y": box_size["height"] / 2})
    try:
        page.wait_for_function("([sel, old]) => document.querySelector(sel).getAttribute('aria-valuenow') !== old",
                               arg=[f"[data-gates-slider='{index}']", old_value], timeout=5_000)
    except Exception:  # playwright TimeoutError
        return f"value stayed at {old_value} after clicking the track"
    try:
        # Done when the image changed, or when the box shows an error instead of a figure.
        page.wait_for_function("""([box, old, tb]) => {
            const img = document.querySelector(box + ' img');
            const errs = document.querySelectorAll(box + " [data-mime-type='application/vnd.jupyter.stderr']");
            return (img && img.getAttribute('src') && img.getAttribute('src') !== old)
                || [...errs].some(e => new RegExp(tb, 'm').test(e.textContent));
        }""", arg=[box, old_src, _TRACEBACK.pattern], timeout=REDRAW_TIMEOUT_MS)
    except Exception:  # playwright TimeoutError (playwright is only imported in the fixture)
        return f"figure not redrawn within {REDRAW_TIMEOUT_MS // 1000}s ({old_value} -> {handle.get_attribute('aria-valuenow')})"
    wait_kernel_idle(page)
    for text in page.locator(f"{box} [data-mime-type='application/vnd.jupyter.stderr']").all_text_contents():
        if is_exception(text):
            return f"redraw raised ({old_value} -> {handle.get_attribute('aria-valuenow')}): {text.strip().splitlines()[-1]}"
    return None


def full_screenshot(page, path: Path) -> None:
    """Screenshot the whole notebook: JupyterLab scrolls inside a panel, so grow the viewport."""
    size = page.viewport_size
    # Height down to the last cell (scrollHeight also counts the "scroll past end" padding).
    height = page.evaluate("""(P) => {
        const o = document.querySelector(P + ' .jp-WindowedPanel-outer');
        const cells = o ? o.querySelectorAll('.jp-Cell') : [];
        if (!cells.length) return 0;
        return cells[cells.length - 1].getBoundingClientRect().bottom + o.scrollTop + 80;
    }""", PANEL)
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), 16_000))})
    page.evaluate("(P) => { const o = document.querySelector(P + ' .jp-WindowedPanel-outer'); if (o) o.scrollTop = 0; }", PANEL)
    page.wait_for_timeout(500)  # let Lumino re-layout after the resize
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
