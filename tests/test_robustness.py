"""Inputs that used to crash with the wrong error, return inf/NaN or text-based answers
silently, or hang (issue 16, items 3-4): each case here failed on the code before the fix.

Hangs are guarded by a generous wall-clock limit (``_within``): the limit is a guard
against quadratic blow-up (the old code took 57-264 s on these inputs), not a speed
measurement; speed is measured in benchmarks/bench_robustness.py.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest

from chengyu_lib import metrics, scenarios, spatial, text
from chengyu_lib import _validate as _v
from chengyu_lib.widgets import ch09_projects_and_scenarios as ch09

HUGE = 10 ** 400


@contextmanager
def _within(seconds: float):
    """Fail (TimeoutError) if the block runs longer than ``seconds`` (Unix timers)."""
    def _alarm(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: not linear time")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ------------------------------------------------------------------ huge Python ints
@pytest.mark.parametrize("call", [
    lambda: metrics.cagr(HUGE, 1, 1),
    lambda: metrics.cagr(1, 2, HUGE),
    lambda: metrics.share([HUGE, 1]),
    lambda: metrics.coefficient_of_variation([1, HUGE]),
    lambda: metrics.theil([1, 2], [HUGE, 1]),
    lambda: metrics.growth_rate([1, HUGE]),
    lambda: metrics.primacy([HUGE, 1]),
    lambda: spatial.gravity(HUGE, 1, 1),
    lambda: spatial.haversine_km(HUGE, 0, 0, 0),
    lambda: spatial.breaking_point(100, HUGE, 1),
    lambda: scenarios.project(1, 0.05, HUGE),
    lambda: scenarios.logistic(HUGE, 1, 1, 0),
    lambda: scenarios.convergence_time(2, 1.5, 0.07, HUGE),
], ids=lambda f: "")
def test_huge_ints_give_a_clear_error_not_overflow(call):
    with pytest.raises(ValueError, match="too large"):
        call()


def test_huge_int_message_names_the_argument():
    with pytest.raises(ValueError, match=r"^years has a number too large .* about 401 digits"):
        scenarios.project(1, 0.05, HUGE)


# ----------------------------------------------------- functions that checked nothing
@pytest.mark.parametrize("table, error, message", [
    ([[1, 2], [3, 4]], TypeError, "table must be a pandas DataFrame"),
    ("ab", TypeError, "table must be a pandas DataFrame"),
    (pd.DataFrame({"x": [1.0]}, index=["a"]), ValueError, "at least two rows"),
    (pd.DataFrame({"x": ["1", "2"]}, index=["a", "b"]), TypeError, "column 'x' must be numeric"),
    (pd.DataFrame({"x": [1.0, 2.0]}, index=["a", "a"]), ValueError, "duplicate row label 'a'"),
    (pd.DataFrame({"x": [1.0, -2.0]}, index=["a", "b"]), ValueError, "row 'b' must hold finite"),
    (pd.DataFrame({"x": [1.0, 0.0]}, index=["a", "b"]), ValueError, "row 'b' must have a positive total"),
    (pd.DataFrame(np.ones((1001, 2))), ValueError, "at most 1000 regions"),
])
def test_pair_indices_checks_its_table(table, error, message):
    with _within(20), pytest.raises(error, match=message):
        metrics.pair_indices(table)


def test_pair_indices_still_gives_nan_for_a_row_with_a_gap():
    t = pd.DataFrame([[.07, .39, .54], [.03, .30, .67], [np.nan, .5, .5]],
                     index=["a", "b", "c"])
    p = metrics.pair_indices(t)
    assert p.loc[("a", "b"), "S"] == pytest.approx(
        metrics.similarity_coefficient(t.loc["a"], t.loc["b"]))
    assert p.loc[("a", "b"), "K"] == pytest.approx(metrics.krugman_index(t.loc["a"], t.loc["b"]))
    assert p.loc[[("a", "c"), ("b", "c")]].isna().all().all()
    assert list(p.index.names) == ["a", "b"]


PLACES = pd.DataFrame({"gdp": [22074.72, 30145.79], "population": [2140.3, 3191.4]},
                      index=["chengdu", "chongqing"])


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(places="x"), TypeError, "places must be a pandas DataFrame"),
    (dict(i="wuhan"), ValueError, "i='wuhan' is not a row of places"),
    (dict(j="chongqing"), ValueError, "two different places"),
    (dict(d="308"), TypeError, "d must be a number"),
    (dict(d=-3), ValueError, "d must be positive"),
    (dict(masses=[3]), ValueError, "places must have a 3 column"),
    (dict(masses=[]), ValueError, "masses must name at least one column"),
    (dict(betas=[True]), TypeError, "betas must be a list of numbers"),
])
def test_breaking_point_curve_checks_its_arguments(kwargs, error, message):
    args = dict(places=PLACES, d=308.0, i="chongqing", j="chengdu")
    args.update(kwargs)
    with pytest.raises(error, match=message):
        spatial.breaking_point_curve(args.pop("places"), args.pop("d"), **args)


def test_breaking_point_curve_reads_one_mass_name():
    c = spatial.breaking_point_curve(PLACES, 308.0, i="chongqing", j="chengdu",
                                     betas=[2.0], masses="gdp")
    assert c["from_chengdu"].iloc[0] == pytest.approx(
        spatial.breaking_point(308.0, 30145.79, 22074.72))


def test_outer_product_broadcasting_is_refused():
    with pytest.raises(ValueError, match="do not fit together"):
        scenarios.project(np.ones((3000, 1)), 0.05, np.ones((1, 3000)))


def test_a_set_is_not_a_sequence():
    with pytest.raises(TypeError, match="got a set"):
        metrics.share({1.0, 2.0})


# ------------------------------------------------------------ silently wrong results
def test_price_basis_levels_refuses_negative_gdp():
    levels = pd.Series([-1.0, 2.0], index=[2022, 2023])
    with pytest.raises(ValueError, match="levels must be positive .* got -1 for 2022"):
        metrics.price_basis_levels(levels, None)


def test_first_year_reaching_refuses_text():
    with pytest.raises(TypeError, match="series must hold numbers"):
        metrics.first_year_reaching(pd.Series(["7.5", "8.1"], index=[2022, 2023]), "8")
    with pytest.raises(TypeError, match="threshold must be a number"):
        metrics.first_year_reaching(pd.Series([7.5, 8.1], index=[2022, 2023]), "8")
    with pytest.raises(TypeError, match="indexed by years"):
        metrics.first_year_reaching(pd.Series([7.5, 8.1], index=["a", "b"]), 8)


def test_first_year_reaching_is_the_earliest_year_whatever_the_order():
    s = pd.Series([9.0, 8.5, 7.0], index=[2024, 2023, 2022])
    assert metrics.first_year_reaching(s, 8) == 2023


@pytest.mark.parametrize("call", [
    lambda: metrics.growth_rate([1e-300, 1e300]),
    lambda: metrics.coefficient_of_variation([1e300, 1e-300, 1e300]),
    lambda: metrics.primacy([1e300, 1e-300]),
    lambda: metrics.shift_share([1e308], [1e308], [1e-300], [1e308]),
    lambda: scenarios.required_growth(1, 1e300, 1e-10),
    lambda: scenarios.years_to_reach(1, 2, 1e-320),
    lambda: scenarios.convergence_time(2, 1, 1e-320, 0),
    lambda: scenarios.logistic(1e308, 1, 0, -1e308),
], ids=["growth_rate", "cv", "primacy", "shift_share", "required_growth", "years_to_reach",
        "convergence_time", "logistic"])
def test_no_silent_inf_or_nan(call):
    with pytest.raises(ValueError, match="finite|overflows"):
        call()


def test_cagr_between_does_not_build_a_huge_year_list():
    levels = pd.Series([1.0, 2.0], index=[0, 10 ** 12])
    with _within(10):
        d = metrics.cagr_between(levels, 0, 10 ** 12)
    assert d["mean_of_rates"] is None and d["years"] == 10 ** 12


# ------------------------------------------------------------------------ amounts
def test_long_chinese_numeral_is_a_clear_error_not_recursion():
    with pytest.raises(ValueError, match="at most 1000"):
        text.parse_amount("一万" * 3000)
    with pytest.raises(ValueError, match="万 appears more than once"):
        text.parse_amount("一万" * 400)


@pytest.mark.parametrize("numeral", ["一万一万", "一亿一亿", "三万五万", "一万亿一万亿"])
def test_repeated_magnitude_is_not_a_numeral(numeral):
    with pytest.raises(ValueError, match="appears more than once"):
        text.parse_amount(numeral)


@pytest.mark.parametrize("numeral, value", [
    ("一万亿", 1e12), ("三亿五千万", 3.5e8), ("两万", 2e4), ("一亿零五", 100000005.0),
    ("十五", 15.0), ("两千五百万亿", 2.5e15), ("一万亿三千万", 1e12 + 3e7),
])
def test_chinese_numerals_still_read(numeral, value):
    assert text.parse_amount(numeral).value == value


def test_extract_amounts_span_starts_at_the_number():
    passage = "项目 5万元，还有 近 3亿元"
    spans = text.extract_amounts(passage)
    assert [passage[s.start:s.end] for s in spans] == ["5万元", "近 3亿元"]


def test_extract_amounts_is_linear_on_runs_of_spaces():
    passage = " " * 40_000 + "投资5万元" + " " * 40_000
    with _within(10):      # the old code took about 57 s on 40,000 spaces
        spans = text.extract_amounts(passage)
    assert [passage[s.start:s.end] for s in spans] == ["5万元"]


@pytest.mark.parametrize("amount", [
    text.AmountRange(-5.0, -3.0, "%"),
    text.AmountRange(-5.0, 3.0, "%"),
    text.AmountRange(1e4, 2e8, "元"),
    text.AmountRange(3e12, 5e12, "元", "约…多"),
])
def test_format_amount_round_trips_ranges(amount):
    assert text.parse_amount(text.format_amount(amount)) == amount


def test_format_amount_refuses_a_range_parse_amount_rejects():
    with pytest.raises(ValueError, match="from low to high"):
        text.format_amount(text.AmountRange(5.0, 3.0, "%"))
    with pytest.raises(ValueError, match="finite number"):
        text.format_amount(text.Amount(HUGE, "元"))


# ---------------------------------------------------------------- long texts
@pytest.mark.parametrize("call", [
    lambda big: text.tokenize(big),
    lambda big: text.keywords(big),
    lambda big: text.extract_amounts(big),
    lambda big: text.compare_keywords({"a": big[:150_000], "b": big[:150_000]}),
], ids=["tokenize", "keywords", "extract_amounts", "compare_keywords"])
def test_a_megabyte_of_text_is_refused_quickly(call):
    big = "川渝通办" * 250_000
    with _within(5):
        with pytest.raises(ValueError, match=f"at most {text.MAX_TEXT_CHARS}"):
            call(big)


def test_to_pinyin_refuses_a_long_name_quickly():
    with _within(5):
        with pytest.raises(ValueError, match="to_pinyin: name"):
            text.to_pinyin("李" * 1_000_000)


def test_tokenize_is_linear_on_a_run_without_punctuation():
    run = "川" * 50_000        # jieba's HMM alone is quadratic here (minutes)
    with _within(30):
        words = text.tokenize(run)
    assert "".join(words) == run


def test_tokenize_of_ordinary_text_is_unchanged_by_run_cutting():
    sentence = "加快培育新质生产力，支持专精特新企业。推动川渝通办提质扩面"
    tok = text._tokenizer()
    assert text.tokenize(sentence) == [w for w in tok.cut(sentence) if w.strip()]


# ------------------------------------------------------------------ sizes
def test_scenario_paths_bounds_the_horizon():
    with _within(5):
        with pytest.raises(ValueError, match="at most 200 years after"):
            ch09.scenario_paths([0.05], y0=100.0, base_year=2023, end_year=10 ** 7)
        with pytest.raises(ValueError, match="at most 200 years after"):
            ch09.scenario_view(0.05, 200.0, y0=100.0, base_year=2023, end_year=10 ** 7,
                               last_year=10 ** 7)


def test_fit_logistic_bounds_points_and_iterations():
    t = np.arange(scenarios.MAX_FIT_POINTS + 1, dtype=float)
    with pytest.raises(ValueError, match="at most 1000 "):
        scenarios.fit_logistic(t, scenarios.logistic(t, 10, 0.01, 5000))
    with pytest.raises(ValueError, match="max_iter must be at most"):
        scenarios.fit_logistic([1, 2, 3, 4], [1, 2, 3, 3.5], max_iter=10 ** 9)


def test_interaction_table_bounds_the_number_of_cities():
    n = _v.MAX_PAIRS_ROWS + 1
    cities = pd.DataFrame({"lat": np.linspace(28, 32, n), "lon": np.linspace(103, 108, n),
                           "gdp": np.ones(n)})
    with pytest.raises(ValueError, match="at most 1000 cities"):
        spatial.interaction_table(cities)


@pytest.mark.parametrize("func, limit", [
    (text.tokenize, "MAX_TEXT_CHARS"), (text.keywords, "MAX_TEXT_CHARS"),
    (text.compare_keywords, "MAX_TEXT_CHARS"), (text.extract_amounts, "MAX_TEXT_CHARS"),
    (text.parse_amount, "MAX_AMOUNT_CHARS"), (text.to_pinyin, "MAX_NAME_CHARS"),
    (scenarios.fit_logistic, "MAX_FIT_POINTS"), (metrics.pair_indices, "MAX_PAIRS_ROWS"),
    (spatial.interaction_table, "MAX_PAIRS_ROWS"), (ch09.scenario_paths, "MAX_SCENARIO_YEARS"),
], ids=lambda x: getattr(x, "__name__", x))
def test_limits_are_documented(func, limit):
    assert limit in func.__doc__
