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
rounded        the key rounded more coarsely than the question needs (e.g. 3.3 where the
               notebook prints 3.26): the message says how many decimals to keep
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
- a number equal to the key at the precision the notebook prints (the question's
  ``printed`` decimals, e.g. 2.35 for a key of 2.3456) is correct;
- sets as ``set``, ``frozenset``, ``list``, ``tuple``, array, ``Index`` or ``Series``
  (its values); order and repeats are ignored;
- text is compared after Unicode NFKC normalisation (full-width → half-width), stripping
  and case folding; every name the course data spells (cities, delegates, the two
  provinces) is accepted in any of its forms, alone or inside a set or list: ``成都``,
  ``成都市``, ``Chengdu``, ``Chéngdū``, ``chengdu``;
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
    "rounded": ("✘", "舍入过多", "Rounded too far", "#ef6c00", "#fff3e0"),
    "wrong": ("✘", "还不对", "Not yet", "#c62828", "#ffebee"),
    "reflection": ("✎", "思考题", "Reflection noted", "#1565c0", "#e3f2fd"),
    "unknown": ("?", "未知题号", "Unknown question", "#6a1b9a", "#f3e5f5"),
    "error": ("⚠", "无法检查", "Could not check", "#6a1b9a", "#f3e5f5"),
}

# rank used to keep the best status in the progress file
_RANK = {"correct": 6, "reflection": 5, "rounded": 4, "unit_factor": 4, "misconception": 3, "wrong": 2,
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
        """The status in words: both languages in English mode, Chinese only in zh."""
        sym, zh, en = STATUSES[self.status][:3]
        return f"{sym} {_t(f'{zh} {en}', zh)}"

    def __str__(self) -> str:
        sym, zh, en = STATUSES[self.status][:3]
        lines = [f"{sym} {self.question_id} · {_t(f'{zh} {en}', zh)}"]
        if self.message:
            lines.append(self.message)
        if self.hint:
            lines.append(_t("Hint: ", "提示：") + self.hint)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        sym, zh, en, border, bg = STATUSES[self.status]
        esc = html.escape
        parts = [f'<div style="border-left:5px solid {border};background:{bg};'
                 f'padding:6px 12px;margin:4px 0;border-radius:3px;line-height:1.5">',
                 f'<span style="color:{border};font-size:1.1em">{sym}</span> '
                 f'<b>{esc(_t(f"{zh} {en}", zh))}</b> · <code>{esc(self.question_id)}</code>']
        if self.message:
            parts.append(f"<br>{esc(self.message)}")
        if self.hint:
            parts.append(f"<br><i>{esc(_t('Hint:', '提示：'))}</i> {esc(self.hint)}")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict:
        return {"question_id": self.question_id, "status": self.status,
                "message": self.message, "hint": self.hint}


# ---------------------------------------------------------------------------- helpers
def _t(en: str, zh: str) -> str:
    """The learner-facing string in the current language (``cy.set_language``)."""
    from .language import text

    return text(en, zh)


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


def _is_amount(x) -> bool:
    """A parsed amount of :mod:`chengyu_lib.text` (``Amount``/``AmountRange``): a named
    tuple whose number is ``.value`` (or ``.low``/``.high``)."""
    fields = getattr(type(x), "_fields", None)
    return isinstance(x, tuple) and bool(fields) and ("value" in fields or "low" in fields)


def _describe(x) -> str:
    """A short, deterministic description of an answer's type and shape."""
    try:
        if _is_frame(x):
            return _t(f"a DataFrame ({x.shape[0]} rows × {x.shape[1]} columns)",
                      f"一个 DataFrame（{x.shape[0]} 行 × {x.shape[1]} 列）")
        if _is_series(x):
            return _t(f"a Series of {len(x)} values", f"一个含 {len(x)} 个值的 Series")
        if _is_index(x):
            return _t(f"an Index of {len(x)} labels", f"一个含 {len(x)} 个标签的 Index")
        if _is_array(x):
            return _t(f"an array of shape {tuple(x.shape)}",
                      f"一个形状为 {tuple(x.shape)} 的数组")
        if _is_bool(x):
            return _t(f"the bool {bool(x)}", f"布尔值 {bool(x)}")
        if _is_amount(x):
            return _t(f"a parsed {type(x).__name__} {tuple(x)!r}",
                      f"一个解析出的 {type(x).__name__} {tuple(x)!r}")
        if isinstance(x, str):
            short = x if len(x) <= 30 else x[:27] + "…"
            return _t(f"the text {short!r}", f"文字 {short!r}")
        if isinstance(x, (list, tuple, set, frozenset, dict)):
            name = type(x).__name__
            return _t(f"a {name} of {len(x)} item{'s' if len(x) != 1 else ''}",
                      f"一个含 {len(x)} 项的 {name}")
        if isinstance(x, numbers.Number):
            return _t(f"the number {_fmt(x)}", f"数 {_fmt(x)}")
        return _t(f"an object of type {type(x).__name__}", f"一个 {type(x).__name__} 类型的对象")
    except Exception:
        return _t(f"an object of type {type(x).__name__}", f"一个 {type(x).__name__} 类型的对象")


def _fmt(x) -> str:
    try:
        if isinstance(x, numbers.Integral):
            return str(int(x))
        v = float(x)
        return f"{v:.6g}"
    except Exception:
        return type(x).__name__


#: what each kind of answer is, as a learner reads it: (English, Chinese)
_KIND_NAMES = {
    "number": ("a number", "一个数"),
    "integer": ("a whole number", "一个整数"),
    "string": ("a name or short text", "一个名称或简短文字"),
    "set": ("a set of items such as {'A', 'B'} (order does not matter; names in Chinese "
            "or English)", "一个集合，写法如 {'甲', '乙'}（不计顺序，名称用中文或英文均可）"),
    "list": ("a list of items in order, such as ['A', 'B']",
             "一个有序列表，写法如 ['甲', '乙']"),
    "bool": ("True or False", "True 或 False"),
    "series": ("a pandas Series", "一个 pandas Series"),
    "frame": ("a pandas DataFrame", "一个 pandas DataFrame"),
    "reflection": ("a short text", "一段简短的文字"),
}


def _unit_name(q) -> str | None:
    from .exercise_bank import UNITS

    if not q.unit:
        return None
    return _t(*UNITS[q.unit]["name"])


def _kind_name(q) -> str:
    """What the question asks for, worded once: the kind, then the unit in brackets."""
    kind = _t(*_KIND_NAMES[q.kind])
    unit = _unit_name(q)
    return _t(f"{kind} ({unit})", f"{kind}（{unit}）") if unit else kind


def _expected_got(q, x, extra: str = "") -> str:
    return _t(f"expected {_kind_name(q)}, got {_describe(x)}{extra}",
              f"应为{_kind_name(q)}，你给的是{_describe(x)}{extra}")


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
        if _is_amount(x):
            return x
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
        raise _WrongType(_expected_got(q, x))
    if isinstance(x, str):
        v = _looks_like_number_text(x)
        if v is not None:
            raise _WrongType(_expected_got(q, x, _t(
                f": write the number itself, without quotes (e.g. answer = {v:.6g}); text "
                f"is never evaluated",
                f"：请直接写数，不加引号（如 answer = {v:.6g}）；文字不会被当作代码执行")))
        raise _WrongType(_expected_got(q, x))
    np = _np()
    if isinstance(x, numbers.Real) or (np is not None and isinstance(x, np.generic)
                                       and not isinstance(x, (np.complexfloating, np.str_))):
        try:
            return float(x)
        except (OverflowError, ValueError, TypeError):
            raise _WrongType(_t(f"expected {_kind_name(q)}, got a number that cannot be "
                                f"compared", f"应为{_kind_name(q)}，你给的数无法比较")) from None
    if isinstance(x, numbers.Complex):
        raise _WrongType(_t(f"expected {_kind_name(q)}, got a complex number",
                            f"应为{_kind_name(q)}，你给的是复数"))
    if _is_amount(x):
        raise _WrongType(_expected_got(q, x, _t(
            ": hand in its number, e.g. amount.value (in base units such as 元), converted "
            "to the unit asked",
            "：请交出其中的数值，如 amount.value（以元等基本单位计），再换算成题目要求的单位")))
    hint = ""
    if _is_series(x) or _is_frame(x) or _is_array(x) or isinstance(x, (list, tuple)):
        hint = _t(": select the one value you need (e.g. with .loc[...] or .iloc[0])",
                  "：请选出所需的那一个值（如用 .loc[...] 或 .iloc[0]）")
    raise _WrongType(_expected_got(q, x, hint))


def _norm_text(s) -> str:
    s = unicodedata.normalize("NFKC", str(s))
    return " ".join(s.split()).casefold()


_ALIASES: dict = {}


def _plain(s: str) -> str:
    """Lower case, without tone marks, spaces, hyphens or apostrophes: 'Chéngdū' -> 'chengdu'."""
    s = "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")
    return "".join(ch for ch in s.casefold() if ch not in " -'’_·")


def _aliases() -> dict:
    """plain form -> canonical id, for every name the course data spells (cities,
    delegates, the two provinces); empty if the data cannot be read."""
    if "map" not in _ALIASES:
        try:
            from .exercise_bank import _data

            _ALIASES["map"] = {_plain(_norm_text(form)): canon
                               for form, canon in _data.name_aliases().items()}
        except Exception:  # without the data, names are compared as written
            return {}
    return _ALIASES["map"]


def _canon(s) -> str:
    """A name in any accepted spelling (成都, 成都市, Chengdu, Chéngdū) -> one form."""
    n = _norm_text(s)
    return _aliases().get(_plain(n), n)


def _norm_item(x):
    x = _unwrap_scalar(x)
    if isinstance(x, str):
        return _canon(x)
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


def _as_collection(x, q, raw: list | None = None):
    if isinstance(x, (str, bytes)):
        brackets = "{…}" if q.kind == "set" else "[…]"
        raise _WrongType(_expected_got(q, x, _t(f": put the items in {brackets}",
                                                f"：请把各项放进 {brackets}")))
    if isinstance(x, dict) or _is_amount(x):
        raise _WrongType(_expected_got(q, x))
    if _is_frame(x):
        if x.shape[1] == 1:
            x = x.iloc[:, 0]
        else:
            raise _WrongType(_expected_got(q, x, _t(": select one column, e.g. df['name']",
                                                    "：请选出一列，如 df['name']")))
    if _is_series(x) or _is_index(x) or _is_array(x):
        x = list(x.tolist() if not _is_array(x) else x.reshape(-1).tolist())
    if isinstance(x, (list, tuple, set, frozenset)):
        items = list(x)
        for it in items:
            if isinstance(it, (list, dict, set)) or _is_frame(it) or _is_series(it):
                raise _WrongType(_t(
                    f"expected {_kind_name(q)}, got a collection that holds {_describe(it)}",
                    f"应为{_kind_name(q)}，你给的集合里含有{_describe(it)}"))
        if raw is not None:  # the items as the learner wrote them, to quote back
            raw.extend(items)
        return [_norm_item(i) for i in items]
    raise _WrongType(_expected_got(q, x))


def _close(a: float, b: float, q, rtol=None) -> bool:
    rtol = q.rtol if rtol is None else rtol
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= max(rtol * abs(b), q.atol)


def _close_printed(a: float, b: float, q, f: float = 1.0) -> bool:
    """True when ``a`` equals ``b`` (the key times a unit factor ``f``) within the
    tolerance, or at the precision the notebook prints (``q.printed`` decimals of the
    key's unit, scaled by ``f``)."""
    if _close(a, b, q):
        return True
    if q.printed is None or not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 0.5 * 10.0 ** (-q.printed) * abs(f) * (1 + 1e-9)


def _decimals_needed(q, key: float) -> int:
    """How many decimals an answer needs: ``q.printed``, else the fewest that fall within
    the question's tolerance."""
    if q.printed is not None:
        return q.printed
    for d in range(-6, 12):
        if _close(round(key, d), key, q):
            return d
    return 12


def _rounded_too_far(q, ans: float, key: float):
    """The decimals ``ans`` is written with, if it is the key rounded to them and that is
    coarser than the question needs; else None."""
    if ans == 0 or key == 0:
        return None
    need = _decimals_needed(q, key)
    d = next((d for d in range(-6, 12) if round(ans, d) == ans), None)
    if d is None or d >= need:
        return None
    r = round(key, d)
    if r != 0 and abs(ans - r) <= 1e-9 * max(1.0, abs(r)):
        return d
    return None


def _places(d: int) -> tuple:
    """'2 decimal places' / 'the nearest whole number' / 'the nearest 100', (en, zh)."""
    if d > 0:
        return (f"{d} decimal place{'s' if d != 1 else ''}", f"{d}位小数")
    if d == 0:
        return ("the nearest whole number", "整数")
    return (f"the nearest {10 ** -d:,}", f"{10 ** -d}的整数倍")


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
            return Feedback(q.id, "misconception", _mistake(q, m), _hint(q))
        for f, why in factors.items():
            if compare(ans, wrong, f):
                return Feedback(q.id, "misconception",
                                _mistake(q, m) + _t(f" Also, the unit looks off: {why[0]}",
                                                    f" 另外，单位似乎也不对：{why[1]}"), _hint(q))
    return None


def _hint(q, i: int = 0) -> str:
    # the question's own texts come in the current language from the bank's translations
    from .exercise_bank.translation import hint

    return hint(q, i)


def _mistake(q, m) -> str:
    from .exercise_bank.translation import misconception_message

    return misconception_message(q, m)


def _grade_number(q, answer, key):
    integer = q.kind == "integer"
    if integer and (_is_frame(answer) or _is_series(answer) or
                    isinstance(answer, (list, tuple, set, dict))) and not _is_amount(answer):
        try:
            n = len(answer)
        except Exception:
            n = None
        if n is not None and n != 1:
            extra = (_t(": its length is the expected count, so use len(...)",
                        "：它的长度就是所求的个数，请用 len(...)") if n == key else
                     _t("; count with len(...) or .sum()", "；请用 len(...) 或 .sum() 计数"))
            return Feedback(q.id, "wrong_type", _expected_got(q, answer, extra), _hint(q))
    ans = _as_number(answer, q)
    key = float(key)
    if math.isnan(ans):
        return Feedback(q.id, "wrong", _t(
            "your answer is NaN (not a number): a missing value or a failed selection crept "
            "into the calculation.", "你的答案是 NaN（不是数）：计算中混入了缺失值，或某次筛选没有选中数据。"),
            _hint(q))
    if math.isinf(ans):
        return Feedback(q.id, "wrong", _t("your answer is infinite: did you divide by zero?",
                                          "你的答案是无穷大：是不是除以了零？"), _hint(q))
    if integer:
        if ans != int(ans):
            if _close(ans, key, q):
                return Feedback(q.id, "correct", _t(
                    f"{_fmt(ans)} is right (a whole number is asked; {int(round(ans))} is "
                    f"tidier).", f"{_fmt(ans)} 正确（题目要的是整数，写成 {int(round(ans))} 更整洁）。"))
            return Feedback(q.id, "wrong", _t(
                f"{_fmt(ans)} is not a whole number; expected {_kind_name(q)}.",
                f"{_fmt(ans)} 不是整数；应为{_kind_name(q)}。"), _hint(q))
        if int(ans) == int(key):
            return Feedback(q.id, "correct", _t(f"{int(ans)} is right.", f"{int(ans)} 正确。"))
    elif _close(ans, key, q):
        return Feedback(q.id, "correct", _t(f"{_fmt(ans)} is right.", f"{_fmt(ans)} 正确。"))
    elif _close_printed(ans, key, q):
        p = _places(q.printed)
        return Feedback(q.id, "correct", _t(
            f"{_fmt(ans)} is right at the precision the notebook prints ({p[0]}).",
            f"{_fmt(ans)} 正确，与 notebook 显示的精度一致（{p[1]}）。"))

    def cmp(a, wrong, f):
        try:
            return _close_printed(a, float(wrong) * f, q, f)
        except (TypeError, ValueError, OverflowError):
            return False

    fb = _misconception_fb(q, ans, cmp)
    if fb is not None:
        return fb
    from .exercise_bank import UNITS

    if q.unit and key != 0:
        for f, why in UNITS[q.unit]["factors"].items():
            if _close_printed(ans, key * f, q, f):
                en = f"{f:g} ×" if f >= 1 else f"1/{1 / f:g} of"
                zh = f"{f:g} 倍" if f >= 1 else f"1/{1 / f:g}"
                return Feedback(q.id, "unit_factor", _t(
                    f"your answer is {en} the expected: {why[0]}",
                    f"你的答案是正确值的 {zh}：{why[1]}"), _hint(q))
    if not integer:
        d = _rounded_too_far(q, ans, key)
        if d is not None:
            keep, got = _places(_decimals_needed(q, key)), _places(d)
            return Feedback(q.id, "rounded", _t(
                f"{_fmt(ans)} is the right value rounded to {got[0]}, which is too coarse "
                f"to check: give it to {keep[0]}, as the notebook prints it.",
                f"{_fmt(ans)} 是正确值舍入到{got[1]}的结果，舍入过多，无法判断：请像 notebook "
                f"中那样保留到{keep[1]}。"),
                _hint(q))
    if key != 0 and _close_printed(ans, -key, q):
        return Feedback(q.id, "wrong", _t("the size is right but the sign is reversed.",
                                          "大小对了，但正负号反了。"), _hint(q))
    higher = ans > key
    return Feedback(q.id, "wrong", _t(
        f"not the expected value (yours, {_fmt(ans)}, is {'higher' if higher else 'lower'} "
        f"than the key).", f"与正确值不符（你的 {_fmt(ans)} {'偏大' if higher else '偏小'}）。"),
        _hint(q))


def _grade_bool(q, answer, key):
    x = _unwrap_scalar(_unwrap_one(answer))
    if isinstance(x, str):
        raise _WrongType(_expected_got(q, x, _t(": write True or False without quotes",
                                                "：请写 True 或 False，不加引号")))
    if not isinstance(x, bool):
        raise _WrongType(_expected_got(q, x))
    if x == bool(key):
        return Feedback(q.id, "correct", _t(f"{x} is right.", f"{x} 正确。"))
    fb = _misconception_fb(q, x, lambda a, w, f: f == 1.0 and a == bool(w))
    return fb if fb is not None else Feedback(q.id, "wrong", _t(f"{x} is not right.",
                                                                f"{x} 不对。"), _hint(q))


def _accepted(key) -> set:
    """Every accepted spelling of a text key, in canonical form."""
    if isinstance(key, (list, tuple, set, frozenset)):
        return {_canon(k) for k in key}
    return {_canon(key)}


def _grade_string(q, answer, key):
    x = _unwrap_scalar(_unwrap_one(answer))
    if not isinstance(x, str):
        raise _WrongType(_expected_got(q, x, _t(": put the name in quotes, e.g. answer = '…'",
                                                "：请把名称放在引号里，如 answer = '…'")))
    got = _canon(x)
    if not got:
        raise _Unanswered()
    if got in _accepted(key):
        return Feedback(q.id, "correct", _t(f"{x.strip()!r} is right.", f"{x.strip()!r} 正确。"))

    def cmp(a, wrong, f):
        return f == 1.0 and _canon(a) in _accepted(wrong)

    fb = _misconception_fb(q, x, cmp)
    if fb is not None:
        return fb
    return Feedback(q.id, "wrong", _t(f"{x.strip()!r} is not the expected answer.",
                                      f"{x.strip()!r} 不是正确答案。"), _hint(q))


def _grade_collection(q, answer, key):
    written: list = []
    items = _as_collection(answer, q, written)
    want = [_norm_item(k) for k in key]
    if q.kind == "set":
        same = set(items) == set(want)
    else:
        same = items == want
    if same:
        return Feedback(q.id, "correct", _t(f"all {len(want)} items are right.",
                                            f"{len(want)} 项全部正确。"))

    def cmp(a, wrong, f):
        if f != 1.0:
            return False
        w = [_norm_item(k) for k in wrong]
        return set(a) == set(w) if q.kind == "set" else a == w

    fb = _misconception_fb(q, items, cmp)
    if fb is not None:
        return fb
    if q.kind == "list" and sorted(map(str, items)) == sorted(map(str, want)):
        return Feedback(q.id, "wrong", _t("the right items, in the wrong order.",
                                          "各项都对，但顺序不对。"), _hint(q))
    right = len(set(items) & set(want))
    as_written = {}
    for norm, item in zip(items, written):
        as_written.setdefault(norm, str(_unwrap_scalar(item)).strip())
    extra = sorted(as_written[i] for i in set(items) - set(want))
    msg = _t(f"{right} of the {len(set(want))} expected items are there",
             f"应有 {len(set(want))} 项，你答对了 {right} 项")
    if extra:
        shown = ", ".join(extra[:5]) + (" …" if len(extra) > 5 else "")
        msg += _t(f"; not expected: {shown}", f"；多出的项：{shown}")
    return Feedback(q.id, "wrong", msg + _t(".", "。"), _hint(q))


def _as_series(x, q):
    pd = _pd()
    if isinstance(x, dict) and pd is not None:
        return pd.Series(x)
    if _is_frame(x) and x.shape[1] == 1:
        return x.iloc[:, 0]
    if _is_series(x):
        return x
    raise _WrongType(_expected_got(q, x))


def _label_map(s) -> dict:
    return {_norm_item(k) if not isinstance(k, tuple) else tuple(map(_norm_item, k)): v
            for k, v in s.items()}


def _values_close(a, b, q, f=1.0) -> bool:
    if isinstance(b, numbers.Real) and not isinstance(b, bool):
        try:
            return _close_printed(float(a), float(b) * f, q, f)
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
    return _grade_maps(q, got, want, _t("label", "标签"))


def _grade_frame(q, answer, key):
    if not _is_frame(answer):
        raise _WrongType(_expected_got(q, answer))
    cols_got = {_norm_item(c) for c in answer.columns}
    cols_want = {_norm_item(c) for c in key.columns}
    if cols_got != cols_want:
        miss = sorted(map(str, cols_want - cols_got))
        extra = sorted(map(str, cols_got - cols_want))
        msg = _t("the columns differ", "列不一致")
        if miss:
            msg += _t(f"; missing: {', '.join(miss)}", f"；缺少：{', '.join(miss)}")
        if extra:
            msg += _t(f"; not expected: {', '.join(extra)}", f"；多出：{', '.join(extra)}")
        return Feedback(q.id, "wrong", msg + _t(".", "。"), _hint(q))

    def flat(df):
        out = {}
        for c in df.columns:
            for k, v in df[c].items():
                out[(_norm_item(k), _norm_item(c))] = v
        return out

    return _grade_maps(q, flat(answer), flat(key), _t("cell", "单元格"))


def _grade_maps(q, got, want, what):
    missing, extra, diff = _compare_maps(got, want, q)
    if not (missing or extra or diff):
        return Feedback(q.id, "correct", _t(f"all {len(want)} {what}s and values are right.",
                                            f"{len(want)} 个{what}及其数值全部正确。"))
    for m in q.misconceptions:
        try:
            wrong = m.compute()
            wmap = _label_map(wrong) if _is_series(wrong) else (
                {(_norm_item(k), _norm_item(c)): v for c in wrong.columns
                 for k, v in wrong[c].items()} if _is_frame(wrong) else None)
        except Exception:
            continue
        if wmap is not None and not any(_compare_maps(got, wmap, q)):
            return Feedback(q.id, "misconception", _mistake(q, m), _hint(q))
    if missing or extra:
        msg = _t(f"the {what}s differ", f"{what}不一致")
        if missing:
            msg += _t(f"; {len(missing)} expected {what}(s) missing", f"；缺少 {len(missing)} 个{what}")
        if extra:
            shown = ", ".join(map(str, extra[:5]))
            msg += _t(f"; not expected: {shown}", f"；多出：{shown}")
        return Feedback(q.id, "wrong", msg + _t(".", "。"), _hint(q))
    from .exercise_bank import UNITS

    if q.unit:
        for f, why in UNITS[q.unit]["factors"].items():
            if not any(_compare_maps(got, want, q, f)):
                en = f"{f:g} ×" if f >= 1 else f"1/{1 / f:g} of"
                zh = f"{f:g} 倍" if f >= 1 else f"1/{1 / f:g}"
                return Feedback(q.id, "unit_factor", _t(
                    f"your values are {en} the expected: {why[0]}",
                    f"你的数值是正确值的 {zh}：{why[1]}"), _hint(q))
    shown = ", ".join(map(str, diff[:3])) + (" …" if len(diff) > 3 else "")
    return Feedback(q.id, "wrong", _t(
        f"the {what}s are right, but {len(diff)} value(s) differ (at {shown}).",
        f"{what}都对，但有 {len(diff)} 个数值不同（在 {shown}）。"), _hint(q))


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def text_length(text: str) -> tuple[int, int]:
    """``(characters, words)`` of a written answer: Chinese is counted in characters
    (汉字), English in words (runs of Latin letters or digits); punctuation in neither.

    >>> text_length("成渝双城 grew fast in 2023.")
    (4, 4)
    """
    import re

    t = unicodedata.normalize("NFKC", str(text))
    chars = len(re.findall(f"[{_HAN}]", t))
    words = len(re.findall(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*", t))
    return chars, words


def _length_words(chars: int, words: int) -> str:
    parts = []
    if chars:
        parts.append(_t(f"{chars} character{'s' if chars != 1 else ''}", f"{chars} 个字"))
    if words or not chars:
        parts.append(_t(f"{words} word{'s' if words != 1 else ''}", f"{words} 个英文词"))
    return _t(" and ", "、").join(parts)


def _grade_reflection(q, answer):
    x = _unwrap_one(answer)
    if not isinstance(x, str):
        raise _WrongType(_expected_got(q, x, _t(
            ': write your answer in quotes, e.g. answer = "…"',
            '：请把答案写在引号里，如 answer = "…"')))
    if not x.strip():
        raise _Unanswered()
    size = _length_words(*text_length(x))
    return Feedback(q.id, "reflection", _t(
        f"thank you: your answer ({size}) is not graded automatically. Compare it with the "
        "model answer in the solutions, or discuss it in class.",
        f"谢谢：你的答案（{size}）不自动评分。请与参考答案对照，或在课堂上讨论。"))


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
                      _t(f"could not check this answer: {type(err).__name__}: {err}",
                         f"无法检查这个答案：{type(err).__name__}: {err}"),
                      _t("Tell your teacher; your answer may still be right.",
                         "请告诉老师；你的答案可能是对的。"))
    if record and fb.status in _RANK:
        _record(fb)
    return fb


def _check(question_id, answer) -> Feedback:
    from . import exercise_bank as bank

    if not isinstance(question_id, str):
        return Feedback(repr(question_id)[:40], "unknown",
                        _t(f"the question id must be text like '02.cagr', got "
                           f"{_describe(question_id)}.",
                           f"题号应是 '02.cagr' 这样的文字，你给的是{_describe(question_id)}。"))
    qid = unicodedata.normalize("NFKC", question_id).strip()
    try:
        q = bank.question(qid)
    except KeyError:
        set_id = qid.split(".", 1)[0]
        if set_id in bank.set_ids():
            ids = ", ".join(x.id for x in bank.questions(set_id))
            msg = _t(f"there is no question {qid!r} in set {set_id}; its questions are: "
                     f"{ids}.", f"第 {set_id} 组没有题目 {qid!r}；该组的题号是：{ids}。")
        else:
            sets = ", ".join(bank.set_ids())
            msg = _t(f"there is no question {qid!r}; question ids start with a set number: "
                     f"{sets} (e.g. '02.cagr').",
                     f"没有题目 {qid!r}；题号以练习组编号开头：{sets}（如 '02.cagr'）。")
        return Feedback(qid, "unknown", msg)
    if _is_unanswered(answer):
        return _unanswered(q)
    try:
        if q.kind == "reflection":
            return _grade_reflection(q, answer)
        # Each kind has one grader, given the key; a mode that grades differently (e.g. an
        # assessed question with no key: check type and shape only) branches here.
        try:
            key = q.key()
        except Exception as err:
            return Feedback(q.id, "error", _t(
                f"could not check this answer: computing the key failed "
                f"({type(err).__name__}: {err}).",
                f"无法检查这个答案：计算标准答案时出错（{type(err).__name__}: {err}）。"),
                _t("Check that the course data is installed; tell your teacher.",
                   "请确认课程数据已安装，并告诉老师。"))
        return _GRADERS[q.kind](q, answer, key)
    except _Unanswered:
        return _unanswered(q)
    except _WrongType as err:
        return Feedback(q.id, "wrong_type", str(err), _hint(q))


def _unanswered(q) -> Feedback:
    if q.kind == "reflection":
        msg = _t("Write your answer as text in quotes, then run this cell again.",
                 "请把答案写成引号里的文字，然后再运行这个单元格。")
    else:
        msg = _t("Replace `...` with your answer, then run this cell again.",
                 "请把 `...` 换成你的答案，然后再运行这个单元格。")
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
        df.attrs["note"] = _t("recording is off (CHENGYU_PROGRESS=off): nothing is saved",
                              "记录已关闭（CHENGYU_PROGRESS=off）：不保存任何结果")
    elif str(path) in _UNSAVED:
        why = _UNSAVED[str(path)]
        df.attrs["note"] = _t(f"progress could not be saved to {path} ({why}): rows with "
                              f"saved=False are from this session only",
                              f"进度无法保存到 {path}（{why}）：saved=False 的行只属于本次会话")
    else:
        df.attrs["note"] = _t(f"progress is stored in {path}", f"进度保存在 {path}")
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
