"""Playwright driving Debian's Chromium against pytest-django's live server, plus axe-core."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous, so Django's guard would refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Chromium must not phone home: this machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One Playwright and one Chromium per test process: Playwright's sync API cannot start twice
# in a thread, and test folders outside tests/browser (tests/evaluation) use these fixtures
# through their own conftest, which makes a second session fixture of the same name.
_shared: dict = {}


def shared_chromium():
    if "browser" not in _shared:
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            pytest.fail(
                f"Chromium not found at {CHROMIUM}. "
                "Install Debian's package: apt-get install chromium"
            )
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
    return _shared["browser"]


def close_shared_chromium():
    """Called once at the end of the session (tests/conftest.py)."""
    if "browser" in _shared:
        _shared.pop("browser").close()
        _shared.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    return shared_chromium()


@pytest.fixture
def context(browser, live_server):
    # axe is injected as an inline script, which our Content Security Policy forbids.
    ctx = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def log_in(context, live_server, user):
    """Give the browser a session for `user` without typing (the login flow has its own test)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def axe_violations(page):
    """axe-core's WCAG 2.2 A/AA violations on the current page, as readable strings."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]
