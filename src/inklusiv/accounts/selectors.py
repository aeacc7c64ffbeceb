"""Reads of users and organisations shared by views (and later the API)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Membership, Organisation, RoleGrant, User


def user_list(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role"))
    ).annotate(organisation_count=Count("memberships", distinct=True))
    if query:
        users = users.filter(Q(email__icontains=query) | Q(name__icontains=query))
    if role:
        users = users.filter(role_grants__role=role)
    return users.order_by("name", "email")


def organisation_list(*, query: str = "", state: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(member_count=Count("memberships"))
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(city__icontains=query))
    if state:
        organisations = organisations.filter(state=state)
    return organisations.order_by("name")


def organisations_of(user: User) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(memberships__user=user)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__name", "user__email")


def personal_data(user: User) -> dict:
    """Everything stored about a person, for their own export (Art. 15 and 20 GDPR)."""
    from inklusiv.core.models import AuditEntry

    memberships = user.memberships.select_related("organisation")
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "registered": user.date_joined.isoformat(),
            "active": user.is_active,
        },
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "roles": list(user.role_grants.values_list("role", flat=True)),
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "joined": membership.joined_at.isoformat(),
            }
            for membership in memberships
        ],
        "activity": [
            {
                "time": entry.created_at.isoformat(),
                "action": entry.action,
                "object": entry.object_label,
            }
            for entry in AuditEntry.objects.filter(actor=user).order_by("created_at")
        ],
    }
