"""Notebook 06 explorers: the whole rate as a weighted average of subregions, the
resident–hukou gap, and that the controls move the Output."""

import math

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib.widgets import ch06_urbanisation as u  # noqa: E402


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def _has_png(out):
    return any("image/png" in o.get("data", {}) for o in out.outputs)


@pytest.fixture(scope="module")
def table():
    return cy.datasets.load("urbanisation")


def _v(table, region, indicator, year=2022):
    rows = table[(table.region == region) & (table.indicator == indicator)
                 & (table.year == year)]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


# ------------------------------------------------------------------ the data adds up
def test_subregion_populations_add_up_to_the_whole(table):
    """The check the `sums` format cannot state: regions, not indicators, are the parts."""
    parts = sum(_v(table, r, "population") for r in u.SUBREGIONS["chongqing"])
    assert math.isclose(parts, _v(table, "chongqing", "population"), rel_tol=1e-9)
    parts = sum(_v(table, r, "population") for r in u.SUBREGIONS["cq_main_metro"])
    assert math.isclose(parts, _v(table, "cq_main_metro", "population"), rel_tol=1e-9)


def test_weighted_rate_rebuilds_the_published_whole(table):
    """Σ P_k u_k / Σ P_k by hand equals the published 70.96% (and 79.8% for the main
    metropolitan area from its two parts), within the printed rounding."""
    for whole, tol in (("chongqing", 0.005), ("cq_main_metro", 0.05)):
        parts = u.SUBREGIONS[whole]
        P = [_v(table, r, "population") for r in parts]
        R = [_v(table, r, "urbanisation_rate") for r in parts]
        by_hand = sum(p * r for p, r in zip(P, R)) / sum(P)
        assert math.isclose(cy.metrics.weighted_rate(R, P), by_hand, rel_tol=1e-12)
        assert abs(by_hand - _v(table, whole, "urbanisation_rate")) < tol


def test_unweighted_mean_is_far_off(table):
    t = u.urbanisation_table()
    assert round(cy.metrics.unweighted_rate(t["urbanisation_rate"]), 2) == 62.0
    assert cy.metrics.weighted_rate(t["urbanisation_rate"], t["population"]) - \
        cy.metrics.unweighted_rate(t["urbanisation_rate"]) > 8.9


def test_urbanisation_table_columns_and_weights():
    t = u.urbanisation_table("cq_main_metro")
    assert list(t.index) == ["cq_central_urban", "cq_new_main_metro"]
    assert list(t["name_zh"]) == ["中心城区", "主城新区"]
    assert math.isclose(t["weight"].sum(), 1.0)
    assert math.isclose(t.loc["cq_central_urban", "weight"], 1047.76 / 2122.72)
    assert math.isclose(t.loc["cq_central_urban", "urban_residents"], 1047.76 * 0.933)


def test_urbanisation_table_bad_input():
    with pytest.raises(ValueError, match="whole must be one of"):
        u.urbanisation_table("sichuan")
    with pytest.raises(ValueError, match="year=2019"):
        u.urbanisation_table(year=2019)
    with pytest.raises(TypeError, match="year"):
        u.urbanisation_table(year="2022")


def test_weighted_rate_bad_input():
    with pytest.raises(ValueError, match="one value per rate"):
        cy.metrics.weighted_rate([50, 60], [1, 2, 3])
    with pytest.raises(ValueError, match="between 0 and 100"):
        cy.metrics.weighted_rate([0.5, 120], [1, 2])
    with pytest.raises(ValueError, match="missing"):
        cy.metrics.weighted_rate([50, float("nan")], [1, 2])
    with pytest.raises(TypeError, match="rates"):
        cy.metrics.unweighted_rate("70.96")
    with pytest.raises(ValueError):
        cy.metrics.weighted_rate([50, 60], [0, 0])


# ------------------------------------------------------------------ the hukou gap
def test_hukou_regions_are_those_with_both_rates():
    assert u.hukou_regions() == ["sichuan", "chengdu"]


def test_hukou_gap_numbers_by_hand(table):
    v = u.hukou_gap_view("sichuan", 0.5)
    assert math.isclose(v.gap_pp, 58.35 - 38.86)
    assert math.isclose(v.gap_relative_pct, 100 * (58.35 - 38.86) / 38.86)
    assert math.isclose(v.hukou_rate_s, 38.86 + 0.5 * (58.35 - 38.86))
    assert math.isclose(v.people_gap, (58.35 - 38.86) / 100 * 8374)
    # urban residents minus urban-hukou holders: the second rough count the text shows
    assert math.isclose(v.people_gap_alt, 58.35 / 100 * 8374 - 38.86 / 100 * 9067.5)
    assert f"{v.people_gap_alt:,.0f}万" in cy.widgets.urbanisation_text(v)
    c = u.hukou_gap_view("chengdu", 0.0)
    assert math.isclose(c.gap_pp, 79.89 - 68.8) and c.hukou_rate_s == 68.8
    assert c.hukou_population == 1571.6


@pytest.mark.parametrize("s", [0.0, 0.3, 1.0])
def test_hukou_rate_moves_linearly_to_the_resident_rate(s):
    v = u.hukou_gap_view("chengdu", s)
    assert math.isclose(v.hukou_rate_s + v.gap_left_pp, v.resident_rate)


def test_hukou_gap_bad_input():
    with pytest.raises(ValueError, match="Chongqing's hukou rate was not found"):
        u.hukou_gap_view("chongqing")
    with pytest.raises(ValueError, match="did you give percent"):
        u.hukou_gap_view("sichuan", 50)
    with pytest.raises(TypeError, match="s must be a number"):
        u.hukou_gap_view("sichuan", "0.5")
    with pytest.raises(TypeError, match="HukouGapView"):
        u.urbanisation_text(0.5)


def test_text_says_illustration_not_projection():
    txt = u.urbanisation_text(u.hukou_gap_view("sichuan", 0.5))
    assert "19.49 pp" in txt and "48.61%" in txt and "not a projection" in txt


# ------------------------------------------------------------------ figures
def test_figures_draw():
    ax = u.subregion_figure()
    assert len(ax.patches) == 3 and ax.get_xlim() == (0.0, 100.0)
    ax = u.urbanisation_figure("sichuan", 0.5)
    xs, ys = ax.get_lines()[-1].get_data()
    assert list(xs) == [50.0] and math.isclose(ys[0], 38.86 + 0.5 * 19.49)
    import matplotlib.pyplot as plt
    plt.close("all")


# ------------------------------------------------------------------ the explorer
def test_explorer_controls_move_the_output():
    box = u.urbanisation_explorer()
    slider, menu, out = box.children
    assert _has_png(out) and "38.86%" in _text(out)
    before = _text(out)
    slider.value = 0.5
    assert _text(out) != before and "48.61%" in _text(out) and _has_png(out)
    before = _text(out)
    menu.value = "chengdu"
    assert _text(out) != before and "成都市" in _text(out) and _has_png(out)


def test_explorer_is_registered():
    assert cy.widgets.urbanisation_explorer is u.urbanisation_explorer
    assert isinstance(cy.widgets.urbanisation_table(), pd.DataFrame)
