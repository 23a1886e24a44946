"""The question bank in Chinese: translations of each set's intro and each question's
learner-facing texts, looked up in the current language (``cy.set_language``).

The English bank (``chNN_slug.py``) stays the single source. Its translation lives beside
it in ``exercise_bank/zh/chNN_slug.json`` (shipped with the package, because
:func:`chengyu_lib.exercises.check` shows the Chinese hints and mistake messages while a
learner works)::

    {"SET":     {"intro": {"en_sha": "<16 hex>", "zh": "…"}},
     "02.cagr": {"title":  {"en_sha": "…", "zh": "…"},
                 "prompt": {…}, "hints.0": {…},
                 "misconceptions.total growth, not annualised": {…},
                 "model_answer": {…}}}

``en_sha`` is the first 16 hex digits of the SHA-256 of the English text that was
translated. A translation whose ``en_sha`` no longer matches the English (the English was
changed since) is *stale*: it is never shown (the English is shown instead) and
``tests/test_zh_edition.py`` fails until it is updated (docs/translating.md).

>>> from chengyu_lib import language
>>> from chengyu_lib.exercise_bank import question
>>> q = question("00.delegates")
>>> language.set_language("en"); text(q, "title")
'How many voices · 几位代表委员'
>>> language.set_language("zh"); text(q, "title")
'几位代表委员'

>>> language.set_language("en")
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

__all__ = ["en_sha", "english_fields", "set_fields", "translation_path", "load", "status",
           "text", "set_text", "hint", "misconception_message"]

FOLDER = Path(__file__).parent / "zh"


def en_sha(source: str) -> str:
    """First 16 hex digits of the SHA-256 of an English text (UTF-8); the same hash as
    the notebooks' translations use.

    >>> en_sha("")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def english_fields(q) -> dict[str, str]:
    """Every learner-facing English text of a question, by field name: ``title``,
    ``prompt``, ``hints.<i>``, ``misconceptions.<name>``, ``model_answer`` (if any).

    >>> from chengyu_lib.exercise_bank import question
    >>> sorted(english_fields(question("02.cagr")))[:3]
    ['hints.0', 'misconceptions.averaged the real growth rates', 'misconceptions.counted years, not intervals']
    """
    out = {"title": q.title, "prompt": q.prompt}
    for i, h in enumerate(q.hints):
        out[f"hints.{i}"] = h
    for m in q.misconceptions:
        out[f"misconceptions.{m.name}"] = m.message
    if q.model_answer:
        out["model_answer"] = q.model_answer
    return out


def set_fields(meta: dict) -> dict[str, str]:
    """The learner-facing English texts of a set's metadata (``intro``)."""
    return {"intro": meta["intro"]}


def translation_path(set_id: str) -> Path:
    """``exercise_bank/zh/chNN_slug.json`` of a set (it need not exist yet)."""
    from . import _module

    return FOLDER / f"{_module(set_id)}.json"


@lru_cache(maxsize=None)
def _load(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load(set_id: str) -> dict:
    """The translation file of a set as a dict (empty if the set is not translated)."""
    path = translation_path(set_id)
    if not path.is_file():
        return {}
    return _load(str(path), path.stat().st_mtime)


def status(set_id: str) -> dict[str, list[str]]:
    """``{"missing": [...], "stale": [...], "unused": [...]}`` of ``"<key>:<field>"``
    entries (``key`` a question id or ``SET``); all empty = complete and current."""
    from . import get_set

    data = get_set(set_id)
    wanted = {"SET": set_fields(data["SET"])}
    for q in data["QUESTIONS"]:
        wanted[q.id] = english_fields(q)
    store = load(set_id)
    out: dict[str, list[str]] = {"missing": [], "stale": [], "unused": []}
    for key, fields in wanted.items():
        for field, english in fields.items():
            entry = store.get(key, {}).get(field)
            if not entry or not str(entry.get("zh", "")).strip():
                out["missing"].append(f"{key}:{field}")
            elif entry.get("en_sha") != en_sha(english):
                out["stale"].append(f"{key}:{field}")
    for key, fields in store.items():
        for field in fields:
            if field not in wanted.get(key, {}):
                out["unused"].append(f"{key}:{field}")
    return out


def _lookup(set_id: str, key: str, field: str, english: str) -> str:
    from ..language import get_language

    if get_language() != "zh":
        return english
    entry = load(set_id).get(key, {}).get(field)
    if entry and entry.get("zh") and entry.get("en_sha") == en_sha(english):
        return entry["zh"]
    return english          # untranslated or stale: the English, never an outdated text


def text(q, field: str) -> str:
    """One learner-facing text of question ``q`` in the current language (the English
    when there is no current translation). ``field`` as in :func:`english_fields`."""
    fields = english_fields(q)
    if field not in fields:
        raise ValueError(f"field must be one of {sorted(fields)}, got {field!r}")
    return _lookup(q.set_id, q.id, field, fields[field])


def set_text(set_id: str, field: str) -> str:
    """A set-level text (``intro``) in the current language."""
    from . import get_set

    fields = set_fields(get_set(set_id)["SET"])
    if field not in fields:
        raise ValueError(f"field must be one of {sorted(fields)}, got {field!r}")
    return _lookup(set_id, "SET", field, fields[field])


def hint(q, i: int = 0) -> str:
    """Hint ``i`` of a question in the current language, or "" if it has none."""
    return text(q, f"hints.{i}") if len(q.hints) > i else ""


def misconception_message(q, m) -> str:
    """The message of misconception ``m`` of question ``q`` in the current language."""
    return _lookup(q.set_id, q.id, f"misconceptions.{m.name}", m.message)
