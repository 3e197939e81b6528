"""Form widgets shared by the apps: checkbox and radio groups as Bootstrap form-check rows in
a fieldset whose legend names the group, and native date and time inputs."""

from django import forms


class _ChoiceRows:
    """Each option a form-check row with its own label, large enough to hit on a phone;
    `inline` puts short options (weekdays) side by side."""

    template_name = "core/forms/_choice_group.html"
    option_template_name = "core/forms/_choice_option.html"

    def __init__(self, *args, inline=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.inline = inline

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["inline"] = self.inline
        return context


class CheckboxGroup(_ChoiceRows, forms.CheckboxSelectMultiple):
    pass


class RadioGroup(_ChoiceRows, forms.RadioSelect):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def use_choice_fieldsets(form: forms.BaseForm) -> None:
    """Checkbox and radio groups get a fieldset whose legend names the group and which points
    to its help text and errors."""
    for field in form.fields.values():
        if isinstance(field.widget, _ChoiceRows):
            field.template_name = "core/forms/_choice_field.html"
