import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import ROLE_FIXTURES
from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core import personal_data
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory
from teilhabe.volunteers import selectors, services
from teilhabe.volunteers.models import (
    Assignment,
    AssignmentStatus,
    HoursEntry,
    HoursStatus,
    VolunteerProfile,
)

from .factories_engagement import (
    AssignmentFactory,
    EnrolmentFactory,
    HoursEntryFactory,
    RoleFactory,
    TopicFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def profile(volunteer, association):
    return VolunteerProfileFactory(user=volunteer, associations=[association])


# --- profile and consent -------------------------------------------------------------------


def test_update_profile_saves_languages_with_level_and_availability(profile, association):
    services.update_profile(
        profile,
        languages=[{"code": "ar", "level": "native"}, {"code": "de", "level": "good"}],
        skills="Dolmetschen",
        interests="Kultur",
        availability=[{"weekday": 1, "start": "16:00", "end": "20:00"}],
        associations=[association],
    )
    profile.refresh_from_db()
    assert profile.language_codes == ["ar", "de"]
    assert profile.availability[0]["weekday"] == 1
    assert list(profile.associations.all()) == [association]


def test_migration_history_records_consent_and_revoking_clears_it(profile):
    services.set_migration_history(profile, True)
    profile.refresh_from_db()
    assert profile.has_migration_history is True
    assert profile.migration_history_consent_at is not None

    services.set_migration_history(profile, None)
    profile.refresh_from_db()
    assert profile.has_migration_history is None
    assert profile.migration_history_consent_at is None


def test_profile_form_saves_and_prefer_not_to_say_revokes(client, profile):
    services.set_migration_history(profile, True)
    client.force_login(profile.user)
    response = client.post(
        reverse("volunteers:profile-edit"),
        {
            "language_0": "ar",
            "level_0": "native",
            "language_1": "de",
            "level_1": "fluent",
            "skills": "Dolmetschen",
            "interests": "",
            "weekday_0": "2",
            "from_0": "16:00",
            "to_0": "19:00",
            "migration_history": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.languages == [
        {"code": "ar", "level": "native"},
        {"code": "de", "level": "fluent"},
    ]
    assert profile.availability == [{"weekday": 2, "start": "16:00", "end": "19:00"}]
    assert profile.has_migration_history is None
    assert profile.migration_history_consent_at is None


# --- assignments ---------------------------------------------------------------------------


def test_assign_mails_the_volunteer(profile, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.assign(
            profile.user,
            starts_at=tomorrow_at(16),
            ends_at=tomorrow_at(18),
            title="Sprachcafé",
            by=staff_user,
        )
    assert assignment.status == AssignmentStatus.PROPOSED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [profile.user.email]


def test_overlapping_assignment_is_refused(profile, staff_user):
    services.assign(
        profile.user, starts_at=tomorrow_at(16), ends_at=tomorrow_at(18), title="A", by=staff_user
    )
    with pytest.raises(ValidationError):
        services.assign(
            profile.user,
            starts_at=tomorrow_at(17),
            ends_at=tomorrow_at(19),
            title="B",
            by=staff_user,
        )
    # back to back is fine
    services.assign(
        profile.user, starts_at=tomorrow_at(18), ends_at=tomorrow_at(19), title="C", by=staff_user
    )


def test_declined_assignment_frees_the_time(profile, staff_user):
    first = services.assign(
        profile.user, starts_at=tomorrow_at(16), ends_at=tomorrow_at(18), title="A", by=staff_user
    )
    services.respond(first, False, by=profile.user)
    services.assign(
        profile.user, starts_at=tomorrow_at(16), ends_at=tomorrow_at(18), title="B", by=staff_user
    )


def test_required_training_blocks_assignment_until_completed(profile, staff_user):
    topic = TopicFactory()
    role = RoleFactory()
    role.required_topics.add(topic)
    with pytest.raises(ValidationError):
        services.assign(
            profile.user,
            role=role,
            starts_at=tomorrow_at(16),
            ends_at=tomorrow_at(18),
            by=staff_user,
        )
    EnrolmentFactory(volunteer=profile.user, training__topic=topic, attended=True)
    assignment = services.assign(
        profile.user, role=role, starts_at=tomorrow_at(16), ends_at=tomorrow_at(18), by=staff_user
    )
    assert assignment.title == role.title


def test_assign_needs_permission(profile, volunteer, other_association_admin, association):
    for user in (volunteer, other_association_admin):
        with pytest.raises(PermissionDenied):
            services.assign(
                profile.user,
                starts_at=tomorrow_at(16),
                ends_at=tomorrow_at(18),
                title="A",
                association=association,
                by=user,
            )


def test_volunteer_accepts_and_declines(profile, staff_user):
    a = AssignmentFactory(volunteer=profile.user)
    b = AssignmentFactory(volunteer=profile.user, starts_at=tomorrow_at(9), ends_at=tomorrow_at(10))
    assert services.respond(a, True, by=profile.user).status == AssignmentStatus.ACCEPTED
    assert services.respond(b, False, by=profile.user).status == AssignmentStatus.DECLINED
    with pytest.raises(PermissionDenied):
        services.respond(a, False, by=staff_user)


def test_respond_view_accepts(client, profile):
    assignment = AssignmentFactory(volunteer=profile.user)
    client.force_login(profile.user)
    client.post(
        reverse("volunteers:assignment-respond", args=[assignment.pk]), {"answer": "accept"}
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED


def test_other_people_cannot_answer_an_assignment(client, profile):
    assignment = AssignmentFactory(volunteer=profile.user)
    client.force_login(UserFactory(role="volunteer"))
    response = client.post(
        reverse("volunteers:assignment-respond", args=[assignment.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404


def test_reminders_are_sent_once(profile, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(hours=3)
    AssignmentFactory(
        volunteer=profile.user,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
        status=AssignmentStatus.ACCEPTED,
    )
    AssignmentFactory(  # only asked, not accepted: no reminder
        volunteer=profile.user,
        starts_at=soon + datetime.timedelta(hours=3),
        ends_at=soon + datetime.timedelta(hours=4),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_assignment_reminders() == 1
        assert services.send_assignment_reminders() == 0
    assert len(mail.outbox) == 1


def test_reminder_task_calls_the_service(profile):
    from teilhabe.volunteers.tasks import send_assignment_reminders

    assert send_assignment_reminders() == 0


def test_cancel_assignment(profile, staff_user):
    assignment = AssignmentFactory(volunteer=profile.user)
    services.cancel_assignment(assignment, by=staff_user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED


# --- hours ---------------------------------------------------------------------------------


def test_hours_from_a_past_accepted_assignment(profile):
    start = timezone.now() - datetime.timedelta(days=1)
    assignment = AssignmentFactory(
        volunteer=profile.user,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2, minutes=30),
        status=AssignmentStatus.ACCEPTED,
    )
    entry = services.hours_from_assignment(assignment)
    assert entry.hours == 2.5
    assert services.hours_from_assignment(assignment).pk == entry.pk
    assert services.hours_from_assignment(AssignmentFactory(volunteer=profile.user)) is None


def test_log_hours_and_confirmation_permissions(
    profile, association, association_admin, other_association_admin, staff_user
):
    entry = services.log_hours(profile.user, timezone.localdate(), 2, "Sprachcafé", association)
    assert entry.status == HoursStatus.LOGGED
    for user in (profile.user, other_association_admin):
        with pytest.raises(PermissionDenied):
            services.confirm_hours(entry, by=user)
    assert services.confirm_hours(entry, by=association_admin).status == HoursStatus.CONFIRMED
    other = services.log_hours(profile.user, timezone.localdate(), 1, "Aufbau", None)
    with pytest.raises(PermissionDenied):
        services.reject_hours(other, by=association_admin)
    assert services.reject_hours(other, by=staff_user).status == HoursStatus.REJECTED


def test_hours_log_view(client, profile):
    client.force_login(profile.user)
    client.post(
        reverse("volunteers:hours-log"),
        {"day": timezone.localdate().isoformat(), "hours": "1.5", "description": "Aufbau"},
    )
    assert HoursEntry.objects.get(volunteer=profile.user).hours == 1.5


def test_hours_confirm_page_shows_only_own_associations_hours(
    client, association, association_admin
):
    mine = HoursEntryFactory(association=association, description="Unser Fest")
    HoursEntryFactory(description="Anderswo")
    client.force_login(association_admin)
    response = client.get(reverse("volunteers:hours-confirm"))
    assert "Unser Fest" in response.content.decode()
    assert "Anderswo" not in response.content.decode()
    client.post(reverse("volunteers:hours-confirm"), {"entry": mine.pk, "decision": "confirm"})
    mine.refresh_from_db()
    assert mine.status == HoursStatus.CONFIRMED


# --- matching ------------------------------------------------------------------------------


def test_matching_ranks_with_reasons_and_leaves_out_busy_volunteers(association):
    weekday = tomorrow_at(16).weekday()
    best = VolunteerProfileFactory(
        languages=[{"code": "ar", "level": "native"}],
        skills="Dolmetschen, Kochen",
        availability=[{"weekday": weekday, "start": "15:00", "end": "20:00"}],
        associations=[association],
    )
    second = VolunteerProfileFactory(languages=[{"code": "ar", "level": "basic"}], skills="Sport")
    busy = VolunteerProfileFactory(languages=[{"code": "ar", "level": "native"}])
    AssignmentFactory(volunteer=busy.user, starts_at=tomorrow_at(17), ends_at=tomorrow_at(19))
    VolunteerProfileFactory(languages=[{"code": "uk", "level": "native"}])  # no Arabic

    matches = selectors.match_volunteers(
        languages=["ar"],
        skills="Dolmetschen",
        starts_at=tomorrow_at(16),
        ends_at=tomorrow_at(18),
        association=association,
    )
    ranked = [m.profile for m in matches]
    assert ranked == [best, second]
    profile, score, reasons = matches[0]
    assert score > matches[1].score
    assert len(reasons) == 4  # language, skill, available, association
    assert any("dolmetschen" in r for r in reasons)


def test_matching_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(6):
        VolunteerProfileFactory(languages=[{"code": "ar", "level": "good"}])
    with django_assert_max_num_queries(3):
        selectors.match_volunteers(
            languages=["ar"], skills="", starts_at=tomorrow_at(16), ends_at=tomorrow_at(18)
        )


def test_match_page_for_a_session_and_assign(client, staff_user):
    offer = OfferFactory()
    session = SessionFactory(offer=offer, starts_at=tomorrow_at(16), ends_at=tomorrow_at(18))
    candidate = VolunteerProfileFactory(languages=[{"code": "ar", "level": "native"}])
    client.force_login(staff_user)
    response = client.get(reverse("volunteers:match"), {"session": session.pk, "languages": "ar"})
    assert response.status_code == 200
    assert candidate.user.display_name in response.content.decode()
    response = client.post(
        reverse("volunteers:assign"),
        {
            "volunteer": candidate.user_id,
            "session": session.pk,
            "starts_at": session.starts_at.isoformat(),
            "ends_at": session.ends_at.isoformat(),
            "title": "Kurs",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(volunteer=candidate.user)
    assert assignment.session == session


# --- pages and permissions -----------------------------------------------------------------


def test_my_page_shows_only_own_data(client, profile, staff_user):
    mine = AssignmentFactory(volunteer=profile.user, title="Meine Aufgabe")
    AssignmentFactory(title="Fremde Aufgabe", starts_at=tomorrow_at(9), ends_at=tomorrow_at(10))
    HoursEntryFactory(volunteer=profile.user, description="Meine Stunden")
    HoursEntryFactory(description="Fremde Stunden")
    client.force_login(profile.user)
    content = client.get(reverse("volunteers:my-page")).content.decode()
    assert mine.title in content
    assert "Meine Stunden" in content
    assert "Fremde" not in content
    assert reverse("accounts:export-data") in content
    assert reverse("accounts:delete") in content


def _expected_detail(role: str) -> int:
    return {
        "anonymous": 302,
        "volunteer": 200,  # it is their own profile in this test
        "association_admin": 200,
        "staff_user": 200,
        "administrator": 200,
    }.get(role, 403)


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_volunteer_detail_permissions(client, request, user_in_role, profile):
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(reverse("volunteers:volunteer-detail", args=[profile.user_id]))
    assert response.status_code == _expected_detail(request.node.callspec.params["user_in_role"])


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_volunteer_list_permissions(client, request, user_in_role, profile):
    other = VolunteerProfileFactory(user__display_name="Olaf Other")
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(reverse("volunteers:volunteer-list"))
    if role in ("staff_user", "administrator"):
        content = response.content.decode()
        assert profile.user.display_name in content and other.user.display_name in content
    elif role == "association_admin":
        content = response.content.decode()
        assert profile.user.display_name in content
        assert other.user.display_name not in content
    elif role == "other_association_admin":
        assert response.status_code == 200
        assert profile.user.display_name not in response.content.decode()
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_view_profile_rule(request, user_in_role, profile):
    role = request.node.callspec.params["user_in_role"]
    allowed = role in ("volunteer", "association_admin", "staff_user", "administrator")
    assert user_in_role.has_perm("volunteers.view_profile", profile) is allowed


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_confirm_hours_rule(request, user_in_role, association):
    role = request.node.callspec.params["user_in_role"]
    entry = HoursEntryFactory(association=association)
    allowed = role in ("association_admin", "staff_user", "administrator")
    assert user_in_role.has_perm("volunteers.confirm_hours", entry) is allowed


def test_volunteer_list_runs_a_fixed_number_of_queries(
    client, staff_user, association, django_assert_max_num_queries
):
    for _ in range(5):
        VolunteerProfileFactory(associations=[association])
    client.force_login(staff_user)
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("volunteers:volunteer-list"))
    for _ in range(5):
        VolunteerProfileFactory(associations=[association])
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("volunteers:volunteer-list"))


def test_match_page_runs_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries
):
    for _ in range(3):
        VolunteerProfileFactory(languages=[{"code": "ar", "level": "good"}])
    client.force_login(staff_user)
    params = {"languages": "ar", "day": tomorrow_at(16).date().isoformat(), "start": "16:00"}
    params["end"] = "18:00"
    with django_assert_max_num_queries(15) as first:
        client.get(reverse("volunteers:match"), params)
    for _ in range(5):
        VolunteerProfileFactory(languages=[{"code": "ar", "level": "good"}])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("volunteers:match"), params)
    assert response.content.decode().count("match-row") == 8


def test_association_admin_sees_only_volunteers_of_their_association(
    association, association_admin
):
    mine = VolunteerProfileFactory(associations=[association])
    VolunteerProfileFactory()
    assert list(selectors.volunteers_for(association_admin)) == [mine]
    assert list(selectors.volunteers_of_association(association)) == [mine]


# --- personal data -------------------------------------------------------------------------


def test_export_and_erase_personal_data(profile, association):
    services.set_migration_history(profile, True)
    AssignmentFactory(volunteer=profile.user)
    HoursEntryFactory(volunteer=profile.user)
    EnrolmentFactory(volunteer=profile.user, attended=True)
    source = next(s for s in personal_data.sources() if s.name == "volunteering")
    data = source.export(profile.user)
    json.dumps(data)
    assert data["profile"]["has_migration_history"] is True
    assert len(data["assignments"]) == 1 and len(data["hours"]) == 1
    assert len(data["trainings"]) == 1

    source.erase(profile.user)
    assert not VolunteerProfile.objects.filter(user=profile.user).exists()
    assert not Assignment.objects.filter(volunteer=profile.user).exists()
    assert not HoursEntry.objects.filter(volunteer=profile.user).exists()


# --- sample --------------------------------------------------------------------------------


@pytest.mark.slow
def test_sample_volunteers_have_levels_history_assignments_and_hours():
    from django.core.management import call_command

    call_command("load_sample_centre", stdout=StringIO())
    profiles = list(VolunteerProfile.objects.filter(user__email__endswith="@ehrenamt.example"))
    assert all(
        isinstance(entry, dict) and entry["level"] for p in profiles for entry in p.languages
    )
    with_history = [p for p in profiles if p.has_migration_history]
    assert len(with_history) * 3 > len(profiles)
    assert all(p.migration_history_consent_at for p in with_history)
    assert all(p.availability for p in profiles)
    assignments = Assignment.objects.filter(status=AssignmentStatus.ACCEPTED).count()
    confirmed = HoursEntry.objects.filter(status=HoursStatus.CONFIRMED).count()
    assert assignments > 0 and confirmed > 0
    call_command("load_sample_centre", stdout=StringIO())
    assert Assignment.objects.count() == assignments
