"""Fixtures for every role, the browser, and the switches that turn a missing browser or
PostgreSQL into a failure in CI."""

import os
import shutil

import pytest
from django.conf import settings

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
# tests make beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_sessionstart(session):
    """Compile the translations when a catalogue is newer than its compiled file, so that a
    plain `pytest` tests the current strings as `make test` does."""
    from pathlib import Path

    from django.core.management import call_command

    locale = Path(settings.BASE_DIR) / "teilhabe" / "locale"
    for po in locale.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0)


def _required(name: str) -> bool:
    return os.environ.get(name) == "1"


def _has_browser() -> bool:
    return os.path.exists(BROWSER_PATH) or shutil.which(BROWSER_PATH) is not None


def pytest_runtest_setup(item):
    if "browser" in item.keywords and not _has_browser():
        if _required("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER=1 but there is no Chromium at {BROWSER_PATH}")
        pytest.skip(f"no Chromium at {BROWSER_PATH}")
    if "postgres" in item.keywords and not settings.IS_POSTGRES:
        if _required("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES=1 but the tests do not run on PostgreSQL")
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL")


# --- roles ------------------------------------------------------------------------------------


@pytest.fixture
def administrator(db):
    from teilhabe.accounts.tests.factories import UserFactory

    return UserFactory(role="administrator", display_name="Ada Administrator")


@pytest.fixture
def staff_user(db):
    from teilhabe.accounts.tests.factories import UserFactory

    return UserFactory(role="staff", display_name="Stefan Staff")


@pytest.fixture
def counsellor(db):
    from teilhabe.accounts.tests.factories import UserFactory

    return UserFactory(role="counsellor", display_name="Carla Counsellor")


@pytest.fixture
def volunteer(db):
    from teilhabe.accounts.tests.factories import UserFactory

    return UserFactory(role="volunteer", display_name="Vera Volunteer")


@pytest.fixture
def participant(db):
    from teilhabe.accounts.tests.factories import UserFactory

    return UserFactory(role="participant", display_name="Paul Participant")


@pytest.fixture
def association(db):
    from teilhabe.associations.tests.factories import AssociationFactory

    return AssociationFactory()


@pytest.fixture
def association_admin(db, association):
    from teilhabe.associations.tests.factories import MembershipFactory

    return MembershipFactory(association=association, role="admin").user


@pytest.fixture
def association_member(db, association):
    from teilhabe.associations.tests.factories import MembershipFactory

    return MembershipFactory(association=association, role="member").user


@pytest.fixture
def other_association_admin(db):
    from teilhabe.associations.tests.factories import MembershipFactory

    return MembershipFactory(role="admin").user


ROLE_FIXTURES = [
    "anonymous",
    "participant",
    "volunteer",
    "counsellor",
    "association_member",
    "association_admin",
    "other_association_admin",
    "staff_user",
    "administrator",
]


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def user_in_role(request):
    """Parametrise with a name from ROLE_FIXTURES to get that role's user."""
    return request.getfixturevalue(request.param)


# --- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=BROWSER_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Each request activates its URL's language in the thread and leaves it active; start
    every test from the default language so that reverse() does not depend on test order."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
