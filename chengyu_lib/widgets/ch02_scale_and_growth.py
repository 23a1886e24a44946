"""Explorers for notebook 02 (scale and growth): nominal versus real levels, and CAGR.

The circle's GDP passed 8万亿元 in 2023 *at current prices* (nominal). A level at current
prices mixes two things: more output (volume) and higher or lower prices. Real growth
(按可比价格计算, at comparable prices) removes the price change. Chaining the published
real growth rates onto one year's level gives the series **at the prices of that base
year** (constant prices); the implied price change is what separates nominal from real
growth.

The computations live in the library: :func:`chengyu_lib.metrics.constant_price_levels`,
:func:`~chengyu_lib.metrics.price_basis_levels`,
:func:`~chengyu_lib.metrics.nominal_real_table`,
:func:`~chengyu_lib.metrics.first_year_reaching`, :func:`~chengyu_lib.metrics.cagr_between`
and :func:`chengyu_lib.datasets.pick_vintage` (one value per year from a table with
vintages). This module turns their results into text, figures and widgets (tested in
``tests/test_widgets_growth.py``).

>>> import pandas as pd
>>> Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
>>> r = pd.Series([3.0, 6.1], index=[2022, 2023])
>>> print(nominal_real_summary(Y, r, 2021))
2023 GDP at prices of 2021: 80,781.1 亿元, 781.1 亿元 above the 80,000 亿元 mark (first year at or above it: 2023).
"""
from __future__ import annotations

from ..language import get_language
from ..language import text as _t
from ._common import figure_image

_VINTAGE_ZH = {"preliminary": "初步核算", "final": "最终核实", "revised": "修订数",
               "as_reported": "原文刊印"}

__all__ = ["nominal_real_summary", "nominal_real_figure", "nominal_real_explorer",
           "cagr_summary", "cagr_explorer"]


def _basis_name(basis):
    from .. import plotting

    zh = plotting.get_language() == "zh"
    if basis == "current":
        return "当年价格" if zh else "current prices"
    return f"{basis}年价格" if zh else f"prices of {basis}"


def nominal_real_summary(levels, real_growth, basis="current", threshold=80000.0,
                         year=None):
    """One paragraph of text: the level of ``year`` (default: the last) on the chosen
    price basis, its distance from ``threshold`` and the first year at or above it.

    >>> import pandas as pd
    >>> Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
    >>> r = pd.Series([8.5, 3.0, 6.1], index=[2021, 2022, 2023])
    >>> print(nominal_real_summary(Y, r, 2021))
    2023 GDP at prices of 2021: 80,781.1 亿元, 781.1 亿元 above the 80,000 亿元 mark (first year at or above it: 2023).
    """
    from .. import metrics

    s = metrics.price_basis_levels(levels, real_growth, basis)
    year = int(s.index[-1]) if year is None else year
    if year not in s.index:
        raise ValueError(f"year must be one of {list(s.index)}, got {year!r}")
    v = float(s.loc[year])
    gap = v - threshold
    side = "above" if gap >= 0 else "below"
    first = metrics.first_year_reaching(s, threshold)
    if get_language() == "zh":
        where = "现价" if basis == "current" else f"{basis}年价格"
        first_txt = f"首次达到或超过的年份：{first}" if first else "这些年份中尚未达到"
        return (f"按{where}计算，{year}年地区生产总值 {v:,.1f} 亿元，"
                f"{'高于' if gap >= 0 else '低于'} {threshold:,.0f} 亿元 关口 "
                f"{abs(gap):,.1f} 亿元（{first_txt}）。")
    first_txt = f"first year at or above it: {first}" if first else "not reached in these years"
    where = "current prices" if basis == "current" else f"prices of {basis}"
    return (f"{year} GDP at {where}: {v:,.1f} 亿元, {abs(gap):,.1f} 亿元 {side} the {threshold:,.0f} 亿元 mark "
            f"({first_txt}).")


def nominal_real_figure(levels, real_growth, basis=2021, threshold=80000.0, *, ax=None):
    """The current-price levels (solid, circles) and, unless ``basis="current"``, the same
    output at the prices of ``basis`` (dashed, squares), with the milestone line.

    Returns the matplotlib Axes.

    >>> import pandas as pd
    >>> Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
    >>> r = pd.Series([8.5, 3.0, 6.1], index=[2021, 2022, 2023])
    >>> len(nominal_real_figure(Y, r, 2021).get_lines())
    3
    """
    import pandas as pd

    from .. import metrics, plotting

    parts = [pd.DataFrame({"year": list(levels.index), "gdp": levels.astype(float).values,
                           "prices": _basis_name("current")})]
    if basis != "current":
        s = metrics.price_basis_levels(levels, real_growth, basis)
        parts.append(pd.DataFrame({"year": list(s.index), "gdp": s.values,
                                   "prices": _basis_name(basis)}))
    data = pd.concat(parts, ignore_index=True)
    data["year"] = data["year"].astype(int)
    ax = plotting.line_chart(data, "year", "gdp", hue="prices", ax=ax)
    for line, (style, marker) in zip(ax.get_lines(), [("-", "o"), ("--", "s")]):
        line.set_linestyle(style)
        line.set_marker(marker)
    ax.axhline(float(threshold), color=plotting.PALETTE[3], linestyle=":", linewidth=1.5,
               label=f"{threshold / 1e4:g}" + ("万亿元" if plotting.get_language() == "zh"
                                               else " trillion yuan"))
    ax.legend()
    return ax


def _circle_gdp_and_growth():
    from .. import datasets

    t = datasets.load("circle_economy")
    gdp = datasets.pick_vintage(t, "gdp", prefer=("preliminary",))
    gdp = gdp[gdp["year"].between(2021, 2023)]
    r = datasets.pick_vintage(t, "real_growth", prefer=("preliminary",))
    return (gdp.set_index("year")["value"], r.set_index("year")["value"])


def nominal_real_explorer(levels=None, real_growth=None, threshold=80000.0):
    """A toggle between current prices and the prices of a base year, showing where the
    circle's GDP stands against the 8万亿 mark on each basis.

    Defaults: the circle's GDP 2021–2023 and real growth (first releases) from
    ``circle_economy``. Returns an ``ipywidgets.VBox(children=[toggle, output])``.
    """
    import ipywidgets as w

    if levels is None or real_growth is None:
        levels, real_growth = _circle_gdp_and_growth()
    options = [(_t("current prices (nominal)", "现价（名义）"), "current")] + [
        (_t(f"prices of {y} (real)", f"{y}年价格（实际）"), int(y)) for y in levels.index]
    toggle = w.ToggleButtons(options=options, value="current",
                             description=_t("Prices:", "计价："), style={"button_width": "auto"})
    out = w.Output()

    def show(*_):
        basis = toggle.value
        out.outputs = ()
        out.append_stdout(nominal_real_summary(levels, real_growth, basis, threshold) + "\n")
        out.append_display_data(figure_image(
            lambda ax: nominal_real_figure(levels, real_growth, basis, threshold, ax=ax)))

    toggle.observe(show, names="value")
    show()
    return w.VBox(children=[toggle, out])


def cagr_summary(table, start, end):
    """Text for the CAGR explorer: the CAGR between ``start`` and ``end``
    (:func:`chengyu_lib.metrics.cagr_between`) from a
    :func:`chengyu_lib.datasets.pick_vintage` table (columns year, value, vintage, note),
    with each endpoint's vintage and note, so that a rounded or revised endpoint is
    visible.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2021, 2023], "value": [73919.2, 81986.67],
    ...                   "vintage": ["preliminary"] * 2, "note": ["", ""]})
    >>> print(cagr_summary(t, 2021, 2023))
    CAGR 2021–2023 (2 years): 5.32% a year
    a year in between is missing: the yearly rates cannot be formed
      2021: 73,919.2 亿元 (preliminary)
      2023: 81,986.7 亿元 (preliminary)
    """
    from .. import metrics

    s = table.set_index("year")["value"]
    d = metrics.cagr_between(s, start, end)
    zh = get_language() == "zh"
    if zh:
        lines = [f"{start}–{end}年复合年均增长率（{d['years']} 年）：每年 {d['cagr']:.2f}%"]
    else:
        lines = [f"CAGR {start}–{end} ({d['years']} years): {d['cagr']:.2f}% a year"]
    if d["mean_of_rates"] is not None and d["years"] > 1:
        lines.append(_t(f"mean of the {d['years']} yearly rates: {d['mean_of_rates']:.2f}% "
                        "(not the CAGR)",
                        f"{d['years']} 个年增长率的简单平均：{d['mean_of_rates']:.2f}%"
                        "（不是复合年均增长率）"))
    elif d["years"] > 1:
        lines.append(_t("a year in between is missing: the yearly rates cannot be formed",
                        "中间缺少某一年的数据：无法计算各年增长率"))
    rows = table.set_index("year")
    for y in (start, end):
        note = str(rows.loc[y, "note"] or "") if "note" in rows.columns else ""
        note = "" if note in ("nan", "None") else note
        vintage = rows.loc[y, "vintage"]
        if zh:
            # the tables' notes are in English: in Chinese, name the vintage and the two
            # caveats a learner needs here (a rounded printed figure, the census revision)
            flags = [_VINTAGE_ZH.get(vintage, vintage)]
            if vintage == "as_reported":
                flags.append("约数，不是精确数")
            if "census" in note:
                flags.append("第五次全国经济普查修订前口径" if "before" in note
                             else "第五次全国经济普查修订后口径")
            lines.append(f"  {y}：{rows.loc[y, 'value']:,.1f} 亿元（{'；'.join(flags)}）")
        else:
            lines.append(f"  {y}: {rows.loc[y, 'value']:,.1f} 亿元 ({vintage}"
                         + (f"; {note}" if note else "") + ")")
    return "\n".join(lines)


def cagr_explorer(table=None):
    """Start-year and end-year selectors for the CAGR of the circle's GDP.

    ``table``: a :func:`chengyu_lib.datasets.pick_vintage` result (year, value, vintage, note); default: the
    circle's GDP from ``circle_economy`` (first releases, plus the rounded 2019 figure
    printed in the 纲要). Each endpoint's vintage and note are printed, so a rounded base
    year or a census-revised end year is visible. Returns a ``VBox``.
    """
    import ipywidgets as w

    if table is None:
        from .. import datasets

        table = datasets.pick_vintage(datasets.load("circle_economy"), "gdp",
                             prefer=("preliminary", "final", "as_reported"))
    years = [int(y) for y in table["year"]]
    start = w.Dropdown(options=years[:-1], value=years[0],
                       description=_t("start year", "起始年份"))
    end = w.Dropdown(options=years[1:], value=years[-1], description=_t("end year", "终止年份"))
    out = w.Output()

    def show(*_):
        out.outputs = ()
        if end.value <= start.value:
            out.append_stdout(_t("choose an end year later than the start year",
                                 "终止年份要晚于起始年份") + "\n")
            return
        out.append_stdout(cagr_summary(table, start.value, end.value) + "\n")

    start.observe(show, names="value")
    end.observe(show, names="value")
    show()
    return w.VBox(children=[w.HBox(children=[start, end]), out])
