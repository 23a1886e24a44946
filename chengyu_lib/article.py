"""The report as structured data: themes, delegates, proposals, figures.

The course is built on one newspaper report: the joint Chongqing Daily (重庆日报) /
Sichuan Daily (四川日报) coverage of the 2024 Two Sessions, headlined 唱好“双城记”
打造增长极, on the Chengdu–Chongqing Twin-City Economic Circle. Six delegates speak in
three sections (advanced manufacturing, people-centred urbanisation, 川渝通办
cross-province services). This module reads its facts from ``data/article/``:

- ``meta()``       outlets, date, headline and kicker (a dict);
- ``themes()``     the three sections;
- ``delegates()``  the six delegates (name, body NPC/CPPCC, post, organisation, byline);
- ``proposals()``  every distinct proposal, claim or achievement, summarised in the
  course's own words, with a short key phrase, a scale and the notebook that uses it;
- ``figures()``    every quantity printed, as printed (``text_zh``) and in base units;
- ``phrases()``    key phrases and slogans with attribution;
- ``find(keyword)`` and ``delegate(name)`` to look things up.

No sentence of the report is stored; only facts, figures as printed, short key phrases
with attribution and summaries written for the course.

Source and date. The online address of the published report was **not found** (about
ten searches of stored pages for its headlines and the delegates' names); the source row
``art-report`` points to the course's seed copy. The publication date is approximate,
``2024-03``: the text says it was written during the Two Sessions (全国两会期间, 4–11 March
2024) and mentions 3月4日 as past.

Conventions of ``figures()``: ``value`` is in base units (亿 = 1e8, 万亿 = 1e12 and
万 = 1e4 applied; per cent stays per cent), ``unit`` is the printed unit without
magnitude, ``qualifier`` the printed hedge (近, 超, 约, 余 …). Years, dates, ordinals
(第五个年头) and numbers inside names (千万工程) are not quantities and are not stored.

>>> import chengyu_lib as cy
>>> cy.article.meta()["headline"]["zh"]
'唱好“双城记” 打造增长极'
>>> cy.article.delegates()["body"].value_counts().to_dict()
{'NPC': 5, 'CPPCC': 1}
>>> g = cy.article.figures().set_index("figure_id").loc["gdp_2023"]
>>> g["text_zh"], float(g["value"]), g["unit"]
('81986.67亿元', 8198667000000.0, '元')
"""
from __future__ import annotations

from . import datasets

__all__ = ["meta", "themes", "delegates", "proposals", "figures", "phrases", "find",
           "delegate"]

_SEARCH_COLUMNS = ("summary_zh", "summary_en", "key_phrase_zh", "keywords_zh")


def _load(table: str):
    return datasets.load(f"article/{table}")


def meta() -> dict:
    """Facts about the report as a dict.

    Keys with a language (``outlets``, ``headline``, ``kicker``, ``lead_label``,
    ``occasion``, ``subject``, ``date_note``) map to ``{"zh": …, "en": …}`` (whichever
    exist); language-neutral keys (``date``, ``url``, ``url_found``, ``source_id``,
    ``outlet_ids``) map to a plain value. List values (outlets) are lists; ``url_found``
    is a bool. ``date`` is ``'2024-03'`` (approximate; see ``date_note``).

    >>> m = meta()
    >>> m["outlets"]["en"]
    ['Chongqing Daily', 'Sichuan Daily']
    >>> m["date"], m["source_id"], m["url_found"]
    ('2024-03', 'art-report', False)
    """
    df = _load("meta")
    out: dict = {}
    for key, lang, value in zip(df["key"], df["lang"], df["value"]):
        if key in ("outlets", "outlet_ids"):
            value = value.split("|")
        elif key == "url_found":
            value = value.strip().lower() == "true"
        if lang == "any":
            out[key] = value
        else:
            out.setdefault(key, {})[lang] = value
    out["sources"] = df.attrs["sources"]
    return out


def themes():
    """The three themes (sections) in printed order: ``theme_id`` (manufacturing,
    urbanisation, tongban), ``title_zh`` (section headline as printed), ``title_en``,
    ``summary_zh``, ``summary_en`` (course words), ``order``, ``source_id``.

    >>> themes()["theme_id"].tolist()
    ['manufacturing', 'urbanisation', 'tongban']
    """
    return _load("themes")


def delegates():
    """The six delegates: ``delegate_id``, ``name_zh``, ``name_pinyin``, ``body``
    ('NPC' = 全国人大代表, 'CPPCC' = 全国政协委员), ``role_zh/en``,
    ``organisation_zh/en``, ``province`` (where the post is), ``theme_id``,
    ``reporter_zh``, ``outlet`` (from the byline), ``headline_zh/en``, ``source_id``.

    >>> d = delegates()
    >>> d.loc[d["body"] == "CPPCC", "name_pinyin"].tolist()
    ['Li Yong']
    """
    return _load("delegates")


def proposals():
    """Every distinct proposal, claim or achievement: ``proposal_id``, ``delegate_id``,
    ``theme_id``, ``kind`` (proposal | claim | achievement), ``scale`` (firm | city |
    region | cross-province), ``summary_zh``, ``summary_en`` (course words),
    ``key_phrase_zh`` (short phrase from the text), ``keywords_zh`` ('|'-separated),
    ``notebook`` (course notebook that uses it), ``source_id``.

    >>> p = proposals()
    >>> int(p.groupby("delegate_id").size().min()) >= 3
    True
    >>> p.loc[p["key_phrase_zh"] == "以产聚人", "delegate_id"].tolist()
    ['xu_hongbin']
    """
    return _load("proposals")


def figures():
    """Every quantity printed in the report: ``figure_id``, ``text_zh`` (as printed),
    ``value`` (base units), ``unit``, ``qualifier``, ``numeral`` (arabic | chinese),
    ``year``, ``delegate_id`` and ``theme_id`` (empty for the lead passage),
    ``context_en`` and ``context_zh`` (what the figure measures; pick one with
    ``cy.language.column(frame, "context")``), ``source_id``.

    >>> f = figures().set_index("text_zh")
    >>> float(f.loc["约3.6万亿元", "value"]), f.loc["约3.6万亿元", "qualifier"]
    (3600000000000.0, '约')
    >>> float(f.loc["近15%", "value"]), f.loc["近15%", "unit"]
    (15.0, '%')
    """
    return _load("figures")


def phrases():
    """Key phrases and slogans with attribution: ``phrase_zh``, ``phrase_en``,
    ``delegate_id`` (empty for the lead passage), ``meaning_en``, ``source_id``.

    >>> "以文化人" in set(phrases()["phrase_zh"])
    True
    """
    return _load("phrases")


def find(keyword: str):
    """Proposals whose ``summary_zh``, ``summary_en``, ``key_phrase_zh`` or
    ``keywords_zh`` contain ``keyword`` (case-insensitive for Latin letters).

    Raises ``TypeError`` for a non-string and ``ValueError`` for an empty keyword.

    >>> sorted(set(find("川渝通办")["theme_id"]))
    ['tongban']
    >>> find("ROLLING")["key_phrase_zh"].tolist()
    ['滚动发展计划']
    >>> find("")
    Traceback (most recent call last):
    ...
    ValueError: keyword must be a non-empty string, got ''
    """
    if not isinstance(keyword, str):
        raise TypeError(f"keyword must be a str, got {type(keyword).__name__}")
    needle = keyword.strip().casefold()
    if not needle:
        raise ValueError(f"keyword must be a non-empty string, got {keyword!r}")
    df = proposals()
    hit = None
    for col in _SEARCH_COLUMNS:
        m = df[col].fillna("").str.casefold().str.contains(needle, regex=False)
        hit = m if hit is None else hit | m
    out = df[hit].reset_index(drop=True)
    out.attrs = df.attrs
    return out


def _norm_name(s: str) -> str:
    return "".join(ch for ch in s.casefold() if ch.isalnum())


def delegate(name: str) -> dict:
    """One delegate's record plus their proposals.

    ``name`` may be the id (``'li_xiehua'``), the Chinese name (``'李谢华'``) or the pinyin
    (``'Li Xiehua'``; case, spaces and underscores ignored). Returns the delegate's fields
    as a dict with an extra key ``'proposals'`` holding their proposals (a DataFrame).

    >>> d = delegate("黎勇")
    >>> d["body"], d["organisation_en"]
    ('CPPCC', 'Chongqing Municipal Human Resources and Social Security Bureau')
    >>> delegate("liu yanying")["delegate_id"]
    'liu_yanying'
    >>> len(delegate("xu_hongbin")["proposals"]) >= 3
    True
    >>> delegate("Zhang San")
    Traceback (most recent call last):
    ...
    ValueError: name must be a delegate of the report (id, Chinese name or pinyin), got 'Zhang San'; valid: li_xiehua 李谢华 Li Xiehua, han_xiaojun 韩晓军 Han Xiaojun, xu_hongbin 许洪斌 Xu Hongbin, wu_de 吴德 Wu De, li_yong 黎勇 Li Yong, liu_yanying 刘艳英 Liu Yanying
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str (id, Chinese name or pinyin), "
                        f"got {type(name).__name__}")
    d = delegates()
    key = _norm_name(name)
    match = None
    if key:
        for _, row in d.iterrows():
            forms = {_norm_name(row["delegate_id"]), _norm_name(row["name_zh"]),
                     _norm_name(row["name_pinyin"])}
            if key in forms:
                match = row
                break
    if match is None:
        valid = ", ".join(f"{r.delegate_id} {r.name_zh} {r.name_pinyin}"
                          for r in d.itertuples())
        raise ValueError(f"name must be a delegate of the report (id, Chinese name or "
                         f"pinyin), got {name!r}; valid: {valid}")
    record = match.to_dict()
    p = proposals()
    mine = p[p["delegate_id"] == record["delegate_id"]].reset_index(drop=True)
    mine.attrs = p.attrs
    record["proposals"] = mine
    return record
