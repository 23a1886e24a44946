"""The one language setting (chengyu_lib.language): switch, class default, bad settings."""
import json

import pytest

import chengyu_lib as cy
from chengyu_lib import language, plotting


@pytest.fixture(autouse=True)
def _restore():
    yield
    language._state["language"] = None


def test_one_switch_changes_chart_labels_and_text():
    cy.set_language("zh")
    assert plotting.label("year") == "年份" and language.text("a", "乙") == "乙"
    plotting.set_language("en")
    assert language.get_language() == "en" and plotting.label("year") == "year"


def test_bad_language_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match="language must be 'en' or 'zh'"):
        cy.set_language("de")


def test_class_default_from_environment_then_settings_file(tmp_path, monkeypatch):
    settings = tmp_path / "s.json"
    monkeypatch.setenv("CHENGYU_SETTINGS", str(settings))
    monkeypatch.delenv("CHENGYU_LANGUAGE", raising=False)
    assert language.get_language() == "en"          # no file: English
    language._state["language"] = None
    settings.write_text(json.dumps({"language": "zh"}))
    assert language.get_language() == "zh"          # the teacher's file
    language._state["language"] = None
    monkeypatch.setenv("CHENGYU_LANGUAGE", "en")
    assert language.get_language() == "en"          # the environment wins


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"language": "fr"}', ""])
def test_a_broken_settings_file_keeps_english(tmp_path, monkeypatch, content):
    settings = tmp_path / "s.json"
    settings.write_text(content)
    monkeypatch.setenv("CHENGYU_SETTINGS", str(settings))
    monkeypatch.delenv("CHENGYU_LANGUAGE", raising=False)
    assert language.default_language() == "en"


def test_column_picks_the_language_twin_and_falls_back_to_english():
    import pandas as pd
    table = pd.DataFrame({"summary_en": ["a"], "summary_zh": ["甲"], "title_en": ["t"]})
    cy.set_language("zh")
    assert table[language.column(table, "summary")].iloc[0] == "甲"
    assert language.column(table, "title") == "title_en"        # no _zh twin
    cy.set_language("en")
    assert language.column(table, "summary") == "summary_en"
    with pytest.raises(KeyError, match="stem 'role'.*'role_en'"):
        language.column(table, "role")
    with pytest.raises(TypeError, match="frame must be a table"):
        language.column(["summary_en"], "summary")
    with pytest.raises(TypeError, match="stem must be"):
        language.column(table, "")
