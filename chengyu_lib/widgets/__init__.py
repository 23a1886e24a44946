"""Interactive explorers for the course notebooks, built only on the library's tested
functions (ipywidgets loads on first use).

Each explorer varies one parameter with economic meaning and shows what it does. Each
returns an ``ipywidgets`` container whose ``.children`` tests can drive without a browser:
set a control's ``.value`` and read the ``Output`` widget's ``.outputs``.
One submodule per notebook; the names are re-exported here lazily.
"""
from importlib import import_module

_WHERE = {  # public name -> submodule, filled as explorers are added
    **dict.fromkeys(["nominal_real_explorer", "cagr_explorer", "nominal_real_figure", "cagr_summary"], "_growth"),
    **dict.fromkeys(["delegate_explorer", "delegate_card", "summary_texts"], "_report"),
    **dict.fromkeys(["inequality_explorer", "inequality_inputs", "core_periphery_inputs", "inequality_summary", "inequality_text", "ranked_chart", "rank_size_chart"], "_inequality"),
    **dict.fromkeys(["gravity_explorer", "gravity_inputs", "corridor_view", "breaking_point_chart", "pairs_chart", "corridor_chart", "corridor_stations"], "_corridor"),
    **dict.fromkeys(["overlap_explorer", "overlap_view", "overlap_text", "overlap_figure", "lq_scatter", "sector_table", "constructed_example", "level_table"], "_overlap"),
    **dict.fromkeys(["diffusion_explorer", "diffusion_series", "decimal_year", "leave_one_out", "logistic_view", "logistic_text", "logistic_figure", "timeline_figure"], "_diffusion"),
    **dict.fromkeys(["scenario_explorer", "scenario_view", "scenario_text", "scenario_figure", "scenario_paths", "scenario_base", "projects_table"], "_projects"),
    **dict.fromkeys(["urbanisation_explorer", "urbanisation_table", "weighted_rate", "unweighted_rate", "subregion_figure", "hukou_regions", "hukou_gap_view", "urbanisation_text", "urbanisation_figure"], "_urbanisation"),
    **dict.fromkeys(["income_table", "income_ratio", "nominal_growth", "ratio_figure", "convergence_inputs", "convergence_view", "convergence_text", "convergence_figure", "convergence_explorer"], "_rural"),
    **dict.fromkeys(["cluster_explorer", "cluster_table", "cluster_ranking", "cluster_text", "cluster_figure", "cluster_bubble", "cluster_population", "per_person", "density"], "_clusters"),
    **dict.fromkeys(["claim_explorer", "claim_table", "claim_card", "memo_stats", "memo_feedback"], "_capstone"),
}

__all__ = sorted(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"chengyu_lib.widgets has no explorer {name!r}; "
                         f"available: {', '.join(sorted(_WHERE)) or 'none yet'}")
