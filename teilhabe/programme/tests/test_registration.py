"""Registration through the services: places, waiting list, promotion, links and e-mails."""

import re
import time
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import translation

from teilhabe.programme import services
from teilhabe.programme.models import Registration

from .factories import OfferFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched in English, the language of the msgids."""
    with translation.override("en"):
        yield


def register(offer, **kwargs):
    values = {"name": "Amina", "email": "amina@example.org"}
    values.update(kwargs)
    return services.register_for_offer(offer=offer, **values)


def link_tokens(body: str, prefix: str) -> list[Registration]:
    """The registrations that the status and cancel links in a mail name."""
    tokens = re.findall(re.escape(prefix) + r"programme/registrations/([^/\s]+)/", body)
    return [services.registration_from_token(token) for token in tokens]


def statuses(offer):
    return list(
        Registration.objects.filter(offer=offer).order_by("pk").values_list("status", flat=True)
    )


def test_places_are_confirmed_until_full_then_the_waiting_list_takes_over():
    offer = OfferFactory(registration=True, capacity=3)
    first = register(offer, persons=2)
    second = register(offer, persons=1)
    third = register(offer, persons=1)
    assert (first.status, second.status, third.status) == ("confirmed", "confirmed", "waiting")
    assert services.places_taken(offer, None) == 3


def test_a_group_larger_than_the_free_places_waits():
    offer = OfferFactory(registration=True, capacity=3)
    register(offer, persons=2)
    assert register(offer, persons=2).status == "waiting"
    assert register(offer, persons=1).status == "confirmed"


def test_more_persons_than_the_offer_has_places_is_refused():
    offer = OfferFactory(registration=True, capacity=3)
    with pytest.raises(ValidationError, match="only 3 places"):
        register(offer, persons=4)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "offer_values",
    [
        {"registration_mode": "none", "capacity": None},
        {"registration": True, "status": "draft"},
        {"registration": True, "status": "archived"},
    ],
)
def test_offers_that_take_no_registrations_refuse(offer_values):
    offer = OfferFactory(**offer_values)
    with pytest.raises(ValidationError, match="does not take registrations"):
        register(offer)


def test_email_or_phone_is_required_and_phone_alone_is_enough():
    offer = OfferFactory(registration=True)
    with pytest.raises(ValidationError, match="e-mail address or a phone number"):
        register(offer, email="", phone="")
    assert register(offer, email="", phone="+49 170 1234567").status == "confirmed"


def test_cancelling_a_confirmed_place_promotes_the_first_waiting_and_tells_them(
    django_capture_on_commit_callbacks,
):
    offer = OfferFactory(registration=True, capacity=1, title_de="Deutschkurs")
    confirmed = register(offer, email="first@example.org")
    waiting_first = register(offer, email="second@example.org")
    waiting_second = register(offer, email="third@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=confirmed)
    assert promoted == [waiting_first]
    assert statuses(offer) == ["cancelled", "confirmed", "waiting"]
    waiting_second.refresh_from_db()
    assert waiting_second.status == "waiting"
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"first@example.org", "second@example.org"}
    promoted_mail, cancelled_mail = (
        by_recipient["second@example.org"],
        by_recipient["first@example.org"],
    )
    assert "Deutschkurs" in promoted_mail.subject and "Deutschkurs" in cancelled_mail.subject
    assert promoted_mail.subject != cancelled_mail.subject
    assert link_tokens(promoted_mail.body, "/de/") == [waiting_first] * 2


def test_promotion_skips_a_group_that_does_not_fit_and_takes_the_next_who_does():
    offer = OfferFactory(registration=True, capacity=2)
    single = register(offer, persons=1)
    register(offer, persons=1)
    big_group = register(offer, persons=2)
    small = register(offer, persons=1)
    promoted = services.cancel_registration(registration=single)
    assert promoted == [small]
    big_group.refresh_from_db()
    assert big_group.status == "waiting"


def test_cancelling_twice_or_a_waiting_registration_promotes_nobody(
    django_capture_on_commit_callbacks,
):
    offer = OfferFactory(registration=True, capacity=1)
    confirmed = register(offer)
    waiting = register(offer)
    also_waiting = register(offer)
    assert services.cancel_registration(registration=waiting) == []
    assert services.cancel_registration(registration=confirmed) == [also_waiting]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_registration(registration=confirmed) == []
    assert mail.outbox == []
    assert statuses(offer) == ["cancelled", "cancelled", "confirmed"]


def test_places_added_later_go_to_those_waiting_before_newcomers():
    offer = OfferFactory(registration=True, capacity=1)
    register(offer)
    waiting = register(offer)
    offer.capacity = 2
    offer.save()
    newcomer = register(offer)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert newcomer.status == "waiting"


def test_registration_per_session_counts_places_per_date():
    offer = OfferFactory(registration=True, capacity=1, registration_scope="session")
    monday, tuesday = SessionFactory(offer=offer), SessionFactory(offer=offer)
    assert register(offer, session=monday).status == "confirmed"
    assert register(offer, session=monday).status == "waiting"
    assert register(offer, session=tuesday).status == "confirmed"
    first_monday = Registration.objects.filter(session=monday).first()
    promoted = services.cancel_registration(registration=first_monday)
    assert [p.session for p in promoted] == [monday]


def test_registration_per_session_needs_an_open_date_of_this_offer():
    offer = OfferFactory(registration=True, registration_scope="session")
    other = SessionFactory(offer=OfferFactory(registration=True))
    past = SessionFactory(offer=offer, starts_at=datetime.now(UTC) - timedelta(hours=3))
    cancelled = SessionFactory(offer=offer, is_cancelled=True)
    with pytest.raises(ValidationError, match="choose a date"):
        register(offer)
    with pytest.raises(ValidationError, match="choose a date"):
        register(offer, session=other)
    for session in (past, cancelled):
        with pytest.raises(ValidationError, match="cancelled or already over"):
            register(offer, session=session)


def test_registration_for_the_whole_offer_ignores_a_session():
    offer = OfferFactory(registration=True)
    registration = register(offer, session=SessionFactory(offer=offer))
    assert registration.session is None


def test_token_names_the_registration_and_forged_or_unknown_tokens_are_refused():
    registration = RegistrationFactory()
    token = services.registration_token(registration)
    assert services.registration_from_token(token) == registration
    for bad in (token[:-2] + "xx", "nonsense", "", f"{registration.pk + 99}:abc:def"):
        with pytest.raises(ValidationError) as error:
            services.registration_from_token(bad)
        assert error.value.code == "invalid"
    registration.delete()
    with pytest.raises(ValidationError) as error:
        services.registration_from_token(token)
    assert error.value.code == "invalid"


def old_token(registration, days_ago):
    past = int(time.time()) - days_ago * 24 * 3600
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(past)
    ):
        return services.registration_token(registration)


def test_token_expires_after_the_configured_days(settings):
    settings.REGISTRATION_LINK_DAYS = 30
    registration = RegistrationFactory()
    assert services.registration_from_token(old_token(registration, 29)) == registration
    with pytest.raises(ValidationError) as error:
        services.registration_from_token(old_token(registration, 31))
    assert error.value.code == "expired"


def test_confirmation_mail_in_the_registrants_language_with_berlin_time_and_links(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://haus.example"
    offer = OfferFactory(
        registration=True,
        registration_scope="session",
        title_de="Nähcafé",
        title_en="Sewing café",
    )
    # 17:00 UTC in January is 18:00 in Berlin.
    session = SessionFactory(
        offer=offer,
        starts_at=datetime(2099, 1, 13, 17, 0, tzinfo=UTC),
        ends_at=datetime(2099, 1, 13, 19, 0, tzinfo=UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(offer, session=session, language="en", name="O'Brien & Co")
    message = mail.outbox[-1]
    assert message.to == ["amina@example.org"]
    assert "Sewing café" in message.subject and "Nähcafé" not in message.body
    assert "Sewing café" in message.body
    assert "Hello O'Brien & Co," in message.body  # plain text, not HTML-escaped
    assert "Tuesday, Jan. 13, 2099, 18:00 – 20:00" in message.body
    assert link_tokens(message.body, "https://haus.example/en/") == [registration] * 2
    assert "/cancel/\n" in message.body


def test_mail_falls_back_to_the_german_title_and_shows_the_next_date_of_the_offer(
    django_capture_on_commit_callbacks,
):
    offer = OfferFactory(registration=True, capacity=1, title_de="Nähcafé", title_en="")
    SessionFactory(
        offer=offer,
        starts_at=datetime(2099, 7, 1, 16, 0, tzinfo=UTC),
        ends_at=datetime(2099, 7, 1, 18, 0, tzinfo=UTC),
    )
    register(offer)
    with django_capture_on_commit_callbacks(execute=True):
        register(offer, language="uk", email="olena@example.org")
    message = mail.outbox[-1]
    assert message.to == ["olena@example.org"]
    assert "Nähcafé" in message.subject and "Nähcafé" in message.body
    assert "18:00" in message.body  # 16:00 UTC in summer is 18:00 in Berlin
    assert "/uk/programme/registrations/" in message.body


def test_no_mail_without_an_email_address(django_capture_on_commit_callbacks):
    offer = OfferFactory(registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(offer, email="", phone="0170 1234567")
    assert mail.outbox == []


def test_a_rolled_back_registration_sends_no_mail(django_capture_on_commit_callbacks):
    offer = OfferFactory(registration=True)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        register(offer, name="")  # the model's full_clean refuses it
    assert callbacks == [] and mail.outbox == []
    assert not Registration.objects.exists()


def test_more_places_move_the_waiting_list_up_at_once(
    staff_user, django_capture_on_commit_callbacks
):
    offer = OfferFactory(registration=True, capacity=1)
    first = services.register_for_offer(offer=offer, name="A", email="a@example.org")
    second = services.register_for_offer(offer=offer, name="B", email="b@example.org")
    assert Registration.objects.get(pk=second.pk).status == "waiting"
    offer.capacity = 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_offer(offer=offer, by=staff_user)
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]


def test_registrations_and_cancellations_leave_cached_public_pages_in_place(
    django_capture_on_commit_callbacks,
):
    """No public page shows places, so a registration must not make every visitor's catalogue
    render afresh (under load that emptied the page cache every few seconds)."""
    from teilhabe.core.cache import public_pages_version

    offer = OfferFactory(registration=True, capacity=3)
    before = public_pages_version()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(offer)
        services.cancel_registration(registration=registration)
    assert public_pages_version() == before
