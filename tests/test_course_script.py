"""course.py recovers from broken set-ups (issue 16, item 4), with real virtual
environments in temporary folders.

course.py is copied next to a tiny pyproject (project ``tiny-course`` needing
``fakedep``, and ``fakedep-test`` with the "test" extra). Creating a venv with pip
(ensurepip) takes seconds and installing needs an index, so most tests replace two steps:
``_create`` makes a real venv *without* pip and plants an empty ``pip`` package in it, and
``_install`` writes the ``.dist-info`` folders that pip would write. Everything else, in
particular the probe that runs the venv's own Python and asks importlib.metadata, is real.
One test (marked slow, about 5-15 s) lets course.py rebuild a pip-less venv with real
ensurepip.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TINY_PYPROJECT = """\
[project]
name = "tiny-course"
version = "0.1"
requires-python = ">=3.10"
dependencies = ["fakedep>=1"]

[project.optional-dependencies]
test = ["fakedep-test"]
"""


def _site(env: Path) -> Path:
    rel = Path(sysconfig.get_path("purelib", vars={"base": ".", "platbase": "."}))
    return env / rel


def _dist(env: Path, name: str, requires=()):
    info = _site(env) / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0",
             *(f"Requires-Dist: {r}" for r in requires)]
    (info / "METADATA").write_text("\n".join(lines) + "\n")
    return info


@pytest.fixture
def course(tmp_path, monkeypatch):
    """course.py loaded from a copy in tmp_path, with the fake create/install steps."""
    shutil.copy(REPO / "course.py", tmp_path / "course.py")
    (tmp_path / "pyproject.toml").write_text(TINY_PYPROJECT)
    spec = importlib.util.spec_from_file_location("course_under_test", tmp_path / "course.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.ROOT == tmp_path
    mod.installs = []

    def fake_create(env):
        env.mkdir(parents=True)
        (env / mod.CREATING).write_text("")
        venv.create(env, with_pip=False)
        (_site(env) / "pip").mkdir(parents=True)
        (_site(env) / "pip" / "__init__.py").write_text("")
        (env / mod.CREATING).unlink()

    def fake_install(env, spec, newest):
        mod.installs.append(spec)
        _dist(env, "tiny-course", ["fakedep>=1", 'fakedep-test; extra == "test"'])
        _dist(env, "fakedep")
        if "test" in spec:
            _dist(env, "fakedep-test")

    monkeypatch.setattr(mod, "_create", fake_create)
    monkeypatch.setattr(mod, "_install", fake_install)
    return mod


def _run(tmp_path, *args, pre="pass", env=None):
    code = (f"import sys, runpy; {pre}; sys.argv = ['course.py', *{list(args)!r}]; "
            "runpy.run_path('course.py', run_name='__main__')")
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env=env)


def _env(**values):
    """The environment with no language chosen (no CHENGYU_LANGUAGE, no settings file, a C
    locale), plus ``values``."""
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("CHENGYU_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["CHENGYU_SETTINGS"] = "/nonexistent/chengyu-settings.json"
    env.update(values)
    return env


# ------------------------------------------------------------------------ arguments
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_exits_0(course, flag):
    out = _run(course.ROOT, flag)
    assert out.returncode == 0 and "python3 course.py lab" in out.stdout


@pytest.mark.parametrize("args", [["bogus"], ["tset"], []])
def test_wrong_subcommand_lists_the_right_ones(course, args):
    out = _run(course.ROOT, *args)
    assert out.returncode == 2
    assert "use one of: lab, test, release, grade, site" in out.stderr
    assert not (course.ROOT / ".venv").exists()


# ------------------------------------------------------------------------ language
@pytest.mark.parametrize("how, env", [
    ("--lang", {}),
    ("locale", {"LANG": "zh_CN.UTF-8"}),
    ("class default", {"CHENGYU_LANGUAGE": "zh"}),
])
def test_messages_are_chinese_when_chinese_is_chosen(course, how, env):
    args = ["--lang", "zh", "bogus"] if how == "--lang" else ["bogus"]
    out = _run(course.ROOT, *args, env=_env(**env))
    assert out.returncode == 2
    assert "没有 'bogus' 这条命令" in out.stderr and "use one of" not in out.stderr
    help_ = _run(course.ROOT, *args[:-1], "--help", env=_env(**env))
    assert "安装到 .venv" in help_.stdout and "install into .venv" not in help_.stdout


def test_class_default_wins_over_the_locale_and_lang_over_both(course, tmp_path):
    # the course's own language module reads the settings file a teacher wrote
    (course.ROOT / "chengyu_lib").mkdir()
    shutil.copy(REPO / "chengyu_lib" / "language.py", course.ROOT / "chengyu_lib")
    settings = tmp_path / "settings.json"
    settings.write_text('{"language": "en"}')
    env = _env(LANG="zh_CN.UTF-8", CHENGYU_SETTINGS=str(settings))
    assert "use one of" in _run(course.ROOT, "bogus", env=env).stderr
    assert "这条命令" in _run(course.ROOT, "--lang=zh", "bogus", env=env).stderr
    assert "use one of" in _run(course.ROOT, "bogus", env=_env()).stderr   # C locale


def test_unknown_lang_is_refused_in_both_languages(course):
    out = _run(course.ROOT, "lab", "--lang", "fr", env=_env())
    assert out.returncode == 1 and "--lang must be zh or en" in out.stderr
    assert "只能是 zh 或 en" in out.stderr and "Traceback" not in out.stderr
    assert not (course.ROOT / ".venv").exists()


@pytest.mark.parametrize("lang, start", [("zh", "notebooks/zh/00_start_here.ipynb"),
                                         ("en", "notebooks/00_start_here.ipynb")])
def test_lab_opens_the_edition_of_the_chosen_language(course, monkeypatch, lang, start):
    import os

    started = []
    monkeypatch.setattr(course, "ensure_env", lambda extras, newest: course.ROOT / ".venv")
    monkeypatch.setattr(course.subprocess, "call",
                        lambda cmd, **kw: started.append((cmd, os.environ.get(
                            "CHENGYU_LANGUAGE"))) or 0)
    monkeypatch.delenv("CHENGYU_LANGUAGE", raising=False)
    monkeypatch.chdir(os.getcwd())       # main() changes into the course folder; restore it
    assert course.main(["lab", "--lang", lang, "--allow-root"]) == 0
    cmd, kernel_language = started[0]
    assert f"--LabApp.default_url=/lab/tree/{start}" in cmd and "--allow-root" in cmd
    assert "--lang" not in cmd and kernel_language == lang


def test_rebuild_reason_is_given_in_chinese(course, capsys, monkeypatch):
    env = course.ensure_env("", False)
    (env / "pyvenv.cfg").unlink()
    (env / "stray").write_text("")
    monkeypatch.setitem(course._reader, "language", "zh")
    with pytest.raises(SystemExit, match="不是虚拟环境"):
        course.ensure_env("", False)


def test_old_python_is_refused_before_anything_is_created(course):
    out = _run(course.ROOT, "test", pre="sys.version_info = (3, 9, 18, 'final', 0)")
    assert out.returncode == 1
    assert "Python 3.10 or newer is needed; this is Python 3.9" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (course.ROOT / ".venv").exists()


# ------------------------------------------------------------------- environments
def test_fresh_set_up_then_reuse(course, capsys):
    env = course.ensure_env("", False)
    assert course.installs == ["."] and (env / course.STAMP).exists()
    assert course.ensure_env("", False) == env
    assert course.installs == ["."]                 # the stamp and the probe agree
    course.ensure_env("test", False)
    assert course.installs == [".", ".[test]"]
    assert json.loads((env / course.STAMP).read_text())["extras"] == ["test"]
    assert "rebuilding" not in capsys.readouterr().out


def test_extras_survive_a_change_of_constraints(course):
    course.ensure_env("test", False)
    (course.ROOT / "constraints.txt").write_text("fakedep==1.0\n")     # the pins change
    course.ensure_env("", False)                                      # then `lab` runs
    assert course.installs == [".[test]", ".[test]"]   # the test tools are kept, not dropped
    course.ensure_env("test", False)
    assert course.installs == [".[test]", ".[test]"]   # so `test` needs no third install


def test_missing_package_despite_the_stamp_is_installed_again(course, capsys):
    env = course.ensure_env("test", False)
    shutil.rmtree(_site(env) / "fakedep_test-1.0.dist-info")     # pip uninstall behind our back
    course.ensure_env("test", False)
    assert course.installs == [".[test]", ".[test]"]
    assert "lacks fakedep-test although it was installed" in capsys.readouterr().out
    assert (_site(env) / "fakedep_test-1.0.dist-info").exists()


@pytest.mark.parametrize("damage, reason", [
    (lambda env: [p.unlink() for p in (env / "bin").glob("python*")],
     "its Python interpreter is missing or does not start"),
    (lambda env: shutil.rmtree(_site(env) / "pip"), "it has no pip"),
    (lambda env: (env / "bin" / "python").unlink() or
     (env / "bin" / "python").write_text("#!/bin/sh\nexit 3\n") or
     (env / "bin" / "python").chmod(0o755),
     "its Python interpreter is missing or does not start"),
])
def test_broken_venv_is_rebuilt_saying_why(course, capsys, damage, reason):
    env = course.ensure_env("", False)
    damage(env)
    course.ensure_env("", False)
    out = capsys.readouterr().out
    assert f".venv cannot be used ({reason}); rebuilding it." in out
    assert course.installs == [".", "."]
    assert course._probe(env, [])["missing"] == []


def test_venv_of_a_too_old_python_is_rebuilt(course, capsys):
    course.ensure_env("", False)
    # the course now needs a newer Python than the venv's (as a venv made by 3.9 for 3.10)
    have = sys.version_info
    text = (course.ROOT / "pyproject.toml").read_text()
    (course.ROOT / "pyproject.toml").write_text(text.replace(
        ">=3.10", f">={have[0]}.{have[1] + 1}"))
    course.ensure_env("", False)
    assert (f".venv cannot be used (it was made with Python {have[0]}.{have[1]} and the "
            f"course needs {have[0]}.{have[1] + 1} or newer); rebuilding it."
            in capsys.readouterr().out)
    assert course.installs == [".", "."]


def test_interrupted_creation_is_cleaned_up_next_time(course, capsys, monkeypatch):
    real_create = course._create

    def interrupted(env):
        env.mkdir(parents=True)
        (env / course.CREATING).write_text("")
        venv.create(env, with_pip=False)
        raise KeyboardInterrupt

    monkeypatch.setattr(course, "_create", interrupted)
    with pytest.raises(KeyboardInterrupt):
        course.ensure_env("", False)
    monkeypatch.setattr(course, "_create", real_create)
    env = course.ensure_env("", False)
    assert "an earlier set-up was interrupted" in capsys.readouterr().out
    assert not (env / course.CREATING).exists() and (env / course.STAMP).exists()


def test_interrupted_install_is_repeated_next_time(course, monkeypatch):
    real_install = course._install

    def interrupted(env, spec, newest):
        raise KeyboardInterrupt

    env = course.ensure_env("", False)
    (course.ROOT / "constraints.txt").write_text("fakedep==1.0\n")   # forces a reinstall
    monkeypatch.setattr(course, "_install", interrupted)
    with pytest.raises(KeyboardInterrupt):
        course.ensure_env("", False)
    assert not (env / course.STAMP).exists()        # the old stamp is not trusted
    monkeypatch.setattr(course, "_install", real_install)
    course.ensure_env("", False)
    assert course.installs == [".", "."] and (env / course.STAMP).exists()


def test_failed_pip_gives_a_message_not_a_traceback(course, monkeypatch):
    def failing(env, spec, newest):
        raise subprocess.CalledProcessError(1, ["pip"])

    monkeypatch.setattr(course, "_install", failing)
    with pytest.raises(SystemExit, match=r"installing the course into .venv failed \(pip exit 1\)"):
        course.ensure_env("", False)
    assert not (course.ROOT / ".venv" / course.STAMP).exists()


def test_a_folder_that_is_not_a_venv_is_left_alone(course):
    env = course.ROOT / ".venv"
    env.mkdir()
    (env / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="exists but is not a virtual environment"):
        course.ensure_env("", False)
    assert (env / "notes.txt").read_text() == "mine"


@pytest.mark.slow
def test_venv_without_pip_is_rebuilt_with_real_ensurepip(tmp_path, capsys, monkeypatch):
    """The real _create (venv + ensurepip), only the install is faked: about 5-15 s."""
    shutil.copy(REPO / "course.py", tmp_path / "course.py")
    (tmp_path / "pyproject.toml").write_text(TINY_PYPROJECT)
    spec = importlib.util.spec_from_file_location("course_slow", tmp_path / "course.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "_install", lambda env, spec, newest: (
        _dist(env, "tiny-course", ["fakedep>=1"]), _dist(env, "fakedep")))
    env = tmp_path / ".venv"
    venv.create(env, with_pip=False)              # e.g. made by `python3 -m venv --without-pip`
    mod.ensure_env("", False)
    assert ".venv cannot be used (it has no pip); rebuilding it." in capsys.readouterr().out
    pip = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "--version"],
                         capture_output=True, text=True)
    assert pip.returncode == 0 and "pip" in pip.stdout
