"""Find, load, validate and cite the course's tables in ``data/``.

Every table is a UTF-8 CSV file with a sidecar ``<name>.meta.json`` that describes it:
what a row is, each column's type, unit and allowed range, the key that must be unique,
which parts must add up to a total, and caveats. ``load`` checks all of that every time a
table is read, and refuses the whole file (``DatasetError``, naming file, row and column)
rather than return half of it. Every row that holds a number carries a ``source_id`` that
must resolve in ``data/sources.csv`` (publisher, title, date, url and the quote that states
the figure); several ids are separated by ``;``.

A table proves it is whole: its meta records the row count and the SHA-256 of the CSV
bytes (line endings normalised), and ``load`` refuses a file that differs (cut, padded or
edited); ``scripts/build_data_readme.py`` refreshes the record after a deliberate change.
Numbers have one format: ASCII digits with an optional leading minus and, for decimals,
a point followed by digits (``81986.67``); a thousands separator, space, underscore, plus
sign, exponent or full-width digit is an error naming file, row and column. Files are
UTF-8 without BOM. A table changed on disk is read again on the next ``load``.

``load`` takes catalogue names only (:func:`names`), never paths; another catalogue
folder is read with ``root=``. A teacher's own figures (a yearbook, say) are added or
replaced from a local folder outside the shipped data: see :func:`load` and
:func:`local_dir`.

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
    integrity: {rows, sha256}                  # written by scripts/build_data_readme.py
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import os
import re
import textwrap
from functools import lru_cache
from pathlib import Path

__all__ = ["DatasetError", "ReadOnlyDict", "names", "load", "series", "pick_vintage", "sources",
           "cite", "catalog", "describe", "catalog_markdown", "data_dir", "integrity", "local_dir",
           "local_figures", "PREFERRED_VINTAGES", "TIERS", "row_tiers", "tier_counts",
           "tier_markdown", "tier_note", "best_vintage", "one", "city_figures",
           "REGION_NAMES", "region_name", "decimal_year", "caveats", "caveat_key",
           "untranslated_caveats", "NOTES_ZH", "notes", "notes_zh", "untranslated_notes",
           "CATALOG_ZH", "untranslated_catalog"]

SOURCE_COLUMNS = ["source_id", "publisher", "title", "date", "url", "quote", "accessed"]
_DTYPES = {"int", "float", "str", "bool", "date"}
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
_MISSING = ""
# The one number format of the data: ASCII digits, optional leading minus, and for floats
# an optional decimal point followed by digits (no separators, exponents or signs besides).
_INTEGER = re.compile(r"-?[0-9]+\Z")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_NUMBER_LENGTH = 40          # longer cells are refused before int()/float() see them
_QUOTE_LIMIT = 40            # characters of a cell an error message quotes at most
# A dataset name: '/'-separated segments that cannot be '.', '..' or absolute.
_NAME = re.compile(r"(?=.{1,100}\Z)[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\Z")
LOCAL_ENV = "CHENGYU_LOCAL_DATA"
LOCAL_SOURCES = "sources.csv"

#: Source tiers, best first (the ``tier`` column of data/sources.csv):
#: ``official``   the publishing body's own site (a government or statistics-bureau site
#:                carrying the government's own release or document);
#: ``mainstream`` a news outlet's own site carrying its own report (national or provincial
#:                outlets, and the party/state paper of a provincial capital);
#: ``reprint``    a copy elsewhere (another outlet, a mirror, an IP address) of an official
#:                or mainstream text, naming the original;
#: ``weak``       anything else (aggregators, forums, blogs, trade sites, copies that do not
#:                name an official or mainstream original).
TIERS = ("official", "mainstream", "reprint", "weak")
#: Tiers a figure should not rest on alone.
LOW_TIERS = ("reprint", "weak")

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


def _short(value, limit: int = _QUOTE_LIMIT) -> str:
    """``value`` quoted for an error message: at most ``limit`` characters, repr-escaped
    (newlines and control characters shown as escapes), with the full length if cut.

    >>> _short("81,986.7")
    "'81,986.7'"
    >>> _short("x" * 100, 5)
    "'xxxxx' (first 5 of 100 characters)"
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r} (first {limit} of {len(text)} characters)"


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):       # e.g. a name too long for the file system
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _root(root) -> Path:
    """The catalogue folder: the course data, or ``root`` if it is a folder holding
    ``sources.csv`` (resolved, so the caches see one path per folder)."""
    if root is None:
        return data_dir().resolve()
    if isinstance(root, bool) or not isinstance(root, (str, os.PathLike)):
        raise TypeError("root must be a folder path (str or pathlib.Path) holding a course "
                        f"catalogue, got {type(root).__name__}")
    base = Path(root)
    if not _is_dir(base) or not _is_file(base / "sources.csv"):
        raise ValueError("root must be a directory holding a course catalogue (sources.csv "
                         f"and <name>.meta.json files beside <name>.csv); got {_short(str(root), 200)}")
    return base.resolve()


def _catalogue(base: Path) -> tuple[str, ...]:
    found = []
    for meta in base.rglob("*.meta.json"):
        name = meta.relative_to(base).as_posix()[: -len(".meta.json")]
        if name != "sources" and _NAME.match(name):
            found.append(name)
    if not found:
        raise ValueError("root must be a directory holding a course catalogue (sources.csv "
                         f"and <name>.meta.json files beside <name>.csv); {base} has no "
                         "meta files")
    return tuple(sorted(found))


def names(root=None) -> list[str]:
    """Names of every dataset (``sources`` excluded), e.g. ``'circle_economy'`` or
    ``'article/delegates'``, sorted. ``root`` (optional) is another catalogue folder, see
    :func:`load`.

    >>> names()[:2]
    ['article/delegates', 'article/figures']
    """
    return list(_catalogue(_root(root)))


def _check_name(name, base: Path) -> str:
    """``name`` if it is one of the catalogue's names, else a clear error listing them.

    Never a file lookup outside the catalogue: a name is path segments of letters, digits,
    ``_``, ``-`` and ``.`` (not starting with ``.``), at most 100 characters, so a path,
    ``..`` or an overlong string is just an unknown name."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a dataset name (str) such as 'cities', got "
                        f"{type(name).__name__}")
    if name == "sources" or not _NAME.match(name) \
            or not _is_file(base / f"{name}.meta.json"):
        raise ValueError(f"name must be one of the course datasets "
                         f"({', '.join(_catalogue(base))}); got {_short(name)}")
    return name


def _rel(path: Path, base: Path) -> str:
    try:
        return "data/" + path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _signature(*paths: Path) -> tuple:
    """What the caches key on besides the path: size, modification time and inode of each
    file (None when absent), so a file edited while a kernel runs is read again."""
    sig = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            sig.append(None)
        else:
            sig.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(sig)


def _normalised(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _read_text(path: Path, label: str) -> tuple[bytes, str]:
    """The bytes of a data file and their text: UTF-8 without BOM, else DatasetError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(f"{label}: file not found") from None
    except OSError as err:
        raise DatasetError(f"{label}: cannot be read ({err.strerror})") from None
    if raw.startswith(codecs.BOM_UTF8):
        raise DatasetError(f"{label}: starts with a byte-order mark (BOM); save it as UTF-8 "
                           "without BOM")
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DatasetError(f"{label}: not UTF-8 text (byte {err.start}, line {line}: "
                           f"{err.reason})") from None


def _read_csv(path: Path, label: str) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Header, ``(row number, cells)`` of each non-blank record, and the sha256 of the
    file's bytes with line endings normalised to ``\\n``. Cells are not stripped."""
    raw, text = _read_text(path, label)
    digest = hashlib.sha256(_normalised(raw)).hexdigest()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as err:
        raise DatasetError(f"{label}, line {reader.line_num}: not valid CSV ({err}); a cut "
                           "file often ends inside a quoted field") from None
    if not rows:
        raise DatasetError(f"{label}: the file is empty; expected a header row")
    header = rows[0]
    seen = set()
    for col in header:
        if col in seen:
            raise DatasetError(f"{label}, column {_short(col)}: appears twice in the header")
        seen.add(col)
    body = []
    for i, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DatasetError(
                f"{label}, row {i}: expected {len(header)} fields as in the header, got "
                f"{len(row)}")
        body.append((i, row))
    return header, body, digest


def integrity(path) -> dict:
    """What a meta file's ``integrity`` field records about a CSV file: the number of
    (non-blank) data rows and the SHA-256 of its bytes with line endings normalised to
    ``\\n``. ``load`` compares both with the record; ``scripts/build_data_readme.py``
    writes them.

    >>> rec = integrity(data_dir() / "cities.csv")
    >>> sorted(rec), len(rec["sha256"])
    (['rows', 'sha256'], 64)
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be the path of a CSV file (str or pathlib.Path), got "
                        f"{type(path).__name__}")
    path = Path(path)
    _, body, digest = _read_csv(path, str(path))
    return {"rows": len(body), "sha256": digest}


def _check_integrity(record, body, digest, label: str, meta_label: str):
    if not isinstance(record, dict) or not isinstance(record.get("rows"), int) \
            or not isinstance(record.get("sha256"), str):
        raise DatasetError(f"{meta_label}: needs an 'integrity' object with the row count "
                           "and sha256 of the CSV file; run python scripts/build_data_readme.py")
    fix = ("restore the file (your own figures go in the local folder, see "
           "cy.datasets.local_dir()); if the change is meant for the course, refresh the "
           "record with python scripts/build_data_readme.py")
    if len(body) != record["rows"]:
        raise DatasetError(f"{label}: has {len(body)} rows but {meta_label} records "
                           f"{record['rows']}; the file is cut or has rows it should not; {fix}")
    if digest != record["sha256"]:
        raise DatasetError(f"{label}: content hash sha256 {digest[:12]}… differs from "
                           f"{record['sha256'][:12]}… recorded in {meta_label}; the file was "
                           f"changed; {fix}")


def _read_meta(path: Path, label: str):
    _, text = _read_text(path, label)
    try:
        meta = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise DatasetError(f"{label}: not valid JSON ({err})") from None
    if not isinstance(meta, dict):
        raise DatasetError(f"{label}: not a JSON object (got a {type(meta).__name__}); a meta "
                           "file describes one table as {\"columns\": {...}, ...}")
    return meta


def _parse_sources(path: Path, label: str) -> tuple[dict[str, dict], list, str]:
    header, body, digest = _read_csv(path, label)
    missing = [c for c in SOURCE_COLUMNS if c not in header]
    if missing:
        raise DatasetError(f"{label}: missing column(s) {missing}; expected {SOURCE_COLUMNS}")
    records: dict[str, dict] = {}
    for i, row in body:
        rec = dict(zip(header, row))
        for col in ("source_id", "publisher", "title", "date", "url", "quote"):
            if not rec[col].strip():
                raise DatasetError(f"{label}, row {i}, column '{col}': must not be empty")
        if not _DATE.match(rec["date"]):
            raise DatasetError(f"{label}, row {i}, column 'date': expected YYYY, YYYY-MM or "
                               f"YYYY-MM-DD, got {_short(rec['date'])}")
        if rec["source_id"] in records:
            raise DatasetError(f"{label}, row {i}, column 'source_id': duplicate id "
                               f"{_short(rec['source_id'])}")
        records[rec["source_id"]] = rec
    return records, body, digest


@lru_cache(maxsize=8)
def _sources_cached(base: Path, signature: tuple) -> dict[str, dict]:
    path = base / "sources.csv"
    label = _rel(path, base)
    records, body, digest = _parse_sources(path, label)
    meta_path = base / "sources.meta.json"
    meta_label = _rel(meta_path, base)
    if not meta_path.is_file():
        raise DatasetError(f"{meta_label}: file not found; it records the row count and hash "
                           "of sources.csv (python scripts/build_data_readme.py writes it)")
    meta = _read_meta(meta_path, meta_label)
    _check_integrity(meta.get("integrity"), body, digest, label, meta_label)
    return records


def _sources_table(base: Path) -> dict[str, dict]:
    """The shipped sources of the catalogue in ``base``, checked, keyed by source_id."""
    return _sources_cached(base, _signature(base / "sources.csv", base / "sources.meta.json"))


def sources(root=None):
    """Every source of the course data as a DataFrame: source_id, publisher, title, date,
    url, quote (the words that state the figure), accessed, and tier (one of :data:`TIERS`:
    official, mainstream, reprint, weak; see there).

    >>> sources().columns.tolist()
    ['source_id', 'publisher', 'title', 'date', 'url', 'quote', 'accessed', 'tier']
    >>> sources().set_index("source_id").loc["eco-tjjcq-2022-04-01-circle2021", "tier"]
    'official'
    """
    import pandas as pd

    recs = _source_tiers(_root(root).resolve())
    return pd.DataFrame(list(recs.values()), columns=SOURCE_COLUMNS + ["tier"])


def _source_tiers(base: Path) -> dict[str, dict]:
    """The source records with their tier checked against :data:`TIERS`."""
    recs = _sources_table(base)
    for i, (sid, rec) in enumerate(recs.items(), start=1):
        if rec.get("tier") not in TIERS:
            raise DatasetError(f"data/sources.csv, row {i}, column 'tier': expected one of "
                               f"{list(TIERS)} for {sid!r}, got {rec.get('tier')!r}")
    return recs


def _source_columns(columns) -> list[str]:
    return [c for c in columns if str(c).endswith("source_id")]


def _best_tier(ids, tiers: dict[str, dict]) -> str | None:
    ranks = [TIERS.index(tiers[i]["tier"]) for i in ids if i in tiers]
    return TIERS[min(ranks)] if ranks else None


def _split_ids(cell) -> list[str]:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    return [one.strip() for one in str(cell).split(";") if one.strip()]


def row_tiers(table, root=None):
    """The best tier of each row's sources, over all its ``*source_id`` columns
    (``source_id``, ``second_source_id``, ``coord_source_id`` ...), as a Series aligned with
    the table (None for a row that cites no source). Best means first in :data:`TIERS`, so a
    row with one official and one weak source is ``official``.

    ``table`` is a dataset name or a DataFrame returned by :func:`load` (or a subset of one
    that keeps its source-id columns).

    >>> t = row_tiers("circle_economy")
    >>> len(t) == len(load("circle_economy"))
    True
    >>> set(t.dropna()) <= set(TIERS)
    True
    """
    import pandas as pd

    if isinstance(table, str):
        table = load(table, root=root)
    if not isinstance(table, pd.DataFrame):
        raise TypeError("table must be a dataset name or a DataFrame from cy.datasets.load, "
                        f"got {type(table).__name__}")
    tiers = _source_tiers(_root(root).resolve())
    cols = _source_columns(table.columns)
    best = [_best_tier([i for c in cols for i in _split_ids(row[c])], tiers)
            for _, row in table[cols].iterrows()] if cols else [None] * len(table)
    return pd.Series(best, index=table.index, name="tier", dtype="object")


def tier_counts(root=None):
    """Rows that cite a source, counted by their best tier (:func:`row_tiers`), one row per
    dataset: dataset, official, mainstream, reprint, weak, total, reprint_or_weak (rows whose
    figures rest only on a reprint or a weak source) and reprint_or_weak_2plus (those of them
    that cite two or more different sources in ``source_id``: a second copy, not an original).

    >>> c = tier_counts()
    >>> c.columns.tolist()
    ['dataset', 'official', 'mainstream', 'reprint', 'weak', 'total', 'reprint_or_weak', \
'reprint_or_weak_2plus']
    >>> bool((c[list(TIERS)].sum(axis=1) == c["total"]).all())
    True
    """
    import pandas as pd

    out = []
    for name in names(root):
        frame = load(name, root=root)
        tiers = row_tiers(frame, root=root)
        t = tiers.dropna()
        if t.empty:
            continue
        counts = [int((t == tier).sum()) for tier in TIERS]
        low = tiers.isin(LOW_TIERS)
        two = 0
        if "source_id" in frame.columns:
            two = int(sum(len(set(_split_ids(cell))) >= 2
                          for cell in frame.loc[low, "source_id"]))
        out.append([name, *counts, len(t), counts[2] + counts[3], two])
    return pd.DataFrame(out, columns=["dataset", *TIERS, "total", "reprint_or_weak",
                                      "reprint_or_weak_2plus"])


def tier_note(table, label=("region", "city", "city_id"), *, limit: int = 8, root=None) -> str:
    """One line for a notebook's conclusion: how many of the rows it uses rest only on a
    reprint or a weak source (best tier, :func:`row_tiers`, in ``reprint``/``weak``), and
    which (at most ``limit`` named). Rows are named by ``label``: a column name, or a list
    or tuple of column names whose values are joined (columns the table lacks are skipped;
    with none left, or ``label=None``, the index names the rows). The line is in the
    current language (:func:`chengyu_lib.language.text`).

    ``table`` is a dataset name or a DataFrame from :func:`load` (or a subset of one that
    keeps its source-id columns): pass exactly the rows the conclusion uses.

    >>> from chengyu_lib.language import set_language; set_language("en")
    >>> frame = load("circle_economy")
    >>> tier_note(frame.iloc[0:0])
    'No rows used here.'
    >>> tier_note(frame).startswith(("Check before citing:", "Every one of"))
    True
    """
    from .language import text

    if isinstance(table, str):
        table = load(table, root=root)
    if isinstance(label, str):
        label = (label,)
    if label is not None and not (isinstance(label, (list, tuple))
                                  and all(isinstance(c, str) for c in label)):
        raise TypeError("label must be a column name, a list of column names or None, "
                        f"got {label!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1, got {limit!r}")
    tiers = row_tiers(table, root=root)
    n = len(table)
    if n == 0:
        return text("No rows used here.", "这里没有用到数据行。")
    low = table[tiers.isin(LOW_TIERS).to_numpy()]
    if low.empty:
        return text(f"Every one of the {n} rows used here has an official or mainstream source.",
                    f"这里用到的 {n} 行数据都有官方或主流媒体来源。")
    cols = [c for c in (label or ()) if c in low.columns]
    if cols:
        keys = [" ".join(str(v) for v in row) for row in low[cols].itertuples(index=False)]
    else:
        keys = [str(v) for v in low.index]
    keys = list(dict.fromkeys(keys))
    shown = ", ".join(keys[:limit]) + (", …" if len(keys) > limit else "")
    shown_zh = "、".join(keys[:limit]) + ("等" if len(keys) > limit else "")
    return text(f"Check before citing: {len(low)} of the {n} rows used here rest only on a "
                f"reprint or weak source ({shown}).",
                f"引用前请核对：这里用到的 {n} 行数据中，有 {len(low)} 行仅有转载或弱来源"
                f"（{shown_zh}）。")


def tier_markdown(root=None) -> str:
    """The source-tier section of data/README.md: what each tier means, how many sources
    and sourced rows are in each, and the counts per table.

    >>> "| dataset |" in tier_markdown()
    True
    """
    src = sources(root)
    counts = tier_counts(root)
    by_source = {t: int((src["tier"] == t).sum()) for t in TIERS}
    rows = {t: int(counts[t].sum()) for t in TIERS}
    total = int(counts["total"].sum())
    low = rows["reprint"] + rows["weak"]
    two = int(counts["reprint_or_weak_2plus"].sum())
    intro = (
        "Each source in `sources.csv` has a `tier`, decided from its address and publisher: "
        "`official` (the publishing body's own site: a government or statistics-bureau site "
        "carrying its own release or document), `mainstream` (a news outlet's own site carrying "
        "its own report), `reprint` (a copy elsewhere of an official or mainstream text that "
        "names the original: another outlet, a mirror, a bare IP address) and `weak` "
        "(aggregators, forums, blogs, trade sites, copies that name no such original). A row's "
        "tier is the best tier among all its source ids (`source_id`, `second_source_id`, "
        "`coord_source_id` ...): `cy.datasets.row_tiers(name)`; `cy.datasets.cite()` counts "
        "for each source the rows that rest only on reprints or weak sources.")
    summary = (
        f"Of {len(src)} sources, " + ", ".join(f"{by_source[t]} are {t}" for t in TIERS) + ". "
        f"Of {total} rows that cite a source, " + ", ".join(f"{rows[t]} rest at best on "
                                                             f"{t}" for t in TIERS) + ": "
        f"{low} rows ({100 * low / total:.0f}%) rest only on a reprint or a weak source, so "
        "a teacher should check those against the original before citing them in class; "
        f"{two} of them cite two or more different copies (the last column), which confirms the "
        "figure but does not replace the original.")
    lines = [
        "## Source tiers", "", textwrap.fill(intro, 92), "", textwrap.fill(summary, 92), "",
        "| dataset | official | mainstream | reprint | weak | total | reprint/weak with 2+ sources |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for rec in counts.itertuples(index=False):
        lines.append(f"| `{rec.dataset}` | {rec.official} | {rec.mainstream} | {rec.reprint} "
                     f"| {rec.weak} | {rec.total} | {rec.reprint_or_weak_2plus} |")
    lines.append(f"| **all** | {rows['official']} | {rows['mainstream']} | {rows['reprint']} "
                 f"| {rows['weak']} | {total} | {two} |")
    return "\n".join(lines) + "\n\n"


@lru_cache(maxsize=64)
def _meta_cached(base: Path, name: str, signature: tuple) -> dict:
    path = base / f"{name}.meta.json"
    label = _rel(path, base)
    meta = _read_meta(path, label)
    _check_meta(meta, label)
    return meta


def _meta(base: Path, name: str) -> dict:
    """The checked meta of catalogue table ``name`` (a known name: see ``_check_name``)."""
    return _meta_cached(base, name, _signature(base / f"{name}.meta.json"))


def _check_meta(meta: dict, label: str):
    """Refuse a meta file whose structure ``_validate`` cannot follow, naming the file."""
    for field in ("title", "title_zh", "row", "description", "coverage"):
        if not isinstance(meta.get(field, ""), str):
            raise DatasetError(f"{label}: {field} must be text, got {_short(meta[field])}")
    caveats = meta.get("caveats", [])
    if not isinstance(caveats, list) or not all(isinstance(c, str) for c in caveats):
        raise DatasetError(f"{label}: caveats must be a list of texts")
    columns = meta.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise DatasetError(f"{label}: needs a 'columns' object mapping each column name to "
                           "its description, e.g. {\"year\": {\"dtype\": \"int\"}}")
    for col, spec in columns.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("dtype"), str) \
                or spec["dtype"] not in _DTYPES:
            got = spec.get("dtype") if isinstance(spec, dict) else spec
            raise DatasetError(f"{label}: column {_short(col)}: needs a dtype, one of "
                               f"{sorted(_DTYPES)}; got {_short(got)}")
        if "enum" in spec and not isinstance(spec["enum"], list):
            raise DatasetError(f"{label}: column {_short(col)}: enum must be a list")
        _check_bounds(spec, f"{label}: column {_short(col)}")
        for field in ("unit", "description"):
            if not isinstance(spec.get(field, ""), str):
                raise DatasetError(f"{label}: column {_short(col)}: {field} must be text")
    key = meta.get("key", [])
    if not isinstance(key, list) or any(not isinstance(k, str) or k not in columns
                                        for k in key):
        raise DatasetError(f"{label}: key must list columns of the table, got {_short(key, 80)}")
    ind = meta.get("indicators")
    if ind is not None:
        if not isinstance(ind, dict) or not isinstance(ind.get("rules"), dict) \
                or any(not isinstance(r, dict) or "unit" not in r for r in ind["rules"].values()):
            raise DatasetError(f"{label}: indicators must be an object with column, value, "
                               "unit_column and rules {indicator: {unit, min, max}}")
        for indicator, rule in ind["rules"].items():
            _check_bounds(rule, f"{label}: indicator {_short(indicator)}")
        for field in ("column", "value", "unit_column"):
            col = ind.get(field, "unit" if field == "unit_column" else None)
            if not isinstance(col, str) or col not in columns:
                raise DatasetError(f"{label}: indicators.{field} names {_short(col)}, which "
                                   "is not a column of the table")
    sums = meta.get("sums", [])
    if not isinstance(sums, list):
        raise DatasetError(f"{label}: sums must be a list of rules {{total, parts, by?, rtol}}")
    for k, rule in enumerate(sums, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("total"), str) \
                or not isinstance(rule.get("parts"), list) or not rule["parts"]:
            raise DatasetError(f"{label}: sums rule {k} needs a total (str) and parts (list)")
        rtol = rule.get("rtol", 0.001)
        if not _is_number(rtol) or not 0 <= rtol < 1:
            raise DatasetError(f"{label}: sums rule {k}: rtol must be a number in [0, 1), "
                               f"got {_short(rtol)}")
        if ind is not None:
            by = rule.get("by")
            if not isinstance(by, list):
                raise DatasetError(f"{label}: sums rule {k} needs 'by', the columns that "
                                   "group rows of this long table")
            for col in by:
                if not isinstance(col, str) or col not in columns:
                    raise DatasetError(f"{label}: sums rule {k} groups by {_short(col)}, "
                                       f"which is not a column (columns: {list(columns)})")
            known, what = ind["rules"], "indicator"
        else:
            known = [c for c, s in columns.items() if s["dtype"] in ("int", "float")]
            what = "number column"
        for part in [rule["total"], *rule["parts"]]:
            if not isinstance(part, str) or part not in known:
                raise DatasetError(f"{label}: sums rule {k} names {_short(part)}, which is "
                                   f"not a {what} of this table (expected one of "
                                   f"{sorted(known)})")


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _check_bounds(spec: dict, where: str):
    for bound in ("min", "max"):
        if spec.get(bound) is not None and not _is_number(spec[bound]):
            raise DatasetError(f"{where}: {bound} must be a finite number or null, got "
                               f"{_short(spec[bound])}")


def _convert(cell: str, spec: dict, where: str):
    dtype = spec["dtype"]
    if cell == _MISSING:
        if spec.get("required"):
            raise DatasetError(f"{where}: must not be empty")
        return None
    if dtype in ("int", "float"):
        pattern = _INTEGER if dtype == "int" else _NUMBER
        if len(cell) > _NUMBER_LENGTH or not pattern.match(cell):
            kind = ("an integer (e.g. 2023)" if dtype == "int"
                    else "a number (e.g. -1234.5)")
            raise DatasetError(
                f"{where}: expected {kind} in the one format the data uses: ASCII digits, "
                f"an optional leading minus{'' if dtype == 'int' else ' and decimal point'}; "
                f"no thousands separator, spaces, underscores or full-width digits; got "
                f"{_short(cell)}")
        value = int(cell) if dtype == "int" else float(cell)
        lo, hi = spec.get("min"), spec.get("max")
        if lo is not None and value < lo or hi is not None and value > hi:
            raise DatasetError(f"{where}: {value} is outside the allowed range [{lo}, {hi}]")
    elif dtype == "bool":
        if cell.lower() not in ("true", "false"):
            raise DatasetError(f"{where}: expected true or false, got {_short(cell)}")
        value = cell.lower() == "true"
    elif dtype == "date":
        if not _DATE.match(cell):
            raise DatasetError(f"{where}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, "
                               f"got {_short(cell)}")
        value = cell
    else:
        value = cell
    if "enum" in spec and value not in spec["enum"]:
        raise DatasetError(f"{where}: expected one of {spec['enum']}, got {_short(cell)}")
    return value


def _rows(meta: dict, header: list[str], body, label: str, ids) -> list[tuple]:
    """Check the header against the meta and convert every record; returns
    ``(values in meta column order, label, row number)`` per row. ``ids``: known source ids."""
    columns = meta["columns"]
    for col in columns:
        if col not in header:
            raise DatasetError(f"{label}, column '{col}': missing from the header "
                               f"(expected columns {list(columns)})")
    extra = [h for h in header if h not in columns]
    if extra:
        raise DatasetError(f"{label}, column {_short(extra[0])}: not described in the "
                           f"table's meta file (expected columns {list(columns)})")
    order = [header.index(c) for c in columns]
    numeric = [c for c, s in columns.items() if s["dtype"] in ("int", "float")
               and s.get("figure", True) and c not in meta.get("key", [])]
    source_cols = [c for c in columns if c.endswith("source_id")]
    ind = meta.get("indicators")
    out = []
    for i, raw in body:
        rec = {}
        for col, j in zip(columns, order):
            rec[col] = _convert(raw[j], columns[col], f"{label}, row {i}, column '{col}'")
        if ind:
            unit_col = ind.get("unit_column", "unit")
            rule = ind["rules"].get(rec[ind["column"]])
            if rule is None:
                raise DatasetError(
                    f"{label}, row {i}, column '{ind['column']}': unknown indicator "
                    f"{_short(rec[ind['column']])}; expected one of {sorted(ind['rules'])}")
            val = rec[ind["value"]]
            if rec.get(unit_col) != rule["unit"]:
                raise DatasetError(
                    f"{label}, row {i}, column '{unit_col}': indicator "
                    f"{_short(rec[ind['column']])} is in {rule['unit']!r}, got "
                    f"{_short(rec.get(unit_col))}")
            lo, hi = rule.get("min"), rule.get("max")
            if val is not None and (lo is not None and val < lo or hi is not None and val > hi):
                raise DatasetError(f"{label}, row {i}, column '{ind['value']}': {val} is "
                                   f"outside the range [{lo}, {hi}] allowed for "
                                   f"{_short(rec[ind['column']])}")
        if "source_id" in columns and not rec["source_id"] \
                and any(rec[c] is not None for c in numeric):
            raise DatasetError(f"{label}, row {i}, column 'source_id': a row with a "
                               f"figure needs a source id")
        # source_id, and columns such as coord_source_id that source one attribute
        for col in source_cols:
            for one in _split_ids(rec[col]):
                if one not in ids:
                    raise DatasetError(f"{label}, row {i}, column '{col}': unknown source "
                                       f"id {_short(one)}; add it to sources.csv")
        out.append(([rec[c] for c in columns], label, i))
    return out


def _check_key(meta: dict, rows: list[tuple]):
    key = meta.get("key", [])
    if not key:
        return
    cols = list(meta["columns"])
    idx = [cols.index(c) for c in key]
    seen = {}
    for values, label, i in rows:
        k = tuple(values[j] for j in idx)
        if k in seen:
            shown = ", ".join(f"{c}={_short(v)}" for c, v in zip(key, k))
            raise DatasetError(f"{label}, row {i}, column '{key[0]}': key ({shown}) repeats "
                               f"row {seen[k]}")
        seen[k] = i


def _check_sums(meta, cols, rows):
    """Parts add up to totals (``meta["sums"]``) within ``rtol``. ``rows`` are
    ``(values, label, row number)`` as from ``_rows``."""
    ind = meta.get("indicators")
    for rule in meta.get("sums", []):
        rtol = rule.get("rtol", 0.001)
        total, parts = rule["total"], rule["parts"]
        if ind:  # long table: group rows by the 'by' columns, read indicators
            by = rule["by"]
            groups: dict[tuple, dict] = {}
            for values, where, i in rows:
                rec = dict(zip(cols, values))
                g = groups.setdefault(tuple(rec[c] for c in by), {})
                g[rec[ind["column"]]] = (rec[ind["value"]], where, i)
            for g, vals in groups.items():
                if total in vals and all(p in vals for p in parts):
                    t, where, i = vals[total]
                    got = [vals[p][0] for p in parts]
                    if t is None or any(v is None for v in got):
                        continue
                    if not math.isclose(sum(got), t, rel_tol=rtol):
                        raise DatasetError(
                            f"{where}, row {i}, column '{ind['value']}': {' + '.join(parts)} "
                            f"= {sum(got):.6g} but {total} = {t:.6g} for {dict(zip(by, g))} "
                            f"(allowed relative gap {rtol})")
        else:
            for values, where, i in rows:
                rec = dict(zip(cols, values))
                vals = [rec[p] for p in parts]
                if rec[total] is None or any(v is None for v in vals):
                    continue
                if not math.isclose(sum(vals), rec[total], rel_tol=rtol):
                    raise DatasetError(
                        f"{where}, row {i}, column '{total}': {' + '.join(parts)} = "
                        f"{sum(vals):.6g} but {total} = {rec[total]:.6g} "
                        f"(allowed relative gap {rtol})")


def _validate(name: str, base: Path) -> tuple[dict, list[str], list[tuple]]:
    """The shipped table ``name``: meta, columns, and rows as ``_rows`` gives them, after
    every check (content, key, sums, then row count and hash)."""
    meta = _meta(base, name)
    path = base / f"{name}.csv"
    label = _rel(path, base)
    header, body, digest = _read_csv(path, label)
    rows = _rows(meta, header, body, label, _sources_table(base))
    _check_key(meta, rows)
    _check_sums(meta, list(meta["columns"]), rows)
    _check_integrity(meta.get("integrity"), body, digest, label,
                     _rel(base / f"{name}.meta.json", base))
    return meta, list(meta["columns"]), rows


# ---------- local figures


def local_dir():
    """The folder of a teacher's local figures, or None when switched off.

    ``$CHENGYU_LOCAL_DATA`` if set (an empty value switches local figures off), else
    ``chengyu_lib/local_data`` in the user's config folder (``$XDG_CONFIG_HOME`` or
    ``~/.config``). The folder need not exist; see :func:`load` for what it holds.

    >>> import os; os.environ["CHENGYU_LOCAL_DATA"] = "/srv/class/figures"
    >>> str(local_dir())
    '/srv/class/figures'
    >>> os.environ["CHENGYU_LOCAL_DATA"] = ""; local_dir() is None
    True
    >>> del os.environ["CHENGYU_LOCAL_DATA"]
    """
    explicit = os.environ.get(LOCAL_ENV)
    if explicit is not None:
        explicit = explicit.strip()
        return Path(explicit).expanduser() if explicit else None
    config = os.environ.get("XDG_CONFIG_HOME")
    if not config:
        try:
            config = str(Path.home() / ".config")
        except (RuntimeError, KeyError):     # no home folder known: no local figures
            return None
    return Path(config) / "chengyu_lib" / "local_data"


def _local_folder(local):
    """The local-figures folder to use for ``local`` (see :func:`load`), or None."""
    if local is False:
        return None
    if local is None or local is True:
        folder = local_dir()
        if folder is None:
            return None
        if os.environ.get(LOCAL_ENV, "").strip():
            if not _is_dir(folder):
                raise DatasetError(f"{LOCAL_ENV} must name a folder of local figures; "
                                   f"{_short(str(folder), 200)} is not a folder (set it empty "
                                   "to switch local figures off)")
        elif not _is_dir(folder):
            return None
        return folder.resolve()
    if isinstance(local, (str, os.PathLike)):
        folder = Path(local)
        if not _is_dir(folder):
            raise ValueError(f"local must be a folder of local figures, None (the configured "
                             f"one) or False; {_short(str(local), 200)} is not a folder")
        return folder.resolve()
    raise TypeError(f"local must be a folder path, None or False, got {type(local).__name__}")


@lru_cache(maxsize=8)
def _local_sources_cached(folder: Path, signature: tuple) -> dict[str, dict]:
    path = folder / "sources.csv"
    if not path.is_file():
        return {}
    records, _, _ = _parse_sources(path, f"local data {LOCAL_SOURCES}")
    return records


def _local_sources(folder: Path, shipped: dict) -> dict[str, dict]:
    records = _local_sources_cached(folder, _signature(folder / LOCAL_SOURCES))
    for i, sid in enumerate(records, start=1):
        if sid in shipped:
            raise DatasetError(f"local data {LOCAL_SOURCES}, row {i}, column 'source_id': "
                               f"{_short(sid)} is already a shipped source; give the local "
                               "source its own id")
    return records


def _merge_local(name, meta, rows, folder: Path, shipped_ids: dict):
    """Shipped rows with the local file's rows: a local row replaces the shipped row with
    the same key, or is added. Returns (rows, local flags, local source records)."""
    path = folder / f"{name}.csv"
    flags = [False] * len(rows)
    if not path.is_file():
        return rows, flags, {}
    local_src = _local_sources(folder, shipped_ids)
    label = f"local data {name}.csv"
    header, body, _ = _read_csv(path, label)
    extra = _rows(meta, header, body, label, {**shipped_ids, **local_src})
    _check_key(meta, extra)
    cols = list(meta["columns"])
    idx = [cols.index(c) for c in meta.get("key", [])]
    at = {tuple(r[0][j] for j in idx): n for n, r in enumerate(rows)} if idx else {}
    rows = list(rows)
    for row in extra:
        n = at.get(tuple(row[0][j] for j in idx)) if idx else None
        if n is None:
            rows.append(row)
            flags.append(True)
        else:
            rows[n] = row
            flags[n] = True
    return rows, flags, local_src


@lru_cache(maxsize=64)
def _load_cached(name: str, base: Path, signature: tuple, folder, local_signature: tuple):
    import pandas as pd

    meta, cols, rows = _validate(name, base)
    shipped_ids = _sources_table(base)
    flags, local_src = [], {}
    if folder is not None:
        rows, flags, local_src = _merge_local(name, meta, rows, folder, shipped_ids)
        _check_sums(meta, cols, rows)
    frame = pd.DataFrame([r[0] for r in rows], columns=cols)
    for col, spec in meta["columns"].items():
        kind = {"int": "Int64", "float": "float64", "bool": "boolean"}.get(spec["dtype"])
        if kind:
            frame[col] = frame[col].astype(kind)
        else:
            frame[col] = frame[col].astype("object").where(frame[col].notna(), None)
    if any(flags):
        frame["local"] = pd.Series(flags, dtype="boolean")
    used = {one for values, _, _ in rows for col, cell in zip(cols, values)
            if col.endswith("source_id") for one in _split_ids(cell)}
    records = [shipped_ids[s] if s in shipped_ids else {**local_src[s], "local": True}
               for s in sorted(used)]
    provenance = _read_only({"meta": meta, "sources": records})
    return frame, provenance


def load(name: str, root=None, local=None):
    """Load one dataset as a validated DataFrame.

    ``name`` is a catalogue name from :func:`names` (never a path). ``root`` reads another
    catalogue instead of the course data: a folder holding ``sources.csv``,
    ``sources.meta.json`` and ``<name>.csv`` beside ``<name>.meta.json``, checked like the
    course data.

    ``.attrs["sources"]`` lists the source records the table cites, ``.attrs["meta"]`` its
    description; both are read-only (:class:`ReadOnlyDict` and tuples), shared by every
    frame derived from this one. Raises ``ValueError`` for an unknown name and
    ``DatasetError`` (naming file, row and column) when the file does not match its
    description, including a row count or content hash that differs from the meta's
    ``integrity`` record (a cut or edited file). A file changed on disk is read again.

    **Local figures.** A teacher with a yearbook can add or replace figures without
    touching the shipped tables: put ``<name>.csv`` (same columns as the table, any order)
    and a ``sources.csv`` for its sources (columns as in the course's, ids of your own) in
    the folder :func:`local_dir` names (``$CHENGYU_LOCAL_DATA``, else
    ``~/.config/chengyu_lib/local_data``). Local rows are checked exactly like shipped
    ones; a local row replaces the shipped row with the same key, or is added; the table
    then gets a boolean column ``local``, True only for those rows, and local source
    records carry ``"local": True``. ``local=False`` loads the shipped table only;
    ``local=<folder>`` uses that folder.

    >>> df = load("circle_economy")
    >>> df.attrs["name"]
    'circle_economy'
    """
    base = _root(root)
    _check_name(name, base)
    folder = _local_folder(local)
    signature = _signature(base / f"{name}.csv", base / f"{name}.meta.json",
                           base / "sources.csv", base / "sources.meta.json")
    local_signature = () if folder is None else \
        _signature(folder / f"{name}.csv", folder / LOCAL_SOURCES)
    frame, provenance = _load_cached(name, base, signature, folder, local_signature)
    out = frame.copy()
    out.attrs = {"name": name, "meta": provenance["meta"], "sources": provenance["sources"]}
    return out


def local_figures(local=None):
    """Check the whole local-figures folder (see :func:`load`) and list what it changes:
    one row per table with local rows (``table``, ``local_rows``, ``file``).

    Every file is checked as ``load`` would; a CSV file that is not named after a course
    table (e.g. a misspelt ``city_economi.csv``) is an error rather than silently
    ignored. No folder, or local figures switched off: an empty table.

    >>> local_figures(local=False).columns.tolist()
    ['table', 'local_rows', 'file']
    """
    import pandas as pd

    folder = _local_folder(local)
    rows = []
    if folder is not None:
        base = _root(None)
        _local_sources(folder, _sources_table(base))
        for path in sorted(folder.rglob("*.csv")):
            rel = path.relative_to(folder).as_posix()
            if rel == LOCAL_SOURCES:
                continue
            name = rel[: -len(".csv")]
            if name == "sources" or not _NAME.match(name) \
                    or not _is_file(base / f"{name}.meta.json"):
                raise DatasetError(f"local data {_short(rel)}: not named after a course "
                                   f"table; expected <name>.csv with name one of "
                                   f"{', '.join(_catalogue(base))}")
            frame = load(name, local=folder)
            count = int(frame["local"].sum()) if "local" in frame.columns else 0
            rows.append([name, count, str(path)])
    return pd.DataFrame(rows, columns=["table", "local_rows", "file"])


def catalog(root=None):
    """One row per dataset: name, title (en, zh), what a row is and the coverage (each in
    English and Chinese), rows, sources.

    ``row_zh`` and ``coverage_zh`` come from ``data/zh/catalog.json`` (keyed by
    :func:`caveat_key` of the English text, like the row notes); a text without a current
    translation is given in English there, never left empty (:func:`untranslated_catalog`
    lists such texts).

    >>> catalog().columns.tolist()
    ['dataset', 'title', 'title_zh', 'row', 'row_zh', 'coverage', 'coverage_zh', 'rows', 'sources']
    """
    import pandas as pd

    base = _root(root)
    zh = _zh_file(base, CATALOG_ZH)
    rows = []
    for name in names(root):
        frame = load(name, root=root)
        meta = frame.attrs["meta"]
        own = zh.get(name, {})
        row, coverage = meta.get("row", ""), meta.get("coverage", "")
        rows.append([name, meta.get("title", ""), meta.get("title_zh", ""),
                     row, own.get(caveat_key(row), row),
                     coverage, own.get(caveat_key(coverage), coverage),
                     len(frame), len(frame.attrs["sources"])])
    return pd.DataFrame(rows, columns=["dataset", "title", "title_zh", "row", "row_zh",
                                       "coverage", "coverage_zh", "rows", "sources"])


def untranslated_catalog(root=None) -> list[tuple[str, str, str]]:
    """``(table, field, English text)`` for each ``row`` or ``coverage`` text of the
    catalogue without a current Chinese translation in ``data/zh/catalog.json``.

    >>> untranslated_catalog()
    []
    """
    base = _root(root)
    zh = _zh_file(base, CATALOG_ZH)
    left = []
    for name in names(root):
        meta = load(name, root=root).attrs["meta"]
        for field in ("row", "coverage"):
            text = meta.get(field, "")
            if text and caveat_key(text) not in zh.get(name, {}):
                left.append((name, field, text))
    return left


def caveat_key(caveat: str) -> str:
    """The key of an English caveat in a meta file's ``caveats_zh``: the first 12 hex
    digits of the SHA-256 of its UTF-8 text. An edited caveat gets a new key, so its old
    translation no longer applies (and :func:`untranslated_caveats` lists it).

    >>> caveat_key("Figures are preliminary.")
    '155953223c33'
    """
    if not isinstance(caveat, str):
        raise TypeError(f"caveat must be the English text of a caveat, got "
                        f"{type(caveat).__name__}")
    return hashlib.sha256(caveat.encode("utf-8")).hexdigest()[:12]


def _caveat_pairs(name: str, root=None) -> list[tuple[str, str | None]]:
    meta = load(name, root=root).attrs["meta"]
    zh = meta.get("caveats_zh", {})
    if not isinstance(zh, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                           for k, v in zh.items()):
        raise DatasetError(f"{name}.meta.json: caveats_zh must map caveat keys (first 12 hex "
                           "digits of the sha256 of the English caveat) to Chinese texts")
    return [(c, zh.get(caveat_key(c))) for c in meta.get("caveats", [])]


def caveats(name: str, root=None) -> list[str]:
    """The caveats of dataset ``name`` in the current language (``cy.set_language``).

    In Chinese each caveat is its translation from the meta file's ``caveats_zh``
    (keyed by :func:`caveat_key` of the English text); a caveat without a current
    translation is given in English, never dropped (the tests list such caveats).

    >>> from chengyu_lib import language
    >>> language.set_language("en"); caveats("corridor")[0][:3] != ""
    True
    """
    from . import language

    zh = language.get_language() == "zh"
    return [(translated if zh and translated else english)
            for english, translated in _caveat_pairs(name, root=root)]


#: where the Chinese of the tables' per-row ``note`` texts is kept (relative to the data
#: folder): ``{table: {note_key: Chinese}}``, apart from the tables' own CSV and meta files
NOTES_ZH = "zh/notes.json"


#: the Chinese of each table's ``row`` and ``coverage`` texts (shown by :func:`catalog`),
#: in the same shape: ``{table: {caveat_key(English text): Chinese}}``
CATALOG_ZH = "zh/catalog.json"


def _zh_file(base: Path, rel: str = NOTES_ZH) -> dict:
    """A translation file of the data folder, ``{table: {key: Chinese}}`` (``{}`` if absent)."""
    path = base / rel
    if not _is_file(path):
        return {}
    _, text = _read_text(path, rel)
    try:
        found = json.loads(text)
    except ValueError as exc:
        raise DatasetError(f"{rel}: not valid JSON ({exc})") from None
    if not isinstance(found, dict) or not all(
            isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in table.items())
            for table in found.values()):
        raise DatasetError(f"{rel} must map each table name to {{text key (first 12 hex "
                           "digits of the sha256 of the English text): Chinese text}}")
    return found


def notes_zh(name: str, root=None) -> dict[str, str]:
    """The Chinese translations of the ``note`` texts of table ``name``, keyed by
    :func:`caveat_key` of each English note (``{}`` for a table with none).

    >>> all(len(key) == 12 for key in notes_zh("city_clusters"))
    True
    """
    base = _root(root)
    _check_name(name, base)
    return dict(_zh_file(base).get(name, {}))


def notes(frame, name: str | None = None, root=None):
    """``frame`` with its ``note`` column in the reader's language (``cy.set_language``).

    Per-row notes are written in English in the tables. Their Chinese is kept in one file,
    ``data/zh/notes.json`` (``{table: {key: Chinese}}``), keyed like the caveats by
    :func:`caveat_key` of the English note: an edited English note gets a new key, so its
    old translation no longer applies, the note is shown in English (never hidden, never
    with an out-of-date translation) and :func:`untranslated_notes` lists it. One entry
    serves every row carrying the same note.

    Why a function the notebook calls, not a ``note_zh`` column nor ``language.for_reader``:
    the column keeps its name in both languages, so both editions run the same code and
    a selection such as ``frame[["year", "note"]]`` works unchanged; the translations stay
    out of the tables' CSV and meta files (whose integrity records and sources are about
    the figures); and ``language`` stays free of data and pandas.

    ``name`` is the table (``frame.attrs["name"]`` when omitted: a frame from :func:`load`,
    or a selection of one, carries it). Returns a new frame; in English it is a copy of
    ``frame``. A frame without a ``note`` column is returned as a copy, unchanged.

    >>> from chengyu_lib import language
    >>> clusters = load("city_clusters")
    >>> language.set_language("zh"); shown = notes(clusters)
    >>> bool((shown["note"] != clusters["note"]).any())
    True
    >>> language.set_language("en"); notes(clusters)["note"].equals(clusters["note"])
    True
    """
    from . import language

    if not hasattr(frame, "columns") or not hasattr(frame, "copy"):
        raise TypeError(f"frame must be a table from cy.datasets.load (a pandas DataFrame), "
                        f"got {type(frame).__name__}")
    if name is None:
        name = getattr(frame, "attrs", {}).get("name")
        if not isinstance(name, str):
            raise ValueError("name must be given (e.g. 'city_clusters') when frame does not "
                             "come from cy.datasets.load")
    zh = notes_zh(name, root=root)
    shown = frame.copy()
    if language.get_language() != "zh" or "note" not in shown.columns:
        return shown
    shown["note"] = [zh.get(caveat_key(n), n) if isinstance(n, str) and n else n
                     for n in shown["note"]]
    return shown


def untranslated_notes(name: str, root=None) -> list[str]:
    """The distinct English ``note`` texts of table ``name`` without a current Chinese
    translation in ``data/zh/notes.json``, in the order of the table.

    >>> untranslated_notes("city_clusters")
    []
    """
    frame = load(name, root=root)
    zh = notes_zh(name, root=root)
    if "note" not in frame.columns:
        return []
    left = []
    for note in frame["note"]:
        if isinstance(note, str) and note and caveat_key(note) not in zh and note not in left:
            left.append(note)
    return left


def untranslated_caveats(name: str, root=None) -> list[str]:
    """The English caveats of ``name`` that have no current Chinese translation.

    >>> isinstance(untranslated_caveats("corridor"), list)
    True
    """
    return [english for english, translated in _caveat_pairs(name, root=root)
            if not translated]


def cite(*tables, root=None):
    """The sources behind one or more tables (names, or DataFrames returned by ``load``),
    as a DataFrame: the table a source backs, then source_id, publisher, title, date, url,
    tier (:data:`TIERS`) and reprint_or_weak_rows: how many of the table's rows cite this
    source and rest only on reprints or weak sources (their best tier, :func:`row_tiers`, is
    ``reprint`` or ``weak``), so the figures a teacher should check first stand out.
    Notebooks end with it, so every number shown can be traced.

    >>> cite("circle_economy").columns.tolist()
    ['table', 'source_id', 'publisher', 'title', 'date', 'url', 'tier', 'reprint_or_weak_rows']
    """
    import pandas as pd

    rows = []
    for table in tables:
        if isinstance(table, str):
            table = load(table, root=root)
        if not hasattr(table, "attrs") or "sources" not in table.attrs:
            raise TypeError("tables must be dataset names or DataFrames from "
                            f"cy.datasets.load, got {type(table).__name__}")
        cols = _source_columns(table.columns)
        low: dict[str, int] = {}
        if cols:
            best = row_tiers(table, root=root)
            for (_, row), tier in zip(table[cols].iterrows(), best):
                if tier in LOW_TIERS:
                    for sid in {i for c in cols for i in _split_ids(row[c])}:
                        low[sid] = low.get(sid, 0) + 1
        for rec in table.attrs["sources"]:
            rows.append({"table": table.attrs.get("name", ""),
                         **{k: rec[k] for k in ("source_id", "publisher", "title", "date",
                                                "url")},
                         "tier": rec.get("tier"),
                         "reprint_or_weak_rows": low.get(rec["source_id"], 0)})
    return pd.DataFrame(rows, columns=["table", "source_id", "publisher", "title", "date",
                                       "url", "tier", "reprint_or_weak_rows"])


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


def describe(name: str, root=None, local=None) -> str:
    """A plain-text (Markdown) description of one dataset: what a row is, columns with
    units, coverage, caveats and the sources it cites. ``name``, ``root`` and ``local`` as
    in :func:`load`.

    >>> describe("cities").splitlines()[0].startswith("### `cities`")
    True
    """
    base = _root(root)
    _check_name(name, base)
    frame = load(name, root=base, local=local)
    meta = frame.attrs["meta"]
    local_rows = int(frame["local"].sum()) if "local" in frame.columns else 0
    lines = [f"### `{name}` · {meta.get('title', '')} · {meta.get('title_zh', '')}", ""]
    if meta.get("description"):
        lines += [meta["description"], ""]
    lines += [f"**A row:** {meta.get('row', '')}  ",
              f"**Coverage:** {meta.get('coverage', '')}  ",
              f"**Rows:** {len(frame)}"
              + (f" ({local_rows} local)" if local_rows else "")
              + f" · **Key:** {', '.join(meta.get('key', [])) or '—'}", "",
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
            f"`{s['source_id']}` {s['publisher']}, {s['date']}"
            + (" (local)" if s.get("local") else "") for s in srcs)]
    return "\n".join(lines) + "\n"


def catalog_markdown(root=None) -> str:
    """The dataset catalogue (every ``describe``) as Markdown, as written to data/README.md:
    the shipped tables only, without local figures.

    >>> catalog_markdown().count("### `") == len(names())
    True
    """
    return "\n".join(describe(n, root=root, local=False) for n in names(root))


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
    wide = wide[list(indicators)].astype(float).rename_axis(index=None, columns=None)
    if "local" in part.columns:     # a teacher's own figures stay named (charts mark them)
        mine = part[part["local"].astype("boolean").fillna(False).to_numpy(dtype=bool)]
        wide.attrs["local_figures"] = [f"{k} {y} {i}" for k, y, i in
                                       zip(mine[key], mine["year"], mine["indicator"])]
    return wide


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
                         f"{sorted(int(y) for y in years)}, got {year!r}")
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
    marks = list(wide.attrs.get("local_figures", []))
    if cq_id in cq.index:
        wide.loc[cq_id] = cq.loc[cq_id]
        marks += cq.attrs.get("local_figures", [])
    out = cities.set_index("city_id").join(wide, how="left")
    if marks:       # named for charts (cy.plotting marks local figures)
        out.attrs["local_figures"] = marks
    return out


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
    so 1 January is the whole year and 2 July falls about halfway through it. A month without a day,
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


# ---------- the conclusion audit (issue 15): which figures each notebook's conclusion
# rests on, whether each meets the target, and what was searched for those that do not

__all__ += ["CONCLUSIONS", "SEARCHES", "TARGET_TIERS", "check_query", "select_rows",
            "row_keys", "independent_sources", "conclusions", "search_log",
            "conclusion_audit", "conclusion_summary", "conclusion_markdown"]

#: The register of conclusions and the search log (catalogue names, ``data/audit/``).
CONCLUSIONS = "audit/conclusions"
SEARCHES = "audit/searches"
#: Tiers that meet the target on their own; otherwise two independent sources are needed.
TARGET_TIERS = ("official", "mainstream")
_QUERY_LIMIT = 1000          # characters a register query may have
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NOTEBOOK = re.compile(r"([0-9]{2})_[a-z0-9_]+\Z")
_PUBLISHER_CUT = re.compile(r"[（(,，;；:：]")


def _query_error(query, where: str, why: str) -> ValueError:
    return ValueError(f"{where}: {_short(query, 80)} {why}; a query may use only column "
                      "names of the table, comparisons (== != < <= > >=), in / not in a list "
                      "of literals, and / or, and literal numbers, texts or booleans")


def _literal(node):
    """The value of a literal node (number, text, bool, or a negative number), else raise
    ``LookupError`` (caught by the caller, which names the query)."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, float, str)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
            and isinstance(node.operand, ast.Constant) \
            and isinstance(node.operand.value, (int, float)) \
            and not isinstance(node.operand.value, bool):
        return -node.operand.value
    raise LookupError


def _check_condition(node, columns, query, where):
    import ast

    if isinstance(node, ast.BoolOp) and isinstance(node.op, (ast.And, ast.Or)):
        for value in node.values:
            _check_condition(value, columns, query, where)
        return
    if not isinstance(node, ast.Compare):
        raise _query_error(query, where, f"has {type(node).__name__!r} where a comparison "
                           "or and/or was expected")
    operands = [node.left, *node.comparators]
    for operand in operands:
        if isinstance(operand, ast.Name):
            if operand.id not in columns:
                raise _query_error(query, where, f"names {operand.id!r}, which is not a "
                                   f"column of the table (columns: {', '.join(columns)})")
        elif not isinstance(operand, (ast.List, ast.Tuple)):
            try:
                _literal(operand)
            except LookupError:
                raise _query_error(query, where, f"has {type(operand).__name__!r} where a "
                                   "column name or a literal was expected") from None
    for k, op in enumerate(node.ops):
        left, right = operands[k], operands[k + 1]
        if isinstance(op, (ast.In, ast.NotIn)):
            if not isinstance(left, ast.Name) or not isinstance(right, (ast.List, ast.Tuple)):
                raise _query_error(query, where, "uses 'in' other than as <column> in "
                                   "[literal, ...]")
            for item in right.elts:
                try:
                    _literal(item)
                except LookupError:
                    raise _query_error(query, where, "has a list item that is not a "
                                       "literal") from None
        elif not isinstance(op, (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)):
            raise _query_error(query, where, f"uses the operator {type(op).__name__!r}")
        elif any(isinstance(side, (ast.List, ast.Tuple)) for side in (left, right)):
            raise _query_error(query, where, "uses a list other than after 'in'")
        elif not (isinstance(left, ast.Name) or isinstance(right, ast.Name)):
            raise _query_error(query, where, "compares two literals (no column)")


def check_query(query, columns, *, where: str = "query"):
    """Check a register query against a table's ``columns`` and return its parsed condition
    (an :mod:`ast` node), or None for an empty query (every row).

    A query is written as for ``DataFrame.query`` but may hold only column names of the
    table, comparisons (``== != < <= > >=``, chained as ``2021 <= year <= 2023``),
    ``in`` / ``not in`` a list of literals, ``and`` / ``or`` and literal numbers, texts or
    booleans. Anything else (calls, attributes, arithmetic, ``@`` variables, ``not``) is a
    ``ValueError`` naming ``where``; nothing is ever evaluated as code.

    >>> check_query("year == 2023 and indicator in ['gdp']", ["year", "indicator"]) is not None
    True
    >>> check_query("", ["year"]) is None
    True
    >>> check_query("__import__('os').getcwd() == 1", ["year"])
    Traceback (most recent call last):
    ...
    ValueError: query: "__import__('os').getcwd() == 1" has 'Call' where a column name or a \
literal was expected; a query may use only column names of the table, comparisons \
(== != < <= > >=), in / not in a list of literals, and / or, and literal numbers, texts or \
booleans
    """
    import ast

    if query is None:
        return None
    if not isinstance(query, str):
        raise TypeError(f"{where}: query must be text (a condition such as \"year == 2023\"), "
                        f"got {type(query).__name__}")
    if len(query) > _QUERY_LIMIT:
        raise _query_error(query, where, f"is longer than {_QUERY_LIMIT} characters")
    text = query.strip()
    if not text:
        return None
    import warnings

    try:
        with warnings.catch_warnings():     # e.g. "2023and": refused below, not warned
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise _query_error(query, where, "is not a condition that can be read") from None
    _check_condition(tree.body, list(columns), query, where)
    return tree.body


def _operand(node, frame):
    import ast

    if isinstance(node, ast.Name):
        return frame[node.id]
    return _literal(node)


def _mask(node, frame):
    """A boolean numpy array: which rows of ``frame`` a checked condition selects. A row
    whose compared cell is missing is never selected."""
    import ast
    import operator

    import numpy as np
    import pandas as pd

    if isinstance(node, ast.BoolOp):
        masks = [_mask(v, frame) for v in node.values]
        combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        out = masks[0]
        for m in masks[1:]:
            out = combine(out, m)
        return out
    ops = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
           ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}
    out = np.ones(len(frame), dtype=bool)
    operands = [node.left, *node.comparators]
    for k, op in enumerate(node.ops):
        left, right = operands[k], operands[k + 1]
        if isinstance(op, (ast.In, ast.NotIn)):
            column = frame[left.id]
            hit = column.isin([_literal(e) for e in right.elts]).to_numpy(dtype=bool)
            part = hit if isinstance(op, ast.In) else ~hit & column.notna().to_numpy()
        else:
            a, b = _operand(left, frame), _operand(right, frame)
            try:
                res = ops[type(op)](a, b)
            except TypeError:
                name = left.id if isinstance(left, ast.Name) else right.id
                raise ValueError(f"query compares column {name!r} with a value of another "
                                 "kind (a number with a text?)") from None
            part = pd.Series(res).astype("boolean").fillna(False).to_numpy(dtype=bool)
        out &= part
    return out


def select_rows(table, query):
    """The rows of ``table`` (a DataFrame) that a register query selects, evaluated by
    :func:`check_query`'s rules without ``eval``; an empty query keeps every row. A row
    whose compared cell is missing is not selected.

    >>> frame = load("circle_economy")
    >>> used = select_rows(frame, "2021 <= year <= 2023 and indicator in ['gdp', 'real_growth']")
    >>> sorted(int(y) for y in set(used["year"]))
    [2021, 2022, 2023]
    >>> used.equals(frame.query("2021 <= year <= 2023 and indicator in ['gdp', 'real_growth']"))
    True
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (e.g. cy.datasets.load(...)), got "
                        f"{type(table).__name__}")
    node = check_query(query, [str(c) for c in table.columns])
    if node is None:
        return table.copy()
    return table[_mask(node, table)]


def _key_text(value) -> str:
    import pandas as pd

    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "true" if value else "false"
    return str(value)


def row_keys(table):
    """Each row's key as one text: the values of the table's meta ``key`` columns, in
    order, joined with ``|`` (a missing value is empty), as ``audit/searches`` writes it.

    ``table`` is a DataFrame from :func:`load` (or a subset of one) or a dataset name.

    >>> row_keys(load("circle_economy").query("year == 2023 and indicator == 'gdp'")).tolist()
    ['2023|gdp|preliminary']
    """
    import pandas as pd

    if isinstance(table, str):
        table = load(table, local=False)
    if not isinstance(table, pd.DataFrame) or "meta" not in table.attrs:
        raise TypeError("table must be a dataset name or a DataFrame from cy.datasets.load, "
                        f"got {type(table).__name__}")
    key = list(table.attrs["meta"].get("key", []))
    if not key:
        raise ValueError(f"table {table.attrs.get('name', '')!r} has no key in its meta file, "
                         "so its rows cannot be named")
    texts = ["|".join(_key_text(v) for v in row)
             for row in table[key].itertuples(index=False, name=None)]
    return pd.Series(texts, index=table.index, name="row_key", dtype="object")


def _original(rec: dict) -> str:
    """The publisher a source record names first (before any bracket or comma): the
    original for a copy written as ``原发（host 转载）``."""
    return _PUBLISHER_CUT.split(rec["publisher"], maxsplit=1)[0].strip().casefold()


def _same_text(rec: dict) -> str:
    return re.sub(r"[\W_]+", "", rec["title"]).casefold()


def independent_sources(ids, root=None) -> int:
    """How many independent sources the source ids ``ids`` hold: two records count once
    when they name the same publisher first (for a copy, the original it names) or carry
    the same title (the same text on two sites). So two copies of one bulletin count once,
    and a bulletin copy with a different outlet's own report counts twice.

    ``ids``: a list of source ids, or one text of ids separated by ``;`` as in the tables.
    Unknown ids are a ValueError.

    >>> independent_sources("eco-leshan-2023-bulletin-missing")
    Traceback (most recent call last):
    ...
    ValueError: ids: unknown source id 'eco-leshan-2023-bulletin-missing'
    >>> independent_sources("art-report;eco-gatv-2024-03-05-circle2023")
    2
    >>> independent_sources(["eco-leshan-2025-ls2024-bulletin", "eco-leshan-2025-ls2024-bulletin"])
    1
    """
    if isinstance(ids, str):
        ids = _split_ids(ids)
    if not isinstance(ids, (list, tuple, set)) or not all(isinstance(i, str) for i in ids):
        raise TypeError(f"ids must be source ids (a list, or one text joined by ';'), got "
                        f"{type(ids).__name__}")
    recs = _sources_table(_root(root))
    chosen = []
    for sid in dict.fromkeys(i.strip() for i in ids if i.strip()):
        if sid not in recs:
            raise ValueError(f"ids: unknown source id {_short(sid)}")
        chosen.append(recs[sid])
    groups: list[tuple[set, set]] = []      # (publishers, titles) of each group
    for rec in chosen:
        pub, title = _original(rec), _same_text(rec)
        joined = [g for g in groups if pub in g[0] or title in g[1]]
        merged = ({pub}, {title})
        for g in joined:
            merged[0].update(g[0])
            merged[1].update(g[1])
            groups.remove(g)
        groups.append(merged)
    return len(groups)


def _audit_table(name, root, label: str, where: str):
    """A catalogue table a register or log row names (shipped rows only), else an error."""
    base = _root(root)
    if not isinstance(name, str) or name.startswith("audit/") or name == "sources" \
            or not _NAME.match(name) or not _is_file(base / f"{name}.meta.json"):
        tables = [n for n in _catalogue(base) if not n.startswith("audit/")]
        raise DatasetError(f"{label}, {where}, column 'dataset': expected a course table "
                           f"({', '.join(tables)}), got {_short(name)}")
    return load(name, root=root, local=False)


def conclusions(root=None):
    """The register ``audit/conclusions``, checked: one row per notebook conclusion and
    table it rests on (conclusion_id, notebook, dataset, query, claim_en, claim_zh).

    Besides the checks of :func:`load`: the notebook is written ``NN_slug`` and the
    conclusion id starts with its number (``02.circle_growth``); the dataset is a course
    table; the query passes :func:`check_query` for that table's columns; the rows of one
    conclusion share notebook and claims. A failure is a ``DatasetError`` naming the row.

    >>> reg = conclusions()
    >>> reg.columns.tolist()
    ['conclusion_id', 'notebook', 'dataset', 'query', 'claim_en', 'claim_zh']
    >>> "02.circle_growth" in set(reg["conclusion_id"])
    True
    """
    reg = load(CONCLUSIONS, root=root, local=False)
    label = f"data/{CONCLUSIONS}.csv"
    seen: dict[str, tuple] = {}
    for n, rec in enumerate(reg.itertuples(index=False), start=1):
        where = f"row {n}"
        m = _NOTEBOOK.match(rec.notebook)
        if not m:
            raise DatasetError(f"{label}, {where}, column 'notebook': expected a notebook "
                               f"name NN_slug such as '02_scale_and_growth', got "
                               f"{_short(rec.notebook)}")
        if not re.match(rf"{m.group(1)}\.[a-z0-9_]+\Z", rec.conclusion_id):
            raise DatasetError(f"{label}, {where}, column 'conclusion_id': expected "
                               f"'{m.group(1)}.<name>' for notebook {rec.notebook}, got "
                               f"{_short(rec.conclusion_id)}")
        frame = _audit_table(rec.dataset, root, label, where)
        try:
            check_query(rec.query, [str(c) for c in frame.columns],
                        where=f"{label}, {where}, column 'query'")
        except (ValueError, TypeError) as err:
            raise DatasetError(str(err)) from None
        same = (rec.notebook, rec.claim_en, rec.claim_zh)
        if seen.setdefault(rec.conclusion_id, same) != same:
            raise DatasetError(f"{label}, {where}, column 'conclusion_id': "
                               f"{rec.conclusion_id} appears with another notebook or claim; "
                               "the rows of one conclusion share them")
    return reg


def search_log(root=None):
    """The search log ``audit/searches``, checked against the data: one row per search for
    one figure (dataset, row_key, figure, looked_in, searched_on, outcome, found).

    Besides the checks of :func:`load`: ``dataset`` is a course table; ``row_key`` names
    one of its shipped rows (:func:`row_keys`); ``searched_on`` is a real date
    ``YYYY-MM-DD``; a ``found_*`` outcome names in ``found`` the source id(s) found, each in
    sources.csv and cited by that row (the row was updated), with ``found_official`` /
    ``found_mainstream`` matching the best tier found; ``not_found`` leaves ``found``
    empty. A failure is a ``DatasetError`` naming the row and column.

    >>> log = search_log()
    >>> set(log["outcome"]) <= {"found_official", "found_mainstream", "found_second_copy",
    ...                         "not_found"}
    True
    """
    import datetime as dt

    log = load(SEARCHES, root=root, local=False)
    label = f"data/{SEARCHES}.csv"
    tiers = _source_tiers(_root(root))
    keyed: dict[str, dict] = {}
    for n, rec in enumerate(log.itertuples(index=False), start=1):
        where = f"row {n}"
        if rec.dataset not in keyed:
            frame = _audit_table(rec.dataset, root, label, where)
            cols = _source_columns(frame.columns)
            keyed[rec.dataset] = {
                k: {i for c in cols for i in _split_ids(row[c])}
                for k, (_, row) in zip(row_keys(frame), frame[cols].iterrows())}
        rows = keyed[rec.dataset]
        if rec.row_key not in rows:
            shown = ", ".join(list(rows)[:5])
            raise DatasetError(f"{label}, {where}, column 'row_key': {_short(rec.row_key)} is "
                               f"not a row of {rec.dataset} (keys look like {shown}, the "
                               "meta's key columns joined with '|')")
        ok = bool(_ISO_DAY.match(rec.searched_on))
        if ok:
            try:
                dt.date.fromisoformat(rec.searched_on)
            except ValueError:
                ok = False
        if not ok:
            raise DatasetError(f"{label}, {where}, column 'searched_on': expected a date "
                               f"YYYY-MM-DD, got {_short(rec.searched_on)}")
        found = _split_ids(rec.found)
        if rec.outcome == "not_found":
            if found:
                raise DatasetError(f"{label}, {where}, column 'found': must be empty when the "
                                   f"outcome is not_found, got {_short(rec.found)}")
            continue
        if not found:
            raise DatasetError(f"{label}, {where}, column 'found': outcome {rec.outcome} "
                               "needs the source id of what was found")
        for sid in found:
            if sid not in tiers:
                raise DatasetError(f"{label}, {where}, column 'found': unknown source id "
                                   f"{_short(sid)}; add it to data/sources.csv")
            if sid not in rows[rec.row_key]:
                raise DatasetError(f"{label}, {where}, column 'found': {sid} is not cited by "
                                   f"{rec.dataset} row {rec.row_key}; add it to the row's "
                                   "source ids")
        claimed = {"found_official": "official", "found_mainstream": "mainstream"}
        best = _best_tier(found, tiers)
        if rec.outcome in claimed and best != claimed[rec.outcome]:
            raise DatasetError(f"{label}, {where}, column 'outcome': {rec.outcome} but the "
                               f"best source found is {best} ({', '.join(found)})")
    return log


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _figures(frame) -> list[str]:
    """Each row's figure as text, value and unit (``81986.7 亿元``), or the sourced number
    columns named (``length_km=308 km; …``) in tables without a ``value`` column."""
    import pandas as pd

    spec = frame.attrs["meta"]["columns"]
    key = frame.attrs["meta"].get("key", [])
    out = []
    for _, row in frame.iterrows():
        if "value" in frame.columns:
            cols = ["value"]
        else:
            cols = [c for c, s in spec.items() if s["dtype"] in ("int", "float")
                    and s.get("figure", True) and c not in key and c in frame.columns]
        parts = []
        for c in cols:
            v = row[c]
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                continue
            unit = row["unit"] if c == "value" and "unit" in frame.columns and row["unit"] \
                else spec[c].get("unit", "")
            text = f"{_number_text(v)} {unit}".strip()
            parts.append(text if c == "value" else f"{c}={text}")
        out.append("; ".join(parts))
    return out


def conclusion_audit(root=None):
    """One row per (conclusion, data row) of the register (:func:`conclusions`): the rows
    each conclusion's query selects in the shipped table, checked against the course's
    target for conclusion figures: **an official or mainstream source, or two independent
    ones** (:func:`independent_sources`).

    Columns: conclusion_id, notebook, dataset, row_key (:func:`row_keys`), figure (value
    and unit as stored; empty for a row without a number), tier (the row's best tier,
    :func:`row_tiers`), independent_sources, meets_target (bool), searched (the outcomes
    logged for the row in :func:`search_log`, joined with ``;``; empty when none).
    A query that selects no row is a ``DatasetError`` (the register has drifted from the
    data). Local figures are not used: the audit is of the shipped data.

    >>> a = conclusion_audit()
    >>> a.columns.tolist()
    ['conclusion_id', 'notebook', 'dataset', 'row_key', 'figure', 'tier', \
'independent_sources', 'meets_target', 'searched']
    >>> bool((a.loc[a["tier"].isin(["official", "mainstream"]), "meets_target"]).all())
    True
    """
    import pandas as pd

    reg = conclusions(root)
    log = search_log(root)
    outcomes: dict[tuple, list] = {}
    for rec in log.itertuples(index=False):
        outcomes.setdefault((rec.dataset, rec.row_key), []).append(rec.outcome)
    recs = _source_tiers(_root(root))
    rows = []
    for n, rec in enumerate(reg.itertuples(index=False), start=1):
        frame = load(rec.dataset, root=root, local=False)
        used = select_rows(frame, rec.query)
        if used.empty:
            raise DatasetError(f"data/{CONCLUSIONS}.csv, row {n}, column 'query': selects no "
                               f"row of {rec.dataset}; the register no longer matches the data")
        tiers = row_tiers(used, root=root)
        keys = row_keys(used)
        figures = _figures(used)
        cols = _source_columns(used.columns)
        for (idx, row), tier, key, figure in zip(used.iterrows(), tiers, keys, figures):
            ids = [i for c in cols for i in _split_ids(row[c]) if i in recs]
            count = independent_sources(ids, root=root) if ids else 0
            meets = tier in TARGET_TIERS or count >= 2
            rows.append([rec.conclusion_id, rec.notebook, rec.dataset, key, figure, tier,
                         count, meets, ";".join(outcomes.get((rec.dataset, key), []))])
    out = pd.DataFrame(rows, columns=["conclusion_id", "notebook", "dataset", "row_key",
                                      "figure", "tier", "independent_sources",
                                      "meets_target", "searched"])
    out["meets_target"] = out["meets_target"].astype(bool)
    out["independent_sources"] = out["independent_sources"].astype(int)
    return out


def conclusion_summary(audit=None, root=None):
    """Per conclusion: notebook, rows (data rows it uses), meeting (rows that meet the
    target), searched (rows that miss it and have at least one search logged) and neither
    (rows that miss it with no search logged: these break the issue's rule).

    ``audit`` is a table from :func:`conclusion_audit` (computed when omitted).

    >>> s = conclusion_summary()
    >>> bool((s["meeting"] + s["searched"] + s["neither"] == s["rows"]).all())
    True
    """
    import pandas as pd

    a = conclusion_audit(root) if audit is None else audit
    if not isinstance(a, pd.DataFrame) or not {"conclusion_id", "notebook", "meets_target",
                                               "searched"} <= set(a.columns):
        raise TypeError("audit must be a table from cy.datasets.conclusion_audit()")
    rows = []
    for cid, part in a.groupby("conclusion_id", sort=True):
        meets = part["meets_target"].astype(bool)
        logged = part["searched"].fillna("").astype(str) != ""
        rows.append([cid, part["notebook"].iloc[0], len(part), int(meets.sum()),
                     int((~meets & logged).sum()), int((~meets & ~logged).sum())])
    return pd.DataFrame(rows, columns=["conclusion_id", "notebook", "rows", "meeting",
                                       "searched", "neither"])


def conclusion_markdown(root=None, lang: str = "en") -> str:
    """The "Conclusion figures" section of data/README.md (``lang="en"``) or of
    data/README.zh.md (``lang="zh"``): the target, the counts, and one line per conclusion.

    >>> conclusion_markdown().startswith("## Conclusion figures")
    True
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    audit = conclusion_audit(root)
    s = conclusion_summary(audit)
    distinct = len(audit.drop_duplicates(["dataset", "row_key"]))
    total, meet = int(s["rows"].sum()), int(s["meeting"].sum())
    searched, neither = int(s["searched"].sum()), int(s["neither"].sum())
    if lang == "en":
        intro = (
            "The register `audit/conclusions.csv` lists each notebook conclusion, the table "
            "it rests on and a query selecting the rows it uses; `cy.datasets."
            "conclusion_audit()` checks every such row against the target: an official or "
            "mainstream source, or two independent ones (different publishers and texts, "
            "not one text copied twice). A row that misses the target must be listed in "
            "`audit/searches.csv` with where a better source was looked for. "
            f"The {len(s)} conclusions use data rows {total} times ({distinct} distinct rows; "
            "a row two conclusions use counts for each): "
            f"{meet} meet the target, {searched} miss it and are listed as searched, and "
            f"{neither} miss it with no search logged"
            + (" (these still need a search)." if neither else "."))
        head = ("| conclusion | claim | rows | meeting the target | listed as searched "
                "| neither |")
        title = "## Conclusion figures"
    else:
        intro = (
            "登记表 `audit/conclusions.csv` 列出各笔记本的每条结论、所依据的数据表，以及选出"
            "所用数据行的查询条件；`cy.datasets.conclusion_audit()` 逐行核对是否达到目标："
            "有官方或主流媒体来源，或有两个相互独立的来源（发布单位和文本都不同，而不是同一篇文章"
            "的两份转载）。未达到目标的行，必须在 `audit/searches.csv` 中登记查找更好来源的过程。"
            f"{len(s)} 条结论共用到数据行 {total} 次（不重复的数据行 {distinct} 行；"
            f"两条结论用到同一行时各计一次）：{meet} 次达到目标，{searched} 次未达到但已"
            f"登记检索，{neither} 次既未达到目标也没有检索记录"
            + ("（仍需检索）。" if neither else "。"))
        head = "| 结论 | 结论内容 | 行数 | 达到目标 | 已登记检索 | 两者皆无 |"
        title = "## 结论所依据的数据"
    lines = [title, "", textwrap.fill(intro, 92) if lang == "en" else intro, "", head,
             "|---|---|---:|---:|---:|---:|"]
    reg = conclusions(root).drop_duplicates("conclusion_id").set_index("conclusion_id")
    for rec in s.itertuples(index=False):
        claim = reg.loc[rec.conclusion_id, "claim_en" if lang == "en" else "claim_zh"]
        claim = claim.replace("|", "\\|")
        lines.append(f"| `{rec.conclusion_id}` | {claim} | {rec.rows} | {rec.meeting} "
                     f"| {rec.searched} | {rec.neither} |")
    lines.append(f"| **all** | | {total} | {meet} | {searched} | {neither} |")
    return "\n".join(lines) + "\n\n"
