"""The evaluation's reports: written and released by the evaluators; a released report is read
by whoever may read its region (a programme report by the programme's readers), a draft only by
its writers. Anything else answers 404: a report's existence is not public. The list is the
programme side's; a region's members find their released reports on the region's tab."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from .. import periods
from ..forms.reports import ReportForm
from ..models import EvaluationReport
from ..services import reports as services

WRITE = "evaluation.write_reports"
Status = EvaluationReport.Status


def may_read(user, report: EvaluationReport) -> bool:
    if user.has_perm(WRITE):
        return True
    if report.status != Status.RELEASED:
        return False
    if report.region_id is None:
        return user.has_perm("evaluation.view_programme")
    return user.has_perm("evaluation.view_programme") or user.has_perm(
        "pilots.view_region", report.region
    )


def _report(request, pk, *, write=False) -> EvaluationReport:
    report = get_object_or_404(
        EvaluationReport.objects.select_related("region", "created_by"), pk=pk
    )
    allowed = request.user.has_perm(WRITE, report) if write else may_read(request.user, report)
    if not allowed:
        raise Http404
    return report


@login_required
@require_GET
def reports(request):
    user = request.user
    # The programme side's list; a region's members read its released reports on the
    # region's evaluation tab (home.region), so this list is never a way into other regions.
    if not user.has_perm("evaluation.view_programme"):
        raise Http404
    queryset = EvaluationReport.objects.select_related("region").order_by(
        "-last_period", "region__name", "title", "pk"
    )
    if not user.has_perm(WRITE):
        queryset = queryset.filter(status=Status.RELEASED)
    page = paginate(request, queryset)
    for report in page.object_list:
        report.span = f"{periods.label(report.first_period)} – {periods.label(report.last_period)}"
    return render(
        request,
        "evaluation/reports/list.html",
        {"page_obj": page, "reports": page.object_list, "can_write": user.has_perm(WRITE)},
    )


def _form_page(request, form, report=None):
    return render(request, "evaluation/reports/form.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def report_add(request):
    if not request.user.has_perm(WRITE):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(
                actor=request.user,
                region=form.cleaned_data.get("region"),
                data=form.data_for_service(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The report has been saved as a draft."))
            return redirect("evaluation:report", pk=report.pk)
    return _form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = _report(request, pk, write=True)
    if report.status != Status.DRAFT:
        messages.error(request, _("A released report cannot be changed any more."))
        return redirect("evaluation:report", pk=report.pk)
    form = ReportForm(request.POST or None, instance=report)
    form.fields["region"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.update_report(actor=request.user, report=report, data=form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The report has been saved."))
            return redirect("evaluation:report", pk=report.pk)
    return _form_page(request, form, report)


@login_required
@require_GET
def report(request, pk):
    report = _report(request, pk)
    return render(
        request,
        "evaluation/reports/report.html",
        {
            "report": report,
            "span": f"{periods.label(report.first_period)} – {periods.label(report.last_period)}",
            "surveys": report.surveys.order_by("-wave", "title"),
            "can_write": request.user.has_perm(WRITE, report),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_release(request, pk):
    """The page is the question "Release this report?"; its own form confirms."""
    report = _report(request, pk, write=True)
    if report.status != Status.DRAFT:
        return redirect("evaluation:report", pk=report.pk)
    check = confirmation.for_page(f"release-report:{report.pk}", [report.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.release(actor=request.user, report=report)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report has been released."))
        return redirect("evaluation:report", pk=report.pk)
    return render(
        request,
        "evaluation/reports/release.html",
        {"report": report, "confirmation": check},
    )


@login_required
@require_GET
def report_pdf(request, pk):
    from ..reports_pdf import render_report

    report = _report(request, pk)
    # Rendered outside any transaction or lock: a long document takes seconds.
    content = render_report(report)
    services.record_download(actor=request.user, report=report)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluationsbericht-{report.pk}.pdf"'
    return response


urlpatterns = [
    path("evaluation/berichte/", reports, name="reports"),
    path("evaluation/berichte/neu/", report_add, name="report_add"),
    path("evaluation/berichte/<int:pk>/", report, name="report"),
    path("evaluation/berichte/<int:pk>/bearbeiten/", report_edit, name="report_edit"),
    path("evaluation/berichte/<int:pk>/freigeben/", report_release, name="report_release"),
    path("evaluation/berichte/<int:pk>/bericht.pdf", report_pdf, name="report_pdf"),
]
