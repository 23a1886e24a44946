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


@pytest.mark.parametrize("name", cy.__all__)
def test_every_submodule_is_reachable(name):
    assert getattr(cy, name).__name__ == f"chengyu_lib.{name}"


def test_unknown_attribute_names_the_submodules():
    with pytest.raises(AttributeError, match="available submodules: datasets"):
        cy.nonexistent  # noqa: B018
