"""Build the student copies of chosen exercise sets or single questions.

    python3 course.py release --sets 02 --mode practice --out release-02
    python3 course.py release --questions 02.cagr,02.required --mode assessed --out quiz-1
    python -m chengyu_lib.classroom release ...        (the same, inside the environment)

``--out`` must be a new or empty folder. It receives

``exercises/NN_<name>.ipynb``
    one notebook per set: only the chosen questions, numbered 1, 2, … in the order of the
    bank, with the counts in the title cell recomputed; the answer cells hold the starter
    code (never a solution); every answer and check cell carries the metadata
    ``{"chengyu": {"question": id, "role": "answer"|"check"}}`` that ``grade`` reads.
``chengyu_lib-<version>-py3-none-any.whl``
    the library as students install it (``pip install <wheel>``), with the course data.
    In *practice* mode it is the full library: ``check`` gives instant feedback.
    In *assessed* mode its exercise bank is replaced by stubs holding, for the released
    questions only, ids, titles, prompts, starters, kinds, units and shapes (index labels of
    Series and DataFrame answers): no key, no misconception, no hint, no solution, and no
    question of any other set. ``check`` then only confirms type and shape, records the
    attempt and says that the teacher will mark it.
``README.md``
    what to install, what to do and what to hand in (in the course language).
``release.json``
    mode, sets and question ids, the wheel's file name (no keys).

In assessed mode the finished folder (notebooks and every file in the wheel) is then
searched for the key and misconception values, solution lines, hints and model answers of
the released questions (:func:`find_keys`); every hit is returned in ``key_hits`` and
printed by the command (never written into the folder the students receive).

Before writing, every chosen starter is run (teacher side) and each value it leaves behind
is checked against every question of its set: a starter that already computes an answer
stops the release (:func:`starter_leaks`).
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from .. import language

__all__ = ["MODES", "select", "build_notebook", "assessed_module", "starter_leaks",
           "build_wheel", "key_needles", "find_keys", "data_text", "release"]

MODES = ("practice", "assessed")

SETUP = "import chengyu_lib as cy\nfrom chengyu_lib.exercises import check"


def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()[:40]


def select(sets=None, questions=None) -> dict:
    """``{set_id: [Question, ...]}`` for whole sets and/or single question ids (bank order).

    >>> [q.id for q in select(questions=["02.required", "02.cagr"])["02"]]
    ['02.cagr', '02.required']
    >>> select(sets=["99"])
    Traceback (most recent call last):
    ...
    ValueError: sets: unknown set '99'; known: 00, 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11
    """
    from .. import exercise_bank as bank

    sets = [str(s).strip() for s in (sets or []) if str(s).strip()]
    questions = [str(q).strip() for q in (questions or []) if str(q).strip()]
    if not sets and not questions:
        raise ValueError("sets/questions: choose at least one set (e.g. --sets 02) or "
                         "question (e.g. --questions 02.cagr)")
    chosen: dict[str, set] = {}
    for s in sets:
        if s not in bank.set_ids():
            raise ValueError(f"sets: unknown set {s!r}; known: {', '.join(bank.set_ids())}")
        chosen.setdefault(s, set()).update(q.id for q in bank.questions(s))
    for qid in questions:
        try:
            q = bank.question(qid)
        except KeyError:
            raise ValueError(f"questions: unknown question id {qid!r} (ids look like "
                             f"'02.cagr'; see cy.exercises.questions())") from None
        chosen.setdefault(q.set_id, set()).add(q.id)
    return {s: [q for q in bank.questions(s) if q.id in chosen[s]]
            for s in bank.set_ids() if s in chosen}


def _how_to(mode: str) -> str:
    if mode == "assessed":
        return language.text(
            "**How it works (assessed).** Each question has an *answer cell*: replace `...` "
            "with code that computes the answer and run it, then run the `check(...)` cell "
            "below it. Here `check` only confirms that your answer has the right type and "
            "shape and records it: **your teacher marks the answers** after you hand in "
            "this notebook. Keep the cells in place (do not delete or merge them); rates "
            "are fractions (0.05 for 5%) unless a question says otherwise.",
            "**作答方式（计分作业）**：每道题有一个*答题单元格*：把 `...` 换成计算答案的代码并运行，"
            "再运行下面的 `check(...)` 单元格。本次 `check` 只确认答案的类型和形式是否正确并记录下来，"
            "**由老师在你提交后批改**。请保留各单元格的位置（不要删除或合并）；除题目另有说明外，"
            "增长率一律写成小数（5% 写作 0.05）。")
    return language.text(
        "**How it works.** Each question has an *answer cell*: replace `...` with code that "
        "computes the answer, run it, then run the `check(...)` cell below it; `check` "
        "answers at once (correct, a known mistake by name, a wrong unit or type, or a "
        "hint). Rates are fractions (0.05 for 5%) unless a question says otherwise.",
        "**作答方式**：每道题有一个*答题单元格*：把 `...` 换成计算答案的代码并运行，再运行下面的 "
        "`check(...)` 单元格，立即得到反馈（正确、常见误区、单位或类型不对，或提示）。除题目另有"
        "说明外，增长率一律写成小数（5% 写作 0.05）。")


def build_notebook(set_id: str, qs: list, mode: str):
    """The student notebook of one set with the questions ``qs``, renumbered from 1."""
    import nbformat

    from .. import exercise_bank as bank

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    nbf = nbformat.v4
    meta = bank.get_set(set_id)["SET"]
    n_written = sum(q.kind == "reflection" for q in qs)
    cells = []

    def add(cell, cid, **md):
        cell.id = cid
        if md:
            cell.metadata["chengyu"] = md
        cells.append(cell)

    kind = language.text("Exercises", "练习") if mode == "practice" else \
        language.text("Assessed exercises", "计分作业")
    counts = language.text(
        f"**Questions** {len(qs)} ({len(qs) - n_written} checked, {n_written} written)",
        f"**题数** {len(qs)}（{len(qs) - n_written} 道自动检查，{n_written} 道书面作答）")
    goes = language.text(f"**Goes with** `notebooks/{meta['notebook']}.ipynb`",
                         f"**配套笔记本** `notebooks/{meta['notebook']}.ipynb`")
    head = [f"# {kind} {meta['id']} · {meta['title_en']} · {meta['title_zh']}", "",
            f"{goes} · {counts}", "", meta["intro"], "", _how_to(mode)]
    add(nbf.new_markdown_cell("\n".join(head)), "title")
    add(nbf.new_code_cell(SETUP), "setup")
    for i, q in enumerate(qs, start=1):
        tag = f"q{i}-{_slug(q.id.split('.', 1)[1])}"
        note = language.text(" · ✎ written answer", " · ✎ 书面作答") \
            if q.kind == "reflection" else ""
        add(nbf.new_markdown_cell(f"## {i} · {q.title}\n\n`{q.id}`{note}\n\n{q.prompt}"),
            f"{tag}-prompt")
        add(nbf.new_code_cell(q.starter), f"{tag}-answer", question=q.id, role="answer")
        add(nbf.new_code_cell(f'check("{q.id}", answer)'), f"{tag}-check", question=q.id,
            role="check")
    if mode == "assessed":
        end = language.text(
            "## Handing in\n\nSave this notebook (it keeps your code) and hand in the "
            "`.ipynb` file as your teacher asked. Your teacher re-runs it from the top in a "
            "fresh kernel: make sure it runs top to bottom (*Kernel → Restart Kernel and Run "
            "All Cells*).",
            "## 提交\n\n保存本笔记本（其中保存了你的代码），按老师的要求提交 `.ipynb` 文件。老师会在"
            "新的内核中从头运行它：提交前请确认能从头到尾顺利运行（*Kernel → Restart Kernel and "
            "Run All Cells*）。")
    else:
        end = language.text(
            f"## Your progress\n\nRun `cy.exercises.progress(\"{set_id}\")` in a cell to see "
            f"the best result of each question so far.",
            f"## 学习进度\n\n在单元格中运行 `cy.exercises.progress(\"{set_id}\")`，查看每道题目前的"
            f"最好成绩。")
    add(nbf.new_markdown_cell(end), "end")
    nb = nbf.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"},
        "language_info": {"name": "python"},
        "chengyu": {"generated_by": "course.py release", "set": set_id, "release": mode,
                    "questions": [q.id for q in qs]},
    }
    return nb


def _shape(q):
    """What ``check`` may confirm in assessed mode besides the kind: index labels."""
    if q.kind not in ("series", "frame"):
        return None
    key = q.key()
    if q.kind == "series":
        return {"index": sorted(str(i) for i in key.index)}
    return {"index": sorted(str(i) for i in key.index),
            "columns": sorted(str(c) for c in key.columns)}


def assessed_module(set_id: str, qs: list) -> str:
    """Python source of the stub bank module of one set for the assessed wheel."""
    from .. import exercise_bank as bank

    meta = dict(bank.get_set(set_id)["SET"])
    meta["assessed"] = True
    meta["shapes"] = {q.id: _shape(q) for q in qs if _shape(q) is not None}
    lines = [f'"""Exercise set {set_id}, assessed release: question ids, kinds, units and '
             f'shapes only.\n\nThe keys stay with the teacher (``course.py grade``)."""',
             "from . import Question", "", f"SET = {meta!r}", "", "QUESTIONS = ["]
    for q in qs:
        lines.append(f"    Question(id={q.id!r}, title={q.title!r}, prompt={q.prompt!r}, "
                     f"starter={q.starter!r}, solution='answer = ...', kind={q.kind!r}, "
                     f"unit={q.unit!r}),")
    lines.append("]")
    return "\n".join(lines) + "\n"


def starter_leaks(selection: dict) -> list[str]:
    """Run each chosen starter (teacher side); list every value it leaves that ``check``
    accepts as the correct answer of a question of its set (its own included)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import chengyu_lib
    from .. import exercise_bank as bank
    from ..exercises import check

    found = []
    for set_id, qs in selection.items():
        others = [o for o in bank.questions(set_id) if o.kind != "reflection"]
        for q in qs:
            ns = {"cy": chengyu_lib}
            try:
                exec(compile(q.starter, f"<starter {q.id}>", "exec"), ns)  # the bank's own code
            except Exception as err:
                found.append(f"{q.id}: the starter raised {type(err).__name__}: {err}")
                continue
            finally:
                plt.close("all")
            for name, value in ns.items():
                if name.startswith("_") or name in ("cy", "answer") or callable(value) \
                        or type(value).__name__ == "module":
                    continue
                for o in others:
                    if check(o.id, value, record=False).status == "correct":
                        found.append(f"{q.id}: the starter's `{name}` is already the "
                                     f"answer of {o.id}")
    return found


def _number_forms(v: float) -> set[str]:
    """How a number may appear in text: repr, 6/5/4 significant digits, percent forms
    (forms with fewer than 4 digits are left out: they would match unrelated text)."""
    forms = {repr(v), f"{v:.6g}", f"{v:.5g}", f"{v:.4g}", f"{v * 100:.4g}",
             f"{v * 100:.2f}", f"{v:,.2f}"}
    return {f for f in forms if sum(ch.isdigit() for ch in f) >= 4}


def _leaves(x) -> list:
    import pandas as pd

    if isinstance(x, pd.DataFrame):
        return x.to_numpy().ravel().tolist()
    if isinstance(x, pd.Series):
        return x.tolist()
    if isinstance(x, (list, tuple, set, frozenset)):
        return [v for item in x for v in _leaves(item)]
    return [x]


def key_needles(questions: list, data_text: str = "") -> tuple[list, list]:
    """``(needles, excluded)``: what would reveal the answers of ``questions`` — each key
    and misconception value in the forms of :func:`_number_forms` (whole numbers below
    10,000 as written, texts as they are) and as IEEE-754 bytes, the solution lines, hints,
    misconception messages and model answers — as ``(label, str | bytes)`` pairs.
    Forms that occur in ``data_text`` (the shipped data, which a student necessarily
    receives) are left out and listed in ``excluded``, and so are misconception values that
    the question itself gives as an input (in its prompt or starter, e.g. the midpoint
    year t0 of a curve whose height at t0 is asked): showing an input is no leak."""
    import math
    import struct

    needles, excluded = [], []
    for q in questions:
        values = [("key", v) for v in _leaves(q.key())] if q.kind != "reflection" else []
        for m in q.misconceptions:
            try:
                values += [(f"misconception {m.name!r}", v) for v in _leaves(m.compute())]
            except Exception:
                pass
        for what, v in values:
            if isinstance(v, bool) or v is None:
                continue
            if isinstance(v, str):
                forms = {v}
            else:
                try:
                    v = float(v)
                except (TypeError, ValueError):
                    continue
                if not math.isfinite(v):
                    continue
                forms = {str(int(v))} if v == int(v) and abs(v) < 10000 else _number_forms(v)
            in_data = {f for f in forms if f in data_text}
            if what != "key":
                in_data |= {f for f in forms if f in f"{q.prompt}\n{q.starter}"}
            excluded += [f"{q.id} {what} {f}" for f in sorted(in_data)]
            needles += [(f"{q.id} {what} {f}", f) for f in sorted(forms - in_data)]
            if not isinstance(v, str) and forms - in_data:
                needles.append((f"{q.id} {what} as a double", struct.pack("<d", v)))
        for line in q.solution.splitlines():
            if "answer" in line and line.strip() not in q.starter:
                needles.append((f"{q.id} solution line", line.strip()))
        needles += [(f"{q.id} hint", h[:40]) for h in q.hints]
        needles += [(f"{q.id} misconception message", m.message[:40])
                    for m in q.misconceptions]
        if q.model_answer:
            needles.append((f"{q.id} model answer", q.model_answer[:40]))
    return needles, excluded


def data_text() -> str:
    """All text of the shipped data files (see :func:`key_needles`)."""
    from .. import datasets

    return "\n".join(p.read_text(encoding="utf-8", errors="ignore")
                     for p in sorted(Path(datasets.data_dir()).rglob("*")) if p.is_file())


def find_keys(root, questions: list) -> list[str]:
    """Search every file under ``root`` (and every member of each ``.whl`` in it) for the
    needles of :func:`key_needles`; one line per hit, ``'<what> in <file>'``."""
    import zipfile

    needles, _ = key_needles(questions, data_text())
    root = Path(root)
    blobs = []
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        if p.suffix == ".whl":
            with zipfile.ZipFile(p) as z:
                blobs += [(f"{p.name}!{n}", z.read(n)) for n in z.namelist()]
        else:
            blobs.append((str(p.relative_to(root)), p.read_bytes()))
    hits = []
    for name, raw in blobs:
        text = raw.decode("utf-8", errors="ignore")
        for what, needle in needles:
            if (needle in raw) if isinstance(needle, bytes) else (needle in text):
                hits.append(f"{what} in {name}")
    return hits


def _source_root() -> Path:
    root = Path(__file__).resolve().parent.parent.parent
    if not (root / "pyproject.toml").is_file():
        raise RuntimeError("release builds the student library from the course repository; "
                           f"no pyproject.toml next to {root / 'chengyu_lib'}")
    return root


def _write_wheel(src: Path, out: Path) -> Path:
    """Write a pure-Python wheel of ``src/chengyu_lib`` (+ ``src/data`` as
    ``chengyu_lib/data``, as pyproject.toml's force-include does) with the standard
    library only, so a teacher's course environment needs no build tool."""
    import base64
    import hashlib
    import zipfile

    try:
        import tomllib
    except ImportError:                     # Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise RuntimeError("building the student wheel needs Python 3.11 or newer "
                               "(or the tomli package)") from None

    project = tomllib.loads((src / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    dist = f"{name.replace('-', '_')}-{version}"
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
            f"Summary: {project.get('description', '')}",
            f"Requires-Python: {project.get('requires-python', '>=3.10')}"]
    meta += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    files = [(p, p.relative_to(src).as_posix()) for p in sorted((src / "chengyu_lib").rglob("*"))
             if p.is_file()]
    files += [(p, "chengyu_lib/data/" + p.relative_to(src / "data").as_posix())
              for p in sorted((src / "data").rglob("*")) if p.is_file()]
    entries = [(arc, p.read_bytes()) for p, arc in files]
    entries.append((f"{dist}.dist-info/METADATA", ("\n".join(meta) + "\n").encode()))
    entries.append((f"{dist}.dist-info/WHEEL",
                    b"Wheel-Version: 1.0\nGenerator: chengyu_lib.classroom\n"
                    b"Root-Is-Purelib: true\nTag: py3-none-any\n"))
    record = []
    for arc, data in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        record.append(f"{arc},sha256={digest.decode()},{len(data)}")
    record.append(f"{dist}.dist-info/RECORD,,")
    entries.append((f"{dist}.dist-info/RECORD", ("\n".join(record) + "\n").encode()))
    path = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in entries:
            info = zipfile.ZipInfo(arc, date_time=(2020, 2, 2, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


def build_wheel(selection: dict, mode: str, out: Path) -> Path:
    """Build the library wheel students install into ``out``; return its path."""
    from .. import datasets
    from .. import exercise_bank as bank

    root = _source_root()
    with tempfile.TemporaryDirectory(prefix="chengyu-release-") as tmp:
        src = Path(tmp) / "src"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
        shutil.copytree(root / "chengyu_lib", src / "chengyu_lib", ignore=ignore)
        shutil.copytree(datasets.data_dir(), src / "data", ignore=ignore)
        shutil.copy2(root / "pyproject.toml", src / "pyproject.toml")
        if mode == "assessed":
            for py in sorted((src / "chengyu_lib").rglob("*.py")):
                py.write_text(without_examples(py.read_text(encoding="utf-8")),
                              encoding="utf-8")
            bank_dir = src / "chengyu_lib" / "exercise_bank"
            for set_id in bank.set_ids():
                module = bank._module(set_id)
                text = assessed_module(set_id, selection.get(set_id, []))
                (bank_dir / f"{module}.py").write_text(text, encoding="utf-8")
                zh = bank_dir / "zh" / f"{module}.json"
                if zh.is_file():
                    zh.write_text(assessed_translation(zh, selection.get(set_id, [])),
                                  encoding="utf-8")
        return _write_wheel(src, out)


def without_examples(source: str) -> str:
    r"""``source`` (a Python module) with the runnable examples taken out of its docstrings,
    for an assessed wheel: many examples compute a course figure that is also the answer
    to a question. Inside each docstring, every ``>>>`` line, its ``...`` lines and its
    expected output (up to the next blank line or ``>>>``) are removed; the prose stays.
    Only whole lines strictly inside the docstring are removed, and the result must
    compile (else ``source`` is returned unchanged and the key search still reports it).

    >>> src = "def f():\n    '''Twice x.\n\n    >>> f()\n    2\n\n    Done.\n    '''\n"
    >>> without_examples(src).splitlines()
    ['def f():', "    '''Twice x.", '', '', '    Done.', "    '''"]
    """
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    drop: set[int] = set()
    lines = source.splitlines(keepends=True)
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef)):
            continue
        body = node.body
        if not (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            continue
        first, last = body[0].lineno, body[0].end_lineno        # 1-based, inclusive
        in_example = False
        for i in range(first, last - 1):                         # 0-based, strictly inside
            text = lines[i].strip()
            if text.startswith(">>>"):
                in_example = True
            elif not text:
                in_example = False
            if in_example:
                drop.add(i)
    out = "".join(line for i, line in enumerate(lines) if i not in drop)
    try:
        compile(out, "<assessed>", "exec")
    except SyntaxError:
        return source
    return out


#: Fields of a question's Chinese translation that an assessed wheel keeps: what the
#: student is asked, never how to answer it.
ASSESSED_FIELDS = ("title", "prompt", "starter")


def assessed_translation(path: Path, qs: list) -> str:
    """The Chinese translation file of one set, cut for an assessed wheel: the set's own
    entry and, for the released questions only, their title, prompt and starter (no hints,
    misconception messages or solutions; no other question).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ch.json"
    >>> _ = f.write_text('{"SET": {"title": {"zh": "集"}}, "01.a": {"prompt": {"zh": "问"}, '
    ...                  '"hints.0": {"zh": "提示"}}, "01.b": {"prompt": {"zh": "别的"}}}')
    >>> class Q: id = "01.a"
    >>> assessed_translation(f, [Q()])
    '{"SET": {"title": {"zh": "集"}}, "01.a": {"prompt": {"zh": "问"}}}'
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    keep = {q.id for q in qs}
    cut = {"SET": data["SET"]} if "SET" in data else {}
    for qid, fields in data.items():
        if qid in keep:
            cut[qid] = {f: v for f, v in fields.items() if f in ASSESSED_FIELDS}
    return json.dumps(cut, ensure_ascii=False)


def _readme(selection: dict, mode: str, wheel: Path | None, notebooks: list[Path]) -> str:
    nbs = "\n".join(f"- `exercises/{p.name}`" for p in notebooks)
    install = (f"    pip install {wheel.name}\n" if wheel else "")
    if mode == "assessed":
        mark = language.text("Your teacher marks the answers after you hand in: `check` only "
                             "confirms that an answer has the right type and shape.",
                             "答案由老师在你提交后批改：`check` 只确认答案的类型和形式。")
    else:
        mark = language.text("`check` answers at once.", "`check` 会立即给出反馈。")
    return "\n".join([
        "# " + language.text("Exercises", "练习"), "",
        language.text("1. Install the course library (in a fresh virtual environment):",
                      "1. 安装课程库（建议在新的虚拟环境中）："), "",
        install + "    pip install jupyterlab", "",
        language.text("2. Open the notebooks with `jupyter lab`:",
                      "2. 用 `jupyter lab` 打开笔记本："), "", nbs, "",
        language.text("3. Answer every question, run the notebook top to bottom, save it "
                      "and hand in the `.ipynb` file as your teacher asked.",
                      "3. 完成每道题，从头到尾运行一遍笔记本，保存后按老师的要求提交 `.ipynb` 文件。"),
        "", mark, ""])


def release(sets=None, questions=None, mode: str = "practice", out=None, *,
            wheel: bool = True) -> dict:
    """Write the student copies into ``out`` (see the module docstring); return
    ``{"notebooks": [...], "wheel": path|None, "questions": [...], "mode": mode}``."""
    if mode not in MODES:
        raise ValueError(f"mode must be 'practice' or 'assessed', got {mode!r}")
    if out is None:
        raise ValueError("out: name the folder to write the student copies into")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"out: {str(out)!r} exists and is not an empty folder; name a new "
                         f"folder so that no old file is handed out by mistake")
    selection = select(sets, questions)
    leaks = starter_leaks(selection)
    if leaks:
        raise ValueError("release stopped: a starter already computes an answer:\n  " +
                         "\n  ".join(leaks))
    import nbformat

    (out / "exercises").mkdir(parents=True, exist_ok=True)
    from .. import exercise_bank as bank

    notebooks = []
    for set_id, qs in selection.items():
        meta = bank.get_set(set_id)["SET"]
        path = out / "exercises" / f"{set_id}_{meta['name']}.ipynb"
        nbformat.write(build_notebook(set_id, qs, mode), str(path))
        notebooks.append(path)
    whl = build_wheel(selection, mode, out) if wheel else None
    ids = [q.id for qs in selection.values() for q in qs]
    (out / "README.md").write_text(_readme(selection, mode, whl, notebooks), encoding="utf-8")
    (out / "release.json").write_text(json.dumps(
        {"mode": mode, "sets": list(selection), "questions": ids,
         "wheel": whl.name if whl else None, "created": date.today().isoformat()},
        ensure_ascii=False, indent=1), encoding="utf-8")
    hits = find_keys(out, [q for qs in selection.values() for q in qs]) \
        if mode == "assessed" else []
    return {"notebooks": notebooks, "wheel": whl, "questions": ids, "mode": mode,
            "key_hits": hits}
