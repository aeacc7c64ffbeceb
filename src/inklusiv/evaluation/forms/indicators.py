"""Forms of the indicators: the IPTT's filters (GET), an indicator's definition, its targets
per half-year, the values of one half-year (total and categories) and a single correction.
The services validate the figures; the forms only parse them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusiv.pilots.models import FieldOfAction, Goal, PilotRegion
from inklusiv.pilots.models.region import IMPACT_STEPS

from .. import periods
from ..models import DISAGGREGATIONS, Aggregation, Direction, Indicator, Unit
from ..selectors.indicators import MAX_SHOWN, SPANS

PROGRAMME = "programme"


def _number(label, *, required=False, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        localize=True,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _text(label, *, required=True, rows=4, max_length=4000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class FilterForm(forms.Form):
    """The IPTT's filters; an invalid choice is ignored (the page shows everything)."""

    region = forms.ChoiceField(label=_("Pilot region"), required=False)
    field = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.none(), required=False
    )
    step = forms.TypedChoiceField(
        label=_("Step of the impact staircase"),
        choices=[("", _("All steps")), *IMPACT_STEPS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    span = forms.TypedChoiceField(
        label=_("Half-years shown"),
        # The default (the most) first, so an empty choice shows what the table shows.
        choices=[(number, str(number)) for number in sorted(SPANS, reverse=True)],
        coerce=int,
        required=False,
        empty_value=MAX_SHOWN,
    )

    until = forms.ChoiceField(label=_("Up to the half-year"), required=False)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_region = region
        last = periods.following(periods.following(periods.current()))
        self.fields["until"].choices = [
            ("", _("The latest with figures")),
            *reversed(periods.choices("2017-H1", last)),
        ]
        if region is not None:
            del self.fields["region"]
            self.fields["field"].queryset = FieldOfAction.objects.filter(region=region)
        else:
            regions = PilotRegion.objects.order_by("name").values_list("slug", "name")
            self.fields["region"].choices = [
                ("", _("All regions and the programme")),
                (PROGRAMME, _("Only the programme's indicators")),
                *regions,
            ]
            self.fields["field"].queryset = FieldOfAction.objects.select_related("region").order_by(
                "region__name", "order", "name"
            )
            self.fields["field"].label_from_instance = lambda item: f"{item.region.name}: {item}"
        self.fields["field"].empty_label = _("All fields of action")

    def chosen(self) -> dict:
        """The valid filters: region (a PilotRegion), programme_only, field, step, span."""
        data = self.cleaned_data if self.is_valid() else {}
        region, programme_only = None, False
        slug = data.get("region")
        if slug == PROGRAMME:
            programme_only = True
        elif slug:
            region = PilotRegion.objects.filter(slug=slug).first()
        return {
            "region": region,
            "programme_only": programme_only,
            "field": data.get("field"),
            "step": data.get("step"),
            "span": data.get("span") or MAX_SHOWN,
            "until": data.get("until") or None,
        }


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("Short name"),
        max_length=20,
        help_text=_("For example “P1” or “N-03”; unique within the region."),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    definition = _text(
        _("Definition"),
        help_text=_("What is counted, how, and by whom."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    decimals = forms.TypedChoiceField(
        label=_("Decimal places"), choices=[(0, "0"), (1, "1"), (2, "2")], coerce=int
    )
    minimum = _number(
        _("Smallest possible value"),
        help_text=_("Optional; percentages lie between 0 and 100 anyway."),
    )
    maximum = _number(_("Largest possible value"))
    direction = forms.ChoiceField(
        label=_("Direction of change"), choices=Direction.choices, widget=forms.RadioSelect
    )
    data_source = forms.CharField(
        label=_("Data source"),
        max_length=500,
        help_text=_("For example “participant lists of the measures”."),
    )
    verification = forms.CharField(label=_("Means of verification"), max_length=500, required=False)
    disaggregations = forms.MultipleChoiceField(
        label=_("Disaggregation"),
        choices=[(key, label) for key, (label, _options) in DISAGGREGATIONS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Values can then be entered per category as well."),
    )
    baseline = _number(_("Baseline"))
    baseline_date = forms.DateField(
        label=_("Date of the baseline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    step = forms.TypedChoiceField(
        label=_("Step of the impact staircase"), choices=IMPACT_STEPS, coerce=int
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals of the concept"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    field = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        help_text=_("Empty: the field of the first goal chosen."),
    )
    contributes_to = forms.ModelChoiceField(
        label=_("Programme indicator it contributes to"),
        queryset=Indicator.objects.none(),
        required=False,
        help_text=_("Its values then count towards the programme indicator."),
    )
    aggregation = forms.ChoiceField(
        label=_("Roll-up of the regions"),
        choices=Aggregation.choices,
        widget=forms.RadioSelect,
        initial=Aggregation.SUM,
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is None:
            for name in ("goals", "field", "contributes_to"):
                del self.fields[name]
        else:
            del self.fields["aggregation"]
            self.fields["goals"].queryset = Goal.objects.filter(field__region=region).order_by(
                "field__order", "order", "pk"
            )
            self.fields["field"].queryset = FieldOfAction.objects.filter(region=region)
            self.fields["field"].empty_label = _("(the goals' field)")
            self.fields["contributes_to"].queryset = Indicator.objects.filter(
                region__isnull=True
            ).order_by("order", "code")
            self.fields["contributes_to"].empty_label = _("(none)")

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        initial = {
            name: getattr(indicator, name)
            for name in (
                "code",
                "name",
                "definition",
                "unit",
                "decimals",
                "minimum",
                "maximum",
                "direction",
                "data_source",
                "verification",
                "disaggregations",
                "baseline",
                "baseline_date",
                "step",
                "aggregation",
                "order",
            )
        }
        initial["goals"] = list(indicator.goals.all())
        initial["field"] = indicator.field_id
        initial["contributes_to"] = indicator.contributes_to_id
        return initial


def target_periods(indicator: Indicator, today=None) -> list[str]:
    """The half-years a target may be set for: the region's funding, the programme from 2017
    to two half-years after the current one."""
    if indicator.region_id:
        region = indicator.region
        return periods.span(
            periods.key_for(region.funding_start), periods.key_for(region.funding_end)
        )
    last = periods.following(periods.following(periods.current(today)))
    return periods.span("2017-H1", last)


def field_name(period: str) -> str:
    return "target_" + period.replace("-", "_")


class TargetsForm(forms.Form):
    """One optional field per half-year; empty means no target."""

    def __init__(self, *args, period_keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.period_keys = period_keys
        for key in period_keys:
            self.fields[field_name(key)] = _number(periods.label(key))

    def targets(self) -> dict:
        return {key: self.cleaned_data.get(field_name(key)) for key in self.period_keys}


def category_field(category: str) -> str:
    return "value_" + category.replace(":", "__") if category else "value"


class ValuesForm(forms.Form):
    """The values of one half-year: the total and one field per category."""

    # Chosen on the page's own GET form above; carried along here.
    period = forms.ChoiceField(label=_("Half-year"), widget=forms.HiddenInput)
    value = _number(_("Total"))
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Where the figures come from, e.g. “attendance lists of the measures”."),
    )
    comment = _text(
        _("Comment"),
        required=False,
        rows=3,
        max_length=2000,
        help_text=_("Required when you change a value already entered: say why."),
    )

    def __init__(self, *args, indicator, period_choices, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices
        self.categories = categories  # "dimension:key" → (dimension label, label)
        self.groups = {}
        for category, (dimension_label, label) in categories.items():
            self.fields[category_field(category)] = _number(label)
            self.groups.setdefault(dimension_label, []).append(category_field(category))
        self.fields["value"].label = _("Total (%(unit)s)") % {"unit": indicator.get_unit_display()}

    def grouped(self):
        """(dimension label, [bound fields]) for a fieldset per disaggregation."""
        return [(label, [self[name] for name in names]) for label, names in self.groups.items()]

    def values(self) -> dict:
        found = {"": self.cleaned_data.get("value")}
        for category in self.categories:
            found[category] = self.cleaned_data.get(category_field(category))
        return found


class CorrectionForm(forms.Form):
    value = _number(_("Corrected value"), required=True)
    source = forms.CharField(label=_("Source"), max_length=500)
    comment = _text(
        _("Why is the value corrected?"),
        rows=3,
        max_length=2000,
        help_text=_("The old value stays in the history with this comment."),
    )
