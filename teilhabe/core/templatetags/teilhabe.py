from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext

from ..translations import translated

register = template.Library()

_RTL = {"ar", "fa"}


@register.simple_tag
def content(obj, field, html=False):
    """A translated content field; German fallback is wrapped in lang="de" and marked."""
    value = translated(obj, field)
    text = mark_safe(value.text) if html else value.text
    if not value.is_fallback:
        return text
    tag = "div" if html else "span"
    return format_html(
        '<{} lang="{}" dir="{}">{}</{}> <span class="badge text-bg-light border fallback-note">'
        "{}</span>",
        tag,
        value.language,
        "rtl" if value.language in _RTL else "ltr",
        text,
        tag,
        gettext("in German – not yet translated"),
    )


@register.filter
def is_rtl(_value=None):
    return get_language_bidi()
