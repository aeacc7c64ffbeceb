"""Starting a pilot region from a selected application, its phase, settings and members."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Role, User
from inklusiv.accounts.services import find_or_invite
from inklusiv.applications.models import Application, PartnerKind, Status
from inklusiv.core import audit, gazetteer
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.selection.models import OpenQuestion
from inklusiv.visits.models import Visit

from ..models import Actor, Concept, Phase, PhaseChange, PilotRegion, RegionMember, Sector

# Which phase may follow which: forward one step, or back one step when a region must plan
# again. Printed for funders as "who may do what when"; only funder staff and the region's
# programme expert move a region (pilots.manage_region).
PHASE_TRANSITIONS = {
    Phase.PLANNING: (Phase.IMPLEMENTATION,),
    Phase.IMPLEMENTATION: (Phase.CONSOLIDATION, Phase.PLANNING),
    Phase.CONSOLIDATION: (Phase.IMPLEMENTATION,),
}

SETTINGS_FIELDS = (
    "funding_start",
    "funding_end",
    "approved_amount",
    "expert",
    "coach",
    "contact_name",
    "contact_email",
    "contact_phone",
    "summary",
    "summary_easy",
)

# The most a region could receive in the programme (PROGRAMME.md); a higher amount is a typo.
MAX_AMOUNT = Decimal("600000")


def startable(application: Application) -> bool:
    """Selected in the last stage and not yet a region."""
    return (
        application.status == Status.SELECTED
        and not PilotRegion.objects.filter(application=application).exists()
    )


_GERMAN_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
# Paths under /pilotregionen/ that are pages of their own, not regions.
RESERVED_SLUGS = frozenset({"starten", "meine-aufgaben"})


def _unique_slug(name: str) -> str:
    # German spelling without umlauts (Schwäbisch Gmünd → schwaebisch-gmuend), as people type it.
    spelled = name
    for letter, replacement in _GERMAN_LETTERS.items():
        spelled = spelled.replace(letter, replacement)
    base = slugify(spelled)[:70] or "region"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or PilotRegion.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_people(expert, coach) -> None:
    if expert is None or not expert.has_role(Role.PROGRAMME_EXPERT):
        raise DomainError(_("Please choose a programme expert."), field="expert")
    if coach is not None and not coach.has_role(Role.PROCESS_COACH):
        raise DomainError(_("The process coach must have the role process coach."), field="coach")


def _check_funding(start, end, amount) -> None:
    if start and end and end <= start:
        raise DomainError(_("The funding must end after it starts."), field="funding_end")
    if amount is not None and not (Decimal(0) <= Decimal(amount) <= MAX_AMOUNT):
        raise DomainError(
            _("The approved amount must lie between 0 and 600,000 euros."),
            field="approved_amount",
        )


def _partner_sector(partner) -> str:
    if partner.kind == PartnerKind.SELF_ADVOCACY:
        return Sector.SELF_ADVOCACY
    return partner.sector if partner.sector in Sector.values else Sector.OTHER


def _onsite(application: Application) -> tuple[list[dict], str]:
    questions = OpenQuestion.objects.filter(application=application).order_by("pk")
    answers = [{"question": q.text, "answer": q.answer} for q in questions]
    visit = (
        Visit.objects.filter(application=application).exclude(minutes="").order_by("-start").first()
    )
    return answers, visit.minutes if visit else ""


def start_region(
    *,
    actor: User,
    application: Application,
    funding_start: datetime.date,
    funding_end: datetime.date,
    approved_amount: Decimal,
    expert: User,
    coach: User | None = None,
) -> PilotRegion:
    """Turn a selected application into a pilot region in the planning phase.

    Carries over the organisation, the social space, the contact, the partners (as the first
    actors of the network, with their sector) and the on-site meeting's answers.
    """
    require(actor, "pilots.start_region")
    _check_people(expert, coach)
    _check_funding(funding_start, funding_end, approved_amount)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.SELECTED:
            raise DomainError(_("Only a selected application can become a pilot region."))
        if PilotRegion.objects.filter(application=locked).exists():
            raise DomainError(_("This application is already a pilot region."))
        organisation = locked.organisation
        space = locked.social_space
        place = gazetteer.lookup(organisation.postcode, organisation.city)
        answers, minutes = _onsite(locked)
        region = PilotRegion(
            application=locked,
            organisation=organisation,
            name=space.name,
            slug=_unique_slug(space.name),
            space_kind=space.kind,
            state=space.state,
            population=space.population,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            contact_name=locked.contact_name,
            contact_email=locked.contact_email,
            contact_phone=locked.contact_phone,
            funding_start=funding_start,
            funding_end=funding_end,
            approved_amount=approved_amount,
            expert=expert,
            coach=coach,
            onsite_answers=answers,
            onsite_minutes=minutes,
            started_at=timezone.now(),
            started_by=actor,
        )
        region.full_clean()
        region.save()
        Concept.objects.create(region=region)
        Actor.objects.create(
            region=region,
            name=organisation.name,
            kind=Actor.Kind.ORGANISATION,
            sector=Sector.CIVIL_SOCIETY,
            description=_("Provider organisation (Träger)"),
            contact_name=locked.contact_name,
            contact_email=locked.contact_email,
            joined_on=funding_start,
        )
        for partner in locked.partners.all():
            if partner.name == organisation.name:
                continue
            Actor.objects.get_or_create(
                region=region,
                name=partner.name,
                defaults={
                    "kind": Actor.Kind.ORGANISATION,
                    "sector": _partner_sector(partner),
                    "description": partner.role,
                    "contact_name": partner.contact_name,
                    "joined_on": funding_start,
                },
            )
        audit.record(
            actor=actor,
            obj=region,
            action="pilot_region_started",
            after={
                "application": locked.pk,
                "funding_start": funding_start,
                "funding_end": funding_end,
                "approved_amount": str(approved_amount),
                "expert": expert.pk,
                "coach": coach.pk if coach else None,
            },
        )
    return region


def change_phase(*, actor: User, region: PilotRegion, new_phase: str, reason: str) -> PilotRegion:
    require(actor, "pilots.manage_region", region)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason for the change of phase."), field="reason")
    with transaction.atomic():
        locked = PilotRegion.objects.select_for_update().get(pk=region.pk)
        if new_phase not in PHASE_TRANSITIONS[Phase(locked.phase)]:
            raise DomainError(
                _("A region in the phase %(old)s cannot move to %(new)s.")
                % {"old": locked.get_phase_display(), "new": Phase(new_phase).label},
                field="new_phase",
            )
        old = locked.phase
        locked.phase = new_phase
        locked.save(update_fields=["phase"])
        PhaseChange.objects.create(
            region=locked,
            old_phase=old,
            new_phase=new_phase,
            reason=reason,
            changed_by=actor,
            changed_at=timezone.now(),
        )
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_phase_changed",
            before={"phase": old},
            after={"phase": new_phase},
            reason=reason,
        )
    return locked


def update_region(*, actor: User, region: PilotRegion, data: dict) -> PilotRegion:
    """Change the funding, the responsible people, the contact and the public texts."""
    require(actor, "pilots.manage_region", region)
    # Only funder staff hand a region to another expert: an expert must not give it away.
    if data.get("expert", region.expert) != region.expert:
        require(actor, "pilots.start_region")
    _check_people(data.get("expert", region.expert), data.get("coach", region.coach))
    _check_funding(
        data.get("funding_start", region.funding_start),
        data.get("funding_end", region.funding_end),
        data.get("approved_amount", region.approved_amount),
    )
    fields = [name for name in SETTINGS_FIELDS if name in data]
    with transaction.atomic():
        locked = PilotRegion.objects.select_for_update().get(pk=region.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            value = data[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.full_clean()
        after = audit.snapshot(locked, fields)
        changed = [name for name in fields if before[name] != after[name]]
        if changed:
            locked.save(update_fields=changed)
            audit.record(
                actor=actor,
                obj=locked,
                action="pilot_region_updated",
                before={name: _json(before[name]) for name in changed},
                after={name: _json(after[name]) for name in changed},
            )
    return locked


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def add_member(
    *, actor: User, region: PilotRegion, email: str, name: str, role: str, base_url: str
) -> RegionMember:
    """Give a person a role in the region; someone without an account is invited."""
    require(actor, "pilots.manage_region", region)
    if role not in RegionMember.Role.values:
        raise DomainError(_("Please choose a role."), field="role")
    with transaction.atomic():
        PilotRegion.objects.select_for_update().get(pk=region.pk)
        user, invited = find_or_invite(actor=actor, email=email, name=name, base_url=base_url)
        if RegionMember.objects.filter(region=region, user=user, role=role).exists():
            raise DomainError(_("This person already has this role in the region."), field="email")
        member = RegionMember.objects.create(region=region, user=user, role=role, added_by=actor)
        audit.record(
            actor=actor,
            obj=region,
            action="pilot_member_added",
            after={"member": user.pk, "role": role, "invited": invited},
        )
    return member


def remove_member(*, actor: User, member: RegionMember, reason: str = "") -> None:
    require(actor, "pilots.manage_region", member.region)
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=member.region,
            action="pilot_member_removed",
            before={"member": member.user_id, "role": member.role},
            reason=reason,
        )
        member.delete()
