"""Notebook 09 explorers: project tables, scenario numbers, and that the controls move
the Output."""

import math

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib.widgets import ch09_projects_and_scenarios as p  # noqa: E402

Y0 = 81986.67       # the report's 2023 GDP, 亿元


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def _has_png(out):
    return any("image/png" in o.get("data", {}) for o in out.outputs)


# ------------------------------------------------------------------ project tables
def test_projects_table_full_splits_add_up():
    for year, n in ((2022, 160), (2023, 248)):
        t = p.projects_table(year)
        assert t.index[-1] == "total" and not t["combined"].any()
        assert t.loc["total", "projects"] == n
        assert t.drop("total")["projects"].sum() == n
    t = p.projects_table(2023)
    assert math.isclose(t.drop("total")["planned_annual_investment"].sum(), 3395.3)
    assert math.isclose(t.loc["total", "total_investment"], 32500.0)


def test_projects_table_2024_keeps_printed_groups():
    t = p.projects_table(2024)
    assert t.loc["total", "projects"] == 300 and t.loc["total", "total_investment"] == 36000
    assert bool(t.loc["industry_innovation", "combined"])
    assert t.loc["industry", "projects"] + t.loc["innovation", "projects"] == \
        t.loc["industry_innovation", "projects"]                     # 114 + 31 = 145
    singles = t[~t["combined"]].drop("total")["projects"].sum()
    assert singles == 263                                            # 37 not found
    assert pd.isna(t.loc["total", "planned_annual_investment"])     # a gap stays a gap
    q3 = p.projects_table(2024, ["completed_investment", "completion_rate"],
                          period="2024-01..2024-09")
    assert q3.loc["total", "completed_investment"] == 3699.0
    assert q3.loc["total", "completion_rate"] == 84.7


def test_every_category_is_known_single_or_combined():
    cats = set(cy.datasets.load("major_projects")["category"])
    singles = {"total", "infrastructure", "industry", "innovation", "culture_tourism",
               "ecology", "opening_up", "public_services"}
    assert cats - singles == set(p.COMBINED)


def test_projects_table_bad_input():
    with pytest.raises(TypeError, match="year"):
        p.projects_table("2023")
    with pytest.raises(ValueError, match="indicators"):
        p.projects_table(2023, ["gdp"])
    with pytest.raises(ValueError, match="period"):
        p.projects_table(2023, period="2023-01..2023-06")
    with pytest.raises(TypeError, match="indicators"):
        p.projects_table(2023, "projects")


# ------------------------------------------------------------------ scenarios
def test_scenario_base_is_the_report_figure():
    assert p.scenario_base() == (2023, Y0)


def test_scenario_view_numbers():
    v = p.scenario_view(0.05, 100000)
    assert round(v.level_end / 1e4, 2) == 11.54                     # curriculum key
    assert math.isclose(v.level_end, Y0 * 1.05 ** 7)
    assert round(100 * v.required, 2) == 2.88                       # curriculum key
    assert math.isclose(v.required, (100000 / Y0) ** (1 / 7) - 1)
    assert round(v.years_to_target, 2) == 4.07 and v.reach_year == 2028
    assert v.path.index.tolist() == list(range(2023, 2031))
    # the reach year is the first calendar year at or above the target
    assert v.path[2027] < 100000 <= v.path[2028]
    assert p.scenario_view(0.05, 120000).reach_year == 2031
    assert p.scenario_view(0.05, 90000).reach_year == 2025
    assert p.scenario_view(0.0, 100000).reach_year is None
    assert p.scenario_view(0.0, 100000).years_to_target is None
    slow = p.scenario_view(0.01, 100000)                            # 20 years: too late
    assert slow.reach_year is None and slow.years_to_target > 17
    # a target already passed is reached in the base year
    assert p.scenario_view(0.05, 80000).reach_year == 2023


def test_scenario_text():
    text = p.scenario_text(p.scenario_view(0.05, 100000))
    assert "11.54万亿元" in text and "first reached in 2028" in text
    assert "2.88% a year" in text and "not a forecast" in text
    assert "not reached by 2040" in p.scenario_text(p.scenario_view(0.01, 100000))
    assert "never reached" in p.scenario_text(p.scenario_view(0.0, 100000))
    with pytest.raises(TypeError, match="view"):
        p.scenario_text(0.05)


def test_scenario_paths():
    t = p.scenario_paths([0.03, 0.05])
    assert list(t.columns) == ["year", "rate", "scenario", "gdp"]
    assert len(t) == 16 and t["scenario"].unique().tolist() == ["3%", "5%"]
    last = t[t["year"] == 2030].set_index("rate")["gdp"]
    assert math.isclose(last[0.05], Y0 * 1.05 ** 7)
    assert math.isclose(last[0.03], float(cy.scenarios.project(Y0, 0.03, 7)))


def test_scenario_bad_input():
    with pytest.raises(ValueError, match="rate"):
        p.scenario_view(5, 100000)                                   # percent, not fraction
    with pytest.raises(ValueError, match="rate"):
        p.scenario_view(-1.5, 100000)
    with pytest.raises(TypeError, match="rate"):
        p.scenario_view("5%", 100000)
    with pytest.raises(ValueError, match="target"):
        p.scenario_view(0.05, -1)
    with pytest.raises(ValueError, match="end_year"):
        p.scenario_view(0.05, 100000, end_year=2020)
    with pytest.raises(TypeError, match="end_year"):
        p.scenario_view(0.05, 100000, end_year=2030.5)
    with pytest.raises(ValueError, match="y0"):
        p.scenario_view(0.05, 100000, y0=0, base_year=2023)
    with pytest.raises(TypeError, match="rates"):
        p.scenario_paths(0.05)
    with pytest.raises(TypeError, match="fan"):
        p.scenario_figure(0.05, fan=0.02)


def test_scenario_figure_draws_the_chosen_path_and_target():
    ax = p.scenario_figure(0.05, 100000, fan=(0.02, 0.08),
                           observed=pd.Series({2024: 87193.0}))
    ys = [line.get_ydata() for line in ax.get_lines()]
    assert round(float(ys[2][-1]), 2) == 11.54                      # chosen path, 万亿元
    assert float(ys[3][0]) == 10.0                                   # target line
    assert any(len(y) == 1 and math.isclose(float(y[0]), 8.7193) for y in ys)
    assert ax.get_ylabel() == cy.plotting.label("gdp_trillion")


# ------------------------------------------------------------------ the explorer
def test_scenario_explorer_responds_to_both_controls():
    box = cy.widgets.scenario_explorer()
    (slider, target), out = box.children[0].children, box.children[1]
    first = _text(out)
    assert "11.54万亿元" in first and "2028" in first and _has_png(out)
    slider.value = 2.0
    second = _text(out)
    assert second != first and "not reached by 2040" not in second
    assert "2.0% a year" in second and "9.42万亿元" in second
    target.value = 120000.0
    third = _text(out)
    assert third != second and "12万亿元" in third and _has_png(out)
    slider.value = 0.0
    assert "never reached" in _text(out)
