"""Every autocomplete token on the application's pages is one the HTML standard allows for
its control (Nu Html Checker refuses `street-address` on a one-line input, for example)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, MembershipFactory, QuestionFactory, complete

pytestmark = pytest.mark.django_db

# Autofill field names by control group (HTML Living Standard, "Autofill", the table of
# field names). Tokens before the field name (section-*, shipping, billing, home, …) and
# "webauthn" after it are left out here.
GROUPS = {
    "Text": {
        "name",
        "honorific-prefix",
        "given-name",
        "additional-name",
        "family-name",
        "honorific-suffix",
        "nickname",
        "organization-title",
        "username",
        "organization",
        "address-line1",
        "address-line2",
        "address-line3",
        "address-level4",
        "address-level3",
        "address-level2",
        "address-level1",
        "country",
        "country-name",
        "postal-code",
        "cc-name",
        "cc-given-name",
        "cc-additional-name",
        "cc-family-name",
        "cc-type",
        "transaction-currency",
        "language",
        "sex",
        "tel-country-code",
        "tel-national",
        "tel-area-code",
        "tel-local",
        "tel-local-prefix",
        "tel-local-suffix",
        "tel-extension",
    },
    "Multiline": {"street-address"},
    "Password": {"new-password", "current-password", "one-time-code"},
    "URL": {"url", "photo", "impp"},
    "E-mail": {"email"},
    "Tel": {"tel"},
    "Numeric": {
        "cc-number",
        "cc-exp-month",
        "cc-exp-year",
        "cc-csc",
        "transaction-amount",
        "bday-day",
        "bday-month",
        "bday-year",
    },
    "Month": {"cc-exp"},
    "Date": {"bday"},
}
# Which groups each kind of control may carry ("Text" fits every one-line text-like input).
ALLOWED = {
    "textarea": set(GROUPS),
    "select": set(GROUPS),
    "hidden": set(GROUPS),
    "text": set(GROUPS) - {"Multiline"},
    "search": set(GROUPS) - {"Multiline"},
    "password": {"Text", "Password"},
    "url": {"Text", "URL"},
    "email": {"Text", "E-mail"},
    "tel": {"Text", "Tel"},
    "number": {"Text", "Numeric"},
    "month": {"Text", "Month"},
    "date": {"Text", "Date"},
}
GROUP_OF = {name: group for group, names in GROUPS.items() for name in names}


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "autocomplete" in attrs and tag in ("input", "textarea", "select"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            self.found.append((attrs.get("name"), kind, attrs["autocomplete"]))


def _problems(html: str) -> list[str]:
    parser = _Controls()
    parser.feed(html)
    problems = []
    for name, kind, value in parser.found:
        tokens = [token for token in value.lower().split() if token != "webauthn"]
        if tokens in (["on"], ["off"]):
            continue
        field = tokens[-1] if tokens else ""
        group = GROUP_OF.get(field)
        if group is None or group not in ALLOWED.get(kind, set()):
            problems.append(f"{name}: autocomplete={value!r} on <{kind}>")
    return problems


def test_the_checker_itself_refuses_a_multiline_token_on_a_one_line_input():
    assert _problems('<input type="text" name="street" autocomplete="street-address">')
    assert not _problems('<input type="text" name="street" autocomplete="address-line1">')
    assert not _problems('<textarea name="address" autocomplete="street-address"></textarea>')


def test_every_autocomplete_on_the_application_pages_fits_its_control(client, staff):
    membership = MembershipFactory()
    application = complete(ApplicationFactory(organisation=membership.organisation))
    QuestionFactory(stage=application.stage, kind="date")
    QuestionFactory(stage=application.stage, kind="file", required=False)
    partner = application.partners.get()
    member_pages = [
        reverse("applications:start", args=[application.call.slug]),
        reverse("applications:overview", args=[application.pk]),
        *(
            reverse("applications:step", args=[application.pk, key])
            for key in ["contact", "space", "concept", f"questions-{application.stage.pk}"]
        ),
        reverse("applications:partners", args=[application.pk]),
        reverse("applications:partner_add", args=[application.pk]),
        reverse("applications:partner_edit", args=[application.pk, partner.pk]),
        reverse("applications:review", args=[application.pk]),
        reverse("applications:withdraw", args=[application.pk]),
    ]
    client.force_login(membership.user)
    problems = []
    for url in member_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [f"{url} {problem}" for problem in _problems(response.content.decode())]
    client.force_login(staff)
    for url in [
        reverse("applications:staff_list"),
        reverse("applications:staff_detail", args=[application.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [f"{url} {problem}" for problem in _problems(response.content.decode())]
    assert problems == []
