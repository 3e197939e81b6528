import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from teilhabe.associations.models import CooperationAgreement, Signature

from .factories import AgreementFactory, AssociationFactory, MembershipFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def edit_data(association, **overrides):
    data = {
        "name": association.name,
        "short_description_de": association.short_description_de,
        "short_description_en": "",
        "description_de": "",
        "description_en": "",
        "founding_year": "2015",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
        "languages": ["de", "ar"],
        "countries_of_origin": ["SY"],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("count", [2, 12])
def test_association_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    AssociationFactory.create_batch(count)
    with django_assert_max_num_queries(6):
        response = client.get("/de/associations/")
    assert response.status_code == 200
    assert response.content.decode().count('class="card h-100"') == count


@pytest.mark.parametrize("count", [2, 12])
def test_signature_overview_runs_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries, count
):
    agreement = AgreementFactory()
    for association in AssociationFactory.create_batch(count):
        SignatureFactory(agreement=agreement, association=association)
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        response = client.get("/de/associations/agreement/signatures/")
    assert response.status_code == 200


def test_association_page_shows_languages_countries_and_markdown(client):
    association = AssociationFactory(
        slug="al-nour",
        description_de="Wir sind **viele**.",
        languages=["ar", "ti"],
        countries_of_origin=["SY", "ER"],
    )
    html = client.get("/en/associations/al-nour/").content.decode()
    assert association.name in html
    assert "<strong>viele</strong>" in html
    assert "Arabic" in html and "Tigrinya" in html
    assert "Syria" in html and "Eritrea" in html


def test_inactive_or_unknown_association_is_404(client):
    AssociationFactory(slug="alt", is_active=False)
    assert client.get("/de/associations/alt/").status_code == 404
    assert client.get("/de/associations/gibt-es-nicht/").status_code == 404


def test_association_admin_edits_own_page_and_uploads_a_logo(
    client, association, association_admin
):
    client.force_login(association_admin)
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(url, edit_data(association, short_description_de="Neu", logo=logo))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.short_description_de == "Neu"
    assert association.languages == ["de", "ar"]
    assert association.logo.name.endswith(".png")


@pytest.mark.parametrize(
    "user_in_role",
    ["participant", "volunteer", "association_member", "other_association_admin"],
    indirect=True,
)
def test_others_may_not_edit(client, association, user_in_role):
    client.force_login(user_in_role)
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(association, name="Gekapert")).status_code == 403
    association.refresh_from_db()
    assert association.name != "Gekapert"


def test_anonymous_edit_goes_to_login(client, association):
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"not an image at all", "not an image"),
        (b"GIF89a" + b"\x00" * 20, "not an image"),
    ],
)
def test_a_bad_logo_is_refused_and_the_typed_text_is_kept(
    client, association, staff_user, upload, message
):
    client.force_login(staff_user)
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    logo = SimpleUploadedFile("logo.png", upload, content_type="image/png")
    response = client.post(
        url,
        edit_data(association, short_description_de="Mein Text", logo=logo),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mein Text" in html
    association.refresh_from_db()
    assert association.short_description_de != "Mein Text"
    assert not association.logo


def test_a_too_large_logo_is_refused(client, association, staff_user, settings):
    settings.MAX_LOGO_BYTES = 1000
    client.force_login(staff_user)
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    logo = SimpleUploadedFile("logo.png", png_bytes((400, 400)) + b"\0" * 2000)
    response = client.post("/en" + url[3:], edit_data(association, logo=logo))
    assert response.status_code == 200
    assert "too large" in response.content.decode()


def test_a_founding_year_in_the_future_is_refused(client, association, staff_user):
    client.force_login(staff_user)
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    response = client.post("/en" + url[3:], edit_data(association, founding_year="3000"))
    assert response.status_code == 200
    assert "between 1800 and this year" in response.content.decode()


def test_admin_sees_the_sign_form_and_signs(client, association, association_admin):
    agreement = AgreementFactory()
    client.force_login(association_admin)
    html = client.get("/en/associations/agreement/").content.decode()
    assert f"Sign for {association.name}" in html
    response = client.post(
        "/en/associations/agreement/sign/",
        {
            f"a{association.pk}-association": association.pk,
            f"a{association.pk}-version": agreement.version,
            f"a{association.pk}-confirm": "on",
        },
        follow=True,
    )
    assert Signature.objects.filter(agreement=agreement, association=association).exists()
    html = response.content.decode()
    assert f"has signed version {agreement.version}" in html
    assert f"Sign for {association.name}" not in html


def test_signing_without_confirming_signs_nothing(client, association, association_admin):
    agreement = AgreementFactory()
    client.force_login(association_admin)
    client.post(
        "/en/associations/agreement/sign/",
        {f"a{association.pk}-association": association.pk, f"a{association.pk}-version": 1},
    )
    assert not Signature.objects.filter(agreement=agreement).exists()


def test_cannot_sign_for_another_association(client, association, other_association_admin):
    AgreementFactory()
    client.force_login(other_association_admin)
    client.post(
        "/en/associations/agreement/sign/",
        {
            f"a{association.pk}-association": association.pk,
            f"a{association.pk}-version": 1,
            f"a{association.pk}-confirm": "on",
        },
    )
    assert not Signature.objects.exists()


def test_garbage_sign_requests_do_not_fail(client, association_admin):
    AgreementFactory()
    client.force_login(association_admin)
    for data in ({}, {"x-association": "abc"}, {"a1-association": "'; drop", "a1-version": "x"}):
        assert client.post("/de/associations/agreement/sign/", data).status_code == 302
    assert not Signature.objects.exists()


def test_staff_publish_a_new_version_from_the_page(client, staff_user):
    AgreementFactory(version=1, title_de="Alt", text_de="Alter Text")
    client.force_login(staff_user)
    page = client.get("/de/associations/agreement/new-version/").content.decode()
    assert "Alter Text" in page  # prefilled with the version in force
    response = client.post(
        "/de/associations/agreement/new-version/",
        {"title_de": "Neu", "text_de": "Neuer Text", "title_ar": "جديد", "text_ar": "نص"},
    )
    assert response.status_code == 302
    current = CooperationAgreement.objects.order_by("-version").first()
    assert (current.version, current.title_de, current.title_ar) == (2, "Neu", "جديد")


def test_publishing_without_german_text_keeps_the_typed_text(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/en/associations/agreement/new-version/", {"title_en": "English only", "text_en": "Hi"}
    )
    assert response.status_code == 200
    assert "English only" in response.content.decode()
    assert not CooperationAgreement.objects.exists()


@pytest.mark.parametrize(
    "user_in_role", ["participant", "association_admin", "counsellor"], indirect=True
)
def test_staff_pages_are_refused_to_others(client, user_in_role):
    client.force_login(user_in_role)
    assert client.get("/de/associations/agreement/new-version/").status_code == 403
    assert client.get("/de/associations/agreement/signatures/").status_code == 403


def test_signature_overview_shows_who_signed_which_version(client, staff_user):
    first = AgreementFactory(version=1)
    AgreementFactory(version=2)
    signed_old = AssociationFactory(name="Alt e. V.")
    SignatureFactory(agreement=first, association=signed_old, signatory_name="Irina Wolf")
    AssociationFactory(name="Nie e. V.")
    client.force_login(staff_user)
    html = client.get("/en/associations/agreement/signatures/").content.decode()
    assert "0 of 2 associations have signed version 2." in html
    assert "Irina Wolf" in html


def test_membership_of_the_person_is_shown_on_their_account(client):
    membership = MembershipFactory(role="admin")
    client.force_login(membership.user)
    html = client.get("/en/account/").content.decode()
    assert membership.association.name in html
