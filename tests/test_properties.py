"""Property tests (hypothesis) over every public function of metrics, spatial, scenarios,
text and _validate (issue 16, item 3).

Each function is called with generated arguments, plausible ones (numbers of the right
shape, Series indexed by year, passages of Chinese text) mixed with hostile ones (huge
ints, inf, NaN, booleans, text, empty and ragged sequences, duplicate labels, extreme
magnitudes). The property: the call either returns a finite result or raises
``ValueError``/``TypeError`` — never another exception, never inf or NaN (except the
NaNs two functions document, see ``_ALLOWED_NAN``), never a RuntimeWarning, and never runs longer than
``CALL_LIMIT_S`` seconds.

The functions are enumerated from each module's ``__all__``: a public function added
later without an entry in ``STRATEGIES`` fails :func:`test_every_public_function_has_a_strategy`.

Profiles (``conftest.py``): "dev" (random, examples as set there) and "ci" (chosen when
the ``CI`` environment variable is set: ``derandomize=True``, no example database).
Run with ``-s`` to see how many inputs each function was given and how many raised a
clean error.
"""
from __future__ import annotations

import cmath
import dataclasses
import inspect
import math
import signal
import types
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengyu_lib import _validate, metrics, scenarios, spatial, text

MODULES = {"metrics": metrics, "spatial": spatial, "scenarios": scenarios, "text": text,
           "_validate": _validate}
CALL_LIMIT_S = 10.0
STATS: dict[str, Counter] = {}

# ------------------------------------------------------------------------ building blocks
HUGE = st.sampled_from([10 ** 400, -(10 ** 400), 2 ** 64, 10 ** 20])
FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64)
EXTREME = st.sampled_from([0.0, -0.0, 1e-320, 5e-324, 1e-300, 1e300, 1.7976931348623157e308,
                           -1e300, float("inf"), float("nan")])
GOOD = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)
RATE = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False)
SCALAR = st.one_of(FLOATS, EXTREME, GOOD, st.integers(-1000, 10 ** 6), HUGE, st.booleans(),
                   st.none(), st.text(max_size=4), st.complex_numbers(max_magnitude=10),
                   st.just(np.int64(3)), st.just(np.float32(2.5)))


def _lists(elem, min_size=0, max_size=8):
    return st.lists(elem, min_size=min_size, max_size=max_size)


def _series(elem, min_size=0, max_size=8, labels=None):
    labels = labels or st.sampled_from(["成都", "重庆", "绵阳", "德阳", "宜宾", "泸州", "南充",
                                        "达州", "乐山", "眉山"])
    return _lists(st.tuples(labels, elem), min_size, max_size).map(
        lambda kv: pd.Series([v for _, v in kv], index=[k for k, _ in kv], dtype=object)
        .infer_objects())


SEQ = st.one_of(_lists(SCALAR), _lists(GOOD, 1), _lists(EXTREME, 1),
                _lists(GOOD, 1).map(np.array), _series(GOOD, 1), _series(SCALAR),
                st.just([[1.0, 2.0], [3.0]]), st.just(np.ones((2, 2))), st.just({1.0, 2.0}),
                st.just({"a": 1.0}), st.just(pd.DataFrame({"x": [1.0]})))
ANY = st.one_of(SCALAR, SEQ)
NUMERIC = st.one_of(GOOD, EXTREME, _lists(GOOD, 1, 6), _lists(EXTREME, 1, 4),
                    _series(GOOD, 1, 6), ANY)


def _year_series(elem=GOOD, max_size=8):
    @st.composite
    def build(draw):
        n = draw(st.integers(0, max_size))
        start = draw(st.sampled_from([2015, 2019, 0, -5, 10 ** 12]))
        step = draw(st.sampled_from([1, 1, 1, 2, -1]))
        values = draw(_lists(elem, n, n))
        index = [start + step * i for i in range(n)]
        if draw(st.booleans()) and n > 1:
            index[-1] = index[0]                   # a duplicate year
        if draw(st.integers(0, 9)) == 0:
            index = [str(i) for i in index]        # text years
        return pd.Series(values, index=index, dtype=object).infer_objects()
    return build()


YEARS = st.one_of(_year_series(), _year_series(st.one_of(GOOD, EXTREME, SCALAR)), ANY)
YEAR = st.one_of(st.sampled_from([2015, 2019, 2020, 2021, 2023, 0, 10 ** 12]), SCALAR)


def _frame(elem=GOOD, rows=(0, 5), cols=(0, 4)):
    @st.composite
    def build(draw):
        r = draw(st.integers(*rows))
        c = draw(st.integers(*cols))
        data = {f"c{j}": draw(_lists(elem, r, r)) for j in range(c)}
        index = draw(st.sampled_from([None, "names", "dup"]))
        names = ["成都", "重庆", "绵阳", "德阳", "宜宾"][:r]
        if index == "names":
            return pd.DataFrame(data, index=names)
        if index == "dup" and r:
            return pd.DataFrame(data, index=["成都"] * r)
        return pd.DataFrame(data)
    return build()


TABLE = st.one_of(_frame(), _frame(st.one_of(GOOD, EXTREME)), _frame(SCALAR),
                  _lists(_lists(GOOD, 2, 2), 1, 4), ANY)


def call(*args, **kwargs):
    """A strategy of (args, kwargs) from strategies for each argument."""
    return st.tuples(st.tuples(*args), st.fixed_dictionaries(kwargs))


def optional(strategy):
    return st.one_of(st.none(), strategy)


# ------------------------------------------------------------------------------ texts
HAN = "成渝双城经济圈川渝通办新质生产力推动高质量发展重庆成都欧阳修李谢华曾国藩诸葛亮吕女的了是在"
AMOUNT_CHARS = ("0123456789０１２３.,，。 万亿千百十零〇一二两三四五六七八九点近约超逾达余多"
                "以上左右至到-~—元人个%‰年万元吨·\u3000")
PASSAGE = st.one_of(st.text(alphabet=HAN + AMOUNT_CHARS + "，。、！？ \n\t", max_size=300),
                    st.text(max_size=60), st.just(" " * 3000 + "5万元"),
                    st.just("川" * 600), st.just(""))
AMOUNT_TEXT = st.one_of(st.text(alphabet=AMOUNT_CHARS, max_size=30),
                        st.sampled_from(["近6.3万亿元", "80余名", "3至5%", "一万一万", "一万亿",
                                         "9" * 400 + "元", "-5至-3%", "两千五百万亿元"]),
                        st.text(max_size=20))
UNIT = st.one_of(st.sampled_from(("",) + text.UNITS), st.text(max_size=3))
QUALIFIER = st.one_of(st.sampled_from(["", "近", "约", "余", "多", "以上", "约…余", "近…多…以上",
                                       "余…左右", "多…余"]), st.text(max_size=3))
VALUE = st.one_of(st.floats(allow_nan=True, allow_infinity=True), HUGE, st.booleans(),
                  st.integers(-10 ** 6, 10 ** 6), st.text(max_size=3))
AMOUNT = st.one_of(st.builds(text.Amount, VALUE, UNIT, QUALIFIER),
                   st.builds(text.AmountRange, VALUE, VALUE, UNIT, QUALIFIER),
                   st.builds(text.Amount, GOOD, st.sampled_from(text.UNITS)), ANY)
NAME = st.one_of(st.text(alphabet=HAN, min_size=0, max_size=6), st.text(max_size=6),
                 st.just("李" * 100))
K = st.one_of(st.integers(-2, 30), HUGE, st.booleans(), st.floats(), st.text(max_size=2))


# -------------------------------------------------------------------------- strategies
def arg(plausible, hostile=ANY):
    """Mostly (4 in 5) a plausible value, else a hostile one: so that calls get past the
    checks often enough for the finite-result half of the property to be tested too."""
    return st.integers(0, 4).flatmap(lambda i: hostile if i == 0 else plausible)


CITIES = ["成都", "重庆", "绵阳", "德阳", "宜宾", "泸州"]
NUM_P = st.one_of(GOOD, _lists(GOOD, 1, 6), _series(GOOD, 1, 6))
NUM = arg(NUM_P, NUMERIC)


@st.composite
def same_length(draw, *elems, labelled=None):
    """Lists (or Series with the same city labels) of one length, one per elem."""
    n = draw(st.integers(1, 6))
    as_series = draw(st.booleans()) if labelled is None else labelled
    out = []
    for elem in elems:
        values = draw(_lists(elem, n, n))
        out.append(pd.Series(values, index=CITIES[:n]) if as_series else values)
    return out


@st.composite
def year_series(draw, elem=GOOD, years=None):
    first = draw(st.sampled_from([2015, 2019, 2021]))
    n = draw(st.integers(1, 6)) if years is None else None
    idx = list(range(first, first + n)) if years is None else years
    return pd.Series(draw(_lists(elem, len(idx), len(idx))), index=idx, dtype=float)


@st.composite
def levels_and_growth(draw):
    levels = draw(year_series())
    years = list(levels.index)
    growth = draw(year_series(st.floats(-50, 50), years=years))
    return levels, growth, years


def _two_years(draw, years):
    return draw(st.sampled_from(years)), draw(st.sampled_from(years))


@st.composite
def cagr_between_args(draw):
    levels = draw(year_series())
    start, end = _two_years(draw, list(levels.index))
    return (levels, start, end), {}


@st.composite
def price_args(draw, basis):
    levels, growth, years = draw(levels_and_growth())
    if basis:
        return (levels, growth, draw(st.one_of(st.just("current"), st.sampled_from(years)))), {}
    return (levels, growth), {}


@st.composite
def constant_price_args(draw):
    levels, growth, years = draw(levels_and_growth())
    return (levels, growth, draw(st.sampled_from(years))), {}


@st.composite
def theil_groups_args(draw):
    values, pop, groups = draw(same_length(GOOD, GOOD, st.sampled_from(["川", "渝"])))
    return (values, pop, groups), {}


@st.composite
def cities_frame(draw):
    n = draw(st.integers(2, 6))
    return pd.DataFrame({"lat": draw(_lists(st.floats(20, 40), n, n)),
                         "lon": draw(_lists(st.floats(100, 110), n, n)),
                         "gdp": draw(_lists(GOOD, n, n))}, index=CITIES[:n])


@st.composite
def places_frame(draw):
    return pd.DataFrame({"gdp": draw(_lists(GOOD, 3, 3)),
                         "population": draw(_lists(GOOD, 3, 3))}, index=CITIES[:3])


@st.composite
def industry_table(draw, elem=GOOD):
    r, c = draw(st.integers(2, 5)), draw(st.integers(1, 4))
    return pd.DataFrame({f"产业{j}": draw(_lists(elem, r, r)) for j in range(c)},
                        index=CITIES[:r])


@st.composite
def logistic_data(draw):
    K, r, t0 = draw(GOOD), draw(st.floats(0.2, 3)), draw(st.floats(2016, 2024))
    t = np.arange(2016, 2025, dtype=float)
    noise = np.array(draw(_lists(st.floats(-0.05, 0.05), 9, 9)))
    return list(t), list(scenarios.logistic(t, K, r, t0) * (1 + noise))


@st.composite
def plausible_amount(draw):
    unit = draw(st.sampled_from(("",) + text.UNITS))
    qualifier = draw(st.sampled_from(["", "近", "约", "余", "多", "以上", "约…余"]))
    a, b = sorted((draw(GOOD), draw(GOOD)))
    if draw(st.booleans()):
        return text.AmountRange(a, b, unit, qualifier)
    return text.Amount(a, unit, qualifier)


AMOUNT_P = plausible_amount()
NAME_P = st.text(alphabet=HAN, min_size=2, max_size=6)

STRATEGIES = {
    # metrics
    "metrics.growth_rate": call(arg(st.one_of(year_series(), NUM_P),
                                    st.one_of(YEARS, _frame(), NUMERIC))),
    "metrics.cagr": call(NUM, NUM, NUM),
    "metrics.cagr_between": st.one_of(cagr_between_args(), call(YEARS, YEAR, YEAR)),
    "metrics.constant_price_levels": st.one_of(constant_price_args(),
                                               call(YEARS, YEARS, YEAR)),
    "metrics.price_basis_levels": st.one_of(price_args(True), call(
        YEARS, YEARS, st.one_of(st.just("current"), YEAR))),
    "metrics.nominal_real_table": st.one_of(price_args(False), call(YEARS, YEARS)),
    "metrics.first_year_reaching": call(arg(year_series(), YEARS), arg(GOOD, SCALAR)),
    "metrics.share": call(NUM, optional(NUM)),
    "metrics.coefficient_of_variation": st.one_of(
        same_length(GOOD, GOOD).map(lambda v: (tuple(v), {})), call(NUM, optional(NUM))),
    "metrics.theil": st.one_of(same_length(GOOD, GOOD).map(lambda v: (tuple(v), {})),
                               call(NUM, NUM)),
    "metrics.theil_decomposition": st.one_of(theil_groups_args(), call(NUM, NUM, st.one_of(
        _lists(st.sampled_from(["川", "渝"]), 0, 6), _lists(st.one_of(st.none(), st.lists(
            st.integers(), max_size=1)), 1, 3), ANY))),
    "metrics.primacy": call(arg(_lists(GOOD, 2, 12), NUMERIC),
                            arg(st.sampled_from([2, 4, 11]), SCALAR)),
    "metrics.rank_size": call(arg(_lists(GOOD, 3, 8), NUMERIC),
                              arg(st.floats(0, 0.99), SCALAR)),
    "metrics.location_quotient": call(arg(industry_table(), TABLE), optional(NUM)),
    "metrics.krugman_index": st.one_of(same_length(GOOD, GOOD).map(lambda v: (tuple(v), {})),
                                       call(NUM, NUM)),
    "metrics.similarity_coefficient": st.one_of(
        same_length(GOOD, GOOD).map(lambda v: (tuple(v), {})), call(NUM, NUM)),
    "metrics.pair_indices": call(arg(industry_table(st.one_of(GOOD, st.just(float("nan")))),
                                     TABLE)),
    "metrics.shift_share": st.one_of(
        same_length(GOOD, GOOD, GOOD, GOOD).map(lambda v: (tuple(v), {})),
        call(NUM, NUM, NUM, NUM)),
    # moved into metrics from the explorers (issue 13): covered as soon as they arrive
    "metrics.per_person": call(NUM, NUM),
    "metrics.density": call(NUM, NUM),
    "metrics.income_ratio": call(NUM, NUM),
    "metrics.weighted_rate": st.one_of(
        same_length(st.floats(0, 100), GOOD).map(lambda v: (tuple(v), {})), call(NUM, NUM)),
    "metrics.weighted_mean": st.one_of(
        same_length(GOOD, GOOD).map(lambda v: (tuple(v), {})), call(NUM, NUM)),
    "metrics.unweighted_rate": st.one_of(
        _lists(st.floats(0, 100), 1, 8).map(lambda v: ((v,), {})), call(NUM)),
    # spatial
    "spatial.haversine_km": call(*[arg(st.floats(-90, 90), NUMERIC)] * 4),
    "spatial.gravity": call(NUM, NUM, NUM, beta=arg(st.floats(0, 3), SCALAR),
                            G=arg(GOOD, SCALAR)),
    "spatial.interaction_table": call(arg(cities_frame(), TABLE),
                                      mass=arg(st.just("gdp"), SCALAR),
                                      beta=arg(st.floats(0, 3), SCALAR)),
    "spatial.breaking_point": call(NUM, NUM, NUM, beta=arg(st.floats(0.1, 3), SCALAR)),
    "spatial.breaking_point_curve": call(
        arg(places_frame(), TABLE), arg(GOOD, SCALAR),
        i=arg(st.sampled_from(["重庆", "绵阳"]), st.sampled_from([0, "x", None])),
        j=arg(st.just("成都"), st.sampled_from([1, "重庆", None])),
        betas=optional(arg(_lists(st.floats(0.1, 3), 1, 5), NUMERIC)),
        masses=arg(st.sampled_from([["gdp"], "population", ("gdp", "population")]), ANY)),
    # scenarios
    "scenarios.project": call(NUM, arg(RATE, NUMERIC), NUM),
    "scenarios.required_growth": call(NUM, NUM, NUM),
    "scenarios.years_to_reach": call(NUM, NUM, arg(RATE, NUMERIC)),
    "scenarios.logistic": call(NUM, NUM, arg(st.floats(-3, 3), NUMERIC), NUM),
    "scenarios.fit_logistic": st.one_of(
        logistic_data().map(lambda tn: (tuple(tn), {})),
        call(arg(st.just(list(range(2016, 2025))), NUMERIC),
             arg(_lists(GOOD, 9, 9), NUMERIC),
             max_iter=arg(st.integers(1, 500), st.one_of(HUGE, SCALAR)))),
    "scenarios.convergence_time": call(NUM, NUM, arg(RATE, NUMERIC), arg(RATE, NUMERIC)),
    "scenarios.reach_year": call(arg(st.integers(1950, 2100), SCALAR),
                                 arg(st.one_of(st.none(), st.floats(0, 200)), SCALAR),
                                 optional(arg(st.integers(1950, 2200), SCALAR))),
    # text
    "text.tokenize": call(arg(PASSAGE)),
    "text.stop_words": call(),
    "text.keywords": call(arg(PASSAGE), k=arg(st.integers(1, 20), K)),
    "text.compare_keywords": call(arg(st.dictionaries(st.text(max_size=3), PASSAGE,
                                                      min_size=1, max_size=3),
                                      st.dictionaries(st.text(max_size=3), ANY, max_size=2)),
                                  k=arg(st.integers(1, 20), K)),
    "text.parse_amount": call(arg(st.one_of(AMOUNT_P.map(text.format_amount), AMOUNT_TEXT))),
    "text.extract_amounts": call(arg(st.one_of(PASSAGE, AMOUNT_TEXT))),
    "text.amounts_table": call(arg(st.one_of(PASSAGE, AMOUNT_TEXT))),
    "text.format_amount": call(arg(AMOUNT_P, AMOUNT)),
    "text.to_pinyin": call(arg(NAME_P, st.one_of(NAME, ANY)),
                           surname=optional(arg(st.sampled_from(list(HAN[:5])), ANY))),
    # _validate (the shared checks)
    "_validate.pandas_or_none": call(),
    "_validate.is_series": call(ANY),
    "_validate.is_frame": call(st.one_of(ANY, TABLE)),
    "_validate.labels_of": call(ANY),
    "_validate.to_float_array": call(ANY, st.just("x")),
    "_validate.vector": call(arg(NUM_P, ANY), st.just("x"), min_len=st.integers(1, 3)),
    "_validate.vectors": st.tuples(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]),
                                                      arg(NUM_P, ANY)), max_size=3),
                                   st.fixed_dictionaries({})).map(
        lambda ak: (tuple(ak[0]), ak[1])),
    "_validate.scalar": call(arg(GOOD, ANY), st.just("x")),
    "_validate.broadcast": st.tuples(st.lists(st.tuples(st.sampled_from(["a", "b"]),
                                                        arg(NUM_P, ANY)),
                                              min_size=1, max_size=3),
                                     st.fixed_dictionaries({})).map(
        lambda ak: (tuple(ak[0]), ak[1])),
    "_validate.check_finite": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_positive": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_nonnegative": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_positive_total": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.finite_result": call(st.one_of(_lists(FLOATS).map(np.array), FLOATS, TABLE),
                                    st.just("f"), st.just("x")),
    "_validate.table": call(arg(industry_table(), TABLE), st.just("x")),
    "_validate.only_in": call(st.one_of(_lists(SCALAR), st.text(max_size=5)),
                              st.one_of(_lists(SCALAR), st.text(max_size=5))),
}

# Results that may hold NaN by design (documented in the function's docstring):
# a pair with a missing figure has no index; the first year has no growth, and a
# year without a published real rate has no price change.
_ALLOWED_NAN = {"metrics.pair_indices", "metrics.nominal_real_table"}
# to_float_array only converts (it keeps NaN and inf for its callers to check); only_in
# returns labels, not results.
_UNCHECKED = {"_validate.to_float_array", "_validate.only_in"}


def public_functions():
    out = []
    for mod_name, mod in MODULES.items():
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj):
                out.append(f"{mod_name}.{name}")
    return out


def test_every_public_function_has_a_strategy():
    missing = [f for f in public_functions() if f not in STRATEGIES]
    assert not missing, (f"public functions without a property-test strategy: {missing}; "
                         "add an entry to STRATEGIES in tests/test_properties.py")


# ------------------------------------------------------------------------------ checks
def _assert_finite(obj, where="result", allow_nan=False):
    if obj is None or isinstance(obj, (str, bytes, bool, np.bool_, types.ModuleType,
                                       frozenset)) or callable(obj) and not \
            isinstance(obj, (pd.Series, pd.DataFrame, np.ndarray)) and \
            not dataclasses.is_dataclass(obj) and not isinstance(obj, tuple):
        return
    if isinstance(obj, (int, np.integer)):
        return
    if isinstance(obj, (float, np.floating)):
        ok = math.isfinite(obj) or (allow_nan and math.isnan(obj))
        assert ok, f"{where} is {obj}"
        return
    if isinstance(obj, (complex, np.complexfloating)):     # finite_result passes it through
        assert cmath.isfinite(obj) or allow_nan, f"{where} is {obj}"
        return
    if isinstance(obj, pd.DataFrame):
        for col in obj.columns:
            _assert_finite(obj[col], f"{where}[{col!r}]", allow_nan)
        return
    if isinstance(obj, (pd.Series, pd.Index)):
        if pd.api.types.is_numeric_dtype(obj.dtype) and not pd.api.types.is_bool_dtype(obj.dtype):
            _assert_finite(np.asarray(obj.to_numpy()), where, allow_nan)
        return
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            bad = ~np.isfinite(obj)
            if allow_nan:
                bad &= ~np.isnan(obj)
            assert not bad.any(), f"{where} holds {obj[bad][:3]}"
        elif obj.dtype.kind == "O":
            for i, v in enumerate(obj.reshape(-1)):
                _assert_finite(v, f"{where}[{i}]", allow_nan)
        return
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            _assert_finite(getattr(obj, f.name), f"{where}.{f.name}", allow_nan)
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            _assert_finite(v, f"{where}[{k!r}]", allow_nan)
        return
    if isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            _assert_finite(v, f"{where}[{i}]", allow_nan)
        return
    raise AssertionError(f"{where}: unexpected result type {type(obj).__name__}")


class _CallTimeout(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` swallows it."""


def _limited(func, args, kwargs):
    def _alarm(signum, frame):
        raise _CallTimeout(f"still running after {CALL_LIMIT_S} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CALL_LIMIT_S)
    try:
        return func(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if STATS:
        total = sum(c["calls"] for c in STATS.values())
        errors = sum(c["clean_error"] for c in STATS.values())
        print(f"\nproperty tests: {total} generated calls over {len(STATS)} functions, "
              f"{errors} clean ValueError/TypeError, {total - errors} finite results")
        for name, c in sorted(STATS.items()):
            print(f"  {name}: {c['calls']} calls, {c['clean_error']} clean errors")


@pytest.mark.parametrize("qualname", public_functions())
def test_finite_result_or_clean_error(qualname):
    if qualname not in STRATEGIES:
        pytest.fail(f"{qualname} has no strategy (see test_every_public_function_has_a_strategy)")
    mod_name, name = qualname.split(".")
    func = getattr(MODULES[mod_name], name)
    counts = STATS.setdefault(qualname, Counter())

    @settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.filter_too_much,
                                                    HealthCheck.data_too_large])
    @given(STRATEGIES[qualname])
    def check(args_kwargs):
        args, kwargs = args_kwargs
        counts["calls"] += 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)   # overflow is not silent
                result = _limited(func, args, kwargs)
        except (ValueError, TypeError) as err:
            counts["clean_error"] += 1
            assert str(err), f"{qualname} raised {type(err).__name__} without a message"
            return
        if qualname not in _UNCHECKED:
            _assert_finite(result, f"{qualname}(...)", allow_nan=qualname in _ALLOWED_NAN)
        if qualname == "text.format_amount":
            # what format_amount writes, parse_amount reads back to the same amount
            back = text.parse_amount(result)
            assert back == args[0] or (isinstance(back, text.Amount)
                                       and back.value == args[0].value), (args[0], result, back)

    check()
