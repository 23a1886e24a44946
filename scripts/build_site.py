"""Build the course as a static site that works offline: ``python3 course.py site``.

What it does, in order (nothing is executed and nothing is fetched but packages):

1. **Environment.** Jupyter Book 1.x (Sphinx + MyST-NB) runs in its own virtual
   environment, ``.venv-site``, installed from ``site/requirements.txt`` (exact versions).
   Jupyter Book 1 was chosen because it builds offline from committed notebooks (its
   successor, Jupyter Book 2, fetches its page template from the internet at build time).
2. **Stage** a source tree in ``_build/site-src``: the course notebooks (English, and the
   Chinese edition in ``notebooks/zh`` where it exists), the learner exercise notebooks
   (never ``exercises/solutions``), a course map, the data catalogue with every table's
   sources, and the glossary. Before each explorer a note says that it shows its saved
   state and moves in JupyterLab.
3. **Vendor** what pages would otherwise load from a CDN: RequireJS, the Jupyter widget
   manager (saved widget state renders from it) and MathJax, from the npm registry with
   ``npm pack`` (versions in ``site/vendor.ini``), cached in ``_build/vendor-cache``.
4. **Build** with ``jupyter-book build`` (notebooks are not executed: their committed
   outputs are shown), search in Chinese and English (Sphinx's Chinese splitter with the
   course dictionary, so "川渝通办" is one word).
5. **Font.** Browsers on machines without a Chinese font would draw boxes, so the Noto Sans
   CJK SC face shipped with the course (package ``noto-cjk-sans-otc``) is cut down to the
   characters the site uses and served with it (``_static/fonts/course-cjk.otf``).

Launch links (a JupyterHub through nbgitpuller, Binder) are set in one place,
``site/launch.ini``; left empty, pages carry no launch button.

Usage: ``python scripts/build_site.py [--out DIR]`` (run by ``course.py site`` inside the
course environment, which provides ``chengyu_lib`` and fontTools).
"""
from __future__ import annotations

import argparse
import configparser
import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
BUILD = ROOT / "_build"
SRC = BUILD / "site-src"
ENV = ROOT / ".venv-site"
CACHE = BUILD / "vendor-cache"
VENDOR = BUILD / "site-vendor"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uf900-\ufaff]")

EXPLORER_NOTE = {
    "en": ("> **Explorer.** On this page the explorer below shows the state it was saved in; "
           "its controls move when you run the notebook in JupyterLab "
           "(download it with the ⬇ button above, or use a launch button)."),
    "zh": ("> **交互探索器。** 网页上显示的是保存时的状态；在 JupyterLab 中运行本笔记本后，"
           "控件才能拖动（可用上方 ⬇ 按钮下载笔记本，或点击启动按钮）。"),
}


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


# ---------------------------------------------------------------- 1. environment
def ensure_env() -> Path:
    """``.venv-site`` with the exact versions of ``site/requirements.txt`` (re-installed
    when that file changes)."""
    req = SITE / "requirements.txt"
    digest = hashlib.sha256(req.read_bytes()).hexdigest()
    stamp = ENV / ".site-installed"
    python = _bin(ENV, "python")
    if stamp.exists() and python.exists() and stamp.read_text() == digest:
        return ENV
    if not python.exists():
        print("site: creating .venv-site ...", flush=True)
        shutil.rmtree(ENV, ignore_errors=True)
        venv.create(ENV, with_pip=True)
    print("site: installing Jupyter Book (site/requirements.txt) ...", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", str(req)], check=True)
    stamp.write_text(digest)
    return ENV


# ---------------------------------------------------------------- 2. stage
def _launch() -> dict[str, str]:
    cfg = configparser.ConfigParser()
    cfg.read(SITE / "launch.ini", encoding="utf-8")
    sec = cfg["launch"] if cfg.has_section("launch") else {}
    return {k: (sec.get(k, "") or "").strip() for k in
            ("repository", "branch", "jupyterhub_url", "binderhub_url")}


def _language_of(path: Path) -> str:
    return "zh" if "zh" in path.parts else "en"


def stage_notebook(src: Path, dest: Path) -> None:
    """Copy a notebook, adding a note before each explorer (saved widget state)."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    note = EXPLORER_NOTE[_language_of(src.relative_to(ROOT))]
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and any(
                WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", [])):
            cells.append({"cell_type": "markdown", "metadata": {},
                          "id": f"site-note-{cell.get('id', len(cells))}",
                          "source": note})
        cells.append(cell)
    nb["cells"] = cells
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def _course_map() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## Course map\n(.*?)(?=^Exercises mirror|^## )", text, re.S | re.M)
    return m.group(1).strip() if m else ""


def _title(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            first = "".join(cell["source"]).strip().splitlines()[0]
            return first.lstrip("# ").strip()
    return nb_path.stem


def page_index(chapters: dict[str, list[Path]]) -> str:
    lines = ["# Regional economics through one newspaper report · 一篇报道里的区域经济学", "",
             "An open notebook course on the Chengdu–Chongqing Twin-City Economic Circle "
             "(成渝地区双城经济圈), built around the joint *Chongqing Daily* / *Sichuan Daily* "
             "coverage of the 2024 Two Sessions. Every number is sourced "
             "([data](data.md)), every notebook runs, every exercise answers back.", "",
             "以重庆日报、四川日报2024年全国两会联动报道为线索的区域经济学笔记本课程："
             "每个数字都注明出处，每个笔记本都能从头运行，每道练习都即时反馈。", "",
             "Each page offers its notebook for download (⬇ at the top) and, where the "
             "site's maintainer has set a hub or Binder, a launch button (🚀). "
             "每页顶部可下载笔记本（⬇）；设置了 JupyterHub 或 Binder 时还有启动按钮（🚀）。", "",
             "## Course map · 课程地图", "", _course_map().replace("](notebooks/", "](notebooks/"),
             ""]
    if chapters.get("zh"):
        lines += ["## 中文版", ""]
        lines += [f"- [{_title(p)}](notebooks/zh/{p.name})" for p in chapters["zh"]]
        lines += [""]
    lines += ["## Also · 另见", "", "- [Exercises · 练习](exercises/README.md)",
              "- [Data and sources · 数据与来源](data.md)", "- [Glossary · 术语表](glossary.md)", ""]
    return "\n".join(lines)


def page_data() -> str:
    import chengyu_lib as cy

    src = cy.datasets.sources().set_index("source_id")
    out = ["# Data and sources · 数据与来源", "",
           "Every table of the course, what a row is, its columns and caveats, and the "
           "sources of its figures (publisher, title, date, address and the words that state "
           "the figure). 课程的每张数据表及其全部来源。", ""]
    for name in cy.datasets.names():
        table = cy.datasets.load(name)
        section = cy.datasets.describe(name) if hasattr(cy.datasets, "describe") else ""
        out += [_demote(section), "", "**Sources · 来源**", ""]
        ids = sorted({v for c in table.columns if c.endswith("source_id")
                      for v in table[c].dropna().astype(str) if v})
        for sid in ids:
            if sid not in src.index:
                continue
            r = src.loc[sid]
            url = str(r["url"])
            link = f"<{url}>" if url.startswith("http") else html.escape(url)
            tier = f" · {r['tier']}" if "tier" in src.columns else ""
            out.append(f"- `{sid}`{tier}: {html.escape(str(r['publisher']))}, "
                       f"*{html.escape(str(r['title']))}*, {r['date']}, {link}")
        out.append("")
    return "\n".join(out)


def _demote(markdown: str) -> str:
    return re.sub(r"^(#{1,4}) ", lambda m: "#" * min(len(m.group(1)) + 1, 4) + " ", markdown,
                  flags=re.M)


def page_glossary() -> str:
    rows = list(csv.DictReader((ROOT / "data" / "glossary.csv").open(encoding="utf-8")))
    out = ["# Glossary · 术语表", "", "| 术语 | pīnyīn | term | definition | 释义 |",
           "|---|---|---|---|---|"]
    for r in rows:
        cells = [r["term_zh"], r["pinyin"], r["term_en"], r["definition_en"], r["definition_zh"]]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"


def stage() -> dict:
    shutil.rmtree(SRC, ignore_errors=True)
    SRC.mkdir(parents=True)
    chapters: dict[str, list[Path]] = {"en": [], "zh": [], "ex": [], "ex_zh": []}
    for key, folder in (("en", "notebooks"), ("zh", "notebooks/zh"), ("ex", "exercises"),
                        ("ex_zh", "exercises/zh")):
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            stage_notebook(path, SRC / folder / path.name)
            chapters[key].append(path)
    for readme in ("exercises/README.md", "exercises/README.zh.md", "data/README.md",
                   "data/README.zh.md", "README.zh.md"):
        if (ROOT / readme).exists():
            dest = SRC / readme
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(_site_links((ROOT / readme).read_text(encoding="utf-8")),
                            encoding="utf-8")
    (SRC / "index.md").write_text(page_index(chapters), encoding="utf-8")
    (SRC / "data.md").write_text(page_data(), encoding="utf-8")
    (SRC / "glossary.md").write_text(page_glossary(), encoding="utf-8")
    for img in (ROOT / "docs" / "img").glob("*.png"):
        (SRC / "docs" / "img").mkdir(parents=True, exist_ok=True)
        shutil.copy2(img, SRC / "docs" / "img" / img.name)
    (SRC / "_static").mkdir(exist_ok=True)
    shutil.copy2(SITE / "custom.css", SRC / "_static" / "custom.css")
    write_config(chapters)
    return chapters


def _site_links(markdown: str) -> str:
    """README links to solutions point outside the site: show them as plain text."""
    return re.sub(r"\[([^\]]*)\]\(([^)]*solutions/[^)]*)\)", r"\1", markdown)


def write_config(chapters: dict) -> None:
    launch = _launch()
    toc = ["format: jb-book", "root: index", "parts:",
           "- caption: Course · 课程", "  chapters:"]
    toc += [f"  - file: notebooks/{p.stem}" for p in chapters["en"]]
    toc += ["- caption: Exercises · 练习", "  chapters:", "  - file: exercises/README"]
    toc += [f"  - file: exercises/{p.stem}" for p in chapters["ex"]]
    if chapters["zh"] or chapters["ex_zh"]:
        toc += ["- caption: 中文版", "  chapters:"]
        if (SRC / "README.zh.md").exists():
            toc += ["  - file: README.zh"]
        toc += [f"  - file: notebooks/zh/{p.stem}" for p in chapters["zh"]]
        if (SRC / "exercises/README.zh.md").exists():
            toc += ["  - file: exercises/README.zh"]
        toc += [f"  - file: exercises/zh/{p.stem}" for p in chapters["ex_zh"]]
    toc += ["- caption: Data · 数据", "  chapters:", "  - file: data", "  - file: glossary",
            "  - file: data/README"]
    if (SRC / "data/README.zh.md").exists():
        toc += ["  - file: data/README.zh"]
    (SRC / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")

    userdict = (ROOT / "data" / "text" / "userdict.txt").resolve()
    config = {
        "title": "成渝地区双城经济圈 · Regional economics through one report",
        "author": "the course authors",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "html": {"use_download_button": True, "use_repository_button": bool(launch["repository"]),
                 "extra_footer": "Built offline from the committed notebooks · 离线构建"},
        "sphinx": {"config": {
            "html_search_language": "zh",
            "html_search_options": {"dict": str(userdict)},
            "mathjax_path": "vendor/mathjax/tex-mml-chtml.js",
            # \text{亿元} in a formula: drawn in the page's fonts (with the course's Chinese
            # face), not in MathJax's own, which has no Chinese glyphs
            "mathjax3_config": {"chtml": {"mtextInheritFont": True}},
            "nb_ipywidgets_js": {"vendor/require.min.js": {},
                                 "vendor/widgets-config.js": {},
                                 "vendor/embed-amd.js": {}},
            "html_static_path": ["_static"],
            "suppress_warnings": ["myst.header", "mystnb.unknown_mime_type"],
        }},
    }
    if launch["repository"]:
        config["repository"] = {"url": launch["repository"], "branch": launch["branch"] or "main",
                                "path_to_book": "_build/site-src"}
        config["launch_buttons"] = {"notebook_interface": "jupyterlab",
                                    "jupyterhub_url": launch["jupyterhub_url"],
                                    "binderhub_url": launch["binderhub_url"],
                                    "thebe": False, "colab_url": ""}
    # YAML is a superset of JSON: write the config as JSON, no YAML library needed here.
    (SRC / "_config.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1),
                                     encoding="utf-8")


# ---------------------------------------------------------------- 3. vendor
def _vendor_versions() -> dict[str, str]:
    cfg = configparser.ConfigParser()
    cfg.read(SITE / "vendor.ini", encoding="utf-8")
    return dict(cfg["npm"])


def _npm_pack(spec: str) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    safe = spec.replace("/", "-").replace("@", "")
    done = CACHE / safe
    if (done / "package").is_dir():
        return done / "package"
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("site: npm is needed once to fetch the page scripts (RequireJS, the widget "
                 "manager, MathJax) from the npm registry; install Node.js and npm.")
    out = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", str(CACHE)],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    tmp = done.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    with tarfile.open(CACHE / out) as tar:
        tar.extractall(tmp, filter="data") if sys.version_info >= (3, 12) else tar.extractall(tmp)
    tmp.rename(done)
    return done / "package"


def vendor() -> None:
    versions = _vendor_versions()
    # Kept out of the book's static paths, where Jupyter Book would add every .js file to
    # every page; copied into the built site's _static/vendor after the build.
    dest = VENDOR
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    req = _npm_pack(f"requirejs@{versions['requirejs']}")
    shutil.copy2(req / "require.js", dest / "require.min.js")
    wm = _npm_pack(f"@jupyter-widgets/html-manager@{versions['html-manager']}")
    for f in (wm / "dist").iterdir():
        if f.suffix in (".js", ".woff", ".woff2", ".ttf", ".eot", ".svg"):
            shutil.copy2(f, dest / f.name)
    mj = _npm_pack(f"mathjax@{versions['mathjax']}")
    shutil.copytree(mj / "es5", dest / "mathjax", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("sre", "*.map"))
    # The widget manager finds its own files (icon fonts) next to the AMD module it is
    # loaded as: map that module's path to the site's copy, relative to each page.
    (dest / "widgets-config.js").write_text(
        "// Serve the Jupyter widget manager's files from this site, not a CDN.\n"
        "require.config({paths: {'@jupyter-widgets/html-manager/dist':\n"
        "  (document.documentElement.dataset.content_root || '') + '_static/vendor'}});\n",
        encoding="utf-8")


# ---------------------------------------------------------------- 4. build
def build(env: Path) -> Path:
    shutil.rmtree(BUILD / "jb", ignore_errors=True)   # nothing stale from an earlier build
    cmd = [str(_bin(env, "jupyter-book")), "build", str(SRC), "--path-output", str(BUILD / "jb")]
    print("site: " + " ".join(cmd[1:]), flush=True)
    done = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"},
                          capture_output=True, text=True)
    log = BUILD / "site-build.log"
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    warnings = [ln for ln in (done.stdout + done.stderr).splitlines() if "WARNING" in ln
                and "Location 'file:" not in ln]
    if done.returncode:
        sys.exit(f"site: jupyter-book failed; its output is in {log}:\n"
                 + "\n".join((done.stdout + done.stderr).splitlines()[-30:]))
    print(f"site: built, {len(warnings)} Sphinx warnings (in {log})", flush=True)
    return BUILD / "jb" / "_build" / "html"


# ---------------------------------------------------------------- 5. font
def subset_font(site: Path) -> int:
    """Cut the Noto Sans CJK SC face down to the characters of the site's pages and search
    index; returns the number of characters kept."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    import chengyu_lib.plotting as plotting

    chars: set[str] = set()
    for path in list(site.rglob("*.html")) + [site / "searchindex.js"]:
        text = path.read_text(encoding="utf-8", errors="ignore")
        chars |= set(CJK.findall(html.unescape(text)))
        # saved widget state is JSON inside the page: its text is \u-escaped
        chars |= {c for c in (chr(int(h, 16)) for h in re.findall(r"\\u([0-9a-fA-F]{4})", text))
                  if CJK.match(c)}
    collection = TTCollection(plotting._font_path())
    face = next(f for f in collection.fonts
                if "SC" in f["name"].getDebugName(1) and "Mono" not in f["name"].getDebugName(1))
    options = subset.Options()
    options.layout_features = ["*"]
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(face)
    fonts = site / "_static" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    face.save(fonts / "course-cjk.otf")
    return len(chars)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=BUILD / "site", help="where the site goes")
    args = ap.parse_args(argv)
    env = ensure_env()
    chapters = stage()
    vendor()
    html_dir = build(env)
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(html_dir, out)
    shutil.copytree(VENDOR, out / "_static" / "vendor", dirs_exist_ok=True)  # theme has one too
    kept = subset_font(out)
    pages = len(list(out.rglob("*.html")))
    print(f"site: {pages} pages ({len(chapters['en'])} notebooks, {len(chapters['zh'])} in "
          f"Chinese, {len(chapters['ex']) + len(chapters['ex_zh'])} exercise notebooks), "
          f"{kept} Chinese characters in the font; open {out / 'index.html'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
