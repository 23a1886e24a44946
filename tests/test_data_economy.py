"""Checks on the economic statistics tables (circle, provinces, nation, cities, clusters,
corridor, urbanisation). Each test compares figures across tables or sources, so a typo in one file or a
figure from the wrong vintage makes it fail."""
import math

import pytest

import chengyu_lib as cy

TABLES = ["circle_economy", "province_economy", "national_economy", "cities",
          "city_economy", "city_clusters", "corridor", "urbanisation", "rural_income"]


def _one(df, **where):
    """The single value of the rows matching every column=value in ``where``."""
    sel = df
    for col, val in where.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, f"expected one row for {where}, got {len(sel)}"
    return float(sel["value"].iloc[0])


@pytest.fixture(scope="module")
def t():
    return {name: cy.datasets.load(name) for name in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_table_loads_and_cites_only_eco_sources(t, name):
    df = t[name]
    assert len(df) > 0
    for rec in df.attrs["sources"]:
        assert rec["source_id"].startswith(("eco-", "eco2-", "eco3-", "eco4-", "eco5-", "eco6-", "eco8-"))
        assert rec["url"].startswith("http")


def test_circle_2023_gdp_and_structure(t):
    c = t["circle_economy"]
    assert _one(c, year=2023, indicator="gdp", vintage="preliminary") == pytest.approx(81986.7)
    shares = [_one(c, year=2023, indicator=f"{s}_share", vintage="preliminary")
              for s in ("primary", "secondary", "tertiary")]
    assert sum(shares) == pytest.approx(100.0, abs=0.05)


@pytest.mark.parametrize("year", [2022, 2024])
def test_circle_sectors_sum_to_gdp(t, year):
    c = t["circle_economy"]
    parts = sum(_one(c, year=year, indicator=s, vintage="preliminary")
                for s in ("primary", "secondary", "tertiary"))
    assert parts == pytest.approx(_one(c, year=year, indicator="gdp", vintage="preliminary"),
                                  rel=0.002)


def test_circle_2021_split_sums_to_total(t):
    c = t["circle_economy"]
    sc = _one(c, year=2021, indicator="gdp_sichuan_part", vintage="preliminary")
    cq = _one(c, year=2021, indicator="gdp_chongqing_part", vintage="preliminary")
    assert sc + cq == pytest.approx(_one(c, year=2021, indicator="gdp", vintage="preliminary"),
                                    abs=0.5)


def test_circle_chongqing_part_is_smaller_than_whole_municipality(t):
    c, p = t["circle_economy"], t["province_economy"]
    part = _one(c, year=2021, indicator="gdp_chongqing_part", vintage="preliminary")
    whole = _one(p, region="chongqing", year=2021, indicator="gdp", vintage="preliminary")
    assert part < whole


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_published_share_matches_national_preliminary(t, year):
    """Cross-check between sources: circle GDP / national preliminary GDP reproduces the
    share printed by the statistics bureaus (to one decimal, i.e. within 0.05 pp)."""
    c, n = t["circle_economy"], t["national_economy"]
    gdp = _one(c, year=year, indicator="gdp", vintage="preliminary")
    nat = _one(n, year=year, indicator="gdp", vintage="preliminary")
    printed = _one(c, year=year, indicator="share_of_national", vintage="preliminary")
    assert abs(100 * gdp / nat - printed) <= 0.05 + 1e-9


def test_circle_is_smaller_than_sichuan_plus_chongqing(t):
    c, p = t["circle_economy"], t["province_economy"]
    circle = _one(c, year=2023, indicator="gdp", vintage="preliminary")
    both = sum(_one(p, region=r, year=2023, indicator="gdp", vintage="preliminary")
               for r in ("chongqing", "sichuan"))
    assert 0.85 * both < circle < both


def test_chongqing_2023(t):
    p = t["province_economy"]
    assert _one(p, region="chongqing", year=2023, indicator="gdp",
                vintage="preliminary") == pytest.approx(30145.79)
    assert _one(p, region="sichuan", year=2023, indicator="gdp",
                vintage="preliminary") == pytest.approx(60132.9)


def test_province_sectors_sum_everywhere(t):
    p = t["province_economy"]
    wide = p.pivot_table(index=["region", "year", "vintage"], columns="indicator",
                         values="value", aggfunc="first")
    full = wide.dropna(subset=["gdp", "primary", "secondary", "tertiary"])
    assert len(full) >= 10
    gap = (full["primary"] + full["secondary"] + full["tertiary"] - full["gdp"]).abs()
    assert (gap <= 0.2).all(), gap[gap > 0.2]


def test_chongqing_population_and_urbanisation_consistent(t):
    p = t["province_economy"]
    pop = _one(p, region="chongqing", year=2023, indicator="population", vintage="preliminary")
    urban = _one(p, region="chongqing", year=2023, indicator="urban_population",
                 vintage="preliminary")
    rate = _one(p, region="chongqing", year=2023, indicator="urbanisation_rate",
                vintage="preliminary")
    assert 100 * urban / pop == pytest.approx(rate, abs=0.01)


def test_national_final_differs_from_preliminary_by_printed_revision(t):
    n = t["national_economy"]
    printed = {2019: -4350, 2020: -2419, 2021: 5567, 2022: -5483}
    for year, diff in printed.items():
        pre = _one(n, year=year, indicator="gdp", vintage="preliminary")
        fin = _one(n, year=year, indicator="gdp", vintage="final")
        assert fin - pre == pytest.approx(diff)


def test_national_2023_census_revision_about_2_7_percent(t):
    n = t["national_economy"]
    pre = _one(n, year=2023, indicator="gdp", vintage="preliminary")
    rev = _one(n, year=2023, indicator="gdp", vintage="revised")
    assert (rev / pre - 1) * 100 == pytest.approx(2.7, abs=0.1)


def test_sixteen_cities_one_in_chongqing(t):
    cities = t["cities"]
    assert len(cities) == 16
    assert cities["city_id"].is_unique and cities["adcode"].is_unique
    assert (cities["province"] == "Chongqing").sum() == 1
    assert cities.loc[cities["province"] == "Chongqing", "in_circle"].item() == "part"
    assert set(cities.loc[cities["in_circle"] == "part", "city_id"]) == {
        "chongqing", "mianyang", "dazhou", "yaan"}


def test_city_coordinates_in_sichuan_basin(t):
    cities = t["cities"]
    assert cities["lat"].between(26, 33).all()
    assert cities["lon"].between(102, 110).all()
    chengdu = cities.set_index("city_id").loc["chengdu"]
    chongqing = cities.set_index("city_id").loc["chongqing"]
    # great-circle distance Chengdu–Chongqing is about 270 km
    lat1, lon1, lat2, lon2 = map(math.radians, (chengdu.lat, chengdu.lon,
                                                chongqing.lat, chongqing.lon))
    d = 2 * 6371 * math.asin(math.sqrt(math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1)
                                       * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2))
    assert 240 < d < 300


def test_adcodes_match_province(t):
    cities = t["cities"]
    for row in cities.itertuples():
        prefix = 50 if row.province == "Chongqing" else 51
        assert row.adcode // 10000 == prefix, row.city_id


def test_city_source_columns_resolve(t):
    ids = set(cy.datasets.sources()["source_id"])
    cities = t["cities"]
    for col in ("coord_source_id", "adcode_source_id", "source_id"):
        for cell in cities[col]:
            assert all(s in ids for s in cell.split(";")), (col, cell)


def test_city_economy_ids_and_chengdu_share(t):
    ce, cities, c = t["city_economy"], t["cities"], t["circle_economy"]
    assert set(ce["city_id"]) <= set(cities["city_id"])
    chengdu = _one(ce, city_id="chengdu", boundary="whole", year=2023, indicator="gdp",
                   vintage="preliminary")
    metro = _one(ce, city_id="chengdu", boundary="metropolitan_area", year=2023,
                 indicator="gdp", vintage="preliminary")
    members = chengdu + sum(_one(ce, city_id=x, boundary="whole", year=2023, indicator="gdp",
                                 vintage="preliminary") for x in ("deyang", "meishan", "ziyang"))
    # 成都都市圈 = 成德眉资: the four cities add up to the metro total
    assert members == pytest.approx(metro, abs=0.1)
    assert chengdu < metro < _one(c, year=2023, indicator="gdp", vintage="preliminary")


def test_chongqing_main_metro_share_as_printed(t):
    ce, p = t["city_economy"], t["province_economy"]
    main = _one(ce, city_id="chongqing", boundary="main_metro_area", year=2023,
                indicator="gdp", vintage="preliminary")
    whole = _one(p, region="chongqing", year=2023, indicator="gdp", vintage="preliminary")
    assert 100 * main / whole == pytest.approx(76.7, abs=0.05)


def test_sichuan_city_gdps_fit_inside_sichuan(t):
    ce, p = t["city_economy"], t["province_economy"]
    sel = ce[(ce["boundary"] == "whole") & (ce["year"] == 2023) & (ce["indicator"] == "gdp")
             & (ce["city_id"] != "chongqing")]
    assert sel["value"].sum() < _one(p, region="sichuan", year=2023, indicator="gdp",
                                     vintage="preliminary")


def test_cluster_ratios_roughly_match_printed(t):
    cl, c = t["city_clusters"], t["circle_economy"]
    ccec = _one(cl, cluster="ccec", year=2023, indicator="gdp", part="total")
    jjj = _one(cl, cluster="jjj", year=2023, indicator="gdp", part="total")
    yrd_members = cl[(cl["cluster"] == "yrd") & (cl["year"] == 2023) & (cl["indicator"] == "gdp")
                     & (cl["part"] != "total")]["value"].sum()
    yrd_floor = _one(cl, cluster="yrd", year=2023, indicator="gdp", part="total")
    assert yrd_members >= yrd_floor  # 突破30万亿 is a lower bound
    # rounded published totals reproduce the printed ratios within 1 percentage point
    assert 100 * ccec / jjj == pytest.approx(
        _one(c, year=2023, indicator="gdp_ratio_to_jjj", vintage="preliminary"), abs=1)
    assert 100 * ccec / yrd_members == pytest.approx(
        _one(c, year=2023, indicator="gdp_ratio_to_yrd", vintage="preliminary"), abs=1)


def test_corridor_lines(t):
    co = t["corridor"].set_index("line_id")
    assert co.loc["chengyu_railway", "opened"] == "1952-07-01"
    assert co.loc["chengyu_railway", "length_km"] == 505
    assert co.loc["chengyu_zhongxian", "opened"] is None  # under construction
    assert co.loc["chengyu_zhongxian", "length_km"] < co.loc["chengyu_hsr", "length_km"]
    times = co["fastest_minutes"].dropna()
    assert times.is_monotonic_decreasing
