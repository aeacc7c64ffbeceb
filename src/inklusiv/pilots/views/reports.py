"""The yearly reports of a region: the list, opening a year, writing the text beside a preview
of the generated figures, submitting (after a confirmation), the PDF of each submitted
version, and the expert's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from ..forms.reports import ACKNOWLEDGE, OpenReportForm, ReportTextForm, ReviewForm
from ..models import ReportVersion, YearlyReport
from ..services import reports as services
from .common import region_context, region_for


def _context(request, region, **extra) -> dict:
    user = request.user
    return {
        **region_context(request, region, "reports"),
        "can_write_report": user.has_perm("pilots.write_report", region),
        "can_review_report": user.has_perm("pilots.review_report", region),
        **extra,
    }


def _open_years(region) -> list[int]:
    taken = set(region.reports.values_list("year", flat=True))
    return [year for year in services.report_years(region) if year not in taken]


@login_required
@require_GET
def reports(request, slug):
    region = region_for(request, slug)
    page = paginate(request, region.reports.order_by("-year"))
    return render(
        request,
        "pilots/reports/list.html",
        _context(request, region, page_obj=page, open_years=_open_years(region)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_open(request, slug):
    region = region_for(request, slug, "pilots.write_report")
    years = _open_years(region)
    form = OpenReportForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.open_report(
                actor=request.user, region=region, year=form.cleaned_data["year"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The report has been started. Write the region's text."))
            return redirect("pilots:report", slug=region.slug, year=report.year)
    return render(
        request,
        "pilots/reports/open.html",
        _context(request, region, form=form, years=years),
        status=400 if form.errors else 200,
    )


def _report(region, year) -> YearlyReport:
    return get_object_or_404(
        YearlyReport.objects.select_related("region"), region=region, year=year
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug, year):
    region = region_for(request, slug)
    found = _report(region, year)
    labels = services.section_labels()
    editable = found.status in services.EDITABLE and request.user.has_perm(
        "pilots.write_report", region
    )
    form = None
    if editable:
        form = ReportTextForm(
            request.POST or None,
            labels=labels,
            initial={key: found.text.get(key, "") for key in services.SECTIONS},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_text(actor=request.user, report=found, text=form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The text has been saved."))
                return redirect("pilots:report", slug=region.slug, year=found.year)
    elif request.method == "POST":
        # Readers, and everyone once the report is submitted, cannot change the text.
        raise PermissionDenied
    versions = list(found.versions.select_related("submitted_by").order_by("-number"))
    latest = versions[0] if versions else None
    if found.status in services.EDITABLE or latest is None:
        content = services.present({**services.figures(found), "text": found.text})
        preview = True
    else:
        content = services.present(latest.content)
        preview = False
    return render(
        request,
        "pilots/reports/report.html",
        _context(
            request,
            region,
            report=found,
            form=form,
            content=content,
            preview=preview,
            versions=versions,
            sections=[(labels[key], content["text"].get(key, "")) for key in services.SECTIONS],
        ),
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, slug, year):
    region = region_for(request, slug, "pilots.write_report")
    found = _report(region, year)
    report_url = reverse("pilots:report", args=[region.slug, found.year])
    scope = f"pilot-report-submit:{found.pk}:{found.status}"
    if not confirmation.is_confirmed(request, scope, [found.pk]):
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=_("Submit the report %(year)s?") % {"year": found.year},
                action=_("Submit the report %(year)s") % {"year": found.year},
                cancel_url=report_url,
                scope=scope,
                ids=[found.pk],
                context_line=region.name,
                explanation=[
                    _(
                        "The figures and your text are frozen as a version with a PDF. "
                        "You can change the text again only if the programme expert asks "
                        "for changes."
                    ),
                    _("%(name)s, the responsible programme expert, is told by e-mail.")
                    % {"name": region.expert.name or region.expert.email},
                ],
            ),
        )
    try:
        version = services.submit(actor=request.user, report=found)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The report has been submitted as version %(number)s.") % {"number": version.number},
        )
    return redirect(report_url)


@login_required
@require_GET
def report_pdf(request, slug, year, number):
    region = region_for(request, slug)
    found = _report(region, year)
    version = get_object_or_404(
        ReportVersion.objects.select_related("report__region"), report=found, number=number
    )
    pdf = services.pdf_of(version)
    services.record_download(actor=request.user, version=version)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{region.slug}-{found.year}-v{number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request, slug, year):
    region = region_for(request, slug, "pilots.review_report")
    found = _report(region, year)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ACKNOWLEDGE:
                services.acknowledge(
                    actor=request.user, report=found, note=form.cleaned_data["text"]
                )
                message = _("The report has been acknowledged; the region has been told.")
            else:
                services.request_changes(
                    actor=request.user, report=found, request=form.cleaned_data["text"]
                )
                message = _("The region has been asked for changes.")
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, message)
            return redirect("pilots:report", slug=region.slug, year=found.year)
    latest = found.versions.order_by("-number").first()
    return render(
        request,
        "pilots/reports/review.html",
        _context(request, region, report=found, form=form, latest=latest),
        status=400 if form.errors else 200,
    )


_BASE = "pilotregionen/<slug:slug>/berichte/"

urlpatterns = [
    path(_BASE, reports, name="reports"),
    path(f"{_BASE}neu/", report_open, name="report_open"),
    path(f"{_BASE}<int:year>/", report, name="report"),
    path(f"{_BASE}<int:year>/einreichen/", report_submit, name="report_submit"),
    path(f"{_BASE}<int:year>/versionen/<int:number>/pdf/", report_pdf, name="report_pdf"),
    path(f"{_BASE}<int:year>/pruefen/", report_review, name="report_review"),
]
