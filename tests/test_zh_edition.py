"""The Chinese edition (notebooks/zh, exercises/zh) never falls behind the English one.

- every text cell of a translated notebook has a *current* translation (its ``en_sha`` is
  the hash of today's English source), and the drift check really fails when the English
  changes (shown on a temporary copy);
- each committed zh notebook is exactly what scripts/build_zh.py writes;
- the code of the two editions is the same, but for ``cy.set_language("zh")`` after the
  import in the first code cell;
- a translation keeps the English cell's numbers and code names, and is Chinese.

``pytest --nbval`` runs notebooks/zh like every other notebook (testpaths include
notebooks/ recursively).
"""
from __future__ import annotations

import doctest
import importlib.util
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_zh", ROOT / "scripts" / "build_zh.py")
build_zh = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_zh)

#: notebooks whose Chinese edition is committed (more join as they are translated)
TRANSLATED = ["00_start_here", "01_report_as_data", "02_scale_and_growth",
              "03_inequality_and_primacy", "04_industrial_overlap"]

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_build_zh_doctests():
    result = doctest.testmod(build_zh)
    assert result.attempted >= 5 and result.failed == 0


def test_translated_notebooks_are_in_the_edition():
    assert set(TRANSLATED) <= set(build_zh.translated_stems())


def test_whole_edition_is_current():
    problems, _ = build_zh.check_all()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("stem", build_zh.translated_stems())
def test_no_missing_or_stale_translation(stem):
    st = build_zh.status(stem)
    assert st == {"missing": [], "stale": [], "unused": []}, (
        f"{stem}: {st}; see docs/translating.md (python scripts/build_zh.py --todo "
        f"{stem[:2]})")


@pytest.mark.parametrize("stem", build_zh.translated_stems())
def test_code_of_both_editions_is_the_same(stem):
    en = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    zh = nbformat.read(ROOT / "notebooks" / "zh" / f"{stem}.ipynb", as_version=4)
    assert [(c.cell_type, c.id) for c in zh.cells] == [(c.cell_type, c.id) for c in en.cells]
    en_code = [c.source for c in en.cells if c.cell_type == "code"]
    zh_code = [c.source for c in zh.cells if c.cell_type == "code"]
    assert [build_zh.strip_language_line(s) for s in zh_code] == en_code
    changed = [i for i, (a, b) in enumerate(zip(en_code, zh_code)) if a != b]
    first_import = next(i for i, s in enumerate(en_code)
                        if build_zh.IMPORT_LINE in s.split("\n"))
    assert changed == [first_import]
    assert zh_code[first_import].count(build_zh.LANGUAGE_LINE) == 1


def _numbers(text: str) -> set[str]:
    """Numbers with two or more digits (1,234.5 → '1234.5'), outside links and outside
    English glosses of Chinese units ("100 million yuan" for 亿元, "10,000 people" for
    万人), which a Chinese text does not need."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\d[\d,]*(?:\.\d+)? (?:million|billion|trillion|people)\b", "", text)
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*\.?\d+", text)
            if len(re.sub(r"\D", "", n)) >= 2}


def _latin(text: str) -> int:
    """Latin letters outside code spans, formulas and links: what is left of English."""
    text = re.sub(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)", "", text, flags=re.S)
    return len(re.findall(r"[A-Za-z]", text))


def _code_spans(text: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", text))


def _pairs():
    for stem in build_zh.translated_stems():
        en = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        store = build_zh.load_store(stem)
        for cell in en.cells:
            if cell.cell_type == "markdown" and cell.id in store:
                yield pytest.param(cell.source, store[cell.id]["zh"], id=f"{stem}-{cell.id}")


@pytest.mark.parametrize("en, zh", list(_pairs()))
def test_translation_keeps_numbers_and_code_and_is_chinese(en, zh):
    lost = _numbers(en) - _numbers(zh)
    assert not lost, f"numbers of the English missing from the Chinese: {sorted(lost)}"
    lost = _code_spans(en) - _code_spans(zh)
    assert not lost, f"code names of the English missing from the Chinese: {sorted(lost)}"
    assert CJK.search(zh) and _latin(zh) < max(_latin(en), 1), "the translation is not Chinese"


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of notebook 00's two editions in a temporary tree, with build_zh pointed
    at it."""
    stem = TRANSLATED[0]
    nbs = tmp_path / "notebooks"
    (nbs / "zh" / "_translations").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / f"{stem}.ipynb", nbs)
    shutil.copy(ROOT / "notebooks" / "zh" / f"{stem}.ipynb", nbs / "zh")
    shutil.copy(build_zh.store_path(stem), nbs / "zh" / "_translations")
    (tmp_path / "exercises" / "zh").mkdir(parents=True)      # its links resolve as in the repo
    shutil.copy(ROOT / "exercises" / "zh" / f"{stem}.ipynb", tmp_path / "exercises" / "zh")
    monkeypatch.setattr(build_zh, "ROOT", tmp_path)
    monkeypatch.setattr(build_zh, "NOTEBOOKS", nbs)
    monkeypatch.setattr(build_zh, "ZH", nbs / "zh")
    monkeypatch.setattr(build_zh, "STORE", nbs / "zh" / "_translations")
    return stem, nbs


def test_changing_the_english_makes_the_check_fail(sandbox):
    stem, nbs = sandbox
    assert build_zh.check_notebook(stem) == []
    path = nbs / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nA new English sentence."
    nbformat.write(nb, path)
    assert build_zh.status(stem)["stale"] == [cell.id]
    problems = build_zh.check_notebook(stem)
    assert problems and "stale" in problems[0] and cell.id in problems[0]
    with pytest.raises(ValueError, match="stale"):
        build_zh.build(stem)
    # the workflow of docs/translating.md: --todo, translate, --import
    todo = build_zh.todo(stem)
    assert "A new English sentence." in todo and f"===== {cell.id} (stale)" in todo
    old = build_zh.load_store(stem)[cell.id]["zh"]
    sha = build_zh.en_sha(cell.source)
    build_zh.import_translations(stem, f"===== {cell.id} (stale) en_sha={sha}\n{old}\n\n"
                                       "新增的一句。\n")
    assert build_zh.status(stem)["stale"] == []
    # the committed zh notebook is now behind the generator
    assert any("differs" in p for p in build_zh.check_notebook(stem))


def test_a_new_english_cell_is_missing_and_import_refuses_old_hash(sandbox):
    stem, nbs = sandbox
    path = nbs / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    new = nbformat.v4.new_markdown_cell("## A new section")
    new.id = "newcell1"
    nb.cells.insert(1, new)
    nbformat.write(nb, path)
    assert build_zh.status(stem)["missing"] == ["newcell1"]
    with pytest.raises(SystemExit, match="older English"):
        build_zh.import_translations(stem, "===== newcell1 (missing) en_sha=0000000000000000"
                                     "\n## 新的一节\n")
    assert build_zh.import_translations(stem, "===== newcell1\n## 新的一节\n") == ["newcell1"]
    assert build_zh.status(stem)["missing"] == []


def test_a_code_change_in_the_zh_notebook_is_caught(sandbox):
    stem, nbs = sandbox
    path = nbs / "zh" / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "code"][1]
    cell.source += "\nprint('edited by hand')"
    nbformat.write(nb, path)
    assert any("differs" in p for p in build_zh.check_notebook(stem))


def test_generated_links_point_into_the_zh_tree():
    for stem in build_zh.translated_stems():
        nb = json.loads((ROOT / "notebooks" / "zh" / f"{stem}.ipynb").read_text("utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for target in re.findall(r"\]\(([^)#\s]+)", "".join(cell["source"])):
                if "://" in target:
                    continue
                path = (ROOT / "notebooks" / "zh" / target).resolve()
                assert path.is_relative_to(ROOT) and path.exists(), target
                if "exercises/" in target and (ROOT / "exercises" / "zh" / path.name).exists():
                    assert target.startswith("../../exercises/zh/"), target


# --------------------------------------------------------------------------- exercises

#: exercise sets whose Chinese edition is committed (more join as they are translated)
TRANSLATED_SETS = ["00", "01", "02", "03", "04"]


def test_translated_sets_are_in_the_edition():
    assert set(TRANSLATED_SETS) <= set(build_zh.exercise_sets())


def test_chinese_exercises_are_current():
    problems = build_zh.check_exercises()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("set_id", build_zh.exercise_sets())
def test_exercise_code_of_both_editions_is_the_same(set_id):
    from chengyu_lib.exercise_bank import get_set

    meta = get_set(set_id)["SET"]
    name = f"{meta['id']}_{meta['name']}.ipynb"
    for en_path, zh_path in [(ROOT / "exercises" / name, ROOT / "exercises" / "zh" / name),
                             (ROOT / "exercises" / "solutions" / name,
                              ROOT / "exercises" / "zh" / "solutions" / name)]:
        en = nbformat.read(en_path, as_version=4)
        zh = nbformat.read(zh_path, as_version=4)
        assert [(c.cell_type, c.id) for c in zh.cells] == [(c.cell_type, c.id)
                                                           for c in en.cells]
        pairs = [(a.source, b.source) for a, b in zip(en.cells, zh.cells)
                 if a.cell_type == "code"]
        assert [a for a, _ in pairs] == [build_zh.strip_language_line(b) for _, b in pairs]
        assert sum(a != b for a, b in pairs) == 1
        texts = [c.source for c in zh.cells if c.cell_type == "markdown"]
        assert all(CJK.search(t) for t in texts)


def _exercise_pairs():
    from chengyu_lib.exercise_bank import get_set
    from chengyu_lib.exercise_bank import translation as tr

    for sid in build_zh.exercise_sets():
        store = tr.load(sid)
        for q in get_set(sid)["QUESTIONS"]:
            for field, en in tr.english_fields(q).items():
                if field in store.get(q.id, {}):
                    yield pytest.param(en, store[q.id][field]["zh"], id=f"{q.id}:{field}")


@pytest.mark.parametrize("en, zh", list(_exercise_pairs()))
def test_exercise_translation_keeps_numbers_and_code(en, zh):
    lost = _numbers(en) - _numbers(zh)
    assert not lost, f"numbers of the English missing from the Chinese: {sorted(lost)}"
    lost = _code_spans(en) - _code_spans(zh)
    assert not lost, f"code names of the English missing from the Chinese: {sorted(lost)}"
    assert CJK.search(zh) and _latin(zh) < max(_latin(en), 1), "the translation is not Chinese"


@pytest.fixture
def zh_language():
    from chengyu_lib import language

    before = language.get_language()
    language.set_language("zh")
    yield
    language.set_language(before)


def test_check_gives_the_chinese_hint_and_mistake(zh_language):
    import chengyu_lib as cy
    from chengyu_lib.exercise_bank import question
    from chengyu_lib.exercise_bank import translation as tr
    from chengyu_lib.exercises import check

    store = tr.load("00")
    fb = check("00.delegates", len(cy.article.proposals()))
    assert fb.status == "misconception"
    assert store["00.delegates"]["misconceptions.counted proposals"]["zh"] in fb.message
    assert fb.hint == store["00.delegates"]["hints.0"]["zh"]
    assert tr.text(question("00.delegates"), "prompt") == store["00.delegates"]["prompt"]["zh"]


@pytest.mark.parametrize("how", ["right", "higher", "sign", "rounded", "text", "unanswered"])
def test_check_feedback_is_chinese_in_zh_and_bilingual_label_in_en(how):
    from chengyu_lib import language
    from chengyu_lib.exercise_bank import question
    from chengyu_lib.exercises import check

    k = question("02.cagr").key()
    answer = {"right": k, "higher": 1.5 * k, "sign": -k, "rounded": round(k, 2),
              "text": "abc", "unanswered": None}[how]
    from chengyu_lib.exercises import STATUSES

    before = language.get_language()
    try:
        language.set_language("zh")
        zh = check("02.cagr", answer, record=False)
        zh_text, zh_html = str(zh), zh._repr_html_()
        language.set_language("en")
        en = check("02.cagr", answer, record=False)
        en_text = str(en)
    finally:
        language.set_language(before)
    assert zh.status == en.status
    sym, label_zh, label_en = STATUSES[zh.status][:3]
    # English keeps both labels ("正确 Correct"); Chinese shows the Chinese label only
    assert en_text.splitlines()[0] == f"{sym} 02.cagr · {label_zh} {label_en}"
    assert zh_text.splitlines()[0] == f"{sym} 02.cagr · {label_zh}"
    assert f"<b>{label_zh}</b>" in zh_html and label_en not in zh_html
    body = "\n".join(zh_text.splitlines()[1:])
    assert CJK.search(body) and body != "\n".join(en_text.splitlines()[1:])
    # the hint is a code call; the answer 'abc' is quoted back
    prose = re.sub(r"cy\.metrics\.cagr\(start, end, years\)|years|'abc'|notebook", " ", body)
    assert _no_english_words(prose) == [], body


def test_a_stale_exercise_translation_is_never_shown(zh_language, monkeypatch):
    from chengyu_lib.exercise_bank import question
    from chengyu_lib.exercise_bank import translation as tr

    q = question("00.delegates")
    store = json.loads(json.dumps(tr.load("00")))
    store["00.delegates"]["prompt"]["en_sha"] = "0" * 16      # translated an older English
    monkeypatch.setattr(tr, "load", lambda set_id: store if set_id == "00" else {})
    assert tr.text(q, "prompt") == q.prompt
    assert tr.status("00")["stale"] == ["00.delegates:prompt"]
    problems = build_zh.check_exercises(["00"])
    assert any("stale: 00.delegates:prompt" in p for p in problems)
    with pytest.raises(ValueError, match="stale"):
        build_zh.build_exercise("00", solutions=False)


def test_exercise_text_in_english_and_bad_field():
    from chengyu_lib import language
    from chengyu_lib.exercise_bank import question
    from chengyu_lib.exercise_bank import translation as tr

    language.set_language("en")
    q = question("00.delegates")
    assert tr.text(q, "prompt") == q.prompt and tr.hint(q) == q.hints[0]
    with pytest.raises(ValueError, match="field must be one of"):
        tr.text(q, "promt")


# --------------------------------------------------------------------------- explorers

def _explorer_names_():
    import chengyu_lib as cy

    return sorted(n for n in dir(cy.widgets) if n.endswith("_explorer"))


def _descriptions_and_labels(box):
    import ipywidgets as w

    found = []
    for child in box.children:
        if isinstance(child, (w.HBox, w.VBox)):
            found += _descriptions_and_labels(child)
        elif not isinstance(child, w.Output):
            found.append(child.description)
            found += [o[0] if isinstance(o, tuple) else str(o)
                      for o in getattr(child, "options", ())
                      if not isinstance(o, (int, float))]
    return found


def _output_text(box):
    import ipywidgets as w

    out = [c for c in box.children if isinstance(c, w.Output)][0]
    return "".join(o.get("text", "") for o in out.outputs)


def _no_english_words(text):
    """English words left in a text (code-like tokens such as S2, TF-IDF excluded)."""
    return [w for w in re.findall(r"\b[A-Za-z]{3,}\b", text)
            if w not in {"TF", "IDF", "GDP", "RSS"}]


#: explorers whose summary text is still English in zh (none left)
TEXT_NOT_YET_CHINESE: set[str] = set()


@pytest.mark.parametrize("name", [n for n in _explorer_names_() if n not in TEXT_NOT_YET_CHINESE])
def test_explorer_text_is_chinese(name, zh_language):
    import chengyu_lib as cy

    box = getattr(cy.widgets, name)()
    labels = [x for x in _descriptions_and_labels(box) if x]
    # symbols such as β name a parameter in both languages
    assert labels and all(CJK.search(x) for x in labels
                          if re.search(r"[A-Za-z]{2,}", x)), labels
    text = _output_text(box)
    assert CJK.search(text)
    pinyin = {w for d in cy.article.delegates()["name_pinyin"] for w in d.split()}
    left = [w for w in _no_english_words(text) if w not in pinyin]
    assert left == [], f"English left in the {name} text: {left}"


def _english_outside_names(text, allowed=()):
    """English words of ``text`` outside code names (table names such as article/figures
    or province_economy, claim ids), delegates' pinyin and the ``allowed`` words."""
    import chengyu_lib as cy

    pinyin = {w for d in cy.article.delegates()["name_pinyin"] for w in d.split()}
    text = re.sub(r"`[^`]*`|[A-Za-z0-9]+(?:[_/-][A-Za-z0-9]+)+", " ", text)
    return [w for w in _no_english_words(text) if w not in pinyin and w not in allowed]


def test_claim_cards_are_chinese(zh_language):
    from chengyu_lib.widgets import ch11_capstone as c

    for cid in c.claim_table()["claim_id"]:
        card = c.claim_card(cid)
        assert card.startswith(cid + " · ") and "一个可以度量的问题：" in card
        tables = set(c.claim_table().set_index("claim_id").loc[cid, "tables"].split(", "))
        assert _english_outside_names(card, tables) == [], (cid, card)
    assert "示例" in c.claim_card(c.WORKED_EXAMPLE)
    assert "示例" not in c.claim_card("li_yong_03")


@pytest.mark.parametrize("draft, met", [
    ("", 0),
    ("Li Xiehua says the cores overlap. In 2023 S = 0.98 and K = 0.12 "
     "(province_economy); two-digit data are missing.", 4),
    ("李谢华认为两地产业同构。2023 年相似系数为 0.98，K 为 0.12（province_economy）。"
     "两位数行业数据缺失。如果更细的数据显示分工明确，就会推翻这个判断。" * 11, 6),
    ("12 and 2020年11月 only", 0),
])
def test_memo_feedback_is_chinese(zh_language, draft, met):
    from chengyu_lib.widgets import ch11_capstone as c

    fb = c.memo_feedback(draft, "li_xiehua_03")
    head = fb.splitlines()[0]
    assert head.startswith("备忘录检查（主张 li_xiehua_03，李谢华 Li Xiehua）")
    assert head.endswith(f"6 项中满足 {met} 项"), head
    # words quoted back from the draft (its cue words, figures) may be English
    assert _english_outside_names(fb, set(re.findall(r"[A-Za-z]+", draft))) == [], fb
    assert len(fb.splitlines()) == 7 + (not draft.strip())


def test_claim_card_and_memo_feedback_stay_english_in_english():
    from chengyu_lib import language
    from chengyu_lib.widgets import ch11_capstone as c

    language.set_language("en")
    card = c.claim_card("xu_hongbin_01")
    assert "a measurable question: Where both are printed" in card
    assert "课程概要: " in card and "一个可以度量的问题" not in card
    fb = c.memo_feedback("", "li_xiehua_03")
    assert fb.startswith("Memo check · 备忘录检查 (claim li_xiehua_03, 李谢华 Li Xiehua): "
                         "0 of 6 met\nThe draft is empty")
    assert "→ length: 0 English words; aim for about 300 words." in fb


def _summary_texts():
    """(name, function making the text) for each explorer summary written by the library."""
    import pandas as pd

    import chengyu_lib as cy
    from chengyu_lib.widgets import ch05_gravity_corridor as c05

    toy = pd.DataFrame({"name": ["Chengdu", "Chongqing", "Neijiang"],
                        "lat": [30.67, 29.57, 29.58], "lon": [104.07, 106.55, 105.05],
                        "gdp": [22074.7, 30145.79, 2000.0],
                        "population": [2000.0, 3000.0, 300.0]},
                       index=["chengdu", "chongqing", "neijiang"])
    counts = pd.Series([100, 200], index=["2021-01-01", "2023-01-01"])
    w = cy.widgets
    return [
        ("corridor", lambda: c05.corridor_view(toy, 307, beta=2.0, mass="gdp").text()),
        ("urbanisation", lambda: w.urbanisation_text(w.hukou_gap_view("sichuan", 0.5))),
        ("convergence", lambda: w.convergence_text(w.convergence_view(0.044, 0.022))),
        ("convergence never", lambda: w.convergence_text(w.convergence_view(0.02, 0.03))),
        ("logistic", lambda: w.logistic_text(w.logistic_view(counts, K=400, r=1.0, t0=2022.0))),
        ("logistic below", lambda: w.logistic_text(w.logistic_view(counts, K=150, r=1.0,
                                                                     t0=2022.0))),
        ("scenario", lambda: w.scenario_text(w.scenario_view(0.05, 100000, y0=81986.67,
                                                             base_year=2023))),
        ("claim card", lambda: w.claim_card("li_yong_03")),
        ("memo", lambda: w.memo_feedback("", "li_yong_03")),
    ]


@pytest.mark.parametrize("i", range(9))
def test_summary_texts_in_both_languages(i):
    """Every summary the library writes is Chinese in zh and has no 汉字-only lines in en:
    the two languages give different text, and the Chinese leaves no English word."""
    from chengyu_lib import language

    name, make = _summary_texts()[i]
    before = language.get_language()
    try:
        language.set_language("en")
        en = make()
        language.set_language("zh")
        zh = make()
    finally:
        language.set_language(before)
    assert en != zh and CJK.search(zh)
    assert len(re.findall(r"[A-Za-z]{3,}", en)) > len(re.findall(r"[A-Za-z]{3,}", zh)), name
    # city ids of the toy corridor and table names are code names, not sentences
    names = {"chengdu", "chongqing", "neijiang", "tongban_timeline", "corridor"}
    assert _english_outside_names(zh, names) == [], (name, zh)


def test_explorers_stay_english_in_english():
    import chengyu_lib as cy
    from chengyu_lib import language

    language.set_language("en")
    box = cy.widgets.delegate_explorer()
    assert box.children[0].description == "Delegate:"
    assert "proposals, claims and achievements" in _output_text(box)


# --------------------------------------------------------------------------- READMEs

TWINS = [("README.md", "README.zh.md"), ("exercises/README.md", "exercises/README.zh.md"),
         ("data/README.md", "data/README.zh.md")]


@pytest.mark.parametrize("en, zh", TWINS)
def test_each_readme_links_its_twin_and_every_link_resolves(en, zh):
    en_text = (ROOT / en).read_text(encoding="utf-8")
    zh_text = (ROOT / zh).read_text(encoding="utf-8")
    assert "(README.zh.md)" in en_text.split("\n## ")[0]
    assert "(README.md)" in zh_text.split("\n## ")[0]
    for target in re.findall(r"\]\(([^)#\s]+)", zh_text):
        if "://" not in target:
            assert (ROOT / zh).parent.joinpath(target).resolve().exists(), target


def test_chinese_readmes_list_the_chinese_edition():
    readme = (ROOT / "README.zh.md").read_text(encoding="utf-8")
    for stem in build_zh.translated_stems():
        assert f"(notebooks/zh/{stem}.ipynb)" in readme, f"README.zh.md: link {stem}"
    exercises = (ROOT / "exercises" / "README.zh.md").read_text(encoding="utf-8")
    for sid in build_zh.exercise_sets():
        path = build_zh.exercise_paths(sid)[0]
        assert f"(zh/{path.name})" in exercises, f"exercises/README.zh.md: link set {sid}"


def test_data_readme_zh_is_generated():
    spec = importlib.util.spec_from_file_location(
        "build_data_readme_zh", ROOT / "scripts" / "build_data_readme_zh.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (ROOT / "data" / "README.zh.md").read_text(encoding="utf-8") == mod.render(), \
        "run: python scripts/build_data_readme_zh.py"


def _explorer_names():
    import chengyu_lib as cy

    return sorted(n for n in dir(cy.widgets) if n.endswith("_explorer"))


@pytest.mark.parametrize("name", _explorer_names())
def test_every_explorer_labels_its_controls_in_chinese(name, zh_language):
    import chengyu_lib as cy

    labels = [x for x in _descriptions_and_labels(getattr(cy.widgets, name)()) if x]
    english = [x for x in labels if not CJK.search(x) and re.search(r"[A-Za-z]{2,}", x)]
    assert labels and english == [], f"{name}: English control text {english}"


# --------------------------------------------------------------------------- English left

#: Outputs of the Chinese edition still in English, as (notebook, cell index) -> reason.
#: Each entry is work left, not a licence: the test fails on any other hit, and on an
#: entry that no longer has a hit (so the list only shrinks).
ENGLISH_NOT_YET_CHINESE: dict[tuple[str, int], str] = {}


def _zh_notebooks():
    return [pytest.param(p, id=str(p.relative_to(ROOT))) for p in build_zh.zh_notebook_paths()]


@pytest.mark.parametrize("path", _zh_notebooks())
def test_no_english_sentence_in_the_outputs_of_the_chinese_edition(path):
    """A reader of Chinese meets no English sentence in what a notebook prints or shows
    (names of code, libraries and the bibliographic titles of cite() aside: see
    build_zh.ENGLISH_ALLOWED and build_zh.CITATION_COLUMNS)."""
    rel = str(path.relative_to(ROOT))
    hits = build_zh.english_in_outputs(path)
    known = {cell for (nb, cell) in ENGLISH_NOT_YET_CHINESE if nb == rel}
    left = [h for h in hits if int(h.split(" cell ")[1].split(":")[0]) not in known]
    assert left == [], "English in the Chinese edition (translate the data text, or show " \
        "the reader's language with cy.language.column / for_reader):\n" + "\n".join(left)
    fixed = [c for c in known if not any(f" cell {c}:" in h for h in hits)]
    assert fixed == [], f"{rel}: cells {fixed} are Chinese now: remove them from " \
        "ENGLISH_NOT_YET_CHINESE"


def test_the_scan_finds_a_planted_english_sentence(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Text cells are not outputs."),
                nbformat.v4.new_code_cell("print(...)"), nbformat.v4.new_code_cell("t")]
    nb.cells[1].outputs = [nbformat.v4.new_output(
        "stream", name="stdout",
        text="- 地区生产总值 81986.67亿元（cy.datasets.caveats, article/figures）\n"
             "- 常住人口 The gap is not an exact count of people.\n")]
    table = ("<style scoped>.dataframe tbody tr th {vertical-align: top;}</style>"
             "<table><thead><tr><th></th><th>table</th><th>source_id</th><th>publisher</th>"
             "<th>title</th><th>note_en</th></tr></thead><tbody><tr><th>0</th><td>glossary</td>"
             "<td>pol-x</td><td>State Council Information Office (English site)</td>"
             "<td>Little giant firms mirror growth</td><td>printed as rounded figure here</td>"
             "</tr></tbody></table>")
    nb.cells[2].outputs = [nbformat.v4.new_output(
        "execute_result", data={"text/html": table, "text/plain": "ignored when html"},
        execution_count=1)]
    path = tmp_path / "planted.ipynb"
    nbformat.write(nb, path)
    hits = build_zh.english_in_outputs(path)
    # the sentence in cell 1 and the English note of cell 2; not the code names, not the
    # CSS, not the publisher and title of a cite() table, not the plain text beside html
    assert hits == [f"{path} cell 1: The gap is not an exact count of people",
                    f"{path} cell 2: printed as rounded figure here"], hits


def test_the_scan_reads_every_kind_of_output():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("error", ename="KeyError",
                                           evalue="the city was not found here", traceback=[]),
                    nbformat.v4.new_output("display_data",
                                           data={"text/plain": "Name: gdp, dtype: float64"}),
                    nbformat.v4.new_output("display_data",
                                           data={"text/markdown": "**这里** has four words too"})]
    nb.cells = [cell]
    found = [build_zh.english_sentences(t) for _, t in build_zh.output_texts(nb)]
    assert found == [["KeyError: the city was not found here"], [],
                     ["has four words too"]]


# --------------------------------------------------------------------------- caveats

#: tables whose caveats are not yet all in Chinese (none left)
CAVEATS_NOT_YET_CHINESE: set[str] = set()


def _dataset_names():
    import chengyu_lib as cy

    return cy.datasets.names()


@pytest.mark.parametrize("name", _dataset_names())
def test_every_caveat_has_a_current_chinese_translation(name):
    """caveats_zh maps caveat_key(English caveat) to its Chinese; an English caveat that is
    new or was edited since it was translated has no entry and fails here."""
    import chengyu_lib as cy

    if name in CAVEATS_NOT_YET_CHINESE:
        pytest.skip(f"{name}: caveats not yet translated")
    meta = cy.datasets.load(name).attrs["meta"]
    left = cy.datasets.untranslated_caveats(name)
    assert left == [], (f"{name}.meta.json: no current Chinese for these caveats; add to "
                        "caveats_zh under the key cy.datasets.caveat_key(text):\n"
                        + "\n".join(f"{cy.datasets.caveat_key(c)}: {c}" for c in left))
    unused = set(meta.get("caveats_zh", {})) - {cy.datasets.caveat_key(c)
                                                for c in meta.get("caveats", [])}
    assert unused == set(), f"{name}: caveats_zh keys of caveats no longer there: {unused}"
    for zh in meta.get("caveats_zh", {}).values():
        assert CJK.search(zh) and build_zh.english_sentences(zh) == [], zh


def _data_copy(tmp_path):
    from chengyu_lib import datasets

    root = tmp_path / "data"
    shutil.copytree(datasets.data_dir(), root)
    return root


def test_an_edited_caveat_loses_its_translation(tmp_path, zh_language):
    import chengyu_lib as cy

    root = _data_copy(tmp_path)
    meta_path = root / "urbanisation.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    first = meta["caveats"][0]
    assert cy.datasets.untranslated_caveats("urbanisation", root=root) == []
    chinese = cy.datasets.caveats("urbanisation", root=root)
    assert chinese[0] == meta["caveats_zh"][cy.datasets.caveat_key(first)]
    meta["caveats"][0] = first + " Edited."
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    assert cy.datasets.untranslated_caveats("urbanisation", root=root) == [first + " Edited."]
    # shown in English rather than hidden or shown with an out-of-date translation
    assert cy.datasets.caveats("urbanisation", root=root)[0] == first + " Edited."
    assert cy.datasets.caveats("urbanisation", root=root)[1:] == chinese[1:]


def test_caveats_follow_the_language_and_refuse_a_bad_caveats_zh(tmp_path):
    import chengyu_lib as cy
    from chengyu_lib import language

    before = language.get_language()
    try:
        language.set_language("en")
        english = cy.datasets.caveats("major_projects")
        assert english == list(cy.datasets.load("major_projects").attrs["meta"]["caveats"])
        language.set_language("zh")
        assert all(CJK.search(c) for c in cy.datasets.caveats("major_projects"))
    finally:
        language.set_language(before)
    root = _data_copy(tmp_path)
    meta_path = root / "corridor.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["caveats_zh"] = ["not a mapping"]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(cy.datasets.DatasetError, match="caveats_zh must map"):
        cy.datasets.caveats("corridor", root=root)
    with pytest.raises(TypeError, match="caveat must be the English text"):
        cy.datasets.caveat_key(None)


def test_figures_have_chinese_context_and_the_date_note_is_chinese(zh_language):
    import chengyu_lib as cy

    figures = cy.article.figures()
    assert cy.language.column(figures, "context") == "context_zh"
    assert figures["context_zh"].map(lambda s: bool(CJK.search(s))).all()
    assert all(build_zh.english_sentences(s) == [] for s in figures["context_zh"])
    note = cy.language.pick(cy.article.meta()["date_note"])
    assert CJK.search(note) and build_zh.english_sentences(note) == []


# --------------------------------------------------------------------------- check()

def _every_answer():
    """(question id, answer) for each question: its key, no answer, an answer of the wrong
    kind and each misconception's value."""
    from chengyu_lib.exercise_bank import questions

    for q in questions():
        yield pytest.param(q.id, None, id=f"{q.id}-none")
        yield pytest.param(q.id, "key", id=f"{q.id}-key")
        yield pytest.param(q.id, "wrong kind", id=f"{q.id}-kind")
        for k, _ in enumerate(q.misconceptions):
            yield pytest.param(q.id, k, id=f"{q.id}-mistake{k}")


@pytest.mark.parametrize("qid, how", list(_every_answer()))
def test_every_check_message_is_chinese_in_zh(qid, how, zh_language):
    from chengyu_lib.exercise_bank import question
    from chengyu_lib.exercises import check

    q = question(qid)
    if how == "key":
        answer = q.key()
    elif how == "wrong kind":
        answer = 12345 if q.kind in ("string", "set", "list", "reflection") else "zzz"
    elif isinstance(how, int):
        answer = q.misconceptions[how].compute()
    else:
        answer = None
    fb = check(qid, answer, record=False)
    shown = f"{fb.message}\n{fb.hint}"
    assert fb.status != "error", shown
    assert build_zh.english_sentences(shown) == [], (qid, fb.status, shown)


def test_for_reader_and_pick_refuse_bad_input_and_keep_untranslated_text():
    import pandas as pd

    from chengyu_lib import language

    frame = pd.DataFrame({"name_zh": ["成都"], "name_en": ["Chengdu"], "note_en": ["n"]})
    before = language.get_language()
    try:
        language.set_language("zh")
        shown = language.for_reader(frame)
        assert shown.columns.tolist() == ["name_zh", "note_en"]     # no twin: kept
        assert frame.columns.tolist() == ["name_zh", "name_en", "note_en"]   # not modified
        assert language.pick({"en": "a", "zh": "乙"}) == "乙"
        language.set_language("en")
        assert language.for_reader(frame).equals(frame)
        with pytest.raises(TypeError, match="frame must be a table"):
            language.for_reader(["name_en"])
        with pytest.raises(TypeError, match="values must be a dict keyed by language"):
            language.pick("approximate")
    finally:
        language.set_language(before)


# --------------------------------------------------------------------------- row notes

#: tables whose per-row ``note`` a notebook shows (via cy.datasets.notes); each note of
#: these tables must have a current Chinese translation in data/zh/notes.json
NOTE_TABLES = ["rural_income", "circle_economy", "city_clusters", "industry_clusters"]


def _notes_file():
    from chengyu_lib import datasets

    return json.loads((datasets.data_dir() / datasets.NOTES_ZH).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NOTE_TABLES)
def test_every_note_of_a_shown_table_has_a_current_chinese_translation(name):
    """notes.json maps caveat_key(English note) to its Chinese; a note that is new or was
    edited since it was translated has no entry and fails here."""
    import chengyu_lib as cy

    left = cy.datasets.untranslated_notes(name)
    assert left == [], (f"data/zh/notes.json: no current Chinese for these {name} notes; "
                        f"add under \"{name}\" with the key cy.datasets.caveat_key(note):\n"
                        + "\n".join(f"{cy.datasets.caveat_key(n)}: {n}" for n in left))
    english = {cy.datasets.caveat_key(n): n for n in cy.datasets.load(name)["note"]
               if isinstance(n, str) and n}
    chinese = cy.datasets.notes_zh(name)
    unused = set(chinese) - set(english)
    assert unused == set(), f"{name}: notes.json keys of notes no longer there: {unused}"
    for key, zh in chinese.items():
        assert CJK.search(zh) and build_zh.english_sentences(zh) == [], zh
        lost = _numbers(english[key]) - _numbers(zh)
        assert not lost, f"{name} {key}: numbers of the English missing: {sorted(lost)}"


def test_notes_file_names_only_shown_tables():
    """Every table of notes.json is a dataset a notebook shows the notes of (a translation
    for a table nobody shows is work nobody checks)."""
    assert sorted(_notes_file()) == sorted(NOTE_TABLES)


def _html_columns(html: str, column: str) -> list[str]:
    """The cells of ``column`` in a pandas HTML table (the index <th> counted as a cell)."""
    import html as html_lib

    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if not head or not body:
        return []
    header = re.findall(r"<th[^>]*>(.*?)</th>", head.group(1).split("</tr>")[0], re.S)
    if column not in header:
        return []
    at = header.index(column)
    cells = []
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S):
        found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        if len(found) == len(header):
            cells.append(html_lib.unescape(found[at]).strip())
    return cells


@pytest.mark.parametrize("path", _zh_notebooks())
def test_every_note_shown_in_the_chinese_edition_is_its_translation(path):
    """Each cell of a ``note`` column displayed by a Chinese notebook is (the start of, when
    pandas cuts it short with ...) a Chinese note of notes.json: the output scan cannot see
    an English note whose display is cut before four English words."""
    nb = nbformat.read(path, as_version=4)
    chinese = [zh for table in _notes_file().values() for zh in table.values()]
    shown = 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            for note in _html_columns(html, "note"):
                shown += 1
                if note in ("", "NaN", "None"):
                    continue
                start = note[:-3] if note.endswith("...") else note
                assert any(zh.startswith(start) for zh in chinese), \
                    f"{path.name} cell {i}: note not in Chinese: {note}"
    if path.name.split("_")[0] in ("07", "09", "10", "11") and "solutions" not in str(path) \
            and "exercises" not in str(path):
        assert shown > 0, f"{path.name}: expected a displayed note column"


def test_notes_follow_the_language_and_an_edited_note_loses_its_translation(tmp_path):
    import chengyu_lib as cy
    from chengyu_lib import language

    frame = cy.datasets.load("city_clusters")
    before = language.get_language()
    try:
        language.set_language("en")
        assert cy.datasets.notes(frame)["note"].equals(frame["note"])
        language.set_language("zh")
        chinese = cy.datasets.notes(frame[["cluster", "note"]])     # a selection keeps attrs
        zh = cy.datasets.notes_zh("city_clusters")
        for english, shown in zip(frame["note"], chinese["note"]):
            if english:
                assert shown == zh[cy.datasets.caveat_key(english)]
        assert frame["note"].map(lambda n: not n or not CJK.search(n)).any()  # not modified
        # a table without notes comes back unchanged; no name and no attrs: a clear error
        glossary = cy.datasets.load("glossary")
        assert cy.datasets.notes(glossary).equals(glossary)
        bare = frame[["note"]].copy()
        bare.attrs = {}
        with pytest.raises(ValueError, match="name must be given"):
            cy.datasets.notes(bare)
        with pytest.raises(TypeError, match="frame must be a table"):
            cy.datasets.notes(["note"], "city_clusters")
        with pytest.raises(ValueError, match="name must be one of the course datasets"):
            cy.datasets.notes(frame, "no_such_table")
        # the drift check on a copy of the data: edit one English note
        root = _data_copy(tmp_path)
        csv_path = root / "city_clusters.csv"
        text = csv_path.read_text(encoding="utf-8")
        note = "printed as 12.82万亿"
        assert text.count(note) == 1
        csv_path.write_text(text.replace(note, note + " (edited)"), encoding="utf-8")
        meta_path = root / "city_clusters.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["integrity"] = cy.datasets.integrity(csv_path)
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        assert cy.datasets.untranslated_notes("city_clusters", root=root) == [note + " (edited)"]
        edited = cy.datasets.notes(cy.datasets.load("city_clusters", root=root), root=root)
        assert note + " (edited)" in edited["note"].tolist()         # English, not hidden
        # a malformed notes file is refused with a clear error
        (root / "zh" / "notes.json").write_text('{"city_clusters": ["not a mapping"]}',
                                                encoding="utf-8")
        with pytest.raises(cy.datasets.DatasetError, match="must map each table name"):
            cy.datasets.notes(frame, root=root)
    finally:
        language.set_language(before)


def test_every_row_and_coverage_text_of_the_catalogue_has_a_current_chinese_translation():
    """data/zh/catalog.json maps caveat_key(English row or coverage text) to its Chinese,
    table by table; a new or edited text has no entry and fails here."""
    import chengyu_lib as cy
    from chengyu_lib import datasets

    left = cy.datasets.untranslated_catalog()
    assert left == [], ("data/zh/catalog.json: no current Chinese for:\n" + "\n".join(
        f"{t} {f} {cy.datasets.caveat_key(x)}: {x}" for t, f, x in left))
    stored = json.loads((datasets.data_dir() / datasets.CATALOG_ZH).read_text("utf-8"))
    catalog = cy.datasets.catalog().set_index("dataset")
    assert set(stored) == set(catalog.index)
    for name, texts in stored.items():
        english = {cy.datasets.caveat_key(catalog.loc[name, f]): catalog.loc[name, f]
                   for f in ("row", "coverage")}
        assert set(texts) == set(english), f"{name}: keys of texts no longer there"
        for key, zh in texts.items():
            assert CJK.search(zh) and build_zh.english_sentences(zh) == [], zh
            lost = _numbers(english[key]) - _numbers(zh)
            assert not lost, f"{name}: numbers of the English missing: {sorted(lost)}"
            assert catalog.loc[name, "coverage_zh" if english[key] == catalog.loc[
                name, "coverage"] else "row_zh"] == zh


def test_an_edited_coverage_loses_its_translation(tmp_path):
    import chengyu_lib as cy

    root = _data_copy(tmp_path)
    meta_path = root / "corridor.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    before = cy.datasets.catalog(root=root).set_index("dataset").loc["corridor"]
    assert CJK.search(before["coverage_zh"]) and before["coverage_zh"] != before["coverage"]
    meta["coverage"] += " (edited)"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    assert cy.datasets.untranslated_catalog(root=root) == [("corridor", "coverage",
                                                            meta["coverage"])]
    after = cy.datasets.catalog(root=root).set_index("dataset").loc["corridor"]
    assert after["coverage_zh"] == meta["coverage"]          # English, never empty
    assert after["row_zh"] == before["row_zh"]
    (root / "zh" / "catalog.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(cy.datasets.DatasetError, match="zh/catalog.json must map"):
        cy.datasets.catalog(root=root)


@pytest.mark.parametrize("call", [
    lambda cy: cy.metrics.cagr(0, 100, 5),                    # a level that is not positive
    lambda cy: cy.metrics.cagr(1, 2, 0),                      # years, with the formula's hint
    lambda cy: cy.metrics.per_person([1.0, 2.0], [1.0, 2.0, 3.0]),  # lengths that do not fit
    lambda cy: cy.metrics.coefficient_of_variation([]),       # empty
    lambda cy: cy.metrics.growth_rate([1.0, float("nan")]),   # a missing value
    lambda cy: cy.metrics.share("GDP"),                       # text for a number
    lambda cy: cy.spatial.gravity(1.0, 2.0, 0.0),             # a distance of zero
    lambda cy: cy.scenarios.project(True, 0.05, 7),           # a boolean
], ids=["positive", "years", "lengths", "empty", "nan", "text", "distance", "boolean"])
def test_argument_errors_of_the_formulas_are_chinese_in_zh(zh_language, call):
    """The checks every formula shares (chengyu_lib._validate) speak the reader's language:
    a Chinese learner who passes a bad argument reads why in Chinese, with the argument's
    name (a code name) kept."""
    import chengyu_lib as cy

    with pytest.raises((TypeError, ValueError)) as err:
        call(cy)
    message = str(err.value)
    assert CJK.search(message) and build_zh.english_sentences(message) == [], message
