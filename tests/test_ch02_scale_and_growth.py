"""Notebook 02 explorers: the numbers they show and that moving a control changes them."""

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chengyu_lib as cy  # noqa: E402
from chengyu_lib.widgets import ch02_scale_and_growth as g  # noqa: E402

Y = pd.Series([73919.2, 77587.99, 81986.7], index=[2021, 2022, 2023])
R = pd.Series([8.5, 3.0, 6.1], index=[2021, 2022, 2023])


def _text(out):
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def test_summary():
    assert "781.1 亿元 above" in g.nominal_real_summary(Y, R, 2021)
    assert "1,986.7 亿元 above" in g.nominal_real_summary(Y, R, "current")
    with pytest.raises(TypeError, match="basis"):
        g.nominal_real_summary(Y, R, "2021")


def test_nominal_real_explorer_responds():
    box = cy.widgets.nominal_real_explorer(Y, R)
    toggle, out = box.children
    before = _text(out)
    assert "81,986.7" in before and "current prices" in before
    assert any("image/png" in o.get("data", {}) for o in out.outputs)
    toggle.value = 2021
    after = _text(out)
    assert after != before
    assert "80,781.1" in after and "prices of 2021" in after
    toggle.value = 2022
    assert "82,320.9" in _text(out)


def test_nominal_real_explorer_default_data():
    box = cy.widgets.nominal_real_explorer()
    assert "81,986.7" in _text(box.children[1])


def test_cagr_explorer_responds():
    box = cy.widgets.cagr_explorer()
    (start, end), out = box.children[0].children, box.children[1]
    start.value, end.value = 2021, 2023
    text = _text(out)
    assert "CAGR 2021–2023 (2 years): 5.32% a year" in text
    end.value = 2022
    changed = _text(out)
    assert changed != text and "4.96%" in changed
    start.value = 2019
    assert "近6.3万亿元" in _text(out)  # the rounded base year shows its note
