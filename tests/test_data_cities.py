"""The circle's 16 cities in 2023: GDP and year-end population for every city, and the
yearbook transcription that fills the gaps checked against the exact figures found elsewhere."""
from __future__ import annotations

import re

import pytest

import chengyu_lib as cy

YEARBOOK = "eco8-cnyb2024-"


@pytest.fixture(scope="module")
def economy():
    return cy.datasets.load("city_economy")


def _yearbook_quotes():
    src = cy.datasets.sources().set_index("source_id")
    out = {}
    for sid, rec in src[src.index.str.startswith(YEARBOOK)].iterrows():
        q = rec["quote"]
        grab = lambda label: float(re.search(re.escape(label) + r"[^|]*?全市 ([\d.]+)", q)
                                   .group(1))
        out[sid[len(YEARBOOK):-len("2023")]] = {
            "population": grab("常住人口（万人）"), "urbanisation_rate": grab("城镇化率"),
            "gdp": grab("地区生产总值（当年价格）"), "real_growth": grab("地区生产总值增长率"),
            "primary_share": grab("第一产业"), "secondary_share": grab("第二产业"),
            "tertiary_share": grab("第三产业")}
    return out


def test_every_city_of_the_circle_has_2023_gdp_and_population(economy):
    cities = cy.datasets.load("cities")
    sichuan = set(cities.loc[cities["province"] == "Sichuan", "city_id"])
    assert len(sichuan) == 15
    got = economy[(economy["year"] == 2023) & (economy["boundary"] == "whole")]
    for ind in ("gdp", "population", "real_growth", "urbanisation_rate"):
        have = set(got.loc[(got["indicator"] == ind) & got["value"].notna(), "city_id"])
        assert sichuan <= have, f"{ind} missing for {sorted(sichuan - have)}"
    prov = cy.datasets.load("province_economy")
    cq = prov[(prov["region"] == "chongqing") & (prov["year"] == 2023) & prov["value"].notna()]
    assert {"gdp", "population"} <= set(cq["indicator"])


def test_one_2023_figure_per_city_and_indicator(economy):
    """The exercise banks and explorers expect one 2023 whole-city row per figure."""
    got = economy[(economy["year"] == 2023) & (economy["boundary"] == "whole")]
    dup = got[got.duplicated(["city_id", "indicator"], keep=False)]
    assert dup.empty, dup[["city_id", "indicator", "vintage"]]


def test_yearbook_transcription_agrees_with_every_exact_figure_after_rounding(economy):
    quotes = _yearbook_quotes()
    assert len(quotes) == 15
    exact = economy[(economy["year"] == 2023) & (economy["boundary"] == "whole")
                    & ~economy["source_id"].str.contains(YEARBOOK)]
    checked = 0
    for rec in exact.itertuples():
        yb = quotes.get(rec.city_id, {}).get(rec.indicator)
        if yb is None:
            continue
        if rec.indicator in ("gdp", "population"):  # printed to whole units
            assert abs(rec.value - yb) <= 0.5 + 1e-9, (rec.city_id, rec.indicator, rec.value, yb)
        else:  # printed to 0.01 (or 0.1 in the other source)
            assert abs(rec.value - yb) <= 0.05 + 1e-9, (rec.city_id, rec.indicator, rec.value, yb)
        checked += 1
    assert checked >= 20


def test_yearbook_rows_are_the_yearbooks_figures_and_say_so(economy):
    quotes = _yearbook_quotes()
    rows = economy[economy["source_id"].str.contains(YEARBOOK)]
    assert len(rows) > 0
    for rec in rows.itertuples():
        assert rec.source_id == f"{YEARBOOK}{rec.city_id}2023"
        assert rec.value == quotes[rec.city_id][rec.indicator]
        assert rec.vintage == "as_reported" and "统计年鉴" in rec.note
    tiers = cy.datasets.sources().set_index("source_id")["tier"]
    assert set(tiers[tiers.index.str.startswith(YEARBOOK)]) == {"weak"}


def test_sector_shares_add_up_to_100(economy):
    got = economy[economy["indicator"].str.endswith("_share")]
    sums = got.groupby(["city_id", "year"])["value"].sum()
    assert len(sums) == 15
    assert ((sums - 100).abs() <= 0.1).all(), sums[(sums - 100).abs() > 0.1]
