"""Shared input checks for :mod:`chengyu_lib.metrics`, :mod:`~chengyu_lib.spatial`
and :mod:`~chengyu_lib.scenarios` (internal; not part of the public API).

Every public function of those modules funnels its arguments through the helpers
here, so that bad input always fails the same way: a ``TypeError`` for something
that is not a number, a ``ValueError`` that names the argument, the offending value
and (where there is one) its label, e.g.
``population must be positive, got -3 for 'Chengdu'``.

pandas is never imported here: a value can only be a pandas object if pandas has
already been imported by whoever built it, so we look it up in ``sys.modules``.

>>> arr, labels = vector([1, 2, 3], "values")
>>> arr.tolist(), labels
([1.0, 2.0, 3.0], None)
>>> check_positive(np.array([1.0, -3.0]), "population", ["Chongqing", "Chengdu"])
Traceback (most recent call last):
...
ValueError: population must be positive, got -3 for 'Chengdu'
"""
from __future__ import annotations

import numbers
import sys

import numpy as np

from .language import text as _t

__all__ = [
    "pandas_or_none", "is_series", "is_frame", "to_float_array", "vector", "vectors",
    "scalar", "broadcast", "check_finite", "check_positive", "check_nonnegative",
    "check_positive_total", "labels_of", "table", "finite_result", "only_in", "MAX_PAIRS_ROWS",
]

#: Most rows (regions, cities) a table may have in functions that compare every pair of
#: rows: n rows give n(n-1)/2 pairs, so 1000 rows already mean about half a million pairs.
MAX_PAIRS_ROWS = 1000


# ----------------------------------------------------------------------------- pandas
def pandas_or_none():
    """Return the pandas module if it is already imported, else ``None``."""
    return sys.modules.get("pandas")


def is_series(x) -> bool:
    pd = pandas_or_none()
    return pd is not None and isinstance(x, pd.Series)


def is_frame(x) -> bool:
    pd = pandas_or_none()
    return pd is not None and isinstance(x, pd.DataFrame)


def _is_index(x) -> bool:
    pd = pandas_or_none()
    return pd is not None and isinstance(x, pd.Index)


def labels_of(x):
    """The index of a Series, else ``None``."""
    return x.index if is_series(x) else None


# ------------------------------------------------------------------------- messages
def _where(labels, flat_pos, shape) -> str:
    """' for 'Chengdu'' / ' at position 3' / '' (for a single number)."""
    if labels is not None:
        label = labels[flat_pos]
        if isinstance(label, np.generic):
            label = label.item()
        return _t(f" for {label!r}", f"（{label!r} 处）")
    if shape == ():
        return ""
    if len(shape) == 1:
        return _t(f" at position {flat_pos}", f"（位置 {flat_pos}）")
    at = tuple(int(i) for i in np.unravel_index(flat_pos, shape))
    return _t(f" at position {at}", f"（位置 {at}）")


def _fmt(v: float) -> str:
    return f"{v:g}"


def _digits(v) -> str:
    """'a 401-digit integer' / 'a Fraction' without converting ``v`` to text in full."""
    if isinstance(v, numbers.Integral):
        n = int(v).bit_length() * 0.30103
        return _t(f"an integer of about {int(n) + 1} digits", f"约 {int(n) + 1} 位的整数")
    return _t(f"a {type(v).__name__}", f"一个 {type(v).__name__}")


# ----------------------------------------------------------------------- conversion
def _object_to_float(arr: np.ndarray, name: str) -> np.ndarray:
    out = np.empty(arr.shape, dtype=float)
    flat_in, flat_out = arr.reshape(-1), out.reshape(-1)
    pd = pandas_or_none()
    for i, v in enumerate(flat_in):
        if v is None or (pd is not None and v is pd.NA):
            flat_out[i] = np.nan
        elif isinstance(v, (bool, np.bool_)):
            raise TypeError(_t(f"{name} must be numeric, got a boolean ({v!r})",
                               f"{name} 必须是数值，却是布尔值（{v!r}）"))
        elif isinstance(v, numbers.Complex) and not isinstance(v, numbers.Real):
            raise TypeError(_t(f"{name} must be real numbers, got complex {v!r}",
                               f"{name} 必须是实数，却是复数 {v!r}"))
        elif isinstance(v, numbers.Number):
            try:
                flat_out[i] = float(v)
            except OverflowError:   # an int (or Fraction) beyond the float range
                raise ValueError(_t(f"{name} has a number too large to compute with "
                                    f"({_digits(v)}); numbers must be below about 1.8e308 "
                                    "(rescale, e.g. to 亿元 or 万人)",
                                    f"{name} 中有一个数大到无法计算（{_digits(v)}）；数值须小于约 "
                                    "1.8e308（请换算单位，例如换成亿元或万人）")) from None
            except ValueError:      # e.g. Decimal('sNaN')
                raise ValueError(_t(f"{name} has a value that is not a usable number: {v!r}",
                                    f"{name} 中有一个值不是可用的数：{v!r}")) from None
        else:
            raise TypeError(_t(f"{name} must be numeric, got {type(v).__name__} {v!r}",
                               f"{name} 必须是数值，却是 {type(v).__name__} {v!r}"))
    return out


def to_float_array(x, name: str) -> np.ndarray:
    """Convert a number, sequence, ndarray or Series to a float ndarray.

    Raises ``TypeError`` for text, booleans, complex numbers, dates and other
    non-numbers; keeps NaN (callers check with :func:`check_finite`).
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(_t(f"{name} must be a number or a sequence of numbers, got text {x!r}",
                           f"{name} 必须是一个数或一列数，却是文本 {x!r}"))
    if is_frame(x):
        raise TypeError(_t(f"{name} must be a number or a 1-D sequence, got a DataFrame "
                           "(pick one column, e.g. df['gdp'])",
                           f"{name} 必须是一个数或一维序列，却是 DataFrame（请取其中一列，"
                           "例如 df['gdp']）"))
    if isinstance(x, dict):
        raise TypeError(_t(f"{name} must be a number or a sequence of numbers, got a dict "
                           "(wrap it as pandas.Series(d) to keep the labels)",
                           f"{name} 必须是一个数或一列数，却是 dict（请写成 pandas.Series(d)，"
                           "标签就能保留）"))
    if is_series(x) or _is_index(x):
        pd = pandas_or_none()
        if pd.api.types.is_bool_dtype(x.dtype):
            raise TypeError(_t(f"{name} must be numeric, got booleans",
                               f"{name} 必须是数值，却是布尔值"))
        if pd.api.types.is_numeric_dtype(x.dtype) and not pd.api.types.is_complex_dtype(x.dtype):
            return x.to_numpy(dtype=float, na_value=np.nan)
        return _object_to_float(np.asarray(x.to_numpy(dtype=object)), name)
    if isinstance(x, (set, frozenset)):
        raise TypeError(_t(f"{name} must be a number or a sequence of numbers, got a set "
                           "(a set has no order; use a list)",
                           f"{name} 必须是一个数或一列数，却是 set（集合没有顺序；请用 list）"))
    try:
        arr = np.asarray(x)
    except OverflowError:   # e.g. a numpy integer array built from a huge Python int
        raise ValueError(_t(f"{name} has a number too large to compute with; numbers must "
                            "be below about 1.8e308 (rescale, e.g. to 亿元 or 万人)",
                            f"{name} 中有一个数大到无法计算；数值须小于约 1.8e308（请换算单位，"
                            "例如换成亿元或万人）")) from None
    except (ValueError, TypeError):  # ragged nested lists and the like
        raise ValueError(_t(f"{name} must be a number or a regular sequence of numbers "
                            "(nested lists of unequal length are not allowed)",
                            f"{name} 必须是一个数或一列整齐的数（不能是长短不一的嵌套列表）")) \
            from None
    kind = arr.dtype.kind
    if kind in "iuf":
        return arr.astype(float)
    if kind in "mM":
        raise TypeError(_t(f"{name} must be numeric, got dates or durations ({arr.dtype})",
                           f"{name} 必须是数值，却是日期或时长（{arr.dtype}）"))
    if kind == "b":
        raise TypeError(_t(f"{name} must be numeric, got booleans",
                           f"{name} 必须是数值，却是布尔值"))
    if kind == "O":
        return _object_to_float(arr, name)
    if kind in "US":
        raise TypeError(_t(f"{name} must be numeric, got text", f"{name} 必须是数值，却是文本"))
    raise TypeError(_t(f"{name} must be numeric (real numbers), got dtype {arr.dtype}",
                       f"{name} 必须是数值（实数），数据类型却是 {arr.dtype}"))


# ---------------------------------------------------------------------------- checks
def check_finite(arr: np.ndarray, name: str, labels=None) -> None:
    bad = ~np.isfinite(arr)
    if bad.any():
        pos = int(np.flatnonzero(bad.reshape(-1))[0])
        v = arr.reshape(-1)[pos]
        what = (_t("a missing value (NaN)", "缺失值（NaN）") if np.isnan(v)
                else _t(f"an infinite value ({v})", f"无穷大的值（{v}）"))
        where = _where(labels, pos, arr.shape)
        raise ValueError(_t(f"{name} contains {what}{where}; drop or fill it first",
                            f"{name} 含有{what}{where}；请先删去或补上"))


def check_positive(arr: np.ndarray, name: str, labels=None, *, what: str = "") -> None:
    """All values > 0."""
    arr = np.asarray(arr, dtype=float)
    bad = ~(arr > 0)
    if bad.any():
        pos = int(np.flatnonzero(bad.reshape(-1))[0])
        got, where = _fmt(arr.reshape(-1)[pos]), _where(labels, pos, arr.shape)
        raise ValueError(_t(f"{name} must be positive{what}, got {got}{where}",
                            f"{name} 必须为正数{what}，实际为 {got}{where}"))


def check_nonnegative(arr: np.ndarray, name: str, labels=None, *, what: str = "") -> None:
    """All values >= 0."""
    arr = np.asarray(arr, dtype=float)
    bad = ~(arr >= 0)
    if bad.any():
        pos = int(np.flatnonzero(bad.reshape(-1))[0])
        got, where = _fmt(arr.reshape(-1)[pos]), _where(labels, pos, arr.shape)
        raise ValueError(_t(f"{name} must be non-negative{what}, got {got}{where}",
                            f"{name} 不能为负{what}，实际为 {got}{where}"))


def check_positive_total(arr: np.ndarray, name: str) -> float:
    """The sum of ``arr``, which must be positive and finite."""
    with np.errstate(over="ignore"):
        total = float(arr.sum())
    if not total > 0:
        raise ValueError(_t(f"{name} must have a positive total, got {_fmt(total)}",
                            f"{name} 的合计必须为正，实际为 {_fmt(total)}"))
    if not np.isfinite(total):
        raise ValueError(_t(f"{name} is too large to add up (the total overflows); "
                            "rescale it, e.g. to 亿元 or 万人",
                            f"{name} 太大，无法加总（合计溢出）；请换算单位，例如换成亿元或万人"))
    return total


# ------------------------------------------------------------------- shaped helpers
def scalar(x, name: str) -> float:
    """A single finite real number (bool and text rejected)."""
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(_t(f"{name} must be a number, got a boolean ({x!r})",
                           f"{name} 必须是一个数，却是布尔值（{x!r}）"))
    arr = to_float_array(x, name)
    if arr.ndim != 0 and arr.size != 1:
        raise TypeError(_t(f"{name} must be a single number, got {arr.size} values",
                           f"{name} 必须是单个数，却有 {arr.size} 个值"))
    value = float(arr.reshape(-1)[0])
    check_finite(np.asarray(value), name)
    return value


def vector(x, name: str, *, min_len: int = 1):
    """A 1-D finite float array and its labels (``None`` unless ``x`` is a Series)."""
    if is_series(x) and not x.index.is_unique:
        dup = x.index[x.index.duplicated()][0]
        raise ValueError(_t(f"{name} has duplicate label {dup!r}; labels must be unique",
                            f"{name} 有重复的标签 {dup!r}；标签不能重复"))
    arr = to_float_array(x, name)
    if arr.ndim == 0:
        raise TypeError(_t(f"{name} must be a sequence of numbers (list, array or Series), "
                           f"got a single number {_fmt(float(arr))}",
                           f"{name} 必须是一列数（list、数组或 Series），却是单个数 "
                           f"{_fmt(float(arr))}"))
    if arr.ndim != 1:
        raise ValueError(_t(f"{name} must be one-dimensional, got shape {arr.shape}",
                            f"{name} 必须是一维的，形状却是 {arr.shape}"))
    if arr.size == 0:
        raise ValueError(_t(f"{name} must not be empty", f"{name} 不能为空"))
    if arr.size < min_len:
        raise ValueError(_t(f"{name} needs at least {min_len} values, got {arr.size}",
                            f"{name} 至少需要 {min_len} 个值，只有 {arr.size} 个"))
    labels = labels_of(x)
    check_finite(arr, name, labels)
    return arr, labels


def only_in(a, b, limit: int = 10) -> list:
    """The first ``limit`` labels of ``a`` that are not in ``b`` (linear time, for messages).

    >>> only_in(["成都", "重庆", "绵阳"], ["重庆"])
    ['成都', '绵阳']
    """
    keep = set(b)
    return [lab for lab in a if lab not in keep][:limit]


def _align_labels(named_labels, names):
    """Check that all labelled inputs share one label set; return it and orders."""
    ref_name, ref = None, None
    for name, labels in zip(names, named_labels):
        if labels is None:
            continue
        if ref is None:
            ref_name, ref = name, labels
            continue
        if set(labels) != set(ref) or len(labels) != len(ref):
            only_ref = only_in(ref, labels)
            only_this = only_in(labels, ref)
            raise ValueError(_t(f"{ref_name} and {name} have different labels: "
                                f"only in {ref_name}: {only_ref}, only in {name}: {only_this}",
                                f"{ref_name} 和 {name} 的标签不同：只在 {ref_name} 中的有 "
                                f"{only_ref}，只在 {name} 中的有 {only_this}"))
    return ref


def vectors(*named, min_len: int = 1):
    """Several 1-D inputs of one length, aligned by label when they are Series.

    ``named`` are ``(name, value)`` pairs. Returns ``(list_of_arrays, labels)``.
    If two or more are Series, they must carry the same labels (any order); the
    arrays come back in the order of the first Series.
    """
    names = [n for n, _ in named]
    raw = [v for _, v in named]
    arrays, labels = [], []
    for name, value in named:
        arr, lab = vector(value, name, min_len=min_len)
        arrays.append(arr)
        labels.append(lab)
    for i in range(1, len(arrays)):
        if arrays[i].size != arrays[0].size:
            raise ValueError(_t(f"{names[0]} and {names[i]} must have the same length, "
                                f"got {arrays[0].size} and {arrays[i].size}",
                                f"{names[0]} 和 {names[i]} 的长度必须相同，却分别有 "
                                f"{arrays[0].size} 个和 {arrays[i].size} 个"))
    ref = _align_labels(labels, names)
    if ref is not None:
        for i, value in enumerate(raw):
            if labels[i] is not None and not labels[i].equals(ref):
                arrays[i] = to_float_array(value.reindex(ref), names[i])
    return arrays, ref


def broadcast(*named):
    """Numbers, arrays or Series that broadcast together (vectorised functions).

    Returns ``(arrays, restore)``; ``restore(result)`` gives a float when every input
    was a single number, a labelled Series when any input was a Series, and an
    ndarray otherwise.
    """
    names = [n for n, _ in named]
    arrays, labels = [], []
    for name, value in named:
        if isinstance(value, (bool, np.bool_)):
            raise TypeError(_t(f"{name} must be a number, got a boolean ({value!r})",
                               f"{name} 必须是一个数，却是布尔值（{value!r}）"))
        if is_series(value) and not value.index.is_unique:
            raise ValueError(_t(f"{name} has duplicate labels; labels must be unique",
                                f"{name} 有重复的标签；标签不能重复"))
        arr = to_float_array(value, name)
        lab = labels_of(value)
        if arr.size == 0:
            raise ValueError(_t(f"{name} must not be empty", f"{name} 不能为空"))
        check_finite(arr, name, lab)
        arrays.append(arr)
        labels.append(lab)
    ref = _align_labels(labels, names)
    if ref is not None:
        for i, (_, value) in enumerate(named):
            if labels[i] is not None and not labels[i].equals(ref):
                arrays[i] = to_float_array(value.reindex(ref), names[i])
    try:
        shaped = np.broadcast_arrays(*arrays)
    except ValueError:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(names, arrays))
        raise ValueError(_t(f"arguments do not fit together: {shapes}; give single numbers "
                            "or sequences of one common length",
                            f"参数彼此对不上：{shapes}；请给单个数，或长度相同的几列数")) from None
    biggest = max(a.size for a in arrays)
    if shaped[0].size > biggest:
        # (n, 1) against (1, m) would make n·m results from n + m inputs
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(names, arrays))
        raise ValueError(_t(f"arguments do not fit together: {shapes} would broadcast to "
                            f"{shaped[0].shape}; give single numbers or sequences of one "
                            "common length",
                            f"参数彼此对不上：{shapes} 会扩展成形状 {shaped[0].shape}；请给"
                            "单个数，或长度相同的几列数"))
    all_scalar = all(a.ndim == 0 for a in arrays)
    out_labels = ref if (ref is not None and shaped[0].shape == (len(ref),)) else None
    arrays = [np.array(a, dtype=float) for a in shaped]

    def restore(result, name=None):
        result = np.asarray(result, dtype=float)
        if all_scalar:
            return float(result)
        if out_labels is not None:
            pd = pandas_or_none()
            return pd.Series(result, index=out_labels, name=name)
        return result

    restore.labels = out_labels
    return arrays, restore


def finite_result(result, func: str, inputs: str):
    """``result`` unchanged if every number in it is finite, else a ``ValueError``.

    For results that overflow or underflow to inf/NaN at extreme magnitudes even though
    every input was finite: the message names the function and its inputs, so the
    learner knows which numbers to rescale. ``result`` may be a number, an ndarray, a
    Series or a DataFrame (only its numeric columns are checked).

    >>> finite_result(2.0, "f", "x")
    2.0
    >>> finite_result(np.array([1.0, np.inf]), "cagr", "start, end and years")
    Traceback (most recent call last):
    ...
    ValueError: cagr: the result is not a finite number for these start, end and years (too large or too small to compute in floating point); rescale the inputs, e.g. to 亿元 or 万人
    """
    try:
        if is_frame(result):
            values = result.select_dtypes("number").to_numpy()
        elif is_series(result):
            values = result.to_numpy()
        else:
            values = np.asarray(result)
        if values.dtype.kind == "O":
            values = values.astype(float)
        finite = values.dtype.kind in "biufc" and bool(np.all(np.isfinite(values)))
    except (TypeError, ValueError, OverflowError):   # not numbers, or beyond float
        finite = False
    if not finite:
        raise ValueError(_t(f"{func}: the result is not a finite number for these {inputs} "
                            "(too large or too small to compute in floating point); "
                            "rescale the inputs, e.g. to 亿元 or 万人",
                            f"{func}：对这些 {inputs}，结果不是有限的数（太大或太小，浮点数无法"
                            "计算）；请换算输入的单位，例如换成亿元或万人"))
    return result


def table(x, name: str):
    """A 2-D table of finite, non-negative numbers: ``(X, row_labels, col_labels)``.

    A DataFrame keeps its index and columns; a nested list or 2-D array gets
    ``None`` labels. Messages name the row and column of a bad cell.
    """
    if is_frame(x):
        pd = pandas_or_none()
        if x.shape[0] == 0 or x.shape[1] == 0:
            raise ValueError(_t(f"{name} must not be empty, got shape {x.shape}",
                                f"{name} 不能为空，形状却是 {x.shape}"))
        for col in x.columns:
            dtype = x[col].dtype
            if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype) \
                    or pd.api.types.is_complex_dtype(dtype):
                raise TypeError(_t(f"{name} column {col!r} must be numeric, got dtype {dtype}",
                                   f"{name} 的列 {col!r} 必须是数值，数据类型却是 {dtype}"))
        for axis, axis_zh, labels in (("row", "行", x.index), ("column", "列", x.columns)):
            if not labels.is_unique:
                dup = labels[labels.duplicated()][0]
                raise ValueError(_t(f"{name} has duplicate {axis} label {dup!r}",
                                    f"{name} 有重复的{axis_zh}标签 {dup!r}"))
        X = x.to_numpy(dtype=float, na_value=np.nan)
        rows, cols = x.index, x.columns
    else:
        X = to_float_array(x, name)
        if X.ndim != 2:
            raise ValueError(_t(f"{name} must be a 2-D table (rows × columns), got "
                                f"{X.ndim} dimension(s)",
                                f"{name} 必须是二维表（行 × 列），却是 {X.ndim} 维"))
        if X.size == 0:
            raise ValueError(_t(f"{name} must not be empty, got shape {X.shape}",
                                f"{name} 不能为空，形状却是 {X.shape}"))
        rows = cols = None

    def cell(i, j):
        r = rows[i] if rows is not None else i
        c = cols[j] if cols is not None else j
        r, c = (v.item() if isinstance(v, np.generic) else v for v in (r, c))
        return _t(f" for row {r!r}, column {c!r}", f"（行 {r!r}、列 {c!r}）")

    bad = ~np.isfinite(X)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(_t(f"{name} contains a missing or infinite value{cell(i, j)}; "
                            "drop or fill it first",
                            f"{name} 含有缺失值或无穷大的值{cell(i, j)}；请先删去或补上"))
    bad = X < 0
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ValueError(_t(f"{name} must be non-negative, got {_fmt(X[i, j])}{cell(i, j)}",
                            f"{name} 不能为负，实际为 {_fmt(X[i, j])}{cell(i, j)}"))
    return X, rows, cols
