"""The attendance forms, made for a phone: a head count (a large number with − and + buttons
that step it without JavaScript) or a check-in list of the registered people, each with the
optional breakdown."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MAX_COUNT = 10_000
BREAKDOWN = ("children", "women", "first_visits")


def _count_field(label, *, required=False, help_text="", large=False):
    attrs = {"inputmode": "numeric", "min": 0, "max": MAX_COUNT}
    if large:
        attrs["class"] = "form-control form-control-lg text-center fs-2 fw-bold"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_COUNT,
        help_text=help_text,
        widget=forms.NumberInput(attrs=attrs),
    )


class _AttendanceForm(forms.Form):
    """Shared: the breakdown, each part at most the number of people present."""

    # The field the − and + buttons step.
    stepped_field = ""

    children = _count_field(_("Of them children"))
    women = _count_field(_("Of them women and girls"))
    first_visits = _count_field(_("Of them here for the first time"))

    def total(self) -> int | None:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        total = self.total()
        if total is None:
            return cleaned
        for name in BREAKDOWN:
            value = cleaned.get(name)
            if value is not None and value > total:
                self.add_error(
                    name,
                    _("This cannot be more than the %(count)s people present.") % {"count": total},
                )
        return cleaned

    @classmethod
    def stepped(cls, data, step: int, **kwargs):
        """The form again, unsaved, with the stepped number one up or down (never below 0) and
        everything else as typed."""
        values = cls._typed(data)
        try:
            current = int(values[cls.stepped_field] or 0)
        except ValueError:
            current = 0
        values[cls.stepped_field] = min(max(current + step, 0), MAX_COUNT)
        return cls(initial=values, **kwargs)

    @classmethod
    def _typed(cls, data) -> dict:
        return {name: data.get(name, "") for name in (cls.stepped_field, *BREAKDOWN)}

    def breakdown(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in BREAKDOWN}


class HeadCountForm(_AttendanceForm):
    stepped_field = "head_count"

    head_count = _count_field(_("People present"), required=True, large=True)

    field_order = ["head_count", *BREAKDOWN]

    def total(self) -> int | None:
        return self.cleaned_data.get("head_count")

    def attendance_values(self) -> dict:
        """What services.record_attendance takes."""
        return {"head_count": self.cleaned_data["head_count"], **self.breakdown()}

    @staticmethod
    def initial_for(attendance) -> dict:
        if attendance is None:
            return {}
        return {
            "head_count": attendance.head_count,
            **{name: getattr(attendance, name) for name in BREAKDOWN},
        }


class CheckInListForm(_AttendanceForm):
    """The registered people of the session, a checkbox each; the head count is the persons
    checked in plus those who came without registering."""

    stepped_field = "walk_ins"

    checked_in = forms.TypedMultipleChoiceField(
        label=_("Registered people present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    walk_ins = _count_field(_("People who came without registering"), large=True)

    field_order = ["checked_in", "walk_ins", *BREAKDOWN]

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        self.persons = {r.pk: r.persons for r in self.registrations}
        self.fields["checked_in"].choices = [
            (r.pk, _person_label(r.name, r.persons)) for r in self.registrations
        ]

    @classmethod
    def _typed(cls, data) -> dict:
        return {**super()._typed(data), "checked_in": data.getlist("checked_in")}

    def total(self) -> int | None:
        if "checked_in" not in self.cleaned_data:
            return None
        persons = sum(self.persons.get(pk, 0) for pk in self.cleaned_data["checked_in"])
        return persons + (self.cleaned_data.get("walk_ins") or 0)

    def attendance_values(self) -> dict:
        """What services.record_attendance takes."""
        return {
            "checked_in": self.cleaned_data["checked_in"],
            "walk_ins": self.cleaned_data.get("walk_ins") or 0,
            **self.breakdown(),
        }

    @staticmethod
    def initial_for(attendance, registrations) -> dict:
        """The stored list: who is checked in (the annotation `is_checked_in`), and the rest of
        the head count as people who came without registering."""
        present = [r for r in registrations if r.is_checked_in]
        if attendance is None:
            return {"checked_in": [r.pk for r in present]}
        persons = sum(r.persons for r in present)
        return {
            "checked_in": [r.pk for r in present],
            "walk_ins": max(attendance.head_count - persons, 0),
            **{name: getattr(attendance, name) for name in BREAKDOWN},
        }


def _person_label(name: str, persons: int) -> str:
    if persons == 1:
        return name
    return ngettext("%(name)s (%(count)s person)", "%(name)s (%(count)s persons)", persons) % {
        "name": name,
        "count": persons,
    }
