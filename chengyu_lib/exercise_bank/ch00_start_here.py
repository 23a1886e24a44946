"""Exercise set 00 · the report in brief (mirrors notebooks/00_start_here.ipynb)."""
from . import Misconception, Question
from . import _data as D

SET = {
    "id": "00",
    "name": "start_here",
    "title_en": "The report in brief",
    "title_zh": "报道速览",
    "minutes": 20,
    "notebook": "00_start_here",
    "intro": ("Warm-up questions on the report itself: who speaks, and the headline "
              "figures. They also show you how `check` answers back, including when a "
              "number is right but in the wrong unit (元, 万元, 亿元, 万亿元)."),
}


def _delegates():
    return D.load("article/delegates")


def _proposals():
    return D.load("article/proposals")


def _most_proposals():
    n = _proposals().groupby("delegate_id").size()
    return set(n[n == n.max()].index)


QUESTIONS = [
    Question(
        id="00.delegates",
        title="How many voices · 几位代表委员",
        prompt=("The report interviews deputies of the National People's Congress "
                "(全国人大代表) and members of the CPPCC National Committee (全国政协委员). "
                "**How many people (代表委员) does it interview?** Use "
                "`cy.article.delegates()`, one row per person."),
        starter="delegates = cy.article.delegates()\nanswer = ...",
        solution="delegates = cy.article.delegates()\nanswer = len(delegates)",
        kind="integer", unit="count",
        expected=lambda: len(_delegates()),
        misconceptions=(
            Misconception("counted proposals", lambda: len(_proposals()),
                          "that is the number of rows of cy.article.proposals(): one row "
                          "per proposal, claim or achievement, not per person."),
            Misconception("counted themes", lambda: len(D.load("article/themes")),
                          "that is the number of themes (主题) of the report; count people."),
        ),
        hints=("One row of cy.article.delegates() is one person: len(delegates).",),
    ),
    Question(
        id="00.cppcc",
        title="Which body · 人大与政协",
        prompt=("Column `body` says whether a person is an NPC deputy (`'NPC'`, 全国人大代表) "
                "or a CPPCC member (`'CPPCC'`, 全国政协委员). **How many CPPCC members "
                "speak in the report?**"),
        starter="delegates = cy.article.delegates()\nanswer = ...",
        solution=("delegates = cy.article.delegates()\n"
                  "answer = (delegates[\"body\"] == \"CPPCC\").sum()"),
        kind="integer", unit="count",
        expected=lambda: int((_delegates()["body"] == "CPPCC").sum()),
        misconceptions=(
            Misconception("counted NPC deputies",
                          lambda: int((_delegates()["body"] == "NPC").sum()),
                          "you counted the NPC deputies (全国人大代表); the CPPCC members are "
                          "the 全国政协委员."),
        ),
        hints=("Compare the column with a value, then add up the True values: "
               "(delegates['body'] == 'CPPCC').sum().",),
    ),
    Question(
        id="00.investment",
        title="Total investment · 重大项目总投资",
        prompt=("The 2024 list of major projects for the circle (重大项目清单) has 300 "
                "projects with a total investment of about 3.6万亿元. `cy.article.figures()` "
                "stores every printed figure in base units (元). **Give the total investment "
                "in 亿元** (1 亿元 = 10⁸ 元; 1 万亿元 = 10⁴ 亿元). Its `figure_id` is "
                "`project_investment_2024`."),
        starter=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                 "answer = ...   # in 亿元"),
        solution=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                  "answer = figures.loc[\"project_investment_2024\", \"value\"] / 1e8"),
        kind="number", unit="亿元", rtol=1e-6,
        expected=lambda: D.figure("project_investment_2024") / 1e8,
        hints=("Read the value (in 元) and divide by 10⁸ to get 亿元.",),
    ),
    Question(
        id="00.gdp_wanyi",
        title="Output in 万亿元 · 经济总量",
        prompt=("The report says the circle's GDP in 2023 (地区生产总值) stepped over the "
                "8万亿元 mark. **Give the 2023 GDP in 万亿元** (trillion yuan), from "
                "figure `gdp_2023`."),
        starter=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                 "answer = ...   # in 万亿元"),
        solution=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                  "answer = figures.loc[\"gdp_2023\", \"value\"] / 1e12"),
        printed=1, kind="number", unit="万亿元", rtol=1e-6,
        expected=lambda: D.figure("gdp_2023") / 1e12,
        misconceptions=(
            Misconception("gave the threshold", lambda: D.figure("gdp_threshold") / 1e12,
                          "8 万亿元 is the round mark the report says GDP passed, not the "
                          "GDP itself: read figure 'gdp_2023'."),
        ),
        hints=("1 万亿元 = 10¹² 元: divide the value in 元 by 1e12.",),
    ),
    Question(
        id="00.mean_project",
        title="Average project · 平均项目规模",
        prompt=("**What is the average investment per project on the 2024 list, in "
                "亿元?** Use the figures `project_investment_2024` and `projects_2024`. "
                "(The total is a multi-year investment, not one year's spending.)"),
        starter=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                 "answer = ...   # in 亿元 per project"),
        solution=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                  "total = figures.loc[\"project_investment_2024\", \"value\"] / 1e8\n"
                  "answer = total / figures.loc[\"projects_2024\", \"value\"]"),
        kind="number", unit="亿元", rtol=1e-6,
        expected=lambda: D.figure("project_investment_2024") / 1e8 / D.figure("projects_2024"),
        hints=("Total in 亿元 divided by the number of projects.",),
    ),
    Question(
        id="00.most_proposals",
        title="Reading a chart · 谁的建议最多",
        prompt=("Draw a bar chart of the number of rows in `cy.article.proposals()` per "
                "delegate (`delegate_id`). **Which delegate(s) have the most rows?** Give "
                "a set of `delegate_id`s (there may be a tie)."),
        starter=("proposals = cy.article.proposals()\n"
                 "proposals.groupby(\"delegate_id\").size().sort_values().plot.barh()\n"
                 "answer = ...   # a set, e.g. {\"li_yong\"}"),
        solution=("proposals = cy.article.proposals()\n"
                  "per_delegate = proposals.groupby(\"delegate_id\").size()\n"
                  "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                  "per_delegate.sort_values().plot.barh(xlabel=cy.language.text(\n"
                  "    \"rows (proposals, claims, achievements)\", \"条目数（建议、观点与成绩）\"))\n"
                  "answer = set(per_delegate[per_delegate == per_delegate.max()].index)"),
        kind="set",
        expected=_most_proposals,
        hints=("Look for the longest bars; with a tie, give every delegate_id with the "
               "maximum.",),
    ),
    Question(
        id="00.reflection",
        title="Your question · 你想检验什么",
        prompt=("**Which claim in the report would you most like to test with data, and "
                "what data would you need?** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* 李谢华 says the two cores' pillar industries overlap "
            "(支柱产业重合度较高) and that the cities scramble for the same projects. To test "
            "it we need output or revenue by industry (two-digit GB/T 4754 codes) for "
            "Chengdu and Chongqing, and a benchmark (China), to compute location quotients "
            "and a similarity index (notebook 04). A second option: 黎勇's 'nearly 15%' "
            "share of social-security services in 川渝通办 needs counts of handled items by "
            "field (notebook 08)."),
    ),
]


#: The mistakes notebook 00 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS: dict = {}
