"""The static site works offline in a real browser (issue: read it without installing).

Needs the site built first (``python3 course.py site``, which CI runs before the tests);
without it the test is skipped with that instruction, under CI it fails. Every page of
``_build/site`` is opened in headless Chromium, served from 127.0.0.1, with every request
to any other host blocked and recorded. Required, page by page:

- no request leaves localhost (a CDN script, a web font, an analytics call …);
- no internal link, image, script or style answers 404 (links are checked on disk);
- every Chinese character shown is in the site's own font, and that font has loaded
  (the browser is started without the course's system font, so nothing else could draw it);
- search finds "川渝通办".

Screenshots of the course map and of one notebook page go to ``tests/artifacts/``.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.parse
from pathlib import Path

import pytest

from conftest import CHROMIUM_FLAGS, ROOT, _in_ci, _unavailable, chromium_path

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "site"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")


#: JS: the elements holding Chinese text whose computed font stack lacks the site font
#: (this browser has no other Chinese font, so such text would be drawn as boxes).
FONT_STACKS_JS = r"""() => {
    const cjk = /[\u3400-\u9fff]/, bad = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!el || !cjk.test(n.textContent) || !el.offsetParent) continue;
        const fam = getComputedStyle(el).fontFamily;
        if (!fam.includes('Course CJK')) bad.push(el.tagName + '.' + el.className + ': ' + fam);
    }
    return [...new Set(bad)];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "index.html").exists():
        message = "the site is not built: run `python3 course.py site` first"
        if _in_ci():
            pytest.fail(message + " (CI=true: not skipped)", pytrace=False)
        pytest.skip(message)
    handler = functools.partial(_Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def offline_page():
    """A Chromium page with no Chinese system font and every non-local request blocked."""
    exe = chromium_path()
    if exe is None:
        _unavailable("no Chromium executable")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package `playwright` is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.left, page.failed = [], []

        def route(r):
            host = urllib.parse.urlsplit(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                page.left.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("response", lambda resp: resp.status >= 400 and page.failed.append(
            f"{resp.status} {resp.url}"))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _font_chars() -> set[str]:
    from fontTools.ttLib import TTFont

    font = TTFont(SITE / "_static" / "fonts" / "course-cjk.otf")
    return {chr(c) for c in font.getBestCmap()}


def _internal_targets(page_path: Path, hrefs: list[str]) -> list[str]:
    """The internal links of a page that point to no file of the site."""
    missing = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "javascript:")):
            continue
        target = (page_path.parent / urllib.parse.unquote(parts.path)).resolve()
        if parts.path and not target.exists():
            missing.append(href)
    return missing


def test_every_page_offline(site_url, offline_page, artifacts):
    page = offline_page
    # _static holds the theme's template fragments, not pages
    pages = sorted(p for p in SITE.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 25, f"only {len(pages)} pages built"
    in_font = _font_chars()
    problems: list[str] = []
    chinese_pages = 0
    for path in pages:
        rel = path.relative_to(SITE).as_posix()
        page.left.clear()
        page.failed.clear()
        page.goto(f"{site_url}/{rel}", wait_until="load")
        page.wait_for_load_state("networkidle")
        if page.left:
            problems.append(f"{rel}: requests left localhost: {sorted(set(page.left))[:3]}")
        if page.failed:
            problems.append(f"{rel}: {page.failed[:3]}")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        srcs = page.eval_on_selector_all("img[src]", "els => els.map(e => e.getAttribute('src'))")
        missing = _internal_targets(path, hrefs + srcs)
        if missing:
            problems.append(f"{rel}: links to missing files {missing[:3]}")
        shown = set(CJK.findall(page.inner_text("body")))
        if shown:
            chinese_pages += 1
            lacking = sorted(shown - in_font)
            if lacking:
                problems.append(f"{rel}: characters not in the site font: {''.join(lacking[:20])}")
            loaded = page.evaluate(
                "() => document.fonts.ready.then(fs => [...fs].some("
                "f => f.family.replace(/\"/g, '') === 'Course CJK' && f.status === 'loaded'))")
            if not loaded:
                problems.append(f"{rel}: the site's Chinese font did not load")
            unstyled = page.evaluate(FONT_STACKS_JS)
            if unstyled:
                problems.append(f"{rel}: Chinese text in elements whose fonts exclude the "
                                f"site font (drawn as boxes): {unstyled[:3]}")
        if rel in ("index.html", "notebooks/05_gravity_corridor.html"):
            name = "site-" + rel.replace("/", "-").replace(".html", ".png")
            page.screenshot(path=str(artifacts / name), full_page=False)
    assert not problems, "\n".join(problems)
    assert chinese_pages >= 20, f"Chinese text on only {chinese_pages} pages"


def test_search_finds_chuanyu_tongban(site_url, offline_page):
    page = offline_page
    page.goto(f"{site_url}/search.html?q=" + urllib.parse.quote("川渝通办"))
    page.wait_for_selector("#search-results ul.search li", timeout=30_000)
    found = page.eval_on_selector_all("#search-results ul.search li a",
                                      "els => els.map(e => e.getAttribute('href'))")
    assert any("08_tongban_diffusion" in h for h in found), found
    assert not page.left
