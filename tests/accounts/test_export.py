"""A person downloads everything stored about them, and only about them."""

import json

from django.urls import reverse

from inklusiv.core.models import AuditEntry
from tests.factories import MembershipFactory, make_user


def test_person_downloads_own_data_as_json(client, applicant, outsider):
    membership = applicant.memberships.get()
    client.force_login(applicant)
    response = client.get(reverse("accounts:profile_export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == applicant.email
    assert data["memberships"][0]["organisation"] == membership.organisation.name
    assert outsider.email not in response.content.decode()


def test_export_contains_no_other_members_and_is_audited(client, db):
    person = make_user("applicant", email="eine@example.org")
    MembershipFactory(
        organisation=person.memberships.get().organisation,
        user=make_user(None, email="andere@example.org"),
    )
    client.force_login(person)
    response = client.get(reverse("accounts:profile_export"))
    assert "andere@example.org" not in response.content.decode()
    assert AuditEntry.objects.filter(action="personal_data_exported", actor=person).count() == 1


def test_export_requires_login(client):
    response = client.get(reverse("accounts:profile_export"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
