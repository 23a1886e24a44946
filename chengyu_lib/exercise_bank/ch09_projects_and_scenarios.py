"""Exercise set 09 · projects and scenarios (mirrors notebooks/09_projects_and_scenarios.ipynb)."""
import math

from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "09",
    "name": "projects_and_scenarios",
    "title_en": "Projects and scenarios",
    "title_zh": "重大项目与情景预测",
    "minutes": 35,
    "notebook": "09_projects_and_scenarios",
    "intro": ("Stocks and flows in the joint project list (`major_projects`, 亿元) and "
              "growth scenarios for the circle's GDP from the report's 2023 figure "
              "(`cy.article.figures()`, row `gdp_2023`, stored in 元). Scenario rates are "
              "nominal growth rates, written as fractions (0.05 for 5%)."),
}


def _y0():
    """The report's 2023 GDP in 亿元."""
    return D.figure("gdp_2023") / 1e8


def _investment():
    """Total investment of the 2024 list in 亿元."""
    return D.figure("project_investment_2024") / 1e8


def _projects(year, category, indicator, period="list"):
    return datasets.one("major_projects", year=year, category=category, indicator=indicator,
                        period=period)


_TARGET = 100000.0      # 10万亿元 in 亿元
_T = 2030 - 2023

_Y0_CODE = ("fig = cy.article.figures().set_index(\"figure_id\")\n"
            "Y0 = fig.loc[\"gdp_2023\", \"value\"] / 1e8      # 元 → 亿元\n")

QUESTIONS = [
    Question(
        id="09.mean_size",
        title="Mean project size · 项目平均规模",
        prompt=(
            "The report gives the 2024 list of major joint projects (重大项目清单): 300 "
            "projects with a total investment of about 3.6万亿元 (rows `projects_2024` and "
            "`project_investment_2024` of `cy.article.figures()`, stored in 个 and 元). "
            "**What is the mean total investment per project, in 亿元?**"),
        starter=("fig = cy.article.figures().set_index(\"figure_id\")\n"
                 "answer = ...   # in 亿元"),
        solution=("fig = cy.article.figures().set_index(\"figure_id\")\n"
                  "I = fig.loc[\"project_investment_2024\", \"value\"] / 1e8   # 元 → 亿元\n"
                  "N = fig.loc[\"projects_2024\", \"value\"]\n"
                  "answer = I / N"),
        kind="number", unit="亿元",
        expected=lambda: _investment() / D.figure("projects_2024"),
        misconceptions=(
            Misconception("projects per unit of money",
                          lambda: D.figure("projects_2024") / _investment(),
                          "you divided the number of projects by the investment; the mean "
                          "size is investment / number of projects."),
        ),
        hints=("Convert 元 to 亿元 (÷ 10^8) and divide by the 300 projects.",),
    ),
    Question(
        id="09.stock_flow",
        title="Stock or flow · 存量与流量",
        prompt=(
            "The 2023 list had a total investment of 3.25万亿元 over the projects' whole "
            "life (a **stock**), and in 2023 its projects completed 4,138.4亿元 of "
            "investment (a **flow**, table `major_projects`, year 2023, category `total`, "
            "indicator `completed_investment`). The circle's GDP in 2023 was 81,986.67亿元 "
            "(the report). **How large was the investment the listed projects completed "
            "in 2023, as a fraction of the circle's 2023 GDP?** Compare a flow with a flow."),
        starter=("projects = cy.datasets.load(\"major_projects\")\n" + _Y0_CODE
                 + "answer = ...   # a fraction"),
        solution=("projects = cy.datasets.load(\"major_projects\")\n" + _Y0_CODE
                  + "done = projects.query(\"year == 2023 and category == 'total' and "
                    "indicator == 'completed_investment'\")[\"value\"].item()\n"
                    "answer = cy.metrics.share(done, Y0)"),
        printed=4, kind="number", unit="fraction",
        expected=lambda: _projects(2023, "total", "completed_investment", "full_year") / _y0(),
        misconceptions=(
            Misconception("divided a stock by a flow",
                          lambda: _projects(2023, "total", "total_investment") / _y0(),
                          "you divided the list's total investment — a stock, spent over "
                          "about a decade — by one year's GDP, a flow. That ratio is not a "
                          "share of anything; use the investment completed in 2023."),
            Misconception("the 2024 list over 2023 GDP",
                          lambda: _investment() / _y0(),
                          "you took the 2024 list's 3.6万亿 total investment: a stock, and "
                          "of another year. Use the flow completed in 2023."),
        ),
        hints=("Filter year 2023, category 'total', indicator 'completed_investment'; "
               "divide by Y0.",),
    ),
    Question(
        id="09.gdp_2030",
        title="A scenario to 2030 · 2030年情景",
        prompt=(
            "Scenario (not a forecast): the circle's GDP grows at 5% a year, nominal, from "
            "the report's 2023 level. **What is GDP in 2030, in 万亿元?** "
            "$Y_T = Y_0(1+g)^T$."),
        starter=(_Y0_CODE + "answer = ...   # in 万亿元"),
        solution=(_Y0_CODE + "answer = cy.scenarios.project(Y0, 0.05, 2030 - 2023) / 1e4"),
        printed=2, kind="number", unit="万亿元",
        expected=lambda: _y0() * 1.05 ** _T / 1e4,
        misconceptions=(
            Misconception("simple growth", lambda: _y0() * (1 + 0.05 * _T) / 1e4,
                          "you added 5% of the 2023 level each year (simple growth); growth "
                          "compounds: multiply by 1.05 seven times."),
            Misconception("counted years, not steps", lambda: _y0() * 1.05 ** 8 / 1e4,
                          "you compounded 8 times; from 2023 to 2030 there are T = 7 years "
                          "of growth."),
        ),
        hints=("cy.scenarios.project(Y0, 0.05, 7), then ÷ 10^4 for 万亿元.",),
    ),
    Question(
        id="09.required",
        title="Growth needed for 10万亿 · 所需增速",
        prompt=(
            "**What constant yearly growth rate takes the circle from the report's 2023 "
            "GDP to 10万亿元 (100,000亿元) in 2030?** Give a fraction. "
            "$g = (Y^*/Y_0)^{1/T} - 1$."),
        starter=(_Y0_CODE + "answer = ...   # a fraction"),
        solution=(_Y0_CODE + "answer = cy.scenarios.required_growth(Y0, 100000, 2030 - 2023)"),
        printed=4, kind="number", unit="fraction",
        expected=lambda: (_TARGET / _y0()) ** (1 / _T) - 1,
        misconceptions=(
            Misconception("simple instead of compound growth",
                          lambda: (_TARGET / _y0() - 1) / _T,
                          "you spread the total gap evenly over 7 years (simple growth); "
                          "with compounding the rate is (Y*/Y_0)^(1/T) - 1, a bit lower."),
            Misconception("counted years, not steps",
                          lambda: (_TARGET / _y0()) ** (1 / 8) - 1,
                          "you used T = 8 (counting 2023 … 2030); from 2023 to 2030 there "
                          "are T = 7 years of growth."),
        ),
        hints=("cy.scenarios.required_growth(Y0, target, years) with years = 2030 - 2023.",),
    ),
    Question(
        id="09.reach_year",
        title="When is 10万亿 reached? · 何时达到10万亿",
        prompt=(
            "At 5% a year from the report's 2023 GDP, **in which calendar year does the "
            "circle's GDP first reach or pass 10万亿元?** Draw the path "
            "(`cy.widgets.scenario_figure(0.05, 100000)`) or solve "
            "$t^* = \\ln(Y^*/Y_0)/\\ln(1+g)$ and think about what a fraction of a year "
            "means for yearly figures."),
        starter=(_Y0_CODE + "ax = cy.widgets.scenario_figure(0.05, 100000)\n"
                 "answer = ...   # a year"),
        solution=(_Y0_CODE + "ax = cy.widgets.scenario_figure(0.05, 100000)\n"
                  "t = cy.scenarios.years_to_reach(Y0, 100000, 0.05)   # 4.07 years\n"
                  "answer = cy.widgets.scenario_view(0.05, 100000).reach_year"),
        kind="integer", unit="year",
        expected=lambda: 2023 + math.ceil(math.log(_TARGET / _y0()) / math.log(1.05)),
        misconceptions=(
            Misconception("rounded the years down",
                          lambda: 2023 + math.floor(math.log(_TARGET / _y0())
                                                    / math.log(1.05)),
                          "you rounded 4.07 years down: after 4 years (2027) GDP is 9.97万亿, "
                          "still below the target; the first year at or above it is one "
                          "year later."),
        ),
        hints=("t* = 4.07 years after 2023: the 2027 level is just short, so look at the "
               "next year.",),
    ),
    Question(
        id="09.reflection",
        title="Scenario, not forecast · 情景不是预测",
        prompt=(
            "A headline says: \"The circle will pass 11万亿 by 2030, and its 3.6万亿 of "
            "projects equal 44% of its economy.\" **Rewrite the claim so that it is "
            "correct, and say what you would need to know to turn the scenario into a "
            "real-terms statement.** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* *If* the circle's GDP grew 5% a year in current prices from "
            "its 2023 level of 81,986.67亿, it would reach about 11.54万亿 in 2030 — a "
            "scenario built on an assumed rate, not a forecast. The 3.6万亿 is the lifetime "
            "cost of the 2024 list (a stock), spent over roughly eight to ten years, so it "
            "is not 44% of one year's GDP (a flow); in 2023 listed projects completed about "
            "5% of that year's GDP. To state the scenario in real terms we would need a "
            "path for prices (the GDP deflator): published growth rates are real, while "
            "the level and the target are nominal."),
    ),
]


#: The mistakes notebook 09 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'stock by': 'the 2024 list over 2023 GDP',
    'stock–flow': 'divided a stock by a flow',
    'stock-flow': 'divided a stock by a flow',
}
