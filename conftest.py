"""Test-session settings shared by unit tests and notebook kernels (which inherit the env)."""
import os

# Exercise checks in notebooks run under nbval must not write to the learner's progress file.
os.environ["CHENGYU_PROGRESS"] = "off"
os.environ.setdefault("PYTHONHASHSEED", "0")
# Saved notebook outputs are in the language each notebook sets; a class default of the
# machine running the tests (chengyu_lib.language) must not change them.
os.environ["CHENGYU_LANGUAGE"] = "en"
# Nor may a teacher's local figures (chengyu_lib.datasets.local_dir): tests see shipped data.
os.environ["CHENGYU_LOCAL_DATA"] = ""

import sys  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the pyplot figures a test or doctest opened (chart functions return Axes on
    a pyplot figure, and doctests never close them), without importing pyplot otherwise."""
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


# Property tests (tests/test_properties.py): random inputs on a developer's machine; on CI
# (the CI variable set, as GitHub Actions, GitLab and most runners do) the same inputs on
# every run (derandomize) and no example database left behind.
try:
    from hypothesis import settings as _hyp_settings
except ImportError:      # hypothesis comes with the "test" extra
    _hyp_settings = None
if _hyp_settings is not None:
    _hyp_settings.register_profile("dev", max_examples=150)
    _hyp_settings.register_profile("ci", max_examples=150, derandomize=True, database=None,
                                   print_blob=True)
    _hyp_settings.load_profile(
        os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
