"""Form input every field shares: one-line fields refuse line breaks and control characters
(in every form of the project, allauth's included), and limited fields say their limit."""

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import inklusiv
from inklusiv.applications.models import Application
from inklusiv.core.forms import AccessibilityFeedbackForm, is_single_line
from tests.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_urls():
    """reverse() follows the active language, which a request to an /en/ page leaves behind;
    every test here starts from German, the default, and leaves it so."""
    with translation.override("de"):
        yield


INJECTED = "Petra\r\nBcc: spy@evil.example"
GERMAN = "Dieses Feld darf keine Zeilenumbrüche oder Steuerzeichen enthalten."


def test_contact_name_with_a_line_break_is_refused_and_kept(client):
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    client.force_login(membership.user)

    response = client.post(
        reverse("applications:step", args=[application.pk, "contact"]),
        {
            "revision": application.revision,
            "contact_name": INJECTED,
            "contact_email": "petra@verein.example",
            "contact_phone": "030 1234567",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert GERMAN in page
    # What was typed is shown again, to be corrected rather than typed anew.
    assert "Bcc: spy@evil.example" in page and "030 1234567" in page
    application.refresh_from_db()
    assert application.contact_name == "Katrin Lehmann"
    assert not Application.objects.filter(contact_name__contains="\n").exists()


def test_profile_name_with_a_line_break_is_refused_in_english_too(client, applicant):
    client.force_login(applicant)
    with translation.override("en"):
        url = reverse("accounts:profile")
    response = client.post(url, {"name": INJECTED, "language": "de"})
    assert response.status_code == 200
    assert "must not contain line breaks or control characters" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.name == "Katrin Lehmann"


def test_tabs_and_unicode_line_separators_count_as_line_breaks():
    for value in ("Petra\tLang", "Petra\u2028Lang", "Petra\x1bLang"):
        form = AccessibilityFeedbackForm({"message": "Knopf fehlt", "name": value})
        assert not form.is_valid()
        assert form.errors.as_data()["name"][0].code == "control_characters"


def test_textareas_keep_their_line_breaks():
    form = AccessibilityFeedbackForm({"message": "Erste Zeile\r\nZweite Zeile", "name": "Petra"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == "Erste Zeile\r\nZweite Zeile"


def _project_form_classes():
    """Every form class our apps and allauth define, found by importing their modules."""
    import allauth.account.forms  # noqa: F401
    import allauth.mfa.base.forms  # noqa: F401

    for module in pkgutil.walk_packages(inklusiv.__path__, "inklusiv."):
        if ".migrations" in module.name or module.name.endswith((".wsgi", ".asgi")):
            continue
        importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [
        cls
        for cls in seen
        if cls.__module__.startswith(("inklusiv.", "allauth.")) and hasattr(cls, "base_fields")
    ]


def test_every_single_line_field_of_every_form_refuses_a_line_break():
    checked = []
    for form_class in _project_form_classes():
        for name, field in form_class.base_fields.items():
            if not is_single_line(field):
                continue
            with pytest.raises(forms.ValidationError):
                field.clean(INJECTED)
            checked.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    # The walk found the forms named in the issue, and allauth's sign-up form.
    assert {
        "inklusiv.applications.forms.ContactForm.contact_name",
        "inklusiv.accounts.forms.ProfileForm.name",
        "allauth.account.forms.SignupForm.name",
    } <= set(checked)


def _concept_page(client, language="de"):
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    with translation.override(language):
        url = reverse("applications:step", args=[application.pk, "concept"])
    return client.get(url).content.decode()


def test_limited_textarea_states_its_limit_without_javascript(client):
    page = _concept_page(client)
    assert page.count("Höchstens 4.000 Zeichen") == 4
    # The hint is part of the field's accessible description.
    assert re.search(r'<textarea[^>]*aria-describedby="id_goals-hint id_goals-count"', page)
    assert '<div class="kern-hint" id="id_goals-count" data-character-count-hint>' in page
    # The texts the live count needs, in both plural forms, rendered on the server.
    assert 'data-limit="4000"' in page
    assert 'data-remaining-one="Sie haben noch %(count)s Zeichen"' in page
    assert 'data-over-other="Sie haben %(count)s Zeichen zu viel"' in page


def test_limit_is_said_in_english_with_english_digit_grouping(client):
    page = _concept_page(client, "en")
    assert page.count("At most 4,000 characters") == 4
    assert 'data-remaining-one="You have %(count)s character remaining"' in page
    assert 'data-remaining-other="You have %(count)s characters remaining"' in page


def test_one_line_fields_with_a_limit_say_it_and_others_do_not():
    with translation.override("de"):
        html = str(AccessibilityFeedbackForm())
    assert "Höchstens 5.000 Zeichen" in html  # the description (textarea)
    assert "Höchstens 500 Zeichen" in html  # the page (one line)
    assert 'data-threshold="80"' in html  # one-line fields count only near the limit
    assert html.count("data-character-count-hint") == 3  # message, page, name; not e-mail


def test_short_codes_get_no_count():
    from inklusiv.applications.forms import ContactForm

    html = str(ContactForm())
    assert "id_contact_name-count" in html  # 200 characters of free text
    assert "id_contact_phone-count" not in html  # 40: a phone number, not a text
