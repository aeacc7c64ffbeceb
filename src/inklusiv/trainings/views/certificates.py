"""Certificates of attendance: the participant's download, and issuing all of a session as a
background batch with its progress page.

The download answers 404 to everyone but the participant and the session's organisers, and
to them too unless the participant was checked in as present: a no-show has no certificate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError

from ..models import Certificate, CertificateBatch, Registration, TrainingSession
from ..services import certificates as certificate_services


@login_required
def certificate(request, pk):
    registration = (
        Registration.objects.select_related("session__course", "user").filter(pk=pk).first()
    )
    if registration is None or not certificate_services.may_download(request.user, registration):
        raise Http404
    if not registration.attended:
        raise Http404
    issued = Certificate.objects.filter(registration=registration).first()
    if issued is None:
        # Checked in, but the organisers have not issued the session's certificates yet.
        try:
            issued = certificate_services.issue_certificate(
                actor=request.user, registration=registration
            )
        except DomainError as error:
            raise Http404 from error
    response = HttpResponse(
        certificate_services.certificate_pdf(issued), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{issued.number}.pdf"'
    return response


def _session(request, pk) -> TrainingSession:
    session = get_object_or_404(TrainingSession.objects.select_related("course", "trainer"), pk=pk)
    if not request.user.has_perm(certificate_services.ISSUE, session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def certificates_issue(request, pk):
    """The page is the question "Issue the certificates (and mail everyone)?": it acts only on
    its own form, which confirms exactly the people present when it was shown."""
    session = _session(request, pk)
    present = Registration.objects.filter(
        session=session, attendance=Registration.Attendance.PRESENT
    ).values_list("pk", flat=True)
    check = confirmation.for_page(f"issue-certificates:{session.pk}", present)
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            batch = certificate_services.issue_all(actor=request.user, session=session)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("trainings:certificates_issue", pk=session.pk)
        return redirect("trainings:certificate_batch", pk=batch.pk)
    counts = Registration.objects.filter(session=session).aggregate(
        present=Count("pk", filter=Q(attendance=Registration.Attendance.PRESENT)),
        issued=Count(
            "pk",
            filter=Q(attendance=Registration.Attendance.PRESENT, certificate__isnull=False),
        ),
        no_show=Count("pk", filter=Q(attendance=Registration.Attendance.NO_SHOW)),
    )
    context = {
        "session": session,
        "course": session.course,
        "counts": counts,
        "running": certificate_services.running_batch(session),
        "confirmation": check,
        "changed": confirmation.selection_changed(request),
        "batches": CertificateBatch.objects.filter(session=session).select_related("created_by")[
            :5
        ],
    }
    return render(request, "trainings/certificates/issue.html", context)


@login_required
def certificate_batch(request, pk):
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("session__course", "session__trainer"), pk=pk
    )
    if not request.user.has_perm(certificate_services.ISSUE, batch.session):
        raise PermissionDenied
    running = batch.status in (CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING)
    context = {
        "batch": batch,
        "session": batch.session,
        "course": batch.session.course,
        "running": running,
        "failures": [line for line in batch.error.splitlines() if line.strip()],
    }
    if request.GET.get("fragment"):
        # The progress script swaps this part in place, so focus and reading position stay.
        return render(request, "trainings/certificates/progress.html", context)
    return render(request, "trainings/certificates/batch.html", context)


urlpatterns = [
    path(
        "fortbildungen/anmeldungen/<int:pk>/bescheinigung.pdf",
        certificate,
        name="certificate",
    ),
    path(
        "fortbildungen/termine/<int:pk>/bescheinigungen/",
        certificates_issue,
        name="certificates_issue",
    ),
    path(
        "fortbildungen/bescheinigungen/<int:pk>/",
        certificate_batch,
        name="certificate_batch",
    ),
]
