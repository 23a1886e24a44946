"""Interactive explorers for the course notebooks, built only on the library's tested
functions (ipywidgets loads on first use).

Each explorer varies one parameter with economic meaning and shows what it does. Each
returns an ``ipywidgets`` container whose ``.children`` tests can drive without a browser:
set a control's ``.value`` and read the ``Output`` widget's ``.outputs``.
One submodule per notebook, named like it (``ch05_gravity_corridor`` for
``notebooks/05_gravity_corridor.ipynb``); every name in a submodule's ``__all__`` is
re-exported here, on first use.
"""
from importlib import import_module
from pathlib import Path

#: the chapter modules, one per notebook, named like it: ``chNN_<notebook slug>``
CHAPTERS = tuple(sorted(p.stem for p in Path(__file__).parent.glob("ch[0-9][0-9]_*.py")))

_WHERE: dict[str, str] | None = None


def _registry() -> dict[str, str]:
    """Public name -> chapter module, built from each chapter's ``__all__`` (the chapter
    modules import only the standard library at load; ipywidgets and matplotlib load when
    an explorer is built)."""
    global _WHERE
    if _WHERE is None:
        where: dict[str, str] = {}
        for chapter in CHAPTERS:
            for name in import_module(f"{__name__}.{chapter}").__all__:
                if name in where:
                    raise ImportError(f"chengyu_lib.widgets: {name!r} is exported by both "
                                      f"{where[name]} and {chapter}")
                where[name] = chapter
        _WHERE = where
    return _WHERE


def __dir__():
    return sorted(set(globals()) | set(_registry()))


def __getattr__(name):
    if name == "__all__":
        return sorted(_registry())
    where = _registry()
    if name in where:
        value = getattr(import_module(f"{__name__}.{where[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"chengyu_lib.widgets has no explorer {name!r}; "
                         f"available: {', '.join(sorted(where))}")
