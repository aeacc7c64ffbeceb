"""Forms of the availability poll, of a meeting's proposed times and of the experts'
travel availability."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusiv.core.forms import BerlinMomentMixin

from ..models import AccessibilityNeed, PollAnswer, VisitRound
from ..services.polls import slot_label


class PollForm(forms.Form):
    """One radio group per proposed time (a fieldset with the time as legend), then the
    accessibility needs with their own consent."""

    needs = forms.MultipleChoiceField(
        label=_("Do you need anything to take part in the meeting?"),
        help_text=_("Tick everything that applies. You can leave this empty."),
        choices=AccessibilityNeed.Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    details = forms.CharField(
        label=_("Details"),
        help_text=_(
            "For example which sign language, or what kind of assistance. Required if you "
            "ticked “something else”."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree that my accessibility needs are stored for this meeting"),
        help_text=_(
            "Only the organisers of this meeting see them, so that they can arrange what you "
            "need. They are deleted after the meeting. You can withdraw your consent at any "
            "time by removing the tick and saving; your needs are then deleted."
        ),
        required=False,
    )

    def __init__(self, participant, *args, **kwargs):
        self.participant = participant
        visit = participant.visit
        self.slots = list(visit.slots.all()) if participant.answers_poll else []
        initial = kwargs.pop("initial", None) or {}
        for answer in participant.answers.all():
            initial[f"slot_{answer.slot_id}"] = answer.answer
        need = AccessibilityNeed.objects.filter(participant=participant).first()
        if need:
            initial.update(needs=need.needs, details=need.details, consent=True)
        super().__init__(*args, initial=initial, **kwargs)
        slot_fields = {}
        for slot in self.slots:
            label = slot_label(slot.start, visit.duration_minutes)
            slot_fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=label,
                choices=PollAnswer.Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose yes, if need be or no.")},
            )
        # The times first, in order; the needs after them.
        self.fields = {**slot_fields, **self.fields}

    def slot_fields(self):
        return [self[name] for name in self.fields if name.startswith("slot_")]

    def answers(self) -> dict[int, str]:
        return {slot.pk: self.cleaned_data.get(f"slot_{slot.pk}") for slot in self.slots}


class SlotsForm(BerlinMomentMixin, forms.Form):
    """Remove proposed times by ticking them, add one at a time."""

    remove = forms.MultipleChoiceField(
        label=_("Remove these times"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, visit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["remove"].choices = [
            (str(slot.pk), slot_label(slot.start, visit.duration_minutes))
            for slot in visit.slots.all()
        ]
        self.add_moment_fields("new", _("Add a time"), required=False)

    def clean(self):
        cleaned = super().clean()
        has_date = cleaned.get("new_date") is not None
        has_time = cleaned.get("new_time") is not None
        if has_date != has_time and not self.errors:
            missing = "new_time" if has_date else "new_date"
            self.add_error(missing, _("Please enter both the date and the time."))
        cleaned["new"] = self.clean_moment("new")
        return cleaned


class AvailabilityForm(BerlinMomentMixin, forms.Form):
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=VisitRound.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("For example: by train from Kassel, back the same evening."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds if rounds is not None else VisitRound.objects.all()
        self.add_moment_fields("starts_at", _("Can leave from"))
        self.add_moment_fields("ends_at", _("Must be back by"))
        # Keep the note last, after the two moments.
        self.fields["note"] = self.fields.pop("note")
        upcoming = [r for r in self.fields["round"].queryset if r.window_end >= timezone.now()]
        if upcoming and not self.is_bound:
            self.initial.setdefault("round", upcoming[-1].pk)

    def clean(self):
        cleaned = super().clean()
        cleaned["starts_at"] = self.clean_moment("starts_at")
        cleaned["ends_at"] = self.clean_moment("ends_at")
        return cleaned


class TravelBaseForm(forms.Form):
    city = forms.CharField(
        label=_("Town you set off from"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("We look up the coordinates from it."),
        max_length=5,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    latitude = forms.FloatField(
        label=_("Latitude (optional)"),
        min_value=-90,
        max_value=90,
        required=False,
        help_text=_(
            "Only to correct the place looked up from the postcode: in decimal degrees, for "
            "example 51.3127 for Kassel."
        ),
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude (optional)"),
        min_value=-180,
        max_value=180,
        required=False,
        help_text=_("In decimal degrees, for example 9.4797 for Kassel."),
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
