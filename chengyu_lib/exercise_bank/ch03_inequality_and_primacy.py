"""Exercise set 03 · inequality and primacy (mirrors notebooks/03_inequality_and_primacy.ipynb)."""
import math

from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "03",
    "name": "inequality_and_primacy",
    "title_en": "Inequality and primacy",
    "title_zh": "区域差距与首位度",
    "minutes": 35,
    "notebook": "03_inequality_and_primacy",
    "intro": ("How much do the two cores dominate, and how unequal is output per person? "
              "City GDP comes from `city_economy` (2023, first-published figures); the "
              "table does not cover every Sichuan city, so rankings refer to the cities it "
              "has. Chongqing as a whole municipality (全市) is in `province_economy`."),
}


def _city_gdp(city, boundary="whole", year=2023):
    return datasets.one("city_economy", city_id=city, boundary=boundary, year=year,
                        indicator="gdp")


def _cq(indicator="gdp"):
    return datasets.one("province_economy", year=2023, indicator=indicator, region="chongqing",
                   vintage="preliminary")


def _sc(indicator="gdp"):
    return datasets.one("province_economy", year=2023, indicator=indicator, region="sichuan",
                   vintage="preliminary")


def _sichuan_gdp():
    """2023 GDP (whole city) of the Sichuan cities in the table, largest first."""
    df = D.load("city_economy")
    cities = D.load("cities").set_index("city_id")
    m = (df["year"] == 2023) & (df["indicator"] == "gdp") & (df["boundary"] == "whole")
    s = df[m].set_index("city_id")["value"]
    s = s[[cities.loc[c, "province"] == "Sichuan" for c in s.index]]
    return s.sort_values(ascending=False)


def _theil(values, pops):
    X, P = sum(values), sum(pops)
    return sum((x / X) * math.log((x / X) / (p / P)) for x, p in zip(values, pops))


# toy regions for the decomposition (given in the prompt)
TOY_GDP = (40.0, 20.0, 10.0, 10.0)
TOY_POP = (10.0, 10.0, 10.0, 10.0)
TOY_GROUPS = ("A", "A", "B", "B")


def _toy_parts():
    total = _theil(TOY_GDP, TOY_POP)
    X, P = sum(TOY_GDP), sum(TOY_POP)
    between = within = 0.0
    for g in sorted(set(TOY_GROUPS)):
        x = [v for v, k in zip(TOY_GDP, TOY_GROUPS) if k == g]
        p = [v for v, k in zip(TOY_POP, TOY_GROUPS) if k == g]
        s_g, p_g = sum(x) / X, sum(p) / P
        between += s_g * math.log(s_g / p_g)
        within += s_g * _theil(x, p)
    return total, between, within


def _third():
    return D.name_forms("cities", "city_id", _sichuan_gdp().index[2])


# The lines that pick 2023 GDP of the Sichuan cities, shared by several answer cells.
SICHUAN_GDP_CODE = (
    "ce = cy.datasets.load(\"city_economy\")\n"
    "cities = cy.datasets.load(\"cities\")\n"
    "sichuan = cities.loc[cities[\"province\"] == \"Sichuan\", \"city_id\"]\n"
    "gdp = ce.query(\"year == 2023 and indicator == 'gdp' and boundary == 'whole'\")\n"
    "gdp = gdp[gdp[\"city_id\"].isin(sichuan)].set_index(\"city_id\")[\"value\"]\n")


QUESTIONS = [
    Question(
        id="03.s2",
        title="Two-city primacy · 双核首位度",
        prompt=(
            "**What is the two-city primacy index $S_2 = P_1/P_2$ of the circle's two cores "
            "by 2023 GDP**, with Chongqing as the whole municipality (全市, table "
            "`province_economy`) and Chengdu as the whole city (table `city_economy`, "
            "`boundary == 'whole'`)?"),
        starter=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "ce = cy.datasets.load(\"city_economy\")\n"
            "answer = ..."),
        solution=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "ce = cy.datasets.load(\"city_economy\")\n"
            "chongqing = pe.query(\"region == 'chongqing' and year == 2023 and "
            "indicator == 'gdp'\")[\"value\"].item()\n"
            "chengdu = ce.query(\"city_id == 'chengdu' and boundary == 'whole' and "
            "year == 2023 and indicator == 'gdp'\")[\"value\"].item()\n"
            "answer = cy.metrics.primacy([chongqing, chengdu], k=2)"),
        printed=2, kind="number", unit="ratio",
        expected=lambda: _cq() / _city_gdp("chengdu"),
        misconceptions=(
            Misconception("inverted", lambda: _city_gdp("chengdu") / _cq(),
                          "you divided the smaller by the larger: S₂ = P₁/P₂ with P₁ the "
                          "largest, so S₂ ≥ 1."),
            Misconception("mixed boundaries",
                          lambda: _city_gdp("chongqing", "main_metro_area") / _city_gdp("chengdu"),
                          "you used Chongqing's main metropolitan area (主城都市区) instead of "
                          "the whole municipality (全市): the boundary changes the index "
                          "(modifiable areal unit problem)."),
        ),
        hints=("cy.metrics.primacy([a, b], k=2) sorts the values for you.",),
    ),
    Question(
        id="03.sichuan_primacy",
        title="Primacy inside Sichuan · 成都首位度",
        prompt=(
            "Among the Sichuan cities in `city_economy` (2023 GDP, `boundary == 'whole'`), "
            "**what is $S_2$ = Chengdu / the second city?** Compare it with the "
            "rank–size norm of 2: is Chengdu a primate city (首位城市)?"),
        starter=(
            "ce = cy.datasets.load(\"city_economy\")\n"
            "cities = cy.datasets.load(\"cities\")\n"
            "answer = ..."),
        solution=(
            SICHUAN_GDP_CODE
            + "answer = cy.metrics.primacy(gdp, k=2)"),
        printed=2, kind="number", unit="ratio",
        expected=lambda: _sichuan_gdp().iloc[0] / _sichuan_gdp().iloc[1],
        misconceptions=(
            Misconception("inverted", lambda: _sichuan_gdp().iloc[1] / _sichuan_gdp().iloc[0],
                          "you divided the second city by the first: S₂ = P₁/P₂ with P₁ the "
                          "largest, so S₂ ≥ 1."),
            Misconception("computed S4", lambda: _sichuan_gdp().iloc[0] / _sichuan_gdp().iloc[1:4].sum(),
                          "that is S₄ = P₁/(P₂+P₃+P₄); the question asks for S₂ = P₁/P₂."),
            Misconception("included Chongqing",
                          lambda: max(_cq(), _city_gdp("chengdu")) / min(_cq(), _city_gdp("chengdu")),
                          "you included Chongqing, which is not in Sichuan: keep the cities "
                          "whose province is Sichuan."),
        ),
        hints=("Keep Sichuan's cities (table cities, column province), then "
               "cy.metrics.primacy(gdp, k=2).",),
    ),
    Question(
        id="03.third_city",
        title="Reading a chart · 第三大城市",
        prompt=(
            "Draw a ranked bar chart of 2023 GDP of the Sichuan cities in `city_economy`. "
            "**Which city ranks third?** (A Chinese name, pinyin or English name is fine.)"),
        starter=(
            SICHUAN_GDP_CODE
            + "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
            "gdp.sort_values().plot.barh(xlabel=cy.language.text(\n"
            "    \"GDP 2023, 100 million yuan\", \"2023年地区生产总值（亿元）\"))\n"
            "answer = ...   # a city name in quotes: Chinese, pinyin or English"),
        solution=(
            SICHUAN_GDP_CODE
            + "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
            "gdp.sort_values().plot.barh(xlabel=cy.language.text(\n"
            "    \"GDP 2023, 100 million yuan\", \"2023年地区生产总值（亿元）\"))\n"
            "answer = gdp.sort_values(ascending=False).index[2]"),
        kind="string",
        expected=_third,
        misconceptions=(
            Misconception("counted from zero", lambda: D.name_forms(
                "cities", "city_id", _sichuan_gdp().index[3]),
                "that city ranks fourth, not third. Counting from zero, the third city of "
                "a sorted index is .index[2]; .index[3] is the fourth."),
        ),
        hints=("Sort from largest to smallest; the first is Chengdu.",),
    ),
    Question(
        id="03.theil",
        title="Theil index · 泰尔指数",
        prompt=(
            "Treat Chongqing and Sichuan as two regions (table `province_economy`, 2023, "
            "`gdp` in 亿元 and `population` in 万人). **What is the Theil T index** "
            "$T = \\sum_i s_i \\ln(s_i/p_i)$, with $s_i$ the GDP share and $p_i$ the "
            "population share?"),
        starter=("pe = cy.datasets.load(\"province_economy\")\n"
                 "y23 = pe[pe[\"year\"] == 2023]\n"
                 "answer = ..."),
        solution=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "y23 = pe[pe[\"year\"] == 2023]\n"
            "gdp = y23[y23[\"indicator\"] == \"gdp\"].set_index(\"region\")[\"value\"]\n"
            "pop = y23[y23[\"indicator\"] == \"population\"].set_index(\"region\")[\"value\"]\n"
            "answer = cy.metrics.theil(gdp, pop)"),
        printed=4, kind="number", unit="index", rtol=1e-3,
        expected=lambda: _theil([_cq(), _sc()], [_cq("population"), _sc("population")]),
        misconceptions=(
            Misconception("swapped s and p",
                          lambda: _theil([_cq("population"), _sc("population")], [_cq(), _sc()]),
                          "you swapped s and p: the weights outside the log are the GDP "
                          "shares s_i, and the ratio inside is s_i / p_i."),
            Misconception("used per-capita values as totals",
                          lambda: _theil([_cq() / _cq("population"), _sc() / _sc("population")],
                                         [_cq("population"), _sc("population")]),
                          "you gave GDP per person where totals were expected: s_i is each "
                          "region's share of total GDP, so use GDP itself."),
        ),
        hints=("cy.metrics.theil(values, population) takes totals (GDP), not per-capita "
               "values.",),
    ),
    Question(
        id="03.between_share",
        title="Between and within · 组间与组内",
        prompt=(
            "Four toy regions have GDP (40, 20, 10, 10) and population (10, 10, 10, 10); "
            "regions 1–2 form group A and regions 3–4 group B. Theil T splits exactly into "
            "within + between = total. **What fraction of the total is *between* the "
            "groups?** Give a fraction."),
        starter=("gdp = [40, 20, 10, 10]\npop = [10, 10, 10, 10]\n"
                 "groups = [\"A\", \"A\", \"B\", \"B\"]\nanswer = ...   # a fraction"),
        solution=("gdp = [40, 20, 10, 10]\npop = [10, 10, 10, 10]\n"
                  "groups = [\"A\", \"A\", \"B\", \"B\"]\n"
                  "parts = cy.metrics.theil_decomposition(gdp, pop, groups)\n"
                  "print(f\"within + between = {parts.within + parts.between:.6f}, "
                  "total = {parts.total:.6f}\")\n"
                  "answer = parts.between / parts.total"),
        printed=2, kind="number", unit="fraction",
        expected=lambda: _toy_parts()[1] / _toy_parts()[0],
        misconceptions=(
            Misconception("gave the within share", lambda: _toy_parts()[2] / _toy_parts()[0],
                          "that is the *within*-group share; between = total - within."),
            Misconception("gave the between part itself", lambda: _toy_parts()[1],
                          "that is the between component itself; the question asks for its "
                          "share of the total (between / total)."),
        ),
        hints=("cy.metrics.theil_decomposition(values, population, groups) returns "
               ".between and .total.",),
    ),
    Question(
        id="03.reflection",
        title="Which Chongqing? · 哪个重庆",
        prompt=(
            "Chongqing's 全市 (the whole municipality, with large rural counties) and its "
            "主城都市区 (main metropolitan area) give different primacy indices. **Which boundary "
            "would you use to compare Chongqing with Chengdu, and why?** Two or three "
            "sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* It depends on the question. To compare two *cities* as "
            "urban economies, the main metropolitan area is closer to Chengdu's built-up "
            "city, and the whole municipality overstates Chongqing, a province-sized unit "
            "with large rural counties. To compare two *administrations* (budgets, policy), "
            "全市 is the right unit. Either way, state the boundary, and check whether the "
            "conclusion survives the other one: that is the modifiable areal unit problem."),
    ),
]


#: The mistakes notebook 03 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    '市辖区': 'mixed boundaries',
    'metropolitan area': 'mixed boundaries',
    'invert': 'inverted',
    'smaller by the larger': 'inverted',
    'positions count from zero': 'counted from zero',
}
