"""Projects and scenarios (course notebook 09, method M12): the joint project list as a
stock, a year's investment and GDP as flows, and growth scenarios for the circle's GDP.

The yearly list of major joint projects (``major_projects``) gives the **total investment**
of the listed projects: what they cost over their whole life, a *stock* (存量). The annual
plan and the investment completed in a year are *flows* (流量), like a year's GDP. Dividing
a stock by a flow gives a number of years, not a share of one year.

A **scenario** takes a level ``Y_0`` and an assumed constant growth rate g and works out
``Y_T = Y_0 (1 + g)^T`` (:func:`chengyu_lib.scenarios.project`), the rate that reaches a
target by a year (:func:`~chengyu_lib.scenarios.required_growth`) and when a target is
reached (:func:`~chengyu_lib.scenarios.years_to_reach`). It is arithmetic on an
assumption, not a forecast. Levels are in 亿元 at current prices, so the rates are
*nominal* growth rates.

* :func:`projects_table` — one year of the list by category (counts, total and planned
  investment), printed groups kept as printed and flagged;
* :func:`scenario_base` — the report's 2023 GDP (81986.67亿元) as the base of the scenarios;
* :func:`scenario_paths`, :func:`scenario_view`, :func:`scenario_text`,
  :func:`scenario_figure` — what the explorer shows; :func:`scenario_explorer` wires a
  growth-rate slider and a target dropdown to them.

>>> v = scenario_view(0.05, 100000, y0=81986.67, base_year=2023)
>>> round(v.level_end / 1e4, 2), v.reach_year, round(100 * v.required, 2)
(11.54, 2028, 2.88)
"""
from __future__ import annotations

from ..language import text as _t

import math
from dataclasses import dataclass
from typing import Any

from .._validate import scalar as _number
from ._common import figure_image, growth_rate as _rate, year as _year, zh as _zh

__all__ = ["COMBINED", "TARGETS", "projects_table", "scenario_base", "scenario_paths",
           "ScenarioView", "scenario_view", "scenario_text", "scenario_figure",
           "scenario_explorer"]

#: Category ids of ``major_projects`` that are groups printed as one (e.g. 科技创新和现代产业).
#: They are kept as printed, never split into their parts.
COMBINED = frozenset({
    "culture_ecology_opening_public_services", "ecology_culture_public_services",
    "ecology_opening_public_services", "industry_innovation",
    "innovation_culture_public_services", "innovation_culture_tourism",
    "innovation_opening_up",
})

#: Targets offered by the explorer: 亿元 -> label.
TARGETS = {90000.0: "9万亿元", 100000.0: "10万亿元", 120000.0: "12万亿元"}

_LIST_INDICATORS = ("projects", "total_investment", "planned_annual_investment")


def projects_table(year: int, indicators=_LIST_INDICATORS, *, period: str = "list",
                   table=None):
    """One year of the joint project list, one row per category as printed, the total last.

    Columns: ``category_zh`` (as printed that year), ``combined`` (True for a group printed
    as one, see :data:`COMBINED`) and one column per indicator in ``indicators`` (counts in
    个, investment in 亿元). A figure that was not printed stays NaN. Combined groups and
    their parts can both appear (2024: 科技创新和现代产业 = 145 beside 现代产业体系 = 114
    and 科技创新 = 31), so check which rows form a partition before adding them up.

    Parameters
    ----------
    year : year of the list, 2021–2026
    indicators : indicator names of ``major_projects`` (default: projects,
        total_investment, planned_annual_investment)
    period : "list" (attributes of the list, default), "full_year" or a months range
        such as "2024-01..2024-09"
    table : the ``major_projects`` table (loaded when omitted)

    >>> t = projects_table(2023)
    >>> int(t.loc["total", "projects"]), int(t.drop("total")["projects"].sum())
    (248, 248)
    >>> round(float(t.loc["total", "planned_annual_investment"]), 1)
    3395.3
    >>> bool(projects_table(2024).loc["industry_innovation", "combined"])
    True
    """
    import pandas as pd

    from .. import datasets

    year = _year(year, "year")
    if isinstance(indicators, str) or len(indicators) == 0:
        raise TypeError(f"indicators must be a non-empty list of indicator names, got "
                        f"{indicators!r}")
    table = datasets.load("major_projects") if table is None else table
    known = sorted(set(table["indicator"]))
    bad = [i for i in indicators if i not in known]
    if bad:
        raise ValueError(f"indicators: unknown {bad}; expected some of {known}")
    rows = table[(table["year"] == year) & (table["period"] == period)]
    if rows.empty:
        have = sorted(set(table.loc[table["year"] == year, "period"]))
        raise ValueError(f"no rows for year={year}, period={period!r}; periods for "
                         f"that year: {have or 'none (years ' + str(sorted(set(table['year']))) + ')'}")
    rows = rows[rows["indicator"].isin(list(indicators))]
    order = list(dict.fromkeys(c for c in rows["category"] if c != "total"))
    order += ["total"] if "total" in set(rows["category"]) else []
    wide = rows.pivot(index="category", columns="indicator", values="value")
    wide = wide.reindex(index=order, columns=list(indicators))
    names = rows.drop_duplicates("category").set_index("category")["category_zh"]
    out = pd.DataFrame({"category_zh": names.reindex(order),
                        "combined": [c in COMBINED for c in order]}, index=order)
    out = pd.concat([out, wide.astype(float)], axis=1)
    out.index.name = "category"
    out.columns.name = None
    return out


def scenario_base(figures=None) -> tuple[int, float]:
    """The base of the scenarios: the report's 2023 GDP of the circle, as ``(year, 亿元)``.

    Read from ``cy.article.figures()`` (row ``gdp_2023``, stored in 元) and converted to
    亿元 (÷ 10^8).

    >>> scenario_base()
    (2023, 81986.67)
    """
    from .. import article

    f = (article.figures() if figures is None else figures).set_index("figure_id")
    return int(f.loc["gdp_2023", "year"]), round(float(f.loc["gdp_2023", "value"]) / 1e8, 2)


def _base(y0, base_year):
    if y0 is None or base_year is None:
        year, level = scenario_base()
        y0 = level if y0 is None else y0
        base_year = year if base_year is None else base_year
    y0 = _number(y0, "y0")
    if y0 <= 0:
        raise ValueError(f"y0 must be a positive level in 亿元, got {y0:g}")
    return y0, _year(base_year, "base_year")


#: Longest horizon (years after the base year) and most rates :func:`scenario_paths` draws.
MAX_SCENARIO_YEARS = 200
MAX_SCENARIO_RATES = 100


def scenario_paths(rates, *, y0=None, base_year=None, end_year: int = 2030):
    """Scenario paths ``Y_t = Y_0 (1 + g)^t`` from ``base_year`` to ``end_year``, one per
    rate, in tidy form: columns ``year``, ``rate`` (fraction), ``scenario`` (label such as
    "5%") and ``gdp`` (亿元, current prices). Computed with
    :func:`chengyu_lib.scenarios.project`.

    Defaults: the report's 2023 GDP (:func:`scenario_base`). At most
    ``MAX_SCENARIO_YEARS`` (200) years and ``MAX_SCENARIO_RATES`` (100) rates.

    >>> p = scenario_paths([0.0, 0.1], y0=100.0, base_year=2023, end_year=2025)
    >>> p["gdp"].round(6).tolist()
    [100.0, 100.0, 100.0, 100.0, 110.0, 121.0]
    >>> p["scenario"].unique().tolist()
    ['0%', '10%']
    """
    import pandas as pd

    from .. import scenarios

    y0, base_year = _base(y0, base_year)
    end_year = _year(end_year, "end_year")
    if end_year <= base_year:
        raise ValueError(f"end_year must be after base_year={base_year}, got {end_year}")
    if end_year - base_year > MAX_SCENARIO_YEARS:
        raise ValueError(f"end_year must be at most {MAX_SCENARIO_YEARS} years after "
                         f"base_year={base_year}, got {end_year}")
    if isinstance(rates, (str, bytes)) or not hasattr(rates, "__iter__"):
        raise TypeError(f"rates must be a list of growth rates (fractions), got {rates!r}")
    rates = [_rate(g, "rates") for _, g in zip(range(MAX_SCENARIO_RATES + 1), rates)]
    if not rates:
        raise ValueError("rates must not be empty")
    if len(rates) > MAX_SCENARIO_RATES:
        raise ValueError(f"rates must hold at most {MAX_SCENARIO_RATES} growth rates")
    years = list(range(base_year, end_year + 1))
    parts = []
    for g in rates:
        parts.append(pd.DataFrame({
            "year": years, "rate": g, "scenario": f"{100 * g:g}%",
            "gdp": scenarios.project(y0, g, [y - base_year for y in years])}))
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class ScenarioView:
    """What the explorer shows for one growth rate and one target (levels in 亿元).

    ``path``: Series year → level from ``base_year`` to ``end_year``; ``level_end``: the
    level in ``end_year``; ``years_to_target``: fractional years until the target (None if
    never reached at this rate); ``reach_year``: the first calendar year whose level is at
    or above the target (None if not by ``last_year``); ``required``: the constant rate
    that reaches the target exactly in ``end_year``.
    """

    rate: float
    target: float
    y0: float
    base_year: int
    end_year: int
    last_year: int
    path: Any
    level_end: float
    years_to_target: float | None
    reach_year: int | None
    required: float


def scenario_view(rate, target=100000.0, *, y0=None, base_year=None, end_year: int = 2030,
                  last_year: int = 2040) -> ScenarioView:
    """The numbers of one scenario: the path to ``end_year`` at ``rate``, the year the
    ``target`` (亿元) is reached (searched up to ``last_year``) and the growth needed to
    reach it by ``end_year``.

    Formulas (M12): Y_t = Y_0 (1 + g)^t; t* = ln(Y*/Y_0) / ln(1 + g); the target is
    reached in the calendar year base_year + ⌈t*⌉; required g = (Y*/Y_0)^(1/T) − 1 with
    T = end_year − base_year.

    >>> v = scenario_view(0.05, 120000, y0=81986.67, base_year=2023)
    >>> round(v.years_to_target, 2), v.reach_year, round(100 * v.required, 2)
    (7.81, 2031, 5.59)
    >>> scenario_view(0.0, 100000, y0=81986.67, base_year=2023).reach_year is None
    True
    """
    import pandas as pd

    from .. import scenarios

    rate = _rate(rate)
    target = _number(target, "target")
    if target <= 0:
        raise ValueError(f"target must be a positive level in 亿元, got {target:g}")
    y0, base_year = _base(y0, base_year)
    end_year, last_year = _year(end_year, "end_year"), _year(last_year, "last_year")
    if end_year <= base_year:
        raise ValueError(f"end_year must be after base_year={base_year}, got {end_year}")
    if last_year < end_year:
        raise ValueError(f"last_year must not be before end_year={end_year}, got {last_year}")
    if end_year - base_year > MAX_SCENARIO_YEARS:
        raise ValueError(f"end_year must be at most {MAX_SCENARIO_YEARS} years after "
                         f"base_year={base_year}, got {end_year}")
    years = list(range(base_year, end_year + 1))
    path = pd.Series(scenarios.project(y0, rate, [y - base_year for y in years]),
                     index=pd.Index(years, name="year"), name="gdp")
    if target <= y0:            # already at or above the target in the base year
        t = 0.0
    else:
        try:
            t = float(scenarios.years_to_reach(y0, target, rate))
        except ValueError:      # a rate of 0 (or a fall) never reaches a higher target
            t = None
    reach = scenarios.reach_year(base_year, t, last_year)
    required = float(scenarios.required_growth(y0, target, end_year - base_year))
    return ScenarioView(rate=rate, target=target, y0=y0, base_year=base_year,
                        end_year=end_year, last_year=last_year, path=path,
                        level_end=float(path.iloc[-1]), years_to_target=t,
                        reach_year=reach, required=required)


def _wanyi(x: float) -> str:
    return f"{x / 1e4:.2f}万亿元"


def _goal(x: float) -> str:
    return f"{x / 1e4:g}万亿元"


def scenario_text(view: ScenarioView) -> str:
    """The explorer's text for one :class:`ScenarioView`.

    >>> print(scenario_text(scenario_view(0.05, 100000, y0=81986.67, base_year=2023)))
    scenario: 5.0% a year (nominal) from 81,986.67亿元 in 2023 — arithmetic, not a forecast
    2030 level: 115,363亿元 (11.54万亿元)
    10万亿元 first reached in 2028 (after 4.07 years)
    growth needed for 10万亿元 by 2030: 2.88% a year
    """
    if not isinstance(view, ScenarioView):
        raise TypeError(f"view must be a ScenarioView (from scenario_view), got "
                        f"{type(view).__name__}")
    v, goal = view, _goal(view.target)
    lines = [_t(f"scenario: {100 * v.rate:.1f}% a year (nominal) from {v.y0:,.2f}亿元 in "
                f"{v.base_year} — arithmetic, not a forecast",
                f"情景：从 {v.base_year} 年的 {v.y0:,.2f}亿元 起，每年名义增长 "
                f"{100 * v.rate:.1f}%——这是算术推演，不是预测"),
             _t(f"{v.end_year} level: {v.level_end:,.0f}亿元 ({_wanyi(v.level_end)})",
                f"{v.end_year} 年总量：{v.level_end:,.0f}亿元（{_wanyi(v.level_end)}）")]
    if v.years_to_target == 0:
        lines.append(_t(f"{goal} already reached in {v.base_year}",
                        f"{v.base_year} 年已达到 {goal}"))
    elif v.reach_year is not None:
        lines.append(_t(f"{goal} first reached in {v.reach_year} "
                        f"(after {v.years_to_target:.2f} years)",
                        f"{v.reach_year} 年首次达到 {goal}（{v.years_to_target:.2f} 年后）"))
    elif v.years_to_target is None:
        lines.append(_t(f"{goal} never reached at this rate", f"按这个增速永远达不到 {goal}"))
    else:
        lines.append(_t(f"{goal} not reached by {v.last_year} "
                        f"(it takes {v.years_to_target:.1f} years)",
                        f"到 {v.last_year} 年仍未达到 {goal}（需要 {v.years_to_target:.1f} 年）"))
    lines.append(_t(f"growth needed for {goal} by {v.end_year}: {100 * v.required:.2f}% a year",
                    f"要在 {v.end_year} 年达到 {goal}，每年需增长 {100 * v.required:.2f}%"))
    return "\n".join(lines)


def scenario_figure(rate, target=100000.0, *, y0=None, base_year=None, end_year: int = 2030,
                    fan=(0.02, 0.04, 0.06, 0.08), observed=None, ax=None):
    """A fan of scenario paths (thin lines, one per rate in ``fan``), the chosen ``rate``
    (thick black line), the ``target`` (dashed line) and, optionally, ``observed``
    outcomes (a Series year → 亿元, drawn as stars). Levels in 万亿元.

    Returns the matplotlib Axes.

    >>> ax = scenario_figure(0.05, 100000, y0=81986.67, base_year=2023, fan=(0.02, 0.08))
    >>> len(ax.get_lines())    # two fan lines, the chosen rate, the target, the crossing
    5
    >>> round(float(ax.get_lines()[2].get_ydata()[-1]), 2)
    11.54
    """
    import pandas as pd

    from .. import plotting

    v = scenario_view(rate, target, y0=y0, base_year=base_year, end_year=end_year)
    zh = _zh()
    if isinstance(fan, (str, bytes)) or not hasattr(fan, "__iter__"):
        raise TypeError(f"fan must be a list of growth rates (fractions), got {fan!r}")
    fan = list(fan)
    if fan:
        paths = scenario_paths(fan, y0=v.y0, base_year=v.base_year, end_year=v.end_year)
        paths["gdp_trillion"] = paths["gdp"] / 1e4
        ax = plotting.fan_chart(paths, "year", "gdp_trillion", "scenario", ax=ax)
    else:
        ax = plotting._axes(ax)
    chosen = ("所选 " if zh else "chosen ") + f"{100 * v.rate:g}%"
    ax.plot(list(v.path.index), list(v.path.values / 1e4), color="black", linewidth=2.5,
            marker="o", markersize=4, label=chosen)
    ax.axhline(v.target / 1e4, color="0.35", linestyle="--", linewidth=1.8,
               label=(f"目标 {v.target / 1e4:g}万亿元" if zh
                      else f"target {v.target / 1e4:g} trillion yuan"))
    if v.reach_year is not None and v.reach_year <= v.end_year:
        ax.plot([v.reach_year], [v.path[v.reach_year] / 1e4], linestyle="none",
                marker="D", markersize=9, markerfacecolor="white",
                markeredgecolor="black")
    if observed is not None:
        obs = pd.Series(observed, dtype=float)
        ax.plot([int(y) for y in obs.index], list(obs.values / 1e4), linestyle="none",
                marker="*", markersize=14, color=plotting.PALETTE[1],
                markeredgecolor="black",
                label="实际值（普查修订口径）" if zh else "outcome (census-revised basis)")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(plotting.label("year"))
    ax.set_ylabel(plotting.label("gdp_trillion"))
    ax.legend(fontsize=8, ncol=2, loc="upper left")
    return ax


def scenario_explorer(y0=None, base_year=None, targets=None, observed=None):
    """A growth-rate slider (0–8% a year, nominal) and a target dropdown (9, 10, 12万亿元):
    the path to 2030, the year the target is reached (or "not by 2040") and the growth
    needed to reach it by 2030.

    Defaults: the report's 2023 GDP (:func:`scenario_base`), targets :data:`TARGETS`.
    ``observed``: optional outcomes to mark (Series year → 亿元). Returns
    ``ipywidgets.VBox(children=[HBox(slider, dropdown), output])``.
    """
    import ipywidgets as w

    y0, base_year = _base(y0, base_year)
    targets = dict(TARGETS) if targets is None else dict(targets)
    if not targets:
        raise ValueError("targets must not be empty")
    slider = w.FloatSlider(value=5.0, min=0.0, max=8.0, step=0.5, description=_t("growth %", "增速 %"),
                           readout_format=".1f", continuous_update=False)
    options = [(label, float(v)) for v, label in targets.items()]
    target = w.Dropdown(options=options, value=100000.0 if 100000.0 in targets
                        else options[0][1], description=_t("target", "目标"))
    out = w.Output()

    def show(*_):
        rate = slider.value / 100
        view = scenario_view(rate, target.value, y0=y0, base_year=base_year)
        out.outputs = ()
        out.append_stdout(scenario_text(view) + "\n")
        out.append_display_data(figure_image(
            lambda ax: scenario_figure(rate, target.value, y0=y0, base_year=base_year,
                                       observed=observed, ax=ax)))

    slider.observe(show, names="value")
    target.observe(show, names="value")
    show()
    return w.VBox(children=[w.HBox(children=[slider, target]), out])
