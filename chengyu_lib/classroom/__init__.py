"""The classroom: release exercise sets to students and grade a whole class.

``release`` (:mod:`.release`) writes the student copies of chosen sets or questions into a
folder, in *practice* mode (instant feedback) or *assessed* mode (no key reaches the
student; ``check`` only records). ``grade`` (:mod:`.grade`) runs every submitted notebook
in a fresh kernel under time and memory limits, re-checks the captured answers with the
teacher's bank and writes ``grades.csv``, the wide sheets, the written answers and a class
report (:mod:`.report`). Both are commands::

    python3 course.py release --sets 02 --mode assessed --out release-02
    python3 course.py grade submissions/ --out marks/
    python -m chengyu_lib.classroom release|grade ...     (inside the environment)

Functions: ``classroom.release.release(...)`` and ``classroom.grade.grade(...)``.
docs/teaching.md walks a teacher through a whole round. Importing this package is light:
the submodules load on first use.
"""
__all__ = ["release", "grade", "report"]   # submodules, loaded on first use


def __getattr__(name):
    if name in __all__:
        from importlib import import_module

        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
