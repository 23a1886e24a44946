"""Distances, the gravity model and Reilly's breaking point (course notebook 05, M9).

How strongly two places interact falls with the distance between them. This module
measures great-circle distances, computes gravity-model interaction I = G M_i M_j / d^β
for single pairs or for every pair of a table of cities, and locates the breaking
point between two market areas on the line that joins them (e.g. on the 308 km
成渝客专 corridor between Chengdu and Chongqing; length from the course table ``corridor``).

Functions are vectorised: numbers, arrays and Series (matched by label) all work.

>>> from chengyu_lib import spatial
>>> round(spatial.breaking_point(308, m_i=30145.79, m_j=22074.72), 1)  # km from Chengdu
142.0
"""
from __future__ import annotations

import numpy as np

from . import _validate as _v
from .language import text as _t

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "gravity", "interaction_table",
           "breaking_point", "breaking_point_curve"]

#: Mean Earth radius in km (IUGG mean radius R1 = 6371.0088 km).
EARTH_RADIUS_KM = 6371.0088


def _short(value, limit: int = 80) -> str:
    """repr of ``value`` for a message, cut after ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _check_range(arr, name, labels, lo, hi, unit):
    bad = ~((arr >= lo) & (arr <= hi))
    if bad.any():
        pos = int(np.flatnonzero(bad.reshape(-1))[0])
        where = _v._where(labels, pos, arr.shape)
        raise ValueError(f"{name} must be between {lo:g} and {hi:g} {unit}, got "
                         f"{arr.reshape(-1)[pos]:g}{where}")


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres between points given in degrees.

    Formula (haversine): a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2),
    d = 2 R arcsin(√a), with φ latitude, λ longitude (radians) and
    R = 6371.0088 km (mean Earth radius).

    Range: [0, π R] ≈ [0, 20 015] km. Straight-line ("as the crow flies") distance on
    a sphere: shorter than road or rail distance. Between the course's centre points of
    Chengdu (30.67° N, 104.07° E) and Chongqing (29.57° N, 106.55° E), table ``cities``, it
    is about 268 km (the example below), against 308 km by the 成渝高铁 (成渝客专) railway.
    Error against the ellipsoid is below 0.5 %.

    Reference: Sinnott, R. W. (1984), "Virtues of the Haversine", *Sky and Telescope*
    68(2): 159.

    Vectorised: each argument may be a number, an array or a Series.

    >>> round(float(haversine_km(30.67, 104.07, 29.57, 106.55)), 2)   # Chengdu – Chongqing
    268.05
    """
    (φ1, λ1, φ2, λ2), restore = _v.broadcast(("lat1", lat1), ("lon1", lon1),
                                             ("lat2", lat2), ("lon2", lon2))
    for arr, name in ((φ1, "lat1"), (φ2, "lat2")):
        _check_range(arr, name, restore.labels, -90, 90, "degrees")
    for arr, name in ((λ1, "lon1"), (λ2, "lon2")):
        _check_range(arr, name, restore.labels, -180, 360, "degrees")
    φ1, λ1, φ2, λ2 = (np.radians(a) for a in (φ1, λ1, φ2, λ2))
    a = np.sin((φ2 - φ1) / 2) ** 2 + np.cos(φ1) * np.cos(φ2) * np.sin((λ2 - λ1) / 2) ** 2
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return restore(_v.finite_result(d, "haversine_km", "coordinates"))


def _beta(beta, *, allow_zero: bool):
    β = _v.scalar(beta, "beta")
    if β < 0 or (β == 0 and not allow_zero):
        need = "non-negative" if allow_zero else "positive"
        raise ValueError(f"beta (the distance-decay exponent) must be {need}, got {β:g}")
    return β


def gravity(m_i, m_j, d, beta: float = 2.0, G: float = 1.0):
    """Gravity-model interaction between two places.

    Formula: I_ij = G · M_i · M_j / d_ij^β, with masses M (GDP or population),
    distance d and distance-decay exponent β (β = 2 is Newton's; estimated trade
    elasticities are often close to 1).

    Range: (0, ∞); only ratios are meaningful unless G is calibrated. Doubling the
    distance divides the interaction by 2^β.

    Reference: Tinbergen, J. (1962), *Shaping the World Economy*; Anderson, J. E.
    (2011), "The Gravity Model".

    Parameters
    ----------
    m_i, m_j : masses, positive
    d : distance, positive (a distance of zero has no finite interaction)
    beta : distance-decay exponent, ≥ 0
    G : scale constant, positive

    >>> gravity(10, 20, 5)          # 10·20 / 5²
    8.0
    >>> gravity(10, 20, 10) / gravity(10, 20, 5)
    0.25
    """
    (Mi, Mj, D), restore = _v.broadcast(("m_i", m_i), ("m_j", m_j), ("d", d))
    _v.check_positive(Mi, "m_i", restore.labels,
                      what=_t(" (a mass such as GDP)", "（如地区生产总值这样的“质量”）"))
    _v.check_positive(Mj, "m_j", restore.labels,
                      what=_t(" (a mass such as GDP)", "（如地区生产总值这样的“质量”）"))
    _v.check_positive(D, "d", restore.labels,
                      what=_t(" (a distance of zero is undefined)", "（距离为零时没有定义）"))
    β = _beta(beta, allow_zero=True)
    G = _v.scalar(G, "G")
    if not G > 0:
        raise ValueError(f"G must be positive, got {G:g}")
    with np.errstate(all="ignore"):
        I = G * Mi * Mj / D ** β
    if not np.all(np.isfinite(I)):
        raise ValueError("gravity overflows for these inputs; rescale the masses "
                         "(e.g. GDP in 万亿元) or the distance")
    return restore(I)


def interaction_table(cities, mass: str = "gdp", beta: float = 2.0, G: float = 1.0):
    """Gravity interaction for every unordered pair of cities, strongest first.

    For each pair (i, j), i before j in the table: the great-circle distance
    d_ij (:func:`haversine_km`) and I_ij = G M_i M_j / d_ij^β (:func:`gravity`).

    Range: as :func:`gravity`; n cities give n(n-1)/2 rows (at most
    ``_validate.MAX_PAIRS_ROWS`` = 1000 cities).

    Reference: Tinbergen, J. (1962), *Shaping the World Economy*.

    Parameters
    ----------
    cities : DataFrame with columns ``lat``, ``lon`` and the ``mass`` column; the city
        names come from a ``name`` column if there is one, else from the index.
    mass : name of the mass column (e.g. "gdp" or "population")
    beta, G : as in :func:`gravity`

    Returns
    -------
    DataFrame with columns city_i, city_j, mass_i, mass_j, distance_km, interaction,
    sorted by interaction (descending).

    >>> import pandas as pd
    >>> cities = pd.DataFrame({"lat": [30.66, 29.56, 29.58], "lon": [104.06, 106.55, 105.06],
    ...                        "mass": [2.0, 3.0, 0.2]},          # toy masses
    ...                       index=["Chengdu", "Chongqing", "Neijiang"])
    >>> t = interaction_table(cities, mass="mass")
    >>> t[["city_i", "city_j"]].values.tolist()
    [['Chengdu', 'Chongqing'], ['Chongqing', 'Neijiang'], ['Chengdu', 'Neijiang']]
    """
    if not _v.is_frame(cities):
        raise TypeError("cities must be a pandas DataFrame with columns lat, lon and "
                        f"{mass!r}, got {type(cities).__name__}")
    if not isinstance(mass, str):
        raise TypeError(f"mass must be a column name (text), got {mass!r}")
    missing = [c for c in ("lat", "lon", mass) if c not in cities.columns]
    if missing:
        raise ValueError(f"cities is missing column(s) {missing}; it has "
                         f"{list(cities.columns)}")
    if len(cities) < 2:
        raise ValueError(f"cities needs at least 2 rows to form a pair, got {len(cities)}")
    if len(cities) > _v.MAX_PAIRS_ROWS:
        n = len(cities)
        raise ValueError(f"cities has {n} rows: at most {_v.MAX_PAIRS_ROWS} cities can be "
                         f"paired ({n} rows would give {n * (n - 1) // 2} pairs)")
    import pandas as pd
    names = cities["name"] if "name" in cities.columns else \
        pd.Series(cities.index, index=cities.index)
    names = [n.item() if isinstance(n, np.generic) else n for n in names]
    seen: set = set()
    for n in names:
        try:
            if n in seen:
                raise ValueError(f"cities has duplicate name {n!r}; names must be unique")
            seen.add(n)
        except TypeError:
            raise TypeError(f"cities names must be text or numbers, got "
                            f"{type(n).__name__}") from None
    named = pd.Index(names)
    lat, _ = _v.vector(pd.Series(cities["lat"].to_numpy(), index=named), "cities['lat']")
    lon, _ = _v.vector(pd.Series(cities["lon"].to_numpy(), index=named), "cities['lon']")
    M, _ = _v.vector(pd.Series(cities[mass].to_numpy(), index=named), f"cities[{mass!r}]")
    _v.check_positive(M, f"cities[{mass!r}]", named)
    i, j = np.triu_indices(len(names), k=1)
    D = haversine_km(lat[i], lon[i], lat[j], lon[j])
    D = np.atleast_1d(D)
    zero = np.flatnonzero(D <= 0)
    if zero.size:
        a, b = names[i[zero[0]]], names[j[zero[0]]]
        raise ValueError(f"cities {a!r} and {b!r} have the same coordinates: a distance "
                         "of zero has no finite interaction")
    I = gravity(M[i], M[j], D, beta=beta, G=G)
    out = pd.DataFrame({"city_i": [names[k] for k in i], "city_j": [names[k] for k in j],
                        "mass_i": M[i], "mass_j": M[j], "distance_km": D,
                        "interaction": np.atleast_1d(I)})
    return out.sort_values("interaction", ascending=False, kind="stable") \
              .reset_index(drop=True)


def breaking_point(d, m_i, m_j, beta: float = 2.0):
    """Reilly's breaking point between two places, measured **from place j**.

    Formula: d_j = d / (1 + (M_i / M_j)^(1/β)), the distance from j (the place whose
    mass is ``m_j``) to the point where the pulls of i and j are equal,
    M_i / (d - d_j)^β = M_j / d_j^β. The distance from i is d - d_j.

    Range: (0, d); the point lies strictly between the two places, closer to the
    smaller one: the larger place's market area extends further. Equal masses give
    d/2. To measure from the other end, swap the masses.

    Reference: Reilly, W. J. (1931), *The Law of Retail Gravitation*; Converse, P. D.
    (1949), "New Laws of Retail Gravitation" (the breaking-point form).

    Example: on the 308 km 成渝客专 with 2023 GDP (亿元) of Chongqing (i, 30 145.79) and
    Chengdu (j, 22 074.72), the breaking point is 142.0 km from Chengdu, i.e. 166.0 km
    from Chongqing: on Chengdu's side of the midpoint, nearer the smaller city.

    >>> round(breaking_point(308, m_i=30145.79, m_j=22074.72), 1)   # from Chengdu (j)
    142.0
    >>> round(breaking_point(308, m_i=22074.72, m_j=30145.79), 1)   # from Chongqing (j)
    166.0
    >>> breaking_point(100, 5, 5)
    50.0
    """
    (D, Mi, Mj), restore = _v.broadcast(("d", d), ("m_i", m_i), ("m_j", m_j))
    _v.check_positive(D, "d", restore.labels,
                      what=_t(" (the distance between the places)", "（两地之间的距离）"))
    _v.check_positive(Mi, "m_i", restore.labels,
                      what=_t(" (a mass such as GDP)", "（如地区生产总值这样的“质量”）"))
    _v.check_positive(Mj, "m_j", restore.labels,
                      what=_t(" (a mass such as GDP)", "（如地区生产总值这样的“质量”）"))
    β = _beta(beta, allow_zero=False)
    with np.errstate(all="ignore"):
        d_j = D / (1.0 + (Mi / Mj) ** (1.0 / β))
    if not np.all((d_j > 0) & (d_j < D)):
        raise ValueError("m_i and m_j differ too much for this beta: the breaking point "
                         "cannot be told apart from one of the places in floating point")
    return restore(d_j)


def breaking_point_curve(places, d, *, i, j, betas=None, masses=("gdp", "population")):
    """Reilly's breaking point between places ``i`` and ``j`` for a range of β and for
    each kind of mass, measured **from place j** (as :func:`breaking_point`).

    Formula: d_j(β) = d / (1 + (M_i / M_j)^(1/β)) for each β and each mass column.

    Range: (0, d). As β grows the point moves towards the midpoint d/2; as β falls it
    moves towards the smaller place.

    Reference: Reilly, W. J. (1931), *The Law of Retail Gravitation*; Converse, P. D.
    (1949), "New Laws of Retail Gravitation".

    Parameters
    ----------
    places : DataFrame indexed by place, with one column per kind of mass (e.g. GDP,
        population); the rows ``i`` and ``j`` must hold positive masses
    d : distance between i and j (e.g. the rail distance, km)
    i, j : index labels of the two places; distances are measured from ``j``
    betas : distance-decay exponents (default 0.5, 0.6, …, 3.0)
    masses : the mass columns to use

    Returns
    -------
    DataFrame with columns beta, mass and ``from_<j>`` (one row per β and mass).

    >>> import pandas as pd
    >>> toy = pd.DataFrame({"gdp": [1.0, 4.0], "population": [1.0, 1.0]},
    ...                    index=["chengdu", "chongqing"])
    >>> c = breaking_point_curve(toy, 300, i="chongqing", j="chengdu", betas=[1.0, 2.0],
    ...                          masses=["gdp"])
    >>> c["from_chengdu"].tolist()
    [60.0, 100.0]
    """
    import pandas as pd

    if not _v.is_frame(places):
        raise TypeError("places must be a pandas DataFrame indexed by place, with one "
                        f"column per kind of mass, got {type(places).__name__}")
    d = _v.scalar(d, "d")
    _v.check_positive(np.asarray(d), "d",
                      what=_t(" (the distance between the places)", "（两地之间的距离）"))
    if betas is None:
        betas = np.round(np.arange(0.5, 3.0001, 0.1), 1)
    try:
        β, _ = _v.vector(np.ravel(betas) if np.ndim(betas) > 1 else betas, "betas")
    except (TypeError, ValueError):
        raise TypeError(f"betas must be a list of numbers, got {_short(betas)}") from None
    if np.any(β <= 0):
        raise ValueError(f"betas must be positive numbers, got {_short(β.tolist())}")
    if isinstance(masses, str):
        masses = [masses]
    try:
        masses = list(masses)
    except TypeError:
        raise TypeError(f"masses must be a list of column names, got {masses!r}") from None
    if not masses:
        raise ValueError("masses must name at least one column of places")
    for name, place in (("i", i), ("j", j)):
        try:
            count = int((places.index == place).sum())
        except (TypeError, ValueError):
            count = 0
        if count != 1:
            what = "is not a row" if count == 0 else f"names {count} rows"
            raise ValueError(f"{name}={place!r} {what} of places; expected one of "
                             f"{list(places.index)[:20]}")
    if i == j:
        raise ValueError(f"i and j must be two different places, got {i!r} twice")
    parts = []
    for mass in masses:
        if not isinstance(mass, str) or mass not in places.columns:
            raise ValueError(f"places must have a {mass!r} column; it has "
                             f"{list(places.columns)}")
        pair = pd.Series([places.loc[i, mass], places.loc[j, mass]], index=[i, j])
        (m_i, m_j), _ = _v.vector(pair, f"places[{mass!r}]")
        _v.check_positive(np.array([m_i, m_j]), f"places[{mass!r}]", [i, j],
                          what=_t(" (a mass such as GDP)", "（如地区生产总值这样的“质量”）"))
        with np.errstate(all="ignore"):
            d_j = d / (1.0 + (m_i / m_j) ** (1.0 / β))        # all β at once
        if not np.all((d_j > 0) & (d_j < d)):
            raise ValueError(f"places[{mass!r}] of {i!r} and {j!r} differ too much for "
                             "these betas: the breaking point cannot be told apart from "
                             "one of the places in floating point")
        parts.append(pd.DataFrame({"beta": β, "mass": mass, f"from_{j}": d_j}))
    return pd.concat(parts, ignore_index=True)
