"""The library's layers, read from the source with ``ast`` (nothing is imported):

* a chapter module (``widgets/chNN_*``, ``exercise_bank/chNN_*``) never imports a private
  name (``_x``) of another chapter, nor a private module-level name through
  ``from .chNN_x import _y``;
* a lower layer (datasets, metrics, spatial, scenarios, text, article, plotting, language,
  _validate) never imports a chapter module or the widgets/exercise_bank packages;
* every name a module lists in ``__all__`` resolves.
"""
import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "chengyu_lib"
CHAPTER = re.compile(r"^ch\d\d_")
LOWER = ["datasets", "metrics", "spatial", "scenarios", "text", "article", "plotting",
         "language", "_validate"]


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path):
    """(imported module, [names]) for every import in ``path``, relative ones resolved."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            yield mod, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, []


def _chapter_of(module: str):
    last = module.split(".")[-1]
    return module if CHAPTER.match(last) else None


def _all_modules():
    return sorted(p for p in ROOT.rglob("*.py") if "data" not in p.relative_to(ROOT).parts)


def _violations(path: Path) -> list[str]:
    me = _module_name(path)
    found = []
    for mod, names in _imports(path):
        targets = [mod] + [f"{mod}.{n}" for n in names]
        for target in targets:
            chapter = _chapter_of(target)
            if chapter and chapter != me:
                private = [n for n in names if n.startswith("_")] if target == mod else []
                if private:
                    found.append(f"{me} imports private {private} from chapter {chapter}")
        if me.split(".")[-1] in LOWER and me.count(".") == 1:
            if any(t.startswith(("chengyu_lib.widgets", "chengyu_lib.exercise_bank"))
                   for t in targets):
                found.append(f"lower layer {me} imports {mod} {names}")
    return found


def test_no_module_reaches_into_another_chapter_or_up_a_layer():
    problems = [v for p in _all_modules() for v in _violations(p)]
    assert problems == []


def test_the_check_catches_what_it_should(tmp_path):
    """The checker itself: a chapter importing another chapter's private name, and a
    lower layer importing a chapter, are both reported."""
    pkg = tmp_path / "chengyu_lib"
    (pkg / "widgets").mkdir(parents=True)
    (pkg / "widgets" / "ch03_a.py").write_text("from .ch05_b import _city_values\n")
    (pkg / "widgets" / "ch05_b.py").write_text("def _city_values(): pass\n")
    (pkg / "metrics.py").write_text("from .widgets import ch05_b\n")
    global ROOT
    saved, ROOT = ROOT, pkg
    try:
        assert _violations(pkg / "widgets" / "ch03_a.py") == [
            "chengyu_lib.widgets.ch03_a imports private ['_city_values'] from chapter "
            "chengyu_lib.widgets.ch05_b"]
        assert _violations(pkg / "metrics.py") == [
            "lower layer chengyu_lib.metrics imports chengyu_lib.widgets ['ch05_b']"]
    finally:
        ROOT = saved


PUBLIC = ["chengyu_lib"] + [f"chengyu_lib.{m}" for m in LOWER if not m.startswith("_")] + \
    ["chengyu_lib.exercises", "chengyu_lib.widgets"] + \
    [f"chengyu_lib.widgets.{p.stem}" for p in sorted((ROOT / "widgets").glob("ch*.py"))]


@pytest.mark.parametrize("module", PUBLIC)
def test_every_public_name_resolves(module):
    mod = importlib.import_module(module)
    names = list(mod.__all__)
    assert names, f"{module} lists no public names"
    missing = [n for n in names if not hasattr(mod, n)]
    assert missing == []
