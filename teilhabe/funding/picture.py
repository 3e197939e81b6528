"""The picture of funding: money applied for, approved and received per association, year and
funder level; the success rate; and the share of the house's programme each funder level
finances. Reads only, a fixed number of queries whatever the data.

- applied: amount_requested of applications submitted (or further), by the year submitted;
- approved: amount_approved, by the year of the decision;
- received: payments, by the year received;
- success rate: (approved + partly approved) / decided, by the year of the decision;
- programme share: of the sessions of the period (not cancelled), those of offers linked to a
  granted application whose project period covers the session's day, per funder level; a
  session financed from two levels counts for each, so the levels' shares can add up to more
  than the share of funded sessions. The rest is "not funded / own means"."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear, TruncDate

from teilhabe.programme.models import Session

from .models import GRANTED, Application, ApplicationStatus, FunderLevel, Payment

S = ApplicationStatus
ZERO = Decimal(0)
NOT_SUBMITTED = (S.IDEA, S.PREPARATION)
UNDECIDED = (S.IDEA, S.PREPARATION, S.SUBMITTED)


@dataclass
class Money:
    applied: Decimal = ZERO
    approved: Decimal = ZERO
    received: Decimal = ZERO
    decided: int = 0
    successful: int = 0

    @property
    def success_rate(self) -> float | None:
        return self.successful / self.decided if self.decided else None

    def add(self, other: "Money") -> None:
        self.applied += other.applied
        self.approved += other.approved
        self.received += other.received
        self.decided += other.decided
        self.successful += other.successful


@dataclass
class ShareRow:
    level: str | None  # None: not funded / own means
    sessions: int
    share: float | None


@dataclass
class Picture:
    first_year: int
    last_year: int
    association_id: int | None
    # (association id, year, level) → money
    cube: dict[tuple[int, int, str], Money]
    association_names: dict[int, str]
    sessions_total: int
    sessions_funded: int
    shares: list[ShareRow] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def _by(self, index: int) -> dict:
        result = defaultdict(Money)
        for key, money in self.cube.items():
            result[key[index]].add(money)
        return result

    @property
    def by_year(self) -> list[tuple[int, Money]]:
        found = self._by(1)
        return [(year, found.get(year, Money())) for year in self.years]

    @property
    def by_level(self) -> list[tuple[str, Money]]:
        found = self._by(2)
        return [(level, found.get(level, Money())) for level in FunderLevel.values]

    @property
    def by_association(self) -> list[tuple[str, Money]]:
        found = self._by(0)
        return sorted(
            ((self.association_names[pk], money) for pk, money in found.items()),
            key=lambda item: item[0].casefold(),
        )

    @property
    def total(self) -> Money:
        total = Money()
        for money in self.cube.values():
            total.add(money)
        return total

    @property
    def detail(self) -> list[tuple[str, int, str, Money]]:
        """(association, year, level, money), sorted, only where something happened."""
        return sorted(
            (
                (self.association_names[pk], year, level, money)
                for (pk, year, level), money in self.cube.items()
            ),
            key=lambda row: (row[0].casefold(), row[1], FunderLevel.values.index(row[2])),
        )


def _level(value) -> str:
    return value if value in FunderLevel.values else FunderLevel.OTHER


def funding_picture(*, first_year: int, last_year: int, association_id: int | None = None):
    """Seven queries."""
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    applications = Application.objects.all()
    payments = Payment.objects.all()
    sessions = Session.objects.filter(is_cancelled=False, starts_at__date__range=(first, last))
    if association_id is not None:
        applications = applications.filter(association_id=association_id)
        payments = payments.filter(application__association_id=association_id)
        sessions = sessions.filter(offer__lead_association_id=association_id)

    cube: dict[tuple[int, int, str], Money] = defaultdict(Money)
    names: dict[int, str] = {}
    applied = (
        applications.filter(submitted_on__range=(first, last), amount_requested__isnull=False)
        .exclude(status__in=NOT_SUBMITTED)
        .values(
            "association_id",
            name=F("association__name"),
            year=ExtractYear("submitted_on"),
            level=F("programme__funder__level"),
        )
        .annotate(total=Sum("amount_requested"))
        .order_by()
    )
    for row in applied:
        names[row["association_id"]] = row["name"]
        key = (row["association_id"], row["year"], _level(row["level"]))
        cube[key].applied += row["total"] or ZERO
    decided = (
        applications.filter(decided_on__range=(first, last))
        .exclude(status__in=UNDECIDED)
        .values(
            "association_id",
            name=F("association__name"),
            year=ExtractYear("decided_on"),
            level=F("programme__funder__level"),
        )
        .annotate(
            total=Sum("amount_approved", filter=Q(amount_approved__gt=0)),
            decided=Count("pk"),
            successful=Count("pk", filter=Q(amount_approved__gt=0)),
        )
        .order_by()
    )
    for row in decided:
        names[row["association_id"]] = row["name"]
        money = cube[(row["association_id"], row["year"], _level(row["level"]))]
        money.approved += row["total"] or ZERO
        money.decided += row["decided"]
        money.successful += row["successful"]
    received = (
        payments.filter(received_on__range=(first, last))
        .values(
            association_id=F("application__association_id"),
            name=F("application__association__name"),
            year=ExtractYear("received_on"),
            level=F("application__programme__funder__level"),
        )
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in received:
        names[row["association_id"]] = row["name"]
        cube[(row["association_id"], row["year"], _level(row["level"]))].received += (
            row["total"] or ZERO
        )

    total_sessions = sessions.count()
    day = TruncDate("starts_at")
    funded = sessions.filter(
        Q(offer__funding_applications__status__in=GRANTED)
        | Q(
            offer__funding_applications__status=S.CLOSED,
            offer__funding_applications__amount_approved__gt=0,
        ),
        offer__funding_applications__starts_on__lte=day,
        offer__funding_applications__ends_on__gte=day,
    )
    per_level = {
        _level(row["level"]): row["n"]
        for row in funded.values(level=F("offer__funding_applications__programme__funder__level"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    funded_sessions = funded.aggregate(n=Count("pk", distinct=True))["n"] if per_level else 0

    def share(count: int) -> float | None:
        return count / total_sessions if total_sessions else None

    shares = [
        ShareRow(level, per_level.get(level, 0), share(per_level.get(level, 0)))
        for level in FunderLevel.values
    ]
    own = total_sessions - funded_sessions
    shares.append(ShareRow(None, own, share(own)))
    return Picture(
        first_year=first_year,
        last_year=last_year,
        association_id=association_id,
        cube=dict(cube),
        association_names=names,
        sessions_total=total_sessions,
        sessions_funded=funded_sessions,
        shares=shares,
    )
