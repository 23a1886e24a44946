"""Loading, validating and citing the course data; errors that name file, row and column;
the same data from a clone and from an installed wheel."""
import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import chengyu_lib as cy
from chengyu_lib.datasets import DatasetError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NAMES = cy.datasets.names()


def test_catalogue_has_the_course_tables():
    for name in ["circle_economy", "province_economy", "national_economy", "cities",
                 "city_economy", "city_clusters", "major_projects", "tongban_timeline",
                 "glossary", "article/delegates", "article/figures", "article/proposals",
                 "article/themes", "urbanisation"]:
        assert name in NAMES, f"{name} missing from data/"


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_loads_and_cites_resolving_sources(name):
    frame = cy.datasets.load(name)
    assert len(frame) > 0
    meta = frame.attrs["meta"]
    assert list(frame.columns) == list(meta["columns"])
    known = set(cy.datasets.sources()["source_id"])
    if "source_id" in frame.columns:
        for cell in frame["source_id"].dropna():
            for sid in str(cell).split(";"):
                assert sid.strip() in known
        assert frame.attrs["sources"], f"{name} cites no source"
    for field in ("title", "title_zh", "row", "coverage"):
        assert meta.get(field), f"{name}.meta.json lacks {field!r}"


def test_sources_have_every_field():
    src = cy.datasets.sources()
    assert src["source_id"].is_unique
    for col in ("publisher", "title", "date", "url", "quote"):
        assert (src[col].str.len() > 0).all(), col


def test_every_source_is_cited_somewhere():
    cited = set()
    for name in NAMES:
        for rec in cy.datasets.load(name).attrs["sources"]:
            cited.add(rec["source_id"])
    unused = set(cy.datasets.sources()["source_id"]) - cited
    # a source may also back a glossary rendering or a coordinate column
    for name in NAMES:
        frame = cy.datasets.load(name)
        for col in frame.columns:
            if col.endswith("source_id") and col != "source_id":
                unused -= set(frame[col].dropna())
    assert not unused, f"sources listed but never cited: {sorted(unused)}"


def test_load_returns_an_independent_copy():
    a = cy.datasets.load(NAMES[0])
    a.iloc[0, 0] = None
    b = cy.datasets.load(NAMES[0])
    assert b.iloc[0, 0] is not None


def test_pick_vintage_prefers_and_keeps_gaps():
    prov = cy.datasets.pick_vintage(cy.datasets.load("province_economy"), "gdp")
    sc = prov[prov["region"] == "sichuan"].set_index("year")
    assert sc.loc[2022, "vintage"] == "final"       # first release not found
    assert 2016 not in sc.index                     # gap stays a gap
    cq = prov[prov["region"] == "chongqing"].set_index("year")
    assert cq.loc[2020, "vintage"] == "preliminary"  # preferred over final
    with pytest.raises(ValueError, match="no rows"):
        cy.datasets.pick_vintage(cy.datasets.load("circle_economy"), "nonsense")


def test_unknown_name_lists_the_names():
    with pytest.raises(ValueError, match="name must be one of the course datasets"):
        cy.datasets.load("no_such_table")
    with pytest.raises(TypeError, match="name must be a dataset name"):
        cy.datasets.load(3)


def test_describe_names_columns_and_sources():
    text = cy.datasets.describe("circle_economy")
    assert "`value`" in text and "Sources" in text


def test_data_readme_is_up_to_date():
    """data/README.md is generated from the meta files by scripts/build_data_readme.py."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_data_readme import render
    finally:
        sys.path.pop(0)
    assert (DATA / "README.md").read_text(encoding="utf-8") == render(), \
        "run: python scripts/build_data_readme.py"


# ---------- broken copies of the real data: every error names file, row and column


@pytest.fixture()
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _rewrite(path, edit):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _first_numeric(meta):
    for col, spec in meta["columns"].items():
        if spec["dtype"] in ("int", "float") and col not in meta.get("key", []):
            return col
    return None


@pytest.mark.parametrize("name", NAMES)
def test_dropped_column_is_named(name, data_copy):
    meta = json.loads((data_copy / f"{name}.meta.json").read_text(encoding="utf-8"))
    victim = list(meta["columns"])[-1]

    def drop(rows):
        j = rows[0].index(victim)
        return [r[:j] + r[j + 1:] for r in rows]

    _rewrite(data_copy / f"{name}.csv", drop)
    with pytest.raises(DatasetError, match=rf"data/{name}.csv, column '{victim}': missing"):
        cy.datasets.load(name, root=data_copy)


@pytest.mark.parametrize("name", NAMES)
def test_text_in_a_number_column_names_row_and_column(name, data_copy):
    meta = json.loads((data_copy / f"{name}.meta.json").read_text(encoding="utf-8"))
    col = _first_numeric(meta)
    if col is None:
        pytest.skip(f"{name} has no number column")
    path = data_copy / f"{name}.csv"

    def spoil(rows):
        j = rows[0].index(col)
        rows[2][j] = "八万亿"
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError, match=rf"data/{name}.csv, row 2, column '{col}': expected"):
        cy.datasets.load(name, root=data_copy)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "glossary"])
def test_unknown_source_id_names_row_and_column(name, data_copy):
    path = data_copy / f"{name}.csv"
    with open(path, encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    if "source_id" not in header:
        pytest.skip(f"{name} has no source_id column")

    def spoil(rows):
        rows[1][rows[0].index("source_id")] = "made-up-source"
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError,
                       match=rf"data/{name}.csv, row 1, column 'source_id': unknown source id"):
        cy.datasets.load(name, root=data_copy)


def test_parts_must_add_up_to_the_total(data_copy):
    path = data_copy / "circle_economy.csv"

    def spoil(rows):
        j, k = rows[0].index("indicator"), rows[0].index("value")
        for r in rows[1:]:
            if r[j] == "primary" and r[k]:
                r[k] = str(float(r[k]) * 2)
                break
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError, match=r"primary \+ secondary \+ tertiary .* but gdp"):
        cy.datasets.load("circle_economy", root=data_copy)


def test_duplicate_key_is_refused(data_copy):
    path = data_copy / "cities.csv"
    _rewrite(path, lambda rows: rows + [rows[1]])
    with pytest.raises(DatasetError, match=r"data/cities.csv, row \d+, column .* repeats row 1"):
        cy.datasets.load("cities", root=data_copy)


def test_out_of_range_value_is_refused(data_copy):
    path = data_copy / "cities.csv"

    def spoil(rows):
        rows[1][rows[0].index("lat")] = "95.0"
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError, match=r"row 1, column 'lat': 95.0 is outside"):
        cy.datasets.load("cities", root=data_copy)


def test_row_with_a_figure_needs_a_source(data_copy):
    path = data_copy / "circle_economy.csv"

    def spoil(rows):
        rows[1][rows[0].index("source_id")] = ""
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError, match=r"row 1, column 'source_id': a row with a figure"):
        cy.datasets.load("circle_economy", root=data_copy)


# ---------- the same data from an installed wheel


@pytest.mark.skipif(os.environ.get("CHENGYU_SKIP_WHEEL") == "1", reason="CHENGYU_SKIP_WHEEL=1")
def test_data_loads_from_an_installed_wheel(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True)
    wheel = next(wheels.glob("chengyu_lib-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert "chengyu_lib/data/sources.csv" in zf.namelist()
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True)
    script = (
        "import chengyu_lib as cy, pathlib, sys\n"
        f"assert pathlib.Path(cy.__file__).is_relative_to({str(target)!r}), cy.__file__\n"
        f"assert cy.datasets.data_dir().is_relative_to({str(target)!r})\n"
        "names = cy.datasets.names()\n"
        "for n in names: cy.datasets.load(n)\n"
        "print(len(names))\n")
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == len(NAMES)


def test_attribute_source_columns_must_resolve_too(data_copy):
    path = data_copy / "cities.csv"

    def spoil(rows):
        rows[3][rows[0].index("coord_source_id")] = "nowhere"
        return rows

    _rewrite(path, spoil)
    with pytest.raises(DatasetError,
                       match=r"data/cities.csv, row 3, column 'coord_source_id': unknown source"):
        cy.datasets.load("cities", root=data_copy)


def test_glossary_cites_its_official_renderings():
    glossary = cy.datasets.load("glossary")
    cited = {s["source_id"] for s in glossary.attrs["sources"]}
    assert cited == (set(glossary["official_en_source_id"].dropna())
                     | set(glossary["definition_source_id"].dropna()))


def test_provenance_is_read_only_and_shared_not_copied():
    import copy
    import pickle

    frame = cy.datasets.load("city_economy")
    derived = frame.query("year == 2023").assign(x=1)
    # pandas passes attrs on to derived frames; the provenance objects are shared
    assert derived.attrs["meta"] is frame.attrs["meta"]
    assert derived.attrs["sources"] is frame.attrs["sources"]
    assert copy.deepcopy(frame.attrs)["sources"][0] is frame.attrs["sources"][0]
    with pytest.raises(TypeError, match="read-only"):
        derived.attrs["meta"]["title"] = "changed"
    with pytest.raises(TypeError, match="read-only"):
        derived.attrs["sources"][0].update(quote="changed")
    with pytest.raises(AttributeError):
        derived.attrs["meta"]["caveats"].append("changed")   # a tuple
    # replacing a whole entry of one frame's attrs leaves the next load untouched
    derived.attrs["meta"] = {"title": "mine"}
    assert cy.datasets.load("city_economy").attrs["meta"]["title"] != "mine"
    # a copy can be changed; pickling (e.g. df.to_pickle) keeps the values
    mine = dict(frame.attrs["meta"])
    mine["title"] = "mine"
    again = pickle.loads(pickle.dumps(frame))
    assert again.attrs["meta"] == frame.attrs["meta"]
    assert type(again.attrs["meta"]) is cy.datasets.ReadOnlyDict


# ------------------------------------------------- one vintage rule, one-row lookup, names
def test_one_returns_exactly_one_row_or_raises():
    v = cy.datasets.one("province_economy", region="sichuan", year=2023, indicator="gdp",
                        vintage="preliminary")
    df = cy.datasets.load("province_economy")
    by_hand = df[(df["region"] == "sichuan") & (df["year"] == 2023)
                 & (df["indicator"] == "gdp") & (df["vintage"] == "preliminary")]["value"]
    assert len(by_hand) == 1 and v == float(by_hand.iloc[0])
    with pytest.raises(LookupError, match=r"expected one row .* found [2-9]"):
        cy.datasets.one("province_economy", region="sichuan", indicator="gdp")
    with pytest.raises(LookupError, match="found 0"):
        cy.datasets.one("province_economy", region="sichuan", year=1900, indicator="gdp")
    assert cy.datasets.one("province_economy", region="sichuan", year=1900,
                           indicator="gdp", missing=None) is None
    with pytest.raises(ValueError, match="'provinc' is not a column"):
        cy.datasets.one("province_economy", provinc="sichuan")
    with pytest.raises(TypeError, match="table must be"):
        cy.datasets.one(42, region="sichuan")


def test_one_refuses_two_rows_that_a_first_row_lookup_would_hide():
    t = pd.DataFrame({"region": ["a", "a"], "year": [2022, 2022], "value": [1.0, 2.0]})
    with pytest.raises(LookupError, match="found 2"):
        cy.datasets.one(t, region="a", year=2022)


def test_best_vintage_is_the_one_rule():
    assert cy.datasets.PREFERRED_VINTAGES[0] == "preliminary"
    t = pd.DataFrame({"k": ["x", "x", "y", "z"], "value": [1.0, 2.0, 3.0, None],
                      "vintage": ["final", "as_reported", "unknown", "preliminary"]})
    got = cy.datasets.best_vintage(t, ["k"])
    assert got["k"].tolist() == ["x"] and got["value"].tolist() == [2.0]  # y, z left out


def test_city_figures_chongqing_boundaries():
    whole = cy.datasets.city_figures(2023)
    metro = cy.datasets.city_figures(2023, "main_metro_area")
    cq_prov = cy.datasets.one("province_economy", region="chongqing", year=2023,
                              indicator="gdp", vintage="preliminary")
    assert whole.loc["chongqing", "gdp"] == cq_prov
    assert metro.loc["chongqing", "gdp"] < cq_prov
    assert list(whole.index) == list(cy.datasets.load("cities")["city_id"])
    with pytest.raises(ValueError, match="year must be one of"):
        cy.datasets.city_figures(1950)
    with pytest.raises(TypeError, match="year must be an int"):
        cy.datasets.city_figures("2023")


def test_region_names_listed_once_in_one_order():
    names = cy.datasets.REGION_NAMES
    assert all(len(v) == 3 for v in names.values())
    assert names["sichuan"] == ("Sichuan", "四川", "四川省")
    cy.set_language("zh")
    try:
        assert cy.datasets.region_name("chongqing") == "重庆"
    finally:
        cy.set_language("en")
    assert cy.datasets.region_name("chongqing") == "Chongqing"
