"""Numbers as the figures pages show them, in the reader's locale: counts, shares, euros."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def format_count(value: int) -> str:
    return number_format(value, 0, force_grouping=True)


def format_decimal(value: float | None) -> str:
    """Whole numbers without decimals, others with one; "–" for nothing."""
    if value is None:
        return "–"
    return number_format(value, 0 if value == int(value) else 1)


def format_percent(share: float | None) -> str:
    """A share (0.25) as a percentage (25,0 %); "–" when there is nothing to divide."""
    if share is None:
        return "–"
    return _("%(number)s %%") % {"number": number_format(share * 100, 1)}


def format_euro(value, decimals: int = 2) -> str:
    return _("%(amount)s €") % {"amount": number_format(value, decimals, force_grouping=True)}
