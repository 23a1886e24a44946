"""The house style draws Chinese characters (no boxes) in every chart the library offers."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from chengyu_lib import plotting  # noqa: E402

ZH = ["成都", "重庆", "绵阳"]

EXAMPLES = {
    "line_chart": lambda: plotting.line_chart(
        pd.DataFrame({"year": [2022, 2023] * 2, "gdp": [1.0, 2.0, 1.5, 2.5],
                      "地区": ["重庆", "重庆", "四川", "四川"]}), "year", "gdp", hue="地区"),
    "bar_chart": lambda: plotting.bar_chart(pd.Series([3.0, 2.0, 1.0], index=ZH, name="gdp")),
    "milestone_chart": lambda: plotting.milestone_chart(
        pd.DataFrame({"year": [2022, 2023], "gdp": [77587.99, 81986.7]}), "year", "gdp",
        80000, threshold_label="threshold_8"),
    "heatmap": lambda: plotting.heatmap(pd.DataFrame(
        [[1.2, 0.8], [0.9, 1.1], [1.0, 1.0]], index=ZH, columns=["汽车", "电子信息"]), center=1.0,
        fmt="{:.2f}"),
    "bubble_chart": lambda: plotting.bubble_chart(
        pd.DataFrame({"d": [1.0, 2.0, 3.0], "pc": [3.0, 2.0, 1.0], "g": [1.0, 5.0, 2.0],
                      "n": ZH}), "d", "pc", "g", "n"),
    "step_chart": lambda: plotting.step_chart(
        pd.DataFrame({"t": pd.to_datetime(["2020-12-31", "2021-03-31"]), "n": [95, 210],
                      "批次": ["第一批", "第二批"]}), "t", "n", annotate="批次"),
    "map_chart": lambda: plotting.map_chart(
        pd.DataFrame({"lat": [30.67, 29.57, 29.58], "lon": [104.07, 106.55, 105.05],
                      "name_zh": ZH[:2] + ["内江"], "name_en": ["Chengdu", "Chongqing", "Neijiang"],
                      "gdp": [22074.72, 30145.79, float("nan")]},
                     index=["chengdu", "chongqing", "neijiang"]), "gdp",
        links=pd.DataFrame({"city_i": ["成都"], "city_j": ["chongqing"], "share": [1.0]})),
    "fan_chart": lambda: plotting.fan_chart(
        pd.DataFrame({"year": [2023, 2024] * 2, "gdp": [1.0, 1.02, 1.0, 1.08],
                      "情景": ["增长2%", "增长2%", "增长8%", "增长8%"]}), "year", "gdp", "情景"),
}


def test_every_chart_has_an_example():
    assert set(EXAMPLES) == set(plotting.CHARTS)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_chart_draws_chinese_without_missing_glyphs(name, language):
    plotting.setup(language=language)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        ax = EXAMPLES[name]()
        ax.figure.canvas.draw()  # glyph lookup happens at draw time
    assert isinstance(ax, matplotlib.axes.Axes)
    if language == "zh" and name in {"line_chart", "milestone_chart"}:
        assert ax.get_ylabel() == "地区生产总值（亿元）"
    plt.close(ax.figure)


def test_without_the_cjk_font_the_warning_would_fire():
    """Control: the check above can fail — DejaVu alone cannot draw 成都."""
    fig, ax = plt.subplots()
    ax.set_xlabel("成都", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    assert any("missing" in str(w.message).lower() for w in caught)


def test_setup_is_idempotent_and_sets_house_style():
    plotting.setup()
    plotting.setup()
    rc = matplotlib.rcParams
    assert rc["font.sans-serif"].count(plotting.FONT_FAMILY) == 1
    assert rc["axes.unicode_minus"] is False


def test_set_language_rejects_unknown():
    with pytest.raises(ValueError, match="language must be 'en' or 'zh'"):
        plotting.set_language("fr")


def test_bar_chart_needs_labels():
    with pytest.raises(TypeError, match="values must be a pandas Series"):
        plotting.bar_chart([1, 2, 3])


def test_missing_column_is_named():
    with pytest.raises(ValueError, match=r"must have column\(s\) \['gdp'\]"):
        plotting.line_chart(pd.DataFrame({"year": [1]}), "year", "gdp")


# ---- the map of the circle ------------------------------------------------------------

def _cities():
    from chengyu_lib import datasets

    return datasets.load("cities").set_index("city_id")


def test_map_puts_each_city_at_its_coordinates():
    cities = _cities()
    ax = plotting.map_chart(cities)
    got = ax.collections[0].get_offsets()
    assert len(got) == 16 == len(cities)
    assert [list(map(float, xy)) for xy in got] == \
        [[float(lo), float(la)] for lo, la in zip(cities["lon"], cities["lat"])]
    plt.close(ax.figure)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_map_names_cities_in_the_current_language(language):
    plotting.setup(language=language)
    cities = _cities()
    ax = plotting.map_chart(cities)
    texts = {t.get_text() for t in ax.texts}
    col = "name_zh" if language == "zh" else "name_en"
    assert set(cities[col]) <= texts
    other = "name_en" if language == "zh" else "name_zh"
    assert not set(cities[other]) & texts
    assert ("100 公里" if language == "zh" else "100 km") in texts
    assert ("北" if language == "zh" else "N") in texts   # the north arrow
    plt.close(ax.figure)
    plotting.set_language("en")


def test_map_sizes_by_value_and_rings_missing_values():
    t = _cities()[["lat", "lon", "name_zh", "name_en"]].head(3).copy()
    t["gdp"] = [30000.0, 15000.0, float("nan")]
    ax = plotting.map_chart(t, "gdp")
    points, missing = ax.collections[0], ax.collections[1]
    sizes = points.get_sizes()
    assert len(sizes) == 2 and sizes[0] == pytest.approx(2 * sizes[1])   # area ∝ value
    assert [list(map(float, xy)) for xy in missing.get_offsets()] == \
        [[float(t["lon"].iloc[2]), float(t["lat"].iloc[2])]]
    assert missing.get_facecolor().size == 0 or missing.get_facecolor()[0][3] == 0  # hollow
    plt.close(ax.figure)


def test_map_draws_the_corridor_and_links_between_the_right_points():
    import pandas as pd

    cities = _cities()
    links = pd.DataFrame({"city_i": ["Chengdu"], "city_j": ["德阳"], "share": [24.7]})
    ax = plotting.map_chart(cities, links=links)
    lines = {tuple(map(tuple, ln.get_xydata().tolist())) for ln in ax.get_lines()}
    cd, cq, dy = (cities.loc[c, ["lon", "lat"]].astype(float) for c in
                  ("chengdu", "chongqing", "deyang"))
    assert ((cd["lon"], cd["lat"]), (cq["lon"], cq["lat"])) in lines   # the corridor
    assert ((cd["lon"], cd["lat"]), (dy["lon"], dy["lat"])) in lines   # the link
    plt.close(ax.figure)


def test_map_scale_bar_is_100_km_long():
    from chengyu_lib import spatial

    ax = plotting.map_chart(_cities(), corridor=None)
    bar = next(ln for ln in ax.get_lines() if ln.get_linewidth() == 3)
    (x1, y1), (x2, y2) = bar.get_xydata()
    assert float(spatial.haversine_km(y1, x1, y2, x2)) == pytest.approx(100, rel=1e-3)
    plt.close(ax.figure)


def test_map_refuses_bad_input_by_name():
    cities = _cities()
    with pytest.raises(TypeError, match="data must be a pandas DataFrame"):
        plotting.map_chart([1, 2])
    with pytest.raises(ValueError, match=r"must have column\(s\) \['gdp'\]"):
        plotting.map_chart(cities, "gdp")
    with pytest.raises(ValueError, match="how must be 'size' or 'color'"):
        plotting.map_chart(cities, "lat", how="area")
    with pytest.raises(ValueError, match="city 'lhasa' is not in data"):
        plotting.map_chart(cities, corridor=("chengdu", "lhasa"))
    plt.close("all")


def test_bar_chart_prints_small_values_with_decimals_and_codes_as_names():
    plotting.set_language("zh")
    ax = plotting.bar_chart(pd.Series({"chongqing": 0.97, "sichuan": 1.41}))
    assert [t.get_text() for t in ax.texts] == ["1.41", "0.97"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["四川", "重庆"]
    plt.close(ax.figure)
    ax = plotting.bar_chart(pd.Series({"eic": 22000.0, "press_unspecified": 20000.0}))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "eic" not in labels and "press_unspecified" not in labels
    assert [t.get_text() for t in ax.texts] == ["20,000", "22,000"]
    plt.close(ax.figure)
    plotting.set_language("en")


def test_line_chart_legend_shows_names_not_codes():
    plotting.set_language("en")
    data = pd.DataFrame({"year": [2022, 2023] * 2, "gdp": [1.0, 2.0, 1.5, 2.5],
                         "region": ["chongqing"] * 2 + ["sichuan"] * 2})
    ax = plotting.line_chart(data, "year", "gdp", hue="region")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Chongqing", "Sichuan"]
    plt.close(ax.figure)


def test_heatmap_writes_decimals_for_quotients_and_names_for_codes():
    plotting.set_language("en")
    t = pd.DataFrame([[0.97, 1.01], [1.41, 0.93]], index=["chongqing", "sichuan"],
                     columns=["primary", "secondary"])
    ax = plotting.heatmap(t, center=1)
    assert [x.get_text() for x in ax.texts] == ["0.97", "1.01", "1.41", "0.93"]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["Chongqing", "Sichuan"]
    plt.close(ax.figure)
    counts = pd.DataFrame([[1, 0], [3, 4]], index=["李谢华", "吴德"], columns=["city", "region"])
    ax = plotting.heatmap(counts)
    assert [x.get_text() for x in ax.texts] == ["1", "0", "3", "4"]
    plt.close(ax.figure)


def test_map_colours_by_value_with_a_colour_bar():
    t = _cities()[["lat", "lon", "name_zh", "name_en"]].head(3).copy()
    t["gdp_per_capita"] = [94459.0, 103138.0, 61111.0]
    ax = plotting.map_chart(t, "gdp_per_capita", how="color")
    points = ax.collections[0]
    assert list(points.get_array()) == [94459.0, 103138.0, 61111.0]   # colour follows value
    assert len(set(points.get_sizes())) == 1                          # sizes do not
    assert len(ax.figure.axes) == 2                                   # the colour bar
def test_fan_chart_thin_lines_in_distinct_styles():
    p = pd.DataFrame({"year": [2023, 2024, 2025] * 3, "gdp": [1, 2, 3, 1, 3, 5, 1, 4, 7],
                      "scenario": ["a"] * 3 + ["b"] * 3 + ["c"] * 3})
    ax = plotting.fan_chart(p, "year", "gdp", "scenario", linewidth=1.0)
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == ["a", "b", "c"]
    assert {ln.get_linewidth() for ln in lines} == {1.0}
    assert len({ln.get_linestyle() for ln in lines}) == 3      # readable in greyscale
    assert list(lines[2].get_ydata()) == [1, 4, 7]
    with pytest.raises(ValueError):
        plotting.fan_chart(p, "year", "gdp", "no_such_column")
    plt.close(ax.figure)
