"""Forms of the programme database: the list's filters, a programme and a funder for staff,
the import upload, and the project idea for matching."""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association
from teilhabe.core.languages import language_name
from teilhabe.core.widgets import CheckboxGroup, DateInput, RadioGroup, use_choice_fieldsets

from .imports import MAX_FILE_BYTES
from .matching import ROLLING, ProgrammeFilters, ProjectIdea
from .models import ApplicantKind, Funder, FunderLevel, FundingProgramme, FundingTopic, TargetGroup

ANY = [("", _("any"))]
DEADLINE_CHOICES = [
    ("", _("any")),
    ("30", _("within 30 days")),
    ("90", _("within 3 months")),
    ("180", _("within 6 months")),
    ("365", _("within a year")),
    (ROLLING, _("any time (rolling)")),
]


class ProgrammeFilterForm(forms.Form):
    """The list's search and filters; values that do not fit are ignored, never an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Funder level"), required=False, choices=ANY + list(FunderLevel.choices)
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    applicant = forms.ChoiceField(
        label=_("Who may apply"), required=False, choices=ANY + list(ApplicantKind.choices)
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    amount = forms.DecimalField(
        label=_("Amount needed (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=DEADLINE_CHOICES)

    def __init__(self, *args, topics=(), target_groups=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["topic"].choices = ANY + [(t.slug, str(t)) for t in topics]
        self.fields["target_group"].choices = ANY + [(g.slug, str(g)) for g in target_groups]
        self.fields["region"].choices = ANY + [(r, r) for r in regions]

    def filters(self) -> ProgrammeFilters:
        if not self.is_bound:
            return ProgrammeFilters()
        if self.is_valid():
            data = self.cleaned_data
        else:  # keep the filters that are valid, drop the others
            data = {name: self.cleaned_data.get(name) for name in self.fields}
        return ProgrammeFilters(
            text=data.get("q") or "",
            level=data.get("level") or "",
            topic=data.get("topic") or "",
            target_group=data.get("target_group") or "",
            applicant=data.get("applicant") or "",
            region=data.get("region") or "",
            amount=data.get("amount"),
            deadline=data.get("deadline") or "",
        )


def parse_deadlines(text: str) -> list[date]:
    """Dates one per line, as 2027-03-15 or 15.03.2027."""
    days = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                days.append(datetime.strptime(line, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("“%(line)s” is not a date: write one date per line, e.g. 2027-03-15."),
                params={"line": line},
                code="date",
            )
    return sorted(set(days))


class ProgrammeForm(forms.ModelForm):
    applicants = forms.MultipleChoiceField(
        label=_("Who may apply"),
        choices=ApplicantKind.choices,
        required=False,
        widget=CheckboxGroup,
        help_text=_("None chosen: open to every kind of applicant."),
    )
    deadlines = forms.CharField(
        label=_("Submission deadlines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One date per line (e.g. 2027-03-15 or 15.03.2027). For yearly deadlines the day "
            "and month repeat every year."
        ),
    )

    class Meta:
        model = FundingProgramme
        fields = [
            "external_id",
            "title",
            "funder",
            *[f"summary_{code}" for code, _name in settings.LANGUAGES],
            "topics",
            "target_groups",
            "applicants",
            "region",
            "min_amount",
            "max_amount",
            "funding_rate",
            "own_share",
            "deadline_kind",
            "min_months",
            "max_months",
            "final_report_months",
            "has_interim_reports",
            "interim_report_months",
            "url",
            "notes",
            "is_active",
        ]
        widgets = {
            "topics": CheckboxGroup,
            "target_groups": CheckboxGroup,
            "deadline_kind": RadioGroup,
            **{
                f"summary_{code}": forms.Textarea(attrs={"rows": 3})
                for code, _name in settings.LANGUAGES
            },
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.order_by("name")
        self.fields["topics"].queryset = FundingTopic.objects.order_by("name_de", "slug")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("name_de", "slug")
        for code, _name in settings.LANGUAGES:
            self.fields[f"summary_{code}"].label = _("Summary (%(language)s)") % {
                "language": language_name(code)
            }
        if self.instance.pk and not self.is_bound:
            self.initial["deadlines"] = "\n".join(
                d.day.isoformat() for d in self.instance.deadlines.all()
            )
        self.order_fields([*self.Meta.fields[:-8], "deadlines", *self.Meta.fields[-8:]])
        use_choice_fieldsets(self)

    def clean_deadlines(self) -> list[date]:
        return parse_deadlines(self.cleaned_data.get("deadlines") or "")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_amount"), cleaned.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_amount", _("The maximum amount cannot be below the minimum amount.")
            )
        return cleaned


class FunderForm(forms.ModelForm):
    class Meta:
        model = Funder
        fields = ["name", "level", "website", "notes"]
        widgets = {"level": RadioGroup, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_choice_fieldsets(self)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or JSON file"),
        help_text=_("One programme per row or object, keyed by external_id."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only check and report, save nothing"), required=False, initial=True
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".json")):
            raise ValidationError(_("Please upload a .csv or .json file."), code="format")
        if file.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is too large (at most 5 MB)."), code="size")
        return file


class MatchForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics of the project"),
        queryset=FundingTopic.objects.none(),
        required=False,
        widget=CheckboxGroup,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Who the project is for"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=CheckboxGroup,
    )
    amount = forms.DecimalField(
        label=_("Amount needed (€)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    starts_on = forms.DateField(label=_("Planned start"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Planned end"), required=False, widget=DateInput)
    association = forms.ModelChoiceField(
        label=_("Association (for who may apply)"),
        queryset=Association.objects.none(),
        required=False,
        empty_label=_("any applicant"),
    )

    def __init__(self, *args, associations=None, topics=None, target_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        self.fields["target_groups"].queryset = target_groups
        self.fields["association"].queryset = associations
        use_choice_fieldsets(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return cleaned

    def idea(self) -> ProjectIdea:
        data = self.cleaned_data
        return ProjectIdea(
            topics=tuple(data.get("topics") or ()),
            target_groups=tuple(data.get("target_groups") or ()),
            amount=data.get("amount"),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            association=data.get("association"),
        )
