"""Pages where an organisation's members fill in, submit and follow their application.

Someone else's application answers 404, not 403, so its existence does not leak.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inklusiv.accounts.selectors import organisations_of
from inklusiv.calls.models import Call, Stage
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError

from .. import content, selectors, services, workflow
from ..content import answer_display
from ..forms import (
    AnswersForm,
    ConceptForm,
    ContactForm,
    PartnerForm,
    SocialSpaceForm,
    StartForm,
    UploadField,
    WithdrawForm,
)
from ..models import Answers, Concept, Partner, SocialSpace
from ..timeline import timeline

PENDING_KEY = "pending-input"


def login_required_keeping_input(view):
    """Like login_required, but a form posted after the session expired is kept: the
    person logs in again and finds what they typed in the form (not yet saved)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            data = request.POST.copy()
            data.pop("csrfmiddlewaretoken", None)
            request.session[PENDING_KEY] = {"path": request.path, "data": data.urlencode()}
        return redirect_to_login(request.path)

    return wrapper


def _pending_input(request):
    pending = request.session.get(PENDING_KEY)
    if request.method == "GET" and pending and pending["path"] == request.path:
        del request.session[PENDING_KEY]
        messages.warning(
            request,
            _(
                "You were logged out before your entries were saved. We kept them: "
                "check them below and save."
            ),
        )
        return QueryDict(pending["data"])
    return None


def _application_for(request, pk, perm="applications.view_application"):
    application = selectors.application_for_view(pk)
    if application is None or not request.user.has_perm(
        "applications.view_application", application
    ):
        raise Http404
    if perm != "applications.view_application" and not request.user.has_perm(perm, application):
        messages.error(request, _("This application can no longer be changed."))
        return None
    return application


def _record_if_not_member(request, application, page):
    """The applicant's pages, opened by the funder's side, are views of personal data."""
    if not application.organisation.memberships.filter(user=request.user).exists():
        services.record_view(actor=request.user, application=application, page=page)


def _with_revision(data, revision):
    data = data.copy()
    data["revision"] = str(revision)
    return data


def _saved_rows(form, current) -> list[tuple[str, str]]:
    """What another member saved, as (label, value) for the conflict panel."""
    rows = []
    if isinstance(current, Answers):
        for question in form.questions:
            rows.append((question.label, answer_display(question, current.data.get(question.key))))
        return rows
    for name, field in form.fields.items():
        if field.widget.is_hidden or not hasattr(current, name):
            continue
        display = getattr(current, f"get_{name}_display", None)
        value = display() if display else getattr(current, name)
        if isinstance(value, list):
            value = ", ".join(value)
        rows.append((field.label, "" if value is None else str(value)))
    return rows


@login_required
def mine(request):
    applications = list(selectors.applications_of(request.user))
    return render(
        request,
        "applications/mine.html",
        {
            "applications": applications,
            "due": selectors.due_next(applications),
            "inbox": [(a, message) for a in applications for message in a.messages.all()],
            "open_calls": Call.objects.filter(is_published=True).select_related("initiative"),
        },
    )


@login_required_keeping_input
@require_http_methods(["GET", "POST"])
def start(request, slug):
    call = get_object_or_404(Call, slug=slug, is_published=True)
    organisations = organisations_of(request.user)
    existing = {
        a.organisation_id: a for a in call.applications.filter(organisation__in=organisations)
    }
    form = StartForm(request.POST or None, organisations=organisations)
    if len(organisations) == 1 and request.method == "GET":
        form = StartForm({"organisation": organisations[0].pk}, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if organisation.pk in existing:
            return redirect("applications:overview", pk=existing[organisation.pk].pk)
        try:
            application = services.start_application(
                actor=request.user, call=call, organisation=organisation
            )
        except DomainError as error:
            # A colleague started it a moment ago: work on theirs, as if it had been there.
            started = call.applications.filter(organisation=organisation).first()
            if started is not None and request.user.has_perm(
                "applications.view_application", started
            ):
                messages.info(
                    request,
                    _(
                        "A colleague has just started this application. "
                        "You can work on it together."
                    ),
                )
                return redirect("applications:overview", pk=started.pk)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your application has been created as a draft."))
            return redirect("applications:overview", pk=application.pk)
    return render(
        request,
        "applications/start.html",
        {"call": call, "form": form, "organisations": organisations, "existing": existing},
    )


@login_required
def overview(request, pk):
    application = _application_for(request, pk)
    _record_if_not_member(request, application, "overview")
    steps = selectors.steps(application)
    return render(
        request,
        "applications/overview.html",
        {
            "application": application,
            "steps": steps,
            "can_edit": request.user.has_perm("applications.edit_application", application),
            "actions": workflow.allowed_actions(application, request.user),
            "versions": application.versions.all(),
            "sections": content.present(application.versions.all()[0].content)
            if application.versions.all()
            else None,
            # Funder staff and programme experts open this page too; they see staff names.
            "timeline": timeline(
                application,
                for_applicant=not request.user.has_perm(
                    "applications.list_applications", application
                ),
            ),
        },
    )


def _step_form(application, key, data=None, files=None):
    """(form, part, template title) for one step key; None for unknown keys."""
    if key == "contact":
        return ContactForm(
            data, instance=application, initial={"revision": application.revision}
        ), application
    if key == "space":
        part = SocialSpace.objects.filter(application=application).first() or SocialSpace(
            application=application
        )
        return SocialSpaceForm(data, instance=part, initial={"revision": part.revision}), part
    if key == "concept":
        part = Concept.objects.filter(application=application).first() or Concept(
            application=application
        )
        return ConceptForm(data, instance=part, initial={"revision": part.revision}), part
    if key.startswith("questions-") and key[10:].isdigit():
        stage = Stage.objects.filter(
            pk=int(key[10:]), call=application.call_id, position__lte=application.stage.position
        ).first()
        if stage is None:
            return None, None
        part = Answers.objects.filter(application=application, stage=stage).first() or Answers(
            application=application, stage=stage
        )
        attachments = {a.pk: a for a in application.attachments.all()}
        form = AnswersForm(
            data,
            files,
            questions=stage.questions.all(),
            stored=part.data,
            attachments=attachments,
            initial={"revision": part.revision},
        )
        form.stage = stage
        return form, part
    return None, None


def _save_step(request, application, key, form):
    values = {name: value for name, value in form.cleaned_data.items() if name != "revision"}
    revision = form.cleaned_data["revision"]
    if key == "contact":
        services.save_contact(
            actor=request.user, application=application, revision=revision, **values
        )
    elif key == "space":
        services.save_social_space(
            actor=request.user, application=application, revision=revision, **values
        )
    elif key == "concept":
        services.save_concept(
            actor=request.user, application=application, revision=revision, **values
        )
    else:
        answers, files = form.values()
        services.save_answers(
            actor=request.user,
            application=application,
            stage=form.stage,
            revision=revision,
            values=answers,
            files=files,
        )


def _next_step_url(application, key):
    keys = [step["key"] for step in selectors.steps(application)]
    if key in keys and keys.index(key) + 1 < len(keys):
        following = keys[keys.index(key) + 1]
        if following == "partners":
            return reverse("applications:partners", args=[application.pk])
        return reverse("applications:step", args=[application.pk, following])
    return reverse("applications:review", args=[application.pk])


@login_required_keeping_input
@require_http_methods(["GET", "POST"])
def step(request, pk, key):
    application = _application_for(request, pk, "applications.edit_application")
    if application is None:
        return redirect("applications:overview", pk=pk)
    pending = _pending_input(request)
    data = request.POST if request.method == "POST" else pending
    form, part = _step_form(application, key, data, request.FILES or None)
    if form is None:
        raise Http404
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            _save_step(request, application, key, form)
        except services.EditConflict as error:
            conflict = _saved_rows(form, error.current)
            messages.error(request, str(error))
            form, _part = _step_form(
                application,
                key,
                _with_revision(request.POST, error.current.revision),
                request.FILES or None,
            )
            form.is_valid()
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error))
        else:
            messages.success(request, _("Saved as a draft."))
            if "save_and_stay" in request.POST:
                return redirect("applications:step", pk=pk, key=key)
            return redirect(_next_step_url(application, key))
    steps = selectors.steps(application)
    current = next((s for s in steps if s["key"] == key), None)
    return render(
        request,
        "applications/step.html",
        {
            "application": application,
            "form": form,
            "step": current,
            "steps": steps,
            "conflict": conflict,
            "multipart": any(isinstance(f, UploadField) for f in form.fields.values()),
        },
    )


@login_required
def partners(request, pk):
    application = _application_for(request, pk)
    _record_if_not_member(request, application, "partners")
    return render(
        request,
        "applications/partners.html",
        {
            "application": application,
            "partners": application.partners.select_related("letter_of_intent"),
            "steps": selectors.steps(application),
            "can_edit": request.user.has_perm("applications.edit_application", application),
            "next_url": _next_step_url(application, "partners"),
        },
    )


@login_required_keeping_input
@require_http_methods(["GET", "POST"])
def partner_form(request, pk, partner_pk=None):
    application = _application_for(request, pk, "applications.edit_application")
    if application is None:
        return redirect("applications:overview", pk=pk)
    partner = (
        get_object_or_404(Partner, pk=partner_pk, application=application) if partner_pk else None
    )
    initial = {"revision": partner.revision if partner else 0}
    data = request.POST if request.method == "POST" else _pending_input(request)
    form = PartnerForm(data, request.FILES or None, instance=partner, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.PARTNER_FIELDS}
        try:
            services.save_partner(
                actor=request.user,
                application=application,
                partner=partner,
                revision=form.cleaned_data["revision"],
                letter=form.cleaned_data.get("letter"),
                remove_letter=form.cleaned_data.get("remove_letter", False),
                **values,
            )
        except services.EditConflict as error:
            conflict = _saved_rows(form, error.current)
            messages.error(request, str(error))
            form = PartnerForm(
                _with_revision(request.POST, error.current.revision), instance=error.current
            )
            form.is_valid()
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The partner has been saved."))
            return redirect("applications:partners", pk=pk)
    if partner is not None:
        # Removed by someone else meanwhile: the form (with the input) offers to add it anew.
        partner = Partner.objects.filter(pk=partner.pk).select_related("letter_of_intent").first()
    return render(
        request,
        "applications/partner_form.html",
        {"application": application, "form": form, "partner": partner, "conflict": conflict},
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_remove(request, pk, partner_pk):
    application = _application_for(request, pk, "applications.edit_application")
    if application is None:
        return redirect("applications:overview", pk=pk)
    partner = get_object_or_404(Partner, pk=partner_pk, application=application)
    check = confirmation.for_page("remove-partner", [partner.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        services.remove_partner(actor=request.user, partner=partner)
        messages.success(request, _("%(name)s has been removed.") % {"name": partner.name})
        return redirect("applications:partners", pk=pk)
    return render(
        request,
        "applications/partner_remove.html",
        {"application": application, "partner": partner, "confirmation": check},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    application = _application_for(request, pk)
    can_submit = "submit" in workflow.allowed_actions(application, request.user)
    if request.method == "GET":
        _record_if_not_member(request, application, "review")
    error = None
    if request.method == "POST":
        if not request.user.has_perm("applications.submit_application", application):
            raise Http404
        try:
            version = services.submit(actor=request.user, application=application)
        except services.AlreadySubmitted as done:
            # The form sent again (a second tab, the back button): say what happened before.
            messages.info(
                request,
                "{} {}".format(done, _("The PDF receipt is listed under “Submitted versions”.")),
            )
            return redirect("applications:overview", pk=pk)
        except DomainError as problem:
            error = problem
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your application has been submitted with reference number "
                    "%(reference)s. We have sent a confirmation with a PDF receipt to you."
                )
                % {"reference": version.application.reference},
            )
            return redirect("applications:overview", pk=pk)
    return render(
        request,
        "applications/review.html",
        {
            "application": application,
            "sections": content.present(content.build(application)),
            "missing": services.missing_parts(application),
            "can_submit": can_submit,
            "deadline_passed": timezone.now() > application.deadline,
            "error": error,
            "steps": selectors.steps(application),
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = _application_for(request, pk)
    if "withdraw" not in workflow.allowed_actions(application, request.user):
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Your application has been withdrawn."))
        return redirect("applications:overview", pk=pk)
    return render(request, "applications/withdraw.html", {"application": application, "form": form})


@login_required
def receipt(request, pk, number):
    application = _application_for(request, pk)
    version = get_object_or_404(application.versions, number=number)
    pdf = services.receipt_for(version)
    services.record_download(actor=request.user, application=application, version=version)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{application.reference}-v{number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def attachment(request, pk, attachment_pk):
    application = _application_for(request, pk)
    stored = get_object_or_404(application.attachments, pk=attachment_pk)
    services.record_download(actor=request.user, application=application, attachment=stored)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    return response
