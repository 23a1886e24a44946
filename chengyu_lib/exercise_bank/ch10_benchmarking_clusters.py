"""Exercise set 10 · benchmarking city clusters (mirrors notebooks/10_benchmarking_clusters.ipynb)."""
from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "10",
    "name": "benchmarking_clusters",
    "title_en": "Benchmarking city clusters",
    "title_zh": "城市群比较",
    "minutes": 30,
    "notebook": "10_benchmarking_clusters",
    "intro": ("Size is not development: GDP per person $y = \\mathrm{GDP}/P \\times 10^4$ "
              "(元, from 亿元 and 万人) and density $d = P/A$ (人/km², from 万人 and 万km²) "
              "for the Chengdu–Chongqing circle and the Greater Bay Area, from the "
              "`city_clusters` table. Its caveats say which populations are missing "
              "(Shanghai 2023, Hebei 2023): no question asks for a number the table lacks."),
}


def _row(cluster, year, indicator, part="total"):
    return datasets.one("city_clusters", cluster=cluster, year=year, indicator=indicator,
                        part=part)


def _area(cluster):
    return datasets.one("city_clusters", cluster=cluster, indicator="area")


_CCEC = (
    "t = cy.datasets.load(\"city_clusters\")\n"
    "gdp = t.query(\"cluster == 'ccec' and year == 2024 and indicator == 'gdp'\")[\"value\"].item()\n"
    "pop = t.query(\"cluster == 'ccec' and year == 2024 and indicator == 'population'\")"
    "[\"value\"].item()\n")

_GBA = (
    "t = cy.datasets.load(\"city_clusters\")\n"
    "gdp = t.query(\"cluster == 'gba' and year == 2023 and indicator == 'gdp'\")[\"value\"].item()\n"
    "pop = t.query(\"cluster == 'gba' and year == 2023 and indicator == 'population'\")"
    "[\"value\"].item()\n")


QUESTIONS = [
    Question(
        id="10.per_person_ccec",
        title="GDP per person of the circle, 2024 · 成渝人均GDP",
        prompt=(
            "Use `city_clusters`: the circle's (`ccec`) GDP in 2024 (亿元) and its resident "
            "population (常住人口 chángzhù rénkǒu) in 2024 (万人). **What is the circle's "
            "GDP per person (人均GDP) in 元?** Mind the units: 亿 / 万 = 10^4."),
        starter=_CCEC + "answer = ...  # 元 per person",
        solution=_CCEC + "answer = cy.metrics.per_person(gdp, pop)",
        expected=lambda: _row("ccec", 2024, "gdp") / _row("ccec", 2024, "population") * 1e4,
        printed=0, unit=None,
        rtol=1e-3,
        misconceptions=(
            Misconception(
                "forgot the unit factor",
                lambda: _row("ccec", 2024, "gdp") / _row("ccec", 2024, "population"),
                "That is 亿元 per 万人, i.e. 万元 per person: multiply by 10^4 to get 元 "
                "(1 亿 = 10^8, 1 万 = 10^4, so 亿/万 = 10^4)."),
            Misconception(
                "divided by persons instead of 万人",
                lambda: _row("ccec", 2024, "gdp") / _row("ccec", 2024, "population") * 1e8,
                "You converted GDP to 元 (× 10^8) but kept population in 万人: divide by "
                "people, not by 万人 (× 10^4 as well)."),
        ),
        hints=("`cy.metrics.per_person(gdp_yi, population_wan)` does the conversion.",),
    ),
    Question(
        id="10.density_gba",
        title="Density of the Greater Bay Area · 大湾区人口密度",
        prompt=(
            "The Greater Bay Area (`gba`) had about 8,600万 residents in 2023 on 5.6万km². "
            "**What is its density in people per km²?** (Read both from `city_clusters`.)"),
        starter=(_GBA + "area = t.query(\"cluster == 'gba' and indicator == 'area'\")"
                 "[\"value\"].item()\nanswer = ...  # 人/km²"),
        solution=(_GBA + "area = t.query(\"cluster == 'gba' and indicator == 'area'\")"
                  "[\"value\"].item()\nanswer = cy.metrics.density(pop, area)"),
        expected=lambda: _row("gba", 2023, "population") / _area("gba"),
        printed=0, unit=None,
        misconceptions=(
            Misconception(
                "inverted the ratio",
                lambda: _area("gba") / _row("gba", 2023, "population"),
                "That is area per person (万km² per 万人): density is people divided by area."),
        ),
        hints=("万人 / 万km²: the two 万 cancel, so the quotient is already people per km².",),
    ),
    Question(
        id="10.mixed_years",
        title="Mixing years · 年份错配",
        prompt=(
            "The Greater Bay Area's 2023 GDP was printed as 突破14万亿元 (more than 14万亿). "
            "The table also holds the population printed in the 2019 planning outline, "
            "约7000万 at the end of **2017**. **Compute the GBA's 2023 GDP per person (元) "
            "with the population of the same year, 2023.** The checker recognises the "
            "answer you get with the 2017 population."),
        starter=_GBA + "answer = ...  # 元 per person, 2023 GDP and 2023 population",
        solution=_GBA + "answer = cy.metrics.per_person(gdp, pop)",
        expected=lambda: _row("gba", 2023, "gdp") / _row("gba", 2023, "population") * 1e4,
        printed=0, unit=None,
        misconceptions=(
            Misconception(
                "mixing years",
                lambda: _row("gba", 2023, "gdp") / _row("gba", 2017, "population") * 1e4,
                "You divided 2023 GDP by the 2017 population: six years of population "
                "growth (约7000万 → 8600万) are missing, so GDP per person is about 23% "
                "too high. Numerator and denominator must refer to the same year."),
        ),
        hints=("Filter the population row with `year == 2023`.",),
    ),
    Question(
        id="10.ratio",
        title="How far behind per person? · 人均差距",
        prompt=(
            "Using your two answers' method (same-year GDP and population), **how many times "
            "the circle's GDP per person (2024 GDP, 2024 population) is the GBA's "
            "(2023 GDP, 2023 population)?** Give a ratio. Both years differ by one, and the "
            "GBA's GDP is a lower bound: say in a comment what that does to your ratio."),
        starter=_GBA + "answer = ...  # ratio GBA / circle",
        solution=(_GBA + "y_gba = cy.metrics.per_person(gdp, pop)\n"
                  "y_ccec = cy.metrics.per_person(\n"
                  "    t.query(\"cluster == 'ccec' and year == 2024 and indicator == 'gdp'\")"
                  "[\"value\"].item(),\n"
                  "    t.query(\"cluster == 'ccec' and year == 2024 and indicator == 'population'\")"
                  "[\"value\"].item())\n"
                  "answer = y_gba / y_ccec  # a lower bound: GBA GDP is 突破14万亿"),
        expected=lambda: ((_row("gba", 2023, "gdp") / _row("gba", 2023, "population"))
                          / (_row("ccec", 2024, "gdp") / _row("ccec", 2024, "population"))),
        unit="ratio",
        rtol=1e-3,
        misconceptions=(
            Misconception(
                "compared totals, not per person",
                lambda: _row("gba", 2023, "gdp") / _row("ccec", 2024, "gdp"),
                "That is the ratio of total GDP (size), not of GDP per person (development "
                "level): divide each by its own population first."),
            Misconception(
                "mixing years",
                lambda: ((_row("gba", 2023, "gdp") / _row("gba", 2017, "population"))
                         / (_row("ccec", 2024, "gdp") / _row("ccec", 2024, "population"))),
                "You divided the GBA's 2023 GDP by its 2017 population, so its GDP per "
                "person is too high and so is the ratio. Use the population of 2023, the "
                "year of the GDP."),
        ),
        hints=("Compute each GDP per person with `cy.metrics.per_person`, then divide.",),
    ),
    Question(
        id="10.reflection",
        title="Size is not development · 规模不等于发展水平",
        prompt=(
            "The circle's electronics cluster is worth more than 1.6万亿元 and its GDP is "
            "above 8万亿元. **Why does a ranking by total GDP say little about how developed "
            "a cluster is, and which two numbers would you need to rank the four clusters "
            "fairly in one year?** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* Total GDP grows with the number of people and the area a "
            "cluster's boundary happens to include, so a large cluster can be poor per "
            "person: the circle is larger than some clusters in people but far behind per "
            "person. A fair ranking needs, for the same year and the same boundary, GDP and "
            "resident population (for GDP per person), and area for density; for the YRD "
            "and JJJ the table lacks one provincial population in 2023, so their per-person "
            "values must wait or be flagged as mixing years."),
    ),
]


#: The mistakes notebook 10 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'mixing years': 'mixing years',
}
