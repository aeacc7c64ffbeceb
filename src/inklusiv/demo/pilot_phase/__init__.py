"""Chapter 8 of the demo, the pilot phase: the six selected social spaces become pilot regions
on 1 March 2017 and are accompanied for two years – and, with two extensions of their
funding, up to today.

The story goes on where the on-site meetings end (six applications selected on 5 December
2016). On 1 March 2017 Miriam Albers starts the six pilot regions: Jonas Brandt is the
programme expert of the north and east (Neuruppin, Rostock, Schneverdingen), Dr. Ulrike Hahn
of the south and west (Erlangen, Schwäbisch Gmünd, Nieder-Olm); Thomas Wegner accompanies the
northern regions as process coach, Henrike Voss the southern ones. Each region then builds
its steering group and working groups, grows its network from about eight partners to about
thirty, writes its inclusion concept (approved by the steering group and the funder in
autumn 2017, changed with a reason afterwards), carries out its measures – most are done, one
is paused, one dropped –, meets its coach every few weeks and reports on 2017 (acknowledged)
and 2018 (returned with a request for changes). In 2019 the funding is extended to June 2023,
in 2023 again to June 2027, and the regions enter the consolidation phase.

So that the dashboards have today's work, the last weeks are relative to the day the demo is
loaded: recent coaching sessions (none for nine weeks in Schneverdingen), open tasks due in
the coming days (one overdue in Erlangen and Neuruppin), measures past their end and missed
milestones, a planned measure the steering group decided on a few weeks ago, and the report
of the current funding year opened.

Local colour from the real programme: Schwäbisch Gmünd's kick-off with about 60 people;
Nieder-Olm's walk-through that found missing awareness rather than building barriers, hence
the action „30 Tage – 30 Barrieren“, and its inclusion strategy; Schneverdingen's full-time
post for inclusion and participation. People, businesses and associations are invented.

Choices, and why:
- Every write goes through the pilots services (regions, network, structures, concept,
  support, reports) and the accounts services, so the demo runs the same checks and audit
  entries as the pages. The history is replayed in date order (one list of dated events per
  region), because the services check what existed when: a tie cannot begin before its
  actors joined, an approved concept needs a reason for every change, a report year must
  lie within the funding.
- Where a service stamps the current time (region started, members added, approvals and
  versions, sessions, tasks, profiles, meetings, reports) the row and its audit entries are
  backdated afterwards with queryset updates, as the earlier chapters do.
- Historical tasks are the owners' own notes (no "task given to you" mail from 2017); the
  notifications about the 2017 and 2018 reports are backdated and marked read once sent.
- A region that exists is skipped as a whole (idempotent), and one seeded random generator
  per region gives variety without two regions alike.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import Role, User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.notifications.models import Notification
from inklusiv.pilots.models import (
    Actor,
    CoachingSession,
    Concept,
    ConceptVersion,
    Group,
    GroupMeeting,
    Measure,
    Phase,
    PhaseChange,
    PilotRegion,
    Profile,
    RegionMember,
    ReportVersion,
    Task,
    Tie,
    YearlyReport,
)
from inklusiv.pilots.services import concept, network, regions, reports, structures, support

from ..call import CALL_2016_SLUG, berlin
from ..expressions_of_interest import NEURUPPIN
from ..onsite_meetings import HAHN, SELECTED
from ..people import DEMO_PEOPLE
from ..selection import _dated
from . import data

STAFF_EMAIL = DEMO_PEOPLE[0][1]
EXPERT_EMAIL = DEMO_PEOPLE[1][1]
COACH_EMAIL = DEMO_PEOPLE[4][1]
# (role label for the printout, e-mail, mfa), as people.py's logins.
COORDINATOR_LOGIN = (
    "Netzwerkkoordination (Neuruppin)",
    data.REGIONS["Neuruppin"]["coordinator"][1],
    False,
)

STARTED_AT = (10, 0)
FIRST_EXTENSION_AT = datetime.date(2019, 2, 14)
SECOND_EXTENSION_AT = datetime.date(2023, 5, 16)
CONSOLIDATION_AT = datetime.date(2023, 7, 3)
IMPLEMENTATION_REASON = (
    "Das Inklusionskonzept ist von der Steuerungsgruppe und der Aktion Mensch freigegeben; "
    "die Umsetzung beginnt."
)
CONSOLIDATION_REASON = (
    "Die Anschlussförderung bis 30. Juni 2027 ist bewilligt: Die Region geht in die "
    "Verstetigung. Ziel ist, Koordination und Arbeitsgruppen in feste Strukturen der Kommune "
    "zu überführen."
)


def _day(value, today: datetime.date) -> datetime.date:
    """A date of the data: absolute, or a whole number of days relative to today."""
    return today + datetime.timedelta(days=value) if isinstance(value, int) else value


def _german(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


class _Region:
    """One region's history as dated events, replayed in date order."""

    def __init__(self, space: str, application: Application, people: dict, today):
        self.space = space
        self.spec = data.REGIONS[space]
        self.application = application
        self.people = people
        self.today = today
        self.rng = random.Random(f"pilot-phase-{space}")
        self.events: list[tuple[datetime.datetime, int, object]] = []
        self.actors: dict[str, Actor] = {}
        self.groups: dict[str, Group] = {}
        self.fields = {}
        self.goals = {}
        self.measures: dict[str, Measure] = {}
        self.entered: dict[str, datetime.date] = {}
        self.open_ties: set[tuple[int, int, str]] = set()
        self.notices: list[tuple[str, str, datetime.datetime]] = []
        self.region: PilotRegion | None = None
        self.staff = people["staff"]
        self.expert = people[self.spec["expert"]]
        self.coach = people[self.spec["coach"]]

    # --- the event list ----------------------------------------------------------------------

    def at(self, day: datetime.date, action, hour: int = 10, minute: int = 0) -> None:
        if day > self.today:
            raise RuntimeError(f"{self.space}: an event on {day} lies in the future.")
        moment = berlin(day.year, day.month, day.day, hour, minute)
        self.events.append((moment, len(self.events), action))

    def run(self) -> None:
        done = 0
        while done < len(self.events):
            # Events may add later events; keep replaying in date order.
            pending = sorted(self.events[done:], key=lambda event: (event[0], event[1]))
            self.events[done:] = pending
            moment, _seq, action = self.events[done]
            done += 1
            with _dated(moment):
                action(moment)

    # --- people -------------------------------------------------------------------------------

    def person(self, name: str, email: str) -> User:
        return _account(email, name, self.staff)

    def tell(self) -> PilotRegion:
        spec = self.spec
        self.coordinator = self.person(*spec["coordinator"])
        self.members = [(role, self.person(name, email)) for role, name, email in spec["members"]]
        self.steering_people = [user for role, user in self.members if role == "steering"]
        self.at(data.FUNDING_START, self._start, *STARTED_AT)
        self._plan_groups()
        self._plan_network()
        self._plan_concept()
        self._plan_funding()
        self._plan_meetings()
        self._plan_sessions()
        self._plan_profiles()
        self._plan_reports()
        self.run()
        transaction.on_commit(self._backdate_notices)
        return self.region

    # --- the start --------------------------------------------------------------------------

    def _start(self, moment) -> None:
        spec = self.spec
        region = regions.start_region(
            actor=self.staff,
            application=self.application,
            funding_start=data.FUNDING_START,
            funding_end=data.FUNDING_END,
            approved_amount=Decimal(spec["amount"]),
            expert=self.expert,
            coach=self.coach,
        )
        PilotRegion.objects.filter(pk=region.pk).update(started_at=moment)
        self.region = regions.update_region(
            actor=self.staff,
            region=region,
            data={"summary": spec["summary"], "summary_easy": spec["summary_easy"]},
        )
        for role, user in [("coordinator", self.coordinator), *self.members]:
            regions.add_member(
                actor=self.staff,
                region=self.region,
                email=user.email,
                name=user.name,
                role=role,
                base_url=settings.SITE_URL,
            )
        RegionMember.objects.filter(region=self.region).update(added_at=moment)
        for actor in Actor.objects.filter(region=self.region).order_by("pk"):
            self.actors[actor.name] = actor
        self.provider = self.actors[self.application.organisation.name]
        if spec["provider_sector"]:
            self.provider = network.update_actor(
                actor=self.coordinator,
                network_actor=self.provider,
                data={"sector": spec["provider_sector"], "public": True},
            )
        else:
            self.provider = network.update_actor(
                actor=self.coordinator, network_actor=self.provider, data={"public": True}
            )
        self.actors[self.provider.name] = self.provider
        self.partners = [a for a in self.actors.values() if a.pk != self.provider.pk]
        for partner in self.partners:
            network.update_actor(
                actor=self.coordinator, network_actor=partner, data={"public": True}
            )
            self._tie(
                self.provider,
                partner,
                "cooperation_agreement",
                data.FUNDING_START,
                note="Absichtserklärung aus der Bewerbung",
            )
        for name, kind, sector, description in spec["start_actors"]:
            actor = self._add_actor(name, kind, sector, data.FUNDING_START, description, True)
            self._tie(self.provider, actor, "informal", data.FUNDING_START)

    # --- network ----------------------------------------------------------------------------

    def _add_actor(self, name, kind, sector, joined_on, description, public) -> Actor:
        actor = network.add_actor(
            actor=self.coordinator,
            region=self.region,
            name=name,
            kind=kind,
            sector=sector,
            joined_on=joined_on,
            description=description,
            public=public,
        )
        self.actors[name] = actor
        return actor

    def _tie(self, source, target, kind, began_on, ended_on=None, note="") -> Tie | None:
        key = (min(source.pk, target.pk), max(source.pk, target.pk), kind)
        if source.pk == target.pk or key in self.open_ties:
            return None
        if began_on < max(source.joined_on, target.joined_on):
            return None
        if any(a.left_on and a.left_on <= began_on for a in (source, target)):
            return None
        tie = network.add_tie(
            actor=self.coordinator,
            region=self.region,
            source=source,
            target=target,
            kind=kind,
            began_on=began_on,
            ended_on=ended_on,
            note=note,
        )
        if ended_on is None:
            self.open_ties.add(key)
        return tie

    def _joined_by(self, day) -> list[Actor]:
        return [
            a
            for a in self.actors.values()
            if a.joined_on <= day and not (a.left_on and a.left_on <= day)
        ]

    def _plan_network(self) -> None:
        """The region's own later partners and some from the pool, ties as they came."""
        spec, rng = self.spec, self.rng
        joiners = [
            (joined, name, kind, sector, description, public)
            for name, kind, sector, joined, description, public in spec["actors"]
        ]
        start_count = 1 + len(self.application.partners.all()) + len(spec["start_actors"])
        total = rng.randint(*data.NETWORK_TODAY)
        taken = {name.lower() for _j, name, *_rest in joiners}
        taken |= {p.name.lower() for p in self.application.partners.all()}
        taken |= {name.lower() for name, *_rest in spec["start_actors"]}
        pool = [
            (name.format(town=spec["town"]), kind, sector, description)
            for name, kind, sector, description in data.ACTOR_POOL
        ]
        pool = [entry for entry in pool if entry[0].lower() not in taken]
        rng.shuffle(pool)
        wanted = max(0, total - start_count - len(joiners))
        late = 2  # partners who joined after the first two years
        for index, (name, kind, sector, description) in enumerate(pool[:wanted]):
            if index < late:
                joined = datetime.date(2019 + index * 3, rng.randint(3, 10), rng.randint(1, 28))
            else:
                joined = data.FUNDING_START + datetime.timedelta(days=rng.randint(35, 720))
            joiners.append((joined, name, kind, sector, description, kind == data.ORG))
        joiners.sort()
        self.leaver = None
        for position, (joined, name, kind, sector, description, public) in enumerate(joiners):
            public = public and rng.random() > 0.08
            self.at(joined, self._joins(name, kind, sector, joined, description, public, position))
        # One partner leaves the network again in the second year.
        # (a business or association from the pool: the region's own partners stay).
        own = {name for name, *_rest in spec["actors"]}
        candidates = [
            j
            for j in joiners
            if j[0] < datetime.date(2018, 3, 1)
            and j[2] == data.ORG
            and j[3] in (data.BUS, data.CIV)
            and j[1] not in own
        ]
        if candidates:
            joined, name, *_rest = rng.choice(candidates)
            left_on = max(joined + datetime.timedelta(days=200), datetime.date(2018, 6, 1))
            self.at(left_on, self._leaves(name, left_on))

    def _joins(self, name, kind, sector, joined, description, public, position):
        def action(moment):
            actor = self._add_actor(name, kind, sector, joined, description, public)
            rng = self.rng
            # The last joiner of a few regions has no tie yet: an isolated actor on the map.
            if position == len(self.spec["actors"]) + 3 and rng.random() < 0.5:
                return
            others = [a for a in self._joined_by(joined) if a.pk != actor.pk]
            for other in rng.sample(others, min(len(others), rng.choice((1, 1, 2)))):
                began = joined + datetime.timedelta(days=rng.randint(0, 21))
                if began <= self.today:
                    ended = None
                    if rng.random() < 0.12 and began < datetime.date(2018, 6, 1):
                        ended = began + datetime.timedelta(days=rng.randint(150, 400))
                    self.at(began, self._ties_later(actor, other, "informal", began, ended))
            if rng.random() < 0.4:
                began = joined + datetime.timedelta(days=rng.randint(30, 90))
                if began <= self.today:
                    self.at(
                        began,
                        self._ties_later(
                            self.provider,
                            actor,
                            "cooperation_agreement",
                            began,
                            note="Kooperationsvereinbarung unterzeichnet",
                        ),
                    )

        return action

    def _ties_later(self, source, target, kind, began, ended=None, note=""):
        def action(moment):
            self._tie(self.actors[source.name], self.actors[target.name], kind, began, ended, note)

        return action

    def _leaves(self, name, left_on):
        def action(moment):
            actor = Actor.objects.get(region=self.region, name=name)
            if any(
                t.began_on > left_on
                for t in Tie.objects.filter(region=self.region, source=actor)
                | Tie.objects.filter(region=self.region, target=actor)
            ):
                return
            self.actors[name] = network.update_actor(
                actor=self.coordinator,
                network_actor=actor,
                data={"left_on": left_on},
            )
            self.open_ties = {key for key in self.open_ties if actor.pk not in key[:2]}

        return action

    # --- structures -------------------------------------------------------------------------

    def _plan_groups(self) -> None:
        spec = self.spec
        name, spokesperson, founded = spec["steering"]
        self.at(founded, self._steering(name, spokesperson, founded), 18)
        fields_on = founded + datetime.timedelta(days=14)
        self.at(fields_on, self._fields, 11)
        for key, name, topic, field_key, spokesperson, founded in spec["groups"]:
            self.at(
                max(founded, fields_on),
                self._working_group(key, name, topic, field_key, spokesperson, founded),
                17,
            )
            grows = founded + datetime.timedelta(days=self.rng.randint(200, 330))
            self.at(grows, self._group_grows(key, grows), 12)

    def _steering(self, name, spokesperson, founded):
        def action(moment):
            members = self._joined_by(founded)
            self.groups["steering"] = structures.create_group(
                actor=self.coordinator,
                region=self.region,
                kind=Group.Kind.STEERING,
                name=name,
                topic="Ziele, Themen, Arbeitsgruppen und erste Zielgruppe; Überprüfung der Ziele",
                spokesperson=spokesperson,
                founded_on=founded,
                members=members,
            )

        return action

    def _fields(self, moment) -> None:
        for order, (key, life_area, name, weight) in enumerate(self.spec["fields"]):
            self.fields[key] = concept.add_field(
                actor=self.coordinator,
                region=self.region,
                name=name,
                life_area=life_area,
                weight=weight,
                order=order,
            )

    def _working_group(self, key, name, topic, field_key, spokesperson, founded):
        def action(moment):
            rng = self.rng
            candidates = [a for a in self._joined_by(founded) if a.pk != self.provider.pk]
            members = [
                self.provider,
                *rng.sample(candidates, min(len(candidates), rng.randint(3, 5))),
            ]
            # Whoever is responsible for a measure of the group's field sits in it.
            for measure in self._all_measures():
                goal_field = next(g[1] for g in self.spec["goals"] if g[0] == measure["goal"])
                actor = self._responsible_actor(measure)
                if (
                    goal_field == field_key
                    and actor is not None
                    and actor.joined_on <= founded
                    and actor not in members
                ):
                    members.append(actor)
            self.groups[key] = structures.create_group(
                actor=self.coordinator,
                region=self.region,
                kind=Group.Kind.WORKING,
                name=name,
                topic=topic,
                field_of_action=self.fields[field_key],
                spokesperson=spokesperson,
                founded_on=founded,
                members=members,
            )
            lead = members[1] if len(members) > 1 else members[0]
            for member in members:
                if member.pk != lead.pk:
                    self._tie(lead, member, "working_group", founded, note=name)

        return action

    def _group_grows(self, key, day):
        def action(moment):
            group = self.groups[key]
            current = list(group.members.all())
            newcomers = [a for a in self._joined_by(day) if a not in current and a.kind == data.ORG]
            newcomers = self.rng.sample(newcomers, min(len(newcomers), self.rng.randint(1, 3)))
            if not newcomers:
                return
            self.groups[key] = structures.update_group(
                actor=self.coordinator, group=group, data={"members": [*current, *newcomers]}
            )
            lead = current[1] if len(current) > 1 else current[0]
            for member in newcomers:
                self._tie(lead, member, "working_group", day, note=group.name)

        return action

    # --- the concept ----------------------------------------------------------------------

    def _all_measures(self) -> list[dict]:
        return [*self.spec["measures"], *(m for _d, _r, ms in self.spec["changes"] for m in ms)]

    def _responsible_actor(self, measure: dict) -> Actor | None:
        responsible = measure["responsible"]
        if responsible == "a:":
            return self.provider
        if responsible.startswith("a:"):
            return self.actors.get(responsible[2:])
        return None

    def _plan_concept(self) -> None:
        spec = self.spec
        steering_on, funder_on = spec["approval"]
        goals_on = steering_on - datetime.timedelta(days=48)
        self.at(goals_on, self._goals, 15)
        for position, measure in enumerate(spec["measures"]):
            entered = max(
                goals_on + datetime.timedelta(days=2 + position * 3),
                self._ready_on(measure) + datetime.timedelta(days=1),
            )
            if entered >= steering_on:
                raise RuntimeError(f"{self.space}: „{measure['title']}“ is entered too late.")
            self.entered[measure["title"]] = entered
            self.at(entered, self._measure(measure, entered), 15, position % 50)
        self.at(steering_on, self._approve_steering, 20)
        self.at(funder_on, self._approve_funder, 11)
        self.at(funder_on + datetime.timedelta(days=5), self._implementation, 9)
        title, new_end, when, reason = spec["postpone"]
        self.at(when, self._postpone(title, new_end, reason), 16)
        for when, reason, measures in spec["changes"]:
            day = _day(when, self.today)
            if "{meeting}" in reason:
                reason = reason.format(meeting=_german(day - datetime.timedelta(days=6)))
            for position, measure in enumerate(measures):
                self.entered[measure["title"]] = day
                self.at(day, self._measure(measure, day, reason=reason), 14, position)
        for measure in self._all_measures():
            self._plan_progress(measure)

    def _ready_on(self, measure: dict) -> datetime.date:
        """The day the measure's responsible group or actor exists."""
        responsible = measure["responsible"]
        if responsible.startswith("g:"):
            return next(g[5] for g in self.spec["groups"] if g[0] == responsible[2:])
        name = responsible[2:]
        joined = {a[0]: a[3] for a in self.spec["actors"]}
        return joined.get(name, data.FUNDING_START)

    def _goals(self, moment) -> None:
        for order, (key, field_key, title, step, weight) in enumerate(self.spec["goals"]):
            self.goals[key] = concept.add_goal(
                actor=self.coordinator,
                field=self.fields[field_key],
                title=title,
                step=step,
                weight=weight,
                order=order,
            )

    def _measure(self, spec: dict, entered, *, reason=""):
        def action(moment):
            responsible = spec["responsible"]
            actor = group = None
            if responsible.startswith("g:"):
                group = self.groups.get(responsible[2:])
                if group is None:
                    raise RuntimeError(f"{self.space}: no group {responsible} on {entered}.")
            else:
                actor = self._responsible_actor(spec)
                if actor is None:
                    raise RuntimeError(f"{self.space}: no actor {responsible} on {entered}.")
            measure = concept.add_measure(
                actor=self.coordinator,
                goal=self.goals[spec["goal"]],
                title=spec["title"],
                starts_on=_day(spec["start"], self.today),
                ends_on=_day(spec["end"], self.today),
                responsible_actor=actor,
                responsible_group=group,
                target_group=spec["target"],
                cost=spec["cost"],
                weight=2 if spec["cost"] and spec["cost"] >= 30000 else 1,
                reason=reason,
            )
            self.measures[spec["title"]] = measure
            for title, due in spec["milestones"]:
                concept.add_milestone(
                    actor=self.coordinator,
                    measure=measure,
                    title=title,
                    due_on=_day(due, self.today),
                    reason=reason,
                )
            self._backdate_versions(moment)

        return action

    def _backdate_versions(self, moment) -> None:
        ConceptVersion.objects.filter(concept__region=self.region, created_at__gt=moment).update(
            created_at=moment
        )
        Concept.objects.filter(region=self.region).update(updated_at=moment)

    def _approve_steering(self, moment) -> None:
        approver = self.steering_people[0] if self.steering_people else self.coordinator
        concept.approve_by_steering(
            actor=approver,
            concept=self.region.concept,
            note="Beschluss der Steuerungsgruppe, einstimmig bei einer Enthaltung.",
        )
        Concept.objects.filter(region=self.region).update(steering_approved_at=moment)
        self._backdate_versions(moment)

    def _approve_funder(self, moment) -> None:
        concept.approve(
            actor=self.expert,
            concept=Concept.objects.get(region=self.region),
            note="Freigegeben. Bitte die Indikatoren der Ziele im ersten Sachbericht berichten.",
        )
        Concept.objects.filter(region=self.region).update(approved_at=moment)
        self._backdate_versions(moment)

    def _implementation(self, moment) -> None:
        self.region = regions.change_phase(
            actor=self.expert,
            region=self.region,
            new_phase=Phase.IMPLEMENTATION,
            reason=IMPLEMENTATION_REASON,
        )
        PhaseChange.objects.filter(region=self.region, changed_at__gt=moment).update(
            changed_at=moment
        )

    def _postpone(self, title, new_end, reason):
        def action(moment):
            concept.update_measure(
                actor=self.coordinator,
                measure=self.measures[title],
                data={"ends_on": new_end},
                reason=reason,
            )
            self._backdate_versions(moment)

        return action

    def _plan_progress(self, spec: dict) -> None:
        """Status and progress over time, and which milestones were reached when."""
        rng, today = self.rng, self.today
        title, fate = spec["title"], spec["fate"]
        start, end = _day(spec["start"], today), _day(spec["end"], today)
        if title == self.spec["postpone"][0]:
            end = self.spec["postpone"][1]
        if fate == data.PLANNED or start > today:
            return
        stop = spec["why"][0] if spec["why"] else None
        finished = min(end + datetime.timedelta(days=rng.randint(0, 10)), today)
        steps = [(start, 5 if fate == data.DROPPED else 10, Measure.Status.RUNNING)]
        if fate == data.DONE:
            steps += [(start + (end - start) / 2, rng.choice((40, 50, 60)), None)]
            steps += [(finished, 100, Measure.Status.DONE)]
        elif fate == data.PAUSED:
            steps += [(start + (stop - start) / 2, rng.choice((25, 35)), None)]
            steps += [(stop, rng.choice((40, 45)), Measure.Status.PAUSED)]
        elif fate == data.DROPPED:
            steps += [(stop, 15, Measure.Status.DROPPED)]
        else:
            share = (today - start) / max(end - start, datetime.timedelta(days=1))
            target = 78 if fate == data.OVERDUE else max(15, min(80, round(share * 85)))
            steps += [(start + (today - start) / 2, target // 2, None)]
            steps += [(today - datetime.timedelta(days=rng.randint(8, 20)), target, None)]
        # What happened before the measure was written down is entered with it.
        entered = self.entered[title]
        if fate in (data.DONE, data.RUNNING, data.OVERDUE, data.PAUSED):
            ended = finished if fate == data.DONE else None
            self.at(max(start, entered), self._joint(spec, start, ended), 18)
        for day, progress, status in steps:
            if start <= day <= today:
                self.at(max(day, entered), self._progress(title, progress, status), 17)
        past = [(t, _day(due, today)) for t, due in spec["milestones"]]
        past = [(t, due) for t, due in past if due < today]
        missed = set()
        if fate == data.OVERDUE and past:
            missed.add(past[-1][0])
        if fate == data.RUNNING and len(past) > 1 and rng.random() < 0.4:
            missed.add(past[-1][0])
        for milestone, due in past:
            if fate == data.DROPPED or milestone in missed:
                continue
            if fate == data.PAUSED and due >= stop:
                continue
            done_on = min(max(due + datetime.timedelta(days=rng.randint(-4, 9)), start), today)
            if fate == data.DONE:
                done_on = min(done_on, finished)
            self.at(max(done_on, entered), self._milestone(title, milestone, done_on), 18)

    def _joint(self, spec: dict, began, ended):
        """Two partners carry the measure together: a tie for its time."""

        def action(moment):
            rng = self.rng
            group = (
                self.groups.get(spec["responsible"][2:])
                if spec["responsible"][:2] == "g:"
                else None
            )
            present = {a.pk for a in self._joined_by(began)}
            pool = [a for a in (group.members.all() if group else []) if a.pk in present]
            first = self._responsible_actor(spec) or (rng.choice(pool) if pool else None)
            others = [a for a in pool if first and a.pk != first.pk] or [
                a for a in self._joined_by(began) if first and a.pk != first.pk
            ]
            if first is None or not others:
                return
            tie = self._tie(
                self.actors[first.name],
                self.actors[rng.choice(others).name],
                "joint_measure",
                began,
                note=spec["title"][:500],
            )
            if tie is not None and ended is not None:
                self.at(
                    max(ended, timezone.localtime(moment).date()), self._tie_ends(tie, ended), 18
                )

        return action

    def _tie_ends(self, tie, ended):
        def action(moment):
            network.update_tie(actor=self.coordinator, tie=tie, data={"ended_on": ended})
            self.open_ties.discard(
                (min(tie.source_id, tie.target_id), max(tie.source_id, tie.target_id), tie.kind)
            )

        return action

    def _progress(self, title, progress, status):
        def action(moment):
            measure = Measure.objects.get(pk=self.measures[title].pk)
            concept.update_progress(
                actor=self.coordinator, measure=measure, progress=progress, status=status
            )
            Measure.objects.filter(pk=measure.pk).update(updated_at=moment)

        return action

    def _milestone(self, title, milestone, done_on):
        def action(moment):
            measure = self.measures[title]
            concept.complete_milestone(
                actor=self.coordinator,
                milestone=measure.milestones.get(title=milestone),
                done_on=done_on,
            )

        return action

    # --- funding --------------------------------------------------------------------------

    def _plan_funding(self) -> None:
        self.at(FIRST_EXTENSION_AT, self._extend(data.FIRST_EXTENSION), 11)
        self.at(SECOND_EXTENSION_AT, self._extend(data.SECOND_EXTENSION), 11)
        self.at(CONSOLIDATION_AT, self._consolidation, 10)

    def _extend(self, funding_end):
        def action(moment):
            self.region = regions.update_region(
                actor=self.staff, region=self.region, data={"funding_end": funding_end}
            )

        return action

    def _consolidation(self, moment) -> None:
        self.region = regions.change_phase(
            actor=self.expert,
            region=self.region,
            new_phase=Phase.CONSOLIDATION,
            reason=CONSOLIDATION_REASON,
        )
        PhaseChange.objects.filter(region=self.region, changed_at__gt=moment).update(
            changed_at=moment
        )

    # --- meetings of the groups -----------------------------------------------------------

    def _plan_meetings(self) -> None:
        spec, rng = self.spec, self.rng
        day, place, people, note = spec["kickoff"]
        self.at(
            day + datetime.timedelta(days=2),
            self._meeting(
                "steering",
                berlin(day.year, day.month, day.day, 14, 0),
                place,
                f"Auftaktveranstaltung des Netzwerks mit rund {people} Teilnehmenden. {note} "
                "An Thementischen wurden Ideen für die Arbeitsgruppen gesammelt.",
                "Die Arbeitsgruppen werden gegründet; die Steuerungsgruppe lädt zu ihren "
                "ersten Treffen ein.",
            ),
        )
        _name, _spokesperson, founded = spec["steering"]
        day = founded + datetime.timedelta(days=rng.randint(50, 70))
        while day < datetime.date(2019, 2, 20):
            self.at(day + datetime.timedelta(days=3), self._regular("steering", day))
            day += datetime.timedelta(days=rng.randint(56, 77))
        for extra in (datetime.date(2019, 3, 13), datetime.date(2023, 6, 12)):
            extra += datetime.timedelta(days=rng.randint(-3, 3))
            self.at(extra + datetime.timedelta(days=2), self._regular("steering", extra))
        for when, _reason, _measures in spec["changes"]:
            if isinstance(when, int):
                decided = _day(when, self.today) - datetime.timedelta(days=6)
                self.at(decided + datetime.timedelta(days=1), self._regular("steering", decided))
        for key, _name, _topic, _field, _spokesperson, founded in spec["groups"]:
            day = founded
            while day < datetime.date(2019, 1, 31):
                if day >= founded:
                    self.at(day + datetime.timedelta(days=4), self._regular(key, day))
                day += datetime.timedelta(days=rng.randint(70, 105))

    def _regular(self, key, day):
        rng = self.rng
        hour = rng.choice((10, 16, 17, 18))
        held = berlin(day.year, day.month, day.day, hour, 0)
        topics = rng.sample(data.MEETING_TOPICS, 3)
        starting = [
            m
            for m in self._all_measures()
            if day <= _day(m["start"], self.today) <= day + datetime.timedelta(days=75)
            and (key == "steering" or m["responsible"] == f"g:{key}")
        ]
        minutes = (
            f"Anwesend: {rng.randint(6, 14)} Mitglieder, davon "
            f"{rng.randint(2, 5)} Menschen mit Behinderung. Themen: " + "; ".join(topics) + "."
        )
        if starting:
            decisions = " ".join(
                f"Start der Maßnahme „{m['title']}“ am {_german(_day(m['start'], self.today))} "
                "beschlossen."
                for m in starting[:2]
            )
        else:
            decisions = rng.choice(
                [
                    "Keine Beschlüsse; nächstes Treffen wie geplant.",
                    "Die Koordination bereitet eine Übersicht der Meilensteine vor.",
                    "Zwei neue Partner werden zum nächsten Treffen eingeladen.",
                    "Die Einladungen erscheinen künftig auch in Leichter Sprache.",
                ]
            )
        # Video conferences only from 2020 on.
        places = [p for p in data.MEETING_PLACES if day.year >= 2020 or not p.startswith("Online")]
        return self._meeting(key, held, rng.choice(places), minutes, decisions)

    def _meeting(self, key, held, place, minutes, decisions):
        def action(moment):
            group = self.groups.get(key)
            if group is None:
                return
            structures.record_meeting(
                actor=self.coordinator,
                group=group,
                held_on=held,
                place=place,
                minutes=minutes,
                decisions=decisions,
            )
            GroupMeeting.objects.filter(group=group, recorded_at__gt=moment).update(
                recorded_at=moment
            )

        return action

    # --- process support ------------------------------------------------------------------

    def _plan_sessions(self) -> None:
        spec, rng, today = self.spec, self.rng, self.today
        count = rng.randint(14, 18)
        first = data.FUNDING_START + datetime.timedelta(days=rng.randint(2, 8))
        span = (datetime.date(2019, 2, 22) - first).days
        days = [first] + [
            first + datetime.timedelta(days=span * i // (count - 1) + rng.randint(-5, 5))
            for i in range(1, count)
        ]
        approved = spec["approval"][1]
        # The kick-off is prepared once, in the session before it (below).
        topics = {
            phase: rng.sample(pool, len(pool))
            for phase, pool in (
                (phase, [t for t in pool if not t.startswith("Vorbereitung der Auftakt")])
                for phase, pool in data.SESSION_TOPICS.items()
                if phase != "now"
            )
        }
        kickoff = spec["kickoff"][0]
        for number, day in enumerate(days):
            phase = "planning" if day < approved else "implementation"
            topic = topics[phase][number % len(topics[phase])]
            if number == 0:
                topic = (
                    "Auftaktgespräch: Rollen von Netzwerkkoordination, Steuerungsgruppe und "
                    "Prozessbegleitung; Zeitplan der Planungsphase"
                )
            elif day < kickoff <= days[number + 1 if number + 1 < count else number]:
                topic = (
                    f"Vorbereitung der Auftaktveranstaltung am {_german(kickoff)} "
                    f"({spec['kickoff'][1]})"
                )
            running = [
                m["title"]
                for m in spec["measures"]
                if _day(m["start"], today) <= day <= _day(m["end"], today)
            ]
            if running and phase == "implementation":
                topic += f"; Stand der Maßnahme „{rng.choice(running)}“"
            fmt = (
                CoachingSession.Format.ON_SITE
                if number == 0
                else rng.choice(
                    [CoachingSession.Format.ON_SITE] * 3
                    + [CoachingSession.Format.WORKSHOP] * (2 if phase == "planning" else 1)
                    + [CoachingSession.Format.PHONE] * 2
                    + [CoachingSession.Format.ONLINE]
                )
            )
            note = rng.choice(data.INTERNAL_NOTES) if rng.random() < 0.25 else ""
            self.at(day, self._session(day, fmt, topic, note, number), 19)
        # Later years: one session at the second extension, then the last weeks.
        self.at(
            datetime.date(2023, 6, rng.randint(5, 26)),
            self._session_now(data.SESSION_TOPICS["now"][0], CoachingSession.Format.ON_SITE),
            19,
        )
        recent = [-66] if spec["stale"] else [-rng.randint(30, 40), -rng.randint(7, 12)]
        for offset in recent:
            day = today + datetime.timedelta(days=offset)
            topic = rng.choice(data.SESSION_TOPICS["now"][1:]).format(year=self.report_year)
            fmt = rng.choice([CoachingSession.Format.ONLINE, CoachingSession.Format.ON_SITE])
            self.at(day, self._session_now(topic, fmt, recent=True), 19)

    @property
    def report_year(self) -> int:
        today = self.today
        return today.year if today >= datetime.date(today.year, 3, 1) else today.year - 1

    def _participants(self) -> str:
        names = [self.coordinator.name, *(u.name for u in self.steering_people[:1])]
        return ", ".join(names) + f"; Prozessbegleitung: {self.coach.name}"

    def _session(self, day, fmt, topic, note, number):
        def action(moment):
            rng = self.rng
            session = support.log_session(
                actor=self.coach,
                region=self.region,
                held_on=day,
                format=fmt,
                topics=topic,
                participants=self._participants(),
                agreements=rng.choice(data.AGREEMENTS),
                next_steps=rng.choice(data.NEXT_STEPS),
                internal_note=note,
            )
            CoachingSession.objects.filter(pk=session.pk).update(created_at=moment)
            # Every third session leaves a task for the coordinator or the coach, done since.
            if number % 3 == 1:
                owner = self.coordinator if number % 2 else self.coach
                title = {
                    self.coordinator.pk: rng.choice(
                        [
                            "Entwurf an die Steuerungsgruppe schicken",
                            "Netzwerkkarte aktualisieren",
                            "Einladung in Leichter Sprache prüfen lassen",
                            "Daten für den Sachbericht zusammenstellen",
                            "Pressegespräch vorbereiten",
                        ]
                    ),
                    self.coach.pk: rng.choice(
                        [
                            "Arbeitsblatt zur Wirkungstreppe anpassen und schicken",
                            "Workshop der Steuerungsgruppe vorbereiten",
                            "Beispiele aus anderen Modellregionen zusammenstellen",
                        ]
                    ),
                }[owner.pk]
                task = support.create_task(
                    actor=owner,
                    region=self.region,
                    title=title,
                    owner=owner,
                    due_on=day + datetime.timedelta(days=rng.randint(10, 21)),
                    session=session,
                )
                Task.objects.filter(pk=task.pk).update(created_at=moment)
                done = day + datetime.timedelta(days=rng.randint(5, 20))
                self.at(done, self._task_done(task, owner), 16)

        return action

    def _task_done(self, task, owner):
        def action(moment):
            support.complete_task(actor=owner, task=Task.objects.get(pk=task.pk))
            Task.objects.filter(pk=task.pk).update(done_at=moment)

        return action

    def _session_now(self, topic, fmt, recent=False):
        def action(moment):
            session = support.log_session(
                actor=self.coach,
                region=self.region,
                held_on=timezone.localtime(moment).date(),
                format=fmt,
                topics=topic,
                participants=self._participants(),
                agreements=self.rng.choice(data.AGREEMENTS),
                next_steps=self.rng.choice(data.NEXT_STEPS),
                internal_note=(
                    "Die Finanzierung der Koordination ab Juli 2027 ist offen; im Blick behalten."
                    if recent
                    else ""
                ),
            )
            CoachingSession.objects.filter(pk=session.pk).update(created_at=moment)
            if recent:
                self._open_tasks(session, timezone.localtime(moment).date())

        return action

    def _open_tasks(self, session, day) -> None:
        """What waits now: tasks due in the coming days and weeks, one overdue in some regions."""
        if Task.objects.filter(region=self.region, status=Task.Status.OPEN).exists():
            return
        today = self.today
        overdue = next(
            (self.measures[m["title"]] for m in self._all_measures() if m["fate"] == data.OVERDUE),
            None,
        )
        tasks = [
            (
                self.coach,
                self.coordinator,
                "Sachbericht 2018 nach der Rückfrage überarbeiten",
                14,
                None,
            ),
            (self.coach, self.coach, "Workshop zur Verstetigung vorbereiten", 6, None),
            (
                self.coach,
                self.coordinator,
                f"Neuen Termin für „{overdue.title}“ mit den Verantwortlichen klären"
                if overdue
                else "Meilensteine mit den Arbeitsgruppen prüfen",
                3,
                overdue,
            ),
            (
                self.coordinator,
                self.steering_people[-1] if self.steering_people else self.coach,
                "Stellungnahme zur Finanzierung der Koordination ab Juli 2027",
                24,
                None,
            ),
        ]
        if self.spec["overdue_task"]:
            tasks.append(
                (
                    self.expert,
                    self.coordinator,
                    "Unterlagen für den Verwendungsnachweis 2025 nachreichen",
                    -5,
                    None,
                )
            )
        for actor, owner, title, due, measure in tasks:
            support.create_task(
                actor=actor,
                region=self.region,
                title=title,
                owner=owner,
                due_on=today + datetime.timedelta(days=due),
                measure=measure,
                session=session if actor == self.coach else None,
            )
        Task.objects.filter(region=self.region, status=Task.Status.OPEN).update(
            created_at=berlin(day.year, day.month, day.day, 20, 0)
        )

    def _plan_profiles(self) -> None:
        for taken_on, label, strengths, weaknesses, opportunities, risks in self.spec["profiles"]:
            self.at(
                taken_on,
                self._profile(taken_on, label, strengths, weaknesses, opportunities, risks),
                16,
            )

    def _profile(self, taken_on, label, strengths, weaknesses, opportunities, risks):
        def action(moment):
            profile = support.record_profile(
                actor=self.coach,
                region=self.region,
                taken_on=taken_on,
                label=label,
                strengths=strengths,
                weaknesses=weaknesses,
                opportunities=opportunities,
                risks=risks,
            )
            Profile.objects.filter(pk=profile.pk).update(created_at=moment)

        return action

    # --- yearly reports -------------------------------------------------------------------

    def _plan_reports(self) -> None:
        d = datetime.date
        rng = self.rng
        for year, opened, written, submitted, reviewed in (
            (2017, d(2018, 1, 22), d(2018, 4, 10), d(2018, 4, 24), d(2018, 5, 15)),
            (2018, d(2019, 1, 28), d(2019, 4, 15), d(2019, 4, 26), d(2019, 5, 21)),
        ):
            shift = datetime.timedelta(days=rng.randint(-3, 3))
            self.at(opened + shift, self._report_open(year), 9)
            self.at(written + shift, self._report_text(year), 15)
            self.at(submitted + shift, self._report_submit(year), 11)
            self.at(reviewed + shift, self._report_review(year), 14)
        year = self.report_year
        self.at(self.today - datetime.timedelta(days=20), self._report_open(year), 9)
        self.at(self.today - datetime.timedelta(days=4), self._report_draft(year), 15)

    def _report(self, year) -> YearlyReport:
        return YearlyReport.objects.get(region=self.region, year=year)

    def _report_open(self, year):
        def action(moment):
            reports.open_report(actor=self.coordinator, region=self.region, year=year)

        return action

    def _report_text(self, year):
        def action(moment):
            reports.save_text(
                actor=self.coordinator, report=self._report(year), text=self._text(year)
            )

        return action

    def _text(self, year) -> dict:
        start = datetime.date(year, 3, 1)
        end = datetime.date(year + 1, 2, 28)
        today = self.today
        measures = self.spec["measures"]
        done = [
            m["title"]
            for m in measures
            if m["fate"] == data.DONE and start <= _day(m["end"], today) <= end
        ]
        begun = [m for m in measures if start <= _day(m["start"], today) <= end]
        troubles = [
            f"„{m['title']}“: {m['why'][1]}"
            for m in measures
            if m["why"] and start <= m["why"][0] <= end
        ]
        coming = [m["title"] for m in measures if _day(m["start"], today) > end]
        return {
            "summary": (
                f"{self.spec['report_intro']} Im Berichtsjahr haben {len(begun)} Maßnahmen "
                f"begonnen, {len(done)} wurden abgeschlossen. Die Steuerungsgruppe hat "
                "regelmäßig getagt; das Netzwerk ist weiter gewachsen."
            ),
            "highlights": "\n".join(f"- {title}" for title in done)
            or "- Gründung der Arbeitsgruppen und Beschluss des Inklusionskonzepts",
            "difficulties": "\n".join(troubles)
            or "Die Beteiligung der Betriebe brauchte mehr Zeit als geplant.",
            "outlook": (
                "Im nächsten Jahr beginnen: " + "; ".join(coming) + "."
                if coming
                else "Im nächsten Jahr steht die Verstetigung der Strukturen im Mittelpunkt."
            ),
        }

    def _report_submit(self, year):
        def action(moment):
            version = reports.submit(actor=self.coordinator, report=self._report(year))
            ReportVersion.objects.filter(pk=version.pk).update(submitted_at=moment)
            YearlyReport.objects.filter(pk=version.report_id).update(submitted_at=moment)
            self.notices.append(
                (
                    "pilots.report_submitted",
                    reverse("pilots:report", args=[self.region.slug, year]),
                    moment,
                )
            )

        return action

    def _report_review(self, year):
        def action(moment):
            report = self._report(year)
            if year == 2017:
                reports.acknowledge(
                    actor=self.expert,
                    report=report,
                    note="Vielen Dank – der Bericht ist vollständig und gut nachvollziehbar.",
                )
                YearlyReport.objects.filter(pk=report.pk).update(acknowledged_at=moment)
            else:
                reports.request_changes(
                    actor=self.expert, report=report, request=self.spec["change_request"]
                )
            self.notices.append(
                (
                    "pilots.report_reviewed",
                    reverse("pilots:report", args=[self.region.slug, year]),
                    moment,
                )
            )

        return action

    def _report_draft(self, year):
        def action(moment):
            reports.save_text(
                actor=self.coordinator,
                report=self._report(year),
                text={
                    "summary": (
                        "Entwurf: Das Jahr stand im Zeichen der Verstetigung. Die "
                        "Steuerungsgruppe hat die letzten Maßnahmen der Förderung beschlossen."
                    ),
                },
            )

        return action

    def _backdate_notices(self) -> None:
        """Mails about the 2017 and 2018 reports are history: dated then, and read."""
        for kind, link, moment in self.notices:
            Notification.objects.filter(kind=kind, link=link, created_at__gt=moment).update(
                created_at=moment, read_at=moment
            )


def _account(email: str, name: str, template: User) -> User:
    """A demo login as people.py makes them, with the demo password copied from a demo
    account instead of hashing it again (as the selection chapter does for the commission)."""
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = User.objects.create(email=email, name=name, password=template.password)
        EmailAddress.objects.create(user=person, email=email, primary=True, verified=True)
    return person


def _second_coach(staff: User) -> User:
    """Henrike Voss, the process coach of the southern regions (as people.py makes logins)."""
    person = _account(data.SECOND_COACH["email"], data.SECOND_COACH["name"], staff)
    if not person.has_role(Role.PROCESS_COACH):
        with _dated(berlin(2017, 2, 20, 10, 0)):
            account_services.set_roles(
                actor=staff,
                user=person,
                roles={Role.PROCESS_COACH, *person.role_grants.values_list("role", flat=True)},
                reason="Prozessbegleitung Kommune Inklusiv 2017",
            )
    return person


def _applications(call: Call) -> dict[str, Application]:
    selected = {}
    for application in Application.objects.filter(call=call, status=Status.SELECTED).select_related(
        "organisation", "social_space"
    ):
        space = (
            "Neuruppin"
            if application.organisation.name == NEURUPPIN
            else application.social_space.name
        )
        selected[space] = application
    return selected


def load(today: datetime.date | None = None) -> list[tuple[str, str, bool]]:
    """Start the six pilot regions and replay their history, unless they exist (idempotent);
    return the network coordinator's login."""
    today = today or timezone.localdate()
    call = Call.objects.filter(slug=CALL_2016_SLUG).first()
    applications = _applications(call) if call else {}
    missing = [space for space in SELECTED if space not in applications]
    if missing:
        raise RuntimeError(f"The selected applications of {missing} are missing.")
    staff = User.objects.get(email=STAFF_EMAIL)
    people = None
    for space in SELECTED:
        if PilotRegion.objects.filter(application=applications[space]).exists():
            continue
        if people is None:
            people = {
                "staff": staff,
                "brandt": User.objects.get(email=EXPERT_EMAIL),
                "hahn": User.objects.get(email=HAHN["email"]),
                "wegner": User.objects.get(email=COACH_EMAIL),
                "voss": _second_coach(staff),
            }
        with transaction.atomic():
            _Region(space, applications[space], people, today).tell()
    return [COORDINATOR_LOGIN]
