"""The impact model's pages: a region's or the programme's model as a figure (the impact
staircase) with the same content as a table, its edit pages, and the template it exports (JSON
and PDF) and a region may start from."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.pilots.views.common import region_context

from ..forms.impact import ElementForm, ImpactModelForm, TemplateUploadForm
from ..models import ImpactElement, ImpactModel
from ..selectors import impact as selectors
from ..services import impact as services
from .home import region_for

REGION_FRAME = "evaluation/impact/_region_frame.html"
PROGRAMME_FRAME = "evaluation/impact/_programme_frame.html"


def model_url(model: ImpactModel) -> str:
    if model.region_id:
        return reverse("evaluation:region_model", args=[model.region.slug])
    return reverse("evaluation:programme_model")


def _frame(request, region) -> dict:
    if region is None:
        return {"frame": PROGRAMME_FRAME}
    context = region_context(request, region, "evaluation")
    context["frame"] = REGION_FRAME
    return context


def _model_for(request, pk, *, edit: bool = False) -> ImpactModel:
    """The model if the reader may see it (404 otherwise); 403 for an edit they may not make."""
    model = get_object_or_404(
        ImpactModel.objects.select_related(
            "region__organisation", "region__expert", "region__coach"
        ),
        pk=pk,
    )
    if not request.user.has_perm("evaluation.view_object", model):
        raise Http404
    if edit and not request.user.has_perm("evaluation.edit_impact_model", model.region):
        raise PermissionDenied
    return model


def _model_page(request, region, model, staircase, form):
    context = _frame(request, region)
    context.update(
        {
            "model": model,
            "staircase": staircase,
            "figure": selectors.figure(staircase),
            "form": form,
            "can_edit": request.user.has_perm("evaluation.edit_impact_model", region),
            "page_region": region,
        }
    )
    return render(request, "evaluation/impact/model.html", context)


def _create(request, region) -> tuple[bool, ImpactModelForm]:
    """The form to start a model where none exists (POST creates it): (created, form)."""
    form = ImpactModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_model(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The impact model has been created."))
            return True, form
    return False, form


@login_required
@require_http_methods(["GET", "POST"])
def programme_model(request):
    if not request.user.has_perm("evaluation.view_programme"):
        raise Http404
    model = selectors.model_of(None)
    form = None
    if model is None and request.user.has_perm("evaluation.edit_impact_model", None):
        created, form = _create(request, None)
        if created:
            return redirect("evaluation:programme_model")
    elif request.method == "POST":
        return redirect("evaluation:programme_model")
    return _model_page(request, None, model, selectors.programme_staircase(model), form)


@login_required
@require_http_methods(["GET", "POST"])
def region_model(request, slug):
    region = region_for(request, slug)
    model = selectors.model_of(region)
    form = None
    if model is None and request.user.has_perm("evaluation.edit_impact_model", region):
        created, form = _create(request, region)
        if created:
            return redirect("evaluation:region_model", region.slug)
    elif request.method == "POST":
        return redirect("evaluation:region_model", region.slug)
    return _model_page(request, region, model, selectors.region_staircase(region, model), form)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request, pk):
    model = _model_for(request, pk, edit=True)
    initial = {key: getattr(model, key) for key in services.MODEL_FIELDS}
    form = ImpactModelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_model(actor=request.user, model=model, data=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The impact model has been saved."))
            return redirect(model_url(model))
    context = _frame(request, model.region)
    context.update(
        {
            "model": model,
            "form": form,
            "elements": model.elements.order_by("order", "pk"),
            "model_url": model_url(model),
        }
    )
    return render(request, "evaluation/impact/model_edit.html", context)


def _element_page(request, model, form, element=None):
    context = _frame(request, model.region)
    context.update(
        {"model": model, "form": form, "element": element, "model_url": model_url(model)}
    )
    return render(request, "evaluation/impact/element_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def element_add(request, pk):
    model = _model_for(request, pk, edit=True)
    form = ElementForm(request.POST or None, region=model.region)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_element(actor=request.user, model=model, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The element has been added."))
            return redirect("evaluation:model_edit", model.pk)
    return _element_page(request, model, form)


def _element_for(request, pk) -> ImpactElement:
    element = get_object_or_404(ImpactElement, pk=pk)
    element.model = _model_for(request, element.model_id, edit=True)
    return element


@login_required
@require_http_methods(["GET", "POST"])
def element_edit(request, pk):
    element = _element_for(request, pk)
    model = element.model
    initial = {
        "level": element.level,
        "step": element.step,
        "title": element.title,
        "description": element.description,
        "goals": list(element.goals.all()),
    }
    form = ElementForm(request.POST or None, initial=initial, region=model.region)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("goals", [])
        try:
            services.update_element(actor=request.user, element=element, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The element has been saved."))
            return redirect("evaluation:model_edit", model.pk)
    return _element_page(request, model, form, element)


@login_required
@require_http_methods(["GET", "POST"])
def element_delete(request, pk):
    """The question "Remove this element?" is the page itself; only its own form acts."""
    element = _element_for(request, pk)
    model = element.model
    check = confirmation.for_page("remove-impact-element", [element.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        services.remove_element(actor=request.user, element=element)
        messages.success(request, _("The element has been removed."))
        return redirect("evaluation:model_edit", model.pk)
    context = _frame(request, model.region)
    context.update({"model": model, "element": element, "confirmation": check})
    return render(request, "evaluation/impact/element_delete.html", context)


def _file_name(model: ImpactModel, extension: str) -> str:
    return f"wirkungsmodell-{model.region.slug if model.region_id else 'programm'}.{extension}"


@login_required
@require_GET
def model_json(request, pk):
    model = _model_for(request, pk)
    data = services.template_for(model)
    services.record_export(actor=request.user, model=model, file_format="json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(model, "json")}"'
    return response


@login_required
@require_GET
def model_pdf(request, pk):
    from ..impact_pdf import render_model

    model = _model_for(request, pk)
    pdf = render_model(model)
    services.record_export(actor=request.user, model=model, file_format="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(model, "pdf")}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def model_import(request, slug):
    region = region_for(request, slug)
    if not request.user.has_perm("evaluation.edit_impact_model", region):
        raise PermissionDenied
    if selectors.model_of(region) is not None:
        messages.info(request, _("This region already has an impact model."))
        return redirect("evaluation:region_model", region.slug)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services.MAX_TEMPLATE_BYTES:
                services.parse_template(b"x" * (services.MAX_TEMPLATE_BYTES + 1))
            data = services.parse_template(upload.read(services.MAX_TEMPLATE_BYTES + 1))
            services.import_template(actor=request.user, region=region, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The impact model has been created from the template."))
            return redirect("evaluation:region_model", region.slug)
    context = region_context(request, region, "evaluation")
    context.update({"form": form})
    return render(request, "evaluation/impact/model_import.html", context)


urlpatterns = [
    path("evaluation/wirkungsmodell/", programme_model, name="programme_model"),
    path("evaluation/region/<slug:slug>/wirkungsmodell/", region_model, name="region_model"),
    path("evaluation/wirkungsmodell/<int:pk>/bearbeiten/", model_edit, name="model_edit"),
    path("evaluation/wirkungsmodell/<int:pk>/elemente/neu/", element_add, name="element_add"),
    path("evaluation/wirkungsmodell/elemente/<int:pk>/", element_edit, name="element_edit"),
    path(
        "evaluation/wirkungsmodell/elemente/<int:pk>/entfernen/",
        element_delete,
        name="element_delete",
    ),
    path("evaluation/wirkungsmodell/<int:pk>/vorlage.json", model_json, name="model_json"),
    path("evaluation/wirkungsmodell/<int:pk>/vorlage.pdf", model_pdf, name="model_pdf"),
    path(
        "evaluation/region/<slug:slug>/wirkungsmodell/vorlage-uebernehmen/",
        model_import,
        name="model_import",
    ),
]
