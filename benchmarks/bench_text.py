"""Benchmark of chengyu_lib.text start-up costs, each measured in fresh interpreters.

What is timed (seconds, median of --runs fresh processes, also min and max):

* ``import chengyu_lib``             the package import (must stay light);
* ``import chengyu_lib.text``        the text module import (no jieba, no pypinyin);
* ``first tokenize, cold cache``     jieba import + dictionary build + course dictionary,
                                     with an empty cache directory (writes the cache);
* ``first tokenize, warm cache``     the same, reading the dictionary cache;
* ``first keywords (after tokenize)`` reading jieba's idf table and the stop words;
* ``first to_pinyin``                pypinyin import and its dictionaries;
* ``cache read: marshal.load(file)``  the dictionary cache decoded the way jieba reads its
                                     own cache (one read per entry), for comparison with
* ``cache read: marshal.loads(bytes)`` the way ``chengyu_lib.text`` reads it (one read).

Usage:  python benchmarks/bench_text.py [--runs 7]
Writes benchmarks/results/text.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "text.json"

PROBE = r"""
import json, sys, time
t = time.perf_counter
r = {}
a = t(); import chengyu_lib; r["import chengyu_lib"] = t() - a
a = t(); import chengyu_lib.text as T; r["import chengyu_lib.text"] = t() - a
assert "jieba" not in sys.modules
a = t(); T.tokenize("推动川渝通办提质扩面"); r["first tokenize"] = t() - a
a = t(); T.keywords("川渝通办让两地群众办事更方便"); r["first keywords (after tokenize)"] = t() - a
a = t(); T.to_pinyin("李谢华"); r["first to_pinyin"] = t() - a
import marshal
cache = next(T._cache_dir().glob("prefix-dict-jieba-*.marshal"))
with open(cache, "rb") as fh:
    a = t(); marshal.load(fh); r["cache read: marshal.load(file)"] = t() - a
a = t(); marshal.loads(cache.read_bytes()); r["cache read: marshal.loads(bytes)"] = t() - a
print(json.dumps(r))
"""


def probe(cache_dir: str) -> dict:
    env = {**os.environ, "CHENGYU_LIB_CACHE_DIR": cache_dir,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    res = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    if res.stderr:
        raise RuntimeError(f"the probe wrote to stderr:\n{res.stderr}")
    return json.loads(res.stdout)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as warm:
        probe(warm)                                   # fill the warm cache once
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as cold:
                c = probe(cold)
            w = probe(warm)
            samples.setdefault("import chengyu_lib", []).append(w["import chengyu_lib"])
            samples.setdefault("import chengyu_lib.text", []).append(
                w["import chengyu_lib.text"])
            samples.setdefault("first tokenize, cold cache", []).append(c["first tokenize"])
            samples.setdefault("first tokenize, warm cache", []).append(w["first tokenize"])
            for key in ("first keywords (after tokenize)", "first to_pinyin",
                        "cache read: marshal.load(file)", "cache read: marshal.loads(bytes)"):
                samples.setdefault(key, []).append(w[key])

    rows = {k: {"median_s": statistics.median(v), "min_s": min(v), "max_s": max(v),
                "runs": len(v)} for k, v in samples.items()}
    import jieba  # noqa: E402  (versions for the record only)
    import pypinyin
    result = {"benchmark": "chengyu_lib.text start-up",
              "date": time.strftime("%Y-%m-%d"),
              "python": platform.python_version(), "platform": platform.platform(),
              "jieba": jieba.__version__, "pypinyin": pypinyin.__version__,
              "timings": rows}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    width = max(len(k) for k in rows)
    print(f"{'step':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}")
    for k, r in rows.items():
        print(f"{k:<{width}}  {r['median_s'] * 1000:7.1f}ms  {r['min_s'] * 1000:7.1f}ms  "
              f"{r['max_s'] * 1000:7.1f}ms")
    print(f"({args.runs} fresh processes each; written to {OUT.relative_to(ROOT)})")
    return result


if __name__ == "__main__":
    main()
