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
