"""Local figures (issue 15, item 5): a teacher adds or replaces a figure, with its source,
in a folder outside the shipped tables ($CHENGYU_LOCAL_DATA); it is validated like the
shipped data, marked ``local``, and the notebooks' inputs change without edits.

The figures written here are test fixtures (value 1234.5, source "test fixture"), not data.
"""
import csv
from pathlib import Path

import pytest

import chengyu_lib as cy
from chengyu_lib.datasets import DatasetError

FIXTURE_SOURCE = {
    "source_id": "local-test-yearbook",
    "publisher": "test fixture (not a real publication)",
    "title": "A yearbook page typed in by a teacher (test fixture)",
    "date": "2024-09",
    "url": "local:yearbook-2024-p12",
    "quote": "a test fixture: the figure below is not real",
    "accessed": "2026-12-04",
}
ECONOMY_COLUMNS = ["city_id", "boundary", "year", "indicator", "value", "unit", "vintage",
                   "source_id", "note"]


def _write(path: Path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture()
def local(tmp_path, monkeypatch):
    folder = tmp_path / "local"
    folder.mkdir()
    _write(folder / "sources.csv", list(FIXTURE_SOURCE), [list(FIXTURE_SOURCE.values())])
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", str(folder))
    return folder


def _gdp_row(city, value="1234.5", source="local-test-yearbook"):
    return [city, "whole", "2023", "gdp", value, "亿元", "preliminary", source, "yearbook"]


def _target_city():
    """A Sichuan city without a shipped 2023 GDP (added), else Chengdu (replaced)."""
    shipped = cy.widgets.inequality_inputs(2023)
    missing = shipped.index[(shipped["province"] == "Sichuan") & shipped["gdp"].isna()]
    return (missing[0] if len(missing) else "chengdu"), shipped


def test_without_local_figures_tables_are_unchanged(monkeypatch, tmp_path):
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    frame = cy.datasets.load("city_economy")
    assert "local" not in frame.columns
    assert list(frame.columns) == list(frame.attrs["meta"]["columns"])


def test_a_local_figure_changes_notebook_03_inputs(local):
    city, shipped = _target_city()
    _write(local / "city_economy.csv", ECONOMY_COLUMNS, [_gdp_row(city)])
    inputs = cy.widgets.inequality_inputs(2023)          # what notebook 03 calls
    assert inputs.loc[city, "gdp"] == 1234.5
    assert shipped.loc[city, "gdp"] != 1234.5
    others = inputs.drop(index=city)
    assert others["gdp"].equals(shipped.drop(index=city)["gdp"])

    table = cy.datasets.load("city_economy")
    mine = table[table["local"]]
    assert mine[["city_id", "year", "indicator", "value"]].values.tolist() == \
        [[city, 2023, "gdp", 1234.5]]
    assert table["local"].sum() == 1
    cited = {s["source_id"]: s for s in table.attrs["sources"]}
    assert cited["local-test-yearbook"]["local"] is True
    assert "local-test-yearbook" in set(cy.datasets.cite("city_economy")["source_id"])


def test_a_local_row_replaces_the_shipped_row_with_its_key(local, monkeypatch):
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", "")
    shipped = cy.datasets.load("city_economy")
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", str(local))
    _write(local / "city_economy.csv", ECONOMY_COLUMNS, [_gdp_row("chengdu")])
    merged = cy.datasets.load("city_economy")
    assert len(merged) == len(shipped)
    pick = merged.query("city_id == 'chengdu' and year == 2023 and indicator == 'gdp' "
                        "and vintage == 'preliminary' and boundary == 'whole'")
    assert pick["value"].tolist() == [1234.5] and pick["local"].tolist() == [True]
    assert cy.widgets.inequality_inputs(2023).loc["chengdu", "gdp"] == 1234.5


def test_local_rows_are_validated_like_shipped_ones(local):
    path = local / "city_economy.csv"
    for row, message in [
        (_gdp_row("zigong", "1,234.5"), r"column 'value': expected a number"),
        (_gdp_row("zigong", "99999"), r"column 'value': 99999.0 is outside"),
        (_gdp_row("atlantis"), r"column 'city_id': expected one of"),
        (_gdp_row("zigong", source="nowhere"), r"column 'source_id': unknown source id"),
        (_gdp_row("zigong", source=""), r"column 'source_id': a row with a figure"),
    ]:
        _write(path, ECONOMY_COLUMNS, [row])
        with pytest.raises(DatasetError, match=rf"local data city_economy.csv, row 1, {message}"):
            cy.datasets.load("city_economy")
    _write(path, ECONOMY_COLUMNS, [_gdp_row("zigong"), _gdp_row("zigong")])
    with pytest.raises(DatasetError, match=r"local data city_economy.csv, row 2, .*repeats row 1"):
        cy.datasets.load("city_economy")
    _write(path, ECONOMY_COLUMNS[:-1], [_gdp_row("zigong")[:-1]])
    with pytest.raises(DatasetError, match=r"local data city_economy.csv, column 'note': missing"):
        cy.datasets.load("city_economy")


def test_local_sources_are_checked(local):
    _write(local / "sources.csv", list(FIXTURE_SOURCE),
           [list({**FIXTURE_SOURCE, "quote": ""}.values())])
    _write(local / "city_economy.csv", ECONOMY_COLUMNS, [_gdp_row("zigong")])
    with pytest.raises(DatasetError, match=r"local data sources.csv, row 1, column 'quote'"):
        cy.datasets.load("city_economy")
    shipped_id = cy.datasets.sources()["source_id"].iloc[0]
    _write(local / "sources.csv", list(FIXTURE_SOURCE),
           [list({**FIXTURE_SOURCE, "source_id": shipped_id}.values())])
    with pytest.raises(DatasetError, match=r"local data sources.csv, row 1, column 'source_id'"
                                           r": .* already a shipped source"):
        cy.datasets.load("city_economy")


def test_a_local_figure_that_breaks_a_sum_is_refused(local):
    # a replaced GDP must still equal the sum of the three sectors where they are stored
    eco = cy.datasets.load("city_economy")
    sectors = eco[eco["indicator"] == "primary"].iloc[0]
    row = [sectors["city_id"], sectors["boundary"], str(sectors["year"]), "gdp", "30000",
           "亿元", sectors["vintage"], "local-test-yearbook", ""]
    _write(local / "city_economy.csv", ECONOMY_COLUMNS, [row])
    with pytest.raises(DatasetError, match=r"primary \+ secondary \+ tertiary"):
        cy.datasets.load("city_economy")


def test_a_local_folder_that_is_not_a_folder_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", str(tmp_path / "missing"))
    with pytest.raises(DatasetError, match="CHENGYU_LOCAL_DATA"):
        cy.datasets.load("cities")


def test_the_default_local_folder_is_in_the_config_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("CHENGYU_LOCAL_DATA", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert cy.datasets.local_dir() == tmp_path / "chengyu_lib" / "local_data"
    assert len(cy.datasets.load("cities")) > 0          # absent folder: no local figures
    monkeypatch.setenv("CHENGYU_LOCAL_DATA", "")
    assert cy.datasets.local_dir() is None


def test_local_figures_lists_and_checks_the_whole_folder(local):
    assert cy.datasets.local_figures().empty
    _write(local / "city_economy.csv", ECONOMY_COLUMNS, [_gdp_row("chengdu"),
                                                         _gdp_row("zigong", "1300")])
    listed = cy.datasets.local_figures()
    assert listed[["table", "local_rows"]].values.tolist() == [["city_economy", 2]]
    _write(local / "city_economi.csv", ECONOMY_COLUMNS, [_gdp_row("zigong")])
    with pytest.raises(DatasetError, match=r"local data 'city_economi.csv': not named after"):
        cy.datasets.local_figures()
