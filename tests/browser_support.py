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

    def __init__(self, notebook_dir: Path, tmp: Path, env: dict[str, str | None] | None = None):
        """`env` adds variables to the server's environment, which its kernels inherit (None removes one)."""
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
        server_env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"),
                          JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), IPYTHONDIR=str(tmp / "ipython"))
        for name, value in (env or {}).items():
            if value is None:
                server_env.pop(name, None)
            else:
                server_env[name] = value
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={served}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # containers/CI often run as root
        self.log_path = tmp / "jupyter-lab.log"
        self._log = open(self.log_path, "wb")
        # start_new_session: the server leads a new process group that teardown can signal.
        self.proc = subprocess.Popen(cmd, env=server_env, stdout=self._log, stderr=subprocess.STDOUT,
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


def run_all(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
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
    }""", arg=PANEL, timeout=timeout_ms, polling=250)


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


# An explorer (helpers/figures/live.py) is a VBox with this class: its sliders, then the widget showing its figure.
EXPLORER = ".gates-explorer"
# The explorer's figure: an <img> with this class whose src changes on every frame. Sent the image way, it is the Image
# widget itself; sent the HTML way (GATES_FRAMES=html), it sits in an HTML widget that replaces it on every frame.
FRAME = "img.gates-frame"


def tag_sliders(page) -> list[dict]:
    """Mark each slider handle and its explorer box with data attributes.

    Returns one dict per slider, in page order: `box`, the selector of its `.gates-explorer` box (None when
    the slider sits outside any explorer), and `first`, True for the first slider of its box.
    """
    return page.evaluate("""([P, E]) => {
        const handles = [...document.querySelectorAll(P + ' .widget-slider .noUi-handle')];
        const seen = new Set();
        return handles.map((h, i) => {
            h.dataset.gatesSlider = String(i);
            const box = h.closest(E);
            if (!box) return {box: null, first: false};
            box.dataset.gatesBox = box.dataset.gatesBox || String(i);
            const first = !seen.has(box.dataset.gatesBox);
            seen.add(box.dataset.gatesBox);
            return {box: `[data-gates-box='${box.dataset.gatesBox}']`, first};
        });
    }""", [PANEL, EXPLORER])


def frame_ways(page) -> list[str]:
    """How each explorer's figure reached the page: "image" (an Image widget), "html" (an <img> in an HTML widget,
    with an alt text), or what else was found."""
    return page.evaluate("""([P, E, F]) => [...document.querySelectorAll(P + ' ' + E)].map(box => {
        const frames = box.querySelectorAll(F);
        if (frames.length !== 1) return `${frames.length} frames`;
        const img = frames[0];
        if (img.classList.contains('widget-image')) return 'image';
        if (img.closest('.widget-html') && img.getAttribute('alt')) return 'html';
        return 'an <img> in neither an Image nor an HTML widget, or without alt text';
    })""", [PANEL, EXPLORER, FRAME])


def broken_frames(page, timeout_ms: int = 15_000) -> list[str]:
    """Output images (static figures and explorer frames) that did not load, described by cell output and size."""
    selector = f"{PANEL} .jp-OutputArea-output img"
    try:
        page.wait_for_function("(sel) => [...document.querySelectorAll(sel)].every(i => i.complete)",
                               arg=selector, timeout=timeout_ms)
    except Exception:  # playwright TimeoutError: the incomplete ones are reported below
        pass
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel)].map((i, n) => [i, n])
        .filter(([i]) => !i.complete || i.naturalWidth === 0)
        .map(([i, n]) => `output image ${n + 1} (${i.classList.contains('gates-frame') ? 'explorer frame' : 'figure'},`
                         + ` src ${(i.getAttribute('src') || '').slice(0, 40)}...)`)""", selector)


def _slider_name(page, index: int) -> str:
    """The slider's label, e.g. 'f_1', for messages."""
    return page.evaluate("""(i) => { const h = document.querySelector(`[data-gates-slider='${i}']`);
        const s = h && h.closest('.widget-slider'); const l = s && s.querySelector('.widget-label');
        return l ? l.textContent.trim() : '?'; }""", index)


def move_slider(page, index: int, box: str | None) -> str | None:
    """Click slider `index`'s track far from its handle and wait for its explorer's figure to be redrawn.

    Returns None on success, otherwise a reason string.
    """
    if box is None:
        return "not inside a .gates-explorer box (an old interact() slider?)"
    handle = page.locator(f"[data-gates-slider='{index}']")
    img = page.locator(f"{box} {FRAME}")
    if img.count() != 1:
        return f"its explorer box holds {img.count()} figure <img>s, expected exactly 1"
    handle.scroll_into_view_if_needed()
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
        page.wait_for_function("""([img, box, old, tb]) => {
            const i = document.querySelector(img);
            const errs = document.querySelectorAll(box + " [data-mime-type='application/vnd.jupyter.stderr']");
            return (i && i.getAttribute('src') && i.getAttribute('src') !== old)
                || [...errs].some(e => new RegExp(tb, 'm').test(e.textContent));
        }""", arg=[f"{box} {FRAME}", box, old_src, _TRACEBACK.pattern], timeout=REDRAW_TIMEOUT_MS)
    except Exception:  # playwright TimeoutError (playwright is only imported in the fixture)
        return f"figure not redrawn within {REDRAW_TIMEOUT_MS // 1000}s ({old_value} -> {handle.get_attribute('aria-valuenow')})"
    wait_kernel_idle(page)
    return _box_exception(page, box, f"redraw raised ({old_value} -> {handle.get_attribute('aria-valuenow')})")


def _box_exception(page, box: str, what: str) -> str | None:
    """A reason string if the explorer's cell shows a traceback (a frame that raised), else None."""
    # The Explorer's own widget has no output area: a raising callback prints into its cell's output.
    cell = page.locator(box).locator("xpath=ancestor::div[contains(@class, 'jp-Cell')][1]")
    for text in cell.locator("[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents():
        if is_exception(text):
            return f"{what}: {text.strip().splitlines()[-1]}"
    return None


# Installed in the page before a drag: a MutationObserver on the explorer box records, with performance.now()
# timestamps, every new src of its figure, every change of the dragged slider's value (aria-valuenow and the
# readout) and where the box sits (to see the layout jump); capture listeners time the press and the release.
# The figure's <img> is looked up afresh each time: the HTML way of sending frames replaces it on every frame.
_DRAG_RECORDER = """([box, img, handle]) => {
    const B = document.querySelector(box), H = document.querySelector(handle), I = () => document.querySelector(img);
    const R = H.closest('.widget-slider').querySelector('.widget-readout');
    if (window.__gatesDrag) window.__gatesDrag.stop();
    const rec = {start: I().getAttribute('src'), frames: [], values: [], down: null, up: null, tops: [], sizes: []};
    // Only real changes count: the readout's text node is replaced on release even when the value stays.
    const lastSeen = {aria: H.getAttribute('aria-valuenow'), readout: R.textContent.trim(), src: rec.start};
    const seenValue = (k, v, t) => { if (v !== lastSeen[k]) { lastSeen[k] = v; rec.values.push({t, v}); } };
    const where = () => { const r = I().getBoundingClientRect(), t = H.getBoundingClientRect();
                          rec.tops.push(t.top); rec.sizes.push(Math.round(r.width) + 'x' + Math.round(r.height)); };
    where();
    const obs = new MutationObserver(ms => {
        const now = performance.now(), src = I() && I().getAttribute('src');
        if (src && src !== lastSeen.src) { lastSeen.src = src; rec.frames.push({t: now, src}); where(); }
        for (const m of ms) {
            if (m.type === 'attributes' && m.attributeName === 'src') {
                continue;  // a new frame: recorded above
            } else if (m.type === 'attributes' && m.target === H) {
                seenValue('aria', H.getAttribute('aria-valuenow'), now);
            } else if (R.contains(m.target)) {
                seenValue('readout', R.textContent.trim(), now);
            }
        }
    });
    obs.observe(B, {subtree: true, attributes: true, attributeFilter: ['src', 'aria-valuenow'],
                    childList: true, characterData: true});
    const down = () => { if (rec.down === null) rec.down = performance.now(); };
    const up = () => { if (rec.down !== null && rec.up === null) rec.up = performance.now(); };
    window.addEventListener('pointerdown', down, true); window.addEventListener('mousedown', down, true);
    window.addEventListener('pointerup', up, true); window.addEventListener('mouseup', up, true);
    rec.stop = () => { obs.disconnect();
        window.removeEventListener('pointerdown', down, true); window.removeEventListener('mousedown', down, true);
        window.removeEventListener('pointerup', up, true); window.removeEventListener('mouseup', up, true); };
    window.__gatesDrag = rec;
}"""

# What the recorder saw; frames are the distinct new srcs (first arrival of each).
_DRAG_SUMMARY = """() => {
    const r = window.__gatesDrag, seen = new Set([r.start]), frames = [];
    for (const f of r.frames) if (!seen.has(f.src)) { seen.add(f.src); frames.push(f.t); }
    const last = a => a.length ? a[a.length - 1].t : null;
    return {down: r.down, up: r.up, now: performance.now(), frames,
            last_value: last(r.values), values: r.values.length,
            top_shift: Math.max(...r.tops) - Math.min(...r.tops), sizes: [...new Set(r.sizes)]};
}"""

DRAG_STEPS = 32          # mouse moves across the track ...
DRAG_STEP_MS = 45        # ... this far apart: with playwright's own ~20 ms per move, a drag of about 2 s
SETTLE_QUIET_MS = 1_000  # after release, the figure has settled when nothing changed for this long
SETTLE_TIMEOUT_MS = 10_000


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _readout(page, index: int) -> str:
    """The number the slider shows beside its track (its readout), with an ASCII minus sign."""
    text = page.evaluate("""(i) => document.querySelector(`[data-gates-slider='${i}']`)
        .closest('.widget-slider').querySelector('.widget-readout').textContent.trim()""", index)
    return text.replace("\u2212", "-")  # the readout's d3 format writes negatives with a real minus sign


def drag_slider(page, index: int, box: str, attempts: int = 2) -> tuple[dict, str | None]:
    """Press slider `index`'s handle, drag it across the track in small steps over ~2 s, then release.

    Records, while the button is held, how many new figure frames the explorer shows; then waits for the figure
    to settle. Returns (stats, problem): stats has frames_during_drag, drag_ms, release_to_last_frame_ms (negative
    when the last frame came before the release), frames_after_release, value, layout_shift_px, img_sizes;
    problem is None or a reason string. The drag is retried once if JupyterLab swallowed the press.
    """
    name = _slider_name(page, index)
    handle = page.locator(f"[data-gates-slider='{index}']")
    track = handle.locator("xpath=ancestor::div[contains(@class, 'noUi-target')][1]")
    problem = "not tried"
    for attempt in range(attempts):
        wait_kernel_idle(page)
        handle.scroll_into_view_if_needed()
        page.wait_for_timeout(200)  # let the notebook's scroll settle before taking coordinates
        hbox, tbox = handle.bounding_box(), track.bounding_box()
        if hbox is None or tbox is None:
            return {}, f"{name}: slider not visible"
        start_value, start_readout = handle.get_attribute("aria-valuenow"), _readout(page, index)
        x0, y = hbox["x"] + hbox["width"] / 2, hbox["y"] + hbox["height"] / 2
        # Drag towards the farther end, to 5% from it, so most of the track is crossed.
        frac = (x0 - tbox["x"]) / tbox["width"] if tbox["width"] else 0.5
        x1 = tbox["x"] + tbox["width"] * (0.05 if frac > 0.5 else 0.95)
        page.evaluate(_DRAG_RECORDER, [box, f"{box} {FRAME}", f"[data-gates-slider='{index}']"])
        page.mouse.move(x0, y)
        page.mouse.down()
        for step in range(1, DRAG_STEPS + 1):
            page.mouse.move(x0 + (x1 - x0) * step / DRAG_STEPS, y)
            if step < DRAG_STEPS:  # release right after the last move, as a hand does
                page.wait_for_timeout(DRAG_STEP_MS)
        held = page.evaluate(_DRAG_SUMMARY)  # still holding the button
        page.mouse.up()
        try:  # settled: released, and no new frame or value for SETTLE_QUIET_MS
            page.wait_for_function("""(quiet) => { const r = window.__gatesDrag, now = performance.now();
                const last = Math.max(r.up || now, ...r.frames.map(f => f.t), ...r.values.map(v => v.t));
                return r.up !== null && now - last >= quiet; }""",
                                   arg=SETTLE_QUIET_MS, timeout=SETTLE_TIMEOUT_MS, polling=100)
            settled = True
        except Exception:  # playwright TimeoutError
            settled = False
        wait_kernel_idle(page)
        done = page.evaluate(_DRAG_SUMMARY)
        page.evaluate("() => window.__gatesDrag.stop()")
        end_value = handle.get_attribute("aria-valuenow")
        readout = _readout(page, index)
        if done["down"] is None or end_value == start_value:
            problem = f"{name}: the drag did not move the slider (value stayed {start_value}; press swallowed?)"
            continue  # JupyterLab sometimes eats the first press: try again
        up = done["up"] if done["up"] is not None else held["now"]
        during = [t for t in done["frames"] if t <= up]  # arrived before the release
        after = [t for t in done["frames"] if t > up]
        last_frame = done["frames"][-1] if done["frames"] else None
        stats = {"slider": name, "frames_during_drag": len(during), "drag_ms": round(up - done["down"]),
                 "release_to_last_frame_ms": round(last_frame - up) if last_frame is not None else None,
                 "frames_after_release": len(after), "frames_total": len(done["frames"]),
                 "value": f"{start_readout} -> {readout}", "layout_shift_px": round(done["top_shift"], 1),
                 "img_sizes": done["sizes"], "attempt": attempt + 1}
        problems = []
        if len(during) < 2:
            problems.append(f"only {len(during)} new frame(s) while the button was held (expected >= 2: the "
                            "figure must follow the drag, not only the release)")
        if not settled:
            problems.append(f"figure still changing {SETTLE_TIMEOUT_MS // 1000}s after the release")
        if last_frame is None or (done["last_value"] is not None and last_frame < done["last_value"]):
            problems.append("no frame arrived after the slider's last value change: the final value was never drawn")
        try:
            tol = 0.5 * 10 ** -_decimals(end_value) + 0.5 * 10 ** -_decimals(readout) + 1e-9
            if abs(float(end_value) - float(readout)) > tol:
                problems.append(f"handle says {end_value} but the readout shows {readout}")
        except ValueError:
            problems.append(f"cannot compare handle value {end_value!r} with readout {readout!r}")
        raised = _box_exception(page, box, "a frame raised during the drag")
        if raised:
            problems.append(raised)
        return stats, (f"{name}: " + "; ".join(problems)) if problems else None
    return {"slider": name}, problem


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
