"""Tests of chengyu_lib.widgets.ch10_benchmarking_clusters (notebook 10): numbers against hand computation on
the course data, clear errors, and the explorer's Output changing with its control."""
import math

import pytest

import chengyu_lib as cy
from chengyu_lib.widgets import ch10_benchmarking_clusters as C


@pytest.fixture(scope="module")
def table():
    return cy.datasets.load("city_clusters")


def test_bad_input():
    with pytest.raises(ValueError, match="metric"):
        C.cluster_ranking(C.cluster_table(), "gdp_per_km")
    with pytest.raises(ValueError, match="cluster"):
        C.cluster_population(cy.datasets.load("city_clusters"), "prd", 2023)
    with pytest.raises(ValueError, match="pop_years"):
        C.cluster_table(pop_years={"prd": 2022})


def test_population_only_when_all_members_present(table):
    assert C.cluster_population(table, "yrd", 2022) == pytest.approx(2475.89 + 8515 + 6577 + 6127)
    assert C.cluster_population(table, "yrd", 2023) is None      # Shanghai missing
    assert C.cluster_population(table, "jjj", 2023) is None      # Hebei missing
    assert C.cluster_population(table, "gba", 2023) == 8600
    assert C.cluster_population(table, "ccec", 2023) is None


def test_table_same_year_and_mixed(table):
    t = C.cluster_table(table)
    assert t.loc["gba", "per_person"] == pytest.approx(140000 / 8600 * 1e4)
    assert t.loc["gba", "density"] == pytest.approx(8600 / 5.6)
    assert math.isnan(t.loc["ccec", "per_person"]) and math.isnan(t.loc["jjj", "density"])
    assert t.loc["ccec", "share_national"] == pytest.approx(81986.7 / 1260582 * 100)
    assert bool(t.loc["gba", "lower_bound"]) and not bool(t.loc["ccec", "lower_bound"])
    m = C.cluster_table(table, pop_years={"ccec": 2024, "yrd": 2022})
    assert m.loc["ccec", "pop_gap"] == 1 and m.loc["yrd", "pop_gap"] == -1
    assert m.loc["ccec", "per_person"] == pytest.approx(81986.7 / 9853.5 * 1e4)
    assert m.loc["yrd", "density"] == pytest.approx(23694.89 / 35.8)


def test_ranking_and_text():
    m = C.cluster_table(pop_years={"ccec": 2024, "yrd": 2022})
    assert list(C.cluster_ranking(m, "gdp").index) == ["长三角", "粤港澳大湾区", "京津冀", "成渝"]
    assert list(C.cluster_ranking(m, "per_person").index) == ["粤港澳大湾区", "长三角", "成渝"]
    txt = C.cluster_text(m, "per_person")
    assert "成渝 ranks 3 of 3" in txt and "京津冀" in txt
    # the text flags lower-bound GDPs and populations of another year
    assert "lower bound (GDP printed as 突破): 长三角, 粤港澳大湾区" in txt
    assert "population of another year than the GDP: 成渝 (2024), 长三角 (2022)" in txt
    assert "another year" not in C.cluster_text(m, "gdp")


def test_figure_hatches_the_circle():
    ax = C.cluster_figure(C.cluster_table(), "gdp")
    assert len(ax.patches) == 4
    assert sum(1 for p in ax.patches if p.get_hatch()) == 1


def test_explorer_output_changes():
    box = cy.widgets.cluster_explorer(pop_years={"ccec": 2024, "yrd": 2022})
    dd, out = box.children
    before = [o.get("text") for o in out.outputs]
    assert "成渝 ranks 4 of 4" in before[0]
    dd.value = "per_person"
    after = [o.get("text") for o in out.outputs]
    assert after != before and "成渝 ranks 3 of 3" in after[0]
    assert any("image/png" in o.get("data", {}) for o in out.outputs)


def test_bubble_only_complete_clusters():
    ax = C.cluster_bubble(C.cluster_table(pop_years={"ccec": 2024, "yrd": 2022}))
    assert sorted(t.get_text() for t in ax.texts) == ["成渝", "粤港澳大湾区", "长三角"]
    with pytest.raises(ValueError, match="tab"):
        C.cluster_bubble(C.cluster_table(year=2024).drop(index="ccec"))




def test_missing_figures_stay_missing_and_known_ones_use_the_metrics():
    """A cluster without population gets NaN per person (no error, no made-up figure);
    the others equal cy.metrics.per_person / density on their own figures."""
    import numpy as np

    import chengyu_lib as cy
    from chengyu_lib.widgets import ch10_benchmarking_clusters as c10

    tab = c10.cluster_table()
    have = tab["gdp"].notna() & tab["population"].notna()
    assert have.any()
    for c in tab.index[have]:
        assert tab.loc[c, "per_person"] == cy.metrics.per_person(tab.loc[c, "gdp"],
                                                                 tab.loc[c, "population"])
    assert tab.loc[~have, "per_person"].isna().all()
    t = cy.datasets.load("city_clusters")
    gone = tab.index[have][0]
    holed = t[~((t["cluster"] == gone) & (t["indicator"] == "population"))]
    tab2 = c10.cluster_table(holed)
    assert np.isnan(tab2.loc[gone, "per_person"]) and np.isnan(tab2.loc[gone, "density"])
