"""Notebook 02 explorers: the numbers they show and that moving a control changes them."""
import math

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib.widgets import _growth as g  # noqa: E402

Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
R = pd.Series([8.5, 3.0, 6.1], index=[2021, 2022, 2023])


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def test_constant_prices_chain_both_ways():
    b21 = g.constant_price_levels(Y, R, 2021)
    assert b21.loc[2021] == Y.loc[2021]
    assert math.isclose(b21.loc[2023], 73919.2 * 1.03 * 1.061)
    b23 = g.constant_price_levels(Y, R, 2023)
    assert b23.loc[2023] == Y.loc[2023]
    assert math.isclose(b23.loc[2021], 81986.7 / 1.061 / 1.03)
    # growth of the constant-price series is the real growth, whatever the base year
    for b in (2021, 2022, 2023):
        s = g.constant_price_levels(Y, R, b)
        assert math.isclose(s.loc[2023] / s.loc[2022] - 1, 0.061)


def test_constant_prices_refuses_gaps_and_bad_base():
    with pytest.raises(ValueError, match="consecutive"):
        g.constant_price_levels(pd.Series([1.0, 2.0], index=[2019, 2021]), R, 2019)
    with pytest.raises(ValueError, match="base_year"):
        g.constant_price_levels(Y, R, 2020)
    with pytest.raises(ValueError, match="real_growth must cover"):
        g.constant_price_levels(Y, R.drop(2022), 2021)
    with pytest.raises(TypeError, match="levels must be a pandas Series"):
        g.constant_price_levels([1.0, 2.0], R, 2021)


def test_nominal_real_table_price_change():
    t = g.nominal_real_table(Y, R).set_index("year")
    assert t.loc[2022, "nominal_growth"] == 4.96
    assert t.loc[2023, "nominal_growth"] == 5.67
    assert t.loc[2023, "price_change"] == -0.41  # prices fell in 2023
    assert math.isnan(t.loc[2021, "nominal_growth"])


def test_summary_and_first_year():
    assert g.first_year_reaching(Y, 80000) == 2023
    assert g.first_year_reaching(Y, 90000) is None
    assert "781.1 亿元 above" in g.nominal_real_summary(Y, R, 2021)
    assert "1,986.7 亿元 above" in g.nominal_real_summary(Y, R, "current")
    with pytest.raises(TypeError, match="basis"):
        g.nominal_real_summary(Y, R, "2021")


def test_nominal_real_explorer_responds():
    box = cy.widgets.nominal_real_explorer(Y, R)
    toggle, out = box.children
    before = _text(out)
    assert "81,986.7" in before and "current prices" in before
    assert any("image/png" in o.get("data", {}) for o in out.outputs)
    toggle.value = 2021
    after = _text(out)
    assert after != before
    assert "80,781.1" in after and "prices of 2021" in after
    toggle.value = 2022
    assert "82,320.9" in _text(out)


def test_nominal_real_explorer_default_data():
    box = cy.widgets.nominal_real_explorer()
    assert "81,986.7" in _text(box.children[1])


def test_cagr_between_matches_curriculum():
    d = g.cagr_between(pd.Series([73919.2, 77587.99, 81986.67], index=[2021, 2022, 2023]),
                       2021, 2023)
    assert round(d["cagr"], 2) == 5.32
    assert d["years"] == 2
    gap = g.cagr_between(pd.Series([63000.0, 81986.7], index=[2019, 2023]), 2019, 2023)
    assert gap["mean_of_rates"] is None
    with pytest.raises(ValueError, match="end must be later"):
        g.cagr_between(Y, 2023, 2021)


def test_cagr_explorer_responds():
    box = cy.widgets.cagr_explorer()
    (start, end), out = box.children[0].children, box.children[1]
    start.value, end.value = 2021, 2023
    text = _text(out)
    assert "CAGR 2021–2023 (2 years): 5.32% a year" in text
    end.value = 2022
    changed = _text(out)
    assert changed != text and "4.96%" in changed
    start.value = 2019
    assert "近6.3万亿元" in _text(out)  # the rounded base year shows its note


def test_pick_vintage_prefers_and_keeps_gaps():
    prov = g.pick_vintage(cy.datasets.load("province_economy"), "gdp")
    sc = prov[prov["region"] == "sichuan"].set_index("year")
    assert sc.loc[2022, "vintage"] == "final"       # first release not found
    assert 2016 not in sc.index                     # gap stays a gap
    cq = prov[prov["region"] == "chongqing"].set_index("year")
    assert cq.loc[2020, "vintage"] == "preliminary"  # preferred over final
    with pytest.raises(ValueError, match="no rows"):
        g.pick_vintage(cy.datasets.load("circle_economy"), "nonsense")
