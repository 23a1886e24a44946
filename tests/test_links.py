"""Every relative link a learner can click resolves to a file inside the served root.

``python3 course.py lab`` serves the repository root (``course.lab_args``), so a link from
``notebooks/`` to ``../exercises/…`` works only if its target exists under that root. This
walks the Markdown cells of every notebook, exercise notebook and solution notebook, every
README and every page of docs/, and checks each relative link (Markdown ``[..](..)`` and
``![..](..)``, HTML ``href``/``src``).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402

_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"
                   r"|(?:href|src)\s*=\s*[\"']([^\"']+)[\"']")


def _documents():
    docs = []
    for folder in ("notebooks", "notebooks/zh", "exercises", "exercises/solutions",
                   "exercises/zh", "exercises/zh/solutions"):
        docs += sorted(ROOT.glob(f"{folder}/*.ipynb"))
    # the project's READMEs (both languages), not those of built or installed things
    # (_build/, .venv/, node_modules/)
    docs += sorted(p for p in ROOT.rglob("README*.md")
                   if not any(part.startswith((".", "_")) or part == "node_modules"
                              for part in p.relative_to(ROOT).parts))
    docs += sorted(ROOT.glob("docs/*.md"))
    return docs


def _texts(path: Path):
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown":
                src = cell["source"]
                yield f"cell {i}", "".join(src) if isinstance(src, list) else src
    else:
        yield "text", path.read_text(encoding="utf-8")


def links(path: Path):
    """(where, target) of every relative link in one document."""
    for where, text in _texts(path):
        text = re.sub(r"```.*?```", "", text, flags=re.S)      # code is not a link
        text = re.sub(r"`[^`\n]*`", "", text)
        for m in _LINK.finditer(text):
            target = m.group(1) or m.group(2)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:")):
                continue
            yield where, unquote(parts.path)


DOCS = _documents()


def test_the_walk_finds_the_documents_and_links():
    assert any(p.parent.name == "notebooks" for p in DOCS)
    assert any(p.parent.name == "exercises" for p in DOCS)
    assert (ROOT / "README.md") in DOCS
    nb = ROOT / "notebooks" / "02_scale_and_growth.ipynb"
    assert ("../exercises/02_scale_and_growth.ipynb" in
            [t for _, t in links(nb)]), "the notebook's exercise link was not found"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve_inside_the_served_root(doc):
    bad = []
    for where, target in links(doc):
        resolved = (doc.parent / target).resolve()
        if not resolved.is_relative_to(ROOT):
            bad.append(f"{where}: {target} leaves the served root {ROOT}")
        elif not resolved.exists():
            bad.append(f"{where}: {target} does not exist")
    assert not bad, f"{doc.relative_to(ROOT)}:\n" + "\n".join(bad)


def test_lab_serves_the_repository_root_and_opens_the_start_notebook():
    args = course.lab_args()
    assert f"--ServerApp.root_dir={ROOT}" in args
    assert "--ServerApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in args
    assert (ROOT / course.START).is_file()
    assert not any(a.endswith(".ipynb") and not a.startswith("--") for a in args), \
        "a notebook path as argument makes Jupyter serve that notebook's folder"
