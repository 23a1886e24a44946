"""Pieces shared by the explorers."""
from __future__ import annotations


def year(x, name: str = "year") -> int:
    """A whole year such as 2023 (bool and floats refused), as int.

    >>> year(2023)
    2023
    >>> year(2023.5)
    Traceback (most recent call last):
    ...
    TypeError: year must be a whole year such as 2023, got 2023.5
    """
    import numbers

    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError(f"{name} must be a whole year such as 2023, got {x!r}")
    return int(x)


def growth_rate(x, name: str = "rate") -> float:
    """A yearly growth rate as a fraction (0.05 for 5%): finite, above -1, at most 1.

    A value above 1 is taken to be percent given by mistake.

    >>> growth_rate(0.05)
    0.05
    >>> growth_rate(5, "g")
    Traceback (most recent call last):
    ...
    ValueError: g must be a fraction (0.05 for 5%), got 5: did you give percent?
    """
    from .._validate import scalar

    x = scalar(x, name)
    if x <= -1:
        raise ValueError(f"{name} must be greater than -1 (a fraction: 0.05 for 5%), "
                         f"got {x:g}")
    if x > 1:
        raise ValueError(f"{name} must be a fraction (0.05 for 5%), got {x:g}: "
                         "did you give percent?")
    return x


def zh() -> bool:
    """True when chart labels are set to Chinese (``cy.plotting.set_language("zh")``).

    >>> from chengyu_lib import plotting
    >>> plotting.set_language("zh"); zh()
    True
    >>> plotting.set_language("en"); zh()
    False
    """
    from .. import plotting

    return plotting.get_language() == "zh"


def figure_image(draw, figsize=(6.5, 3.6), nrows: int = 1, gridspec_kw=None, dpi: int = 90):
    """Draw on a fresh matplotlib ``Figure`` and return it as an IPython PNG ``Image``.

    Explorers redraw inside widget callbacks, where pyplot's global state and the inline
    backend's display hooks do not belong (a pyplot figure made in a callback can surface
    in JupyterLab's log console). A bare ``Figure`` rendered to PNG bytes avoids both and
    shows the same in JupyterLab, in tests and in saved widget state.

    ``draw`` receives the Axes (one, or an array of ``nrows``) and draws on them.

    >>> img = figure_image(lambda ax: ax.plot([1, 2], [3, 4]))
    >>> img.format, img.data[:4] == b"\\x89PNG"
    ('png', True)
    """
    import io

    from IPython.display import Image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .. import plotting

    plotting.setup()
    # Speed (benchmarks/explorers.py): the figure is made at the PNG's dpi on an Agg canvas,
    # so tight_layout measures the text with the renderer that then draws it, and the
    # layout engine is dropped after tight_layout so savefig does not lay the figure out
    # (a full draw without output) a second time; the PNG is compressed at zlib level 1,
    # which here gives files of the same size as the default level 6 in a fraction of the
    # time. Together about a third of a redraw.
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, 1, gridspec_kw=gridspec_kw)
    draw(axes)
    fig.tight_layout()
    fig.set_layout_engine(None)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return Image(data=buf.getvalue(), format="png")
