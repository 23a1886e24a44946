"""Tests for chengyu_lib.spatial: distances, gravity, breaking points."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chengyu_lib import spatial as sp

pytestmark = pytest.mark.filterwarnings("error")

SETTINGS = settings(deadline=None, max_examples=150)
R = 6371.0088

mass = st.floats(min_value=1e-2, max_value=1e6, allow_nan=False, allow_infinity=False)
dist = st.floats(min_value=1e-2, max_value=1e4, allow_nan=False, allow_infinity=False)
beta = st.floats(min_value=0.25, max_value=4.0)
lat = st.floats(min_value=-90, max_value=90)
lon = st.floats(min_value=-180, max_value=180)

# 成渝客专 station kilometres from Chengdu (curriculum, notebook 05)
ZIZHONG_KM, NEIJIANG_KM, CORRIDOR_KM = 124, 153, 307
GDP_2023 = {"Chongqing": 30145.79, "Chengdu": 22074.7}  # 亿元


class TestHaversine:
    def test_one_degree_on_the_equator(self):
        assert sp.haversine_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * R / 360)

    def test_pole_to_pole_and_antipodes(self):
        assert sp.haversine_km(90, 0, -90, 0) == pytest.approx(math.pi * R)
        assert sp.haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * R)

    def test_chengdu_chongqing_is_shorter_than_the_railway(self):
        d = sp.haversine_km(30.66, 104.06, 29.56, 106.55)
        assert 250 < d < CORRIDOR_KM

    @SETTINGS
    @given(lat, lon, lat, lon)
    def test_symmetric_nonnegative_bounded(self, a, b, c, d):
        d1 = sp.haversine_km(a, b, c, d)
        assert d1 == pytest.approx(sp.haversine_km(c, d, a, b), abs=1e-6)
        assert 0.0 <= d1 <= math.pi * R + 1e-6
        assert sp.haversine_km(a, b, a, b) == 0.0

    def test_vectorised_and_labelled(self):
        lat1 = pd.Series({"Chengdu": 30.66, "Chongqing": 29.56})
        lon1 = pd.Series({"Chongqing": 106.55, "Chengdu": 104.06})  # other order
        d = sp.haversine_km(lat1, lon1, 30.66, 104.06)
        assert d["Chengdu"] == 0.0
        assert d["Chongqing"] == pytest.approx(sp.haversine_km(29.56, 106.55, 30.66, 104.06))
        arr = sp.haversine_km([0, 0], [0, 0], [0, 0], [1, 2])
        assert isinstance(arr, np.ndarray)
        np.testing.assert_allclose(arr, [2 * math.pi * R / 360, 4 * math.pi * R / 360])

    def test_errors(self):
        with pytest.raises(ValueError, match="lat2 must be between -90 and 90 degrees, got 104.06"):
            sp.haversine_km(30.66, 29.56, 104.06, 106.55)  # lat/lon swapped
        with pytest.raises(ValueError, match="lon1 contains a missing value"):
            sp.haversine_km(30, float("nan"), 30, 100)
        with pytest.raises(TypeError, match="lat1 must be a number or a sequence of numbers, got text"):
            sp.haversine_km("30.66", 104.06, 29.56, 106.55)
        with pytest.raises(ValueError, match=r"arguments do not fit together: lat1 \(2,\), lon1 \(3,\)"):
            sp.haversine_km([1, 2], [1, 2, 3], 0, 0)


class TestGravity:
    def test_by_hand(self):
        assert sp.gravity(10, 20, 5) == 10 * 20 / 25
        assert sp.gravity(10, 20, 5, beta=1.0, G=3.0) == 3 * 10 * 20 / 5

    @SETTINGS
    @given(mass, mass, dist, beta)
    def test_doubling_distance_divides_by_two_to_the_beta(self, mi, mj, d, b):
        ratio = sp.gravity(mi, mj, d, beta=b) / sp.gravity(mi, mj, 2 * d, beta=b)
        assert ratio == pytest.approx(2 ** b, rel=1e-9)

    @SETTINGS
    @given(mass, mass, dist, beta)
    def test_symmetric_and_positive(self, mi, mj, d, b):
        g = sp.gravity(mi, mj, d, beta=b)
        assert g > 0
        assert g == pytest.approx(sp.gravity(mj, mi, d, beta=b))

    def test_double_distance_beta_2_quarter(self):
        assert sp.gravity(3, 4, 100) / sp.gravity(3, 4, 200) == pytest.approx(4.0)

    def test_labels(self):
        m = pd.Series({"Neijiang": 1.0, "Ziyang": 2.0})
        d = pd.Series({"Ziyang": 2.0, "Neijiang": 1.0})
        g = sp.gravity(m, 10.0, d)
        assert g.to_dict() == {"Neijiang": 10.0, "Ziyang": 5.0}

    def test_errors(self):
        with pytest.raises(ValueError, match=r"d must be positive \(a distance of zero is undefined\), got 0"):
            sp.gravity(1, 2, 0)
        with pytest.raises(ValueError, match=r"m_j must be positive.*got -3 for 'Chengdu'"):
            sp.gravity(1.0, pd.Series({"Chongqing": 3.0, "Chengdu": -3.0}), 10)
        with pytest.raises(ValueError, match="beta .* must be non-negative, got -1"):
            sp.gravity(1, 2, 3, beta=-1)
        with pytest.raises(ValueError, match="G must be positive, got 0"):
            sp.gravity(1, 2, 3, G=0)
        with pytest.raises(TypeError, match="beta must be a single number"):
            sp.gravity(1, 2, 3, beta=[1, 2])
        with pytest.raises(ValueError, match=r"m_i and d have different labels"):
            sp.gravity(pd.Series({"a": 1.0}), 1, pd.Series({"b": 1.0}))


class TestInteractionTable:
    CITIES = pd.DataFrame({"lat": [30.66, 29.56, 29.58, 30.13],
                           "lon": [104.06, 106.55, 105.06, 104.63],
                           "gdp": [2.0, 3.0, 0.2, 0.9]},  # toy masses
                          index=["Chengdu", "Chongqing", "Neijiang", "Ziyang"])

    def test_all_pairs_sorted(self):
        t = sp.interaction_table(self.CITIES)
        assert len(t) == 4 * 3 // 2
        assert list(t.columns) == ["city_i", "city_j", "mass_i", "mass_j", "distance_km",
                                   "interaction"]
        assert t["interaction"].is_monotonic_decreasing
        pairs = {frozenset(p) for p in zip(t["city_i"], t["city_j"])}
        assert len(pairs) == 6

    def test_rows_match_the_formulas(self):
        t = sp.interaction_table(self.CITIES, beta=1.5)
        row = t[(t.city_i == "Chengdu") & (t.city_j == "Ziyang")].iloc[0]
        d = sp.haversine_km(30.66, 104.06, 30.13, 104.63)
        assert row["distance_km"] == pytest.approx(d)
        assert row["interaction"] == pytest.approx(2.0 * 0.9 / d ** 1.5)

    def test_name_column_and_mass_choice(self):
        c = self.CITIES.reset_index(names="name").assign(population=[2140, 3191, 310, 230])
        t = sp.interaction_table(c, mass="population")
        assert set(t["city_i"]) | set(t["city_j"]) == set(self.CITIES.index)
        assert t["mass_i"].max() == 3191

    def test_errors(self):
        with pytest.raises(ValueError, match=r"cities is missing column\(s\) \['population'\]"):
            sp.interaction_table(self.CITIES, mass="population")
        with pytest.raises(TypeError, match="cities must be a pandas DataFrame"):
            sp.interaction_table([[1, 2, 3]])
        same = self.CITIES.copy()
        same.loc["Ziyang", ["lat", "lon"]] = [30.66, 104.06]
        with pytest.raises(ValueError, match="cities 'Chengdu' and 'Ziyang' have the same coordinates"):
            sp.interaction_table(same)
        neg = self.CITIES.copy()
        neg.loc["Neijiang", "gdp"] = -1.0
        with pytest.raises(ValueError, match=r"cities\['gdp'\] must be positive, got -1 for 'Neijiang'"):
            sp.interaction_table(neg)
        with pytest.raises(ValueError, match="at least 2 rows"):
            sp.interaction_table(self.CITIES.iloc[:1])
        dup = self.CITIES.rename(index={"Ziyang": "Chengdu"})
        with pytest.raises(ValueError, match="duplicate name 'Chengdu'"):
            sp.interaction_table(dup)


class TestBreakingPoint:
    def test_corridor_between_zizhong_and_neijiang(self):
        # i = Chongqing (larger), j = Chengdu: measured from Chengdu
        d_cd = sp.breaking_point(CORRIDOR_KM, m_i=GDP_2023["Chongqing"], m_j=GDP_2023["Chengdu"])
        expected = 307 / (1 + math.sqrt(30145.79 / 22074.7))  # 141.57 km
        assert d_cd == pytest.approx(expected)
        assert round(d_cd, 1) == 141.6
        assert ZIZHONG_KM < d_cd < NEIJIANG_KM
        # the smaller city (Chengdu) has the shorter market area
        assert d_cd < CORRIDOR_KM / 2

    def test_swapping_masses_measures_from_the_other_end(self):
        a = sp.breaking_point(307, 30145.79, 22074.7)
        b = sp.breaking_point(307, 22074.7, 30145.79)
        assert a + b == pytest.approx(307)

    @SETTINGS
    @given(dist, mass, st.floats(1e-3, 1e3), st.floats(0.5, 4.0))
    def test_strictly_between_and_equal_pull(self, d, mi, ratio, b):
        mj = mi * ratio  # mass ratios up to 1000 (Chongqing/Chengdu is 1.37)
        d_j = sp.breaking_point(d, mi, mj, beta=b)
        assert 0 < d_j < d
        d_i = sp.breaking_point(d, mj, mi, beta=b)  # the same point, measured from i
        assert d_i + d_j == pytest.approx(d, rel=1e-12)
        # Reilly: equal attraction at the breaking point
        assert mi / d_i ** b == pytest.approx(mj / d_j ** b, rel=1e-6)
        # closer to the smaller place
        if mj < mi:
            assert d_j <= d / 2 * (1 + 1e-12)
        elif mj > mi:
            assert d_j >= d / 2 * (1 - 1e-12)

    def test_equal_masses_midpoint_and_vectorised(self):
        assert sp.breaking_point(100, 5, 5) == 50.0
        out = sp.breaking_point([100, 200], 4.0, 1.0)  # (4/1)^(1/2) = 2 → d/3
        np.testing.assert_allclose(out, [100 / 3, 200 / 3])

    def test_errors(self):
        with pytest.raises(ValueError, match=r"beta .* must be positive, got 0"):
            sp.breaking_point(100, 1, 2, beta=0)
        with pytest.raises(ValueError, match=r"d must be positive .*got 0"):
            sp.breaking_point(0, 1, 2)
        with pytest.raises(ValueError, match=r"m_i must be positive .*got -5"):
            sp.breaking_point(10, -5, 2)
        with pytest.raises(ValueError, match="differ too much"):
            sp.breaking_point(100, 1e300, 1e-300, beta=0.1)

    def test_curve_over_beta_and_masses(self):
        places = pd.DataFrame({"gdp": [30145.79, 22074.72], "population": [3200.0, 2100.0]},
                              index=["chongqing", "chengdu"])
        curve = sp.breaking_point_curve(places, 307, i="chongqing", j="chengdu",
                                        betas=[1.0, 2.0], masses=["gdp", "population"])
        assert curve.shape == (4, 3)
        assert list(curve.columns) == ["beta", "mass", "from_chengdu"]
        got = curve.set_index(["mass", "beta"])["from_chengdu"]
        assert got[("population", 1.0)] == pytest.approx(307 / (1 + 3200 / 2100))
        assert got[("gdp", 2.0)] == pytest.approx(307 / (1 + math.sqrt(30145.79 / 22074.72)))
        default = sp.breaking_point_curve(places, 307, i="chongqing", j="chengdu")
        assert default["beta"].tolist()[:2] == [0.5, 0.6] and len(default) == 2 * 26
        # larger β: closer to the midpoint
        assert default.groupby("mass")["from_chengdu"].apply(
            lambda s: s.is_monotonic_increasing).all()
        with pytest.raises(ValueError, match="'area' column"):
            sp.breaking_point_curve(places, 307, i="chongqing", j="chengdu", masses=["area"])


def test_breaking_point_curve_matches_pointwise_and_checks_betas():
    places = pd.DataFrame({"gdp": [22074.72, 30145.79]}, index=["chengdu", "chongqing"])
    curve = sp.breaking_point_curve(places, 308.0, i="chongqing", j="chengdu",
                                         betas=[0.5, 1.0, 2.0, 3.0], masses=["gdp"])
    for β, got in zip(curve["beta"], curve["from_chengdu"]):
        assert got == pytest.approx(sp.breaking_point(308.0, 30145.79, 22074.72, beta=β))
    with pytest.raises(ValueError, match=r"betas must be positive numbers, got \[1.0, -2.0\]"):
        sp.breaking_point_curve(places, 308.0, i="chongqing", j="chengdu", betas=[1, -2],
                                     masses=["gdp"])
    with pytest.raises(TypeError, match="betas must be a list of numbers"):
        sp.breaking_point_curve(places, 308.0, i="chongqing", j="chengdu", betas=["x"],
                                     masses=["gdp"])
