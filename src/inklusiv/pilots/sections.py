"""Pages that later steps of the story add to a pilot region (trainings, evaluation): they
register a tab here from their AppConfig.ready(), so this app never imports them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    key: str  # the `section` the page passes to region_context
    label: str  # lazy
    url_name: str  # takes the region's slug


_sections: dict[str, Section] = {}


def register(section: Section) -> Section:
    _sections[section.key] = section
    return section


def links(region) -> list[dict]:
    return [
        {"key": s.key, "label": s.label, "url": reverse(s.url_name, args=[region.slug])}
        for s in _sections.values()
    ]
