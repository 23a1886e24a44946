"""Rural revitalisation and the income gap (course notebook 07, method M12): the urban–rural
income ratio and how long it takes to fall to a target.

The **urban–rural income ratio** (城乡居民收入比) is R = Y_u / Y_r, urban over rural
per-capita disposable income of the same province and year. Within one province and year
both incomes are in the same yuan, so the ratio can be compared across provinces where the
nominal levels cannot (a yuan does not buy the same in Zhejiang as in Sichuan, nor in 2020
as in 2022).

If urban income grows at g_u and rural income at g_r every year, the ratio follows
R_t = R_0 ((1 + g_u) / (1 + g_r))^t and reaches a target R* after

    t* = ln(R*/R_0) / ln((1 + g_u)/(1 + g_r))   (= ln(R_0/R*) / ln((1 + g_r)/(1 + g_u)))

years (:func:`chengyu_lib.scenarios.convergence_time`); it never does if g_r ≤ g_u. That is
a scenario under constant rates, not a forecast.

* :func:`income_table` — the table ``rural_income`` one row per province and year, with the
  ratio computed from the levels beside the printed one;
* :func:`chengyu_lib.metrics.income_ratio` — R = Y_u / Y_r with checked inputs;
* :func:`nominal_growth` — the nominal growth rates printed beside the real ones (kept in
  the table's ``note`` column);
* :func:`ratio_figure` — the ratios over time, printed and computed;
* :func:`convergence_inputs` — the default scenario: Sichuan's 2022 ratio and real growth
  rates, Zhejiang's printed 2020 ratio as the target;
* :func:`convergence_view`, :func:`convergence_text`, :func:`convergence_figure` — what the
  explorer shows; :func:`convergence_explorer` wires two growth-rate sliders to them.

>>> v = convergence_view(0.044, 0.022)
>>> round(v.ratio0, 4), v.target, round(v.years, 2), v.reach_year
(2.3154, 1.96, 7.82, 2030)
>>> convergence_view(0.02, 0.022).reach_year is None
True
"""
from __future__ import annotations

from ..language import text as _t

import math
from dataclasses import dataclass
from typing import Any

from .._validate import scalar as _number
from ._common import figure_image, growth_rate as _rate, year as _year, zh as _zh

__all__ = ["income_table", "nominal_growth", "ratio_figure", "convergence_inputs",
           "ConvergenceView", "convergence_view", "convergence_text", "convergence_figure",
           "convergence_explorer"]

_COLUMNS = ("urban_income", "rural_income", "urban_real_growth", "rural_real_growth",
            "urban_rural_ratio")
def _name(region: str) -> str:
    from ..datasets import REGION_NAMES

    en, zh, _ = REGION_NAMES.get(region, (region, region, region))
    return zh if _zh() else en


def income_table(region: str | None = None, *, table=None):
    """The table ``rural_income`` wide: one row per (region, year), columns
    ``urban_income`` and ``rural_income`` (元, current prices of that year and province),
    ``urban_real_growth`` and ``rural_real_growth`` (%, real), ``urban_rural_ratio``
    (the ratio as printed, 倍) and ``ratio_from_levels`` = urban_income / rural_income.

    A figure that was not found stays NaN (e.g. Sichuan's 2019 and 2021 incomes: only the
    ratios were printed). ``region``: one of the table's regions, or None for all.

    >>> t = income_table("sichuan")
    >>> t.loc[2022, ["urban_income", "rural_income", "urban_rural_ratio"]].tolist()
    [43233.0, 18672.0, 2.32]
    >>> round(float(t.loc[2022, "ratio_from_levels"]), 4)
    2.3154
    >>> income_table("zhejiang").index.tolist()
    [2013, 2017, 2018, 2020]
    """
    from .. import datasets

    t = datasets.load("rural_income") if table is None else table
    if region is not None:
        if not isinstance(region, str):
            raise TypeError(f"region must be a region id such as 'sichuan', got {region!r}")
        have = sorted(set(t["region"]))
        if region not in have:
            raise ValueError(f"region must be one of {have}, got {region!r} (Chongqing: no "
                             f"figures were found, see the table's caveats)")
        t = t[t["region"] == region]
    wide = t.pivot_table(index=["region", "year"], columns="indicator", values="value",
                         aggfunc="first")
    wide = wide.reindex(columns=list(_COLUMNS)).astype(float)
    wide["ratio_from_levels"] = wide["urban_income"] / wide["rural_income"]
    wide.columns.name = None
    if region is not None:
        wide = wide.droplevel("region")
    return wide


def nominal_growth(region: str, year: int, *, table=None) -> dict:
    """The nominal growth rates of urban and rural per-capita disposable income
    (fractions: 0.043 for 4.3%) for one province and year, as printed beside the real
    rates. ``rural_income`` stores the real rates as values and the nominal ones in the
    ``note`` column of the same rows ("…; nominal 4.3%"); this reads them from there.

    Returns ``{"urban": g_u, "rural": g_r}``; ValueError if the table has no real-growth
    row, or no nominal rate in its note, for that province and year.

    >>> nominal_growth("sichuan", 2022)
    {'urban': 0.043, 'rural': 0.062}
    >>> nominal_growth("zhejiang", 2020)
    Traceback (most recent call last):
    ...
    ValueError: no nominal urban growth rate is printed for zhejiang 2020 (the note of its urban_real_growth row has none)
    """
    import re

    from .. import datasets

    t = datasets.load("rural_income") if table is None else table
    if not isinstance(region, str):
        raise TypeError(f"region must be a region id such as 'sichuan', got {region!r}")
    year = _year(year, "year")
    out = {}
    for side in ("urban", "rural"):
        rows = t[(t["region"] == region) & (t["year"] == year)
                 & (t["indicator"] == f"{side}_real_growth")]
        if rows.empty:
            raise ValueError(f"region and year must have a {side}_real_growth row in "
                             f"rural_income, got {region!r}, {year}")
        m = re.search(r"nominal\s+(-?\d+(?:\.\d+)?)\s*%", str(rows["note"].iloc[0]))
        if m is None:
            raise ValueError(f"no nominal {side} growth rate is printed for {region} {year} "
                             f"(the note of its {side}_real_growth row has none)")
        out[side] = round(float(m.group(1)) / 100, 6)
    return out


def _printed_with_gaps(wide):
    """The printed ratios, one row per region and calendar year from the region's first
    to its last printed year; a year without a printed ratio is NaN, so a line drawn
    through the rows breaks there instead of joining across the missing years.

    >>> p = _printed_with_gaps(income_table().reset_index())
    >>> p[p["region"] == "zhejiang"]["urban_rural_ratio"].tolist()
    [2.054, nan, nan, 1.96]
    """
    import pandas as pd

    printed = wide.dropna(subset=["urban_rural_ratio"])
    parts = []
    for region, part in printed.groupby("region", sort=False):
        years = range(int(part["year"].min()), int(part["year"].max()) + 1)
        part = (part.set_index("year")[["urban_rural_ratio"]].reindex(years)
                .rename_axis("year").reset_index())
        part.insert(0, "region", region)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def ratio_figure(*, table=None, ax=None):
    """The urban–rural income ratio by year for each province: the printed ratios (filled
    markers, joined by lines only between consecutive years, so a missing year shows as a
    break) and the ratios computed from the levels (hollow markers).

    Returns the matplotlib Axes.

    >>> ax = ratio_figure()
    >>> len(ax.get_lines())     # printed and computed, Sichuan and Zhejiang
    4
    """
    from .. import plotting

    wide = income_table(table=table).reset_index()
    zh = _zh()
    printed = _printed_with_gaps(wide)
    printed["province"] = [_name(r) + ("（公布）" if zh else " (printed)")
                           for r in printed["region"]]
    ax = plotting.line_chart(printed, "year", "urban_rural_ratio", hue="province", ax=ax,
                             ylabel="城乡居民收入比（倍）" if zh
                             else "urban/rural income ratio (times)")
    for line in ax.get_lines():
        line.set_linewidth(2)
    computed = wide.dropna(subset=["ratio_from_levels"])
    for i, (region, part) in enumerate(computed.groupby("region", sort=False)):
        ax.plot(list(part["year"]), list(part["ratio_from_levels"]), linestyle="none",
                marker=plotting.MARKERS[i % len(plotting.MARKERS)], markersize=11,
                markerfacecolor="none", markeredgecolor=plotting.PALETTE[7],
                label=_name(region) + ("（由收入计算）" if zh else " (from the levels)"))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    return ax


def convergence_inputs(*, table=None) -> dict:
    """The default scenario of notebook 07, read from ``rural_income``: Sichuan's 2022
    ratio computed from the levels (``ratio0``), its 2022 real growth rates (``g_rural``,
    ``g_urban``, fractions), the base year 2022, and the target: Zhejiang's printed 2020
    ratio (``target``, ``target_year``). 2022 is Sichuan's latest year with levels and
    2020 Zhejiang's latest printed ratio in the table; no 2023 figure was found.

    >>> d = convergence_inputs()
    >>> round(d["ratio0"], 4), d["g_rural"], d["g_urban"], d["target"], d["target_year"]
    (2.3154, 0.044, 0.022, 1.96, 2020)
    """
    sc = income_table("sichuan", table=table)
    zj = income_table("zhejiang", table=table)
    base = int(sc.dropna(subset=["ratio_from_levels"]).index.max())
    target_year = int(zj.dropna(subset=["urban_rural_ratio"]).index.max())
    row = sc.loc[base]
    return {"ratio0": float(row["ratio_from_levels"]),
            "g_rural": round(float(row["rural_real_growth"]) / 100, 6),
            "g_urban": round(float(row["urban_real_growth"]) / 100, 6),
            "base_year": base,
            "target": float(zj.loc[target_year, "urban_rural_ratio"]),
            "target_year": target_year}


@dataclass(frozen=True)
class ConvergenceView:
    """What the explorer shows for one pair of growth rates.

    ``path``: Series year → ratio from ``base_year`` to ``end_year``; ``years``: t*, the
    fractional years until the ratio reaches ``target`` (None if never: g_r ≤ g_u);
    ``reach_year``: the first calendar year at or below the target, base_year + ⌈t*⌉
    (None if never); ``ratio_end``: the ratio in ``end_year``; ``target_label``: what the
    target is (e.g. "Zhejiang 2020").
    """

    g_rural: float
    g_urban: float
    ratio0: float
    target: float
    base_year: int
    end_year: int
    path: Any
    years: float | None
    reach_year: int | None
    ratio_end: float
    target_label: str = "target"

    @property
    def never(self) -> bool:
        """True when the ratio never reaches the target (g_r ≤ g_u)."""
        return self.years is None


def convergence_view(g_rural=None, g_urban=None, *, ratio0=None, target=None,
                     base_year=None, end_year: int = 2050) -> ConvergenceView:
    """The numbers of one convergence scenario (M12).

    Path R_t = R_0 ((1 + g_u)/(1 + g_r))^t for t = 0 … end_year − base_year; t* from
    :func:`chengyu_lib.scenarios.convergence_time`, or None ("never") when g_r ≤ g_u.
    Rates are fractions (0.044 for 4.4% a year). Omitted arguments come from
    :func:`convergence_inputs` (Sichuan 2022 → Zhejiang's 1.96).

    >>> v = convergence_view(0.07, 0.05, ratio0=2.0, target=1.5, base_year=2020)
    >>> round(v.years, 1), v.reach_year
    (15.2, 2036)
    >>> v = convergence_view(0.03, 0.03)
    >>> v.never, round(v.ratio_end, 4)
    (True, 2.3154)
    """
    import pandas as pd

    from .. import scenarios

    d = None
    if None in (g_rural, g_urban, ratio0, target, base_year):
        d = convergence_inputs()
    g_r = _rate(d["g_rural"] if g_rural is None else g_rural, "g_rural")
    g_u = _rate(d["g_urban"] if g_urban is None else g_urban, "g_urban")
    R0 = _number(d["ratio0"] if ratio0 is None else ratio0, "ratio0")
    Rs = _number(d["target"] if target is None else target, "target")
    if R0 <= 0 or Rs <= 0:
        raise ValueError(f"ratio0 and target must be positive ratios, got ratio0={R0:g}, "
                         f"target={Rs:g}")
    if Rs > R0:
        raise ValueError(f"target must not exceed ratio0 (the ratio is to fall), got "
                         f"target={Rs:g} > ratio0={R0:g}")
    label = f"Zhejiang {d['target_year']}" if target is None else "target"
    base_year = _year(d["base_year"] if base_year is None else base_year, "base_year")
    end_year = _year(end_year, "end_year")
    if end_year <= base_year:
        raise ValueError(f"end_year must be after base_year={base_year}, got {end_year}")
    step = (1 + g_u) / (1 + g_r) - 1          # the ratio's own yearly growth rate
    years = list(range(base_year, end_year + 1))
    path = pd.Series(scenarios.project(R0, step, [y - base_year for y in years]),
                     index=years, name="ratio")
    path.index.name = "year"
    try:
        t = float(scenarios.convergence_time(R0, Rs, g_r, g_u))
    except ValueError:
        t = None
    reach = scenarios.reach_year(base_year, t)
    return ConvergenceView(g_r, g_u, R0, Rs, base_year, end_year, path, t, reach,
                           float(path.iloc[-1]), label)


def convergence_text(view: ConvergenceView) -> str:
    """Two lines of text for the explorer: the rates, then t* and the year the target is
    reached, or "never" when g_r ≤ g_u.

    >>> print(convergence_text(convergence_view(0.044, 0.022)))
    rural +4.4% a year, urban +2.2% a year (real, held constant from 2022)
    ratio 2.32 in 2022 → 1.96 (Zhejiang 2020) after t* = 7.82 years: first reached in 2030
    >>> print(convergence_text(convergence_view(0.02, 0.03)))
    rural +2.0% a year, urban +3.0% a year (real, held constant from 2022)
    never: the ratio only falls if rural income grows faster than urban (g_r > g_u); it would be 3.04 in 2050
    """
    if not isinstance(view, ConvergenceView):
        raise TypeError(f"view must be a ConvergenceView from convergence_view(), got "
                        f"{type(view).__name__}")
    label = _t(view.target_label,
               view.target_label.replace("Zhejiang ", "浙江").replace("target", "目标"))
    head = _t(f"rural {100 * view.g_rural:+.1f}% a year, urban {100 * view.g_urban:+.1f}% a "
              f"year (real, held constant from {view.base_year})",
              f"农村 每年 {100 * view.g_rural:+.1f}%，城镇 每年 {100 * view.g_urban:+.1f}%"
              f"（实际增速，自 {view.base_year} 年起保持不变）")
    if view.never:
        return head + _t("\nnever: the ratio only falls if rural income grows faster than "
                         f"urban (g_r > g_u); it would be {view.ratio_end:.2f} in {view.end_year}",
                         "\n永远达不到：只有农村收入增长快于城镇（g_r > g_u），城乡收入比才会"
                         f"下降；到 {view.end_year} 年将为 {view.ratio_end:.2f}")
    return head + _t(f"\nratio {view.ratio0:.2f} in {view.base_year} → {view.target:g} "
                     f"({label}) after t* = {view.years:.2f} years: first reached in "
                     f"{view.reach_year}",
                     f"\n城乡收入比从 {view.base_year} 年的 {view.ratio0:.2f} 降到 "
                     f"{view.target:g}（{label}），需要 t* = {view.years:.2f} 年："
                     f"{view.reach_year} 年首次达到")


def convergence_figure(g_rural=None, g_urban=None, *, ratio0=None, target=None,
                       base_year=None, end_year: int = 2050, observed=True, ax=None):
    """The scenario path of the ratio from ``base_year`` (thick black line), the target
    (dashed line), the year it is reached (diamond) and, with ``observed=True``, the
    printed ratios of Sichuan (squares) and Zhejiang (triangles) from ``rural_income``.

    Returns the matplotlib Axes.

    >>> ax = convergence_figure(0.044, 0.022)
    >>> len(ax.get_lines())     # path, target, crossing, Sichuan and Zhejiang printed
    5
    >>> round(float(ax.get_lines()[0].get_ydata()[8]), 4)
    1.9527
    """
    from matplotlib.ticker import MaxNLocator

    from .. import plotting

    v = convergence_view(g_rural, g_urban, ratio0=ratio0, target=target,
                         base_year=base_year, end_year=end_year)
    zh = _zh()
    ax = plotting._axes(ax)
    ax.plot(list(v.path.index), list(v.path.values), color="black", linewidth=2.5,
            label=(f"情景：农村 {100 * v.g_rural:g}%，城镇 {100 * v.g_urban:g}%" if zh
                   else f"scenario: rural {100 * v.g_rural:g}%, urban {100 * v.g_urban:g}%"))
    ax.axhline(v.target, color="0.35", linestyle="--", linewidth=1.8,
               label=f"目标 {v.target:g}" if zh else f"target {v.target:g}")
    if v.reach_year is not None and v.reach_year <= v.end_year:
        ax.plot([v.reach_year], [v.path[v.reach_year]], linestyle="none", marker="D",
                markersize=9, markerfacecolor="white", markeredgecolor="black",
                label=(f"{v.reach_year}年达到" if zh else f"reached in {v.reach_year}"))
    if observed:
        printed = _printed_with_gaps(income_table().reset_index())
        for i, (region, marker) in enumerate((("sichuan", "s"), ("zhejiang", "^"))):
            part = printed[printed["region"] == region]
            ax.plot(list(part["year"]), list(part["urban_rural_ratio"]), linestyle=":",
                    marker=marker, markersize=7, color=plotting.PALETTE[i],
                    label=_name(region) + ("（公布）" if zh else " (printed)"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(plotting.label("year"))
    ax.set_ylabel("城乡居民收入比（倍）" if zh else "urban/rural income ratio (times)")
    ax.legend(fontsize=8, loc="upper right")
    return ax


def convergence_explorer(ratio0=None, target=None, base_year=None):
    """Two sliders, rural and urban income growth (percent a year, real, 0–10%): the path
    of Sichuan's urban–rural income ratio from 2022 and the year it reaches Zhejiang's
    printed 2020 ratio (1.96), or "never" when g_r ≤ g_u.

    Defaults from :func:`convergence_inputs`. Returns
    ``ipywidgets.VBox(children=[HBox([rural, urban]), output])``.
    """
    import ipywidgets as w

    d = convergence_inputs()
    style = {"description_width": "initial"}
    rural = w.FloatSlider(value=round(100 * d["g_rural"], 1), min=0.0, max=10.0, step=0.1,
                          description=_t("rural growth g_r (% a year)", "农村收入增速 g_r（%/年）"), readout_format=".1f",
                          continuous_update=False, style=style)
    urban = w.FloatSlider(value=round(100 * d["g_urban"], 1), min=0.0, max=10.0, step=0.1,
                          description=_t("urban growth g_u (% a year)", "城镇收入增速 g_u（%/年）"), readout_format=".1f",
                          continuous_update=False, style=style)
    out = w.Output()

    def show(*_):
        g_r, g_u = round(rural.value / 100, 6), round(urban.value / 100, 6)
        v = convergence_view(g_r, g_u, ratio0=ratio0, target=target, base_year=base_year)
        out.outputs = ()
        out.append_stdout(convergence_text(v) + "\n")
        out.append_display_data(figure_image(lambda ax: convergence_figure(
            g_r, g_u, ratio0=ratio0, target=target, base_year=base_year, ax=ax)))

    rural.observe(show, names="value")
    urban.observe(show, names="value")
    show()
    return w.VBox(children=[w.HBox(children=[rural, urban]), out])
