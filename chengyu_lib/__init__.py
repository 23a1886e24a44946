"""chengyu_lib: the companion library of the course *Regional economics through one
newspaper report* (成渝地区双城经济圈, the Chengdu–Chongqing Twin-City Economic Circle).

Importing the package is cheap: each submodule (and pandas, matplotlib, jieba,
ipywidgets behind it) loads on first attribute access.

>>> import chengyu_lib as cy
>>> "metrics" in cy.__all__
True
"""
from importlib import import_module

__version__ = "0.1.0"

__all__ = [
    "datasets",
    "article",
    "metrics",
    "spatial",
    "scenarios",
    "text",
    "plotting",
    "widgets",
    "exercises",
    "language",
    "set_language",
]


def set_language(language: str) -> None:
    """One switch for everything a learner reads: ``cy.set_language("zh")`` or ``"en"``
    (see :mod:`chengyu_lib.language`, also for a class-wide default)."""
    from .language import set_language as choose

    choose(language)


def __getattr__(name):
    if name in __all__ and name != "set_language":
        module = import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'chengyu_lib' has no attribute {name!r}; "
                         f"available submodules: {', '.join(__all__)}")


def __dir__():
    return sorted(list(globals()) + __all__)
