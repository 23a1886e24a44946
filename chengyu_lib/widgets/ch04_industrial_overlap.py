"""Testing the overlap claim (产业同构) at different levels of detail (course notebook 04,
methods M6–M8).

Li Xiehua (李谢华) says the pillar industries of the two cores overlap. The indices that
turn such a claim into a number — the structure-similarity coefficient S, the Krugman
index K and location quotients LQ (cy.metrics) — give different verdicts at different
levels of detail. This module lines up the tables at each level and computes the indices:

* :func:`sector_table` — sourced three-sector value added (亿元) of Chongqing, Sichuan,
  China and any city with the figures (``province_economy``, ``national_economy``,
  ``city_economy``); a missing figure stays NaN;
* :func:`constructed_example` — a **constructed** two-region example (regions A and B,
  invented numbers, *not data*) with identical three-sector shares but different
  industries inside manufacturing, to show what aggregation hides;
* :func:`level_table`, :func:`overlap_view` — the table, S and K of every pair
  (:func:`chengyu_lib.metrics.pair_indices`), and LQs for one level of detail
  (:data:`LEVELS`);
* :func:`overlap_text`, :func:`overlap_figure`, :func:`lq_scatter` — what the explorer
  shows; :func:`overlap_explorer` wires a level-of-detail dropdown to them.

>>> v = overlap_view("constructed_3")
>>> round(v.S, 3), round(v.K, 3)            # identical three-sector shares
(1.0, 0.0)
>>> v = overlap_view("constructed_mfg")
>>> round(v.S, 3), round(v.K, 3)            # the same regions, manufacturing only
(0.626, 0.75)
"""
from __future__ import annotations

from ..language import text as _t

from ._common import figure_image

from dataclasses import dataclass
from typing import Any

__all__ = ["SECTORS", "LEVELS", "CONSTRUCTED", "sector_table", "constructed_example",
           "level_table", "overlap_view", "OverlapView", "overlap_text",
           "overlap_figure", "lq_scatter", "overlap_explorer"]

#: The three sectors (三次产业), as indicator names in the tables.
SECTORS = ("primary", "secondary", "tertiary")

#: Levels of detail offered: key -> (English, Chinese). "constructed" levels use the
#: invented example of :data:`CONSTRUCTED`, never data.
LEVELS = {
    "three_sectors": ("three sectors (sourced data)", "三次产业（统计数据）"),
    "non_farm": ("industry and services only (sourced data)", "仅第二、三产业（统计数据）"),
    "constructed_3": ("constructed example A/B: three sectors", "构造示例A/B：三次产业"),
    "constructed_8": ("constructed example A/B: eight industries", "构造示例A/B：八个行业"),
    "constructed_mfg": ("constructed example A/B: manufacturing only",
                        "构造示例A/B：仅制造业"),
}

#: A CONSTRUCTED example (invented numbers, NOT data): each region's output in % of its
#: total, by industry, with the sector each industry belongs to and whether it is
#: manufacturing. A and B have the same three-sector shares (7, 39, 54, toy shares)
#: but A leans to autos and B to electronics.
CONSTRUCTED = {
    # industry: (sector, manufacturing?, A, B, English, Chinese)
    "agriculture": ("primary", False, 7, 7, "agriculture", "农业"),
    "autos": ("secondary", True, 14, 3, "autos", "汽车"),
    "electronics": ("secondary", True, 4, 15, "electronics", "电子"),
    "equipment": ("secondary", True, 6, 5, "equipment", "装备"),
    "other_mfg": ("secondary", True, 8, 9, "other manufacturing", "其他制造"),
    "construction_utilities": ("secondary", False, 7, 7, "construction, utilities",
                               "建筑及公用"),
    "trade_logistics": ("tertiary", False, 20, 24, "trade, logistics", "商贸物流"),
    "other_services": ("tertiary", False, 34, 30, "other services", "其他服务"),
}

_NAMES = {  # labels of rows and columns besides regions: key -> (English, Chinese)
    "A": ("region A (constructed)", "A区（构造）"),
    "B": ("region B (constructed)", "B区（构造）"),
    "primary": ("primary", "第一产业"), "secondary": ("secondary", "第二产业"),
    "tertiary": ("tertiary", "第三产业"),
}
_PROVINCES = ("chongqing", "sichuan")


def _name(key) -> str:
    from .. import plotting

    if key in CONSTRUCTED:
        en, zh = CONSTRUCTED[key][4], CONSTRUCTED[key][5]
    else:
        from ..datasets import REGION_NAMES

        en, zh = _NAMES[key] if key in _NAMES else \
            REGION_NAMES.get(key, (str(key), str(key)))[:2]
    return zh if plotting.get_language() == "zh" else en


def sector_table(year: int = 2023, regions=("chongqing", "sichuan", "china"),
                 vintage: str = "preliminary", provinces=None, national=None, cities=None):
    """Value added of the three sectors (亿元, current prices) of each region, one row per
    region, columns primary, secondary, tertiary.

    ``regions`` may name "chongqing" and "sichuan" (whole units, ``province_economy``),
    "china" (``national_economy``) and any city id of ``city_economy`` (boundary "whole").
    Only figures of the given ``vintage`` are used; a missing figure stays NaN (nothing is
    filled in or taken from another vintage).

    Parameters
    ----------
    year : e.g. 2023 (2021 and 2023 have all three of Chongqing, Sichuan and China)
    regions : sequence of region ids, in the order wanted
    vintage : "preliminary" (first release) by default
    provinces, national, cities : the tables (loaded when omitted)

    >>> import pandas as pd
    >>> prov = pd.DataFrame({"region": ["chongqing"] * 3, "year": [2023] * 3,
    ...     "indicator": ["primary", "secondary", "tertiary"],
    ...     "value": [2074.68, 11699.14, 16371.97], "vintage": ["preliminary"] * 3})
    >>> nat = pd.DataFrame({"year": [2023] * 2, "indicator": ["primary", "secondary"],
    ...     "value": [89755.0, 482589.0], "vintage": ["preliminary"] * 2})
    >>> city = pd.DataFrame(columns=["city_id", "boundary", "year", "indicator", "value",
    ...                              "vintage"])
    >>> t = sector_table(2023, ["chongqing", "china"], provinces=prov, national=nat,
    ...                  cities=city)
    >>> t.loc["chongqing"].tolist()
    [2074.68, 11699.14, 16371.97]
    >>> bool(t.isna().loc["china", "tertiary"])                 # a gap stays a gap
    True
    """
    import pandas as pd

    from .. import datasets

    if isinstance(regions, str) or len(regions) == 0:
        raise TypeError(f"regions must be a non-empty list of region ids, got {regions!r}")
    provinces = datasets.load("province_economy") if provinces is None else provinces
    national = datasets.load("national_economy") if national is None else national
    cities = datasets.load("city_economy") if cities is None else cities
    city_ids = set(cities["city_id"]) if len(cities) else set()
    known = set(_PROVINCES) | {"china"} | city_ids
    rows = {}
    for r in regions:
        if r not in known:
            raise ValueError(f"regions: unknown region {r!r}; expected 'chongqing', "
                             f"'sichuan', 'china' or a city id of city_economy "
                             f"({', '.join(sorted(city_ids))})")
        if r in _PROVINCES:
            part = provinces[provinces["region"] == r]
        elif r == "china":
            part = national
        else:
            part = cities[(cities["city_id"] == r) & (cities["boundary"] == "whole")]
        part = part[(part["year"] == year) & (part["vintage"] == vintage)
                    & part["indicator"].isin(SECTORS)]
        values = part.set_index("indicator")["value"]
        rows[r] = [float(values[s]) if s in values.index else float("nan") for s in SECTORS]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(SECTORS))
    out.index.name = "region"
    out.columns.name = "sector"
    return out


def constructed_example(level: str = "constructed_8"):
    """The CONSTRUCTED two-region example (invented numbers, NOT data), in % of each
    region's output.

    ``level`` = "constructed_8" (eight industries), "constructed_3" (summed to the three
    sectors) or "constructed_mfg" (the four manufacturing industries only).

    >>> constructed_example("constructed_3").loc["A"].tolist()
    [7.0, 39.0, 54.0]
    >>> constructed_example("constructed_mfg").columns.tolist()
    ['autos', 'electronics', 'equipment', 'other_mfg']
    """
    import pandas as pd

    if level not in ("constructed_8", "constructed_3", "constructed_mfg"):
        raise ValueError("level must be 'constructed_8', 'constructed_3' or "
                         f"'constructed_mfg', got {level!r}")
    full = pd.DataFrame({k: [float(v[2]), float(v[3])] for k, v in CONSTRUCTED.items()},
                        index=["A", "B"])
    if level == "constructed_3":
        sector = pd.Series({k: v[0] for k, v in CONSTRUCTED.items()})
        full = full.T.groupby(sector, sort=False).sum().T.reindex(columns=list(SECTORS))
    elif level == "constructed_mfg":
        full = full[[k for k, v in CONSTRUCTED.items() if v[1]]]
    full.index.name = "region"
    full.columns.name = "sector" if level == "constructed_3" else "industry"
    return full


def level_table(level: str = "three_sectors", year: int = 2023, regions=None, **tables):
    """The table for one level of detail (:data:`LEVELS`): sourced sectors (亿元) of
    ``regions`` (default Chongqing, Sichuan, China) for "three_sectors" and "non_farm"
    (secondary and tertiary only), or the constructed example (%).

    >>> level_table("constructed_8").shape
    (2, 8)
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    if level.startswith("constructed"):
        return constructed_example(level)
    table = sector_table(year, regions or ("chongqing", "sichuan", "china"), **tables)
    return table[["secondary", "tertiary"]] if level == "non_farm" else table


@dataclass(frozen=True)
class OverlapView:
    """Result of :func:`overlap_view`: ``table`` (the data at this level), ``lq``
    (location quotients), ``pairs`` (S and K of every pair), the main pair ``a``, ``b``
    with its ``S`` and ``K``, and the ``benchmark`` the LQs are measured against."""

    level: str
    table: Any
    lq: Any
    pairs: Any
    a: str
    b: str
    S: float
    K: float
    benchmark: str


def overlap_view(level: str = "three_sectors", year: int = 2023, **tables) -> OverlapView:
    """Everything the explorer shows for one level of detail.

    Sourced levels: LQs of Chongqing and Sichuan against China (the benchmark row is
    dropped from ``lq``); main pair Chongqing–Sichuan. Constructed levels: LQs of A and B
    against A + B together; main pair A–B.

    >>> v = overlap_view("constructed_8")
    >>> round(v.S, 3), round(v.K, 2), v.benchmark
    (0.929, 0.32, 'A+B')
    >>> float(v.lq.loc["A", "autos"].round(3))
    1.647
    """
    from .. import metrics

    table = level_table(level, year, **tables)
    pairs = metrics.pair_indices(table)
    if level.startswith("constructed"):
        a, b, benchmark = "A", "B", "A+B"
        lq = metrics.location_quotient(table)
    else:
        a, b, benchmark = "chongqing", "sichuan", "china"
        regions = table.drop(index=benchmark).dropna()
        lq = metrics.location_quotient(regions, table.loc[benchmark])
    S, K = (float(v) for v in pairs.loc[(a, b)])
    return OverlapView(level=level, table=table, lq=lq, pairs=pairs, a=a, b=b, S=S, K=K,
                       benchmark=benchmark)


def overlap_text(view: OverlapView) -> str:
    """The explorer's text: level, the main pair's S and K, and the other pairs.

    >>> print(overlap_text(overlap_view("constructed_3")).splitlines()[1])
    region A (constructed) vs region B (constructed): S = 1.000, K = 0.000
    """
    en, zh = LEVELS[view.level]
    vs, na = _t(" vs ", " 与 "), _t("n/a", "无数据")
    lines = [_t(f"level of detail: {en} / {zh}; {view.table.shape[1]} categories",
                f"细分程度：{zh}；共 {view.table.shape[1]} 个类别"),
             f"{_name(view.a)}{vs}{_name(view.b)}"
             + _t(f": S = {view.S:.3f}, K = {view.K:.3f}", f"：S = {view.S:.3f}，K = {view.K:.3f}")]
    for (a, b), row in view.pairs.iterrows():
        if (a, b) != (view.a, view.b):
            S = na if row["S"] != row["S"] else f"{row['S']:.3f}"
            K = na if row["K"] != row["K"] else f"{row['K']:.3f}"
            lines.append(f"{_name(a)}{vs}{_name(b)}" + _t(f": S = {S}, K = {K}", f"：S = {S}，K = {K}"))
    against = (_t("A + B together", "A与B合计") if view.benchmark == "A+B"
               else _name(view.benchmark))
    lines.append(_t(f"location quotients against: {against}", f"区位商的基准：{against}"))
    if view.level.startswith("constructed"):
        lines.append(_t("constructed example: invented numbers, not data",
                        "构造示例：数字是虚构的，不是统计数据"))
    return "\n".join(lines)


def _labelled(lq):
    out = lq.copy()
    out.index = [_name(i) for i in lq.index]
    out.columns = [_name(c) for c in lq.columns]
    return out


def overlap_figure(view: OverlapView, ax=None):
    """Heatmap of the view's location quotients, coloured around 1 (cy.plotting.heatmap
    with ``center=1``): red above the benchmark share, blue below.

    >>> ax = overlap_figure(overlap_view("constructed_mfg"))
    >>> [t.get_text() for t in ax.get_xticklabels()][:2]
    ['autos', 'electronics']
    """
    from .. import plotting

    zh = plotting.get_language() == "zh"
    kind = "industry" if view.level in ("constructed_8", "constructed_mfg") else "sector"
    xlabel = {"industry": ("industry", "行业"), "sector": ("sector", "产业")}[kind]
    against = _name(view.benchmark) if view.benchmark != "A+B" else ("A与B合计" if zh else "A+B")
    ylabel = (f"区位商（基准：{against}）" if zh else f"location quotient vs {against}")
    return plotting.heatmap(_labelled(view.lq), ax=ax, fmt="{:.2f}", center=1,
                            xlabel=xlabel[1] if zh else xlabel[0], ylabel=ylabel)


def lq_scatter(lq, a: str, b: str, ax=None):
    """Scatter of each industry's LQ in region ``a`` (x) against region ``b`` (y), with
    dashed lines at 1: points in the upper-right quadrant are industries in which both
    regions are specialised (both LQ > 1), the pattern an overlap claim predicts.

    >>> v = overlap_view("constructed_8")
    >>> ax = lq_scatter(v.lq, "A", "B")
    >>> len(ax.collections[0].get_offsets())
    8
    """
    from .. import plotting

    for r in (a, b):
        if r not in lq.index:
            raise ValueError(f"region {r!r} is not a row of lq; rows are {list(lq.index)}")
    ax = plotting._axes(ax)
    x, y = lq.loc[a], lq.loc[b]
    ax.scatter(x, y, s=60, color=plotting.PALETTE[0], edgecolor="black", zorder=3)
    # one label per distinct point (industries at the same place share it); labels go
    # left of points with LQ_a < 1 and right otherwise; of two points close in height on
    # the same side, the higher is labelled above and the lower below
    points: dict = {}
    for k in lq.columns:
        points.setdefault((round(float(x[k]), 6), round(float(y[k]), 6)), []).append(_name(k))
    span = max(float(y.max() - y.min()), 1e-9)
    for p in points:
        left = p[0] < 1 - 1e-9
        near = [q for q in points if q != p and (q[0] < 1 - 1e-9) == left
                and abs(q[1] - p[1]) < 0.1 * span]
        if near:
            q = min(near, key=lambda q: abs(q[1] - p[1]))
            va, dy = ("bottom", 4) if p[1] >= q[1] else ("top", -4)
        else:   # a lone point: label it on the side away from the nearer edge
            va, dy = "center", 0
            left = float(x.max()) - p[0] < p[0] - float(x.min())
        ax.annotate(" / ".join(points[p]), p, fontsize=9, xytext=(-7 if left else 7, dy),
                    textcoords="offset points", ha="right" if left else "left", va=va)
    ax.axvline(1, color="black", linestyle="--", linewidth=1)
    ax.axhline(1, color="black", linestyle="--", linewidth=1)
    zh = plotting.get_language() == "zh"
    ax.set_xlabel(f"{_name(a)} 区位商" if zh else f"location quotient, {_name(a)}")
    ax.set_ylabel(f"{_name(b)} 区位商" if zh else f"location quotient, {_name(b)}")
    return ax


def overlap_explorer(level: str = "three_sectors", year: int = 2023, **tables):
    """A level-of-detail dropdown: S, K and the LQ heatmap of the main pair change as the
    comparison moves from three sectors to industries (sourced levels use ``year``).

    Returns
    -------
    ipywidgets.VBox(children=[Dropdown level, Output])
    """
    import ipywidgets as w

    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    views = {k: overlap_view(k, year, **tables) for k in LEVELS}
    dropdown = w.Dropdown(options=[(_t(f"{en} · {zh}", zh), k) for k, (en, zh) in LEVELS.items()],
                          value=level, description=_t("detail", "细分程度"),
                          layout=w.Layout(width="max-content"))
    out = w.Output()

    def redraw(_=None):
        view = views[dropdown.value]
        image = figure_image(lambda ax: overlap_figure(view, ax=ax), figsize=(7.0, 3.2))
        out.outputs = ()
        out.append_stdout(overlap_text(view) + "\n")
        out.append_display_data(image)

    dropdown.observe(redraw, names="value")
    redraw()
    return w.VBox([dropdown, out])
