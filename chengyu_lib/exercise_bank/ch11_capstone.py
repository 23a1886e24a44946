"""Exercise set 11 · capstone: test a delegate's claim (mirrors notebooks/11_capstone.ipynb)."""
from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "11",
    "name": "capstone",
    "title_en": "Capstone: test a delegate's claim",
    "title_zh": "综合实践：检验一条代表委员的主张",
    "minutes": 60,
    "notebook": "11_capstone",
    "intro": ("Choose one claim from `cy.widgets.claim_table()`, practise the five steps "
              "(claim → measurable quantity → table → method → what counts) on the worked "
              "example, and hand in a memo of about 300 words (or 500 汉字) checked with "
              "`cy.widgets.memo_feedback`."),
}


def _claims():
    from ..widgets import ch11_capstone

    return ch11_capstone.claim_table()


def _choices():
    t = _claims()
    return tuple(t.loc[~t["worked_example"], "claim_id"])


def _kind_ids(kinds):
    p = D.load("article/proposals")
    return tuple(p.loc[p["kind"].isin(kinds), "proposal_id"])


def _untestable():
    listed = set(_claims()["claim_id"])
    return tuple(i for i in _kind_ids(["claim", "achievement"]) if i not in listed)


def _delegate_ids():
    return tuple(D.load("article/delegates")["delegate_id"])


def _by_notebook(nb, kinds=None):
    t = _claims()
    p = D.load("article/proposals").set_index("proposal_id")
    ids = [c for c, n in zip(t["claim_id"], t["notebooks"]) if nb in n.split(", ")]
    if kinds is not None:
        ids = [c for c in ids if p.loc[c, "kind"] in kinds]
    return set(ids)


def _all_rows_of(nb):
    p = D.load("article/proposals")
    return set(p.loc[p["notebook"].astype(str).str.zfill(2) == nb, "proposal_id"])


def _cluster(basis, indicator="output_value", year=None):
    df = D.load("industry_clusters")
    m = ((df["basis"] == basis) & (df["indicator"] == indicator)
         & df["industry"].isin(["electronics", "electronics_cluster"])
         & df["region"].isin(["ccec", "chuanyu"]))
    if year is not None:
        m &= df["year"] == year
    return datasets.one(df[m])


def _y1():
    return D.figure("electronics_cluster") / 1e8


_SIZES = (
    "ic = cy.datasets.load(\"industry_clusters\")\n"
    "miit = ic.query(\"basis == 'miit_cluster' and indicator == 'output_value'\")\n"
    "f = cy.article.figures().set_index(\"figure_id\")\n")

_MEMO = (
    "**Claim.** Li Xiehua (李谢华, NPC deputy) reports that a three-year joint drive has "
    "made the Chengdu–Chongqing electronics cluster worth more than 1.6万亿元 and one of "
    "the largest in China (li_xiehua_01; art-report).\n\n"
    "**Question.** I tested two quantities: the cluster's output value on one definition "
    "over time, and its share of national electronics output, set beside the circle's "
    "share of national GDP.\n\n"
    "**Evidence.** On the definition used when the ministry designated the cluster, its "
    "size was printed as 超1.5万亿元 in December 2022, 超1.6万亿元 in the report for 2023 "
    "and 1.72万亿元 in 2025 (industry_clusters). The step from 1.5 to 1.6 is +6.7%, "
    "between two rounded lower bounds. In 2022 the cluster held close to 10% of national "
    "electronics output, about 1.56 times the circle's 6.4% share of national GDP "
    "(circle_economy).\n\n"
    "**Verdict.** The size part holds on its own terms and is not falling, and "
    "electronics is over-represented in the circle. Whether the cluster is among the "
    "largest is undecided. For a reader weighing cluster policy: the 1.6万亿元 figure "
    "can be quoted with its definition, but a claim of national leadership needs a "
    "source from outside the two provinces.\n\n"
    "**Gaps.** The course has no other cluster's output for the same year and definition; "
    "the only ranking, second among 16 next-generation IT clusters, was stated at a "
    "meeting of the two cities themselves, without a reference year. The 2.2万亿元 "
    "printed for 2022 counts a wider industry: reading it as an earlier value invents a "
    "27% fall. Output value counts inputs twice, so it cannot be divided by GDP. The "
    "shares carry 近 and 超, and the cluster's member cities are not exactly the "
    "circle's, so the ratio of 1.56 is rough.\n\n"
    "**What would change the conclusion.** A ministry list of every national cluster's "
    "output for one year, on one definition, would settle the rank; a same-definition "
    "figure below 1.6万亿元 for 2024 would overturn the growth part.")


QUESTIONS = [
    Question(
        id="11.claim_id",
        title="Your claim · 选择主张",
        prompt=(
            "Run `cy.widgets.claim_table()` (or the explorer in the notebook) and choose "
            "the claim you will test. **Give its `claim_id` as a string**, e.g. "
            "`'xu_hongbin_01'`. The worked example `li_xiehua_01` is taken: choose "
            "another. Any of the other eleven is right."),
        starter="claims = cy.widgets.claim_table()\nanswer = ...  # a claim_id, in quotes",
        solution=("claims = cy.widgets.claim_table()\n"
                  "print(cy.widgets.claim_card(\"li_yong_03\"))\n"
                  "answer = \"li_yong_03\""),
        kind="string",
        expected=_choices,
        misconceptions=(
            Misconception(
                "the worked example",
                lambda: ("li_xiehua_01",),
                "that is the notebook's worked example, already tested there: choose one "
                "of the other eleven claims, so your memo adds something new."),
            Misconception(
                "a delegate, not a claim",
                _delegate_ids,
                "that is a delegate's id: each delegate makes several statements, so "
                "choose one of their claims, e.g. 'li_yong_03' (column claim_id)."),
            Misconception(
                "a proposal, not a claim",
                lambda: _kind_ids(["proposal"]),
                "that row is a proposal (建议): it says what should be done, and data "
                "cannot show it true or false. Choose a claim or achievement from "
                "claim_table()."),
            Misconception(
                "a claim the course cannot test",
                _untestable,
                "that claim or achievement is not in claim_table(): no course table bears "
                "on it (a meeting held, a machine built). Choose one the table lists."),
        ),
        hints=("`claims[\"claim_id\"]` lists the valid ids; the one with "
               "`worked_example == True` is taken.",),
    ),
    Question(
        id="11.tongban_claims",
        title="Which claims can 08 test? · 哪些主张可用08检验",
        prompt=(
            "Notebook 08 studies 川渝通办 (Chuān-Yú tōngbàn) as policy diffusion. **Which "
            "claim ids in `cy.widgets.claim_table()` list notebook 08 in their "
            "`notebooks` column?** Give a set of ids. Keep claims *and* achievements; "
            "leave proposals out."),
        starter="claims = cy.widgets.claim_table()\nanswer = ...  # a set of claim ids",
        solution=("claims = cy.widgets.claim_table()\n"
                  "has_08 = claims[\"notebooks\"].str.contains(\"08\")\n"
                  "answer = set(claims.loc[has_08, \"claim_id\"])"),
        kind="set",
        expected=lambda: _by_notebook("08"),
        misconceptions=(
            Misconception(
                "proposals included",
                lambda: _all_rows_of("08"),
                "those are all rows of cy.article.proposals() linked to notebook 08, "
                "proposals included; a proposal says what should be done and cannot be "
                "tested. Use claim_table(), which keeps claims and achievements only."),
            Misconception(
                "achievements left out",
                lambda: _by_notebook("08", kinds=("claim",)),
                "you kept only kind == 'claim'; an achievement (成绩) is a claim about "
                "what has been done, and can be tested too."),
        ),
        hints=("`claims[\"notebooks\"].str.contains(\"08\")` marks the rows that list "
               "notebook 08.",),
    ),
    Question(
        id="11.cluster_growth",
        title="Worked example: same definition · 同口径增长",
        prompt=(
            "In the worked example, the MIIT-designated electronics cluster "
            "(`basis == 'miit_cluster'` in `industry_clusters`) was printed at 超1.5万亿元 "
            "when named in 2022, and the report puts it at 超1.6万亿元 for 2023 "
            "(`electronics_cluster` in `cy.article.figures()`, in 元). **By how many "
            "percent did the printed size change, $g = Y_1/Y_0 - 1$?** Give percent "
            "(e.g. 5.0 for 5%)."),
        starter=_SIZES + "answer = ...  # percent",
        solution=(_SIZES + "Y0 = miit.query(\"year == 2022\")[\"value\"].item()\n"
                  "Y1 = f.loc[\"electronics_cluster\", \"value\"] / 1e8   # 元 → 亿元\n"
                  "answer = (Y1 / Y0 - 1) * 100"),
        expected=lambda: (_y1() / _cluster("miit_cluster", year=2022) - 1) * 100,
        printed=2, unit="percent",
        misconceptions=(
            Misconception(
                "mixed definitions",
                lambda: (_y1() / _cluster("eic", year=2022) - 1) * 100,
                "you compared the cluster with the 2.2万亿 row, whose basis is 'eic': the "
                "two provinces' whole electronics industry, a wider definition. The "
                "cluster did not shrink; compare rows with the same basis."),
            Misconception(
                "divided by the later value",
                lambda: (1 - _cluster("miit_cluster", year=2022) / _y1()) * 100,
                "you divided the change by the 2023 value; a growth rate divides by the "
                "earlier one, Y0."),
        ),
        hints=("Both sizes must be in 亿元: the figure's value is in 元, divide by 1e8.",
               "Y0 is the miit_cluster output_value of 2022."),
    ),
    Question(
        id="11.memo",
        title="Your memo · 你的备忘录",
        prompt=(
            "Write your memo on the claim you chose in 11.claim_id: about 300 English words "
            "or 500 汉字, for a policy reader. Give the claim (whose, what), the measurable "
            "question, two or three numbers with unit, year and table or source id, your "
            "verdict, the gaps, and what would change the conclusion. **Check the draft "
            "with `print(cy.widgets.memo_feedback(answer, claim_id))` before you hand it "
            "in.** The model answer below is a memo on the worked example, not on your "
            "claim."),
        starter=("# claim_id = \"...\"   # your claim, as in 11.claim_id\n"
                 "# print(cy.widgets.memo_feedback(answer, claim_id))\n"
                 "answer = \"\"\"\n...\n\"\"\""),
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer="*A memo on the worked example (about 280 words).*\n\n" + _MEMO,
    ),
]


#: The mistakes notebook 11 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    '2.2万亿': 'mixed definitions',
    '`eic`': 'mixed definitions',
}
