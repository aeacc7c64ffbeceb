"""The funder's pages for applications: the filtered list, its CSV/XLSX export, and one
application's page with extension and message forms.

Every page needs `applications.list_applications` (funder staff and programme experts); the
check comes before any object is loaded, so a refusal tells nothing about what exists. A
programme expert with a conflict of interest finds the application in no list or export and
gets 404 on its pages, as if it did not exist.
"""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from inklusiv.accounts.models import State
from inklusiv.calls.models import Call, Stage
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.exports import xlsx_response
from inklusiv.core.forms import BerlinMomentMixin
from inklusiv.core.pagination import paginate

from .. import content, selectors, services
from ..models import Application, FieldOfAction, SpaceKind, Status
from ..timeline import timeline

LIST_PERMISSION = "applications.list_applications"
EXPORT_FORMATS = ("csv", "xlsx")
# Rows fetched per database round trip while an export streams.
EXPORT_CHUNK_SIZE = 500


def staff_only(perm=LIST_PERMISSION):
    """Signed-in people without the permission get 403; anonymous people the login page."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


# --- forms ------------------------------------------------------------------------------


class ApplicationFilterForm(forms.Form):
    """The list's filters and search; sent by GET, so a filtered list can be bookmarked."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Reference number, organisation, social space or a word from the concept."
        ),
    )
    call = forms.ModelChoiceField(
        label=gettext_lazy("Call"),
        required=False,
        queryset=Call.objects.none(),
        empty_label=gettext_lazy("All calls"),
    )
    stage = forms.ModelChoiceField(
        label=gettext_lazy("Stage"),
        required=False,
        queryset=Stage.objects.none(),
        empty_label=gettext_lazy("All stages"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses")), *Status.choices],
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Bundesland of the social space"),
        required=False,
        choices=[("", gettext_lazy("All Bundesländer")), *State.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of social space"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *SpaceKind.choices],
    )
    field_of_action = forms.ChoiceField(
        label=gettext_lazy("Field of action"),
        required=False,
        choices=[("", gettext_lazy("All fields of action")), *FieldOfAction.choices],
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("reference", gettext_lazy("Reference number, ascending")),
            ("-reference", gettext_lazy("Reference number, descending")),
            ("organisation", gettext_lazy("Organisation, A to Z")),
            ("-organisation", gettext_lazy("Organisation, Z to A")),
            ("space", gettext_lazy("Social space, A to Z")),
            ("-space", gettext_lazy("Social space, Z to A")),
            ("state", gettext_lazy("Bundesland, A to Z")),
            ("-state", gettext_lazy("Bundesland, Z to A")),
            ("population", gettext_lazy("Population, smallest first")),
            ("-population", gettext_lazy("Population, largest first")),
            ("submitted", gettext_lazy("Submitted, earliest first")),
            ("-submitted", gettext_lazy("Submitted, latest first")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.select_related("initiative").order_by(
            "-reference_year", "title_de"
        )
        stages = self.fields["stage"]
        stages.queryset = Stage.objects.select_related("call").order_by(
            "-call__reference_year", "call__title_de", "position"
        )
        # Stage names repeat across calls; the call's title tells them apart.
        stages.label_from_instance = lambda stage: f"{stage.call.title} – {stage}"

    def filters(self) -> dict:
        """The valid filters as keyword arguments of selectors.staff_applications.

        A tampered value (an unknown status, say) is dropped rather than refused: the list
        then simply shows more.
        """
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "call": data.get("call"),
            "stage": data.get("stage"),
            "status": data.get("status"),
            "state": data.get("state"),
            "space_kind": data.get("kind"),
            "field_of_action": data.get("field_of_action"),
            "query": (data.get("q") or "").strip(),
            "sort": data.get("sort") or selectors.STAFF_DEFAULT_SORT,
        }


class ExtensionForm(BerlinMomentMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the deadline extended?"),
        help_text=gettext_lazy("Recorded in the audit log; the applicant does not see it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Please give a reason for the extension.")},
    )

    def __init__(self, *args, initial_until=None, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        self.add_moment_fields("until", gettext_lazy("Extended until"), initial=initial_until)
        self.fields["reason"] = reason

    def clean(self):
        cleaned = super().clean()
        cleaned["until"] = self.clean_moment("until")
        # An extension that is already over helps nobody; it would only look granted.
        if cleaned["until"] is not None and cleaned["until"] <= timezone.now():
            self.add_error(
                "until_date",
                _(
                    "An extension must end in the future. Please choose a date from today "
                    "on (and a later time, if it is today)."
                ),
            )
            cleaned["until"] = None
        return cleaned


class MessageForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=200,
        error_messages={"required": gettext_lazy("Please enter a subject.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        help_text=gettext_lazy(
            "Every member of the applicant organisation receives it by e-mail and finds it "
            "on the application's page."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Please write a message.")},
    )


def _apply_domain_error(form, error: DomainError) -> None:
    # The extension form splits `until` into date and time; the time field carries the error.
    field = {"until": "until_time"}.get(error.field, error.field)
    form.add_error(field if field in form.fields else None, str(error))


# --- the list ---------------------------------------------------------------------------

# Column headers that sort, in table order: (sort key, label).
SORTABLE_COLUMNS = (
    ("reference", gettext_lazy("Reference number")),
    ("organisation", gettext_lazy("Organisation")),
    ("space", gettext_lazy("Social space")),
    ("state", gettext_lazy("Bundesland")),
    ("population", gettext_lazy("Population")),
    ("submitted", gettext_lazy("Submitted")),
)


def _sort_columns(current: str) -> dict:
    """Per sortable column: the sort value its header link asks for, and its aria-sort."""
    columns = {}
    for key, label in SORTABLE_COLUMNS:
        if current == key:
            columns[key] = {"label": label, "next": f"-{key}", "aria_sort": "ascending"}
        elif current == f"-{key}":
            columns[key] = {"label": label, "next": key, "aria_sort": "descending"}
        else:
            columns[key] = {"label": label, "next": key, "aria_sort": ""}
    return columns


@staff_only()
def staff_list(request):
    form = ApplicationFilterForm(request.GET)
    filters = form.filters()
    page = paginate(request, selectors.staff_applications(**filters, viewer=request.user))
    # The export takes the same filters, but not the page.
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "applications/staff_list.html",
        {
            "form": form,
            "page_obj": page,
            "columns": _sort_columns(filters["sort"]),
            "filtered": any(value for key, value in filters.items() if key != "sort"),
            "export_query": export_query.urlencode(),
        },
    )


# --- the export -------------------------------------------------------------------------


def _export_headers() -> list[str]:
    return [
        _("Reference number"),
        _("Status"),
        _("Call"),
        _("Stage"),
        _("Organisation"),
        _("Bundesland"),
        _("Kind of social space"),
        _("Social space"),
        _("Population"),
        _("Municipality key (AGS)"),
        _("Fields of action"),
        _("Partners"),
        _("Submitted (Berlin time)"),
        _("Contact person"),
        _("E-mail address"),
        _("Phone"),
    ]


def _export_rows(applications):
    """One list of typed values per application (numbers stay numbers for XLSX)."""
    # Labels resolved once per export: get_FOO_display() per row costs a translation
    # lookup each time and was most of the export's time with thousands of rows.
    statuses = {value: str(label) for value, label in Status.choices}
    states = dict(State.choices)
    kinds = {value: str(label) for value, label in SpaceKind.choices}
    fields = {value: str(label) for value, label in FieldOfAction.choices}
    titles: dict[int, tuple[str, str]] = {}
    for application in applications.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        space = getattr(application, "social_space", None)
        concept = getattr(application, "concept", None)
        submitted = (
            timezone.localtime(application.submitted_at).replace(tzinfo=None)
            if application.submitted_at
            else None
        )
        if application.stage_id not in titles:
            titles[application.stage_id] = (application.call.title, application.stage.name)
        call_title, stage_name = titles[application.stage_id]
        yield [
            application.reference,
            statuses.get(application.status, application.status),
            call_title,
            stage_name,
            application.organisation.name,
            states.get(space.state, space.state) if space else "",
            kinds.get(space.kind, space.kind) if space else "",
            space.name if space else "",
            space.population if space else None,
            space.ags if space else "",
            ", ".join(fields.get(value, value) for value in concept.fields_of_action)
            if concept
            else "",
            application.partner_count,
            submitted,
            application.contact_name,
            application.contact_email,
            application.contact_phone,
        ]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _csv_lines(applications):
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte order mark makes Excel read the file as UTF-8, so umlauts survive.
    yield "\ufeff" + writer.writerow(_export_headers())
    for row in _export_rows(applications):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif hasattr(value, "strftime"):
                cells.append(value.strftime("%d.%m.%Y %H:%M"))
            else:
                cells.append(_defused(value))
        yield writer.writerow(cells)


def _audit_filters(filters: dict) -> dict:
    """The filters that chose the rows, as JSON: objects by primary key, empty ones left out."""
    return {
        key: getattr(value, "pk", value)
        for key, value in filters.items()
        if key != "sort" and value not in (None, "")
    }


@staff_only()
def staff_export(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    filters = ApplicationFilterForm(request.GET).filters()
    # Of the concept only the fields of action are exported; its long texts stay behind.
    applications = (
        selectors.staff_applications(**filters, viewer=request.user)
        .select_related("concept")
        .defer(*(f"concept__{name}" for name in content.CONCEPT_FIELDS))
    )
    # Exports carry personal data: who took which rows out is logged before any row leaves.
    audit.record(
        actor=request.user,
        obj=request.user,
        action="applications_exported",
        after={
            "format": file_format,
            "filters": _audit_filters(filters),
            "rows": applications.count(),
        },
    )
    filename = f"applications-{timezone.localtime():%Y-%m-%d-%H%M}.{file_format}"
    if file_format == "csv":
        response = StreamingHttpResponse(
            _csv_lines(applications), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return xlsx_response(
        headers=_export_headers(),
        rows=_export_rows(applications),
        filename=filename,
        title=_("Applications"),
    )


# --- one application --------------------------------------------------------------------


def _application(request, pk) -> Application:
    application = selectors.application_for_view(pk)
    if application is None or selectors.hidden_by_conflict(request.user, application):
        raise Http404
    return application


def _detail_context(request, application, *, extension_form=None, message_form=None) -> dict:
    versions = list(application.versions.all())
    # Staff read what was submitted; before that, the draft as it stands.
    sections = content.present(versions[0].content if versions else content.build(application))
    can_read_audit = request.user.has_perm("core.view_audit_log")
    return {
        "application": application,
        "sections": sections,
        "showing_version": versions[0] if versions else None,
        "versions": versions,
        "attachments": application.attachments.all(),
        "sent_messages": application.messages.all(),
        "can_extend": request.user.has_perm("applications.grant_extension", application),
        "can_message": request.user.has_perm("applications.send_message", application),
        "extension_form": extension_form
        or ExtensionForm(prefix="extension", initial_until=application.extended_until),
        "message_form": message_form or MessageForm(prefix="message"),
        "can_read_audit": can_read_audit,
        "history": audit.history_for(application).exclude(action__in=services.ACCESS_ACTIONS)[:10]
        if can_read_audit
        else [],
        "content_type": ContentType.objects.get_for_model(Application),
        "timeline": timeline(application),
    }


@staff_only()
def staff_detail(request, pk):
    application = _application(request, pk)
    services.record_view(actor=request.user, application=application, page="staff_detail")
    return render(request, "applications/staff_detail.html", _detail_context(request, application))


def _post_detail_form(request, pk, *, form_class, prefix, action, success):
    """A form on the detail page: act and go back, or show the page with the form's errors."""
    application = _application(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action(application, form.cleaned_data)
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(request, success)
            return redirect("applications:staff_detail", pk=application.pk)
    services.record_view(actor=request.user, application=application, page="staff_detail")
    return render(
        request,
        "applications/staff_detail.html",
        _detail_context(request, application, **{f"{prefix}_form": form}),
        status=400,
    )


@staff_only("applications.grant_extension")
@require_POST
def staff_extension(request, pk):
    return _post_detail_form(
        request,
        pk,
        form_class=ExtensionForm,
        prefix="extension",
        action=lambda application, data: services.grant_extension(
            actor=request.user, application=application, until=data["until"], reason=data["reason"]
        ),
        success=_("The deadline has been extended for this application."),
    )


@staff_only("applications.send_message")
@require_POST
def staff_message(request, pk):
    return _post_detail_form(
        request,
        pk,
        form_class=MessageForm,
        prefix="message",
        action=lambda application, data: services.send_message(
            actor=request.user, application=application, subject=data["subject"], body=data["body"]
        ),
        success=_("The message has been sent to the applicant organisation."),
    )
