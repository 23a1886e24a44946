"""Write data/README.zh.md (课程数据说明, the Chinese twin of data/README.md) from the
datasets themselves, so the Chinese catalogue cannot drift either. The section on the
figures behind the notebooks' conclusions comes from ``cy.datasets.conclusion_markdown``.

Usage: python scripts/build_data_readme_zh.py   (tests/test_zh_edition.py checks the file
is up to date)

The catalogue (Chinese title, what it holds, rows, years, sources, columns) is computed
from the tables and their meta files; the rules above it are written here in Chinese. The
long per-table caveats stay in the meta files, which are in English (data/README.md and
``cy.datasets.describe(name)`` print them).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INTRO = """# 课程数据 · Course data

[English](README.md) · 中文

这里的每一张表都是 UTF-8 编码的 CSV 文件，旁边附有一个说明文件（`<表名>.meta.json`）：写明一行代表什么、
每一列的类型、单位和取值范围、主键以及注意事项。用 `cy.datasets.load(name)` 读取一张表；每次读取都会按说明
逐项核验，只要有一处不符，整张表都会被拒绝。每一行含数字的数据都带有 `source_id`，可以在 `sources.csv`
中查到发布单位、标题、日期、网址，以及来源中写明该数字的原话。

始终遵守的规则：

- 找不到的数字就保持**缺失**（空单元格或不设这一行），并在该表的注意事项中写明。任何数字都不估算、不插值，
  也不把推算结果存入数据表。
- 官方统计数据会修订：同一数字有多个核算阶段（`preliminary` 初步核算、`final` 最终核实、`revised` 修订、
  `census` 经济普查、`as_reported` 原文刊印）时，每个阶段各占一行。
- 除非 `boundary` 列另有说明，“重庆”指重庆市全市（主城都市区是更小的单元）。成渝地区双城经济圈只包括重庆的一部分
  （27 个区县，加上开州、云阳的部分地区）和四川的 15 个市。
- 报道原文不保存：`article/` 中只有报道的事实（人名、职务、原文刊印的数字、简短的关键词句）和课程自己撰写的概述。
- 原始网页无法访问时，数字取自转载的副本：来源的发布单位一栏会注明（如“转载于 ……”），相关行的备注也会说明，
  方便教师日后换成更好的版本。

每张表的注意事项见文末“各表的注意事项”（笔记本中用 `cy.datasets.caveats(name)`）；列的详细说明目前只有
英文，见 [README.md](README.md)，或在笔记本中运行 `cy.datasets.describe(name)`；全部来源：`cy.datasets.sources()`。

本文件由 `python scripts/build_data_readme_zh.py` 根据数据表和说明文件生成，请勿手工修改。

## 数据表目录

| 数据表 | 内容 | 行数 | 年份 | 来源数 | 列 |
|---|---|---|---|---|---|
"""


def _years(name: str) -> str:
    import chengyu_lib as cy

    df = cy.datasets.load(name)
    if "year" not in df.columns:
        return "—"
    years = df["year"].dropna()
    if years.empty:
        return "—"
    lo, hi = int(years.min()), int(years.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def render() -> str:
    import chengyu_lib as cy

    rows = []
    for r in cy.datasets.catalog().itertuples():
        cols = ", ".join(f"`{c}`" for c in cy.datasets.load(r.dataset).columns
                         if c != "source_id")
        rows.append(f"| `{r.dataset}` | {r.title_zh} | {r.rows} | {_years(r.dataset)} | "
                    f"{r.sources} | {cols} |")
    head, catalogue = INTRO.split("## 数据表目录", 1)
    return (head + cy.datasets.conclusion_markdown(lang="zh") + "## 数据表目录" + catalogue
            + "\n".join(rows) + "\n" + _caveats())


def _caveats() -> str:
    """The caveats of every table, in Chinese."""
    import chengyu_lib as cy
    from chengyu_lib import language

    before = language.get_language()
    language.set_language("zh")
    try:
        parts = ["\n## 各表的注意事项\n"]
        for name in cy.datasets.names():
            notes = cy.datasets.caveats(name)
            if notes:
                title = cy.datasets.load(name).attrs["meta"].get("title_zh", "")
                parts.append(f"\n### `{name}` · {title}\n\n" + "\n".join(f"- {c}" for c in notes)
                             + "\n")
    finally:
        language.set_language(before)
    return "".join(parts)


if __name__ == "__main__":
    out = ROOT / "data" / "README.zh.md"
    out.write_text(render(), encoding="utf-8")
    print(f"wrote {out}")
