"""Forms of the catalogue: a course, a session (moments as date and time in Berlin) and the
reason for cancelling a session."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import Role
from inklusiv.core.forms import BerlinMomentMixin
from inklusiv.pilots.models import PilotRegion, RegionMember

from ..models import Course, Format, Service, TrainingSession

User = get_user_model()


def _text(label, *, required=False, rows=4, max_length=5000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def trainers():
    """People who may teach: trainers and funder staff."""
    return (
        User.objects.filter(
            Q(role_grants__role=Role.TRAINER) | Q(role_grants__role=Role.FUNDER_STAFF),
            is_active=True,
        )
        .distinct()
        .order_by("name", "email")
    )


def _trainer_field(label, help_text):
    field = forms.ModelChoiceField(
        label=label, queryset=trainers(), required=False, help_text=help_text
    )
    field.label_from_instance = lambda user: user.name or user.email
    return field


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = _text(_("Description"), required=True, rows=6)
    learning_goals = _text(
        _("Learning goals"), rows=5, max_length=3000, help_text=_("One goal per line.")
    )
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=300,
        required=False,
        help_text=_("For example “Network coordinators and steering groups”."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    length_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=1, max_value=60 * 24 * 5
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=User.objects.none(), required=False
    )
    summary_easy = _text(
        _("Summary in Leichte Sprache"),
        rows=5,
        max_length=3000,
        help_text=_("Short sentences, one thought per sentence."),
    )
    published = forms.BooleanField(
        label=_("Published: the course appears in the public catalogue"), required=False
    )

    def __init__(self, *args, choose_trainer: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_trainer:
            self.fields["trainer"] = _trainer_field(
                _("Trainer"), _("Who teaches the course; they may edit it and its sessions.")
            )
        else:
            del self.fields["trainer"]

    @classmethod
    def initial_for(cls, course: Course) -> dict:
        initial = {name: getattr(course, name) for name in cls.base_fields if name != "trainer"}
        initial["trainer"] = course.trainer_id
        return initial

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class SessionForm(BerlinMomentMixin, forms.Form):
    moment_fields = ("starts_at", "ends_at", "registration_deadline", "cancellation_deadline")

    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10000)
    venue = forms.CharField(
        label=_("Venue"),
        max_length=200,
        required=False,
        help_text=_("Needed on site and for hybrid sessions."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    accessible_toilet = forms.BooleanField(label=_("Accessible toilet"), required=False)
    induction_loop = forms.BooleanField(label=_("Induction loop"), required=False)
    quiet_room = forms.BooleanField(label=_("Quiet room"), required=False)
    access_notes = _text(_("More about accessibility"), rows=3, max_length=2000)
    online_link = forms.URLField(
        label=_("Link to the online room"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Needed for online and hybrid sessions; only people with a seat see it."),
    )
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Participants may ask for these; the booking summary counts the requests."),
    )
    audience = forms.ChoiceField(
        label=_("Who may register?"),
        choices=TrainingSession.Audience.choices,
        widget=forms.RadioSelect,
        initial=TrainingSession.Audience.EVERYONE,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Pilot regions"),
        queryset=PilotRegion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if members of the chosen pilot regions may register."),
    )

    member_roles = forms.MultipleChoiceField(
        label=_("Roles in the region"),
        choices=RegionMember.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For members of pilot regions: only people with one of these roles may register "
            "(none chosen: every member)."
        ),
    )

    def __init__(self, *args, session: TrainingSession | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = PilotRegion.objects.order_by("name")
        moments = [
            ("starts_at", _("Start")),
            ("ends_at", _("End")),
            ("registration_deadline", _("Registration until")),
            ("cancellation_deadline", _("Cancellation until")),
        ]
        # The moments come first: when is what people look for first.
        ordered = {}
        for name, label in moments:
            self.add_moment_fields(name, label, initial=getattr(session, name) if session else None)
            ordered[f"{name}_date"] = self.fields.pop(f"{name}_date")
            ordered[f"{name}_time"] = self.fields.pop(f"{name}_time")
        self.fields["trainer"] = _trainer_field(
            _("Trainer of this session"),
            _("Leave empty when the course's trainer teaches it."),
        )
        self.fields = {**ordered, **self.fields}

    @classmethod
    def initial_for(cls, session: TrainingSession) -> dict:
        names = (
            "format",
            "capacity",
            "venue",
            "address",
            "step_free",
            "accessible_toilet",
            "induction_loop",
            "quiet_room",
            "access_notes",
            "online_link",
            "services",
            "audience",
            "member_roles",
        )
        initial = {name: getattr(session, name) for name in names}
        initial["trainer"] = session.trainer_id
        initial["regions"] = [region.pk for region in session.regions.all()]
        return initial

    def clean(self):
        cleaned = super().clean()
        for name in self.moment_fields:
            cleaned[name] = self.clean_moment(name)
        return cleaned

    def data_for_service(self) -> dict:
        skip = {
            "regions",
            *(f"{name}_{part}" for name in self.moment_fields for part in ("date", "time")),
        }
        data = {name: value for name, value in self.cleaned_data.items() if name not in skip}
        return data

    # A service's field → the form's field that shows its error.
    FIELD_NAMES = {
        "starts_at": "starts_at_date",
        "ends_at": "ends_at_date",
        "registration_deadline": "registration_deadline_date",
        "cancellation_deadline": "cancellation_deadline_date",
    }


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        help_text=_("Everyone registered and on the waiting list reads this in the e-mail."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
