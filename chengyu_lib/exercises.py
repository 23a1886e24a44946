"""Exercises that answer back: ``check(question_id, answer)`` gives instant, specific feedback.

Each exercise notebook (``exercises/NN_<name>.ipynb``) has, per question, an answer cell
(``answer = ...``) and a check cell::

    from chengyu_lib.exercises import check
    check("02.cagr", answer)

``check`` returns a :class:`Feedback` whose ``status`` is one of

============== ==========================================================================
correct        the answer matches the key (numbers within the question's tolerance)
unanswered     ``...`` (Ellipsis), ``None`` or an empty text: nothing to check yet
wrong_type     a table where a number was asked, text where a number was asked, …
unit_factor    right number in the wrong unit: percent vs fraction (×100), 元 vs 亿元
               (×10^8), 万元 vs 亿元 (×10^4) … — the message says which
misconception  equals the answer of a known mistake (e.g. averaging yearly growth rates
               instead of the CAGR); the message names the mistake
wrong          none of the above: a hint
reflection     a written answer (not auto-checked): acknowledged, compare with the model
unknown        the question id is not in the bank (the message lists the set's ids)
error          the checker itself failed (data missing …): "could not check this answer"
============== ==========================================================================

What is accepted
----------------
- a number as ``int``/``float``/NumPy scalar, or a one-element list, tuple, array, Series
  or 1 × 1 DataFrame (``df.loc[...]`` often gives one);
- counts may be ``6`` or ``6.0``; years likewise;
- sets as ``set``, ``frozenset``, ``list``, ``tuple``, array, ``Index`` or ``Series``
  (its values); order and repeats are ignored;
- text is compared after Unicode NFKC normalisation (full-width → half-width), stripping
  and case folding; a question may accept several names (``成都``, ``成都市``, ``Chengdu``);
- Series and DataFrames are compared by labels (order ignored) and values (tolerance).

Text is never evaluated: ``"5.32%"`` or ``"0.0532"`` for a number is ``wrong_type`` (the
message shows how to write the number), because a computed answer is the point of the
exercise and ``check`` never runs what a learner typed.

``check`` never raises into a notebook, and its text and HTML output are deterministic (no
times, no addresses), so ``pytest --nbval`` can compare executed notebooks.

Progress
--------
Each check is recorded (best status kept) in a small JSON file: ``$CHENGYU_PROGRESS`` if
set (``off`` disables recording), else ``<user data dir>/chengyu_lib/progress.json``.
:func:`progress` shows it as a table; :func:`reset_progress` clears it. If the file cannot
be written, results are kept for the session only and ``progress()`` says so (column
``saved``); nothing is ever raised or warned in the notebook.

>>> fb = check("04.krugman", 0.26, record=False)
>>> fb.status
'correct'
>>> print(check("04.krugman", ..., record=False))
… 04.krugman · 未作答 Not answered yet
Replace `...` with your answer, then run this cell again.
>>> check("04.nope", 1, record=False).status
'unknown'
"""
from __future__ import annotations

import html
import json
import math
import numbers
import os
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["Feedback", "check", "progress", "reset_progress", "progress_path", "questions",
           "STATUSES"]

#: status -> (symbol, Chinese label, English label, border colour, background)
STATUSES = {
    "correct": ("✔", "正确", "Correct", "#2e7d32", "#e8f5e9"),
    "unanswered": ("…", "未作答", "Not answered yet", "#757575", "#f5f5f5"),
    "wrong_type": ("✘", "类型不对", "Wrong type or shape", "#ef6c00", "#fff3e0"),
    "unit_factor": ("✘", "单位不对", "Wrong unit", "#ef6c00", "#fff3e0"),
    "misconception": ("✘", "常见误区", "Known mistake", "#c62828", "#ffebee"),
    "wrong": ("✘", "还不对", "Not yet", "#c62828", "#ffebee"),
    "reflection": ("✎", "思考题", "Reflection noted", "#1565c0", "#e3f2fd"),
    "unknown": ("?", "未知题号", "Unknown question", "#6a1b9a", "#f3e5f5"),
    "error": ("⚠", "无法检查", "Could not check", "#6a1b9a", "#f3e5f5"),
}

# rank used to keep the best status in the progress file
_RANK = {"correct": 6, "reflection": 5, "unit_factor": 4, "misconception": 3, "wrong": 2,
         "wrong_type": 1, "unanswered": 0}


# ---------------------------------------------------------------------------- Feedback
class Feedback:
    """The result of :func:`check`: ``status``, ``message``, ``hint`` and the question id.

    Shows as a coloured box in JupyterLab (``_repr_html_``) and as plain text elsewhere.

    >>> fb = Feedback("00.x", "wrong", "Not the expected value.", "Count the rows.")
    >>> print(fb)
    ✘ 00.x · 还不对 Not yet
    Not the expected value.
    Hint: Count the rows.
    >>> bool(fb), fb.ok
    (False, False)
    """

    __slots__ = ("question_id", "status", "message", "hint")

    def __init__(self, question_id: str, status: str, message: str = "", hint: str = ""):
        self.question_id = str(question_id)
        self.status = status if status in STATUSES else "error"
        message = str(message)
        self.message = message[:1].upper() + message[1:]
        self.hint = str(hint or "")

    @property
    def ok(self) -> bool:
        """True when the answer is correct (or a reflection was handed in)."""
        return self.status in ("correct", "reflection")

    def __bool__(self) -> bool:
        return self.ok

    @property
    def label(self) -> str:
        sym, zh, en = STATUSES[self.status][:3]
        return f"{sym} {zh} {en}"

    def __str__(self) -> str:
        sym, zh, en = STATUSES[self.status][:3]
        lines = [f"{sym} {self.question_id} · {zh} {en}"]
        if self.message:
            lines.append(self.message)
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        sym, zh, en, border, bg = STATUSES[self.status]
        esc = html.escape
        parts = [f'<div style="border-left:5px solid {border};background:{bg};'
                 f'padding:6px 12px;margin:4px 0;border-radius:3px;line-height:1.5">',
                 f'<span style="color:{border};font-size:1.1em">{sym}</span> '
                 f'<b>{esc(zh)} {esc(en)}</b> · <code>{esc(self.question_id)}</code>']
        if self.message:
            parts.append(f"<br>{esc(self.message)}")
        if self.hint:
            parts.append(f"<br><i>Hint:</i> {esc(self.hint)}")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict:
        return {"question_id": self.question_id, "status": self.status,
                "message": self.message, "hint": self.hint}


# ---------------------------------------------------------------------------- helpers
class _WrongType(Exception):
    """Raised internally when an answer cannot be read as the asked kind."""


class _Unanswered(Exception):
    pass


def _pd():
    return sys.modules.get("pandas")


def _np():
    return sys.modules.get("numpy")


def _is_series(x):
    pd = _pd()
    return pd is not None and isinstance(x, pd.Series)


def _is_frame(x):
    pd = _pd()
    return pd is not None and isinstance(x, pd.DataFrame)


def _is_index(x):
    pd = _pd()
    return pd is not None and isinstance(x, pd.Index)


def _is_array(x):
    np = _np()
    return np is not None and isinstance(x, np.ndarray)


def _is_bool(x) -> bool:
    if isinstance(x, bool):
        return True
    np = _np()
    return np is not None and isinstance(x, np.bool_)


def _describe(x) -> str:
    """A short, deterministic description of an answer's type and shape."""
    try:
        if _is_frame(x):
            return f"a DataFrame ({x.shape[0]} rows × {x.shape[1]} columns)"
        if _is_series(x):
            return f"a Series of {len(x)} values"
        if _is_index(x):
            return f"an Index of {len(x)} labels"
        if _is_array(x):
            return f"an array of shape {tuple(x.shape)}"
        if _is_bool(x):
            return f"the bool {bool(x)}"
        if isinstance(x, str):
            short = x if len(x) <= 30 else x[:27] + "…"
            return f"the text {short!r}"
        if isinstance(x, (list, tuple, set, frozenset, dict)):
            name = type(x).__name__
            return f"a {name} of {len(x)} item{'s' if len(x) != 1 else ''}"
        if isinstance(x, numbers.Number):
            return f"the number {_fmt(x)}"
        return f"an object of type {type(x).__name__}"
    except Exception:
        return f"an object of type {type(x).__name__}"


def _fmt(x) -> str:
    try:
        if isinstance(x, numbers.Integral):
            return str(int(x))
        v = float(x)
        return f"{v:.6g}"
    except Exception:
        return type(x).__name__


def _kind_name(q) -> str:
    from .exercise_bank import UNITS

    unit = UNITS.get(q.unit, {}).get("name") if q.unit else None
    return {
        "number": f"a number in {unit}" if unit else "a number",
        "integer": f"a whole number ({unit})" if unit else "a whole number",
        "string": "a name or short text",
        "set": "a set of items, e.g. {'成都', '重庆'}",
        "list": "a list of items, e.g. ['川渝', '通办']",
        "bool": "True or False",
        "series": "a pandas Series",
        "frame": "a pandas DataFrame",
        "reflection": "a short text",
    }[q.kind]


def _looks_like_number_text(s: str):
    t = unicodedata.normalize("NFKC", s).strip().replace(",", "")
    pct = t.endswith("%")
    t = t.rstrip("%").strip()
    try:
        v = float(t)  # parsing only: never eval
    except ValueError:
        return None
    if not math.isfinite(v):
        return None
    return v / 100 if pct else v


def _unwrap_one(x):
    """A one-element container -> its element; else x unchanged."""
    try:
        if _is_frame(x) and x.shape == (1, 1):
            return x.iloc[0, 0]
        if (_is_series(x) or _is_index(x)) and len(x) == 1:
            return x.iloc[0] if _is_series(x) else x[0]
        if _is_array(x) and x.size == 1:
            return x.reshape(-1)[0]
        if isinstance(x, (list, tuple)) and len(x) == 1:
            return x[0]
    except Exception:
        pass
    return x


def _as_number(x, q):
    x = _unwrap_one(x)
    if _is_bool(x):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    if isinstance(x, str):
        v = _looks_like_number_text(x)
        if v is not None:
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}: write the "
                             f"number itself, without quotes (e.g. answer = {v:.6g}); "
                             f"text is never evaluated")
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    np = _np()
    if isinstance(x, numbers.Real) or (np is not None and isinstance(x, np.generic)
                                       and not isinstance(x, (np.complexfloating, np.str_))):
        try:
            return float(x)
        except (OverflowError, ValueError, TypeError):
            raise _WrongType(f"expected {_kind_name(q)}, got a number that cannot be "
                             f"compared") from None
    if isinstance(x, numbers.Complex):
        raise _WrongType(f"expected {_kind_name(q)}, got a complex number")
    hint = ""
    if _is_series(x) or _is_frame(x) or _is_array(x) or isinstance(x, (list, tuple)):
        hint = ": select the one value you need (e.g. with .loc[...] or .iloc[0])"
    raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}{hint}")


def _norm_text(s) -> str:
    s = unicodedata.normalize("NFKC", str(s))
    return " ".join(s.split()).casefold()


def _norm_item(x):
    x = _unwrap_scalar(x)
    if isinstance(x, str):
        return _norm_text(x)
    if isinstance(x, bool):
        return x
    if isinstance(x, numbers.Real):
        try:
            f = float(x)
            if math.isfinite(f) and f == int(f):
                return int(f)
            return round(f, 9)
        except (OverflowError, ValueError):
            return x
    return x


def _unwrap_scalar(x):
    np = _np()
    if np is not None and isinstance(x, np.generic):
        try:
            return x.item()
        except Exception:
            return x
    return x


def _as_collection(x, q):
    if isinstance(x, (str, bytes)):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}: put the items in "
                         f"{'{…}' if q.kind == 'set' else '[…]'}")
    if isinstance(x, dict):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    if _is_frame(x):
        if x.shape[1] == 1:
            x = x.iloc[:, 0]
        else:
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}: select one "
                             f"column, e.g. df['name']")
    if _is_series(x) or _is_index(x) or _is_array(x):
        x = list(x.tolist() if not _is_array(x) else x.reshape(-1).tolist())
    if isinstance(x, (list, tuple, set, frozenset)):
        items = list(x)
        for it in items:
            if isinstance(it, (list, dict, set)) or _is_frame(it) or _is_series(it):
                raise _WrongType(f"expected {_kind_name(q)}, got a collection that holds "
                                 f"{_describe(it)}")
        return [_norm_item(i) for i in items]
    raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")


def _close(a: float, b: float, q, rtol=None) -> bool:
    rtol = q.rtol if rtol is None else rtol
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= max(rtol * abs(b), q.atol)


# ---------------------------------------------------------------------------- graders
def _misconception_fb(q, ans, compare):
    """Return Feedback if the answer equals a known mistake (also in a wrong unit)."""
    from .exercise_bank import UNITS

    factors = UNITS.get(q.unit, {}).get("factors", {}) if q.unit else {}
    for m in q.misconceptions:
        try:
            wrong = m.compute()
        except Exception:
            continue
        if compare(ans, wrong, 1.0):
            return Feedback(q.id, "misconception", m.message, _hint(q))
        for f, why in factors.items():
            if compare(ans, wrong, f):
                return Feedback(q.id, "misconception",
                                f"{m.message} Also, the unit looks off: {why}", _hint(q))
    return None


def _hint(q, i: int = 0) -> str:
    return q.hints[i] if len(q.hints) > i else ""


def _grade_number(q, answer, key):
    integer = q.kind == "integer"
    if integer and (_is_frame(answer) or _is_series(answer) or
                    isinstance(answer, (list, tuple, set, dict))):
        try:
            n = len(answer)
        except Exception:
            n = None
        if n is not None and n != 1:
            extra = (" — and its length is the expected count: use len(...)"
                     if n == key else "; count with len(...) or .sum()")
            return Feedback(q.id, "wrong_type",
                            f"expected {_kind_name(q)}, got {_describe(answer)}{extra}",
                            _hint(q))
    ans = _as_number(answer, q)
    key = float(key)
    if math.isnan(ans):
        return Feedback(q.id, "wrong", "your answer is NaN (not a number): a missing value "
                        "or a failed selection crept into the calculation.", _hint(q))
    if math.isinf(ans):
        return Feedback(q.id, "wrong", "your answer is infinite: did you divide by zero?",
                        _hint(q))
    if integer:
        if ans != int(ans):
            if _close(ans, key, q):
                return Feedback(q.id, "correct", f"{_fmt(ans)} is right (a count is a whole "
                                f"number; {int(round(ans))} is tidier).")
            return Feedback(q.id, "wrong", f"{_fmt(ans)} is not a whole number; expected "
                            f"{_kind_name(q)}.", _hint(q))
        if int(ans) == int(key):
            return Feedback(q.id, "correct", f"{int(ans)} is right.")
    elif _close(ans, key, q):
        return Feedback(q.id, "correct", f"{_fmt(ans)} is right (within {q.rtol:.2g} "
                        f"relative tolerance).")

    def cmp(a, wrong, f):
        try:
            return _close(a, float(wrong) * f, q)
        except (TypeError, ValueError, OverflowError):
            return False

    fb = _misconception_fb(q, ans, cmp)
    if fb is not None:
        return fb
    from .exercise_bank import UNITS

    if q.unit and key != 0:
        for f, why in UNITS[q.unit]["factors"].items():
            if _close(ans, key * f, q):
                times = f"{f:g} ×" if f >= 1 else f"1/{1 / f:g} of"
                return Feedback(q.id, "unit_factor",
                                f"your answer is {times} the expected: {why}", _hint(q))
    if key != 0 and _close(ans, -key, q):
        return Feedback(q.id, "wrong", "the size is right but the sign is reversed.",
                        _hint(q))
    side = "higher" if ans > key else "lower"
    return Feedback(q.id, "wrong", f"not the expected value (yours, {_fmt(ans)}, is "
                    f"{side} than the key).", _hint(q))


def _grade_bool(q, answer, key):
    x = _unwrap_scalar(_unwrap_one(answer))
    if isinstance(x, str):
        raise _WrongType(f"expected True or False, got {_describe(x)}: write True or False "
                         f"without quotes")
    if not isinstance(x, bool):
        raise _WrongType(f"expected True or False, got {_describe(x)}")
    if x == bool(key):
        return Feedback(q.id, "correct", f"{x} is right.")
    fb = _misconception_fb(q, x, lambda a, w, f: f == 1.0 and a == bool(w))
    return fb if fb is not None else Feedback(q.id, "wrong", f"{x} is not right.", _hint(q))


def _accepted(key) -> list:
    if isinstance(key, (list, tuple, set, frozenset)):
        return [_norm_text(k) for k in key]
    return [_norm_text(key)]


def _grade_string(q, answer, key):
    x = _unwrap_scalar(_unwrap_one(answer))
    if not isinstance(x, str):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}: put the name in "
                         f"quotes, e.g. answer = '成都'")
    got = _norm_text(x)
    if not got:
        raise _Unanswered()
    if got in _accepted(key):
        return Feedback(q.id, "correct", f"{x.strip()!r} is right.")

    def cmp(a, wrong, f):
        return f == 1.0 and _norm_text(a) in _accepted(wrong)

    fb = _misconception_fb(q, x, cmp)
    if fb is not None:
        return fb
    return Feedback(q.id, "wrong", f"{x.strip()!r} is not the expected answer.", _hint(q))


def _grade_collection(q, answer, key):
    items = _as_collection(answer, q)
    want = [_norm_item(k) for k in key]
    if q.kind == "set":
        same = set(items) == set(want)
    else:
        same = items == want
    if same:
        return Feedback(q.id, "correct", f"all {len(want)} items are right.")

    def cmp(a, wrong, f):
        if f != 1.0:
            return False
        w = [_norm_item(k) for k in wrong]
        return set(a) == set(w) if q.kind == "set" else a == w

    fb = _misconception_fb(q, items, cmp)
    if fb is not None:
        return fb
    if q.kind == "list" and sorted(map(str, items)) == sorted(map(str, want)):
        return Feedback(q.id, "wrong", "the right items, in the wrong order.", _hint(q))
    right = len(set(items) & set(want))
    extra = sorted(map(str, set(items) - set(want)))
    msg = f"{right} of the {len(set(want))} expected items are there"
    if extra:
        shown = ", ".join(extra[:5]) + (" …" if len(extra) > 5 else "")
        msg += f"; not expected: {shown}"
    return Feedback(q.id, "wrong", msg + ".", _hint(q))


def _as_series(x, q):
    pd = _pd()
    if isinstance(x, dict) and pd is not None:
        return pd.Series(x)
    if _is_frame(x) and x.shape[1] == 1:
        return x.iloc[:, 0]
    if _is_series(x):
        return x
    raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")


def _label_map(s) -> dict:
    return {_norm_item(k) if not isinstance(k, tuple) else tuple(map(_norm_item, k)): v
            for k, v in s.items()}


def _values_close(a, b, q, f=1.0) -> bool:
    if isinstance(b, numbers.Real) and not isinstance(b, bool):
        try:
            return _close(float(a), float(b) * f, q)
        except (TypeError, ValueError, OverflowError):
            return False
    return f == 1.0 and _norm_item(a) == _norm_item(b)


def _compare_maps(got: dict, want: dict, q, f=1.0):
    """-> (missing labels, extra labels, labels whose values differ)."""
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    diff = [k for k in want if k in got and not _values_close(got[k], want[k], q, f)]
    return missing, extra, diff


def _grade_series(q, answer, key):
    s = _as_series(answer, q)
    got, want = _label_map(s), _label_map(key)
    return _grade_maps(q, got, want, "label")


def _grade_frame(q, answer, key):
    if not _is_frame(answer):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(answer)}")
    cols_got = {_norm_item(c) for c in answer.columns}
    cols_want = {_norm_item(c) for c in key.columns}
    if cols_got != cols_want:
        miss = sorted(map(str, cols_want - cols_got))
        extra = sorted(map(str, cols_got - cols_want))
        msg = "the columns differ"
        if miss:
            msg += f"; missing: {', '.join(miss)}"
        if extra:
            msg += f"; not expected: {', '.join(extra)}"
        return Feedback(q.id, "wrong", msg + ".", _hint(q))

    def flat(df):
        out = {}
        for c in df.columns:
            for k, v in df[c].items():
                out[(_norm_item(k), _norm_item(c))] = v
        return out

    return _grade_maps(q, flat(answer), flat(key), "cell")


def _grade_maps(q, got, want, what):
    missing, extra, diff = _compare_maps(got, want, q)
    if not (missing or extra or diff):
        return Feedback(q.id, "correct", f"all {len(want)} {what}s and values are right.")
    for m in q.misconceptions:
        try:
            wrong = m.compute()
            wmap = _label_map(wrong) if _is_series(wrong) else (
                {(_norm_item(k), _norm_item(c)): v for c in wrong.columns
                 for k, v in wrong[c].items()} if _is_frame(wrong) else None)
        except Exception:
            continue
        if wmap is not None and not any(_compare_maps(got, wmap, q)):
            return Feedback(q.id, "misconception", m.message, _hint(q))
    if missing or extra:
        msg = f"the {what}s differ"
        if missing:
            msg += f"; {len(missing)} expected {what}(s) missing"
        if extra:
            msg += f"; not expected: {', '.join(map(str, extra[:5]))}"
        return Feedback(q.id, "wrong", msg + ".", _hint(q))
    from .exercise_bank import UNITS

    if q.unit:
        for f, why in UNITS[q.unit]["factors"].items():
            if not any(_compare_maps(got, want, q, f)):
                times = f"{f:g} ×" if f >= 1 else f"1/{1 / f:g} of"
                return Feedback(q.id, "unit_factor",
                                f"your values are {times} the expected: {why}", _hint(q))
    shown = ", ".join(map(str, diff[:3])) + (" …" if len(diff) > 3 else "")
    return Feedback(q.id, "wrong", f"the {what}s are right, but {len(diff)} value(s) "
                    f"differ (at {shown}).", _hint(q))


def _grade_reflection(q, answer):
    x = _unwrap_one(answer)
    if not isinstance(x, str):
        raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}: write your answer "
                         f"in quotes, e.g. answer = \"…\"")
    if not x.strip():
        raise _Unanswered()
    n = len(x.split())
    return Feedback(q.id, "reflection",
                    f"thank you: your answer ({n} word{'s' if n != 1 else ''}) is not graded "
                    "automatically. Compare it with the model answer in the solutions, or "
                    "discuss it in class.")


_GRADERS = {"number": _grade_number, "integer": _grade_number, "bool": _grade_bool,
            "string": _grade_string, "set": _grade_collection, "list": _grade_collection,
            "series": _grade_series, "frame": _grade_frame}


def _is_unanswered(answer) -> bool:
    if answer is Ellipsis or answer is None:
        return True
    return isinstance(answer, str) and answer.strip() in ("", "...", "…")


# ---------------------------------------------------------------------------- check
def check(question_id, answer=..., *, record: bool = True) -> Feedback:
    """Check ``answer`` to one exercise question; return a :class:`Feedback` (never raises).

    ``question_id`` looks like ``"02.cagr"`` (set ``02``, question ``cagr``); an unknown id
    gives a Feedback listing the ids of that set. ``record=False`` leaves the progress file
    alone. The answer is compared, never evaluated.

    >>> check("05.double_distance", 0.25, record=False).status
    'misconception'
    >>> check("05.double_distance", "4", record=False).status
    'wrong_type'
    """
    try:
        fb = _assessed_check(question_id, answer)
        if fb is None:
            fb = _check(question_id, answer)
    except Exception as err:  # a bug in a checker must not reach the notebook
        fb = Feedback(str(question_id), "error",
                      f"could not check this answer: {type(err).__name__}: {err}",
                      "Tell your teacher; your answer may still be right.")
    if record and fb.status in _RANK:
        _record(fb)
    return fb


def _check(question_id, answer) -> Feedback:
    from . import exercise_bank as bank

    if not isinstance(question_id, str):
        return Feedback(repr(question_id)[:40], "unknown",
                        f"the question id must be text like '02.cagr', got "
                        f"{_describe(question_id)}.")
    qid = unicodedata.normalize("NFKC", question_id).strip()
    try:
        q = bank.question(qid)
    except KeyError:
        set_id = qid.split(".", 1)[0]
        if set_id in bank.set_ids():
            ids = ", ".join(x.id for x in bank.questions(set_id))
            msg = f"there is no question {qid!r} in set {set_id}; its questions are: {ids}."
        else:
            msg = (f"there is no question {qid!r}; question ids start with a set number: "
                   f"{', '.join(bank.set_ids())} (e.g. '02.cagr').")
        return Feedback(qid, "unknown", msg)
    if _is_unanswered(answer):
        return _unanswered(q)
    try:
        if q.kind == "reflection":
            return _grade_reflection(q, answer)
        try:
            key = q.key()
        except Exception as err:
            return Feedback(q.id, "error", f"could not check this answer: computing the key "
                            f"failed ({type(err).__name__}: {err}).",
                            "Check that the course data is installed; tell your teacher.")
        return _GRADERS[q.kind](q, answer, key)
    except _Unanswered:
        return _unanswered(q)
    except _WrongType as err:
        return Feedback(q.id, "wrong_type", str(err), _hint(q))


def _unanswered(q) -> Feedback:
    if q.kind == "reflection":
        msg = "Write your answer as text in quotes, then run this cell again."
    else:
        msg = "Replace `...` with your answer, then run this cell again."
    return Feedback(q.id, "unanswered", msg)


def questions(set_id: str | None = None):
    """The bank as a DataFrame: set, question, title, kind, unit (no keys).

    >>> questions("02")["question"].iloc[0].startswith("02.")
    True
    """
    import pandas as pd
    from . import exercise_bank as bank

    rows = [{"set": q.set_id, "question": q.id, "title": q.title, "kind": q.kind,
             "unit": q.unit or ""} for q in bank.questions(set_id)]
    return pd.DataFrame(rows, columns=["set", "question", "title", "kind", "unit"])


# ---------------------------------------------------------------------------- progress
_SESSION: dict[str, dict] = {}      # results of this session (kept if the file fails)
_UNSAVED: dict[str, str] = {}       # path -> why it could not be written


def progress_path() -> Path | None:
    """Where progress is stored: ``$CHENGYU_PROGRESS``, else the user data dir;
    ``None`` when recording is switched off (``CHENGYU_PROGRESS=off``).

    >>> import os; os.environ["CHENGYU_PROGRESS"] = "off"; progress_path() is None
    True
    """
    env = os.environ.get("CHENGYU_PROGRESS")
    if env is not None and env.strip():
        if env.strip().lower() in ("off", "0", "false", "none"):
            return None
        return Path(env).expanduser()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "chengyu_lib" / "progress.json"


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("results"), dict):
            return data
    except Exception:
        pass
    return {"version": 1, "results": {}}


def _merge(old: dict | None, status: str, when: str) -> dict:
    rec = dict(old or {})
    best = rec.get("status")
    if best not in _RANK or _RANK[status] >= _RANK[best]:
        rec["status"] = status
    rec["last_status"] = status
    rec["last_checked"] = when
    rec["attempts"] = int(rec.get("attempts", 0)) + 1
    return rec


def _record(fb: Feedback) -> None:
    try:
        when = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        _SESSION[fb.question_id] = _merge(_SESSION.get(fb.question_id), fb.status, when)
        path = progress_path()
        if path is None:
            return
        try:
            data = _read(path)
            res = data["results"]
            res[fb.question_id] = _merge(res.get(fb.question_id), fb.status, when)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                           encoding="utf-8")
            os.replace(tmp, path)
            _UNSAVED.pop(str(path), None)
        except Exception as err:
            _UNSAVED[str(path)] = f"{type(err).__name__}: {err}"
    except Exception:
        pass


def progress(set_id: str | None = None):
    """Your progress: one row per question of the bank (or of one set) with columns
    ``set, question, status, attempts, last_checked, saved``.

    ``status`` is the best result so far (``'not checked'`` if never checked). ``saved``
    is False for results kept only in this session because the progress file could not be
    written or recording is off (``.attrs['note']`` says why).

    >>> import os; os.environ["CHENGYU_PROGRESS"] = "off"
    >>> progress("00").columns.tolist()
    ['set', 'question', 'status', 'attempts', 'last_checked', 'saved']
    """
    import pandas as pd
    from . import exercise_bank as bank

    path = progress_path()
    failed = path is None or str(path) in _UNSAVED
    stored = _read(path)["results"] if path is not None and path.is_file() else {}
    rows = []
    for q in bank.questions(set_id):
        rec, saved = stored.get(q.id), True
        if failed and q.id in _SESSION:
            rec, saved = _SESSION[q.id], False
        rows.append({"set": q.set_id, "question": q.id,
                     "status": rec.get("status", "not checked") if rec else "not checked",
                     "attempts": int(rec.get("attempts", 0)) if rec else 0,
                     "last_checked": rec.get("last_checked") if rec else None,
                     "saved": saved})
    df = pd.DataFrame(rows, columns=["set", "question", "status", "attempts",
                                     "last_checked", "saved"])
    if path is None:
        df.attrs["note"] = ("recording is off (CHENGYU_PROGRESS=off): nothing is saved")
    elif str(path) in _UNSAVED:
        df.attrs["note"] = (f"progress could not be saved to {path} "
                            f"({_UNSAVED[str(path)]}): rows with saved=False are from this "
                            f"session only")
    else:
        df.attrs["note"] = f"progress is stored in {path}"
    return df


def reset_progress(set_id: str | None = None) -> int:
    """Forget recorded results (of one set, or all); return how many were removed.

    >>> import os; os.environ["CHENGYU_PROGRESS"] = "off"; reset_progress("00")
    0
    """
    removed = 0
    prefix = None if set_id is None else f"{set_id}."
    for k in list(_SESSION):
        if prefix is None or k.startswith(prefix):
            del _SESSION[k]
    path = progress_path()
    if path is None:
        return 0
    try:
        data = _read(path)
        res = data["results"]
        for k in list(res):
            if prefix is None or k.startswith(prefix):
                del res[k]
                removed += 1
        if path.is_file():
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                           encoding="utf-8")
            os.replace(tmp, path)
    except Exception as err:
        _UNSAVED[str(path)] = f"{type(err).__name__}: {err}"
    return removed


# ---------------------------------------------------------------------------- assessed
# An assessed release (chengyu_lib.classroom.release) installs a bank whose set metadata
# says ``"assessed": True`` and whose questions have no key: check() then confirms only the
# kind and shape of an answer, records it and says the teacher will mark it.
STATUSES["recorded"] = ("✎", "已记录", "Recorded", "#1565c0", "#e3f2fd")
_RANK["recorded"] = 5


def _assessed_check(question_id, answer):
    """Feedback for a question of an assessed release; ``None`` for every other question."""
    from . import exercise_bank as bank
    from .language import text

    if not isinstance(question_id, str):
        return None
    qid = unicodedata.normalize("NFKC", question_id).strip()
    try:
        q = bank.question(qid)
        meta = bank.get_set(q.set_id)["SET"]
    except KeyError:
        try:
            meta = bank.get_set(qid.split(".", 1)[0])["SET"]
        except (ValueError, ImportError):
            return None
        if not meta.get("assessed"):
            return None
        ids = ", ".join(x.id for x in bank.questions(meta["id"]))
        return Feedback(qid, "unknown", text(
            f"{qid!r} is not part of this release; its questions are: {ids or 'none'}.",
            f"本次发布的练习中没有 {qid!r}；包含的题目：{ids or '无'}。"))
    except (ValueError, ImportError):
        return None
    if not meta.get("assessed"):
        return None
    if _is_unanswered(answer):
        return _unanswered(q)
    try:
        _assessed_shape(q, answer, meta.get("shapes", {}).get(q.id))
    except _WrongType as err:
        return Feedback(q.id, "wrong_type", str(err))
    return Feedback(q.id, "recorded", text(
        "your answer has the expected type and shape and is recorded; your teacher will "
        "mark it after you hand in the notebook.",
        "答案的类型和形式符合要求，已记录；提交笔记本后由老师批改。"))


def _assessed_shape(q, answer, shape) -> None:
    """Raise _WrongType unless ``answer`` is of the kind (and index labels) ``q`` asks."""
    x = _unwrap_one(answer) if q.kind not in ("series", "frame", "set", "list") else answer
    if q.kind in ("number", "integer"):
        v = _as_number(answer, q)
        if q.kind == "integer" and (not math.isfinite(v) or v != int(v)):
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    elif q.kind == "bool":
        if not _is_bool(x):
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    elif q.kind in ("string", "reflection"):
        if not isinstance(x, str):
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(x)}")
    elif q.kind in ("set", "list"):
        _as_collection(answer, q)
    else:
        want = "Series" if q.kind == "series" else "DataFrame"
        ok = _is_series(answer) if q.kind == "series" else _is_frame(answer)
        if not ok:
            raise _WrongType(f"expected {_kind_name(q)}, got {_describe(answer)}")
        if shape:
            got_index = sorted(str(i) for i in answer.index)
            if got_index != shape.get("index", got_index):
                raise _WrongType(f"expected a {want} with the labels "
                                 f"{', '.join(shape['index'])}, got {', '.join(got_index)}")
            if q.kind == "frame":
                cols = sorted(str(c) for c in answer.columns)
                if cols != shape.get("columns", cols):
                    raise _WrongType(f"expected a {want} with the columns "
                                     f"{', '.join(shape['columns'])}, got {', '.join(cols)}")
