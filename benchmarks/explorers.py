"""How long a learner waits for an explorer to answer a moved control, in a real kernel.

    .venv/bin/python benchmarks/explorers.py [--moves 15] [--only gravity_explorer ...]
                                             [--profile NAME]

For every explorer of ``cy.widgets`` (the names ending in ``_explorer``), in a fresh
IPython kernel started with jupyter_client:

1. the kernel first pays the import floor, as a course notebook does before its explorer
   (``import chengyu_lib as cy; cy.plotting.setup()`` and ``import pandas,
   matplotlib.pyplot, ipywidgets``);
2. the explorer is built with its defaults (``build``, which includes its first drawing);
3. its first control (a slider, drop-down, toggle or checkbox, found by walking the
   container) is moved ``--moves`` times to different settings; each move runs the
   explorer's callback synchronously in the kernel, so the time of the assignment is the
   time to the new output (text and PNG) in the kernel.

Reported per explorer: the ``first`` redraw (the first move after building) and the
``median`` redraw of all moves, beside the targets (median ≤ 100 ms, first ≤ 250 ms), as
wall time and as the kernel's CPU time (``time.process_time``), which a busy machine
inflates much less.
Writes ``benchmarks/results/explorers.json``. ``--profile NAME`` prints the cProfile
listing (cumulative time, top 25) of the moves of one explorer instead.

The time a browser adds (sending the change, drawing the PNG) is measured by the browser
test (``tests/e2e``), which prints it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "explorers.json"
TARGETS = {"median_ms": 100.0, "first_ms": 250.0}

FLOOR = ("import chengyu_lib as cy\ncy.plotting.setup()\n"
         "import pandas, matplotlib.pyplot, ipywidgets\n")

# Runs inside the kernel: build one explorer, move its first control, time each move.
PROBE = r'''
import json as _json, time as _time

def _controls(w):
    import ipywidgets as W
    skip = (W.Output, W.Button, W.Textarea, W.Text, W.HTML, W.Label)
    for c in getattr(w, "children", ()):
        if isinstance(c, skip):
            continue
        if hasattr(c, "children") and not hasattr(c, "value"):
            yield from _controls(c)
        elif hasattr(c, "value"):
            yield c

def _settings(c, n):
    if hasattr(c, "options") and c.options:
        vals = [o[1] if isinstance(o, tuple) else o for o in c.options]
        vals = [v for v in vals if v != c.value] + [c.value]
        return [vals[i % len(vals)] for i in range(n)]
    if isinstance(c.value, bool):
        return [not c.value if i % 2 == 0 else c.value for i in range(n)]
    lo, hi, step = float(c.min), float(c.max), float(getattr(c, "step", 0) or 0)
    out = []
    for i in range(n):
        v = lo + (hi - lo) * (0.15 + 0.7 * ((i * 7) % n) / max(n - 1, 1))
        if step:
            v = lo + round((v - lo) / step) * step
        if v == c.value:
            v = min(hi, v + (step or (hi - lo) / 100))
        out.append(type(c.value)(v))
    return out

def _bench(name, moves, profile=False):
    t0 = _time.perf_counter()
    e = getattr(cy.widgets, name)()
    build = _time.perf_counter() - t0
    c = next(_controls(e))
    start = c.value
    settings = _settings(c, moves)
    out = [w for w in e.children if type(w).__name__ == "Output"][0]
    changed = 0
    times, cpu = [], []
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    for v in settings:
        before = repr(out.outputs)
        t0, c0 = _time.perf_counter(), _time.process_time()
        c.value = v
        times.append(_time.perf_counter() - t0)
        cpu.append(_time.process_time() - c0)
        changed += repr(out.outputs) != before
    if prof is not None:
        import io, pstats
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
        print(buf.getvalue())
    return {"explorer": name, "control": type(c).__name__,
            "description": getattr(c, "description", ""),
            "start": repr(start), "settings": [repr(v) for v in settings],
            "outputs_changed": changed,
            "build_ms": 1000 * build, "moves_ms": [1000 * t for t in times],
            "moves_cpu_ms": [1000 * t for t in cpu]}
'''


def _run(km_client, code: str, timeout: float = 600) -> tuple[str, str]:
    """Execute ``code``; return (stdout, the text/plain result)."""
    out, result = [], ""
    msg_id = km_client.execute(code, store_history=False)
    while True:
        msg = km_client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "execute_result":
            result = content["data"].get("text/plain", "")
        elif kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            return "".join(out), result


def measure(name: str, moves: int, profile: bool = False) -> dict:
    from jupyter_client.manager import start_new_kernel

    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(ROOT))
    try:
        _run(kc, FLOOR + PROBE)
        out, _ = _run(kc, f"print(_json.dumps(_bench({name!r}, {moves}, {profile!r})))")
        *listing, last = out.rstrip("\n").split("\n")
        if profile:
            print("\n".join(listing))
        return json.loads(last)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--moves", type=int, default=15)
    ap.add_argument("--only", nargs="*", help="explorer names (default: all)")
    ap.add_argument("--profile", metavar="NAME", help="print a cProfile of one explorer")
    ap.add_argument("--out", type=Path, default=OUT, help=f"JSON report (default {OUT})")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import chengyu_lib as cy

    if args.profile:
        measure(args.profile, args.moves, profile=True)
        return 0
    names = args.only or [n for n in cy.widgets.__all__ if n.endswith("_explorer")]
    rows = []
    print(f"{'explorer':24} {'control':12} {'build':>6} {'first':>6} {'median':>6} "
          f"{'CPU first':>9} {'median':>6}  targets: first ≤ {TARGETS['first_ms']:.0f} ms, "
          f"median ≤ {TARGETS['median_ms']:.0f} ms (wall)")
    for name in names:
        r = measure(name, args.moves)
        r["first_ms"] = r["moves_ms"][0]
        r["median_ms"] = statistics.median(r["moves_ms"])
        r["first_cpu_ms"] = r["moves_cpu_ms"][0]
        r["median_cpu_ms"] = statistics.median(r["moves_cpu_ms"])
        r["pass"] = (r["first_ms"] <= TARGETS["first_ms"]
                     and r["median_ms"] <= TARGETS["median_ms"])
        rows.append(r)
        print(f"{name:24} {r['control']:12} {r['build_ms']:6.0f} {r['first_ms']:6.0f} "
              f"{r['median_ms']:6.0f} {r['first_cpu_ms']:9.0f} {r['median_cpu_ms']:6.0f}  "
              f"{'pass' if r['pass'] else 'FAIL'}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                               "moves": args.moves, "targets": TARGETS, "explorers": rows},
                              indent=1), encoding="utf-8")
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"(ms; {args.moves} moves each; load average {load:.1f} on {os.cpu_count()} CPUs: "
          f"wall times grow with it, the kernel's CPU times much less; written to "
          f"{args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
