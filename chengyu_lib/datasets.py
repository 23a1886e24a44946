"""Find, load, validate and cite the course's tables in ``data/``.

Every table is a UTF-8 CSV file with a sidecar ``<name>.meta.json`` that describes it:
what a row is, each column's type, unit and allowed range, the key that must be unique,
which parts must add up to a total, and caveats. ``load`` checks all of that every time a
table is read, and refuses the whole file (``DatasetError``, naming file, row and column)
rather than return half of it. Every row that holds a number carries a ``source_id`` that
must resolve in ``data/sources.csv`` (publisher, title, date, url and the quote that states
the figure); several ids are separated by ``;``.

The data lives in ``data/`` of a clone, and inside the installed package
(``chengyu_lib/data``) when installed from a wheel; both are found the same way.

>>> import chengyu_lib as cy
>>> "circle_economy" in cy.datasets.names()
True
>>> df = cy.datasets.load("circle_economy")
>>> all(s["source_id"] for s in df.attrs["sources"])
True

The meta file (JSON) has these fields::

    title, title_zh, row, description, coverage, caveats (list of str),
    key: [column, ...]                       # must be unique together
    columns: {name: {dtype: int|float|str|bool|date, unit, min, max,
                     required: bool, enum: [...], description,
                   figure: false}}            # a number that is not a sourced figure
    indicators: {column, value, unit_column,  # long tables: per-indicator rules
                 rules: {indicator: {unit, min, max}}}
    sums: [{total, parts, by?, rtol}]          # parts add up to total within rtol
"""
from __future__ import annotations

import csv
import json
import math
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["DatasetError", "ReadOnlyDict", "names", "load", "series", "pick_vintage", "sources",
           "cite", "catalog", "describe", "catalog_markdown", "data_dir", "PREFERRED_VINTAGES",
           "best_vintage", "one", "city_figures", "REGION_NAMES", "region_name",
           "decimal_year"]

SOURCE_COLUMNS = ["source_id", "publisher", "title", "date", "url", "quote", "accessed"]
_DTYPES = {"int", "float", "str", "bool", "date"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MISSING = ""

#: The one rule for choosing among vintages of a figure (:func:`pick_vintage`,
#: :func:`best_vintage`, :func:`city_figures`): the first release, which is what the
#: report and the delegates quote, then a figure as printed by a secondary source, then
#: the final and revised releases, then a census. Vintages not listed are never chosen.
PREFERRED_VINTAGES = ("preliminary", "as_reported", "final", "revised", "census")


class DatasetError(ValueError):
    """A data file does not match its description; the message names file, row and column."""


class ReadOnlyDict(dict):
    """A dict that refuses changes, and that ``copy.deepcopy`` shares instead of copying.

    ``load`` keeps each table's provenance (its description and the source records with
    their quotes) in ``DataFrame.attrs`` as read-only dicts and tuples. pandas deep-copies
    ``attrs`` into the result of every operation (``query``, ``assign``, ``merge`` ...);
    provenance never changes, so sharing it is safe and spares that copy — in notebook 03
    it was about a fifth of the cell time (``benchmarks/run.py``). Use ``dict(d)`` for a
    copy that can be changed.

    >>> d = ReadOnlyDict(a=1)
    >>> import copy
    >>> copy.deepcopy(d) is d
    True
    >>> d["a"] = 2
    Traceback (most recent call last):
    ...
    TypeError: dataset provenance is read-only; copy it with dict(...) to change it
    """

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("dataset provenance is read-only; copy it with dict(...) to change it")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (type(self), (dict(self),))


def _read_only(value):
    """``value`` with every dict made a :class:`ReadOnlyDict` and every list a tuple."""
    if isinstance(value, dict):
        return ReadOnlyDict({k: _read_only(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_read_only(v) for v in value)
    return value


def data_dir() -> Path:
    """The folder that holds the course data: packaged copy first, then the clone's ``data/``.

    >>> (data_dir() / "sources.csv").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "sources.csv").is_file():
            return candidate
    raise FileNotFoundError(
        f"cannot find the course data: looked for sources.csv in {here / 'data'} and "
        f"{here.parent / 'data'}; reinstall the package or run from a clone")


def _root(root) -> Path:
    return Path(root) if root is not None else data_dir()


def names(root=None) -> list[str]:
    """Names of every dataset (``sources`` excluded), e.g. ``'circle_economy'`` or
    ``'article/delegates'``, sorted.

    >>> names()[:2]
    ['article/delegates', 'article/figures']
    """
    base = _root(root)
    found = []
    for meta in base.rglob("*.meta.json"):
        rel = meta.relative_to(base).as_posix()
        found.append(rel[: -len(".meta.json")])
    return sorted(found)


def _rel(path: Path, base: Path) -> str:
    try:
        return "data/" + path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _read_csv(path: Path, base: Path) -> tuple[list[str], list[list[str]]]:
    label = _rel(path, base)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{label}: file not found") from None
    except UnicodeDecodeError as err:
        raise DatasetError(f"{label}: not UTF-8 text ({err})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise DatasetError(f"{label}: the file is empty; expected a header row")
    header = [h.strip() for h in rows[0]]
    body = []
    for i, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DatasetError(
                f"{label}, row {i} (line {i + 1}): expected {len(header)} fields as in the "
                f"header, got {len(row)}")
        body.append([cell.strip() for cell in row])
    return header, body


@lru_cache(maxsize=4)
def _sources_table(base: Path) -> dict[str, dict]:
    path = base / "sources.csv"
    header, body = _read_csv(path, base)
    label = _rel(path, base)
    missing = [c for c in SOURCE_COLUMNS if c not in header]
    if missing:
        raise DatasetError(f"{label}: missing column(s) {missing}; expected {SOURCE_COLUMNS}")
    records: dict[str, dict] = {}
    for i, row in enumerate(body, start=1):
        rec = dict(zip(header, row))
        for col in ("source_id", "publisher", "title", "date", "url", "quote"):
            if not rec[col]:
                raise DatasetError(f"{label}, row {i}, column '{col}': must not be empty")
        if not _DATE.match(rec["date"]):
            raise DatasetError(f"{label}, row {i}, column 'date': expected YYYY, YYYY-MM or "
                               f"YYYY-MM-DD, got {rec['date']!r}")
        if rec["source_id"] in records:
            raise DatasetError(f"{label}, row {i}, column 'source_id': duplicate id "
                               f"{rec['source_id']!r}")
        records[rec["source_id"]] = rec
    return records


def sources(root=None):
    """Every source of the course data as a DataFrame: source_id, publisher, title, date,
    url, quote (the words that state the figure), accessed.

    >>> sources().columns.tolist()
    ['source_id', 'publisher', 'title', 'date', 'url', 'quote', 'accessed']
    """
    import pandas as pd

    recs = _sources_table(_root(root))
    return pd.DataFrame(list(recs.values()), columns=SOURCE_COLUMNS)


@lru_cache(maxsize=8)
def _meta(base: Path, name: str) -> dict:
    path = base / f"{name}.meta.json"
    if not path.is_file():
        known = ", ".join(names(base))
        raise ValueError(f"name must be one of the course datasets ({known}); got {name!r}")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DatasetError(f"{_rel(path, base)}: not valid JSON ({err})") from None
    for col, spec in meta.get("columns", {}).items():
        if spec.get("dtype") not in _DTYPES:
            raise DatasetError(f"{_rel(path, base)}, column '{col}': dtype must be one of "
                               f"{sorted(_DTYPES)}, got {spec.get('dtype')!r}")
    return meta


def _convert(cell: str, spec: dict, where: str):
    dtype = spec["dtype"]
    if cell == _MISSING:
        if spec.get("required"):
            raise DatasetError(f"{where}: must not be empty")
        return None
    if dtype in ("int", "float"):
        try:
            value = float(cell.replace(",", "")) if dtype == "float" else int(cell)
        except ValueError:
            kind = "an integer" if dtype == "int" else "a number"
            raise DatasetError(f"{where}: expected {kind}, got {cell!r}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise DatasetError(f"{where}: expected a finite number, got {cell!r}")
        lo, hi = spec.get("min"), spec.get("max")
        if lo is not None and value < lo or hi is not None and value > hi:
            raise DatasetError(f"{where}: {value} is outside the allowed range [{lo}, {hi}]")
    elif dtype == "bool":
        if cell.lower() not in ("true", "false"):
            raise DatasetError(f"{where}: expected true or false, got {cell!r}")
        value = cell.lower() == "true"
    elif dtype == "date":
        if not _DATE.match(cell):
            raise DatasetError(f"{where}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, "
                               f"got {cell!r}")
        value = cell
    else:
        value = cell
    if "enum" in spec and value not in spec["enum"]:
        raise DatasetError(f"{where}: expected one of {spec['enum']}, got {cell!r}")
    return value


def _validate(name: str, base: Path) -> tuple[dict, list[str], list[list], set[str]]:
    meta = _meta(base, name)
    path = base / f"{name}.csv"
    label = _rel(path, base)
    header, body = _read_csv(path, base)
    columns = meta["columns"]
    for col in columns:
        if col not in header:
            raise DatasetError(f"{label}, column '{col}': missing from the header "
                               f"(expected columns {list(columns)})")
    extra = [h for h in header if h not in columns]
    if extra:
        raise DatasetError(f"{label}, column '{extra[0]}': not described in "
                           f"{name}.meta.json (expected columns {list(columns)})")
    order = [header.index(c) for c in columns]
    ids = _sources_table(base)
    numeric = [c for c, s in columns.items() if s["dtype"] in ("int", "float")
               and s.get("figure", True)]
    rows, used = [], set()
    ind = meta.get("indicators")
    for i, raw in enumerate(body, start=1):
        cells = [raw[j] for j in order]
        rec = {}
        for col, cell in zip(columns, cells):
            rec[col] = _convert(cell, columns[col], f"{label}, row {i}, column '{col}'")
        if ind:
            rule = ind["rules"].get(rec[ind["column"]])
            if rule is None:
                raise DatasetError(
                    f"{label}, row {i}, column '{ind['column']}': unknown indicator "
                    f"{rec[ind['column']]!r}; expected one of {sorted(ind['rules'])}")
            val = rec[ind["value"]]
            where = f"{label}, row {i}, column '{ind['value']}'"
            if rec.get(ind.get("unit_column", "unit")) != rule["unit"]:
                raise DatasetError(
                    f"{label}, row {i}, column '{ind.get('unit_column', 'unit')}': indicator "
                    f"{rec[ind['column']]!r} is in {rule['unit']!r}, got "
                    f"{rec.get(ind.get('unit_column', 'unit'))!r}")
            lo, hi = rule.get("min"), rule.get("max")
            if val is not None and (lo is not None and val < lo or hi is not None and val > hi):
                raise DatasetError(f"{where}: {val} is outside the range [{lo}, {hi}] allowed "
                                   f"for {rec[ind['column']]!r}")
        has_number = any(rec[c] is not None for c in numeric
                         if c not in meta.get("key", []))
        if "source_id" in columns and has_number and not rec["source_id"]:
            raise DatasetError(f"{label}, row {i}, column 'source_id': a row with a "
                               f"figure needs a source id")
        # source_id, and columns such as coord_source_id that source one attribute
        for col in (c for c in columns if c.endswith("source_id")):
            for one in filter(None, (s.strip() for s in (rec[col] or "").split(";"))):
                if one not in ids:
                    raise DatasetError(f"{label}, row {i}, column '{col}': unknown source "
                                       f"id {one!r}; add it to data/sources.csv")
                used.add(one)
        rows.append([rec[c] for c in columns])
    key = meta.get("key", [])
    if key:
        seen = {}
        for i, row in enumerate(rows, start=1):
            k = tuple(row[list(columns).index(c)] for c in key)
            if k in seen:
                raise DatasetError(f"{label}, row {i}, column '{key[0]}': key {dict(zip(key, k))}"
                                   f" repeats row {seen[k]}")
            seen[k] = i
    _check_sums(meta, list(columns), rows, label)
    return meta, list(columns), rows, used


def _check_sums(meta, cols, rows, label):
    ind = meta.get("indicators")
    for rule in meta.get("sums", []):
        rtol = rule.get("rtol", 0.001)
        total, parts = rule["total"], rule["parts"]
        if ind:  # long table: group rows by the 'by' columns, read indicators
            by = rule["by"]
            groups: dict[tuple, dict] = {}
            for i, row in enumerate(rows, start=1):
                rec = dict(zip(cols, row))
                g = groups.setdefault(tuple(rec[c] for c in by), {})
                g[rec[ind["column"]]] = (rec[ind["value"]], i)
            for g, vals in groups.items():
                if total in vals and all(p in vals for p in parts):
                    t, i = vals[total]
                    got = [vals[p][0] for p in parts]
                    if t is None or any(v is None for v in got):
                        continue
                    if not math.isclose(sum(got), t, rel_tol=rtol):
                        raise DatasetError(
                            f"{label}, row {i}, column '{ind['value']}': {' + '.join(parts)} "
                            f"= {sum(got):.6g} but {total} = {t:.6g} for {dict(zip(by, g))} "
                            f"(allowed relative gap {rtol})")
        else:
            for i, row in enumerate(rows, start=1):
                rec = dict(zip(cols, row))
                vals = [rec[p] for p in parts]
                if rec[total] is None or any(v is None for v in vals):
                    continue
                if not math.isclose(sum(vals), rec[total], rel_tol=rtol):
                    raise DatasetError(
                        f"{label}, row {i}, column '{total}': {' + '.join(parts)} = "
                        f"{sum(vals):.6g} but {total} = {rec[total]:.6g} "
                        f"(allowed relative gap {rtol})")


@lru_cache(maxsize=64)
def _load_cached(name: str, base: Path):
    import pandas as pd

    meta, cols, rows, used = _validate(name, base)
    frame = pd.DataFrame(rows, columns=cols)
    for col, spec in meta["columns"].items():
        kind = {"int": "Int64", "float": "float64", "bool": "boolean"}.get(spec["dtype"])
        if kind:
            frame[col] = frame[col].astype(kind)
        else:
            frame[col] = frame[col].astype("object").where(frame[col].notna(), None)
    recs = _sources_table(base)
    provenance = _read_only({"meta": meta, "sources": [recs[s] for s in sorted(used)]})
    return frame, provenance


def load(name: str, root=None):
    """Load one dataset as a validated DataFrame.

    ``.attrs["sources"]`` lists the source records the table cites, ``.attrs["meta"]`` its
    description; both are read-only (:class:`ReadOnlyDict` and tuples), shared by every
    frame derived from this one. Raises ``ValueError`` for an unknown name and
    ``DatasetError`` (naming file, row and column) when the file does not match its
    description.

    >>> df = load("circle_economy")
    >>> df.attrs["name"]
    'circle_economy'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a dataset name (str), got {type(name).__name__}")
    base = _root(root).resolve()
    frame, provenance = _load_cached(name, base)
    out = frame.copy()
    out.attrs = {"name": name, "meta": provenance["meta"], "sources": provenance["sources"]}
    return out


def catalog(root=None):
    """One row per dataset: name, title (en, zh), what a row is, coverage, rows, sources.

    >>> catalog().columns.tolist()
    ['dataset', 'title', 'title_zh', 'row', 'coverage', 'rows', 'sources']
    """
    import pandas as pd

    rows = []
    for name in names(root):
        frame = load(name, root=root)
        meta = frame.attrs["meta"]
        rows.append([name, meta.get("title", ""), meta.get("title_zh", ""), meta.get("row", ""),
                     meta.get("coverage", ""), len(frame), len(frame.attrs["sources"])])
    return pd.DataFrame(rows, columns=["dataset", "title", "title_zh", "row", "coverage", "rows",
                                       "sources"])


def cite(*tables, root=None):
    """The sources behind one or more tables (names, or DataFrames returned by ``load``),
    as a DataFrame: the table a source backs, then source_id, publisher, title, date, url.
    Notebooks end with it, so every number shown can be traced.

    >>> cite("circle_economy").columns.tolist()
    ['table', 'source_id', 'publisher', 'title', 'date', 'url']
    """
    import pandas as pd

    rows = []
    for table in tables:
        if isinstance(table, str):
            table = load(table, root=root)
        if not hasattr(table, "attrs") or "sources" not in table.attrs:
            raise TypeError("tables must be dataset names or DataFrames from "
                            f"cy.datasets.load, got {type(table).__name__}")
        for rec in table.attrs["sources"]:
            rows.append({"table": table.attrs.get("name", ""),
                         **{k: rec[k] for k in ("source_id", "publisher", "title", "date",
                                                "url")}})
    return pd.DataFrame(rows, columns=["table", "source_id", "publisher", "title", "date",
                                       "url"])


def series(name: str, by: str | None = None, value: str = "value", root=None, **filters):
    """Pick figures out of a (long) table as a labelled Series, ready for ``cy.metrics``.

    Each keyword filters a column: a single value keeps the rows equal to it, a list keeps
    the rows in it (and, unless ``by`` says otherwise, labels the result by that column, in
    the list's order). Raises ``ValueError`` when nothing matches, a filter names an unknown
    column, or the labels repeat (e.g. two vintages of one year: filter ``vintage=``).

    >>> s = series("province_economy", region="chongqing", year=2023,
    ...            indicator=["primary", "secondary", "tertiary"])
    >>> s.index.tolist()
    ['primary', 'secondary', 'tertiary']
    >>> round(float(s.sum()), 2)
    30145.79
    """
    frame = load(name, root=root)
    listed = [col for col, want in filters.items() if isinstance(want, (list, tuple))]
    for col, want in filters.items():
        if col not in frame.columns:
            raise ValueError(f"{col} is not a column of {name!r}; columns are "
                             f"{list(frame.columns)}")
        wanted = list(want) if isinstance(want, (list, tuple)) else [want]
        frame = frame[frame[col].isin(wanted)]
    if value not in frame.columns:
        raise ValueError(f"value must be a column of {name!r}, got {value!r}")
    if frame.empty:
        raise ValueError(f"no rows of {name!r} match {filters}")
    if by is None:
        if len(listed) != 1:
            raise ValueError("by must name the column that labels the result when not exactly "
                             f"one filter is a list (lists given for: {listed or 'none'})")
        by = listed[0]
    if by not in frame.columns:
        raise ValueError(f"by must be a column of {name!r}, got {by!r}")
    if frame[by].duplicated().any():
        dup = frame[frame[by].duplicated(keep=False)]
        varying = [c for c in frame.columns if c not in (by, value, "source_id", "note")
                   and dup[c].nunique(dropna=False) > 1]
        raise ValueError(f"several rows per {by} in {name!r}: filter on {varying} too")
    if by in listed:
        order = list(filters[by])
        frame = frame.set_index(by).reindex([o for o in order if o in set(frame[by])])
    else:
        frame = frame.set_index(by)
    out = frame[value].astype(float)
    out.name = value
    return out


def pick_vintage(table, indicator, *, region=None, prefer=PREFERRED_VINTAGES):
    """One value per year of ``indicator`` from a long economic table, taking the first
    vintage in ``prefer`` that exists for that year.

    Years with none of the preferred vintages are left out (never filled). Returns a
    DataFrame with columns ``year``, ``value``, ``vintage``, ``note``, sorted by year.
    If the table has a ``region`` column, ``region`` selects one region; with
    ``region=None`` every region is kept (one value per region and year) and the result
    starts with a ``region`` column.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2020, 2020, 2021], "indicator": ["gdp"] * 3,
    ...                   "value": [1.0, 1.1, 2.0], "unit": ["亿元"] * 3,
    ...                   "vintage": ["final", "preliminary", "final"], "note": ""})
    >>> pick_vintage(t, "gdp")[["year", "value", "vintage"]].values.tolist()
    [[2020, 1.1, 'preliminary'], [2021, 2.0, 'final']]
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (e.g. cy.datasets.load(...)), "
                        f"got {type(table).__name__}")
    need = ["year", "indicator", "value", "vintage"] + (["region"] if region else [])
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ValueError(f"table must have column(s) {missing}")
    if isinstance(prefer, str) or not prefer:
        raise ValueError(f"prefer must be a non-empty tuple of vintages, got {prefer!r}")
    rows = table[table["indicator"] == indicator]
    if region is not None:
        rows = rows[rows["region"] == region]
    if rows.empty:
        raise ValueError(f"indicator {indicator!r}"
                         + (f" for region {region!r}" if region else "")
                         + " has no rows in table")
    by = ["region", "year"] if region is None and "region" in rows.columns else ["year"]
    rows = best_vintage(rows, by, prefer=prefer).sort_values(by)
    out = pd.DataFrame({c: rows[c] for c in by[:-1]})
    out["year"] = rows["year"].astype(int)
    out["value"] = rows["value"]
    out["vintage"] = rows["vintage"]
    out["note"] = rows["note"] if "note" in rows.columns else ""
    return out.reset_index(drop=True)


def describe(name: str, root=None) -> str:
    """A plain-text (Markdown) description of one dataset: what a row is, columns with
    units, coverage, caveats and the sources it cites.

    >>> describe("cities").splitlines()[0].startswith("### `cities`")
    True
    """
    base = _root(root).resolve()
    meta = _meta(base, name)
    frame = load(name, root=base)
    lines = [f"### `{name}` · {meta.get('title', '')} · {meta.get('title_zh', '')}", ""]
    if meta.get("description"):
        lines += [meta["description"], ""]
    lines += [f"**A row:** {meta.get('row', '')}  ",
              f"**Coverage:** {meta.get('coverage', '')}  ",
              f"**Rows:** {len(frame)} · **Key:** {', '.join(meta.get('key', [])) or '—'}", "",
              "| column | type | unit | meaning |", "|---|---|---|---|"]
    for col, spec in meta["columns"].items():
        lines.append(f"| `{col}` | {spec['dtype']} | {spec.get('unit', '')} | "
                     f"{spec.get('description', '')} |")
    ind = meta.get("indicators")
    if ind:
        lines += ["", f"Indicators (column `{ind['column']}`, unit in `{ind.get('unit_column', 'unit')}`): "
                  + "; ".join(f"`{k}` ({v['unit']})" for k, v in ind["rules"].items())]
    if meta.get("caveats"):
        lines += ["", "**Caveats and gaps:**"] + [f"- {c}" for c in meta["caveats"]]
    srcs = frame.attrs["sources"]
    if srcs:
        lines += ["", "**Sources:** " + "; ".join(
            f"`{s['source_id']}` {s['publisher']}, {s['date']}" for s in srcs)]
    return "\n".join(lines) + "\n"


def catalog_markdown(root=None) -> str:
    """The dataset catalogue (every ``describe``) as Markdown, as written to data/README.md.

    >>> catalog_markdown().count("### `") == len(names())
    True
    """
    return "\n".join(describe(n, root=root) for n in names(root))


# ======================================================= one vintage, one row, one name
def best_vintage(rows, by, *, prefer=PREFERRED_VINTAGES):
    """One row per group of ``by``: the row whose vintage comes first in ``prefer``.

    This is the course's single rule for choosing among releases of one figure
    (:data:`PREFERRED_VINTAGES`). Rows without a value, and rows of a vintage not in
    ``prefer``, are never chosen; a group with none left is left out (never filled).
    Returns the chosen rows (same columns), in the order of ``by``.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2020, 2020, 2021], "value": [1.0, 1.1, 2.0],
    ...                   "vintage": ["final", "preliminary", "census"]})
    >>> best_vintage(t, ["year"])[["year", "value"]].values.tolist()
    [[2020.0, 1.1], [2021.0, 2.0]]
    >>> best_vintage(t, ["year"], prefer=("final",))["value"].tolist()
    [1.0]
    """
    if isinstance(prefer, str) or not prefer:
        raise ValueError(f"prefer must be a non-empty tuple of vintages, got {prefer!r}")
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by + ["vintage", "value"] if c not in rows.columns]
    if missing:
        raise ValueError(f"rows must have column(s) {missing}")
    rank = {v: i for i, v in enumerate(prefer)}
    keep = rows[rows["vintage"].isin(rank) & rows["value"].notna()]
    order = keep["vintage"].map(rank)
    keep = keep.assign(_rank=order).sort_values(by + ["_rank"], kind="stable")
    return keep.drop_duplicates(by, keep="first").drop(columns="_rank")


_REQUIRED = object()


def one(table, column: str = "value", *, missing=_REQUIRED, **where):
    """The one cell of ``column`` in the row of ``table`` where every keyword's column
    equals its value; ``table`` is a dataset name or a DataFrame.

    Raises ``LookupError`` naming the table and the filters when several rows match
    (e.g. two vintages of one year: add ``vintage=``), and when none does unless
    ``missing`` is given, which is then returned (say ``missing=None`` for a figure that
    may not have been found). A number comes back as a Python ``float`` (``int`` for an
    integer column).

    >>> one("province_economy", region="sichuan", year=2023, indicator="gdp",
    ...     vintage="preliminary")
    60132.9
    >>> one("province_economy", region="sichuan", year=1990, indicator="gdp", missing=None)
    >>> one("province_economy", region="sichuan", indicator="gdp")
    Traceback (most recent call last):
    ...
    LookupError: province_economy: expected one row where region='sichuan', indicator='gdp'; found 8
    """
    import pandas as pd

    frame = load(table) if isinstance(table, str) else table
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"table must be a dataset name or a DataFrame, got "
                        f"{type(table).__name__}")
    label = table if isinstance(table, str) else frame.attrs.get("name", "table")
    for col in [column, *where]:
        if col not in frame.columns:
            raise ValueError(f"{col!r} is not a column of {label}; columns are "
                             f"{list(frame.columns)}")
    mask = pd.Series(True, index=frame.index)
    for col, want in where.items():
        mask &= frame[col] == want
    rows = frame.loc[mask, column]
    if len(rows) != 1:
        if not len(rows) and missing is not _REQUIRED:
            return missing
        said = ", ".join(f"{k}={v!r}" for k, v in where.items()) or "no filter"
        raise LookupError(f"{label}: expected one row where {said}; found {len(rows)}")
    value = rows.iloc[0]
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) or pd.api.types.is_float_dtype(rows.dtype):
        return float(value)
    if pd.api.types.is_integer_dtype(rows.dtype):
        return int(value)
    return value.item() if hasattr(value, "item") else value


def _wide(rows, key: str, indicators):
    """One value per (key, indicator) by :func:`best_vintage`, as a wide float table."""
    import pandas as pd

    part = best_vintage(rows[rows["indicator"].isin(list(indicators))], [key, "indicator"])
    if not len(part):
        return pd.DataFrame(columns=list(indicators), dtype=float)
    wide = part.pivot(index=key, columns="indicator", values="value")
    for ind in indicators:
        if ind not in wide.columns:
            wide[ind] = float("nan")
    return wide[list(indicators)].astype(float).rename_axis(index=None, columns=None)


def city_figures(year: int, chongqing: str = "whole", indicators=("gdp", "population"), *,
                 cities=None, economy=None, provinces=None):
    """Figures of the circle's cities in one year (by default GDP in 亿元 and year-end
    resident population in 万人), beside the columns of the ``cities`` table.

    Sichuan cities come from ``city_economy`` (whole cities). Chongqing comes from
    ``province_economy`` when ``chongqing="whole"`` (the municipality is a province-level
    unit), else from ``city_economy`` with that boundary (e.g. ``"main_metro_area"``).
    Each figure is chosen by :func:`best_vintage`; a figure not found stays NaN.

    Returns a DataFrame indexed by city_id in the order of the cities table.

    >>> t = city_figures(2023)
    >>> round(float(t.loc["chengdu", "gdp"]), 2), round(float(t.loc["chongqing", "gdp"]), 2)
    (22074.72, 30145.79)
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int such as 2023, got {year!r}")
    cities = load("cities") if cities is None else cities
    economy = load("city_economy") if economy is None else economy
    years = set(economy["year"])
    if provinces is None and chongqing == "whole":
        provinces = load("province_economy")
    if provinces is not None:
        years |= set(provinces["year"])
    if year not in years:
        raise ValueError(f"year must be one of the years with city data "
                         f"{sorted(years)}, got {year}")
    cq_id = "chongqing"
    rest = economy[(economy["city_id"] != cq_id) & (economy["year"] == year)
                   & (economy["boundary"] == "whole")]
    wide = _wide(rest, "city_id", indicators)
    if chongqing == "whole":
        prov = provinces[(provinces["region"] == cq_id) & (provinces["year"] == year)]
        cq = _wide(prov.rename(columns={"region": "city_id"}), "city_id", indicators)
    else:
        cq = _wide(economy[(economy["city_id"] == cq_id) & (economy["year"] == year)
                           & (economy["boundary"] == chongqing)], "city_id", indicators)
    if cq_id in cq.index:
        wide.loc[cq_id] = cq.loc[cq_id]
    return cities.set_index("city_id").join(wide, how="left")


#: The regions the chapters name, listed once: region id -> (English, Chinese, formal
#: Chinese with the administrative suffix: 四川省, 重庆市). Cities of the circle are also
#: in the ``cities`` table; the subregions are the statistics bureau's parts of Chongqing.
REGION_NAMES = ReadOnlyDict({
    "china": ("China", "全国", "全国"),
    "chongqing": ("Chongqing", "重庆", "重庆市"),
    "sichuan": ("Sichuan", "四川", "四川省"),
    "zhejiang": ("Zhejiang", "浙江", "浙江省"),
    "chengdu": ("Chengdu", "成都", "成都市"),
    "leshan": ("Leshan", "乐山", "乐山市"),
    "suining": ("Suining", "遂宁", "遂宁市"),
    "cq_main_metro": ("main urban metropolitan area", "主城都市区", "主城都市区"),
    "cq_central_urban": ("central urban area", "中心城区", "中心城区"),
    "cq_new_main_metro": ("new main-metro districts", "主城新区", "主城新区"),
    "cq_northeast": ("Three Gorges Reservoir towns (northeast)", "渝东北三峡库区城镇群",
                     "渝东北三峡库区城镇群"),
    "cq_southeast": ("Wuling Mountains towns (southeast)", "渝东南武陵山区城镇群",
                     "渝东南武陵山区城镇群"),
})


def region_name(region: str) -> str:
    """The name of ``region`` (an id of :data:`REGION_NAMES`) in the current language
    (:func:`chengyu_lib.language.text`); an unknown id comes back as given.

    >>> region_name("sichuan")
    'Sichuan'
    """
    from . import language

    if region not in REGION_NAMES:
        return str(region)
    en, zh, _ = REGION_NAMES[region]
    return language.text(en, zh)


# ===================================================================== decimal years
# Moved here from the notebook 08 explorer: dates of the tables (``tongban_timeline``) as a
# numeric time axis, used by the explorer, the question bank and the notebook.
_YM_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _one_decimal_year(d):
    import datetime as dt

    if isinstance(d, dt.datetime):
        d = d.date()
    if isinstance(d, dt.date):
        start = dt.date(d.year, 1, 1)
        return d.year + (d - start).days / (dt.date(d.year + 1, 1, 1) - start).days
    if not isinstance(d, str):
        raise TypeError(f"dates must be text 'YYYY-MM-DD' or 'YYYY-MM' (or dates), got "
                        f"{type(d).__name__} {d!r}")
    m = _YM_DATE.match(d.strip())
    if not m:
        raise ValueError(f"dates must be 'YYYY-MM-DD' or 'YYYY-MM', got {d!r}")
    y, mo, day = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        first = dt.date(y, mo, 1)
        if day is not None:
            return _one_decimal_year(dt.date(y, mo, int(day)))
    except ValueError as err:
        raise ValueError(f"dates must be real calendar dates, got {d!r} ({err})") from None
    start = dt.date(y, 1, 1)
    days_in_year = (dt.date(y + 1, 1, 1) - start).days
    nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    middle = (first - start).days + (nxt - first).days / 2
    return y + middle / days_in_year


def decimal_year(dates):
    """Dates as decimal years, the time axis of the logistic curve.

    A full date ``'YYYY-MM-DD'`` becomes year + (day of the year − 1) / days in the year,
    so 1 January is the whole year and 2 July 2021 is about 2021.5. A month without a day,
    ``'YYYY-MM'``, is placed at the **middle of that month** (an error of at most half a
    month either way). ``datetime.date`` values are accepted too.

    ``dates``: one date (returns a float) or a sequence, Index or Series of dates (returns
    a numpy array). Anything else is a TypeError; a badly written date a ValueError.

    >>> decimal_year("2021-01-01"), round(decimal_year("2021-07-02"), 3)
    (2021.0, 2021.499)
    >>> round(decimal_year("2020-11-03"), 4)
    2020.8388
    >>> round(decimal_year("2020-09"), 4)       # middle of September 2020
    2020.7077
    >>> decimal_year(["2021-03-08", "2025-01-09"]).round(3).tolist()
    [2021.181, 2025.022]
    >>> decimal_year("2020/11/03")
    Traceback (most recent call last):
    ...
    ValueError: dates must be 'YYYY-MM-DD' or 'YYYY-MM', got '2020/11/03'
    """
    import datetime as dt

    import numpy as np

    if isinstance(dates, (str, dt.date)):
        return float(_one_decimal_year(dates))
    try:
        import pandas as pd

        seq_types = (list, tuple, np.ndarray, pd.Index, pd.Series)
    except ImportError:  # pragma: no cover - pandas is a dependency
        seq_types = (list, tuple, np.ndarray)
    if not isinstance(dates, seq_types):
        raise TypeError(f"dates must be a date text 'YYYY-MM-DD' / 'YYYY-MM' or a sequence "
                        f"of them, got {type(dates).__name__}")
    return np.array([_one_decimal_year(d) for d in list(dates)], dtype=float)
