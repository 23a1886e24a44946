"""Pieces shared by the explorers."""
from __future__ import annotations


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
    from matplotlib.figure import Figure

    from .. import plotting

    plotting.setup()
    fig = Figure(figsize=figsize)
    axes = fig.subplots(nrows, 1, gridspec_kw=gridspec_kw)
    draw(axes)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return Image(data=buf.getvalue(), format="png")
