"""Tests for chengyu_lib.metrics: worked examples, properties and error messages.

Expected values are worked out by hand (in comments or inline arithmetic), never by
calling the function under test.
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chengyu_lib import metrics as m

pytestmark = pytest.mark.filterwarnings("error")  # a RuntimeWarning is a bug here

SETTINGS = settings(deadline=None, max_examples=150)

positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
nonneg = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)


def positive_vectors(min_size=2, max_size=12):
    return st.lists(positive, min_size=min_size, max_size=max_size)


@st.composite
def paired(draw, elements=positive, min_size=2, max_size=12):
    n = draw(st.integers(min_size, max_size))
    a = draw(st.lists(elements, min_size=n, max_size=n))
    b = draw(st.lists(elements, min_size=n, max_size=n))
    return a, b


# ============================================================== growth and shares
class TestGrowth:
    def test_cagr_curriculum_2021_2023(self):
        # 73,919.2亿 (2021) → 81,986.67亿 (2023): sqrt(1.109139...) - 1 = 0.05316
        g = m.cagr(73919.2, 81986.67, 2)
        assert isinstance(g, float)
        assert g == pytest.approx(0.053157, abs=1e-6)
        assert round(g * 100, 2) == 5.32

    def test_cagr_is_not_the_mean_of_yearly_rates(self):
        # +100 % then -50 %: back where we started, CAGR 0, mean of rates +25 %
        assert m.cagr(100, 100, 2) == 0.0
        rates = m.growth_rate([100, 200, 100])
        assert rates.tolist() == [1.0, -0.5]
        assert np.mean(rates) == 0.25

    def test_cagr_vectorised_keeps_labels_and_aligns(self):
        start = pd.Series({"Chengdu": 100.0, "Chongqing": 200.0})
        end = pd.Series({"Chongqing": 242.0, "Chengdu": 121.0})  # other order
        g = m.cagr(start, end, 2)
        assert list(g.index) == ["Chengdu", "Chongqing"]
        np.testing.assert_allclose(g.to_numpy(), [0.1, 0.1])
        np.testing.assert_allclose(m.cagr([100, 200], [110, 220], 1), [0.1, 0.1])

    def test_cagr_mismatched_labels_names_both(self):
        start = pd.Series({"Chengdu": 100.0, "Chongqing": 200.0})
        end = pd.Series({"Chengdu": 121.0, "Mianyang": 242.0})
        with pytest.raises(ValueError, match=r"start and end have different labels.*"
                                             r"Chongqing.*Mianyang"):
            m.cagr(start, end, 2)

    @pytest.mark.parametrize("args, pattern", [
        ((0, 10, 2), r"start must be positive, got 0"),
        ((10, -1, 2), r"end must be positive, got -1"),
        ((10, 12, 0), r"years must be positive"),
        ((float("nan"), 12, 2), r"start contains a missing value"),
    ])
    def test_cagr_errors(self, args, pattern):
        with pytest.raises(ValueError, match=pattern):
            m.cagr(*args)

    def test_cagr_rejects_text_and_booleans(self):
        with pytest.raises(TypeError, match="start"):
            m.cagr("73919.2", 81986.67, 2)
        with pytest.raises(TypeError, match="years must be a number, got a boolean"):
            m.cagr(1, 2, True)

    def test_growth_rate_series_is_labelled_by_later_year(self):
        gdp = pd.Series([100.0, 105.0, 110.25], index=[2021, 2022, 2023], name="gdp")
        g = m.growth_rate(gdp)
        assert list(g.index) == [2022, 2023]
        assert g.name == "gdp"
        np.testing.assert_allclose(g.to_numpy(), [0.05, 0.05])

    def test_growth_rate_dataframe(self):
        df = pd.DataFrame({"cd": [100.0, 110.0], "cq": [200.0, 190.0]}, index=[2022, 2023])
        g = m.growth_rate(df)
        assert list(g.columns) == ["cd", "cq"] and list(g.index) == [2023]
        np.testing.assert_allclose(g.to_numpy(), [[0.1, -0.05]])

    def test_growth_rate_errors(self):
        with pytest.raises(ValueError, match="series needs at least 2 values, got 1"):
            m.growth_rate([100])
        with pytest.raises(ValueError, match="series must not be empty"):
            m.growth_rate([])
        with pytest.raises(ValueError, match=r"index must be in increasing order"):
            m.growth_rate(pd.Series([1.0, 2.0], index=[2023, 2022]))
        with pytest.raises(ValueError, match=r"series must be positive.*got 0 at position 1"):
            m.growth_rate([1.0, 0.0, 2.0])
        with pytest.raises(ValueError, match=r"series\['cq'\] must be positive"):
            m.growth_rate(pd.DataFrame({"cd": [1.0, 2.0], "cq": [1.0, -2.0]}))

    def test_share_curriculum_and_normalisation(self):
        assert m.share(81986.67, 1260582.1) == pytest.approx(0.0650387, rel=1e-6)
        s = m.share(pd.Series({"a": 1.0, "b": 3.0}))
        assert s.to_dict() == {"a": 0.25, "b": 0.75}

    def test_share_catches_swapped_arguments(self):
        with pytest.raises(ValueError, match="did you swap part and total"):
            m.share(1260582.1, 81986.67)
        with pytest.raises(ValueError, match="total must be positive, got 0"):
            m.share(1, 0)
        with pytest.raises(ValueError, match="part must have a positive total"):
            m.share([0, 0])


# ===================================================== growth at constant prices
class TestConstantPrices:
    Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])  # 成渝 GDP
    R = pd.Series([8.5, 3.0, 6.1], index=[2021, 2022, 2023])               # real, %

    def test_chain_both_ways(self):
        b21 = m.constant_price_levels(self.Y, self.R, 2021)
        assert b21.loc[2021] == self.Y.loc[2021]
        assert math.isclose(b21.loc[2023], 73919.2 * 1.03 * 1.061)
        b23 = m.constant_price_levels(self.Y, self.R, 2023)
        assert b23.loc[2023] == self.Y.loc[2023]
        assert math.isclose(b23.loc[2021], 81986.7 / 1.061 / 1.03)
        # growth of the constant-price series is the real growth, whatever the base year
        for b in (2021, 2022, 2023):
            s = m.constant_price_levels(self.Y, self.R, b)
            assert math.isclose(s.loc[2023] / s.loc[2022] - 1, 0.061)

    def test_refuses_gaps_and_bad_base(self):
        with pytest.raises(ValueError, match="consecutive"):
            m.constant_price_levels(pd.Series([1.0, 2.0], index=[2019, 2021]), self.R, 2019)
        with pytest.raises(ValueError, match="base_year"):
            m.constant_price_levels(self.Y, self.R, 2020)
        with pytest.raises(ValueError, match="real_growth must cover"):
            m.constant_price_levels(self.Y, self.R.drop(2022), 2021)
        with pytest.raises(TypeError, match="levels must be a pandas Series"):
            m.constant_price_levels([1.0, 2.0], self.R, 2021)

    def test_price_basis(self):
        assert m.price_basis_levels(self.Y, self.R).tolist() == self.Y.tolist()
        assert m.price_basis_levels(self.Y, self.R, 2021).equals(
            m.constant_price_levels(self.Y, self.R, 2021))
        with pytest.raises(TypeError, match="basis"):
            m.price_basis_levels(self.Y, self.R, "2021")

    def test_nominal_real_table_price_change(self):
        t = m.nominal_real_table(self.Y, self.R).set_index("year")
        assert t.loc[2022, "nominal_growth"] == 4.96
        assert t.loc[2023, "nominal_growth"] == 5.67
        assert t.loc[2023, "price_change"] == -0.41  # prices fell in 2023
        assert math.isnan(t.loc[2021, "nominal_growth"])

    def test_first_year_reaching(self):
        assert m.first_year_reaching(self.Y, 80000) == 2023
        assert m.first_year_reaching(self.Y, 90000) is None

    def test_cagr_between_matches_curriculum(self):
        d = m.cagr_between(pd.Series([73919.2, 77587.99, 81986.67],
                                     index=[2021, 2022, 2023]), 2021, 2023)
        assert round(d["cagr"], 2) == 5.32
        assert d["years"] == 2
        gap = m.cagr_between(pd.Series([63000.0, 81986.7], index=[2019, 2023]), 2019, 2023)
        assert gap["mean_of_rates"] is None
        with pytest.raises(ValueError, match="end must be later"):
            m.cagr_between(self.Y, 2023, 2021)


# ============================================================ CV (Williamson)
class TestCV:
    def test_unweighted_by_hand(self):
        # y = (1, 3): mean 2, population sd 1
        assert m.coefficient_of_variation([1.0, 3.0]) == pytest.approx(0.5)

    def test_weighted_by_hand(self):
        # p = (.75, .25): mean 1.5; var = .75·.25 + .25·2.25 = .75
        cv = m.coefficient_of_variation([1.0, 3.0], population=[3, 1])
        assert cv == pytest.approx(math.sqrt(0.75) / 1.5)

    @SETTINGS
    @given(st.lists(positive, min_size=1, max_size=10), positive)
    def test_equal_population_gives_unweighted(self, y, pop):
        w = m.coefficient_of_variation(y, population=[pop] * len(y))
        assert w == pytest.approx(m.coefficient_of_variation(y), rel=1e-9, abs=1e-12)
        assert w >= 0

    def test_labels_are_aligned(self):
        y = pd.Series({"Chengdu": 3.0, "Ziyang": 1.0})
        pop = pd.Series({"Ziyang": 3.0, "Chengdu": 1.0})
        assert m.coefficient_of_variation(y, pop) == pytest.approx(math.sqrt(0.75) / 1.5)

    def test_errors(self):
        pop = pd.Series({"Chongqing": 3191.4, "Chengdu": -3.0})
        y = pd.Series({"Chongqing": 9.4, "Chengdu": 10.3})
        with pytest.raises(ValueError, match="population must be positive, got -3 for 'Chengdu'"):
            m.coefficient_of_variation(y, pop)
        with pytest.raises(ValueError, match="y and population must have the same length, got 2 and 3"):
            m.coefficient_of_variation([1, 2], [1, 2, 3])
        with pytest.raises(ValueError, match="y must have a positive total"):
            m.coefficient_of_variation([0, 0])
        with pytest.raises(TypeError, match="y must be numeric"):
            m.coefficient_of_variation(["a", "b"])


# ====================================================================== Theil
class TestTheil:
    def test_by_hand(self):
        # s = (.75, .25), p = (.5, .5)
        expected = 0.75 * math.log(1.5) + 0.25 * math.log(0.5)
        assert m.theil([3, 1], [1, 1]) == pytest.approx(expected)
        assert m.theil([3, 1], [1, 1]) == pytest.approx(0.130812, abs=1e-6)

    def test_swapping_values_and_population_changes_the_answer(self):
        # the learner mistake "swap s and p": Σ p ln(p/s) is a different number
        assert m.theil([3, 1], [1, 1]) != pytest.approx(m.theil([1, 1], [3, 1]))

    def test_zero_income_region_contributes_zero(self):
        # s = (1, 0), p = (.5, .5): T = 1·ln 2
        assert m.theil([5, 0], [1, 1]) == pytest.approx(math.log(2))

    @SETTINGS
    @given(paired())
    def test_nonnegative_and_bounded(self, pair):
        values, pop = pair
        T = m.theil(values, pop)
        p = np.asarray(pop) / np.sum(pop)
        assert 0.0 <= T <= math.log(1 / p.min()) + 1e-9

    @SETTINGS
    @given(positive_vectors())
    def test_at_most_ln_n_with_equal_population(self, values):
        assert 0.0 <= m.theil(values, [1] * len(values)) <= math.log(len(values)) + 1e-12

    @SETTINGS
    @given(positive_vectors(), st.floats(0.01, 100))
    def test_zero_when_shares_equal_population_shares(self, pop, per_capita):
        values = [per_capita * p for p in pop]  # same value per person everywhere
        assert m.theil(values, pop) == pytest.approx(0.0, abs=1e-12)

    @SETTINGS
    @given(paired(), st.floats(0.01, 100), st.floats(0.01, 100))
    def test_scale_invariant(self, pair, a, b):
        values, pop = pair
        scaled = m.theil([a * v for v in values], [b * p for p in pop])
        assert scaled == pytest.approx(m.theil(values, pop), rel=1e-9, abs=1e-12)

    def test_labels_aligned(self):
        v = pd.Series({"a": 3.0, "b": 1.0})
        p = pd.Series({"b": 1.0, "a": 1.0})
        assert m.theil(v, p) == pytest.approx(m.theil([3, 1], [1, 1]))

    @pytest.mark.parametrize("values, pop, exc, pattern", [
        ([1, 2], [1, 0], ValueError, r"population must be positive, got 0 at position 1"),
        ([1, -2], [1, 1], ValueError, r"values must be non-negative.*got -2 at position 1"),
        ([1, 2], [1, 2, 3], ValueError, r"same length, got 2 and 3"),
        ([], [], ValueError, r"values must not be empty"),
        ([1, float("nan")], [1, 1], ValueError, r"values contains a missing value \(NaN\) at position 1"),
        ([0, 0], [1, 1], ValueError, r"values must have a positive total"),
        (["x", 1], [1, 1], TypeError, r"values must be numeric"),
        (5, 5, TypeError, r"values must be a sequence of numbers"),
    ])
    def test_errors(self, values, pop, exc, pattern):
        with pytest.raises(exc, match=pattern):
            m.theil(values, pop)

    def test_error_names_the_label(self):
        with pytest.raises(ValueError, match="population must be positive, got -3 for 'Chengdu'"):
            m.theil(pd.Series({"Chongqing": 3.0, "Chengdu": 2.2}),
                    pd.Series({"Chongqing": 3191.4, "Chengdu": -3.0}))


class TestTheilDecomposition:
    def test_by_hand(self):
        d = m.theil_decomposition([4, 2, 1, 1], [1, 1, 1, 1], ["A", "A", "B", "B"])
        # s = (.5, .25, .125, .125); s_A = .75, s_B = .25; p_A = p_B = .5
        between = 0.75 * math.log(0.75 / 0.5) + 0.25 * math.log(0.25 / 0.5)
        T_A = (2 / 3) * math.log((2 / 3) / 0.5) + (1 / 3) * math.log((1 / 3) / 0.5)
        total = 0.5 * math.log(2) + 0.25 * math.log(1) + 2 * 0.125 * math.log(0.5)
        assert d.between == pytest.approx(between)
        assert d.within == pytest.approx(0.75 * T_A)
        assert d.total == pytest.approx(total)
        g = d.groups
        assert list(g.index) == ["A", "B"]
        assert g.loc["A", "n"] == 2
        assert g.loc["A", "value_share"] == pytest.approx(0.75)
        assert g.loc["B", "theil"] == pytest.approx(0.0)
        assert g.loc["B", "between"] < 0  # poorer than its population share
        assert d.summary()["between_share"] == pytest.approx(between / total)

    @st.composite
    def grouped(draw):
        n = draw(st.integers(2, 12))
        values = draw(st.lists(nonneg, min_size=n, max_size=n))
        assume(sum(values) > 0)
        pop = draw(st.lists(positive, min_size=n, max_size=n))
        groups = draw(st.lists(st.sampled_from(["Sichuan", "Chongqing", "other"]),
                               min_size=n, max_size=n))
        return values, pop, groups

    @SETTINGS
    @given(grouped())
    def test_within_plus_between_is_total(self, data):
        values, pop, groups = data
        d = m.theil_decomposition(values, pop, groups)
        assert d.between >= 0 and d.within >= 0
        assert d.between + d.within == pytest.approx(d.total, rel=1e-9, abs=1e-12)
        assert d.total == pytest.approx(m.theil(values, pop), rel=1e-12, abs=1e-15)
        assert d.groups["value_share"].sum() == pytest.approx(1.0)
        assert d.groups["population_share"].sum() == pytest.approx(1.0)
        assert d.groups["n"].sum() == len(values)

    @SETTINGS
    @given(paired())
    def test_extreme_partitions(self, pair):
        values, pop = pair
        one = m.theil_decomposition(values, pop, ["all"] * len(values))
        assert one.between == pytest.approx(0.0, abs=1e-12)
        assert one.within == pytest.approx(one.total, rel=1e-9, abs=1e-12)
        each = m.theil_decomposition(values, pop, list(range(len(values))))
        assert each.within == pytest.approx(0.0, abs=1e-12)
        assert each.between == pytest.approx(each.total, rel=1e-9, abs=1e-12)

    def test_groups_aligned_by_label(self):
        v = pd.Series({"Chengdu": 4.0, "Mianyang": 2.0, "Chongqing": 1.0, "Wanzhou": 1.0})
        g = pd.Series({"Chongqing": "CQ", "Wanzhou": "CQ", "Chengdu": "SC", "Mianyang": "SC"})
        d = m.theil_decomposition(v, [1, 1, 1, 1], g)
        assert d.groups.loc["SC", "value_share"] == pytest.approx(0.75)

    def test_errors(self):
        with pytest.raises(ValueError, match="values and groups must have the same length, got 2 and 3"):
            m.theil_decomposition([1, 2], [1, 1], ["a", "a", "b"])
        with pytest.raises(ValueError, match="groups contains a missing label at position 1"):
            m.theil_decomposition([1, 2], [1, 1], ["a", None])
        with pytest.raises(TypeError, match="groups must be a sequence"):
            m.theil_decomposition([1, 2], [1, 1], "ab")
        v = pd.Series({"a": 1.0, "b": 2.0})
        with pytest.raises(ValueError, match="values and groups have different labels"):
            m.theil_decomposition(v, [1, 1], pd.Series({"a": "x", "c": "y"}))


class TestTheilAgainstPySAL:
    """PySAL's Theil(y) = Σ s ln(n s), i.e. every unit has the same population."""

    @SETTINGS
    @given(positive_vectors(min_size=2, max_size=15))
    def test_theil_matches(self, values):
        theil_mod = pytest.importorskip("inequality.theil")
        y = np.asarray(values)
        expected = float(np.asarray(theil_mod.Theil(y).T).reshape(-1)[0])
        assert m.theil(values, [1.0] * len(values)) == pytest.approx(expected, rel=1e-9, abs=1e-12)

    @SETTINGS
    @given(positive_vectors(min_size=2, max_size=15), st.data())
    def test_decomposition_matches(self, values, data):
        theil_mod = pytest.importorskip("inequality.theil")
        groups = data.draw(st.lists(st.integers(0, 3), min_size=len(values),
                                    max_size=len(values)))
        y = np.asarray(values)
        td = theil_mod.TheilD(y, np.asarray(groups))
        d = m.theil_decomposition(values, [1.0] * len(values), groups)
        bg = float(np.asarray(td.bg).reshape(-1)[0])
        wg = float(np.asarray(td.wg).reshape(-1)[0])
        assert d.between == pytest.approx(bg, rel=1e-9, abs=1e-12)
        assert d.within == pytest.approx(wg, rel=1e-9, abs=1e-12)


# ===================================================================== primacy
class TestPrimacy:
    def test_two_city_curriculum(self):
        # Chongqing 30,145.79亿 / Chengdu 22,074.7亿 (2023)
        assert m.primacy([22074.7, 30145.79]) == pytest.approx(30145.79 / 22074.7)
        assert round(m.primacy([22074.7, 30145.79]), 3) == 1.366

    def test_sorts_first_and_uses_the_k_largest(self):
        s = pd.Series({"Mianyang": 3.0, "Chengdu": 20.0, "Yibin": 3.5, "Deyang": 2.9,
                       "Nanchong": 2.7})
        assert m.primacy(s, k=2) == pytest.approx(20 / 3.5)
        assert m.primacy(s, k=4) == pytest.approx(20 / (3.5 + 3.0 + 2.9))

    def test_rank_size_norms(self):
        zipf = [1 / k for k in range(1, 12)]
        assert m.primacy(zipf, k=2) == pytest.approx(2.0)
        # S4 = 1 / (1/2 + 1/3 + 1/4) = 12/13
        assert m.primacy(zipf, k=4) == pytest.approx(12 / 13)
        # S11 = 2 / (H_11 - 1)
        assert m.primacy(zipf, k=11) == pytest.approx(2 / (sum(1 / k for k in range(1, 12)) - 1))

    def test_errors(self):
        with pytest.raises(ValueError, match="k must be 2, 4 or 11, got 3"):
            m.primacy([3, 2, 1], k=3)
        with pytest.raises(ValueError, match="primacy with k=11 needs at least 11 values, got 3"):
            m.primacy([3, 2, 1], k=11)
        with pytest.raises(ValueError, match=r"values must be positive \(city sizes\), got 0"):
            m.primacy([3, 0])
        with pytest.raises(ValueError, match="values must not be empty"):
            m.primacy([])


class TestRankSize:
    def test_exact_zipf(self):
        fit = m.rank_size([300, 1200, 400, 600])
        assert fit.slope == pytest.approx(-1.0)
        assert fit.intercept == pytest.approx(math.log(1200))
        assert fit.r2 == pytest.approx(1.0)
        assert fit.table["size"].tolist() == [1200, 600, 400, 300]
        assert fit.table["rank"].tolist() == [1, 2, 3, 4]

    def test_by_hand_three_points(self):
        # x = ln(1), ln(2), ln(3); y = ln(8), ln(4), ln(1)
        x = np.log([1, 2, 3])
        y = np.log([8, 4, 1])
        b = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
        fit = m.rank_size([1, 8, 4])
        assert fit.slope == pytest.approx(b)
        assert 0 < fit.r2 < 1

    def test_labels_and_shift(self):
        s = pd.Series({"Neijiang": 300.0, "Chengdu": 1200.0, "Mianyang": 600.0})
        fit = m.rank_size(s, shift=0.5)
        assert list(fit.table.index) == ["Chengdu", "Mianyang", "Neijiang"]
        np.testing.assert_allclose(fit.table["ln_rank"], np.log([0.5, 1.5, 2.5]))

    def test_errors(self):
        with pytest.raises(ValueError, match="values are all equal"):
            m.rank_size([5, 5, 5])
        with pytest.raises(ValueError, match="values needs at least 3 values, got 2"):
            m.rank_size([5, 4])
        with pytest.raises(ValueError, match=r"shift must be in \[0, 1\)"):
            m.rank_size([5, 4, 3], shift=1)


# ================================================================ location quotient
class TestLocationQuotient:
    def test_by_hand_default_benchmark(self):
        t = pd.DataFrame({"autos": [30, 10], "electronics": [20, 40]},
                         index=["Chongqing", "Chengdu"])
        lq = m.location_quotient(t)
        # benchmark shares: autos 40/100, electronics 60/100
        assert lq.loc["Chongqing", "autos"] == pytest.approx((30 / 50) / 0.4)
        assert lq.loc["Chengdu", "electronics"] == pytest.approx((40 / 50) / 0.6)
        assert list(lq.index) == ["Chongqing", "Chengdu"]
        assert list(lq.columns) == ["autos", "electronics"]

    def test_national_benchmark_aligned_by_label(self):
        t = pd.DataFrame({"autos": [30.0], "other": [70.0]}, index=["Chongqing"])
        nation = pd.Series({"other": 900.0, "autos": 100.0})
        lq = m.location_quotient(t, benchmark=nation)
        assert lq.loc["Chongqing", "autos"] == pytest.approx(0.3 / 0.1)
        assert lq.loc["Chongqing", "other"] == pytest.approx(0.7 / 0.9)

    def test_array_in_array_out(self):
        lq = m.location_quotient([[1, 1], [1, 3]])
        assert isinstance(lq, np.ndarray)
        np.testing.assert_allclose(lq, [[0.5 / (2 / 6), 0.5 / (4 / 6)],
                                        [0.25 / (2 / 6), 0.75 / (4 / 6)]])

    @st.composite
    def tables(draw):
        r = draw(st.integers(1, 5))
        c = draw(st.integers(1, 6))
        X = np.array(draw(st.lists(st.lists(positive, min_size=c, max_size=c),
                                   min_size=r, max_size=r)))
        b = np.array(draw(st.lists(positive, min_size=c, max_size=c)))
        return X, b

    @SETTINGS
    @given(tables(), st.booleans())
    def test_benchmark_weighted_mean_is_one(self, data, national):
        X, b = data
        if not national:
            b = X.sum(axis=0)
        lq = m.location_quotient(X, benchmark=b if national else None)
        weights = b / b.sum()
        np.testing.assert_allclose(lq @ weights, np.ones(X.shape[0]), rtol=1e-9)
        assert np.all(lq > 0)

    def test_errors(self):
        t = pd.DataFrame({"autos": [30, 10], "electronics": [20, -4]},
                         index=["Chongqing", "Chengdu"])
        with pytest.raises(ValueError, match=r"table must be non-negative, got -4 for row 'Chengdu', column 'electronics'"):
            m.location_quotient(t)
        t = pd.DataFrame({"autos": [30, 10], "tobacco": [0, 0]}, index=["Chongqing", "Chengdu"])
        with pytest.raises(ValueError, match=r"benchmark \(the column sums of table\) must be positive for every industry.*'tobacco'"):
            m.location_quotient(t)
        t = pd.DataFrame({"autos": [0, 10], "it": [0, 5]}, index=["Chongqing", "Chengdu"])
        with pytest.raises(ValueError, match="table row 'Chongqing' sums to zero"):
            m.location_quotient(t)
        t = pd.DataFrame({"autos": [1, 10], "it": [2, 5]})
        with pytest.raises(ValueError, match=r"table columns and benchmark have different labels.*'it'.*'electronics'"):
            m.location_quotient(t, benchmark=pd.Series({"autos": 5.0, "electronics": 3.0}))
        with pytest.raises(ValueError, match="benchmark must have one value per industry"):
            m.location_quotient(t, benchmark=[1, 2, 3])
        with pytest.raises(TypeError, match="table column 'it' must be numeric"):
            m.location_quotient(pd.DataFrame({"autos": [1, 2], "it": ["a", "b"]}))
        with pytest.raises(ValueError, match="table must be a 2-D table"):
            m.location_quotient([1, 2, 3])
        with pytest.raises(ValueError, match="table contains a missing or infinite value for row 1, column 0"):
            m.location_quotient([[1, 2], [np.nan, 3]])


# =================================================== Krugman index and similarity
class TestStructure:
    A = (0.07, 0.39, 0.54)
    B = (0.03, 0.30, 0.67)

    def test_curriculum_toy(self):
        # numerator .0021 + .117 + .3618 = .4809; Σa² = .4486, Σb² = .5398
        assert m.similarity_coefficient(self.A, self.B) == pytest.approx(
            0.4809 / math.sqrt(0.4486 * 0.5398))
        assert round(m.similarity_coefficient(self.A, self.B), 3) == 0.977
        # |.04| + |.09| + |-.13| = .26
        assert m.krugman_index(self.A, self.B) == pytest.approx(0.26)

    def test_levels_are_normalised(self):
        a_levels = [7, 39, 54]  # same structure as A, in 亿元
        assert m.krugman_index(a_levels, self.B) == pytest.approx(0.26)

    def test_labels_aligned(self):
        a = pd.Series({"primary": 7.0, "secondary": 39.0, "tertiary": 54.0})
        b = pd.Series({"tertiary": 67.0, "primary": 3.0, "secondary": 30.0})
        assert m.krugman_index(a, b) == pytest.approx(0.26)
        c = pd.Series({"primary": 3.0, "industry": 30.0, "tertiary": 67.0})
        with pytest.raises(ValueError, match=r"a and b have different labels.*secondary.*industry"):
            m.similarity_coefficient(a, c)

    def test_disjoint(self):
        assert m.krugman_index([1, 0], [0, 1]) == pytest.approx(2.0)
        assert m.similarity_coefficient([1, 0], [0, 1]) == 0.0

    @SETTINGS
    @given(paired(elements=nonneg))
    def test_ranges_and_symmetry(self, pair):
        a, b = pair
        assume(sum(a) > 0 and sum(b) > 0)
        K, S = m.krugman_index(a, b), m.similarity_coefficient(a, b)
        assert 0.0 <= K <= 2.0 and 0.0 <= S <= 1.0
        assert K == pytest.approx(m.krugman_index(b, a))
        assert S == pytest.approx(m.similarity_coefficient(b, a))

    @SETTINGS
    @given(positive_vectors(), st.floats(0.01, 100))
    def test_identical_and_proportional(self, a, c):
        assert m.krugman_index(a, a) == pytest.approx(0.0, abs=1e-12)
        assert m.similarity_coefficient(a, a) == pytest.approx(1.0)
        scaled = [c * x for x in a]
        assert m.similarity_coefficient(a, scaled) == pytest.approx(1.0)
        assert m.krugman_index(a, scaled) == pytest.approx(0.0, abs=1e-9)

    def test_errors(self):
        with pytest.raises(ValueError, match="a and b must have the same length, got 3 and 2"):
            m.krugman_index([1, 2, 3], [1, 2])
        with pytest.raises(ValueError, match="b must be non-negative, got -1 at position 0"):
            m.similarity_coefficient([1, 2], [-1, 2])
        with pytest.raises(ValueError, match="a must have a positive total"):
            m.similarity_coefficient([0, 0], [1, 2])
        with pytest.raises(TypeError, match="b must be numeric"):
            m.krugman_index([1, 2], [True, False])

    def test_pair_indices(self):
        t = pd.DataFrame([self.A, self.B, (0.1, 0.4, 0.5)], index=["a", "b", "c"])
        p = m.pair_indices(t)
        assert p.index.tolist() == [("a", "b"), ("a", "c"), ("b", "c")]
        for (a, b), row in p.iterrows():
            sa, sb = np.asarray(t.loc[a]), np.asarray(t.loc[b])
            sa, sb = sa / sa.sum(), sb / sb.sum()
            assert row["S"] == pytest.approx((sa @ sb) / np.sqrt((sa @ sa) * (sb @ sb)))
            assert row["K"] == pytest.approx(np.abs(sa - sb).sum())
        assert p.loc[("a", "b"), "K"] == pytest.approx(0.26)
        gap = t.copy()
        gap.iloc[2, 0] = np.nan                       # a missing figure for c
        q = m.pair_indices(gap)
        assert q.loc[("a", "b")].notna().all() and q.loc[("a", "c")].isna().all()
        with pytest.raises(ValueError, match="two rows"):
            m.pair_indices(pd.DataFrame([[1.0, 2.0]], index=["a"]))


# =================================================================== shift-share
class TestShiftShare:
    def test_by_hand(self):
        # nation: 2000 → 2400, G = .2; industry 1: G_1 = .1, industry 2: G_2 = .3
        r = m.shift_share([100, 50], [120, 50], [1000, 1000], [1100, 1300])
        assert r["national_share"].tolist() == pytest.approx([100 * 0.2, 50 * 0.2])
        assert r["industry_mix"].tolist() == pytest.approx([100 * (0.1 - 0.2), 50 * (0.3 - 0.2)])
        assert r["regional_shift"].tolist() == pytest.approx([100 * (0.2 - 0.1), 50 * (0.0 - 0.3)])

    def test_labels(self):
        base = pd.Series({"autos": 100.0, "electronics": 50.0})
        final = pd.Series({"electronics": 50.0, "autos": 120.0})
        nb = pd.Series({"autos": 1000.0, "electronics": 1000.0})
        nf = pd.Series({"autos": 1100.0, "electronics": 1300.0})
        r = m.shift_share(base, final, nb, nf)
        assert list(r.index) == ["autos", "electronics"]
        assert r.loc["autos", "regional_shift"] == pytest.approx(10.0)

    @st.composite
    def panels(draw):
        n = draw(st.integers(1, 8))
        vec = st.lists(nonneg, min_size=n, max_size=n)
        pos = st.lists(positive, min_size=n, max_size=n)
        return draw(vec), draw(vec), draw(pos), draw(vec)

    @SETTINGS
    @given(panels())
    def test_components_add_up(self, data):
        e0, e1, E0, E1 = data
        assume(sum(E1) > 0)
        r = m.shift_share(e0, e1, E0, E1)
        comps = r[["national_share", "industry_mix", "regional_shift"]].to_numpy()
        change = np.subtract(e1, e0)
        # rounding error scales with the size of the (possibly cancelling) components
        tol = 1e-12 * (np.abs(comps).sum(axis=1) + np.abs(change)) + 1e-9
        assert np.all(np.abs(comps.sum(axis=1) - change) <= tol)
        assert r["change"].tolist() == change.tolist()

    def test_errors(self):
        with pytest.raises(ValueError, match=r"benchmark_base must be positive for every industry.*at position 1"):
            m.shift_share([1, 2], [1, 2], [5, 0], [5, 5])
        with pytest.raises(ValueError, match="base and final must have the same length"):
            m.shift_share([1, 2], [1], [5, 5], [5, 5])


# ------------------------------------------- per person, density, income ratio, weighted
def test_per_person_and_density_units():
    # 81986.7 亿元 / 9853.5 万人 = 8.3206 万元 = 83,206 元
    assert m.per_person(81986.7, 9853.5) == pytest.approx(81986.7e8 / 9853.5e4)
    assert m.density(9853.5, 18.5) == pytest.approx(9853.5e4 / 18.5e4)
    s = m.per_person(pd.Series({"a": 10.0, "b": 30.0}), pd.Series({"b": 3.0, "a": 1.0}))
    assert s.to_dict() == {"a": pytest.approx(1e5), "b": pytest.approx(1e5)}


def test_per_person_and_density_bad_input():
    with pytest.raises(ValueError, match="population_wan must be positive, got 0"):
        m.per_person(100, 0)
    with pytest.raises(TypeError, match="gdp_yi"):
        m.per_person("a lot", 10)
    with pytest.raises(TypeError, match="gdp_yi must be a number, got a boolean"):
        m.per_person(True, 8600)
    with pytest.raises(ValueError, match="area_wan_km2 must be positive"):
        m.density(100, -1)
    with pytest.raises(TypeError, match="area_wan_km2 must be a number"):
        m.density(8600, "5.6")


def test_income_ratio_numbers_series_and_errors():
    assert m.income_ratio(43233, 18672) == pytest.approx(2.315392, abs=1e-6)
    s = m.income_ratio(pd.Series([4.0, 6.0]), pd.Series([2.0, 3.0]))
    assert s.tolist() == [2.0, 2.0]
    by_label = m.income_ratio(pd.Series({"sc": 4.0, "zj": 9.0}),
                              pd.Series({"zj": 3.0, "sc": 2.0}))
    assert by_label.to_dict() == {"sc": 2.0, "zj": 3.0}
    with pytest.raises(ValueError, match="rural must be positive"):
        m.income_ratio(100, -1)
    with pytest.raises(TypeError, match="urban must be a number"):
        m.income_ratio("43233", 18672)
    with pytest.raises(TypeError, match="boolean"):
        m.income_ratio(True, 1.0)
    with pytest.raises(ValueError, match="different labels"):
        m.income_ratio(pd.Series({"sc": 4.0}), pd.Series({"zj": 2.0}))


def test_weighted_rate_matches_by_label_not_position():
    rates = pd.Series({"a": 90.0, "b": 10.0})
    pops = pd.Series({"b": 1.0, "a": 3.0})     # a is three times b
    # by position this would be (90·1 + 10·3)/4 = 30; by label (90·3 + 10·1)/4 = 70
    assert m.weighted_rate(rates, pops) == pytest.approx(70.0)
    assert m.weighted_mean(rates, pops) == pytest.approx(70.0)
    with pytest.raises(ValueError, match="different labels"):
        m.weighted_rate(rates, pd.Series({"a": 1.0, "c": 1.0}))


def test_weighted_rate_by_hand_and_bad_input():
    r, p = [79.8, 54.51, 51.68], [2122.72, 804.14, 286.48]
    assert m.weighted_rate(r, p) == pytest.approx(sum(a * b for a, b in zip(r, p)) / sum(p))
    assert min(r) <= m.weighted_rate(r, p) <= max(r)
    assert m.unweighted_rate(r) == pytest.approx(sum(r) / 3)
    with pytest.raises(ValueError, match="one value per rate"):
        m.weighted_rate([50, 60], [1, 2, 3])
    with pytest.raises(ValueError, match="between 0 and 100"):
        m.weighted_rate([0.5, 120], [1, 2])
    with pytest.raises(ValueError, match="missing"):
        m.weighted_rate([50, float("nan")], [1, 2])
    with pytest.raises(ValueError, match="positive total"):
        m.weighted_rate([50, 60], [0, 0])
    with pytest.raises(TypeError, match="boolean"):
        m.weighted_rate([True, 50], [1, 2])
    with pytest.raises(TypeError, match="boolean"):
        m.weighted_rate([50, 60], [True, 2])
    with pytest.raises(TypeError, match="rates"):
        m.unweighted_rate("70.96")
    with pytest.raises(ValueError, match="weights must be non-negative"):
        m.weighted_mean([1.0, 2.0], [1.0, -1.0])
