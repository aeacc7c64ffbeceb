"""The demo's first round of 2016: commission, conflicts, 387 reviews, research, the top ten,
congratulation letters and one withdrawal."""

from collections import Counter

import pytest
from django.db import transaction
from django.test import TestCase, override_settings
from pypdf import PdfReader

from inklusiv.accounts.models import User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.core.models import AuditEntry
from inklusiv.demo import load as load_demo
from inklusiv.demo.call import CALL_2016_SLUG, berlin
from inklusiv.demo.selection import SHORTLIST, WITHDRAWING
from inklusiv.notifications.models import Preference
from inklusiv.selection import conflicts, ranking
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    Decision,
    Letter,
    LetterBatch,
    OpenQuestion,
    Outcome,
    ResearchNote,
    Review,
    Score,
)

pytestmark = pytest.mark.django_db

REAL_PILOT_REGIONS = {
    "Erlangen",
    "Rostock",
    "Schneverdingen",
    "Schwäbisch Gmünd",
    "Verbandsgemeinde Nieder-Olm",
}


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _demo_files(settings, media_root):
    """The letters' PDFs stored by the module's one demo load stay readable in every test."""
    settings.MEDIA_ROOT = media_root


@pytest.fixture(scope="module")
def first_stage(django_db_setup, django_db_blocker, media_root):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end.
    The letters are queued on commit; the tests' immediate task backend then sends them."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MEDIA_ROOT=media_root),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        yield Call.objects.get(slug=CALL_2016_SLUG).first_stage()
        transaction.set_rollback(True)


def _space(application) -> str:
    return application.social_space.name


def test_the_first_round_narrows_129_to_ten_and_one_withdraws(first_stage):
    call = first_stage.call
    applications = call.applications.select_related("social_space")
    assert applications.count() == 129
    assert Counter(applications.values_list("status", flat=True)) == {
        Status.NOT_ADVANCED: 119,
        # After round one the second round ran too (visits/demo.py): 6 of the 9 selected.
        Status.SELECTED: 6,
        Status.NOT_SELECTED: 3,
        Status.WITHDRAWN: 1,
    }
    decisions = Decision.objects.filter(stage=first_stage).select_related(
        "application__social_space"
    )
    assert Counter(decisions.values_list("outcome", flat=True)) == {
        Outcome.DECLINE: 119,
        Outcome.ADVANCE: 10,
    }
    advanced = {_space(d.application) for d in decisions if d.outcome == Outcome.ADVANCE}
    assert advanced == set(SHORTLIST)
    assert REAL_PILOT_REGIONS | {"Neuruppin"} <= advanced
    assert all(decision.decided_at.year == 2016 for decision in decisions)
    assert all(decision.reason for decision in decisions)

    withdrawn = applications.get(status=Status.WITHDRAWN)
    assert _space(withdrawn) == WITHDRAWING
    assert "Eigenmittel" in withdrawn.withdrawal_reason
    assert withdrawn.withdrawn_at.year == 2016
    # Advancing moved the ten into the second round, where the nine were decided.
    second_stage = first_stage.next_stage()
    decided = applications.filter(status__in=(Status.SELECTED, Status.NOT_SELECTED))
    assert set(decided.values_list("stage", flat=True)) == {second_stage.pk}
    neuruppin = applications.get(organisation__name="Jugendarbeit Neuruppin e.V.")
    assert neuruppin.status == Status.SELECTED
    # The commission goes on with them; a declared conflict still hides an application.
    assert CommissionMember.objects.filter(stage=second_stage).count() == 10
    keller = User.objects.get(email="sabine.keller@kommission.example")
    lorenz = User.objects.get(email="f.lorenz@kommission.example")
    erlangen = applications.get(social_space__name="Erlangen")
    assert keller.has_perm("selection.view_application", neuruppin)
    assert keller.has_perm("selection.view_application", erlangen)
    assert not lorenz.has_perm("selection.view_application", erlangen)


def test_the_ranking_puts_the_pilot_regions_and_neuruppin_on_top(first_stage):
    rows = ranking.rank(first_stage)
    assert len(rows) == 129
    top = [row for row in rows if row.within_quota]
    assert {row.application.social_space.name for row in top} == set(SHORTLIST)
    first_six = {row.application.social_space.name for row in rows[:6]}
    assert first_six == REAL_PILOT_REGIONS | {"Neuruppin"}
    # The line is clear: nobody below it ties with the tenth.
    assert rows[9].mean > rows[10].mean


def test_every_application_has_three_conflict_free_submitted_reviews(first_stage):
    members = list(CommissionMember.objects.filter(stage=first_stage).select_related("user"))
    assert len(members) == 10
    assert all(member.expertise for member in members)
    assert any(m.user.email == "sabine.keller@kommission.example" for m in members)

    reviewers = Counter(
        Assignment.objects.filter(stage=first_stage).values_list("application_id", flat=True)
    )
    assert len(reviewers) == 129 and set(reviewers.values()) == {3}
    # Distinct reviewers per application (the unique constraint) and a review per assignment.
    assert (
        Assignment.objects.filter(stage=first_stage)
        .values("application", "reviewer")
        .distinct()
        .count()
        == 387
    )
    reviews = Review.objects.filter(stage=first_stage)
    assert reviews.count() == reviews.filter(status=Review.Status.SUBMITTED).count() == 387
    assert set(reviews.values_list("application_id", "reviewer_id")) == set(
        Assignment.objects.filter(stage=first_stage).values_list("application_id", "reviewer_id")
    )
    assert Score.objects.filter(review__stage=first_stage, value__isnull=False).count() == 387 * 5
    assert all(review.total is not None for review in reviews)
    assert {review.submitted_at.year for review in reviews} == {2016}
    assert (
        AuditEntry.objects.filter(
            action="review_submitted",
            created_at__year=2016,
            object_id__in=[str(pk) for pk in reviews.values_list("pk", flat=True)],
        ).count()
        == 387
    )

    # Declared and automatic conflicts, and nobody reviewed where they have one.
    assert ConflictOfInterest.objects.filter(source=ConflictOfInterest.Source.DECLARED).count() == 2
    automatic = 0
    for member in members:
        conflicted = set(
            conflicts.conflicted_application_ids(member.user).values_list("pk", flat=True)
        )
        automatic += len(
            conflicts.automatic_conflicts(
                member.user, Application.objects.filter(call=first_stage.call)
            )
        )
        assert not reviews.filter(reviewer=member.user, application_id__in=conflicted).exists()
    assert automatic >= 2


def test_research_questions_and_letters_for_the_shortlist(first_stage):
    shortlisted = Application.objects.filter(
        decisions__stage=first_stage, decisions__outcome=Outcome.ADVANCE
    ).select_related("social_space")
    assert shortlisted.count() == 10
    for application in shortlisted:
        assert application.research_notes.exclude(source_url="").count() >= 2, application
        assert 2 <= application.open_questions.count() <= 4, application
    questions = OpenQuestion.objects.filter(application__in=shortlisted)
    answered = questions.filter(status=OpenQuestion.Status.ANSWERED)
    assert 0 < answered.count() < questions.count()
    assert all(question.answer and question.answered_at.year == 2016 for question in answered)
    assert not ResearchNote.objects.exclude(application__in=shortlisted).exists()

    batch = LetterBatch.objects.get(stage=first_stage)
    assert (batch.status, batch.total, batch.done) == (LetterBatch.Status.FINISHED, 10, 10)
    letters = Letter.objects.filter(decision__stage=first_stage)
    assert {letter.application_id for letter in letters} == set(
        shortlisted.values_list("pk", flat=True)
    )
    assert all(letter.pdf and letter.sent_at for letter in letters)
    german = letters.filter(language="de").select_related("application").first()
    assert "Vor-Ort-Gespräch" in german.body
    # The story's letters: dated when staff sent them in 2016, to the contact person by name.
    assert german.body.startswith(f"Guten Tag {german.application.contact_name},")
    assert "Ihre Interessenbekundung" in german.body
    with german.pdf.open("rb") as stored:
        text = "\n".join(page.extract_text() for page in PdfReader(stored).pages)
    assert "12. Oktober 2016" in text
    # The rejections are left for staff to send as a batch from the decisions page.
    assert not Letter.objects.filter(decision__outcome=Outcome.DECLINE).exists()


def test_the_reviews_were_due_before_the_meeting_and_came_in_on_time(first_stage):
    """The reviewers' dashboards and the progress page read the due date; in the story of
    2016 every review was in by it, so nobody appears overdue."""
    assert first_stage.reviews_due_at == berlin(2016, 9, 23, 23, 59)
    reviews = Review.objects.filter(stage=first_stage)
    assert reviews.count() == 387
    assert not reviews.exclude(status=Review.Status.SUBMITTED).exists()
    assert not reviews.filter(submitted_at__gt=first_stage.reviews_due_at).exists()


def test_keller_takes_her_review_reminders_in_the_daily_digest(first_stage):
    keller = User.objects.get(email="sabine.keller@kommission.example")
    preference = Preference.objects.get(user=keller)
    assert (preference.kind, preference.choice) == ("selection.review_reminder", "digest")
    entry = AuditEntry.objects.get(action="notification_preference_changed")
    assert (entry.actor, entry.created_at.year) == (keller, 2016)
