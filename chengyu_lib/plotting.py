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
           "bubble_chart", "step_chart"]

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
                label=None if name is None else str(name))
    if hue:
        ax.legend()
    if str(data[x].dtype).lower().startswith(("int", "uint")):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2022.5
    ax.set_xlabel(xlabel or label(x))
    ax.set_ylabel(ylabel or label(y))
    return ax


def bar_chart(values, *, ax=None, horizontal=True, xlabel=None, ylabel=None, color=None,
              annotate=True, fmt="{:,.0f}"):
    """Bars of a labelled Series (index = categories), sorted as given.

    >>> import pandas as pd
    >>> s = pd.Series({"成都": 22074.7, "绵阳": 4038.73})
    >>> len(bar_chart(s).patches)
    2
    """
    import pandas as pd

    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series with category labels, "
                        f"got {type(values).__name__}")
    ax = _axes(ax)
    labels = [str(i) for i in values.index]
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
    return ax


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


def heatmap(table, *, ax=None, fmt="{:.0f}", cmap="Blues", xlabel=None, ylabel=None,
            center=None):
    """A labelled matrix (DataFrame) as a heatmap with the values written in the cells.

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
    ax.set_xticks(range(values.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(values.shape[0]), [str(i) for i in table.index])
    ax.grid(False)
    lo, hi = image.get_clim()
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v):
            dark = (v - lo) / ((hi - lo) or 1) > 0.6 if center is None else abs(v - center) > 0.6 * (hi - center)
            ax.text(j, i, fmt.format(v), ha="center", va="center",
                    color="white" if dark else "black", fontsize=9)
    ax.set_xlabel(xlabel if xlabel is not None else label(table.columns.name or ""))
    ax.set_ylabel(ylabel if ylabel is not None else label(table.index.name or ""))
    return ax


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
    return ax


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
    return ax


#: Every chart the library offers, for tests and for the course's chart gallery.
CHARTS = {
    "line_chart": line_chart,
    "bar_chart": bar_chart,
    "milestone_chart": milestone_chart,
    "heatmap": heatmap,
    "bubble_chart": bubble_chart,
    "step_chart": step_chart,
}
