"""川渝通办 as policy diffusion: the growth of the list of jointly handled items and a
logistic (S-curve) model of it (course notebook 08, method M10).

The table ``tongban_timeline`` dates every reported count of listed items (事项) of the
joint Sichuan–Chongqing handling of government services (川渝通办). The logistic curve of
:func:`chengyu_lib.scenarios.logistic`,

    N(t) = K / (1 + e^(-r (t - t0))),

needs a numeric time axis and one observed count per date. This module provides

* :func:`chengyu_lib.datasets.decimal_year` — ``'YYYY-MM-DD'`` or ``'YYYY-MM'`` as a
  decimal year (a month without a day is placed at the middle of that month);
* :func:`diffusion_series` — the observed cumulative item counts, one per reported date,
  from the rows that carry ``items_cumulative`` (nothing filled in; ``first_only=True``
  keeps the first report of each new count);
* :func:`leave_one_out` — the least-squares fit with all points and with each point left
  out in turn, to show how loosely the data pin the ceiling K down;
* :func:`logistic_view`, :func:`logistic_text`, :func:`logistic_figure` — the curve for
  one choice of (K, r, t0) against the observations: residuals, the residual sum of
  squares (RSS) and N at the last observed date; :func:`diffusion_explorer` wires three
  sliders to them;
* :func:`timeline_figure` — the cumulative items as a step chart with events marked.

Tested in ``tests/test_widgets_diffusion.py``.

>>> s = diffusion_series(first_only=True)
>>> s.to_dict()
{'2020-11-03': 95, '2021-03-08': 210, '2022-08-18': 311, '2025-01-09': 355}
>>> v = logistic_view(s, K=400, r=1.0, t0=2021.5)
>>> round(float(v.table.loc["2021-03-08", "model"]), 1)
168.4
"""
from __future__ import annotations

from ..language import text as _t

import re
from dataclasses import dataclass

from .._validate import scalar as _number
from ..datasets import decimal_year as _decimal_year
from ._common import figure_image

__all__ = ["EVENT_MARKS", "diffusion_series", "leave_one_out",
           "LogisticView", "logistic_view", "logistic_text", "logistic_figure",
           "timeline_figure", "diffusion_explorer"]

#: Events of ``tongban_timeline`` marked on :func:`timeline_figure`:
#: event_id -> (English, Chinese) label. Dates are read from the table.
EVENT_MARKS = {
    "T01": ("agreement", "合作协议"),
    "T02": ("跨省通办 guidance", "跨省通办指导意见"),
    "T13": ("一卡通 regulations passed", "一卡通条例通过"),
}



def _t(en, zh):
    from .. import plotting

    return zh if plotting.get_language() == "zh" else en


def diffusion_series(table=None, scope="chuanyu_all", *, first_only=False):
    """The observed cumulative count of listed items, one value per reported date.

    Rows of ``table`` (default: ``tongban_timeline``) of the given ``scope`` that carry
    ``items_cumulative``, in date order; nothing is filled in between reports. Some
    dates repeat an earlier count (a report that the list still had 210 items);
    ``first_only=True`` keeps only the first report of each new count, the dates when
    the list is first seen at that length.

    Returns a Series of int, index ``date`` (text as in the table), name
    ``items_cumulative``. Two different counts on one date are a ValueError.

    >>> diffusion_series().tolist()
    [95, 95, 210, 210, 210, 311, 311, 311, 355]
    >>> diffusion_series(first_only=True).index.tolist()
    ['2020-11-03', '2021-03-08', '2022-08-18', '2025-01-09']
    >>> diffusion_series(scope="chuanyu_social_security").to_dict()
    {'2021-10-31': 18}
    """
    import pandas as pd

    if table is None:
        from .. import datasets

        table = datasets.load("tongban_timeline")
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame like tongban_timeline, got "
                        f"{type(table).__name__}")
    missing = [c for c in ("date", "scope", "items_cumulative") if c not in table.columns]
    if missing:
        raise ValueError(f"table must have column(s) {missing}; it has {list(table.columns)}")
    scopes = sorted(table["scope"].dropna().unique())
    if scope not in scopes:
        raise ValueError(f"scope must be one of {scopes}, got {scope!r}")
    if not isinstance(first_only, bool):
        raise TypeError(f"first_only must be True or False, got {first_only!r}")
    rows = table[(table["scope"] == scope) & table["items_cumulative"].notna()]
    if rows.empty:
        raise ValueError(f"no row of scope {scope!r} has items_cumulative")
    per_date = rows.groupby("date")["items_cumulative"].agg(["min", "max"])
    clash = per_date[per_date["min"] != per_date["max"]]
    if len(clash):
        raise ValueError(f"table has different items_cumulative on one date: "
                         f"{clash.index[0]} ({clash['min'].iloc[0]} and "
                         f"{clash['max'].iloc[0]})")
    s = per_date["min"].astype("int64")
    s = s.iloc[_decimal_year(list(s.index)).argsort(kind="stable")]
    if first_only:
        s = s[s.ne(s.shift())]
    s.index.name = "date"
    return s.rename("items_cumulative")


def _times_counts(series):
    import numpy as np
    import pandas as pd

    if not isinstance(series, pd.Series):
        raise TypeError(f"series must be a pandas Series of counts indexed by date "
                        f"(see diffusion_series), got {type(series).__name__}")
    if series.isna().any():
        raise ValueError("series must not contain missing counts (nothing is filled in: "
                         "drop the empty dates)")
    return _decimal_year(list(series.index)), np.asarray(series, dtype=float)


def leave_one_out(series):
    """Least-squares logistic fits (:func:`chengyu_lib.scenarios.fit_logistic`) with
    every point, then with each point left out in turn.

    With four points and three parameters (K, r, t0), each fit without one point goes
    through the remaining three exactly (RSS ≈ 0), so how far K moves between the rows
    shows how loosely the data pin it down. A fit that fails (the ceiling not
    identified) has empty K, r, t0 and its reason in ``note``.

    Returns a DataFrame indexed by ``left_out`` (``'none'`` for the fit with all points)
    with columns n_points, K, r, t0, rss, note.

    >>> t = leave_one_out(diffusion_series(first_only=True))
    >>> t["K"].round(1).tolist()
    [333.4, 359.5, 356.0, 355.0, 311.2]
    """
    import numpy as np
    import pandas as pd

    from .. import scenarios

    t, n = _times_counts(series)
    if len(n) < 4:
        raise ValueError(f"series needs at least 4 dates to leave one out and still fit "
                         f"3 parameters, got {len(n)}")
    rows = []
    for drop in [None] + list(range(len(n))):
        keep = np.ones(len(n), dtype=bool)
        if drop is not None:
            keep[drop] = False
        name = "none" if drop is None else str(series.index[drop])
        try:
            f = scenarios.fit_logistic(t[keep], n[keep])
            rows.append((name, int(keep.sum()), f.K, f.r, f.t0, f.rss, ""))
        except ValueError as err:
            rows.append((name, int(keep.sum()), np.nan, np.nan, np.nan, np.nan, str(err)))
    out = pd.DataFrame(rows, columns=["left_out", "n_points", "K", "r", "t0", "rss", "note"])
    return out.set_index("left_out")


@dataclass(frozen=True)
class LogisticView:
    """What the explorer shows for one (K, r, t0): see :func:`logistic_view`."""

    K: float
    r: float
    t0: float
    table: object          # DataFrame: index date; columns t, observed, model, residual
    rss: float
    last_date: str
    last_observed: float
    last_model: float


def logistic_view(series, K, r, t0):
    """The logistic curve N(t) = K / (1 + e^(-r (t - t0))) against observed counts.

    ``series``: observed cumulative counts indexed by date (:func:`diffusion_series`);
    ``K`` the ceiling (items, > 0), ``r`` the rate (per year), ``t0`` the midpoint
    (decimal year, where N(t0) = K/2).

    Returns a :class:`LogisticView`: ``table`` (per date: decimal year ``t``,
    ``observed``, ``model``, ``residual`` = observed − model), the residual sum of
    squares ``rss`` (items²) and the model and observed counts at the last date.

    >>> import pandas as pd
    >>> s = pd.Series([100, 200], index=["2021-01-01", "2023-01-01"])
    >>> v = logistic_view(s, K=400, r=1.0, t0=2022.0)
    >>> v.table["model"].round(1).tolist(), round(v.rss, 1)
    ([107.6, 292.4], 8599.5)
    >>> v.last_date, round(v.last_model, 1)
    ('2023-01-01', 292.4)
    """
    from .. import scenarios

    K, r, t0 = _number(K, "K"), _number(r, "r"), _number(t0, "t0")
    t, n = _times_counts(series)
    if len(n) == 0:
        raise ValueError("series must have at least one observed date")
    model = scenarios.logistic(t, K, r, t0)
    table = series.astype(float).rename("observed").to_frame()
    table.insert(0, "t", t)
    table["model"] = model
    table["residual"] = table["observed"] - table["model"]
    rss = float((table["residual"] ** 2).sum())
    return LogisticView(K=K, r=r, t0=t0, table=table, rss=rss,
                        last_date=str(series.index[-1]),
                        last_observed=float(n[-1]), last_model=float(model[-1]))


def logistic_text(view):
    """A few lines on one :class:`LogisticView`: the parameters, N(t0) = K/2, the RSS
    and the model against the observation at the last date (with a warning when the
    ceiling is below a count already observed).

    >>> import pandas as pd
    >>> s = pd.Series([100, 200], index=["2021-01-01", "2023-01-01"])
    >>> print(logistic_text(logistic_view(s, K=400, r=1.0, t0=2022.0)))
    K = 400.0 items · r = 1.00 per year · t0 = 2022.00 (N(t0) = K/2 = 200.0 items)
    residual sum of squares: 8,599.5 items²
    at the last observed date, 2023-01-01: model 292.4 items, observed 200 (residual -92.4)
    """
    if not isinstance(view, LogisticView):
        raise TypeError(f"view must be a LogisticView (from logistic_view), got "
                        f"{type(view).__name__}")
    resid = view.last_observed - view.last_model
    lines = [_t(f"K = {view.K:.1f} items · r = {view.r:.2f} per year · t0 = {view.t0:.2f} "
                f"(N(t0) = K/2 = {view.K / 2:.1f} items)",
                f"K = {view.K:.1f} 项 · r = 每年 {view.r:.2f} · t0 = {view.t0:.2f}"
                f"（N(t0) = K/2 = {view.K / 2:.1f} 项）"),
             _t(f"residual sum of squares: {view.rss:,.1f} items²",
                f"残差平方和：{view.rss:,.1f} 项²"),
             _t(f"at the last observed date, {view.last_date}: model {view.last_model:.1f} "
                f"items, observed {view.last_observed:.0f} (residual {resid:.1f})",
                f"最后一个观测日期 {view.last_date}：模型 {view.last_model:.1f} 项，"
                f"观测 {view.last_observed:.0f} 项（残差 {resid:.1f}）")]
    top = float(view.table["observed"].max())
    if view.K < top:
        lines.append(_t(f"the ceiling K is below a count already observed ({top:.0f}): "
                        "this curve can never reach it",
                        f"上限 K 低于已经观测到的数量（{top:.0f}）：这条曲线永远达不到它"))
    return "\n".join(lines)


def logistic_figure(series, K, r, t0, *, ax=None, t_range=None, steps=None):
    """The observed counts (steps and circles) with the logistic curve for (K, r, t0)
    (dashed), its ceiling K (dotted) and its midpoint (t0, K/2) (diamond).

    ``t_range``: (start, end) of the curve in decimal years; default from half a year
    before the first date to two years after the last, so the curve is drawn past the
    data (an extrapolation). ``steps``: another series of counts drawn as the steps
    (e.g. every report), the points of ``series`` are then drawn as circles only.
    Returns the matplotlib Axes.

    >>> s = diffusion_series(first_only=True)
    >>> ax = logistic_figure(s, 333.4, 4.19, 2021.06)
    >>> len(ax.get_lines())
    4
    """
    import numpy as np
    import pandas as pd

    from .. import plotting, scenarios

    view = logistic_view(series, K, r, t0)
    t = view.table["t"].to_numpy()
    if t_range is None:
        t_range = (float(t.min()) - 0.5, float(t.max()) + 2.0)
    if len(t_range) != 2 or not t_range[0] < t_range[1]:
        raise ValueError(f"t_range must be (start, end) with start < end, got {t_range!r}")
    step_series = series if steps is None else steps
    ts, ns = _times_counts(step_series)
    data = pd.DataFrame({"year": ts, "items": ns})
    ax = plotting.step_chart(data, "year", "items", ax=ax)
    ax.get_lines()[-1].set_label(_t("items listed (reports)", "已公布事项数（报道）"))
    if steps is not None:
        ax.plot(t, view.table["observed"], linestyle="none", marker="o", markersize=9,
                markerfacecolor="none", color=plotting.PALETTE[0],
                label=_t("points fitted", "拟合所用数据点"))
    grid = np.linspace(t_range[0], t_range[1], 300)
    ax.plot(grid, scenarios.logistic(grid, view.K, view.r, view.t0), linestyle="--",
            color=plotting.PALETTE[1],
            label=_t(f"logistic, K = {view.K:.0f}", f"逻辑斯蒂曲线，K = {view.K:.0f}"))
    ax.axhline(view.K, linestyle=":", linewidth=1.5, color=plotting.PALETTE[3],
               label=_t("ceiling K", "上限 K"))
    ax.plot([view.t0], [view.K / 2], linestyle="none", marker="D", markersize=8,
            color=plotting.PALETTE[2], label=_t("midpoint: N(t0) = K/2", "中点：N(t0) = K/2"))
    ax.set_xlim(t_range[0] - 0.1, t_range[1] + 0.1)
    ax.set_ylim(0, max(float(view.K), float(np.max(ns))) * 1.12)
    ax.set_xlabel(_t("year", "年份"))
    ax.legend(loc="lower right", fontsize=8)
    return ax


def timeline_figure(table=None, *, ax=None):
    """The cumulative items of 川渝通办 as a step chart of every report (each first
    report of a new count labelled), the social-security subset as a triangle, and the
    events of :data:`EVENT_MARKS` as dotted vertical lines. Dates on a decimal-year axis
    (:func:`chengyu_lib.datasets.decimal_year`). Returns the matplotlib Axes.

    >>> ax = timeline_figure()
    >>> len(ax.get_lines())
    5
    """
    import pandas as pd

    from .. import datasets, plotting

    if table is None:
        table = datasets.load("tongban_timeline")
    every = diffusion_series(table)
    first = diffusion_series(table, first_only=True)
    data = pd.DataFrame({"year": _decimal_year(list(every.index)), "items": every.to_numpy(),
                         "text": ["" if d not in first.index else str(v)
                                  for d, v in every.items()]})
    ax = plotting.step_chart(data, "year", "items", ax=ax, annotate="text")
    ax.get_lines()[-1].set_label(_t("川渝通办 items listed", "川渝通办事项数"))
    if "chuanyu_social_security" in set(table["scope"]):
        ss = diffusion_series(table, scope="chuanyu_social_security")
        ax.plot(_decimal_year(list(ss.index)), ss.to_numpy(), linestyle="none", marker="^",
                markersize=8, color=plotting.PALETTE[2],
                label=_t("social-insurance services", "社保业务"))
    events = table.set_index("event_id")
    top = float(every.max()) * 1.25
    for eid, (en, zh) in EVENT_MARKS.items():
        if eid not in events.index:
            continue
        x = _decimal_year(str(events.loc[eid, "date"]))
        ax.axvline(x, linestyle=":", linewidth=1.2, color="0.4")
        ax.text(x + 0.04, top * 0.97, _t(en, zh), rotation=90, va="top", ha="left",
                fontsize=8, color="0.25")
    ax.set_ylim(0, top)
    ax.set_xlabel(_t("year", "年份"))
    ax.legend(loc="center right", fontsize=8)
    return ax


def diffusion_explorer(series=None, steps=None):
    """Sliders for the ceiling K (items), the rate r (per year) and the midpoint t0
    (year) of a logistic curve over the observed cumulative items of 川渝通办.

    The sliders start at the least-squares fit (:func:`chengyu_lib.scenarios.fit_logistic`);
    the output shows the parameters, the residual sum of squares, the model at the last
    observed date, and the figure of :func:`logistic_figure`.

    Defaults: ``series`` = the first report of each count (:func:`diffusion_series` with
    ``first_only=True``), ``steps`` = every report. Returns an
    ``ipywidgets.VBox(children=[K, r, t0, output])``.
    """
    import ipywidgets as w

    from .. import scenarios

    if series is None:
        series = diffusion_series(first_only=True)
        steps = diffusion_series() if steps is None else steps
    t, n = _times_counts(series)
    fit = scenarios.fit_logistic(t, n)
    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    K = w.FloatSlider(value=float(fit.K), min=round(float(n.min()), 0),
                      max=max(800.0, round(fit.K * 2, 0)), step=1.0,
                      description=_t("ceiling K (items)", "上限 K（项）"), readout_format=".0f",
                      continuous_update=False, style=style, layout=layout)
    r = w.FloatSlider(value=float(fit.r), min=0.1, max=8.0, step=0.05,
                      description=_t("rate r (per year)", "速率 r（每年）"), readout_format=".2f",
                      continuous_update=False, style=style, layout=layout)
    t0 = w.FloatSlider(value=float(fit.t0), min=float(int(t.min())) - 1,
                       max=float(int(t.max())) + 2, step=0.05,
                       description=_t("midpoint t0 (year)", "中点 t0（年份）"), readout_format=".2f",
                       continuous_update=False, style=style, layout=layout)
    out = w.Output()

    def show(*_):
        out.outputs = ()
        view = logistic_view(series, K.value, r.value, t0.value)
        out.append_stdout(logistic_text(view) + "\n")
        out.append_display_data(figure_image(
            lambda ax: logistic_figure(series, K.value, r.value, t0.value, ax=ax,
                                       steps=steps)))

    for control in (K, r, t0):
        control.observe(show, names="value")
    show()
    return w.VBox(children=[K, r, t0, out])
