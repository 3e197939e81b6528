"""Matching a project idea with the programmes that fit it: exclusions, the ranking, the
reasons, and the page."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.funding.matching import ProjectIdea, match_programmes
from teilhabe.funding.models import DeadlineKind

from .factories import FunderFactory, FundingTopicFactory, ProgrammeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 1)
MATCH = "/en/funding/match/"


@pytest.fixture
def vocabulary():
    return {
        "education": FundingTopicFactory(slug="education", name_en="education"),
        "integration": FundingTopicFactory(slug="integration", name_en="integration"),
        "sport": FundingTopicFactory(slug="sport", name_en="sport"),
        "children": TargetGroupFactory(slug="children", name_en="children and young people"),
        "seniors": TargetGroupFactory(slug="seniors", name_en="older people"),
    }


@pytest.fixture
def programmes(vocabulary):
    v = vocabulary
    return {
        "homework": ProgrammeFactory(
            title="Lernen vor Ort",
            topics=[v["education"], v["integration"]],
            target_groups=[v["children"]],
            min_amount=Decimal("1000"),
            max_amount=Decimal("50000"),
            own_share=20,
            deadline_kind=DeadlineKind.FIXED,
            deadlines=[date(2027, 3, 15)],
            min_months=6,
            max_months=24,
        ),
        "integration": ProgrammeFactory(
            title="Ankommen im Quartier",
            topics=[v["integration"]],
            target_groups=[v["seniors"]],
            min_amount=Decimal("500"),
            max_amount=Decimal("20000"),
        ),
        "sport": ProgrammeFactory(
            title="Sport verbindet",
            topics=[v["sport"]],
            target_groups=[v["seniors"]],
            deadline_kind=DeadlineKind.YEARLY,
            deadlines=[date(2020, 6, 30)],
        ),
        "small": ProgrammeFactory(
            title="Kleine Projekte",
            topics=[v["education"]],
            target_groups=[v["children"]],
            min_amount=Decimal("100"),
            max_amount=Decimal("5000"),
        ),
        "elsewhere": ProgrammeFactory(
            title="Nur in Bayern", region="Bayern", topics=[v["education"]]
        ),
        "inactive": ProgrammeFactory(title="Ausgelaufen", is_active=False),
    }


def homework_idea(vocabulary, **changes):
    data = {
        "topics": (vocabulary["education"], vocabulary["integration"]),
        "target_groups": (vocabulary["children"],),
        "amount": Decimal("8000"),
        "starts_on": date(2027, 4, 1),
        "ends_on": date(2028, 3, 31),
    }
    data.update(changes)
    return ProjectIdea(**data)


def _match(idea):
    with translation.override("en"):
        return match_programmes(idea, TODAY)


def test_homework_help_idea_ranks_the_education_programme_for_children_first(
    vocabulary, programmes
):
    fitting, excluded = _match(homework_idea(vocabulary))
    titles = [m.programme.title for m in fitting]
    assert titles[0] == "Lernen vor Ort"
    assert "Kleine Projekte" not in titles  # its maximum is below the amount
    assert "Nur in Bayern" not in titles and "Ausgelaufen" not in titles
    assert titles.index("Ankommen im Quartier") < titles.index("Sport verbindet")
    best = fitting[0]
    reasons = [r.text for r in best.reasons if r.fits]
    assert "funds: education, integration" in reasons
    assert "for: children and young people" in reasons
    assert "amount 1,000–50,000 € fits 8,000 €" in reasons
    assert "own share 20 %: 1,600 €" in reasons
    assert "next deadline 03/15/2027 — before your start" in reasons
    assert "duration of 12 months fits" in reasons
    assert best.next_deadline == date(2027, 3, 15)


def test_excluded_programmes_say_why(vocabulary, programmes):
    _fitting, excluded = _match(homework_idea(vocabulary))
    reasons = {m.programme.title: [r.text for r in m.reasons] for m in excluded}
    assert reasons["Kleine Projekte"] == ["the amount is above the maximum of 5,000 €"]
    assert reasons["Nur in Bayern"][0] == "only for the region Bayern"
    assert "Ausgelaufen" not in reasons


def test_amount_below_the_minimum_excludes(vocabulary, programmes):
    fitting, excluded = _match(homework_idea(vocabulary, amount=Decimal("600")))
    assert "Lernen vor Ort" not in [m.programme.title for m in fitting]
    assert "Kleine Projekte" in [m.programme.title for m in fitting]


def test_reasons_why_a_programme_fits_less(vocabulary, programmes):
    idea = homework_idea(vocabulary, starts_on=date(2027, 5, 1), ends_on=date(2029, 12, 31))
    fitting, _excluded = _match(idea)
    sport = next(m for m in fitting if m.programme.title == "Sport verbindet")
    homework = next(m for m in fitting if m.programme.title == "Lernen vor Ort")
    less = [r.text for r in homework.reasons if not r.fits]
    assert "the project is longer than the maximum of 24 months" in less
    assert [r.text for r in sport.reasons if not r.fits] == [
        "funds other topics: sport",
        "for other target groups: older people",
        "the deadline is after your planned start (next deadline 06/30/2027)",
    ]
    late = _match(homework_idea(vocabulary, starts_on=date(2027, 1, 1)))[0]
    homework = next(m for m in late if m.programme.title == "Lernen vor Ort")
    assert any(
        r.text.startswith("the deadline is after your planned start") for r in homework.reasons
    )


def test_who_may_apply(vocabulary):
    ProgrammeFactory(title="Für Migrantenorganisationen", applicants=["migrant_org"])
    ProgrammeFactory(title="Für Vereine", applicants=["association"])
    ProgrammeFactory(title="Für alle", applicants=[])
    ProgrammeFactory(title="Für Kommunen", applicants=["municipality"])
    migrant = AssociationFactory(is_migrant_organisation=True)
    other = AssociationFactory(is_migrant_organisation=False)

    def titles(association):
        fitting, _ = _match(ProjectIdea(association=association))
        return sorted(m.programme.title for m in fitting)

    assert titles(migrant) == ["Für Migrantenorganisationen", "Für Vereine", "Für alle"]
    assert titles(other) == ["Für Vereine", "Für alle"]
    assert len(titles(None)) == 4


# --- the page ----------------------------------------------------------------------------------


def _form(vocabulary, **changes):
    data = {
        "submitted": "1",
        "topics": [vocabulary["education"].pk, vocabulary["integration"].pk],
        "target_groups": [vocabulary["children"].pk],
        "amount": "8000",
        "starts_on": "2027-04-01",
        "ends_on": "2028-03-31",
    }
    data.update(changes)
    return data


def test_page_shows_the_ranked_list_with_links(client, association_admin, vocabulary, programmes):
    client.force_login(association_admin)
    response = client.get(MATCH, _form(vocabulary))
    assert response.status_code == 200
    html = response.content.decode()
    results = html[html.index('id="match-results"') :]
    assert results.index("Lernen vor Ort") < results.index("Ankommen im Quartier")
    assert f"/en/funding/programmes/{programmes['homework'].pk}/" in results
    assert "funds: education, integration" in results
    assert "Next deadline" in results
    not_fitting = results[results.index("<details") :]
    assert "Kleine Projekte" in not_fitting and "above the maximum" in not_fitting


def test_association_admin_gets_own_association_by_default(client, vocabulary):
    own = AssociationFactory(name="Brücke e. V.")
    AssociationFactory(name="Fremder Verein")
    admin = MembershipFactory(association=own, role="admin").user
    client.force_login(admin)
    html = client.get(MATCH).content.decode()
    assert f'<option value="{own.pk}" selected>Brücke e. V.</option>' in html
    assert "Fremder Verein" not in html


def test_someone_elses_association_is_refused(client, association_admin, vocabulary):
    foreign = AssociationFactory()
    client.force_login(association_admin)
    response = client.get(MATCH, _form(vocabulary, association=foreign.pk))
    assert response.status_code == 200
    assert 'id="match-results"' not in response.content.decode()


def test_bad_dates_are_explained_and_kept(client, staff_user, vocabulary):
    client.force_login(staff_user)
    response = client.get(MATCH, _form(vocabulary, starts_on="2027-04-01", ends_on="2027-01-01"))
    html = response.content.decode()
    assert "The end cannot be before the start." in html
    assert 'value="2027-01-01"' in html


def _match_queries(client, data) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(MATCH, data).status_code == 200
    return len(captured)


def test_page_runs_a_fixed_number_of_queries(client, staff_user, vocabulary, programmes):
    client.force_login(staff_user)
    data = _form(vocabulary)
    _match_queries(client, data)  # warm up
    few = _match_queries(client, data)
    for _ in range(20):
        ProgrammeFactory(
            topics=[vocabulary["education"]],
            target_groups=[vocabulary["children"]],
            deadline_kind=DeadlineKind.YEARLY,
            deadlines=[date(2020, 5, 1)],
            funder=FunderFactory(),
        )
    assert _match_queries(client, data) == few
