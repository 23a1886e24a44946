"""Tests for chengyu_lib.article and the data/article/ tables."""
import re
from pathlib import Path

import pytest

import chengyu_lib as cy

SEED = (Path(__file__).resolve().parents[1].parent / "shared" / "seed"
        / "article-chengyu-2024-lianghui.txt")
CJK = re.compile(r"[\u4e00-\u9fff]+")


def test_all_tables_load_with_sources():
    for t in ("meta", "themes", "delegates", "proposals", "figures", "phrases"):
        df = cy.datasets.load(f"article/{t}")
        assert len(df) > 0
        ids = [s["source_id"] for s in df.attrs["sources"]]
        assert "art-report" in ids
        assert set(ids) <= {"art-report", "art-echo-2021"}


def test_meta():
    m = cy.article.meta()
    assert m["outlets"]["zh"] == ["重庆日报", "四川日报"]
    assert m["outlets"]["en"] == ["Chongqing Daily", "Sichuan Daily"]
    assert m["date"].startswith("2024-03")
    assert m["headline"]["zh"] and m["headline"]["en"]
    assert m["source_id"] == "art-report"


def test_themes():
    t = cy.article.themes()
    assert t["theme_id"].tolist() == ["manufacturing", "urbanisation", "tongban"]
    assert t["order"].tolist() == [1, 2, 3]


def test_six_delegates_and_bodies():
    d = cy.article.delegates()
    assert len(d) == 6
    assert d["delegate_id"].is_unique
    assert set(d["name_zh"]) == {"李谢华", "韩晓军", "许洪斌", "吴德", "黎勇", "刘艳英"}
    assert (d["body"] == "NPC").sum() == 5
    assert d.loc[d["body"] == "CPPCC", "name_zh"].tolist() == ["黎勇"]
    # two delegates per theme, one byline from each paper per theme
    assert d.groupby("theme_id").size().tolist() == [2, 2, 2]
    assert (d.groupby("theme_id")["outlet"].nunique() == 2).all()
    for pinyin in d["name_pinyin"]:
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", pinyin), pinyin


def test_proposals_resolve_and_cover_each_delegate():
    p = cy.article.proposals()
    d = cy.article.delegates()
    t = cy.article.themes()
    assert p["proposal_id"].is_unique
    assert set(p["delegate_id"]) <= set(d["delegate_id"])
    assert set(p["theme_id"]) <= set(t["theme_id"])
    # each proposal sits in its delegate's theme
    theme_of = dict(zip(d["delegate_id"], d["theme_id"]))
    assert (p["delegate_id"].map(theme_of) == p["theme_id"]).all()
    counts = p.groupby("delegate_id").size()
    assert set(counts.index) == set(d["delegate_id"])
    assert (counts >= 3).all()
    assert (p["key_phrase_zh"].str.len() <= 12).all()


def test_figures_key_amounts():
    f = cy.article.figures().set_index("text_zh")
    gdp = f.loc["81986.67亿元"]
    assert gdp["value"] == pytest.approx(8.198667e12)
    assert gdp["unit"] == "元" and gdp["year"] == 2023
    assert f.loc["300个", "value"] == 300 and f.loc["300个", "unit"] == "个"
    assert f.loc["约3.6万亿元", "value"] == pytest.approx(3.6e12)
    assert f.loc["约3.6万亿元", "qualifier"] == "约"
    assert f.loc["近15%", "value"] == 15.0 and f.loc["近15%", "unit"] == "%"
    assert f.loc["近15%", "qualifier"] == "近"
    assert f.loc["80余名", "qualifier"] == "余"


def test_figures_text_is_only_the_amount():
    f = cy.article.figures()
    for text, unit, qual in zip(f["text_zh"], f["unit"], f["qualifier"]):
        assert text.endswith(unit), text
        if qual:
            assert qual in text, text


def test_figures_printed_in_the_report():
    if not SEED.is_file():
        pytest.skip(f"needs the full text of the report ({SEED.name}), which the repository "
                    f"does not include; put a copy at {SEED}")
    seed = SEED.read_text(encoding="utf-8")
    for text in cy.article.figures()["text_zh"]:
        assert text in seed, text


def test_no_summary_copies_15_characters_of_the_report():
    if not SEED.is_file():
        pytest.skip(f"needs the full text of the report ({SEED.name}), which the repository "
                    f"does not include; put a copy at {SEED}")
    seed = "".join(CJK.findall(SEED.read_text(encoding="utf-8")))
    n = 15
    grams = {seed[i:i + n] for i in range(len(seed) - n + 1)}
    p = cy.article.proposals()
    for pid, summary in zip(p["proposal_id"], p["summary_zh"]):
        body = "".join(CJK.findall(summary))
        for i in range(len(body) - n + 1):
            assert body[i:i + n] not in grams, f"{pid} repeats the report: {body[i:i + n]}"


def test_find_tongban():
    hits = cy.article.find("川渝通办")
    assert len(hits) >= 3
    assert set(hits["theme_id"]) == {"tongban"}


def test_find_case_insensitive_english():
    assert cy.article.find("Rolling").equals(cy.article.find("rolling"))
    assert len(cy.article.find("rolling")) == 1


def test_find_bad_input():
    with pytest.raises(ValueError, match="keyword"):
        cy.article.find("")
    with pytest.raises(ValueError, match="keyword"):
        cy.article.find("   ")
    with pytest.raises(TypeError, match="keyword"):
        cy.article.find(15)
    assert len(cy.article.find("no such words here")) == 0


@pytest.mark.parametrize("name", ["li_xiehua", "李谢华", "Li Xiehua", "li xiehua", "LIXIEHUA"])
def test_delegate_lookup(name):
    d = cy.article.delegate(name)
    assert d["delegate_id"] == "li_xiehua"
    assert set(d["proposals"]["delegate_id"]) == {"li_xiehua"}
    assert len(d["proposals"]) >= 3


def test_delegate_bad_input():
    with pytest.raises(ValueError, match="valid: li_xiehua 李谢华 Li Xiehua"):
        cy.article.delegate("Zhang San")
    with pytest.raises(ValueError, match="name"):
        cy.article.delegate("")
    with pytest.raises(TypeError, match="name"):
        cy.article.delegate(None)


def test_returns_copies():
    d = cy.article.delegates()
    d.loc[0, "name_zh"] = "changed"
    assert cy.article.delegates().loc[0, "name_zh"] == "李谢华"
