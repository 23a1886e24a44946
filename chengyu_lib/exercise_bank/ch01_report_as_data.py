"""Exercise set 01 · the report as data (mirrors notebooks/01_report_as_data.ipynb)."""
from . import Misconception, Question
from . import _data as D

SET = {
    "id": "01",
    "name": "report_as_data",
    "title_en": "Reading the report as data",
    "title_zh": "把报道变成数据",
    "minutes": 30,
    "notebook": "01_report_as_data",
    "intro": ("Turning text into tables: Chinese word segmentation (分词) with jieba and the "
              "course dictionary, and counting the proposals in `cy.article.proposals()`."),
}

#: course terms that the report uses (the prompt lists them)
TERMS = ["川渝通办", "新质生产力", "专精特新", "以文化人", "双城经济圈", "产学研"]
SENTENCE = "推动川渝通办提质扩面"


def _default_cut(text):
    """jieba's default dictionary, in a private tokenizer, loading messages muted."""
    import logging

    import jieba

    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        tok = _DEFAULT.get("tok")
        if tok is None:
            tok = jieba.Tokenizer()
            tok.initialize()
            _DEFAULT["tok"] = tok
        return [w for w in tok.lcut(text) if w.strip()]
    finally:
        logger.setLevel(level)


_DEFAULT: dict = {}


def _course_cut(text):
    from .. import text as cytext

    return cytext.tokenize(text)


def _proposals():
    return D.load("article/proposals")


def _cross(kind_filter=True, scale_filter=True):
    p = _proposals()
    m = p["scale"].notna()
    if kind_filter:
        m &= p["kind"] == "proposal"
    if scale_filter:
        m &= p["scale"] == "cross-province"
    return int(m.sum())


def _cross_share():
    p = _proposals()
    return (p["scale"] == "cross-province").groupby(p["delegate_id"]).mean()


def _top_cross_share():
    s = _cross_share()
    top = s[s == s.max()]
    if len(top) != 1:
        raise LookupError(f"tie for the highest cross-province share: {list(top.index)}")
    return D.name_forms("article/delegates", "delegate_id", top.index[0],
                        cols=("name_zh", "name_pinyin"))


QUESTIONS = [
    Question(
        id="01.default_split",
        title="Default segmentation · 默认分词",
        prompt=(
            "**How does jieba's default dictionary cut 川渝通办** (Sichuan–Chongqing joint "
            "government services)? Give the list of tokens. Silence jieba's loading "
            "messages with `jieba.setLogLevel(logging.WARNING)`."),
        starter=("import logging\nimport jieba\n\njieba.setLogLevel(logging.WARNING)\n"
                 "answer = ...   # a list of tokens"),
        solution=("import logging\nimport jieba\n\njieba.setLogLevel(logging.WARNING)\n"
                  "answer = jieba.lcut(\"川渝通办\")"),
        kind="list",
        expected=lambda: _default_cut("川渝通办"),
        misconceptions=(
            Misconception("used the course dictionary", lambda: _course_cut("川渝通办"),
                          "that is the segmentation *with* the course dictionary "
                          "(cy.text.tokenize); the question asks what plain jieba does."),
        ),
        hints=("jieba.lcut(text) returns a list.",),
    ),
    Question(
        id="01.userdict",
        title="The course dictionary · 自定义词典",
        prompt=(
            f"Segment the phrase `{SENTENCE}` with `cy.text.tokenize`, which loads the "
            "course dictionary (`data/text/userdict.txt`). **Is 川渝通办 one of the "
            "tokens?** Answer `True` or `False` — computed, not typed."),
        starter=(f"tokens = cy.text.tokenize(\"{SENTENCE}\")\n"
                 "answer = ...   # True or False"),
        solution=(f"tokens = cy.text.tokenize(\"{SENTENCE}\")\n"
                  "print(tokens)\n"
                  "answer = \"川渝通办\" in tokens"),
        kind="bool",
        expected=lambda: "川渝通办" in _course_cut(SENTENCE),
        misconceptions=(
            Misconception("default dictionary", lambda: "川渝通办" in _default_cut(SENTENCE),
                          "False is what jieba's default dictionary gives (it cuts "
                          "川渝通 / 办); cy.text.tokenize adds the course dictionary."),
        ),
        hints=("`\"川渝通办\" in tokens` is True or False.",),
    ),
    Question(
        id="01.split_terms",
        title="Which terms break · 哪些词被切开",
        prompt=(
            "**Which of these course terms does jieba's *default* dictionary cut into "
            f"several tokens?** {', '.join(TERMS)}. Give a set of the terms that are split."),
        starter=("import logging\nimport jieba\n\njieba.setLogLevel(logging.WARNING)\n"
                 f"terms = {TERMS!r}\n"
                 "answer = ...   # a set of terms"),
        solution=("import logging\nimport jieba\n\njieba.setLogLevel(logging.WARNING)\n"
                  f"terms = {TERMS!r}\n"
                  "answer = {t for t in terms if len(jieba.lcut(t)) > 1}"),
        kind="set",
        expected=lambda: {t for t in TERMS if len(_default_cut(t)) > 1},
        misconceptions=(
            Misconception("course dictionary", lambda: {t for t in TERMS
                                                        if len(_course_cut(t)) > 1},
                          "you segmented with the course dictionary, which keeps the terms "
                          "whole; the question asks about jieba's default dictionary."),
        ),
        hints=("A term is split when jieba.lcut(term) has more than one token.",),
    ),
    Question(
        id="01.cross_province",
        title="Cross-province proposals · 跨省域建议",
        prompt=(
            "`cy.article.proposals()` has one row per proposal, claim or achievement "
            "(column `kind`) and its geographic `scale` (firm, city, region, "
            "cross-province). **How many rows are proposals (`kind == 'proposal'`, 建议) "
            "at the cross-province scale (跨省域)?**"),
        starter="proposals = cy.article.proposals()\nanswer = ...",
        solution=("proposals = cy.article.proposals()\n"
                  "cross = proposals.query(\"kind == 'proposal' and scale == 'cross-province'\")\n"
                  "answer = len(cross)"),
        kind="integer", unit="count",
        expected=_cross,
        misconceptions=(
            Misconception("counted claims and achievements", lambda: _cross(kind_filter=False),
                          "you counted every cross-province row, claims and achievements "
                          "included; keep kind == 'proposal' too."),
            Misconception("counted every proposal", lambda: _cross(scale_filter=False),
                          "you counted every proposal; keep only scale == 'cross-province'."),
        ),
        hints=("Two conditions joined with &: (kind == 'proposal') & (scale == "
               "'cross-province').",),
    ),
    Question(
        id="01.cross_share",
        title="Reading a chart · 谁最关注跨省合作",
        prompt=(
            "Draw a bar chart of each delegate's *share* of rows (all kinds) at the "
            "cross-province scale. **Which delegate has the highest share?** Give the "
            "name in Chinese or pinyin (or the delegate_id)."),
        starter=("proposals = cy.article.proposals()\n"
                 "share = (proposals[\"scale\"] == \"cross-province\")"
                 ".groupby(proposals[\"delegate_id\"]).mean()\n"
                 "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                 "share.sort_values().plot.barh(xlabel=cy.language.text(\n"
                 "    \"share of rows at cross-province scale\", \"跨省域层面条目所占比重\"))\n"
                 "answer = ...   # e.g. '吴德' or 'Wu De'"),
        solution=("proposals = cy.article.proposals()\n"
                  "share = (proposals[\"scale\"] == \"cross-province\")"
                  ".groupby(proposals[\"delegate_id\"]).mean()\n"
                  "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                  "share.sort_values().plot.barh(xlabel=cy.language.text(\n"
                  "    \"share of rows at cross-province scale\", \"跨省域层面条目所占比重\"))\n"
                  "answer = share.idxmax()"),
        kind="string",
        expected=_top_cross_share,
        hints=("The mean of a True/False column is the share of True.",),
    ),
    Question(
        id="01.amount",
        title="Amounts in text · 解析金额",
        prompt=(
            "李谢华 says the electronics cluster is 超1.6万亿元 (more than 1.6 trillion "
            "yuan). **Parse the text with `cy.text.parse_amount` and give the amount in "
            "亿元.** (`parse_amount` returns base units, 元, in `.value`.)"),
        starter="amount = cy.text.parse_amount(\"超1.6万亿元\")\nanswer = ...   # in 亿元",
        solution=("amount = cy.text.parse_amount(\"超1.6万亿元\")\n"
                  "print(amount)\n"
                  "answer = amount.value / 1e8"),
        kind="number", unit="亿元", rtol=1e-6,
        expected=lambda: D.figure("electronics_cluster") / 1e8,
        hints=("amount.value is in 元; divide by 10⁸ for 亿元.",),
    ),
    Question(
        id="01.reflection",
        title="Whose keywords? · 关键词从哪来",
        prompt=(
            "TF-IDF keywords weigh a word by how often it appears in a text and how rare "
            "it is across a reference corpus (IDF). **What changes if the IDF comes from a "
            "general Chinese corpus rather than from the report's own sections?** Two or "
            "three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* With a general corpus, words common in ordinary Chinese "
            "but central here (合作, 发展) are pushed down, while words that are rare in "
            "general but shared by all six sections (双城经济圈, 川渝) come out on top for "
            "every delegate, so the sections look alike. IDF computed over the six "
            "sections instead rewards what makes one delegate's section different from the "
            "others, which is what a comparison of delegates needs; with only six "
            "documents it is noisy, so read it together with the raw counts."),
    ),
]


#: The mistakes notebook 01 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS: dict = {}
