"""Regional-economics indicators as pure functions.

This module holds the measures used in the course notebooks 02–04, 06, 07 and 10
(methods M2–M8 and M11, described in docs/methods.md): growth (nominal and at constant prices) and shares, dispersion (coefficient of variation, Theil T
and its between/within decomposition), city-size dominance (primacy, rank–size),
and industrial structure (location quotients, the Krugman specialisation index,
the structure-similarity coefficient 产业结构相似系数, and shift–share analysis).

Every function takes plain numbers, lists, numpy arrays or pandas objects and
returns plain numbers, arrays or labelled pandas objects: a Series in gives a
labelled result out, and two Series are matched by label, not by position.
Bad input raises a ``ValueError`` or ``TypeError`` that names the argument.

>>> from chengyu_lib import metrics
>>> round(metrics.cagr(73919.2, 81986.67, 2), 4)   # the circle's GDP, 2021 → 2023
0.0532
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as _v
from .language import text as _t

__all__ = [
    "growth_rate", "cagr", "cagr_between", "constant_price_levels", "price_basis_levels",
    "nominal_real_table", "first_year_reaching", "share", "coefficient_of_variation",
    "theil", "theil_decomposition", "TheilDecomposition", "primacy", "rank_size",
    "RankSize", "location_quotient", "krugman_index", "similarity_coefficient",
    "pair_indices", "shift_share",
    "per_person", "density", "income_ratio", "weighted_mean", "weighted_rate",
    "unweighted_rate",
]


def _pd():
    import pandas as pd  # lazy: pandas is heavy and only needed for labelled results
    return pd


# =============================================================== M2 growth and shares
def growth_rate(series):
    """Year-on-year growth rates of a series of levels.

    Formula: g_t = Y_t / Y_{t-1} - 1, for each pair of consecutive observations.

    Range: (-1, ∞); 0.05 means 5 % growth over the previous observation. The rate is
    per *observation step*: if years are missing (2019, 2021, 2023), the rates are
    two-year rates; use :func:`cagr` to annualise.

    Reference: standard compound-growth arithmetic (see e.g. NBS, 《中国统计年鉴》,
    notes on growth rates).

    Parameters
    ----------
    series : sequence, ndarray, Series or DataFrame of positive levels
        A Series (or a DataFrame with one column per region) indexed by year must be
        sorted in increasing order.

    Returns
    -------
    ndarray, or a Series/DataFrame labelled by the later year of each pair
    (one row fewer than the input).

    >>> import pandas as pd
    >>> gdp = pd.Series([100.0, 110.0, 121.0], index=[2021, 2022, 2023])
    >>> growth_rate(gdp).round(4)
    2022    0.1
    2023    0.1
    dtype: float64
    """
    if _v.is_frame(series):
        pd = _pd()
        if series.shape[1] == 0:
            raise ValueError("series must not be empty (the DataFrame has no columns)")
        out = pd.DataFrame({i: _growth(series.iloc[:, i], f"series[{col!r}]")
                            for i, col in enumerate(series.columns)})
        out.columns = series.columns
        return out
    return _growth(series, "series")


def _growth(series, name):
    arr, labels = _v.vector(series, name, min_len=2)
    _v.check_positive(arr, name, labels,
                      what=_t(" (growth rates need positive levels)", "（计算增长率要求水平值为正）"))
    with np.errstate(all="ignore"):
        g = arr[1:] / arr[:-1] - 1.0
    _v.finite_result(g, "growth_rate", f"levels of {name}")
    if labels is None:
        return g
    if not labels.is_monotonic_increasing:
        raise ValueError(f"{name} index must be in increasing order (e.g. years "
                         "2019, 2020, ...); sort it first with .sort_index()")
    return _pd().Series(g, index=labels[1:], name=series.name)


def cagr(start, end, years):
    """Compound annual growth rate (CAGR) between two levels.

    Formula: g = (Y_T / Y_0)^(1/T) - 1, with Y_0 = ``start``, Y_T = ``end``,
    T = ``years`` (the number of years *between* the two observations: 2021 → 2023
    is T = 2).

    Range: (-1, ∞). The constant yearly rate that turns ``start`` into ``end``; it is
    not the average of the yearly rates (that average is too high when rates vary).

    Reference: docs/methods.md, M2; standard compound-interest formula (e.g. OECD,
    *Glossary of Statistical Terms*, "compound annual growth rate").

    Vectorised: numbers, arrays or Series (matched by label).

    >>> round(cagr(73919.2, 81986.67, 2), 4)   # 成渝 GDP 2021→2023, 亿元
    0.0532
    """
    (Y0, YT, T), restore = _v.broadcast(("start", start), ("end", end), ("years", years))
    _v.check_positive(Y0, "start", restore.labels)
    _v.check_positive(YT, "end", restore.labels)
    _v.check_positive(T, "years", restore.labels,
                      what=_t(" (years between start and end)", "（起止之间的年数）"))
    with np.errstate(all="ignore"):
        g = (YT / Y0) ** (1.0 / T) - 1.0
    return restore(_v.finite_result(g, "cagr", "start, end and years"))


def _year_series(x, name):
    """Check that ``x`` is a non-empty Series of finite numbers, indexed by whole years
    (distinct), without missing values."""
    pd = _pd()
    if not isinstance(x, pd.Series):
        raise TypeError(f"{name} must be a pandas Series indexed by year, "
                        f"got {type(x).__name__}")
    if x.empty:
        raise ValueError(f"{name} must not be empty")
    if x.isna().any():
        raise ValueError(f"{name} must have no missing values; drop the missing years "
                         f"first (missing in {list(x.index[x.isna()])[:10]})")
    if pd.api.types.is_bool_dtype(x.dtype) or not pd.api.types.is_numeric_dtype(x.dtype) \
            or pd.api.types.is_complex_dtype(x.dtype):
        raise TypeError(f"{name} must hold numbers, got dtype {x.dtype} (convert text "
                        "with pd.to_numeric first)")
    _v.check_finite(x.to_numpy(dtype=float), name, x.index)
    if not (pd.api.types.is_integer_dtype(x.index.dtype)
            and not pd.api.types.is_bool_dtype(x.index.dtype)):
        raise TypeError(f"{name} must be indexed by years (whole numbers such as 2023), "
                        f"got an index of dtype {x.index.dtype}")
    if not x.index.is_unique:
        dup = x.index[x.index.duplicated()][0]
        raise ValueError(f"{name} has the year {dup!r} twice; years must be distinct")


def _year_arg(y, name):
    """A year argument: a whole number (int or numpy integer, not a bool)."""
    if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, np.integer)):
        raise TypeError(f"{name} must be a year (a whole number such as 2023), got {y!r}")
    return int(y)


def cagr_between(levels, start, end):
    """CAGR between two years of a level series, next to the arithmetic mean of the
    yearly growth rates over the same span (the usual mistake), both in per cent.

    Formulas: CAGR = ((Y_end / Y_start)^(1/T) - 1) · 100 with T = end - start
    (:func:`cagr`); mean of rates = (1/T) Σ_{t=start+1..end} g_t · 100 with
    g_t = Y_t / Y_{t-1} - 1 (:func:`growth_rate`).

    Range: (-100, ∞) per cent. The mean of the rates is at least the CAGR (equal only
    when every yearly rate is the same), so quoting it overstates growth.

    Reference: docs/methods.md, M2 (see :func:`cagr`).

    Returns a dict with ``start``, ``end``, ``years`` (= T), ``cagr``,
    ``mean_of_rates`` (None when a year in between is missing, so yearly rates cannot be
    formed).

    >>> import pandas as pd
    >>> Y = pd.Series([73919.2, 77587.99, 81986.67], index=[2021, 2022, 2023])
    >>> d = cagr_between(Y, 2021, 2023)
    >>> round(d["cagr"], 2), round(d["mean_of_rates"], 2)
    (5.32, 5.32)
    """
    _year_series(levels, "levels")
    start, end = _year_arg(start, "start"), _year_arg(end, "end")
    for name, y in (("start", start), ("end", end)):
        if y not in levels.index:
            raise ValueError(f"{name} must be one of the years {list(levels.index)[:20]}, "
                             f"got {y!r}")
    if not end > start:
        raise ValueError(f"end must be later than start, got start={start}, end={end}")
    g = cagr(float(levels.loc[start]), float(levels.loc[end]), end - start) * 100
    mean = None
    # every year in between present? (only possible if the series is at least that long,
    # which also keeps range() from building a huge list)
    if end - start + 1 <= len(levels) and all(y in levels.index
                                              for y in range(start, end + 1)):
        span = list(range(start, end + 1))
        rates = growth_rate(levels.loc[span].astype(float))
        mean = float(rates.mean()) * 100
    return {"start": start, "end": end, "years": end - start, "cagr": float(g),
            "mean_of_rates": mean}


def constant_price_levels(levels, real_growth, base_year):
    """Levels at the prices of ``base_year`` (constant prices), chained from published
    real growth rates (按可比价格计算的增长速度).

    Formula: start from the current-price level of the base year b, Y^real_b = Y_b, and
    chain the real growth rates g_t (as published, in per cent / 100) both ways:

    * forwards:  Y^real_t = Y^real_{t-1} · (1 + g_t)       for t > b,
    * backwards: Y^real_t = Y^real_{t+1} / (1 + g_{t+1})   for t < b.

    Range: (0, ∞), in the unit of ``levels``. The growth of the result from one year to
    the next is exactly g_t, whatever the base year; the base year's value equals its
    current-price level. A missing year breaks the chain, so none is allowed.

    Reference: United Nations et al. (2009), *System of National Accounts 2008*, ch. 15
    (price and volume measures; chain-linking); NBS, 《中国统计年鉴》, notes on
    comparable prices (可比价格).

    Parameters
    ----------
    levels : Series of levels at current prices indexed by consecutive years
    real_growth : Series of real growth rates **in per cent** (6.1 means 6.1 %) indexed
        by year; it must cover every year of ``levels`` after the first (the first
        year's rate is not needed)
    base_year : one of the years of ``levels``

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> constant_price_levels(Y, pd.Series([5.0], index=[2023]), 2023).round(2).tolist()
    [104.76, 110.0]
    >>> Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])  # 成渝 GDP
    >>> g = pd.Series([3.0, 6.1], index=[2022, 2023])
    >>> constant_price_levels(Y, g, 2021).round(1).tolist()
    [73919.2, 76136.8, 80781.1]
    >>> constant_price_levels(Y, g, 2019)
    Traceback (most recent call last):
    ...
    ValueError: base_year must be one of the years of levels [2021, 2022, 2023], got 2019
    """
    _year_series(levels, "levels")
    _year_series(real_growth, "real_growth")
    base_year = _year_arg(base_year, "base_year")
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
    _v.check_positive(levels.to_numpy(dtype=float), "levels", levels.index)
    factor = {y: 1.0 + float(real_growth.loc[y]) / 100.0 for y in need}
    low = [y for y in need if not factor[y] > 0]
    if low:
        raise ValueError(f"real_growth must be above -100 (per cent), got "
                         f"{float(real_growth.loc[low[0]]):g} for {low[0]}")
    out = {base_year: float(levels.loc[base_year])}
    for y in range(base_year + 1, years[-1] + 1):
        out[y] = out[y - 1] * factor[y]
    for y in range(base_year - 1, years[0] - 1, -1):
        out[y] = out[y + 1] / factor[y + 1]
    pd = _pd()
    result = pd.Series([out[y] for y in years], index=years, name=f"prices of {base_year}")
    return _v.finite_result(result, "constant_price_levels", "levels and real_growth")


def price_basis_levels(levels, real_growth, basis="current"):
    """The levels at current prices (``basis="current"``) or at the prices of a base year
    (``basis=2021`` …, :func:`constant_price_levels`), as a Series indexed by year.

    Range: positive levels, in the unit of ``levels``. Reference: as for
    :func:`constant_price_levels`.

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> price_basis_levels(Y, pd.Series([5.0], index=[2023]), 2022).tolist()
    [100.0, 105.0]
    """
    if isinstance(basis, str) and basis == "current":
        _year_series(levels, "levels")
        _v.check_positive(levels.to_numpy(dtype=float), "levels", levels.index,
                          what=_t(" (levels such as GDP)", "（如地区生产总值这样的水平值）"))
        return levels.astype(float).rename("current prices")
    if isinstance(basis, (bool, np.bool_)) or not isinstance(basis, (int, np.integer)):
        raise TypeError(f"basis must be 'current' or a base year (int), got {basis!r}")
    return constant_price_levels(levels, real_growth, int(basis))


def nominal_real_table(levels, real_growth):
    """Year-by-year nominal growth (computed from the levels), real growth (as published)
    and the implied price change, all in per cent, rounded to 2 decimals.

    Formulas: nominal growth n_t = (Y_t / Y_{t-1} - 1) · 100 (:func:`growth_rate`);
    real growth g_t as published; implied price change (GDP deflator growth)
    π_t = ((1 + n_t/100) / (1 + g_t/100) - 1) · 100.

    Range: each column in per cent, any sign; π_t < 0 means prices fell.

    Reference: United Nations et al. (2009), *System of National Accounts 2008*, ch. 15
    (the implicit price deflator is the current-price value over the volume).

    Columns: ``year``, ``gdp`` (current prices), ``nominal_growth``, ``real_growth``,
    ``price_change``. The first year has no growth (NaN).

    >>> import pandas as pd
    >>> Y = pd.Series([100.0, 110.0], index=[2022, 2023])
    >>> nominal_real_table(Y, pd.Series([5.0], index=[2023])).iloc[1].tolist()
    [2023.0, 110.0, 10.0, 5.0, 4.76]
    """
    _year_series(levels, "levels")
    _year_series(real_growth, "real_growth")
    pd = _pd()
    n = growth_rate(levels.astype(float)) * 100.0
    r = real_growth.reindex(levels.index).astype(float)
    low = r[~(r > -100) & r.notna()]
    if not low.empty:
        raise ValueError(f"real_growth must be above -100 (per cent), got {low.iloc[0]:g} "
                         f"for {low.index[0]!r}")
    df = pd.DataFrame({"year": [int(y) for y in levels.index],
                       "gdp": levels.astype(float).to_numpy(),
                       "nominal_growth": n.reindex(levels.index).to_numpy(),
                       "real_growth": r.to_numpy()})
    df["price_change"] = ((1 + df["nominal_growth"] / 100) / (1 + df["real_growth"] / 100)
                          - 1) * 100
    # the first year has no growth (NaN by design); every later number must be finite
    # the first year has no growth and a year without a published real rate no price
    # change (NaN, as documented); every other number must be finite
    later = df.iloc[1:]
    _v.finite_result(later["nominal_growth"], "nominal_real_table", "levels")
    _v.finite_result(later.loc[later["real_growth"].notna(), "price_change"],
                     "nominal_real_table", "levels and real_growth")
    return df.round(2)


def first_year_reaching(series, threshold):
    """The first year (index label) whose value is at or above ``threshold``, or ``None``
    if no year reaches it (e.g. when a milestone such as 8万亿元 is first passed).

    Range: a year of the index, or ``None``. Reference: a plain reading of the series
    (no formula); milestones are nominal unless the levels are at constant prices.

    >>> import pandas as pd
    >>> first_year_reaching(pd.Series([7.5, 8.1], index=[2022, 2023]), 8)
    2023
    """
    _year_series(series, "series")
    threshold = _v.scalar(threshold, "threshold")
    hit = series[series.to_numpy(dtype=float) >= threshold]
    return None if hit.empty else int(hit.index.min())


def share(part, total=None):
    """Share of a part in a total, e.g. the circle's GDP in national GDP.

    Formula: s = part / total. With ``total=None`` the parts are divided by their own
    sum, s_i = x_i / Σ_j x_j, so the shares add up to 1.

    Range: [0, 1].

    Reference: docs/methods.md, M2 (standard definition).

    >>> round(share(81986.67, 1260582.1), 4)   # 成渝 GDP / China's GDP, 2023
    0.065
    >>> share([1, 1, 2]).tolist()
    [0.25, 0.25, 0.5]
    """
    if total is None:
        arr, labels = _v.vector(part, "part")
        _v.check_nonnegative(arr, "part", labels)
        s = _v.finite_result(arr / _v.check_positive_total(arr, "part"), "share", "parts")
        return s if labels is None else _pd().Series(s, index=labels, name=part.name)
    (x, X), restore = _v.broadcast(("part", part), ("total", total))
    _v.check_nonnegative(x, "part", restore.labels)
    _v.check_positive(X, "total", restore.labels)
    with np.errstate(all="ignore"):
        over = x > X * (1 + 1e-12)
    if over.any():
        i = int(np.flatnonzero(over.reshape(-1))[0])
        raise ValueError(f"part must not exceed total, got part={x.reshape(-1)[i]:g} > "
                         f"total={X.reshape(-1)[i]:g}; did you swap part and total?")
    with np.errstate(all="ignore"):
        s = x / X
    return restore(_v.finite_result(s, "share", "part and total"))


# ============================================================= M3 coefficient of variation
def coefficient_of_variation(y, population=None):
    """Coefficient of variation of per-capita values across regions.

    Formulas (Williamson 1965):

    * unweighted: CV = σ / ȳ, with ȳ = (1/n) Σ y_i and σ = sqrt((1/n) Σ (y_i - ȳ)^2)
      (population standard deviation, ddof = 0);
    * population-weighted: CV_w = sqrt(Σ p_i (y_i - ȳ_w)^2) / ȳ_w, with
      p_i = P_i / Σ P_j the population shares and ȳ_w = Σ p_i y_i the mean per person.

    Range: [0, ∞); 0 means every region has the same per-capita value. The unweighted
    CV treats each region as one observation; the weighted CV describes inequality
    between *people* (a tiny poor region barely counts).

    Reference: Williamson, J. G. (1965), "Regional Inequality and the Process of
    National Development: A Description of the Patterns"; Gluschenko (2018),
    "To weight or not to weight?".

    Parameters
    ----------
    y : per-capita values (e.g. GDP per person), non-negative, positive mean
    population : optional population of each region (positive); matched to ``y``
        by label if both are Series.

    >>> round(coefficient_of_variation([1.0, 3.0]), 4)
    0.5
    >>> round(coefficient_of_variation([1.0, 3.0], population=[3, 1]), 4)
    0.5774
    """
    if population is None:
        arr, labels = _v.vector(y, "y")
        _v.check_nonnegative(arr, "y", labels, what=_t(" (per-capita values)", "（人均值）"))
        mean = _v.check_positive_total(arr, "y") / arr.size
        with np.errstate(all="ignore"):
            sigma = float(np.sqrt(np.mean((arr - mean) ** 2)))
            cv = sigma / mean
        return _v.finite_result(cv, "coefficient_of_variation", "values of y")
    (arr, P), labels = _v.vectors(("y", y), ("population", population))
    _v.check_nonnegative(arr, "y", labels, what=_t(" (per-capita values)", "（人均值）"))
    _v.check_positive(P, "population", labels)
    p = P / _v.check_positive_total(P, "population")
    with np.errstate(all="ignore"):
        mean_w = float(np.sum(p * arr))
        if not mean_w > 0:
            raise ValueError("y must have a positive (population-weighted) mean, got 0")
        cv = float(np.sqrt(np.sum(p * (arr - mean_w) ** 2))) / mean_w
    return _v.finite_result(cv, "coefficient_of_variation", "y and population")


# ======================================================================= M4 Theil T
def _theil_arrays(x: np.ndarray, P: np.ndarray) -> float:
    """Theil T of totals x over populations P (both already checked)."""
    with np.errstate(all="ignore"):
        s = x / x.sum()
        p = P / P.sum()
        nz = s > 0  # the limit of s ln(s/p) as s → 0 is 0
        T = float(np.sum(s[nz] * np.log(s[nz] / p[nz])))
    _v.finite_result(T, "theil", "values and population")
    return max(T, 0.0)  # T ≥ 0 exactly; rounding can leave -1e-17


def _theil_inputs(values, population):
    (x, P), labels = _v.vectors(("values", values), ("population", population))
    _v.check_nonnegative(x, "values", labels, what=_t(" (totals such as GDP)", "（如地区生产总值这样的总量）"))
    _v.check_positive(P, "population", labels)
    _v.check_positive_total(x, "values")
    _v.check_positive_total(P, "population")
    return x, P, labels


def theil(values, population):
    """Theil T index of regional inequality (population-weighted).

    Formula: T = Σ_i s_i ln(s_i / p_i), with s_i = x_i / Σ x the region's share of the
    total (``values``, e.g. GDP — totals, *not* per-capita values) and
    p_i = P_i / Σ P its share of the population. Equivalently
    T = Σ_i s_i ln(y_i / ȳ) with y_i per-capita values and ȳ the overall mean.

    Range: [0, ln(1/min_i p_i)]; with equal populations that is [0, ln n].
    0 means every region's income share equals its population share (equal GDP per
    person); larger means more unequal. A region with zero income adds 0 (limit).

    Reference: Theil, H. (1967), *Economics and Information Theory*; OECD (2018),
    *Regions and Cities at a Glance 2018*.

    Common mistake: swapping s and p (income shares go outside the log's weight).

    >>> round(theil([1, 1], [1, 1]), 6)           # income shares = population shares
    0.0
    >>> round(theil([3, 1], [1, 1]), 4)           # 0.75 ln 1.5 + 0.25 ln 0.5
    0.1308
    """
    x, P, _ = _theil_inputs(values, population)
    return _theil_arrays(x, P)


@dataclass(frozen=True)
class TheilDecomposition:
    """Result of :func:`theil_decomposition`.

    Attributes
    ----------
    total : float      T over all regions
    between : float    Σ_g s_g ln(s_g / p_g), inequality between the groups' averages
    within : float     Σ_g s_g T_g, inequality inside the groups, weighted by income share
    groups : DataFrame one row per group: n, value_share (s_g), population_share (p_g),
                       theil (T_g, the group's own index), within (s_g T_g) and between
                       (s_g ln(s_g/p_g); negative for a group poorer than average, the
                       sum over groups is never negative).
    """

    total: float
    between: float
    within: float
    groups: Any

    @property
    def between_share(self) -> float:
        """Fraction of the total explained by differences between groups (0 if T = 0)."""
        return self.between / self.total if self.total > 0 else 0.0

    def summary(self):
        """A Series with total, between, within and between_share."""
        return _pd().Series({"total": self.total, "between": self.between,
                             "within": self.within, "between_share": self.between_share})


def theil_decomposition(values, population, groups) -> TheilDecomposition:
    """Split Theil T into inequality between groups and within groups.

    Formula: T = Σ_g s_g T_g + Σ_g s_g ln(s_g / p_g) = within + between, where s_g and
    p_g are the group's income and population shares and T_g is the Theil index of
    the regions inside group g (computed with shares *within* the group). For example,
    groups = "Sichuan" / "Chongqing" splits the circle's inequality into the gap
    between the two provinces and the gaps inside each.

    Range: between ≥ 0, within ≥ 0, between + within = total (see :func:`theil`).

    Reference: Theil, H. (1967), *Economics and Information Theory*; Shorrocks, A. F.
    (1980), "The Class of Additively Decomposable Inequality Measures".

    Parameters
    ----------
    values : totals (e.g. GDP) per region, non-negative
    population : population per region, positive
    groups : a group label per region (text or numbers); matched by label if Series.

    Returns
    -------
    TheilDecomposition with ``.total``, ``.between``, ``.within`` and a tidy
    ``.groups`` DataFrame (groups in order of first appearance).

    >>> d = theil_decomposition([4, 2, 1, 1], [1, 1, 1, 1], ["A", "A", "B", "B"])
    >>> round(d.between + d.within - d.total, 12)
    0.0
    >>> d.groups.index.tolist()
    ['A', 'B']
    """
    x, P, labels = _theil_inputs(values, population)
    if isinstance(groups, (str, bytes)):
        raise TypeError("groups must be a sequence of group labels, one per region, "
                        f"got text {groups!r}")
    if _v.is_series(groups):
        if labels is not None:
            if set(groups.index) != set(labels) or len(groups) != len(labels):
                only_v = _v.only_in(labels, groups.index)
                only_g = _v.only_in(groups.index, labels)
                raise ValueError("values and groups have different labels: only in "
                                 f"values: {only_v}, only in groups: {only_g}")
            groups = groups.reindex(labels)
        g_list = list(groups.to_numpy(dtype=object))
    else:
        try:
            g_list = list(np.asarray(groups, dtype=object).reshape(-1)) \
                if np.ndim(groups) != 0 else None
        except (TypeError, ValueError):
            g_list = None
        if g_list is None:
            raise TypeError("groups must be a sequence of group labels, one per region")
    if len(g_list) != x.size:
        raise ValueError(f"values and groups must have the same length, got {x.size} "
                         f"and {len(g_list)}")
    pd_mod = _v.pandas_or_none()
    for i, g in enumerate(g_list):
        if g is None or (isinstance(g, float) and np.isnan(g)) or \
                (pd_mod is not None and g is pd_mod.NA):
            where = f"for {labels[i]!r}" if labels is not None else f"at position {i}"
            raise ValueError(f"groups contains a missing label {where}")
    order: dict = {}
    for i, g in enumerate(g_list):
        g = g.item() if isinstance(g, np.generic) else g
        try:
            order.setdefault(g, []).append(i)
        except TypeError:
            raise TypeError(f"groups must hold labels such as text or numbers, got "
                            f"{type(g).__name__} at position {i}") from None

    s_all = x / x.sum()
    p_all = P / P.sum()
    rows = []
    with np.errstate(all="ignore"):
        for g, idx in order.items():
            idx = np.asarray(idx)
            s_g, p_g = float(s_all[idx].sum()), float(p_all[idx].sum())
            T_g = _theil_arrays(x[idx], P[idx]) if x[idx].sum() > 0 else 0.0
            between_g = s_g * np.log(s_g / p_g) if s_g > 0 else 0.0
            rows.append({"group": g, "n": idx.size, "value_share": s_g,
                         "population_share": p_g, "theil": T_g,
                         "within": s_g * T_g, "between": float(between_g)})
    table = _pd().DataFrame(rows).set_index("group")
    _v.finite_result(table, "theil_decomposition", "values and population")
    between = max(float(table["between"].sum()), 0.0)
    within = float(table["within"].sum())
    return TheilDecomposition(total=_theil_arrays(x, P), between=between, within=within,
                              groups=table)


# ===================================================================== M5 primacy
def primacy(values, k: int = 2) -> float:
    """Urban primacy index: how much the largest city dominates the next ones.

    Formulas (P_1 ≥ P_2 ≥ … after sorting ``values`` in descending order):

    * k = 2:  S_2 = P_1 / P_2  (two-city index)
    * k = 4:  S_4 = P_1 / (P_2 + P_3 + P_4)
    * k = 11: S_11 = 2 P_1 / (P_2 + … + P_11)

    Range: (0, ∞) for S_4 and S_11, [1, ∞) for S_2. Under the rank–size rule
    (P_k = P_1 / k) the norms are S_2 = 2, S_4 ≈ 1 and S_11 ≈ 1; higher means a more
    dominant first city. Results depend on the unit: 全市 (whole municipality) versus
    市辖区 (urban districts) can change the ranking.

    Reference: Jefferson, M. (1939), "The Law of the Primate City"; Gabaix, X. (1999),
    "Zipf's Law for Cities: An Explanation".

    Parameters
    ----------
    values : sizes (GDP or population) of at least ``k`` cities, positive
    k : 2, 4 or 11

    >>> round(primacy([30145.79, 22074.7]), 3)   # Chongqing / Chengdu GDP 2023, 亿元
    1.366
    >>> primacy([100, 50, 25, 25], k=4)
    1.0
    """
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) \
            or int(k) not in (2, 4, 11):
        raise ValueError(f"k must be 2, 4 or 11, got {k!r}")
    k = int(k)
    arr, labels = _v.vector(values, "values")
    if arr.size < k:
        raise ValueError(f"primacy with k={k} needs at least {k} values, got {arr.size}")
    _v.check_positive(arr, "values", labels, what=_t(" (city sizes)", "（城市规模）"))
    P = np.sort(arr)[::-1]
    with np.errstate(all="ignore"):
        if k == 2:
            S = float(P[0] / P[1])
        elif k == 4:
            S = float(P[0] / P[1:4].sum())
        else:
            S = float(2.0 * P[0] / P[1:11].sum())
    return _v.finite_result(S, "primacy", "values")


@dataclass(frozen=True)
class RankSize:
    """Result of :func:`rank_size`: the fitted line ln(size) = intercept + slope·ln(rank).

    ``table`` holds rank, size, ln_rank, ln_size and fitted (the fitted ln size),
    one row per city, largest first.
    """

    slope: float
    intercept: float
    r2: float
    table: Any


def rank_size(values, shift: float = 0.0) -> RankSize:
    """Rank–size (Zipf) regression: ln(size) on ln(rank), by ordinary least squares.

    Formula: ln P_(r) = a + b ln(r - shift), with cities ranked r = 1, 2, … from the
    largest. Zipf's law is b = -1 (the 2nd city is half the 1st, the 3rd a third …).
    ``shift = 0.5`` applies the Gabaix–Ibragimov small-sample correction.

    Range: slope b ≤ 0 (sizes are sorted); b closer to 0 means more even city sizes,
    b < -1 a more dominant top. r2 ∈ [0, 1] is the fit of the line.

    Reference: Gabaix, X. (1999), "Zipf's Law for Cities: An Explanation"; Gabaix, X. &
    Ibragimov, R. (2011), "Rank − 1/2: A Simple Way to Improve the OLS Estimation of
    Tail Exponents".

    Returns
    -------
    RankSize(slope, intercept, r2, table); the table is indexed by the city labels
    when ``values`` is a Series.

    >>> fit = rank_size([1200, 600, 400, 300])   # exactly Zipf
    >>> round(fit.slope, 6), round(fit.r2, 6)
    (-1.0, 1.0)
    """
    shift = _v.scalar(shift, "shift")
    if not 0.0 <= shift < 1.0:
        raise ValueError(f"shift must be in [0, 1) (0.5 for Gabaix–Ibragimov), got {shift:g}")
    arr, labels = _v.vector(values, "values", min_len=3)
    _v.check_positive(arr, "values", labels, what=_t(" (city sizes)", "（城市规模）"))
    order = np.argsort(-arr, kind="stable")
    size = arr[order]
    rank = np.arange(1, size.size + 1, dtype=float)
    x, y = np.log(rank - shift), np.log(size)
    xc, yc = x - x.mean(), y - y.mean()
    sst = float(np.sum(yc ** 2))
    if sst <= 1e-300 or np.ptp(y) <= 1e-12 * max(1.0, abs(y).max()):
        raise ValueError("values are all equal: there is no rank–size slope to fit")
    b = float(np.sum(xc * yc) / np.sum(xc ** 2))
    a = float(y.mean() - b * x.mean())
    fitted = a + b * x
    r2 = min(max(1.0 - float(np.sum((y - fitted) ** 2)) / sst, 0.0), 1.0)
    _v.finite_result([a, b, r2], "rank_size", "values")
    pd = _pd()
    index = labels[order] if labels is not None else pd.RangeIndex(size.size)
    table = pd.DataFrame({"rank": rank.astype(int), "size": size, "ln_rank": x,
                          "ln_size": y, "fitted": fitted}, index=index)
    return RankSize(slope=b, intercept=a, r2=r2, table=table)


# ===================================================== M6–M8 industrial structure
def location_quotient(table, benchmark=None):
    """Location quotients of a regions × industries table.

    Formula: LQ_ir = (x_ir / x_r) / (x_iN / x_N), with x_ir the value (output,
    employment, revenue) of industry i in region r, x_r = Σ_i x_ir the region's total,
    x_iN the benchmark value of industry i and x_N = Σ_i x_iN. The benchmark is by
    default the regions of the table taken together (column sums); pass a Series of
    national values per industry (same industries as the columns, including any
    "other" column) to compare with China.

    Range: [0, ∞); 1 means the industry's share in the region equals its benchmark
    share; LQ > 1 means the region is relatively specialised in it (a sign of
    concentration, not by itself of competitive advantage). For every region the
    benchmark-share-weighted mean is exactly 1: Σ_i (x_iN/x_N) LQ_ir = 1.

    Reference: Hoover, E. M. & Giarratani, F. (1984), *An Introduction to Regional
    Economics*; BEA FAQ 478, "What are location quotients (LQs)?".

    Parameters
    ----------
    table : DataFrame (rows = regions, columns = industries) or a 2-D array
    benchmark : optional values per industry (Series matched to the columns by
        label, or a sequence in column order)

    Returns
    -------
    DataFrame with the same labels (ndarray for array input).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"autos": [30, 10], "electronics": [20, 40]},
    ...                  index=["Chongqing", "Chengdu"])
    >>> location_quotient(t).round(3)
               autos  electronics
    Chongqing    1.5        0.667
    Chengdu      0.5        1.333
    """
    X, rows, cols = _v.table(table, "table")
    with np.errstate(all="ignore"):
        x_r = X.sum(axis=1)
    zero = np.flatnonzero(~(x_r > 0))
    if zero.size:
        r = rows[zero[0]] if rows is not None else int(zero[0])
        raise ValueError(f"table row {r!r} sums to zero: every region needs a positive total")
    if benchmark is None:
        b = X.sum(axis=0)
        bname = "benchmark (the column sums of table)"
        b_labels = cols
    else:
        b, b_labels = _v.vector(benchmark, "benchmark")
        if b.size != X.shape[1]:
            raise ValueError(f"benchmark must have one value per industry (column of "
                             f"table): expected {X.shape[1]}, got {b.size}")
        if b_labels is not None and cols is not None:
            if set(b_labels) != set(cols):
                only_t = _v.only_in(cols, b_labels)
                only_b = _v.only_in(b_labels, cols)
                raise ValueError("table columns and benchmark have different labels: "
                                 f"only in table: {only_t}, only in benchmark: {only_b}")
            b = benchmark.reindex(cols).to_numpy(dtype=float)
            b_labels = cols
        bname = "benchmark"
    _v.check_positive(b, bname, b_labels,
                      what=_t(" for every industry (drop industries absent everywhere)",
                              "（每个行业都须如此；各地都没有的行业请删去）"))
    x_N = _v.check_positive_total(b, "benchmark")
    with np.errstate(all="ignore"):
        LQ = (X / x_r[:, None]) / (b / x_N)[None, :]
    _v.finite_result(LQ, "location_quotient", "table and benchmark")
    if rows is None:
        return LQ
    return _pd().DataFrame(LQ, index=rows, columns=cols)


def _structure_shares(a, b):
    (xa, xb), labels = _v.vectors(("a", a), ("b", b))
    _v.check_nonnegative(xa, "a", labels)
    _v.check_nonnegative(xb, "b", labels)
    return xa / _v.check_positive_total(xa, "a"), xb / _v.check_positive_total(xb, "b")


def krugman_index(a, b) -> float:
    """Krugman specialisation (dissimilarity) index of two industrial structures.

    Formula: K = Σ_i |s_ia - s_ib|, with s_ia = a_i / Σ_j a_j the share of industry i
    in region a (levels or shares may be given; they are normalised to sum to 1).

    Range: [0, 2]; 0 for identical structures, 2 for regions with no industry in
    common. (Some authors halve it to get [0, 1].)

    Reference: Krugman, P. (1991), *Geography and Trade*; Palan, N. (2010),
    "Measurement of Specialization – The Choice of Indices".

    >>> round(krugman_index([.07, .39, .54], [.03, .30, .67]), 2)
    0.26
    """
    sa, sb = _structure_shares(a, b)
    return min(float(np.abs(sa - sb).sum()), 2.0)


def similarity_coefficient(a, b) -> float:
    """Structure-similarity coefficient (产业结构相似系数) of two regions.

    Formula: S = Σ_i s_ia s_ib / sqrt(Σ_i s_ia^2 · Σ_i s_ib^2), the cosine of the
    angle between the two vectors of industry shares (levels or shares may be given;
    the index does not change when a vector is rescaled).

    Range: [0, 1]; 1 for identical (or proportional) structures, 0 for no overlap.
    High S at three sectors says little: use two-digit industries.

    Reference: UNIDO-recommended index, as used in 《长江经济带工业发展研究》;
    applied to 成渝 by 游曼淋 (2023).

    >>> round(similarity_coefficient([.07, .39, .54], [.03, .30, .67]), 3)
    0.977
    """
    sa, sb = _structure_shares(a, b)
    S = float(np.sum(sa * sb) / np.sqrt(np.sum(sa ** 2) * np.sum(sb ** 2)))
    return min(max(S, 0.0), 1.0)


def pair_indices(table):
    """S (structure similarity) and K (Krugman index) of every pair of rows of ``table``
    (rows = regions, columns = industries, levels or shares).

    Formulas: for each pair (a, b), a before b in the table,
    S = Σ_i s_ia s_ib / sqrt(Σ_i s_ia^2 · Σ_i s_ib^2) (:func:`similarity_coefficient`)
    and K = Σ_i |s_ia - s_ib| (:func:`krugman_index`), with s_ir the share of industry
    i in region r.

    Range: S in [0, 1], K in [0, 2]; n regions give n(n-1)/2 rows (at most
    ``_validate.MAX_PAIRS_ROWS`` = 1000 regions). A pair with a missing figure in either
    row gets NaN (no index on a partial vector).

    Reference: as :func:`similarity_coefficient` and :func:`krugman_index`.

    Returns
    -------
    DataFrame indexed by (a, b) with columns S and K.

    >>> import pandas as pd
    >>> t = pd.DataFrame([[.07, .39, .54], [.03, .30, .67]], index=["a", "b"])
    >>> p = pair_indices(t)
    >>> round(float(p.loc[("a", "b"), "S"]), 3), round(float(p.loc[("a", "b"), "K"]), 2)
    (0.977, 0.26)
    """
    pd = _pd()
    if not _v.is_frame(table):
        raise TypeError("table must be a pandas DataFrame (rows = regions, columns = "
                        f"industries), got {type(table).__name__}")
    n, k = table.shape
    if n < 2:
        raise ValueError("table must have at least two rows (regions) to compare, "
                         f"got {n}")
    if k == 0:
        raise ValueError("table must have at least one column (industry)")
    if n > _v.MAX_PAIRS_ROWS:
        raise ValueError(f"table has {n} rows: at most {_v.MAX_PAIRS_ROWS} regions can be "
                         f"compared pair by pair ({n} rows would give {n * (n - 1) // 2} "
                         "pairs)")
    for col in table.columns:
        dtype = table[col].dtype
        if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype) \
                or pd.api.types.is_complex_dtype(dtype):
            raise TypeError(f"table column {col!r} must be numeric, got dtype {dtype}")
    if not table.index.is_unique:
        dup = table.index[table.index.duplicated()][0]
        raise ValueError(f"table has duplicate row label {dup!r}; regions must be unique")
    X = np.array(table.to_numpy(dtype=float, na_value=np.nan))   # a copy we may scale
    labels = list(table.index)
    missing = np.isnan(X).any(axis=1)
    for r in np.flatnonzero(~missing):
        row = X[r]
        if np.isinf(row).any() or (row < 0).any():
            bad = row[np.isinf(row) | (row < 0)][0]
            raise ValueError(f"table row {labels[r]!r} must hold finite, non-negative "
                             f"values, got {bad:g}")
        total = _v.check_positive_total(row, f"table row {labels[r]!r}")
        X[r] = row / total
    with np.errstate(all="ignore"):
        norm = np.sqrt(np.sum(X ** 2, axis=1))
    a_pos, b_pos, S_all, K_all = [], [], [], []
    for r in range(n - 1):      # one row against all later rows: n(n-1)/2 pairs in all
        others = np.arange(r + 1, n)
        with np.errstate(all="ignore"):
            S = X[others] @ X[r] / (norm[others] * norm[r])
            K = np.abs(X[others] - X[r]).sum(axis=1)
        S, K = np.clip(S, 0.0, 1.0), np.minimum(K, 2.0)
        gap = missing[r] | missing[others]     # no index on a partial vector
        S[gap], K[gap] = np.nan, np.nan
        a_pos.append(np.full(others.size, r))
        b_pos.append(others)
        S_all.append(S)
        K_all.append(K)
    a_pos, b_pos = np.concatenate(a_pos), np.concatenate(b_pos)
    index = pd.MultiIndex.from_arrays(
        [[labels[i] for i in a_pos], [labels[i] for i in b_pos]], names=["a", "b"])
    return pd.DataFrame({"S": np.concatenate(S_all), "K": np.concatenate(K_all)},
                        index=index)


def shift_share(base, final, benchmark_base, benchmark_final):
    """Classic shift–share decomposition of a region's change, industry by industry.

    With e_i0, e_i1 the region's values (employment or output) of industry i in the
    base and final year, E_i0, E_i1 the benchmark's (national) values,
    G = Σ E_i1 / Σ E_i0 - 1 and G_i = E_i1 / E_i0 - 1:

    * national share   NS_i = e_i0 · G              (growth at the national rate)
    * industry mix     IM_i = e_i0 · (G_i - G)      (nationally fast or slow industries)
    * regional shift   RS_i = e_i1 - e_i0 (1 + G_i) (= e_i0 (g_i - G_i), competitiveness)

    and NS_i + IM_i + RS_i = e_i1 - e_i0 exactly.

    Range: each component in the units of the data, any sign; summed over industries
    they split the region's total change.

    Reference: Dunn, E. S. (1960), "A Statistical and Analytical Technique for Regional
    Analysis"; Esteban-Marquillas, J. M. (1972), "A Reinterpretation of Shift-Share
    Analysis" (a refinement of the regional shift).

    Parameters
    ----------
    base, final : region's values per industry (non-negative)
    benchmark_base, benchmark_final : benchmark values per industry (base positive)
    All four are matched by label when they are Series.

    Returns
    -------
    DataFrame, one row per industry: base, final, change, national_share,
    industry_mix, regional_shift.

    >>> r = shift_share([100, 50], [120, 50], [1000, 1000], [1100, 1300])
    >>> r[["national_share", "industry_mix", "regional_shift"]].round(1)
       national_share  industry_mix  regional_shift
    0            20.0         -10.0            10.0
    1            10.0           5.0           -15.0
    >>> float(r["change"].sum())
    20.0
    """
    (e0, e1, E0, E1), labels = _v.vectors(
        ("base", base), ("final", final),
        ("benchmark_base", benchmark_base), ("benchmark_final", benchmark_final))
    for arr, name in ((e0, "base"), (e1, "final"), (E1, "benchmark_final")):
        _v.check_nonnegative(arr, name, labels)
    _v.check_positive(E0, "benchmark_base", labels,
                      what=_t(" for every industry (its growth rate is E_i1/E_i0 - 1)",
                              "（每个行业都须如此；其增长率为 E_i1/E_i0 - 1）"))
    with np.errstate(all="ignore"):
        G = _v.check_positive_total(E1, "benchmark_final") / _v.check_positive_total(
            E0, "benchmark_base") - 1.0
        G_i = E1 / E0 - 1.0
        parts = (e1 - e0, e0 * G, e0 * (G_i - G), e1 - e0 * (1.0 + G_i))
    _v.finite_result(np.array(parts), "shift_share",
                     "base, final, benchmark_base and benchmark_final")
    pd = _pd()
    out = pd.DataFrame({
        "base": e0, "final": e1, "change": e1 - e0,
        "national_share": e0 * G,
        "industry_mix": e0 * (G_i - G),
        "regional_shift": e1 - e0 * (1.0 + G_i),
    }, index=labels if labels is not None else pd.RangeIndex(e0.size))
    return out


# ===================================================== per person, density, weighted means
# Moved here from the chapter explorers (notebooks 06, 07, 10), which now call them.
def per_person(gdp_yi, population_wan):
    """GDP per person (人均地区生产总值) in 元, from GDP in 亿元 and population in 万人.

    Formula: y = GDP / P × 10^4 (亿 / 万 = 10^4, so 亿元 per 万人 times 10^4 is 元 per
    person). Numbers give a number; Series give a Series, matched by label.

    Meaning: the output of a region per resident, the usual yardstick of development
    beside the total, which mostly measures size.

    Range: (0, ∞) 元.

    Reference: National Bureau of Statistics of China, definition of 人均地区生产总值
    (GDP divided by the year's resident population); docs/methods.md, M2.

    >>> round(per_person(81986.7, 9853.5))      # 成渝 2023: 亿元 / 万人 -> 元
    83206
    >>> per_person(1, 0)
    Traceback (most recent call last):
    ...
    ValueError: population_wan must be positive, got 0
    """
    (g, p), restore = _v.broadcast(("gdp_yi", gdp_yi), ("population_wan", population_wan))
    _v.check_positive(g, "gdp_yi", restore.labels)
    _v.check_positive(p, "population_wan", restore.labels)
    with np.errstate(all="ignore"):
        y = g / p * 1e4
    return restore(_v.finite_result(y, "per_person", "gdp_yi and population_wan"))


def _where_known(func, frame, x: str, y: str):
    """``func(frame[x], frame[y])`` on the rows where both are known, NaN (a figure not
    found) elsewhere, as a Series over ``frame``'s index. For tables with gaps: the formula
    still refuses bad numbers, and a missing figure stays missing instead of raising.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"gdp": [2.0, None], "population": [1.0, 1.0]}, index=["a", "b"])
    >>> _where_known(per_person, t, "gdp", "population").tolist()
    [20000.0, nan]
    """
    pd = _pd()
    known = frame[x].notna() & frame[y].notna()
    out = pd.Series(np.nan, index=frame.index, dtype=float)
    if known.any():
        out[known] = func(frame.loc[known, x], frame.loc[known, y])
    return out


def density(population_wan, area_wan_km2):
    """Population density (人口密度) in people per km², from population in 万人 and area
    in 万km².

    Formula: d = P / A (the 万 of both units cancel). Numbers give a number; Series give a
    Series, matched by label.

    Meaning: how many residents share each square kilometre; a dense cluster has short
    distances between its firms, workers and markets.

    Range: (0, ∞) people per km².

    Reference: standard definition (residents over land area); docs/methods.md,
    "Scale and growth".

    >>> round(density(9853.5, 18.5), 1)         # 万人 / 万km² -> 人 per km²
    532.6
    >>> density(100, -1)
    Traceback (most recent call last):
    ...
    ValueError: area_wan_km2 must be positive, got -1
    """
    (p, a), restore = _v.broadcast(("population_wan", population_wan),
                                   ("area_wan_km2", area_wan_km2))
    _v.check_positive(p, "population_wan", restore.labels)
    _v.check_positive(a, "area_wan_km2", restore.labels)
    with np.errstate(all="ignore"):
        d = p / a
    return restore(_v.finite_result(d, "density", "population_wan and area_wan_km2"))


def income_ratio(urban, rural):
    """The urban–rural income ratio (城乡居民收入比) R = Y_u / Y_r: urban over rural
    per-capita disposable income of the same province and year.

    Numbers give a number; Series give a Series, matched by label (not by position).

    Meaning: how many times a town resident's income is a village resident's; the
    common summary of the urban–rural gap in China's statistical communiqués.

    Range: (0, ∞); 1 = no gap, 2 = urban income twice rural income.

    Reference: National Bureau of Statistics of China, 城乡居民人均可支配收入 (the
    ratio of the two per-capita incomes); docs/methods.md, M12.

    >>> round(income_ratio(43233, 18672), 4)    # Sichuan 2022
    2.3154
    >>> income_ratio(100, 0)
    Traceback (most recent call last):
    ...
    ValueError: rural must be positive (per-capita income in 元), got 0
    """
    (u, r), restore = _v.broadcast(("urban", urban), ("rural", rural))
    _v.check_positive(u, "urban", restore.labels,
                      what=_t(" (per-capita income in 元)", "（人均收入，单位元）"))
    _v.check_positive(r, "rural", restore.labels,
                      what=_t(" (per-capita income in 元)", "（人均收入，单位元）"))
    with np.errstate(all="ignore"):
        ratio = u / r
    return restore(_v.finite_result(ratio, "income_ratio", "urban and rural"))


def weighted_mean(values, weights) -> float:
    """Weighted mean x̄_w = Σ_i w_i x_i / Σ_i w_i, e.g. GDP per person of a group of
    cities weighted by their populations (the mean per *person*, not per city).

    ``values`` and ``weights`` are sequences of one length; two Series are matched by
    label, not by position.

    Meaning: with population weights, the value an average resident of the group sees;
    a small city counts in proportion to its people.

    Range: between the smallest and the largest value.

    Reference: standard weighted arithmetic mean; docs/methods.md, "Weighted means" and M11.

    >>> weighted_mean([30000.0, 20000.0], [1.0, 3.0])
    22500.0
    >>> import pandas as pd
    >>> weighted_mean(pd.Series({"a": 90.0, "b": 10.0}), pd.Series({"b": 3.0, "a": 7.0}))
    66.0
    """
    _refuse_bools(values, "values")
    _refuse_bools(weights, "weights")
    (x, w), labels = _v.vectors(("values", values), ("weights", weights))
    _v.check_nonnegative(w, "weights", labels)
    total = _v.check_positive_total(w, "weights")
    return float(np.sum(w * x) / total)


def weighted_rate(rates, populations) -> float:
    """The rate of a whole rebuilt from its parts: u = Σ_k (P_k / P) u_k, P = Σ_k P_k
    (e.g. a province's urbanisation rate 常住人口城镇化率 from its subregions).

    Rates in percent (0–100), populations in any one unit. Two Series are matched by
    label, not by position: the population of a subregion weights that subregion's rate.

    Meaning: the share of all residents who live in towns; the plain mean of the rates
    (:func:`unweighted_rate`) treats a thinly peopled area like a metropolis.

    Range: between the smallest and the largest u_k (so within 0–100%).

    Reference: National Bureau of Statistics of China, 常住人口城镇化率 (urban
    residents over all residents); docs/methods.md, "Weighted means" and M11.

    >>> round(weighted_rate([79.8, 54.51, 51.68], [2122.72, 804.14, 286.48]), 3)
    70.964
    >>> import pandas as pd
    >>> weighted_rate(pd.Series({"a": 90.0, "b": 10.0}), pd.Series({"b": 1, "a": 3}))
    70.0
    """
    r, p, labels = _rates_and_populations(rates, populations)
    return float(np.sum(p * r) / _v.check_positive_total(p, "populations"))


def unweighted_rate(rates) -> float:
    """The plain mean of the rates, (1/n) Σ_k u_k: the mistake notebook 06 teaches (each
    subregion counts once, whatever its population), kept so it can be shown.

    Range: between the smallest and the largest rate (0–100%).

    Reference: docs/methods.md, "Weighted means" and M11 (as the wrong answer beside
    :func:`weighted_rate`).

    >>> round(unweighted_rate([79.8, 54.51, 51.68]), 2)
    62.0
    """
    r, _, _ = _rates_and_populations(rates, None)
    return float(r.mean())


def _refuse_bools(x, name):
    """A list such as [True, 50] would silently become [1, 50]: refuse it."""
    if isinstance(x, (list, tuple)) and any(isinstance(v, (bool, np.bool_)) for v in x):
        raise TypeError(f"{name} must hold numbers, got a boolean in {list(x)!r}")


def _rates_and_populations(rates, populations):
    _refuse_bools(rates, "rates")
    _refuse_bools(populations, "populations")
    try:
        if populations is None:
            r, labels = _v.vector(rates, "rates")
            p = None
        else:
            (r, p), labels = _v.vectors(("rates", rates), ("populations", populations))
    except ValueError as err:
        msg = str(err)
        if "missing value" in msg:
            raise ValueError(msg.split(";")[0] + ": a subregion without a figure cannot be "
                             "averaged in (say so instead of filling it)") from None
        if "same length" in msg:
            raise ValueError(f"populations must have one value per rate: {msg}") from None
        raise
    if np.any((r < 0) | (r > 100)):
        raise ValueError(f"rates must be percentages between 0 and 100, got {r.tolist()}")
    if p is not None:
        _v.check_nonnegative(p, "populations", labels)
    return r, p, labels
