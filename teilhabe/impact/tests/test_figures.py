"""Every figure of `centre_figures` and `association_contribution` against a small world whose
figures were computed by hand (the comments give the sums)."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.counselling.models import CounsellingRecord, Outcome
from teilhabe.counselling.tests.factories import ServiceFactory
from teilhabe.funding.models import FunderLevel, Payment
from teilhabe.funding.tests.factories import ApplicationFactory, FunderFactory, ProgrammeFactory
from teilhabe.impact import figures
from teilhabe.impact.models import SessionAttendance
from teilhabe.programme.tests.factories import CategoryFactory, OfferFactory, SessionFactory
from teilhabe.rooms.models import Booking, Room
from teilhabe.volunteers.models import HoursEntry
from teilhabe.volunteers.tests.factories_engagement import (
    EnrolmentFactory,
    PastTrainingFactory,
    VolunteerProfileFactory,
)

# Four ISO weeks: Monday 5 January to Sunday 1 February 2026. The previous period of equal
# length: 8 December 2025 to 4 January 2026.
FIRST, LAST = date(2026, 1, 5), date(2026, 2, 1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def attend(offer, day: date, head_count: int, **breakdown) -> SessionAttendance:
    session = SessionFactory(offer=offer, rule_day=day, starts_at=at(day), ends_at=at(day, 12))
    return SessionAttendance.objects.create(
        session=session, offer=offer, day=day, head_count=head_count, **breakdown
    )


@dataclass
class World:
    lead: object  # L1: leads A, B and D; not a migrant organisation
    partner: object  # L2: co-hosts D; not a migrant organisation
    migrant_cohost: object  # C1: co-hosts A; a migrant organisation
    migrant_lead: object  # M1: leads C; a migrant organisation
    offers: dict


def build_world() -> World:
    lead = AssociationFactory(name="Lead e. V.", is_migrant_organisation=False)
    partner = AssociationFactory(name="Partner e. V.", is_migrant_organisation=False)
    migrant_cohost = AssociationFactory(name="Brücke e. V.", is_migrant_organisation=True)
    migrant_lead = AssociationFactory(name="Diaspora e. V.", is_migrant_organisation=True)
    language = CategoryFactory(slug="language", name_de="Sprache", name_en="Language")
    sport = CategoryFactory(slug="sport", name_de="Sport", name_en="Sport")
    culture = CategoryFactory(slug="culture", name_de="Kultur", name_en="Culture")
    a = OfferFactory(
        title_de="Sprachcafé", category=language, lead_association=lead, languages=["de", "ar"]
    )
    a.co_hosts.add(migrant_cohost)
    b = OfferFactory(
        title_de="Deutschkurs", category=language, lead_association=lead, languages=["de"]
    )
    c = OfferFactory(
        title_de="Fußball", category=sport, lead_association=migrant_lead, languages=["fa"]
    )
    d = OfferFactory(title_de="Theater", category=culture, lead_association=lead, languages=["de"])
    d.co_hosts.add(partner)
    e = OfferFactory(title_de="Ausflug", category=culture, lead_association=partner)
    e.co_hosts.add(migrant_cohost)

    # week 1 (from 5 Jan): 20 + 10 = 30
    attend(a, date(2026, 1, 6), 20, children=3, women=10, first_visits=2)
    attend(b, date(2026, 1, 7), 10)
    # week 2 (from 12 Jan): 15 + 6 = 21
    attend(a, date(2026, 1, 13), 15, children=4, women=8)
    attend(c, date(2026, 1, 14), 6)
    # week 3 (from 19 Jan): 12 + 8 + 4 = 24
    attend(a, date(2026, 1, 20), 12)
    attend(c, date(2026, 1, 21), 8)
    attend(d, date(2026, 1, 22), 4)
    # week 4 (from 26 Jan, the last week): 25 + 7 + 3 = 35
    attend(a, date(2026, 1, 27), 25)
    attend(b, date(2026, 1, 28), 7)
    attend(c, date(2026, 2, 1), 3)
    # the previous period: 30; after the period: not counted
    attend(a, date(2025, 12, 16), 30)
    attend(a, date(2026, 2, 3), 100)
    # E has only a cancelled date in the period: not among the offers
    SessionFactory(
        offer=e,
        rule_day=date(2026, 1, 15),
        starts_at=at(date(2026, 1, 15)),
        ends_at=at(date(2026, 1, 15), 12),
        is_cancelled=True,
    )

    # Volunteers: six with confirmed hours (16 h); five consented, three of them with their
    # own migration history (v4 did not consent and is not counted in the share).
    consent = timezone.now()
    profiles = [
        VolunteerProfileFactory(has_migration_history=True, migration_history_consent_at=consent),
        VolunteerProfileFactory(has_migration_history=True, migration_history_consent_at=consent),
        VolunteerProfileFactory(has_migration_history=False, migration_history_consent_at=consent),
        VolunteerProfileFactory(has_migration_history=True, migration_history_consent_at=None),
        VolunteerProfileFactory(has_migration_history=False, migration_history_consent_at=consent),
        VolunteerProfileFactory(has_migration_history=True, migration_history_consent_at=consent),
    ]
    v1, v2, v3, v4, v5, v6 = (profile.user for profile in profiles)
    for volunteer, day, hours, association in (
        (v1, date(2026, 1, 10), "2", lead),
        (v1, date(2026, 1, 20), "3", lead),
        (v2, date(2026, 1, 12), "1.5", None),
        (v3, date(2026, 1, 13), "2", None),
        (v4, date(2026, 1, 14), "4", None),
        (v5, date(2026, 1, 15), "1", None),
        (v6, date(2026, 1, 16), "2.5", None),
    ):
        HoursEntry.objects.create(
            volunteer=volunteer,
            association=association,
            day=day,
            hours=Decimal(hours),
            description="Hilfe",
            status="confirmed",
        )
    HoursEntry.objects.create(volunteer=v2, day=date(2026, 1, 20), hours=5, description="x")
    HoursEntry.objects.create(
        volunteer=v2, day=date(2026, 2, 5), hours=5, description="x", status="confirmed"
    )

    # Trainings: a course with 3 attended (one did not come), a seminar with 6 attended.
    course = PastTrainingFactory(kind="course", starts_at=at(date(2026, 1, 15)))
    seminar = PastTrainingFactory(kind="seminar", starts_at=at(date(2026, 1, 22)))
    PastTrainingFactory(kind="course", starts_at=at(date(2026, 3, 2)))
    for _n in range(3):
        EnrolmentFactory(training=course, attended=True)
    EnrolmentFactory(training=course, attended=False)
    for _n in range(6):
        EnrolmentFactory(training=seminar, attended=True)

    # Funds: 1,000 € federal and 500.50 € from a foundation; a later payment is not counted.
    federal = ApplicationFactory(
        association=lead,
        programme=ProgrammeFactory(funder=FunderFactory(level=FunderLevel.FEDERAL)),
    )
    foundation = ApplicationFactory(
        association=migrant_lead,
        programme=ProgrammeFactory(funder=FunderFactory(level=FunderLevel.FOUNDATION)),
    )
    Payment.objects.create(application=federal, received_on=date(2026, 1, 10), amount=1000)
    Payment.objects.create(
        application=foundation, received_on=date(2026, 1, 20), amount=Decimal("500.50")
    )
    Payment.objects.create(application=federal, received_on=date(2026, 2, 10), amount=9999)

    # Counselling: January 6 attended, 1 no-show, 3 walk-ins served, 1 left; February 5
    # attended; December is outside.
    service = ServiceFactory()

    def records(month, count, *, walk_in, outcome):
        CounsellingRecord.objects.bulk_create(
            CounsellingRecord(
                service=service,
                language="de",
                month=month,
                is_walk_in=walk_in,
                needs_interpreter=False,
                outcome=outcome,
            )
            for _n in range(count)
        )

    records(date(2026, 1, 1), 6, walk_in=False, outcome=Outcome.ATTENDED)
    records(date(2026, 1, 1), 1, walk_in=False, outcome=Outcome.NO_SHOW)
    records(date(2026, 1, 1), 3, walk_in=True, outcome=Outcome.ATTENDED)
    records(date(2026, 1, 1), 1, walk_in=True, outcome=Outcome.LEFT)
    records(date(2026, 2, 1), 5, walk_in=False, outcome=Outcome.ATTENDED)
    records(date(2025, 12, 1), 9, walk_in=False, outcome=Outcome.ATTENDED)

    # Rooms: one room, open 8–22 every day (no opening hours entered: the default), booked
    # 4 hours on 7 January: 4 of 28 × 14 = 392 hours.
    room = Room.objects.create(name_de="Saal", name_en="Hall", floor=0, area_m2=40, capacity=30)
    Booking.objects.create(
        room=room, purpose="Kurs", starts_at=at(date(2026, 1, 7)), ends_at=at(date(2026, 1, 7), 14)
    )
    return World(lead, partner, migrant_cohost, migrant_lead, {"A": a, "B": b, "C": c, "D": d})


@pytest.fixture
def world(db):
    return build_world()


FEWER = None  # a suppressed cell


@pytest.mark.django_db
def test_every_figure_of_the_centre(world, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        result = figures.centre_figures(FIRST, LAST)

    assert [(week.monday, week.value) for week in result.weeks] == [
        (date(2026, 1, 5), 30),
        (date(2026, 1, 12), 21),
        (date(2026, 1, 19), 24),
        (date(2026, 1, 26), 35),
    ]
    assert result.visits == 110
    assert (result.previous_first, result.previous_last) == (date(2025, 12, 8), date(2026, 1, 4))
    assert result.previous_visits == 30
    assert result.change == pytest.approx(80 / 30)
    # x = 0..3, y = 30, 21, 24, 35: Σ(x−1.5)(y−27.5) = 9, Σ(x−1.5)² = 5
    assert result.slope == pytest.approx(1.8)
    assert result.average_per_week == pytest.approx(27.5)

    assert result.last_week_first == date(2026, 1, 26)
    assert [(o.title, o.category, o.value) for o in result.busiest] == [
        ("Sprachcafé", "Language", 25),
        ("Deutschkurs", "Language", 7),
        ("Fußball", "Sport", FEWER),
    ]
    assert [(c.label, c.value) for c in result.by_category] == [
        ("Language", 89),  # A 72 + B 17
        ("Sport", 17),
        ("Culture", FEWER),  # D: 4
    ]
    assert [(c.key, c.value) for c in result.by_language] == [
        ("de", 93),  # A 72 + B 17 + D 4
        ("ar", 72),
        ("fa", 17),
    ]
    assert [(c.key, c.value) for c in result.groups] == [
        ("children", 7),
        ("women", 18),
        ("first_visits", FEWER),
    ]
    assert result.groups_recorded == {"children": 35, "women": 35, "first_visits": 20}

    assert result.offers == 4  # A, B, C, D (E only has a cancelled date)
    assert result.offers_cohosted == 2  # A, D
    assert result.offers_with_migrant_organisation == 2  # A (co-host), C (lead)
    assert result.share_cohosted == 0.5
    assert result.share_with_migrant_organisation == 0.5

    assert result.volunteers == 6
    assert result.volunteer_hours == pytest.approx(16.0)
    assert [(m.month, m.volunteers, m.hours) for m in result.hours_by_month] == [
        (date(2026, 1, 1), 6, pytest.approx(16.0))
    ]
    assert result.consenting_volunteers == 5
    assert result.migration_history == 3
    assert result.migration_history_share == pytest.approx(0.6)

    assert [(t.key, t.held, t.participants) for t in result.trainings] == [
        ("course", 1, FEWER),
        ("seminar", 1, 6),
    ]
    assert result.trainings_held == 2
    assert result.training_participants == 9

    assert result.funds == Decimal("1500.50")
    assert [(row.key, row.amount) for row in result.funds_by_level] == [
        ("federal", Decimal("1000")),
        ("foundation", Decimal("500.50")),
    ]

    assert result.occupancy == pytest.approx(4 / 392)
    assert [(r.name, r.open_hours, r.booked_hours) for r in result.rooms] == [
        ("Hall", pytest.approx(392), pytest.approx(4))
    ]

    assert [(m.month, m.attended, m.walk_ins) for m in result.counselling] == [
        (date(2026, 1, 1), 6, FEWER),
        (date(2026, 2, 1), 5, 0),
    ]
    assert result.counselling_attended == 11
    assert result.counselling_walk_ins == 3


@pytest.mark.django_db
def test_figures_of_one_association_are_those_of_its_offers(world):
    result = figures.centre_figures(FIRST, LAST, world.lead)
    # A, B and D: weeks 20+10, 15, 12+4, 25+7
    assert [week.value for week in result.weeks] == [30, 15, 16, 32]
    assert result.visits == 93
    assert result.previous_visits == 30
    assert result.offers == 3
    assert result.offers_cohosted == 2
    assert result.offers_with_migrant_organisation == 1
    assert result.volunteers == 1
    assert result.volunteer_hours == pytest.approx(5.0)
    assert result.funds == Decimal("1000")

    cohost = figures.centre_figures(FIRST, LAST, world.migrant_cohost)
    assert cohost.visits == 72  # A only: it co-hosts A; E had no visits
    assert cohost.offers == 1


@pytest.mark.django_db
def test_the_contribution_of_an_association(world):
    lead = figures.association_contribution(world.lead, FIRST, LAST)
    assert lead.offers_led == 3  # A, B, D
    assert lead.offers_with_partners == 2  # A with Brücke, D with Partner
    assert lead.offers_cohosted == 0
    assert lead.visits == 93
    assert lead.visits_led == 93
    assert lead.visits_cohosted == 0
    assert lead.volunteers == 1
    assert lead.volunteer_hours == pytest.approx(5.0)
    assert [(o.title, o.is_lead, o.sessions, o.visits) for o in lead.offers] == [
        ("Deutschkurs", True, 2, 17),
        ("Sprachcafé", True, 4, 72),
        ("Theater", True, 1, FEWER),
    ]

    partner = figures.association_contribution(world.partner, FIRST, LAST)
    assert partner.offers_led == 0  # E: only a cancelled date, no visits
    assert partner.offers_cohosted == 1  # D
    assert partner.visits_cohosted == 4
    assert [(o.title, o.is_lead, o.visits) for o in partner.offers] == [("Theater", False, FEWER)]


def test_least_squares_slope():
    assert figures.least_squares_slope([1, 2, 3]) == pytest.approx(1)
    assert figures.least_squares_slope([5]) is None
    assert figures.least_squares_slope([4, 4, 4, 4]) == 0


def test_suppress_is_the_one_rule():
    assert figures.suppress(4) is None
    assert figures.suppress(5) == 5
    assert figures.suppress(1) is None
    assert figures.suppress(0) == 0  # nobody: nothing to hide
    assert figures.suppress(2, minimum=2) == 2


@pytest.mark.django_db
def test_cached_figures_are_made_anew_when_attendance_changes(world):
    before = figures.cached_centre_figures(FIRST, LAST)
    attend(world.offers["B"], date(2026, 1, 8), 10)
    assert figures.cached_centre_figures(FIRST, LAST).visits == before.visits
    figures.attendance_changed()
    assert figures.cached_centre_figures(FIRST, LAST).visits == before.visits + 10


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_data(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        figures.centre_figures(FIRST, LAST)
    for n in range(12):
        offer = OfferFactory(languages=["de", "en"])
        offer.co_hosts.add(world.partner)
        for day in (date(2026, 1, 6), date(2026, 1, 20), date(2026, 1, 29)):
            attend(offer, day, 5 + n)
    with django_assert_num_queries(len(small.captured_queries)):
        figures.centre_figures(FIRST, LAST)
    with django_assert_num_queries(len(small.captured_queries)):
        figures.centre_figures(FIRST, LAST, world.lead)
