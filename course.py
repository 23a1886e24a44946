#!/usr/bin/env python3
"""Set up and run the course with nothing but Python installed.

    python3 course.py lab      # install into .venv (first time only) and open JupyterLab
    python3 course.py test     # install into .venv (first time only) and run every test
    python3 course.py release --sets 02 --mode practice|assessed --out DIR
                               # student copies of exercise sets (docs/teaching.md)
    python3 course.py grade SUBMISSIONS --out DIR
                               # grade a folder of submitted notebooks, class report
    python3 course.py site     # build the course as an offline static site in _build/site

Both create a virtual environment in ``.venv`` next to this file and install the course
with the versions in ``constraints.txt`` (the set tested together). Extra arguments go to
JupyterLab or pytest, e.g. ``python3 course.py lab --allow-root`` (needed as root) or
``python3 course.py test -x tests/test_metrics.py``. ``--newest`` installs the newest
releases instead of the tested versions (in ``.venv-newest``), to see whether an upgrade
breaks anything.

``--lang zh`` or ``--lang en`` chooses the language of these messages and of the course:
``lab`` then opens the Chinese (or English) first notebook and gives JupyterLab's kernels
that language. Without it, the language is the class default (``$CHENGYU_LANGUAGE`` or the
settings file, see ``chengyu_lib/language.py``), else the system's (a ``zh_*`` locale means
Chinese), else English.

Needs Python 3.10 or newer. A ``.venv`` that cannot work (an interrupted set-up, a missing
interpreter, an old Python, no pip, packages gone) is rebuilt or reinstalled, with a note.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import locale
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START = "notebooks/00_start_here.ipynb"
START_ZH = "notebooks/zh/00_start_here.ipynb"
COMMANDS = ("lab", "test", "release", "grade", "site")
STAMP = ".course-installed"      # written last, once the install has succeeded
CREATING = ".course-creating"    # present while a venv is being made; removed when done
LANGUAGES = ("en", "zh")
_reader = {"language": "en"}     # set by main() from --lang, the class default or the locale

HELP_ZH = """用只装了 Python 的电脑安装并运行本课程。

    python3 course.py lab      # 安装到 .venv（只在第一次）并打开 JupyterLab
    python3 course.py test     # 安装到 .venv（只在第一次）并运行全部测试
    python3 course.py release --sets 02 --mode practice|assessed --out 文件夹
                               # 为学生生成练习（见 docs/teaching.md）
    python3 course.py grade 提交文件夹 --out 结果文件夹
                               # 批改收上来的笔记本，生成全班报告
    python3 course.py site     # 把课程生成离线静态网站（_build/site）

版本按 constraints.txt 安装。其余参数传给 JupyterLab 或 pytest，例如
python3 course.py lab --allow-root（以 root 身份运行时需要）。--lang zh 或 --lang en 选择
提示和课程的语言；不写时依次看 CHENGYU_LANGUAGE、设置文件、系统语言环境，最后是英文。
--newest 安装最新版本（在 .venv-newest 中），检查升级会不会出问题。需要 Python 3.10 或更新版本。
"""


def _say(en: str, zh: str) -> str:
    """The message in the reader's language (chosen once by :func:`main`)."""
    return zh if _reader["language"] == "zh" else en


def _class_default() -> str | None:
    """The class default set by a teacher (``$CHENGYU_LANGUAGE`` or the settings file),
    read by the course's own ``chengyu_lib/language.py`` (plain Python, loaded by path so
    this works before anything is installed); None when none is set or the module is absent."""
    path = ROOT / "chengyu_lib" / "language.py"
    env = os.environ.get("CHENGYU_LANGUAGE", "").strip().lower()
    if env in LANGUAGES:
        return env
    if not path.exists():
        return None
    try:
        spec = importlib.util.spec_from_file_location("_course_language", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not module.settings_path().is_file():
            return None
        return module.default_language()
    except Exception:        # a broken settings module must not stop the set-up
        return None


def _system_language() -> str:
    """``zh`` when the system locale is Chinese (``zh_CN.UTF-8``, ``Chinese (Simplified)_China``),
    else ``en``."""
    names = [os.environ.get(k, "") for k in ("LC_ALL", "LC_MESSAGES", "LANG")]
    try:
        names.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    name = next((n for n in names if n), "")
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"


def reader_language(argv: list[str]) -> tuple[str, bool, list[str]]:
    """The language for this run, whether ``--lang`` chose it, and ``argv`` without
    ``--lang X`` / ``--lang=X``. Order: ``--lang``, the class default, the system locale,
    English. An unknown or missing value after ``--lang`` stops with a message.

    >>> reader_language(["lab", "--lang", "zh", "--allow-root"])
    ('zh', True, ['lab', '--allow-root'])
    """
    rest, chosen = [], None
    items = iter(argv)
    for arg in items:
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else next(items, "")
            if value not in LANGUAGES:
                sys.exit(f"course: --lang must be zh or en (--lang 只能是 zh 或 en), got {value!r}")
            chosen = value
        else:
            rest.append(arg)
    if chosen:
        return chosen, True, rest
    return _class_default() or _system_language(), False, rest


def lab_args(start: str = START) -> list[str]:
    """JupyterLab options: serve the repository root (so every relative link between
    notebooks/, exercises/ and data/ resolves) and open ``start``; the URL the server
    prints is that notebook's."""
    url = "/lab/tree/" + start.replace(os.sep, "/")
    return [f"--ServerApp.root_dir={ROOT}", f"--ServerApp.default_url={url}",
            f"--LabApp.default_url={url}"]


def _bin(env: Path, name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return env / folder / f"{name}{suffix}"


def _pyproject() -> str:
    path = ROOT / "pyproject.toml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def min_python() -> tuple[int, int]:
    """The oldest Python the course supports, from ``requires-python`` (>=3.X)."""
    m = re.search(r'^requires-python\s*=\s*"\s*>=\s*(\d+)\.(\d+)', _pyproject(), re.M)
    return (int(m.group(1)), int(m.group(2))) if m else (3, 10)


def _project_name() -> str:
    m = re.search(r'^name\s*=\s*"([^"]+)"', _pyproject(), re.M)
    return m.group(1) if m else "chengyu-lib"


def check_python(version=None) -> None:
    """Stop, before anything is created, if this Python is too old for the course."""
    have = tuple((version or sys.version_info)[:2])
    need = min_python()
    if have < need:
        sys.exit(_say(f"course: Python {need[0]}.{need[1]} or newer is needed; this is "
                      f"Python {have[0]}.{have[1]} ({sys.executable}). Install a newer Python "
                      f"(e.g. python{need[0]}.{need[1] + 1}) and run it: "
                      f"python3.{need[1] + 1} course.py ...",
                      f"course：需要 Python {need[0]}.{need[1]} 或更新版本，这里是 Python "
                      f"{have[0]}.{have[1]}（{sys.executable}）。请安装更新的 Python（例如 "
                      f"python{need[0]}.{need[1] + 1}），再用它运行：python3.{need[1] + 1} course.py ..."))


# Run with the venv's own Python: what it is, whether it has pip, and which of the course's
# requirements (for the installed extras) importlib.metadata cannot find.
_PROBE = r"""
import importlib.metadata as md, importlib.util, json, re, sys
name, extras = sys.argv[1], set(sys.argv[2:])
missing = []
try:
    reqs = md.requires(name) or []
except md.PackageNotFoundError:
    reqs, missing = [], [name]
for req in reqs:
    dist, _, marker = req.partition(";")
    wanted = re.findall(r"extra\s*==\s*\W([\w.-]+)\W", marker)
    if wanted and not extras.intersection(wanted):
        continue
    dist = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", dist).group(1)
    try:
        md.distribution(dist)
    except md.PackageNotFoundError:
        missing.append(dist)
print(json.dumps({"version": list(sys.version_info[:2]),
                  "pip": importlib.util.find_spec("pip") is not None, "missing": missing}))
"""


def _probe(env: Path, extras) -> dict | None:
    """What the venv's Python reports about itself, or None if it does not run."""
    python = _bin(env, "python")
    if not python.exists():
        return None
    try:
        out = subprocess.run([str(python), "-I", "-c", _PROBE, _project_name(), *extras],
                             capture_output=True, text=True, timeout=60)
        return json.loads(out.stdout) if out.returncode == 0 else None
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def _digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _create(env: Path) -> None:
    """Make a fresh venv with pip; a marker file says "unfinished" until it is done."""
    env.mkdir(parents=True)
    (env / CREATING).write_text("course.py is creating this environment\n")
    venv.create(env, with_pip=True)
    (env / CREATING).unlink()


def _install(env: Path, spec: str, newest: bool) -> None:
    cmd = [str(_bin(env, "python")), "-m", "pip", "install", "--disable-pip-version-check",
           "-q", "-e", spec]
    if not newest:
        cmd += ["-c", "constraints.txt"]
    else:
        cmd += ["--upgrade", "--upgrade-strategy", "eager"]
    print("course: " + " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def _rebuild_reason(env: Path, extras) -> tuple[str | None, dict | None]:
    """Why ``env`` must be made again (None if it can be used), and its probe."""
    if (env / CREATING).exists():
        return _say("an earlier set-up was interrupted", "上一次安装被中断了"), None
    if not (env / "pyvenv.cfg").exists():
        if any(env.iterdir()):
            sys.exit(_say(f"course: {env} exists but is not a virtual environment (no "
                          "pyvenv.cfg); move it away or delete it, then run this again.",
                          f"course：{env} 已存在，但不是虚拟环境（没有 pyvenv.cfg）；请把它移走或"
                          "删除，再运行一次。"))
        return _say("it is empty", "它是空的"), None
    probe = _probe(env, extras)
    if probe is None:
        return _say("its Python interpreter is missing or does not start",
                    "其中的 Python 解释器缺失或无法启动"), None
    have, need = tuple(probe["version"]), min_python()
    if have < need:
        return _say(f"it was made with Python {have[0]}.{have[1]} and the course needs "
                    f"{need[0]}.{need[1]} or newer",
                    f"它由 Python {have[0]}.{have[1]} 创建，而课程需要 {need[0]}.{need[1]} "
                    "或更新版本"), probe
    if not probe["pip"]:
        return _say("it has no pip", "其中没有 pip"), probe
    return None, probe


def ensure_env(extras: str, newest: bool) -> Path:
    """Create the virtual environment and install the course, unless already done with the
    same pyproject and constraints and at least the requested extras (so switching between
    ``lab`` and ``test`` does not reinstall).

    A venv that cannot work (interrupted set-up, interpreter missing, too old a Python, no
    pip) is removed and made again, saying why; one whose packages went missing despite
    the stamp is installed into again. The stamp is written last, so an install that was
    interrupted is repeated on the next run.
    """
    env = ROOT / (".venv-newest" if newest else ".venv")
    stamp = env / STAMP
    files = _digest()
    wanted = {extras} - {""}
    done: set[str] = set()
    probe = None
    if env.exists():
        reason, probe = _rebuild_reason(env, sorted(wanted))
        if reason is not None:
            if Path(sys.prefix).resolve() == env.resolve():
                sys.exit(_say(f"course: {env.name} cannot be rebuilt while it runs this script "
                              f"({reason}); run course.py with the system python3 instead.",
                              f"course：{env.name} 正在运行本脚本，无法重建（{reason}）；请改用"
                              "系统的 python3 运行 course.py。"))
            print(_say(f"course: {env.name} cannot be used ({reason}); rebuilding it.",
                       f"course：{env.name} 无法使用（{reason}），正在重建。"), flush=True)
            shutil.rmtree(env)
    if env.exists() and stamp.exists():
        try:
            recorded = json.loads(stamp.read_text())
        except ValueError:
            recorded = {}
        if isinstance(recorded, dict):
            # extras installed earlier stay installed when pyproject/constraints change
            done = set(recorded.get("extras", []))
            if recorded.get("files") == files and wanted <= done:
                if not probe["missing"]:
                    return env
                print(_say(f"course: {env.name} lacks {', '.join(probe['missing'])} although "
                           "it was installed; installing again.",
                           f"course：{env.name} 已安装过，却缺少 {', '.join(probe['missing'])}；"
                           "正在重新安装。"), flush=True)
    if not env.exists():
        print(_say(f"course: creating {env.name} ...", f"course：正在创建 {env.name} ……"),
              flush=True)
        try:
            _create(env)
        except (subprocess.CalledProcessError, OSError) as err:
            shutil.rmtree(env, ignore_errors=True)
            sys.exit(_say(f"course: could not create {env} ({err}). This Python cannot make "
                          "virtual environments with pip (ensurepip); on Debian or Ubuntu run "
                          "`apt install python3-venv` and try again.",
                          f"course：无法创建 {env}（{err}）。这个 Python 不能创建带 pip 的虚拟环境"
                          "（缺少 ensurepip）；在 Debian 或 Ubuntu 上请先运行 "
                          "`apt install python3-venv`，再试一次。"))
    install = sorted(wanted | done)
    spec = f".[{','.join(install)}]" if install else "."
    stamp.unlink(missing_ok=True)          # not trusted until this install has finished
    try:
        _install(env, spec, newest)
    except subprocess.CalledProcessError as err:
        sys.exit(_say(f"course: installing the course into {env.name} failed (pip exit "
                      f"{err.returncode}); read pip's messages above, fix the cause (e.g. the "
                      "network) and run the same command again.",
                      f"course：把课程安装到 {env.name} 失败（pip 退出码 {err.returncode}）；请看上面"
                      "pip 的提示，排除原因（例如网络）后再运行同一条命令。"))
    stamp.write_text(json.dumps({"files": files, "extras": install}))
    return env


def _workers(rest: list[str]) -> list[str]:
    """pytest-xdist options: one worker per CPU (at most 4), whole files per worker
    (``--dist loadfile``: nbval needs a notebook's cells in one kernel). Nothing when the
    caller chose (``-n``, ``-p no:xdist``) or when there is one CPU."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses", "--dist")) for a in rest) \
            or "no:xdist" in rest:
        return []
    cpus = min(os.cpu_count() or 1, 4)
    return ["-n", str(cpus), "--dist", "loadfile"] if cpus > 1 else []


def main(argv: list[str]) -> int:
    language, chosen, argv = reader_language(argv)
    _reader["language"] = language
    if chosen:
        # what the course prints in the commands it starts (kernels, release, grade) follows
        # --lang too: they read it through chengyu_lib.language.default_language
        os.environ["CHENGYU_LANGUAGE"] = language
    if argv[:1] in (["-h"], ["--help"], ["help"]):
        print(_say(__doc__, HELP_ZH))
        return 0
    if not argv or argv[0] not in COMMANDS:
        what = (_say(f"unknown command {argv[0]!r}", f"没有 {argv[0]!r} 这条命令") if argv
                else _say("no command given", "没有给出命令"))
        print(_say(f"course: {what}; use one of: {', '.join(COMMANDS)} "
                   "(python3 course.py --help for more)",
                   f"course：{what}；可用的命令：{', '.join(COMMANDS)}"
                   "（详见 python3 course.py --help）"), file=sys.stderr)
        return 2
    check_python()
    action, rest = argv[0], argv[1:]
    if action == "site":
        # the site builder runs in the course environment (chengyu_lib, fontTools) and
        # installs Jupyter Book into its own .venv-site
        env = ensure_env("", False)
        return subprocess.call([str(_bin(env, "python")), str(ROOT / "scripts" / "build_site.py"),
                                *rest], cwd=ROOT)
    if action in ("release", "grade"):
        # the classroom commands run inside the course environment
        env = ensure_env("", "--newest" in rest)
        rest = [a for a in rest if a != "--newest"]
        cmd = [str(_bin(env, "python")), "-m", "chengyu_lib.classroom", action, *rest]
        return subprocess.call(cmd)
    newest = "--newest" in rest
    rest = [a for a in rest if a != "--newest"]
    if action == "lab":
        env = ensure_env("", newest)
        cmd = [str(_bin(env, "jupyter")), "lab",
               *lab_args(START_ZH if language == "zh" else START), *rest]
        os.environ.setdefault("CHENGYU_LANGUAGE", language)    # a Chinese system's kernels
    else:
        env = ensure_env("test", newest)
        cmd = [str(_bin(env, "python")), "-m", "pytest", *_workers(rest), *rest]
    os.chdir(ROOT)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
