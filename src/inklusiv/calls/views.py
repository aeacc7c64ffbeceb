"""Public call pages, and the staff pages where calls are shaped.

An unpublished call answers 404 to the public, so drafts of calls do not leak.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.pagination import paginate

from . import selectors, services
from .forms import CallForm, CriterionForm, InitiativeForm, QuestionForm, StageForm
from .models import Call, Criterion, Initiative, Question, Stage

manage = permission_required("calls.manage_calls", raise_exception=True)


def call_list(request):
    current, past = selectors.public_calls()
    return render(
        request,
        "calls/list.html",
        {"current_calls": current, "page_obj": paginate(request, past), "now": timezone.now()},
    )


def call_detail(request, slug):
    call = selectors.call_for_view(slug, user=request.user)
    if call is None:
        raise Http404
    return render(request, "calls/detail.html", {"call": call, "stages": call.stages.all()})


def call_easy_read(request, slug):
    call = selectors.call_for_view(slug, user=request.user)
    if call is None or not call.easy_read_summary.strip():
        raise Http404
    lines = [line.strip() for line in call.easy_read_summary.splitlines() if line.strip()]
    return render(request, "calls/easy_read.html", {"call": call, "lines": lines})


# Staff pages


@login_required
@manage
def staff_list(request):
    return render(
        request,
        "calls/staff_list.html",
        {
            "initiatives": Initiative.objects.order_by("name"),
            "page_obj": paginate(request, selectors.staff_calls()),
        },
    )


def _form_page(request, form, *, heading, back, intro="", context_line=""):
    return render(
        request,
        "calls/form.html",
        {
            "form": form,
            "heading": heading,
            "back": back,
            "intro": intro,
            "context_line": context_line,
        },
    )


def _save_form(request, form, *, success_message, next_url):
    """Validate, save through the service, or keep the input with the message on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            services.save(actor=request.user, instance=form.instance)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success_message)
            return redirect(next_url(form.instance))
    return None


@login_required
@manage
@require_http_methods(["GET", "POST"])
def initiative_form(request, pk=None):
    initiative = get_object_or_404(Initiative, pk=pk) if pk else Initiative()
    form = InitiativeForm(request.POST or None, instance=initiative)
    done = _save_form(
        request,
        form,
        success_message=_("The initiative has been saved."),
        next_url=lambda _obj: "calls:staff_list",
    )
    return done or _form_page(
        request,
        form,
        heading=_("Edit the initiative") if pk else _("New initiative"),
        back=redirect("calls:staff_list").url,
    )


@login_required
@manage
@require_http_methods(["GET", "POST"])
def call_form(request, pk=None):
    call = get_object_or_404(Call, pk=pk) if pk else Call()
    initial = {}
    if not pk and request.GET.get("initiative", "").isdigit():
        initial["initiative"] = request.GET["initiative"]
    form = CallForm(request.POST or None, instance=call, initial=initial)
    done = _save_form(
        request,
        form,
        success_message=_("The call has been saved."),
        next_url=lambda obj: redirect("calls:staff_call", obj.pk).url,
    )
    return done or _form_page(
        request,
        form,
        heading=_("Edit the call") if pk else _("New call"),
        back=redirect("calls:staff_call", pk).url if pk else redirect("calls:staff_list").url,
        intro=_(
            "Texts in English are optional: where one is missing, English readers see the "
            "German text."
        ),
    )


@login_required
@manage
def staff_call(request, pk):
    call = selectors.call_for_staff(pk)
    if call is None:
        raise Http404
    return render(
        request,
        "calls/staff_call.html",
        {
            "call": call,
            "stages": call.stages.all(),
            "content_type": ContentType.objects.get_for_model(Call),
        },
    )


@login_required
@manage
@require_POST
def call_publish(request, pk):
    call = get_object_or_404(Call, pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(actor=request.user, call=call, published=publish)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The call is now public.") if publish else _("The call is no longer public."),
        )
    return redirect("calls:staff_call", call.pk)


def _back_to_call(obj):
    stage = obj if isinstance(obj, Stage) else obj.stage
    return redirect("calls:staff_call", stage.call_id).url + f"#stage-{stage.pk}"


@login_required
@manage
@require_http_methods(["GET", "POST"])
def stage_form(request, call_pk=None, pk=None):
    stage = get_object_or_404(Stage.objects.select_related("call"), pk=pk) if pk else None
    if stage is None:
        stage = Stage(call=get_object_or_404(Call, pk=call_pk))
    form = StageForm(request.POST or None, instance=stage)
    done = _save_form(
        request, form, success_message=_("The stage has been saved."), next_url=_back_to_call
    )
    return done or _form_page(
        request,
        form,
        heading=_("Edit the stage") if pk else _("New stage"),
        back=redirect("calls:staff_call", stage.call_id).url,
        context_line=stage.call.title,
        intro=_("Times are German time (Europe/Berlin), exact to the minute."),
    )


def _part_form(request, form_class, model, *, stage_pk, pk, headings, success_message):
    if pk:
        instance = get_object_or_404(model.objects.select_related("stage__call"), pk=pk)
    else:
        instance = model(stage=get_object_or_404(Stage.objects.select_related("call"), pk=stage_pk))
    form = form_class(request.POST or None, instance=instance)
    done = _save_form(request, form, success_message=success_message, next_url=_back_to_call)
    return done or _form_page(
        request,
        form,
        heading=headings[1] if pk else headings[0],
        back=redirect("calls:staff_call", instance.stage.call_id).url,
        context_line=f"{instance.stage.call.title} – {instance.stage}",
    )


@login_required
@manage
@require_http_methods(["GET", "POST"])
def criterion_form(request, stage_pk=None, pk=None):
    return _part_form(
        request,
        CriterionForm,
        Criterion,
        stage_pk=stage_pk,
        pk=pk,
        headings=(_("New review criterion"), _("Edit the review criterion")),
        success_message=_("The review criterion has been saved."),
    )


@login_required
@manage
@require_http_methods(["GET", "POST"])
def question_form(request, stage_pk=None, pk=None):
    return _part_form(
        request,
        QuestionForm,
        Question,
        stage_pk=stage_pk,
        pk=pk,
        headings=(_("New question"), _("Edit the question")),
        success_message=_("The question has been saved."),
    )


DELETABLE = {"stage": Stage, "criterion": Criterion, "question": Question}


@login_required
@manage
@require_http_methods(["GET", "POST"])
def delete(request, kind, pk):
    model = DELETABLE.get(kind)
    if model is None:
        raise Http404
    instance = get_object_or_404(model, pk=pk)
    stage = instance if model is Stage else instance.stage
    back = redirect("calls:staff_call", stage.call_id).url
    check = confirmation.for_page(f"delete:{kind}", [instance.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.delete(actor=request.user, instance=instance)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(request, _("Removed: %(name)s") % {"name": instance})
        return redirect(back)
    return render(
        request,
        "calls/delete.html",
        {
            "object": instance,
            "kind": model._meta.verbose_name,
            "back": back,
            "call": stage.call,
            "confirmation": check,
        },
    )
