"""Who may do what with trainings.

The catalogue and the sessions' public facts are open to everyone. Funder staff run the
programme of trainings; a trainer edits the courses they teach and organises their sessions.
The organisers of a session (funder staff, its trainer, the course's trainer) see who
registered, read the accessibility needs, check people in and issue certificates. Anyone signed
in may register where the session's audience admits them; region coordinators may also register
colleagues of their region.
"""

import rules

from inklusiv.accounts.rules import is_funder_staff, is_programme_expert, is_trainer
from inklusiv.pilots.models import RegionMember

from .models import TrainingSession


def _session(obj):
    return getattr(obj, "session", obj)


@rules.predicate
def teaches(user, obj):
    """The user is the trainer of the course, or of the session (or of a registration's)."""
    if not (user and user.is_authenticated) or obj is None:
        return False
    if isinstance(obj, TrainingSession) or hasattr(obj, "session"):
        session = _session(obj)
        return user.pk in (session.trainer_id, session.course.trainer_id)
    return getattr(obj, "trainer_id", None) == user.pk


@rules.predicate
def is_pilot_member(user):
    if not (user and user.is_authenticated):
        return False
    cache = user.__dict__
    if "_is_pilot_member" not in cache:
        cache["_is_pilot_member"] = RegionMember.objects.filter(user=user).exists()
    return cache["_is_pilot_member"]


@rules.predicate
def admitted(user, session):
    """The session's audience admits the user (deadlines and seats are the service's)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if session.audience == TrainingSession.Audience.EVERYONE:
        return True
    if session.audience == TrainingSession.Audience.PILOT_MEMBERS and not session.member_roles:
        return is_pilot_member(user)
    memberships = RegionMember.objects.filter(user=user)
    if session.member_roles:
        memberships = memberships.filter(role__in=session.member_roles)
    if session.audience == TrainingSession.Audience.REGIONS:
        memberships = memberships.filter(region__in=session.regions.all())
    return memberships.exists()


@rules.predicate
def owns(user, registration):
    return bool(user and user.is_authenticated and registration.user_id == user.pk)


organises = is_funder_staff | teaches

rules.add_perm("trainings.manage_catalogue", is_funder_staff | is_trainer)
rules.add_perm("trainings.create_course", is_funder_staff | is_trainer)
rules.add_perm("trainings.change_course", is_funder_staff | teaches)
rules.add_perm("trainings.create_session", is_funder_staff | teaches)
rules.add_perm("trainings.change_session", is_funder_staff | teaches)
rules.add_perm("trainings.organise_session", organises)
rules.add_perm("trainings.view_accessibility_needs", organises)
rules.add_perm("trainings.check_in", organises)
rules.add_perm("trainings.issue_certificates", organises)
rules.add_perm("trainings.view_feedback", organises | is_programme_expert)
rules.add_perm("trainings.register", admitted)
rules.add_perm("trainings.view_registration", owns | organises)
rules.add_perm("trainings.cancel_registration", owns | organises)
rules.add_perm("trainings.give_feedback", owns)
rules.add_perm("trainings.view_statistics", is_funder_staff | is_programme_expert)
rules.add_perm("trainings.export_participants", is_funder_staff)
