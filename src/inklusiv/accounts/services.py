"""Every write to users, roles, organisations and memberships; each one is audited."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require
from inklusiv.notifications.services import notify

from .models import Membership, Organisation, Role, RoleGrant, User

ORGANISATION_FIELDS = (
    "name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "state",
    "website",
    "email",
    "phone",
    "fields_of_work",
)


def _set_password_link(*, user: User, base_url: str) -> str:
    """An allauth password-reset link, used to let an invited person choose a password."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def _invite(*, user: User, actor: User, base_url: str, organisation: Organisation | None = None):
    # The link's language prefix follows the invited person's language, not the inviter's.
    with translation.override(user.language):
        link = _set_password_link(user=user, base_url=base_url)
    transaction.on_commit(
        lambda: notify(
            kind="accounts.invitation",
            recipients=[user],
            context={
                "user": user,
                "inviter": str(actor),
                "organisation": str(organisation) if organisation else "",
                "link": link,
            },
        )
    )


def find_or_invite(*, actor: User, email: str, name: str, base_url: str) -> tuple[User, bool]:
    """The account with this address, or a new one invited to choose a password (for apps that
    add people to something of theirs, e.g. a pilot region); True when it was created."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(email=email, name=name.strip(), language=actor.language)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    audit.record(
        actor=actor, obj=user, action="user_invited", after={"email": email, "name": user.name}
    )
    _invite(user=user, actor=actor, base_url=base_url)
    return user, True


def update_profile(*, actor: User, user: User, name: str, language: str) -> User:
    if actor.pk != user.pk:
        _require(actor, "accounts.manage_users")
    with transaction.atomic():
        before = audit.snapshot(user, ["name", "language"])
        user.name = name.strip()
        user.language = language
        user.full_clean(exclude=["password"])
        user.save(update_fields=["name", "language"])
        audit.record(
            actor=actor,
            obj=user,
            action="profile_updated",
            before=before,
            after=audit.snapshot(user, ["name", "language"]),
        )
    return user


def invite_user(
    *,
    actor: User,
    email: str,
    name: str,
    language: str,
    roles: Iterable[str],
    base_url: str,
) -> User:
    """Staff create an account for someone; they get a link to choose their password."""
    _require(actor, "accounts.manage_users")
    email = email.strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                _("An account with this e-mail address already exists."), field="email"
            )
        user = User(email=email, name=name.strip(), language=language)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        # The invitation link proves the address, so it counts as verified.
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        audit.record(
            actor=actor,
            obj=user,
            action="user_invited",
            after={"email": email, "name": user.name, "language": language},
        )
        set_roles(actor=actor, user=user, roles=roles, reason=str(_("Invitation")))
        _invite(user=user, actor=actor, base_url=base_url)
    return user


def set_roles(*, actor: User, user: User, roles: Iterable[str], reason: str = "") -> User:
    """Make the user's platform roles exactly `roles`."""
    _require(actor, "accounts.manage_users")
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise DomainError(_("Unknown role."), field="roles")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        current = set(user.role_grants.values_list("role", flat=True))
        if actor.pk == user.pk and Role.FUNDER_STAFF in current - wanted:
            raise DomainError(
                _("You cannot remove your own funder staff role; ask another staff member."),
                field="roles",
            )
        for role in sorted(wanted - current):
            RoleGrant.objects.create(user=user, role=role, granted_by=actor)
        user.role_grants.filter(role__in=current - wanted).delete()
        if wanted != current:
            audit.record(
                actor=actor,
                obj=user,
                action="roles_changed",
                before={"roles": sorted(current)},
                after={"roles": sorted(wanted)},
                reason=reason,
            )
        user.__dict__.pop("_role_cache", None)
    return user


def set_user_active(*, actor: User, user: User, active: bool, reason: str) -> User:
    _require(actor, "accounts.manage_users")
    if actor.pk == user.pk and not active:
        raise DomainError(_("You cannot deactivate your own account."))
    if not active and not reason.strip():
        raise DomainError(_("Please give a reason for deactivating the account."), field="reason")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active == active:
            return locked
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        audit.record(
            actor=actor,
            obj=locked,
            action="activated" if active else "deactivated",
            before={"is_active": not active},
            after={"is_active": active},
            reason=reason,
        )
    return locked


def create_organisation(*, actor: User, data: dict) -> Organisation:
    """A person registers their organisation and becomes its first administrator."""
    _require(actor, "accounts.create_organisation")
    with transaction.atomic():
        organisation = Organisation(
            **{key: data[key] for key in ORGANISATION_FIELDS if key in data}
        )
        organisation.full_clean()
        organisation.save()
        Membership.objects.create(user=actor, organisation=organisation, role=Membership.Role.ADMIN)
        audit.record(
            actor=actor,
            obj=organisation,
            action="organisation_created",
            after=audit.snapshot(organisation, ORGANISATION_FIELDS),
        )
    return organisation


def update_organisation(*, actor: User, organisation: Organisation, data: dict) -> Organisation:
    _require(actor, "accounts.change_organisation", organisation)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = audit.snapshot(locked, ORGANISATION_FIELDS)
        changed = [
            key for key in ORGANISATION_FIELDS if key in data and getattr(locked, key) != data[key]
        ]
        for key in changed:
            setattr(locked, key, data[key])
        locked.full_clean()
        if changed:
            locked.save(update_fields=changed)
            audit.record(
                actor=actor,
                obj=locked,
                action="organisation_updated",
                before=before,
                after=audit.snapshot(locked, ORGANISATION_FIELDS),
            )
    return locked


def add_member(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    role: str,
    base_url: str,
    name: str = "",
) -> Membership:
    """Add a person to the organisation; someone without an account is invited."""
    _require(actor, "accounts.manage_members", organisation)
    email = email.strip().lower()
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        user = User.objects.filter(email__iexact=email).first()
        invited = user is None
        if invited:
            user = User(email=email, name=name.strip(), language=actor.language)
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        elif organisation.memberships.filter(user=user).exists():
            raise DomainError(_("This person is already a member."), field="email")
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        audit.record(
            actor=actor,
            obj=organisation,
            action="member_added",
            after={"member": user.email, "role": role, "invited": invited},
        )
        if invited:
            _invite(user=user, actor=actor, base_url=base_url, organisation=organisation)
    return membership


def _guard_last_admin(membership: Membership) -> None:
    others = membership.organisation.memberships.filter(role=Membership.Role.ADMIN).exclude(
        pk=membership.pk
    )
    if membership.role == Membership.Role.ADMIN and not others.exists():
        raise DomainError(
            _("An organisation needs at least one administrator. Appoint another one first.")
        )


def change_member_role(*, actor: User, membership: Membership, role: str) -> Membership:
    _require(actor, "accounts.manage_members", membership.organisation)
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("organisation", "user")
            .get(pk=membership.pk)
        )
        if locked.role == role:
            return locked
        if role != Membership.Role.ADMIN:
            _guard_last_admin(locked)
        before = locked.role
        locked.role = role
        locked.full_clean()
        locked.save(update_fields=["role"])
        audit.record(
            actor=actor,
            obj=locked.organisation,
            action="member_role_changed",
            before={"member": locked.user.email, "role": before},
            after={"member": locked.user.email, "role": role},
        )
    return locked


def remove_member(*, actor: User, membership: Membership, reason: str = "") -> None:
    organisation = membership.organisation
    if actor.pk != membership.user_id:
        _require(actor, "accounts.manage_members", organisation)
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("organisation", "user")
            .get(pk=membership.pk)
        )
        _guard_last_admin(locked)
        audit.record(
            actor=actor,
            obj=organisation,
            action="member_removed",
            before={"member": locked.user.email, "role": locked.role},
            reason=reason,
        )
        locked.delete()
