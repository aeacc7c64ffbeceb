"""The greeting uses the first name: "Hallo, Anna", never "Hallo, Prof."."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _german_urls():
    """reverse() follows the active language, which a request to an /en/ page leaves behind;
    every test here starts from German, the default, and leaves it so."""
    with translation.override("de"):
        yield


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Prof. Dr. Anna Schmidt", "Anna"),
        ("Dr. Ulrike Hahn", "Ulrike"),
        ("Dipl.-Ing. Jörg Meier", "Jörg"),
        ("Prof. Dr.-Ing. habil. Ben Ott", "Ben"),
        ("Dr. med. Dr. h.c. Lea Roth", "Lea"),
        ("Prof Dr Kai Uhl", "Kai"),
        ("Frau Dr. Ina Berg", "Ina"),
        ("Anna-Lena Vogt", "Anna-Lena"),
        ("A. Schmidt", "A."),
    ],
)
def test_short_name_skips_titles(name, short):
    from inklusiv.accounts.models import User

    assert User(name=name, email="x@example.org").get_short_name() == short


def test_short_name_without_a_name_is_the_address():
    from inklusiv.accounts.models import User

    assert User(name="", email="x@example.org").get_short_name() == "x@example.org"
    assert User(name="Dr.", email="x@example.org").get_short_name() == "Dr."


@pytest.mark.django_db
def test_dashboard_greets_by_first_name(client):
    user = make_user(
        "funder_staff", email="schmidt@inklusiv.example", name="Prof. Dr. Anna Schmidt"
    )
    client.force_login(user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Hallo, Anna" in page
    assert "Hallo, Prof." not in page
