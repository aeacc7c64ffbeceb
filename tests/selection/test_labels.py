"""Rounds of different calls are never confused: every stage label names its call and year."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.calls.models import Call
from inklusiv.selection.models import Assignment, CommissionMember
from tests.factories import CallFactory, make_user

from .test_reviews import _in_review

pytestmark = pytest.mark.django_db


def test_stage_label_names_the_call_and_adds_the_year_when_the_title_lacks_it():
    call = CallFactory(title_de="Kommune Inklusiv – Aufruf 2016", reference_year=2016)
    later = CallFactory(title_de="Kommune Inklusiv – zweite Förderwelle", reference_year=2027)
    with translation.override("de"):
        assert call.first_stage().label == "1. Interessenbekundung – Kommune Inklusiv – Aufruf 2016"
        assert later.first_stage().label == (
            "1. Interessenbekundung – Kommune Inklusiv – zweite Förderwelle (2027)"
        )


def test_a_member_of_two_calls_commissions_tells_their_rounds_apart(client):
    member = make_user("commission_member", name="Rita Reviewerin")
    labels = []
    for number, (title, year) in enumerate(
        [("Kommune Inklusiv – Aufruf 2016", 2016), ("Kommune Inklusiv – Aufruf 2027", 2027)],
        start=1,
    ):
        call = CallFactory(title_de=title, reference_year=year)
        stage = call.first_stage()
        application = _in_review(call, number)
        CommissionMember.objects.create(stage=stage, user=member)
        Assignment.objects.create(
            stage=stage, application=application, reviewer=member, method="manual"
        )
        with translation.override("de"):
            labels.append(Call.objects.get(pk=call.pk).first_stage().label)
    assert labels[0] != labels[1]
    client.force_login(member)
    with translation.override("de"):
        page = client.get(reverse("selection:my_reviews")).content.decode()
    for label in labels:
        assert label in page
