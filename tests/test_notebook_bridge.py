"""Every step an exercise solution needs is shown in its notebook.

For each exercise set, the solution code of every question (``Question.solution`` in
``chengyu_lib/exercise_bank``) is parsed with ``ast``, and three kinds of step are collected:

- library calls ``cy.<module>.<function>`` (e.g. ``cy.spatial.interaction_table``);
- methods and accessors used on objects (``.query``, ``.item``, ``.isin``, ``.loc``,
  ``.plot`` …; the name is what counts, not the object);
- column filters: a column compared with ``==``, ``<`` … or tested with ``.isin``, either as
  ``df["boundary"] == ...`` or inside a ``.query("boundary == 'whole'")`` string.

Each of them must also occur in the code cells of the set's notebook, so a learner can
answer every question from the notebook alone. A step that is deliberately not shown goes
in ``EXCEPTIONS`` with the reason.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from chengyu_lib.exercise_bank import get_set, set_ids

ROOT = Path(__file__).resolve().parent.parent

#: attributes that are pandas steps even when not called (accessors and labels)
ACCESSORS = {"loc", "iloc", "at", "iat", "str", "dt", "plot", "index", "columns", "values"}

#: steps of a solution that its notebook need not show: set id -> {step: reason}
EXCEPTIONS: dict[str, dict[str, str]] = {
    # none at present: every step of every solution is shown in its notebook
}


def _chain(node) -> list[str] | None:
    """``a.b.c`` as ["a", "b", "c"]; None when the chain does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id] + parts[::-1]
    return None


def _query_columns(text: str) -> set[str]:
    """The column names compared inside a ``DataFrame.query`` string."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:  # query syntax that is not Python (e.g. backticks): fall back
        return set(re.findall(r"([A-Za-z_]\w*)\s*(?:==|!=|<=|>=|<|>|\bin\b)", text))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Name):
                    found.add(side.id)
    return found


def steps(code: str) -> set[str]:
    """The library calls, methods and column filters ``code`` uses (see the module doc).

    >>> sorted(steps('x = cy.spatial.gravity(1, 1, 2)\\n'
    ...              'd = t.query("boundary == \\'whole\\'")\\n'
    ...              'v = d[d["year"] == 2023]["value"].item()'))
    ['cy.spatial.gravity', 'filter:boundary', 'filter:year', 'method:item', 'method:query']
    """
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Attribute):
            chain = _chain(node)
            if chain and chain[0] == "cy":
                if len(chain) >= 3:
                    found.add(".".join(chain[:3]))
                continue
            if node.attr in ACCESSORS:
                found.add(f"method:{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            chain = _chain(node.func)
            if chain and chain[0] == "cy":
                continue
            found.add(f"method:{node.func.attr}")
            target = node.func.value      # df["col"].isin([...]) filters on col
            if node.func.attr == "isin" and isinstance(target, ast.Subscript) and \
                    isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
                found.add(f"filter:{target.slice.value}")
            if node.func.attr == "query" and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found |= {f"filter:{c}" for c in _query_columns(node.args[0].value)}
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Subscript) and isinstance(side.slice, ast.Constant) \
                        and isinstance(side.slice.value, str):
                    found.add(f"filter:{side.slice.value}")
    return found


def notebook_steps(path: Path) -> set[str]:
    """The steps of every code cell of a notebook (cells with magics are read without them)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        lines = "".join(cell["source"]).splitlines()
        code = "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))
        found |= steps(code)
    return found


def solution_steps(set_id: str) -> dict[str, set[str]]:
    """question id -> the steps of its solution."""
    return {q.id: steps(q.solution) for q in get_set(set_id)["QUESTIONS"]}


@pytest.mark.parametrize("set_id", set_ids())
def test_every_solution_step_is_shown_in_the_notebook(set_id):
    notebook = ROOT / "notebooks" / f"{get_set(set_id)['SET']['notebook']}.ipynb"
    shown = notebook_steps(notebook)
    allowed = EXCEPTIONS.get(set_id, {})
    missing = {qid: sorted(s - shown - set(allowed)) for qid, s in solution_steps(set_id).items()}
    missing = {qid: s for qid, s in missing.items() if s}
    assert not missing, (f"{notebook.name} never shows these steps its exercises need "
                         f"(show them in a worked cell, or list them in EXCEPTIONS with a "
                         f"reason): {missing}")


def test_exceptions_are_still_needed():
    """An exception whose step the solutions no longer use, or the notebook now shows, goes."""
    for set_id, allowed in EXCEPTIONS.items():
        used = set().union(*solution_steps(set_id).values())
        notebook = ROOT / "notebooks" / f"{get_set(set_id)['SET']['notebook']}.ipynb"
        shown = notebook_steps(notebook)
        for step in allowed:
            assert step in used and step not in shown, f"{set_id}: drop exception {step!r}"


def test_the_parser_sees_every_kind_of_step():
    """Control: the walk finds what the check relies on, and would flag a missing step."""
    code = ('gdp = ce.query("year == 2023 and indicator == \'gdp\' and boundary == \'whole\'")\n'
            'gdp = gdp[gdp["city_id"].isin(ids)].set_index("city_id")["value"]\n'
            'pairs = cy.spatial.interaction_table(table, mass="gdp", beta=2)\n'
            'ax = pairs.head(10).plot.barh(x="city_j", y="interaction")\n'
            'answer = {pairs.loc[0, "city_i"], pairs.loc[0, "city_j"]}')
    found = steps(code)
    assert {"cy.spatial.interaction_table", "filter:year", "filter:indicator",
            "filter:boundary", "filter:city_id", "method:isin", "method:set_index",
            "method:head", "method:plot", "method:barh", "method:loc"} <= found
    shown = steps('pairs = cy.widgets.corridor_view(inputs, 308).pairs')
    assert "cy.spatial.interaction_table" in found - shown
