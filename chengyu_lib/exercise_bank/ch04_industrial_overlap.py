"""Exercise set 04 · testing the overlap claim (mirrors notebooks/04_industrial_overlap.ipynb)."""
from . import Misconception, Question
from . import _data as D

SET = {
    "id": "04",
    "name": "industrial_overlap",
    "title_en": "Testing the overlap claim",
    "title_zh": "产业同构检验",
    "minutes": 35,
    "notebook": "04_industrial_overlap",
    "intro": ("李谢华 says the two cores' pillar industries overlap (产业同构). Here you compute "
              "the indices that turn the claim into numbers: the structure-similarity "
              "coefficient S, the Krugman index K and location quotients (区位商). The "
              "course data has three-sector value added by province; two-digit industry "
              "data was not found, so the industry-level test stays in the notebook's "
              "discussion."),
}

# toy industry shares of two regions (given in the prompt; pure arithmetic)
A = (0.07, 0.39, 0.54)
B = (0.03, 0.30, 0.67)
SECTORS = ["primary", "secondary", "tertiary"]


def _similarity(a, b):
    num = sum(x * y for x, y in zip(a, b))
    return num / (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5


def _table(year=2023):
    """regions × sectors value added (亿元), first-published vintage."""
    df = D.load("province_economy")
    m = (df["year"] == year) & df["indicator"].isin(SECTORS) & (df["vintage"] == "preliminary")
    return df[m].pivot(index="region", columns="indicator", values="value")[SECTORS]


def _lq():
    t = _table()
    shares = t.div(t.sum(axis=1), axis=0)
    bench = t.sum(axis=0) / t.to_numpy().sum()
    return shares / bench


def _shares(region):
    t = _table()
    row = t.loc[region]
    return row / row.sum()


_SECTOR_NAMES = {"primary": ("primary", "第一产业", "一产"),
                 "secondary": ("secondary", "第二产业", "二产"),
                 "tertiary": ("tertiary", "第三产业", "三产")}

# The lines that draw Chongqing's location quotients (the solution; the starter leaves the
# location quotients to the learner, since computing them is question 04.lq).
LQ_CHART_CODE = (
    "pe = cy.datasets.load(\"province_economy\")\n"
    "rows = pe.query(\"year == 2023 and vintage == 'preliminary' and "
    "indicator in ['primary', 'secondary', 'tertiary']\")\n"
    "table = rows.pivot(index=\"region\", columns=\"indicator\", values=\"value\")\n"
    "lq = cy.metrics.location_quotient(table)\n"
    "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
    "ax = lq.loc[\"chongqing\"].plot.bar(ylabel=cy.language.text(\"location quotient\", \"区位商\"))\n"
    "ax.axhline(1, ls=\"--\")\n")


QUESTIONS = [
    Question(
        id="04.similarity",
        title="Structure similarity · 产业结构相似系数",
        prompt=(
            "Two toy regions have industry shares a = (0.07, 0.39, 0.54) and "
            "b = (0.03, 0.30, 0.67). **What is their structure-similarity coefficient** "
            "$S = \\sum_i a_i b_i / \\sqrt{\\sum_i a_i^2 \\sum_i b_i^2}$?"),
        starter="a = [0.07, 0.39, 0.54]\nb = [0.03, 0.30, 0.67]\nanswer = ...",
        solution=("a = [0.07, 0.39, 0.54]\nb = [0.03, 0.30, 0.67]\n"
                  "answer = cy.metrics.similarity_coefficient(a, b)"),
        printed=2, kind="number", unit="index",
        expected=_similarity(A, B),
        misconceptions=(
            Misconception("forgot to normalise", lambda: sum(x * y for x, y in zip(A, B)),
                          "you computed the plain sum of products Σ a_i b_i; divide by "
                          "sqrt(Σ a_i² · Σ b_i²) so that identical structures give S = 1."),
        ),
        hints=("S is the cosine of the angle between the two share vectors.",),
    ),
    Question(
        id="04.krugman",
        title="Krugman index · 克鲁格曼专业化指数",
        prompt=(
            "Same toy shares. **What is the Krugman index** "
            "$K = \\sum_i |a_i - b_i|$ (range 0–2)?"),
        starter="a = [0.07, 0.39, 0.54]\nb = [0.03, 0.30, 0.67]\nanswer = ...",
        solution=("a = [0.07, 0.39, 0.54]\nb = [0.03, 0.30, 0.67]\n"
                  "answer = cy.metrics.krugman_index(a, b)"),
        printed=2, kind="number", unit="index", atol=1e-6,
        expected=sum(abs(x - y) for x, y in zip(A, B)),
        misconceptions=(
            Misconception("dropped the absolute value", lambda: sum(x - y for x, y in zip(A, B)),
                          "you dropped the absolute value: signed differences of shares "
                          "always add up to 0. Use |a_i - b_i|."),
            Misconception("halved the index", lambda: sum(abs(x - y) for x, y in zip(A, B)) / 2,
                          "you halved the sum: that is the 0–1 dissimilarity convention; "
                          "the Krugman index as defined here runs from 0 to 2."),
        ),
        hints=("Add the absolute differences of the shares, industry by industry.",),
    ),
    Question(
        id="04.shares",
        title="Sector shares · 三次产业结构",
        prompt=(
            "Table `province_economy` has 2023 value added of the primary, secondary and "
            "tertiary sectors (第一、二、三产业, 亿元) for Chongqing and Sichuan. **Give "
            "Chongqing's sector shares as a Series indexed by 'primary', 'secondary', "
            "'tertiary'** (fractions that add up to 1). Use the first-published figures "
            "(`vintage == 'preliminary'`)."),
        starter=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "rows = pe.query(\"year == 2023 and vintage == 'preliminary' and "
            "indicator in ['primary', 'secondary', 'tertiary']\")\n"
            "table = rows.pivot(index=\"region\", columns=\"indicator\", values=\"value\")\n"
            "answer = ...   # a Series of fractions"),
        solution=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "rows = pe.query(\"year == 2023 and vintage == 'preliminary' and "
            "indicator in ['primary', 'secondary', 'tertiary']\")\n"
            "table = rows.pivot(index=\"region\", columns=\"indicator\", values=\"value\")\n"
            "answer = cy.metrics.share(table.loc[\"chongqing\"])"),
        kind="series", unit="fraction",
        expected=lambda: _shares("chongqing"),
        misconceptions=(
            Misconception(
                "shares of the two provinces",
                lambda: _table().loc["chongqing"] / _table().sum(axis=0),
                "you divided each sector by the two provinces' total of that sector (a "
                "column share); a structure is each sector over *Chongqing's* total."),
        ),
        hints=("Divide the Chongqing row by its own sum: row / row.sum().",),
    ),
    Question(
        id="04.lq",
        title="Location quotients · 区位商",
        prompt=(
            "With the same 2023 table (rows = regions, columns = sectors), **compute the "
            "location quotients of every region and sector**, with the two provinces "
            "together as the benchmark: $LQ_{ir} = (x_{ir}/x_r)/(x_{iN}/x_N)$. Give a "
            "DataFrame (rows chongqing, sichuan; columns primary, secondary, tertiary)."),
        starter=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "rows = pe.query(\"year == 2023 and vintage == 'preliminary' and "
            "indicator in ['primary', 'secondary', 'tertiary']\")\n"
            "table = rows.pivot(index=\"region\", columns=\"indicator\", values=\"value\")\n"
            "answer = ...   # a DataFrame"),
        solution=(
            "pe = cy.datasets.load(\"province_economy\")\n"
            "rows = pe.query(\"year == 2023 and vintage == 'preliminary' and "
            "indicator in ['primary', 'secondary', 'tertiary']\")\n"
            "table = rows.pivot(index=\"region\", columns=\"indicator\", values=\"value\")\n"
            "answer = cy.metrics.location_quotient(table)\n"
            "answer.round(3)"),
        kind="frame", unit="index",
        expected=_lq,
        misconceptions=(
            Misconception("inverted the ratio", lambda: 1 / _lq(),
                          "you inverted the ratio (benchmark share over regional share): "
                          "LQ > 1 must mean the region is *more* specialised than the "
                          "benchmark."),
        ),
        hints=("Regional share of the sector divided by the benchmark share of the sector; "
               "cy.metrics.location_quotient(table) does it for the whole table.",),
    ),
    Question(
        id="04.least_specialised",
        title="Reading a chart · 专业化程度最低的产业",
        prompt=(
            "Draw Chongqing's three location quotients as bars, with a line at LQ = 1 (the "
            "benchmark). **In which sector is Chongqing least specialised (lowest LQ)?** "
            "Answer `'primary'`, `'secondary'` or `'tertiary'` (or 第一/第二/第三产业)."),
        starter=(
            "lq = ...   # your DataFrame of location quotients from question 04.lq\n"
            "# cy.plotting.setup()\n"
            "# ax = lq.loc[\"chongqing\"].plot.bar(\n"
            "#     ylabel=cy.language.text(\"location quotient\", \"区位商\"))\n"
            "# ax.axhline(1, ls=\"--\")\n"
            "answer = ...   # 'primary', 'secondary' or 'tertiary'"),
        solution=(
            LQ_CHART_CODE
            + "answer = lq.loc[\"chongqing\"].idxmin()"),
        kind="string",
        expected=lambda: _SECTOR_NAMES[_lq().loc["chongqing"].idxmin()],
        misconceptions=(
            Misconception("most specialised", lambda: _SECTOR_NAMES[_lq().loc["chongqing"].idxmax()],
                          "that is the sector where Chongqing is *most* specialised (highest "
                          "LQ); the question asks for the lowest bar."),
        ),
        hints=("The shortest bar, furthest below the dashed line at 1.",),
    ),
    Question(
        id="04.reflection",
        title="Does S ≈ 1 prove 产业同构? · 粒度",
        prompt=(
            "The similarity of Chongqing's and Sichuan's three-sector structures is close "
            "to 1. **Does that prove 李谢华's claim that the pillar industries overlap? What "
            "would a convincing test use?** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* No. At three sectors almost every Chinese province looks "
            "alike (services > industry > agriculture), so S is near 1 by construction: the "
            "level of detail decides the verdict. The claim is about specific industries "
            "(electronics, autos, equipment), so the test needs two-digit industry data "
            "(GB/T 4754, e.g. 36 autos, 39 electronics) for Chengdu and Chongqing, location "
            "quotients against China, and a look at which industries have LQ > 1 in both. "
            "Even then, LQ > 1 in both shows co-specialisation, not that the cities "
            "'scramble' for the same projects; that needs project or investment data."),
    ),
]


#: The mistakes notebook 04 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'invert': 'inverted the ratio',
}
