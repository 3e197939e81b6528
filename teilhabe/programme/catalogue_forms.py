from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.languages import language_choices

from .selectors import AGE_GROUPS, TIMES_OF_DAY, CatalogueFilters

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
TIME_LABELS = {
    "morning": _("Mornings"),
    "afternoon": _("Afternoons"),
    "evening": _("Evenings"),
}
AGE_LABELS = {
    "children": _("Children (up to 12)"),
    "youth": _("Young people (13–17)"),
    "adults": _("Adults"),
}


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, all in the URL so that a filtered list can be shared. Values
    that make no sense are dropped rather than refused: a visitor always gets a list."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.SearchInput()
    )
    category = forms.MultipleChoiceField(
        label=_("Kind of offer"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.MultipleChoiceField(
        label=_("Language"),
        required=False,
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weekday = forms.MultipleChoiceField(
        label=_("Weekday"),
        required=False,
        choices=[(str(number), name) for number, name in WEEKDAYS],
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.MultipleChoiceField(
        label=_("Time of day"),
        required=False,
        choices=[(key, TIME_LABELS[key]) for key in TIMES_OF_DAY],
        widget=forms.CheckboxSelectMultiple,
    )
    age = forms.ChoiceField(
        label=pgettext_lazy("target group", "For"),
        required=False,
        choices=[("", _("Everyone")), *[(key, AGE_LABELS[key]) for key in AGE_GROUPS]],
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)
    stepfree = forms.BooleanField(label=_("Step-free access"), required=False)
    childcare = forms.BooleanField(label=_("With childcare"), required=False)

    def __init__(self, *args, categories, languages_in_use=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.slug, c.name) for c in categories]
        if languages_in_use is not None:
            self.fields["language"].choices = [
                (code, name) for code, name in language_choices() if code in languages_in_use
            ]

    def filters(self) -> CatalogueFilters:
        """The valid part of what was asked for."""
        values = {}
        for name, field in self.fields.items():
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                values[name] = field.clean(raw)
            except forms.ValidationError:
                if isinstance(field, forms.MultipleChoiceField):
                    values[name] = [v for v in raw or [] if field.valid_value(v)]
                else:
                    values[name] = None
        return CatalogueFilters(
            query=(values["q"] or "").strip(),
            categories=values["category"] or [],
            languages=values["language"] or [],
            weekdays=[int(day) for day in values["weekday"] or []],
            times_of_day=values["time"] or [],
            age_group=values["age"] or "",
            free_only=bool(values["free"]),
            step_free=bool(values["stepfree"]),
            childcare=bool(values["childcare"]),
        )
