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
