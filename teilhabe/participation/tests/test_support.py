"""One support per person: by cookie, by account, limited per connection — and counted right
under parallel clicks."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from teilhabe.core.testing import in_parallel
from teilhabe.participation import services
from teilhabe.participation.models import Idea, IdeaStatus, Support

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db

COOKIE_A = "a" * 32
COOKIE_B = "b" * 32


def count(idea):
    return Support.objects.filter(idea=idea).count()


def test_one_support_per_cookie():
    idea = IdeaFactory()
    assert services.support_idea(idea=idea, cookie_id=COOKIE_A, client_address="10.0.0.1")
    assert not services.support_idea(idea=idea, cookie_id=COOKIE_A, client_address="10.0.0.2")
    assert services.support_idea(idea=idea, cookie_id=COOKIE_B, client_address="10.0.0.1")
    assert count(idea) == 2


def test_a_logged_in_person_counts_once_whatever_cookie(participant):
    idea = IdeaFactory()
    assert services.support_idea(idea=idea, cookie_id=COOKIE_A, user=participant)
    assert not services.support_idea(idea=idea, cookie_id=COOKIE_B, user=participant)
    assert not services.support_idea(idea=idea, cookie_id="", user=participant)
    assert count(idea) == 1


def test_a_cookie_support_is_recognised_after_logging_in(participant):
    idea = IdeaFactory()
    assert services.support_idea(idea=idea, cookie_id=COOKIE_A)
    assert not services.support_idea(idea=idea, cookie_id=COOKIE_A, user=participant)
    assert count(idea) == 1


def test_the_address_is_kept_only_as_a_keyed_hash_per_idea():
    first, second = IdeaFactory(), IdeaFactory()
    services.support_idea(idea=first, cookie_id=COOKIE_A, client_address="192.0.2.7")
    services.support_idea(idea=second, cookie_id=COOKIE_A, client_address="192.0.2.7")
    one, other = Support.objects.order_by("pk")
    assert "192.0.2.7" not in one.address_hash
    assert one.address_hash and one.address_hash != other.address_hash


@override_settings(PARTICIPATION_SUPPORTS_PER_ADDRESS_AND_IDEA=2)
def test_cleared_cookies_from_one_address_count_only_so_often():
    idea = IdeaFactory()
    for number in range(2):
        services.support_idea(idea=idea, cookie_id=f"{number:032d}", client_address="192.0.2.1")
    with pytest.raises(ValidationError):
        services.support_idea(idea=idea, cookie_id="9" * 32, client_address="192.0.2.1")
    assert services.support_idea(idea=idea, cookie_id="9" * 32, client_address="192.0.2.2")
    assert count(idea) == 3


@override_settings(PARTICIPATION_SUPPORTS_PER_HOUR=3)
def test_hourly_rate_limit_per_address():
    ideas = IdeaFactory.create_batch(4)
    for idea in ideas[:3]:
        services.support_idea(idea=idea, cookie_id=COOKIE_A, client_address="198.51.100.9")
    with pytest.raises(ValidationError):
        services.support_idea(idea=ideas[3], cookie_id=COOKIE_A, client_address="198.51.100.9")
    assert count(ideas[3]) == 0
    assert services.support_idea(idea=ideas[3], cookie_id=COOKIE_A, client_address="198.51.100.10")


@pytest.mark.parametrize("status", [IdeaStatus.REALISED, IdeaStatus.NOT_POSSIBLE])
def test_closed_hidden_or_merged_ideas_take_no_support(status):
    closed = IdeaFactory(status=status, status_reason="Kein Platz.")
    hidden = IdeaFactory(is_hidden=True)
    merged = IdeaFactory(merged_into=IdeaFactory())
    for idea in (closed, hidden, merged):
        with pytest.raises(ValidationError):
            services.support_idea(idea=idea, cookie_id=COOKIE_A)
    assert Support.objects.count() == 0


def test_support_button_sets_a_signed_cookie_and_twice_changes_nothing(client):
    idea = IdeaFactory()
    url = f"/en/ideas/{idea.pk}/support/"
    response = client.post(url, {"contact_email": ""}, follow=True)
    assert "Thank you for your support!" in response.content.decode()
    assert "idea_supporter" in client.cookies
    assert ":" in client.cookies["idea_supporter"].value  # signed
    response = client.post(url, {"contact_email": ""}, follow=True)
    assert "You have already supported this idea." in response.content.decode()
    assert count(idea) == 1


def test_a_forged_cookie_is_ignored(client):
    idea = IdeaFactory()
    client.cookies["idea_supporter"] = "forged"
    client.post(f"/en/ideas/{idea.pk}/support/", {})
    client.cookies["idea_supporter"] = "forged"
    client.post(f"/en/ideas/{idea.pk}/support/", {})
    # a forged cookie gives no identity: each request gets a fresh one, nothing crashes
    assert Support.objects.filter(supporter_key__contains="forged").count() == 0


def test_htmx_support_updates_the_count(client):
    idea = IdeaFactory()
    response = client.post(
        f"/en/ideas/{idea.pk}/support/", {"contact_email": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="support-count"' in html and "1 support" in html
    assert "<html" not in html


def test_contact_is_stored_only_if_given_and_in_the_visitors_language(client):
    idea = IdeaFactory()
    client.post(f"/tr/ideas/{idea.pk}/support/", {"contact_email": "ayse@example.org"})
    other = IdeaFactory()
    client.post(f"/fa/ideas/{other.pk}/support/", {"contact_email": ""})
    support = Support.objects.get(idea=idea)
    assert (support.contact_email, support.language) == ("ayse@example.org", "tr")
    assert Support.objects.get(idea=other).contact_email == ""


def test_a_bad_contact_address_is_refused_and_kept(client):
    idea = IdeaFactory()
    response = client.post(f"/en/ideas/{idea.pk}/support/", {"contact_email": "not an address"})
    assert response.status_code == 400
    assert 'value="not an address"' in response.content.decode()
    assert count(idea) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_supports_are_counted_exactly():
    idea = IdeaFactory()

    def support(cookie):
        return services.support_idea(idea=idea, cookie_id=cookie, client_address="203.0.113.5")

    _results, errors = in_parallel(support, [f"{n:02d}" * 16 for n in range(10)])
    assert errors == [None] * 10
    assert Support.objects.filter(idea=idea).count() == 10

    same = IdeaFactory()
    results, errors = in_parallel(
        lambda _n: services.support_idea(idea=same, cookie_id=COOKIE_A, client_address="x"),
        range(5),
    )
    assert errors == [None] * 5
    assert results.count(True) == 1
    assert Support.objects.filter(idea=same).count() == 1
    assert Idea.objects.count() == 2


@override_settings(PARTICIPATION_SUPPORTS_PER_HOUR=0)
def test_a_refused_support_says_why_with_and_without_htmx(client):
    idea = IdeaFactory()
    response = client.post(f"/en/ideas/{idea.pk}/support/", {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Too many supports" in response.content.decode()
    response = client.post(f"/en/ideas/{idea.pk}/support/", {}, follow=True)
    assert "Too many supports" in response.content.decode()
    assert count(idea) == 0
