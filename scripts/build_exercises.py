"""Generate the exercise notebooks from the question bank (chengyu_lib/exercise_bank/).

    python scripts/build_exercises.py            # write + execute every set
    python scripts/build_exercises.py 02 04      # only these sets
    python scripts/build_exercises.py --no-run   # write without executing
    python scripts/build_exercises.py --check    # exit 1 if a committed notebook drifted

For each set NN it writes

- ``exercises/NN_<name>.ipynb``: title, instructions, a setup cell, then per question a
  prompt, an answer cell (``answer = ...``) and a ``check("NN.q", answer)`` cell;
- ``exercises/solutions/NN_<name>.ipynb``: the same cells with the solution code in the
  answer cells and the model answers of the written questions.

Both are then executed in place with ``scripts/run_notebooks.py`` (its ``run``), so the
committed notebooks carry the outputs of a clean run (what ``pytest --nbval`` compares).
The run sets ``CHENGYU_PROGRESS=off`` (no progress file is written) and puts the
repository on ``PYTHONPATH`` so a clone works without installing.

``--check`` regenerates the notebooks in memory and compares cell types and sources with
the committed files (outputs are ignored): the notebooks can never drift from the bank.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXERCISES = ROOT / "exercises"
SOLUTIONS = EXERCISES / "solutions"

SETUP = "import chengyu_lib as cy\nfrom chengyu_lib.exercises import check"

HOW_TO = (
    "**How it works.** Each question has an *answer cell*: replace `...` with code that "
    "computes the answer, run it, then run the `check(...)` cell below it. `check` answers "
    "back at once:\n\n"
    "- ✔ **正确 Correct**;\n"
    "- ✘ **常见误区 Known mistake**: your answer is what a common mistake gives, and the "
    "message names it;\n"
    "- ✘ **单位不对 Wrong unit**: right number, wrong unit (percent vs fraction, 元 vs 亿元 …);\n"
    "- ✘ **舍入过多 Rounded too far**: the right value rounded more than the notebook "
    "rounds it; keep the digits the message says;\n"
    "- ✘ **类型不对 Wrong type**: e.g. a table where a number was asked;\n"
    "- ✘ **还不对 Not yet**: with a hint;\n"
    "- … **未作答 Not answered yet**; ✎ **思考题** written answers are not graded "
    "automatically.\n\n"
    "Rates are fractions (0.05 for 5%) unless a question says otherwise; numbers rounded "
    "as the notebook prints them are accepted, and names may be written in Chinese, "
    "pinyin or English (成都, 成都市, Chengdu). Text is never "
    "evaluated: give numbers as numbers. `cy.exercises.progress()` shows what you have "
    "done so far.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()[:40]


def _nbformat():
    import nbformat

    return nbformat


def build(set_id: str, solutions: bool):
    """One notebook (learner or solution) of one set, as an in-memory NotebookNode."""
    from chengyu_lib.exercise_bank import get_set

    nbf = _nbformat().v4
    data = get_set(set_id)
    meta, qs = data["SET"], data["QUESTIONS"]
    n_written = sum(q.kind == "reflection" for q in qs)
    cells = []

    def md(cid, text):
        c = nbf.new_markdown_cell(text)
        c.id = cid
        cells.append(c)

    def code(cid, text):
        c = nbf.new_code_cell(text)
        c.id = cid
        cells.append(c)

    kind = "Solutions" if solutions else "Exercises"
    head = [f"# {kind} {meta['id']} · {meta['title_en']} · {meta['title_zh']}", ""]
    if solutions:
        head += ["> **Teachers' copy.** Every answer cell holds a worked solution; the "
                 "written questions show a model answer. Remove `exercises/solutions/` from "
                 "the copy you give to students.", ""]
    head += [f"**Goes with** `notebooks/{meta['notebook']}.ipynb` · **Time** about "
             f"{meta['minutes']} min · **Questions** {len(qs)} "
             f"({len(qs) - n_written} checked, {n_written} written)", "",
             meta["intro"], "", HOW_TO]
    md("title", "\n".join(head))
    code("setup", SETUP)
    for i, q in enumerate(qs, start=1):
        tag = f"q{i}-{_slug(q.id.split('.', 1)[1])}"
        kind_note = " · ✎ written, not auto-checked" if q.kind == "reflection" else ""
        md(f"{tag}-prompt", f"## {i} · {q.title}\n\n`{q.id}`{kind_note}\n\n{q.prompt}")
        code(f"{tag}-answer", q.solution if solutions else q.starter)
        cells[-1].metadata["chengyu"] = {"question": q.id, "role": "answer"}  # read by grade
        code(f"{tag}-check", f'check("{q.id}", answer)')
        cells[-1].metadata["chengyu"] = {"question": q.id, "role": "check"}
        if solutions and q.model_answer:
            md(f"{tag}-model", f"**Model answer.** {q.model_answer}")
    md("progress", "## Your progress\n\nRun `cy.exercises.progress(\"" + meta["id"] +
       "\")` in a cell to see the best result of each question so far "
       "(`cy.exercises.reset_progress(\"" + meta["id"] + "\")` starts again). The course "
       f"notebook for this set is `notebooks/{meta['notebook']}.ipynb`.")
    nb = nbf.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"},
        "language_info": {"name": "python"},
        "chengyu": {"generated_by": "scripts/build_exercises.py",
                    "set": meta["id"], "solutions": solutions},
    }
    return nb


def paths(set_id: str) -> tuple[Path, Path]:
    from chengyu_lib.exercise_bank import get_set

    meta = get_set(set_id)["SET"]
    name = f"{meta['id']}_{meta['name']}.ipynb"
    return EXERCISES / name, SOLUTIONS / name


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def check_drift(set_ids=None) -> list[str]:
    """Regenerate in memory; return one message per committed notebook that differs
    from the bank (cell types and sources; outputs ignored). Empty list = no drift."""
    from chengyu_lib.exercise_bank import set_ids as all_sets

    nbformat = _nbformat()
    problems = []
    for sid in set_ids or all_sets():
        for path, sol in zip(paths(sid), (False, True)):
            rel = path.relative_to(ROOT)
            if not path.is_file():
                problems.append(f"{rel}: missing (run scripts/build_exercises.py {sid})")
                continue
            want = _cells(build(sid, sol))
            got = _cells(nbformat.read(path, as_version=4))
            if got != want:
                where = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                             min(len(got), len(want)))
                problems.append(f"{rel}: cell {where} differs from the bank "
                                f"({len(got)} cells committed, {len(want)} generated); "
                                f"run scripts/build_exercises.py {sid}")
    expected = {p.name for sid in (set_ids or all_sets()) for p in paths(sid)[:1]}
    if not set_ids:
        for folder in (EXERCISES, SOLUTIONS):
            for extra in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
                if extra.name not in expected:
                    problems.append(f"{extra.relative_to(ROOT)}: not generated from the "
                                    f"bank (remove it or add its set)")
    return problems


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks",
                                                  ROOT / "scripts" / "run_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.run


def write(set_ids, execute: bool = True) -> None:
    nbformat = _nbformat()
    SOLUTIONS.mkdir(parents=True, exist_ok=True)
    if execute:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        os.environ["CHENGYU_PROGRESS"] = "off"
        pp = os.environ.get("PYTHONPATH", "")
        if str(ROOT) not in pp.split(os.pathsep):
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), pp]))
        run = _runner()
    for sid in set_ids:
        for path, sol in zip(paths(sid), (False, True)):
            nbformat.write(build(sid, sol), path)
            msg = f"{path.relative_to(ROOT)}"
            if execute:
                msg += f" ... {run(path):.1f} s"
            print(msg, flush=True)


def main(argv=None) -> int:
    from chengyu_lib.exercise_bank import set_ids as all_sets

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="set ids (default: all)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if committed notebooks differ from the bank")
    ap.add_argument("--no-run", action="store_true", help="write without executing")
    args = ap.parse_args(argv)
    unknown = [s for s in args.sets if s not in all_sets()]
    if unknown:
        ap.error(f"unknown set(s) {unknown}; known: {all_sets()}")
    if args.check:
        problems = check_drift(args.sets or None)
        for p in problems:
            print(p)
        print("exercise notebooks match the bank" if not problems else
              f"{len(problems)} notebook(s) drifted from the bank")
        return 1 if problems else 0
    write(args.sets or all_sets(), execute=not args.no_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
