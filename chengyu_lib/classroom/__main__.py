"""Command line: ``python -m chengyu_lib.classroom release|grade ...`` (``--help``)."""
from __future__ import annotations

import argparse
import os
import sys


def _ids(text: str) -> list[str]:
    return [t.strip() for t in text.replace(" ", ",").split(",") if t.strip()]


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m chengyu_lib.classroom",
                                 description="Release exercise sets and grade a class.")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write the student copies of sets or questions")
    r.add_argument("--sets", type=_ids, default=[], help="set ids, e.g. 02 or 02,04")
    r.add_argument("--questions", type=_ids, default=[],
                   help="single question ids, e.g. 02.cagr,02.required")
    r.add_argument("--mode", choices=("practice", "assessed"), default="practice")
    r.add_argument("--out", required=True, help="a new or empty folder")
    r.add_argument("--no-wheel", action="store_true",
                   help="notebooks only (students use the library they already have)")
    g = sub.add_parser("grade", help="grade a folder of submitted notebooks")
    g.add_argument("submissions", help="folder of .ipynb files (any names, sub-folders)")
    g.add_argument("--out", required=True, help="folder for grades.csv and the report")
    g.add_argument("--sets", type=_ids, default=[], help="grade only these sets")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions run at once (default: number of cores)")
    g.add_argument("--cell-timeout", type=float, default=60, help="seconds per cell")
    g.add_argument("--notebook-timeout", type=float, default=600,
                   help="seconds per notebook")
    g.add_argument("--memory-mb", type=int, default=2048,
                   help="address-space limit of each run in MB (0 = none)")
    g.add_argument("--quiet", action="store_true", help="no progress bar")
    return ap


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "release":
            from .release import release

            res = release(args.sets, args.questions, args.mode, args.out,
                          wheel=not args.no_wheel)
            print(f"released {len(res['questions'])} question(s) in {args.mode} mode "
                  f"into {args.out}:")
            for p in res["notebooks"]:
                print(f"  {p}")
            if res["wheel"]:
                print(f"  {res['wheel']}")
            if res["key_hits"]:
                print(f"warning: {len(res['key_hits'])} place(s) in what students receive "
                      f"show an answer of a released question (a figure the prompt gives, "
                      f"or an example in the library's documentation); choose other "
                      f"questions to assess if it matters:", file=sys.stderr)
                for hit in res["key_hits"]:
                    print(f"  {hit}", file=sys.stderr)
            elif args.mode == "assessed":
                print("no key, misconception value, hint or solution of the released "
                      "questions found in the folder or the wheel")
            return 0
        from .grade import grade

        res = grade(args.submissions, args.out, sets=args.sets or None, jobs=args.jobs,
                    cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                    memory_mb=args.memory_mb, progress=not args.quiet)
        runs = {}
        for s in res["submissions"]:
            runs[s.run] = runs.get(s.run, 0) + 1
        print(f"graded {len(res['submissions'])} file(s) ("
              + ", ".join(f"{k} {v}" for k, v in sorted(runs.items())) + f"); see "
              f"{os.path.join(args.out, 'report.md')}")
        return 0
    except (ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
