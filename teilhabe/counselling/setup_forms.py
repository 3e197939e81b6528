"""Forms of the staff set-up: a service with its texts in every language of the house, its
topics, its counsellors and its office hours. The forms check what a person can get wrong while
typing; the services check again what must hold whoever calls them."""

from django import forms
from django.conf import settings
from django.utils.dates import WEEKDAYS
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from teilhabe.accounts.models import Role, User
from teilhabe.core.translated_forms import (
    DEFAULT_LANGUAGE,
    TranslatedFieldsMixin,
    spoken_languages,
    translated_field_names,
)
from teilhabe.core.widgets import (
    CheckboxGroup,
    DateInput,
    RadioGroup,
    TimeInput,
    use_choice_fieldsets,
)
from teilhabe.rooms.models import Room

from .models import Counsellor, OfficeHours, Service, Topic

WEEKDAY_CHOICES = [(number, WEEKDAYS[number]) for number in range(7)]


class ServiceForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "description")
    translation_labels = {
        "name": _lazy("Name (%(language)s)"),
        "description": _lazy("Description (%(language)s)"),
    }

    class Meta:
        model = Service
        fields = [
            "name_de",
            "description_de",
            "slug",
            "provider",
            "phone",
            "email",
            "is_active",
            *translated_field_names(("name", "description")),
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel"}),
            **{
                f"description_{code}": forms.Textarea(attrs={"rows": 4})
                for code, _name in settings.LANGUAGES
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_translations()
        self.fields["name_de"].required = True
        self.fields["description_de"].required = True
        self.fields["description_de"].help_text = _(
            "What people can ask about here, in two or three sentences."
        )
        if self.instance.pk:
            # The address is in links people were sent: it stays as it is.
            del self.fields["slug"]
        else:
            self.fields["slug"].required = False
            self.fields["slug"].label = _("Web address")
            self.fields["slug"].help_text = _("Leave empty: it is made from the German name.")

    def clean(self):
        data = super().clean()
        if "slug" in self.fields and not data.get("slug") and data.get("name_de"):
            slug = slugify(data["name_de"])[:50] or "service"
            base, number = slug, 2
            while Service.objects.filter(slug=slug).exists():
                slug = f"{base[:45]}-{number}"
                number += 1
            data["slug"] = slug
        return data

    def sections(self) -> list[dict]:
        groups = [
            (_("About the service (in German)"), ["name_de", "description_de", "slug"]),
            (_("Contact"), ["provider", "phone", "email", "is_active"]),
        ]
        return [
            {"legend": legend, "fields": [self[name] for name in names if name in self.fields]}
            for legend, names in groups
        ]


class TopicForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name",)
    translation_labels = {"name": _lazy("Topic (%(language)s)")}

    class Meta:
        model = Topic
        fields = ["name_de", *translated_field_names(("name",))]

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.service = service
        self.label_translations()
        self.fields["name_de"].required = True
        self.fields["name_de"].help_text = _("Short, as people would say it: “Residence”, “Work”.")
        if not self.instance.pk:
            last = max((t.position for t in service.topics.all()), default=-1)
            self.instance.position = last + 1


class CounsellorForm(forms.ModelForm):
    """Who counsels and in which languages. Only people with the counsellor role are offered:
    staff and association admins must not see appointments."""

    languages = forms.MultipleChoiceField(
        label=_lazy("Languages they counsel in"),
        choices=spoken_languages,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_lazy("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Counsellor
        fields = ["user", "languages", "is_active"]

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.service = service
        if self.instance.pk:
            del self.fields["user"]
            self.fields["is_active"].help_text = _(
                "Inactive counsellors keep their past appointments but get no new ones."
            )
        else:
            taken = service.counsellors.values_list("user_id", flat=True)
            user_field = self.fields["user"]
            user_field.queryset = (
                User.objects.filter(role=Role.COUNSELLOR, is_active=True)
                .exclude(pk__in=taken)
                .order_by("display_name", "email")
            )
            user_field.label = _("Person")
            user_field.empty_label = _("Please choose")
            user_field.label_from_instance = lambda user: f"{user} ({user.email})"
            user_field.help_text = _(
                "Only people with the counsellor role are listed. An administrator gives the "
                "role in the accounts."
            )
            del self.fields["is_active"]
            self.initial.setdefault("languages", [DEFAULT_LANGUAGE])


class OfficeHoursForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_lazy("On these weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=CheckboxGroup(inline=True),
    )
    counsellors = forms.ModelMultipleChoiceField(
        label=_lazy("Counsellors who staff them"),
        queryset=Counsellor.objects.none(),
        widget=CheckboxGroup,
    )

    class Meta:
        model = OfficeHours
        fields = [
            "mode",
            "room",
            "weekdays",
            "interval_weeks",
            "starts_on",
            "until",
            "start_time",
            "end_time",
            "slot_minutes",
            "is_active",
        ]
        widgets = {
            "mode": RadioGroup,
            "starts_on": DateInput,
            "until": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
        }

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.service = service
        fields = self.fields
        fields["mode"].label = _("Kind")
        fields["room"].queryset = Room.objects.filter(is_active=True).order_by("floor", "name")
        fields["room"].empty_label = _("Please choose")
        fields["room"].help_text = _(
            "The room is booked for every date; the room finder shows which rooms are free."
        )
        fields["counsellors"].queryset = (
            Counsellor.objects.filter(service=service, is_active=True)
            .select_related("user")
            .order_by("user__display_name")
        )
        fields["counsellors"].label_from_instance = lambda counsellor: str(counsellor.user)
        fields["interval_weeks"].label = _("Every how many weeks?")
        fields["interval_weeks"].help_text = _("1: every week, 2: every other week.")
        fields["until"].label = _("Last date (optional)")
        fields["until"].help_text = _("Leave empty and the office hours continue.")
        fields["slot_minutes"].help_text = _("Only for office hours by appointment.")
        fields["is_active"].help_text = _(
            "Inactive office hours release their room; their future appointments are cancelled "
            "and the people told."
        )
        for name in ("interval_weeks", "slot_minutes"):
            fields[name].widget.attrs.setdefault("inputmode", "numeric")
        if self.instance.pk:
            self.initial.setdefault("counsellors", [c.pk for c in self.instance.counsellors.all()])
        use_choice_fieldsets(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first, until = data.get("starts_on"), data.get("until")
        if first and until and until < first:
            self.add_error("until", _("The last date cannot be before the first date."))
        if "weekdays" in data:
            data["weekdays"] = sorted(set(data["weekdays"]))
        return data

    def sections(self) -> list[dict]:
        groups = [
            (_("Kind and place"), ["mode", "room", "slot_minutes"]),
            (
                _("When"),
                ["weekdays", "interval_weeks", "starts_on", "until", "start_time", "end_time"],
            ),
            (_("Who"), ["counsellors", "is_active"]),
        ]
        return [{"legend": legend, "fields": [self[n] for n in names]} for legend, names in groups]
