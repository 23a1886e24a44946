"""Exercise set 07 · rural revitalisation and the income gap (mirrors
notebooks/07_rural_revitalisation.ipynb)."""
import math

from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "07",
    "name": "rural_revitalisation",
    "title_en": "Rural revitalisation and the income gap",
    "title_zh": "乡村振兴与城乡收入差距",
    "minutes": 30,
    "notebook": "07_rural_revitalisation",
    "intro": ("The urban–rural income ratio, convergence time and the nominal-levels trap, "
              "from the table `rural_income` (per-capita disposable income in 元 at each "
              "year's prices, real growth in %, printed ratios). The latest comparable years "
              "are 2022 for Sichuan and 2020 for Zhejiang; no 2023 figure was found. Give "
              "growth rates to functions as fractions (0.044 for 4.4%)."),
}


def _v(region, year, indicator):
    return datasets.one("rural_income", year=year, indicator=indicator, region=region)


def _ratio(region, year):
    return _v(region, year, "urban_income") / _v(region, year, "rural_income")


def _rates():
    return (_v("sichuan", 2022, "rural_real_growth") / 100,
            _v("sichuan", 2022, "urban_real_growth") / 100)


def _t_star():
    g_r, g_u = _rates()
    R0, Rs = _ratio("sichuan", 2022), _v("zhejiang", 2020, "urban_rural_ratio")
    return math.log(Rs / R0) / math.log((1 + g_u) / (1 + g_r))


def _t_swapped():
    g_r, g_u = _rates()
    R0, Rs = _ratio("sichuan", 2022), _v("zhejiang", 2020, "urban_rural_ratio")
    return math.log(Rs / R0) / math.log((1 + g_r) / (1 + g_u))


def _t_percent():
    g_r, g_u = _rates()
    R0, Rs = _ratio("sichuan", 2022), _v("zhejiang", 2020, "urban_rural_ratio")
    return math.log(Rs / R0) / math.log((1 + 100 * g_u) / (1 + 100 * g_r))


_LOAD = "t = cy.widgets.income_table()   # one row per (region, year)\n"

QUESTIONS = [
    Question(
        id="07.ratio_2022",
        title="Sichuan's income ratio · 四川城乡居民收入比",
        prompt=(
            "In 2022 Sichuan's urban residents had a per-capita disposable income of 43,233元 "
            "and its rural residents 18,672元 (region `sichuan`, indicators `urban_income` "
            "and `rural_income` of table `rural_income`). **Compute the urban–rural income "
            "ratio $R = Y_u / Y_r$ from the two levels** (no unit; the printed, rounded "
            "ratio is 2.32)."),
        starter=(_LOAD + "answer = ...   # a ratio"),
        solution=("answer = cy.metrics.income_ratio(43233, 18672)\n"
                  "# or: float(cy.widgets.income_table('sichuan').loc[2022, "
                  "'ratio_from_levels'])"),
        printed=2, kind="number", unit="ratio", rtol=3e-3,
        expected=lambda: _ratio("sichuan", 2022),
        misconceptions=(
            Misconception("rural over urban",
                          lambda: _v("sichuan", 2022, "rural_income")
                          / _v("sichuan", 2022, "urban_income"),
                          "you divided rural by urban income. The ratio is urban over rural, "
                          "so it is above 1 when towns earn more."),
            Misconception("the gap in yuan",
                          lambda: _v("sichuan", 2022, "urban_income")
                          - _v("sichuan", 2022, "rural_income"),
                          "you subtracted the two incomes: that is the gap in 元, which "
                          "grows with prices. The ratio divides them."),
        ),
        hints=("43,233 ÷ 18,672; or cy.metrics.income_ratio(urban, rural).",),
    ),
    Question(
        id="07.t_star",
        title="Convergence time · 收敛时间",
        prompt=(
            "Suppose Sichuan's rural income keeps growing at its 2022 real rate, "
            "$g_r$ = 4.4% a year, and urban income at $g_u$ = 2.2% a year. Starting from the "
            "2022 ratio computed from the levels ($R_0$, previous question), **how many "
            "years $t^*$ until the ratio reaches Zhejiang's printed 2020 ratio, "
            "$R^* = 1.96$?** $t^* = \\ln(R^*/R_0) / \\ln\\frac{1+g_u}{1+g_r}$. Give the "
            "fractional number of years."),
        starter=("d = cy.widgets.convergence_inputs()   # ratio0, target, g_rural, g_urban\n"
                 "answer = ...   # years"),
        solution=("d = cy.widgets.convergence_inputs()\n"
                  "answer = float(cy.scenarios.convergence_time(d['ratio0'], d['target'], "
                  "d['g_rural'], d['g_urban']))"),
        printed=2, kind="number", rtol=1e-3,
        expected=_t_star,
        misconceptions=(
            Misconception("swapped g_u and g_r", _t_swapped,
                          "you swapped the two growth rates: a negative time means the ratio "
                          "moves away from the target. With urban income growing faster the "
                          "ratio never falls; put (1 + g_u)/(1 + g_r) in the denominator's "
                          "log."),
            Misconception("percent in the formula", _t_percent,
                          "you put the rates in percent (4.4) into 1 + g; the formula needs "
                          "fractions (0.044)."),
        ),
        hints=("ln(1.96 / 2.3154) / ln(1.022 / 1.044), or "
               "cy.scenarios.convergence_time(R0, 1.96, 0.044, 0.022).",),
    ),
    Question(
        id="07.reach_year",
        title="The first year at the target · 首次达到的年份",
        prompt=(
            "The ratio is measured once a year. With the same rates and start (2022), "
            "**in which calendar year is Sichuan's ratio first at or below 1.96?** Draw "
            "the path with `cy.widgets.convergence_figure(0.044, 0.022)` and check it."),
        starter=("ax = cy.widgets.convergence_figure(0.044, 0.022)\n"
                 "answer = ...   # a year such as 2025"),
        solution=("view = cy.widgets.convergence_view(0.044, 0.022)\n"
                  "answer = view.reach_year"),
        kind="integer", unit="year",
        expected=lambda: 2022 + math.ceil(_t_star()),
        misconceptions=(
            Misconception("rounded t* down",
                          lambda: 2022 + math.floor(_t_star()),
                          "you rounded t* down. After that many whole years the ratio is "
                          "still above 1.96; the first year at or below it is base year + "
                          "⌈t*⌉."),
        ),
        hints=("2022 + ⌈t*⌉; convergence_view(...).path shows the ratio year by year.",),
    ),
    Question(
        id="07.compare_ratios",
        title="Compare ratios, not levels · 比较收入比，而非名义水平",
        prompt=(
            "A headline divides Zhejiang's 2020 rural income (31,930元) by Sichuan's 2022 "
            "rural income (18,672元). That compares two years and two price levels. The "
            "comparable measure is the ratio within each province. **By how much is "
            "Sichuan's 2022 urban–rural ratio above Zhejiang's 2020 ratio, both computed "
            "from the levels?** $R_{SC,2022} - R_{ZJ,2020}$ (no unit)."),
        starter=(_LOAD + "answer = ...   # a difference of two ratios"),
        solution=(_LOAD + "answer = float(t.loc[('sichuan', 2022), 'ratio_from_levels'] "
                  "- t.loc[('zhejiang', 2020), 'ratio_from_levels'])"),
        printed=2, kind="number", unit="ratio", rtol=1e-2,
        expected=lambda: _ratio("sichuan", 2022) - _ratio("zhejiang", 2020),
        misconceptions=(
            Misconception("nominal levels across provinces",
                          lambda: _v("zhejiang", 2020, "rural_income")
                          / _v("sichuan", 2022, "rural_income"),
                          "you divided Zhejiang's 2020 rural income by Sichuan's 2022 rural "
                          "income: two years and two price levels, so the yuan do not "
                          "compare. Compare each province's own urban–rural ratio."),
            Misconception("rural levels subtracted",
                          lambda: _v("zhejiang", 2020, "rural_income")
                          - _v("sichuan", 2022, "rural_income"),
                          "you subtracted nominal rural incomes of two provinces and two "
                          "years; the question asks for the difference of the two ratios."),
        ),
        hints=("2.3154 − 1.9636.",),
    ),
    Question(
        id="07.reflection",
        title="A scenario, not a promise · 情景而非预测",
        prompt=(
            "Wu De (吴德) points Sichuan to Zhejiang's 千万工程. A colleague concludes from "
            "this notebook: \"Sichuan's villagers will be as well off as Zhejiang's by "
            "2030.\" **Say what is wrong with that sentence, using the notebook's numbers "
            "and the assumptions behind $t^*$.** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* 2030 is when Sichuan's urban–rural *ratio* would reach "
            "1.96, the gap Zhejiang had in 2020; it says nothing about rural income levels, "
            "and Zhejiang's rural income in 2020 (31,930元) was about twice Sichuan's in the "
            "same year. The date rests on holding 2022's real rates (4.4% rural, 2.2% urban) "
            "for eight years, applies real rates to a nominal ratio, and fixes a target "
            "Zhejiang has since moved past; 2020's rates give 2032 instead. It is a "
            "scenario, not a forecast, and 2023 figures were not found to check it."),
    ),
]


#: The mistakes notebook 07 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'nominal levels': 'nominal levels across provinces',
}
