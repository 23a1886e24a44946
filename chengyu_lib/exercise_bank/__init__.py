"""The question bank of the course exercises: one module per exercise set, named like
its notebook (``ch00_start_here`` … ``ch11_capstone``).

Each module defines ``SET`` (metadata) and ``QUESTIONS`` (a list of :class:`Question`).
The bank is the single source of the exercise notebooks: ``scripts/build_exercises.py``
writes ``exercises/NN_<name>.ipynb`` (learner) and ``exercises/solutions/NN_<name>.ipynb``
(solutions) from it, and :func:`chengyu_lib.exercises.check` grades against it.

How a question is written
-------------------------
- ``expected`` is a *callable* that computes the key from the course data or the library
  (so a key never drifts from ``data/``), or a literal only for pure arithmetic on toy
  numbers given in the prompt.
- ``solution`` is the code of the solution cell, stored as a string: the generator prints
  it verbatim into the solution notebook, and ``tests/test_exercises.py`` runs it in a
  fresh namespace (``{"cy": chengyu_lib}``) and checks the resulting ``answer`` with
  ``check``. It uses only ``cy`` functions (no helper code defined in cells).
- each :class:`Misconception` computes the wrong answer a learner typically gets, so the
  checker can name the mistake when the learner's answer equals it.

>>> from chengyu_lib.exercise_bank import set_ids, get_set
>>> set_ids()
['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11']
>>> get_set("04")["SET"]["notebook"]
'04_industrial_overlap'
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Callable

__all__ = ["Question", "Misconception", "KINDS", "UNITS", "set_ids", "get_set", "questions",
           "question"]

#: answer kinds the checker understands ('list' is ordered, 'set' is not)
KINDS = ("number", "integer", "string", "set", "list", "bool", "series", "frame", "reflection")

#: units the checker knows: how to name them, and which wrong factors to detect, each
#: worded (English, Chinese). Factor f means "the learner's answer is f × the key"; the
#: message explains why. A name is what goes in brackets after the kind ("a number (…)").
UNITS: dict[str, dict] = {
    "fraction": {
        "name": ("a fraction: 0.05 for 5%", "小数形式的比例：5% 写作 0.05"),
        "factors": {100.0: ("did you give percent where a fraction was asked? "
                            "(5% is written 0.05)",
                            "题目要小数形式的比例，你是不是给了百分数？（5% 写作 0.05）"),
                    0.01: ("did you divide by 100 once too often? (5% is written 0.05)",
                           "是不是多除了一次 100？（5% 写作 0.05）")},
    },
    "percent": {
        "name": ("in percent: 5.0 for 5%", "百分数的数值：5% 写作 5.0"),
        "factors": {0.01: ("did you give a fraction where percent was asked? "
                           "(5% is written 5.0 here)",
                           "题目要百分数的数值，你是不是给了小数？（这里 5% 写作 5.0）")},
    },
    "亿元": {
        "name": ("in 亿元: 1 亿元 = 10^8 元", "单位为亿元：1 亿元 = 10^8 元"),
        "factors": {1e8: ("did you give 元 where 亿元 was asked? (1 亿元 = 10^8 元)",
                          "题目要亿元，你是不是给了元？（1 亿元 = 10^8 元）"),
                    1e4: ("did you give 万元 where 亿元 was asked? (1 亿元 = 10^4 万元)",
                          "题目要亿元，你是不是给了万元？（1 亿元 = 10^4 万元）"),
                    1e-4: ("did you give 万亿元 where 亿元 was asked? (1 万亿元 = 10^4 亿元)",
                           "题目要亿元，你是不是给了万亿元？（1 万亿元 = 10^4 亿元）")},
    },
    "万亿元": {
        "name": ("in 万亿元: 1 万亿元 = 10^4 亿元 = 10^12 元",
                 "单位为万亿元：1 万亿元 = 10^4 亿元 = 10^12 元"),
        "factors": {1e4: ("did you give 亿元 where 万亿元 was asked? (1 万亿元 = 10^4 亿元)",
                          "题目要万亿元，你是不是给了亿元？（1 万亿元 = 10^4 亿元）"),
                    1e12: ("did you give 元 where 万亿元 was asked? (1 万亿元 = 10^12 元)",
                           "题目要万亿元，你是不是给了元？（1 万亿元 = 10^12 元）"),
                    1e8: ("did you give 万元 where 万亿元 was asked? (1 万亿元 = 10^8 万元)",
                          "题目要万亿元，你是不是给了万元？（1 万亿元 = 10^8 万元）")},
    },
    "万人": {
        "name": ("in 万人: 1 万人 = 10,000 people", "单位为万人：1 万人 = 10,000 人"),
        "factors": {1e4: ("did you give persons where 万人 was asked? (1 万人 = 10^4 人)",
                          "题目要万人，你是不是给了人？（1 万人 = 10^4 人）")},
    },
    "km": {
        "name": ("in kilometres", "单位为千米"),
        "factors": {1000.0: ("did you give metres where kilometres were asked?",
                             "题目要千米，你是不是给了米？")},
    },
    "ratio": {"name": ("a ratio, no unit", "比值，无单位"), "factors": {}},
    "count": {"name": ("a count", "个数"), "factors": {}},
    "year": {"name": ("a year such as 2021", "年份，如 2021"), "factors": {}},
    "index": {"name": ("an index value, no unit", "指数值，无单位"), "factors": {}},
}


@dataclass(frozen=True)
class Misconception:
    """A named mistake: ``compute()`` returns the answer a learner who makes it gets."""
    name: str
    compute: Callable[[], Any]
    message: str


@dataclass(frozen=True)
class Question:
    """One exercise question (see the module docstring)."""
    id: str
    title: str                      # short title, English · 中文
    prompt: str                     # Markdown, English with Chinese terms
    starter: str                    # code of the learner's answer cell (ends with answer = ...)
    solution: str                   # code of the solution cell (sets `answer`)
    kind: str = "number"
    expected: Any = None            # callable () -> key, or a literal (toy arithmetic only)
    unit: str | None = None
    rtol: float = 1e-3
    atol: float = 1e-9
    misconceptions: tuple = ()
    hints: tuple = ()
    model_answer: str = ""          # Markdown, for reflections (and optional notes)
    printed: int | None = None      # decimals the notebook prints: an answer equal to the
                                    # key at this precision is correct, a coarser one is
                                    # "rounded too far"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r} for {self.id}")
        if self.unit is not None and self.unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, got {self.unit!r} "
                             f"for {self.id}")
        if self.printed is not None and (not isinstance(self.printed, int)
                                         or self.kind not in ("number", "series", "frame")):
            raise ValueError(f"printed must be an int on a number, series or frame question, "
                             f"got {self.printed!r} on {self.kind} question {self.id}")
        if "answer" not in self.starter or "answer" not in self.solution:
            raise ValueError(f"starter and solution of {self.id} must assign `answer`")

    @property
    def set_id(self) -> str:
        return self.id.split(".", 1)[0]

    def key(self):
        """The expected answer (computed, then cached for the session)."""
        cache = _KEYS
        if self.id not in cache:
            cache[self.id] = self.expected() if callable(self.expected) else self.expected
        return cache[self.id]


_KEYS: dict[str, Any] = {}
_SET_IDS = ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]


def set_ids() -> list[str]:
    """Ids of the exercise sets, in course order."""
    return list(_SET_IDS)


def _module(set_id: str) -> str:
    """The bank module of a set: ``chNN_<notebook slug>``, named like its notebook."""
    found = sorted(Path(__file__).parent.glob(f"ch{set_id}_*.py"))
    if len(found) != 1:
        raise ImportError(f"exercise set {set_id}: expected one module ch{set_id}_*.py, "
                          f"found {len(found)}")
    return found[0].stem


def get_set(set_id: str) -> dict:
    """``{"SET": metadata, "QUESTIONS": [Question, ...]}`` of one set."""
    if set_id not in _SET_IDS:
        raise ValueError(f"set_id must be one of {_SET_IDS}, got {set_id!r}")
    mod = import_module(f"{__name__}.{_module(set_id)}")
    return {"SET": mod.SET, "QUESTIONS": list(mod.QUESTIONS)}


def questions(set_id: str | None = None) -> list[Question]:
    """Every question of one set (or of all sets), in order."""
    ids = _SET_IDS if set_id is None else [set_id]
    return [q for s in ids for q in get_set(s)["QUESTIONS"]]


def question(question_id: str) -> Question:
    """One question by id, e.g. ``'02.cagr'``; ``KeyError`` if unknown."""
    set_id = question_id.split(".", 1)[0]
    if set_id in _SET_IDS:
        for q in get_set(set_id)["QUESTIONS"]:
            if q.id == question_id:
                return q
    raise KeyError(question_id)
