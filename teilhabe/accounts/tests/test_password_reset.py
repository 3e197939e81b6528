"""Password reset by e-mail: queued after commit, rendered in the person's language."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from teilhabe.core.models import Centre

from .conftest import is_logged_in
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 4711"
SUBJECT_MSGID = "Your new password for %(centre)s"


def _request_reset(client, email, captured):
    with captured(execute=True):
        return client.post(reverse("accounts:password-reset"), {"email": email})


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_reset_sends_exactly_one_email_with_a_link_to_the_person(
    client, participant, django_capture_on_commit_callbacks
):
    response = _request_reset(client, participant.email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.email]
    assert message.subject.strip()
    assert Centre.current().name in message.subject
    assert "\n" not in message.subject
    assert participant.display_name in message.body
    assert "/account/password/reset/" in _reset_link(message)


def test_reset_email_is_found_whatever_the_case_of_the_address(
    client, participant, django_capture_on_commit_callbacks
):
    _request_reset(client, participant.email.upper(), django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[participant.email]]


def test_reset_mail_is_only_queued_when_the_request_commits(client, participant):
    # Without running the on-commit callbacks nothing is sent: the mail waits for the commit.
    client.post(reverse("accounts:password-reset"), {"email": participant.email})

    assert mail.outbox == []


def test_reset_link_lets_the_person_choose_a_new_password_and_log_in_with_it(
    client, participant, django_capture_on_commit_callbacks, log_in
):
    _request_reset(client, participant.email, django_capture_on_commit_callbacks)
    link = _reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-complete")
    participant.refresh_from_db()
    assert participant.check_password(NEW_PASSWORD)
    assert log_in(participant.email, password=PASSWORD).status_code == 200
    assert log_in(participant.email, password=NEW_PASSWORD).status_code == 302
    assert is_logged_in(client, participant)


def test_reset_link_works_only_once(client, participant, django_capture_on_commit_callbacks):
    _request_reset(client, participant.email, django_capture_on_commit_callbacks)
    link = _reset_link(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    second = client.get(link, follow=True)

    assert second.context["validlink"] is False


def test_unknown_email_sends_nothing_but_shows_the_same_page(
    client, participant, django_capture_on_commit_callbacks
):
    response = _request_reset(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_inactive_account_gets_no_reset_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False)

    _request_reset(client, user.email, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_check_your_email_page_renders(client, db):
    response = client.get(reverse("accounts:password-reset-done"))

    assert response.status_code == 200
    assert "accounts/password_reset_done.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("language", ["en", "uk", "de"])
def test_reset_mail_is_written_in_the_persons_preferred_language(
    client, django_capture_on_commit_callbacks, language
):
    Centre.objects.create(name="Haus der Vielfalt")
    user = UserFactory(preferred_language=language)
    # The request comes in through a page in another language than the person prefers.
    request_language = "ar" if language != "ar" else "fa"
    with translation.override(request_language):
        url = reverse("accounts:password-reset")
    assert url.startswith(f"/{request_language}/")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": user.email})

    message = mail.outbox[0]
    # The link leads to the site in the person's language: the mail was rendered under
    # translation.override(preferred_language) …
    assert _reset_link(message).startswith(f"/{language}/account/password/reset/")
    # … and so are its texts, where a translation exists.
    with translation.override(language):
        subject = translation.gettext(SUBJECT_MSGID) % {"centre": "Haus der Vielfalt"}
    assert message.subject == subject


def test_german_and_english_readers_get_the_subject_in_their_own_language(
    client, django_capture_on_commit_callbacks
):
    german_reader = UserFactory(preferred_language="de")
    english_reader = UserFactory(preferred_language="en")

    for user in (german_reader, english_reader):
        _request_reset(client, user.email, django_capture_on_commit_callbacks)

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    with translation.override("de"):
        german_is_translated = translation.gettext(SUBJECT_MSGID) != SUBJECT_MSGID
    assert subjects[english_reader.email].startswith("Your new password for ")
    differs = subjects[german_reader.email] != subjects[english_reader.email]
    assert differs is german_is_translated


def test_reset_mails_to_one_address_are_limited_per_day(
    client, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            response = client.post(reverse("accounts:password-reset"), {"email": participant.email})
            assert response.status_code == 302
    assert len(mail.outbox) == 3
