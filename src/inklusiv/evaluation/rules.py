"""Who may do what in the scientific evaluation.

The evaluators of the programme and the funder's staff see every region, build the surveys,
export the answers and write the reports. Programme experts read every region's evaluation.
Everyone else who may read a pilot region (its members, its coach, its expert) sees that
region's impact model, indicators and survey results, and never another region's (404). A
region's editors and coach keep its indicators' values up to date and may shape its indicators
and impact model with the evaluator. Respondents need no account: their link is their key, and
it opens only their survey (the answering views check the link, not a permission).
"""

import rules

from inklusiv.accounts.rules import is_evaluator, is_funder_staff, is_programme_expert
from inklusiv.pilots.rules import is_region_coach, is_region_editor, region_of

evaluates = is_funder_staff | is_evaluator
reads_everything = evaluates | is_programme_expert


@rules.predicate
def reads_region(user, obj):
    region = region_of(obj)
    return bool(region) and user.has_perm("pilots.view_region", region)


def _region_or_none(obj):
    return getattr(obj, "region", obj) if obj is not None else None


@rules.predicate
def is_programme_level(user, obj):
    """An object of the programme (no region): an impact model or an indicator without one."""
    return obj is None or _region_or_none(obj) is None


region_keeper = is_region_editor | is_region_coach

# Programme pages: all regions' indicators, the programme's impact model, the list of surveys.
rules.add_perm("evaluation.view_programme", reads_everything)
# One region's evaluation pages (its tab): whoever may read the region.
rules.add_perm("evaluation.view_region", reads_everything | reads_region)
# An impact model or an indicator: the region's, or the programme's for the programme's readers.
rules.add_perm(
    "evaluation.view_object",
    reads_everything | (~is_programme_level & reads_region),
)
rules.add_perm("evaluation.edit_impact_model", evaluates | (~is_programme_level & region_keeper))
rules.add_perm("evaluation.edit_indicators", evaluates | (~is_programme_level & region_keeper))
rules.add_perm("evaluation.enter_values", evaluates | (~is_programme_level & region_keeper))
# Surveys: built, opened, closed and distributed by the evaluators.
rules.add_perm("evaluation.manage_surveys", evaluates)
# Results of a survey for all its regions (region members read their region's tab instead).
rules.add_perm("evaluation.view_all_results", reads_everything)
# Answers and indicator values as files for scientists (anonymised; audited).
rules.add_perm("evaluation.export_data", evaluates)
rules.add_perm("evaluation.write_reports", evaluates)
