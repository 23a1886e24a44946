"""Capstone (notebook 11): pick one delegate's claim, test it, write a memo, check the draft.

A **claim** (主张) is a statement of fact a delegate makes, or an achievement they report;
a **proposal** (建议) says what should be done. Only claims can be tested with data, so the
picker lists the rows of ``cy.article.proposals()`` whose ``kind`` is ``claim`` or
``achievement`` *and* for which the course holds a table that bears on them. For each one
the course names the notebook(s) whose method fits, the table(s) to read and one
measurable question (written for the course, not taken from the report).

The memo checker counts, it does not judge: :func:`memo_stats` counts English words and
汉字 separately and finds figures, table names, source ids and claim ids;
:func:`memo_feedback` turns those counts into friendly, specific advice. Neither ever
raises on a string, so a learner's draft always gets feedback, never a traceback.

>>> claim_table().loc[0, "claim_id"]
'li_xiehua_01'
>>> memo_stats("GDP rose to 8.2万亿 in 2023 (circle_economy).")["numbers"]
['8.2万亿', '2023']
"""
from __future__ import annotations

from ..language import text as _t

import re
import unicodedata
from functools import lru_cache

__all__ = ["WORKED_EXAMPLE", "claim_table", "claim_card", "memo_stats", "memo_feedback",
           "claim_explorer"]

#: The claim walked through in notebook 11 (learners pick another one for their memo).
WORKED_EXAMPLE = "li_xiehua_01"

# claim id -> (notebooks whose method fits, tables to read, one measurable question).
# The questions are the course's own; the claims are summarised in cy.article.proposals().
_CLAIMS = {
    "li_xiehua_01": (
        ("02", "04", "10"), ("article/figures", "industry_clusters"),
        "What share of China's electronics output does the cluster hold, and how did its "
        "printed size change from the figure given when it was named (2022) to 2023?"),
    "li_xiehua_02": (
        ("04",), ("industry_clusters", "province_economy", "national_economy"),
        "Which links of the two provinces' manufacturing chains appear in the data with a "
        "size and a share of China, and which are missing, so that 'broadly complete' "
        "cannot yet be checked?"),
    "li_xiehua_03": (
        ("04",), ("province_economy", "national_economy", "industry_clusters"),
        "How similar are Chongqing's and Sichuan's sector shares (similarity S, Krugman "
        "K), with Sichuan standing in for Chengdu, and would the verdict survive a finer "
        "level of industry detail?"),
    "li_xiehua_04": (
        ("03", "04"), ("city_economy", "cities"),
        "How many of the circle's cities have a sector split (primary, secondary, "
        "tertiary) in the data, is that enough to measure a division of labour between "
        "them (Krugman K), and what does the size hierarchy (primacy S2, S4) add?"),
    "han_xiaojun_05": (
        ("04",), ("province_economy", "national_economy", "industry_clusters"),
        "Do location quotients show sectors where one province is above China's share "
        "and the other below it, as complementary industries would?"),
    "xu_hongbin_01": (
        ("06",), ("urbanisation",),
        "Where both are printed, how many percentage points separate the resident and "
        "the hukou urbanisation rates, the gap a people-centred model would have to "
        "close?"),
    "wu_de_01": (
        ("03", "07"), ("city_economy", "province_economy"),
        "How unequal is output per person across the units with data (CV, Theil T), and "
        "how much of it lies between the two provinces rather than within them?"),
    "li_yong_01": (
        ("08",), ("tongban_timeline",),
        "What share of the listed joint services could be handled fully online "
        "(全程网办) in the first batch (2020) and in all 311 items (2024), and does a "
        "rising share show services getting easier to use?"),
    "li_yong_02": (
        ("08",), ("article/figures", "tongban_timeline"),
        "Can the near-15% share be checked: what share of the listed items are social "
        "insurance services, and why is a share of items not a share of cases handled?"),
    "li_yong_03": (
        ("08", "05"), ("tongban_timeline", "corridor"),
        "How did items listed and cases handled grow from 2020 to 2025, and how did the "
        "fastest train between the two cores change?"),
    "liu_yanying_01": (
        ("08",), ("tongban_timeline",),
        "Did the cases handled per day rise between the 2021 reports, and what may you "
        "conclude from rounded cumulative lower bounds (超)?"),
    "liu_yanying_02": (
        ("05",), ("cities", "corridor", "city_economy"),
        "Is Ziyang near the middle of the line between the two cores, and where does "
        "Reilly's breaking point between Chengdu and Chongqing fall?"),
}

# the same questions in Chinese (cy.set_language("zh")), written for the course too
_QUESTIONS_ZH = {
    'li_xiehua_01':
        '这个产业集群占全国电子信息产品产量的多大份额？从 2022 年命名时公布的数字到 2023 年，公布的规模有什么变化？',
    'li_xiehua_02':
        '两省制造业产业链中，哪些环节在数据里既有规模又有占全国的份额，哪些环节缺失，以至于“较为完整”还无法检验？',
    'li_xiehua_03':
        '以四川代替成都，重庆与四川的行业结构有多相似（产业结构相似系数 S、克鲁格曼专业化指数 K）？换成更细的行业分类，这个结论还站得住吗？',
    'li_xiehua_04':
        '经济圈内有多少城市在数据中有三次产业构成（第一、二、三产业）？这足以度量它们之间的分工（克鲁格曼专业化指数 K）吗？规模等级（城市首位度 S2、S4）又能补充什么？',
    'han_xiaojun_05':
        '区位商是否显示出这样的行业：一省的份额高于全国、另一省低于全国，正如产业互补所应表现的那样？',
    'xu_hongbin_01':
        '在两种城镇化率都有公布的地方，常住人口城镇化率与户籍人口城镇化率相差多少个百分点？这就是以人为核心的城镇化需要缩小的差距。',
    'wu_de_01':
        '在有数据的地区之间，人均产出的差距有多大（变异系数、泰尔指数 T）？其中有多少来自两省之间，而不是各省内部？',
    'li_yong_01':
        '在第一批清单（2020 年）和全部 311 项（2024 年）中，可以全程网办的通办事项各占多大比例？比例上升能否说明办事变得更方便了？',
    'li_yong_02':
        '“近 15%”这个比例能否核实：清单事项中社会保险类服务占多大比例？为什么事项的占比不等于办件量的占比？',
    'li_yong_03':
        '从 2020 年到 2025 年，清单事项数和办件量各增长了多少？两个核心城市之间最快的列车用时又有什么变化？',
    'liu_yanying_01':
        '在 2021 年的几次报道之间，日均办件量是否上升？从经过取整的累计下限（“超”）中能得出什么结论？',
    'liu_yanying_02':
        '资阳是否接近两个核心城市之间线路的中点？成都与重庆之间的赖利断裂点落在哪里？',
}

_NOTEBOOK_TITLES = {
    "02": "scale and growth", "03": "inequality and primacy", "04": "industrial overlap",
    "05": "gravity on the corridor", "06": "people-centred urbanisation",
    "07": "rural revitalisation", "08": "川渝通办 as policy diffusion",
    "10": "benchmarking clusters",
}

_KIND_ZH = {"claim": "主张", "achievement": "成绩"}

#: Length targets: English words and 汉字 (aim, and the band counted as "about right").
TARGETS = {"en": (300, 250, 350), "zh": (500, 400, 600)}

_GAP_EN = re.compile(r"\b(?:missing|not found|gaps?|lacks?|lacking|limitations?|limited|"
                     r"caveats?|unknown|not available|unavailable|cannot|can't|no data|"
                     r"lower bounds?|upper bounds?)\b", re.IGNORECASE)
_GAP_ZH = re.compile(r"缺|未找到|没找到|找不到|局限|不足|无法|尚无|没有数据|空缺|下限|上限|不能")
_CHANGE_EN = re.compile(r"\b(?:would (?:change|overturn|reverse|weaken|strengthen|confirm|"
                        r"refute|contradict|support)|unless|change (?:my|the|this) "
                        r"(?:conclusion|verdict|view))\b", re.IGNORECASE)
_CHANGE_ZH = re.compile(r"改变结论|改变判断|推翻|除非|若能|若有|一旦|"
                        r"(?:如果|假如|若)[^。！？!?\n]{0,40}(?:改变|推翻|否定|削弱|证实)")
# A bare year (2023, 2023年) dates a figure; it is not a figure of evidence itself.
_YEAR = re.compile(r"(?:19|20)\d{2}年?")
# A date (2020年11月, 2021-10, 2024/3/5, 11月5日) says when, it is not a figure either.
_DATE = re.compile(
    r"(?<![\d.])(?:(?:19|20)\d{2}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?"
    r"|(?:19|20)\d{2}[-/](?:1[0-2]|0?[1-9])(?:[-/](?:3[01]|[12]\d|0?[1-9]))?"
    r"|\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?)(?![\d.])")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])[-+−]?\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:\s?(?:%|‰|万亿元|万亿|亿元|亿|万元|万人|万件次|万件|万|千米|公里|个百分点|"
    r"percentage points|per cent|percent|trillion|billion|million|km)"
    r"|(?:个|项|件|元|人|年|倍|分钟))?")


def _check_text(text, name="text"):
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str (your memo as text), got "
                        f"{type(text).__name__}")
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _patterns():
    """Compiled patterns for table names, source ids and claim ids (read once)."""
    from .. import article, datasets

    tables = sorted(datasets.names(), key=len, reverse=True)
    alts = []
    for t in tables:
        e = re.escape(t)
        if "_" in t or "/" in t:
            alts.append(rf"(?<![A-Za-z0-9_/]){e}(?![A-Za-z0-9_/])")
        else:  # a plain English word (cities, corridor …): only when written as a table
            alts.append(rf"`{e}`|(?<![A-Za-z]){e}\s*(?:table|表)|(?:table|表)\s*[`'\"“]?{e}"
                        rf"(?![A-Za-z])")
    ids = sorted(datasets.sources()["source_id"], key=len, reverse=True)
    src = "|".join(re.escape(s) for s in ids)
    claims = sorted(article.proposals()["proposal_id"], key=len, reverse=True)
    cl = "|".join(re.escape(c) for c in claims)
    return (tables, [re.compile(a, re.IGNORECASE) for a in alts],
            re.compile(rf"(?<![A-Za-z0-9_\-])(?:{src})(?![A-Za-z0-9_\-])"),
            re.compile(rf"(?<![A-Za-z0-9_])(?:{cl})(?![A-Za-z0-9_])"))


def _first_seen(matches):
    """(start, text) pairs -> unique texts in order of first appearance."""
    out = []
    for _, s in sorted(matches):
        if s not in out:
            out.append(s)
    return out


def memo_stats(text):
    """Count what a memo contains: a dict with

    - ``english_words``: runs of Latin letters (``don't`` and ``Chengdu–Chongqing`` style
      hyphenated words count once; numbers are not words);
    - ``hanzi``: Chinese characters (汉字), punctuation and digits not included;
    - ``language``: ``"zh"`` if there are more 汉字 than English words, else ``"en"``;
    - ``numbers``: the figures found, as written (``8.2万亿``, ``15%``, ``2023``), in order;
      Arabic digits only (一百 is not found); digits inside ids are not counted, nor dates;
      a date (``2020年11月``, ``2021-10``, ``3月5日``) says when, so it is not a figure;
    - ``tables``: course table names cited (``city_economy``, ``article/figures``; a plain
      word such as ``cities`` only as `` `cities` `` or "the cities table");
    - ``sources``: source ids of ``data/sources.csv`` cited (``art-report`` …);
    - ``claims``: claim ids named (``li_xiehua_03`` …).

    Never raises on a string; anything else is a ``TypeError``.

    >>> s = memo_stats("Li Xiehua (李谢华) says 近10% of output; see `cities` and art-report.")
    >>> s["english_words"], s["hanzi"], s["numbers"], s["tables"], s["sources"]
    (7, 4, ['10%'], ['cities'], ['art-report'])
    >>> memo_stats("")["language"]
    'en'
    >>> memo_stats(300)
    Traceback (most recent call last):
    ...
    TypeError: text must be a str (your memo as text), got int
    """
    stats = _memo_parts(_check_text(text))
    del stats["dates"]
    return stats


def _memo_parts(text):
    """memo_stats' counts of an NFKC-normalised text, plus ``dates`` (as written)."""
    tables, table_res, source_re, claim_re = _patterns()
    spans = []
    found_tables = []
    for name, rx in zip(tables, table_res):
        for m in rx.finditer(text):
            found_tables.append((m.start(), name))
            spans.append(m.span())
    found_sources = [(m.start(), m.group(0)) for m in source_re.finditer(text)]
    found_claims = [(m.start(), m.group(0)) for m in claim_re.finditer(text)]
    spans += [m.span() for m in source_re.finditer(text)]
    spans += [m.span() for m in claim_re.finditer(text)]
    blanked = list(text)
    for a, b in spans:
        blanked[a:b] = " " * (b - a)
    rest = "".join(blanked)
    found_dates = [m.group(0) for m in _DATE.finditer(rest)]
    rest = _DATE.sub(lambda m: " " * len(m.group(0)), rest)
    numbers = [m.group(0).strip() for m in _NUMBER.finditer(rest)]
    words = len(_WORD.findall(rest))
    hanzi = len(_HANZI.findall(text))
    return {"english_words": words, "hanzi": hanzi,
            "language": "zh" if hanzi > words else "en",
            "numbers": numbers, "dates": found_dates, "tables": _first_seen(found_tables),
            "sources": _first_seen(found_sources), "claims": _first_seen(found_claims)}


def _claim_rows():
    from .. import article

    p = article.proposals().set_index("proposal_id")
    d = article.delegates().set_index("delegate_id")
    return p, d


def _check_claim_id(claim_id):
    if not isinstance(claim_id, str):
        raise TypeError(f"claim_id must be a str such as 'li_xiehua_03', got "
                        f"{type(claim_id).__name__}")
    if claim_id not in _CLAIMS:
        raise ValueError(f"claim_id must be one of {sorted(_CLAIMS)} (see claim_table()), "
                         f"got {claim_id!r}")
    return claim_id


def claim_table():
    """The testable claims: one row per claim or achievement of the report's delegates
    for which the course has data, in the report's order.

    Columns: ``claim_id`` (= ``proposal_id``), ``delegate`` (Chinese name and pinyin),
    ``kind``, ``key_phrase_zh``, ``summary_en`` (the course's summary), ``notebooks``
    (course notebooks whose method fits, e.g. ``"04"`` or ``"03, 04"``), ``tables``
    (the course tables to read), ``question`` (one measurable question) and
    ``worked_example`` (True for the claim walked through in notebook 11).

    >>> t = claim_table()
    >>> len(t), t["delegate"].nunique(), sorted(set(t["kind"]))
    (12, 6, ['achievement', 'claim'])
    >>> t.set_index("claim_id").loc["li_xiehua_03", "notebooks"]
    '04'
    """
    import pandas as pd

    p, d = _claim_rows()
    rows = []
    for cid in p.index:
        if cid not in _CLAIMS:
            continue
        notebooks, tables, question = _CLAIMS[cid]
        r = p.loc[cid]
        who = d.loc[r["delegate_id"]]
        rows.append({"claim_id": cid, "delegate": f"{who['name_zh']} {who['name_pinyin']}",
                     "kind": r["kind"], "key_phrase_zh": r["key_phrase_zh"],
                     "summary_en": r["summary_en"], "notebooks": ", ".join(notebooks),
                     "tables": ", ".join(tables), "question": question,
                     "worked_example": cid == WORKED_EXAMPLE})
    return pd.DataFrame(rows)


def claim_card(claim_id):
    """A plain-text card for one claim: delegate, kind, key phrase, the course's
    summaries (English and Chinese), the notebook(s) and tables to use and one
    measurable question.

    >>> print(claim_card("xu_hongbin_01").splitlines()[0])
    xu_hongbin_01 · claim · 许洪斌 Xu Hongbin, NPC deputy (全国人大代表)
    >>> "tables: urbanisation" in claim_card("xu_hongbin_01")
    True
    >>> claim_card("xu_hongbin_02")
    Traceback (most recent call last):
    ...
    ValueError: claim_id must be one of ['han_xiaojun_05', 'li_xiehua_01', 'li_xiehua_02', 'li_xiehua_03', 'li_xiehua_04', 'li_yong_01', 'li_yong_02', 'li_yong_03', 'liu_yanying_01', 'liu_yanying_02', 'wu_de_01', 'xu_hongbin_01'] (see claim_table()), got 'xu_hongbin_02'
    """
    from .ch01_report_as_data import BODY_NAMES, BODY_NAMES_ZH, NOTEBOOK_TITLES_ZH

    _check_claim_id(claim_id)
    p, d = _claim_rows()
    r = p.loc[claim_id]
    who = d.loc[r["delegate_id"]]
    notebooks, tables, question = _CLAIMS[claim_id]
    name, pinyin, body = who["name_zh"], who["name_pinyin"], who["body"]
    kind = _t(r["kind"], _KIND_ZH.get(r["kind"], r["kind"]))
    body = _t(BODY_NAMES.get(body, body), BODY_NAMES_ZH.get(body, body))
    nbs = _t("; ", "；").join(
        _t(f"notebook {n} ({_NOTEBOOK_TITLES.get(n, 'course notebook')})",
           f"第 {n} 章（{NOTEBOOK_TITLES_ZH.get(n, '课程笔记本')}）") for n in notebooks)
    # The English card shows both summaries (the Chinese one is part of what an English
    # learner reads); the Chinese card only its own.
    summaries = ([f"课程概要：{r['summary_zh']}"] if _zh() else
                 [f"course summary: {r['summary_en']}", f"课程概要: {r['summary_zh']}"])
    lines = [_t(f"{claim_id} · {kind} · {name} {pinyin}, {body}",
                f"{claim_id} · {kind} · {name}（{pinyin}），{body}"),
             _t(f"key phrase (from the report): {r['key_phrase_zh']}",
                f"关键词（出自报道）：{r['key_phrase_zh']}"),
             *summaries,
             _t(f"method: {nbs}", f"方法：{nbs}"),
             _t(f"tables: {', '.join(tables)}", f"数据表：{', '.join(tables)}"),
             _t(f"a measurable question: {question}",
                f"一个可以度量的问题：{_QUESTIONS_ZH[claim_id]}")]
    if claim_id == WORKED_EXAMPLE:
        lines.append(_t("(this is notebook 11's worked example: read it, then pick another "
                        "claim for your memo)",
                        "（这是第 11 章的示例：先读懂它，再为你的备忘录另选一条主张）"))
    return "\n".join(lines)


def _zh():
    from ..language import get_language

    return get_language() == "zh"


def _length_line(stats):
    lang = stats["language"]          # the memo's language, not the reader's
    aim, low, high = TARGETS[lang]
    n = stats["hanzi"] if lang == "zh" else stats["english_words"]
    what = _t(f"{n} 汉字" if lang == "zh" else f"{n} English words",
              f"{n} 个汉字" if lang == "zh" else f"{n} 个英文单词")
    unit = _t("汉字" if lang == "zh" else "words", "个汉字" if lang == "zh" else "个英文单词")
    if low <= n <= high:
        return True, _t(f"length: {what}, close to the ~{aim} asked ({low}–{high} is fine).",
                        f"篇幅：{what}，接近要求的约 {aim} {unit}（{low}–{high} 都可以）。")
    if n < low:
        more = (_t("Add what is thin: the evidence (numbers with year, unit and table), the "
                   "gaps, or what would change your conclusion.",
                   "把单薄的部分补上：证据（写明年份、单位和数据表的数字）、数据缺口，或什么会"
                   "改变你的结论。") if n else
                _t("Start with one sentence naming the delegate and the claim you test.",
                   "先写一句话，点明你检验的是哪位代表委员的哪条主张。"))
        return False, _t(f"length: {what}; aim for about {aim} {unit}. {more}",
                         f"篇幅：{what}；目标约 {aim} {unit}。{more}")
    return False, _t(f"length: {what}, more than the ~{aim} asked; cut to {high} "
                     f"{unit} or fewer: keep the claim, two or three numbers, the gap and what "
                     "would change your mind.",
                     f"篇幅：{what}，超过了要求的约 {aim} {unit}；请删到 {high} {unit}以内："
                     "保留主张、两三个数字、数据缺口，以及什么会改变你的判断。")


def memo_feedback(text, claim_id=None):
    """Friendly, specific feedback on a memo draft, as text: one line per check, ✓ when
    met, → with advice when not.

    Checks: length (about 300 English words or 500 汉字), at least two figures (a bare
    year such as 2023 dates a figure and is not counted as one), at least
    one course table or source id cited, a sentence about a gap or limitation (cue words
    such as *missing*, *not found*, *gap*, *lower bound*, 缺, 未找到, 局限, 无法), what
    would change the conclusion (*would change*, *unless*, 除非, 如果…改变 …), and whether the
    delegate of ``claim_id`` is named (Chinese name or pinyin; with no ``claim_id``, any
    of the six delegates).

    Never raises on a string ``text``; a non-str ``text`` is a ``TypeError``, an unknown
    ``claim_id`` a ``ValueError`` listing the ids.

    >>> print(memo_feedback("Li Xiehua says the cores overlap. In 2023 S = 0.98 and K = 0.12 "
    ...                     "(province_economy); two-digit data are missing.", "li_xiehua_03"))
    Memo check · 备忘录检查 (claim li_xiehua_03, 李谢华 Li Xiehua): 4 of 6 met
    → length: 14 English words; aim for about 300 words. Add what is thin: the evidence (numbers with year, unit and table), the gaps, or what would change your conclusion.
    ✓ numbers: 2 figures found (0.98, 0.12); years such as 2023 date them and are not counted.
    ✓ sources: cites province_economy.
    ✓ gap: names a limitation ("missing").
    → what would change it: say what new data or result would change your conclusion (e.g. "two-digit industry data showing … would overturn this").
    ✓ delegate: names Li Xiehua.
    """
    text = _check_text(text)
    who = None
    if claim_id is not None:
        _check_claim_id(claim_id)
        p, d = _claim_rows()
        who = d.loc[p.loc[claim_id, "delegate_id"]]
    s = _memo_parts(text)
    checks = [_length_line(s)]
    nums = [n for n in s["numbers"] if not _YEAR.fullmatch(n)]
    years = [n for n in s["numbers"] if _YEAR.fullmatch(n)]
    dates = s["dates"][:1]
    note = (_t(f"; years such as {years[0]} date them and are not counted",
               f"；像 {years[0]} 这样的年份只标明时间，不算数字") if years else "")
    if dates:
        note += (_t(f"; dates such as {dates[0]} say when and are not counted either",
                    f"；像 {dates[0]} 这样的日期说明何时，也不算") if years
                 else _t(f"; dates such as {dates[0]} say when and are not counted",
                         f"；像 {dates[0]} 这样的日期说明何时，不算数字"))
    if len(nums) >= 2:
        shown = ", ".join(nums[:4]) + (", …" if len(nums) > 4 else "")
        checks.append((True, _t(f"numbers: {len(nums)} figures found ({shown}){note}.",
                                f"数字：找到 {len(nums)} 个（{shown}）{note}。")))
    else:
        got = (_t(f"only 1 found ({nums[0]})", f"只找到 1 个（{nums[0]}）") if nums
               else _t("none found", "一个也没找到"))
        note = (_t(f" (a year such as {years[0]} dates a figure but is not one)",
                   f"（像 {years[0]} 这样的年份只标明数字的时间，本身不算数字）")
                if years else "")
        if dates:
            note += _t(f" (a date such as {dates[0]} says when, it is not a figure)",
                       f"（像 {dates[0]} 这样的日期说明何时，不算数字）")
        checks.append((False, _t(f"numbers: {got}{note}; give at least two figures from the "
                                 "data, each with its year and unit (e.g. 8.2万亿元 in 2023).",
                                 f"数字：{got}{note}；请至少给出两个来自数据的数字，每个都写明"
                                 "年份和单位（例如 2023 年 8.2万亿元）。")))
    cited = s["tables"] + s["sources"]
    if cited:
        checks.append((True, _t(f"sources: cites {', '.join(cited[:4])}.",
                                f"来源：引用了 {', '.join(cited[:4])}。")))
    else:
        checks.append((False, _t("sources: no course table or source id found; name the "
                                 "table each number comes from (e.g. circle_economy, "
                                 "`cities`) or its source id (e.g. art-report).",
                                 "来源：没有找到课程数据表名或来源编号；请写明每个数字出自哪张"
                                 "数据表（例如 circle_economy、`cities`）或它的来源编号（例如 "
                                 "art-report）。")))
    gap = _GAP_EN.search(text) or _GAP_ZH.search(text)
    if gap:
        checks.append((True, _t(f"gap: names a limitation (\"{gap.group(0)}\").",
                                f"数据缺口：指出了局限（“{gap.group(0)}”）。")))
    else:
        checks.append((False, _t("gap: no sentence about a gap or limitation found; say what "
                                 "the data cannot show (a missing city or year, a lower "
                                 "bound, a definition that differs), e.g. \"… was not found\" "
                                 "or \"数据缺…\".",
                                 "数据缺口：没有找到谈数据缺口或局限的句子；请说明数据不能说明"
                                 "什么（缺少某个城市或年份、数字只是下限、统计口径不同），例如"
                                 "“……未找到”或“数据缺……”。")))
    change = _CHANGE_EN.search(text) or _CHANGE_ZH.search(text)
    if change:
        checks.append((True, _t(f"what would change it: \"{change.group(0)}\".",
                                f"什么会改变结论：“{change.group(0)}”。")))
    else:
        checks.append((False, _t("what would change it: say what new data or result would "
                                 "change your conclusion (e.g. \"two-digit industry data "
                                 "showing … would overturn this\").",
                                 "什么会改变结论：请说明什么样的新数据或新结果会改变你的结论"
                                 "（例如“如果更细的行业数据显示……，就会推翻这个判断”）。")))
    folded = re.sub(r"\s+", "", text).casefold()
    if who is not None:
        names = [who["name_zh"], who["name_pinyin"]]
        hit = next((n for n in names if re.sub(r"\s+", "", n).casefold() in folded), None)
        if hit:
            checks.append((True, _t(f"delegate: names {hit}.", f"代表委员：写出了{hit}。")))
        else:
            checks.append((False, _t(f"delegate: the claim is {who['name_pinyin']}'s "
                                     f"({who['name_zh']}); name them in your first sentence.",
                                     f"代表委员：这是{who['name_zh']}（{who['name_pinyin']}）"
                                     "的主张；请在第一句话里写出其姓名。")))
    else:
        from .. import article

        d = article.delegates()
        hit = next((n for r in d.itertuples() for n in (r.name_zh, r.name_pinyin)
                    if re.sub(r"\s+", "", n).casefold() in folded), None)
        if hit:
            checks.append((True, _t(f"delegate: names {hit}.", f"代表委员：写出了{hit}。")))
        else:
            checks.append((False, _t("delegate: no delegate named; say whose claim you test "
                                     "in your first sentence.",
                                     "代表委员：没有写出代表委员的姓名；请在第一句话里说明你检验"
                                     "的是谁的主张。")))
    met = sum(ok for ok, _ in checks)
    about = ""
    if who is not None:
        about = _t(f" (claim {claim_id}, {who['name_zh']} {who['name_pinyin']})",
                   f"（主张 {claim_id}，{who['name_zh']} {who['name_pinyin']}）")
    lines = [_t(f"Memo check · 备忘录检查{about}: {met} of {len(checks)} met",
                f"备忘录检查{about}：{len(checks)} 项中满足 {met} 项")]
    if not text.strip():
        lines.append(_t("The draft is empty: write it in the box (or in a string), then check "
                        "again.", "草稿是空的：请先在文本框里（或在字符串中）写好，再检查一次。"))
    lines += [("✓ " if ok else "→ ") + msg for ok, msg in checks]
    return "\n".join(lines)


def claim_explorer(claim_id=None, draft=""):
    """A Dropdown of the testable claims, a Textarea for the memo draft and a
    "Check my memo" Button; the Output shows the :func:`claim_card` of the chosen claim
    and :func:`memo_feedback` on the draft (checked again when the claim changes, when
    the box loses focus, or on the button).

    Returns ``ipywidgets.VBox(children=[dropdown, textarea, button, output])``.
    """
    import ipywidgets as w

    t = claim_table()
    options = [(f"{r.claim_id} · {r.delegate} · {r.key_phrase_zh}"
                + (_t(" (worked example)", "（示例）") if r.worked_example else ""), r.claim_id)
               for r in t.itertuples()]
    if claim_id is None:
        claim_id = next(c for c in t["claim_id"] if c != WORKED_EXAMPLE)
    _check_claim_id(claim_id)
    _check_text(draft, "draft")
    pick = w.Dropdown(options=options, value=claim_id, description=_t("Claim:", "主张："),
                      layout=w.Layout(width="95%"))
    box = w.Textarea(value=draft, placeholder=_t("Write or paste your memo here (about 300 "
                                             "words or 500 汉字) …",
                                             "在这里写下或粘贴你的备忘录（约 500 字）……"),
                     continuous_update=False, description=_t("Memo:", "备忘录："), layout=w.Layout(width="95%", height="160px"))
    button = w.Button(description=_t("Check my memo", "检查我的备忘录"), button_style="primary")
    out = w.Output()

    def show(*_):
        out.outputs = ()
        text = box.value
        feedback = (memo_feedback(text, pick.value) if text.strip() else
                    _t("Write your memo in the box above, then press \"Check my memo\".",
                       "请在上面的文本框里写好备忘录，再点击“检查我的备忘录”。"))
        out.append_stdout(claim_card(pick.value) + "\n\n" + feedback + "\n")

    pick.observe(show, names="value")
    box.observe(show, names="value")
    button.on_click(show)
    show()
    return w.VBox(children=[pick, box, button, out])
