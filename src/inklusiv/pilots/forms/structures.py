"""Forms of the structures pages: a group, a meeting with its minutes, a document."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.applications.forms import UploadField
from inklusiv.core.forms import BerlinMomentMixin

from ..models import Actor, FieldOfAction, Group, RegionDocument


class _Date(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
        )


class ActorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_sector_display()})"


class GroupForm(forms.Form):
    """A group's name, topic, field of action, spokesperson, dates and members; the kind only
    when founding it (the steering group stays the steering group)."""

    kind = forms.ChoiceField(
        label=_("Kind of group"),
        choices=Group.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_("A region has one steering group and any number of working groups."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        empty_label=_("– none –"),
    )
    spokesperson = forms.CharField(
        label=_("Spokesperson"),
        max_length=200,
        required=False,
        help_text=_("Who speaks for the group, for example its chair."),
    )
    founded_on = _Date(label=_("Founded on"), required=False)
    dissolved_on = _Date(label=_("Dissolved on"), required=False)
    members = ActorChoices(
        label=_("Members"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Actors of the region's network. Add missing ones on the network page."),
    )

    def __init__(self, *args, region, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].queryset = FieldOfAction.objects.filter(region=region)
        self.fields["members"].queryset = Actor.objects.filter(region=region).order_by("name")
        if editing:
            del self.fields["kind"]
        else:
            del self.fields["dissolved_on"]

    def clean(self):
        cleaned = super().clean()
        founded, dissolved = cleaned.get("founded_on"), cleaned.get("dissolved_on")
        if founded and dissolved and dissolved < founded:
            self.add_error("dissolved_on", _("A group cannot be dissolved before it was founded."))
        return cleaned


class MeetingForm(BerlinMomentMixin, forms.Form):
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    minutes = forms.CharField(
        label=_("Minutes"),
        help_text=_("What was discussed, and who was there."),
        required=False,
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        help_text=_("What the group decided, one decision a line."),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_moment_fields("held", _("Meeting"), initial=meeting and meeting.held_on)
        # Date and time first, as on every paper form of minutes.
        order = ["held_date", "held_time", "place", "minutes", "decisions"]
        self.order_fields(order)
        if meeting is not None:
            for name in ("place", "minutes", "decisions"):
                self.fields[name].initial = getattr(meeting, name)

    def clean(self):
        cleaned = super().clean()
        cleaned["held_on"] = self.clean_moment("held")
        return cleaned


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=RegionDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    # Checked by content and size already here, and again by the service.
    upload = UploadField(
        label=_("File"), help_text=_("PDF, image or office document, at most 10 MB.")
    )
