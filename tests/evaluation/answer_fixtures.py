"""Helpers of the answering tests: a personal invitation with its token, and one respondent's
way through the conftest `survey`."""

import pytest
from django.utils import timezone

from inklusiv.evaluation.models import Invitation
from inklusiv.evaluation.services import answering
from inklusiv.evaluation.tokens import hash_token

PUBLIC = "einstellungen-2017-oeffentlich-0"


def invite(survey, region, email="person@example.org", token="persoenlicher-link-1"):
    invitation = Invitation.objects.create(
        survey=survey,
        region=region,
        email=email,
        token_hash=hash_token(token),
        sent_at=timezone.now(),
    )
    return invitation, token


def answer_all(draft, *, disability=1, barrier=2):
    """Fill in both sections (with the skip question when `disability` is 1)."""
    answering.save_section(draft=draft, data={"behinderung": disability, "alter": "34"}, move=1)
    data = {"einst1": 4, "orte": [1, 3], "ideen": "Mehr Rampen"}
    if disability == 1:
        data["barriere"] = barrier
    answering.save_section(draft=draft, data=data, move=0)
    return draft


@pytest.fixture
def english():
    """Messages and URL prefixes in English, so the tests read the same once German arrives."""
    from django.utils import translation

    with translation.override("en"):
        yield
