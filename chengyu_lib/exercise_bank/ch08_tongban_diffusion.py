"""Exercise set 08 · 川渝通办 as policy diffusion (mirrors notebooks/08_tongban_diffusion.ipynb)."""
from . import Misconception, Question
from .. import datasets
from . import _data as D

SET = {
    "id": "08",
    "name": "tongban_diffusion",
    "title_en": "川渝通办 as policy diffusion",
    "title_zh": "川渝通办与政策扩散",
    "minutes": 30,
    "notebook": "08_tongban_diffusion",
    "intro": ("The joint list of Sichuan–Chongqing government services (川渝通办) from "
              "`tongban_timeline`: items listed (事项, a count of services) and cases "
              "handled (办件量, in 万件 or 万件次, cumulative, as printed), and the logistic "
              "curve $N(t) = K/(1+e^{-r(t-t_0)})$ (`cy.scenarios.logistic`, "
              "`cy.scenarios.fit_logistic`). Batch 3's size and date were not found: no "
              "question asks for them. Shares are fractions (0.15 for 15%)."),
}


def _timeline():
    return D.load("tongban_timeline")


def _row(event_id):
    t = _timeline().set_index("event_id")
    return t.loc[event_id]


def _items_at(date, scope="chuanyu_all"):
    t = _timeline()
    return int(datasets.one(t[t["items_cumulative"].notna()], "items_cumulative", date=date,
                            scope=scope))


def _cases_at(date):
    t = _timeline()
    return float(datasets.one(t[t["cases_cumulative"].notna()], "cases_cumulative", date=date))


def _batch_added(batch):
    t = _timeline()
    return int(datasets.one(t[t["items_added"].notna()], "items_added", batch=batch))


def _fit_K(first_only=True):
    from .. import scenarios, widgets

    s = widgets.diffusion_series(first_only=first_only)
    return scenarios.fit_logistic(datasets.decimal_year(s.index), s).K


_SERIES = ("counts = cy.widgets.diffusion_series(first_only=True)   # first report of each count\n"
           "t = cy.datasets.decimal_year(counts.index)                # dates as decimal years\n")

QUESTIONS = [
    Question(
        id="08.hr_share",
        title="Li Yong's share · 人社占比",
        prompt=(
            "Li Yong (黎勇) puts human-resources and social-security services at nearly 15% "
            "of the total volume of 川渝通办 (figure `tongban_hr_share` in "
            "`cy.article.figures()`, stored in percent). **What is that share as a "
            "fraction?**"),
        starter=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                 "answer = ...   # a fraction, e.g. 0.05 for 5%"),
        solution=("figures = cy.article.figures().set_index(\"figure_id\")\n"
                  "answer = figures.loc[\"tongban_hr_share\", \"value\"] / 100"),
        kind="number", unit="fraction",
        expected=lambda: D.figure("tongban_hr_share") / 100,
        misconceptions=(
            Misconception("gave percent", lambda: D.figure("tongban_hr_share"),
                          "you gave the percent as printed (15); as a fraction it is "
                          "15 / 100 = 0.15."),
            Misconception("share of listed items",
                          lambda: _items_at("2021-10-31", "chuanyu_social_security")
                          / _items_at("2021-10-11"),
                          "that is 18 social-insurance services out of 210 listed items in "
                          "October 2021: a share of *items*, for a narrower field, at another "
                          "date. The question asks for the report's figure, a share of the "
                          "total volume."),
        ),
        hints=("The table stores 15.0 with unit %: divide by 100.",),
    ),
    Question(
        id="08.midpoint",
        title="The midpoint of an S-curve · 中点",
        prompt=(
            "A toy logistic curve has ceiling K = 360 items, rate r = 1.5 per year and "
            "midpoint t0 = 2021.5: $N(t) = K/(1+e^{-r(t-t_0)})$. **How many items does it "
            "give at t = t0?** (`cy.scenarios.logistic` computes it; check by hand.)"),
        starter="K, r, t0 = 360, 1.5, 2021.5\nanswer = ...   # items",
        solution=("K, r, t0 = 360, 1.5, 2021.5\n"
                  "answer = cy.scenarios.logistic(t0, K, r, t0)"),
        kind="number", unit="count",
        expected=360 / 2,
        misconceptions=(
            Misconception("gave the ceiling", lambda: 360.0,
                          "360 is the ceiling K, which the curve only approaches; at t0 the "
                          "exponent is 0, so N(t0) = K / (1 + e^0) = K/2."),
            Misconception("gave the midpoint year", lambda: 2021.5,
                          "2021.5 is the midpoint *time* t0; the question asks for the number "
                          "of items N(t0)."),
        ),
        hints=("e^0 = 1, so N(t0) = K / (1 + 1).",),
    ),
    Question(
        id="08.batch2",
        title="Items added by batch 2 · 第二批事项",
        prompt=(
            "In `tongban_timeline`, **how many items did the second list (batch 2, March "
            "2021) add?** Use the column `items_added`, not the running total."),
        starter=("timeline = cy.datasets.load(\"tongban_timeline\")\n"
                 "answer = ...   # a count of items"),
        solution=("timeline = cy.datasets.load(\"tongban_timeline\")\n"
                  "rows = timeline.query(\"batch == 2\").dropna(subset=[\"items_added\"])\n"
                  "answer = int(rows[\"items_added\"].iloc[0])"),
        kind="integer", unit="count",
        expected=lambda: _batch_added(2),
        misconceptions=(
            Misconception("gave the cumulative count", lambda: _items_at("2021-03-08"),
                          "210 is the cumulative count after batch 2 (95 + 115); the batch "
                          "itself added items_added."),
        ),
        hints=("Filter batch == 2 and read items_added; it should equal 210 − 95.",),
    ),
    Question(
        id="08.cases_growth",
        title="Items are not usage · 事项不等于办件",
        prompt=(
            "The list had 210 items on 2021-04-01 and still 210 on 2021-10-11. Cumulative "
            "cases handled (column `cases_cumulative`, 万件, both in the same unit) were "
            "reported on both dates. **By what factor did cumulative cases grow between the "
            "two reports?** (Both figures are printed with 超, 'over': treat them as "
            "printed.)"),
        starter=("timeline = cy.datasets.load(\"tongban_timeline\")\n"
                 "answer = ...   # a ratio"),
        solution=("timeline = cy.datasets.load(\"tongban_timeline\")\n"
                  "cases = timeline.dropna(subset=[\"cases_cumulative\"]).set_index(\"date\")\n"
                  "answer = cases.loc[\"2021-10-11\", \"cases_cumulative\"] / "
                  "cases.loc[\"2021-04-01\", \"cases_cumulative\"]"),
        printed=2, kind="number", unit="ratio",
        expected=lambda: _cases_at("2021-10-11") / _cases_at("2021-04-01"),
        misconceptions=(
            Misconception("compared listed items",
                          lambda: _items_at("2021-10-11") / _items_at("2021-04-01"),
                          "you compared listed items (210 and 210): the list did not change, "
                          "but use did. Items say what *can* be handled; cases say how often "
                          "it *was*."),
            Misconception("added the two totals",
                          lambda: _cases_at("2021-10-11") + _cases_at("2021-04-01"),
                          "you added two cumulative totals: the October figure already "
                          "includes the April one, so the sum double-counts. The question asks "
                          "for a ratio."),
            Misconception("growth rate instead of factor",
                          lambda: _cases_at("2021-10-11") / _cases_at("2021-04-01") - 1,
                          "that is the growth *rate* (the increase over the April total); "
                          "the question asks for the *factor*, later / earlier, which is "
                          "the rate plus 1."),
            Misconception("gave the difference",
                          lambda: _cases_at("2021-10-11") - _cases_at("2021-04-01"),
                          "that is the difference in 万件 (cases handled between the two "
                          "reports); the question asks by what *factor* the total grew."),
        ),
        hints=("Divide the later cumulative count by the earlier one.",),
    ),
    Question(
        id="08.fit_K",
        title="Fitting the ceiling · 拟合上限",
        prompt=(
            "Fit the logistic curve with `cy.scenarios.fit_logistic` to the **first report "
            "of each count** (`cy.widgets.diffusion_series(first_only=True)`, four points) on "
            "a decimal-year axis (`cy.datasets.decimal_year`), and draw it with "
            "`cy.widgets.logistic_figure`. **What ceiling K (items) does the least-squares "
            "fit give?** Compare it with the last observed count."),
        starter=(_SERIES + "answer = ...   # K, in items"),
        solution=(_SERIES + "fit = cy.scenarios.fit_logistic(t, counts)\n"
                  "ax = cy.widgets.logistic_figure(counts, fit.K, fit.r, fit.t0)\n"
                  "answer = fit.K"),
        printed=0, kind="number", unit="count",
        expected=_fit_K,
        misconceptions=(
            Misconception("fitted every report", lambda: _fit_K(first_only=False),
                          "you fitted all nine reports: the repeated reports of 210 and 311 "
                          "weigh the plateaus and pull K down. The question uses the first "
                          "report of each count (first_only=True)."),
            Misconception("took the last count as K",
                          lambda: float(_items_at("2025-01-09")),
                          "355 is the last observed count, not a fitted ceiling: the "
                          "least-squares K comes out *below* it, a sign that four points "
                          "barely pin the ceiling down."),
        ),
        hints=("fit = cy.scenarios.fit_logistic(t, counts); K is fit.K (or K, r, t0 = fit).",),
    ),
    Question(
        id="08.reflection",
        title="Has the list saturated? · 是否已经饱和",
        prompt=(
            "The list stood at 311 items from 2022 to early 2024 and then rose to 355. "
            "**Could a logistic curve fitted in 2023 have told you the list was complete? "
            "What data, other than the count of listed items, would you want before saying "
            "that joint handling has 'saturated'?** Two or three sentences."),
        starter="answer = \"\"\"\n...\n\"\"\"",
        solution="answer = \"See the model answer below.\"",
        kind="reflection",
        model_answer=(
            "*One good answer.* No: fitted to the data up to 2022 the curve's ceiling is "
            "about 311, simply because the last points were flat; the ceiling is the least "
            "certain parameter, and the list grows when the two governments decide to add "
            "a batch, not by a law of nature. To speak of saturation I would want the "
            "number of services that *could* be listed (all services with a cross-border "
            "demand), the dates and sizes of every batch (batch 3 is missing), and above "
            "all usage: cases handled per item and per year, in one consistent unit (件 or "
            "件次), and how many items are fully online (全程网办). A list can stop growing "
            "while use keeps rising, as it did in 2021."),
    ),
]


#: The mistakes notebook 08 warns about (its "common mistake" passages): a phrase of the
#: passage -> the misconception of this set that names it, or None when no question of
#: the set asks for the step (tests/test_exercises.py pairs every passage with an entry).
WARNINGS = {
    'dividing cases by items': None,  # no question asks for cases per item
    'as a forecast': None,  # no question extrapolates the curve
    'growth rate': 'growth rate instead of factor',
}
