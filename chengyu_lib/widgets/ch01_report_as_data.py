"""Explorer for notebook 01 (the report as data): one delegate at a time.

A Dropdown picks one of the report's six delegates; the output shows their post, each of
their proposals, claims and achievements (the course's own English summary, the short
key phrase from the report, the scale and the course notebook that tests it), and the
TF-IDF keywords of the course's Chinese summaries of what they said.

The keywords come from the course's summaries (``summary_zh`` of
``cy.article.proposals()``), not from the report's text, which the project does not store.

>>> texts = summary_texts()
>>> list(texts.index)[:2]
['李谢华', '韩晓军']
>>> "川渝通办" in delegate_card("黎勇")
True
"""
from __future__ import annotations

from ..language import get_language
from ..language import text as _t

__all__ = ["NOTEBOOK_TITLES", "NOTEBOOK_TITLES_ZH", "BODY_NAMES", "BODY_NAMES_ZH", "summary_texts", "delegate_card",
           "delegate_explorer"]

#: Course notebooks named in ``proposals()["notebook"]``, with their English titles.
NOTEBOOK_TITLES = {
    "01": "reading the report as data",
    "02": "scale and growth",
    "03": "inequality and primacy",
    "04": "industrial overlap",
    "05": "gravity on the corridor",
    "06": "people-centred urbanisation",
    "07": "rural revitalisation",
    "08": "川渝通办 as policy diffusion",
    "09": "projects and scenarios",
    "10": "benchmarking clusters",
}

#: The two bodies a delegate can belong to.
BODY_NAMES = {"NPC": "NPC deputy (全国人大代表)", "CPPCC": "CPPCC member (全国政协委员)"}

# the card in Chinese (cy.set_language("zh")): the same facts in the course's Chinese terms
NOTEBOOK_TITLES_ZH = {"01": "把报道变成数据", "02": "经济总量与增长", "03": "区域差距与首位度",
                       "04": "产业同构检验", "05": "引力模型与成渝走廊",
                       "06": "以人为核心的新型城镇化", "07": "乡村振兴与城乡收入差距",
                       "08": "川渝通办与政策扩散", "09": "重大项目与情景预测",
                       "10": "城市群比较"}
BODY_NAMES_ZH = {"NPC": "全国人大代表", "CPPCC": "全国政协委员"}
_PROVINCE_ZH = {"Chongqing": "重庆", "Sichuan": "四川"}
_KIND_ZH = {"proposal": "建议", "claim": "判断", "achievement": "成绩"}
_SCALE_ZH = {"firm": "企业", "city": "城市", "region": "区域", "cross-province": "跨省域"}


def summary_texts(by="name_zh"):
    """One Chinese text per delegate: their proposals' course summaries (``summary_zh``)
    joined, in the report's order of delegates, indexed by ``by`` (a column of
    ``cy.article.delegates()``: ``name_zh``, ``name_pinyin`` or ``delegate_id``).

    These are summaries written for the course, not the report's sentences; keywords
    computed from them describe the summaries.

    >>> summary_texts("delegate_id").index.tolist()[-1]
    'liu_yanying'
    """
    from .. import article

    d = article.delegates()
    if by not in ("name_zh", "name_pinyin", "delegate_id"):
        raise ValueError(f"by must be 'name_zh', 'name_pinyin' or 'delegate_id', got {by!r}")
    p = article.proposals()
    joined = p.groupby("delegate_id", sort=False)["summary_zh"].agg("".join)
    out = joined.reindex(d["delegate_id"])
    out.index = d[by].tolist()
    out.index.name = by
    return out.rename("summaries_zh")


def delegate_card(who, k=5):
    """A plain-text card for one delegate: name, body, post, organisation, theme; each
    proposal (kind, scale, course summary in English, key phrase, testing notebook); and
    the ``k`` top TF-IDF keywords of their course summaries.

    ``who``: the id, Chinese name or pinyin (as ``cy.article.delegate``).

    >>> card = delegate_card("li_xiehua", k=3)
    >>> card.splitlines()[0]
    '李谢华 Li Xiehua — NPC deputy (全国人大代表)'
    >>> "新质生产力" in card and "notebook 04 (industrial overlap)" in card
    True
    """
    from .. import article, text

    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive int, got {k!r}")
    d = article.delegate(who)
    kw = text.keywords("".join(d["proposals"]["summary_zh"]), k=k)
    if get_language() == "zh":
        return _card_zh(d, kw, k)
    themes = article.themes().set_index("theme_id")["title_en"]
    lines = [f"{d['name_zh']} {d['name_pinyin']} — {BODY_NAMES.get(d['body'], d['body'])}",
             f"{d['role_en']}, {d['organisation_en']} ({d['province']})",
             f"theme: {themes.get(d['theme_id'], d['theme_id'])}",
             "",
             f"{len(d['proposals'])} proposals, claims and achievements "
             "(course summaries; key phrase from the report):"]
    for i, row in enumerate(d["proposals"].itertuples(), start=1):
        nb = str(row.notebook).zfill(2)
        lines.append(f"{i}. [{row.kind}, {row.scale}] {row.summary_en}")
        lines.append(f"   key phrase: {row.key_phrase_zh} · tested in notebook {nb} "
                     f"({NOTEBOOK_TITLES.get(nb, 'course notebook')})")
    lines += ["", f"top {k} keywords of these summaries (TF-IDF): "
              + ", ".join(kw["word"])]
    return "\n".join(lines)


def _card_zh(d, kw, k):
    """:func:`delegate_card` in Chinese (the course's Chinese summaries and titles)."""
    from .. import article

    themes = article.themes().set_index("theme_id")["title_zh"]
    lines = [f"{d['name_zh']}（{d['name_pinyin']}）— {BODY_NAMES_ZH.get(d['body'], d['body'])}",
             f"{d['organisation_zh']} {d['role_zh']}（{_PROVINCE_ZH.get(d['province'], d['province'])}）",
             f"主题：{themes.get(d['theme_id'], d['theme_id'])}",
             "",
             f"{len(d['proposals'])} 条建议、判断和成绩（课程概述；关键词句摘自报道）："]
    for i, row in enumerate(d["proposals"].itertuples(), start=1):
        nb = str(row.notebook).zfill(2)
        lines.append(f"{i}. [{_KIND_ZH.get(row.kind, row.kind)}，"
                     f"{_SCALE_ZH.get(row.scale, row.scale)}] {row.summary_zh}")
        lines.append(f"   关键词句：{row.key_phrase_zh} · 由第 {nb} 章检验"
                     f"（{NOTEBOOK_TITLES_ZH.get(nb, '课程笔记本')}）")
    lines += ["", f"这些概述的前 {k} 个关键词（TF-IDF）：" + "、".join(kw["word"])]
    return "\n".join(lines)


def delegate_explorer(k=5):
    """A Dropdown of the six delegates and an Output with :func:`delegate_card` for the
    one chosen. Returns ``ipywidgets.VBox(children=[dropdown, output])``.
    """
    import ipywidgets as w

    from .. import article

    d = article.delegates()
    zh = get_language() == "zh"
    options = [(f"{r.name_zh} {r.name_pinyin}（{BODY_NAMES_ZH[r.body]}）" if zh else
                f"{r.name_zh} {r.name_pinyin} ({r.body})", r.delegate_id)
               for r in d.itertuples()]
    pick = w.Dropdown(options=options, value=options[0][1],
                      description=_t("Delegate:", "代表委员："))
    out = w.Output()

    def show(*_):
        out.outputs = ()
        out.append_stdout(delegate_card(pick.value, k=k) + "\n")

    pick.observe(show, names="value")
    show()
    return w.VBox(children=[pick, out])
