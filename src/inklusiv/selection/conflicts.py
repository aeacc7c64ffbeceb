"""Conflicts of interest (Befangenheit): declared ones and those found automatically.

A person has a conflict with an application when they declared one (or staff recorded one),
when they belong to the applicant organisation, or when they belong to an organisation that
is one of the application's partners (matched by name, as partners are not accounts).
Every selector and permission in selection/ asks this module, so a conflicted person never
sees the application anywhere.
"""

from django.db.models import Q, QuerySet
from django.db.models.functions import Trim

from inklusiv.accounts.models import Organisation
from inklusiv.applications.models import Application, Partner
from inklusiv.core.db import UnicodeLower

from .models import ConflictOfInterest


def name_key(name: str) -> str:
    """A name as the conflict check compares it: lower case, runs of spaces as one.

    The database side (Trim(UnicodeLower(...))) does not collapse inner spaces; names typed
    twice with different inner spacing are rare enough for the subquery to ignore.
    """
    return " ".join(name.split()).lower()


def _organisation_names(user) -> list[str]:
    return [
        name_key(name)
        for name in Organisation.objects.filter(memberships__user=user).values_list(
            "name", flat=True
        )
    ]


def conflicted_application_ids(user) -> QuerySet:
    """Ids of the applications `user` has a conflict with, as a subquery (no list in memory)."""
    declared = Q(conflicts__user=user)
    own = Q(organisation__memberships__user=user)
    names = _organisation_names(user)
    partner_ids = (
        Partner.objects.annotate(lowered=Trim(UnicodeLower("name")))
        .filter(lowered__in=names)
        .values("application_id")
    )
    condition = declared | own
    if names:
        condition |= Q(pk__in=partner_ids)
    return Application.objects.filter(condition).values("pk")


def has_conflict(user, application) -> bool:
    if not (user and user.is_authenticated and application):
        return False
    return conflicted_application_ids(user).filter(pk=application.pk).exists()


def automatic_conflicts(user, applications) -> dict[int, str]:
    """Why `user` is conflicted with each of `applications` (by membership), keyed by id."""
    names = set(_organisation_names(user))
    reasons = {}
    member_of = set(
        Organisation.objects.filter(memberships__user=user).values_list("pk", flat=True)
    )
    partners = Partner.objects.filter(application__in=applications).annotate(
        lowered=Trim(UnicodeLower("name"))
    )
    for partner in partners.filter(lowered__in=names):
        reasons[partner.application_id] = partner.name
    for application in applications:
        if application.organisation_id in member_of:
            reasons[application.pk] = application.organisation.name
    return reasons


def without_conflicts(applications: QuerySet, user) -> QuerySet:
    """The applications minus those the person has a conflict with."""
    return applications.exclude(pk__in=conflicted_application_ids(user))


def declared(user, application) -> ConflictOfInterest | None:
    return ConflictOfInterest.objects.filter(user=user, application=application).first()
