"""Notebook 01 explorer: the delegate card's content and that the Dropdown changes it."""
import pytest

import chengyu_lib as cy
from chengyu_lib.widgets import ch01_report_as_data as r


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def test_summary_texts_one_per_delegate_in_report_order():
    texts = r.summary_texts()
    assert texts.index.tolist() == cy.article.delegates()["name_zh"].tolist()
    p = cy.article.proposals()
    assert texts.loc["黎勇"] == "".join(p.loc[p["delegate_id"] == "li_yong", "summary_zh"])
    assert r.summary_texts("delegate_id").index[0] == "li_xiehua"
    with pytest.raises(ValueError, match="by must be"):
        r.summary_texts("body")


def test_delegate_card_lists_every_proposal_and_notebook():
    card = r.delegate_card("li_xiehua")
    n = len(cy.article.delegate("li_xiehua")["proposals"])
    assert f"{n} proposals" in card
    assert card.count("key phrase:") == n
    assert "General Manager" in card and "NPC deputy" in card
    assert "tested in notebook 10 (benchmarking clusters)" in card  # the 1.6万亿 cluster
    assert "top 5 keywords" in card and "集群" in card


def test_delegate_card_accepts_names_and_rejects_bad_input():
    assert r.delegate_card("Li Yong") == r.delegate_card("黎勇")
    assert "CPPCC member" in r.delegate_card("li_yong")
    with pytest.raises(ValueError, match="k must be"):
        r.delegate_card("li_yong", k=0)
    with pytest.raises(ValueError, match="delegate of the report"):
        r.delegate_card("Zhang San")


def test_delegate_explorer_responds():
    box = cy.widgets.delegate_explorer()
    pick, out = box.children
    assert len(pick.options) == 6
    before = _text(out)
    assert before.startswith("李谢华 Li Xiehua")
    pick.value = "liu_yanying"
    after = _text(out)
    assert after != before
    assert after.startswith("刘艳英 Liu Yanying") and "7 proposals" in after
    assert "安岳" in after                      # a keyword of her summaries
    pick.value = "li_yong"
    assert "川渝通办" in _text(out)
