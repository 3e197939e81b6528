"""The walk-in queue: numbers at the front desk, calling the next one, the waiting screen that
shows numbers only, and numbers under parallel desks."""

from datetime import time
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.core.recurrence import centre_today
from teilhabe.core.testing import all_in_parallel
from teilhabe.counselling import services
from teilhabe.counselling.models import CounsellingRecord, OfficeHoursMode, TicketStatus

from .factories import ServiceFactory, TopicFactory, counselling_setup, make_office_hours

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


def walk_in_today(service, counsellors):
    hours = make_office_hours(
        service,
        counsellors,
        mode=OfficeHoursMode.WALK_IN,
        starts_on=centre_today(),
        weekdays=range(7),
        start=time(0, 5),
        end=time(23, 55),
    )
    return hours.dates.get(rule_day=centre_today())


@pytest.fixture
def queue():
    service, _topic, counsellor, _hours = counselling_setup()
    topic = TopicFactory(service=service, name_en="Residence permit XQ", name_de="Aufenthalt XQ")
    office_date = walk_in_today(service, [counsellor])
    return SimpleNamespace(
        service=service, topic=topic, counsellor=counsellor, user=counsellor.user, date=office_date
    )


def draw(queue, by=None, **details):
    values = {"language": "ti", "topic": queue.topic, "needs_interpreter": True}
    values.update(details)
    return services.draw_ticket(office_hours_date=queue.date, by=by or queue.user, **values)


def test_numbers_count_from_one_for_each_date(queue, staff_user):
    assert [draw(queue, by=staff_user).number for _ in range(3)] == [1, 2, 3]
    other_service, _t, counsellor, _h = counselling_setup()
    other_date = walk_in_today(other_service, [counsellor])
    ticket = services.draw_ticket(office_hours_date=other_date, language="de", by=staff_user)
    assert ticket.number == 1
    record = CounsellingRecord.objects.get(pk=draw(queue).record_id)
    assert record.is_walk_in and record.needs_interpreter and record.language == "ti"


def test_call_next_calls_the_lowest_waiting_number(queue):
    first, second, third = draw(queue), draw(queue), draw(queue)
    services.finish_ticket(
        ticket=services.call_next(office_hours_date=queue.date, by=queue.user),
        status=TicketStatus.LEFT,
        by=queue.user,
    )
    called = services.call_next(office_hours_date=queue.date, by=queue.user)
    assert called.pk == second.pk
    assert called.status == TicketStatus.CALLED
    assert called.called_by == queue.counsellor
    assert services.call_next(office_hours_date=queue.date, by=queue.user).pk == third.pk
    assert services.call_next(office_hours_date=queue.date, by=queue.user) is None
    first.refresh_from_db()
    assert first.status == TicketStatus.LEFT


def test_front_desk_gives_a_number_and_shows_it_large(client, queue, staff_user):
    client.force_login(staff_user)
    page = client.get(en("front-desk"))
    assert page.status_code == 200
    assert "Give a number" in page.content.decode()
    prefix = f"date-{queue.date.pk}"
    response = client.post(
        en("front-desk"),
        {
            "date": queue.date.pk,
            f"{prefix}-topic": queue.topic.pk,
            f"{prefix}-language": "ar",
            f"{prefix}-needs_interpreter": "on",
        },
    )
    assert response.status_code == 302
    ticket = queue.date.tickets.get()
    assert (ticket.number, ticket.language, ticket.needs_interpreter) == (1, "ar", True)
    shown = client.get(response["Location"]).content.decode()
    assert 'id="ticket-number">1<' in shown
    assert "display-1" in shown


def test_front_desk_keeps_bad_input(client, queue):
    client.force_login(queue.user)
    prefix = f"date-{queue.date.pk}"
    response = client.post(
        en("front-desk"),
        {"date": queue.date.pk, f"{prefix}-language": "xx-nonsense", f"{prefix}-topic": ""},
    )
    assert response.status_code == 400
    assert not queue.date.tickets.exists()
    response = client.post(en("front-desk"), {"date": "999999"})
    assert response.status_code == 400
    assert "not open today" in response.content.decode()


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_runs_the_front_desk_and_the_queue(client, queue, user_in_role):
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    front = client.get(en("front-desk"))
    desk_queue = client.get(en("queue", date_pk=queue.date.pk))
    if not user_in_role.is_authenticated:
        assert front.status_code == desk_queue.status_code == 302
    elif user_in_role.is_centre_staff:
        assert front.status_code == 200
        assert desk_queue.status_code == 403  # staff give numbers but see no queue details
    else:
        assert front.status_code == desk_queue.status_code == 403
    assert client.post(en("queue-call-next", date_pk=queue.date.pk)).status_code in (302, 403)
    assert not queue.date.tickets.exclude(status=TicketStatus.WAITING).exists()


def test_a_counsellor_of_another_service_cannot_run_this_queue(client, queue):
    draw(queue)
    _s, _t, other, _h = counselling_setup()
    client.force_login(other.user)
    assert client.get(en("queue", date_pk=queue.date.pk)).status_code == 403
    assert client.post(en("queue-call-next", date_pk=queue.date.pk)).status_code == 403
    front = client.get(en("front-desk")).content.decode()
    assert f'value="{queue.date.pk}"' not in front


def test_the_queue_page_calls_and_finishes(client, queue):
    draw(queue)
    draw(queue, language="fa", topic=None, needs_interpreter=False)
    client.force_login(queue.user)
    page = client.get(en("queue", date_pk=queue.date.pk)).content.decode()
    assert "2 waiting" in page
    assert "Residence permit XQ" in page
    assert "Tigrinya" in page
    response = client.post(en("queue-call-next", date_pk=queue.date.pk), follow=True)
    assert "Number 1 is called." in response.content.decode()
    ticket = queue.date.tickets.get(number=1)
    response = client.post(
        en("queue-finish", date_pk=queue.date.pk, ticket_pk=ticket.pk),
        {"status": "served"},
        follow=True,
    )
    assert "Number 1 is done." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SERVED
    assert CounsellingRecord.objects.get(pk=ticket.record_id).outcome == "attended"
    response = client.post(
        en("queue-finish", date_pk=queue.date.pk, ticket_pk=ticket.pk),
        {"status": "nonsense"},
        follow=True,
    )
    assert "not a possible outcome" in response.content.decode()
    partial = client.get(en("queue", date_pk=queue.date.pk), {"part": "waiting"})
    assert "<html" not in partial.content.decode()
    assert "1 waiting" in partial.content.decode()


def test_waiting_screen_shows_numbers_only(client, queue):
    for _ in range(3):
        draw(queue)
    services.call_next(office_hours_date=queue.date, by=queue.user)
    for url in (
        en("waiting-screen", date_pk=queue.date.pk),
        en("waiting-screen-partial", date_pk=queue.date.pk),
    ):
        response = client.get(url)  # public: no login
        assert response.status_code == 200
        content = response.content.decode()
        assert 'class="called-number">1<' in content
        assert "2 people waiting" in content
        assert queue.date.room.name in content
        for secret in ("Residence permit XQ", "Aufenthalt XQ", "Tigrinya", "nterpreter"):
            assert secret not in content
    screen = client.get(en("waiting-screen", date_pk=queue.date.pk)).content.decode()
    assert 'hx-trigger="every 5s"' in screen
    assert en("waiting-screen-partial", date_pk=queue.date.pk) in screen
    assert "<script>" not in screen and "style=" not in screen


def test_queue_pages_run_a_fixed_number_of_queries(
    client, queue, staff_user, django_assert_max_num_queries
):
    client.force_login(queue.user)
    urls = [
        en("queue", date_pk=queue.date.pk),
        en("waiting-screen", date_pk=queue.date.pk),
        en("front-desk"),
    ]

    def counts():
        result = []
        for url in urls:
            with django_assert_max_num_queries(50) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    draw(queue)
    counts()  # warm the per-process caches (the centre, content types)
    few = counts()
    for _ in range(8):
        draw(queue, topic=TopicFactory(service=queue.service))
    services.call_next(office_hours_date=queue.date, by=queue.user)
    services.call_next(office_hours_date=queue.date, by=queue.user)
    assert counts() == few
    ServiceFactory()  # another service (no office hours) changes nothing for staff
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        assert client.get(en("front-desk")).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_desks_never_give_the_same_number(staff_user):
    service, _topic, counsellor, _hours = counselling_setup()
    office_date = walk_in_today(service, [counsellor])

    def give(_index):
        return services.draw_ticket(office_hours_date=office_date, language="de", by=staff_user)

    tickets = all_in_parallel(give, range(10))
    assert sorted(t.number for t in tickets) == list(range(1, 11))
    assert sorted(office_date.tickets.values_list("number", flat=True)) == list(range(1, 11))
