"""Tests of chengyu_lib.text: segmentation, keywords, amounts, pinyin, and the
promises of the module (lazy import, quiet loading, unwritable cache, no open files)."""
from __future__ import annotations

import gc
import math
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chengyu_lib as cy
from chengyu_lib import text as T
from chengyu_lib.text import Amount, AmountRange

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter from the repo root, with extra env vars."""
    full_env = {**os.environ, **env}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + ([full_env["PYTHONPATH"]] if full_env.get("PYTHONPATH") else []))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=120)


def article_table(name: str):
    """An article table through cy.article (the contract), else through cy.datasets;
    skip when the article data is not there."""
    try:
        return getattr(cy.article, name)()
    except (ModuleNotFoundError, AttributeError):
        pass
    if f"article/{name}" not in cy.datasets.names():
        pytest.skip(f"dataset article/{name} is missing (built by the article helper)")
    return cy.datasets.load(f"article/{name}")


# =========================================================================== tokenize
COURSE_TERMS = {
    "川渝通办": "全面推动川渝通办提质扩面",
    "新质生产力": "两地要加快培育新质生产力",
    "专精特新": "聚焦创新型中小企业和专精特新企业",
    "双城经济圈": "唱好双城记，共建双城经济圈",
    "千万工程": "借鉴浙江千万工程的经验",
}


@pytest.mark.parametrize("term", list(COURSE_TERMS))
def test_course_terms_stay_whole(term):
    assert term in T.tokenize(COURSE_TERMS[term])


def test_default_jieba_splits_course_terms(tmp_path):
    """Control: without the course dictionary jieba cuts these terms, so the
    dictionary is what keeps them whole."""
    import jieba

    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    logger = __import__("logging").getLogger("jieba")
    level = logger.level
    logger.setLevel(100)
    try:
        split = [t for t, s in COURSE_TERMS.items() if t not in tok.lcut(s)]
    finally:
        logger.setLevel(level)
    assert {"川渝通办", "新质生产力", "专精特新"} <= set(split)


def test_tokenize_names_and_places():
    words = T.tokenize("刘艳英是安岳县隆恩村的党支部书记，韩晓军来自国机重装")
    for w in ("刘艳英", "安岳县", "隆恩村", "韩晓军", "国机重装"):
        assert w in words
    assert "".join(words) == "刘艳英是安岳县隆恩村的党支部书记，韩晓军来自国机重装"


def test_tokenize_bad_input():
    assert T.tokenize("  \n") == []
    with pytest.raises(TypeError, match="text must be a str"):
        T.tokenize(None)


# =========================================================================== promises
def test_import_is_lazy():
    r = run_python("import chengyu_lib, chengyu_lib.text, sys; "
                   "bad = [m for m in ('jieba', 'pypinyin', 'pandas') if m in sys.modules]; "
                   "assert not bad, bad")
    assert r.returncode == 0, r.stderr


def test_first_use_is_quiet(capfd, tmp_path, monkeypatch):
    capfd.readouterr()
    monkeypatch.setenv("CHENGYU_LIB_CACHE_DIR", str(tmp_path / "cache"))
    T._reset()
    assert T.tokenize("推动川渝通办") == ["推动", "川渝通办"]      # cold: builds, writes
    T._reset()
    assert T.tokenize("推动川渝通办") == ["推动", "川渝通办"]      # warm: reads the cache
    T.keywords("川渝通办让两地群众办事更方便")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert list((tmp_path / "cache").glob("prefix-dict-jieba-*.marshal")), \
        "the cache was not written"
    T._reset()


def test_dictionary_cache_is_read_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    import jieba

    monkeypatch.setenv("CHENGYU_LIB_CACHE_DIR", str(tmp_path))
    T._reset()
    built = T._tokenizer()                        # cold: built by jieba, then written
    cache, = tmp_path.glob("prefix-dict-jieba-*.marshal")
    assert not list(tmp_path.glob("*.part")), "a temporary file was left behind"
    T._reset()

    def no_build(self, f):
        raise AssertionError("the dictionary was rebuilt although the cache is there")

    with monkeypatch.context() as m:
        m.setattr(jieba.Tokenizer, "gen_pfdict", no_build)
        warm = T._tokenizer()                     # warm: must come from the cache
    assert warm.FREQ == built.FREQ and warm.total == built.total
    assert T.tokenize("推动川渝通办提质扩面") == ["推动", "川渝通办", "提质", "扩面"]
    for damage in (b"", cache.read_bytes()[:1000], b"not marshal data"):
        cache.write_bytes(damage)
        T._reset()
        assert T.tokenize("推动川渝通办提质扩面") == ["推动", "川渝通办", "提质", "扩面"]
        assert cache.stat().st_size > 1_000_000, "a damaged cache was not rewritten"
    T._reset()


def test_cached_dictionary_is_jiebas_own(tmp_path, monkeypatch):
    """The course cache holds exactly what jieba builds from its dict.txt."""
    import jieba

    monkeypatch.setenv("CHENGYU_LIB_CACHE_DIR", str(tmp_path))
    T._reset()
    T._tokenizer()
    T._reset()
    ours = T._tokenizer()                         # from the cache
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(tmp_path / "plain")
    freq, total = plain.gen_pfdict(plain.get_dict_file())
    # the course dictionary adds its words on top; every jieba entry is unchanged or a
    # course word's new frequency
    course = {w for w, _, _ in T._user_entries(T._data_file("userdict.txt"))}
    changed = {w for w, f in freq.items() if ours.FREQ.get(w) != f}
    assert changed <= course
    assert set(freq) <= set(ours.FREQ)
    T._reset()


def test_plain_jieba_is_noisy_control(tmp_path):
    """Control for the quietness test: jieba on its own does write to stderr."""
    r = run_python("import jieba; t = jieba.Tokenizer(); "
                   f"t.tmp_dir = {str(tmp_path)!r}; t.lcut('川渝')")
    assert "Building prefix dict" in r.stderr


@pytest.mark.parametrize("where", ["under_a_file", "read_only_dir"])
def test_unwritable_cache_dir(tmp_path, where):
    if where == "under_a_file":
        blocker = tmp_path / "not_a_dir"
        blocker.write_text("x")
        env = {"CHENGYU_LIB_CACHE_DIR": str(blocker / "cache")}
    else:   # via XDG_CACHE_HOME; root can still write there, the test stays valid
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
        env = {"XDG_CACHE_HOME": str(ro), "CHENGYU_LIB_CACHE_DIR": ""}
    r = run_python("from chengyu_lib import text; "
                   "assert '川渝通办' in text.tokenize('推动川渝通办'); print('ok')", **env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "ok\n"
    assert r.stderr == ""


def test_no_open_files_in_process():
    T._reset()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        T.keywords("川渝通办让两地群众办事更方便")
        T.compare_keywords({"a": "新质生产力", "b": "千万工程"})
        T.stop_words()
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        T._reset()
        T.keywords("川渝通办让两地群众办事更方便")


def test_no_open_files_fresh_process(tmp_path):
    """Under -W error a file left open prints 'Exception ignored … ResourceWarning'."""
    code = ("from chengyu_lib import text; text.keywords('川渝通办让两地群众办事更方便'); "
            "import gc; gc.collect()")
    r = subprocess.run([sys.executable, "-X", "dev", "-W", "error", "-c", code], cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT),
                            "CHENGYU_LIB_CACHE_DIR": str(tmp_path)},
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    # control: jieba.analyse itself leaves its idf file open
    r = run_python("import warnings; warnings.simplefilter('always'); import jieba.analyse")
    assert "ResourceWarning" in r.stderr


# =========================================================================== keywords
def test_keywords_frame():
    kw = T.keywords("川渝通办让两地群众办事更方便。川渝通办还要加大宣传。", k=3)
    assert list(kw.columns) == ["word", "weight"]
    assert len(kw) == 3 and kw["word"].iloc[0] == "川渝通办"
    assert kw["weight"].is_monotonic_decreasing
    assert T.keywords("。。", k=3).empty
    with pytest.raises(ValueError, match="k must be a positive int"):
        T.keywords("川渝", k=0)
    with pytest.raises(TypeError, match="k must be a positive int"):
        T.keywords("川渝", k=2.5)


def test_keywords_match_jieba_tfidf():
    """Same weights as jieba.analyse.TFIDF bound to the course tokenizer and stop words."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse
        ref = jieba.analyse.TFIDF()
    ref.tokenizer = T._tokenizer()
    ref.stop_words = set(T.stop_words())
    doc = ("两地人社部门让川渝通办的业务由能办变成好办，川渝人社合作不断加深，"
           "推动社保卡一卡通立法，推动工伤认定受理互认")
    theirs = dict(ref.extract_tags(doc, topK=None, withWeight=True))
    ours = dict(T._tfidf(doc))
    assert ours.keys() == theirs.keys()
    for w in ours:
        assert math.isclose(ours[w], theirs[w], rel_tol=1e-12)


def delegate_texts() -> dict[str, str]:
    props = article_table("proposals")
    return {d: "。".join(list(g["summary_zh"]) + list(g["key_phrase_zh"]))
            for d, g in props.groupby("delegate_id", sort=False)}


TELLING = {
    "li_xiehua": {"新质生产力", "专精特新", "集群"},
    "han_xiaojun": {"关键核心技术", "重庆大学", "航空航天"},
    "xu_hongbin": {"以产聚人", "以城留人", "以文化人"},
    "wu_de": {"千万工程", "三权", "新型职业农民"},
    "li_yong": {"人社", "川渝通办", "社保卡"},
    "liu_yanying": {"川渝通办", "成渝之心", "畅游巴蜀"},
}


def test_compare_keywords_per_delegate():
    texts = delegate_texts()
    table = T.compare_keywords(texts, k=10)
    assert list(table.columns) == ["group", "rank", "word", "weight"]
    assert list(dict.fromkeys(table["group"])) == list(texts)
    for delegate, words in TELLING.items():
        top = set(table.loc[table["group"] == delegate, "word"])
        assert words <= top, (delegate, words - top)
    ranks = table.groupby("group")["rank"].apply(list)
    assert all(r == list(range(1, len(r) + 1)) for r in ranks)
    import pandas as pd
    series = T.compare_keywords(pd.Series(texts), k=10)
    assert series.equals(table)


def test_compare_keywords_bad_input():
    with pytest.raises(TypeError, match="dict"):
        T.compare_keywords(["川渝通办"])
    with pytest.raises(ValueError, match="empty"):
        T.compare_keywords({})
    with pytest.raises(TypeError, match="group 'a'"):
        T.compare_keywords({"a": 3})


# =========================================================================== amounts
def figure_rows():
    try:
        figs = article_table("figures")
    except pytest.skip.Exception as why:
        return [pytest.param(None, marks=pytest.mark.skip(reason=str(why)), id="missing")]
    return [pytest.param(row, id=row["figure_id"]) for row in figs.to_dict("records")]


@pytest.mark.parametrize("row", figure_rows())
def test_figures_round_trip(row):
    got = T.parse_amount(row["text_zh"])
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else ""
    assert math.isclose(got.value, float(row["value"]), rel_tol=1e-9)
    assert got.unit == row["unit"]
    assert got.qualifier == qualifier


@pytest.mark.parametrize("text, expected", [
    ("近6.3万亿元", Amount(6.3e12, "元", "近")),
    ("81,986.67亿元", Amount(8198667000000.0, "元", "")),
    ("８１９８６．６７亿元", Amount(8198667000000.0, "元", "")),
    ("约3.6万亿元", Amount(3.6e12, "元", "约")),
    ("超过1000人次", Amount(1000.0, "人次", "超过")),
    ("80余名", Amount(80.0, "名", "余")),
    ("9800多万人", Amount(9.8e7, "人", "多")),
    ("近15%", Amount(15.0, "%", "近")),
    ("近15％", Amount(15.0, "%", "近")),
    ("750吨·米", Amount(750.0, "吨·米", "")),
    ("750吨・米", Amount(750.0, "吨·米", "")),
    ("突破5000件次", Amount(5000.0, "件次", "突破")),
    ("逾3千辆", Amount(3000.0, "辆", "逾")),
    ("2百台", Amount(200.0, "台", "")),
    ("10万元以上", Amount(1e5, "元", "以上")),
    ("三年", Amount(3.0, "年", "")),
    ("二十三万五千人", Amount(235000.0, "人", "")),
    ("-2.5%", Amount(-2.5, "%", "")),
    ("3.5万千瓦", Amount(35000.0, "千瓦", "")),
    ("3-5%", AmountRange(3.0, 5.0, "%", "")),
    ("3至5万亿元", AmountRange(3e12, 5e12, "元", "")),
    ("约3万至5万元", AmountRange(3e4, 5e4, "元", "约")),
])
def test_parse_amount_cases(text, expected):
    got = T.parse_amount(text)
    assert type(got) is type(expected)
    for a, b in zip(got, expected):
        assert math.isclose(a, b, rel_tol=1e-12) if isinstance(b, float) else a == b


@pytest.mark.parametrize("text, message", [
    ("很多钱", "parse_amount: could not read a number in '很多钱'"),
    ("", "text is empty"),
    ("8万亿元新台阶", "could not read '新台阶' after '8万亿元'"),
    ("5-3%", "runs from high to low"),
    ("9" * 400 + "元", "too large"),
])
def test_parse_amount_errors(text, message):
    with pytest.raises(ValueError, match=message):
        T.parse_amount(text)


def test_parse_amount_type_error():
    with pytest.raises(TypeError, match="text must be a str, got int"):
        T.parse_amount(15)


def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"needs the full text of the report (a .txt file), which the repository "
                    f"does not include; put a copy in {SEED_DIR}")
    return files[0].read_text(encoding="utf-8")


def test_extract_amounts_from_report():
    text = seed_text()
    found = {text[s.start:s.end]: s.amount for s in T.extract_amounts(text)}
    gdp = next(a for t, a in found.items() if "81986.67亿元" in t)
    assert gdp.value == 8198667000000.0 and gdp.unit == "元"
    assert found["约3.6万亿元"] == Amount(3.6e12, "元", "约")
    for printed in ("8万亿元", "300个", "超1.6万亿元", "近15%", "750吨·米", "80余名", "16人",
                    "15分钟"):
        assert printed in found, printed
    assert not any(a.unit == "年" for a in found.values()), "a year was taken for an amount"


def test_amounts_table():
    t = T.amounts_table("增长3-5%，投资约3.6万亿元")
    assert t[["text", "value", "high", "unit"]].values.tolist() == [
        ["3-5%", 3.0, 5.0, "%"], ["约3.6万亿元", 3.6e12, 3.6e12, "元"]]


@pytest.mark.parametrize("amount, printed", [
    (Amount(8198667000000.0, "元"), "81986.67亿元"),
    (Amount(8e12, "元"), "8万亿元"),
    (Amount(3.6e12, "元", "约"), "约3.6万亿元"),
    (Amount(9.8e7, "人", "多"), "9800多万人"),
    (Amount(80.0, "名", "余"), "80余名"),
    (Amount(15.0, "%", "近"), "近15%"),
    (Amount(123456789.0, "元"), "1.23456789亿元"),
    (Amount(1e5, "元", "以上"), "10万元以上"),
    (AmountRange(3e12, 5e12, "元"), "3至5万亿元"),
])
def test_format_amount_cases(amount, printed):
    assert T.format_amount(amount) == printed
    assert T.parse_amount(printed) == amount


def test_format_amount_errors():
    with pytest.raises(TypeError, match="Amount or AmountRange"):
        T.format_amount(8e12)
    with pytest.raises(ValueError, match="unit must be one of"):
        T.format_amount(Amount(1.0, "斤"))
    with pytest.raises(ValueError, match="qualifier must be one of"):
        T.format_amount(Amount(1.0, "元", "大概"))
    with pytest.raises(ValueError, match="finite"):
        T.format_amount(Amount(float("nan"), "元"))


AMOUNT_CHARS = "0123456789.,-~至到 万亿千百十余多近约超过逾突破达到元人名个件次%吨·米分钟年一二三四五两点零"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=AMOUNT_CHARS, max_size=16)))
def test_parse_amount_never_crashes(s):
    try:
        got = T.parse_amount(s)
    except ValueError:
        return
    assert isinstance(got, (Amount, AmountRange))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=AMOUNT_CHARS + "GDP，。的是", max_size=40)))
def test_extract_amounts_agrees_with_parse(s):
    for span in T.extract_amounts(s):
        assert T.parse_amount(s[span.start:span.end]) == span.amount


def few_digit_values():
    return st.builds(lambda m, e: float(f"{m}e{e}"), st.integers(1, 99999),
                     st.integers(-4, 14)).filter(lambda v: 1 <= v <= 1e14)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(few_digit_values(), st.floats(1, 1e14)),
       unit=st.sampled_from(("",) + T.UNITS),
       qualifier=st.sampled_from(("",) + T.QUALIFIERS["prefix"] + T.QUALIFIERS["inner"]
                                 + T.QUALIFIERS["post"]))
def test_format_parse_round_trip(value, unit, qualifier):
    printed = T.format_amount(Amount(value, unit, qualifier))
    back = T.parse_amount(printed)
    assert math.isclose(back.value, value, rel_tol=1e-9), printed
    assert (back.unit, back.qualifier) == (unit, qualifier), printed


# =========================================================================== pinyin
@pytest.mark.parametrize("name, romanised", [
    ("曾国藩", "Zeng Guofan"), ("单田芳", "Shan Tianfang"), ("解缙", "Xie Jin"),
    ("仇英", "Qiu Ying"), ("朴树", "Piao Shu"), ("乐嘉", "Yue Jia"), ("区家麟", "Ou Jialin"),
    ("查良镛", "Zha Liangyong"), ("盖叫天", "Ge Jiaotian"), ("种师道", "Chong Shidao"),
    ("吕布", "Lü Bu"), ("李淑女", "Li Shunü"),
    ("欧阳修", "Ouyang Xiu"), ("司马光", "Sima Guang"), ("诸葛亮", "Zhuge Liang"),
    ("上官婉儿", "Shangguan Wan'er"),
])
def test_to_pinyin_surnames(name, romanised):
    assert T.to_pinyin(name) == romanised


@pytest.mark.parametrize("name, romanised", [
    ("李谢华", "Li Xiehua"), ("韩晓军", "Han Xiaojun"), ("许洪斌", "Xu Hongbin"),
    ("吴德", "Wu De"), ("黎勇", "Li Yong"), ("刘艳英", "Liu Yanying"),
])
def test_to_pinyin_delegates(name, romanised):
    assert T.to_pinyin(name) == romanised


def test_to_pinyin_matches_delegates_table():
    people = article_table("delegates")
    for zh, py in zip(people["name_zh"], people["name_pinyin"]):
        assert T.to_pinyin(zh) == py


def test_to_pinyin_surname_override_and_errors():
    assert T.to_pinyin("东方朔", surname="东") == "Dong Fangshuo"
    with pytest.raises(ValueError, match="Chinese name"):
        T.to_pinyin("Li Xiehua")
    with pytest.raises(ValueError, match="Chinese name"):
        T.to_pinyin("李")
    with pytest.raises(ValueError, match="surname must be the start"):
        T.to_pinyin("李谢华", surname="王")
    with pytest.raises(TypeError, match="name must be a str"):
        T.to_pinyin(None)


def test_jieba_loads_without_pkg_resources_and_leaves_it_importable():
    code = ("import sys, chengyu_lib as cy; cy.text.tokenize('川渝通办'); "
            "assert 'pkg_resources' not in sys.modules, 'jieba pulled in pkg_resources'; "
            "import importlib.util; print(importlib.util.find_spec('pkg_resources') is not None "
            "or 'pkg_resources' not in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


def test_idf_table_is_cached_and_equals_jiebas_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CHENGYU_LIB_CACHE_DIR", str(tmp_path))
    T._reset()
    first = T.keywords("川渝通办让两地群众办事更方便")
    assert list(tmp_path.glob("idf-jieba-*.marshal")), "the idf cache was not written"
    T._reset()
    with monkeypatch.context() as m:
        m.setattr(T, "_read_idf", lambda: (_ for _ in ()).throw(AssertionError("re-read")))
        assert T.keywords("川渝通办让两地群众办事更方便").equals(first)   # from the cache
        cached = T._idf()
    assert cached == T._read_idf()
    T._reset()
