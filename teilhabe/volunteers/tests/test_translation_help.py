import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.programme.tests.factories import OfferFactory
from teilhabe.volunteers import translation_services as services
from teilhabe.volunteers.models import OpenRole, SuggestionStatus, TranslationSuggestion

from .factories_translations import TranslationSuggestionFactory, TranslatorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(volunteer):
    TranslatorProfileFactory(user=volunteer)
    return volunteer


def queue_entries(user, language):
    return {
        (type(item.obj).__name__, item.obj.pk, item.field)
        for item in services.queue_for(user, language).object_list
    }


def test_queue_lists_only_missing_texts_in_the_volunteers_language(translator, association):
    offer = OfferFactory(
        lead_association=association, title_ar="عنوان", description_de="Ausführlich."
    )
    draft = OfferFactory(status="draft")
    role = OpenRole.objects.create(
        title_de="Hilfe beim Kochen", when_de="dienstags", kind="recurring", is_published=True
    )
    TranslationSuggestionFactory(target=offer, field="summary", language="ar")

    entries = queue_entries(translator, "ar")

    assert ("Offer", offer.pk, "description") in entries
    assert ("Offer", offer.pk, "title") not in entries  # translated already
    assert ("Offer", offer.pk, "summary") not in entries  # suggestion pending
    assert not any(pk == draft.pk and kind == "Offer" for kind, pk, _f in entries)
    assert ("OpenRole", role.pk, "title") in entries
    assert ("OpenRole", role.pk, "description") not in entries  # no German text
    assert ("Association", association.pk, "short_description") in entries
    assert ("Offer", offer.pk, "summary") in queue_entries(translator, "uk")
    assert queue_entries(translator, "fa") == set()  # not one of their languages


def test_queue_page_lets_the_volunteer_choose_one_of_their_languages(client, translator):
    offer = OfferFactory(title_de="Nähcafé")
    client.force_login(translator)

    response = client.get(reverse("volunteers:translate-queue"), {"language": "uk"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="ar"' in content and 'value="uk"' in content and 'value="fa"' not in content
    assert '<p lang="de" dir="ltr" class="mb-2 text-break">Nähcafé</p>' in content
    assert (
        reverse(
            "volunteers:translate-text",
            args=[_ct(offer), offer.pk, "title", "uk"],
        )
        in content
    )
    assert client.get(reverse("volunteers:translate-queue"), {"language": "fa"}).status_code == 404


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_queue_page_runs_a_fixed_number_of_queries(client, translator, django_assert_num_queries):
    OfferFactory()
    client.force_login(translator)
    url = reverse("volunteers:translate-queue")
    client.get(url, {"language": "ar"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"language": "ar"})
    for _n in range(8):
        OfferFactory(description_de="Mehr.")
        AssociationFactory()
        OpenRole.objects.create(
            title_de="Rolle", when_de="immer", kind="one_off", is_published=True
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, {"language": "ar"})
    assert len(response.context["page"].object_list) == services.QUEUE_PAGE_SIZE


def test_translate_form_has_the_target_language_and_direction(client, translator):
    offer = OfferFactory()
    client.force_login(translator)
    url = reverse("volunteers:translate-text", args=[_ct(offer), offer.pk, "summary", "ar"])

    content = client.get(url).content.decode()

    assert 'lang="ar"' in content and 'dir="rtl"' in content
    assert 'lang="de" dir="ltr"' in content
    response = client.post(url, {"text": "عرض في البيت."})
    assert response.status_code == 302
    suggestion = TranslationSuggestion.objects.get()
    assert (suggestion.status, suggestion.translator, suggestion.field) == (
        SuggestionStatus.PENDING,
        translator,
        "summary",
    )


def test_a_volunteer_cannot_suggest_in_a_language_they_do_not_speak(client, translator):
    offer = OfferFactory()
    with pytest.raises(ValidationError):
        services.suggest(obj=offer, field="title", language="fa", text="عنوان", by=translator)
    client.force_login(translator)
    url = reverse("volunteers:translate-text", args=[_ct(offer), offer.pk, "title", "fa"])
    assert client.post(url, {"text": "عنوان"}).status_code == 403
    assert not TranslationSuggestion.objects.exists()


def test_fields_outside_the_registry_cannot_be_translated(translator):
    offer = OfferFactory()
    with pytest.raises(ValidationError):
        services.suggest(obj=offer, field="image_alt", language="ar", text="x", by=translator)


def _offer_page(client, offer, language="ar"):
    with translation.override(language):
        url = reverse("programme:offer-detail", kwargs={"slug": offer.slug})
    return client.get(url).content.decode()


def test_a_suggestion_is_published_only_after_approval(
    client, translator, association, association_admin, django_capture_on_commit_callbacks
):
    offer = OfferFactory(
        lead_association=association, summary_de="Wir kochen zusammen.", description_de="*Gut*"
    )
    assert "fallback-note" in _offer_page(client, offer)  # cached now

    suggestion = services.suggest(
        obj=offer, field="description", language="ar", text="*جيد*", by=translator
    )
    page = _offer_page(client, offer)
    assert '<div lang="de" dir="ltr"><p><em>Gut</em></p>' in page
    assert "جيد" not in page

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(suggestion=suggestion, by=association_admin)

    offer.refresh_from_db()
    assert offer.description_ar == "*جيد*"
    assert offer.description_html_ar == "<p><em>جيد</em></p>"
    page = _offer_page(client, offer)
    assert "<p><em>جيد</em></p>" in page
    assert '<div lang="de"' not in page  # the description is no longer a German fallback
    assert '<span lang="de" dir="ltr">Wir kochen zusammen.</span>' in page  # still German
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reviewed_by) == (
        SuggestionStatus.APPROVED,
        association_admin,
    )
    assert ("Offer", offer.pk, "description") not in queue_entries(translator, "ar")


def test_rejecting_puts_the_text_back_into_the_queue(translator, staff_user, mailoutbox):
    offer = OfferFactory()
    suggestion = services.suggest(obj=offer, field="title", language="ar", text="x", by=translator)
    services.reject(suggestion=suggestion, by=staff_user, reason="Bitte vollständig übersetzen.")
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert ("Offer", offer.pk, "title") in queue_entries(translator, "ar")
    with pytest.raises(ValidationError):
        services.approve(suggestion=suggestion, by=staff_user)


MAY_REVIEW = {"association_admin", "staff_user", "administrator"}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_only_the_owner_association_and_staff_may_approve(request, role, association):
    user = request.getfixturevalue(role)
    offer_suggestion = TranslationSuggestionFactory(
        target=OfferFactory(lead_association=association)
    )
    page_suggestion = TranslationSuggestionFactory(target=association, field="short_description")
    foreign = TranslationSuggestionFactory(target=OfferFactory())
    role_of_the_house = OpenRole.objects.create(
        title_de="Rolle", when_de="immer", kind="one_off", is_published=True
    )
    house_role = TranslationSuggestionFactory(target=role_of_the_house)
    may = role in MAY_REVIEW
    is_staff = role in {"staff_user", "administrator"}

    assert user.has_perm("volunteers.review_translation", offer_suggestion) is may
    assert user.has_perm("volunteers.review_translation", page_suggestion) is may
    assert user.has_perm("volunteers.review_translation", foreign) is is_staff
    assert user.has_perm("volunteers.review_translation", house_role) is is_staff
    if not may:
        with pytest.raises(PermissionDenied):
            services.approve(suggestion=offer_suggestion, by=user)
        offer_suggestion.refresh_from_db()
        assert offer_suggestion.status == SuggestionStatus.PENDING


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_translate_permission_table(request, role):
    user = request.getfixturevalue(role)
    assert user.has_perm("volunteers.translate") is (
        role in {"volunteer", "staff_user", "administrator"}
    )


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_review_page_shows_only_suggestions_the_reviewer_may_approve(
    client, request, role, association
):
    user = request.getfixturevalue(role)
    own = TranslationSuggestionFactory(
        target=OfferFactory(lead_association=association, title_de="Eigenes"), text="OWN-AR"
    )
    TranslationSuggestionFactory(target=OfferFactory(title_de="Fremdes"), text="FOREIGN-AR")
    if role != "anonymous":
        client.force_login(user)
    response = client.get(reverse("volunteers:translate-review"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role not in {"association_admin", "other_association_admin", "staff_user", "administrator"}:
        assert response.status_code == 403
        return
    content = response.content.decode()
    assert ("OWN-AR" in content) is (role != "other_association_admin")
    assert ("FOREIGN-AR" in content) is (role in {"staff_user", "administrator"})
    if role == "association_admin":
        assert 'lang="ar" dir="rtl"' in content
        response = client.post(
            reverse("volunteers:translate-review"),
            {"suggestion": own.pk, "decision": "approve"},
        )
        assert response.status_code == 302
        own.refresh_from_db()
        assert own.status == SuggestionStatus.APPROVED


def test_credit_names_the_translated_languages(translator):
    offer = OfferFactory()
    other = OfferFactory()
    TranslationSuggestionFactory(target=offer, language="uk", status=SuggestionStatus.APPROVED)
    TranslationSuggestionFactory(target=offer, language="ar", status=SuggestionStatus.APPROVED)
    TranslationSuggestionFactory(target=offer, field="summary", language="ar", status="approved")
    TranslationSuggestionFactory(target=offer, language="fa")  # pending: no credit
    template = Template("{% load volunteer_credits %}{% translation_credit obj %}")

    with translation.override("en"):
        text = template.render(Context({"obj": offer}))
        assert "Translated into Arabic and Ukrainian by volunteers of the house" in text
        assert template.render(Context({"obj": other})).strip() == ""
