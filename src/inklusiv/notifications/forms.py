"""The preferences form: one radio group per kind a person may choose for."""

from django import forms

from . import kinds
from .models import Preference


class PreferencesForm(forms.Form):
    """A field per kind with a choice; kinds with a single possible delivery are shown as fixed."""

    def __init__(self, *args, user, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Preference.Choice.choices)
        self.fixed = []
        for kind in kinds.all_kinds():
            if not kind.shown_to(user):
                continue
            if len(kind.choices) < 2:
                self.fixed.append(kind)
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.audience,
                choices=[(choice, labels[choice]) for choice in kind.choices],
                widget=forms.RadioSelect,
                initial=current.get(kind.key, Preference.Choice.IMMEDIATELY),
            )
