"""The registration pages for visitors and the participant lists for hosts."""

import csv
import io
import time
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core import mail, signing
from openpyxl import load_workbook

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.programme import services
from teilhabe.programme.models import Registration

from .factories import OfferFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Amina Haddad",
        "email": "amina@example.org",
        "phone": "",
        "persons": "2",
        "note": "",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register_url(offer, language="de"):
    return f"/{language}/programme/offers/{offer.slug}/register/"


def status_url(registration, language="de"):
    return f"/{language}/programme/registrations/{services.registration_token(registration)}/"


def cancel_url(registration, language="de"):
    return status_url(registration, language) + "cancel/"


# --- registering ------------------------------------------------------------------------------


def test_registration_page_shows_the_offer_its_dates_places_left_and_the_form(client):
    offer = OfferFactory(registration=True, capacity=10, title_de="Nähcafé", title_en="Sewing")
    SessionFactory(offer=offer, starts_at=datetime(2099, 1, 13, 17, tzinfo=UTC))
    RegistrationFactory(offer=offer, persons=3)
    html = client.get(register_url(offer, "en")).content.decode()
    assert "Sewing" in html
    assert "Tuesday" in html and "18:00" in html
    assert "7 places left" in html
    assert 'name="consent"' in html and "I agree that my details are stored" in html
    assert 'name="website"' in html and 'class="d-none" aria-hidden="true"' in html
    assert "Join the waiting list" not in html


def test_full_offer_says_before_submitting_that_it_is_the_waiting_list(client):
    offer = OfferFactory(registration=True, capacity=2)
    RegistrationFactory(offer=offer, persons=2)
    html = client.get(register_url(offer, "en")).content.decode()
    assert "All places are taken." in html
    assert "you go on the waiting list" in html
    assert "Join the waiting list" in html


@pytest.mark.parametrize(
    "offer_values",
    [
        {"registration_mode": "none", "capacity": None},
        {"registration": True, "status": "draft"},
        {"registration": True, "status": "archived"},
    ],
)
def test_offers_without_registration_and_unknown_ones_get_a_clear_404(client, offer_values):
    offer = OfferFactory(slug="kurs", **offer_values)
    for url in (register_url(offer, "en"), "/en/programme/offers/gibt-es-nicht/register/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Registration not possible" in response.content.decode()
        assert client.post(url, form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_valid_post_registers_in_the_pages_language_and_redirects_to_the_status_page(
    client, django_capture_on_commit_callbacks
):
    offer = OfferFactory(registration=True, title_de="Nähcafé", title_en="Sewing café")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(offer, "en"), form_data(needs_childcare="on", note="Arabic please")
        )
    registration = Registration.objects.get()
    assert response.status_code == 302
    token = response.url.removeprefix("/en/programme/registrations/").removesuffix("/")
    assert services.registration_from_token(token) == registration
    assert registration.language == "en"
    assert (registration.persons, registration.needs_childcare) == (2, True)
    assert registration.note == "Arabic please"
    assert registration.status == "confirmed"
    assert mail.outbox[-1].subject == "Registration confirmed: Sewing café"
    page = client.get(response.url).content.decode()
    assert "Thank you – you are registered." in page
    assert "Your place is confirmed." in page


def test_registration_on_a_full_offer_goes_to_the_waiting_list_and_says_so(client):
    offer = OfferFactory(registration=True, capacity=1)
    RegistrationFactory(offer=offer)
    response = client.post(register_url(offer, "en"), form_data(persons="1"), follow=True)
    html = response.content.decode()
    assert "you are on the waiting list" in html
    assert "You are on the waiting list, in position 1." in html
    assert Registration.objects.filter(status="waiting").count() == 1


def test_logged_in_visitor_is_linked_to_the_registration(client, participant):
    offer = OfferFactory(registration=True)
    client.force_login(participant)
    client.post(register_url(offer), form_data())
    assert Registration.objects.get().user == participant


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "", "phone": ""}, "email", "Please give an e-mail address or a phone number"),
        ({"email": "kein-at-zeichen"}, "email", "Enter a valid email address."),
        ({"phone": "call me maybe", "email": ""}, "phone", "digits only"),
        ({"persons": "0"}, "persons", "at least one person"),
        ({"persons": "11"}, "persons", "At most 10 persons"),
        ({"persons": "zwei"}, "persons", "Enter a whole number."),
        ({"name": "   "}, "name", "This field is required."),
        ({"consent": None}, "consent", "Please agree, so that we can register you."),
        ({"note": "x" * 301}, "note", "at most 300 characters"),
    ],
)
def test_invalid_post_shows_the_error_keeps_the_typed_values_and_registers_nobody(
    client, overrides, field, message
):
    offer = OfferFactory(registration=True)
    data = form_data(**{"name": "Ölçü Yılmaz", "note": "Bitte Türkisch", **overrides})
    response = client.post(register_url(offer, "en"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert list(response.context["form"].errors) == [field]
    assert not Registration.objects.exists()
    # What was typed is still there.
    if "name" not in overrides:
        assert 'value="Ölçü Yılmaz"' in html
    if "note" not in overrides:
        assert "Bitte Türkisch</textarea>" in html
    if overrides.get("email"):
        assert f'value="{overrides["email"]}"' in html
    if "persons" in overrides:
        assert f'value="{overrides["persons"]}"' in html


def test_errors_come_in_the_visitors_language(client):
    offer = OfferFactory(registration=True)
    html = client.post(register_url(offer, "de"), form_data(name="")).content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html  # Django's own German


def test_an_empty_post_is_an_invalid_form_not_an_empty_page(client):
    offer = OfferFactory(registration=True)
    response = client.post(register_url(offer, "en"), {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Registration.objects.exists()


def test_honeypot_filled_in_registers_nobody(client):
    offer = OfferFactory(registration=True)
    response = client.post(register_url(offer, "en"), form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_group_larger_than_the_offer_is_refused_by_the_form(client):
    offer = OfferFactory(registration=True, capacity=3)
    response = client.post(register_url(offer, "en"), form_data(persons="4"))
    assert "At most 3 persons can register at once." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_refusal_by_the_service_is_shown_on_the_form(client):
    offer = OfferFactory(registration=True)
    with mock.patch.object(
        services,
        "register_for_offer",
        side_effect=services.ValidationError("This offer does not take registrations."),
    ):
        response = client.post(register_url(offer, "en"), form_data())
    assert response.status_code == 200
    assert "This offer does not take registrations." in response.content.decode()


def test_registration_per_date_offers_the_open_dates_and_marks_full_ones(client):
    offer = OfferFactory(registration=True, capacity=1, registration_scope="session")
    full = SessionFactory(offer=offer, starts_at=datetime(2099, 1, 12, 17, tzinfo=UTC))
    free = SessionFactory(offer=offer, starts_at=datetime(2099, 1, 13, 17, tzinfo=UTC))
    SessionFactory(offer=offer, starts_at=datetime(2099, 1, 14, 17, tzinfo=UTC), is_cancelled=True)
    RegistrationFactory(offer=offer, session=full)
    html = client.get(register_url(offer, "en")).content.decode()
    assert 'name="session"' in html
    assert "Monday, Jan. 12, 2099, 18:00 – 20:00 (full – waiting list)" in html
    assert "Tuesday, Jan. 13, 2099, 18:00 – 20:00</option>" in html
    assert "Wednesday" not in html

    response = client.post(register_url(offer, "en"), form_data(persons="1", session=free.pk))
    assert response.status_code == 302
    assert Registration.objects.get(session=free).status == "confirmed"
    client.post(register_url(offer, "en"), form_data(persons="1", session=full.pk))
    assert Registration.objects.filter(session=full).last().status == "waiting"


def test_registration_per_date_without_a_date_or_with_a_foreign_one_is_an_error(client):
    offer = OfferFactory(registration=True, registration_scope="session")
    SessionFactory(offer=offer)
    foreign = SessionFactory(offer=OfferFactory(registration=True, registration_scope="session"))
    for session in ("", foreign.pk, "abc"):
        response = client.post(register_url(offer, "en"), form_data(session=session))
        assert response.status_code == 200
        assert "session" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_registration_per_date_without_open_dates_says_so(client):
    offer = OfferFactory(registration=True, registration_scope="session")
    html = client.get(register_url(offer, "en")).content.decode()
    assert "no dates you can register for" in html
    assert '<form method="post"' not in html


@pytest.mark.parametrize("count", [2, 12])
def test_registration_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    offer = OfferFactory(registration=True, capacity=50, registration_scope="session")
    for session in SessionFactory.create_batch(count, offer=offer):
        RegistrationFactory(offer=offer, session=session)
    with django_assert_max_num_queries(6):
        response = client.get(register_url(offer, "en"))
    assert response.content.decode().count("<option") == count + 1


# --- status and cancellation ------------------------------------------------------------------


def test_status_page_shows_status_offer_date_and_a_cancel_button(client):
    offer = OfferFactory(registration=True, registration_scope="session", title_en="Sewing")
    session = SessionFactory(offer=offer, starts_at=datetime(2099, 1, 13, 17, tzinfo=UTC))
    registration = RegistrationFactory(offer=offer, session=session, name="Olena")
    url = status_url(registration, "en")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sewing" in html and "Olena" in html and "Tuesday" in html
    assert "Your place is confirmed." in html
    assert f'href="{url}cancel/"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_status_page_shows_the_position_on_the_waiting_list(client):
    offer = OfferFactory(registration=True, capacity=1)
    RegistrationFactory(offer=offer)
    RegistrationFactory(offer=offer, status="waiting")
    RegistrationFactory(offer=offer, status="cancelled")
    second = RegistrationFactory(offer=offer, status="waiting")
    html = client.get(status_url(second, "en")).content.decode()
    assert "You are on the waiting list, in position 2." in html


def test_cancel_asks_first_then_cancels_promotes_and_tells_the_next(
    client, django_capture_on_commit_callbacks
):
    offer = OfferFactory(registration=True, capacity=1, title_de="Sprachcafé")
    confirmed = services.register_for_offer(offer=offer, name="A", email="a@example.org")
    waiting = services.register_for_offer(offer=offer, name="B", email="b@example.org")

    url = status_url(confirmed, "en")
    page = client.get(url + "cancel/")
    assert page.status_code == 200
    assert "Yes, cancel my registration" in page.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"  # a GET (a mail scanner following links) changes nothing

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "cancel/")
    assert response.status_code == 302
    assert response.url == url
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    promoted_mail = next(m for m in mail.outbox if m.to == ["b@example.org"])
    assert "Sprachcafé" in promoted_mail.subject
    html = client.get(response.url).content.decode()
    assert "Your registration is cancelled." in html
    assert "This registration is cancelled." in html
    assert "Cancel registration</a>" not in html


def test_cancelling_again_changes_nothing(client):
    registration = RegistrationFactory(status="cancelled")
    assert "already cancelled" in client.get(cancel_url(registration, "en")).content.decode()
    response = client.post(cancel_url(registration, "en"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def expired_token(registration):
    past = int(time.time()) - 400 * 24 * 3600
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(past)
    ):
        return services.registration_token(registration)


@pytest.mark.parametrize("page", ["", "cancel/"])
def test_expired_link_is_a_clear_410_page_with_a_hint_to_contact_the_host(client, page):
    registration = RegistrationFactory()
    url = f"/en/programme/registrations/{expired_token(registration)}/{page}"
    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 410
        assert "This link has expired" in html
        assert "contact the association that runs the offer" in html
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize("page", ["", "cancel/"])
def test_forged_link_is_a_clear_400_page(client, page):
    registration = RegistrationFactory()
    token = services.registration_token(registration)
    forged = f"{registration.pk + 1}{token[len(str(registration.pk)) :]}"
    for bad in (forged, "abc", "1:2:3"):
        response = client.post(f"/ar/programme/registrations/{bad}/{page}")
        assert response.status_code == 400
        assert 'dir="rtl"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


# --- participants for hosts -------------------------------------------------------------------


@pytest.fixture
def hosted_offer(association):
    """An offer led by another association and co-hosted by `association`."""
    offer = OfferFactory(registration=True, lead_association=AssociationFactory())
    offer.co_hosts.add(association)
    return offer


EXPECTED = {
    "anonymous": "login",
    "participant": 403,
    "volunteer": 403,
    "counsellor": 403,
    "association_member": 403,
    "association_admin": 200,  # of the co-hosting association
    "other_association_admin": 403,
    "staff_user": 200,
    "administrator": 200,
}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(ROLE_FIXTURES)


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
@pytest.mark.parametrize("suffix", ["participants/", "participants.csv", "participants.xlsx"])
def test_participants_only_for_hosts_and_centre_staff(
    request, client, user_in_role, hosted_offer, suffix
):
    RegistrationFactory(offer=hosted_offer, name="Zeynep")
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(f"/en/programme/manage/{hosted_offer.slug}/{suffix}")
    expected = EXPECTED[request.node.callspec.params["user_in_role"]]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith("/en/account/login/")
    else:
        assert response.status_code == expected
    if expected == 200 and suffix == "participants/":
        assert "Zeynep" in response.content.decode()


def test_participants_of_unknown_offer_or_format_is_404(client, staff_user):
    client.force_login(staff_user)
    offer = OfferFactory(registration=True)
    assert client.get("/de/programme/manage/gibt-es-nicht/participants/").status_code == 404
    assert client.get(f"/de/programme/manage/{offer.slug}/participants.pdf").status_code == 404


def test_participants_page_lists_confirmed_and_waiting_by_date(client, staff_user):
    offer = OfferFactory(registration=True, capacity=1, registration_scope="session")
    monday = SessionFactory(offer=offer, starts_at=datetime(2099, 1, 12, 17, tzinfo=UTC))
    RegistrationFactory(offer=offer, session=monday, name="Ayşe")
    RegistrationFactory(offer=offer, session=monday, name="Bilal", status="waiting")
    RegistrationFactory(offer=offer, session=monday, name="Chiara", status="cancelled")
    client.force_login(staff_user)
    html = client.get(f"/en/programme/manage/{offer.slug}/participants/").content.decode()
    assert "Monday" in html
    assert html.index("Ayşe") < html.index("Bilal")
    assert "Chiara" not in html
    assert "1 registration was cancelled." in html
    assert "1 of 1 places taken, 0 free." in html
    assert "1 person on the waiting list." in html


@pytest.mark.parametrize("count", [2, 20])
def test_participants_page_runs_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries, count
):
    offer = OfferFactory(registration=True, capacity=50, registration_scope="session")
    sessions = SessionFactory.create_batch(2, offer=offer)
    for number in range(count):
        RegistrationFactory(offer=offer, session=sessions[number % 2])
    client.force_login(staff_user)
    with django_assert_max_num_queries(8):
        response = client.get(f"/en/programme/manage/{offer.slug}/participants/")
    assert response.content.decode().count('class="participant"') == count


def test_csv_export_has_a_translated_header_and_neutralises_formulas(client, staff_user):
    offer = OfferFactory(registration=True, slug="naehcafe")
    RegistrationFactory(
        offer=offer,
        name='=HYPERLINK("http://evil.example")',
        email="",
        phone="+49 170 1234567",
        persons=3,
        needs_interpreting=True,
        note="@SUM(A1)",
        language="ar",
    )
    RegistrationFactory(offer=offer, name="Olena", status="waiting")
    client.force_login(staff_user)
    response = client.get("/de/programme/manage/naehcafe/participants.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="participants-naehcafe.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[1:3] == ["E-Mail", "Telefon"]  # German, the page's language
    assert len(rows[1]) == len(header)
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][2] == "'+49 170 1234567"
    assert rows[1][3] == "3"
    assert "'@SUM(A1)" in rows[1]
    assert len(rows) == 3 and rows[2][0] == "Olena"


def test_csv_header_follows_the_page_language(client, staff_user):
    offer = OfferFactory(registration=True, slug="kurs")
    RegistrationFactory(offer=offer)
    client.force_login(staff_user)
    english = client.get("/en/programme/manage/kurs/participants.csv")
    header = next(csv.reader(io.StringIO(english.content.decode("utf-8-sig")), delimiter=";"))
    assert header == [
        "Name",
        "E-mail",
        "Phone",
        "Persons",
        "Status",
        "Needs childcare",
        "Needs interpreting",
        "Note",
        "Language",
        "Registered at",
    ]


def test_xlsx_export_opens_with_openpyxl_and_keeps_formulas_as_text(client, staff_user):
    offer = OfferFactory(registration=True, registration_scope="session", slug="kurs")
    session = SessionFactory(offer=offer, starts_at=datetime(2099, 1, 13, 17, tzinfo=UTC))
    RegistrationFactory(offer=offer, session=session, name="=1+1", persons=2, note="-2")
    client.force_login(staff_user)
    response = client.get("/en/programme/manage/kurs/participants.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Date", "Name", "E-mail")
    assert rows[1][0] == datetime(2099, 1, 13, 18, 0)  # Berlin time
    assert rows[1][1] == "'=1+1"
    assert rows[1][4] == 2
    assert "'-2" in rows[1]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
