"""Tests of the notebook-05 explorer (gravity on the corridor) and its pure functions."""
import math

import numpy as np
import pandas as pd
import pytest

from chengyu_lib import widgets
from chengyu_lib.widgets import ch05_gravity_corridor as C

# Toy inputs: real coordinates of the cities table, masses chosen for the test.
TOY = pd.DataFrame(
    {"name_en": ["Chongqing", "Chengdu", "Deyang", "Neijiang"],
     "name_zh": ["重庆", "成都", "德阳", "内江"],
     "lat": [29.57, 30.67, 31.13, 29.58], "lon": [106.55, 104.07, 104.38, 105.05],
     "gdp": [30145.79, 22074.72, 3000.0, np.nan],
     "population": [3200.0, 2100.0, 350.0, 310.0]},
    index=["chongqing", "chengdu", "deyang", "neijiang"])


def reilly_from_chengdu(d, m_cq, m_cd, beta):
    """Independent formula: d / (1 + (M_CQ/M_CD)^(1/β))."""
    return d / (1 + (m_cq / m_cd) ** (1 / beta))


def texts(box):
    out = box.children[-1]
    return "".join(o.get("text", "") for o in out.outputs if o["output_type"] == "stream")


def test_corridor_view_breaking_point_matches_formula():
    for beta in (0.5, 1.0, 2.0, 3.0):
        v = C.corridor_view(TOY, 307, beta=beta, mass="gdp")
        expect = reilly_from_chengdu(307, 30145.79, 22074.72, beta)
        assert v.from_chengdu == pytest.approx(expect, rel=1e-12)
        assert v.from_chengdu + v.from_chongqing == pytest.approx(307)
    # the point lies on Chengdu's side of the midpoint (Chengdu is smaller)
    assert C.corridor_view(TOY, 307).from_chengdu < 307 / 2
    assert round(C.corridor_view(TOY, 307).from_chengdu, 1) == 141.6


def test_corridor_view_pairs_and_missing():
    v = C.corridor_view(TOY, 307, mass="gdp")
    assert v.missing == ["Neijiang"]               # no GDP: left out, not filled
    assert len(v.pairs) == 3                       # 3 cities with GDP -> 3 pairs
    assert v.pairs["share"].sum() == pytest.approx(100)
    vp = C.corridor_view(TOY, 307, mass="population")
    assert vp.missing == [] and len(vp.pairs) == 6
    # the Chengdu–Deyang interaction, computed independently
    R = 6371.0088
    φ1, λ1, φ2, λ2 = map(math.radians, (30.67, 104.07, 31.13, 104.38))
    a = math.sin((φ2 - φ1) / 2) ** 2 + math.cos(φ1) * math.cos(φ2) * math.sin((λ2 - λ1) / 2) ** 2
    d = 2 * R * math.asin(math.sqrt(a))
    row = v.pairs[(v.pairs.city_i == "Chengdu") & (v.pairs.city_j == "Deyang")].iloc[0]
    assert row["distance_km"] == pytest.approx(d, rel=1e-9)
    assert row["interaction"] == pytest.approx(22074.72 * 3000.0 / d ** 2, rel=1e-9)


def test_doubling_distance_divides_by_two_to_the_beta():
    from chengyu_lib import spatial
    for beta in (0.5, 1.0, 2.0, 3.0):
        ratio = spatial.gravity(1.0, 1.0, 200.0, beta) / spatial.gravity(1.0, 1.0, 100.0, beta)
        assert ratio == pytest.approx(2.0 ** -beta)


def test_stations_bracket_the_breaking_point():
    st = pd.Series({"A": 0.0, "B": 124.0, "C": 153.0, "D": 307.0})
    v = C.corridor_view(TOY, 307, stations=st)
    assert v.between == (("B", 124.0), ("C", 153.0))
    assert "between B (124 km) and C (153 km)" in v.text()


def test_bad_input():
    with pytest.raises(ValueError, match="mass"):
        C.corridor_view(TOY, 307, mass="area")
    with pytest.raises(ValueError, match="chongqing"):
        C.corridor_view(TOY.drop(index="chongqing"), 307)
    with pytest.raises(ValueError, match="beta"):
        C.corridor_view(TOY, 307, beta=0)


def test_explorer_slider_and_toggle_change_output():
    box = widgets.gravity_explorer(inputs=TOY, corridor_km=307)
    slider, toggle, out = box.children
    assert (slider.min, slider.max, slider.value) == (0.5, 3.0, 2.0)
    first = texts(box)
    assert "141.6 km from Chengdu" in first
    assert any(o["output_type"] == "display_data" for o in out.outputs)   # a figure

    slider.value = 1.0
    second = texts(box)
    assert second != first
    assert f"{reilly_from_chengdu(307, 30145.79, 22074.72, 1.0):.1f} km from Chengdu" in second

    toggle.value = "population"
    third = texts(box)
    assert third != second
    assert f"{reilly_from_chengdu(307, 3200.0, 2100.0, 1.0):.1f} km from Chengdu" in third
    assert "mass = population" in third


def test_explorer_on_course_data():
    """With the course tables: the 成渝高铁 length and 2023 GDP give the breaking point."""
    from chengyu_lib import datasets
    corridor = datasets.load("corridor").set_index("line_id")
    d = float(corridor.loc["chengyu_hsr", "length_km"])
    inputs = C.gravity_inputs(2023)
    m_cq, m_cd = inputs.loc["chongqing", "gdp"], inputs.loc["chengdu", "gdp"]
    box = widgets.gravity_explorer()
    assert f"{reilly_from_chengdu(d, m_cq, m_cd, 2.0):.1f} km from Chengdu" in texts(box)


def test_pairs_map_draws_the_strongest_pairs_between_their_cities():
    import matplotlib.pyplot as plt

    view = C.corridor_view(TOY, 307, beta=2.0, mass="gdp")
    ax = C.pairs_map(view, TOY, top=2)
    segments = {tuple(map(tuple, ln.get_xydata().tolist())) for ln in ax.get_lines()}
    coords = {name: (TOY.loc[i, "lon"], TOY.loc[i, "lat"])
              for i, name in zip(TOY.index, TOY["name_en"])}
    for a, b in view.pairs[["city_i", "city_j"]].head(2).itertuples(index=False):
        assert (coords[a], coords[b]) in segments
    # Neijiang has no GDP: drawn as a ring, not sized
    assert [tuple(xy) for xy in ax.collections[1].get_offsets()] == [coords["Neijiang"]]
    plt.close(ax.figure)


def test_explorer_controls_follow_the_language():
    from chengyu_lib import language

    language.set_language("zh")
    try:
        box = widgets.gravity_explorer(inputs=TOY, corridor_km=307)
        toggle = box.children[1]
        assert toggle.description == "质量"
        assert [label for label, _ in toggle.options] == ["地区生产总值", "常住人口"]
    finally:
        language.set_language("en")
    toggle = widgets.gravity_explorer(inputs=TOY, corridor_km=307).children[1]
    assert [label for label, _ in toggle.options] == ["GDP", "population"]


def test_stations_without_a_table_say_none_is_shipped():
    import chengyu_lib as cy

    assert "corridor_stations" not in cy.datasets.names()
    with pytest.raises(ValueError, match="stations must be given: the course data has no "
                                         "corridor_stations table"):
        cy.widgets.corridor_stations()
