"""Notebook 07 explorers: the income ratio and convergence time against hand computation,
"never" when g_r <= g_u, bad input, and that moving a slider changes the Output."""

import math

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def _images(out):
    return [o["data"]["image/png"] for o in out.outputs if "image/png" in o.get("data", {})]


def test_income_table_ratios_agree_with_printed():
    sc = cy.widgets.income_table("sichuan")
    assert sc.loc[2022, "ratio_from_levels"] == pytest.approx(43233 / 18672)
    assert sc.loc[2020, "ratio_from_levels"] == pytest.approx(38253 / 15929)
    zj = cy.widgets.income_table("zhejiang")
    assert zj.loc[2020, "ratio_from_levels"] == pytest.approx(62699 / 31930)
    assert zj.loc[2017, "ratio_from_levels"] == pytest.approx(51261 / 24956)
    both = cy.widgets.income_table().dropna(subset=["urban_rural_ratio", "ratio_from_levels"])
    assert len(both) == 4
    # printed ratios are the computed ones rounded (2 or 3 decimals)
    assert ((both["ratio_from_levels"] - both["urban_rural_ratio"]).abs() < 0.005).all()
    # gaps stay empty: Sichuan 2019 and 2021 have only a printed ratio
    assert math.isnan(sc.loc[2021, "urban_income"]) and sc.loc[2021, "urban_rural_ratio"] == 2.36


def test_income_table_bad_region():
    with pytest.raises(ValueError, match="region must be one of"):
        cy.widgets.income_table("chongqing")
    with pytest.raises(TypeError, match="region"):
        cy.widgets.income_table(7)


def test_convergence_inputs_from_the_table():
    d = cy.widgets.convergence_inputs()
    assert d["ratio0"] == pytest.approx(43233 / 18672)
    assert (d["g_rural"], d["g_urban"], d["base_year"]) == (0.044, 0.022, 2022)
    assert (d["target"], d["target_year"]) == (1.96, 2020)


def test_convergence_view_against_hand_computation():
    R0 = 43233 / 18672
    t_hand = math.log(1.96 / R0) / math.log(1.022 / 1.044)
    v = cy.widgets.convergence_view(0.044, 0.022)
    assert v.years == pytest.approx(t_hand)
    assert round(v.years, 2) == 7.82
    assert v.reach_year == 2030 and not v.never
    assert v.path[2029] > 1.96 >= v.path[2030]
    assert v.path[2025] == pytest.approx(R0 * (1.022 / 1.044) ** 3)
    assert v.target_label == "Zhejiang 2020"
    # the printed, rounded 2.32 as the start changes t* a little, not the year
    p = cy.widgets.convergence_view(0.044, 0.022, ratio0=2.32)
    assert p.years == pytest.approx(math.log(2.32 / 1.96) / math.log(1.044 / 1.022))
    assert round(p.years, 2) == 7.92 and p.reach_year == 2030 and p.target_label == "Zhejiang 2020"
    assert cy.widgets.convergence_view(0.044, 0.022, target=2.0).target_label == "target"
    # M12 docstring example; an exact whole number of years lands on that year
    assert cy.widgets.convergence_view(0.07, 0.05, ratio0=2.0, target=1.5,
                                       base_year=2020).reach_year == 2036
    exact = cy.widgets.convergence_view(0.1, 0.0, ratio0=1.21, target=1.0, base_year=2000)
    assert exact.years == pytest.approx(2.0) and exact.reach_year == 2002


def test_never_when_rural_not_faster():
    for g_r, g_u in ((0.022, 0.022), (0.02, 0.03), (0.0, 0.1)):
        v = cy.widgets.convergence_view(g_r, g_u)
        assert v.never and v.years is None and v.reach_year is None
        text = cy.widgets.convergence_text(v)
        assert "never" in text and "Traceback" not in text
    same = cy.widgets.convergence_view(0.03, 0.03)
    assert same.ratio_end == pytest.approx(43233 / 18672)
    assert cy.widgets.convergence_view(0.02, 0.03).ratio_end == pytest.approx(
        43233 / 18672 * (1.03 / 1.02) ** 28)


def test_convergence_text():
    text = cy.widgets.convergence_text(cy.widgets.convergence_view(0.044, 0.022))
    assert "t* = 7.82 years" in text and "first reached in 2030" in text
    assert "(Zhejiang 2020)" in text and "ratio 2.32 in 2022" in text
    with pytest.raises(TypeError, match="view must be a ConvergenceView"):
        cy.widgets.convergence_text(7.82)


def test_convergence_view_bad_input():
    with pytest.raises(ValueError, match="g_rural must be a fraction"):
        cy.widgets.convergence_view(4.4, 0.022)
    with pytest.raises(ValueError, match="g_urban must be greater than -1"):
        cy.widgets.convergence_view(0.044, -1.5)
    with pytest.raises(TypeError, match="g_rural must be a number"):
        cy.widgets.convergence_view("4.4%", 0.022)
    with pytest.raises(ValueError, match="target must not exceed ratio0"):
        cy.widgets.convergence_view(0.044, 0.022, target=2.5)
    with pytest.raises(ValueError, match="must be positive"):
        cy.widgets.convergence_view(0.044, 0.022, ratio0=-2.0, target=-3.0)
    with pytest.raises(ValueError, match="end_year must be after"):
        cy.widgets.convergence_view(0.044, 0.022, end_year=2020)
    with pytest.raises(TypeError, match="base_year"):
        cy.widgets.convergence_view(0.044, 0.022, base_year=2022.5)


def test_figures_draw():
    ax = cy.widgets.convergence_figure(0.044, 0.022)
    path = ax.get_lines()[0]
    assert list(path.get_xdata())[0] == 2022 and list(path.get_xdata())[-1] == 2050
    assert path.get_ydata()[8] == pytest.approx(43233 / 18672 * (1.022 / 1.044) ** 8)
    assert ax.get_lines()[2].get_xdata()[0] == 2030      # the crossing diamond
    assert ax.get_title() == "" and "ratio" in ax.get_ylabel()
    never = cy.widgets.convergence_figure(0.02, 0.03, observed=False)
    assert len(never.get_lines()) == 2                    # no crossing to mark
    assert len(cy.widgets.ratio_figure().get_lines()) == 4


def test_explorer_responds_to_both_sliders():
    box = cy.widgets.convergence_explorer()
    (rural, urban), out = box.children[0].children, box.children[1]
    assert (rural.value, urban.value) == (4.4, 2.2)
    assert not rural.continuous_update and not urban.continuous_update
    before, img0 = _text(out), _images(out)
    assert "first reached in 2030" in before and len(img0) == 1
    rural.value = 3.0
    after = _text(out)
    assert after != before and "first reached in 2044" in after
    assert _images(out) != img0
    urban.value = 3.5
    never = _text(out)
    assert never != after and "never" in never and "Traceback" not in never
    assert len(_images(out)) == 1


def test_nominal_growth_read_from_notes():
    assert cy.widgets.nominal_growth("sichuan", 2022) == {"urban": 0.043, "rural": 0.062}
    assert cy.widgets.nominal_growth("sichuan", 2020) == {"urban": 0.058, "rural": 0.086}
    # the nominal step from the printed 2021 ratio reproduces the printed 2022 ratio
    g = cy.widgets.nominal_growth("sichuan", 2022)
    assert round(2.36 * (1 + g["urban"]) / (1 + g["rural"]), 2) == 2.32
    with pytest.raises(ValueError, match="no nominal urban growth rate"):
        cy.widgets.nominal_growth("zhejiang", 2020)
    with pytest.raises(ValueError, match="must have a urban_real_growth row"):
        cy.widgets.nominal_growth("sichuan", 2019)
    with pytest.raises(TypeError, match="year must be a whole year"):
        cy.widgets.nominal_growth("sichuan", "2022")


def test_printed_lines_break_at_missing_years():
    import numpy as np

    ax = cy.widgets.ratio_figure()
    zj = [ln for ln in ax.get_lines() if ln.get_label() == "Zhejiang (printed)"][0]
    assert list(zj.get_xdata()) == [2017, 2018, 2019, 2020]
    y = np.asarray(zj.get_ydata(), dtype=float)
    assert np.isnan(y[1]) and np.isnan(y[2]) and y[0] == 2.054 and y[3] == 1.96
    matplotlib.pyplot.close("all")
