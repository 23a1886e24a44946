"""The one language setting for everything a learner reads: chart labels, explorer
controls and their text, ``check`` feedback and hints, progress tables and the error
messages meant for learners.

``set_language("zh")`` switches all of them at once, for the running kernel. A teacher can
make Chinese the default for a whole class without touching a notebook, in either of two
places (the first one found wins):

1. the environment variable ``CHENGYU_LANGUAGE`` (``zh`` or ``en``), e.g. in a JupyterHub
   spawner's environment;
2. a JSON settings file holding ``{"language": "zh"}``: ``$CHENGYU_SETTINGS`` (a file
   path) if set, else ``chengyu_lib/settings.json`` in the user's config folder
   (``$XDG_CONFIG_HOME`` or ``~/.config``).

An unreadable or malformed settings file, or an unknown value, is ignored with the
default English kept: a learner's kernel never fails because of a setting. The Chinese
notebooks call ``set_language("zh")`` in their first cell, so they read Chinese whatever
the default.

``text(en, zh)`` picks one of two strings in the current language; this is how the library
writes every learner-facing message once in each language.

>>> from chengyu_lib import language
>>> language.set_language("zh"); language.text("Correct", "正确")
'正确'
>>> language.set_language("en"); language.text("Correct", "正确")
'Correct'
>>> language.set_language("fr")
Traceback (most recent call last):
...
ValueError: language must be 'en' or 'zh', got 'fr'
"""
from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["LANGUAGES", "set_language", "get_language", "text", "column", "for_reader",
           "pick", "default_language", "settings_path"]

#: the languages the course is written in
LANGUAGES = ("en", "zh")

_state: dict[str, str | None] = {"language": None}


def settings_path() -> Path:
    """Where the class-wide settings file is looked up (it need not exist).

    >>> import os; os.environ["CHENGYU_SETTINGS"] = "/tmp/class.json"; str(settings_path())
    '/tmp/class.json'
    >>> del os.environ["CHENGYU_SETTINGS"]
    """
    explicit = os.environ.get("CHENGYU_SETTINGS")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "chengyu_lib" / "settings.json"


def default_language() -> str:
    """The language before any ``set_language`` call: ``$CHENGYU_LANGUAGE``, else the
    settings file's ``"language"``, else ``"en"``; unknown values are ignored.

    >>> default_language() in LANGUAGES
    True
    """
    env = os.environ.get("CHENGYU_LANGUAGE", "").strip().lower()
    if env in LANGUAGES:
        return env
    try:
        value = json.loads(settings_path().read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        return "en"
    return value if value in LANGUAGES else "en"


def set_language(language: str) -> None:
    """Choose the language of everything a learner reads: ``"en"`` or ``"zh"``.

    >>> set_language("zh"); get_language()
    'zh'
    >>> set_language("en")
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'en' or 'zh', got {language!r}")
    _state["language"] = language


def get_language() -> str:
    """The current language, ``"en"`` or ``"zh"`` (the class default until set).

    >>> get_language() in LANGUAGES
    True
    """
    if _state["language"] is None:
        _state["language"] = default_language()
    return _state["language"]


def text(en: str, zh: str) -> str:
    """``en`` or ``zh``, whichever is the current language.

    >>> set_language("en"); text("year", "年份")
    'year'
    """
    return zh if get_language() == "zh" else en


def column(frame, stem: str) -> str:
    """The name of ``frame``'s column ``<stem>_zh`` or ``<stem>_en``, in the current language.

    Tables keep each text field twice (``summary_en``, ``summary_zh``); a notebook writes
    ``frame[language.column(frame, "summary")]`` once and shows the learner's language.
    When the language is ``"zh"`` but the table has no ``<stem>_zh`` twin, the English
    column is returned (a text not yet translated is shown in English, never hidden).
    ``frame`` is anything with ``.columns`` (a pandas DataFrame); the language module
    stays free of pandas.

    >>> class Table: columns = ["year", "summary_en", "summary_zh", "title_en"]
    >>> set_language("zh"); column(Table, "summary"), column(Table, "title")
    ('summary_zh', 'title_en')
    >>> set_language("en"); column(Table, "summary")
    'summary_en'
    >>> column(Table, "role")
    Traceback (most recent call last):
    ...
    KeyError: "stem 'role': the table has neither a 'role_en' nor a 'role_zh' column"
    """
    if not isinstance(stem, str) or not stem:
        raise TypeError(f"stem must be a non-empty column name stem such as 'summary', "
                        f"got {stem!r}")
    columns = getattr(frame, "columns", None)
    if columns is None:
        raise TypeError(f"frame must be a table with .columns (a pandas DataFrame), "
                        f"got {type(frame).__name__}")
    names = {str(name) for name in columns}
    wanted = f"{stem}_{get_language()}"
    if wanted in names:
        return wanted
    if f"{stem}_en" in names:
        return f"{stem}_en"
    raise KeyError(f"stem {stem!r}: the table has neither a {stem + '_en'!r} nor a "
                   f"{stem + '_zh'!r} column")


def for_reader(frame):
    """``frame`` as the current reader should see it: in ``"zh"``, without every ``<x>_en``
    column that has a ``<x>_zh`` twin; in ``"en"``, unchanged (an English reader gains from
    seeing the Chinese beside the English).

    A column ``<x>_en`` without a Chinese twin is kept in both languages (a text not yet
    translated is shown, never hidden). Returns a new frame; ``frame`` is not modified.
    ``frame`` is anything with ``.columns`` and ``.drop(columns=…)`` (a pandas DataFrame).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"term_zh": ["首位度"], "term_en": ["primacy"], "note_en": ["n"]})
    >>> set_language("zh"); for_reader(t).columns.tolist()
    ['term_zh', 'note_en']
    >>> set_language("en"); for_reader(t).columns.tolist()
    ['term_zh', 'term_en', 'note_en']
    """
    columns = getattr(frame, "columns", None)
    if columns is None or not hasattr(frame, "drop"):
        raise TypeError(f"frame must be a table with .columns (a pandas DataFrame), "
                        f"got {type(frame).__name__}")
    if get_language() != "zh":
        return frame.copy() if hasattr(frame, "copy") else frame
    names = {str(name) for name in columns}
    twins = [name for name in columns if isinstance(name, str) and name.endswith("_en")
             and name[:-3] + "_zh" in names]
    return frame.drop(columns=twins)


def pick(values: dict):
    """The entry of ``values`` (a dict keyed by language, such as ``{"zh": …, "en": …}``)
    for the current language, else its English entry (never hidden when not translated).

    >>> set_language("zh"); pick({"en": "approximate", "zh": "大致"})
    '大致'
    >>> pick({"en": "approximate"})
    'approximate'
    >>> set_language("en"); pick({"zh": "大致"})
    Traceback (most recent call last):
    ...
    KeyError: "values must have an entry for 'en' (the current language, or the fallback), got keys ['zh']"
    """
    if not isinstance(values, dict):
        raise TypeError(f"values must be a dict keyed by language ('en', 'zh'), "
                        f"got {type(values).__name__}")
    language = get_language()
    if language in values:
        return values[language]
    if "en" in values:
        return values["en"]
    raise KeyError(f"values must have an entry for 'en' (the current language, or the "
                   f"fallback), got keys {sorted(values)}")
