"""A concept for the region of the `world` fixture: fields of action, goals, measures and
milestones built through the services, as a coordinator would."""

import datetime

from inklusiv.pilots.models import Measure
from inklusiv.pilots.services import concept as services

START = datetime.date(2017, 4, 1)


def build_concept(world, *, measures: int = 3, fields: int = 2, actor=None, prefix=""):
    """`fields` fields of action with two goals each; `measures` measures spread over the
    goals, each with one milestone. Returns (fields, goals, measures)."""
    actor = actor or world.coordinator
    made_fields, goals, made_measures = [], [], []
    for number in range(fields):
        field = services.add_field(
            actor=actor,
            region=world.region,
            name=f"{prefix}Handlungsfeld {number + 1}",
            life_area="work" if number == 0 else "",
            weight=number + 1,
            order=number,
        )
        made_fields.append(field)
        for goal_number in range(2):
            goals.append(
                services.add_goal(
                    actor=actor,
                    field=field,
                    title=f"Ziel {number + 1}.{goal_number + 1}",
                    step=3,
                    weight=goal_number + 1,
                )
            )
    statuses = list(Measure.Status.values)
    for number in range(measures):
        goal = goals[number % len(goals)]
        measure = services.add_measure(
            actor=actor,
            goal=goal,
            title=f"Maßnahme {number + 1}",
            starts_on=START + datetime.timedelta(days=10 * number),
            ends_on=START + datetime.timedelta(days=10 * number + 200),
            status=statuses[number % 3],  # planned, running, done
            progress=(number * 17) % 101,
            weight=(number % 3) + 1,
        )
        services.add_milestone(
            actor=actor,
            measure=measure,
            title=f"Meilenstein {number + 1}",
            due_on=START + datetime.timedelta(days=10 * number + 100),
        )
        made_measures.append(measure)
    return made_fields, goals, made_measures
