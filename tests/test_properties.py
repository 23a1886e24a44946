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
STRATEGIES = {
    # metrics
    "metrics.growth_rate": call(st.one_of(YEARS, _frame(), NUMERIC)),
    "metrics.cagr": call(NUMERIC, NUMERIC, NUMERIC),
    "metrics.cagr_between": call(YEARS, YEAR, YEAR),
    "metrics.constant_price_levels": call(YEARS, YEARS, YEAR),
    "metrics.price_basis_levels": call(YEARS, YEARS, st.one_of(st.just("current"), YEAR)),
    "metrics.nominal_real_table": call(YEARS, YEARS),
    "metrics.first_year_reaching": call(YEARS, st.one_of(GOOD, SCALAR)),
    "metrics.share": call(NUMERIC, optional(NUMERIC)),
    "metrics.coefficient_of_variation": call(NUMERIC, optional(NUMERIC)),
    "metrics.theil": call(NUMERIC, NUMERIC),
    "metrics.theil_decomposition": call(NUMERIC, NUMERIC, st.one_of(
        _lists(st.sampled_from(["川", "渝"]), 0, 6), _lists(st.one_of(st.none(), st.lists(
            st.integers(), max_size=1)), 1, 3), ANY)),
    "metrics.primacy": call(NUMERIC, st.one_of(st.sampled_from([2, 4, 11]), SCALAR)),
    "metrics.rank_size": call(NUMERIC, st.one_of(st.just(0.5), SCALAR)),
    "metrics.location_quotient": call(TABLE, optional(NUMERIC)),
    "metrics.krugman_index": call(NUMERIC, NUMERIC),
    "metrics.similarity_coefficient": call(NUMERIC, NUMERIC),
    "metrics.pair_indices": call(st.one_of(
        _frame(st.one_of(GOOD, st.just(float("nan"))), rows=(0, 5), cols=(1, 3)), TABLE)),
    "metrics.shift_share": call(NUMERIC, NUMERIC, NUMERIC, NUMERIC),
    # moved into metrics from the explorers (issue 13): covered as soon as they arrive
    "metrics.per_person": call(NUMERIC, NUMERIC),
    "metrics.density": call(NUMERIC, NUMERIC),
    "metrics.income_ratio": call(NUMERIC, NUMERIC),
    "metrics.weighted_rate": call(NUMERIC, NUMERIC),
    # spatial
    "spatial.haversine_km": call(NUMERIC, NUMERIC, NUMERIC, NUMERIC),
    "spatial.gravity": call(NUMERIC, NUMERIC, NUMERIC, beta=st.one_of(st.just(2.0), SCALAR),
                            G=st.one_of(st.just(1.0), SCALAR)),
    "spatial.interaction_table": call(
        st.one_of(_frame(st.one_of(GOOD, EXTREME), rows=(0, 5), cols=(3, 3)).map(
            lambda f: f.set_axis(["lat", "lon", "gdp"], axis=1)), TABLE),
        mass=st.one_of(st.just("gdp"), SCALAR), beta=st.one_of(st.just(2.0), SCALAR)),
    "spatial.breaking_point": call(NUMERIC, NUMERIC, NUMERIC,
                                   beta=st.one_of(st.just(2.0), SCALAR)),
    "spatial.breaking_point_curve": call(
        st.one_of(_frame(st.one_of(GOOD, EXTREME), rows=(2, 3), cols=(1, 2)), TABLE),
        st.one_of(GOOD, SCALAR),
        i=st.sampled_from(["成都", "重庆", 0, "x"]), j=st.sampled_from(["重庆", "绵阳", 1, None]),
        betas=optional(NUMERIC), masses=st.one_of(st.just(["c0"]), st.just("c1"), ANY)),
    # scenarios
    "scenarios.project": call(NUMERIC, st.one_of(RATE, NUMERIC), NUMERIC),
    "scenarios.required_growth": call(NUMERIC, NUMERIC, NUMERIC),
    "scenarios.years_to_reach": call(NUMERIC, NUMERIC, st.one_of(RATE, NUMERIC)),
    "scenarios.logistic": call(NUMERIC, NUMERIC, NUMERIC, NUMERIC),
    "scenarios.fit_logistic": call(
        st.one_of(st.just(list(range(2016, 2025))), NUMERIC),
        st.one_of(st.just([1, 3, 8, 20, 45, 80, 110, 125, 130]), _lists(GOOD, 9, 9), NUMERIC),
        max_iter=st.one_of(st.just(500), st.integers(-1, 50), HUGE, SCALAR)),
    "scenarios.convergence_time": call(NUMERIC, NUMERIC, st.one_of(RATE, NUMERIC),
                                       st.one_of(RATE, NUMERIC)),
    # text
    "text.tokenize": call(st.one_of(PASSAGE, ANY)),
    "text.stop_words": call(),
    "text.keywords": call(st.one_of(PASSAGE, ANY), k=K),
    "text.compare_keywords": call(st.one_of(
        st.dictionaries(st.text(max_size=3), PASSAGE, max_size=3),
        st.dictionaries(st.text(max_size=3), ANY, max_size=2), ANY), k=K),
    "text.parse_amount": call(st.one_of(AMOUNT_TEXT, ANY)),
    "text.extract_amounts": call(st.one_of(PASSAGE, AMOUNT_TEXT, ANY)),
    "text.amounts_table": call(st.one_of(PASSAGE, AMOUNT_TEXT, ANY)),
    "text.format_amount": call(AMOUNT),
    "text.to_pinyin": call(st.one_of(NAME, ANY), surname=optional(st.one_of(NAME, ANY))),
    # _validate (the shared checks)
    "_validate.pandas_or_none": call(),
    "_validate.is_series": call(ANY),
    "_validate.is_frame": call(st.one_of(ANY, TABLE)),
    "_validate.labels_of": call(ANY),
    "_validate.to_float_array": call(ANY, st.just("x")),
    "_validate.vector": call(ANY, st.just("x"), min_len=st.integers(1, 3)),
    "_validate.vectors": st.tuples(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), ANY),
                                            max_size=3), st.fixed_dictionaries({})).map(
        lambda ak: (tuple(ak[0]), ak[1])),
    "_validate.scalar": call(ANY, st.just("x")),
    "_validate.broadcast": st.tuples(st.lists(st.tuples(st.sampled_from(["a", "b"]), ANY),
                                              min_size=1, max_size=3),
                                     st.fixed_dictionaries({})).map(
        lambda ak: (tuple(ak[0]), ak[1])),
    "_validate.check_finite": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_positive": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_nonnegative": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.check_positive_total": call(_lists(FLOATS).map(np.array), st.just("x")),
    "_validate.finite_result": call(st.one_of(_lists(FLOATS).map(np.array), FLOATS, TABLE),
                                    st.just("f"), st.just("x")),
    "_validate.table": call(TABLE, st.just("x")),
}

# Results that may hold NaN by design (documented in the function's docstring):
# a pair with a missing figure has no index; the first year has no growth, and a
# year without a published real rate has no price change.
_ALLOWED_NAN = {"metrics.pair_indices", "metrics.nominal_real_table"}
# to_float_array only converts: it keeps NaN and inf for its callers to check.
_UNCHECKED = {"_validate.to_float_array"}


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
    if isinstance(obj, pd.DataFrame):
        for col in obj.columns:
            _assert_finite(obj[col], f"{where}[{col!r}]", allow_nan)
        return
    if isinstance(obj, (pd.Series, pd.Index)):
        if pd.api.types.is_numeric_dtype(obj.dtype) and not pd.api.types.is_bool_dtype(obj.dtype):
            _assert_finite(obj.to_numpy(dtype=float), where, allow_nan)
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
