"""Seeing the house: the week grid of every room, the front desk's day, and the use figures
(occupancy per room, booked hours per association) with their CSV and XLSX downloads."""

import re
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from teilhabe.core import charts, exports
from teilhabe.core.recurrence import centre_today

from .. import grid_selectors
from ..grid_selectors import Period

# How far from today ?week= and ?day= may lead; further is taken as a typo and shows today.
MAX_DAYS_AWAY = 10 * 366
FIRST_YEAR = 2000
FILE_FORMATS = {"csv", "xlsx"}
TABLES = {"rooms", "associations"}


# --- who may see what -------------------------------------------------------------------------


def _check_may_see_the_house(user) -> None:
    if not user.has_perm("rooms.view_house"):
        raise PermissionDenied


def _check_may_see_figures(user) -> None:
    if not user.has_perm("rooms.view_use_figures"):
        raise PermissionDenied


# --- reading the request ----------------------------------------------------------------------


def _requested_day(value: str | None) -> date:
    today = centre_today()
    try:
        day = date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    return day if abs((day - today).days) <= MAX_DAYS_AWAY else today


def _requested_floor(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _room_selection(request) -> grid_selectors.RoomSelection:
    return grid_selectors.rooms_for_grid(
        floor=_requested_floor(request.GET.get("floor")),
        equipment=request.GET.get("equipment", ""),
    )


def _requested_period(query) -> Period:
    today = centre_today()
    last_year = today.year + 10
    month = re.fullmatch(r"(\d{4})-(\d{2})", query.get("month", ""))
    if month and FIRST_YEAR <= int(month[1]) <= last_year and 1 <= int(month[2]) <= 12:
        return grid_selectors.month_period(int(month[1]), int(month[2]))
    year = query.get("year", "")
    if year.isdigit() and FIRST_YEAR <= int(year) <= last_year:
        return grid_selectors.year_period(int(year))
    return grid_selectors.month_period(today.year, today.month)


def _period_query(period: Period) -> str:
    return f"year={period.first:%Y}" if period.is_year else f"month={period.first:%Y-%m}"


def _period_label(period: Period) -> str:
    return (
        str(period.first.year) if period.is_year else date_format(period.first, "YEAR_MONTH_FORMAT")
    )


# --- formatting figures -----------------------------------------------------------------------


def _percent(share: float) -> str:
    return _("%(number)s %%") % {"number": number_format(share * 100, 1)}


def _hours(hours: float) -> str:
    return _("%(number)s h") % {"number": number_format(hours, 1)}


def _round(value: float) -> str:
    return number_format(value, 0 if value == int(value) else 1)


def _percent_tick(value: float) -> str:
    return _("%(number)s %%") % {"number": _round(value)}


def _hours_tick(value: float) -> str:
    return _("%(number)s h") % {"number": _round(value)}


# --- pages ------------------------------------------------------------------------------------


def _common_context(request, selection) -> dict:
    return {
        "selection": selection,
        "floors": [(floor, grid_selectors.floor_name(floor)) for floor in selection.floors],
        "can_view_figures": request.user.has_perm("rooms.view_use_figures"),
        "today": centre_today(),
    }


@login_required
def week_grid(request):
    _check_may_see_the_house(request.user)
    monday = grid_selectors.week_of(_requested_day(request.GET.get("week")))
    selection = _room_selection(request)
    week = grid_selectors.house_week(monday, selection.rooms)
    this_monday = grid_selectors.week_of(centre_today())
    return render(
        request,
        "rooms/grid/week.html",
        {
            **_common_context(request, selection),
            "week": week,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous_week": (monday - timedelta(days=7)).isoformat(),
            "next_week": (monday + timedelta(days=7)).isoformat(),
            "this_week": this_monday.isoformat(),
            "is_this_week": monday == this_monday,
        },
    )


@login_required
def day_view(request):
    _check_may_see_the_house(request.user)
    day = _requested_day(request.GET.get("day"))
    selection = _room_selection(request)
    house = grid_selectors.house_day(day, selection.rooms)
    return render(
        request,
        "rooms/grid/day.html",
        {
            **_common_context(request, selection),
            "house": house,
            "day": day,
            "previous_day": (day - timedelta(days=1)).isoformat(),
            "next_day": (day + timedelta(days=1)).isoformat(),
            "is_today": day == centre_today(),
            "week": grid_selectors.week_of(day).isoformat(),
        },
    )


def _occupancy_chart(occupancy, period_label: str) -> dict:
    rooms = occupancy.rooms
    bars = [
        charts.Bar(item.room.name.text, item.share * 100, _percent(item.share), "chart-accent")
        for item in rooms
    ]
    if rooms:
        top = max(rooms, key=lambda item: item.share)
        bottom = min(rooms, key=lambda item: item.share)
        summary = _(
            "On average the rooms were booked for %(share)s of their opening hours; "
            "%(top)s the most (%(top_share)s), %(bottom)s the least (%(bottom_share)s)."
        ) % {
            "share": _percent(occupancy.share),
            "top": top.room.name.text,
            "top_share": _percent(top.share),
            "bottom": bottom.room.name.text,
            "bottom_share": _percent(bottom.share),
        }
    else:
        summary = _("There are no rooms in use.")
    title = _("Occupancy per room, %(period)s") % {"period": period_label}
    return charts.chart_figure(
        chart_id="occupancy-chart",
        title=title,
        description=_(
            "Bar chart: the share of its opening hours for which each room was booked, "
            "from 0 to 100 percent. The table below gives the same figures."
        ),
        bars=bars,
        summary=summary,
        tick_text=_percent_tick,
        max_value=min(100, charts.nice_ceiling(max((bar.value for bar in bars), default=0))),
    )


def _association_chart(rows, period_label: str) -> dict:
    total = sum(row.total for row in rows)
    if total:
        top = rows[0]
        summary = _("%(total)s were booked in all; %(top)s booked the most (%(top_hours)s).") % {
            "total": _hours(total),
            "top": top.name,
            "top_hours": _hours(top.total),
        }
    else:
        summary = _("Nothing was booked in this period.")
    title = _("Booked hours per association, %(period)s") % {"period": period_label}
    return charts.chart_figure(
        chart_id="association-chart",
        title=title,
        description=_(
            "Bar chart: the hours each association booked rooms for in the period, most "
            "first. The table below gives the same figures month by month."
        ),
        bars=[charts.Bar(row.name, row.total, _hours(row.total), row.colour) for row in rows],
        summary=summary,
        tick_text=_hours_tick,
    )


@login_required
def use_figures(request):
    _check_may_see_figures(request.user)
    period = _requested_period(request.GET)
    label = _period_label(period)
    occupancy = grid_selectors.room_occupancy(period.first, period.last)
    hours = grid_selectors.association_hours(period)
    today = centre_today()
    return render(
        request,
        "rooms/grid/use_figures.html",
        {
            "period": period,
            "period_label": label,
            "period_query": _period_query(period),
            "previous_query": _period_query(period.previous),
            "next_query": _period_query(period.next),
            "month_value": f"{period.first:%Y-%m}",
            "year_value": period.first.year,
            "years": range(today.year + 1, FIRST_YEAR - 1, -1),
            "occupancy": occupancy,
            "occupancy_rows": [
                {
                    "name": item.room.name,
                    "floor": item.room.floor_name,
                    "open": _hours(item.open_hours),
                    "booked": _hours(item.booked_hours),
                    "share": _percent(item.share),
                }
                for item in occupancy.rooms
            ],
            "occupancy_total": {
                "open": _hours(sum(item.open_hours for item in occupancy.rooms)),
                "booked": _hours(sum(item.booked_hours for item in occupancy.rooms)),
                "share": _percent(occupancy.share),
            },
            "occupancy_chart": _occupancy_chart(occupancy, label),
            "months": [date_format(month, "M") for month in period.months],
            "association_rows": [
                {
                    "name": row.name,
                    "colour": row.colour,
                    "months": [number_format(value, 1) for value in row.by_month],
                    "total": number_format(row.total, 1),
                }
                for row in hours
            ],
            "association_totals": {
                "months": [
                    number_format(sum(row.by_month[i] for row in hours), 1)
                    for i in range(len(period.months))
                ],
                "total": number_format(sum(row.total for row in hours), 1),
            },
            "association_chart": _association_chart(hours, label),
        },
    )


@login_required
def use_figures_export(request, file_format):
    _check_may_see_figures(request.user)
    table = request.GET.get("table", "rooms")
    if file_format not in FILE_FORMATS or table not in TABLES:
        raise Http404(_("There is no such download."))
    period = _requested_period(request.GET)
    stamp = f"{period.first:%Y}" if period.is_year else f"{period.first:%Y-%m}"
    if table == "rooms":
        occupancy = grid_selectors.room_occupancy(period.first, period.last)
        header = [
            _("Room"),
            _("Floor"),
            _("Opening hours (h)"),
            _("Booked hours within opening hours (h)"),
            _("Occupancy (%)"),
        ]
        rows = [
            [
                item.room.name.text,
                item.room.room.floor,
                round(item.open_hours, 2),
                round(item.booked_hours, 2),
                round(item.share, 4),
            ]
            for item in occupancy.rooms
        ]
        return exports.table_response(
            file_format,
            filename=f"room-occupancy-{stamp}",
            header=header,
            rows=rows,
            csv_values=[[*row[:4], round(row[4] * 100, 2)] for row in rows],
            sheet_title=_("Occupancy"),
            number_formats={2: "0.0", 3: "0.0", 4: "0.0%"},
        )
    hours = grid_selectors.association_hours(period)
    header = [
        _("Association"),
        *(f"{month:%Y-%m}" for month in period.months),
        _("Total (h)"),
    ]
    rows = [
        [row.name, *(round(value, 2) for value in row.by_month), round(row.total, 2)]
        for row in hours
    ]
    return exports.table_response(
        file_format,
        filename=f"association-hours-{stamp}",
        header=header,
        rows=rows,
        sheet_title=_("Hours per association"),
        number_formats=dict.fromkeys(range(1, len(header)), "0.0"),
    )


urlpatterns = [
    path("", week_grid, name="week-grid"),
    path("day/", day_view, name="day"),
    path("use/", use_figures, name="use-figures"),
    path("use.<str:file_format>", use_figures_export, name="use-figures-export"),
]
