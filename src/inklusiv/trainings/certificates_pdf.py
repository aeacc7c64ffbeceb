"""The PDF certificate of attendance, rendered with WeasyPrint like the decision letters
(fonts, URL fetcher, page counter and PDF/UA tagging from core/pdf.py). Callers choose the
language with `translation.override(language)`; services.certificates does."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url

from .models.course import length_display


def dates_display(session) -> str:
    """The session's day, or its first and last day when it runs over several."""
    start = timezone.localtime(session.starts_at).date()
    end = timezone.localtime(session.ends_at).date()
    first = formats.date_format(start, "DATE_FORMAT")
    if start == end:
        return first
    return f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"


def funder_name(registration) -> str:
    """The funder of the programme: of the participant's pilot region's initiative, else of
    the first initiative on the platform (the letters take it from the initiative too)."""
    from inklusiv.calls.models import Initiative

    region = registration.region
    if region is not None:
        try:
            return region.application.call.initiative.funder
        except AttributeError:
            pass
    return (
        Initiative.objects.order_by("created_at", "pk").values_list("funder", flat=True).first()
        or ""
    )


def trainer_name(session) -> str:
    trainer = session.trainer or session.course.trainer
    if trainer is None:
        return ""
    return trainer.name or trainer.email


def render_certificate_pdf(registration, *, number: str, issued_at) -> bytes:
    session = registration.session
    course = session.course
    person = registration.user
    html = render_to_string(
        "trainings/certificates/pdf.html",
        {
            "registration": registration,
            "session": session,
            "course": course,
            "person_name": person.name or person.email,
            "goals": course.goals,
            "dates": dates_display(session),
            "length": length_display(course.length_minutes),
            "trainer": trainer_name(session),
            "funder": funder_name(registration),
            "number": number,
            "issued_on": formats.date_format(timezone.localtime(issued_at), "DATE_FORMAT"),
            "issued_at": issued_at,
            "time_zone": settings.TIME_ZONE,
        },
    )
    footer = f"{_('Certificate number')} {number}"
    return render_pdf(html, base_url=template_base_url(__file__), page_css=footer_css(footer))
