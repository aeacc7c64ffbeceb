"""Shared fixtures: fast hashing, isolated files and mail, and people in every role."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from .factories import make_user


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_OUTBOX_DIR = tmp_path / "mail"
    # allauth's rate limits live in the cache; one test's failed logins must not lock the next.
    cache.clear()
    # Every test starts in the default language: a request to /en/ leaves English active in
    # this thread, and a later test's reverse() would otherwise build /en/ URLs.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def staff(db):
    return make_user("funder_staff", email="staff@inklusiv.example", name="Miriam Albers")


@pytest.fixture
def applicant(db):
    return make_user("applicant", email="antrag@verein.example", name="Katrin Lehmann")


@pytest.fixture
def outsider(db):
    return make_user(None, email="outsider@example.org", name="Olaf Außenstehend")


def pytest_sessionfinish(session, exitstatus):
    from tests.browser.conftest import close_shared_chromium

    close_shared_chromium()
