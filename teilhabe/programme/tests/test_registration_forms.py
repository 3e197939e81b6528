"""The registration form, and no input at all that makes the registration pages fail: random
text, numbers, Unicode and huge values into the form and random tokens into the links."""

from urllib.parse import quote

import pytest
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from teilhabe.programme.forms import RegistrationForm
from teilhabe.programme.models import Registration
from teilhabe.programme.selectors import offer_for_registration

from .factories import OfferFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def valid(**overrides):
    data = {"name": "Amina", "email": "amina@example.org", "persons": "1", "consent": "on"}
    data.update(overrides)
    return data


def form_for(offer, data):
    return RegistrationForm(data, offer=offer_for_registration(offer.slug))


def test_minimal_registration_is_valid():
    offer = OfferFactory(registration=True)
    form = form_for(offer, valid())
    assert form.is_valid(), form.errors
    assert form.registration_data() == {
        "session": None,
        "name": "Amina",
        "email": "amina@example.org",
        "phone": "",
        "persons": 1,
        "needs_childcare": False,
        "needs_interpreting": False,
        "note": "",
    }


def test_phone_alone_is_enough_and_eastern_arabic_digits_become_latin():
    offer = OfferFactory(registration=True)
    form = form_for(offer, valid(email="", phone="  +٤٩ ١٧٠   ۱۲۳۴۵۶۷ "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+49 170 1234567"


@pytest.mark.parametrize("phone", ["1234", "call me", "+49 170 123<script>", "=1+2+3+4+5"])
def test_phone_needs_digits(phone):
    form = form_for(OfferFactory(registration=True), valid(phone=phone))
    assert "phone" in form.errors


def test_persons_accepts_eastern_arabic_digits_and_is_limited_by_the_places():
    offer = OfferFactory(registration=True, capacity=4)
    assert form_for(offer, valid(persons="٣")).is_valid()
    with translation.override("en"):
        form = form_for(offer, valid(persons="5"))
        assert form.errors["persons"] == ["At most 4 persons can register at once."]


def test_consent_label_is_the_consent_text_in_the_visitors_language():
    offer = offer_for_registration(OfferFactory(registration=True).slug)
    with translation.override("en"):
        label = str(RegistrationForm(offer=offer).fields["consent"].label)
    assert label.startswith("I agree that my details are stored")
    assert RegistrationForm(offer=offer).fields["consent"].required


def test_session_choice_only_for_registration_per_date_and_only_open_dates():
    offer = OfferFactory(registration=True, registration_scope="session")
    open_session = SessionFactory(offer=offer)
    SessionFactory(offer=offer, is_cancelled=True)
    form = RegistrationForm(offer=offer_for_registration(offer.slug))
    assert list(form.fields)[0] == "session"
    assert [value for value, _label in form.fields["session"].choices] == [
        "",
        str(open_session.pk),
    ]
    assert (
        "session"
        not in RegistrationForm(
            offer=offer_for_registration(OfferFactory(registration=True).slug)
        ).fields
    )
    form = form_for(offer, valid(session=str(open_session.pk)))
    assert form.is_valid()
    assert form.registration_data()["session"] == open_session


def test_honeypot_makes_the_form_invalid():
    form = form_for(OfferFactory(registration=True), valid(website="x"))
    assert not form.is_valid()
    assert form.non_field_errors()


# --- fuzzing ----------------------------------------------------------------------------------

OPEN = "<the open date>"  # replaced by the pk of the offer's date
huge_int = st.integers(min_value=-(10**30), max_value=10**30).map(str)
any_text = st.text(max_size=400) | st.text(min_size=5000, max_size=20000) | huge_int
maybe = st.none() | st.just("") | any_text
plausible_email = st.sampled_from(["a@example.org", "x@y.de", "not-an-address", ""])
field_values = st.fixed_dictionaries(
    {},
    optional={
        "name": maybe | st.sampled_from(["Amina", "Олена", "محمد", "  "]),
        "email": maybe | plausible_email,
        "phone": maybe | st.sampled_from(["+49 170 1234567", "٠١٧٠١٢٣٤٥٦٧", "12"]),
        "persons": maybe | st.integers(min_value=-5, max_value=15).map(str),
        "needs_childcare": maybe | st.just("on"),
        "needs_interpreting": maybe | st.just("on"),
        "note": maybe,
        "consent": maybe | st.just("on"),
        "session": maybe | st.integers(min_value=-3, max_value=10**12).map(str) | st.just(OPEN),
        "website": st.just("") | any_text,
        "unexpected": any_text,
    },
).map(lambda data: {key: value for key, value in data.items() if value is not None})


@pytest.mark.parametrize("scope", ["offer", "session"])
@FUZZ
@given(data=field_values, language=st.sampled_from(["de", "en", "ar", "uk", "ru", "tr", "fa"]))
@example(data=valid(session=OPEN), language="ar")  # and one that must get through
@example(data=valid(persons="3", session=OPEN), language="fa")
def test_no_post_to_the_registration_form_fails(client, scope, data, language):
    offer = OfferFactory(registration=True, capacity=2, registration_scope=scope)
    session = SessionFactory(offer=offer)
    if data.get("session") == OPEN:
        data = {**data, "session": str(session.pk)}
    before = Registration.objects.count()
    response = client.post(f"/{language}/programme/offers/{offer.slug}/register/", data)
    assert response.status_code < 500
    if response.status_code == 200:  # the form came back: nothing was stored
        assert response.context["form"].errors
        assert Registration.objects.count() == before
    else:
        assert response.status_code == 302
        assert Registration.objects.count() == before + 1


@FUZZ
@given(data=st.lists(st.tuples(st.text(max_size=60), st.text(max_size=200)), max_size=8))
def test_no_list_of_odd_field_names_fails(client, data):
    offer = OfferFactory(registration=True)
    response = client.post(f"/de/programme/offers/{offer.slug}/register/", dict(data))
    assert response.status_code < 500
    assert not Registration.objects.exists()


tokens = (
    st.text(max_size=300)
    | st.from_regex(r"\A[0-9]{1,20}:[0-9A-Za-z]{1,8}:[A-Za-z0-9_-]{0,60}\Z")
    | st.binary(max_size=50).map(lambda b: b.hex())
)


@FUZZ
@given(token=tokens, page=st.sampled_from(["", "cancel/"]), method=st.sampled_from(["get", "post"]))
def test_no_token_in_the_links_fails(client, token, page, method):
    registration = RegistrationFactory()
    url = f"/en/programme/registrations/{quote(token, safe='')}/{page}"
    response = getattr(client, method)(url)
    assert response.status_code in (400, 404)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@FUZZ
@given(slug=st.text(max_size=200), method=st.sampled_from(["get", "post"]))
def test_no_address_for_an_offer_fails(client, slug, method):
    response = getattr(client, method)(f"/de/programme/offers/{quote(slug, safe='')}/register/")
    assert response.status_code < 500
