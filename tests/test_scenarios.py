"""Tests for chengyu_lib.scenarios: projections, logistic diffusion, convergence."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chengyu_lib import scenarios as sc

pytestmark = pytest.mark.filterwarnings("error")

SETTINGS = settings(deadline=None, max_examples=150)

level = st.floats(min_value=1e-2, max_value=1e6)
rate = st.floats(min_value=-0.5, max_value=1.0)
horizon = st.floats(min_value=0.0, max_value=50.0)

GDP_2023 = 8.198667  # 万亿元, 81,986.67亿


class TestProject:
    def test_curriculum_2030_at_5_percent(self):
        # 8.198667 × 1.05^7 = 8.198667 × 1.4071004 = 11.5363
        y = sc.project(GDP_2023, 0.05, 7)
        assert isinstance(y, float)
        assert y == pytest.approx(8.198667 * 1.4071004226562505)
        assert round(y, 2) == 11.54

    def test_path_array_and_series(self):
        path = sc.project(100, 0.1, np.arange(3))
        np.testing.assert_allclose(path, [100, 110, 121])
        years = pd.Series([0, 1, 2], index=[2023, 2024, 2025])
        s = sc.project(100, 0.1, years)
        assert list(s.index) == [2023, 2024, 2025]
        np.testing.assert_allclose(s.to_numpy(), [100, 110, 121])

    def test_errors(self):
        with pytest.raises(ValueError, match=r"rate must be greater than -1.*got -1\.5"):
            sc.project(100, -1.5, 3)
        with pytest.raises(ValueError, match="v0 must be positive, got 0"):
            sc.project(0, 0.05, 3)
        with pytest.raises(ValueError, match="overflows"):
            sc.project(1e300, 10.0, 1000)
        with pytest.raises(TypeError, match="rate must be a number or a sequence of numbers, got text"):
            sc.project(100, "5%", 3)


class TestRequiredGrowthAndYears:
    def test_curriculum_10_wanyi_by_2030(self):
        # (10 / 8.198667)^(1/7) - 1: ln(1.219711) = 0.198614 → /7 → e^0.028373 - 1
        g = sc.required_growth(GDP_2023, 10, 7)
        assert g == pytest.approx(math.exp(math.log(10 / 8.198667) / 7) - 1)
        assert round(g * 100, 2) == 2.88

    def test_years_by_hand(self):
        assert sc.years_to_reach(1, 2, 0.07) == pytest.approx(math.log(2) / math.log(1.07))
        assert sc.years_to_reach(5, 5, 0.0) == 0.0
        # a falling series reaches a lower target
        assert sc.years_to_reach(100, 81, -0.1) == pytest.approx(2.0)

    @SETTINGS
    @given(level, st.floats(1e-2, 1e2), st.floats(min_value=1.0, max_value=50.0))
    def test_projecting_at_the_required_rate_hits_the_target(self, v0, ratio, years):
        # (a rate of -99.99999 % loses digits in 1 + g, so ratios stay within 100×)
        target = v0 * ratio
        g = sc.required_growth(v0, target, years)
        assert sc.project(v0, g, years) == pytest.approx(target, rel=1e-9)

    @SETTINGS
    @given(level, rate, horizon)
    def test_years_to_reach_inverts_project(self, v0, g, t):
        target = sc.project(v0, g, t)
        if abs(math.log1p(g)) * max(t, 1) < 1e-6 or abs(math.log(target / v0)) < 1e-9:
            return  # nearly flat: the horizon is not identified
        assert sc.years_to_reach(v0, target, g) == pytest.approx(t, rel=1e-6, abs=1e-9)

    def test_vectorised_with_labels(self):
        v0 = pd.Series({"Sichuan": 6.0, "Chongqing": 3.0})
        target = pd.Series({"Chongqing": 6.0, "Sichuan": 12.0})
        t = sc.years_to_reach(v0, target, 0.07)
        assert list(t.index) == ["Sichuan", "Chongqing"]
        np.testing.assert_allclose(t.to_numpy(), [math.log(2) / math.log(1.07)] * 2)

    def test_errors(self):
        with pytest.raises(ValueError, match="rate must be positive to reach a target above v0, got rate=0"):
            sc.years_to_reach(8, 10, 0)
        with pytest.raises(ValueError, match="rate must be positive.*rate=-0.02"):
            sc.years_to_reach(8, 10, -0.02)
        with pytest.raises(ValueError, match="never falls to the target"):
            sc.years_to_reach(10, 8, 0.05)
        with pytest.raises(ValueError, match=r"years must be positive \(time to reach the target\), got 0"):
            sc.required_growth(8, 10, 0)
        with pytest.raises(ValueError, match="target must be positive, got -1"):
            sc.required_growth(8, -1, 7)
        with pytest.raises(ValueError, match=r"target 5 is below v0=6 .* for 'Sichuan'"):
            sc.years_to_reach(pd.Series({"Sichuan": 6.0, "Chongqing": 3.0}), 5.0, 0.05)


class TestLogistic:
    def test_midpoint_is_half_the_ceiling(self):
        assert sc.logistic(2022.5, K=311, r=0.8, t0=2022.5) == pytest.approx(311 / 2)

    def test_by_hand(self):
        # 400 / (1 + e^-2)
        assert sc.logistic(2024, 400, 1.0, 2022) == pytest.approx(400 / (1 + math.exp(-2)))

    @SETTINGS
    @given(st.floats(-1e4, 1e4), st.floats(1e-3, 1e6), st.floats(-20, 20), st.floats(-100, 100))
    def test_bounded_and_no_overflow(self, t, K, r, t0):
        n = sc.logistic(t, K, r, t0)
        assert 0.0 <= n <= K

    def test_extreme_arguments_do_not_warn(self):
        np.testing.assert_allclose(sc.logistic([-1e6, 1e6], 10, 1.0, 0.0), [0.0, 10.0])

    def test_errors(self):
        with pytest.raises(ValueError, match=r"K must be positive \(the ceiling\), got 0"):
            sc.logistic(1, 0, 1, 0)


class TestFitLogistic:
    @SETTINGS
    @given(st.floats(1.0, 1e6), st.floats(0.1, 5.0), st.floats(1990, 2030),
           st.floats(1.0, 6.0), st.floats(1.5, 6.0), st.integers(5, 30))
    def test_recovers_known_parameters(self, K, r, t0, before, after, m):
        # sample from `before` time constants before t0 to `after` after it
        t = t0 + np.linspace(-before, after, m) / r
        n = K / (1 + np.exp(-r * (t - t0)))  # written out, not via sc.logistic
        fit = sc.fit_logistic(t, n)
        assert fit.K == pytest.approx(K, rel=1e-6)
        assert fit.r == pytest.approx(r, rel=1e-6)
        assert fit.t0 == pytest.approx(t0, rel=1e-9, abs=1e-6)
        assert fit.rss <= 1e-12 * K ** 2 * m

    def test_unpacks_and_predicts(self):
        t = np.arange(2018, 2027)
        n = 311 / (1 + np.exp(-0.9 * (t - 2021.5)))
        fit = sc.fit_logistic(pd.Series(t), pd.Series(n))
        K, r, t0 = fit
        assert (K, r, t0) == pytest.approx((311, 0.9, 2021.5), rel=1e-6)
        np.testing.assert_allclose(fit.predict(t), n, rtol=1e-6)

    def test_noisy_data_close(self):
        rng = np.random.default_rng(20240305)
        t = np.arange(2015, 2031)
        n = 500 / (1 + np.exp(-0.7 * (t - 2022))) * (1 + rng.normal(0, 0.02, t.size))
        K, r, t0 = sc.fit_logistic(t, n)
        assert K == pytest.approx(500, rel=0.05)
        assert r == pytest.approx(0.7, rel=0.15)
        assert t0 == pytest.approx(2022, abs=0.3)

    def test_decreasing_series_gives_negative_rate(self):
        t = np.arange(10.0)
        fit = sc.fit_logistic(t, 50 / (1 + np.exp(1.2 * (t - 4.3))))
        assert fit.r == pytest.approx(-1.2, rel=1e-6)

    def test_errors(self):
        with pytest.raises(ValueError, match="do not identify the ceiling K"):
            t = np.arange(10.0)
            sc.fit_logistic(t, 1000 / (1 + np.exp(-0.5 * (t - 20))))  # exponential phase only
        with pytest.raises(ValueError, match="t needs at least 3 distinct times"):
            sc.fit_logistic([1, 1, 2, 2], [1, 2, 3, 4])
        with pytest.raises(ValueError, match="t needs at least 3 values, got 2"):
            sc.fit_logistic([1, 2], [1, 2])
        with pytest.raises(ValueError, match="n must not be all zero"):
            sc.fit_logistic([1, 2, 3], [0, 0, 0])
        with pytest.raises(ValueError, match=r"n must be non-negative \(cumulative counts\), got -1 at position 0"):
            sc.fit_logistic([1, 2, 3], [-1, 0, 3])
        with pytest.raises(ValueError, match="t and n must have the same length, got 3 and 4"):
            sc.fit_logistic([1, 2, 3], [1, 2, 3, 4])


class TestConvergenceTime:
    def test_by_hand(self):
        # ln(2 / 1.5) / ln(1.07 / 1.05) = 0.287682 / 0.018868 = 15.25
        t = sc.convergence_time(2.0, 1.5, 0.07, 0.05)
        assert t == pytest.approx(math.log(2 / 1.5) / math.log(1.07 / 1.05))
        assert sc.convergence_time(2.0, 2.0, 0.05, 0.07) == 0.0

    @SETTINGS
    @given(st.floats(1.0, 5.0), st.floats(0.2, 1.0), st.floats(0.0, 0.2), st.floats(0.001, 0.1))
    def test_ratio_reaches_target(self, R0, frac, g_u, extra):
        target = R0 * frac
        g_r = g_u + extra
        t = sc.convergence_time(R0, target, g_r, g_u)
        assert t >= 0
        assert R0 * ((1 + g_u) / (1 + g_r)) ** t == pytest.approx(target, rel=1e-9)

    def test_errors(self):
        with pytest.raises(ValueError, match="never converges: g_rural must exceed g_urban, got g_rural=0.05, g_urban=0.06"):
            sc.convergence_time(2.5, 2.0, 0.05, 0.06)
        with pytest.raises(ValueError, match="never converges"):
            sc.convergence_time(2.5, 2.0, 0.05, 0.05)
        with pytest.raises(ValueError, match="target_ratio must not exceed ratio0"):
            sc.convergence_time(2.0, 2.5, 0.07, 0.05)
        with pytest.raises(ValueError, match="ratio0 must be positive, got 0"):
            sc.convergence_time(0, 1.5, 0.07, 0.05)
        with pytest.raises(ValueError, match=r"g_urban must be greater than -1"):
            sc.convergence_time(2.0, 1.5, 0.07, -1)


def test_reach_year_ceiling_none_and_bad_input():
    from chengyu_lib import scenarios as sc

    assert sc.reach_year(2023, 4.07) == 2028
    assert sc.reach_year(2023, 3.0) == 2026
    assert sc.reach_year(2023, 3.0000000001) == 2026        # float noise on a whole year
    assert sc.reach_year(2023, 3.01) == 2027
    assert sc.reach_year(2023, 0) == 2023
    assert sc.reach_year(2023, None) is None
    assert sc.reach_year(2023, 17.5, last_year=2040) is None
    assert sc.reach_year(2023, 16.5, last_year=2040) == 2040
    t = float(sc.years_to_reach(81986.67, 100000, 0.05))
    assert sc.reach_year(2023, t) == 2028
    with pytest.raises(ValueError, match="years must be non-negative"):
        sc.reach_year(2023, -1)
    with pytest.raises(TypeError, match="base_year"):
        sc.reach_year(2023.0, 1)
    with pytest.raises(TypeError, match="years must be a number"):
        sc.reach_year(2023, True)
