"""Exercise set 05 · gravity on the corridor (mirrors notebooks/05_gravity_corridor.ipynb)."""
import math

from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "05",
    "name": "gravity_corridor",
    "title_en": "Gravity on the corridor",
    "title_zh": "引力模型与成渝走廊",
    "minutes": 35,
    "notebook": "05_gravity_corridor",
    "intro": ("The gravity model $I_{ij} = G M_i M_j / d_{ij}^{\\beta}$ and Reilly's breaking "
              "point on the Chengdu–Chongqing corridor. Coordinates come from `cities`, "
              "the rail length from `corridor`, masses (2023 GDP, 亿元) from `city_economy` "
              "and `province_economy`. Station-by-station distances were not found in any "
              "source, so no question asks between which stations the point falls."),
}

R_EARTH = 6371.0088  # mean Earth radius, km (IUGG), as in cy.spatial.haversine_km


def _coords(city):
    c = D.load("cities").set_index("city_id")
    return float(c.loc[city, "lat"]), float(c.loc[city, "lon"])


def _haversine(a, b):
    (la1, lo1), (la2, lo2) = _coords(a), _coords(b)
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_EARTH * math.asin(math.sqrt(h))


def _flat_degrees(a, b):
    (la1, lo1), (la2, lo2) = _coords(a), _coords(b)
    return math.hypot(la2 - la1, lo2 - lo1) * math.pi * R_EARTH / 180


def _hsr_km():
    c = D.load("corridor").set_index("line_id")
    return float(c.loc["chengyu_hsr", "length_km"])


def _gdp():
    """2023 GDP (亿元): Chongqing 全市 + every city with a whole-city figure."""
    df = D.load("city_economy")
    m = (df["year"] == 2023) & (df["indicator"] == "gdp") & (df["boundary"] == "whole")
    s = df[m].set_index("city_id")["value"].astype(float).to_dict()
    s["chongqing"] = datasets.one("province_economy", year=2023, indicator="gdp", region="chongqing",
                             vintage="preliminary")
    return s


def _breaking_from_chengdu(beta=2.0, distance=None):
    g = _gdp()
    d = _hsr_km() if distance is None else distance
    return d / (1 + (g["chongqing"] / g["chengdu"]) ** (1 / beta))


def _strongest(beta=2.0):
    g = _gdp()
    names = sorted(g)
    best, pair = -1.0, None
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            val = g[a] * g[b] / _haversine(a, b) ** beta
            if val > best:
                best, pair = val, {a, b}
    return pair


_MASSES = (
    "ce = cy.datasets.load(\"city_economy\")\n"
    "pe = cy.datasets.load(\"province_economy\")\n"
    "gdp = ce.query(\"year == 2023 and indicator == 'gdp' and boundary == 'whole'\")"
    ".set_index(\"city_id\")[\"value\"]\n"
    "gdp[\"chongqing\"] = pe.query(\"region == 'chongqing' and year == 2023 and "
    "indicator == 'gdp'\")[\"value\"].item()\n")

QUESTIONS = [
    Question(
        id="05.distance",
        title="Great-circle distance · 球面距离",
        prompt=(
            "**How far apart are Chengdu and Chongqing in a straight line (great-circle "
            "distance), in km?** Use the coordinates in `cy.datasets.load('cities')` and "
            "`cy.spatial.haversine_km`."),
        starter=("cities = cy.datasets.load(\"cities\").set_index(\"city_id\")\n"
                 "answer = ...   # in km"),
        solution=("cities = cy.datasets.load(\"cities\").set_index(\"city_id\")\n"
                  "cd, cq = cities.loc[\"chengdu\"], cities.loc[\"chongqing\"]\n"
                  "answer = cy.spatial.haversine_km(cd[\"lat\"], cd[\"lon\"], "
                  "cq[\"lat\"], cq[\"lon\"])"),
        printed=0, kind="number", unit="km", rtol=2e-3,
        expected=lambda: _haversine("chengdu", "chongqing"),
        misconceptions=(
            Misconception("flat degrees", lambda: _flat_degrees("chengdu", "chongqing"),
                          "you treated degrees of latitude and longitude alike on a flat "
                          "map; a degree of longitude shrinks with latitude (× cos φ), so "
                          "use the haversine formula."),
            Misconception("rail distance", _hsr_km,
                          "that is the length of the high-speed line (成渝高铁), not the "
                          "straight-line distance."),
        ),
        hints=("cy.spatial.haversine_km(lat1, lon1, lat2, lon2).",),
    ),
    Question(
        id="05.breaking_point",
        title="Breaking point · 断裂点",
        prompt=(
            "Along the 成渝高铁 (length in table `corridor`, `line_id == 'chengyu_hsr'`), "
            "with 2023 GDP as mass (Chongqing 全市 from `province_economy`, Chengdu whole "
            "city from `city_economy`) and β = 2, **how far from Chengdu is Reilly's "
            "breaking point, in km?** $d_{Chengdu} = d / (1 + (M_{Chongqing}/M_{Chengdu})"
            "^{1/\\beta})$."),
        starter=(_MASSES + "corridor = cy.datasets.load(\"corridor\").set_index(\"line_id\")\n"
                 "answer = ...   # km from Chengdu"),
        solution=(_MASSES + "corridor = cy.datasets.load(\"corridor\").set_index(\"line_id\")\n"
                  "d = corridor.loc[\"chengyu_hsr\", \"length_km\"]\n"
                  "answer = cy.spatial.breaking_point(d, m_i=gdp[\"chongqing\"], "
                  "m_j=gdp[\"chengdu\"], beta=2)"),
        printed=1, kind="number", unit="km",
        expected=_breaking_from_chengdu,
        misconceptions=(
            Misconception("measured from Chongqing",
                          lambda: _hsr_km() - _breaking_from_chengdu(),
                          "that is the distance from Chongqing: with m_j = Chengdu's mass, "
                          "breaking_point measures from Chengdu (swap the masses to measure "
                          "from the other end)."),
            Misconception("used β = 1", lambda: _breaking_from_chengdu(beta=1.0),
                          "you used β = 1; the question sets β = 2 (the square root of the "
                          "mass ratio)."),
            Misconception("straight-line distance",
                          lambda: _breaking_from_chengdu(
                              distance=_haversine("chengdu", "chongqing")),
                          "you used the straight-line distance between the two cities; the "
                          "question measures along the railway (成渝高铁, table `corridor`). "
                          "The split is the same fraction of the way, but the kilometres "
                          "differ."),
        ),
        hints=("The point lies closer to the smaller city (Chengdu): less than half of d.",),
    ),
    Question(
        id="05.double_distance",
        title="Distance decay · 距离衰减",
        prompt=(
            "In the gravity model with β = 2, **by what factor is the interaction "
            "*divided* when the distance doubles** (masses unchanged)?"),
        starter="answer = ...   # a number: interaction is divided by this",
        solution=("before = cy.spatial.gravity(1.0, 1.0, 100.0, beta=2)\n"
                  "after = cy.spatial.gravity(1.0, 1.0, 200.0, beta=2)\n"
                  "answer = before / after"),
        kind="number", unit="ratio",
        expected=2.0 ** 2,
        misconceptions=(
            Misconception("linear decay", lambda: 2.0,
                          "that would be β = 1 (interaction ∝ 1/d); with β = 2 it is "
                          "∝ 1/d², so doubling d divides it by 2²."),
            Misconception("gave the multiplier", lambda: 0.25,
                          "0.25 is what the interaction is *multiplied* by; the question "
                          "asks what it is *divided* by."),
        ),
        hints=("Compare 1/d² with 1/(2d)².",),
    ),
    Question(
        id="05.strongest_pair",
        title="Reading a chart · 联系最强的城市对",
        prompt=(
            "Take every city with a 2023 whole-city GDP in `city_economy`, plus Chongqing "
            "(全市). With GDP as mass, great-circle distances and β = 2, draw the "
            "interaction of the ten strongest pairs (`cy.spatial.interaction_table`). "
            "**Which pair interacts most?** Give a set of two `city_id`s."),
        starter=(_MASSES +
                 "cities = cy.datasets.load(\"cities\").set_index(\"city_id\")\n"
                 "table = cities.loc[gdp.index, [\"lat\", \"lon\"]].assign(gdp=gdp)\n"
                 "answer = ...   # a set of two city names, in Chinese or English"),
        solution=(_MASSES +
                  "cities = cy.datasets.load(\"cities\").set_index(\"city_id\")\n"
                  "table = cities.loc[gdp.index, [\"lat\", \"lon\"]].assign(gdp=gdp)\n"
                  "pairs = cy.spatial.interaction_table(table, mass=\"gdp\", beta=2)\n"
                  "top = pairs.head(10)\n"
                  "cy.plotting.setup()   # house style, with a font for Chinese labels\n"
                  "top = top.assign(pair=top[\"city_i\"] + \" – \" + top[\"city_j\"])\n"
                  "top.plot.barh(x=\"pair\", y=\"interaction\", legend=False,\n"
                  "              xlabel=cy.plotting.label(\"interaction\"), ylabel=\"\")\n"
                  "answer = {top.loc[0, \"city_i\"], top.loc[0, \"city_j\"]}"),
        kind="set",
        expected=_strongest,
        misconceptions=(
            Misconception("used β = 1", lambda: _strongest(beta=1.0),
                          "that pair is the strongest with β = 1; with β = 2 distance "
                          "weighs more, and near neighbours win."),
        ),
        hints=("interaction_table sorts pairs strongest first: read its first row.",),
    ),
    Question(
        id="05.reflection",
        title="Rivals or partners? · 虹吸还是协同",
        prompt=(
            "Planners describe the two cores as partners with a shared corridor rather "
            "than rivals. **What does the gravity model say about the cities *between* "
            "the cores (资阳, 内江 …), and what data would show a siphon effect (虹吸效应)?** "
            "Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* The model gives the middle cities strong interaction with "
            "both cores because they are close, but their own mass is small, so most of "
            "the corridor's 'pull' goes to Chengdu and Chongqing: the breaking point only "
            "says where the two pulls balance. Interaction is not the same as benefit. A "
            "siphon effect would show in flows and changes: migration and commuting from "
            "the middle cities to the cores, firms relocating, the middle cities' shares of "
            "population and GDP falling while rail links improve. Train counts or mobile "
            "phone flows would test the model's ranking; the masses and distances alone "
            "cannot."),
    ),
]


#: The mistakes notebook 05 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'logs of flows that are zero': None,  # no question estimates a gravity model from flows
    'straight-line': 'straight-line distance',
    'straight line': 'straight-line distance',
}
