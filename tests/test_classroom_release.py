"""course.py release: student copies, practice and assessed, and the key search.

The assessed test releases set 02 (plus two Series/DataFrame questions of set 04), installs
the student wheel into a folder with pip (``--no-deps --target``) and searches every file
of the release folder and of the installed package, as text and as bytes, for each key
and misconception value of the released questions (repr, the 6/5/4 significant digits
``check`` and notebooks print, the percent form, the IEEE-754 bytes a .pyc would hold),
for the solution code and for the hints, misconception messages and model answers.

Keys that are raw figures of the shipped data (a year such as 2023, a city name) are
necessarily in what a student receives: a form of a value that occurs as text in the
repository's data/ files is left out of the search (its other forms are still searched),
and the test prints what it left out.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import nbformat  # noqa: E402
import pytest  # noqa: E402

from chengyu_lib import exercise_bank as bank  # noqa: E402
import chengyu_lib.classroom.release as rel  # noqa: E402
from chengyu_lib.classroom.__main__ import main as cli  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_progress(monkeypatch):
    monkeypatch.setenv("CHENGYU_PROGRESS", "off")


# ------------------------------------------------------------------ selection, notebooks
def test_select_orders_by_the_bank_and_names_bad_arguments():
    sel = rel.select(sets=["02"], questions=["04.lq"])
    assert list(sel) == ["02", "04"]
    assert [q.id for q in sel["04"]] == ["04.lq"]
    with pytest.raises(ValueError, match="questions: unknown question id '02.nope'"):
        rel.select(questions=["02.nope"])
    with pytest.raises(ValueError, match="choose at least one set"):
        rel.select()


def test_practice_release_of_single_questions_is_renumbered_and_has_no_solution(tmp_path):
    out = tmp_path / "rel"
    res = rel.release(questions=["02.required", "02.cagr"], mode="practice", out=out,
                      wheel=False)
    assert res["questions"] == ["02.cagr", "02.required"]
    nb = nbformat.read(out / "exercises" / "02_scale_and_growth.ipynb", as_version=4)
    heads = [c.source.splitlines()[0] for c in nb.cells
             if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert heads[0].startswith("## 1 · Compound annual growth")
    assert heads[1].startswith("## 2 · Growth needed")
    assert "**Questions** 2 (2 checked, 0 written)" in nb.cells[0].source
    answers = [c for c in nb.cells if c.metadata.get("chengyu", {}).get("role") == "answer"]
    assert [c.metadata["chengyu"]["question"] for c in answers] == ["02.cagr", "02.required"]
    text = json.dumps(nb, ensure_ascii=False)
    for q in res and [bank.question("02.cagr"), bank.question("02.required")]:
        assert [c.source for c in answers if c.metadata["chengyu"]["question"] == q.id] == \
            [q.starter]
        assert q.solution.splitlines()[-1] not in text
    assert "02.share" not in text
    assert nb.metadata["chengyu"]["questions"] == ["02.cagr", "02.required"]


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ValueError, match="out: .* not an empty folder"):
        rel.release(sets=["02"], out=tmp_path, wheel=False)
    assert cli(["release", "--sets", "02", "--out", str(tmp_path), "--no-wheel"]) == 2


@pytest.mark.parametrize("set_id", bank.set_ids())
def test_no_starter_computes_an_answer(set_id):
    leaks = rel.starter_leaks(rel.select(sets=[set_id]))
    assert leaks == []


def test_the_leak_check_catches_a_starter_that_holds_an_answer(monkeypatch):
    q = bank.question("02.cagr")
    bad = type(q)(**{**q.__dict__, "starter": q.solution.replace("answer =", "g =") +
                     "\nanswer = ..."})
    assert rel.starter_leaks({"02": [bad]}) == [
        "02.cagr: the starter's `g` is already the answer of 02.cagr"]


# ------------------------------------------------------------------ assessed: key search
def _needles(qs):
    return rel.key_needles(qs, rel.data_text())


@pytest.fixture(scope="module")
def assessed(tmp_path_factory):
    out = tmp_path_factory.mktemp("assessed")
    rel_dir = out / "release"
    code = cli(["release", "--sets", "02", "--questions", "04.shares,04.lq",
                "--mode", "assessed", "--out", str(rel_dir)])
    assert code == 0
    site = out / "site"
    wheel = next(rel_dir.glob("chengyu_lib-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--disable-pip-version-check", "--target", str(site), str(wheel)],
                   check=True)
    return rel_dir, site


def test_nothing_a_student_receives_holds_a_key(assessed):
    rel_dir, site = assessed
    qs = bank.questions("02") + [bank.question("04.shares"), bank.question("04.lq")]
    needles, excluded = _needles(qs)
    assert len(needles) > 50
    print("excluded as raw figures of the shipped data:", excluded)
    files = [p for root in (rel_dir, site) for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pyc" for p in files) or any(p.suffix == ".py" for p in files)
    assert any(p.name == "ch02_scale_and_growth.py" for p in files)
    assert sum(p.suffix in (".csv", ".json") for p in files) > 5, "the data is shipped"
    found = []
    for p in files:
        raw = p.read_bytes()
        if p.suffix == ".whl":
            continue                     # its contents are searched as installed in `site`
        text = raw.decode("utf-8", errors="ignore")
        for what, needle in needles:
            hit = needle in raw if isinstance(needle, bytes) else needle in text
            if hit:
                found.append(f"{what} in {p}")
    assert not found, "\n".join(found[:20])
    assert rel.find_keys(rel_dir, qs) == [], "release's own search (folder + wheel members)"


def test_release_reports_keys_found_in_what_students_receive(tmp_path):
    """find_keys sees a key placed in a released file (here: a prompt that gives it)."""
    (tmp_path / "note.md").write_text(f"answer: {bank.question('02.cagr').key()!r}")
    hits = rel.find_keys(tmp_path, [bank.question("02.cagr")])
    assert hits and all(h.endswith("in note.md") for h in hits)
    assert any(h.startswith("02.cagr key ") for h in hits)


def test_the_search_would_find_a_key_in_the_full_library():
    """The same needles do occur in the teacher's library: the search can fail."""
    needles, _ = _needles([bank.question("02.cagr")])
    text = (ROOT / "chengyu_lib" / "exercise_bank" / "ch02_scale_and_growth.py").read_text(
        encoding="utf-8")
    assert any(isinstance(n, str) and n in text for _, n in needles)


def _student(site: Path, code: str) -> str:
    import os

    env = dict(os.environ, PYTHONPATH=str(site), CHENGYU_PROGRESS="off")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=str(site))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_assessed_check_confirms_type_and_shape_and_records(assessed):
    _, site = assessed
    out = _student(site, """
import chengyu_lib, pandas as pd
from chengyu_lib.exercises import check
from chengyu_lib import exercise_bank as b
print(chengyu_lib.__file__)
print(b.question("02.cagr").key())
for qid, a in [("02.cagr", 0.05), ("02.cagr", "5%"), ("02.first_year", 2023.5),
               ("02.first_year", 2023), ("02.cagr", ...),
               ("04.shares", pd.Series([1.0, 2, 3], index=["primary", "secondary", "tertiary"])),
               ("04.shares", pd.Series([1.0], index=["primary"])), ("03.theil", 0.1)]:
    print(qid, check(qid, a, record=False).status)
print(check("02.cagr", 0.05, record=False).message)
""")
    lines = out.splitlines()
    assert lines[0].startswith(str(site))
    assert lines[1] == "None"
    assert lines[2:10] == ["02.cagr recorded", "02.cagr wrong_type", "02.first_year wrong_type",
                           "02.first_year recorded", "02.cagr unanswered",
                           "04.shares recorded", "04.shares wrong_type", "03.theil unknown"]
    assert "teacher will mark" in lines[10]
    msg = _student(site, "from chengyu_lib.exercises import check\n"
                         "print(check('03.theil', 0.1, record=False).message)")
    assert "not part of this release" in msg and "none" in msg


def test_practice_check_in_the_teachers_library_is_unchanged():
    from chengyu_lib.exercises import check

    assert check("02.average_trap", (75 / 100) ** 0.5 - 1, record=False).status == "correct"
    assert check("02.average_trap", 0.0, record=False).status == "misconception"


def test_practice_wheel_gives_instant_feedback(tmp_path):
    out = tmp_path / "rel"
    assert cli(["release", "--questions", "02.average_trap", "--mode", "practice",
                "--out", str(out)]) == 0
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--disable-pip-version-check", "--target", str(site),
                    str(next(out.glob("chengyu_lib-*.whl")))], check=True)
    got = _student(site, """
from chengyu_lib.exercises import check
print(check("02.average_trap", (75 / 100) ** 0.5 - 1, record=False).status)
print(check("02.average_trap", 0.0, record=False).status)
""")
    assert got.split() == ["correct", "misconception"]
    assert json.loads((out / "release.json").read_text())["mode"] == "practice"


def test_every_set_can_be_assessed_without_handing_out_an_answer(tmp_path):
    """All twelve sets released together in assessed mode: the release's own search finds
    no key, misconception value, hint or solution in the notebooks or in any file of the
    student wheel (docstring examples are taken out, the Chinese translations are cut to
    titles and prompts)."""
    import zipfile

    out = tmp_path / "all"
    sets = ",".join(bank.set_ids())
    assert cli(["release", "--sets", sets, "--mode", "assessed", "--out", str(out)]) == 0
    qs = [q for s in bank.set_ids() for q in bank.questions(s)]
    assert rel.find_keys(out, qs) == []
    with zipfile.ZipFile(next(out.glob("*.whl"))) as z:
        names = z.namelist()
        py = [n for n in names if n.endswith(".py")]
        assert not any(">>>" in z.read(n).decode("utf-8") for n in py
                       if not n.endswith("release.py"))
        for n in py:
            compile(z.read(n), n, "exec")                # still a working library
        zh = json.loads(z.read("chengyu_lib/exercise_bank/zh/ch03_inequality_and_primacy.json"))
        assert {f for fields in zh.values() for f in fields} <= {"title", "prompt", "intro"}


def test_without_examples_keeps_prose_and_compiles():
    src = (ROOT / "chengyu_lib" / "metrics.py").read_text(encoding="utf-8")
    cut = rel.without_examples(src)
    compile(cut, "metrics.py", "exec")
    assert ">>>" in src and ">>>" not in cut
    assert "Formula: y = GDP / P" in cut                  # the prose of per_person stays
    assert rel.without_examples("def broken(:\n") == "def broken(:\n"
