"""The centre's figures: the staff dashboard (every figure as numbers, an accessible chart and
a table to download as CSV or XLSX, for a chosen period and association), the public summary
and each association's contribution. Every number comes from `teilhabe.impact.figures`,
which suppresses small cells; this module only formats and arranges."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from teilhabe.associations.models import Association
from teilhabe.core import charts, exports
from teilhabe.core.cache import cache_public_page
from teilhabe.core.numbers import format_count as _count
from teilhabe.core.numbers import format_decimal as _decimal
from teilhabe.core.numbers import format_euro as _euro
from teilhabe.core.numbers import format_percent
from teilhabe.core.recurrence import centre_today

from .. import figures as figures_module
from ..figures import SMALL_CELL, Contribution, Figures, suppressed_text

PRESETS = ("this-year", "last-year", "last-12-months", "custom")
MAX_DAYS = 5 * 366
FILE_FORMATS = {"csv", "xlsx"}
MONEY_FORMAT = "#,##0.00"


# --- the request ------------------------------------------------------------------------------


@dataclass
class Period:
    first: date
    last: date
    preset: str
    message: str = ""

    @property
    def query(self) -> str:
        """The period as query parameters, for links to downloads."""
        return f"period={self.preset}&from={self.first.isoformat()}&to={self.last.isoformat()}"


def _day(value: str | None) -> date | None:
    value = (value or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if 2000 <= day.year <= 2100 else None


def preset_period(preset: str, today: date | None = None) -> tuple[date, date]:
    today = today or centre_today()
    if preset == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if preset == "last-12-months":
        return today - timedelta(days=364), today
    return date(today.year, 1, 1), today


def requested_period(query) -> Period:
    """The period asked for: a preset (this year to today, last year, the last 12 months) or
    custom days; bad input falls back to this year with a message."""
    preset = query.get("period") or ("custom" if query.get("from") else "this-year")
    if preset not in PRESETS:
        return Period(*preset_period("this-year"), "this-year", _("Showing this year."))
    if preset != "custom":
        return Period(*preset_period(preset), preset)
    raw_first, raw_last = query.get("from"), query.get("to")
    first, last = _day(raw_first), _day(raw_last) or (centre_today() if not raw_last else None)
    if first is None or last is None:
        return Period(
            *preset_period("this-year"),
            "this-year",
            _("Please give both days as dates (YYYY-MM-DD). Showing this year."),
        )
    if first > last:
        return Period(
            *preset_period("this-year"),
            "this-year",
            _("The first day is after the last. Showing this year."),
        )
    if (last - first).days + 1 > MAX_DAYS:
        return Period(
            last - timedelta(days=MAX_DAYS - 1),
            last,
            "custom",
            _("At most five years at once: showing the last five of them."),
        )
    return Period(first, last, "custom")


def _period_label(first: date, last: date) -> str:
    return _("%(first)s to %(last)s") % {
        "first": date_format(first, "DATE_FORMAT"),
        "last": date_format(last, "DATE_FORMAT"),
    }


# --- formatting -------------------------------------------------------------------------------


def _percent(share: float | None) -> str:
    """A share as a percentage rounded (not cut) to one decimal."""
    if share is None:
        return format_percent(None)
    return format_percent(Decimal(str(round(share * 100, 1))) / 100)


def _cell(value: int | None) -> str:
    return suppressed_text() if value is None else _count(value)


def _export_cell(value):
    """A suppressed cell in a download: the words, never a number."""
    return suppressed_text() if value is None else value


def _signed_percent(share: float | None) -> str:
    if share is None:
        return "–"
    return ("+" if share > 0 else "") + _percent(share)


def _signed_decimal(value: float | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _decimal(round(value, 1))


def _week_label(monday: date) -> str:
    year, week, _weekday = monday.isocalendar()
    return _("week %(week)s/%(year)s (from %(monday)s)") % {
        "week": week,
        "year": year,
        "monday": date_format(monday, "SHORT_DATE_FORMAT"),
    }


def _week_key(monday: date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _round(value: float | None, digits: int = 4):
    return None if value is None else round(value, digits)


# --- tables -----------------------------------------------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]  # plain values, for the downloads (suppressed cells as words)
    shown: list[list[str]]  # formatted, for the page
    number_formats: dict[int, str] = field(default_factory=dict)
    csv_rows: list[list] | None = None
    footer: list[str] | None = None  # the total, shown in the table's foot
    note: str = ""


def _with_total(table: Table, label: str, values: list, shown: list[str]) -> Table:
    table.rows.append([label, *values])
    table.footer = [label, *shown]
    if table.csv_rows is not None:
        table.csv_rows.append([label, *values])
    return table


def overview_table(figures: Figures) -> Table:
    items = [
        (_("Visits"), figures.visits, _count(figures.visits)),
        (
            _("Visits in the previous period (%(period)s)")
            % {"period": _period_label(figures.previous_first, figures.previous_last)},
            figures.previous_visits,
            _count(figures.previous_visits),
        ),
        (
            _("Change against the previous period (%)"),
            _round(figures.change * 100, 1) if figures.change is not None else None,
            _signed_percent(figures.change),
        ),
        (
            _("Trend: change of the weekly visits per week"),
            _round(figures.slope, 2),
            _signed_decimal(figures.slope),
        ),
        (
            _("Average visits per week"),
            _round(figures.average_per_week, 1),
            _decimal(_round(figures.average_per_week, 1)),
        ),
        (_("Offers with a date in the period"), figures.offers, _count(figures.offers)),
        (
            _("Offers co-hosted by several associations (%)"),
            _round((figures.share_cohosted or 0) * 100, 1) if figures.offers else None,
            _percent(figures.share_cohosted),
        ),
        (
            _("Offers with a migrant organisation among the hosts (%)"),
            _round((figures.share_with_migrant_organisation or 0) * 100, 1)
            if figures.offers
            else None,
            _percent(figures.share_with_migrant_organisation),
        ),
        (_("Volunteers with confirmed hours"), figures.volunteers, _count(figures.volunteers)),
        (
            _("Confirmed volunteer hours"),
            _round(figures.volunteer_hours, 2),
            _decimal(figures.volunteer_hours),
        ),
        (
            # xgettext:no-python-format
            _("Volunteers with their own migration history (% of those who consented)"),
            _round(figures.migration_history_share * 100, 1)
            if figures.is_migration_history_shown
            else _("not shown: fewer than %(minimum)s consented") % {"minimum": SMALL_CELL},
            _percent(figures.migration_history_share)
            if figures.is_migration_history_shown
            else _("not shown: fewer than %(minimum)s consented") % {"minimum": SMALL_CELL},
        ),
        (_("Trainings held"), figures.trainings_held, _count(figures.trainings_held)),
        (
            _("Training participants (attended)"),
            figures.training_participants,
            _count(figures.training_participants),
        ),
        (_("Funds received (€)"), figures.funds, _euro(figures.funds)),
        (
            # xgettext:no-python-format
            _("Room occupancy (% of opening hours)"),
            _round(figures.occupancy * 100, 1),
            _percent(figures.occupancy),
        ),
        (
            _("Counselling appointments attended"),
            figures.counselling_attended,
            _count(figures.counselling_attended),
        ),
        (
            _("Counselling walk-ins served"),
            figures.counselling_walk_ins,
            _count(figures.counselling_walk_ins),
        ),
    ]
    return Table(
        key="overview",
        title=_("Key figures"),
        header=[_("Figure"), _("Value")],
        rows=[[label, value] for label, value, _shown in items],
        shown=[[label, shown] for label, _value, shown in items],
    )


def _cells_table(key: str, title: str, first_column: str, cells, total: int, note="") -> Table:
    table = Table(
        key=key,
        title=title,
        header=[first_column, _("Visits")],
        rows=[[cell.label, _export_cell(cell.value)] for cell in cells],
        shown=[[cell.label, _cell(cell.value)] for cell in cells],
        note=note,
    )
    return _with_total(table, _("Total"), [total], [_count(total)])


def build_tables(figures: Figures) -> dict[str, Table]:
    tables = {"overview": overview_table(figures)}
    weeks = Table(
        key="weeks",
        title=_("Visits per week"),
        header=[_("Week"), _("Visits")],
        rows=[[_week_key(week.monday), _export_cell(week.value)] for week in figures.weeks],
        shown=[[_week_label(week.monday), _cell(week.value)] for week in figures.weeks],
        note=_(
            "A week partly outside the period counts only its days inside. Trend: "
            "%(change)s against the previous period; the weekly visits change by %(slope)s "
            "per week (least squares)."
        )
        % {"change": _signed_percent(figures.change), "slope": _signed_decimal(figures.slope)},
    )
    tables["weeks"] = _with_total(weeks, _("Total"), [figures.visits], [_count(figures.visits)])
    tables["busiest"] = Table(
        key="busiest",
        title=_("The busiest offers of the last week (from %(day)s)")
        % {"day": date_format(figures.last_week_first, "DATE_FORMAT")},
        header=[_("Offer"), _("Category"), _("Visits")],
        rows=[[o.title, o.category, _export_cell(o.value)] for o in figures.busiest],
        shown=[[o.title, o.category, _cell(o.value)] for o in figures.busiest],
    )
    tables["categories"] = _cells_table(
        "categories",
        _("Reach per category"),
        _("Category"),
        figures.by_category,
        figures.visits,
    )
    tables["languages"] = _cells_table(
        "languages",
        _("Reach per language"),
        _("Language"),
        figures.by_language,
        figures.visits,
        note=_(
            "An offer held in several languages counts in each of them, so the languages add "
            "up to more than the total."
        ),
    )
    tables["groups"] = Table(
        key="groups",
        title=_("Who came"),
        header=[_("Group"), _("People"), _("Visits for which this was recorded")],
        rows=[
            [cell.label, _export_cell(cell.value), figures.groups_recorded[cell.key]]
            for cell in figures.groups
        ],
        shown=[
            [cell.label, _cell(cell.value), _count(figures.groups_recorded[cell.key])]
            for cell in figures.groups
        ],
        note=_("Hosts may add these to a head count; not every session has them."),
    )
    tables["cooperation"] = Table(
        key="cooperation",
        title=_("Cooperation between associations"),
        header=[_("Offers with a date in the period"), _("Offers"), _("Share (%)")],
        rows=[
            [_("All"), figures.offers, 100.0 if figures.offers else None],
            [
                _("Co-hosted by several associations"),
                figures.offers_cohosted,
                _round((figures.share_cohosted or 0) * 100, 1) if figures.offers else None,
            ],
            [
                _("With a migrant organisation among the hosts"),
                figures.offers_with_migrant_organisation,
                _round((figures.share_with_migrant_organisation or 0) * 100, 1)
                if figures.offers
                else None,
            ],
        ],
        shown=[
            [_("All"), _count(figures.offers), _percent(1.0 if figures.offers else None)],
            [
                _("Co-hosted by several associations"),
                _count(figures.offers_cohosted),
                _percent(figures.share_cohosted),
            ],
            [
                _("With a migrant organisation among the hosts"),
                _count(figures.offers_with_migrant_organisation),
                _percent(figures.share_with_migrant_organisation),
            ],
        ],
    )
    volunteers = Table(
        key="volunteers",
        title=_("Volunteers and their hours"),
        header=[_("Month"), _("Volunteers"), _("Confirmed hours")],
        rows=[
            [
                f"{m.month:%Y-%m}",
                _export_cell(m.volunteers),
                _export_cell(_round(m.hours, 2)),
            ]
            for m in figures.hours_by_month
        ],
        shown=[
            [
                _month_label(m.month),
                _cell(m.volunteers),
                suppressed_text() if m.hours is None else _decimal(m.hours),
            ]
            for m in figures.hours_by_month
        ],
        note=(
            _(
                "%(share)s of the %(consenting)s volunteers who chose to say so have their own "
                "migration history."
            )
            % {
                "share": _percent(figures.migration_history_share),
                "consenting": _count(figures.consenting_volunteers),
            }
            if figures.is_migration_history_shown
            else _(
                "The share with their own migration history is shown only when at least "
                "%(minimum)s volunteers consented to say so."
            )
            % {"minimum": SMALL_CELL}
        ),
    )
    tables["volunteers"] = _with_total(
        volunteers,
        _("Period"),
        [figures.volunteers, _round(figures.volunteer_hours, 2)],
        [_count(figures.volunteers), _decimal(figures.volunteer_hours)],
    )
    trainings = Table(
        key="trainings",
        title=_("Trainings for volunteers"),
        header=[_("Kind"), _("Trainings held"), _("Participants")],
        rows=[[t.label, t.held, _export_cell(t.participants)] for t in figures.trainings],
        shown=[[t.label, _count(t.held), _cell(t.participants)] for t in figures.trainings],
        note=_("Trainings are those of the whole centre."),
    )
    tables["trainings"] = _with_total(
        trainings,
        _("Total"),
        [figures.trainings_held, figures.training_participants],
        [_count(figures.trainings_held), _count(figures.training_participants)],
    )
    funds = Table(
        key="funds",
        title=_("Funds received per funder level"),
        header=[_("Funder level"), _("Amount (€)")],
        rows=[[row.label, row.amount] for row in figures.funds_by_level],
        shown=[[row.label, _euro(row.amount)] for row in figures.funds_by_level],
        number_formats={1: MONEY_FORMAT},
    )
    tables["funds"] = _with_total(funds, _("Total"), [figures.funds], [_euro(figures.funds)])
    rooms = Table(
        key="rooms",
        title=_("Room occupancy"),
        header=[_("Room"), _("Opening hours"), _("Booked hours"), _("Occupancy")],
        rows=[
            [r.name, _round(r.open_hours, 1), _round(r.booked_hours, 1), _round(r.share)]
            for r in figures.rooms
        ],
        shown=[
            [r.name, _decimal(r.open_hours), _decimal(r.booked_hours), _percent(r.share)]
            for r in figures.rooms
        ],
        number_formats={3: "0.0%"},
        note=_("Booked hours within the opening hours of the whole house, closures left out."),
    )
    rooms.csv_rows = [[*row[:3], _round(row[3] * 100, 1)] for row in rooms.rows]
    tables["rooms"] = _with_total(
        rooms,
        _("The house"),
        [None, None, _round(figures.occupancy)],
        ["", "", _percent(figures.occupancy)],
    )
    if rooms.csv_rows:
        rooms.csv_rows[-1][-1] = _round(figures.occupancy * 100, 1)
    counselling = Table(
        key="counselling",
        title=_("Counselling"),
        header=[_("Month"), _("Appointments attended"), _("Walk-ins served")],
        rows=[
            [f"{m.month:%Y-%m}", _export_cell(m.attended), _export_cell(m.walk_ins)]
            for m in figures.counselling
        ],
        shown=[
            [_month_label(m.month), _cell(m.attended), _cell(m.walk_ins)]
            for m in figures.counselling
        ],
        note=_("From the anonymous counselling records of the whole centre, by month."),
    )
    tables["counselling"] = _with_total(
        counselling,
        _("Total"),
        [figures.counselling_attended, figures.counselling_walk_ins],
        [_count(figures.counselling_attended), _count(figures.counselling_walk_ins)],
    )
    return tables


TABLES = (
    "overview",
    "weeks",
    "busiest",
    "categories",
    "languages",
    "groups",
    "cooperation",
    "volunteers",
    "trainings",
    "funds",
    "rooms",
    "counselling",
)


# --- charts -----------------------------------------------------------------------------------


def _chart(
    key: str, title: str, bars, summary: str, hidden: int = 0, tick=_decimal, max_value=None
) -> dict:
    if hidden:
        summary = (
            summary
            + " "
            + ngettext(
                "%(count)s row with fewer than %(minimum)s people is not drawn.",
                "%(count)s rows with fewer than %(minimum)s people are not drawn.",
                hidden,
            )
            % {"count": hidden, "minimum": SMALL_CELL}
        )
    return charts.chart_figure(
        chart_id=f"{key}-chart",
        title=title,
        description=_("Bar chart; the table below gives the same figures."),
        bars=bars,
        summary=summary,
        tick_text=tick,
        max_value=max_value,
    )


def _bars(pairs) -> tuple[list[charts.Bar], int]:
    """Bars for (label, value) pairs; suppressed values (None) are left out and counted."""
    bars = [
        charts.Bar(label, value, _count(value), "chart-accent")
        for label, value in pairs
        if value is not None
    ]
    return bars, sum(1 for _label, value in pairs if value is None)


def _top_summary(cells, total: int) -> str:
    shown = [cell for cell in cells if cell.value is not None]
    if not shown or not total:
        return _("No visits were recorded in this period.")
    top = shown[0]
    return _("%(total)s visits; the most: %(label)s with %(visits)s (%(share)s).") % {
        "total": _count(total),
        "label": top.label,
        "visits": _count(top.value),
        "share": _percent(top.value / total),
    }


def build_charts(figures: Figures) -> dict[str, dict]:
    result = {}
    bars, hidden = _bars([(_week_label(w.monday), w.value) for w in figures.weeks])
    busiest_week = max(
        (w for w in figures.weeks if w.value is not None), key=lambda w: w.value, default=None
    )
    if figures.visits:
        summary = _(
            "%(total)s visits in %(weeks)s weeks, %(average)s a week on average; "
            "%(change)s against the previous period."
        ) % {
            "total": _count(figures.visits),
            "weeks": _count(len(figures.weeks)),
            "average": _decimal(_round(figures.average_per_week, 1)),
            "change": _signed_percent(figures.change),
        }
        if busiest_week:
            summary += " " + _("The busiest week: %(week)s with %(visits)s visits.") % {
                "week": _week_label(busiest_week.monday),
                "visits": _count(busiest_week.value),
            }
    else:
        summary = _("No visits were recorded in this period.")
    result["weeks"] = _chart("weeks", _("Visits per week"), bars, summary, hidden)

    bars, hidden = _bars([(o.title, o.value) for o in figures.busiest])
    summary = (
        _("The busiest offer of the last week: %(title)s.") % {"title": figures.busiest[0].title}
        if figures.busiest
        else _("No visits were recorded in the last week of the period.")
    )
    result["busiest"] = _chart("busiest", _("The busiest offers"), bars, summary, hidden)

    for key, title, cells in (
        ("categories", _("Reach per category"), figures.by_category),
        ("languages", _("Reach per language"), figures.by_language),
    ):
        bars, hidden = _bars([(cell.label, cell.value) for cell in cells])
        result[key] = _chart(key, title, bars, _top_summary(cells, figures.visits), hidden)

    bars, hidden = _bars([(cell.label, cell.value) for cell in figures.groups])
    result["groups"] = _chart(
        "groups",
        _("Who came"),
        bars,
        _(
            "Children, women and girls, and people here for the first time, where hosts "
            "recorded them."
        ),
        hidden,
    )

    shares = [
        (_("Co-hosted by several associations"), figures.share_cohosted),
        (_("With a migrant organisation among the hosts"), figures.share_with_migrant_organisation),
    ]
    result["cooperation"] = _chart(
        "cooperation",
        _("Cooperation between associations"),
        [charts.Bar(label, share or 0, _percent(share), "chart-accent") for label, share in shares],
        _(
            "Of %(offers)s offers, %(cohosted)s are co-hosted by several associations and "
            "%(migrant)s have a migrant organisation among the hosts."
        )
        % {
            "offers": _count(figures.offers),
            "cohosted": _percent(figures.share_cohosted),
            "migrant": _percent(figures.share_with_migrant_organisation),
        },
        tick=_percent,
        max_value=1,
    )

    hours_bars = [
        charts.Bar(_month_label(m.month), m.hours, _decimal(m.hours), "chart-accent")
        for m in figures.hours_by_month
        if m.hours is not None
    ]
    result["volunteers"] = _chart(
        "volunteers",
        _("Confirmed volunteer hours per month"),
        hours_bars,
        _("%(people)s volunteers gave %(hours)s confirmed hours.")
        % {"people": _count(figures.volunteers), "hours": _decimal(figures.volunteer_hours)},
        sum(1 for m in figures.hours_by_month if m.hours is None),
    )
    bars, hidden = _bars([(t.label, t.participants) for t in figures.trainings])
    result["trainings"] = _chart(
        "trainings",
        _("Training participants per kind"),
        bars,
        _("%(held)s trainings with %(participants)s participants.")
        % {
            "held": _count(figures.trainings_held),
            "participants": _count(figures.training_participants),
        },
        hidden,
    )
    result["funds"] = _chart(
        "funds",
        _("Funds received per funder level"),
        [
            charts.Bar(row.label, float(row.amount), _euro(row.amount), "chart-accent")
            for row in figures.funds_by_level
        ],
        _("%(total)s received in all.") % {"total": _euro(figures.funds)},
        tick=lambda value: _euro(value, 0),
    )
    result["rooms"] = _chart(
        "rooms",
        _("Room occupancy"),
        [charts.Bar(r.name, r.share, _percent(r.share), "chart-accent") for r in figures.rooms],
        _("Bookings fill %(share)s of the opening hours of the whole house.")
        % {"share": _percent(figures.occupancy)},
        tick=_percent,
        max_value=1,
    )
    counselling_pairs = [
        (
            _month_label(m.month),
            None if m.attended is None or m.walk_ins is None else m.attended + m.walk_ins,
        )
        for m in figures.counselling
    ]
    bars, hidden = _bars(counselling_pairs)
    result["counselling"] = _chart(
        "counselling",
        _("Counselling visits per month"),
        bars,
        _("%(attended)s appointments attended and %(walk_ins)s walk-ins served.")
        % {
            "attended": _count(figures.counselling_attended),
            "walk_ins": _count(figures.counselling_walk_ins),
        },
        hidden,
    )
    return result


# --- pages ------------------------------------------------------------------------------------


def _requested_association(request) -> tuple[Association | None, str]:
    slug = (request.GET.get("association") or "").strip()
    if not slug:
        return None, ""
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        return None, _("There is no such association: showing all associations.")
    return association, ""


def _ensure_dashboard(request) -> None:
    if not request.user.has_perm("impact.view_dashboard"):
        raise PermissionDenied


@require_safe
@login_required
def dashboard(request):
    _ensure_dashboard(request)
    period = requested_period(request.GET)
    association, association_message = _requested_association(request)
    figures = figures_module.cached_centre_figures(period.first, period.last, association)
    tables = build_tables(figures)
    chart_by_table = build_charts(figures)
    query = period.query + (f"&association={association.slug}" if association else "")
    return render(
        request,
        "impact/dashboard/dashboard.html",
        {
            "period": period,
            "messages_shown": [m for m in (period.message, association_message) if m],
            "association": association,
            "associations": figures_module.associations_for_filter(),
            "presets": [
                ("this-year", _("This year")),
                ("last-year", _("Last year")),
                ("last-12-months", _("The last 12 months")),
                ("custom", _("Custom period")),
            ],
            "period_label": _period_label(period.first, period.last),
            "figures": figures,
            "overview": tables["overview"],
            "sections": [
                {"table": tables[key], "chart": chart_by_table[key]}
                for key in TABLES
                if key != "overview"
            ],
            "export_query": query,
            "demography": figures_module.newest_demography_profile(),
            "minimum": SMALL_CELL,
        },
    )


@require_safe
@login_required
def dashboard_export(request):
    _ensure_dashboard(request)
    table_key = request.GET.get("table", "")
    file_format = request.GET.get("format", "")
    if file_format not in FILE_FORMATS or table_key not in TABLES:
        raise Http404(_("There is no such download."))
    period = requested_period(request.GET)
    association, _message = _requested_association(request)
    figures = figures_module.cached_centre_figures(period.first, period.last, association)
    table = build_tables(figures)[table_key]
    scope = association.slug if association else "centre"
    return exports.table_response(
        file_format,
        filename=f"impact-{scope}-{table_key}-{period.first:%Y-%m-%d}-{period.last:%Y-%m-%d}",
        header=table.header,
        rows=table.rows,
        csv_values=table.csv_rows,
        sheet_title=re.sub(r"[\\/*?:\[\]]", " ", table.title),
        number_formats=table.number_formats,
    )


@require_safe
@cache_public_page
def public_summary(request):
    today = centre_today()
    first = date(today.year, 1, 1)
    figures = figures_module.cached_centre_figures(first, today)
    tables = build_tables(figures)
    charts_by_table = build_charts(figures)
    return render(
        request,
        "impact/dashboard/summary.html",
        {
            "figures": figures,
            "period_label": _period_label(first, today),
            "numbers": [
                (_("Visits"), _count(figures.visits)),
                (
                    _("Visits per week on average"),
                    _decimal(_round(figures.average_per_week, 0)),
                ),
                (_("Offers with a date this year"), _count(figures.offers)),
                (
                    _("Associations in the house"),
                    _count(figures_module.active_associations_count()),
                ),
                (_("Offers co-hosted by several associations"), _percent(figures.share_cohosted)),
                (
                    _("Offers with a migrant organisation among the hosts"),
                    _percent(figures.share_with_migrant_organisation),
                ),
                (_("Volunteers"), _count(figures.volunteers)),
                (_("Hours they gave"), _decimal(_round(figures.volunteer_hours, 0))),
            ],
            "weeks": {"table": tables["weeks"], "chart": charts_by_table["weeks"]},
            "cooperation_chart": charts_by_table["cooperation"],
            "demography": figures_module.newest_demography_profile(),
            "minimum": SMALL_CELL,
        },
    )


# --- an association's contribution ------------------------------------------------------------


def _role(offer) -> str:
    return _("leads") if offer.is_lead else _("co-hosts")


def contribution_tables(contribution: Contribution) -> dict[str, Table]:
    c = contribution
    items = [
        (_("Offers it leads"), c.offers_led),
        (_("… of them co-hosted with other associations"), c.offers_with_partners),
        (_("Offers of other associations it co-hosts"), c.offers_cohosted),
        (_("Visits to its offers"), c.visits),
        (_("… to the offers it leads"), c.visits_led),
        (_("… to the offers it co-hosts"), c.visits_cohosted),
        (_("Volunteers with confirmed hours"), c.volunteers),
    ]
    overview = Table(
        key="overview",
        title=_("Its contribution"),
        header=[_("Figure"), _("Value")],
        rows=[[label, value] for label, value in items]
        + [[_("Confirmed volunteer hours"), _round(c.volunteer_hours, 2)]],
        shown=[[label, _count(value)] for label, value in items]
        + [[_("Confirmed volunteer hours"), _decimal(c.volunteer_hours)]],
    )
    offers = Table(
        key="offers",
        title=_("Its offers"),
        header=[_("Offer"), _("Role"), _("Dates"), _("Visits")],
        rows=[
            [
                o.title,
                _("leads") if o.is_lead else _("co-hosts"),
                o.sessions,
                _export_cell(o.visits),
            ]
            for o in c.offers
        ],
        shown=[
            [
                o.title,
                _("leads") if o.is_lead else _("co-hosts"),
                _count(o.sessions),
                _cell(o.visits),
            ]
            for o in c.offers
        ],
    )
    offers.rows.append([_("Total"), "", sum(o.sessions for o in c.offers), c.visits])
    offers.footer = [_("Total"), "", _count(sum(o.sessions for o in c.offers)), _count(c.visits)]
    return {"overview": overview, "offers": offers}


def _association_for(request, slug: str) -> Association:
    association = get_object_or_404(Association, slug=slug)
    if not request.user.has_perm("impact.view_contribution", association):
        raise PermissionDenied
    return association


@require_safe
@login_required
def contribution(request, slug):
    association = _association_for(request, slug)
    period = requested_period(request.GET)
    result = figures_module.association_contribution(association, period.first, period.last)
    tables = contribution_tables(result)
    return render(
        request,
        "impact/dashboard/contribution.html",
        {
            "association": association,
            "period": period,
            "messages_shown": [period.message] if period.message else [],
            "presets": [
                ("this-year", _("This year")),
                ("last-year", _("Last year")),
                ("last-12-months", _("The last 12 months")),
                ("custom", _("Custom period")),
            ],
            "period_label": _period_label(period.first, period.last),
            "contribution": result,
            "tables": [tables["overview"], tables["offers"]],
            "export_query": period.query,
            "minimum": SMALL_CELL,
            "may_see_dashboard": request.user.has_perm("impact.view_dashboard"),
            "associations": None,
        },
    )


@require_safe
@login_required
def contribution_export(request, slug):
    association = _association_for(request, slug)
    table_key = request.GET.get("table", "")
    file_format = request.GET.get("format", "")
    if file_format not in FILE_FORMATS or table_key not in ("overview", "offers"):
        raise Http404(_("There is no such download."))
    period = requested_period(request.GET)
    result = figures_module.association_contribution(association, period.first, period.last)
    table = contribution_tables(result)[table_key]
    return exports.table_response(
        file_format,
        filename=f"contribution-{association.slug}-{table_key}-"
        f"{period.first:%Y-%m-%d}-{period.last:%Y-%m-%d}",
        header=table.header,
        rows=table.rows,
        sheet_title=re.sub(r"[\\/*?:\[\]]", " ", table.title),
    )


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("export/", dashboard_export, name="dashboard-export"),
    path("summary/", public_summary, name="public-summary"),
    path("association/<slug:slug>/", contribution, name="contribution"),
    path("association/<slug:slug>/export/", contribution_export, name="contribution-export"),
]
