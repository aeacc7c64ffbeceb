"""Forms of the organisers' pages: a round's settings, a meeting's place, its participants,
fixing its time and cancelling it. The services check the rules; these parse the input."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.functions import Trim
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import Role
from inklusiv.core.forms import BerlinMomentMixin
from inklusiv.selection import conflicts

from ..models import Participant


class RoundSettingsForm(BerlinMomentMixin, forms.Form):
    duration_minutes = forms.IntegerField(
        label=_("How long is a meeting (minutes)?"),
        min_value=30,
        max_value=720,
        initial=180,
    )
    slot_times = forms.CharField(
        label=_("At which times can a meeting start each day?"),
        help_text=_("Hours and minutes, separated by commas, for example 10:00, 14:00"),
        max_length=200,
        initial="10:00, 14:00",
    )
    speed_kmh = forms.IntegerField(
        label=_("Average travel speed (km/h)"),
        help_text=_("Used to estimate the travel time between two places."),
        min_value=10,
        max_value=300,
        initial=60,
    )
    buffer_minutes = forms.IntegerField(
        label=_("Buffer added to every journey (minutes)"),
        help_text=_("For the way to the station, changing trains and arriving early."),
        min_value=0,
        max_value=480,
        initial=30,
    )
    max_per_day = forms.IntegerField(
        label=_("How many meetings can an expert attend on one day, at most?"),
        min_value=1,
        max_value=10,
        initial=2,
    )
    organiser = forms.ModelChoiceField(
        label=_("Who organises the meetings?"),
        help_text=_(
            "A programme expert chosen here takes part in every meeting without a conflict "
            "of interest."
        ),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args, round=None, **kwargs):  # noqa: A002
        super().__init__(*args, **kwargs)
        self.add_moment_fields(
            "window_start",
            _("First possible meeting"),
            initial=round.window_start if round else None,
        )
        self.add_moment_fields(
            "window_end",
            _("Last possible end of a meeting"),
            initial=round.window_end if round else None,
        )
        self.add_moment_fields(
            "poll_closes",
            _("Poll answers until"),
            required=False,
            initial=round.poll_closes_at if round else None,
        )
        self.fields["organiser"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                role_grants__role__in=(Role.FUNDER_STAFF, Role.PROGRAMME_EXPERT),
            )
            .distinct()
            .order_by("name", "email")
        )
        if round is not None:
            self.initial.update(
                {
                    "duration_minutes": round.duration_minutes,
                    "slot_times": ", ".join(round.slot_times),
                    "speed_kmh": round.speed_kmh,
                    "buffer_minutes": round.buffer_minutes,
                    "max_per_day": round.max_per_day,
                    "organiser": round.organiser_id,
                }
            )
        # Dates first: the period is what people decide on, the rest are assumptions.
        order = [
            "window_start_date",
            "window_start_time",
            "window_end_date",
            "window_end_time",
            "duration_minutes",
            "slot_times",
            "poll_closes_date",
            "poll_closes_time",
            "speed_kmh",
            "buffer_minutes",
            "max_per_day",
            "organiser",
        ]
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        data["window_start"] = self.clean_moment("window_start")
        data["window_end"] = self.clean_moment("window_end")
        if bool(data.get("poll_closes_date")) != bool(data.get("poll_closes_time")):
            missing = "poll_closes_time" if data.get("poll_closes_date") else "poll_closes_date"
            self.add_error(missing, _("Please enter both the date and the time, or neither."))
        data["poll_closes_at"] = self.clean_moment("poll_closes")
        return data


def _coordinate(value: str, *, low: float, high: float, message):
    value = (value or "").strip()
    if not value:
        return None
    try:
        # German keyboards write 52,9244; people also paste 52.9244 from a map.
        number = float(value.replace(",", "."))
    except ValueError:
        raise forms.ValidationError(message) from None
    if not low <= number <= high:
        raise forms.ValidationError(message)
    return number


class PlaceForm(forms.Form):
    place = forms.CharField(
        label=_("Meeting place"),
        help_text=_("For example: Rathaus, Sitzungssaal 2 (ground floor, step-free entrance)."),
        max_length=200,
        required=False,
    )
    street = forms.CharField(
        label=_("Street and number"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("Town"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    latitude = forms.CharField(
        label=_("Latitude (optional)"),
        help_text=_(
            "Left empty, it is looked up from the postcode and town. To correct it: in "
            "decimal degrees, for example 52.9244 (Neuruppin)."
        ),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    longitude = forms.CharField(
        label=_("Longitude (optional)"),
        help_text=_("In decimal degrees, for example 12.8046 (Neuruppin)."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    duration_minutes = forms.IntegerField(
        label=_("How long is this meeting (minutes)?"), min_value=30, max_value=720
    )

    def clean_latitude(self):
        return _coordinate(
            self.cleaned_data.get("latitude"),
            low=-90,
            high=90,
            message=_("Enter the latitude as a number between -90 and 90, for example 52.9244."),
        )

    def clean_longitude(self):
        return _coordinate(
            self.cleaned_data.get("longitude"),
            low=-180,
            high=180,
            message=_("Enter the longitude as a number between -180 and 180, for example 12.8046."),
        )


class ParticipantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Taking part as"), choices=Participant.Kind.choices, widget=forms.RadioSelect
    )
    user = forms.ModelChoiceField(
        label=_("Programme expert or commission member"),
        help_text=_("Only for experts and commission members."),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    name = forms.CharField(
        label=_("Name"),
        help_text=_(
            "For the applicant's side; experts and commission members are taken from their account."
        ),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=Participant._meta.get_field("language").choices,
        initial="de",
    )

    def __init__(self, *args, visit, **kwargs):
        kwargs.setdefault("prefix", "participant")
        super().__init__(*args, **kwargs)
        stage = visit.round.stage
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(role_grants__role=Role.PROGRAMME_EXPERT) | Q(commission_seats__stage=stage))
            .exclude(pk__in=visit.participants.exclude(user=None).values("user_id"))
            .exclude(
                pk__in=_conflicted_people(visit),
            )
            .distinct()
            .order_by("name", "email")
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (Participant.Kind.EXPERT, Participant.Kind.COMMISSION):
            if data.get("user") is None and "user" not in self.errors:
                self.add_error(
                    "user",
                    _("Please choose the person from the list of experts and commission members."),
                )
        elif kind:
            if not data.get("name") and "name" not in self.errors:
                self.add_error("name", _("Please enter the person's name."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Please enter the person's e-mail address."))
        return data


def _conflicted_people(visit) -> set[int]:
    """People with a conflict of interest with the application (declared, members of the
    applicant or of a partner organisation): not offered as participants."""
    from inklusiv.accounts.models import Membership
    from inklusiv.core.db import UnicodeLower
    from inklusiv.selection.models import ConflictOfInterest

    application = visit.application
    ids = set(
        ConflictOfInterest.objects.filter(application=application).values_list("user_id", flat=True)
    )
    ids |= set(application.organisation.memberships.values_list("user_id", flat=True))
    partner_names = [conflicts.name_key(p.name) for p in application.partners.all()]
    if partner_names:
        ids |= set(
            Membership.objects.annotate(lowered=Trim(UnicodeLower("organisation__name")))
            .filter(lowered__in=partner_names)
            .values_list("user_id", flat=True)
        )
    return ids


class PinForm(BerlinMomentMixin, forms.Form):
    def __init__(self, *args, visit=None, **kwargs):
        kwargs.setdefault("prefix", "pin")
        super().__init__(*args, **kwargs)
        initial = None
        if visit is not None:
            initial = visit.pinned_start or visit.proposed_start or visit.start
        self.add_moment_fields("start", _("Start of the meeting"), initial=initial)

    def clean(self):
        data = super().clean()
        data["start"] = self.clean_moment("start")
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        help_text=_("Everyone invited reads this in the cancellation."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
