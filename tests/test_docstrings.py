"""House rule: every public function documents itself with a runnable example; the
indicator modules also give the range and a reference."""
import importlib
import inspect
import re

import pytest

MODULES = ["datasets", "article", "metrics", "spatial", "scenarios", "text", "plotting",
           "exercises"]
FORMULA_MODULES = {"metrics", "spatial", "scenarios"}


def public_functions():
    for name in MODULES:
        module = importlib.import_module(f"chengyu_lib.{name}")
        for attr in getattr(module, "__all__", dir(module)):
            obj = getattr(module, attr, None)
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ \
                    and not attr.startswith("_"):
                yield name, attr, obj


CASES = list(public_functions())


def test_the_walk_finds_the_contract_functions():
    found = {f"{m}.{n}" for m, n, _ in CASES}
    for name in ["datasets.load", "metrics.cagr", "metrics.theil", "spatial.gravity",
                 "scenarios.project", "text.parse_amount", "exercises.check"]:
        assert name in found


@pytest.mark.parametrize("module,name,func", CASES, ids=[f"{m}.{n}" for m, n, _ in CASES])
def test_public_function_has_a_runnable_example(module, name, func):
    doc = inspect.getdoc(func) or ""
    assert ">>>" in doc, f"{module}.{name} has no doctest example"


@pytest.mark.parametrize("module,name,func", [c for c in CASES if c[0] in FORMULA_MODULES],
                         ids=[f"{m}.{n}" for m, n, _ in CASES if m in FORMULA_MODULES])
def test_indicator_gives_range_and_reference(module, name, func):
    doc = inspect.getdoc(func) or ""
    assert re.search(r"[Rr]ange", doc), f"{module}.{name}: say the range of the result"
    assert re.search(r"Reference|\b(1[89]|20)\d{2}\b", doc), f"{module}.{name}: give a reference"
