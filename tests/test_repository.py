"""The repository stands on its own: no tracked file points into the project's private
working folders (``shared/`` beside the repository), which a clone does not have."""
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
POINTER = re.compile(r"(?<![\w-])(?:\.\./)*shared/(?:reference|tools|seed)?")
# The data's locator for the report (data/sources.csv, data/article/meta.csv, and the
# notebook outputs that print it) names where the course's copy of the report was read;
# it is a record of provenance, not a link to follow. Anything else fails.
KNOWN = "seed:shared/seed/"


def _tracked():
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / f for f in out if f]


def _hits(text: str) -> list[str]:
    return [m.group(0) for m in POINTER.finditer(text.replace(KNOWN, ""))]


def test_no_file_points_into_shared():
    bad = []
    for path in _tracked():
        if path == Path(__file__).resolve():   # this file spells the patterns out
            continue
        if path.suffix in (".png", ".jpg", ".ttc", ".ttf") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if _hits(text):
            bad.append(f"{path.relative_to(ROOT)}: {sorted(set(_hits(text)))}")
    assert bad == []


def test_the_pattern_finds_what_it_should():
    assert _hits("see ../shared/reference/DESIGN.md")
    assert _hits("python3 ../shared/tools/copied_text.py .")
    assert _hits("(shared/reference: DESIGN.md)")
    assert not _hits("url: seed:shared/seed/article.txt")
    assert not _hits("argument checks shared by every formula")
