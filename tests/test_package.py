"""The package itself: light to import, every submodule reachable, clear errors."""
import subprocess
import sys

import pytest

import chengyu_lib as cy

HEAVY = ("pandas", "numpy", "matplotlib", "jieba", "pypinyin", "ipywidgets")


def _imported_after(code):
    script = f"{code}; import sys; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_import_chengyu_lib_loads_no_heavy_module():
    assert _imported_after("import chengyu_lib") == []


def test_heavy_modules_load_on_first_use_only():
    loaded = _imported_after("import chengyu_lib as cy; cy.datasets.names()")
    assert "pandas" not in loaded and "matplotlib" not in loaded


@pytest.mark.parametrize("name", [n for n in cy.__all__ if n != "set_language"])
def test_every_submodule_is_reachable(name):
    assert getattr(cy, name).__name__ == f"chengyu_lib.{name}"


def test_set_language_is_the_one_switch():
    cy.set_language("zh")
    try:
        assert cy.language.get_language() == "zh" == cy.plotting.get_language()
    finally:
        cy.set_language("en")


def test_unknown_attribute_names_the_submodules():
    with pytest.raises(AttributeError, match="available submodules: datasets"):
        cy.nonexistent  # noqa: B018


def test_every_explorer_name_resolves_and_chapters_are_named_like_their_notebooks():
    """The widgets registry is built from the chapter modules' __all__: every listed name
    resolves, and each chapter's explorer module, question bank and tests carry the name
    of its notebook."""
    from pathlib import Path

    import chengyu_lib.widgets as W
    from chengyu_lib import exercise_bank

    for name in W.__all__:
        assert getattr(W, name) is not None, name
    root = Path(__file__).resolve().parents[1]
    slugs = {p.stem for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert {c[2:] for c in W.CHAPTERS} <= slugs
    for set_id in exercise_bank.set_ids():
        nb = exercise_bank.get_set(set_id)["SET"]["notebook"]
        assert nb in slugs
        assert (root / "chengyu_lib" / "exercise_bank" / f"ch{nb}.py").exists()
    for chapter in W.CHAPTERS:
        assert (root / "tests" / f"test_{chapter}.py").exists(), chapter
