"""Course performance benchmark: what a learner waits for, measured against a floor.

    .venv/bin/python benchmarks/run.py [--runs 3] [--strict]

Measures, in the same run, each value the median of ``--runs`` repetitions:

* every ``notebooks/NN_*.ipynb`` executed top to bottom in a fresh kernel with nbclient,
  exactly as ``scripts/run_notebooks.py`` does (the notebook is *not* written back), next to
  the **floor**: a one-cell notebook run the same way that only does
  ``import chengyu_lib as cy; cy.plotting.setup()`` (kernel start + library + fonts), and,
  for information, the **import floor**: the floor plus ``import pandas,
  matplotlib.pyplot, ipywidgets``, which every course notebook needs for its tables, charts
  and explorer (the time above it is the course's own content);
* the **peak memory** (VmHWM, peak resident set) of each notebook's kernel, read from
  ``/proc/<kernel pid>/status`` after every cell (Linux only);
* ``import chengyu_lib`` against ``import pandas, matplotlib`` (and, for information,
  the library's first use: ``plotting.setup()`` + ``datasets.load("circle_economy")``),
  each in fresh interpreters;
* the first ``cy.text.tokenize`` call (jieba's dictionary load) in a fresh interpreter,
  with an empty (cold) and a filled (warm) cache directory.

Targets, printed as pass/FAIL: no notebook above 2x the floor; the whole course (sum of
notebook times / sum of floors) at most 1.5x; ``import chengyu_lib`` at most 1.15x the
pandas + matplotlib import; no kernel above 300 MB. ``--strict`` exits 1 if one is missed.
Writes ``benchmarks/results/benchmark.json`` (every sample, the medians, the verdicts).
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
OUT = ROOT / "benchmarks" / "results" / "benchmark.json"

TARGETS = {"notebook_vs_floor": 2.0, "course_vs_floor": 1.5, "import_ratio": 1.15,
           "kernel_peak_mb": 300.0}

FLOOR_SOURCE = "import chengyu_lib as cy\ncy.plotting.setup()"
#: For information: the floor plus the three libraries every course notebook imports before
#: its first table, chart and explorer (pandas, pyplot with the inline backend, ipywidgets).
#: Notebook time above it is the course's own content.
IMPORT_FLOOR_SOURCE = FLOOR_SOURCE + "\nimport pandas, matplotlib.pyplot, ipywidgets"

IMPORT_PROBES = {
    "import pandas, matplotlib": "import pandas, matplotlib",
    "import chengyu_lib": "import chengyu_lib",
    "import chengyu_lib + first use": (
        "import chengyu_lib as cy\ncy.plotting.setup()\ncy.datasets.load('circle_economy')"),
}

TOKENIZE_PROBE = ("import chengyu_lib.text as T\n"
                  "t0 = time.perf_counter(); T.tokenize('推动川渝通办提质扩面')")


def _env() -> dict:
    """The environment scripts/run_notebooks.py gives its kernels."""
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def _cell_seconds(cell) -> float:
    from datetime import datetime

    t = cell.get("metadata", {}).get("execution", {})
    a, b = t.get("iopub.execute_input"), t.get("shell.execute_reply")
    if not a or not b:
        return 0.0
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(b) - parse(a)).total_seconds()


def slowest_cells(nb, k: int = 3) -> list[dict]:
    """The ``k`` code cells that took longest (from nbclient's timing metadata)."""
    cells = [{"cell": i, "seconds": round(_cell_seconds(c), 3),
              "source": c.source.strip().splitlines()[-1][:90] if c.source.strip() else ""}
             for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    return sorted(cells, key=lambda c: -c["seconds"])[:k]


def run_notebook(nb, folder: Path, timeout: int = 600) -> tuple[float, float | None]:
    """Execute ``nb`` (a NotebookNode, changed in memory only) in a fresh kernel; return
    (seconds for ``client.execute()``, peak RSS of the kernel in MB)."""
    from nbclient import NotebookClient

    peak: list[float] = []

    def after_cell(**_):
        process = getattr(getattr(client.km, "provisioner", None), "process", None)
        mb = _peak_rss_mb(process.pid) if process is not None else None
        if mb is not None:
            peak.append(mb)

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}},
                            on_cell_executed=after_cell)
    start = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up chatter
    elapsed = time.perf_counter() - start
    return elapsed, (max(peak) if peak else None)


def floor_notebook(source: str = FLOOR_SOURCE):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def probe(code: str, env: dict | None = None) -> float:
    """Seconds spent in ``code`` (an import, or a timed call) in a fresh interpreter."""
    timed = ("import time\nt0 = time.perf_counter()\n" + code +
             "\nprint(time.perf_counter() - t0)")
    res = subprocess.run([sys.executable, "-c", timed], cwd=ROOT, env=env or _env(),
                         capture_output=True, text=True)
    if res.returncode:
        raise RuntimeError(f"probe failed:\n{code}\n{res.stderr}")
    return float(res.stdout.strip().splitlines()[-1])


def _median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--out", type=Path, default=OUT,
                        help=f"where to write the JSON (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/[0-9][0-9]_*.ipynb")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    os.environ.update({k: v for k, v in _env().items() if k not in os.environ})
    import nbformat

    paths = ([Path(p).resolve() for p in args.notebooks] if args.notebooks
             else sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    if not paths:
        parser.error("no notebooks found")
    names = [p.stem for p in paths]
    times = {n: [] for n in names}
    peaks = {n: [] for n in names}
    floors, floor_peaks, import_floors = [], [], []
    cells = {}
    imports = {k: [] for k in IMPORT_PROBES}
    tokenize = {"cold cache": [], "warm cache": []}

    with tempfile.TemporaryDirectory() as warm:
        probe(TOKENIZE_PROBE, {**_env(), "CHENGYU_LIB_CACHE_DIR": warm})  # fill once
        for r in range(args.runs):
            print(f"run {r + 1}/{args.runs}: floor", end="", flush=True)
            t, mb = run_notebook(floor_notebook(), ROOT / "notebooks")
            floors.append(t)
            floor_peaks.append(mb)
            import_floors.append(run_notebook(floor_notebook(IMPORT_FLOOR_SOURCE),
                                            ROOT / "notebooks")[0])
            for path, name in zip(paths, names):
                print(f", {name[:2]}", end="", flush=True)
                nb = nbformat.read(path, as_version=4)
                t, mb = run_notebook(nb, path.parent)
                times[name].append(t)
                peaks[name].append(mb)
                cells[name] = slowest_cells(nb)
            print(", imports", end="", flush=True)
            for key, code in IMPORT_PROBES.items():
                imports[key].append(probe(code))
            print(", tokenize", flush=True)
            with tempfile.TemporaryDirectory() as cold:
                tokenize["cold cache"].append(
                    probe(TOKENIZE_PROBE, {**_env(), "CHENGYU_LIB_CACHE_DIR": cold}))
            tokenize["warm cache"].append(
                probe(TOKENIZE_PROBE, {**_env(), "CHENGYU_LIB_CACHE_DIR": warm}))

    floor = statistics.median(floors)
    import_floor = statistics.median(import_floors)
    rows = []
    for name in names:
        t = statistics.median(times[name])
        mb = _median(peaks[name])
        rows.append({"notebook": name, "seconds": t, "floor_seconds": floor,
                     "ratio": t / floor, "ratio_vs_import_floor": t / import_floor,
                     "kernel_peak_mb": mb, "slowest_cells_last_run": cells[name],
                     "ratio_ok": t / floor <= TARGETS["notebook_vs_floor"],
                     "memory_ok": mb is None or mb <= TARGETS["kernel_peak_mb"],
                     "samples": times[name]})
    course = sum(r["seconds"] for r in rows)
    course_floor = floor * len(rows)
    imp = {k: statistics.median(v) for k, v in imports.items()}
    import_ratio = imp["import chengyu_lib"] / imp["import pandas, matplotlib"]
    tok = {k: statistics.median(v) for k, v in tokenize.items()}
    measured_peaks = [r["kernel_peak_mb"] for r in rows if r["kernel_peak_mb"] is not None]
    verdicts = {
        f"every notebook <= {TARGETS['notebook_vs_floor']}x floor":
            all(r["ratio_ok"] for r in rows),
        f"whole course <= {TARGETS['course_vs_floor']}x floor":
            course / course_floor <= TARGETS["course_vs_floor"],
        f"import chengyu_lib <= {TARGETS['import_ratio']}x pandas+matplotlib":
            import_ratio <= TARGETS["import_ratio"],
        f"every kernel <= {TARGETS['kernel_peak_mb']:.0f} MB":
            all(r["memory_ok"] for r in rows) and bool(measured_peaks),
    }

    # For information only (not the targets): the same two ratios against the import
    # floor, which separates what the course's content costs from what its libraries cost.
    information = {
        f"every notebook <= {TARGETS['notebook_vs_floor']}x import floor":
            all(r["ratio_vs_import_floor"] <= TARGETS["notebook_vs_floor"] for r in rows),
        f"whole course <= {TARGETS['course_vs_floor']}x import floor":
            course / (import_floor * len(rows)) <= TARGETS["course_vs_floor"],
    }

    # --- print ---------------------------------------------------------------------------
    w = max(len(n) for n in names + ["(import floor: + pandas, pyplot, ipywidgets)"])
    print(f"\n{'notebook':<{w}}  {'time':>7}  {'floor':>7}  {'ratio':>6}  {'peak RSS':>9}"
          f"  {'vs import floor':>15}")
    for r in rows:
        mb = f"{r['kernel_peak_mb']:.0f} MB" if r["kernel_peak_mb"] is not None else "n/a"
        flag = "" if r["ratio_ok"] and r["memory_ok"] else "  <-- over target"
        print(f"{r['notebook']:<{w}}  {r['seconds']:6.2f}s  {floor:6.2f}s  "
              f"{r['ratio']:5.2f}x  {mb:>9}  {r['ratio_vs_import_floor']:14.2f}x{flag}")
    fmb = _median(floor_peaks)
    print(f"{'(floor notebook)':<{w}}  {floor:6.2f}s  {'':>7}  {'':>6}  "
          f"{(f'{fmb:.0f} MB' if fmb else 'n/a'):>9}")
    print(f"{'(import floor: + pandas, pyplot, ipywidgets)':<{w}}  {import_floor:6.2f}s")
    print(f"{'whole course':<{w}}  {course:6.2f}s  {course_floor:6.2f}s  "
          f"{course / course_floor:5.2f}x  {'':>9}  {course / (import_floor * len(rows)):14.2f}x")
    over = [r for r in rows if not r["ratio_ok"]]
    if over:
        print("\nslowest cells of the notebooks over 2x (last run):")
        for r in over:
            print("  " + r["notebook"] + ": " + "; ".join(
                f"#{c['cell']} {c['seconds']:.2f}s `{c['source']}`"
                for c in r["slowest_cells_last_run"]))
    print()
    base = imp["import pandas, matplotlib"]
    for key, v in imp.items():
        print(f"{key:<34} {v * 1000:7.0f} ms  {v / base:5.2f}x pandas+matplotlib")
    for key, v in tok.items():
        print(f"{'first cy.text.tokenize, ' + key:<34} {v * 1000:7.0f} ms")
    print()
    for text, ok in verdicts.items():
        print(f"[{_verdict(ok)}] {text}")
    print("for information, against the import floor:")
    for text, ok in information.items():
        print(f"  ({_verdict(ok)}) {text}")

    # --- write ---------------------------------------------------------------------------
    import jupyter_client
    import nbclient

    result = {
        "benchmark": "course notebooks vs floor; imports; memory; first tokenize",
        "date": time.strftime("%Y-%m-%d %H:%M"), "runs": args.runs,
        "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "nbclient": nbclient.__version__,
        "jupyter_client": jupyter_client.__version__,
        "floor_source": FLOOR_SOURCE, "floor_seconds": floor, "floor_samples": floors,
        "floor_kernel_peak_mb": fmb, "import_floor_source": IMPORT_FLOOR_SOURCE,
        "import_floor_seconds": import_floor, "import_floor_samples": import_floors,
        "information_vs_import_floor": information,
        "notebooks": rows,
        "course": {"seconds": course, "floor_seconds": course_floor,
                   "ratio": course / course_floor},
        "imports_seconds": imp, "import_samples": imports,
        "import_ratio_chengyu_lib_vs_pandas_matplotlib": import_ratio,
        "first_tokenize_seconds": tok, "tokenize_samples": tokenize,
        "targets": TARGETS, "verdicts": verdicts,
    }
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"\n(median of {args.runs} runs; written to {shown})")
    return 1 if args.strict and not all(verdicts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
