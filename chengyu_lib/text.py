"""Chinese text toolkit: words, keywords, amounts and names.

Four jobs, each a pure function of a string:

* :func:`tokenize` cuts Chinese text into words with jieba and the course dictionary
  ``data/text/userdict.txt`` (policy terms such as 川渝通办 or 新质生产力, places,
  organisations and the six delegates' names), so that course terms stay whole;
* :func:`keywords` and :func:`compare_keywords` rank words by TF-IDF;
* :func:`parse_amount`, :func:`extract_amounts` and :func:`format_amount` read and write
  amounts as Chinese reports print them (``近6.3万亿元``, ``80余名``, ``3至5%``);
* :func:`to_pinyin` romanises a person's name with the surname read right.

Importing this module is cheap: jieba and pypinyin are imported on first use, and the
jieba dictionary (about 0.5 s to build, or about 0.16 s from the course's cache) is loaded
once per process, into a private ``jieba.Tokenizer`` that leaves the global ``jieba.dt``
alone. Loading is quiet (jieba's own log lines are muted while it loads). The cache (the
dictionary and jieba's IDF table, see :func:`_cached`) lives in ``$CHENGYU_LIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/chengyu_lib``, else
``~/.cache/chengyu_lib``; if that folder cannot be written, the dictionary is simply built
again in each process, silently.

>>> from chengyu_lib import text
>>> text.tokenize("推动川渝通办提质扩面")
['推动', '川渝通办', '提质', '扩面']
>>> text.parse_amount("近6.3万亿元")
Amount(value=6300000000000.0, unit='元', qualifier='近')
>>> text.format_amount(text.Amount(8198667000000.0, "元"))
'81986.67亿元'
>>> text.to_pinyin("欧阳修")
'Ouyang Xiu'
"""
from __future__ import annotations

import math
import os
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "tokenize", "stop_words", "keywords", "compare_keywords",
    "Amount", "AmountRange", "AmountSpan", "UNITS", "QUALIFIERS",
    "parse_amount", "extract_amounts", "amounts_table", "format_amount",
    "to_pinyin", "SURNAMES", "MAX_TEXT_CHARS", "MAX_AMOUNT_CHARS", "MAX_NAME_CHARS",
]

#: Longest text :func:`tokenize`, :func:`keywords` and :func:`extract_amounts` take (and
#: the longest total of the texts given to :func:`compare_keywords`), in characters:
#: about 50 times the report, segmented in a few seconds. Cut a longer corpus into
#: documents and process them one at a time.
MAX_TEXT_CHARS = 200_000
#: Longest text :func:`parse_amount` reads: it reads one amount, not a passage.
MAX_AMOUNT_CHARS = 1000
#: Longest name :func:`to_pinyin` romanises, in characters.
MAX_NAME_CHARS = 20
# jieba's HMM keeps one growing list per state and copies it at every character
# (jieba/finalseg), which is quadratic in the length of a run of Han characters without
# punctuation; runs longer than this are cut before segmentation (real sentences are
# far shorter, so ordinary text is segmented exactly as before).
_MAX_RUN = 200
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")

_LOCK = threading.RLock()
_TOKENIZER = None          # the private jieba.Tokenizer, built on first use
_IDF = None                # (idf dict, median idf), read on first use
_STOP_WORDS = None         # frozenset, read on first use


def _show(text: str, limit: int = 40) -> str:
    """repr of ``text`` for an error message, cut after ``limit`` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _check_str(value, name: str, func: str, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{func}: {name} must be a str, got {type(value).__name__}")
    if limit is not None and len(value) > limit:
        raise ValueError(f"{func}: {name} has {len(value)} characters; at most {limit} "
                         f"are accepted (cut it into parts and process them one at a time)")
    return value


# =========================================================================== tokenizer
def _data_file(name: str) -> Path:
    from .datasets import data_dir

    return data_dir() / "text" / name


def _cache_dir() -> Path:
    """Where the jieba dictionary cache goes (see the module docstring)."""
    explicit = os.environ.get("CHENGYU_LIB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "chengyu_lib"


def _read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 text file (the file is closed on return)."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh]
    return [ln for ln in lines if ln and not ln.startswith("#")]


def _user_entries(path: Path) -> list[tuple[str, int | None, str | None]]:
    entries = []
    for line in _read_lines(path):
        parts = line.split()
        word, freq, tag = parts[0], None, None
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
        if rest:
            tag = rest.pop(0)
        if rest:
            raise ValueError(f"{path}: cannot read the dictionary line {line!r}; "
                             f"expected WORD [FREQ] [TAG]")
        entries.append((word, freq, tag))
    return entries


def _import_jieba():
    """Import jieba quietly and without ``pkg_resources``.

    jieba 0.42.1 imports ``pkg_resources`` only to open its own data files, and falls back
    to plain ``open`` when that import fails. Importing ``pkg_resources`` costs about 0.1 s
    and, with recent setuptools, prints a deprecation warning into the learner's notebook,
    so it is hidden for the duration of this one import (and restored afterwards).
    """
    import sys
    import warnings

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    had = "pkg_resources" in sys.modules
    saved = sys.modules.get("pkg_resources")
    if not had:
        sys.modules["pkg_resources"] = None     # makes `import pkg_resources` fail fast
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if not had:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = saved
    return jieba


def _cached(name: str, build):
    """``build()``, kept between processes in :func:`_cache_dir` as a marshal file.

    For the two big tables the text functions need: jieba's prefix dictionary (half a
    million entries) and its IDF table. Decoding the whole file at once with
    ``marshal.loads`` is fast; jieba's own cache is read with ``marshal.load`` on an open
    file, one read per entry, about three times slower (``benchmarks/bench_text.py``).
    The file name carries jieba's and Python's versions; a file that is missing,
    unreadable or for another name is rebuilt, and a folder that cannot be written only
    means the next process builds the table again. The file is replaced atomically, so a
    reader never sees half of it.
    """
    import marshal
    import sys
    import tempfile

    jieba = _import_jieba()
    key = f"{name}-jieba-{jieba.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    path = _cache_dir() / f"{key}.marshal"
    try:
        stamp, value = marshal.loads(path.read_bytes())
        if stamp == key:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as fh:
            temp = fh.name
            fh.write(marshal.dumps((key, value)))
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
    return value


def _tokenizer():
    """The course tokenizer: a private ``jieba.Tokenizer`` with the course dictionary."""
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    with _LOCK:
        if _TOKENIZER is not None:
            return _TOKENIZER
        import logging

        jieba = _import_jieba()
        tok = jieba.Tokenizer()
        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.CRITICAL + 1)   # mute "Building prefix dict…"
        try:
            tok.FREQ, tok.total = _cached(
                "prefix-dict", lambda: tok.gen_pfdict(tok.get_dict_file()))
            tok.initialized = True
            for word, freq, tag in _user_entries(_data_file("userdict.txt")):
                tok.add_word(word, freq, tag)
        finally:
            logger.setLevel(level)
        _TOKENIZER = tok
    return _TOKENIZER


def _reset() -> None:
    """Forget the loaded tokenizer, idf table and stop words (for tests and benchmarks)."""
    global _TOKENIZER, _IDF, _STOP_WORDS
    with _LOCK:
        _TOKENIZER = _IDF = _STOP_WORDS = None


def tokenize(text: str) -> list[str]:
    """Cut Chinese text into words with jieba 0.42.1 and the course dictionary.

    jieba finds the most probable segmentation over a prefix dictionary (a DAG of every
    dictionary word in the sentence, then dynamic programming on word frequencies) and
    guesses unknown words with an HMM (Sun Junyi, *jieba*, https://github.com/fxsjy/jieba).
    The course dictionary ``data/text/userdict.txt`` adds the report's terms, places,
    organisations and names so that they stay whole: default jieba cuts 川渝通办 into
    川渝通/办 and 新质生产力 into 新质/生产力.

    Whitespace tokens are dropped; punctuation is kept as tokens of its own.

    Limits: at most :data:`MAX_TEXT_CHARS` characters (a longer text raises ValueError).
    A run of more than 200 characters without punctuation or spaces is cut into pieces
    of 200 before segmentation, which keeps the time linear (jieba's HMM is quadratic
    on such runs); real sentences are shorter, so real text is cut as jieba cuts it.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str, in the order of the text; ``"".join`` gives back the text without
    whitespace.

    >>> tokenize("加快培育新质生产力，支持专精特新企业")
    ['加快', '培育', '新质生产力', '，', '支持', '专精特新', '企业']
    >>> tokenize("")
    []
    """
    _check_str(text, "text", "tokenize", MAX_TEXT_CHARS)
    if not text.strip():
        return []
    return [w for w in _cut(text) if w.strip()]


def _cut(text: str):
    """jieba's cut, in linear time: a run of more than ``_MAX_RUN`` characters that jieba
    segments as one block is cut into pieces of ``_MAX_RUN`` first (see ``_MAX_RUN``)."""
    tok = _tokenizer()
    start = 0
    for m in _JIEBA_BLOCK.finditer(text):
        if m.end() - m.start() <= _MAX_RUN:
            continue
        if start < m.start():
            yield from tok.cut(text[start:m.start()])
        for i in range(m.start(), m.end(), _MAX_RUN):
            yield from tok.cut(text[i:min(i + _MAX_RUN, m.end())])
        start = m.end()
    if start < len(text):
        yield from tok.cut(text[start:])


# =========================================================================== keywords
def stop_words() -> frozenset:
    """The course stop words (``data/text/stopwords.txt``): function words, connectives,
    reporting verbs (表示, 认为 …) and the newspaper's frame words, which :func:`keywords`
    leaves out.

    >>> "表示" in stop_words()
    True
    """
    global _STOP_WORDS
    if _STOP_WORDS is None:
        _STOP_WORDS = frozenset(_read_lines(_data_file("stopwords.txt")))
    return _STOP_WORDS


def _idf():
    """jieba's IDF table (``jieba/analyse/idf.txt``) and its median, read once per process
    (from the course cache, :func:`_cached`, after the first time).

    Read here rather than through ``jieba.analyse``, whose import opens that file without
    closing it (a ResourceWarning, an error under ``-W error``).
    """
    global _IDF
    if _IDF is None:
        _IDF = tuple(_cached("idf", _read_idf))
    return _IDF


def _read_idf() -> tuple[dict[str, float], float]:
    path = Path(_import_jieba().__file__).resolve().parent / "analyse" / "idf.txt"
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                table[parts[0]] = float(parts[1])
    return table, sorted(table.values())[len(table) // 2]


def _check_k(k) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be a positive int, got {type(k).__name__}")
    if k < 1:
        raise ValueError(f"k must be a positive int, got {k}")
    return k


def _tfidf(text: str) -> list[tuple[str, float]]:
    counts: dict[str, int] = {}
    stops = stop_words()
    for w in tokenize(text):
        w = w.strip()
        if len(w) < 2 or w.lower() in stops or not any(ch.isalpha() for ch in w):
            continue
        counts[w] = counts.get(w, 0) + 1
    total = sum(counts.values())
    table, median = _idf()
    scored = [(w, n / total * table.get(w, median)) for w, n in counts.items()]
    return sorted(scored, key=lambda wv: (-wv[1], wv[0]))


def keywords(text: str, k: int = 10):
    """The ``k`` words of ``text`` with the highest TF-IDF weight.

    Formula: for word ``t`` in text ``d``

        w_td = tf_td · idf_t,   tf_td = n_td / Σ_s n_sd,   idf_t = log(N / df_t)

    where ``n_td`` counts ``t`` among the kept tokens of ``d`` and ``idf_t`` comes from
    jieba's reference table (``jieba/analyse/idf.txt``, computed by jieba's authors on a
    large general corpus of N documents); a word not in that table (most course terms)
    gets the table's median idf. This is what ``jieba.analyse.extract_tags`` computes
    (see the jieba README, "基于 TF-IDF 算法的关键词抽取"), done here with the course
    tokenizer and stop words. Reference: Salton, G. & Buckley, C. (1988), "Term-weighting
    approaches in automatic text retrieval", *Information Processing & Management* 24(5).

    Kept tokens: two characters or more, with at least one letter (numbers and
    punctuation go), not a course stop word (:func:`stop_words`).

    Meaning: a high weight is a word frequent in this text but rare in general Chinese;
    the weights of one text add up to the mean idf of its tokens (about 5-12). Weights
    compare words within one text; across texts, compare ranks rather than raw weights.

    Limit: at most :data:`MAX_TEXT_CHARS` characters (a longer text raises ValueError).

    Parameters
    ----------
    text : str
    k : int, the number of words (ties broken by the word, so the order is stable)

    Returns
    -------
    DataFrame with columns ``word`` (str) and ``weight`` (float), highest weight first,
    at most ``k`` rows (fewer for a short text, none for a text without words).

    >>> kw = keywords("川渝通办让两地群众办事更方便。川渝通办还要加大宣传。", k=3)
    >>> kw["word"].tolist()
    ['川渝通办', '两地', '办事']
    >>> round(float(kw["weight"].iloc[0]), 3)
    2.657
    """
    import pandas as pd

    _check_str(text, "text", "keywords", MAX_TEXT_CHARS)
    _check_k(k)
    rows = _tfidf(text)[:k]
    return pd.DataFrame(rows, columns=["word", "weight"]).astype({"word": str,
                                                                "weight": float})


def compare_keywords(texts, k: int = 10):
    """Keywords of several texts side by side, as one tidy table to plot or pivot.

    Each text is ranked with :func:`keywords` (TF-IDF, same formula and stop words); the
    table stacks the ``k`` best words of every group.

    Parameters
    ----------
    texts : dict {group: str} or pandas Series of str (index = group), e.g. one text
        per delegate built from ``cy.article.proposals()``.
    k : int, words per group.

    Limit: at most :data:`MAX_TEXT_CHARS` characters in all the texts together.

    Returns
    -------
    DataFrame with columns ``group``, ``rank`` (1 = highest weight), ``word``, ``weight``;
    groups in the order given.

    >>> t = compare_keywords({"A": "川渝通办方便群众，川渝通办", "B": "新质生产力带动制造业集群"}, k=2)
    >>> t[["group", "rank", "word"]].values.tolist()
    [['A', 1, '川渝通办'], ['A', 2, '方便群众'], ['B', 1, '新质生产力'], ['B', 2, '集群']]
    """
    import pandas as pd

    _check_k(k)
    if isinstance(texts, pd.Series):
        items = list(texts.items())
    elif isinstance(texts, dict):
        items = list(texts.items())
    else:
        raise TypeError("compare_keywords: texts must be a dict {group: text} or a pandas "
                        f"Series of str, got {type(texts).__name__}")
    if not items:
        raise ValueError("compare_keywords: texts is empty; expected at least one group")
    for group, text in items:
        if not isinstance(text, str):
            raise TypeError(f"compare_keywords: the text of group {group!r} must be a "
                            f"str, got {type(text).__name__}")
    total = sum(len(text) for _, text in items)
    if total > MAX_TEXT_CHARS:
        raise ValueError(f"compare_keywords: texts have {total} characters in all; at most "
                         f"{MAX_TEXT_CHARS} are accepted (compare fewer or shorter texts)")
    rows = []
    for group, text in items:
        for rank, (word, weight) in enumerate(_tfidf(text)[:k], start=1):
            rows.append((group, rank, word, weight))
    out = pd.DataFrame(rows, columns=["group", "rank", "word", "weight"])
    return out.astype({"rank": int, "word": str, "weight": float})


# =========================================================================== amounts
class Amount(NamedTuple):
    """One amount as printed: ``value`` in base units (float), ``unit`` as printed
    (``"元"``, ``"人"``, ``"%"``, ``""`` for a bare number), ``qualifier`` as printed
    (``"近"``, ``"约"``, ``"余"`` …, ``""`` for none).

    Magnitudes are folded into the value (8万亿元 → 8e12 元; 9800多万人 → 9.8e7 人); a
    percentage stays in percent (近15% → 15.0 %).
    """
    value: float
    unit: str = ""
    qualifier: str = ""


class AmountRange(NamedTuple):
    """A range as printed (``3至5万亿元``, ``3-5%``): ``low`` and ``high`` in base units,
    ``unit`` and ``qualifier`` as in :class:`Amount`. Kept apart from :class:`Amount` on
    purpose: a range has no single value, so code that needs one must choose (e.g.
    ``r.mid``).
    """
    low: float
    high: float
    unit: str = ""
    qualifier: str = ""

    @property
    def mid(self) -> float:
        """The midpoint ``(low + high) / 2``."""
        return (self.low + self.high) / 2


class AmountSpan(NamedTuple):
    """Where :func:`extract_amounts` found an amount: ``text[start:end]`` reads it."""
    start: int
    end: int
    amount: Amount | AmountRange


#: Units that :func:`parse_amount` reads, as printed (longest match wins).
UNITS = (
    "个百分点", "百分点", "平方公里", "平方米", "千瓦时", "千瓦", "千米", "千克",
    "吨·米", "公里", "公顷", "分钟", "小时", "个月", "人次", "件次", "架次", "户次",
    "美元", "欧元", "港元", "元", "人", "名", "个", "件", "辆", "台", "项", "%", "‰",
    "吨", "米", "亩", "户", "家", "所", "列", "条", "座", "套", "张", "次", "倍", "岁",
    "年", "天", "周", "秒", "位", "批", "部", "篇", "场", "趟", "班",
)
_PREFIX_Q = ("超过", "突破", "达到", "高达", "将近", "接近", "不足", "不到", "大约", "约",
             "近", "超", "逾", "达")
_INNER_Q = ("余", "多")
_POST_Q = ("以上", "左右", "以下", "以内")
#: Qualifiers as printed: before the number, after the number (80余名, 9800多万人),
#: after the unit (10万元以上).
QUALIFIERS = {"prefix": _PREFIX_Q, "inner": _INNER_Q, "post": _POST_Q}

_MAGS = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
         "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3,
         "百": 10**2}
# units that start with a magnitude character: 千米 is a unit, not 千 × 米
_NO_MAG_UNITS = ("百分点", "千瓦", "千米", "千克")
_NO_MAG_FORMAT = {"%", "‰", "个百分点", "百分点", "倍"}

_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("．"): ".", ord("％"): "%", ord("－"): "-", ord("～"): "~",
                   ord("・"): "·", ord("•"): "·", ord("‧"): "·", ord("∙"): "·",
                   ord("⋅"): "·", ord("−"): "-", ord("\u3000"): " "})

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]*[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
_MAG = (r"(?:(?!" + _alt(_NO_MAG_UNITS) + r")(?:" + _alt(_MAGS) + r"))")
_UNIT = r"(?:" + _alt(UNITS) + r")"


def _amount_regex(numeral: str, with_range: bool) -> re.Pattern:
    def one(p):
        return (rf"(?P<{p}num>" + numeral + rf")(?P<{p}q1>余|多)?(?P<{p}mag>" + _MAG +
                rf")?(?({p}q1)|(?P<{p}q2>余|多)?)")

    # spaces are allowed only after a qualifier, so a match never starts on a space (no
    # leading space in a span, and no rescan of a run of spaces at every position)
    parts = [r"(?:(?P<pre>" + _alt(_PREFIX_Q) + r")\s*)?", r"(?P<sign>-)?",
             one("a"), r"(?P<aunit>" + _UNIT + r")?"]
    if with_range:
        parts.append(r"(?:\s*(?P<sep>~|-|—|–|至|到)\s*(?P<bsign>-)?" + one("b") +
                     r"(?P<bunit>" + _UNIT + r")?)?")
    parts.append(r"(?P<post>" + _alt(_POST_Q) + r")?")
    return re.compile("".join(parts), re.ASCII if numeral == _ARABIC else 0)


@lru_cache(maxsize=None)
def _regex(kind: str) -> re.Pattern:
    """The amount patterns, compiled on first use: 'arabic', 'arabic_one', 'chinese'."""
    numeral = _CHINESE if kind == "chinese" else _ARABIC
    return _amount_regex(numeral, kind != "arabic_one")


def _cn_below_wan(s: str, whole: str) -> int:
    value, digit, last = 0, None, 10**4
    for ch in s:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                raise ValueError(f"parse_amount: could not read the Chinese numeral "
                                 f"{_show(whole)}: two digits in a row")
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            if _CN_SMALL[ch] >= last:
                raise ValueError(f"parse_amount: could not read the Chinese numeral "
                                 f"{_show(whole)}: {ch} out of order")
            last = _CN_SMALL[ch]
            value += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            raise ValueError(f"parse_amount: could not read the Chinese numeral {_show(whole)}")
    return value + (digit or 0)


def _cn_split(s: str, big: str, whole: str) -> tuple[str, str] | None:
    """``s`` cut at its one ``big`` (万 or 亿): (head, tail), or None if there is none."""
    parts = s.split(big)
    if len(parts) > 2:
        raise ValueError(f"parse_amount: could not read the Chinese numeral {_show(whole)}: "
                         f"{big} appears more than once")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _cn_below_yi(s: str, whole: str) -> int:
    """A numeral below 亿: [head 万] tail, head and tail below 万."""
    cut = _cn_split(s, "万", whole)
    if cut is None:
        return _cn_below_wan(s, whole) if s else 0
    head, tail = cut
    return (_cn_below_wan(head, whole) if head else 1) * 10**4 + \
        (_cn_below_wan(tail, whole) if tail else 0)


def _cn_int(s: str, whole: str) -> int:
    """A whole Chinese numeral, read in one pass: [high 亿] low, with high and low each
    below 亿 (so 一万亿 is 10^12, 三亿五千万 is 350 000 000). 万 and 亿 may each appear
    once per part: 一万一万 or 一亿一亿 is not a numeral and raises."""
    cut = _cn_split(s, "亿", whole)
    if cut is None:
        return _cn_below_yi(s, whole)
    high, low = cut
    return (_cn_below_yi(high, whole) if high else 1) * 10**8 + _cn_below_yi(low, whole)


def _number(num: str):
    import decimal

    if num[0].isascii():
        return decimal.Decimal(num.replace(",", ""))
    whole, _, frac = num.partition("点")
    out = decimal.Decimal(_cn_int(whole, num))
    if frac:
        out += decimal.Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    return out


def _join_q(*qs) -> str:
    return "…".join(q for q in qs if q)


def _build(m: re.Match, what: str):
    """Amount or AmountRange from a match of :func:`_amount_regex`."""
    import decimal

    g = m.groupdict()
    inner_a = [q for q in (g["aq1"], g["aq2"]) if q]
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        ctx.traps[decimal.InvalidOperation] = True
        try:
            a = _number(g["anum"])
            a_mag = _MAGS.get(g["amag"] or "", 1)
            if g.get("sep"):
                b = _number(g["bnum"]) * _MAGS.get(g["bmag"] or "", 1)
                if g["bsign"]:
                    b = -b
                if g["aunit"] and g["aunit"] != g["bunit"]:
                    raise ValueError(f"{what}: the two ends of the range {_show(m.group(0))} "
                                     f"have different units")
                if not g["amag"]:
                    a_mag = _MAGS.get(g["bmag"] or "", 1)
            a = a * a_mag
            if g["sign"]:
                a = -a
            low = float(a)
            high = float(b) if g.get("sep") else None
        except decimal.DecimalException:
            raise ValueError(f"{what}: the number in {_show(m.group(0))} is out of range") \
                from None
    for v in (low, high):
        if v is not None and not math.isfinite(v):
            raise ValueError(f"{what}: the number in {_show(m.group(0))} is too large")
    inner_b = [q for q in (g.get("bq1"), g.get("bq2")) if q]
    qualifier = _join_q(g["pre"], *inner_a, *inner_b, g["post"])
    if g.get("sep"):
        if low > high:
            raise ValueError(f"{what}: the range {_show(m.group(0))} runs from high to low")
        return AmountRange(low, high, g["bunit"] or "", qualifier)
    return Amount(low, g["aunit"] or "", qualifier)


def parse_amount(text: str) -> Amount | AmountRange:
    """Read one amount as Chinese reports print it.

    Convention: ``value`` is in base units, magnitudes folded in (万 1e4, 亿 1e8,
    万亿 1e12, 千 1e3, 百 1e2, and 十万 百万 千万 十亿 百亿 千亿); the unit and the
    qualifier are kept as printed; percent stays percent. Numbers: Arabic digits with
    an optional decimal point and thousands commas (``81,986.67``), full-width digits
    (``１５``), or Chinese numerals (``三``, ``十五``, ``两万``, ``三点五``). A range
    (``3-5%``, ``3至5万亿元``) gives an :class:`AmountRange`; the first end takes the
    magnitude of the second when it has none. The whole string must be one amount
    (surrounding spaces allowed); for a passage use :func:`extract_amounts`. At most
    :data:`MAX_AMOUNT_CHARS` characters. A Chinese numeral names each of 万 and 亿 at
    most once per part (一万亿 and 三亿五千万 read; 一万一万 is an error).

    Qualifiers: before the number 近 约 超 超过 逾 突破 达 达到 高达 将近 接近 不足 不到
    大约; after the number 余 多 (80余名, 9800多万人); after the unit 以上 左右 以下 以内.
    Two qualifiers are joined with ``…`` (``约80余名`` → ``'约…余'``).

    Parameters
    ----------
    text : str

    Returns
    -------
    Amount(value, unit, qualifier), or AmountRange(low, high, unit, qualifier)

    Raises
    ------
    TypeError if ``text`` is not a str; ValueError saying what could not be read.

    >>> parse_amount("近6.3万亿元")
    Amount(value=6300000000000.0, unit='元', qualifier='近')
    >>> parse_amount("9800多万人")
    Amount(value=98000000.0, unit='人', qualifier='多')
    >>> parse_amount("81,986.67亿元").value
    8198667000000.0
    >>> parse_amount("近15%")
    Amount(value=15.0, unit='%', qualifier='近')
    >>> parse_amount("三年")
    Amount(value=3.0, unit='年', qualifier='')
    >>> parse_amount("3至5万亿元")
    AmountRange(low=3000000000000.0, high=5000000000000.0, unit='元', qualifier='')
    >>> parse_amount("很多钱")
    Traceback (most recent call last):
    ...
    ValueError: parse_amount: could not read a number in '很多钱'
    """
    _check_str(text, "text", "parse_amount", MAX_AMOUNT_CHARS)
    s = text.translate(_FULLWIDTH).strip()
    if not s:
        raise ValueError(f"parse_amount: text is empty ({_show(text)}); expected an amount "
                         f"such as '近6.3万亿元'")
    best = None
    for rx in (_regex("arabic"), _regex("chinese")):
        m = rx.match(s)
        if m and m.group("anum") and (best is None or m.end() > best.end()):
            best = m
    if best is None:
        raise ValueError(f"parse_amount: could not read a number in {_show(text)}")
    if best.end() < len(s):
        rest = s[best.end():]
        raise ValueError(
            f"parse_amount: could not read {_show(rest)} after {_show(s[:best.end()])} "
            f"in {_show(text)}; "
            f"expected a unit such as 元, 人, 个, %, a qualifier such as 以上, or nothing "
            f"(for an amount inside a passage use extract_amounts)")
    return _build(best, "parse_amount")


def _is_year(m: re.Match) -> bool:
    g = m.groupdict()
    return ("年" in (g["aunit"], g.get("bunit")) and not g["amag"] and
            re.fullmatch(r"\d{4}", g["anum"] or "") is not None)


def extract_amounts(text: str) -> list[AmountSpan]:
    """Every amount in a passage, in order, as ``AmountSpan(start, end, amount)``.

    An amount here is an Arabic number (half- or full-width) followed by a magnitude
    (万, 亿 …) or a unit (see :data:`UNITS`), with the qualifiers that :func:`parse_amount`
    reads. Left out on purpose: bare numbers (``2024``), dates (``2023年``, ``3月4日``:
    a four-digit number before 年 is taken as a year), and Chinese numerals (``一``, ``三``
    are mostly ordinals and set phrases in running text: 一号工程, 三权); read those
    with :func:`parse_amount` one at a time.

    Limit: at most :data:`MAX_TEXT_CHARS` characters (linear time in the length).

    Returns
    -------
    list of AmountSpan; ``text[span.start:span.end]`` is the amount as printed.

    >>> passage = "2023年经济总量达到81986.67亿元，首次站上8万亿元；清单有项目300个。"
    >>> spans = extract_amounts(passage)
    >>> [passage[s.start:s.end] for s in spans]
    ['达到81986.67亿元', '8万亿元', '300个']
    >>> spans[0].amount
    Amount(value=8198667000000.0, unit='元', qualifier='达到')
    """
    _check_str(text, "text", "extract_amounts", MAX_TEXT_CHARS)
    s = text.translate(_FULLWIDTH)    # one character for one: positions are kept
    out: list[AmountSpan] = []
    pos = 0
    while True:
        m = _regex("arabic").search(s, pos)
        if m is None:
            break
        if not m.group("anum"):
            pos = m.start() + 1
            continue
        try:
            amount = _build(m, "extract_amounts")
        except ValueError:            # e.g. a range running from high to low: 5-3%
            m = _regex("arabic_one").match(s, m.start())
            try:
                amount = _build(m, "extract_amounts")
            except ValueError:        # e.g. a number too large for a float
                pos = m.end()
                continue
        g = m.groupdict()
        has_unit = bool(g["aunit"] or g.get("bunit") or g["amag"])
        if has_unit and not _is_year(m):
            out.append(AmountSpan(m.start(), m.end(), amount))
        pos = max(m.end(), m.start() + 1)
    return out


def amounts_table(text: str):
    """:func:`extract_amounts` as a DataFrame, one row per amount: ``text`` (as printed),
    ``start``, ``end``, ``value`` (for a range, its low end), ``high`` (for a range its
    high end, else equal to ``value``), ``unit``, ``qualifier``.

    >>> t = amounts_table("总投资约3.6万亿元，集群规模超1.6万亿元")
    >>> t[["text", "value", "unit", "qualifier"]].values.tolist()
    [['约3.6万亿元', 3600000000000.0, '元', '约'], ['超1.6万亿元', 1600000000000.0, '元', '超']]
    """
    import pandas as pd

    rows = []
    for sp in extract_amounts(text):
        a = sp.amount
        low, high = (a.low, a.high) if isinstance(a, AmountRange) else (a.value, a.value)
        rows.append((text[sp.start:sp.end], sp.start, sp.end, low, high, a.unit,
                     a.qualifier))
    out = pd.DataFrame(rows, columns=["text", "start", "end", "value", "high", "unit",
                                      "qualifier"])
    return out.astype({"text": str, "start": int, "end": int, "value": float,
                       "high": float, "unit": str, "qualifier": str})


def _fmt_number(value: float, factor: int) -> str:
    import decimal

    d = decimal.Decimal(repr(float(value))).scaleb(-round(math.log10(factor)))
    return format(d.normalize(), "f")


def _pick_factor(values: list[float], unit: str) -> tuple[int, str]:
    import decimal

    if unit in _NO_MAG_FORMAT:
        return 1, ""
    v = max(abs(x) for x in values)
    fits = [(f, w) for w, f in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)) if v >= f]
    for factor, word in fits:
        if all(-decimal.Decimal(_fmt_number(x, factor)).as_tuple().exponent <= 2
               for x in values):
            return factor, word
    return fits[0] if fits else (1, "")


def format_amount(amount: Amount | AmountRange) -> str:
    """Write an amount as a Chinese report would; :func:`parse_amount` reads it back to
    the same value (exactly: the digits are those of Python's shortest ``repr``).

    Convention, as reports print figures: the magnitude is the largest of 万亿, 亿, 万
    that leaves the number at least 1 with at most two decimals (8万亿元, 3.6万亿元,
    81986.67亿元, 9800万人); when none does, the largest that leaves it at least 1
    (1.23456789亿元). So the number is usually between 1 and 10000, but a figure that
    the report gives in 亿元 with two decimals stays so (e.g. 12345.67亿元, not 1.234567万亿元).
    Percent, per-mille, percentage points and 倍 never take a magnitude. Qualifiers go
    where they are printed: 近15%, 80余名, 9800多万人, 10万元以上.

    >>> format_amount(Amount(8198667000000.0, "元"))
    '81986.67亿元'
    >>> format_amount(Amount(98000000.0, "人", "多"))
    '9800多万人'
    >>> format_amount(Amount(15.0, "%", "近"))
    '近15%'
    >>> format_amount(AmountRange(3e12, 5e12, "元"))
    '3至5万亿元'
    """
    if not isinstance(amount, (Amount, AmountRange)):
        raise TypeError(f"format_amount: amount must be an Amount or AmountRange, got "
                        f"{type(amount).__name__}")
    unit, qualifier = amount.unit, amount.qualifier
    if unit and unit not in UNITS:
        raise ValueError(f"format_amount: unit must be one of {', '.join(UNITS)} or '', "
                         f"got {unit!r}")
    pre = inner = post = ""
    for q in (qualifier.split("…") if qualifier else []):
        if q in _PREFIX_Q and not pre:
            pre = q
        elif q in _INNER_Q and not inner:
            inner = q
        elif q in _POST_Q and not post:
            post = q
        else:
            raise ValueError(f"format_amount: qualifier must be one of "
                             f"{', '.join(_PREFIX_Q + _INNER_Q + _POST_Q)} (two joined by "
                             f"'…'), got {qualifier!r}")
    values = ([amount.low, amount.high] if isinstance(amount, AmountRange)
              else [amount.value])
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"format_amount: value must be a number, got {_show(repr(v))}")
        try:
            finite = math.isfinite(float(v))
        except OverflowError:       # an int beyond the float range
            finite = False
        if not finite:
            raise ValueError(f"format_amount: value must be a finite number (below about "
                             f"1.8e308), got {_show(repr(v))}")
    values = [float(v) for v in values]
    if len(values) == 2 and values[0] > values[1]:
        raise ValueError(f"format_amount: a range must run from low to high, got "
                         f"low={values[0]!r} > high={values[1]!r}")
    factor, word = _pick_factor(values, unit)
    nums = [_fmt_number(v, factor) for v in values]
    body = f"{nums[-1]}{inner}{word}"
    if len(nums) == 2:
        body = f"{nums[0]}至{body}"
    return f"{pre}{body}{unit}{post}"


# =========================================================================== pinyin
#: Surname readings that differ from the everyday reading pypinyin would give, and
#: compound (two-character) surnames. Extend with ``to_pinyin(name, surname=...)``.
SURNAMES = {
    # single characters read differently as surnames
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "乐": "yue",
    "区": "ou", "查": "zha", "盖": "ge", "种": "chong", "缪": "miao", "秘": "bi",
    "繁": "po", "覃": "qin", "员": "yun", "祭": "zhai", "句": "gou", "召": "shao",
    "折": "she", "翟": "zhai", "薄": "bo", "隗": "wei", "阚": "kan", "都": "du",
    "重": "chong", "藏": "zang", "黑": "he", "冼": "xian", "洗": "xian", "长": "chang",
    "乜": "nie", "能": "nai", "谌": "chen", "吕": "lü", "闵": "min", "燕": "yan",
    # compound surnames
    "欧阳": "ouyang", "司马": "sima", "诸葛": "zhuge", "上官": "shangguan",
    "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun", "令狐": "linghu",
    "皇甫": "huangfu", "澹台": "tantai", "宇文": "yuwen", "夏侯": "xiahou",
    "公孙": "gongsun", "慕容": "murong", "轩辕": "xuanyuan", "司徒": "situ",
    "司空": "sikong", "端木": "duanmu", "独孤": "dugu", "南宫": "nangong",
    "西门": "ximen", "呼延": "huyan", "申屠": "shentu", "太史": "taishi",
    "拓跋": "tuoba", "钟离": "zhongli", "赫连": "helian", "濮阳": "puyang",
    "淳于": "chunyu", "宗政": "zongzheng", "公冶": "gongye", "乐正": "yuezheng",
    "闻人": "wenren", "东方": "dongfang", "单于": "chanyu",
}
_HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0002ffff]+$")


def _syllables(chars: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(chars, style=Style.NORMAL, v_to_u=True)


def _join(syllables) -> str:
    """Join syllables into one word, with the apostrophe before a, o, e (Wan'er)."""
    out = ""
    for syl in syllables:
        out += ("'" if out and syl[:1] in "aoe" else "") + syl
    return out


def to_pinyin(name: str, *, surname: str | None = None) -> str:
    """Romanise a Chinese personal name: ``"李谢华"`` → ``"Li Xiehua"``.

    Convention (GB/T 28039-2011, Chinese phonetic alphabet spelling rules for personal
    names): surname first, then the given name written as one word; each capitalised,
    no tone marks, ü written ü (吕 → Lü, 女 → nü), an apostrophe before a syllable
    that starts with a, o or e (上官婉儿 → Shangguan Wan'er). The surname is the first character,
    or a compound surname from :data:`SURNAMES` (欧阳, 司马, 诸葛 …), or ``surname`` if
    given. Surname characters take their surname reading (曾 Zeng, 单 Shan, 解 Xie,
    仇 Qiu, 朴 Piao, 乐 Yue, 区 Ou, 查 Zha, 盖 Ge, 种 Chong …); the given name is read by
    pypinyin (Style.NORMAL, v_to_u=True), which knows many words and names.

    Parameters
    ----------
    name : str, Chinese characters only, at least two and at most
        :data:`MAX_NAME_CHARS`.
    surname : str, optional, the surname when the default guess is wrong (e.g. 东方 as
        surname 东 + given name 方…).

    >>> to_pinyin("李谢华")
    'Li Xiehua'
    >>> to_pinyin("曾国藩")
    'Zeng Guofan'
    >>> to_pinyin("诸葛亮")
    'Zhuge Liang'
    >>> to_pinyin("吕女")
    'Lü Nü'
    """
    _check_str(name, "name", "to_pinyin", MAX_NAME_CHARS + 10)
    name = name.strip()
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"to_pinyin: name has {len(name)} characters; a personal name has "
                         f"at most {MAX_NAME_CHARS}")
    if not _HAN.match(name) or len(name) < 2:
        raise ValueError(f"to_pinyin: name must be a Chinese name of two characters or "
                         f"more (Han characters only), got {_show(name)}")
    if surname is not None:
        _check_str(surname, "surname", "to_pinyin", MAX_NAME_CHARS)
        if not surname or not name.startswith(surname) or len(surname) >= len(name):
            raise ValueError(f"to_pinyin: surname must be the start of name and shorter "
                             f"than it, got surname={surname!r} for name={name!r}")
    elif len(name) >= 3 and name[:2] in SURNAMES:
        surname = name[:2]
    else:
        surname = name[0]
    given = name[len(surname):]
    if surname in SURNAMES:
        family = SURNAMES[surname]
    else:
        family = _join(SURNAMES.get(ch) or _syllables(ch)[0] for ch in surname)
    return f"{family.capitalize()} {_join(_syllables(given)).capitalize()}"
