"""The course's widgets in a real browser: JupyterLab + headless Chromium.

For every notebook in ``notebooks/`` that shows a widget, on a temporary copy:

1. outputs are cleared and two cells are appended: ``set_language("zh")`` and a copy of
   the notebook's first widget cell, so one explorer also draws its chart with Chinese
   labels;
2. the notebook is opened in JupyterLab and run with *Run > Run All Cells*;
3. every cell must finish, with no error or stderr output (a matplotlib "Glyph … missing"
   warning is stderr output, so Chinese drawn as boxes fails here) and no
   "Error displaying widget";
4. in every widget, each control (dropdown, toggle buttons, slider, checkbox) is changed in
   turn, and the widget's Output must change (its text or its image);
5. no stray output (e.g. a traceback from a callback) reaches JupyterLab's log console;
6. every figure in a widget is checked not to be blank.

Screenshots go to ``tests/artifacts/`` (git-ignored) for a person to look at:
``<notebook>-w<k>-before.png`` / ``-after.png`` for each widget and ``<notebook>-zh.png``
for the Chinese-label explorer.

``test_chinese_notebook_in_browser`` opens one notebook of the Chinese edition
(``notebooks/zh/02_scale_and_growth.ipynb``, which sets ``cy.set_language("zh")`` in its
first cell), runs it, and checks that its explorer's controls and text are Chinese, that a
control still changes the output and chart, and that no Chinese character on the page
lacks a glyph (screenshot ``zh-02-explorer.png``).

Run alone:  python3 course.py test tests/e2e       (about 15 s per notebook)
"""
from __future__ import annotations

import io
import json
import re
import shutil
import time
from pathlib import Path

import pytest


pytestmark = pytest.mark.browser

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ROOT = Path(__file__).resolve().parents[2]
EXPLORER_CALL = re.compile(r"\bwidgets\.\w+_explorer\(")


def _code(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _is_widget_cell(cell) -> bool:
    if cell.get("cell_type") != "code":
        return False
    shows = any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))
    return shows or bool(EXPLORER_CALL.search(_code(cell)))


def widget_notebooks() -> list[Path]:
    """Course notebooks with at least one widget cell."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if any(_is_widget_cell(c) for c in nb["cells"]):
            found.append(path)
    return found


def prepare_copy(path: Path) -> int:
    """Clear outputs of the (temporary) notebook at ``path`` and append the Chinese-label
    cells; return the number of code cells."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    first_widget = next(c for c in nb["cells"] if _is_widget_cell(c))
    for k, src in enumerate(("import chengyu_lib as _cy\n_cy.plotting.set_language(\"zh\")",
                             _code(first_widget))):
        nb["cells"].append({"cell_type": "code", "id": f"e2e-zh-{k}", "metadata": {},
                            "source": src, "outputs": [], "execution_count": None})
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return sum(c["cell_type"] == "code" for c in nb["cells"])


# --- page helpers -----------------------------------------------------------------------

PROMPTS_JS = ("() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]"
              ".map(c => (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '')")

OUTPUT_STATE_JS = """e => e.innerText + '|' + [...e.querySelectorAll('img')]
    .map(i => i.src.length + ':' + i.src.slice(-80)).join(',')"""


KERNEL_READY_JS = """() => {
    const name = document.querySelector('.jp-NotebookPanel .jp-Toolbar-kernelName');
    const state = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
    return name && !/No Kernel/.test(name.textContent)
        && state && state.getAttribute('data-status') === 'idle';
}"""


def open_notebook(page, lab, name: str) -> None:
    """Open notebooks/<name> in a workspace of its own; wait until its kernel is idle."""
    # the folder is part of the name, so notebooks/zh/X and notebooks/X get two workspaces
    workspace = re.sub(r"\W", "-", str(Path(name).with_suffix("")))
    page.goto(lab.url(f"lab/workspaces/e2e-{workspace}/tree/notebooks/{name}"))
    page.wait_for_selector(".jp-Notebook .jp-CodeCell")
    page.wait_for_function(KERNEL_READY_JS, polling=200)
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        pytest.fail(f"{name}: a dialog opened: {dialog.first.inner_text()[:300]}")


def run_all(page, n_code: int, timeout: float = 180.0) -> None:
    """Run > Run All Cells, then wait until every code cell has an execution count."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
    start = time.monotonic()
    while True:
        prompts = page.evaluate(PROMPTS_JS)
        done = [bool(re.search(r"\[\d+\]", p)) for p in prompts]
        busy = any("*" in p for p in prompts)
        if len(prompts) == n_code and all(done):
            break
        errors = page.locator('.jp-OutputArea-output[data-mime-type='
                              '"application/vnd.jupyter.stderr"]')
        if not busy and errors.count() and time.monotonic() > start + 5:
            pytest.fail("Run All stopped at an error:\n" + errors.first.inner_text()[:3000])
        if time.monotonic() > start + timeout:
            waiting = [i for i, d in enumerate(done) if not d]
            pytest.fail(f"cells {waiting} of {len(prompts)} code cells had not run after "
                        f"{timeout:.0f} s (prompts: {prompts})")
        time.sleep(0.25)
    page.wait_for_function(KERNEL_READY_JS, polling=200)


def stderr_outputs(page) -> list[str]:
    loc = page.locator('.jp-Notebook .jp-OutputArea-output[data-mime-type='
                       '"application/vnd.jupyter.stderr"]')
    return [loc.nth(i).inner_text()[:2000] for i in range(loc.count())]


def log_console_count(page) -> int:
    """Messages in JupyterLab's log console (stray output, e.g. a callback's traceback)."""
    item = page.locator(".jp-LogConsoleStatusItem")
    if not item.count():
        return 0
    text = item.first.inner_text().strip()
    digits = re.findall(r"\d+", text)
    return int(digits[0]) if digits else 0


def log_console_text(page) -> str:
    """Open JupyterLab's log console and return what it shows (for failure messages)."""
    try:
        page.locator(".jp-LogConsoleStatusItem").first.click()
        panel = page.locator(".jp-LogConsolePanel")
        panel.first.wait_for(timeout=5000)
        time.sleep(0.5)
        return panel.first.inner_text()[:2000]
    except Exception as err:  # noqa: BLE001  (diagnostics only)
        return f"<could not read the log console: {err}>"


def wait_changed(out, before: str, timeout: float = 15.0, seen=None) -> str:
    """Wait for the Output to change; append the time it was first seen to ``seen``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = out.evaluate(OUTPUT_STATE_JS)
        if now != before and now.strip("|"):
            if seen is not None:
                seen.append(time.monotonic())
            time.sleep(0.3)  # let the text and image land together
            return out.evaluate(OUTPUT_STATE_JS)
        time.sleep(0.02)
    return before


def controls(view) -> list[tuple[str, object]]:
    """The changeable controls of one widget view, in page order."""
    found = []
    for kind, selector in (("dropdown", ".widget-dropdown select"),
                           ("toggle", ".widget-toggle-buttons"),
                           ("slider", ".widget-slider .noUi-handle"),
                           ("checkbox", ".widget-checkbox input[type=checkbox]")):
        loc = view.locator(selector)
        found += [(kind, loc.nth(i)) for i in range(loc.count())]
    return found


def change(kind: str, control) -> str:
    """Change one control to another value; return a description."""
    if kind == "dropdown":
        values = control.evaluate("s => [...s.options].map(o => o.value)")
        current = control.evaluate("s => s.value")
        i = values.index(current)  # the next option, or the one before at the end
        new = values[i + 1] if i + 1 < len(values) else values[i - 1]
        control.select_option(new)
        return f"dropdown → option {new!r}"
    if kind == "toggle":
        buttons = control.locator("button")
        for i in range(buttons.count()):
            if "mod-active" not in (buttons.nth(i).get_attribute("class") or ""):
                label = buttons.nth(i).inner_text()
                buttons.nth(i).click()
                return f"toggle → {label!r}"
        raise AssertionError("toggle buttons with no inactive button")
    if kind == "slider":
        control.focus()
        control.press("PageUp")
        return "slider → PageUp"
    if kind == "checkbox":
        control.click()
        return "checkbox → clicked"
    raise ValueError(kind)


def not_blank(png: bytes) -> tuple[bool, str]:
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    ink = float((pixels.min(axis=1) < 200).mean())
    colours = len(np.unique(pixels, axis=0))
    return ink > 0.01 and colours > 8, f"{ink:.1%} ink, {colours} colours"


# --- the test ---------------------------------------------------------------------------

NOTEBOOKS = widget_notebooks()


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebook in notebooks/ shows a widget yet")
@pytest.mark.parametrize("source", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_widgets_in_browser(browser_context, lab, artifacts, source):
    name = source.stem
    for old in artifacts.glob(f"{name}-*.png"):
        old.unlink()
    copy = lab.notebooks / source.name
    shutil.copyfile(source, copy)
    n_code = prepare_copy(copy)

    page = browser_context.new_page()
    console_errors = []
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        open_notebook(page, lab, source.name)
        run_all(page, n_code)

        assert stderr_outputs(page) == [], f"{name}: error/stderr output after Run All"
        body = page.locator(".jp-Notebook").inner_text()
        assert "Error displaying widget" not in body, f"{name}: a widget failed to display"
        assert "Traceback" not in body, f"{name}: a traceback in the outputs"

        views = page.locator(".jp-Notebook .jp-Cell-outputArea > .jp-OutputArea-child"
                             " > .jp-OutputArea-output:has(> .jupyter-widgets)")
        assert views.count() >= 2, f"{name}: expected its widget(s) plus the zh copy"
        changed = []
        for k in range(views.count()):
            view = views.nth(k)
            view.scroll_into_view_if_needed()
            out = view.locator(".widget-output").first
            assert out.count(), f"{name}: widget {k} has no Output area"
            state = out.evaluate(OUTPUT_STATE_JS)
            assert state.strip("|"), f"{name}: widget {k} shows an empty Output"
            view.screenshot(path=str(artifacts / f"{name}-w{k}-before.png"))
            found = controls(view)
            assert found, f"{name}: widget {k} has no control the test knows how to change"
            for kind, control in found:
                t0, seen = time.monotonic(), []
                what = change(kind, control)
                new = wait_changed(out, state, seen=seen)
                if seen:  # timing, printed for benchmarks/README.md; never asserted
                    print(f"{name} w{k} {what}: new output after "
                          f"{1000 * (seen[0] - t0):.0f} ms in the browser")
                assert new != state, f"{name}: widget {k}: {what} did not change its Output"
                changed.append(f"w{k} {what}")
                state = new
            view.scroll_into_view_if_needed()
            shot = view.screenshot(path=str(artifacts / f"{name}-w{k}-after.png"))
            if k == views.count() - 1:
                shutil.copyfile(artifacts / f"{name}-w{k}-after.png",
                                artifacts / f"{name}-zh.png")
            imgs = out.locator("img")
            for i in range(imgs.count()):
                ok, why = not_blank(imgs.nth(i).screenshot())
                assert ok, f"{name}: widget {k} figure {i} looks blank ({why})"
            assert shot

        assert stderr_outputs(page) == [], f"{name}: stderr output after changing widgets"
        assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
        assert log_console_count(page) == 0, (
            f"{name}: stray output in JupyterLab's log console (a widget callback failed?): "
            f"{log_console_text(page)!r}")
        assert not console_errors, f"{name}: JavaScript errors: {console_errors}"
        print(f"{name}: {len(changed)} controls changed: " + "; ".join(changed))
    except BaseException:
        try:
            page.screenshot(path=str(artifacts / f"{name}-failure.png"))
        except Exception:  # noqa: BLE001  (keep the original failure)
            pass
        raise
    finally:
        page.close()
        lab.shutdown_kernels()


# --- the Chinese edition ----------------------------------------------------------------

ZH_NOTEBOOK = ROOT / "notebooks" / "zh" / "02_scale_and_growth.ipynb"
CJK = re.compile(r"[\u4e00-\u9fff]")

#: JS: the characters among ``chars`` that the page cannot draw in ``font`` (each drawn on a
#: canvas and compared with an unassigned code point, which every font lacks, and with
#: nothing at all): a missing glyph shows as that box, or not at all.
MISSING_GLYPHS_JS = """([chars, font]) => {
    const c = document.createElement('canvas'); c.width = 48; c.height = 48;
    const ctx = c.getContext('2d');
    const draw = ch => { ctx.clearRect(0, 0, 48, 48); ctx.font = font;
                         ctx.fillText(ch, 4, 36);
                         return ctx.getImageData(0, 0, 48, 48).data.join(','); };
    const box = draw('\\u{10FFFD}'), blank = draw('');
    return chars.filter(ch => { const d = draw(ch); return d === box || d === blank; });
}"""


@pytest.mark.skipif(not ZH_NOTEBOOK.exists(), reason="no Chinese notebook generated yet")
def test_chinese_notebook_in_browser(browser_context, lab, artifacts):
    """A notebook of the Chinese edition, run in JupyterLab: its explorer's controls and
    text are Chinese, they still work, and no Chinese character lacks a glyph (in the
    page, and in the charts: matplotlib's "Glyph missing" warning is stderr output)."""
    rel = "zh/" + ZH_NOTEBOOK.name
    copy = lab.notebooks / "zh" / ZH_NOTEBOOK.name
    copy.parent.mkdir(exist_ok=True)
    nb = json.loads(ZH_NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    copy.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    n_code = sum(c["cell_type"] == "code" for c in nb["cells"])

    page = browser_context.new_page()
    console_errors = []
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        open_notebook(page, lab, rel)
        run_all(page, n_code)
        assert stderr_outputs(page) == [], "zh notebook: error/stderr output after Run All"
        body = page.locator(".jp-Notebook").inner_text()
        assert "Traceback" not in body and "Error displaying widget" not in body

        # the text cells are Chinese (rendered Markdown)
        headings = page.locator(".jp-Notebook .jp-MarkdownOutput h2")
        assert headings.count() >= 3
        assert all(CJK.search(headings.nth(i).inner_text()) for i in range(headings.count()))

        view = page.locator(".jp-Notebook .jp-Cell-outputArea > .jp-OutputArea-child"
                            " > .jp-OutputArea-output:has(> .jupyter-widgets)").first
        view.scroll_into_view_if_needed()
        labels = view.locator(".widget-label, .widget-toggle-buttons button, "
                              ".widget-dropdown option")
        texts = [labels.nth(i).inner_text().strip() for i in range(labels.count())]
        texts = [t for t in texts if t]
        assert texts and all(CJK.search(t) for t in texts), f"controls not Chinese: {texts}"
        out = view.locator(".widget-output").first
        before = out.evaluate(OUTPUT_STATE_JS)
        shown = out.inner_text()
        assert CJK.search(shown), f"explorer text not Chinese: {shown!r}"
        assert not re.search(r"\b(GDP at|prices of|above the|below the)\b", shown), shown

        kind, control = controls(view)[0]
        what = change(kind, control)
        after = wait_changed(out, before)
        assert after != before, f"zh explorer: {what} did not change its Output"
        assert CJK.search(out.inner_text())
        page.wait_for_function(KERNEL_READY_JS, polling=200)
        imgs = out.locator("img")
        deadline = time.monotonic() + 15
        while not imgs.count() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert imgs.count(), "zh explorer shows no chart"
        ok, why = not_blank(imgs.first.screenshot())
        assert ok, f"zh explorer chart looks blank ({why})"
        view.screenshot(path=str(artifacts / "zh-02-explorer.png"))

        # every Chinese character on the page has a glyph in the font it is drawn with
        chars = sorted(set(CJK.findall(page.locator(".jp-Notebook").inner_text())))
        assert len(chars) > 100
        for selector in (".jp-RenderedMarkdown", ".widget-output", ".widget-label"):
            el = page.locator(f".jp-Notebook {selector}").first
            font = el.evaluate("e => { const s = getComputedStyle(e); "
                               "return s.fontSize + ' ' + s.fontFamily; }")
            # the detector itself: a private-use character has no glyph in any font
            assert page.evaluate(MISSING_GLYPHS_JS, [["\ue000", "A"], font]) == ["\ue000"]
            missing = page.evaluate(MISSING_GLYPHS_JS, [chars, font])
            assert missing == [], f"no glyph for {''.join(missing)} in {selector} ({font})"

        assert stderr_outputs(page) == [], "zh notebook: stderr output after the change"
        assert log_console_count(page) == 0, log_console_text(page)
        assert not console_errors, f"JavaScript errors: {console_errors}"
    except BaseException:
        try:
            page.screenshot(path=str(artifacts / "zh-02-failure.png"))
        except Exception:  # noqa: BLE001  (keep the original failure)
            pass
        raise
    finally:
        page.close()
        lab.shutdown_kernels()


def test_exercise_link_opens_the_exercise_notebook(browser_context, lab, artifacts):
    """The served root holds notebooks/ and exercises/ (as ``course.py lab`` serves the
    repository root): a notebook's "Exercises for this notebook" link opens the exercise
    notebook in JupyterLab instead of a 404."""
    name = "02_scale_and_growth.ipynb"
    page = browser_context.new_page()
    try:
        open_notebook(page, lab, name)
        # JupyterLab rewrites a relative href to the server's URL of the file
        link = page.locator(".jp-RenderedMarkdown a",
                            has_text="Exercises for this notebook").first
        assert f"exercises/{name}" in (link.get_attribute("href") or "")
        link.scroll_into_view_if_needed()
        link.click()
        tab = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-RenderedMarkdown h1')].some(h => h.textContent.startsWith('Exercises 02'))",
            timeout=30000, polling=200)
        assert tab.inner_text().strip() == name
        assert page.locator(".jp-Dialog").count() == 0, "a dialog opened (404?)"
        page.screenshot(path=str(artifacts / "exercise-link.png"))
    finally:
        lab.shutdown_kernels()
        page.close()
