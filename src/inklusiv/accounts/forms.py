"""Forms for profiles, organisations, memberships and staff user management."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import FieldOfWork, Membership, Organisation, Role, State


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["email", "name", "password1", "password2"]

    def signup(self, request, user):
        # The adapter copies the name; allauth calls this hook for custom fields.
        pass


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails and letters"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class OrganisationForm(forms.ModelForm):
    fields_of_work = forms.MultipleChoiceField(
        label=_("Fields of work"),
        choices=FieldOfWork.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply."),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        help_text=_("Starting with https://"),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Enter a German postcode of five digits, e.g. 16816.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "street",
            "postcode",
            "city",
            "state",
            "website",
            "email",
            "phone",
            "fields_of_work",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        labels = {"name": _("Name of the organisation")}


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new member"),
        help_text=_("Someone without an account receives an invitation by e-mail."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the organisation"), choices=Membership.Role.choices)


class RemoveMemberForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InviteUserForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Full name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, widget=forms.RadioSelect, initial="de"
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Funder staff, programme experts and commission members must use "
            "two-factor authentication."
        ),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class UserActiveForm(forms.Form):
    """Shown on the same page as RolesForm, whose reason field would otherwise share its id."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_active_%s")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("Required when deactivating an account."),
    )


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles"))] + Role.choices
    )


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or town"), required=False)
    state = forms.ChoiceField(
        label=_("Bundesland"),
        required=False,
        choices=[("", _("All Bundesländer"))] + State.choices,
    )
