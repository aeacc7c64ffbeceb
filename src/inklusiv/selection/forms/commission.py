"""Forms of the commission and assignment pages, and the declaration of a conflict."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import User
from inklusiv.applications.models import Application, FieldOfAction

from ..services.commission import eligible_people


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.email})" if obj.name else obj.email


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference or '–'}: {obj.organisation.name}"


def _expertise_field():
    return forms.MultipleChoiceField(
        label=_("Expertise"),
        help_text=_("The fields of action the person knows well; used to match applications."),
        choices=FieldOfAction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _limit_field():
    return forms.IntegerField(
        label=_("Personal limit of reviews"),
        help_text=_("Leave empty to use the stage's limit."),
        required=False,
        min_value=0,
        max_value=1000,
    )


class MemberForm(forms.Form):
    user = PersonChoiceField(
        label=_("Who joins the commission?"),
        help_text=_("Commission members and programme experts who are not yet members."),
        queryset=None,
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose a person.")},
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = eligible_people().exclude(commission_seats__stage=stage)
        self.fields["expertise"] = _expertise_field()
        self.fields["max_reviews"] = _limit_field()


class MemberEditForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"] = _expertise_field()
        self.fields["max_reviews"] = _limit_field()


class StaffConflictForm(forms.Form):
    """Staff record a conflict of interest for a member of the stage's commission."""

    member = PersonChoiceField(
        label=_("Member"),
        queryset=None,
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose a member.")},
    )
    application = ApplicationChoiceField(
        label=_("Application"),
        queryset=None,
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose an application.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example: the member chairs a partner organisation."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give a reason.")},
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = User.objects.filter(
            commission_seats__stage=stage
        ).order_by("name", "email")
        self.fields["application"].queryset = (
            Application.objects.filter(stage=stage)
            .exclude(status="draft")
            .select_related("organisation")
            .order_by("reference", "pk")
        )


class DeclareConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you not impartial towards this application?"),
        help_text=_(
            "For example: you work for the applicant or a partner, or you are related to "
            "someone involved. Only funder staff read the reason."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please give a reason.")},
    )


class AssignForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    reviewer = PersonChoiceField(
        label=_("Reviewer"),
        queryset=None,
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose a reviewer.")},
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = User.objects.filter(
            commission_seats__stage=stage
        ).order_by("name", "email")
