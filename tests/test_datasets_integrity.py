"""Damaged tables are refused whole, and names are names (issue 16, items 1 and 2).

Each test spoils a copy of the real data the way the issue's probe did and expects a
``DatasetError`` (or ``ValueError``/``TypeError``) that names the file and what differs.
"""
import json
import shutil
import sys
from pathlib import Path

import pytest

import chengyu_lib as cy
from chengyu_lib.datasets import DatasetError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TABLE = "circle_economy"


@pytest.fixture()
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_data_readme
    finally:
        sys.path.pop(0)
    return build_data_readme


def _lines(path):
    return path.read_bytes().decode("utf-8").splitlines(keepends=True)


def _set_cell(path, row, column, value):
    """Replace one cell (row 1 = first data row) keeping every other byte as it is."""
    lines = _lines(path)
    header = lines[0].rstrip("\r\n").split(",")
    cells = lines[row].rstrip("\r\n").split(",")
    j = header.index(column)
    cells[j] = value
    ending = lines[row][len(lines[row].rstrip("\r\n")):]
    lines[row] = ",".join(cells) + ending
    path.write_bytes("".join(lines).encode("utf-8"))


def _find_row(path, **match):
    lines = _lines(path)
    header = lines[0].rstrip("\r\n").split(",")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.rstrip("\r\n").split(",")
        if all(cells[header.index(k)] == v for k, v in match.items()):
            return i
    raise AssertionError(f"no row {match}")


# ---------- tables prove they are whole


def test_every_meta_records_rows_and_hash():
    for name in cy.datasets.names():
        meta = json.loads((DATA / f"{name}.meta.json").read_text(encoding="utf-8"))
        rec = meta["integrity"]
        assert rec == cy.datasets.integrity(DATA / f"{name}.csv"), name
        assert rec["rows"] == len(cy.datasets.load(name))
    src = json.loads((DATA / "sources.meta.json").read_text(encoding="utf-8"))
    assert src["integrity"] == cy.datasets.integrity(DATA / "sources.csv")
    assert src["integrity"]["rows"] == len(cy.datasets.sources())


def test_hash_ignores_line_endings_only(tmp_path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    a.write_bytes(b"x,y\n1,2\n")
    b.write_bytes(b"x,y\r\n1,2\r\n")
    c.write_bytes(b"x,y\n1,3\n")
    assert cy.datasets.integrity(a) == cy.datasets.integrity(b)
    assert cy.datasets.integrity(a)["sha256"] != cy.datasets.integrity(c)["sha256"]
    assert cy.datasets.integrity(a)["rows"] == 1


@pytest.mark.parametrize("keep", [24, 27, 32])
def test_table_cut_at_a_row_boundary_is_refused(data_copy, keep):
    path = data_copy / f"{TABLE}.csv"
    path.write_bytes("".join(_lines(path)[: keep + 1]).encode("utf-8"))
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv: .*{keep} rows.* 42"):
        cy.datasets.load(TABLE, root=data_copy)


def test_table_cut_inside_the_last_text_field_is_refused(data_copy):
    path = data_copy / f"{TABLE}.csv"
    lines = _lines(path)
    row = next(i for i in range(len(lines) - 1, 0, -1) if ',"' in lines[i])
    # the file ends inside the quoted note of a row that has all its fields
    cut = lines[row].index(',"') + 8
    path.write_bytes(("".join(lines[:row]) + lines[row][:cut]).encode("utf-8"))
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv"):
        cy.datasets.load(TABLE, root=data_copy)


def test_header_only_table_is_refused(data_copy):
    path = data_copy / f"{TABLE}.csv"
    path.write_bytes(_lines(path)[0].encode("utf-8"))
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv: .*0 rows"):
        cy.datasets.load(TABLE, root=data_copy)


@pytest.mark.parametrize("cell", ["81,986.7", "1,06.55", "８１９８６.６７", "81_986.67",
                                  "81 986.67", "+81986.67", "8.1e4", "81986.", ".5", "١٢٣"])
def test_numbers_have_one_format(data_copy, cell):
    path = data_copy / f"{TABLE}.csv"
    row = _find_row(path, year="2023", indicator="gdp", vintage="preliminary")
    lines = _lines(path)
    lines[row] = lines[row].replace(lines[row].split(",")[2], f'"{cell}"', 1)
    path.write_bytes("".join(lines).encode("utf-8"))
    with pytest.raises(DatasetError,
                       match=rf"data/{TABLE}.csv, row {row}, column 'value': expected a number"):
        cy.datasets.load(TABLE, root=data_copy)


@pytest.mark.parametrize("cell", ["2_023", "２０２３", "2023.0", " 2023"])
def test_integers_have_one_format(data_copy, cell):
    path = data_copy / f"{TABLE}.csv"
    _set_cell(path, 3, "year", f'"{cell}"')
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv, row 3, column 'year': expected"):
        cy.datasets.load(TABLE, root=data_copy)


def test_an_in_range_typo_fails_the_hash(data_copy):
    path = data_copy / f"{TABLE}.csv"
    row = _find_row(path, year="2024", indicator="population")
    value = _lines(path)[row].split(",")[2]
    typo = value[:-1] + ("1" if value[-1] != "1" else "2")      # still a plausible figure
    _set_cell(path, row, "value", typo)
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv: content hash .* differs"):
        cy.datasets.load(TABLE, root=data_copy)


def test_a_bom_in_a_table_is_named(data_copy):
    path = data_copy / f"{TABLE}.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv: starts with a byte-order mark"):
        cy.datasets.load(TABLE, root=data_copy)


def test_a_bom_in_sources_is_named(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DatasetError, match=r"data/sources.csv: starts with a byte-order mark"):
        cy.datasets.load(TABLE, root=data_copy)


def test_undecodable_bytes_are_named(data_copy):
    path = data_copy / f"{TABLE}.csv"
    path.write_bytes(path.read_bytes().replace("亿元".encode(), b"\xff\xfe", 1))
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv: not UTF-8 text"):
        cy.datasets.load(TABLE, root=data_copy)


def test_a_cut_sources_table_is_refused(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes("".join(_lines(path)[:-3]).encode("utf-8"))
    with pytest.raises(DatasetError, match=r"data/sources.csv: .*rows"):
        cy.datasets.sources(root=data_copy)


def test_a_sources_number_of_fields_or_nul_is_refused(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(path.read_bytes() + b"x,\x00y\n")
    with pytest.raises(DatasetError, match=r"data/sources.csv"):
        cy.datasets.sources(root=data_copy)


@pytest.mark.parametrize("meta, what", [
    ([1, 2], "not a JSON object"),
    ({"title": "x"}, "'columns'"),
    ({"columns": ["year"]}, "'columns'"),
    ({"columns": {"year": "int"}}, "column 'year'"),
])
def test_broken_meta_names_the_file(data_copy, meta, what):
    (data_copy / f"{TABLE}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.meta.json: .*{what}"):
        cy.datasets.load(TABLE, root=data_copy)


@pytest.mark.parametrize("name, rule, bad", [
    (TABLE, {"total": "gdp", "parts": ["primary", "secnodary"], "by": ["year", "vintage"]},
     "secnodary"),
    (TABLE, {"total": "gdp", "parts": ["primary"], "by": ["year", "region"]}, "region"),
])
def test_a_sums_rule_naming_a_missing_part_is_refused(data_copy, name, rule, bad):
    path = data_copy / f"{name}.meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["sums"] = [rule]
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DatasetError, match=rf"data/{name}.meta.json: sums rule .*{bad}"):
        cy.datasets.load(name, root=data_copy)


def test_a_wide_sums_rule_naming_a_missing_column_is_refused(data_copy):
    name, total = next(
        (n, c) for n in cy.datasets.names() for c, spec in
        cy.datasets.load(n).attrs["meta"]["columns"].items()
        if "indicators" not in cy.datasets.load(n).attrs["meta"]
        and spec["dtype"] in ("int", "float"))
    path = data_copy / f"{name}.meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["sums"] = [{"total": total, "parts": ["no_such_column"]}]
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DatasetError, match=rf"data/{name}.meta.json: sums rule .*no_such_column"):
        cy.datasets.load(name, root=data_copy)


def test_a_duplicated_header_column_is_refused(data_copy):
    path = data_copy / f"{TABLE}.csv"
    lines = _lines(path)
    lines[0] = lines[0].replace("value", "unit", 1)          # year,indicator,unit,unit,...
    path.write_bytes("".join(lines).encode("utf-8"))
    with pytest.raises(DatasetError, match=rf"data/{TABLE}.csv, column 'unit': appears twice"):
        cy.datasets.load(TABLE, root=data_copy)


def test_the_cache_notices_an_edited_table(data_copy):
    first = cy.datasets.load(TABLE, root=data_copy)
    path = data_copy / f"{TABLE}.csv"
    row = _find_row(path, year="2024", indicator="population")
    _set_cell(path, row, "value", "9999.9")
    with pytest.raises(DatasetError, match="content hash"):
        cy.datasets.load(TABLE, root=data_copy)             # not served stale
    _script().write_integrity(data_copy)                  # the maintainer accepts the edit
    again = cy.datasets.load(TABLE, root=data_copy)
    pick = "year == 2024 and indicator == 'population'"
    assert float(again.query(pick)["value"].iloc[0]) == 9999.9
    assert float(first.query(pick)["value"].iloc[0]) != 9999.9


def test_the_cache_notices_an_edited_sources_table(data_copy):
    cy.datasets.load(TABLE, root=data_copy)
    path = data_copy / "sources.csv"
    path.write_bytes("".join(_lines(path)[:-5]).encode("utf-8"))
    with pytest.raises(DatasetError, match="data/sources.csv"):
        cy.datasets.load(TABLE, root=data_copy)


def test_the_script_refreshes_integrity_without_touching_anything_else(data_copy):
    before = {p: p.read_bytes() for p in data_copy.rglob("*.meta.json")}
    _script().write_integrity(data_copy)
    assert {p: p.read_bytes() for p in data_copy.rglob("*.meta.json")} == before


# ---------- names are names


@pytest.mark.parametrize("bad", ["../data/cities", "./../data/cities", "a" * 256, "",
                                 "cities.csv", "article\\figures", "cities\x00", "CITIES"])
def test_load_takes_catalogue_names_only(bad):
    with pytest.raises(ValueError, match=r"name must be one of the course datasets \(.*cities"):
        cy.datasets.load(bad)


def test_an_absolute_path_is_not_a_name(tmp_path):
    shutil.copy(DATA / "cities.csv", tmp_path / "x.csv")
    shutil.copy(DATA / "cities.meta.json", tmp_path / "x.meta.json")
    with pytest.raises(ValueError, match="name must be one of the course datasets"):
        cy.datasets.load(str(tmp_path / "x"))
    with pytest.raises(ValueError, match="name must be one of the course datasets"):
        cy.datasets.describe(str(DATA / "cities"))


def test_a_long_name_is_quoted_short():
    with pytest.raises(ValueError) as err:
        cy.datasets.load("b" * 5000)
    assert "b" * 41 not in str(err.value)


def test_root_must_hold_a_catalogue(tmp_path, data_copy):
    with pytest.raises(ValueError, match="root must be a directory holding a course catalogue"):
        cy.datasets.load("cities", root=tmp_path / "nowhere")
    with pytest.raises(ValueError, match="root must be a directory holding a course catalogue"):
        cy.datasets.load("cities", root=DATA / "cities.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="root must be a directory holding a course catalogue"):
        cy.datasets.names(root=tmp_path / "empty")
    with pytest.raises(TypeError, match="root must be"):
        cy.datasets.load("cities", root=3)
    for odd in ["x" * 5000, "/tmp/\x00"]:           # too long for the file system; a NUL
        with pytest.raises(ValueError, match="root must be a directory"):
            cy.datasets.load("cities", root=odd)
    with pytest.raises(TypeError, match="path must be"):
        cy.datasets.integrity(3)
    assert len(cy.datasets.load("cities", root=str(data_copy))) == len(cy.datasets.load("cities"))


def test_error_messages_quote_a_short_escaped_part_of_a_cell(data_copy):
    path = data_copy / f"{TABLE}.csv"
    secret = "x\n\x1b[31m" + "秘" * 500
    row = _find_row(path, year="2024", indicator="population")
    _set_cell(path, row, "value", '"' + secret + '"')
    with pytest.raises(DatasetError) as err:
        cy.datasets.load(TABLE, root=data_copy)
    msg = str(err.value)
    assert "秘" * 41 not in msg and "\x1b" not in msg and "\n" not in msg
    assert "\\x1b" in msg and f"row {row}, column 'value'" in msg


def test_unknown_source_id_is_quoted_short(data_copy):
    path = data_copy / f"{TABLE}.csv"
    _set_cell(path, 1, "source_id", "q" * 300)
    with pytest.raises(DatasetError, match="unknown source id") as err:
        cy.datasets.load(TABLE, root=data_copy)
    assert "q" * 41 not in str(err.value)


@pytest.mark.parametrize("bad", [[], None, 3, ("cities",), Path("cities")])
def test_describe_wants_a_name(bad):
    with pytest.raises(TypeError, match="name must be a dataset name"):
        cy.datasets.describe(bad)


# ---------- derandomised damage: every change to a table is refused with a DatasetError

JUNK = [None, 1, -1.5, "x", [], {}, ["year"], [["year"]], {"a": 1}, True]


def _junk_into(meta, rng):
    """Replace one randomly chosen value inside ``meta`` with junk (in place)."""
    node = meta
    for _ in range(4):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        k = rng.choice(keys)
        if rng.random() < 0.4 or not isinstance(node[k], (dict, list)) or not node[k]:
            node[k] = rng.choice(JUNK)
            return
        node = node[k]


@pytest.mark.parametrize("seed", range(4))
def test_random_damage_is_refused_naming_the_file(data_copy, seed):
    import random

    rng = random.Random(seed)
    names = cy.datasets.names()
    tried = refused = 0
    for _ in range(25):
        name = rng.choice(names)
        kind = rng.choice(["bytes", "truncate", "insert", "sources", "meta"])
        path = data_copy / ("sources.csv" if kind == "sources" else
                            f"{name}.meta.json" if kind == "meta" else f"{name}.csv")
        original = path.read_bytes()
        if kind == "meta":
            meta = json.loads(original)
            _junk_into(meta, rng)
            damaged = json.dumps(meta, ensure_ascii=False).encode("utf-8")
        else:
            raw = bytearray(original)
            if kind == "truncate":
                raw = raw[: rng.randrange(len(raw))]
            elif kind == "insert":
                at = rng.randrange(len(raw))
                raw[at:at] = rng.choice([b",", b'"', b"\n", b"\x00", b"\xef\xbb\xbf",
                                         "，".encode(), b"1", b" ", b"-", b"_"])
            else:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            damaged = bytes(raw)
        path.write_bytes(damaged)
        tried += 1
        try:
            cy.datasets.load(name, root=data_copy)
            cy.datasets.describe(name, root=data_copy)
        except DatasetError as err:
            refused += 1
            assert "data/" in str(err), err
        else:
            # only harmless meta edits (a unit label, a description) or no real change load
            same = damaged.replace(b"\r\n", b"\n") == original.replace(b"\r\n", b"\n")
            assert kind == "meta" or same, f"{kind} damage to {path.name} loaded"
        path.write_bytes(original)
    assert refused >= tried // 2
