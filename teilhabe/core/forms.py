from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Renders every form with labels, help texts and errors tied to their field (WCAG 1.3.1,
    3.3.1) and gives each widget Bootstrap's class, without a form library."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None and "attrs" in widget:
            css = widget_css_class(widget.get("type"), widget.get("template_name", ""))
            if css and css not in widget["attrs"].get("class", ""):
                widget["attrs"]["class"] = f"{widget['attrs'].get('class', '')} {css}".strip()
        return super().render(template_name, context, request)


def widget_css_class(input_type: str | None, template_name: str) -> str:
    if template_name.endswith(("checkbox_select.html", "radio.html")):
        return ""
    if input_type in ("checkbox", "radio"):
        return "form-check-input"
    if template_name.endswith("select.html"):
        return "form-select"
    return "form-control"
