"""Staff hide ideas and comments, answer, set the status (not possible needs a reason) and
merge duplicates without counting a supporter twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from teilhabe.participation import services
from teilhabe.participation.models import Idea, IdeaStatus, Support

from .factories import CommentFactory, IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db


def test_staff_hide_an_idea_and_it_leaves_the_board(client, staff_user):
    idea = IdeaFactory(title="Unpassend")
    client.force_login(staff_user)
    response = client.post(f"/en/ideas/{idea.pk}/moderate/", {"action": "hide"})
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).is_hidden
    client.logout()
    assert client.get(f"/en/ideas/{idea.pk}/").status_code == 404
    assert "Unpassend" not in client.get("/en/ideas/").content.decode()
    client.force_login(staff_user)
    assert client.get(f"/en/ideas/{idea.pk}/").status_code == 200
    client.post(f"/en/ideas/{idea.pk}/moderate/", {"action": "unhide"})
    assert not Idea.objects.get(pk=idea.pk).is_hidden


def test_staff_hide_a_comment(client, staff_user):
    comment = CommentFactory(text="Werbung für Kredite")
    client.force_login(staff_user)
    client.post(f"/en/ideas/comments/{comment.pk}/hide/", {"action": "hide"})
    client.logout()
    page = client.get(f"/en/ideas/{comment.idea.pk}/").content.decode()
    assert "Werbung für Kredite" not in page


def test_staff_answer_publicly(client, staff_user):
    idea = IdeaFactory()
    client.force_login(staff_user)
    client.post(f"/en/ideas/{idea.pk}/moderate/", {"action": "answer", "answer": "Wir prüfen das."})
    client.logout()
    assert "Wir prüfen das." in client.get(f"/en/ideas/{idea.pk}/").content.decode()


def test_not_possible_needs_a_reason(client, staff_user):
    idea = IdeaFactory()
    client.force_login(staff_user)
    response = client.post(
        f"/en/ideas/{idea.pk}/moderate/", {"action": "status", "status": "not_possible"}
    )
    assert response.status_code == 400
    assert "Say why the idea is not possible." in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.NEW
    client.post(
        f"/en/ideas/{idea.pk}/moderate/",
        {"action": "status", "status": "not_possible", "reason": "Kein Platz im Haus."},
    )
    idea.refresh_from_db()
    assert (idea.status, idea.status_reason) == (IdeaStatus.NOT_POSSIBLE, "Kein Platz im Haus.")
    client.logout()
    assert "Kein Platz im Haus." in client.get(f"/en/ideas/{idea.pk}/").content.decode()


def test_the_database_refuses_not_possible_without_reason():
    idea = IdeaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.NOT_POSSIBLE)


def test_merge_moves_supports_without_counting_anyone_twice(staff_user):
    duplicate, target = IdeaFactory(), IdeaFactory()
    SupportFactory(idea=duplicate, supporter_key="cookie:both", contact_email="b@example.org")
    SupportFactory(idea=target, supporter_key="cookie:both")
    SupportFactory(idea=duplicate, supporter_key="cookie:only-duplicate")
    SupportFactory(idea=target, supporter_key="cookie:only-target")
    services.merge_idea(idea=duplicate, into=target, by=staff_user)
    assert Support.objects.filter(idea=target).count() == 3
    assert Support.objects.filter(idea=duplicate).count() == 0
    both = Support.objects.get(idea=target, supporter_key="cookie:both")
    assert both.contact_email == "b@example.org"
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target


def test_merge_errors_change_nothing(staff_user, participant):
    idea, other = IdeaFactory(), IdeaFactory()
    with pytest.raises(ValidationError):
        services.merge_idea(idea=idea, into=idea, by=staff_user)
    with pytest.raises(PermissionDenied):
        services.merge_idea(idea=idea, into=other, by=participant)
    services.merge_idea(idea=idea, into=other, by=staff_user)
    with pytest.raises(ValidationError):
        services.merge_idea(idea=IdeaFactory(), into=idea, by=staff_user)


def test_merge_on_the_page_leads_to_the_target(client, staff_user):
    duplicate, target = IdeaFactory(), IdeaFactory(title="Das Original")
    client.force_login(staff_user)
    response = client.post(
        f"/en/ideas/{duplicate.pk}/moderate/", {"action": "merge", "into": target.pk}
    )
    assert response["Location"] == target.get_absolute_url().replace("/de/", "/en/")
    page = client.get(f"/en/ideas/{duplicate.pk}/").content.decode()
    assert "Das Original" in page and 'id="merged-into"' in page
    assert client.post(
        f"/en/ideas/{duplicate.pk}/moderate/", {"action": "merge", "into": "x"}
    ).status_code in (302, 400)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "nonsense"},
        {"action": "status", "status": "adopted"},
        {"action": "status", "status": "<script>"},
        {"action": "merge", "into": "999999"},
        {"action": "merge"},
        {"action": "answer", "answer": "x" * 6000},
    ],
)
def test_bad_moderation_input_never_fails(client, staff_user, data):
    idea = IdeaFactory()
    client.force_login(staff_user)
    response = client.post(f"/en/ideas/{idea.pk}/moderate/", data)
    assert response.status_code in (302, 400)
    idea.refresh_from_db()
    assert (idea.status, idea.staff_answer, idea.merged_into_id) == ("new", "", None)
