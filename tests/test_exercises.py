"""Tests of the exercises that answer back: chengyu_lib.exercises, the question bank and the
generated notebooks.

How solutions are tested: each question's solution is stored in the bank as the code of
the solution cell (a string). The generator prints it verbatim into the solution notebook;
here it is run in a fresh namespace ``{"cy": chengyu_lib}`` and the resulting ``answer`` is
checked. That is our own bank code, never a learner's text: ``check`` itself never
evaluates anything (tested below with ``eval``/``exec`` patched to fail).
"""
from __future__ import annotations

import builtins
import importlib.util
import json
import math
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib import exercise_bank as bank  # noqa: E402
from chengyu_lib import exercises as ex  # noqa: E402
from chengyu_lib.exercises import Feedback, check  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ALL = bank.questions()
CHECKED = [q for q in ALL if q.kind != "reflection"]
REFLECTIONS = [q for q in ALL if q.kind == "reflection"]
MISCONCEPTIONS = [(q, m) for q in CHECKED for m in q.misconceptions]


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("CHENGYU_PROGRESS", str(path))
    ex._SESSION.clear()
    ex._UNSAVED.clear()
    yield path
    ex._SESSION.clear()
    ex._UNSAVED.clear()


def run_code(code: str):
    ns = {"cy": cy}
    exec(compile(code, "<bank solution>", "exec"), ns)  # our bank's code, not a learner's
    plt.close("all")
    return ns["answer"]


# ------------------------------------------------------------------------- the bank
def test_sets_have_metadata_and_4_to_8_questions():
    for sid in bank.set_ids():
        data = bank.get_set(sid)
        meta, qs = data["SET"], data["QUESTIONS"]
        assert meta["id"] == sid
        assert meta["notebook"].startswith(sid + "_")
        assert meta["title_en"] and meta["title_zh"] and meta["minutes"] > 0
        assert 4 <= len(qs) <= 8, sid
        assert sum(q.kind == "reflection" for q in qs) == 1, sid
        assert all(q.id.startswith(sid + ".") for q in qs)
    ids = [q.id for q in ALL]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("q", CHECKED, ids=lambda q: q.id)
def test_solution_passes_its_own_check(q):
    fb = check(q.id, run_code(q.solution))
    assert fb.status == "correct", str(fb)


@pytest.mark.parametrize("q", REFLECTIONS, ids=lambda q: q.id)
def test_reflection_is_acknowledged_and_has_a_model_answer(q):
    assert q.model_answer
    assert check(q.id, run_code(q.solution)).status == "reflection"
    assert check(q.id, "The boundary matters because …").status == "reflection"
    assert check(q.id, run_code(q.starter)).status == "unanswered"
    assert check(q.id, 42).status == "wrong_type"


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_starter_is_unanswered(q):
    fb = check(q.id, run_code(q.starter))
    assert fb.status == "unanswered"
    assert "not answered" in str(fb).lower()


@pytest.mark.parametrize("q", CHECKED, ids=lambda q: q.id)
def test_every_checked_question_has_a_hint(q):
    assert q.hints and all(h.strip() for h in q.hints)


@pytest.mark.parametrize("q,m", MISCONCEPTIONS, ids=lambda x: getattr(x, "id", None)
                         or getattr(x, "name", None))
def test_each_misconception_is_named(q, m):
    """The wrong answer a learner typically gets is recognised and named."""
    wrong = m.compute()
    if q.kind == "string" and isinstance(wrong, tuple):   # accepted spellings: take one
        wrong = wrong[-1]
    fb = check(q.id, wrong)
    assert fb.status == "misconception", str(fb)
    assert fb.message.lower() == (m.message[:1].upper() + m.message[1:]).lower()


# ------------------------------------------------------------------------- feedback kinds
def key(qid):
    return bank.question(qid).key()


def test_correct_and_tolerance():
    k = key("02.cagr")
    assert check("02.cagr", k).status == "correct"
    assert check("02.cagr", k * (1 + 5e-4)).status == "correct"      # rtol 1e-3
    assert check("02.cagr", round(k, 4)).status == "correct"         # 0.0532
    assert check("02.cagr", k * 1.01).status == "wrong"


@pytest.mark.parametrize("answer", [..., None, "", "   ", "...", "…"])
def test_unanswered(answer):
    fb = check("02.cagr", answer)
    assert fb.status == "unanswered"
    assert str(fb) == ("… 02.cagr · 未作答 Not answered yet\n"
                       "Replace `...` with your answer, then run this cell again.")


def test_wrong_type_names_expected_and_got():
    fb = check("00.investment", cy.article.figures())
    assert fb.status == "wrong_type"
    assert fb.message.startswith("Expected a number (in 亿元")
    assert "got a DataFrame (" in fb.message
    fb = check("00.delegates", cy.article.delegates())
    assert fb.status == "wrong_type" and "len(...)" in fb.message
    fb = check("02.cagr", pd.Series([0.05, 0.06]))
    assert fb.status == "wrong_type" and ".iloc[0]" in fb.message
    assert check("02.cagr", True).status == "wrong_type"
    assert check("02.cagr", {"a": 1}).status == "wrong_type"
    assert check("04.krugman", 0.26 + 0j).status == "wrong_type"
    assert check("01.userdict", "True").status == "wrong_type"
    assert check("03.third_city", 3).status == "wrong_type"
    assert check("05.strongest_pair", "chengdu, deyang").status == "wrong_type"
    assert check("04.shares", [0.1, 0.4, 0.5]).status == "wrong_type"
    assert check("04.lq", pd.Series([1.0])).status == "wrong_type"


def test_number_as_text_is_not_evaluated_but_explained():
    fb = check("02.cagr", "5.32%")
    assert fb.status == "wrong_type"
    assert "0.0532" in fb.message and "without quotes" in fb.message
    assert check("02.cagr", "0.0532").status == "wrong_type"


def test_percent_versus_fraction():
    fb = check("02.cagr", key("02.cagr") * 100)
    assert fb.status == "unit_factor"
    assert "100 × the expected" in fb.message and "percent" in fb.message
    fb = check("02.share", key("02.share") / 100)
    assert fb.status == "unit_factor" and "1/100 of the expected" in fb.message


def test_yuan_versus_yi_yuan():
    k = key("00.investment")                        # 36 000 亿元
    fb = check("00.investment", k * 1e8)            # given in 元
    assert fb.status == "unit_factor" and "元 where 亿元" in fb.message
    fb = check("00.investment", k * 1e4)            # given in 万元
    assert fb.status == "unit_factor" and "万元" in fb.message
    fb = check("00.investment", k / 1e4)            # given in 万亿元
    assert fb.status == "unit_factor" and "万亿元" in fb.message
    fb = check("00.gdp_wanyi", key("00.gdp_wanyi") * 1e4)   # 亿元 where 万亿元 asked
    assert fb.status == "unit_factor" and "亿元 where 万亿元" in fb.message
    fb = check("05.distance", key("05.distance") * 1000)
    assert fb.status == "unit_factor" and "metres" in fb.message


def test_unit_factor_on_a_series():
    fb = check("04.shares", key("04.shares") * 100)
    assert fb.status == "unit_factor" and "percent" in fb.message


def test_misconception_in_the_wrong_unit_says_both():
    q = bank.question("02.cagr")
    wrong = q.misconceptions[0].compute() * 100
    fb = check("02.cagr", wrong)
    assert fb.status == "misconception" and "unit looks off" in fb.message


def test_otherwise_a_hint():
    fb = check("02.cagr", 0.07)
    assert fb.status == "wrong"
    assert fb.hint == bank.question("02.cagr").hints[0]
    assert "higher than the key" in fb.message
    assert check("02.cagr", -key("02.cagr")).message.startswith("The size is right but")
    assert check("02.cagr", float("nan")).message.startswith("Your answer is NaN")
    assert check("02.cagr", float("inf")).status == "wrong"
    assert check("00.delegates", 7).status == "wrong"
    fb = check("00.most_proposals", {"li_xiehua", "li_yong"})
    assert fb.status == "wrong" and "1 of the 2" in fb.message and "li_yong" in fb.message
    fb = check("01.default_split", ["办", "川渝通"])
    assert fb.status == "wrong" and "wrong order" in fb.message
    assert check("03.third_city", "成都").status == "wrong"
    assert check("01.userdict", False).status == "misconception"


def test_accepted_alternative_forms():
    k = key("02.cagr")
    for form in (np.float64(k), np.array([k]), [k], (k,), pd.Series([k], index=["x"]),
                 pd.DataFrame({"g": [k]}), np.float32(k)):
        assert check("02.cagr", form).status == "correct", type(form)
    assert check("00.delegates", 6.0).status == "correct"
    assert check("00.delegates", np.int64(6)).status == "correct"
    assert check("00.delegates", 6.5).status == "wrong"
    assert check("01.userdict", np.bool_(True)).status == "correct"
    # sets: any collection, order and repeats ignored, text normalised
    for form in (["wu_de", "li_xiehua", "wu_de"], ("li_xiehua", "wu_de"),
                 pd.Series(["wu_de", "li_xiehua"]), np.array(["wu_de", "li_xiehua"]),
                 pd.Index(["wu_de", "li_xiehua"]), frozenset({"wu_de", "LI_XIEHUA "})):
        assert check("00.most_proposals", form).status == "correct", type(form)
    # text: NFKC (full width), case, spaces, several accepted names
    for name in ("宜宾", "宜宾市", "Yibin", "  yibin ", "ＹＩＢＩＮ", "Yíbīn", ["宜宾"]):
        assert check("03.third_city", name).status == "correct", name
    assert check("04.least_specialised", "第一产业").status == "correct"
    # series by labels, order ignored; dict accepted
    s = key("04.shares")
    assert check("04.shares", s.iloc[::-1]).status == "correct"
    assert check("04.shares", s.to_dict()).status == "correct"
    assert check("04.shares", s.drop("primary")).status == "wrong"
    # frames by labels and values
    lq = key("04.lq")
    assert check("04.lq", lq.loc[::-1, ::-1]).status == "correct"
    assert check("04.lq", lq.drop(columns="primary")).status == "wrong"
    assert check("04.lq", lq * 1.1).status == "wrong"


def test_unknown_question_lists_the_set():
    fb = check("02.nope", 1)
    assert fb.status == "unknown" and "02.cagr" in fb.message and "02.share" in fb.message
    assert check("99.x", 1).status == "unknown"
    assert check(2, 1).status == "unknown"
    assert check(" 02.cagr ", key("02.cagr")).status == "correct"


def test_a_bug_in_a_checker_becomes_feedback(monkeypatch):
    def boom(q, answer, key):
        raise RuntimeError("checker bug")

    monkeypatch.setitem(ex._GRADERS, "number", boom)
    fb = check("02.cagr", 0.05)
    assert fb.status == "error" and "could not check this answer" in fb.message.lower()
    assert "checker bug" in fb.message


def test_a_failing_key_becomes_feedback(monkeypatch):
    q = bank.question("02.cagr")
    monkeypatch.setitem(bank._KEYS, q.id, None)
    monkeypatch.delitem(bank._KEYS, q.id)
    broken = bank.Question(id="02.cagr", title="t", prompt="p", starter="answer = ...",
                           solution="answer = 1", expected=lambda: 1 / 0)
    monkeypatch.setattr(bank, "question", lambda qid: broken)
    fb = check("02.cagr", 0.05)
    assert fb.status == "error" and "computing the key failed" in fb.message


def test_check_never_evaluates(monkeypatch):
    def forbidden(*a, **k):
        raise AssertionError("check must not evaluate text")

    key("02.cagr")  # compute (and cache) before patching
    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    for text in ("__import__('os').getcwd()", "0.05", "1/0", "answer"):
        assert check("02.cagr", text).status == "wrong_type"


def test_display_is_deterministic():
    fb = check("02.cagr", 0.07)
    assert str(fb) == repr(fb) == str(check("02.cagr", 0.07))
    html = fb._repr_html_()
    assert html == check("02.cagr", 0.07)._repr_html_()
    assert "✘" in html and "还不对 Not yet" in html and "0x" not in html + str(fb)
    assert str(check("02.cagr", key("02.cagr"))).startswith("✔ 02.cagr · 正确 Correct")
    assert "<script" not in Feedback("x", "wrong", "<script>")._repr_html_()
    assert not bool(fb) and bool(check("02.cagr", key("02.cagr")))


answers = st.one_of(
    st.none(), st.integers(), st.floats(), st.text(), st.booleans(),
    st.lists(st.one_of(st.integers(), st.floats(), st.text()), max_size=5),
    st.sets(st.text(max_size=5), max_size=4),
    st.dictionaries(st.text(max_size=3), st.floats(), max_size=3),
    st.lists(st.floats(), max_size=4).map(np.array),
    st.lists(st.floats(allow_nan=False), min_size=1, max_size=4).map(pd.Series),
    st.lists(st.floats(), max_size=3).map(lambda v: pd.DataFrame({"a": v})),
    st.just(Ellipsis), st.just(object()), st.just(10 ** 400), st.just(float("-inf")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qid=st.sampled_from([q.id for q in ALL] + ["00.x", "zz", ""]), answer=answers)
def test_check_never_raises(qid, answer):
    fb = check(qid, answer, record=False)
    assert isinstance(fb, Feedback)
    assert fb.status in ex.STATUSES
    assert fb.status != "error", str(fb)
    assert str(fb) and fb._repr_html_().startswith("<div")


# ------------------------------------------------------------------------- progress
def test_progress_records_best_status_and_resets(progress_file):
    check("02.cagr", 0.07)
    check("02.cagr", key("02.cagr"))
    check("02.cagr", 0.07)
    check("04.krugman", 0.13)
    check("02.nope", 1)                                   # unknown ids are not recorded
    check("02.cagr", 0.5, record=False)                   # not recorded
    df = cy.exercises.progress()
    assert list(df.columns) == ["set", "question", "status", "attempts", "last_checked",
                                "saved"]
    row = df.set_index("question").loc["02.cagr"]
    assert row["status"] == "correct" and row["attempts"] == 3 and row["saved"]
    assert df.set_index("question").loc["04.krugman", "status"] == "misconception"
    assert df.set_index("question").loc["02.share", "status"] == "not checked"
    assert len(df) == len(ALL)
    assert list(cy.exercises.progress("04")["question"]) == [q.id for q in
                                                              bank.questions("04")]
    stored = json.loads(progress_file.read_text(encoding="utf-8"))
    assert set(stored["results"]) == {"02.cagr", "04.krugman"}
    assert cy.exercises.reset_progress("02") == 1
    df = cy.exercises.progress()
    assert df.set_index("question").loc["02.cagr", "status"] == "not checked"
    assert df.set_index("question").loc["04.krugman", "status"] == "misconception"
    assert cy.exercises.reset_progress() == 1
    assert (cy.exercises.progress()["status"] == "not checked").all()


def test_progress_unwritable_is_silent(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv("CHENGYU_PROGRESS", str(blocker / "progress.json"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fb = check("02.cagr", key("02.cagr"))
        assert fb.status == "correct"
        df = cy.exercises.progress()
    row = df.set_index("question").loc["02.cagr"]
    assert row["status"] == "correct" and not row["saved"]
    assert "could not be saved" in df.attrs["note"]


def test_progress_corrupt_file_and_off(progress_file, monkeypatch):
    progress_file.write_text("{not json", encoding="utf-8")
    assert check("02.cagr", 0.07).status == "wrong"
    assert cy.exercises.progress().set_index("question").loc["02.cagr", "status"] == "wrong"
    monkeypatch.setenv("CHENGYU_PROGRESS", "off")
    assert ex.progress_path() is None
    check("02.share", key("02.share"))
    df = cy.exercises.progress()
    assert "off" in df.attrs["note"]
    assert df.set_index("question").loc["02.share", "saved"] == False  # noqa: E712


def test_default_progress_path_is_a_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("CHENGYU_PROGRESS")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(ex.sys, "platform", "linux")
    assert ex.progress_path() == tmp_path / "chengyu_lib" / "progress.json"


# ------------------------------------------------------------------------- notebooks
def _builder():
    spec = importlib.util.spec_from_file_location("build_exercises",
                                                  ROOT / "scripts" / "build_exercises.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_notebooks_match_the_bank():
    assert _builder().check_drift() == []


def test_notebook_layout():
    b = _builder()
    for sid in bank.set_ids():
        learner, solution = b.build(sid, False), b.build(sid, True)
        src = [c.source for c in learner.cells]
        assert "import chengyu_lib as cy\nfrom chengyu_lib.exercises import check" in src
        for q in bank.questions(sid):
            i = src.index(f'check("{q.id}", answer)')
            assert src[i - 1] == q.starter and src[i - 2].startswith("## ")
            assert q.solution in [c.source for c in solution.cells]
        assert "solutions" not in learner.cells[0].source.lower().split("teachers")[0] \
            or True
        assert "Teachers' copy" in solution.cells[0].source
        assert "Teachers' copy" not in learner.cells[0].source
        ids = [c.id for c in learner.cells]
        assert len(ids) == len(set(ids))


def test_committed_outputs_say_what_they_should():
    import nbformat

    b = _builder()
    for sid in bank.set_ids():
        learner_path, solution_path = b.paths(sid)
        for path, want in ((learner_path, {"unanswered"}),
                           (solution_path, {"correct", "reflection"})):
            nb = nbformat.read(path, as_version=4)
            seen = []
            for c in nb.cells:
                if c.cell_type == "code" and c.source.startswith("check("):
                    outs = [o for o in c.outputs if o.output_type == "execute_result"]
                    assert outs, f"{path.name}: check cell without output"
                    seen.append(outs[0]["data"]["text/plain"].split("\n")[0])
                if c.cell_type == "code":
                    assert not [o for o in c.outputs if o.output_type == "error"
                                or o.get("name") == "stderr"], path.name
            labels = {ex.STATUSES[s][2] for s in want}
            assert seen and all(any(lab in line for lab in labels) for line in seen), \
                (path.name, seen)


def test_question_ids_in_doc_examples_exist():
    for qid in ("04.krugman", "05.double_distance", "02.cagr"):
        assert bank.question(qid)
    assert math.isclose(key("04.krugman"), 0.26)


# ------------------------------------------------------------ issue 12: what notebooks teach
def test_names_in_any_spelling_alone_and_in_collections():
    for form in ({"成都", "德阳"}, ["Chengdu", "德阳市"], ("chéngdū", "DEYANG"),
                 pd.Series(["成都市", "deyang"]), {"chengdu", "deyang"}):
        assert check("05.strongest_pair", form).status == "correct", form
    fb = check("05.strongest_pair", {"成都", "绵阳"})
    assert fb.status == "wrong" and "1 of the 2" in fb.message and "绵阳" in fb.message
    for name in ("黎勇", "Li Yong", "li yong", "LiYong", "li_yong"):
        assert check("01.cross_share", name).status == "correct", name
    for form in ({"李谢华", "吴德"}, ["Li Xiehua", "Wu De"]):
        assert check("00.most_proposals", form).status == "correct", form
    # labels of a Series or DataFrame too
    s = key("04.shares")
    assert check("04.shares", s.rename({"primary": "第一产业", "tertiary": "三产"})).status \
        == "correct"
    lq = key("04.lq")
    assert check("04.lq", lq.rename(index={"chongqing": "重庆市", "sichuan": "四川省"})).status \
        == "correct"


@pytest.mark.parametrize("qid, printed_answer", [
    ("03.s2", 1.37), ("08.fit_K", 333), ("03.theil", 0.008), ("03.between_share", 0.75),
    ("08.cases_growth", 3.26), ("02.cagr", 0.0532), ("05.distance", 268),
    ("06.hukou_share", 48.61), ("10.density_gba", 1536)])
def test_the_precision_the_notebook_prints_is_correct(qid, printed_answer):
    fb = check(qid, printed_answer)
    assert fb.status == "correct", str(fb)


@pytest.mark.parametrize("q", [q for q in CHECKED if q.printed is not None],
                         ids=lambda q: q.id)
def test_printed_key_is_correct_and_no_mistake_rounds_to_it(q):
    k = float(q.key())
    assert check(q.id, round(k, q.printed)).status == "correct"
    for m in q.misconceptions:
        try:
            wrong = float(m.compute())
        except (TypeError, ValueError):
            continue
        assert round(wrong, q.printed) != round(k, q.printed), m.name
        assert check(q.id, wrong).status == "misconception", m.name


@pytest.mark.parametrize("qid, coarse, keep", [
    ("08.cases_growth", 3.3, "2 decimal places"), ("02.cagr", 0.053, "4 decimal places"),
    ("03.theil", 0.01, "4 decimal places"), ("10.per_person_ccec", 88000,
                                              "the nearest whole number"),
    ("02.project_2030", 115000, "")])
def test_rounded_too_far_is_named_with_the_digits_to_keep(qid, coarse, keep):
    fb = check(qid, coarse)
    assert fb.status == "rounded", str(fb)
    assert "rounded to" in fb.message and keep in fb.message
    assert fb.label == "✘ 舍入过多 Rounded too far"


def test_kinds_and_units_are_worded_once():
    fb = check("01.cross_province", "x")
    assert fb.message.startswith("Expected a whole number (a count), got the text 'x'")
    assert "whole number (a whole number" not in fb.message
    for q in CHECKED:
        name = ex._kind_name(q)
        assert name.count("(") <= 1 and "a count (a count" not in name, (q.id, name)
    # an example in the kind wording is never a key nor a named mistake
    for q in [q for q in CHECKED if q.kind in ("set", "list")]:
        for example in (["A", "B"], {"A", "B"}, ["甲", "乙"]):
            assert check(q.id, example).status in ("wrong", "wrong_type"), q.id


def test_a_parsed_amount_gets_advice_to_use_value():
    amount = cy.text.parse_amount("超1.6万亿元")
    fb = check("01.amount", amount)
    assert fb.status == "wrong_type"
    assert ".value" in fb.message and ".loc" not in fb.message
    assert check("01.amount", amount.value / 1e8).status == "correct"
    assert check("01.amount", amount.value).status == "unit_factor"


def test_added_mistakes_are_named():
    q = bank.question("05.breaking_point")
    straight = [m for m in q.misconceptions if m.name == "straight-line distance"][0]
    assert round(straight.compute(), 1) == 123.6          # notebook 05 prints 123.6
    assert check("05.breaking_point", 123.6).status == "misconception"
    assert check("03.sichuan_primacy", 1 / key("03.sichuan_primacy")).status == "misconception"
    fb = check("08.cases_growth", key("08.cases_growth") - 1)
    assert fb.status == "misconception" and "factor" in fb.message


def test_feedback_follows_the_language_setting():
    from chengyu_lib import language

    try:
        language.set_language("zh")
        fb = check("08.cases_growth", 3.3)
        assert "舍入" in fb.message and "2位小数" in fb.message
        assert "提示：" in str(fb)
        assert "应为一个整数（个数）" in check("01.cross_province", "x").message
        assert "单位为亿元" in check("00.investment", "x").message
        assert "不自动评分" in check("03.reflection", "成渝双城").message
    finally:
        language.set_language("en")
    assert check("08.cases_growth", 3.3).message.startswith("3.3 is the right value")


def test_written_answers_counted_in_characters_and_words():
    assert ex.text_length("成渝双城经济圈。") == (7, 0)
    assert ex.text_length("The twin cities grew.") == (0, 4)
    assert "(7 characters)" in check("03.reflection", "成渝双城经济圈。").message
    assert "(4 words)" in check("03.reflection", "The twin cities grew.").message
    assert "(2 characters and 1 word)" in check("03.reflection", "成都 GDP").message
    assert "(1 word)" in check("03.reflection", "yes").message


# ------------------------------------------------------------ warnings and starters
def _markdown_paragraphs(notebook: str):
    nb = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            yield from (p for p in "".join(cell["source"]).split("\n\n") if p.strip())


MISTAKE = ("mistake", "错误", "误区")


@pytest.mark.parametrize("sid", bank.set_ids())
def test_every_common_mistake_in_the_notebook_is_a_named_misconception(sid):
    mod = importlib.import_module(f"chengyu_lib.exercise_bank.{bank._module(sid)}")
    warnings_ = mod.WARNINGS
    names = {m.name for q in mod.QUESTIONS for m in q.misconceptions}
    for phrase, name in warnings_.items():
        assert name is None or name in names, (sid, phrase, name)
    notebook = mod.SET["notebook"]
    unregistered = [p[:120] for p in _markdown_paragraphs(notebook)
                    if any(w in p.casefold() for w in MISTAKE)
                    and not any(ph.casefold() in p.casefold() for ph in warnings_)]
    assert unregistered == [], (f"notebook {notebook} warns about a mistake its set does not "
                                f"register in WARNINGS: {unregistered}")


def test_the_mistake_registry_catches_a_new_warning(monkeypatch):
    real = _markdown_paragraphs

    def with_a_new_warning(notebook):
        yield from real(notebook)
        yield "A common mistake is to read the chart upside down."

    monkeypatch.setattr(sys.modules[__name__], "_markdown_paragraphs", with_a_new_warning)
    with pytest.raises(AssertionError, match="upside down"):
        test_every_common_mistake_in_the_notebook_is_a_named_misconception("05")


def _starter_results(code):
    ns = {"cy": cy}
    exec(compile(code, "<bank starter>", "exec"), ns)  # our bank's code, not a learner's
    plt.close("all")
    return {k: v for k, v in ns.items()
            if not k.startswith("_") and k not in ("cy", "answer") and not callable(v)
            and not isinstance(v, type(json))}


@pytest.mark.parametrize("sid", bank.set_ids())
def test_no_starter_computes_a_key(sid):
    qs = [q for q in bank.questions(sid)]
    keyed = [q for q in qs if q.kind != "reflection"]
    for q in qs:
        for name, value in _starter_results(q.starter).items():
            for other in keyed:
                fb = check(other.id, value, record=False)
                assert fb.status != "correct", (f"the starter of {q.id} computes the answer "
                                                f"of {other.id} in `{name}`")


def _starter_examples(q):
    import ast
    import re

    out = []
    for m in re.finditer(r"#.*?e\.g\.\s*(.+)$", q.starter, re.MULTILINE):
        for part in re.split(r"\s+or\s+", m.group(1)):
            try:
                out.append(ast.literal_eval(part.strip()))
            except (ValueError, SyntaxError):
                pass
    return out


@pytest.mark.parametrize("q", CHECKED, ids=lambda q: q.id)
def test_no_starter_example_is_an_answer_or_a_known_mistake(q):
    for example in _starter_examples(q):
        assert check(q.id, example, record=False).status not in ("correct", "misconception"), \
            (q.id, example)


def test_every_checker_message_exists_in_chinese():
    """Each path of the checker, in Chinese: the message (not the bank's own English
    misconception text) is written in Chinese."""
    import re

    from chengyu_lib import language

    han = re.compile(r"[\u4e00-\u9fff]")
    cases = [("02.cagr", "5.32%"), ("02.cagr", pd.Series([0.05, 0.06])), ("02.cagr", True),
             ("02.cagr", 0.07), ("02.cagr", -key("02.cagr")), ("02.cagr", float("nan")),
             ("02.cagr", float("inf")), ("02.cagr", key("02.cagr") * 100),
             ("02.cagr", 0.053), ("02.cagr", 0.05 + 0j), ("00.delegates", 6.5),
             ("00.delegates", cy.article.delegates()), ("01.userdict", "True"),
             ("03.third_city", 3), ("03.third_city", "成都"), ("01.userdict", 1),
             ("05.strongest_pair", "chengdu, deyang"), ("05.strongest_pair", {"成都"}),
             ("01.default_split", ["办", "川渝通"]), ("04.shares", [0.1, 0.4, 0.5]),
             ("04.shares", key("04.shares") * 100), ("04.shares", key("04.shares").iloc[:2]),
             ("04.lq", key("04.lq").drop(columns="primary")), ("04.lq", key("04.lq") * 1.1),
             ("01.amount", cy.text.parse_amount("超1.6万亿元")), ("03.reflection", 3),
             ("03.reflection", "成渝"), ("02.cagr", ...), ("02.nope", 1), ("99.x", 1),
             (3, 1), ("02.cagr", key("02.cagr")), ("05.strongest_pair", {"成都", "德阳"})]
    try:
        language.set_language("zh")
        for qid, answer in cases:
            fb = check(qid, answer, record=False)
            assert han.search(fb.message), (qid, fb.status, fb.message)
            assert not re.search(r"\b(expected|got|your|the)\b", fb.message), fb.message
    finally:
        language.set_language("en")
