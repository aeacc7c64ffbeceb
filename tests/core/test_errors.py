"""Error pages and production settings: the product's own 404/500 pages with DEBUG off (also
when the database is gone), forms over the size limit, the health check, the deploy check of
SITE_URL, and the demo running with DEBUG off."""

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from tests.core.deploy_check import run_deploy_check

REPO = Path(__file__).resolve().parents[2]
FEEDBACK_TEXT = "Der Kontrast der Schaltflächen ist zu schwach, ich kann sie kaum lesen."


def page_text(response) -> str:
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(content))


def test_the_suite_runs_with_debug_off():
    """Everything here is what production shows: no debug pages."""
    assert django_settings.DEBUG is False


# --- 404 for a stale link -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"), [("de", "Seite nicht gefunden"), ("en", "Page not found")]
)
def test_stale_link_shows_the_products_404_without_the_url_list(client, lang, title):
    response = client.get(f"/{lang}/calls/aufruf-2015-gibt-es-nicht-mehr/")

    assert response.status_code == 404
    text = page_text(response)
    assert title in text
    assert f'<html lang="{lang}"' in response.content.decode()
    # Django's debug page lists the URL patterns it tried; ours names none of them.
    assert "URLconf" not in text and "staff/outbox" not in text


# --- the database gone ----------------------------------------------------------------------


@pytest.fixture
def database_down(transactional_db):
    """Points the connection at a database that cannot be reached, as when the server is
    down; restores it before the test database is cleaned up."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/inklusiv.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
        connection.settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 2
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.fixture
def signed_in(applicant):
    client = Client(raise_request_exception=False)
    client.force_login(applicant)
    return client


@pytest.mark.parametrize(
    ("lang", "title", "explanation"),
    [
        ("de", "Es ist ein Fehler aufgetreten", "Was Sie vorher gespeichert haben, ist nicht"),
        ("en", "Something went wrong", "Everything you saved before is still there"),
    ],
)
def test_database_gone_gives_the_products_500_page_in_the_pages_language(
    signed_in, database_down, lang, title, explanation
):
    response = signed_in.get(f"/{lang}/dashboard/")

    assert response.status_code == 500
    text = page_text(response)
    assert title in text and explanation in text
    assert f'<html lang="{lang}"' in response.content.decode()
    assert "Internal Server Error" not in text


@pytest.mark.parametrize(
    ("lang", "kept"),
    [
        ("de", "Ihre Eingaben stehen noch im Formular"),
        ("en", "Your input is still in the form"),
    ],
)
def test_database_gone_while_sending_a_form_shows_what_was_typed(
    signed_in, database_down, lang, kept
):
    response = signed_in.post(
        f"/{lang}/accessibility/",
        {
            "message": FEEDBACK_TEXT,
            "page_url": "/de/calls/",
            "name": "Katrin Lehmann",
            "password": "Geheimes Passwort 2016",
            "csrfmiddlewaretoken": "abcdefghijklmnopqrstuvwxyz0123456789",
        },
    )

    assert response.status_code == 500
    content = response.content.decode()
    assert kept in page_text(response)
    # The texts come back in read-only boxes to copy; secrets and tokens never do.
    boxes = re.findall(r"<textarea[^>]*readonly>(.*?)</textarea>", content, re.S)
    assert [html.unescape(box) for box in boxes] == [FEEDBACK_TEXT, "Katrin Lehmann"]
    assert "Geheimes Passwort" not in content
    assert "abcdefghijklmnopqrstuvwxyz0123456789" not in content


# --- a form refused for its outdated CSRF token ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "again"),
    [
        ("de", "Das Formular ist abgelaufen", "Formular erneut öffnen"),
        ("en", "The form has expired", "Open the form again"),
    ],
)
def test_form_with_an_outdated_token_is_explained_and_the_text_kept(lang, title, again):
    """E.g. signing in in another tab renews the token; Django's own page is bare English."""
    client = Client(enforce_csrf_checks=True)
    client.get(f"/{lang}/accessibility/")

    response = client.post(
        f"/{lang}/accessibility/",
        {"message": FEEDBACK_TEXT, "csrfmiddlewaretoken": "x" * 64},
        HTTP_REFERER=f"http://testserver/{lang}/accessibility/",
    )

    assert response.status_code == 403
    text = page_text(response)
    assert title in text and "Forbidden" not in text
    content = response.content.decode()
    assert f'<a class="kern-link" href="http://testserver/{lang}/accessibility/">{again}</a>' in (
        html.unescape(content)
    )
    boxes = re.findall(r"<textarea[^>]*readonly>(.*?)</textarea>", content, re.S)
    assert [html.unescape(box) for box in boxes] == [FEEDBACK_TEXT]
    assert f'<html lang="{lang}"' in content


# --- the health check -----------------------------------------------------------------------


@pytest.mark.django_db
def test_health_check_reports_the_database_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_check_answers_over_plain_http_where_pages_redirect_to_https(client, settings):
    """Load balancers ask over plain HTTP inside the network."""
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/de/").status_code == 301


def test_health_check_reports_the_database_down(database_down):
    response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "down", "database": "down"}


# --- a form over the size limit -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "limit", "back"),
    [
        ("de", "Das Formular ist zu groß zum Senden", "2,5 MB", "Zurück-Schaltfläche"),
        ("en", "The form is too large to send", "2.5 MB", "Back button"),
    ],
)
def test_form_over_the_size_limit_explains_in_the_pages_language(client, lang, title, limit, back):
    oversized = "Barriere " * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 9 + 10)

    response = client.post(f"/{lang}/accessibility/", {"message": oversized})

    assert response.status_code == 413
    text = page_text(response)
    assert title in text and limit in text and back in text
    assert f'<html lang="{lang}"' in response.content.decode()
    assert "Bad Request" not in text


@pytest.mark.django_db
def test_form_just_under_the_size_limit_is_read(client):
    """The limit is the server's, not ours: a long text under it reaches the form's own check
    (which refuses more than 5,000 characters with its message, keeping the text)."""
    response = client.post("/de/accessibility/", {"message": "Barriere " * 1000})

    assert response.status_code == 200
    assert "Barriere Barriere" in response.content.decode()


@pytest.mark.django_db
def test_pages_load_the_form_size_warning_with_the_limit(client):
    content = client.get("/de/accessibility/").content.decode()

    script = re.search(r'<script src="/static/core/form-size.js"[^>]*>', content).group(0)
    assert f'data-limit="{django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE}"' in script
    assert "2,5\xa0MB" in html.unescape(script)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"),
    [("de", "Die Anfrage konnte nicht gelesen werden"), ("en", "The request could not be read")],
)
def test_unreadable_form_gets_the_products_400_page(client, lang, title):
    too_many_fields = {
        f"field{n}": "x" for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)
    }

    response = client.post(f"/{lang}/accessibility/", too_many_fields)

    assert response.status_code == 400
    assert title in page_text(response)
    assert f'<html lang="{lang}"' in response.content.decode()


# --- SITE_URL in the deploy check -----------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, "http://localhost:8000", "http://127.0.0.1"])
def test_deploy_check_refuses_a_missing_or_local_site_url(tmp_path, site_url):
    result = run_deploy_check(tmp_path, site_url=site_url)

    assert result.returncode != 0
    assert "inklusiv.E001" in result.stdout + result.stderr


def test_deploy_check_accepts_the_public_site_url(tmp_path):
    result = run_deploy_check(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_about_a_site_url_on_another_host(tmp_path):
    result = run_deploy_check(tmp_path, site_url="https://inklusiv.example.org")

    assert result.returncode != 0
    assert "inklusiv.W003" in result.stdout + result.stderr


# --- the demo ---------------------------------------------------------------------------------


def test_demo_serves_with_debug_off_on_the_chosen_port():
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8123"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    server = next(line for line in result.stdout.splitlines() if "runserver" in line)
    assert "DEBUG=false" in server
    assert "SITE_URL=http://127.0.0.1:8123" in server
    assert "SECURE_SSL_REDIRECT=false" in server and "SESSION_COOKIE_SECURE=false" in server
    assert server.rstrip().endswith("runserver --noreload 127.0.0.1:8123")
