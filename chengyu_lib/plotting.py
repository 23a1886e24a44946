"""One house style for the course's charts, with Chinese characters that always render.

``setup()`` registers the Noto Sans CJK font shipped by the ``noto-cjk-sans-otc`` package
(so no system font is needed), puts its Simplified Chinese face first, and applies the house
style: the Okabe–Ito colour-blind-safe palette, readable sizes, thick lines, no top/right
spines, and ``axes.unicode_minus`` off (the CJK font has no Unicode minus glyph).
``set_language("en" | "zh")`` switches the axis labels of every chart below. Each chart
function takes tidy data and returns the matplotlib ``Axes`` it drew on, so a notebook can
add to it. Charts have no titles: the notebook gives a one-line caption instead.

>>> from chengyu_lib import plotting
>>> plotting.set_language("zh")
>>> plotting.label("gdp")
'地区生产总值（亿元）'
>>> plotting.set_language("en")
>>> plotting.label("gdp")
'GDP (100 million yuan)'

Reference: Okabe, M. & Ito, K. (2008), *Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people*.
"""
from __future__ import annotations

import sys

__all__ = ["setup", "set_language", "get_language", "label", "LABELS", "PALETTE",
           "CHARTS", "line_chart", "bar_chart", "milestone_chart", "heatmap",
           "bubble_chart", "step_chart", "map_chart", "auto_format",
           "fan_chart", "local_figures_in"]

FONT_FAMILY = "Noto Sans CJK SC"

#: Okabe–Ito palette, in an order that stays distinct in greyscale for the first four.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
           "#F0E442", "#000000"]

#: Markers and dash styles cycled with the colours (readable in greyscale).
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", "-.", ":"]

#: Bilingual labels: key -> (English, Chinese). Charts look their axis labels up here.
LABELS: dict[str, tuple[str, str]] = {
    "year": ("year", "年份"),
    "gdp": ("GDP (100 million yuan)", "地区生产总值（亿元）"),
    "gdp_trillion": ("GDP (trillion yuan)", "地区生产总值（万亿元）"),
    "real_growth": ("real growth (%)", "实际增速（%）"),
    "share_of_national": ("share of national GDP (%)", "占全国比重（%）"),
    "population": ("population (10,000 people)", "常住人口（万人）"),
    "gdp_per_capita": ("GDP per person (yuan)", "人均地区生产总值（元）"),
    "urbanisation_rate": ("urbanisation rate (%)", "常住人口城镇化率（%）"),
    "city": ("city", "城市"),
    "delegate": ("delegate", "代表委员"),
    "theme": ("theme", "主题"),
    "count": ("count", "数量"),
    "items": ("items (cumulative)", "事项数（累计）"),
    "projects": ("projects", "项目数"),
    "investment": ("investment (100 million yuan)", "投资额（亿元）"),
    "distance_km": ("distance (km)", "距离（公里）"),
    "interaction": ("interaction (index)", "相互作用强度（指数）"),
    "location_quotient": ("location quotient", "区位商"),
    "weight": ("TF-IDF weight", "TF-IDF 权重"),
    "word": ("word", "词语"),
    "density": ("people per km²", "人口密度（人/平方公里）"),
    "threshold_8": ("8 trillion yuan", "8万亿元"),
    "share": ("share of all pairwise interaction (%)", "占全部城市对相互作用的比重（%）"),
    # codes that appear as values in the data tables (legends, bar labels)
    "chongqing": ("Chongqing", "重庆"),
    "sichuan": ("Sichuan", "四川"),
    "chengdu": ("Chengdu", "成都"),
    "china": ("China", "全国"),
    "chuanyu": ("Sichuan + Chongqing", "川渝"),
    "miit_cluster": ("MIIT-designated cluster", "工信部先进制造业集群"),
    "eic": ("whole industry (economy & IT commission)", "全行业（经信委口径）"),
    "press_unspecified": ("press, definition not stated", "媒体报道（口径未说明）"),
    "nbs_above_scale": ("industry above designated size (NBS)", "规模以上工业（统计局）"),
}

_state = {"ready": False}


def set_language(language: str) -> None:
    """Choose the language of chart labels and of everything else a learner reads
    (the same switch as :func:`chengyu_lib.language.set_language`): ``"en"`` or ``"zh"``.

    >>> set_language("zh"); get_language()
    'zh'
    >>> set_language("en")
    """
    from .language import set_language as choose

    choose(language)


def get_language() -> str:
    """The current language, ``"en"`` or ``"zh"``.

    >>> get_language() in ("en", "zh")
    True
    """
    from .language import get_language as current

    return current()


def label(key: str) -> str:
    """The label for ``key`` in the current language; an unknown key is returned as is,
    so a learner can pass their own text.

    >>> label("distance_km"), label("my own label")
    ('distance (km)', 'my own label')
    """
    if not isinstance(key, str):
        raise TypeError(f"key must be a str, got {type(key).__name__}")
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if get_language() == "zh" else pair[0]


def _font_path() -> str:
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError as err:  # pragma: no cover - a dependency of the package
        raise ImportError("the CJK font package is missing: pip install noto-cjk-sans-otc"
                          ) from err
    return str(FONT_PATH)


def setup(language: str | None = None) -> None:
    """Register the bundled CJK font and apply the house style (safe to call again).

    >>> setup()
    >>> import matplotlib
    >>> matplotlib.rcParams["font.sans-serif"][0]
    'Noto Sans CJK SC'
    """
    import matplotlib
    from cycler import cycler
    from matplotlib import font_manager

    if language is not None:
        set_language(language)
    _inline_in_kernel()
    if not _state["ready"]:
        path = _font_path()
        known = {f.fname for f in font_manager.fontManager.ttflist}
        if path not in known:
            font_manager.fontManager.addfont(path)
        _state["ready"] = True
    rc = matplotlib.rcParams
    families = [FONT_FAMILY] + [f for f in rc["font.sans-serif"] if f != FONT_FAMILY]
    rc.update({
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "axes.unicode_minus": False,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "lines.linewidth": 2,
        "figure.figsize": (7.0, 4.0),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "svg.hashsalt": "chengyu",
    })


# Backends that draw to files only: in a kernel they would hide every chart.
_FILE_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def _inline_in_kernel() -> bool:
    """In a Jupyter (IPython) kernel, show figures inline even when the environment chose
    a file-only backend (``MPLBACKEND=Agg`` is usual on CI runners and headless machines
    and is inherited by kernels, which then show no charts). Returns True if it switched.

    Outside a kernel (scripts, pytest, doctests) nothing changes; an interactive choice
    made in the kernel (``%matplotlib widget``, inline) is kept.
    """
    ipython_mod = sys.modules.get("IPython")
    if ipython_mod is None:
        return False
    ip = ipython_mod.get_ipython()
    if ip is None or getattr(ip, "kernel", None) is None:
        return False
    import matplotlib

    if matplotlib.get_backend().lower() not in _FILE_BACKENDS:
        return False
    ip.run_line_magic("matplotlib", "inline")   # backend and display hooks, as the magic does
    return True


def _axes(ax):
    setup()
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _require(data, columns, arg="data"):
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{arg} must have column(s) {missing}; it has {list(data.columns)}")


#: the gid of the note a chart gets when its data holds local figures
LOCAL_NOTE_GID = "local_figures"
_ROW_NAME_COLUMNS = ("city_id", "region", "cluster", "line_id", "event_id", "figure_id",
                     "term_id", "category", "industry", "year", "indicator", "boundary")


def _row_names(frame) -> list[str]:
    cols = [c for c in _ROW_NAME_COLUMNS if c in frame.columns]
    if not cols:
        return [str(i) for i in frame.index]
    return [" ".join(str(v) for v in row if v is not None and str(v) != "")
            for row in frame[cols].itertuples(index=False, name=None)]


def local_figures_in(data) -> list[str]:
    """The local figures (a teacher's own rows, see ``cy.datasets.load``) that ``data``
    holds, named, so a chart drawn from it can say so; an empty list when there are none.

    Found, in this order: a ``local`` column (what ``cy.datasets.load`` adds when the
    local folder has rows for the table): the rows where it is True; a list in
    ``data.attrs["local_figures"]`` (set by functions that reshape loaded tables, such as
    ``cy.datasets.city_figures``); rows whose ``*source_id`` columns cite a local source;
    and, when the rows cannot be told apart, the local sources the table's
    ``attrs["sources"]`` lists (named ``source <id>``).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"city_id": ["chengdu", "zigong"], "year": [2023, 2023],
    ...                   "value": [1.0, 2.0], "local": [False, True]})
    >>> local_figures_in(t)
    ['zigong 2023']
    >>> local_figures_in(t.drop(columns="local"))
    []
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame) and "local" in data.columns:
        flags = data["local"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        return list(dict.fromkeys(_row_names(data[flags])))
    attrs = getattr(data, "attrs", None) or {}
    listed = attrs.get("local_figures")
    if listed:
        return [str(x) for x in listed]
    ids = {s.get("source_id") for s in attrs.get("sources", ()) if s.get("local")}
    if not ids:
        return []
    if isinstance(data, pd.DataFrame):
        cols = [c for c in data.columns if str(c).endswith("source_id")]
        if cols:
            hit = [any(i.strip() in ids for c in cols for i in str(row[c] or "").split(";"))
                   for _, row in data[cols].iterrows()]
            return list(dict.fromkeys(_row_names(data[hit])))
    return [f"source {i}" for i in sorted(ids)]


def _mark_local(ax, *data):
    """Write above the axes which local figures the chart uses (once per axes)."""
    names = []
    for d in data:
        if d is not None:
            names += [n for n in local_figures_in(d) if n not in names]
    if not names or any(t.get_gid() == LOCAL_NOTE_GID for t in ax.texts):
        return ax
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    shown_zh = "、".join(names[:4]) + ("等" if len(names) > 4 else "")
    note = ax.annotate(_t(f"includes local figures: {shown}", f"含本地数据：{shown_zh}"),
                       xy=(1, 1), xycoords="axes fraction", xytext=(0, 4),
                       textcoords="offset points", ha="right", va="bottom", fontsize=8,
                       color=PALETTE[3])
    note.set_gid(LOCAL_NOTE_GID)
    return ax


def line_chart(data, x, y, hue=None, *, ax=None, xlabel=None, ylabel=None, marker="o"):
    """Lines of ``y`` against ``x``, one line per value of ``hue`` (tidy data).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2021, 2022, 2023], "gdp": [73919.2, 77587.99, 81986.7]})
    >>> line_chart(df, "year", "gdp").get_ylabel()
    'GDP (100 million yuan)'
    """
    ax = _axes(ax)
    _require(data, [x, y] + ([hue] if hue else []))
    groups = data.groupby(hue, sort=False) if hue else [(None, data)]
    for i, (name, part) in enumerate(groups):
        part = part.sort_values(x)
        # marker and dash vary with colour, so lines stay apart in greyscale
        ax.plot(part[x], part[y], marker=MARKERS[i % len(MARKERS)] if marker else None,
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                label=None if name is None else label(str(name)))
    if hue:
        ax.legend()
    if str(data[x].dtype).lower().startswith(("int", "uint")):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2022.5
    ax.set_xlabel(xlabel or label(x))
    ax.set_ylabel(ylabel or label(y))
    return _mark_local(ax, data)


def auto_format(values) -> str:
    """A format for printing ``values`` on a chart with enough digits to tell them apart:
    whole numbers when every value is whole (counts), else two decimals when every value is
    below 10 in size (location quotients, ratios), one below 100 (percentages), and whole
    numbers with thousands separators above (亿元, 万人).

    >>> auto_format([0.97, 1.41]), auto_format([24.7, 12.0]), auto_format([22074.7, 4038.7])
    ('{:.2f}', '{:.1f}', '{:,.0f}')
    >>> auto_format([3, 0, 7])
    '{:,.0f}'
    """
    import numpy as np

    v = np.abs(np.asarray(values, dtype=float))
    v = v[np.isfinite(v)]
    if v.size and np.all(v == np.round(v)):
        return "{:,.0f}"
    top = float(v.max()) if v.size else 0.0
    if top < 10:
        return "{:.2f}"
    if top < 100:
        return "{:.1f}"
    return "{:,.0f}"


def bar_chart(values, *, ax=None, horizontal=True, xlabel=None, ylabel=None, color=None,
              annotate=True, fmt=None):
    """Bars of a labelled Series (index = categories), sorted as given.

    Category codes known to :data:`LABELS` (``"chongqing"``, ``"eic"`` …) are shown by
    their name in the current language. ``fmt`` formats the value printed at each bar;
    by default :func:`auto_format` picks the digits from the size of the values.

    >>> import pandas as pd
    >>> s = pd.Series({"成都": 22074.7, "绵阳": 4038.73})
    >>> len(bar_chart(s).patches)
    2
    >>> ax = bar_chart(pd.Series({"chongqing": 0.97, "sichuan": 1.41}))
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Sichuan', 'Chongqing'], ['1.41', '0.97'])
    """
    import pandas as pd

    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series with category labels, "
                        f"got {type(values).__name__}")
    ax = _axes(ax)
    labels = [label(str(i)) for i in values.index]
    fmt = fmt or auto_format(values.values)
    color = color or PALETTE[0]
    if horizontal:
        bars = ax.barh(labels[::-1], list(values.values)[::-1], color=color)
        ax.set_xlabel(xlabel or label(values.name or ""))
        ax.set_ylabel(ylabel or "")
        ax.grid(axis="y", visible=False)
    else:
        bars = ax.bar(labels, list(values.values), color=color)
        ax.set_ylabel(ylabel or label(values.name or ""))
        ax.set_xlabel(xlabel or "")
        ax.grid(axis="x", visible=False)
    if annotate:
        ax.bar_label(bars, labels=[fmt.format(v) for v in bars.datavalues], padding=2,
                     fontsize=9)
    return _mark_local(ax, values)


def milestone_chart(data, x, y, threshold, *, threshold_label=None, ax=None, ylabel=None):
    """A level over time with a horizontal milestone line (e.g. the 8万亿 mark).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2022, 2023], "gdp": [77587.99, 81986.7]})
    >>> ax = milestone_chart(df, "year", "gdp", 80000, threshold_label="threshold_8")
    >>> ax.get_lines()[-1].get_ydata()[0]
    80000.0
    """
    ax = line_chart(data, x, y, ax=ax, ylabel=ylabel)
    ax.axhline(float(threshold), color=PALETTE[3], linestyle="--", linewidth=1.5,
               label=label(threshold_label) if threshold_label else None)
    if threshold_label:
        ax.legend()
    return ax


def heatmap(table, *, ax=None, fmt=None, cmap="Blues", xlabel=None, ylabel=None,
            center=None):
    """A labelled matrix (DataFrame) as a heatmap with the values written in the cells
    (``fmt``: by default :func:`auto_format` of the values; codes known to :data:`LABELS`
    are shown as names on both axes).

    ``center`` (e.g. 1 for location quotients) switches to a diverging colour map around it.

    >>> import pandas as pd
    >>> t = pd.DataFrame([[2, 0], [1, 3]], index=["李谢华", "吴德"], columns=["制造业", "城镇化"])
    >>> heatmap(t).get_xticklabels()[0].get_text()
    '制造业'
    """
    import numpy as np

    ax = _axes(ax)
    values = np.asarray(table.values, dtype=float)
    if center is not None:
        span = float(np.nanmax(np.abs(values - center))) or 1.0
        image = ax.imshow(values, cmap="RdBu_r", vmin=center - span, vmax=center + span,
                          aspect="auto")
    else:
        image = ax.imshow(values, cmap=cmap, aspect="auto")
    fmt = fmt or auto_format(values)
    ax.set_xticks(range(values.shape[1]), [label(str(c)) for c in table.columns])
    ax.set_yticks(range(values.shape[0]), [label(str(i)) for i in table.index])
    ax.grid(False)
    lo, hi = image.get_clim()
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v):
            dark = (v - lo) / ((hi - lo) or 1) > 0.6 if center is None else abs(v - center) > 0.6 * (hi - center)
            ax.text(j, i, fmt.format(v), ha="center", va="center",
                    color="white" if dark else "black", fontsize=9)
    ax.set_xlabel(xlabel if xlabel is not None else label(table.columns.name or ""))
    ax.set_ylabel(ylabel if ylabel is not None else label(table.index.name or ""))
    return _mark_local(ax, table)


def bubble_chart(data, x, y, size, text, *, ax=None, xlabel=None, ylabel=None, scale=1.0):
    """A scatter of ``x`` against ``y`` with bubble area ∝ ``size`` and a text label each.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"d": [500, 2000], "pc": [8e4, 1.5e5], "gdp": [8e4, 3e5],
    ...                    "name": ["成渝", "长三角"]})
    >>> [t.get_text() for t in bubble_chart(df, "d", "pc", "gdp", "name").texts]
    ['成渝', '长三角']
    """
    import numpy as np

    ax = _axes(ax)
    _require(data, [x, y, size, text])
    s = np.asarray(data[size], dtype=float)
    area = 2000 * scale * s / np.nanmax(s)
    ax.scatter(data[x], data[y], s=area, color=PALETTE[: len(data)] if len(data) <= 8 else PALETTE[0],
               alpha=0.6, edgecolor="black", linewidth=0.5)
    for xi, yi, t in zip(data[x], data[y], data[text]):
        ax.annotate(str(t), (xi, yi), xytext=(6, 6), textcoords="offset points", fontsize=10)
    ax.set_xlabel(xlabel or label(x))
    ax.set_ylabel(ylabel or label(y))
    return _mark_local(ax, data)


def step_chart(data, x, y, *, ax=None, xlabel=None, ylabel=None, annotate=None):
    """A cumulative count as steps (the value holds until the next event).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2020-12-31", "2021-03-31"]), "n": [95, 210]})
    >>> step_chart(df, "date", "n").get_lines()[0].get_drawstyle()
    'steps-post'
    """
    ax = _axes(ax)
    _require(data, [x, y])
    part = data.sort_values(x)
    ax.plot(part[x], part[y], drawstyle="steps-post", marker="o")
    if annotate:
        for xi, yi, t in zip(part[x], part[y], part[annotate]):
            ax.annotate(str(t), (xi, yi), xytext=(4, 6), textcoords="offset points", fontsize=9)
    ax.set_xlabel(xlabel or label(x))
    ax.set_ylabel(ylabel or label(y))
    return _mark_local(ax, data)


#: mean Earth radius (km), as in :func:`chengyu_lib.spatial.haversine_km`
_EARTH_RADIUS_KM = 6371.0088


def _lookup(data):
    """city id, Chinese or English name -> row label of ``data``."""
    keys = {}
    for col in ("name_en", "name_zh"):
        if col in data.columns:
            keys.update({str(v): i for i, v in zip(data.index, data[col])})
    keys.update({str(i): i for i in data.index})
    return keys


def map_chart(data, value=None, *, how="size", links=None, weight="share",
              corridor=("chengdu", "chongqing"), ax=None, value_label=None, fmt=None,
              scale_km=100, scale=1.0, legend="right"):
    """A point map of the circle: each city at its coordinates (longitude across,
    latitude up), sized or coloured by an indicator, with the straight line between the
    two cores (the Chengdu–Chongqing corridor), a scale bar in km and a north arrow.

    Only points and lines are drawn: **no administrative boundaries**. In China a map
    that is published with boundaries needs an official review number (审图号); a point
    map like this one draws none, so it needs none. The projection is plate carrée
    with the aspect set to 1/cos(mean latitude), so that a kilometre east–west and a
    kilometre north–south have the same length near the circle (about 30° N); over the
    circle's 4° of latitude the scale bar is right to about 2%.

    Parameters
    ----------
    data : DataFrame indexed by city id with columns ``lat``, ``lon`` (degrees) and
        ``name_zh`` / ``name_en`` (the label in the current language; the index if
        absent), e.g. ``cy.datasets.load("cities").set_index("city_id")`` joined with
        an indicator, or ``cy.widgets.gravity_inputs(2023)``.
    value : the column that sizes (``how="size"``: area ∝ value) or colours
        (``how="color"``) the points; ``None`` draws every city alike. A city whose
        value is missing is drawn as a small hollow grey ring ("no figure"), never
        given a made-up size.
    links : optional DataFrame of pairs with columns ``city_i``, ``city_j`` (ids or
        names as in ``data``) and ``weight``: lines whose width ∝ weight (e.g. the
        share of gravity interaction from ``cy.spatial.interaction_table``).
    corridor : the two cities joined by the dashed corridor line, or ``None``.
    value_label : legend/colour-bar title (default: ``label(value)``).
    fmt : number format of the size legend (default: :func:`auto_format`).
    scale_km : length of the scale bar.
    scale : multiplies the bubble areas.
    legend : ``"right"`` of the map or ``"below"`` it.

    Returns the Axes; the city points are its first collection (``ax.collections[0]``,
    offsets = (lon, lat)).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"lat": [30.67, 29.57], "lon": [104.07, 106.55],
    ...                    "name_zh": ["成都", "重庆"], "name_en": ["Chengdu", "Chongqing"],
    ...                    "gdp": [22074.72, 30145.79]}, index=["chengdu", "chongqing"])
    >>> ax = map_chart(df, "gdp")
    >>> ax.collections[0].get_offsets().tolist()
    [[104.07, 30.67], [106.55, 29.57]]
    """
    import numpy as np
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame with columns lat and lon, got "
                        f"{type(data).__name__}")
    _require(data, ["lat", "lon"] + ([value] if value is not None else []))
    if how not in ("size", "color"):
        raise ValueError(f"how must be 'size' or 'color', got {how!r}")
    if legend not in ("right", "below"):
        raise ValueError(f"legend must be 'right' or 'below', got {legend!r}")
    if isinstance(scale_km, bool) or not isinstance(scale_km, (int, float)) or scale_km <= 0:
        raise ValueError(f"scale_km must be a positive number of km, got {scale_km!r}")
    if len(data) == 0:
        raise ValueError("data must have at least one city")
    if ax is None:
        setup()
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8.0, 5.0), layout="constrained")
    zh = get_language() == "zh"
    lat = data["lat"].astype(float).to_numpy()
    lon = data["lon"].astype(float).to_numpy()
    name_col = "name_zh" if zh else "name_en"
    names = [str(v) for v in (data[name_col] if name_col in data.columns else data.index)]
    keys = _lookup(data)

    def where(city):
        if str(city) not in keys:
            raise ValueError(f"city {city!r} is not in data (give a city id or name of "
                             f"data's rows)")
        row = data.loc[keys[str(city)]]
        return float(row["lon"]), float(row["lat"])

    # points first, so they are ax.collections[0]
    if value is None:
        have = np.ones(len(data), dtype=bool)
        v = np.ones(len(data))
    else:
        v = pd.to_numeric(data[value], errors="coerce").astype(float).to_numpy()
        have = np.isfinite(v)
    vmax = float(np.nanmax(v[have])) if have.any() else 1.0
    if value is not None and how == "size":
        area = 1500 * scale * np.where(have, v, 0) / (vmax or 1)
        points = ax.scatter(lon[have], lat[have], s=area[have], color=PALETTE[0], alpha=0.55,
                            edgecolor="black", linewidth=0.6, zorder=3)
    elif value is not None:
        points = ax.scatter(lon[have], lat[have], c=v[have], cmap="cividis", s=120 * scale,
                            edgecolor="black", linewidth=0.6, zorder=3)
        bar = ax.figure.colorbar(points, ax=ax, shrink=0.7, pad=0.02)
        bar.set_label(value_label or label(value))
    else:
        points = ax.scatter(lon, lat, s=40 * scale, color=PALETTE[0], edgecolor="black",
                            linewidth=0.6, zorder=3)
    if not have.all():
        ax.scatter(lon[~have], lat[~have], s=30, facecolor="none", edgecolor="0.5",
                   linewidth=1, zorder=3, label=_t("no figure", "无数据"))
    if value is not None and how == "size" and have.any():
        fmt = fmt or auto_format(v[have])
        for ref in sorted({vmax, float(np.nanmin(v[have]))}, reverse=True):
            ax.scatter([], [], s=1500 * scale * ref / (vmax or 1), color=PALETTE[0], alpha=0.55,
                       edgecolor="black", linewidth=0.6, label=fmt.format(ref))
    for x, y, t in zip(lon, lat, names):
        ax.annotate(t, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=8,
                    zorder=5)
    if links is not None:
        _require(links, ["city_i", "city_j", weight], "links")
        w = pd.to_numeric(links[weight], errors="coerce").astype(float).to_numpy()
        wmax = float(np.nanmax(w)) if np.isfinite(w).any() else 1.0
        first = True
        link_label = (_t("city pairs (width ∝ interaction)", "城市对（线宽 ∝ 相互作用强度）")
                      if weight in ("share", "interaction") else
                      _t(f"city pairs (width ∝ {label(weight)})",
                         f"城市对（线宽 ∝ {label(weight)}）"))
        for a, b, wi in zip(links["city_i"], links["city_j"], w):
            if np.isfinite(wi) and wi > 0:
                (x1, y1), (x2, y2) = where(a), where(b)
                ax.plot([x1, x2], [y1, y2], color=PALETTE[1], alpha=0.8,
                        linewidth=0.5 + 7 * wi / (wmax or 1), zorder=2,
                        solid_capstyle="round",
                        label=link_label if first else None)
                first = False
    if corridor is not None:
        from .spatial import haversine_km

        (x1, y1), (x2, y2) = where(corridor[0]), where(corridor[1])
        km = float(haversine_km(y1, x1, y2, x2))
        ax.plot([x1, x2], [y1, y2], color=PALETTE[3], linestyle="--", linewidth=1.5,
                zorder=2, label=_t(f"corridor, straight line ({km:.0f} km)",
                                   f"成渝走廊（直线距离 {km:.0f} 公里）"))
    # equal kilometres both ways near the mean latitude
    lat0 = float(np.mean(lat))
    ax.set_aspect(1 / np.cos(np.radians(lat0)))
    pad = 0.35
    ax.set_xlim(lon.min() - pad, lon.max() + pad + 0.4)
    ax.set_ylim(lat.min() - pad - 0.25, lat.max() + pad)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}°E"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}°N"))
    ax.set_xlabel(_t("longitude", "经度"))
    ax.set_ylabel(_t("latitude", "纬度"))
    # scale bar: scale_km along the parallel at the bar's latitude
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bar_lat = y0 + 0.08 * (y1 - y0)
    deg = scale_km / (np.pi * _EARTH_RADIUS_KM / 180 * np.cos(np.radians(bar_lat)))
    bx = x0 + 0.04 * (x1 - x0)
    ax.plot([bx, bx + deg], [bar_lat, bar_lat], color="black", linewidth=3,
            solid_capstyle="butt", zorder=4)
    ax.annotate(f"{scale_km:g} km" if not zh else f"{scale_km:g} 公里",
                (bx + deg / 2, bar_lat), xytext=(0, 4), textcoords="offset points",
                ha="center", fontsize=8)
    ax.annotate(_t("N", "北"), xy=(0.05, 0.97), xytext=(0.05, 0.84), xycoords="axes fraction",
                ha="center", va="center", fontsize=10,
                arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.2})
    ax.grid(True, alpha=0.2)
    if ax.get_legend_handles_labels()[1]:
        where_legend = ({"loc": "center left", "bbox_to_anchor": (1.02, 0.5)}
                        if legend == "right" else
                        {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncols": 3})
        ax.legend(fontsize=8, labelspacing=1.6, borderpad=1.0, handletextpad=1.6,
                  title=(value_label or label(value)) if value is not None and how == "size"
                  else None, title_fontsize=8, **where_legend)
    return _mark_local(ax, data, links)


def _t(en: str, zh: str) -> str:
    from .language import text

    return text(en, zh)


def fan_chart(paths, x, y, hue, *, ax=None, xlabel=None, ylabel=None, linewidth=1.5,
              alpha=0.75):
    """A fan of scenario paths: one thin line of ``y`` against ``x`` per value of ``hue``
    (tidy data, e.g. :func:`chengyu_lib.widgets.scenario_paths`), in the house line styles
    so the fan reads in greyscale. Draw the chosen scenario over it in black.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"year": [2023, 2024] * 2, "gdp": [1.0, 1.02, 1.0, 1.08],
    ...                   "scenario": ["2%", "2%", "8%", "8%"]})
    >>> ax = fan_chart(p, "year", "gdp", "scenario")
    >>> len(ax.get_lines()), ax.get_lines()[0].get_linewidth()
    (2, 1.5)
    """
    ax = line_chart(paths, x, y, hue=hue, ax=ax, xlabel=xlabel, ylabel=ylabel, marker=None)
    for line in ax.get_lines():
        line.set_linewidth(linewidth)
        line.set_alpha(alpha)
    return ax


#: Every chart the library offers, for tests and for the course's chart gallery.
CHARTS = {
    "line_chart": line_chart,
    "bar_chart": bar_chart,
    "milestone_chart": milestone_chart,
    "heatmap": heatmap,
    "bubble_chart": bubble_chart,
    "step_chart": step_chart,
    "map_chart": map_chart,
    "fan_chart": fan_chart,
}
