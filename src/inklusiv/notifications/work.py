"""Work items: what a person has to do next, with a count, a due date and a link.

Each app contributes a provider, registered from its AppConfig.ready(), so the dashboard
(which lives in core, at the bottom of the story) shows the work of apps that come later
without importing them. A provider answers for one person with a fixed number of queries,
however much work is waiting: it counts with aggregates and never loads one row per item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["WorkItem", "day", "grouped", "items_for", "register"]


@dataclass(frozen=True)
class WorkItem:
    key: str  # stable, e.g. "selection.formal_check"
    label: str  # translated, with its count ("1 Bewerbung wartet auf die Formalprüfung")
    count: int
    url: str  # where the work is done
    due: datetime | None = None
    group: str = ""  # the heading it is shown under on the dashboard, translated
    # A due date without a time of day (a task, a milestone): shown as a date only.
    all_day: bool = False
    # A traffic light for items that rate something (a pilot region): "red", "amber" or "green".
    level: str = ""

    @property
    def overdue(self) -> bool:
        if self.due is None:
            return False
        if self.all_day:
            return timezone.localdate(self.due) < timezone.localdate()
        return self.due < timezone.now()

    @property
    def level_label(self) -> str:
        return {"red": _("red"), "amber": _("amber"), "green": _("green")}.get(self.level, "")


Provider = Callable[[object], Iterable[WorkItem]]

_providers: list[Provider] = []

# Sorts items without a due date after every dated one.
_NO_DUE = datetime.max.replace(tzinfo=UTC)


def day(value) -> datetime | None:
    """A calendar date as the moment work items sort by: the start of that day in Berlin."""
    if value is None:
        return None
    return timezone.make_aware(datetime.combine(value, datetime.min.time()))


def register(provider: Provider) -> Provider:
    """Add a provider of work items; registering the same one again changes nothing (ready()
    may run more than once, e.g. in tests)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(user) -> list[WorkItem]:
    """Everything `user` has to do, soonest due first (undated last); empty items are left out."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    items = [item for provider in _providers for item in provider(user) if item.count > 0]
    # sorted() is stable: items due at the same time keep their provider's order.
    return sorted(items, key=lambda item: item.due or _NO_DUE)


def grouped(items: Iterable[WorkItem]) -> list[tuple[str, list[WorkItem]]]:
    """(heading, items) pairs; a group comes where its soonest item comes."""
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())
