"""People-centred urbanisation (course notebook 06, method M11): resident and hukou
urbanisation, a whole rate rebuilt from its subregions, and the gap between the two rates.

The **urbanisation rate** (城镇化率, of the resident population 常住人口) of a region is
the share of its residents living in towns, u = U / P. A region made of subregions k with
residents P_k and rates u_k has the rate

    u = Σ_k (P_k / P) u_k,        P = Σ_k P_k,

a *population-weighted* average (range 0–100%). The plain mean of the u_k treats a thinly
peopled mountain area like a metropolis and is wrong whenever the P_k differ.

The **hukou urbanisation rate** (户籍人口城镇化率) is the share of the *registered*
population that holds urban hukou. Its gap to the resident rate, in percentage points,
summarises how many townspeople live without the local urban registration that many
public services are tied to. The explorer's slider gives a share s of them urban hukou:
u_h(s) = u_h + s (u − u_h) — arithmetic on two published rates, an illustration, not a
projection.

Data: ``cy.datasets.load("urbanisation")`` (2022). Chongqing's hukou rate was not found, so
the gap is shown for Sichuan and Chengdu.

>>> t = urbanisation_table()
>>> from chengyu_lib import metrics
>>> round(metrics.weighted_rate(t["urbanisation_rate"], t["population"]), 2)
70.96
>>> v = hukou_gap_view("sichuan", 0.5)
>>> round(v.gap_pp, 2), round(v.hukou_rate_s, 2)
(19.49, 48.61)
"""
from __future__ import annotations

from ..language import get_language as _get_language
from ..language import text as _t

import math
import numbers
from dataclasses import dataclass

from ._common import figure_image, year as _year, zh as _zh

__all__ = ["SUBREGIONS", "urbanisation_table", "subregion_figure", "HukouGapView", "hukou_regions",
           "hukou_gap_view", "urbanisation_text", "urbanisation_figure",
           "urbanisation_explorer"]

#: the two ways the statistics bureau splits Chongqing: three subregions (default), or the
#: main metropolitan area into its two parts
SUBREGIONS = {
    "chongqing": ("cq_main_metro", "cq_northeast", "cq_southeast"),
    "cq_main_metro": ("cq_central_urban", "cq_new_main_metro"),
}


def _table(table):
    from .. import datasets

    return datasets.load("urbanisation") if table is None else table


def _names(region: str) -> tuple[str, str]:
    """(formal Chinese name, English name) of a region: 四川省, Sichuan."""
    from ..datasets import REGION_NAMES

    en, _, formal = REGION_NAMES[region]
    return formal, en


def _value(table, region: str, year: int, indicator: str) -> float | None:
    from .. import datasets

    return datasets.one(table, region=region, year=year, indicator=indicator, missing=None)


def urbanisation_table(whole: str = "chongqing", year: int = 2022, *, table=None):
    """The subregions of ``whole`` in one year: names, resident population (万人), resident
    urbanisation rate (%), population weight P_k / P (from
    :func:`chengyu_lib.metrics.share`) and the urban residents each rate implies,
    P_k u_k / 100 (万人, computed, not stored).

    ``whole``: ``"chongqing"`` (主城都市区, 渝东北, 渝东南) or ``"cq_main_metro"``
    (中心城区, 主城新区); see :data:`SUBREGIONS`.

    >>> t = urbanisation_table()
    >>> t["population"].tolist()
    [2122.72, 804.14, 286.48]
    >>> round(float(t["weight"].sum()), 6), round(float(t["urban_residents"].sum()), 2)
    (1.0, 2280.32)
    """
    import pandas as pd

    from .. import metrics

    if whole not in SUBREGIONS:
        raise ValueError(f"whole must be one of {sorted(SUBREGIONS)}, got {whole!r}")
    year = _year(year)
    table = _table(table)
    parts = SUBREGIONS[whole]
    pop, rate = [], []
    for r in parts:
        p, u = _value(table, r, year, "population"), _value(table, r, year, "urbanisation_rate")
        if p is None or u is None:
            have = sorted(set(table.loc[table["region"] == r, "year"]))
            raise ValueError(f"no population and urbanisation_rate for region {r!r} in "
                             f"year={year}; years with data: {have}")
        pop.append(p)
        rate.append(u)
    out = pd.DataFrame({"name_zh": [_names(r)[0] for r in parts],
                        "name_en": [_names(r)[1] for r in parts],
                        "population": pop, "urbanisation_rate": rate},
                       index=pd.Index(list(parts), name="region"))
    out["weight"] = metrics.share(out["population"])
    out["urban_residents"] = out["population"] * out["urbanisation_rate"] / 100
    return out


def subregion_figure(whole: str = "chongqing", year: int = 2022, *, ax=None, table=None):
    """Bars of the subregions' resident urbanisation rates (%), with the weighted whole
    (solid line) and the unweighted mean of the bars (dotted line). Returns the Axes.

    >>> ax = subregion_figure()
    >>> len(ax.patches), len(ax.get_lines())
    (3, 2)
    """
    import pandas as pd

    from .. import metrics, plotting

    t = urbanisation_table(whole, year, table=table)
    zh = _zh()
    names = [f"{z}\n{p:,.0f}万人" for z, p in zip(t["name_zh"], t["population"])]
    s = pd.Series(t["urbanisation_rate"].to_numpy(), dtype=float)
    s.index = names
    xlabel = "常住人口城镇化率（%）" if zh else "urbanisation rate of residents (%)"
    ax = plotting.bar_chart(s, ax=ax, xlabel=xlabel, fmt="{:.2f}")
    u_w = metrics.weighted_rate(t["urbanisation_rate"], t["population"])
    u_m = metrics.unweighted_rate(t["urbanisation_rate"])
    ax.axvline(u_w, color="black", linestyle="-", linewidth=2,
               label=(f"加权（全市）\n{u_w:.2f}%" if zh else f"weighted (whole)\n{u_w:.2f}%"))
    ax.axvline(u_m, color=plotting.PALETTE[3], linestyle=":", linewidth=2,
               label=(f"简单平均（错误）\n{u_m:.2f}%" if zh
                      else f"unweighted mean\n(wrong) {u_m:.2f}%"))
    ax.set_xlim(0, 100)
    ax.legend(loc="lower left", bbox_to_anchor=(0.73, 0.0), fontsize=8, handlelength=1.2)
    return ax


@dataclass(frozen=True)
class HukouGapView:
    """Resident against hukou urbanisation for one region and one share ``s``.

    Rates in %, gaps in percentage points (pp), people in 万人. ``hukou_rate_s`` = u_h +
    s (u − u_h). Townspeople without urban hukou can only be counted roughly, because the
    two rates have different denominators (residents P, registered people H), and two
    rough counts disagree: ``people_gap`` = (u − u_h)/100 × P and ``people_gap_alt`` =
    u/100 × P − u_h/100 × H (urban residents minus urban-hukou holders, wherever those
    live; None without H).
    """
    region: str
    year: int
    s: float
    resident_rate: float
    hukou_rate: float
    gap_pp: float
    gap_relative_pct: float
    hukou_rate_s: float
    gap_left_pp: float
    resident_population: float
    hukou_population: float | None
    people_gap: float
    people_gap_alt: float | None


def hukou_regions(year: int = 2022, *, table=None) -> list[str]:
    """Regions with both a resident and a hukou urbanisation rate in ``year``.

    >>> hukou_regions()
    ['sichuan', 'chengdu']
    """
    table = _table(table)
    year = _year(year)
    rows = table[table["year"] == year]
    has = set(rows.loc[rows["indicator"] == "hukou_urbanisation_rate", "region"])
    has &= set(rows.loc[rows["indicator"] == "urbanisation_rate", "region"])
    return [r for r in dict.fromkeys(rows["region"]) if r in has]


def hukou_gap_view(region: str = "sichuan", s: float = 0.0, year: int = 2022, *,
                   table=None) -> HukouGapView:
    """The numbers the explorer shows for one region and one share ``s`` (a fraction,
    0–1) of non-hukou urban residents given urban hukou.

    Formulas: gap = u − u_h (percentage points); relative gap = (u − u_h)/u_h × 100 (%);
    u_h(s) = u_h + s·gap.

    >>> v = hukou_gap_view("sichuan", 0.0)
    >>> v.resident_rate, v.hukou_rate, round(v.gap_pp, 2), round(v.gap_relative_pct, 1)
    (58.35, 38.86, 19.49, 50.2)
    >>> round(hukou_gap_view("chengdu", 1.0).gap_left_pp, 9)
    0.0
    """
    table = _table(table)
    year = _year(year)
    if isinstance(s, bool) or not isinstance(s, numbers.Real) or not math.isfinite(s):
        raise TypeError(f"s must be a number between 0 and 1 (a share), got {s!r}")
    s = float(s)
    if not 0 <= s <= 1:
        raise ValueError(f"s must be a share between 0 and 1 (0.5 for half), got {s:g}; "
                         "did you give percent?")
    known = hukou_regions(year, table=table)
    if region not in known:
        raise ValueError(f"region must be one with both rates in {year}: {known}, got "
                         f"{region!r} (Chongqing's hukou rate was not found)")
    u = _value(table, region, year, "urbanisation_rate")
    uh = _value(table, region, year, "hukou_urbanisation_rate")
    P = _value(table, region, year, "population")
    H = _value(table, region, year, "hukou_population")
    gap = u - uh
    people = gap / 100 * P
    people_alt = None if H is None else u / 100 * P - uh / 100 * H
    return HukouGapView(region=region, year=year, s=s, resident_rate=u, hukou_rate=uh,
                        gap_pp=gap, gap_relative_pct=100 * gap / uh,
                        hukou_rate_s=uh + s * gap, gap_left_pp=(1 - s) * gap,
                        resident_population=P, hukou_population=H, people_gap=people,
                        people_gap_alt=people_alt)


def urbanisation_text(view: HukouGapView) -> str:
    """The explorer's text for one :class:`HukouGapView`.

    >>> print(urbanisation_text(hukou_gap_view("sichuan", 0.5)))
    四川省 (Sichuan), 2022: resident rate 58.35%, hukou rate 38.86%, gap 19.49 pp (50.15% of the hukou rate)
    if 50% of the non-hukou townspeople got urban hukou: hukou rate 48.61%, gap left 9.75 pp
    people concerned: two rough counts give 1,632万 and 1,363万 — an illustration on two published rates, not a projection
    """
    if not isinstance(view, HukouGapView):
        raise TypeError(f"view must be a HukouGapView (from hukou_gap_view), got "
                        f"{type(view).__name__}")
    v = view
    zh, en = _names(v.region)
    if _get_language() == "zh":
        counts = [v.people_gap] + ([] if v.people_gap_alt is None else [v.people_gap_alt])
        said = "和".join(f"{c:,.0f}万" for c in counts)
        how = "两种粗略算法分别得到" if len(counts) > 1 else "粗略估算为"
        return "\n".join([
            f"{zh}，{v.year}年：常住人口城镇化率 {v.resident_rate:.2f}%，户籍人口城镇化率 "
            f"{v.hukou_rate:.2f}%，相差 {v.gap_pp:.2f} 个百分点（相当于户籍人口城镇化率的 "
            f"{v.gap_relative_pct:.2f}%）",
            f"如果没有城镇户籍的城镇常住人口中有 {100 * v.s:.0f}% 落户城镇：户籍人口城镇化率 "
            f"{v.hukou_rate_s:.2f}%，差距还剩 {v.gap_left_pp:.2f} 个百分点",
            f"涉及人数：{how} {said}——这是基于两个公布比率的示意，不是预测"])
    return "\n".join([
        f"{zh} ({en}), {v.year}: resident rate {v.resident_rate:.2f}%, hukou rate "
        f"{v.hukou_rate:.2f}%, gap {v.gap_pp:.2f} pp ({v.gap_relative_pct:.2f}% of the "
        f"hukou rate)",
        f"if {100 * v.s:.0f}% of the non-hukou townspeople got urban hukou: hukou rate "
        f"{v.hukou_rate_s:.2f}%, gap left {v.gap_left_pp:.2f} pp",
        _people_line(v)])


def _people_line(v: HukouGapView) -> str:
    counts = [v.people_gap] + ([] if v.people_gap_alt is None else [v.people_gap_alt])
    said = " and ".join(f"{c:,.0f}万" for c in counts)
    how = "two rough counts give" if len(counts) > 1 else "a rough count gives"
    return (f"people concerned: {how} {said} — an illustration on two published rates, "
            "not a projection")


def urbanisation_figure(region: str = "sichuan", s: float = 0.5, year: int = 2022, *,
                        ax=None, table=None):
    """The hukou rate u_h(s) = u_h + s (u − u_h) for s from 0 to 100% (line), the resident
    rate it approaches (dashed), and the chosen ``s`` (black diamond). Returns the Axes.

    >>> ax = urbanisation_figure("chengdu", 0.25)
    >>> len(ax.get_lines())
    3
    """
    import pandas as pd

    from .. import plotting

    v = hukou_gap_view(region, s, year, table=table)
    zh = _zh()
    grid = [i / 20 for i in range(21)]
    data = pd.DataFrame({"s": [100 * g for g in grid],
                         "rate": [v.hukou_rate + g * v.gap_pp for g in grid]})
    xlabel = ("获得城镇户籍的非户籍城镇常住人口比例（%）" if zh
              else "share of non-hukou townspeople given urban hukou (%)")
    ylabel = "城镇化率（%）" if zh else "urbanisation rate (%)"
    ax = plotting.line_chart(data, "s", "rate", ax=ax, xlabel=xlabel, ylabel=ylabel,
                             marker="")
    line = ax.get_lines()[0]
    line.set_linewidth(2)
    line.set_label("户籍人口城镇化率" if zh else "hukou rate")
    ax.axhline(v.resident_rate, color=plotting.PALETTE[3], linestyle="--", linewidth=2,
               label=(f"常住人口城镇化率 {v.resident_rate:.2f}%" if zh
                      else f"resident rate {v.resident_rate:.2f}%"))
    ax.plot([100 * v.s], [v.hukou_rate_s], marker="D", color="black", markersize=8,
            linestyle="", label=f"s = {100 * v.s:.0f}%: {v.hukou_rate_s:.2f}%")
    lo = math.floor((v.hukou_rate - 5) / 5) * 5
    ax.set_ylim(lo, min(100, v.resident_rate + 5))
    ax.set_xlim(0, 100)
    ax.legend(loc="lower right", fontsize=8, title=_names(v.region)[0])
    return ax


def urbanisation_explorer(region: str = "sichuan", s: float = 0.0, year: int = 2022, *,
                          table=None):
    """A slider for the share s of non-hukou urban residents given urban hukou, and a
    region menu (regions with both rates). Shows :func:`urbanisation_text` and
    :func:`urbanisation_figure`. Returns ``VBox(children=[slider, dropdown, output])``.
    """
    import ipywidgets as w

    table = _table(table)
    hukou_gap_view(region, s, year, table=table)          # check the arguments early
    options = [(_t(" ".join(_names(r)), _names(r)[0]), r)
               for r in hukou_regions(year, table=table)]
    slider = w.FloatSlider(value=float(s), min=0.0, max=1.0, step=0.05,
                           description=_t("share s", "比例 s"), readout_format=".0%",
                           continuous_update=False)
    menu = w.Dropdown(options=options, value=region, description=_t("region", "区域"))
    out = w.Output()

    def show(*_):
        v = hukou_gap_view(menu.value, slider.value, year, table=table)
        out.outputs = ()
        out.append_stdout(urbanisation_text(v) + "\n")
        out.append_display_data(figure_image(
            lambda ax: urbanisation_figure(menu.value, slider.value, year, ax=ax,
                                           table=table)))

    slider.observe(show, names="value")
    menu.observe(show, names="value")
    show()
    return w.VBox(children=[slider, menu, out])
