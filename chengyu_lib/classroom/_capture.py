"""Carry a student's ``answer`` out of a grading kernel as plain data, and back.

:func:`encode` runs in the student's kernel (injected after each answer cell by the
grader) and turns the value into JSON-able data: numbers, text, bools, containers,
NumPy arrays and pandas Series/Index/DataFrames. :func:`decode` runs in the teacher's
process and rebuilds an equivalent value for :func:`chengyu_lib.exercises.check`.

Only data crosses: nothing a student wrote is unpickled or evaluated in the teacher's
process. An object of any other type arrives as :class:`Opaque` (its type name), which the
checker reports as a wrong type.

>>> decode(encode([1, 2.5, "成都", {3}, ...]))
[1, 2.5, '成都', {3}, Ellipsis]
>>> decode(encode(float("nan"))) != decode(encode(float("nan")))
True
>>> decode(encode(object()))
<object>
"""
from __future__ import annotations

import math
import numbers
import sys

#: MIME type of the capture output displayed by the injected cell
MIME = "application/vnd.chengyu.answer+json"

_MAX_ITEMS = 20000
_MAX_TEXT = 20000
_MAX_DEPTH = 6


class Opaque:
    """Stands for a captured value of a type that is not carried (e.g. a function)."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str):
        self.type_name = str(type_name)[:60]

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def _float(x) -> dict:
    v = float(x)
    return {"t": "float", "v": repr(v) if not math.isfinite(v) else v}


def encode(x, _depth: int = 0) -> dict:
    """JSON-able data describing ``x`` (see the module docstring)."""
    pd = sys.modules.get("pandas")
    np = sys.modules.get("numpy")
    if _depth > _MAX_DEPTH:
        return {"t": "opaque", "type": "nested too deeply"}
    if x is Ellipsis:
        return {"t": "ellipsis"}
    if x is None:
        return {"t": "none"}
    if isinstance(x, bool) or (np is not None and isinstance(x, np.bool_)):
        return {"t": "bool", "v": bool(x)}
    if isinstance(x, str):
        return {"t": "str", "v": x[:_MAX_TEXT]}
    if np is not None and isinstance(x, np.generic) and not isinstance(x, np.str_):
        try:
            x = x.item()
        except Exception:
            return {"t": "opaque", "type": type(x).__name__}
        if not isinstance(x, (int, float, bool)):
            return {"t": "opaque", "type": type(x).__name__}
        return encode(x, _depth)
    if isinstance(x, numbers.Integral):
        return {"t": "int", "v": str(int(x))}
    if isinstance(x, numbers.Real):
        return _float(x)
    if isinstance(x, numbers.Complex):
        return {"t": "opaque", "type": "complex"}
    d = _depth + 1
    if pd is not None and isinstance(x, pd.DataFrame):
        if x.size > _MAX_ITEMS:
            return {"t": "opaque", "type": f"DataFrame of {x.shape[0]}x{x.shape[1]}"}
        return {"t": "frame",
                "index": [encode(i, d) for i in x.index.tolist()],
                "columns": [encode(c, d) for c in x.columns.tolist()],
                "values": [[encode(v, d) for v in row] for row in x.itertuples(index=False)]}
    if pd is not None and isinstance(x, pd.Series):
        if len(x) > _MAX_ITEMS:
            return {"t": "opaque", "type": f"Series of {len(x)}"}
        return {"t": "series", "name": encode(x.name, d),
                "index": [encode(i, d) for i in x.index.tolist()],
                "values": [encode(v, d) for v in x.tolist()]}
    if pd is not None and isinstance(x, pd.Index):
        return {"t": "index", "v": [encode(i, d) for i in x.tolist()[:_MAX_ITEMS]]}
    if np is not None and isinstance(x, np.ndarray):
        if x.size > _MAX_ITEMS:
            return {"t": "opaque", "type": f"array of shape {x.shape}"}
        return {"t": "array", "shape": list(x.shape),
                "v": [encode(v, d) for v in x.reshape(-1).tolist()]}
    for kind, typ in (("list", list), ("tuple", tuple), ("set", set),
                      ("frozenset", frozenset)):
        if isinstance(x, typ):
            items = list(x)[:_MAX_ITEMS]
            return {"t": kind, "v": [encode(i, d) for i in items]}
    if isinstance(x, dict):
        return {"t": "dict", "v": [[encode(k, d), encode(v, d)]
                                   for k, v in list(x.items())[:_MAX_ITEMS]]}
    return {"t": "opaque", "type": type(x).__name__}


def _hashable(x):
    try:
        hash(x)
        return x
    except TypeError:
        return Opaque(type(x).__name__)


def decode(data):
    """The value :func:`encode` described (pandas and NumPy objects rebuilt)."""
    if not isinstance(data, dict):
        return Opaque("malformed capture")
    t = data.get("t")
    v = data.get("v")
    if t == "ellipsis":
        return Ellipsis
    if t == "none":
        return None
    if t == "bool":
        return bool(v)
    if t == "str":
        return str(v)
    if t == "int":
        try:
            return int(str(v))
        except ValueError:
            return Opaque("malformed int")
    if t == "float":
        try:
            return float(v)
        except (TypeError, ValueError):
            return Opaque("malformed float")
    if t in ("list", "tuple"):
        items = [decode(i) for i in v or []]
        return items if t == "list" else tuple(items)
    if t in ("set", "frozenset"):
        items = {_hashable(decode(i)) for i in v or []}
        return items if t == "set" else frozenset(items)
    if t == "dict":
        return {_hashable(decode(k)): decode(val) for k, val in v or []}
    if t in ("series", "frame", "index", "array"):
        import numpy as np
        import pandas as pd

        if t == "array":
            flat = [decode(i) for i in v or []]
            try:
                return np.array(flat).reshape(data.get("shape") or [len(flat)])
            except Exception:
                return Opaque("malformed array")
        if t == "index":
            return pd.Index([_hashable(decode(i)) for i in v or []])
        if t == "series":
            return pd.Series([decode(i) for i in data.get("values") or []],
                             index=pd.Index([_hashable(decode(i))
                                             for i in data.get("index") or []]),
                             name=_hashable(decode(data.get("name", {"t": "none"}))))
        try:
            return pd.DataFrame([[decode(c) for c in row] for row in data.get("values") or []],
                                index=pd.Index([_hashable(decode(i))
                                                for i in data.get("index") or []]),
                                columns=pd.Index([_hashable(decode(c))
                                                  for c in data.get("columns") or []]))
        except Exception:
            return Opaque("malformed DataFrame")
    if t == "opaque":
        return Opaque(data.get("type", "object"))
    return Opaque("malformed capture")


def emit(question_id: str, nonce: str, namespace: dict) -> None:
    """Display the capture of ``namespace['answer']`` (called by the injected cell)."""
    from IPython.display import display

    if "answer" not in namespace:
        payload = {"question": question_id, "nonce": nonce, "present": False}
    else:
        try:
            payload = {"question": question_id, "nonce": nonce, "present": True,
                       "value": encode(namespace["answer"])}
        except Exception as err:
            payload = {"question": question_id, "nonce": nonce, "present": True,
                       "value": {"t": "opaque", "type": type(namespace["answer"]).__name__},
                       "note": f"{type(err).__name__}"}
    display({MIME: payload}, raw=True)
