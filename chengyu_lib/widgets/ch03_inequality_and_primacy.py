"""Inequality and primacy in the circle (course notebook 03, methods M3–M5).

:func:`inequality_inputs` lines up GDP and population of the circle's cities for one
year, with Chongqing taken either as the whole municipality (全市) or as its main
metropolitan area (主城都市区). :func:`inequality_summary` computes, for the cities
that have data, the coefficient of variation (unweighted or population-weighted),
Theil T with its split between the Sichuan part and Chongqing, and primacy ratios.
:func:`ranked_chart` draws ranked GDP or GDP per person. :func:`inequality_explorer`
only wires a boundary dropdown and a weighting checkbox to these functions.

>>> import pandas as pd
>>> t = pd.DataFrame({"name_en": ["Chongqing", "Chengdu", "Mianyang"],
...                   "province": ["Chongqing", "Sichuan", "Sichuan"],
...                   "gdp": [30145.79, 22074.7, 4038.73],
...                   "population": [3000.0, 2000.0, 500.0]},   # toy populations
...                  index=["chongqing", "chengdu", "mianyang"])
>>> s = inequality_summary(t)
>>> round(float(s["S2_chongqing_chengdu_gdp"]), 3), round(float(s["S2_sichuan"]), 3)
(1.366, 5.466)
"""
from __future__ import annotations

from ..language import get_language
from ..language import text as _t
from ._common import figure_image

__all__ = ["BOUNDARIES", "inequality_inputs", "core_periphery_inputs", "inequality_summary", "inequality_text",
           "ranked_chart", "rank_size_chart", "inequality_explorer"]

#: Chongqing boundaries offered: value of the ``boundary`` column -> (English, Chinese).
BOUNDARIES = {"whole": ("whole municipality", "全市"),
              "main_metro_area": ("main metropolitan area", "主城都市区")}

CHENGDU, CHONGQING = "chengdu", "chongqing"


def inequality_inputs(year: int = 2023, chongqing: str = "whole", cities=None,
                      economy=None, provinces=None):
    """GDP (亿元), population (万人) and GDP per person (元) of the circle's cities.

    Every Sichuan city enters as a whole city (``city_economy``, boundary "whole");
    Chongqing enters as the whole municipality (``province_economy``) or, with
    ``chongqing="main_metro_area"``, as its main metropolitan area (``city_economy``).
    GDP per person is computed here as y_i = 10⁴ · GDP_i / P_i (亿元 / 万人 → 元) from
    year-end population, so it differs a little from official figures, which divide by
    the year's average population. Missing figures stay NaN: nothing is filled in.

    Parameters
    ----------
    year : e.g. 2023
    chongqing : "whole" (全市) or "main_metro_area" (主城都市区)
    cities, economy, provinces : the ``cities``, ``city_economy`` and
        ``province_economy`` tables (loaded when omitted)

    Returns
    -------
    DataFrame indexed by city_id (order of the cities table): name_zh, name_en,
    province, gdp, population, gdp_per_capita.

    >>> import pandas as pd
    >>> cities = pd.DataFrame({"city_id": ["chongqing", "chengdu"], "name_zh": ["重庆", "成都"],
    ...     "name_en": ["Chongqing", "Chengdu"], "province": ["Chongqing", "Sichuan"]})
    >>> eco = pd.DataFrame({"city_id": ["chongqing", "chengdu", "chengdu"],
    ...     "boundary": ["main_metro_area", "whole", "whole"], "year": [2023] * 3,
    ...     "indicator": ["gdp", "gdp", "population"],
    ...     "value": [23120.1, 22074.72, 2000.0],                 # population: toy value
    ...     "vintage": ["preliminary"] * 3})
    >>> prov = pd.DataFrame({"region": ["chongqing"], "year": [2023], "indicator": ["gdp"],
    ...     "value": [30145.79], "vintage": ["preliminary"]})
    >>> inequality_inputs(2023, "main_metro_area", cities, eco, prov)["gdp"].tolist()
    [23120.1, 22074.72]
    >>> inequality_inputs(2023, "whole", cities, eco, prov)["gdp"].tolist()
    [30145.79, 22074.72]
    """
    from .. import datasets

    if chongqing not in BOUNDARIES:
        raise ValueError(f"chongqing must be one of {list(BOUNDARIES)}, got {chongqing!r}")
    t = datasets.city_figures(year, chongqing, cities=cities, economy=economy,
                              provinces=provinces)
    from .. import metrics

    out = t[["name_zh", "name_en", "province", "gdp", "population"]].copy()
    out["gdp_per_capita"] = metrics._where_known(metrics.per_person, out, "gdp", "population")
    return out


def core_periphery_inputs(year: int = 2023, cities=None, economy=None, provinces=None):
    """Three units with both GDP and population: Chengdu, the rest of Sichuan province
    (province total minus Chengdu, computed here, not stored) and Chongqing (全市).

    A fallback when most cities lack a figure: the rest of Sichuan is the *whole
    province* minus Chengdu, so it includes the six prefecture-level units outside the
    circle. Same columns as :func:`inequality_inputs`; ``province`` groups Chengdu
    with the rest of Sichuan.

    >>> import pandas as pd
    >>> cities = pd.DataFrame({"city_id": ["chongqing", "chengdu"], "name_zh": ["重庆", "成都"],
    ...     "name_en": ["Chongqing", "Chengdu"], "province": ["Chongqing", "Sichuan"]})
    >>> eco = pd.DataFrame({"city_id": ["chengdu", "chengdu"], "boundary": ["whole"] * 2,
    ...     "year": [2023] * 2, "indicator": ["gdp", "population"],
    ...     "value": [20.0, 2.0], "vintage": ["preliminary"] * 2})
    >>> prov = pd.DataFrame({"region": ["chongqing", "chongqing", "sichuan", "sichuan"],
    ...     "year": [2023] * 4, "indicator": ["gdp", "population"] * 2,
    ...     "value": [30.0, 3.0, 60.0, 8.0], "vintage": ["preliminary"] * 4})
    >>> core_periphery_inputs(2023, cities, eco, prov)[["gdp", "population"]].values.tolist()
    [[20.0, 2.0], [40.0, 6.0], [30.0, 3.0]]
    """
    import pandas as pd

    from .. import datasets, metrics

    provinces = datasets.load("province_economy") if provinces is None else provinces
    units = inequality_inputs(year, "whole", cities, economy, provinces)
    sichuan = provinces[(provinces["region"] == "sichuan") & (provinces["year"] == year)]
    sc = datasets.best_vintage(sichuan[sichuan["indicator"].isin(["gdp", "population"])],
                               ["region", "indicator"])
    sc = sc.pivot(index="region", columns="indicator", values="value") \
        .reindex(columns=["gdp", "population"]).astype(float)
    need = [(CHENGDU, c) for c in ("gdp", "population")] + \
           [(CHONGQING, c) for c in ("gdp", "population")]
    gaps = [f"{u} {c}" for u, c in need if not pd.notna(units.loc[u, c])]
    if "sichuan" not in sc.index or sc.loc["sichuan"].isna().any():
        gaps.append("Sichuan province gdp/population")
    if gaps:
        raise ValueError(f"year {year} lacks figures for the core–periphery split: "
                         f"{', '.join(gaps)}")
    rest = {"name_zh": "四川其余地区", "name_en": "rest of Sichuan", "province": "Sichuan",
            "gdp": float(sc.loc["sichuan", "gdp"] - units.loc[CHENGDU, "gdp"]),
            "population": float(sc.loc["sichuan", "population"]
                                - units.loc[CHENGDU, "population"])}
    out = pd.concat([units.loc[[CHENGDU]], pd.DataFrame([rest], index=["rest_of_sichuan"]),
                     units.loc[[CHONGQING]]])
    out["gdp_per_capita"] = metrics.per_person(out["gdp"], out["population"])
    return out.rename_axis("unit")


def inequality_summary(inputs, weighted: bool = False):
    """CV, Theil T (split Sichuan part / Chongqing) and primacy, each over the cities
    that have the figures it needs.

    * ``n_cities``: cities with both GDP and population (used by CV and Theil);
    * ``cv``: coefficient of variation of GDP per person, population-weighted if
      ``weighted`` (cy.metrics.coefficient_of_variation);
    * ``theil``, ``between``, ``within``, ``between_share``: Theil T of GDP over
      population and its split by province (cy.metrics.theil_decomposition). Chongqing
      is one unit, so all of ``within`` comes from the Sichuan cities;
    * ``S2_chongqing_chengdu_gdp`` and ``_population``: Chongqing / Chengdu;
    * ``n_sichuan_gdp``, ``S2_sichuan``, ``S4_sichuan``: primacy of GDP among the Sichuan
      cities with a GDP figure (S2 = Chengdu / second city; S4 needs 4 cities).

    A measure whose cities are missing is NaN (CV and Theil need 2 cities with both
    figures); nothing is filled in.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"province": ["Chongqing", "Sichuan", "Sichuan"],
    ...                   "gdp": [2.0, 2.0, 1.0], "population": [1.0, 1.0, 1.0]},
    ...                  index=["chongqing", "chengdu", "mianyang"])
    >>> s = inequality_summary(t)
    >>> abs(float(s["between"] + s["within"] - s["theil"])) < 1e-12
    True
    >>> float(s["S2_sichuan"])
    2.0
    """
    import numpy as np
    import pandas as pd

    from .. import metrics

    if not isinstance(weighted, (bool, np.bool_)):
        raise TypeError(f"weighted must be True or False, got {weighted!r}")
    for col in ("province", "gdp", "population"):
        if col not in inputs.columns:
            raise ValueError(f"inputs must have a column {col!r}; it has "
                             f"{list(inputs.columns)}")
    nan = float("nan")
    have = inputs[inputs["gdp"].notna() & inputs["population"].notna()]
    out = {"n_cities": float(len(have)), "cv": nan, "theil": nan, "between": nan,
           "within": nan, "between_share": nan}
    if len(have) >= 2:
        y = have["gdp"] / have["population"]   # per person; the unit cancels in CV
        out["cv"] = metrics.coefficient_of_variation(
            y, population=have["population"] if weighted else None)
        dec = metrics.theil_decomposition(have["gdp"], have["population"],
                                          have["province"])
        out.update(theil=dec.total, between=dec.between, within=dec.within,
                   between_share=dec.between_share)
    for what in ("gdp", "population"):
        col = inputs[what]
        ok = all(c in inputs.index and pd.notna(col.get(c)) for c in (CHONGQING, CHENGDU))
        out[f"S2_chongqing_chengdu_{what}"] = (
            float(col[CHONGQING] / col[CHENGDU]) if ok else nan)
    sc = inputs.loc[(inputs["province"] == "Sichuan") & inputs["gdp"].notna(), "gdp"]
    out["n_sichuan_gdp"] = float(len(sc))
    out["S2_sichuan"] = metrics.primacy(sc, k=2) if len(sc) >= 2 else nan
    out["S4_sichuan"] = metrics.primacy(sc, k=4) if len(sc) >= 4 else nan
    return pd.Series(out)


def inequality_text(summary, chongqing: str = "whole", weighted: bool = False) -> str:
    """The explorer's text: the summary's key numbers, rounded, one per line
    ("n/a" where the cities a measure needs are missing).

    >>> import pandas as pd
    >>> s = pd.Series({"n_cities": 3.0, "cv": 0.5, "theil": 0.1, "between": 0.02,
    ...                "within": 0.08, "between_share": 0.2, "S2_chongqing_chengdu_gdp": 1.366,
    ...                "S2_chongqing_chengdu_population": float("nan"), "n_sichuan_gdp": 2.0,
    ...                "S2_sichuan": 5.47, "S4_sichuan": float("nan")})
    >>> print(inequality_text(s).splitlines()[1])
    CV of GDP per person (unweighted): 0.500
    >>> print(inequality_text(s).splitlines()[3])
    Chongqing / Chengdu: GDP 1.366, population n/a
    """
    en, zh = BOUNDARIES[chongqing]
    kind = "population-weighted" if weighted else "unweighted"

    def f(key, fmt):
        v = summary[key]
        return "n/a" if v != v else format(v, fmt)

    n = int(summary["n_cities"])
    if get_language() == "zh":
        return "\n".join([
            f"重庆 = {zh}；同时有地区生产总值和人口数据的城市 {n} 个",
            f"人均地区生产总值的变异系数（{'按人口加权' if weighted else '不加权'}）："
            f"{f('cv', '.3f')}",
            f"泰尔指数 T：{f('theil', '.4f')} = 组间 {f('between', '.4f')} "
            f"+ 组内 {f('within', '.4f')}",
            f"重庆 / 成都：地区生产总值 {f('S2_chongqing_chengdu_gdp', '.3f')}，"
            f"人口 {f('S2_chongqing_chengdu_population', '.3f')}",
            f"四川地区生产总值首位度（有地区生产总值的城市 {int(summary['n_sichuan_gdp'])} 个）："
            f"S2 {f('S2_sichuan', '.2f')}，S4 {f('S4_sichuan', '.2f')}"]).replace("n/a", "无数据")
    lines = [f"Chongqing = {en} ({zh}); {n} {'city' if n == 1 else 'cities'} with both "
             "GDP and population",
             f"CV of GDP per person ({kind}): {f('cv', '.3f')}",
             f"Theil T: {f('theil', '.4f')} = between {f('between', '.4f')} "
             f"+ within {f('within', '.4f')}",
             f"Chongqing / Chengdu: GDP {f('S2_chongqing_chengdu_gdp', '.3f')}, "
             f"population {f('S2_chongqing_chengdu_population', '.3f')}",
             f"Sichuan GDP primacy ({int(summary['n_sichuan_gdp'])} cities with GDP): "
             f"S2 {f('S2_sichuan', '.2f')}, S4 {f('S4_sichuan', '.2f')}"]
    return "\n".join(lines)


def ranked_chart(inputs, column: str = "gdp", weighted: bool = False,
                 names: str | None = None, ax=None):
    """Ranked horizontal bars of ``column`` ("gdp" in 亿元 or "gdp_per_capita" in 元)
    for the cities that have it, Chongqing in a second colour and hatched. Cities are
    named by ``names`` (default: "name_zh" or "name_en" by the chart language).

    For "gdp_per_capita" a dashed line marks the mean: the mean per person
    (Σ GDP / Σ population) if ``weighted``, else the plain mean of the cities.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"name_en": ["Chongqing", "Chengdu"], "gdp": [3.0, 2.0],
    ...                   "population": [1.0, 1.0], "gdp_per_capita": [30000.0, 20000.0]},
    ...                  index=["chongqing", "chengdu"])
    >>> ax = ranked_chart(t, "gdp_per_capita")
    >>> float(ax.get_lines()[0].get_xdata()[0])
    25000.0
    >>> [p.get_hatch() for p in ranked_chart(t).patches]   # Chengdu, Chongqing (top)
    [None, '//']
    """
    import numpy as np

    from .. import metrics, plotting

    if column not in ("gdp", "gdp_per_capita"):
        raise ValueError(f"column must be 'gdp' or 'gdp_per_capita', got {column!r}")
    if names is None:
        names = "name_zh" if plotting.get_language() == "zh" else "name_en"
    need = inputs["gdp"].notna() & (inputs["population"].notna()
                                     if column == "gdp_per_capita" else True)
    have = inputs[need]
    s = have[column].sort_values(ascending=False, kind="stable")
    labels = have.loc[s.index, names] if names in have.columns else s.index
    series = s.copy()
    series.index = list(labels)
    series.name = column
    ax = plotting.bar_chart(series, ax=ax)
    # bar_chart draws the first label at the top: its bars are in reversed order
    for bar, cid in zip(ax.patches, list(s.index)[::-1]):
        if cid == CHONGQING:
            bar.set_facecolor(plotting.PALETTE[1])
            bar.set_hatch("//")
            bar.set_edgecolor("black")
    if column == "gdp_per_capita":
        zh = plotting.get_language() == "zh"
        if weighted:
            mean = metrics.weighted_mean(have["gdp_per_capita"], have["population"])
            text = "人口加权均值" if zh else "mean per person"
        else:
            mean = float(np.mean(have["gdp_per_capita"]))
            text = "城市简单均值" if zh else "mean of cities"
        ax.axvline(mean, color="black", linestyle="--", linewidth=1.5, label=text)
        ax.legend(loc="lower right")
    return ax


def rank_size_chart(values, ax=None, annotate: bool = True):
    """Rank–size plot on log axes: city sizes (circles, labelled by the Series index)
    against rank, the OLS line of :func:`chengyu_lib.metrics.rank_size` (dashed) and
    Zipf's rule P_r = P_1 / r through the largest city (dotted).

    >>> import pandas as pd
    >>> ax = rank_size_chart(pd.Series({"A": 1200.0, "B": 600.0, "C": 400.0, "D": 300.0},
    ...                                name="gdp"))
    >>> ax.get_xscale(), len(ax.get_lines())
    ('log', 3)
    """
    import numpy as np

    from .. import metrics, plotting

    fit = metrics.rank_size(values)
    plotting.setup()
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots()
    t = fit.table
    zh = plotting.get_language() == "zh"
    ax.plot(t["rank"], t["size"], "o", color=plotting.PALETTE[0],
            label="城市" if zh else "cities")
    ax.plot(t["rank"], np.exp(t["fitted"]), "--", color=plotting.PALETTE[1],
            label=(f"拟合斜率 {fit.slope:.2f}" if zh else f"fitted slope {fit.slope:.2f}"))
    ax.plot(t["rank"], t["size"].iloc[0] / t["rank"], ":", color="0.3",
            label="齐普夫法则（斜率 -1）" if zh else "Zipf rule (slope -1)")
    if annotate:
        for name, r, v in zip(t.index, t["rank"], t["size"]):
            ax.annotate(str(name), (r, v), xytext=(5, 3), textcoords="offset points",
                        fontsize=8)
    from matplotlib.ticker import FuncFormatter, NullFormatter, NullLocator

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(list(t["rank"]), [str(r) for r in t["rank"]])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"
                                               if str(int(round(v)))[0] in "25" else ""))
    ax.set_xlabel("位次（对数刻度）" if zh else "rank (log scale)")
    name = getattr(values, "name", None) or ""
    ax.set_ylabel(plotting.label(name) + ("（对数刻度）" if zh else " (log scale)"))
    ax.legend()
    return ax


def inequality_explorer(year: int = 2023, chongqing: str = "whole",
                        weighted: bool = False, cities=None, economy=None, provinces=None):
    """A Chongqing-boundary dropdown (全市 / 主城都市区) and a population-weighting
    checkbox: CV, Theil T and the primacy ratios change with the unit and the weights
    (the modifiable areal unit problem).

    Returns
    -------
    ipywidgets.VBox(children=[Dropdown boundary, Checkbox weighted, Output])
    """
    import ipywidgets as w

    from .. import datasets

    cities = datasets.load("cities") if cities is None else cities
    economy = datasets.load("city_economy") if economy is None else economy
    provinces = datasets.load("province_economy") if provinces is None else provinces
    inputs = {b: inequality_inputs(year, b, cities, economy, provinces) for b in BOUNDARIES}
    dropdown = w.Dropdown(options=[(_t(f"Chongqing: {en} {zh}", f"重庆：{zh}"), b)
                                   for b, (en, zh) in BOUNDARIES.items()],
                          value=chongqing, description=_t("boundary", "边界"))
    check = w.Checkbox(value=weighted,
                       description=_t("population-weighted CV", "变异系数按人口加权"))
    out = w.Output()

    def redraw(_=None):
        data = inputs[dropdown.value]
        summary = inequality_summary(data, weighted=check.value)
        image = figure_image(lambda ax: ranked_chart(data, "gdp", ax=ax), figsize=(7.0, 4.5))
        out.outputs = ()
        out.append_stdout(inequality_text(summary, dropdown.value, check.value) + "\n")
        out.append_display_data(image)

    dropdown.observe(redraw, names="value")
    check.observe(redraw, names="value")
    redraw()
    return w.VBox([dropdown, check, out])
