"""Benchmark of ``course.py grade``: a class of N submissions of one set on this machine.

The submissions are made from the real exercise notebook of the set
(``exercises/NN_<name>.ipynb``): in turn all answers correct (the bank's solutions), all
blank, and every other answer correct (the rest left blank). They are graded with
:func:`chengyu_lib.classroom.grade.grade` exactly as the command does (fresh kernel per
submission, limits on, ``--jobs`` at once) into a temporary folder.

Reported (and written to benchmarks/results/grade.json):

* wall seconds for the batch, and seconds per submission (wall / N);
* the median and maximum run time of one submission inside its worker (kernel start to
  shutdown);
* peak memory: the largest kernel (peak resident set, from the worker), and the peak of
  the sum of resident memory of the grading process and all its children, sampled every
  0.2 s (what the machine must have free while grading).

Usage:  python benchmarks/grade.py [--n 40] [--set 02] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "results" / "grade.json"


def make_class(folder: Path, set_id: str, n: int) -> None:
    import nbformat

    from chengyu_lib import exercise_bank as bank
    from chengyu_lib.classroom.grade import identify

    meta = bank.get_set(set_id)["SET"]
    src = nbformat.read(ROOT / "exercises" / f"{set_id}_{meta['name']}.ipynb", as_version=4)
    _, cells, _ = identify(src)
    qs = bank.questions(set_id)
    for k in range(n):
        nb = nbformat.from_dict(json.loads(json.dumps(src)))
        for j, q in enumerate(qs):
            if k % 3 == 0 or (k % 3 == 2 and j % 2 == 0):
                nb.cells[cells[q.id]].source = q.solution
        nbformat.write(nb, folder / f"student_{k:03d}.ipynb")


def _sampler(stop: threading.Event, peak: list) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        peak[0] = max(peak[0], total)
        stop.wait(0.2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40, help="number of submissions")
    ap.add_argument("--set", default="02", help="exercise set id")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    os.environ["CHENGYU_PROGRESS"] = "off"
    from chengyu_lib.classroom.grade import grade

    with tempfile.TemporaryDirectory(prefix="chengyu-bench-grade-") as tmp:
        subs, out = Path(tmp) / "subs", Path(tmp) / "out"
        subs.mkdir()
        make_class(subs, args.set, args.n)
        peak, stop = [0], threading.Event()
        th = threading.Thread(target=_sampler, args=(stop, peak), daemon=True)
        th.start()
        t0 = time.perf_counter()
        res = grade(subs, out, jobs=args.jobs, progress=True)
        wall = time.perf_counter() - t0
        stop.set()
        th.join()
    runs = [s for s in res["submissions"] if s.seconds is not None]
    report = {
        "set": args.set, "submissions": args.n, "jobs": args.jobs,
        "cpu_count": os.cpu_count(), "python": platform.python_version(),
        "load_average_before": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "wall_seconds": round(wall, 1),
        "seconds_per_submission": round(wall / args.n, 2),
        "run_seconds_median": round(statistics.median(s.seconds for s in runs), 2),
        "run_seconds_max": round(max(s.seconds for s in runs), 2),
        "kernel_peak_mb_max": max(s.kernel_peak_mb or 0 for s in runs),
        "process_tree_peak_mb": round(peak[0] / 2 ** 20, 1),
        "statuses": {k: sum(s.run == k for s in res["submissions"])
                     for k in sorted({s.run for s in res["submissions"]})},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    for k, v in report.items():
        print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
