"""Small networks with known shapes for the network tests."""

import datetime

from inklusiv.pilots.models import Actor, Sector, Tie

START = datetime.date(2017, 3, 1)


def clear_network(region) -> None:
    """Start from an empty network (start_region carries over the application's partners)."""
    Tie.objects.filter(region=region).delete()
    Actor.objects.filter(region=region).delete()


def actor(region, name, sector=Sector.CIVIL_SOCIETY, *, joined_on=START, left_on=None, public=True):
    return Actor.objects.create(
        region=region,
        name=name,
        kind=Actor.Kind.ORGANISATION,
        sector=sector,
        joined_on=joined_on,
        left_on=left_on,
        public=public,
    )


def tie(source, target, *, began_on=START, ended_on=None, kind=Tie.Kind.INFORMAL):
    return Tie.objects.create(
        region=source.region,
        source=source,
        target=target,
        kind=kind,
        began_on=began_on,
        ended_on=ended_on,
    )


def many_actors(region, count: int) -> list[Actor]:
    """`count` actors in a ring (each tied to the next), spread over the sectors."""
    sectors = Sector.values
    actors = Actor.objects.bulk_create(
        Actor(
            region=region,
            name=f"Akteur {number:03d}",
            kind=Actor.Kind.ORGANISATION,
            sector=sectors[number % len(sectors)],
            joined_on=START,
        )
        for number in range(count)
    )
    Tie.objects.bulk_create(
        Tie(
            region=region,
            source=actors[number],
            target=actors[(number + 1) % count],
            kind=Tie.Kind.INFORMAL,
            began_on=START,
        )
        for number in range(count)
    )
    return actors
