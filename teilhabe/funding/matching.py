"""Reads of the programme database: search and filters for the list, one programme for its
page, and the matching of a project idea with the programmes that fit it.

Matching (`match_programmes`) works in two steps:

1. Hard exclusions — a programme is not suggested at all when
   - it is inactive;
   - its region is set and not one of settings.FUNDING_REGIONS (the regions the centre's
     associations can apply in);
   - an association is given and the programme names who may apply, but none of the kinds the
     association counts as (every association: ``association``; a migrant organisation also:
     ``migrant_org``);
   - an amount is given and lies below the programme's minimum or above its maximum (by any
     amount: the funder would not accept the application).
   Excluded programmes are returned separately with the reason, so that people see why a
   programme they know is missing.
2. Points for what fits, each with a reason shown to the person:
   - TOPIC_POINTS for every topic of the idea the programme funds (a programme without topics
     is open to all: OPEN_POINTS);
   - GROUP_POINTS for every target group of the idea the programme is for (a programme
     without target groups: OPEN_POINTS);
   - DEADLINE_POINTS when the next deadline comes before the planned start (or the programme
     takes applications any time); none when it is after the start or no date is known;
   - DURATION_POINTS when the planned duration lies within the programme's shortest and
     longest duration.
   Results are ordered by points (highest first), then by the nearest deadline, then by title.

Every function runs a fixed number of queries whatever the number of programmes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Q, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from teilhabe.core.json_lists import list_contains
from teilhabe.core.numbers import format_euro

from .models import ApplicantKind, DeadlineKind, Funder, FundingProgramme, FundingTopic, TargetGroup
from .selectors import next_deadline

SEARCH_CONFIG = "german"
ROLLING = "rolling"

TOPIC_POINTS = 3
GROUP_POINTS = 2
OPEN_POINTS = 1
DEADLINE_POINTS = 2
DURATION_POINTS = 1


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilters:
    text: str = ""
    level: str = ""
    topic: str = ""  # a topic's slug
    target_group: str = ""  # a target group's slug
    applicant: str = ""  # an ApplicantKind
    region: str = ""
    amount: Decimal | None = None
    deadline: str = ""  # "" (any), ROLLING, or a number of days
    include_inactive: bool = False


def _summary_fields() -> list[str]:
    return [f"summary_{code}" for code, _name in settings.LANGUAGES]


def search_programmes(programmes: QuerySet, text: str) -> QuerySet:
    """Programmes whose title, funder or summary (in any language) match `text`: PostgreSQL's
    full-text search in the German configuration (so that "Bildung" finds "Bildungsprojekte"'
    stems and "Kinder" finds "Kindern"), ranked; on SQLite every word must occur somewhere."""
    text = text.strip()
    if not text:
        return programmes
    if settings.IS_POSTGRES:
        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("funder__name", weight="B", config=SEARCH_CONFIG)
            + SearchVector(*_summary_fields(), weight="C", config=SEARCH_CONFIG)
        )
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            programmes.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "title", "pk")
        )
    condition = Q()
    for word in text.split():
        matches_word = Q(title__icontains=word) | Q(funder__name__icontains=word)
        for name in _summary_fields():
            matches_word |= Q(**{f"{name}__icontains": word})
        condition &= matches_word
    return programmes.filter(condition)


def _for_display(programmes: QuerySet) -> QuerySet:
    return programmes.select_related("funder").prefetch_related(
        "topics", "target_groups", "deadlines"
    )


def programmes_for_list(filters: ProgrammeFilters, today: date) -> QuerySet:
    """The programmes for the list page, filtered, with what each row shows."""
    programmes = FundingProgramme.objects.all()
    if not filters.include_inactive:
        programmes = programmes.filter(is_active=True)
    if filters.level:
        programmes = programmes.filter(funder__level=filters.level)
    if filters.topic:
        programmes = programmes.filter(topics__slug=filters.topic)
    if filters.target_group:
        programmes = programmes.filter(target_groups__slug=filters.target_group)
    if filters.applicant:
        programmes = programmes.filter(list_contains("applicants", filters.applicant))
    if filters.region:
        programmes = programmes.filter(region__iexact=filters.region)
    if filters.amount is not None:
        programmes = programmes.filter(
            Q(min_amount__isnull=True) | Q(min_amount__lte=filters.amount),
            Q(max_amount__isnull=True) | Q(max_amount__gte=filters.amount),
        )
    if filters.deadline == ROLLING:
        programmes = programmes.filter(deadline_kind=DeadlineKind.ROLLING)
    elif filters.deadline:
        programmes = programmes.filter(pk__in=_with_deadline_within(int(filters.deadline), today))
    programmes = programmes.order_by("title", "pk").distinct()
    return _for_display(search_programmes(programmes, filters.text))


def _with_deadline_within(days: int, today: date) -> list[int]:
    """Ids of the programmes whose next deadline is at most `days` away (yearly deadlines are
    expanded in Python, so this is two queries whatever the number of programmes)."""
    horizon = today + relativedelta(days=days)
    candidates = (
        FundingProgramme.objects.exclude(deadline_kind=DeadlineKind.ROLLING)
        .only("pk", "deadline_kind")
        .prefetch_related("deadlines")
    )
    ids = []
    for programme in candidates:
        deadline = next_deadline(programme, today)
        if deadline is not None and deadline <= horizon:
            ids.append(programme.pk)
    return ids


def attach_next_deadlines(programmes, today: date) -> None:
    """Set `next_deadline_day` on each programme (from its prefetched deadlines)."""
    for programme in programmes:
        programme.next_deadline_day = next_deadline(programme, today)


def programme_regions() -> list[str]:
    return list(
        FundingProgramme.objects.exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


def programme_for_page(pk: int) -> FundingProgramme:
    return _for_display(FundingProgramme.objects.all()).get(pk=pk)


def funders_for_list() -> QuerySet:
    from django.db.models import Count

    return Funder.objects.annotate(programme_count=Count("programmes")).order_by("name")


def topics() -> QuerySet:
    return FundingTopic.objects.order_by("name_de", "slug")


def target_groups() -> QuerySet:
    return TargetGroup.objects.order_by("name_de", "slug")


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectIdea:
    topics: tuple = ()  # FundingTopic objects
    target_groups: tuple = ()  # TargetGroup objects
    amount: Decimal | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    association: object | None = None  # an Association: who may apply


@dataclass
class Reason:
    text: str
    fits: bool  # True: speaks for the programme; False: fits less / excludes it


@dataclass
class Match:
    programme: FundingProgramme
    points: int = 0
    reasons: list[Reason] = field(default_factory=list)
    next_deadline: date | None = None
    excluded: bool = False

    def add(self, text: str, fits: bool, points: int = 0) -> None:
        self.reasons.append(Reason(text, fits))
        self.points += points


def applicant_kinds_of(association) -> set[str]:
    """The kinds of applicant an association counts as."""
    kinds = {ApplicantKind.REGISTERED_ASSOCIATION.value}
    if association.is_migrant_organisation:
        kinds.add(ApplicantKind.MIGRANT_ORGANISATION.value)
    return kinds


def _euro(amount) -> str:
    return format_euro(amount, decimals=0)


def _names(items) -> str:
    return ", ".join(sorted(str(item) for item in items))


def _months(start: date, end: date) -> int:
    """Whole months a project runs (1 March to 28 February: 12), rounded up."""
    delta = relativedelta(end + relativedelta(days=1), start)
    return delta.years * 12 + delta.months + (1 if delta.days else 0)


def match_programmes(idea: ProjectIdea, today: date) -> tuple[list[Match], list[Match]]:
    """(fitting programmes ranked best first, excluded programmes with the reason) for a
    project idea. See the module's docstring for the scoring."""
    programmes = _for_display(FundingProgramme.objects.filter(is_active=True).order_by("title"))
    fitting: list[Match] = []
    excluded: list[Match] = []
    for programme in programmes:
        match = _score(programme, idea, today)
        (excluded if match.excluded else fitting).append(match)
    fitting.sort(
        key=lambda m: (-m.points, m.next_deadline or date.max, m.programme.title, m.programme.pk)
    )
    return fitting, excluded


def _score(programme: FundingProgramme, idea: ProjectIdea, today: date) -> Match:
    match = Match(programme=programme, next_deadline=next_deadline(programme, today))
    _exclusions(match, idea)
    if match.excluded:
        return match
    _topics(match, idea)
    _groups(match, idea)
    _amount(match, idea)
    _deadline(match, idea, today)
    _duration(match, idea)
    return match


def _exclusions(match: Match, idea: ProjectIdea) -> None:
    programme = match.programme
    if programme.region and programme.region not in settings.FUNDING_REGIONS:
        match.add(_("only for the region %(region)s") % {"region": programme.region}, False)
        match.excluded = True
    if (
        idea.association is not None
        and programme.applicants
        and not applicant_kinds_of(idea.association) & set(programme.applicants)
    ):
        allowed = _names(
            ApplicantKind(kind).label
            for kind in programme.applicants
            if kind in ApplicantKind.values
        )
        match.add(_("only these may apply: %(kinds)s") % {"kinds": allowed}, False)
        match.excluded = True
    if idea.amount is not None:
        if programme.max_amount is not None and idea.amount > programme.max_amount:
            match.add(
                _("the amount is above the maximum of %(max)s")
                % {"max": _euro(programme.max_amount)},
                False,
            )
            match.excluded = True
        if programme.min_amount is not None and idea.amount < programme.min_amount:
            match.add(
                _("the amount is below the minimum of %(min)s")
                % {"min": _euro(programme.min_amount)},
                False,
            )
            match.excluded = True


def _topics(match: Match, idea: ProjectIdea) -> None:
    funded = list(match.programme.topics.all())
    if not idea.topics:
        return
    if not funded:
        match.add(_("open to every topic"), True, OPEN_POINTS)
        return
    shared = {t.pk for t in idea.topics} & {t.pk for t in funded}
    if shared:
        names = _names(t for t in funded if t.pk in shared)
        match.add(_("funds: %(topics)s") % {"topics": names}, True, TOPIC_POINTS * len(shared))
    else:
        match.add(_("funds other topics: %(topics)s") % {"topics": _names(funded)}, False)


def _groups(match: Match, idea: ProjectIdea) -> None:
    groups = list(match.programme.target_groups.all())
    if not idea.target_groups:
        return
    if not groups:
        match.add(_("open to every target group"), True, OPEN_POINTS)
        return
    shared = {g.pk for g in idea.target_groups} & {g.pk for g in groups}
    if shared:
        names = _names(g for g in groups if g.pk in shared)
        match.add(_("for: %(groups)s") % {"groups": names}, True, GROUP_POINTS * len(shared))
    else:
        match.add(_("for other target groups: %(groups)s") % {"groups": _names(groups)}, False)


def _amount(match: Match, idea: ProjectIdea) -> None:
    programme = match.programme
    if idea.amount is None:
        return
    low, high = programme.min_amount, programme.max_amount
    if low is not None and high is not None:
        match.add(
            _("amount %(min)s–%(max)s fits %(amount)s")
            % {
                "min": number_format(low, decimal_pos=0, use_l10n=True, force_grouping=True),
                "max": _euro(high),
                "amount": _euro(idea.amount),
            },
            True,
        )
    elif high is not None:
        match.add(
            _("up to %(max)s fits %(amount)s") % {"max": _euro(high), "amount": _euro(idea.amount)},
            True,
        )
    elif low is not None:
        match.add(
            _("from %(min)s fits %(amount)s") % {"min": _euro(low), "amount": _euro(idea.amount)},
            True,
        )
    if programme.own_share:
        share = (idea.amount * programme.own_share / Decimal(100)).quantize(Decimal("1"))
        match.add(
            _("own share %(percent)s %%: %(amount)s")
            % {"percent": programme.own_share, "amount": _euro(share)},
            True,
        )


def _deadline(match: Match, idea: ProjectIdea, today: date) -> None:
    programme = match.programme
    if programme.deadline_kind == DeadlineKind.ROLLING:
        match.add(_("apply any time"), True, DEADLINE_POINTS)
        return
    deadline = match.next_deadline
    if deadline is None:
        match.add(_("no coming deadline is known"), False)
        return
    day = date_format(deadline, "SHORT_DATE_FORMAT")
    if idea.starts_on is None:
        match.add(_("next deadline %(day)s") % {"day": day}, True, DEADLINE_POINTS)
    elif deadline < idea.starts_on:
        match.add(
            _("next deadline %(day)s — before your start") % {"day": day}, True, DEADLINE_POINTS
        )
    else:
        match.add(
            _("the deadline is after your planned start (next deadline %(day)s)") % {"day": day},
            False,
        )


def _duration(match: Match, idea: ProjectIdea) -> None:
    programme = match.programme
    if not (idea.starts_on and idea.ends_on) or idea.ends_on < idea.starts_on:
        return
    if programme.min_months is None and programme.max_months is None:
        return
    months = _months(idea.starts_on, idea.ends_on)
    if programme.max_months is not None and months > programme.max_months:
        match.add(
            _("the project is longer than the maximum of %(months)s months")
            % {"months": programme.max_months},
            False,
        )
    elif programme.min_months is not None and months < programme.min_months:
        match.add(
            _("the project is shorter than the minimum of %(months)s months")
            % {"months": programme.min_months},
            False,
        )
    else:
        match.add(
            _("duration of %(months)s months fits") % {"months": months}, True, DURATION_POINTS
        )
