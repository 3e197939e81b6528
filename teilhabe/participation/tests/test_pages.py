"""The public pages: the board with filters and a fixed number of queries, proposing an idea
(nothing lost on errors, bots stopped by a honeypot), an idea's page with its text in the
language it was written in, comments, and the permissions of every role."""

import pytest
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.participation import services
from teilhabe.participation.models import Comment, Idea, IdeaStatus

from .factories import IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db


def make_ideas(number):
    for n in range(number):
        idea = IdeaFactory(title=f"Idee {n}")
        SupportFactory.create_batch(n % 3, idea=idea)


@pytest.mark.parametrize("number", [2, 25])
def test_the_board_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, number):
    make_ideas(number)
    with django_assert_max_num_queries(6):
        response = client.get("/en/ideas/?order=supported")
    assert response.status_code == 200


def test_the_board_shows_supports_and_filters_by_status(client):
    popular = IdeaFactory(title="Beliebt")
    SupportFactory.create_batch(3, idea=popular)
    IdeaFactory(title="Neu und leer")
    IdeaFactory(title="Geht nicht", status=IdeaStatus.NOT_POSSIBLE, status_reason="Kein Platz")
    page = client.get("/en/ideas/?order=supported").content.decode()
    assert "3 supports" in page
    assert page.index("Beliebt") < page.index("Neu und leer")
    page = client.get("/en/ideas/?status=not_possible").content.decode()
    assert "Geht nicht" in page and "Beliebt" not in page


@pytest.mark.parametrize(
    "query", ["?status=nonsense", "?order=%00", "?page=999", "?page=x", "?status=<b>"]
)
def test_bad_list_queries_never_fail(client, query):
    make_ideas(2)
    assert client.get(f"/en/ideas/{query}").status_code == 200


def test_an_idea_shows_its_text_in_its_language(client):
    idea = IdeaFactory(title="پیشنهاد", text="کلاس آشپزی", language="fa")
    page = client.get(f"/en/ideas/{idea.pk}/").content.decode()
    assert 'lang="fa" dir="rtl"' in page


def test_proposing_an_idea(client):
    response = client.post(
        "/tr/ideas/new/",
        {"title": "Satranç kulübü", "text": "Haftada bir satranç.", "language": "tr"},
    )
    idea = Idea.objects.get()
    assert response["Location"] == f"/tr/ideas/{idea.pk}/"
    assert (idea.language, idea.proposer_email, idea.status) == ("tr", "", IdeaStatus.NEW)
    with translation.override("tr"):
        assert client.get("/tr/ideas/new/").context["form"]["language"].value() == "tr"


def test_errors_keep_what_was_typed(client):
    response = client.post(
        "/en/ideas/new/",
        {"title": "", "text": "Mein langer Text", "language": "de", "proposer_email": "kaputt"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mein langer Text" in html and 'value="kaputt"' in html
    assert not Idea.objects.exists()


def test_the_honeypot_stops_bots(client):
    response = client.post(
        "/en/ideas/new/",
        {"title": "Cheap pills", "text": "Buy", "language": "en", "website": "http://spam"},
    )
    assert response.status_code == 200
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "x" * 500, "text": "y", "language": "de"},
        {"title": "x", "text": "y", "language": "xx"},
        {"title": "x", "text": "y" * 6000, "language": "de"},
        {"title": "\x00", "text": "\x00", "language": "de"},
    ],
)
def test_bad_ideas_never_fail(client, data):
    assert client.post("/en/ideas/new/", data).status_code == 200
    assert not Idea.objects.exists()


def test_comments_anyone_name_optional(client):
    idea = IdeaFactory()
    response = client.post(f"/en/ideas/{idea.pk}/comment/", {"text": "Bin dabei!"})
    assert response.status_code == 302
    assert Comment.objects.get().name == ""
    assert "Bin dabei!" in client.get(f"/en/ideas/{idea.pk}/").content.decode()
    response = client.post(f"/en/ideas/{idea.pk}/comment/", {"text": "", "name": "Ali"})
    assert response.status_code == 400 and 'value="Ali"' in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "url", ["/en/ideas/999999/", "/en/ideas/abc/", "/en/ideas/comments/999999/hide/"]
)
def test_unknown_things_are_not_found(client, staff_user, url):
    client.force_login(staff_user)
    assert client.get(url).status_code in (404, 405)


# --- permissions of every role ---------------------------------------------------------------

MODERATORS = {"staff_user", "administrator"}
ADOPTERS = {"volunteer", "association_admin", "other_association_admin"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_moderate(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    idea = IdeaFactory()
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.post(f"/en/ideas/{idea.pk}/moderate/", {"action": "hide"})
    assert Idea.objects.get(pk=idea.pk).is_hidden == (role in MODERATORS)
    if role not in MODERATORS:
        assert response.status_code in (302, 403)
        if role != "anonymous":
            assert response.status_code == 403
    page = client.get(f"/en/ideas/{idea.pk}/")
    assert ('id="moderation"' in page.content.decode()) == (role in MODERATORS)


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_adopt(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    idea = IdeaFactory()
    assert user_in_role.has_perm("participation.adopt_idea", idea) == (role in ADOPTERS)
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    expected = 200 if role in ADOPTERS else (302 if role == "anonymous" else 403)
    assert client.get(f"/en/ideas/{idea.pk}/adopt/").status_code == expected


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_link_the_offer(client, user_in_role, request, association, association_admin):
    role = request.node.callspec.params["user_in_role"]
    idea = IdeaFactory()
    idea = services.adopt_idea(idea=idea, by=association_admin, association=association)
    may = role in {"association_admin", "staff_user", "administrator"}
    assert user_in_role.has_perm("participation.link_offer", idea) == may
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    expected = 200 if may else (302 if role == "anonymous" else 403)
    assert client.get(f"/en/ideas/{idea.pk}/offer/").status_code == expected


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_everyone_may_propose_support_and_comment(client, user_in_role):
    idea = IdeaFactory()
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    assert client.get("/en/ideas/").status_code == 200
    assert client.get(f"/en/ideas/{idea.pk}/").status_code == 200
    assert client.get("/en/ideas/new/").status_code == 200
    assert client.post(f"/en/ideas/{idea.pk}/support/", {}).status_code == 302
    assert client.post(f"/en/ideas/{idea.pk}/comment/", {"text": "Ja"}).status_code == 302
    assert idea.supports.count() == 1 and idea.comments.count() == 1
