"""Local figures in charts (issue 15, item 5): a chart drawn from data that holds a
teacher's own figures says so, naming them, in the current language; a chart without them
carries no such note. The figure written here is a test fixture, not data."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib import plotting  # noqa: E402

# the same teacher's yearbook page as the local-figures tests of datasets
from test_datasets_local import ECONOMY_COLUMNS, FIXTURE_SOURCE, _write  # noqa: E402


@pytest.fixture()
def local(tmp_path, monkeypatch):
    folder = tmp_path / "local"
    folder.mkdir()
    _write(folder / "sources.csv", list(FIXTURE_SOURCE), [list(FIXTURE_SOURCE.values())])
    _write(folder / "city_economy.csv", ECONOMY_COLUMNS,
           [["chengdu", "whole", "2023", "gdp", "1234.5", "亿元", "preliminary",
             "local-test-yearbook", "yearbook"]])
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", str(folder))
    yield folder
    plt.close("all")
    cy.language.set_language("en")


@pytest.fixture()
def no_local(tmp_path, monkeypatch):
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", "")
    yield
    plt.close("all")


def _note(ax):
    notes = [t.get_text() for t in ax.texts if t.get_gid() == plotting.LOCAL_NOTE_GID]
    assert len(notes) <= 1
    return notes[0] if notes else None


def _chengdu_gdp():
    eco = cy.datasets.load("city_economy")
    return eco[(eco["city_id"] == "chengdu") & (eco["boundary"] == "whole")
               & (eco["indicator"] == "gdp")]


def test_a_chart_of_a_loaded_table_names_its_local_rows(local):
    rows = _chengdu_gdp()
    assert rows["local"].any()
    ax = plotting.line_chart(rows, "year", "value")
    assert _note(ax) == "includes local figures: chengdu 2023 gdp whole"


def test_rows_without_local_figures_get_no_note(local, no_local):
    ax = plotting.line_chart(_chengdu_gdp(), "year", "value")
    assert _note(ax) is None
    assert "local" not in _chengdu_gdp().columns


def test_a_subset_without_the_local_row_gets_no_note(local):
    eco = cy.datasets.load("city_economy")
    assert "local" in eco.columns
    other = eco[(eco["city_id"] == "mianyang") & (eco["indicator"] == "gdp")]
    assert len(other) and not other["local"].any()
    assert _note(plotting.line_chart(other, "year", "value")) is None


def test_charts_of_reshaped_tables_keep_the_mark(local):
    """notebook 03/05 draw maps and bars from widget tables built on city_figures."""
    inputs = cy.widgets.gravity_inputs(2023)
    assert inputs.loc["chengdu", "gdp"] == 1234.5
    assert plotting.local_figures_in(inputs) == ["chengdu 2023 gdp"]
    ax = plotting.map_chart(inputs, "gdp")
    assert _note(ax) == "includes local figures: chengdu 2023 gdp"
    bars = plotting.bar_chart(cy.widgets.inequality_inputs(2023)["gdp"])
    assert "chengdu 2023 gdp" in _note(bars)


def test_the_note_is_in_the_current_language(local):
    cy.language.set_language("zh")
    ax = plotting.line_chart(_chengdu_gdp(), "year", "value")
    assert _note(ax) == "含本地数据：chengdu 2023 gdp whole"


def test_rows_citing_a_local_source_are_found_without_the_local_column(local):
    rows = _chengdu_gdp().drop(columns="local")
    assert plotting.local_figures_in(rows) == ["chengdu 2023 gdp whole"]
    # a table that only lists a local source among its sources names the source
    bare = rows[["year", "value"]]
    assert plotting.local_figures_in(bare) == ["source local-test-yearbook"]


def test_every_chart_that_draws_data_marks_local_figures(local):
    import pandas as pd

    rows = _chengdu_gdp()
    ax = plotting.milestone_chart(rows, "year", "value", 1000)
    assert _note(ax)
    ax = plotting.step_chart(rows, "year", "value")
    assert _note(ax)
    ax = plotting.bubble_chart(rows.assign(name=rows["city_id"]), "year", "value", "value",
                               "name")
    assert _note(ax)
    ax = plotting.fan_chart(rows, "year", "value", "vintage")
    assert _note(ax)
    table = rows.pivot_table(index="city_id", columns="year", values="value")
    table.attrs["local_figures"] = plotting.local_figures_in(rows)
    assert _note(plotting.heatmap(table))
    assert _note(plotting.bar_chart(pd.Series({"a": 1.0}))) is None
