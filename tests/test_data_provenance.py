"""Provenance of every figure in ``data/``: the promise is that each number carries a source id
that resolves to publisher, title, date, address and *the quote that states it*.

The checks here can fail:

* every figure cell (a numeric column that is a sourced figure and not part of the key) must be
  printed in the ``quote`` of at least one of the row's source ids — as the same number, or as
  the same amount in another printed scale (``129.4万亿元`` for 1294000 亿元, ``3.6万亿元`` for
  3.6e12 元, ``2.32 million`` for 232 万辆), matched as a whole number token (6.5 never matches
  16.5 or 6.53);
* a short, explicit allow-list names the few figures a quote states in another form, with why;
* no source comes from a forbidden site, every address is http(s) except the report's own
  ``seed:`` copy, and every publication date parses and is not after the day it was read.
"""
from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path


import chengyu_lib as cy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

FORBIDDEN = ("nianjianbao.com", "fengdujob.net", "sdbbjss.com", "uncleroast.com.tw",
             "github.com/ludan-daye/china-gdp-2015-2024")

#: Columns whose figure is sourced by another id column than ``source_id``.
SOURCE_COLUMN = {
    ("cities", "lat"): "coord_source_id",
    ("cities", "lon"): "coord_source_id",
    ("cities", "adcode"): "adcode_source_id",
}

#: (dataset, key of the row as a tuple of str, column) -> why the quote states the figure in a
#: form the matcher cannot read. Keep this short: fix quotes and data instead.
ALLOWED: dict[tuple, str] = {
}

# --------------------------------------------------------------------------- the matcher

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_TRAD = str.maketrans({"萬": "万", "億": "亿", "兩": "两"})
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
# a Chinese numeral is only read as a number when a measure word or a scale follows it
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+(?=[万亿个项年名家批条件人辆台倍座所次位期天月倍种类])")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")

#: absolute size of one stored unit, for units that carry a scale
_UNIT_SCALE = {"元": 1, "万元": Decimal(10) ** 4, "亿元": Decimal(10) ** 8,
               "万亿元": Decimal(10) ** 12, "万人": Decimal(10) ** 4, "万辆": Decimal(10) ** 4,
               "万件": Decimal(10) ** 4, "万件次": Decimal(10) ** 4,
               "万件 or 万件次": Decimal(10) ** 4, "万平方公里": Decimal(10) ** 4,
               "万台": Decimal(10) ** 4, "人": 1, "辆": 1}
#: how a scaled amount may be printed: the words that must follow the number
_SCALES = [(("万亿", "萬億", "trillion"), Decimal(10) ** 12),
           (("亿",), Decimal(10) ** 8),
           (("万",), Decimal(10) ** 4),
           (("million",), Decimal(10) ** 6),
           (("billion",), Decimal(10) ** 9),
           (("trillion",), Decimal(10) ** 12)]


def _cn_to_int(run: str) -> int | None:
    """'三' -> 3, '八十' -> 80, '二十七' -> 27, '一千' -> 1000; None when not a plain numeral."""
    total, digit = 0, None
    for ch in run:
        if ch in _CN_DIGIT:
            if digit is not None:
                return None
            digit = _CN_DIGIT[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
    return total + (digit or 0)


def normalise(text: str) -> str:
    """Quote text with ASCII digits, simplified scale words, no thousands separators and
    simple Chinese numerals before a measure word turned into digits."""
    text = text.translate(_FULLWIDTH).translate(_TRAD)
    text = re.sub(r"(?<=\d)\s*per\s?cent", "%", text)
    text = re.sub(r"(?<=\d)[,\s](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)

    def cn(m):
        n = _cn_to_int(m.group(0))
        return m.group(0) if n is None else str(n)

    return _CN_RUN.sub(cn, text)


def tokens(text: str) -> list[tuple[Decimal, str]]:
    """Every number in ``text`` with the (lower-cased, spaceless) words right after it."""
    text = normalise(text)
    return [(Decimal(m.group(0)), text[m.end():m.end() + 12].lower().lstrip())
            for m in _NUMBER.finditer(text)]


#: words that change a bare number's size or unit; a number printed in the stored unit (or as
#: an absolute amount) must not be followed by one, unless the stored unit starts with it
_SIZE_WORDS = ("万亿", "亿", "万", "千", "百万", "million", "billion", "trillion", "小时",
               "个小时", "hour", "%")


def printed_forms(value: float, unit: str | None) -> list[tuple[Decimal, tuple[str, ...], str]]:
    """Numbers under which ``value`` (in ``unit``) may be printed: (number, words one of which
    must follow it, or () when the bare number is enough, the unit the bare number is in)."""
    unit = (unit or "").strip()
    v = Decimal(repr(float(value)))
    forms = [(v, (), unit)]
    if unit in ("min", "分钟"):  # 120 min may be printed as 2小时
        forms.append((v / 60, ("小时", "个小时", "h", "hour"), ""))
    scale = _UNIT_SCALE.get(unit)
    if scale is not None:
        absolute = v * scale
        forms.append((absolute, (), ""))
        for words, factor in _SCALES:
            forms.append((absolute / factor, words, ""))
    return forms


def states(quote: str, value: float, unit: str | None) -> bool:
    """True when ``quote`` prints ``value`` (in ``unit``) as a whole number token.

    >>> states("GDP达到81986.67亿元", 81986.67, "亿元")
    True
    >>> states("为129.4万亿元", 1294000, "亿元"), states("增长16.5%", 6.5, "%")
    (True, False)
    >>> states("达6.53", 6.5, "%"), states("增长15%", 15.0, "%"), states("三年行动", 3, "年")
    (False, True, True)
    >>> states("约2小时", 2, "min"), states("约2小时", 120, "min")
    (False, True)
    """
    found = tokens(quote)
    for number, words, bare_unit in printed_forms(value, unit):
        for got, after in found:
            if got != number:
                continue
            after = after.lstrip("余多")  # 1500余万件: the scale word still counts
            if words:
                if after.startswith(words):
                    return True
            elif not any(after.startswith(w) and not bare_unit.lower().startswith(w)
                         for w in _SIZE_WORDS):
                return True
    return False


# --------------------------------------------------------------------------- the data


def _sources() -> dict[str, dict]:
    with open(DATA / "sources.csv", encoding="utf-8", newline="") as fh:
        return {r["source_id"]: r for r in csv.DictReader(fh)}


SOURCES = _sources()


def _figure_cells():
    """(dataset, key, column, value, unit, source ids) for every figure in data/."""
    for name in cy.datasets.names(DATA):
        meta = json.loads((DATA / f"{name}.meta.json").read_text(encoding="utf-8"))
        cols = meta["columns"]
        key = meta.get("key", [])
        ind = meta.get("indicators") or {}
        unit_col = ind.get("unit_column", "unit")
        figures = [c for c, s in cols.items() if s["dtype"] in ("int", "float")
                   and s.get("figure", True) and c not in key]
        with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {k: (v or "").strip() for k, v in row.items()}
                for col in figures:
                    if row[col] == "":
                        continue
                    unit = row.get(unit_col) if unit_col in row else cols[col].get("unit")
                    sids = [s.strip() for s in row[SOURCE_COLUMN.get((name, col), "source_id")]
                            .split(";") if s.strip()]
                    yield (name, tuple(row[k] for k in key), col,
                           float(row[col].replace(",", "")), unit, sids)


CELLS = list(_figure_cells())


def test_there_are_figures_to_check():
    assert len(CELLS) > 300


def test_every_figure_is_stated_by_a_quote_of_its_sources():
    missing = []
    for name, key, col, value, unit, sids in CELLS:
        if (name, key, col) in ALLOWED:
            continue
        if not any(states(SOURCES[s]["quote"], value, unit) for s in sids if s in SOURCES):
            missing.append(f"{name} {key} {col}={value:g} {unit or ''} [{';'.join(sids)}]")
    assert not missing, (f"{len(missing)} figure(s) not stated in any quote of their "
                         "sources:\n" + "\n".join(missing))


def test_allow_list_is_short_explained_and_still_needed():
    assert len(ALLOWED) <= 8
    cells = {(n, k, c): (v, u, s) for n, k, c, v, u, s in CELLS}
    for where, why in ALLOWED.items():
        assert where in cells, f"allow-listed {where} is not a figure in data/ any more"
        assert len(why) > 20, f"allow-listed {where} needs a reason"
        v, u, sids = cells[where]
        assert not any(states(SOURCES[s]["quote"], v, u) for s in sids), (
            f"allow-listed {where} is now stated literally: drop it from ALLOWED")


def test_matcher_reads_printed_forms_and_rejects_near_misses():
    assert states("地区生产总值81986.7亿元", 81986.7, "亿元")
    assert states("修订为129.4万亿元", 1294000, "亿元")
    assert states("共列项目300个、总投资约3.6万亿元", 3.6e12, "元")
    assert states("共列项目300个", 300, "个")
    assert states("增长15%", 15.0, "%")
    assert states("总投资1,403.18亿元", 1403.18, "亿元")
    assert states("２．３２ million vehicles", 232, "万辆")
    assert states("2.32 million vehicles", 232, "万辆")
    assert states("超過1500萬件次", 1500, "万件次")
    assert states("近6.3万亿元", 63000, "亿元")
    assert states("时速200公里 … 2小时", 120, "min")
    assert not states("时速200公里 … 2小时", 2, "min")
    assert not states("1个半小时", 60, "min")
    assert not states("占全国的6.3%", 63000, "亿元")
    assert not states("占全国的6.3%", 6.3, "亿元")
    assert not states("办件量达1500余万件", 1500, "件")
    assert not states("增长16.5%", 6.5, "%")
    assert not states("增长6.53%", 6.5, "%")
    assert not states("增长6.5%", 65, "%")
    assert not states("81986.67万亿元", 81986.67, "亿元")
    assert states("9874.50萬人", 9874.5, "万人")
    assert not states("2015年", 20.15, "%")


# --------------------------------------------------------------------------- the sources


def test_no_source_from_a_forbidden_site():
    bad = [(sid, r["url"]) for sid, r in SOURCES.items()
           if any(site in r["url"].lower() for site in FORBIDDEN)]
    assert not bad


def test_every_address_is_http_except_the_reports_own_copy():
    not_http = {sid for sid, r in SOURCES.items()
                if not re.match(r"^https?://\S+$", r["url"])}
    assert not_http == {"art-report"}
    assert SOURCES["art-report"]["url"].startswith("seed:")


def _period_start(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def test_every_date_parses_and_is_not_after_it_was_read():
    for sid, r in SOURCES.items():
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date"]), sid
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["accessed"]), sid
        published, read = _period_start(r["date"]), date.fromisoformat(r["accessed"])
        assert published <= read, f"{sid}: published {r['date']} after read {r['accessed']}"


def test_city_coordinates_are_the_pair_printed_for_that_city():
    """A coordinate quote lists many cities: check the pair sits under the city's own name."""
    with open(DATA / "cities.csv", encoding="utf-8", newline="") as fh:
        cities = list(csv.DictReader(fh))
    for c in cities:
        quote = normalise(SOURCES[c["coord_source_id"]]["quote"])
        m = re.search(r'"' + re.escape(c["name_zh"]) + r'市": \[([\d.]+), ([\d.]+)\]', quote)
        assert m, f"{c['city_id']}: no coordinate pair for {c['name_zh']}市 in the quote"
        assert (Decimal(m.group(1)), Decimal(m.group(2))) == (Decimal(c["lon"]),
                                                              Decimal(c["lat"])), c["city_id"]


def test_the_check_fails_when_a_figure_is_changed():
    """Mutation check: raise every figure by 10 % and no quote may state it any more."""
    still = []
    for name, key, col, value, unit, sids in CELLS:
        wrong = float(Decimal(repr(value)) * Decimal("1.1"))
        if any(states(SOURCES[s]["quote"], wrong, unit) for s in sids if s in SOURCES):
            still.append(f"{name} {key} {col}")
    assert not still, still
