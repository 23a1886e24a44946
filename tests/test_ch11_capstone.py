"""Notebook 11 (capstone): the claim picker, the memo counter and checker, the explorer."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chengyu_lib as cy
from chengyu_lib.widgets import ch11_capstone as c


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


# ------------------------------------------------------------------ the claim table
def test_claim_table_lists_only_testable_claims_of_all_six_delegates():
    t = c.claim_table()
    p = cy.article.proposals().set_index("proposal_id")
    assert t["claim_id"].is_unique
    assert set(t["claim_id"]) <= set(p.index)
    assert set(p.loc[t["claim_id"], "kind"]) <= {"claim", "achievement"}   # no proposals
    assert t["delegate"].nunique() == 6
    assert t["worked_example"].sum() == 1
    assert t.loc[t["worked_example"], "claim_id"].item() == c.WORKED_EXAMPLE
    # in the report's order
    order = list(p.index)
    assert list(t["claim_id"]) == sorted(t["claim_id"], key=order.index)
    # every table named exists, and the report's own notebook link is kept
    names = set(cy.datasets.names())
    for r in t.itertuples():
        assert set(r.tables.split(", ")) <= names, r.claim_id
        assert r.question.endswith("?")
        nb = str(p.loc[r.claim_id, "notebook"]).zfill(2)
        assert nb in r.notebooks.split(", "), r.claim_id


def test_claim_card_content_and_errors():
    card = c.claim_card("li_yong_02")
    assert card.startswith("li_yong_02 · achievement · 黎勇 Li Yong, CPPCC member")
    assert "notebook 08 (川渝通办 as policy diffusion)" in card
    assert "tables: article/figures, tongban_timeline" in card
    assert "worked example" not in card
    assert "worked example" in c.claim_card(c.WORKED_EXAMPLE)
    with pytest.raises(ValueError, match="claim_id must be one of"):
        c.claim_card("li_xiehua_05")            # a proposal, not a claim
    with pytest.raises(TypeError, match="claim_id must be a str"):
        c.claim_card(3)


# ------------------------------------------------------------------ memo_stats
def test_memo_stats_counts_words_hanzi_numbers_and_citations():
    s = c.memo_stats("Liu Yanying (刘艳英) says contact grows: 391万件 by 2021-10, up from "
                     "120万件 (tongban_timeline; pol-scdaily-2021-10-13-tongban-391).")
    assert s["hanzi"] == 7           # 刘艳英 and 万件 twice
    assert s["english_words"] == 8    # Liu Yanying says contact grows by up from
    assert s["numbers"] == ["391万件", "120万件"]     # 2021-10 is a date, not a figure
    assert "dates" not in s                          # the keys notebook 11 shows
    assert s["tables"] == ["tongban_timeline"]
    assert s["sources"] == ["pol-scdaily-2021-10-13-tongban-391"]   # its digits not numbers
    assert s["language"] == "en"


def test_memo_stats_chinese_and_plain_word_tables():
    s = c.memo_stats("吴德认为区域协调很重要。2023年成都GDP为22074.7亿元，见city_economy表；"
                     "cities are many, but the `cities` table has 16 rows; li_xiehua_03.")
    assert s["language"] == "zh"
    assert s["numbers"][:2] == ["2023年", "22074.7亿元"]
    assert "16" in s["numbers"] and "03" not in s["numbers"]
    assert s["tables"] == ["city_economy", "cities"]
    assert s["claims"] == ["li_xiehua_03"]
    assert c.memo_stats("the cities grew")["tables"] == []    # a plain word is not a table


def test_memo_stats_dates_are_not_figures():
    text = "2020年11月川渝通办启动，2024/3/5 办件超1500万件次，3月5日再报；2023年增长6.1%"
    s = c.memo_stats(text)
    assert c._memo_parts(c._check_text(text))["dates"] == ["2020年11月", "2024/3/5", "3月5日"]
    assert s["numbers"] == ["1500万件次", "2023年", "6.1%"]
    fb = c.memo_feedback("2020年11月，成都地区生产总值为22074.7亿元。")
    assert "only 1 found (22074.7亿元)" in fb and "2020年11月" in fb


def test_memo_stats_full_width_and_percent():
    s = c.memo_stats("增长６．１％，近15%")
    assert s["numbers"] == ["6.1%", "15%"]


def test_memo_stats_rejects_non_text():
    with pytest.raises(TypeError, match="text must be a str"):
        c.memo_stats(None)
    with pytest.raises(TypeError, match="text must be a str"):
        c.memo_feedback(["a memo"])


# ------------------------------------------------------------------ memo_feedback
GOOD_EN = ("Li Yong (黎勇, CPPCC member) says that joint services give people in both "
           "places the ease of one city. " + "The joint list grew from 95 items in 2020 to "
           "355 in 2025 (tongban_timeline). " * 25 + "Cases handled for 2022 are missing, "
           "so use cannot be followed year by year. Yearly case counts would change this "
           "conclusion.")


def test_feedback_on_a_complete_memo():
    fb = c.memo_feedback(GOOD_EN, "li_yong_03")
    first = fb.splitlines()[0]
    assert first == "Memo check · 备忘录检查 (claim li_yong_03, 黎勇 Li Yong): 6 of 6 met"
    assert "→" not in fb
    assert "names 黎勇" in fb or "names Li Yong" in fb


def test_feedback_names_each_missing_element():
    fb = c.memo_feedback("The circle is big.", "li_xiehua_01")
    assert "0 of 6 met" in fb.splitlines()[0] or "1 of 6 met" in fb.splitlines()[0]
    assert "→ numbers: none found" in fb
    assert "→ sources: no course table" in fb
    assert "→ gap:" in fb and "→ what would change it:" in fb
    assert "→ delegate: the claim is Li Xiehua's (李谢华)" in fb
    one = c.memo_feedback("In 2023 it grew.")
    assert "→ numbers: none found (a year such as 2023 dates a figure" in one
    two = c.memo_feedback("In 2023 it grew by 6.1% to 8.2万亿.")
    assert "✓ numbers: 2 figures found (6.1%, 8.2万亿); years such as 2023" in two
    assert "→ delegate: no delegate named" in one


def test_feedback_change_cue_needs_more_than_a_bare_if():
    assert "→ what would change it" in c.memo_feedback("如果看人均，成渝较低。")
    assert "✓ what would change it" in c.memo_feedback("如果有分行业数据，可能改变这一结论。")
    assert "✓ what would change it" in c.memo_feedback("Yearly counts would change this.")


def test_feedback_length_bands_english_and_chinese():
    assert "✓ length: 300 English words" in c.memo_feedback("word " * 300)
    assert "more than the ~300 asked" in c.memo_feedback("word " * 500)
    assert "✓ length: 500 汉字" in c.memo_feedback("字" * 500)
    assert "aim for about 500 汉字" in c.memo_feedback("字" * 100)
    assert "The draft is empty" in c.memo_feedback("   ")


def test_feedback_gap_cues_in_both_languages():
    for cue in ("data are missing", "it was not found", "a gap remains", "数据缺失",
                "未找到2023年数据", "本文的局限", "this is a lower bound"):
        assert "✓ gap" in c.memo_feedback(cue), cue
    assert "→ gap" in c.memo_feedback("All is fine.")


def test_feedback_claim_id_errors():
    with pytest.raises(ValueError, match="claim_id must be one of"):
        c.memo_feedback("text", "nobody_01")
    with pytest.raises(TypeError, match="claim_id must be a str"):
        c.memo_feedback("text", 1)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_memo_stats_and_feedback_never_raise_on_text(text):
    s = c.memo_stats(text)
    assert s["english_words"] >= 0 and s["hanzi"] >= 0
    assert s["hanzi"] <= len(text)
    fb = c.memo_feedback(text)
    assert fb.startswith("Memo check")
    assert c.memo_feedback(text, "wu_de_01").count("\n") >= 6


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["李谢华", "8.2万亿", "15%", "2023", "city_economy",
                                 "art-report", "missing", "缺", "如果", " ", "\n", "，",
                                 "word", "`cities`", "li_yong_02", "-", "."]), max_size=40))
def test_feedback_never_raises_on_memo_like_text(parts):
    text = "".join(parts)
    fb = c.memo_feedback(text, "li_xiehua_03")
    assert fb.splitlines()[0].endswith("of 6 met")


# ------------------------------------------------------------------ the explorer
def test_claim_explorer_dropdown_and_draft_change_the_output():
    box = cy.widgets.claim_explorer()
    pick, area, button, out = box.children
    assert len(pick.options) == len(c.claim_table())
    assert pick.value != c.WORKED_EXAMPLE
    assert area.continuous_update is False
    before = _text(out)
    assert before.startswith(pick.value) and "Write your memo" in before
    pick.value = "liu_yanying_02"
    after = _text(out)
    assert after != before and after.startswith("liu_yanying_02")
    area.value = GOOD_EN
    checked = _text(out)
    assert "Memo check" in checked and "→ delegate: the claim is Liu Yanying's" in checked
    out.outputs = ()
    button.click()
    assert _text(out) == checked


def test_claim_explorer_bad_arguments():
    with pytest.raises(ValueError, match="claim_id"):
        cy.widgets.claim_explorer("nope")
    with pytest.raises(TypeError, match="draft must be a str"):
        cy.widgets.claim_explorer(draft=5)
