"""Gravity on the Chengdu–Chongqing corridor (course notebook 05, method M9).

The pure functions here prepare the masses and coordinates of the circle's cities
(:func:`gravity_inputs`), compute everything the explorer shows for one setting of the
distance-decay exponent β and the mass (:func:`corridor_view`), and draw it
(:func:`pairs_chart`, :func:`pairs_map`, :func:`corridor_chart`). :func:`gravity_explorer`
only wires a β
slider and a GDP/population toggle to them, so every number it shows is unit-tested.

>>> import pandas as pd
>>> toy = pd.DataFrame({"name": ["Chengdu", "Chongqing", "Neijiang"],
...                     "lat": [30.67, 29.57, 29.58], "lon": [104.07, 106.55, 105.05],
...                     "gdp": [22074.7, 30145.79, 2000.0],   # Neijiang: toy value
...                     "population": [2000.0, 3000.0, 300.0]},   # toy populations
...                    index=["chengdu", "chongqing", "neijiang"])
>>> v = corridor_view(toy, corridor_km=307, beta=2.0, mass="gdp")
>>> round(v.from_chengdu, 1), round(v.from_chongqing, 1)
(141.6, 165.4)
"""
from __future__ import annotations

from ..language import text as _t

from ._common import figure_image

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MASSES", "gravity_inputs", "corridor_stations", "CorridorView",
           "corridor_view", "breaking_point_chart", "pairs_chart", "pairs_map",
           "corridor_chart", "gravity_explorer"]

#: The masses the explorer offers: column name -> (English, Chinese) label.
MASSES = {"gdp": ("GDP", "地区生产总值"), "population": ("population", "常住人口")}

#: Which end of the corridor is which (city ids of the cities table).
CHENGDU, CHONGQING = "chengdu", "chongqing"

#: line_id of the 成渝高铁 (成渝客专) in the ``corridor`` table: the breaking-point line.
HSR_LINE = "chengyu_hsr"

def gravity_inputs(year: int = 2023, cities=None, economy=None, provinces=None):
    """Coordinates and masses (GDP, population) of the circle's 16 cities in one year.

    The Sichuan cities come from ``city_economy`` (whole cities); Chongqing enters as
    the whole municipality (全市) from ``province_economy``, like the other whole cities.
    A city whose figure was not found keeps an empty (NaN) mass — nothing is filled in.

    Parameters
    ----------
    year : the year of the masses (GDP in 亿元, year-end resident population in 万人)
    cities, economy, provinces : the ``cities``, ``city_economy`` and
        ``province_economy`` tables; loaded with ``cy.datasets.load`` when omitted.

    Returns
    -------
    DataFrame indexed by city_id, in the order of the cities table, with columns
    name_zh, name_en, province, lat, lon, gdp, population.

    >>> import pandas as pd
    >>> cities = pd.DataFrame({"city_id": ["a", "chongqing"], "name_zh": ["甲", "重庆"],
    ...     "name_en": ["A", "Chongqing"], "province": ["Sichuan", "Chongqing"],
    ...     "lat": [30.0, 29.0], "lon": [104.0, 106.0]})
    >>> eco = pd.DataFrame({"city_id": ["a", "a"], "boundary": ["whole"] * 2,
    ...     "year": [2023] * 2, "indicator": ["gdp", "population"],
    ...     "value": [10.0, 5.0], "vintage": ["preliminary"] * 2})
    >>> prov = pd.DataFrame({"region": ["chongqing"], "year": [2023], "indicator": ["gdp"],
    ...     "value": [20.0], "vintage": ["preliminary"]})
    >>> t = gravity_inputs(2023, cities, eco, prov)
    >>> t["gdp"].to_dict()
    {'a': 10.0, 'chongqing': 20.0}
    >>> t["population"].isna().tolist()   # Chongqing's population: not in this toy table
    [False, True]
    """
    from .. import datasets

    t = datasets.city_figures(year, "whole", cities=cities, economy=economy,
                              provinces=provinces)
    return t[["name_zh", "name_en", "province", "lat", "lon", "gdp", "population"]]


def corridor_stations(stations=None, line: str | None = None):
    """Stations of the Chengdu–Chongqing rail line as a Series: km from Chengdu,
    indexed by station name (Chinese), in order along the line.

    Parameters
    ----------
    stations : a DataFrame with columns ``station_zh`` and ``km`` (and ``line_id`` if
        several lines are listed); loaded from a ``corridor_stations`` table when omitted.
        The shipped data has none (no source gives station-by-station distances, see the
        ``corridor`` table's caveats), so omitting it is a ``ValueError`` that says so;
        a teacher who has the distances passes them as a DataFrame.
    line : the ``line_id`` to keep when the table lists several lines.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"station_zh": ["成都东", "重庆北"], "km": [0, 307]})
    >>> corridor_stations(t).to_dict()
    {'成都东': 0.0, '重庆北': 307.0}
    """
    if stations is None:
        from .. import datasets
        if "corridor_stations" not in datasets.names():
            raise ValueError("stations must be given: the course data has no "
                             "corridor_stations table (no source for station-by-station "
                             "distances was found; see the corridor table's caveats)")
        stations = datasets.load("corridor_stations")
    if "line_id" in stations.columns and line is not None:
        stations = stations[stations["line_id"] == line]
    for col in ("station_zh", "km"):
        if col not in stations.columns:
            raise ValueError(f"stations must have a column {col!r}; it has "
                             f"{list(stations.columns)}")
    st = stations[stations["km"].notna()]
    return st.set_index("station_zh")["km"].astype(float).sort_values(kind="stable") \
        .rename_axis(None).rename("km")


@dataclass(frozen=True)
class CorridorView:
    """What :func:`corridor_view` computes for one β and one mass.

    Attributes
    ----------
    beta, mass : the setting
    corridor_km : the rail distance used for the breaking point
    from_chengdu, from_chongqing : Reilly's breaking point, km from each end
    between : the two stations the point falls between ((name, km), (name, km)), or None
    pairs : the interaction table (cy.spatial.interaction_table) with an extra column
        ``share`` = I_ij / Σ I, in %, strongest pair first
    missing : cities (named as in ``pairs``) left out because their mass is missing
    """

    beta: float
    mass: str
    corridor_km: float
    from_chengdu: float
    from_chongqing: float
    between: Any
    pairs: Any
    missing: list = field(default_factory=list)

    def text(self) -> str:
        """One-paragraph summary: the breaking point and the top pair."""
        en, zh = MASSES[self.mass]
        where = ""
        if self.between is not None:
            (a, ka), (b, kb) = self.between
            where = _t(f", between {a} ({ka:.0f} km) and {b} ({kb:.0f} km)",
                       f"，位于{a}（{ka:.0f} km）与{b}（{kb:.0f} km）之间")
        top = self.pairs.iloc[0]
        pair = f"{top['city_i']}–{top['city_j']}"
        lines = [_t(f"β = {self.beta:.1f}, mass = {en}", f"β = {self.beta:.1f}，质量 = {zh}"),
                 _t(f"breaking point: {self.from_chengdu:.1f} km from Chengdu "
                    f"({self.from_chongqing:.1f} km from Chongqing) on the "
                    f"{self.corridor_km:g} km line{where}",
                    f"断裂点：在 {self.corridor_km:g} km 的线路上，距成都 {self.from_chengdu:.1f} km"
                    f"（距重庆 {self.from_chongqing:.1f} km）{where}"),
                 _t(f"strongest pair: {pair} ({top['share']:.1f}% of all pairwise interaction)",
                    f"联系最强的一对：{pair}（占全部两两联系的 {top['share']:.1f}%）")]
        if self.missing:
            lines.append(_t(f"left out (no {self.mass} figure): {', '.join(self.missing)}",
                            f"未纳入（缺少{zh}数据）：{'、'.join(self.missing)}"))
        return "\n".join(lines)


def corridor_view(inputs, corridor_km, beta: float = 2.0, mass: str = "gdp",
                  stations=None, names: str | None = None) -> CorridorView:
    """The breaking point between Chengdu and Chongqing and the pair ranking, for one β.

    Formulas: I_ij = M_i M_j / d_ij^β over every pair with great-circle d_ij
    (:func:`chengyu_lib.spatial.interaction_table`); Reilly's breaking point measured
    from Chengdu, d_CD = d / (1 + (M_CQ / M_CD)^(1/β)), with d the rail distance
    (:func:`chengyu_lib.spatial.breaking_point` with m_i = Chongqing, m_j = Chengdu).

    Range: 0 < d_CD < d; it lies nearer the smaller mass (Chengdu). Only shares of
    interaction are reported (G is not calibrated).

    Parameters
    ----------
    inputs : DataFrame as from :func:`gravity_inputs` (index city_id; lat, lon, mass
        columns; must contain "chengdu" and "chongqing" with a mass)
    corridor_km : rail distance Chengdu–Chongqing, km
    beta : distance-decay exponent β > 0
    mass : "gdp" or "population"
    stations : optional Series km-from-Chengdu by station (:func:`corridor_stations`)
    names : column used to name the cities in ``pairs`` ("name_en" or "name_zh");
        default: by the chart language (cy.plotting.set_language); the index is used
        if the column is absent.

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"lat": [30.67, 29.57], "lon": [104.07, 106.55],
    ...                     "gdp": [1.0, 1.0]}, index=["chengdu", "chongqing"])
    >>> corridor_view(toy, 300, beta=1.0).from_chengdu
    150.0
    """
    from .. import metrics, plotting, spatial

    if names is None:
        names = "name_zh" if plotting.get_language() == "zh" else "name_en"
    if mass not in MASSES:
        raise ValueError(f"mass must be one of {list(MASSES)}, got {mass!r}")
    if mass not in inputs.columns:
        raise ValueError(f"inputs must have a {mass!r} column; it has {list(inputs.columns)}")
    for end in (CHENGDU, CHONGQING):
        if end not in inputs.index or not inputs.loc[end, mass] > 0:
            raise ValueError(f"inputs must hold a positive {mass!r} for {end!r} "
                             "(the two ends of the corridor)")
    have = inputs[inputs[mass].notna()]
    label = inputs[names] if names in inputs.columns else inputs.index.to_series()
    missing = [str(label[i]) for i in inputs.index if i not in have.index]
    table = have.copy()
    table["name"] = table[names] if names in table.columns else table.index
    pairs = spatial.interaction_table(table[["name", "lat", "lon", mass]], mass=mass,
                                      beta=beta)
    pairs["share"] = 100.0 * metrics.share(pairs["interaction"])
    d = float(corridor_km)
    from_cd = float(spatial.breaking_point(d, m_i=float(inputs.loc[CHONGQING, mass]),
                                           m_j=float(inputs.loc[CHENGDU, mass]), beta=beta))
    between = None
    if stations is not None and len(stations) >= 2:
        before = stations[stations <= from_cd]
        after = stations[stations > from_cd]
        if len(before) and len(after):
            between = ((str(before.index[-1]), float(before.iloc[-1])),
                       (str(after.index[0]), float(after.iloc[0])))
    return CorridorView(beta=float(beta), mass=mass, corridor_km=d,
                        from_chengdu=from_cd, from_chongqing=d - from_cd,
                        between=between, pairs=pairs, missing=missing)


def breaking_point_chart(curve, corridor_km, ax=None):
    """Breaking point (km from Chengdu) against β, one line per mass (different line
    styles and markers, so it reads in greyscale), with the midpoint d/2 dotted.

    ``curve``: as from :func:`chengyu_lib.spatial.breaking_point_curve` with
    ``i="chongqing", j="chengdu"`` (columns beta, mass, from_chengdu).

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"gdp": [1.0, 4.0], "population": [1.0, 2.0]},
    ...                    index=["chengdu", "chongqing"])
    >>> from chengyu_lib import spatial
    >>> curve = spatial.breaking_point_curve(toy, 300, i="chongqing", j="chengdu")
    >>> ax = breaking_point_chart(curve, 300)
    >>> len(ax.get_lines())   # two masses + the midpoint
    3
    """
    from .. import plotting

    plotting.setup()
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots()
    zh = plotting.get_language() == "zh"
    styles = {"gdp": ("-", "o"), "population": ("--", "s")}
    for mass, part in curve.groupby("mass", sort=False):
        ls, marker = styles.get(mass, ("-.", "^"))
        ax.plot(part["beta"], part["from_chengdu"], linestyle=ls, marker=marker,
                markersize=4, label=MASSES.get(mass, (mass, mass))[1 if zh else 0])
    ax.axhline(corridor_km / 2, color="0.3", linestyle=":", linewidth=1.5,
               label="中点" if zh else "midpoint")
    ax.legend()
    ax.set_xlabel("距离衰减指数 β" if zh else "distance-decay exponent β")
    ax.set_ylabel("断裂点距成都（公里）" if zh else "breaking point from Chengdu (km)")
    return ax


def pairs_chart(view: CorridorView, top: int = 8, ax=None):
    """Horizontal bars: the ``top`` strongest pairs and their share of all interaction (%).

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"lat": [30.67, 29.57, 29.58], "lon": [104.07, 106.55, 105.05],
    ...                     "gdp": [2.0, 3.0, 0.2]}, index=["chengdu", "chongqing", "neijiang"])
    >>> len(pairs_chart(corridor_view(toy, 307)).patches)
    3
    """
    from .. import plotting

    head = view.pairs.head(top)
    s = head["share"].copy()
    s.index = [f"{a}–{b}" for a, b in zip(head["city_i"], head["city_j"])]
    zh = plotting.get_language() == "zh"
    xlabel = "占全部城市对相互作用的比重（%）" if zh else "share of all pairwise interaction (%)"
    return plotting.bar_chart(s, ax=ax, xlabel=xlabel, fmt="{:.1f}")


def pairs_map(view: CorridorView, inputs, top: int = 8, ax=None):
    """The view's ``top`` strongest pairs drawn on the map of the circle
    (:func:`chengyu_lib.plotting.map_chart`): cities sized by the view's mass, a line per
    pair with width ∝ its share of all pairwise interaction, and the corridor line.

    ``inputs`` is the table the view was computed from (as from :func:`gravity_inputs`).

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"lat": [30.67, 29.57, 29.58], "lon": [104.07, 106.55, 105.05],
    ...                     "gdp": [2.0, 3.0, 0.2]}, index=["chengdu", "chongqing", "neijiang"])
    >>> ax = pairs_map(corridor_view(toy, 307), toy, top=2)
    >>> len(ax.get_lines())   # 2 pairs, the corridor and the scale bar
    4
    """
    from .. import plotting

    return plotting.map_chart(inputs, view.mass, links=view.pairs.head(top), weight="share",
                              ax=ax, legend="below")


def corridor_chart(view: CorridorView, stations=None, ax=None):
    """The corridor as a line from Chengdu (0 km) to Chongqing, its stations, and the
    breaking point (diamond, dashed line) for the view's β and mass.

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"lat": [30.67, 29.57], "lon": [104.07, 106.55],
    ...                     "gdp": [2.0, 3.0]}, index=["chengdu", "chongqing"])
    >>> ax = corridor_chart(corridor_view(toy, 307))
    >>> float(ax.get_xlim()[1])
    332.0
    """
    from .. import plotting

    plotting.setup()
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(7.0, 2.6))
    d = view.corridor_km
    zh = plotting.get_language() == "zh"
    ax.plot([0, d], [0, 0], color="0.4", linewidth=3, solid_capstyle="round")
    if stations is not None:
        ax.plot(list(stations.values), [0] * len(stations), "o", color="white",
                markeredgecolor="0.2", markersize=7, zorder=3)
        for i, (name, km) in enumerate(stations.items()):
            ax.annotate(str(name), (km, 0), xytext=(0, -14 if i % 2 else 10),
                        textcoords="offset points", ha="center", fontsize=8)
    ends = ("成都", "重庆") if zh else ("Chengdu", "Chongqing")
    for km, text in ((0, ends[0]), (d, ends[1])):
        ax.annotate(text, (km, 0), xytext=(0, 26), textcoords="offset points",
                    ha="center", fontsize=10)
    ax.plot([d / 2, d / 2], [-0.25, 0.25], color="0.3", linestyle=":", linewidth=1.5)
    x = view.from_chengdu
    # the label goes on the side of the midpoint away from the breaking point's line
    away = 1 if x <= d / 2 else -1
    ax.annotate(("中点" if zh else "midpoint"), (d / 2, 0.25), xytext=(4 * away, 2),
                textcoords="offset points", ha="left" if away > 0 else "right",
                fontsize=8, color="0.3")
    ax.axvline(x, color=plotting.PALETTE[3], linestyle="--", linewidth=1.5)
    ax.plot([x], [0], "D", color=plotting.PALETTE[3], markersize=10, zorder=4)
    ax.annotate((f"断裂点 {x:.1f} km" if zh else f"breaking point {x:.1f} km"),
                (x, 0), xytext=(6, -34), textcoords="offset points",
                color=plotting.PALETTE[3], fontsize=9)
    ax.set_xlim(-25, d + 25)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("距成都的铁路里程（公里）" if zh else "rail distance from Chengdu (km)")
    return ax


def gravity_explorer(inputs=None, corridor_km=None, stations=None, beta: float = 2.0,
                     mass: str = "gdp", top: int = 8):
    """A β slider (0.5–3) and a GDP/population toggle: the breaking point on the
    corridor and the strongest city pairs, drawn on the map of the circle
    (:func:`pairs_map`), move as distance matters more or less.

    Parameters
    ----------
    inputs : as from :func:`gravity_inputs` (default: 2023 data)
    corridor_km : rail distance Chengdu–Chongqing in km (default: the 成渝客专 length
        of the ``corridor`` table)
    stations : Series of station km from Chengdu (default: ``corridor_stations`` if
        that table exists)
    beta, mass, top : the starting setting and the number of pairs drawn

    Returns
    -------
    ipywidgets.VBox(children=[FloatSlider β, ToggleButtons mass, Output])
    """
    import ipywidgets as w

    if inputs is None:
        inputs = gravity_inputs()
    if corridor_km is None:
        corridor_km, stations_default = _default_corridor()
        stations = stations if stations is not None else stations_default
    from ..language import text

    slider = w.FloatSlider(value=beta, min=0.5, max=3.0, step=0.1, description="β",
                           continuous_update=False, readout_format=".1f")
    toggle = w.ToggleButtons(options=[(text(*MASSES[m]), m) for m in MASSES],
                             value=mass, description=text("mass", "质量"))
    out = w.Output()

    def redraw(_=None):
        view = corridor_view(inputs, corridor_km, beta=slider.value, mass=toggle.value,
                             stations=stations)
        def draw(axes):
            pairs_map(view, inputs, top=top, ax=axes[0])
            corridor_chart(view, stations=stations, ax=axes[1])

        image = figure_image(draw, figsize=(8.0, 7.2), nrows=2,
                             gridspec_kw={"height_ratios": [3.6, 1.2]})
        out.outputs = ()
        out.append_stdout(view.text() + "\n")
        out.append_display_data(image)

    slider.observe(redraw, names="value")
    toggle.observe(redraw, names="value")
    redraw()
    return w.VBox([slider, toggle, out])


def _default_corridor():
    """(length in km of the Chengdu–Chongqing intercity line, its stations or None)."""
    from .. import datasets

    table = datasets.load("corridor")
    row = table[table["line_id"] == HSR_LINE]
    if not len(row) or not row["length_km"].notna().iloc[0]:
        raise ValueError(f"the corridor table has no length_km for line {HSR_LINE!r}")
    stations = None
    if "corridor_stations" in datasets.names():
        st = datasets.load("corridor_stations")
        if "line_id" in st.columns:
            st = st[st["line_id"] == HSR_LINE]
        if len(st):
            stations = corridor_stations(st)
    return float(row["length_km"].iloc[0]), stations
