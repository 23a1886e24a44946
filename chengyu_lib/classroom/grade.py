"""Grade a folder of submitted exercise notebooks with the teacher's question bank.

    python3 course.py grade SUBMISSIONS --out DIR
    python -m chengyu_lib.classroom grade SUBMISSIONS --out DIR [--jobs 2]
        [--cell-timeout 60] [--notebook-timeout 600] [--memory-mb 2048]

How a submission is marked
--------------------------
1. Every ``*.ipynb`` under ``SUBMISSIONS`` (any file names, any sub-folders, any mix of
   sets) is one submission; its *student* is its path relative to ``SUBMISSIONS`` without
   ``.ipynb`` (``alice``, ``group3/bob_02``). A file that is not a readable notebook is
   marked ``unreadable``; a notebook whose set cannot be told is ``unknown_set``.
2. The set and the answer cells are found from the metadata the exercise notebooks carry
   (cell metadata ``chengyu: {question, role}``, written by ``course.py release`` and
   ``scripts/build_exercises.py``) or, for older copies, from the generated cell ids
   (``q3-first-year-answer``). The ``check(...)`` cells are dropped: the student's
   ``check`` never runs.
3. A copy is prepared in a temporary folder: before each answer cell ``answer`` is deleted,
   after it an injected cell displays the value of ``answer`` as plain data
   (:mod:`._capture`). That copy runs in a fresh kernel in its own process
   (:mod:`._worker`) with a per-cell time limit, a per-notebook time limit and a memory
   limit; several submissions run at once (``--jobs``, default: the number of cores).
4. Back in the teacher's process, each captured value is rebuilt and checked with the
   teacher's own bank (``check(..., record=False)``). Saved outputs of the submission are
   never read. An answer cell that raised or ran over time is ``error``; one that did
   not assign ``answer`` (or left ``...``) is ``unanswered``; a question whose answer
   cell is missing is ``unanswered``; a question the run never reached (notebook limit,
   kernel died) is ``error``. A value is only ever checked against its own question.

Points: 1 for ``correct``, 0 for every other automatic status, blank for written
(``reflection``) answers, which the teacher reads in ``written/``.

What it writes into ``--out`` is described in :mod:`chengyu_lib.classroom.report`.
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import language
from . import _capture, _worker

__all__ = ["grade", "Submission", "find_submissions", "identify", "mark_submission",
           "misconception_name", "GRADER_STATUSES"]

#: statuses of a whole submission (column ``run`` of submissions.csv)
GRADER_STATUSES = ("ok", "timeout", "crash", "unreadable", "unknown_set", "skipped")

_MAX_RESULT_BYTES = 200 * 2 ** 20     # an executed copy larger than this is not read



class _TooLarge(Exception):
    pass


_ID = re.compile(r"^q(\d+)-(.+)-(answer|check)$")
_CHECK_CALL = re.compile(r"check\(\s*[\"'](\d\d)\.")


def _slug(text: str) -> str:
    # the same slug as scripts/build_exercises.py uses in cell ids
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()[:40]


@dataclass
class Submission:
    """One submitted file and what became of it."""
    path: Path
    student: str
    set_id: str | None = None
    run: str = "ok"                      # one of GRADER_STATUSES
    note: str = ""
    seconds: float | None = None
    kernel_peak_mb: float | None = None
    answers: dict = field(default_factory=dict)   # qid -> ("value", v) | ("error", msg) | ("absent", msg)
    questions: list = field(default_factory=list)  # ids graded for this submission


def find_submissions(folder) -> list[Path]:
    """Every ``*.ipynb`` under ``folder`` (hidden folders and checkpoints skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"submissions must be a folder of notebooks, got {str(folder)!r} "
                         f"(not a folder)")
    found = []
    for p in sorted(folder.rglob("*.ipynb")):
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not p.is_file():
            continue
        found.append(p)
    return found


def _meta(cell) -> dict:
    m = cell.get("metadata", {}).get("chengyu", {})
    return m if isinstance(m, dict) else {}


def identify(nb, bank=None):
    """``(set_id, answers, checks)`` of a notebook: ``answers`` maps question id -> index of
    its (last) answer cell, ``checks`` lists indices of ``check(...)`` cells."""
    from .. import exercise_bank

    bank = bank or exercise_bank
    set_id = None
    meta = nb.get("metadata", {}).get("chengyu", {})
    if isinstance(meta, dict) and isinstance(meta.get("set"), str):
        set_id = meta["set"]
    if set_id is None:
        for cell in nb.cells:
            q = _meta(cell).get("question")
            if isinstance(q, str) and "." in q:
                set_id = q.split(".", 1)[0]
                break
    if set_id is None:
        for cell in nb.cells:
            m = _CHECK_CALL.search(cell.get("source", "")) if cell.cell_type == "code" else None
            if m:
                set_id = m.group(1)
                break
    if set_id not in bank.set_ids():
        return None, {}, []
    by_slug = {_slug(q.id.split(".", 1)[1]): q.id for q in bank.questions(set_id)}
    known = set(by_slug.values())
    answers, checks = {}, []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        m = _meta(cell)
        qid, role = m.get("question"), m.get("role")
        if not (isinstance(qid, str) and qid in known and role in ("answer", "check")):
            idm = _ID.match(str(cell.get("id", "")))
            qid, role = (by_slug.get(idm.group(2)), idm.group(3)) if idm else (None, None)
        if qid is None:
            continue
        if role == "answer":
            answers[qid] = i
        else:
            checks.append(i)
    return set_id, answers, checks


def _prepare(nb, answers: dict, checks: list, nonce: str):
    """The notebook that is run: check cells dropped, reset and capture cells injected."""
    import nbformat

    nbf = nbformat.v4
    by_index = {i: q for q, i in answers.items()}
    cells = []
    for i, cell in enumerate(nb.cells):
        if i in checks or cell.cell_type == "raw":
            continue
        if cell.cell_type == "markdown":
            continue
        cell = nbf.new_code_cell(cell.get("source", ""))
        if i in by_index:
            q = by_index[i]
            cells.append(nbf.new_code_cell('globals().pop("answer", None)',
                                           metadata={"grader": {"role": "reset"}}))
            cell.metadata = {"grader": {"role": "answer", "question": q}}
            cells.append(cell)
            cells.append(nbf.new_code_cell(
                '__import__("chengyu_lib.classroom._capture", fromlist=["emit"])'
                f'.emit({q!r}, {nonce!r}, globals())',
                metadata={"grader": {"role": "capture", "question": q}}))
        else:
            cells.append(cell)
    out = nbf.new_notebook(cells=cells)
    out.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}}
    return out


def _expected(nb, set_id: str) -> list[str]:
    """The questions a notebook is graded on: its set's, or the subset a release lists in
    the notebook metadata (``chengyu.questions``)."""
    from .. import exercise_bank as bank

    ids = [q.id for q in bank.questions(set_id)]
    listed = nb.get("metadata", {}).get("chengyu", {}).get("questions")
    if isinstance(listed, list):
        subset = [q for q in ids if q in listed]
        if subset:
            return subset
    return ids


_CTX = []
_CTX_LOCK = threading.Lock()


def _context():
    """A fork-server context that has nbclient imported: each grading process is forked
    from it, fresh but without paying that import again."""
    import multiprocessing as mp

    with _CTX_LOCK:
        if not _CTX:
            method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
            ctx = mp.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(["chengyu_lib.classroom._worker"])
            _CTX.append(ctx)
    return _CTX[0]


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
        victims = parent.children(recursive=True) + [parent]
    except psutil.Error:
        return
    for p in victims:
        try:
            p.kill()
        except psutil.Error:
            pass


def _error_text(outputs) -> str | None:
    for o in outputs:
        if o.get("output_type") == "error":
            ename, evalue = o.get("ename", "Error"), str(o.get("evalue", ""))
            if ename in ("CellTimeout", "KeyboardInterrupt"):
                # the grader interrupts a kernel only when a cell runs over its time limit
                return language.text("the answer cell ran over the per-cell time limit "
                                     "and was interrupted",
                                     "答题单元格超过单元格时间限制，已被中断")
            return language.text(f"the answer cell raised {ename}: {evalue}"[:300],
                                 f"答题单元格出错：{ename}: {evalue}"[:300])
    return None


def _collect(run_nb, sub: Submission, nonce: str, stopped_at, expected: list) -> None:
    """Fill ``sub.answers`` from the executed run notebook."""
    answer_err, captured, reached = {}, {}, set()
    for i, cell in enumerate(run_nb.cells):
        g = cell.get("metadata", {}).get("grader", {})
        role, q = g.get("role"), g.get("question")
        if stopped_at is not None and i >= stopped_at and sub.run != "ok":
            continue
        if role == "answer":
            reached.add(q)
            answer_err[q] = _error_text(cell.get("outputs", []))
        elif role == "capture":
            for o in cell.get("outputs", []):
                payload = o.get("data", {}).get(_capture.MIME)
                if isinstance(payload, dict) and payload.get("nonce") == nonce \
                        and payload.get("question") == q:
                    captured[q] = payload
    for q in expected:
        if q not in reached and q not in sub.answers:
            if sub.run == "ok":
                sub.answers[q] = ("absent", language.text("no answer cell for this question "
                                                          "in the notebook",
                                                          "笔记本中没有本题的答题单元格"))
            else:
                sub.answers[q] = ("error", language.text(
                    f"not reached: {sub.note}", f"未运行到本题：{sub.note}"))
        elif q in reached:
            if answer_err.get(q):
                sub.answers[q] = ("error", answer_err[q])
            elif q not in captured:
                sub.answers[q] = ("error", language.text(
                    f"the answer could not be captured ({sub.note or 'run stopped'})",
                    f"无法读取答案（{sub.note or '运行中止'}）"))
            elif not captured[q].get("present"):
                sub.answers[q] = ("absent", language.text("the answer cell did not assign "
                                                          "`answer`",
                                                          "答题单元格没有给 `answer` 赋值"))
            else:
                sub.answers[q] = ("value", captured[q].get("value"))


def _run_one(path: Path, student: str, *, cell_timeout, notebook_timeout, memory_mb,
             sets=None) -> Submission:
    import nbformat

    from .. import exercise_bank as bank

    sub = Submission(path=path, student=student)
    try:
        nb = nbformat.read(str(path), as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no cells")
    except Exception as err:
        sub.run = "unreadable"
        sub.note = language.text(f"not a readable notebook ({type(err).__name__})",
                                 f"无法读取的笔记本（{type(err).__name__}）")
        return sub
    set_id, answers, checks = identify(nb)
    sub.set_id = set_id
    if set_id is None:
        sub.run = "unknown_set"
        sub.note = language.text("no exercise set found in this notebook",
                                 "在此笔记本中找不到习题集编号")
        return sub
    if sets and set_id not in sets:
        sub.run = "skipped"
        sub.note = language.text(f"set {set_id} is not being graded",
                                 f"本次不批改第 {set_id} 组")
        return sub
    expected = _expected(nb, set_id)
    sub.questions = expected
    nonce = secrets.token_hex(8)
    tmp = Path(tempfile.mkdtemp(prefix="chengyu-grade-"))
    try:
        run_path = tmp / "submission.ipynb"
        nbformat.write(_prepare(nb, answers, checks, nonce), str(run_path))
        result_path = tmp / "result.json"
        env = {"CHENGYU_PROGRESS": "off", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
        proc = _context().Process(target=_worker.child, daemon=False,
                                  args=(str(run_path), str(result_path), cell_timeout,
                                        notebook_timeout, memory_mb, env))
        proc.start()
        proc.join(notebook_timeout + 60)   # margin: kernel start-up and shutdown
        if proc.is_alive():
            _kill_tree(proc.pid)
            proc.join(10)
        err = b""
        try:
            err = (Path(str(result_path) + ".log")).read_bytes()[-2000:]
        except OSError:
            pass
        try:
            result = json.loads(result_path.read_text(encoding="utf-8"))
            size = Path(str(result_path) + ".ipynb").stat().st_size
            if size > _MAX_RESULT_BYTES:
                raise _TooLarge(f"the run printed {size / 2**20:.0f} MB of output")
            run_nb = nbformat.read(str(result_path) + ".ipynb", as_version=4)
        except Exception as exc:
            sub.run = "crash"
            tail = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
            if isinstance(exc, _TooLarge):
                tail = [str(exc)]
            sub.note = language.text("the run was stopped (time or memory limit, or too "
                                     "much output)",
                                     "运行被中止（超时、超出内存限制或输出过多）") + \
                (f": {tail[0][:200]}" if tail else "")
            for q in expected:
                sub.answers[q] = ("error", sub.note)
            return sub
        sub.run = result["status"]
        sub.seconds = result.get("seconds")
        sub.kernel_peak_mb = result.get("kernel_peak_mb")
        if sub.run != "ok":
            sub.note = result.get("message", "")
        _collect(run_nb, sub, nonce, result.get("stopped_at"), expected)
        return sub
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def misconception_name(q, message: str) -> str:
    """Name of the misconception of ``q`` that a feedback ``message`` reports ('' if none
    can be told)."""
    text = " ".join(str(message).split()).casefold()
    for m in q.misconceptions:
        probe = " ".join(m.message.split()).casefold()[:40]
        if probe and probe in text:
            return m.name
    return ""


def mark_submission(sub: Submission) -> list[dict]:
    """Rows of ``grades.csv`` for one submission: answers checked with the teacher's bank."""
    from .. import exercise_bank as bank
    from ..exercises import check

    base = {"student": sub.student, "file": str(sub.path), "set": sub.set_id or "",
            "run": sub.run}
    if sub.set_id is None or sub.run in ("unreadable", "unknown_set", "skipped"):
        return [{**base, "question": "", "kind": "", "status": sub.run, "points": None,
                 "misconception": "", "message": sub.note, "answer_text": ""}]
    rows = []
    for q in bank.questions(sub.set_id):
        if sub.questions and q.id not in sub.questions:
            continue
        how, what = sub.answers.get(q.id, ("absent", ""))
        text = ""
        if how == "value":
            value = _capture.decode(what)
            if isinstance(value, _capture.Opaque):
                value = value  # check reports it as a wrong type
            fb = check(q.id, value, record=False)
            status, message = fb.status, fb.message
            if q.kind == "reflection" and isinstance(value, str):
                text = value
        elif how == "error":
            status, message = "error", str(what)
        else:
            status, message = "unanswered", str(what)
        points = None if status == "reflection" else (1 if status == "correct" else 0)
        if q.kind == "reflection" and status not in ("reflection",):
            points = None if status != "unanswered" else 0
        rows.append({**base, "question": q.id, "kind": q.kind, "status": status,
                     "points": points,
                     "misconception": misconception_name(q, message)
                     if status == "misconception" else "",
                     "message": message, "answer_text": text})
    return rows


class _Progress:
    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.done, self.stream, self.enabled = total, 0, stream, enabled
        self.t0 = time.monotonic()
        self.lock = threading.Lock()
        self.show("")

    def show(self, name: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        el = time.monotonic() - self.t0
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/"
                          f"{self.total} {el:5.0f} s {name[:30]:<30}")
        self.stream.flush()

    def step(self, name: str) -> None:
        with self.lock:
            self.done += 1
            self.show(name)
            if self.done == self.total and self.enabled:
                self.stream.write("\n")


def grade(submissions, out, *, sets=None, jobs: int | None = None,
          cell_timeout: float = 60, notebook_timeout: float = 600, memory_mb: int = 2048,
          progress: bool = True, stream=None) -> dict:
    """Grade every notebook under ``submissions``; write the results into ``out``.

    Returns ``{"rows": [...], "submissions": [Submission, ...], "files": {name: path}}``.
    """
    from . import report

    for name, v in (("cell_timeout", cell_timeout), ("notebook_timeout", notebook_timeout)):
        if not isinstance(v, (int, float)) or v <= 0:
            raise ValueError(f"{name} must be a positive number of seconds, got {v!r}")
    if not isinstance(memory_mb, int) or memory_mb < 0:
        raise ValueError(f"memory_mb must be a whole number of megabytes (0 = no limit), "
                         f"got {memory_mb!r}")
    jobs = jobs or os.cpu_count() or 1
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive whole number, got {jobs!r}")
    folder = Path(submissions)
    paths = find_submissions(folder)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    bar = _Progress(len(paths), stream or sys.stderr, progress)
    subs: list[Submission] = []

    def task(p: Path) -> Submission:
        student = p.relative_to(folder).with_suffix("").as_posix()
        try:
            s = _run_one(p, student, cell_timeout=cell_timeout,
                         notebook_timeout=notebook_timeout, memory_mb=memory_mb, sets=sets)
        except Exception as err:  # never let one submission stop the batch
            s = Submission(path=p, student=student, run="crash",
                           note=f"grader error: {type(err).__name__}: {err}"[:300])
        bar.step(student)
        return s

    with cf.ThreadPoolExecutor(max_workers=jobs) as pool:
        subs = list(pool.map(task, paths))
    rows = [r for s in subs for r in mark_submission(s)]
    files = report.write_all(rows, subs, out)
    return {"rows": rows, "submissions": subs, "files": files}
