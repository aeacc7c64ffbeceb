from tests.evaluation.conftest import make_responses


def test_the_shared_survey_has_its_questions_and_takes_responses(survey, eworld):
    assert survey.sections.count() == 2
    made = make_responses(survey, eworld.region, [{"behinderung": 1, "einst1": 4, "orte": [1, 2]}])
    assert made[0].answers.count() == 4
