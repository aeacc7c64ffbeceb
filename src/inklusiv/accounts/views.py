"""Pages for one's profile and organisations, and staff pages for users and organisations.

Someone else's organisation answers 404, not 403, so its existence does not leak.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from inklusiv.core import audit, confirmation
from inklusiv.core.audit import history_for
from inklusiv.core.exceptions import DomainError
from inklusiv.core.pagination import paginate

from . import selectors, services
from .forms import (
    AddMemberForm,
    InviteUserForm,
    MemberRoleForm,
    OrganisationForm,
    OrganisationSearchForm,
    ProfileForm,
    RemoveMemberForm,
    RolesForm,
    UserActiveForm,
    UserSearchForm,
)
from .models import Membership, Organisation, User


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _apply_domain_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _organisation_for(request, pk, perm="accounts.view_organisation") -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm(perm, organisation):
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        services.update_profile(actor=user, user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def profile_export(request):
    """The person's own data as a JSON download; the export itself is audited."""
    data = selectors.personal_data(request.user)
    audit.record(actor=request.user, obj=request.user, action="personal_data_exported")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="inklusiv-meine-daten.json"'
    return response


@login_required
def my_organisations(request):
    return render(
        request,
        "accounts/my_organisations.html",
        {"organisations": selectors.organisations_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(actor=request.user, data=form.cleaned_data)
        messages.success(
            request, _("The organisation has been created. You are its administrator.")
        )
        # Coming from a call's "apply" page, the person goes straight back to applying.
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_detail(request, pk):
    organisation = _organisation_for(request, pk)
    can_manage = request.user.has_perm("accounts.manage_members", organisation)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": selectors.members_of(organisation),
            "can_edit": request.user.has_perm("accounts.change_organisation", organisation),
            "can_manage": can_manage,
            "add_form": AddMemberForm() if can_manage else None,
            "content_type": ContentType.objects.get_for_model(Organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = _organisation_for(request, pk, "accounts.change_organisation")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation(
            actor=request.user, organisation=organisation, data=form.cleaned_data
        )
        messages.success(request, _("Your changes have been saved."))
        return redirect("accounts:organisation_detail", pk=organisation.pk)
    # ModelForm.is_valid() writes the posted values onto the instance; re-read the name.
    organisation.refresh_from_db(fields=["name"])
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    organisation = _organisation_for(request, pk, "accounts.manage_members")
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(
                actor=request.user,
                organisation=organisation,
                base_url=_base_url(request),
                **form.cleaned_data,
            )
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(
                request, _("%(person)s is now a member.") % {"person": membership.user}
            )
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/member_add.html", {"form": form, "organisation": organisation})


def _membership_for(request, pk, membership_pk):
    organisation = _organisation_for(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )
    return organisation, membership


@login_required
@require_POST
def member_role(request, pk, membership_pk):
    organisation, membership = _membership_for(request, pk, membership_pk)
    if not request.user.has_perm("accounts.manage_members", organisation):
        raise Http404
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_member_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The role has been changed."))
    return redirect("accounts:organisation_detail", pk=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, pk, membership_pk):
    organisation, membership = _membership_for(request, pk, membership_pk)
    is_self = membership.user_id == request.user.pk
    if not (is_self or request.user.has_perm("accounts.manage_members", organisation)):
        raise Http404
    form = RemoveMemberForm(request.POST or None)
    check = confirmation.for_page("remove-member", [membership.pk])
    confirmed = confirmation.is_confirmed(request, check.scope, check.ids)
    if request.method == "POST" and confirmed and form.is_valid():
        try:
            services.remove_member(
                actor=request.user, membership=membership, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The membership has been ended."))
            if is_self:
                return redirect("accounts:my_organisations")
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "accounts/member_remove.html",
        {
            "form": form,
            "organisation": organisation,
            "membership": membership,
            "is_self": is_self,
            "confirmation": check,
        },
    )


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def staff_users(request):
    form = UserSearchForm(request.GET or None)
    query = form.cleaned_data if form.is_valid() else {}
    users = selectors.user_list(query=query.get("q", ""), role=query.get("role", ""))
    return render(
        request, "accounts/staff_users.html", {"form": form, "page_obj": paginate(request, users)}
    )


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_http_methods(["GET", "POST"])
def staff_user_invite(request):
    form = InviteUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_user(
                actor=request.user, base_url=_base_url(request), **form.cleaned_data
            )
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The account for %(person)s has been created; an invitation is on its way.")
                % {"person": user},
            )
            return redirect("accounts:staff_user_detail", pk=user.pk)
    return render(request, "accounts/staff_user_invite.html", {"form": form})


def _staff_user_context(request, person, roles_form=None, active_form=None):
    return {
        "person": person,
        "roles_form": roles_form
        or RolesForm(initial={"roles": list(person.role_grants.values_list("role", flat=True))}),
        "active_form": active_form or UserActiveForm(),
        "memberships": person.memberships.select_related("organisation"),
        "history": history_for(person)[:10],
        "content_type": ContentType.objects.get_for_model(User),
    }


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def staff_user_detail(request, pk):
    person = get_object_or_404(User, pk=pk)
    return render(request, "accounts/staff_user_detail.html", _staff_user_context(request, person))


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_POST
def staff_user_roles(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = RolesForm(request.POST)
    if form.is_valid():
        try:
            services.set_roles(
                actor=request.user,
                user=person,
                roles=form.cleaned_data["roles"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(request, _("The roles have been saved."))
            return redirect("accounts:staff_user_detail", pk=person.pk)
    return render(
        request,
        "accounts/staff_user_detail.html",
        _staff_user_context(request, person, roles_form=form),
        status=400,
    )


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
@require_POST
def staff_user_active(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = UserActiveForm(request.POST)
    if form.is_valid():
        try:
            services.set_user_active(
                actor=request.user,
                user=person,
                active=not person.is_active,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The account has been activated.")
                if not person.is_active
                else _("The account has been deactivated."),
            )
            return redirect("accounts:staff_user_detail", pk=person.pk)
    return render(
        request,
        "accounts/staff_user_detail.html",
        _staff_user_context(request, person, active_form=form),
        status=400,
    )


@login_required
@permission_required("accounts.list_organisations", raise_exception=True)
def staff_organisations(request):
    form = OrganisationSearchForm(request.GET or None)
    query = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(
        query=query.get("q", ""), state=query.get("state", "")
    )
    return render(
        request,
        "accounts/staff_organisations.html",
        {"form": form, "page_obj": paginate(request, organisations)},
    )
