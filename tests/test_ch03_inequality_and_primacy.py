"""Tests of the notebook-03 explorer (inequality and primacy) and its pure functions."""
import numpy as np
import pandas as pd
import pytest

from chengyu_lib import widgets
from chengyu_lib.widgets import ch03_inequality_and_primacy as Q

# Toy tables in the shape of cities / city_economy / province_economy.
CITIES = pd.DataFrame({
    "city_id": ["chongqing", "chengdu", "mianyang", "deyang", "yibin", "neijiang"],
    "name_zh": ["重庆", "成都", "绵阳", "德阳", "宜宾", "内江"],
    "name_en": ["Chongqing", "Chengdu", "Mianyang", "Deyang", "Yibin", "Neijiang"],
    "province": ["Chongqing"] + ["Sichuan"] * 5})
_rows = [  # city_id, boundary, indicator, value   (toy values except the GDPs)
    ("chongqing", "main_metro_area", "gdp", 23120.1),
    ("chongqing", "main_metro_area", "population", 2100.0),
    ("chengdu", "whole", "gdp", 22074.72), ("chengdu", "whole", "population", 2140.0),
    ("mianyang", "whole", "gdp", 4038.73), ("mianyang", "whole", "population", 490.0),
    ("deyang", "whole", "gdp", 3014.41), ("deyang", "whole", "population", 345.0),
    ("yibin", "whole", "gdp", 3806.64),                       # no population
    ("neijiang", "whole", "population", 310.0),               # no GDP
]
ECONOMY = pd.DataFrame([{"city_id": c, "boundary": b, "year": 2023, "indicator": i,
                         "value": v, "vintage": "preliminary"} for c, b, i, v in _rows])
PROVINCES = pd.DataFrame({"region": ["chongqing", "chongqing", "sichuan"],
                          "year": [2023] * 3, "indicator": ["gdp", "population", "gdp"],
                          "value": [30145.79, 3190.0, 60132.9],
                          "vintage": ["preliminary"] * 3})


def inputs(boundary="whole"):
    return Q.inequality_inputs(2023, boundary, CITIES, ECONOMY, PROVINCES)


def independent(gdp, pop, groups, weighted):
    """CV and Theil written out with numpy only."""
    gdp, pop = np.asarray(gdp, float), np.asarray(pop, float)
    y = gdp / pop
    if weighted:
        p = pop / pop.sum()
        m = (p * y).sum()
        cv = np.sqrt((p * (y - m) ** 2).sum()) / m
    else:
        cv = y.std() / y.mean()
    s, p = gdp / gdp.sum(), pop / pop.sum()
    T = (s * np.log(s / p)).sum()
    between = 0.0
    for g in set(groups):
        idx = [k for k, gg in enumerate(groups) if gg == g]
        between += s[idx].sum() * np.log(s[idx].sum() / p[idx].sum())
    return cv, T, between


def text(box):
    return "".join(o.get("text", "") for o in box.children[-1].outputs
                   if o["output_type"] == "stream")


def test_inputs_boundary_and_gaps():
    whole, metro = inputs("whole"), inputs("main_metro_area")
    assert whole.loc["chongqing", "gdp"] == 30145.79            # from province_economy
    assert metro.loc["chongqing", "gdp"] == 23120.1             # 主城都市区
    assert np.isnan(whole.loc["yibin", "population"])          # gap stays a gap
    assert np.isnan(whole.loc["neijiang", "gdp"])
    assert whole.loc["chengdu", "gdp_per_capita"] == pytest.approx(1e4 * 22074.72 / 2140)


def test_summary_matches_independent_formulas():
    t = inputs("whole")
    use = ["chongqing", "chengdu", "mianyang", "deyang"]        # both figures known
    for weighted in (False, True):
        s = Q.inequality_summary(t, weighted=weighted)
        cv, T, between = independent(t.loc[use, "gdp"], t.loc[use, "population"],
                                     list(t.loc[use, "province"]), weighted)
        assert s["n_cities"] == 4
        assert s["cv"] == pytest.approx(cv, rel=1e-10)
        assert s["theil"] == pytest.approx(T, rel=1e-10)
        assert s["between"] == pytest.approx(between, rel=1e-10)
        assert s["between"] + s["within"] == pytest.approx(s["theil"], rel=1e-10)
    # primacy uses every Sichuan city with GDP (Yibin counts, though it lacks population)
    assert s["n_sichuan_gdp"] == 4
    assert s["S2_sichuan"] == pytest.approx(22074.72 / 4038.73)
    assert s["S4_sichuan"] == pytest.approx(22074.72 / (4038.73 + 3806.64 + 3014.41))
    assert s["S2_chongqing_chengdu_gdp"] == pytest.approx(30145.79 / 22074.72)


def test_summary_with_too_few_cities_is_nan_not_an_error():
    t = inputs("whole").loc[["chongqing", "yibin", "chengdu"]]
    t.loc["chengdu", "population"] = np.nan
    s = Q.inequality_summary(t)
    assert s["n_cities"] == 1 and np.isnan(s["cv"]) and np.isnan(s["theil"])
    assert "n/a" in Q.inequality_text(s)


def test_bad_input():
    with pytest.raises(ValueError, match="chongqing"):
        Q.inequality_inputs(2023, "urban_districts", CITIES, ECONOMY, PROVINCES)
    with pytest.raises(TypeError, match="weighted"):
        Q.inequality_summary(inputs(), weighted="yes")
    with pytest.raises(ValueError, match="year"):
        Q.inequality_inputs(1990, "whole", CITIES, ECONOMY, PROVINCES)


def test_explorer_boundary_and_weighting_change_output():
    box = widgets.inequality_explorer(cities=CITIES, economy=ECONOMY, provinces=PROVINCES)
    dropdown, check, out = box.children
    first = text(box)
    assert f"GDP {30145.79 / 22074.72:.3f}" in first            # 1.366, 全市
    assert any(o["output_type"] == "display_data" for o in out.outputs)

    dropdown.value = "main_metro_area"
    second = text(box)
    assert second != first
    assert f"GDP {23120.1 / 22074.72:.3f}" in second            # 1.047, 主城都市区
    assert "主城都市区" in second

    t = inputs("main_metro_area")
    use = ["chongqing", "chengdu", "mianyang", "deyang"]
    cv_w, _, _ = independent(t.loc[use, "gdp"], t.loc[use, "population"],
                             list(t.loc[use, "province"]), True)
    check.value = True
    third = text(box)
    assert third != second
    assert f"CV of GDP per person (population-weighted): {cv_w:.3f}" in third


def test_core_periphery_is_province_minus_chengdu():
    sichuan_pop = pd.DataFrame({"region": ["sichuan"], "year": [2023],
                                "indicator": ["population"], "value": [8368.0],
                                "vintage": ["preliminary"]})
    cp = Q.core_periphery_inputs(2023, CITIES, ECONOMY, pd.concat([PROVINCES, sichuan_pop]))
    assert cp.index.tolist() == ["chengdu", "rest_of_sichuan", "chongqing"]
    assert cp.loc["rest_of_sichuan", "gdp"] == pytest.approx(60132.9 - 22074.72)
    assert cp.loc["rest_of_sichuan", "population"] == pytest.approx(8368.0 - 2140.0)
    s = Q.inequality_summary(cp)
    cv, T, between = independent(cp["gdp"], cp["population"], list(cp["province"]), False)
    assert (s["cv"], s["theil"], s["between"]) == pytest.approx((cv, T, between))
    with pytest.raises(ValueError, match="Sichuan province"):
        Q.core_periphery_inputs(2023, CITIES, ECONOMY, PROVINCES)   # no Sichuan population


def test_rank_size_chart_slope_label():
    ax = Q.rank_size_chart(pd.Series({"A": 1200.0, "B": 600.0, "C": 400.0}, name="gdp"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "fitted slope -1.00" in labels


def test_per_capita_is_the_metric_where_known_and_missing_elsewhere():
    import chengyu_lib as cy
    from chengyu_lib.widgets import ch03_inequality_and_primacy as c3

    t = c3.inequality_inputs(2022, "whole")            # a year with gaps
    have = t["gdp"].notna() & t["population"].notna()
    assert have.any() and not have.all()
    assert t.loc[~have, "gdp_per_capita"].isna().all()
    expected = cy.metrics.per_person(t.loc[have, "gdp"], t.loc[have, "population"])
    assert t.loc[have, "gdp_per_capita"].equals(expected)
