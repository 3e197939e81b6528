"""The anonymous statistics of a service: months, topics, languages and interpreter need, with
charts, tables and their CSV and XLSX downloads. For centre staff and the service's own
counsellors (`counselling.view_statistics`); every figure comes from the anonymous records."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.core import charts, exports
from teilhabe.core.languages import language_name
from teilhabe.core.numbers import format_count as _count
from teilhabe.core.numbers import format_decimal as _decimal
from teilhabe.core.numbers import format_percent as _percent
from teilhabe.core.recurrence import centre_today

from ..models import Service
from ..statistics import ServiceStatistics, months_between, service_statistics

DEFAULT_MONTHS = 6
MAX_MONTHS = 60
FILE_FORMATS = {"csv", "xlsx"}
TABLES = ("overview", "months", "topics", "languages", "interpreter")


def _service_for(request, slug: str) -> Service:
    service = get_object_or_404(Service, slug=slug)
    if not request.user.has_perm("counselling.view_statistics", service):
        raise PermissionDenied
    return service


# --- the period -------------------------------------------------------------------------------


def _month(value: str | None) -> date | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})", (value or "").strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
        return None
    return date(int(match[1]), int(match[2]), 1)


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def requested_period(query) -> tuple[date, date, str]:
    """(first month, last month, a message when the request could not be followed)."""
    this_month = centre_today().replace(day=1)
    default = (_shift(this_month, 1 - DEFAULT_MONTHS), this_month)
    raw_first, raw_last = query.get("from"), query.get("to")
    if not raw_first and not raw_last:
        return (*default, "")
    first, last = _month(raw_first), _month(raw_last)
    if (raw_first and first is None) or (raw_last and last is None):
        return (*default, _("Please give months as YYYY-MM. Showing the last six months."))
    last = last or max(this_month, first)
    first = first or _shift(last, 1 - DEFAULT_MONTHS)
    if first > last:
        return (*default, _("The first month is after the last. Showing the last six months."))
    if len(months_between(first, last)) > MAX_MONTHS:
        first = _shift(last, 1 - MAX_MONTHS)
        return (first, last, _("At most five years at once: showing the last five of them."))
    return (first, last, "")


# --- formatting -------------------------------------------------------------------------------


def _month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _yes_no(needed: bool) -> str:
    return _("Interpreter needed") if needed else _("No interpreter needed")


def _topic_name(topic) -> str:
    return str(topic.name) if topic is not None else _("No topic / deleted topic")


# --- the tables (shared by the page and the downloads) ------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]  # plain values, for the downloads
    shown: list[list[str]]  # formatted, for the page
    number_formats: dict[int, str]
    csv_rows: list[list] | None = None


def build_tables(stats: ServiceStatistics) -> dict[str, Table]:
    tables = {}
    slot = stats.next_slot
    overview = [
        (_("Appointments"), stats.appointments, _count(stats.appointments), None),
        (_("Walk-ins"), stats.walk_ins, _count(stats.walk_ins), None),
        (_("Cancelled appointments"), stats.cancelled, _count(stats.cancelled), None),
        (
            _("No-show rate (no-shows / (attended + no-shows))"),
            None if stats.no_show_rate is None else round(stats.no_show_rate * 100, 2),
            _percent(stats.no_show_rate),
            _("No-show rate in % (no-shows / (attended + no-shows))"),
        ),
        (
            _("Median days from booking to appointment"),
            stats.median_days_waited,
            _decimal(stats.median_days_waited),
            None,
        ),
        (
            _("Median minutes waited by walk-ins"),
            stats.median_minutes_waited,
            _decimal(stats.median_minutes_waited),
            None,
        ),
        (
            _("Next free appointment (now)"),
            timezone.localtime(slot.starts_at).replace(tzinfo=None) if slot else None,
            date_format(timezone.localtime(slot.starts_at), "DATE_FORMAT")
            + " "
            + timezone.localtime(slot.starts_at).strftime("%H:%M")
            if slot
            else _("none in the coming weeks"),
            None,
        ),
    ]
    tables["overview"] = Table(
        key="overview",
        title=_("Key figures"),
        header=[_("Figure"), _("Value")],
        rows=[[export_label or label, value] for label, value, _shown, export_label in overview],
        shown=[[label, shown] for label, _value, shown, _export_label in overview],
        number_formats={},
    )
    tables["months"] = Table(
        key="months",
        title=_("Appointments and walk-ins per month"),
        header=[
            _("Month"),
            _("Appointments"),
            _("Walk-ins"),
            _("Cancelled"),
            _("Attended"),
            _("No-shows"),
            _("No-show rate"),
            _("Median days from booking"),
            _("Median minutes waited (walk-ins)"),
        ],
        rows=[
            [
                f"{m.month:%Y-%m}",
                m.appointments,
                m.walk_ins,
                m.cancelled,
                m.attended,
                m.no_show,
                m.no_show_rate,
                m.median_days_waited,
                m.median_minutes_waited,
            ]
            for m in stats.months
        ],
        shown=[
            [
                _month_label(m.month),
                _count(m.appointments),
                _count(m.walk_ins),
                _count(m.cancelled),
                _count(m.attended),
                _count(m.no_show),
                _percent(m.no_show_rate),
                _decimal(m.median_days_waited),
                _decimal(m.median_minutes_waited),
            ]
            for m in stats.months
        ],
        number_formats={6: "0.0%", 7: "0.0", 8: "0.0"},
    )
    tables["months"].csv_rows = [
        [*row[:6], None if row[6] is None else round(row[6] * 100, 2), *row[7:]]
        for row in tables["months"].rows
    ]
    breakdowns = [
        (
            "topics",
            _("Visits by topic"),
            _("Topic"),
            [(_topic_name(topic), share) for topic, share in stats.by_topic],
        ),
        (
            "languages",
            _("Visits by language"),
            _("Language"),
            [(language_name(share.key), share) for share in stats.by_language],
        ),
        (
            "interpreter",
            _("Visits by interpreter need"),
            _("Interpreter"),
            [(_yes_no(share.key), share) for share in stats.by_interpreter],
        ),
    ]
    for key, title, first_column, items in breakdowns:
        tables[key] = Table(
            key=key,
            title=title,
            header=[first_column, _("Appointments"), _("Walk-ins"), _("Visits")],
            rows=[[label, s.appointments, s.walk_ins, s.visits] for label, s in items],
            shown=[
                [label, _count(s.appointments), _count(s.walk_ins), _count(s.visits)]
                for label, s in items
            ],
            number_formats={},
        )
    return tables


# --- charts -----------------------------------------------------------------------------------


def _chart(chart_id: str, title: str, description: str, bars, summary: str) -> dict:
    return charts.chart_figure(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=bars,
        summary=summary,
        tick_text=_decimal,
    )


def build_charts(stats: ServiceStatistics, tables: dict[str, Table]) -> dict[str, dict]:
    result = {}
    busiest = max(stats.months, key=lambda m: m.visits, default=None)
    if busiest and busiest.visits:
        summary = _(
            "%(appointments)s appointments and %(walk_ins)s walk-ins in all; the busiest month "
            "was %(month)s with %(visits)s visits."
        ) % {
            "appointments": _count(stats.appointments),
            "walk_ins": _count(stats.walk_ins),
            "month": _month_label(busiest.month),
            "visits": _count(busiest.visits),
        }
    else:
        summary = _("There were no visits in these months.")
    result["months"] = _chart(
        "months-chart",
        _("Visits per month"),
        _(
            "Bar chart: the visits (appointments and walk-ins) of each month. The table below "
            "gives the same figures, split."
        ),
        [
            charts.Bar(_month_label(m.month), m.visits, _count(m.visits), "chart-accent")
            for m in stats.months
        ],
        summary,
    )
    for key, chart_title in (
        ("topics", _("Visits by topic")),
        ("languages", _("Visits by language")),
        ("interpreter", _("Visits by interpreter need")),
    ):
        rows = tables[key].rows
        total = sum(row[3] for row in rows)
        if total:
            top = max(rows, key=lambda row: row[3])
            summary = _("%(total)s visits; the most: %(label)s (%(share)s).") % {
                "total": _count(total),
                "label": top[0],
                "share": _percent(top[3] / total),
            }
        else:
            summary = _("There were no visits in these months.")
        result[key] = _chart(
            f"{key}-chart",
            chart_title,
            _("Bar chart: the visits per row of the table below, which gives the figures."),
            [charts.Bar(row[0], row[3], _count(row[3]), "chart-accent") for row in rows],
            summary,
        )
    return result


# --- pages ------------------------------------------------------------------------------------


@login_required
def statistics(request, slug):
    service = _service_for(request, slug)
    first, last, period_message = requested_period(request.GET)
    stats = service_statistics(service, first=first, last=last)
    tables = build_tables(stats)
    chart_by_table = build_charts(stats, tables)
    return render(
        request,
        "counselling/statistics/service.html",
        {
            "service": service,
            "stats": stats,
            "period_message": period_message,
            "first_value": f"{first:%Y-%m}",
            "last_value": f"{last:%Y-%m}",
            "period_label": _("%(first)s to %(last)s")
            % {"first": _month_label(first), "last": _month_label(last)},
            "overview": tables["overview"],
            "sections": [
                {"table": tables[key], "chart": chart_by_table[key]}
                for key in ("months", "topics", "languages", "interpreter")
            ],
            "can_manage": request.user.has_perm("counselling.manage_services"),
        },
    )


@login_required
def statistics_export(request, slug):
    service = _service_for(request, slug)
    table_key = request.GET.get("table", "")
    file_format = request.GET.get("format", "")
    if file_format not in FILE_FORMATS or table_key not in TABLES:
        raise Http404(_("There is no such download."))
    first, last, _message = requested_period(request.GET)
    stats = service_statistics(
        service, first=first, last=last, with_next_slot=table_key == "overview"
    )
    table = build_tables(stats)[table_key]
    return exports.table_response(
        file_format,
        filename=f"{service.slug}-{table_key}-{first:%Y-%m}-{last:%Y-%m}",
        header=table.header,
        rows=table.rows,
        csv_values=table.csv_rows,
        sheet_title=re.sub(r"[\\/*?:\[\]]", " ", table.title),
        number_formats=table.number_formats,
    )


urlpatterns = [
    path("statistics/<slug:slug>/", statistics, name="statistics"),
    path("statistics/<slug:slug>/export/", statistics_export, name="statistics-export"),
]
