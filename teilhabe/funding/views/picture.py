"""The picture of funding: money applied for, approved and received per year, funder level and
association, the success rate and the share of the house's programme each funder level
finances — with charts, tables and their CSV and XLSX downloads. Staff see every association
(and may pick one); an association's admins see their own association only."""

import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from teilhabe.associations.models import Association
from teilhabe.core import charts, exports
from teilhabe.core.numbers import format_count as _count
from teilhabe.core.numbers import format_euro as _euro
from teilhabe.core.numbers import format_percent as _percent
from teilhabe.core.recurrence import centre_today

from ..models import FunderLevel
from ..picture import Money, Picture, funding_picture
from ..rules import administered_association_ids

MAX_YEARS = 10
FILE_FORMATS = {"csv", "xlsx"}
TABLES = ("years", "levels", "associations", "detail", "share")
MONEY_FORMAT = "#,##0.00"


# --- the request ----------------------------------------------------------------------------


@dataclass
class Scope:
    first_year: int
    last_year: int
    association: Association | None
    associations: list[Association]  # the ones the person may choose from
    is_staff: bool
    message: str = ""


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    if not re.fullmatch(r"\d{4}", value) or not 2000 <= int(value) <= 2100:
        return None
    return int(value)


def requested_scope(request) -> Scope:
    """The years and the association asked for, as far as the person may see them. Raises
    PermissionDenied for people who see no figures at all."""
    user = request.user
    is_staff = user.has_perm("funding.view_all")
    own = administered_association_ids(user)
    if not is_staff and not own:
        raise PermissionDenied
    this_year = centre_today().year
    message = ""
    raw_first, raw_last = request.GET.get("from"), request.GET.get("to")
    first, last = _year(raw_first), _year(raw_last)
    if (raw_first and first is None) or (raw_last and last is None):
        message = _("Please give years as YYYY. Showing last year and this year.")
        first = last = None
    last = last or max(this_year, first or this_year)
    first = first or min(last, this_year) - 1
    if first > last:
        message = _("The first year is after the last. Showing last year and this year.")
        first, last = this_year - 1, this_year
    if last - first + 1 > MAX_YEARS:
        first = last - MAX_YEARS + 1
        message = _("At most ten years at once: showing the last ten of them.")
    associations = Association.objects.order_by("name")
    if not is_staff:
        associations = associations.filter(pk__in=own)
    associations = list(associations)
    raw_association = request.GET.get("association", "")
    chosen = next((a for a in associations if str(a.pk) == raw_association), None)
    if chosen is None and not is_staff:
        chosen = associations[0]  # an association's admin sees their own figures only
    return Scope(first, last, chosen, associations, is_staff, message)


# --- formatting -----------------------------------------------------------------------------


def _level_label(level: str | None) -> str:
    return str(FunderLevel(level).label) if level else _("not funded / own means")


# --- the tables -----------------------------------------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]  # plain values, for the downloads
    shown: list[list[str]]  # formatted, for the page
    number_formats: dict[int, str]
    csv_rows: list[list] | None = None


def _money_columns() -> list[str]:
    return [
        _("Applied for (€)"),
        _("Approved (€)"),
        _("Received (€)"),
        _("Decisions"),
        _("Approved or partly approved"),
        _("Success rate"),
    ]


def _money_values(money: Money) -> list:
    rate = money.success_rate
    return [
        float(money.applied),
        float(money.approved),
        float(money.received),
        money.decided,
        money.successful,
        rate,
    ]


def _money_shown(money: Money) -> list[str]:
    return [
        _euro(money.applied),
        _euro(money.approved),
        _euro(money.received),
        _count(money.decided),
        _count(money.successful),
        _percent(money.success_rate),
    ]


def _csv_percent(rows: list[list], column: int) -> list[list]:
    return [
        [
            *row[:column],
            None if row[column] is None else round(row[column] * 100, 2),
            *row[column + 1 :],
        ]
        for row in rows
    ]


def _money_table(key: str, title: str, first_column: str, items, offset: int = 1) -> Table:
    rows = [[*labels, *_money_values(money)] for labels, money in items]
    rate_column = offset + 5
    formats = {offset + i: MONEY_FORMAT for i in range(3)} | {rate_column: "0.0%"}
    return Table(
        key=key,
        title=title,
        header=[*first_column, *_money_columns()],
        rows=rows,
        shown=[
            [*[str(label) for label in labels], *_money_shown(money)] for labels, money in items
        ],
        number_formats=formats,
        csv_rows=_csv_percent(rows, rate_column),
    )


def build_tables(picture: Picture) -> dict[str, Table]:
    tables = {
        "years": _money_table(
            "years",
            _("Money per year"),
            [_("Year")],
            [([str(year)], money) for year, money in picture.by_year]
            + [([_("All years")], picture.total)],
        ),
        "levels": _money_table(
            "levels",
            _("Money per funder level"),
            [_("Funder level")],
            [([_level_label(level)], money) for level, money in picture.by_level],
        ),
        "associations": _money_table(
            "associations",
            _("Money per association"),
            [_("Association")],
            [([name], money) for name, money in picture.by_association],
        ),
        "detail": _money_table(
            "detail",
            _("Money per association, year and funder level"),
            [_("Association"), _("Year"), _("Funder level")],
            [
                ([name, str(year), _level_label(level)], money)
                for name, year, level, money in picture.detail
            ],
            offset=3,
        ),
    }
    share_rows = [[_level_label(r.level), r.sessions, r.share] for r in picture.shares]
    share_rows.append(
        [_("All sessions"), picture.sessions_total, 1.0 if picture.sessions_total else None]
    )
    tables["share"] = Table(
        key="share",
        title=_("Share of the house's programme financed per funder level"),
        header=[_("Funder level"), _("Sessions"), _("Share of all sessions")],
        rows=share_rows,
        shown=[[row[0], _count(row[1]), _percent(row[2])] for row in share_rows],
        number_formats={2: "0.0%"},
        csv_rows=_csv_percent(share_rows, 2),
    )
    return tables


# --- charts ---------------------------------------------------------------------------------


def _chart(chart_id: str, title: str, description: str, bars, summary: str, tick) -> dict:
    return charts.chart_figure(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=bars,
        summary=summary,
        tick_text=tick,
    )


def _euro_tick(value: float) -> str:
    return _euro(round(value))


def build_charts(picture: Picture) -> dict[str, dict]:
    total = picture.total
    result = {}
    money_summary = _(
        "%(applied)s applied for, %(approved)s approved and %(received)s received in these "
        "years; success rate %(rate)s."
    ) % {
        "applied": _euro(total.applied),
        "approved": _euro(total.approved),
        "received": _euro(total.received),
        "rate": _percent(total.success_rate),
    }
    result["years"] = _chart(
        "years-chart",
        _("Money approved per year"),
        _(
            "Bar chart: the money approved in each year. The table below gives it with the money "
            "applied for and received."
        ),
        [
            charts.Bar(str(year), float(money.approved), _euro(money.approved), "chart-accent")
            for year, money in picture.by_year
        ],
        money_summary,
        _euro_tick,
    )
    levels = [(level, money) for level, money in picture.by_level]
    top_level = max(levels, key=lambda item: item[1].approved, default=None)
    if top_level and top_level[1].approved:
        level_summary = _("Most money was approved by the %(level)s level: %(amount)s.") % {
            "level": _level_label(top_level[0]),
            "amount": _euro(top_level[1].approved),
        }
    else:
        level_summary = _("No money was approved in these years.")
    result["levels"] = _chart(
        "levels-chart",
        _("Money approved per funder level"),
        _("Bar chart: the money approved per funder level. The table below gives the figures."),
        [
            charts.Bar(_level_label(level), float(m.approved), _euro(m.approved), "chart-accent")
            for level, m in levels
        ],
        level_summary,
        _euro_tick,
    )
    associations = picture.by_association
    top = max(associations, key=lambda item: item[1].approved, default=None)
    if top and top[1].approved:
        association_summary = _(
            "%(count)s associations; the most approved: %(name)s (%(amount)s)."
        ) % {
            "count": _count(len(associations)),
            "name": top[0],
            "amount": _euro(top[1].approved),
        }
    else:
        association_summary = _("No money was approved in these years.")
    result["associations"] = _chart(
        "associations-chart",
        _("Money approved per association"),
        _("Bar chart: the money approved per association. The table below gives the figures."),
        [
            charts.Bar(name, float(m.approved), _euro(m.approved), "chart-accent")
            for name, m in associations
        ],
        association_summary,
        _euro_tick,
    )
    if picture.sessions_total:
        share_summary = _(
            "%(funded)s of %(total)s sessions (%(share)s) were financed by grants; the rest by "
            "the associations' own means."
        ) % {
            "funded": _count(picture.sessions_funded),
            "total": _count(picture.sessions_total),
            "share": _percent(picture.sessions_funded / picture.sessions_total),
        }
    else:
        share_summary = _("There were no sessions in these years.")
    result["share"] = _chart(
        "share-chart",
        _("Share of the programme per funder level"),
        _(
            "Bar chart: the share of all sessions financed by each funder level, and the share "
            "not funded. The table below gives the figures."
        ),
        [
            charts.Bar(_level_label(row.level), row.share or 0, _percent(row.share), "chart-accent")
            for row in picture.shares
        ],
        share_summary,
        _percent,
    )
    return result


# --- pages ----------------------------------------------------------------------------------


def _picture_for(scope: Scope) -> Picture:
    return funding_picture(
        first_year=scope.first_year,
        last_year=scope.last_year,
        association_id=scope.association.pk if scope.association else None,
    )


@login_required
@require_safe
def picture(request):
    scope = requested_scope(request)
    figures = _picture_for(scope)
    tables = build_tables(figures)
    chart_by_table = build_charts(figures)
    keys = ["years", "levels"]
    if scope.association is None:
        keys.append("associations")
    keys.append("share")
    query = f"from={scope.first_year}&to={scope.last_year}"
    if scope.association:
        query += f"&association={scope.association.pk}"
    return render(
        request,
        "funding/picture/picture.html",
        {
            "scope": scope,
            "years": list(range(2000, centre_today().year + 2)),
            "period_label": _("%(first)s to %(last)s")
            % {"first": scope.first_year, "last": scope.last_year},
            "sections": [{"table": tables[key], "chart": chart_by_table[key]} for key in keys],
            "detail": tables["detail"],
            "query": query,
        },
    )


@login_required
@require_safe
def picture_export(request):
    table_key = request.GET.get("table", "")
    file_format = request.GET.get("format", "")
    if file_format not in FILE_FORMATS or table_key not in TABLES:
        raise Http404(_("There is no such download."))
    scope = requested_scope(request)
    table = build_tables(_picture_for(scope))[table_key]
    name = f"funding-{table_key}-{scope.first_year}-{scope.last_year}"
    if scope.association:
        name += f"-{scope.association.slug}"
    return exports.table_response(
        file_format,
        filename=name,
        header=table.header,
        rows=table.rows,
        csv_values=table.csv_rows,
        sheet_title=re.sub(r"[\\/*?:\[\]]", " ", table.title),
        number_formats=table.number_formats,
    )


urlpatterns = [
    path("picture/", picture, name="picture"),
    path("picture/export/", picture_export, name="picture-export"),
]
