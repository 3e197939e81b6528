from datetime import date

from teilhabe.core.recurrence import centre_today

from .selectors import week_of

# How far from today a ?week= may lead; further is taken as a typo and shows this week.
MAX_WEEKS_AWAY = 520


def requested_week(value: str | None) -> date:
    """The Monday of the week that holds the day ?week= names; this week for anything else."""
    today = centre_today()
    try:
        day = date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    if abs((day - today).days) > MAX_WEEKS_AWAY * 7:
        day = today
    return week_of(day)[0]
