"""Public pages (home, legal, accessibility), the dashboard, and staff tools (outbox, audit)."""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from inklusiv.accounts import selectors as account_selectors
from inklusiv.applications import selectors as application_selectors
from inklusiv.notifications import work as work_items

from . import audit, mail, selectors, services
from .exports import csv_response
from .forms import AccessibilityFeedbackForm
from .pagination import paginate


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    user = request.user
    context = {
        "roles": [grant.get_role_display() for grant in user.role_grants.order_by("role")],
        "organisations": account_selectors.organisations_of(user),
        "due": application_selectors.due_next(application_selectors.applications_of(user)),
        "work": work_items.grouped(work_items.items_for(user)),
    }
    return render(request, "core/dashboard.html", context)


def imprint(request):
    return render(request, "core/imprint.html")


def privacy(request):
    return render(request, "core/privacy.html")


def easy_read(request):
    return render(request, "core/easy_read.html")


@require_http_methods(["GET", "POST"])
def accessibility(request):
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_accessibility_feedback(
            actor=request.user, data=form.cleaned_data, language=get_language()
        )
        messages.success(
            request,
            _(
                "Thank you. Your report has reached our team; if you gave an e-mail address, "
                "we will answer within two weeks."
            ),
        )
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


@login_required
@permission_required("core.view_accessibility_feedback", raise_exception=True)
def feedback_list(request):
    from .models import AccessibilityFeedback

    page = paginate(request, AccessibilityFeedback.objects.all())
    return render(request, "core/feedback_list.html", {"page_obj": page})


@login_required
@permission_required("core.view_outbox", raise_exception=True)
def outbox(request):
    page = paginate(request, mail.outbox_names())
    messages_on_page = mail.outbox_messages(list(page.object_list))
    if messages_on_page:
        services.record_outbox_read(actor=request.user, messages=messages_on_page, opened=False)
    return render(
        request,
        "core/outbox.html",
        {"page_obj": page, "messages_on_page": messages_on_page},
    )


@login_required
@permission_required("core.view_outbox", raise_exception=True)
def outbox_message(request, name):
    message = mail.outbox_message(name)
    if message is None:
        raise Http404
    services.record_outbox_read(actor=request.user, messages=[message], opened=True)
    return render(request, "core/outbox_message.html", {"message": message})


class AuditFilterForm(forms.Form):
    """The audit log's filters; sent by GET, so a filtered log can be bookmarked and paged."""

    person = forms.CharField(
        label=gettext_lazy("Person"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name or e-mail address of who acted, or a part of it."),
    )
    content_type = forms.ChoiceField(label=gettext_lazy("Kind of object"), required=False)
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    since = forms.DateField(
        label=gettext_lazy("From (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=gettext_lazy("Until (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_type"].choices = [("", gettext_lazy("All kinds"))] + sorted(
            (
                (str(content_type.pk), audit.content_type_label(content_type))
                for content_type in selectors.audited_content_types()
            ),
            key=lambda pair: pair[1].lower(),
        )
        self.fields["action"].choices = [("", gettext_lazy("All actions"))] + (
            audit.action_choices(selectors.audited_actions())
        )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must not lie before the start date."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters as keyword arguments of selectors.audit_entries."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "person": data["person"].strip(),
            "content_type_id": data["content_type"],
            "action": data["action"],
            "since": data["since"],
            "until": data["until"],
        }


@login_required
@permission_required("core.view_audit_log", raise_exception=True)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, selectors.audit_entries(**filters))
    page.object_list = audit.present(page.object_list)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "page_obj": page,
            "form": form,
            "filtered": any(filters.values()),
            "export_query": export_query.urlencode(),
        },
    )


AUDIT_EXPORT_CHUNK = 500


@login_required
@permission_required("core.view_audit_log", raise_exception=True)
def audit_export(request):
    """The filtered log as CSV, read as on the page; who took it out is logged first."""
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Never the whole log for a filter that could not be read: back to the form's errors.
        return redirect(f"{reverse('core:audit_log')}?{request.GET.urlencode()}")
    filters = form.filters()
    entries = selectors.audit_entries(**filters)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            obj=request.user,
            action="audit_log_exported",
            after={
                "filters": {key: str(value) for key, value in filters.items() if value},
                "rows": entries.count(),
            },
        )
    language = get_language()

    def rows():
        # The response streams after the view returned: keep the page's language.
        with translation.override(language):
            chunk = []
            for entry in entries.iterator(chunk_size=AUDIT_EXPORT_CHUNK):
                chunk.append(entry)
                if len(chunk) == AUDIT_EXPORT_CHUNK:
                    yield from _audit_csv_rows(chunk)
                    chunk = []
            yield from _audit_csv_rows(chunk)

    headers = [
        _("Time"),
        _("Who"),
        _("Kind of object"),
        _("Object"),
        _("Action"),
        _("Change made"),
        _("Reason"),
    ]
    filename = f"audit-log-{timezone.localtime():%Y-%m-%d-%H%M}.csv"
    return csv_response(headers=headers, rows=rows(), filename=filename)


def _audit_csv_rows(entries):
    for row in audit.present(entries, full_text=True):
        changes = "\n".join(
            f"{change.label}: "
            + " → ".join(
                side.as_text() for side in (change.before, change.after) if side is not None
            )
            for change in row.changes
        )
        yield [
            date_format(timezone.localtime(row.created_at), "SHORT_DATETIME_FORMAT"),
            row.actor,
            row.object_type,
            row.object_label,
            row.action,
            changes,
            row.reason,
        ]


@login_required
@permission_required("core.view_audit_log", raise_exception=True)
def object_history(request, content_type_id, object_id):
    try:
        content_type = ContentType.objects.get(pk=content_type_id)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    entries = selectors.audit_entries(content_type_id=content_type.pk).filter(object_id=object_id)
    page = paginate(request, entries)
    page.object_list = audit.present(page.object_list)
    label = (
        page.object_list[0].object_label
        if page.object_list
        else _object_label(content_type, object_id)
    )
    return render(
        request,
        "core/object_history.html",
        {
            "page_obj": page,
            "content_type": content_type,
            "object_type": audit.content_type_label(content_type),
            "object_label": label,
        },
    )


def _object_label(content_type, object_id) -> str:
    """The object's name for a history without entries; never its bare id."""
    model = content_type.model_class()
    obj = model._default_manager.filter(pk=object_id).first() if model else None
    return str(obj) if obj is not None else _("an object that no longer exists")


def error_400(request, exception=None):
    """A request Django could not read; a form over the size limit gets its own page."""
    if isinstance(exception, RequestDataTooBig):
        with translation.override(_language_of(request)):
            return render(
                request,
                "413.html",
                {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
                status=413,
            )
    with translation.override(_language_of(request)):
        return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent with an outdated or missing CSRF token (another tab signed in or out, or
    cookies blocked): explained in the page's language, with the texts sent to copy."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    with translation.override(_language_of(request)):
        return render(
            request,
            "403_csrf.html",
            {
                "form_url": referer if same_site else request.path,
                "typed_texts": _typed_texts(request),
            },
            status=403,
        )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """The page for an unexpected error, also when the database is gone.

    It renders without the request's context processors (they read the session and the
    signed-in person from the database) and takes its language from the address, so it
    still speaks the person's language when nothing else works. After a failed form it
    shows the text that was sent, so nothing typed is lost.
    """
    language = _language_of(request)
    with translation.override(language):
        content = render_to_string(
            "500.html",
            {
                "home_url": f"/{language}/",
                "typed_texts": _typed_texts(request),
                "was_post": request.method == "POST",
            },
        )
    return HttpResponseServerError(content)


def healthz(request):
    """For load balancers and monitoring: 200 while the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "down", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _language_of(request) -> str:
    """The language of the page asked for, from its /de/ or /en/ prefix."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


# Never echoed back: secrets, one-time codes and the form's own machinery.
_PRIVATE_FIELD = re.compile(r"pass(word|wd)|csrf|token|secret|otp|^(code|key|next|action)$", re.I)


def _typed_texts(request) -> list[str]:
    """Texts a person typed into the form whose sending failed: non-empty, with a letter,
    and either long or of several words (short codes and choices are quick to redo)."""
    if request.method != "POST":
        return []
    try:
        data = request.POST
    except Exception:  # noqa: BLE001 - the error page must render whatever the body holds
        return []
    texts = []
    for name, values in data.lists():
        if _PRIVATE_FIELD.search(name):
            continue
        for value in values:
            value = value.strip()
            if any(c.isalpha() for c in value) and (
                len(value) >= 20 or any(c.isspace() for c in value)
            ):
                texts.append(value)
    return texts
