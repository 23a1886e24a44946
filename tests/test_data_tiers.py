"""Source tiers: every source in data/sources.csv has a tier that agrees with its address and
publisher; each row's best tier, the counts per table and cite()'s marks follow from them."""
from __future__ import annotations

import csv
import ipaddress
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

import chengyu_lib as cy
from chengyu_lib.datasets import TIERS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

#: news outlets whose own sites count as mainstream (national, provincial, or the party/state
#: paper of a provincial capital); a page there must carry the outlet's own report
MAINSTREAM_HOSTS = ("scol.com.cn", "news.cn", "xinhuanet.com", "people.com.cn", "cqnews.net",
                    "cqrb.cn", "bjreview.com", "china.com.cn", "51grb.com", "chengdu.cn",
                    "ce.cn", "yicai.com", "yicaiglobal.com")   # 第一财经 (SMG), and its English site
#: words by which a publisher field says the page is a copy and names the original
COPY_WORDS = ("转载", "镜像", "via", "copy", "reprinting", "引", "据", "转述", "quoting",
              "on ")


def _rows():
    with open(DATA / "sources.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SOURCES = _rows()


def _host(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def test_every_source_has_a_known_tier():
    tiers = cy.datasets.sources()["tier"]
    assert tiers.isin(TIERS).all(), tiers[~tiers.isin(TIERS)]
    # all four tiers occur: the column is not a constant
    assert set(tiers) == set(TIERS)


def test_official_sources_are_on_government_sites():
    bad = [(r["source_id"], r["url"]) for r in SOURCES if r["tier"] == "official"
           and not _host(r["url"]).endswith("gov.cn")]
    assert not bad


def test_mainstream_sources_are_on_an_outlets_own_site():
    bad = [(r["source_id"], r["url"]) for r in SOURCES if r["tier"] == "mainstream"
           and r["source_id"] != "art-report"
           and not any(_host(r["url"]) == h or _host(r["url"]).endswith("." + h)
                       for h in MAINSTREAM_HOSTS)]
    assert not bad
    # the report itself: printed by two provincial party papers, kept as the course's copy
    report = next(r for r in SOURCES if r["source_id"] == "art-report")
    assert report["url"].startswith("seed:") and "重庆日报" in report["publisher"]


def test_reprints_say_they_are_copies_and_name_the_original():
    bad = [(r["source_id"], r["publisher"]) for r in SOURCES if r["tier"] == "reprint"
           and not any(w in r["publisher"] for w in COPY_WORDS + ("，", "（"))]
    assert not bad


def test_copies_on_mirrors_and_ip_addresses_are_labelled_and_never_official_or_mainstream():
    flagged = ("wenxuan.news", "zgjiaodian.com", "jttl.com.cn", "smartjx.com")
    for r in SOURCES:
        host = _host(r["url"])
        if _is_ip(host) or any(host.endswith(f) for f in flagged):
            assert r["tier"] in ("reprint", "weak"), r["source_id"]
            assert re.search("转载|镜像|copy|via", r["publisher"]), (
                f"{r['source_id']}: publisher does not say the page is a copy")


def test_best_tier_of_a_row_is_the_best_over_all_source_columns():
    frame = pd.DataFrame({
        "source_id": ["eco-maigoo-cq-gdp-series; eco-tjjcq-2022-04-01-circle2021",
                      "eco-maigoo-cq-gdp-series", "eco-maigoo-cq-gdp-series", None],
        "second_source_id": [None, "eco-cqrb-2022-08-10-cqpop2021", None, None],
        "value": [1.0, 2.0, 3.0, 4.0]})
    got = cy.datasets.row_tiers(frame).tolist()
    assert got == ["official", "mainstream", "weak", None]


def test_row_tiers_refuses_what_is_not_a_table():
    with pytest.raises(TypeError, match="table must be"):
        cy.datasets.row_tiers(42)


def test_counts_per_table_add_up_and_match_row_tiers():
    counts = cy.datasets.tier_counts().set_index("dataset")
    assert (counts[list(TIERS)].sum(axis=1) == counts["total"]).all()
    assert (counts["reprint"] + counts["weak"] == counts["reprint_or_weak"]).all()
    assert (counts["reprint_or_weak_2plus"] <= counts["reprint_or_weak"]).all()
    # tongban T06 rests on three reprints: it is one of the rows counted with 2+ sources
    assert counts.loc["tongban_timeline", "reprint_or_weak_2plus"] >= 1
    t = cy.datasets.row_tiers("city_economy").dropna()
    assert counts.loc["city_economy", "weak"] == (t == "weak").sum()
    assert counts.loc["city_economy", "total"] == len(t)


def test_readme_shows_the_tier_counts():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    counts = cy.datasets.tier_counts()
    assert "## Source tiers" in text
    for rec in counts.itertuples(index=False):
        assert (f"| `{rec.dataset}` | {rec.official} | {rec.mainstream} | {rec.reprint} | "
                f"{rec.weak} | {rec.total} | {rec.reprint_or_weak_2plus} |") in text


def test_cite_marks_the_rows_resting_only_on_reprints_or_weak_sources():
    frame = cy.datasets.load("city_economy")
    best = cy.datasets.row_tiers(frame)
    expected: dict[str, int] = {}
    for (_, row), tier in zip(frame.iterrows(), best):
        if tier in ("reprint", "weak"):
            ids = {i.strip() for c in frame.columns if c.endswith("source_id")
                   for i in str(row[c] or "").split(";") if i.strip()}
            for i in ids:
                expected[i] = expected.get(i, 0) + 1
    cited = cy.datasets.cite(frame).set_index("source_id")
    assert cited["reprint_or_weak_rows"].to_dict() == {
        sid: expected.get(sid, 0) for sid in cited.index}
    assert cited["reprint_or_weak_rows"].sum() > 0
    assert cited["tier"].isin(TIERS).all()
    # a source on which no low-tier row rests gets 0
    official = cited[cited["tier"] == "official"]
    assert (official["reprint_or_weak_rows"] == 0).all()


def test_a_bad_tier_is_refused_naming_the_column(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",official\n", ",governmental\n", 1), encoding="utf-8")
    # record the edited file's integrity, so the tier check (not the hash check) is reached
    meta_path = tmp_path / "data" / "sources.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["integrity"] = cy.datasets.integrity(path)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(cy.datasets.DatasetError, match="column 'tier'"):
        cy.datasets.sources(root=tmp_path / "data")


def test_tier_note_counts_and_names_the_low_tier_rows_in_both_languages():
    frame = cy.datasets.load("city_economy")
    tiers = cy.datasets.row_tiers(frame)
    low = frame[tiers.isin(["reprint", "weak"]).to_numpy()]
    good = frame[~tiers.isin(["reprint", "weak"]).to_numpy() & tiers.notna().to_numpy()]
    assert len(low) and len(good), "the test needs rows of both kinds"
    mixed = pd.concat([low.head(3), good.head(2)])
    try:
        cy.set_language("en")
        note = cy.datasets.tier_note(mixed, ["city_id", "indicator"])
        assert note.startswith("Check before citing: 3 of the 5 rows")
        for rec in low.head(3).itertuples():
            assert f"{rec.city_id} {rec.indicator}" in note
        named = note.split("(", 1)[1].rstrip(").").split(", ")
        assert named == list(dict.fromkeys(f"{r.city_id} {r.indicator}"
                                           for r in low.head(3).itertuples()))
        assert cy.datasets.tier_note(good.head(2)).startswith("Every one of the 2 rows")
        assert cy.datasets.tier_note(low, "city_id", limit=2).endswith(", …).")
        cy.set_language("zh")
        zh = cy.datasets.tier_note(mixed, "city_id")
        assert zh.startswith("引用前请核对：这里用到的 5 行数据中，有 3 行")
    finally:
        cy.set_language("en")


def test_tier_note_refuses_bad_arguments_by_name():
    frame = cy.datasets.load("circle_economy")
    with pytest.raises(TypeError, match="label"):
        cy.datasets.tier_note(frame, 3)
    with pytest.raises(ValueError, match="limit"):
        cy.datasets.tier_note(frame, limit=0)
    with pytest.raises(TypeError, match="table"):
        cy.datasets.tier_note([1, 2])
