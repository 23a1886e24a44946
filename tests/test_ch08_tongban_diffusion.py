"""Tests of the notebook-08 explorer (川渝通办 as policy diffusion: logistic curve, M10)."""
import datetime as dt
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib.widgets import ch08_tongban_diffusion as D  # noqa: E402

TOY = pd.DataFrame({
    "date": ["2020-01-01", "2020-06", "2021-01-01", "2021-01-01", "2022-01-01", "2022-03"],
    "scope": ["all", "all", "all", "all", "all", "sub"],
    "items_cumulative": pd.array([10, pd.NA, 30, 30, 30, 5], dtype="Int64"),
})


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def _png(out):
    return [o["data"]["image/png"] for o in out.outputs if "image/png" in o.get("data", {})]


def test_decimal_year_by_hand():
    assert cy.datasets.decimal_year("2021-01-01") == 2021.0
    assert cy.datasets.decimal_year("2020-11-03") == pytest.approx(2020 + 307 / 366)   # leap year
    assert cy.datasets.decimal_year("2021-03-08") == pytest.approx(2021 + 66 / 365)
    # a month without a day: the middle of the month
    assert cy.datasets.decimal_year("2020-09") == pytest.approx(2020 + (244 + 15) / 366)
    assert cy.datasets.decimal_year("2021-02") == pytest.approx(2021 + (31 + 14) / 365)
    assert cy.datasets.decimal_year("2020-12") == pytest.approx(2020 + (335 + 15.5) / 366)
    assert cy.datasets.decimal_year(dt.date(2021, 1, 1)) == 2021.0
    arr = cy.datasets.decimal_year(pd.Index(["2021-01-01", "2022-01-01"]))
    assert isinstance(arr, np.ndarray) and arr.tolist() == [2021.0, 2022.0]
    assert cy.datasets.decimal_year([]).size == 0


def test_decimal_year_bad_input():
    for bad in ("2020/11/03", "20-11-03", "2020-13", "2021-02-30", "2020-1-3"):
        with pytest.raises(ValueError, match="dates"):
            cy.datasets.decimal_year(bad)
    with pytest.raises(TypeError, match="dates"):
        cy.datasets.decimal_year(2021)
    with pytest.raises(TypeError, match="dates"):
        cy.datasets.decimal_year(["2021-01-01", 2021.5])
    with pytest.raises(TypeError, match="dates"):
        cy.datasets.decimal_year({"2021-01-01"})


def test_diffusion_series_course_data():
    s = D.diffusion_series()
    assert s.name == "items_cumulative" and s.index.name == "date"
    assert s.index.tolist() == ["2020-11-03", "2020-12-31", "2021-03-08", "2021-04-01",
                                "2021-10-11", "2022-08-18", "2023-12-27", "2024-01-21",
                                "2025-01-09"]
    assert s.tolist() == [95, 95, 210, 210, 210, 311, 311, 311, 355]
    assert s.is_monotonic_increasing
    first = D.diffusion_series(first_only=True)
    assert first.to_dict() == {"2020-11-03": 95, "2021-03-08": 210, "2022-08-18": 311,
                               "2025-01-09": 355}
    # the social-security subset is kept apart
    assert D.diffusion_series(scope="chuanyu_social_security").to_dict() == {"2021-10-31": 18}


def test_diffusion_series_no_filling_and_errors():
    s = D.diffusion_series(TOY, scope="all")
    assert s.to_dict() == {"2020-01-01": 10, "2021-01-01": 30, "2022-01-01": 30}  # no 2020-06
    assert D.diffusion_series(TOY, scope="all", first_only=True).to_dict() == \
        {"2020-01-01": 10, "2021-01-01": 30}
    clash = TOY.copy()
    clash.loc[3, "items_cumulative"] = 31
    with pytest.raises(ValueError, match="one date"):
        D.diffusion_series(clash, scope="all")
    with pytest.raises(ValueError, match="scope"):
        D.diffusion_series(TOY, scope="national")
    with pytest.raises(ValueError, match="column"):
        D.diffusion_series(TOY.drop(columns="scope"))
    with pytest.raises(TypeError, match="table"):
        D.diffusion_series([1, 2])
    with pytest.raises(TypeError, match="first_only"):
        D.diffusion_series(TOY, scope="all", first_only="yes")


def test_fit_on_course_data_and_midpoint():
    s = D.diffusion_series(first_only=True)
    fit = cy.scenarios.fit_logistic(cy.datasets.decimal_year(s.index), s)
    assert fit.K == pytest.approx(333.37, abs=0.01)
    assert fit.r == pytest.approx(4.193, abs=0.001)
    assert fit.t0 == pytest.approx(2021.056, abs=0.001)
    assert fit.rss == pytest.approx(948.83, abs=0.01)
    assert float(fit.predict(fit.t0)) == pytest.approx(fit.K / 2)          # N(t0) = K/2
    assert fit.K < s.max()            # the least-squares ceiling lies below the last count


def test_leave_one_out():
    s = D.diffusion_series(first_only=True)
    t = D.leave_one_out(s)
    assert t.index.tolist() == ["none"] + list(s.index)
    assert t["n_points"].tolist() == [4, 3, 3, 3, 3]
    assert t.loc["none", "K"] == pytest.approx(333.37, abs=0.01)
    assert t.loc["2025-01-09", "K"] == pytest.approx(311.21, abs=0.01)
    assert t.loc["2020-11-03", "K"] == pytest.approx(359.48, abs=0.01)
    assert (t.iloc[1:]["rss"] < 1e-6).all()      # 3 points, 3 parameters: exact
    # each 3-point fit reproduces its 3 points
    for left, row in t.iloc[1:].iterrows():
        kept = s.drop(left)
        model = cy.scenarios.logistic(cy.datasets.decimal_year(kept.index), row["K"], row["r"], row["t0"])
        assert np.allclose(model, kept.to_numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="at least 4"):
        D.leave_one_out(s.iloc[:3])


def test_leave_one_out_reports_unidentified_ceiling():
    s = pd.Series([10, 20, 40, 80], index=["2020-01-01", "2021-01-01", "2022-01-01",
                                            "2023-01-01"])   # pure doubling: no slowing down
    t = D.leave_one_out(s)
    assert math.isnan(t.loc["none", "K"])
    assert t.loc["none", "note"]                 # the reason is kept


def test_logistic_view_by_hand():
    s = pd.Series([100, 200], index=["2021-01-01", "2023-01-01"])
    v = D.logistic_view(s, K=400, r=1.0, t0=2022.0)
    m = [400 / (1 + math.exp(1)), 400 / (1 + math.exp(-1))]
    assert v.table["model"].tolist() == pytest.approx(m)
    assert v.rss == pytest.approx((100 - m[0]) ** 2 + (200 - m[1]) ** 2)
    assert v.last_date == "2023-01-01" and v.last_observed == 200
    assert v.last_model == pytest.approx(m[1])
    assert "N(t0) = K/2 = 200.0 items" in D.logistic_text(v)
    low = D.logistic_text(D.logistic_view(s, K=150, r=1.0, t0=2022.0))
    assert "below a count already observed (200)" in low


def test_logistic_view_bad_input():
    s = D.diffusion_series(first_only=True)
    with pytest.raises(ValueError, match="K"):
        D.logistic_view(s, K=-1, r=1.0, t0=2021)
    with pytest.raises(TypeError, match="r"):
        D.logistic_view(s, K=300, r="fast", t0=2021)
    with pytest.raises(ValueError, match="t0"):
        D.logistic_view(s, K=300, r=1.0, t0=float("nan"))
    with pytest.raises(TypeError, match="series"):
        D.logistic_view([95, 210], K=300, r=1.0, t0=2021)
    with pytest.raises(ValueError, match="missing"):
        D.logistic_view(pd.Series([1.0, None], index=["2021-01", "2022-01"]), 300, 1.0, 2021)
    with pytest.raises(TypeError, match="view"):
        D.logistic_text("K = 300")
    with pytest.raises(ValueError, match="t_range"):
        D.logistic_figure(s, 300, 1.0, 2021, t_range=(2025, 2020))


def test_figures_draw():
    s = D.diffusion_series(first_only=True)
    ax = D.logistic_figure(s, 333.4, 4.19, 2021.06, steps=D.diffusion_series())
    labels = [line.get_label() for line in ax.get_lines()]
    assert len(labels) == 5 and ax.get_xlabel() == "year"
    assert ax.get_ylabel() == cy.plotting.label("items")
    plt.close("all")
    ax = D.timeline_figure()
    texts = [t.get_text() for t in ax.texts]
    assert {"95", "210", "311", "355"} <= set(texts)
    assert any("一卡通" in t for t in texts)
    plt.close("all")


def test_explorer_starts_at_fit_and_responds():
    box = cy.widgets.diffusion_explorer()
    K, r, t0, out = box.children
    s = D.diffusion_series(first_only=True)
    fit = cy.scenarios.fit_logistic(cy.datasets.decimal_year(s.index), s)
    assert (K.value, r.value, t0.value) == pytest.approx((fit.K, fit.r, fit.t0))
    before = _text(out)
    assert "residual sum of squares: 948.8 items²" in before
    assert "2025-01-09" in before and len(_png(out)) == 1
    for control, value in ((K, 500.0), (r, 1.0), (t0, 2022.5)):
        old = _text(out), _png(out)
        control.value = value
        new = _text(out), _png(out)
        assert new[0] != old[0] and new[1] != old[1]
    v = D.logistic_view(s, 500.0, 1.0, 2022.5)
    assert f"{v.rss:,.1f} items²" in _text(out)
    assert "K = 500.0 items" in _text(out)
