"""The issue's 'done when' examples: each computed from the course data in one call."""
import math

import pytest

import chengyu_lib as cy

SECTORS = ["primary", "secondary", "tertiary"]


def sectors(region, year=2023):
    return cy.datasets.series("province_economy", region=region, year=year, indicator=SECTORS)


def test_2023_sector_similarity_of_chongqing_and_sichuan():
    cq, sc = sectors("chongqing"), sectors("sichuan")
    s = cy.metrics.similarity_coefficient(cq, sc)
    # independent arithmetic on the sourced figures
    a = [2074.68, 11699.14, 16371.97]
    b = [6056.6, 21306.7, 32769.5]
    want = sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    assert s == pytest.approx(want, rel=1e-12)
    assert 0.98 < s < 1.0  # at three sectors almost any two economies look alike
    k = cy.metrics.krugman_index(cq, sc)
    assert 0 < k < 0.2


def test_primacy_of_chengdu_among_sichuan_cities_with_2023_data():
    gdp = cy.datasets.series("city_economy", by="city_id", year=2023, indicator="gdp",
                             boundary="whole")
    sichuan = gdp.drop("chongqing", errors="ignore")
    assert cy.metrics.primacy(sichuan, k=2) == pytest.approx(22074.72 / 4038.73)
    assert cy.metrics.primacy(sichuan, k=2) > 2


def test_breaking_point_on_the_corridor():
    cq = cy.datasets.series("province_economy", by="indicator", region="chongqing", year=2023,
                            indicator="gdp").iloc[0]
    cd = cy.datasets.series("city_economy", by="indicator", city_id="chengdu", year=2023,
                            indicator="gdp", boundary="whole").iloc[0]
    d = cy.datasets.series("corridor", by="line_id", value="length_km",
                           line_id="chengyu_hsr").iloc[0]
    from_chengdu = cy.spatial.breaking_point(d, cq, cd, beta=2.0)
    assert from_chengdu == pytest.approx(d / (1 + math.sqrt(cq / cd)))
    assert 0 < from_chengdu < d / 2  # nearer the smaller city


def test_series_refuses_ambiguous_selection():
    with pytest.raises(ValueError, match="several rows per indicator"):
        cy.datasets.series("province_economy", region="chongqing", year=2020,
                           indicator=SECTORS + ["gdp"])  # 2020 gdp: preliminary and final
    with pytest.raises(ValueError, match="no rows of 'province_economy' match"):
        cy.datasets.series("province_economy", region="chongqing", year=1900,
                           indicator=SECTORS)
    with pytest.raises(ValueError, match="nope is not a column"):
        cy.datasets.series("province_economy", nope=1, indicator=SECTORS)
