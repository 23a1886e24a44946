"""Explorer for notebook 10 (benchmarking city clusters): size is not development.

The four growth poles of the 纲要 — the Chengdu–Chongqing circle (``ccec``, 成渝), the
Yangtze River Delta (``yrd``, 长三角), Beijing–Tianjin–Hebei (``jjj``, 京津冀) and the
Greater Bay Area (``gba``, 粤港澳大湾区) — rank differently by total GDP, GDP per person,
density and share of national GDP. The figures come from the ``city_clusters`` table; a
cluster's population is a printed total or the sum of its member provinces **only when every
member is there for that year** (never a guess).

Units: GDP in 亿元 and population in 万人, so GDP per person is y = GDP / P × 10^4 元
and density d = P / A 人/km² (the formulas: :func:`chengyu_lib.metrics.per_person`,
:func:`chengyu_lib.metrics.density`).

Tested in ``tests/test_ch10_benchmarking_clusters.py``.

>>> t = cluster_table(pop_years={"ccec": 2024})
>>> round(t.loc["ccec", "per_person"])
83206
"""
from __future__ import annotations

from ..language import text as _t

from .._validate import scalar
from ._common import figure_image

__all__ = ["CLUSTERS", "METRICS", "cluster_population",
           "cluster_table", "cluster_ranking", "cluster_text", "cluster_figure",
           "cluster_bubble", "cluster_explorer"]

#: cluster code -> (Chinese name, English name, member parts whose sum is the cluster)
CLUSTERS = {
    "ccec": ("成渝", "Chengdu–Chongqing", ()),
    "yrd": ("长三角", "Yangtze River Delta", ("shanghai", "jiangsu", "zhejiang", "anhui")),
    "jjj": ("京津冀", "Beijing–Tianjin–Hebei", ("beijing", "tianjin", "hebei")),
    "gba": ("粤港澳大湾区", "Greater Bay Area", ()),
}

#: metric column -> axis label (with unit)
METRICS = {
    "gdp": "GDP（亿元）",
    "per_person": "人均GDP（元）",
    "density": "人口密度（人/km²）",
    "share_national": "占全国GDP（%）",
}


def _table(table):
    from .. import datasets

    return datasets.load("city_clusters") if table is None else table


def cluster_population(table, cluster, year):
    """Population (万人) of ``cluster`` in ``year``: the printed total, else the sum of the
    member provinces if every member is in the table for that year, else ``None``.

    >>> import chengyu_lib as cy
    >>> t = cy.datasets.load("city_clusters")
    >>> round(cluster_population(t, "yrd", 2022), 2)
    23694.89
    >>> cluster_population(t, "yrd", 2023) is None      # Shanghai 2023 not found
    True
    """
    if cluster not in CLUSTERS:
        raise ValueError(f"cluster must be one of {list(CLUSTERS)}, got {cluster!r}")
    rows = table[(table["cluster"] == cluster) & (table["indicator"] == "population")
                 & (table["year"] == int(year))]
    tot = rows[rows["part"] == "total"]
    if len(tot):
        return float(tot["value"].iloc[0])
    members = CLUSTERS[cluster][2]
    got = dict(zip(rows["part"], rows["value"]))
    if members and all(m in got for m in members):
        return float(sum(got[m] for m in members))
    return None


def _value(table, cluster, indicator, year=None):
    rows = table[(table["cluster"] == cluster) & (table["indicator"] == indicator)
                 & (table["part"] == "total")]
    if year is not None:
        rows = rows[rows["year"] == int(year)]
    if not len(rows):
        return None, None
    rows = rows.sort_values("year")
    return float(rows["value"].iloc[-1]), str(rows["note"].iloc[-1] or "")


def cluster_table(table=None, year=2023, pop_years=None, national_gdp=None):
    """One row per cluster: GDP of ``year``, the population used (and its year), area,
    GDP per person, density and share of national GDP; missing inputs give NaN.

    ``pop_years``: optional {cluster: year} to take a population from another year
    (the ``pop_gap`` column then shows the years mixed); default: the same ``year``.
    ``national_gdp``: 亿元; default: China's first-release GDP of ``year`` from
    ``national_economy``.

    >>> t = cluster_table()
    >>> t.loc["gba", ["per_person", "density"]].round(1).tolist()
    [162790.7, 1535.7]
    >>> bool(t.loc["yrd", "per_person"] != t.loc["yrd", "per_person"])   # NaN: no 2023 population
    True
    """
    import numpy as np
    import pandas as pd

    from .. import datasets, metrics

    t = _table(table)
    pop_years = dict(pop_years or {})
    bad = set(pop_years) - set(CLUSTERS)
    if bad:
        raise ValueError(f"pop_years keys must be among {list(CLUSTERS)}, got {sorted(bad)}")
    if national_gdp is None:
        nat = datasets.pick_vintage(datasets.load("national_economy"), "gdp",
                                    prefer=("preliminary", "final"))
        nat = nat[nat["year"] == int(year)]
        national_gdp = float(nat["value"].iloc[0]) if len(nat) else np.nan
    out = []
    for c, (zh, en, _) in CLUSTERS.items():
        gdp, note = _value(t, c, "gdp", year)
        py = int(pop_years.get(c, year))
        pop = cluster_population(t, c, py)
        area, _ = _value(t, c, "area")
        gdp = np.nan if gdp is None else gdp
        pop = np.nan if pop is None else pop
        area = np.nan if area is None else area
        out.append({
            "cluster": c, "name": zh, "gdp": gdp,
            "lower_bound": "突破" in (note or ""),
            "pop_year": py, "pop_gap": py - int(year), "population": pop, "area": area,
            "share_national": gdp / national_gdp * 100,
        })
    tab = pd.DataFrame(out).set_index("cluster")
    tab.insert(tab.columns.get_loc("area") + 1, "per_person",
               metrics._where_known(metrics.per_person, tab, "gdp", "population"))
    tab.insert(tab.columns.get_loc("per_person") + 1, "density",
               metrics._where_known(metrics.density, tab, "population", "area"))
    return tab


def cluster_ranking(tab, metric):
    """The clusters that have ``metric``, largest first, labelled by Chinese name.

    >>> r = cluster_ranking(cluster_table(), "gdp")
    >>> list(r.index)
    ['长三角', '粤港澳大湾区', '京津冀', '成渝']
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {list(METRICS)}, got {metric!r}")
    s = tab.set_index("name")[metric].dropna().sort_values(ascending=False)
    s.name = metric
    return s


def cluster_text(tab, metric):
    """Where the circle stands on ``metric``, which clusters lack the inputs, which
    ranked values rest on a lower-bound GDP (突破) and which use a population of another
    year than the GDP.

    >>> print(cluster_text(cluster_table(), "gdp"))
    GDP（亿元）: 成渝 ranks 4 of 4 (81,987; top: 长三角 300,000).
    lower bound (GDP printed as 突破): 长三角, 粤港澳大湾区
    >>> print(cluster_text(cluster_table(pop_years={"ccec": 2024}), "density"))
    人口密度（人/km²）: 成渝 ranks 2 of 2 (533; top: 粤港澳大湾区 1,536).
    not ranked (population missing for the year used): 长三角, 京津冀
    population of another year than the GDP: 成渝 (2024)
    """
    r = cluster_ranking(tab, metric)
    label = METRICS[metric]
    missing = [n for n in tab["name"] if n not in r.index]
    sep = _t(", ", "、")
    if "成渝" in r.index:
        rank = list(r.index).index("成渝") + 1
        top = f"{r.index[0]} {r.iloc[0]:,.0f}"
        text = _t(f"{label}: 成渝 ranks {rank} of {len(r)} ({r['成渝']:,.0f}; top: {top}).",
                  f"{label}：成渝在 {len(r)} 个城市群中排第 {rank}（{r['成渝']:,.0f}；最高：{top}）。")
    else:
        text = _t(f"{label}: 成渝 has no value in this setting.",
                  f"{label}：在这一设定下成渝没有数值。")
    if missing:
        text += _t("\nnot ranked (population missing for the year used): ",
                   "\n未参与排名（所用年份缺少人口数据）：") + sep.join(missing)
    ranked = tab[tab["name"].isin(r.index)]
    if metric != "density":
        low = list(ranked.loc[ranked["lower_bound"], "name"])
        if low:
            text += _t("\nlower bound (GDP printed as 突破): ",
                       "\n下限（地区生产总值原文写作“突破”）：") + sep.join(low)
    if metric in ("per_person", "density"):
        mixed = [_t(f"{n} ({y})", f"{n}（{y}年）") for n, y, g in
                 zip(ranked["name"], ranked["pop_year"], ranked["pop_gap"]) if g != 0]
        if mixed:
            text += _t("\npopulation of another year than the GDP: ",
                       "\n人口与地区生产总值不是同一年：") + sep.join(mixed)
    return text


def cluster_figure(tab, metric, *, ax=None):
    """Horizontal bars of ``metric``, largest on top; the circle's bar is hatched.

    Returns the matplotlib Axes.

    >>> ax = cluster_figure(cluster_table(pop_years={"ccec": 2024, "yrd": 2022}), "density")
    >>> len(ax.patches)
    3
    """
    from .. import plotting

    r = cluster_ranking(tab, metric)
    fmt = "{:,.1f}" if metric == "share_national" else "{:,.0f}"
    ax = plotting.bar_chart(r, ax=ax, xlabel=METRICS[metric], fmt=fmt)
    for patch, name in zip(ax.patches, list(r.index)[::-1]):
        if name == "成渝":
            patch.set_hatch("//")
            patch.set_facecolor(plotting.PALETTE[1])
            patch.set_edgecolor("black")
    return ax


def cluster_bubble(tab, *, ax=None):
    """Bubble chart of the clusters that have both measures: density (x) against GDP per
    person (y), bubble area ∝ total GDP, with room left for the labels.

    Returns the matplotlib Axes.

    >>> ax = cluster_bubble(cluster_table(pop_years={"ccec": 2024, "yrd": 2022}))
    >>> sorted(t.get_text() for t in ax.texts)
    ['成渝', '粤港澳大湾区', '长三角']
    """
    from .. import plotting

    both = tab.dropna(subset=["per_person", "density"]).reset_index()
    if not len(both):
        raise ValueError("tab has no cluster with both GDP per person and density")
    ax = plotting.bubble_chart(both, "density", "per_person", "gdp", "name", ax=ax,
                               xlabel=METRICS["density"], ylabel=METRICS["per_person"])
    ax.margins(x=0.2, y=0.2)
    return ax


def cluster_explorer(table=None, year=2023, pop_years=None):
    """A metric Dropdown that reorders the four clusters and says where the circle stands.

    Returns ``ipywidgets.VBox(children=[dropdown, output])``.
    """
    import ipywidgets as w

    tab = cluster_table(table, year, pop_years)
    dd = w.Dropdown(options=[(_t("total GDP 总量", "地区生产总值总量"), "gdp"),
                             (_t("GDP per person 人均", "人均地区生产总值"), "per_person"),
                             (_t("density 人口密度", "人口密度"), "density"),
                             (_t("share of national GDP 占全国", "占全国比重"),
                              "share_national")],
                    value="gdp", description=_t("metric", "指标"))
    out = w.Output()

    def show(*_):
        out.outputs = ()
        out.append_stdout(cluster_text(tab, dd.value) + "\n")
        out.append_display_data(figure_image(lambda ax: cluster_figure(tab, dd.value, ax=ax)))

    dd.observe(show, names="value")
    show()
    return w.VBox(children=[dd, out])
