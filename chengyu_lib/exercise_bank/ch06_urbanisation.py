"""Exercise set 06 · people-centred urbanisation (mirrors notebooks/06_urbanisation.ipynb)."""
from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "06",
    "name": "urbanisation",
    "title_en": "People-centred urbanisation",
    "title_zh": "以人为核心的新型城镇化",
    "minutes": 30,
    "notebook": "06_urbanisation",
    "intro": ("Resident and hukou urbanisation, a whole rate rebuilt from its subregions, and "
              "migration, from the table `urbanisation` (2022; populations in 万人, rates "
              "in %). Give rates and gaps in percent or percentage points as asked "
              "(58.35 for 58.35%), not as fractions."),
}

_PARTS = ("cq_main_metro", "cq_northeast", "cq_southeast")


def _v(region, indicator):
    return datasets.one("urbanisation", year=2022, indicator=indicator, region=region)


def _weighted():
    P = [_v(r, "population") for r in _PARTS]
    u = [_v(r, "urbanisation_rate") for r in _PARTS]
    return sum(p * x for p, x in zip(P, u)) / sum(P)


def _plain_mean():
    return sum(_v(r, "urbanisation_rate") for r in _PARTS) / len(_PARTS)


def _gap(region="sichuan"):
    return _v(region, "urbanisation_rate") - _v(region, "hukou_urbanisation_rate")


_LOAD = ("urb = cy.datasets.load(\"urbanisation\")\n"
         "wide = urb.query(\"year == 2022\").pivot(index=\"region\", columns=\"indicator\", "
         "values=\"value\")\n")

QUESTIONS = [
    Question(
        id="06.weighted_rate",
        title="Rebuild the whole rate · 由分区域重建全市城镇化率",
        prompt=(
            "Chongqing is split into three subregions: 主城都市区, 渝东北三峡库区城镇群 and "
            "渝东南武陵山区城镇群 (regions `cq_main_metro`, `cq_northeast`, `cq_southeast` "
            "of table `urbanisation`, 2022), each with its resident population $P_k$ (万人) "
            "and urbanisation rate $u_k$ (%). **What is the urbanisation rate of the whole "
            "of Chongqing, in percent, rebuilt from the three subregions?** "
            "$u = \\sum_k (P_k/P)\\,u_k$."),
        starter=("t = cy.widgets.urbanisation_table()   # the three subregions, 2022\n"
                 "answer = ...   # in percent"),
        solution=("t = cy.widgets.urbanisation_table()\n"
                  "w = cy.metrics.share(t[\"population\"])          # P_k / P\n"
                  "answer = float((w * t[\"urbanisation_rate\"]).sum())"),
        printed=2, kind="number", unit="percent", rtol=1e-4,
        expected=_weighted,
        misconceptions=(
            Misconception("unweighted mean of the rates", _plain_mean,
                          "you took the plain mean of the three rates, as if each subregion "
                          "had the same number of people. The southeast holds under 9% of "
                          "the residents; weight each rate by its population share P_k / P."),
            Misconception("forgot to divide by the total population",
                          lambda: sum(_v(r, "population") * _v(r, "urbanisation_rate")
                                      for r in _PARTS),
                          "you added up P_k × u_k but did not divide by P = Σ P_k: that is "
                          "(100 ×) the number of urban residents in 万人, not a rate."),
        ),
        hints=("Weights w_k = P_k / P from cy.metrics.share(t['population']); then "
               "Σ w_k u_k. The published whole is 70.96%.",),
    ),
    Question(
        id="06.net_migration",
        title="Net migration · 人口净流动",
        prompt=(
            "Chongqing's 2022 bulletin counts 403.53万 people who have left Chongqing for "
            "more than half a year (`out_migrants`) and 221.45万 people from outside living "
            "in Chongqing (`in_migrants`), region `chongqing` of table `urbanisation`. "
            "**What is the net migration $M = I - O$, in 万人?** Mind the sign."),
        starter=(_LOAD + "answer = ...   # in 万人"),
        solution=(_LOAD + "cq = wide.loc[\"chongqing\"]\n"
                  "answer = float(cq[\"in_migrants\"] - cq[\"out_migrants\"])"),
        printed=2, kind="number", unit="万人",
        expected=lambda: _v("chongqing", "in_migrants") - _v("chongqing", "out_migrants"),
        misconceptions=(
            Misconception("out minus in",
                          lambda: _v("chongqing", "out_migrants") - _v("chongqing",
                                                                        "in_migrants"),
                          "you subtracted in-migrants from out-migrants. Net migration is in "
                          "minus out, so more people away than arrived gives a negative "
                          "number."),
            Misconception("added the two stocks",
                          lambda: _v("chongqing", "out_migrants") + _v("chongqing",
                                                                        "in_migrants"),
                          "you added the two figures: that is how many people are away from "
                          "where they are registered in either direction, not the net."),
        ),
        hints=("wide.loc['chongqing', 'in_migrants'] − wide.loc['chongqing', "
               "'out_migrants'].",),
    ),
    Question(
        id="06.gap_pp",
        title="The gap in percentage points · 百分点",
        prompt=(
            "In 2022 Sichuan's resident urbanisation rate (常住人口城镇化率) was 58.35% and "
            "its hukou urbanisation rate (户籍人口城镇化率) 38.86% (region `sichuan`, "
            "indicators `urbanisation_rate` and `hukou_urbanisation_rate`). **How large is "
            "the gap between the two rates, in percentage points?**"),
        starter=(_LOAD + "answer = ...   # in percentage points"),
        solution=(_LOAD + "sc = wide.loc[\"sichuan\"]\n"
                  "answer = float(sc[\"urbanisation_rate\"] - sc[\"hukou_urbanisation_rate\"])"),
        printed=2, kind="number", unit="percent",
        expected=_gap,
        misconceptions=(
            Misconception("percent instead of percentage points",
                          lambda: 100 * _gap() / _v("sichuan", "hukou_urbanisation_rate"),
                          "you computed the gap relative to the hukou rate (in percent, "
                          "about 50%). A difference between two rates is a plain difference, "
                          "measured in percentage points."),
            Misconception("hukou minus resident",
                          lambda: -_gap(),
                          "you subtracted the resident rate from the hukou rate; the gap is "
                          "resident minus hukou, a positive number of points."),
        ),
        hints=("Subtract: 58.35 − 38.86.",),
    ),
    Question(
        id="06.hukou_share",
        title="Granting urban hukou · 农业转移人口落户",
        prompt=(
            "An illustration, not a projection: suppose half ($s = 0.5$) of Sichuan's "
            "townspeople without urban hukou were given it and nothing else changed. "
            "**What would Sichuan's hukou urbanisation rate be, in percent?** "
            "$u_h(s) = u_h + s\\,(u - u_h)$."),
        starter=(_LOAD + "answer = ...   # in percent"),
        solution=("v = cy.widgets.hukou_gap_view(\"sichuan\", 0.5)\n"
                  "answer = v.hukou_rate_s"),
        printed=2, kind="number", unit="percent",
        expected=lambda: _v("sichuan", "hukou_urbanisation_rate") + 0.5 * _gap(),
        misconceptions=(
            Misconception("raised the hukou rate by half of itself",
                          lambda: 1.5 * _v("sichuan", "hukou_urbanisation_rate"),
                          "you raised the hukou rate by 50% of itself. The share s applies "
                          "to the gap (the people without urban hukou), not to the hukou "
                          "rate: u_h + s (u − u_h)."),
            Misconception("halfway from zero",
                          lambda: 0.5 * _v("sichuan", "urbanisation_rate"),
                          "you took half of the resident rate. Start from the hukou rate and "
                          "add half of the gap."),
        ),
        hints=("38.86 + 0.5 × 19.49, or cy.widgets.hukou_gap_view('sichuan', 0.5)"
               ".hukou_rate_s.",),
    ),
    Question(
        id="06.reflection",
        title="People-centred · 以人为核心",
        prompt=(
            "Xu Hongbin (许洪斌) wants to draw people in with industry (以产聚人) and keep them "
            "with a city worth living in (以城留人). A colleague says: \"Chongqing is 70.96% "
            "urban, so its urbanisation is nearly complete.\" **Using this notebook's "
            "numbers, say what the 70.96% leaves out, and which figure you would want "
            "next.** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* 70.96% counts where people live, not whether they are "
            "fully part of the town: it averages a 79.8% main urban area with mountain "
            "clusters near 52%, and it says nothing about registration. In Sichuan the "
            "hukou rate is 19.49 points below the resident rate, so roughly one resident "
            "in five lives in a town without urban hukou, and school places, housing "
            "support and parts of social insurance have been tied to it. The next figure "
            "to find is Chongqing's own hukou urbanisation rate (not in the course data), "
            "and then the services its non-hukou townspeople can use."),
    ),
]


#: The mistakes notebook 06 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'without weights': 'unweighted mean of the rates',
    'unweighted': 'unweighted mean of the rates',
}
