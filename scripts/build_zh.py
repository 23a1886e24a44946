"""Generate the Chinese edition (中文版) of the course notebooks from the English ones.

    python scripts/build_zh.py                 # write + run every translated notebook
    python scripts/build_zh.py 02 03           # only these notebooks
    python scripts/build_zh.py --no-run        # write without executing
    python scripts/build_zh.py --check         # exit 1 if a translation is missing or stale,
                                               # or a committed zh notebook drifted
    python scripts/build_zh.py --todo 04       # print the English text of every cell of 04
                                               # whose translation is missing or stale
    python scripts/build_zh.py --english       # list English sentences left in the outputs
                                               # of the Chinese notebooks (exit 1 if any)
    python scripts/build_zh.py --import 04 FILE.txt
                                               # store the translations in FILE.txt (the
                                               # --todo output with the English replaced
                                               # by Chinese), recording each en_sha

One source, two editions. ``notebooks/NN_slug.ipynb`` is the source; its Chinese twin
``notebooks/zh/NN_slug.ipynb`` is never edited by hand. It is made of

- every **code cell** of the English notebook, unchanged, except that the first
  ``import chengyu_lib as cy`` gains ``cy.set_language("zh")`` on the next line (so the
  charts, explorers and feedback are Chinese);
- every **text cell** replaced by its translation from
  ``notebooks/zh/_translations/NN_slug.json``::

      {"<cell id>": {"en_sha": "<first 16 hex of sha256 of the English source>",
                     "zh": "<the Chinese Markdown>"}}

  with relative links rewritten for the deeper folder (``../exercises/X`` becomes
  ``../../exercises/zh/X``, ``../data/…`` becomes ``../../data/…``).

``en_sha`` records which English text was translated. When the English cell changes, its
hash no longer matches and the cell counts as untranslated: ``--check`` and
``tests/test_zh_edition.py`` fail until the translation is updated (see docs/translating.md).
A notebook without a translation file is not yet in the Chinese edition and is listed as
such; once its file exists, every text cell must have a current translation.

The exercise notebooks in Chinese (``exercises/zh/``) are written by
``scripts/build_zh.py --exercises`` from the question bank and its translations in
``chengyu_lib/exercise_bank/zh/`` (see :func:`build_exercise`).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOTEBOOKS = ROOT / "notebooks"
ZH = NOTEBOOKS / "zh"
STORE = ZH / "_translations"
EXERCISES = ROOT / "exercises"
EXERCISES_ZH = EXERCISES / "zh"

IMPORT_LINE = "import chengyu_lib as cy"
LANGUAGE_LINE = 'cy.set_language("zh")'


# --------------------------------------------------------------------------- hashing


def en_sha(source: str) -> str:
    """The first 16 hex digits of the SHA-256 of an English cell's source (UTF-8).

    >>> len(en_sha("# Title")), en_sha("# Title") == en_sha("# Title "), en_sha("")
    (16, False, 'e3b0c44298fc1c14')
    """
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- paths


def english_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def find(number: str) -> Path:
    """The English notebook ``NN_*.ipynb`` for ``number`` ('02' or '02_scale_and_growth')."""
    found = [p for p in english_notebooks() if p.stem == number or p.stem[:2] == number]
    if len(found) != 1:
        raise SystemExit(f"notebook {number!r}: expected one notebooks/{number}*.ipynb, "
                         f"found {len(found)}")
    return found[0]


def store_path(stem: str) -> Path:
    return STORE / f"{stem}.json"


def zh_path(stem: str) -> Path:
    return ZH / f"{stem}.ipynb"


def translated_stems() -> list[str]:
    """Notebooks that have a translation file (the Chinese edition so far)."""
    return sorted(p.stem for p in STORE.glob("[0-9][0-9]_*.json"))


def load_store(stem: str) -> dict:
    path = store_path(stem)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def save_store(stem: str, store: dict) -> None:
    STORE.mkdir(parents=True, exist_ok=True)
    ordered = {}
    english = _read(NOTEBOOKS / f"{stem}.ipynb")
    for cell in english.cells:          # keep the file in the notebook's order
        if cell.id in store:
            ordered[cell.id] = store[cell.id]
    for key in store:                   # entries of deleted cells last (reported as unused)
        ordered.setdefault(key, store[key])
    store_path(stem).write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")


def _read(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


# --------------------------------------------------------------------------- rewriting


_LINK = re.compile(r"(\]\(|<img [^>]*src=\")(\.\./[^)\"\s]+)")


def rewrite_links(markdown: str) -> str:
    """Relative links of a notebook in ``notebooks/`` made right for ``notebooks/zh/``.

    Exercise notebooks point to their Chinese twins (to the English ones while a set has
    no Chinese edition yet); everything else one level up.
    Links to sibling notebooks (``01_x.ipynb``) stay: the sibling is the Chinese one.

    >>> rewrite_links("[练习](../exercises/02_scale_and_growth.ipynb) · [数据](../data/README.md)")
    '[练习](../../exercises/zh/02_scale_and_growth.ipynb) · [数据](../../data/README.zh.md)'
    >>> rewrite_links("[下一章](03_inequality_and_primacy.ipynb)")
    '[下一章](03_inequality_and_primacy.ipynb)'
    """
    def repl(m: re.Match) -> str:
        target = m.group(2)
        if target.startswith("../exercises/") and not target.startswith("../exercises/zh/"):
            zh_target = "../exercises/zh/" + target[len("../exercises/"):]
            # until its exercise set is translated, a notebook links the English exercises
            # (the drift check then asks for a rebuild once the Chinese set exists)
            if not target.endswith(".ipynb") or (NOTEBOOKS / zh_target).resolve().is_file():
                target = zh_target
        if target in ("../data/README.md", "../README.md", "../exercises/README.md"):
            target = target[:-len(".md")] + ".zh.md"
        return m.group(1) + "../" + target

    return _LINK.sub(repl, markdown)


def add_language_line(source: str) -> str:
    """``source`` with ``cy.set_language("zh")`` right after ``import chengyu_lib as cy``.

    >>> print(add_language_line("import chengyu_lib as cy\\ncy.plotting.setup()"))
    import chengyu_lib as cy
    cy.set_language("zh")
    cy.plotting.setup()
    """
    lines = source.split("\n")
    if IMPORT_LINE not in lines:
        raise ValueError(f"first code cell must contain the line {IMPORT_LINE!r}")
    i = lines.index(IMPORT_LINE)
    return "\n".join(lines[:i + 1] + [LANGUAGE_LINE] + lines[i + 1:])


def strip_language_line(source: str) -> str:
    """Inverse of :func:`add_language_line` (for comparing the two editions' code)."""
    lines = source.split("\n")
    if IMPORT_LINE in lines:
        i = lines.index(IMPORT_LINE)
        if i + 1 < len(lines) and lines[i + 1] == LANGUAGE_LINE:
            del lines[i + 1]
    return "\n".join(lines)


# --------------------------------------------------------------------------- status


def status(stem: str) -> dict[str, list[str]]:
    """Translation status of one notebook: ``{"missing": [...], "stale": [...],
    "unused": [...]}`` lists of cell ids (empty lists = complete and current).

    *missing*: an English text cell with no translation (or an empty one); *stale*: the
    English source changed since it was translated (``en_sha`` differs); *unused*: a
    translation whose English cell no longer exists or is now a code cell.
    """
    english = _read(NOTEBOOKS / f"{stem}.ipynb")
    store = load_store(stem)
    out: dict[str, list[str]] = {"missing": [], "stale": [], "unused": []}
    text_ids = set()
    for cell in english.cells:
        if cell.cell_type != "markdown":
            continue
        text_ids.add(cell.id)
        entry = store.get(cell.id)
        if not entry or not str(entry.get("zh", "")).strip():
            out["missing"].append(cell.id)
        elif entry.get("en_sha") != en_sha(cell.source):
            out["stale"].append(cell.id)
    out["unused"] = [k for k in store if k not in text_ids]
    return out


# --------------------------------------------------------------------------- build


def build(stem: str):
    """The Chinese notebook of ``stem`` in memory. Raises ValueError naming every cell
    whose translation is missing or stale (a Chinese notebook is never half English)."""
    problems = status(stem)
    bad = problems["missing"] + problems["stale"]
    if bad:
        raise ValueError(f"{stem}: {len(problems['missing'])} text cell(s) without a "
                         f"translation {problems['missing']}, {len(problems['stale'])} "
                         f"stale {problems['stale']}; run scripts/build_zh.py --todo "
                         f"{stem[:2]}")
    english = _read(NOTEBOOKS / f"{stem}.ipynb")
    store = load_store(stem)
    nb = copy.deepcopy(english)
    language_added = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(store[cell.id]["zh"])
            cell.pop("attachments", None)
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if not language_added and IMPORT_LINE in cell.source.split("\n"):
                cell.source = add_language_line(cell.source)
                language_added = True
    if not language_added:
        raise ValueError(f"{stem}: no code cell has the line {IMPORT_LINE!r}")
    nb.metadata.pop("widgets", None)
    nb.metadata["chengyu"] = {"generated_by": "scripts/build_zh.py",
                              "source": f"notebooks/{stem}.ipynb", "language": "zh"}
    return nb


def _cells(nb) -> list[tuple[str, str, str]]:
    return [(c.cell_type, c.get("id", ""), c.source) for c in nb.cells]


def check_notebook(stem: str) -> list[str]:
    """Problems of one notebook of the Chinese edition (empty list = up to date)."""
    rel = f"notebooks/zh/{stem}.ipynb"
    st = status(stem)
    problems = []
    if st["missing"]:
        problems.append(f"{rel}: English text cell(s) without a translation: "
                        f"{', '.join(st['missing'])}")
    if st["stale"]:
        problems.append(f"{rel}: English text changed since translated (stale): "
                        f"{', '.join(st['stale'])}")
    if problems:
        return problems + [f"  -> python scripts/build_zh.py --todo {stem[:2]}, update "
                           f"{store_path(stem).relative_to(ROOT)}, then "
                           f"python scripts/build_zh.py {stem[:2]}"]
    if not zh_path(stem).is_file():
        return [f"{rel}: missing (run scripts/build_zh.py {stem[:2]})"]
    want, got = _cells(build(stem)), _cells(_read(zh_path(stem)))
    if got != want:
        where = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                     min(len(got), len(want)))
        problems.append(f"{rel}: cell {where} differs from what the generator writes; "
                        f"run scripts/build_zh.py {stem[:2]}")
    return problems


def check_all() -> tuple[list[str], list[str]]:
    """(problems, untranslated stems) over the whole Chinese edition."""
    problems = []
    stems = translated_stems()
    for stem in stems:
        if not (NOTEBOOKS / f"{stem}.ipynb").is_file():
            problems.append(f"{store_path(stem).relative_to(ROOT)}: no English notebook "
                            f"notebooks/{stem}.ipynb")
            continue
        problems += check_notebook(stem)
    for extra in sorted(ZH.glob("[0-9][0-9]_*.ipynb")):
        if extra.stem not in stems:
            problems.append(f"notebooks/zh/{extra.name}: has no translation file "
                            f"(generated notebooks only)")
    untranslated = [p.stem for p in english_notebooks() if p.stem not in stems]
    return problems, untranslated


# --------------------------------------------------------------------------- run


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks",
                                                  ROOT / "scripts" / "run_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.run


def _prepare_run_env() -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ["CHENGYU_PROGRESS"] = "off"
    pp = os.environ.get("PYTHONPATH", "")
    if str(ROOT) not in pp.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), pp]))


def write(stems: list[str], execute: bool = True) -> None:
    import nbformat

    ZH.mkdir(parents=True, exist_ok=True)
    if execute:
        _prepare_run_env()
        run = _runner()
    for stem in stems:
        path = zh_path(stem)
        nbformat.write(build(stem), path)
        msg = str(path.relative_to(ROOT))
        if execute:
            msg += f" ... {run(path):.1f} s"
        print(msg, flush=True)


# --------------------------------------------------------------------------- CLI


def todo(stem: str) -> str:
    """The English text of every cell of ``stem`` still to translate, ready to read."""
    english = {c.id: c for c in _read(NOTEBOOKS / f"{stem}.ipynb").cells}
    st = status(stem)
    out = []
    for kind in ("missing", "stale"):
        for cid in st[kind]:
            out.append(f"===== {cid} ({kind}) en_sha={en_sha(english[cid].source)}\n"
                       f"{english[cid].source}\n")
    for cid in st["unused"]:
        out.append(f"===== {cid} (unused: the English cell is gone; delete the entry)\n")
    return "\n".join(out) or f"{stem}: every text cell has a current translation\n"


_HEADER = re.compile(r"^===== (.+?)(?: \((\w+)\))?(?: en_sha=([0-9a-f]{16}))?[ \t]*$", re.M)


def parse_import(text: str) -> dict[str, tuple[str | None, str]]:
    r"""``{cell id: (en_sha named in the header or None, Chinese text)}`` from a file in the
    ``--todo`` layout: a line ``===== <cell id> ... en_sha=<hex>`` before each translation.

    >>> parse_import("===== ab12 (missing) en_sha=0123456789abcdef\n# 标题\n\n===== cd34\n正文\n")
    {'ab12': ('0123456789abcdef', '# 标题'), 'cd34': (None, '正文')}
    """
    heads = list(_HEADER.finditer(text))
    out = {}
    for h, nxt in zip(heads, heads[1:] + [None]):
        body = text[h.end():nxt.start() if nxt else len(text)].strip("\n")
        out[h.group(1)] = (h.group(3), body)
    return out


def import_translations(stem: str, text: str) -> list[str]:
    """Store every translation of an import file; return the ids stored. A block whose
    header names an ``en_sha`` other than the English cell's current one is refused: it
    translates an older English text."""
    english = {c.id: c for c in _read(NOTEBOOKS / f"{stem}.ipynb").cells}
    store = load_store(stem)
    done = []
    for cid, (sha, zh) in parse_import(text).items():
        if cid not in english or english[cid].cell_type != "markdown":
            raise SystemExit(f"{stem}: no text cell with id {cid!r}")
        current = en_sha(english[cid].source)
        if sha is not None and sha != current:
            raise SystemExit(f"{stem}: the translation of {cid} was made from an older "
                             f"English text (en_sha {sha}, now {current}); check it "
                             f"against --todo {stem[:2]} and fix the header")
        if not zh.strip():
            continue
        store[cid] = {"en_sha": current, "zh": zh}
        done.append(cid)
    save_store(stem, store)
    return done


def set_translation(stem: str, cell_id: str, zh: str) -> None:
    """Store ``zh`` as the translation of one text cell, with the current ``en_sha``."""
    english = {c.id: c for c in _read(NOTEBOOKS / f"{stem}.ipynb").cells}
    if cell_id not in english or english[cell_id].cell_type != "markdown":
        raise SystemExit(f"{stem}: no text cell with id {cell_id!r}")
    store = load_store(stem)
    store[cell_id] = {"en_sha": en_sha(english[cell_id].source), "zh": zh.strip("\n")}
    save_store(stem, store)


# --------------------------------------------------------------------------- English left

#: An English sentence: four or more English words in a row, each pair separated by one
#: space and light punctuation, as in prose (a Chinese sentence with an English name or two
#: is not a hit, nor are the columns of a plain-text table, set two or more spaces apart).
_WORD = r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"
_ENGLISH_RUN = re.compile(_WORD + r"(?:[,;:)”\"'’]* [(“\"'‘]*" + _WORD + r"){3,}")

#: What the scan removes before it looks for English sentences. Keep this list small; each
#: entry is a name of code or a fixed piece of a library's output, never a sentence.
ENGLISH_ALLOWED = [
    r"`[^`\n]*`",                                   # code spans
    r"\b(?:https?://|www\.)\S+",                      # addresses
    r"\bseed:\S+",                                   # the course's seed-copy address
    # names of code: snake_case, dotted and slashed names (article/figures, cy.datasets)
    r"\b[A-Za-z0-9]+(?:[_./][A-Za-z0-9]+)+\b",
    r"\bName: [^,\n]*, dtype: \w+|\bdtype: \w+|\bLength: \d+",  # pandas' Series footer
]

#: The bibliographic columns of a ``cy.datasets.cite()`` table: a source's publisher and
#: title are the names of published works, kept as published (an English-language page
#: has an English title), as in any Chinese bibliography.
CITATION_HEADER = ("table", "source_id", "publisher", "title")
CITATION_COLUMNS = ("publisher", "title")


def _html_cells(html: str) -> list[str]:
    """The texts of an HTML output, one per table cell (or the whole text when it has no
    table), with ``<style>`` blocks and tags removed and the citation columns of a
    ``cite()`` table dropped.

    >>> _html_cells("<style>p {color: red}</style><table><thead><tr><th></th><th>a</th>"
    ...             "</tr></thead><tr><th>0</th><td>x &amp; y</td></tr></table>")
    ['', 'a', '0', 'x & y']
    """
    import html as html_lib

    html = re.sub(r"<style.*?</style>|<script.*?</script>", " ", html, flags=re.S | re.I)
    tables = re.findall(r"<table.*?</table>", html, flags=re.S | re.I)
    if not tables:
        return [html_lib.unescape(re.sub(r"<[^>]+>", " ", html))]
    cells = []
    for table in tables:
        rows = [[html_lib.unescape(re.sub(r"<[^>]+>", " ", c)).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S | re.I)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S | re.I)]
        header = next((r for r in rows if all(h in r for h in CITATION_HEADER)), None)
        skip = {header.index(c) for c in CITATION_COLUMNS} if header else set()
        for row in rows:
            cells += [c for i, c in enumerate(row) if i not in skip or row is header]
    return cells


def output_texts(nb) -> list[tuple[int, str]]:
    """(cell index, text) for every text a learner reads in the outputs of ``nb``'s code
    cells: printed text, error messages, and each cell of an HTML table (else the plain
    text of a result). Widgets and images carry no text here."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                found += [(index, line) for line in out.get("text", "").splitlines()]
            elif kind == "error":
                found.append((index, f"{out.get('ename', '')}: {out.get('evalue', '')}"))
            elif "data" in out:
                data = out["data"]
                if "text/html" in data:
                    found += [(index, t) for t in _html_cells(data["text/html"])]
                elif "text/markdown" in data:
                    found.append((index, data["text/markdown"]))
                elif "text/plain" in data and not any(k.startswith(("image/", "application/"))
                                                      for k in data):
                    found += [(index, line) for line in data["text/plain"].splitlines()]
    return found


def english_sentences(text: str) -> list[str]:
    """The English sentences (4+ English words in a row) left in ``text`` once the names
    of code and library output in :data:`ENGLISH_ALLOWED` are removed.

    >>> english_sentences("地区生产总值 81986.67亿元 (current prices) · cy.metrics.cagr")
    []
    >>> english_sentences("城镇化率 The gap in percentage points is a summary")
    ['The gap in percentage points is a summary']
    >>> english_sentences("Name: count, dtype: int64")
    []
    """
    for pattern in ENGLISH_ALLOWED:
        text = re.sub(pattern, " ", text)
    return [m.group(0).strip() for m in _ENGLISH_RUN.finditer(text)]


def english_in_outputs(path: Path) -> list[str]:
    """Every English sentence in the outputs of notebook ``path``, as
    ``"<file> cell <n>: <sentence>"`` (n counts from 0 over all cells)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [f"{name} cell {index}: {sentence}"
            for index, text in output_texts(nb) for sentence in english_sentences(text)]


def zh_notebook_paths() -> list[Path]:
    """Every notebook of the Chinese edition: notebooks/zh, exercises/zh and its
    solutions."""
    return sorted([*ZH.glob("[0-9]*.ipynb"), *EXERCISES_ZH.glob("[0-9]*.ipynb"),
                   *(EXERCISES_ZH / "solutions").glob("[0-9]*.ipynb")])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebook numbers, e.g. 02 03 "
                    "(default: every notebook with a translation file)")
    ap.add_argument("--check", action="store_true", help="exit 1 on a missing or stale "
                    "translation or a drifted zh notebook")
    ap.add_argument("--no-run", action="store_true", help="write without executing")
    ap.add_argument("--todo", metavar="NN", help="show what is left to translate in NN")
    ap.add_argument("--import", dest="import_", nargs=2, metavar=("NN", "FILE"),
                    help="store the translations in FILE (the --todo layout)")
    ap.add_argument("--english", action="store_true", help="list the English sentences "
                    "left in the outputs of the Chinese notebooks (exit 1 if any)")
    ap.add_argument("--exercises", action="store_true",
                    help="the exercise notebooks (exercises/zh/) instead of the course "
                         "notebooks")
    args = ap.parse_args(argv)
    if args.english:
        hits = {p: english_in_outputs(p) for p in zh_notebook_paths()}
        for lines in hits.values():
            print(*lines, sep="\n") if lines else None
        for path, lines in hits.items():
            if lines:
                print(f"{path.relative_to(ROOT)}: {len(lines)}")
        total = sum(map(len, hits.values()))
        print(f"{total} English sentence(s) in the outputs of {len(hits)} Chinese notebooks")
        return 1 if total else 0
    if args.exercises:
        return exercises_main(args)
    if args.todo:
        print(todo(find(args.todo).stem), end="")
        return 0
    if args.import_:
        number, file = args.import_
        stem = find(number).stem
        done = import_translations(stem, Path(file).read_text(encoding="utf-8"))
        print(f"{stem}: stored {len(done)} translation(s)")
        return 0
    if args.check:
        problems, untranslated = check_all()
        for p in problems:
            print(p)
        if untranslated:
            print(f"not yet in the Chinese edition (no translation file): "
                  f"{', '.join(untranslated)}")
        print("Chinese edition up to date" if not problems else
              f"{len(problems)} problem(s) in the Chinese edition")
        return 1 if problems else 0
    stems = [find(n).stem for n in args.notebooks] if args.notebooks else translated_stems()
    write(stems, execute=not args.no_run)
    return 0


# --------------------------------------------------------------------------- exercises

HOW_TO_ZH = (
    "**怎么做。** 每道题都有一个*作答单元格*：把 `...` 换成计算答案的代码，运行它，再运行"
    "下面的 `check(...)` 单元格。`check` 会立即给出反馈：\n\n"
    "- ✔ **正确**；\n"
    "- ✘ **常见误区**：你的答案正是某种常见错误算出的结果，反馈会指出是哪种错误；\n"
    "- ✘ **单位不对**：数值对了，单位错了（百分数与小数、元与亿元……）；\n"
    "- ✘ **类型不对**：例如题目要一个数，你给的是一张表；\n"
    "- ✘ **还不对**：附一条提示；\n"
    "- … **未作答**；✎ **思考题** 是书面回答，不自动评分。\n\n"
    "除非题目另有说明，增长率、比重都写成小数（5% 写作 0.05）。作答的文字不会被当作代码"
    "执行：数字请直接写成数字。`cy.exercises.progress()` 显示你目前的完成情况。")


def _build_exercises_module():
    spec = importlib.util.spec_from_file_location("build_exercises",
                                                  ROOT / "scripts" / "build_exercises.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def exercise_sets() -> list[str]:
    """Exercise sets that have a translation file (the Chinese exercises so far)."""
    from chengyu_lib.exercise_bank import set_ids
    from chengyu_lib.exercise_bank.translation import translation_path

    return [s for s in set_ids() if translation_path(s).is_file()]


def exercise_paths(set_id: str) -> tuple[Path, Path]:
    """``exercises/zh/NN_name.ipynb`` and ``exercises/zh/solutions/NN_name.ipynb``."""
    en, _ = _build_exercises_module().paths(set_id)
    return EXERCISES_ZH / en.name, EXERCISES_ZH / "solutions" / en.name


def build_exercise(set_id: str, solutions: bool):
    """The Chinese exercise (or solution) notebook of a set, in memory: the English one
    from scripts/build_exercises.py with every text cell in Chinese (from the bank's
    translation) and ``cy.set_language("zh")`` in the setup cell. Raises ValueError if a
    text of the set has no current translation."""
    from chengyu_lib import language
    from chengyu_lib.exercise_bank import get_set
    from chengyu_lib.exercise_bank import translation as tr

    st = tr.status(set_id)
    if st["missing"] or st["stale"]:
        raise ValueError(f"exercise set {set_id}: {len(st['missing'])} text(s) without a "
                         f"translation, {len(st['stale'])} stale; run scripts/build_zh.py "
                         f"--exercises --todo {set_id}")
    bx = _build_exercises_module()
    nb = bx.build(set_id, solutions)
    data = get_set(set_id)
    meta, qs = data["SET"], data["QUESTIONS"]
    by_tag = {f"q{i}-{bx._slug(q.id.split('.', 1)[1])}": (i, q)
              for i, q in enumerate(qs, start=1)}
    n_written = sum(q.kind == "reflection" for q in qs)
    previous = language.get_language()
    language.set_language("zh")
    try:
        for cell in nb.cells:
            if cell.cell_type == "code":
                if cell.id == "setup":
                    cell.source = add_language_line(cell.source)
                continue
            if cell.id == "title":
                head = [f"# {'参考答案' if solutions else '练习'} {meta['id']} · "
                        f"{meta['title_zh']}", ""]
                if solutions:
                    head += ["> **教师用书。** 每个作答单元格都给出了一种解法，思考题附参考"
                             "答案。发给学生的副本请删去 `exercises/zh/solutions/`。", ""]
                head += [f"**配套笔记本** `notebooks/zh/{meta['notebook']}.ipynb` · "
                         f"**用时** 约 {meta['minutes']} min · **题目** {len(qs)} 道"
                         f"（{len(qs) - n_written} 道自动检查，{n_written} 道思考题）", "",
                         tr.set_text(set_id, "intro"), "", HOW_TO_ZH]
                cell.source = "\n".join(head)
            elif cell.id == "progress":
                cell.source = (
                    f"## 你的进度\n\n在单元格中运行 `cy.exercises.progress(\"{meta['id']}\")`"
                    f"，可以查看每道题到目前为止的最好结果（运行 "
                    f"`cy.exercises.reset_progress(\"{meta['id']}\")` 则从头开始）。本组练习"
                    f"配套的课程笔记本是 `notebooks/zh/{meta['notebook']}.ipynb`。")
            else:
                tag, _, part = cell.id.rpartition("-")
                i, q = by_tag[tag]
                if part == "prompt":
                    note = " · ✎ 思考题，不自动评分" if q.kind == "reflection" else ""
                    cell.source = (f"## {i} · {tr.text(q, 'title')}\n\n`{q.id}`{note}\n\n"
                                   f"{tr.text(q, 'prompt')}")
                elif part == "model":
                    cell.source = f"**参考答案。** {tr.text(q, 'model_answer')}"
                else:
                    raise ValueError(f"exercise set {set_id}: unknown text cell {cell.id!r}")
    finally:
        language.set_language(previous)
    nb.metadata["chengyu"] = dict(nb.metadata.get("chengyu", {}),
                                  generated_by="scripts/build_zh.py --exercises",
                                  language="zh")
    return nb


def check_exercises(set_ids=None) -> list[str]:
    """Problems of the Chinese exercise notebooks (empty list = up to date)."""
    from chengyu_lib.exercise_bank.translation import status, translation_path

    problems = []
    sets = set_ids or exercise_sets()
    for sid in sets:
        st = status(sid)
        rel = translation_path(sid).relative_to(ROOT)
        for kind in ("missing", "stale", "unused"):
            if st[kind]:
                problems.append(f"{rel}: {kind}: {', '.join(st[kind])}")
        if st["missing"] or st["stale"]:
            problems.append(f"  -> python scripts/build_zh.py --exercises --todo {sid}")
            continue
        for path, sol in zip(exercise_paths(sid), (False, True)):
            prel = path.relative_to(ROOT)
            if not path.is_file():
                problems.append(f"{prel}: missing (run scripts/build_zh.py --exercises {sid})")
                continue
            if _cells(_read(path)) != _cells(build_exercise(sid, sol)):
                problems.append(f"{prel}: differs from what the generator writes; run "
                                f"scripts/build_zh.py --exercises {sid}")
    if not set_ids:
        expected = {p for sid in sets for p in exercise_paths(sid)}
        for folder in (EXERCISES_ZH, EXERCISES_ZH / "solutions"):
            for extra in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
                if extra not in expected:
                    problems.append(f"{extra.relative_to(ROOT)}: not generated (no "
                                    f"translation file for its set)")
    return problems


def exercise_todo(set_id: str) -> str:
    """The English of every text of a set still to translate, in the --import layout."""
    from chengyu_lib.exercise_bank import get_set
    from chengyu_lib.exercise_bank import translation as tr

    data = get_set(set_id)
    english = {f"SET:{f}": t for f, t in tr.set_fields(data["SET"]).items()}
    for q in data["QUESTIONS"]:
        english.update({f"{q.id}:{f}": t for f, t in tr.english_fields(q).items()})
    st = tr.status(set_id)
    out = [f"===== {k} ({kind}) en_sha={tr.en_sha(english[k])}\n{english[k]}\n"
           for kind in ("missing", "stale") for k in st[kind]]
    out += [f"===== {k} (unused: the English text is gone; delete the entry)\n"
            for k in st["unused"]]
    return "\n".join(out) or f"set {set_id}: every text has a current translation\n"


def import_exercise_translations(set_id: str, text: str) -> list[str]:
    """Store the translations of an import file (``===== <question id>:<field>`` headers);
    refuses a block whose header names an outdated ``en_sha``."""
    from chengyu_lib.exercise_bank import get_set
    from chengyu_lib.exercise_bank import translation as tr

    data = get_set(set_id)
    english = {("SET", f): t for f, t in tr.set_fields(data["SET"]).items()}
    for q in data["QUESTIONS"]:
        english.update({(q.id, f): t for f, t in tr.english_fields(q).items()})
    path = tr.translation_path(set_id)
    store = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    done = []
    for name, (sha, zh) in parse_import(text).items():
        key, _, field = name.partition(":")
        if (key, field) not in english:
            raise SystemExit(f"set {set_id}: no text {name!r} (expected <question id>:"
                             f"<field> or SET:intro)")
        current = tr.en_sha(english[(key, field)])
        if sha is not None and sha != current:
            raise SystemExit(f"set {set_id}: the translation of {name} was made from an "
                             f"older English text (en_sha {sha}, now {current})")
        if zh.strip():
            store.setdefault(key, {})[field] = {"en_sha": current, "zh": zh}
            done.append(name)
    order = ["SET"] + [q.id for q in data["QUESTIONS"]]
    ordered = {k: store[k] for k in order if k in store}
    ordered.update({k: v for k, v in store.items() if k not in ordered})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return done


def exercises_main(args) -> int:
    import nbformat

    from chengyu_lib.exercise_bank import set_ids

    unknown = [s for s in args.notebooks + ([args.todo] if args.todo else [])
               + ([args.import_[0]] if args.import_ else []) if s not in set_ids()]
    if unknown:
        raise SystemExit(f"unknown exercise set(s) {unknown}; known: {set_ids()}")
    if args.todo:
        print(exercise_todo(args.todo), end="")
        return 0
    if args.import_:
        sid, file = args.import_
        done = import_exercise_translations(sid, Path(file).read_text(encoding="utf-8"))
        print(f"set {sid}: stored {len(done)} translation(s)")
        return 0
    if args.check:
        problems = check_exercises(args.notebooks or None)
        for p in problems:
            print(p)
        print("Chinese exercises up to date" if not problems else
              f"{len(problems)} problem(s) in the Chinese exercises")
        return 1 if problems else 0
    sets = args.notebooks or exercise_sets()
    if not args.no_run:
        _prepare_run_env()
        run = _runner()
    for sid in sets:
        for path, sol in zip(exercise_paths(sid), (False, True)):
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(build_exercise(sid, sol), path)
            msg = str(path.relative_to(ROOT))
            if not args.no_run:
                msg += f" ... {run(path):.1f} s"
            print(msg, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
