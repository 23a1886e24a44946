"""Benchmark of the inputs that used to hang (issue 16): each at the size limit the
library now documents, so the worst case a learner can trigger is on record.

What is timed (seconds, median of --runs calls in one process, after one warm-up call
that loads jieba and pypinyin):

* extract_amounts on 40,000 spaces around one amount (was about 57 s, quadratic);
* extract_amounts on MAX_TEXT_CHARS characters of the amount alphabet;
* tokenize on 50,000 and on MAX_TEXT_CHARS Han characters without punctuation (jieba's
  HMM alone is quadratic there: 100,000 took 264 s before runs were cut);
* tokenize and keywords on MAX_TEXT_CHARS characters of ordinary report-like text;
* the refusal of 1 MB by tokenize and to_pinyin (should be immediate);
* pair_indices on MAX_PAIRS_ROWS regions x 20 industries (about half a million pairs);
* interaction_table on MAX_PAIRS_ROWS cities;
* fit_logistic on MAX_FIT_POINTS points.

Usage:  python benchmarks/bench_robustness.py [--runs 3] [--out path.json]
Prints a table; writes JSON when --out is given.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from chengyu_lib import _validate, metrics, scenarios, spatial, text  # noqa: E402

SENTENCE = "推动川渝通办提质扩面，2023年经济总量达到81986.67亿元，首次站上8万亿元台阶。"


def _refused(func, arg):
    try:
        func(arg)
    except ValueError:
        return
    raise AssertionError(f"{func.__name__} accepted {len(arg)} characters")


def cases():
    n_text = text.MAX_TEXT_CHARS
    ordinary = (SENTENCE * (n_text // len(SENTENCE) + 1))[:n_text]
    amounts = ("近6.3万亿元 3至5% 80余名，" * (n_text // 16 + 1))[:n_text]
    n = _validate.MAX_PAIRS_ROWS
    rng = np.random.default_rng(0)
    table = pd.DataFrame(rng.random((n, 20)) + 0.01)
    cities = pd.DataFrame({"lat": rng.uniform(28, 32, n), "lon": rng.uniform(103, 108, n),
                           "gdp": rng.uniform(1, 100, n)})
    t = np.linspace(0, 20, scenarios.MAX_FIT_POINTS)
    y = scenarios.logistic(t, 300, 0.8, 10) * (1 + 0.01 * np.sin(7 * t))
    return {
        "extract_amounts, 40,000 spaces": lambda: text.extract_amounts(
            " " * 40_000 + "5万元" + " " * 40_000),
        f"extract_amounts, {n_text} chars of amounts": lambda: text.extract_amounts(amounts),
        "tokenize, 50,000 Han without punctuation": lambda: text.tokenize("川" * 50_000),
        f"tokenize, {n_text} Han without punctuation": lambda: text.tokenize("川" * n_text),
        f"tokenize, {n_text} chars of report-like text": lambda: text.tokenize(ordinary),
        f"keywords, {n_text} chars of report-like text": lambda: text.keywords(ordinary),
        "tokenize refuses 1 MB": lambda: _refused(text.tokenize, "川" * 1_000_000),
        "to_pinyin refuses 1 MB": lambda: _refused(text.to_pinyin, "李" * 1_000_000),
        f"pair_indices, {n} x 20": lambda: metrics.pair_indices(table),
        f"interaction_table, {n} cities": lambda: spatial.interaction_table(cities),
        f"fit_logistic, {scenarios.MAX_FIT_POINTS} points": lambda: scenarios.fit_logistic(t, y),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    text.tokenize("热身")
    text.to_pinyin("李谢华")
    rows = {}
    for name, func in cases().items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
        rows[name] = {"median": statistics.median(times), "min": min(times),
                      "max": max(times)}
        print(f"{name:<52} {rows[name]['median']:8.3f} s  (min {min(times):.3f}, "
              f"max {max(times):.3f})", flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"runs": args.runs, "seconds": rows}, indent=1),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
