"""Exercise set 02 · scale and growth (mirrors notebooks/02_scale_and_growth.ipynb)."""
from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "02",
    "name": "scale_and_growth",
    "title_en": "Scale and growth",
    "title_zh": "经济总量与增长",
    "minutes": 35,
    "notebook": "02_scale_and_growth",
    "intro": ("Levels, growth and shares of the circle's GDP (地区生产总值, 亿元, current "
              "prices) from `circle_economy` and `national_economy`. Rates are fractions "
              "(0.05 for 5%)."),
}


def _gdp(year):
    return datasets.one("circle_economy", year=year, indicator="gdp")


def _cagr(y0, y1):
    return (_gdp(y1) / _gdp(y0)) ** (1 / (y1 - y0)) - 1


def _national(year, vintage):
    return datasets.one("national_economy", year=year, indicator="gdp", vintage=vintage)


def _first_year_above(level):
    df = D.load("circle_economy")
    g = df[df["indicator"] == "gdp"].sort_values("year")
    return int(g.loc[g["value"] > level, "year"].iloc[0])


# toy path for the averaging trap: an index that rises 50% then falls 50%
_TOY = (100.0, 150.0, 75.0)

QUESTIONS = [
    Question(
        id="02.cagr",
        title="Compound annual growth · 年均增长率",
        prompt=(
            "Table `circle_economy` (indicator `gdp`, 亿元, current prices) has the "
            "circle's GDP for 2021 and 2023. **What is the compound "
            "annual growth rate (CAGR, 年均增长率) of nominal GDP from 2021 to 2023?** "
            "Give a fraction. $g = (Y_T/Y_0)^{1/T} - 1$, with T the number of years "
            "*between* the two observations."),
        starter=("eco = cy.datasets.load(\"circle_economy\")\n"
                 "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                 "answer = ...   # a fraction, e.g. 0.05 for 5%"),
        solution=("eco = cy.datasets.load(\"circle_economy\")\n"
                  "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                  "answer = cy.metrics.cagr(gdp[2021], gdp[2023], years=2)"),
        printed=4, kind="number", unit="fraction",
        expected=lambda: _cagr(2021, 2023),
        misconceptions=(
            Misconception("total growth, not annualised",
                          lambda: _gdp(2023) / _gdp(2021) - 1,
                          "that is the total growth over two years: the CAGR is the "
                          "constant *yearly* rate, (Y_T/Y_0)^(1/T) - 1."),
            Misconception("counted years, not intervals",
                          lambda: (_gdp(2023) / _gdp(2021)) ** (1 / 3) - 1,
                          "you used T = 3 (counting 2021, 2022, 2023); from 2021 to 2023 "
                          "there are T = 2 years of growth."),
            Misconception("averaged the real growth rates",
                          lambda: sum(datasets.one("circle_economy", year=y, indicator="real_growth")
                                      for y in (2022, 2023)) / 2 / 100,
                          "you averaged the published real growth rates (可比价): the "
                          "question asks for nominal growth of GDP in current prices. Do "
                          "not mix real and nominal."),
        ),
        hints=("cy.metrics.cagr(start, end, years) with years = 2023 - 2021.",),
    ),
    Question(
        id="02.share",
        title="Share of national GDP · 占全国比重",
        prompt=(
            "**What share of China's GDP did the circle produce in 2023?** Give a "
            "fraction. Use the national GDP as first published for 2023 (table "
            "`national_economy`, `vintage == 'preliminary'`): it is the figure the report's "
            "readers had in March 2024. Official figures are revised later (vintage "
            "`revised`), and a share must use numerator and denominator of the same basis."),
        starter=("eco = cy.datasets.load(\"circle_economy\")\n"
                 "nat = cy.datasets.load(\"national_economy\")\n"
                 "answer = ...   # a fraction"),
        solution=(
            "eco = cy.datasets.load(\"circle_economy\")\n"
            "nat = cy.datasets.load(\"national_economy\")\n"
            "circle = eco.query(\"year == 2023 and indicator == 'gdp'\")[\"value\"].item()\n"
            "china = nat.query(\"year == 2023 and indicator == 'gdp' and "
            "vintage == 'preliminary'\")[\"value\"].item()\n"
            "answer = cy.metrics.share(circle, china)"),
        printed=4, kind="number", unit="fraction",
        expected=lambda: _gdp(2023) / _national(2023, "preliminary"),
        misconceptions=(
            Misconception("mixed vintages", lambda: _gdp(2023) / _national(2023, "revised"),
                          "you divided by the *revised* national GDP (after the 5th economic "
                          "census), but the circle's 2023 figure is on the preliminary "
                          "basis: use vintage 'preliminary' for both."),
            Misconception("inverted the share", lambda: _national(2023, "preliminary") / _gdp(2023),
                          "you divided China by the circle: a share is part / total."),
        ),
        hints=("Filter national_economy on year, indicator and vintage so that exactly one "
               "row is left.",),
    ),
    Question(
        id="02.first_year",
        title="Reading a chart · 何时跨过8万亿",
        prompt=(
            "Plot the circle's GDP by year with a horizontal line at 80,000亿元 (8万亿). "
            "**In which year of the table does GDP first exceed 8万亿元?** (The table has "
            "no figure for 2020; the caveats of `circle_economy` say why.)"),
        starter=("eco = cy.datasets.load(\"circle_economy\")\n"
                 "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                 "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                 "ax = gdp.plot(marker=\"o\", xlabel=cy.language.text(\"year\", \"年份\"),\n"
                 "              ylabel=cy.language.text(\"GDP, 100 million yuan\", \"地区生产总值（亿元）\"))\n"
                 "ax.axhline(80000, ls=\"--\")\n"
                 "answer = ...   # a year"),
        solution=("eco = cy.datasets.load(\"circle_economy\")\n"
                  "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                  "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                  "ax = gdp.plot(marker=\"o\", xlabel=cy.language.text(\"year\", \"年份\"),\n"
                  "              ylabel=cy.language.text(\"GDP, 100 million yuan\", \"地区生产总值（亿元）\"))\n"
                  "ax.axhline(80000, ls=\"--\")\n"
                  "answer = gdp[gdp > 80000].index.min()"),
        kind="integer", unit="year",
        expected=lambda: _first_year_above(80000),
        hints=("Find the first point above the dashed line; in code, "
               "gdp[gdp > 80000].index.min().",),
    ),
    Question(
        id="02.project_2030",
        title="A scenario to 2030 · 2030年情景",
        prompt=(
            "Suppose the circle's 2023 GDP grows at 5% a year (a scenario, not a "
            "forecast). **What is GDP in 2030, in 亿元?** $Y_t = Y_0(1+g)^t$."),
        starter=("eco = cy.datasets.load(\"circle_economy\")\n"
                 "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                 "answer = ...   # in 亿元"),
        solution=("eco = cy.datasets.load(\"circle_economy\")\n"
                  "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                  "answer = cy.scenarios.project(gdp[2023], 0.05, years=2030 - 2023)"),
        kind="number", unit="亿元",
        expected=lambda: _gdp(2023) * 1.05 ** 7,
        misconceptions=(
            Misconception("simple growth", lambda: _gdp(2023) * (1 + 0.05 * 7),
                          "you added 5% of the 2023 level each year (simple growth); growth "
                          "compounds: multiply by 1.05 seven times."),
            Misconception("counted years, not intervals", lambda: _gdp(2023) * 1.05 ** 8,
                          "you compounded 8 times; from 2023 to 2030 there are 7 years of "
                          "growth."),
        ),
        hints=("cy.scenarios.project(v0, rate, years) with years = 2030 - 2023.",),
    ),
    Question(
        id="02.required",
        title="Growth needed · 所需增速",
        prompt=(
            "**What constant yearly growth rate takes the circle from its 2023 GDP to "
            "10万亿元 (100,000亿元) in 2030?** Give a fraction."),
        starter=("eco = cy.datasets.load(\"circle_economy\")\n"
                 "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                 "answer = ...   # a fraction"),
        solution=("eco = cy.datasets.load(\"circle_economy\")\n"
                  "gdp = eco[eco[\"indicator\"] == \"gdp\"].set_index(\"year\")[\"value\"]\n"
                  "answer = cy.scenarios.required_growth(gdp[2023], 100000, years=7)"),
        printed=3, kind="number", unit="fraction",
        expected=lambda: (100000 / _gdp(2023)) ** (1 / 7) - 1,
        misconceptions=(
            Misconception("linear growth", lambda: (100000 / _gdp(2023) - 1) / 7,
                          "you spread the total gap evenly over 7 years (linear); with "
                          "compounding the yearly rate is (Y*/Y_0)^(1/T) - 1, a bit lower."),
        ),
        hints=("The same formula as the CAGR, with the target as the end value.",),
    ),
    Question(
        id="02.average_trap",
        title="The averaging trap · 平均增速陷阱",
        prompt=(
            "A toy index goes 100 → 150 → 75: +50% in year one, −50% in year two. "
            "**What is its CAGR over the two years?** Give a fraction."),
        starter="levels = [100, 150, 75]\nanswer = ...   # a fraction",
        solution="levels = [100, 150, 75]\nanswer = cy.metrics.cagr(levels[0], levels[-1], years=2)",
        kind="number", unit="fraction", atol=1e-9,
        expected=(_TOY[2] / _TOY[0]) ** 0.5 - 1,
        misconceptions=(
            Misconception("averaged the yearly rates",
                          lambda: ((_TOY[1] / _TOY[0] - 1) + (_TOY[2] / _TOY[1] - 1)) / 2,
                          "you averaged the yearly growth rates (+50% and −50% average to "
                          "0); the index ends *below* where it started, so the compound "
                          "rate is negative. Use the CAGR."),
        ),
        hints=("Only the first and last levels matter: (75/100)^(1/2) - 1.",),
    ),
    Question(
        id="02.reflection",
        title="A nominal milestone · 名义与实际",
        prompt=(
            "**Is crossing 8万亿元 in 2023 a sign of real growth, of prices, or both? What "
            "would you need to know to tell?** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* 8万亿元 is a level in current prices, so it moves with real "
            "output *and* with prices. The published real growth rates (at comparable "
            "prices, indicator `real_growth`) average below the nominal CAGR of 2021–23, so "
            "part of the rise is prices (the GDP deflator). A round number is a milestone of "
            "presentation, not of economics. To separate the two we need real growth rates "
            "or a deflator, and the vintage: later revisions (5th economic census) shift the "
            "level itself."),
    ),
]


#: The mistakes notebook 02 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'average the yearly rates': 'averaged the yearly rates',
    'vintage': 'mixed vintages',
}
