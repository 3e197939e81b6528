"""The annual report as a PDF: the year's figures (from `figures.centre_figures`, small cells
suppressed there), charts, tables, the programme's highlights, the city's demography profile
beside the centre's figures, and a note on sources and method. Built by the Celery task in
`tasks.py` for a ReportJob, whose progress it updates at each stage so that the page can show
it; a failure marks the job failed with a message."""

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.core import charts
from teilhabe.core.models import Centre
from teilhabe.core.numbers import format_count
from teilhabe.core.pdf import render_template_to_pdf, text_direction
from teilhabe.core.recurrence import centre_today
from teilhabe.core.translations import translated
from teilhabe.programme.models import Offer, OfferStatus

from . import figures as figures_module
from .figures import SMALL_CELL, suppress, suppressed_text
from .models import DemographyProfile, ReportJob, ReportStatus, SessionAttendance

RTL_LANGUAGES = {"ar", "fa"}
HIGHLIGHTS = 8


@dataclass(frozen=True)
class OfferRow:
    title: str
    title_dir: str
    category: str
    hosts: str
    hosts_dir: str
    visits: int | None = None  # None: fewer than 5
    sessions: int = 0

    @property
    def visits_text(self) -> str:
        return suppressed_text() if self.visits is None else format_count(self.visits)


def year_span(year: int) -> tuple[date, date]:
    """1 January … 31 December, or … today for the running year."""
    today = centre_today()
    last = date(year, 12, 31)
    return date(year, 1, 1), min(last, today) if year == today.year else last


def _set_progress(job: ReportJob, progress: int, status: str = ReportStatus.RUNNING) -> None:
    ReportJob.objects.filter(pk=job.pk).update(progress=progress, status=status)
    job.progress, job.status = progress, status


# --- reads ---------------------------------------------------------------------------------------


def _offers_of(association):
    offers = Offer.objects.all()
    if association is not None:
        offers = offers.filter(
            pk__in=Offer.objects.filter(lead_association=association)
            .values("pk")
            .union(
                Offer.co_hosts.through.objects.filter(association=association).values("offer_id")
            )
        )
    return offers


def _hosts(offer: Offer) -> str:
    names = [offer.lead_association.name] if offer.lead_association_id else []
    names += [host.name for host in offer.co_hosts.all()]
    return ", ".join(names)


def _row(offer: Offer, **values) -> OfferRow:
    title = translated(offer, "title").text
    hosts = _hosts(offer)
    return OfferRow(
        title=title,
        title_dir=text_direction(title),
        category=translated(offer.category, "name").text if offer.category_id else "",
        hosts=hosts,
        hosts_dir=text_direction(hosts),
        **values,
    )


def busiest_offers(first: date, last: date, association=None) -> list[OfferRow]:
    """The offers with the most visits in the year (visits of fewer than 5 suppressed)."""
    totals = list(
        SessionAttendance.objects.filter(
            day__gte=first, day__lte=last, offer__in=_offers_of(association)
        )
        .values("offer_id")
        .annotate(visits=Sum("head_count"), sessions=Count("pk"))
        .order_by("-visits", "offer_id")[:HIGHLIGHTS]
    )
    offers = Offer.objects.select_related("category", "lead_association").prefetch_related(
        "co_hosts"
    )
    by_pk = {offer.pk: offer for offer in offers.filter(pk__in=[t["offer_id"] for t in totals])}
    return [
        _row(by_pk[t["offer_id"]], visits=suppress(t["visits"]), sessions=t["sessions"])
        for t in totals
        if t["offer_id"] in by_pk
    ]


def new_offers(first: date, last: date, association=None) -> list[OfferRow]:
    """Offers first published in the year (created in it, not drafts)."""
    offers = (
        _offers_of(association)
        .exclude(status=OfferStatus.DRAFT)
        .filter(created_at__date__gte=first, created_at__date__lte=last)
        .select_related("category", "lead_association")
        .prefetch_related("co_hosts")
        .order_by("-created_at")[:HIGHLIGHTS]
    )
    return [_row(offer) for offer in offers]


def cohosted_offers(first: date, last: date, association=None) -> list[OfferRow]:
    """Offers with several hosts that had visits in the year, the busiest first."""
    totals = (
        SessionAttendance.objects.filter(
            day__gte=first,
            day__lte=last,
            offer__in=_offers_of(association).filter(co_hosts__isnull=False).distinct(),
        )
        .values("offer_id")
        .annotate(visits=Sum("head_count"))
        .order_by("-visits", "offer_id")[:HIGHLIGHTS]
    )
    totals = list(totals)
    offers = Offer.objects.select_related("category", "lead_association").prefetch_related(
        "co_hosts"
    )
    by_pk = {offer.pk: offer for offer in offers.filter(pk__in=[t["offer_id"] for t in totals])}
    return [
        _row(by_pk[t["offer_id"]], visits=suppress(t["visits"]))
        for t in totals
        if t["offer_id"] in by_pk
    ]


def visits_by_month(first: date, last: date, association=None) -> list[tuple[date, int | None]]:
    rows = (
        SessionAttendance.objects.filter(day__gte=first, day__lte=last)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(visits=Sum("head_count"))
        .order_by("month")
    )
    if association is not None:
        rows = rows.filter(offer__in=_offers_of(association))
    totals = {row["month"]: row["visits"] for row in rows}
    months = figures_module.months_between(first, last)
    return [(month, suppress(totals.get(month, 0) or 0)) for month in months]


def demography_profile(year: int) -> DemographyProfile | None:
    """The profile of the report's year, or the newest before it, or the newest at all."""
    return (
        DemographyProfile.objects.filter(year__lte=year).order_by("-year").first()
        or figures_module.newest_demography_profile()
    )


# --- charts --------------------------------------------------------------------------------------


def _bars_of_cells(cells) -> list[charts.Bar]:
    return [
        charts.Bar(cell.label, cell.value or 0, _cell_text(cell.value))
        for cell in cells
        if cell.value is not None
    ]


def _cell_text(value: int | None) -> str:
    return suppressed_text() if value is None else format_count(value)


def _charts(figures, months, rtl: bool) -> dict:
    month_bars = [
        charts.Bar(date_format(month, "F"), value or 0, _cell_text(value))
        for month, value in months
    ]
    result = {
        "months": charts.bar_chart(
            chart_id="visits-by-month",
            title=_("Visits per month"),
            description=_("Visits per month of the year; the table below gives the numbers."),
            bars=month_bars,
            rtl=rtl,
        )
    }
    if figures.by_category:
        result["categories"] = charts.bar_chart(
            chart_id="visits-by-category",
            title=_("Visits per category"),
            description=_("Visits per category of offers; the table below gives the numbers."),
            bars=_bars_of_cells(figures.by_category),
            rtl=rtl,
        )
    if figures.by_language:
        result["languages"] = charts.bar_chart(
            chart_id="visits-by-language",
            title=_("Visits per language of the offer"),
            description=_("Visits per language the offers are held in."),
            bars=_bars_of_cells(figures.by_language),
            rtl=rtl,
        )
    return result


# --- building ------------------------------------------------------------------------------------


def report_context(job: ReportJob, on_stage=lambda progress: None) -> dict:
    """Everything the report's template shows, in the job's language (active)."""
    first, last = year_span(job.year)
    association = job.association
    figures = figures_module.centre_figures(first, last, association)
    on_stage(35)
    months = visits_by_month(first, last, association)
    highlights = {
        "busiest": busiest_offers(first, last, association),
        "new": new_offers(first, last, association),
        "cohosted": cohosted_offers(first, last, association),
    }
    on_stage(55)
    rtl = job.language in RTL_LANGUAGES
    drawn = _charts(figures, months, rtl)
    on_stage(70)
    centre = Centre.current()
    profile = demography_profile(job.year)
    per_thousand = None
    if profile and profile.population:
        per_thousand = round(figures.visits * 1000 / profile.population, 1)
    return {
        "job": job,
        "year": job.year,
        "first": first,
        "last": last,
        "association": association,
        "association_dir": text_direction(association.name) if association else "ltr",
        "centre": centre,
        "centre_dir": text_direction(centre.name),
        "language": job.language,
        "is_rtl": rtl,
        "figures": figures,
        "months": [(month, _cell_text(value)) for month, value in months],
        "charts": drawn,
        "highlights": highlights,
        "profile": profile,
        "visits_per_thousand": per_thousand,
        "small_cell": SMALL_CELL,
        "suppressed": suppressed_text(),
        "made_on": centre_today(),
        "by_category": [(cell.label, _cell_text(cell.value)) for cell in figures.by_category],
        "by_language": [(cell.label, _cell_text(cell.value)) for cell in figures.by_language],
    }


def render_report(job: ReportJob, on_stage=lambda progress: None) -> bytes:
    with translation.override(job.language):
        context = report_context(job, on_stage)
        html_pdf = render_template_to_pdf("impact/reports/annual.html", context)
    return html_pdf


def build_report(job: ReportJob) -> ReportJob:
    """Make the job's PDF, updating its progress at each stage; on failure the job is marked
    failed with the reason (and the error raised again for the worker's log)."""
    _set_progress(job, 10)
    try:
        content = render_report(job, on_stage=lambda progress: _set_progress(job, progress))
        _set_progress(job, 90)
        name = f"annual-report-{job.year}-{job.language}-{job.pk}.pdf"
        job.file.save(name, ContentFile(content), save=False)
    except Exception as error:
        mark_failed(job, str(error) or error.__class__.__name__)
        raise
    job.status, job.progress, job.finished_at = ReportStatus.DONE, 100, timezone.now()
    job.error = ""
    job.save(update_fields=["file", "status", "progress", "finished_at", "error"])
    return job


def mark_failed(job: ReportJob, error: str) -> None:
    """The page says "The report could not be made:" before the reason (in its language)."""
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportStatus.FAILED, error=error[:300], finished_at=timezone.now()
    )
    job.status, job.error = ReportStatus.FAILED, error[:300]
