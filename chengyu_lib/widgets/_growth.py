"""Explorers for notebook 02 (scale and growth): nominal versus real levels, and CAGR.

The circle's GDP passed 8万亿元 in 2023 *at current prices* (nominal). A level at current
prices mixes two things: more output (volume) and higher or lower prices. Real growth
(按可比价格计算, at comparable prices) removes the price change. Chaining the published
real growth rates onto one year's level gives the series **at the prices of that base
year** (constant prices):

    Y_b(t) = Y(b) · Π_{s=b+1..t} (1 + r_s)        for t > b,
    Y_b(t) = Y(b) / Π_{s=t+1..b} (1 + r_s)        for t < b,

with Y(b) the level at current prices in the base year b and r_s the real growth rate of
year s. The implied price change (GDP deflator growth) of year t is
(1 + n_t) / (1 + r_t) − 1, with n_t the nominal growth rate.

Everything the widgets show is computed by the pure functions here (tested in
``tests/test_widgets_growth.py``); the widgets only draw and print.

>>> import pandas as pd
>>> Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
>>> r = pd.Series([3.0, 6.1], index=[2022, 2023])
>>> constant_price_levels(Y, r, 2021).round(1).tolist()
[73919.2, 76136.8, 80781.1]
"""
from __future__ import annotations

__all__ = ["pick_vintage", "constant_price_levels", "nominal_real_table",
           "price_basis_levels", "first_year_reaching", "nominal_real_summary",
           "nominal_real_figure", "nominal_real_explorer", "cagr_between",
           "cagr_summary", "cagr_explorer"]

#: Vintages in order of preference when one value per year is wanted.
DEFAULT_PREFER = ("preliminary", "final")


def _pd():
    import pandas as pd
    return pd


def _check_series(x, name):
    pd = _pd()
    if not isinstance(x, pd.Series):
        raise TypeError(f"{name} must be a pandas Series indexed by year, "
                        f"got {type(x).__name__}")
    if x.empty:
        raise ValueError(f"{name} must not be empty")
    if x.isna().any():
        raise ValueError(f"{name} must have no missing values; drop the missing years "
                         f"first (missing in {list(x.index[x.isna()])})")


def pick_vintage(table, indicator, *, region=None, prefer=DEFAULT_PREFER):
    """One value per year of ``indicator`` from a long economic table, taking the first
    vintage in ``prefer`` that exists for that year.

    Years with none of the preferred vintages are left out (never filled). Returns a
    DataFrame with columns ``year``, ``value``, ``vintage``, ``note``, sorted by year.
    If the table has a ``region`` column, ``region`` selects one region; with
    ``region=None`` every region is kept (one value per region and year) and the result
    starts with a ``region`` column.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2020, 2020, 2021], "indicator": ["gdp"] * 3,
    ...                   "value": [1.0, 1.1, 2.0], "unit": ["亿元"] * 3,
    ...                   "vintage": ["final", "preliminary", "final"], "note": ""})
    >>> pick_vintage(t, "gdp")[["year", "value", "vintage"]].values.tolist()
    [[2020, 1.1, 'preliminary'], [2021, 2.0, 'final']]
    """
    pd = _pd()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (e.g. cy.datasets.load(...)), "
                        f"got {type(table).__name__}")
    need = ["year", "indicator", "value", "vintage"] + (["region"] if region else [])
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ValueError(f"table must have column(s) {missing}")
    if isinstance(prefer, str) or not prefer:
        raise ValueError(f"prefer must be a non-empty tuple of vintages, got {prefer!r}")
    rows = table[table["indicator"] == indicator]
    if region is not None:
        rows = rows[rows["region"] == region]
    if rows.empty:
        raise ValueError(f"indicator {indicator!r}"
                         + (f" for region {region!r}" if region else "")
                         + " has no rows in table")
    by = ["region", "year"] if region is None and "region" in rows.columns else ["year"]
    rank = {v: i for i, v in enumerate(prefer)}
    rows = rows[rows["vintage"].isin(rank)].copy()
    rows["_rank"] = rows["vintage"].map(rank)
    rows = rows.sort_values(by + ["_rank"]).drop_duplicates(by, keep="first")
    out = pd.DataFrame({c: rows[c] for c in by[:-1]})
    out["year"] = rows["year"].astype(int)
    out["value"] = rows["value"]
    out["vintage"] = rows["vintage"]
    out["note"] = rows["note"] if "note" in rows.columns else ""
    return out.reset_index(drop=True)


def constant_price_levels(levels, real_growth, base_year):
    """Levels at the prices of ``base_year``, chained from published real growth rates.

    ``levels``: Series of levels at current prices indexed by consecutive years.
    ``real_growth``: Series of real growth rates **in per cent** (6.1 means 6.1 %) indexed
    by year; it must cover every year of ``levels`` after the first (the first year's rate
    is not needed). Formula in the module docstring. The base year's value equals its
    current-price level.

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> constant_price_levels(Y, pd.Series([5.0], index=[2023]), 2023).round(2).tolist()
    [104.76, 110.0]
    >>> constant_price_levels(Y, pd.Series([5.0], index=[2023]), 2019)
    Traceback (most recent call last):
    ...
    ValueError: base_year must be one of the years of levels [2022, 2023], got 2019
    """
    _check_series(levels, "levels")
    _check_series(real_growth, "real_growth")
    years = [int(y) for y in levels.index]
    if years != list(range(years[0], years[0] + len(years))):
        raise ValueError(f"levels must be indexed by consecutive increasing years "
                         f"(a missing year breaks the chain), got {years}")
    if base_year not in years:
        raise ValueError(f"base_year must be one of the years of levels {years}, "
                         f"got {base_year!r}")
    need = years[1:]
    lacking = [y for y in need if y not in real_growth.index]
    if lacking:
        raise ValueError(f"real_growth must cover every year after the first of levels; "
                         f"missing {lacking}")
    if (levels <= 0).any():
        raise ValueError("levels must be positive")
    factor = {y: 1.0 + float(real_growth.loc[y]) / 100.0 for y in need}
    if min(factor.values()) <= 0:
        raise ValueError("real_growth must be above -100 (per cent)")
    out = {base_year: float(levels.loc[base_year])}
    for y in range(base_year + 1, years[-1] + 1):
        out[y] = out[y - 1] * factor[y]
    for y in range(base_year - 1, years[0] - 1, -1):
        out[y] = out[y + 1] / factor[y + 1]
    pd = _pd()
    return pd.Series([out[y] for y in years], index=years, name=f"prices of {base_year}")


def nominal_real_table(levels, real_growth):
    """Year-by-year nominal growth (computed from the levels), real growth (as published)
    and the implied price change, all in per cent, rounded to 2 decimals.

    Columns: ``year``, ``gdp`` (current prices), ``nominal_growth``, ``real_growth``,
    ``price_change`` = ((1 + n) / (1 + r) − 1) · 100. The first year has no growth (NaN).

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> nominal_real_table(Y, pd.Series([5.0], index=[2023])).iloc[1].tolist()
    [2023.0, 110.0, 10.0, 5.0, 4.76]
    """
    from .. import metrics

    _check_series(levels, "levels")
    _check_series(real_growth, "real_growth")
    pd = _pd()
    n = metrics.growth_rate(levels.astype(float)) * 100.0
    r = real_growth.reindex(levels.index).astype(float)
    df = pd.DataFrame({"year": [int(y) for y in levels.index],
                       "gdp": levels.astype(float).to_numpy(),
                       "nominal_growth": n.reindex(levels.index).to_numpy(),
                       "real_growth": r.to_numpy()})
    df["price_change"] = ((1 + df["nominal_growth"] / 100) / (1 + df["real_growth"] / 100)
                          - 1) * 100
    return df.round(2)


def price_basis_levels(levels, real_growth, basis="current"):
    """The levels at current prices (``basis="current"``) or at the prices of a base year
    (``basis=2021`` …), as a Series indexed by year.

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> price_basis_levels(Y, pd.Series([5.0], index=[2023]), 2022).tolist()
    [100.0, 105.0]
    """
    if basis == "current":
        _check_series(levels, "levels")
        return levels.astype(float).rename("current prices")
    if isinstance(basis, bool) or not isinstance(basis, int):
        raise TypeError(f"basis must be 'current' or a base year (int), got {basis!r}")
    return constant_price_levels(levels, real_growth, basis)


def first_year_reaching(series, threshold):
    """The first year (index label) whose value is at or above ``threshold``, or ``None``.

    >>> import pandas as pd
    >>> first_year_reaching(pd.Series([7.5, 8.1], index=[2022, 2023]), 8)
    2023
    """
    _check_series(series, "series")
    hit = series[series >= threshold]
    return None if hit.empty else int(hit.index[0])


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
    s = price_basis_levels(levels, real_growth, basis)
    year = int(s.index[-1]) if year is None else year
    if year not in s.index:
        raise ValueError(f"year must be one of {list(s.index)}, got {year!r}")
    v = float(s.loc[year])
    gap = v - threshold
    side = "above" if gap >= 0 else "below"
    first = first_year_reaching(s, threshold)
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
    from .. import plotting

    pd = _pd()
    parts = [pd.DataFrame({"year": list(levels.index), "gdp": levels.astype(float).values,
                           "prices": _basis_name("current")})]
    if basis != "current":
        s = price_basis_levels(levels, real_growth, basis)
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


def _figure_image(draw):
    """Draw on a fresh Figure (no pyplot state) and return it as an IPython PNG Image."""
    import io

    from IPython.display import Image
    from matplotlib.figure import Figure

    from .. import plotting

    plotting.setup()
    fig = Figure(figsize=(6.5, 3.6))
    ax = fig.subplots()
    draw(ax)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return Image(data=buf.getvalue(), format="png")


def _circle_gdp_and_growth():
    from .. import datasets

    t = datasets.load("circle_economy")
    gdp = pick_vintage(t, "gdp", prefer=("preliminary",))
    gdp = gdp[gdp["year"].between(2021, 2023)]
    r = pick_vintage(t, "real_growth", prefer=("preliminary",))
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
    options = [("current prices (nominal)", "current")] + [
        (f"prices of {y} (real)", int(y)) for y in levels.index]
    toggle = w.ToggleButtons(options=options, value="current",
                             description="Prices:", style={"button_width": "auto"})
    out = w.Output()

    def show(*_):
        basis = toggle.value
        out.outputs = ()
        out.append_stdout(nominal_real_summary(levels, real_growth, basis, threshold) + "\n")
        out.append_display_data(_figure_image(
            lambda ax: nominal_real_figure(levels, real_growth, basis, threshold, ax=ax)))

    toggle.observe(show, names="value")
    show()
    return w.VBox(children=[toggle, out])


def cagr_between(levels, start, end):
    """CAGR (per cent) between two years of a level series, and the arithmetic mean of
    the yearly growth rates over the same span (the usual mistake), both in per cent.

    Returns a dict with ``start``, ``end``, ``years`` (= end − start), ``cagr``,
    ``mean_of_rates`` (None when a year in between is missing, so yearly rates cannot be
    formed).

    >>> import pandas as pd
    >>> Y = pd.Series([73919.2, 77587.99, 81986.67], index=[2021, 2022, 2023])
    >>> d = cagr_between(Y, 2021, 2023)
    >>> round(d["cagr"], 2), round(d["mean_of_rates"], 2)
    (5.32, 5.32)
    """
    from .. import metrics

    _check_series(levels, "levels")
    for name, y in (("start", start), ("end", end)):
        if y not in levels.index:
            raise ValueError(f"{name} must be one of the years {list(levels.index)}, "
                             f"got {y!r}")
    if not end > start:
        raise ValueError(f"end must be later than start, got start={start}, end={end}")
    g = metrics.cagr(float(levels.loc[start]), float(levels.loc[end]), end - start) * 100
    span = list(range(start, end + 1))
    mean = None
    if all(y in levels.index for y in span):
        rates = metrics.growth_rate(levels.loc[span].astype(float))
        mean = float(rates.mean()) * 100
    return {"start": start, "end": end, "years": end - start, "cagr": float(g),
            "mean_of_rates": mean}


def cagr_summary(table, start, end):
    """Text for the CAGR explorer: the CAGR between ``start`` and ``end`` from a
    :func:`pick_vintage` table (columns year, value, vintage, note), with each endpoint's
    vintage and note, so that a rounded or revised endpoint is visible.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2021, 2023], "value": [73919.2, 81986.67],
    ...                   "vintage": ["preliminary"] * 2, "note": ["", ""]})
    >>> print(cagr_summary(t, 2021, 2023))
    CAGR 2021–2023 (2 years): 5.32% a year
    a year in between is missing: the yearly rates cannot be formed
      2021: 73,919.2 亿元 (preliminary)
      2023: 81,986.7 亿元 (preliminary)
    """
    s = table.set_index("year")["value"]
    d = cagr_between(s, start, end)
    lines = [f"CAGR {start}–{end} ({d['years']} years): {d['cagr']:.2f}% a year"]
    if d["mean_of_rates"] is not None and d["years"] > 1:
        lines.append(f"mean of the {d['years']} yearly rates: {d['mean_of_rates']:.2f}% "
                     "(not the CAGR)")
    elif d["years"] > 1:
        lines.append("a year in between is missing: the yearly rates cannot be formed")
    rows = table.set_index("year")
    for y in (start, end):
        note = str(rows.loc[y, "note"] or "") if "note" in rows.columns else ""
        note = "" if note in ("nan", "None") else note
        lines.append(f"  {y}: {rows.loc[y, 'value']:,.1f} 亿元 ({rows.loc[y, 'vintage']}"
                     + (f"; {note}" if note else "") + ")")
    return "\n".join(lines)


def cagr_explorer(table=None):
    """Start-year and end-year selectors for the CAGR of the circle's GDP.

    ``table``: a :func:`pick_vintage` result (year, value, vintage, note); default: the
    circle's GDP from ``circle_economy`` (first releases, plus the rounded 2019 figure
    printed in the 纲要). Each endpoint's vintage and note are printed, so a rounded base
    year or a census-revised end year is visible. Returns a ``VBox``.
    """
    import ipywidgets as w

    if table is None:
        from .. import datasets

        table = pick_vintage(datasets.load("circle_economy"), "gdp",
                             prefer=("preliminary", "final", "as_reported"))
    years = [int(y) for y in table["year"]]
    start = w.Dropdown(options=years[:-1], value=years[0], description="start year")
    end = w.Dropdown(options=years[1:], value=years[-1], description="end year")
    out = w.Output()

    def show(*_):
        out.outputs = ()
        if end.value <= start.value:
            out.append_stdout("choose an end year later than the start year\n")
            return
        out.append_stdout(cagr_summary(table, start.value, end.value) + "\n")

    start.observe(show, names="value")
    end.observe(show, names="value")
    show()
    return w.VBox(children=[w.HBox(children=[start, end]), out])
