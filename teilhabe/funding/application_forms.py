"""Forms of the application pages and of advice: the application's details, its steps,
documents, payments, reports, advice sessions and the filters of the lists."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import CENTRE_STAFF_ROLES
from teilhabe.associations.models import Association
from teilhabe.core.recurrence import centre_today
from teilhabe.core.widgets import DateInput
from teilhabe.programme.models import Offer

from .models import (
    DECIDED,
    GRANTED,
    AdviceSession,
    Application,
    ApplicationStatus,
    DocumentKind,
    FundingProgramme,
)

S = ApplicationStatus


def staff_users():
    return get_user_model().objects.filter(role__in=CENTRE_STAFF_ROLES, is_active=True)


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.funder.name})"


class ApplicationForm(forms.ModelForm):
    """The details of an application. `associations`: the associations the person may choose
    (only when creating); `offers`: the association's offers (only when editing);
    `choose_advisor`: staff assign the advisor."""

    class Meta:
        model = Application
        fields = [
            "association",
            "title",
            "description",
            "programme",
            "starts_on",
            "ends_on",
            "total_cost",
            "amount_requested",
            "amount_approved",
            "own_share_amount",
            "own_share_source",
            "advisor",
            "offers",
        ]
        field_classes = {"programme": ProgrammeChoiceField}
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, associations=None, offers=None, choose_advisor=False, **kwargs):
        super().__init__(*args, **kwargs)
        if associations is None:
            del self.fields["association"]
        else:
            self.fields["association"].queryset = associations
            self.fields["association"].empty_label = None if len(associations) == 1 else "—"
        if offers is None:
            del self.fields["offers"]
        else:
            self.fields["offers"].queryset = offers
            self.fields["offers"].widget.attrs["size"] = min(max(len(offers), 2), 8)
            self.fields["offers"].help_text = _(
                "The offers of the house programme this grant finances."
            )
        if not choose_advisor:
            del self.fields["advisor"]
        else:
            self.fields["advisor"].queryset = staff_users()
        if self.instance.status not in (*GRANTED, S.CLOSED) or self.instance.pk is None:
            del self.fields["amount_approved"]
        self.fields["programme"].queryset = (
            FundingProgramme.objects.filter(Q(is_active=True) | Q(pk=self.instance.programme_id))
            .select_related("funder")
            .order_by("title")
        )
        self.fields["programme"].required = False
        self.fields["programme"].help_text = _(
            "You can choose it later; it is needed before the application is prepared."
        )
        for name in ("total_cost", "amount_requested", "amount_approved", "own_share_amount"):
            if name in self.fields:
                self.fields[name].min_value = 0
                self.fields[name].widget.attrs.update(min="0", step="0.01")
                self.fields[name].validators.append(MinValueValidator(0))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data


class MoveForm(forms.Form):
    """The next step of an application: the button pressed gives to_status; the dates and the
    amount a step needs are shown only when one of the next steps needs them."""

    to_status = forms.ChoiceField(label=_("Next step"), widget=forms.HiddenInput)
    submitted_on = forms.DateField(
        label=_("Submitted on"),
        required=False,
        widget=DateInput,
        help_text=_("For the step “submitted”; today if left empty."),
    )
    decided_on = forms.DateField(
        label=_("Decision on"),
        required=False,
        widget=DateInput,
        help_text=_("For a decision; today if left empty."),
    )
    amount_approved = forms.DecimalField(
        label=_("Amount approved (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("For an approval; the amount requested if left empty."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("prefix", "move")
        super().__init__(*args, **kwargs)
        self.next_statuses = [S(value) for value in application.next_statuses]
        # every status is a valid choice: the service refuses an illegal step with its message
        self.fields["to_status"].choices = ApplicationStatus.choices
        self.fields["amount_approved"].widget.attrs.update(min="0", step="0.01")
        if S.SUBMITTED in self.next_statuses:
            self.fields["submitted_on"].initial = centre_today()
        else:
            del self.fields["submitted_on"]
        if not set(self.next_statuses) & set(DECIDED):
            del self.fields["decided_on"]
        if not set(self.next_statuses) & {S.APPROVED, S.PARTLY_APPROVED}:
            del self.fields["amount_approved"]

    def details(self) -> dict:
        """The values that go with the chosen step (and only those)."""
        data, to_status = self.cleaned_data, self.cleaned_data["to_status"]
        details = {}
        if to_status == S.SUBMITTED and data.get("submitted_on"):
            details["submitted_on"] = data["submitted_on"]
        if to_status in DECIDED and data.get("decided_on"):
            details["decided_on"] = data["decided_on"]
        if to_status in (S.APPROVED, S.PARTLY_APPROVED) and data.get("amount_approved") is not None:
            details["amount_approved"] = data["amount_approved"]
        return details


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, OpenDocument, PNG or JPEG."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg"}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount received (€)"), min_value=0.01, max_digits=12, decimal_places=2
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "payment")
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = centre_today()
        self.fields["amount"].widget.attrs.update(min="0.01", step="0.01")


class ObligationSubmitForm(forms.Form):
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput)

    def __init__(self, *args, obligation, **kwargs):
        kwargs.setdefault("prefix", f"obligation-{obligation.pk}")
        super().__init__(*args, **kwargs)
        self.obligation = obligation
        self.fields["submitted_on"].initial = centre_today()


class ApplicationFilterForm(forms.Form):
    """The filters of the staff's list of all applications."""

    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.order_by("name"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *ApplicationStatus.choices], required=False
    )
    advisor = forms.ModelChoiceField(label=_("Advised by"), queryset=staff_users(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class AdviceFilterForm(forms.Form):
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.order_by("name"), required=False
    )
    advisor = forms.ModelChoiceField(label=_("Advisor"), queryset=staff_users(), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = Association.objects.order_by("name")
        self.fields["advisor"].queryset = staff_users()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.association.name}: {obj.title}"


class AdviceForm(forms.ModelForm):
    class Meta:
        model = AdviceSession
        fields = ["association", "application", "held_on", "topic", "notes", "next_steps"]
        field_classes = {"application": ApplicationChoiceField}
        widgets = {
            "held_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = Association.objects.order_by("name")
        self.fields["application"].queryset = Application.objects.select_related(
            "association"
        ).order_by("association__name", "title")
        self.fields["application"].required = False
        self.fields["application"].help_text = _("Optional: an application of this association.")
        self.fields["held_on"].initial = centre_today()

    def clean(self):
        data = super().clean()
        association, application = data.get("association"), data.get("application")
        if association and application and application.association_id != association.pk:
            self.add_error("application", _("This application belongs to another association."))
        held_on = data.get("held_on")
        if held_on and held_on > centre_today():
            self.add_error("held_on", _("Advice can only be logged once it has taken place."))
        return data


def association_offers(association_id: int):
    return (
        Offer.objects.filter(Q(lead_association_id=association_id) | Q(co_hosts__id=association_id))
        .distinct()
        .order_by("title")
    )
