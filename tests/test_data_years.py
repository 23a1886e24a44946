"""Reference year vs the date a figure was stated, and the contradictions kept on purpose."""
from __future__ import annotations

import pandas as pd
import pytest

import chengyu_lib as cy

TABLES = ["circle_economy", "industry_clusters", "article/figures", "city_clusters"]


@pytest.mark.parametrize("name", TABLES)
def test_an_inferred_year_says_how_and_when_it_was_stated(name):
    df = cy.datasets.load(name)
    for _, row in df.iterrows():
        basis, stated, year = row["year_basis"], row["stated"], row["year"]
        if pd.isna(year):
            assert basis is None and stated is None, row.to_dict()
            continue
        if basis == "printed":
            assert stated is None, f"{name}: printed year needs no stated date: {row.to_dict()}"
            continue
        assert stated, f"{name}: year_basis {basis} needs the date stated: {row.to_dict()}"
        said = int(str(stated)[:4])
        rule = {"statement_date": said == year, "year_before_statement": said == year + 1,
                "context": said > year, "period_end": said >= year}[basis]
        assert rule, f"{name}: year {year} does not follow from {basis} stated {stated}"


def test_the_rows_named_by_the_audit_carry_their_convention():
    circle = cy.datasets.load("circle_economy")
    pop = circle[(circle.year == 2022) & (circle.indicator == "population")]
    assert pop["year_basis"].tolist() == ["period_end"]
    clusters = cy.datasets.load("industry_clusters")
    ccec = clusters[(clusters.region == "ccec") & (clusters.indicator == "output_value")]
    assert set(ccec["year_basis"]) == {"statement_date"}
    assert sorted(ccec["stated"]) == ["2022-12-03", "2025-06-11"]
    figures = cy.datasets.load("article/figures").set_index("figure_id")
    assert figures.loc["electronics_cluster", "year_basis"] == "context"


def test_the_chongqing_nev_growth_conflict_is_shown_not_hidden():
    df = cy.datasets.load("industry_clusters")
    rows = df[(df.region == "chongqing") & (df.year == 2023) & (df.industry == "nev")
              & (df.indicator == "growth") & (df.period == "full_year")]
    assert sorted(rows["value"]) == [30.3, 37.0]
    for note, other in zip(rows.sort_values("value")["note"], ("37%", "30.3%")):
        assert note.startswith("CONFLICT") and other in note
    levels = df[(df.region == "chongqing") & (df.industry == "nev") & (df.period == "full_year")
                & (df.indicator == "output_vehicles")].set_index("year")["value"]
    # the stored levels imply at least +36.9 %, which is why 30.3 % is flagged
    assert levels[2023] / levels[2022] - 1 > 0.369
    caveats = " ".join(df.attrs["meta"]["caveats"])
    assert "30.3%" in caveats and "37%" in caveats and "not resolved" in caveats
