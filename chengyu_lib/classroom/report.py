"""What ``grade`` writes for the teacher, and the class report.

Files in the output folder:

``grades.csv``
    long table, one row per student × question: ``student, file, set, run, question, kind,
    status, points, misconception, message``. A file that could not be graded at all has one
    row with an empty ``question`` and its run status (``unreadable``, ``unknown_set`` …).
``grades_wide.csv``
    the wide sheet: one row per student (submission), one column of points per question,
    ``total`` and ``max`` (written questions, marked by the teacher, are not counted).
``status_wide.csv``
    the same shape with the status of each answer (to see *why* a point is missing).
``submissions.csv``
    one row per file: how its run ended (``ok``, ``timeout``, ``crash``, ``unreadable`` …),
    seconds and the kernel's peak memory.
``written/<question>.md``
    the written answers of one question, student by student, for reading.
``report.md`` and ``report.png``
    the class report: per question the share correct, the count of each status and the
    most common misconceptions *by name*; the chart shows the same shares.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from .. import language

__all__ = ["write_all", "class_summary"]

_FIELDS = ["student", "file", "set", "run", "question", "kind", "status", "points",
           "misconception", "message"]
_ORDER = ["correct", "misconception", "unit_factor", "wrong", "wrong_type", "error",
          "unanswered", "reflection"]


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in fields})


def class_summary(rows: list[dict]) -> list[dict]:
    """Per question: number of submissions, share correct, status counts, misconceptions.

    >>> rows = [{"question": "02.cagr", "status": "correct", "misconception": ""},
    ...         {"question": "02.cagr", "status": "misconception",
    ...          "misconception": "total growth, not annualised"}]
    >>> s = class_summary(rows)[0]
    >>> s["n"], s["share_correct"], s["misconceptions"]
    (2, 0.5, [('total growth, not annualised', 1)])
    """
    by_q: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r.get("question"):
            by_q[r["question"]].append(r)
    out = []
    for q in by_q:                      # in the order of the bank (rows come in it)
        rs = by_q[q]
        counts = Counter(r["status"] for r in rs)
        mis = Counter(r["misconception"] for r in rs
                      if r["status"] == "misconception" and r.get("misconception"))
        out.append({"question": q, "n": len(rs), "share_correct": counts["correct"] / len(rs),
                    "counts": dict(counts), "misconceptions": mis.most_common()})
    return out


def _chart(summary: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from .. import plotting

    plotting.setup()
    qs = [s["question"] for s in summary]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(qs), 3) + 1.2))
    left = [0.0] * len(qs)
    colours = {"correct": "#2e7d32", "misconception": "#c62828", "unit_factor": "#ef6c00",
               "wrong": "#e57373", "wrong_type": "#ffb74d", "error": "#6a1b9a",
               "unanswered": "#bdbdbd", "reflection": "#1565c0"}
    for st in _ORDER:
        vals = [s["counts"].get(st, 0) / s["n"] for s in summary]
        if any(vals):
            ax.barh(qs, vals, left=left, color=colours[st], label=st)
            left = [a + b for a, b in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(language.text("share of submissions", "提交份数占比"))
    ax.set_title(language.text("Class report: result of each question", "全班各题作答情况"))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncol=4, fontsize=8,
              frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _md_cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_all(rows: list[dict], subs: list, out: Path) -> dict:
    """Write every file listed in the module docstring; return ``{name: path}``."""
    out = Path(out)
    files = {}
    _write_csv(out / "grades.csv", _FIELDS, rows)
    files["grades.csv"] = out / "grades.csv"

    questions = list(dict.fromkeys(r["question"] for r in rows if r.get("question")))
    students = []
    for s in subs:
        if s.student not in students:
            students.append(s.student)
    pts = defaultdict(dict)
    sts = defaultdict(dict)
    kinds = {}
    for r in rows:
        if r.get("question"):
            pts[r["student"]][r["question"]] = r["points"]
            sts[r["student"]][r["question"]] = r["status"]
            kinds[r["question"]] = r["kind"]
    wide, swide = [], []
    for s in subs:
        p = pts.get(s.student, {})
        auto = [q for q in p if kinds.get(q) != "reflection"]
        wide.append({"student": s.student, "set": s.set_id or "", "run": s.run,
                     **{q: p.get(q) for q in questions},
                     "total": sum(p[q] or 0 for q in auto) if auto else None,
                     "max": len(auto) if auto else None})
        swide.append({"student": s.student, "set": s.set_id or "", "run": s.run,
                      **{q: sts.get(s.student, {}).get(q, "") for q in questions}})
    _write_csv(out / "grades_wide.csv", ["student", "set", "run", *questions, "total", "max"],
               wide)
    _write_csv(out / "status_wide.csv", ["student", "set", "run", *questions], swide)
    files["grades_wide.csv"] = out / "grades_wide.csv"
    files["status_wide.csv"] = out / "status_wide.csv"

    _write_csv(out / "submissions.csv",
               ["student", "file", "set", "run", "seconds", "kernel_peak_mb", "note"],
               [{"student": s.student, "file": str(s.path), "set": s.set_id or "",
                 "run": s.run, "seconds": s.seconds, "kernel_peak_mb": s.kernel_peak_mb,
                 "note": s.note} for s in subs])
    files["submissions.csv"] = out / "submissions.csv"

    written = out / "written"
    for q in questions:
        if kinds.get(q) != "reflection":
            continue
        written.mkdir(exist_ok=True)
        lines = [f"# {q} · " + language.text("written answers", "书面回答"), ""]
        for r in rows:
            if r.get("question") == q:
                lines += [f"## {r['student']}", "",
                          r.get("answer_text") or f"*{r['status']}*", ""]
        (written / f"{q}.md").write_text("\n".join(lines), encoding="utf-8")
        files[f"written/{q}.md"] = written / f"{q}.md"

    summary = class_summary(rows)
    runs = Counter(s.run for s in subs)
    md = ["# " + language.text("Class report", "全班报告"), "",
          language.text(f"{len(subs)} files graded: ", f"共批改 {len(subs)} 份文件：") +
          ", ".join(f"{k} {v}" for k, v in sorted(runs.items())), ""]
    if summary:
        _chart(summary, out / "report.png")
        files["report.png"] = out / "report.png"
        md += ["![](report.png)", "",
               "| " + " | ".join([language.text("question", "题号"), "n",
                                  language.text("share correct", "正确率"),
                                  *[st for st in _ORDER],
                                  language.text("most common misconceptions", "最常见的误区")])
               + " |",
               "|" + "---|" * (4 + len(_ORDER))]
        for s in summary:
            mis = "; ".join(f"{name} ({n})" for name, n in s["misconceptions"][:3]) or "—"
            md.append("| " + " | ".join([s["question"], str(s["n"]),
                                         f"{s['share_correct']:.0%}",
                                         *[str(s["counts"].get(st, 0)) for st in _ORDER],
                                         _md_cell(mis)]) + " |")
        md.append("")
    problems = [s for s in subs if s.run != "ok"]
    if problems:
        md += ["## " + language.text("Files that did not run to the end",
                                     "未能完整运行的文件"), ""]
        md += [f"- `{s.student}`: {s.run} — {_md_cell(s.note)}" for s in problems]
        md.append("")
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    files["report.md"] = out / "report.md"
    return files
