"""Tests of the notebook-04 explorer (industrial overlap: S, K, LQ by level of detail)."""
import matplotlib
import numpy as np
import pandas as pd
import pytest

import chengyu_lib as cy
from chengyu_lib import widgets
from chengyu_lib.widgets import ch04_industrial_overlap as O

matplotlib.use("Agg")

# Toy tables in the shape of province_economy / national_economy / city_economy.
PROV = pd.DataFrame(
    [(r, y, i, v, "preliminary") for r, y, i, v in [
        ("chongqing", 2023, "primary", 10.0), ("chongqing", 2023, "secondary", 40.0),
        ("chongqing", 2023, "tertiary", 50.0),
        ("sichuan", 2023, "primary", 20.0), ("sichuan", 2023, "secondary", 30.0),
        ("sichuan", 2023, "tertiary", 50.0),
        ("sichuan", 2022, "gdp", 100.0)]]      # 2022: no sectors
    + [("sichuan", 2023, "primary", 99.0, "revised")],   # another vintage: ignored
    columns=["region", "year", "indicator", "value", "vintage"])
NAT = pd.DataFrame({"year": [2023] * 3, "indicator": list(O.SECTORS),
                    "value": [100.0, 400.0, 500.0], "vintage": ["preliminary"] * 3})
CITY = pd.DataFrame({"city_id": ["leshan"] * 3, "boundary": ["whole"] * 3,
                     "year": [2023] * 3, "indicator": list(O.SECTORS),
                     "value": [3.0, 10.0, 11.0], "vintage": ["preliminary"] * 3})
TABLES = dict(provinces=PROV, national=NAT, cities=CITY)


def S_K(a, b):
    """Independent S and K with numpy only."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    sa, sb = a / a.sum(), b / b.sum()
    return (sa @ sb) / np.sqrt((sa @ sa) * (sb @ sb)), np.abs(sa - sb).sum()


def text(box):
    return "".join(o.get("text", "") for o in box.children[-1].outputs
                   if o["output_type"] == "stream")


def test_sector_table_picks_vintage_and_keeps_gaps():
    t = O.sector_table(2023, ["sichuan", "leshan", "china"], **TABLES)
    assert list(t.index) == ["sichuan", "leshan", "china"]
    assert t.loc["sichuan"].tolist() == [20.0, 30.0, 50.0]     # revised row not used
    assert t.loc["leshan", "tertiary"] == 11.0
    gap = O.sector_table(2022, ["chongqing", "sichuan"], **TABLES)
    assert gap.isna().all().all()                                # nothing filled in
    assert cy.metrics.pair_indices(gap)["S"].isna().all()


def test_sector_table_real_data_matches_tables():
    t = O.sector_table(2023, ["chongqing", "sichuan", "leshan", "china"])
    assert t.loc["chongqing", "secondary"] == 11699.14
    assert t.loc["china"].sum() == pytest.approx(1260582, abs=1)  # parts = GDP
    assert t.loc["leshan", "primary"] == 308.3
    t21 = O.sector_table(2021)
    assert t21.notna().all().all()


def test_bad_input():
    with pytest.raises(ValueError, match="regions"):
        O.sector_table(2023, ["atlantis"], **TABLES)
    with pytest.raises(TypeError, match="regions"):
        O.sector_table(2023, "chongqing", **TABLES)
    with pytest.raises(ValueError, match="level"):
        O.level_table("two_digit")
    with pytest.raises(ValueError, match="level"):
        O.constructed_example("three_sectors")
    with pytest.raises(ValueError, match="two rows"):
        cy.metrics.pair_indices(pd.DataFrame([[1.0, 2.0]], index=["a"]))
    with pytest.raises(ValueError, match="region"):
        O.lq_scatter(O.overlap_view("constructed_8").lq, "A", "C")


def test_pair_indices_match_independent_formulas():
    t = O.sector_table(2023, **TABLES)
    p = cy.metrics.pair_indices(t)
    for (a, b), row in p.iterrows():
        S, K = S_K(t.loc[a], t.loc[b])
        assert row["S"] == pytest.approx(S, rel=1e-12)
        assert row["K"] == pytest.approx(K, rel=1e-12)
    # the curriculum's toy shares
    toy = pd.DataFrame([[.07, .39, .54], [.03, .30, .67]], index=["a", "b"])
    assert cy.metrics.pair_indices(toy).loc[("a", "b"), "S"] == pytest.approx(0.977, abs=5e-4)
    assert cy.metrics.pair_indices(toy).loc[("a", "b"), "K"] == pytest.approx(0.26, abs=1e-9)


def test_constructed_example_hides_differences_at_three_sectors():
    c8 = O.constructed_example("constructed_8")
    assert c8.sum(axis=1).tolist() == [100.0, 100.0]
    c3 = O.constructed_example("constructed_3")
    assert c3.loc["A"].tolist() == c3.loc["B"].tolist() == [7.0, 39.0, 54.0]
    v3, v8, vm = (O.overlap_view(k) for k in ("constructed_3", "constructed_8",
                                               "constructed_mfg"))
    assert v3.S == pytest.approx(1.0) and v3.K == pytest.approx(0.0, abs=1e-12)
    assert vm.S < v8.S < v3.S                   # finer / narrower → less similar
    assert v8.K == pytest.approx(0.32)
    assert vm.K == pytest.approx(S_K(c8.iloc[0, 1:5], c8.iloc[1, 1:5])[1])


def test_lq_against_china_and_weighted_mean_is_one():
    v = O.overlap_view("three_sectors", **TABLES)
    assert list(v.lq.index) == ["chongqing", "sichuan"]          # China is the benchmark
    assert v.lq.loc["chongqing", "secondary"] == pytest.approx((40 / 100) / (400 / 1000))
    w = NAT.set_index("indicator")["value"] / 1000
    assert (v.lq * w).sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    nf = O.overlap_view("non_farm", **TABLES)
    assert list(nf.lq.columns) == ["secondary", "tertiary"]
    assert nf.lq.loc["sichuan", "secondary"] == pytest.approx((30 / 80) / (400 / 900))


def test_real_three_sectors_are_near_one():
    v = O.overlap_view("three_sectors", 2023)
    assert v.S > 0.99 and v.K < 0.1                              # the point of the notebook
    assert v.pairs["S"].min() > 0.99


def test_text_and_figure():
    v = O.overlap_view("constructed_mfg")
    t = O.overlap_text(v)
    assert "S = 0.626" in t and "not data" in t
    ax = O.overlap_figure(v)
    assert [x.get_text() for x in ax.get_xticklabels()] == [
        "autos", "electronics", "equipment", "other manufacturing"]
    ax = O.lq_scatter(O.overlap_view("constructed_8").lq, "A", "B")
    assert len(ax.lines) == 2                                    # the two lines at LQ = 1


def test_explorer_responds_to_level():
    box = widgets.overlap_explorer(**TABLES)
    dropdown = box.children[0]
    assert dropdown.value == "three_sectors"
    before = text(box)
    assert "Chongqing vs Sichuan" in before
    dropdown.value = "constructed_mfg"
    after = text(box)
    assert after != before and "S = 0.626" in after
    assert any(o["output_type"] == "display_data" for o in box.children[-1].outputs)
    dropdown.value = "three_sectors"
    assert text(box) == before


def test_registered_in_widgets():
    for name in ("overlap_explorer", "overlap_view", "sector_table", "lq_scatter"):
        assert name in cy.widgets.__all__
