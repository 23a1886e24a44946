"""course.py grade on a folder of submissions made from the real exercise notebooks.

The folder (built in a temporary directory from exercises/02_scale_and_growth.ipynb, whose
answer cells are found by their generated cell ids, and from a released notebook of set
03, found by its cell metadata) holds: all correct; typical mistakes; a blank; an answer
cell that raises (and one that assigns nothing after it); an endless loop and a memory hog;
a notebook that redefines ``check`` to print "Correct"; one whose saved outputs were edited
to say so; a corrupt file; a notebook of another set. Short time limits keep it quick.
"""
from __future__ import annotations

import csv
import copy
import json
import time
from pathlib import Path

import nbformat
import pytest

from chengyu_lib import exercise_bank as bank
import chengyu_lib.classroom.grade as gr
import chengyu_lib.classroom.release as rel
from chengyu_lib.classroom import _capture

ROOT = Path(__file__).resolve().parent.parent
EX02 = ROOT / "exercises" / "02_scale_and_growth.ipynb"
IDS02 = [q.id for q in bank.questions("02")]
IDS03 = [q.id for q in bank.questions("03")]


def _answers(nb, **sources):
    """A copy of ``nb`` with the answer cells of the given questions replaced."""
    nb = copy.deepcopy(nb)
    _, cells, _ = gr.identify(nb)
    for qid, src in sources.items():
        nb.cells[cells[qid.replace("_", ".", 1)]].source = src
    return nb


def _solutions(set_id):
    return {q.id.replace(".", "_", 1): q.solution for q in bank.questions(set_id)}


LOAD = ('eco = cy.datasets.load("circle_economy")\n'
        'gdp = eco[eco["indicator"] == "gdp"].set_index("year")["value"]\n')
NAT = 'nat = cy.datasets.load("national_economy")\n'

EXPECTED = {
    "all_correct": dict(zip(IDS02, ["correct"] * 6 + ["reflection"])),
    "mistakes": {"02.cagr": "misconception", "02.share": "misconception",
                 "02.first_year": "wrong", "02.project_2030": "misconception",
                 "02.required": "unit_factor", "02.average_trap": "misconception",
                 "02.reflection": "reflection"},
    "blank": dict.fromkeys(IDS02, "unanswered"),
    "raises": {"02.cagr": "error", "02.share": "correct", "02.first_year": "unanswered",
               "02.project_2030": "correct", "02.required": "correct",
               "02.average_trap": "correct", "02.reflection": "unanswered"},
    "limits": {"02.cagr": "error", "02.share": "error", "02.first_year": "correct",
               "02.project_2030": "correct", "02.required": "correct",
               "02.average_trap": "correct", "02.reflection": "reflection"},
    "fake_check": {**dict.fromkeys(IDS02, "wrong"), "02.first_year": "wrong_type",
                   "02.reflection": "unanswered"},
    "edited_outputs": dict.fromkeys(IDS02, "unanswered"),
    "group/other_set": dict(zip(IDS03, ["correct"] * (len(IDS03) - 1) + ["reflection"])),
}
MISCONCEPTIONS = {("mistakes", "02.cagr"): "total growth, not annualised",
                  ("mistakes", "02.share"): "inverted the share",
                  ("mistakes", "02.project_2030"): "simple growth",
                  ("mistakes", "02.average_trap"): "averaged the yearly rates"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grade")
    subs = base / "submissions"
    (subs / "group").mkdir(parents=True)
    ex = nbformat.read(EX02, as_version=4)
    for c in ex.cells:              # older copies carry no metadata: the cell ids must do
        c.metadata.pop("chengyu", None)

    def write(name, nb):
        nbformat.write(nb, subs / f"{name}.ipynb")

    write("all_correct", _answers(ex, **{**_solutions("02"),
                                         "02_reflection": 'answer = "Prices and real output."'}))
    write("mistakes", _answers(
        ex,
        **{"02_cagr": LOAD + "answer = gdp[2023] / gdp[2021] - 1",
           "02_share": LOAD + NAT + "c = gdp[2023]\n"
           "n = nat.query(\"year == 2023 and indicator == 'gdp' and vintage == "
           "'preliminary'\")['value'].item()\nanswer = n / c",
           "02_first_year": "answer = 2022",
           "02_project_2030": LOAD + "answer = gdp[2023] * (1 + 0.05 * 7)",
           "02_required": LOAD + "answer = 100 * ((100000 / gdp[2023]) ** (1 / 7) - 1)",
           "02_average_trap": "answer = (0.5 + -0.5) / 2",
           "02_reflection": 'answer = "Both: it is a nominal level."'}))
    write("blank", ex)
    sol = _solutions("02")
    write("raises", _answers(ex, **{**sol, "02_cagr": "answer = 0.05\nraise ValueError('oops')",
                                    "02_first_year": "x = 1   # answer deleted",
                                    "02_reflection": "answer = ..."}))
    write("limits", _answers(ex, **{**sol, "02_cagr": "while True:\n    pass",
                                    "02_share": "block = bytearray(3 * 1024 ** 3)\nanswer = 0.1",
                                    "02_reflection": 'answer = "text"'}))
    fake = _answers(ex, **{"02_cagr": "answer = 0.99", "02_share": "answer = 0.99",
                           "02_first_year": "answer = 'two thousand'",
                           "02_project_2030": "answer = 1.0", "02_required": "answer = 0.99",
                           "02_average_trap": "answer = 0.99"})
    fake.cells[1].source += '\ndef check(*args, **kwargs):\n    print("✔ 正确 Correct")'
    write("fake_check", fake)
    edited = copy.deepcopy(ex)
    for c in edited.cells:
        if c.cell_type == "code" and c.source.startswith("check("):
            qid = c.source.split('"')[1]
            c.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                text=f"✔ {qid} · 正确 Correct\n")]
            c.execution_count = 1
    write("edited_outputs", edited)
    (subs / "corrupt.ipynb").write_bytes(b"\x89PNG\r\n not a notebook {{{")
    nb03 = rel.build_notebook("03", bank.questions("03"), "assessed")
    write("group/other_set", _answers(nb03, **{**_solutions("03"),
                                               "03_reflection": 'answer = "It depends."'}))
    out = base / "out"
    t0 = time.monotonic()
    res = gr.grade(subs, out, jobs=2, cell_timeout=8, notebook_timeout=90, memory_mb=1500,
                   progress=False)
    return res, out, time.monotonic() - t0


def _rows(out: Path):
    with open(out / "grades.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_submission_gets_the_expected_row(graded, student):
    _, out, _ = graded
    got = {r["question"]: r["status"] for r in _rows(out) if r["student"] == student}
    assert got == EXPECTED[student]
    for r in _rows(out):
        if r["student"] == student:
            want = MISCONCEPTIONS.get((student, r["question"]), "")
            assert r["misconception"] == want
            assert r["points"] == {"correct": "1", "reflection": ""}.get(
                r["status"], "" if r["kind"] == "reflection" and r["status"] != "unanswered"
                else "0")


def test_the_batch_finishes_and_marks_the_unreadable_file(graded):
    res, out, seconds = graded
    runs = {s.student: s.run for s in res["submissions"]}
    assert runs["corrupt"] == "unreadable"
    assert set(runs) == set(EXPECTED) | {"corrupt"}
    assert all(runs[s] == "ok" for s in EXPECTED)
    corrupt = [r for r in _rows(out) if r["student"] == "corrupt"]
    assert len(corrupt) == 1 and corrupt[0]["status"] == "unreadable"
    print(f"graded {len(runs)} submissions in {seconds:.1f} s")


def test_errors_say_why(graded):
    _, out, _ = graded
    msg = {(r["student"], r["question"]): r["message"] for r in _rows(out)}
    assert "ValueError: oops" in msg[("raises", "02.cagr")]
    assert "time limit" in msg[("limits", "02.cagr")]
    assert "MemoryError" in msg[("limits", "02.share")]
    assert "did not assign" in msg[("raises", "02.first_year")]


def test_outputs_for_the_teacher(graded):
    _, out, _ = graded
    with open(out / "grades_wide.csv", encoding="utf-8") as fh:
        wide = {r["student"]: r for r in csv.DictReader(fh)}
    assert wide["all_correct"]["total"] == "6" and wide["all_correct"]["max"] == "6"
    assert wide["blank"]["total"] == "0"
    assert wide["group/other_set"]["03.theil"] == "1"
    written = (out / "written" / "02.reflection.md").read_text(encoding="utf-8")
    assert "Prices and real output." in written and "## mistakes" in written
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "total growth, not annualised (1)" in report
    assert "| 02.cagr | 7 | 14% |" in report      # 7 submissions of set 02, 1 correct
    assert (out / "report.png").stat().st_size > 5000
    with open(out / "submissions.csv", encoding="utf-8") as fh:
        subs = {r["student"]: r for r in csv.DictReader(fh)}
    assert float(subs["all_correct"]["kernel_peak_mb"]) > 50


def test_identify_reads_metadata_and_cell_ids():
    ex = nbformat.read(EX02, as_version=4)
    set_id, answers, checks = gr.identify(ex)
    assert set_id == "02" and list(answers) == IDS02 and len(checks) == len(IDS02)
    nb = rel.build_notebook("02", [bank.question("02.required")], "practice")
    assert gr.identify(nb)[:2] == ("02", {"02.required": 3})


def test_capture_round_trip_of_pandas_values():
    import pandas as pd

    s = pd.Series([0.1, 0.2], index=["primary", "secondary"], name="cq")
    df = pd.DataFrame({"a": [1.5, 2.0]}, index=["x", "y"])
    back = _capture.decode(json.loads(json.dumps(_capture.encode(s))))
    pd.testing.assert_series_equal(back, s)
    pd.testing.assert_frame_equal(_capture.decode(_capture.encode(df)), df)
    assert isinstance(_capture.decode({"t": "pickle", "v": "..."}), _capture.Opaque)


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(ValueError, match="submissions must be a folder"):
        gr.grade(tmp_path / "nope", tmp_path / "out")
    with pytest.raises(ValueError, match="cell_timeout must be a positive"):
        gr.grade(tmp_path, tmp_path / "out", cell_timeout=0)


def test_the_notebook_time_limit_stops_the_run(tmp_path):
    """A notebook over its overall limit stops at the cell that ran over: that cell and
    the rest are never reached (grade marks those questions `error`)."""
    from chengyu_lib.classroom import _worker

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(60)"),
        nbformat.v4.new_code_cell("y = 2")])
    path = tmp_path / "slow.ipynb"
    nbformat.write(nb, path)
    res = _worker.run(str(path), str(tmp_path / "r.json"), cell_s=60, notebook_s=4,
                      memory_mb=0)
    assert res["status"] == "timeout" and res["stopped_at"] == 1
    assert res["seconds"] < 40
    done = nbformat.read(str(tmp_path / "r.json") + ".ipynb", as_version=4)
    assert done.cells[0].execution_count == 1 and done.cells[2].execution_count is None


@pytest.mark.parametrize("set_id", bank.set_ids())
def test_every_misconception_is_named_in_the_class_report(set_id):
    """grade names a misconception from check's message: each known mistake's answer must
    come back as that mistake (or one giving the same value) by name."""
    from chengyu_lib.exercises import check

    for q in bank.questions(set_id):
        for m in q.misconceptions:
            try:
                wrong = m.compute()
            except Exception:
                continue
            fb = check(q.id, wrong, record=False)
            if fb.status != "misconception":
                continue            # e.g. equal to the key within tolerance
            name = gr.misconception_name(q, fb.message)
            same = [o.name for o in q.misconceptions
                    if o.name == name or o.message[:40] in fb.message]
            assert name and name in same, (q.id, m.name, fb.message)


def test_grade_command_finishes_on_a_folder_of_unreadable_files(tmp_path, capsys):
    from chengyu_lib.classroom.__main__ import main as cli

    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.ipynb").write_text("{not json")
    (subs / "b.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                              "nbformat_minor": 5}))
    assert cli(["grade", str(subs), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    rows = _rows(tmp_path / "out")
    assert {(r["student"], r["status"]) for r in rows} == {("a", "unreadable"),
                                                           ("b", "unknown_set")}
    assert "graded 2 file(s)" in capsys.readouterr().out
