"""Small readers used by the bank's ``expected`` and misconception functions.

They read ``data/`` directly (through :func:`chengyu_lib.datasets.load`), so an exercise
key is always computed from the committed data and never typed in by hand. A single
figure of a table is read with :func:`chengyu_lib.datasets.one`.
"""
from __future__ import annotations


def load(name):
    from .. import datasets

    return datasets.load(name)


def figure(figure_id: str) -> float:
    """A figure printed in the report (base units, e.g. 元)."""
    f = load("article/figures").set_index("figure_id")
    return float(f.loc[figure_id, "value"])


def name_forms(table: str, id_col: str, id_value: str, cols=("name_zh", "name_en",
                                                              "name_pinyin")) -> tuple:
    """Every accepted way to write one name: id, Chinese, English, pinyin (with and
    without tone marks), and the Chinese name with 市 appended."""
    import unicodedata

    df = load(table).set_index(id_col)
    forms = {id_value}
    for c in cols:
        if c in df.columns and df.loc[id_value, c]:
            v = str(df.loc[id_value, c])
            forms.add(v)
            plain = "".join(ch for ch in unicodedata.normalize("NFD", v)
                            if unicodedata.category(ch) != "Mn")
            forms.add(plain)
            if c == "name_zh" and table == "cities":
                forms.add(v + "市")
    return tuple(sorted(forms))


#: the two provinces' names (the course tables name them by id: chongqing, sichuan)
PROVINCE_NAMES = {
    "chongqing": ("重庆", "重庆市", "Chongqing", "Chóngqìng"),
    "sichuan": ("四川", "四川省", "Sichuan", "Sìchuān"),
}


#: the three sectors (三次产业), as the tables name them and as a Chinese text does
SECTOR_NAMES = {
    "primary": ("第一产业", "一产", "Primary industry", "primary sector"),
    "secondary": ("第二产业", "二产", "Secondary industry", "secondary sector"),
    "tertiary": ("第三产业", "三产", "Tertiary industry", "tertiary sector"),
}


def name_aliases() -> dict:
    """Every spelling of every name the course data holds -> its id: cities (id, Chinese
    with and without 市, English, pinyin), delegates (id, Chinese, pinyin), the two
    provinces and the three sectors. The checker compares names through this map, so
    成都, 成都市, Chengdu and Chéngdū are one answer.

    >>> a = name_aliases()
    >>> a["成都市"], a["Deyang"], a["黎勇"], a["四川省"]
    ('chengdu', 'deyang', 'li_yong', 'sichuan')
    """
    out = {}
    for pid, forms in {**PROVINCE_NAMES, **SECTOR_NAMES}.items():
        for f in forms + (pid,):
            out[f] = pid
    for cid in load("cities")["city_id"]:
        for f in name_forms("cities", "city_id", cid):
            out[f] = cid
    for did in load("article/delegates")["delegate_id"]:
        for f in name_forms("article/delegates", "delegate_id", did):
            out[f] = did
    return out
